"""``legcompare current``: a bill against the law it would change, for a terminal, Markdown and
JSON.

Every format says what current law the bill was compared against (the text given, the print's
own markup, or none), lists the sections it restates, adds or repeals with both citations, every
amending instruction with what became of it (applied, or why not: never silently skipped), and
each changed provision of current law with the law's citation and the bill provision that
changes it. The terminal and Markdown show every deleted and inserted character of each change
(see :mod:`legcompare.render.history_out`); the JSON holds every pair verbatim.

The JSON document, ``"schema": "legcompare.current/1"``::

    { "schema": "legcompare.current/1", "generator": {name, version, rules_sha256, options},
      "bill": {<provenance>}, "basis": "law" | "markup" | "none",
      "current": {<provenance>} | null, "amended": {<provenance>} | null,
      "restatements": [ {"action": "restate" | "add" | "repeal",
                         "bill": {"id", "citation"}, "law", "section",
                         "unit": "section" | "article",       what "section" numbers
                         "code_citation", "quoted": <id of the bill's quoted matter> | null} ],
      "instructions": [ {"bill": {"id", "citation"} | null,
                         "action": "replace|strike|insert|add|redesignate|restate|repeal|unread",
                         "target": [<place phrase>, ...], "struck", "inserted", "anchor",
                         "position", "where", "through", "to_end", "every", "section",
                         "unit": "section" | "article" when "section" is set, else null,
                         "provision": true when "struck" names a provision (struck whole),
                         "item": true when "struck" or "anchor" names an item of a table
                                 of contents ("the item relating to section 6050W"),
                         "precedes": true when all that precedes "struck" is struck,
                         "span": [start, end],                 in the bill's display text
                         "outcome": "applied|not-found|ambiguous|conflict|unsupported|
                                     no-current-text",
                         "detail", "clause": <current-law clause id> | null} ],
      "summary": {<as in legcompare.diff/1>} | null,
      "changes": [ {"code": <the law's citation>, "bill": [<bill citation>, ...],
                    "pair": {<a pair exactly as in legcompare.diff/1>}} ],
      "notes": [...] }
"""

from __future__ import annotations

from typing import Any

from ..apply import Application, Outcome
from ..current_law import Basis, Change, CurrentLaw, Restatement
from ..summary import changed, headline, summarize
from . import json_text, serialize
from .diff_json import pair_dict
from .diff_markdown import inline
from .diff_terminal import MARKERS, describe, pieces, quoted, visible
from .history_out import change_lines, markdown_change_lines

SCHEMA = "legcompare.current/1"
_BASIS = {Basis.LAW: "the current-law text given, with the bill's instructions applied",
          Basis.MARKUP: "the print's own markup (struck matter is current law; inserted matter "
                        "is new)",
          Basis.NONE: "none: no current text was given and the print does not show it"}
_VERBS = {"restate": "restates", "add": "adds", "repeal": "repeals"}


def _restated(r: Restatement) -> str:
    target = r.code_citation or " ".join(x for x in (r.law, r.section) if x) or "a section"
    return f"{r.bill_citation} {_VERBS.get(r.action.value, r.action.value)} {target}"


def _instruction(a: Application) -> str:
    where = a.citation or "(outside any provision)"
    return " ".join(f"{a.outcome.value}: {where}: {a.detail}".split())


def _shown(result: CurrentLaw, only_changed: bool) -> list[Change]:
    return [c for c in result.changes if changed(c.pair) or not only_changed]


def _cite(change: Change) -> str:
    return change.code + (f" (by {', '.join(change.bill)})" if change.bill else "")


# --- terminal ---------------------------------------------------------------------------------


def current_terminal(result: CurrentLaw, *, color: bool, only_changed: bool = True) -> str:
    """The report as terminal text (changed provisions only, unless ``only_changed`` is off)."""
    lines = [f"bill: {describe(result.bill.provenance)}",
             f"current law: {_BASIS[result.basis]}"]
    if result.current is not None and result.basis is Basis.LAW:
        lines.append(f"current text: {describe(result.current.provenance)}")
    lines += [f"note: {visible(n)}" for n in result.notes]
    if result.comparison is not None:
        lines += ["", headline(summarize(result.comparison))]
    if result.restatements:
        lines += ["", "sections restated, added or repealed:"]
        lines += [f"  {visible(_restated(r))}" for r in result.restatements]
    if result.applications:
        done = sum(a.outcome is Outcome.APPLIED for a in result.applications)
        lines += ["", f"amending instructions: {done} of {len(result.applications)} applied"]
        lines += [f"  {visible(_instruction(a))}" for a in result.applications]
    shown = _shown(result, only_changed)
    if shown:
        lines += ["", "changes to current law:"]
    for change in shown:
        pair = change.pair
        head = f"{MARKERS[pair.status]} {visible(_cite(change))}"
        if pair.verdict.value != "neutral":
            head += f"  {pair.verdict.value.upper()}"
        lines += ["", head]
        lines += [f"    {line}" for line in change_lines(pair, pieces(pair.edits), color)]
        lines += [f"    because: {visible(r.explanation)}" + (f" ({visible(w)})" if (
            w := quoted(r)) else "") for r in pair.reasons]
    return "\n".join(lines) + "\n"


# --- Markdown ---------------------------------------------------------------------------------


def current_markdown(result: CurrentLaw, *, only_changed: bool = True) -> str:
    """The report as Markdown: the basis, the sections, a table of the instructions and their
    outcomes, then each changed provision with both citations."""
    out = [f"# {inline(describe(result.bill.provenance))} against current law", "",
           f"- Current law: {inline(_BASIS[result.basis])}"]
    if result.current is not None and result.basis is Basis.LAW:
        out.append(f"- Current text: {inline(describe(result.current.provenance))}")
    out += [f"- Note: {inline(n)}" for n in result.notes]
    if result.comparison is not None:
        out += ["", f"**{inline(headline(summarize(result.comparison)))}**"]
    if result.restatements:
        out += ["", "## Sections restated, added or repealed", ""]
        out += [f"- {inline(_restated(r))}" for r in result.restatements]
    if result.applications:
        out += ["", "## Amending instructions", "", ("| Bill provision | Action | Outcome | "
                "Detail |"), "| --- | --- | --- | --- |"]
        out += [f"| {inline(a.citation or '')} | {a.instruction.action.value} | "
                f"{a.outcome.value} | {inline(a.detail)} |" for a in result.applications]
    shown = _shown(result, only_changed)
    if shown:
        out += ["", "## Changes to current law"]
    for change in shown:
        pair = change.pair
        what = pair.status.value + (f", {pair.verdict.value}"
                                    if pair.verdict.value != "neutral" else "")
        out += ["", f"### {inline(_cite(change))} — {what}", ""]
        out += [f"- {line}" for line in markdown_change_lines(pair)]
        out += [f"- Because: {inline(r.explanation)}" + (f" ({inline(w)})" if (
            w := quoted(r)) else "") for r in pair.reasons]
    return "\n".join(out) + "\n"


# --- JSON -------------------------------------------------------------------------------------


def current_json(result: CurrentLaw, options: dict[str, object]) -> bytes:
    """The ``legcompare.current/1`` document (see the module docstring)."""
    data: dict[str, Any] = {
        "schema": SCHEMA,
        "generator": serialize.generator(options),
        "bill": serialize.provenance(result.bill.provenance),
        "basis": result.basis.value,
        "current": serialize.provenance(result.current.provenance) if result.current else None,
        "amended": serialize.provenance(result.amended.provenance) if result.amended else None,
        "restatements": [_restatement_dict(r) for r in result.restatements],
        "instructions": [_application_dict(a) for a in result.applications],
        "summary": summarize(result.comparison).as_dict() if result.comparison else None,
        "changes": [{"code": c.code, "bill": list(c.bill), "pair": pair_dict(c.pair)}
                    for c in result.changes],
        "notes": list(result.notes),
    }
    return json_text.report(data)


def _restatement_dict(r: Restatement) -> dict[str, Any]:
    return {"action": r.action.value, "bill": {"id": r.bill, "citation": r.bill_citation},
            "law": r.law, "section": r.section, "unit": r.unit,
            "code_citation": r.code_citation, "quoted": r.quoted}


def _application_dict(a: Application) -> dict[str, Any]:
    i = a.instruction
    return {"bill": {"id": a.bill, "citation": a.citation} if a.bill else None,
            "action": i.action.value, "target": list(i.target), "struck": i.struck,
            "inserted": i.inserted, "anchor": i.anchor, "position": i.position,
            "where": i.where, "through": i.through, "to_end": i.to_end, "every": i.every,
            "section": i.section, "unit": i.unit if i.section else None,
            "provision": i.provision, "item": i.item,
            "precedes": i.precedes, "span": list(i.span), "outcome": a.outcome.value,
            "detail": a.detail, "clause": a.clause}
