"""The benchmarks run from a clean checkout (a short smoke run: figures, not a speed verdict),
and the fast date path agrees with dateparser on every string it is timed on."""

from __future__ import annotations

import subprocess
import sys

from tests.conftest import REPO


def test_dates_bench_runs_and_agrees_with_dateparser():
    result = subprocess.run([sys.executable, "-m", "bench.dates_bench", "--quick"], cwd=REPO,
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "differing results             0" in result.stdout
    assert "parses/s" in result.stdout and "ms/page" in result.stdout
