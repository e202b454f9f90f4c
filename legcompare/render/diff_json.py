"""``legcompare diff --format json``: the contract's ``legcompare.diff/1`` document.

Guarantees: keys in the contract's order (``schema``, ``generator``, ``old``, ``new``, ``mode``,
``perspective``, ``summary``, ``pairs``, ``notes``); every pair's ``edits`` are the comparison's own
segments, verbatim, so ``equal``+``delete`` rebuild the old clause text and ``equal``+``insert`` the
new; the summary always counts every pair, even when ``only_changed`` leaves some out (and then
``omitted_unchanged`` says how many). Same comparison and options, same bytes.

A pair's ``notes`` are the comparison's, then one per text the CSV report cannot hold in one
spreadsheet cell (over 32,767 characters: :func:`~legcompare.render.csv_out.continued`), so a
reader of the JSON knows the CSV row of that pair has continuation rows.
"""

from __future__ import annotations

from typing import Any

from ..model import ClausePair, Comparison, Reason
from ..summary import changed, summarize
from . import json_text, serialize
from .csv_out import continued

SCHEMA = "legcompare.diff/1"


def diff_json(comparison: Comparison, options: dict[str, object], *,
              only_changed: bool = False) -> bytes:
    """The ``legcompare.diff/1`` document: UTF-8 bytes (not ASCII-escaped), indent 2, final
    newline. With ``only_changed``, pairs with nothing to show are dropped and counted in a last
    key, ``omitted_unchanged``."""
    c = comparison
    shown = [p for p in c.pairs if changed(p)] if only_changed else list(c.pairs)
    data: dict[str, Any] = {
        "schema": SCHEMA,
        "generator": serialize.generator(options),
        "old": serialize.provenance(c.old.provenance),
        "new": serialize.provenance(c.new.provenance),
        "mode": c.mode.value,
        "perspective": c.perspective.value,
        "summary": summarize(c).as_dict(),
        "pairs": [pair_dict(p) for p in shown],
        "notes": list(c.notes),
    }
    if only_changed:
        data["omitted_unchanged"] = len(c.pairs) - len(shown)
    return json_text.report(data, rounded=True)  # (its only floats: similarities, rounded)


def pair_dict(pair: ClausePair) -> dict[str, Any]:
    """One pair with the contract's keys in order, then the pair's ``notes`` (and where the CSV
    continues one of its cells on more rows)."""
    return {  # (``_value_``: see serialize.clause)
        "status": pair.status._value_,
        "moved": pair.moved,
        "renumbered": pair.renumbered,
        "group": pair.group,
        "old": serialize.clause(pair.old, children=False) if pair.old else None,
        "new": serialize.clause(pair.new, children=False) if pair.new else None,
        "similarity": round(pair.similarity, 4) if pair.similarity is not None else None,
        "edits": [[e.op._value_, e.text] for e in pair.edits],
        "verdict": pair.verdict._value_,
        "descriptive": pair.descriptive,
        "reasons": [reason_dict(r) for r in pair.reasons],
        "notes": [*pair.notes, *continued(pair)],
    }


def reason_dict(reason: Reason) -> dict[str, Any]:
    """One reason; spans as ``[start, end]`` lists or ``null``."""
    return {
        "rule": reason.rule,
        "dimension": reason.dimension,
        "direction": reason.direction.value,
        "old": reason.old,
        "new": reason.new,
        "old_span": list(reason.old_span) if reason.old_span else None,
        "new_span": list(reason.new_span) if reason.new_span else None,
        "explanation": reason.explanation,
    }
