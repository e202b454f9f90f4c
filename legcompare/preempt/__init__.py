"""Preemption: which clauses of a higher law preempt or save other law, and what they would do
to the stronger provisions of a lower law ("what would this bill erase?").

The stage, a pure function like :func:`legcompare.compare`::

    preempt(upper, lowers, *, options) -> Preemption
        classify(split(upper))            the upper law's preemption clauses: kind, also, scope,
                                          actors (``classify``; patterns in data/preemption.toml)
        compare(upper, lower, cross)      each lower law against the upper one
        candidates + decide               each stronger lower provision and its fate (``fates``)

Guarantees: deterministic (same documents and options, same result) and picklable; the upper
law's clauses are in document order, findings in lower-law order and then in the comparison's
pair order; every finding has a note saying why; a lower law with no finding gets a note saying
so and why.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import replace

from ..model import CompareOptions, Document, Kind, Mode, Outline
from ..split import split
from .classify import classify, is_lead_in, kinds_of, signals_in
from .fates import OPERATIVE, Upper, candidates, finding, higher
from .model import (
    KIND_ORDER,
    Fate,
    Finding,
    Level,
    Preemption,
    PreemptionClause,
    PreemptionKind,
    Scope,
    Signal,
)
from .phrases import document_actors
from .provision import provision_kind

__all__ = [
    "KIND_ORDER",
    "Fate",
    "Finding",
    "Level",
    "Preemption",
    "PreemptionClause",
    "PreemptionKind",
    "Scope",
    "Signal",
    "classify",
    "higher",
    "is_lead_in",
    "kinds_of",
    "preempt",
    "provision_kind",
    "signals_in",
]


def preempt(upper: Document, lowers: Sequence[Document] = (), *,
            options: CompareOptions | None = None) -> Preemption:
    """The upper law's preemption clauses and, for each lower law, the fate of each of its
    provisions that is stronger than its upper counterpart (or has none). ``options`` are
    passed to :func:`~legcompare.compare` with the mode forced to ``cross``."""
    options = replace(options or CompareOptions(), mode=Mode.CROSS)
    up = split(upper)
    clauses = classify(up)
    info = Upper(name_of(upper, up), clauses,
                 document_actors(up, (c for c in up.walk() if c.role in OPERATIVE)),
                 upper.provenance.jurisdiction)
    ids = frozenset(c.clause.id for c in clauses)
    findings: list[Finding] = []
    notes: list[str] = []
    if lowers:
        # (the upper law alone needs no comparison: not read)
        from ..compare import compare_outlines
    for index, lower in enumerate(lowers):
        low = split(lower)
        law_actors = document_actors(low, (c for c in low.walk() if c.role in OPERATIVE))
        # (compare(upper, lower) on the outlines already made: each text split once)
        comparison = compare_outlines(up, low, options=options)
        found = [finding(index, p, info, lower.provenance.jurisdiction)
                 for p in candidates(comparison, low, law_actors, ids)]
        if not found:
            notes.append(_none_stronger(low, info.name))
        findings += found
    return Preemption(upper, tuple(lowers), clauses, tuple(findings), tuple(notes))


def name_of(document: Document, outline: Outline | None = None) -> str:
    """How notes name a law: a bill by its citation prefix (``S. 3779, 119th Cong.``), a code
    by its first section's citation (``Cal. Penal Code § 832.19``), else by its title."""
    form = document.citation
    if form is not None and form.prefix:
        sections = [c for c in outline.walk() if c.kind is Kind.SECTION] if outline else []
        if form.style == "code" and sections:
            return sections[0].citation
        return form.prefix
    return document.provenance.title or document.provenance.document


def _none_stronger(lower: Outline, upper_name: str) -> str:
    """Why a lower law has no finding: what its provisions are, and whether it is partial."""
    roles = Counter(c.role.value if c.role else "other" for c in lower.walk() if c.text.strip())
    listed = ", ".join(f"{role} {n}" for role, n in sorted(roles.items(), key=lambda kv: (
        -kv[1], kv[0])))
    note = (f"{name_of(lower.document, lower)}: no provision is stronger than its counterpart in "
            f"{upper_name}, and none without a counterpart is an operative protective provision "
            f"(its provisions by role: {listed or 'none'})")
    if lower.document.partial:
        note += "; the text is partial, so provisions that were not retrieved are not weighed"
    return note + "."

