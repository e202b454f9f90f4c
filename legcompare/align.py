"""Clause alignment: which clause of the old text goes with which clause of the new.

Two modes, each a pure function of two outlines:

``versions`` (two prints of one text) — monotone first: the clauses of both texts, in document
order, are diffed as a sequence of comparison keys, so identical provisions are matched in order
(never by hash lookup alone) and an inserted subdivision that renumbers the rest yields one
addition, not a cascade of changes. Between two matched runs, clauses are paired by id (when
their texts are at least ``ID_THRESHOLD`` similar) and then by similarity (at least
``VERSION_THRESHOLD``), in order. What is left is matched across the whole text: identical or
``MOVE_THRESHOLD``-similar provisions elsewhere are *moved*, and their leftover parts are paired
with the parts of the provision they moved to; a provision with no parts of its own paired
under another parent than its parent's partner yields to an unpaired child of that partner
which is as similar; a provision with no words of its own left unpaired goes with the one that
holds the partners of its parts. A provision whose text now sits in
two (or more) provisions is a *split*, sharing a group; the converse a *merge*. Last, text
printed word for word under many provisions (an emergency designation closing every paragraph
of an appropriation) is put back under its parent's partner where document order gave it to
another's.

``cross`` (two laws on one subject) — by content: every pair of provisions sharing informative
words is scored by similarity of their comparison keys; pairs are taken best first, one to one,
above ``CROSS_THRESHOLD``. Unpaired provisions mostly contained in a paired one are a split or
merge of it.

Similarity is ``rapidfuzz.fuzz.ratio`` on comparison keys (normalised Indel distance, 0..1).
"""

from __future__ import annotations

import math
import re
import weakref
from collections import Counter, defaultdict, deque
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache, wraps
from itertools import islice
from typing import TYPE_CHECKING, Any

from rapidfuzz import fuzz, process

from .chardiff import sequence_diff
from .model import DESCRIBING, Clause, Kind, Op, Outline, parent_in
from .normalize import key
from .parallel import cores

if TYPE_CHECKING:
    from numpy.typing import NDArray

CROSS_CANDIDATES = 8
"""In cross mode, how many provisions of the other law each provision is scored against: those
sharing the heaviest words with it."""
ID_THRESHOLD = 0.5
"""Same id in both versions: paired when their own texts are at least this similar."""
VERSION_THRESHOLD = 0.6
"""Different ids, same place: paired when at least this similar."""
MOVE_THRESHOLD = 0.8
"""A provision found elsewhere in the other version: moved when at least this similar."""
CROSS_THRESHOLD = 0.5
"""Two different laws: provisions paired when at least this similar."""
CONTAINMENT_THRESHOLD = 0.8
"""Share of a provision's words found in another for it to be a part of a split or merge."""
AUTO_SHARED_KEYS = 0.5
"""``auto`` chooses ``versions`` when this share of clause keys is common to both texts."""

_WORD = re.compile(r"[^\W_]+")


@dataclass
class Match:
    """A planned pair: either side may be missing."""

    old: Clause | None
    new: Clause | None
    similarity: float | None = None
    moved: bool = False
    group: str | None = None
    part: str | None = None  # "split" or "merge" for the parts of a group


@dataclass
class _Side:
    clauses: list[Clause]
    own: list[str] = field(default_factory=list)
    anchor: list[str] = field(default_factory=list)
    index: dict[int, int] = field(init=False)
    """Each clause's place in ``clauses``, by ``id``."""
    roots: tuple[Clause, ...] = ()
    """The top-level clauses (the tree ``clauses`` walks)."""

    def __post_init__(self) -> None:
        self.index = {id(c): i for i, c in enumerate(self.clauses)}

    def parent(self, clause: Clause) -> Clause | None:
        """The clause ``clause`` is part of (:func:`~legcompare.model.parent_in`)."""
        return parent_in(self.roots, clause)

    def whole(self, i: int) -> str:
        """The keys of a clause and its descendants, joined (at most a few thousand chars)."""
        start = self.clauses[i]
        parts: list[str] = []
        size = 0
        for d in start.walk():
            k = self.own[self.index[id(d)]]
            parts.append(k)
            size += len(k)
            if size > 4000:
                break
        return " ".join(parts)

    @classmethod
    def of(cls, outline: Outline) -> _Side:
        clauses, own = _own_keys(outline)
        side = cls(clauses, roots=outline.clauses)
        side.own = own
        side.anchor = [k if len(k) >= _ANCHOR_OWN else _anchor_key(c, side)
                       for c, k in zip(clauses, own, strict=True)]
        return side


def remember_keys(outline: Outline) -> None:
    """Compute the comparison keys of the outline's clauses now; they are remembered for the
    comparison that follows (one side's keys made while the other side is still being split).
    """
    _own_keys(outline)


_OWN_KEYS: dict[int, tuple[list[Clause], list[str]]] = {}
""":func:`_own_keys` by ``id`` of the outline, each entry dropped when its outline is freed
(so no other outline can take the ``id`` while the entry is here)."""


def _own_keys(outline: Outline) -> tuple[list[Clause], list[str]]:
    """The outline's clauses in document order and their :func:`own_key`, made once per outline:
    choosing the mode and aligning both read every clause's key (on a 10 MB bill, 45,000
    slices of the text hashed again for each)."""
    found = _OWN_KEYS.get(id(outline))
    if found is None:
        clauses = list(outline.walk())
        found = _OWN_KEYS[id(outline)] = (clauses, [own_key(c) for c in clauses])
        weakref.finalize(outline, _OWN_KEYS.pop, id(outline), None).atexit = False
    return found


def own_key(clause: Clause) -> str:
    """The comparison key of a clause's own text, its label left out."""
    return _text_key(clause.text[clause.own_start:])


@lru_cache(maxsize=1 << 17)
def _text_key(text: str) -> str:
    """``key``, remembered: a comparison asks for each clause's key several times (choosing
    the mode, aligning, telling unchanged pairs)."""
    return key(text)


_ANCHOR_OWN = 12
"""An own key at least this long is a clause's anchor key by itself."""


def _anchor_key(clause: Clause, side: _Side) -> str:
    """The key for exact matching of a clause whose own key is short (under
    :data:`_ANCHOR_OWN`: a label-only "(a)" or "Sec. 103."): with its children's keys, as it is
    known by what it contains (a longer own key is its own anchor, see :meth:`_Side.of`).
    Labels are left out, so a renumbered provision keeps its key."""
    parts = [side.own[side.index[id(clause)]]]
    size = 0
    for d in islice(clause.walk(), 1, None):
        k = side.own[side.index[id(d)]]
        parts.append(k)
        size += len(k)
        if size > 300:
            break
    return f"{clause.kind.value}|" + "|".join(parts)


def similarity(a: str, b: str, at_least: float = 0.0) -> float:
    """The similarity of two keys, 0..1. A score below ``at_least`` may come back as 0.0 (the
    caller has no use for it): rapidfuzz then gives up on a pair as soon as it cannot reach
    the bound, by their lengths alone where those differ too much. A score it does give is the
    exact one, whatever the bound."""
    if a == b:  # (also two empty keys) what fuzz.ratio gives, without it: most pairs
        return 1.0
    cutoff = at_least * 100.0 - _CUTOFF_MARGIN
    return fuzz.ratio(a, b, score_cutoff=cutoff if cutoff > 0.0 else None) / 100.0


_CUTOFF_MARGIN = 0.01
"""How far (in rapidfuzz's 0..100) below ``at_least`` the cutoff is set, so that a score at
the bound is never lost to rounding; callers still compare the scores with the bound."""


def shared_key_share(old: Outline, new: Outline) -> float:
    """Share of the smaller text's clause keys found in the other (for ``auto``)."""
    a = set(_own_keys(old)[1]) - {""}
    b = set(_own_keys(new)[1]) - {""}
    if not a or not b:
        return 0.0
    return len(a & b) / min(len(a), len(b))


# --- versions ----------------------------------------------------------------------------


def canonical(align: Callable[[Outline, Outline], list[Match]]
              ) -> Callable[[Outline, Outline], list[Match]]:
    """Make an aligner symmetric: it always runs with the two texts in one fixed order and its
    result is mirrored when they came the other way round, so swapping the inputs swaps the
    pairs exactly (where duplicate provisions make two alignments equally good, the differ's
    tie-breaking would otherwise depend on which text is called old)."""

    @wraps(align)
    def aligned(old: Outline, new: Outline) -> list[Match]:
        if old.document.text <= new.document.text:
            return align(old, new)
        flip = {"split": "merge", "merge": "split"}
        mirrored = [Match(m.new, m.old, m.similarity, m.moved, _flip_group(m.group),
                          flip.get(m.part, m.part) if m.part else None)
                    for m in align(new, old)]
        return _in_document_order(mirrored, _Side(list(old.walk())), _Side(list(new.walk())))

    return aligned


def _flip_group(group: str | None) -> str | None:
    """"split:X" seen from the other side is "merge:X" (X names the provision on that side)."""
    if group is None:
        return None
    kind, _, host = group.partition(":")
    return f"{ {'split': 'merge', 'merge': 'split'}.get(kind, kind)}:{host}"


@canonical
def align_versions(old: Outline, new: Outline) -> list[Match]:
    """Pair the clauses of two versions (see the module docstring)."""
    a, b = _Side.of(old), _Side.of(new)
    matches: list[Match] = []
    left_a: list[int] = []
    left_b: list[int] = []
    i = j = 0
    gap_a: list[int] = []
    gap_b: list[int] = []
    for op, na, nb in sequence_diff(a.anchor, b.anchor):
        if op is Op.EQUAL:
            _close_gap(a, b, gap_a, gap_b, matches, left_a, left_b)
            gap_a, gap_b = [], []
            for k in range(na):
                matches.append(Match(a.clauses[i + k], b.clauses[j + k],
                                     similarity(a.own[i + k], b.own[j + k])))
        else:
            gap_a += range(i, i + na)
            gap_b += range(j, j + nb)
        i += na
        j += nb
    _close_gap(a, b, gap_a, gap_b, matches, left_a, left_b)
    _moves(a, b, matches, left_a, left_b)
    _moved_parts(a, b, matches, left_a, left_b)
    _moved_home(a, b, matches, left_a, left_b)
    _known_by_parts(a, b, matches, left_a, left_b)
    _moved_with_parents(matches)
    _splits_and_merges(a, b, matches, left_a, left_b)
    matches += [Match(a.clauses[x], None) for x in left_a]
    matches += [Match(None, b.clauses[y]) for y in left_b]
    return _in_document_order(_with_parents(a, b, matches), a, b)


_GAP_DP_CELLS = 40000
_SAME_ID_BONUS = 0.05


def _close_gap(a: _Side, b: _Side, gap_a: list[int], gap_b: list[int], out: list[Match],
               left_a: list[int], left_b: list[int]) -> None:
    """Pair the clauses between two matched runs, in order, maximising total similarity.

    A pair needs ``VERSION_THRESHOLD`` similarity, or ``ID_THRESHOLD`` when the ids agree; the
    same id also breaks ties. Short clauses ("Sec. 104." alone) are compared with their
    contents. Very large gaps fall back to pairing by id, then greedily by similarity.
    """
    if not gap_a or not gap_b:
        left_a += gap_a
        left_b += gap_b
        return
    if len(gap_a) * len(gap_b) <= _GAP_DP_CELLS:
        paired = _gap_dp(a, b, gap_a, gap_b)
    else:
        paired = _gap_greedy(a, b, gap_a, gap_b)
    taken = {y for y, _ in paired.values()}
    for x in gap_a:
        if x in paired:
            y, score = paired[x]
            out.append(Match(a.clauses[x], b.clauses[y], score))
        else:
            left_a.append(x)
    left_b += [y for y in gap_b if y not in taken]


def _pair_score(a: _Side, b: _Side, x: int, y: int) -> float | None:
    """Similarity of two clauses if they may pair at all, else ``None``."""
    short = len(a.own[x]) < _ANCHOR_OWN or len(b.own[y]) < _ANCHOR_OWN
    same_id = a.clauses[x].id == b.clauses[y].id
    penalty = 0.1 if a.clauses[x].kind is not b.clauses[y].kind and not same_id else 0.0
    needed = (ID_THRESHOLD if same_id else VERSION_THRESHOLD) + penalty
    s = similarity(a.anchor[x], b.anchor[y], needed) if short else \
        similarity(a.own[x], b.own[y], needed)
    s -= penalty
    if s >= VERSION_THRESHOLD or (same_id and s >= ID_THRESHOLD):
        return s
    return None


def _gap_dp(a: _Side, b: _Side, gap_a: list[int], gap_b: list[int]
            ) -> dict[int, tuple[int, float]]:
    """Monotone pairing with the largest total score (a weighted longest common subsequence)."""
    n, m = len(gap_a), len(gap_b)
    score = [[0.0] * (m + 1) for _ in range(n + 1)]
    move = [[0] * (m + 1) for _ in range(n + 1)]  # 1: pair, 2: skip old, 3: skip new
    pair_s: dict[tuple[int, int], float] = {}
    for i in range(n - 1, -1, -1):
        for j in range(m - 1, -1, -1):
            best, how = score[i + 1][j], 2
            if score[i][j + 1] > best:
                best, how = score[i][j + 1], 3
            s = _pair_score(a, b, gap_a[i], gap_b[j])
            if s is not None:
                bonus = _SAME_ID_BONUS if a.clauses[gap_a[i]].id == b.clauses[gap_b[j]].id else 0
                if s + bonus + score[i + 1][j + 1] > best:
                    best, how = s + bonus + score[i + 1][j + 1], 1
                    pair_s[(i, j)] = s
            score[i][j], move[i][j] = best, how
    paired: dict[int, tuple[int, float]] = {}
    i = j = 0
    while i < n and j < m:
        how = move[i][j]
        if how == 1:
            paired[gap_a[i]] = (gap_b[j], pair_s[(i, j)])
            i, j = i + 1, j + 1
        elif how == 2:
            i += 1
        else:
            j += 1
    return paired


def _gap_greedy(a: _Side, b: _Side, gap_a: list[int], gap_b: list[int]
                ) -> dict[int, tuple[int, float]]:
    ids_b = {b.clauses[y].id: y for y in gap_b}
    paired: dict[int, tuple[int, float]] = {}
    for x in gap_a:
        y = ids_b.get(a.clauses[x].id)
        if y is not None:
            s = _pair_score(a, b, x, y)
            if s is not None:
                paired[x] = (y, s)
    taken = {y for y, _ in paired.values()}
    xs = [x for x in gap_a if x not in paired]
    left = {y: b.own[y] for y in gap_b if y not in taken}  # (in order; a paired one leaves)
    pool = _Pool(left, [a.own[x] for x in xs], VERSION_THRESHOLD)
    order = _Order(gap_a)
    for x, (y, _) in paired.items():
        order.add(x, y)
    for i, x in enumerate(xs):
        best = pool.best(i)
        if best is not None and order.keeps(x, best[0]):
            paired[x] = best
            order.add(x, best[0])
            pool.take(best[0])
    return paired


class _Order:
    """The pairs ``(x, y)`` made so far, and whether a new one keeps their order: every pair
    before ``x`` in the old text is before ``y`` in the new, and none after ``x`` is before
    ``y``, i.e. ``all((px < x) == (py < y) for px, py in pairs)`` (the pairs made by id first
    need not be in order among themselves). Asked for each provision of a gap, that is
    quadratic (a rewritten bill of 8,000 provisions: 32 million steps); here two Fenwick trees
    over the gap's old positions keep the largest ``y`` before each and the smallest after,
    and an answer takes a logarithmic number of steps. A new ``y`` is never one already paired
    (the candidates are the ones left)."""

    def __init__(self, xs: list[int]) -> None:
        self._rank = {x: k for k, x in enumerate(xs, 1)}  # xs: the gap's old positions
        self._n = len(xs)
        self._before = [-1] * (self._n + 1)  # by rank: the largest y up to it
        self._after = [math.inf] * (self._n + 1)  # by rank from the end: the smallest y

    def add(self, x: int, y: int) -> None:
        k = self._rank[x]
        while k <= self._n:
            self._before[k] = max(self._before[k], y)
            k += k & -k
        k = self._n + 1 - self._rank[x]
        while k <= self._n:
            self._after[k] = min(self._after[k], y)
            k += k & -k

    def keeps(self, x: int, y: int) -> bool:
        largest = -1
        k = self._rank[x] - 1  # the pairs before x
        while k > 0:
            largest = max(largest, self._before[k])
            k -= k & -k
        if largest >= y:
            return False
        smallest = math.inf
        k = self._n - self._rank[x]  # the pairs after x, ranked from the end
        while k > 0:
            smallest = min(smallest, self._after[k])
            k -= k & -k
        return smallest >= y


class _Pool:
    """The candidates of a greedy pairing (``{y: key}``, in the order they are tried), and the
    keys of the provisions that try them, in turn: :meth:`best` is :func:`_best` of the
    ``i``-th of those keys among the candidates not yet taken (:meth:`take`).

    Many keys against many candidates (a bill rewritten by a substitute amendment: thousands of
    provisions against thousands) are scored by rapidfuzz's ``cdist`` on all the cores
    :func:`~legcompare.parallel.cores` allows, a block of keys at a time against the
    candidates left, and each key's best is read from its row among those still left: the
    same answers as ``extractOne`` (the best score, the first of equals in the candidates'
    order), since every score that reaches the cutoff is the exact one. Each text is scored
    once: a block's rows are its distinct keys, and its columns the distinct texts of the
    candidates left, each standing for the candidates with that text (of which the first not
    taken is the one a key gets; among texts that score the same, the one whose first comes
    first). Provisions that recur word for word ("(2) by adding at the end the following:",
    "(1) In general.—") are thus scored once. Otherwise each key is tried on its own
    (:func:`_best`), as for most gaps, where numpy and the threads would cost more than they
    save."""

    def __init__(self, pool: dict[int, str], keys: list[str], threshold: float) -> None:
        self.pool, self.keys, self.threshold = pool, keys, threshold
        self._workers = cores() if len(pool) * len(keys) >= _ALL_AT_ONCE_CELLS else 1
        self._first = self._end = 0  # the keys of the block scored
        self._row: dict[str, int] = {}  # its rows: its distinct keys
        self._holders: list[deque[int]] = []  # its columns: by text, the candidates left
        self._column: dict[str, int] = {}  # (by text)
        self._rank: dict[int, int] = {}  # each candidate's place in the order they are tried
        self._left: NDArray[Any] | None = None  # the columns with a candidate left
        self._block: NDArray[Any] | None = None

    def best(self, i: int) -> tuple[int, float] | None:
        k = self.keys[i]
        if self._workers == 1 or not k or not self.pool:
            return _best(k, self.pool, self.threshold)
        import numpy as np  # (here: only a large gap needs it)

        if not self._first <= i < self._end:
            self._score_from(i)
        assert self._block is not None and self._left is not None
        # (the block's columns hold every candidate left: the row is never empty)
        row = np.where(self._left, self._block[self._row[k]], -1.0)
        j = int(np.argmax(row))
        score = float(row[j])
        if score <= 0.0 or score / 100.0 < self.threshold:  # (below the cutoff: 0)
            return None
        tied = np.flatnonzero(row == score)
        if len(tied) > 1:  # the first tried of the candidates that score the best
            j = min((int(c) for c in tied), key=lambda c: self._rank[self._holders[c][0]])
        return self._holders[j][0], score / 100.0

    def _score_from(self, i: int) -> None:
        """Score the block of keys from the ``i``-th against the candidates left (an eighth
        of the keys at most, :data:`_BLOCKS`, so that the candidates the keys before it took
        are not scored again)."""
        import numpy as np

        self._rank = {y: r for r, y in enumerate(self.pool)}
        holders: dict[str, deque[int]] = {}
        for y, text in self.pool.items():
            holders.setdefault(text, deque()).append(y)
        self._holders = list(holders.values())
        self._column = {text: c for c, text in enumerate(holders)}
        self._left = np.ones(len(holders), dtype=bool)
        rows = max(1, min(_BLOCK_CELLS // max(len(holders), 1),
                          -(-len(self.keys) // _BLOCKS)))
        self._first, self._end = i, min(i + rows, len(self.keys))
        self._row = {k: r for r, k in enumerate(dict.fromkeys(self.keys[self._first:self._end]))}
        self._block = process.cdist(
            list(self._row), list(holders), scorer=fuzz.ratio, processor=None,
            dtype=np.float64, workers=self._workers,
            score_cutoff=self.threshold * 100.0 - _CUTOFF_MARGIN)

    def take(self, y: int) -> None:
        """Candidate ``y`` is taken: no later key gets it."""
        c = self._column.get(self.pool.pop(y))
        if c is not None and self._left is not None:
            holders = self._holders[c]
            if holders[0] == y:
                holders.popleft()
            else:
                holders.remove(y)
            if not holders:
                self._left[c] = False


_ALL_AT_ONCE_CELLS = 1_000_000
"""Keys × candidates from which a :class:`_Pool` scores them all at once, on several cores
(about half a second's work for ``extractOne``, one key after another)."""
_BLOCK_CELLS = 4_000_000
"""Scores a :class:`_Pool` holds at a time (8 bytes each)."""
_BLOCKS = 8
"""A :class:`_Pool` scores its keys in this many blocks at least (each against the candidates
left when it starts)."""


def _best(k: str, pool: dict[int, str], threshold: float) -> tuple[int, float] | None:
    """The key of ``pool`` (``{y: key}``, in the order they are tried) most similar to ``k``
    and at least ``threshold`` similar, the first of equals, as ``(y, similarity)``; ``None``
    when there is none. rapidfuzz's ``extractOne`` tries them in C, raising its cutoff to the
    best score so far; an empty key scores 0 there, as with :func:`similarity`."""
    if not k:
        return None
    found = process.extractOne(k, pool, scorer=fuzz.ratio, processor=None,
                               score_cutoff=threshold * 100.0 - _CUTOFF_MARGIN)
    if found is None or found[1] / 100.0 < threshold:
        return None
    return found[2], found[1] / 100.0


def _moves(a: _Side, b: _Side, out: list[Match], left_a: list[int], left_b: list[int]) -> None:
    """Leftover provisions found elsewhere in the other text: identical first, then similar.

    Only text that occurs once in each version can be said to have moved (boilerplate such as
    an emergency designation recurs everywhere and would "move" anywhere).
    """
    count_a: dict[str, int] = defaultdict(int)
    count_b: dict[str, int] = defaultdict(int)
    for k in a.anchor:
        count_a[k] += 1
    for k in b.anchor:
        count_b[k] += 1
    by_anchor = {b.anchor[y]: y for y in left_b if count_b[b.anchor[y]] == 1}
    taken: set[int] = set()
    for x in list(left_a):
        k = a.anchor[x]
        y = by_anchor.get(k)
        if y is not None and a.own[x] and count_a[k] == 1:
            taken.add(y)
            left_a.remove(x)
            out.append(Match(a.clauses[x], b.clauses[y], 1.0, moved=True))
    # A provision is known by its whole text, provisos and subdivisions included.
    xs = [x for x in left_a if len(a.own[x]) >= 40 and count_a[a.anchor[x]] <= 1]
    if xs:
        left = {y: b.whole(y) for y in left_b  # (in order; a moved one leaves)
                if y not in taken and count_b[b.anchor[y]] == 1}
        pool = _Pool(left, [a.whole(x) for x in xs], MOVE_THRESHOLD)
        for i, x in enumerate(xs):
            best = pool.best(i)
            if best is not None:
                taken.add(best[0])
                pool.take(best[0])
                left_a.remove(x)
                out.append(Match(a.clauses[x], b.clauses[best[0]], best[1], moved=True))
    left_b[:] = [y for y in left_b if y not in taken]


def _moved_parts(a: _Side, b: _Side, out: list[Match], left_a: list[int],
                 left_b: list[int]) -> None:
    """A moved provision's parts go with it: the leftover subdivisions and provisos of each
    moved pair's two sides are paired as a gap's are (in order, by similarity), even text that
    recurs elsewhere (an emergency designation), which :func:`_moves` leaves alone; their
    pairs are moved as their provision is (see :func:`_moved_with_parents`), and their own
    parts follow them in turn."""
    queue = [m for m in out if m.moved and m.old is not None and m.new is not None]
    if not queue or not left_a or not left_b:
        return
    rest_a, rest_b = set(left_a), set(left_b)
    while queue:
        m = queue.pop()
        assert m.old is not None and m.new is not None
        xs = [x for x in (a.index[id(c)] for c in m.old.children) if x in rest_a]
        ys = [y for y in (b.index[id(c)] for c in m.new.children) if y in rest_b]
        if not xs or not ys:
            continue
        paired = _gap_dp(a, b, xs, ys) if len(xs) * len(ys) <= _GAP_DP_CELLS else \
            _gap_greedy(a, b, xs, ys)
        for x, (y, score) in paired.items():
            part = Match(a.clauses[x], b.clauses[y], score, moved=True)
            out.append(part)
            queue.append(part)
            rest_a.discard(x)
            rest_b.discard(y)
    left_a[:] = [x for x in left_a if x in rest_a]
    left_b[:] = [y for y in left_b if y in rest_b]


def _moved_home(a: _Side, b: _Side, out: list[Match], left_a: list[int],
                left_b: list[int]) -> None:
    """A provision (with no parts of its own) paired with one under another parent than its
    parent's partner (moved there, or paired in a gap) goes instead with an unpaired child of
    its parent's partner that is at least as similar to it (and at least ``MOVE_THRESHOLD``),
    and the clause it was paired with is left over. H.R. 2157's Puerto Rico grant (§ 101 as
    introduced, § 104 as enrolled) closes with an emergency designation in both; the enrolled
    one, which cites the U.S. Code as well, is unique in its text and was "moved" from
    § 701(b), another designation, while § 101's own proviso, text that recurs everywhere, was
    left unpaired. New clauses look for their old partners' stand-ins first, then old clauses
    for new ones; the parents with an unpaired child are taken in document order."""
    if not left_a and not left_b:
        return
    paired = [m for m in out if m.old is not None and m.new is not None]
    by_clause = ({id(m.old): m for m in paired}, {id(m.new): m for m in paired})
    rest = (set(left_a), set(left_b))
    freed: tuple[list[int], list[int]] = ([], [])
    sides = (a, b)
    for new in (True, False):  # (``new``: a pair's new clause yields to an unpaired old one)
        me, other = sides[new], sides[not new]
        homes: dict[int, Clause] = {}  # the other side's parents of unpaired clauses, in order
        for x in sorted(rest[not new]):
            up = other.parent(other.clauses[x])
            if up is not None:
                homes.setdefault(id(up), up)
        for home in homes.values():
            hm = by_clause[not new].get(id(home))
            mine_up = (hm.new if new else hm.old) if hm is not None else None
            if mine_up is None:
                continue
            for mine in mine_up.children:
                m = by_clause[new].get(id(mine))
                theirs = (m.old if new else m.new) if m is not None else None
                if m is None or theirs is None or m.group is not None or mine.children or \
                        theirs.children or theirs.id.rpartition("/")[0] == home.id:
                    continue
                k = me.own[me.index[id(mine)]]
                have = m.similarity if m.similarity is not None else 0.0
                found = max(((similarity(k, other.own[x], have), -n, x) for n, x in enumerate(
                    other.index[id(c)] for c in home.children if not c.children)
                    if x in rest[not new]), default=None)
                if found is None or found[0] < max(have, MOVE_THRESHOLD):
                    continue
                score, _, x = found
                rest[not new].discard(x)
                freed[not new].append(other.index[id(theirs)])
                if new:
                    m.old = other.clauses[x]
                else:
                    m.new = other.clauses[x]
                m.similarity, m.moved = score, hm is not None and hm.moved
                by_clause[not new].pop(id(theirs), None)
                by_clause[not new][id(other.clauses[x])] = m
    left_a[:] = sorted([x for x in left_a if x in rest[0]] + freed[0])
    left_b[:] = sorted([y for y in left_b if y in rest[1]] + freed[1])


def _known_by_parts(a: _Side, b: _Side, out: list[Match], left_a: list[int],
                    left_b: list[int]) -> None:
    """A provision with no words of its own ("Sec. 701." over its subsections) left unpaired
    is paired with the unpaired one of the other text, of its kind and also without words of
    its own, that holds the most partners of its parts. Such a provision is compared by its
    parts' text, so one that lost half its parts ("Sec. 701." whose (b), an emergency
    designation, was struck) fell below the threshold and was reported removed and added
    while its (a) was paired."""
    if not left_a or not left_b:
        return
    bare_b = {id(b.clauses[y]): y for y in left_b
              if len(b.own[y]) < _ANCHOR_OWN and b.clauses[y].children}
    bare_a = [x for x in left_a if len(a.own[x]) < _ANCHOR_OWN and a.clauses[x].children]
    if not bare_b or not bare_a:
        return
    partner = {id(m.old): m.new for m in out if m.old is not None and m.new is not None}
    taken: set[int] = set()
    for x in bare_a:
        c = a.clauses[x]
        votes: Counter[int] = Counter()
        for part in c.children:
            theirs = partner.get(id(part))
            up = b.parent(theirs) if theirs is not None else None
            if up is not None and id(up) in bare_b and bare_b[id(up)] not in taken and \
                    up.kind is c.kind:
                votes[bare_b[id(up)]] += 1
        if not votes:
            continue
        y = max(votes, key=lambda y: (votes[y], -y))
        taken.add(y)
        left_a.remove(x)
        out.append(Match(c, b.clauses[y], similarity(a.own[x], b.own[y])))
    left_b[:] = [y for y in left_b if y not in taken]


def _moved_with_parents(matches: list[Match]) -> None:
    """A moved pair whose parents are a moved pair went with its parent: among its siblings it
    keeps its place, so it is no move of its own (``moved`` means a changed place among its
    neighbours); only the provision that moved is marked."""
    paired = {m.old.id: m for m in matches if m.old is not None and m.new is not None}
    moved = [m for m in matches if m.moved and m.old is not None and m.new is not None]
    went = {id(m) for m in moved}  # (decided on the marks as they were, parents or not)
    for m in moved:
        assert m.old is not None and m.new is not None
        parent = paired.get(m.old.id.rpartition("/")[0])
        if parent is not None and id(parent) in went and parent.new is not None and \
                parent.new.id == m.new.id.rpartition("/")[0]:
            m.moved = False


def _with_parents(a: _Side, b: _Side, matches: list[Match]) -> list[Match]:
    """Identical provisions kept under their parents' partners. Text that recurs (an emergency
    designation closing every paragraph) is matched in document order, which may pair the
    proviso of one paragraph with that of the next where a paragraph and its proviso were
    added between them. An identical pair whose parents are not each other's partners takes
    instead the identical child of its old parent's partner (or, the other way, of its new
    parent's) that is unpaired or itself so mispaired; the clause it leaves goes to the pair
    it swapped with, or to an unpaired identical child of its parent's partner, or is left
    unpaired. A clause's parent is found by id (its own, up to the last "/"), as
    :func:`_moved_with_parents` finds it."""
    # each clause's pair, by its id: the old text's, then the new text's (``[new]``)
    pair_of = ({m.old.id: m for m in matches if m.old is not None},
               {m.new.id: m for m in matches if m.new is not None})
    dropped: set[int] = set()

    def side(m: Match, new: bool) -> Clause | None:
        return m.new if new else m.old

    def parent(clause: Clause, new: bool) -> Clause | None:
        """The parent of ``clause`` (of the new text if ``new``), ``None`` at the top."""
        m = pair_of[new].get(clause.id.rpartition("/")[0])
        return side(m, new) if m is not None else None

    def partner(clause: Clause, new: bool) -> Clause | None:
        return side(pair_of[new][clause.id], not new)

    def same(x: Clause, y: Clause) -> bool:
        return a.anchor[a.index[id(x)]] == b.anchor[b.index[id(y)]]

    def mispaired(m: Match) -> bool:
        """Is ``m`` an identical pair whose parents are not each other's partners (or one side
        top-level and the other not)?"""
        if m.old is None or m.new is None or m.group is not None:
            return False
        po, pn = parent(m.old, False), parent(m.new, True)
        kept = po is pn if po is None or pn is None else partner(po, False) is pn
        return not kept and same(m.old, m.new)

    # (most pairs' parents are partners: told by their ids alone, before any other test)
    by_old = pair_of[False]
    suspects = [m for m in matches if m.old is not None and m.new is not None and (
        (up := by_old.get(m.old.id.rpartition("/")[0])) is None or up.new is None or
        up.new.id != m.new.id.rpartition("/")[0]) and mispaired(m)]
    if not suspects:
        return matches

    def pair(m: Match, x: Clause, y: Clause) -> None:
        m.old, m.new, m.moved = x, y, False
        m.similarity = similarity(a.own[a.index[id(x)]], b.own[b.index[id(y)]])
        pair_of[False][x.id] = pair_of[True][y.id] = m

    def twins(clause: Clause, new: bool) -> list[Clause]:
        """The children of the partner of ``clause``'s parent that are identical to it."""
        up = parent(clause, new)
        there = partner(up, new) if up is not None else None
        return [c for c in there.children if (same(c, clause) if new else same(clause, c))] \
            if there is not None else []

    def leave(clause: Clause, new: bool) -> None:
        """``clause`` (of the new text if ``new``) is left by its pair: it goes to an unpaired
        identical child of its parent's partner, else it is unpaired."""
        for c in twins(clause, new):
            alone = pair_of[not new][c.id]
            if side(alone, new) is None and alone.group is None:
                pair(alone, *((c, clause) if new else (clause, c)))
                return
        freed = Match(None, clause) if new else Match(clause, None)
        matches.append(freed)
        pair_of[new][clause.id] = freed

    for m in suspects:
        if id(m) in dropped or not mispaired(m):
            continue
        # the old clause looks for a new twin under its parent's partner, then the other way
        for new in (True, False):
            mine, left = side(m, not new), side(m, new)
            assert mine is not None and left is not None
            took = next((c for c in twins(mine, not new) if c is not left and (
                side(pair_of[new][c.id], not new) is None or
                mispaired(pair_of[new][c.id]))), None)
            if took is None:
                continue
            other = pair_of[new][took.id]
            theirs = side(other, not new)
            pair(m, *((mine, took) if new else (took, mine)))
            if theirs is None:  # (took was unpaired: ``left`` now is, or goes to its twin)
                dropped.add(id(other))
                leave(left, new)
            else:  # (the two pairs swap)
                pair(other, *((theirs, left) if new else (left, theirs)))
            break
    return [m for m in matches if id(m) not in dropped]


def _words(k: str) -> list[str]:
    return _WORD.findall(k)


def containment(part: str, whole: str) -> float:
    """Share of ``part``'s words (with repeats) that occur in ``whole``."""
    words = _words(part)
    if not words:
        return 0.0
    return _contained(Counter(words), Counter(_words(whole)))


def _contained(part: Counter[str], whole: Counter[str]) -> float:
    total = sum(part.values())
    return sum((part & whole).values()) / total if total else 0.0


def _splits_and_merges(a: _Side, b: _Side, out: list[Match], left_a: list[int],
                       left_b: list[int]) -> None:
    """A leftover provision next to a changed pair, whose words and the pair's other side
    together make up that pair's text: the parts of a split (or, mirrored, a merge)."""
    partner_of_b = {id(m.new): m for m in out if m.old is not None and m.new is not None}
    partner_of_a = {id(m.old): m for m in out if m.old is not None and m.new is not None}
    for y in list(left_b):
        host = _neighbour_host(b.clauses, y, partner_of_b, b.own, a, split=True)
        if host is not None:
            group = f"split:{host.old.id if host.old else ''}"
            host.group, host.part = group, "split"
            out.append(Match(None, b.clauses[y], None, group=group, part="split"))
            left_b.remove(y)
    for x in list(left_a):
        host = _neighbour_host(a.clauses, x, partner_of_a, a.own, b, split=False)
        if host is not None:
            group = f"merge:{host.new.id if host.new else ''}"
            host.group, host.part = group, "merge"
            out.append(Match(a.clauses[x], None, None, group=group, part="merge"))
            left_a.remove(x)


def _neighbour_host(clauses: list[Clause], i: int, partner: dict[int, Match], own: list[str],
                    other: _Side, *, split: bool) -> Match | None:
    part = Counter(_words(own[i]))
    if sum(part.values()) < 4:
        return None
    for j in (i - 1, i + 1):
        if not 0 <= j < len(clauses) or id(clauses[j]) not in partner:
            continue
        m = partner[id(clauses[j])]
        if (m.similarity or 0) >= 1.0 or m.part:
            continue
        host_clause = m.old if split else m.new
        assert host_clause is not None
        whole = Counter(_words(other.own[other.index[id(host_clause)]]))
        sibling = Counter(_words(own[j]))
        size = sum(part.values()) + sum(sibling.values())
        if _contained(part, whole) >= CONTAINMENT_THRESHOLD and \
                0.7 <= size / max(sum(whole.values()), 1) <= 1.3:
            return m
    return None


def _in_document_order(matches: list[Match], a: _Side, b: _Side) -> list[Match]:
    """New-text order; a clause only in the old text goes after its old predecessor's pair."""
    pos_a, pos_b = a.index, b.index
    partner_pos = [-1] * len(a.clauses)
    for m in matches:
        if m.old is not None and m.new is not None:
            partner_pos[pos_a[id(m.old)]] = pos_b[id(m.new)]
    before = [-1] * len(a.clauses)  # the new position of the nearest paired predecessor
    last = -1
    for x, p in enumerate(partner_pos):
        before[x] = last
        if p >= 0:
            last = p

    def sort_key(m: Match) -> tuple[int, int, int]:
        if m.new is not None:
            return (pos_b[id(m.new)], 0, pos_a[id(m.old)] if m.old else -1)
        assert m.old is not None
        x = pos_a[id(m.old)]
        return (before[x], 1, x)

    return sorted(matches, key=sort_key)


# --- cross ---------------------------------------------------------------------------------


@canonical
def align_cross(old: Outline, new: Outline) -> list[Match]:
    """Pair the provisions of two different laws by content (see the module docstring)."""
    a, b = _Side.of(old), _Side.of(new)
    scored = sorted(_candidates(a, b), key=lambda t: (-t[0], t[1], t[2]))
    taken_a: set[int] = set()
    taken_b: set[int] = set()
    matches: list[Match] = []
    for s, x, y in scored:
        # never across the line between describing a law and making it: a digest's "Law
        # enforcement: facial recognition and other biometric surveillance." is no definition
        # of "biometric surveillance system", however many words they share
        if s < CROSS_THRESHOLD or x in taken_a or y in taken_b or \
                (a.clauses[x].role in DESCRIBING) is not (b.clauses[y].role in DESCRIBING):
            continue
        taken_a.add(x)
        taken_b.add(y)
        matches.append(Match(a.clauses[x], b.clauses[y], s))
    left_a = [x for x in range(len(a.clauses)) if x not in taken_a]
    left_b = [y for y in range(len(b.clauses)) if y not in taken_b]
    _structural(a, b, matches, left_a, left_b)
    _splits_and_merges(a, b, matches, left_a, left_b)
    matches += [Match(a.clauses[x], None) for x in left_a]
    matches += [Match(None, b.clauses[y]) for y in left_b]
    return _in_document_order(matches, a, b)


def _candidates(a: _Side, b: _Side) -> list[tuple[float, int, int]]:
    """Pairs that share informative words (tf-idf weighted), scored by key similarity: for
    each clause of ``a``, the :data:`CROSS_CANDIDATES` of ``b`` with the heaviest shared words
    (the first by position among equals), heaviest first.

    A word in more than half of ``b``'s clauses (and in more than three) says nothing. Each
    candidate's weight is the sum of the idfs of the words it shares, added in the order the
    words are taken (sorted, so that the sums do not depend on string hashing); numpy adds
    them over the postings (a common word's run to thousands of clauses) in that order, so
    the weights are the ones a loop over the postings makes."""
    import numpy as np  # (here: only cross mode needs it)

    docs_b = [set(_words(k)) for k in b.own]
    postings: dict[str, list[int]] = defaultdict(list)
    for y, ws in enumerate(docs_b):
        for w in ws:
            postings[w].append(y)
    n = max(len(docs_b), 1)
    limit = max(3, n // 2)
    arrays = {w: np.array(ys, dtype=np.intp) for w, ys in postings.items() if len(ys) <= limit}
    idf = {w: math.log(1 + n / len(ys)) for w, ys in arrays.items()}
    pairs_x: list[int] = []
    pairs_y: list[int] = []
    for x, k in enumerate(a.own):
        words = sorted(w for w in set(_words(k)) if w in arrays)
        if not words:
            continue
        ys = np.concatenate([arrays[w] for w in words])
        each = np.repeat([idf[w] for w in words], [len(arrays[w]) for w in words])
        weights = np.bincount(ys, weights=each, minlength=len(b.own))  # added in order
        touched = np.flatnonzero(weights)  # (an idf is never 0) in order of position
        shared = weights[touched]
        if len(shared) > CROSS_CANDIDATES:  # only those as heavy as the last kept can be in
            half = shared >= shared.max() / 2  # (most of them share only common words)
            if np.count_nonzero(half) >= CROSS_CANDIDATES:  # then the last kept is among these
                touched, shared = touched[half], shared[half]
            keep = shared >= _kth_heaviest(shared, CROSS_CANDIDATES)
            touched, shared = touched[keep], shared[keep]
        heaviest = touched[np.argsort(-shared, kind="stable")[:CROSS_CANDIDATES]].tolist()
        pairs_x += [x] * len(heaviest)
        pairs_y += heaviest
    if not pairs_x:
        return []
    # each pair's similarity, all at once in C (rapidfuzz's element-wise cpdist, on several
    # cores when there are many): the scores similarity() gives, fuzz.ratio's in float64
    scores = process.cpdist([a.own[x] for x in pairs_x], [b.own[y] for y in pairs_y],
                            scorer=fuzz.ratio, processor=None, dtype=np.float64,
                            workers=cores() if len(pairs_x) >= _PAIRS_ON_ALL_CORES else 1)
    return [(s / 100.0, x, y) for s, x, y in zip(scores.tolist(), pairs_x, pairs_y,
                                                  strict=True)]


_PAIRS_ON_ALL_CORES = 20_000
"""Candidate pairs from which cross mode scores them on several cores."""


def _kth_heaviest(weights: NDArray[Any], k: int) -> float:
    """The ``k``-th largest of the weights (a numpy array), equal ones counted one by one, or
    the smallest when there are fewer: found by taking off the largest value, all its equals
    at once, until ``k`` are off (a sort, or numpy's partition, is slow on the many equal
    weights of provisions sharing the same words)."""
    import numpy as np

    rest = weights
    off = 0
    while True:
        top = rest.max()
        at_top = rest == top
        off += int(np.count_nonzero(at_top))
        if off >= k or off == len(weights):
            return float(top)
        rest = rest[~at_top]


def _structural(a: _Side, b: _Side, out: list[Match], left_a: list[int],
                left_b: list[int]) -> None:
    """Unpaired parents go together when their paired children are paired with each other's
    children (a section of one law with the section of the other that holds the same
    definitions). The test is the same from both sides, so swapping the laws swaps the pairs."""
    partner: dict[int, Clause] = {}
    for m in out:
        if m.old is not None and m.new is not None:
            partner[id(m.old)] = m.new
            partner[id(m.new)] = m.old
    parent: dict[int, Clause] = {}
    for side in (a, b):
        for c in side.clauses:
            for ch in c.children:
                parent[id(ch)] = c
    pos_b = {id(c): y for y, c in enumerate(b.clauses)}
    for x in list(left_a):
        c = a.clauses[x]
        y_clause = _majority_parent(c, partner, parent)
        if y_clause is None or _majority_parent(y_clause, partner, parent) is not c:
            continue
        y = pos_b[id(y_clause)]
        if y in left_b:
            left_b.remove(y)
            left_a.remove(x)
            out.append(Match(c, y_clause, similarity(a.own[x], b.own[y])))


def _majority_parent(c: Clause, partner: dict[int, Clause], parent: dict[int, Clause]
                     ) -> Clause | None:
    """The clause that most of ``c``'s paired children's partners sit under (strict majority)."""
    votes: dict[int, int] = defaultdict(int)
    by_id: dict[int, Clause] = {}
    paired = 0
    for ch in c.children:
        p = partner.get(id(ch))
        if p is None:
            continue
        paired += 1
        q = parent.get(id(p))
        if q is not None:
            votes[id(q)] += 1
            by_id[id(q)] = q
    if not votes:
        return None
    best = max(votes, key=lambda k: (votes[k], -k))
    return by_id[best] if votes[best] * 2 > paired else None


def is_structural(clause: Clause) -> bool:
    return clause.kind in (Kind.QUOTED, Kind.TOC, Kind.FRONT)
