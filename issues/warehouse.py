"""Issue suggestions in the warehouse: the office's labelled mentions as training data, and
`raw.mention_issue_suggestions` for the texts whose issue is outside the taxonomy.

Each text is suggested once, by the keywords and the classifier of the build that first sees
it, and keeps that suggestion: a rebuild changes no suggestion, so the months already built stay
as they are. The classifier is trained on the labelled texts of the WINDOW_MONTHS months (WITA)
before the newest month with a mention: a text counts when one of its mentions was published in
that window, labelled with its smallest issue there (an analyst's corrected issue first, else the
vendor's label through the aliases). The suggester version recorded with each row names the
keyword list, the window and the classifier's training data (a digest of its texts and issues);
with a cache folder, the classifier trained for a version is kept there and reused while the
version is unchanged (several builds in one month), and trained again when it changes (a new
month, a corrected label). To suggest every text again (e.g. after adding keywords), delete the
rows of raw.mention_issue_suggestions and run a full refresh.

Cost: the window's mentions (a filter on published_at), the issue labels of every mention (a
column scan; only the mentions without an issue in the taxonomy are hashed), and a training run
only when some text needs a suggestion and the cache has no classifier for the version; none of
it grows with the months of history beyond the window.
"""

from __future__ import annotations

import hashlib
import logging
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import duckdb
import pyarrow as pa

from issues.classifier import (
    MAX_TEXTS,
    MIN_PER_ISSUE,
    MIN_TEXTS,
    IssueClassifier,
    load_classifier,
    save_classifier,
    train_classifier,
)
from issues.keywords import KeywordMatcher
from issues.suggest import Suggester
from issues.taxonomy import SEEDS, issue_codes, issue_keywords
from sentiment.scoring import TEXT_HASH_SQL, TEXT_SQL

log = logging.getLogger(__name__)

# months of labelled texts the classifier learns from: a whole year, so that every seasonal issue
# (the rainy season's floods, the school year, Ramadan and the holidays) is in it once, and no
# more, so that the cost stops growing with history and old wording (past officials, finished
# projects) fades out; at the sample's rate a year already holds more than MAX_TEXTS texts
WINDOW_MONTHS = 12

_ISSUE_KEY_SQL = "lower(trim(regexp_replace(issue_label, '\\s+', ' ', 'g')))"
_CORRECTED = "select mention_id, max_by(issue, corrected_at) as issue from raw.label_corrections where issue is not null group by mention_id"

# one row per distinct mention text: its issue from the taxonomy (an analyst's corrected issue
# first, else the vendor's label through the aliases), or null, its first month (WITA), and
# whether some mention with this text has no issue in the taxonomy (it needs a suggestion)
_TEXTS = f"""
    with mentions as (
        select mention_id, {TEXT_HASH_SQL} as text_hash, {TEXT_SQL} as text,
               {_ISSUE_KEY_SQL} as issue_key,
               date_trunc('month', timezone('Asia/Makassar', published_at))::date as month
        from raw.media_mentions
    ),
    corrected as ({_CORRECTED}),
    labelled as (
        select mentions.text_hash, mentions.text, mentions.month,
               coalesce(corrected.issue, _issue_keys.issue_code) as issue
        from mentions
        left join corrected using (mention_id)
        left join _issue_keys using (issue_key)
        where mentions.text <> ''
    )
    select text_hash, any_value(text) as text, min(month) as month, min(issue) as issue,
           bool_or(issue is null) as needs_issue
    from labelled group by text_hash
"""

# the newest month (WITA) with a mention that has a text
_NEWEST = """
    select date_trunc('month', timezone('Asia/Makassar', max(published_at)))::date
    from raw.media_mentions where coalesce(trim(title), '') <> '' or coalesce(trim(snippet), '') <> ''
"""

# the distinct labelled texts of the mentions published in [$start, $end) (months in WITA)
_WINDOW_TEXTS = f"""
    with mentions as (
        select mention_id, {TEXT_SQL} as text, {_ISSUE_KEY_SQL} as issue_key
        from raw.media_mentions
        where published_at >= timezone('Asia/Makassar', $start::timestamp)
          and published_at < timezone('Asia/Makassar', $end::timestamp)
    ),
    corrected as ({_CORRECTED}),
    texts as (
        select text, min(coalesce(corrected.issue, _issue_keys.issue_code)) as issue
        from mentions
        left join corrected using (mention_id)
        left join _issue_keys using (issue_key)
        where mentions.text <> ''
        group by text
    )
"""
# how many they are, and a digest of them (for the version), computed in DuckDB: a window of
# millions of texts is never fetched into Python
_WINDOW_SUMMARY = (
    _WINDOW_TEXTS
    + "select count(*), coalesce(sum(hash(text || chr(9) || issue))::hugeint, 0) from texts where issue is not null"
)
# the training sample: the first $limit of them by the SHA-256 of their text (spread over the window)
_WINDOW_SAMPLE = (
    _WINDOW_TEXTS + "select text, issue from texts where issue is not null order by sha256(text) limit $limit"
)

# the vendor labels (as written) outside the taxonomy: a few distinct values
_OUTSIDE = f"""
    select issue_label from (select distinct issue_label from raw.media_mentions where issue_label is not null)
    left join _issue_keys on _issue_keys.issue_key = {_ISSUE_KEY_SQL}
    where _issue_keys.issue_code is null order by issue_label
"""

# the distinct texts of the mentions without an issue in the taxonomy (no label or one of
# $outside, and no corrected issue) that have no suggestion yet; the filter on the label is done
# in the scan, so only those mentions' texts are read and hashed
_TODO = f"""
    with needing as (
        select mention_id, {TEXT_SQL} as text
        from raw.media_mentions
        where issue_label is null or list_contains($outside::varchar[], issue_label)
    ),
    texts as (
        select sha256(text) as text_hash, text from needing
        anti join ({_CORRECTED}) as corrected using (mention_id)
        where text <> '' group by text
    )
    select text_hash, text from texts
    anti join raw.mention_issue_suggestions using (text_hash)
    order by text_hash
"""


@dataclass(frozen=True)
class SuggestionRun:
    version: str
    classifier_issues: int  # issues the classifier knows (0: keywords only)
    training_texts: int  # labelled texts of the window the classifier learns from (at most MAX_TEXTS)
    suggested: int
    window: tuple[date, date] | None = None  # [first month, newest month) of the training data
    trained: bool = False  # the classifier was trained in this run (not taken from the cache)


def _register_keys(con: duckdb.DuckDBPyConnection) -> None:
    keys = issue_codes()
    con.register("_issue_keys", pa.table({"issue_key": list(keys), "issue_code": list(keys.values())}))


def labelled_texts(con: duckdb.DuckDBPyConnection, before_month: object = None, limit: int | None = None) -> list:
    """(text, issue, month) of distinct labelled texts of the whole history, first months before
    `before_month` (`citra issues evaluate` and `suggest`; the build uses `training_window`)."""
    _register_keys(con)
    rows = con.execute(
        f"""select text, issue, month from ({_TEXTS})
            where issue is not null and ($before::date is null or month < $before::date)
            order by text_hash {"limit " + str(int(limit)) if limit else ""}""",
        {"before": before_month},
    ).fetchall()
    con.unregister("_issue_keys")
    return rows


def months_before(month: date, months: int) -> date:
    """The first day of the month `months` months before `month`."""
    year, index = divmod(month.year * 12 + month.month - 1 - months, 12)
    return date(year, index + 1, 1)


@dataclass(frozen=True)
class TrainingWindow:
    """[first month, newest month) of the training data, and its distinct labelled texts: how many,
    and a digest of their texts and issues."""

    start: date
    end: date
    texts: int
    digest: str


def training_window(con: duckdb.DuckDBPyConnection) -> TrainingWindow | None:
    """The training window of the warehouse; None when it has no mention with a text."""
    newest = con.execute(_NEWEST).fetchall()[0][0]
    if newest is None:
        return None
    start = months_before(newest, WINDOW_MONTHS)
    _register_keys(con)
    count, digest = con.execute(_WINDOW_SUMMARY, {"start": start, "end": newest}).fetchall()[0]
    con.unregister("_issue_keys")
    return TrainingWindow(start, newest, count, str(digest))


def training_sample(con: duckdb.DuckDBPyConnection, window: TrainingWindow, limit: int = MAX_TEXTS) -> list:
    """(text, issue) of at most `limit` of the window's labelled texts, by the SHA-256 of the text."""
    _register_keys(con)
    rows = con.execute(_WINDOW_SAMPLE, {"start": window.start, "end": window.end, "limit": limit}).fetchall()
    con.unregister("_issue_keys")
    return rows


def suggester_version(window: TrainingWindow | None) -> str:
    """The keyword list, the window and its labelled texts (count and digest), and the classifier's settings."""
    span = (window.start, window.end) if window else None
    texts, digest = (window.texts, window.digest) if window else (0, "0")
    recipe = f"{(SEEDS / 'issue_keywords.csv').read_bytes().hex()}|{span}|{texts}|{digest}"
    recipe += f"|{MIN_TEXTS}|{MIN_PER_ISSUE}|{MAX_TEXTS}|{WINDOW_MONTHS}"
    return "issues-" + hashlib.sha256(recipe.encode()).hexdigest()[:12]


def _classifier(
    con: duckdb.DuckDBPyConnection, version: str, window: TrainingWindow | None, cache_dir: Path | None
) -> tuple[IssueClassifier | None, bool]:
    """The classifier for `version` from the cache, else trained on the window's sample and cached
    (only the newest version is kept)."""
    cached = cache_dir / f"issue_classifier_{version}.npz" if cache_dir else None
    if cached and cached.exists():
        try:
            return load_classifier(cached), False
        except (OSError, ValueError, KeyError) as exc:
            log.warning("%s: unreadable cached classifier, training again (%s)", cached, exc)
    examples = training_sample(con, window) if window else []
    classifier = train_classifier(examples)
    if cached and classifier is not None:
        save_classifier(cached, classifier)
        for old in cached.parent.glob("issue_classifier_*.npz"):
            if old != cached:
                old.unlink(missing_ok=True)
    return classifier, True


def suggest_for_warehouse(con: duckdb.DuckDBPyConnection, cache_dir: Path | None = None) -> SuggestionRun:
    """Suggest issues for the texts outside the taxonomy that have no suggestion yet; `cache_dir`
    keeps the classifier trained for the current version."""
    window = training_window(con)
    version = suggester_version(window)
    _register_keys(con)
    outside = [label for (label,) in con.execute(_OUTSIDE).fetchall()]
    con.unregister("_issue_keys")
    todo = con.execute(_TODO, {"outside": outside}).fetchall()
    classifier, trained = None, False
    if todo:
        classifier, trained = _classifier(con, version, window, cache_dir)
    suggester = Suggester(KeywordMatcher(issue_keywords()), classifier)
    suggestions = suggester.suggest([text for _, text in todo])
    kept = [(h, s) for (h, _), s in zip(todo, suggestions) if s is not None]
    con.execute("begin transaction")
    try:
        if kept:
            con.register(
                "_suggested",
                pa.table(
                    {
                        "text_hash": [h for h, _ in kept],
                        "issue": [s.issue for _, s in kept],
                        "confidence": pa.array([s.confidence for _, s in kept], pa.float64()),
                        "method": [s.method for _, s in kept],
                    }
                ),
            )
            con.execute(
                """insert into raw.mention_issue_suggestions
                   select text_hash, issue, confidence, method, $v, now() from _suggested""",
                {"v": version},
            )
            con.unregister("_suggested")
        con.execute("commit")
    except BaseException:
        con.execute("rollback")
        raise
    known = len(classifier.issues) if classifier else 0
    log.info(
        "%s: %d texts suggested (window %s, %d labelled texts, classifier %s with %d issues)",
        version,
        len(kept),
        (window.start, window.end) if window else None,
        window.texts if window else 0,
        "trained" if trained else "cached" if classifier else "none",
        known,
    )
    span = (window.start, window.end) if window else None
    texts = min(window.texts, MAX_TEXTS) if window else 0
    return SuggestionRun(version, known, texts, len(kept), span, trained)
