"""URL normalisation: one canonical form per page, so the same article is stored once."""

from __future__ import annotations

import fnmatch
import re
from functools import lru_cache
from pathlib import Path
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from w3lib.url import safe_url_string

TRACKING_PARAMS_FILE = Path(__file__).resolve().parents[2] / "data" / "tracking_params.txt"
NAVIGATION_PARAMS_FILE = Path(__file__).resolve().parents[2] / "data" / "navigation_params.txt"
# query parameters that name the item a board page shows (view.php?no=3421, view.do?nttId=…)
ITEM_ID_PARAMS = re.compile(
    r"^(?:no|id|idx|seq|nid|aid|num|articleid|newsid|article_id|news_id|nttid|bbsidx|board_seq|wr_id|"
    r"docid|doc_id|contentid|content_id|itemid|item_id|postid|post_id|p)$", re.I)
_DEFAULT_PORTS = {"http": 80, "https": 443}
# ;jsessionid=... path parameters that Java servers append
_PATH_SESSION = re.compile(r";(jsessionid|phpsessid|sid)=[^/?#]*", re.I)
# links that are files, not pages (attachments are handled apart from pages)
NON_PAGE_EXTENSIONS = frozenset(
    "pdf doc docx xls xlsx ppt pptx hwp hwpx odt ods rtf zip rar 7z gz tar jpg jpeg png gif webp svg bmp ico "
    "mp3 mp4 avi mov wmv flv webm css js woff woff2 ttf eot exe apk dmg iso".split()
)


@lru_cache(maxsize=4)
def _param_patterns(path: Path) -> tuple[str, ...]:
    lines = path.read_text(encoding="utf-8").splitlines()
    return tuple(line.strip().lower() for line in lines if line.strip() and not line.startswith("#"))


def tracking_patterns(path: Path = TRACKING_PARAMS_FILE) -> tuple[str, ...]:
    return _param_patterns(path)


def is_tracking_param(name: str) -> bool:
    name = name.lower()
    return any(fnmatch.fnmatchcase(name, pattern) for pattern in tracking_patterns())


def is_navigation_param(name: str) -> bool:
    name = name.lower()
    return any(fnmatch.fnmatchcase(name, pattern) for pattern in _param_patterns(NAVIGATION_PARAMS_FILE))


def article_url(url: str) -> str:
    """An article's identity: its canonical URL without the listing's navigation parameters
    (page number, page size, sort, search terms) when the query names the item by an id, so a
    board article linked from page 1 and page 3 is one article. Idempotent."""
    canonical = canonical_url(url)
    parts = urlsplit(canonical)
    if not parts.query:
        return canonical
    pairs = parse_qsl(parts.query, keep_blank_values=True)
    if not any(ITEM_ID_PARAMS.match(k) and v for k, v in pairs):
        return canonical
    kept = [(k, v) for k, v in pairs if not is_navigation_param(k)]
    return urlunsplit((parts.scheme, parts.netloc, parts.path, urlencode(kept, safe=":/@!$'()*,;~"), ""))


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
