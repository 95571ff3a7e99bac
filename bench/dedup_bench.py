"""Near-duplicate lookup at archive scale: fills databases of synthetic articles (10k, 100k and,
with --full, 1M) and times the near-duplicate stage for real texts against each.

    python -m bench.dedup_bench [--full] [--sizes 10000,100000] [--queries 200] [--json out.json]

The stored articles are synthetic *index rows* (random MinHash signatures, their band keys, a
document number for one in twenty): what a lookup touches, without paying to hash a million
texts. The queries are real article texts (fixture sites and ../shared/eval pages); a tenth of
them are planted in the index beforehand, so lookups find real candidates too.
Target (issue: dedup): the stage (signature + lookup + index insert) under 2 ms per article at
1M, and flat from 10k (no full scans).
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

from newscrawler.db import open_db
from newscrawler.dedup.docnumbers import document_numbers
from newscrawler.dedup.index import add_to_index, find_original
from newscrawler.dedup.signature import NUM_PERM, band_keys_batch, signature

REPO = Path(__file__).resolve().parents[1]
TARGET_MS = 2.0


def query_texts(limit: int) -> list[str]:
    from newscrawler.extract.charset import decode_html
    from newscrawler.extract.page import read_page

    texts = []
    fundus = REPO.parent / "shared/eval/fundus_publishers/ground_truth.jsonl"
    if fundus.exists():
        texts += [json.loads(line)["text"] for line in fundus.read_text(encoding="utf-8").splitlines()]
    for expected in sorted((REPO / "tests/sites").glob("*/expected.json")):
        for path in json.loads(expected.read_text(encoding="utf-8"))["articles"]:
            file = expected.parent / path.lstrip("/").replace("?", "@")
            if file.is_file():
                texts.append(read_page(decode_html(file.read_bytes())[0], "http://x" + path)["text"])
    texts = [t for t in texts if t and len(t) > 200]
    return (texts * (limit // max(len(texts), 1) + 1))[:limit]


def fill(db, size: int, batch: int = 200_000) -> float:
    """Insert ``size`` synthetic articles' index rows; returns seconds."""
    rng = np.random.default_rng(42)
    started = time.perf_counter()
    db.begin()
    for start in range(0, size, batch):
        n = min(batch, size - start)
        ids = np.arange(start + 1, start + n + 1)
        sigs = rng.integers(0, 2**32, size=(n, NUM_PERM), dtype=np.uint32)
        keys = band_keys_batch(sigs)
        pairs = np.column_stack([keys.ravel(), np.repeat(ids, keys.shape[1])])
        pairs = pairs[np.argsort(pairs[:, 0], kind="stable")]
        db.conn.executemany("INSERT OR IGNORE INTO dedup_bands (key, article_id) VALUES (?, ?)", pairs.tolist())
        sizes = rng.integers(200, 4000, size=n)
        db.conn.executemany("INSERT INTO dedup_signatures (article_id, signature, shingles) VALUES (?, ?, ?)",
                            ((int(i), s.tobytes(), int(z)) for i, s, z in zip(ids, sigs, sizes)))
        db.conn.executemany("INSERT OR IGNORE INTO doc_numbers (number, article_id) VALUES (?, ?)",
                            ((f"synthetic|2024|{i}", int(i)) for i in ids[::20]))
    db.commit()
    return time.perf_counter() - started


def measure(db, texts: list[str], first_id: int) -> dict:
    """Time the near-duplicate stage for each text: signature, lookup, index insert."""
    lookups, stages, found = [], [], 0
    db.begin()
    planted = texts[: len(texts) // 10]
    for i, text in enumerate(planted):   # earlier copies of some query texts
        add_to_index(db, first_id + i, signature(text), sorted(document_numbers(None, text)))
    for i, text in enumerate(texts):
        t0 = time.perf_counter()
        sig = signature(text)
        numbers = sorted(document_numbers(None, text))
        t1 = time.perf_counter()
        match = find_original(db, sig, numbers)
        t2 = time.perf_counter()
        add_to_index(db, first_id + len(planted) + i, sig, numbers)
        t3 = time.perf_counter()
        lookups.append((t2 - t1) * 1000)
        stages.append((t3 - t0) * 1000)
        found += match is not None
    db.rollback()
    return {"lookup_ms_median": statistics.median(lookups),
            "lookup_ms_p95": sorted(lookups)[int(len(lookups) * 0.95) - 1],
            "stage_ms_median": statistics.median(stages), "stage_ms_mean": statistics.fmean(stages),
            "queries": len(texts), "matches": found}


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--full", action="store_true", help="also 1,000,000 articles (a few minutes, ~1.5 GB)")
    parser.add_argument("--sizes", help="comma-separated sizes (overrides the defaults)")
    parser.add_argument("--queries", type=int, default=300)
    parser.add_argument("--json", type=Path)
    args = parser.parse_args(argv)
    sizes = [int(s) for s in args.sizes.split(",")] if args.sizes else \
        [10_000, 100_000] + ([1_000_000] if args.full else [])
    texts = query_texts(args.queries)
    signature(texts[0])   # first-call costs outside the timing
    results = []
    print(f"{'articles':>10} {'fill s':>8} {'db MB':>7} {'lookup ms':>10} {'p95 ms':>7} {'stage ms':>9} {'matches':>8}")
    for size in sizes:
        with tempfile.TemporaryDirectory() as tmp:
            db = open_db(Path(tmp) / "bench.db")
            fill_s = fill(db, size)
            figures = {"articles": size, "fill_s": fill_s, **measure(db, texts, size + 1)}
            db.close()
            figures["db_mb"] = sum(f.stat().st_size for f in Path(tmp).iterdir()) / 1e6
        results.append(figures)
        print(f"{size:>10,} {fill_s:>8.1f} {figures['db_mb']:>7.0f} {figures['lookup_ms_median']:>10.3f} "
              f"{figures['lookup_ms_p95']:>7.3f} {figures['stage_ms_median']:>9.3f} {figures['matches']:>8}")
    flat = results[-1]["lookup_ms_median"] / results[0]["lookup_ms_median"]
    print(f"lookup cost at {sizes[-1]:,} / at {sizes[0]:,}: {flat:.2f}x (flat is ~1)")
    worst = max(r["stage_ms_median"] for r in results)
    print(f"near-duplicate stage: {worst:.3f} ms per article at worst (target < {TARGET_MS} ms)")
    if args.json:
        args.json.write_text(json.dumps(results, indent=2), encoding="utf-8")
    return 0 if worst < TARGET_MS else 1


if __name__ == "__main__":
    sys.exit(main())
