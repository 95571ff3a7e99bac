"""One page in, article fields out: the code shared by the crawl pipelines and ``newscrawler extract``.

``read_page`` is the per-page part that needs the HTML (title, main text, the date strings on
offer). The whole reading of a page — classification, language, dates, dedup keys, cluster
analysis — is ``newscrawler.reader.read_page``, the one function the crawl and ``extract`` run.
"""

from __future__ import annotations

import copy
import logging
import re
from dataclasses import asdict
from datetime import datetime

from newscrawler.extract.date_fallback import with_fallback
from newscrawler.extract.dates import DateCandidate, date_candidates, resolve_dates
from newscrawler.extract.html import (
    article_content_lines,
    boilerplate,
    canonical_link,
    content_lines,
    find_title,
    index_after,
    parse_html,
    selector_text,
)
from newscrawler.extract.pagekind import notice_text
from newscrawler.extract.text import clean_text, collapse_ws, visual_length
from newscrawler.extract.trim import trim_text

logger = logging.getLogger(__name__)
MIN_TRAFILATURA_TEXT = 120   # visual characters; below this the fallback reader is tried too
# of the readable text below the title: when trafilatura's fast pass keeps less than this, its
# fallback extractors run too and the longer text wins. 0.8 read 0.004 more token F1 on
# fundus_publishers but ran the slow pass on more pages (+9% CPU time in an A/B run).
FALLBACK_SHARE = 0.6
# a stop heading ends the text when what follows it is at most this share of what precedes it
STOP_TAIL_SHARE = 0.5
STOP_LEAD_FREE = 150   # visual characters at the top of the text that no stop heading cuts
# lines above the title are dropped as page header only while they are less than this share of the text
ABOVE_TITLE_SHARE = 0.5


def _trafilatura_text(root, url: str | None, fast: bool) -> str:
    """trafilatura on a copy of the tree already parsed (it prunes what it is given): copying a
    tree costs less than half of parsing the page again, with the same result. Balanced between
    precision and recall, as trafilatura's defaults: favouring precision dropped whole paragraphs
    (snippet recall 0.90 against 0.94), and the furniture it keeps more of is trimmed afterwards."""
    import trafilatura

    text = trafilatura.extract(
        copy.deepcopy(root), url=url, include_tables=True, include_comments=False, include_images=False,
        include_links=False, deduplicate=False, favor_precision=False, with_metadata=False, fast=fast,
    )
    return text or ""


def _cut_at_stop_heading(text: str) -> str:
    """Trafilatura keeps some related-reading lists; cut from their heading on. A block of
    related reading follows the article and is much shorter than it: a stop heading followed by
    more than ``STOP_TAIL_SHARE`` of the text before it is an inline teaser ("READ MORE: …"
    between paragraphs), and only its own line goes. Lengths are measured only when a stop
    heading is met: most texts have none."""
    stops = boilerplate()
    lines = text.split("\n")
    kept, seen, i = [], 0, 0
    while i < len(lines) and seen < STOP_LEAD_FREE:   # a share bar above the article never cuts it
        kept.append(lines[i])
        seen += visual_length(lines[i])
        i += 1
    for j in range(i, len(lines)):
        if not stops.is_stop(lines[j]):
            kept.append(lines[j])
            continue
        after = sum(map(visual_length, lines[j + 1:]))
        if after <= STOP_TAIL_SHARE * sum(map(visual_length, kept)):
            break
    return "\n".join(kept)


def _lines_after_title(root, title_element) -> str:
    lines = article_content_lines(root)
    return "\n".join(line for _, line in lines[index_after(lines, title_element):])


def main_text(root, url: str | None, hints: dict, title: str | None, title_element, notice: bool = False) -> str:
    """The article's text: the site's body selector when it has one; for a short notice
    (extract/pagekind.py) its own lines below the headline; otherwise trafilatura's reading,
    then without toolbars, sidebars and menus (``trim``) and without what the page prints
    above the title."""
    selectors = hints.get("selectors") or {}
    if selectors.get("body"):
        text = selector_text(root, selectors["body"], selectors.get("exclude"))
        if text:
            return text
    if notice:
        text = notice_text(root, title_element)
        if text:
            return clean_text(text)
    # trafilatura's fast pass first; its slower fallback extractors only when that pass kept much
    # less than the page's readable text below the title (most pages need one pass)
    text = _cut_at_stop_heading(_trafilatura_text(root, url, fast=True))
    if visual_length(text) < FALLBACK_SHARE * visual_length(_lines_after_title(root, title_element)):
        second = _cut_at_stop_heading(_trafilatura_text(root, url, fast=False))
        if visual_length(second) > visual_length(text):
            text = second
    if visual_length(text) < MIN_TRAFILATURA_TEXT:
        fallback = _lines_after_title(root, title_element)
        if visual_length(fallback) > visual_length(text):
            text = fallback
    text = trim_text(text, root)
    lines = _drop_lines_above_title(clean_text(text).split("\n"), root, title_element)
    if lines and title and collapse_ws(lines[0]) == collapse_ws(title):
        lines = lines[1:]
    return clean_text("\n".join(lines))


_SQUASH = re.compile(r"[\s|\-:：]+")


def _drop_lines_above_title(lines: list[str], root, title_element) -> list[str]:
    """Leading lines that the page prints above the title — a government page's metadata table
    (索引号, 发布机构, 文号), a breadcrumb — or in the header table that holds the title, are not
    the article, even when the extractor keeps them."""
    page_lines = content_lines(root)
    start = index_after(page_lines, title_element)
    above = {_SQUASH.sub("", line) for _, line in page_lines[:max(start - 1, 0)]}
    # a board's header table (标题 | … | 发布日期 | …) that holds the title cell
    table = next((a for a in title_element.iterancestors("table")), None) if title_element is not None else None
    if table is not None:
        above |= {_SQUASH.sub("", line) for _, line in content_lines(table)}
    if not above:
        return lines
    i = 0
    while i < len(lines) and _SQUASH.sub("", lines[i]) in above | {""}:
        i += 1
    # most of the text above the "title": the heading found is not the article's own (a recipe
    # card's name at the end of a blog post), and the text above it is the article
    if sum(map(visual_length, lines[:i])) > ABOVE_TITLE_SHARE * sum(map(visual_length, lines)):
        return lines
    return lines[i:] if i < len(lines) else lines


def read_page(html: str, url: str, hints: dict | None = None, *, listing_raw: str | None = None) -> dict:
    """Title, main text, date candidates, the page's declared language and canonical link."""
    return read_tree(parse_html(html, base_url=url), url, hints, listing_raw=listing_raw)


def read_tree(root, url: str, hints: dict | None = None, *, listing_raw: str | None = None,
              title_found: tuple | None = None, candidates: list | None = None, notice: bool = False) -> dict:
    """``read_page`` on a tree already parsed (the crawl parses each page once). The page's
    classification may hand over the title and date candidates it found on the same tree."""
    hints = hints or {}
    title, title_element = title_found or find_title(root, (hints.get("selectors") or {}).get("title"))
    text = main_text(root, url, hints, title, title_element, notice)
    if candidates is None:
        candidates = date_candidates(root, url, hints, title_element=title_element, listing_raw=listing_raw)
    candidates = with_fallback(root, url, candidates, hints, title_element=title_element)
    declared_lang = root.xpath("//meta[@http-equiv='content-language']/@content")
    html_lang = root.get("lang") or root.get("xml:lang") or (declared_lang[0] if declared_lang else None)
    return {
        "title": title,
        "text": text,
        "date_candidates": [asdict(c) for c in candidates],
        "html_lang": html_lang,
        "canonical_link": canonical_link(root, url),
    }


def resolve_page_dates(candidates: list[dict], hints: dict | None, language: str | None,
                       now: datetime | None, html_lang: str | None = None) -> dict:
    """Parse the page's date candidates. Without a site locale, a regional ``lang`` attribute
    (en-US, en-GB) sets the day order of numeric dates."""
    hints = dict(hints or {})
    if not hints.get("locale") and html_lang and "-" in html_lang:
        hints["locale"] = html_lang.strip()
    findings = resolve_dates([DateCandidate(**c) for c in candidates], hints, language=language, now=now)
    return asdict(findings)
