"""text helpers: content_hash, visual_length, clean_text, collapse_ws."""

import pytest
from hypothesis import given, settings, strategies as st

from newscrawler.extract.text import clean_text, collapse_ws, content_hash, hash_normalised, normalised, visual_length


@pytest.mark.parametrize("a, b", [
    ("Hello, World!", "hello world"),
    ("Hello   world", "Hello\n\nworld"),
    ("Ｈｅｌｌｏ ｗｏｒｌｄ", "hello world"),        # NFKC: full-width letters
    ("工业和信息化部，发布通知。", "工业和信息化部 发布通知"),
    ("Министерство: новости", "министерство — новости"),
])
def test_content_hash_ignores_case_punctuation_whitespace(a, b):
    assert content_hash(a) == content_hash(b)


def test_content_hash_sees_words():
    assert content_hash("cluster list 2023") != content_hash("cluster list 2024")


def test_content_hash_is_sha1_hex():
    assert len(content_hash("x")) == 40 and all(c in "0123456789abcdef" for c in content_hash("x"))


@pytest.mark.parametrize("text, expected", [
    ("abc", 3), ("", 0), ("工业", 6), ("한국", 6), ("ひら", 6), ("ab工", 5), ("Привет", 6),
])
def test_visual_length_counts_cjk_as_three(text, expected):
    assert visual_length(text) == expected


def test_collapse_ws():
    assert collapse_ws("  a\n\tb\u00a0\u3000c  ") == "a b c"


def test_clean_text_keeps_paragraphs():
    assert clean_text("a   b\r\n\r\n\n  c  \n d") == "a b\n\nc\nd"


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=60), st.text(max_size=60))
def test_normalised_line_by_line_is_normalised_whole(a, b):
    """The dedup keys hash normalised(title) + normalised(text) as content_hash(title + "\\n" + text)."""
    assert normalised(a + "\n" + b) == normalised(a) + normalised(b)
    assert hash_normalised(normalised(a) + normalised(b)) == content_hash(a + "\n" + b)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=80))
def test_visual_length_counts_cjk_three_times(text):
    cjk = sum(1 for ch in text if any(lo <= ord(ch) <= hi for lo, hi in (
        (0x3040, 0x30FF), (0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xAC00, 0xD7AF), (0xF900, 0xFAFF))))
    assert visual_length(text) == len(text) + 2 * cjk


# main text: stop headings ---------------------------------------------------------------------
from newscrawler.extract.page import _cut_at_stop_heading  # noqa: E402

ARTICLE = "\n".join(["A paragraph of the article that runs long enough to count as text. " * 3] * 3)


def test_related_block_after_the_article_is_cut():
    assert _cut_at_stop_heading(ARTICLE + "\n• 관련 읽기\nOther title\nAnother title") == ARTICLE


def test_inline_read_more_teaser_loses_only_its_line():
    assert _cut_at_stop_heading(ARTICLE + "\nREAD MORE: Another story\n" + ARTICLE) == ARTICLE + "\n" + ARTICLE


def test_stop_heading_before_any_text_is_kept():
    assert _cut_at_stop_heading("Next\n" + ARTICLE) == "Next\n" + ARTICLE


# main text: lines above the title ----------------------------------------------------------------
from newscrawler.extract.html import find_title, parse_html  # noqa: E402
from newscrawler.extract.page import _drop_lines_above_title  # noqa: E402


def test_breadcrumb_above_the_title_goes():
    root = parse_html("<body><p>Home > News</p><h1>The title</h1><p>" + "Body text. " * 20 + "</p></body>")
    lines = ["Home > News", "Body text. " * 20]
    assert _drop_lines_above_title(lines, root, find_title(root)[1]) == lines[1:]


def test_text_above_a_late_heading_is_kept_when_it_is_most_of_the_text():
    root = parse_html("<body><p>" + "Blog text. " * 40 + "</p><h1>Recipe card</h1><p>200 g sugar</p></body>")
    lines = ["Blog text. " * 40, "200 g sugar"]
    assert _drop_lines_above_title(lines, root, find_title(root)[1]) == lines
