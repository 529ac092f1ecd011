"""An independent computation of the monthly issue mart straight from the export files.

Standard library only (csv, zipfile, xml, datetime, zoneinfo) and none of Citra's code, so a
bug in Citra's readers, profiles, SQL or dbt models cannot hide in both the product and its
check. It reads every media layout Citra reads (Meltwater, Brandwatch, Talkwalker, NoLimit, the
generic template in English and Indonesian; CSV in any of their encodings, XLSX, ZIP) and
applies the rules as docs/ and README state them:

- dates are read as each layout writes them: local WITA times in its formats, ISO 8601 times
  with an offset, epoch milliseconds (Talkwalker), Excel date cells (WITA wall clock);
- a row is rejected when its date is no date, after tomorrow or before 2000, when it has neither
  title nor URL, when a count is negative, not a number or above 10^12, or when its sentiment
  is not a known label;
- a mention is the vendor plus its document id, else its URL and instant, else its outlet,
  title and instant; of several rows of one mention the newest export wins: the later file
  time, then (same time) the later file name, then the later row;
- months are cut in WITA; issue labels are normalised and mapped through issue_aliases.csv (and
  the issue codes); no label is `tanpa_isu`; unlabeled mentions count but are not in the shares.
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from collections import defaultdict
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path, PurePosixPath
from xml.etree import ElementTree
from zoneinfo import ZoneInfo

SEEDS = Path(__file__).resolve().parents[1] / "dbt_project" / "seeds"
WITA = ZoneInfo("Asia/Makassar")
EARLIEST = datetime(2000, 1, 1, tzinfo=WITA)
MAX_COUNT = 10**12
SENTIMENT = {
    **dict.fromkeys(["positive", "positif", "pos", "1", "+1", "1.0"], "positive"),
    **dict.fromkeys(["neutral", "netral", "neu", "0", "0.0"], "neutral"),
    **dict.fromkeys(["negative", "negatif", "neg", "-1", "-1.0"], "negative"),
    **dict.fromkeys(["", "not rated", "unrated", "n/a", "-", "none", "tidak ada"], None),
}
ID_MONTHS = {"okt": "Oct", "agu": "Aug", "agt": "Aug", "ags": "Aug", "mei": "May", "des": "Dec"}
XLSX = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"


@dataclass(frozen=True)
class Layout:
    """What a vendor's file says, by column: which columns, how its dates and counts read."""

    vendor: str
    marker: tuple[str, ...]  # columns that identify the layout
    date: str
    title: str
    url: str
    outlet: str
    issue: tuple[str, ...]
    sentiment: str
    doc: str | None
    counts: tuple[str, ...]
    date_formats: tuple[str, ...] = ()  # local WITA formats, besides ISO times with an offset
    locale: str = "en"
    signed_sentiment: bool = False
    strip_quote: bool = False


LAYOUTS = [
    Layout(
        "meltwater",
        ("Document ID", "Input Name", "Headline"),
        "Date",
        "Headline",
        "URL",
        "Source",
        ("Input Name",),
        "Sentiment",
        "Document ID",
        ("Reach", "Engagement"),
        ("%d-%b-%Y %I:%M%p", "%d-%b-%Y %I:%M %p", "%d-%b-%Y %H:%M"),
    ),
    Layout(
        "brandwatch",
        ("Query Name", "Resource Id"),
        "Date",
        "Title",
        "Url",
        "Domain",
        ("Query Name", "Category Details"),
        "Sentiment",
        "Resource Id",
        ("Reach (new)", "Engagement"),
        ("%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M"),
    ),
    Layout(
        "talkwalker",
        ("matched_profile", "published"),
        "published",
        "title",
        "url",
        "extra_source_attributes.name",
        ("matched_profile", "tags_internal"),
        "sentiment",
        None,
        ("reach", "engagement"),
        signed_sentiment=True,
    ),
    Layout(
        "nolimit",
        ("date_published", "label"),
        "date_published",
        "title",
        "url",
        "media_name",
        ("label",),
        "sentiment",
        None,
        ("reach",),
        ("%d-%m-%Y %H.%M", "%d-%m-%Y %H:%M"),
        locale="id",
        strip_quote=True,
    ),
    Layout(
        "nolimit",
        ("date_created", "final_sentiment"),
        "date_created",
        "content",
        "link",
        "platform",
        ("label",),
        "final_sentiment",
        None,
        ("reach", "engagement"),
        ("%d-%m-%Y %H.%M", "%d-%m-%Y %H:%M"),
        locale="id",
        strip_quote=True,
    ),
    Layout(
        "manual",
        ("date", "title", "issue", "sentiment"),
        "date",
        "title",
        "url",
        "outlet",
        ("issue",),
        "sentiment",
        "document_id",
        ("reach", "engagement"),
        ("%Y-%m-%d %H:%M", "%Y-%m-%d %H:%M:%S", "%Y-%m-%d", "%d/%m/%Y %H:%M", "%d/%m/%Y"),
        locale="id",
    ),
    Layout(
        "manual",
        ("tanggal", "judul", "isu", "sentimen"),
        "tanggal",
        "judul",
        "tautan",
        "media",
        ("isu",),
        "sentimen",
        "id_dokumen",
        ("jangkauan", "keterlibatan"),
        ("%d/%m/%Y %H:%M", "%d/%m/%Y", "%Y-%m-%d %H:%M", "%Y-%m-%d", "%d %b %Y %H:%M", "%d %b %Y"),
        locale="id",
    ),
]


# ---------------------------------------------------------------- reading files


def _xlsx_rows(data: bytes) -> list[list[str]]:
    """The first sheet's cells as text (shared and inline strings, numbers as written)."""
    with zipfile.ZipFile(io.BytesIO(data)) as book:
        shared = []
        if "xl/sharedStrings.xml" in book.namelist():
            for item in ElementTree.fromstring(book.read("xl/sharedStrings.xml")).iter(f"{XLSX}si"):
                shared.append("".join(t.text or "" for t in item.iter(f"{XLSX}t")))
        sheet = ElementTree.fromstring(book.read("xl/worksheets/sheet1.xml"))
    rows = []
    for row in sheet.iter(f"{XLSX}row"):
        cells: dict[int, str] = {}
        for cell in row.iter(f"{XLSX}c"):
            letters = re.match(r"[A-Z]+", cell.get("r", "A")).group()
            column = sum((ord(ch) - 64) * 26**i for i, ch in enumerate(reversed(letters))) - 1
            kind, value = cell.get("t"), cell.find(f"{XLSX}v")
            if kind == "s":
                text = shared[int(value.text)]
            elif kind == "inlineStr":
                text = "".join(t.text or "" for t in cell.iter(f"{XLSX}t"))
            else:
                text = value.text if value is not None and value.text is not None else ""
                if re.fullmatch(r"-?[0-9]+\.0", text):
                    text = text[:-2]
            cells[column] = text
        rows.append([cells.get(i, "") for i in range(max(cells, default=-1) + 1)])
    return rows


def _csv_rows(data: bytes) -> list[list[str]]:
    if data.startswith(b"\xff\xfe"):
        text = data[2:].decode("utf-16-le")
    elif data.startswith(b"\xfe\xff"):
        text = data[2:].decode("utf-16-be")
    else:
        text = data.decode("utf-8-sig")
    first = text.split("\n", 1)[0]
    delimiter = max("\t;,", key=first.count)
    return list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))


def tables(path: Path) -> list[tuple[str, list[list[str]]]]:
    """(name, rows) of a file, or of each CSV/XLSX member of a ZIP, as Citra names them."""
    data = path.read_bytes()
    if path.suffix.lower() == ".zip":
        out = []
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            for info in archive.infolist():
                member = PurePosixPath(info.filename)
                if member.suffix.lower() in (".csv", ".xlsx"):
                    out.append((f"{path.name}/{member.name}", _rows(member.suffix, archive.read(info))))
        return out
    return [(path.name, _rows(path.suffix, data))]


def _rows(suffix: str, data: bytes) -> list[list[str]]:
    return _xlsx_rows(data) if suffix.lower() == ".xlsx" else _csv_rows(data)


def _layout_and_records(rows: list[list[str]]) -> tuple[Layout, list[tuple[int, dict[str, str]]]]:
    """The layout whose marker columns appear in a row (the header, below any report rows), and
    the data rows after it as (row number in the file, cells by column)."""
    for index, row in enumerate(rows):
        names = [c.strip() for c in row]
        for layout in LAYOUTS:
            if all(m in names for m in layout.marker):
                records = []
                for number, cells in enumerate(rows[index + 1 :], start=index + 2):
                    if any(c.strip() for c in cells):
                        records.append((number, dict(zip(names, cells))))
                return layout, records
    raise ValueError("no known layout")


# ---------------------------------------------------------------- the rules


def _instant(text: str, layout: Layout) -> datetime | None:
    text = text.strip()
    if layout.vendor == "talkwalker" and re.fullmatch(r"[0-9]{12,13}", text):
        return datetime.fromtimestamp(int(text) / 1000, UTC)
    if re.fullmatch(r"[0-9]{5}([.][0-9]+)?", text):  # an Excel date cell: days since 1899-12-30, wall clock
        return datetime(1899, 12, 30, tzinfo=WITA) + timedelta(seconds=round(float(text) * 86400))
    try:
        parsed = datetime.fromisoformat(text.replace("Z", "+00:00"))
        if parsed.tzinfo is not None:
            return parsed
    except ValueError:
        pass
    english = re.sub(r"[A-Za-z]+", lambda w: ID_MONTHS.get(w.group().lower(), w.group()), text)
    for fmt in layout.date_formats:
        try:
            return datetime.strptime(english, fmt).replace(tzinfo=WITA)
        except ValueError:
            continue
    return None


def _count_problem(text: str, locale: str) -> bool:
    """True when a count cell is negative, not a number, or implausibly large."""
    cell = re.sub(r"\s+", "", text.lower())
    if cell in ("", "-", "n/a"):
        return False
    cell = re.sub(r"(k|rb|ribu|m|jt|juta|b|bn)$", "", cell)
    number = cell.replace(".", "").replace(",", ".") if locale == "id" else cell.replace(",", "")
    try:
        value = float(number)
    except ValueError:
        return True
    return value < 0 or value > MAX_COUNT


def _sentiment(text: str, layout: Layout) -> tuple[bool, str | None]:
    """(known, sentiment); a signed score reads by its sign."""
    cell = text.strip().lower()
    if layout.signed_sentiment:
        try:
            score = float(cell.replace(",", "."))
        except ValueError:
            pass
        else:
            return True, "positive" if score > 0 else "negative" if score < 0 else "neutral"
    return cell in SENTIMENT, SENTIMENT.get(cell)


def _aliases() -> dict[str, str]:
    with (SEEDS / "issue_aliases.csv").open(encoding="utf-8") as fh:
        aliases = {row["alias"]: row["issue_code"] for row in csv.DictReader(fh)}
    return aliases | {code: code for code in taxonomy()}


def taxonomy() -> list[str]:
    with (SEEDS / "issues.csv").open(encoding="utf-8") as fh:
        return [row["issue_code"] for row in csv.DictReader(fh)]


@dataclass(frozen=True)
class Row:
    file: str
    row: int
    key: tuple
    month: date
    issue: str
    sentiment: str | None


def read_landing(landing: Path, today: date) -> tuple[list[Row], dict[str, int]]:
    """Every good row of every file (in ingestion order) and the number of rejects per file."""
    aliases = _aliases()
    files = sorted((p for p in landing.rglob("*") if p.is_file() and not p.name.startswith(".")), key=_order)
    good: list[Row] = []
    rejects: dict[str, int] = defaultdict(int)
    latest = datetime.combine(today + timedelta(days=2), datetime.min.time(), WITA)
    for path in files:
        for name, rows in tables(path):
            layout, records = _layout_and_records(rows)
            for number, cells in records:

                def cell(column: str, cells: dict[str, str] = cells, strip: bool = layout.strip_quote) -> str:
                    value = (cells.get(column) or "").strip()
                    return value.lstrip("'").strip() if strip else value

                instant = _instant(cell(layout.date), layout)
                known, sentiment = _sentiment(cell(layout.sentiment), layout)
                title, url = cell(layout.title), cell(layout.url)
                if (
                    instant is None
                    or instant >= latest
                    or instant < EARLIEST
                    or not (title or url)
                    or any(_count_problem(cell(c), layout.locale) for c in layout.counts)
                    or not known
                ):
                    rejects[name] += 1
                    continue
                doc = cell(layout.doc) if layout.doc else ""
                epoch = instant.timestamp()
                key = (
                    (layout.vendor, "doc", doc)
                    if doc
                    else (layout.vendor, "url", url.lower(), epoch)
                    if url
                    else (layout.vendor, "txt", cell(layout.outlet), title, epoch)
                )
                label = next((cell(c) for c in layout.issue if cell(c)), "")
                clean = " ".join(label.split()).lower()
                local = instant.astimezone(WITA)
                good.append(
                    Row(
                        name,
                        number,
                        key,
                        date(local.year, local.month, 1),
                        aliases.get(clean, clean) or "tanpa_isu",
                        sentiment,
                    )
                )
    return good, dict(rejects)


def _order(path: Path) -> tuple[float, str]:
    """Ingestion order: oldest file time first, then by name (relative to the landing folder)."""
    return path.stat().st_mtime, str(path)


def mentions(landing: Path, today: date) -> dict[tuple, Row]:
    """One row per mention: the last of its rows in ingestion order (file time, name, row)."""
    newest: dict[tuple, Row] = {}
    for row in read_landing(landing, today)[0]:
        newest[row.key] = row  # rows come in ingestion order, and in file order within a file
    return newest


def _next_month(month: date) -> date:
    return date(month.year + month.month // 12, month.month % 12 + 1, 1)


def issue_mart(landing: Path, today: date) -> dict[tuple[date, str], dict]:
    """Every cell of mart_issue_sentiment_monthly as README and the model's yml define it: each
    month from the first to the last with a mention, times each issue of the taxonomy and each
    issue seen; zero cells, shares, share of voice and month-over-month changes included."""
    counts: dict[tuple[date, str], dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for row in mentions(landing, today).values():
        cell = counts[(row.month, row.issue)]
        cell["mentions"] += 1
        cell[row.sentiment or "unlabeled"] += 1
    issues = set(taxonomy()) | {issue for _, issue in counts}
    months = [min(m for m, _ in counts)]
    while months[-1] < max(m for m, _ in counts):
        months.append(_next_month(months[-1]))
    result: dict[tuple[date, str], dict] = {}
    for month in months:
        total = sum(cell["mentions"] for (m, _), cell in counts.items() if m == month)
        for issue in issues:
            c = counts.get((month, issue), {})
            pos, neu, neg = c.get("positive", 0), c.get("neutral", 0), c.get("negative", 0)
            labelled = pos + neu + neg
            row = {
                "mentions": c.get("mentions", 0),
                "positive": pos,
                "neutral": neu,
                "negative": neg,
                "unlabeled": c.get("unlabeled", 0),
                "positive_share": pos / labelled if labelled else None,
                "negative_share": neg / labelled if labelled else None,
                "net_sentiment": (pos - neg) / labelled if labelled else None,
                "share_of_voice": c.get("mentions", 0) / total if total else None,
            }
            before = result.get((date(month.year - (month.month == 1), (month.month - 2) % 12 + 1, 1), issue))
            for share in ("positive_share", "negative_share"):
                known = before is not None and before[share] is not None and row[share] is not None
                row[f"{share}_change_pp"] = (row[share] - before[share]) * 100 if known else None
            result[(month, issue)] = row
    return result
