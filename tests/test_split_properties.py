"""Invariants of splitting, on generated texts built from drafting fragments."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from legcompare.ingest.text import parse_text
from legcompare.model import Provenance
from legcompare.split import split

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
