"""``legcompare covers --format html``: one self-contained page with the matrix and fact sheets.

Same look and safety as the diff report (:mod:`legcompare.render.html`): the page extends its
base template (inline CSS, a Content-Security-Policy that forbids scripts and remote loads, no
JavaScript), Jinja2 escapes every string, and control and bidi characters are shown as visible
symbols. Deterministic: the same report gives the same bytes.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..covers.model import LABELS, CoverageReport, Dimension, FactSheet
from .covers_out import cautions, column, quote_of
from .diff_terminal import name, visible
from .html import document_view, render_template


@dataclass(frozen=True)
class _CellView:
    summary: str
    versus: str | None
    note: str | None


@dataclass(frozen=True)
class _RowView:
    label: str
    cells: tuple[_CellView, ...]


@dataclass(frozen=True)
class _ItemView:
    summary: str
    citation: str
    quote: str


@dataclass(frozen=True)
class _DimensionView:
    label: str
    items: tuple[_ItemView, ...]
    state: str


@dataclass(frozen=True)
class _SheetView:
    name: str
    dimensions: tuple[_DimensionView, ...]


@dataclass(frozen=True)
class _DocView:
    heading: str
    rows: tuple[tuple[str, str], ...]
    url: str | None
    not_in_force: bool
    partial: bool


def covers_html(report: CoverageReport) -> str:
    """The report as one HTML page (see the module docstring)."""
    several = len(report.sheets) > 1
    title = "What these laws cover" if several else \
        f"What it covers: {name(report.sheets[0].document.provenance)}"
    docs = [_doc(report, i) for i in range(len(report.sheets))]
    rows = [_row(report, d) for d in Dimension] if several else []
    return render_template(
        "covers.html.j2", title=title, docs=docs, cautions=cautions(report.sheets),
        heads=[column(report, i) for i in range(len(report.sheets))], rows=rows,
        sheets=[_sheet(s) for s in report.sheets],
        baseline=column(report, report.baseline) if report.baseline is not None else None,
        perspective=report.options.perspective.value)


def _doc(report: CoverageReport, index: int) -> _DocView:
    view = document_view("Law", report.sheets[index].document.provenance)
    return _DocView(column(report, index), view.rows, view.url, view.not_in_force,
                    view.partial)


def _row(report: CoverageReport, dimension: Dimension) -> _RowView:
    cells = tuple(_CellView(visible(c.summary),
                            c.versus_baseline.value if c.versus_baseline else None,
                            visible(c.note) if c.note else None)
                  for c in (report.cell(i, dimension) for i in range(len(report.sheets))))
    return _RowView(LABELS[dimension], cells)


def _sheet(sheet: FactSheet) -> _SheetView:
    dims = []
    for d in Dimension:
        items = tuple(_ItemView(visible(i.summary), visible(i.citation), visible(quote_of(i)))
                      for i in sheet.of(d))
        dims.append(_DimensionView(LABELS[d], items,
                                   sheet.coverage(d).words))
    return _SheetView(name(sheet.document.provenance), tuple(dims))
