"""Alert delivery against real local receivers: an SMTP server (aiosmtpd), an HTTP webhook that
fails first and succeeds later, JSON Lines and an Atom feed; at least once, nothing lost, a sink
that already has an alert is not sent it again."""

from __future__ import annotations

import json
import socket
import threading
from datetime import datetime, timedelta, timezone
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from xml.etree import ElementTree

import pytest

from newscrawler.alerts.delivery import backoff, deliver_pending
from newscrawler.alerts.sinks import sinks_from
from newscrawler.db import open_db
from tests.conftest import query, run_cli


@pytest.fixture
def db_path(tmp_path):
    path = tmp_path / "alerts.db"
    db = open_db(path)
    for i, kind in enumerate(["new_cluster_list", "updated_cluster_list"], 1):
        payload = {"clusters": [f"北京市顺义区智能装备产业集群{i}"], "count": 100, "language": "zh", "source": "miit",
                   "diff": {"added": ["甲产业集群"], "removed": ["乙产业集群"]}}
        db["alerts"].insert({"kind": kind, "created_at": f"2026-11-24T10:0{i}:00+00:00", "title": f"名单 {i}",
                             "article_url": f"https://miit.example/{i}", "payload": json.dumps(payload,
                                                                                              ensure_ascii=False),
                             "attempts": 0, "source": "miit"})
    db.close()
    return path


class Receiver:
    """A webhook that answers 500 to its first ``failures`` requests, then 200."""

    def __init__(self, failures: int):
        self.failures = failures
        self.bodies: list[dict] = []
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
                if receiver.failures > 0:
                    receiver.failures -= 1
                    self.send_response(500)
                else:
                    receiver.bodies.append(body)
                    self.send_response(200)
                self.end_headers()

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/hook"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def receiver():
    r = Receiver(failures=1)
    yield r
    r.close()


def test_failing_webhook_keeps_alerts_pending_then_delivers_once(db_path, receiver, tmp_path):
    jsonl = tmp_path / "out.jsonl"
    sinks = sinks_from([f"webhook:{receiver.url}", f"jsonl:{jsonl}"])
    db = open_db(db_path)
    now = datetime(2026, 11, 24, 12, tzinfo=timezone.utc)
    first = deliver_pending(db, sinks, now)
    assert first == {"delivered": 1, "failed": 1, "pending": 1}
    failed = query(db_path, "SELECT * FROM alerts WHERE delivered_at IS NULL")[0]
    assert failed["attempts"] == 1 and "HTTP 500" in failed["last_error"]
    assert failed["next_attempt_at"] == (now + backoff(1)).isoformat(timespec="seconds")
    assert deliver_pending(db, sinks, now + timedelta(seconds=10))["delivered"] == 0   # backing off
    later = deliver_pending(db, sinks, now + timedelta(minutes=5))
    assert later == {"delivered": 1, "failed": 0, "pending": 0}
    assert len(receiver.bodies) == 2 and all("text" in b and b["alert"]["payload"]["clusters"] for b in receiver.bodies)
    assert len(jsonl.read_text(encoding="utf-8").splitlines()) == 2   # the JSONL sink was not sent twice
    assert "added: 甲产业集群; removed: 乙产业集群" in receiver.bodies[-1]["text"] or \
        "added: 甲产业集群; removed: 乙产业集群" in receiver.bodies[0]["text"]


def test_email_over_a_real_smtp_server(db_path, monkeypatch):
    from aiosmtpd.controller import Controller
    from aiosmtpd.handlers import Sink

    class Collect(Sink):
        def __init__(self):
            self.messages = []

        async def handle_DATA(self, server, session, envelope):
            self.messages.append(envelope)
            return "250 OK"

    handler = Collect()
    with socket.socket() as probe:   # aiosmtpd's readiness check cannot use port 0: pick a free port
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    controller = Controller(handler, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        env = {"NEWSCRAWLER_SMTP_HOST": "127.0.0.1", "NEWSCRAWLER_SMTP_PORT": str(port),
               "NEWSCRAWLER_SMTP_FROM": "crawler@example.org"}
        sinks = sinks_from(["email:analyst@example.org"], env=env)
        db = open_db(db_path)
        assert deliver_pending(db, sinks)["delivered"] == 2
    finally:
        controller.stop()
    assert len(handler.messages) == 2
    body = handler.messages[0].content.decode("utf-8", "replace")
    assert handler.messages[0].rcpt_tos == ["analyst@example.org"] and "analyst@example.org" in body


def test_unreachable_smtp_is_an_error_not_a_crash(db_path):
    sinks = sinks_from(["email:a@example.org"], env={"NEWSCRAWLER_SMTP_HOST": "127.0.0.1", "NEWSCRAWLER_SMTP_PORT": "9"})
    result = deliver_pending(open_db(db_path), sinks)
    assert result["failed"] == 2
    assert all("SMTP 127.0.0.1:9" in r["last_error"] for r in query(db_path, "SELECT last_error FROM alerts"))


def test_atom_feed_is_valid_and_lists_the_alerts(db_path, tmp_path):
    feed = tmp_path / "alerts.atom"
    deliver_pending(open_db(db_path), sinks_from([f"atom:{feed}"]))
    root = ElementTree.parse(feed).getroot()
    entries = root.findall("{http://www.w3.org/2005/Atom}entry")
    assert len(entries) == 2 and "名单" in entries[0].find("{http://www.w3.org/2005/Atom}title").text


def test_alerts_command_lists_and_delivers(db_path, receiver, tmp_path):
    listed = run_cli("alerts", "--db", str(db_path))
    assert "[new_cluster_list]" in listed.stdout and "pending" in listed.stdout
    as_json = [json.loads(x) for x in run_cli("alerts", "--db", str(db_path), "--json").stdout.splitlines()]
    assert [a["kind"] for a in as_json] == ["new_cluster_list", "updated_cluster_list"]
    failed = run_cli("alerts", "--db", str(db_path), "--deliver", "--sink", f"webhook:{receiver.url}", check=False)
    assert failed.returncode == 1
    retried = run_cli("alerts", "--db", str(db_path), "--deliver", "--now", "--sink", f"webhook:{receiver.url}")
    assert "0 pending" in retried.stderr
    assert run_cli("alerts", "--db", str(db_path)).stdout.startswith("no alerts pending")
    bad = run_cli("alerts", "--db", str(db_path), "--deliver", "--sink", "pigeon:home", check=False)
    assert bad.returncode == 2 and "unknown alert sink" in bad.stderr
