"""The ``newscrawler`` command: thin argument parsing over the library.

    newscrawler demo                              # serve the bundled demo sites, crawl them, report
    newscrawler crawl [SITE_ID ...] [--url URL ...] [--db PATH]
    newscrawler extract PAGE.html [--url URL]     # one page -> one JSON object
    newscrawler extract --batch pages.jsonl       # many pages, one process
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import datetime
from pathlib import Path

from newscrawler.db import DEFAULT_DB, utcnow
from newscrawler.sites import DEFAULT_REGISTRY, RegistryError, load_registry, select_sites, site_for_url

DEMO_DB = DEFAULT_DB.parent / "demo.db"


def _parse_set(values: list[str]) -> dict:
    out = {}
    for value in values or []:
        name, sep, setting = value.partition("=")
        if not sep or not name:
            raise SystemExit(f"newscrawler: --set expects NAME=VALUE, got {value!r}")
        out[name.strip()] = setting
    return out


# -- crawl --------------------------------------------------------------------------------------

def cmd_crawl(args) -> int:
    from newscrawler.alerts.delivery import deliver
    from newscrawler.alerts.sinks import sinks_from
    from newscrawler.crawl import format_summary, run_crawl, run_summary

    try:
        sites = []
        if args.sites or not args.url:
            sites += select_sites(load_registry(args.registry), args.sites)
        sites += [site_for_url(u) for u in args.url]
    except RegistryError as exc:
        print(f"newscrawler: {exc}", file=sys.stderr)
        return 2
    if not sites:
        print(f"newscrawler: no sites to crawl: the registry {args.registry} is empty and no --url was given",
              file=sys.stderr)
        return 2
    overrides = {"NEWSCRAWLER_PROGRESS_INTERVAL": args.progress, "NEWSCRAWLER_REGISTRY": str(args.registry),
                 "NEWSCRAWLER_ALERT_WINDOW": args.alert_window}
    if args.max_pages is not None:
        overrides["NEWSCRAWLER_MAX_PAGES_PER_SITE"] = args.max_pages
    overrides.update(_parse_set(args.set))
    try:
        sinks = sinks_from(args.sink)
    except ValueError as exc:
        print(f"newscrawler: {exc}", file=sys.stderr)
        return 2
    run_id = run_crawl(sites, args.db, overrides, args.log_level)
    print(format_summary(run_summary(args.db, run_id)))
    if not args.no_deliver:
        result = deliver(args.db, sinks)
        print(f"\nalerts: {result['delivered']} delivered, {result['failed']} failed, {result['pending']} pending")
    print(f"\ndatabase: {args.db}")
    return 0


def _alert_window(value: str) -> str:
    if value.strip().lower() == "all" or value.strip().isdigit():
        return value.strip().lower()
    raise argparse.ArgumentTypeError("expected a number of days or 'all'")


# -- demo ---------------------------------------------------------------------------------------

def cmd_demo(args) -> int:
    from newscrawler.crawl import LOOPBACK_SETTINGS, format_summary, recent_alerts, run_crawl, run_summary
    from newscrawler.fixtureweb import FixtureWeb
    from newscrawler.sites import parse_registry

    db_path = Path(args.db)
    for suffix in ("", "-wal", "-shm"):   # the demo always starts from an empty archive
        Path(str(db_path) + suffix).unlink(missing_ok=True)
    started = utcnow()
    with FixtureWeb() as web:
        print("demo sites on loopback:")
        for name, base in web.bases.items():
            print(f"  {name:<14} {base}")
        registry = parse_registry(web.registry_text())
        print(f"\ncrawling {len(registry)} sites into {db_path} ...\n", flush=True)
        run_id = run_crawl(list(registry.values()), db_path,
                           {**LOOPBACK_SETTINGS, "NEWSCRAWLER_ALERT_WINDOW": "all"}, args.log_level)
    print(format_summary(run_summary(db_path, run_id)))
    print("(the demo sites link to a few pages that are deliberately broken: the http_404 and http_500 errors are expected)")
    alerts = recent_alerts(db_path, since=started)
    if alerts:
        print(f"\nalerts ({len(alerts)}; the demo treats every announcement as new: --alert-window all):")
        for a in alerts:
            names = json.loads(a["payload"]).get("clusters") or []
            shown = ", ".join(names[:3]) + (f" … (+{len(names) - 3})" if len(names) > 3 else "")
            print(f"  #{a['id']} [{a['kind']}] {a['title']}\n      {shown or '(no names given)'}")
    else:
        print("\nalerts: none raised in this run")
    print(f"\nexplore it: sqlite3 {db_path} \"SELECT source, published_at, language, title FROM articles\"")
    return 0


# -- schedule and stats ---------------------------------------------------------------------------

def cmd_schedule(args) -> int:
    import signal

    from newscrawler.alerts.sinks import sinks_from
    from newscrawler.schedule import Scheduler
    from newscrawler.sites import parse_duration

    try:
        sites = select_sites(load_registry(args.registry), args.sites)
        sinks = sinks_from(args.sink)
        every = parse_duration(args.every)
    except (RegistryError, ValueError) as exc:
        print(f"newscrawler: {exc}", file=sys.stderr)
        return 2
    crawl_args = ["--alert-window", args.alert_window, "--log-level", args.log_level]
    for value in args.set:
        crawl_args += ["--set", value]
    scheduler = Scheduler(args.registry, Path(args.db), sites, default_every=every, crawl_args=crawl_args, sinks=sinks)
    if args.once:
        crawled = scheduler.run_once()
        if not crawled:
            scheduler.log("nothing due")
        return 0
    signal.signal(signal.SIGTERM, scheduler.request_stop)
    signal.signal(signal.SIGINT, scheduler.request_stop)
    scheduler.run_forever(args.tick)
    return 0


def _missing_db(path: str) -> bool:
    """True (after saying so) when a command that reads the database finds none."""
    if Path(path).exists():
        return False
    print(f"newscrawler: no database at {path}", file=sys.stderr)
    return True


def cmd_stats(args) -> int:
    from newscrawler.crawl import format_errors, format_table
    from newscrawler.db import open_db

    if _missing_db(args.db):
        return 2
    db = open_db(args.db)
    try:
        rows = list(db.query(
            "SELECT source, started_at, finished_at, pages_fetched, articles_new, articles_updated, "
            "articles_unchanged, articles_duplicate, errors, finish_reason FROM ("
            " SELECT *, row_number() OVER (PARTITION BY source ORDER BY started_at DESC, id DESC) AS n FROM crawl_runs"
            ") WHERE n <= ? ORDER BY source, started_at DESC", [args.runs]))
    finally:
        db.close()
    if not rows:
        print("no crawls recorded yet")
        return 0
    table = [("source", "started (UTC)", "took", "pages", "new", "upd", "same", "dup", "errors", "end")]
    for r in rows:
        took = "-"
        if r["finished_at"]:
            took = f"{(datetime.fromisoformat(r['finished_at']) - datetime.fromisoformat(r['started_at'])).total_seconds():.0f}s"
        errors = format_errors(json.loads(r["errors"] or "{}"))
        table.append((r["source"], r["started_at"][:19].replace("T", " "), took, r["pages_fetched"], r["articles_new"],
                      r["articles_updated"], r["articles_unchanged"], r["articles_duplicate"], errors,
                      r["finish_reason"] or "unfinished"))
    print(format_table(table))
    return 0


# -- alerts -------------------------------------------------------------------------------------

def cmd_alerts(args) -> int:
    from newscrawler.alerts.delivery import alert_rows, deliver_pending
    from newscrawler.alerts.sinks import alert_text, sinks_from
    from newscrawler.db import open_db

    if _missing_db(args.db):
        return 2
    db = open_db(args.db)
    try:
        if args.deliver:
            try:
                sinks = sinks_from(args.sink)
            except ValueError as exc:
                print(f"newscrawler: {exc}", file=sys.stderr)
                return 2
            result = deliver_pending(db, sinks, ignore_backoff=args.now)
            print(f"{result['delivered']} delivered, {result['failed']} failed, {result['pending']} pending",
                  file=sys.stderr)
            return 0 if not result["failed"] else 1
        where = "" if args.all else "WHERE delivered_at IS NULL"
        rows = list(reversed(alert_rows(db, where, limit=args.limit)))
        if args.json:
            for row in rows:
                print(json.dumps(row, ensure_ascii=False))
        elif not rows:
            print("no alerts" + ("" if args.all else " pending (use --all for delivered ones)"))
        for row in rows if not args.json else []:
            state = f"delivered {row['delivered_at']}" if row["delivered_at"] else \
                f"pending, {row['attempts']} attempts" + (f", last error: {row['last_error']}" if row["last_error"] else "")
            print(f"#{row['id']} {row['created_at']} [{row['kind']}] ({state})\n{alert_text(row)}\n")
        return 0
    finally:
        db.close()


# -- extract ------------------------------------------------------------------------------------

def cmd_extract(args) -> int:
    from newscrawler.documents import NotAPage, extract_document

    hints = {}
    if args.site:
        try:
            hints = select_sites(load_registry(args.registry), [args.site])[0].hints()
        except RegistryError as exc:
            print(f"newscrawler: {exc}", file=sys.stderr)
            return 2
    if args.batch:
        try:
            lines = Path(args.batch).read_text(encoding="utf-8").splitlines() if args.batch != "-" else sys.stdin
        except (OSError, UnicodeDecodeError) as exc:
            print(f"newscrawler: cannot read the batch file {args.batch}: {exc}", file=sys.stderr)
            return 2
        for line in lines:
            if not line.strip():
                continue
            path = None
            try:
                job = json.loads(line)
                path = job["path"]
                out = {"path": path, **extract_document(path, job.get("url"), hints)}
            except NotAPage as exc:
                out = {"path": path, "error": str(exc)}
            except Exception as exc:   # one bad page gives an error line, never a stop
                out = {"path": path, "error": f"{type(exc).__name__}: {exc}"}
            print(json.dumps(out, ensure_ascii=False), flush=True)
        return 0
    if not args.page:
        print("newscrawler: extract needs a PATH_OR_URL or --batch FILE", file=sys.stderr)
        return 2
    try:
        out = extract_document(args.page, args.url, hints)
    except NotAPage as exc:
        print(f"newscrawler: {args.page}: {exc}", file=sys.stderr)
        return 1
    except (OSError, ValueError) as exc:
        print(f"newscrawler: cannot read {args.page}: {exc}", file=sys.stderr)
        return 1
    print(json.dumps(out, ensure_ascii=False, indent=2))
    return 0


# -- entry point --------------------------------------------------------------------------------

def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="newscrawler", description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)

    crawl = sub.add_parser("crawl", help="crawl registered sites and/or start URLs into SQLite",
                           description="Example: newscrawler crawl miit --url https://example.org/news/")
    crawl.add_argument("sites", nargs="*", metavar="SITE_ID", help="registry ids (default: all, unless --url)")
    crawl.add_argument("--url", action="append", default=[], help="a start URL crawled with no configuration")
    crawl.add_argument("--db", default=str(DEFAULT_DB), help="SQLite database (default: %(default)s)")
    crawl.add_argument("--registry", type=Path, default=DEFAULT_REGISTRY, help="site registry TOML")
    crawl.add_argument("--max-pages", type=int, metavar="N",
                       help="requests per site and crawl (default: NEWSCRAWLER_MAX_PAGES_PER_SITE, 2000)")
    crawl.add_argument("--progress", type=float, default=30, metavar="SECONDS",
                       help="seconds between progress lines on stderr, 0 = none (default: %(default)s)")
    crawl.add_argument("--alert-window", type=_alert_window, default="30", metavar="DAYS|all",
                       help="a source's first crawl alerts only on announcements newer than this (default 30)")
    crawl.add_argument("--sink", action="append", metavar="SPEC",
                       help="deliver alerts here after the crawl (console, jsonl:PATH, webhook:URL, email:ADDR, "
                            "atom:PATH); default NEWSCRAWLER_ALERT_SINKS or console")
    crawl.add_argument("--no-deliver", action="store_true", help="leave new alerts pending in the outbox")
    crawl.add_argument("--set", action="append", default=[], metavar="NAME=VALUE", help="a Scrapy setting")
    crawl.add_argument("--log-level", default="WARNING")
    crawl.set_defaults(func=cmd_crawl)

    demo = sub.add_parser("demo", help="serve the bundled demo sites on loopback and crawl them")
    demo.add_argument("--db", default=str(DEMO_DB), help="demo database, emptied first (default: %(default)s)")
    demo.add_argument("--log-level", default="ERROR")
    demo.set_defaults(func=cmd_demo)

    schedule = sub.add_parser("schedule", help="crawl registered sites at their intervals, unattended",
                              description="Example: newscrawler schedule --db /srv/news.db --every 6h  "
                                          "(cron: newscrawler schedule --once)")
    schedule.add_argument("sites", nargs="*", metavar="SITE_ID", help="registry ids (default: all)")
    schedule.add_argument("--db", default=str(DEFAULT_DB), help="database (default: %(default)s)")
    schedule.add_argument("--registry", type=Path, default=DEFAULT_REGISTRY)
    schedule.add_argument("--every", default="6h", help="interval of sites without their own 'every' (default 6h)")
    schedule.add_argument("--tick", type=float, default=30.0, help="seconds between checks for due sites")
    schedule.add_argument("--once", action="store_true", help="crawl what is due now and exit (for cron / timers)")
    schedule.add_argument("--alert-window", type=_alert_window, default="30", metavar="DAYS|all")
    schedule.add_argument("--sink", action="append", metavar="SPEC", help="alert sinks (as for crawl)")
    schedule.add_argument("--set", action="append", default=[], metavar="NAME=VALUE", help="a Scrapy setting")
    schedule.add_argument("--log-level", default="WARNING")
    schedule.set_defaults(func=cmd_schedule)

    stats = sub.add_parser("stats", help="the last crawls of each site, as a table")
    stats.add_argument("--db", default=str(DEFAULT_DB), help="database (default: %(default)s)")
    stats.add_argument("--runs", type=int, default=5, help="runs per site (default 5)")
    stats.set_defaults(func=cmd_stats)

    alerts = sub.add_parser("alerts", help="list alerts, or deliver the pending ones",
                            description="Example: newscrawler alerts --deliver --sink webhook:https://hooks.example/x")
    alerts.add_argument("--db", default=str(DEFAULT_DB), help="database (default: %(default)s)")
    alerts.add_argument("--json", action="store_true", help="one JSON object per alert")
    alerts.add_argument("--all", action="store_true", help="delivered alerts too")
    alerts.add_argument("--limit", type=int, default=200)
    alerts.add_argument("--deliver", action="store_true", help="send pending alerts to the sinks (exit 1 if any fail)")
    alerts.add_argument("--sink", action="append", metavar="SPEC", help="console, jsonl:PATH, webhook:URL, "
                        "email:ADDR, atom:PATH (default NEWSCRAWLER_ALERT_SINKS or console)")
    alerts.add_argument("--now", action="store_true", help="retry failed alerts now, ignoring their backoff")
    alerts.set_defaults(func=cmd_alerts)

    extract = sub.add_parser("extract", help="one page (file or URL) -> JSON on stdout",
                             description="Example: newscrawler extract page.html --url https://site/news/1.html")
    extract.add_argument("page", nargs="?", metavar="PATH_OR_URL")
    extract.add_argument("--url", help="the page's URL when PATH is a saved file")
    extract.add_argument("--batch", metavar="FILE", help='JSON Lines of {"path": ..., "url": ...}; - for stdin')
    extract.add_argument("--site", help="registry id whose language/timezone hints apply")
    extract.add_argument("--registry", type=Path, default=DEFAULT_REGISTRY)
    extract.set_defaults(func=cmd_extract)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
