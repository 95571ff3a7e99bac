"""sites: registry parsing, validation errors, host and link rules."""

import pytest

from newscrawler.sites import RegistryError, Site, load_registry, parse_registry, select_sites, site_for_url
from tests.conftest import REPO

GOOD = """
[sites.ru-min]
name = "Ministry"
start_urls = ["https://www.minpromtorg.gov.ru/news/"]
language = "ru"
timezone = "Europe/Moscow"
follow_url = "/news/"
deny_url = "/news/archive"
[sites.ru-min.selectors]
date = ".date"
"""


@pytest.fixture
def site():
    return parse_registry(GOOD)["ru-min"]


def test_parse_good_entry(site):
    assert site == Site(id="ru-min", name="Ministry", start_urls=("https://www.minpromtorg.gov.ru/news/",),
                        allowed_hosts=("minpromtorg.gov.ru",), language="ru", timezone="Europe/Moscow",
                        follow_url="/news/", deny_url="/news/archive", selectors={"date": ".date"})


def test_hints(site):
    assert site.hints() == {"language": "ru", "timezone": "Europe/Moscow", "locale": None, "date_format": None,
                            "article_url": None, "listing_url": None, "selectors": {"date": ".date"},
                            "primary": False}


def test_primary_is_parsed_and_travels_in_the_hints():
    s = parse_registry('[sites.min]\nstart_urls = ["https://min.gov/"]\nprimary = true')["min"]
    assert s.primary is True and s.hints()["primary"] is True


def test_primary_must_be_a_boolean():
    with pytest.raises(RegistryError, match="primary must be a bool"):
        parse_registry('[sites.min]\nstart_urls = ["https://min.gov/"]\nprimary = "yes"')


def test_ministries_are_primary_and_republishers_are_not():
    demo = parse_registry((REPO / "tests/sites/sites.toml").read_text(encoding="utf-8").replace("{{", "http://x/{{"))
    assert {sid for sid, s in demo.items() if s.primary} == {"cn-miit", "en-ministry"}
    assert {sid for sid, s in load_registry().items() if s.primary} >= {"miit", "minpromtorg", "uk-dbt"}


def test_name_defaults_to_id_and_hosts_to_start_urls():
    s = parse_registry('[sites.a]\nstart_urls = ["https://A.org/x", "https://b.org/"]')["a"]
    assert (s.name, s.allowed_hosts) == ("a", ("a.org", "b.org"))


def test_empty_registry():
    assert parse_registry("") == {}


def test_bundled_registry_loads():
    assert "miit" in load_registry()


@pytest.mark.parametrize("toml, message", [
    ('[sites.bad-one]\nname = "x"', "start_urls"),
    ('[sites.bad-one]\nstart_urls = []', "start_urls"),
    ('[sites.bad-one]\nstart_urls = "https://a.org/"', "start_urls"),
    ('[sites.bad-one]\nstart_urls = ["https://a.org/"]\ntimezone = "Mars/Olympus"', "Mars/Olympus"),
    ('[sites.bad-one]\nstart_urls = ["https://a.org/"]\ncolour = "red"', "colour"),
    ('[sites.bad-one]\nstart_urls = ["https://a.org/"]\nfollow_url = "(unclosed"', "follow_url"),
    ('[sites.bad-one]\nstart_urls = ["https://a.org/"]\narticle_url = "[a-"', "article_url"),
    ('[sites.bad-one]\nstart_urls = ["https://a.org/"]\n[sites.bad-one.selectors]\nfoo = "x"', "foo"),
    ('[sites.bad-one]\nstart_urls = ["/relative"]', "/relative"),
], ids=["no-start_urls", "empty-start_urls", "string-start_urls", "bad-timezone", "unknown-field",
        "bad-follow_url", "bad-article_url", "unknown-selector", "relative-start_url"])
def test_registry_errors_name_the_site(toml, message):
    with pytest.raises(RegistryError, match=message) as err:
        parse_registry(toml)
    assert "'bad-one'" in str(err.value)


def test_bad_id():
    with pytest.raises(RegistryError, match="'Bad_ID'"):
        parse_registry('[sites.Bad_ID]\nstart_urls = ["https://a.org/"]')


def test_bad_toml():
    with pytest.raises(RegistryError, match="not valid TOML"):
        parse_registry('[sites.a\nstart_urls = ')


def test_missing_registry_file(tmp_path):
    with pytest.raises(RegistryError, match="not found"):
        load_registry(tmp_path / "nope.toml")


@pytest.mark.parametrize("toml", [
    '[sites.bad-one]\nstart_urls = [1]',
    '[sites.bad-one]\nstart_urls = ["https://a.org/"]\ntimezone = 5',
    '[sites.bad-one]\nstart_urls = ["https://a.org/"]\nfollow_url = 5',
    '[sites.bad-one]\nstart_urls = ["https://a.org/"]\nfeeds = "https://a.org/rss.xml"',
    '[sites]\nbad-one = 1',
], ids=["start_urls-int", "timezone-int", "follow_url-int", "feeds-string", "not-a-table"])
def test_wrongly_typed_values_raise_registry_error(toml):
    with pytest.raises(RegistryError, match="'bad-one'"):
        parse_registry(toml)


def test_site_for_url():
    s = site_for_url("https://www.67c.ru/news/")
    assert (s.id, s.start_urls, s.allowed_hosts) == ("www.67c.ru", ("https://www.67c.ru/news/",),
                                                     ("www.67c.ru", "67c.ru"))
    assert s.allows("https://67c.ru/news/1.html") and s.allows("https://www.67c.ru/news/1.html")
    assert not s.allows("https://shop.67c.ru/news/1.html")   # --url stays on its host


@pytest.mark.parametrize("url", ["ftp://x.org/", "x.org/news", "/news/"])
def test_site_for_url_rejects_non_http(url):
    with pytest.raises(RegistryError):
        site_for_url(url)


@pytest.mark.parametrize("url, expected", [
    ("https://www.minpromtorg.gov.ru/news/1", True),
    ("https://WWW.MINPROMTORG.GOV.RU/x", True),
    ("https://press.www.minpromtorg.gov.ru/x", True),
    ("https://minpromtorg.gov.ru/x", True),   # the default allowed host is the bare domain
    ("https://evilminpromtorg.gov.ru/x", False),
    ("https://www.minpromtorg.gov.ru.evil.org/x", False),
])
def test_allows(site, url, expected):
    assert site.allows(url) is expected


@pytest.mark.parametrize("url, expected", [
    ("https://www.minpromtorg.gov.ru/news/1.html", True),
    ("https://www.minpromtorg.gov.ru/about/", False),          # follow_url does not match
    ("https://www.minpromtorg.gov.ru/news/archive/1", False),  # deny_url matches
    ("https://other.org/news/1.html", False),                  # off the site
])
def test_follows(site, url, expected):
    assert site.follows(url) is expected


def test_select_sites(site):
    registry = parse_registry(GOOD + '\n[sites.b]\nstart_urls = ["https://b.org/"]')
    assert [s.id for s in select_sites(registry, [])] == ["ru-min", "b"]
    assert [s.id for s in select_sites(registry, ["b"])] == ["b"]


def test_select_unknown_site_lists_known_ids():
    registry = parse_registry(GOOD + '\n[sites.b]\nstart_urls = ["https://b.org/"]')
    with pytest.raises(RegistryError, match=r"\['nope'\].*\['b', 'ru-min'\]"):
        select_sites(registry, ["b", "nope"])
