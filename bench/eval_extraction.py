"""Accuracy of title, date, language and article detection on saved real pages.

    python -m bench.eval_extraction [--htmldate] [--json out.json] [-v]

Pages: ``../shared/eval/fundus_publishers`` (177 pages, 26 languages, publishers' own titles and
dates) and the date strings of ``../shared/eval/dateparser_strings``. ``tests/test_eval_floor.py``
runs the same functions with pinned floors, so accuracy cannot silently regress.
``--htmldate`` also scores htmldate (installed separately) on the same pages, for comparison.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from collections import Counter
from datetime import datetime, timezone
from pathlib import Path

from newscrawler.extract.charset import decode_html
from newscrawler.extract.dates import parse_date_value
from newscrawler.extract.html import parse_html
from newscrawler.extract.page import analyse_page
from newscrawler.extract.pagekind import ARTICLE, page_kind
from newscrawler.extract.text import collapse_ws

EVAL_DIR = Path(__file__).resolve().parents[1].parent / "shared" / "eval"
FUNDUS = EVAL_DIR / "fundus_publishers"
DATE_STRINGS = EVAL_DIR / "dateparser_strings" / "date_strings.jsonl"
# Known-wrong truth: the publisher prints 05.04.2025 (day first) and the page was crawled on
# 2025-04-05; the reference parser read it month first.
TRUTH_FIXES = {"html/tr__AnadoluAjansi_2025_04_05.html": {"date": "2025-04-05"}}


def fundus_rows() -> list[dict]:
    rows = [json.loads(line) for line in (FUNDUS / "ground_truth.jsonl").read_text(encoding="utf-8").splitlines()]
    return [{**r, **TRUTH_FIXES.get(r["file"], {})} for r in rows]


def token_f1(got: str | None, want: str | None) -> float:
    """Bag-of-words F1 of an extracted text against the reference text."""
    a, b = Counter(re.findall(r"\w+", (got or "").lower())), Counter(re.findall(r"\w+", (want or "").lower()))
    common = sum((a & b).values())
    if not common:
        return 0.0
    precision, recall = common / sum(a.values()), common / sum(b.values())
    return 2 * precision * recall / (precision + recall)


def evaluate_pages(verbose: bool = False, with_htmldate: bool = False) -> dict:
    counts = {"pages": 0, "title": 0, "date_total": 0, "date": 0, "lang_total": 0, "lang": 0, "article": 0,
              "htmldate": 0}
    text_scores = []
    seconds = 0.0
    for row in fundus_rows():
        html, _ = decode_html((FUNDUS / row["file"]).read_bytes())
        started = time.perf_counter()
        got = analyse_page(html, row["url"])
        seconds += time.perf_counter() - started
        counts["pages"] += 1
        counts["article"] += page_kind(parse_html(html), row["url"]) == ARTICLE
        if row.get("text"):
            text_scores.append(token_f1(got["text"], row["text"]))
        if got["title"] and collapse_ws(got["title"]) == collapse_ws(row["title"] or ""):
            counts["title"] += 1
        elif verbose:
            print(f"title {row['file']}: {got['title']!r} != {row['title']!r}")
        if row.get("date"):
            counts["date_total"] += 1
            if (got["published_at"] or "")[:10] == row["date"]:
                counts["date"] += 1
            elif verbose:
                print(f"date  {row['file']}: {got['published_at']} ({got['date_source']}) != {row['date']}")
            if with_htmldate:
                from htmldate import find_date

                counts["htmldate"] += find_date(html, url=row["url"], original_date=True) == row["date"]
        if row.get("lang"):
            counts["lang_total"] += 1
            if got["language"] == row["lang"].split("-")[0]:
                counts["lang"] += 1
            elif verbose:
                print(f"lang  {row['file']}: {got['language']} != {row['lang']}")
    return {
        "pages": counts["pages"],
        "title_accuracy": counts["title"] / counts["pages"],
        "date_accuracy": counts["date"] / counts["date_total"],
        "language_accuracy": counts["lang"] / counts["lang_total"],
        "article_recall": counts["article"] / counts["pages"],
        "text_token_f1": sum(text_scores) / len(text_scores),
        "ms_per_page": seconds / counts["pages"] * 1000,
        **({"htmldate_date_accuracy": counts["htmldate"] / counts["date_total"]} if with_htmldate else {}),
    }


def evaluate_date_strings(verbose: bool = False) -> dict:
    """Absolute and relative date strings from dateparser's own tests, parsed against their base."""
    total = correct = 0
    for line in DATE_STRINGS.read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        if "date_string" not in row:
            continue
        total += 1
        base = datetime(*map(int, (row.get("relative_base_in_test") or "2012,11,13").split(",")), tzinfo=timezone.utc)
        language = row.get("language") or (row.get("languages") or (row.get("settings") or {}).get(
            "DEFAULT_LANGUAGES") or [None])[0]
        got = parse_date_value(row["date_string"], language=language, now=base)
        day = (got.value if not got.has_time else got.value.date()).isoformat() if got else None
        if day == row["expected"][:10]:
            correct += 1
        elif verbose:
            print(f"string {row['date_string']!r}: {day} != {row['expected'][:10]}")
    return {"date_strings": total, "date_string_accuracy": correct / total}


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("-v", "--verbose", action="store_true", help="print every miss")
    parser.add_argument("--htmldate", action="store_true", help="score htmldate on the same pages")
    parser.add_argument("--json", type=Path, help="write the figures here")
    args = parser.parse_args(argv)
    if not FUNDUS.exists():
        print(f"no evaluation data at {EVAL_DIR}", file=sys.stderr)
        return 2
    figures = {**evaluate_pages(args.verbose, args.htmldate), **evaluate_date_strings(args.verbose)}
    for name, value in figures.items():
        print(f"{name:<24} {value:.3f}" if isinstance(value, float) else f"{name:<24} {value}")
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
