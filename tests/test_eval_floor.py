"""Pinned quality floors on saved real pages (bench/eval_extraction.py): a change that makes
titles, dates, languages or article detection worse on real pages fails here.
Skipped where ../shared/eval is absent."""

from __future__ import annotations

import pytest

from bench.eval_extraction import FUNDUS, evaluate_date_strings, evaluate_pages

pytestmark = pytest.mark.skipif(not FUNDUS.exists(), reason="../shared/eval is not beside the checkout")

# measured 2026-11-24: title 0.825, date 1.000 (htmldate 0.983), language 0.959, article 0.989,
# main-text token F1 0.934, date strings 0.935; floors sit just below
PAGE_FLOORS = {"title_accuracy": 0.80, "date_accuracy": 0.98, "language_accuracy": 0.94, "article_recall": 0.98,
               "text_token_f1": 0.92}


@pytest.fixture(scope="module")
def page_figures():
    return evaluate_pages()


@pytest.mark.parametrize("name", sorted(PAGE_FLOORS))
def test_real_pages_stay_above_floor(page_figures, name):
    assert page_figures[name] >= PAGE_FLOORS[name], page_figures


def test_dateparser_strings_stay_above_floor():
    figures = evaluate_date_strings()
    assert figures["date_string_accuracy"] >= 0.92, figures
