"""The benchmark suite runs from a clean checkout (a short smoke run: figures, not a verdict on
speed), and the fast date path agrees with dateparser on every string it is timed on."""

from __future__ import annotations

import json
import subprocess
import sys

from tests.conftest import REPO


def test_dates_bench_runs_and_agrees_with_dateparser():
    result = subprocess.run([sys.executable, "-m", "bench.dates_bench", "--quick"], cwd=REPO,
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "differing results             0" in result.stdout
    assert "parses/s" in result.stdout and "ms/page" in result.stdout


def test_whole_suite_smoke_run(tmp_path):
    out = tmp_path / "results.json"
    result = subprocess.run([sys.executable, "-m", "bench.run_all", "--smoke", "--json", str(out)], cwd=REPO,
                            capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    for line in ("extraction vs trafilatura", "full pipeline / bare Scrapy pages/s", "date fast path vs dateparser",
                 "near-duplicate stage"):
        assert line in result.stdout
    results = json.loads(out.read_text(encoding="utf-8"))
    crawl = results["crawl"]
    assert crawl["full"]["pages"] >= 120 and crawl["bare"]["pages"] >= 120
    assert crawl["full"]["articles"] >= 100
    assert results["dates"]["differing_count"] == 0
