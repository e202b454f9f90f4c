"""Print furniture leaves the display text as notes, and nothing else does."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from legcompare.ingest import layout as layout_module
from legcompare.ingest.layout import rebuild, strip_furniture
from legcompare.model import NoteKind


def test_corpus_markers_become_notes_and_make_the_text_partial() -> None:
    src = "Sec. 1. Text.\n[editorial: a label]\n[... text not retrieved ...]\nSec. 2. More.\n"
    layout = strip_furniture(src)
    assert layout.text == "Sec. 1. Text.\nSec. 2. More.\n"
    assert [(n.kind, n.span) for n in layout.notes] == [
        (NoteKind.EDITORIAL, (14, 14)), (NoteKind.GAP, (14, 14))]
    assert layout.partial
    assert rebuild(layout.text, layout.notes) == src


def test_ny_page_header_and_explanation_leave_and_give_the_page() -> None:
    src = ("S T A T E  O F  N E W  Y O R K\n  1. A PRIVATE ENTITY SHALL\n \n"
           "  EXPLANATION--Matter in ITALICS (underscored) is new; matter in brackets\n"
           "  [ ] is old law to be omitted.\n  LBD01142-01-3\n S. 4457  2\n \n NOT SELL DATA.\n")
    layout = strip_furniture(src)
    assert "EXPLANATION" not in layout.text and "LBD" not in layout.text
    assert "S. 4457  2" not in layout.text
    assert [n.kind for n in layout.notes] == [NoteKind.EXPLANATION, NoteKind.EXPLANATION,
                                              NoteKind.PAGE_HEADER, NoteKind.PAGE_HEADER]
    assert layout.lines[-1].page == 2
    assert layout.text[layout.lines[-1].offset:].lstrip().startswith("NOT SELL")
    assert rebuild(layout.text, layout.notes) == src


def test_gpo_margin_numbers_become_locators() -> None:
    body = "".join(f"{i} line {i} of the bill text\n" for i in range(1, 8))
    src = body + "VerDate Sep 11 2014  19:20 Jul 17, 2020  Jkt 099200\n\n2\n1 SEC. 2. NEXT.\n"
    layout = strip_furniture(src)
    assert layout.text.startswith("line 1 of the bill text\nline 2")
    assert "VerDate" not in layout.text and "\n2\n" not in layout.text
    assert [(m.page, m.line) for m in layout.lines][-2:] == [(1, 7), (2, 1)]
    assert rebuild(layout.text, layout.notes) == src


def test_numbers_that_are_not_a_margin_sequence_stay() -> None:
    src = "1 apple\n3 pears\n10 plums\n"
    assert strip_furniture(src).text == src


def test_flattened_pdf_text_loses_its_run_in_line_numbers() -> None:
    words = " ".join(f"{n} word{n} and more text here" for n in range(1, 12))
    src = "FILE NO. " + words + " " + "x" * 1000
    layout = strip_furniture(src)
    assert "word1 and" in layout.text and " 2 word2" not in layout.text
    assert len(layout.lines) == 11
    assert rebuild(layout.text, layout.notes) == src


def test_a_running_head_s_page_number_is_no_margin_number() -> None:
    """S.F. File No. 190110 as amended breaks off at a page's foot: "... General Findings.
    Supervisors Peskin; Yee BOARD OF SUPERVISORS Page 1 1 2 3 4 5 6 7 8 9 10" and a line break.
    The head's "1" was taken for margin number 1, the margin's own "1" and the last number
    before the line break ("10") stayed in the text ("General Findings.  1 10")."""
    words = " ".join(f"{n} word{n} and more text here" for n in range(1, 12))
    src = ("FILE NO. " + words + " " + "x" * 1000 + " General Findings. Supervisors Peskin; Yee "
           "BOARD OF SUPERVISORS Page 1 " + " ".join(str(n) for n in range(1, 11)) +
           "\n[... text not retrieved ...]\n")
    layout = strip_furniture(src)
    assert layout.text.endswith("x General Findings.  \n\n")
    assert [n.text for n in layout.notes if n.kind is NoteKind.PAGE_HEADER] == [
        "Supervisors Peskin; Yee BOARD OF SUPERVISORS Page 1"]
    assert rebuild(layout.text, layout.notes) == src


@pytest.mark.corpus
def test_every_corpus_text_rebuilds_exactly(corpus: Path) -> None:
    files = sorted(corpus.glob("*.txt")) + sorted((corpus / "preemption").glob("*.txt"))
    assert len(files) >= 60
    for f in files:
        src = f.read_text(encoding="utf-8")
        layout = strip_furniture(src)
        assert rebuild(layout.text, layout.notes) == src, f.name
        assert layout.partial == ("[... text not retrieved ...]" in src), f.name


@pytest.mark.corpus
def test_the_one_pattern_test_finds_the_lines_some_rule_matches(corpus: Path) -> None:
    # strip_furniture tries its rules one by one only where the combined pattern matches
    rules = layout_module._LINE_FURNITURE + layout_module._SLIP_LAW_LINES
    lines = ["", "  ", "2", " 12 ", "VerDate Sep 11 2014", "  LBD01142-01-3", "S. 4457  2",
             "[editorial: x]", "[... text not retrieved ...]", "42 USC 1885a note.",
             "  Short Title Act of 2019.  ", "2 SEC. 2.", "[editorial: x] y"]
    for name in ("us-federal-publ115-6.txt", "us-ny-s4457-2023-original.txt",
                 "us-federal-hr2157-116-introduced.txt", "us-ca-sf-admin-19b.txt"):
        lines += (corpus / name).read_text(encoding="utf-8").splitlines()
    hits = 0
    for body in lines:
        some = any(rule.pattern.fullmatch(body) for rule in rules)
        assert bool(layout_module._ANY_FURNITURE.fullmatch(body)) is some, body
        hits += some
    assert hits > 20  # the test sees furniture, not only text


_PRINTED_LINES = ["", "  ", "1", "2", " 3", "12", "123", "9999", "   4 The Secretary shall",
                  "5 (a) In general", "11 x", "\t13 tab", "\u00a0 14 after a no-break space",
                  "VerDate Mar 15 2010 12:00 Jan 01, 2020 Jkt 000000 PO 00000 Frm 00001",
                  "[editorial: note]", "[... text not retrieved ...]", "S. 4457  2",
                  "A. 123--B   7", "Cal. No. 12   3", "LBD12345-01-3",
                  "EXPLANATION--Matter in ITALICS (underscored) is new; matter in brackets",
                  "[ ] is old law to be omitted.", "HR 2157 IH on Mar 2019 with BILLS 1 SEC. 2.",
                  "x on y with BILLS   3 text", "(a) A plain line.", "SEC. 2. TITLE.",
                  "12\r", "7\x0c", "S. 1\u2028 2"]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(_PRINTED_LINES), max_size=40), st.sampled_from(["", "\n"]))
def test_searching_for_furniture_lines_finds_what_reading_every_line_does(
        lines: list[str], end: str) -> None:
    # strip_furniture visits only the lines a search of the whole text says may be furniture
    # (or gutter numbers, or slugs); visiting every line must come to the same layout
    source = "\n".join(lines) + end
    searched = strip_furniture(source)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(layout_module, "_lines_where",
                      lambda _, text: layout_module._every_line(text.splitlines(True)))
        read = strip_furniture(source)
    assert searched == read
    assert rebuild(searched.text, searched.notes) == source


@pytest.mark.corpus
def test_searching_and_reading_every_line_agree_on_the_corpus(corpus: Path) -> None:
    for f in sorted(corpus.glob("*.txt")):
        source = f.read_text(encoding="utf-8")
        searched = strip_furniture(source)
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(layout_module, "_lines_where",
                          lambda _, text: layout_module._every_line(text.splitlines(True)))
            assert strip_furniture(source) == searched, f.name


def test_every_furniture_rule_has_a_line_the_search_must_find() -> None:
    # a rule added without its start in _FURNITURE_START fails here (or in the test above,
    # once its example is in _PRINTED_LINES)
    for rule in layout_module._LINE_FURNITURE:
        assert any(rule.pattern.fullmatch(line) for line in _PRINTED_LINES), rule.name
