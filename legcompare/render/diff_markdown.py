"""``legcompare diff --format markdown``: a report to paste into an issue, a memo or a wiki.

Guarantees of :func:`diff_markdown`:

* The summary line comes right after the heading; then the documents, the cautions every report
  carries (not in force, partial, license attribution), a table of the provisions judged weaker,
  stronger, mixed or unclear, and one section per pair in the comparison's order.
* Deletions are ``~~…~~`` and insertions ``**…**``; bill text renders as itself: Markdown's
  special characters are backslash-escaped, ``<``, ``>`` and ``&`` become entities (so no HTML in
  a bill can render as HTML), block syntax at a line start (``#``, ``>``, ``-``, ``1.``, leading
  spaces) is neutralised, and a delimiter wedged between a letter and punctuation gets its
  neighbour written as a character reference so CommonMark still honours it.
* Clause text keeps its line breaks (as hard breaks inside a block quote). A layout-only change
  shows the new text and lists the old form under the pair, as in the terminal report.
* Presentation only: counts from :func:`~legcompare.summary.summarize`; dates as "January 1, 2023".
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ..model import ClausePair, Comparison, Op, Provenance, Reason, Verdict
from ..summary import changed, deciding_reason, headline, not_shown, summarize
from .diff_terminal import (
    Piece,
    cautions,
    citations,
    describe,
    flags,
    layout_summary,
    listed,
    locator,
    name,
    pieces,
    quoted,
    times,
    told_once,
    unpaired,
    visible,
)

_ESCAPES = {"\\": "\\\\", "`": "\\`", "*": "\\*", "_": "\\_", "~": "\\~", "[": "\\[",
            "]": "\\]", "|": "\\|", "<": "&lt;", ">": "&gt;", "&": "&amp;"}
"""How Markdown's special characters in a text are written so that they print as themselves."""
_INLINE = str.maketrans(_ESCAPES)
_SPECIAL = re.compile("[" + re.escape("".join(_ESCAPES)) + "]")
_DELIMITERS = {Op.DELETE: "~~", Op.INSERT: "**"}
Atom = tuple[str | None, str]
"""Raw text (``None`` for an emphasis delimiter) and the Markdown that prints it: one character
where a delimiter or the line's start may read it, else a run of characters (see
:func:`_atoms`)."""


def inline(text: str) -> str:
    """``text`` on one line, escaped so it renders as itself (white space runs become one space)."""
    return escaped(visible(" ".join(text.split())))


def escaped(text: str) -> str:
    """``text`` with :data:`_ESCAPES` made (most bill text has none of those characters: it
    is then looked through once, in C, and kept)."""
    return text.translate(_INLINE) if _SPECIAL.search(text) else text


def diff_markdown(comparison: Comparison, *, only_changed: bool = False) -> str:
    """The diff as Markdown (see the module docstring for the guarantees)."""
    c = comparison
    old, new = c.old.provenance, c.new.provenance
    out = [f"# {inline(_short(old))} → {inline(_short(new))}", "",
           f"**{inline(headline(summarize(c)))}**", "",
           f"- Old: {inline(describe(old))}", f"- New: {inline(describe(new))}",
           f"- Mode: {c.mode.value}; perspective: {c.perspective.value}"]
    out += [f"- **{kind.capitalize()}:** {inline(text)}" for kind, text in cautions(c)]
    out += _table(c)
    shown = [p for p in c.pairs if changed(p) or not only_changed]
    if shown:
        out += ["", "## Provisions"]
    for pair in shown:
        out += ["", *_section(pair)]
    omitted = not_shown(c.pairs, len(shown))
    if omitted:
        out += ["", f"{inline(omitted)}."]
    if c.notes:
        out += ["", "## Notes", "", *(f"- {inline(n)}" for n in c.notes)]
    return "\n".join(out) + "\n"


def _short(p: Provenance) -> str:
    return f"{name(p)} ({p.version})" if p.version else name(p)


def _table(c: Comparison) -> list[str]:
    """Operative provisions judged weaker, stronger, mixed or unclear, in pair order; those
    unpaired (the other text is partial) are counted in a line for each side
    (:func:`~legcompare.render.diff_terminal.unpaired`), not given a row each."""
    rows = [p for p in c.pairs if listed(p)]
    lines = unpaired(c)
    if not rows and not lines:
        return []
    out = ["", "## Changes in protection"]
    if rows:
        out += ["", "| Provision | Status | Verdict | Reason |", "| --- | --- | --- | --- |"]
    for p in rows:
        reason = inline(r.explanation) if (r := deciding_reason(p)) else ""
        out.append(f"| {inline(citations(p))} | {p.status.value} | {p.verdict.value} "
                   f"| {reason} |")
    out += [line for text, _ in lines for line in ("", inline(text))]
    return out


def _section(pair: ClausePair) -> list[str]:
    shown = pieces(pair.edits)
    what = [pair.status.value]
    if pair.verdict is not Verdict.NEUTRAL:
        what.append(pair.verdict.value)
    what += [f for f in flags(pair, shown) if f != pair.status.value]
    out = [f"### {inline(citations(pair))} — {inline(', '.join(what))}", ""]
    loc = locator(pair)
    if loc:
        out += [f"Page and line: {inline(loc)}", ""]
    out += _quote([_line(runs) for runs in _lines(shown)])
    bullets = [f"- Because: {inline(r.explanation)}" + _words(r) + times(n)
               for r, n in told_once(pair.reasons)]
    summary = layout_summary(shown)
    if summary:
        bullets.append(f"- Layout: {inline(summary)}")
    bullets += [f"- Note: {inline(n)}" for n in pair.notes]
    return out + (["", *bullets] if bullets else [])


def _words(reason: Reason) -> str:
    words = quoted(reason)
    return f" ({inline(words)})" if words else ""


def _lines(shown: Sequence[Piece]) -> list[list[tuple[Op, str]]]:
    """The pieces cut at line breaks (a final line break ends the text, not a new line)."""
    lines: list[list[tuple[Op, str]]] = [[]]
    for p in shown:
        for i, part in enumerate(visible(p.text).split("\n")):
            if i:
                lines.append([])
            if part:
                lines[-1].append((p.op, part))
    if not lines[-1]:
        lines.pop()
    return lines


def _quote(lines: list[str]) -> list[str]:
    """Lines as one block quote: hard breaks between lines, blank lines as paragraph breaks."""
    out = []
    for i, line in enumerate(lines):
        more = i + 1 < len(lines) and lines[i + 1] != ""
        out.append(f"> {line}\\" if line and more else f"> {line}" if line else ">")
    return out


def _line(runs: Sequence[tuple[Op, str]]) -> str:
    """One line of clause text as Markdown, deletions and insertions delimited."""
    parts: list[tuple[str, bool] | None] = []  # (text, escaped) or None for a delimiter
    marks: list[str] = []
    for op, text in runs:
        if op is Op.EQUAL:
            parts.append((text, True))
            continue
        core = text.strip()
        lead, trail = text[:len(text) - len(text.lstrip())], text[len(text.rstrip()):]
        if not core:  # a change of white space alone: show the new side's
            if op is Op.INSERT:
                parts.append((text, False))
            continue
        parts += [(lead, False), None, (core, True), None, (trail, False)]
        marks += [_DELIMITERS[op]] * 2
    atoms = _atoms(parts, marks)
    _fix_flanking(atoms)
    _neutralise_line_start(atoms)
    return "".join(src for _, src in atoms)


def _atoms(parts: Sequence[tuple[str, bool] | None], marks: Sequence[str]) -> list[Atom]:
    """The atoms of a line's parts (text, escaped or not, and delimiters, whose marks are
    ``marks`` in order): a character on its own where :func:`_fix_flanking` or
    :func:`_neutralise_line_start` may read or rewrite it (next to a delimiter; at the line's
    start, its blanks and then a sign or a number and the character after it), and the
    characters between as one atom (its raw text and its Markdown): a long bill's report
    holds millions of characters, nearly all of which neither looks at."""
    before = ""  # the text before the first delimiter
    for part in parts:
        if part is None:
            break
        before += part[0]
    blanks = len(before) - len(before.lstrip(" \t"))
    end = blanks
    while end < len(before) and before[end].isdigit():
        end += 1
    alone = end + 1  # the characters from the start read one at a time
    atoms: list[Atom] = []
    delimiters = iter(marks)
    for part in parts:
        if part is None:
            atoms.append((None, next(delimiters)))
            continue
        text, escape = part
        head, alone = max(alone, 1), max(alone - len(text), 0)
        if len(text) <= head + 1:
            atoms += [(ch, _ESCAPES.get(ch, ch) if escape else ch) for ch in text]
            continue
        middle = text[head:-1]
        atoms += [(ch, _ESCAPES.get(ch, ch) if escape else ch) for ch in text[:head]]
        atoms.append((middle, escaped(middle) if escape else middle))
        atoms.append((text[-1], _ESCAPES.get(text[-1], text[-1]) if escape else text[-1]))
    return atoms


def _fix_flanking(atoms: list[Atom]) -> None:
    """CommonMark ignores ``**`` between a letter outside and punctuation inside (``a**,**``):
    write that letter as a character reference, whose ``&`` and ``;`` are punctuation."""
    opening = True
    for i, (raw, _) in enumerate(atoms):
        if raw is not None:
            continue
        inner = i + 1 if opening else i - 1
        outer = i - 1 if opening else i + 1
        if 0 <= outer < len(atoms) and _is_punct(atoms[inner][0]) and _is_word(atoms[outer][0]):
            ch = atoms[outer][0]
            assert ch is not None
            atoms[outer] = (ch, f"&#{ord(ch)};")
        opening = not opening


def _neutralise_line_start(atoms: list[Atom]) -> None:
    """No block syntax: leading blanks as references, a leading ``#+-=`` or ``1.`` escaped."""
    i = 0
    while i < len(atoms) and atoms[i][0] in (" ", "\t"):
        ch = atoms[i][0]
        assert ch is not None
        atoms[i] = (ch, f"&#{ord(ch)};")
        i += 1
    if i < len(atoms) and atoms[i][0] in ("#", "+", "-", "="):
        atoms[i] = (atoms[i][0], "\\" + atoms[i][1])
        return
    start = i
    while i < len(atoms) and (atoms[i][0] or "x").isdigit():
        i += 1
    if start < i < len(atoms) and atoms[i][0] in (".", ")"):
        atoms[i] = (atoms[i][0], "\\" + atoms[i][1])


def _is_punct(ch: str | None) -> bool:
    return ch is not None and not ch.isalnum() and not ch.isspace()


def _is_word(ch: str | None) -> bool:
    return ch is not None and ch.isalnum()
