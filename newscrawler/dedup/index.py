"""The near-duplicate index in SQLite: band keys of each article's MinHash signature, the
signature itself, and the document numbers the article is about.

A lookup is two indexed queries (band keys, numbers) and one fetch of candidate signatures, so
its cost does not grow with the archive (bench/dedup_bench.py measures it at 10k–1M articles).
It stays bounded when a source's texts all look alike (a directory whose pages are mostly one
template shares band keys among thousands of articles): each band key yields at most its
``KEY_ROWS`` oldest articles, and only the ``CANDIDATES`` sharing the most bands are compared.
The oldest suffice: a copy matched to any member of a group of copies is resolved to the group's
original through its ``duplicate_of`` (every copy points straight at the original).
A candidate is a near duplicate when the estimated containment of the two texts reaches
``NEAR_DUPLICATE``, or when both are about the same official document and it reaches
``SAME_DOCUMENT``; two texts about *different* official documents (disjoint document numbers) are
never merged below ``CONFLICT``. Thresholds chosen on the labelled pairs in tests/data (see
docs/dedup.md and bench/eval_dedup.py).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

import numpy as np

from newscrawler.dedup.signature import Signature, band_keys, containment_many

NEAR_DUPLICATE = 0.88
SAME_DOCUMENT = 0.05
CONFLICT = 0.97
KEY_ROWS = 100      # articles read per band key or document number, oldest first
CANDIDATES = 48     # signatures compared per lookup, those sharing the most bands first


@dataclass(frozen=True)
class Match:
    article_id: int
    similarity: float
    via: str          # "text" or "document_number"


def _placeholders(values) -> str:
    return ",".join("?" * len(values))


def _oldest_per_value(table: str, column: str, count: int) -> str:
    """A query for the ``KEY_ROWS`` oldest article ids under each of ``count`` values (one row per
    value and article: the tables' primary key is (value, article_id))."""
    one = f"SELECT * FROM (SELECT article_id FROM {table} WHERE {column} = ? ORDER BY article_id LIMIT {KEY_ROWS})"
    return " UNION ALL ".join([one] * count)


def rank_candidates(shared_bands: Counter, by_number: set[int], limit: int) -> list[int]:
    """The articles worth comparing: every one sharing a document number, then those sharing the
    most band keys (the likeliest copies), the oldest first among equals; at most ``limit``."""
    ranked = sorted(set(shared_bands) - by_number, key=lambda a: (-shared_bands[a], a))
    return sorted(by_number)[:limit] + ranked[:max(limit - len(by_number), 0)]


def find_original(db, sig: Signature | None, numbers: list[str], *, near_duplicate: float = NEAR_DUPLICATE,
                  same_document: float = SAME_DOCUMENT, conflict: float = CONFLICT) -> Match | None:
    """The original (``duplicate_of`` NULL) of the earliest stored article this text duplicates, or
    None; whether the new text should take its place is the store's decision (dedup/originals.py).
    Runs in the caller's transaction."""
    if sig is None:
        return None
    keys = band_keys(sig)
    shared = Counter(r[0] for r in db.execute(_oldest_per_value("dedup_bands", "key", len(keys)), keys))
    by_number = {r[0] for r in db.execute(_oldest_per_value("doc_numbers", "number", len(numbers)), numbers)} \
        if numbers else set()
    ids = rank_candidates(shared, by_number, CANDIDATES)
    if not ids:
        return None
    their_numbers: dict[int, set[str]] = {}
    if numbers:
        for article_id, number in db.execute(
                f"SELECT article_id, number FROM doc_numbers WHERE article_id IN ({_placeholders(ids)})", ids):
            their_numbers.setdefault(article_id, set()).add(number)
    found = db.execute(f"SELECT article_id, signature, shingles FROM dedup_signatures "
                       f"WHERE article_id IN ({_placeholders(ids)})", ids).fetchall()
    if not found:
        return None
    scores = containment_many(sig, np.frombuffer(b"".join(r[1] for r in found), dtype=np.uint32).reshape(
        len(found), -1), np.array([r[2] for r in found]))
    matches = []
    wanted = set(numbers)
    for (article_id, _, _), score in zip(found, scores.tolist()):
        theirs = their_numbers.get(article_id)
        if theirs and not theirs & wanted:   # about different official documents
            if score >= conflict:
                matches.append(Match(article_id, score, "text"))
        elif score >= near_duplicate:
            matches.append(Match(article_id, score, "text"))
        elif article_id in by_number and score >= same_document:
            matches.append(Match(article_id, score, "document_number"))
    if not matches:
        return None
    first = min(matches, key=lambda m: m.article_id)
    root = db.execute("SELECT duplicate_of FROM articles WHERE id = ?", [first.article_id]).fetchone()
    return Match(root[0], first.similarity, first.via) if root and root[0] else first


def add_to_index(db, article_id: int, sig: Signature | None, numbers: list[str]) -> None:
    if sig is not None:
        db.execute("INSERT OR REPLACE INTO dedup_signatures (article_id, signature, shingles) VALUES (?, ?, ?)",
                   [article_id, sig.to_bytes(), sig.size])
        db.conn.executemany("INSERT OR IGNORE INTO dedup_bands (key, article_id) VALUES (?, ?)",
                            [(k, article_id) for k in band_keys(sig)])
    db.conn.executemany("INSERT OR IGNORE INTO doc_numbers (number, article_id) VALUES (?, ?)",
                        [(n, article_id) for n in numbers])


def remove_from_index(db, article_id: int) -> None:
    """Forget an article's entries (before re-adding a changed text). Band rows are found from the
    stored signature, so no index on article_id is needed for the largest table."""
    row = db.execute("SELECT signature, shingles FROM dedup_signatures WHERE article_id = ?", [article_id]).fetchone()
    if row:
        keys = band_keys(Signature.from_bytes(row[0], row[1]))
        db.conn.executemany("DELETE FROM dedup_bands WHERE key = ? AND article_id = ?",
                            [(k, article_id) for k in keys])
        db.execute("DELETE FROM dedup_signatures WHERE article_id = ?", [article_id])
    db.execute("DELETE FROM doc_numbers WHERE article_id = ?", [article_id])
