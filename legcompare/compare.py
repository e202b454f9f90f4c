"""``compare(old, new, *, options)``: split, align, diff and judge two documents.

A pure, deterministic function: the same documents and options give the same
:class:`~legcompare.model.Comparison`, which is picklable (frozen dataclasses of tuples), so
batch jobs can fan comparisons out over processes.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import replace
from typing import Any

from .align import (
    AUTO_SHARED_KEYS,
    Match,
    align_cross,
    align_versions,
    own_key,
    remember_keys,
    shared_key_share,
)
from .assess.judge import Judge, assess
from .assess.rules import load_rules
from .chardiff import diff_text
from .errors import SelectError
from .ids import label_designation, numbered_path
from .model import (
    Clause,
    ClausePair,
    CompareOptions,
    Comparison,
    Document,
    Edit,
    Mode,
    Op,
    Outline,
    Status,
    Verdict,
    changed_copy,
    made,
)
from .parallel import Unread, map_balanced, split_all, split_as_read, worthwhile

__all__ = ["compare", "compare_as_read", "compare_clauses", "compare_outlines", "decide_mode"]


def compare(old: Document, new: Document, *, options: CompareOptions | None = None
            ) -> Comparison:
    """Compare two documents clause by clause."""
    return compare_as_read(iter((old, new)), options=options)


def compare_as_read(documents: Iterator[Document | Unread], *,
                    options: CompareOptions | None = None) -> Comparison:
    """:func:`compare` of the two documents ``documents`` yields, read as it is consumed: on
    long texts the old one is split while the new one is read, and a long old file is read
    there too when given :class:`~legcompare.parallel.Unread` (see
    :func:`~legcompare.parallel.split_as_read`)."""
    options = options or CompareOptions()
    rules = options.rules

    def meanwhile(outline: Outline) -> None:  # what compare_outlines needs first
        remember_keys(outline)
        load_rules(tuple(rules))

    old, new = split_as_read(documents, meanwhile=meanwhile)
    return compare_outlines(old, new, options=options)


def compare_outlines(a: Outline, b: Outline, *, options: CompareOptions | None = None
                     ) -> Comparison:
    """:func:`compare` of two documents already split (their outlines ``a`` and ``b``)."""
    options = options or CompareOptions()
    old, new = a.document, b.document
    # (judged against the whole documents: a term one defines outside the selection is its
    # term inside it too, so a provision gets the verdict it gets in the whole comparison)
    judge = Judge(a, b, perspective=options.perspective, rules=options.rules)
    if options.select:
        a, b = _select(a, options.select), _select(b, options.select)
        if not a.clauses and not b.clauses:
            raise SelectError(f"no clause with id {options.select!r} in either document")
    mode = decide_mode(a, b) if options.mode is Mode.AUTO else options.mode
    matches = align_versions(a, b) if mode is Mode.VERSIONS else align_cross(a, b)

    def judged(some: Sequence[Match]) -> list[ClausePair]:
        return list(judge(_pair(m, old.partial, new.partial, options.max_tokens, mode)
                          for m in some))

    # Each pair is diffed and judged on its own: on long texts, a second process shares the
    # pairs whose texts differ (nearly all of the work), this one does the rest. The judge is
    # made first (the rules read), so that the child has it too.
    pairs = map_balanced(judged, matches, cheap=_same_text, send=_without_clauses,
                         receive=_with_clauses, parallel=worthwhile(old, new))
    if mode is Mode.VERSIONS:
        pairs = _with_parents_numbers(pairs)
    return Comparison(old, new, mode, options.perspective, tuple(pairs), options)


def _same_text(match: Match) -> bool:
    """Two clauses with the same text: a pair quick to judge (one equal run, no change)."""
    return match.old is not None and match.new is not None and match.old.text == match.new.text


def _without_clauses(pair: ClausePair) -> dict[str, object]:
    """A judged pair as a child process sends it: its clauses are the receiver's own."""
    return {k: v for k, v in pair.__dict__.items() if k not in ("old", "new")}


def _with_clauses(match: Match, sent: dict[str, Any]) -> ClausePair:
    return ClausePair(old=match.old, new=match.new, **sent)


def compare_clauses(old: Document, new: Document, old_id: str | None, new_id: str | None, *,
                    options: CompareOptions | None = None) -> ClausePair:
    """Judge two chosen provisions as a pair (either id may be ``None``: added or removed),
    whatever the aligner would have paired them with."""
    options = options or CompareOptions()
    a, b = split_all((old, new))
    found_old = _find(a, old_id)
    found_new = _find(b, new_id)
    mode = Mode.CROSS if options.mode is Mode.AUTO else options.mode
    pair = _pair(Match(found_old, found_new), old.partial, new.partial, options.max_tokens,
                 mode)
    return assess((pair,), a, b, mode=mode, perspective=options.perspective,
                  rules=options.rules)[0]


def _find(outline: Outline, clause_id: str | None) -> Clause | None:
    if clause_id is None:
        return None
    for c in outline.walk():
        if c.id == clause_id:
            return c
    raise SelectError(f"no clause with id {clause_id!r}",
                      where=outline.document.provenance.document)


def decide_mode(old: Outline, new: Outline) -> Mode:
    """``versions`` for the same document, or when at least half the clause keys are shared;
    else ``cross``. Never from whole-text similarity."""
    p, q = old.document.provenance, new.document.provenance
    if p.document and (p.jurisdiction, p.document) == (q.jurisdiction, q.document):
        return Mode.VERSIONS
    return Mode.VERSIONS if shared_key_share(old, new) >= AUTO_SHARED_KEYS else Mode.CROSS


def _select(outline: Outline, clause_id: str) -> Outline:
    for c in outline.walk():
        if c.id == clause_id:
            return replace(outline, clauses=(c,))
    return replace(outline, clauses=())


def _pair(m: Match, old_partial: bool, new_partial: bool, max_tokens: int, mode: Mode
          ) -> ClausePair:
    if m.old is not None and m.new is not None:
        diff = diff_text(m.old.text, m.new.text, max_tokens=max_tokens)
        same = _same_own_text(m.old, m.new) or own_key(m.old) == own_key(m.new)
        status = Status.UNCHANGED if same else Status.MODIFIED
        if m.part == "split":
            status = Status.SPLIT
        elif m.part == "merge":
            status = Status.MERGED
        # (made, not ClausePair(...): a 10 MB bill has 45,000 pairs, nearly all unchanged)
        return made(ClausePair, status=status, old=m.old, new=m.new, edits=diff.edits,
                    similarity=m.similarity, moved=m.moved,
                    renumbered=mode is Mode.VERSIONS and _renumbered(m.old, m.new),
                    renumbered_with_parent=False, group=m.group, verdict=Verdict.NEUTRAL,
                    descriptive=False, reasons=(), notes=diff.notes)
    if m.old is not None:
        status = Status.MERGED if m.part else (Status.UNPAIRED if new_partial else
                                               Status.REMOVED)
        return ClausePair(status, m.old, None, _whole(Op.DELETE, m.old), similarity=m.similarity,
                          group=m.group)
    assert m.new is not None
    status = Status.SPLIT if m.part else (Status.UNPAIRED if old_partial else Status.ADDED)
    return ClausePair(status, None, m.new, _whole(Op.INSERT, m.new), similarity=m.similarity,
                      group=m.group)


def _same_own_text(old: Clause, new: Clause) -> bool:
    """The same own text (label left out) on both sides, so surely the same key (most pairs of
    a long bill: told without making the keys)."""
    return old.text == new.text and old.own_start == new.own_start


def _whole(op: Op, clause: Clause) -> tuple[Edit, ...]:
    return (Edit(op, clause.text),) if clause.text else ()


def _with_parents_numbers(pairs: Sequence[ClausePair]) -> list[ClausePair]:
    """``pairs``, those renumbered only with the provision they sit in marked so
    (:attr:`ClausePair.renumbered_with_parent`): § 104(a) now § 103(a) because § 104 is now
    § 103 (its parent's pair renumbered, whichever way)."""
    renumbered = {p.old.id: p for p in pairs
                  if p.renumbered and p.old is not None and p.new is not None}
    out = []
    for pair in pairs:
        old, new = pair.old, pair.new
        if pair.renumbered and old is not None and new is not None:
            old_parent, _, old_own = old.id.rpartition("/")
            new_parent, _, new_own = new.id.rpartition("/")
            parent = renumbered.get(old_parent)
            if (parent is not None and parent.new is not None and parent.new.id == new_parent
                    and numbered_path(old_own) == numbered_path(new_own)
                    and label_designation(old.label) == label_designation(new.label)):
                pair = changed_copy(pair, renumbered_with_parent=True)
        out.append(pair)
    return out


def _renumbered(old: Clause, new: Clause) -> bool:
    """The provision carries another number (or sits under another numbered path) than
    before. A label only printed another way ("(A)" as "A.", "Sec. 5." as "SECTION 5.") is
    the same number; so is a place counted among unnumbered siblings ("¶ 2" now "¶ 3", "1st
    proviso" now "2nd": one was inserted before it) or told apart from a namesake ("a/1~2"),
    which no print shows."""
    if old.id != new.id and numbered_path(old.id) != numbered_path(new.id):
        return True
    return old.label != new.label and label_designation(old.label) != label_designation(
        new.label)
