"""``legcompare covers``: fact sheets and the matrix for a terminal, Markdown, JSON and CSV.

Guarantees:

* Every item is shown with its citation and its quoted words; every dimension a law is silent
  on says ``not addressed`` or, for a partial text, ``not retrieved``. A text not in force, a
  partial text and a licence needing attribution are named before anything else.
* With several laws, the matrix comes first: one row per dimension, one column per law, each
  cell its summary and, against a baseline, ``stronger``, ``weaker``, ``equal`` or ``unclear``.
* JSON is the contract's ``legcompare.covers/1``: the contract's keys first, in its order (each
  item also carries ``value`` and ``span``; each cell ``coverage``, ``note`` and ``evidence``).
* Safe as the diff reports: terminal text shows control and bidi characters as symbols,
  Markdown escapes bill text so it renders as itself, CSV cells that a spreadsheet would read as
  formulas are prefixed with ``'``.
* Presentation only and deterministic: nothing is recomputed, dates as "January 1, 2023".
"""

from __future__ import annotations

import csv
import io
from typing import Any

from ..covers.model import LABELS, Cell, CoverageReport, Dimension, FactSheet, Item, Versus
from ..model import Provenance
from . import json_text, serialize
from .csv_out import neutralise
from .diff_markdown import inline
from .diff_terminal import describe, name, short_name, visible

SCHEMA = "legcompare.covers/1"
VERSUS_MARK = {Versus.STRONGER: "▲ stronger", Versus.WEAKER: "▼ weaker", Versus.EQUAL: "= equal",
               Versus.UNCLEAR: "? unclear"}
_COLOURS = {Versus.STRONGER: "\x1b[32m", Versus.WEAKER: "\x1b[31m", Versus.UNCLEAR: "\x1b[2m"}
_RESET = "\x1b[0m"


def cautions(sheets: tuple[FactSheet, ...]) -> list[tuple[str, str]]:
    """(kind, text) for each law not in force, partial, or under a licence needing credit."""
    out: list[tuple[str, str]] = []
    for s in sheets:
        p = s.document.provenance
        if p.in_force is False:
            out.append(("warning", f"{name(p)} is not in force"))
        if p.partial:
            out.append(("partial", (f"{name(p)} was not fully retrieved; a dimension it is "
                                    "silent on is “not retrieved”, not “not addressed”")))
        if p.license:
            out.append(("license", f"{name(p)}: {visible(p.license)}"))
    return list(dict.fromkeys(out))


def column(report: CoverageReport, index: int) -> str:
    """A law's column heading: its short name (with its version, then its position, when that
    does not tell it apart), and "[baseline]" for the baseline."""
    def label(i: int, version: bool) -> str:
        p = report.sheets[i].document.provenance
        return f"{short_name(p)} ({visible(p.version)})" if version and p.version \
            else short_name(p)
    others = range(len(report.sheets))
    text = label(index, False)
    if sum(label(i, False) == text for i in others) > 1:
        text = label(index, True)
        if sum(label(i, True) == text for i in others) > 1:
            text = f"{text} #{index + 1}"
    return text + (" [baseline]" if report.baseline == index else "")


def quote_of(item: Item) -> str:
    """The quote, unless it only repeats the summary (a defined term's name)."""
    return "" if " ".join(item.quote.split()).casefold() == item.summary.casefold() else item.quote


# --- terminal -----------------------------------------------------------------------------


def covers_terminal(report: CoverageReport, *, color: bool = False) -> str:
    """Fact sheets (and, with several laws, the matrix first) as plain text."""
    lines = [f"{kind}: {text}" for kind, text in cautions(report.sheets)]
    if len(report.sheets) > 1:
        lines += _terminal_matrix(report, color)
    for sheet in report.sheets:
        lines += _terminal_sheet(sheet)
    return "\n".join(lines).strip("\n") + "\n"


def _terminal_matrix(report: CoverageReport, color: bool) -> list[str]:
    lines = ["", "What these laws cover" + (
        f", against {column(report, report.baseline)}" if report.baseline is not None else ""),
        ""]
    for dimension in Dimension:
        lines.append(f"{LABELS[dimension]} ({dimension.value})")
        for cell in (c for c in report.cells if c.dimension is dimension):
            mark = _mark(cell, color)
            lines.append(f"  {mark}{visible(column(report, cell.document))}: "
                         f"{visible(cell.summary)}")
        lines.append("")
    return lines


def _mark(cell: Cell, color: bool) -> str:
    if cell.versus_baseline is None:
        return ""
    text = f"[{VERSUS_MARK[cell.versus_baseline]}] "
    colour = _COLOURS.get(cell.versus_baseline)
    return f"{colour}{text}{_RESET}" if color and colour else text


def _terminal_sheet(sheet: FactSheet) -> list[str]:
    p = sheet.document.provenance
    lines = ["", f"What it covers: {describe(p)}", _in_force(p), ""]
    for dimension in Dimension:
        items = sheet.of(dimension)
        head = f"{LABELS[dimension]} ({dimension.value})"
        if not items:
            lines += [f"{head}: {sheet.coverage(dimension).words}", ""]
            continue
        lines.append(head)
        for item in items:
            lines.append(f"  {visible(item.summary)} — {visible(item.citation)}")
            if quote_of(item):
                lines.append(f"      “{visible(item.quote)}”")
        lines.append("")
    return lines


def _in_force(p: Provenance) -> str:
    state = {True: "in force", False: "not in force", None: "in force: unknown"}[p.in_force]
    return f"Status: {state}" + (" · partial text" if p.partial else "")


# --- Markdown -----------------------------------------------------------------------------


def covers_markdown(report: CoverageReport) -> str:
    """The matrix (several laws) and each law's fact sheet, as Markdown."""
    sheets = report.sheets
    title = "What these laws cover" if len(sheets) > 1 else \
        f"What it covers: {name(sheets[0].document.provenance)}"
    out = [f"# {inline(title)}", ""]
    out += [f"- {inline(describe(s.document.provenance))} — {_in_force(s.document.provenance)}"
            for s in sheets]
    out += [f"- **{kind.capitalize()}:** {inline(text)}" for kind, text in cautions(sheets)]
    out.append("")
    if len(sheets) > 1:
        out += markdown_matrix(report)
    for sheet in sheets:
        out += _markdown_sheet(sheet, level=2 if len(sheets) > 1 else 1)
    return "\n".join(out).rstrip("\n") + "\n"


def markdown_matrix(report: CoverageReport) -> list[str]:
    """The matrix as a Markdown table (dimension rows, law columns)."""
    heads = [inline(column(report, i)) for i in range(len(report.sheets))]
    out = ["## Matrix", ""]
    if report.baseline is not None:
        out += [(f"Each cell against the baseline, {inline(column(report, report.baseline))}, "
                 "judged with the rules of `diff`."), ""]
    out.append("| Dimension | " + " | ".join(heads) + " |")
    out.append("|---|" + "---|" * len(heads))
    for dimension in Dimension:
        cells = [report.cell(i, dimension) for i in range(len(report.sheets))]
        shown = [inline(c.summary) + (f" — **{c.versus_baseline.value}**"
                                      if c.versus_baseline else "") for c in cells]
        out.append(f"| {LABELS[dimension]} | " + " | ".join(shown) + " |")
    out.append("")
    return out


def _markdown_sheet(sheet: FactSheet, *, level: int) -> list[str]:
    h = "#" * level
    out = [] if level == 1 else [f"{h} {inline(name(sheet.document.provenance))}", ""]
    for dimension in Dimension:
        items = sheet.of(dimension)
        if not items:
            state = sheet.coverage(dimension).words
            out += [f"{h}# {LABELS[dimension]}", "", f"*{state}*", ""]
            continue
        out += [f"{h}# {LABELS[dimension]}", "", "| Item | Citation | Words |", "|---|---|---|"]
        out += [f"| {inline(i.summary)} | {inline(i.citation)} | {inline(quote_of(i))} |"
                for i in items]
        out.append("")
    return out


# --- JSON ---------------------------------------------------------------------------------


def covers_json(report: CoverageReport, options: dict[str, object]) -> bytes:
    """The contract's ``legcompare.covers/1`` document (UTF-8, indent 2, final newline)."""
    data: dict[str, Any] = {
        "schema": SCHEMA,
        "generator": serialize.generator(options),
        "documents": [serialize.provenance(s.document.provenance) for s in report.sheets],
        "items": [_item_dict(n, i) for n, s in enumerate(report.sheets) for i in s.items],
        "not_addressed": [{"document": n, "dimension": d.value}
                          for n, s in enumerate(report.sheets) for d in s.not_addressed],
        "not_retrieved": [{"document": n, "dimension": d.value}
                          for n, s in enumerate(report.sheets) for d in s.not_retrieved],
        "matrix": {"baseline": report.baseline, "cells": [_cell_dict(c) for c in report.cells]},
    }
    return json_text.report(data)


def _item_dict(document: int, item: Item) -> dict[str, Any]:
    return {"document": document, "dimension": item.dimension.value, "summary": item.summary,
            "quote": item.quote, "citation": item.citation, "clause": item.clause,
            "value": item.value, "span": list(item.span)}


def _cell_dict(cell: Cell) -> dict[str, Any]:
    return {"document": cell.document, "dimension": cell.dimension.value,
            "summary": cell.summary,
            "versus_baseline": cell.versus_baseline.value if cell.versus_baseline else None,
            "coverage": cell.coverage.value, "note": cell.note,
            "evidence": [{"baseline": e.baseline, "document": e.document, "verdict": e.verdict,
                          "reason": e.reason} for e in cell.evidence]}


# --- CSV ----------------------------------------------------------------------------------

ITEM_COLUMNS = ("document", "dimension", "status", "value", "summary", "citation", "clause",
                "quote")
CELL_COLUMNS = ("dimension", "document", "coverage", "summary", "versus baseline", "note")


def covers_csv(report: CoverageReport) -> bytes:
    """One law: one row per item, and one per silent dimension (``status`` says which). Several
    laws: one row per matrix cell. UTF-8 with a byte-order mark, ``\\r\\n``, formula-safe."""
    out = io.StringIO(newline="")
    writer = csv.writer(out, quoting=csv.QUOTE_MINIMAL, lineterminator="\r\n")
    if len(report.sheets) == 1:
        writer.writerow(ITEM_COLUMNS)
        sheet = report.sheets[0]
        who = name(sheet.document.provenance)
        for dimension in Dimension:
            items = sheet.of(dimension)
            rows = [[who, dimension.value, "item", i.value, i.summary, i.citation, i.clause,
                     i.quote] for i in items] or [[who, dimension.value,
                                                   sheet.coverage(dimension).value, "", "", "",
                                                   "", ""]]
            writer.writerows([[neutralise(c) for c in row] for row in rows])
    else:
        writer.writerow(CELL_COLUMNS)
        for dimension in Dimension:
            for cell in (c for c in report.cells if c.dimension is dimension):
                row = [dimension.value, column(report, cell.document), cell.coverage.value,
                       cell.summary,
                       cell.versus_baseline.value if cell.versus_baseline else "",
                       cell.note or ""]
                writer.writerow([neutralise(c) for c in row])
    return out.getvalue().encode("utf-8-sig")
