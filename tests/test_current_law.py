"""A bill against the law it would change: amending instructions parsed (H.R. 2157 in the
corpus) and applied to current-law snippets written for the test; restated sections with both
citations; the Ramseyer print and New York prints compared with the current law they show."""

from __future__ import annotations

import functools
import json
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

import legcompare.apply
import legcompare.current_law
from legcompare.amend import (
    Action,
    Instruction,
    designations,
    flush_text,
    in_outline,
    item_designations,
    names_containers,
    parse,
    places,
    read_quote,
    target_phrases,
)
from legcompare.apply import (
    Application,
    Outcome,
    _counted,
    apply_instructions,
    describe,
    sentences,
)
from legcompare.cli import main
from legcompare.current_law import Basis, against_current, before_side, restatements
from legcompare.ingest import ingest_bytes, load_path
from legcompare.markup import side
from legcompare.model import CitationForm, Kind, Provenance, Status
from legcompare.render.current_out import SCHEMA, current_json, current_markdown, current_terminal
from legcompare.split import split
from legcompare.summary import changed

# 42 U.S.C. 1308(g)(5) as an aide might paste it: written for this test, shaped like the
# provision H.R. 2157 § 701(a) amends (the words the instructions strike are where they say).
SSA = """(g) Increase in limits.—
(5) Additional increase.—
(A) In general.—Subject to subparagraphs (B), (C), (D), and (E), for the period beginning \
January 1, 2018, and ending September 30, 2019, the amounts otherwise determined for Puerto Rico \
under this subsection shall be increased by $3,600,000,000.
(B) Special rule.—The Secretary may increase the amount under subparagraph (A) by \
$1,200,000,000 if the Secretary certifies that Puerto Rico has taken steps to report reliable \
data.
(C) Virgin Islands.—Subject to subparagraphs (D) and (E), for the period beginning January 1, \
2018, and ending September 30, 2019, the amounts otherwise determined for the Virgin Islands \
under this subsection shall be increased by—
(i) $106,900,000; and
(ii) $35,600,000 if the Secretary certifies that the Virgin Islands has taken steps to report \
reliable data.
(D) Disregard.—The additional funds provided under this paragraph shall be disregarded in \
applying the limits of this subsection.
(E) Federal share.—Notwithstanding section 1905(ff), with respect to payments to Puerto Rico \
and the Virgin Islands from the additional funds provided under subparagraphs (A), (B), (C) and \
(D) for expenditures under title XIX, during the period beginning January 1, 2018, and ending \
September 30, 2019, the Federal medical assistance percentage for Puerto Rico and the Virgin \
Islands shall be 100 percent.
"""

NFIA = """Sec. 1309.
(a) The Director may borrow until June 14, 2019, for the purposes of this title.
(b) No contract for flood insurance shall be entered into after June 14, 2019.
"""

NY_AMENDING = """\
                           S T A T E   O F   N E W   Y O R K
 ________________________________________________________________________

  AN ACT to amend the civil rights law, in relation to biometric data of
  tenants

  THE  PEOPLE OF THE STATE OF NEW YORK, REPRESENTED IN SENATE AND ASSEM-
 BLY, DO ENACT AS FOLLOWS:

  Section 1. Section 50-h of the civil rights law, as added by chapter 9
 of the laws of 2021, is amended to read as follows:
  § 50-h. Biometric data of tenants. 1. No landlord [may] SHALL collect
 the biometric data of a tenant without the tenant's written consent.
  2. [Any tenant aggrieved by a violation of this section may bring an
 action for damages.] THE ATTORNEY GENERAL MAY BRING AN ACTION TO ENFORCE
 THIS SECTION.
  § 2. This act shall take effect immediately.

  EXPLANATION--Matter in ITALICS (underscored) is new; matter in brackets
  [ ] is old law to be omitted.
  LBD09999-01-3
"""

CA_BILL = """The people of the State of California do enact as follows:

SECTION 1. Section 832.19 of the Penal Code is amended to read:
832.19.
(a) A law enforcement agency or law enforcement officer shall not install, activate, or use \
any biometric surveillance system in connection with an officer camera.
(b) A person may bring an action for equitable or declaratory relief against a law enforcement \
agency or officer who violates subdivision (a).
SEC. 2. This act takes effect immediately.
"""
CA_LAW = """Section 832.19.
(a) A law enforcement agency or law enforcement officer shall not install, activate, or use \
any biometric surveillance system in connection with an officer camera.
(b) A person may bring an action for equitable or declaratory relief against a law enforcement \
agency or officer who violates subdivision (a).
(c) This section shall remain in effect only until January 1, 2023, and as of that date is \
repealed.
"""


def text_doc(text: str, jurisdiction: str, document: str, version: str, title: str,
             prefix: str | None = None) -> Any:
    form = CitationForm("code", prefix) if prefix else None
    return ingest_bytes(text.encode(), Provenance(jurisdiction, document, version, title, "file"),
                        citation=form)


def bill_doc(text: str) -> Any:
    """A bill written for a test."""
    return text_doc(text, "us", "bill-1", "introduced", "Bill 1")


def applying(law: Any, sentence: str) -> tuple[tuple[Application, ...], str]:
    """A bill of one section, ``sentence``, applied to ``law``: what became of each of its
    instructions, and the law's text after."""
    done = against_current(bill_doc("SECTION 1. AMENDMENT.\n" + sentence + "\n"), law=law)
    assert done.amended is not None
    return done.applications, str(done.amended.text)


def amended(law: Any, sentence: str) -> str:
    """``law``'s text once a bill of one section, ``sentence``, is applied to it."""
    return applying(law, sentence)[1]


def law5(body: str) -> Any:
    """A current law of one section, "SEC. 5. DUTIES.", with ``body`` after its heading."""
    return text_doc("SEC. 5. DUTIES.\n" + body, "us", "law-5", "current", "Law § 5")


def ssa() -> Any:
    return text_doc(SSA, "us", "42usc1308", "2019", "42 U.S.C. 1308(g)", "42 U.S.C. § 1308")


def summary(i: Instruction) -> tuple[object, ...]:
    return (i.action.value, i.target, i.struck, i.inserted, i.anchor, i.position, i.where,
            i.every)


# --- parsing --------------------------------------------------------------------------------


@pytest.mark.corpus
def test_hr2157_instructions_parse_into_target_action_struck_and_inserted(corpus: Path) -> None:
    intro = in_outline(split(load_path(corpus / "us-federal-hr2157-116-introduced.txt")))
    enr = in_outline(split(load_path(corpus / "us-federal-hr2157-116-enrolled.txt")))
    assert len(intro) == 17 and len(enr) == 14
    assert Counter(i.action.value for _, i in intro) == Counter(
        replace=9, redesignate=2, insert=2, add=2, strike=2)
    assert Counter(i.action.value for _, i in enr) == Counter(
        replace=10, add=2, redesignate=1, insert=1)
    by_clause = {c.id: i for c, i in intro}
    ssa_act = "Section 1108(g)(5) of the Social Security Act (42 U.S.C. 1308(g)(5))"
    assert summary(by_clause["t-v/s503"]) == (
        "replace", ("Section 20601 of Public Law 115–123 (132 Stat. 85)",), "may", "shall", None,
        None, None, False)
    assert summary(by_clause["t-vii/s701/a/2"]) == (
        "replace", (ssa_act, "subparagraph (C)", "the matter preceding clause (i)"), "and (E)",
        "and (F)", None, None, None, False)
    assert summary(by_clause["t-vii/s701/a/3"]) == (
        "redesignate", (ssa_act,), "subparagraph (E)", "subparagraph (F)", None, None, None,
        False)
    four = by_clause["t-vii/s701/a/4"]
    assert (four.action, four.anchor, four.position) == (Action.INSERT, "subparagraph (D)",
                                                         "after")
    assert four.inserted is not None and four.inserted.startswith("(E) Subject to subparagraph")
    assert four.inserted.endswith("further increased by $36,000,000.")
    assert by_clause["t-vii/s701/a/5/a"].inserted == "title XIX—\n(i) during"  # a quoted block
    assert summary(by_clause["t-vii/s701/a/5/c"])[1:] == (
        (ssa_act, "subparagraph (F)"), "and the Virgin Islands",
        ", the Virgin Islands, and the Northern Mariana Islands", None, None, None, True)
    assert summary(by_clause["t-vii/s701/a/5/d"])[2:] == (".", "; and", None, None, "at the end",
                                                          False)
    strike = by_clause["t-vii/s703/1/a"]
    assert (strike.action, strike.target[1:], strike.struck, strike.where) == (
        Action.STRIKE, ("paragraph (2)", "subparagraph (I)"), "and", "after the semicolon")
    flood = {c.id: i for c, i in enr}["t-xii/s1207/a"]
    assert summary(flood) == (
        "replace", (("Section 1309(a) of the National Flood Insurance Act of 1968 "
                    "(42 U.S.C. 4016(a))"),), "June 14, 2019", "September 30, 2019", None, None,
        None, False)


@pytest.mark.corpus
def test_tcja_places_written_after_the_struck_words(corpus: Path) -> None:
    found = {}
    for clause, ins in in_outline(split(load_path(corpus / "raw" / "BILLS-115hr1eas2.xml"))):
        found.setdefault(clause.id, []).append(ins)
    suits = "Subsection (c) of section 6532"  # (without "Period of Limitation on Suits.—")
    assert [summary(i) for i in found["t-i/st-a/pt-vii/s11071/b/1"]] == [
        ("replace", (suits, "paragraph (1)"), "9 months", "2 years", None, None, None, False)]
    assert [summary(i)[:4] for i in found["t-i/st-a/pt-ii/s11011/d/5"]] == [
        ("strike", ("Section 170(b)(2)(D)", "clause (iv)"), "and", None),
        ("strike", ("Section 170(b)(2)(D)", "clause (v)"), ".", None),
        ("add", ("Section 170(b)(2)(D)",), None, "(vi) section 199A(g).")]
    women = load_path(corpus / "us-federal-hr255-115-enrolled.txt")
    assert [summary(i)[1:] for c, i in in_outline(split(women)) if c.id == "s3/2"] == [
        (("Section 33 of the Science and Engineering Equal Opportunities Act (42 U.S.C. 1885a)",
          "paragraph (11)"), ".", "; and", None, None, "at the end", False)]


def test_quotations_nest_and_quoted_paragraphs_lose_their_opening_marks() -> None:
    text = ("by inserting after paragraph (2) the following:\n“(3) the term “agency” means a "
            "department;\n“(4) the term “person” means an individual.”; and")
    (ins,) = parse(text)
    assert ins.action is Action.INSERT and ins.anchor == "paragraph (2)"
    assert ins.inserted == ("(3) the term “agency” means a department;\n(4) the term “person” "
                            "means an individual.")
    assert ins.inserted_span is not None
    assert text[ins.inserted_span[0] - 1] == "“" and text[ins.inserted_span[1]] == "”"
    assert read_quote("“open but never closed", 0) is None
    assert read_quote('"straight"', 0) == ("straight", (1, 9), 10)
    assert designations("Section 1108(g)(5) of the Social Security Act") == ("1108", "g", "5")
    assert designations("subparagraph (C)") == ("c",)
    assert designations("The first proviso under this heading") == ()


def test_the_heading_of_the_amending_provision_is_no_part_of_the_target() -> None:
    for text in ("In general.—Section 5(a) of the Act is amended by striking “x”.",
                 "PERIOD OF LIMITATION. Section 5(a) of the Act is amended by striking “x”.",
                 "Section 5(a) of the Act is amended by striking “x”."):
        (ins,) = parse(text)
        assert ins.target == ("Section 5(a) of the Act",), text
    assert target_phrases("In general.—Part 7 of the Act is amended ") == ("Part 7 of the Act",)
    # a state's enacting form names the law last
    assert target_phrases("1. That §§ 15.2-1723.2 and 23.1-815.1 of the Code of Virginia are "
                          "amended and reenacted and that the Code of Virginia is amended ") == (
        "the Code of Virginia",)
    assert target_phrases("Part 7—Payments of the Act is amended ") == (
        "Part 7—Payments of the Act",)  # (a container's own dash is no heading's)
    # a rendering's label and heading on a line of their own (congress.gov's H.R. 4695: its
    # instructions were "in **(6) Conforming Amendments** Section 2721 of title 18 ...")
    for lead in ("**(6) Conforming Amendments**\n", "##### (6) Conforming Amendments\n"):
        assert target_phrases(lead + "Section 2721 of title 18, United States Code, is "
                              "amended—") == ("Section 2721 of title 18, United States Code",)


def test_gpo_plain_text_quotation_marks_are_read() -> None:
    """GPO's plain-text prints quote with two backquotes and two apostrophes: H.R. 2008's
    instruction was "not read" in its text print and read in its XML."""
    text = ("Section 319(j) of the Act is amended by striking ``subsections (h) and (i) not to \n"
            "exceed'' and all that follows through ``fiscal year 1991'' and \ninserting "
            "``subsections (h) and (i) $200,000,000''.")
    (ins,) = parse(text)
    assert describe(ins) == ("strike “subsections (h) and (i) not to exceed” through “fiscal "
                             "year 1991” and insert “subsections (h) and (i) $200,000,000” in "
                             "Section 319(j) of the Act")
    # a quoted block, each paragraph opened, the last closed; marks of both kinds nest
    block = "by adding at the end the following:\n``(3) the term `x' means a;\n``(4) b.''."
    (add,) = parse("Section 5 of the Act is amended " + block)
    assert (add.action, add.inserted) == (Action.ADD, "(3) the term `x' means a;\n(4) b.")


def test_a_heading_in_sentence_case_is_no_part_of_the_target() -> None:
    """GPO's XML gives H.R. 2008's and H.R. 8205's section headings in sentence case: their
    instructions were aimed at "Nonpoint source management programs. Section 319(j) of the
    Federal Water Pollution Control Act ..."."""
    assert target_phrases("Nonpoint source management programs. Section 319(j) of the Federal "
                          "Water Pollution Control Act (33 U.S.C. 1329(j)) is amended ") == (
        "Section 319(j) of the Federal Water Pollution Control Act (33 U.S.C. 1329(j))",)
    # (a law's name cited with "Pub. L." keeps its periods)
    assert target_phrases("Section 303(2)(B) of the Act (Pub. L. 96–487) is amended ") == (
        "Section 303(2)(B) of the Act (Pub. L. 96–487)",)


@pytest.mark.corpus
def test_h_r_2008_reads_alike_in_its_text_print_and_its_xml(corpus: Path) -> None:
    told = [[describe(i) for _, i in in_outline(split(load_path(corpus / "raw" / name)))]
            for name in ("BILLS-117hr2008rh.htm", "BILLS-117hr2008rh.xml")]
    assert told[0] == told[1] == [
        ("strike “subsections (h) and (i) not to exceed” through “fiscal year 1991” and insert "
         "“subsections (h) and (i) $200,000,000 for each of fiscal years 2022 through 2026” in "
         "Section 319(j) of the Federal Water Pollution Control Act (33 U.S.C. 1329(j))")]


@pytest.mark.corpus
def test_a_rendering_without_quotation_marks_is_listed_unread(corpus: Path) -> None:
    """congress.gov prints H.R. 4695's instructions without quotation marks ("by striking the
    or at the end"): which words are struck cannot be told, so none is read as if it could."""
    bill = load_path(corpus / "us-federal-hr4695-119-introduced.txt")
    found = [(c.citation.removeprefix("H.R. 4695, 119th Cong. "), describe(i))
             for c, i in in_outline(split(bill))]
    law = "Section 2721 of title 18, United States Code"
    unread = [("§ 101(b)(6)(A)(i)", "by striking the or at the end",
               " › subsection (a) › paragraph (1)"),
              ("§ 101(b)(6)(A)(ii)", "by striking the period at the end and inserting",
               " › subsection (a) › paragraph (2)"),
              ("§ 101(b)(6)(A)(iii)", "by inserting after paragraph (2) the following",
               " › subsection (a)"),
              ("§ 101(b)(6)(B)", "by inserting before the period at the end the following",
               " › subsection (b)(1)"),
              ("§ 101(b)(6)(C)", "by adding at the end the following", "")]
    assert found == [(where, f"an instruction not read, “{words}” in {law}{place}")
                     for where, words, place in unread]


def test_a_flush_sentence_added_at_the_end_is_a_block() -> None:
    for kind in ("flush sentence", "new flush sentence", "new paragraph"):
        (ins,) = parse(f"Section 5 is amended by adding at the end the following {kind}: “For "
                       "purposes of this section, a call is a communication.”.")
        assert summary(ins)[:5] == ("add", ("Section 5",), None, ("For purposes of this "
                                    "section, a call is a communication."), None), kind
    for verb, place in (("inserting", ""), ("adding", " of subsection (b)")):
        (ins,) = parse(f"Section 5 is amended by {verb} at the end{place} the following: “(9) "
                       "New.”.")
        assert summary(ins)[:4] == ("add", ("Section 5", *([place[4:]] if place else [])), None,
                                    "(9) New."), verb


def test_strike_inside_a_quoted_block_is_not_an_instruction() -> None:
    text = ("(1) by adding at the end the following:\n“(c) Nothing in this section requires "
            "striking “may” and inserting “shall”.”.")
    assert [i.action for i in parse(text)] == [Action.ADD]


@pytest.mark.parametrize(("sentence", "targets"), [
    # each instruction of the sentence in its own subsection, not (b) inside (a)
    (("in subsection (a) by striking “x” and inserting “y”, and in subsection (b) by striking "
     "“z” and inserting “w”."), [("x", ("subsection (a)",)), ("z", ("subsection (b)",))]),
    # with no place of its own, an instruction keeps the place of the one before
    (("in subsection (a) by striking “x” and inserting “y”, and by striking “z” and inserting "
     "“w”."), [("x", ("subsection (a)",)), ("z", ("subsection (a)",))]),
    (("in subsection (a) by striking “x” and inserting “y”, in subsection (b) by striking “z” and "
     "inserting “w”, and by striking “q” and inserting “r”."),
     [("x", ("subsection (a)",)), ("z", ("subsection (b)",)), ("q", ("subsection (b)",))]),
    # the words one instruction inserts are no place of the next
    (("by striking “x” and inserting “in subsection (c)”, and by striking “z” and inserting "
     "“w”."), [("x", ()), ("z", ())]),
    # a place written after the struck words is the instruction's own, and not the next one's
    (("by striking “x” in paragraph (1) and inserting “y”, and by striking “z” and inserting "
     "“w”."), [("x", ("paragraph (1)",)), ("z", ())]),
    (("in subsection (a), by striking “and” in clause (iv), by striking the period at the end of "
      "clause (v), and by adding at the end the following:\n“(vi) section 199A(g).”."),
     [("and", ("subsection (a)", "clause (iv)")), (".", ("subsection (a)", "clause (v)")),
      (None, ("subsection (a)",))]),
    (("by striking “x” each place it appears in subparagraph (B)(i) thereof and inserting “y”."),
     [("x", ("subparagraph (B)(i)",))]),
    # a list of places is one place phrase (applied in each place), not its first place
    (("by striking “x” each place it appears in paragraphs (1), (2), and (3) and inserting “y”."),
     [("x", ("paragraphs (1), (2), and (3)",))]),
])
def test_each_instruction_of_a_sentence_has_its_own_place(
        sentence: str, targets: list[tuple[str, tuple[str, ...]]]) -> None:
    found = parse("Section 5 of the Act is amended " + sentence)
    assert [(i.struck, i.target) for i in found] == [
        (struck, ("Section 5 of the Act", *places)) for struck, places in targets]


def test_a_place_after_the_struck_words_keeps_the_insertion() -> None:
    found = parse("Subsection (c) of section 6532 is amended by striking “9 months” in "
                  "paragraph (1) and inserting “2 years”, and by striking the period at the end "
                  "of paragraph (2) and inserting “; and”.")
    assert [summary(i) for i in found] == [
        ("replace", ("Subsection (c) of section 6532", "paragraph (1)"), "9 months", "2 years",
         None, None, None, False),
        ("replace", ("Subsection (c) of section 6532", "paragraph (2)"), ".", "; and", None,
         None, "at the end", False)]
    (heading,) = parse("in paragraph (1)(A), by striking “By radio” in the heading and "
                       "inserting “Audio format”;")
    assert summary(heading)[:4] == ("replace", ("paragraph (1)(A)", "the heading"), "By radio",
                                    "Audio format")
    (sentence,) = parse("by striking “through television” in the second sentence and inserting "
                        "“in video format”.")
    assert summary(sentence)[:4] == ("replace", ("the second sentence",), "through television",
                                     "in video format")


def test_a_place_after_the_struck_words_is_where_they_are_struck() -> None:
    law = text_doc("SEC. 5. LIMITS.\n(a) Suits.—\n(1) A suit is filed within 9 months.\n(2) A "
                   "claim is paid within 9 months.\n", "us", "law-5", "current", "Law § 5")
    apps, text = applying(law, "Section 5(a) of the Act is amended by striking “9 months” in "
                               "paragraph (1) and inserting “2 years”.")
    assert [(a.outcome, a.clause, a.detail) for a in apps] == [
        (Outcome.APPLIED, "s5/a/1", "struck “9 months” and inserted “2 years” in paragraph (1)")]
    assert text.endswith("(1) A suit is filed within 2 years.\n(2) A claim is paid within 9 "
                         "months.\n")


def test_struck_words_in_a_list_of_places_are_struck_in_each() -> None:
    assert places("clauses (ii) and (iv)") == ("clause (ii)", "clause (iv)")
    assert places("paragraphs (1), (2), and (3)") == ("paragraph (1)", "paragraph (2)",
                                                      "paragraph (3)")
    assert places("subparagraphs (A) and (B)(i)") == ("subparagraph (A)", "subparagraph (B)(i)")
    assert places("paragraph (1)") == ("paragraph (1)",)
    law = text_doc("SEC. 5. TAX.\n(a) Rates.—\n(i) the tax is 5 percent;\n(ii) the tax is 6 "
                   "percent;\n(iii) the tax is 7 percent; and\n(iv) the tax is 8 percent.\n",
                   "us", "law-5", "current", "Law § 5")

    def applied(instruction: str) -> tuple[tuple[Outcome, str | None, str], str]:
        (a,), text = applying(law, "Section 5(a) of the Act is amended " + instruction)
        return (a.outcome, a.clause, a.detail), text

    done, text = applied("by striking “the tax” in clauses (ii) and (iv) thereof and inserting "
                         "“the rate”.")
    assert done == (Outcome.APPLIED, "s5/a/ii", ("struck “the tax” and inserted “the rate” in "
                    "clauses (ii) and (iv) (2 places)"))
    assert text.endswith("(i) the tax is 5 percent;\n(ii) the rate is 6 percent;\n(iii) the tax "
                         "is 7 percent; and\n(iv) the rate is 8 percent.\n")
    assert applied("by striking “percent” in clauses (i) and (v) and inserting “%”.") == (
        (Outcome.NOT_FOUND, None, ("“Section 5(a) of the Act › clause (v)” is not in the current "
         "text")), law.text)
    assert applied("by striking “7 percent” in clauses (i) and (iii) and inserting “9”.")[0] == (
        Outcome.NOT_FOUND, "s5/a/i", "“7 percent” is not in clause (i)")
    # a list in the lead-in is one place phrase too; only striking is done in each place
    assert applied("in clauses (i) and (iii), by striking “the tax” and inserting “the rate”."
                   )[0] == (Outcome.APPLIED, "s5/a/i", ("struck “the tax” and inserted “the rate” "
                            "in clauses (i) and (iii) (2 places)"))
    assert applied("in clauses (i) and (ii), by inserting “x” after “tax”.")[0] == (
        Outcome.UNSUPPORTED, None, ("cannot place “Section 5(a) of the Act › clauses (i) and (ii)” "
        "in the current text"))


def test_a_struck_provision_goes_whole_and_the_block_takes_its_place() -> None:
    law = law5("(a) The agency shall file x.\n(b) The agency shall file z."
               "\n(c) The agency shall keep y.\n(d) Reports are public.\n")

    def applied(instruction: str) -> tuple[list[tuple[Outcome, str | None, str]], str]:
        apps, text = applying(law, "Section 5 of the Act is amended " + instruction)
        return [(a.outcome, a.clause, a.detail) for a in apps], text[len("SEC. 5. DUTIES.\n"):]

    (ins,) = parse("by striking subsection (b) and inserting the following:\n“(b) New.”.")
    assert (ins.action, ins.struck, ins.inserted, ins.provision) == (
        Action.REPLACE, "subsection (b)", "(b) New.", True)
    assert describe(ins) == "strike subsection (b) and insert “(b) New.”"
    (words,) = parse("by striking “subsection (b)” and inserting “subsection (c)”.")
    assert (words.struck, words.provision) == ("subsection (b)", False)

    assert applied("by striking subsection (b) and inserting the following:\n“(b) The agency "
                   "may file w.”.") == (
        [(Outcome.APPLIED, "s5/b", "struck subsection (b) and inserted “(b) The agency may…”")],
        ("(a) The agency shall file x.\n(b) The agency may file w.\n(c) The agency shall keep "
        "y.\n(d) Reports are public.\n"))
    assert applied("by striking subsections (b) and (c) and inserting the following:\n“(b) "
                   "Merged.”.")[1] == ("(a) The agency shall file x.\n(b) Merged.\n(d) Reports "
                                       "are public.\n")
    assert applied("by striking subsections (a) and (c).") == (
        [(Outcome.APPLIED, "s5/a", "struck subsections (a) and (c)")],
        "(b) The agency shall file z.\n(d) Reports are public.\n")
    assert applied("by striking subsections (a) and (c) and inserting the following:\n“(a) "
                   "X.”.")[0] == [(Outcome.UNSUPPORTED, None, (
                       "subsections (a) and (c) are not one run of provisions, to put the new "
                       "text in their place"))]
    assert applied("by striking subsection (e).")[0] == [
        (Outcome.NOT_FOUND, None, ("“Section 5 of the Act › subsection (e)” is not in the "
         "current text"))]
    bill = bill_doc("SECTION 1. AMENDMENT.\nSection 5 of the Act is amended by striking "
                    "subsection (b) and by striking “x”.\n")
    data = json.loads(current_json(against_current(bill, law=law), {"format": "json"}))
    assert [(i["struck"], i["provision"]) for i in data["instructions"]] == [
        ("subsection (b)", True), ("x", False)]
    nested = text_doc("SEC. 6. DUTIES.\n(a) One.\n(1) Two.\n(A) Three.\n(2) Four.\n", "us", "law-6",
                      "current", "Law § 6")
    assert amended(nested, "Section 6(a) of the Act is amended by striking paragraphs (1) and "
                   "(1)(A).") == "SEC. 6. DUTIES.\n(a) One.\n(2) Four.\n"
    # a provision struck after an instruction in subsection (b) is no part of subsection (b)
    assert applied("in subsection (b), by striking “z” and inserting “w”, and by striking "
                   "subsection (d).") == (
        [(Outcome.APPLIED, "s5/b", "struck “z” and inserted “w” in subsection (b)"),
         (Outcome.APPLIED, "s5/d", "struck subsection (d)")],
        ("(a) The agency shall file x.\n(b) The agency shall file w.\n(c) The agency shall keep "
        "y.\n"))


def test_an_instruction_not_read_is_listed_and_never_applied() -> None:
    (amending,) = parse("Section 5 of the Act is amended by amending subsection (b) to read as "
                        "follows:\n“(b) The agency may file w.”.")
    assert summary(amending)[:4] == ("replace", ("Section 5 of the Act",), "subsection (b)",
                                     "(b) The agency may file w.")
    assert amending.provision
    flush = ("Section 5 of the Act is amended by striking the table at the end of "
             "subsection (a) and inserting the following: “Two.”.")
    words = ("by striking the table at the end of subsection (a) and inserting the "
             "following")
    (unread,) = parse(flush)
    assert (unread.action, unread.target, unread.words, flush[slice(*unread.span)]) == (
        Action.UNREAD, ("Section 5 of the Act",), words, words)
    assert describe(unread) == f"an instruction not read, “{words}” in Section 5 of the Act"
    law = law5("(a) The agency shall file x. It shall. It may.\n"
               "(b) The agency shall file z.\n")
    bill = bill_doc("SECTION 1. AMENDMENT.\n" + flush + "\nSEC. 2. OTHER.\nSection 5 of the "
                    "Act is amended by amending subsection (b) to read as follows:\n“(b) The "
                    "agency may file w.”.\n")
    result = against_current(bill, law=law)
    assert [(a.outcome, a.bill, a.detail) for a in result.applications] == [
        (Outcome.UNSUPPORTED, "s1", f"cannot read the instruction “{words}”"),
        (Outcome.APPLIED, "s2", "struck subsection (b) and inserted “(b) The agency may…”")]
    assert result.amended is not None
    assert result.amended.text == law.text.replace("shall file z", "may file w")
    # a strike whose end or insertion is not quoted is not read as a plain deletion
    unquoted_end = ("by striking “; except that” and all that follows through the end and "
                    "inserting a period")
    for text in (unquoted_end, "by striking “x” and inserting y and z"):
        assert [(i.action, i.words) for i in parse(text + ".")] == [(Action.UNREAD, text)]
    # an unread instruction ends where the next one starts; "a period" is a period
    found = parse("Section 55(d) is amended by striking “x” and inserting y, and by striking "
                  "“, and” at the end of subparagraph (C) and inserting a period, and by striking "
                  "subparagraph (D).")
    assert [(i.action.value, i.target, i.struck, i.inserted, i.words) for i in found] == [
        ("unread", ("Section 55(d)",), None, None, "by striking “x” and inserting y"),
        ("replace", ("Section 55(d)", "subparagraph (C)"), ", and", ".", None),
        ("strike", ("Section 55(d)",), "subparagraph (D)", None, None)]
    # "to amend ... by adding" in a bill's title is no instruction: nothing says what is amended
    titled = text_doc("A BILL to amend the Code of Virginia by adding a section numbered 52-4.5, "
                      "relating to facial recognition.\nBe it enacted by the General Assembly of "
                      "Virginia:\n1. That the Code of Virginia is amended by adding a section "
                      "numbered 52-4.5 as follows:\n§ 52-4.5. Facial recognition.\n", "us-va",
                      "hb-1", "introduced", "H.B. 1")
    assert [(i.action, i.section) for _, i in in_outline(split(titled))] == [
        (Action.ADD, "52-4.5")]


def test_words_struck_the_first_or_last_place_they_appear() -> None:
    law = law5("(a) The agency shall file x, shall file y and shall file z."
               "\n")
    for nth, text in (("first", "may file x, shall file y and shall file z"),
                      ("second", "shall file x, may file y and shall file z"),
                      ("last", "shall file x, shall file y and may file z")):
        apps, amended_text = applying(law, "Section 5(a) of the Act is amended by striking "
                                      f"“shall” the {nth} place it appears and inserting “may”.")
        assert [(a.outcome, a.detail) for a in apps] == [
            (Outcome.APPLIED, "struck “shall” and inserted “may” in Section 5(a) of the Act")]
        assert amended_text == f"SEC. 5. DUTIES.\n(a) The agency {text}.\n", nth


def test_words_struck_with_all_that_follows_to_the_end_of_the_target() -> None:
    law = law5("(a) The term “wages” means the amount paid, except that no "
               "tip counts.\n(b) Other.\n")
    (ins,) = parse("Section 5(a) is amended by striking “means” and all that follows and "
                   "inserting “means pay.”.")
    assert (ins.action, ins.struck, ins.to_end, ins.inserted) == (
        Action.REPLACE, "means", True, "means pay.")
    assert describe(ins) == ("strike “means” and all that follows and insert “means pay.” in "
                             "Section 5(a)")
    apps, text = applying(law, "Section 5(a) of the Act is amended by striking “means” and all "
                               "that follows and inserting “means pay.”.")
    assert [(a.outcome, a.detail) for a in apps] == [
        (Outcome.APPLIED, ("struck “means” and all that follows and inserted “means pay.” in "
         "Section 5(a) of the Act"))]
    assert text == "SEC. 5. DUTIES.\n(a) The term “wages” means pay.\n(b) Other.\n"
    # a provision and all that follows: to the end of the provision the target names
    nested = text_doc("SEC. 6. DUTIES.\n(a) One.\n(1) Two.\n(A) Three.\n(B) Four.\n(2) Five.\n",
                      "us", "law-6", "current", "Law § 6")
    assert amended(nested, "Section 6(a)(1) of the Act is amended by striking subparagraph (A) "
                   "and all that follows and inserting the following:\n“(A) New.”.") == (
        "SEC. 6. DUTIES.\n(a) One.\n(1) Two.\n(A) New.\n(2) Five.\n")
    # "through “z”" names its end
    (through,) = parse("Section 5(a) is amended by striking “the amount” and all that follows "
                       "through “that” and inserting “pay, except”.")
    assert describe(through) == ("strike “the amount” through “that” and insert “pay, except” "
                                 "in Section 5(a)")


def test_all_that_precedes_words_runs_from_the_start_of_the_target() -> None:
    # the TCJA's § 13001(b)(2)(D)(ii), on a § 527(b) written for the test: the label and
    # heading go with what precedes, and the space before the words stays
    law = text_doc("SEC. 527. TAX.\n(a) In general.—A tax is imposed.\n(b) Tax imposed.—For "
                   "each year, a tax at 10 percent is hereby imposed on the income.\n", "us",
                   "26usc527", "current", "26 U.S.C. 527")
    sentence = ("Section 527(b) is amended by striking all that precedes “is hereby imposed” and "
                "inserting:\n“(b) Tax Imposed.—A tax”.")
    (ins,) = parse(sentence)
    assert (summary(ins), ins.precedes) == (
        ("replace", ("Section 527(b)",), "is hereby imposed", "(b) Tax Imposed.—A tax", None,
         None, None, False), True)
    apps, text = applying(law, sentence)
    assert [(a.outcome, a.detail) for a in apps] == [
        (Outcome.APPLIED, ("struck all that precedes “is hereby imposed” and inserted “(b) Tax "
                           "Imposed.—A tax” in Section 527(b)"))]
    assert text.endswith("(b) Tax Imposed.—A tax is hereby imposed on the income.\n")
    # "and inserting:" with a colon inserts, as "and inserting" does
    (colon,) = parse("by striking “x” and inserting:\n“y”.")
    assert (colon.action, colon.struck, colon.inserted) == (Action.REPLACE, "x", "y")


def test_all_that_precedes_a_provision_and_parts_above_a_section() -> None:
    """The TCJA's § 14301(b)(1) on a § 960 written for the test: all that precedes the
    redesignated subsection (c) is the section's heading and its (a) and (b), replaced whole.
    Its § 13404(a) strikes three subparts by letter: read, and said to be unsupported where a
    current text is given (the split finds sections and what they hold)."""
    law = text_doc("SEC. 960. CREDIT.\n(a) In general.—Old a.\n(b) Rules.—Old b.\n(c) Limits.—"
                   "Old c.\n", "us", "26usc960", "current", "26 U.S.C. 960")
    sentence = ("Section 960 is amended by striking subsection (c), by redesignating subsection "
                "(b) as subsection (c), by striking all that precedes subsection (c) (as so "
                "redesignated) and inserting the following:\n“SEC. 960. DEEMED PAID CREDIT.\n“(a) "
                "In general.—New a.\n“(b) Other.—New b.”.")
    last = parse(sentence)[-1]
    assert (summary(last)[:3], last.provision, last.precedes) == (
        ("replace", ("Section 960",), "subsection (c)"), True, True)
    apps, text = applying(law, sentence)
    assert [(a.outcome, a.clause, a.detail) for a in apps] == [
        (Outcome.APPLIED, "s960/c", "struck subsection (c)"),
        (Outcome.APPLIED, "s960", "redesignated subsection (b) as subsection (c)"),
        (Outcome.APPLIED, "s960", ("struck all that precedes subsection (c) and inserted “SEC. "
                                   "960. DEEMED PAID…”"))]
    assert text == ("SEC. 960. DEEMED PAID CREDIT.\n(a) In general.—New a.\n(b) Other.—New b.\n"
                    "(c) Rules.—Old b.\n")
    parts = ("Part IV of subchapter A of chapter 1 is amended by striking subparts H, I, and J "
             "(and by striking the items relating to such subparts in the table of subparts for "
             "such part).")
    assert [(describe(i), i.provision, i.item) for i in parse(parts)] == [
        ("strike subparts H, I, and J in Part IV of subchapter A of chapter 1", True, False),
        (("strike the items relating to subparts H, I, and J in Part IV of subchapter A of "
          "chapter 1"), False, True)]
    assert names_containers("subparts H, I, and J") and not names_containers("subsection (c)")
    # next to such a part, an insertion is not read (not as next to the words "subpart H")
    (inserted,) = parse("Part IV is amended by inserting after subpart H the following:\n"
                        "“Subpart I—Credits”.")
    assert (inserted.action, inserted.words) == (
        Action.UNREAD, "by inserting after subpart H the following")
    apps, text = applying(law, parts)
    assert [(a.outcome, a.detail) for a in apps] == [
        (Outcome.UNSUPPORTED, ("cannot strike subparts H, I, and J: legcompare finds sections "
                               "and their subdivisions, not the parts that hold them")),
        (Outcome.NOT_FOUND, "“Part IV of subchapter A of chapter 1” is not in the current text")]
    assert text == law.text


FLUSH_LAW = """\
SEC. 274. DISALLOWANCE OF CERTAIN EXPENSES.
(a) In general.—
(1) Activity.—No deduction otherwise allowable under this chapter shall be allowed for any item \
with respect to (the line is a paragraph: the law is printed with no width to wrap it at)—
(A) an activity which is of a type generally considered to be entertainment, or
(B) a facility used in connection with an activity referred to in subparagraph (A),
unless the taxpayer establishes that the item was directly related to the active conduct of \
the taxpayer's trade or business.
(2) Special rules.—For purposes of applying paragraph (1)—
(A) dues or fees to any social, athletic, or sporting club shall be treated as items, and
(B) an activity described in section 212 shall be treated as a trade or business,
and the rules of this paragraph apply to every taxable year.
(b) Gifts.—No deduction shall be allowed for gifts.
"""


def test_flush_text_is_struck_by_the_provision_it_follows_or_closes() -> None:
    """The TCJA's "by striking the flush sentence at the end of paragraph (1)" (§ 13304(a)(1))
    and "by striking the flush language after clause (vii)" (§ 14221(a)(3)), on a § 274 written
    for the test: the words after a provision's last subdivision, or after the subdivision
    named, up to the next one or the end of the provision that holds it."""
    law = text_doc(FLUSH_LAW, "us", "26usc274", "current", "26 U.S.C. 274")
    (ins,) = parse("Section 274(a) is amended by striking the flush sentence at the end of "
                   "paragraph (1).")
    assert (summary(ins)[:3], ins.provision) == (
        ("strike", ("Section 274(a)",), "the flush sentence at the end of paragraph (1)"), True)
    assert flush_text(ins.struck or "") == ("end", "paragraph (1)")
    apps, text = applying(law, "Section 274(a) is amended by striking the flush sentence at the "
                          "end of paragraph (1).")
    assert [(a.outcome, a.clause, a.detail) for a in apps] == [
        (Outcome.APPLIED, "s274/a/1", "struck the flush sentence at the end of paragraph (1)")]
    assert text == FLUSH_LAW.replace(
        "unless the taxpayer establishes that the item was directly related to the active "
        "conduct of the taxpayer's trade or business.\n", "")
    apps, text = applying(law, "Section 274(a) is amended in paragraph (2) by striking the flush "
                          "language after subparagraph (B), as added by section 2 of this Act, "
                          "and inserting the following:\n“and no other rule applies.”.")
    assert [(a.outcome, a.clause, a.detail) for a in apps] == [
        (Outcome.APPLIED, "s274/a/2", ("struck the flush language after subparagraph (B) and "
                                       "inserted “and no other rule…”"))]
    assert text == FLUSH_LAW.replace("and the rules of this paragraph apply to every taxable "
                                     "year.", "and no other rule applies.")
    apps, text = applying(law, "Section 274(a)(1) is amended by striking the flush language "
                          "after subparagraph (A).")
    assert [(a.outcome, a.detail) for a in apps] == [
        (Outcome.NOT_FOUND, ("“the flush language after subparagraph (A)” is not in the current "
                             "text: no words stand there"))]
    assert text == law.text


def test_words_inserted_at_the_end_of_a_provision() -> None:
    (ins,) = parse("by inserting “and” at the end of paragraph (2),")
    assert summary(ins) == ("insert", ("paragraph (2)",), None, "and", None, "end", None, False)
    assert describe(ins) == "insert “and” at the end in paragraph (2)"
    law = law5("(a) Filing.—\n(1) one;\n(2) two;\n(A) two-a;\n(3) three.\n")
    apps, text = applying(law, "Section 5(a) of the Act is amended by inserting “or” at the end "
                               "of paragraph (1), and in paragraph (2), by inserting “and” at the "
                               "end.")
    assert [(a.outcome, a.clause, a.detail) for a in apps] == [
        (Outcome.APPLIED, "s5/a/1", "inserted “or” at the end of paragraph (1)"),
        (Outcome.APPLIED, "s5/a/2", "inserted “and” at the end of paragraph (2)")]
    # (the end of (2) is the end of its last subparagraph)
    assert text.endswith("(1) one; or\n(2) two;\n(A) two-a; and\n(3) three.\n")


def test_a_list_of_provisions_is_redesignated_respectively() -> None:
    (ins,) = parse("by redesignating clauses (vi), (vii), and (viii), as so amended, as clauses "
                   "(iv), (v), and (vi), respectively;")
    assert (ins.action, ins.struck, ins.inserted) == (
        Action.REDESIGNATE, "clauses (vi), (vii), and (viii)", "clauses (iv), (v), and (vi)")
    law = law5("(a) Filing.—\n(A) one;\n(B) two;\n(C) three; and\n(D) "
               "four.\n")

    def applied(instruction: str) -> tuple[list[tuple[Outcome, str]], str]:
        apps, text = applying(law, "Section 5(a) of the Act is amended " + instruction)
        return ([(a.outcome, a.detail) for a in apps],
                text[len("SEC. 5. DUTIES.\n(a) Filing.—\n"):])

    # upward: (B) becomes (C) while the old (C) is still there, so all are found first
    assert applied("by redesignating subparagraphs (B), (C), and (D) as subparagraphs (C), (D), "
                   "and (E), respectively.") == (
        [(Outcome.APPLIED, ("redesignated subparagraphs (B), (C), and (D) as subparagraphs (C), "
          "(D), and (E)"))], "(A) one;\n(C) two;\n(D) three; and\n(E) four.\n")
    assert applied("by striking subparagraph (B) and by redesignating subparagraphs (C) and (D) "
                   "as subparagraphs (B) and (C), respectively.")[1] == (
        "(A) one;\n(B) three; and\n(C) four.\n")
    # a label that shrinks ((viii) to (i)) moves none of those still to change
    romans = text_doc("SEC. 6. LIST.\n(a) Items.—\n(viii) one; and\n(ix) two.\n", "us", "law-6",
                      "current", "Law § 6")
    assert amended(romans, "Section 6(a) of the Act is amended by redesignating clauses (viii) "
                   "and (ix) as clauses (i) and (ii), respectively.").endswith(
        "(a) Items.—\n(i) one; and\n(ii) two.\n")
    # a range: the provisions from the first through the last, counted anew in their style
    assert _counted("i", "k", 3) == ["i", "j", "k"] and _counted("i", "iii", 3) == [
        "i", "ii", "iii"]
    assert _counted("9", "15", 7) == [str(n) for n in range(9, 16)]
    assert _counted("xiv", "xvii", 4) == ["xiv", "xv", "xvi", "xvii"]
    assert _counted("y", "ab", 3) is None
    assert applied("by redesignating subparagraphs (B) through (D) as subparagraphs (C) through "
                   "(E), respectively.")[1] == "(A) one;\n(C) two;\n(D) three; and\n(E) four.\n"
    assert applied("by redesignating subparagraphs (B) through (D) as subparagraphs (C) through "
                   "(F), respectively.")[0] == [
        (Outcome.UNSUPPORTED, ("cannot redesignate subparagraphs (B) through (D) as "
         "subparagraphs (C) through (F)"))]
    assert applied("by redesignating subparagraphs (B) through (G) as subparagraphs (C) through "
                   "(H).")[0] == [(Outcome.NOT_FOUND, ("subparagraphs (B) through (G): (g) is not "
                                   "in the text"))]
    assert applied("by redesignating subparagraphs (D) through (B) as subparagraphs (C) through "
                   "(A).")[0] == [(Outcome.NOT_FOUND, ("subparagraphs (D) through (B): (d) through "
                                   "(b) is not one run of provisions in the text"))]
    assert amended(romans, "Section 6(a) of the Act is amended by redesignating clauses (viii) "
                   "through (ix) as clauses (i) through (ii), respectively.").endswith(
        "(a) Items.—\n(i) one; and\n(ii) two.\n")
    assert applied("by redesignating subparagraphs (C) and (D) as subparagraph (E).")[0] == [
        (Outcome.UNSUPPORTED, "cannot redesignate subparagraphs (C) and (D) as subparagraph (E)")]
    assert applied("by redesignating subparagraphs (C) and (F) as subparagraphs (D) and (G), "
                   "respectively.") == ([(Outcome.NOT_FOUND, ("subparagraph (F) is not in the "
                                         "text"))], law.text[len("SEC. 5. DUTIES.\n(a) "
                                                                "Filing.—\n"):])


@pytest.mark.parametrize(("sentence", "read"), [
    ("by inserting after such clause (xxv) the following new clause: “(xxvi) x,”.",
     ("insert", (), None, "(xxvi) x,", "clause (xxv)", "after", None, False)),
    (("by adding at the end of subsection (h), as so redesignated, the following new "
      "paragraph: “(4) x.”."),
     ("add", ("subsection (h)",), None, "(4) x.", None, "end", None, False)),
    (("by redesignating paragraphs (3) (as amended by this Act) and (4) as paragraphs (2) and "
      "(3), respectively;"),
     ("redesignate", (), "paragraphs (3) and (4)", "paragraphs (2) and (3)", None, None, None,
      False)),
    ("by amending paragraph (2) (as so redesignated) to read as follows: “(2) x.”.",
     ("replace", (), "paragraph (2)", "(2) x.", None, None, None, False)),
    ("by inserting after section 408 (42 U.S.C. 11364) the following: “SEC. 409. X.”.",
     ("insert", (), None, "SEC. 409. X.", "section 408", "after", None, False)),
    (("by adding after subsection (d) (as added by section 14201) the following new "
      "subsections: “(e) x.”."),
     ("insert", (), None, "(e) x.", "subsection (d)", "after", None, False)),
    ("by adding “or” after the comma, and", ("insert", (), None, "or", ",", "after", None, False)),
    ("by adding “and” at the end;", ("insert", (), None, "and", None, "end", None, False)),
])
def test_a_designation_s_notes_are_read_and_left_out_of_the_place(
        sentence: str, read: tuple[object, ...]) -> None:
    # "such", "(as so redesignated)", "(42 U.S.C. 11364)" name no other place; "adding" words
    # or a block after a provision is inserting them
    (ins,) = parse(sentence)
    assert summary(ins) == read
    assert ins.action is not Action.UNREAD


def test_notes_on_designations_apply_and_words_after_a_comma_are_spaced() -> None:
    law = law5("(a) Filing.—\n(1) one,\n(2) two;\n(3) three.\n")
    apps, text = applying(law, "Section 5(a) of the Act is amended—\n(1) in paragraph (1), by "
                               "adding “or” after the comma;\n(2) by redesignating paragraph (3) "
                               "as paragraph (4);\n(3) by inserting after paragraph (2) (as so "
                               "redesignated) the following new paragraph:\n“(3) two-b;”; and\n"
                               "(4) by amending paragraph (4) (as so redesignated) to read as "
                               "follows:\n“(4) four.”.")
    assert [(a.outcome, a.clause, a.detail) for a in apps] == [
        (Outcome.APPLIED, "s5/a/1", "inserted “or” after “,” in paragraph (1)"),
        (Outcome.APPLIED, "s5/a", "redesignated paragraph (3) as paragraph (4)"),
        (Outcome.APPLIED, "s5/a", "inserted “(3) two-b;” after paragraph (2)"),
        (Outcome.APPLIED, "s5/a/4", "struck paragraph (4) and inserted “(4) four.”")]
    assert text.endswith("(a) Filing.—\n(1) one, or\n(2) two;\n(3) two-b;\n(4) four.\n")


def test_words_inserted_next_to_words_in_a_place_of_their_own() -> None:
    # the place and "at the end" after the words an insertion goes next to are its own
    found = parse("Section 5(a) of the Act is amended by inserting “only” before the period at "
                  "the end of paragraph (3), and by inserting “and” after the semicolon in "
                  "paragraph (2).")
    assert [summary(i) for i in found] == [
        ("insert", ("Section 5(a) of the Act", "paragraph (3)"), None, "only", ".", "before",
         "at the end", False),
        ("insert", ("Section 5(a) of the Act", "paragraph (2)"), None, "and", ";", "after", None,
         False)]
    # the words an insertion goes next to are quoted as the bill quotes them
    assert describe(found[1]) == ("insert “and” after “;” in Section 5(a) of the Act › "
                                  "paragraph (2)")
    law = law5("(a) Filing.—\n(1) one, two.\n(2) two;\n(3) three.\n")
    apps, text = applying(law, "Section 5(a) of the Act is amended by inserting “only” before "
                               "the period at the end of paragraph (3), and by inserting “and” "
                               "after the semicolon in paragraph (2).")
    assert [(a.outcome, a.clause, a.detail) for a in apps] == [
        (Outcome.APPLIED, "s5/a/3", "inserted “only” before “.” at the end in paragraph (3)"),
        (Outcome.APPLIED, "s5/a/2", "inserted “and” after “;” in paragraph (2)")]
    # a word inserted before a period meets the word before it; after a semicolon, a space
    assert text.endswith("(1) one, two.\n(2) two; and\n(3) three only.\n")
    # each place it appears; a block of words inserted "the following"
    apps, text = applying(law, "Section 5(a) of the Act is amended by inserting after “two” each "
                               "place it appears the following: “(or more)”.")
    assert [(a.outcome, a.detail) for a in apps] == [
        (Outcome.APPLIED, "inserted “(or more)” after “two” in Section 5(a) of the Act (2 places)")]
    assert text.endswith("(1) one, two (or more).\n(2) two (or more);\n(3) three.\n")
    assert applying(law, "Section 5(a) of the Act is amended by inserting “x” before the period "
                         "at the end of paragraph (2).")[0][0].detail == (
        "“.” at the end is not in paragraph (2)")


def test_a_sentence_added_at_the_end_runs_on_and_a_block_is_new_lines() -> None:
    law = law5("(a) The agency shall file x.\n(b) The agency shall file z.\n")
    (sentence,) = parse("Section 5 of the Act is amended in subsection (a) by adding at the end "
                        "the following new sentence: “It may file y.”.")
    assert summary(sentence) == ("insert", ("Section 5 of the Act", "subsection (a)"), None,
                                 "It may file y.", None, "end", None, False)
    assert amended(law, "Section 5 of the Act is amended in subsection (a) by adding at the end "
                        "the following sentence: “It may file y.”.") == (
        "SEC. 5. DUTIES.\n(a) The agency shall file x. It may file y.\n(b) The agency shall file "
        "z.\n")
    assert amended(law, "Section 5 of the Act is amended by adding at the end the following new "
                        "subsection:\n“(c) The agency may file y.”.").endswith(
        "(b) The agency shall file z.\n(c) The agency may file y.\n")
    # a stray semicolon after "the following:" (H.R. 2001 as introduced) does not hide the block
    (struck,) = parse("by striking subsection (b) and inserting the following:;\n“(b) w.”;")
    assert summary(struck)[:4] == ("replace", (), "subsection (b)", "(b) w.")


def test_sentences_of_a_provision_are_places_and_can_be_struck_or_restated() -> None:
    t = ("(c) Limitation.—No payment under Pub. L. 107-273 shall be made. The Secretary may "
         "waive it (see 28 U.S.C. 133). It expires under part B.\n(d) Other.—X.\n")
    assert [t[a:b] for a, b in sentences(t, len("(c) Limitation.—"), t.index("(d)"))] == [
        "No payment under Pub. L. 107-273 shall be made.",
        "The Secretary may waive it (see 28 U.S.C. 133).", "It expires under part B."]
    # a word that only ends like an abbreviation ("casino", "no") ends its sentence
    t = "It bars a casino. It bars no. 5 of them. It ends."
    assert [t[a:b] for a, b in sentences(t, 0, len(t))] == [
        "It bars a casino.", "It bars no. 5 of them.", "It ends."]
    law = law5("(a) Filing.—The agency shall file x. It may file y. It may "
               "file z.\n(b) Other.—The agency shall keep w.\n")

    def applied(sentence: str) -> tuple[list[tuple[Outcome, str]], str]:
        apps, text = applying(law, sentence)
        return [(a.outcome, a.detail) for a in apps], text[len("SEC. 5. DUTIES.\n"):]

    assert applied("Section 5(a) of the Act is amended in the second sentence by striking "
                   "“file” and inserting “keep”.") == (
        [(Outcome.APPLIED, "struck “file” and inserted “keep” in the second sentence")],
        ("(a) Filing.—The agency shall file x. It may keep y. It may file z.\n(b) Other.—The "
        "agency shall keep w.\n"))
    # "The second sentence of section 5(a)" is section 5(a), then its second sentence
    assert applied("The second sentence of section 5(a) of the Act is amended by striking “y” "
                   "and inserting “v”.")[1].startswith("(a) Filing.—The agency shall file x. It "
                                                      "may file v. It")
    # a sentence struck goes with the space by it; the heading is no sentence
    assert applied("Section 5(a) of the Act is amended by striking the last sentence.") == (
        [(Outcome.APPLIED, "struck the last sentence")],
        ("(a) Filing.—The agency shall file x. It may file y.\n(b) Other.—The agency shall keep "
        "w.\n"))
    assert applied("Section 5(a) of the Act is amended by striking the first sentence.")[1] \
        .startswith("(a) Filing.—It may file y. It may file z.\n")
    assert applied("Section 5(a) of the Act is amended by striking the second sentence and "
                   "inserting the following: “It shall file q.”.")[1].startswith(
        "(a) Filing.—The agency shall file x. It shall file q. It may file z.\n")
    assert applied("Section 5 of the Act is amended by amending the first sentence of subsection "
                   "(b) to read as follows: “The agency may keep v.”.") == (
        [(Outcome.APPLIED, "struck the first sentence and inserted “The agency may keep…”")],
        ("(a) Filing.—The agency shall file x. It may file y. It may file z.\n(b) Other.—The "
        "agency may keep v.\n"))
    # a sentence restated is an instruction like the others, no section restated whole
    restating = ("The second sentence of section 5(a) of the Act is amended to read as follows: "
                 "“It shall file q.”.")
    assert applied(restating) == (
        [(Outcome.APPLIED, "restated the second sentence of section 5(a) of the Act")],
        ("(a) Filing.—The agency shall file x. It shall file q. It may file z.\n(b) Other.—The "
        "agency shall keep w.\n"))
    assert restatements(bill_doc("SECTION 1. AMENDMENT.\n" + restating + "\n")) == ()
    (restated,) = parse(restating)
    assert describe(restated) == "restate the second sentence in section 5(a) of the Act"
    # two sentences: one run, with the space between them; a law's sentence without a section
    assert applied("Section 5(a) of the Act is amended by striking the second and third "
                   "sentences and inserting the following: “It may file v.”.")[1].startswith(
        "(a) Filing.—The agency shall file x. It may file v.\n")
    assert applied("The Act is amended by striking the last sentence.")[0] == [
        (Outcome.APPLIED, "struck the last sentence")]
    assert applied("Section 5(a) of the Act is amended by striking the fifth sentence.")[0] == [
        (Outcome.NOT_FOUND, ("“Section 5(a) of the Act › the fifth sentence” is not in the "
                             "current text"))]


def test_a_semicolon_in_the_parenthesis_of_a_law_s_citation_ends_no_lead_in() -> None:
    (ins,) = parse("Section 406 of the Act, 2006 (Public Law 109–115; 119 Stat. 2470; 28 U.S.C. "
                   "133 note) is amended in the sixth sentence (relating to the District of "
                   "Hawaii) by striking “25 years” and inserting “26 years”.")
    assert ins.target == (("Section 406 of the Act, 2006 (Public Law 109–115; 119 Stat. 2470; 28 "
                          "U.S.C. 133 note)"), "the sixth sentence")


X_ACT = """SECTION 1. SHORT TITLE; TABLE OF CONTENTS.
(a) Short Title.—This Act may be cited as the X Act.
(b) Table of Contents.—The table of contents for this Act is as follows:
Sec. 1. Short title; table of contents.
Sec. 2. Definitions.
Sec. 3. Duties.
Sec. 4. Reports.
SEC. 2. DEFINITIONS.
In this Act, the term x means y.
SEC. 3. DUTIES.
The agency shall file.
SEC. 4. REPORTS.
The agency shall report.
"""


def test_items_of_a_table_of_contents_are_lines_of_the_table() -> None:
    (inserting,) = parse("The table of contents in section 1(b) of the X Act is amended by "
                         "inserting after the item relating to section 3 the following new "
                         "item:\n“Sec. 3A. Audits.”.")
    assert (inserting.action, inserting.anchor, inserting.inserted, inserting.item) == (
        Action.INSERT, "the item relating to section 3", "Sec. 3A. Audits.", True)
    assert item_designations("the items relating to sections 305 and 306") == (
        "section", ("305", "306"))
    assert item_designations("relating to part VI") == ("part", ("VI",))
    law = text_doc(X_ACT, "us", "x-act", "current", "X Act")

    def applied(sentence: str) -> tuple[list[tuple[Outcome, str | None, str]], str]:
        apps, text = applying(law, "The table of contents of the X Act is amended " + sentence)
        return ([(a.outcome, a.clause, a.detail) for a in apps],
                text[text.index("Sec. 1."):text.index("SEC. 2.")])

    table = "Sec. 1. Short title; table of contents.\nSec. 2. Definitions.\n"
    assert applied("by inserting after the item relating to section 3 the following new item:"
                   "\n“Sec. 3A. Audits.”.") == (
        [(Outcome.APPLIED, "s1/b/toc", ("inserted “Sec. 3A. Audits.” after the item relating to "
                                        "section 3"))],
        table + "Sec. 3. Duties.\nSec. 3A. Audits.\nSec. 4. Reports.\n")
    # the section's own heading ("SEC. 4. REPORTS.") is no item of the table
    assert applied("by striking the item relating to section 4.") == (
        [(Outcome.APPLIED, "s1/b/toc", "struck the item relating to section 4")],
        table + "Sec. 3. Duties.\n")
    assert applied("by redesignating the items relating to sections 3 and 4 as relating to "
                   "sections 4 and 5, respectively.")[1] == (
        table + "Sec. 4. Duties.\nSec. 5. Reports.\n")
    assert applied("by amending the item relating to section 3 to read as follows:\n“Sec. 3. "
                   "Duties of the agency.”.")[1] == (
        table + "Sec. 3. Duties of the agency.\nSec. 4. Reports.\n")
    assert applied("by striking the item relating to section 9.")[0] == [
        (Outcome.NOT_FOUND, None, "the item relating to section 9 is not in the current text")]
    # "(and by striking the item relating to such section ...)": the section struck before it
    found = parse("The X Act is amended by striking section 4 (and by striking the item relating "
                  "to such section in the table of contents).")
    assert [(i.action, i.struck, i.item, i.provision) for i in found] == [
        (Action.STRIKE, "section 4", False, True),
        (Action.STRIKE, "the item relating to section 4", True, False)]
    assert amended(law, "The X Act is amended by striking section 4 (and by striking the item "
                        "relating to such section in the table of contents).") == X_ACT.replace(
        "Sec. 4. Reports.\n", "").replace("SEC. 4. REPORTS.\nThe agency shall report.\n", "")


@pytest.mark.corpus
def test_tcja_instructions_on_noted_designations(corpus: Path) -> None:
    pairs = in_outline(split(load_path(corpus / "raw" / "BILLS-115hr1eas2.xml")))
    found = {c.id: i for c, i in pairs}
    unread = [(c.id, i.words) for c, i in pairs if i.action is Action.UNREAD]
    assert unread == [  # (the bill's own slip: "by striking by striking section 215")
        ("t-i/st-a/pt-v/s11051/a", "by striking"),
        ("t-i/st-c/pt-iii/spt-a/s13204/a/3/b/ii", ("by striking the item relating to "
         "subparagraph (E)(iv) and all that follows through the item relating to subparagraph "
         "(E)(ix) and inserting the following"))]
    # flush text struck by the provision it closes or follows
    assert [describe(found[k]) for k in ("t-i/st-c/pt-iv/s13304/a/1/b",
                                         "t-i/st-d/pt-i/spt-b/ch-3/s14221/a/3")] == [
        "strike the flush sentence at the end of paragraph (1) in Section 274(a)",
        "strike the flush language after clause (vii) in Section 936(h)(3)(B)"]
    assert [describe(i) for c, i in pairs if c.id == "t-i/st-d/pt-i/spt-c/s14301/b/1"][-1] == (
        "strike all that precedes subsection (c) and insert “SEC. 960. DEEMED PAID…” in "
        "Section 960")
    assert summary(found["t-i/st-c/pt-vi/spt-b/s13520/c/1/a"])[:2] + (
        found["t-i/st-c/pt-vi/spt-b/s13520/c/1/a"].anchor,) == (
        "insert", ("Subsection (d) of section 6724",), "clause (xxv)")
    assert summary(found["t-i/st-c/pt-vi/spt-b/s13520/c/2/c"])[:2] == (
        "add", ("Section 6047", "subsection (h)"))
    assert summary(found["t-i/st-c/pt-iii/spt-a/s13206/d/2/c"])[:4] == (
        "redesignate", ("Subsection (c) of section 280C",), "paragraphs (3) and (4)",
        "paragraphs (2) and (3)")
    assert summary(found["t-i/st-c/pt-iii/spt-a/s13201/g/1/b"])[:6] == (
        "insert", ("Clause (i) of section 168(k)(2)(A)", "subclause (III)"), None, "or", ",",
        "after")
    spirits = found["t-i/st-c/pt-ix/spt-a/s13808/a"]  # "by adding at the end the following
    assert (spirits.action, spirits.target, spirits.position) == (  # sentence: “In the case…”"
        Action.INSERT, ("Section 5212",), "end")
    assert spirits.inserted is not None and spirits.inserted.startswith("In the case of distilled")


def test_the_second_instruction_of_a_sentence_applies_in_its_own_subsection() -> None:
    law = law5("(a) The agency shall file x.\n(b) The agency shall file z.\n")
    apps, text = applying(law, "Section 5 of the Act is amended in subsection (a) by striking "
                               "“x” and inserting “y”, and in subsection (b) by striking “z” and "
                               "inserting “w”.")
    assert [(a.outcome, a.detail) for a in apps] == [
        (Outcome.APPLIED, "struck “x” and inserted “y” in subsection (a)"),
        (Outcome.APPLIED, "struck “z” and inserted “w” in subsection (b)")]
    assert text.endswith("(a) The agency shall file y.\n(b) The agency shall file w.\n")


# --- applying -------------------------------------------------------------------------------


@pytest.mark.corpus
def test_hr2157_section_701_applies_to_the_current_law_snippet(corpus: Path) -> None:
    bill = load_path(corpus / "us-federal-hr2157-116-introduced.txt")
    found = [(c, i) for c, i in in_outline(split(bill))
             if c.id.startswith("t-vii/s701/a") or c.id == "t-v/s503"]
    done = apply_instructions(ssa(), found)
    assert [(a.bill, a.outcome.value, a.clause) for a in done.applications] == [
        ("t-v/s503", "not-found", None),  # another law: not in this text, and said so
        ("t-vii/s701/a/1", "applied", "g/5/a"),
        ("t-vii/s701/a/2", "applied", "g/5/c"),
        ("t-vii/s701/a/3", "applied", "g/5"),
        ("t-vii/s701/a/4", "applied", "g/5"),
        ("t-vii/s701/a/5/a", "applied", "g/5/f"),  # found by its new letter
        ("t-vii/s701/a/5/b", "applied", "g/5/f"),
        ("t-vii/s701/a/5/c", "applied", "g/5/f"),
        ("t-vii/s701/a/5/d", "applied", "g/5/f"),
        ("t-vii/s701/a/5/e", "applied", "g/5/f"),
    ]
    assert done.applications[0].detail == ("“Section 20601 of Public Law 115–123 (132 Stat. 85)” "
                                           "is not in the current text")
    assert done.applications[7].detail.endswith("in subparagraph (F) (2 places)")
    lines = done.amended.text.splitlines()
    assert lines[2].startswith("(A) In general.—Subject to subparagraphs (B), (C), (D), (E), "
                               "and (F), for the period")
    assert lines[4].startswith("(C) Virgin Islands.—Subject to subparagraphs (D) and (F), for")
    assert lines[8].startswith("(E) Subject to subparagraph (F), for the period beginning "
                               "January 1, 2019")
    assert lines[9] == (
        "(F) Federal share.—Notwithstanding section 1905(ff), with respect to payments to Puerto "
        "Rico, the Virgin Islands, and the Northern Mariana Islands from the additional funds "
        "provided under subparagraphs (A), (B), (C), (D), and (E) for expenditures under title "
        "XIX—")
    assert lines[10] == (
        "(i) during the period beginning January 1, 2018, and ending September 30, 2019, the "
        "Federal medical assistance percentage for Puerto Rico, the Virgin Islands, and the "
        "Northern Mariana Islands shall be 100 percent; and")
    assert lines[11].startswith("(ii) for the period beginning January 1, 2019, and ending "
                                "September 30, 2019, with respect to payments to Guam")
    assert len(lines) == 12
    assert done.current.text == SSA  # the current text itself is untouched


@pytest.mark.corpus
def test_against_current_law_cites_the_code_and_the_bill(corpus: Path) -> None:
    bill = load_path(corpus / "us-federal-hr2157-116-introduced.txt")
    result = against_current(bill, law=ssa(), only="t-vii/s701")
    assert result.basis is Basis.LAW
    assert [a.outcome for a in result.applications] == [Outcome.APPLIED] * 9
    shown = [(c.pair.status.value, c.code, c.bill) for c in result.changes if changed(c.pair)]
    cite = "H.R. 2157, 116th Cong. § 701(a)"
    assert shown == [
        ("modified", "42 U.S.C. § 1308(g)(5)(A)", (f"{cite}(1)",)),
        ("modified", "42 U.S.C. § 1308(g)(5)(C)", (f"{cite}(2)",)),
        ("added", "42 U.S.C. § 1308(g)(5)(E)", (f"{cite}(4)",)),
        ("split", "42 U.S.C. § 1308(g)(5)(F)",
         (f"{cite}(3)", f"{cite}(5)(A)", f"{cite}(5)(B)", f"{cite}(5)(C)")),
        ("split", "42 U.S.C. § 1308(g)(5)(F)(i)", (f"{cite}(5)(A)", f"{cite}(5)(C)",
                                                   f"{cite}(5)(D)")),
        ("added", "42 U.S.C. § 1308(g)(5)(F)(ii)", (f"{cite}(5)(E)",)),
    ]
    text = current_terminal(result, color=False)
    assert "amending instructions: 9 of 9 applied" in text
    assert ("~ 42 U.S.C. § 1308(g)(5)(C) (by H.R. 2157, 116th Cong. § 701(a)(2))  UNCLEAR"
            in text)
    md = current_markdown(result)
    assert ("| H.R. 2157, 116th Cong. § 701(a)(3) | redesignate | applied | redesignated "
            "subparagraph (E) as subparagraph (F) |") in md


def test_the_issue_example_applies_in_subsection_b_only() -> None:
    law = text_doc(NFIA, "us", "42usc4016", "2019", "42 U.S.C. 4016", "42 U.S.C. § 4016")
    text = "in subsection (b), by striking “June 14, 2019” and inserting “September 30, 2019”"
    (ins,) = parse(text)
    assert summary(ins) == ("replace", ("subsection (b)",), "June 14, 2019",
                            "September 30, 2019", None, None, None, False)
    done = apply_instructions(law, [(None, ins)])
    assert [(a.outcome, a.clause, a.detail) for a in done.applications] == [
        (Outcome.APPLIED, "1309/b",
         "struck “June 14, 2019” and inserted “September 30, 2019” in subsection (b)")]
    assert done.amended.text == NFIA.replace("after June 14, 2019", "after September 30, 2019")
    assert describe(ins) == ("strike “June 14, 2019” and insert “September 30, 2019” in "
                             "subsection (b)")


@pytest.mark.parametrize(("instruction", "outcome", "detail"), [
    ("by striking “June 14, 2019” and inserting “September 30, 2019”", Outcome.AMBIGUOUS,
     "“June 14, 2019” appears 2 times in the current text"),
    ("in subsection (c), by striking “June 14, 2019” and inserting “September 30, 2019”",
     Outcome.NOT_FOUND, "“subsection (c)” is not in the current text"),
    ("in subsection (a), by striking “July 4, 2019” and inserting “September 30, 2019”",
     Outcome.NOT_FOUND, "“July 4, 2019” is not in subsection (a)"),
    ("in the heading, by striking “Flood” and inserting “Water”", Outcome.UNSUPPORTED,
     "cannot place “the heading” in the current text"),
    ("by striking “June 14, 2019” each place it appears and inserting “September 30, 2019”",
     Outcome.APPLIED, ("struck “June 14, 2019” and inserted “September 30, 2019” in the current "
     "text (2 places)")),
    (("The National Flood Insurance Act is amended by adding a new section 1310 to read as "
     "follows:"), Outcome.UNSUPPORTED, "the new section 1310's text was not found"),
])
def test_an_instruction_that_cannot_be_applied_says_why(instruction: str, outcome: Outcome,
                                                        detail: str) -> None:
    law = text_doc(NFIA, "us", "42usc4016", "2019", "42 U.S.C. 4016")
    ins = parse(instruction)[-1]
    done = apply_instructions(law, [(None, ins)])
    assert [(a.outcome, a.detail) for a in done.applications] == [(outcome, detail)]
    if outcome is not Outcome.APPLIED:
        assert done.amended.text == NFIA


def test_a_new_section_the_law_already_has_is_a_conflict() -> None:
    law = text_doc(NFIA, "us", "42usc4016", "2019", "42 U.S.C. 4016")
    ins = parse("The Act is amended by adding a new section 1309 to read as follows:")[0]
    ins = Instruction(ins.action, ins.target, None, "Sec. 1309. New text.\n", ins.span,
                      section=ins.section)
    done = apply_instructions(law, [(None, ins)])
    assert [(a.outcome, a.detail) for a in done.applications] == [
        (Outcome.CONFLICT, "the current text already has a section 1309")]


# --- restated sections ----------------------------------------------------------------------


def test_a_california_restatement_against_the_current_section() -> None:
    bill = text_doc(CA_BILL, "us-ca", "sb9999-2022", "introduced", "S.B. 9999")
    law = text_doc(CA_LAW, "us-ca", "pen-832.19", "2019", "Cal. Penal Code § 832.19",
                   "Cal. Penal Code")
    (r,) = restatements(bill)
    assert (r.action, r.bill, r.bill_citation, r.law, r.section, r.code_citation) == (
        Action.RESTATE, "s1", "S.B. 9999 § 1", "Penal Code", "832.19", "Cal. Penal Code § 832.19")
    result = against_current(bill, law=law)
    assert [(a.outcome, a.detail) for a in result.applications] == [
        (Outcome.APPLIED, "restated Section 832.19 of the Penal Code")]
    shown = [(c.pair.status, c.code, c.bill) for c in result.changes if changed(c.pair)]
    assert shown == [(Status.REMOVED, "Cal. Penal Code § 832.19(c)", ("S.B. 9999 § 1",))]
    assert result.amended is not None and result.amended.text.startswith("Section 832.19.\n(a)")


def test_only_a_section_named_alone_is_restated_or_repealed_whole() -> None:
    """What lies below a section is restated by an instruction like the others: `current`
    listed the TCJA's "Subsection (b) of section 11 is amended to read" as restating 26 U.S.C.
    § 11, and 49 more of its instructions so."""
    whole = ["Section 1561 is amended to read as follows:",
             ("Section 105 of the Uniformed and Overseas Citizens Absentee Voting Act (52 U.S.C. "
              "20307) is amended to read as follows:"),
             "Section 510 of title 36, United States Code, is amended to read as follows:",
             "Section 403 of the Bipartisan Campaign Reform Act of 2002 is repealed."]
    below = ["Subsection (b) of section 11 is amended to read as follows:",
             "Section 163(j) is amended to read as follows:",
             ("Section 301(a)(2) of the Help America Vote Act of 2002 (52 U.S.C. 21081(a)(2)) is "
              "amended to read as follows:"),
             "So much of section 448(c) as precedes paragraph (2) is amended to read as follows:",
             ("The item relating to section 6039H in the table of sections for subpart A is "
              "amended to read as follows:"),
             "Subsection (c) of section 9 is repealed."]
    for sentence in whole + below:
        bill = bill_doc("SECTION 1. AMENDMENT.\n" + sentence + "\n“(x) New text.”.\n")
        assert [r.action for r in restatements(bill)] == (
            [Action.REPEAL if "repealed" in sentence else Action.RESTATE]
            if sentence in whole else []), sentence
    (stated,) = restatements(bill_doc("SECTION 1. AMENDMENT.\n" + whole[0] + "\n"))
    assert (stated.section, stated.code_citation) == ("1561", None)
    # the subsection restated is still applied, as an instruction, and its new text is the
    # quoted words without the quotation marks that open each paragraph and close the last
    law = text_doc("Sec. 11. Tax imposed.\n(a) In general.—A tax is imposed.\n(b) Amount of "
                   "tax.—The amount is 35 percent.\n", "us", "usc-26", "current", "26 U.S.C.")
    applications, after = applying(law, below[0] + "\n“(b) Amount of tax.—The amount is—\n"
                                   "“(1) 21 percent, or\n“(2) the ‘reduced rate’.”.")
    assert [(a.outcome, a.detail) for a in applications] == [
        (Outcome.APPLIED, "restated Subsection (b) of section 11")]
    (restating,) = parse(below[0])
    assert describe(restating) == "restate Subsection (b) of section 11"
    assert describe(parse(below[-1])[0]) == "repeal Subsection (c) of section 9"
    assert after == ("Sec. 11. Tax imposed.\n(a) In general.—A tax is imposed.\n(b) Amount of "
                     "tax.—The amount is—\n(1) 21 percent, or\n(2) the ‘reduced rate’.\n")


NY_CIVIL_RIGHTS = ("§ 50-h. Biometric data of tenants. 1. No landlord shall collect the biometric "
                   "data of a tenant without written consent.\n2. A tenant aggrieved by a "
                   "violation of this section may bring an action for damages.\n§ 50-i. Notice "
                   "to tenants. 1. A landlord shall give every tenant notice of this article.\n")


def test_a_new_subdivision_goes_at_the_end_of_its_section() -> None:
    """"by adding a new subdivision 3" was read as adding a section 3: listed as "adds N.Y.
    Civ. Rights Law § 3" and written at the end of the law, after § 50-i."""
    law = text_doc(NY_CIVIL_RIGHTS, "us-ny", "civ-rights", "current", "N.Y. Civ. Rights Law",
                   "N.Y. Civ. Rights Law")
    bill = text_doc("Section 1. Section 50-h of the civil rights law is amended by adding a new "
                    "subdivision 3 to read as follows:\n  3. THE ATTORNEY GENERAL MAY BRING AN "
                    "ACTION TO ENJOIN A VIOLATION OF THIS SECTION.\n  § 2. This act shall take "
                    "effect immediately.\n", "us-ny", "a1-2023", "introduced", "A. 1")
    assert restatements(bill) == ()
    result = against_current(bill, law=law)
    assert [(a.outcome, a.detail, a.clause) for a in result.applications] == [
        (Outcome.APPLIED, ("added “3. THE ATTORNEY GENERAL…” at the end of Section 50-h of "
                           "the civil rights law"), "50-h")]
    assert result.amended is not None
    assert result.amended.text == NY_CIVIL_RIGHTS.replace(
        "damages.\n", "damages.\n  3. THE ATTORNEY GENERAL MAY BRING AN ACTION TO ENJOIN A "
                      "VIOLATION OF THIS SECTION.\n")
    assert [(c.pair.status, c.code, c.bill) for c in result.changes if changed(c.pair)] == [
        (Status.ADDED, "N.Y. Civ. Rights Law § 50-h(3)", ("A. 1 § 1",))]
    # with no text after it, it is said, not applied
    (bare,) = parse("Section 50-h of the civil rights law is amended by adding a new "
                    "subdivision 3.")
    assert describe(bare) == ("add a new provision at the end in Section 50-h of the civil "
                              "rights law")


@pytest.mark.corpus
def test_an_article_added_is_cited_as_an_article(corpus: Path) -> None:
    """S. 4457 "is amended by adding a new article 32-A": `current` said it "adds N.Y. Gen.
    Bus. Law § 32-a", a section the bill does not have."""
    for name, cited in (("us-ny-s4457-2023-original.txt", "S. 4457 § 1"),
                        ("us-ny-s4457a-2024-amended.txt", "S. 4457-A § 1")):
        bill = load_path(corpus / name)
        assert [(r.action, r.bill_citation, r.unit, r.section, r.code_citation, r.quoted)
                for r in restatements(bill)] == [
            (Action.ADD, cited, "article", "32-a", "N.Y. Gen. Bus. Law art. 32-A", "s1/q")]
        (_, adding), = [(c, i) for c, i in in_outline(split(bill)) if i.action is Action.ADD]
        assert describe(adding) == "add article 32-a in The general business law"


@pytest.mark.corpus
def test_the_tcja_restates_five_sections_whole(corpus: Path) -> None:
    bill = load_path(corpus / "raw" / "BILLS-115hr1eas2.xml")
    assert [(r.action, r.bill_citation, r.code_citation) for r in restatements(bill)] == [
        (Action.RESTATE, f"H.R. 1, 115th Cong. § {bill_section}", f"26 U.S.C. § {section}")
        for bill_section, section in (("13001(b)(6)(A)", "1561"), ("13206(a)", "174"),
                                      ("13518(a)", "812"), ("14103(a)", "965"),
                                      ("14301(c)(1)", "78"))]


def test_a_new_york_restatement_against_the_current_law_its_print_shows() -> None:
    bill = text_doc(NY_AMENDING, "us-ny", "a9999-2023", "original", "N.Y. A. 9999")
    (r,) = restatements(bill)
    assert (r.action, r.bill_citation, r.law, r.section, r.code_citation, r.quoted) == (
        Action.RESTATE, "N.Y. A. 9999 § 1", "civil rights law", "50-h",
        "N.Y. Civ. Rights Law § 50-h", "s1/q")
    result = against_current(bill)
    assert result.basis is Basis.MARKUP and result.applications == ()
    assert result.current is not None
    assert result.current.text == side(bill, "before").text
    shown = [(c.pair.status.value, c.pair.verdict.value, c.code, c.bill)
             for c in result.changes if changed(c.pair)]
    assert shown == [  # ("1. No landlord [may] SHALL" is subdivision 1, after the heading)
        ("modified", "stronger", "N.Y. Civ. Rights Law § 50-h(1)", ("N.Y. A. 9999 § 1",)),
        ("removed", "weaker", "N.Y. Civ. Rights Law § 50-h(2)", ("N.Y. A. 9999 § 1",)),
        ("added", "weaker", "N.Y. Civ. Rights Law § 50-h(2)", ("N.Y. A. 9999 § 1",)),
    ]
    removed = result.changes[[c.pair.status for c in result.changes].index(Status.REMOVED)]
    assert removed.pair.old is not None
    assert removed.pair.old.text.startswith("  2. Any tenant aggrieved")


@pytest.mark.corpus
def test_a_section_added_with_to_add_is_read(corpus: Path) -> None:
    """A. 7625 and S. 7135: "Article 4 of the civil rights law is amended to add a new
    section 40-h to read as follows:" — `current` said "no amending instruction was found in
    the bill" and listed no section added."""
    for name, cited in (("us-ny-a7625-2023-introduced.txt", "A. 7625 § 1"),
                        ("us-ny-s7135-2023-introduced.txt", "S. 7135 § 1")):
        bill = load_path(corpus / name)
        assert [(r.action, r.bill_citation, r.section, r.code_citation, r.quoted)
                for r in restatements(bill)] == [
            (Action.ADD, cited, "40-h", "N.Y. Civ. Rights Law § 40-h", "s1/q")]
        assert against_current(bill).notes == ()
    assert [(i.action, i.section) for i in parse(
        "Section 1. Article 4 of the civil rights law is amended to add a new\nsection 40-h to "
        "read as follows:\n")] == [(Action.ADD, "40-h")]


@pytest.mark.corpus
def test_a48_adds_two_sections_to_current_law(corpus: Path) -> None:
    bill = load_path(corpus / "us-ny-a48-2023-original.txt")
    assert [(r.action, r.bill_citation, r.section, r.code_citation, r.quoted)
            for r in restatements(bill)] == [
        (Action.ADD, "A. 48 § 1", "50-b", "N.Y. Mult. Dwell. Law § 50-b", "s1/q"),
        (Action.ADD, "A. 48 § 2", "130-a", "N.Y. Mult. Resid. Law § 130-a", "s2/q")]
    result = against_current(bill)
    assert result.basis is Basis.MARKUP
    added = [c for c in result.changes if c.pair.status is Status.ADDED]
    assert not [c for c in result.changes if changed(c.pair) and c.pair.status
                is not Status.ADDED]
    assert {c.pair.new.id.split("/")[0] for c in added} == {"s1", "s2"}  # type: ignore[union-attr]
    assert len(added) == 110
    quoted = [c for c in added if c.pair.new is not None and c.pair.new.kind is Kind.QUOTED]
    assert [(c.code, c.bill) for c in quoted] == [("N.Y. Mult. Dwell. Law", ("A. 48 § 1",)),
                                                  ("N.Y. Mult. Resid. Law", ("A. 48 § 2",))]
    assert all(c.bill in (("A. 48 § 1",), ("A. 48 § 2",)) for c in added if c not in quoted)
    assert added[2].code == "N.Y. Mult. Dwell. Law § 50-b(1)"


VA_ADDING = """A BILL to amend the Code of Virginia by adding in Article 1 of Chapter 17 of \
Title 15.2 a section numbered 15.2-1723.2 and by adding a section numbered 23.1-815.1, relating \
to facial recognition technology.
Be it enacted by the General Assembly of Virginia:
1. That the Code of Virginia is amended by adding in Article 1 of Chapter 17 of Title 15.2 a \
section numbered 15.2-1723.2 and by adding a section numbered 23.1-815.1 as follows:
§ 15.2-1723.2. Facial recognition technology; local approval.
A. No locality shall purchase facial recognition technology unless approved.
§ 23.1-815.1. Facial recognition technology; campus police.
A. No campus police department shall purchase facial recognition technology.
"""


def test_sections_a_virginia_or_massachusetts_bill_adds_each_get_their_own_text() -> None:
    bill = text_doc(VA_ADDING, "us-va", "hb-1", "introduced", "H.B. 1")
    # (the title's "to amend ... by adding" is no instruction: only section 1's are)
    assert [(r.action, r.bill, r.section, r.quoted) for r in restatements(bill)] == [
        (Action.ADD, "1", "15.2-1723.2", "1/q/15.2-1723.2"),
        (Action.ADD, "1", "23.1-815.1", "1/q/23.1-815.1")]
    law = text_doc("§ 15.2-1722. Other section.\nA. The current text.\n", "us-va", "va-code",
                   "current", "Va. Code")
    result = against_current(bill, law=law)
    assert [(a.outcome, a.detail) for a in result.applications] == [
        (Outcome.APPLIED, "added section 15.2-1723.2 at the end"),
        (Outcome.APPLIED, "added section 23.1-815.1 at the end")]
    assert result.amended is not None
    assert result.amended.text == law.text + VA_ADDING[VA_ADDING.index("§ 15.2-1723.2."):]
    # a section named whose text the bill does not quote is not given another's text
    other = text_doc(VA_ADDING.replace("a section numbered 23.1-815.1 as", "a section numbered "
                                       "23.1-815.9 as"), "us-va", "hb-2", "introduced", "H.B. 2")
    assert [(a.outcome, a.detail) for a in against_current(other, law=law).applications][1] == (
        Outcome.UNSUPPORTED, "the new section 23.1-815.9's text was not found")
    massachusetts = text_doc("SECTION 1. Chapter 90 of the General Laws is hereby amended by "
                             "adding the following section:-\n\nSection 8N. The registrar shall "
                             "post notices.\n", "us-ma", "s-1", "introduced", "S. 1")
    assert [(r.action, r.section, r.quoted) for r in restatements(massachusetts)] == [
        (Action.ADD, "8n", "s1/q")]


def test_a_virginia_reenactment_is_listed_unread() -> None:
    # Virginia prints struck and inserted words alike in text (strikethrough and italics are
    # lost), so the reenacted sections' new text cannot be read: listed, never dropped
    bill = text_doc(VA_ADDING.replace("1. That the Code of Virginia is amended by adding in",
                                      "1. That §§ 15.2-1722 and 15.2-1723 of the Code of Virginia "
                                      "are amended and reenacted and that the Code of Virginia is "
                                      "amended by adding in"), "us-va", "hb-3", "introduced",
                    "H.B. 3")
    found = [(c.id, i.action, i.section, i.words) for c, i in in_outline(split(bill))]
    assert found == [
        ("1", Action.UNREAD, None, ("§§ 15.2-1722 and 15.2-1723 of the Code of Virginia are "
                                    "amended and reenacted")),
        ("1", Action.ADD, "15.2-1723.2", None), ("1", Action.ADD, "23.1-815.1", None)]
    assert [a.detail for a in against_current(bill).applications] == [
        ("an instruction not read, “§§ 15.2-1722 and 15.2-1723 of the Code of Virginia are "
         "amended and reenacted”: no current text given")]


@pytest.mark.corpus
def test_virginia_facial_recognition_bills_add_and_reenact_sections(corpus: Path) -> None:
    hb2031 = load_path(corpus / "us-va-hb2031-2021-introduced.txt")
    assert [(r.action, r.bill_citation, r.section, r.quoted) for r in restatements(hb2031)] == [
        (Action.ADD, "H.B. 2031(1)", "15.2-1723.2", "1/q/15.2-1723.2"),
        (Action.ADD, "H.B. 2031(1)", "23.1-815.1", "1/q/23.1-815.1")]
    hb1339 = load_path(corpus / "us-va-hb1339-2022-engrossed.txt")
    assert [(i.action, i.section, i.words) for _, i in in_outline(split(hb1339))] == [
        (Action.UNREAD, None, ("§§15.2-1723.2 and 23.1-815.1 of the Code of Virginia are "
                               "amended and reenacted")),
        (Action.ADD, "52-4.5", None)]


@pytest.mark.corpus
def test_a_partial_bill_or_law_and_a_bill_without_instructions_are_said(corpus: Path) -> None:
    # S.B. 1038's corpus copy stops in its findings, before the section that amends § 832.19;
    # the law's copy stops in (a)(7), and the law was repealed by its own terms on January 1,
    # 2023: a report of "no change" must say so
    result = against_current(load_path(corpus / "us-ca-sb1038-2022-introduced.txt"),
                             law=load_path(corpus / "us-ca-pen-832.19-2019-chaptered.txt"))
    assert result.applications == () and result.restatements == ()
    assert result.notes == (
        "the bill's text was not fully retrieved: instructions in the parts missing are not here",
        ("the current text was not fully retrieved: an instruction aimed at a part missing is "
         "not found"),
        ("the current text is not in force: the bill is compared with a law no longer (or not "
         "yet) in effect"),
        "no amending instruction was found in the bill")
    text = current_terminal(result, color=False)
    assert "note: no amending instruction was found in the bill\n" in text
    # a whole bill and law with instructions: none of these
    whole = against_current(bill_doc("SECTION 1. AMENDMENT.\nSection 5(a) of the Act is "
                                     "amended by striking “x” and inserting “w”.\n"),
                            law=law5("(a) The agency shall file x.\n"))
    assert whole.notes == ()


# --- the Ramseyer print -----------------------------------------------------------------------


@pytest.mark.corpus
def test_the_ramseyer_print_reproduces_its_own_before_and_after(corpus: Path) -> None:
    doc = load_path(corpus / "raw" / "112hr1425-Ramseyer.xml")
    result = against_current(doc)
    assert result.basis is Basis.MARKUP
    c = result.comparison
    assert c is not None and result.current is not None and result.amended is not None
    assert result.current.text == side(doc, "before").text
    assert result.amended.text == doc.text
    olds = sorted((p.old for p in c.pairs if p.old is not None), key=lambda x: x.span)
    news = sorted((p.new for p in c.pairs if p.new is not None), key=lambda x: x.span)
    assert "".join(x.text for x in olds) == result.current.text  # the before, whole
    assert "".join(x.text for x in news) == doc.text  # the after, whole
    for p in c.pairs:
        assert "".join(e.text for e in p.edits if e.op.value != "insert") == (
            p.old.text if p.old else "")
        assert "".join(e.text for e in p.edits if e.op.value != "delete") == (
            p.new.text if p.new else "")
    # the provisions the print marks, and only those, differ between the sides
    before = {x.id: x.text for x in split(before_side(doc)).walk()}
    after = {x.id: x.text for x in split(doc).walk()}
    inserted = sorted(set(after) - set(before))
    assert set(before) <= set(after)
    assert inserted[:3] == ["s108/e", "s108/e/1", "s108/e/1/a"]
    assert {"s3/aa", "s3/bb", "s3/cc", "s9/b/7/a", "s9/b/7/f"} <= set(inserted)
    assert len(inserted) == 27
    assert sorted(k for k in before if before[k] != after[k]) == ["s9/b/7"]
    modified = [p.new.id for p in c.pairs if p.status is Status.MODIFIED and p.new]
    assert modified == ["s9/b/7"]
    added = {p.new.id for p in c.pairs if p.status is Status.ADDED and p.new}
    assert set(inserted) <= added


# --- outputs and command line ---------------------------------------------------------------


def test_json_follows_the_schema() -> None:
    bill = text_doc(CA_BILL, "us-ca", "sb9999-2022", "introduced", "S.B. 9999")
    law = text_doc(CA_LAW, "us-ca", "pen-832.19", "2019", "Cal. Penal Code § 832.19",
                   "Cal. Penal Code")
    data = json.loads(current_json(against_current(bill, law=law), {"format": "json"}))
    assert list(data) == ["schema", "generator", "bill", "basis", "current", "amended",
                          "restatements", "instructions", "summary", "changes", "notes"]
    assert data["schema"] == SCHEMA == "legcompare.current/1"
    assert data["basis"] == "law" and data["summary"]["removed"] == 1
    (ins,) = data["instructions"]
    assert list(ins) == ["bill", "action", "target", "struck", "inserted", "anchor", "position",
                         "where", "through", "to_end", "every", "section", "unit", "provision",
                         "item", "precedes", "span", "outcome", "detail", "clause"]
    (stated,) = data["restatements"]
    assert stated == {"action": "restate", "bill": {"id": "s1", "citation": "S.B. 9999 § 1"},
                      "law": "Penal Code", "section": "832.19", "unit": "section",
                      "code_citation": "Cal. Penal Code § 832.19", "quoted": None}
    assert ins["unit"] is None  # (a section restated is named by its target, not "section")
    assert (ins["action"], ins["outcome"], ins["bill"], ins["clause"]) == (
        "restate", "applied", {"id": "s1", "citation": "S.B. 9999 § 1"}, "832.19")
    removed = [c for c in data["changes"] if c["pair"]["status"] == "removed"]
    assert [(c["code"], c["bill"]) for c in removed] == [
        ("Cal. Penal Code § 832.19(c)", ["S.B. 9999 § 1"])]


@pytest.mark.corpus
def test_without_a_current_text_instructions_are_listed_unapplied(corpus: Path) -> None:
    path = str(corpus / "us-federal-hr2157-116-enrolled.txt")
    result = CliRunner().invoke(main, ["current", path, "--format", "json"])
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["basis"] == "none" and data["changes"] == [] and data["summary"] is None
    assert [i["outcome"] for i in data["instructions"]] == ["no-current-text"] * 14
    assert data["instructions"][-1]["detail"] == (
        "strike “June 14, 2019” and insert “September 30, 2019” in Section 1319 of the National "
        "Flood Insurance Act of 1968 (42 U.S.C. 4026): no current text given")


def test_cli_current_against_a_law_file(tmp_path: Path) -> None:
    bill, law = tmp_path / "bill.txt", tmp_path / "law.txt"
    bill.write_text(CA_BILL, encoding="utf-8")
    law.write_text(CA_LAW, encoding="utf-8")
    result = CliRunner().invoke(main, ["current", str(bill), str(law)])
    assert result.exit_code == 0, result.stderr
    assert "amending instructions: 1 of 1 applied" in result.stdout
    assert "[-(c) This section shall remain in effect only until January 1, 2023" in result.stdout
    bad = CliRunner().invoke(main, ["current", str(bill), str(tmp_path / "missing.txt")])
    assert bad.exit_code == 2 and bad.stderr.startswith("legcompare: error: ")
    # a --select naming no provision of the bill is an error, as diff's is (it read "no
    # amending instruction was found in the bill's provision s9", exit 0)
    none = CliRunner().invoke(main, ["current", str(bill), str(law), "--select", "s9"])
    assert (none.exit_code, none.stdout, none.stderr) == (
        2, "", "legcompare: error: no clause with id 's9' in the bill\n")


_STRIKE = st.builds(
    lambda pre, obj, mods, tail: f"{pre}by striking {obj}{''.join(' ' + m for m in mods)}{tail}",
    st.sampled_from(["", "in subsection (a), ", "in paragraphs (1) and (2), ",
                     "in the heading, "]),
    st.sampled_from(["“shall”", "“file”", "“x”", "the period", "paragraph (2)",
                     "paragraphs (1) and (2)", "paragraphs (1) and (3)", "subsection (b)",
                     "subsections (a) and (b)"]),
    st.lists(st.sampled_from([
        "each place it appears", "the first place it appears", "the second place it appears",
        "the last place it appears", "at the end", "after the semicolon", "before the period",
        "in paragraph (1)", "in paragraphs (1) and (3)", "in paragraphs (1) through (3)",
        "in the second sentence", "and all that follows through “z”", "and all that follows",
        "in paragraph (7)"]),
        max_size=2),
    st.sampled_from(["", " and inserting “may”", " and inserting the following: “(4) New.”"]))
_OTHER = st.sampled_from([
    "by redesignating paragraphs (1) through (3) as paragraphs (2) through (4), respectively",
    "by redesignating paragraphs (1) and (2) as paragraphs (2) and (3), respectively",
    "by redesignating paragraph (1) as paragraph (9)",
    "by inserting “and” at the end of paragraph (2)",
    "by inserting after paragraph (1) the following: “(1A) New.”",
    "by adding at the end the following: “(c) New.”",
    "by amending paragraph (2) to read as follows: “(2) New.”",
    "by striking the second and third sentences", "by striking the last sentence",
    "in the first sentence, by striking “shall”", "by striking the item relating to section 5",
    "by striking all that precedes “shall”",
    "by inserting “now” after “shall” each place it appears", "by striking subsection (c)"])


@settings(max_examples=400, deadline=None)
@given(st.lists(st.one_of(_STRIKE, _OTHER), min_size=1, max_size=3).map(", and ".join))
def test_no_instruction_makes_current_fail(words: str) -> None:
    """Whatever the instructions say, each is applied or said not to be; nothing raises."""
    law = law5("(a) Filing.—\n(1) The agency shall file x;\n(2) it may "
               "file y; and\n(3) it shall keep z.\n(b) Other.\n")
    bill = bill_doc("SECTION 1. AMENDMENT.\nSection 5 of the Act is amended " + words + ".\n")
    result = against_current(bill, law=law)
    assert result.amended is not None and result.applications
    assert all(isinstance(a.outcome, Outcome) and a.detail for a in result.applications)


# --- carrying the clause tree through changes of words ---------------------------------------


def splits_counted(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Count the times the current text is split to find a target (one entry each)."""
    calls: list[int] = []
    real = legcompare.apply.skeleton

    def counted(document: Any) -> Any:
        calls.append(1)
        return real(document)

    monkeypatch.setattr(legcompare.apply, "skeleton", counted)
    return calls


def read_each_time(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make :func:`against_current` split the text again after every change (no carrying)."""
    monkeypatch.setattr(legcompare.current_law, "apply_instructions",
                        functools.partial(apply_instructions, carry=False))


def both_ways(law: Any, bill: Any) -> tuple[Any, Any]:
    """``against_current`` carrying the tree, then splitting after every change."""
    with pytest.MonkeyPatch.context() as m:
        carried = against_current(bill, law=law)
        read_each_time(m)
        return carried, against_current(bill, law=law)


CHAINED_LAW = "".join(f"({i}) The agency shall file the report numbered w{i}x each year.\n"
                      for i in range(1, 13))
CHAINED_BILL = "SECTION 1. AMENDMENT.\nSection 5 of the Act is amended—\n" + "".join(
    f"({i}) in paragraph ({i}), by striking “w{i}x” and inserting “v{i}-{i}”"
    f"{'.' if i == 12 else '; and' if i == 11 else ';'}\n" for i in range(1, 13))


def test_changes_of_words_carry_the_tree_and_the_text_is_split_again_at_the_end(
        monkeypatch: pytest.MonkeyPatch) -> None:
    calls = splits_counted(monkeypatch)
    law, bill = law5(CHAINED_LAW), bill_doc(CHAINED_BILL)
    carried = against_current(bill, law=law)
    assert len(calls) == 2  # the text as it was, and as amended (the tree carried must be it)
    read_each_time(monkeypatch)
    again = against_current(bill, law=law)
    assert len(calls) == 2 + 12  # once per instruction
    assert carried == again
    assert [(a.outcome.value, a.clause) for a in carried.applications] == [
        ("applied", f"s5/{i}") for i in range(1, 13)]
    assert carried.amended is not None
    assert carried.amended.text.splitlines()[12] == (
        "(12) The agency shall file the report numbered v12-12 each year.")


def test_a_change_of_words_that_moves_a_provision_is_applied_as_if_read_again(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """A defined term's provision is named by its term: striking the term's word changes the
    tree carried. The tree is found stale at the end, and the instructions are applied again,
    each reading the text anew."""
    calls = splits_counted(monkeypatch)
    law = law5("In this section:\n“Agency” means the agency that files.\n"
               "“Board” means the board of the agency.\n")
    bill = bill_doc("SECTION 1. AMENDMENT.\nSection 5 of the Act is amended by striking "
                    "“Agency” and inserting “Office”, and by striking “board” and inserting "
                    "“panel”.\n")
    carried, again = both_ways(law, bill)
    # carried: read, found stale at the end, then read before each instruction; again: twice
    assert len(calls) == 2 + 2 + 2
    assert carried == again
    assert carried.amended is not None
    assert [c.id for c in split(carried.amended).clauses[0].walk()] == [
        "s5", "s5/def-office", "s5/def-board"]


@pytest.mark.corpus
def test_hr2157_section_701_applies_alike_carried_or_read_again(corpus: Path) -> None:
    bill = load_path(corpus / "us-federal-hr2157-116-introduced.txt")
    found = [(c, i) for c, i in in_outline(split(bill)) if c.id.startswith("t-vii/s701/a")]
    carried = apply_instructions(ssa(), found)
    assert carried == apply_instructions(ssa(), found, carry=False)
    assert [a.outcome.value for a in carried.applications] == ["applied"] * 9


@settings(max_examples=200, deadline=None)
@given(st.lists(st.one_of(_STRIKE, _OTHER), min_size=1, max_size=4).map(", and ".join))
def test_carrying_the_tree_changes_nothing(words: str) -> None:
    """Whatever the instructions, carrying the clause tree through changes of words gives
    what splitting the text after every change gives."""
    law = law5("(a) Filing.—\n(1) The agency shall file x;\n(2) it may "
               "file y; and\n(3) it shall keep z.\n(b) Other.\n")
    bill = bill_doc("SECTION 1. AMENDMENT.\nSection 5 of the Act is amended " + words + ".\n")
    carried, again = both_ways(law, bill)
    assert carried == again
