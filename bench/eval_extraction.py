"""Accuracy of title, date, language and article detection on saved real pages.

    python -m bench.eval_extraction [--folders a,b] [--no-baselines] [--json out.json] [-v]

Dates: every folder of ``../shared/eval`` that has dated pages, scored against htmldate
(``find_date(extensive_search=True, original_date=True)``) and trafilatura's metadata date in the
same run. Titles, languages, article detection and text: ``fundus_publishers``. Date strings:
``dateparser_strings``. Every page is read through ``read_for_eval`` (bytes in, fields out), the
one place that decides which reading function is measured. ``tests/test_eval_floor.py`` pins floors.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import re
import sys
import time
import warnings
from collections import Counter
from datetime import date, datetime, timezone
from functools import lru_cache
from pathlib import Path

from newscrawler.extract.charset import decode_html
from newscrawler.extract.dates import parse_date_value
from newscrawler.extract.html import parse_html
from newscrawler.extract.pagekind import ARTICLE, page_kind
from newscrawler.extract.text import collapse_ws

EVAL_DIR = Path(__file__).resolve().parents[1].parent / "shared" / "eval"
FUNDUS = EVAL_DIR / "fundus_publishers"
DATE_STRINGS = EVAL_DIR / "dateparser_strings" / "date_strings.jsonl"
DATE_FOLDERS = ("fundus_publishers", "htmldate_dev", "trafilatura_dev", "mercury_parser_pages", "readability_pages",
                "newspaper4k_pages", "goose3_pages", "snacktory_pages", "metascraper_pages")
# The date rules were tuned on these folders; every other page is reported as unseen. A page of another
# folder with the same bytes as a tuned page (trafilatura_dev shares many with htmldate_dev) counts as tuned.
TUNED_FOLDERS = ("fundus_publishers", "htmldate_dev")
UTC_BASIS_SLACK_DAYS = 1   # README: rows whose day is only known in UTC allow one day either way
# Known-wrong truth: the publisher prints 05.04.2025 (day first) and the page was crawled on
# 2025-04-05; the reference parser read it month first.
TRUTH_FIXES = {"html/tr__AnadoluAjansi_2025_04_05.html": {"date": "2025-04-05"}}


def read_for_eval(body: bytes, url: str | None) -> dict:
    """The crawl's reading of one page: bytes and URL in; title, published_at, text, language out.
    Every evaluation goes through here, so re-pointing it re-points every figure."""
    from newscrawler.reader import read_page

    empty = dict.fromkeys(("title", "text", "published_at", "published_raw", "modified_at", "date_source",
                           "language", "language_confidence"))
    return read_page(body, url or "http://localhost/page", force_article=True).article or empty


def folder_rows(folder: str) -> list[dict]:
    path = EVAL_DIR / folder / "ground_truth.jsonl"
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return [{**r, **TRUTH_FIXES.get(r["file"], {})} for r in rows]


def fundus_rows() -> list[dict]:
    return folder_rows("fundus_publishers")


def page_bytes(folder: str, row: dict) -> bytes:
    path = EVAL_DIR / folder / row["file"]
    return gzip.open(path, "rb").read() if path.suffix == ".gz" else path.read_bytes()


def dated_rows(folder: str) -> list[dict]:
    """Rows whose date is ground truth (``gt_fields``), as each folder's README asks."""
    return [r for r in folder_rows(folder) if "date" in r.get("gt_fields", ()) and r.get("date")]


@lru_cache(maxsize=1)
def tuned_page_hashes() -> frozenset[str]:
    return frozenset(hashlib.sha1(page_bytes(f, r)).hexdigest()
                     for f in TUNED_FOLDERS if (EVAL_DIR / f).exists() for r in folder_rows(f))


def date_right(got: str | None, row: dict) -> bool:
    """The day matches; on ``date_basis == "utc"`` rows one day either way is allowed."""
    if not got:
        return False
    try:
        day = date.fromisoformat(got[:10])
    except ValueError:
        return False
    slack = UTC_BASIS_SLACK_DAYS if row.get("date_basis") == "utc" else 0
    return abs((day - truth_day(row["date"])).days) <= slack


def truth_day(value: str) -> date:
    """A few upstream annotations are not quite ISO: "2022-01.26", "2022-11-1", and two written
    year-day-month ("2022-29-11"), read as the only day they can be."""
    year, month, day = map(int, re.findall(r"\d+", value)[:3])
    return date(year, month, day) if month <= 12 else date(year, day, month)


def htmldate_date(html: str, url: str | None) -> str | None:
    from htmldate import find_date

    return find_date(html, url=url, extensive_search=True, original_date=True)


def trafilatura_date(html: str, url: str | None) -> str | None:
    from trafilatura.metadata import extract_metadata

    return extract_metadata(html, default_url=url).date


def _empty_counts() -> Counter:
    return Counter(pages=0, ours=0, htmldate=0, trafilatura=0, ours_none_htmldate_some=0, seconds=0.0)


def evaluate_dates(folders=DATE_FOLDERS, baselines: bool = True, verbose: bool = False) -> dict:
    """Per folder (and ``unseen``/``all`` totals): pages, accuracy of ours, htmldate's and trafilatura's,
    our share of "no date" where htmldate found one, and our milliseconds per page."""
    warnings.filterwarnings("ignore")
    tuned = tuned_page_hashes()
    totals = {"all": _empty_counts(), "unseen": _empty_counts()}
    per_folder = {}
    for folder in (f for f in folders if (EVAL_DIR / f).exists()):   # a missing folder is left out
        counts = per_folder[folder] = _empty_counts()
        for row in dated_rows(folder):
            body = page_bytes(folder, row)
            started = time.perf_counter()
            got = read_for_eval(body, row.get("url"))["published_at"]
            spent = time.perf_counter() - started
            theirs = {}
            if baselines:
                html, _ = decode_html(body)
                theirs = {"htmldate": htmldate_date(html, row.get("url")),
                          "trafilatura": trafilatura_date(html, row.get("url"))}
            outcome = Counter(pages=1, ours=date_right(got, row), seconds=spent,
                              ours_none_htmldate_some=got is None and bool(theirs.get("htmldate")),
                              **{k: date_right(v, row) for k, v in theirs.items()})
            groups = [counts, totals["all"]]
            if folder not in TUNED_FOLDERS and hashlib.sha1(body).hexdigest() not in tuned:
                groups.append(totals["unseen"])
            for group in groups:
                group.update(outcome)
            if verbose and not outcome["ours"]:
                print(f"date {folder}/{row['file']}: {got} != {row['date']} (htmldate {theirs.get('htmldate')})")
    return {name: _rates(c, baselines) for name, c in {**per_folder, **totals}.items() if c["pages"]}


def _rates(c: Counter, baselines: bool) -> dict:
    n = c["pages"]
    out = {"pages": n, "ours": c["ours"] / n, "no_date_where_htmldate": c["ours_none_htmldate_some"] / n,
           "ms_per_page": c["seconds"] / n * 1000}
    if baselines:
        out.update(htmldate=c["htmldate"] / n, trafilatura=c["trafilatura"] / n)
    return out


def token_f1(got: str | None, want: str | None) -> float:
    """Bag-of-words F1 of an extracted text against the reference text."""
    a, b = Counter(re.findall(r"\w+", (got or "").lower())), Counter(re.findall(r"\w+", (want or "").lower()))
    common = sum((a & b).values())
    if not common:
        return 0.0
    precision, recall = common / sum(a.values()), common / sum(b.values())
    return 2 * precision * recall / (precision + recall)


def evaluate_pages(verbose: bool = False) -> dict:
    """Title, date, language, article detection and text F1 on the fundus publishers' pages."""
    counts = Counter(pages=0, title=0, date_total=0, date=0, lang_total=0, lang=0, article=0)
    text_scores = []
    seconds = 0.0
    for row in fundus_rows():
        body = page_bytes("fundus_publishers", row)
        started = time.perf_counter()
        got = read_for_eval(body, row["url"])
        seconds += time.perf_counter() - started
        counts["pages"] += 1
        counts["article"] += page_kind(parse_html(decode_html(body)[0]), row["url"]) == ARTICLE
        if row.get("text"):
            text_scores.append(token_f1(got["text"], row["text"]))
        if got["title"] and collapse_ws(got["title"]) == collapse_ws(row["title"] or ""):
            counts["title"] += 1
        elif verbose:
            print(f"title {row['file']}: {got['title']!r} != {row['title']!r}")
        if row.get("date"):
            counts["date_total"] += 1
            counts["date"] += date_right(got["published_at"], row)
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


def print_date_table(figures: dict) -> None:
    print(f"{'dates':<22}{'pages':>6}{'ours':>7}{'htmldate':>9}{'trafil.':>8}{'no date*':>9}{'ms/page':>8}")
    for name, f in figures.items():
        tag = " (tuned)" if name in TUNED_FOLDERS else ""
        print(f"{name:<22}{f['pages']:>6}{f['ours']:>7.3f}{f.get('htmldate', float('nan')):>9.3f}"
              f"{f.get('trafilatura', float('nan')):>8.3f}{f['no_date_where_htmldate']:>9.3f}"
              f"{f['ms_per_page']:>8.1f}{tag}")
    print("* share of pages where we found no date and htmldate found one; unseen = not in "
          + " / ".join(TUNED_FOLDERS) + " (by folder or identical bytes)")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("-v", "--verbose", action="store_true", help="print every miss")
    parser.add_argument("--folders", help="comma-separated subset of the dated folders")
    parser.add_argument("--no-baselines", action="store_true", help="skip htmldate and trafilatura (faster)")
    parser.add_argument("--json", type=Path, help="write the figures here")
    args = parser.parse_args(argv)
    if not FUNDUS.exists():
        print(f"no evaluation data at {EVAL_DIR}", file=sys.stderr)
        return 2
    folders = tuple(args.folders.split(",")) if args.folders else DATE_FOLDERS
    dates = evaluate_dates(folders, baselines=not args.no_baselines, verbose=args.verbose)
    print_date_table(dates)
    figures = {**evaluate_pages(args.verbose), **evaluate_date_strings(args.verbose)}
    for name, value in figures.items():
        print(f"{name:<24} {value:.3f}" if isinstance(value, float) else f"{name:<24} {value}")
    if args.json:
        args.json.write_text(json.dumps({"dates": dates, **figures}, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
