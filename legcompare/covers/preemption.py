"""Preemption on a fact sheet: the kinds ``legcompare preempt`` gives a law's clauses.

A fact sheet reads preemption with the preemption classifier itself
(:mod:`legcompare.preempt.classify`, the patterns of ``data/preemption.toml``), so that
``covers`` and ``preempt`` never disagree on what a law does to other law. Guarantees:

* One item per kind of each preemption clause (ceiling, conflict, carve-out, floor), at the
  clause whose own text holds the words that decide that kind (in a lead-in read with its list,
  the list item holding them), quoting their sentence.
* A floor that rests on a savings statement alone ("Nothing in this Act shall be construed to
  preempt ...") is a ``savings`` item; with a greater-protection qualifier, or from a floor's own
  words, it is a ``floor``.
* Every clause of a preemption clause (a lead-in and its list: "... is preempted if— (1) ...")
  is read as preemption, not as exceptions or conduct (:func:`claimed`): its words bind other
  law ("No State shall require certification ..."), not a party.
* A rule of construction that keeps other law or rights in place (:data:`.signals.SAVINGS`)
  in a clause that is no preemption clause is a ``savings`` item too: ``preempt`` leaves it out
  because it decides no lower provision's fate ("Nothing in this Act shall be construed to
  authorize the use of facial recognition by a State ... unless the laws of that State ...
  authorize[] such use"; a city's "nothing in this section shall be construed to limit any
  individual's rights under state or federal law"), but a reader of the fact sheet asks what a
  law says about other law.
* A carve-out excepts from a ceiling: in a law without a ceiling it is no item
  (:func:`without_stray_carve_outs`, once the whole law is read), as in ``preempt``.
"""

from __future__ import annotations

from bisect import bisect_left

from ..model import Clause
from ..preempt.classify import kinds_of, unit_signals, units_of
from ..preempt.model import PreemptionKind, Signal
from . import signals as sig
from .items import at
from .model import Dimension, Item
from .reading import Reading

Found = dict[str, list[tuple[str, int, int]]]
"""By clause id, for every clause of a preemption clause: each preemption value the clause's own
text decides, with the display span of the deciding words (none for the others)."""


def preemption_found(top: Clause, page: str) -> Found:
    """The preemption values decided within the top-level clause ``top`` (``page``: the
    document's display text)."""
    out: Found = {}
    for clause, text, span in units_of(top, page):
        signals = unit_signals(clause, text, span)
        kinds = kinds_of(signals)
        if kinds:
            # (a lead-in is read with its list: the unit spans them all)
            for part in clause.walk() if span != clause.span else (clause,):
                out.setdefault(part.id, [])
        for kind in kinds:
            value, signal = _decided(kind, signals)
            holder = _holder(clause, signal.span[0])
            out.setdefault(holder.id, []).append((value, *signal.span))
    return out


def preemption_items(reading: Reading, found: Found) -> list[Item]:
    """The preemption items of the clause ``reading`` reads."""
    if not claimed(reading, found):
        m = sig.SAVINGS.search(reading.key)
        return [at(reading, Dimension.PREEMPTION, "savings", m.start(), m.end())] if m else []
    origin, n = reading.origin, len(reading.key)
    out = []
    for value, start, end in found.get(reading.clause.id, ()):
        a = bisect_left(origin, start, 0, n)
        b = max(a, bisect_left(origin, end, 0, n))
        out.append(at(reading, Dimension.PREEMPTION, value, a, b))
    return out


def claimed(reading: Reading, found: Found) -> bool:
    """Is the clause ``reading`` reads part of a preemption clause?"""
    return reading.clause.id in found


def without_stray_carve_outs(items: list[Item]) -> list[Item]:
    """``items`` without carve-outs when no item is a ceiling (there is none to except from)."""
    if any(i.dimension is Dimension.PREEMPTION and i.value == PreemptionKind.CEILING.value
           for i in items):
        return items
    return [i for i in items if not (i.dimension is Dimension.PREEMPTION
                                     and i.value == PreemptionKind.CARVE_OUT.value)]


def _decided(kind: PreemptionKind, signals: tuple[Signal, ...]) -> tuple[str, Signal]:
    """The value a kind is shown as, and the signal that decides it (``kinds_of`` gave the
    kind, so there is one)."""
    def first(group: str) -> Signal | None:
        return next((s for s in signals if s.group == group), None)

    if kind is not PreemptionKind.FLOOR:
        own = first(kind.value)
        return kind.value, own if own is not None else signals[0]
    own, savings, qualifier = first("floor"), first("savings"), first("qualifier")
    if own is not None:
        return "floor", own
    if savings is not None:
        return ("floor" if qualifier is not None else "savings"), savings
    return "floor", qualifier if qualifier is not None else signals[0]


def _holder(clause: Clause, offset: int) -> Clause:
    """The clause of ``clause``'s tree whose own text holds display offset ``offset`` (own
    texts do not overlap); ``clause`` itself when none does."""
    return next((c for c in clause.walk() if c.span[0] <= offset < c.span[1]), clause)
