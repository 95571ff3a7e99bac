"""The original is the earliest published copy, whichever order the copies are stored in:
dedup/originals.py (the order), db.store_article (re-pointing) and detect/changes.py (the list and
its alerts follow the original). Real SQLite in tmp_path, stored as the store pipeline stores."""

import json

import pytest

from newscrawler.db import open_db, store_article
from newscrawler.dedup.originals import Claim, precedes, publication_day, why_first
from newscrawler.dedup.signature import signature
from newscrawler.detect.changes import ArticleFacts, record_analysis
from newscrawler.extract.text import content_hash

NOTICE = ("The Department for Industry and Regional Growth has designated eight areas as Regional Innovation "
          "Clusters. The designation brings funding for shared research facilities, skills programmes and "
          "support for firms that want to grow their exports. The clusters were chosen after an open call "
          "that drew proposals from every region of England, and each will receive support for five years.")
REPOST = "This press release was originally published by the Department on 12 September 2024. " + NOTICE
OTHER = ("Retailers on high streets will pay lower business rates for another year, the minister said, "
         "as the relief scheme is extended to cover shops, pubs, cafes and cinemas across the country.")
MINISTRY, HUB, PORTAL = "https://ministry.example/news/clusters", "https://hub.example/news/clusters/", \
    "https://portal.example/news/clusters.html"
T1, T2, T3 = "2026-12-01T10:00:00+00:00", "2026-12-01T10:05:00+00:00", "2026-12-02T09:00:00+00:00"
NAMES = ["Tees Valley Low Carbon Materials Cluster", "Lincolnshire Agri-Food Technology Cluster"]


@pytest.fixture
def db(tmp_path):
    database = open_db(tmp_path / "news.db")
    database.begin()
    return database


def store(db, url, text, published_at, now, *, primary=False, names=NAMES, source=None):
    """Store one article and run the change detector on it, as pipelines/store.py does."""
    source = source or url.split("/")[2]
    row = {"url": url, "source": source, "title": f"Title at {source}", "text": text,
           "content_hash": content_hash(text), "published_at": published_at, "language": "en",
           "primary_source": int(primary)}
    status, article_id = store_article(db, row, now, signature=signature(text))
    duplicate_of = db["articles"].get(article_id)["duplicate_of"]
    facts = ArticleFacts(article_id, url, row["title"], source, "en", published_at, status, duplicate_of)
    analysis = {"label": "announcement", "clusters": names, "count": len(names), "year": 2024, "issuer": None}
    alerts = record_analysis(db, facts, analysis, now, baseline=False) if names else []
    return status, article_id, alerts


def pointers(db) -> dict[str, int | None]:
    return {r["url"]: r["duplicate_of"] for r in db["articles"].rows}


def events_of(db, kind):
    return [(e["article_id"], json.loads(e["payload"])) for e in db["events"].rows_where("kind = ?", [kind])]


# --- the order ---------------------------------------------------------------------------------

def claim(published_at, primary=False, first_seen="2026-12-01", article_id=1):
    return Claim(article_id, published_at, primary, first_seen)


@pytest.mark.parametrize("value, day", [("2024-09-12T09:30:00+01:00", "2024-09-12"), ("2024-05-20", "2024-05-20"),
                                        (None, None), ("", None), ("yesterday", None)])
def test_publication_day_is_the_day_the_source_printed(value, day):
    assert publication_day(value) == day


@pytest.mark.parametrize("candidate, original, first, reason", [
    (claim("2024-09-12"), claim("2024-09-13T11:00:00+01:00"), True, "published_earlier"),
    (claim("2024-09-13T11:00:00+01:00"), claim("2024-09-12"), False, None),
    (claim("2024-09-20"), claim(None), True, "dated"),                   # undated never beats dated
    (claim(None, primary=True), claim("2024-09-20"), False, None),
    (claim("2024-09-12T18:00:00+01:00", primary=True), claim("2024-09-12T09:00:00+01:00"), True, "primary_source"),
    (claim("2024-09-12", primary=True), claim("2024-09-12T09:00:00+01:00"), True, "primary_source"),
    (claim("2024-09-12", first_seen="2026-12-02"), claim("2024-09-12", first_seen="2026-12-01"), False, None),
    (claim("2024-09-12", primary=True, first_seen="2026-12-02"), claim("2024-09-12", primary=True), False, None),
    (claim(None, first_seen="2026-12-01", article_id=5), claim(None, first_seen="2026-12-02"), True, "seen_earlier"),
])
def test_precedence(candidate, original, first, reason):
    assert precedes(candidate, original) is first
    if first:
        assert why_first(candidate, original) == reason


# --- the store: re-pointing ------------------------------------------------------------------

def test_a_repost_stored_first_gives_way_to_the_earlier_original(db):
    status, repost, alerts = store(db, HUB, REPOST, "2024-09-13T11:00:00+01:00", T1)
    assert status == "new" and [a["kind"] for a in alerts] == ["new_cluster_list"]
    status, original, alerts = store(db, MINISTRY, NOTICE, "2024-09-12T09:30:00+01:00", T2, primary=True)
    assert (status, alerts) == ("new", [])
    assert pointers(db) == {HUB: original, MINISTRY: None}
    [(article_id, payload)] = events_of(db, "article_original")
    assert article_id == original
    assert (payload["former_original"], payload["repointed"], payload["reason"]) == (repost, [repost],
                                                                                     "published_earlier")
    assert [a for a, _ in events_of(db, "article_new")] == [repost, original]


def test_the_copies_of_the_former_original_follow_it(db):
    _, repost, _ = store(db, HUB, REPOST, "2024-09-13T11:00:00+01:00", T1)
    status, portal, _ = store(db, PORTAL, "Reposted from the growth hub. " + REPOST, "2024-09-14", T1)
    assert status == "near_duplicate" and pointers(db)[PORTAL] == repost
    _, original, _ = store(db, MINISTRY, NOTICE, "2024-09-12T09:30:00+01:00", T2, primary=True)
    assert pointers(db) == {HUB: original, PORTAL: original, MINISTRY: None}
    assert events_of(db, "article_original")[0][1]["repointed"] == [repost, portal]
    # a copy met later still points at the original, never at a copy
    status, late, _ = store(db, "https://late.example/x", "Late repost. " + NOTICE, "2024-09-30", T3)
    assert status == "near_duplicate" and pointers(db)["https://late.example/x"] == original


def test_the_original_met_first_changes_nothing(db):
    _, original, first_alerts = store(db, MINISTRY, NOTICE, "2024-09-12T09:30:00+01:00", T1, primary=True)
    status, repost, alerts = store(db, HUB, REPOST, "2024-09-13T11:00:00+01:00", T2)
    assert (status, alerts) == ("near_duplicate", [])
    assert pointers(db) == {MINISTRY: None, HUB: original}
    assert events_of(db, "article_original") == []
    assert [(a["article_url"], a["kind"]) for a in db["alerts"].rows] == [(MINISTRY, "new_cluster_list")]


@pytest.mark.parametrize("repost_date, original_date", [
    ("2024-09-12T18:00:00+01:00", "2024-09-12T09:30:00+01:00"),
    ("2024-09-12T08:00:00+01:00", "2024-09-12T09:30:00+01:00"),   # the portal's time is earlier: same day
    ("2024-09-12T08:00:00+01:00", "2024-09-12"),                  # the ministry prints no time
])
@pytest.mark.parametrize("ministry_first", [True, False], ids=["ministry-first", "portal-first"])
def test_on_the_same_day_the_primary_source_is_the_original(db, repost_date, original_date, ministry_first):
    steps = [(MINISTRY, NOTICE, original_date, True), (HUB, REPOST, repost_date, False)]
    for n, (url, text, published, primary) in enumerate(steps if ministry_first else steps[::-1]):
        store(db, url, text, published, f"2026-12-01T10:0{n}:00+00:00", primary=primary)
    ministry = db.execute("SELECT id FROM articles WHERE url = ?", [MINISTRY]).fetchone()[0]
    assert pointers(db) == {MINISTRY: None, HUB: ministry}
    assert len(events_of(db, "article_original")) == (0 if ministry_first else 1)


def test_same_day_copies_of_equal_standing_keep_the_first_stored(db):
    store(db, HUB, REPOST, "2024-09-12T18:00:00+01:00", T1)
    store(db, MINISTRY, NOTICE, "2024-09-12T09:30:00+01:00", T2)   # not registered primary
    assert pointers(db)[HUB] is None and pointers(db)[MINISTRY] is not None


def test_an_undated_copy_never_takes_over_a_dated_one(db):
    _, repost, _ = store(db, HUB, REPOST, "2024-09-13", T1)
    store(db, MINISTRY, NOTICE, None, T2, primary=True)
    assert pointers(db) == {HUB: None, MINISTRY: repost}


def test_a_dated_copy_takes_over_an_undated_one(db):
    store(db, HUB, REPOST, None, T1)
    _, original, _ = store(db, MINISTRY, NOTICE, "2024-09-20", T2)
    assert pointers(db)[HUB] == original
    assert events_of(db, "article_original")[0][1]["reason"] == "dated"


def test_an_unrelated_article_is_no_one_s_original(db):
    store(db, HUB, REPOST, "2024-09-13", T1)
    status, _, _ = store(db, "https://ministry.example/news/rates", OTHER, "2024-09-01", T2, primary=True, names=[])
    assert status == "new" and set(pointers(db).values()) == {None} and events_of(db, "article_original") == []


# --- the change detector: one alert, naming the original -----------------------------------

def test_an_undelivered_alert_is_repointed_to_the_original_and_nothing_is_alerted_again(db):
    store(db, HUB, REPOST, "2024-09-13T11:00:00+01:00", T1)
    corrected = NAMES[:1] + ["Lincolnshire Agri-Food Technology and Innovation Cluster"]
    _, original, alerts = store(db, MINISTRY, NOTICE, "2024-09-12T09:30:00+01:00", T2, primary=True, names=corrected)
    assert alerts == []
    [alert] = db["alerts"].rows
    payload = json.loads(alert["payload"])
    assert (alert["article_url"], alert["title"], alert["source"]) == (MINISTRY, "Title at ministry.example",
                                                                      "ministry.example")
    assert (payload["article_url"], payload["copy_url"], payload["published_at"]) == \
        (MINISTRY, HUB, "2024-09-12T09:30:00+01:00")
    assert payload["clusters"] == NAMES + corrected[1:] and payload["new_clusters"] == NAMES + corrected[1:]
    [known] = db["cluster_lists"].rows
    assert (known["article_id"], known["article_url"], known["title"]) == (original, MINISTRY, "Title at ministry.example")
    assert json.loads(known["items"]) == NAMES + corrected[1:]
    assert {r["first_article_url"] for r in db["clusters"].rows} == {MINISTRY}
    assert db["events"].count_where("kind = 'alert'") == 1


def test_a_delivered_alert_is_left_alone(db):
    store(db, HUB, REPOST, "2024-09-13T11:00:00+01:00", T1)
    db.execute("UPDATE alerts SET delivered_at = ?", [T1])
    _, original, alerts = store(db, MINISTRY, NOTICE, "2024-09-12T09:30:00+01:00", T2, primary=True)
    assert alerts == []
    [alert] = db["alerts"].rows
    assert (alert["article_url"], json.loads(alert["payload"])["article_url"]) == (HUB, HUB)
    assert [r["article_url"] for r in db["cluster_lists"].rows] == [MINISTRY]
    assert events_of(db, "article_original")[0][0] == original


def test_an_alert_one_sink_already_has_is_left_alone(db):
    store(db, HUB, REPOST, "2024-09-13T11:00:00+01:00", T1)
    db.execute("INSERT INTO alert_deliveries (alert_id, sink, delivered_at, attempts) VALUES (1, 'console', ?, 1)", [T1])
    store(db, MINISTRY, NOTICE, "2024-09-12T09:30:00+01:00", T2, primary=True)
    assert [a["article_url"] for a in db["alerts"].rows] == [HUB]


def test_a_baseline_list_taken_over_stays_silent(db):
    row = {"url": HUB, "source": "hub.example", "title": "t", "text": REPOST, "content_hash": content_hash(REPOST),
           "published_at": "2024-09-13", "language": "en"}
    _, repost = store_article(db, row, T1, signature=signature(REPOST))
    analysis = {"label": "announcement", "clusters": NAMES, "count": 2}
    record_analysis(db, ArticleFacts(repost, HUB, "t", "hub.example", "en", "2024-09-13", "new", None), analysis,
                    T1, baseline=True)
    _, _, alerts = store(db, MINISTRY, NOTICE, "2024-09-12", T2, primary=True)
    assert alerts == [] and db["alerts"].count == 0
    assert [r["article_url"] for r in db["cluster_lists"].rows] == [MINISTRY]


def test_an_alert_a_copy_raised_on_another_list_names_the_original_too(db):
    """The list was first met in a news report; the repost added a name to it (a new_clusters
    alert naming the repost); the ministry's notice, met last, is the repost's original."""
    store(db, "https://ministry.example/news/report", OTHER, "2024-09-13", T1, primary=True)
    extra = "Severn Estuary Compound Semiconductor Cluster"
    _, _, alerts = store(db, HUB, REPOST, "2024-09-13T11:00:00+01:00", T1, names=NAMES + [extra])
    assert [(a["kind"], a["clusters"]) for a in alerts] == [("new_clusters", [extra])]
    _, original, alerts = store(db, MINISTRY, NOTICE, "2024-09-12", T2, primary=True, names=NAMES + [extra])
    assert alerts == [] and pointers(db)[HUB] == original
    assert [(a["kind"], a["article_url"]) for a in db["alerts"].rows] == \
        [("new_cluster_list", "https://ministry.example/news/report"), ("new_clusters", MINISTRY)]
    assert db.execute("SELECT first_article_url FROM clusters WHERE name = ?", [extra]).fetchone()[0] == MINISTRY
    assert [r["article_url"] for r in db["cluster_lists"].rows] == ["https://ministry.example/news/report"]


# --- word-for-word reposts ---------------------------------------------------------------------

def test_a_word_for_word_repost_on_another_site_is_its_own_article(db):
    _, repost, _ = store(db, HUB, NOTICE, "2024-09-13", T1, names=[])
    status, original, _ = store(db, MINISTRY, NOTICE, "2024-09-12", T2, primary=True, names=[])
    assert (status, db["articles"].count) == ("new", 2)
    assert pointers(db) == {HUB: original, MINISTRY: None}


def test_a_word_for_word_repost_too_short_to_sign_is_linked_by_its_text(db):
    short = "Named."
    assert signature(short) is None
    _, repost, _ = store(db, HUB, short, "2024-09-13", T1, names=[])
    status, original, _ = store(db, MINISTRY, short, "2024-09-12", T2, primary=True, names=[])
    assert status == "new" and pointers(db) == {HUB: original, MINISTRY: None}
    assert events_of(db, "article_original")[0][1]["via"] == "same_text"
    status, late, _ = store(db, PORTAL, short, "2024-09-14", T3, names=[])
    assert status == "near_duplicate" and pointers(db)[PORTAL] == original


def test_the_same_text_under_another_url_of_the_same_site_stays_one_article(db):
    store(db, MINISTRY, NOTICE, "2024-09-12", T1, names=[])
    status, article_id = store_article(db, {"url": MINISTRY + "?print=1", "source": "ministry.example", "title":
                                            "Title at ministry.example", "text": NOTICE,
                                            "content_hash": content_hash(NOTICE)}, T2)
    assert (status, article_id, db["articles"].count) == ("duplicate", 1, 1)


# --- where the store pipeline reads the flag ------------------------------------------------------

@pytest.mark.parametrize("hints, registered, primary", [
    ({"primary": True}, set(), True),
    ({"primary": False}, {"min"}, False),     # the item's hints are the registry entry it was crawled with
    ({}, {"min"}, True),                      # an item without the key: the crawl's registry
    ({}, set(), False),
])
def test_the_store_pipeline_reads_primary_from_the_item_s_hints(hints, registered, primary):
    from newscrawler.items import Article
    from newscrawler.pipelines.store import StorePipeline

    pipeline = StorePipeline("unused.db", stats=None)
    pipeline.primary_sources = registered
    item = Article(url="https://min.gov/1", fetched_url="https://min.gov/1", source="min", encoding="utf-8",
                   fetched_at=T1, hints=hints)
    assert pipeline._is_primary(item) is primary
