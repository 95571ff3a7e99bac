"""The keys that make an article's identity besides its URL: content hash, MinHash signature
and the official document numbers it is about (matched against the archive by the store)."""

from __future__ import annotations

from newscrawler.dedup.docnumbers import document_numbers
from newscrawler.dedup.signature import signature_of_normalised
from newscrawler.extract.text import hash_normalised, normalised


def dedup_keys(title: str | None, text: str | None) -> tuple[str, list | None, int, list[str]]:
    """(content hash, MinHash values or None for a short text, shingle count, document numbers)."""
    norm = normalised(text or "")   # once for both: content_hash(title + "\n" + text), same value
    sig = signature_of_normalised(norm)
    return (hash_normalised(normalised(title or "") + norm), sig.values.tolist() if sig is not None else None,
            sig.size if sig is not None else 0, sorted(document_numbers(title, text)))
