"""The change detector on 190 labelled texts (tests/data/cluster_texts_*.jsonl and the fixture
web's articles): announcements
must be found, per language, with precision and recall of at least 0.95; calls and other texts
stay above pinned floors; most cluster names are extracted."""

import pytest

from bench.eval_clusters import evaluate, load_texts

RESULT = evaluate()
LANGUAGES = sorted({row["lang"] for row in load_texts()})


def test_the_labelled_set_is_large_enough():
    assert len(load_texts()) >= 150
    assert set(LANGUAGES) >= {"zh", "ko", "ru", "en"}


@pytest.mark.parametrize("lang", LANGUAGES)
def test_announcements_found_in_every_language(lang):
    score = RESULT["labels"][(lang, "announcement")]
    assert score["precision"] >= 0.95 and score["recall"] >= 0.95, score


@pytest.mark.parametrize("label", ["call", "other"])
def test_calls_and_other_texts_overall(label):
    score = RESULT["labels"][("all", label)]
    assert score["precision"] >= 0.93 and score["recall"] >= 0.93, score


def test_cluster_names_are_extracted():
    names = RESULT["names"]["all"]
    assert names["recall"] >= 0.85 and names["precision"] >= 0.85, names
