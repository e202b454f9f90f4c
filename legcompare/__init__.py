"""legcompare: compare legislative texts clause by clause, and say for every provision that
differs whether the protection it gives got stronger or weaker, and why.

The pipeline, each stage a pure function over the nouns in :mod:`legcompare.model`::

    load (file, source id, store reference) -> Document
    split(Document) -> Outline (the clause tree)
    compare(old, new, *, options) -> Comparison (aligned pairs, word diffs, verdicts)

Built on those: :func:`history` (a provision through every print), :func:`against_current`
(what a bill does to current law), :func:`covers` (what a law covers; the matrix across
laws) and :func:`preempt` (what a higher law would displace).
"""

from __future__ import annotations

__version__ = "0.1.0"

from .compare import compare
from .covers import covers
from .current_law import against_current
from .errors import LegcompareError
from .history import history
from .model import (
    Clause,
    ClausePair,
    CompareOptions,
    Comparison,
    Document,
    Edit,
    Kind,
    Mode,
    Op,
    Outline,
    Perspective,
    Provenance,
    Reason,
    Role,
    Status,
    Verdict,
)
from .preempt import preempt
from .resolve import resolve as load
from .split import split

__all__ = [
    "Clause",
    "ClausePair",
    "CompareOptions",
    "Comparison",
    "Document",
    "Edit",
    "Kind",
    "LegcompareError",
    "Mode",
    "Op",
    "Outline",
    "Perspective",
    "Provenance",
    "Reason",
    "Role",
    "Status",
    "Verdict",
    "__version__",
    "against_current",
    "compare",
    "covers",
    "history",
    "load",
    "preempt",
    "split",
]
