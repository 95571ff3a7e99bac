"""health: broken and quiet sources, from crawl history."""

from datetime import datetime, timezone

import pytest

from newscrawler.db import open_db
from newscrawler.health import HealthPolicy, check_sources, diagnose_rhythm, diagnose_runs

POLICY = HealthPolicy()
NOW = datetime(2026, 11, 24, tzinfo=timezone.utc)


def run(seen=10, pages=20, errors=0, kinds="{}"):
    return {"started_at": "2026-11-24T00:00:00+00:00", "pages": pages, "new": 0, "updated": 0, "unchanged": seen,
            "duplicate": 0, "errors": errors, "by_kind": kinds}


DOWN = run(seen=0, pages=1, errors=1, kinds='{"connection_refused": 1}')


@pytest.mark.parametrize("runs, broken", [
    ([DOWN, DOWN, DOWN], "unreachable for 3 crawls"),
    ([DOWN, DOWN, run()], None),                                    # two failures are not yet broken
    ([run(seen=0, pages=5), run(), run(), run()], "no article found"),
    ([run(seen=5, pages=20, errors=15), run(), run()], "error rate jumped"),
    ([run(), run(), run()], None),
])
def test_diagnose_runs(runs, broken):
    reason = diagnose_runs(runs, POLICY)
    assert (reason is None) if broken is None else broken in reason


def test_a_daily_source_silent_for_weeks_is_quiet():
    daily = [f"2026-10-{d:02d}" for d in range(1, 21)]
    assert "usually publishes every 1 days" in diagnose_rhythm(daily, NOW, POLICY)


def test_a_monthly_source_silent_for_a_month_is_not_quiet():
    monthly = [f"2026-{m:02d}-15" for m in range(1, 11)]
    assert diagnose_rhythm(monthly, NOW, POLICY) is None


def test_too_little_history_says_nothing():
    assert diagnose_rhythm(["2025-01-01", "2025-01-02"], NOW, POLICY) is None


def test_a_broken_source_is_alerted_once(tmp_path):
    db = open_db(tmp_path / "h.db")
    for i in range(3):
        db["crawl_runs"].insert({"run_id": str(i), "source": "down", "started_at": f"2026-11-2{i}T00:00:00+00:00",
                                 "finished_at": f"2026-11-2{i}T00:01:00+00:00", "pages_fetched": 1,
                                 "errors_total": 1, "errors": '{"dns": 1}', "finish_reason": "finished"})
    first = check_sources(db, ["down"], NOW)
    assert [a["kind"] for a in first] == ["source_broken"] and "dns" in first[0]["reason"]
    assert check_sources(db, ["down"], NOW) == []
    assert db["alerts"].count == 1 and db["alerts"].get(1)["source"] == "down"
