"""Main-text quality on real pages: trafilatura's snippet test, ours beside trafilatura's own.

    python -m bench.eval_text [--split tuned|unseen|all] [--no-baseline] [--folders] [-v] [--json out.json]

``../shared/eval/trafilatura_dev``: each page lists ``text_with`` snippets (article text that must
be in the extracted text) and ``text_without`` snippets (boilerplate that must not). As trafilatura
scores its own evaluation, a snippet counts when it is a substring of the text after both are
whitespace-normalised; precision, recall and F1 are over all snippets of all pages.

The pages are split in two fixed halves by a hash of the file name: the text heuristics were tuned
on ``tuned`` only, so ``unseen`` is the figure that says how they do on pages nobody looked at.
``--folders`` adds bag-of-words F1 against the full reference text of the other folders that have
one (fundus_publishers, readability_pages, newspaper4k_pages).

Every page is read through ``read_for_eval``, the one adapter to the product's reading function.
The baseline is ``trafilatura.extract(body, url=url)`` with its defaults (tables and comments
included, no fallback disabled, precision/recall balanced), given the same bytes.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import sys
import time
import warnings
from pathlib import Path
from typing import Callable

from bench.eval_extraction import EVAL_DIR, token_f1

TRAFILATURA_DEV = EVAL_DIR / "trafilatura_dev"
TEXT_FOLDERS = ("fundus_publishers", "readability_pages", "newspaper4k_pages")
SPLITS = ("tuned", "unseen", "all")

Reader = Callable[[bytes, str], dict]


def read_for_eval(body: bytes, url: str) -> dict:
    """The product's reading of one page. The only place the evaluation touches the product, so
    that it measures whatever the crawl stores when pointed at the crawl's reading function."""
    from newscrawler.reader import read_page

    empty = dict.fromkeys(("title", "text", "published_at", "published_raw", "modified_at", "date_source",
                           "language", "language_confidence"))
    return read_page(body, url or "http://localhost/page", force_article=True).article or empty


def trafilatura_reader(body: bytes, url: str) -> dict:
    """trafilatura.extract with its defaults on the same bytes."""
    import trafilatura

    return {"text": trafilatura.extract(body, url=url)}


def split_of(name: str) -> str:
    """A fixed half by hash of the file name: never changes with the order or the number of pages."""
    return "tuned" if hashlib.sha1(name.encode("utf-8")).digest()[0] % 2 == 0 else "unseen"


def load_rows(folder: Path = TRAFILATURA_DEV) -> list[dict]:
    lines = (folder / "ground_truth.jsonl").read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


def page_bytes(folder: Path, row: dict) -> bytes:
    path = folder / row["file"]
    data = path.read_bytes()
    return gzip.decompress(data) if path.suffix == ".gz" else data


def _norm(text: str) -> str:
    return " ".join(text.split())


def snippet_counts(text: str | None, with_: list[str], without: list[str]) -> tuple[int, int, int, int]:
    """(true positives, false negatives, false positives, true negatives) of one page's snippets.
    No text at all misses every wanted snippet and keeps out every unwanted one."""
    got = _norm(text or "")
    tp = sum(_norm(s) in got for s in with_) if got else 0
    fp = sum(_norm(s) in got for s in without) if got else 0
    return tp, len(with_) - tp, fp, len(without) - fp


def prf(tp: int, fn: int, fp: int, tn: int = 0) -> dict:
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": precision, "recall": recall, "f1": f1}


def evaluate_snippets(reader: Reader, split: str = "all", verbose: bool = False,
                      folder: Path = TRAFILATURA_DEV) -> dict:
    """Snippet P/R/F1 of ``reader`` on trafilatura_dev, per half and whole (``split`` limits the
    pages read), with milliseconds per page."""
    totals = {name: [0, 0, 0, 0] for name in SPLITS}
    seconds, pages = 0.0, 0
    for row in load_rows(folder):
        half = split_of(row["file"])
        if split != "all" and half != split:
            continue
        body = page_bytes(folder, row)
        started = time.perf_counter()
        try:
            text = reader(body, row["url"] or "").get("text")
        except Exception as exc:   # a reader that fails on a page scores it as empty
            text = None
            if verbose:
                print(f"error {row['file']}: {exc!r}")
        seconds += time.perf_counter() - started
        pages += 1
        counts = snippet_counts(text, row.get("text_with") or [], row.get("text_without") or [])
        for name in (half, "all"):
            totals[name] = [a + b for a, b in zip(totals[name], counts)]
        if verbose and (counts[1] or counts[2]):
            got = _norm(text or "")
            print(f"{row['file']}: missing {[s for s in row['text_with'] if _norm(s) not in got]} "
                  f"kept {[s for s in row['text_without'] if got and _norm(s) in got]}")
    out = {name: prf(*totals[name]) for name in SPLITS if split in ("all", name)}
    out["pages"] = pages
    out["ms_per_page"] = seconds / max(pages, 1) * 1000
    return out


def evaluate_text_folders(reader: Reader) -> dict:
    """Mean bag-of-words F1 against the reference text, per folder that has one."""
    out = {}
    for name in TEXT_FOLDERS:
        folder = EVAL_DIR / name
        if not folder.exists():
            continue
        scores = []
        for row in load_rows(folder):
            if not row.get("text"):
                continue
            try:
                text = reader(page_bytes(folder, row), row.get("url") or "").get("text")
            except Exception:
                text = None
            scores.append(token_f1(text, row["text"]))
        out[name] = sum(scores) / len(scores) if scores else None
    return out


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--split", choices=SPLITS, default="all")
    parser.add_argument("--no-baseline", action="store_true", help="skip trafilatura (faster while iterating)")
    parser.add_argument("--folders", action="store_true", help="also token F1 on the folders with full text")
    parser.add_argument("-v", "--verbose", action="store_true", help="print every page with a miss (ours)")
    parser.add_argument("--json", type=Path)
    args = parser.parse_args(argv)
    if not TRAFILATURA_DEV.exists():
        print(f"no evaluation data at {TRAFILATURA_DEV}", file=sys.stderr)
        return 2
    warnings.filterwarnings("ignore")
    readers = {"newscrawler": read_for_eval}
    if not args.no_baseline:
        readers["trafilatura"] = trafilatura_reader
    results = {}
    for name, reader in readers.items():
        results[name] = evaluate_snippets(reader, args.split, verbose=args.verbose and name == "newscrawler")
        if args.folders:
            results[name]["token_f1"] = evaluate_text_folders(reader)
    print(f"trafilatura_dev snippets ({results['newscrawler']['pages']} pages; tuned on 'tuned', 'unseen' never looked at)")
    for half in SPLITS:
        if half not in results["newscrawler"]:
            continue
        for name, figures in results.items():
            f = figures[half]
            print(f"  {half:<7} {name:<12} P {f['precision']:.3f}  R {f['recall']:.3f}  F1 {f['f1']:.3f}")
    for name, figures in results.items():
        print(f"  {name:<12} {figures['ms_per_page']:.1f} ms/page")
        for folder, value in (figures.get("token_f1") or {}).items():
            print(f"  token F1 {folder:<18} {name:<12} {value:.3f}")
    if args.json:
        args.json.write_text(json.dumps(results, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
