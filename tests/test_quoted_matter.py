"""Matter quoted into another law: cited as a whole by the law it goes into (``S. 4457 § 1
(adding N.Y. Gen. Bus. Law)``), not by the quoting clause's citation alone, with the law's name
read whole; and judged by the provisions it holds, not once more as a whole (it has no words of
its own). Snippets written for the test, and H.R. 2157 from the corpus."""

from __future__ import annotations

from pathlib import Path

import pytest

from legcompare import compare
from legcompare.citation import quoted_matter, render
from legcompare.ingest import load_path
from legcompare.ingest.text import parse_text
from legcompare.ingest.xml import _law_name
from legcompare.model import (
    CitationForm,
    Document,
    Kind,
    Outline,
    Provenance,
    Status,
    Verdict,
)
from legcompare.split import split
from legcompare.split.patterns import AMENDED_LAW
from legcompare.summary import headline, summarize

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


NEW_YORK_LATER = NEW_YORK.replace("§ 2. This act shall take effect immediately.", """\
§ 2. The general business law is amended by adding a new section 399-zzz to read as follows:
§ 399-ZZZ. RECORDS. 1. EVERY SELLER SHALL KEEP A RECORD OF EACH SALE.
§ 3. This act shall take effect immediately.""")


def test_added_quoted_matter_is_judged_by_what_it_holds() -> None:
    def document(text: str, version: str) -> Document:
        return parse_text(text, Provenance("us-ny", "Bill", version, None, "t"))

    pairs = {(p.new or p.old).id: p for p in  # type: ignore[union-attr]
             compare(document(NEW_YORK, "a"), document(NEW_YORK_LATER, "b")).pairs}
    container = pairs["s2/q"]
    assert (container.status, container.verdict) == (Status.ADDED, Verdict.NEUTRAL)
    assert [(r.rule, r.old, r.new) for r in container.reasons] == [("no-own-text", None, None)]
    duty = pairs["s2/q/399-zzz/1"]
    assert (duty.status, duty.verdict) == (Status.ADDED, Verdict.STRONGER)
    assert [r.rule for r in duty.reasons] == ["scope.duty-added"]


@pytest.mark.corpus
def test_removed_quoted_matter_is_not_counted_twice(corpus: Path) -> None:
    c = compare(load_path(corpus / "us-federal-hr2157-116-introduced.txt"),
                load_path(corpus / "us-federal-hr2157-116-enrolled.txt"))
    pairs = {(p.new or p.old).id: p for p in c.pairs}  # type: ignore[union-attr]
    # "Section 703(4) ... is amended by inserting": the quoted matter, then its paragraph (10).
    assert [(pairs[i].status, pairs[i].verdict, [r.rule for r in pairs[i].reasons])
            for i in ("t-vii/s703/4/q", "t-vii/s703/4/q/10")] == [
        (Status.REMOVED, Verdict.NEUTRAL, ["no-own-text"]),
        (Status.REMOVED, Verdict.WEAKER, ["scope.duty-removed"])]
    assert headline(summarize(c)).startswith("49 provisions weaker, 41 stronger, 73 unclear;")


@pytest.mark.parametrize(("instruction", "law"), [
    ("That § 1 of the Code of Virginia is amended by adding", "Code of Virginia"),
    (("That §§ 1 and 2 of the Code of Virginia are amended and reenacted and that the Code of "
     "Virginia is amended by adding"), "Code of Virginia"),
    (("Section 3 of the Robert T. Stafford Disaster Relief and Emergency Assistance Act is "
     "amended by adding"), "Robert T. Stafford Disaster Relief and Emergency Assistance Act"),
    ("Section 1. The general business law is amended by adding", "general business law"),
    # a code of regulations is not a state's code: no law read (rather than "Code of Federal")
    ("Section 60.2 of title 40 of the Code of Federal Regulations is amended by adding", None),
])
def test_the_law_an_instruction_amends(instruction: str, law: str | None) -> None:
    found = AMENDED_LAW.search(instruction)
    assert (found.group("law") if found else None) == law


@pytest.mark.parametrize(("form", "parts", "cited"), [
    (CitationForm("bill", "H.B. 1339"), ("(1)",), "H.B. 1339(1)"),
    (CitationForm("section", "7 U.S.C. § 136v"), ("(a)",), "7 U.S.C. § 136v(a)"),
    (CitationForm("code", "N.Y. Gen. Bus. Law"), ("§ 676-b(1)",), "N.Y. Gen. Bus. Law § 676-b(1)"),
    (CitationForm("code", "42 U.S.C. § 1308"), ("(g)(5)",), "42 U.S.C. § 1308(g)(5)"),
    # a law's name takes no pinpoint directly: "... of 2018(2)(K)" would read as a section 2018
    (CitationForm("code", "Bipartisan Budget Act of 2018"), ("(2)(K)",),
     "Bipartisan Budget Act of 2018, (2)(K)"),
])
def test_a_first_pinpoint_attaches_to_a_bill_or_section_not_to_a_laws_name(
        form: CitationForm, parts: tuple[str, ...], cited: str) -> None:
    assert render(form, "", parts) == cited
