"""Applying the rules to one clause pair: reasons with the spans of the words that caused them.

Guarantees of :func:`judge`: every reason's spans lie inside the pair's edits (deleted or
inserted words) or, for whole-clause rules, inside the clause; spans are offsets in each
document's display text. Layout-only changes (equal comparison keys) are never evidence.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from ..model import Clause, ClausePair, Direction, Op, Reason, Role, Status
from ..normalize import key
from .amend import instructions
from .roles import own_text, subject_of
from .rules import Rule, RuleSet
from .values import Quantity, describe, quantities


@dataclass(frozen=True)
class Run:
    """One run of changed words: deleted from old, inserted in new (either may be empty)."""

    deleted: str
    del_at: int
    inserted: str
    ins_at: int

    @property
    def layout_only(self) -> bool:
        return key(self.deleted) == key(self.inserted)


def runs(pair: ClausePair) -> list[Run]:
    """The pair's changes, as runs between equal segments, with display offsets."""
    old_at = pair.old.span[0] if pair.old else 0
    new_at = pair.new.span[0] if pair.new else 0
    out: list[Run] = []
    deleted: list[str] = []
    inserted: list[str] = []
    d0, i0 = old_at, new_at
    for e in [*pair.edits, None]:
        if e is None or e.op is Op.EQUAL:
            if deleted or inserted:
                out.append(Run("".join(deleted), d0, "".join(inserted), i0))
                deleted, inserted = [], []
            if e is not None:
                old_at += len(e.text)
                new_at += len(e.text)
            d0, i0 = old_at, new_at
        elif e.op is Op.DELETE:
            deleted.append(e.text)
            old_at += len(e.text)
        else:
            inserted.append(e.text)
            new_at += len(e.text)
    return out


@dataclass(frozen=True)
class Texts:
    """The two documents' display texts, for rules about the whole document."""

    old: str
    new: str


def judge(pair: ClausePair, rules: RuleSet, texts: Texts) -> list[Reason]:
    """The reasons the rules give for this pair (may be empty)."""
    if pair.status in (Status.ADDED, Status.REMOVED):
        return list(_whole_clause(pair, rules, texts))
    if pair.old is None or pair.new is None:
        return []
    changed = [r for r in runs(pair) if not r.layout_only]
    if not changed:
        return []
    role = pair.old.role
    reasons = list(_swaps(pair, changed, rules, role))
    reasons += _counts(pair, changed, rules, role)
    reasons += _values(pair, changed, rules, role)
    reasons += _amendments(pair, rules)
    return _dedupe(reasons)


def _context_ok(rule: Rule, *texts: str) -> bool:
    joined = " ".join(texts)
    if rule.context is not None and not rule.context.search(joined):
        return False
    return not (rule.not_context is not None and rule.not_context.search(joined))


def _subject_ok(rule: Rule, text: str) -> bool:
    """``regulated``: the modal does not bind the protected person; ``protected``: it does."""
    if rule.subject is None:
        return True
    found = subject_of(text)
    return found != "protected" if rule.subject == "regulated" else found == rule.subject


def _reason(rule: Rule, role: Role | None, old: str | None, new: str | None,
            old_span: tuple[int, int] | None, new_span: tuple[int, int] | None) -> Reason:
    words = {"old": _short(old), "new": _short(new), "role": role.value if role else "provision"}
    try:
        explanation = rule.explanation.format(**words)
    except (KeyError, IndexError, ValueError):
        explanation = rule.explanation
    return Reason(rule.id, rule.dimension, rule.direction_for(role), old, new, old_span,
                  new_span, explanation)


def _short(text: str | None, n: int = 80) -> str:
    if text is None:
        return ""
    flat = " ".join(text.split())
    return flat if len(flat) <= n else flat[: n - 1] + "…"


def _swaps(pair: ClausePair, changed: list[Run], rules: RuleSet, role: Role | None
           ) -> Iterator[Reason]:
    assert pair.old is not None and pair.new is not None
    old_text, new_text = own_text(pair.old), own_text(pair.new)
    for rule in rules.of("swap"):
        if not rule.applies_to(role) or not _context_ok(rule, old_text, new_text) or \
                not _subject_ok(rule, old_text):
            continue
        for run in changed:
            mo = rule.old.search(run.deleted) if rule.old else None
            mn = rule.new.search(run.inserted) if rule.new else None
            if (rule.old is None or mo) and (rule.new is None or mn) and (mo or mn):
                yield _reason(rule, role, mo.group(0) if mo else None, mn.group(0) if mn else None,
                              _span(run.del_at, mo), _span(run.ins_at, mn))
                break


def _span(at: int, m: object) -> tuple[int, int] | None:
    if m is None:
        return None
    start, end = m.span()  # type: ignore[attr-defined]
    return (at + start, at + end)


def _counts(pair: ClausePair, changed: list[Run], rules: RuleSet, role: Role | None
            ) -> Iterator[Reason]:
    """``added``/``removed`` rules: the words occur more (or less) often than before, and one
    occurrence is in the changed words."""
    assert pair.old is not None and pair.new is not None
    old_text, new_text = own_text(pair.old), own_text(pair.new)
    for rule in rules.of("added") + rules.of("removed"):
        pattern = rule.new if rule.match == "added" else rule.old
        side = new_text if rule.match == "added" else old_text
        if pattern is None or not rule.applies_to(role) or not _context_ok(rule, side) or \
                not _subject_ok(rule, side):
            continue
        before, after = len(pattern.findall(old_text)), len(pattern.findall(new_text))
        if (rule.match == "added" and after <= before) or (rule.match == "removed" and
                                                            after >= before):
            continue
        for run in changed:
            text = run.inserted if rule.match == "added" else run.deleted
            m = pattern.search(text)
            if m:
                if rule.match == "added":
                    yield _reason(rule, role, None, m.group(0), None, _span(run.ins_at, m))
                else:
                    yield _reason(rule, role, m.group(0), None, _span(run.del_at, m), None)
                break


def _document_ok(rule: Rule, document: str) -> bool:
    if rule.document_context is not None and not rule.document_context.search(document):
        return False
    return not (rule.document_not_context is not None and
                rule.document_not_context.search(document))


def _whole_clause(pair: ClausePair, rules: RuleSet, texts: Texts) -> Iterator[Reason]:
    clause: Clause | None = pair.new if pair.status is Status.ADDED else pair.old
    if clause is None:
        return
    match = "added-clause" if pair.status is Status.ADDED else "removed-clause"
    text = own_text(clause)
    document = texts.new if match == "added-clause" else texts.old
    # Rules that name words come before rules that go by role alone.
    ordered = sorted(rules.of(match), key=lambda r: (r.new or r.old) is None)
    for rule in ordered:
        pattern = rule.new if match == "added-clause" else rule.old
        if not rule.applies_to(clause.role) or not _context_ok(rule, text) or \
                not _subject_ok(rule, text) or not _document_ok(rule, document):
            continue
        m = pattern.search(clause.text) if pattern is not None else None
        if pattern is not None and m is None:
            continue
        span = _span(clause.span[0], m) if m else clause.span
        words = m.group(0) if m else text
        if match == "added-clause":
            yield _reason(rule, clause.role, None, words, None, span)
        else:
            yield _reason(rule, clause.role, words, None, span, None)
        return


def _values(pair: ClausePair, changed: list[Run], rules: RuleSet, role: Role | None
            ) -> Iterator[Reason]:
    """Changed amounts, periods and dates, each placed by the words that govern it."""
    assert pair.old is not None and pair.new is not None
    for run in changed:
        olds, news = quantities(run.deleted), quantities(run.inserted)
        paired = list(_paired(olds, news))
        for q_old, q_new in paired:
            context = _before(pair.new, run.ins_at + q_new.span[0]) + " " + _before(
                pair.old, run.del_at + q_old.span[0])
            yield _value_reason(rules, role, context, q_old, q_new, run)
        used_old = {id(q) for q, _ in paired}
        used_new = {id(q) for _, q in paired}
        for q in news:
            if id(q) not in used_new:
                found = _lone_value(rules, role, _before(pair.new, run.ins_at + q.span[0]), q,
                                    run.ins_at, added=True)
                if found is not None:
                    yield found
        for q in olds:
            if id(q) not in used_old:
                found = _lone_value(rules, role, _before(pair.old, run.del_at + q.span[0]), q,
                                    run.del_at, added=False)
                if found is not None:
                    yield found


def _lone_value(rules: RuleSet, role: Role | None, context: str, q: Quantity, at: int, *,
                added: bool) -> Reason | None:
    """A limit, deadline or amount that appears (or disappears) with no counterpart."""
    span = (at + q.span[0], at + q.span[1])
    for rule in rules.of("value"):
        if (rule.units and q.unit not in rule.units) or not rule.applies_to(role) or \
                not _context_ok(rule, context):
            continue
        direction = rule.direction_for(role, rule.added if added else rule.removed)
        if direction is Direction.UNCLEAR:
            return None
        what = describe(q)
        verb = "added" if added else "removed"
        return Reason(rule.id, rule.dimension, direction, None if added else q.text,
                      q.text if added else None, None if added else span,
                      span if added else None, f"A limit of {what} was {verb}.")
    return None


def _paired(olds: list[Quantity], news: list[Quantity]) -> Iterator[tuple[Quantity, Quantity]]:
    used: set[int] = set()
    for q in olds:
        for i, n in enumerate(news):
            if i not in used and q.comparable(n):
                used.add(i)
                yield q, n
                break


def _before(clause: Clause, at: int, width: int = 160) -> str:
    start = max(clause.span[0], at - width)
    return clause.text[start - clause.span[0]:at - clause.span[0]]


def _value_reason(rules: RuleSet, role: Role | None, context: str, q_old: Quantity,
                  q_new: Quantity, run: Run) -> Reason:
    old_span = (run.del_at + q_old.span[0], run.del_at + q_old.span[1])
    new_span = (run.ins_at + q_new.span[0], run.ins_at + q_new.span[1])
    a, b = q_old.in_days(), q_new.in_days()
    for rule in rules.of("value"):
        if rule.units and q_new.unit not in rule.units:
            continue
        if not rule.applies_to(role) or not _context_ok(rule, context):
            continue
        if a == b:
            direction = Direction.NEUTRAL
        elif rule.polarity == "unknown":
            direction = Direction.UNCLEAR
        else:
            up = b > a
            stronger = up if rule.polarity == "higher-stronger" else not up
            direction = Direction.STRONGER if stronger else Direction.WEAKER
        template = _reason(rule, role, describe(q_old), describe(q_new), old_span, new_span)
        return Reason(template.rule, template.dimension, direction, q_old.text, q_new.text,
                      old_span, new_span, template.explanation)
    direction = Direction.NEUTRAL if a == b else Direction.UNCLEAR
    return Reason("limits.value-unplaced", "limits", direction, q_old.text, q_new.text, old_span,
                  new_span, f"{describe(q_old)} became {describe(q_new)}; what the amount "
                  "governs could not be placed, so read it.")


def _amendments(pair: ClausePair, rules: RuleSet) -> Iterator[Reason]:
    """An amending instruction added or changed: judged as the edit it makes."""
    assert pair.new is not None
    if pair.new.role is not Role.AMENDMENT:
        return
    old_instructions = {(i.struck, i.inserted) for i in instructions(pair.old.text)} \
        if pair.old else set()
    for ins in instructions(pair.new.text):
        if (ins.struck, ins.inserted) in old_instructions or ins.action != "replace":
            continue
        assert ins.struck_span and ins.inserted_span and ins.struck and ins.inserted
        at = pair.new.span[0]
        run = Run(ins.struck, at + ins.struck_span[0], ins.inserted, at + ins.inserted_span[0])
        for q_old, q_new in _paired(quantities(ins.struck), quantities(ins.inserted)):
            r = _value_reason(rules, None, ins.target or "", q_old, q_new, run)
            yield Reason(r.rule, r.dimension, r.direction, r.old, r.new, None, r.new_span,
                         f"The instruction strikes “{ins.struck}” and inserts “{ins.inserted}”"
                         f"{' in ' + ins.target if ins.target else ''}: " + r.explanation)


def _dedupe(reasons: list[Reason]) -> list[Reason]:
    seen: set[tuple[object, ...]] = set()
    out = []
    for r in reasons:
        k = (r.rule, r.old_span, r.new_span)
        if k not in seen:
            seen.add(k)
            out.append(r)
    return out
