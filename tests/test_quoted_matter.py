"""Matter quoted into another law: cited as a whole by the law it goes into (``S. 4457 § 1
(adding N.Y. Gen. Bus. Law)``), not by the quoting clause's citation alone, with the law's name
read whole; and judged by the provisions it holds, not once more as a whole (it has no words of
its own). Snippets written for the test, and H.R. 2157 from the corpus."""

from __future__ import annotations

from pathlib import Path

import pytest

from legcompare import compare
from legcompare.citation import quoted_matter, render
from legcompare.current_law import _CITED
from legcompare.ingest import load_path
from legcompare.ingest.text import parse_text
from legcompare.model import (
    CitationForm,
    Clause,
    Document,
    Kind,
    Outline,
    Provenance,
    Status,
    Verdict,
)
from legcompare.quoted_matter import QUOTING_LAW, QuotedTarget, law_name, quoted_target
from legcompare.split import split
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


def by_id(outline: Outline) -> dict[str, Clause]:
    return {c.id: c for c in outline.walk()}


def _cited(text: str, jurisdiction: str) -> list[tuple[str, str]]:
    outline: Outline = split(parse_text(text, Provenance(jurisdiction, "Bill", None, None, "t")))
    return [(c.id, c.citation) for c in outline.walk() if c.kind is not Kind.FRONT]


LOST_MARK = ("SEC. 2. AMENDMENT.\nSection 5 of the Act is amended by adding at the end the "
             "following:\n“(c) New duties.—The agency shall—\n(1) publish reports; and\n“(2) keep "
             "records.”.\nSEC. 3. EFFECTIVE DATE.\nThis Act takes effect on January 1, 2020.\n")


LOST_FLUSH = LOST_MARK.replace("“(c) New duties.—The agency shall—\n(1) publish reports; and\n",
                               "“(c) New duties.—If—\n“(1) the agency fails,\nthe Secretary "
                               "shall act.\n")


@pytest.mark.parametrize(("text", "ids"), [
    (LOST_MARK, ["s2", "s2/q", "s2/q/c", "s2/q/c/1", "s2/q/c/2", "s3"]),
    (LOST_MARK.replace("records.”.", "records."),
     ["s2", "s2/q", "s2/q/c", "s2/q/c/1", "s2/q/c/2", "s3"]),
    (LOST_FLUSH, ["s2", "s2/q", "s2/q/c", "s2/q/c/1", "s2/q/c/2", "s3"]),
])
def test_a_quoted_line_that_lost_its_opening_mark_is_still_quoted(text: str,
                                                                 ids: list[str]) -> None:
    """A line of quoted matter without its opening mark, while the line above left the
    quotation open, is quoted still if it opens with an item's label or the line above broke
    off inside a sentence; the bill's next section ends the quotation, with or without its
    closing mark."""
    outline = split(parse_text(text, Provenance("us", "hr9-118", None, "H.R. 9", "file")))
    assert [c.id for c in outline.walk()] == ids
    if text is LOST_FLUSH:
        assert outline.clauses[0].children[0].children[0].children[0].text == (
            "“(1) the agency fails,\nthe Secretary shall act.\n")


@pytest.mark.corpus
def test_hr1_quoted_matter_read_whole_over_a_lost_mark(corpus: Path) -> None:
    """H.R. 1 as reported prints "(A) The contribution is made directly ..." without its
    opening mark in the title Sec. 5111 adds to the FECA: the rest of that title (Secs. 504(a)(2)
    to 547) was read as the bill's own sections 511 ... 547 of part 2."""
    outline = split(load_path(corpus / "us-federal-hr1-116-reported-house.txt"))
    by_id = {c.id: c for c in outline.walk()}
    quoted = by_id["div-b/t-v/st-b/pt-2/s5111/q"]
    assert " ".join(c.id.rsplit("/", 1)[1] for c in quoted.children) == (
        "t-v 501 502 503 504 st-b 511 512 513 st-c 521 522 523 524 st-d 531 532 533 534 st-e "
        "541 542 543 544 545 546 547")
    lost = by_id["div-b/t-v/st-b/pt-2/s5111/q/504/a/2/a"]
    assert lost.text.startswith("(A) The contribution is made directly by an individual")
    assert lost.citation == ("H.R. 1, 116th Cong., div. B, § 5111 (adding Federal Election "
                             "Campaign Act of 1971 § 504(a)(2)(A))")
    assert not any(c.id.startswith("div-b/t-v/st-b/pt-2/s511/") for c in outline.walk())
    # § 1502 quotes "... could be changed," and then, without its mark, the words that close
    # the clauses: "the determination of the appropriate remedy ...", flush text of the
    # clause that leads into them (see test_split_styles); its "(ii)" is quoted too
    flush = by_id["div-a/t-i/st-f/s1502/a/q/2/b/i/continuation"].text
    assert flush.startswith("the determination of the appropriate remedy")
    assert by_id["div-a/t-i/st-f/s1502/a/q/2/b/i/ii"].text.endswith("could be changed,\n")
    assert "div-a/t-i/st-f/s1502/a/q/2/b/ii" in by_id


TABLE_ITEMS = ("SEC. 2. SAME DAY REGISTRATION.\n(a) In General.—Title III of the Act is "
               "amended by adding at the end the following:\n“SEC. 304. SAME DAY REGISTRATION.\n"
               "“(a) In General.—Each State shall permit registration.”.\n(b) Clerical "
               "Amendment.—The table of contents of such Act is amended by inserting after the "
               "item relating to section 303 the following new item:\n“Sec. 304. Same day "
               "registration.”.\nSEC. 3. EFFECTIVE DATE.\nThis Act takes effect on January 1, "
               "2020.\n")


def test_items_quoted_into_a_table_of_contents_are_a_table() -> None:
    """An instruction amending a table of contents quotes its items ("Sec. 304. Same day
    registration."): one table, not a section 304 beside the one the bill adds."""
    outline = split(parse_text(TABLE_ITEMS, Provenance("us", "hr9-118", None, "H.R. 9", "t")))
    assert [(c.id, c.kind) for c in outline.walk()] == [
        ("s2", Kind.SECTION), ("s2/a", Kind.SUBSECTION), ("s2/a/q", Kind.QUOTED),
        ("s2/a/q/304", Kind.SECTION), ("s2/a/q/304/a", Kind.SUBSECTION),
        ("s2/b", Kind.SUBSECTION), ("s2/b/q", Kind.QUOTED), ("s2/b/q/toc", Kind.TOC),
        ("s3", Kind.SECTION)]
    assert by_id(outline)["s2/b/q/toc"].text == "“Sec. 304. Same day registration.”.\n"


BLOCK_INSERTED = ("SEC. 2. AMENDMENT.\nSection 1108(g)(5) of the Social Security Act is "
                  "amended—\n(1) in subparagraph (F)—\n(A) by striking the words that run on "
                  "past the width of any printed page so that this line is a paragraph, not a "
                  "wrapped line, “title XIX, during” and inserting\n“title XIX—\n“(i) during”; "
                  "and\n(B) by striking “and (D)” and inserting “, (D), and (E)”.\n")


def test_a_block_inserted_without_the_following_is_quoted_matter() -> None:
    """H.R. 2157's "(A) by striking “title XIX, during” and inserting" / "“title XIX—" / "“(i)
    during”;": a block of lines inserted with no "the following:". Its (i) was read as a clause
    of the instruction; it is quoted matter's, cited in the law it goes into, and named by its
    numbering (a clause), as the act's XML has it."""
    outline = split(parse_text(BLOCK_INSERTED, Provenance("us", "hr9-118", None, "H.R. 9", "t")))
    assert [(c.id, c.kind) for c in outline.walk()] == [
        ("s2", Kind.SECTION), ("s2/1", Kind.PARAGRAPH), ("s2/1/a", Kind.SUBPARAGRAPH),
        ("s2/1/a/q", Kind.QUOTED), ("s2/1/a/q/i", Kind.CLAUSE), ("s2/1/b", Kind.SUBPARAGRAPH)]
    assert by_id(outline)["s2/1/a/q"].text == "“title XIX—\n"
    assert by_id(outline)["s2/1/a/q/i"].citation == (
        "H.R. 9 § 2(1)(A) (inserting Social Security Act § 1108(g)(5)(F)(i))")
    # in a print wrapped at a width, "and inserting" / "“title XIX—" is one phrase wrapped
    wrapped = BLOCK_INSERTED.replace("any printed page so", "any printed\npage so")
    assert "s2/1/a/q" not in by_id(split(parse_text(wrapped, Provenance("us", "hr9-118", None,
                                                                      "H.R. 9", "t"))))


UNMARKED = """**SEC. 101. ORDERS.**
##### (b) Orders
**(6) Conforming Amendments**
Section 2721 of title 18, United States Code, is amended—
**(A)**
in subsection (a)—
**(i)**
by inserting after paragraph (2) the following:
(3) a department operated facial recognition system. ;
**(B)**
by adding at the end the following:
(f) Law enforcement access A State department may make a system available only by an order. .
##### (c) Emergencies and exceptions
**(1) Initial use**
Notwithstanding subsection (b), an officer may use facial recognition.
"""


def test_matter_a_rendering_printed_without_quotation_marks_is_quoted() -> None:
    """H.R. 4695 as congress.gov renders it drops the quotation marks and prints the bill's own
    labels in bold or as headings: the subsection (f) its § 101(b)(6)(C) adds to 18 U.S.C. 2721
    was § 101(f), and the bill's next subsection, (c), was read under it as § 101(f)(c). The
    lines with plain labels after "the following:" are the matter inserted, up to the next
    label in markup."""
    outline = split(parse_text(UNMARKED, Provenance("us", "hr4695-119", None, "H.R. 4695", "t")))
    assert [(c.id, c.citation) for c in outline.walk() if "/" in c.id] == [
        ("s101/b", "H.R. 4695 § 101(b)"), ("s101/b/6", "H.R. 4695 § 101(b)(6)"),
        ("s101/b/6/a", "H.R. 4695 § 101(b)(6)(A)"), ("s101/b/6/a/i", "H.R. 4695 § 101(b)(6)(A)(i)"),
        ("s101/b/6/a/i/q", "H.R. 4695 § 101(b)(6)(A)(i) (inserting 18 U.S.C.)"),
        ("s101/b/6/a/i/q/3", "H.R. 4695 § 101(b)(6)(A)(i) (inserting 18 U.S.C. § 2721(a)(3))"),
        ("s101/b/6/b", "H.R. 4695 § 101(b)(6)(B)"),
        ("s101/b/6/b/q", "H.R. 4695 § 101(b)(6)(B) (adding 18 U.S.C.)"),
        ("s101/b/6/b/q/f", "H.R. 4695 § 101(b)(6)(B) (adding 18 U.S.C. § 2721(f))"),
        ("s101/c", "H.R. 4695 § 101(c)"), ("s101/c/1", "H.R. 4695 § 101(c)(1)")]
    # where the bill's own labels are plain too, nothing tells the inserted lines apart
    plain = UNMARKED.replace("**", "").replace("##### ", "")
    assert "s101/b/6/b/q" not in by_id(split(parse_text(
        plain, Provenance("us", "hr4695-119", None, "H.R. 4695", "t"))))


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


def test_sections_reenacted_beside_added_ones_are_cited_as_amended() -> None:
    both = VIRGINIA.replace("as follows:\n",
                            "as follows:\n§ 15.2-1. Definitions.\nA. A camera is a device.\n", 1)
    assert _cited(both, "us-va") == [
        ("1", "Bill(1)"),
        ("1/q", "Bill(1) (amending and adding Va. Code Ann.)"),
        ("1/q/15.2-1", "Bill(1) (amending Va. Code Ann. § 15.2-1)"),
        ("1/q/15.2-1/a", "Bill(1) (amending Va. Code Ann. § 15.2-1(A))"),
        ("1/q/15.2-2", "Bill(1) (adding Va. Code Ann. § 15.2-2)"),
        ("1/q/15.2-2/a", "Bill(1) (adding Va. Code Ann. § 15.2-2(A))"),
        ("2", "Bill(2)")]


@pytest.mark.corpus
def test_virginia_hb_1339_amends_the_section_it_reenacts(corpus: Path) -> None:
    outline = split(load_path(corpus / "us-va-hb1339-2022-engrossed.txt"))
    cited = {c.id: c.citation for c in outline.walk()}
    # "That §§15.2-1723.2 and 23.1-815.1 ... are amended and reenacted and that the Code of
    # Virginia is amended by adding a section numbered 52-4.5": the print holds § 15.2-1723.2
    assert [cited[i] for i in ("1/q", "1/q/15.2-1723.2/a/i")] == [
        "H.B. 1339(1) (amending Va. Code Ann.)",
        "H.B. 1339(1) (amending Va. Code Ann. § 15.2-1723.2(A)(i))"]


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
    ("Public Law 115–123", "Pub. L. No. 115-123"),  # (as the catalog and USLM cite one)
])
def test_law_names_from_bill_xml(law: str, name: str) -> None:
    assert law_name(law) == name


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
    # "Section 703(4) ... is amended by inserting": the quoted matter, then its paragraph (10),
    # which makes "amounts available under paragraph (4)" that exceed the need "available to
    # carry out paragraph (3)": an appropriation's terms, no duty of a regulated party
    assert [(pairs[i].status, pairs[i].verdict, [r.rule for r in pairs[i].reasons])
            for i in ("t-vii/s703/4/q", "t-vii/s703/4/q/10")] == [
        (Status.REMOVED, Verdict.NEUTRAL, ["no-own-text"]),
        (Status.REMOVED, Verdict.UNCLEAR, ["scope.appropriation-term-removed"])]
    # (95 unclear: 101 before the formal rules of
    # test_compare.test_hr2157_an_article_dropped_or_a_proviso_counted_is_no_change_of_law; 94
    # before a waiver of a matching requirement was an appropriation's term, 33 weaker then 34;
    # 25 stronger before the events an appropriation pays for were no obligation's cases; 95
    # unclear before § 703's lead-ins and conforming instructions were neutral; 89 before the
    # quoted § 1108(g)(5)(F)(ii)'s new "; and" was formal; 33 weaker and 88 unclear before
    # § 501(b) was an applicability clause; 32 and 89 before "disasters" were events an
    # appropriation pays for; 90 before § 101's designation was paired with § 104's; 31, 24
    # and 89 before an appropriation struck whole and its provisos' terms were unclear; 29
    # and 92 before a proviso read its paragraph's words for a rule's context)
    assert headline(summarize(c)).startswith("28 provisions weaker, 23 stronger, 93 unclear;")


@pytest.mark.corpus
def test_new_york_a519_adds_a_section_to_the_executive_law(corpus: Path) -> None:
    cited = {c.id: c.citation for c in split(load_path(corpus / "us-ny-a519-2023-introduced.txt"))
             .walk()}
    assert [cited[i] for i in ("s1/q", "s1/q/837-y/1/a")] == [
        "A. 519 § 1 (adding N.Y. Exec. Law)", "A. 519 § 1 (adding N.Y. Exec. Law § 837-y(1)(a))"]


@pytest.mark.parametrize(("instruction", "law"), [
    ("That § 1 of the Code of Virginia is amended by adding", "Code of Virginia"),
    (("That §§ 1 and 2 of the Code of Virginia are amended and reenacted and that the Code of "
     "Virginia is amended by adding"), "Code of Virginia"),
    (("Section 3 of the Robert T. Stafford Disaster Relief and Emergency Assistance Act is "
     "amended by adding"), "Robert T. Stafford Disaster Relief and Emergency Assistance Act"),
    ("Section 1. The general business law is amended by adding", "general business law"),
    # a section of the law renumbered, another added
    (("Section 1. Section 837-w of the executive law, as added by chapter 219 of the laws of "
      "2022, is renumbered section 837-x and a new section 837-y is added to read as follows:"),
     "executive law"),
    # a code of regulations is not a state's code: no law read (rather than "Code of Federal")
    ("Section 60.2 of title 40 of the Code of Federal Regulations is amended by adding", None),
])
def test_the_law_an_instruction_amends(instruction: str, law: str | None) -> None:
    found = QUOTING_LAW.search(instruction)
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


# A federal bill, written for the test: the place amended is named on the way down to the
# quoting instruction, in the forms the drafting manuals use.
FEDERAL = """\
Be it enacted by the Senate and House of Representatives of the United States of America in \
Congress assembled,
SECTION 1. AMENDMENT OF 1986 CODE.
Except as otherwise expressly provided, whenever in this Act an amendment or repeal is \
expressed in terms of an amendment to, or repeal of, a section or other provision, the \
reference shall be considered to be made to a section or other provision of the Internal \
Revenue Code of 1986.
SEC. 2. CREDITS.
(a) In General.—Paragraph (2) of section 168(k) is amended by adding at the end the following:
“(H) Production.—A production is placed in service when first shown.”.
(b) Restated.—Subsection (a) of section 9035 is amended to read as follows:
“(a) Limitation.—No candidate shall spend more than $50,000.”.
SEC. 3. VOTING.
(a) Section 261 of the Help America Vote Act of 2002 is amended by striking “2019”.
(b) Section 264(a) of such Act is amended—
(1) in paragraph (2), by striking “and”; and
(2) by adding at the end the following:
“(4) Such sums as are necessary for fiscal year 2027.”.
"""


def test_quoted_provisions_are_cited_where_the_instructions_put_them() -> None:
    cited = dict(_cited(FEDERAL, "us"))
    # the reference rule names the law; the level named before the section is cited after it
    assert cited["s2/a/q/h"] == "Bill § 2(a) (adding 26 U.S.C. § 168(k)(2)(H))"
    # a restatement opens with its target's own designation: § 9035(a), not § 9035(a)(a)
    assert cited["s2/b/q/a"] == "Bill § 2(b) (amending 26 U.S.C. § 9035(a))"
    # "such Act": the law the section amended last; the place from the instructions above
    assert cited["s3/b/2/q"] == "Bill § 3(b)(2) (adding Help America Vote Act of 2002)"
    assert cited["s3/b/2/q/4"] == (
        "Bill § 3(b)(2) (adding Help America Vote Act of 2002 § 264(a)(4))")


@pytest.mark.parametrize(("owns", "found"), [
    (["Section 1108(g)(5) of the Social Security Act (42 U.S.C. 1308(g)(5)) is amended—",
      "in subparagraph (F)—", "by adding at the end the following:"],
     QuotedTarget("adding", "Social Security Act", "1108", ("g", "5", "F"))),
    ([("So much of clause (ii) of section 213(d)(10)(B) as precedes the last sentence is amended "
      "to read as follows:")], QuotedTarget("amending", "", "213", ("d", "10", "B", "ii"))),
    (["Clause (i) of section 168(k)(2)(A), as amended by section 13204, is amended—",
      "by adding at the end the following:"],
     QuotedTarget("adding", "", "168", ("k", "2", "A", "i"))),
    (["Section 168(k)(2)(E) is further amended by amending clause (iii)(I) to read as follows:"],
     QuotedTarget("amending", "", "168", ("k", "2", "E", "iii", "I"))),
    # what amended the law before is not the law
    ([("Subtitle A of title III of the Help America Vote Act of 2002 (52 U.S.C. 21081 et seq.), "
       "as amended by section 1031(a), section 1101(a), and section 1611(a), is amended—"),
      "by inserting after section 306 the following new section:"],
     QuotedTarget("inserting", "Help America Vote Act of 2002", "", ())),
    # a heading is not part of the law's name
    ([("BENEFITS AND ELIGIBILITY REQUIREMENTS FOR CANDIDATES. The Federal Election Campaign Act "
      "of 1971 is amended by adding at the end the following:")],
     QuotedTarget("adding", "Federal Election Campaign Act of 1971", "", ())),
])
def test_the_place_quoted_matter_goes(owns: list[str], found: QuotedTarget) -> None:
    assert quoted_target(owns) == found


def test_such_act_is_the_law_named_last_before_it() -> None:
    text = ("SEC. 6004. REPORTS.\n(a) Section 304 of the Federal Election Campaign Act of 1971 "
            "(52 U.S.C. 30104) is amended by striking “30 days”.\n(b) The Help America Vote Act "
            "of 2002 is mentioned here, but not amended.\nSEC. 6005. HEARINGS.\n")
    for own in ("Section 308 of such Act is amended by adding at the end the following:",
                "Such Act is further amended by adding at the end the following:"):
        found = quoted_target([own], text=text + own, at=len(text))
        assert found.law == "Federal Election Campaign Act of 1971"
    # nothing named before: no law, not the words "such Act"
    assert quoted_target(["Section 308 of such Act is amended by adding:"]).law == ""


def test_a_restated_target_is_not_designated_twice() -> None:
    target = QuotedTarget("amending", "", "172", ("a",))
    assert target.designations("a") == (("section", "172"),)
    assert target.designations("1") == (("section", "172"), ("pin", "a"))
    # a subclause (I) under a clause (i) is not the clause
    assert QuotedTarget("adding", "", "1", ("j", "i")).designations("I") == (
        ("section", "1"), ("pin", "j"), ("pin", "i"))


@pytest.mark.corpus
def test_federal_quoted_matter_is_cited_by_its_place_in_the_law(corpus: Path) -> None:
    def cited(name: str) -> dict[str, str]:
        return {c.id: c.citation for c in split(load_path(corpus / name)).walk()}

    enrolled = cited("us-federal-hr2157-116-enrolled.txt")
    kinds = {c.id: c.kind for c in split(load_path(corpus / "us-federal-hr2157-116-enrolled.txt"))
             .walk()}
    # quoted provisions are named by their numbering, as the XML names them
    assert [kinds[i] for i in ("t-viii/s802/a/4/q/e", "t-viii/s802/a/5/a/q/i")] == [
        Kind.SUBPARAGRAPH, Kind.CLAUSE]
    assert enrolled["t-viii/s802/a/5/a/q/i"] == (
        "H.R. 2157, 116th Cong. § 802(a)(5)(A) (inserting Social Security Act § 1108(g)(5)(F)(i))")
    assert [enrolled[i] for i in ("t-viii/s802/a/4/q/e", "t-viii/s802/a/5/e/q/ii")] == [
        "H.R. 2157, 116th Cong. § 802(a)(4) (inserting Social Security Act § 1108(g)(5)(E))",
        "H.R. 2157, 116th Cong. § 802(a)(5)(E) (adding Social Security Act § 1108(g)(5)(F)(ii))"]
    tcja = cited("raw/BILLS-115hr1eas2.xml")  # its reference rule names the 1986 Code
    assert [tcja[i] for i in ("t-i/st-c/pt-iii/spt-a/s13201/g/1/c/q/iv",
                              "t-i/st-c/pt-iv/s13302/a/1/q/a/1")] == [
        "H.R. 1, 115th Cong. § 13201(g)(1)(C) (adding 26 U.S.C. § 168(k)(2)(A)(i)(IV))",
        "H.R. 1, 115th Cong. § 13302(a)(1) (amending 26 U.S.C. § 172(a)(1))"]
    # H.R. 1 (116th), as printed text and as bill XML: every quoted provision cited alike
    text, xml = (cited("us-federal-hr1-116-reported-house.txt"), cited("raw/H1_RH.XML"))
    quoted = [i for i in xml if "/q" in i and i in text]
    # (817 before lines that lost their opening mark were quoted, 968 before flush text and
    # items after "multiplied by" were read, 974 before the items quoted into a table of
    # contents were read as a table: 12 tables, as the XML has them, not sections 304 ...; 986
    # before "paragraphs (1), (2), and (3)" were read as references: § 5212(c)(2)(B) quotes)
    assert len(quoted) == 992
    assert xml["div-a/t-i/st-a/pt-3/s1031/c/2/q/toc"] == (
        "H.R. 1, 116th Cong., div. A, § 1031(c)(2) (inserting Help America Vote Act of 2002, "
        "table of contents)")
    assert "div-a/t-i/st-a/pt-3/s1031/c/2/q/304" not in text
    assert [i for i in quoted if text[i] != xml[i]] == []
    assert xml["div-b/t-v/st-b/pt-2/s5111/q/t-v/st-a/501"] == (
        "H.R. 1, 116th Cong., div. B, § 5111 (adding Federal Election Campaign Act of 1971 § 501)")
    # "such Act": the law the instruction before names, not one the matter it quotes names
    assert [xml[i] for i in ("div-a/t-i/st-a/pt-1/s1001/b/2/b/q/5",
                             "div-a/t-i/st-a/pt-1/s1003/a/2/q/c")] == [
        ("H.R. 1, 116th Cong., div. A, § 1001(b)(2)(B) (inserting Help America Vote Act of 2002 "
        "§ 303(b)(5))"),
        ("H.R. 1, 116th Cong., div. A, § 1003(a)(2) (adding National Voter Registration Act of "
        "1993 § 9(c))")]


@pytest.mark.parametrize(("cited", "bill", "code"), [
    ("S. 4457 § 1 (adding N.Y. Gen. Bus. Law § 676-b(1))", "S. 4457 § 1",
     "N.Y. Gen. Bus. Law § 676-b(1)"),
    ("H.B. 1339(1) (amending and adding Va. Code Ann.)", "H.B. 1339(1)", "Va. Code Ann."),
])
def test_the_current_law_report_splits_a_quoted_citation(cited: str, bill: str, code: str) -> None:
    found = _CITED.match(cited)
    assert found is not None and (found.group("bill"), found.group("code")) == (bill, code)
