"""Per-page extraction cost: newscrawler's whole per-page analysis (title, main text, dates,
language, cluster analysis — what ``newscrawler extract`` does) against trafilatura's
``bare_extraction`` with metadata and news-please's ``from_html``, on the same pages, same run.

    python -m bench.extract_bench [--rounds 3] [--corpus-pages 200] [--json out.json]

Pages: ../shared/eval/fundus_publishers (real pages, 26 languages) and generated corpus pages
(bench/corpus.py). news-please is optional (pip install news-please); it is skipped if absent.
Targets: at most 1.25x trafilatura's cost and at most a third of news-please's.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
import warnings
from pathlib import Path

from bench.corpus import generate
from bench.eval_extraction import FUNDUS, fundus_rows
from newscrawler.extract.charset import decode_html
from newscrawler.reader import read_page


def pages(corpus_pages: int) -> list[tuple[str, str]]:
    out = []
    if FUNDUS.exists():
        out += [(decode_html((FUNDUS / r["file"]).read_bytes())[0], r["url"]) for r in fundus_rows()]
    if corpus_pages:
        with tempfile.TemporaryDirectory() as tmp:
            generate(Path(tmp), corpus_pages)
            for f in sorted(Path(tmp).glob("*/art/*.html")):
                out.append((decode_html(f.read_bytes())[0], f"http://corpus/{f.parent.parent.name}/art/{f.name}"))
    return out


def ours(html: str, url: str):
    """The crawl's own reading of a page (every stored field, cluster analysis included), from bytes
    as the crawl gets them."""
    return read_page(html.encode("utf-8"), url, "text/html; charset=utf-8", force_article=True).article


def trafilatura_meta(html: str, url: str):
    import trafilatura

    return trafilatura.bare_extraction(html, url=url, with_metadata=True)


def news_please(html: str, url: str):
    from newsplease import NewsPlease

    return NewsPlease.from_html(html, url=url, fetch_images=False)


def timed(fn, corpus, rounds: int) -> float:
    """Median over rounds of milliseconds per page."""
    fn(*corpus[0])   # warm-up: imports and models load outside the timing
    per_round = []
    for _ in range(rounds):
        started = time.perf_counter()
        for html, url in corpus:
            try:
                fn(html, url)
            except Exception:   # a tool that fails on a page still spent the time
                pass
        per_round.append((time.perf_counter() - started) / len(corpus) * 1000)
    return statistics.median(per_round)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--corpus-pages", type=int, default=200)
    parser.add_argument("--json", type=Path)
    args = parser.parse_args(argv)
    warnings.filterwarnings("ignore")
    corpus = pages(args.corpus_pages)
    results = {"pages": len(corpus), "newscrawler_ms": timed(ours, corpus, args.rounds),
               "trafilatura_ms": timed(trafilatura_meta, corpus, args.rounds)}
    try:
        import newsplease  # noqa: F401

        results["news_please_ms"] = timed(news_please, corpus, args.rounds)
    except ImportError:
        results["news_please_ms"] = None
    print(f"{len(corpus)} pages, median of {args.rounds} rounds, ms per page")
    print(f"  newscrawler (title, text, dates, language, clusters) {results['newscrawler_ms']:8.1f}")
    print(f"  trafilatura bare_extraction + metadata              {results['trafilatura_ms']:8.1f}"
          f"   ratio {results['newscrawler_ms'] / results['trafilatura_ms']:.2f} (target <= 1.25)")
    if results["news_please_ms"]:
        print(f"  news-please from_html                               {results['news_please_ms']:8.1f}"
              f"   ratio {results['newscrawler_ms'] / results['news_please_ms']:.2f} (target <= 0.33)")
    else:
        print("  news-please: not installed (pip install news-please)")
    if args.json:
        args.json.write_text(json.dumps(results, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
