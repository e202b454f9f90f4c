"""``legcompare diff`` for a terminal, plus the presentation helpers the other reports share.

Guarantees of :func:`diff_terminal`:

* Readable in black and white: deleted text is ``[-…-]`` and inserted text ``{+…+}`` (wdiff and
  ``git diff --word-diff`` style); with colour they are also red and green, markers kept.
* The summary line (:func:`~legcompare.summary.headline`) comes right after the header, before
  any provision; then one block per pair, in the comparison's order.
* Nothing lost: without ``only_changed`` every pair is shown and each clause's text appears whole,
  indented by four spaces with its own line breaks: stripping the markers rebuilds the old text
  from equal and deleted segments and the new text from equal and inserted ones. A text that does
  not end in a line break is followed by ``\\ no line break at end``. A layout-only change (a
  deletion next to an insertion with the same comparison key: case, spacing, re-wrapping) shows
  the new text plainly, and the old form is listed on the pair's ``layout:`` line.
* Control and bidi-override characters never reach the terminal: they are shown as visible
  symbols (``␛``, ``<U+202E>``).
* Presentation only: counts come from :func:`~legcompare.summary.summarize`, nothing is re-diffed.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass

from ..model import ClausePair, Comparison, Edit, Op, Provenance, Reason, Status, Verdict
from ..normalize import key
from ..summary import changed, headline, not_shown, summarize
from .dates import report_date

MARKERS = {Status.MODIFIED: "~", Status.ADDED: "+", Status.REMOVED: "-", Status.UNPAIRED: "?",
           Status.UNCHANGED: "=", Status.SPLIT: "/", Status.MERGED: "\\"}
INDENT = "    "
NO_FINAL_BREAK = "  \\ no line break at end"
_RED, _GREEN, _DIM, _BOLD, _RESET = "\x1b[31m", "\x1b[32m", "\x1b[2m", "\x1b[1m", "\x1b[0m"
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


@dataclass(frozen=True)
class Piece:
    """A segment to show. A layout-only change is an ``equal`` piece whose ``was`` holds the
    old form (the new form is ``text``)."""

    op: Op
    text: str
    was: str | None = None


def pieces(edits: Sequence[Edit]) -> list[Piece]:
    """The edits as pieces, each adjacent deletion+insertion that differs only in layout folded
    into one equal piece. A presentation check on neighbours, not a new diff."""
    out: list[Piece] = []
    i = 0
    while i < len(edits):
        e = edits[i]
        nxt = edits[i + 1] if i + 1 < len(edits) else None
        if nxt is not None and {e.op, nxt.op} == {Op.DELETE, Op.INSERT}:
            old, new = (e, nxt) if e.op is Op.DELETE else (nxt, e)
            if same_layout(old.text, new.text):
                out.append(Piece(Op.EQUAL, new.text, was=old.text))
                i += 2
                continue
        out.append(Piece(e.op, e.text))
        i += 1
    return out


def same_layout(old: str, new: str) -> bool:
    """Equal comparison keys, and white space at the same ends (so "a " → "a" is not layout)."""
    return (key(old) == key(new) and old[:1].isspace() == new[:1].isspace()
            and old[-1:].isspace() == new[-1:].isspace())


def layout_only(shown: Sequence[Piece]) -> bool:
    """Every change of the pair is a layout-only change (and there is at least one)."""
    return (any(p.was is not None for p in shown)
            and all(p.op is Op.EQUAL for p in shown))


def layout_summary(shown: Sequence[Piece]) -> str | None:
    """The old forms of layout-only changes, in order, repeats counted:
    ``"\\n" → " " (×3), "SHALL" → "shall"``; ``None`` when there are none."""
    counts: dict[tuple[str, str], int] = {}
    for p in shown:
        if p.was is not None:
            counts[(p.was, p.text)] = counts.get((p.was, p.text), 0) + 1
    if not counts:
        return None
    return ", ".join(f"{_json(a)} → {_json(b)}" + (f" (×{n})" if n > 1 else "")
                     for (a, b), n in counts.items())


def visible(text: str) -> str:
    """``text`` with control characters (but line breaks and tabs) and bidi overrides replaced by
    visible symbols: C0 controls by their Unicode control pictures, the rest by ``<U+XXXX>``."""
    def sub(m: re.Match[str]) -> str:
        code = ord(m.group(0))
        return chr(0x2400 + code) if code < 0x20 else f"<U+{code:04X}>"
    return _UNSAFE.sub(sub, text)


def name(p: Provenance) -> str:
    """A document's name: its title, else its identifier."""
    return visible(p.title or p.document)


def describe(p: Provenance) -> str:
    """Name, version, version date and "as of" date, joined by " · "."""
    bits = [name(p)]
    if p.version:
        bits.append(f"version {visible(p.version)}")
    if p.version_date:
        bits.append(visible(report_date(p.version_date) or p.version_date))
    if p.as_of:
        bits.append(f"as of {visible(report_date(p.as_of) or p.as_of)}")
    return " · ".join(bits)


def cautions(c: Comparison) -> list[tuple[str, str]]:
    """(kind, text) lines every report prints: not in force, partial, license attribution."""
    out: list[tuple[str, str]] = []
    old, new = c.old.provenance, c.new.provenance
    for p in (old, new):
        who = name(p)
        if who == name(new if p is old else old) and p.version:
            who += f" (version {visible(p.version)})"  # say which of two same-named texts
        if p.in_force is False:
            out.append(("warning", f"{who} is not in force"))
        if p.partial:
            gap = "a provision with no counterpart in it is unpaired, not added or removed"
            out.append(("partial", f"{who} was not fully retrieved; {gap}"))
        if p.license:
            out.append(("license", f"{who}: {visible(p.license)}"))
    return list(dict.fromkeys(out))


def unpaired(c: Comparison) -> list[tuple[str, int]]:
    """For each side, when provisions of it are unpaired (the other text is partial, and their
    counterparts may sit in the part not retrieved), one sentence saying how many and why, and
    the number (from 1, in pair order) of the first of them. The lists of changes in protection
    give this line instead of one row per provision: a partial text can leave hundreds
    unpaired, all for the one reason (each is still shown with the provisions)."""
    out: list[tuple[str, int]] = []
    for present, partial in ((c.new, c.old), (c.old, c.new)):
        numbers = [i for i, p in enumerate(c.pairs, 1) if p.status is Status.UNPAIRED and
                   (p.new if present is c.new else p.old) is not None and not p.descriptive]
        if not numbers:
            continue
        one = len(numbers) == 1
        who, other = short_name(present.provenance), short_name(partial.provenance)
        if who == other:  # (two versions of one bill: say which is which, as cautions do)
            who, other = (f"{who} (version {visible(d.provenance.version)})"
                          if d.provenance.version else who for d in (present, partial))
        text = (f"{len(numbers)} provision{'' if one else 's'} of {who} "
                f"{'has' if one else 'have'} no counterpart in what was retrieved of {other}: "
                f"{'it is' if one else 'they are'} unpaired, not added or removed (what was not "
                f"retrieved may hold {'its' if one else 'theirs'}), and listed with the "
                "provisions.")
        out.append((text, numbers[0]))
    return out


def short_name(p: Provenance) -> str:
    """A law's name up to its first parenthesis or comma ("N.Y. A. 3712", "H.R. 4695", "Cal.
    Penal Code § 832.19")."""
    full = name(p)
    return re.split(r" \(|, ", full, maxsplit=1)[0] or full


JUDGED = (Verdict.WEAKER, Verdict.STRONGER, Verdict.MIXED, Verdict.UNCLEAR)
"""The verdicts the lists of changes in protection give."""


def listed(pair: ClausePair) -> bool:
    """Is the pair a row of the lists of changes in protection (the Markdown table, the HTML
    list): operative, judged one of :data:`JUDGED`, and not unpaired (:func:`unpaired` counts
    those in a line)?"""
    return pair.verdict in JUDGED and not pair.descriptive and pair.status is not Status.UNPAIRED


def citations(pair: ClausePair) -> str:
    """``old → new`` when the citations differ, else the one citation."""
    cites = [c.citation for c in (pair.old, pair.new) if c is not None]
    return visible(" → ".join(dict.fromkeys(cites)))


def locator(pair: ClausePair) -> str | None:
    """Page and line in the printed bill (``old → new`` when both are known and differ)."""
    locs = [c.locator for c in (pair.old, pair.new) if c is not None and c.locator]
    return visible(" → ".join(dict.fromkeys(locs))) if locs else None


def flags(pair: ClausePair, shown: Sequence[Piece]) -> list[str]:
    """The pair's status words and flags worth a reader's eye, in a fixed order."""
    out = [pair.status.value] if pair.status in (Status.SPLIT, Status.MERGED,
                                                  Status.UNPAIRED) else []
    if pair.moved:
        out.append("moved")
    if pair.renumbered:
        out.append(_renumbering(pair))
    if pair.group:
        out.append(f"group {visible(pair.group)}")
    if pair.descriptive:
        out.append("descriptive")
    if layout_only(shown):
        out.append("layout only")
    return out


def quoted(reason: Reason, width: int = 60) -> str:
    """The reason's words, ``"old" → "new"``, shortened to ``width`` characters a side."""
    def q(s: str) -> str:
        s = " ".join(s.split()) or s  # white space alone stays visible, escaped
        return _json(s if len(s) <= width else s[:width - 1] + "…")
    if reason.old is not None and reason.new is not None:
        return f"{q(reason.old)} → {q(reason.new)}"
    if reason.old is not None:
        return f"old: {q(reason.old)}"
    return f"new: {q(reason.new)}" if reason.new is not None else ""


def told_once(reasons: Sequence[Reason]) -> list[tuple[Reason, int]]:
    """The reasons as a report lists them: those that say the same of the same words once,
    with how many there are, in the order they first come (a formal rule explains each change
    it fits: A. 48-A's "BIOMETRIC IDENTIFIER{+ INFORMATION+}", three times in one provision, is
    one reason three times over). Each keeps its spans in the comparison itself."""
    first: dict[tuple[str, str, str, str], Reason] = {}
    count: dict[tuple[str, str, str, str], int] = {}
    for r in reasons:
        k = (r.rule, r.direction.value, r.explanation, quoted(r))
        first.setdefault(k, r)
        count[k] = count.get(k, 0) + 1
    return [(r, count[k]) for k, r in first.items()]


def times(n: int) -> str:
    """`` (×3)`` after a reason given three times (:func:`told_once`); nothing for one."""
    return f" (×{n})" if n > 1 else ""


def diff_terminal(comparison: Comparison, *, color: bool, only_changed: bool = False) -> str:
    """The diff as terminal text (see the module docstring for the guarantees)."""
    c = comparison
    lines = [f"old: {describe(c.old.provenance)}", f"new: {describe(c.new.provenance)}"]
    lines += [f"{kind}: {text}" for kind, text in cautions(c)]
    lines += [f"mode: {c.mode.value} · perspective: {c.perspective.value}", "",
              headline(summarize(c))]
    shown = [p for p in c.pairs if changed(p) or not only_changed]
    for pair in shown:
        lines += ["", *_block(pair, color)]
    omitted = not_shown(c.pairs, len(shown))
    tail = [f"note: {visible(n)}" for n in c.notes]
    if omitted:
        tail.insert(0, f"({omitted})")
    if tail:
        lines += ["", *tail]
    return "\n".join(lines) + "\n"


def _block(pair: ClausePair, color: bool) -> list[str]:
    shown = pieces(pair.edits)
    head = [f"{MARKERS[pair.status]} {citations(pair)}"]
    if pair.verdict is not Verdict.NEUTRAL:
        word = pair.verdict.value.upper()
        tint = {Verdict.WEAKER: _RED, Verdict.STRONGER: _GREEN}.get(pair.verdict, "")
        head.append(f"{_BOLD}{tint}{word}{_RESET}" if color else word)
    marks = flags(pair, shown)
    if marks:
        head.append(", ".join(marks))
    loc = locator(pair)
    if loc:
        head.append(f"[{loc}]")
    out = ["  ".join(head), *_text(pair, shown, color)]
    out += [_because(r) + times(n) for r, n in told_once(pair.reasons)]
    summary = layout_summary(shown)
    if summary:
        out.append(f"  layout: {summary}")
    out += [f"  note: {visible(n)}" for n in pair.notes]
    return out


def _text(pair: ClausePair, shown: Sequence[Piece], color: bool) -> list[str]:
    """The clause text, marked, as indented lines (colour restarted on each line)."""
    one_sided = pair.old is None or pair.new is None
    base = _DIM if pair.status is Status.UNCHANGED else ""
    chunks: list[tuple[str, str]] = []
    for p in shown:
        if p.op is Op.EQUAL:
            chunks.append((base, p.text))
        else:
            style, opener, closer = ((_RED, "[-", "-]") if p.op is Op.DELETE
                                     else (_GREEN, "{+", "+}"))
            if one_sided:  # the whole text is one side: mark line by line
                parts = p.text.split("\n")
                for i, part in enumerate(parts):
                    chunks.append((style, f"{opener}{part}{closer}" if part else ""))
                    chunks.append(("", "\n" if i < len(parts) - 1 else ""))
            else:
                chunks.append((style, f"{opener}{p.text}{closer}"))
    return _lay_out(chunks, color)


def _lay_out(chunks: Sequence[tuple[str, str]], color: bool) -> list[str]:
    """Indented lines; a last line without a line break is followed by :data:`NO_FINAL_BREAK`."""
    lines: list[str] = []
    line: list[tuple[str, str]] = []
    for style, text in chunks:
        for i, part in enumerate(text.split("\n")):
            if i:
                lines.append(_line(line, color))
                line = []
            if part and line and line[-1][0] == style:
                line[-1] = (style, line[-1][1] + part)
            elif part:
                line.append((style, part))
    if line:
        lines += [_line(line, color), NO_FINAL_BREAK]
    return lines


def _line(parts: Sequence[tuple[str, str]], color: bool) -> str:
    return INDENT + "".join(f"{style}{visible(text)}{_RESET}" if color and style
                            else visible(text) for style, text in parts)


def _because(reason: Reason) -> str:
    words = quoted(reason)
    return f"  because: {visible(reason.explanation)}" + (f" ({visible(words)})" if words else "")


def _renumbering(pair: ClausePair) -> str:
    if pair.old is None or pair.new is None:
        return "renumbered"
    a, b = ((pair.old.id, pair.new.id) if pair.old.id != pair.new.id
            else (" ".join(pair.old.label.split()), " ".join(pair.new.label.split())))
    return f"renumbered ({visible(a)} → {visible(b)})"


def _json(s: str) -> str:
    return json.dumps(s, ensure_ascii=False)
