"""dedup: signatures, document numbers, the SQLite index, and store_article's duplicate paths."""

import zlib

import numpy as np
import pytest
from hypothesis import given, settings, strategies as st

from newscrawler.db import open_db, store_article
from newscrawler.dedup.docnumbers import document_numbers
from collections import Counter
import random

from newscrawler.dedup import index
from newscrawler.dedup.index import KEY_ROWS, add_to_index, find_original, rank_candidates, remove_from_index
from newscrawler.dedup.signature import (BANDS, NUM_PERM, Signature, band_keys, band_keys_batch, containment,
                                          containment_many, jaccard, minhash, shingles, signature)

ZH = ("工业和信息化部办公厅关于公布2023年度中小企业特色产业集群名单的通知。各省、自治区、直辖市中小企业主管部门："
      "根据促进中小企业特色产业集群发展暂行办法，经地方推荐、专家评审和网上公示，现将名单予以公布。"
      "各地要加强对集群的指导和服务，推动集群聚焦主导产业，加快数字化转型和绿色低碳发展。")
EN = ("The Department for Industry and Regional Growth today designated eight areas as Regional Innovation "
      "Clusters. The clusters will receive support for skills, research partnerships and export promotion "
      "over the next five years, with a first review of their progress due in 2026. ") * 2
OTHER_EN = ("Business rates relief for high street retailers will be extended for another year, the minister "
            "said, after a consultation with local councils and trade bodies across the country. ") * 2


def test_cjk_text_is_cut_into_three_character_shingles():
    assert all(len(s.decode()) == 3 for s in shingles(ZH))
    assert all(len(s.decode()) == 5 for s in shingles(EN))


def test_shingles_ignore_case_spacing_and_punctuation():
    assert shingles("Cluster list, 2023!") == shingles("cluster   LIST 2023")


def test_short_text_has_no_signature():
    assert signature("短文本") is None


def test_signature_is_stable():
    assert signature(ZH).values.tolist() == signature(ZH).values.tolist()


def test_signature_values_are_those_stored_by_earlier_releases():
    """Pinned: signatures in existing archives must keep matching new ones (made with datasketch 2)."""
    assert signature(EN).values[:8].tolist() == [10769659, 13994658, 7823258, 9530382, 45343783, 264793,
                                                 14087790, 55090551]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.binary(min_size=1, max_size=12), max_size=400))
def test_minhash_is_datasketchs_affine32_bit_for_bit(pieces):
    datasketch = pytest.importorskip("datasketch")
    expected = datasketch.MinHash(num_perm=NUM_PERM, seed=1, scheme="affine32", hashfunc=zlib.crc32)
    expected.update_batch(pieces)
    assert minhash(pieces).tolist() == expected.hashvalues.tolist()


def test_copy_with_new_intro_is_similar_and_other_news_is_not():
    copy = "This press release was originally published by the Department on 12 September 2024. " + EN
    assert jaccard(signature(EN), signature(copy)) >= 0.7
    assert jaccard(signature(EN), signature(OTHER_EN)) < 0.2


def test_containment_forgives_a_cut_tail():
    full = EN[: len(EN) // 2] + OTHER_EN[: len(OTHER_EN) // 2]   # no repeated sentences
    cut = full[: len(full) * 2 // 3]
    assert containment(signature(full), signature(cut)) >= 0.9 > jaccard(signature(full), signature(cut))


def test_band_keys_one_and_batch_agree():
    sig = signature(EN)
    assert band_keys(sig) == band_keys_batch(np.stack([sig.values]))[0].tolist()
    assert len(set(band_keys(sig))) == BANDS


@settings(max_examples=50, deadline=None)
@given(st.lists(st.tuples(st.lists(st.integers(0, 40), min_size=64, max_size=64), st.integers(8, 5000)),
                min_size=1, max_size=6),
       st.lists(st.integers(0, 40), min_size=64, max_size=64), st.integers(8, 5000))
def test_containment_many_is_containment_of_each(others, values, size):
    mine = Signature(np.array(values, dtype=np.uint32), size)
    sigs = [Signature(np.array(v, dtype=np.uint32), n) for v, n in others]
    many = containment_many(mine, np.stack([s.values for s in sigs]), np.array([s.size for s in sigs]))
    assert many.tolist() == pytest.approx([containment(mine, s) for s in sigs])


def test_candidates_are_numbers_first_then_most_shared_bands_oldest_first():
    shared = Counter({5: 2, 3: 9, 8: 2, 1: 1, 7: 2})
    assert rank_candidates(shared, {8, 40}, limit=4) == [8, 40, 3, 5]
    assert rank_candidates(shared, set(), limit=10) == [3, 5, 7, 8, 1]


@settings(max_examples=30, deadline=None)
@given(st.lists(st.integers(0, 2**32 - 1), min_size=64, max_size=64))
def test_band_keys_fit_sqlite_integers(values):
    assert all(-(2**63) <= k < 2**63 for k in band_keys(Signature(np.array(values, dtype=np.uint32), 100)))


@pytest.mark.parametrize("title, text, expected", [
    ("关于公布名单的通知", "工信厅企业函〔2023〕283号\n各省中小企业主管部门：", {"工信厅企业函|2023|283"}),
    ("转发", "现将《通知》（工信厅企业函[2023]283号）转发给你们", {"工信厅企业函|2023|283"}),
    ("", "Приказом Минпромторга России от 12.03.2024 № 1234 кластер включён в реестр", {"прик||1234"}),
    ("산업부 공고", "산업통상자원부 공고 제2024-123호 미니클러스터 선정 결과", {"공고|2024|123"}),
    ("", "The Regulations (Statutory Instrument 2024 No. 512) come into force", {"stat|2024|512"}),
    ("", "Competition reference: CGP-2024-07. Applications open today.", {"||cgp-2024-07"}),
])
def test_document_numbers(title, text, expected):
    assert document_numbers(title, text) == expected


@pytest.mark.parametrize("text", [
    "根据《促进中小企业特色产业集群发展暂行办法》（工信部企业〔2022〕63号），现开展申报工作。",
    "В соответствии с постановлением Правительства РФ от 31.07.2015 № 779 кластер включён в реестр.",
    "Pursuant to Statutory Instrument 2019 No. 1010 the scheme continues.",
])
def test_a_cited_act_is_not_what_the_text_is_about(text):
    assert document_numbers(None, text) == set()


def test_numbers_deep_in_the_body_are_not_the_subject():
    assert document_numbers("通知", "各省：" + "推进集群发展。" * 60 + "工信厅企业函〔2023〕283号") == set()


@pytest.fixture
def db(tmp_path):
    database = open_db(tmp_path / "d.db")
    yield database
    database.close()


def _article(db, article_id, text, numbers=(), duplicate_of=None):
    db["articles"].insert({"id": article_id, "url": f"https://ex.org/{article_id}", "source": "ex",
                           "duplicate_of": duplicate_of})
    add_to_index(db, article_id, signature(text), list(numbers))


def test_index_finds_a_copy_and_not_other_news(db):
    _article(db, 1, EN)
    match = find_original(db, signature("Editor's note: republished. " + EN), [])
    assert (match.article_id, match.via) == (1, "text") and match.similarity >= 0.9
    assert find_original(db, signature(OTHER_EN), []) is None


def test_same_document_number_lowers_the_bar(db):
    report = ("工信部近日公布2023年度中小企业特色产业集群名单（工信厅企业函〔2023〕283号），共100个集群入选，"
              "涉及智能装备、新材料、消费品等领域。记者了解到，各地将对入选集群给予资金和服务支持。")
    _article(db, 1, ZH, ["工信厅企业函|2023|283"])
    assert find_original(db, signature(report), []) is None
    match = find_original(db, signature(report), ["工信厅企业函|2023|283"], same_document=0.0)
    assert (match.article_id, match.via) == (1, "document_number")


def test_duplicate_of_points_to_the_earliest_original(db):
    _article(db, 1, EN)
    _article(db, 2, "Republished. " + EN, duplicate_of=1)
    assert find_original(db, signature("Shared again. " + EN), []).article_id == 1


def test_removed_article_is_no_longer_found(db):
    _article(db, 1, EN)
    remove_from_index(db, 1)
    assert find_original(db, signature(EN), []) is None
    assert db.execute("SELECT count(*) FROM dedup_bands").fetchone()[0] == 0


def _row(url, text):
    return {"url": url, "source": "ex", "title": "t", "text": text, "content_hash": str(hash(text))}


def test_store_links_a_near_duplicate_and_logs_it(db):
    db.begin()
    assert store_article(db, _row("https://a.org/1", EN), "2026-01-01", signature=signature(EN))[0] == "new"
    copy = "Originally published by the Department. " + EN
    status, new_id = store_article(db, _row("https://b.org/9", copy), "2026-01-02", signature=signature(copy))
    assert status == "near_duplicate"
    assert db["articles"].get(new_id)["duplicate_of"] == 1
    event = db.execute("SELECT kind, payload FROM events ORDER BY id DESC LIMIT 1").fetchone()
    assert event[0] == "article_duplicate" and '"via": "text"' in event[1] and '"exact": false' in event[1]


def test_store_remembers_exact_copy_urls_as_aliases(db):
    db.begin()
    store_article(db, _row("https://a.org/view?seq=5&page=1", EN), "2026-01-01", signature=signature(EN))
    status, article_id = store_article(db, _row("https://a.org/view?page=2&seq=5&searchWord=", EN), "2026-01-01")
    assert (status, article_id) == ("duplicate", 1)
    assert db["articles"].count == 1
    assert {r["url"] for r in db["article_urls"].rows} == {"https://a.org/view?seq=5&page=1",
                                                           "https://a.org/view?page=2&seq=5&searchWord="}


def test_different_document_numbers_keep_template_siblings_apart(db):
    template = ("Приказом Минпромторга России от 12.03.2024 № {n} кластер «{name}» включён в реестр "
                "промышленных кластеров. Участники кластера получат право на меры государственной поддержки, "
                "предусмотренные правилами, в том числе субсидии на возмещение части затрат. ") * 2
    first, second = template.format(n=1873, name="Смоленский станкостроительный"), \
        template.format(n=3104, name="Калужский фармацевтический")
    _article(db, 1, first, document_numbers(None, first))
    assert find_original(db, signature(second), sorted(document_numbers(None, second))) is None
    assert find_original(db, signature(second), [], near_duplicate=0.5) is not None   # the text alone would merge


def _words(rng, n):
    return " ".join("".join(rng.choice("abcdefghijklmnoprstuvw") for _ in range(rng.randint(3, 9))) for _ in range(n))


def test_lookup_among_hundreds_of_alike_texts_decides_as_an_unbounded_one(db, monkeypatch):
    """A source whose pages are mostly one template: band keys shared by more articles than a
    lookup reads. The copy of an article stored late is still matched to it, and the bounded
    lookups find a copy wherever lookups reading every candidate do (among mutual near copies
    the original may be another early one: each is an original, none a copy)."""
    rng = random.Random(3)
    boilerplate = _words(rng, 400)
    db.begin()

    def store(i, text):
        return store_article(db, _row(f"https://dir.example/{i}", text), "2026-01-01", signature=signature(text))

    for i in range(1, 3 * KEY_ROWS):
        store(i, boilerplate + " " + _words(rng, 40))
    hot = db.execute("SELECT max(n) FROM (SELECT count(*) AS n FROM dedup_bands GROUP BY key)").fetchone()[0]
    assert hot > KEY_ROWS                          # the index has keys hotter than a lookup reads
    late = _words(rng, 300)
    assert store(3 * KEY_ROWS, late) == ("new", 3 * KEY_ROWS)
    probes = [signature("Republished. " + late)] + [signature(boilerplate + " " + _words(rng, 40)) for _ in range(20)]
    bounded = [find_original(db, probe, []) for probe in probes]
    assert bounded[0].article_id == 3 * KEY_ROWS
    monkeypatch.setattr(index, "KEY_ROWS", 10**6)
    monkeypatch.setattr(index, "CANDIDATES", 10**6)
    unbounded = [find_original(db, probe, []) for probe in probes]
    assert [m is None for m in bounded] == [m is None for m in unbounded]
    originals = {r[0] for r in db.execute("SELECT id FROM articles WHERE duplicate_of IS NULL")}
    assert all(m.article_id in originals for m in bounded if m)
    assert sum(m is not None for m in bounded[1:]) >= 15     # the template's copies are found
