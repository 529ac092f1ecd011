"""`reports/rapor_kehumasan`: the one-page rapor of every agency and kabupaten/kota, one
partition per month (WITA), written and sent with the monthly report (its job and schedule)."""

from datetime import date, datetime

import dagster as dg

from ingestion.clock import WITA
from orchestration.constants import REPORTING_GROUP, WRITER_POOL
from orchestration.defs.reporting.assets import report_partitions
from orchestration.defs.scorecard.keys import RAPOR_KEY
from orchestration.defs.scorecard.models import scorecard_built, scorecard_key
from orchestration.resources import CitraHome, SmtpResource
from scorecard.outbox import Delivery
from scorecard.run import RaporRun, send_rapors, write_rapors


class RaporConfig(dg.Config):
    """Send each unit's rapor to its contact (the monthly schedule turns this on; manual runs
    and backfills only write the files unless it is set in the launchpad). Each unit's rapor of a
    month is sent once, whatever the reruns."""

    send: bool = False


def rapor_metadata(run: RaporRun) -> dict[str, dg.MetadataValue]:
    lines = ["| unit | composite | rank | pages | contact |", "|---|---|---|---|---|"]
    for rapor, rendered in zip(run.rapors, run.rendered):
        row = rapor.row
        composite = "–" if row["composite_score"] is None else f"{row['composite_score']:.1f}"
        rank = "–" if row["rank"] is None else f"{row['rank']}/{row['units_ranked']}"
        lines.append(f"| {rapor.unit_name} | {composite} | {rank} | {rendered.pages} | {rapor.contact_email or '–'} |")
    return {
        "folder": dg.MetadataValue.text(str(run.rendered[0].pdf_path.parent) if run.rendered else "none written"),
        "units": dg.MetadataValue.int(len(run.rendered)),
        "seconds": dg.MetadataValue.float(round(run.seconds, 1)),
        "more_than_one_page": dg.MetadataValue.int(sum(r.pages > 1 for r in run.rendered)),
        "rapor": dg.MetadataValue.md("\n".join(lines)),
    }


def deliveries_markdown(deliveries: list[Delivery]) -> str:
    if not deliveries:
        return "nothing to send: every unit with a contact already has this month's rapor"
    lines = ["| unit | attempt | outcome | tries | detail |", "|---|---|---|---|---|"]
    lines += [
        f"| {d.unit} | {d.attempt} | {d.outcome} | {d.tries} | {d.detail.replace('|', '/')} |" for d in deliveries
    ]
    return "\n".join(lines)


def rapor_asset() -> dg.AssetsDefinition:
    @dg.asset(
        key=RAPOR_KEY,
        partitions_def=report_partitions(),
        deps=[scorecard_key()] if scorecard_built() else [],
        group_name=REPORTING_GROUP,
        kinds={"pdf", "html", "python"},
        pool=WRITER_POOL,
    )
    def rapor_kehumasan(
        context: dg.AssetExecutionContext, config: RaporConfig, citra: CitraHome, smtp: SmtpResource
    ) -> dg.MaterializeResult:
        """Rapor kehumasan: one page per agency and per kabupaten/kota (and the province) for the
        month, in Bahasa Indonesia: its components against the targets and the province's agencies,
        its 6-month trend, its three best and three weakest posts, its unanswered alerts and one or
        two recommendations. Writes CITRA_HOME/reports/YYYY-MM/rapor/<unit>.pdf and .html from
        marts.mart_humas_scorecard; with `send`, emails each unit's PDF to its contact (agencies
        seed or landing/contacts/) exactly once per month (raw.rapor_deliveries, docs/scorecard.md)."""
        month = date.fromisoformat(context.partition_key)
        run = write_rapors(citra.warehouse, citra.root / "reports", month)
        if not run.rendered:
            context.log.warning(f"no rapor for {month:%Y-%m}: marts.mart_humas_scorecard has no row for it")
        context.log.info(f"{len(run.rendered)} rapor written in {run.seconds:.1f} s")
        for rendered in run.rendered:
            if rendered.pages > 1:
                context.log.warning(f"rapor {rendered.unit} runs to {rendered.pages} pages")
        metadata = rapor_metadata(run)
        if config.send:
            # each rapor goes to its unit's contact (scorecard.mail.for_contact); the placeholder only
            # lets the server settings be checked when no report recipients are set
            settings = smtp.settings(recipients="rapor@citra.invalid")
            if settings is None:
                context.log.info("SMTP is not configured (CITRA_SMTP_HOST): rapor written only.")
            else:
                deliveries = send_rapors(citra.warehouse, run, settings, datetime.now(WITA), context.run.run_id)
                for d in deliveries:
                    (context.log.info if d.outcome == "sent" else context.log.error)(
                        f"rapor {d.unit}: {d.outcome} after {d.tries} tries: {d.detail}"
                    )
                metadata["sent"] = dg.MetadataValue.int(sum(d.outcome == "sent" for d in deliveries))
                metadata["not_sent"] = dg.MetadataValue.int(sum(d.outcome != "sent" for d in deliveries))
                metadata["deliveries"] = dg.MetadataValue.md(deliveries_markdown(deliveries))
        return dg.MaterializeResult(metadata=metadata)

    return rapor_kehumasan
