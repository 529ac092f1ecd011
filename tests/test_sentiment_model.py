"""The sentiment model: training is deterministic, extra examples count, predictions beat a
trivial baseline, confidences are probabilities, and the shipped model is the one the code trains."""

from __future__ import annotations

import shutil
from collections import Counter
from pathlib import Path

import duckdb
import numpy as np
import pytest
from sklearn.metrics import f1_score
from small_sentiment import small_model_path, small_training_set

from sentiment import model as model_module
from sentiment.artifact import ModelFileError
from sentiment.cli import main
from sentiment.corrections import read_corrections
from sentiment.labelled import LABELS, Example, LabelledFileError, bundled
from sentiment.lexicon import learn_lexicon
from sentiment.model import load_model
from sentiment.normalize import tokens
from sentiment.train import train


def test_same_examples_give_the_same_bytes_and_predictions(tmp_path):
    examples = small_training_set()[:600] + bundled("nusax_ind", "train")[:50] + bundled("nusax_bjn", "train")[:50]
    sha_a, _ = train(examples, tmp_path / "a.zip")
    sha_b, _ = train(examples, tmp_path / "b.zip")
    assert sha_a == sha_b
    assert (tmp_path / "a.zip").read_bytes() == (tmp_path / "b.zip").read_bytes()
    texts = [e.text for e in bundled("smsa", "valid")[:100]]
    a, b = load_model(tmp_path / "a.zip"), load_model(tmp_path / "b.zip")
    assert a.predict(texts)[0] == b.predict(texts)[0]
    assert a.version == b.version


def test_extra_examples_change_what_the_model_predicts(tmp_path):
    base = small_training_set()[:800]
    phrase = "pelayanan samsat zorblax hari ini"
    extra = [Example(f"{phrase} {i}", "negative") for i in range(5)] + [
        Example(f"layanan zorblax lagi {i}", "negative") for i in range(5)
    ]
    sha_plain, _ = train(base, tmp_path / "plain.zip")
    sha_extra, manifest = train(base, tmp_path / "extra.zip", extra=extra)
    assert sha_plain != sha_extra
    assert manifest["examples"]["extra"] == 10
    plain, corrected = load_model(tmp_path / "plain.zip"), load_model(tmp_path / "extra.zip")
    probe = ["antrean zorblax di kantor", "zorblax"]
    p_plain = plain.probabilities(probe)[:, 0]
    p_corrected = corrected.probabilities(probe)[:, 0]
    assert (p_corrected > p_plain).all()
    assert corrected.predict(["zorblax"])[0] == ["negative"]


def test_model_beats_the_majority_baseline_on_held_out_texts():
    held_out = bundled("smsa", "valid")[:300]
    truth = [e.label for e in held_out]
    predicted, _ = load_model(small_model_path()).predict([e.text for e in held_out])
    majority = Counter(e.label for e in small_training_set()).most_common(1)[0][0]
    trivial = f1_score(truth, [majority] * len(truth), average="macro")
    assert f1_score(truth, predicted, average="macro") > trivial + 0.3


def test_the_label_is_the_most_probable_one_and_its_probability_the_confidence():
    # bugs caught: a label that is not the argmax of the probabilities (labels and columns out of
    # step), a confidence that is not the probability of the label given
    model = load_model(small_model_path())
    texts = [
        "makanannya enak sekali, saya puas",
        "pelayanan buruk sekali, saya kecewa",
        "",
        "   ",
        "!!!",
        "rapat 2024 di https://kalselprov.go.id @humas",
    ]
    labels, confidence = model.predict(texts)
    p = model.probabilities(texts)
    assert labels[:2] == ["positive", "negative"]  # two labels, so a swap of columns shows
    assert labels == [LABELS[i] for i in p.argmax(axis=1)]
    assert np.allclose(p.sum(axis=1), 1, atol=1e-5)
    assert ((confidence >= 1 / 3 - 1e-6) & (confidence <= 1)).all()
    assert np.allclose(confidence, p[np.arange(len(texts)), [LABELS.index(x) for x in labels]])


def test_batches_give_the_same_result_as_single_texts(monkeypatch):
    model = load_model(small_model_path())
    texts = [e.text for e in bundled("nusax_bjn", "valid")[:25]]
    whole = model.probabilities(texts)
    monkeypatch.setattr(model_module, "BATCH", 7)
    assert np.allclose(model.probabilities(texts), whole, atol=1e-6)
    assert np.allclose(np.vstack([model.probabilities([t]) for t in texts]), whole, atol=1e-6)


def test_shipped_model_labels_plain_indonesian_and_banjar_sentences():
    labels, _ = load_model().predict(
        [
            "pelayanannya sangat buruk dan mengecewakan, saya kecewa",
            "makanannya enak sekali dan harganya murah, saya puas",
            "ulun kada katuju, makanannya kada nyaman wan larang banar",
            "wadainya nyaman banar, ulun katuju haja",
        ]
    )
    assert labels == ["negative", "positive", "negative", "positive"]


def test_a_changed_shipped_model_is_refused(tmp_path, monkeypatch):
    copy = tmp_path / "citra-sentiment.zip"
    shutil.copy(model_module.ARTIFACT, copy)
    shutil.copy(model_module.ARTIFACT_SHA256, copy.with_suffix(".sha256"))
    data = bytearray(copy.read_bytes())
    data[-100] ^= 1
    copy.write_bytes(bytes(data))
    monkeypatch.setattr(model_module, "ARTIFACT", copy)
    monkeypatch.setattr(model_module, "ARTIFACT_SHA256", copy.with_suffix(".sha256"))
    model_module._shipped.cache_clear()
    try:
        with pytest.raises(ModelFileError, match="differs from the recorded"):
            load_model()
    finally:
        model_module._shipped.cache_clear()


def test_a_file_that_is_not_a_model_is_a_clear_error(tmp_path):
    path = tmp_path / "model.zip"
    path.write_text("not a model")
    with pytest.raises(ModelFileError, match="model.zip: not a Citra sentiment model"):
        load_model(path)


def test_lexicon_maps_banjar_words_and_leaves_shared_words_alone():
    pairs = [
        ("makanannya tidak enak", "makanannya kada nyaman"),
        ("saya tidak suka tempatnya", "ulun kada katuju wadahnya"),
        ("saya suka makanannya", "ulun katuju makanannya"),
        ("tempatnya enak", "wadahnya nyaman"),
        ("saya datang pagi", "ulun datang pagi"),
    ]
    counts = Counter(w for a, _ in pairs for w in tokens(a))
    lexicon = learn_lexicon(pairs, counts)
    assert lexicon["kada"] == "tidak"
    assert lexicon["ulun"] == "saya"
    assert lexicon["katuju"] == "suka"
    assert "makanannya" not in lexicon


def test_normalization_shortens_elongations_and_masks_numbers_and_links():
    assert tokens("Baguuusss bgt!!! 12.500 org, lihat https://x.co/a @humas_kalsel") == [
        "bagus",
        "bgt",
        "!",
        "!",
        "!",
        "00.000",
        "org",
        "lihat",
        "url",
        "user",
    ]


def _warehouse_with_corrections(path: Path, rows: list[tuple[str, str, str | None, str]]) -> Path:
    """Mentions (id, title, snippet) and their corrections (id, sentiment, time) in the pipeline's tables."""
    from ingestion.schema import create_raw_schema

    with duckdb.connect(str(path)) as con:
        create_raw_schema(con)
        for mention_id, title, snippet, _ in rows:
            con.execute(
                """insert into raw.media_mentions (mention_id, source_file_id, source_row, vendor, profile,
                       published_at, title, snippet, export_date, ingested_at)
                   values (?, 'f', 1, 'manual', 'generic', '2025-10-01 00:00:00+00', ?, ?, '2025-10-02', now())""",
                [mention_id, title, snippet],
            )
        for n, (mention_id, _, _, label) in enumerate(rows):
            con.execute(
                """insert into raw.label_corrections (mention_id, matched_on, sentiment, corrected_by, corrected_at,
                       source_file_id, source_row, ingested_at)
                   values (?, 'mention_id', ?, 'Rina', '2025-10-05 00:00:00+00'::timestamptz + to_hours(?), 'c', ?, now())""",
                [mention_id, label, n, n + 2],
            )
    return path


def test_corrections_are_read_with_the_mention_text_and_the_newest_label_wins(tmp_path):
    # bugs caught: training on a superseded label; the text not joined from the mention
    warehouse = _warehouse_with_corrections(
        tmp_path / "w.duckdb",
        [
            ("m1", "Banjir rendam 3 desa", "warga mengungsi", "positive"),
            ("m2", "Jembatan baru diresmikan", None, "positive"),
            ("m1", "Banjir rendam 3 desa", "warga mengungsi", "negative"),  # later: supersedes
        ],
    )
    assert read_corrections(warehouse) == [
        Example("Banjir rendam 3 desa warga mengungsi", "negative"),
        Example("Jembatan baru diresmikan", "positive"),
    ]


def test_corrections_with_an_unknown_label_name_the_mention(tmp_path):
    warehouse = _warehouse_with_corrections(
        tmp_path / "w.duckdb", [("m1", "a", None, "positive"), ("m2", "b", None, "sangat positif")]
    )
    with pytest.raises(LabelledFileError, match=r"mention m2: label 'sangat positif'"):
        read_corrections(warehouse)


def test_train_with_corrections_adds_them_to_the_model(tmp_path, monkeypatch, capsys):
    import sentiment.train

    monkeypatch.setattr(sentiment.train, "bundled_examples", lambda: small_training_set()[:500])
    warehouse = _warehouse_with_corrections(
        tmp_path / "w.duckdb", [(f"m{n}", f"Banjir rendam {n} desa", None, "negative") for n in range(3)]
    )
    code = main(["train", "--with-corrections", "--warehouse", str(warehouse), "--output", str(tmp_path / "m.zip")])
    assert code == 0, capsys.readouterr().err
    assert load_model(tmp_path / "m.zip").manifest["examples"]["extra"] == 3


def test_train_with_corrections_but_no_table_says_so(tmp_path, capsys):
    warehouse = tmp_path / "w.duckdb"
    duckdb.connect(str(warehouse)).close()
    assert main(["train", "--with-corrections", "--warehouse", str(warehouse)]) == 2
    assert "has no table raw.label_corrections" in capsys.readouterr().err


@pytest.mark.slow
def test_retraining_reproduces_the_shipped_model_byte_for_byte(capsys):
    assert main(["train", "--check"]) == 0, capsys.readouterr().out
