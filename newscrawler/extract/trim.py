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

import re
from dataclasses import dataclass

from newscrawler.extract.html import boilerplate, content_lines, is_boilerplate
from newscrawler.extract.text import visual_length

# what two renderings of the same line may differ in: spacing, table bars, list bullets, colons
_SQUASH = re.compile(r"[\s|\-:：•·▪●■◆►▶*]+")
FURNITURE_LINE_MAX = 100   # visual characters: menu items, sidebar entries and toolbars are short lines
PART_OF_LINE_MIN = 20      # squashed characters from which a line may match part of a content line
KEPT_SHARE_MIN = 0.3       # of the text: trimming the edges never leaves less than this
REPEAT_LINE_MIN = 12       # visual characters from which a line said three times in one text is furniture
REPEAT_TIMES = 3
MENU_RUN_MIN = 2           # menu link texts in a row from which a run inside the text is a menu


def squash(text: str) -> str:
    return _SQUASH.sub("", text).casefold()


@dataclass(frozen=True)
class Furniture:
    """What the page shows outside its article, read once from the tree."""
    content: str                   # squashed lines of the page outside boilerplate subtrees, "\n"-joined
    content_lines: frozenset[str]  # the same lines, for whole-line lookups
    menu_texts: frozenset[str]     # squashed anchor texts inside boilerplate subtrees (menus, sidebars)

    def outside_content(self, line: str) -> bool:
        """The line exists on the page only inside navigation, sidebars or footers. A short line
        must be a whole content line: a sidebar entry ("促进中小企业发展") is often a phrase of
        the article too; a longer one may be part of one (the extractor joins some blocks)."""
        key = squash(line)
        if not key or key in self.content_lines:
            return False
        return len(key) < PART_OF_LINE_MIN or key not in self.content

    def is_menu_item(self, line: str) -> bool:
        key = squash(line)
        return bool(key) and key in self.menu_texts


def page_furniture(root) -> Furniture:
    lines = [squash(line) for _, line in content_lines(root)]
    return Furniture("\n".join(lines), frozenset(lines), frozenset(_menu_link_texts(root)))


def _menu_link_texts(root) -> set[str]:
    """Anchor texts inside subtrees the page marks as navigation, sidebar, footer and the like.
    Each anchor looks up its ancestors; what one ancestor is, is worked out once for all its links."""
    inside: dict = {}
    found: set[str] = set()
    for a in root.iter("a"):
        key = squash(a.text_content())
        if not key:
            continue
        chain, node, verdict = [], a, False
        while node is not None:
            known = inside.get(node)
            if known is not None:
                verdict = known
                break
            chain.append(node)
            node = node.getparent()
        for node in reversed(chain):   # from the outermost new ancestor down to the link
            verdict = inside[node] = verdict or is_boilerplate(node)
        if verdict:
            found.add(key)
    return found


def _is_furniture(line: str, furniture: Furniture) -> bool:
    """A short line the page shows only outside its content, or one of its menu links."""
    if visual_length(line) > FURNITURE_LINE_MAX:
        return False
    return furniture.outside_content(line) or furniture.is_menu_item(line)


def _drop_menu_runs(lines: list[str], furniture: Furniture) -> list[str]:
    """Runs of at least ``MENU_RUN_MIN`` consecutive menu link texts: a menu the extractor kept."""
    kept: list[str] = []
    i = 0
    while i < len(lines):
        j = i
        while j < len(lines) and visual_length(lines[j]) <= FURNITURE_LINE_MAX and furniture.is_menu_item(lines[j]):
            j += 1
        if j - i >= MENU_RUN_MIN:
            i = j
            continue
        kept.append(lines[i])
        i += 1
    return kept


def _drop_repeated(lines: list[str]) -> list[str]:
    """A line the text says three times or more — an embed placeholder ("Externer Inhalt nicht
    verfügbar"), an ad label, a widget — is furniture every time; an article does not repeat a
    sentence like that."""
    counts: dict[str, int] = {}
    for line in lines:
        key = squash(line)
        if key:
            counts[key] = counts.get(key, 0) + 1
    repeated = {k for k, n in counts.items() if n >= REPEAT_TIMES}
    if not repeated:
        return lines
    return [line for line in lines
            if squash(line) not in repeated or visual_length(line) < REPEAT_LINE_MIN]


def trim_lines(lines: list[str], furniture: Furniture) -> list[str]:
    """The text's lines without toolbars, without the furniture before the first and after the
    last article line, and without runs of menu items."""
    tools = boilerplate()
    lines = [line for line in lines if not tools.is_toolbar(line)]
    lines = _drop_repeated(lines)
    start, end = 0, len(lines)
    while start < end and (not squash(lines[start]) or _is_furniture(lines[start], furniture)):
        start += 1
    while end > start and (not squash(lines[end - 1]) or _is_furniture(lines[end - 1], furniture)):
        end -= 1
    # furniture is the lesser part of a page; when it would be most of the text, the page's
    # boilerplate marks are wrong about its article (a whole post in a "sidebar" column)
    if sum(map(visual_length, lines[start:end])) < KEPT_SHARE_MIN * sum(map(visual_length, lines)):
        return _drop_menu_runs(lines, furniture)
    return _drop_menu_runs(lines[start:end], furniture)


def trim_text(text: str, root) -> str:
    return "\n".join(trim_lines(text.split("\n"), page_furniture(root)))

