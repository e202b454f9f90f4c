"""Counting a comparison's pairs the way the contract's ``summary`` object does."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from .model import ClausePair, Comparison, Direction, Reason, Status, Verdict

VERDICT_ORDER = (Verdict.WEAKER, Verdict.STRONGER, Verdict.MIXED, Verdict.UNCLEAR,
                 Verdict.NEUTRAL)


@dataclass(frozen=True)
class Summary:
    """Verdict counts (descriptive pairs left out), status counts, flags."""

    verdicts: dict[str, int]
    statuses: dict[str, int]
    moved: int
    renumbered: int
    descriptive: int

    def as_dict(self) -> dict[str, int]:
        """The contract's key order: verdicts, statuses, then flags."""
        out = dict(self.verdicts)
        for key in ("added", "removed", "unpaired", "modified", "unchanged", "split", "merged"):
            out[key] = self.statuses[key]
        out["moved"] = self.moved
        out["renumbered"] = self.renumbered
        out["descriptive"] = self.descriptive
        return out


def summarize(comparison: Comparison) -> Summary:
    pairs = comparison.pairs
    operative = Counter(p.verdict for p in pairs if not p.descriptive)
    verdicts = {v.value: operative[v] for v in (Verdict.STRONGER, Verdict.WEAKER, Verdict.MIXED,
                                                Verdict.NEUTRAL, Verdict.UNCLEAR)}
    by_status = Counter(p.status for p in pairs)
    statuses = {s.value: by_status[s] for s in Status}
    return Summary(verdicts, statuses, sum(1 for p in pairs if p.moved),
                   sum(1 for p in pairs if p.renumbered),
                   len(pairs) - sum(operative.values()))


def deciding_reason(pair: ClausePair) -> Reason | None:
    """The reason a one-line list of verdicts gives for a pair: the first whose direction made
    the verdict (a stronger one for "stronger", either for "mixed"), not a neutral one that
    explains other words ("“LANDLORDS” became “OWNERS”" beside the case that made it
    stronger); the first reason when none did."""
    wanted = {Verdict.STRONGER: {Direction.STRONGER}, Verdict.WEAKER: {Direction.WEAKER},
              Verdict.MIXED: {Direction.STRONGER, Direction.WEAKER},
              Verdict.UNCLEAR: {Direction.UNCLEAR}}.get(pair.verdict, set())
    return next((r for r in pair.reasons if r.direction in wanted),
                pair.reasons[0] if pair.reasons else None)


def changed(pair: ClausePair) -> bool:
    """Anything to show: not unchanged, or moved or renumbered (not only with the provision
    it sits in, which is shown: :attr:`~legcompare.model.ClausePair.renumbered_with_parent`)."""
    return pair.status is not Status.UNCHANGED or pair.moved or (
        pair.renumbered and not pair.renumbered_with_parent)


def not_shown(pairs: Sequence[ClausePair], shown: int) -> str | None:
    """What a list of the ``shown`` changed pairs leaves out, in words: ``3 unchanged
    provisions not shown, 2 of them renumbered with the provisions they sit in``; ``None``
    when it leaves out nothing."""
    omitted = len(pairs) - shown
    if not omitted:
        return None
    words = f"{omitted} unchanged provision{'s' if omitted != 1 else ''} not shown"
    along = sum(1 for p in pairs if p.renumbered_with_parent and not changed(p))
    if along == 1:
        words += (", 1 of them" if omitted != 1 else ",") + \
            " renumbered with the provision it sits in"
    elif along:
        words += f", {along} of them renumbered with the provisions they sit in"
    return words


def headline(summary: Summary) -> str:
    """ "2 provisions weaker, 1 stronger, 3 unclear; 40 unchanged" (operative provisions)."""
    v = summary.verdicts
    parts = []
    for verdict in VERDICT_ORDER:
        n = v[verdict.value]
        if n and verdict is not Verdict.NEUTRAL:
            parts.append(f"{n} {verdict.value}")
    if parts:
        first = parts[0].split(" ", 1)
        parts[0] = f"{first[0]} provision{'s' if first[0] != '1' else ''} {first[1]}"
    else:
        parts.append("no provision stronger or weaker")
    s = summary.statuses
    tail = ", ".join(f"{s[k]} {k}" for k in ("modified", "added", "removed", "unpaired", "split",
                                              "merged", "unchanged") if s[k])
    return "; ".join([", ".join(parts), tail]) if tail else ", ".join(parts)
