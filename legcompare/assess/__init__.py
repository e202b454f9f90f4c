"""Judging each change: stronger, weaker, mixed, neutral or unclear, with reasons.

Until the rule engine lands, every change is ``unclear`` with the evidence (the first changed
words) and unchanged provisions are ``neutral``; a provision with no counterpart because the
other text is partial is ``unclear`` for ``incomplete-text``.
"""

from __future__ import annotations

import re
from dataclasses import replace

from ..model import (
    ClausePair,
    Direction,
    Edit,
    Kind,
    Mode,
    Op,
    Outline,
    Perspective,
    Reason,
    Status,
    Verdict,
)
from ..normalize import key

_DESCRIPTIVE_HEADING = re.compile(r"short title|findings|purpose|statement of policy|"
                                  r"sense of (?:the )?congress", re.I)


def assess(pairs: tuple[ClausePair, ...], old: Outline, new: Outline, *, mode: Mode,
           perspective: Perspective, rules: tuple[str, ...]) -> tuple[ClausePair, ...]:
    """Give each pair its verdict, reasons and ``descriptive`` flag."""
    return tuple(_judge(p, old, new) for p in pairs)


def _judge(pair: ClausePair, old: Outline, new: Outline) -> ClausePair:
    descriptive = is_descriptive(pair)
    if pair.status is Status.UNCHANGED:
        return replace(pair, verdict=Verdict.NEUTRAL, descriptive=descriptive)
    if pair.status is Status.UNPAIRED:
        reason = _incomplete(pair)
        return replace(pair, verdict=Verdict.UNCLEAR, descriptive=descriptive, reasons=(reason,))
    return replace(pair, verdict=Verdict.UNCLEAR, descriptive=descriptive,
                   reasons=(_evidence(pair),))


def is_descriptive(pair: ClausePair) -> bool:
    """Titles, digests, findings and purpose clauses (and front matter, headings, contents)."""
    for c in (pair.old, pair.new):
        if c is None:
            continue
        if c.kind in (Kind.FRONT, Kind.TOC, Kind.HEADING, Kind.HISTORY):
            return True
        if c.heading and _DESCRIPTIVE_HEADING.search(c.heading):
            return True
    return False


def _incomplete(pair: ClausePair) -> Reason:
    clause = pair.old or pair.new
    assert clause is not None
    side = "new" if pair.old is not None else "old"
    return Reason("incomplete-text", "completeness", Direction.UNCLEAR,
                  clause.text if pair.old else None, clause.text if pair.new else None,
                  clause.span if pair.old else None, clause.span if pair.new else None,
                  f"The {side} text is partial: this provision may sit in the part that was not "
                  "retrieved, so it is not reported as added or removed.")


def _evidence(pair: ClausePair) -> Reason:
    """The first run of changed words (a change in wording, not in case or spacing), with
    where it is on each side."""
    old_at = pair.old.span[0] if pair.old else 0
    new_at = pair.new.span[0] if pair.new else 0
    best: tuple[tuple[int, int] | None, str | None, tuple[int, int] | None, str | None] | None
    best = None
    run: list[tuple[Op, str, int, int]] = []
    for e in [*pair.edits, Edit(Op.EQUAL, "")]:
        if e.op is Op.EQUAL:
            if run:
                found = _run_reason(run)
                if found is not None and (best is None or key(found[1] or "") != key(
                        found[3] or "")):
                    best = best or found
                    if key(found[1] or "") != key(found[3] or ""):
                        best = found
                        break
                run = []
            old_at += len(e.text)
            new_at += len(e.text)
        elif e.op is Op.DELETE:
            run.append((e.op, e.text, old_at, new_at))
            old_at += len(e.text)
        else:
            run.append((e.op, e.text, old_at, new_at))
            new_at += len(e.text)
    old_span, old_text, new_span, new_text = best or (None, None, None, None)
    return Reason("unassessed", "unknown", Direction.UNCLEAR, old_text, new_text, old_span,
                  new_span, "No rule places this change; read it.")


def _run_reason(run: list[tuple[Op, str, int, int]]
                ) -> tuple[tuple[int, int] | None, str | None, tuple[int, int] | None, str | None]:
    deleted = [(t, o) for op, t, o, _ in run if op is Op.DELETE]
    inserted = [(t, n) for op, t, _, n in run if op is Op.INSERT]
    old_text = "".join(t for t, _ in deleted) or None
    new_text = "".join(t for t, _ in inserted) or None
    old_span = (deleted[0][1], deleted[0][1] + len(old_text)) if old_text else None
    new_span = (inserted[0][1], inserted[0][1] + len(new_text)) if new_text else None
    return old_span, old_text, new_span, new_text
