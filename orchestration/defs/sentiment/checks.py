"""Warn-only checks on the label audit marts, with what to do next: a vendor whose labels
agree poorly with Citra's model in the latest month, and the review queue's backlog."""

import dagster as dg

from ingestion.memory import open_read_only
from orchestration.defs.dbt.assets import model_key
from orchestration.resources import CitraHome

MIN_KAPPA = 0.4  # below: "fair" agreement at best (Landis and Koch), worth a review
MIN_BOTH = 30  # a vendor-month needs this many mentions labelled by both to be judged


def _md(rows: list[tuple], header: list[str]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join("" if v is None else str(v).replace("|", "/") for v in r) + " |" for r in rows]
    return "\n".join(lines)


def vendor_agreement_check() -> dg.AssetChecksDefinition:
    @dg.asset_check(
        asset=model_key("mart_sentiment_agreement"),
        name="vendor_model_agreement",
        description=(
            f"Per vendor, Cohen's kappa of its labels against Citra's model in the latest month "
            f"(at least {MIN_BOTH} mentions labelled by both); warns below {MIN_KAPPA}."
        ),
    )
    def vendor_model_agreement(citra: CitraHome) -> dg.AssetCheckResult:
        with open_read_only(citra.warehouse) as con:
            rows = con.execute(
                """with latest as (select max(month) as month from marts.mart_sentiment_agreement),
                   per_vendor as (
                       select vendor, sum(labelled_by_both) as n, sum(agreements) as agree,
                              sum(vendor_positive_model_positive + vendor_positive_model_neutral + vendor_positive_model_negative) as vp,
                              sum(vendor_neutral_model_positive + vendor_neutral_model_neutral + vendor_neutral_model_negative) as vn,
                              sum(vendor_negative_model_positive + vendor_negative_model_neutral + vendor_negative_model_negative) as vg,
                              sum(vendor_positive_model_positive + vendor_neutral_model_positive + vendor_negative_model_positive) as mp,
                              sum(vendor_positive_model_neutral + vendor_neutral_model_neutral + vendor_negative_model_neutral) as mn,
                              sum(vendor_positive_model_negative + vendor_neutral_model_negative + vendor_negative_model_negative) as mg
                       from marts.mart_sentiment_agreement
                       where month = (select month from latest) group by vendor)
                   select (select month from latest), vendor, n, round(agree / n, 3),
                          round((n * agree - (vp * mp + vn * mn + vg * mg))
                                / nullif(n * n - (vp * mp + vn * mn + vg * mg), 0), 3)
                   from per_vendor order by vendor"""
            ).fetchall()
        table = _md([r[1:] for r in rows], ["vendor", "labelled by both", "agreement", "kappa"])
        month = str(rows[0][0]) if rows else "none"
        low = [r for r in rows if r[2] >= MIN_BOTH and r[4] is not None and r[4] < MIN_KAPPA]
        metadata = {"month": dg.MetadataValue.text(month), "vendors": dg.MetadataValue.md(table)}
        if not low:
            return dg.AssetCheckResult(passed=True, metadata=metadata)
        names = ", ".join(r[1] for r in low)
        return dg.AssetCheckResult(
            passed=False,
            severity=dg.AssetCheckSeverity.WARN,
            metadata={
                **metadata,
                "what_to_do": dg.MetadataValue.md(
                    f"- {names}: labels agree with Citra's model no better than kappa {MIN_KAPPA} in {month}. "
                    "Read the top of marts.sentiment_review_queue; put the right labels in a file in "
                    "landing/corrections/, or switch sentiment.yml to `policy: model_everywhere`."
                ),
            },
        )

    return vendor_model_agreement


def review_queue_check() -> dg.AssetChecksDefinition:
    @dg.asset_check(
        asset=model_key("sentiment_review_queue"),
        name="review_queue_latest_month",
        description="How many confident disagreements of the latest month wait for an analyst; the first ten.",
    )
    def review_queue_latest_month(citra: CitraHome) -> dg.AssetCheckResult:
        with open_read_only(citra.warehouse) as con:
            waiting, month = con.execute(
                """select count(*), max(month) from marts.sentiment_review_queue
                   where month = (select max(month) from marts.fct_mentions)"""
            ).fetchall()[0]
            first = con.execute(
                """select review_rank, vendor, left(title, 70), sentiment_vendor, sentiment_model,
                          round(model_confidence, 3)
                   from marts.sentiment_review_queue order by review_rank limit 10"""
            ).fetchall()
        return dg.AssetCheckResult(
            passed=True,
            metadata={
                "waiting_latest_month": dg.MetadataValue.int(waiting),
                "month": dg.MetadataValue.text(str(month or "none")),
                "first_in_queue": dg.MetadataValue.md(
                    _md(first, ["rank", "vendor", "title", "vendor label", "model label", "confidence"])
                ),
                "what_to_do": dg.MetadataValue.text(
                    "settle a mention with a row in landing/corrections/ (mention_id or url, sentiment, who, why)"
                ),
            },
        )

    return review_queue_latest_month
