"""runs.CrawlRunRecorder: every article page accounted for (stored or dropped with a reason)."""

import json

from scrapy import signals
from scrapy.exceptions import DropItem
from scrapy.utils.test import get_crawler
from twisted.python.failure import Failure

from newscrawler.db import open_db
from newscrawler.items import Article
from newscrawler.runs import CrawlRunRecorder, per_source_counts


def _article(source="s1"):
    return Article(url="http://a.example/1", fetched_url="http://a.example/1", source=source, encoding="utf-8",
                   fetched_at="2025-01-01T00:00:00+00:00")


def test_stored_dropped_and_failed_articles_are_counted(tmp_path):
    crawler = get_crawler(settings_dict={"NEWSCRAWLER_DB": str(tmp_path / "n.db"), "NEWSCRAWLER_RUN_ID": "r1"})
    recorder = CrawlRunRecorder.from_crawler(crawler)
    crawler.stats.open_spider()
    stats = crawler.stats
    stats.inc_value("newscrawler/source/s1/articles_fetched", 4)
    stats.inc_value("newscrawler/source/s1/dropped/empty_text")   # the spider's own drop
    crawler.signals.send_catch_log(signals.item_scraped, item=_article(), response=None, spider=None)
    crawler.signals.send_catch_log(signals.item_dropped, item=_article(), response=None,
                                   exception=DropItem("too old"), spider=None)
    try:
        raise RuntimeError("database is locked")
    except RuntimeError:
        failure = Failure()
    crawler.signals.send_catch_log(signals.item_error, item=_article(), response=None, spider=None, failure=failure)
    counts = per_source_counts(stats.get_stats())["s1"]
    assert counts["articles_stored"] == 1
    assert counts["drops"] == {"empty_text": 1, "dropped_by_pipeline": 1, "pipeline_error": 1}
    assert counts["articles_fetched"] == counts["articles_stored"] + sum(counts["drops"].values())

    class Spider:
        sites = {"s1": None}
    recorder.spider_opened(Spider())
    recorder.spider_closed(Spider(), "finished")
    row = next(open_db(tmp_path / "n.db").query("SELECT * FROM crawl_runs"))
    assert (row["articles_fetched"], row["articles_stored"], row["articles_dropped"]) == (4, 1, 3)
    assert json.loads(row["drops"]) == {"dropped_by_pipeline": 1, "empty_text": 1, "pipeline_error": 1}
