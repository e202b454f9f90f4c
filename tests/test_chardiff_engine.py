"""The compiled diff-match-patch gives the pure-Python package's answers, run for run."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from legcompare import chardiff
from legcompare.align import _Side
from legcompare.ingest import load_path
from legcompare.model import Edit, Op
from legcompare.split import split

pytestmark = pytest.mark.skipif(chardiff._compiled is None,
                                reason="fast_diff_match_patch has no wheel for this platform")

# Small alphabets make many equally short diffs, where the two could break ties differently;
# the Private Use Area characters (both planes) are what sequence_diff feeds the differ.
_ALPHABETS = ["ab", "abc", "ab \n.", "\ue000\ue001\ue002", "\U000f0000\U000f0001\ue000"]


@st.composite
def _pair(draw: st.DrawFn) -> tuple[str, str]:
    alphabet = draw(st.sampled_from(_ALPHABETS))
    old = draw(st.text(alphabet, max_size=150))
    if draw(st.booleans()):
        return old, draw(st.text(alphabet, max_size=150))
    new = list(old)
    for at, char, delete in draw(st.lists(st.tuples(st.integers(0, 150),
                                                    st.sampled_from(alphabet), st.booleans()),
                                          max_size=12)):
        if delete and new:
            del new[at % len(new)]
        else:
            new.insert(at % (len(new) + 1), char)
    return old, "".join(new)


@settings(max_examples=2000, deadline=None)
@given(_pair())
def test_compiled_runs_are_the_reference_runs(pair: tuple[str, str]) -> None:
    old, new = pair
    assert chardiff.diff_runs(old, new) == chardiff.diff_runs(old, new, compiled=False)


@pytest.mark.parametrize(("old", "new", "runs"), [
    ("", "", []),
    ("abc", "abc", [(Op.EQUAL, 3)]),
    ("", "ab", [(Op.INSERT, 2)]),
    ("the cat sat", "the dog sat", [(Op.EQUAL, 4), (Op.DELETE, 3), (Op.INSERT, 3),
                                    (Op.EQUAL, 4)]),
])
def test_known_runs(old: str, new: str, runs: list[tuple[Op, int]]) -> None:
    assert chardiff.diff_runs(old, new) == runs
    assert chardiff.diff_runs(old, new, compiled=False) == runs


def test_a_real_bill_clause_sequence_and_word_diffs_match_the_reference(corpus: Path) -> None:
    old = split(load_path(corpus / "us-federal-hr2157-116-introduced.txt"))
    new = split(load_path(corpus / "us-federal-hr2157-116-enrolled.txt"))
    a, b = chardiff._encode(_Side.of(old).anchor, _Side.of(new).anchor)
    runs = chardiff.diff_runs(a, b)
    assert runs == chardiff.diff_runs(a, b, compiled=False)
    assert sum(n for op, n in runs if op is not Op.INSERT) == len(a)
    assert sum(n for op, n in runs if op is Op.EQUAL) > 200
    text_a = "".join(c.text for c in old.walk())
    text_b = "".join(c.text for c in new.walk())
    words_a, words_b = chardiff._encode(chardiff.token_keys(chardiff.tokenize(text_a[:12000])),
                                        chardiff.token_keys(chardiff.tokenize(text_b[:12000])))
    assert chardiff.diff_runs(words_a, words_b) == \
        chardiff.diff_runs(words_a, words_b, compiled=False)


@pytest.mark.parametrize("text", ["", "x", "(a) No agency shall use it.\n", "§ 676-b " * 400])
def test_the_same_text_diffs_to_what_the_constructors_make(text: str) -> None:
    got = chardiff.diff_text(text, text)
    want = chardiff.Diff((Edit(Op.EQUAL, text),) if text else ())
    assert got == want and repr(got) == repr(want)
    assert [list(e.__dict__) for e in got.edits] == [["op", "text"]] * len(got.edits)
    assert list(got.__dict__) == ["edits", "notes"]
