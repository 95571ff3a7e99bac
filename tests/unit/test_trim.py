"""trim: toolbars, sidebars, menus and their lines out of an extracted text."""

from newscrawler.extract.html import parse_html
from newscrawler.extract.trim import line_key, page_furniture, trim_lines, trim_text

PAGE = """<html><body>
<ul class="nav"><li><a href="/a">Home</a></li><li><a href="/b">Ministry</a></li><li><a href="/c">Press</a></li></ul>
<div class="left-side"><ul><li><span>Promoting small firms</span></li><li><span>Digital transformation</span></li></ul></div>
<div class="content"><h1>The title</h1><p>First paragraph of the article, long enough to be text.</p>
<p>Second paragraph mentions Press and Home in passing.</p></div>
<div class="footer"><a href="/x">Contact us</a> <a href="/y">Sitemap</a></div>
</body></html>"""
BODY = ["First paragraph of the article, long enough to be text.", "Second paragraph mentions Press and Home in passing."]


def trimmed(lines):
    return trim_lines(lines, page_furniture(parse_html(PAGE)))


def test_sidebar_lines_before_the_article_go():
    assert trimmed(["Promoting small firms", "Digital transformation", *BODY]) == BODY


def test_footer_links_after_the_article_go():
    assert trimmed([*BODY, "Contact us", "Sitemap"]) == BODY


def test_a_run_of_menu_links_inside_the_text_goes():
    assert trimmed([BODY[0], "Home", "Ministry", "Press", BODY[1]]) == BODY


def test_a_single_menu_word_inside_the_text_stays():
    assert trimmed([BODY[0], "Press", BODY[1]]) == [BODY[0], "Press", BODY[1]]


def test_toolbar_line_goes_anywhere():
    assert trimmed([BODY[0], "Print | Close", BODY[1]]) == BODY


def test_sentence_the_sidebar_repeats_stays_inside_the_text():
    assert trimmed([BODY[0], "Digital transformation", BODY[1]]) == [BODY[0], "Digital transformation", BODY[1]]


def test_nothing_but_furniture_is_left_as_it_was():
    assert trimmed(["Promoting small firms", "Contact us"]) == ["Promoting small firms", "Contact us"]


def test_trim_text_on_a_tree():
    assert trim_text("Home\nMinistry\n" + "\n".join(BODY), parse_html(PAGE)) == "\n".join(BODY)


def test_line_key_ignores_spacing_bullets_and_table_bars_at_the_ends():
    assert line_key("-  促进中小企业发展 ") == line_key("| 促进中小企业发展 |") == "促进中小企业发展"


def test_line_said_three_times_goes_every_time():
    placeholder = "External content not available"
    assert trimmed([BODY[0], placeholder, placeholder, BODY[1], placeholder]) == BODY


def test_line_said_twice_stays():
    assert trimmed([BODY[0], "A quoted sentence here.", "A quoted sentence here.", BODY[1]]) == [
        BODY[0], "A quoted sentence here.", "A quoted sentence here.", BODY[1]]


def test_edges_are_not_trimmed_down_to_a_fraction_of_the_text():
    # the page marks its article's own column as a sidebar: every line looks like furniture
    lines = ["*", "Promoting small firms", "Digital transformation", "Contact us"]
    assert trimmed(lines) == lines
