"""Command line: ``python -m sample_data --home DIR --mentions N`` writes the sample landing zone."""

from __future__ import annotations

import argparse
import time
from datetime import date
from pathlib import Path

from .generate import generate


def month(text: str) -> date:
    """A month as YYYY-MM (or a date in it, YYYY-MM-DD)."""
    try:
        return date.fromisoformat(text[:7] + "-01")
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a month; expected YYYY-MM, e.g. 2025-12") from None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m sample_data", description=__doc__)
    parser.add_argument("--home", type=Path, required=True, help="Citra home; files go to HOME/landing/media")
    parser.add_argument("--mentions", type=int, default=60_000, help="unique mentions to generate")
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument(
        "--last-month",
        type=month,
        default=None,
        help="last month, YYYY-MM (default: the last complete month before today, or before CITRA_TODAY)",
    )
    parser.add_argument("--start", type=month, default=None, help="first month, YYYY-MM (instead of --last-month)")
    parser.add_argument("--months", type=int, default=24, help="months of data, ending with the last month")
    parser.add_argument("--no-platforms", action="store_true", help="skip the official-account exports")
    parser.add_argument(
        "--no-scraper",
        action="store_true",
        help="keep the online clippings of the last three months in the clipping sheets (no scraper export)",
    )
    parser.add_argument("--no-asn", action="store_true", help="skip the ASN rosters and the civil servants' posts")
    parser.add_argument(
        "--no-labels", action="store_true", help="skip the unlabelled radio clippings and the analyst's corrections"
    )
    parser.add_argument(
        "--no-releases", action="store_true", help="skip the press releases (landing/releases) and their pickups"
    )
    parser.add_argument("--no-hoaxes", action="store_true", help="skip the hoax register and its mentions")
    args = parser.parse_args(argv)

    last_month = args.last_month
    if args.start is not None:
        if last_month is not None:
            parser.error("give --start or --last-month, not both")
        index = args.start.year * 12 + args.start.month - 1 + args.months - 1
        last_month = date(index // 12, index % 12 + 1, 1)
    began = time.perf_counter()
    s = generate(
        args.home,
        mentions=args.mentions,
        seed=args.seed,
        last_month=last_month,
        months=args.months,
        platforms=not args.no_platforms,
        scraper_offsets=not args.no_scraper,
        asn=not args.no_asn,
        labels=not args.no_labels,
        releases=not args.no_releases,
        hoaxes=not args.no_hoaxes,
    )
    elapsed = time.perf_counter() - began
    print(
        f"wrote {len(s.files)} files, {s.total_rows:,} rows ({s.unique_mentions:,} unique mentions, "
        f"{s.first_month:%Y-%m} to {s.last_month:%Y-%m}) to {args.home / 'landing' / 'media'} in {elapsed:.1f}s"
    )
    print(f"  set aside on purpose: {sum(s.rejected_rows.values())} clipping rows typed wrong")
    if s.scraper_files:
        print(f"  scraper: {', '.join(p.name for p in s.scraper_files)} (times with +07:00)")
    if s.burst:
        b = s.burst
        print(
            f"  burst: {b['date']} {b['issue_code']} region {b['region_code']}: "
            f"{b['negative_count']:,} negative mentions ({b['planted_rows']:,} planted)"
        )
    if s.feed_gap:
        g = s.feed_gap
        print(f"  hole: {g['feed']} has no rows {g['first_missing_day']} .. {g['last_missing_day']}")
    if s.missing_month:
        print(f"  hole: {s.missing_month['feed']} has no file for {s.missing_month['month']:%Y-%m}")
    if s.platform_files:
        m = s.platform_missing_month
        print(
            f"  platforms: {len(s.platform_files)} files in {args.home / 'landing' / 'platform'}; "
            f"{m['account']} has no data for {m['month']:%Y-%m}"
        )
    if s.asn:
        print(
            f"  ASN: {s.asn['people']} civil servants in {len(s.asn['roster_files'])} roster files, "
            f"{s.asn['rows']:,} posts in {len(s.asn['files'])} Brandwatch exports"
        )
    if s.labels:
        print(
            f"  labels: {s.labels['radio_rows']} radio clippings without issue or sentiment; "
            f"{len(s.labels['corrections'])} analyst corrections in landing/corrections/{s.labels['corrections_file']}"
        )
    if s.releases:
        r = s.releases
        print(
            f"  releases: {r['releases']} press releases in {len(r['files'])} files in landing/releases/ "
            f"({r['typed_wrong']} rows typed wrong); {r['pickups']} rewrites and {r['decoys']} decoys in the Meltwater exports"
        )
    if s.responses and s.responses["posts"]:
        first = s.responses["posts"][0]
        print(f"  response: {first['account']} answers the burst at {first['published_at']:%Y-%m-%d %H:%M} WITA")
    if s.hoaxes:
        planted = s.hoaxes["planted"]
        unclear = [p.key for p in planted if p.klarifikasi_at is None]
        print(f"  hoaxes: {len(planted)} registered in landing/hoaxes/, without a clarification: {', '.join(unclear)}")
    if s.reexport:
        r = s.reexport
        print(f"  overlap: {r['file']} repeats {r['overlapping_rows']:,} rows of {r['original_file']}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
