"""Splitting real texts of every drafting style, with expectations written by hand from the
printed texts in the corpus (ids, labels, kinds, citations, where each provision begins)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from legcompare.citation import Repeats, headings_over
from legcompare.ingest import load_path
from legcompare.ingest.text import parse_text
from legcompare.model import Clause, Kind, Outline, Provenance
from legcompare.split import split

pytestmark = pytest.mark.corpus


def outline_of(corpus: Path, name: str) -> Outline:
    return split(load_path(corpus / name))


def by_id(outline: Outline) -> dict[str, Clause]:
    return {c.id: c for c in outline.walk()}


def opening(c: Clause, n: int = 5) -> str:
    return " ".join(c.text.split()[:n])


def check(c: Clause, label: str, kind: Kind, citation: str, starts: str) -> None:
    assert (c.label, c.kind, c.citation) == (label, kind, citation), c.id
    assert opening(c, len(starts.split())) == starts, c.id


# --- California code: Cal. Penal Code § 832.19 -------------------------------------------------

def test_california_code_section(corpus: Path) -> None:
    o = outline_of(corpus, "us-ca-pen-832.19-2019-chaptered.txt")
    c = by_id(o)
    assert [x.id for x in o.clauses] == ["832.19"]
    check(c["832.19/a"], "(a)", Kind.SUBDIVISION, "Cal. Penal Code § 832.19(a)",
          "(a) For the purposes of this section,")
    check(c["832.19/a/3/a"], "(A)", Kind.SUBPARAGRAPH, "Cal. Penal Code § 832.19(a)(3)(A)",
          "(A) An automated or semiautomated process")
    assert c["832.19/a/1"].kind is Kind.DEFINITION and c["832.19/a/1"].term == "Biometric data"
    assert c["832.19/a/7"].term == "Officer camera"
    assert o.document.partial


def test_california_bill_digest_and_section(corpus: Path) -> None:
    c = by_id(outline_of(corpus, "us-ca-sb1038-2022-introduced.txt"))
    assert c["digest"].kind is Kind.HEADING
    assert opening(c["digest/p3"]) == "This bill would extend these"
    check(c["s1"], "SECTION 1.", Kind.SECTION, "S.B. 1038 § 1", "SECTION 1. The Legislature finds")
    check(c["s1/b"], "(b)", Kind.SUBDIVISION, "S.B. 1038 § 1(b)",
          "(b) Existing law, Section 832.19")


# --- New York prints ---------------------------------------------------------------------------

def test_new_york_print_quoted_article(corpus: Path) -> None:
    c = by_id(outline_of(corpus, "us-ny-s4457-2023-original.txt"))
    assert c["s1/q"].kind is Kind.QUOTED
    # The quoted matter as a whole: not cited as "S. 4457 § 1", the section that quotes it.
    assert (c["s1/q"].citation, c["s1/q"].text) == ("S. 4457 § 1 (adding N.Y. Gen. Bus. Law)", "")
    check(c["s1/q/676-b/1"], "1.", Kind.SUBDIVISION,
          "S. 4457 § 1 (adding N.Y. Gen. Bus. Law § 676-b(1))", "1. A PRIVATE ENTITY IN")
    check(c["s1/q/676-b/2/a"], "(A)", Kind.PARAGRAPH,
          "S. 4457 § 1 (adding N.Y. Gen. Bus. Law § 676-b(2)(a))", "(A) INFORMS THE SUBJECT")
    # "§  676-C." (two spaces) is a section; "ARTICLE SHALL HAVE" on a wrapped line is not.
    check(c["s1/q/676-c"], "§  676-C.", Kind.SECTION,
          "S. 4457 § 1 (adding N.Y. Gen. Bus. Law § 676-c)", "§ 676-C. RIGHT OF ACTION.")
    assert c["s1/q/art-32-a"].heading == "BIOMETRIC PRIVACY ACT"
    assert c["s1/q/art-32-a/toc"].kind is Kind.TOC
    assert not any(x.id.endswith("art-shall") for x in c.values())
    check(c["s2"], "§ 2.", Kind.SECTION, "S. 4457 § 2", "§ 2. This act shall")


def test_a_first_subdivision_after_a_heading_in_sentence_case(corpus: Path) -> None:
    """A. 1891 § 4 "Biometric surveillance regulation task force.  1.  (a)  There is ...":
    subdivision 1 was not read, its paragraphs were § 4's own, and subdivisions 2 and 3 ended
    up nested under clause (v) of paragraph (d) ("§ 4(d)(v)(g)(2)(e)(viii)"); a code printed
    by its publisher ("§ 50-h. Biometric data of tenants. 1. No landlord ...") lost its
    subdivision 1 alike, and the section's heading ran on into it ("... of tenants. 1")."""
    for name in ("us-ny-a1891-2023-introduced.txt", "us-ny-s1609-2023-introduced.txt"):
        c = by_id(outline_of(corpus, name))
        assert c["s4"].heading == "Biometric surveillance regulation task force"
        assert [k for k in c if k.startswith("s4/") and k.count("/") == 1] == [
            "s4/1", "s4/2", "s4/3"], name
        assert [k.removeprefix("s4/1/") for k in c if k.startswith("s4/1/") and
                k.count("/") == 2] == ["a", "b", "c", "d", "e", "f", "g"], name
        assert c["s4/2/e/viii"].citation.endswith("§ 4(2)(e)(viii)")
    code = split(parse_text("§ 50-h. Biometric data of tenants. 1. No landlord shall collect "
                            "biometric data.\n2. A tenant may sue.\n§ 50-i. Notice. 1. A landlord "
                            "shall give notice.\n", Provenance("us-ny", "civ", None, None, "t")))
    assert [(c.id, c.heading) for c in code.walk()] == [
        ("50-h", "Biometric data of tenants"), ("50-h/1", None), ("50-h/2", None),
        ("50-i", "Notice"), ("50-i/1", None)]
    # a section's first sentence is no heading: a number after it is not its subdivision
    bill = split(parse_text("§ 5. This act shall take effect immediately. 1. Then more.\n",
                            Provenance("us-ny", "b", None, None, "t")))
    assert [(c.id, c.heading) for c in bill.walk()] == [("s5", None)]


def test_a_section_s_first_sentence_is_no_heading(corpus: Path) -> None:
    """"Sec. 503. Section 20601 of Public Law 115–123 (132 Stat. 85) is amended by striking
    “may” and inserting “shall”." had that sentence for its heading (and so it was no part of
    what the section says, for the diff), as had "§ 2. This act shall take effect immediately."
    (A. 519) and eleven more sections of the corpus."""
    c = by_id(outline_of(corpus, "us-federal-hr2157-116-introduced.txt"))
    assert (c["t-v/s503"].heading, c["t-v/s502"].heading) == (None, None)
    assert by_id(outline_of(corpus, "us-ny-a519-2023-introduced.txt"))["s2"].heading is None
    # (a heading in sentence case is still one: "§ 4. Biometric surveillance regulation task
    # force." in the test above)


def test_new_york_run_together_labels_and_roman_numerals(corpus: Path) -> None:
    a = by_id(outline_of(corpus, "us-ny-s4457a-2024-amended.txt"))
    # "§ 676-C. ... 1.(A) THE ATTORNEY": the labels run together without a space.
    check(a["s1/q/676-c/1/a"], "(A)", Kind.PARAGRAPH,
          "S. 4457-A § 1 (adding N.Y. Gen. Bus. Law § 676-c(1)(a))", "(A) THE ATTORNEY GENERAL")
    b = by_id(outline_of(corpus, "us-ny-a3712-2023-introduced.txt"))
    # "(B) (I) ..." then "(1)", "(2)", then "(II)": (I) after (B) is a numeral, not the letter i.
    check(b["s1/q/837-x/1/b/i"], "(I)", Kind.DEFINITION,
          "A. 3712 § 1 (adding N.Y. Exec. Law § 837-x(1)(b)(i))", '(I) "FACIAL RECOGNITION OR')
    check(b["s1/q/837-x/1/b/i/2"], "(2)", Kind.CLAUSE,
          "A. 3712 § 1 (adding N.Y. Exec. Law § 837-x(1)(b)(i)(2))", "(2) AN AUTOMATED OR")
    assert b["s1/q/837-x/1/b/ii"].label == "(II)"
    # After a page break the wrapped line "DIVISION OF STATE POLICE ..." is not a division.
    assert "s2/q/236/1/b/ii" in b and not any("div-" in k for k in b)
    check(b["s3"], "§ 3.", Kind.SECTION, "A. 3712 § 3", "§ 3. This act shall")


# --- Federal bills -----------------------------------------------------------------------------

def test_federal_appropriations_text(corpus: Path) -> None:
    c = by_id(outline_of(corpus, "us-federal-hr2157-116-enrolled.txt"))
    check(c["t-i/s103/a/1"], "(1)", Kind.PARAGRAPH, "H.R. 2157, 116th Cong. § 103(a)(1)",
          "(1) Except as provided in")
    assert c["t-i/h-farm-service-agency"].kind is Kind.HEADING
    # Unnumbered appropriations paragraphs are blocks; their provisos are children.
    # An appropriation is cited by the headings it is printed under: the agency's, and the
    # account's run into its text in lower case (its heading, as the act's XML has it).
    check(c["t-i/p2"], "", Kind.BLOCK, "H.R. 2157, 116th Cong., tit. I, Farm Service Agency, "
          "emergency forest restoration program, ¶ 2", "emergency forest restoration program For")
    assert c["t-i/p2"].heading == "emergency forest restoration program"
    check(c["t-i/p2/proviso-1"], "", Kind.PROVISO,
          "H.R. 2157, 116th Cong., tit. I, Farm Service Agency, emergency forest restoration "
          "program, ¶ 2, 1st proviso", "Provided, That such amount")
    # one account after another under the same agency
    assert c["t-i/p3"].citation == ("H.R. 2157, 116th Cong., tit. I, Farm Service Agency, "
                                    "emergency conservation program, ¶ 3")
    # a heading with capitals run into the text: under the headings right above it
    assert (c["t-i/p1"].heading, c["t-i/p1"].citation) == (
        "Office of the Secretary", ("H.R. 2157, 116th Cong., tit. I, Processing, Research and "
                                    "Marketing, Office of the Secretary, ¶ 1"))
    # the act's XML cites them alike (title VII's paragraphs are numbered one apart from p10
    # on: the text print makes two paragraphs of "State and Tribal Assistance Grants")
    xml = by_id(outline_of(corpus, "raw/h2157_enr.XML"))
    blocks = [k for k, v in c.items() if v.kind is Kind.BLOCK and not k.startswith("t-vii/")]
    assert len(blocks) == 40
    assert [c[k].citation for k in blocks] == [xml[k].citation for k in blocks]
    # "Sec. 101." after the heading "GENERAL PROVISIONS—THIS TITLE" is a section.
    check(c["t-i/s101"], "Sec. 101.", Kind.SECTION, "H.R. 2157, 116th Cong. § 101",
          "Sec. 101. In addition to")


def test_federal_gpo_print_with_line_numbers(corpus: Path) -> None:
    o = outline_of(corpus, "us-federal-hr7356-116-introduced.txt")
    c = by_id(o)
    check(c["s2/1"], "(1)", Kind.DEFINITION, "H.R. 7356, 116th Cong. § 2(1)",
          "(1) BIOMETRIC SURVEILLANCE SYSTEM.The term")
    assert c["s2/1"].term == "biometric surveillance system"
    assert c["s2"].locator == "p. 2, ll. 1–2"
    assert "VerDate" not in o.document.text
    # the cover, printed above line 1, stands on no numbered line (it was "p. 1, l. 1")
    assert (c["front"].locator, c["s1"].locator) == (None, "p. 1, ll. 3–5")


def test_what_stands_before_every_margin_number_has_no_locator(corpus: Path) -> None:
    """S.F. File No. 190110 as amended in committee prints page 1's margin numbers after its
    foot ("BOARD OF SUPERVISORS Page 1 1 2 3 ... 10"): the front matter before them was
    located "p. 2, l. 1", where the first number is read to stand."""
    c = by_id(outline_of(corpus, "us-ca-sf-ord-190110-2019-amended-in-committee.txt"))
    assert [(k, c[k].locator) for k in ("front", "enacting")] == [
        ("front", None), ("enacting", None)]


def test_federal_markdown_rendering(corpus: Path) -> None:
    c = by_id(outline_of(corpus, "us-federal-hr4695-119-introduced.txt"))
    check(c["s101/a"], "(a)", Kind.SUBSECTION, "H.R. 4695, 119th Cong. § 101(a)",
          "##### (a) Reference photo")
    assert c["s101/a"].heading == "Reference photo databases"
    assert c["s3/1"].kind is Kind.DEFINITION and c["s3/1"].term == "arrest photo database"
    check(c["s202"], "202.", Kind.SECTION, "H.R. 4695, 119th Cong. § 202",
          "#### 202. Rule of construction")


def test_federal_table_of_contents_is_one_clause(corpus: Path) -> None:
    c = by_id(outline_of(corpus, "us-federal-hr1-116-reported-house.txt"))
    assert c["s2/b/toc"].kind is Kind.TOC
    assert "div-a/t-i/s1000" in c and "div-c/t-ix" in c
    assert not any(k.startswith("s1000") for k in c)


# --- Illinois, Virginia, Washington, municipal, Massachusetts ---------------------------------

def test_illinois_compiled_statutes(corpus: Path) -> None:
    c = by_id(outline_of(corpus, "us-il-bipa-740ilcs14-current.txt"))
    check(c["15/b/3"], "(3)", Kind.PARAGRAPH, "740 ILCS 14/15(b)(3)",
          "(3) receives a written release")
    # "(a)Any person" is a label without a space; "(b)of Section 15" is a cross-reference.
    check(c["20/a"], "(a)", Kind.SUBDIVISION, "740 ILCS 14/20(a)", "(a)Any person aggrieved by")
    assert sorted(k for k in c if k.startswith("20/")) == [
        "20/a", "20/a/1", "20/a/2", "20/a/3", "20/a/4", "20/b", "20/c"]
    check(c["20/a/1"], "(1)", Kind.PARAGRAPH, "740 ILCS 14/20(a)(1)", "(1)against a private entity")
    assert c["10/def-biometric-identifier"].kind is Kind.DEFINITION
    assert c["5/history"].kind is Kind.HISTORY


def test_virginia_code_and_bill(corpus: Path) -> None:
    c = by_id(outline_of(corpus, "us-va-code-23.1-815.1.txt"))
    check(c["23.1-815.1/b"], "B.", Kind.SUBDIVISION, "Va. Code Ann. § 23.1-815.1(B)",
          "B. No campus police department")
    assert c["23.1-815.1/history"].kind is Kind.HISTORY
    b = by_id(outline_of(corpus, "us-va-hb1339-2022-engrossed.txt"))
    # "§§15.2-1723.2 and 23.1-815.1 of the Code of Virginia are amended and reenacted and that
    # the Code of Virginia is amended by adding": the law is the Code of Virginia, and
    # § 15.2-1723.2 is amended, not added.
    assert b["1/q"].quoted_in == "Va. Code Ann."
    assert b["1/q/15.2-1723.2/a"].citation == \
        "H.B. 1339(1) (amending Va. Code Ann. § 15.2-1723.2(A))"
    # An enumeration run inside a sentence: "to (i) help ...; (ii) help ...".
    assert [k.rsplit("/", 1)[1] for k in b if k.startswith("1/q/15.2-1723.2/a/")] == [
        "i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x", "xi", "xii", "xiii", "xiv"]


def test_washington_rcw_markdown(corpus: Path) -> None:
    c = by_id(outline_of(corpus, "us-wa-rcw-43.386-current.txt"))
    check(c["43.386.010/3/b"], "b.", Kind.DEFINITION, "Wash. Rev. Code § 43.386.010(3)(b)",
          'b. "Facial recognition service" does not')
    check(c["43.386.010/3/b/ii"], "(ii)", Kind.SUBPARAGRAPH,
          "Wash. Rev. Code § 43.386.010(3)(b)(ii)", "(ii) the use of an")
    check(c["43.386.080/5"], "5.", Kind.SUBDIVISION, "Wash. Rev. Code § 43.386.080(5)",
          "5. A state or local")
    assert c["43.386.010/history"].text.strip() == "[2020 c 257 § 2;]"


def test_municipal_codes(corpus: Path) -> None:
    c = by_id(outline_of(corpus, "us-ca-oakland-omc-9.64.txt"))
    check(c["9.64.050/1/b"], "B.", Kind.PARAGRAPH, "Oakland Mun. Code § 9.64.050(1)(B)",
          "B. Any person who has")
    s = by_id(outline_of(corpus, "us-ma-springfield-code-facial-surveillance.txt"))
    assert s["p1/def-facial-surveillance"].term == "FACIAL SURVEILLANCE"
    assert s["a~2"].text.split()[:2] == ["A.", "Suppression:"]


def test_massachusetts_bill(corpus: Path) -> None:
    c = by_id(outline_of(corpus, "us-ma-s1429-2019-introduced.txt"))
    check(c["s1/q/8n"], "Section 8N.", Kind.SECTION,
          "S. 1429 § 1 (adding Mass. Gen. Laws ch. 90, § 8N)",
          "Section 8N. The registrar of")


LONG_HEADINGS = """\
Be it enacted by the Senate and House of Representatives of the United States of America in \
Congress assembled,
Subtitle A—Keeping the Records of Every Public Meeting Held by Any Board, Commission or Council of \
Any City
SEC. 101. SHORT TITLE. This subtitle may be cited as the "Open Records Act".
SEC. 102. GRANTS.
(a) In General.—The Library Act is amended by adding at the end the following new part:
“PART 8— GRANTS FOR KEEPING THE RECORDS OF EVERY PUBLIC MEETING HELD BY ANY BOARD OR COUNCIL OF \
ANY CITY
“SEC. 298. GRANTS FOR KEEPING RECORDS.
“(a) Availability.—The Librarian shall make a grant to each State.
“(b) Amount.—The amount shall be $1,000.
"""


def test_an_appropriation_s_items_and_a_title_s_sections_end_at_the_next_heading(
        corpus: Path) -> None:
    """H.R. 264's title I: the Departmental Offices paragraph lists (1) to (3)(F), then
    "office of terrorism and financial intelligence" / "salaries and expenses" head the next
    appropriation. That heading was read as more words of (3)(F), and every appropriation after
    it, to the IRS's, as items and provisos of the first paragraph (``t-i/p1/1~2``)."""
    outline = outline_of(corpus, "us-federal-hr264-116-engrossed-house.txt")
    (title,) = [c for c in outline.clauses if c.id == "t-i"]
    assert [c.id for c in title.children][:16] == [  # (p3: see the test below)
        "t-i/h-departmental-offices", "t-i/p1",
        "t-i/h-office-of-terrorism-and-financial-intelligence", "t-i/h-salaries-and-expenses",
        "t-i/p2", "t-i/p3", "t-i/h-department-wide-systems-and-capital-investments", "t-i/p4",
        "t-i/h-office-of-inspector-general", "t-i/p5",
        "t-i/h-treasury-inspector-general-for-tax-administration", "t-i/p6",
        "t-i/h-special-inspector-general-for-the-troubled", "t-i/p7",
        "t-i/h-financial-crimes-enforcement-network", "t-i/p8"]
    c = by_id(outline)
    assert c["t-i/p1/3/f"].text == "(F) international operations.\n"
    check(c["t-i/p2/proviso-1/2"], "(2)", Kind.PARAGRAPH,
          "H.R. 264, 116th Cong., tit. I, Departmental Offices, office of terrorism and "
          "financial intelligence, salaries and expenses, ¶ 2, 1st proviso (2)",
          "(2) up to $10,000,000 shall")
    # § 608: "... a reprogramming of funds that: (1) creates a new program; ... (7) ...: Provided,
    # That ...: Provided further, That at a minimum the report shall include: (1) a table ...":
    # the provisos are the section's, as the act's XML has them (they were (7)'s), and the
    # second run is the third proviso's (it was § 608's own (1)~2 ...)
    assert [k for k in c if k.startswith("t-vi/s608/")] == [
        *(f"t-vi/s608/{n}" for n in range(1, 8)), "t-vi/s608/proviso-1", "t-vi/s608/proviso-2",
        "t-vi/s608/proviso-3", "t-vi/s608/proviso-3/1", "t-vi/s608/proviso-3/2",
        "t-vi/s608/proviso-3/3", "t-vi/s608/proviso-4"]
    check(c["t-vi/s608/proviso-3/1"], "(1)", Kind.PARAGRAPH,
          "H.R. 264, 116th Cong. § 608, 3rd proviso (1)", "(1) a table for each")
    check(c["t-i/p13/5/proviso-4"], "", Kind.PROVISO,
          "H.R. 264, 116th Cong., tit. I, Community Development Financial Institutions Fund "
          "Program Account, ¶ 13(5), 4th proviso", "Provided further, That for")
    # an account heading above an earlier paragraph is that paragraph's; an agency's heading
    # stays over the paragraphs after it
    assert [c[k].citation.removeprefix("H.R. 264, 116th Cong., tit. I, ")
            for k in ("t-i/p3", "t-i/p9", "t-i/p10")] == [
        "Departmental Offices, cybersecurity enhancement account, ¶ 3",
        "Bureau of the Fiscal Service, salaries and expenses, ¶ 9",
        "Bureau of the Fiscal Service, ¶ 10"]
    # after a paragraph whose own heading has capitals ("Commodity Futures Trading Commission
    # For ..."), the agency before it is not taken for the paragraphs after it
    assert [c[k].citation.removeprefix("H.R. 264, 116th Cong., tit. V, ")
            for k in ("t-v/p1", "t-v/p2", "t-v/p18", "t-v/p19")] == [
        "Administrative Conference of the United States, salaries and expenses, ¶ 1",
        "Commodity Futures Trading Commission, ¶ 2",
        "Asset Proceeds and Space Management Fund, ¶ 18",
        "environmental review improvement fund, ¶ 19"]
    assert c["t-i/h-business-systems-modernization"].kind is Kind.HEADING
    assert c["t-i/h-administrative-provisions-internal-revenue-service"].heading == (
        "administrative provisions—internal revenue service")
    assert not any("~" in k for k in c if k.startswith("t-i/p"))
    # Title V prints general provisions (Secs. 520 to 526) among the agencies' appropriations:
    # the Truman Foundation's heading closes Sec. 526 (it was read as Sec. 526's, and every
    # appropriation after it to Sec. 530 as its items and provisos)
    (five,) = [c for c in outline.clauses if c.id == "t-v"]
    after = [c.id for c in five.children]
    at = after.index("t-v/s526")
    assert after[at:at + 4] == ["t-v/s526", "t-v/h-harry-s-truman-scholarship-foundation",
                                "t-v/p20", "t-v/h-merit-systems-protection-board"]
    assert c["t-v/s526"].children == ()
    # The act's XML nests the appropriations after Secs. 510 and 526 in those sections (they
    # were cited "§ 510, ¶ 2", "§ 526, heading “salaries and expenses”"): they are the title's,
    # as the text print has them
    for name in ("raw/h264_eh.XML", "raw/H264_PCS.XML"):
        xml = by_id(outline_of(corpus, name))
        assert (xml["t-v/s510"].children, xml["t-v/s526"].children) == ((), ()), name
        (title,) = [x for x in outline_of(corpus, name).clauses if x.id == "t-v"]
        ids = [x.id for x in title.children]
        at = ids.index("t-v/s510")
        assert ids[at:at + 3] == ["t-v/s510", "t-v/h-federal-deposit-insurance-corporation",
                                  "t-v/h-office-of-the-inspector-general"], name
        assert xml["t-v/p7"].citation == ("H.R. 264, 116th Cong., tit. V, Federal Election "
                                          "Commission, salaries and expenses, ¶ 7")


APPROPRIATION = """\
TITLE I—AGRICULTURE
operations
For necessary expenses of the Office of the Secretary, including the hire of passenger motor \
vehicles and the maintenance of the Department's buildings, $5,000, of which:
(1) not to exceed $700 is for official reception; and
(2) not to exceed $258 is for emergencies.
repairs
For repairs, $9,000.
TITLE II—GENERAL PROVISIONS
SEC. 201. The agency shall file reports:
(1) The agency shall report yearly.
(2) Nothing here is an appropriation.
Scholarship Foundation
For payment to the Scholarship Foundation, $1,000.
"""


def bill(text: str) -> Outline:
    """A federal bill of ``text``, split."""
    return split(parse_text(text, Provenance("us", "Bill", None, None, "t")))


def test_a_number_printed_twice_stands_beside_the_first(corpus: Path) -> None:
    """H.R. 1 as reported numbers two paragraphs of § 5101(f) "(3)": the second, "(3) Cap on
    amount of payment", was read as a paragraph under clause (3)(B)(iii), a level of arabic
    numbers below a roman one that federal drafting never opens; GPO's XML has it beside the
    first (3), as "3~2" here. A number that starts a level (1) is read as before."""
    text = ("SEC. 5. FUNDS.\n(f) Costs.—\n(1) Reimbursement.—The Commission shall pay.\n(3) "
            "Reductions.—\n(A) Audits.—The Commission shall audit.\n(B) Reductions.—\n(i) "
            "Automatic.—Payments are reduced.\n(ii) No other sources.—None.\n(3) Cap.—The "
            "payments may not exceed the cap.\n")
    assert [c.id for c in bill(text).walk()] == [
        "s5", "s5/f", "s5/f/1", "s5/f/3", "s5/f/3/a", "s5/f/3/b", "s5/f/3/b/i", "s5/f/3/b/ii",
        "s5/f/3~2"]
    # cited apart too: the second "(3)" by where it stands (it was cited as the first)
    assert [c.citation for c in bill(text).walk()][3::5] == ["Bill § 5(f)(3)",
                                                            "Bill § 5(f)(3) (2nd)"]
    hr1 = by_id(outline_of(corpus, "us-federal-hr1-116-reported-house.txt"))
    cap = hr1["div-b/t-v/st-b/pt-1/s5101/f/3~2"]
    assert (cap.label, cap.kind, opening(cap, 6), cap.citation) == (
        "(3)", Kind.PARAGRAPH, "(3) Cap on amount of payment.—The",
        "H.R. 1, 116th Cong., div. B, § 5101(f)(3) (2nd)")
    assert hr1["div-b/t-v/st-b/pt-1/s5101/f/3"].citation == (
        "H.R. 1, 116th Cong., div. B, § 5101(f)(3)")


def test_every_citation_of_a_corpus_text_is_its_own(corpus: Path) -> None:
    """No two provisions of a text share a citation: Springfield's code prints its runs "A.",
    "B." twice (its section numbers were not retrieved), cited "(A)" and "(A) (2nd)"; the
    two history notes of S.F. Admin. Code § 19B.3 likewise."""
    springfield = by_id(outline_of(corpus, "us-ma-springfield-code-facial-surveillance.txt"))
    assert [(k, springfield[k].citation) for k in ("a", "a~2", "b~2")] == [
        ("a", "Springfield Code, (A)"), ("a~2", "Springfield Code, (A) (2nd)"),
        ("b~2", "Springfield Code, (B) (2nd)")]
    for path in sorted(corpus.glob("*.txt")) + sorted((corpus / "raw").glob("*.[xX][mM][lL]")):
        cited = [c.citation for c in split(load_path(path)).walk()]
        assert len(set(cited)) == len(cited), path.name


def test_a_repeated_citation_is_numbered_in_document_order(corpus: Path) -> None:
    """Both readers give a repeated citation its ordinal as they cite (no second pass over
    the tree), in document order, a clause before its children: taking the ordinals off and
    numbering the citations again in that order gives them back, on texts with repeats."""
    for path in (corpus / "us-ma-springfield-code-facial-surveillance.txt",
                 corpus / "us-federal-hr1-116-reported-house.txt",
                 corpus / "us-ca-sf-admin-19b.txt", corpus / "raw" / "BILLS-115hr1eas2.xml"):
        numbered = [c.citation for c in split(load_path(path)).walk()]
        assert any(cited.endswith(" (2nd)") for cited in numbered), path.name
        repeats = Repeats()
        assert [repeats(re.sub(r" \(\d+(st|nd|rd|th)\)$", "", cited))
                for cited in numbered] == numbered, path.name
    repeats = Repeats()
    assert [repeats(c) for c in ("§ 1(a)", "§ 1(b)", "§ 1(a)", "§ 1(a)", "§ 1(b)")] == [
        "§ 1(a)", "§ 1(b)", "§ 1(a) (2nd)", "§ 1(a) (3rd)", "§ 1(b) (2nd)"]


def test_a_heading_line_closes_an_appropriation_s_items_or_a_title_s_section() -> None:
    assert [(c.id, c.kind, opening(c, 3)) for c in bill(APPROPRIATION).walk()] == [
        ("t-i", Kind.TITLE, "TITLE I—AGRICULTURE"),
        ("t-i/h-operations", Kind.HEADING, "operations"),
        ("t-i/p1", Kind.BLOCK, "For necessary expenses"),
        ("t-i/p1/1", Kind.PARAGRAPH, "(1) not to"),
        ("t-i/p1/2", Kind.PARAGRAPH, "(2) not to"),
        ("t-i/h-repairs", Kind.HEADING, "repairs"),
        ("t-i/p2", Kind.BLOCK, "For repairs, $9,000."),
        ("t-ii", Kind.TITLE, "TITLE II—GENERAL PROVISIONS"),
        ("t-ii/s201", Kind.SECTION, "SEC. 201. The"),
        ("t-ii/s201/1", Kind.PARAGRAPH, "(1) The agency"),
        ("t-ii/s201/2", Kind.PARAGRAPH, "(2) Nothing here"),
        ("t-ii/h-scholarship-foundation", Kind.HEADING, "Scholarship Foundation"),
        ("t-ii/p1", Kind.BLOCK, "For payment to"),
    ]
    # In a print wrapped at a width (no line longer than 150 characters) a short line after a
    # sentence end is as likely the start of a wrapped sentence, and outside a title a section
    # is a code's: in both the section goes on.
    wrapped = APPROPRIATION.replace("motor vehicles", "motor\nvehicles")
    untitled = APPROPRIATION[APPROPRIATION.index("operations"):].replace(
        "TITLE II—GENERAL PROVISIONS\n", "")
    for text, last in ((wrapped, "t-ii/s201/2"), (untitled, "s201/2")):
        assert by_id(bill(text))[last].text == ("(2) Nothing here is an appropriation.\n"
                                                "Scholarship Foundation\nFor payment to the "
                                                "Scholarship Foundation, $1,000.\n")
    items = by_id(bill(wrapped))
    assert items["t-i/p1/2"].text == ("(2) not to exceed $258 is for emergencies.\nrepairs\nFor "
                                      "repairs, $9,000.\n")  # (and so do an item's words)


RUN_IN = """\
TITLE I—TREASURY
salaries and expenses
For the necessary expenses of the Office of Terrorism and Financial Intelligence, $159,000,000: \
Provided, That of the amount appropriated under this heading: (1) up to $33,500,000 may be \
transferred; and (2) up to $10,000,000 shall remain available until September 30, 2020: Provided \
further, That not less than $1,000,000 shall be used for investigations: Provided further, That a \
report shall be submitted.
cybersecurity enhancement account For salaries and expenses for enhanced cybersecurity, \
$25,208,000: Provided, That such funds shall supplement and not supplant.
(including transfer of funds) For development of data processing equipment, $4,000,000.
"""


ACCOUNTS = """\
TITLE II—EXECUTIVE OFFICE OF THE PRESIDENT
The White House
salaries and expenses
For necessary expenses for the White House, including the hire of passenger motor vehicles, \
travel, and official entertainment expenses of the President, as authorized by law, $55,000,000.
Executive Residence at the White House
operating expenses For the care of the Executive Residence, $13,000,000.
reimbursable expenses For the reimbursable expenses of the Executive Residence, $2,500,000.
In addition, $100,000 for official reception expenses.
White House Repair and Restoration For the repair of the Executive Residence, $750,000.
For repairs of the grounds, $50,000.
Sec. 201. The Director may transfer funds between the accounts of this title.
"""


def test_an_appropriation_is_cited_by_the_headings_it_is_printed_under() -> None:
    """An unnumbered appropriation was cited "tit. II, ¶ 3": a reader had to count paragraphs
    to find it. It is cited by its agency's heading, the account headings right above it and
    its own heading run into its text."""
    c = by_id(bill(ACCOUNTS))
    assert [(k, v.heading, v.citation.removeprefix("Bill, tit. II, ")) for k, v in c.items()
            if v.kind is Kind.BLOCK] == [
        ("t-ii/p1", None, "The White House, salaries and expenses, ¶ 1"),
        ("t-ii/p2", "operating expenses",
         "Executive Residence at the White House, operating expenses, ¶ 2"),
        # (an account heading above an earlier paragraph is that paragraph's)
        ("t-ii/p3", "reimbursable expenses",
         "Executive Residence at the White House, reimbursable expenses, ¶ 3"),
        ("t-ii/p4", None, "Executive Residence at the White House, ¶ 4"),
        # (a heading with capitals run into the text names an agency or an account of its
        # own: the paragraph after it is not taken to be under the agency before)
        ("t-ii/p5", "White House Repair and Restoration",
         "White House Repair and Restoration, ¶ 5"),
        ("t-ii/p6", None, "¶ 6")]
    assert c["t-ii/s201"].citation == "Bill § 201"
    # an account's heading is cited under its agency's (H.R. 264's title V has ten headings
    # "salaries and expenses", all cited alike before)
    assert c["t-ii/h-salaries-and-expenses"].citation == (
        "Bill, tit. II, The White House, heading “salaries and expenses”")
    assert c["t-ii/h-the-white-house"].citation == "Bill, tit. II, heading “The White House”"
    assert headings_over([(Kind.HEADING, "Federal Funds"), (Kind.BLOCK, "payment"),
                          (Kind.SECTION, None), (Kind.BLOCK, None),
                          (Kind.HEADING, "(including transfer of funds)"),
                          (Kind.BLOCK, "grants")]) == [
        (), ("Federal Funds", "payment"), (), (), (), ("grants",)]  # (a section ends them)


def test_an_appropriation_after_a_proviso_s_items_is_its_own() -> None:
    """H.R. 264's Office of Terrorism and Financial Intelligence: the items the first proviso
    leads into ("Provided, That of the amount appropriated under this heading: (1) ...") are
    that proviso's, the provisos after them the paragraph's (``p1/proviso-2``, as the act's
    XML has them; they were the last item's), and the next appropriation, its heading run into
    it in lower case ("cybersecurity enhancement account For ..."), is a paragraph of its own
    (it was more words of the last proviso, and its provisos that proviso's siblings)."""
    assert [(c.id, opening(c, 3)) for c in bill(RUN_IN).walk()] == [
        ("t-i", "TITLE I—TREASURY"),
        ("t-i/h-salaries-and-expenses", "salaries and expenses"),
        ("t-i/p1", "For the necessary"),
        ("t-i/p1/proviso-1", "Provided, That of"),
        ("t-i/p1/proviso-1/1", "(1) up to"),
        ("t-i/p1/proviso-1/2", "(2) up to"),
        ("t-i/p1/proviso-2", "Provided further, That"),
        ("t-i/p1/proviso-3", "Provided further, That"),
        ("t-i/p2", "cybersecurity enhancement account"),
        ("t-i/p2/proviso-1", "Provided, That such"),
        ("t-i/p3", "(including transfer of"),
    ]
    assert by_id(bill(RUN_IN))["t-i/p1/proviso-1/2"].citation == (
        "Bill, tit. I, salaries and expenses, ¶ 1, 1st proviso (2)")  # ((2) spaced off)
    # items on lines of their own are the paragraph's (as the XML has H.R. 264's): a further
    # proviso right after them goes on with the paragraph's, one after an item's own proviso
    # stays the item's
    lines = RUN_IN.replace(": (1) ", ":\n(1) ").replace("; and (2) ", "; and\n(2) ")
    assert [c.id for c in bill(lines).walk()][3:8] == [
        "t-i/p1/proviso-1", "t-i/p1/1", "t-i/p1/2", "t-i/p1/proviso-2", "t-i/p1/proviso-3"]
    own = lines.replace("September 30, 2020: Provided further", "September 30, 2020: Provided, "
                        "That such amount is for audits: Provided further")
    assert [c.id for c in bill(own).walk()][5:9] == [
        "t-i/p1/2", "t-i/p1/2/proviso-1", "t-i/p1/2/proviso-2", "t-i/p1/2/proviso-3"]
    # a proviso after a run inside a sentence is the sentence's, as the XML has § 608's
    unprovided = RUN_IN.replace("$159,000,000: Provided, That of the amount appropriated under "
                                "this heading:", "$159,000,000, of which:")
    assert [c.id for c in bill(unprovided).walk()][3:7] == [
        "t-i/p1/1", "t-i/p1/2", "t-i/p1/proviso-1", "t-i/p1/proviso-2"]


ONE_LINE_PARAGRAPHS = """\
TITLE V—INDEPENDENT AGENCIES
Securities and Exchange Commission
salaries and expenses
For necessary expenses for the Commission, including: (1) incidental expenses such as meals; \
(2) travel and transportation; and (3) related lodging or subsistence.
In addition to the foregoing appropriation, for costs associated with relocation, $3,000: \
Provided , That such funds shall be available until expended: Provided further , That none \
shall be transferred.
federal payment for testing and treatment of hiv/aids For a Federal payment for testing, $4,000.
other programs
For other activities, $117,000, to remain available, which shall be available as follows: \
$99,000 for the Drug-Free Communities Program; and $18,000 for anti-doping activities.PAD
"""


def test_an_appropriations_act_s_lines_are_its_paragraphs() -> None:
    """What GPO's text print of H.R. 264 had read otherwise than its XML: a paragraph after one
    whose items are run into its line ("... including: (1) ...; (2) ...; and (3) ...") was
    more words of item (3); "Provided , That" and "Provided further , That" (so printed) were
    no provisos; a heading with a "/" ("hiv/aids") was not seen run into its paragraph; and
    a line long enough to be taken for a whole text run onto one line was cut after "as
    follows:", before the sums it lists ("as follows: $99,000 for ...")."""
    text = ONE_LINE_PARAGRAPHS.replace("PAD", " " * 1000)
    outline = by_id(bill(text))
    assert [(c.id, opening(c, 3)) for c in outline.values()] == [
        ("t-v", "TITLE V—INDEPENDENT AGENCIES"),
        ("t-v/h-securities-and-exchange-commission", "Securities and Exchange"),
        ("t-v/h-salaries-and-expenses", "salaries and expenses"),
        ("t-v/p1", "For necessary expenses"),
        ("t-v/p1/1", "(1) incidental expenses"),
        ("t-v/p1/2", "(2) travel and"),
        ("t-v/p1/3", "(3) related lodging"),
        ("t-v/p2", "In addition to"),
        ("t-v/p2/proviso-1", "Provided , That"),
        ("t-v/p2/proviso-2", "Provided further ,"),
        ("t-v/p3", "federal payment for"),
        ("t-v/h-other-programs", "other programs"),
        ("t-v/p4", "For other activities,"),
    ]
    assert outline["t-v/p1/3"].text == "(3) related lodging or subsistence.\n"
    assert outline["t-v/p3"].citation == (
        "Bill, tit. V, Securities and Exchange Commission, federal payment for testing and "
        "treatment of hiv/aids, ¶ 3")
    assert outline["t-v/p4"].text.startswith("For other activities, $117,000, to remain "
                                             "available, which shall be available as follows: "
                                             "$99,000 for the Drug-Free")
    # a text run onto one line still breaks after "as follows:" before what is no sum
    flattened = ("Be it enacted by the Senate and House of Representatives, as follows: " + "x"
                 * 1000 + " The agency shall act, as follows: Section 1. The agency shall "
                 "report.\n")
    assert [c.id for c in bill(flattened).walk()][-1] == "s1"


def test_an_account_s_heading_under_its_agency_s_opens_any_sentence() -> None:
    """ "united states mint public enterprise fund Pursuant to section 5136 ...", printed right
    under "United States Mint", is that account's paragraph (its heading in small capitals) as
    much as one that opens "For"; a paragraph in lower case elsewhere has no such heading."""
    text = ("TITLE I—TREASURY\nUnited States Mint\nunited states mint public enterprise fund "
            "Pursuant to section 5136 of title 31, United States Code, the United States Mint is "
            "provided funding through the United States Mint Public Enterprise Fund.\nsalaries and "
            "expenses For necessary expenses, $5,000.\nof which Funds shall be for travel.\n")
    outline = by_id(bill(text))
    assert [(k, outline[k].heading) for k in ("t-i/p1", "t-i/p2", "t-i/p3")] == [
        ("t-i/p1", "united states mint public enterprise fund"),
        ("t-i/p2", "salaries and expenses"), ("t-i/p3", None)]
    assert outline["t-i/p1"].citation == (
        "Bill, tit. I, United States Mint, united states mint public enterprise fund, ¶ 1")


def test_real_appropriations_are_cited_as_the_act_s_xml_cites_them(corpus: Path) -> None:
    """The text print of H.R. 264 against its XML: the paragraphs above, each cited as the XML
    cites it (they were "¶ 35(3)", "¶ 13" and "¶ 4", and every later paragraph of the title
    numbered one off)."""
    for name in ("us-federal-hr264-116-engrossed-house.txt",
                 "us-federal-hr264-116-placed-on-calendar-senate.txt"):
        outline = by_id(outline_of(corpus, name))
        sec = outline["t-v/p36"]
        assert opening(sec, 4) == "In addition to the"
        assert sec.citation == ("H.R. 264, 116th Cong., tit. V, Securities and Exchange "
                                "Commission, ¶ 36")
        assert [c.id for c in sec.children] == [f"t-v/p36/proviso-{n}" for n in range(1, 6)]
        assert outline["t-v/p35/3"].text.endswith("Division of Economic and Risk Analysis.\n")
        drugs = outline["t-ii/p12"]
        assert drugs.citation == (
            "H.R. 264, 116th Cong., tit. II, Office of National Drug Control Policy, other "
            "federal drug control programs, ¶ 12")
        assert "as follows: $99,000,000 for the Drug-Free Communities Program" in drugs.text
        assert [c.id for c in drugs.children] == ["t-ii/p12/proviso-1"]
        courts = outline["t-iv/p4"]
        assert courts.citation == (
            "H.R. 264, 116th Cong., tit. IV, Federal Funds, federal payment for defender "
            "services in district of columbia courts, ¶ 4")
        assert [opening(c, 2) for c in courts.children] == [
            "Provided ,", "Provided further", "Provided further,"]
        assert outline["t-iv/p11"].citation == (
            "H.R. 264, 116th Cong., tit. IV, Federal Funds, federal payment for testing and "
            "treatment of hiv/aids, ¶ 11")
        assert outline["t-i/p12"].citation == (
            "H.R. 264, 116th Cong., tit. I, United States Mint, united states mint public "
            "enterprise fund, ¶ 12")


def test_an_act_s_short_title_after_its_last_items_is_its_own() -> None:
    """ "This Act may be cited as ..." after the items of an appropriations act's last section
    is the act's sentence (a paragraph of the title, as the act's XML prints it); the same
    words in a section of their own ("SEC. 101. SHORT TITLE.") stay there."""
    text = APPROPRIATION.replace("SEC. 201.", "SEC. 101. SHORT TITLE.\nThis title may be cited "
                                 "as the “Test Title”.\nSEC. 201.") + (
        "SEC. 202. The agency shall:\n(1) report yearly.\nThis Act may be cited as the “Test "
        "Act”.\n")
    outline = by_id(bill(text))
    assert outline["t-ii/s101"].text == ("SEC. 101. SHORT TITLE.\nThis title may be cited as the "
                                         "“Test Title”.\n")
    assert outline["t-ii/s202/1"].text == "(1) report yearly.\n"
    assert (outline["t-ii/p2"].kind, outline["t-ii/p2"].text) == (
        Kind.BLOCK, "This Act may be cited as the “Test Act”.\n")


def test_a_section_follows_a_container_heading_of_any_length() -> None:
    # The heading line above ends without a period and runs past 100 characters; it still
    # ends where the next label begins.
    outline = split(parse_text(LONG_HEADINGS, Provenance("us", "Bill", None, None, "t")))
    assert [(c.id, c.citation) for c in outline.walk() if c.kind is not Kind.FRONT] == [
        ("st-a", "Bill, subtit. A"),
        ("st-a/s101", "Bill § 101"),
        ("st-a/s102", "Bill § 102"),
        ("st-a/s102/a", "Bill § 102(a)"),
        ("st-a/s102/a/q", "Bill § 102(a) (adding Library Act)"),
        ("st-a/s102/a/q/pt-8", "Bill § 102(a) (adding Library Act, pt. 8)"),
        ("st-a/s102/a/q/298", "Bill § 102(a) (adding Library Act § 298)"),
        ("st-a/s102/a/q/298/a", "Bill § 102(a) (adding Library Act § 298(a))"),
        ("st-a/s102/a/q/298/b", "Bill § 102(a) (adding Library Act § 298(b))")]


FLUSH = """\
SEC. 803. (a) None of the funds made available in this Act for the agency, including the \
funds of its working capital fund, shall be available for a reprogramming of funds that—
(1) creates a new program;
(2) increases by 20 percent or more personnel assigned to a specific program,
unless prior approval is received from the Committees on Appropriations.
(b) The agency shall report each reprogramming.
SEC. 804. The amount paid shall be increased by an amount equal to—
(1) such dollar amount, multiplied by
(2) the cost-of-living adjustment for the calendar year.
"""


def test_flush_text_after_the_items_goes_on_with_the_provision_that_leads_into_them() -> None:
    """ "unless prior approval ..." printed after the last item goes with (a), whose words lead
    into the items (``continuation``, as GPO's XML has it), not with (2); an item after one
    that ends "multiplied by" is an item, not a reference."""
    outline = by_id(bill(FLUSH))
    assert list(outline) == ["s803", "s803/a", "s803/a/1", "s803/a/2", "s803/a/continuation",
                             "s803/b", "s804", "s804/1", "s804/2"]
    flush = outline["s803/a/continuation"]
    assert (flush.kind, flush.label, flush.citation) == (
        Kind.BLOCK, "", "Bill § 803(a), flush language")
    assert flush.text == ("unless prior approval is received from the Committees on "
                          "Appropriations.\n")
    assert outline["s803/a/2"].text == ("(2) increases by 20 percent or more personnel assigned "
                                        "to a specific program,\n")
    assert outline["s804/2"].text == "(2) the cost-of-living adjustment for the calendar year.\n"


@pytest.mark.parametrize("text", [
    # a print wrapped at a width (no line over 150 characters): a line may start anywhere
    FLUSH.replace("including the funds", "including the\nfunds"),
    # the next line goes on with the items: the source broke an item in two
    FLUSH.replace("Appropriations.\n", "Appropriations; or\n(3) moves an office.\n"),
    # the item's words end a sentence: no sentence to go on with
    FLUSH.replace("specific program,", "specific program."),
])
def test_a_line_after_an_item_stays_the_item_s_words(text: str) -> None:
    assert by_id(bill(text))["s803/a/2"].text.startswith(
        "(2) increases by 20 percent or more personnel assigned to a specific program")
    assert "s803/a/continuation" not in by_id(bill(text))


def test_real_flush_text_is_cited_as_the_act_s_xml_cites_it(corpus: Path) -> None:
    """GPO's XML marks each of these as continuation text; the texts read them as words of
    the last item (H.R. 264's "unless prior approval ..." as § 803(a)(7)'s alone)."""
    for name in ("us-federal-hr264-116-engrossed-house.txt",
                 "us-federal-hr264-116-placed-on-calendar-senate.txt"):
        c = by_id(outline_of(corpus, name))
        check(c["t-viii/s803/a/continuation"], "", Kind.BLOCK,
              "H.R. 264, 116th Cong. § 803(a), flush language", "unless prior approval is")
        assert c["t-viii/s803/a/7"].text.endswith("project or responsibility center,\n")
    # the act's XML cites its continuation text alike (it was "§ 803(a), ¶ 1", a paragraph 1)
    xml = by_id(outline_of(corpus, "raw/h264_eh.XML"))
    assert xml["t-viii/s803/a/continuation"].citation == (
        "H.R. 264, 116th Cong. § 803(a), flush language")
    hr1 = by_id(outline_of(corpus, "us-federal-hr1-116-reported-house.txt"))
    flush = {k: opening(v, 4) for k, v in hr1.items() if k.endswith("/continuation")}
    assert flush == {
        "div-a/t-i/st-f/s1502/a/q/2/b/i/continuation": "the determination of the",
        "div-b/t-iv/st-b/pt-2/s4111/a/1/q/324/a/2/e/i/continuation": "but only if such",
        "div-b/t-iv/st-b/pt-2/s4111/a/1/q/324/a/2/f/i/continuation": "but only if such",
        "div-b/t-iv/st-b/pt-2/s4111/a/1/q/324/f/3/c/continuation": "except that the transfer",
        # printed without the mark that opens each quoted paragraph, and closing the quotation
        "div-b/t-v/st-c/pt-2/s5215/a/1/q/b/continuation": "Amounts paid to any",
    }
    # items after "multiplied by" and after "... of such candidates,"
    for item, starts in (("div-b/t-v/st-c/pt-1/s5201/b/3/q/2/a/ii", "“(ii) the cost-of-living"),
                         ("div-b/t-v/st-c/pt-2/s5211/q/a/2/b", "“(B) agree to keep"),
                         ("div-b/t-v/st-c/pt-2/s5213/a/2/q/b/1/b", "“(B) the cost-of-living")):
        assert opening(hr1[item], len(starts.split())) == starts
    defense = by_id(outline_of(corpus, "us-federal-hr4695-119-introduced.txt"))
    assert defense["s107/c/4/continuation"].text == (
        "is a complete defense against any civil action brought under this Act.\n")


REFERENCES = """\
SEC. 7. AMENDMENTS.
(a) Clear Statement.—Subsection (a) of section 318 of the Act is amended—
(1) by striking “shall clearly state” each place it appears in paragraphs (1), (2), and (3) and \
inserting “shall state in a clear and conspicuous manner”; and
(2) by adding at the end the following flush sentence: “For purposes of this section, a \
communication is clear if it is readable.”.
(b) Repeal.—Section 9007(b) of the Code is amended by striking paragraph (1) and by \
redesignating paragraphs (2), (3), and (4) as paragraphs (1), (2), and (3), respectively.
"""


def test_a_list_of_references_does_not_go_on_with_the_items() -> None:
    """ "in paragraphs (1), (2), and (3)" cites; its "(2)" and "(3)" went on with the open item
    (1) as items (2) and (3), and the real "(2) by adding ..." became (3)'s (2) (H.R. 1
    § 4207(a)(2), § 5212(c)(2)(B), § 9303(c)(1)(A)(ii))."""
    assert [c.id for c in bill(REFERENCES).walk()] == [
        "s7", "s7/a", "s7/a/1", "s7/a/2", "s7/b"]


def test_real_lists_of_references_are_cited_as_the_act_s_xml_cites_them(corpus: Path) -> None:
    hr1 = by_id(outline_of(corpus, "us-federal-hr1-116-reported-house.txt"))
    for key, label, citation, starts in (
            ("div-b/t-iv/st-c/s4207/a/2", "(2)", "H.R. 1, 116th Cong., div. B, § 4207(a)(2)",
             "(2) by adding at the end"),
            ("div-b/t-v/st-c/pt-2/s5212/c/2/b", "(B)",
             "H.R. 1, 116th Cong., div. B, § 5212(c)(2)(B)", "(B) Conforming amendment.—Paragraph"),
            ("div-b/t-v/st-c/pt-2/s5212/c/3", "(3)", "H.R. 1, 116th Cong., div. B, § 5212(c)(3)",
             "(3) Criminal penalties.—"),
            ("div-c/t-ix/st-d/s9303/c/1/a/ii", "(ii)",
             "H.R. 1, 116th Cong., div. C, § 9303(c)(1)(A)(ii)", "(ii) the date on which")):
        assert (hr1[key].label, hr1[key].citation) == (label, citation)
        assert opening(hr1[key], len(starts.split())) == starts
    assert "div-b/t-v/st-c/pt-2/s5212/c/4" not in hr1


GAPPED = """\
§ 19B.3. POLICY SUBMISSION.
(a) COIT shall post each report.
(b) The Department shall submit a policy.
(Added by Ord. , File No. 190110, App. 5/31/2019, Eff. 7/1/2019)
CODIFICATION NOTE
1. So in Ord. and Ord. .

[... text not retrieved ...]

(a) Each Department shall submit an inventory.
(b) Each Department shall submit a proposed policy.
"""


def test_items_after_text_not_retrieved_are_no_part_of_what_was_open() -> None:
    """San Francisco's ch. 19B as retrieved: § 19B.3, its history and codification note, then,
    after text not retrieved, "(a) Each Department possessing ..." (of another section, its
    number not retrieved). That (a) was cited § 19B.3(c)(1)(a), under the codification note's
    "1."; items that go on with no open list after a gap open a paragraph of their own."""
    outline = split(parse_text(GAPPED, Provenance("us-ca-sf", "19b", None, "S.F. Admin. Code",
                                                   "t")))
    assert [(c.id, c.kind) for c in outline.walk()] == [
        ("19b.3", Kind.SECTION), ("19b.3/a", Kind.SUBDIVISION), ("19b.3/b", Kind.SUBDIVISION),
        ("19b.3/history", Kind.HISTORY), ("19b.3/history~2", Kind.HISTORY), ("p1", Kind.BLOCK),
        ("p1/a", Kind.PARAGRAPH), ("p1/b", Kind.PARAGRAPH)]
    assert by_id(outline)["19b.3/history~2"].text.split("\n")[:2] == [
        "CODIFICATION NOTE", "1. So in Ord. and Ord. ."]
    # the same items with no gap before them go on where they are
    whole = GAPPED.replace("[... text not retrieved ...]\n", "")
    assert "p1" not in by_id(split(parse_text(whole, Provenance("us-ca-sf", "19b", None,
                                                                "S.F. Admin. Code", "t"))))


def test_real_items_after_a_gap_are_not_cited_in_the_section_before(corpus: Path) -> None:
    # (the text opens with a definition, its section's heading not retrieved: see the next test)
    sf = by_id(outline_of(corpus, "us-ca-sf-admin-19b.txt"))
    term = "def-annual-surveillance-report"
    assert [k for k in sf if k.startswith(("19b.3", "p", "def-"))] == [
        term, *(f"{term}/{n}" for n in range(1, 11)), "19b.3", "19b.3/a", "19b.3/b", "19b.3/c",
        "19b.3/history", "19b.3/history~2", "p1", "p1/a", "p1/b", "p1/c", "p1/d", "p2", "p2/a",
        "p2/b", "p2/history"]
    check(sf["p1/a"], "(a)", Kind.PARAGRAPH, "S.F. Admin. Code, ¶ 1(a)", "(a) Each Department")


def test_a_definition_whose_section_was_not_retrieved_is_a_definition(corpus: Path) -> None:
    """San Francisco's ch. 19B as retrieved opens inside its definitions section (§ 19B.1, its
    heading not retrieved): "“Annual Surveillance Report” means a written report that includes
    all of the following: (1) ..." was "¶ 1", a paragraph of nothing, and the fact sheet had
    no defined term. With nothing open, a paragraph that defines a term is a definition."""
    text = ("“Annual Report” means a written report that includes:\n(1) A description of the "
            "use;\n(2) The costs.\nSEC. 2. DUTIES.\n(a) Each Department shall file an Annual "
            "Report.\n")
    outline = split(parse_text(text, Provenance("us-ca-sf", "19b", None, "S.F. Admin. Code",
                                                "t")))
    assert [(c.id, c.kind, c.term) for c in outline.walk()] == [
        ("def-annual-report", Kind.DEFINITION, "Annual Report"),
        ("def-annual-report/1", Kind.PARAGRAPH, None),
        ("def-annual-report/2", Kind.PARAGRAPH, None),
        ("s2", Kind.SECTION, None), ("s2/a", Kind.SUBDIVISION, None)]
    # an item after a definition that ends its sentence is the text's, not the definition's
    # (found by the property tests: the text itself was closed, and nothing was left open)
    after = split(parse_text("The term “system” means software.\n(a) In general.—",
                             Provenance("us-federal", "b", None, "b", "t")))
    assert [(c.id, c.kind) for c in after.walk()] == [
        ("def-system", Kind.DEFINITION), ("a", Kind.PARAGRAPH)]
    sf = by_id(outline_of(corpus, "us-ca-sf-admin-19b.txt"))
    check(sf["def-annual-surveillance-report"], "", Kind.DEFINITION,
          "S.F. Admin. Code, definition of “Annual Surveillance Report”",
          "“Annual Surveillance Report” means a written report")
    assert sf["def-annual-surveillance-report/10"].citation == (
        "S.F. Admin. Code, definition of “Annual Surveillance Report” (10)")


def test_a_definition_scoped_to_its_section_is_a_definition(corpus: Path) -> None:
    """ "(e) Definition of Eligible Rural Medical Facility.—In this section, the term “eligible
    rural medical facility” means ..." was a subsection; its XML reads it as the definition it
    is (and the text and XML of H.R. 1 now name 12 provisions differently, 29 before)."""
    text = ("SEC. 5. GRANTS.\n(a) In general.—The Secretary shall make grants.\n(b) Definition "
            "of Facility.—In this section, the term “facility” means a hospital.\n(c) For "
            "purposes of this section, each grant is a loan.\n")
    c = by_id(bill(text))
    assert [(k, v.kind, v.term) for k, v in c.items()] == [
        ("s5", Kind.SECTION, None), ("s5/a", Kind.SUBSECTION, None),
        ("s5/b", Kind.DEFINITION, "facility"), ("s5/c", Kind.SUBSECTION, None)]
    more = ("SEC. 6. TERMS.\n(1) The terms “election” and “Federal office” have the meanings "
            "given such terms in section 301.\n(2) In general.—For purposes of section "
            "301(8)(A)(iii), the term ‘coordinated expenditure’ means a payment.\n(3) In this "
            "section, the term “agency”—\n(A) means an executive agency; and\n(B) includes a "
            "military department.\n")
    assert [(k, v.kind, v.term) for k, v in by_id(bill(more)).items()] == [
        ("s6", Kind.SECTION, None), ("s6/1", Kind.DEFINITION, "election"),
        ("s6/2", Kind.DEFINITION, "coordinated expenditure"), ("s6/3", Kind.DEFINITION, "agency"),
        ("s6/3/a", Kind.SUBPARAGRAPH, None), ("s6/3/b", Kind.SUBPARAGRAPH, None)]
    hr2157 = by_id(outline_of(corpus, "us-federal-hr2157-116-introduced.txt"))
    assert [(hr2157[k].kind, hr2157[k].term) for k in ("t-i/s104/c", "t-v/s504/e")] == [
        (Kind.DEFINITION, "average adjusted gross income"),
        (Kind.DEFINITION, "eligible rural medical facility")]
    # an article before the term: H.R. 1's quoted FECA § 513(d), "(d) Participating Candidate
    # Defined.—In this title, a ‘participating candidate’ means a candidate ...", was a
    # subsection with no term
    article = ("SEC. 7. TERMS.\n(a) Participating Candidate Defined.—In this title, a "
               "‘participating candidate’ means a candidate who is certified.\n(b) In this "
               "section, an “agency” means a department.\n(c) In this title, a candidate may "
               "withdraw.\n")
    assert [(k, v.kind, v.term) for k, v in by_id(bill(article)).items()] == [
        ("s7", Kind.SECTION, None), ("s7/a", Kind.DEFINITION, "participating candidate"),
        ("s7/b", Kind.DEFINITION, "agency"), ("s7/c", Kind.SUBSECTION, None)]



# --- the US Code as printed with a subsection's heading on its own line --------------------------

def test_a_subsection_heading_on_its_own_line_where_lines_are_paragraphs(corpus: Path) -> None:
    """15 U.S.C. § 2075 prints "(b) Consumer product safety requirements which impose
    performance standards more stringent than Federal standards" / "Subsection (a) of this
    section does not prevent ...": a heading (its words were read as law: `covers` and
    `preempt` took "more stringent" for a floor). Only where lines are paragraphs: in a print
    wrapped at a width, such a line is a sentence's first."""
    o = by_id(outline_of(corpus, "preemption/15usc2075-a-b.txt"))
    assert (o["a"].heading, o["b"].heading) == (
        "State compliance to Federal standards",
        ("Consumer product safety requirements which impose performance standards more "
        "stringent than Federal standards"))
    body = "Subsection (a) does not prevent any State from establishing a requirement " * 3
    paragraphs = f"SEC. 1. STANDARDS.\n(a) In general\n{body.strip()}.\n"
    wrapped = "SEC. 1. STANDARDS.\n(a) In general\nSubsection (a) does not prevent any State.\n"
    def first(text: str) -> Clause:
        return split(parse_text(text, Provenance("us", "code", "t", "t", "test"))).clauses[0] \
            .children[0]

    one, two = first(paragraphs), first(wrapped)
    assert (one.id, one.heading, two.id, two.heading) == ("s1/a", "In general", "s1/a", None)
    # (a line with a verb in it, or one that ends in a mark, is no heading)
    assert [first(paragraphs.replace("(a) In general", line)).heading
            for line in ("(a) The Secretary shall act", "(a) In general:")] == [None, None]
