"""Small text helpers shared by extraction, classification and dedup."""

from __future__ import annotations

import hashlib
import re
import unicodedata

_WS = re.compile(r"[ \t\r\f\v\u00a0\u3000]+")
_BLANK_LINES = re.compile(r"\n\s*\n+")
_CJK_RUN = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff]+")
_HASH_DROP = re.compile(r"[\W_]+", re.UNICODE)


def clean_text(text: str) -> str:
    """Collapse runs of spaces inside lines and blank lines between paragraphs."""
    lines = (_WS.sub(" ", line).strip() for line in text.replace("\r\n", "\n").split("\n"))
    return _BLANK_LINES.sub("\n\n", "\n".join(lines)).strip()


def collapse_ws(text: str) -> str:
    return _WS.sub(" ", text.replace("\n", " ")).strip()


def visual_length(text: str) -> int:
    """Length in Latin-letter equivalents: a CJK character carries about as much as three letters,
    so length thresholds work for Chinese, Japanese and Korean too."""
    if text.isascii():
        return len(text)
    # runs, not single characters: a Chinese paragraph is one match instead of hundreds
    return len(text) + 2 * sum(map(len, _CJK_RUN.findall(text)))


def normalised(text: str) -> str:
    """The text with case, punctuation, spacing and Unicode forms folded away: what is hashed
    and shingled. Line by line the same as whole: ``normalised(a + "\n" + b) == normalised(a) + normalised(b)``."""
    return _HASH_DROP.sub("", unicodedata.normalize("NFKC", text).casefold())


def content_hash(text: str) -> str:
    """Hash of the normalised text, so the same article reached through two URLs or re-rendered
    hashes the same."""
    return hash_normalised(normalised(text))


def hash_normalised(norm: str) -> str:
    return hashlib.sha1(norm.encode("utf-8")).hexdigest()
