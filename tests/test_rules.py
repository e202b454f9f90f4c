"""One minimal pair per rule: each packaged rule fires on a short pair written for it.

The pairs are data (``tests/cases/rules/<file>.toml``, one file per rule file): a few lines of
bill-like text before and after one change, the provision the change is in (its id, or the
old id for a removed provision), the rule that must be among that pair's reasons and the
pair's verdict. A case fails if its rule is removed or stops firing, and a rule without a case
fails ``test_every_packaged_rule_has_a_case``. Each pair is also run the other way round: the
verdict must be the mirror (stronger ⇔ weaker, the rest unchanged), which is what keeps every
rule paired with its counterpart.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path

import pytest

from legcompare.assess.rules import load_rules
from legcompare.compare import compare
from legcompare.ingest.text import parse_text
from legcompare.model import (
    ClausePair,
    CompareOptions,
    Comparison,
    Document,
    Mode,
    Perspective,
    Provenance,
)

CASES_DIR = Path(__file__).resolve().parent / "cases" / "rules"
_KEYS = {"rule", "clause", "verdict", "old", "new", "mode"}
_VERDICTS = {"stronger", "weaker", "mixed", "neutral", "unclear"}
MIRROR = {"stronger": "weaker", "weaker": "stronger"}


@dataclass(frozen=True)
class Case:
    file: str
    rule: str
    clause: str
    verdict: str
    old: str
    new: str
    mode: Mode

    def __str__(self) -> str:
        return self.rule


def load_cases() -> list[Case]:
    out = []
    for path in sorted(CASES_DIR.glob("*.toml")):
        for i, raw in enumerate(tomllib.loads(path.read_text(encoding="utf-8"))["cases"]):
            where = f"{path.name} case {i + 1}"
            assert set(raw) <= _KEYS, f"{where}: unknown keys {sorted(set(raw) - _KEYS)}"
            assert _KEYS - {"mode"} <= set(raw), f"{where}: missing {_KEYS - {'mode'} - set(raw)}"
            assert raw["verdict"] in _VERDICTS, where
            out.append(Case(path.name, raw["rule"], raw["clause"], raw["verdict"], raw["old"],
                            raw["new"], Mode(raw.get("mode", "versions"))))
    return out


CASES = load_cases()


def doc(text: str, name: str) -> Document:
    return parse_text(text, Provenance("us-federal", "bill", name, name, "test"))


def run(old: str, new: str, mode: Mode,
        perspective: Perspective = Perspective.PROTECTIVE) -> Comparison:
    return compare(doc(old, "old"), doc(new, "new"),
                   options=CompareOptions(mode=mode, perspective=perspective))


def pair_of(c: Comparison, clause: str, *, reverse: bool = False) -> ClausePair:
    """The pair holding ``clause``: its new provision's id, or the old one's where the provision
    was removed (``reverse``: the comparison runs the case the other way round)."""
    for p in c.pairs:
        holder = (p.old or p.new) if reverse else (p.new or p.old)
        if holder is not None and holder.id == clause:
            return p
    raise AssertionError(f"no pair holds {clause!r}: "
                         f"{[(p.old and p.old.id, p.new and p.new.id) for p in c.pairs]}")


def describe(p: ClausePair) -> str:
    return f"{p.verdict.value} {[(r.rule, r.direction.value, r.old, r.new) for r in p.reasons]}"


@pytest.mark.parametrize("case", CASES, ids=str)
def test_rule_fires_on_its_minimal_pair(case: Case) -> None:
    p = pair_of(run(case.old, case.new, case.mode), case.clause)
    assert case.rule in [r.rule for r in p.reasons], describe(p)
    assert p.verdict.value == case.verdict, describe(p)
    # The permissive perspective keeps the reason and mirrors the verdict.
    q = pair_of(run(case.old, case.new, case.mode, Perspective.PERMISSIVE), case.clause)
    assert case.rule in [r.rule for r in q.reasons], describe(q)
    assert q.verdict.value == MIRROR.get(case.verdict, case.verdict), describe(q)


@pytest.mark.parametrize("case", CASES, ids=str)
def test_the_pair_read_backwards_gets_the_mirror_verdict(case: Case) -> None:
    p = pair_of(run(case.new, case.old, case.mode), case.clause, reverse=True)
    assert p.verdict.value == MIRROR.get(case.verdict, case.verdict), describe(p)


def test_every_packaged_rule_has_a_case_and_every_case_a_rule() -> None:
    rules = {r.id: r for r in load_rules().rules}
    covered = {c.rule for c in CASES}
    assert sorted(set(rules) - covered) == []
    assert sorted(covered - set(rules)) == []
    # Each case sits in the file named after its rule's file.
    assert [(c.rule, c.file) for c in CASES if rules[c.rule].source != c.file] == []


def test_the_cases_are_minimal_bill_text() -> None:
    for c in CASES:
        assert c.old != c.new, c.rule
        for text in (c.old, c.new):
            assert text.endswith("\n") and len(text.splitlines()) <= 8, c.rule
