"""Omnibus acts: divisions lettered past Z, a text that opens with its first division, and the
enacting clause of each act printed whole under its division. Snippets written for the test."""

from __future__ import annotations

from legcompare.ingest.text import parse_text
from legcompare.model import Kind, Outline, Provenance
from legcompare.split import split
from legcompare.split.labels import read_container

OMNIBUS = """\
DIVISION A—FIRST TEST ACT
An Act
To test the reading of omnibus acts.
Be it enacted by the Senate and House of Representatives of the United States of America in \
Congress assembled,
SECTION 1. SHORT TITLE.
This Act may be cited as the "First Test Act".
SEC. 2. DUTY.
The Secretary shall report to Congress.
DIVISION B—SECOND TEST ACT
SEC. 1. SHORT TITLE.
This Act may be cited as the "Second Test Act".
DIVISION Z—LAST SINGLE LETTER ACT
SEC. 1. SHORT TITLE.
This Act may be cited as the "Z Act".
DIVISION AA—FIRST DOUBLED LETTER ACT
SEC. 1. SHORT TITLE.
This Act may be cited as the "AA Act".
DIVISION BB—SECOND DOUBLED LETTER ACT
SEC. 1. APPROPRIATION.
There is appropriated $5,000,000.
DIVISION AAA—FIRST TRIPLED LETTER ACT
SEC. 1. REPEAL.
Section 2 of division A is repealed.
"""


def _outline(text: str, jurisdiction: str = "us-federal") -> Outline:
    return split(parse_text(text, Provenance(jurisdiction, "omnibus-test", None, None, "test")))


def test_division_letters_after_z_are_divisions() -> None:
    o = _outline(OMNIBUS)
    assert [(c.id, c.label, c.kind, c.heading) for c in o.clauses] == [
        ("div-a", "DIVISION A", Kind.DIVISION, "FIRST TEST ACT"),
        ("div-b", "DIVISION B", Kind.DIVISION, "SECOND TEST ACT"),
        ("div-z", "DIVISION Z", Kind.DIVISION, "LAST SINGLE LETTER ACT"),
        ("div-aa", "DIVISION AA", Kind.DIVISION, "FIRST DOUBLED LETTER ACT"),
        ("div-bb", "DIVISION BB", Kind.DIVISION, "SECOND DOUBLED LETTER ACT"),
        ("div-aaa", "DIVISION AAA", Kind.DIVISION, "FIRST TRIPLED LETTER ACT"),
    ]
    by_id = {c.id: c for c in o.walk()}
    assert by_id["div-bb/s1"].citation == "omnibus-test, div. BB, § 1"
    assert by_id["div-bb/s1"].text == "SEC. 1. APPROPRIATION.\nThere is appropriated $5,000,000.\n"
    assert by_id["div-aaa/s1"].heading == "REPEAL"


def test_only_a_repeated_letter_doubles() -> None:
    assert read_container("DIVISION AB—MIXED", 0) is None
    assert read_container("DIVISION OF MOTOR VEHICLES", 0) is None
    assert read_container("Division A of this Act", 0) is None
    found = read_container("DIVISION CC--THIRD", 0)
    assert found is not None and (found[0].value, found[1]) == ("CC", len("DIVISION CC"))


def test_a_text_opening_with_its_first_division_has_its_front_matter_inside_it() -> None:
    o = _outline(OMNIBUS)
    first = o.clauses[0]
    assert first.id == "div-a" and first.span[0] == 0
    assert [c.id for c in o.clauses if c.kind is Kind.FRONT] == []
    # The first act's title and enacting clause are the division's front matter, one node;
    # its sections are the division's own.
    assert [c.id for c in first.children] == ["div-a/front", "div-a/s1", "div-a/s2"]
    front = first.children[0]
    assert front.kind is Kind.FRONT and front.children == ()
    assert front.text.startswith("An Act\nTo test the reading of omnibus acts.\nBe it enacted")
    assert front.text.endswith("Congress assembled,\n")


def test_an_acts_printed_header_under_its_division_is_not_read_for_labels() -> None:
    """Enrolled acts printed whole under a division start with "H. R. 255" and the Congress's
    name: text of the division's front matter, not a paragraph "H." and subparagraph "R."."""
    o = _outline("DIVISION A—FIRST TEST ACT\nH. R. 255\nOne Hundred Fifteenth Congress\n"
                 "An Act\nTo test.\nBe it enacted by the Senate and House of Representatives "
                 "of the United States of America in Congress assembled,\n"
                 "SECTION 1. SHORT TITLE.\nThis Act may be cited as the \"Test Act\".\n"
                 "DIVISION B—NO ACT HEADER\nSEC. 1. DUTY.\n(a) The Secretary shall act.\n")
    assert [c.id for c in o.walk()] == [
        "div-a", "div-a/front", "div-a/s1", "div-b", "div-b/s1", "div-b/s1/a"]
    assert next(c for c in o.walk() if c.id == "div-a/front").text.startswith("H. R. 255\n")


def test_the_section_after_an_enacting_clause_in_the_body_is_a_section() -> None:
    """ "... in Congress assembled," ends the enacting clause: the next line's "SECTION 1." is
    the act's first section, as after the front matter's enacting clause."""
    o = _outline(OMNIBUS.replace("Representatives of the United States of America in ",
                                 "Representa-\ntives of the United States of America in\n"))
    s1 = next(c for c in o.walk() if c.id == "div-a/s1")
    assert (s1.label, s1.heading) == ("SECTION 1.", "SHORT TITLE")
    before = [c for c in o.walk() if c.span[1] <= s1.span[0]]
    assert before[-1].text.endswith("in\nCongress assembled,\n")


def test_front_matter_before_a_division_is_still_front_matter() -> None:
    """A bill whose divisions follow its title and enacting clause keeps its front matter."""
    text = ("An Act\nTo test.\nBe it enacted by the Senate and House of Representatives of the "
            "United States of America in Congress assembled,\nSECTION 1. SHORT TITLE.\n"
            "This Act may be cited as the \"Test Act\".\nDIVISION A—FIRST\nSEC. 101. DUTY.\n"
            "The Secretary shall act.\n")
    o = _outline(text)
    assert [c.id for c in o.clauses] == ["front", "enacting", "s1", "div-a"]
    assert [c.id for c in o.clauses[3].children] == ["div-a/s101"]
