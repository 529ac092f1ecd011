"""Issue suggestions in the warehouse: the office's labelled mentions as training data, and
`raw.mention_issue_suggestions` for the texts whose issue is outside the taxonomy.

Each text is suggested once, by the keywords and the classifier of the build that first sees
it (the classifier trained on the labelled texts of every month but the newest), and keeps that
suggestion: a rebuild changes no suggestion, so the months already built stay as they are. The
suggester version recorded with each row names the keyword list and the classifier's training
data. To suggest every text again (e.g. after adding keywords), delete the rows of
raw.mention_issue_suggestions and run a full refresh.
"""

from __future__ import annotations

import hashlib
import logging
from dataclasses import dataclass

import duckdb
import pyarrow as pa

from issues.classifier import MAX_TEXTS, MIN_PER_ISSUE, MIN_TEXTS, train_classifier
from issues.keywords import KeywordMatcher
from issues.suggest import Suggester
from issues.taxonomy import SEEDS, issue_codes, issue_keywords
from sentiment.scoring import TEXT_HASH_SQL, TEXT_SQL

log = logging.getLogger(__name__)

# one row per distinct mention text: its issue from the taxonomy (an analyst's corrected issue
# first, else the vendor's label through the aliases), or null, its first month (WITA), and
# whether some mention with this text has no issue in the taxonomy (it needs a suggestion)
_TEXTS = f"""
    with mentions as (
        select mention_id, {TEXT_HASH_SQL} as text_hash, {TEXT_SQL} as text,
               lower(trim(regexp_replace(issue_label, '\\s+', ' ', 'g'))) as issue_key,
               date_trunc('month', timezone('Asia/Makassar', published_at))::date as month
        from raw.media_mentions
    ),
    corrected as (
        select mention_id, max_by(issue, corrected_at) as issue
        from raw.label_corrections where issue is not null group by mention_id
    ),
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


@dataclass(frozen=True)
class SuggestionRun:
    version: str
    classifier_issues: int  # issues the classifier knows (0: keywords only)
    training_texts: int
    suggested: int


def _register_keys(con: duckdb.DuckDBPyConnection) -> None:
    keys = issue_codes()
    con.register("_issue_keys", pa.table({"issue_key": list(keys), "issue_code": list(keys.values())}))


def labelled_texts(con: duckdb.DuckDBPyConnection, before_month: object = None, limit: int | None = None) -> list:
    """(text, issue, month) of distinct labelled texts, first months before `before_month`."""
    _register_keys(con)
    rows = con.execute(
        f"""select text, issue, month from ({_TEXTS})
            where issue is not null and ($before::date is null or month < $before::date)
            order by text_hash {"limit " + str(int(limit)) if limit else ""}""",
        {"before": before_month},
    ).fetchall()
    con.unregister("_issue_keys")
    return rows


def _training_fingerprint(con: duckdb.DuckDBPyConnection) -> tuple[object, int, str]:
    """(newest month, labelled texts before it, a hash of them) of the warehouse."""
    _register_keys(con)
    newest, count, digest = con.execute(
        f"""with texts as ({_TEXTS}), newest as (select max(month) as month from texts)
            select (select month from newest), count(*), coalesce(bit_xor(hash(text_hash || issue)), 0)
            from texts where issue is not null and month < (select month from newest)"""
    ).fetchall()[0]
    con.unregister("_issue_keys")
    return newest, count, str(digest)


def suggest_for_warehouse(con: duckdb.DuckDBPyConnection) -> SuggestionRun:
    """Suggest issues for the texts outside the taxonomy that have no suggestion yet."""
    newest, count, digest = _training_fingerprint(con)
    recipe = f"{(SEEDS / 'issue_keywords.csv').read_bytes().hex()}|{newest}|{count}|{digest}"
    recipe += f"|{MIN_TEXTS}|{MIN_PER_ISSUE}|{MAX_TEXTS}"
    version = "issues-" + hashlib.sha256(recipe.encode()).hexdigest()[:12]
    _register_keys(con)
    todo = con.execute(
        f"""select text_hash, text from ({_TEXTS})
            where needs_issue
              and text_hash not in (select text_hash from raw.mention_issue_suggestions)
            order by text_hash"""
    ).fetchall()
    con.unregister("_issue_keys")
    classifier, training = None, 0
    if todo:
        examples = [(t, i) for t, i, _ in labelled_texts(con, newest, MAX_TEXTS)] if newest else []
        training = len(examples)
        classifier = train_classifier(examples)
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
    log.info("%s: %d texts suggested (classifier on %d texts, %d issues)", version, len(kept), training, known)
    return SuggestionRun(version, known, training, len(kept))
