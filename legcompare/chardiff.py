"""Word diffs: the only place diff-match-patch is used.

The differ is Google's diff-match-patch, compiled (``fast_diff_match_patch``, the C++ port):
the same algorithm and the same answers as the pure-Python package, which stays as the fallback
where no compiled wheel installs and as the reference the tests compare it with
(``tests/test_chardiff_engine.py``); a 10 MB bill's clause sequence takes 0.03 s there against
2.4 s in Python.

Guarantees of :func:`diff_text`:

* The segments rebuild both inputs: ``equal`` + ``delete`` texts, in order, are ``old``;
  ``equal`` + ``insert`` texts are ``new``.
* Tokens (words, runs of space, single punctuation marks) are compared by their comparison key
  (:mod:`legcompare.normalize`), so case, curly quotes and re-wrapping are not wording changes;
  where two tokens are equal by key but printed differently, the segment shows both (a
  layout-only delete and insert), never one side's text for the other's.
* A phrase both sides hold is never shown deleted and inserted again: where diff-match-patch's
  semantic clean-up joins changes around it into one deletion and one insertion, and the one
  stands whole inside the other, it is given back as kept (:func:`_kept`).
* Where a word kept between two short changes also stands in one of them, and the diff is as
  short with either kept, the one that pairs the changes best is kept: "[-A LANDLORD-]{+AN
  OWNER+} OR [-HIS OR HER-]{+THEIR+}", not "[-A LANDLORD OR HIS-]{+AN OWNER+} OR
  [-HER-]{+THEIR+}" (:func:`_balanced`).
* Deterministic: ``Diff_Timeout = 0`` (diff-match-patch's default one-second timeout silently
  coarsens diffs); cost is bounded by ``max_tokens`` per pass: a longer text is first aligned by
  sentence and the result says so in its notes.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from diff_match_patch import diff_match_patch

try:
    import fast_diff_match_patch as _compiled
except ImportError:  # pragma: no cover - no wheel for this platform: the same answers, slower
    _compiled = None

from .model import Edit, Op, made
from .normalize import key

_TOKEN = re.compile(
    r"[^\W_]+(?:['’.,\-/][^\W_]+)*(?:-[ \t]*\n[ \t]*[^\W_]+(?:['’.,\-/][^\W_]+)*)*"  # words
    r"|\s+"  # runs of space
    r"|[^\w\s]|_",  # one punctuation mark
)
_SENTENCE_END = re.compile(r"(?<=[.;:])\s+(?=\S)")

# Private Use Area code points: each distinct token becomes one character for the differ.
_PUA_RANGES = ((0xE000, 0xF8FF), (0xF0000, 0xFFFFD), (0x100000, 0x10FFFD))
_DMP_OPS = {0: Op.EQUAL, -1: Op.DELETE, 1: Op.INSERT}
_COMPILED_OPS = {"=": Op.EQUAL, "-": Op.DELETE, "+": Op.INSERT}


@dataclass(frozen=True)
class Diff:
    edits: tuple[Edit, ...]
    notes: tuple[str, ...] = ()


def tokenize(text: str) -> list[str]:
    """Tokens that concatenate back to ``text`` exactly."""
    return _TOKEN.findall(text)


def token_key(token: str) -> str:
    return " " if token.isspace() else key(token)


_KEY_CACHE_SIZE = 1 << 18


class _TokenKeys(dict[str, str]):
    """``token_key`` memoised: a long text has a few ten thousand distinct tokens, each seen
    hundreds of times, and a key costs a Unicode normalisation and several regex passes."""

    def __missing__(self, token: str) -> str:
        if len(self) >= _KEY_CACHE_SIZE:
            self.clear()  # bounded; a long-running process never grows without end
        found = self[token] = token_key(token)
        return found


_TOKEN_KEYS = _TokenKeys()


def token_keys(tokens: Sequence[str]) -> list[str]:
    """``[token_key(t) for t in tokens]``, from the memo."""
    return list(map(_TOKEN_KEYS.__getitem__, tokens))


def diff_text(old: str, new: str, *, max_tokens: int = 20000) -> Diff:
    """The word diff of two texts (see the module docstring for the guarantees)."""
    if old == new and len(old) <= max_tokens:
        # The same text: one equal segment (what the token diff below gives, without it; made
        # without the frozen __init__, as for most pairs of a long bill).
        return made(Diff, edits=(made(Edit, op=Op.EQUAL, text=old),) if old else (), notes=())
    a, b = tokenize(old), tokenize(new)
    if len(a) <= max_tokens and len(b) <= max_tokens:
        return Diff(tuple(_merge(_token_diff(a, b))))
    edits = list(_by_sentence(old, new, max_tokens))
    note = (f"clause of {max(len(a), len(b)):,} tokens is over the {max_tokens:,}-token cap: "
            "aligned by sentence first, then word by word within changed sentences")
    return Diff(tuple(_merge(edits)), (note,))


def sequence_diff(a: Sequence[str], b: Sequence[str]) -> list[tuple[Op, int, int]]:
    """Diff two sequences of keys; runs as ``(op, count_a, count_b)`` in order."""
    enc_a, enc_b = _encode(a, b)
    return [(op, n if op is not Op.INSERT else 0, n if op is not Op.DELETE else 0)
            for op, n in diff_runs(enc_a, enc_b)]


def diff_runs(a: str, b: str, *, compiled: bool = True) -> list[tuple[Op, int]]:
    """diff-match-patch's diff of two strings, semantic clean-up, no timeout: ``(op, length)``
    runs. ``compiled=False`` asks for the pure-Python package (the reference)."""
    if compiled and _compiled is not None:
        return [(_COMPILED_OPS[op], n) for op, n in _compiled.diff(
            a, b, timelimit=0, checklines=False, cleanup="Semantic", counts_only=True)]
    dmp = diff_match_patch()
    dmp.Diff_Timeout = 0
    diffs: list[tuple[int, str]] = dmp.diff_main(a, b, False)
    dmp.diff_cleanupSemantic(diffs)
    return [(_DMP_OPS[code], len(chunk)) for code, chunk in diffs]


def _encode(a: Sequence[str], b: Sequence[str]) -> tuple[str, str]:
    """One Private Use Area character per distinct key, numbered in order of first occurrence
    (``a`` first, then ``b``)."""
    distinct = dict.fromkeys(a)
    distinct.update(dict.fromkeys(b))
    if len(distinct) > _PUA_SIZE:
        raise ValueError("more distinct tokens than Private Use Area code points")
    codes = dict(zip(distinct, map(chr, _code_points()), strict=False))
    return "".join(map(codes.__getitem__, a)), "".join(map(codes.__getitem__, b))


_PUA_SIZE = sum(hi - lo + 1 for lo, hi in _PUA_RANGES)


def _code_points() -> Iterator[int]:
    for lo, hi in _PUA_RANGES:
        yield from range(lo, hi + 1)


def _token_diff(a: list[str], b: list[str]) -> Iterator[Edit]:
    i = j = 0
    ka, kb = token_keys(a), token_keys(b)
    for op, na, nb in _balanced(_kept(sequence_diff(ka, kb), ka, kb), ka, kb):
        if op is Op.EQUAL:
            yield from _equal_run(a[i:i + na], b[j:j + nb])
        elif op is Op.DELETE:
            yield Edit(Op.DELETE, "".join(a[i:i + na]))
        else:
            yield Edit(Op.INSERT, "".join(b[j:j + nb]))
        i += na
        j += nb


def _kept(runs: list[tuple[Op, int, int]], a: list[str], b: list[str]
          ) -> list[tuple[Op, int, int]]:
    """``runs`` with the words a deletion and an insertion both hold given back as kept.

    diff-match-patch's semantic clean-up joins changes on both sides of a short equal run
    into one deletion and one insertion; where the deleted words stand whole inside the
    inserted ones (a parenthetical inserted after a phrase twice: "communication[-, or any
    person ... communication-]{+ (including ...), or any person ... communication (including
    ...)+}"), those words were never deleted, and the run is split back into insertion, equal
    and insertion (the same the other way round). Only phrases count (``_KEPT_WORDS`` words or
    more): one common word inside a rewrite is a coincidence, not text kept."""
    out: list[tuple[Op, int, int]] = []
    i = j = k = 0
    while k < len(runs):
        op, na, nb = runs[k]
        if k + 1 < len(runs) and {op, runs[k + 1][0]} == {Op.DELETE, Op.INSERT}:
            nd = na + runs[k + 1][1]
            ni = nb + runs[k + 1][2]
            split = _inside(a[i:i + nd], b[j:j + ni])
            if split is not None:
                out += split
                i, j, k = i + nd, j + ni, k + 2
                continue
        out.append(runs[k])
        i, j, k = i + na, j + nb, k + 1
    return out


def _balanced(runs: list[tuple[Op, int, int]], a: list[str], b: list[str]
              ) -> list[tuple[Op, int, int]]:
    """``runs`` with a word kept between two short changes kept where it pairs the changes
    best, when that word also stands in one of them.

    "A LANDLORD OR HIS OR HER AGENT" → "AN OWNER OR THEIR AGENT" keeps one "OR"; either of the
    old text's two may be it, and the diff is as short both ways. diff-match-patch took the
    second ("[-A LANDLORD OR HIS-]{+AN OWNER+} OR [-HER-]{+THEIR+}"), which no reader would
    write and which hides "HIS OR HER" → "THEIR" from the rules. Where a kept word (with a
    space on each side) stands between two changes of at most ``_SLIDE_WORDS`` words a side,
    and the same word (spaced alike) stands in one of them, each of its places is weighed: the
    one whose two changes each replace about as much as they take out (the least sum of the
    differences, in characters of the comparison keys ``a`` and ``b``) is kept; on a tie, the
    differ's. The text each side rebuilds, and the number of changes, are the same."""
    out = list(runs)
    at = _starts(out)
    k = 1
    while k < len(out) - 1:  # (a window replaced is as long as before, or shorter)
        op, na, _ = out[k]
        if op is Op.EQUAL and na == 3 and out[k - 1][0] is not Op.EQUAL and \
                out[k + 1][0] is not Op.EQUAL:
            window = _slide(out, k, at, a, b)
            if window is not None:
                out[window[0]:window[1]] = window[2]
                at = _starts(out)
        k += 1
    return out


def _starts(runs: list[tuple[Op, int, int]]) -> list[tuple[int, int]]:
    """Where each run starts, in each text (token indexes)."""
    at: list[tuple[int, int]] = []
    i = j = 0
    for _, na, nb in runs:
        at.append((i, j))
        i += na
        j += nb
    return at


_SLIDE_WORDS = 8
"""Changes longer than this (words, on either side) are rewrites: their kept words stay."""


def _slide(runs: list[tuple[Op, int, int]], k: int, at: list[tuple[int, int]], a: list[str],
           b: list[str]) -> tuple[int, int, list[tuple[Op, int, int]]] | None:
    """For :func:`_balanced`: ``(start, end, replacement)`` of ``runs[start:end]`` (the change
    before ``runs[k]``, ``runs[k]`` and the change after it) where another place of the word
    kept at ``runs[k]`` (three tokens, a change on each side) pairs the changes better; else
    ``None``. ``at``: where each run starts (:func:`_starts`)."""
    start, end = k, k + 1
    while start > 0 and runs[start - 1][0] is not Op.EQUAL:
        start -= 1
    while end < len(runs) and runs[end][0] is not Op.EQUAL:
        end += 1
    i, j = at[start]  # where the change before starts, in each text
    ld = sum(r[1] for r in runs[start:k])
    li = sum(r[2] for r in runs[start:k])
    rd = sum(r[1] for r in runs[k + 1:end])
    ri = sum(r[2] for r in runs[k + 1:end])
    kept = a[i + ld:i + ld + 3]
    if kept[0] != " " or kept[2] != " " or not kept[1].isalnum() or any(
            sum(1 for t in part if t.isalnum()) > _SLIDE_WORDS for part in (
                a[i:i + ld], b[j:j + li], a[i + ld + 3:i + ld + 3 + rd],
                b[j + li + 3:j + li + 3 + ri])):
        return None

    def size(tokens: list[str]) -> int:
        return sum(map(len, tokens))

    def places(tokens: list[str]) -> list[int]:  # where the kept word (spaced) starts in them
        return [q for q in range(len(tokens) - 2) if tokens[q:q + 3] == kept]

    old, new = a[i:i + ld + 3 + rd], b[j:j + li + 3 + ri]
    best: tuple[int, int, int] | None = None  # (score, where in old, where in new)
    now = (abs(size(old[:ld]) - size(new[:li])) + abs(size(old[ld + 3:]) - size(new[li + 3:])))
    for p in places(old):
        for q in places(new):
            if (p, q) == (ld, li) or (p != ld and q != li):
                continue  # (the differ's own place; or both moved: not this tie)
            score = abs(size(old[:p]) - size(new[:q])) + abs(size(old[p + 3:]) - size(new[q + 3:]))
            if score < now and (best is None or score < best[0]):
                best = (score, p, q)
    if best is None:
        return None
    _, p, q = best
    made = [_run(Op.DELETE, p), _run(Op.INSERT, q), (Op.EQUAL, 3, 3),
            _run(Op.DELETE, len(old) - p - 3), _run(Op.INSERT, len(new) - q - 3)]
    return start, end, [r for r in made if r[1] or r[2]]


_KEPT_WORDS = 3
_KEPT_SEARCH = 4_000_000
"""(Longer pairs are rewrites, not a phrase kept: they are not searched.)"""


def _inside(deleted: list[str], inserted: list[str]) -> list[tuple[Op, int, int]] | None:
    """The runs of a deletion and insertion where one stands whole inside the other (its
    first place), or ``None``."""
    for small, big, grow in ((deleted, inserted, Op.INSERT), (inserted, deleted, Op.DELETE)):
        n = len(small)
        if (n >= len(big) or n * len(big) > _KEPT_SEARCH
                or sum(1 for t in small if t.isalnum()) < _KEPT_WORDS):
            continue
        first = small[0]
        for at in range(len(big) - n + 1):
            if big[at] == first and all(big[at + t] == small[t] for t in range(1, n)):
                rest = len(big) - at - n
                before = [_run(grow, at)] if at else []
                return before + [(Op.EQUAL, n, n)] + ([_run(grow, rest)] if rest else [])
    return None


def _run(op: Op, n: int) -> tuple[Op, int, int]:
    """A deletion of ``n`` tokens, or an insertion of ``n``."""
    return (op, n, 0) if op is Op.DELETE else (op, 0, n)


def _equal_run(a: list[str], b: list[str]) -> Iterator[Edit]:
    """Tokens equal by key: equal where printed alike, else a layout-only delete and insert
    (runs printed alike come as one segment; :func:`_merge` would join them anyway)."""
    if a == b:
        if a:
            yield Edit(Op.EQUAL, "".join(a))
        return
    start = 0
    for n, (ta, tb) in enumerate(zip(a, b, strict=True)):
        if ta != tb:
            if n > start:
                yield Edit(Op.EQUAL, "".join(a[start:n]))
            yield Edit(Op.DELETE, ta)
            yield Edit(Op.INSERT, tb)
            start = n + 1
    if start < len(a):
        yield Edit(Op.EQUAL, "".join(a[start:]))


def _by_sentence(old: str, new: str, max_tokens: int) -> Iterator[Edit]:
    sa, sb = _sentences(old), _sentences(new)
    i = j = 0
    pending_a: list[str] = []
    pending_b: list[str] = []
    for op, na, nb in sequence_diff([key(s) for s in sa], [key(s) for s in sb]):
        if op is Op.EQUAL:
            yield from _changed_block(pending_a, pending_b, max_tokens)
            pending_a, pending_b = [], []
            for x, y in zip(sa[i:i + na], sb[j:j + nb], strict=True):
                yield from _token_diff(tokenize(x), tokenize(y))
        else:
            pending_a += sa[i:i + na]
            pending_b += sb[j:j + nb]
        i += na
        j += nb
    yield from _changed_block(pending_a, pending_b, max_tokens)


def _changed_block(a: list[str], b: list[str], max_tokens: int) -> Iterator[Edit]:
    ta, tb = tokenize("".join(a)), tokenize("".join(b))
    if len(ta) <= max_tokens and len(tb) <= max_tokens:
        yield from _token_diff(ta, tb)
        return
    if a:
        yield Edit(Op.DELETE, "".join(a))
    if b:
        yield Edit(Op.INSERT, "".join(b))


def _sentences(text: str) -> list[str]:
    """Sentences (and their trailing space) that concatenate back to ``text``."""
    out: list[str] = []
    pos = 0
    for m in _SENTENCE_END.finditer(text):
        out.append(text[pos:m.end()])
        pos = m.end()
    if pos < len(text):
        out.append(text[pos:])
    return out


def _merge(edits: Iterator[Edit] | list[Edit]) -> list[Edit]:
    """Group each run of changes as one deletion then one insertion; join equal neighbours."""
    out: list[Edit] = []
    deleted: list[str] = []
    inserted: list[str] = []

    def flush() -> None:
        if deleted:
            out.append(Edit(Op.DELETE, "".join(deleted)))
        if inserted:
            out.append(Edit(Op.INSERT, "".join(inserted)))
        deleted.clear()
        inserted.clear()

    for e in edits:
        if not e.text:
            continue
        if e.op is Op.DELETE:
            deleted.append(e.text)
        elif e.op is Op.INSERT:
            inserted.append(e.text)
        else:
            flush()
            if out and out[-1].op is Op.EQUAL:
                out[-1] = Edit(Op.EQUAL, out[-1].text + e.text)
            else:
                out.append(e)
    flush()
    return out
