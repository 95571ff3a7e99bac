"""Unattended operation: the scheduler runs several cycles with short intervals against the fixture
web (one site unreachable), survives the failing site, raises source_broken, stops cleanly on
SIGTERM; a crawl killed with SIGKILL leaves a consistent database and the next run completes it."""

from __future__ import annotations

import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import FAST, REPO, load_expected, query, run_cli

EXPECTED = load_expected()
DOWN = '\n[sites.down-site]\nname = "A site that is down"\nstart_urls = ["http://127.0.0.1:9/news/"]\nevery = "1s"\n'


@pytest.fixture
def registry(fixture_web, tmp_path):
    path = tmp_path / "sites.toml"
    path.write_text(fixture_web["registry"].read_text(encoding="utf-8") + DOWN, encoding="utf-8")
    return path


def wait_for(predicate, timeout: float, step: float = 0.3):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(step)
    return False


def finished_runs(db, source: str) -> int:
    if not db.exists():
        return 0
    try:
        return query(db, "SELECT count(*) AS n FROM crawl_runs WHERE source = ? AND finished_at IS NOT NULL",
                     [source])[0]["n"]
    except sqlite3.OperationalError:
        return 0


def test_scheduler_cycles_survives_a_dead_site_and_stops_on_sigterm(registry, tmp_path):
    db = tmp_path / "sched.db"
    jsonl = tmp_path / "alerts.jsonl"
    proc = subprocess.Popen(
        [sys.executable, "-m", "newscrawler.cli", "schedule", "ru-smolensk-67c", "down-site",
         "--registry", str(registry), "--db", str(db), "--every", "1s", "--tick", "0.3",
         "--sink", f"jsonl:{jsonl}", *FAST], cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        assert wait_for(lambda: finished_runs(db, "down-site") >= 3, timeout=120), "three cycles did not run"
    finally:
        proc.send_signal(signal.SIGTERM)
        out, err = proc.communicate(timeout=60)
    assert proc.returncode == 0, err[-2000:]
    assert "stopped" in out
    assert out.count("crawl ru-smolensk-67c:") >= 3 and "crawl down-site:" in out
    runs = query(db, "SELECT * FROM crawl_runs WHERE source = 'ru-smolensk-67c' AND finished_at IS NOT NULL "
                     "ORDER BY id")
    assert runs[0]["articles_new"] == len(EXPECTED["ru_smolensk"]["articles"])
    assert all(r["articles_new"] == 0 for r in runs[1:])   # later cycles find nothing new, fetch no article
    broken = query(db, "SELECT * FROM alerts WHERE kind = 'source_broken'")
    assert [a["source"] for a in broken] == ["down-site"]
    assert "health: [source_broken] down-site" in out
    assert "source_broken" in jsonl.read_text(encoding="utf-8")
    stats = run_cli("stats", "--db", str(db))
    assert "down-site" in stats.stdout and "connection_refused" in stats.stdout


def test_once_crawls_what_is_due_and_a_second_call_finds_nothing(registry, tmp_path):
    db = tmp_path / "once.db"
    args = ["schedule", "en-ministry", "--registry", str(registry), "--db", str(db), "--every", "1h", "--once",
            "--sink", f"jsonl:{tmp_path / 'a.jsonl'}", *FAST]
    first = run_cli(*args)
    assert "crawl en-ministry:" in first.stdout
    second = run_cli(*args)
    assert "nothing due" in second.stdout


def test_a_killed_crawl_leaves_a_consistent_database_and_the_next_run_completes_it(fixture_web, tmp_path):
    db = tmp_path / "killed.db"
    slow = ["--set", "DOWNLOAD_DELAY=0.25", "--set", "AUTOTHROTTLE_ENABLED=False", "--set",
            "CONCURRENT_REQUESTS_PER_DOMAIN=1", "--set", "NEWSCRAWLER_COMMIT_EVERY=3", "--set", "NEWSCRAWLER_WORKERS=2"]
    args = ["crawl", "ru-smolensk-67c", "cn-miit", "--registry", str(fixture_web["registry"]), "--db", str(db)]
    proc = subprocess.Popen([sys.executable, "-m", "newscrawler.cli", *args, *slow], cwd=REPO,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    assert wait_for(lambda: db.exists() and _count(db) >= 3, timeout=60), "the crawl stored nothing"
    workers = _children(proc.pid)
    assert workers, "the crawl runs its per-page work in worker processes"
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=10)
    assert wait_for(lambda: not any(_alive(pid) for pid in workers), timeout=10), \
        "worker processes outlived the killed crawl"
    conn = sqlite3.connect(db)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    stored = conn.execute("SELECT count(*) FROM articles").fetchone()[0]
    assert conn.execute("SELECT count(*) FROM crawl_runs WHERE finished_at IS NULL").fetchone()[0] == 2
    assert conn.execute("SELECT count(*) FROM article_urls WHERE article_id NOT IN (SELECT id FROM articles)"
                        ).fetchone()[0] == 0
    conn.close()
    total = len(EXPECTED["ru_smolensk"]["articles"]) + len(EXPECTED["cn_miit"]["articles"])
    assert 0 < stored < total
    run_cli(*args, *FAST)
    rows = query(db, "SELECT url FROM articles")
    assert len(rows) == total == len({r["url"] for r in rows})


def _alive(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"   # a zombie is dead
    except (OSError, IndexError):
        return False


def _children(pid: int) -> list[int]:
    return [int(c) for task in Path(f"/proc/{pid}/task").iterdir()
            for c in (task / "children").read_text().split()]


def _count(db) -> int:
    try:
        return query(db, "SELECT count(*) AS n FROM articles")[0]["n"]
    except sqlite3.OperationalError:
        return 0
