"""newscrawler/reader.py: one reading per page gives the spider's decision, its links and every
stored field of the article; what is not a page is refused with its reason."""

from pathlib import Path

import pytest

from newscrawler.extract.charset import decode_html
from newscrawler.extract.html import feed_links, page_links, parse_html
from newscrawler.extract.page import read_tree
from newscrawler.extract.pagekind import page_kind
from newscrawler.reader import EMPTY_TEXT, identity_url, read_page, refusal

SITES = Path(__file__).resolve().parents[1] / "sites"
BASE = "http://127.0.0.2:8000"
NOW = "2025-10-01T00:00:00+00:00"


def _page(path: str) -> tuple[bytes, str]:
    body = (SITES / "ru_smolensk" / path.lstrip("/")).read_bytes().replace(b"{{BASE}}", BASE.encode())
    return body, BASE + path


def test_an_article_read_once_equals_its_parts():
    body, url = _page("/news/1195.html")
    reading = read_page(body, url, "text/html", now=NOW)   # no charset in the header: windows-1251 from <meta>
    html, encoding = decode_html(body, "text/html")
    root = parse_html(html, base_url=url)
    assert (reading.kind, reading.encoding) == (page_kind(root, url), encoding) == ("article", "cp1251")
    fields = read_tree(parse_html(html, base_url=url), url)
    assert {k: reading.article[k] for k in fields} == fields
    assert reading.article["title"] == "На улице Нахимова открылся фермерский магазин «Смоленская усадьба»"
    assert reading.page_links == page_links(root, url, with_dates=False)   # an article: no dates beside links
    assert reading.feed_links == feed_links(root, url)
    assert reading.error is None and reading.drop_reason is None and reading.built_by_scripts is False


def test_an_article_carries_every_stored_field():
    body, url = _page("/news/1195.html")
    article = read_page(body, url, "text/html", now=NOW).article
    assert article["language"] == "ru" and article["published_at"] and article["date_source"] == "label"
    assert article["content_hash"] and article["cluster"]["label"] in ("announcement", "call", "other")
    assert article["url"] == url and article["fetched_url"] == url


def test_a_listing_page_gives_links_and_no_article():
    body, url = _page("/news/index.html")
    reading = read_page(body, url, "text/html; charset=windows-1251", now=NOW)
    assert reading.kind == "listing" and reading.article is None and reading.drop_reason is None
    assert f"{BASE}/news/1195.html" in {u for u, _ in reading.page_links}


def test_a_listing_date_is_kept_and_classifies():
    body, url = _page("/news/1195.html")
    reading = read_page(body, url, "text/html", listing_raw="05.09.2025", now=NOW)
    assert reading.kind == "article"
    assert {"raw": "05.09.2025", "source": "listing", "kind": "published"} in reading.article["date_candidates"]


def test_an_article_page_without_text_is_dropped_with_a_reason():
    body = b"<html><head><title>Notice</title></head><body><h1>Notice</h1></body></html>"
    reading = read_page(body, "http://x.example/news/1234.html", hints={"article_url": r"/news/\d+"}, now=NOW)
    assert reading.kind == "article" and reading.article is None and reading.drop_reason == EMPTY_TEXT


def test_same_host_canonical_link_is_the_identity():
    assert identity_url("http://a.example/v.do?seq=1&page=3", "http://a.example/v.do?seq=1") == "http://a.example/v.do?seq=1"
    assert identity_url("http://a.example/n/1", "http://other.example/n/1") == "http://a.example/n/1"


@pytest.mark.parametrize("body, content_type, why", [
    (b"\x7fELF\x02\x01\x01\x00" + bytes(range(256)) * 4, None, "binary"),
    (b"\x89PNG\r\n\x1a\n" + b"\x00" * 100, "image/png", "image/png"),
    (b'<?xml version="1.0"?><rss version="2.0"><channel><title>x</title></channel></rss>', None, "feed"),
    (b"User-agent: *\nDisallow: /search\nSitemap: https://x.example/sitemap.xml\n", "text/plain", "robots.txt"),
    (b"   \n\n ", None, "empty"),
])
def test_what_is_not_a_page_is_refused(body, content_type, why):
    assert why in (refusal(body, content_type) or "")


def test_a_page_is_not_refused():
    body, _ = _page("/news/1195.html")
    assert refusal(body, "text/html") is None


SHORT_NOTICE = """<html><head><title>{title}</title></head><body>
<div class="nav"><a href="/">Home</a> <a href="/news/">News</a> <a href="/about/">About</a></div>
<h1>{title}</h1><p>{date}</p><p>{p1}</p><p>{p2}</p>
<div class="footer"><a href="/privacy">Privacy</a></div></body></html>"""


@pytest.mark.parametrize("title, date, p1, p2", [
    ("2025年1-7月软件业经济运行情况", "发布时间：2025-08-27", "1-7月，我国软件业务收入增长12%。", "利润总额同比增长。"),
    ("Regional growth fund opens", "Published 3 March 2025", "The fund opens for bids on Monday.",
     "Details are on the programme page."),
    ("Итоги совещания по развитию кластеров", "Дата публикации: 27-08-2025", "Состоялось совещание.",
     "Обсудили планы на год."),
    ("산업단지 미니클러스터 회의 개최", "2025/8/27 10:00:00", "회의가 열렸다.", "참석자들이 논의했다."),
])
def test_a_short_notice_is_an_article(title, date, p1, p2):
    body = SHORT_NOTICE.format(title=title, date=date, p1=p1, p2=p2).encode("utf-8")
    reading = read_page(body, "http://x.example/news/notice", "text/html; charset=utf-8", now=NOW)
    assert reading.kind == "article" and reading.article["title"] == title
    assert reading.article["published_at"].startswith(("2025-08-27", "2025-03-03"))


def test_a_short_listing_is_not_a_notice():
    items = "".join(f'<li><a href="/news/{i}">Cluster programme update number {i} published</a> 2025-08-{i:02d}</li>'
                    for i in range(1, 6))
    body = f"<html><body><h1>News</h1><ul>{items}</ul></body></html>".encode()
    assert read_page(body, "http://x.example/news/", now=NOW).kind == "listing"
