"""URL normalisation: one canonical form per page, so the same article is stored once."""

from __future__ import annotations

import fnmatch
import re
from functools import lru_cache
from pathlib import Path
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from w3lib.url import safe_url_string

TRACKING_PARAMS_FILE = Path(__file__).resolve().parents[2] / "data" / "tracking_params.txt"
_DEFAULT_PORTS = {"http": 80, "https": 443}
# ;jsessionid=... path parameters that Java servers append
_PATH_SESSION = re.compile(r";(jsessionid|phpsessid|sid)=[^/?#]*", re.I)
# links that are files, not pages (attachments are handled apart from pages)
NON_PAGE_EXTENSIONS = frozenset(
    "pdf doc docx xls xlsx ppt pptx hwp hwpx odt ods rtf zip rar 7z gz tar jpg jpeg png gif webp svg bmp ico "
    "mp3 mp4 avi mov wmv flv webm css js woff woff2 ttf eot exe apk dmg iso".split()
)


@lru_cache(maxsize=1)
def tracking_patterns(path: Path = TRACKING_PARAMS_FILE) -> tuple[str, ...]:
    lines = path.read_text(encoding="utf-8").splitlines()
    return tuple(line.strip().lower() for line in lines if line.strip() and not line.startswith("#"))


def is_tracking_param(name: str) -> bool:
    name = name.lower()
    return any(fnmatch.fnmatchcase(name, pattern) for pattern in tracking_patterns())


def canonical_url(url: str) -> str:
    """Lower-cased scheme and host, no default port, no fragment, no tracking or session
    parameters, the rest of the query sorted; path and query percent-encoded consistently.
    Idempotent: ``canonical_url(canonical_url(u)) == canonical_url(u)``."""
    parts = urlsplit(safe_url_string(url.strip()))
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").lower().rstrip(".")
    if ":" in host:   # IPv6 literal
        host = f"[{host}]"
    port = parts.port
    netloc = host if port in (None, _DEFAULT_PORTS.get(scheme)) else f"{host}:{port}"
    path = _PATH_SESSION.sub("", parts.path) or "/"
    query = sorted(
        (k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not is_tracking_param(k)
    )
    return urlunsplit((scheme, netloc, path, urlencode(query, safe=":/@!$'()*,;~"), ""))


def request_url(url: str) -> str:
    """The URL to fetch for a link: no fragment, no tracking or session parameters, the rest as
    the site wrote it (some servers care about parameter order; identity uses canonical_url)."""
    parts = urlsplit(safe_url_string(url.strip()))
    if not parts.query:
        return urlunsplit((parts.scheme, parts.netloc, _PATH_SESSION.sub("", parts.path), "", ""))
    kept = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not is_tracking_param(k)]
    query = parts.query if len(kept) == len(parse_qsl(parts.query, keep_blank_values=True)) \
        else urlencode(kept, safe=":/@!$'()*,;~")
    return urlunsplit((parts.scheme, parts.netloc, _PATH_SESSION.sub("", parts.path), query, ""))


def url_extension(url: str) -> str:
    path = urlsplit(url).path
    last = path.rsplit("/", 1)[-1]
    return last.rsplit(".", 1)[-1].lower() if "." in last else ""


def is_page_link(url: str) -> bool:
    """A link worth fetching as a page: http(s), and not a file type that is never HTML."""
    return urlsplit(url).scheme in ("http", "https") and url_extension(url) not in NON_PAGE_EXTENSIONS
