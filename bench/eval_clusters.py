"""Precision and recall of the cluster-announcement classifier, per label and language, on the
labelled texts in tests/data/cluster_texts_*.jsonl and the labelled articles of the fixture web
(tests/sites/*/expected.json, state 2 included, read through the real extraction); and how many
of the expected cluster names are extracted.

    python -m bench.eval_clusters [-v]
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import defaultdict
from functools import lru_cache
from pathlib import Path

from newscrawler.detect.analysis import ANNOUNCEMENT, CALL, OTHER, analyse_clusters, normalise_name

DATA_DIR = Path(__file__).resolve().parents[1] / "tests" / "data"
LABELS = (ANNOUNCEMENT, CALL, OTHER)


SITES_DIR = Path(__file__).resolve().parents[1] / "tests" / "sites"


def _fixture_page(site_dir: Path, path: str) -> Path:
    rel = path.lstrip("/").replace("?", "@")
    if rel == "" or rel.endswith("/"):
        rel += "index.html"
    later = site_dir / "_state2" / rel
    return later if later.is_file() else site_dir / rel


@lru_cache(maxsize=1)
def _fixture_articles() -> tuple:
    from newscrawler.reader import read_page

    rows = []
    labelled = []
    for expected in sorted(SITES_DIR.glob("*/expected.json")):
        for path, article in json.loads(expected.read_text(encoding="utf-8"))["articles"].items():
            labelled.append((expected.parent, path, article))
    state2 = SITES_DIR / "state2_expected.json"
    if state2.exists():
        for key, article in json.loads(state2.read_text(encoding="utf-8"))["new_articles"].items():
            site, path = key.split(":", 1)
            labelled.append((SITES_DIR / site, path, article))
    for site_dir, path, article in labelled:
        if not article.get("cluster"):
            continue
        page = read_page(_fixture_page(site_dir, path).read_bytes(), "http://fixture" + path, force_article=True).article
        rows.append({"id": f"{site_dir.name}:{path}", "lang": page["language"] or article["language"],
                     "label": article["cluster"]["label"], "title": page["title"], "text": page["text"],
                     "clusters": article["cluster"]["clusters"]})
    return tuple(rows)


def load_texts() -> list[dict]:
    rows = []
    for path in sorted(DATA_DIR.glob("cluster_texts_*.jsonl")):
        rows += [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return rows + list(_fixture_articles())


def evaluate(verbose: bool = False) -> dict:
    """{(lang, label): {"precision", "recall", "n"}} plus name recall/precision per language."""
    tally = defaultdict(lambda: {"tp": 0, "fp": 0, "fn": 0, "n": 0})
    names = defaultdict(lambda: {"expected": 0, "found": 0, "extracted": 0, "right": 0})
    for row in load_texts():
        got = analyse_clusters(row["title"], row["text"], row["lang"])
        for lang in (row["lang"], "all"):
            for label in LABELS:
                t = tally[(lang, label)]
                t["n"] += row["label"] == label
                if got.label == label and row["label"] == label:
                    t["tp"] += 1
                elif got.label == label:
                    t["fp"] += 1
                elif row["label"] == label:
                    t["fn"] += 1
            if row["label"] == ANNOUNCEMENT and got.label == ANNOUNCEMENT:
                expected = {normalise_name(n) for n in row["clusters"]}
                extracted = {normalise_name(n) for n in got.clusters}
                n = names[lang]
                n["expected"] += len(expected)
                n["found"] += len(expected & extracted)
                n["extracted"] += len(extracted)
                n["right"] += len(expected & extracted)
        if verbose and got.label != row["label"]:
            print(f"{row['id']}: {got.label} != {row['label']}  {row['title'][:70]}")
        if verbose and row["label"] == ANNOUNCEMENT and got.label == ANNOUNCEMENT:
            missing = [n for n in row["clusters"] if normalise_name(n) not in {normalise_name(x) for x in got.clusters}]
            extra = [n for n in got.clusters if normalise_name(n) not in {normalise_name(x) for x in row["clusters"]}]
            if missing or extra:
                print(f"  names {row['id']}: missing {missing[:4]} extra {extra[:4]}")
    scores = {}
    for key, t in tally.items():
        precision = t["tp"] / (t["tp"] + t["fp"]) if t["tp"] + t["fp"] else 1.0
        recall = t["tp"] / (t["tp"] + t["fn"]) if t["tp"] + t["fn"] else 1.0
        scores[key] = {"precision": precision, "recall": recall, "n": t["n"]}
    name_scores = {lang: {"recall": n["found"] / n["expected"] if n["expected"] else 1.0,
                          "precision": n["right"] / n["extracted"] if n["extracted"] else 1.0}
                   for lang, n in names.items()}
    return {"labels": scores, "names": name_scores, "texts": len(load_texts())}


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("-v", "--verbose", action="store_true")
    args = parser.parse_args(argv)
    result = evaluate(args.verbose)
    print(f"{result['texts']} labelled texts")
    print(f"{'lang':<5} {'label':<13} {'n':>4} {'precision':>10} {'recall':>7}")
    for (lang, label), s in sorted(result["labels"].items()):
        print(f"{lang:<5} {label:<13} {s['n']:>4} {s['precision']:>10.3f} {s['recall']:>7.3f}")
    print("cluster names in announcements found as announcements:")
    for lang, s in sorted(result["names"].items()):
        print(f"  {lang:<5} recall {s['recall']:.3f}  precision {s['precision']:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
