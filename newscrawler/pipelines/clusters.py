"""Per-page: is the article a cluster announcement, a call, or other — and which clusters does it
name (detect/analysis.py), in a worker process (~4 ms of CPU an article). What is *new* is
decided by the writer, against the database (detect/changes.py, called by the store in the
article's own transaction)."""

from __future__ import annotations

from newscrawler.detect.analysis import analyse_clusters
from newscrawler.items import Article
from newscrawler.workers import page_workers


def cluster_analysis(title: str | None, text: str | None, language: str | None) -> dict:
    return analyse_clusters(title, text, language).as_dict()


class ClusterAnalysisPipeline:
    def __init__(self, stats, workers):
        self.stats = stats
        self.workers = workers

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler.stats, page_workers(crawler))

    async def process_item(self, item):
        if not isinstance(item, Article):
            return item
        item.cluster = await self.workers.run(cluster_analysis, item.title, item.text, item.language)
        self.stats.inc_value(f"newscrawler/source/{item.source}/cluster_{item.cluster['label']}")
        return item
