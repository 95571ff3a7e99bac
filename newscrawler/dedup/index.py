"""The near-duplicate index in SQLite: band keys of each article's MinHash signature, the
signature itself, and the document numbers the article is about.

A lookup is two indexed queries (band keys, numbers) and one fetch of candidate signatures, so
its cost does not grow with the archive (bench/dedup_bench.py measures it at 10k–1M articles).
A candidate is a near duplicate when its estimated similarity reaches ``NEAR_DUPLICATE``, or when
it is about the same official document and reaches ``SAME_DOCUMENT`` — thresholds chosen on the
labelled pairs in tests/data (see docs/dedup.md).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from newscrawler.dedup.signature import band_keys, similarity

NEAR_DUPLICATE = 0.5
SAME_DOCUMENT = 0.1


@dataclass(frozen=True)
class Match:
    article_id: int
    similarity: float
    via: str          # "text" or "document_number"


def _placeholders(values) -> str:
    return ",".join("?" * len(values))


def find_original(db, sig: np.ndarray | None, numbers: list[str], *,
                  near_duplicate: float = NEAR_DUPLICATE, same_document: float = SAME_DOCUMENT) -> Match | None:
    """The earliest stored article this text duplicates, or None. Runs in the caller's transaction."""
    if sig is None:
        return None
    keys = band_keys(sig)
    by_text = {r[0] for r in db.execute(
        f"SELECT DISTINCT article_id FROM dedup_bands WHERE key IN ({_placeholders(keys)})", keys)}
    by_number = {r[0] for r in db.execute(
        f"SELECT DISTINCT article_id FROM doc_numbers WHERE number IN ({_placeholders(numbers)})", numbers)} \
        if numbers else set()
    candidates = by_text | by_number
    if not candidates:
        return None
    matches = []
    ids = sorted(candidates)
    for article_id, blob in db.execute(
            f"SELECT article_id, signature FROM dedup_signatures WHERE article_id IN ({_placeholders(ids)})", ids):
        score = similarity(sig, np.frombuffer(blob, dtype=np.uint32))
        if score >= near_duplicate:
            matches.append(Match(article_id, score, "text"))
        elif article_id in by_number and score >= same_document:
            matches.append(Match(article_id, score, "document_number"))
    if not matches:
        return None
    first = min(matches, key=lambda m: m.article_id)
    root = db.execute("SELECT duplicate_of FROM articles WHERE id = ?", [first.article_id]).fetchone()
    return Match(root[0], first.similarity, first.via) if root and root[0] else first


def add_to_index(db, article_id: int, sig: np.ndarray | None, numbers: list[str]) -> None:
    if sig is not None:
        db.execute("INSERT OR REPLACE INTO dedup_signatures (article_id, signature) VALUES (?, ?)",
                   [article_id, sig.astype(np.uint32).tobytes()])
        db.conn.executemany("INSERT OR IGNORE INTO dedup_bands (key, article_id) VALUES (?, ?)",
                            [(k, article_id) for k in band_keys(sig)])
    db.conn.executemany("INSERT OR IGNORE INTO doc_numbers (number, article_id) VALUES (?, ?)",
                        [(n, article_id) for n in numbers])


def remove_from_index(db, article_id: int) -> None:
    """Forget an article's entries (before re-adding a changed text). Band rows are found from the
    stored signature, so no index on article_id is needed for the largest table."""
    row = db.execute("SELECT signature FROM dedup_signatures WHERE article_id = ?", [article_id]).fetchone()
    if row:
        keys = band_keys(np.frombuffer(row[0], dtype=np.uint32))
        db.conn.executemany("DELETE FROM dedup_bands WHERE key = ? AND article_id = ?",
                            [(k, article_id) for k in keys])
        db.execute("DELETE FROM dedup_signatures WHERE article_id = ?", [article_id])
    db.execute("DELETE FROM doc_numbers WHERE article_id = ?", [article_id])
