"""Reading HTML: govinfo's ``<pre>`` renderings as printed text, other pages flattened to lines,
and hostile markup never reaching the display text."""

from __future__ import annotations

from pathlib import Path

import pytest

from legcompare.ingest import ingest_bytes
from legcompare.ingest.html import parse_html
from legcompare.model import Kind, NoteKind, Provenance
from legcompare.split import split

PROVENANCE = Provenance("us", "snippet", None, None, "file")


def test_scripts_styles_and_comments_are_dropped() -> None:
    page = ("<html><head><title>Bill</title><style>p { color: red }</style>"
            "<script>alert(1)</script></head><body><!-- hidden remark -->"
            "<p>SEC. 1. Visible text.</p><noscript>enable scripts</noscript>"
            "<script type='text/javascript'>document.write('x')</script></body></html>")
    document = parse_html(page, PROVENANCE)
    assert document.text == "Bill\nSEC. 1. Visible text.\n"
    for hidden in ("alert", "color", "hidden remark", "enable scripts", "document.write"):
        assert hidden not in document.text
    assert [(n.kind, n.text) for n in document.notes] == [
        (NoteKind.EDITORIAL, "dropped 3 script/style element(s) of the page")]
    assert document.provenance.format == "html"


def test_entities_line_breaks_and_spaces() -> None:
    page = ("<body><p>Tom &amp; Jerry&nbsp;&mdash; caf&eacute;<br>second\n   line</p>"
            "<div>(a)   first    provision</div><ul><li>one</li><li>two</li></ul>"
            "<table><tr><td>cell 1</td><td>cell 2</td></tr></table></body>")
    document = parse_html(page, PROVENANCE)
    assert document.text == ("Tom & Jerry — café\nsecond line\n(a) first provision\none\ntwo\n"
                             "cell 1 cell 2\n")


def test_broken_and_hostile_markup_never_reaches_the_text() -> None:
    page = ('<p>Intro <b>bold <i>both</p><p>after<img src=x onerror="alert(2)"></i>'
            '<a href="javascript:alert(3)">link</a><div onclick=evil()>(b) text<p>unclosed'
            '<svg><script>alert(4)</script></svg><textarea><script>t()</script></textarea>')
    text = parse_html(page, PROVENANCE).text
    assert text == "Intro bold both\nafterlink\n(b) text\nunclosed\n"
    for markup in ("<", "alert", "onerror", "javascript"):
        assert markup not in text


def test_struck_text_leaves_the_display_text_and_is_kept_as_a_mark() -> None:
    page = "<p>within <del>30</del><ins>60</ins> days</p>"
    document = parse_html(page, PROVENANCE)
    assert document.text == "within 60 days\n"
    assert [(m.kind.value, m.text) for m in document.marks] == [("struck", "30"),
                                                                ("inserted", "60")]


def test_deep_nesting_does_not_exhaust_the_stack() -> None:
    page = "<div>" * 3000 + "deep text" + "</div>" * 3000
    assert parse_html(page, PROVENANCE).text == "deep text\n"


@pytest.mark.corpus
def test_govinfo_pre_rendering_is_read_as_printed_text(corpus: Path) -> None:
    provenance = Provenance("us", "hr2002-116", "ih", None, "file")
    name = "BILLS-116hr2002ih.htm"
    document = ingest_bytes((corpus / "raw" / name).read_bytes(), provenance, where=name)
    assert document.provenance.format == "html"
    assert document.text.startswith("[Congressional Bills 116th Congress]\n")
    assert "    Be it enacted by the Senate and House of Representatives of the \n" \
        in document.text
    sections = [c for c in split(document).clauses if c.kind is Kind.SECTION]
    assert [(c.id, c.label) for c in sections] == [
        ("s1", "SECTION 1."), ("s2", "SEC. 2."), ("s3", "SEC. 3."), ("s4", "SEC. 4."),
        ("s5", "SEC. 5.")]
    # The same sections as the bill-DTD XML of this version.
    xml = ingest_bytes((corpus / "raw" / "BILLS-116hr2002ih.xml").read_bytes(), provenance,
                       where="BILLS-116hr2002ih.xml")
    assert [c.id for c in xml.structure or () if c.kind is Kind.SECTION] == \
        [c.id for c in sections]
