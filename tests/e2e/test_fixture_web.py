"""The fixture web itself: consistent with its expected.json, and served as real sites are."""

from __future__ import annotations

import subprocess
import sys
import urllib.error
import urllib.request

from tests.conftest import REPO


def test_fixture_sites_are_consistent():
    """Encodings decode strictly, expected phrases are where expected.json says, every internal
    link resolves or is a declared broken link (tests/sites/_check.py)."""
    result = subprocess.run([sys.executable, str(REPO / "tests/sites/_check.py")], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout[-3000:]


def fetch(url, headers=None):
    request = urllib.request.Request(url, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as exc:
        return exc.code, dict(exc.headers), exc.read()


def test_sites_are_separate_loopback_hosts(fixture_web):
    hosts = {base.split("//")[1].split(":")[0] for base in fixture_web["bases"].values()}
    assert len(hosts) == len(fixture_web["bases"]) >= 4


def test_server_sends_real_encodings_and_wrong_headers(fixture_web):
    bases = fixture_web["bases"]
    status, headers, body = fetch(bases["cn_miit"] + "/xwdt/gzdt/index.html")
    assert status == 200 and headers["Content-Type"] == "text/html; charset=ISO-8859-1"
    assert "工作动态".encode("gb18030") in body
    status, headers, body = fetch(bases["ru_smolensk"] + "/news/")
    assert headers["Content-Type"] == "text/html" and "Новости".encode("cp1251") in body


def test_broken_links_and_conditional_requests(fixture_web):
    base = fixture_web["bases"]["ru_smolensk"]
    assert fetch(base + "/news/1190.html")[0] == 500
    assert fetch(base + "/news/1183.html")[0] == 404
    status, headers, _ = fetch(base + "/news/1187.html")
    assert status == 200 and headers["ETag"]
    assert fetch(base + "/news/1187.html", {"If-None-Match": headers["ETag"]})[0] == 304


def test_base_placeholder_is_filled(fixture_web):
    base = fixture_web["bases"]["en_ministry"]
    _, _, robots = fetch(base + "/robots.txt")
    assert f"Sitemap: {base}/sitemap.xml".encode() in robots
