"""Dates as reports print them: "January 1, 2023" (JSON keeps ISO 8601)."""

from __future__ import annotations

import re

_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December")


def report_date(iso: str | None) -> str | None:
    """``2023-01-01`` → ``January 1, 2023``; ``2019-06`` → ``June 2019``; ``2024`` stays.

    Dates known only to the month or year print at that precision; anything else unchanged.
    """
    if not iso:
        return None
    m = re.fullmatch(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?", iso.strip())
    if not m:
        return iso
    year, month, day = m.group(1), m.group(2), m.group(3)
    if month is None or not 1 <= int(month) <= 12:
        return year
    name = _MONTHS[int(month) - 1]
    return f"{name} {int(day)}, {year}" if day else f"{name} {year}"
