"""Reading PDF files by position. The PDFs are made here with reportlab (BSD): a real corpus bill
laid out line for line in fixed-pitch type, with margin line numbers, a running header and
footer, and a phrase struck through by a drawn line; short snippets written for the test for
the rest (underline, proportional type, bad input, the limits of the child process)."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from click.testing import CliRunner
from reportlab.lib.pagesizes import letter
from reportlab.pdfgen import canvas

from legcompare.cli import main
from legcompare.errors import FormatError, InputError
from legcompare.ingest import detect_format, ingest_bytes, load_path
from legcompare.ingest.sandbox import Limits
from legcompare.markup import side
from legcompare.model import MarkKind, NoteKind, Provenance
from legcompare.normalize import key
from legcompare.split import split

PROVENANCE = Provenance("us-ca", "draft", "v1", None, "file")
BILL = "us-ny-a519-2023-introduced.txt"
PER_PAGE = 30
LEFT, TOP, LEAD = 90.0, 720.0, 14.0
STRUCK = "ONLY"


def make_pdf(lines: list[str], *, font: str = "Courier", size: float = 10,
             struck: dict[int, tuple[int, str]] | None = None,
             underlined: dict[int, tuple[int, str]] | None = None,
             numbered: bool = True, heads: bool = True, title: str | None = None) -> bytes:
    """``lines`` printed PER_PAGE to a page; ``struck``/``underlined`` map a line's index to
    (column, phrase) and draw a rule through or under that phrase."""
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=letter, invariant=1)
    if title:
        c.setTitle(title)
    pages = [lines[i:i + PER_PAGE] for i in range(0, len(lines), PER_PAGE)]
    for p, chunk in enumerate(pages, start=1):
        if heads:
            c.setFont("Helvetica", 9)
            c.drawString(LEFT, 760, f"TEST PRINT OF A CORPUS TEXT    page {p}")
            c.drawCentredString(306, 40, f"- {p} -")
        for n, line in enumerate(chunk, start=1):
            y = TOP - (n - 1) * LEAD
            if numbered:
                c.setFont("Courier", 8)
                c.drawRightString(LEFT - 20, y, str(n))
            c.setFont(font, size)
            c.drawString(LEFT, y, line)
            index = (p - 1) * PER_PAGE + n - 1
            for rules, rise in ((struck or {}, 0.3 * size), (underlined or {}, -0.15 * size)):
                if index in rules:
                    column, phrase = rules[index]
                    x0 = LEFT + c.stringWidth(line[:column], font, size)
                    c.line(x0, y + rise, x0 + c.stringWidth(phrase, font, size), y + rise)
        c.showPage()
    c.save()
    return buf.getvalue()


def corpus_lines(corpus: Path) -> list[str]:
    return (corpus / BILL).read_text(encoding="utf-8").split("\n")[:-1]


def with_struck_phrase(lines: list[str]) -> tuple[list[str], int, int]:
    """The bill with "ONLY " put before "FACTOR IN" (to be struck); the line and column."""
    index = next(i for i, line in enumerate(lines) if "THE SOLE FACTOR IN" in line)
    column = lines[index].index("FACTOR IN")
    lines = list(lines)
    lines[index] = lines[index][:column] + STRUCK + " " + lines[index][column:]
    return lines, index, column


def tree(document: object) -> list[tuple[str, str, list[str]]]:
    """Clause ids, labels and texts; a PDF prints no trailing spaces, so lines are compared
    without them."""
    return [(c.id, c.label, [ln.rstrip() for ln in c.text.split("\n")])
            for c in split(document).walk()]  # type: ignore[arg-type]


def note_texts(document: object, kind: NoteKind) -> list[str]:
    return [n.text for n in document.notes if n.kind is kind]  # type: ignore[attr-defined]


@pytest.fixture(scope="module")
def bill_pdf(corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    lines, index, column = with_struck_phrase(corpus_lines(corpus))
    path = tmp_path_factory.mktemp("pdf") / "a519.pdf"
    path.write_bytes(make_pdf(lines, struck={index: (column, STRUCK)}))
    return path


@pytest.mark.corpus
def test_a_corpus_bill_printed_as_pdf_has_the_clause_tree_of_its_text(
        corpus: Path, bill_pdf: Path) -> None:
    from_text = tree(load_path(corpus / BILL))
    from_pdf = tree(load_path(bill_pdf))
    assert from_pdf == from_text
    assert [(i, label) for i, label, _ in from_pdf] == [
        ("front", ""), ("enacting", ""), ("s1", "Section 1."), ("s1/q", ""),
        ("s1/q/837-y", "§ 837-Y."), ("s1/q/837-y/1", "1."), ("s1/q/837-y/1/a", "(A)"),
        ("s1/q/837-y/1/b", "(B)"), ("s1/q/837-y/1/c", "(C)"), ("s1/q/837-y/2", "2."),
        ("s1/q/837-y/3", "3."), ("s1/q/837-y/4", "4."), ("s2", "§ 2.")]


@pytest.mark.corpus
def test_the_phrase_drawn_struck_is_struck(bill_pdf: Path) -> None:
    document = load_path(bill_pdf)
    assert [(m.kind, m.text, m.source) for m in document.marks] == [
        (MarkKind.STRUCK, "ONLY ", "pdf:strike")]
    at = document.marks[0].span[0]
    assert document.text[at - 9:at + 9] == "THE SOLE FACTOR IN"
    assert "SHALL NOT BE THE SOLE ONLY FACTOR IN" in side(document, "before").text
    assert note_texts(document, NoteKind.MARKUP) == ["ONLY "]
    assert document.provenance.format == "pdf"
    assert document.provenance.content_type == "application/pdf"


@pytest.mark.corpus
def test_margin_numbers_and_running_heads_are_notes_and_locators(bill_pdf: Path) -> None:
    document = load_path(bill_pdf)
    # The PDF's running heads, by position; in between, the corpus text's own print furniture
    # (an LBD line and a page header), taken out by the text stage as in the .txt file.
    assert note_texts(document, NoteKind.PAGE_HEADER) == [
        "TEST PRINT OF A CORPUS TEXT page 1\n", "- 1 -\n",
        "TEST PRINT OF A CORPUS TEXT page 2\n", "  LBD00733-01-3\n", " A. 519  2\n",
        "- 2 -\n", "TEST PRINT OF A CORPUS TEXT page 3\n", "- 3 -\n"]
    numbers = note_texts(document, NoteKind.LINE_NUMBERS)
    assert numbers == [f"{n} " for n in range(1, 31)] * 2 + ["1 ", "2 "]
    assert (document.lines[0].page, document.lines[0].line) == (1, 1)
    assert (document.lines[-1].page, document.lines[-1].line) == (3, 2)
    assert len(document.lines) == 62
    located = {c.id: c.locator for c in split(document).walk()}
    assert located["s1/q/837-y/1/a"] == "p. 1, ll. 27–30"
    assert located["s1/q/837-y/2"] == "p. 2, ll. 13–21"
    assert located["s1/q/837-y/4"] == "p. 2, l. 27 – p. 3, l. 1"


@pytest.mark.corpus
def test_words_broken_at_a_line_end_join_in_the_comparison_key(bill_pdf: Path) -> None:
    clauses = {c.id: c for c in split(load_path(bill_pdf)).walk()}
    text = clauses["s1/q/837-y/1/a"].text
    assert "COMPUTER SOFT-\n WARE" in text  # printed as it is, hyphen and line end
    assert "computer software" in key(text)
    assert "an individual" in key(text)


def test_underline_is_inserted_and_proportional_type_reads_with_single_spaces() -> None:
    lines = ["SECTION 1. Section 832.19 of the Penal Code is amended to read:",
             "(a) A law enforcement agency shall not use biometric surveillance",
             "in connection with an officer camera or data collected by an",
             "officer camera."]
    data = make_pdf(lines, font="Times-Roman", size=11,
                    underlined={1: (lines[1].index("shall not"), "shall not")},
                    struck={3: (0, "officer camera.")}, heads=False)
    document = ingest_bytes(data, PROVENANCE)
    assert document.text == (
        "SECTION 1. Section 832.19 of the Penal Code is amended to read:\n"
        "(a) A law enforcement agency shall not use biometric surveillance\n"
        "in connection with an officer camera or data collected by an\n")
    assert [(m.kind, m.text, m.source) for m in document.marks] == [
        (MarkKind.INSERTED, "shall not", "pdf:underline"),
        (MarkKind.STRUCK, "officer camera.\n", "pdf:strike")]
    assert document.before == "not stated by the document"


def test_a_thin_filled_rectangle_strikes_like_a_line() -> None:
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=letter, invariant=1)
    c.setFont("Helvetica", 12)
    line = "(c) The fine is five hundred one thousand dollars."
    c.drawString(LEFT, TOP, line)
    x0 = LEFT + c.stringWidth(line[:16], "Helvetica", 12)
    c.rect(x0, TOP + 3.5, c.stringWidth("five hundred", "Helvetica", 12), 0.8, stroke=0, fill=1)
    c.showPage()
    c.save()
    document = ingest_bytes(buf.getvalue(), PROVENANCE)
    assert document.text == "(c) The fine is one thousand dollars.\n"
    assert [(m.kind, m.text) for m in document.marks] == [(MarkKind.STRUCK, "five hundred ")]


def test_a_pdf_with_no_drawn_rules_says_markup_was_not_available() -> None:
    document = ingest_bytes(make_pdf(["SEC. 2. This act takes effect January 1, 2024."] * 3,
                                     title="A test bill"), PROVENANCE)
    said = [n.text for n in document.provenance.notes if n.kind is NoteKind.MARKUP]
    assert said == [("no strike-through or underline is drawn in this PDF: amendment markup "
                     "shown only by typeface or colour (italics, red) is not read")]
    assert document.marks == ()
    assert document.provenance.title == "A test bill"


def test_a_pdf_without_text_says_so() -> None:
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=letter, invariant=1)
    c.rect(100, 100, 300, 400, fill=1)  # a scan would be an image: no text either
    c.showPage()
    c.save()
    document = ingest_bytes(buf.getvalue(), PROVENANCE)
    assert document.text == ""
    assert [n.text for n in document.provenance.notes] == [
        ("the PDF has no text to read (a scanned image?); legcompare does not recognise text in "
        "images")]


def test_unnumbered_pages_get_page_locators_and_no_gutter_is_invented() -> None:
    lines = ["12 months after the effective date, the department shall report.",
             "13 members of the board shall serve.", "14 days' notice is required."] * 2
    document = ingest_bytes(make_pdf(lines, numbered=False, heads=False), PROVENANCE)
    assert document.text.splitlines()[:2] == [
        "12 months after the effective date, the department shall report.",
        "13 members of the board shall serve."]
    assert [(m.offset, m.page, m.line) for m in document.lines] == [(0, 1, None)]
    assert not [n for n in document.notes if n.kind is NoteKind.LINE_NUMBERS]


def test_detect_format_and_load_path_read_a_pdf(tmp_path: Path) -> None:
    path = tmp_path / "bill.pdf"
    path.write_bytes(make_pdf(["SEC. 1. Short title."] * 4, heads=False))
    assert detect_format(path.read_bytes(), "bill.pdf") == "pdf"
    assert load_path(path).text.startswith("SEC. 1. Short title.\n")


def test_not_a_pdf_is_one_line() -> None:
    with pytest.raises(FormatError) as caught:
        ingest_bytes(b"%PDF-1.7\n" + b"\x00garbage" * 50, PROVENANCE, where="bad.pdf")
    message = str(caught.value)
    assert message.startswith("bad.pdf: not a readable PDF: it is malformed (")
    assert "\n" not in message


def test_the_time_limit_stops_the_reader() -> None:
    from legcompare.ingest.pdf import read_pdf

    with pytest.raises(InputError) as caught:
        read_pdf(make_pdf(["SEC. 1. Text."]), PROVENANCE, limits=Limits(timeout=0.01),
                 where="slow.pdf")
    assert str(caught.value) == "slow.pdf: reading the PDF took longer than 0.01 s; refused"


def test_the_memory_limit_stops_the_reader() -> None:
    from legcompare.ingest.pdf import read_pdf

    with pytest.raises(InputError) as caught:
        read_pdf(make_pdf(["SEC. 1. Text."]), PROVENANCE,
                 limits=Limits(memory=24 << 20), where="big.pdf")
    assert str(caught.value) == "big.pdf: reading the PDF needed more than 24 MB of memory; refused"


def test_cli_outline_of_a_pdf_and_of_a_broken_one(tmp_path: Path) -> None:
    good, bad = tmp_path / "bill.pdf", tmp_path / "broken.pdf"
    good.write_bytes(make_pdf(["SECTION 1. The Legislature finds as follows:",
                               "(a) Facial recognition is error-prone.",
                               "SEC. 2. This act shall take effect immediately."],
                              heads=False))
    bad.write_bytes(b"%PDF-1.4\nnot really")
    runner = CliRunner()
    ok = runner.invoke(main, ["outline", str(good)])
    assert ok.exit_code == 0, ok.output
    assert [ln.split()[0] for ln in ok.output.splitlines()[2:]] == ["s1", "s1/a", "s2"]
    assert ok.output.splitlines()[3].endswith("[p. 1, l. 2]")
    failed = runner.invoke(main, ["outline", str(bad)])
    assert failed.exit_code == 2
    assert failed.output.startswith(f"legcompare: error: {bad}: not a readable PDF")
    assert len(failed.output.splitlines()) == 1
