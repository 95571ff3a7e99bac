"""The near-duplicate index in SQLite: band keys of each article's MinHash signature, the
signature itself, and the document numbers the article is about.

A lookup is two indexed queries (band keys, numbers) and one fetch of candidate signatures, so
its cost does not grow with the archive (bench/dedup_bench.py measures it at 10k–1M articles).
A candidate is a near duplicate when the estimated containment of the two texts reaches
``NEAR_DUPLICATE``, or when both are about the same official document and it reaches
``SAME_DOCUMENT``; two texts about *different* official documents (disjoint document numbers) are
never merged below ``CONFLICT``. Thresholds chosen on the labelled pairs in tests/data (see
docs/dedup.md and bench/eval_dedup.py).
"""

from __future__ import annotations

from dataclasses import dataclass

from newscrawler.dedup.signature import Signature, band_keys, containment

NEAR_DUPLICATE = 0.88
SAME_DOCUMENT = 0.05
CONFLICT = 0.97


@dataclass(frozen=True)
class Match:
    article_id: int
    similarity: float
    via: str          # "text" or "document_number"


def _placeholders(values) -> str:
    return ",".join("?" * len(values))


def find_original(db, sig: Signature | None, numbers: list[str], *, near_duplicate: float = NEAR_DUPLICATE,
                  same_document: float = SAME_DOCUMENT, conflict: float = CONFLICT) -> Match | None:
    """The earliest stored article this text duplicates, or None. Runs in the caller's transaction."""
    if sig is None:
        return None
    keys = band_keys(sig)
    by_text = {r[0] for r in db.execute(
        f"SELECT DISTINCT article_id FROM dedup_bands WHERE key IN ({_placeholders(keys)})", keys)}
    by_number = {r[0] for r in db.execute(
        f"SELECT DISTINCT article_id FROM doc_numbers WHERE number IN ({_placeholders(numbers)})", numbers)} \
        if numbers else set()
    if not by_text | by_number:
        return None
    ids = sorted(by_text | by_number)
    their_numbers: dict[int, set[str]] = {}
    if numbers:
        for article_id, number in db.execute(
                f"SELECT article_id, number FROM doc_numbers WHERE article_id IN ({_placeholders(ids)})", ids):
            their_numbers.setdefault(article_id, set()).add(number)
    matches = []
    for article_id, blob, size in db.execute(
            f"SELECT article_id, signature, shingles FROM dedup_signatures WHERE article_id IN ({_placeholders(ids)})",
            ids):
        score = containment(sig, Signature.from_bytes(blob, size))
        theirs = their_numbers.get(article_id)
        if theirs and not theirs & set(numbers):   # about different official documents
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
