"""Near-duplicate detection on the labelled pairs (tests/data/dedup_pairs_*.jsonl), through the
real index: copies and texts about the same official document are found, rewrites and other
news on the same topic are not. Floors pinned just below the measured figures."""

from bench.eval_dedup import evaluate, load_pairs


def test_labelled_pairs_precision_and_recall():
    assert len(load_pairs()) >= 96
    result = evaluate()
    assert result["precision"] >= 0.97, result
    assert result["recall"] >= 0.97, result
