"""Amendment markup printed in plain text: New York's capitals and brackets, Virginia's brackets.

Stage guarantees (``read_conventions``, run by :func:`~legcompare.ingest.text.parse_text` on the
display text once print furniture is out):

* New York prints are read only when the print carries its legend ("EXPLANATION--Matter in
  ITALICS (underscored) is new; matter in brackets [ ] is old law to be omitted.", which the
  layout stage takes out as an ``explanation`` note), and only after the enacting clause ("THE
  PEOPLE OF THE STATE OF NEW YORK ... DO ENACT AS FOLLOWS:"): the heading, sponsors and title
  are set in capitals by convention, not as new matter.
* ``[...]`` in the body is struck (the brackets themselves are furniture: ``markup`` notes at
  their place). A run of two or more words in capitals is inserted; the run may hold numbers,
  section signs and one-letter words, and begins and ends with a word that has a capital
  letter (a new section's number, ``§ 50-B.`` or ``§ 236.`` opening a line, is part of it). A single
  capitalised word is inserted when it stands next to struck matter (``[may] SHALL``); alone it
  could be an acronym of existing law (``HIV``), so it is ``unclear`` and stays in both sides.
* What a New York print's markup is relative to is current law, for every print: a reprint (A,
  B, C ...) marks changes to the law, not to the previous print.
* Virginia bills (``us-va``, or "General Assembly of Virginia" in the text) print House or
  Senate amendments in ``[ ... ]`` whose direction only typography showed: each is ``unclear``,
  its text (brackets included) kept in the display text, never guessed.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import replace

from ..markup import (
    BEFORE_CURRENT_LAW,
    BEFORE_UNSTATED,
    Tags,
    has_sentinels,
    moved,
    resolve_document,
)
from ..model import Document, MarkKind, Note, NoteKind

__all__ = ["read_conventions"]

_LEGEND = ("EXPLANATION--Matter in ITALICS (underscored) is new; matter in brackets",
           "[ ] is old law to be omitted.")
_ENACTING = re.compile(r"THE\s+PEOPLE\s+OF\s+THE\s+STATE\s+OF\s+NEW\s+YORK,\s+REPRESENTED\s+IN\s+"
                       r"SENATE\s+AND\s+ASSEM-?\s*BLY,\s+DO\s+ENACT\s+AS\s+FOLLOWS:")
_NY_BRACKETS = re.compile(r"\[([^\[\]]*)\]")
_VA_BRACKETS = re.compile(r"\[\s[^\[\]]*?\s\]")
_TOKEN = re.compile(r"\S+")

Insertion = tuple[int, str]  # (offset in the display text, sentinel character)


def read_conventions(document: Document) -> Document:
    """``document`` with the amendment markup its print convention shows (see the module
    docstring); unchanged when it follows none, or holds the characters marks are tagged with."""
    if has_sentinels(document.text):
        return document
    if _has_legend(document):
        return _new_york(document)
    if document.provenance.jurisdiction == "us-va" or \
            "General Assembly of Virginia" in document.text[:5000]:
        return _virginia(document)
    return document


def _has_legend(document: Document) -> bool:
    said = " ".join(n.text.strip() for n in document.notes if n.kind is NoteKind.EXPLANATION)
    return all(part in said for part in _LEGEND)


# --- New York ----------------------------------------------------------------------------------


def _new_york(document: Document) -> Document:
    text = document.text
    enacting = _ENACTING.search(text)
    if enacting is None:
        note = Note(NoteKind.MARKUP, "New York print without its enacting clause: capitals and "
                    "brackets not read as amendment markup", None)
        return replace(document, provenance=replace(
            document.provenance, notes=(*document.provenance.notes, note)))
    body = enacting.end()
    tags = Tags()
    inserts: list[Insertion] = []
    brackets = [m for m in _NY_BRACKETS.finditer(text, body) if m.group(1).strip()]
    for m in brackets:
        inserts += [(m.start(), tags.open(None, "ny:brackets")), (m.start() + 1, tags.close()),
                    (m.start() + 1, tags.open(MarkKind.STRUCK, "ny:brackets")),
                    (m.end() - 1, tags.close()),
                    (m.end() - 1, tags.open(None, "ny:brackets")), (m.end(), tags.close())]
    for start, end, kind in _capital_runs(text, body, brackets):
        inserts += [(start, tags.open(kind, "ny:capitals")), (end, tags.close())]
    return _tagged(document, inserts, tags, BEFORE_CURRENT_LAW)


def _capital_runs(text: str, body: int, brackets: list[re.Match[str]]
                  ) -> list[tuple[int, int, MarkKind]]:
    """Runs of capitalised words in the body outside brackets: (start, end, kind)."""
    inside = [(m.start(), m.end()) for m in brackets]
    runs: list[tuple[int, int, int]] = []  # start, end, capitalised words
    run: list[tuple[int, int, str]] = []
    b = 0

    def close() -> None:
        while run and run[-1][2] == "neutral":
            run.pop()
        first = next((i for i, t in enumerate(run) if t[2] != "neutral"), len(run))
        first -= _section_number(text, run[:first])
        words = sum(1 for t in run if t[2] == "upper")
        if words:
            runs.append((run[first][0], run[-1][1], words))
        run.clear()

    for m in _TOKEN.finditer(text, body):
        while b < len(inside) and inside[b][1] <= m.start():
            b += 1
            close()  # a bracket ends a run
        if b < len(inside) and inside[b][0] < m.end():
            continue  # inside (or touching) a bracket
        word = _word_class(m.group())
        if word == "lower":
            close()
        else:
            run.append((m.start(), m.end(), word))
    close()
    edges = {e for span in inside for e in span}
    out = []
    for start, end, words in runs:
        near = _touches(text, start, end, edges)
        kind = MarkKind.INSERTED if words >= 2 or near else MarkKind.UNCLEAR
        out.append((start, end, kind))
    return out


def _section_number(text: str, lead: list[tuple[int, int, str]]) -> int:
    """How many of the tokens before a run's first word are the new section's number: ``§``
    before ``50-B.``, or ``§ 236.`` opening a line."""
    signs = ("§", "§§")
    if lead and text[lead[-1][0]:lead[-1][1]] in signs:
        return 1
    if len(lead) >= 2 and text[lead[-2][0]:lead[-2][1]] in signs and \
            not text[text.rfind("\n", 0, lead[-2][0]) + 1:lead[-2][0]].strip():
        return 2
    return 0


def _word_class(token: str) -> str:
    """``lower`` (a lower-case letter), ``upper`` (two or more letters, all capitals),
    ``capital`` (one capital letter: ``50-B.``, ``A``), else ``neutral`` (``§``, ``2.``)."""
    letters = [c for c in token if c.isalpha()]
    if any(c.islower() for c in letters):
        return "lower"
    return "upper" if len(letters) >= 2 else "capital" if letters else "neutral"


def _touches(text: str, start: int, end: int, edges: set[int]) -> bool:
    """Whether only spaces separate ``text[start:end]`` from a bracket."""
    before = start
    while before > 0 and text[before - 1] in " \t":
        before -= 1
    after = end
    while after < len(text) and text[after] in " \t":
        after += 1
    return before in edges or after in edges


# --- Virginia -----------------------------------------------------------------------------------


def _virginia(document: Document) -> Document:
    tags = Tags()
    inserts: list[Insertion] = []
    for m in _VA_BRACKETS.finditer(document.text):
        inserts += [(m.start(), tags.open(MarkKind.UNCLEAR, "va:brackets")),
                    (m.end(), tags.close())]
    return _tagged(document, inserts, tags, BEFORE_UNSTATED)


# --- tagging a plain text ----------------------------------------------------------------------


def _tagged(document: Document, inserts: list[Insertion], tags: Tags, before: str) -> Document:
    """Write the sentinels into the text at their offsets (closings before openings at one
    offset, else in the order given), move notes and lines along (a note at an offset stays
    before what is written there), and resolve."""
    if not inserts:
        return document
    close = tags.close()
    order = sorted(range(len(inserts)), key=lambda i: (inserts[i][0], inserts[i][1] != close, i))
    ordinal = {i: n for n, i in enumerate(i for i, (_, ch) in enumerate(inserts) if ch != close)}
    pieces, pos, offsets = [], 0, []
    for i in order:
        at, ch = inserts[i]
        pieces += [document.text[pos:at], ch]
        offsets.append(at)
        pos = at
    pieces.append(document.text[pos:])
    sources = [tags.sources[ordinal[i]] for i in order if i in ordinal]
    notes, lines = moved(document.notes, document.lines,
                         lambda q: q + bisect_left(offsets, q))
    tagged = replace(document, text="".join(pieces), notes=notes, lines=lines)
    return resolve_document(tagged, sources, before)
