"""MinHash signatures of an article's text, for near-duplicate detection.

Shingles are characters, not words, so Chinese, Japanese and Korean text (no spaces) and
inflected languages work alike: the text is normalised (NFKC, case folded, punctuation and
spacing removed) and cut into overlapping k-character pieces — 3 for CJK-dominant text, 5 for
the rest. A 64-value MinHash signature estimates the Jaccard similarity of two texts' shingle
sets; with the sets' sizes it also estimates containment (the share of the smaller text found
in the larger), which keeps a copy with an added preface or a cut tail close to 1 while two
notices written from one template stay lower. The signature is cut into 16 bands of 4 values
for the locality-sensitive index (``index.py``).
Only the first ``MAX_CHARS`` normalised characters count: enough to tell copies apart, and it
bounds the cost of a very long page. Shingles are hashed with CRC-32 (stable across processes,
unlike ``hash()``, and several times faster than SHA-1).

The MinHash is computed here with NumPy, as datasketch 2's ``MinHash(num_perm=64, seed=1,
scheme="affine32", hashfunc=zlib.crc32)`` computes it — the same values bit for bit, so
signatures stored by earlier releases still match (tests/unit/test_dedup.py compares the two).
Importing datasketch loads SciPy, ~60 MB of memory the crawl held for the 20 lines used.
"""

from __future__ import annotations

import re
import zlib
from dataclasses import dataclass

import numpy as np

from newscrawler.extract.text import normalised

MAX_CHARS = 4000
NUM_PERM = 64
BANDS = 16
ROWS = NUM_PERM // BANDS
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af]")


def shingles(text: str) -> set[bytes]:
    return shingles_of_normalised(normalised(text))


def shingles_of_normalised(norm: str) -> set[bytes]:
    norm = norm[:MAX_CHARS]
    k = 3 if len(_CJK.findall(norm[:2000])) > 0.3 * min(len(norm), 2000) else 5
    if len(norm) <= k:
        return {norm.encode("utf-8")} if norm else set()
    return {norm[i:i + k].encode("utf-8") for i in range(len(norm) - k + 1)}


def _permutations(num_perm: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """The affine maps h -> a*h + b (mod 2**32), one per value, drawn as datasketch 2 draws them;
    ``a`` is odd, so each map is a bijection of the 32-bit range."""
    draw = np.random.RandomState(seed)
    a = draw.randint(0, 1 << 31, num_perm, dtype=np.uint32) * np.uint32(2) + np.uint32(1)
    b = draw.randint(0, 1 << 32, num_perm, dtype=np.uint32)
    return a, b


_A, _B = _permutations(NUM_PERM, seed=1)


def _fmix32(h: np.ndarray) -> np.ndarray:
    """MurmurHash3's finaliser: spreads weak input hashes before the affine maps."""
    h = h ^ (h >> np.uint32(16))
    h = h * np.uint32(0x85EBCA6B)
    h = h ^ (h >> np.uint32(13))
    h = h * np.uint32(0xC2B2AE35)
    return h ^ (h >> np.uint32(16))


def minhash(pieces) -> np.ndarray:
    """NUM_PERM minima of the permuted CRC-32 hashes of ``pieces`` (uint32; all 2**32-1 when empty)."""
    if not pieces:
        return np.full(NUM_PERM, np.iinfo(np.uint32).max, dtype=np.uint32)
    hashed = _fmix32(np.fromiter(map(zlib.crc32, pieces), dtype=np.uint32, count=len(pieces)))
    return (hashed[:, np.newaxis] * _A + _B).min(axis=0)


@dataclass(frozen=True)
class Signature:
    values: np.ndarray    # NUM_PERM uint32 minima
    size: int             # number of distinct shingles

    def to_bytes(self) -> bytes:
        return self.values.astype(np.uint32).tobytes()

    @classmethod
    def from_bytes(cls, blob: bytes, size: int) -> Signature:
        return cls(np.frombuffer(blob, dtype=np.uint32), size)


def signature(text: str) -> Signature | None:
    """The text's MinHash signature, or None for a text too short to compare."""
    return signature_of_normalised(normalised(text))


def signature_of_normalised(norm: str) -> Signature | None:
    """``signature`` of a text already ``normalised`` (the dedup keys normalise a text once)."""
    pieces = shingles_of_normalised(norm)
    if len(pieces) < 8:
        return None
    return Signature(minhash(list(pieces)), len(pieces))


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


def band_keys(sig: Signature) -> list[int]:
    """The BANDS keys of one signature."""
    return band_keys_batch(sig.values[np.newaxis, :])[0].tolist()


def jaccard(a: Signature, b: Signature) -> float:
    """Estimated Jaccard similarity of the two texts' shingle sets."""
    return float(np.count_nonzero(a.values == b.values)) / len(a.values)


def containment(a: Signature, b: Signature) -> float:
    """Estimated share of the smaller text's shingles found in the larger one, from Jaccard and
    the set sizes: |A∩B| = J (|A| + |B|) / (1 + J)."""
    return float(containment_many(a, b.values[np.newaxis, :], np.array([b.size]))[0])


def containment_many(a: Signature, values: np.ndarray, sizes: np.ndarray) -> np.ndarray:
    """``containment`` of ``a`` against n signatures at once: ``values`` (n, NUM_PERM), ``sizes`` (n,)."""
    j = np.count_nonzero(values == a.values, axis=1) / values.shape[1]
    return np.minimum(1.0, j * (a.size + sizes) / ((1 + j) * np.minimum(a.size, sizes)))
