"""Quantities read from provision text (``legcompare.assess.values``)."""

from __future__ import annotations

from fractions import Fraction

import pytest

from legcompare.assess.values import quantities


@pytest.mark.parametrize(("text", "found"), [
    ("within ninety days of receipt", [("day", 90, "ninety days")]),
    ("the thirtieth day after", [("day", 30, "thirtieth day")]),
    ("one hundred twenty days", [("day", 120, "one hundred twenty days")]),
    ("fifty thousand dollars", [("USD", 50000, "fifty thousand dollars")]),
    ("within 30-day periods", [("day", 30, "30-day")]),
    # a number word inside another word is no number
    ("an operator had often days off", []),
    ("after a written month notice", []),
    ("forgotten dollars", []),
    ("someone weeks later", []),
    # a number of a period is a whole number, never the end of another
    ("file Form H2 days after notice", []),
    ("within 1.5 years of collection", [("year", Fraction(3, 2), "1.5 years")]),
    ("kept for 1,000 days", [("day", 1000, "1,000 days")]),
    ("no later than the 30th day", [("day", 30, "30th day")]),
])
def test_quantities(text: str, found: list[tuple[str, int | Fraction, str]]) -> None:
    assert [(q.unit, q.value, q.text) for q in quantities(text)] == [
        (unit, Fraction(value), words) for unit, value, words in found]
