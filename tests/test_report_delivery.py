"""The scheduled report is emailed when SMTP is configured, and only written when it is not."""

from __future__ import annotations

import email
import email.policy
import socket
from datetime import date
from pathlib import Path

import dagster as dg
import pytest
from aiosmtpd.controller import Controller
from report_warehouse import build_warehouse

from orchestration.defs.reporting.assets import monthly_report_asset
from orchestration.resources import CitraHome, SmtpResource

EMAIL_ON = {"ops": {"reports__monthly_report": {"config": {"email": True}}}}


class Inbox:
    """aiosmtpd handler that keeps every message it receives."""

    def __init__(self) -> None:
        self.messages: list[tuple[list[str], email.message.Message]] = []

    async def handle_DATA(self, server, session, envelope) -> str:  # noqa: N802 - aiosmtpd's hook name
        self.messages.append(
            (envelope.rcpt_tos, email.message_from_bytes(envelope.content, policy=email.policy.default))
        )
        return "250 OK"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def inbox(monkeypatch: pytest.MonkeyPatch):
    handler, port = Inbox(), _free_port()
    controller = Controller(handler, hostname="127.0.0.1", port=port)
    controller.start()
    for name, value in {
        "CITRA_SMTP_HOST": "127.0.0.1",
        "CITRA_SMTP_PORT": str(port),
        "CITRA_SMTP_STARTTLS": "false",
        "CITRA_SMTP_FROM": "citra@diskominfo.example",
        "CITRA_REPORT_RECIPIENTS": "kadis@diskominfo.example, humas@diskominfo.example",
    }.items():
        monkeypatch.setenv(name, value)
    yield handler
    controller.stop()


def _materialize(home: Path, run_config: dict | None = None) -> dg.ExecuteInProcessResult:
    build_warehouse(home / "warehouse.duckdb")
    return dg.materialize(
        [monthly_report_asset()],
        partition_key="2024-12-01",
        run_config=run_config,
        resources={
            "citra": CitraHome(home=str(home), warehouse_path=str(home / "warehouse.duckdb")),
            "smtp": SmtpResource.from_env(),
        },
    )


def test_scheduled_run_emails_the_pdf_to_every_recipient(tmp_path: Path, inbox: Inbox) -> None:
    result = _materialize(tmp_path, EMAIL_ON)
    assert result.success
    [(recipients, message)] = inbox.messages
    assert recipients == ["kadis@diskominfo.example", "humas@diskominfo.example"]
    assert message["Subject"] == "Laporan Bulanan Pemantauan Media – Desember 2024"
    [attachment] = [part for part in message.walk() if part.get_filename()]
    pdf = tmp_path / "reports" / "2024-12" / "laporan_2024-12.pdf"
    assert attachment.get_filename() == pdf.name
    assert attachment.get_payload(decode=True) == pdf.read_bytes()


def test_manual_run_only_writes_the_files(tmp_path: Path, inbox: Inbox) -> None:
    result = _materialize(tmp_path)
    assert result.success and inbox.messages == []
    metadata = result.asset_materializations_for_node("reports__monthly_report")[0].metadata
    assert Path(metadata["pdf"].value).read_bytes().startswith(b"%PDF")
    assert Path(metadata["html"].value).exists() and metadata["pages"].value >= 2


def test_without_smtp_settings_the_scheduled_run_only_writes_the_files(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("CITRA_SMTP_HOST", raising=False)
    monkeypatch.delenv("CITRA_REPORT_RECIPIENTS", raising=False)
    result = _materialize(tmp_path, EMAIL_ON)
    assert result.success
    metadata = result.asset_materializations_for_node("reports__monthly_report")[0].metadata
    assert "emailed_to" not in metadata and metadata["mentions"].value > 0
    assert (tmp_path / "reports" / "2024-12" / "laporan_2024-12.html").read_text().count("Desember 2024") > 1


def test_report_reads_the_warehouse_read_only(tmp_path: Path) -> None:
    path = build_warehouse(tmp_path / "warehouse.duckdb")
    before = path.stat().st_mtime_ns
    from reporting.monthly import write_monthly_report

    write_monthly_report(path, tmp_path / "reports", date(2024, 12, 1))
    assert path.stat().st_mtime_ns == before
