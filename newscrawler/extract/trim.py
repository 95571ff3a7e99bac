"""Lines of an extracted text that are page furniture, not article.

The text extractor (trafilatura) judges blocks by their own text and links; it keeps a sidebar of
plain ``<span>`` items, a menu whose links it cannot see once they are text, a "print / close /
font size" bar. The page itself says what they are: the same lines sit in subtrees that the page
marks as navigation, sidebar or footer (``html.is_boilerplate``), or they repeat the anchor texts
of its menus. ``trim_lines`` drops such lines where they gather — before the article, after it, or
in runs of menu items — and toolbar lines anywhere; a single sentence inside the body is kept even
when a sidebar happens to repeat it.
"""

from __future__ import annotations

from dataclasses import dataclass

from newscrawler.extract.html import LINE_MARKS, SKIP_TAGS, boilerplate, content_lines, is_boilerplate
from newscrawler.extract.text import visual_length

FURNITURE_LINE_MAX = 100   # visual characters: menu items, sidebar entries and toolbars are short lines
PART_OF_LINE_MIN = 20      # characters from which a line may match part of a content line
KEPT_SHARE_MIN = 0.3       # of the text: trimming the edges never leaves less than this
REPEAT_LINE_MIN = 12       # visual characters from which a line said three times in one text is furniture
REPEAT_TIMES = 3
MENU_RUN_MIN = 2           # menu link texts in a row from which a run inside the text is a menu


def line_key(text: str) -> str:
    """What two renderings of one line share: the words, without the list bullet or table bars
    at its ends ("- 促进中小企业发展" from the extractor, "促进中小企业发展" in the page).
    Plain string operations: this runs on every line of every page."""
    return " ".join(text.split()).strip(LINE_MARKS)


@dataclass(frozen=True)
class Furniture:
    """What the page shows outside its article, read once from the tree."""
    content: str                   # the page's lines outside boilerplate subtrees, "\n"-joined
    content_lines: frozenset[str]  # the same lines (as ``line_key``), for whole-line lookups
    menu_texts: frozenset[str]     # anchor texts inside boilerplate subtrees (menus, sidebars)

    def outside_content(self, key: str) -> bool:
        """The line (a ``line_key``) exists on the page only inside navigation, sidebars or
        footers. A short line must be a whole content line: a sidebar entry ("促进中小企业发展")
        is often a phrase of the article too; a longer one may be part of one (the extractor
        joins some blocks)."""
        if not key or key in self.content_lines:
            return False
        return len(key) < PART_OF_LINE_MIN or key not in self.content


def page_furniture(root) -> Furniture:
    lines = [line_key(line) for _, line in content_lines(root)]
    return Furniture("\n".join(lines), frozenset(lines), frozenset(_menu_link_texts(root)))


def _menu_link_texts(root) -> set[str]:
    """Anchor texts inside subtrees the page marks as navigation, sidebar, footer and the like.
    Each anchor looks up its ancestors; what one ancestor is, is worked out once for all its links."""
    inside: dict = {}
    found: set[str] = set()
    for a in root.iter("a"):
        chain, node, verdict = [], a, False
        while node is not None:
            known = inside.get(node)
            if known is not None:
                verdict = known
                break
            chain.append(node)
            node = node.getparent()
        for node in reversed(chain):   # from the outermost new ancestor down to the link
            # only a skipped tag or a class/id/role can make an element boilerplate: cheap test first
            verdict = inside[node] = verdict or (
                (node.tag in SKIP_TAGS or bool(node.attrib)) and is_boilerplate(node))
        if verdict:
            key = line_key(a.text_content())
            if key:
                found.add(key)
    return found


def _drop_menu_runs(lines: list[str], keys: list[str], menu: frozenset[str]) -> list[str]:
    """Runs of at least ``MENU_RUN_MIN`` consecutive menu link texts: a menu the extractor kept."""
    in_menu = [bool(k) and k in menu and visual_length(k) <= FURNITURE_LINE_MAX for k in keys]
    if sum(in_menu) < MENU_RUN_MIN:
        return lines
    kept: list[str] = []
    i = 0
    while i < len(lines):
        j = i
        while j < len(lines) and in_menu[j]:
            j += 1
        if j - i >= MENU_RUN_MIN:
            i = j
            continue
        kept.append(lines[i])
        i += 1
    return kept


def _repeated(keys: list[str]) -> set[str]:
    """Lines the text says three times or more — an embed placeholder ("Externer Inhalt nicht
    verfügbar"), an ad label, a widget: furniture every time; an article does not repeat a
    sentence like that."""
    counts: dict[str, int] = {}
    for key in keys:
        if key:
            counts[key] = counts.get(key, 0) + 1
    return {k for k, n in counts.items() if n >= REPEAT_TIMES and visual_length(k) >= REPEAT_LINE_MIN}


def _is_edge_furniture(key: str, furniture: Furniture) -> bool:
    """A short line the page shows only outside its content, or one of its menu links."""
    if visual_length(key) > FURNITURE_LINE_MAX:
        return False
    return key in furniture.menu_texts or furniture.outside_content(key)


def trim_lines(lines: list[str], furniture: Furniture) -> list[str]:
    """The text's lines without toolbars and repeated lines, without the furniture before the
    first and after the last article line, and without runs of menu items."""
    tools = boilerplate()
    keys = [line_key(line) for line in lines]
    repeated = _repeated(keys)
    pairs = [(line, key) for line, key in zip(lines, keys)
             if key not in repeated and not tools.is_toolbar(line)]
    start, end = 0, len(pairs)
    while start < end and (not pairs[start][1] or _is_edge_furniture(pairs[start][1], furniture)):
        start += 1
    while end > start and (not pairs[end - 1][1] or _is_edge_furniture(pairs[end - 1][1], furniture)):
        end -= 1
    # furniture is the lesser part of a page; when it would be most of the text, the page's
    # boilerplate marks are wrong about its article (a whole post in a "sidebar" column)
    if sum(visual_length(k) for _, k in pairs[start:end]) < KEPT_SHARE_MIN * sum(visual_length(k) for _, k in pairs):
        start, end = 0, len(pairs)
    pairs = pairs[start:end]
    return _drop_menu_runs([line for line, _ in pairs], [key for _, key in pairs], furniture.menu_texts)


def trim_text(text: str, root) -> str:
    return "\n".join(trim_lines(text.split("\n"), page_furniture(root)))
