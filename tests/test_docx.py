"""Reading Word documents: paragraphs in order, tracked changes read (never accepted or
rejected), zip bombs and non-documents refused. The documents are made here with python-docx
and revision markup written by hand (``w:ins`` around a run, ``w:del`` with ``w:delText``)."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from docx import Document as Docx
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from lxml import etree

from legcompare.compare import compare
from legcompare.errors import InputError
from legcompare.ingest import detect_format, ingest_bytes, load_path
from legcompare.markup import BEFORE_TRACKED, side
from legcompare.model import Mark, MarkKind, NoteKind, Provenance

PROVENANCE = Provenance("us", "draft", "v1", None, "file")
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"


def revision(tag: str, text: str, ident: int) -> etree._Element:
    """``<w:ins>`` or ``<w:del>`` around one run holding ``text``."""
    element = OxmlElement(tag)
    element.set(qn("w:id"), str(ident))
    element.set(qn("w:author"), "Legislative aide")
    element.set(qn("w:date"), "2024-03-01T00:00:00Z")
    run = OxmlElement("w:r")
    t = OxmlElement("w:delText" if tag == "w:del" else "w:t")
    t.set(XML_SPACE, "preserve")
    t.text = text
    run.append(t)
    element.append(run)
    return element


def paragraph_mark(paragraph: object, tag: str) -> None:
    """Mark a paragraph's own mark as inserted or deleted (``w:pPr/w:rPr/w:ins|w:del``)."""
    mark = OxmlElement(tag)
    mark.set(qn("w:id"), "9")
    mark.set(qn("w:author"), "Legislative aide")
    rpr = OxmlElement("w:rPr")
    rpr.append(mark)
    paragraph._p.get_or_add_pPr().append(rpr)  # type: ignore[attr-defined]


def tracked_bill() -> bytes:
    d = Docx()
    d.core_properties.title = "Biometric Privacy Act (draft)"
    d.add_paragraph("SEC. 2. RETENTION.")
    p = d.add_paragraph("(a) A private entity shall destroy biometric identifiers within ")
    p._p.append(revision("w:del", "3 years", 1))
    p._p.append(revision("w:ins", "1 year", 2))
    p.add_run(" of collection.")
    # A paragraph inserted whole: its runs and its paragraph mark.
    new = d.add_paragraph()
    new._p.append(revision("w:ins", "(b) The entity shall publish its retention schedule.", 3))
    paragraph_mark(new, "w:ins")
    # A deleted paragraph mark joins this paragraph to the next.
    joined = d.add_paragraph("(c) Consent must be written")
    paragraph_mark(joined, "w:del")
    d.add_paragraph(" and signed.")
    table = d.add_table(rows=1, cols=2)
    table.cell(0, 0).text = "Fine"
    table.cell(0, 1).paragraphs[0]._p.append(revision("w:ins", "$5,000", 4))
    d.sections[0].header.paragraphs[0].text = "DRAFT — not for circulation"
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


def test_tracked_changes_give_both_sides() -> None:
    document = ingest_bytes(tracked_bill(), PROVENANCE, where="draft.docx")
    after = ("SEC. 2. RETENTION.\n"
             "(a) A private entity shall destroy biometric identifiers within 1 year of "
             "collection.\n"
             "(b) The entity shall publish its retention schedule.\n"
             "(c) Consent must be written and signed.\n"
             "Fine\n$5,000\n")
    before = ("SEC. 2. RETENTION.\n"
              "(a) A private entity shall destroy biometric identifiers within 3 years of "
              "collection.\n"
              "(c) Consent must be written\n and signed.\n"
              "Fine\n")
    assert document.text == after
    assert document.before == BEFORE_TRACKED
    assert document.marks == (
        Mark(MarkKind.STRUCK, (83, 83), "3 years", "docx:del"),
        Mark(MarkKind.INSERTED, (83, 89), "1 year", "docx:ins"),
        Mark(MarkKind.INSERTED, (105, 157), "(b) The entity shall publish its retention "
             "schedule.", "docx:ins"),
        Mark(MarkKind.INSERTED, (157, 158), "\n", "docx:paragraph-mark-ins"),
        Mark(MarkKind.STRUCK, (185, 185), "\n", "docx:paragraph-mark-del"),
        Mark(MarkKind.INSERTED, (203, 209), "$5,000", "docx:ins"))
    assert side(document, "before").text == before
    assert side(document, "after").text == after
    p = document.provenance
    assert (p.format, p.title) == ("docx", "Biometric Privacy Act (draft)")
    assert ("DRAFT — not for circulation", NoteKind.PAGE_HEADER) in [
        (n.text, n.kind) for n in document.notes]
    verdicts = {pair.new.id: pair.verdict.value for pair in
                compare(side(document, "before"), side(document, "after")).pairs
                if pair.new is not None and pair.status.value != "unchanged"}
    assert verdicts["s2/a"] == "stronger"  # shorter retention


def test_a_docx_file_is_read_by_path(tmp_path: Path) -> None:
    path = tmp_path / "draft.docx"
    path.write_bytes(tracked_bill())
    assert detect_format(path.read_bytes(), path.name) == "docx"
    document = load_path(path)
    assert document.provenance.format == "docx"
    assert len(document.marks) == 6


def zip_of(entries: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in entries.items():
            z.writestr(name, data)
    return buf.getvalue()


def test_zip_bomb_is_refused_before_it_is_unpacked() -> None:
    bomb = zip_of({"word/document.xml": b"<w:document/>" + b" " * 5_000_000})
    assert len(bomb) < 50_000
    with pytest.raises(InputError, match="unpacks to 5,000,013 bytes, over the limit of "
                                         "1,000,000"):
        ingest_bytes(bomb, PROVENANCE, max_bytes=1_000_000, where="bomb.docx")


def test_a_zip_that_is_not_a_word_document_is_refused() -> None:
    with pytest.raises(InputError, match="not a Word document: no main document part"):
        ingest_bytes(zip_of({"hello.txt": b"hi"}), PROVENANCE, where="x.docx")
    with pytest.raises(InputError, match="not a readable zip archive"):
        ingest_bytes(b"PK\x03\x04 broken", PROVENANCE, where="y.docx")
    with pytest.raises(InputError, match="malformed"):
        ingest_bytes(zip_of({"word/document.xml": b"<w:document"}), PROVENANCE, where="z.docx")


@pytest.mark.corpus
def test_a_tracked_changes_report_reads_back_as_its_two_documents(corpus: Path) -> None:
    """``diff --format docx`` writes the comparison as tracked changes; rejecting them (the
    before side) gives every old provision, accepting them (the after side) every new one."""
    from legcompare.render.docx_out import diff_docx

    old = load_path(corpus / "us-ny-s4457-2023-original.txt")
    new = load_path(corpus / "us-ny-s4457a-2024-amended.txt")
    comparison = compare(old, new)
    document = ingest_bytes(diff_docx(comparison), PROVENANCE, where="report.docx")
    before = " ".join(side(document, "before").text.split())
    after = " ".join(side(document, "after").text.split())
    assert all(" ".join(p.old.text.split()) in before for p in comparison.pairs if p.old)
    assert all(" ".join(p.new.text.split()) in after for p in comparison.pairs if p.new)
    assert "LIQUIDATED DAMAGES" in before and "LIQUIDATED DAMAGES" not in after
