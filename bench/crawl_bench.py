"""End-to-end crawl speed and memory on a generated corpus (bench/corpus.py) served by nginx.

    python -m bench.crawl_bench [--pages 2000] [--full] [--json out.json]

In the same run, on the same corpus:
* the server's own ceiling (a plain concurrent HTTP client), so the server is shown not to be the
  bottleneck;
* a bare Scrapy spider that only fetches and follows the same links (the machine's ceiling);
* the full newscrawler crawl into SQLite, all pipelines on;
* the same crawl with the store switched off (the writer's cost);
* peak RSS of each crawl process (``--full``: also at 5,000 and 20,000 pages, to show memory does
  not grow with crawl size).
nginx comes from Debian (``apt-get install nginx-light``); without it a threaded Python server is
used and said so.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from bench.corpus import SITES, generate

# Per-page work (reading, language, dates, dedup keys, cluster analysis) is one function now
# (newscrawler.reader.read_page, costed stage by stage in bench/extract_bench.py); the pipelines
# left are the writer's.
STAGES = {
    "store": "newscrawler.pipelines.store.StorePipeline",
}
ALL_PIPELINES = {
    "newscrawler.pipelines.store.StorePipeline": 500,
}
FAST = {"DOWNLOAD_DELAY": 0, "AUTOTHROTTLE_ENABLED": False, "RETRY_ENABLED": False,
        "CONCURRENT_REQUESTS_PER_DOMAIN": 16, "CONCURRENT_REQUESTS": 32, "NEWSCRAWLER_MAX_PAGES_PER_SITE": 0,
        "ROBOTSTXT_OBEY": False, "LOG_LEVEL": "ERROR"}

BARE_SPIDER = '''
import scrapy
from urllib.parse import urlsplit

class Bare(scrapy.Spider):
    """Fetch and follow every same-site link; nothing else."""
    name = "bare"
    def __init__(self, urls="", **kw):
        super().__init__(**kw)
        self.start_urls = urls.split(",")
    def parse(self, response):
        host = urlsplit(response.url).netloc
        for href in response.css("a::attr(href)").getall():
            url = response.urljoin(href)
            if urlsplit(url).netloc == host:
                yield scrapy.Request(url, callback=self.parse)
'''


class Server:
    """nginx serving each site on its own port (or a threaded Python server without nginx)."""

    def __init__(self, root: Path):
        self.root = root
        self.proc = None
        self.python_servers = []
        self.kind = "nginx" if shutil.which("nginx") else "python http.server"
        self.bases: dict[str, str] = {}

    def start(self) -> dict[str, str]:
        import socket

        ports = []
        for _ in SITES:
            with socket.socket() as s:
                s.bind(("127.0.0.1", 0))
                ports.append(s.getsockname()[1])
        if self.kind == "nginx":
            prefix = self.root / "_nginx"
            (prefix / "logs").mkdir(parents=True, exist_ok=True)
            servers = "".join(
                f"server {{ listen 127.0.0.1:{port}; root {self.root / name}; access_log off; "
                f"location / {{ try_files $uri =404; }} }}\n" for name, port in zip(SITES, ports))
            conf = prefix / "nginx.conf"
            conf.write_text(
                f"worker_processes 1; daemon off; pid {prefix}/nginx.pid; error_log {prefix}/logs/error.log;\n"
                f"events {{ worker_connections 1024; }}\nhttp {{ include /etc/nginx/mime.types; "
                f"default_type text/html; sendfile on; keepalive_requests 100000; {servers} }}\n")
            self.proc = subprocess.Popen(["nginx", "-p", str(prefix), "-c", str(conf)],
                                         stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        else:
            from functools import partial
            from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer

            class Quiet(SimpleHTTPRequestHandler):
                def log_message(self, *args):
                    pass

            for name, port in zip(SITES, ports):
                server = ThreadingHTTPServer(("127.0.0.1", port), partial(Quiet, directory=str(self.root / name)))
                threading.Thread(target=server.serve_forever, daemon=True).start()
                self.python_servers.append(server)
        self.bases = {name: f"http://127.0.0.1:{port}" for name, port in zip(SITES, ports)}
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            try:
                urllib.request.urlopen(self.bases["en"] + "/robots.txt", timeout=1).read()
                break
            except OSError:
                time.sleep(0.1)
        return self.bases

    def stop(self) -> None:
        if self.proc:
            self.proc.send_signal(signal.SIGQUIT)
            self.proc.wait(timeout=10)
        for server in self.python_servers:
            server.shutdown()


def server_ceiling(bases: dict[str, str], pages_per_site: int, seconds: float = 5.0) -> float:
    """Requests per second a plain client with 16 threads gets from the server."""
    urls = [f"{base}/art/{i % pages_per_site + 1}.html" for base in bases.values() for i in range(200)]
    done = 0
    stop_at = time.monotonic() + seconds

    def worker(offset):
        nonlocal done
        i = offset
        while time.monotonic() < stop_at:
            urllib.request.urlopen(urls[i % len(urls)], timeout=10).read()
            i += 16
            done += 1

    started = time.monotonic()
    with ThreadPoolExecutor(16) as pool:
        list(pool.map(worker, range(16)))
    return done / (time.monotonic() - started)


def process_tree(pid: int) -> list[int]:
    """``pid`` and its descendants (the crawl's worker processes)."""
    found, todo = [], [pid]
    while todo:
        current = todo.pop()
        found.append(current)
        try:
            for task in os.listdir(f"/proc/{current}/task"):
                with open(f"/proc/{current}/task/{task}/children") as f:
                    todo += [int(c) for c in f.read().split()]
        except OSError:
            continue
    return found


def tree_pss_mb(pid: int) -> float:
    """Proportional set size of the process tree: each page shared between the crawl process and
    its forked workers counts once in total, so the sum is the memory the crawl really holds."""
    total = 0
    for member in process_tree(pid):
        try:
            with open(f"/proc/{member}/smaps_rollup") as f:
                total += next(int(line.split()[1]) for line in f if line.startswith("Pss:"))
        except (OSError, StopIteration):
            continue
    return total / 1024


def run_measured(command: list[str], cwd: Path | None = None, env=None) -> dict:
    """Run a process; wall seconds, CPU seconds (its worker processes included), peak RSS (MB) of
    the process itself and peak PSS of it with its workers, sampled twice a second."""
    started = time.monotonic()
    proc = subprocess.Popen(command, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    peak_pss = 0.0
    done = threading.Event()

    def sample():
        nonlocal peak_pss
        while not done.wait(0.5):
            peak_pss = max(peak_pss, tree_pss_mb(proc.pid))

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    _, status, usage = os.wait4(proc.pid, 0)
    done.set()
    sampler.join()
    wall = time.monotonic() - started
    if os.waitstatus_to_exitcode(status) != 0:
        raise RuntimeError(f"{command[2:5]} failed: {proc.stderr.read().decode()[-1500:]}")
    return {"seconds": wall, "cpu_seconds": usage.ru_utime + usage.ru_stime, "peak_rss_mb": usage.ru_maxrss / 1024,
            "peak_pss_total_mb": peak_pss}


def crawl_full(bases: dict[str, str], work: Path, settings: dict, label: str) -> dict:
    registry = work / "sites.toml"
    registry.write_text("".join(
        f'[sites.{name}]\nstart_urls = ["{base}/list/1.html"]\nlanguage = "{SITES[name][2]}"\n\n'
        for name, base in bases.items()), encoding="utf-8")
    db = work / f"{label.replace(' ', '_')}.db"
    for stale in work.glob(db.name + "*"):   # every run starts from an empty archive
        stale.unlink()
    args = [sys.executable, "-m", "newscrawler.cli", "crawl", "--registry", str(registry), "--db", str(db),
            "--progress", "0", "--no-deliver"]
    for name, value in {**FAST, **settings}.items():
        args += ["--set", f"{name}={json.dumps(value) if isinstance(value, dict) else value}"]
    figures = run_measured(args)
    import sqlite3

    conn = sqlite3.connect(db)
    pages, articles = conn.execute("SELECT sum(pages_fetched), sum(articles_new + articles_duplicate) FROM crawl_runs"
                                   ).fetchone()
    conn.close()
    return {**figures, "pages": pages or 0, "articles": articles or 0}


def crawl_bare(bases: dict[str, str], work: Path) -> dict:
    spider = work / "bare_spider.py"
    spider.write_text(BARE_SPIDER, encoding="utf-8")
    stats = work / "bare_stats.json"
    runner = work / "run_bare.py"
    runner.write_text(
        "import json, sys\nfrom scrapy.crawler import CrawlerProcess\nsys.path.insert(0, %r)\n"
        "from bare_spider import Bare\n"
        "settings = %r\nsettings.update({'CONCURRENT_ITEMS': 10, 'TELNETCONSOLE_ENABLED': False, "
        "'COOKIES_ENABLED': False, 'TWISTED_REACTOR': 'twisted.internet.asyncioreactor.AsyncioSelectorReactor'})\n"
        "process = CrawlerProcess(settings)\ncrawler = process.create_crawler(Bare)\n"
        "process.crawl(crawler, urls=%r)\nprocess.start()\n"
        "json.dump({'pages': crawler.stats.get_value('response_received_count', 0)}, open(%r, 'w'))\n"
        % (str(work), {k: v for k, v in FAST.items() if not k.startswith("NEWSCRAWLER")},
           ",".join(f"{b}/list/1.html" for b in bases.values()), str(stats)), encoding="utf-8")
    figures = run_measured([sys.executable, str(runner)])
    return {**figures, **json.loads(stats.read_text())}


def rate(run: dict) -> float:
    return run["pages"] / run["seconds"]


def median_run(runs: list[dict]) -> dict:
    """The run with the median page rate (the lower middle one for an even count)."""
    return sorted(runs, key=rate)[(len(runs) - 1) // 2]


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", type=int, default=2000, help="article pages in the corpus (default 2000)")
    parser.add_argument("--full", action="store_true", help="20,000 pages, memory at 5k and 20k (about 30 min)")
    parser.add_argument("--no-stages", action="store_true", help="skip the stage-off runs")
    parser.add_argument("--rounds", type=int, default=3, help="bare and full crawls, alternated (default 3)")
    parser.add_argument("--json", type=Path)
    args = parser.parse_args(argv)
    pages = 20_000 if args.full else args.pages
    results: dict = {"pages_requested": pages}
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        work.chmod(0o755)   # nginx's workers run as another user
        generate(work / "corpus", pages)
        server = Server(work / "corpus")
        bases = server.start()
        try:
            results["server"] = server.kind
            results["server_ceiling_rps"] = server_ceiling(bases, pages // len(SITES))
            bare_runs, full_runs = [], []
            for _ in range(args.rounds):   # alternated, so a slow spell of the machine hits both
                bare_runs.append(crawl_bare(bases, work))
                full_runs.append(crawl_full(bases, work, {}, "full"))
            results["bare"], results["full"] = median_run(bare_runs), median_run(full_runs)
            results["rounds"] = [{"bare_pages_s": rate(b), "full_pages_s": rate(f), "share": rate(f) / rate(b),
                                  "full_peak_pss_total_mb": f["peak_pss_total_mb"]}
                                 for b, f in zip(bare_runs, full_runs)]
            results["share_median"] = statistics.median(r["share"] for r in results["rounds"])
            if not args.no_stages:
                for stage, path in STAGES.items():
                    pipelines = {k: v for k, v in ALL_PIPELINES.items() if k != path}
                    results[f"without {stage}"] = crawl_full(bases, work, {"ITEM_PIPELINES": pipelines}, stage)
            if args.full:
                small = work / "small"
                small.mkdir()
                generate(small / "corpus", 5_000)
                server2 = Server(small / "corpus")
                results["full_5k"] = crawl_full(server2.start(), small, {}, "full5k")
                server2.stop()
        finally:
            server.stop()
    report(results)
    if args.json:
        args.json.write_text(json.dumps(results, indent=2), encoding="utf-8")
    return 0


def report(r: dict) -> None:
    print(f"server: {r['server']}, ceiling {r['server_ceiling_rps']:.0f} requests/s (16 client threads)")
    rounds = r["rounds"]
    print(f"{len(rounds)} rounds, pages/s bare | full (peak PSS of the full crawl): "
          + ", ".join(f"{x['bare_pages_s']:.1f} | {x['full_pages_s']:.1f} ({x['full_peak_pss_total_mb']:.0f} MB)"
                      for x in rounds))
    print(f"{'run (median round)':<22} {'pages':>6} {'pages/s':>8} {'CPU s/1000 art.':>16} {'peak RSS MB':>12}"
          f" {'PSS all procs MB':>17}")
    for name, f in r.items():
        if not isinstance(f, dict):
            continue
        # per 1000 articles of the full crawl (a run without the store stores none)
        per_k = f["cpu_seconds"] / max((r["full_5k"] if name == "full_5k" else r["full"])["articles"], 1) * 1000
        print(f"{name:<22} {f['pages']:>6} {rate(f):>8.1f} {per_k:>16.1f} {f['peak_rss_mb']:>12.0f}"
              f" {f['peak_pss_total_mb']:>17.0f}")
    print(f"full pipeline at {r['share_median']:.0%} of the bare Scrapy page rate, median of {len(rounds)} rounds"
          f" (target >= 40%)")
    for name, f in r.items():
        if name.startswith("without "):
            saved = (r["full"]["cpu_seconds"] - f["cpu_seconds"]) / max(r["full"]["articles"], 1) * 1000
            print(f"  cost of {name[8:]:<12} {saved:6.1f} CPU s per 1000 articles")


if __name__ == "__main__":
    sys.exit(main())
