"""MinHash signatures of an article's text, for near-duplicate detection.

Shingles are characters, not words, so Chinese, Japanese and Korean text (no spaces) and
inflected languages work alike: the text is normalised (NFKC, case folded, punctuation and
spacing removed) and cut into overlapping k-character pieces — 3 for CJK-dominant text, 5 for
the rest. A 64-value MinHash signature estimates the Jaccard similarity of two texts' shingle
sets; it is cut into 16 bands of 4 values for the locality-sensitive index (``index.py``).
Only the first ``MAX_CHARS`` normalised characters count: enough to tell copies apart, and it
bounds the cost of a very long page. Shingles are hashed with CRC-32 (stable across processes,
unlike ``hash()``, and several times faster than the default SHA-1).
"""

from __future__ import annotations

import re
import unicodedata
import zlib
from functools import lru_cache

import numpy as np

MAX_CHARS = 4000
NUM_PERM = 64
SCHEME = "affine32"   # datasketch 2.x: 32-bit values, bijective permutations
BANDS = 16
ROWS = NUM_PERM // BANDS
_DROP = re.compile(r"[\W_]+", re.UNICODE)
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af]")


def normalise(text: str) -> str:
    return _DROP.sub("", unicodedata.normalize("NFKC", text).casefold())


def shingles(text: str) -> set[bytes]:
    norm = normalise(text)[:MAX_CHARS]
    k = 3 if len(_CJK.findall(norm[:2000])) > 0.3 * min(len(norm), 2000) else 5
    if len(norm) <= k:
        return {norm.encode("utf-8")} if norm else set()
    return {norm[i:i + k].encode("utf-8") for i in range(len(norm) - k + 1)}


@lru_cache(maxsize=1)
def _template():
    from datasketch import MinHash

    return MinHash(num_perm=NUM_PERM, seed=1, scheme=SCHEME, hashfunc=zlib.crc32)


def signature(text: str) -> np.ndarray | None:
    """64 uint32 values, or None for a text too short to compare."""
    from datasketch import MinHash

    pieces = shingles(text)
    if len(pieces) < 8:
        return None
    sig = MinHash(num_perm=NUM_PERM, seed=1, permutations=_template().permutations, scheme=SCHEME,
                  hashfunc=zlib.crc32)
    sig.update_batch(list(pieces))
    return sig.hashvalues.astype(np.uint32)


_BAND_SEEDS = (np.arange(BANDS, dtype=np.uint64) * np.uint64(0x9E3779B97F4A7C15))
_FNV_PRIME = np.uint64(0x100000001B3)


def band_keys_batch(sigs: np.ndarray) -> np.ndarray:
    """(n, BANDS) signed 64-bit keys for n signatures: each band's values folded into one
    integer with its band number mixed in, for an INTEGER index in SQLite."""
    rows = np.asarray(sigs, dtype=np.uint64).reshape(-1, BANDS, ROWS)
    h = np.broadcast_to(_BAND_SEEDS, rows.shape[:2]).copy()
    with np.errstate(over="ignore"):
        for r in range(ROWS):
            h = (h * _FNV_PRIME) ^ rows[:, :, r]
    return h.view(np.int64)


def band_keys(sig: np.ndarray) -> list[int]:
    """The BANDS keys of one signature."""
    return band_keys_batch(sig[np.newaxis, :])[0].tolist()


def similarity(a: np.ndarray, b: np.ndarray) -> float:
    """Estimated Jaccard similarity of the two texts' shingle sets."""
    return float(np.count_nonzero(a == b)) / len(a)
