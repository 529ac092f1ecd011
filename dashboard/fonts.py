"""The dashboard's font files, ``dashboard/static/fonts/``: DejaVu Sans from the matplotlib wheel
(the font of the report's charts), subset to the Latin letters and punctuation Indonesian needs
and saved as WOFF, about 30 KB a weight instead of 700. Subsetting takes seconds, so the files are
made once and shipped: ``python -m dashboard.fonts`` makes them again (after a matplotlib upgrade
or a change to ``UNICODES``), tests/test_dashboard_site.py checks what they cover.

Licence: DejaVu's changes are in the public domain and Bitstream Vera's licence allows
redistributing modified copies under another name with its notice: ``LICENSE_DEJAVU`` is copied
beside the files, and the fonts keep their copyright and licence names.
"""

from __future__ import annotations

import io
import logging
import shutil
from pathlib import Path

import matplotlib

SOURCE_DIR = Path(matplotlib.get_data_path()) / "fonts" / "ttf"
TARGET_DIR = Path(__file__).parent / "static" / "fonts"
FONTS = {"citra-sans.woff": "DejaVuSans.ttf", "citra-sans-bold.woff": "DejaVuSans-Bold.ttf"}
# Basic Latin, Latin-1, dashes, quotes, bullet, ellipsis, per mille, guillemets, euro, arrows,
# the minus sign and the triangles of a trend
UNICODES = [
    *range(0x20, 0x7F),
    *range(0xA0, 0x100),
    *range(0x2010, 0x2028),
    0x2030,
    0x2039,
    0x203A,
    0x20AC,
    *range(0x2190, 0x2194),
    0x2212,
    0x25B2,
    0x25BC,
]


def subset_font(source: Path) -> bytes:
    """``source`` cut down to ``UNICODES``, as WOFF, with its name table (copyright, licence) kept."""
    from fontTools import subset

    logging.getLogger("fontTools.subset").setLevel(logging.ERROR)  # "FFTM NOT subset": a timestamp table
    options = subset.Options()
    options.flavor = "woff"
    options.name_IDs = ["*"]
    font = subset.load_font(str(source), options)
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=UNICODES)
    subsetter.subset(font)
    out = io.BytesIO()
    subset.save_font(font, out, options)
    return out.getvalue()


def main() -> int:
    TARGET_DIR.mkdir(parents=True, exist_ok=True)
    for name, source in FONTS.items():
        data = subset_font(SOURCE_DIR / source)
        (TARGET_DIR / name).write_bytes(data)
        print(f"{TARGET_DIR / name}: {len(data):,} bytes from {source}")
    shutil.copyfile(SOURCE_DIR / "LICENSE_DEJAVU", TARGET_DIR / "LICENSE_DEJAVU")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
