"""The method line on where the month's sentiment labels came from: the vendor, Citra's own
model (with its measured macro-F1, as recorded in the model file) or an analyst's correction.

Read from the marts (`mart_issue_sentiment_monthly` counts by source, `dim_sentiment_model`),
never hard-coded: a retrained model brings its own figures. Nothing when the warehouse predates
these columns.
"""

from __future__ import annotations

from reporting import formatting as fmt
from reporting.sections.base import MonthContext

POLICY_TEXT = {
    "fill_missing": "model hanya memberi label pada mention yang tidak diberi label oleh penyedia",
    "model_everywhere": "label model dipakai untuk semua mention agar setiap penyedia diukur dengan alat yang sama",
    "vendor_only": "hanya label penyedia yang dipakai; label model hanya untuk audit",
}


def _has_column(ctx: MonthContext, table: str, column: str) -> bool:
    return bool(
        ctx.con.execute(
            "select count(*) from information_schema.columns where table_schema = 'marts' and table_name = ? "
            "and column_name = ?",
            [table, column],
        ).fetchall()[0][0]
    )


def label_sources(ctx: MonthContext) -> tuple[str, str] | None:
    """("Label sentimen", explanation) for the month, or None without the source columns."""
    if not _has_column(ctx, "mart_issue_sentiment_monthly", "labelled_by_model"):
        return None
    vendor, model, analyst = ctx.con.execute(
        """select coalesce(sum(labelled_by_vendor), 0), coalesce(sum(labelled_by_model), 0),
                  coalesce(sum(labelled_by_analyst), 0)
           from marts.mart_issue_sentiment_monthly where month = ?""",
        [ctx.start],
    ).fetchall()[0]
    labelled = vendor + model + analyst
    if not labelled:
        return None
    text = (
        f"dari {fmt.number(labelled)} mention berlabel bulan ini, {fmt.percent(model / labelled)} diberi label "
        f"oleh model sentimen Citra, {fmt.percent(vendor / labelled)} oleh penyedia jasa pemantauan, dan "
        f"{fmt.percent(analyst / labelled)} dikoreksi analis (koreksi analis selalu diutamakan)."
    )
    current = []
    if ctx.has_table("marts", "dim_sentiment_model"):
        current = ctx.con.execute(
            """select policy, macro_f1_smsa_valid, macro_f1_nusax_ind_cv, macro_f1_nusax_bjn_cv
               from marts.dim_sentiment_model where is_current"""
        ).fetchall()
    if current:
        policy, smsa, ind, bjn = current[0]
        text += f" Kebijakan: {POLICY_TEXT.get(policy, policy)}."
        figures = [
            f"{name} {fmt.number(value, 2)}"
            for name, value in (
                ("ulasan berbahasa Indonesia", smsa),
                ("kalimat Indonesia", ind),
                ("kalimat Banjar", bjn),
            )
            if value is not None
        ]
        if figures:
            text += (
                " Ketepatan model (macro-F1, 0 sampai 1, diukur pada data berlabel yang tidak dipakai untuk "
                f"melatihnya): {fmt.series(figures)}; model dapat keliru, terutama pada judul berita tanpa kata bernada."
            )
    return "Label sentimen", text
