"""Where alerts go. A sink is built from a spec string:

    console                 print to standard output
    jsonl:PATH              append one JSON object per alert
    webhook:URL             HTTP POST of JSON {"text": ..., "alert": {...}} (Slack-compatible "text")
    email:ADDR[,ADDR]       one message per alert over SMTP; server from NEWSCRAWLER_SMTP_HOST,
                            _PORT (25), _USER, _PASSWORD, _FROM, _STARTTLS=1 (secrets only from the
                            environment, never logged)
    atom:PATH               an Atom feed of the latest alerts, rewritten on each delivery

Each sink's ``send(alert)`` raises on failure; the delivery loop keeps the alert pending.
All of them are the standard library: five small, well-understood protocols, where one error
message per sink and attempt matters more than breadth of channels.
"""

from __future__ import annotations

import json
import os
import smtplib
import sys
import urllib.error
import urllib.request
from email.message import EmailMessage
from pathlib import Path
from xml.sax.saxutils import escape


def alert_text(alert: dict) -> str:
    """One readable paragraph: what happened, which clusters, where."""
    payload = alert["payload"]
    names = payload.get("clusters") or []
    head = {"new_cluster_list": "New cluster list", "new_clusters": "New clusters",
            "updated_cluster_list": "Cluster list updated", "source_broken": "Source broken",
            "source_quiet": "Source quiet"}.get(alert["kind"], alert["kind"])
    lines = [f"{head}: {alert.get('title') or ''}".strip()]
    if payload.get("reason"):
        pass   # the title says it
    elif alert["kind"] == "updated_cluster_list":
        diff = payload.get("diff", {})
        lines.append(f"added: {', '.join(diff.get('added', [])) or '-'}; removed: {', '.join(diff.get('removed', [])) or '-'}")
    elif names:
        shown = ", ".join(names[:10]) + (f" … (+{len(names) - 10})" if len(names) > 10 else "")
        lines.append(f"{payload.get('count') or len(names)} clusters: {shown}")
    lines.append(f"source: {payload.get('source')}" + (f" · {alert['article_url']}" if alert.get("article_url") else ""))
    return "\n".join(lines)


class ConsoleSink:
    name = "console"

    def send(self, alert: dict) -> None:
        print(f"[alert #{alert['id']}] {alert_text(alert)}\n", file=sys.stdout, flush=True)


class JsonlSink:
    def __init__(self, path: str):
        self.path = Path(path)
        self.name = f"jsonl:{path}"

    def send(self, alert: dict) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with self.path.open("a", encoding="utf-8") as out:
            out.write(json.dumps(alert, ensure_ascii=False) + "\n")


class WebhookSink:
    def __init__(self, url: str, timeout: float = 10.0):
        self.url = url
        self.timeout = timeout
        self.name = f"webhook:{url}"

    def send(self, alert: dict) -> None:
        body = json.dumps({"text": alert_text(alert), "alert": alert}, ensure_ascii=False).encode("utf-8")
        request = urllib.request.Request(self.url, data=body, method="POST",
                                         headers={"Content-Type": "application/json; charset=utf-8",
                                                  "User-Agent": "newscrawler-alerts/0.1"})
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:
                response.read()
        except urllib.error.HTTPError as exc:
            raise RuntimeError(f"webhook answered HTTP {exc.code}") from None
        except (urllib.error.URLError, OSError) as exc:
            raise RuntimeError(f"webhook unreachable: {getattr(exc, 'reason', exc)}") from None


class EmailSink:
    def __init__(self, recipients: str, env=os.environ):
        self.recipients = [r.strip() for r in recipients.split(",") if r.strip()]
        self.name = f"email:{recipients}"
        self.host = env.get("NEWSCRAWLER_SMTP_HOST", "localhost")
        self.port = int(env.get("NEWSCRAWLER_SMTP_PORT", "25"))
        self.user = env.get("NEWSCRAWLER_SMTP_USER")
        self.password = env.get("NEWSCRAWLER_SMTP_PASSWORD")
        self.sender = env.get("NEWSCRAWLER_SMTP_FROM", "newscrawler@localhost")
        self.starttls = env.get("NEWSCRAWLER_SMTP_STARTTLS", "0") == "1"

    def send(self, alert: dict) -> None:
        message = EmailMessage()
        message["Subject"] = f"[newscrawler] {alert_text(alert).splitlines()[0]}"[:200]
        message["From"] = self.sender
        message["To"] = ", ".join(self.recipients)
        message.set_content(alert_text(alert) + "\n\n" + json.dumps(alert["payload"], ensure_ascii=False, indent=2))
        try:
            with smtplib.SMTP(self.host, self.port, timeout=15) as smtp:
                if self.starttls:
                    smtp.starttls()
                if self.user:
                    smtp.login(self.user, self.password or "")
                smtp.send_message(message)
        except (smtplib.SMTPException, OSError) as exc:
            raise RuntimeError(f"SMTP {self.host}:{self.port}: {type(exc).__name__}") from None


class AtomSink:
    """Rewrites the feed from the latest alerts in the database, so delivery is idempotent."""

    def __init__(self, path: str, latest=None):
        self.path = Path(path)
        self.name = f"atom:{path}"
        self.latest = latest   # callable -> list of alert dicts, newest first (set by the delivery loop)

    def send(self, alert: dict) -> None:
        alerts = self.latest() if self.latest else [alert]
        if all(a["id"] != alert["id"] for a in alerts):
            alerts = [alert, *alerts]
        entries = "".join(
            f"<entry><id>urn:newscrawler:alert:{a['id']}</id><title>{escape((a.get('title') or a['kind'])[:300])}</title>"
            f"<updated>{a['created_at']}</updated><link href=\"{escape(a.get('article_url') or '')}\"/>"
            f"<category term=\"{escape(a['kind'])}\"/><content type=\"text\">{escape(alert_text(a))}</content></entry>"
            for a in alerts)
        updated = alerts[0]["created_at"] if alerts else ""
        feed = ('<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom">'
                f"<id>urn:newscrawler:alerts</id><title>newscrawler alerts</title><updated>{updated}</updated>"
                f"{entries}</feed>\n")
        self.path.parent.mkdir(parents=True, exist_ok=True)
        tmp = self.path.with_suffix(self.path.suffix + ".tmp")
        tmp.write_text(feed, encoding="utf-8")
        tmp.replace(self.path)


def build_sink(spec: str, env=os.environ):
    kind, _, arg = spec.partition(":")
    kind = kind.strip().lower()
    if kind == "console":
        return ConsoleSink()
    if kind == "jsonl" and arg:
        return JsonlSink(arg)
    if kind == "webhook" and arg:
        return WebhookSink(arg)
    if kind == "email" and arg:
        return EmailSink(arg, env)
    if kind == "atom" and arg:
        return AtomSink(arg)
    raise ValueError(f"unknown alert sink {spec!r}; use console, jsonl:PATH, webhook:URL, email:ADDR or atom:PATH")


def sinks_from(specs: list[str] | None, env=os.environ) -> list:
    """Sinks named on the command line, else in NEWSCRAWLER_ALERT_SINKS (separated by spaces or ';'),
    else the console."""
    if not specs:
        configured = env.get("NEWSCRAWLER_ALERT_SINKS", "")
        specs = [s for s in configured.replace(";", " ").split() if s] or ["console"]
    return [build_sink(s, env) for s in specs]
