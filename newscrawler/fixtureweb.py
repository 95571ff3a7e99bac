"""The fixture web: the bundled demo sites in ``tests/sites/<name>/``, served on loopback.

Each site gets its own HTTP server on its own loopback address (``host`` in the site's
``_server.toml``: 127.0.0.2, 127.0.0.3 …) and a free port, so sites are separate hosts to the
crawler as real sites are. Files are served as bytes in their own encodings; ``{{BASE}}`` in a
file becomes the site's base URL. ``/_fixtureweb/hits`` answers how often each path was requested
(and, under ``"304 <path>"``, answered Not Modified; ``?reset`` empties the count), so tests can
count what a crawl fetched. Used by the tests and by
``newscrawler demo``. A site's later state lives in ``_state2/`` beside its files (pages that
change or appear); ``/_fixtureweb/state?2`` switches a running server to it.

    python -m newscrawler.fixtureweb        # serve all sites, print {"name": "base URL"} as JSON
"""

from __future__ import annotations

import argparse
import hashlib
import json
import mimetypes
import sys
import threading
import time
import tomllib
from collections import Counter
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urlsplit

SITES_DIR = Path(__file__).resolve().parent.parent / "tests" / "sites"
HTML_SUFFIXES = {".html", ".htm", ".php", ".jsp", ".do", ".asp", ".aspx", ""}
TYPES = {".xml": "application/xml", ".txt": "text/plain", ".css": "text/css",
         ".js": "application/javascript", ".json": "application/json"}


@dataclass
class FixtureSite:
    name: str
    root: Path
    host: str
    html_content_type: str = "text/html"
    content_types: dict = field(default_factory=dict)
    status: dict = field(default_factory=dict)
    delay: dict = field(default_factory=dict)
    ignored_params: tuple = ()                       # query parameters the server ignores, as boards do
    base: str = ""
    state: int = 1                                   # 2: files under _state2/ replace or add pages
    hits: Counter = field(default_factory=Counter)   # requests per path: tests count what a crawl fetched

    @classmethod
    def load(cls, root: Path) -> FixtureSite:
        conf = tomllib.loads((root / "_server.toml").read_text(encoding="utf-8"))
        return cls(root.name, root, conf.get("host", "127.0.0.1"),
                   conf.get("html_content_type", "text/html"),
                   conf.get("content_types", {}), {k: int(v) for k, v in conf.get("status", {}).items()},
                   {k: float(v) for k, v in conf.get("delay", {}).items()}, tuple(conf.get("ignored_params", ())))

    def resolve(self, target: str) -> tuple[int, bytes, str]:
        # _server.toml: host, html_content_type, [content_types] and [status] by path, [delay] seconds
        """(status, body, content type) for a request target (path and query)."""
        parts = urlsplit(target)
        if self.ignored_params and parts.query and not (self.root / (
                unquote(parts.path).lstrip("/") + "@" + unquote(parts.query))).exists():
            # a board that ignores them: view.php?no=3414&page=2 shows view.php?no=3414
            kept = [p for p in parts.query.split("&") if p.split("=", 1)[0] not in self.ignored_params]
            parts = parts._replace(query="&".join(kept))
        path = unquote(parts.path)
        key = path + (f"?{parts.query}" if parts.query else "")
        if key in self.status:
            return self.status[key], b"<html><body><h1>Server error</h1></body></html>", "text/html"
        rel = path.lstrip("/")
        if rel == "" or rel.endswith("/"):
            rel += "index.html"
        if parts.query and ((self.root / (rel + "@" + unquote(parts.query))).exists()
                            or not (self.root / rel).is_file()):
            rel += "@" + unquote(parts.query)   # else: one page for every query, as a script page is
        file = (self.root / rel).resolve()
        if self.state > 1 and (self.root / f"_state{self.state}" / rel).is_file():
            file = (self.root / f"_state{self.state}" / rel).resolve()   # the site, later
        name = file.name
        hidden = any(part.startswith("_") for part in Path(rel).parts) or name == "expected.json"
        if self.root.resolve() not in file.parents or not file.is_file() or hidden:
            return 404, b"<html><body><h1>404 Not Found</h1></body></html>", "text/html"
        body = file.read_bytes().replace(b"{{BASE}}", self.base.encode("ascii"))
        suffix = Path(name.split("@", 1)[0]).suffix.lower()
        ctype = self.content_types.get(key) or (
            self.html_content_type if suffix in HTML_SUFFIXES
            else TYPES.get(suffix) or mimetypes.guess_type(name)[0] or "application/octet-stream")
        return 200, body, ctype


def _handler(site: FixtureSite):
    class Handler(BaseHTTPRequestHandler):
        server_version = "fixtureweb/1"

        def do_GET(self):
            if self.path == "/_fixtureweb/hits":   # {"path": count, ...}; ?reset empties it
                self._send_json(dict(site.hits))
                return
            if self.path.startswith("/_fixtureweb/state?"):
                site.state = int(self.path.rsplit("?", 1)[1])
                self._send_json({"state": site.state})
                return
            if self.path == "/_fixtureweb/hits?reset":
                site.hits.clear()
                self._send_json({})
                return
            site.hits[self.path] += 1
            if self.path in site.delay:
                time.sleep(site.delay[self.path])
            status, body, ctype = site.resolve(self.path)
            etag = '"%s"' % hashlib.sha1(body).hexdigest()[:16]
            if status == 200 and self.headers.get("If-None-Match") == etag:
                site.hits["304 " + self.path] += 1
                self.send_response(304)
                self.send_header("ETag", etag)
                self.end_headers()
                return
            self.send_response(status)
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(body)))
            if status == 200:
                self.send_header("ETag", etag)
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(body)

        do_HEAD = do_GET

        def _send_json(self, data):
            body = json.dumps(data).encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format, *args):   # quiet: the crawler logs what matters
            pass

    return Handler


class FixtureWeb:
    """All fixture sites served in background threads; use as a context manager."""

    def __init__(self, sites_dir: Path = SITES_DIR, state: int = 1):
        self.sites = [FixtureSite.load(p) for p in sorted(sites_dir.iterdir())
                      if (p / "_server.toml").is_file()]
        self.set_state(state)

    def set_state(self, state: int) -> None:
        """Serve the sites as they are later: ``_state<N>/`` files replace or add pages."""
        for site in self.sites:
            site.state = state
        self.servers: list[ThreadingHTTPServer] = []

    def start(self) -> dict[str, str]:
        for site in self.sites:
            server = ThreadingHTTPServer((site.host, 0), _handler(site))
            server.daemon_threads = True
            site.base = f"http://{site.host}:{server.server_address[1]}"
            threading.Thread(target=server.serve_forever, daemon=True, name=f"fixture-{site.name}").start()
            self.servers.append(server)
        return self.bases

    @property
    def bases(self) -> dict[str, str]:
        return {s.name: s.base for s in self.sites}

    def registry_text(self, template: Path | None = None) -> str:
        """The demo registry (``tests/sites/sites.toml``) with ``{{name}}`` replaced by base URLs."""
        text = (template or self.sites[0].root.parent / "sites.toml").read_text(encoding="utf-8")
        for name, base in self.bases.items():
            text = text.replace("{{%s}}" % name, base)
        return text

    def stop(self) -> None:
        for server in self.servers:
            server.shutdown()
            server.server_close()

    def __enter__(self):
        self.start()
        return self

    def __exit__(self, *exc):
        self.stop()


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description="Serve the fixture sites on loopback.")
    parser.add_argument("--sites-dir", type=Path, default=SITES_DIR)
    parser.add_argument("--registry-out", type=Path, help="also write the resolved demo registry here")
    parser.add_argument("--state", type=int, default=1, help="serve the sites' later state N (_stateN/)")
    args = parser.parse_args(argv)
    web = FixtureWeb(args.sites_dir, args.state)
    bases = web.start()
    if args.registry_out:
        args.registry_out.write_text(web.registry_text(), encoding="utf-8")
    print(json.dumps(bases), flush=True)
    try:
        threading.Event().wait()
    except KeyboardInterrupt:
        pass
    finally:
        web.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
