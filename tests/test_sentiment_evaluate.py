"""`citra sentiment evaluate`: the report, its last line, the file layouts it reads, its errors."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest
from sklearn.metrics import accuracy_score, f1_score
from small_sentiment import small_model_path

from sentiment.cli import main
from sentiment.labelled import bundled
from sentiment.model import load_model

SUMMARY = re.compile(r"^macro_f1=(\d\.\d{4}) accuracy=(\d\.\d{4}) n=(\d+) texts_per_s=(\d+)$")


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
    predicted, _ = load_model(small_model_path()).predict([t for t, _ in rows])
    truth = [lab for _, lab in rows]
    assert float(match[1]) == pytest.approx(f1_score(truth, predicted, average="macro"), abs=6e-5)
    assert float(match[2]) == pytest.approx(accuracy_score(truth, predicted), abs=6e-5)
    assert int(match[3]) == 60
    assert int(match[4]) > 0
    report = "\n".join(lines)
    for label in ("positive", "neutral", "negative"):
        assert re.search(rf"^{label}\s+\d\.\d{{4}}\s+\d\.\d{{4}}\s+\d\.\d{{4}}\s+\d+$", report, re.M)
    assert "confusion matrix" in report


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
    assert SUMMARY.match(lines[-1])[3] == "3"


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
    assert SUMMARY.match(lines[-1])[3] == "2"


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
    result = evaluate(model, examples, min_seconds=0.2, processes=1)
    assert model.calls > 2  # the warm-up plus repeated timed passes
    assert result.timed_texts == 100 * (model.calls - 1)
    assert result.seconds >= 0.2
    # 100 texts per ~1 ms pass once warm; with the 0.3 s warm-up counted it would be < 400/s
    assert result.texts_per_s > 2_000
    assert result.summary().endswith(f"n=100 texts_per_s={result.texts_per_s}")


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="forked timing processes need Linux")
def test_throughput_is_measured_in_one_process_per_core_and_added_up():
    # bug caught: the timed passes of the other cores never running, or not counted
    from sentiment.evaluate import evaluate
    from sentiment.labelled import Example

    examples = [Example(f"teks {i}", "neutral") for i in range(50)]
    result = evaluate(_SlowFirstCallModel(), examples, min_seconds=0.1, processes=2)
    assert result.processes == 2
    assert result.timed_texts >= 2 * 50 and result.timed_texts % 50 == 0
    assert result.predicted == ["neutral"] * 50


def test_the_timing_pool_is_closed_never_terminated(tmp_path, capsys, monkeypatch):
    # bug caught: the timing pool was stopped with terminate() (`with Pool()`), which kills the
    # workers with SIGTERM; a process started in the background (CI runners, nohup, pytest-xdist
    # workers) may ignore SIGTERM, and a worker left waiting for the queue's lock then kept the
    # evaluation waiting for ever (seen: `make test` hung in this file)
    import multiprocessing.pool

    def refuse(pool):
        raise AssertionError("Pool.terminate() stops workers with SIGTERM, which may be ignored")

    monkeypatch.setattr(multiprocessing.pool.Pool, "terminate", refuse)
    path = tmp_path / "valid.csv"
    path.write_text(
        "text,label\n" + "".join('"' + text.replace('"', '""') + f'",{label}\n' for text, label in _valid_rows(20)),
        encoding="utf-8",
    )
    code, lines, err = _run(capsys, str(path))
    assert code == 0, err
    assert SUMMARY.match(lines[-1])
