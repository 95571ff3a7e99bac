"""Worker processes for the crawl's per-page CPU work.

Scrapy runs spider callbacks and item pipelines in one thread, so a crawl that reads and analyses
every page it fetches is bound to one core: measured, ~45 ms of CPU per article against ~8 ms to
fetch it and follow its links. The per-page work — reading a page (extract/reading.py), language,
dedup keys, cluster analysis — is pure: plain data in, plain data out, no database. So it runs in
a pool of ``NEWSCRAWLER_WORKERS`` processes while the crawl's thread fetches, schedules and writes.

``NEWSCRAWLER_WORKERS``: ``auto`` (one per CPU core, none on a one-core machine), a number, or 0 to
do everything in the crawl process (the least memory; also what tests of single pages use).
An extension, so the spider and the per-page pipelines share one pool:
``crawler.get_extension(PageWorkers)``.
"""

from __future__ import annotations

import asyncio
import ctypes
import gc
import logging
import multiprocessing
import os
import signal
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool

from scrapy import signals

logger = logging.getLogger(__name__)
PR_SET_PDEATHSIG = 1   # linux/prctl.h


class WorkerLost(RuntimeError):
    """A worker process died (killed, out of memory) while it held this call; the pool is restarted."""


def worker_count(value) -> int:
    if value is None or str(value).strip().lower() == "auto":
        cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
        return cores if cores > 1 else 0
    count = int(value)
    if count < 0:
        raise ValueError(f"NEWSCRAWLER_WORKERS must be 0 or more, or 'auto', not {value!r}")
    return count


def _exit_with_parent(parent: int) -> None:
    """A crawl process killed outright (SIGKILL, out of memory) must not leave its workers behind:
    Linux ends them with it (PR_SET_PDEATHSIG)."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    except (OSError, AttributeError):   # not Linux: the pool's own checks end idle workers
        return
    if os.getppid() != parent:   # the parent died before the request took effect
        os._exit(0)


def _load_for_workers() -> None:
    """Load what the per-page stages need (langdetect's profiles, trafilatura, NumPy: ~90 MB)
    once, in the crawl process before it forks, and freeze it out of the garbage collector: the
    workers then share those pages with it instead of each holding a copy (measured: ~140 MB less
    PSS with two workers)."""
    import numpy  # noqa: F401
    import trafilatura  # noqa: F401

    from newscrawler.extract.language import load_profiles

    load_profiles()
    gc.freeze()


def _start_worker(parent: int) -> None:
    """In each worker, once: end with the crawl process; leave Ctrl-C to it (it stops the pool)."""
    _exit_with_parent(parent)
    signal.signal(signal.SIGINT, signal.SIG_IGN)


class PageWorkers:
    def __init__(self, processes: int):
        self.processes = processes
        self.pool: ProcessPoolExecutor | None = None
        self.restarts = 0
        if processes:
            self._start_pool()

    @classmethod
    def from_crawler(cls, crawler):
        workers = cls(worker_count(crawler.settings.get("NEWSCRAWLER_WORKERS")))
        crawler.signals.connect(workers.close, signal=signals.engine_stopped)
        if workers.processes:
            logger.info("per-page work runs in %d worker processes", workers.processes)
        return workers

    def _start_pool(self) -> None:
        # fork: created with the crawler, before the reactor starts its threads; the workers share
        # the already imported code and data with the crawl process
        _load_for_workers()
        self.pool = ProcessPoolExecutor(self.processes, mp_context=multiprocessing.get_context("fork"),
                                        initializer=_start_worker, initargs=(os.getpid(),))
        self.pool.submit(os.getpid)   # start the processes now, not on the first page

    async def run(self, fn, *args):
        """``fn(*args)`` in a worker (in this process without workers). ``fn`` must be a
        module-level function and its arguments and result plain, picklable data."""
        pool = self.pool
        if pool is None:
            return fn(*args)
        try:
            return await asyncio.wrap_future(pool.submit(fn, *args))
        except BrokenProcessPool as exc:
            if self.pool is pool:   # the first of the calls the dead worker broke restarts the pool
                pool.shutdown(wait=False, cancel_futures=True)
                self.restarts += 1
                logger.error("a worker process died: the pages in its pool are counted as errors; pool restarted")
                self._start_pool()
            raise WorkerLost(f"a worker process died while running {fn.__name__}") from exc

    def close(self) -> None:
        """At the end of the crawl (engine_stopped), when every page has been processed."""
        if self.pool is not None:
            self.pool.shutdown(wait=True, cancel_futures=True)
            self.pool = None


def page_workers(crawler) -> PageWorkers:
    """The crawler's pool; work runs in the crawl process when the extension is switched off."""
    return crawler.get_extension(PageWorkers) or PageWorkers(0)
