"""Use the second core on long texts: the texts split at once, the pairs judged, the HTML
table and the Word report's provisions written and a law's fact sheet read in two halves.

Splitting a text into its clause tree is most of the work of a diff, and the two sides do not
depend on each other: :func:`split_all` has a forked child split every other text (the new side of
a comparison) while this process splits the rest, and :func:`split_as_read` starts the child on the
first text as soon as it is read, so that the second is read meanwhile. When the first is a long
file or stored text not read yet (:class:`Unread`), the child reads it too and sends it back with
its clauses (without each clause's text, which is the document's at the clause's span). A text
split on its own (``outline``, ``covers``, a text compared with XML) is read through in one pass,
and then :func:`split_one` has the child make the clauses of its second half. Diffing and judging
the aligned pairs is a map over pairs of very uneven cost: :func:`map_balanced` keeps the cheap
ones (the same text on both sides) here and shares the others with a forked child, each process
taking a few at a time (:func:`map_shared`, every other item to the child, is for maps of even
cost); ``covers`` reads a law's top-level clauses (its divisions, titles or sections) the same way,
one at a time, for its fact sheet. :func:`in_halves` gives a child the second half of a report to
write (the HTML table's rows, the Word report's paragraphs). The child sees this process's memory
as it was at the fork (nothing is sent to it) and sends back only what it computed, by pickle.
Every function used is deterministic, so the results are the objects one process would have made;
only the wall-clock time changes.

A child is forked only when all of these hold, so that it never costs more than it saves and
never forks where forking is unsafe:

* the work is large: the texts together have at least :data:`PARALLEL_MIN_CHARS` characters
  (below that, starting a process costs more than it saves), and for splitting two of them or
  more need it (XML carries its own tree); a file not read yet has that many bytes (reading
  it, XML included, is then shared too);
* the platform can fork, this process runs one thread (forking a threaded process can copy a
  held lock), and it is not a daemon (daemons may not have children);
* ``LEGCOMPARE_JOBS`` is not ``1``.

Should a child fail (an exception, a crash, a result that cannot be pickled), this process
does its share itself: the answer, or the exception, is what one process gives.

Work done in C threads needs no child: the aligner scores a large gap's candidates, and cross
mode its candidate pairs, with rapidfuzz (``cdist``, ``cpdist``) on the :func:`cores` this
process may use (one under ``LEGCOMPARE_JOBS=1``); its threads end with the call, before any
fork.
"""

from __future__ import annotations

import contextlib
import math
import os
import pickle
import signal
import threading
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, fields
from operator import attrgetter
from typing import Any, Generic, TypeVar

from .model import Clause, Document, Outline, walk_tree
from .split import split

__all__ = ["PARALLEL_MIN_CHARS", "Unread", "cores", "in_halves", "map_balanced", "map_shared",
           "split_all", "split_as_read", "split_one", "worthwhile"]

PARALLEL_MIN_CHARS = 400_000
"""Combined characters of the two texts from which using a second process pays off."""

T = TypeVar("T")
R = TypeVar("R")


def split_one(document: Document) -> Outline:
    """``split(document)``; on a long text, the clauses of its second half (by its top-level
    provisions) are made by a forked child while this process makes those of the first, once
    the text has been read through (that reading is one pass, here)."""
    if document.structure is not None or not worthwhile(document):
        return split(document)
    return split(document, halves=lambda work, items, first: in_halves(
        work, items, parallel=True, first=first))


def split_all(documents: Sequence[Document]) -> list[Outline]:
    """``[split(d) for d in documents]``, every other one split by a forked child when
    worthwhile (see the module doc; XML carries its own tree and needs no splitting); a single
    text among them is split with :func:`split_one`."""
    texts = [d for d in documents if d.structure is None]
    if len(texts) == 1:
        return [split_one(d) for d in documents]
    return map_shared(lambda some: [split(d) for d in some], documents,
                      send=_outline_parts, receive=_outline_of,
                      parallel=len(texts) >= 2 and worthwhile(*texts))


@dataclass(frozen=True)
class Unread:
    """A document not read yet (the first of :func:`split_as_read`'s): ``read()`` reads it;
    ``size`` is its size in bytes where that is known without reading it (a file's, a stored
    text's), and says whether it is long enough for a child to read and split it while this
    process reads the rest (``None``: read it here first; so is a text to fetch, whose fetching
    stays in this process)."""

    read: Callable[[], Document]
    size: int | None = None


def split_as_read(documents: Iterable[Document | Unread], *,
                  meanwhile: Callable[[Outline], object] | None = None) -> list[Outline]:
    """``split_all(list(documents))`` for documents read one by one as the iterable is
    consumed: when the first is long enough on its own (see :func:`worthwhile`), a forked child
    starts splitting it at once, while this process reads and splits the rest (for a
    comparison, the old text is split while the new one is still being read or fetched). The
    first may be :class:`Unread`: when its size says it is long enough, the child reads it
    too, while this process reads the second (each reads and splits its own; the child sends
    back the document with its outline). ``meanwhile`` is called on each outline this process
    made, before it waits for the child (work the caller would do next anyway, done while the
    child finishes).

    Whatever reading or splitting raises is raised here, after the child is stopped; an error
    reading the first document is raised before any error of the rest, as when they are read
    in turn.
    """
    found = iter(documents)
    first = next(found, None)
    if first is None:
        return []
    if isinstance(first, Unread):
        if first.size is not None and first.size >= PARALLEL_MIN_CHARS and _may_fork():
            return _read_aside(first, found, meanwhile)
        first = first.read()
    if first.structure is not None or not worthwhile(first):
        return split_all([first, *(_read(d) for d in found)])
    child = _Child(lambda: _outline_parts(split(first)))
    mine = _split_here((_read(d) for d in found), child, meanwhile)
    return [_outline_of(first, child.result()), *mine]


def _split_here(documents: Iterable[Document], child: _Child[Any],
                meanwhile: Callable[[Outline], object] | None) -> list[Outline]:
    """This process's share of :func:`split_as_read`: the outlines of ``documents``, each
    given to ``meanwhile``; should anything fail (reading them included), ``child`` is stopped
    first."""
    try:
        mine = [split(d) for d in documents]
        if meanwhile is not None:
            for outline in mine:
                meanwhile(outline)
    except BaseException:
        child.stop()
        raise
    return mine


def _read(document: Document | Unread) -> Document:
    return document.read() if isinstance(document, Unread) else document


def _read_aside(first: Unread, rest: Iterator[Document | Unread],
                meanwhile: Callable[[Outline], object] | None) -> list[Outline]:
    """:func:`split_as_read` with a child that reads ``first`` and splits it."""

    def read_and_split() -> tuple[Document, tuple[Any, Any]]:
        document = first.read()
        return document, _outline_parts(split(document))

    child = _Child(read_and_split)
    try:
        documents = [_read(d) for d in rest]
    except Exception:
        child.stop()
        first.read()  # an error reading the first comes first, as when read in turn
        raise
    except BaseException:
        child.stop()
        raise
    # a child stopped already: reading the first failed, and fails here the same way, before
    # the rest is split (or the child failed otherwise: the text read is split here)
    read_here = first.read() if child.failed() else None
    mine = _split_here(documents, child, meanwhile)
    sent = child.outcome()
    if sent is None:  # the child failed: this process does its share
        return [split(read_here if read_here is not None else first.read()), *mine]
    document, parts = sent
    return [_outline_of(document, parts), *mine]


_FIELDS = tuple(f.name for f in fields(Clause))
_TEXT, _CHILDREN, _SPAN = (_FIELDS.index(name) for name in ("text", "children", "span"))
_VALUES = attrgetter(*_FIELDS)
"""A clause's fields, in order, as a tuple."""


def _outline_parts(outline: Outline) -> tuple[Any, Any]:
    """What the child sends back: the outline without the document, which the parent has (or
    is sent apart), its clauses as :func:`_flat` lists them."""
    return _flat(outline.clauses), outline.notes


def _outline_of(document: Document, parts: tuple[Any, Any]) -> Outline:
    flat, notes = parts
    return Outline(document, _tree(flat, document.text), notes)


def _flat(clauses: Sequence[Clause]) -> list[tuple[Any, ...]]:
    """The clauses of a tree in document order, each as the tuple of its fields, its text left
    out (it is the document's text at its span) and its children given by their number.
    Cheaper to send than the tree: half the bytes, and no object of its own per clause."""
    out: list[tuple[Any, ...]] = []
    text, children, values_of = _TEXT, _CHILDREN, _VALUES
    for top in clauses:
        for clause in walk_tree(top):
            values = list(values_of(clause))
            values[text] = None
            values[children] = len(values[children])
            out.append(tuple(values))
    return out


def _tree(flat: Sequence[tuple[Any, ...]], text: str) -> tuple[Clause, ...]:
    """The clauses :func:`_flat` listed, made again, each text cut from ``text`` (the
    document's) at the clause's span; last first, so that a clause's children are made before
    it (no recursion, however deep the tree)."""
    built: list[Clause] = []  # the clauses made, each parent's children on top, first last
    names, new, set_ = _FIELDS, object.__new__, object.__setattr__
    at_children, at_span = _CHILDREN, _SPAN
    for values in reversed(flat):
        fields_ = dict(zip(names, values, strict=True))  # (the fields in their order)
        n = values[at_children]
        if n:
            fields_["children"] = tuple(built[:-n - 1:-1])
            del built[-n:]
        else:
            fields_["children"] = ()
        start, end = values[at_span]
        fields_["text"] = text[start:end]
        clause = new(Clause)  # (what model.made makes, the dictionary its own)
        set_(clause, "__dict__", fields_)
        built.append(clause)
    built.reverse()
    return tuple(built)


def map_shared(work: Callable[[Sequence[T]], list[R]], items: Sequence[T], *,
               send: Callable[[R], Any], receive: Callable[[T, Any], R],
               parallel: bool) -> list[R]:
    """``work(items)`` for a ``work`` that maps each item on its own (``work(xs)[i]`` depends
    on ``xs[i]`` alone). With ``parallel``, a forked child does the odd-numbered items; it
    sends each result as ``send(result)`` and this process rebuilds it with ``receive(item,
    sent)`` (a pair's clauses, for one, are this process's own objects and are not sent)."""
    if not parallel or len(items) < 2:
        return work(items)
    theirs = items[1::2]
    child = _Child(lambda: [send(r) for r in work(theirs)])
    mine = work(items[0::2])
    sent = child.result()
    out: list[R] = []
    for k, item in enumerate(items):
        out.append(mine[k // 2] if k % 2 == 0 else receive(item, sent[k // 2]))
    return out


def map_balanced(work: Callable[[Sequence[T]], list[R]], items: Sequence[T], *,
                 cheap: Callable[[T], bool], send: Callable[[R], Any],
                 receive: Callable[[T, Any], R], parallel: bool, chunk: int = 4) -> list[R]:
    """``work(items)`` for a ``work`` that maps each item on its own, the items of uneven
    cost. With ``parallel``, this process does the ``cheap`` items (whose results would cost
    more to send than to make) and a forked child shares the others with it, each taking
    ``chunk`` at a time from a counter in shared memory until none are left: neither waits
    long for the other however the costs fall. Results come back in the items' order; the
    child sends ``send(result)``, rebuilt here by ``receive(item, sent)``."""
    easy: list[int] = []
    costly: list[int] = []
    for i, item in enumerate(items):
        (easy if cheap(item) else costly).append(i)
    if not parallel or len(costly) < 2:
        return work(items)
    import multiprocessing  # (here: a run on short texts never needs it)

    try:
        # how many of ``costly`` are handed out (a fork context's lock: nothing to track)
        taken = multiprocessing.get_context("fork").Value("q", 0)
    except OSError:  # no shared memory to be had (a container without /dev/shm)
        return work(items)

    def share() -> list[tuple[int, R]]:
        done: list[tuple[int, R]] = []
        while True:
            with taken.get_lock():
                start = taken.value
                taken.value = start + chunk
            batch = costly[start:start + chunk]
            if not batch:
                return done
            done += zip(batch, work([items[i] for i in batch]), strict=True)

    child = _Child(lambda: [(i, send(r)) for i, r in share()])
    out: list[Any] = [None] * len(items)
    for i, result in zip(easy, work([items[i] for i in easy]), strict=True):
        out[i] = result
    mine = share()
    for i, result in mine:
        out[i] = result
    sent = child.outcome()
    if sent is None:  # the child failed: what it took is done here
        left = sorted(set(costly) - {i for i, _ in mine})
        for i, result in zip(left, work([items[i] for i in left]), strict=True):
            out[i] = result
    else:
        for i, value in sent:
            out[i] = receive(items[i], value)
    return out


def in_halves(work: Callable[[Sequence[T]], R], items: Sequence[T], *,
              parallel: bool, first: float = 0.5) -> list[R]:
    """``[work(items)]``; with ``parallel`` (and two items or more), ``[work(first half),
    work(second half)]``, the second half done by a forked child (for a ``work`` whose results
    on the halves make its result on the whole, as rendered text does). ``first``: the share
    of the items in the first half (more than half when the last items cost more)."""
    if not parallel or len(items) < 2:
        return [work(items)]
    middle = min(max(math.ceil(len(items) * first), 1), len(items) - 1)
    child = _Child(lambda: work(items[middle:]))
    mine = work(items[:middle])
    return [mine, child.result()]


def cores() -> int:
    """How many cores this process may use: 1 under ``LEGCOMPARE_JOBS=1``, else those the
    operating system lets it run on (for work done in C threads, which need no fork)."""
    if os.environ.get("LEGCOMPARE_JOBS", "").strip() == "1":
        return 1
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # (not on every platform)
        return max(1, os.cpu_count() or 1)


def worthwhile(*documents: Document) -> bool:
    """Is it worth (and safe) using a child process on these texts?"""
    return sum(len(d.text) for d in documents) >= PARALLEL_MIN_CHARS and _may_fork()


def _may_fork() -> bool:
    """Is forking a child allowed (``LEGCOMPARE_JOBS`` is not 1) and safe here?"""
    if os.environ.get("LEGCOMPARE_JOBS", "").strip() == "1":
        return False
    import multiprocessing  # (here: a run on short texts never needs it)

    if not hasattr(os, "fork") or "fork" not in multiprocessing.get_all_start_methods():
        return False
    return threading.active_count() == 1 and not multiprocessing.current_process().daemon


class _Child(Generic[R]):
    """``function()`` computed in a forked child; :meth:`result` is its pickled value."""

    def __init__(self, function: Callable[[], R]) -> None:
        self.function = function
        self.pid = 0
        self.ended: int | None = None  # its exit status, once reaped by :meth:`failed`
        read, write = os.pipe()
        try:
            pid = os.fork()
        except OSError:  # no process to be had: the parent does the work (see result)
            os.close(read)
            os.close(write)
            return
        if pid == 0:  # the child: compute, send, and leave without running any exit hooks
            os.close(read)
            status = 0
            try:
                data = pickle.dumps(function(), protocol=pickle.HIGHEST_PROTOCOL)
                with os.fdopen(write, "wb") as out:
                    out.write(data)
            except BaseException:  # any failure: the parent does the work
                status = 1
            finally:
                os._exit(status)
        os.close(write)
        self.pid, self.read = pid, read

    def stop(self) -> None:
        """Stop the child and reap it (its work is no longer wanted)."""
        if not self.pid:
            return
        if self.ended is None:
            with contextlib.suppress(ProcessLookupError):  # gone already: waitpid reaps it
                os.kill(self.pid, signal.SIGKILL)
            os.waitpid(self.pid, 0)
        os.close(self.read)
        self.pid = 0

    def failed(self) -> bool:
        """Has the child stopped without a value to send? Asked without waiting: a child still
        at work has not failed (yet). A failed child is reaped, and :meth:`outcome` then gives
        ``None``."""
        if not self.pid or self.ended is not None:
            return False
        pid, status = os.waitpid(self.pid, os.WNOHANG)
        if pid == 0:  # still running
            return False
        self.ended = status
        if status == 0:  # done, its value in the pipe
            return False
        self.stop()
        return True

    def result(self) -> R:
        """The child's value; the function's, computed here, when the child failed (the
        functions given are never ``None``-valued, so ``None`` means no value came)."""
        value = self.outcome()
        return self.function() if value is None else value

    def outcome(self) -> R | None:
        """The child's value, or ``None`` when there is no child or it failed."""
        if not self.pid:
            return None
        with os.fdopen(self.read, "rb") as source:
            data = source.read()
        status = os.waitpid(self.pid, 0)[1] if self.ended is None else self.ended
        self.pid = 0
        if status != 0 or not data:
            return None
        value: R = pickle.loads(data)
        return value
