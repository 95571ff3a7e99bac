"""Is this text a cluster announcement, a call, or something else — and which clusters does it name?

``analyse_clusters`` is a pure function of the title, the main text (tables arrive as
``| cell | cell |`` lines) and the language. The vocabulary lives in ``data/clusters.toml``;
the rules here are deliberately few and readable:

* no cluster term anywhere → ``other``;
* a report on clusters that already exist (progress, funding paid out: ``report`` phrases in the
  title) → ``other``;
* a call phrase in the title (or the opening) and no published names → ``call``;
* cluster names found and an announcement phrase in the title or opening → ``announcement``;
  an announcement phrase in the title with an announced count also suffices (a news report that
  gives "100个集群" and two examples);
* everything else → ``other`` (overviews, statistics, events, lists of other things).

Names come from table cells, list lines and enumerations in sentences, per script.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import asdict, dataclass, field
from functools import lru_cache
from pathlib import Path

LEXICON_FILE = Path(__file__).resolve().parents[2] / "data" / "clusters.toml"
OPENING = 600

ANNOUNCEMENT, CALL, OTHER = "announcement", "call", "other"


@dataclass(frozen=True)
class Lexicon:
    cluster_terms: tuple[str, ...]
    announce: tuple[str, ...]
    call: tuple[str, ...]
    call_title: tuple[str, ...]
    result: tuple[str, ...]
    neutral: tuple[str, ...]
    report: tuple[str, ...]
    issuers: tuple[str, ...]


@lru_cache(maxsize=1)
def lexicons(path: Path = LEXICON_FILE) -> dict[str, Lexicon]:
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    keys = ("cluster_terms", "announce", "call", "call_title", "result", "neutral", "report", "issuers")
    return {lang: Lexicon(*(tuple(entry.get(k, ())) for k in keys)) for lang, entry in data.items()}


@dataclass
class ClusterAnalysis:
    label: str = OTHER
    clusters: list[str] = field(default_factory=list)
    count: int | None = None
    year: int | None = None
    issuer: str | None = None

    def as_dict(self) -> dict:
        return asdict(self)


def _has(text: str, phrases) -> bool:
    low = text.casefold()
    return any(p.casefold() in low for p in phrases)


# -- names ----------------------------------------------------------------------------------------

_NUMBERING = re.compile(r"^\s*(?:[-•·*▪●○]|\(?\d{1,3}[.)、．]|[①-⑳]|[一二三四五六七八九十]+、)\s*")
_ZH_SPLIT = re.compile(r"[、，,。；;：:\n|（）()《》“”\"‘’]|等|和|及|与|以及|入选|入選|获评|被认定为|认定为|列入|纳入|成功")
_ZH_LEAD = re.compile(r"^(?:递补|增补|更正为|调整为|替换为|改为|我省|我市|我区|本省|本市|全省|其中|包括|分别是|分别为|例如|如|以及|现将|将|为|是|有|入选的|入选|获评|被认定为|认定|确定|公布|共有|本次|此次|该|其)+")
_ZH_GENERIC = re.compile(r"\d|年度|名单|名單|中小企业特色|先进制造业|国家级|省级|特色产业集群$|^产业集群|^集群|重点|培育")
_KO_NAME = re.compile(r"((?:[가-힣A-Za-z0-9·&]+\s){0,3}[가-힣A-Za-z0-9·&]*(?:미니클러스터|혁신클러스터|클러스터|특화단지|강소특구))")
# a word that ends like a particle or a verb form belongs to the sentence, not to the name
_KO_SENTENCE_WORD = re.compile(r"(?:을|를|은|는|이|가|에|의|로|으로|와|과|도|만|해|된|한|하여|하고|하는|며|서|고|던|인)$")
_KO_GENERIC = {"선정", "지정", "중소기업", "특색산업", "지난", "그동안", "특히", "부처", "지원", "대상", "한국", "산업단지", "정부", "국내", "관련", "해외",
               "우리", "주요", "기존의", "다른", "이러한", "해당", "추가", "신규로", "향후", "현재", "기타", "신규", "올해", "이번", "각", "전국", "지역", "모든", "총", "개의", "곳의", "미니", "혁신", "산업",
               "국가", "소부장", "기존", "올해의", "이들", "전체", "새", "새로운", "우수"}
# "Смоленский станкостроительный кластер", "Пензенский кластер приборостроения «Сура-Прибор»",
# "Кластер деревянного домостроения «Кубена»": capitalised adjectives, "кластер", words in the
# genitive (not a verb such as "включён"), an optional «brand»
_RU_TAIL = (r"(?:[ \t]+[а-яё-]{2,}(?:ого|его|ой|ей|их|ых|ия|ии|ики|ки|ов|ий|ем|ы|и|я|а|ства|ения)(?![а-яё-]))*"
            r"(?:[ \t]+«[^«»\n]{2,60}»)?")
_RU_NAME = re.compile(r"((?:[А-ЯЁ][А-ЯЁа-яё-]+(?:ский|ской|ская|цкий|ный|ной|ий|ый)"
                      r"(?:[ \t]+[а-яё-]+(?:ский|ской|ская|цкий|ный|ной|ий|ый|ого|его))*[ \t]+кластер"
                      r"|Кластер)" + _RU_TAIL + ")")
_RU_BRANDED = re.compile(r"(кластер[ \t]+«[^«»\n]{2,60}»)")
_EN_NAME = re.compile(r"((?:[A-Z][\w&'’-]*[ \t]+(?:(?:of|and|for|the|&|de)[ \t]+)?){1,7}(?:Cluster|Tech Hub|Innovation Hub))\b")
_EN_GENERIC = re.compile(r"^(?:The\s+)?(?:Regional\s+Innovation|Cluster\s+Growth|European|National|Tech|Innovation|New|Our|Each|Every|These|Those|This)\b.*(?:Cluster|Hub)$")


_ZH_NAME_END = re.compile(r"([\u4e00-\u9fffA-Za-z]{3,30}?(?:产业集群|產業集群|產業聚落|集群))$")
_KO_TERMS = ("클러스터", "특화단지", "강소특구")


def _zh_names(text: str) -> list[str]:
    names = []
    for part in _ZH_SPLIT.split(text):
        part = part.strip()
        if not part.endswith(("集群", "聚落")):   # what the name pattern ends with; the subs cut only heads
            continue
        part = _ZH_LEAD.sub("", _NUMBERING.sub("", part))
        m = _ZH_NAME_END.search(part)
        if not m:
            continue
        name = m.group(1)
        term_at = max(name.rfind("集群"), name.rfind("聚落"))
        if term_at < 4 or _ZH_GENERIC.search(name):
            continue
        names.append(name)
    return names


def _ko_names(text: str) -> list[str]:
    names = []
    for line in text.split("\n"):
        if not any(term in line for term in _KO_TERMS):   # every name ends with one of them
            continue
        line = _NUMBERING.sub("", line.strip())
        for part in re.split(r"[,，、|()·]|\s및\s|\s등\s|와\s|과\s", line):
            for m in _KO_NAME.finditer(part.strip()):
                words = m.group(1).split()
                cut = max((i + 1 for i, w in enumerate(words[:-1]) if _KO_SENTENCE_WORD.search(w)), default=0)
                words = words[cut:]
                while words and (words[0] in _KO_GENERIC or re.fullmatch(r"\d+\S*", words[0])):
                    words = words[1:]
                if any(w in _KO_GENERIC or len(w) == 1 for w in words[:-1]):
                    continue
                name = " ".join(words)
                if len(words) >= 2 or (len(words) == 1 and len(name) > len("미니클러스터") + 1):
                    names.append(name)
    return names


def _ru_names(text: str) -> list[str]:
    names = []
    for m in _RU_NAME.finditer(text):
        name = m.group(1).strip()
        if name == "Кластер" or name.split()[0].lower() in ("промышленный", "региональный", "новый", "данный",
                                                            "каждый", "этот", "такой", "территориальный"):
            continue
        names.append(name)
    names += [m.group(1) for m in _RU_BRANDED.finditer(text) if not any(m.group(1)[8:] in n for n in names)]
    return names


def _en_names(text: str) -> list[str]:
    names = []
    for m in _EN_NAME.finditer(text):
        name = re.sub(r"^(?:The|A|An|And|As|In|For|With)\s+", "", m.group(1).strip())
        if len(name.split()) >= 2 and not _EN_GENERIC.match(name):
            names.append(name)
    return names


_EXTRACTORS = {"zh": _zh_names, "ja": _zh_names, "ko": _ko_names, "ru": _ru_names, "uk": _ru_names,
               "en": _en_names}


def extract_names(text: str, language: str | None) -> list[str]:
    """Cluster names in order of first appearance, without repeats."""
    extractor = _EXTRACTORS.get(language or "", _en_names)
    seen, out = set(), []
    for name in extractor(text):
        key = normalise_name(name)
        if key and key not in seen:
            seen.add(key)
            out.append(name)
    return out


_NAME_DROP = re.compile(r"[\W_]+")


@lru_cache(maxsize=32768)
def normalise_name(name: str) -> str:
    """The stable key of a cluster name: case, spacing, quotes and punctuation folded. Cached: the
    writer compares each announcement's names with whole known lists."""
    return _NAME_DROP.sub("", name.casefold())


# -- count, year, issuer ------------------------------------------------------------------------------

_WORD_NUMBERS = {
    "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
    "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20,
    "два": 2, "две": 2, "двух": 2, "три": 3, "трёх": 3, "трех": 3, "четыре": 4, "четырёх": 4, "пять": 5,
    "шесть": 6, "семь": 7, "восемь": 8, "девять": 9, "десять": 10,
    "두": 2, "세": 3, "네": 4, "다섯": 5, "여섯": 6, "일곱": 7, "여덟": 8, "아홉": 9, "열": 10,
}
_COUNT = {
    "zh": re.compile(r"(\d{1,4})\s*个(?:[\u4e00-\u9fff]{0,12}?(?:集群|聚落))"),
    "ko": re.compile(r"(?:(?:클러스터|특화단지|특구)\s*(\d{1,4}|두|세|네|다섯|여섯|일곱|여덟|아홉|열)\s*(?:개|곳))"
                     r"|(?:(\d{1,4}|두|세|네|다섯|여섯|일곱|여덟|아홉|열)\s*(?:개|곳)(?:의)?\s*(?:[가-힣]+\s)?"
                     r"(?:[가-힣]*클러스터|특화단지|특구))"),
    "ru": re.compile(r"(\d{1,4}|двух|два|две|трёх|трех|три|четырёх|четыре|пять|шесть|семь|восемь|девять|десять)"
                     r"\s+(?:[а-яё]+\s+){0,2}кластер", re.I),
    "en": re.compile(r"\b(\d{1,4}|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty)"
                     r"\s+(?:[\w-]+\s+){0,3}(?:clusters|tech hubs|hubs|areas)\b", re.I),
}
_YEAR = re.compile(r"(?<!\d)(20[0-4]\d|199\d)(?!\d)")


def _count(text: str, language: str | None) -> int | None:
    pattern = _COUNT.get(language or "", _COUNT["en"])
    m = pattern.search(text)
    if not m:
        return None
    raw = next(g for g in m.groups() if g).lower()
    return int(raw) if raw.isdigit() else _WORD_NUMBERS.get(raw)


# -- the decision ---------------------------------------------------------------------------------------

def _without(text: str, phrases) -> str:
    for phrase in phrases:
        text = re.sub(re.escape(phrase), " ", text, flags=re.I)
    return text


def analyse_clusters(title: str | None, text: str | None, language: str | None) -> ClusterAnalysis:
    lex = lexicons().get(language or "", lexicons()["en"])
    title, text = _without(title or "", lex.neutral), _without(text or "", lex.neutral)
    everything = f"{title}\n{text}"
    if not _has(everything, lex.cluster_terms):
        return ClusterAnalysis()
    opening = f"{title}\n{text[:OPENING]}"
    names = extract_names(everything, language)
    count = _count(everything, language)
    about_clusters = _has(title, lex.cluster_terms)
    announces_title, announces_opening = _has(title, lex.announce), _has(opening, lex.announce)
    calls_title = _has(title, lex.call) or _has(title, lex.call_title)
    calls_opening = _has(f"{title}\n{text[:300]}", lex.call)
    year_match = _YEAR.search(title) or _YEAR.search(text[:OPENING])
    issuer = next((i for i in lex.issuers if i.casefold() in everything.casefold()), None)
    year = int(year_match.group(1)) if year_match else None
    if calls_title and not _has(_without(title, lex.call), lex.result):
        return ClusterAnalysis(CALL, year=year, issuer=issuer)
    if _has(title, lex.report):
        return ClusterAnalysis()
    if names and (announces_title or announces_opening) and (about_clusters or len(names) >= 3):
        return ClusterAnalysis(ANNOUNCEMENT, names, count or len(names), year, issuer)
    if announces_title and count and about_clusters:
        return ClusterAnalysis(ANNOUNCEMENT, names, count, year, issuer)
    if calls_opening and not names and about_clusters:
        return ClusterAnalysis(CALL, year=year, issuer=issuer)
    return ClusterAnalysis()
