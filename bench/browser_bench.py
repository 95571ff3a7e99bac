"""The price of the browser: the same pages crawled with Scrapy's plain downloader and through
scrapy-playwright + Chromium, in the same run.

    python -m bench.browser_bench [--rounds 3]

The pages are the en_ministry fixture site (static HTML, so both paths read the same content).
Prints pages per second for each path and the ratio; needs Debian's chromium.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from newscrawler.browser import find_chromium
from newscrawler.fixtureweb import FixtureWeb

FAST = ["--set", "DOWNLOAD_DELAY=0", "--set", "AUTOTHROTTLE_ENABLED=False", "--set", "RETRY_ENABLED=False",
        "--set", "NEWSCRAWLER_INCREMENTAL=False", "--progress", "0", "--no-deliver"]


def crawl(base: str, render: str | None) -> tuple[int, float]:
    with tempfile.TemporaryDirectory() as tmp:
        registry = Path(tmp) / "sites.toml"
        registry.write_text(f'[sites.bench]\nstart_urls = ["{base}/news/"]\nlanguage = "en"\n'
                            + (f'render = "{render}"\n' if render else ""), encoding="utf-8")
        db = Path(tmp) / "bench.db"
        started = time.perf_counter()
        subprocess.run([sys.executable, "-m", "newscrawler.cli", "crawl", "bench", "--registry", str(registry),
                        "--db", str(db), *FAST], check=True, capture_output=True)
        seconds = time.perf_counter() - started
        import sqlite3

        pages = sqlite3.connect(db).execute("SELECT pages_fetched FROM crawl_runs").fetchone()[0]
    return pages, seconds


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--json", type=Path)
    args = parser.parse_args(argv)
    if find_chromium() is None:
        print("no Chromium installed (apt-get install chromium)", file=sys.stderr)
        return 2
    with FixtureWeb() as web:
        base = web.bases["en_ministry"]
        plain = [crawl(base, None) for _ in range(args.rounds)]
        browser = [crawl(base, "browser") for _ in range(args.rounds)]
    rate = {name: statistics.median(p / s for p, s in runs) for name, runs in (("plain", plain), ("browser", browser))}
    print(f"{'downloader':<12} {'pages':>6} {'pages/s (median of ' + str(args.rounds) + ', process start included)':>50}")
    print(f"{'plain':<12} {plain[0][0]:>6} {rate['plain']:>50.1f}")
    print(f"{'browser':<12} {browser[0][0]:>6} {rate['browser']:>50.1f}")
    print(f"the browser costs {rate['plain'] / rate['browser']:.1f}x the plain downloader on the same pages")
    if args.json:
        args.json.write_text(json.dumps(rate, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
