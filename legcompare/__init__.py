"""legcompare: compare legislative texts clause by clause, and say for every provision that
differs whether the protection it gives got stronger or weaker, and why.

The pipeline, each stage a pure function over the nouns in :mod:`legcompare.model`::

    load (file, source id, store reference) -> Document
    split(Document) -> Outline (the clause tree)
    compare(old, new, *, options) -> Comparison (aligned pairs, word diffs, verdicts)

Built on those: :func:`history` (a provision through every print), :func:`against_current`
(what a bill does to current law), :func:`covers` (what a law covers; the matrix across
laws) and :func:`preempt` (what a higher law would displace).

The stages are imported when first used (``legcompare.covers`` imports the ``covers``
package then), so that ``legcompare diff`` does not pay for the others. Four of the public
functions share their name with the package that defines them (``compare``, ``covers``,
``preempt``, ``split``); the name here is always the function, whichever was imported first.
"""

from __future__ import annotations

import sys
from importlib import import_module
from types import ModuleType
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

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

if TYPE_CHECKING:
    from .compare import compare
    from .covers import covers
    from .current_law import against_current
    from .history import history
    from .preempt import preempt
    from .resolve import resolve as load
    from .split import split

# public name -> (module, name there)
_LAZY = {
    "against_current": ("current_law", "against_current"),
    "compare": ("compare", "compare"),
    "covers": ("covers", "covers"),
    "history": ("history", "history"),
    "load": ("resolve", "resolve"),
    "preempt": ("preempt", "preempt"),
    "split": ("split", "split"),
}


class _Package(ModuleType):
    """This package: importing the subpackage ``legcompare.covers`` binds the name ``covers``
    here to that package, which would hide the function of the same name; such a binding is
    dropped (the subpackage stays in ``sys.modules``)."""

    def __setattr__(self, name: str, value: Any) -> None:
        if name in _LAZY and isinstance(value, ModuleType):
            return
        super().__setattr__(name, value)


def __getattr__(name: str) -> Any:
    if name not in _LAZY:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    module, attribute = _LAZY[name]
    value = getattr(import_module(f".{module}", __name__), attribute)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_LAZY))


sys.modules[__name__].__class__ = _Package

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
