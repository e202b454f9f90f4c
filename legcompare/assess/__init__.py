"""Judging each change: stronger, weaker, mixed, neutral or unclear, with reasons.

Stage guarantees (``assess``): every pair gets a verdict; a verdict other than ``neutral``
always has a reason; reasons point at the words that caused them (spans inside the pair's
edits); ``permissive`` is the exact mirror of ``protective``; unchanged pairs are ``neutral``.

Aggregation: the reasons' directions decide — only stronger, ``stronger``; only weaker,
``weaker``; both, ``mixed``. A changed operative provision that no rule places is ``unclear``
with the changed words as evidence. Changes explained as formal (same amount written another
way, a spelling fixed) and changes to non-operative text are ``neutral``. Titles, digests,
findings and purpose clauses are judged like the rest but flagged ``descriptive``.
"""

from __future__ import annotations

from dataclasses import replace

from rapidfuzz import fuzz

from ..model import ClausePair, Direction, Mode, Outline, Perspective, Reason, Role, Status, Verdict
from ..normalize import key
from .engine import Run, Texts, judge, runs
from .rules import RuleSet, load_rules

__all__ = ["assess"]

_DESCRIPTIVE = frozenset({Role.DESCRIPTIVE, Role.NON_OPERATIVE})
_SPELLING_SIMILARITY = 75.0  # a changed word this similar to the old one is a spelling fix


def assess(pairs: tuple[ClausePair, ...], old: Outline, new: Outline, *, mode: Mode,
           perspective: Perspective, rules: tuple[str, ...]) -> tuple[ClausePair, ...]:
    """Give each pair its verdict, reasons and ``descriptive`` flag."""
    ruleset = load_rules(tuple(rules))
    texts = Texts(old.document.text, new.document.text)
    judged = tuple(_judge(p, ruleset, texts) for p in pairs)
    if perspective is Perspective.PERMISSIVE:
        judged = tuple(_mirror(p) for p in judged)
    return judged


def _judge(pair: ClausePair, rules: RuleSet, texts: Texts) -> ClausePair:
    descriptive = is_descriptive(pair)
    if pair.status is Status.UNCHANGED:
        return replace(pair, verdict=Verdict.NEUTRAL, descriptive=descriptive)
    if pair.status is Status.UNPAIRED:
        return replace(pair, verdict=Verdict.UNCLEAR, descriptive=descriptive,
                       reasons=(_incomplete(pair),))
    role = (pair.old or pair.new).role if (pair.old or pair.new) else None  # type: ignore[union-attr]
    if role is Role.NON_OPERATIVE:
        return replace(pair, verdict=Verdict.NEUTRAL, descriptive=True,
                       reasons=(_non_operative(pair),))
    reasons = judge(pair, rules, texts)
    changed = [r for r in runs(pair) if not r.layout_only]
    if pair.old is not None and pair.new is not None and not changed:
        return replace(pair, verdict=Verdict.NEUTRAL, descriptive=descriptive)
    reasons += _formal(changed, reasons)
    verdict = _aggregate(reasons)
    if verdict is None:
        reasons.append(_evidence(pair, changed))
        verdict = Verdict.UNCLEAR
    return replace(pair, verdict=verdict, descriptive=descriptive, reasons=tuple(reasons))


def _aggregate(reasons: list[Reason]) -> Verdict | None:
    directions = {r.direction for r in reasons}
    if Direction.STRONGER in directions and Direction.WEAKER in directions:
        return Verdict.MIXED
    if Direction.STRONGER in directions:
        return Verdict.STRONGER
    if Direction.WEAKER in directions:
        return Verdict.WEAKER
    if Direction.UNCLEAR in directions:
        return Verdict.UNCLEAR
    if directions == {Direction.NEUTRAL}:
        return Verdict.NEUTRAL
    return None


def is_descriptive(pair: ClausePair) -> bool:
    """Titles, digests, findings and purpose clauses, front matter, headings, contents."""
    return any(c is not None and c.role in _DESCRIPTIVE for c in (pair.old, pair.new))


def _formal(changed: list[Run], reasons: list[Reason]) -> list[Reason]:
    """Runs no rule explains that only fix spelling: one word, nearly the same letters."""
    explained = {(r.old_span, r.new_span) for r in reasons}
    out: list[Reason] = []
    for run in changed:
        a, b = key(run.deleted), key(run.inserted)
        if not a or not b or " " in a or " " in b or any(c.isdigit() for c in a + b):
            return []
        if fuzz.ratio(a, b) < _SPELLING_SIMILARITY:
            return []
        old_span = (run.del_at, run.del_at + len(run.deleted))
        new_span = (run.ins_at, run.ins_at + len(run.inserted))
        if (old_span, new_span) not in explained:
            out.append(Reason("formal.spelling", "formal", Direction.NEUTRAL, run.deleted,
                              run.inserted, old_span, new_span,
                              f"“{run.deleted.strip()}” corrected to “{run.inserted.strip()}”: "
                              "a change of spelling, not of meaning."))
    return out if not reasons else []


def _mirror(pair: ClausePair) -> ClausePair:
    flip = {Verdict.STRONGER: Verdict.WEAKER, Verdict.WEAKER: Verdict.STRONGER}
    flip_d = {Direction.STRONGER: Direction.WEAKER, Direction.WEAKER: Direction.STRONGER}
    reasons = tuple(replace(r, direction=flip_d.get(r.direction, r.direction))
                    for r in pair.reasons)
    return replace(pair, verdict=flip.get(pair.verdict, pair.verdict), reasons=reasons)


def _incomplete(pair: ClausePair) -> Reason:
    clause = pair.old or pair.new
    assert clause is not None
    side = "new" if pair.old is not None else "old"
    return Reason("incomplete-text", "completeness", Direction.UNCLEAR,
                  clause.text if pair.old else None, clause.text if pair.new else None,
                  clause.span if pair.old else None, clause.span if pair.new else None,
                  f"The {side} text is partial: this provision may sit in the part that was not "
                  "retrieved, so it is not reported as added or removed.")


def _non_operative(pair: ClausePair) -> Reason:
    return Reason("non-operative", "formal", Direction.NEUTRAL, None, None, None, None,
                  "Front matter, headings and tables of contents do not change what the law "
                  "requires.")


def _evidence(pair: ClausePair, changed: list[Run]) -> Reason:
    """The first run of changed words, for a change no rule places."""
    if not changed:
        clause = pair.new or pair.old
        assert clause is not None
        side_new = pair.new is not None
        return Reason("unassessed", "unknown", Direction.UNCLEAR,
                      None if side_new else clause.text, clause.text if side_new else None,
                      None if side_new else clause.span, clause.span if side_new else None,
                      "No rule places this provision; read it.")
    run = changed[0]
    old_span = (run.del_at, run.del_at + len(run.deleted)) if run.deleted else None
    new_span = (run.ins_at, run.ins_at + len(run.inserted)) if run.inserted else None
    return Reason("unassessed", "unknown", Direction.UNCLEAR, run.deleted or None,
                  run.inserted or None, old_span, new_span,
                  "No rule places this change; read it.")
