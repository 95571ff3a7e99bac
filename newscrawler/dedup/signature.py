"""MinHash signatures of an article's text, for near-duplicate detection.

Shingles are characters, not words, so Chinese, Japanese and Korean text (no spaces) and
inflected languages work alike: the text is normalised (NFKC, case folded, punctuation and
spacing removed) and cut into overlapping k-character pieces — 3 for CJK-dominant text, 5 for
the rest. A 64-value MinHash signature estimates the Jaccard similarity of two texts' shingle
sets; it is cut into 16 bands of 4 values for the locality-sensitive index (``index.py``).
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

import numpy as np

NUM_PERM = 64
SCHEME = "affine32"   # datasketch 2.x: 32-bit values, bijective permutations
BANDS = 16
ROWS = NUM_PERM // BANDS
_DROP = re.compile(r"[\W_]+", re.UNICODE)
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af]")


def normalise(text: str) -> str:
    return _DROP.sub("", unicodedata.normalize("NFKC", text).casefold())


def shingles(text: str) -> set[bytes]:
    norm = normalise(text)
    k = 3 if len(_CJK.findall(norm[:2000])) > 0.3 * min(len(norm), 2000) else 5
    if len(norm) <= k:
        return {norm.encode("utf-8")} if norm else set()
    return {norm[i:i + k].encode("utf-8") for i in range(len(norm) - k + 1)}


@lru_cache(maxsize=1)
def _template():
    from datasketch import MinHash

    return MinHash(num_perm=NUM_PERM, seed=1, scheme=SCHEME)


def signature(text: str) -> np.ndarray | None:
    """64 uint32 values, or None for a text too short to compare."""
    from datasketch import MinHash

    pieces = shingles(text)
    if len(pieces) < 8:
        return None
    sig = MinHash(num_perm=NUM_PERM, seed=1, permutations=_template().permutations, scheme=SCHEME)
    sig.update_batch(list(pieces))
    return sig.hashvalues.astype(np.uint32)


def band_keys(sig: np.ndarray) -> list[int]:
    """One signed 64-bit key per band (band number mixed in), for an INTEGER index in SQLite."""
    rows = sig.astype(np.uint64).reshape(BANDS, ROWS)
    keys = []
    for band, values in enumerate(rows):
        h = band * 0x9E3779B97F4A7C15
        for v in values:
            h = (h * 0x100000001B3 ^ int(v)) & 0xFFFFFFFFFFFFFFFF
        keys.append(h - (1 << 64) if h >= 1 << 63 else h)
    return keys


def similarity(a: np.ndarray, b: np.ndarray) -> float:
    """Estimated Jaccard similarity of the two texts' shingle sets."""
    return float(np.count_nonzero(a == b)) / len(a)
