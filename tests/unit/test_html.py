"""html: find_title, content_lines, article_lines, page_links."""

import pytest

from newscrawler.extract.html import article_lines, boilerplate, content_lines, find_title, page_links, parse_html


def doc(body, head=""):
    return parse_html(f"<html><head>{head}</head><body>{body}</body></html>")


def title(body, head=""):
    return find_title(doc(body, head))[0]


def lines(body):
    return [line for _, line in content_lines(doc(body))]


# find_title ---------------------------------------------------------------------------------

def test_title_prefers_heading_repeated_by_title_tag_over_logo_h1():
    assert title('<header><h1>Ministry of Stuff</h1></header><div><h2 class="title">Big news about widgets today</h2>'
                 '<p>x</p></div>', "<title>Big news about widgets today - Ministry of Stuff</title>") \
        == "Big news about widgets today"


def test_title_prefers_h1_repeated_by_og_title_over_logo_h1():
    assert title('<h1 class="logo">Ministry</h1><h1>Big news about widgets today</h1>',
                 '<meta property="og:title" content="Big news about widgets today">') == "Big news about widgets today"


def test_title_exact_og_title_beats_longer_logo_h1():
    assert title("<h1>Department for Industry and Regional Growth</h1><h1>Widget tariffs cut</h1>",
                 '<meta property="og:title" content="Widget tariffs cut">'
                 "<title>Widget tariffs cut - Department for Industry and Regional Growth</title>") \
        == "Widget tariffs cut"


def test_title_returns_element():
    root = doc("<h1>Only heading</h1>")
    assert find_title(root) == ("Only heading", root.find(".//h1"))


@pytest.mark.parametrize("head, expected", [
    ("<title>Big news about widgets today - Ministry of Stuff</title>", "Big news about widgets today"),
    ("<title>Big news about widgets today | Ministry</title>", "Big news about widgets today"),
    ("<title>工业和信息化部关于公布先进制造业集群名单的通知_工业和信息化部</title>", "工业和信息化部关于公布先进制造业集群名单的通知"),
])
def test_title_tag_fallback_strips_site_name(head, expected):
    assert find_title(doc("<p>no heading</p>", head)) == (expected, None)


def test_title_selector_hint_wins():
    assert title('<h1>Site</h1><div class="art-title">Widget tariffs cut</div>', "") == "Site"
    assert find_title(doc('<h1>Site</h1><div class="art-title">Widget tariffs cut</div>'), ".art-title")[0] \
        == "Widget tariffs cut"


def test_no_title_at_all():
    assert find_title(doc("<p>none</p>")) == (None, None)


# content_lines --------------------------------------------------------------------------------

@pytest.mark.parametrize("boilerplate", [
    "<nav>Home</nav>", "<aside>Side</aside>", "<footer>Foot</footer>", "<script>var x = 1;</script>",
    "<style>p{}</style>", '<div class="sidebar">Side</div>', '<ul class="menu"><li>Menu</li></ul>',
    '<div class="footer">Foot</div>', '<div id="gnb">Menu</div>',
])
def test_content_lines_skip_boilerplate(boilerplate):
    assert lines(f"{boilerplate}<h1>Head</h1><p>Body text</p>") == ["Head", "Body text"]


def test_wrapper_with_sidebar_class_that_holds_the_h1_is_kept():
    assert lines('<div class="wrap has-sidebar"><h1>Head</h1><p>Body text</p></div>') == ["Head", "Body text"]


def test_content_class_wins_over_boilerplate_word():
    assert lines('<div class="content side"><p>Body text</p></div>') == ["Body text"]


def test_table_cells_join_with_bar():
    assert lines("<table><tr><td>a</td><td>b</td></tr><tr><td>c</td><td>d</td></tr></table>") == ["a | b", "c | d"]


def test_inline_tags_do_not_break_lines_and_tail_text_survives():
    assert lines("<p>One <b>two</b> three<nav>x</nav> four</p>") == ["One two three four"]


# article_lines --------------------------------------------------------------------------------

def _l(*texts):
    return [(None, t) for t in texts]


def test_article_lines_stop_at_stop_heading_after_150_chars():
    assert article_lines(_l("x" * 150, "Related content", "tail")) == _l("x" * 150)


def test_article_lines_ignore_stop_heading_before_150_chars():
    assert article_lines(_l("x" * 149, "Related content", "tail")) == _l("x" * 149, "Related content", "tail")


def test_article_lines_count_cjk_visually():
    assert article_lines(_l("字" * 50, "相关阅读", "tail")) == _l("字" * 50)


@pytest.mark.parametrize("heading", ["Читайте также", "관련 읽기", "相关阅读", "Related content:", "READ MORE"])
def test_article_lines_stop_headings(heading):
    assert article_lines(_l("x" * 200, heading, "tail")) == _l("x" * 200)


def test_article_lines_stop_heading_must_be_the_whole_line():
    kept = _l("x" * 200, "Related content about widgets", "tail")
    assert article_lines(kept) == kept


# page_links -----------------------------------------------------------------------------------

def test_page_links_date_from_list_item():
    root = doc('<ul><li><a href="/a">A headline</a> <span>2024-09-12</span></li><li><a href="b.html">B</a></li></ul>')
    assert page_links(root, "https://ex.org/news/") == [("https://ex.org/a", "2024-09-12"),
                                                        ("https://ex.org/news/b.html", None)]


def test_page_links_date_from_table_row():
    root = doc('<table><tr><td><a href="1.html">Notice</a></td><td>2023年4月24日</td></tr></table>')
    assert page_links(root, "https://ex.org/list/") == [("https://ex.org/list/1.html", "2023年4月24日")]


def test_page_links_skip_mailto_javascript_and_anchors():
    root = doc('<a href="mailto:x@y.org">m</a><a href="javascript:void(0)">j</a><a href="#top">t</a>'
               '<a href="tel:123">p</a><a href="/ok">ok</a>')
    assert page_links(root, "https://ex.org/") == [("https://ex.org/ok", None)]


def test_page_links_no_date_for_links_in_boilerplate():
    root = doc('<div class="sidebar"><ul><li><a href="/a">A</a> 2024-09-12</li></ul></div>')
    assert page_links(root, "https://ex.org/") == [("https://ex.org/a", None)]


@pytest.mark.parametrize("line, stop", [
    ("관련 읽기", True),
    ("| 上一篇 | 关于公布2023年度中小企业特色产业集群名单的通知" + "，" * 200, True),   # read from its head only
    ("Next article: " + "word " * 100, True),
    ("相关阅读" + "文" * 100, False),              # a heading runs into text: a sentence, not a stop
    ("The related content of this article is " + "long " * 40, False),
])
def test_stop_headings(line, stop):
    from newscrawler.extract.html import boilerplate

    assert boilerplate().is_stop(line) is stop


def test_an_xhtml_page_with_an_encoding_declaration_is_parsed():
    page = '<?xml version="1.0" encoding="UTF-8" ?>\n<html><body><h1>Title</h1><p>Body text</p></body></html>'
    assert parse_html(page).findtext(".//h1") == "Title"


def test_a_link_that_is_no_url_costs_only_itself():
    root = parse_html('<body><a href="https://[ccpa-preferences]">x</a><a href="/news/1">y</a></body>')
    assert page_links(root, "http://example.org/") == [("http://example.org/news/1", None)]


def test_xhtml_with_xml_encoding_declaration_is_parsed():
    page = '<?xml version="1.0" encoding="UTF-8"?>\n<html><body><p>Der Text</p></body></html>'
    assert [line for _, line in content_lines(parse_html(page))] == ["Der Text"]


@pytest.mark.parametrize("line", ["• 관련 읽기", "- Read more", "▶ 相关新闻", "| 上一篇 | 关于…的通知 |"])
def test_stop_heading_after_a_list_bullet(line):
    assert boilerplate().is_stop(line)


@pytest.mark.parametrize("line, toolbar", [
    ("字号：大 中 小 打印本页", True),
    ("分享到：微信 微博 【关闭窗口】", True),
    ("Версия для печати | Закрыть", True),
    ("인쇄 닫기", True),
    ("Print this page", True),
    ("The ministry will print the list", False),
    ("中国", False),
    ("", False),
])
def test_toolbar_lines(line, toolbar):
    assert boilerplate().is_toolbar(line) is toolbar


def test_stop_heading_may_end_in_a_question_mark():
    assert boilerplate().is_stop("Schon gelesen?")
