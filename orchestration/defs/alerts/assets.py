"""`marts/issue_alerts` and `marts/mart_response_monthly` (detection after every build), and
`alerts/notifications` (email, webhook, Telegram), right after the marts they read."""

from datetime import datetime

import dagster as dg
import duckdb

from alerts.columns import ISSUE_ALERTS_COLUMNS, RESPONSE_MONTHLY_COLUMNS
from alerts.config import load_config
from alerts.model import WITA
from alerts.run import notify, refresh
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
    "watchlist",
)
# run the alert steps before the other steps that are ready at the same time (checks, dq_gaps)
FIRST = {"dagster/priority": "10"}


def _schema(columns: dict[str, tuple[str, str]]) -> dg.TableSchema:
    return dg.TableSchema(columns=[dg.TableColumn(n, kind, description=doc) for n, (kind, doc) in columns.items()])


def issue_alerts_asset() -> dg.AssetsDefinition:
    @dg.multi_asset(
        specs=[
            dg.AssetSpec(
                ISSUE_ALERTS,
                description=(
                    "Early-warning alerts, one row per alert: negative bursts per issue and per "
                    "kabupaten/kota (by day and 6-hour WITA window), sharp rises of an issue's share of "
                    "voice, and first mentions of watchlist terms; with headlines, outlets, status, "
                    "notifications and the office's first response (docs/alerts.md, alerts.yml)."
                ),
                deps=[model_key(name) for name in ALERT_INPUTS],
                group_name=ALERTS_GROUP,
                kinds={"duckdb", "python"},
                metadata={"dagster/column_schema": _schema(ISSUE_ALERTS_COLUMNS)},
            ),
            dg.AssetSpec(
                RESPONSE_MONTHLY,
                description=(
                    "How fast the office answered: per WITA month and issue, alerts, answered, answered "
                    "within 24 hours and the median response time in hours."
                ),
                deps=[ISSUE_ALERTS],
                group_name=ALERTS_GROUP,
                kinds={"duckdb", "python"},
                metadata={"dagster/column_schema": _schema(RESPONSE_MONTHLY_COLUMNS)},
            ),
        ],
        pool=WRITER_POOL,
        op_tags=FIRST,
    )
    def issue_alerts(context: dg.AssetExecutionContext, citra: CitraHome):
        """Detect every alert in the marts, record new ones and alert changes dropped into
        landing/alerts/, and publish marts.issue_alerts and marts.mart_response_monthly."""
        done = refresh(
            citra.warehouse,
            citra.root / "landing" / "alerts",
            citra.quarantine / "alerts",
            load_config(),
            datetime.now(WITA),
            context.run.run_id,
        )
        for outcome in done.files.outcomes:
            context.log.info(f"landing/alerts/{outcome.name}: {outcome.status} {outcome.message}".strip())
        for alert in done.alerts:
            if alert.alert_id in done.new_ids:
                context.log.warning(f"new alert {alert.alert_id}: {alert.kind} {alert.issue} {alert.region_code or ''}")
        metadata = alerts_metadata(citra.warehouse)
        metadata |= {
            "new_alerts": dg.MetadataValue.int(len(done.new_ids)),
            "detect_seconds": dg.MetadataValue.float(round(done.detect_seconds, 2)),
            "alert_change_files": dg.MetadataValue.int(len(done.files.by_status("loaded"))),
        }
        yield dg.MaterializeResult(asset_key=ISSUE_ALERTS, metadata=metadata)
        with duckdb.connect(str(citra.warehouse), read_only=True) as con:
            rows = con.execute("select count(*) from marts.mart_response_monthly").fetchall()[0][0]
        yield dg.MaterializeResult(
            asset_key=RESPONSE_MONTHLY, metadata={"dagster/row_count": dg.MetadataValue.int(rows)}
        )

    return issue_alerts


@dg.asset(
    key=NOTIFICATIONS,
    deps=[ISSUE_ALERTS],
    group_name=ALERTS_GROUP,
    kinds={"python"},
    pool=WRITER_POOL,
    op_tags=FIRST,
)
def alert_notifications(
    context: dg.AssetExecutionContext,
    citra: CitraHome,
    smtp: SmtpResource,
    alert_email: AlertEmailResource,
    alert_webhook: AlertWebhookResource,
    telegram: TelegramResource,
) -> dg.MaterializeResult:
    """Notify new open alerts by email, webhook and Telegram (whichever is configured): exactly
    one message per alert and channel, never again on a rebuild or a rerun. A channel that fails
    is logged and shown here and on the check `alert_delivery`; it never fails the build."""
    channels = []
    for name, build in (
        ("email", lambda: alert_email.channel(smtp)),
        ("webhook", alert_webhook.channel),
        ("telegram", telegram.channel),
    ):
        try:
            channel = build()
        except ValueError as error:  # e.g. an SMTP setting that is not a port number
            context.log.error(f"alert channel {name} is misconfigured: {error}")
            continue
        if channel is not None:
            channels.append(channel)
    deliveries = notify(citra.warehouse, channels, load_config(), datetime.now(WITA), context.run.run_id)
    for d in deliveries:
        log = context.log.info if d.outcome == "sent" else context.log.error
        log(f"{d.channel} {d.outcome} for alert {d.alert_id} after {d.tries} tries: {d.detail}")
    rows = [(d.alert_id, d.channel, d.attempt, d.outcome, d.tries, d.detail) for d in deliveries]
    table = "\n".join(
        ["| alert | channel | attempt | outcome | tries | detail |", "|---|---|---|---|---|---|"]
        + ["| " + " | ".join(str(v).replace("|", "/") for v in row) + " |" for row in rows]
    )
    with duckdb.connect(str(citra.warehouse), read_only=True) as con:
        open_alerts = alerts_markdown(con, "status = 'open'")
    return dg.MaterializeResult(
        metadata={
            "channels": dg.MetadataValue.text(", ".join(c.name for c in channels) or "none configured"),
            "sent": dg.MetadataValue.int(sum(d.outcome == "sent" for d in deliveries)),
            "failed": dg.MetadataValue.int(sum(d.outcome != "sent" for d in deliveries)),
            "deliveries": dg.MetadataValue.md(table if rows else "nothing to send"),
            "open_alerts": dg.MetadataValue.md(open_alerts),
        }
    )
