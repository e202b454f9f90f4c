"""Finding and classifying the preemption clauses of a law.

Guarantees of :func:`classify`:

* Every clause is read once, as a *unit*: its own text, or, when it is a lead-in that its
  sub-provisions complete ("... is preempted if—", "which prohibits—"), its own text and theirs;
  the sub-provisions of a lead-in are not read again on their own.
* A unit is a preemption clause when the patterns of ``data/preemption.toml`` give it at least
  one kind (:func:`kinds_of`): sentences that merely mention preemption, conflict or States ("A
  State shall not be immune ...", "Nothing in this Act shall be construed to authorize ...") give
  none.
* A carve-out needs a ceiling in the same law (it is an exception to one); without one the
  carve-out kind is dropped.
* Each clause's primary kind is the first of its kinds in
  :data:`~legcompare.preempt.model.KIND_ORDER`; the others are ``also``. Its scope, actors and
  levels are quoted from its own words (:mod:`.phrases`).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace

from ..assess.engine import heading_span
from ..assess.roles import own_text
from ..model import Clause, Kind, Outline, Role
from ..normalize import key
from ..prefilter import lower_for_prefilter, quick
from .model import KIND_ORDER, Level, PreemptionClause, PreemptionKind, Signal
from .patterns import Patterns, patterns
from .phrases import actor_terms, lawmaker_of, scope_of, split_actors

_LEAD_IN = re.compile(r"(?:—|--|-|:)\W*$")
_SENTENCE_END = re.compile(r"(?<![\s.(][A-Za-z])[.;](?=\s|-)")
_WINDOW = 240
_BY = re.compile(r"\b(?:by|on|upon)\s+(?P<a>[^,.;:]{1,80})", re.I)


def units(outline: Outline) -> Iterator[tuple[Clause, str, tuple[int, int]]]:
    """Each clause to read, with the text read and its span in the display text (see the
    module docstring)."""
    for clause in outline.clauses:
        yield from units_of(clause, outline.document.text)


def units_of(clause: Clause, text: str) -> Iterator[tuple[Clause, str, tuple[int, int]]]:
    """:func:`units` of one clause and its parts; ``text`` is the document's display text."""
    if clause.children and is_lead_in(clause):
        end = max(c.span[1] for c in clause.walk())
        yield clause, text[clause.span[0]:end], (clause.span[0], end)
        return
    yield clause, clause.text, clause.span
    for child in clause.children:
        yield from units_of(child, text)


def is_lead_in(clause: Clause) -> bool:
    """Its own text ends in a dash or colon, so what follows completes it, and it is not an
    amending instruction ("is amended—"): matter quoted into another law is read clause by
    clause, under its own ids."""
    if clause.role is Role.AMENDMENT or any(c.kind is Kind.QUOTED for c in clause.walk()):
        return False
    return bool(_LEAD_IN.search(own_text(clause).rstrip().rstrip("*").rstrip()))


def unit_signals(clause: Clause, text: str, span: tuple[int, int],
                 pats: Patterns | None = None) -> tuple[Signal, ...]:
    """:func:`signals_in` a unit of :func:`units`, less those inside a heading: a heading
    names what a provision is about ("(b) Consumer product safety requirements which impose
    performance standards more stringent than Federal standards", over a carve-out for a
    government's own use), and its words decide nothing."""
    found = signals_in(text, span[0], pats)
    if not found:  # (most units: no heading need be looked for)
        return found
    headings = tuple(h for c in clause.walk() if (h := heading_span(c)) is not None)
    if not any(a <= s.span[0] and s.span[1] <= b for s in found for a, b in headings):
        return found  # (passing over what no signal was found in changes nothing)
    return signals_in(text, span[0], pats, skip=tuple((a - span[0], b - span[0])
                                                      for a, b in headings))


def signals_in(text: str, offset: int = 0, pats: Patterns | None = None, *,
               skip: tuple[tuple[int, int], ...] = ()) -> tuple[Signal, ...]:
    """The first match of every signal pattern that its guards allow, in text order; a match
    inside one of the spans ``skip`` (of ``text``) is passed over.

    A pattern none of whose required words occurs in ``text`` (:mod:`legcompare.prefilter`,
    all of them looked for in one pass) is not searched: its answer would be "no match"."""
    pats = pats or patterns()
    lowered = lower_for_prefilter(text)
    present = pats.needles.found(lowered) if lowered is not None else None
    found = []
    for sp in pats.signals:
        if present is not None and sp.required is not None and present.isdisjoint(sp.required):
            continue
        for m in quick(sp.pattern).finditer(text):
            if skip and any(a <= m.start() and m.end() <= b for a, b in skip):
                continue
            start, end = _sentence(text, m.start(), m.end())
            before, after = text[start:m.start()], text[m.end():end]
            if sp.not_before is not None and sp.not_before.search(before):
                continue
            if sp.not_after is not None and sp.not_after.search(after):
                continue
            if sp.needs is not None and not sp.needs.search(text[start:end]):
                continue
            found.append(Signal(sp.id, sp.group, " ".join(m.group(0).split()),
                                (offset + m.start(), offset + m.end()), sp.explanation,
                                sp.conditional))
            break
    return tuple(sorted(found, key=lambda s: (s.span, s.rule)))


def _sentence(text: str, start: int, end: int) -> tuple[int, int]:
    """The sentence around ``text[start:end]``, at most :data:`_WINDOW` characters each side."""
    lo = max(0, start - _WINDOW)
    ends = [m.end() for m in _SENTENCE_END.finditer(text, lo, start)]
    begin = ends[-1] if ends else lo
    nxt = _SENTENCE_END.search(text, end, min(len(text), end + _WINDOW))
    return begin, nxt.start() if nxt else min(len(text), end + _WINDOW)


def kinds_of(signals: tuple[Signal, ...]) -> tuple[PreemptionKind, ...]:
    """The kinds the signals give, in :data:`KIND_ORDER`.

    Ceiling, conflict and carve-out signals give their kind. A floor comes from a floor signal,
    from a savings statement with a greater-protection qualifier, from a savings statement
    alone unless the clause limits it to conflicting law ("absent actual conflict"), or from a
    qualifier in a carve-out ("a higher degree of protection")."""
    groups = {s.group for s in signals}
    kinds = {PreemptionKind(g) for g in groups if g in {k.value for k in PreemptionKind}}
    savings, qualifier = "savings" in groups, "qualifier" in groups
    if (savings and (qualifier or PreemptionKind.CONFLICT not in kinds)) or (
            qualifier and PreemptionKind.CARVE_OUT in kinds):
        kinds.add(PreemptionKind.FLOOR)
    return tuple(k for k in KIND_ORDER if k in kinds)


def classify(outline: Outline, pats: Patterns | None = None) -> tuple[PreemptionClause, ...]:
    """The law's preemption clauses, in document order (see the module docstring)."""
    pats = pats or patterns()
    defined = actor_terms(outline, pats)
    found: list[PreemptionClause] = []
    for clause, text, span in units(outline):
        signals = unit_signals(clause, text, span, pats)
        kinds = kinds_of(signals)
        if kinds:
            found.append(_build(clause, text, span, kinds, signals, defined, pats))
    if not any(PreemptionKind.CEILING in c.kinds for c in found):
        found = [d for d in (_without_carve_out(c) for c in found) if d is not None]
    return tuple(found)


def _build(clause: Clause, text: str, span: tuple[int, int],
           kinds: tuple[PreemptionKind, ...], signals: tuple[Signal, ...],
           defined: frozenset[str], pats: Patterns) -> PreemptionClause:
    scope = scope_of(text, pats)
    regulated: list[str] = []
    for m in pats.actor_limits.finditer(text):  # "limitations on covered immigration officers"
        regulated += split_actors(m.group("a"), defined, pats)
    for m in _BY.finditer(scope.quote):  # "relating to ... by law enforcement officers"
        regulated += split_actors(m.group("a"), defined, pats)
    regulated = list(dict.fromkeys(regulated))
    primary = next((s for s in signals if s.group in (kinds[0].value, "savings")), signals[0])
    lawmakers, levels = _lawmakers(text, primary, span[0], scope.quote, pats)
    actors = _quote_actors(text, regulated) or lawmakers
    return PreemptionClause(clause=clause, text=text, span=span, kind=kinds[0], also=kinds[1:],
                            scope=scope, actors=actors, regulated=tuple(regulated),
                            levels=levels, signals=signals)


def _lawmakers(text: str, signal: Signal, offset: int, scope: str, pats: Patterns
               ) -> tuple[str, frozenset[Level]]:
    """Whose law the clause binds or saves: named just before the deciding signal (the
    subject: "A State may regulate ..."), else in the scope it reaches ("a requirement of a
    State, political subdivision of a State, or Indian tribe"), else in the signal's own words ("No
    State or any political subdivision thereof shall"), else after it in the sentence, else
    anywhere in the clause (so a heading such as "State compliance to Federal standards" comes
    last)."""
    start, end = signal.span[0] - offset, signal.span[1] - offset
    s_start, s_end = _sentence(text, start, end)
    before = [m.group(0) for m in pats.lawmaker.finditer(text, max(s_start, start - 40), start)
              if start - m.end() <= 12]
    for piece in (before[-1] if before else "", scope, text[start:end], text[end:s_end], text):
        quote, levels = lawmaker_of(piece, pats)
        if quote:
            return quote, levels
    return "", frozenset()


def _quote_actors(text: str, regulated: list[str]) -> str:
    """The words of ``text`` naming the first regulated actor, as printed ("covered
    immigration officers"); ``""`` when there is none or it cannot be found verbatim."""
    if not regulated:
        return ""
    printed = text.split()
    folded = [key(w).rstrip(",.;").rstrip("s") for w in printed]
    target = [w.rstrip("s") for w in regulated[0].split()]
    n = len(target)
    for i in range(len(printed) - n + 1):
        if folded[i:i + n] == target:
            return " ".join(printed[i:i + n]).rstrip(",.;")
    return ""


def _without_carve_out(c: PreemptionClause) -> PreemptionClause | None:
    """The clause without its carve-out kind (there is no ceiling to except from); ``None`` when
    nothing is left."""
    kinds = tuple(k for k in c.kinds if k is not PreemptionKind.CARVE_OUT)
    return replace(c, kind=kinds[0], also=kinds[1:]) if kinds else None
