"""date_fallback: htmldate's search only where the cheap steps found nothing, and never a day the
page prints only in boilerplate."""

from datetime import datetime, timezone

from newscrawler.extract.date_fallback import FALLBACK_SOURCE, needs_fallback, with_fallback
from newscrawler.extract.dates import DateCandidate, find_dates
from newscrawler.extract.html import find_title, parse_html

NOW = datetime(2025, 9, 1, 12, 0, tzinfo=timezone.utc)
P = "<p>" + "The ministry announced a new support programme for regional industrial clusters. " * 3 + "</p>"
URL = "https://ex.org/news/item"


def found(body, head=""):
    root = parse_html(f"<html><head>{head}</head><body>{body}</body></html>")
    return find_dates(root, URL, title_element=find_title(root)[1], now=NOW)


def test_strict_candidate_means_no_fallback():
    assert not needs_fallback([DateCandidate("2024-09-12", "meta")], now=NOW)


def test_relative_phrase_alone_calls_the_fallback():
    assert needs_fallback([DateCandidate("vor 2 Tagen", "label")], now=NOW)


def test_modified_alone_calls_the_fallback():
    assert needs_fallback([DateCandidate("2024-09-12", "meta", "modified")], now=NOW)


def test_fallback_finds_a_date_deep_in_the_article():
    f = found("<h1>T</h1>" + P * 5 + "<p>Geschrieben von Anna am 21.01.2015 in Berlin</p>")
    assert (f.published_at, f.date_source) == ("2015-01-21", FALLBACK_SOURCE)


def test_fallback_value_is_a_bare_day():
    assert len(found("<h1>T</h1>" + P * 5 + "<p>Geschrieben am 21.01.2015 um 16:45 Uhr</p>").published_at) == 10


def test_fallback_refuses_a_footer_day():
    assert found("<h1>T</h1>" + P + "<footer>Stand: 21.01.2015</footer>").published_at is None


def test_fallback_refuses_a_bare_year():
    assert found("<h1>T</h1>" + P + "<p>© 2019 Ministry</p>").published_at is None


def test_fallback_keeps_a_day_also_written_in_the_head():
    f = found("<h1>T</h1>" + P + "<footer>21.01.2015</footer>", head='<meta name="x-created" content="2015-01-21">')
    assert f.published_at == "2015-01-21"


def test_fallback_goes_before_the_lead_image_date(monkeypatch):
    monkeypatch.setattr("newscrawler.extract.date_fallback.htmldate_day", lambda *a, **k: "2015-01-21")
    root = parse_html("<html><head><meta property='og:image' content='https://i.ex.org/2024/09/01/a.jpg'></head>"
                      "<body><h1>T</h1>" + P + "<p>Geschrieben am 21.01.2015</p></body></html>")
    got = with_fallback(root, URL, [DateCandidate("2024-09-01", "image")], now=NOW)
    assert [c.source for c in got] == [FALLBACK_SOURCE, "image"]


def test_xhtml_with_xml_declaration_is_read():
    root = parse_html('<?xml version="1.0" encoding="UTF-8"?>\n<html><body><h1>Title of it</h1></body></html>')
    assert find_title(root)[0] == "Title of it"


def test_fallback_refuses_a_modification_date_given_twice():
    head = ('<meta property="article:modified_time" content="2024-09-14T09:30:00+03:00">'
            '<script type="application/ld+json">{"@type": "NewsArticle", "dateModified": "2024-09-14"}</script>')
    assert found("<h1>T</h1>" + P, head=head).published_at is None
