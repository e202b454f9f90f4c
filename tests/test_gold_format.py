"""The hand-annotated gold set (``tests/gold/verdicts.tsv``) is well formed.

This checks the format only, not any verdict the tool gives: every row has every column with a
known value, item ids are unique, the set is as large and as varied as the contract asks (rows,
pairs, dimensions, cross-mode rows), every clause id is one legcompare gives the file, and every
line range lies inside the corpus file. See ``tests/gold/README.md`` for how the set was made.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import cache
from pathlib import Path

import pytest

from legcompare.ingest import load_path
from legcompare.split import split

GOLD = Path(__file__).resolve().parent / "gold" / "verdicts.tsv"
COLUMNS = ["item", "old_file", "new_file", "mode", "old_id", "new_id", "old_lines", "new_lines",
           "verdict", "dimension", "reason"]
MODES = {"versions", "cross"}
VERDICTS = {"stronger", "weaker", "mixed", "neutral", "unclear"}
DIMENSIONS = {"obligation", "exceptions", "scope", "duration", "enforcement", "consent", "limits",
              "oversight", "preemption"}
ITEM = re.compile(r"g\d{3}")
LINES = re.compile(r"(\d+)-(\d+)")

MIN_ROWS = 80
MIN_PAIRS = 10
MIN_PER_DIMENSION = 5
MIN_CROSS = 20


def read_gold() -> list[dict[str, str]]:
    lines = GOLD.read_text(encoding="utf-8").splitlines()
    assert lines, "the gold file is empty"
    assert lines[0].split("\t") == COLUMNS, "header row"
    rows = []
    for number, line in enumerate(lines[1:], start=2):
        cells = line.split("\t")
        assert len(cells) == len(COLUMNS), f"line {number}: {len(cells)} columns"
        assert all(cell.strip() for cell in cells), f"line {number}: an empty cell"
        rows.append(dict(zip(COLUMNS, cells, strict=True)))
    return rows


ROWS = read_gold()


def test_known_values_and_unique_items() -> None:
    for row in ROWS:
        where = row["item"]
        assert ITEM.fullmatch(row["item"]), where
        assert row["mode"] in MODES, where
        assert row["verdict"] in VERDICTS, where
        assert row["dimension"] in DIMENSIONS, where
        assert not (row["old_id"] == "-" and row["new_id"] == "-"), f"{where}: no provision"
        for side in ("old", "new"):
            clause, lines = row[f"{side}_id"], row[f"{side}_lines"]
            assert (clause == "-") == (lines == "-"), f"{where}: {side} id and lines disagree"
            if lines != "-":
                assert LINES.fullmatch(lines), f"{where}: {side}_lines {lines!r}"
        assert '"' in row["reason"] or "\u201c" in row["reason"], f"{where}: reason quotes no words"
    items = [row["item"] for row in ROWS]
    assert len(items) == len(set(items)), "duplicate item ids"


def test_size_and_spread() -> None:
    assert len(ROWS) >= MIN_ROWS
    pairs = {(row["old_file"], row["new_file"]) for row in ROWS}
    assert len(pairs) >= MIN_PAIRS
    per_dimension = Counter(row["dimension"] for row in ROWS)
    thin = {d: per_dimension[d] for d in DIMENSIONS if per_dimension[d] < MIN_PER_DIMENSION}
    assert not thin, f"dimensions with fewer than {MIN_PER_DIMENSION} items: {thin}"
    assert sum(row["mode"] == "cross" for row in ROWS) >= MIN_CROSS


@cache
def clause_ids(path: Path) -> frozenset[str]:
    return frozenset(clause.id for clause in split(load_path(path)).walk())


@cache
def line_count(path: Path) -> int:
    return len(path.read_text(encoding="utf-8").splitlines())


@pytest.mark.parametrize("row", ROWS, ids=[row["item"] for row in ROWS])
def test_ids_and_lines_exist(row: dict[str, str], corpus: Path) -> None:
    for side in ("old", "new"):
        path = corpus / row[f"{side}_file"]
        assert path.is_file(), f"{row[f'{side}_file']} is not in the corpus"
        clause = row[f"{side}_id"]
        if clause == "-":
            continue
        assert clause in clause_ids(path), f"{clause!r} is not a clause id of {path.name}"
        match = LINES.fullmatch(row[f"{side}_lines"])
        assert match is not None
        first, last = int(match[1]), int(match[2])
        assert 1 <= first <= last <= line_count(path), (
            f"{side}_lines {first}-{last} outside {path.name} ({line_count(path)} lines)")
