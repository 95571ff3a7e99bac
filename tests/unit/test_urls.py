"""urls.canonical_url and is_page_link."""

from urllib.parse import urlencode

import pytest
from hypothesis import given, settings, strategies as st

from newscrawler.extract.urls import canonical_url, is_page_link, is_tracking_param


@pytest.mark.parametrize("url, expected", [
    ("HTTP://Example.COM/a", "http://example.com/a"),
    ("http://example.com:80/a", "http://example.com/a"),
    ("https://example.com:443/a", "https://example.com/a"),
    ("https://example.com:8443/a", "https://example.com:8443/a"),
    ("http://example.com:443/a", "http://example.com:443/a"),
    ("https://example.com/a#section-2", "https://example.com/a"),
    ("https://example.com/a?b=2&a=1&c=0", "https://example.com/a?a=1&b=2&c=0"),
    ("https://example.com", "https://example.com/"),
    ("https://example.com./a", "https://example.com/a"),
    ("https://example.com/a?x=&y=1", "https://example.com/a?x=&y=1"),
    ("https://example.com/путь?q=значение",
     "https://example.com/%D0%BF%D1%83%D1%82%D1%8C?q=%D0%B7%D0%BD%D0%B0%D1%87%D0%B5%D0%BD%D0%B8%D0%B5"),
])
def test_canonical_url(url, expected):
    assert canonical_url(url) == expected


@pytest.mark.parametrize("param", [
    "utm_source=news", "utm_medium=email", "utm_campaign=x", "fbclid=abc", "gclid=abc", "yclid=123",
    "spm=a2c4.b", "PHPSESSID=deadbeef", "jsessionid=ABC", "JSESSIONID=ABC",
])
def test_tracking_params_are_dropped(param):
    assert canonical_url(f"https://ex.org/news/view?id=3&{param}") == "https://ex.org/news/view?id=3"


def test_all_tracking_params_dropped_leaves_no_query():
    assert canonical_url("https://ex.org/a?utm_source=x&fbclid=y") == "https://ex.org/a"


def test_ordinary_params_are_kept():
    assert not is_tracking_param("id") and not is_tracking_param("utm") and is_tracking_param("UTM_Content")


@pytest.mark.parametrize("url, expected", [
    ("https://ex.org/news/view.do;jsessionid=ABC123?id=1", "https://ex.org/news/view.do?id=1"),
    ("https://ex.org/x;JSESSIONID=ABC123/y", "https://ex.org/x/y"),
    ("https://ex.org/a;phpsessid=1f2e", "https://ex.org/a"),
])
def test_session_path_params_are_dropped(url, expected):
    assert canonical_url(url) == expected


def test_ipv6_host_keeps_brackets():
    assert canonical_url("https://[::1]:8080/a") == "https://[::1]:8080/a"


_label = st.from_regex(r"[a-z0-9]([a-z0-9-]{0,8}[a-z0-9])?", fullmatch=True)
_host = st.builds(lambda labels, tld: ".".join(labels + [tld]),
                  st.lists(_label, min_size=1, max_size=3), st.sampled_from(["com", "org", "ru", "cn", "kr"]))
_segment = st.text(st.characters(min_codepoint=0x21, max_codepoint=0x7E, exclude_characters="/?#")
                   | st.sampled_from("абвг中文한국"), max_size=8)
_path = st.lists(_segment, max_size=4).map(lambda s: "/" + "/".join(s))
_key = st.sampled_from(["id", "page", "q", "utm_source", "fbclid", "spm", "PHPSESSID"]) | st.text(
    st.characters(min_codepoint=0x21, max_codepoint=0x7E, exclude_characters="&=#"), min_size=1, max_size=6)
_query = st.lists(st.tuples(_key, st.text(max_size=8)), max_size=5)


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(["http", "https", "HTTP"]), _host, st.sampled_from(["", ":80", ":443", ":8080"]),
       _path, _query, st.sampled_from(["", "#frag"]))
def test_canonical_url_is_idempotent(scheme, host, port, path, query, fragment):
    url = f"{scheme}://{host}{port}{path}" + ("?" + urlencode(query) if query else "") + fragment
    once = canonical_url(url)
    assert canonical_url(once) == once
    assert "#" not in once and "utm_source=" not in once and once.startswith(scheme.lower() + "://" + host)


@pytest.mark.parametrize("url, expected", [
    ("https://ex.org/news/1.html", True),
    ("https://ex.org/news/", True),
    ("http://ex.org/view.php?id=3", True),
    ("https://ex.org/files/report.pdf", False),
    ("https://ex.org/files/report.PDF?download=1", False),
    ("https://ex.org/img/photo.jpg", False),
    ("https://ex.org/files/notice.hwp", False),
    ("mailto:press@ex.org", False),
    ("ftp://ex.org/a.html", False),
    ("javascript:void(0)", False),
])
def test_is_page_link(url, expected):
    assert is_page_link(url) is expected


@pytest.mark.parametrize("url", ["https://ex.org/news/12.html?print=1", "https://ex.org/news/12.html?printable=yes",
                                 "https://ex.org/news/12.html?print_version=true&utm_source=x"])
def test_print_versions_fold_into_the_article(url):
    assert canonical_url(url) == "https://ex.org/news/12.html"


@pytest.mark.parametrize("url, expected", [
    ("http://b.example/view.do?seq=12&page=3", "http://b.example/view.do?seq=12"),
    ("http://b.example/view.do?pageIndex=2&nttId=77&bbsId=B1&searchWrd=", "http://b.example/view.do?bbsId=B1&nttId=77"),
    ("http://b.example/news/view.php?no=3414&page=2", "http://b.example/news/view.php?no=3414"),
    ("http://b.example/list.php?page=2", "http://b.example/list.php?page=2"),        # no item id: a listing
    ("http://b.example/view.php?no=&page=2", "http://b.example/view.php?no=&page=2"),  # an empty id names nothing
])
def test_article_url_drops_the_listings_navigation(url, expected):
    from newscrawler.extract.urls import article_url

    assert article_url(url) == expected


@given(st.lists(st.sampled_from(["seq=1", "page=2", "sort=d", "no=9", "cat=3", "utm_source=x"]), max_size=6))
@settings(max_examples=60, deadline=None)
def test_article_url_is_idempotent_and_order_free(params):
    from newscrawler.extract.urls import article_url

    url = "http://b.example/v.php?" + "&".join(params)
    once = article_url(url)
    assert article_url(once) == once
    assert article_url("http://b.example/v.php?" + "&".join(reversed(params))) == once
