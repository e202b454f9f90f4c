"""Amounts, periods and dates, in digits or in words, normalised to a value and a unit.

``quantities(text)`` finds every quantity with its span: ``$1,000`` and "one thousand dollars"
are both ``Quantity(1000, "USD")``; "90 days", "ninetieth day" and "3 business days" are periods
in days (business days keep their own unit); "January 1, 2023" and "fiscal year 2020" are dates
(a fiscal year as its last day, September 30); "15 percent" is a percentage. Values are exact
(``fractions.Fraction``) so comparisons never suffer rounding.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from fractions import Fraction

from ..prefilter import lower_for_prefilter, quick

_UNITS = {"zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
          "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
          "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17,
          "eighteen": 18, "nineteen": 19}
_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
         "eighty": 80, "ninety": 90}
_SCALES = {"hundred": 100, "thousand": 1000, "million": 10**6, "billion": 10**9}
_ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6,
             "seventh": 7, "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12,
             "thirteenth": 13, "fourteenth": 14, "fifteenth": 15, "sixteenth": 16,
             "seventeenth": 17, "eighteenth": 18, "nineteenth": 19, "twentieth": 20,
             "thirtieth": 30, "fortieth": 40, "fiftieth": 50, "sixtieth": 60, "seventieth": 70,
             "eightieth": 80, "ninetieth": 90, "hundredth": 100}
_MONTHS = {m: i + 1 for i, m in enumerate(
    ["january", "february", "march", "april", "may", "june", "july", "august", "september",
     "october", "november", "december"])}
_MONTH_ABBR = {"jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8,
               "sep": 9, "sept": 9, "oct": 10, "nov": 11, "dec": 12}

_WORD = (r"(?:" + "|".join(sorted(list(_UNITS) + list(_TENS) + list(_SCALES), key=len,
                                   reverse=True)) + r")")
_NUMBER_WORDS = rf"{_WORD}(?:[\s-]+(?:and\s+)?{_WORD})*"
_ORDINAL_WORDS = (rf"(?:{_WORD}[\s-]+(?:and\s+)?)*(?:"
                  + "|".join(sorted(_ORDINALS, key=len, reverse=True)) + r")")
_DIGITS = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"

# A number word starts a word ("\b"): "often days" holds no "ten days", "a written month" no
# "ten month" (and the search does not try every letter of every word). A number of a period
# starts a number: "Form H2 days" holds no "2 days", "1.5 years" no "5 years", "1,000 days"
# no "000 days". (They are searched through :func:`~legcompare.prefilter.quick`, made when
# first searched: a look-ahead for the characters a match starts with passes over most
# positions of a text at once.)
_MONEY = re.compile(
    rf"\$\s?(?P<d>{_DIGITS})(?:\s+(?P<dscale>thousand|million|billion))?"
    rf"|\b(?P<w>{_NUMBER_WORDS})\s+dollars\b", re.I)
_PERIOD = re.compile(
    rf"(?:(?<![\w.,])(?P<d>{_DIGITS})|\b(?P<w>{_NUMBER_WORDS})|\b(?P<o>{_ORDINAL_WORDS})"
    r"|(?<![\w.,])(?P<od>\d+)(?:st|nd|rd|th))"
    r"(?:\s*\(\d+\))?[\s-]+(?P<kind>calendar\s+|business\s+)?(?P<unit>day|week|month|year)s?\b",
    re.I)
_DATE = re.compile(
    r"(?P<month>January|February|March|April|May|June|July|August|September|October|November|"
    r"December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.?\s+(?P<day>\d{1,2}),\s*"
    r"(?P<year>\d{4})|(?P<iso>\d{4}-\d{2}-\d{2})|fiscal\s+year\s+(?P<fy>\d{4})", re.I)
_DATE_WORDS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov",
               "dec", "fiscal")
"""One of these (or a hyphen, in an ISO date) is in every match of ``_DATE``."""
_PERCENT = re.compile(rf"(?:(?P<d>{_DIGITS})|(?P<w>{_NUMBER_WORDS}))\s*(?:percent\b|%)", re.I)


@dataclass(frozen=True)
class Quantity:
    """A number with a unit, where it was found, and the words as printed."""

    value: Fraction
    unit: str  # "USD", "day", "business-day", "week", "month", "year", "date", "percent"
    span: tuple[int, int]
    text: str

    def comparable(self, other: Quantity) -> bool:
        return self.unit == other.unit or {self.unit, other.unit} <= _DURATIONS

    def in_days(self) -> Fraction:
        return self.value * _DAYS.get(self.unit, 1)


_DAYS = {"day": Fraction(1), "week": Fraction(7), "month": Fraction(30), "year": Fraction(365)}
_DURATIONS = set(_DAYS)


def words_to_number(text: str) -> int | None:
    """ "one thousand" → 1000; "twenty-five" → 25; ``None`` if not a number in words."""
    total = current = 0
    seen = False
    for w in re.split(r"[\s-]+", text.lower()):
        if w in ("and", ""):
            continue
        if w in _UNITS:
            current += _UNITS[w]
        elif w in _TENS:
            current += _TENS[w]
        elif w == "hundred":
            current = max(current, 1) * 100
        elif w in _SCALES:
            total += max(current, 1) * _SCALES[w]
            current = 0
        else:
            return None
        seen = True
    return total + current if seen else None


def ordinal_to_number(text: str) -> int | None:
    """ "ninetieth" → 90; "one hundred twentieth" → 120."""
    words = re.split(r"[\s-]+", text.lower().strip())
    last = words[-1]
    if last not in _ORDINALS:
        return None
    head = words_to_number(" ".join(words[:-1])) if len(words) > 1 else 0
    if head is None:
        return None
    return head + _ORDINALS[last] if _ORDINALS[last] < 100 or not head else head * 100


def _digits(s: str) -> Fraction:
    return Fraction(s.replace(",", ""))


def quantities(text: str) -> list[Quantity]:
    """Every amount, period, date and percentage in ``text``, in order, without overlaps."""
    # Each pattern is searched only when the text holds a word every match of it contains
    # (the same answers; most provisions hold no amount at all).
    lowered = lower_for_prefilter(text)
    found: list[Quantity] = []
    if lowered is None or "$" in text or "dollars" in lowered:
        found += [q for m in quick(_MONEY).finditer(text) if (q := _money(m)) is not None]
    if lowered is None or any(unit in lowered for unit in ("day", "week", "month", "year")):
        found += [q for m in quick(_PERIOD).finditer(text) if (q := _period(m)) is not None]
    if lowered is None or "-" in text or any(w in lowered for w in _DATE_WORDS):
        found += [q for m in quick(_DATE).finditer(text) if (q := _date(m)) is not None]
    if lowered is None or "%" in text or "percent" in lowered:
        found += [q for m in quick(_PERCENT).finditer(text) if (q := _percent(m)) is not None]
    found.sort(key=lambda q: (q.span[0], -q.span[1]))
    out: list[Quantity] = []
    for q in found:
        if out and q.span[0] < out[-1].span[1]:
            continue
        out.append(q)
    return out


def _money(m: re.Match[str]) -> Quantity | None:
    if m.group("d"):
        value = _digits(m.group("d")) * _SCALES.get((m.group("dscale") or "").lower(), 1)
    else:
        number = words_to_number(m.group("w"))
        if number is None:
            return None
        value = Fraction(number)
    return Quantity(value, "USD", m.span(), m.group(0))


def _period(m: re.Match[str]) -> Quantity | None:
    value: Fraction | int | None
    if m.group("d"):
        value = _digits(m.group("d"))
    elif m.group("od"):
        value = int(m.group("od"))
    elif m.group("w"):
        value = words_to_number(m.group("w"))
    else:
        value = ordinal_to_number(m.group("o"))
    if value is None:
        return None
    unit = m.group("unit").lower()
    if m.group("kind") and m.group("kind").lower().startswith("business"):
        unit = "business-day" if unit == "day" else unit
    return Quantity(Fraction(value), unit, m.span(), m.group(0))


def _date(m: re.Match[str]) -> Quantity | None:
    try:
        if m.group("iso"):
            d = date.fromisoformat(m.group("iso"))
        elif m.group("fy"):
            d = date(int(m.group("fy")), 9, 30)
        else:
            name = m.group("month").lower()
            month = _MONTHS.get(name) or _MONTH_ABBR.get(name[:4]) or _MONTH_ABBR[name[:3]]
            d = date(int(m.group("year")), month, int(m.group("day")))
    except (ValueError, KeyError):
        return None
    return Quantity(Fraction(d.toordinal()), "date", m.span(), m.group(0))


def _percent(m: re.Match[str]) -> Quantity | None:
    if m.group("d"):
        value = _digits(m.group("d"))
    else:
        number = words_to_number(m.group("w"))
        if number is None:
            return None
        value = Fraction(number)
    return Quantity(value, "percent", m.span(), m.group(0))


def describe(q: Quantity) -> str:
    """A quantity as a reader would say it: "$1,000", "90 days", "January 1, 2023"."""
    if q.unit == "date":
        d = date.fromordinal(int(q.value))
        return f"{_month_name(d.month)} {d.day}, {d.year}"
    if q.unit == "USD":
        if q.value.denominator == 1:
            return f"${int(q.value):,}"
        return f"${float(q.value):,.2f}"
    number = int(q.value) if q.value.denominator == 1 else float(q.value)
    unit = q.unit.replace("-", " ")
    return f"{number} {unit}{'' if number == 1 or q.unit == 'percent' else 's'}"


def _month_name(m: int) -> str:
    return next(k for k, v in _MONTHS.items() if v == m).capitalize()
