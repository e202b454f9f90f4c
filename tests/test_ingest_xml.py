"""Reading XML bills and laws (USLM and the bill DTD) into clause trees built from the elements.

The invariants run on every XML file of the corpus; the expectations were written by hand from
the XML files themselves (ids, kinds, labels, headings, citations of real provisions).
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from lxml import etree

from legcompare.errors import FormatError
from legcompare.ingest import ingest_bytes, load_path
from legcompare.ingest.layout import rebuild
from legcompare.ingest.xml import parse_xml, split_tag, text_of
from legcompare.model import CitationForm, Clause, Document, Kind, NoteKind, Provenance
from legcompare.split import split

_KNOWN_XML = (
    "112hr1425-Ramseyer.xml", "115hr255enr_good.xml", "115publ6-uslm.xml",
    "BILLS-115hr1eas2.xml", "BILLS-116hr2001ih.xml", "BILLS-116hr2002eh.xml",
    "BILLS-116hr2002ih-uslm.xml", "BILLS-116hr2002ih.xml", "BILLS-116hr2002rfs.xml",
    "BILLS-117hr2008eh.xml", "BILLS-117hr2008ih.xml", "BILLS-117hr2008rfs.xml",
    "BILLS-117hr2008rh.xml", "BILLS-118hr8205ih.xml", "BILLS-118hr8205rh.xml", "COMPS-1656.xml",
    "H1037_RFS.XML", "H1_RH.XML", "H2157_IH.XML", "H264_PCS.XML", "h1037_eh.XML",
    "h2157_enr.XML", "h264_eh.XML", "hc105_eh.XML", "hc105_enr.XML",
)
# The parts of an XML file whose text must all be in the display text or in notes.
_BODY_PARTS = ("main", "amendMain", "legis-body", "form", "preface", "amendPreface")


def read(corpus: Path, name: str) -> Document:
    path = corpus / "raw" / name
    provenance = Provenance("us", path.stem, None, None, "file")
    return ingest_bytes(path.read_bytes(), provenance, where=name)


def clauses(document: Document) -> list[Clause]:
    assert document.structure is not None
    return [c for root in document.structure for c in root.walk()]


def by_id(document: Document) -> dict[str, Clause]:
    return {c.id: c for c in clauses(document)}


def opening(c: Clause, n: int = 5) -> str:
    return " ".join(c.text.split()[:n])


def body_text(path: Path) -> str:
    """The text content of the body and front matter of an XML file, whitespace removed."""
    root = etree.parse(str(path), etree.XMLParser(resolve_entities=False,
                                                  no_network=True)).getroot()
    parts = [text_of(el) for el in root.iter() if split_tag(el.tag)[1] in _BODY_PARTS]
    return "".join("".join(parts or [text_of(root)]).split())


def is_subsequence(small: str, big: str) -> bool:
    it: Iterator[str] = iter(big)
    return all(ch in it for ch in small)


# --- invariants on every XML file of the corpus --------------------------------------------


@pytest.mark.corpus
def test_every_xml_file_of_the_corpus_is_tested(corpus: Path) -> None:
    found = {p.name for p in (corpus / "raw").iterdir() if p.suffix.lower() == ".xml"}
    assert found == set(_KNOWN_XML)


@pytest.mark.corpus
@pytest.mark.parametrize("name", _KNOWN_XML)
def test_invariants(corpus: Path, name: str) -> None:
    document = read(corpus, name)
    found = clauses(document)
    assert found, name
    # The clauses partition the display text, in document order.
    assert "".join(c.text for c in found) == document.text
    ids = [c.id for c in found]
    assert len(ids) == len(set(ids)), "ids are unique"
    for c in found:
        assert document.text[c.span[0]:c.span[1]] == c.text, c.id
        if c.label_span is not None:
            assert c.span[0] <= c.label_span[0] <= c.label_span[1] <= c.span[1], c.id
            assert document.text[c.label_span[0]:c.label_span[1]] == c.label, c.id
        assert c.citation, c.id
    # Nothing lost: every character of the body is in the display text or in a note, in order.
    kept = "".join(rebuild(document.text, document.notes).split())
    assert is_subsequence(body_text(corpus / "raw" / name), kept)
    assert all(n.span is None or 0 <= n.span[0] <= len(document.text) for n in document.notes)
    assert [m.offset for m in document.lines] == sorted(m.offset for m in document.lines)
    # The splitter keeps the structure the XML carries (adding only each clause's role).
    assert [replace(c, role=None, children=()) for c in split(document).walk()] == [
        replace(c, children=()) for root in document.structure for c in root.walk()]


@pytest.mark.corpus
def test_one_megabyte_bill_parses_quickly(corpus: Path) -> None:
    data = (corpus / "raw" / "H1_RH.XML").read_bytes()
    provenance = Provenance("us", "hr1-116", None, None, "file")
    start = time.perf_counter()
    document = ingest_bytes(data, provenance, where="H1_RH.XML")
    assert time.perf_counter() - start < 2.0
    assert len(clauses(document)) > 2000


# --- USLM: an appropriations bill ------------------------------------------------------------


@pytest.mark.corpus
def test_appropriations_bill_structure(corpus: Path) -> None:
    document = read(corpus, "H2157_IH.XML")
    assert document.citation == CitationForm("bill", "H.R. 2157, 116th Cong.")
    p = document.provenance
    assert (p.version, p.version_date, p.format) == ("ih", "2019-04-09", "uslm")
    assert (p.title or "").startswith("116 HR 2157 IH: Making supplemental")
    assert [c.id for c in document.structure or ()] == [
        "front", "enacting", "p1", "t-i", "t-ii", "t-iii", "t-iv", "t-v", "t-vi", "t-vii",
        "t-viii", "t-ix", "t-x", "t-xi"]
    c = by_id(document)
    assert opening(c["enacting"]) == "Be it enacted by the"
    assert (c["p1"].kind, opening(c["p1"], 4)) == (Kind.BLOCK, "That the following sums")
    assert (c["t-i"].label, c["t-i"].heading) == ("TITLE I", "DEPARTMENT OF AGRICULTURE")
    heading = c["t-i/h-agricultural-programs"]
    assert (heading.kind, heading.citation) == (
        Kind.HEADING, "H.R. 2157, 116th Cong., tit. I, heading “AGRICULTURAL PROGRAMS”")
    block = c["t-i/p1"]
    assert (block.kind, block.heading, block.citation) == (
        Kind.BLOCK, "Office of the Secretary",
        ("H.R. 2157, 116th Cong., tit. I, Processing, Research and Marketing, Office of the "
         "Secretary, ¶ 1"))  # (cited by the headings it is printed under)
    assert opening(block, 7) == "Office of the Secretary For an additional"
    provisos = [x for x in block.children if x.kind is Kind.PROVISO]
    assert [x.id for x in provisos] == [f"t-i/p1/proviso-{n}" for n in range(1, 9)]
    assert provisos[1].citation == ("H.R. 2157, 116th Cong., tit. I, Processing, Research and "
                                    "Marketing, Office of the Secretary, ¶ 1, 2nd proviso")
    assert opening(provisos[0], 3) == "Provided, That the"
    assert opening(provisos[1], 3) == "Provided further, That"


@pytest.mark.corpus
def test_appropriations_bill_sections_and_definitions(corpus: Path) -> None:
    c = by_id(read(corpus, "H2157_IH.XML"))
    s101 = c["t-i/s101"]
    assert (s101.kind, s101.label, s101.citation) == (
        Kind.SECTION, "Sec. 101.", "H.R. 2157, 116th Cong. § 101")
    assert [x.id for x in s101.children] == ["t-i/s101/proviso-1", "t-i/s101/proviso-2"]
    assert [x.id for x in c["t-i/s104"].children] == [
        "t-i/s104/a", "t-i/s104/b", "t-i/s104/c", "t-i/s104/d"]
    definition = c["t-i/s104/c"]
    assert (definition.kind, definition.term, definition.citation) == (
        Kind.DEFINITION, "average adjusted gross income", "H.R. 2157, 116th Cong. § 104(c)")
    assert c["t-i/s104/a/1"].kind is Kind.PARAGRAPH
    # Numbered paragraphs of an appropriation, then the provisos after them.
    assert [x.id for x in c["t-ii/p2"].children] == [
        "t-ii/p2/1", "t-ii/p2/2", "t-ii/p2/3", "t-ii/p2/4", "t-ii/p2/5",
        "t-ii/p2/proviso-1", "t-ii/p2/proviso-2"]
    assert c["t-ii/p2/3"].citation == ("H.R. 2157, 116th Cong., tit. II, National Oceanic and "
                                       "Atmospheric Administration, operations, research, and "
                                       "facilities, ¶ 2(3)")
    # "... under title VIII of subdivision 1 of division B of the Bipartisan Budget Act of 2018
    # ... is amended by inserting": the law is named from its own first word, not from "B".
    assert c["t-vii/s703/4/q"].quoted_in == "Bipartisan Budget Act of 2018"
    assert c["t-vii/s703/4/q"].citation == (
        "H.R. 2157, 116th Cong. § 703(4) (inserting Bipartisan Budget Act of 2018)")
    # its paragraph (10) has no section to attach to: not "... Act of 2018(10)", a section 2018
    assert c["t-vii/s703/4/q/10"].citation == (
        "H.R. 2157, 116th Cong. § 703(4) (inserting Bipartisan Budget Act of 2018, (10))")


ACCOUNT = """<?xml version="1.0" encoding="UTF-8"?>
<bill xmlns="http://schemas.gpo.gov/xml/uslm"><main><title><num value="I">TITLE I</num>
<heading>AGENCY</heading>
<appropriations level="intermediate"><heading>Fiscal Service</heading></appropriations>
<appropriations level="small"><heading>salaries and expenses</heading><content>
<p>For necessary expenses of operations, $338,280,000.</p>
<p>In addition, $165,000, to be derived from the Trust Fund: <proviso><i>Provided</i>, That \
such amount shall remain available.</proviso></p></content></appropriations>
<appropriations level="small"><heading>repairs</heading><content class="block">For repairs, \
$9,000.</content></appropriations>
</title></main></bill>
"""


def test_an_account_printed_over_several_paragraphs() -> None:
    """An appropriation whose ``<content>`` holds several ``<p>`` is printed as its heading on
    a line of its own over paragraphs: the heading is a heading and each paragraph a block,
    cited by its number (the second paragraph was words of the first, its proviso the
    first's); one paragraph (``<content class="block">``) keeps its heading run into it."""
    document = ingest_bytes(ACCOUNT.encode(), Provenance("us", "Bill", None, None, "file"))
    assert [(c.id, c.kind, c.text) for c in clauses(document)] == [
        ("t-i", Kind.TITLE, "TITLE I AGENCY\n"),
        ("t-i/h-fiscal-service", Kind.HEADING, "Fiscal Service\n"),
        ("t-i/h-salaries-and-expenses", Kind.HEADING, "salaries and expenses\n"),
        ("t-i/p1", Kind.BLOCK, "For necessary expenses of operations, $338,280,000.\n"),
        ("t-i/p2", Kind.BLOCK, "In addition, $165,000, to be derived from the Trust Fund: "),
        ("t-i/p2/proviso-1", Kind.PROVISO,
         "Provided, That such amount shall remain available.\n"),
        ("t-i/p3", Kind.BLOCK, "repairs For repairs, $9,000.\n"),
    ]
    c = by_id(document)
    assert [c[k].citation for k in ("t-i/p1", "t-i/p2", "t-i/p3")] == [
        "Bill, tit. I, Fiscal Service, salaries and expenses, ¶ 1",
        "Bill, tit. I, Fiscal Service, ¶ 2",
        "Bill, tit. I, Fiscal Service, repairs, ¶ 3"]


@pytest.mark.corpus
def test_an_account_of_several_paragraphs_is_cited_as_the_text_print_cites_it(
        corpus: Path) -> None:
    """H.R. 2157 prints "State and Tribal Assistance Grants" over two paragraphs (three when
    introduced); the XML's second paragraph, the $349,400,000 for the revolving funds, was read
    as words of the first one's proviso ("¶ 9, 1st proviso"), and every later paragraph of the
    title was numbered one less than in the text print. Now the whole title is cited alike in
    the two prints, and so are H.R. 264's accounts of several paragraphs."""
    for xml, text, title in (("h2157_enr.XML", "us-federal-hr2157-116-enrolled.txt", "t-vii/"),
                             ("H2157_IH.XML", "us-federal-hr2157-116-introduced.txt", "t-vi/")):
        c = by_id(read(corpus, xml))
        grants = c[title + "p10"]
        assert grants.citation.endswith(", State and Tribal Assistance Grants, ¶ 10")
        assert opening(grants, 8) == "For an additional amount for “State and Tribal"
        assert [x.id for x in c[title + "p9"].children] == [title + "p9/proviso-1"]
        printed = split(load_path(corpus / text))
        assert [(x.id, x.citation) for x in c.values() if x.id.startswith(title)] == [
            (x.id, x.citation) for x in printed.walk() if x.id.startswith(title)]
    hr264 = by_id(read(corpus, "h264_eh.XML"))
    fiscal = [hr264[k] for k in ("t-i/h-salaries-and-expenses~2", "t-i/p9", "t-i/p10")]
    assert [(x.kind, x.citation) for x in fiscal] == [
        (Kind.HEADING, ("H.R. 264, 116th Cong., tit. I, Bureau of the Fiscal Service, heading "
                        "“salaries and expenses”")),
        (Kind.BLOCK, ("H.R. 264, 116th Cong., tit. I, Bureau of the Fiscal Service, salaries and "
                      "expenses, ¶ 9")),
        (Kind.BLOCK, "H.R. 264, 116th Cong., tit. I, Bureau of the Fiscal Service, ¶ 10")]
    assert opening(hr264["t-i/p10"], 3) == "In addition, $165,000,"


@pytest.mark.corpus
def test_xml_and_its_text_rendering_give_similar_trees(corpus: Path) -> None:
    xml_ids = {c.id for c in clauses(read(corpus, "H2157_IH.XML"))}
    text = (corpus / "us-federal-hr2157-116-introduced.txt").read_bytes()
    provenance = Provenance("us", "hr2157-116", "ih", None, "file")
    text_ids = {c.id for c in split(ingest_bytes(text, provenance)).walk()}
    assert len(xml_ids & text_ids) >= 0.9 * len(xml_ids)


@pytest.mark.corpus
def test_a_duty_that_ends_defining_a_word_is_no_definition(corpus: Path) -> None:
    """H.R. 1 § 1072(a) "Best Practices.—Not later than 180 days ... the Election Assistance
    Commission shall develop and publish recommendations ... For purposes of this subsection,
    the term “State” includes the District of Columbia ...": GPO marks “State” as a term, and
    the subsection was read as a definition; it is a duty. (The Anadromous Fish Conservation
    Act's § 4(c)(1) and (2) likewise.)"""
    hr1 = by_id(read(corpus, "H1_RH.XML"))
    for key in ("div-a/t-i/st-a/pt-7/s1072/a", "div-a/t-i/st-c/s1202/a"):
        assert (hr1[key].kind, hr1[key].term) == (Kind.SUBSECTION, None)
    assert (hr1["div-a/t-i/st-a/pt-2/s1012/e"].kind, hr1["div-a/t-i/st-a/pt-2/s1012/e"].term) == (
        Kind.DEFINITION, "contributing agency")
    fish = by_id(read(corpus, "COMPS-1656.xml"))
    assert [fish[k].kind for k in ("p1/c/1", "p1/c/2")] == [Kind.PARAGRAPH, Kind.PARAGRAPH]


# --- USLM: a slip law with sidenotes and page markers -------------------------------------


@pytest.mark.corpus
def test_public_law_sidenotes_are_notes(corpus: Path) -> None:
    document = read(corpus, "115publ6-uslm.xml")
    # cited as the catalog cites the law's text (it was "Pub. L. 115-6" here, "Pub. L. No.
    # 115-6" there): every provision of the two prints cited alike
    assert document.citation == CitationForm("bill", "Pub. L. No. 115-6")
    text = {x.id: x.citation for x in split(load_path(corpus / "us-federal-publ115-6.txt")).walk()}
    xml = {x.id: x.citation for x in split(document).walk()}
    assert xml == {i: text[i] for i in xml} and len(xml) == 16
    sidenotes = [n.text for n in document.notes if n.kind is NoteKind.SIDENOTE]
    assert "42 USC 1885a note." in sidenotes
    assert any(n.endswith("42 USC 1861 note.") for n in sidenotes)
    assert "USC" not in document.text
    c = by_id(document)
    assert [x.id for x in document.structure or ()] == ["front", "enacting", "s1", "s2", "s3"]
    assert opening(c["s2"]) == "SEC. 2. FINDINGS. The Congress"
    assert c["s2"].heading == "FINDINGS"
    pages = [n.text for n in document.notes if n.kind is NoteKind.PAGE_HEADER]
    assert pages == ["131 STAT. 11", "131 STAT. 12"]
    assert [m.page for m in document.lines] == [11, 12]
    quoted = c["s3/3/q/12"]
    assert quoted.locator == "p. 12"
    assert quoted.citation == ("Pub. L. No. 115-6 § 3(3) (adding Science and Engineering Equal "
                               "Opportunities Act § 33(12))")
    assert (quoted.label, opening(quoted, 3)) == ("(12)", "“(12) encourage its")
    assert quoted.text.endswith("commercial world.”.\n")  # the instruction's period joins it


# --- bill DTD ---------------------------------------------------------------------------------


@pytest.mark.corpus
def test_bill_dtd_quoted_blocks(corpus: Path) -> None:
    document = read(corpus, "BILLS-116hr2001ih.xml")
    assert document.citation == CitationForm("bill", "H.R. 2001, 116th Cong.")
    assert document.provenance.format == "bill-dtd"
    c = by_id(document)
    quoted = [x for x in c.values() if x.kind is Kind.QUOTED]
    assert len(quoted) == 15
    assert all(x.id.endswith("/q") for x in quoted)
    six = c["s2/a/1/a/ii/q/6"]
    assert (six.kind, six.label) == (Kind.PARAGRAPH, "(6)")
    assert six.citation == ("H.R. 2001, 116th Cong. § 2(a)(1)(A)(ii) (amending "
                            "McKinney-Vento Homeless Assistance Act § 103(a)(6))")
    assert opening(six) == "“(6) a child or youth"
    assert six.text.endswith("”; and\n")
    assert c["s2/a/1/a/ii/q"].quoted_in == "McKinney-Vento Homeless Assistance Act"
    assert c["s2/a/1/a/ii/q"].citation == ("H.R. 2001, 116th Cong. § 2(a)(1)(A)(ii) (amending "
                                           "McKinney-Vento Homeless Assistance Act)")
    assert c["s2/a/1/b/q/f"].citation == ("H.R. 2001, 116th Cong. § 2(a)(1)(B) (adding "
                                          "McKinney-Vento Homeless Assistance Act § 103(f))")
    new_section = c["s2/a/4/q/409"]
    assert (new_section.kind, new_section.label, new_section.heading) == (
        Kind.SECTION, "SEC. 409.", "Availability of HMIS data")
    assert new_section.citation == ("H.R. 2001, 116th Cong. § 2(a)(4) (inserting "
                                    "McKinney-Vento Homeless Assistance Act § 409)")
    assert c["s2/a/4/q/409/a"].citation.endswith("Assistance Act § 409(a))")
    term = "child or youth defined as homeless under any other Federal program"
    assert c["s2/a/1/b/q/f/1"].term == term
    assert c["s2/b/q/toc"].kind is Kind.TOC


@pytest.mark.corpus
def test_bill_dtd_committee_substitute_drops_a_section(corpus: Path) -> None:
    introduced, reported = read(corpus, "BILLS-118hr8205ih.xml"), read(corpus,
                                                                        "BILLS-118hr8205rh.xml")
    sections = {d.provenance.version: [(c.id, c.heading) for c in d.structure or ()
                                       if c.kind is Kind.SECTION]
                for d in (introduced, reported)}
    assert sections == {
        "ih": [("s1", "Short title"),
               ("s2", "Use of Byrne grant funding for public safety report systems"),
               ("s3", "Fraud in connection with posting bail")],
        "rh": [("s1", "Short title"), ("s2", "Fraud in connection with posting bail")],
    }
    c = by_id(introduced)
    assert (c["s1"].label, opening(c["s1"], 4)) == ("SECTION 1.", "SECTION 1. Short title.")
    assert c["s2/2/q/i/1/a/ix"].citation == (
        "H.R. 8205, 118th Cong. § 2(2) (adding Omnibus Crime Control and Safe Streets Act of "
        "1968 § 501(i)(1)(A)(ix))")
    assert reported.provenance.version_date == "2024-09-23"


@pytest.mark.corpus
def test_bill_dtd_and_uslm_of_one_bill_agree(corpus: Path) -> None:
    dtd, uslm = read(corpus, "BILLS-116hr2002ih.xml"), read(corpus, "BILLS-116hr2002ih-uslm.xml")
    assert [(c.id, c.kind, c.citation) for c in clauses(dtd)] == \
        [(c.id, c.kind, c.citation) for c in clauses(uslm)]


# --- snippets: errors and hostile input --------------------------------------------------------

PROVENANCE = Provenance("us", "snippet", None, None, "file")


def test_malformed_xml_is_a_one_line_format_error() -> None:
    with pytest.raises(FormatError) as info:
        parse_xml("<bill>\n<section>\n<text>open</section>\n</bill>", PROVENANCE,
                  where="broken.xml")
    message = str(info.value)
    assert message.startswith("broken.xml: malformed XML at line 3:")
    assert "\n" not in message


def test_entities_are_not_expanded() -> None:
    text = ('<!DOCTYPE doc [<!ENTITY secret SYSTEM "file:///etc/passwd">'
            '<!ENTITY lol "lollollollollol">]><doc><p>a &secret; b &lol; c</p></doc>')
    assert parse_xml(text, PROVENANCE, where="entities.xml").text == "a &secret; b &lol; c\n"
    # With the DTD external (and never loaded), named characters are still read as characters.
    text = '<!DOCTYPE doc SYSTEM "bill.dtd"><doc><p>c &mdash; d</p></doc>'
    assert parse_xml(text, PROVENANCE, where="dtd.xml").text == "c — d\n"


def test_unknown_vocabulary_becomes_text_for_the_splitter() -> None:
    text = ("<act><head>Privacy Act</head><body><p>SECTION 1. Short title. This <b>Act</b> may "
            "be cited.</p><p>SEC. 2. Rules.</p><p>(a) First rule.</p></body></act>")
    document = parse_xml(text, PROVENANCE, where="act.xml")
    assert document.structure is None
    assert document.text == ("Privacy Act\nSECTION 1. Short title. This Act may be cited.\n"
                             "SEC. 2. Rules.\n(a) First rule.\n")
    assert [c.id for c in split(document).walk()][-3:] == ["s1", "s2", "s2/a"]


def test_empty_xml_document_has_no_clauses() -> None:
    assert parse_xml("  \n", PROVENANCE, where="empty.xml").structure == ()
