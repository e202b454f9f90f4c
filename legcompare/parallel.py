"""Read the two sides of a comparison at once, on two cores, when they are long.

Splitting a text into its clause tree is most of the work of a diff, and the two sides do not
depend on each other. :func:`split_both` splits the old side in a forked child process while
this process splits the new side. The result is the same object :func:`~legcompare.split.split`
gives for each side (splitting is deterministic); only the wall-clock time changes.

It runs sequentially unless all of these hold, so that it never costs more than it saves and
never forks where forking is unsafe:

* both documents need splitting (XML carries its own tree) and together have at least
  :data:`PARALLEL_MIN_CHARS` characters (below that, starting a process costs more than it
  saves);
* the platform can fork, this process runs one thread (forking a threaded process can copy a
  held lock), and it is not a daemon (daemons may not have children);
* ``LEGCOMPARE_JOBS`` is not ``1``.
"""

from __future__ import annotations

import multiprocessing
import os
import threading
from concurrent.futures import ProcessPoolExecutor

from .model import Clause, Document, Note, Outline
from .split import split

__all__ = ["PARALLEL_MIN_CHARS", "split_both"]

PARALLEL_MIN_CHARS = 400_000
"""Combined characters of the two texts from which splitting them at once pays off."""


def split_both(old: Document, new: Document) -> tuple[Outline, Outline]:
    """``(split(old), split(new))``, the two at once when worthwhile (see the module doc)."""
    if not _worthwhile(old, new):
        return split(old), split(new)
    with ProcessPoolExecutor(max_workers=1,
                             mp_context=multiprocessing.get_context("fork")) as pool:
        future = pool.submit(_clauses, old)
        b = split(new)
        clauses, notes = future.result()
    return Outline(old, clauses, notes), b


def _clauses(document: Document) -> tuple[tuple[Clause, ...], tuple[Note, ...]]:
    """What the child sends back: the outline without the document, which the parent has."""
    outline = split(document)
    return outline.clauses, outline.notes


def _worthwhile(old: Document, new: Document) -> bool:
    if old.structure is not None or new.structure is not None:
        return False
    if len(old.text) + len(new.text) < PARALLEL_MIN_CHARS:
        return False
    if os.environ.get("LEGCOMPARE_JOBS", "").strip() == "1":
        return False
    if "fork" not in multiprocessing.get_all_start_methods():
        return False
    return threading.active_count() == 1 and not multiprocessing.current_process().daemon
