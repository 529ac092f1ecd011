"""A website's feed saved as a file: RSS 2.0 (WordPress ``/feed/``) or Atom, to release rows.

Parsed with the standard library's ``xml.etree`` (expat), safely: a feed never needs a
document type, so a file that declares one (``<!DOCTYPE``, ``<!ENTITY``: external entities,
entity bombs) is refused before parsing, and a file over ``MAX_FEED_BYTES`` too. A feed cut off
mid-download, or with one broken item, still gives its whole items: each ``<item>`` or
``<entry>`` is parsed on its own, and a damaged one is set aside with its number and the
parser's message. HTML in descriptions becomes plain text.
"""

from __future__ import annotations

import html
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from datetime import datetime
from email.utils import parsedate_to_datetime

from ingestion.errors import UnreadableFileError

MAX_FEED_BYTES = 50 * 1024 * 1024
ATOM = "{http://www.w3.org/2005/Atom}"
CONTENT = "{http://purl.org/rss/1.0/modules/content/}encoded"
FORBIDDEN = re.compile(rb"<!\s*(DOCTYPE|ENTITY)", re.IGNORECASE)
ROOT_TAG = re.compile(rb"<(rss|feed)\b[^>]*>", re.IGNORECASE | re.DOTALL)
ITEM = re.compile(rb"<(item|entry)\b[^>]*>.*?</\1\s*>", re.IGNORECASE | re.DOTALL)
TAGS = re.compile(r"<[^>]+>")
WORDPRESS_TAIL = re.compile(r"(\[(&#8230;|…|\.\.\.)\]|The post .* appeared first on .*)$", re.DOTALL)


@dataclass
class FeedItem:
    """One item of a feed, as written (dates parsed; problems say why it cannot load)."""

    number: int  # 1-based position in the feed: the "row" of a reject
    title: str = ""
    link: str = ""
    published_at: datetime | None = None
    raw_date: str = ""
    summary: str = ""
    body: str = ""
    categories: list[str] = field(default_factory=list)
    problems: list[tuple[str, str]] = field(default_factory=list)  # (column, reason)


@dataclass
class Feed:
    kind: str  # rss | atom
    items: list[FeedItem]


def plain_text(markup: str) -> str:
    """Text of an HTML fragment: tags dropped, entities decoded, WordPress' "[...]" tail cut."""
    text = html.unescape(TAGS.sub(" ", markup or ""))
    text = WORDPRESS_TAIL.sub("", " ".join(text.split()).strip())
    return " ".join(text.split())


def _text(element: ET.Element | None) -> str:
    return "" if element is None else "".join(element.itertext()).strip()


def _date(raw: str) -> datetime | None:
    """RFC 822 (RSS ``pubDate``) or RFC 3339 (Atom); None when neither, or without an offset."""
    raw = raw.strip()
    if not raw:
        return None
    try:
        value = parsedate_to_datetime(raw)
    except (TypeError, ValueError):
        try:
            value = datetime.fromisoformat(raw.replace("Z", "+00:00"))
        except ValueError:
            return None
    return value if value.tzinfo is not None else None


def _rss_item(node: ET.Element, number: int) -> FeedItem:
    item = FeedItem(number, title=plain_text(_text(node.find("title"))), link=_text(node.find("link")))
    item.raw_date = _text(node.find("pubDate")) or _text(node.find("{http://purl.org/dc/elements/1.1/}date"))
    item.summary = plain_text(_text(node.find("description")))
    item.body = plain_text(_text(node.find(CONTENT)))
    item.categories = [_text(c) for c in node.findall("category") if _text(c)]
    return item


def _atom_entry(node: ET.Element, number: int) -> FeedItem:
    links = node.findall(f"{ATOM}link")
    alternate = [x for x in links if x.get("rel", "alternate") == "alternate"] or links
    item = FeedItem(number, title=plain_text(_text(node.find(f"{ATOM}title"))))
    item.link = (alternate[0].get("href") or "").strip() if alternate else ""
    item.raw_date = _text(node.find(f"{ATOM}published")) or _text(node.find(f"{ATOM}updated"))
    item.summary = plain_text(_text(node.find(f"{ATOM}summary")))
    item.body = plain_text(_text(node.find(f"{ATOM}content")))
    item.categories = [c.get("term", "").strip() for c in node.findall(f"{ATOM}category") if c.get("term")]
    return item


def _check(item: FeedItem) -> FeedItem:
    item.published_at = _date(item.raw_date)
    if not item.title:
        item.problems.append(("title", "the item has no title"))
    if not item.link:
        item.problems.append(("link", "the item has no link: a release is known by its URL"))
    if not item.raw_date:
        item.problems.append(("pubDate", "the item has no publication date (pubDate, published or updated)"))
    elif item.published_at is None:
        item.problems.append(
            ("pubDate", f"date {item.raw_date!r} is not an RSS or Atom date, e.g. 'Tue, 04 Mar 2025 10:00:00 +0800'")
        )
    return item


def _itemwise(data: bytes, name: str, error: ET.ParseError) -> Feed:
    """A feed the parser refused as a whole: its items one by one, in the root's namespaces."""
    root = ROOT_TAG.search(data)
    if root is None:
        raise UnreadableFileError(f"{name}: not an RSS or Atom feed ({error}); save the feed page again") from None
    kind = "rss" if root.group(1).lower() == b"rss" else "atom"
    opening = root.group(0) if root.group(0).endswith(b">") else root.group(0) + b">"
    closing = b"</rss>" if kind == "rss" else b"</feed>"
    items = []
    blocks = list(ITEM.finditer(data, root.end()))
    for number, block in enumerate(blocks, start=1):
        try:
            node = ET.fromstring(opening + block.group(0) + closing)[0]
        except ET.ParseError as exc:
            item = FeedItem(number)
            item.problems.append(("item", f"the item cannot be read ({exc}); the rest of the feed loads"))
            items.append(item)
            continue
        items.append(_check(_rss_item(node, number) if kind == "rss" else _atom_entry(node, number)))
    last_end = blocks[-1].end() if blocks else root.end()
    if re.search(rb"<(item|entry)\b", data[last_end:], re.IGNORECASE):
        item = FeedItem(len(blocks) + 1)
        item.problems.append(("item", "the item is cut off (the file ends inside it); save the feed again"))
        items.append(item)
    return Feed(kind, items)


def parse_feed(data: bytes, name: str) -> Feed:
    """The items of an RSS 2.0 or Atom document (module docstring); errors name the file."""
    if len(data) > MAX_FEED_BYTES:
        raise UnreadableFileError(f"{name}: {len(data):,} bytes is too large for a feed (at most {MAX_FEED_BYTES:,})")
    if FORBIDDEN.search(data):
        raise UnreadableFileError(
            f"{name}: the feed declares a document type or entities (<!DOCTYPE>/<!ENTITY>), which a WordPress or "
            "Atom feed never needs; refused for safety. Save the feed from the website again"
        )
    try:
        root = ET.fromstring(data)
    except ET.ParseError as exc:
        return _itemwise(data, name, exc)
    if root.tag == "rss":
        nodes = root.findall("./channel/item")
        return Feed("rss", [_check(_rss_item(n, k)) for k, n in enumerate(nodes, start=1)])
    if root.tag == f"{ATOM}feed":
        nodes = root.findall(f"{ATOM}entry")
        return Feed("atom", [_check(_atom_entry(n, k)) for k, n in enumerate(nodes, start=1)])
    raise UnreadableFileError(f"{name}: an XML file but not an RSS 2.0 or Atom feed (its root is <{root.tag}>)")
