"""Precision and recall of near-duplicate detection on the labelled pairs in tests/data/.

    python -m bench.eval_dedup [--sweep] [-v]

Each pair is labelled ``copy`` (the same article republished with a new intro, another title,
small edits), ``same_document`` (two texts about one official document, carrying its number),
``rewrite`` (the same news written independently) or ``different`` (other news on the same
topic, same-template notices, a text citing another's number). The first two must be found as
duplicates, the last two must not. Each pair goes through the real index: text a is stored in a
fresh database, text b is looked up (``dedup.index.find_original``), so LSH banding is counted.
``--sweep`` also prints precision/recall for a range of thresholds, from estimated containment.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from collections import defaultdict
from pathlib import Path

from newscrawler.db import open_db
from newscrawler.dedup.docnumbers import document_numbers
from newscrawler.dedup.index import NEAR_DUPLICATE, SAME_DOCUMENT, add_to_index, find_original
from newscrawler.dedup.signature import containment, signature

PAIRS_DIR = Path(__file__).resolve().parents[1] / "tests" / "data"
POSITIVE = {"copy", "same_document"}


def load_pairs() -> list[dict]:
    pairs = []
    for path in sorted(PAIRS_DIR.glob("dedup_pairs_*.jsonl")):
        pairs += [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return pairs


def features(pair: dict) -> dict:
    a, b = pair["a"], pair["b"]
    sig_a, sig_b = signature(a["text"]), signature(b["text"])
    nums_a = document_numbers(a["title"], a["text"])
    nums_b = document_numbers(b["title"], b["text"])
    return {"sig_a": sig_a, "sig_b": sig_b, "nums_a": nums_a, "nums_b": nums_b,
            "similarity": containment(sig_a, sig_b) if sig_a is not None and sig_b is not None else 0.0,
            "shared_number": bool(nums_a & nums_b)}


def detect(db, pair_id: int, f: dict, near: float, same_doc: float) -> bool:
    """Store a, look up b, in a savepoint that is rolled back."""
    db.execute("SAVEPOINT pair")
    try:
        db["articles"].insert({"id": pair_id, "url": f"https://a.example/{pair_id}", "source": "a"})
        add_to_index(db, pair_id, f["sig_a"], sorted(f["nums_a"]))
        return find_original(db, f["sig_b"], sorted(f["nums_b"]), near_duplicate=near,
                             same_document=same_doc) is not None
    finally:
        db.execute("ROLLBACK TO pair")
        db.execute("RELEASE pair")


def scores(results: list[tuple[dict, bool]]) -> dict:
    """Precision/recall overall, and the share called duplicate per label and language."""
    tp = sum(1 for p, d in results if d and p["label"] in POSITIVE)
    fp = sum(1 for p, d in results if d and p["label"] not in POSITIVE)
    fn = sum(1 for p, d in results if not d and p["label"] in POSITIVE)
    by = defaultdict(lambda: [0, 0])
    for p, d in results:
        by[(p["lang"], p["label"])][0] += d
        by[(p["lang"], p["label"])][1] += 1
    return {"pairs": len(results), "precision": tp / (tp + fp) if tp + fp else 1.0,
            "recall": tp / (tp + fn) if tp + fn else 1.0,
            "called_duplicate": {f"{lang}/{label}": f"{n}/{total}" for (lang, label), (n, total) in sorted(by.items())}}


def evaluate(near: float = NEAR_DUPLICATE, same_doc: float = SAME_DOCUMENT, verbose: bool = False) -> dict:
    pairs = load_pairs()
    with tempfile.TemporaryDirectory() as tmp:
        db = open_db(Path(tmp) / "pairs.db")
        db.begin()
        results = []
        for i, pair in enumerate(pairs, 1):
            f = features(pair)
            found = detect(db, i, f, near, same_doc)
            results.append((pair, found))
            if verbose and found != (pair["label"] in POSITIVE):
                print(f"{'FP' if found else 'FN'} {pair['id']}: similarity {f['similarity']:.2f}, "
                      f"numbers {sorted(f['nums_a'])} / {sorted(f['nums_b'])}")
        db.rollback()
        db.close()
    return scores(results)


def sweep() -> None:
    pairs = load_pairs()
    feats = [(p, features(p)) for p in pairs]
    print("near  same_doc  precision  recall   (from estimated containment, no banding or conflicts)")
    for near in (0.6, 0.7, 0.8, 0.85, 0.88, 0.9):
        for same_doc in (0.0, 0.05, 0.1, 0.2):
            results = [(p, f["similarity"] >= near or (f["shared_number"] and f["similarity"] >= same_doc))
                       for p, f in feats]
            s = scores(results)
            print(f"{near:4.2f}  {same_doc:8.2f}  {s['precision']:9.3f}  {s['recall']:6.3f}")
    print("\nestimated containment by label: min / median / max")
    by = defaultdict(list)
    for p, f in feats:
        by[p["label"]].append(f["similarity"])
    for label, values in sorted(by.items()):
        values.sort()
        print(f"  {label:<14} {values[0]:.2f} / {values[len(values) // 2]:.2f} / {values[-1]:.2f}  (n={len(values)})")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sweep", action="store_true")
    parser.add_argument("-v", "--verbose", action="store_true")
    args = parser.parse_args(argv)
    if not load_pairs():
        print(f"no labelled pairs in {PAIRS_DIR}", file=sys.stderr)
        return 2
    if args.sweep:
        sweep()
    result = evaluate(verbose=args.verbose)
    print(f"\nthresholds: near duplicate {NEAR_DUPLICATE}, same document {SAME_DOCUMENT}")
    print(f"pairs {result['pairs']}  precision {result['precision']:.3f}  recall {result['recall']:.3f}")
    for key, value in result["called_duplicate"].items():
        print(f"  called duplicate {key:<22} {value}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
