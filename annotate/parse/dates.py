"""Publication dates from standalone date lines (never from a sentence). Pure."""

from __future__ import annotations

import re
from datetime import date

from annotate.rules.months import ENGLISH_MONTH_NUMBERS, MONTH_NUMBERS

_MONTHS = MONTH_NUMBERS | ENGLISH_MONTH_NUMBERS
_WEEKDAY = (
    r"(?:senin|selasa|rabu|kamis|jumat|jum'at|sabtu|minggu|ahad|monday|tuesday|"
    r"wednesday|thursday|friday|saturday|sunday)"
)
_MONTH = "(?:" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_TIME = (
    r"(?:(?:pukul\s+)?\d{1,2}[:.]\d{2}(?:[:.]\d{2})?\s*(?:wib|wita|wit|utc|gmt)?"
    r"(?:\s*[+-]\d{1,2}(?::?\d{2})?)?)"
)
_DATE = (
    rf"(?P<d1>\d{{1,2}})\s+(?P<m1>{_MONTH})\s+(?P<y1>\d{{4}})"
    r"|(?P<d2>\d{1,2})[/.-](?P<m2>\d{1,2})[/.-](?P<y2>\d{4})"
    r"|(?P<y3>\d{4})-(?P<m3>\d{2})-(?P<d3>\d{2})"
)
# A whole line that only states when the article was published, e.g.
# "Senin, 15 Januari 2024 | 14:30 WIB", "Kompas.com - 15/01/2024, 14:30 WIB",
# "Diterbitkan: 2024-01-15 08.00". Dates inside sentences are event dates: never taken.
_DATE_LINE = re.compile(
    rf"(?:[-–—•|]\s*)?(?:[\w.]+\s*[-–—|]\s*)?(?:(?:diterbitkan|dipublikasikan|diperbarui|terbit|published|"
    rf"updated|tanggal)\s*:?\s*)?(?:{_WEEKDAY}\s*,?\s*)?(?:{_DATE})"
    rf"(?:\s*[,|/-]?\s*{_TIME})?\s*[|]?\s*",
    re.IGNORECASE,
)


def publication_date(line: str) -> str | None:
    """The ISO date stated by a standalone date line, or None if `line` is not one."""
    m = _DATE_LINE.fullmatch(line)
    if not m:
        return None
    g = m.groupdict()
    if g["d1"]:
        day, month, year = int(g["d1"]), _MONTHS[g["m1"].lower().rstrip(".")], int(g["y1"])
    elif g["d2"]:
        day, month, year = int(g["d2"]), int(g["m2"]), int(g["y2"])
    else:
        day, month, year = int(g["d3"]), int(g["m3"]), int(g["y3"])
    try:
        return date(year, month, day).isoformat() if 1900 <= year <= 2100 else None
    except ValueError:  # "31 Februari"
        return None
