"""Amendment markup: struck and inserted text read from HTML, USLM, the bill DTD and New York and
Virginia prints, and the two sides a document marks (``DOC@before``, ``DOC@after``).

The real texts are read in place from the corpus; snippets are written here only where the
corpus has no example (an NY print amending an existing section, a bill-DTD struck section).
"""

from __future__ import annotations

import html
from pathlib import Path

import pytest

from legcompare.compare import compare
from legcompare.ingest import ingest_bytes, load_path
from legcompare.ingest.html import parse_html
from legcompare.ingest.layout import rebuild, strip_furniture
from legcompare.ingest.xml import parse_xml
from legcompare.markup import (
    BEFORE_COMMITTEE,
    BEFORE_CURRENT_LAW,
    BEFORE_PREVIOUS_PRINT,
    BEFORE_UNSTATED,
    SENTINELS,
    Tags,
    parse_side,
    resolve,
    side,
)
from legcompare.model import Document, Kind, Mark, MarkKind, NoteKind, Provenance, Status, Verdict
from legcompare.split import split

SNIPPET = Provenance("us", "snippet", "ih", None, "file")


def squeeze(s: str) -> str:
    return "".join(s.split())


# --- DOC@before / DOC@after ----------------------------------------------------------------


def test_parse_side_only_for_an_existing_file_and_a_known_side(tmp_path: Path) -> None:
    bill = tmp_path / "x.html"
    bill.write_text("<p>x</p>")
    assert parse_side(f"{bill}@before") == (str(bill), "before")
    assert parse_side(f"{bill}@after") == (str(bill), "after")
    assert parse_side(f"{bill}@middle") == (f"{bill}@middle", None)
    assert parse_side(str(bill)) == (str(bill), None)
    assert parse_side(f"{tmp_path / 'missing.html'}@before") == (
        f"{tmp_path / 'missing.html'}@before", None)
    assert parse_side("govinfo:116/hr/2157@ih") == ("govinfo:116/hr/2157@ih", None)
    odd = tmp_path / "y.html@before"  # a file really named so is that file
    odd.write_text("<p>y</p>")
    (tmp_path / "y.html").write_text("<p>y</p>")
    assert parse_side(str(odd)) == (str(odd), None)


def test_side_is_before_or_after() -> None:
    with pytest.raises(ValueError, match="before"):
        side(Document("x\n", SNIPPET), "during")


def test_an_unmarked_document_has_one_text_on_both_sides() -> None:
    document = Document("SEC. 1. Text.\n", SNIPPET)
    before, after = side(document, "before"), side(document, "after")
    assert before.text == after.text == document.text
    assert (before.provenance.version, after.provenance.version) == ("ih@before", "ih@after")
    assert before.provenance.notes[-1].text == ("before: the document marks no changes; this "
                                                "is its text")


def test_resolve_takes_the_space_and_the_line_struck_matter_stood_in() -> None:
    t = Tags()

    def struck(s: str) -> str:
        return t.open(MarkKind.STRUCK, "t:s") + s + t.close()

    def inserted(s: str) -> str:
        return t.open(MarkKind.INSERTED, "t:i") + s + t.close()

    tagged = (f"within {struck('30')} {inserted('60')} days\n{struck('a struck line')}\n"
              f"end {struck('and')}\n")
    res = resolve(tagged, t.sources)
    assert res.text == "within 60 days\nend\n"
    assert res.marks == (Mark(MarkKind.STRUCK, (7, 7), "30 ", "t:s"),
                         Mark(MarkKind.INSERTED, (7, 9), "60", "t:i"),
                         Mark(MarkKind.STRUCK, (15, 15), "a struck line\n", "t:s"),
                         Mark(MarkKind.STRUCK, (18, 18), " and", "t:s"))
    # Struck matter is also a note at its place, so outputs that list notes account for it.
    assert [(n.kind, n.text, n.span) for n in res.notes] == [
        (NoteKind.MARKUP, "30 ", (7, 7)), (NoteKind.MARKUP, "a struck line\n", (15, 15)),
        (NoteKind.MARKUP, " and", (18, 18))]
    document = Document(res.text, SNIPPET, notes=res.notes, marks=res.marks, before="current law")
    before = side(document, "before")
    assert before.text == "within 30 days\na struck line\nend and\n"
    assert [(n.text, n.span) for n in before.notes] == [("60 ", (10, 10))]
    assert side(document, "after").notes == document.notes  # struck matter stays a note


# --- HTML: California's bill page (AB 1034) --------------------------------------------------

_FLAT = "January 1, 2034. 2027."
# leginfo (and LegiScan's copy) print a deletion struck in dark red and an addition in blue
# italics; the corpus text of AB 1034 is the flattened extraction of exactly this.
_MARKED = ('January 1, <font color="#B30000"><strike>2034.</strike></font> '
           '<font color="blue" class="blue_text"><i>2027.</i></font>')


def ab1034(corpus: Path) -> Document:
    """The corpus text of AB 1034 as its bill page marks it up, one ``<p>`` per line."""
    lines = (corpus / "us-ca-ab1034-2023-amended-asm-2023-05-01.txt").read_text().splitlines()
    body = "".join(f"<p>{html.escape(line).replace(_FLAT, _MARKED)}</p>\n"
                   for line in lines if line.strip())
    page = (f"<html><head><title>Bill Text - AB-1034</title></head><body><div id=\"bill_all\">"
            f"{body}</div></body></html>")
    provenance = Provenance("us-ca", "ab1034-2023", "amended-asm-2023-05-01", None, "file")
    return ingest_bytes(page.encode(), provenance, where="ab1034.html")


@pytest.mark.corpus
def test_ab1034_bill_page_reads_the_struck_and_inserted_sunset(corpus: Path) -> None:
    document = ab1034(corpus)
    sentence = "The bill would repeal these provisions on January 1, {}.\n"
    assert sentence.format(2027) in document.text
    assert _FLAT not in document.text
    at = document.text.index(sentence.format(2027)) + len(sentence.format(2027)) - 6
    assert document.marks == (Mark(MarkKind.STRUCK, (at, at), "2034. ", "html:strike"),
                              Mark(MarkKind.INSERTED, (at, at + 5), "2027.",
                                   "html:class=blue_text"))
    assert document.before == BEFORE_PREVIOUS_PRINT  # "Amended IN Assembly May 01, 2023"
    before, after = side(document, "before"), side(document, "after")
    assert sentence.format(2034) in before.text and sentence.format(2027) not in before.text
    assert sentence.format(2027) in after.text and sentence.format(2034) not in after.text
    assert before.provenance.version == "amended-asm-2023-05-01@before"
    assert before.provenance.notes[-1].text.startswith("before: the previous print")
    pairs = [p for p in compare(before, after).pairs if p.status is not Status.UNCHANGED]
    assert [(p.status, p.old.id if p.old else None) for p in pairs] == [
        (Status.MODIFIED, "digest/p4")]
    assert [(e.op.value, e.text) for e in pairs[0].edits] == [
        ("equal", "The bill would repeal these provisions on January 1, "), ("delete", "2034"),
        ("insert", "2027"), ("equal", ".\n")]


@pytest.mark.corpus
def test_ab1034_sunset_moved_earlier_is_weaker(corpus: Path) -> None:
    # Only the year's digits change (2034 → 2027); the engine reads the date they belong to.
    document = ab1034(corpus)
    pair = next(p for p in compare(side(document, "before"), side(document, "after")).pairs
                if p.status is Status.MODIFIED)
    assert pair.verdict is Verdict.WEAKER
    assert [(r.rule, r.old, r.new) for r in pair.reasons] == [
        ("limits.sunset-date", "2034", "2027")]
    assert "January 1, 2027" in pair.reasons[0].explanation


def test_html_struck_and_inserted_elements_styles_and_classes() -> None:
    page = ("<style>.gone { color: red; text-decoration: line-through }</style>"
            "<p>within <del>30</del><ins>60</ins> days</p>"
            "<p>a <span class='gone'>old</span> <s>older</s> b</p>"
            "<p><strike>A whole struck paragraph.</strike></p>"
            "<p>c <span style='text-decoration: underline'>new</span> <u>words</u></p>")
    document = parse_html(page, SNIPPET)
    assert document.text == "within 60 days\na b\nc new words\n"
    assert [(m.kind, m.text, m.source) for m in document.marks] == [
        (MarkKind.STRUCK, "30", "html:del"), (MarkKind.INSERTED, "60", "html:ins"),
        (MarkKind.STRUCK, "old ", "html:class=gone"), (MarkKind.STRUCK, "older ", "html:s"),
        (MarkKind.STRUCK, "A whole struck paragraph.\n", "html:strike"),
        (MarkKind.INSERTED, "new", "html:style=underline"),
        (MarkKind.INSERTED, "words", "html:u")]
    assert document.before == BEFORE_UNSTATED
    assert side(document, "before").text == ("within 30 days\na old older b\n"
                                             "A whole struck paragraph.\nc\n")
    # Nothing lost: the struck text is in the notes, at its place.
    assert squeeze(rebuild(document.text, document.notes)) == squeeze(
        "within 3060 days\na old older b\nA whole struck paragraph.\nc new words\n")


def test_html_holding_the_tag_characters_is_read_without_its_markup() -> None:
    page = f"<p>within <del>30</del><ins>60</ins> days {SENTINELS[0]}</p>"
    document = parse_html(page, SNIPPET)
    assert document.marks == ()
    assert document.text.startswith("within 3060 days")
    assert any("amendment markup not read" in n.text for n in document.provenance.notes)


# --- New York prints ---------------------------------------------------------------------------


@pytest.mark.corpus
def test_ny_print_adding_a_new_article_is_all_new_matter(corpus: Path) -> None:
    path = corpus / "us-ny-s4457-2023-original.txt"
    document = load_path(path)
    # The display text is unchanged (capitals stay): the after side is the print's text.
    assert document.text == strip_furniture(path.read_text(encoding="utf-8")).text
    assert document.before == BEFORE_CURRENT_LAW
    [mark] = document.marks
    assert (mark.kind, mark.source) == (MarkKind.INSERTED, "ny:capitals")
    assert mark.text.startswith("ARTICLE 32-A\n  BIOMETRIC PRIVACY ACT\n SECTION 676. SHORT")
    assert mark.text.endswith("WHEN\n WORKING FOR THAT STATE AGENCY OF LOCAL GOVERNMENT.")
    before, after = side(document, "before"), side(document, "after")
    assert after.text == document.text
    assert "BIOMETRIC PRIVACY ACT" not in before.text
    instruction = ("  Section 1. The general business law is amended by adding a new article\n"
                   " 32-A to read as follows:\n  § 2. This act shall take effect on the "
                   "ninetieth day")
    assert instruction in before.text
    assert [c.id for c in split(before).walk()] == ["front", "enacting", "s1", "s1/q", "s2"]
    assert "s1/q/676-b/1" in {c.id for c in split(after).walk()}
    # Nothing lost: the new article is a note of the before side, at its place.
    assert [n.text for n in before.notes if n.kind is NoteKind.MARKUP] == [
        "  " + mark.text + "\n"]


@pytest.mark.corpus
def test_ny_reprints_mark_changes_to_law_not_to_the_previous_print(corpus: Path) -> None:
    document = load_path(corpus / "us-ny-s4457a-2024-amended.txt")
    assert document.before == BEFORE_CURRENT_LAW
    assert [m.kind for m in document.marks] == [MarkKind.INSERTED]


@pytest.mark.corpus
def test_ny_lone_capitalised_word_is_unclear(corpus: Path) -> None:
    document = load_path(corpus / "us-ny-a1891-2023-introduced.txt")
    lone = [m for m in document.marks if m.kind is MarkKind.UNCLEAR]
    assert [(m.text, m.source) for m in lone] == [("U.S.", "ny:capitals")]  # an acronym
    assert "U.S." in side(document, "before").text


_NY_AMENDING = """\
                           S T A T E   O F   N E W   Y O R K
 ________________________________________________________________________

  AN ACT to amend the general business law, in relation to the retention
  of biometric identifiers

  THE  PEOPLE OF THE STATE OF NEW YORK, REPRESENTED IN SENATE AND ASSEM-
 BLY, DO ENACT AS FOLLOWS:

  Section 1. Subdivision 2 of section 676-b of the general business law,
 as added by chapter 12 of the laws of 2023, is amended to read as follows:
  2. A private entity in possession of biometric identifiers shall
 destroy such identifiers within [three] ONE year[s] after the initial
 purpose for collecting them has been satisfied[, unless the individual
 consents to longer retention].
  § 2. This act shall take effect immediately.

  EXPLANATION--Matter in ITALICS (underscored) is new; matter in brackets
  [ ] is old law to be omitted.
  LBD01142-01-3
"""
_SUBDIVISION = {
    "before": ("  2. A private entity in possession of biometric identifiers shall\n destroy such "
               "identifiers within three years after the initial\n purpose for collecting them "
               "has been satisfied, unless the individual\n consents to longer retention.\n"),
    "after": ("  2. A private entity in possession of biometric identifiers shall\n destroy such "
              "identifiers within ONE year after the initial\n purpose for collecting them has "
              "been satisfied.\n"),
}


def test_ny_print_amending_a_section_gives_current_law_before() -> None:
    provenance = Provenance("us-ny", "s9999-2023", "original", None, "file")
    document = ingest_bytes(_NY_AMENDING.encode(), provenance)
    assert document.before == BEFORE_CURRENT_LAW
    # "ONE" alone could be an acronym; next to struck matter it is the new word.
    assert [(m.kind, m.text, m.source) for m in document.marks] == [
        (MarkKind.STRUCK, "three ", "ny:brackets"), (MarkKind.INSERTED, "ONE", "ny:capitals"),
        (MarkKind.STRUCK, "s", "ny:brackets"),
        (MarkKind.STRUCK, ", unless the individual\n consents to longer retention", "ny:brackets")]
    for which, text in _SUBDIVISION.items():
        assert text in side(document, which).text, which
    assert _SUBDIVISION["after"] in document.text
    # The brackets are furniture: notes, in neither side's text.
    assert [n.text for n in document.notes if n.kind is NoteKind.MARKUP and n.text in "[]"] \
        == ["[", "]"] * 3
    assert squeeze(rebuild(document.text, document.notes)) == squeeze(_NY_AMENDING)
    [pair] = [p for p in compare(side(document, "before"), side(document, "after")).pairs
              if p.status is Status.MODIFIED]
    assert (pair.new.id if pair.new else None, pair.verdict) == ("s1/2", Verdict.STRONGER)
    assert [(r.rule, r.old, r.new) for r in pair.reasons] == [
        ("exceptions.removed", "unless", None), ("limits.retention", "three years", "ONE year")]


def test_ny_markup_needs_the_legend() -> None:
    text = _NY_AMENDING.replace("EXPLANATION--", "Explanation: ")
    document = ingest_bytes(text.encode(), Provenance("us-ny", "x", None, None, "file"))
    assert document.marks == () and document.before is None
    assert "[three] ONE year[s]" in document.text


# --- Virginia ----------------------------------------------------------------------------------


@pytest.mark.corpus
def test_virginia_brackets_are_unclear_and_kept(corpus: Path) -> None:
    path = corpus / "us-va-hb1339-2022-engrossed.txt"
    document = load_path(path)
    assert document.text == strip_furniture(path.read_text(encoding="utf-8")).text
    assert [(m.kind, m.text, m.source) for m in document.marks] == [
        (MarkKind.UNCLEAR, "[ ; penalty ]", "va:brackets"),
        (MarkKind.UNCLEAR, "[ , is committing,\nor is planning the commission of ]",
         "va:brackets")]
    assert all(document.text[m.span[0]:m.span[1]] == m.text for m in document.marks)
    assert side(document, "before").text == side(document, "after").text == document.text


# --- USLM ------------------------------------------------------------------------------------


@pytest.mark.corpus
def test_ramseyer_print_reproduces_existing_law_and_the_law_as_amended(corpus: Path) -> None:
    document = load_path(corpus / "raw" / "112hr1425-Ramseyer.xml")
    assert document.before == BEFORE_CURRENT_LAW
    assert [(m.kind, m.source) for m in document.marks] == [
        (MarkKind.INSERTED, "uslm:changed=added"), (MarkKind.STRUCK, "uslm:deletedText"),
        (MarkKind.INSERTED, "uslm:changed=added"), (MarkKind.STRUCK, "uslm:deletedText"),
        (MarkKind.INSERTED, "uslm:changed=added"), (MarkKind.STRUCK, "uslm:deletedText"),
        (MarkKind.INSERTED, "uslm:changed=added")]
    head = ("(7) to report not less than annually to the Committee on Small Business of the "
            "Senate, and to the Committee on Science and the Committee on Small Business of the "
            "House of Representatives, on the SBIR and STTR programs of the Federal agencies and "
            "the Administration's information and monitoring efforts related to the SBIR and "
            "STTR programs, including")
    tail = ("of the extent to which Federal agencies are providing in a timely manner "
            "information needed to maintain the database described in subsection (k);")
    existing = (f"{head} the data on output and outcomes collected pursuant to subsections "
                "(g)(10), (o)(9), and (o)(15), the number of proposals received from, and the "
                "number and total amount of awards to, HUBZone small business concerns under "
                f"each of the SBIR and STTR programs, and a description {tail} and\n")
    before, after = side(document, "before"), side(document, "after")
    assert existing in before.text
    assert "【" not in before.text and "【" not in after.text  # the black brackets are furniture
    seven = next(c for c in split(after).walk() if c.id == "s9/b/7")
    assert seven.text == f"{head}—\n"
    assert [c.id for c in seven.children] == [f"s9/b/7/{x}" for x in "abcdef"]
    assert seven.children[0].text == ("(A) the data on output and outcomes collected pursuant "
                                      "to subsections (g)(8) and (o)(9);\n")
    assert seven.children[-1].text == f"(F) a description {tail}\n"
    # New subsections are in the law as amended only.
    for new in ("(aa) Venture Capital Operating Company.", "(e) Extensions and enhancements"):
        assert new in after.text and new not in before.text
    # `* * *` elisions stay text, each with an editorial note; they are never struck.
    elided = [n for n in document.notes if n.kind is NoteKind.EDITORIAL and n.text == "elided"]
    assert len(elided) == 11
    assert before.text.count("*") == after.text.count("*") == document.text.count("*") > 0


@pytest.mark.corpus
def test_reported_bill_committee_substitute(corpus: Path) -> None:
    document = load_path(corpus / "raw" / "H1_RH.XML")
    assert document.before == BEFORE_COMMITTEE
    gap, added = document.marks
    assert (gap.kind, gap.text, gap.source) == (MarkKind.STRUCK, "", "uslm:not-printed")
    assert (added.kind, added.source) == (MarkKind.INSERTED, "uslm:changed=added")
    assert added.span == (gap.span[0], len(document.text) - 1)  # all of <main changed="added">
    assert added.text.startswith("\nA BILL\nTo expand Americans’ access to the ballot box")
    before, after = side(document, "before"), side(document, "after")
    assert after.text == document.text
    # The reported bill does not print the introduced text it strikes ("For text of introduced
    # bill, see copy of bill as introduced on January 3, 2019"): the before side is partial.
    assert before.text == document.text[:gap.span[0]] + "\n"
    assert before.text.endswith("[For text of introduced bill, see copy of bill as introduced "
                                "on January 3, 2019]\n")
    assert before.partial and not after.partial
    assert [(n.kind, n.span) for n in before.notes if n.kind is NoteKind.GAP] == [
        (NoteKind.GAP, (gap.span[0], gap.span[0]))]
    short_title = next(c for c in after.structure or () if c.id == "s1")
    assert short_title.text == ("SECTION 1. SHORT TITLE. This Act may be cited as the “For the "
                                "People Act of 2019”.\n")
    assert "SECTION 1. SHORT TITLE" not in before.text
    pairs = compare(before, after).pairs
    assert {p.status for p in pairs if p.old is None} == {Status.UNPAIRED}  # never "added"


# --- bill DTD ---------------------------------------------------------------------------------


@pytest.mark.corpus
def test_bill_dtd_amendment_in_the_nature_of_a_substitute(corpus: Path) -> None:
    document = load_path(corpus / "raw" / "BILLS-118hr8205rh.xml")
    assert document.before == BEFORE_COMMITTEE
    gap, added = document.marks
    assert (gap.kind, gap.source, added.source) == (MarkKind.STRUCK, "bill-dtd:not-printed",
                                                    "bill-dtd:changed=added")
    enacting = ("Be it enacted by the Senate and House of Representatives of the United States "
                "of America in Congress assembled,")
    assert document.text[:added.span[0]].endswith(enacting)  # the enacting clause stays
    assert added.text == (
        "\nSECTION 1. Short title. This Act may be cited as the “Keeping Violent Offenders Off "
        "Our Streets Act”.\nSEC. 2. Fraud in connection with posting bail. Section "
        "1033(f)(1)(A) of title 18, United States Code, is amended by inserting before the comma "
        "the following: “(including the posting of monetary bail, criminal bail bonds, and "
        "Federal immigration bail bonds)”.")
    before = side(document, "before")
    assert before.text.endswith(enacting + "\n") and before.partial
    assert [c.id for c in split(before).walk()] == ["front", "enacting"]
    assert [c.id for c in document.structure or () if c.kind is Kind.SECTION] == ["s1", "s2"]


_BILL = """<bill bill-stage="Reported-in-House"><form><legis-num>H. R. 1</legis-num></form>
<legis-body><section section-type="section-one"><enum>1.</enum><header>Retention</header>
<text>Biometric identifiers shall be destroyed within <deleted-phrase>3 years</deleted-phrase>
<added-phrase>1 year</added-phrase>.</text></section>
<section changed="deleted"><enum>2.</enum><header>Exception</header><text>Section 1 does not
apply to law enforcement.</text></section>
<section changed="added"><enum>2.</enum><header>Enforcement</header><text>Any person aggrieved
may bring an action.</text></section></legis-body></bill>"""


def test_bill_dtd_struck_provisions_leave_the_tree_and_return_before() -> None:
    document = parse_xml(_BILL, SNIPPET, where="bill.xml")
    assert document.before == BEFORE_COMMITTEE
    after = {c.id: c.text for c in document.structure or ()}
    assert after == {
        "front": "H. R. 1\n",
        "enacting": "Be it enacted by the Senate and House of Representatives of the United "
                    "States of America in Congress assembled,\n",
        "s1": "SECTION 1. Retention. Biometric identifiers shall be destroyed within 1 year.\n",
        "s2": "SEC. 2. Enforcement. Any person aggrieved may bring an action.\n"}
    before = side(document, "before")
    assert before.text.endswith(
        "SECTION 1. Retention. Biometric identifiers shall be destroyed within 3 years.\n"
        "SEC. 2. Exception. Section 1 does not apply to law enforcement.\n")
    pairs = {(p.old.heading if p.old else None, p.new.heading if p.new else None): p.status
             for p in compare(before, document).pairs if p.status is not Status.UNCHANGED}
    assert pairs == {("Retention", "Retention"): Status.MODIFIED,
                     ("Exception", None): Status.REMOVED, (None, "Enforcement"): Status.ADDED}
    assert squeeze(rebuild(document.text, document.notes)).count("3years") == 1


_SUBSTITUTE = """<bill bill-stage="Reported-in-House"><form><legis-num>H. R. 2</legis-num>
<action><action-desc>Reported with an amendment</action-desc><action-instruction>Strike out all
after the enacting clause and insert the part printed in italic</action-instruction></action>
</form><legis-body changed="deleted" reported-display-style="strikethrough"><section
section-type="section-one"><enum>1.</enum><header>Ban</header><text>No agency may use facial
recognition.</text></section></legis-body><legis-body changed="added"
reported-display-style="italic"><section section-type="section-one"><enum>1.</enum>
<header>Ban</header><text>No agency may use facial recognition, except with a
warrant.</text></section></legis-body></bill>"""


def test_bill_dtd_struck_body_and_substitute_are_both_read() -> None:
    document = parse_xml(_SUBSTITUTE, SNIPPET, where="rh.xml")
    assert [(m.kind, m.source) for m in document.marks] == [
        (MarkKind.STRUCK, "bill-dtd:changed=deleted"), (MarkKind.INSERTED,
                                                       "bill-dtd:changed=added")]
    ban = "SECTION 1. Ban. No agency may use facial recognition"
    assert [c.text for c in document.structure or () if c.id == "s1"] == [
        f"{ban}, except with a warrant.\n"]
    before = side(document, "before")
    assert before.text.endswith(f"in Congress assembled,\n{ban}.\n")
    assert not before.partial  # the struck body is printed
    [pair] = [p for p in compare(before, document).pairs if p.status is Status.MODIFIED]
    assert (pair.new.id if pair.new else None, pair.verdict) == ("s1", Verdict.WEAKER)


def test_xml_holding_the_tag_characters_is_read_without_its_markup() -> None:
    text = _BILL.replace("law enforcement", f"law enforcement {SENTINELS[1]}")
    document = parse_xml(text, SNIPPET, where="bill.xml")
    assert document.marks == () and document.before is None
    assert "within 3 years 1 year." in document.text
    assert any("amendment markup not read" in n.text for n in document.provenance.notes)
