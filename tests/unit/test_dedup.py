"""dedup: signatures, document numbers, the SQLite index, and store_article's duplicate paths."""

import numpy as np
import pytest
from hypothesis import given, settings, strategies as st

from newscrawler.db import open_db, store_article
from newscrawler.dedup.docnumbers import document_numbers
from newscrawler.dedup.index import add_to_index, find_original, remove_from_index
from newscrawler.dedup.signature import (BANDS, Signature, band_keys, band_keys_batch, containment, jaccard,
                                          shingles, signature)

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
