"""extract/reading.py: one parse per page gives the spider's decision, its links and the article
fields exactly as reading the page on its own would."""

from pathlib import Path

from newscrawler.extract.charset import decode_html
from newscrawler.extract.html import feed_links, page_links, parse_html
from newscrawler.extract.page import read_page
from newscrawler.extract.pagekind import page_kind
from newscrawler.extract.reading import read_html_response

SITES = Path(__file__).resolve().parents[1] / "sites"
BASE = "http://127.0.0.2:8000"


def _page(path: str) -> tuple[bytes, str]:
    body = (SITES / "ru_smolensk" / path.lstrip("/")).read_bytes().replace(b"{{BASE}}", BASE.encode())
    return body, BASE + path


def test_an_article_read_once_equals_its_parts():
    body, url = _page("/news/1195.html")
    reading = read_html_response(body, url, "text/html")   # no charset in the header: windows-1251 from <meta>
    html, encoding = decode_html(body, "text/html")
    root = parse_html(html, base_url=url)
    assert (reading.kind, reading.encoding) == (page_kind(root, url), encoding) == ("article", "cp1251")
    assert reading.article == read_page(html, url)
    assert reading.article["title"] == "На улице Нахимова открылся фермерский магазин «Смоленская усадьба»"
    assert reading.page_links == page_links(root, url) and reading.feed_links == feed_links(root, url)
    assert reading.error is None and reading.built_by_scripts is False


def test_a_listing_page_gives_links_and_no_article():
    body, url = _page("/news/index.html")
    reading = read_html_response(body, url, "text/html; charset=windows-1251")
    assert reading.kind == "listing" and reading.article is None
    assert f"{BASE}/news/1195.html" in {u for u, _ in reading.page_links}


def test_a_listing_date_is_kept_and_classifies():
    body, url = _page("/news/1195.html")
    reading = read_html_response(body, url, "text/html", listing_raw="05.09.2025")
    assert reading.kind == "article"
    assert {"raw": "05.09.2025", "source": "listing", "kind": "published"} in reading.article["date_candidates"]
