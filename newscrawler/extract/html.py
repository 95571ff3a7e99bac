"""Reading an HTML page: title, main text, page kind, and the content outside boilerplate.

Pure functions over an lxml tree (``parse_html``). The same tree serves the spider's
article/listing decision, the date cascade and the text extraction, so a page is parsed once.
"""

from __future__ import annotations

import re
import tomllib
from collections import OrderedDict
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from urllib.parse import urljoin

import lxml.html
from lxml import etree
from lxml.cssselect import CSSSelector

from newscrawler.extract.text import clean_text, collapse_ws, visual_length

BOILERPLATE_FILE = Path(__file__).resolve().parents[2] / "data" / "boilerplate.toml"

# Subtrees that never hold article text.
SKIP_TAGS = frozenset(
    "script style noscript template nav aside footer iframe button select option svg canvas "
    "object embed map head".split()
)
# class/id words that mark navigation, sidebars, related lists, footers, ads and the like.
BOILERPLATE_ATTR = re.compile(
    r"(?:^|[\s_-])(?:nav|navbar|navigation|menu|gnb|lnb|snb|sidebar|side|aside|sidenav|leftcol|rightcol|"
    r"left-col|right-col|footer|foot|copyright|breadcrumbs?|crumbs?|location|related|relate|recommend|"
    r"more-?news|share|sharing|social|sns|comments?|banner|advert|ads?|adv|widget|login|search|pager|"
    r"pagination|paging|subscribe|cookie|popup|modal|hot|rank|ranking|tags?|bottom|feedback)(?:$|[\s_-])",
    re.I,
)
# class/id words of containers that hold the article: they win over BOILERPLATE_ATTR.
CONTENT_ATTR = re.compile(
    r"(?:^|[\s_-])(?:content|article|main|body|post|entry|story|text|detail|view|news-?view|con|txt)"
    r"(?:$|[\s_-])", re.I)
BLOCK_TAGS = frozenset(
    "p div section article main header h1 h2 h3 h4 h5 h6 li ul ol dl dt dd table tr blockquote pre "
    "figure figcaption address br hr center".split()
)
CELL_TAGS = frozenset(("td", "th"))
# visual characters of anchor text from which a link reads as a headline (another article), not a menu item
HEADLINE_LINK_MIN = 24


def holds_headline_link(el) -> bool:
    return any(visual_length(collapse_ws(a.text_content())) >= HEADLINE_LINK_MIN for a in el.iter("a"))


_TITLE_SEPARATORS = re.compile(r"\s+[|\-–—_:·»]\s+|\s*[|_｜]\s*")
# compiled once: translating CSS to XPath on every page cost more than the search itself
_TITLE_LIKE = CSSSelector("h1, h2, h3, [class*=title], [id*=title], [class*=tit], [class*=subject], [class*=headline]")
_ARTICLE_TYPES = re.compile(r"(News|Blog|Report|Scholarly|Tech)?Article|BlogPosting|LiveBlogPosting", re.I)


_STOP_LEAD = re.compile(r"\s*[:：»›>|]\s*")
STOP_HEAD_READ = 64   # characters: more than the 40 of the longest stop heading and its separator
# what may precede a heading on its line: a table cell's bar, a list bullet ("• 관련 읽기", "- Read more")
HEADING_END = "?!.…？！。"   # a heading may end in punctuation ("Schon gelesen?")
LINE_MARKS = "|•·▪▫●○■□◆◇►▶▸‣*-–—> \t"
# a toolbar line is cut into words at spaces, bars, brackets and colons ("字号：大 中 小 | 打印本页 【关闭窗口】")
_TOOL_SPLIT = re.compile(r"[\s|:：/,，、·•\[\]【】()（）<>«»]+")
TOOLBAR_LINE_MAX = 80   # visual characters: a toolbar is short; a sentence that mentions printing is not one


@dataclass(frozen=True)
class Boilerplate:
    stop_headings: frozenset[str]
    toolbar_words: frozenset[str] = frozenset()

    def is_stop(self, line: str) -> bool:
        """A stop heading alone on its line ("관련 읽기"), or one that leads a previous/next link
        ("上一篇：关于…的通知", "Next article: …")."""
        # a table row: | 上一篇 | … |; a heading is short, so the head of a long line is enough to read
        line = line.strip().lstrip(LINE_MARKS).strip()[:STOP_HEAD_READ].casefold()
        head = _STOP_LEAD.split(line, maxsplit=1)[0].strip().rstrip(HEADING_END).strip()
        return 0 < len(head) <= 40 and head in self.stop_headings

    def is_toolbar(self, line: str) -> bool:
        """A line made only of page tools — print, close, font size, share ("字号：大 中 小 打印本页",
        "Печать | Закрыть", "인쇄 닫기"): nothing of the article, whatever the site."""
        if len(line) > TOOLBAR_LINE_MAX or not line.strip() or visual_length(line) > TOOLBAR_LINE_MAX:
            return False
        words = [w for w in _TOOL_SPLIT.split(line.casefold()) if w]
        return bool(words) and all(w in self.toolbar_words for w in words)


@lru_cache(maxsize=1)
def boilerplate(path: Path = BOILERPLATE_FILE) -> Boilerplate:
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    return Boilerplate(frozenset(h.casefold() for h in data["stop_headings"]),
                       frozenset(w.casefold() for w in data.get("toolbar_words", ())))


_XML_DECLARATION = re.compile(r"^\ufeff?\s*<\?xml[^>]*\?>")


def parse_html(html: str, base_url: str | None = None) -> lxml.html.HtmlElement:
    """Parse HTML text leniently; an empty or unparsable page gives an empty document. An XHTML
    page's ``<?xml … encoding=…?>`` declaration is dropped first: the text is already decoded,
    and lxml refuses a str that declares an encoding (the whole page was read as empty)."""
    parser = lxml.html.HTMLParser(remove_comments=True, remove_pis=True, no_network=True)
    if html:
        html = _XML_DECLARATION.sub("", html, count=1)
    try:
        root = lxml.html.document_fromstring(html or "<html></html>", parser=parser, base_url=base_url)
    except (etree.ParserError, ValueError):
        root = lxml.html.document_fromstring("<html></html>", parser=parser)
    return root


def is_boilerplate(el) -> bool:
    tag = el.tag if isinstance(el.tag, str) else ""
    if tag in SKIP_TAGS:
        return True
    if tag in ("body", "html", "main", "article"):
        return False
    attrs = f"{el.get('class', '')} {el.get('id', '')} {el.get('role', '')}"
    if not attrs.strip() or not BOILERPLATE_ATTR.search(attrs) or CONTENT_ATTR.search(attrs):
        return False
    # a layout wrapper such as <div class="wrap has-sidebar"> that holds the headline is not boilerplate
    return el.find(".//h1") is None


_LINES_CACHE: OrderedDict[int, list] = OrderedDict()


def _tree_lines(root) -> list:
    """[tree, content lines, article lines or None] of the last few trees (the tree is kept so
    that its id is never reused while cached)."""
    cached = _LINES_CACHE.get(id(root))
    if cached is not None and cached[0] is root:
        return cached
    cached = _LINES_CACHE[id(root)] = [root, _content_lines(root), None]
    while len(_LINES_CACHE) > 4:
        _LINES_CACHE.popitem(last=False)
    return cached


def content_lines(root) -> list[tuple[object, str]]:
    """Text lines of the page outside boilerplate subtrees, in document order, each with the
    element it came from. Block elements end a line; table cells are joined with ' | '.
    The page shape, the date search and the text fallback all read them: computed once a tree."""
    return _tree_lines(root)[1]


def article_content_lines(root) -> list[tuple[object, str]]:
    """``article_lines(content_lines(root))``, computed once a tree."""
    cached = _tree_lines(root)
    if cached[2] is None:
        cached[2] = article_lines(cached[1])
    return cached[2]


def _content_lines(root) -> list[tuple[object, str]]:
    lines: list[tuple[object, str]] = []
    buf: list[str] = []
    owner = [root]

    def flush():
        text = collapse_ws("".join(buf))
        if text:
            lines.append((owner[0], text))
        buf.clear()

    def walk(el):
        if not isinstance(el.tag, str) or is_boilerplate(el):
            if el.tail:
                buf.append(el.tail)
            return
        block = el.tag in BLOCK_TAGS
        if block:
            flush()
            owner[0] = el
        if el.tag in CELL_TAGS and buf:
            buf.append(" | ")
        if el.text:
            buf.append(el.text)
        for child in el:
            walk(child)
        if block:
            flush()
        if el.tail:
            buf.append(el.tail)

    body = root.find("body")
    walk(body if body is not None else root)
    flush()
    return lines


def article_lines(lines: list[tuple[object, str]]) -> list[tuple[object, str]]:
    """``lines`` up to the first stop heading (related reading, navigation, ads …) that follows
    some text, so a share bar above the article cannot cut the article away."""
    stops = boilerplate()
    seen = 0
    for i, (_, line) in enumerate(lines):
        if seen >= 150 and stops.is_stop(line):
            return lines[:i]
        seen += visual_length(line)
    return lines


def index_after(lines: list[tuple[object, str]], element) -> int:
    """Index of the first line after the one that holds ``element`` (0 when it holds none):
    where the article's header and body begin below its title."""
    if element is not None:
        for i, (el, _) in enumerate(lines):
            if el is element or element in el.iterancestors() or el in element.iter():
                return i + 1
    return 0


def _meta(root, *names: str) -> str | None:
    for name in names:
        for attr in ("property", "name", "itemprop"):
            found = root.xpath(f"//meta[@{attr}=$n]/@content", n=name)
            if found and found[0].strip():
                return found[0].strip()
    return None


def _jsonld_headline(root) -> str | None:
    from newscrawler.extract.dates import jsonld_objects   # one JSON-LD reader for the whole package

    for obj in jsonld_objects(root):
        if isinstance(obj.get("headline"), str) and _ARTICLE_TYPES.search(str(obj.get("@type", ""))):
            return obj["headline"].strip()
    return None


def _clean_title_tag(title: str) -> str:
    """'Article title - Site name' -> 'Article title': the longest part between separators."""
    parts = [p.strip() for p in _TITLE_SEPARATORS.split(title) if p.strip()]
    return max(parts, key=visual_length) if parts else title.strip()


_BOILERPLATE_CACHE: OrderedDict[int, tuple] = OrderedDict()


def _boilerplate_descendants(root) -> set:
    """Every element that lies inside a boilerplate subtree of ``root``'s tree, found in one walk
    (asking each element's ancestors cost ~6 ms a page: three callers, hundreds of links). The
    last few trees are kept, with the tree so that its id is never reused while cached."""
    cached = _BOILERPLATE_CACHE.get(id(root))
    if cached is not None and cached[0] is root:
        return cached[1]
    inside: set = set()
    for el in root.iter():
        if el not in inside and isinstance(el.tag, str) and is_boilerplate(el):
            inside.update(el.iterdescendants())
    _BOILERPLATE_CACHE[id(root)] = (root, inside)
    while len(_BOILERPLATE_CACHE) > 4:
        _BOILERPLATE_CACHE.popitem(last=False)
    return inside


def _inside_boilerplate(el) -> bool:
    return el in _boilerplate_descendants(el.getroottree().getroot())


_MASTHEAD = re.compile(r"logo|masthead|brand|site-?name|site-?title|(?:^|[\s_-])(?:header|top|gnb)(?:$|[\s_-])", re.I)


def _in_masthead(el) -> bool:
    """Inside the page's header or logo block, where the site's own name lives."""
    for node in (el, *el.iterancestors()):
        if node.tag in ("article", "main"):
            return False
        if node.tag == "header" or _MASTHEAD.search(f"{node.get('class', '')} {node.get('id', '')}"):
            return True
    return False


def find_title(root, title_selector: str | None = None) -> tuple[str | None, object | None]:
    """(title, element) — the element lets the date search start right after the title.

    1. the site's own title selector; 2. a heading that repeats og:title, the JSON-LD headline
    or the whole <title> exactly; 3. the longest heading contained in one of them (a <title>
    adds the site name), preferring headings outside the masthead, so a logo <h1> loses;
    4. the first content <h1>; 5. the declared title itself, site name cut off."""
    if title_selector:
        for el in root.cssselect(title_selector):
            text = collapse_ws(el.text_content())
            if text:
                return text, el
    head_title = collapse_ws(root.findtext(".//title") or "")
    declared = [t for t in (_meta(root, "og:title", "twitter:title"), _jsonld_headline(root), head_title) if t]
    site_name = _meta(root, "og:site_name")
    candidates = []
    for el in _TITLE_LIKE(root):
        if el.tag in ("title", "meta") or _inside_boilerplate(el):
            continue
        text = collapse_ws(el.text_content())
        if 4 <= len(text) <= 400 and text != site_name:
            candidates.append((text, el))
    for title in declared:
        for text, el in candidates:
            if text == title:
                return text, el
    contained = [(not _in_masthead(el), visual_length(text), text, el) for text, el in candidates
                 if len(text) >= 8 and any(text in d for d in declared)]
    if contained:
        best = max(contained, key=lambda c: c[:2])
        return best[2], best[3]
    h1s = [(t, el) for t, el in candidates if el.tag == "h1" and not _in_masthead(el)]
    if h1s:
        return h1s[0]
    if declared:
        return _clean_title_tag(declared[0]), None
    return None, None


@dataclass(frozen=True)
class PageShape:
    """Measures that tell an article from a listing page, taken before the first stop heading."""
    body_length: int        # visual length of own (non-link, non-teaser) text
    longest_block: int      # visual length of the longest such block
    paragraphs: int         # such blocks of at least 80 visual characters
    item_links: int         # links with headline-like anchor text outside boilerplate
    declared_article: bool  # og:type=article or a JSON-LD *Article


def _item_container(a):
    """The list item, table row or small block that holds one headline link with its teaser
    and date: the largest ancestor (up to four levels) with at most three links and 500
    visual characters."""
    container, node = None, a
    for _ in range(4):
        node = node.getparent()
        if node is None or node.tag in ("body", "html", "main"):
            break
        if len(node.findall(".//a")) > 3 or visual_length(node.text_content()) > 500:
            break
        container = node
    return container


def page_shape(root) -> PageShape:
    lines = content_lines(root)
    kept = article_content_lines(root)
    stop_el = lines[len(kept)][0] if len(kept) < len(lines) else None
    teaser_blocks: set = set()
    link_text: dict[object, int] = {}
    item_links = 0
    for el in root.iter():
        if el is stop_el:
            break
        if el.tag != "a" or not el.get("href") or _inside_boilerplate(el):
            continue
        length = visual_length(collapse_ws(el.text_content()))
        parent = el.getparent()
        if parent is not None:
            link_text[parent] = link_text.get(parent, 0) + length
        if length >= HEADLINE_LINK_MIN:
            item_links += 1
            container = _item_container(el)
            if container is not None:
                teaser_blocks.add(container)
    longest = total = paragraphs = 0
    for el, line in kept:
        if el in teaser_blocks or any(a in teaser_blocks for a in el.iterancestors()):
            continue
        own = visual_length(line) - link_text.get(el, 0)
        if own <= 0:
            continue
        total += own
        longest = max(longest, own)
        paragraphs += own >= 80
    og_type = (_meta(root, "og:type") or "").lower()
    declared = og_type == "article" or _jsonld_has_article(root)
    return PageShape(total, longest, paragraphs, item_links, declared)


def _jsonld_has_article(root) -> bool:
    from newscrawler.extract.dates import jsonld_objects

    return any(_ARTICLE_TYPES.search(str(o.get("@type", ""))) for o in jsonld_objects(root))


def has_article_body(shape: PageShape) -> bool:
    """A body: enough own text, in a real paragraph, that outweighs the headline links.
    Listing pages fail on the last test, because their teasers sit in the links' items."""
    if shape.declared_article and shape.paragraphs >= 1:
        return True
    return (shape.body_length >= 300 and (shape.longest_block >= 150 or shape.paragraphs >= 3)
            and shape.body_length >= 80 * shape.item_links)


def selector_text(root, body_selector: str, exclude: str | None = None) -> str:
    """Main text from a site's own CSS hint, with its ``exclude`` hint removed."""
    parts = []
    for el in root.cssselect(body_selector):
        if exclude:
            el = lxml.html.fromstring(lxml.html.tostring(el))
            for bad in el.cssselect(exclude):
                bad.drop_tree()
        parts.append("\n".join(line for _, line in content_lines(el)))
    return clean_text("\n\n".join(parts))


def _join(base_url: str, href: str) -> str | None:
    """An absolute URL for an href, or None when it is empty or no URL (``https://[x]``)."""
    href = href.strip()
    try:
        return urljoin(base_url, href) if href else None
    except ValueError:
        return None


def feed_links(root, base_url: str) -> list[str]:
    """RSS/Atom feeds the page announces with <link rel=alternate>."""
    hrefs = root.xpath(
        "//link[contains(@rel,'alternate')][contains(@type,'rss') or contains(@type,'atom')]/@href"
    )
    return [url for url in (_join(base_url, h) for h in hrefs) if url]


def canonical_link(root, base_url: str) -> str | None:
    href = root.xpath("//link[@rel='canonical']/@href")
    return _join(base_url, href[0]) if href else None


LINK_ITEM_MAX = 2000   # characters: a listing's item (headline, teaser, date) is shorter
_DIGIT = re.compile(r"\d")


def page_links(root, base_url: str, with_dates: bool = True) -> list[tuple[str, str | None]]:
    """(absolute URL, date shown beside it) for every link on the page, in document order.
    The date is the first date in the link's own list item or table row — how listing pages
    print it — and only when that item holds at most three links. ``with_dates=False`` skips the
    search (an article page: the listings that link the same articles print their dates)."""
    from newscrawler.extract.dates import find_date_in_text

    out = []
    for a in root.iter("a"):
        href = (a.get("href") or "").strip()
        if not href or href.startswith(("#", "javascript:", "mailto:", "tel:")):
            continue
        when = None
        if with_dates and not _inside_boilerplate(a):
            node = a
            for _ in range(3):
                node = node.getparent()
                if node is None or node.tag in ("body", "ul", "ol", "table", "tbody"):
                    break
                if len(node.findall(".//a")) > 3:
                    break
                text = node.text_content()
                if len(text) > LINK_ITEM_MAX:   # a block of the page, not one item of a list
                    break
                if _DIGIT.search(text):   # no digit, no date: the regex need not look
                    when = find_date_in_text(collapse_ws(text)[:300])
                if when or node.tag in ("li", "tr", "dd", "article"):
                    break
        url = _join(base_url, href)   # None for href="https://[ccpa-preferences]": that link costs only itself
        if url:
            out.append((url, when))
    return out


_SCRIPT_BUILDS = re.compile(r"fetch\(|XMLHttpRequest|innerHTML|appendChild|\$\.ajax|axios|createElement|\.json\b")
_MOUNT_POINT = re.compile(r"^(?:app|root|main|content|news|list|news-list|article)$", re.I)


def built_by_scripts(root) -> bool:
    """The page's content is put there by scripts: hardly any text outside boilerplate, and scripts
    that fetch data or build the DOM (or an empty mount point such as <div id="app">)."""
    text = sum(visual_length(line) for _, line in content_lines(root))
    if text >= 300:
        return False
    scripts = root.xpath("//script")
    if not scripts:
        return False
    code = " ".join(s.text or "" for s in scripts)
    external = any(s.get("src") for s in scripts)
    mount = any(_MOUNT_POINT.match(el.get("id", "")) and len(collapse_ws(el.text_content())) < 40
                for el in root.iter("div", "main", "ul", "section", "article"))
    return bool(_SCRIPT_BUILDS.search(code)) or (external and mount)
