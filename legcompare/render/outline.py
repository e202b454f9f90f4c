"""``legcompare outline``: the clause tree as text or JSON."""

from __future__ import annotations

from typing import Any

from ..model import Clause, Outline
from . import json_text, serialize
from .dates import report_date

SCHEMA = "legcompare.outline/1"


def outline_json(outline: Outline, options: dict[str, Any]) -> bytes:
    """The contract's ``legcompare.outline/1`` document, pretty-printed, keys in order."""
    doc = outline.document
    data = {
        "schema": SCHEMA,
        "generator": serialize.generator(options),
        "document": serialize.provenance(doc.provenance),
        "notes": [serialize.note(n) for n in doc.notes + outline.notes],
        "clauses": [serialize.clause(c) for c in outline.clauses],
    }
    return json_text.report(data)


def outline_text(outline: Outline) -> str:
    """One line per clause: indented id, kind, label and heading (or opening words), citation."""
    p = outline.document.provenance
    lines = [_header(outline)]
    if p.in_force is False:
        lines.append("warning: this text is not in force")
    if p.partial:
        lines.append("partial: part of this text was not retrieved; gaps are listed at the end")
    lines.append("")
    clauses = list(outline.walk())
    width = min(max((len(c.id) + 2 * c.id.count("/") for c in clauses), default=10), 48)
    for c in clauses:
        lines.append(_line(c, width))
    gaps = [n for n in outline.document.notes if n.kind.value == "gap"]
    if gaps:
        lines.append("")
        for n in gaps:
            at = n.span[0] if n.span else 0
            lines.append(f"gap at offset {at}: {n.text.strip()}")
    return "\n".join(lines) + "\n"


def _header(outline: Outline) -> str:
    p = outline.document.provenance
    bits = [p.title or p.document]
    if p.version:
        bits.append(f"version {p.version}")
    if p.version_date:
        bits.append(report_date(p.version_date) or p.version_date)
    n = sum(1 for _ in outline.walk())
    bits.append(f"{n} clause{'s' if n != 1 else ''}")
    return " · ".join(bits)


def _line(c: Clause, width: int) -> str:
    depth = c.id.count("/")
    name = ("  " * depth + c.id).ljust(width)
    what = c.heading or _opening(c)
    label = f"{c.label} " if c.label else ""
    where = f"  [{c.locator}]" if c.locator else ""
    return f"{name}  {c.kind.value:<12} {label}{what}  — {c.citation}{where}".rstrip()


def _opening(c: Clause, words: int = 8) -> str:
    parts = c.text[c.own_start:].split()
    return " ".join(parts[:words]) + (" …" if len(parts) > words else "")
