"""The side-by-side matrix: one column per law, one row per dimension, judged against a baseline.

Method (the same rule engine as ``diff``): each law is compared with the baseline in cross mode
(:func:`legcompare.compare` with ``mode=cross``, the options' perspective and rule files). A
cell is judged from the clause pairs that touch a clause carrying an item of its dimension, on
either side:

* either law does not have the dimension's text (``not_retrieved``): ``unclear``;
* neither law addresses the dimension: ``equal``;
* a provision present on one side only (added, removed, unpaired) counts with its verdict: the
  diff rules for an added remedy, exception or sunset decide it; a provision changed in place
  counts with the directions of its reasons whose rules speak to the row
  (:data:`ROW_REASONS`: a reason about a prohibition's verbs says nothing about who is
  covered), plus any change no rule could place; descriptive pairs are left out;
* no direction at all: ``equal``; only ``stronger`` (besides changes no rule places):
  ``stronger``; only ``weaker``: ``weaker``; both directions, or a provision whose counterpart
  may sit in text that was not retrieved: ``unclear``. As in ``diff``, changes no rule places do
  not outvote those it does; the note counts them.

Each cell keeps the pairs behind its verdict as evidence, and a one-sentence note.
"""

from __future__ import annotations

from collections.abc import Sequence

from ..errors import UsageError
from ..model import (
    ClausePair,
    CompareOptions,
    Comparison,
    Document,
    Mode,
    Status,
    Verdict,
)
from ..parallel import split_one
from .extract import fact_sheet
from .model import (
    LABELS,
    Cell,
    Coverage,
    CoverageReport,
    CoversOptions,
    Dimension,
    Evidence,
    FactSheet,
    Versus,
)
from .signals import VALUE_LABELS

_SCOPE = ("scope.limiter", "scope.alternative")
ROW_REASONS: dict[Dimension, tuple[str, ...]] = {
    Dimension.DEFINITIONS: ("scope.",),
    Dimension.ACTORS: ("scope.actors",),
    Dimension.TECHNOLOGY: ("scope.technology", *_SCOPE),
    Dimension.DATA: ("scope.technology",),
    Dimension.PROHIBITED: ("obligation.", "scope.conduct", "scope.prohibition", "scope.duty",
                           "limits.", "consent."),
    Dimension.PERMITTED: ("obligation.", "exceptions.permission", "scope.conduct"),
    Dimension.EXCEPTIONS: ("exceptions.", "consent."),
    Dimension.ENFORCEMENT: ("enforcement.", "limits.damages-and-fines", "limits.grant-penalty"),
    Dimension.REMEDIES: ("enforcement.", "limits.damages-and-fines"),
    Dimension.DATES: ("duration.", "limits.effective-date", "limits.sunset-date",
                      "limits.protected-deadline", "limits.regulated-deadline",
                      "enforcement.time-bar"),
    Dimension.OVERSIGHT: ("oversight.", "consent.notice"),
    Dimension.PREEMPTION: ("preemption.",),
}
"""Which of ``diff``'s rules (by rule id prefix) speak to each row of the matrix, for a
provision changed in place; a provision present on one side only counts with its verdict."""
_ALWAYS = ("unassessed", "incomplete-text", "limits.value-unplaced")
EVIDENCE_LIMIT = 12
"""Pairs kept per cell as evidence (the decisive ones first)."""
_SUMMARY_NAMES = 6
"""Names listed in a cell before "and N more"."""


def covers(documents: Sequence[Document], *, baseline: int | None = None,
           options: CoversOptions | None = None) -> CoverageReport:
    """Fact sheets for ``documents`` and their matrix; with ``baseline`` (an index into
    ``documents``), every other law's cells are judged against the baseline's."""
    options = options or CoversOptions()
    if baseline is not None and not 0 <= baseline < len(documents):
        raise UsageError(f"no document {baseline} to use as the baseline")
    outlines = tuple(split_one(d) for d in documents)
    sheets = tuple(fact_sheet(outline) for outline in outlines)
    cells: list[Cell] = []
    for i, sheet in enumerate(sheets):
        comparison = None
        if baseline is not None and i != baseline:
            # (fact sheets alone compare nothing: not read; each law is split once, above)
            from ..compare import compare_outlines

            comparison = compare_outlines(
                outlines[baseline], outlines[i], options=CompareOptions(
                    mode=Mode.CROSS, perspective=options.perspective, rules=options.rules))
        for dimension in Dimension:
            cells.append(_cell(i, sheet, dimension, sheets[baseline] if baseline is not None
                               else None, comparison))
    return CoverageReport(sheets, baseline, tuple(cells), options)


def _cell(index: int, sheet: FactSheet, dimension: Dimension, base: FactSheet | None,
          comparison: Comparison | None) -> Cell:
    coverage = sheet.coverage(dimension)
    summary = summarize(sheet, dimension)
    if base is None or comparison is None:
        return Cell(index, dimension, coverage, summary, None)
    verdict, evidence, note = judge(base, sheet, dimension, comparison)
    return Cell(index, dimension, coverage, summary, verdict, evidence, note)


def judge(base: FactSheet, sheet: FactSheet, dimension: Dimension, comparison: Comparison
          ) -> tuple[Versus, tuple[Evidence, ...], str]:
    """A law's cell against the baseline's (see the module docstring)."""
    b, d = base.coverage(dimension), sheet.coverage(dimension)
    if Coverage.NOT_RETRIEVED in (b, d):
        who = "the baseline" if b is Coverage.NOT_RETRIEVED else "this law"
        return Versus.UNCLEAR, (), f"Part of {who}'s text was not retrieved; it may address this."
    if b is d is Coverage.NOT_ADDRESSED:
        return Versus.EQUAL, (), "Neither law addresses this."
    old_ids = {i.clause for i in base.of(dimension)}
    new_ids = {i.clause for i in sheet.of(dimension)}
    pairs = [p for p in comparison.pairs if not p.descriptive and (
        (p.old is not None and p.old.id in old_ids) or (p.new is not None and p.new.id in new_ids))]
    judged = [(p, _row_verdict(p, dimension)) for p in pairs]
    verdicts = {v for _, v in judged}
    evidence = tuple(_evidence(p, v) for p, v in sorted(judged, key=_decisive)[:EVIDENCE_LIMIT])
    counts = ", ".join(f"{sum(v is w for _, v in judged)} {w.value}" for w in
                       (Verdict.STRONGER, Verdict.WEAKER, Verdict.MIXED, Verdict.UNCLEAR,
                        Verdict.NEUTRAL) if w in verdicts)
    note = f"Provisions compared: {counts or 'none'}."
    # As a provision's verdict is aggregated from its reasons: one direction decides, both
    # make it unclear here (a cell has no "mixed"), provisions no rule places do not outvote
    # those it does (the note counts them).
    if not verdicts or verdicts <= {Verdict.NEUTRAL}:
        return Versus.EQUAL, evidence, note
    if Verdict.MIXED in verdicts or {Verdict.STRONGER, Verdict.WEAKER} <= verdicts or any(
            _incomplete(p) for p, _ in judged):  # what was not retrieved may decide it
        return Versus.UNCLEAR, evidence, note
    if Verdict.STRONGER in verdicts:
        return Versus.STRONGER, evidence, note
    if Verdict.WEAKER in verdicts:
        return Versus.WEAKER, evidence, note
    return Versus.UNCLEAR, evidence, note


def _incomplete(pair: ClausePair) -> bool:
    return pair.status is Status.UNPAIRED or any(r.rule == "incomplete-text"
                                                 for r in pair.reasons)


def _row_verdict(pair: ClausePair, dimension: Dimension) -> Verdict:
    """The pair's verdict for the row (see the module docstring)."""
    if pair.old is None or pair.new is None:
        return pair.verdict
    from ..assess.judge import aggregate  # (imported by the comparison already)

    wanted = ROW_REASONS[dimension] + _ALWAYS
    verdict = aggregate(r for r in pair.reasons if r.rule.startswith(wanted))
    return Verdict.NEUTRAL if verdict is None else verdict


def _decisive(judged: tuple[ClausePair, Verdict]) -> tuple[int, int]:
    order = (Verdict.STRONGER, Verdict.WEAKER, Verdict.MIXED, Verdict.UNCLEAR, Verdict.NEUTRAL)
    pair, verdict = judged
    head = pair.new or pair.old
    return order.index(verdict), head.span[0] if head else 0


def _evidence(pair: ClausePair, verdict: Verdict) -> Evidence:
    """The pair, its verdict for the row, and the first reason that speaks to it."""
    reasons = [r for r in pair.reasons if r.direction.value == verdict.value] or \
        list(pair.reasons)
    reason = reasons[0].explanation if reasons else "No change in protection."
    return Evidence(pair.old.id if pair.old else None, pair.new.id if pair.new else None,
                    verdict.value, reason)


def summarize(sheet: FactSheet, dimension: Dimension) -> str:
    """A cell's words: the names (terms, parties, technologies, data), counts of conduct and
    exceptions by kind, the kinds of remedy, enforcement, oversight and preemption, and the
    dates; ``not addressed`` / ``not retrieved`` when silent."""
    coverage = sheet.coverage(dimension)
    if coverage is not Coverage.ADDRESSED:
        return coverage.words
    items = sheet.of(dimension)
    if dimension in (Dimension.DEFINITIONS, Dimension.ACTORS, Dimension.TECHNOLOGY,
                     Dimension.DATA):
        names = list(dict.fromkeys(i.summary for i in items))
        more = len(names) - _SUMMARY_NAMES
        shown = "; ".join(names[:_SUMMARY_NAMES])
        return f"{shown}; and {more} more" if more > 0 else shown
    if dimension is Dimension.DATES:
        return "; ".join(dict.fromkeys(i.summary for i in items))
    counts: dict[str, int] = {}
    for i in items:
        counts[i.value] = counts.get(i.value, 0) + 1
    parts = [f"{VALUE_LABELS.get(v, v)}" + (f" ×{n}" if n > 1 else "") for v, n in counts.items()]
    return "; ".join(parts)


def label(dimension: Dimension) -> str:
    return LABELS[dimension]
