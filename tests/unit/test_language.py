"""language.detect_language and iso639_1."""

import numpy as np
import pytest
from hypothesis import given, settings, strategies as st

from newscrawler.extract.language import Language, detect_language, iso639_1

TEXTS = {
    "ru": "Министерство промышленности и торговли Российской Федерации сообщает о запуске новой программы "
          "поддержки региональных промышленных кластеров.",
    "zh": "工业和信息化部发布通知，要求各地加快推进先进制造业集群发展，培育一批具有国际竞争力的产业集群，推动制造业高质量发展。",
    "ko": "한국산업단지공단은 올해 산업단지 경쟁력 강화 사업을 통해 지역 혁신 클러스터를 육성하고 중소기업의 성장을 지원한다고 밝혔다.",
    "en": "The Department for Business and Trade announced today a new programme to support regional "
          "industrial clusters across the country.",
    "de": "Das Bundesministerium für Wirtschaft und Klimaschutz hat heute ein neues Programm zur Förderung "
          "regionaler Industriecluster vorgestellt.",
}


@pytest.mark.parametrize("code", sorted(TEXTS))
def test_detects_language(code):
    result = detect_language(TEXTS[code])
    assert (result.code, result.method) == (code, "detected") and result.confidence > 0.5


@pytest.mark.parametrize("code", sorted(TEXTS))
def test_detection_is_deterministic(code):
    assert detect_language(TEXTS[code]) == detect_language(TEXTS[code])


def test_detected_text_beats_html_lang():
    assert detect_language(TEXTS["ru"], html_lang="en").code == "ru"


def test_chinese_region_code_becomes_zh():
    assert detect_language(TEXTS["zh"]).code == "zh"
    assert detect_language("短文", html_lang="zh-CN") == Language("zh", 0.5, "html_lang")


def test_short_text_uses_html_lang_before_site_hint():
    assert detect_language("Short", html_lang="ru", site_hint="ko") == Language("ru", 0.5, "html_lang")


def test_short_text_falls_back_to_site_hint():
    assert detect_language("Short", site_hint="ko") == Language("ko", 0.5, "site_hint")


def test_empty_text_without_hints():
    assert detect_language("") == Language(None, 0.0, "none")


def test_no_letters_without_hints():
    assert detect_language("12345 67890").code is None


@pytest.mark.parametrize("code, expected", [
    ("zh-cn", "zh"), ("zh-TW", "zh"), ("zh_Hans", "zh"), ("en-GB", "en"), ("RU", "ru"),
    ("x", None), ("", None), (None, None), ("english", None), ("12", None),
])
def test_iso639_1(code, expected):
    assert iso639_1(code) == expected


def test_korean_body_with_chinese_names_is_korean():
    text = ("공업정보화부(工业和信息化部)는 24일 北京市顺义区智能装备产业集群와 上海市闵行区集成电路产业集群 등 "
            "100개 중소기업 특색산업 클러스터 명단을 발표했다. 공업정보화부는 올해 클러스터 육성 사업을 계속 추진하고 "
            "지방 정부와 함께 디지털 전환과 녹색 발전을 지원할 계획이라고 밝혔다.")
    assert detect_language(text, html_lang="ko").code == "ko"
    assert detect_language(text).code == "ko"


def test_declared_language_langdetect_cannot_name_is_kept():
    icelandic = "Ríkisstjórnin kynnti í dag nýja áætlun um stuðning við iðnaðarklasa á landsbyggðinni. " * 3
    assert detect_language(icelandic, html_lang="is").code == "is"


@pytest.mark.parametrize("code, expected", [("nb-NO", "no"), ("nn", "no"), ("fil", "tl"), ("iw", "he")])
def test_alias_codes_name_one_language(code, expected):
    assert iso639_1(code) == expected


# Chinese that langdetect, on its own, calls Korean (ko 0.57, zh-cn 0.43 on these 600 characters):
# its Korean profile holds Chinese characters. Without Hangul a text is not Korean.
HAN_ONLY = ("我们目标计划今年项目优化数字化转型他们他们。优化地方经济地区重点地区改革总额提升提升提出能源数字化转型要求。"
            "目前市场数字化转型认定本地签约我们提升介绍他们。地方经济召开发展今年举行今年今年我们今年。"
            "我们日前记者项目他们记者亿元他们增长我们推动他们高质量他们。我们记者推动我们文化日前我们我们我们优化目前。\n"
            "重要有关方案落实我们去年近日培育加强推动去年服务质量他们要求。落实建设举行记者推进有关今年指出提出工业和信息化部"
            "重要我们同时高质量项目全国交通组织日前公司。认为工业和信息化部制造业数字化转型地方经济计划近日目标我们预算服务平台"
            "我们名单今年我们今年今年目前。目前中小企业我们能源我们我们去年我们建") * 2


def _langdetect_alone(text: str):
    """langdetect's own factory and detector, seeded as ours is."""
    from langdetect import DetectorFactory, detector_factory
    from langdetect.lang_detect_exception import LangDetectException

    DetectorFactory.seed = 0
    detector_factory.init_factory()
    detector = detector_factory._factory.create()
    detector.append(text)
    try:
        return [(c.lang, c.prob) for c in detector.get_probabilities()]
    except LangDetectException as exc:
        return str(exc)


def _ours(text: str):
    from langdetect.lang_detect_exception import LangDetectException

    from newscrawler.extract.language import load_profiles

    detector = load_profiles().create()
    detector.append(text)
    try:
        return [(c.lang, c.prob) for c in detector.get_probabilities()]
    except LangDetectException as exc:
        return str(exc)


def test_chinese_without_hangul_is_never_korean():
    assert _langdetect_alone(HAN_ONLY[:600])[0][0] == "ko"
    result = detect_language(HAN_ONLY, site_hint="ko")
    assert (result.code, result.method) == ("zh", "detected") and result.confidence == 1.0


class _Candidate:
    def __init__(self, lang, prob):
        self.lang, self.prob = lang, prob


def test_variants_of_one_language_are_summed():
    from newscrawler.extract.language import plausible_best

    code, probability = plausible_best([_Candidate("ko", 0.4), _Candidate("zh-cn", 0.35), _Candidate("zh-tw", 0.25)],
                                       "中文 한국어")
    assert (code, probability) == ("zh", pytest.approx(0.6))


def test_japanese_needs_kana():
    from newscrawler.extract.language import plausible_best

    assert plausible_best([_Candidate("ja", 0.9), _Candidate("zh-tw", 0.1)], "東京都知事選挙")[0] == "zh"
    assert plausible_best([_Candidate("ja", 0.9), _Candidate("zh-tw", 0.1)], "東京都の知事選挙")[0] == "ja"


@pytest.mark.parametrize("text", [*TEXTS.values(), HAN_ONLY[:600], "x", "2024-05-01 12:00", "Ünïcödé ßtraße"])
def test_compact_profiles_give_langdetects_probabilities_exactly(text):
    assert _ours(text) == _langdetect_alone(text)


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet="abcdefghijklmnopqrstuvwxyz äöüéèçñ абвгдежзиклмнопрстуфхцчшыэюя 的一是不了人我在有他这中 "
                        "이가은는을를에서의 ひらがなカタカナ", min_size=1, max_size=300))
def test_compact_profiles_give_langdetects_probabilities_on_any_text(text):
    assert _ours(text) == _langdetect_alone(text)


def test_compact_profiles_hold_every_ngram_and_language():
    from langdetect import DetectorFactory, detector_factory

    from newscrawler.extract.language import load_profiles

    DetectorFactory.seed = 0
    detector_factory.init_factory()
    stock, ours = detector_factory._factory, load_profiles()
    assert ours.langlist == stock.langlist and len(ours.word_lang_prob_map) == len(stock.word_lang_prob_map) == 87598
    rows = [ours.word_lang_prob_map[word] for word in stock.word_lang_prob_map]
    assert (ours.matrix[rows] == np.array(list(stock.word_lang_prob_map.values()))).all()
