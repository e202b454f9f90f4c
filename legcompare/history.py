"""A clause across many versions: at which version each change happened, with its verdict.

``history(documents, *, options)`` takes the versions of one text in order (introduced, amended,
enrolled; a print and its reprints) and builds, from the pairwise comparisons of consecutive
versions, one :class:`Track` per provision. Its guarantees:

* Built from :func:`~legcompare.compare.compare` of each consecutive pair with the options given,
  and nothing else: each :class:`Event` holds one of those comparisons' pairs, the very object.
  So the history matches ``legcompare diff`` of consecutive versions exactly: the events at
  version *k* are the pairs of ``diff v(k-1) v(k)``, and the changed ones are its changes.
* Every clause of every version is on exactly one track, once. A track follows one provision
  through the pairs (old id → new id), so a renumbered, moved or reworded provision stays on its
  track. A pair with no old clause (added, the extra part of a split, unpaired) starts a track at
  its version; a pair with no new clause (removed, merged away, unpaired) ends one.
* Tracks are in reading order: those of the first version in its document order, and each track
  a later version starts placed right after the provision the comparison lists before it.
* Pure and deterministic: same documents and options, same history; it pickles.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass

from .compare import compare_outlines
from .errors import LegcompareError
from .model import Clause, ClausePair, CompareOptions, Comparison, Document, Outline, Verdict
from .parallel import split_all
from .summary import changed

__all__ = ["Event", "History", "HistoryError", "Track", "history", "version_labels"]


class HistoryError(LegcompareError):
    """A history needs at least two versions."""


@dataclass(frozen=True)
class Event:
    """What one comparison of consecutive versions says about a track's provision."""

    version: int
    """The index of the version the pair arrives at (1 .. n-1): the pair compares versions
    ``version - 1`` and ``version``."""
    pair: ClausePair
    """The pair, exactly as ``compare(versions[version - 1], versions[version])`` gave it."""

    @property
    def changed(self) -> bool:
        """Something to report: not unchanged, or moved or renumbered (as ``diff`` counts it,
        and also when only the provision it sits in was renumbered: a track follows one
        provision, whose own citation changed)."""
        return changed(self.pair) or self.pair.renumbered


@dataclass(frozen=True)
class Track:
    """One provision followed through the versions."""

    clauses: tuple[Clause | None, ...]
    """The provision in each version (one entry per version), ``None`` where it is absent."""
    events: tuple[Event, ...]
    """Every pair that has the provision on either side, in version order."""

    @property
    def ids(self) -> tuple[str | None, ...]:
        """The provision's clause id in each version, ``None`` where it is absent."""
        return tuple(c.id if c is not None else None for c in self.clauses)

    @property
    def changes(self) -> tuple[Event, ...]:
        """The events that changed something (see :attr:`Event.changed`)."""
        return tuple(e for e in self.events if e.changed)

    @property
    def first(self) -> int:
        """The first version that has the provision."""
        return next(i for i, c in enumerate(self.clauses) if c is not None)

    @property
    def last(self) -> int:
        """The last version that has the provision."""
        return max(i for i, c in enumerate(self.clauses) if c is not None)

    @property
    def latest(self) -> Clause:
        """The provision as its last version has it."""
        clause = self.clauses[self.last]
        assert clause is not None
        return clause

    def at(self, version: int) -> Event | None:
        """The event arriving at ``version``, if the track has one."""
        return next((e for e in self.events if e.version == version), None)


@dataclass(frozen=True)
class History:
    """The result of :func:`history`: the versions, their comparisons and the tracks."""

    documents: tuple[Document, ...]
    comparisons: tuple[Comparison, ...]
    """``comparisons[k - 1]`` compares versions ``k - 1`` and ``k``."""
    tracks: tuple[Track, ...]
    options: CompareOptions

    @property
    def changed_tracks(self) -> tuple[Track, ...]:
        """Tracks with at least one change."""
        return tuple(t for t in self.tracks if t.changes)

    def verdicts(self, version: int) -> dict[Verdict, int]:
        """Verdict counts of the operative changes arriving at ``version`` (as ``diff``'s
        summary counts them: descriptive provisions left out)."""
        counts = dict.fromkeys(Verdict, 0)
        for p in self.comparisons[version - 1].pairs:
            if not p.descriptive:
                counts[p.verdict] += 1
        return counts


class _Builder:
    """A track under construction."""

    def __init__(self, versions: int, start: int, clause: Clause) -> None:
        self.clauses: list[Clause | None] = [None] * versions
        self.clauses[start] = clause
        self.events: list[Event] = []

    def freeze(self) -> Track:
        return Track(tuple(self.clauses), tuple(self.events))


def history(documents: Sequence[Document], *, options: CompareOptions | None = None) -> History:
    """Follow every provision of ``documents`` (versions in order) through their consecutive
    comparisons (see the module docstring for the guarantees)."""
    if len(documents) < 2:
        raise HistoryError("a history needs at least two versions")
    options = options or CompareOptions()
    outlines = split_all(documents)  # each version split once, not as new and then as old
    comparisons = tuple(compare_outlines(a, b, options=options)
                        for a, b in itertools.pairwise(outlines))
    n = len(documents)
    order: list[_Builder] = []
    live: dict[str, _Builder] = {}
    for clause in _first_clauses(comparisons[0], outlines[0]):
        track = _Builder(n, 0, clause)
        order.append(track)
        live[clause.id] = track
    for version, comparison in enumerate(comparisons, 1):
        live = _step(comparison, version, n, live, order)
    return History(tuple(documents), comparisons, tuple(t.freeze() for t in order), options)


def _first_clauses(comparison: Comparison, outline: Outline) -> list[Clause]:
    """The clauses of the first version (``outline``) in document order: those the first
    comparison pairs (its ``--select`` subtree, when one is chosen), else all."""
    paired = {p.old.id: p.old for p in comparison.pairs if p.old is not None}
    if comparison.options.select:
        return [c for c in outline.walk() if c.id in paired]
    return list(outline.walk())


def _step(comparison: Comparison, version: int, n: int, live: dict[str, _Builder],
          order: list[_Builder]) -> dict[str, _Builder]:
    """Extend the live tracks by one comparison; returns the tracks live at ``version``."""
    nxt: dict[str, _Builder] = {}
    anchor: _Builder | None = None
    for pair in comparison.pairs:
        if pair.old is not None:
            track = live.get(pair.old.id)
            if track is None:  # a clause the old outline has but the first walk did not list
                track = _Builder(n, version - 1, pair.old)
                _insert_after(order, anchor, track)
        else:
            assert pair.new is not None
            track = _Builder(n, version, pair.new)
            _insert_after(order, anchor, track)
        track.events.append(Event(version, pair))
        if pair.new is not None:
            track.clauses[version] = pair.new
            nxt[pair.new.id] = track
        anchor = track
    return nxt


def _insert_after(order: list[_Builder], anchor: _Builder | None, track: _Builder) -> None:
    """Place a new track right after ``anchor`` (first, when there is none)."""
    if anchor is None:
        order.insert(0, track)
        return
    at = next(i for i, t in enumerate(order) if t is anchor)
    order.insert(at + 1, track)


def version_labels(documents: Sequence[Document]) -> tuple[str, ...]:
    """A short name for each version: its version (``original``, ``a``, ``ih``), else its
    document id; repeated names get ``#2``, ``#3`` so every column is told apart."""
    names = [d.provenance.version or d.provenance.document or f"v{i + 1}"
             for i, d in enumerate(documents)]
    seen: dict[str, int] = {}
    out = []
    for name in names:
        seen[name] = seen.get(name, 0) + 1
        out.append(name if names.count(name) == 1 else f"{name}#{seen[name]}")
    return tuple(out)
