"""Text normalization shared by training and prediction: one tokenizer, so the model sees
news headlines, social posts and review sentences in the same shape.

Lower-cases, replaces links and mentions by placeholders, digits by 0 (12.500 -> 00.000), shortens elongated words
("bagusss" -> "bagus") and splits punctuation off, keeping `!` and `?` as tokens. `standard_words`
then maps common informal spellings to standard Indonesian (a short hand-written list) and,
with a learned lexicon, Banjar words to their Indonesian equivalents.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

URL = re.compile(r"(?:https?://|www\.)[^\s\x00]+")  # the zero byte separates texts in a batch (scan.py)
MENTION = re.compile(r"@\w+")
_ELONGATION = re.compile(r"([^\W\d_])\1{2,}")
_TOKEN = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*|\d+(?:[.,]\d+)*|[!?]")
_NUMBER = re.compile(r"\d")

# Informal Indonesian spellings common in comments and posts, mapped to the standard word.
# Kept short on purpose: only forms that are unambiguous in Indonesian and frequent online.
INFORMAL = {
    **dict.fromkeys(["gak", "ga", "gk", "nggak", "ngga", "enggak", "engga", "tdk", "kagak", "ndak", "nda"], "tidak"),
    **dict.fromkeys(["yg", "yng"], "yang"),
    **dict.fromkeys(["dgn", "dg"], "dengan"),
    **dict.fromkeys(["sdh", "udah", "udh", "dah"], "sudah"),
    **dict.fromkeys(["blm", "blum"], "belum"),
    **dict.fromkeys(["krn", "karna", "krna"], "karena"),
    **dict.fromkeys(["jg", "jga"], "juga"),
    **dict.fromkeys(["aja", "aj"], "saja"),
    **dict.fromkeys(["tp", "tpi"], "tapi"),
    **dict.fromkeys(["utk", "tuk"], "untuk"),
    **dict.fromkeys(["kalo", "klo", "klau"], "kalau"),
    **dict.fromkeys(["bgt", "bngt", "bangettt"], "banget"),
    **dict.fromkeys(["bkn"], "bukan"),
    **dict.fromkeys(["lg"], "lagi"),
    **dict.fromkeys(["sm"], "sama"),
    **dict.fromkeys(["dr"], "dari"),
    **dict.fromkeys(["org"], "orang"),
    **dict.fromkeys(["bs"], "bisa"),
    **dict.fromkeys(["trs"], "terus"),
    **dict.fromkeys(["emang", "emg"], "memang"),
    **dict.fromkeys(["gimana", "gmn", "gmna"], "bagaimana"),
    **dict.fromkeys(["knp", "knapa"], "kenapa"),
    **dict.fromkeys(["bener", "bnr"], "benar"),
    **dict.fromkeys(["bgs"], "bagus"),
    **dict.fromkeys(["mantul", "mantab"], "mantap"),
    # more abbreviations of social posts (issue 26): SmSA's preprocessed texts hold almost none
    # of them, so without the map a post's "jgn", "bnyk" or "pengen" would be unknown words
    **dict.fromkeys(["nggk", "ngak", "gx"], "tidak"),
    **dict.fromkeys(["jd", "jdi"], "jadi"),
    **dict.fromkeys(["sy", "sya"], "saya"),
    **dict.fromkeys(["aq"], "aku"),
    **dict.fromkeys(["msh", "masi"], "masih"),
    **dict.fromkeys(["bnyk", "byk", "byak"], "banyak"),
    **dict.fromkeys(["skrg", "skrng", "skarang"], "sekarang"),
    **dict.fromkeys(["hrs"], "harus"),
    **dict.fromkeys(["tlg", "tolongin"], "tolong"),
    **dict.fromkeys(["pake", "pke"], "pakai"),
    **dict.fromkeys(["dpt", "dapet"], "dapat"),
    **dict.fromkeys(["sampe", "smpe", "smpai"], "sampai"),
    **dict.fromkeys(["lbh"], "lebih"),
    **dict.fromkeys(["kmrn", "kmaren", "kemaren"], "kemarin"),
    **dict.fromkeys(["jgn", "jngn"], "jangan"),
    **dict.fromkeys(["dlm"], "dalam"),
    **dict.fromkeys(["tsb"], "tersebut"),
    **dict.fromkeys(["spt", "sprti"], "seperti"),
    **dict.fromkeys(["krg"], "kurang"),
    **dict.fromkeys(["sdg"], "sedang"),
    **dict.fromkeys(["bgmn", "gimn"], "bagaimana"),
    **dict.fromkeys(["trus"], "terus"),
    **dict.fromkeys(["tau", "tw"], "tahu"),
    **dict.fromkeys(["pengen", "pingin", "pgn"], "ingin"),
    **dict.fromkeys(["cm"], "cuma"),
    **dict.fromkeys(["lgi"], "lagi"),
    **dict.fromkeys(["blom"], "belum"),
    **dict.fromkeys(["bru", "br"], "baru"),
    **dict.fromkeys(["bgus"], "bagus"),
    **dict.fromkeys(["ok", "okey", "okay"], "oke"),
}


def tokens(text: str) -> list[str]:
    """Words, numbers (digits as 0), `!` and `?` of a text, lower-cased, links as `url`, mentions as `user`."""
    text = URL.sub(" url ", text.lower())
    text = MENTION.sub(" user ", text)
    text = _ELONGATION.sub(r"\1", text)
    return [_NUMBER.sub("0", t) if t[0].isdigit() else t for t in _TOKEN.findall(text)]


def standard_words(words: list[str], lexicon: Mapping[str, str]) -> list[str]:
    """Map informal spellings and Banjar words (via `lexicon`) to standard Indonesian."""
    return [lexicon.get(w) or INFORMAL.get(w, w) for w in words]
