"""detect: the announcement/call/other decision, names, counts; and the change detector's memory."""

import json
from datetime import datetime, timezone

import pytest

from newscrawler.db import open_db
from newscrawler.detect.analysis import analyse_clusters, extract_names, normalise_name
from newscrawler.detect.changes import ArticleFacts, in_baseline, record_analysis

ZH_LIST = ("工信厅企业函〔2023〕283号\n现将2023年度中小企业特色产业集群名单予以公布。\n序号 | 省份 | 集群名称\n"
           "1 | 北京市 | 北京市顺义区智能装备产业集群\n2 | 浙江省 | 浙江省永康市五金工具产业集群")


@pytest.mark.parametrize("title, text, lang, label", [
    ("工业和信息化部办公厅关于公布2023年度中小企业特色产业集群名单的通知", ZH_LIST, "zh", "announcement"),
    ("关于组织开展2024年度中小企业特色产业集群申报工作的通知", "各地中小企业主管部门：现组织开展申报工作。", "zh", "call"),
    ("全省产业集群发展态势良好", "今年以来，我省产业集群发展态势良好，产值增长8%。", "zh", "other"),
    ("Минпромторг включил два кластера в реестр", "Приказом Минпромторга в реестр промышленных кластеров включены "
     "Калужский фармацевтический кластер и Тульский кластер металлургии.", "ru", "announcement"),
    ("Промышленные кластеры Смоленщины: от металлургии до инноваций", "Промышленные кластеры региона формируют "
     "основу экономики.", "ru", "other"),
    ("Открыт приём заявок на включение в реестр промышленных кластеров", "Заявки принимаются до 1 марта.", "ru", "call"),
    ("한국산업단지공단, 신규 미니클러스터 3개 선정", "선정된 곳은 다음과 같다.\n1. 반월시화 표면처리 미니클러스터\n"
     "2. 창원 수소 부품 미니클러스터\n3. 구미 전자부품 미니클러스터", "ko", "announcement"),
    ("2025년 미니클러스터 신규 지정 공모 안내", "산업단지 입주기업의 신청을 받습니다.", "ko", "call"),
    ("Eight areas designated as Regional Innovation Clusters", "The department designated eight clusters:\n"
     "- Tees Valley Low Carbon Materials Cluster\n- Severn Estuary Compound Semiconductor Cluster", "en", "announcement"),
    ("Cluster Growth Programme: call for proposals", "Applications are open until March.", "en", "call"),
    ("Business rates relief extended", "Retailers will pay less.", "en", "other"),
])
def test_label(title, text, lang, label):
    assert analyse_clusters(title, text, lang).label == label


def test_zh_names_from_table_and_sentence():
    names = extract_names(ZH_LIST + "\n北京市顺义区智能装备产业集群、上海市闵行区集成电路产业集群等100个集群入选。", "zh")
    assert names == ["北京市顺义区智能装备产业集群", "浙江省永康市五金工具产业集群", "上海市闵行区集成电路产业集群"]


def test_count_is_the_announced_total_not_the_names_shown():
    result = analyse_clusters("工业和信息化部公布2023年度100个中小企业特色产业集群",
                              "北京市顺义区智能装备产业集群等100个集群入选名单。", "zh")
    assert (result.label, result.count, result.clusters) == ("announcement", 100, ["北京市顺义区智能装备产业集群"])


def test_names_are_keyed_without_case_spacing_or_quotes():
    assert normalise_name("Кластер «Уральский титан»") == normalise_name("кластер  Уральский ТИТАН")


# -- the change detector -------------------------------------------------------------------------

@pytest.fixture
def db(tmp_path):
    database = open_db(tmp_path / "c.db")
    database.begin()
    yield database
    database.close()


def _article(db, article_id, url, duplicate_of=None):
    db["articles"].insert({"id": article_id, "url": url, "source": "miit", "duplicate_of": duplicate_of})


def facts(article_id, url, status="new", duplicate_of=None):
    return ArticleFacts(article_id, url, "名单", "miit", "zh", "2026-11-20", status, duplicate_of)


def analysis(*names, count=None):
    return {"label": "announcement", "clusters": list(names), "count": count or len(names), "year": 2026,
            "issuer": "工业和信息化部"}


def test_a_new_list_alerts_once_with_its_names(db):
    _article(db, 1, "https://m/1")
    alerts = record_analysis(db, facts(1, "https://m/1"), analysis("甲产业集群", "乙产业集群"), "t1", baseline=False)
    assert [a["kind"] for a in alerts] == ["new_cluster_list"]
    assert alerts[0]["clusters"] == ["甲产业集群", "乙产业集群"] and alerts[0]["new_clusters"] == ["甲产业集群", "乙产业集群"]
    assert {"count", "language", "source"} <= set(alerts[0])
    assert db["clusters"].count == 2 and db["cluster_lists"].count == 1


def test_the_same_list_seen_again_is_silent(db):
    _article(db, 1, "https://m/1")
    record_analysis(db, facts(1, "https://m/1"), analysis("甲产业集群", "乙产业集群"), "t1", baseline=False)
    assert record_analysis(db, facts(1, "https://m/1", "updated"), analysis("甲产业集群", "乙产业集群"), "t2",
                           baseline=False, previous=analysis("乙产业集群", "甲产业集群")) == []


def test_a_changed_list_page_reports_the_diff_item_by_item(db):
    _article(db, 1, "https://m/1")
    record_analysis(db, facts(1, "https://m/1"), analysis("甲产业集群", "乙产业集群", "丙产业集群"), "t1", baseline=False)
    alerts = record_analysis(db, facts(1, "https://m/1", "updated"), analysis("丙产业集群", "甲产业集群", "丁产业集群"),
                             "t2", baseline=False, previous=analysis("甲产业集群", "乙产业集群", "丙产业集群"))
    assert [a["kind"] for a in alerts] == ["updated_cluster_list"]
    assert alerts[0]["diff"] == {"added": ["丁产业集群"], "removed": ["乙产业集群"]}


def test_a_report_on_a_known_list_adds_to_it_and_alerts_only_new_names(db):
    _article(db, 1, "https://m/1")
    _article(db, 2, "https://news/2")
    record_analysis(db, facts(1, "https://m/1"), analysis("甲产业集群", "乙产业集群", "丙产业集群"), "t1", baseline=False)
    assert record_analysis(db, facts(2, "https://news/2"), analysis("甲产业集群", "乙产业集群", count=100), "t2",
                           baseline=False) == []
    _article(db, 3, "https://news/3")
    alerts = record_analysis(db, facts(3, "https://news/3"), analysis("甲产业集群", "乙产业集群", "戊产业集群"), "t3",
                             baseline=False)
    assert [(a["kind"], a["clusters"]) for a in alerts] == [("new_clusters", ["戊产业集群"])]
    items = json.loads(db["cluster_lists"].get(1)["items"])
    assert items == ["甲产业集群", "乙产业集群", "丙产业集群", "戊产业集群"]


def test_a_copy_of_a_known_list_is_silent(db):
    _article(db, 1, "https://m/1")
    _article(db, 2, "https://province/2", duplicate_of=1)
    record_analysis(db, facts(1, "https://m/1"), analysis("甲产业集群"), "t1", baseline=False)
    assert record_analysis(db, facts(2, "https://province/2", "near_duplicate", 1), analysis("甲产业集群"), "t2",
                           baseline=False) == []


def test_baseline_records_without_alerting_and_later_crawls_alert(db):
    _article(db, 1, "https://m/1")
    assert record_analysis(db, facts(1, "https://m/1"), analysis("甲产业集群"), "t1", baseline=True) == []
    assert db["cluster_lists"].get(1)["alerted"] == 0 and db["clusters"].count == 1
    _article(db, 2, "https://m/2")
    assert [a["kind"] for a in record_analysis(db, facts(2, "https://m/2"), analysis("己产业集群"), "t2",
                                               baseline=False)] == ["new_cluster_list"]


@pytest.mark.parametrize("published, first, window, expected", [
    ("2026-01-01", True, 30, True), ("2026-11-20", True, 30, False), ("2026-01-01", False, 30, False),
    ("2026-01-01", True, None, False), (None, True, 30, False), ("2026-01-01T10:00:00+08:00", True, 30, True),
])
def test_in_baseline(published, first, window, expected):
    assert in_baseline(published, first, window, datetime(2026, 11, 24, tzinfo=timezone.utc)) is expected


def test_a_changed_page_that_only_reported_on_a_list_still_reports_its_diff(db):
    _article(db, 1, "https://province/1")
    _article(db, 2, "https://m/2")
    record_analysis(db, facts(1, "https://province/1"), analysis("甲产业集群", "乙产业集群"), "t1", baseline=False)
    record_analysis(db, facts(2, "https://m/2"), analysis("甲产业集群", "乙产业集群"), "t2", baseline=False)
    alerts = record_analysis(db, facts(2, "https://m/2", "updated"), analysis("甲产业集群", "庚产业集群"), "t3",
                             baseline=False, previous=analysis("甲产业集群", "乙产业集群"))
    assert [(a["kind"], a["diff"]) for a in alerts] == [("updated_cluster_list",
                                                         {"added": ["庚产业集群"], "removed": ["乙产业集群"]})]
    assert json.loads(db["cluster_lists"].get(1)["items"]) == ["甲产业集群", "庚产业集群"]
