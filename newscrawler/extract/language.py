"""Language of an article: langdetect, seeded so the same text always gives the same answer.

Detection runs on a bounded sample of the main text (the head of the body), because its cost
grows with the input and a few hundred characters decide the language. For texts too short
to trust, the page's own ``lang`` attribute or the site's hint wins.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

SAMPLE_CHARS = 600
MIN_RELIABLE_CHARS = 60


# codes that name one language differently: Norwegian Bokmål/Nynorsk, Filipino/Tagalog, Hebrew's old code
_SAME_LANGUAGE = {"nb": "no", "nn": "no", "fil": "tl", "iw": "he", "in": "id"}


@dataclass(frozen=True)
class Language:
    code: str | None
    confidence: float
    method: str       # detected, html_lang, site_hint, none


def iso639_1(code: str | None) -> str | None:
    """'zh-cn' / 'zh-TW' / 'zh_Hans' -> 'zh'; 'en-GB' -> 'en'; 'nb' -> 'no'."""
    if not code:
        return None
    base = code.strip().replace("_", "-").split("-")[0].lower()
    base = _SAME_LANGUAGE.get(base, base)
    return base if 2 <= len(base) <= 3 and base.isalpha() else None


def load_profiles():
    """The langdetect factory with its language profiles loaded, seeded for repeatable results."""
    from langdetect import DetectorFactory, detector_factory

    DetectorFactory.seed = 0
    detector_factory.init_factory()
    return detector_factory._factory


@lru_cache(maxsize=1)
def detectable() -> frozenset[str]:
    """ISO 639-1 codes langdetect has profiles for (55 languages)."""
    return frozenset(iso639_1(lang) for lang in load_profiles().get_lang_list())


_HANGUL = re.compile(r"[\uac00-\ud7af\u1100-\u11ff\u3130-\u318f]")
_KANA = re.compile(r"[\u3040-\u30ff]")
_HAN = re.compile(r"[\u4e00-\u9fff\u3400-\u4dbf]")


def plausible_best(candidates, sample: str) -> tuple[str, float]:
    """langdetect's answer, made consistent with the script: its Korean profile holds Chinese
    characters, so a text of Han characters alone can come out as Korean (0.57 against 0.43 for
    Chinese, measured). Korean text is written in Hangul and Japanese has kana, so a text
    without them is neither; variants of one language (zh-cn, zh-tw) are summed."""
    by_code: dict[str, float] = {}
    for candidate in candidates:
        code = iso639_1(candidate.lang)
        if code:
            by_code[code] = by_code.get(code, 0.0) + candidate.prob
    if "ko" in by_code and not _HANGUL.search(sample):
        del by_code["ko"]
    if "ja" in by_code and not _KANA.search(sample):
        del by_code["ja"]
    if not by_code:
        if _HAN.search(sample):
            return "zh", 0.5
        raise IndexError("no plausible language")
    total = sum(by_code.values())
    code = max(by_code, key=by_code.get)
    return code, by_code[code] / total


def detect_language(text: str, html_lang: str | None = None, site_hint: str | None = None) -> Language:
    """The text's language. A page that declares a language langdetect cannot name (Icelandic,
    Zulu …) keeps its declaration: the detector would only answer with a neighbour."""
    prior = iso639_1(html_lang) or iso639_1(site_hint)
    if prior and prior not in detectable():
        return Language(prior, 0.5, "html_lang" if iso639_1(html_lang) else "site_hint")
    sample = (text or "")[:SAMPLE_CHARS]
    letters = sum(ch.isalpha() for ch in sample)
    if letters >= MIN_RELIABLE_CHARS or (letters >= 10 and prior is None):
        from langdetect.lang_detect_exception import LangDetectException

        try:
            detector = load_profiles().create()
            detector.append(sample)
            code, probability = plausible_best(detector.get_probabilities(), sample)
            return Language(code, round(probability, 3), "detected")
        except (LangDetectException, IndexError):
            pass
    if iso639_1(html_lang):
        return Language(iso639_1(html_lang), 0.5, "html_lang")
    if iso639_1(site_hint):
        return Language(iso639_1(site_hint), 0.5, "site_hint")
    return Language(None, 0.0, "none")
