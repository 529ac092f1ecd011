"""Citra's own labels in the warehouse, after ingestion and before dbt: the model's sentiment
per mention text, analysts' corrections from `landing/corrections/`, and suggested issues.
Keys match the dbt sources (`raw/...`), so the lineage to fct_mentions draws itself."""

import time

import dagster as dg
import duckdb

from ingestion.corrections import ingest_corrections, landing_corrections
from ingestion.load import connect
from ingestion.memory import open_read_only
from issues.warehouse import suggest_for_warehouse
from orchestration.constants import WRITER_POOL
from orchestration.defs.ingestion.media import RAW_MEDIA, run_metadata
from orchestration.defs.sentiment.resources import LabelSettingsResource
from orchestration.resources import CitraHome
from sentiment.model import load_model
from sentiment.scoring import score_new_texts

SENTIMENT_GROUP = "sentiment"
RAW_LABELS = dg.AssetKey(["raw", "mention_sentiment"])
RAW_SETTINGS = dg.AssetKey(["raw", "sentiment_settings"])
RAW_CORRECTIONS = dg.AssetKey(["raw", "label_corrections"])
RAW_SUGGESTIONS = dg.AssetKey(["raw", "mention_issue_suggestions"])


def _table(con: duckdb.DuckDBPyConnection, sql: str, params: list, header: list[str]) -> str:
    rows = con.execute(sql, params).fetchall()
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join("" if v is None else str(v).replace("|", "/") for v in r) + " |" for r in rows]
    return "\n".join(lines)


@dg.multi_asset(
    specs=[
        dg.AssetSpec(
            RAW_LABELS,
            description=(
                "Citra's own sentiment label of every distinct mention text (title and snippet), once per "
                "model version: a rebuild labels only new texts, a new model version labels every text again. "
                "dbt joins it to the mentions by the text's SHA-256 (fct_mentions.sentiment_model)."
            ),
            deps=[RAW_MEDIA],
            kinds={"duckdb", "python"},
            group_name=SENTIMENT_GROUP,
        ),
        dg.AssetSpec(
            RAW_SETTINGS,
            description=(
                "The labelling settings in force, one row per change: the policy from sentiment.yml "
                "(fill_missing, model_everywhere, vendor_only), the model version, the review threshold "
                "and the model's held-out macro-F1. A change makes the next dbt run rebuild every month."
            ),
            kinds={"duckdb"},
            group_name=SENTIMENT_GROUP,
        ),
    ],
    pool=WRITER_POOL,
)
def raw_mention_sentiment(context: dg.AssetExecutionContext, citra: CitraHome, label_settings: LabelSettingsResource):
    """Label new mention texts with Citra's model and record the settings in force."""
    settings = label_settings.settings(citra.root)
    model = load_model(settings.model)
    con = connect(citra.warehouse)
    try:
        started, cpu_started = time.perf_counter(), time.process_time()
        result = score_new_texts(con, model, settings)
        seconds, cpu_seconds = time.perf_counter() - started, time.process_time() - cpu_started
        total, model_labels = con.execute(
            "select count(*), count(*) filter (where model_version = ?) from raw.mention_sentiment", [model.version]
        ).fetchall()[0]
        mix = _table(
            con,
            "select sentiment, count(*), round(avg(confidence), 3) from raw.mention_sentiment "
            "where model_version = ? group by 1 order by 1",
            [model.version],
            ["label", "texts", "mean confidence"],
        )
        history = con.execute("select count(*) from raw.sentiment_settings").fetchall()[0][0]
    finally:
        con.close()
    context.log.info(
        f"{model.version}: {result.scored} new texts labelled in {seconds:.1f} s ({cpu_seconds:.1f} s CPU; "
        f"{result.known} labelled before), policy {settings.policy}"
    )
    figures = model.manifest.get("heldout_macro_f1") or {}
    yield dg.MaterializeResult(
        asset_key=RAW_LABELS,
        metadata={
            "dagster/row_count": dg.MetadataValue.int(total),
            "model_version": dg.MetadataValue.text(model.version),
            "texts_labelled_this_run": dg.MetadataValue.int(result.scored),
            "scoring_seconds": dg.MetadataValue.float(round(seconds, 2)),
            "scoring_cpu_seconds": dg.MetadataValue.float(round(cpu_seconds, 2)),
            "texts_labelled_by_this_model": dg.MetadataValue.int(model_labels),
            "labels": dg.MetadataValue.md(mix),
        },
    )
    yield dg.MaterializeResult(
        asset_key=RAW_SETTINGS,
        metadata={
            "dagster/row_count": dg.MetadataValue.int(history),
            "policy": dg.MetadataValue.text(settings.policy),
            "model_version": dg.MetadataValue.text(model.version),
            "review_min_confidence": dg.MetadataValue.float(settings.review_min_confidence),
            "settings_changed_this_run": dg.MetadataValue.bool(result.settings_changed),
            "config_file": dg.MetadataValue.text(settings.source),
            **{f"macro_f1_{k}": dg.MetadataValue.float(float(v)) for k, v in sorted(figures.items())},
        },
    )


@dg.asset(
    key=RAW_CORRECTIONS,
    deps=[RAW_MEDIA],
    kinds={"duckdb", "python"},
    group_name=SENTIMENT_GROUP,
    pool=WRITER_POOL,
)
def raw_label_corrections(context: dg.AssetExecutionContext, citra: CitraHome) -> dg.MaterializeResult:
    """Analysts' corrections from `landing/corrections/` (CSV or XLSX: mention_id or url, sentiment
    and/or issue, who, why; English or Indonesian headers), appended with author and time. The
    newest correction of a mention wins over vendor and model; none is lost. Rows naming an unknown
    mention, label or issue are set aside in raw.ingest_rejects."""
    started = time.perf_counter()
    report = ingest_corrections(citra.warehouse, landing_corrections(citra.root), citra.quarantine / "corrections")
    seconds = time.perf_counter() - started
    for o in report.by_status("quarantined"):
        context.log.error(f"{o.name} moved to quarantine/: {o.message}")
    for o in report.outcomes:
        if o.rows_rejected:
            context.log.warning(f"{o.name}: {o.rows_rejected} rows set aside in raw.ingest_rejects ({o.message})")
    with open_read_only(citra.warehouse) as con:
        total, mentions = con.execute(
            "select count(*), count(distinct mention_id) from raw.label_corrections"
        ).fetchall()[0]
        preview = _table(
            con,
            """select strftime(timezone('Asia/Makassar', corrected_at), '%Y-%m-%d %H:%M'), corrected_by,
                      mention_id, sentiment, issue, left(reason, 60)
               from raw.label_corrections order by corrected_at desc limit 10""",
            [],
            ["corrected (WITA)", "by", "mention", "sentiment", "issue", "why"],
        )
    return dg.MaterializeResult(
        metadata={
            "dagster/row_count": dg.MetadataValue.int(total),
            "corrected_mentions": dg.MetadataValue.int(mentions),
            "newest": dg.MetadataValue.md(preview),
            **run_metadata(report, seconds),
        }
    )


@dg.asset(
    key=RAW_SUGGESTIONS,
    deps=[RAW_MEDIA, RAW_CORRECTIONS],
    kinds={"duckdb", "python", "scikitlearn"},
    group_name=SENTIMENT_GROUP,
    pool=WRITER_POOL,
)
def raw_issue_suggestions(context: dg.AssetExecutionContext, citra: CitraHome) -> dg.MaterializeResult:
    """Suggested issues for mention texts outside the taxonomy: keywords per issue (seed
    issue_keywords) and, once the office has labelled enough mentions, a classifier trained on them
    (docs/sentiment.md). Kept apart from the vendor's issue (fct_mentions.issue_suggested)."""
    con = connect(citra.warehouse)
    try:
        run = suggest_for_warehouse(con, citra.root / "cache" / "issues")
        total = con.execute("select count(*) from raw.mention_issue_suggestions").fetchall()[0][0]
        mix = _table(
            con,
            "select issue, method, count(*), round(avg(confidence), 3) from raw.mention_issue_suggestions "
            "group by 1, 2 order by 3 desc limit 15",
            [],
            ["issue", "method", "texts", "mean confidence"],
        )
    finally:
        con.close()
    context.log.info(f"{run.version}: {run.suggested} texts suggested")
    return dg.MaterializeResult(
        metadata={
            "dagster/row_count": dg.MetadataValue.int(total),
            "suggester_version": dg.MetadataValue.text(run.version),
            "classifier_issues": dg.MetadataValue.int(run.classifier_issues),
            "texts_suggested_this_run": dg.MetadataValue.int(run.suggested),
            "suggestions": dg.MetadataValue.md(mix),
        }
    )
