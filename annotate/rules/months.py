"""Month names, written once: for publication dates (`annotate.parse.dates`), dates that
are not quantities ("15 Januari", `annotate.rules.quantity_exclusions`) and the words that
may follow a name in a capitalised run ("Anies Januari", `annotate.rules.capitals`). Pure.
"""

from __future__ import annotations

# fmt: off
MONTHS = (
    "januari", "februari", "maret", "april", "mei", "juni",
    "juli", "agustus", "september", "oktober", "november", "desember",
)
# fmt: on
"""The twelve Indonesian month names, lower case, in calendar order."""

# fmt: off
MONTH_VARIANTS = {
    "pebruari": 2,  # an older spelling, still written
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7,
    "agu": 8, "agt": 8, "ags": 8, "sep": 9, "sept": 9, "okt": 10, "nov": 11, "nop": 11, "des": 12,
}
# fmt: on
"""Other Indonesian ways to write a month, lower case: abbreviations and spellings."""

MONTH_NUMBERS = {name: k for k, name in enumerate(MONTHS, start=1)} | MONTH_VARIANTS
"""Every Indonesian month name or abbreviation (lower case) -> its number, 1 to 12."""

# fmt: off
ENGLISH_MONTH_NUMBERS = {
    "january": 1, "february": 2, "march": 3, "may": 5, "june": 6, "july": 7,
    "aug": 8, "august": 8, "oct": 10, "october": 10, "dec": 12, "december": 12,
}
# fmt: on
"""English month names and abbreviations (lower case) that Indonesian ones do not cover
("april", "september", "november" and their abbreviations are both)."""

# fmt: off
HIJRI_MONTHS = (
    "Muharram", "Muharam", "Safar", "Sapar", "Rabiulawal", "Rabiulakhir", "Jumadilawal",
    "Jumadilakhir", "Rajab", "Syakban", "Syaban", "Sya'ban", "Ramadan", "Ramadhan", "Syawal",
    "Zulkaidah", "Zulkaedah", "Dzulqadah", "Zulhijah", "Zulhijjah", "Dzulhijjah",
)
# fmt: on
"""Months of the Hijri calendar as written ("1 Syawal 1445 H", "17 Ramadan")."""
