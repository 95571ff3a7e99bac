"""Date parsing speed: the fast path against plain ``dateparser.parse`` (no hints), same strings,
same run; and what finding the date costs per page.

    python -m bench.dates_bench [--strings 3000] [--quick] [--json out.json]

Target (issue: dates): at least 50x plain dateparser on the common forms, with identical results.
Exits 1 when any result differs (always) or the ratio misses the target (unless --quick).
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

from newscrawler.extract.charset import decode_html
from newscrawler.extract.dates import date_candidates, parse_date_value, resolve_dates
from newscrawler.extract.html import find_title, parse_html

REPO = Path(__file__).resolve().parents[1]
RU_MONTHS = "января февраля марта апреля мая июня июля августа сентября октября ноября декабря".split()
EN_MONTHS = "January February March April May June July August September October November December".split()
TARGET = 50.0


def common_forms(moment: datetime) -> list[str]:
    """The forms the crawler meets most on ministry and directory sites."""
    d, m, y, hh, mm, ss = moment.day, moment.month, moment.year, moment.hour, moment.minute, moment.second
    return [
        f"{d:02d}-{m:02d}-{y}", f"{d:02d}.{m:02d}.{y}", f"{y}/{m}/{d} {hh}:{mm:02d}:{ss:02d}",
        f"{y}-{m:02d}-{d:02d} {hh:02d}:{mm:02d}", f"{y}年{m}月{d}日", f"{y}年{m:02d}月{d:02d}日 {hh:02d}:{mm:02d}",
        f"{y}년 {m}월 {d}일", f"{y}.{m:02d}.{d:02d}", f"{d} {EN_MONTHS[m - 1]} {y}", f"{EN_MONTHS[m - 1]} {d}, {y}",
        f"{y}-{m:02d}-{d:02d}T{hh:02d}:{mm:02d}:{ss:02d}+08:00", f"{d} {RU_MONTHS[m - 1]} {y} г.",
    ]


def sample_strings(count: int, seed: int = 7) -> list[str]:
    rng = random.Random(seed)
    start = datetime(1996, 1, 1)
    out = []
    while len(out) < count:
        moment = start + timedelta(seconds=rng.randrange(int(30 * 365.25 * 86400)))
        out.extend(common_forms(moment))
    return out[:count]


def same_result(ours, theirs) -> bool:
    if ours is None or theirs is None:
        return ours is None and theirs is None
    if not ours.has_time:
        return theirs.time() == datetime.min.time() and theirs.date() == ours.value
    return ours.value == theirs


def bench_strings(strings: list[str]) -> dict:
    import dateparser

    dateparser.parse("1 January 2020")   # loading, not parsing: kept out of the timing
    started = time.perf_counter()
    ours = [parse_date_value(s) for s in strings]
    ours_s = time.perf_counter() - started
    started = time.perf_counter()
    theirs = [dateparser.parse(s) for s in strings]
    theirs_s = time.perf_counter() - started
    # The fast path reads 07.01.2007 day first (ru, de, en-GB pages: the default without a locale);
    # dateparser without hints reads it month first. Identity is checked in the same day order.
    day_first = re.compile(r"\d{2}[-.]\d{2}[-.]\d{4}$")
    reference = [dateparser.parse(s, settings={"DATE_ORDER": "DMY"}) if day_first.match(s) else t
                 for s, t in zip(strings, theirs)]
    differing = [(s, o, t) for s, o, t in zip(strings, ours, reference) if not same_result(o, t)]
    return {
        "strings": len(strings),
        "fast_path_per_s": len(strings) / ours_s,
        "dateparser_per_s": len(strings) / theirs_s,
        "speedup": theirs_s / ours_s,
        "differing": [f"{s!r}: ours {o.iso() if o else None}, dateparser {t}" for s, o, t in differing[:10]],
        "differing_count": len(differing),
    }


def article_pages() -> list[tuple[str, str]]:
    pages = []
    for expected in sorted((REPO / "tests/sites").glob("*/expected.json")):
        for path in json.loads(expected.read_text(encoding="utf-8"))["articles"]:
            file = expected.parent / (path.lstrip("/").replace("?", "@"))
            if file.is_file():
                pages.append((decode_html(file.read_bytes())[0], "http://fixture" + path))
    fundus = REPO.parent / "shared/eval/fundus_publishers"
    if fundus.exists():
        for line in (fundus / "ground_truth.jsonl").read_text(encoding="utf-8").splitlines():
            row = json.loads(line)
            pages.append((decode_html((fundus / row["file"]).read_bytes())[0], row["url"]))
    return pages


def bench_pages(pages: list[tuple[str, str]]) -> dict:
    """Per page: the cascade on a parsed tree (collect candidates, parse until one holds)."""
    import dateparser

    now = datetime.now(timezone.utc)
    trees = [(parse_html(html), url) for html, url in pages]
    cascade_s = plain_s = 0.0
    for root, url in trees:
        _, title_el = find_title(root)
        started = time.perf_counter()
        candidates = date_candidates(root, url, title_element=title_el)
        resolve_dates(candidates, now=now)
        cascade_s += time.perf_counter() - started
        started = time.perf_counter()
        for cand in candidates:   # the same strings through plain dateparser, for comparison
            dateparser.parse(cand.raw)
        plain_s += time.perf_counter() - started
    return {"pages": len(trees), "cascade_ms_per_page": cascade_s / len(trees) * 1000,
            "plain_dateparser_ms_per_page": plain_s / len(trees) * 1000}


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--strings", type=int, default=3000)
    parser.add_argument("--quick", action="store_true", help="a smoke run: few strings, no speed verdict")
    parser.add_argument("--json", type=Path)
    args = parser.parse_args(argv)
    strings = sample_strings(120 if args.quick else args.strings)
    figures = bench_strings(strings)
    pages = article_pages()
    figures.update(bench_pages(pages[:20] if args.quick else pages))
    print(f"common date forms, {figures['strings']} strings (same strings, same run)")
    print(f"  fast path            {figures['fast_path_per_s']:>10,.0f} parses/s")
    print(f"  dateparser.parse     {figures['dateparser_per_s']:>10,.0f} parses/s (no hints)")
    print(f"  speed-up             {figures['speedup']:>10.1f}x   (target >= {TARGET:.0f}x)")
    print(f"  differing results    {figures['differing_count']:>10}")
    for line in figures["differing"]:
        print(f"    {line}")
    print(f"date finding on {figures['pages']} real and fixture article pages")
    print(f"  cascade              {figures['cascade_ms_per_page']:>10.3f} ms/page")
    print(f"  same strings through dateparser.parse {figures['plain_dateparser_ms_per_page']:.3f} ms/page")
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2), encoding="utf-8")
    if figures["differing_count"]:
        return 1
    if not args.quick and figures["speedup"] < TARGET:
        print("FAIL: speed-up below target")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
