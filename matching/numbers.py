"""Numbers as outlets write them, to one value: *Rp 1,5 miliar*, *Rp1.500.000.000*, *Rp1,5 M*,
*1.500 juta* are all 1,500,000,000; *412.000*, *412 ribu* and *412rb* are 412,000.

Indonesian writing: a dot groups thousands, a comma marks decimals. A dot followed by one or
two digits (*9.8*) is read as a decimal point, as English-style copy writes it. *M* and *T*
mean miliar and triliun only after *Rp* (*180 m* is metres). Dates in parentheses, as a
dateline writes them (*Selasa (4/3/2025)*), are not numbers of the story and are dropped.
"""

from __future__ import annotations

import re
from decimal import Decimal

from matching.lexicon import MONEY_SCALES, NUMBER_WORDS, SCALES

_SCALE_WORDS = "|".join(sorted(SCALES, key=len, reverse=True))
NUMBER = re.compile(
    r"(?<![a-z0-9])(?P<rp>rp\.?\s*)?"
    r"(?P<int>\d{1,3}(?:\.\d{3})+|\d+)(?:(?P<sep>[.,])(?P<frac>\d{1,2}(?!\d)|\d+))?"
    rf"(?:\s*(?P<scale>{_SCALE_WORDS}|m|t|k)(?![a-z]))?"
)
DATE_IN_PARENS = re.compile(r"\(\s*\d{1,2}\s*/\s*\d{1,2}(?:\s*/\s*\d{2,4})?\s*\)")
RANGE = re.compile(r"(?<=\d)\s*[-–]\s*(?=\d)")


def _value(match: re.Match[str]) -> Decimal:
    """Exact (decimal) value: 32,3 miliar is 32300000000, not 32299999999.999996."""
    whole = match["int"].replace(".", "")
    value = Decimal(whole)
    if match["frac"] is not None:
        if match["sep"] == "," or len(match["frac"]) <= 2:
            value = Decimal(f"{whole}.{match['frac']}")
        else:  # 1.500 after an ungrouped number: thousands
            value = Decimal(whole + match["frac"])
    scale = match["scale"]
    if scale in SCALES:
        value *= SCALES[scale]
    elif scale and match["rp"]:
        value *= MONEY_SCALES[scale]
    return value


def number_token(value: Decimal | float) -> str:
    """``n`` and the value, ``d`` for the decimal point: 8.4 -> ``n8d4``, 1.5e9 -> ``n1500000000``."""
    value = Decimal(str(value)) if isinstance(value, float) else value
    if value == value.to_integral_value():
        return f"n{int(value)}"
    return "n" + format(value.normalize(), "f").replace(".", "d")


def replace_numbers(text: str) -> str:
    """Lower-case ``text`` with every number (and its scale word, and *Rp*) as one token;
    a unit written beside it (*meter*, *persen*) stays a word of its own."""
    text = DATE_IN_PARENS.sub(" ", text)
    text = RANGE.sub(" ", text)

    def one(match: re.Match[str]) -> str:
        scale = match["scale"]
        keep = f" {scale}" if scale and scale not in SCALES and not match["rp"] else ""
        return f" {'rp ' if match['rp'] else ''}{number_token(_value(match))}{keep} "

    return NUMBER.sub(one, text)


def number_word(token: str) -> str | None:
    """The number token of a number word (*tiga*, *kesembilan*), or None."""
    value = NUMBER_WORDS.get(token)
    return None if value is None else number_token(Decimal(value))
