"""Shared fixtures: the fixture web served on loopback in a subprocess, and crawls run through
the real ``newscrawler`` command into real SQLite files. Nothing here touches the internet."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SITES_DIR = REPO / "tests" / "sites"
# the demo registry id of each fixture site
SITE_IDS = {"ru_smolensk": "ru-smolensk-67c", "cn_miit": "cn-miit", "ko_industry": "ko-industry",
            "en_ministry": "en-ministry", "cn_province": "cn-province", "en_regional": "en-regional"}
FAST = ["--set", "DOWNLOAD_DELAY=0", "--set", "AUTOTHROTTLE_ENABLED=False", "--set", "RETRY_ENABLED=False",
        "--set", "CONCURRENT_REQUESTS_PER_DOMAIN=8"]

for var in ("http_proxy", "https_proxy", "HTTP_PROXY", "HTTPS_PROXY", "all_proxy", "ALL_PROXY"):
    os.environ.pop(var, None)


def serve_fixture_web(registry: Path):
    """Start the fixture web in a subprocess; returns (process, {name: base URL})."""
    proc = subprocess.Popen(
        [sys.executable, "-m", "newscrawler.fixtureweb", "--registry-out", str(registry)],
        stdout=subprocess.PIPE, text=True, cwd=REPO,
    )
    return proc, json.loads(proc.stdout.readline())


@pytest.fixture(scope="session")
def fixture_web(tmp_path_factory):
    """{"bases": {site name: base URL}, "registry": path of the resolved demo registry}."""
    registry = tmp_path_factory.mktemp("web") / "sites.toml"
    proc, bases = serve_fixture_web(registry)
    try:
        yield {"bases": bases, "registry": registry}
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def set_state(web: dict, state: int) -> None:
    """Switch every site of a running fixture web to its state N (``_stateN/`` pages)."""
    import urllib.request

    for base in web["bases"].values():
        urllib.request.urlopen(f"{base}/_fixtureweb/state?{state}", timeout=10).read()


def run_cli(*args, check=True, timeout=300) -> subprocess.CompletedProcess:
    """Run the installed command line in a fresh process, as a user would."""
    result = subprocess.run([sys.executable, "-m", "newscrawler.cli", *args], capture_output=True,
                            text=True, cwd=REPO, timeout=timeout)
    if check and result.returncode != 0:
        raise AssertionError(f"newscrawler {' '.join(args)} exited {result.returncode}:\n{result.stderr[-3000:]}")
    return result


def load_expected() -> dict[str, dict]:
    return {p.parent.name: json.loads(p.read_text(encoding="utf-8")) for p in sorted(SITES_DIR.glob("*/expected.json"))}


def query(db_path, sql, params=()) -> list[dict]:
    conn = sqlite3.connect(db_path)
    conn.row_factory = sqlite3.Row
    try:
        return [dict(r) for r in conn.execute(sql, params)]
    finally:
        conn.close()


def server_hits(fixture_web, reset: bool = False) -> dict[str, dict[str, int]]:
    """{site name: {requested path: count}} as the fixture server counted them; ``reset`` starts
    a new count after reading."""
    import urllib.request

    hits = {}
    for name, base in fixture_web["bases"].items():
        with urllib.request.urlopen(base + "/_fixtureweb/hits", timeout=10) as response:
            hits[name] = json.loads(response.read())
        if reset:
            urllib.request.urlopen(base + "/_fixtureweb/hits?reset", timeout=10).read()
    return hits
