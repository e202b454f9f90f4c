"""``legcompare preempt``: the upper law's preemption clauses and the fates of stronger lower
provisions, for a terminal, as Markdown, as the contract's ``legcompare.preempt/1`` JSON and as
CSV (the HTML page is :mod:`legcompare.render.preempt_html`).

Guarantees, in every format:

* The headline (:func:`headline`) comes right after the documents and their cautions (not in
  force, partial, license attribution): clause counts by kind, then finding counts by fate.
* Then every preemption clause in document order, with its kind (and ``also``), scope, actors
  and the words that decided it; then every finding in the analysis's order, with its fate,
  verdict, counterpart and note; then the analysis's notes (a lower law with no finding).
* Clause and provision texts are shown whole (white space runs as one space in terminal and
  Markdown; verbatim in JSON). Control and bidi characters are made visible; Markdown escapes
  bill text so it renders as itself.
* Presentation only: nothing is recomputed; JSON keys in the contract's order, same input same
  bytes.
* CSV (:func:`preempt_csv`): one record per preemption clause (``record`` ``clause``), then one
  per finding (``finding``), numbered as ``#clause-N`` and ``#finding-N`` in the HTML page; texts
  whole, spreadsheet-safe and cut into continuation rows exactly as the diff's CSV
  (:mod:`legcompare.render.csv_out`: ``'`` before a cell a spreadsheet would read as a formula,
  cells over 32,767 characters continued on ``part`` 2, 3, ... rows, the ``notes`` column saying
  so). The JSON's ``notes`` end with one line per text the CSV continues.
"""

from __future__ import annotations

import textwrap
from collections import Counter
from typing import Any

from ..model import Clause, Provenance
from ..preempt import KIND_ORDER, Fate, Finding, Preemption, PreemptionClause
from ..preempt.patterns import patterns_sha256
from ..preempt.phrases import collapse
from . import json_text, serialize
from .csv_out import continuation, record_rows, write_csv
from .diff_markdown import inline
from .diff_terminal import describe, name, visible

SCHEMA = "legcompare.preempt/1"
WIDTH = 96
_RED, _GREEN, _BOLD, _RESET = "\x1b[31m", "\x1b[32m", "\x1b[1m", "\x1b[0m"
_TINT = {Fate.ERASED: _RED, Fate.SAVED: _GREEN}
_PARTIAL = "{} was not fully retrieved; provisions that were not retrieved are not weighed"


def headline(result: Preemption) -> str:
    """ "1 preemption clause (1 conflict); 9 findings: 0 erased, 0 saved, 9 undecided"."""
    n = len(result.clauses)
    kinds = Counter(c.kind for c in result.clauses)
    by_kind = ", ".join(f"{kinds[k]} {k.value}" for k in KIND_ORDER if kinds[k])
    out = f"{n} preemption clause{'s' if n != 1 else ''}" + (f" ({by_kind})" if by_kind else "")
    if result.lowers:
        fates = Counter(f.fate for f in result.findings)
        m = len(result.findings)
        out += (f"; {m} finding{'s' if m != 1 else ''}: "
                + ", ".join(f"{fates[f]} {f.value}" for f in Fate))
    return out


def cautions(result: Preemption) -> list[tuple[str, str]]:
    """(kind, text) lines for every document: not in force, partial, license attribution."""
    out: list[tuple[str, str]] = []
    for doc in (result.upper, *result.lowers):
        p = doc.provenance
        if p.in_force is False:
            out.append(("warning", f"{name(p)} is not in force"))
        if p.partial:
            out.append(("partial", _PARTIAL.format(name(p))))
        if p.license:
            out.append(("license", f"{name(p)}: {visible(p.license)}"))
    return list(dict.fromkeys(out))


def _documents(result: Preemption) -> list[tuple[str, Provenance]]:
    return [("upper", result.upper.provenance)] + [
        (f"lower {i + 1}", d.provenance) for i, d in enumerate(result.lowers)]


def _kinds(c: PreemptionClause) -> str:
    also = f" (also {', '.join(k.value for k in c.also)})" if c.also else ""
    return c.kind.value + also


def _flat(text: str) -> str:
    return visible(collapse(text))


def _quote(text: str) -> str:
    return f"“{_flat(text)}”" if text.strip() else "(not stated)"


# --- terminal --------------------------------------------------------------------------------


def preempt_terminal(result: Preemption, *, color: bool) -> str:
    """The analysis as terminal text (see the module docstring)."""
    lines = [f"{label}: {describe(p)}" for label, p in _documents(result)]
    lines += [f"{kind}: {text}" for kind, text in cautions(result)]
    lines += ["", headline(result)]
    for c in result.clauses:
        lines += ["", *_clause_block(c, color)]
    for f in result.findings:
        lines += ["", *_finding_block(result, f, color)]
    if result.notes:
        lines += ["", *(f"note: {visible(n)}" for n in result.notes)]
    return "\n".join(lines) + "\n"


def _clause_block(c: PreemptionClause, color: bool) -> list[str]:
    word = c.kind.value.upper()
    head = [f"{_BOLD}{word}{_RESET}" if color else word, visible(c.clause.citation),
            f"[{visible(c.clause.id)}]"]
    out = ["  ".join(head), *_wrap(c.text)]
    if c.also:
        out.append(f"  also: {', '.join(k.value for k in c.also)}")
    out += [f"  scope: {_quote(c.scope.quote)}", f"  actors: {_quote(c.actors)}"]
    out += [f"  because: {visible(s.explanation)} (“{_flat(s.text)}”)" for s in c.signals]
    return out


def _finding_block(result: Preemption, f: Finding, color: bool) -> list[str]:
    word = f.fate.value.upper()
    tinted = f"{_BOLD}{_TINT.get(f.fate, '')}{word}{_RESET}" if color else word
    where = f"[lower {f.lower + 1} · {visible(f.provision.id)}]"
    head = [tinted, visible(f.provision.citation), where]
    out = ["  ".join(head), *_wrap(f.text)]
    against = (f"against {visible(f.counterpart.citation)}" if f.counterpart
               else "no counterpart in the upper law")
    out.append(f"  verdict: {f.verdict.value}, {against}")
    out.append(f"  note: {visible(f.note)}")
    return out


def _wrap(text: str) -> list[str]:
    flat = _flat(text)
    return textwrap.wrap(flat, WIDTH, initial_indent="    ", subsequent_indent="    ",
                         break_long_words=False, break_on_hyphens=False) or ["    "]


# --- Markdown --------------------------------------------------------------------------------


def preempt_markdown(result: Preemption) -> str:
    """The analysis as Markdown (see the module docstring)."""
    out = [f"# Preemption: {inline(name(result.upper.provenance))}", "",
           f"**{inline(headline(result))}**", ""]
    out += [f"- {label.capitalize()}: {inline(describe(p))}" for label, p in _documents(result)]
    out += [f"- **{kind.capitalize()}:** {inline(text)}" for kind, text in cautions(result)]
    if result.clauses:
        out += ["", "## Preemption clauses"]
    for c in result.clauses:
        out += ["", f"### {inline(c.clause.citation)} — {inline(_kinds(c))}", "",
                f"> {inline(collapse(c.text))}", "", f"- Scope: {inline(_quote(c.scope.quote))}",
                f"- Actors: {inline(_quote(c.actors))}"]
        out += [f"- Because: {inline(s.explanation)} ({inline(_quote(s.text))})"
                for s in c.signals]
    if result.findings:
        out += ["", "## Findings", "", "| Law | Provision | Verdict | Fate | Decided by |",
                "| --- | --- | --- | --- | --- |"]
        out += [f"| {f.lower + 1} | {inline(f.provision.citation)} | {f.verdict.value} "
                f"| {f.fate.value} | {inline(', '.join(f.because))} |" for f in result.findings]
    for f in result.findings:
        against = (f"against {inline(f.counterpart.citation)}" if f.counterpart
                   else "no counterpart in the upper law")
        out += ["", f"### {inline(f.provision.citation)} — {f.fate.value}", "",
                f"> {inline(collapse(f.text))}", "",
                f"- Law: {inline(name(result.lowers[f.lower].provenance))}",
                f"- Verdict: {f.verdict.value}, {against}", f"- Note: {inline(f.note)}"]
    if result.notes:
        out += ["", "## Notes", "", *(f"- {inline(n)}" for n in result.notes)]
    return "\n".join(out) + "\n"


# --- JSON ------------------------------------------------------------------------------------


def preempt_json(result: Preemption, options: dict[str, object]) -> bytes:
    """The ``legcompare.preempt/1`` document: UTF-8, indent 2, final newline; the contract's
    keys in order, then ``notes``. The generator's options record the SHA-256 of the
    preemption patterns (``patterns_sha256``) next to the comparison rules' ``rules_sha256``."""
    data: dict[str, Any] = {
        "schema": SCHEMA,
        "generator": serialize.generator({**options, "patterns_sha256": patterns_sha256()}),
        "upper": serialize.provenance(result.upper.provenance),
        "lower": [serialize.provenance(d.provenance) for d in result.lowers],
        "clauses": [clause_dict(c) for c in result.clauses],
        "findings": [finding_dict(result, f) for f in result.findings],
        "notes": [*result.notes, *csv_continuations(result)],
    }
    return json_text.report(data)


def clause_dict(c: PreemptionClause) -> dict[str, Any]:
    """One preemption clause; ``text`` is what was classified (a lead-in with its items)."""
    return {
        "id": c.clause.id,
        "citation": c.clause.citation,
        "text": c.text,
        "kind": c.kind.value,
        "also": [k.value for k in c.also],
        "scope": c.scope.quote,
        "actors": c.actors,
        "reasons": [{"rule": s.rule, "kind": s.group, "text": s.text, "span": list(s.span),
                     "explanation": s.explanation} for s in c.signals],
    }


def finding_dict(result: Preemption, f: Finding) -> dict[str, Any]:
    return {
        "lower": f.lower,
        "provision": _ref(f.provision, f.text),
        "counterpart": _ref(f.counterpart, f.counterpart.text) if f.counterpart else None,
        "verdict": f.verdict.value,
        "fate": f.fate.value,
        "because": list(f.because),
        "note": f.note,
    }


def _ref(c: Clause, text: str) -> dict[str, Any]:
    return {"id": c.id, "citation": c.citation, "text": text}


# --- CSV -------------------------------------------------------------------------------------

CSV_COLUMNS = ("record", "number", "part", "law", "law name", "id", "citation", "kind", "also",
               "scope", "actors", "signals", "fate", "verdict", "counterpart id",
               "counterpart citation", "because", "text", "counterpart text", "note", "notes")
CSV_KEYS = ("record", "number", "law", "id", "citation")
"""Repeated on continuation rows, so each row says which record it belongs to."""


def preempt_csv(result: Preemption) -> bytes:
    """The analysis as CSV bytes: UTF-8 with a byte-order mark, ``\\r\\n`` line ends, one
    record per clause and per finding (see the module docstring)."""
    rows: list[list[str]] = []
    for cells in csv_records(result):
        rows += record_rows(cells, CSV_COLUMNS, CSV_KEYS)[0]
    return write_csv(CSV_COLUMNS, rows)


def csv_continuations(result: Preemption) -> list[str]:
    """``finding 3, text: 40,120 characters, ... the CSV continues it on 1 more row ...`` for
    each text too long for one spreadsheet cell; empty for nearly every analysis."""
    out = []
    for cells in csv_records(result):
        found = (continuation(column, value) for column, value in cells.items())
        out += [f"CSV: {cells['record']} {cells['number']}, {note}" for note in found if note]
    return out


def csv_records(result: Preemption) -> list[dict[str, str]]:
    """Every record's cells by column (``part`` and ``notes`` left to ``record_rows``)."""
    blank = dict.fromkeys(CSV_COLUMNS, "")
    upper = result.upper.provenance
    out = [{**blank, "record": "clause", "number": str(i), "law": "upper",
            "law name": upper.title or upper.document, "id": c.clause.id,
            "citation": c.clause.citation, "kind": c.kind.value,
            "also": "; ".join(k.value for k in c.also), "scope": c.scope.quote,
            "actors": c.actors, "text": c.text,
            "signals": "\n".join(f"{s.group}: {s.explanation} [{s.rule}] (“{s.text}”)"
                                 for s in c.signals)}
           for i, c in enumerate(result.clauses, 1)]
    for i, f in enumerate(result.findings, 1):
        lower, other = result.lowers[f.lower].provenance, f.counterpart
        out.append({**blank, "record": "finding", "number": str(i), "law": f"lower {f.lower + 1}",
                    "law name": lower.title or lower.document, "id": f.provision.id,
                    "citation": f.provision.citation, "fate": f.fate.value,
                    "verdict": f.verdict.value, "counterpart id": other.id if other else "",
                    "counterpart citation": other.citation if other else "",
                    "because": "; ".join(f.because), "text": f.text,
                    "counterpart text": other.text if other else "", "note": f.note})
    return out
