"""feeds: RSS/Atom entries, sitemaps, robots.txt, xml_kind, hostile XML."""

import time

import pytest

from newscrawler.extract.feeds import feed_entries, robots_sitemaps, sitemap_entries, xml_kind

RSS = b"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel><title>x</title><link>https://ex.org/</link>
<item><title>A</title><link>https://ex.org/news/1.html</link><pubDate>Thu, 12 Sep 2024 09:30:00 +0100</pubDate></item>
<item><title>B</title><link>/news/2.html</link></item>
<item><title>C</title><guid isPermaLink="true">https://ex.org/news/3.html</guid><dc:date>2024-09-10</dc:date></item>
<item><title>D</title><guid isPermaLink="false">abc-123</guid></item>
</channel></rss>"""

ATOM = b"""<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>t</title><link href="https://ex.org/"/>
<entry><title>A</title><link rel="edit" href="https://ex.org/edit/a"/><link rel="alternate" href="https://ex.org/a"/>
<published>2024-09-12T09:30:00Z</published><updated>2024-09-13T09:30:00Z</updated></entry>
<entry><title>B</title><link href="b"/><updated>2024-09-13T09:30:00Z</updated></entry>
</feed>"""

URLSET = b"""<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
<url><loc>https://ex.org/a</loc><lastmod>2024-09-12</lastmod></url><url><loc> /b </loc></url><url><lastmod>x</lastmod></url>
</urlset>"""

INDEX = b"""<?xml version="1.0" encoding="UTF-8"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
<sitemap><loc>https://ex.org/s1.xml</loc></sitemap><sitemap><loc>https://ex.org/s2.xml</loc></sitemap></sitemapindex>"""

BOMB = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<rss version="2.0"><channel><item><link>https://ex.org/&lol9;</link><pubDate>&lol9;</pubDate></item></channel></rss>"""


def test_rss_entries():
    assert feed_entries(RSS, "https://ex.org/feed.xml") == [
        ("https://ex.org/news/1.html", "Thu, 12 Sep 2024 09:30:00 +0100"),
        ("https://ex.org/news/2.html", None),
        ("https://ex.org/news/3.html", "2024-09-10"),
    ]


def test_atom_entries_use_alternate_link_and_published_not_updated():
    assert feed_entries(ATOM, "https://ex.org/feed/") == [
        ("https://ex.org/a", "2024-09-12T09:30:00Z"),
        ("https://ex.org/feed/b", None),
    ]


def test_sitemap_urlset():
    assert sitemap_entries(URLSET, "https://ex.org/sitemap.xml") == (["https://ex.org/a", "https://ex.org/b"], [])


def test_sitemap_index():
    assert sitemap_entries(INDEX, "https://ex.org/sitemap.xml") == (
        [], ["https://ex.org/s1.xml", "https://ex.org/s2.xml"])


def test_robots_sitemaps():
    robots = ("User-agent: *\nDisallow: /admin\nSitemap: https://ex.org/sitemap.xml\n"
              "sitemap:/news-sitemap.xml\n# Sitemap: https://ex.org/commented.xml\nSitemap:\n")
    assert robots_sitemaps(robots, "https://ex.org/robots.txt") == [
        "https://ex.org/sitemap.xml", "https://ex.org/news-sitemap.xml"]


@pytest.mark.parametrize("body, expected", [
    (RSS, "feed"), (ATOM, "feed"), (URLSET, "sitemap"), (INDEX, "sitemap"),
    (b'<?xml version="1.0"?><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"></rdf:RDF>', "feed"),
    (b"<html><body>x</body></html>", None), (b"", None), (b"User-agent: *", None),
])
def test_xml_kind(body, expected):
    assert xml_kind(body) == expected


@pytest.mark.parametrize("body", [b"", b"not xml at all", b"<html><body><p>x</body></html>", b"\xff\xfe\x00"])
def test_not_xml_gives_nothing(body):
    assert feed_entries(body, "https://ex.org/") == [] and sitemap_entries(body, "https://ex.org/") == ([], [])


def test_billion_laughs_does_not_expand():
    start = time.perf_counter()
    entries = feed_entries(BOMB, "https://ex.org/")
    assert time.perf_counter() - start < 1.0
    assert all(len(link) < 100 and (when is None or len(when) < 100) for link, when in entries)
    assert "lollol" not in repr(entries)


def test_external_entity_is_not_fetched():
    xxe = (b'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
           b"<rss><channel><item><link>https://ex.org/a</link><pubDate>&x;</pubDate></item></channel></rss>")
    assert feed_entries(xxe, "https://ex.org/") == [("https://ex.org/a", None)]
