"""Text matching: which mentions carry a document (a press release, a registered hoax claim).

Pure functions, no Dagster. The path a caller takes:

    from matching import Document, MatchSettings, match_documents, best_per_mention

    docs = [Document("r1", "Gubernur Kalsel Resmikan Jembatan ...", start, end, body=lead, url=url)]
    pairs = match_documents(con, docs, "select mention_id, published_at, title, snippet, url, "
                            "expanded_url from raw.media_mentions", settings=MatchSettings())
    pickups = best_per_mention(pairs)          # mention_id -> its best accepted Match

- ``documents``: ``Document`` (id, title, body, url, window ``[start, end)``, keywords),
  ``Mention``, ``MatchSettings`` (accept and review thresholds, candidate caps);
- ``candidates``: DuckDB narrows the mentions of each window to candidates (shared terms
  weighted by inverse frequency, or the document's URL in the text);
- ``score``: a pair's score in [0, 1] and why (``Score``: matched_on url/text, coverages,
  shared terms); ``normalize``, ``stem``, ``numbers``, ``seeds``, ``synonyms``, ``urls`` undo
  the ways Indonesian outlets rewrite a text;
- ``learned``, ``features``, ``train``: the agenda's scorer, a logistic regression over features of
  the pair (``learned_score``; ``match_documents(..., method="learned")``), trained by
  ``python -m matching train`` into ``matching/pair_model.json``;
- ``assign``: one document per mention, the best (``best_per_mention``, ``rank_key``);
- ``evaluate``, ``labelled``: precision and recall on the labelled sets
  (``python -m matching evaluate``; docs/agenda.md).
"""

from matching.assign import Match, best_per_mention, rank_key
from matching.documents import Document, MatchSettings, Mention, mentions_table
from matching.run import match_documents
from matching.score import Score, score

__all__ = [
    "Document",
    "Match",
    "MatchSettings",
    "Mention",
    "Score",
    "best_per_mention",
    "match_documents",
    "mentions_table",
    "rank_key",
    "score",
]
