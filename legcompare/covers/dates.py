"""Dates and periods a clause fixes: when the law takes effect, when it ends, and deadlines.

Amounts of time are found by :func:`legcompare.assess.values.quantities` ("ninetieth day",
"January 1, 2028", "5 years"; hours are read here, the values module does not know them). A
value's kind comes from the nearest words before it in its sentence: "take effect" makes it
``effective``, "expire" or "repealed" ``sunset``, "as of" ``other``, "within" or "no later
than" right before it a ``deadline`` (a period counted from the effective date is no effective
date; "shall take effect not later than" is one); anything else is a ``deadline``. Ages ("18
years of age") are not dates, nor is a date that names a law ("the Act of August 18, 1941").
"Take effect immediately" is ``effective:immediately``; "shall be repealed at such time that
..." with no date or period is ``sunset:conditional``.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from datetime import date
from fractions import Fraction

from ..assess.values import Quantity, describe, quantities, words_to_number
from ..model import Span
from ..normalize import key
from . import signals as sig
from .reading import Reading

_UNITS = {"day": "days", "business-day": "business-days", "week": "weeks", "month": "months",
          "year": "years", "hour": "hours"}
_KINDS = {"effective": "Effective", "sunset": "Sunset", "deadline": "Deadline",
          "other": "Date"}
_EVERY = re.compile(r"\b(?:every|each)\s+$", re.I)
_NAMES_A_LAW = re.compile(r"\b(?:act|law|statute)s?\s+(?:of|approved|enacted)\s+$", re.I)
"""Before a date that is part of a law's name ("section 5 of the Act of August 18, 1941",
"the Act approved June 22, 1936"), not a date the law fixes."""


def dates(reading: Reading) -> list[tuple[str, str, str, Span]]:
    """``(value, summary, quote, span)`` for each date or period in the clause, in order."""
    page = reading.page
    if not reading.key:
        return []
    start, end = reading.span(0, len(reading.key))
    text = page[start:end]
    out: list[tuple[str, str, str, Span]] = []
    for q in _amounts(text):
        at = start + q.span[0]
        if sig.AGE.match(key(text[q.span[1]:q.span[1] + 12])):
            continue
        if q.unit == "date" and _NAMES_A_LAW.search(text, max(0, q.span[0] - 24), q.span[0]):
            continue
        kind = _kind(reading, at)
        when = _when(q)
        quote, span = _quote(reading, at, start + q.span[1])
        # a recurrence is told as one ("and every six months thereafter": "every 6 months")
        every = "every " if q.unit != "date" and _EVERY.search(text, 0, q.span[0]) else ""
        out.append((f"{kind}:{when}", f"{_KINDS[kind]}: {every}{describe_when(q)}", quote, span))
    for pattern, value, summary in ((sig.IMMEDIATELY, "effective:immediately",
                                     "Effective: immediately"),
                                    (sig.CONDITIONAL_SUNSET, "sunset:conditional",
                                     "Sunset: when a condition is met")):
        m = pattern.search(reading.key)
        if m and not (value.startswith("sunset") and _has_amount(reading, m.start())):
            quote, span = reading.quote(m.start(), m.end())
            out.append((value, summary, quote, span))
    return out


def _amounts(text: str) -> list[Quantity]:
    found = [q for q in quantities(text) if q.unit in _UNITS or q.unit == "date"]
    for m in sig.HOURS.finditer(text):
        n = m.group(1).lower()
        number = int(n) if n.isdigit() else words_to_number(n)
        if number is not None and not any(q.span[0] <= m.start() < q.span[1] for q in found):
            found.append(Quantity(Fraction(number), "hour", m.span(), m.group(0)))
    return sorted(found, key=lambda q: q.span)


def _kind(reading: Reading, at: int) -> str:
    """``effective``, ``sunset``, ``other`` or ``deadline``, from the words before ``at``."""
    a, _ = reading.sentence_at(_key_offset(reading, at))
    s_start = reading.span(a, a)[0]
    before = key(reading.page[s_start:at])
    if sig.AS_OF.search(before):
        return "other"
    within = sig.WITHIN.search(before)
    if within is not None and not any(p.search(before, max(0, within.start() - 24),
                                               within.start())
                                      for p in (sig.EFFECTIVE, sig.SUNSET)):
        return "deadline"
    last = {kind: max((m.end() for m in p.finditer(before)), default=-1)
            for kind, p in (("effective", sig.EFFECTIVE), ("sunset", sig.SUNSET))}
    kind, where = max(last.items(), key=lambda kv: kv[1])
    return kind if where >= 0 else "deadline"


def _key_offset(reading: Reading, at: int) -> int:
    """The key offset of display offset ``at`` (the first key character at or after it). The
    origins never decrease (the key keeps the text's order), so a binary search finds it: a
    provision listing thousands of amounts asks for each of them."""
    i = bisect_left(reading.origin, at, 0, len(reading.origin) - 1)
    return i if i < len(reading.origin) - 1 else max(len(reading.key) - 1, 0)


def _when(q: Quantity) -> str:
    if q.unit == "date":
        return date.fromordinal(int(q.value)).isoformat()
    n = int(q.value) if q.value.denominator == 1 else float(q.value)
    unit = _UNITS[q.unit]
    return f"{n}-{unit[:-1] if n == 1 else unit}"


def describe_when(q: Quantity) -> str:
    if q.unit == "hour":
        n = int(q.value)
        return f"{n} hour{'' if n == 1 else 's'}"
    return describe(q)


def _quote(reading: Reading, start: int, end: int) -> tuple[str, Span]:
    """The sentence around a display range, cut around it."""
    a, b = _key_offset(reading, start), _key_offset(reading, end - 1) + 1
    return reading.quote(a, b)


def _has_amount(reading: Reading, at: int) -> bool:
    a, b = reading.sentence_at(at)
    span = reading.span(a, b)
    return bool(_amounts(reading.page[span[0]:span[1]]))
