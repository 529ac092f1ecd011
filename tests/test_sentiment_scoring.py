"""The build's scoring step: every distinct mention text labelled once per model version, the
settings in force recorded once per change."""

from __future__ import annotations

import hashlib
from pathlib import Path

import duckdb
import pytest
from small_sentiment import small_model_path

from ingestion.schema import MEDIA_MENTION_COLUMNS, create_raw_schema
from sentiment.model import load_model
from sentiment.scoring import score_new_texts
from sentiment.settings import LabelSettings, SentimentConfigError, load_settings


def _warehouse(tmp_path: Path) -> duckdb.DuckDBPyConnection:
    con = duckdb.connect(str(tmp_path / "w.duckdb"))
    create_raw_schema(con)
    return con


def _add(con: duckdb.DuckDBPyConnection, mention_id: str, title: str | None, snippet: str | None, vendor: str) -> None:
    values = {c: None for c in MEDIA_MENTION_COLUMNS}
    values |= {
        "mention_id": mention_id,
        "source_file_id": "f",
        "source_row": 1,
        "vendor": vendor,
        "profile": "generic",
        "published_at": "2025-10-06 01:00:00+00",
        "title": title,
        "snippet": snippet,
        "export_date": "2025-10-07",
        "ingested_at": "2025-10-07 00:00:00+00",
    }
    con.execute(
        f"insert into raw.media_mentions ({', '.join(values)}) values ({', '.join('?' for _ in values)})",
        list(values.values()),
    )


def test_a_rebuild_labels_nothing_twice_and_a_new_model_version_labels_every_text_again(tmp_path: Path) -> None:
    # bugs caught: every build relabelling the whole archive; the same headline from two vendors
    # labelled twice; a new model silently keeping the old model's labels
    con = _warehouse(tmp_path)
    _add(con, "a", "Warga kecewa jalan rusak", "Perbaikan tak kunjung datang", "meltwater")
    _add(con, "b", "Warga kecewa jalan rusak", "Perbaikan tak kunjung datang", "manual")
    _add(con, "c", "Gubernur resmikan jembatan baru", None, "manual")
    _add(con, "d", None, "  ", "manual")  # no text at all: nothing to label
    small, shipped = load_model(small_model_path()), load_model()
    assert small.version != shipped.version

    first = score_new_texts(con, small, LabelSettings())
    assert (first.scored, first.known) == (2, 0)
    assert score_new_texts(con, small, LabelSettings()).scored == 0
    _add(con, "e", "Banjir rendam tiga desa", "", "manual")
    assert score_new_texts(con, small, LabelSettings()).scored == 1

    again = score_new_texts(con, shipped, LabelSettings())
    assert (again.scored, again.known) == (3, 0)
    per_version = dict(con.execute("select model_version, count(*) from raw.mention_sentiment group by 1").fetchall())
    assert per_version == {small.version: 3, shipped.version: 3}  # the old version's labels are kept


def test_stored_labels_are_the_models_own_keyed_by_the_hash_of_title_and_snippet(tmp_path: Path) -> None:
    # bug caught: labels shifted against their keys between batches, or a key that dbt's
    # mention_text_hash (the same SQL) cannot find
    con = _warehouse(tmp_path)
    texts = [("Warga kecewa, jalan rusak", "tak kunjung diperbaiki"), ("Festival budaya ramai pengunjung", None)]
    for n, (title, snippet) in enumerate(texts):
        _add(con, f"m{n}", title, snippet, "manual")
    model = load_model(small_model_path())
    score_new_texts(con, model, LabelSettings())
    stored = dict(
        (h, (s, c))
        for h, s, c in con.execute("select text_hash, sentiment, confidence from raw.mention_sentiment").fetchall()
    )
    joined = [" ".join(part for part in pair if part) for pair in texts]
    labels, confidences = model.predict(joined)
    for text, label, confidence in zip(joined, labels, confidences):
        key = hashlib.sha256(text.encode()).hexdigest()
        assert stored[key][0] == label
        assert stored[key][1] == pytest.approx(float(confidence))


def test_texts_are_labelled_batch_by_batch_none_lost_or_doubled_at_the_edges(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # bug caught: the texts come to Python a batch at a time (so a first build of millions of
    # mentions does not hold them all); an off-by-one in the paging drops or repeats the text at
    # each batch's edge, or shifts labels against their keys
    monkeypatch.setattr("sentiment.scoring.BATCH", 3)
    con = _warehouse(tmp_path)
    words = ["jalan", "banjir", "festival", "jembatan", "sekolah", "pasar", "tambang", "rumah", "bandara", "sungai"]
    texts = [f"Berita {w} nomor {n}" for n, w in enumerate(words)]
    for n, text in enumerate(texts):
        _add(con, f"m{n}", text, None, "manual")
    model = load_model(small_model_path())
    assert score_new_texts(con, model, LabelSettings()).scored == 10
    stored = con.execute("select text_hash, sentiment, confidence from raw.mention_sentiment").fetchall()
    labels, confidences = model.predict(texts)
    expected = {
        hashlib.sha256(t.encode()).hexdigest(): (label, float(c)) for t, label, c in zip(texts, labels, confidences)
    }
    assert len(stored) == 10
    assert {h: (s, pytest.approx(c)) for h, s, c in stored} == expected


def test_a_build_stopped_half_way_keeps_its_labels_and_switches_no_settings(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # bugs caught: the settings naming a model version before its labels exist (dbt would read a
    # version with texts missing), a stopped build losing the batches it committed, or the next
    # build labelling them again (two rows per text)
    monkeypatch.setattr("sentiment.scoring.BATCH", 3)
    con = _warehouse(tmp_path)
    for n in range(7):
        _add(con, f"m{n}", f"Kabar daerah nomor {n}", None, "manual")
    model = load_model(small_model_path())
    predict, calls = model.predict, []

    def stops_at_the_second_batch(texts: list[str]):
        calls.append(len(texts))
        if len(calls) == 2:
            raise KeyboardInterrupt  # the process stopped mid-build
        return predict(texts)

    monkeypatch.setattr(model, "predict", stops_at_the_second_batch)
    with pytest.raises(KeyboardInterrupt):
        score_new_texts(con, model, LabelSettings())
    assert con.execute("select count(*) from raw.mention_sentiment").fetchall()[0][0] == 3
    assert con.execute("select count(*) from raw.sentiment_settings").fetchall()[0][0] == 0

    monkeypatch.setattr(model, "predict", predict)
    rest = score_new_texts(con, model, LabelSettings())
    assert (rest.scored, rest.known, rest.settings_changed) == (4, 3, True)
    rows = con.execute("select count(*), count(distinct text_hash) from raw.mention_sentiment").fetchall()[0]
    assert rows == (7, 7)


def test_settings_are_recorded_once_per_change(tmp_path: Path) -> None:
    # bug caught: a settings row per build, which would make every build rebuild every month
    con = _warehouse(tmp_path)
    model = load_model(small_model_path())
    assert score_new_texts(con, model, LabelSettings()).settings_changed
    assert not score_new_texts(con, model, LabelSettings()).settings_changed
    assert score_new_texts(con, model, LabelSettings(policy="model_everywhere")).settings_changed
    rows = con.execute("select policy, model_version from raw.sentiment_settings order by effective_at").fetchall()
    assert rows == [("fill_missing", model.version), ("model_everywhere", model.version)]


def test_sentiment_yml_is_checked_with_the_file_and_the_fix(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "sentiment.yml"
    path.write_text("policy: model_only\n")
    with pytest.raises(SentimentConfigError, match="policy 'model_only' is not one of fill_missing, model_everywhere"):
        load_settings(path)
    path.write_text("policy: vendor_only\nreview_min_confidence: 2\n")
    with pytest.raises(SentimentConfigError, match="review_min_confidence 2 must be a number from 0.34 to 1"):
        load_settings(path)
    path.write_text("policy: vendor_only\nmodel: models/none.zip\n")
    with pytest.raises(SentimentConfigError, match="model file .*none.zip not found"):
        load_settings(path, home=tmp_path)
    (tmp_path / "models").mkdir()
    (tmp_path / "models" / "m.zip").write_bytes(b"")
    path.write_text("policy: model_everywhere\nmodel: models/m.zip\n")
    settings = load_settings(path, home=tmp_path)
    assert (settings.policy, settings.model) == ("model_everywhere", tmp_path / "models" / "m.zip")
    monkeypatch.setenv("CITRA_SENTIMENT_CONFIG", str(tmp_path / "missing.yml"))
    with pytest.raises(SentimentConfigError, match="CITRA_SENTIMENT_CONFIG"):
        load_settings()
