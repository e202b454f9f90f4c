"""The nouns of ``legcompare covers``: items of a fact sheet, the sheet, and the matrix.

A fact sheet lists, for one law, what it covers in twelve dimensions (PRODUCT.md,
``legcompare.covers/1``); each item names the clause that carries it, its citation, a
normalised value and the words as printed. A dimension with no item is *not addressed*, or,
in a partial text, *not retrieved* (it may sit in the part that was not retrieved).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum

from ..model import Document, Perspective, Span


class Dimension(str, Enum):
    """The rows of a fact sheet and of the matrix, in the contract's order."""

    DEFINITIONS = "definitions"
    ACTORS = "actors"
    TECHNOLOGY = "technology"
    DATA = "data"
    PROHIBITED = "prohibited"
    PERMITTED = "permitted"
    EXCEPTIONS = "exceptions"
    ENFORCEMENT = "enforcement"
    REMEDIES = "remedies"
    DATES = "dates"
    OVERSIGHT = "oversight"
    PREEMPTION = "preemption"


LABELS = {
    Dimension.DEFINITIONS: "Defined terms",
    Dimension.ACTORS: "Who is covered",
    Dimension.TECHNOLOGY: "Technologies",
    Dimension.DATA: "Data",
    Dimension.PROHIBITED: "Prohibited or required conduct",
    Dimension.PERMITTED: "Permitted conduct",
    Dimension.EXCEPTIONS: "Exceptions",
    Dimension.ENFORCEMENT: "Enforcement",
    Dimension.REMEDIES: "Remedies",
    Dimension.DATES: "Dates",
    Dimension.OVERSIGHT: "Oversight",
    Dimension.PREEMPTION: "Preemption",
}
"""How reports head each dimension."""


class Coverage(str, Enum):
    """Whether a law says something about a dimension."""

    ADDRESSED = "addressed"
    NOT_ADDRESSED = "not_addressed"
    NOT_RETRIEVED = "not_retrieved"  # partial text: it may be in the part not retrieved

    @property
    def words(self) -> str:
        """As reports print it: ``not addressed``, ``not retrieved``."""
        return str(self.value).replace("_", " ")


class Versus(str, Enum):
    """A matrix cell judged against the baseline's cell in the same row."""

    STRONGER = "stronger"
    WEAKER = "weaker"
    EQUAL = "equal"
    UNCLEAR = "unclear"


@dataclass(frozen=True)
class Item:
    """One thing a law covers, where it says so, and the words it uses."""

    dimension: Dimension
    value: str
    """A normalised key: a slug of a term (``law-enforcement-agency``), a kind
    (``private-right-of-action``, ``prohibition``) or ``kind:when`` for dates
    (``effective:90-days``, ``sunset:2023-01-01``); see ``tests/gold/covers/README.md``."""
    summary: str
    """What a reader is told: the term, ``Private right of action``, ``Effective: 90 days``."""
    quote: str
    """The words as printed (whitespace collapsed; ``…`` where a long sentence was cut)."""
    span: Span
    """Where the quoted words are in the document's display text."""
    clause: str
    """The id of the clause whose own text carries the item."""
    citation: str


@dataclass(frozen=True)
class FactSheet:
    """What one law covers: its items in document order, and the dimensions it is silent on."""

    document: Document
    items: tuple[Item, ...]
    not_addressed: tuple[Dimension, ...]
    not_retrieved: tuple[Dimension, ...]

    def of(self, dimension: Dimension) -> tuple[Item, ...]:
        """The items of one dimension, in document order."""
        return tuple(i for i in self.items if i.dimension is dimension)

    def coverage(self, dimension: Dimension) -> Coverage:
        if dimension in self.not_retrieved:
            return Coverage.NOT_RETRIEVED
        if dimension in self.not_addressed:
            return Coverage.NOT_ADDRESSED
        return Coverage.ADDRESSED


@dataclass(frozen=True)
class Evidence:
    """A clause pair of the cross-mode comparison behind a cell's verdict."""

    baseline: str | None
    """The baseline clause id (``None``: the law's provision has no counterpart)."""
    document: str | None
    verdict: str
    """The pair's verdict (``stronger``, ``weaker``, ``mixed``, ``neutral``, ``unclear``)."""
    reason: str
    """The first reason's explanation, or why the pair decided nothing."""


@dataclass(frozen=True)
class Cell:
    """One law's row entry: a summary of its items, and how it compares with the baseline's."""

    document: int
    dimension: Dimension
    coverage: Coverage
    summary: str
    versus_baseline: Versus | None
    """``None`` for the baseline itself, or when there is no baseline."""
    evidence: tuple[Evidence, ...] = ()
    note: str | None = None
    """Why the verdict is what it is, in one sentence (for reports)."""


@dataclass(frozen=True)
class CoversOptions:
    """How to judge cells against the baseline: the same options ``diff`` takes."""

    perspective: Perspective = Perspective.PROTECTIVE
    rules: tuple[str, ...] = ()
    """Extra rule files (paths) added to the packaged rules."""


@dataclass(frozen=True)
class CoverageReport:
    """The result of :func:`legcompare.covers.covers`: one sheet per law and the matrix."""

    sheets: tuple[FactSheet, ...]
    baseline: int | None
    cells: tuple[Cell, ...]
    options: CoversOptions = field(default_factory=CoversOptions)

    def cell(self, document: int, dimension: Dimension) -> Cell:
        return next(c for c in self.cells if c.document == document and c.dimension is dimension)
