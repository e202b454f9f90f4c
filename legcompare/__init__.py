"""legcompare: compare legislative texts clause by clause, and say for every provision that
differs whether the protection it gives got stronger or weaker, and why.

The pipeline, each stage a pure function over the nouns in :mod:`legcompare.model`::

    load (file, source id, store reference) -> Document
    split(Document) -> Outline (the clause tree)
    compare(old, new, *, options) -> Comparison (aligned pairs, word diffs, verdicts)
"""

from __future__ import annotations

__version__ = "0.1.0"

from .compare import compare
from .errors import LegcompareError
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
    "compare",
    "load",
    "split",
]
