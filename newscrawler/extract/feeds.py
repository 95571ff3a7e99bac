"""RSS/Atom feeds, sitemaps and robots.txt: where a site lists its own articles.

Parsed with entity expansion and network access off, so a hostile XML file cannot expand
or fetch anything.
"""

from __future__ import annotations

from urllib.parse import urljoin

from lxml import etree

_ATOM = "{http://www.w3.org/2005/Atom}"
_XML_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, recover=True, huge_tree=False)


def xml_kind(body: bytes) -> str | None:
    """'feed' (RSS/Atom), 'sitemap' (urlset/sitemapindex) or None for anything else."""
    head = body[:1024].lstrip().lower()
    if b"<rss" in head or b"<feed" in head or b"<rdf:rdf" in head:
        return "feed"
    if b"<urlset" in head or b"<sitemapindex" in head:
        return "sitemap"
    return None


def _root(body: bytes):
    try:
        return etree.fromstring(body, parser=_XML_PARSER)
    except etree.XMLSyntaxError:
        return None


def _local(tag) -> str:
    return tag.rsplit("}", 1)[-1].lower() if isinstance(tag, str) else ""


def feed_entries(body: bytes, base_url: str) -> list[tuple[str, str | None]]:
    """(link, date string) for each RSS item or Atom entry, in feed order."""
    root = _root(body)
    if root is None:
        return []
    entries = []
    for node in root.iter():
        name = _local(node.tag)
        if name not in ("item", "entry"):
            continue
        link, when = None, None
        for child in node:
            cname = _local(child.tag)
            if cname == "link":
                href = child.get("href")
                if href and child.get("rel", "alternate") == "alternate":
                    link = link or href
                elif (child.text or "").strip():
                    link = link or child.text.strip()
            elif cname == "guid" and child.get("isPermaLink", "true") == "true" and not link:
                text = (child.text or "").strip()
                link = text if text.startswith("http") else None
            elif cname in ("pubdate", "published", "date", "issued") and (child.text or "").strip():
                # Atom's <updated> is left out on purpose: an update time is not a publication date
                when = when or child.text.strip()
        if link:
            entries.append((urljoin(base_url, link), when))
    return entries


def sitemap_entries(body: bytes, base_url: str) -> tuple[list[str], list[str]]:
    """(page URLs, nested sitemap URLs) of a sitemap or sitemap index."""
    root = _root(body)
    if root is None:
        return [], []
    pages, nested = [], []
    kind = _local(root.tag)
    for node in root:
        if _local(node.tag) not in ("url", "sitemap"):
            continue
        loc = next((c.text.strip() for c in node if _local(c.tag) == "loc" and c.text), None)
        if loc:
            (nested if kind == "sitemapindex" else pages).append(urljoin(base_url, loc))
    return pages, nested


def robots_sitemaps(text: str, base_url: str) -> list[str]:
    """The ``Sitemap:`` lines of a robots.txt."""
    found = []
    for line in text.splitlines():
        key, _, value = line.partition(":")
        if key.strip().lower() == "sitemap" and value.strip():
            found.append(urljoin(base_url, value.strip()))
    return found
