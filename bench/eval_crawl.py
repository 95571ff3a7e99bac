"""Every article of a site stored once: the real crawler on a site made of real pages.

    python -m bench.eval_crawl [--pages 300] [--seed 7] [--json out.json]

Real article pages from ``../shared/eval`` (a seeded sample of the page folders, read as bytes)
are served on loopback under ``/p/N.html``, each linked from one listing page with the date
upstream gives for it, as a ministry's news list prints it. The site is crawled with ``newscrawler
crawl --url`` (the real spider, reader, worker processes and store, no browser) and the figures
are read from the database and ``crawl_runs``: pages served, read as articles, stored (new
originals, duplicates — byte-identical pages are in two folders —, unchanged), dropped by reason,
and the pages read as listings or static pages. Links inside the real pages point to paths that
do not exist here: they are not followed (the listing is the only page at depth 0).
"""

from __future__ import annotations

import argparse
import gzip
import html
import json
import random
import sqlite3
import subprocess
import sys
import tempfile
import threading
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

EVAL_DIR = Path(__file__).resolve().parents[1].parent / "shared" / "eval"
FOLDERS = ("htmldate_dev", "trafilatura_dev", "snacktory_pages", "mercury_parser_pages", "readability_pages",
           "metascraper_pages", "newspaper4k_pages", "goose3_pages", "fundus_publishers")
REPO = Path(__file__).resolve().parents[1]


def build_site(root: Path, pages: int, seed: int) -> list[dict]:
    rows = []
    for folder in FOLDERS:
        truth = EVAL_DIR / folder / "ground_truth.jsonl"
        rows += [(folder, json.loads(line)) for line in truth.read_text(encoding="utf-8").splitlines()]
    random.Random(seed).shuffle(rows)
    (root / "p").mkdir(parents=True)
    items, served = [], []
    for i, (folder, row) in enumerate(rows[:pages]):
        path = EVAL_DIR / folder / row["file"]
        body = gzip.open(path, "rb").read() if path.suffix == ".gz" else path.read_bytes()
        (root / "p" / f"{i}.html").write_bytes(body)
        items.append(f'<li><a href="/p/{i}.html">{html.escape(row.get("title") or f"Article {i}")}</a> '
                     f'<span class="date">{row.get("date") or ""}</span></li>')
        served.append({"n": i, "folder": folder, "file": row["file"]})
    (root / "index.html").write_text(f"<html><body><h1>News</h1><ul>{''.join(items)}</ul></body></html>",
                                     encoding="utf-8")
    return served


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def crawl(root: Path, db: Path) -> dict:
    server = ThreadingHTTPServer(("127.0.0.10", 0), partial(_Quiet, directory=str(root)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.10:{server.server_address[1]}/"
    try:
        result = subprocess.run(
            [sys.executable, "-m", "newscrawler.cli", "crawl", "--url", url, "--db", str(db), "--no-deliver",
             "--max-pages", "0", "--progress", "0", "--set", "DOWNLOAD_DELAY=0", "--set", "AUTOTHROTTLE_ENABLED=False",
             "--set", "ROBOTSTXT_OBEY=False", "--set", "CONCURRENT_REQUESTS_PER_DOMAIN=16", "--set", "DEPTH_LIMIT=1",
             "--set", "NEWSCRAWLER_CHROMIUM=/nonexistent"],
            cwd=REPO, capture_output=True, text=True, timeout=1800)
    finally:
        server.shutdown()
    if result.returncode != 0:
        raise RuntimeError(result.stderr[-2000:])
    conn = sqlite3.connect(db)
    conn.row_factory = sqlite3.Row
    run = dict(conn.execute("SELECT * FROM crawl_runs ORDER BY id DESC LIMIT 1").fetchone())
    articles = conn.execute("SELECT count(*), sum(duplicate_of IS NOT NULL), count(DISTINCT url) FROM articles"
                            ).fetchone()
    conn.close()
    return {"run": run, "rows": articles[0], "duplicates": articles[1] or 0, "distinct_urls": articles[2]}


def evaluate(pages: int = 300, seed: int = 7) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        served = build_site(Path(tmp) / "site", pages, seed)
        got = crawl(Path(tmp) / "site", Path(tmp) / "news.db")
    run = got["run"]
    kinds = json.loads(run["pages_by_kind"] or "{}")
    return {
        "pages_served": len(served),
        "read_as_articles": run["articles_fetched"],
        "stored": run["articles_stored"],
        "dropped": run["articles_dropped"],
        "drops": json.loads(run["drops"] or "{}"),
        "article_rows": got["rows"],
        "rows_marked_duplicate": got["duplicates"],
        "listing_pages": kinds.get("listing", 0) - 1,   # the site's own listing
        "static_pages": kinds.get("static", 0),
        "errors": json.loads(run["errors"] or "{}"),
        "article_recall": run["articles_fetched"] / len(served),
    }


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", type=int, default=300)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--json", type=Path)
    args = parser.parse_args(argv)
    if not EVAL_DIR.exists():
        print(f"no evaluation data at {EVAL_DIR}", file=sys.stderr)
        return 2
    figures = evaluate(args.pages, args.seed)
    for name, value in figures.items():
        print(f"{name:<22} {value:.3f}" if isinstance(value, float) else f"{name:<22} {value}")
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
