"""``legcompare covers``: fact sheets, the matrix against a baseline, and every output format.

Snippets written for a test cover the edge cases (lists, partial texts, hostile text); the real
texts in the corpus cover the rest. The extractor's accuracy on the gold fact sheets is measured
in ``test_covers_gold.py``.
"""

from __future__ import annotations

import csv
import importlib
import io
import itertools
import json
import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from legcompare import split
from legcompare.cli import main
from legcompare.covers import (
    Coverage,
    CoverageReport,
    Dimension,
    FactSheet,
    Versus,
    covers,
    fact_sheet,
)
from legcompare.covers.terms import classify, party_name, party_names
from legcompare.ingest import load_path
from legcompare.ingest.text import parse_text
from legcompare.model import Document, Provenance
from legcompare.normalize import readable
from legcompare.render.covers_html import covers_html
from legcompare.render.covers_out import covers_csv, covers_json, covers_markdown, covers_terminal

P832 = "us-ca-pen-832.19-2019-chaptered.txt"
A3712 = "us-ny-a3712-2023-introduced.txt"
A1891 = "us-ny-a1891-2023-introduced.txt"
HR4695 = "us-federal-hr4695-119-introduced.txt"
S3226 = "us-ny-s3226-2023-introduced.txt"
SPRINGFIELD = "us-ma-springfield-code-facial-surveillance.txt"


def snippet(text: str, *, partial: bool = False) -> Document:
    return parse_text(text, Provenance("us-test", "snippet", None, "Test Act", "test",
                                       partial=partial))


def items(sheet: FactSheet, dimension: Dimension | None = None) -> list[tuple[str, str, str]]:
    return [(i.dimension.value, i.clause, i.value) for i in sheet.items
            if dimension is None or i.dimension is dimension]


# --- snippets -------------------------------------------------------------------------------

ACT = """Section 1. Definitions. As used in this act:
(a) "Operator" means any business that operates a camera in a place open to the public.
(b) "Faceprint" means information derived from the geometry of an individual's face.
(c) "Face scanner" means any computer software that performs facial recognition.
(d) "Face scanner" does not include a lock on a personal device.
Section 2. Prohibitions.
(a) No operator may—
(1) use a face scanner on a customer; or
(2) sell a faceprint.
(b) An operator may not retain a faceprint unless:
(1) a valid warrant is served; or
(2) the customer gives written consent.
(c) An operator shall delete every faceprint within thirty days.
Section 3. Remedies. Any person aggrieved may bring a civil action for actual damages and
reasonable attorney's fees.
Section 4. Effective date. This act shall take effect on the ninetieth day after it shall have
become a law and shall expire and be deemed repealed December 31, 2030.
"""


def test_definitions_name_parties_technologies_and_data() -> None:
    sheet = fact_sheet(split(snippet(ACT)))
    assert items(sheet, Dimension.DEFINITIONS) == [
        ("definitions", "s1/a", "operator"), ("definitions", "s1/b", "faceprint"),
        ("definitions", "s1/c", "face-scanner")]
    assert items(sheet, Dimension.ACTORS) == [("actors", "s1/a", "operator")]
    assert items(sheet, Dimension.DATA) == [("data", "s1/b", "faceprint")]
    assert items(sheet, Dimension.TECHNOLOGY) == [("technology", "s1/c", "face-scanner")]
    exclusion = [i for i in sheet.items if i.clause == "s1/d"]
    assert [(i.dimension.value, i.value) for i in exclusion] == [("exceptions", "exclusion")]
    assert exclusion[0].quote == '"Face scanner" does not include a lock on a personal device.'



@pytest.mark.parametrize(("term", "meaning", "kind"), [
    # Virginia's § 23.1-815.1: a meaning that opens with a modifier told nothing, and the
    # law's one technology was "not addressed"; the term names it
    ("facial recognition technology", "an electronic system for enrolling, capturing",
     Dimension.TECHNOLOGY),
    ("biometric information", "regardless of how it is captured, converted, stored",
     Dimension.DATA),
    ("chief state election administration official", "the highest state official with",
     Dimension.ACTORS),
    # the meaning, where it tells, goes first; a use or an act is no technology
    ("covered system", "any information derived from", Dimension.DATA),
    ("face surveillance system", "use of a face recognition program", None),
    # a term named by no such word, or by a word for the people protected, is none of them
    ("dwelling", "a building occupied as a residence", None),
    ("affected person", "an individual whose face is scanned", None),
    # a word for a party that only qualifies what the meaning names (H.R. 264's "the term
    # “regulatory” means agency actions to implement ..." named no party)
    ("regulatory", "agency actions to implement, interpret or enforce", None),
    ("supervisory", "government functions of examination", None),
])
def test_a_term_is_classified_by_its_meaning_then_its_name(
        term: str, meaning: str, kind: Dimension | None) -> None:
    assert classify(term, meaning) is kind


def test_list_items_carry_what_their_lead_in_only_introduces() -> None:
    sheet = fact_sheet(split(snippet(ACT)))
    assert items(sheet, Dimension.PROHIBITED) == [
        ("prohibited", "s2/a/1", "prohibition"), ("prohibited", "s2/a/2", "prohibition"),
        ("prohibited", "s2/b", "prohibition"), ("prohibited", "s2/c", "duty")]
    assert items(sheet, Dimension.EXCEPTIONS)[1:] == [
        ("exceptions", "s2/b/1", "warrant"), ("exceptions", "s2/b/2", "consent")]


def test_remedies_and_dates_are_normalised() -> None:
    sheet = fact_sheet(split(snippet(ACT)))
    assert items(sheet, Dimension.REMEDIES) == [
        ("remedies", "s3", "private-right-of-action"), ("remedies", "s3", "actual-damages"),
        ("remedies", "s3", "attorney-fees")]
    assert items(sheet, Dimension.DATES) == [
        ("dates", "s2/c", "deadline:30-days"), ("dates", "s4", "effective:90-days"),
        ("dates", "s4", "sunset:2030-12-31")]
    sunset = next(i for i in sheet.items if i.value == "sunset:2030-12-31")
    assert sunset.summary == "Sunset: December 31, 2030"
    assert sunset.citation == "Test Act § 4"


def test_a_period_counted_from_the_effective_date_is_a_deadline() -> None:
    """San Francisco's ch. 19B: "Each Department possessing or using Surveillance Technology
    before the effective date of this Chapter 19B shall submit an inventory ... within 60 days
    of the effective date of this Chapter" was an effective date; it is a deadline, as is "no
    later than 180 days following the effective date". "Shall take effect not later than"
    still names when the law takes effect."""
    text = ("Section 1. Inventory. Each department using a camera before the effective date of "
            "this act shall submit an inventory within 60 days of the effective date of this act.\n"
            "Section 2. Policy. Each department shall submit a policy no later than 180 days "
            "following the effective date of this act.\n"
            "Section 3. Effective date. This act shall take effect not later than 90 days after "
            "its passage.\n")
    assert items(fact_sheet(split(snippet(text))), Dimension.DATES) == [
        ("dates", "s1", "deadline:60-days"), ("dates", "s2", "deadline:180-days"),
        ("dates", "s3", "effective:90-days")]


def test_a_title_of_amendments_is_read_part_by_part() -> None:
    """A title with no text of its own takes the role its sections mostly have; one of two
    amending sections and a ban was an amendment, of which only quoted matter was read, and
    the ban went unlisted (H.R. 1's title I and H.R. 2157's titles of headings were skipped
    so)."""
    text = ("TITLE I—PRIVACY\n"
            "SEC. 101. Section 5 of the Privacy Act is amended by striking “may” and inserting "
            "“shall”.\n"
            "SEC. 102. Section 6 of the Privacy Act is amended by striking “30” and inserting "
            "“60”.\n"
            "SEC. 103. No agency may use a face recognition system.\n")
    outline = split(snippet(text))
    assert [(c.id, c.role.value) for c in outline.walk()] == [
        ("t-i", "amendment"), ("t-i/s101", "amendment"), ("t-i/s102", "amendment"),
        ("t-i/s103", "prohibition")]
    assert items(fact_sheet(outline)) == [
        ("prohibited", "t-i/s103", "prohibition"), ("actors", "t-i/s103", "agency")]


def test_a_party_named_in_the_singular_is_quoted_as_printed() -> None:
    """H.R. 2157's "the agencies receiving funds ... shall provide a detailed operating plan":
    named "agency receiving funds" (e2221b5), the item's quote was that name and its span empty
    (the name's first word, "agency", is not printed)."""
    document = snippet("Section 1. Plans. The agencies receiving funds shall provide a detailed "
                       "operating plan.\n")
    (party,) = [i for i in fact_sheet(split(document)).items
                if i.dimension is Dimension.ACTORS]
    assert (party.value, party.quote) == ("agency-receiving-funds", "agencies receiving funds")
    assert document.text[party.span[0]:party.span[1]] == "agencies receiving funds"


def test_a_date_that_names_a_law_is_no_date_the_law_fixes() -> None:
    """H.R. 2157's "as authorized by section 5 of the Act of August 18, 1941" was a deadline
    of August 18, 1941 (H.R. 264's "the Act of August 25, 1958" another)."""
    text = ("Section 1. Repairs. Repairs as authorized by section 5 of the Act of August 18, "
            "1941, and the Act approved June 22, 1936, shall be completed not later than "
            "September 30, 2021.\n")
    assert items(fact_sheet(split(snippet(text))), Dimension.DATES) == [
        ("dates", "s1", "deadline:2021-09-30")]


@pytest.mark.parametrize(("text", "value"), [
    ("No agency shall use a face scanner, except in an emergency involving danger of death.",
     "emergency"),
    ("No agency shall use a face scanner, except in exigent circumstances.", "emergency"),
    # "emergency" as part of a name is no ground: H.R. 2157's "except that references to
    # dates ... shall be deemed to be the corresponding dates ... for the covered disaster or
    # emergency", H.R. 264's "a limited term appointee or limited emergency appointee"
    (("Such funds shall be used for the same programs, except that references to dates shall "
      "be deemed to be dates for the covered disaster or emergency."), "other"),
    (("No agency shall use a face scanner, except under a plan of the Federal Emergency "
      "Management Agency."), "other"),
])
def test_an_exceptions_ground_is_named_not_mentioned(text: str, value: str) -> None:
    sheet = fact_sheet(split(snippet(f"Section 1. Use. {text}\n")))
    assert items(sheet, Dimension.EXCEPTIONS) == [("exceptions", "s1", value)]


def test_a_recurrence_is_told_as_one() -> None:
    """H.R. 4695's "Beginning on 180 days after the date of the enactment of this Act, and every
    six months thereafter, ... the custodian ... shall remove" was told "Deadline: 6 months", as
    if the custodian had six months; the value stays a deadline's (the gold's "a time limit,
    recurrence or limitation period"), the summary says "every"."""
    text = ("Section 1. Removal. Beginning on 180 days after the date of enactment, and every six "
            "months thereafter, the custodian shall remove the photos of each person released.\n")
    found = [(i.value, i.summary) for i in fact_sheet(split(snippet(text))).items
             if i.dimension is Dimension.DATES]
    assert found == [("deadline:180-days", "Deadline: 180 days"),
                     ("deadline:6-months", "Deadline: every 6 months")]


def test_what_a_law_does_to_other_law_is_no_prohibited_conduct() -> None:
    """S. 4457-A's fact sheet listed as "Prohibits" its severability section ("... is held to
    be invalid, that shall not affect the validity ... of any other provision"), "this section
    ... shall not supersede, amend or repeal any other law of this state" and "such power of
    subpoena and examination shall not abate or terminate": none binds anyone's conduct (the
    same severability wording was a prohibition in H.R. 1's four titles and A. 48's prints).
    Nor do how a law counts a thing (A. 48's "SUCH INSTALLATION SHALL NOT QUALIFY AS A BASIS
    FOR RENT REDUCTION", the TCJA's and H.R. 1's "shall (not) be treated as") or the time a law
    speaks of ("... installed at the time this section shall have become a law", a duty)."""
    text = ("Section 1. Ban. No operator may sell a faceprint.\n"
            "Section 2. Subpoenas. The attorney general may issue subpoenas. Such power of "
            "subpoena shall not abate or terminate by reason of any action brought.\n"
            "Section 3. Other law. This section shall not supersede, amend or repeal any other "
            "law of this state.\n"
            "Section 4. Severability. If any provision of this act is held to be invalid, that "
            "shall not affect the validity of any other provision of this act.\n"
            "Section 5. Leases. An operator shall not affix a scanner to a door, and shall not "
            "terminate a lease for a refusal.\n"
            "Section 6. Rent. Such installation shall not qualify as a basis for rent reduction, "
            "and a payment for a scanner shall not be treated as rent. A lessee shall be treated "
            "as a tenant.\n"
            "Section 7. Existing systems. For systems installed at the time this section shall "
            "have become a law, a faceprint may be collected to register a user.\n")
    assert items(fact_sheet(split(snippet(text))), Dimension.PROHIBITED) == [
        ("prohibited", "s1", "prohibition"), ("prohibited", "s5", "prohibition")]


def test_none_of_the_funds_may_be_used_is_a_prohibition() -> None:
    """H.R. 264's general provisions: "None of the funds made available under this Act may be
    used by the Internal Revenue Service to target citizens ..." was listed as "Permits" (or as
    nothing): "no ... may" was a prohibition, "none of ... may" was not. "None of these funds
    shall be subject to section 3011(b)" (H.R. 2157) binds no one."""
    text = ("Section 1. Limits. None of the funds made available under this Act may be used by "
            "the Service to target citizens for exercising their rights.\n"
            "Section 2. Grants. For grants, $5,000,000, provided that none of these funds shall "
            "be subject to section 3011(b) of the Solid Waste Disposal Act.\n"
            # (nor "shall not be subject to", H.R. 2157's "individual grants shall not be
            # subject to a non-Federal matching requirement", a "Prohibits" before)
            "Section 3. Matching. Individual grants shall not be subject to a non-Federal "
            "matching requirement.\n")
    sheet = fact_sheet(split(snippet(text)))
    assert items(sheet, Dimension.PROHIBITED) == [("prohibited", "s1", "prohibition")]
    assert items(sheet, Dimension.PERMITTED) == []


def test_a_sentence_goes_on_after_a_lettered_reference() -> None:
    """Oakland's § 9.64.050(1)(C) ends "... in an action brought under paragraphs A. or B.": the
    quote stopped at "paragraphs A." (a period, then a word in lower case, ends no sentence)."""
    text = ("Section 5. Remedies. A court shall award costs and reasonable attorneys' fees to "
            "the plaintiff who is the prevailing party in an action brought under paragraphs A. "
            "or B. Nothing else is awarded.\n")
    (fees,) = [i for i in fact_sheet(split(snippet(text))).items if i.value == "attorney-fees"]
    assert fees.quote == ("A court shall award costs and reasonable attorneys' fees to the "
                          "plaintiff who is the prevailing party in an action brought under "
                          "paragraphs A. or B.")


def test_every_item_quotes_its_own_clause() -> None:
    document = snippet(ACT)
    outline = split(document)
    spans = {c.id: c.span for c in outline.walk()}
    for item in fact_sheet(outline).items:
        start, end = spans[item.clause]
        assert start <= item.span[0] <= item.span[1] <= end, item
        words = readable(document.text[item.span[0]:item.span[1]], document.text)
        assert item.quote.strip("…") == words or item.quote == item.summary, item


def test_a_word_broken_at_a_line_end_is_read_whole_and_pointed_at_as_printed() -> None:
    document = snippet('Section 1. Definitions.\n(a) "FACE SCAN-\nNER" means any software '
                       'that performs facial recog-\nnition.\nSection 2. No operator may '
                       'use a face scan-\nner.\n')
    sheet = fact_sheet(split(document))
    term = next(i for i in sheet.items if i.dimension is Dimension.DEFINITIONS)
    assert (term.value, term.summary) == ("face-scanner", "FACE SCANNER")
    assert document.text[term.span[0]:term.span[1]] == "FACE SCAN-\nNER"
    conduct = next(i for i in sheet.items if i.dimension is Dimension.PROHIBITED)
    assert conduct.quote == "No operator may use a face scanner."
    assert "scan-\nner" in document.text[conduct.span[0]:conduct.span[1]]


@pytest.mark.parametrize(("phrase", "name"), [
    ("the appropriate election officials at each polling place", "appropriate election official"),
    ("such vendors", "vendor"),
    ("any operator (as defined in section 2)", "operator"),
    # a plural followed by what it does (H.R. 2157's "agencies receiving fund" before)
    ("the agencies receiving funds", "agency receiving funds"),
    ("agency staffing firms", "agency staffing firm"),
    # a proviso's "That" is no part of it (H.R. 264's party "That the Chief Information ...")
    ("That the Chief Officer of the offices", "Chief Officer of the offices"),
    # a qualifier, a clause or a sentence names no one
    ("acting through the chief election official", ""),
    ("if a State accepts and processes a form", ""),
    ("to request the assistance of other agencies", ""),
    ("an entity is eligible to receive a grant", ""),
    # the end of a citation cut at a comma (H.R. 264's "(section 1–204.50a, D.C. Official Code)")
    ("d.c. official code)", ""),
    # H.R. 264: what is said of a party is no part of its name ("each agency or entity funded
    # in this Act shall consult", "the agency with authority"); nor is "both"; a phrase that
    # opens with "of" qualifies what came before it; "claims against the Government" name
    # claims
    ("the agency or entity funded in this act", "agency or entity"),
    ("the agency with authority", "agency"),
    ("both federal and district government agencies", "federal and district government agency"),
    ("of the small business administration", ""),
    ("claims against the government", "claim"),
])
def test_party_name(phrase: str, name: str) -> None:
    assert party_name(phrase) == name


@pytest.mark.parametrize(("phrase", "names"), [  # (phrases as comparison keys: lower case)
    ("no agency or person", ["agency", "person"]),  # a person is none: the caller drops it
    ("agencies or persons", ["agency", "person"]),
    # a name that names a party is kept whole
    ("any department or agency", ["department or agency"]),
    ("the agency or entity funded", ["agency or entity"]),
    ("the department of health and human services", ["department of health and human services"]),
    # what comes before "or" names no party by itself
    ("any city or county staff", ["city or county staff"]),
    ("acting through the chief election official", []),
])
def test_party_names(phrase: str, names: list[str]) -> None:
    assert party_names(phrase) == names


def test_a_number_is_no_place_to_cut_a_sentence_for_its_subject() -> None:
    """H.R. 264 § 524's "claims against the Government of less than $250,000 ... may be
    liquidated" named the party "claims against the Government of less than $250": the
    sentence was cut at every comma, the one in the number too, and the piece that held
    "Government" was read as whom the modal binds."""
    document = snippet("Sec. 524. From funds made available under the heading Federal "
                       "Buildings Fund, claims against the Government of less than $250,000 "
                       "arising from direct construction projects may be liquidated from "
                       "savings.\n")
    assert items(fact_sheet(split(document)), Dimension.ACTORS) == []


@pytest.mark.parametrize(("sentence", "found"), [
    # where money is for is no duty (H.R. 264: "Appropriations to the Department of the
    # Treasury in this Act shall be available for uniforms", "$57,000,000 ... shall be for the
    # purchase of information technology")
    (("Appropriations to the Department of the Treasury in this Act shall be available for "
     "uniforms or allowances therefor."), []),
    (("For necessary expenses of the Commission, $281,500,000, of which not less than "
     "$57,000,000 shall be for the purchase of information technology."), []),
    # ...but making a policy available to the public is
    ("The agency shall make its policy available to the public.",
     [("prohibited", "s1", "duty")]),
    # a limitation rider is a prohibition however long its subject (H.R. 264 § 608: 330
    # characters from "None of the funds" to "shall be available"; it was a duty)
    (("None of the funds provided in this Act, provided by previous appropriations Acts to the "
     "agencies or entities funded in this Act that remain available for obligation or "
     "expenditure in fiscal year 2019, or provided from any accounts in the Treasury derived "
     "by the collection of fees and available to the agencies funded by this Act, shall be "
     "available for obligation or expenditure through a reprogramming of funds."),
     [("prohibited", "s1", "prohibition")]),
])
def test_money_and_its_limits_are_read_as_such(sentence: str, found: list[Any]) -> None:
    sheet = fact_sheet(split(snippet(f"Sec. 1. Funds. {sentence}\n")))
    assert items(sheet, Dimension.PROHIBITED) + items(sheet, Dimension.PERMITTED) == found


def test_a_party_joined_to_a_person_is_covered() -> None:
    """"No agency or person shall use ..." named no one covered: the name "agency or person"
    ends in a word for the people such laws protect, so it was no regulated party."""
    document = snippet("Section 1. Ban. No agency or person shall use a face recognition "
                       "system.\n")
    (party,) = [i for i in fact_sheet(split(document)).items if i.dimension is Dimension.ACTORS]
    assert (party.value, party.summary, party.quote, party.clause) == (
        "agency", "agency", "agency", "s1")
    assert document.text[party.span[0]:party.span[1]] == "agency"


@pytest.mark.parametrize(("subject", "value", "summary"), [
    # Va. H.B. 2031's "local law-enforcement agency" was shown "local lawenforcement agency"
    # (the comparison key joins the parts of a hyphenated word)
    ("No local law-enforcement agencies", "local-lawenforcement-agency",
     "local law-enforcement agency"),
    # and H.R. 2157's "government accountability office": a name is shown as printed...
    ("The Government Accountability Office", "government-accountability-office",
     "Government Accountability Office"),
    # ...but in a quote in capitals (a New York bill's new matter), in lower case
    ("NO POLICE DEPARTMENT", "police-department", "police department"),
])
def test_a_partys_name_is_shown_as_printed(subject: str, value: str, summary: str) -> None:
    document = snippet(f"Section 1. Approval. {subject} shall report to the board.\n")
    (party,) = [i for i in fact_sheet(split(document)).items if i.dimension is Dimension.ACTORS]
    assert (party.value, party.summary) == (value, summary)


def test_a_silent_dimension_is_not_addressed_in_a_whole_text_and_not_retrieved_in_a_partial()\
        -> None:
    whole = fact_sheet(split(snippet(ACT)))
    assert whole.not_addressed == (Dimension.PERMITTED, Dimension.ENFORCEMENT,
                                   Dimension.OVERSIGHT, Dimension.PREEMPTION)
    assert whole.not_retrieved == ()
    partial = fact_sheet(split(snippet(ACT, partial=True)))
    assert partial.not_retrieved == whole.not_addressed
    assert partial.not_addressed == ()
    assert partial.coverage(Dimension.OVERSIGHT) is Coverage.NOT_RETRIEVED


def test_an_empty_document_addresses_nothing() -> None:
    sheet = fact_sheet(split(snippet("")))
    assert sheet.items == ()
    assert sheet.not_addressed == tuple(Dimension)


# --- the real texts -------------------------------------------------------------------------


USC_PREEMPTION = {
    "15usc1461.txt": [("p1", "ceiling")],
    "15usc1692n.txt": [("p1", "floor"), ("p1", "conflict")],
    "15usc1693q.txt": [("p1", "floor"), ("p1", "conflict")],
    "15usc2075-a-b.txt": [("a", "ceiling"), ("b", "carve-out"), ("b", "floor")],
    "18usc2710-f.txt": [("f", "conflict")],
    "29usc218-a.txt": [("a", "floor")],
    "42usc7543-a-b2.txt": [("a", "ceiling"), ("b/1", "carve-out")],
    "47usc227-f.txt": [("f/1", "floor"), ("f/2", "ceiling")],
    "49usc32919.txt": [("a", "ceiling"), ("b", "ceiling"), ("c", "carve-out")],
    "49usc5125-a.txt": [("a/1", "conflict")],
    "7usc136v-a-b.txt": [("a", "floor"), ("b", "ceiling")],
}


@pytest.mark.corpus
@pytest.mark.parametrize("name", sorted(USC_PREEMPTION))
def test_a_preemption_provisions_fact_sheet_gives_the_kinds_preempt_gives(corpus: Path,
                                                                           name: str) -> None:
    """covers read preemption with words of its own and said "not addressed" of nine of these
    eleven provisions of the US Code (15 U.S.C. § 2075(a): "no State or political subdivision
    of a State shall have any authority either to establish or to continue in effect" was a
    prohibition and its "unless ... identical" an exception). It now reads them with
    ``preempt``'s classifier: one item per kind, at the clause holding the deciding words."""
    from legcompare.preempt.classify import classify as preempt_classify

    tree = split(load_path(corpus / "preemption" / name))
    sheet = fact_sheet(tree)
    assert [(c, v) for _, c, v in items(sheet, Dimension.PREEMPTION)] == USC_PREEMPTION[name]
    kinds = {k.value for p in preempt_classify(tree) for k in p.kinds}
    assert {v for _, v in USC_PREEMPTION[name]} == kinds
    for i in sheet.items:  # what the preemption clauses say is no conduct and no exception
        if i.dimension in (Dimension.PROHIBITED, Dimension.PERMITTED, Dimension.EXCEPTIONS):
            assert i.clause not in {c for c, _ in USC_PREEMPTION[name]}, i


@pytest.mark.corpus
def test_each_preemption_item_quotes_the_words_that_decide_it(corpus: Path) -> None:
    tree = split(load_path(corpus / "preemption" / "15usc2075-a-b.txt"))
    by_value = {i.value: i for i in fact_sheet(tree).items
                if i.dimension is Dimension.PREEMPTION}
    assert ("no State or political subdivision of a State shall have any authority either to "
            "establish or to continue in effect") in by_value["ceiling"].quote
    assert "does not prevent the Federal Government" in by_value["carve-out"].quote
    # (from (b)'s words, not from its heading, "... more stringent than Federal standards")
    assert "provides a higher degree of protection" in by_value["floor"].quote
    assert "more stringent" not in by_value["floor"].quote
    page = tree.document.text
    for i in by_value.values():
        assert readable(page[i.span[0]:i.span[1]], page) in i.quote


@pytest.mark.corpus
def test_a_lead_ins_exception_to_a_preemption_clause_is_no_exception(corpus: Path) -> None:
    """49 U.S.C. § 5125(a): "Except as provided in subsections (b), (c), and (e) ..., a
    requirement of a State ... is preempted if—" was an exception on the fact sheet."""
    sheet = fact_sheet(split(load_path(corpus / "preemption" / "49usc5125-a.txt")))
    assert items(sheet) == [("preemption", "a/1", "conflict")]


@pytest.mark.corpus
def test_what_hr1_says_to_states_and_to_house_rules(corpus: Path) -> None:
    """The HAVA § 307(a) that H.R. 1 quotes ("the State may not impose any additional
    conditions or requirements on the eligibility ... to cast the vote ... by absentee ballot")
    is a ceiling, not a prohibition with an exception; rules that "supersede other rules only
    to the extent that they are inconsistent therewith" (the rulemaking power of the House) are
    no conflict preemption."""
    sheet = fact_sheet(split(load_path(corpus / "us-federal-hr1-116-reported-house.txt")))
    hava = "div-a/t-i/st-i/s1621/a/2/q/307/a"
    assert [(c, v) for d, c, v in items(sheet) if c == hava] == [(hava, "ceiling")]
    assert [(c, v) for _, c, v in items(sheet, Dimension.PREEMPTION)] == [
        (hava, "ceiling"), ("div-a/t-i/st-n/pt-3/s1922/a", "savings")]


def test_a_carve_out_without_a_ceiling_to_except_from_is_none() -> None:
    text = ("Section 1. Standards.\n(a) Subsection (b) of this section does not prevent any "
            "State or political subdivision of a State from establishing a requirement for its "
            "own use.\n(b) The Secretary shall issue standards.\n")
    assert items(fact_sheet(split(snippet(text))), Dimension.PREEMPTION) == []
    ceiling = text + ("(c) No State may adopt or enforce a standard different from the "
                      "standards issued under subsection (b).\n")
    assert items(fact_sheet(split(snippet(ceiling))), Dimension.PREEMPTION) == [
        ("preemption", "s1/a", "carve-out"), ("preemption", "s1/c", "ceiling")]


@pytest.mark.corpus
def test_springfield_fact_sheet(corpus: Path) -> None:
    sheet = fact_sheet(split(load_path(corpus / SPRINGFIELD)))
    by_clause = {(i.dimension.value, i.clause, i.value): i for i in sheet.items}
    fine = by_clause[("enforcement", "b~2", "fine")]
    assert "a fine of $300 per violation" in fine.quote
    assert fine.citation == "Springfield Code, (B) (2nd)"  # (its second run A., B.)
    assert by_clause[("dates", "b", "sunset:conditional")].summary == \
        "Sunset: when a condition is met"
    assert by_clause[("preemption", "d", "savings")].quote.startswith(
        "Nothing in this section shall be construed to limit")
    assert [d.value for d in sheet.not_addressed] == ["data", "permitted", "exceptions"]


def test_each_of_a_thousand_definitions_is_read_once_in_its_clause() -> None:
    text = "Section 1. Definitions. As used in this act:\n" + "".join(
        f'({n}) "Widget {n}" means a device numbered {n}.\n' for n in range(1, 1000))
    sheet = fact_sheet(split(snippet(text)))
    defined = [(i.clause, i.summary) for i in sheet.items if i.dimension is Dimension.DEFINITIONS]
    assert defined == [(f"s1/{n}", f"Widget {n}") for n in range(1, 1000)]


@pytest.mark.corpus
def test_ny_print_reads_words_broken_at_line_ends_whole(corpus: Path) -> None:
    """The New York print breaks words at line ends ("IDENTIFI-" / "ER"); terms and quotes
    read them whole, and point at them as printed."""
    document = load_path(corpus / "us-ny-s4457-2023-original.txt")
    sheet = fact_sheet(split(document))
    terms = [(i.clause, i.summary) for i in sheet.items if i.dimension is Dimension.DEFINITIONS]
    assert terms == [("s1/q/676-a/1", "BIOMETRIC IDENTIFIER"),
                     ("s1/q/676-a/2", "BIOMETRIC INFORMATION"),
                     ("s1/q/676-a/3", "CONFIDENTIAL AND SENSITIVE INFORMATION"),
                     ("s1/q/676-a/4", "PRIVATE ENTITY"), ("s1/q/676-a/5", "WRITTEN RELEASE")]
    first = sheet.items[0]
    assert document.text[first.span[0]:first.span[1]] == "BIOMETRIC IDENTIFI-\n ER"
    duty = next(i for i in sheet.items if i.clause == "s1/q/676-b/1" and
                i.dimension is Dimension.PROHIBITED)
    assert duty.quote.endswith("ITS ESTABLISHED RETENTION SCHEDULE AND DESTRUCTION GUIDELINES.")
    assert not [i.quote for i in sheet.items if re.search(r"\w- \w", i.quote)]


@pytest.mark.corpus
def test_parties_the_law_binds_without_defining_them(corpus: Path) -> None:
    """H.R. 1 names the officials and businesses it binds, defining some of them; a phrase
    before a modal that is a qualifier ("acting through ...") or a clause ("if a State
    accepts ...", "an entity is eligible to ...") is no party."""
    sheet = fact_sheet(split(load_path(corpus / "us-federal-hr1-116-reported-house.txt")))
    actors = [(i.summary, i.clause) for i in sheet.items if i.dimension is Dimension.ACTORS]
    assert [name for name, _ in actors] == [
        "appropriate State or local election official", "contributing agency",
        "chief executive officer of the State", "appropriate election official",
        "chief State election official", "State and unit of local government",
        "Chief State Election Administration Official", "vendor",
        "head of appropriate departments and agencies of the executive branch",
        "election service provider", "chief State election official", "election agency",
        "highest ranking official of the corporation", "provider of cable or satellite television",
        "Federal agency"]
    # (title I's part 2, automatic voter registration, binds "the chief executive officer of
    # the State" and defines a "contributing agency": division A and its title I took the role
    # of an amendment from their parts, and of them only the matter they quote was read)
    assert actors[1:3] == [("contributing agency", "div-a/t-i/st-a/pt-2/s1012/e"), (
        "chief executive officer of the State", "div-a/t-i/st-a/pt-2/s1015/e/5/a")]
    # (the new FECA § 319A, whose print lost its opening quotation mark, is quoted matter: its
    # (a) binds "a chief State election administration official", whom its (b) defines: "means
    # the highest State official ...", a meaning that opens with no word for a party, the term
    # named as one is; it was the party its (a) binds before its definition was read so)
    assert actors[6] == ("Chief State Election Administration Official",
                         "div-a/t-i/st-m/s1821/a/q/319a/b")
    assert actors[7] == ("vendor", "div-a/t-iii/st-a/pt-1/s3001/a/q/298a/b/2/a")


@pytest.mark.corpus
def test_a_partys_quote_is_its_whole_name_as_printed(corpus: Path) -> None:
    """The name leaves out "such" and takes the singular; the quote is the words as printed,
    to the end of the last one (it was cut at the name's length: "... arrest photo dat")."""
    quotes = {}
    for name in (HR4695, "us-federal-hr264-116-engrossed-house.txt",
                 "us-ny-a48d-2024-amended.txt"):
        document = load_path(corpus / name)
        sheet = fact_sheet(split(document))
        quotes.update({i.value: (i.quote, document.text[i.span[0]:i.span[1]])
                       for i in sheet.items if i.dimension is Dimension.ACTORS})
    for value, printed in [
            ("custodian-of-arrest-photo-database", "custodian of such arrest photo database"),
            ("federal-agency", "Federal agencies"),
            ("federal-and-district-government-agency",
             "Federal and District government agencies"),
            ("owner", "OWNERS"),
            ("provider-or-provider-of-thirdparty-infrastructure-services",
             "PROVIDER OR PROVIDERS OF THIRD-PARTY INFRASTRUCTURE SERVICES")]:
        assert quotes[value] == (printed, printed)


@pytest.mark.corpus
def test_matrix_against_the_partial_832_19(corpus: Path) -> None:
    """§ 832.19's corpus copy stops inside its definitions: its duration, enforcement and
    remedies are not retrieved, so no law can be judged against it there; scope cells are
    judged from the paired definitions and stay unclear where a provision has no counterpart."""
    names = [P832, A3712, A1891, HR4695]
    report = covers([load_path(corpus / n) for n in names], baseline=0)
    base = {d: report.cell(0, d) for d in Dimension}
    for d in (Dimension.DATES, Dimension.ENFORCEMENT, Dimension.REMEDIES, Dimension.PREEMPTION):
        assert base[d].coverage is Coverage.NOT_RETRIEVED
        assert base[d].summary == "not retrieved"
        assert base[d].versus_baseline is None
    assert base[Dimension.ACTORS].summary == "Law enforcement agency; Law enforcement officer"
    assert base[Dimension.TECHNOLOGY].summary == ("Biometric surveillance system; Facial "
                                                  "recognition or other biometric surveillance; "
                                                  "Officer camera")
    actors = [report.cell(i, Dimension.ACTORS) for i in (1, 2, 3)]
    assert actors[0].summary == ("POLICE AGENCY; POLICE OFFICER; PEACE OFFICER; member of the "
                                 "state police")
    assert actors[2].summary.startswith("investigative or law enforcement officer; law "
                                        "enforcement agency; prosecutor")
    for i in (1, 2, 3):
        for d in (Dimension.ACTORS, Dimension.TECHNOLOGY, Dimension.DATA, Dimension.DEFINITIONS):
            assert report.cell(i, d).versus_baseline is Versus.UNCLEAR, (i, d)
    technology = report.cell(1, Dimension.TECHNOLOGY)
    # § 832.19's copy breaks off inside its definitions: words A. 3712 has and the cut-off
    # definition lacks are no evidence, so no pair is stronger.
    assert technology.note == "Provisions compared: 4 unclear, 2 neutral."
    assert ("832.19/a/7", "s2/q/236/1/d", "unclear") in [
        (e.baseline, e.document, e.verdict) for e in technology.evidence]
    preemption = [report.cell(i, Dimension.PREEMPTION) for i in (1, 2, 3)]
    assert [c.summary for c in preemption] == ["not addressed", "not addressed",
                                               "Savings clause ×2; Floor"]
    assert {c.versus_baseline for c in preemption} == {Versus.UNCLEAR}
    assert all("baseline's text was not retrieved" in (c.note or "") for c in preemption)


@pytest.mark.corpus
def test_matrix_against_a_whole_baseline(corpus: Path) -> None:
    """S. 3226 is A. 3712's companion: every cell equal. A. 1891 adds exceptions (weaker) and
    covers more conduct ("ACQUIRE, POSSESS, ACCESS", stronger); its remedies are the same;
    neither has preemption."""
    report = covers([load_path(corpus / n) for n in (A3712, S3226, A1891)], baseline=0)
    assert {report.cell(1, d).versus_baseline for d in Dimension} == {Versus.EQUAL}
    a1891 = {d: report.cell(2, d).versus_baseline for d in Dimension}
    assert a1891[Dimension.EXCEPTIONS] is Versus.WEAKER
    assert a1891[Dimension.PROHIBITED] is Versus.STRONGER
    evidence = report.cell(2, Dimension.PROHIBITED).evidence
    assert [(e.baseline, e.document) for e in evidence] == [
        ("s1/q/837-x/2", "s2/q/837-x/2"), ("s2/q/236/2", "s3/q/236/2")]
    assert a1891[Dimension.REMEDIES] is Versus.EQUAL
    assert a1891[Dimension.PREEMPTION] is Versus.EQUAL
    assert report.cell(2, Dimension.PREEMPTION).note == "Neither law addresses this."


def test_each_law_of_a_matrix_is_split_once(corpus: Path,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    """The baseline's comparisons with the other laws use the outlines of their fact sheets:
    three laws, three splits (seven before)."""
    calls: list[str] = []
    parallel = importlib.import_module("legcompare.parallel")  # (split_one and compare split there)
    real = parallel.split

    def counted(document: Document, **options: Any) -> Any:
        calls.append(document.provenance.document)
        return real(document, **options)

    monkeypatch.setattr(parallel, "split", counted)
    monkeypatch.setenv("LEGCOMPARE_JOBS", "1")
    report = covers([load_path(corpus / n) for n in (A3712, S3226, A1891)], baseline=0)
    assert sorted(calls) == sorted(["a3712-2023", "s3226-2023", "a1891-2023"])
    assert {report.cell(1, d).versus_baseline for d in Dimension} == {Versus.EQUAL}


# --- formats --------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def pair_report(corpus: Path) -> CoverageReport:
    return covers([load_path(corpus / n) for n in (P832, A3712)], baseline=0)


@pytest.mark.corpus
def test_json_is_the_contract_document(pair_report: CoverageReport) -> None:
    data = json.loads(covers_json(pair_report, {"format": "json"}))
    assert list(data) == ["schema", "generator", "documents", "items", "not_addressed",
                          "not_retrieved", "matrix"]
    assert data["schema"] == "legcompare.covers/1"
    assert [d["document"] for d in data["documents"]] == ["pen-832.19", "a3712-2023"]
    first = data["items"][0]
    assert list(first)[:6] == ["document", "dimension", "summary", "quote", "citation",
                               "clause"]
    assert first == {"document": 0, "dimension": "definitions", "summary": "Biometric data",
                     "quote": "Biometric data", "citation": "Cal. Penal Code § 832.19(a)(1)",
                     "clause": "832.19/a/1", "value": "biometric-data",
                     "span": first["span"]}
    assert {"document": 0, "dimension": "dates"} in data["not_retrieved"]
    assert {"document": 1, "dimension": "oversight"} in data["not_addressed"]
    assert data["matrix"]["baseline"] == 0
    cells = {(c["document"], c["dimension"]): c for c in data["matrix"]["cells"]}
    assert len(cells) == 24
    assert cells[(0, "dates")]["versus_baseline"] is None
    assert cells[(1, "dates")]["versus_baseline"] == "unclear"
    assert list(cells[(1, "dates")])[:4] == ["document", "dimension", "summary",
                                            "versus_baseline"]


@pytest.mark.corpus
def test_markdown_matrix_has_a_column_per_law(pair_report: CoverageReport) -> None:
    text = covers_markdown(pair_report)
    assert "| Dimension | Cal. Penal Code § 832.19 \\[baseline\\] | N.Y. A. 3712 |" in text
    assert "| Dates | not retrieved | Effective: 90 days; Sunset: 5 years — **unclear** |" in text
    assert "- **Partial:** Cal. Penal Code § 832.19" in text


@pytest.mark.corpus
def test_terminal_names_the_baseline_and_marks_cells(pair_report: CoverageReport) -> None:
    text = covers_terminal(pair_report)
    assert text.startswith("warning: Cal. Penal Code § 832.19")
    assert "What these laws cover, against Cal. Penal Code § 832.19 [baseline]" in text
    assert "  [? unclear] N.Y. A. 3712: Effective: 90 days; Sunset: 5 years" in text
    assert "Dates (dates): not retrieved" in text


@pytest.mark.corpus
def test_csv_one_row_per_cell_or_per_item(corpus: Path, pair_report: CoverageReport) -> None:
    rows = list(csv.reader(io.StringIO(covers_csv(pair_report).decode("utf-8-sig"))))
    assert rows[0] == ["dimension", "document", "coverage", "summary", "versus baseline", "note"]
    assert len(rows) == 1 + 24
    single = covers([load_path(corpus / SPRINGFIELD)])
    rows = list(csv.reader(io.StringIO(covers_csv(single).decode("utf-8-sig"))))
    assert rows[0][:4] == ["document", "dimension", "status", "value"]
    assert rows[1 + 8][1:3] == ["data", "not_addressed"]


HOSTILE = """Section 1. "Gadget" means any computer software.
Section 2. No agency may use a gadget <script>alert(1)</script> | **bold** \u202e here.
Section 3. =HYPERLINK("http://x") The agency shall report to the public.
"""


def test_hostile_text_stays_inert_in_every_format() -> None:
    report = covers([snippet(HOSTILE)])
    html = covers_html(report)
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert "default-src 'none'" in html
    assert "\u202e" not in html
    markdown = covers_markdown(report)
    assert "<script>" not in markdown and "\\*\\*bold\\*\\*" in markdown
    assert "\u202e" not in covers_terminal(report)
    rows = list(csv.reader(io.StringIO(covers_csv(report).decode("utf-8-sig"))))
    quotes = [r[7] for r in rows[1:] if r[7]]
    assert any(q.startswith("'=HYPERLINK") for q in quotes)


# --- command line ---------------------------------------------------------------------------


@pytest.mark.corpus
def test_cli_baseline_outside_the_docs_becomes_the_first_column(corpus: Path) -> None:
    result = CliRunner().invoke(main, ["covers", str(corpus / A3712), "--baseline",
                                       str(corpus / S3226), "--format", "json"])
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert [d["document"] for d in data["documents"]] == ["s3226-2023", "a3712-2023"]
    assert data["matrix"]["baseline"] == 0
    assert data["generator"]["options"]["baseline"] == str(corpus / S3226)


def test_cli_baseline_named_by_another_path_is_that_doc(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """``covers a.txt b.txt --baseline /abs/a.txt`` read a.txt twice, as two laws ("a.txt #1
    [baseline]" and "a.txt #2")."""
    (tmp_path / "a.txt").write_text("Section 1. Ban. No agency shall use a face scanner.\n")
    (tmp_path / "b.txt").write_text("Section 1. Ban. No agency may use a face scanner.\n")
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["covers", "a.txt", "b.txt", "--baseline",
                                       str(tmp_path / "a.txt"), "--format", "json"])
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert [d["document"] for d in data["documents"]] == ["a", "b"]
    assert data["matrix"]["baseline"] == 0


@pytest.mark.corpus
def test_cli_writes_html_to_a_file(corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "covers.html"
    result = CliRunner().invoke(main, ["covers", str(corpus / P832), str(corpus / A3712),
                                       "--baseline", str(corpus / P832), "--format", "html",
                                       "-o", str(out)])
    assert result.exit_code == 0, result.stderr
    page = out.read_text(encoding="utf-8")
    assert "<h2 id=\"matrix\">Matrix</h2>" in page
    assert "Cal. Penal Code § 832.19 [baseline]" in page
    assert "is not in force" in result.stderr


def test_cli_bad_input_is_one_line_and_exit_2(tmp_path: Path) -> None:
    binary = tmp_path / "x.txt"
    binary.write_bytes(b"\x00\x01\x02" * 100)
    out = tmp_path / "out.md"
    result = CliRunner().invoke(main, ["covers", str(binary), "--format", "markdown",
                                       "-o", str(out)])
    assert result.exit_code == 2
    assert result.stderr.startswith("legcompare: error: ")
    assert result.stderr.count("\n") == 1
    assert not out.exists()


# --- sentences: each dot read once -----------------------------------------------------------

def _sentences_read_from_the_start(key: str, page: str | None = None,
                                   origin: Sequence[int] | None = None) -> list[tuple[int, int]]:
    """The sentence ranges as found by reading every candidate's sentence from its start (what
    ``Reading.sentences`` did before it read only from the last space), trimmed alike; a
    period before a word printed in lower case (in ``page``, at ``origin``; the key itself
    when not given) ends none."""
    from legcompare.covers import reading as r

    page = key if page is None else page
    origin = range(len(key) + 1) if origin is None else origin
    out, start = [], 0
    for m in r._SENTENCE_END.finditer(key):
        if r._ABBREVIATION.search(key[start:m.start()]):
            continue
        rest = key[m.end():]
        if m.group() == "." and rest.strip() and \
                page[origin[m.end() + len(rest) - len(rest.lstrip())]].islower():
            continue
        if key[start:m.end()].strip():
            out.append((start, m.end()))
        start = m.end()
    if key[start:].strip():
        out.append((start, len(key)))
    return [r._trimmed(key, a, b) for a, b in out]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(["a", "b", "no", "sec", "u.s.c", "stat", "v", " ", "(", ".", ";",
                                 "a.", "x.y.", "\u00a0", "\n", "\t", "co", "mrs", "1"]),
                max_size=40).map("".join))
def test_sentences_are_those_read_from_the_start(key: str) -> None:
    from legcompare.covers.reading import Reading

    got = Reading(None, key, tuple(range(len(key) + 1)), key).sentences  # type: ignore[arg-type]
    assert list(got) == _sentences_read_from_the_start(key)


def test_sentences_of_every_corpus_clause_are_those_read_from_the_start(corpus: Path) -> None:
    from legcompare.covers.reading import read

    seen = 0
    for path in sorted(corpus.glob("*.txt")):
        outline = split(load_path(path))
        for clause in outline.walk():
            reading = read(clause, outline.document.text)
            assert list(reading.sentences) == _sentences_read_from_the_start(
                reading.key, reading.page, reading.origin), (path.name, clause.id)
            seen += len(reading.sentences)
    assert seen > 5000


def test_a_long_run_of_abbreviations_is_one_sentence() -> None:
    from legcompare.covers.reading import Reading

    # 480,000 characters and 40,000 abbreviated dots in one sentence: read from its start at
    # each dot, this took minutes (24,000 characters 1.7 s, 96,000 characters 25 s)
    key = "see " + "26 u.s.c. 168 and stat. " * 20000 + "end."
    got = Reading(None, key, tuple(range(len(key) + 1)), key).sentences  # type: ignore[arg-type]
    assert list(got) == [(0, len(key))]


# --- offsets and sentences looked up, not walked ------------------------------------------------

KEYS = st.lists(st.sampled_from(["a", "b", "no", "sec", "u.s.c", " ", "(", ".", ";", "a.", "x.y.",
                                 "co", "1"]), max_size=40).map("".join)


@settings(max_examples=300, deadline=None)
@given(KEYS)
def test_the_sentence_at_an_offset_is_the_one_holding_it(key: str) -> None:
    from legcompare.covers.reading import Reading

    reading = Reading(None, key, tuple(range(len(key) + 1)), key)  # type: ignore[arg-type]
    for at in range(-1, len(key) + 2):
        holding = [(a, b) for a, b in reading.sentences if a <= at < b]
        assert reading.sentence_at(at) == (holding[0] if holding else (0, len(key)))


def test_key_offsets_of_every_corpus_clause_are_the_first_at_or_after(corpus: Path) -> None:
    from legcompare.covers.dates import _key_offset
    from legcompare.covers.reading import read

    checked = 0
    for path in sorted(corpus.glob("*.txt"))[::3]:
        outline = split(load_path(path))
        for clause in outline.walk():
            reading = read(clause, outline.document.text)
            origin = reading.origin
            assert all(x <= y for x, y in itertools.pairwise(origin)), (path.name, clause.id)
            for at in {origin[0] - 1, *(o + d for o in origin[::7] for d in (-1, 0, 1)),
                       origin[-1] + 1}:
                first = next((i for i, o in enumerate(origin[:-1]) if o >= at),
                             max(len(reading.key) - 1, 0))
                assert _key_offset(reading, at) == first
                checked += 1
    assert checked > 10000


def test_a_provision_of_two_thousand_amounts_dates_each() -> None:
    # an appropriations paragraph: each amount available until a date (read for each amount
    # by walking the text from its start, this took minutes at 4,000)
    text = "SEC. 1. AMOUNTS.\n(a) There are appropriated " + "; ".join(
        f"${i},000 to remain available until September 30, {2001 + i % 30}"
        for i in range(2000)) + ".\n"
    from legcompare.covers.dates import dates
    from legcompare.covers.reading import read

    outline = split(snippet(text))
    (paragraph,) = [c for c in outline.walk() if c.label == "(a)"]
    found = dates(read(paragraph, outline.document.text))
    assert [value for value, _, _, _ in found] == [
        f"deadline:{2001 + i % 30}-09-30" for i in range(2000)]
    # each quoted from its own sentence (a "; " ends one), as printed
    _, summary, quote, span = found[1999]
    assert (summary, quote) == ("Deadline: September 30, 2020",
                                "$1999,000 to remain available until September 30, 2020.")
    assert outline.document.text[span[0]:span[1]] == quote


@pytest.mark.corpus
def test_a_proviso_completes_no_lead_in(corpus: Path) -> None:
    """H.R. 2157 as enrolled: the EPA paragraph's "Provided, That such amounts are designated
    by the Congress as being for an emergency requirement ..." took the exception its
    paragraph's "notwithstanding" opened, and named "an emergency requirement" its ground
    ("Emergency"); H.R. 264's § 721 passed "Use allowed" to each of its four provisos. A
    proviso is no item of the list a lead-in opens."""
    sheet = fact_sheet(split(load_path(corpus / "us-federal-hr2157-116-enrolled.txt")))
    found = [(i.clause, i.value) for i in sheet.items if i.dimension is Dimension.EXCEPTIONS]
    assert found[4:6] == [("t-vii/p10/proviso-1", "permitted-use"),
                          ("t-vii/p10/proviso-2", "permitted-use")]
    # (every title is read: each was skipped whole while its headings outnumbered its
    # paragraphs, the title then taking the role of a heading)
    assert [clause for clause, _ in found] == [
        "t-i/s103/a/2", "t-ii/p7/proviso-2", "t-iv/p2/proviso-2", "t-iv/p2/proviso-6",
        "t-vii/p10/proviso-1", "t-vii/p10/proviso-2", "t-viii/p2/proviso-1",
        "t-viii/p2/proviso-3", "t-viii/p3/proviso-4", "t-viii/p3/proviso-5",
        "t-viii/p3/proviso-6", "t-viii/p4/proviso-2", "t-viii/p5/proviso-1",
        "t-xi/p4/proviso-21", "t-xi/p4/proviso-22", "t-xi/p4/proviso-23", "t-xii/s1202",
        "t-xii/s1203"]
    sheet = fact_sheet(split(load_path(corpus / "us-federal-hr264-116-engrossed-house.txt")))
    assert [(i.clause, i.summary) for i in sheet.items if i.clause.startswith("t-vii/s721/")
            and i.dimension is not Dimension.DATES] == [
        ("t-vii/s721/proviso-2", "Prohibits"), ("t-vii/s721/proviso-4", "Prohibits")]
