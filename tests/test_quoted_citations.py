"""How matter quoted into another law is cited: the quoted matter as a whole names the law
(``S. 4457 § 1 (adding N.Y. Gen. Bus. Law)``), not only the clause that quotes it, and the law's
name is read whole. Snippets written for the test."""

from __future__ import annotations

import pytest

from legcompare.citation import quoted_matter
from legcompare.ingest.text import parse_text
from legcompare.ingest.xml import _law_name
from legcompare.model import Kind, Outline, Provenance
from legcompare.split import split

VIRGINIA = """\
Be it enacted by the General Assembly of Virginia:
1. That § 15.2-1 of the Code of Virginia is amended and reenacted and that the Code of \
Virginia is amended by adding a section numbered 15.2-2 as follows:
§ 15.2-2. Cameras.
A. No locality shall buy a camera.
2. That this act shall take effect on July 1, 2026.
"""

NEW_YORK = """\
AN ACT to amend the general business law, in relation to cameras

THE PEOPLE OF THE STATE OF NEW YORK, REPRESENTED IN SENATE AND ASSEMBLY, DO ENACT AS FOLLOWS:

Section 1. The general business law is amended by adding a new section 399-zz to read as \
follows:
§ 399-ZZ. CAMERAS. 1. NO PERSON SHALL SELL A CAMERA.
§ 2. This act shall take effect immediately.
"""

MASSACHUSETTS = """\
SECTION 1. Chapter 90 of the General Laws is hereby amended by inserting after section 7 the \
following section:-
Section 7A. No person shall drive.
SECTION 2. This act shall take effect.
"""


def _cited(text: str, jurisdiction: str) -> list[tuple[str, str]]:
    outline: Outline = split(parse_text(text, Provenance(jurisdiction, "Bill", None, None, "t")))
    return [(c.id, c.citation) for c in outline.walk() if c.kind is not Kind.FRONT]


def test_quoted_matter_names_the_law_it_goes_into() -> None:
    assert _cited(NEW_YORK, "us-ny") == [
        ("s1", "Bill § 1"),
        ("s1/q", "Bill § 1 (adding N.Y. Gen. Bus. Law)"),
        ("s1/q/399-zz", "Bill § 1 (adding N.Y. Gen. Bus. Law § 399-zz)"),
        ("s1/q/399-zz/1", "Bill § 1 (adding N.Y. Gen. Bus. Law § 399-zz(1))"),
        ("s2", "Bill § 2")]


def test_a_code_named_twice_in_one_instruction_is_read_once() -> None:
    # "... of the Code of Virginia are amended and reenacted and that the Code of Virginia is
    # amended by adding": the law is the Code of Virginia, not the words between the two.
    assert _cited(VIRGINIA, "us-va") == [
        ("1", "Bill(1)"),
        ("1/q", "Bill(1) (adding Va. Code Ann.)"),
        ("1/q/15.2-2", "Bill(1) (adding Va. Code Ann. § 15.2-2)"),
        ("1/q/15.2-2/a", "Bill(1) (adding Va. Code Ann. § 15.2-2(A))"),
        ("2", "Bill(2)")]


def test_a_chapter_of_the_general_laws_is_cited_without_its_trailing_comma() -> None:
    assert _cited(MASSACHUSETTS, "us-ma") == [
        ("s1", "Bill § 1"),
        ("s1/q", "Bill § 1 (inserting Mass. Gen. Laws ch. 90)"),
        ("s1/q/7a", "Bill § 1 (inserting Mass. Gen. Laws ch. 90, § 7A)"),
        ("s2", "Bill § 2")]


@pytest.mark.parametrize(("law", "cited"), [
    ("N.Y. Gen. Bus. Law", "S. 1 § 1 (adding N.Y. Gen. Bus. Law)"),
    ("Mass. Gen. Laws ch. 90,", "S. 1 § 1 (adding Mass. Gen. Laws ch. 90)"),
    (None, "S. 1 § 1 (quoted matter)"),
    ("", "S. 1 § 1 (quoted matter)"),
])
def test_quoted_matter_citation(law: str | None, cited: str) -> None:
    assert quoted_matter("S. 1 § 1", "adding", law) == cited


@pytest.mark.parametrize(("law", "name"), [
    # read from the designation on: "title I of subdivision 1 of division B of the ..."
    ("B of the Bipartisan Budget Act of 2018", "Bipartisan Budget Act of 2018"),
    ("IV of the Higher Education Act of 1965", "Higher Education Act of 1965"),
    ("Title III of the Social Security Act", "Social Security Act"),
    ("the McKinney-Vento Homeless Assistance Act", "McKinney-Vento Homeless Assistance Act"),
    ("title 18, United States Code", "18 U.S.C."),
])
def test_law_names_from_bill_xml(law: str, name: str) -> None:
    assert _law_name(law) == name
