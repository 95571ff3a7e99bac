"""The change detector end to end, on the fixture web in two states: the sites as they are, then
later (a new MIIT list, a corrected 2023 list, new KICOX, Minpromtorg and ministry designations).
Exactly the expected alerts, none repeated; a first crawl with the default window is a baseline."""

from __future__ import annotations

import json
from urllib.parse import urlsplit

import pytest

from newscrawler.detect.analysis import normalise_name
from tests.conftest import FAST, SITES_DIR, query, run_cli, serve_fixture_web, set_state

STATE2 = json.loads((SITES_DIR / "state2_expected.json").read_text(encoding="utf-8"))


def path_of(url: str) -> str:
    parts = urlsplit(url)
    return parts.path + (f"?{parts.query}" if parts.query else "")


def keys(names) -> set[str]:
    return {normalise_name(n) for n in names}


@pytest.fixture(scope="module")
def web(tmp_path_factory):
    registry = tmp_path_factory.mktemp("alerts-web") / "sites.toml"
    proc, bases = serve_fixture_web(registry)
    try:
        yield {"bases": bases, "registry": registry}
    finally:
        proc.terminate()
        proc.wait(timeout=10)


@pytest.fixture(scope="module")
def history(web, tmp_path_factory):
    """Crawl state 1 (every announcement alerted: --alert-window all), again, then state 2."""
    db = tmp_path_factory.mktemp("alerts") / "news.db"
    jsonl = db.parent / "alerts.jsonl"
    base = ["crawl", "--registry", str(web["registry"]), "--db", str(db), *FAST, "--sink", f"jsonl:{jsonl}"]
    first = run_cli(*base, "--alert-window", "all")
    after_first = query(db, "SELECT * FROM alerts ORDER BY id")
    run_cli(*base)
    after_second = query(db, "SELECT * FROM alerts ORDER BY id")
    set_state(web, 2)
    third = run_cli(*base, "--set", "NEWSCRAWLER_REFRESH_ANNOUNCEMENTS_AFTER=0")
    after_third = query(db, "SELECT * FROM alerts ORDER BY id")
    return {"db": db, "jsonl": jsonl, "first": first, "third": third, "after_first": after_first,
            "after_second": after_second, "after_third": after_third}


def announced_names(alerts) -> set[str]:
    return {normalise_name(n) for a in alerts for n in json.loads(a["payload"])["clusters"]}


def test_first_crawl_alerts_every_list_once(history):
    alerts = history["after_first"]
    assert alerts and {a["kind"] for a in alerts} <= {"new_cluster_list", "new_clusters"}
    expected = set()
    for site_dir in SITES_DIR.iterdir():
        if (site_dir / "expected.json").exists():
            for article in json.loads((site_dir / "expected.json").read_text(encoding="utf-8"))["articles"].values():
                if article.get("cluster", {}).get("label") == "announcement":
                    expected |= keys(article["cluster"]["clusters"])
    announced = announced_names(alerts)
    assert announced >= expected - {normalise_name("Смоленский кластер станкостроения и металлообработки")}
    # every name is announced exactly once across all alerts
    all_names = [normalise_name(n) for a in alerts for n in json.loads(a["payload"])["clusters"]]
    assert len(all_names) == len(set(all_names))


def test_every_alert_names_a_stored_article_and_carries_the_payload(history):
    urls = {r["url"] for r in query(history["db"], "SELECT url FROM articles")}
    for alert in history["after_third"]:
        payload = json.loads(alert["payload"])
        assert alert["article_url"] in urls
        assert {"clusters", "count", "language", "source"} <= set(payload)


def test_recrawl_of_the_same_web_raises_nothing(history):
    assert history["after_second"] == history["after_first"]


def test_later_state_raises_exactly_the_expected_alerts(history):
    new = history["after_third"][len(history["after_first"]):]
    got = sorted((a["kind"], path_of(a["article_url"])) for a in new)
    want = sorted((e["kind"], e["article"].split(":", 1)[1]) for e in STATE2["expected_alerts"])
    assert got == want
    by_path = {path_of(a["article_url"]): json.loads(a["payload"]) for a in new}
    for expected in STATE2["expected_alerts"]:
        payload = by_path[expected["article"].split(":", 1)[1]]
        if expected["kind"] == "updated_cluster_list":
            assert keys(payload["diff"]["added"]) == keys(expected["added"])
            assert keys(payload["diff"]["removed"]) == keys(expected["removed"])
        else:
            assert keys(payload["clusters"]) >= keys(expected["clusters"])


def test_alerts_are_delivered_after_each_crawl(history):
    lines = [json.loads(x) for x in history["jsonl"].read_text(encoding="utf-8").splitlines()]
    assert sorted(a["id"] for a in lines) == [a["id"] for a in history["after_third"]]
    assert all(a["delivered_at"] for a in query(history["db"], "SELECT delivered_at FROM alerts"))
    assert "alerts: " in history["third"].stdout


def test_clusters_and_lists_are_remembered(history):
    clusters = query(history["db"], "SELECT normalized_name FROM clusters")
    assert len(clusters) == len({c["normalized_name"] for c in clusters}) >= 30
    lists = query(history["db"], "SELECT * FROM cluster_lists")
    corrected = [json.loads(x["items"]) for x in lists if "河南省长葛市超硬材料产业集群" in x["items"]]
    assert corrected and not any("河南省长垣市起重装备产业集群" in items for items in corrected)


def test_a_first_crawl_with_the_default_window_is_a_silent_baseline(web, tmp_path):
    set_state(web, 1)
    db = tmp_path / "baseline.db"
    run_cli("crawl", "--registry", str(web["registry"]), "--db", str(db), *FAST, "--no-deliver")
    assert query(db, "SELECT count(*) AS n FROM alerts")[0]["n"] == 0
    assert query(db, "SELECT count(*) AS n FROM cluster_lists WHERE alerted = 0")[0]["n"] >= 4
