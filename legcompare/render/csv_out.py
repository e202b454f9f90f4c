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
* :func:`csv_notes` lists every cell that was prefixed or continued; :func:`continued` says,
  for a pair's entry in the JSON report, which of its cells the CSV continues on more rows.
* :func:`record_rows` and :func:`write_csv` do the same for other reports' records (``preempt``).
* Presentation only and deterministic: nothing is recomputed, nothing depends on the clock.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Sequence
from dataclasses import dataclass

from ..model import Clause, ClausePair, Comparison

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
    return write_csv(COLUMNS, _table(comparison).rows)


def csv_notes(comparison: Comparison) -> list[str]:
    """What the CSV did to cells: ``pair 3, new text: prefixed with "'" ...`` and ``pair 9,
    old text: 40,120 characters, continued on 1 more row``; empty when nothing was changed."""
    return _table(comparison).notes


def continued(pair: ClausePair) -> list[str]:
    """For the JSON report: each of the pair's CSV cells too long for one spreadsheet cell
    (:func:`continuation`); empty for nearly every pair."""
    if not pair.reasons and _fits(pair.old) and _fits(pair.new) and \
            len(pair.group or "") < CELL_LIMIT:
        return []  # the cells of a pair without reasons are these texts or short words
    found = (continuation(col, value) for col, value in zip(COLUMNS, _cells(0, pair), strict=True))
    return [note for note in found if note]


def _fits(clause: Clause | None) -> bool:
    """Do the clause's text, citation and id each fit in one cell (or is there no clause)?"""
    return clause is None or (len(clause.text) < CELL_LIMIT and
                              len(clause.citation) < CELL_LIMIT and len(clause.id) < CELL_LIMIT)


def continuation(column: str, value: str) -> str | None:
    """``old text: 40,120 characters, more than a spreadsheet cell holds (32,767); the CSV
    continues it on 1 more row (part 2 onwards)`` when ``value`` needs more than one cell."""
    more = len(_pieces(column, value)[0]) - 1 if len(value) >= CELL_LIMIT else 0
    if not more:
        return None
    return (f"{column}: {len(value):,} characters, more than a spreadsheet cell holds "
            f"({CELL_LIMIT:,}); the CSV continues it on {more} more row{'s' if more > 1 else ''} "
            "(part 2 onwards)")


def write_csv(columns: Sequence[str], rows: Sequence[Sequence[str]]) -> bytes:
    """A header row and ``rows`` as CSV bytes: UTF-8 with a byte-order mark, ``\\r\\n`` line
    ends, minimal quoting. The cells must already be neutralised (:func:`record_rows`)."""
    out = io.StringIO(newline="")
    writer = csv.writer(out, quoting=csv.QUOTE_MINIMAL, lineterminator="\r\n")
    writer.writerow(columns)
    writer.writerows(rows)
    return out.getvalue().encode("utf-8-sig")


def neutralise(cell: str) -> str:
    """``cell``, prefixed with ``'`` when a spreadsheet could read it as a formula."""
    return "'" + cell if _FORMULA.match(cell) else cell


def _table(c: Comparison) -> _Table:
    rows: list[list[str]] = []
    notes: list[str] = []
    for number, pair in enumerate(c.pairs, 1):
        cells = dict(zip(COLUMNS, _cells(number, pair), strict=True))
        pair_rows, pair_notes = record_rows(cells, COLUMNS, KEY_COLUMNS)
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


def record_rows(cells: dict[str, str], columns: Sequence[str], key_columns: Sequence[str]
                ) -> tuple[list[list[str]], list[str]]:
    """One record's rows (the first, then continuations) and its notes. ``cells`` has a value
    for every column but ``part`` and ``notes``, which are filled here: every cell is
    neutralised and cut to :data:`CELL_LIMIT`; continuation rows repeat ``key_columns`` and
    leave the others empty; ``notes`` says what was done to which column."""
    pieces: dict[str, list[str]] = {}
    notes: list[str] = []
    count = 1
    for column, value in cells.items():
        if column in ("part", "notes"):
            continue
        if len(value) <= CELL_LIMIT and not _FORMULA.match(value):
            pieces[column] = [value]  # (most cells: one, as it is; what _pieces gives them)
            continue
        parts, note = _pieces(column, value)
        pieces[column] = parts
        count = max(count, len(parts))
        if note:
            notes.append(note)
    pieces["notes"] = ["; ".join(notes)] if notes else [""]
    pieces["part"] = [""]
    part = list(columns).index("part")
    rows = []
    for i in range(count):
        row = [_at(pieces[col], i) if i == 0 or col not in key_columns else pieces[col][0]
               for col in columns]
        row[part] = str(i + 1)
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
