"""The nouns of preemption analysis: clause kinds, fates, classified clauses, findings.

Frozen dataclasses of tuples, like :mod:`legcompare.model`, so a :class:`Preemption` is
deterministic and picklable.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from ..model import Clause, Document, Span, Verdict


class PreemptionKind(str, Enum):
    """What a preemption clause does to other law (PRODUCT.md "Preemption")."""

    CEILING = "ceiling"  # express preemption within a stated scope
    CONFLICT = "conflict"  # displaces only inconsistent law
    FLOOR = "floor"  # saves law that gives greater protection (or all law: a savings clause)
    CARVE_OUT = "carve-out"  # named laws or subjects excepted from a ceiling


KIND_ORDER = (PreemptionKind.CEILING, PreemptionKind.CONFLICT, PreemptionKind.CARVE_OUT,
              PreemptionKind.FLOOR)
"""Which kind is a clause's primary one when it has several: the broadest displacement first; a
carve-out before a floor because it is the narrower, express exception."""


class Fate(str, Enum):
    """What would happen to a stronger lower provision under the upper law."""

    ERASED = "erased"  # a ceiling's scope and regulated actors both reach it
    SAVED = "saved"  # an express floor, savings clause or carve-out covers it
    UNDECIDED = "undecided"  # anything else, with the reason


class Level(str, Enum):
    """A level of government whose law a clause binds or saves."""

    FEDERAL = "federal"
    STATE = "state"
    LOCAL = "local"


@dataclass(frozen=True)
class Signal:
    """Words that make a clause a preemption clause of some kind (one pattern's match)."""

    rule: str
    """The pattern's id in ``data/preemption.toml`` (``ceiling.no-lawmaker-may``)."""
    group: str
    """The kind it signals (``ceiling``, ``conflict``, ``floor``, ``carve-out``), or
    ``savings`` / ``qualifier``: a savings statement or a greater-protection qualifier, which
    decide a clause's kinds only in combination (see ``classify.kinds_of``)."""
    text: str
    """The words matched, as printed."""
    span: Span
    """Where they are, in the document's display text."""
    explanation: str
    conditional: bool = False
    """An exception that holds only once someone acts (a waiver an agency may grant)."""


@dataclass(frozen=True)
class Scope:
    """The subject a clause reaches, quoted, and the terms a provision must hold to be in it."""

    quote: str
    """The words of the clause that state it (white space collapsed); ``""`` when the clause
    states none."""
    terms: tuple[tuple[str, ...], ...]
    """Alternatives, each a set of normalised words that must all occur in a provision; empty
    when the scope is not limited to a subject ("any State law")."""


@dataclass(frozen=True)
class PreemptionClause:
    """A clause of the upper law that preempts or saves other law, classified."""

    clause: Clause
    """The clause (its own text; see ``text`` for what was classified)."""
    text: str
    """The classified text: the clause's own text, plus its descendants' when it is a lead-in
    ("... is preempted if—") that they complete."""
    span: Span
    """Where ``text`` is in the document's display text."""
    kind: PreemptionKind
    also: tuple[PreemptionKind, ...]
    """Secondary kinds, in :data:`KIND_ORDER`."""
    scope: Scope
    actors: str
    """Whom it binds or protects, quoted: the regulated actors it names, else the governments
    whose law it binds or saves; ``""`` when it names neither."""
    regulated: tuple[str, ...]
    """The regulated actors it names, as normalised noun phrases (empty: not limited)."""
    levels: frozenset[Level]
    """Whose law it binds (ceiling) or saves (floor); empty when it does not say."""
    signals: tuple[Signal, ...]
    """The words that decided its kinds, in text order."""

    @property
    def kinds(self) -> tuple[PreemptionKind, ...]:
        return (self.kind, *self.also)

    @property
    def conditional(self) -> bool:
        """A carve-out whose every carve-out signal is conditional (a waiver)."""
        carve = [s for s in self.signals if s.group == PreemptionKind.CARVE_OUT.value]
        return bool(carve) and all(s.conditional for s in carve)


@dataclass(frozen=True)
class Finding:
    """A lower provision stronger than its upper counterpart (or without one), and its fate."""

    lower: int
    """Index of the lower document in :attr:`Preemption.lowers`."""
    provision: Clause
    text: str
    """The provision's text as weighed: its own, with its items when it is a lead-in."""
    counterpart: Clause | None
    """The upper law's provision it was paired with; ``None`` when it has none."""
    verdict: Verdict
    """The comparison's verdict, upper (old) against lower (new)."""
    fate: Fate
    because: tuple[str, ...]
    """Ids of the upper law's preemption clauses that decided (or were weighed for) the fate."""
    note: str
    """Why, in one sentence a reader can check against the quoted words."""


@dataclass(frozen=True)
class Preemption:
    """The result of :func:`legcompare.preempt.preempt`: everything a report needs."""

    upper: Document
    lowers: tuple[Document, ...]
    clauses: tuple[PreemptionClause, ...]
    findings: tuple[Finding, ...]
    notes: tuple[str, ...] = ()
    """Remarks on the analysis as a whole (a lower law with no stronger provision, and why)."""
