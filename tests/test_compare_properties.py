"""The contract's invariants as properties, on texts generated from drafting fragments."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from legcompare.chardiff import diff_text
from legcompare.compare import compare
from legcompare.ingest.text import parse_text
from legcompare.model import CompareOptions, Document, Mode, Op, Provenance, Status
from legcompare.split import split

LINES = st.sampled_from([
    "SEC. 1. SHORT TITLE.", "SEC. 2. DEFINITIONS.", "SEC. 3. BAN.", "(a) In general.—",
    "(b) No agency shall use it.", "(c) An agency may use it.", "(1) a warrant;", "(2) consent;",
    "(A) written; or", "(B) oral.", "The term “system” means software.", "Provided, That x.",
    "This Act shall take effect on January 1, 2024.", "$1,000 per violation.", "",
    "[... text not retrieved ...]", "§ 2. This act shall take effect immediately.",
])
TEXTS = st.lists(LINES, max_size=25).map("\n".join)


def doc(text: str, name: str = "bill") -> Document:
    return parse_text(text, Provenance("us-federal", name, None, name, "test"))


@settings(max_examples=150, deadline=None)
@given(TEXTS, TEXTS, st.sampled_from([Mode.VERSIONS, Mode.CROSS]))
def test_pairs_rebuild_both_texts_and_cover_every_clause(a: str, b: str, mode: Mode) -> None:
    old, new = doc(a), doc(b)
    c = compare(old, new, options=CompareOptions(mode=mode))
    for p in c.pairs:
        assert "".join(e.text for e in p.edits if e.op is not Op.INSERT) == (
            p.old.text if p.old else "")
        assert "".join(e.text for e in p.edits if e.op is not Op.DELETE) == (
            p.new.text if p.new else "")
        if p.verdict.value != "neutral":
            assert p.reasons
    assert sorted(p.old.id for p in c.pairs if p.old) == sorted(x.id for x in split(old).walk())
    assert sorted(p.new.id for p in c.pairs if p.new) == sorted(x.id for x in split(new).walk())


@settings(max_examples=100, deadline=None)
@given(TEXTS)
def test_self_compare_is_all_unchanged_and_neutral(a: str) -> None:
    d = doc(a)
    c = compare(d, d)
    assert all(p.status is Status.UNCHANGED and p.verdict.value == "neutral" for p in c.pairs)


@settings(max_examples=100, deadline=None)
@given(TEXTS, TEXTS)
def test_swapping_inputs_swaps_inserts_and_deletes(a: str, b: str) -> None:
    forward = compare(doc(a), doc(b), options=CompareOptions(mode=Mode.VERSIONS))
    backward = compare(doc(b), doc(a), options=CompareOptions(mode=Mode.VERSIONS))
    flip = {Status.ADDED: Status.REMOVED, Status.REMOVED: Status.ADDED,
            Status.SPLIT: Status.MERGED, Status.MERGED: Status.SPLIT}
    f = sorted((str(p.old.id if p.old else None), str(p.new.id if p.new else None),
                p.status.value) for p in forward.pairs)
    g = sorted((str(p.new.id if p.new else None), str(p.old.id if p.old else None),
                flip.get(p.status, p.status).value) for p in backward.pairs)
    assert f == g


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=300), st.text(max_size=300))
def test_word_diff_rebuilds_any_two_strings(a: str, b: str) -> None:
    edits = diff_text(a, b, max_tokens=40).edits
    assert "".join(e.text for e in edits if e.op is not Op.INSERT) == a
    assert "".join(e.text for e in edits if e.op is not Op.DELETE) == b
    mirrored = diff_text(b, a, max_tokens=40).edits
    assert "".join(e.text for e in mirrored if e.op is Op.INSERT) == "".join(
        e.text for e in edits if e.op is Op.DELETE)
