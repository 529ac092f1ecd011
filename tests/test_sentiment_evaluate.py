"""`citra sentiment evaluate`: the report, its last line, the file layouts it reads, its errors."""

from __future__ import annotations

import re
import threading
from collections import Counter
from pathlib import Path

import pytest
from sklearn.metrics import accuracy_score, f1_score
from small_sentiment import small_model_path

from sentiment.cli import main
from sentiment.labelled import bundled
from sentiment.model import load_model

SUMMARY = re.compile(r"^macro_f1=(\d\.\d{4}) accuracy=(\d\.\d{4}) ece=(\d\.\d{4}) n=(\d+) texts_per_s=(\d+)$")


def _run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, list[str], str]:
    code = main(["evaluate", *args, "--model", str(small_model_path())])
    out, err = capsys.readouterr()
    return code, out.rstrip("\n").split("\n"), err


def _valid_rows(n: int) -> list[tuple[str, str]]:
    return [(e.text, e.label) for e in bundled("smsa", "valid")[:n]]


def test_last_line_is_the_summary_with_figures_matching_an_independent_computation(tmp_path, capsys):
    rows = _valid_rows(60)
    path = tmp_path / "sample.csv"
    path.write_text("text,label\n" + "".join(f'"{t}",{lab}\n' for t, lab in rows), encoding="utf-8")
    code, lines, _ = _run(capsys, str(path))
    assert code == 0
    match = SUMMARY.match(lines[-1])
    assert match, lines[-1]
    predicted, confidence = load_model(small_model_path()).predict([t for t, _ in rows])
    truth = [lab for _, lab in rows]
    assert float(match[1]) == pytest.approx(f1_score(truth, predicted, average="macro"), abs=6e-5)
    assert float(match[2]) == pytest.approx(accuracy_score(truth, predicted), abs=6e-5)
    assert float(match[3]) == pytest.approx(
        _ece_by_hand(confidence, [t == p for t, p in zip(truth, predicted)]), abs=6e-5
    )
    assert int(match[4]) == 60
    assert int(match[5]) > 0
    report = "\n".join(lines)
    for label in ("positive", "neutral", "negative"):
        assert re.search(rf"^{label}\s+\d\.\d{{4}}\s+\d\.\d{{4}}\s+\d\.\d{{4}}\s+\d+$", report, re.M)
    assert "confusion matrix" in report


def _ece_by_hand(confidence, correct) -> float:
    """Ten equal-width bins, |accuracy - mean confidence| weighted by the bin's share."""
    bins: dict[int, list[tuple[float, bool]]] = {}
    for c, ok in zip(confidence, correct):
        bins.setdefault(min(int(c * 10), 9), []).append((float(c), ok))
    return sum(
        abs(sum(ok for _, ok in b) / len(b) - sum(c for c, _ in b) / len(b)) * len(b) for b in bins.values()
    ) / len(confidence)


def test_ece_of_a_hand_computed_example():
    from sentiment.calibration import ece, reliability

    # bin 0.9-1.0: 4 texts at 0.95, 3 right -> |0.75 - 0.95| = 0.2; bin 0.5-0.6: 2 texts at 0.55,
    # both right -> 0.45; bin 0.3-0.4: 1 text at 0.35 (a bin's lower edge belongs to it), wrong -> 0.35
    confidence = [0.95, 0.95, 0.95, 0.95, 0.55, 0.55, 0.35]
    correct = [True, True, True, False, True, True, False]
    assert ece(confidence, correct) == pytest.approx((4 * 0.2 + 2 * 0.45 + 1 * 0.35) / 7)
    table = {round(b.low, 1): (b.n, round(b.accuracy, 4)) for b in reliability(confidence, correct) if b.n}
    assert table == {0.9: (4, 0.75), 0.5: (2, 1.0), 0.3: (1, 0.0)}
    assert ece([1.0, 1.0], [True, True]) == 0.0  # a confidence of 1 falls in the last bin


def test_detail_prints_a_reliability_table_that_accounts_for_every_text(tmp_path, capsys):
    # bug caught: texts lost from the table (a confidence of exactly 1, or bins below 1/3)
    rows = _valid_rows(80)
    path = tmp_path / "sample.csv"
    path.write_text("text,label\n" + "".join(f'"{t}",{lab}\n' for t, lab in rows), encoding="utf-8")
    code, lines, _ = _run(capsys, str(path), "--detail")
    assert code == 0
    bins = [re.match(r"^(\d\.\d)-(\d\.\d)\s+(\d+)", line) for line in lines]
    bins = [b for b in bins if b]
    assert [b[1] for b in bins] == ["0.3", "0.4", "0.5", "0.6", "0.7", "0.8", "0.9"]
    assert sum(int(b[3]) for b in bins) == 80
    _, confidence = load_model(small_model_path()).predict([t for t, _ in rows])
    counts = Counter(min(int(c * 10), 9) for c in confidence)
    assert [int(b[3]) for b in bins] == [counts.get(k, 0) for k in range(3, 10)]
    assert SUMMARY.match(lines[-1])


def test_headerless_tsv_with_quotes_inside_texts_is_read_row_by_row(tmp_path, capsys):
    rows = [
        ('katanya "enak" tapi ternyata hambar dan mahal', "negative"),
        ("pelayanan ramah , tempat bersih , saya puas", "positive"),
        ('"rapat koordinasi digelar di kantor gubernur', "neutral"),
    ]
    path = tmp_path / "test_preprocess.tsv"
    path.write_text("".join(f"{t}\t{lab}\n" for t, lab in rows), encoding="utf-8")
    code, lines, _ = _run(capsys, str(path))
    assert code == 0
    assert SUMMARY.match(lines[-1])[4] == "3"


def test_custom_column_names_and_indonesian_labels(tmp_path, capsys):
    path = tmp_path / "kliping.csv"
    path.write_text(
        "judul,sentimen,media\n"
        "Gubernur resmikan jembatan baru,positif,Banjarmasin Post\n"
        "Warga keluhkan banjir yang tak kunjung surut,negatif,Radar Banjarmasin\n",
        encoding="utf-8",
    )
    code, lines, _ = _run(capsys, str(path), "--text-column", "judul", "--label-column", "sentimen")
    assert code == 0
    assert SUMMARY.match(lines[-1])[4] == "2"


def test_unknown_labels_are_named_with_file_and_row(tmp_path, capsys):
    path = tmp_path / "labels.csv"
    path.write_text("text,label\nbagus sekali,positive\njelek,postive\nbiasa saja,neutral\nburuk,bad\n")
    code, _, err = _run(capsys, str(path))
    assert code == 2
    assert "labels.csv" in err
    assert "row 3: label 'postive'" in err
    assert "row 5: label 'bad'" in err
    assert "negative, neutral, positive" in err


def test_missing_column_is_named_with_the_columns_found(tmp_path, capsys):
    path = tmp_path / "export.csv"
    path.write_text("headline,sentiment\nbagus,positive\n")
    code, _, err = _run(capsys, str(path))
    assert code == 2
    assert "export.csv" in err and "'text'" in err and "'headline'" in err and "--text-column" in err
    assert "Traceback" not in err


def test_missing_file_is_a_clear_error(tmp_path: Path, capsys):
    code, _, err = _run(capsys, str(tmp_path / "nope.csv"))
    assert code == 2
    assert "nope.csv" in err and "not found" in err


class _SlowFirstCallModel:
    """Labels everything neutral; the first call costs 0.3 s (a cold cache), later calls 1 ms."""

    def __init__(self) -> None:
        self.calls = 0

    def predict(self, texts: list[str]) -> tuple[list[str], list[float]]:
        import time

        time.sleep(0.3 if self.calls == 0 else 0.001)
        self.calls += 1
        return ["neutral"] * len(texts), [1.0] * len(texts)


def test_throughput_leaves_out_the_warm_up_and_times_repeated_passes():
    # bug caught: texts_per_s dividing a small file by the cold first call (it printed ~1,300/s
    # for a model that labels tens of thousands per second once warm)
    from sentiment.evaluate import evaluate
    from sentiment.labelled import Example

    model = _SlowFirstCallModel()
    examples = [Example(f"teks {i}", "neutral") for i in range(100)]
    result = evaluate(model, examples, min_seconds=0.2)
    assert model.calls > 2  # the warm-up plus repeated timed passes
    assert result.timed_texts == 100 * (model.calls - 1)
    assert result.seconds >= 0.2
    # 100 texts per ~1 ms pass once warm; with the 0.3 s warm-up counted it would be < 400/s
    assert result.texts_per_s > 2_000
    assert result.summary().endswith(f"n=100 texts_per_s={result.texts_per_s}")


def test_throughput_is_measured_with_every_line_scored_by_two_threads_sharing_each_pass(monkeypatch):
    # bugs caught: one worker doing all the labelling while the figure claims both cores (the
    # old test passed when a single process ran twice as many passes); lines skipped or scored
    # twice in a pass; a cache answering repeated lines instead of scoring them
    from sentiment.evaluate import evaluate
    from sentiment.labelled import Example
    from sentiment.model import Model

    batches: list[tuple[int, list[str]]] = []
    scored = Model._batch

    def recording(self, texts):
        import time

        batches.append((threading.get_ident(), list(texts)))
        time.sleep(0.05)  # so that the two batches of a pass overlap in time
        return scored(self, texts)

    monkeypatch.setattr(Model, "_batch", recording)
    model = load_model(small_model_path())
    model.threads = 2
    examples = [Example(f"layanan samsat hari ke {i % 7}", "neutral") for i in range(5_000)]
    result = evaluate(model, examples, min_seconds=0.0)
    assert result.threads == 2
    passes = [batches[:2], batches[2:]]  # the warm-up pass, then one timed pass
    assert len(batches) == 4
    for batch_pair in passes:
        assert len({thread for thread, _ in batch_pair}) == 2
        assert sorted(batch_pair[0][1] + batch_pair[1][1]) == sorted(e.text for e in examples)
    assert result.timed_texts == 5_000
