"""``legcompare diff --format csv``: one row per clause pair, for spreadsheets.

Guarantees of :func:`diff_csv`:

* UTF-8 with a byte-order mark (so Excel reads it as UTF-8), ``\\r\\n`` line ends, the ``csv``
  module's minimal quoting; a header row with :data:`COLUMNS`, then one row per pair in the
  comparison's order (``pair`` is its 1-based number, as ``#pair-N`` in the HTML report).
* Inert in a spreadsheet: a cell whose first character is ``=``, ``+``, ``-``, ``@``, a tab or
  a carriage return (or whose first character after leading spaces is one of ``=+-@``) is
  prefixed with ``'`` so no spreadsheet reads it as a formula; the row's ``notes`` column says
  which columns were prefixed, so the apostrophe is never taken for bill text.
* Nothing lost: ``old text`` and ``new text`` hold the clauses' texts whole. A cell longer than
  :data:`CELL_LIMIT` characters (Excel's cell limit) is cut into pieces of at most that length,
  the apostrophe included; the pair's first row is ``part`` 1 and each further piece is on a
  continuation row with the same ``pair``, ids and citations and ``part`` 2, 3, ... (its other
  columns empty); the ``notes`` column of the first row says so. Joining the parts in order (and
  removing a noted apostrophe from each) rebuilds every cell.
* :func:`csv_notes` lists, for the JSON report, every cell that was prefixed or continued.
* Presentation only and deterministic: nothing is recomputed, nothing depends on the clock.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Sequence
from dataclasses import dataclass

from ..model import ClausePair, Comparison

CELL_LIMIT = 32_767
"""Excel's limit on the characters in one cell."""
COLUMNS = ("pair", "part", "old citation", "new citation", "old id", "new id", "status", "moved",
           "renumbered", "group", "verdict", "descriptive", "dimensions", "reasons", "old text",
           "new text", "notes")
KEY_COLUMNS = ("pair", "old citation", "new citation", "old id", "new id")
"""Repeated on continuation rows, so each row says which pair it belongs to."""
_FORMULA = re.compile(r"[=+\-@\t\r]| +[=+\-@]")


@dataclass(frozen=True)
class _Table:
    rows: list[list[str]]
    notes: list[str]


def diff_csv(comparison: Comparison) -> bytes:
    """The diff as CSV bytes (see the module docstring for the guarantees)."""
    out = io.StringIO(newline="")
    writer = csv.writer(out, quoting=csv.QUOTE_MINIMAL, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    writer.writerows(_table(comparison).rows)
    return out.getvalue().encode("utf-8-sig")


def csv_notes(comparison: Comparison) -> list[str]:
    """What the CSV did to cells: ``pair 3, new text: prefixed with "'" ...`` and ``pair 9,
    old text: 40,120 characters, continued on 1 more row``; empty when nothing was changed."""
    return _table(comparison).notes


def neutralise(cell: str) -> str:
    """``cell``, prefixed with ``'`` when a spreadsheet could read it as a formula."""
    return "'" + cell if _FORMULA.match(cell) else cell


def _table(c: Comparison) -> _Table:
    rows: list[list[str]] = []
    notes: list[str] = []
    for number, pair in enumerate(c.pairs, 1):
        cells = dict(zip(COLUMNS, _cells(number, pair), strict=True))
        pair_rows, pair_notes = _split(cells)
        rows += pair_rows
        notes += [f"pair {number}, {note}" for note in pair_notes]
    return _Table(rows, notes)


def _cells(number: int, pair: ClausePair) -> list[str]:
    old, new = pair.old, pair.new
    dimensions = list(dict.fromkeys(r.dimension for r in pair.reasons))
    return [str(number), "1", old.citation if old else "", new.citation if new else "",
            old.id if old else "", new.id if new else "", pair.status.value, _bool(pair.moved),
            _bool(pair.renumbered), pair.group or "", pair.verdict.value,
            _bool(pair.descriptive), "; ".join(dimensions), _reasons(pair),
            old.text if old else "", new.text if new else "", ""]


def _reasons(pair: ClausePair) -> str:
    """One line per reason: ``direction: explanation [rule] (old "..." → new "...")``."""
    lines = []
    for r in pair.reasons:
        words = [f'{side} "{w}"' for side, w in (("old", r.old), ("new", r.new)) if w is not None]
        tail = f" ({' → '.join(words)})" if words else ""
        lines.append(f"{r.direction.value}: {r.explanation} [{r.rule}]{tail}")
    return "\n".join(lines)


def _split(cells: dict[str, str]) -> tuple[list[list[str]], list[str]]:
    """The pair's rows (the first, then continuations) and its notes."""
    pieces: dict[str, list[str]] = {}
    notes: list[str] = []
    for column, value in cells.items():
        parts, note = _pieces(column, value)
        pieces[column] = parts
        if note:
            notes.append(note)
    pieces["notes"] = ["; ".join(notes)] if notes else [""]
    count = max(len(parts) for parts in pieces.values())
    rows = []
    for i in range(count):
        row = [_at(pieces[col], i) if i == 0 or col not in KEY_COLUMNS else pieces[col][0]
               for col in COLUMNS]
        row[COLUMNS.index("part")] = str(i + 1)
        rows.append(row)
    return rows, notes


def _pieces(column: str, value: str) -> tuple[list[str], str | None]:
    """``value`` cut into neutralised cells of at most :data:`CELL_LIMIT` characters, and a
    note when any was prefixed or the value needed more than one cell."""
    parts: list[str] = []
    prefixed: list[int] = []
    pos = 0
    while True:
        chunk = value[pos:pos + CELL_LIMIT]
        if neutralise(chunk) != chunk:
            prefixed.append(len(parts) + 1)
            chunk = chunk[:CELL_LIMIT - 1]  # room for the apostrophe
            parts.append("'" + chunk)
        else:
            parts.append(chunk)
        pos += len(chunk)
        if pos >= len(value):
            break
    return parts, _note(column, value, len(parts), prefixed)


def _note(column: str, value: str, parts: int, prefixed: list[int]) -> str | None:
    bits = []
    if prefixed:
        which = f" (part{'s' if len(prefixed) > 1 else ''} {', '.join(map(str, prefixed))})"
        bits.append("prefixed with \"'\" so it is not read as a formula"
                    + (which if parts > 1 else ""))
    if parts > 1:
        more = parts - 1
        bits.append(f"{len(value):,} characters, continued on {more} more "
                    f"row{'s' if more > 1 else ''} (part 2 onwards)")
    return f"{column}: {'; '.join(bits)}" if bits else None


def _at(parts: Sequence[str], i: int) -> str:
    return parts[i] if i < len(parts) else ""


def _bool(flag: bool) -> str:
    return "true" if flag else "false"
