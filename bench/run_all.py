"""Every benchmark in one command: prints one table, writes one JSON file.

    python -m bench.run_all [--smoke | --full] [--json bench/out/results.json]

Default (about 10 minutes on two cores): extraction against trafilatura and news-please, the
date fast path, near-duplicate lookup at 10k and 100k articles, the crawl of a 2,000-page corpus
(bare Scrapy, full pipeline, each stage off). ``--full``: the crawl at 20,000 pages with memory at
5k and 20k, dedup at 1M. ``--smoke``: tiny sizes, for CI, so the suite cannot rot.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

OUT = Path(__file__).resolve().parent / "out"


def run(module: str, *args: str) -> tuple[dict | list, str]:
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "r.json"
        started = time.monotonic()
        proc = subprocess.run([sys.executable, "-m", module, *args, "--json", str(out)],
                              capture_output=True, text=True, cwd=Path(__file__).resolve().parents[1])
        if not out.exists():
            raise RuntimeError(f"{module} failed ({proc.returncode}): {proc.stderr[-1500:]}")
        print(f"--- {module} ({time.monotonic() - started:.0f}s)\n{proc.stdout.rstrip()}\n", flush=True)
        return json.loads(out.read_text(encoding="utf-8")), proc.stdout


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    size = parser.add_mutually_exclusive_group()
    size.add_argument("--smoke", action="store_true")
    size.add_argument("--full", action="store_true")
    parser.add_argument("--json", type=Path, default=OUT / "results.json")
    args = parser.parse_args(argv)
    results = {}
    if args.smoke:
        results["extraction"], _ = run("bench.extract_bench", "--rounds", "1", "--corpus-pages", "20")
        results["dates"], _ = run("bench.dates_bench", "--quick")
        results["dedup"], _ = run("bench.dedup_bench", "--sizes", "1000,5000", "--queries", "30")
        results["crawl"], _ = run("bench.crawl_bench", "--pages", "120", "--no-stages", "--rounds", "1")
    else:
        results["extraction"], _ = run("bench.extract_bench")
        results["dates"], _ = run("bench.dates_bench")
        results["dedup"], _ = run("bench.dedup_bench", *(["--full"] if args.full else []))
        results["crawl"], _ = run("bench.crawl_bench", *(["--full"] if args.full else []))
    x, c = results["extraction"], results["crawl"]
    full = c["full"]
    rows = [
        ("extraction vs trafilatura", f"{x['newscrawler_ms'] / x['trafilatura_ms']:.2f}x", "<= 1.25x"),
        ("extraction vs news-please",
         f"{x['newscrawler_ms'] / x['news_please_ms']:.2f}x" if x.get("news_please_ms") else "n/a", "<= 0.33x"),
        ("full pipeline / bare Scrapy pages/s", f"{c['share_median']:.0%}", ">= 40%"),
        ("peak memory of the crawl (PSS, all processes)", f"{full['peak_pss_total_mb']:.0f} MB", "< 300 MB at 20k"),
        ("date fast path vs dateparser", f"{results['dates']['speedup']:.0f}x", ">= 50x"),
        ("near-duplicate stage, largest size", f"{max(r['stage_ms_median'] for r in results['dedup']):.2f} ms",
         "< 2 ms at 1M"),
    ]
    if "full_5k" in c:
        growth = full["peak_pss_total_mb"] / c["full_5k"]["peak_pss_total_mb"] - 1
        rows.append(("RSS growth 5k -> 20k pages", f"{growth:+.0%}", "within 10%"))
    width = max(len(r[0]) for r in rows)
    print("summary")
    for name, value, target in rows:
        print(f"  {name:<{width}}  {value:>10}   target {target}")
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(results, indent=2), encoding="utf-8")
    print(f"\nwritten: {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
