"""`marts/issue_alerts`, `marts/mart_response_monthly` and `alerts/notifications`: one step after
the marts it reads, so a burst goes from detection to the office's phones without waiting for
another step to start or for the writer pool to come round again."""

from datetime import datetime

import dagster as dg

from alerts.channels import Channel
from alerts.columns import ISSUE_ALERTS_COLUMNS, RESPONSE_MONTHLY_COLUMNS
from alerts.config import load_config
from alerts.model import WITA
from alerts.outbox import Delivery
from alerts.run import notify, refresh
from ingestion.memory import open_read_only
from orchestration.constants import ALERTS_GROUP, WRITER_POOL
from orchestration.defs.alerts.metadata import alerts_markdown, alerts_metadata
from orchestration.defs.alerts.resources import AlertEmailResource, AlertWebhookResource, TelegramResource
from orchestration.defs.dbt.assets import model_key
from orchestration.resources import CitraHome, SmtpResource

ISSUE_ALERTS = dg.AssetKey(["marts", "issue_alerts"])
RESPONSE_MONTHLY = dg.AssetKey(["marts", "mart_response_monthly"])
NOTIFICATIONS = dg.AssetKey(["alerts", "notifications"])
# the marts and seeds the rules read (keys from the dbt manifest)
ALERT_INPUTS = (
    "fct_mentions",
    "mart_platform_posts",
    "dim_account",
    "dim_issue",
    "dim_region",
    "issue_keywords",
    "issue_agencies",
    "region_aliases",
    "agencies",
    "watchlist",
)
# run before the other steps that are ready at the same time (checks, dq_gaps)
FIRST = {"dagster/priority": "10"}


def _schema(columns: dict[str, tuple[str, str]]) -> dg.TableSchema:
    return dg.TableSchema(columns=[dg.TableColumn(n, kind, description=doc) for n, (kind, doc) in columns.items()])


SPECS = [
    dg.AssetSpec(
        ISSUE_ALERTS,
        description=(
            "Early-warning alerts, one row per alert: negative bursts per issue and per kabupaten/kota "
            "(by day and 6-hour WITA window), sharp rises of an issue's share of voice, and first mentions "
            "of watchlist terms; with headlines, outlets, status, notifications and the office's first "
            "response (docs/alerts.md, alerts.yml)."
        ),
        group_name=ALERTS_GROUP,
        kinds={"duckdb", "python"},
        metadata={"dagster/column_schema": _schema(ISSUE_ALERTS_COLUMNS)},
    ),
    dg.AssetSpec(
        RESPONSE_MONTHLY,
        description=(
            "How fast the office answered: per WITA month and issue, alerts, answered, answered within "
            "24 hours and the median response time in hours."
        ),
        deps=[ISSUE_ALERTS],
        group_name=ALERTS_GROUP,
        kinds={"duckdb", "python"},
        metadata={"dagster/column_schema": _schema(RESPONSE_MONTHLY_COLUMNS)},
    ),
    dg.AssetSpec(
        NOTIFICATIONS,
        description=(
            "Notices of new alerts by email, webhook (Slack, Mattermost) and Telegram, whichever is configured: "
            "exactly one per alert and channel, whatever the alert's status (the message says whether and how "
            "an official post answered it), unless someone acknowledged or closed it first; never again on a "
            "rebuild or a rerun. A channel that fails is shown here and on the check `alert_delivery`; it "
            "never fails the build."
        ),
        deps=[ISSUE_ALERTS],
        group_name=ALERTS_GROUP,
        kinds={"python"},
    ),
]


def channels_of(context: dg.AssetExecutionContext, builders: dict) -> list[Channel]:
    """The configured channels; a misconfigured one is logged and left out, never fatal."""
    channels = []
    for name, build in builders.items():
        try:
            channel = build()
        except ValueError as error:  # e.g. an SMTP port that is not a number
            context.log.error(f"alert channel {name} is misconfigured: {error}")
            continue
        if channel is not None:
            channels.append(channel)
    return channels


def deliveries_markdown(deliveries: list[Delivery]) -> str:
    if not deliveries:
        return "nothing to send"
    lines = ["| alert | channel | purpose | attempt | outcome | tries | detail |", "|---|---|---|---|---|---|---|"]
    lines += [
        f"| {d.alert_id} | {d.channel} | {d.purpose} | {d.attempt} | {d.outcome} | {d.tries} | "
        f"{d.detail.replace('|', '/')} |"
        for d in deliveries
    ]
    return "\n".join(lines)


def issue_alerts_asset() -> dg.AssetsDefinition:
    """The alerts step, downstream of the marts and seeds it reads (keys from the dbt manifest)."""

    @dg.multi_asset(
        specs=[SPECS[0].replace_attributes(deps=[model_key(name) for name in ALERT_INPUTS]), *SPECS[1:]],
        pool=WRITER_POOL,
        op_tags=FIRST,
    )
    def issue_alerts(
        context: dg.AssetExecutionContext,
        citra: CitraHome,
        smtp: SmtpResource,
        alert_email: AlertEmailResource,
        alert_webhook: AlertWebhookResource,
        telegram: TelegramResource,
    ):
        """Detect every alert in the marts, record new ones and alert changes dropped into
        landing/alerts/, publish marts.issue_alerts and marts.mart_response_monthly, then notify."""
        cfg = load_config()
        done = refresh(
            citra.warehouse,
            citra.root / "landing" / "alerts",
            citra.quarantine / "alerts",
            cfg,
            datetime.now(WITA),
            context.run.run_id,
        )
        if done.unknown_agencies:
            context.log.warning(
                "alerts.yml response.coordinators / regional_coordinators name agencies the seed agencies does "
                f"not know: {', '.join(done.unknown_agencies)}; their posts answer no alert"
            )
        for outcome in done.files.outcomes:
            context.log.info(f"landing/alerts/{outcome.name}: {outcome.status} {outcome.message}".strip())
        for alert in done.alerts:
            if alert.alert_id in done.new_ids:
                context.log.warning(f"new alert {alert.alert_id}: {alert.kind} {alert.issue} {alert.region_code or ''}")
        channels = channels_of(
            context,
            {
                "email": lambda: alert_email.channel(smtp),
                "webhook": alert_webhook.channel,
                "telegram": telegram.channel,
            },
        )
        deliveries = notify(citra.warehouse, channels, cfg, datetime.now(WITA), context.run.run_id)
        for d in deliveries:
            (context.log.info if d.outcome == "sent" else context.log.error)(
                f"{d.channel} {d.outcome} for alert {d.alert_id} after {d.tries} tries: {d.detail}"
            )
        metadata = alerts_metadata(citra.warehouse)
        metadata |= {
            "new_alerts": dg.MetadataValue.int(len(done.new_ids)),
            "detect_seconds": dg.MetadataValue.float(round(done.detect_seconds, 2)),
            "alert_change_files": dg.MetadataValue.int(len(done.files.by_status("loaded"))),
        }
        yield dg.MaterializeResult(asset_key=ISSUE_ALERTS, metadata=metadata)
        with open_read_only(citra.warehouse) as con:
            rows = con.execute("select count(*) from marts.mart_response_monthly").fetchall()[0][0]
            open_alerts = alerts_markdown(con, "status = 'open'")
        yield dg.MaterializeResult(
            asset_key=RESPONSE_MONTHLY, metadata={"dagster/row_count": dg.MetadataValue.int(rows)}
        )
        yield dg.MaterializeResult(
            asset_key=NOTIFICATIONS,
            metadata={
                "channels": dg.MetadataValue.text(", ".join(c.name for c in channels) or "none configured"),
                "sent": dg.MetadataValue.int(sum(d.outcome == "sent" for d in deliveries)),
                "failed": dg.MetadataValue.int(sum(d.outcome != "sent" for d in deliveries)),
                "deliveries": dg.MetadataValue.md(deliveries_markdown(deliveries)),
                "open_alerts": dg.MetadataValue.md(open_alerts),
            },
        )

    return issue_alerts
