"""Where a person's handle hides besides the author cell: links to social platforms and @mentions.

``ingestion.pseudonyms`` replaces a private author's handle by ``anon-<16 hex>``. The same
handle also sits in the post's link (``https://x.com/<handle>/status/1``), in other people's
posts as an ``@mention``, and, when a download damaged a line, in whatever cell the damage
moved it to. This module finds those places; it holds no key (the caller passes ``alias``,
the keyed pseudonym of a handle) and reads nothing.

The rule: an account named in a link to a social platform, and an ``@mention`` in any text,
is private unless it is a registered official account (``readable``). An export cannot tell a
resident's account from a shop's or an outlet's, and a pseudonym keeps what counts need (the
same account always gets the same one). Outlets, journalists and official accounts stay
readable where the row names them as such: the outlet column, the author of a news mention.

Accounts in links: ``x.com``/``twitter.com``/``<h>``, ``instagram.com/<h>`` (and
``/stories/<h>``), ``tiktok.com/@<h>``, ``facebook.com/<h>`` (``fb.com``; also
``/people/<h>`` and ``profile.php?id=<n>``), ``youtube.com/@<h>`` (and ``/c/<h>``, ``/user/<h>``),
``threads.net/@<h>``; with or without ``https://`` and ``www.``/``m.``/``mobile.``. Paths
that are not accounts (``instagram.com/p/...``, ``x.com/i/...``, ``facebook.com/groups/...``)
are left alone. Handles shorter than ``MIN_HANDLE_LENGTH`` are never searched for.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Callable
from functools import lru_cache

MIN_HANDLE_LENGTH = 3  # shorter handles are not searched for inside URLs and texts
PSEUDONYM = re.compile(r"anon-[0-9a-f]{16}")

# a link to a social platform: the end of its host (".com/"), then the site's name right before
# it, after "https://", a subdomain's "." or the start of a word (two steps: one regex with the
# site names in front costs a try at every character of every text)
HOST_END = re.compile(r"\.(?:com|net)(?=/)", re.IGNORECASE)
SITE = re.compile(r"(?:^|[^\w-])(x|twitter|instagram|tiktok|facebook|fb|youtube|threads)$", re.IGNORECASE)
LINK_PATH = re.compile(r"/[^\s\"'<>]*")
# in SQL (DuckDB's RE2, case-insensitive): a text that may hold a handle worth a look, and (on
# lower-case text) the first path segment after a social host: every account of a link is one of
# these (more are found: "p" of instagram.com/p/), so "all are the author's" is a safe shortcut
SQL_HINT = r"@|(x|twitter|instagram|tiktok|facebook|fb|youtube|threads)\.(com|net)/"
SQL_LINK_SEGMENT = r"(?:x|twitter|instagram|tiktok|facebook|fb|youtube|threads)\.(?:com|net)/@?([^/?#\s\"'<>]+)"
SEGMENT = r"[\w.%-]+"
# per site: (where the account is in the path, whether it is the first segment of any path)
ACCOUNT_PATHS: dict[str, list[tuple[re.Pattern[str], bool]]] = {
    "x": [(re.compile(rf"/(?P<h>{SEGMENT})"), True)],
    "instagram": [(re.compile(rf"/stories/(?P<h>{SEGMENT})", re.I), False), (re.compile(rf"/(?P<h>{SEGMENT})"), True)],
    "tiktok": [(re.compile(rf"/@(?P<h>{SEGMENT})"), False)],
    "threads": [(re.compile(rf"/@(?P<h>{SEGMENT})"), False)],
    "facebook": [
        (re.compile(r"/profile\.php\?(?:[^#\s]*&)?id=(?P<h>[0-9]+)", re.I), False),
        (re.compile(rf"/people/(?P<h>{SEGMENT})", re.I), False),
        (re.compile(rf"/(?P<h>{SEGMENT})"), True),
    ],
    "youtube": [
        (re.compile(rf"/@(?P<h>{SEGMENT})"), False),
        (re.compile(rf"/(?:c|user)/(?P<h>{SEGMENT})", re.I), False),
    ],
}
SITES = {"twitter": "x", "fb": "facebook"}
# first path segments that name a page of the platform, not an account
NOT_ACCOUNTS = {
    "x": {"i", "intent", "share", "search", "hashtag", "home", "explore", "settings", "messages", "notifications",
          "compose", "login", "signup", "tos", "privacy", "about", "download", "account", "logout"},
    "instagram": {"p", "reel", "reels", "tv", "explore", "stories", "accounts", "direct", "about", "developer",
                  "legal", "web", "challenge"},
    "facebook": {"permalink.php", "profile.php", "story.php", "photo.php", "photo", "photos", "watch", "groups",
                 "events", "pages", "hashtag", "share", "sharer", "sharer.php", "reel", "reels", "videos",
                 "video.php", "plugins", "login", "login.php", "people", "marketplace", "gaming", "help", "privacy",
                 "policies", "dialog", "ads", "business", "l.php", "stories", "notes", "media", "tr", "home.php",
                 "search", "messages", "notifications", "settings", "live", "fundraisers", "bookmarks", "friends"},
}  # fmt: skip
# an @mention: not the @ of an e-mail address (a letter, digit, '.', '+' or '-' before it), nor
# a spreadsheet function (@SUM(A1:A9): a '(' right after the word)
MENTION = re.compile(r"(?<![\w.+-])@(?P<h>(?>[\w.-]*\w))(?!\()")
WORD = re.compile(r"[\w.-]*\w")

Span = tuple[int, int, str]  # start, end, the handle as written


def normalize_handle(value: str) -> str:
    """Handles compare as lower case without a leading @, as in the account registry."""
    return value.strip().lstrip("@").strip().lower()


def searchable(handle: str) -> bool:
    """Long enough to search for, and not already a pseudonym."""
    clean = normalize_handle(handle)
    return len(clean) >= MIN_HANDLE_LENGTH and not PSEUDONYM.fullmatch(clean)


def link_accounts(text: str) -> list[Span]:
    """Accounts named in the social-platform links of ``text``, where they are written."""
    spans: list[Span] = []
    lower = text.lower()
    if ".com/" not in lower and ".net/" not in lower:  # most texts: no regex search at all
        return spans
    for host in HOST_END.finditer(text):
        before = max(0, host.start() - 10)  # the longest site name and the character before it
        site = SITE.search((" " if before == 0 else "") + text[before : host.start()])
        if site is None:
            continue
        name = site.group(1).lower()
        name = SITES.get(name, name)
        path = LINK_PATH.match(text, host.end())  # always matches: the host ends before a /
        if path is None:
            continue
        for pattern, first_segment in ACCOUNT_PATHS[name]:
            found = pattern.match(path.group(0))
            if found is None:
                continue
            handle = found.group("h").rstrip(".")
            if first_segment and handle.lower() in NOT_ACCOUNTS.get(name, ()):
                break  # a page of the platform (instagram.com/p/...), not an account
            start = host.end() + found.start("h")
            spans.append((start, start + len(handle), handle))
            break
    return spans


def mentions(text: str) -> list[Span]:
    """The @mentions of ``text`` (the handle after the @), e-mail addresses excluded."""
    if "@" not in text:
        return []
    return [(m.start("h"), m.end("h"), m.group("h")) for m in MENTION.finditer(text)]


@lru_cache(maxsize=65536)
def _pattern(own: tuple[str, ...], readable: frozenset[str]) -> tuple[re.Pattern[str], str | None] | None:
    """One pattern for a row's own private handles, longest first (compiled once per set), and
    the handle when there is just one (then ``sub`` takes its pseudonym as a plain string)."""
    handles = {normalize_handle(h) for h in own if searchable(h)} - readable
    if not handles:
        return None
    ordered = sorted(handles, key=lambda h: (-len(h), h))
    pattern = re.compile("|".join(re.escape(h) for h in ordered), re.IGNORECASE)
    return pattern, (ordered[0] if len(ordered) == 1 else None)


def _replace(text: str, spans: list[Span], alias: Callable[[str], str], readable: frozenset[str]) -> str:
    out, at = [], 0
    for start, end, handle in sorted(spans):
        clean = normalize_handle(handle)
        if start < at or not searchable(clean) or clean in readable:
            continue
        out += [text[at:start], alias(clean)]
        at = end
    return "".join(out) + text[at:] if out else text


def hide(
    text: str,
    own: tuple[str, ...],
    alias: Callable[[str], str],
    readable: frozenset[str] = frozenset(),
    links_in_own: bool = False,
) -> str:
    """``text`` with each private handle replaced by ``alias(handle)``.

    ``own`` are the handles known to be private for this text (the row's private author, the
    accounts of its links): replaced wherever they occur, case-insensitively, longest first in
    one pass (so a shorter one never hits a pseudonym just written). Then every other account of
    a social link and every @mention that is not ``readable`` (the official accounts).
    ``links_in_own``: the accounts of this text's links are in ``own`` (the text is the row's
    link), so its links need no second look. Called for every text of a social mention: the
    cheap tests (``in``) come first."""
    if own and (found := _pattern(own, readable)) is not None:
        pattern, single = found
        if single is not None:
            text = pattern.sub(alias(single), text)
        else:
            text = pattern.sub(lambda m: alias(normalize_handle(m.group(0))), text)
    if not links_in_own:
        lower = text.lower()
        if ".com/" in lower or ".net/" in lower:
            text = _replace(text, link_accounts(text), alias, readable)
    if "@" in text:
        spans = [s for s in mentions(text) if not PSEUDONYM.fullmatch(s[2]) and _has_letter(s[2])]
        if spans:
            text = _replace(text, spans, alias, readable)
    return text


def _has_letter(value: str) -> bool:
    return re.search(r"[^\W\d_]", value) is not None


def named_handles(text: str) -> set[str]:
    """The handles ``hide`` would replace in ``text`` (readable ones included), normalized."""
    spans = link_accounts(text) + [s for s in mentions(text) if _has_letter(s[2])]
    return {normalize_handle(h) for _, _, h in spans if searchable(h)}


def author_cells(line: str, delimiter: str, authors: list[int], columns: int) -> set[str]:
    """The cells of a damaged line that may hold its author, as written.

    The damage (an extra delimiter, a lost one, a stray quote, a cut) moved the cells after it by
    the number of cells the line has too many or too few, and left those before it in place; where
    it is is unknown. So for each author column ``a`` (0-based, of ``columns``) both the cell at
    ``a`` and the cell at ``a`` + (cells - columns) count, split with quotes and without them.
    Cells that cannot be an author are left out: empty, no letter, a link, a merged run of cells
    (holding the delimiter), longer than 100 characters."""
    splits = [line.split(delimiter)]
    try:
        splits.append(next(csv.reader([line], delimiter=delimiter, strict=False), []))
    except csv.Error:  # a NUL byte
        pass
    found: set[str] = set()
    for cells in splits:
        shift = len(cells) - columns
        for at in {i for a in authors for i in (a, a + shift) if 0 <= i < len(cells)}:
            value = cells[at].strip().strip('"').strip()
            if _has_letter(value) and delimiter not in value and "/" not in value and len(value) <= 100:
                found.add(value)
    return found


def words(text: str) -> set[str]:
    """The handle-shaped words of ``text`` (lower case), to look up among known private authors."""
    return {w.lower() for w in WORD.findall(text) if searchable(w) and _has_letter(w)}
