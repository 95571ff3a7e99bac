"""pagekind.page_kind: article, listing, static; URL hints decide first."""

import pytest

from newscrawler.extract.html import parse_html
from newscrawler.extract.pagekind import page_kind

PARA = ("<p>Paragraph {}: the ministry said the new support programme for regional industrial clusters "
        "will start next year and cover twelve regions across the country.</p>")
ARTICLE = ("<html><body><h1>Ministry launches cluster programme</h1><p class='date'>12 September 2024</p>"
           + "".join(PARA.format(i) for i in range(3)) + "</body></html>")
LISTING = "<html><body><h1>News</h1><ul>" + "".join(
    f"<li><a href='/news/{i}.html'>Headline number {i} about the industrial cluster programme</a>"
    f"<span>2024-09-{i + 1:02d}</span><p>Teaser text for item {i} with a few words about what happened.</p></li>"
    for i in range(10)) + "</ul></body></html>"
ABOUT = ("<html><body><h1>About the ministry</h1>" + "".join(
    f"<p>The ministry is responsible for industrial policy, trade and regional development; it works with "
    f"agencies and regions to support manufacturing, part {i}.</p>" for i in range(3)) + "</body></html>")


@pytest.mark.parametrize("html, url, expected", [
    (ARTICLE, "https://ex.org/news/", "article"),
    (LISTING, "https://ex.org/news/", "listing"),
    (ABOUT, "https://ex.org/about/", "static"),
    ("<html><body><h1>Empty</h1></body></html>", "https://ex.org/about/", "listing"),
])
def test_page_kind(html, url, expected):
    assert page_kind(parse_html(html), url) == expected


def test_article_url_hint_wins():
    assert page_kind(parse_html(LISTING), "https://ex.org/news/view.php?no=3", {"article_url": r"view\.php"}) == "article"


def test_listing_url_hint_wins():
    assert page_kind(parse_html(ARTICLE), "https://ex.org/news/list.html", {"listing_url": r"/list"}) == "listing"


def test_hint_that_does_not_match_changes_nothing():
    assert page_kind(parse_html(ABOUT), "https://ex.org/about/", {"article_url": r"/news/\d+"}) == "static"


def test_body_with_listing_date_is_article():
    assert page_kind(parse_html(ABOUT), "https://ex.org/about/", listing_raw="2024-09-01") == "article"


def test_body_with_url_date_is_article():
    assert page_kind(parse_html(ABOUT), "https://ex.org/2024/09/01/about/") == "article"


def test_declared_article_is_article_without_a_date():
    html = ABOUT.replace("<html>", '<html><head><meta property="og:type" content="article"></head>')
    assert page_kind(parse_html(html), "https://ex.org/about/") == "article"


def test_a_port_number_is_not_an_item_id():
    assert page_kind(parse_html(ABOUT), "http://127.0.0.8:37673/") == "static"
    assert page_kind(parse_html(ABOUT), "http://127.0.0.8:37673/news/1187.html") == "article"


def test_a_short_notice_text_is_its_own_lines_below_the_headline():
    from newscrawler.extract.pagekind import notice_text

    root = parse_html(
        "<body><div class='left'><p>Часовой пояс: Москва (UTC+3)</p><p>Телефонный код: 4812</p></div>"
        "<h1>Приём предпринимателей</h1><dl><dt>From:</dt><dd><a href='/about'>Администрация</a></dd></dl>"
        "<p>发布时间：2025-09-08 10:00 来源：администрация</p><p>Дата публикации: 08-09-2025</p>"
        "<p>12 сентября пройдёт приём предпринимателей.</p><p>Запись по телефону.</p>"
        "<div class='links'><a href='/vk'>ВКонтакте</a> <a href='/ok'>Одноклассники</a></div>"
        "<p>Реклама на сайте: +7 (4812) 00-00-00</p></body>")
    assert notice_text(root, root.find(".//h1")) == "12 сентября пройдёт приём предпринимателей.\nЗапись по телефону."
