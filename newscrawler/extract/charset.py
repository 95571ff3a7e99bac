"""Choosing the encoding of an HTML body.

Government servers often send a wrong default charset in the HTTP header, so the
order is: byte-order mark; strictly valid UTF-8 (nothing else decodes real text
without errors); the page's own ``<meta>`` declaration; the header; a statistical
guess. Legacy Chinese and Korean labels map to their supersets so that characters
outside GB2312 / EUC-KR still decode.
"""

from __future__ import annotations

import codecs
import re

from w3lib.encoding import html_body_declared_encoding

# keyed by Python's canonical codec names (codecs.lookup(label).name)
_SUPERSETS = {
    "gb2312": "gb18030", "gbk": "gb18030",
    "euc_kr": "cp949",
    "iso8859-1": "cp1252", "ascii": "cp1252",   # browsers read both as windows-1252
    "big5": "big5hkscs",
    "shift_jis": "cp932",
}
_BOMS = ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"))
_HEADER_CHARSET = re.compile(r"charset\s*=\s*[\"']?([\w.:-]+)", re.I)


def normalise_encoding(label: str | None) -> str | None:
    """A Python codec name for a charset label, widened to its superset; None if unknown."""
    if not label:
        return None
    try:
        name = codecs.lookup(label.strip().strip("\"'")).name
    except LookupError:
        return None
    return _SUPERSETS.get(name, name)


def _decodes(body: bytes, encoding: str) -> bool:
    try:
        body.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        return False
    return True


def header_charset(content_type: str | None) -> str | None:
    if not content_type:
        return None
    match = _HEADER_CHARSET.search(content_type)
    return match.group(1) if match else None


def _mostly_utf8(body: bytes) -> bool:
    """UTF-8 with a stray bad byte or two (a truncated paste), not legacy text: a page in a
    single-byte or CJK encoding fails UTF-8 on nearly every non-ASCII character."""
    bad = body.decode("utf-8", errors="replace").count("\ufffd")
    return bad <= max(2, len(body) // 2000)


def detect_encoding(body: bytes, content_type: str | None = None) -> str:
    """The codec to decode ``body`` with (see the module docstring for the order)."""
    for bom, name in _BOMS:
        if body.startswith(bom):
            return name
    if _decodes(body, "utf-8"):
        return "utf-8"
    for label in (html_body_declared_encoding(body[:4096]), header_charset(content_type)):
        name = normalise_encoding(label)
        if name == "utf-8" and _mostly_utf8(body):
            return name
        if name and name not in ("utf-8", "utf-16") and _decodes(body, name):
            return name
    from charset_normalizer import from_bytes   # only for pages that declare nothing usable

    best = from_bytes(body[:65536]).best()
    return normalise_encoding(best.encoding if best else None) or "cp1252"


def decode_html(body: bytes, content_type: str | None = None) -> tuple[str, str]:
    """(text, encoding); never raises: undecodable bytes become U+FFFD."""
    encoding = detect_encoding(body, content_type)
    for bom, name in _BOMS:
        if name == encoding and body.startswith(bom):
            body = body[len(bom):]
    return body.decode(encoding, errors="replace"), encoding


_CONTROL = bytes(range(0, 9)) + bytes(range(14, 32))


def looks_binary(body: bytes) -> bool:
    """True for bodies that are no text in any encoding (images, archives served as text/html):
    more than 1% control bytes in the first 4 KB. UTF-16 is text and says so with its BOM."""
    head = body[:4096]
    if not head or head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return False
    return len(head) - len(head.translate(None, _CONTROL)) > len(head) / 100
