"""`raw/releases`, `raw/review_decisions` and `raw/release_matches`: the office's press
releases, staff decisions on every review queue (release pickups and the hoax desk's), and the
text matcher's scored pairs, written after ingestion and before dbt (keys match the dbt sources,
so the lineage draws itself).

Like the roster, the releases asset also appends to ``raw.ingest_files`` and
``raw.ingest_rejects``, which the media asset declares.
"""

from functools import partial

import dagster as dg

from agenda.warehouse import match_warehouse
from ingestion.decisions import KINDS, LEGACY_FOLDERS, ingest_decision_file
from ingestion.frame import IngestReport
from ingestion.load import connect
from ingestion.memory import open_read_only
from ingestion.releases.load import ingest_release_file
from orchestration.constants import INGESTION_GROUP, WRITER_POOL
from orchestration.defs.agenda.resources import AgendaSettingsResource
from orchestration.defs.hoaxes.assets import RAW_REGISTER
from orchestration.defs.ingestion.media import RAW_MEDIA, run_metadata
from orchestration.defs.ingestion.runner import ingest_folder
from orchestration.resources import CitraHome

AGENDA_GROUP = "agenda"
RAW_RELEASES = dg.AssetKey(["raw", "releases"])
RAW_DECISIONS = dg.AssetKey(["raw", "review_decisions"])
RAW_MATCHES = dg.AssetKey(["raw", "release_matches"])


def _md(rows: list[tuple], header: list[str]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join("" if v is None else str(v).replace("|", "/") for v in r) + " |" for r in rows]
    return "\n".join(lines)


@dg.asset(
    key=RAW_RELEASES,
    description=(
        "The office's press releases (siaran pers) from `landing/releases/`: the releases template "
        "(CSV or XLSX; published_at, title, lead or body, url, agency, optional issue and campaign; "
        "English or Indonesian headers, every accepted date form) and website feeds saved as files "
        "(RSS 2.0 or Atom `.xml`, e.g. WordPress /feed/). A file without an agency column takes its "
        "agency from its folder, `landing/releases/<agency_code>/`. One row per release per file; "
        "dbt keeps one per release (same URL: the template's row wins). See docs/agenda.md."
    ),
    group_name=INGESTION_GROUP,
    kinds={"duckdb", "python"},
    pool=WRITER_POOL,
)
def raw_releases(context: dg.AssetExecutionContext, citra: CitraHome) -> dg.MaterializeResult:
    """Ingest new release files from `landing/releases/`."""
    report, seconds = ingest_folder(
        context.op_def.name,
        citra.warehouse,
        citra.root / "landing" / "releases",
        partial(ingest_release_file, quarantine=citra.quarantine / "releases"),
    )
    for o in report.by_status("quarantined"):
        context.log.error(f"{o.name} moved to quarantine/releases/: {o.message}")
    for o in report.by_status("loaded"):
        if o.rows_rejected:
            context.log.warning(f"{o.name}: {o.rows_rejected} rows set aside in raw.ingest_rejects ({o.message})")
    with open_read_only(citra.warehouse) as con:
        rows, releases, agencies, first, last = con.execute(
            """select count(*), count(distinct release_id), count(distinct agency_code),
                      min(timezone('Asia/Makassar', published_at))::date,
                      max(timezone('Asia/Makassar', published_at))::date
               from raw.releases"""
        ).fetchall()[0]
        newest = con.execute(
            """select strftime(timezone('Asia/Makassar', published_at), '%Y-%m-%d %H:%M'), agency_code,
                      coalesce(issue, issue_suggested), source_kind, left(title, 70)
               from raw.releases order by published_at desc limit 10"""
        ).fetchall()
    return dg.MaterializeResult(
        metadata={
            "dagster/row_count": dg.MetadataValue.int(rows),
            "releases": dg.MetadataValue.int(releases),
            "agencies": dg.MetadataValue.int(agencies),
            "first_day_wita": dg.MetadataValue.text(str(first)),
            "last_day_wita": dg.MetadataValue.text(str(last)),
            "newest": dg.MetadataValue.md(_md(newest, ["published (WITA)", "agency", "issue", "from", "title"])),
            **run_metadata(report, seconds),
        }
    )


@dg.asset(
    key=RAW_DECISIONS,
    deps=[RAW_MEDIA, RAW_RELEASES, RAW_REGISTER],
    description=(
        "Staff decisions on every review queue from `landing/decisions/`, one file layout for all "
        "(CSV or XLSX: kind (jenis) release_pickup or hoax; subject: a release_id or its URL, or a "
        "hoax_id; mention_id or URL; decision confirm/reject (ya/tidak), on the hoax queue spread/"
        "debunk/reject (sebar/bantah/tolak) or ya with the role in label (peran); who, why, when; "
        "English or Indonesian headers). Appended with author and time; the newest decision per "
        "kind, subject and mention wins (int_review_decisions_latest). A bad row (unknown kind, "
        "subject or mention, a decision outside the queue's words, a hoax confirm without its role) "
        "is set aside in raw.ingest_rejects naming file, row and problem; the file's other rows load. "
        "Files still dropped into the old `landing/hoax_decisions/` are read as hoax decisions. "
        "See docs/agenda.md and docs/hoaxes.md."
    ),
    group_name=AGENDA_GROUP,
    kinds={"duckdb", "python"},
    pool=WRITER_POOL,
)
def raw_review_decisions(context: dg.AssetExecutionContext, citra: CitraHome) -> dg.MaterializeResult:
    """Ingest new decision files from `landing/decisions/` (and the legacy `landing/hoax_decisions/`)."""
    report, seconds = ingest_folder(
        context.op_def.name,
        citra.warehouse,
        citra.root / "landing" / "decisions",
        partial(ingest_decision_file, quarantine=citra.quarantine / "decisions"),
    )
    for folder, kind in LEGACY_FOLDERS.items():
        legacy, legacy_seconds = ingest_folder(
            context.op_def.name,
            citra.warehouse,
            citra.root / "landing" / folder,
            partial(ingest_decision_file, quarantine=citra.quarantine / "decisions", default_kind=kind),
        )
        read = [o.name for o in legacy.outcomes if o.status != "skipped"]
        if read:
            context.log.warning(
                f"landing/{folder}/ tidak dipakai lagi: {len(read)} berkas di sana ({', '.join(read[:5])}) tetap "
                f"dibaca sebagai keputusan jenis {kind}. Mulai sekarang taruh keputusan di landing/decisions/ "
                f"dengan kolom jenis = {kind} (docs/hoaxes.md)."
            )
        report, seconds = IngestReport(report.outcomes + legacy.outcomes), seconds + legacy_seconds
    for o in report.outcomes:
        if o.status == "quarantined" or o.rows_rejected:
            context.log.warning(f"{o.name}: {o.message}")
    with open_read_only(citra.warehouse) as con:
        total = con.execute("select count(*) from raw.review_decisions").fetchall()[0][0]
        per_kind = dict(con.execute("select kind, count(*) from raw.review_decisions group by kind").fetchall())
        newest = con.execute(
            """select strftime(timezone('Asia/Makassar', decided_at), '%Y-%m-%d %H:%M'), kind, subject_id,
                      mention_id, decision, label, decided_by, left(reason, 50)
               from raw.review_decisions order by decided_at desc limit 10"""
        ).fetchall()
    return dg.MaterializeResult(
        metadata={
            "dagster/row_count": dg.MetadataValue.int(total),
            **{f"decisions_{kind}": dg.MetadataValue.int(per_kind.get(kind, 0)) for kind in KINDS},
            "newest": dg.MetadataValue.md(
                _md(newest, ["decided (WITA)", "kind", "subject", "mention", "decision", "role", "by", "why"])
            ),
            **run_metadata(report, seconds),
        }
    )


@dg.asset(
    key=RAW_MATCHES,
    deps=[RAW_MEDIA, RAW_RELEASES],
    description=(
        "The text matcher's scored release-mention pairs (package `matching`): every mention published "
        "from a release's time to window_days after it (agenda.yml, default 14) that links to the release "
        "or says the same thing, scored 0 to 1, at or above the review threshold. A build matches only "
        "what is new (new or edited releases against every mention, new exports against the known "
        "releases); a change of agenda.yml matches everything again. dbt decides the pickups "
        "(fct_release_pickups: staff decisions, one release per mention). See docs/agenda.md."
    ),
    group_name=AGENDA_GROUP,
    kinds={"duckdb", "python"},
    pool=WRITER_POOL,
)
def raw_release_matches(
    context: dg.AssetExecutionContext, citra: CitraHome, agenda_settings: AgendaSettingsResource
) -> dg.MaterializeResult:
    """Match new releases and new mentions; keep the scored pairs in raw.release_matches."""
    settings = agenda_settings.settings()
    con = connect(citra.warehouse)
    try:
        run = match_warehouse(con, settings)
        total, accepted, review, linked = con.execute(
            """select count(*), count(*) filter (where band = 'accept'), count(*) filter (where band = 'review'),
                      count(*) filter (where matched_on = 'url') from raw.release_matches"""
        ).fetchall()[0]
    finally:
        con.close()
    context.log.info(
        f"{run.version}: {run.releases_matched} releases and {run.files_matched} export files matched, "
        f"{run.pairs_written} pairs written in {run.seconds:.1f} s{' (full match)' if run.full else ''}"
    )
    return dg.MaterializeResult(
        metadata={
            "dagster/row_count": dg.MetadataValue.int(total),
            "pairs_accepted": dg.MetadataValue.int(accepted),
            "pairs_to_review": dg.MetadataValue.int(review),
            "pairs_by_link": dg.MetadataValue.int(linked),
            "matcher_version": dg.MetadataValue.text(run.version),
            "window_days": dg.MetadataValue.int(settings.window_days),
            "accept": dg.MetadataValue.float(settings.accept),
            "review": dg.MetadataValue.float(settings.review),
            "config_file": dg.MetadataValue.text(settings.source),
            "full_match_this_run": dg.MetadataValue.bool(run.full),
            "releases_matched_this_run": dg.MetadataValue.int(run.releases_matched),
            "export_files_matched_this_run": dg.MetadataValue.int(run.files_matched),
            "pairs_written_this_run": dg.MetadataValue.int(run.pairs_written),
            "seconds_this_run": dg.MetadataValue.float(round(run.seconds, 2)),
        }
    )
