"""Invariants of splitting, on generated texts built from drafting fragments."""

from __future__ import annotations

import gc
import re
from dataclasses import fields
from pathlib import Path

from hypothesis import example, given, settings
from hypothesis import strategies as st

from legcompare.ingest import load_path
from legcompare.ingest.text import parse_text
from legcompare.model import Clause, Kind, Provenance
from legcompare.split import patterns as P
from legcompare.split import split
from legcompare.split.builder import MAX_ENUM_LEVELS, MAX_QUOTED_LEVELS
from legcompare.split.scan import _VIRTUAL_BREAK, inline_candidates

FRAGMENTS = st.sampled_from([
    "SEC. 2. DEFINITIONS.", "Section 1.", "§ 676-B. RETENTION.", "TITLE II—GENERAL", "(a)",
    "(b) The term “X” means", "(1)", "(i)", "(h)", "(A)", "1.", "A.", "a.", "(a-1)", "1.(A)",
    "subsection (b)(1)", "; and", "; or", ":", "Provided, That", "shall", "may not", "* * *",
    "[... text not retrieved ...]", "[editorial: note]", "“(c) quoted", "as follows:",
    "is amended by adding", "\n", "\n\n", "  ", "text", "ARTICLE 32-A", "(B) (I)", "VerDate x",
])


def _doc(text: str):  # type: ignore[no-untyped-def]
    return parse_text(text, Provenance("us", "test", None, None, "test"))


@settings(max_examples=300, deadline=None)
@given(st.lists(FRAGMENTS, max_size=60).map(" ".join))
def test_splitting_never_loses_or_duplicates_text(text: str) -> None:
    document = _doc(text)
    outline = split(document)
    clauses = list(outline.walk())
    assert "".join(c.text for c in clauses) == document.text
    for c in clauses:
        assert document.text[c.span[0]:c.span[1]] == c.text
        if c.label_span:
            assert c.span[0] <= c.label_span[0] <= c.label_span[1] <= c.span[1]
    ids = [c.id for c in clauses]
    assert len(ids) == len(set(ids))


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=400))
def test_any_text_splits_into_a_partition(text: str) -> None:
    document = _doc(text)
    clauses = list(split(document).walk())
    assert "".join(c.text for c in clauses) == document.text
    assert len({c.id for c in clauses}) == len(clauses)


def test_empty_document_has_no_clauses() -> None:
    assert split(_doc("")).clauses == ()


# The definition inline_candidates answers for: positions of this pattern, searched per line.
_CANDIDATE = re.compile(r"(?<=[\s:—(\-])(?=\(\w{1,5}\)|\d{1,3}\.(?:\s|\()|[A-Za-z]\.\s)")


def _reference(text: str, pos: int, endpos: int) -> list[int]:
    return sorted({m.start() for m in _CANDIDATE.finditer(text, pos, endpos)})


@settings(max_examples=600, deadline=None)
@given(st.text(alphabet=" \n\t:—-().,;aAzZiv0123456789\u00a0\u0661", max_size=40),
       st.integers(0, 40), st.integers(0, 40))
def test_label_candidates_are_the_reference_patterns_positions(text: str, a: int, b: int
                                                                ) -> None:
    pos, endpos = min(a, b, len(text)), min(max(a, b), len(text))
    assert inline_candidates(text, pos, endpos) == _reference(text, pos, endpos)


def test_label_candidates_on_real_lines(corpus: Path) -> None:
    for name in ("us-federal-hr2157-116-enrolled.txt", "us-ny-s4457-2023-original.txt",
                 "us-ca-pen-832.19-2019-chaptered.txt"):
        text = load_path(corpus / name).text
        start = 0
        for line in text.split("\n"):
            end = start + len(line)
            for pos in (start, start + len(line) // 2):
                assert inline_candidates(text, pos, end) == _reference(text, pos, end)
            start = end + 1
    assert inline_candidates(" (a) x; 12. y (iv) z. A. w", 0, 26) == [1, 8, 14, 19, 22]


# Where lines_of breaks a flattened line: these runs of spaces (its pattern reads the
# look-behinds as text).
_BREAK = re.compile(r"(?<=[.:;,”\"-])\s+(?=(?:SECTION|SEC\.|Section) \d+[A-Z]?\.\s)"
                    r"|(?<=[.:;”\"])\s+(?=\(\w{1,4}\)\s|Be it (?:enacted|ordained))"
                    r"|(?<=as follows:)\s+(?=[^\s$a-z])")


def _breaks(line: str) -> list[tuple[int, int]]:
    return [(m.start(m.lastindex or 0), m.end(m.lastindex or 0))
            for m in _VIRTUAL_BREAK.finditer(line)]


@settings(max_examples=600, deadline=None)
@given(st.lists(st.sampled_from([". ", ":  ", ";\n", ",", "” ", '"', "- ", "SECTION 1. ",
                                 "SEC. 2.\t", "Section 3A. ", "(a) ", "(iv) ", "Be it enacted",
                                 "Be it ordained", "as follows: ", "as follows:", "x", " ",
                                 "(", "SEC", ".", "$5 ", "for "]), max_size=30))
def test_a_flattened_line_breaks_where_the_reference_pattern_says(pieces: list[str]) -> None:
    line = "".join(pieces)
    assert _breaks(line) == [m.span() for m in _BREAK.finditer(line)]


def test_a_flattened_line_breaks_where_the_reference_pattern_says_on_real_lines(corpus: Path
                                                                                ) -> None:
    long = [line for f in sorted(corpus.glob("*.txt"))
            for line in f.read_text(encoding="utf-8").split("\n") if len(line) > 1000]
    assert len(long) > 10
    assert sum(bool(_breaks(line)) for line in long) > 5
    for line in long:
        assert _breaks(line) == [m.span() for m in _BREAK.finditer(line)]


def test_clauses_made_without_the_constructor_are_what_it_makes(corpus: Path) -> None:
    outline = split(load_path(corpus / "us-ny-s4457-2023-original.txt"))
    names = [f.name for f in fields(Clause)]
    for c in outline.walk():
        assert list(c.__dict__) == names
        assert c == Clause(**c.__dict__)
        assert repr(c) == repr(Clause(**c.__dict__))


def test_splitting_leaves_no_garbage_for_the_collector(corpus: Path) -> None:
    # The command line runs with the collector off (cli.main): the split's node tree, its
    # one source of cyclic garbage, is unlinked before it returns.
    document = load_path(corpus / "us-federal-hr2157-116-enrolled.txt")
    gc.collect()
    was = gc.isenabled()
    gc.disable()
    try:
        outline = split(document)
        assert len(outline.clauses) > 10
        assert gc.collect() < 50  # 892 before it was unlinked (nodes, their lists, labels)
    finally:
        if was:
            gc.enable()


def test_a_label_run_on_after_a_section_label_is_placed_once() -> None:
    # Found by the property test above: "(a)" was placed by the run-on reader and again as
    # the first member of the run "(a) ...; and (b)", an empty clause and a reversed span.
    outline = split(_doc("Section 1. (a) ; and (b) The term “X” means"))
    assert [(c.id, c.span, c.label_span) for c in outline.walk()] == [
        ("s1", (0, 11), (0, 10)), ("s1/a", (11, 21), (11, 14)), ("s1/b", (21, 43), (21, 24))]


@settings(max_examples=600, deadline=None)
@given(st.lists(st.sampled_from(["as follows", "to read as follows", "the following new section",
                                 ":", " ", "\t", "-", "—", "\n", "x", "."]), max_size=12))
@example(["to read as follows", ":", " ", "-", "\n"])
def test_the_quoting_instruction_test_skips_only_texts_it_cannot_match(pieces: list[str]) -> None:
    text = "".join(pieces)
    if P.QUOTING_INSTRUCTION.search(text):
        assert P.may_end_instruction(text), text


def test_the_quoting_instruction_test_on_real_lines(corpus: Path) -> None:
    hits = 0
    for f in sorted(corpus.glob("*.txt")):
        for line in f.read_text(encoding="utf-8").split("\n"):
            if P.QUOTING_INSTRUCTION.search(line):
                hits += 1
                assert P.may_end_instruction(line), line
    assert hits > 10


# --- depth ----------------------------------------------------------------------------------

def _depths(clauses: tuple[Clause, ...], depth: int = 1) -> list[tuple[int, Clause]]:
    out: list[tuple[int, Clause]] = []
    for c in clauses:
        out += [(depth, c), *_depths(c.children, depth + 1)]
    return out


def test_labels_nest_no_deeper_than_the_levels_drafting_uses() -> None:
    # Every item ends with a dash, as if each opened a list: each label reads as a level below
    # the last, up to MAX_ENUM_LEVELS; the next ones sit beside the innermost level.
    styles = ["a", "1", "A", "i", "I"]
    labels = [styles[i % 5] for i in range(20)]
    text = "SEC. 1. TEST.\n" + "".join(f"({x}) The agency shall—\n" for x in labels)
    document = _doc(text)
    outline = split(document)
    placed = _depths(outline.clauses)
    assert "".join(c.text for _, c in placed) == document.text
    assert max(d for d, _ in placed) == 1 + MAX_ENUM_LEVELS == 17
    innermost = [c.id for d, c in placed if d == 17]
    assert innermost == ["s1/a/1/a/i/i/a/1/a/i/i/a/1/a/i/i/a",
                         "s1/a/1/a/i/i/a/1/a/i/i/a/1/a/i/i/1",
                         "s1/a/1/a/i/i/a/1/a/i/i/a/1/a/i/i/a~2",
                         "s1/a/1/a/i/i/a/1/a/i/i/a/1/a/i/i/i",
                         "s1/a/1/a/i/i/a/1/a/i/i/a/1/a/i/i/i~2"]


def _quoting(levels: int) -> str:
    lines = ["SEC. 1. AMENDMENTS.",
             "Section 2 of the Act (42 U.S.C. 1) is amended by adding at the end the following:"]
    lines += [f"“SEC. {i + 3}. MORE. Section {i + 4} of the Act is amended by adding at the end "
              "the following:" for i in range(levels)]
    lines += ["“(a) The end.”" + "”" * levels + ".", "SEC. 2. EFFECTIVE DATE.",
              "This Act takes effect on January 1, 2030."]
    return "\n".join(lines) + "\n"


def test_quoted_matter_opens_no_deeper_than_amendments_quote() -> None:
    for levels in (3, 600):  # 600: a thousand frames deep had every stage given up
        document = _doc(_quoting(levels))
        outline = split(document)
        placed = _depths(outline.clauses)
        assert "".join(c.text for _, c in placed) == document.text
        assert len({c.id for _, c in placed}) == len(placed)
        quoted = [c for _, c in placed if c.kind is Kind.QUOTED]
        assert len(quoted) == MAX_QUOTED_LEVELS == 4  # 3 + 1 levels: all; 601: the first 4
        # section 1, a section in each quoted matter, then the innermost's (a), or for 601
        # levels the sections the innermost quoted matter holds, and their (a)
        assert max(d for d, _ in placed) == 2 * MAX_QUOTED_LEVELS + (1 if levels < 4 else 2)
        assert sum(c.kind is Kind.SECTION for _, c in placed) == levels + 2


def test_thousands_of_provisos_in_a_section_are_numbered_in_order() -> None:
    # An appropriations section: each paragraph ends with two provisos.
    text = "SEC. 1. APPROPRIATIONS.\n" + "".join(
        f"For necessary expenses, ${i},000: Provided, That not more than ${i} shall be used for "
        f"travel: Provided further, That item {i} applies.\n" for i in range(3000))
    outline = split(_doc(text))
    (section,) = outline.clauses
    provisos = section.children
    assert [c.id for c in provisos] == [f"s1/proviso-{k}" for k in range(1, 6001)]
    assert provisos[-1].text == "Provided further, That item 2999 applies.\n"
