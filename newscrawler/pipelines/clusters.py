"""Per-page: is the article a cluster announcement, a call, or other — and which clusters does it
name (detect/analysis.py). What is *new* is decided by the writer, against the database
(detect/changes.py, called by the store in the article's own transaction)."""

from __future__ import annotations

from newscrawler.detect.analysis import analyse_clusters
from newscrawler.items import Article


class ClusterAnalysisPipeline:
    def __init__(self, stats):
        self.stats = stats

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler.stats)

    def process_item(self, item):
        if not isinstance(item, Article):
            return item
        item.cluster = analyse_clusters(item.title, item.text, item.language).as_dict()
        self.stats.inc_value(f"newscrawler/source/{item.source}/cluster_{item.cluster['label']}")
        return item
