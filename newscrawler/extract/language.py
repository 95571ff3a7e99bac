"""Language of an article: langdetect, seeded so the same text always gives the same answer.

Detection runs on a bounded sample of the main text (the head of the body), because its cost
grows with the input and a few hundred characters decide the language. For texts too short
to trust, the page's own ``lang`` attribute or the site's hint wins.
"""

from __future__ import annotations

import json
import os
import re
from array import array
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

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


@lru_cache(maxsize=1)
def load_profiles() -> Profiles:
    """langdetect's language profiles, loaded once (~0.2 s), kept compact (see ``Profiles``)."""
    return Profiles()


class Profiles:
    """langdetect's profiles — for each of 87,598 n-grams, its probability in each of 55
    languages — held as one float64 matrix (39 MB) and a dict from n-gram to row, instead of
    langdetect's list of Python floats per n-gram (63 MB). Besides being smaller, the matrix is
    only read: worker processes share it with the crawl process they were forked from, whereas
    reading langdetect's lists changes their reference counts and so copies the memory pages
    they sit on into each worker (measured: 12 MB a worker after 800 pages). Detection is
    unchanged, probability for probability (tests/unit/test_language.py compares with langdetect's
    own detector); the detector is seeded, so the same text always gives the same answer."""

    def __init__(self):
        from langdetect.detector_factory import PROFILES_DIRECTORY

        # read as langdetect's DetectorFactory.load_profile reads them (same files, same order, the
        # same probability per n-gram), one language at a time, straight into the matrix
        names = os.listdir(PROFILES_DIRECTORY)
        self.langlist: list[str] = []
        self.seed = 0
        self.word_lang_prob_map: dict[str, int] = {}
        columns = []
        for name in names:
            path = os.path.join(PROFILES_DIRECTORY, name)
            if name.startswith(".") or not os.path.isfile(path):
                continue
            with open(path, encoding="utf-8") as f:
                profile = json.load(f)
            self.langlist.append(profile["name"])
            rows, probs = array("q"), array("d")
            for word, count in profile["freq"].items():
                row = self.word_lang_prob_map.setdefault(word, len(self.word_lang_prob_map))
                if 1 <= len(word) <= 3:
                    rows.append(row)
                    probs.append(1.0 * count / profile["n_words"][len(word) - 1])
            columns.append((rows, probs))
        self.matrix = np.zeros((len(self.word_lang_prob_map), len(names)), dtype=np.float64)
        for index, (rows, probs) in enumerate(columns):
            self.matrix[np.frombuffer(rows, dtype=np.int64), index] = np.frombuffer(probs, dtype=np.float64)

    def get_lang_list(self) -> list[str]:
        return list(self.langlist)

    def create(self):
        return _detector_class()(self)


@lru_cache(maxsize=1)
def _detector_class():
    from langdetect.detector import Detector

    class MatrixDetector(Detector):
        """langdetect's detector reading an n-gram's probabilities from ``Profiles.matrix``."""

        def __init__(self, profiles: Profiles):
            super().__init__(profiles)
            self.matrix = profiles.matrix

        def _update_lang_prob(self, prob, word, alpha):
            row = self.word_lang_prob_map.get(word)
            if row is None:
                return False
            weight = alpha / self.BASE_FREQ
            values = self.matrix[row].tolist()
            for i in range(len(prob)):   # the same float operations as langdetect's
                prob[i] *= weight + values[i]
            return True

    return MatrixDetector


@lru_cache(maxsize=1)
def detectable() -> frozenset[str]:
    """ISO 639-1 codes langdetect has profiles for (55 languages)."""
    return frozenset(iso639_1(lang) for lang in load_profiles().get_lang_list())


_HANGUL = re.compile(r"[\uac00-\ud7af\u1100-\u11ff\u3130-\u318f]")
_KANA = re.compile(r"[\u3040-\u30ff]")
_HAN = re.compile(r"[\u4e00-\u9fff\u3400-\u4dbf]")


def plausible_best(candidates, sample: str) -> tuple[str, float] | None:
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
        return ("zh", 0.5) if _HAN.search(sample) else None
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
            best = plausible_best(detector.get_probabilities(), sample)
        except LangDetectException:
            best = None
        if best is not None:
            return Language(best[0], round(best[1], 3), "detected")
    if iso639_1(html_lang):
        return Language(iso639_1(html_lang), 0.5, "html_lang")
    if iso639_1(site_hint):
        return Language(iso639_1(site_hint), 0.5, "site_hint")
    return Language(None, 0.0, "none")
