"""dates.parse_date and the find_dates / date_candidates cascade."""

from datetime import date, datetime, timedelta, timezone

import pytest
from hypothesis import given, settings, strategies as st

from newscrawler.extract.dates import DateFindings, date_candidates, find_dates, parse_date, url_date
from newscrawler.extract.html import find_title, parse_html

NOW = datetime(2025, 9, 1, 12, 0, tzinfo=timezone.utc)


def iso(raw, **kw):
    kw.setdefault("now", NOW)
    parsed = parse_date(raw, **kw)
    return parsed.iso() if parsed else None


# ---------------------------------------------------------------------------------------------
# parse_date: absolute forms

@pytest.mark.parametrize("raw, kw, expected", [
    ("27-08-2025", {}, "2025-08-27"),
    ("27.08.2025", {}, "2025-08-27"),
    ("2023/4/24 10:52:00", {"timezone_name": "Asia/Shanghai"}, "2023-04-24T10:52:00+08:00"),
    ("2023-04-24 10:52", {}, "2023-04-24T10:52:00"),
    ("24 апреля 2023 г.", {}, "2023-04-24"),
    ("2023年4月24日", {}, "2023-04-24"),
    ("2023年04月24日 08:12", {"timezone_name": "Asia/Shanghai"}, "2023-04-24T08:12:00+08:00"),
    ("2023년 4월 24일", {}, "2023-04-24"),
    ("2024.05.30", {}, "2024-05-30"),
    ("12 September 2024", {}, "2024-09-12"),
    ("September 12, 2024", {}, "2024-09-12"),
    ("September 12th, 2024", {}, "2024-09-12"),
    ("12 Sept 2024", {}, "2024-09-12"),
    ("Thu, 12 Sep 2024 09:30:00 +0100", {}, "2024-09-12T09:30:00+01:00"),
    ("Thu, 12 Sep 2024 09:30:00 GMT", {}, "2024-09-12T09:30:00+00:00"),
    ("2024-09-12T09:30:00+05:30", {}, "2024-09-12T09:30:00+05:30"),
    ("2024-09-12T09:30:00-04:00", {}, "2024-09-12T09:30:00-04:00"),
    ("2024-09-12T09:30:00Z", {}, "2024-09-12T09:30:00+00:00"),
    ("2024-09-12T09:30:00.123Z", {}, "2024-09-12T09:30:00+00:00"),
    ("2024-09-12T09:30+0300", {}, "2024-09-12T09:30:00+03:00"),
])
def test_parse_date_absolute_forms(raw, kw, expected):
    assert iso(raw, **kw) == expected


def test_explicit_offset_beats_site_zone():
    assert iso("2024-09-12T09:30:00Z", timezone_name="Europe/Moscow") == "2024-09-12T09:30:00+00:00"


@pytest.mark.parametrize("raw", ["", None, "hello", "2024-02-30", "2024-09-12 25:00", "Дата публикации"])
def test_parse_date_rejects_non_dates(raw):
    assert parse_date(raw, now=NOW) is None


# ---------------------------------------------------------------------------------------------
# parse_date: relative forms against a fixed now (2025-09-01 12:00 UTC)

@pytest.mark.parametrize("raw, kw, expected", [
    ("3 дня назад", {"language": "ru", "timezone_name": "Europe/Moscow"}, "2025-08-29"),
    ("вчера", {"language": "ru"}, "2025-08-31"),
    ("昨天", {"language": "zh"}, "2025-08-31"),
    # 12:00 UTC is 21:00 in Seoul and 13:00 in London (summer time)
    ("3시간 전", {"language": "ko", "timezone_name": "Asia/Seoul"}, "2025-09-01T18:00:00+09:00"),
    ("2 hours ago", {"language": "en", "timezone_name": "Europe/London"}, "2025-09-01T11:00:00+01:00"),
])
def test_parse_date_relative(raw, kw, expected):
    assert iso(raw, **kw) == expected


# ---------------------------------------------------------------------------------------------
# locale, bounds, offsets, pinned formats

def test_day_first_for_en_gb():
    assert iso("02/09/2024", locale="en-GB") == "2024-09-02"


def test_month_first_for_en_us():
    assert iso("02/09/2024", locale="en-US") == "2024-02-09"


def test_unambiguous_day_first_whatever_the_locale():
    assert iso("25/09/2024", locale="en-US") == "2024-09-25"


@pytest.mark.parametrize("raw", ["1994-12-31", "31.12.1994", "2025-09-03", "2030-01-01"])
def test_out_of_bounds_dates_are_none(raw):
    assert parse_date(raw, now=NOW) is None


@pytest.mark.parametrize("raw, expected", [("1995-01-01", "1995-01-01"), ("2025-09-02", "2025-09-02")])
def test_bounds_are_inclusive(raw, expected):
    assert iso(raw) == expected


def test_date_only_stays_bare_even_with_a_zone():
    parsed = parse_date("2024-09-12", timezone_name="Europe/Moscow", now=NOW)
    assert parsed.iso() == "2024-09-12" and parsed.has_time is False and type(parsed.value) is date


def test_time_without_offset_and_without_zone_stays_naive():
    assert iso("2024-01-01 10:00") == "2024-01-01T10:00:00"


@pytest.mark.parametrize("zone, raw, expected", [
    ("Europe/Moscow", "2024-01-01 10:00", "2024-01-01T10:00:00+03:00"),
    ("Asia/Seoul", "2024-01-01 10:00", "2024-01-01T10:00:00+09:00"),
    ("Europe/London", "2024-06-01 10:00", "2024-06-01T10:00:00+01:00"),
    ("Europe/London", "2024-01-01 10:00", "2024-01-01T10:00:00+00:00"),
])
def test_time_without_offset_gets_the_site_zone_offset(zone, raw, expected):
    assert iso(raw, timezone_name=zone) == expected


def test_pinned_date_format_wins_over_locale():
    assert iso("05/06/2024", locale="en-GB", date_format="%m/%d/%Y") == "2024-05-06"


def test_pinned_date_format_with_time_gets_site_zone():
    assert iso("05/06/2024 14:00", date_format="%m/%d/%Y %H:%M",
               timezone_name="Europe/Moscow") == "2024-05-06T14:00:00+03:00"


def test_pinned_date_format_reads_compact_dates():
    assert iso("20240912", date_format="%Y%m%d") == "2024-09-12"


def test_pinned_date_format_that_does_not_match_falls_back():
    assert iso("2024-09-12", date_format="%d.%m.%Y") == "2024-09-12"


def test_rfc822_without_zone_gets_site_zone():
    assert iso("Thu, 12 Sep 2024 09:30:00", timezone_name="Europe/Moscow") == "2024-09-12T09:30:00+03:00"


def test_rfc822_minus_zero_is_utc():
    assert iso("Thu, 12 Sep 2024 09:30:00 -0000") == "2024-09-12T09:30:00+00:00"


# ---------------------------------------------------------------------------------------------
# property: every fast-path form gives back the date it was made from

_DATE_FORMATS = ["%d-%m-%Y", "%d.%m.%Y", "%Y年%-m月%-d日", "%Y년 %-m월 %-d일", "%Y.%m.%d", "%d %B %Y", "%B %d, %Y"]
_TIME_FORMATS = ["%Y/%-m/%-d %H:%M:%S", "%Y-%m-%d %H:%M"]


@settings(max_examples=300, deadline=None)
@given(st.dates(date(1995, 1, 1), date(2025, 8, 31)), st.sampled_from(_DATE_FORMATS))
def test_fast_path_date_round_trip(day, fmt):
    parsed = parse_date(day.strftime(fmt), now=NOW)
    assert parsed is not None and parsed.value == day and parsed.has_time is False


@settings(max_examples=200, deadline=None)
@given(st.datetimes(datetime(1995, 1, 1), datetime(2025, 8, 31, 23, 59)), st.sampled_from(_TIME_FORMATS))
def test_fast_path_datetime_round_trip(moment, fmt):
    raw = moment.strftime(fmt)
    expected = datetime.strptime(raw, fmt.replace("%-", "%"))
    parsed = parse_date(raw, now=NOW)
    assert parsed is not None and parsed.value == expected and parsed.value.tzinfo is None


@settings(max_examples=200, deadline=None)
@given(st.datetimes(datetime(1995, 1, 1), datetime(2025, 8, 31, 23, 59, 59)),
       st.integers(-12 * 4, 14 * 4).map(lambda q: timedelta(minutes=15 * q)))
def test_iso_with_offset_round_trip(moment, offset):
    value = moment.replace(microsecond=0, tzinfo=timezone(offset))
    parsed = parse_date(value.isoformat(), now=NOW)
    assert parsed is not None and parsed.value == value and parsed.value.utcoffset() == offset


# ---------------------------------------------------------------------------------------------
# the cascade on inline HTML

P = "<p>" + "The ministry announced a new support programme for regional industrial clusters. " * 2 + "</p>"
URL = "https://ex.org/news/item.html"


def _page(body, head=""):
    root = parse_html(f"<html><head>{head}</head><body>{body}</body></html>")
    return root, find_title(root)[1]


def found(body, head="", url=URL, hints=None, listing_raw=None):
    root, title_el = _page(body, head)
    return find_dates(root, url, hints, title_element=title_el, listing_raw=listing_raw, now=NOW)


def candidates(body, head="", url=URL):
    root, title_el = _page(body, head)
    return [(c.raw, c.source, c.kind) for c in date_candidates(root, url, title_element=title_el)]


def test_jsonld_beats_visible_date():
    f = found('<script type="application/ld+json">{"@type":"NewsArticle","datePublished":"2024-09-12T09:30:00+01:00"}'
              '</script><h1>Title here</h1><p>Published 13 September 2024</p>' + P)
    assert (f.published_at, f.date_source) == ("2024-09-12T09:30:00+01:00", "jsonld")


def test_jsonld_graph_published_and_modified():
    f = found('<script type="application/ld+json">{"@graph":[{"@type":"WebPage"},{"@type":"NewsArticle",'
              '"datePublished":"2024-09-12","dateModified":"2024-09-14"}]}</script><h1>T</h1>' + P)
    assert (f.published_at, f.modified_at, f.date_source) == ("2024-09-12", "2024-09-14", "jsonld")


def test_meta_published_time():
    f = found("<h1>T</h1>" + P, head='<meta property="article:published_time" content="2024-09-12T09:30:00+03:00">')
    assert (f.published_at, f.date_source) == ("2024-09-12T09:30:00+03:00", "meta")


def test_time_datetime_attribute():
    f = found('<h1>T</h1><time datetime="2024-09-12T08:00:00Z">12 Sep</time>' + P)
    assert (f.published_at, f.date_source) == ("2024-09-12T08:00:00+00:00", "time")


def test_time_inside_nav_is_ignored():
    assert found('<h1>T</h1><nav><time datetime="2024-08-01">1 Aug</time></nav>' + P).published_at is None


@pytest.mark.parametrize("line, hints, expected", [
    ("Дата публикации: 27-08-2025", None, "2025-08-27"),
    ("发布时间：2023-04-24 10:52", {"timezone": "Asia/Shanghai"}, "2023-04-24T10:52:00+08:00"),
    ("发布时间：2023-11-02 16:30 | 来源：工信部", None, "2023-11-02T16:30:00"),
    ("등록일 2024.05.30", None, "2024-05-30"),
    ("Published 12 September 2024", None, "2024-09-12"),
    ("Опубликовано: вчера", {"language": "ru"}, "2025-08-31"),
    ("Date: 02/09/2024", {"locale": "en-US"}, "2024-02-09"),
    ("Date: 02/09/2024", {"locale": "en-GB"}, "2024-09-02"),
    ("Опубликовано 24 апреля 2023 г.", None, "2023-04-24"),
    ("Дата размещения: 27.08.2025", None, "2025-08-27"),
    ("发布日期：2023年04月24日", None, "2023-04-24"),
    ("日期：2024-05-20", None, "2024-05-20"),
    ("發布時間：2023/4/24", None, "2023-04-24"),
    ("작성일 : 2023년 4월 24일", None, "2023-04-24"),
    ("입력 2024.05.30 10:15", {"timezone": "Asia/Seoul"}, "2024-05-30T10:15:00+09:00"),
    ("기사입력 2024-05-30 10:15", {"timezone": "Asia/Seoul"}, "2024-05-30T10:15:00+09:00"),
    ("Posted on September 12, 2024", None, "2024-09-12"),
    ("Veröffentlicht am 12. September 2024", None, "2024-09-12"),
    ("投稿日：2024年9月12日", None, "2024-09-12"),
])
def test_label_forms(line, hints, expected):
    f = found(f"<h1>Title here</h1><p>{line}</p>" + P, hints=hints)
    assert (f.published_at, f.date_source) == (expected, "label")


def test_last_updated_label_is_a_modified_candidate():
    assert ("20 September 2024", "label", "modified") in candidates("<h1>T</h1><p>Last updated 20 September 2024</p>" + P)


def test_published_and_last_updated_go_to_their_own_fields():
    f = found("<h1>T</h1><p>Last updated 20 September 2024</p><p>Published 12 September 2024</p>" + P)
    assert (f.published_at, f.modified_at) == ("2024-09-12", "2024-09-20")


def test_last_updated_alone_is_not_published():
    f = found("<h1>T</h1><p>Last updated 20 September 2024</p>" + P)
    assert (f.modified_at, f.published_at) == ("2024-09-20", None)


def test_label_followed_by_other_words_gives_no_label_candidate():
    assert not [c for c in candidates("<h1>T</h1><p>Дата проведения форума: 15 мая 2025</p>" + P) if c[1] == "label"]


def test_label_followed_by_other_words_is_not_taken():
    assert found("<h1>T</h1>" + P * 5 + "<p>Дата проведения форума: 15 мая 2025</p>").published_at is None


@pytest.mark.parametrize("boilerplate", [
    "<nav>12 September 2024</nav>",
    "<aside>12 September 2024</aside>",
    "<footer>12 September 2024</footer>",
    '<div class="sidebar">Published 12 September 2024</div>',
    '<div class="related">12 September 2024</div>',
    "<h2>관련 읽기</h2><ul><li>2023/4/20 10:00:00</li></ul>",
    "<h2>Related content</h2><p>Published 12 September 2024</p>",
    "<h3>Читайте также</h3><p>12.08.2025</p>",
])
def test_dates_in_boilerplate_are_never_taken(boilerplate):
    f = found("<h1>Title here</h1>" + P + boilerplate)
    assert (f.published_at, f.published_raw) == (None, None)


def test_same_date_in_the_body_is_taken():   # control for the boilerplate cases above
    f = found("<h1>Title here</h1>" + P + "<p>12 September 2024</p>")
    assert (f.published_at, f.date_source) == ("2024-09-12", "text")


@pytest.mark.parametrize("url, expected", [
    ("https://ex.org/2024/09/13/story.html", "2024-09-13"),
    ("https://ex.org/art/2023/t20230424_123.html", "2023-04-24"),
])
def test_url_dates(url, expected):
    f = found("<h1>T</h1>" + P, url=url)
    assert (f.published_at, f.date_source) == (expected, "url")


def test_first_date_below_the_title():
    f = found("<p>Today: 1 September 2025</p><h1>Title here</h1><p>12 September 2024</p>" + P)
    assert (f.published_at, f.date_source) == ("2024-09-12", "text")


def test_date_beside_headline_link_below_title_is_not_the_header():
    body = '<h1>T</h1><ul><li><a href="/x">A long headline link about something else entirely</a> 2024-08-01</li></ul>'
    assert found(body + P).published_at is None


def test_listing_raw_used_when_page_has_no_date():
    f = found("<h1>T</h1>" + P, listing_raw="2024-09-10")
    assert (f.published_at, f.date_source) == ("2024-09-10", "listing")


def test_listing_raw_loses_to_a_date_on_the_page():
    f = found("<h1>T</h1><p>12 September 2024</p>" + P, listing_raw="2024-09-10")
    assert (f.published_at, f.date_source) == ("2024-09-12", "text")


def test_no_date_gives_none():
    assert found("<h1>Title here</h1>" + P) == DateFindings(None, None, None, None)


@pytest.mark.parametrize("body, head", [
    ('<script type="application/ld+json">{"@type":"NewsArticle","dateModified":"2024-09-14"}</script><h1>T</h1>' + P, ""),
    ("<h1>T</h1>" + P, '<meta property="article:modified_time" content="2024-09-14T09:30:00+03:00">'),
    ('<h1>T</h1><time itemprop="dateModified" datetime="2024-09-14">14 Sep</time>' + P, ""),
])
def test_modified_never_used_as_published(body, head):
    f = found(body, head)
    assert f.published_at is None and f.modified_at is not None and f.modified_at.startswith("2024-09-14")


def test_pinned_selector_with_date_format():
    f = found('<h1>T</h1><span class="pubdate">20240912</span>' + P,
              hints={"selectors": {"date": ".pubdate"}, "date_format": "%Y%m%d"})
    assert (f.published_at, f.date_source) == ("2024-09-12", "selector")


@pytest.mark.parametrize("url, expected", [
    ("https://www.hankookilbo.com/news/article/A2026012914320005196", "2026-01-29"),   # id opens with the date
    ("https://www.gov.cn/zhengce/2023-04/24/content_5752946.htm", "2023-04-24"),        # gov.cn: YYYY-MM/DD
    ("http://www.gov.cn/xinwen/art/t20230424_123456.html", "2023-04-24"),
    ("https://ex.org/p/12345678901234", None),                                          # digits, not a date
    ("https://ex.org/news/1187.html", None),
])
def test_url_date_shapes(url, expected):
    from newscrawler.extract.dates import url_date

    assert url_date(url) == expected


def test_lead_image_date_is_a_last_resort():
    head = '<meta property="og:image" content="https://img.ex.org/2024/09/12/photo.jpg">'
    assert (found("<h1>Title here</h1>" + P, head=head).published_at, found("<h1>T</h1>" + P, head=head).date_source) \
        == ("2024-09-12", "url")
    assert found("<h1>T</h1><p>Published 13 September 2024</p>" + P, head=head).published_at == "2024-09-13"


@pytest.mark.parametrize("stop_line", ["上一篇：关于开展2023年度工作的通知 2023-04-20",
                                       "Next article: Minister visits Teesside 5 September 2024",
                                       "이전글 | 방직 의류 교류회 2023/4/20 18:45:00"])
def test_previous_next_links_are_never_the_date(stop_line):
    assert found(f"<h1>Title here</h1>{P}<p>{stop_line}</p>").published_at is None


def test_page_lang_region_sets_day_order():
    from newscrawler.reader import read_page

    def analyse_page(html, url, hints=None, now=None):
        return read_page(html.encode(), url, "text/html; charset=utf-8", hints, now=now, force_article=True).article

    html = ('<html lang="{lang}"><body><h1>Cluster programme opens</h1><p>Date: 02/09/2024</p>'
            + P * 3 + "</body></html>")
    assert analyse_page(html.format(lang="en-US"), URL, now=NOW)["published_at"] == "2024-02-09"
    assert analyse_page(html.format(lang="en-GB"), URL, now=NOW)["published_at"] == "2024-09-02"
    assert analyse_page(html.format(lang="en-US"), URL, {"locale": "en-GB"}, now=NOW)["published_at"] == "2024-09-02"


# ---------------------------------------------------------------------------------------------
# issue 18: a time is never a date; UTC shown in the source's offset; web archives; htmldate last

@pytest.mark.parametrize("raw, language", [("16:45", None), ("16:45 Uhr", "de"), ("4:45 pm", "en"),
                                           ("16:45", "ru"), ("16h45", "fr")])
def test_time_only_is_never_a_date(raw, language):
    assert parse_date(raw, language=language, now=NOW) is None


def test_relative_day_with_time_keeps_its_day():
    assert iso("今天 16:45", language="zh") == "2025-09-01T16:45:00"


def test_am_pm_time_after_date():
    assert iso("Nov. 8, 2023, 10:28 p.m.") == "2023-11-08T22:28:00"


def test_utc_value_shown_in_offset_of_another_field():
    head = ('<meta property="article:published_time" content="2023-11-09T03:28:35Z">'
            '<meta name="pubdate" content="2023-11-08T22:28:35-05:00">')
    assert found("<h1>T</h1>" + P, head=head).published_at == "2023-11-08T22:28:35-05:00"


def test_utc_value_shown_in_site_zone():
    head = '<meta property="article:published_time" content="2024-09-12T20:30:00Z">'
    assert found("<h1>T</h1>" + P, head=head, hints={"timezone": "Asia/Seoul"}).published_at \
        == "2024-09-13T05:30:00+09:00"


def test_utc_value_shown_in_offset_of_printed_clock():
    head = '<meta property="article:published_time" content="2023-11-09T03:28:35Z">'
    assert found("<h1>T</h1><p>Nov. 8, 2023, 10:28 p.m. ET</p>" + P, head=head).published_at \
        == "2023-11-08T22:28:35-05:00"


def test_utc_value_without_offset_stays_utc():
    head = '<meta property="article:published_time" content="2024-09-12T20:30:00Z">'
    assert found("<h1>T</h1>" + P, head=head).published_at == "2024-09-12T20:30:00+00:00"


def test_date_only_value_never_moves():
    head = '<meta property="article:published_time" content="2024-09-12">'
    assert found("<h1>T</h1>" + P, head=head, hints={"timezone": "Asia/Seoul"}).published_at == "2024-09-12"


def test_url_day_beats_utc_instant_one_day_off():
    head = '<meta property="article:published_time" content="2020-02-25T02:25:54Z">'
    assert found("<h1>T</h1>" + P, url="https://ex.org/2020/02/24/story/", head=head).published_at == "2020-02-24"


def test_web_archive_stamp_is_not_the_article_date():
    assert url_date("https://web.archive.org/web/20140109030403/http://ex.org/2013/12/09/a/") == "2013-12-09"


def test_url_settles_ambiguous_day_order():
    head = '<meta name="date" content="4/6/2016">'
    assert found("<h1>T</h1>" + P, url="https://ex.org/news/2016/04/06/a.html", head=head).published_at == "2016-04-06"


def test_date_published_in_script_state():
    head = '<script>window.__STATE__={"datePublished":"2015-10-15T02:19:15.607Z"}</script>'
    assert found("<h1>T</h1>" + P, head=head).published_at == "2015-10-15T02:19:15+00:00"


def test_htmldate_only_where_nothing_else_found():
    body = "<h1>T</h1>" + P * 5 + "<p>Geschrieben von Anna am 21.01.2015 in Berlin</p>"
    assert (found(body).published_at, found(body).date_source) == ("2015-01-21", "htmldate")
