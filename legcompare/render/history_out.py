"""``legcompare history``: a provision's changes across versions, for a terminal, Markdown, JSON
and HTML.

Every format shows, per provision that changed, the version at which each change happened, its
status and verdict, and the reasons; the terminal, Markdown and HTML reports show every deleted
and inserted character of each change (unchanged text around it is shortened to
:data:`CONTEXT` characters in the terminal and Markdown; the HTML shows both clause texts whole).
Provisions that never changed are counted, not listed. Presentation only: everything comes from
the :class:`~legcompare.history.History` and its comparisons, nothing is re-diffed.

The JSON document, ``"schema": "legcompare.history/1"``::

    { "schema": "legcompare.history/1", "generator": {name, version, rules_sha256, options},
      "versions": [ {"label": "original", "document": {<provenance>}}, ... ],
      "steps": [ {"from": 0, "to": 1, "mode": "versions" | "cross",
                  "perspective": "protective" | "permissive",
                  "summary": {<as in legcompare.diff/1>}, "notes": [...]}, ... ],
      "tracks": [ {"ids": [<clause id> | null, ...],            one entry per version
                   "citations": [<citation> | null, ...],       one entry per version
                   "changed": [<version index>, ...],           where a change arrived
                   "events": [ {"version": <index of the version the pair arrives at>,
                                "changed": bool,
                                "pair": {<a pair exactly as in legcompare.diff/1>}} ] } ],
      "omitted_unchanged": n }                                  only with only_changed

``steps[k - 1]`` and the events with ``version: k`` are ``legcompare diff`` of versions ``k - 1``
and ``k``: its summary and its pairs, verbatim, so every pair's ``edits`` rebuild both clause
texts. Without ``only_changed`` every pair of every step is an event (nothing lost); with it,
unchanged events and tracks that never changed are left out and ``omitted_unchanged`` counts the
tracks left out.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from ..history import Event, History, Track, version_labels
from ..model import ClausePair, Op, Status, Verdict
from ..normalize import key
from ..summary import headline, summarize
from . import json_text, serialize
from .diff_json import pair_dict
from .diff_markdown import inline
from .diff_terminal import Piece, cautions, describe, flags, pieces, quoted, visible

SCHEMA = "legcompare.history/1"
CONTEXT = 40
"""Characters of unchanged text shown on each side of a change in the terminal and Markdown."""
_SPACE = re.compile(r"\s+")
_RED, _GREEN, _BOLD, _RESET = "\x1b[31m", "\x1b[32m", "\x1b[1m", "\x1b[0m"


# --- shared wording ---------------------------------------------------------------------------


def cell(track: Track, version: int) -> str:
    """What a version did to a track, in a few words: ``modified, weaker``, ``added``,
    ``unchanged`` (``=``), ``·`` for the first version having it, ``""`` when absent."""
    event = track.at(version)
    if event is None:
        return "·" if track.clauses[version] is not None else ""
    if not event.changed:
        return "="
    return ", ".join(_what(event.pair))


def _what(pair: ClausePair) -> list[str]:
    words = [pair.status.value]
    if pair.status is Status.UNCHANGED:
        words = [w for w in ("moved" if pair.moved else "",
                             "renumbered" if pair.renumbered else "") if w]
    elif pair.renumbered:
        words.append("renumbered")
    if pair.verdict is not Verdict.NEUTRAL:
        words.append(pair.verdict.value)
    return words


def track_ids(track: Track) -> str:
    """The track's ids in order of versions, each once: ``s1/a/3 → s1/a/4``."""
    return " → ".join(dict.fromkeys(i for i in track.ids if i is not None))


def _changes(shown: Sequence[Piece]) -> list[tuple[str | None, str | None, str, str]]:
    """Each run of deletions and insertions as (deleted, inserted, context before, context
    after), white space alone counted as no text and layout-only runs left out; the context is
    the new text around the run."""
    out: list[tuple[str | None, str | None, str, str]] = []
    i = 0
    while i < len(shown):
        if shown[i].op is Op.EQUAL:
            i += 1
            continue
        j = i
        deleted: list[str] = []
        inserted: list[str] = []
        while j < len(shown) and shown[j].op is not Op.EQUAL:
            (deleted if shown[j].op is Op.DELETE else inserted).append(shown[j].text)
            j += 1
        old, new = "".join(deleted), "".join(inserted)
        if key(old) != key(new):
            before = "".join(p.text for p in shown[:i] if p.op is not Op.DELETE)[-CONTEXT:]
            after = "".join(p.text for p in shown[j:] if p.op is not Op.DELETE)[:CONTEXT]
            out.append((old if old.strip() else None, new if new.strip() else None,
                        before, after))
        i = j
    return out


def _flat(text: str) -> str:
    """``text`` on one line: each run of white space one space (ends kept), controls visible."""
    return visible(_SPACE.sub(" ", text))


def _context(before: str, after: str) -> tuple[str, str]:
    left = _flat(before).lstrip()
    right = _flat(after).rstrip()
    return (("…" + left if len(before) >= CONTEXT else left),
            (right + "…" if len(after) >= CONTEXT else right))


# --- terminal ---------------------------------------------------------------------------------


def history_terminal(h: History, *, color: bool) -> str:
    """The history as terminal text: versions, one headline per step, then each provision that
    changed with its changes by version (``[-struck-]{+inserted+}``, coloured when asked)."""
    labels = version_labels(h.documents)
    lines = [f"history: {len(h.documents)} versions"]
    lines += [f"  {i + 1} {labels[i]}: {describe(d.provenance)}"
              for i, d in enumerate(h.documents)]
    lines += [f"{kind}: {text}" for kind, text in _cautions(h)]
    lines += [f"perspective: {h.options.perspective.value}", "", "changes by version:"]
    for k, c in enumerate(h.comparisons, 1):
        lines.append(f"  {labels[k]} ({labels[k - 1]} → {labels[k]}, {c.mode.value}): "
                     f"{headline(summarize(c))}")
    tracks = h.changed_tracks
    lines += ["", (f"{len(tracks)} of {len(h.tracks)} provisions changed; "
              f"{len(h.tracks) - len(tracks)} never did")]
    for track in tracks:
        lines += ["", *_terminal_track(track, labels, color)]
    return "\n".join(lines) + "\n"


def _terminal_track(track: Track, labels: Sequence[str], color: bool) -> list[str]:
    out = [f"{visible(track_ids(track))}  {visible(track.latest.citation)}"]
    for event in track.changes:
        pair = event.pair
        shown = pieces(pair.edits)
        words = [pair.status.value]
        if pair.verdict is not Verdict.NEUTRAL:
            word = pair.verdict.value.upper()
            tint = {Verdict.WEAKER: _RED, Verdict.STRONGER: _GREEN}.get(pair.verdict, "")
            words.append(f"{_BOLD}{tint}{word}{_RESET}" if color else word)
        words += [f for f in flags(pair, shown) if f != pair.status.value]
        out.append(f"  {labels[event.version]}: {'  '.join(words)}")
        out += [f"      {line}" for line in change_lines(pair, shown, color)]
        out += [f"      because: {visible(r.explanation)}" + (f" ({visible(w)})" if (
            w := quoted(r)) else "") for r in pair.reasons]
    return out


def change_lines(pair: ClausePair, shown: Sequence[Piece], color: bool) -> list[str]:
    """A pair's changes on one line each: ``context [-struck-]{+inserted+} context``; an added
    or removed provision whole."""
    if pair.old is None or pair.new is None:
        clause = pair.new or pair.old
        assert clause is not None
        sign = "+" if pair.new is not None else "-"
        return [(f"{'{' if sign == '+' else '['}{sign}{_flat(clause.text).strip()}{sign}"
                f"{'}' if sign == '+' else ']'}")] if clause.text.strip() else []
    out = []
    for deleted, inserted, before, after in _changes(shown):
        left, right = _context(before, after)
        mid = ""
        if deleted is not None:
            mid += _paint(f"[-{_flat(deleted)}-]", _RED, color)
        if inserted is not None:
            mid += _paint(f"{{+{_flat(inserted)}+}}", _GREEN, color)
        out.append(left + mid + right)
    return out


def _paint(text: str, tint: str, color: bool) -> str:
    return f"{tint}{text}{_RESET}" if color else text


def _cautions(h: History) -> list[tuple[str, str]]:
    return list(dict.fromkeys(x for c in h.comparisons for x in cautions(c)))


# --- Markdown ---------------------------------------------------------------------------------


def history_markdown(h: History) -> str:
    """The history as Markdown: the versions, a table with one row per provision that changed
    and one column per version, then each provision's changes with their reasons."""
    labels = version_labels(h.documents)
    out = [f"# History across {len(h.documents)} versions", ""]
    out += [f"{i + 1}. **{inline(labels[i])}**: {inline(describe(d.provenance))}"
            for i, d in enumerate(h.documents)]
    out += [""] + [f"- **{kind.capitalize()}:** {inline(text)}" for kind, text in _cautions(h)]
    out += [f"- Perspective: {h.options.perspective.value}", "", "## Changes by version", ""]
    out += [f"- **{inline(labels[k])}** ({inline(labels[k - 1])} → {inline(labels[k])}): "
            f"{inline(headline(summarize(c)))}" for k, c in enumerate(h.comparisons, 1)]
    out += ["", *history_table(h)]
    tracks = h.changed_tracks
    if tracks:
        out += ["", "## Provisions"]
    for track in tracks:
        out += ["", *_markdown_track(track, labels)]
    return "\n".join(out) + "\n"


def history_table(h: History) -> list[str]:
    """The Markdown table: provision (ids), latest citation, then what each version did
    (``·`` first present, ``=`` unchanged, blank absent)."""
    labels = version_labels(h.documents)
    tracks = h.changed_tracks
    out = [(f"{len(tracks)} of {len(h.tracks)} provisions changed "
           f"({len(h.tracks) - len(tracks)} never did). "
           "In the table, `·` marks the first version a provision is in, `=` a version that "
           "left it unchanged, and a blank cell a version without it."), "",
           "| Provision | Citation (latest) | " + " | ".join(inline(x) for x in labels) + " |",
           "| --- | --- |" + " --- |" * len(labels)]
    for track in tracks:
        cells = [inline(cell(track, k)) for k in range(len(labels))]
        out.append(f"| {inline(track_ids(track))} | {inline(track.latest.citation)} | "
                   + " | ".join(cells) + " |")
    return out


def _markdown_track(track: Track, labels: Sequence[str]) -> list[str]:
    out = [f"### {inline(track.latest.citation)}", "", f"Clause id: {inline(track_ids(track))}",
           ""]
    for event in track.changes:
        pair = event.pair
        out.append(f"- **{inline(labels[event.version])}** "
                   f"({inline(labels[event.version - 1])} → {inline(labels[event.version])}): "
                   f"{inline(', '.join(_what(pair)))}")
        out += [f"  - {line}" for line in markdown_change_lines(pair)]
        out += [f"  - Because: {inline(r.explanation)}" + (f" ({inline(w)})" if (
            w := quoted(r)) else "") for r in pair.reasons]
    return out


def markdown_change_lines(pair: ClausePair) -> list[str]:
    """A pair's changes for a Markdown list: ``“old” → “new” (between “…” and “…”)``."""
    if pair.old is None or pair.new is None:
        clause = pair.new or pair.old
        assert clause is not None
        word = "Added" if pair.new is not None else "Removed"
        return [f"{word}: “{inline(clause.text)}”"] if clause.text.strip() else []
    out = []
    for deleted, inserted, before, after in _changes(pieces(pair.edits)):
        left, right = _context(before, after)
        if deleted is not None and inserted is not None:
            what = f"“{inline(deleted)}” → “{inline(inserted)}”"
        elif deleted is not None:
            what = f"struck “{inline(deleted)}”"
        else:
            what = f"inserted “{inline(inserted or '')}”"
        out.append(what + _where(left, right))
    return out


def _where(left: str, right: str) -> str:
    if left and right:
        return f" (between “{inline(left)}” and “{inline(right)}”)"
    if right:
        return f" (before “{inline(right)}”)"
    return f" (after “{inline(left)}”)" if left else ""


# --- JSON -------------------------------------------------------------------------------------


def history_json(h: History, options: dict[str, object], *, only_changed: bool = False) -> bytes:
    """The ``legcompare.history/1`` document (see the module docstring): UTF-8, indent 2, final
    newline; the same history and options give the same bytes."""
    labels = version_labels(h.documents)
    tracks = h.changed_tracks if only_changed else h.tracks
    data: dict[str, Any] = {
        "schema": SCHEMA,
        "generator": serialize.generator(options),
        "versions": [{"label": labels[i], "document": serialize.provenance(d.provenance)}
                     for i, d in enumerate(h.documents)],
        "steps": [{"from": k - 1, "to": k, "mode": c.mode.value,
                   "perspective": c.perspective.value, "summary": summarize(c).as_dict(),
                   "notes": list(c.notes)} for k, c in enumerate(h.comparisons, 1)],
        "tracks": [_track_dict(t, only_changed) for t in tracks],
    }
    if only_changed:
        data["omitted_unchanged"] = len(h.tracks) - len(tracks)
    return json_text.report(data)


def _track_dict(track: Track, only_changed: bool) -> dict[str, Any]:
    events = track.changes if only_changed else track.events
    return {
        "ids": list(track.ids),
        "citations": [c.citation if c is not None else None for c in track.clauses],
        "changed": [e.version for e in track.changes],
        "events": [_event_dict(e) for e in events],
    }


def _event_dict(event: Event) -> dict[str, Any]:
    return {"version": event.version, "changed": event.changed, "pair": pair_dict(event.pair)}


# --- HTML -------------------------------------------------------------------------------------


def history_html(h: History) -> str:
    """The history as one self-contained HTML page (the diff report's page, CSS and escaping:
    :mod:`legcompare.render.html`): the versions, a table of what each version did to each
    provision that changed, then each change side by side, both clause texts whole."""
    from .html import document_view, render_template, row  # (jinja2: for this format alone)

    labels = version_labels(h.documents)
    tracks = h.changed_tracks
    steps = [(labels[k], labels[k - 1], c.mode.value, headline(summarize(c)))
             for k, c in enumerate(h.comparisons, 1)]
    rows = []
    number = 0
    for t, track in enumerate(tracks, 1):
        changes = []
        for event in track.changes:
            number += 1
            changes.append((labels[event.version - 1], labels[event.version],
                            row(number, event.pair)))
        rows.append({"number": t, "ids": track_ids(track), "citation": track.latest.citation,
                     "cells": [cell(track, k) for k in range(len(labels))],
                     "changes": changes})
    return render_template(
        "history.html.j2", title=f"History across {len(h.documents)} versions",
        versions=[(i + 1, labels[i], document_view("Version", d.provenance))
                  for i, d in enumerate(h.documents)],
        labels=list(labels), cautions=_cautions(h), steps=steps,
        perspective=h.options.perspective.value, total=len(h.tracks), tracks=rows)
