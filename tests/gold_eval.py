"""Agreement of legcompare's verdicts with the hand-annotated gold set (tests/gold/).

    python -m tests.gold_eval          # prints the agreement table (Markdown) and the misses

An item is a pair of provisions (old id, new id; ``-`` where one side has none) in a pair of
corpus files compared in the item's mode. It agrees when legcompare's verdict for the pair that
holds those provisions equals the gold verdict. ``unclear`` is a miss where gold says stronger
or weaker; a provision legcompare pairs differently is a miss too.
"""

from __future__ import annotations

import csv
import sys
from collections import defaultdict
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from legcompare.compare import compare, compare_clauses
from legcompare.ingest import load_path
from legcompare.model import ClausePair, CompareOptions, Comparison, Mode

GOLD = Path(__file__).resolve().parent / "gold" / "verdicts.tsv"


@dataclass(frozen=True)
class Item:
    item: str
    old_file: str
    new_file: str
    mode: str
    old_id: str | None
    new_id: str | None
    verdict: str
    dimension: str
    reason: str


@dataclass(frozen=True)
class Outcome:
    item: Item
    got: str | None
    pair: ClausePair | None
    aligned: bool
    """The aligner paired the provisions as the annotator did (else they were judged as a
    chosen pair)."""

    @property
    def agrees(self) -> bool:
        return self.got == self.item.verdict


def items() -> list[Item]:
    with GOLD.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t"))
    return [Item(r["item"], r["old_file"], r["new_file"], r["mode"],
                 None if r["old_id"] == "-" else r["old_id"],
                 None if r["new_id"] == "-" else r["new_id"], r["verdict"], r["dimension"],
                 r["reason"]) for r in rows]


@cache
def comparison(corpus: str, old: str, new: str, mode: str) -> Comparison:
    return compare(load_path(Path(corpus) / old), load_path(Path(corpus) / new),
                   options=CompareOptions(mode=Mode(mode)))


def find(c: Comparison, old_id: str | None, new_id: str | None) -> ClausePair | None:
    """The pair holding the gold provisions: both ids when both are given, else the one."""
    for p in c.pairs:
        o = p.old.id if p.old else None
        n = p.new.id if p.new else None
        if old_id and new_id and (o, n) == (old_id, new_id):
            return p
        if old_id and not new_id and o == old_id:
            return p
        if new_id and not old_id and n == new_id:
            return p
    return None


def evaluate(corpus: Path) -> list[Outcome]:
    """Each item's verdict: from the pair the aligner made when it made the annotator's pair,
    else from the two provisions judged as a chosen pair (the verdict is what is measured
    here; alignment has its own tests)."""
    out = []
    for it in items():
        c = comparison(str(corpus), it.old_file, it.new_file, it.mode)
        p = find(c, it.old_id, it.new_id)
        aligned = p is not None and (p.old.id if p.old else None, p.new.id if p.new else None
                                     ) == (it.old_id, it.new_id)
        if not aligned:
            p = compare_clauses(c.old, c.new, it.old_id, it.new_id,
                                options=CompareOptions(mode=Mode(it.mode)))
        out.append(Outcome(it, p.verdict.value, p, aligned))
    return out


def table(outcomes: list[Outcome]) -> str:
    """Agreement overall, per dimension and per gold verdict, as a Markdown table."""
    def rate(group: list[Outcome]) -> str:
        ok = sum(o.agrees for o in group)
        return f"{ok}/{len(group)} ({100 * ok / len(group):.0f}%)"

    by_dim: dict[str, list[Outcome]] = defaultdict(list)
    by_verdict: dict[str, list[Outcome]] = defaultdict(list)
    by_mode: dict[str, list[Outcome]] = defaultdict(list)
    for o in outcomes:
        by_dim[o.item.dimension].append(o)
        by_verdict[o.item.verdict].append(o)
        by_mode[o.item.mode].append(o)
    lines = ["| group | agreement |", "|---|---|", f"| **all items** | **{rate(outcomes)}** |"]
    lines += [f"| dimension: {k} | {rate(v)} |" for k, v in sorted(by_dim.items())]
    lines += [f"| gold verdict: {k} | {rate(v)} |" for k, v in sorted(by_verdict.items())]
    lines += [f"| mode: {k} | {rate(v)} |" for k, v in sorted(by_mode.items())]
    paired = sum(o.aligned for o in outcomes)
    lines.append(f"| pairs aligned as annotated | {paired}/{len(outcomes)} |")
    return "\n".join(lines)


def main() -> None:
    from tests.conftest import corpus_dir

    outcomes = evaluate(corpus_dir())
    print(table(outcomes))
    print()
    for o in outcomes:
        if not o.agrees:
            print(f"MISS {o.item.item} {o.item.dimension} {o.item.old_id} -> {o.item.new_id}"
                  f"{'' if o.aligned else ' (chosen)'}: gold {o.item.verdict}, got {o.got}"
                  + (f" ({'; '.join(r.rule for r in o.pair.reasons)})" if o.pair else ""),
                  file=sys.stdout)


if __name__ == "__main__":
    main()
