"""A document's own amendment markup: struck and inserted text, and the two sides it marks.

Readers (HTML, USLM, bill DTD, Word, New York and Virginia plain text) tag the text they write
with :class:`Tags` and turn it into a display text with :func:`resolve`. Its guarantees:

* The display text is the document as it will read: struck matter, and the furniture of its
  marks (NY's ``[`` and ``]``, a Ramseyer print's ``【`` and ``】``), are taken out; inserted and
  unclear matter stays in, each covered by a :class:`~legcompare.model.Mark`.
* Nothing is lost: each struck piece is a ``STRUCK`` mark at the zero-width place it was struck
  from *and* a ``markup`` note with the same text at the same place, so every output that lists
  notes accounts for it; furniture is a ``markup`` note at its place.
* Struck matter takes the space that separated it (``January 1, 2034. 2027.`` reads ``January
  1, 2027.``), and a struck line its line break: no doubled spaces or empty lines are left.
* Nested markup: the innermost mark decides. Empty marks are dropped, except a struck mark whose
  source ends in ``:not-printed`` (the document strikes matter it does not print).
* :attr:`Resolved.at` maps positions of the tagged text to display positions (monotone; a
  position inside removed text maps to the place it was removed from).

:func:`side` makes ``DOC@before`` and ``DOC@after``; :func:`parse_side` reads that suffix.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from .model import Document, LineMark, Mark, MarkKind, Note, NoteKind, Provenance

__all__ = [
    "BEFORE_COMMITTEE",
    "BEFORE_CURRENT_LAW",
    "BEFORE_PREVIOUS_PRINT",
    "BEFORE_TRACKED",
    "BEFORE_UNSTATED",
    "NOT_PRINTED",
    "SIDES",
    "Resolved",
    "Tags",
    "merge_notes",
    "moved",
    "parse_side",
    "resolve",
    "resolve_document",
    "side",
    "unread",
]

BEFORE_CURRENT_LAW = "current law"
BEFORE_PREVIOUS_PRINT = "the previous print"
BEFORE_COMMITTEE = "the bill before committee amendment"
BEFORE_TRACKED = "the document before its tracked changes"
BEFORE_UNSTATED = "not stated by the document"
SIDES = ("before", "after")
NOT_PRINTED = ":not-printed"
_GAP = "[... struck matter not printed in this document ...]"

_OPEN = {MarkKind.STRUCK: "\ufdd0", MarkKind.INSERTED: "\ufdd1", MarkKind.UNCLEAR: "\ufdd2"}
_KIND = {v: k for k, v in _OPEN.items()}
_FURNITURE = "\ufdd3"
_CLOSE = "\ufdd4"
SENTINELS = "".join(_OPEN.values()) + _FURNITURE + _CLOSE
"""Noncharacters a reader writes into its text to open and close marks; an input that holds any
of them is not read for markup (see :func:`has_sentinels`)."""
_SENTINEL = re.compile(f"[{SENTINELS}]")
# Brackets a convention prints around struck matter: furniture, not text.
_BRACKETS = {"uslm:deletedText": ("【", "】")}


class Tags:
    """Marks opened and closed while a reader writes its text: a sentinel character in the text
    for each, the source of each opening kept here, in order."""

    def __init__(self) -> None:
        self.sources: list[str] = []

    def open(self, kind: MarkKind | None, source: str) -> str:
        """The character that opens a mark (``None``: furniture, dropped from both sides)."""
        self.sources.append(source)
        return _OPEN[kind] if kind is not None else _FURNITURE

    @staticmethod
    def close() -> str:
        """The character that closes the innermost open mark."""
        return _CLOSE


def has_sentinels(text: str) -> bool:
    """Whether ``text`` holds a character :class:`Tags` uses (such input is read unmarked)."""
    # five searches for one character: 15 times faster than one for a class of five
    return any(c in text for c in SENTINELS)


def unread(provenance: Provenance) -> Provenance:
    """The provenance of a document whose markup was not read (see :func:`has_sentinels`)."""
    note = Note(NoteKind.MARKUP, "amendment markup not read: the input holds the characters "
                "used to tag it; struck and inserted text are both in the display text", None)
    return replace(provenance, notes=(*provenance.notes, note))


class _Removals:
    """A monotone map of positions over a text from which ranges were removed."""

    def __init__(self, ranges: Sequence[tuple[int, int]]) -> None:
        self.starts: list[int] = []
        self.ends: list[int] = []
        self.before: list[int] = []  # characters removed before each range
        total = 0
        for start, end in ranges:
            if end <= start:
                continue
            if self.ends and start <= self.ends[-1]:
                total += max(end, self.ends[-1]) - self.ends[-1]
                self.ends[-1] = max(end, self.ends[-1])
                continue
            self.starts.append(start)
            self.ends.append(end)
            self.before.append(total)
            total += end - start

    def __call__(self, p: int) -> int:
        i = bisect_right(self.starts, p) - 1
        if i < 0:
            return p
        if p < self.ends[i]:
            return self.starts[i] - self.before[i]
        return p - self.before[i] - (self.ends[i] - self.starts[i])


@dataclass
class _Acc:
    """A mark under construction (display offsets; struck text collected)."""

    kind: MarkKind
    source: str
    start: int
    end: int
    text: str = ""


@dataclass(frozen=True)
class Resolved:
    """A tagged text resolved: the display text, its marks and notes, and the position map."""

    text: str
    marks: tuple[Mark, ...]
    notes: tuple[Note, ...]
    at: Callable[[int], int] = field(compare=False)


def resolve(tagged: str, sources: Sequence[str]) -> Resolved:
    """The display text, marks and notes of a text tagged with :class:`Tags` (see the module
    docstring for the guarantees)."""
    reader = _Reader(sources)
    pos = 0
    for m in _SENTINEL.finditer(tagged):
        reader.chunk(tagged[pos:m.start()], pos)
        reader.sentinel(m.group(), m.start())
        pos = m.end()
    reader.chunk(tagged[pos:], pos)
    return reader.finish()


class _Reader:
    """The state of :func:`resolve`: the display text so far and the marks open."""

    def __init__(self, sources: Sequence[str]) -> None:
        self.sources = sources
        self.out: list[str] = []
        self.length = 0
        self.removed: list[tuple[int, int]] = []
        self.stack: list[tuple[MarkKind | None, int]] = []
        self.opened = 0
        self.accs: list[_Acc] = []
        self.current: dict[int, _Acc] = {}
        self.events: list[tuple[int, str | _Acc]] = []  # notes in source order

    def source(self, ident: int) -> str:
        return self.sources[ident] if ident < len(self.sources) else ""

    def sentinel(self, ch: str, at: int) -> None:
        self.removed.append((at, at + 1))
        if ch == _CLOSE:
            if self.stack:
                self.stack.pop()
            return
        kind = _KIND.get(ch)
        self.stack.append((kind, self.opened))
        if kind is MarkKind.STRUCK and self.source(self.opened).endswith(NOT_PRINTED):
            self._new(kind, self.opened)
        self.opened += 1

    def _new(self, kind: MarkKind, ident: int) -> _Acc:
        acc = self.current[ident] = _Acc(kind, self.source(ident), self.length, self.length)
        self.accs.append(acc)
        if kind is MarkKind.STRUCK:
            self.events.append((self.length, acc))
        return acc

    def chunk(self, chunk: str, at: int) -> None:
        if not chunk:
            return
        if not self.stack:
            self.out.append(chunk)
            self.length += len(chunk)
            return
        kind, ident = self.stack[-1]
        if kind is None:
            self.removed.append((at, at + len(chunk)))
            self.events.append((self.length, chunk))
            return
        acc = self.current.get(ident)
        if acc is None or acc is not self.accs[-1] or acc.end != self.length:
            acc = self._new(kind, ident)
        if kind is MarkKind.STRUCK:
            self.removed.append((at, at + len(chunk)))
            acc.text += chunk
        else:
            self.out.append(chunk)
            self.length += len(chunk)
            acc.end = self.length

    def finish(self) -> Resolved:
        display = "".join(self.out)
        first = _Removals(self.removed)
        furniture = {id(a): _brackets(a) for a in self.accs if a.kind is MarkKind.STRUCK}
        second = _Removals(sorted(_absorb(display, self.accs)))
        text = _cut(display, second)
        marks = tuple(_filled(m, text) for m in _marks(self.accs, second))
        notes: list[Note] = []
        for pos, what in self.events:
            at = (second(pos), second(pos))
            if isinstance(what, str):
                notes.append(Note(NoteKind.MARKUP, what, at))
            elif what.text:
                lead, trail = furniture[id(what)]
                notes += [Note(NoteKind.MARKUP, t, at) for t in (lead, what.text, trail) if t]
        return Resolved(text, marks, tuple(notes), lambda p: second(first(p)))


def _brackets(acc: _Acc) -> tuple[str, str]:
    """Take a convention's brackets off struck text: ``【old】`` → ``old`` (spaces kept)."""
    pair = _BRACKETS.get(acc.source)
    if pair is None:
        return "", ""
    body = acc.text.strip()
    if len(body) < 2 or not (body.startswith(pair[0]) and body.endswith(pair[1])):
        return "", ""
    i, j = acc.text.index(pair[0]), acc.text.rindex(pair[1])
    acc.text = acc.text[:i] + acc.text[i + 1:j] + acc.text[j + 1:]
    return pair


def _absorb(display: str, accs: list[_Acc]) -> list[tuple[int, int]]:
    """Struck matter takes the space (or, struck whole, the line break) that set it apart."""
    free = 0  # display offsets before this are taken (marks come in display order)
    cut: list[tuple[int, int]] = []
    for acc in accs:
        if acc.kind is not MarkKind.STRUCK or not acc.text.strip():
            continue
        p = acc.start
        prev = display[p - 1] if p > 0 else "\n"
        nxt = display[p] if p < len(display) else ""
        line = display.rfind("\n", 0, p) + 1
        indent = display[line:p]
        if not indent.strip(" \t") and nxt == "\n" and line >= free:
            cut.append((line, p + 1))  # a whole line: its indent and line break go too
            acc.text = indent + acc.text + "\n"
        elif prev in " \n" and nxt == " " and p >= free:
            cut.append((p, p + 1))
            acc.text += " "
        elif prev == " " and nxt in ("\n", "") and p - 1 >= free:
            cut.append((p - 1, p))
            acc.text = " " + acc.text
        else:
            continue
        free = cut[-1][1]
    return cut


def _cut(text: str, removals: _Removals) -> str:
    pieces, pos = [], 0
    for start, end in zip(removals.starts, removals.ends, strict=True):
        pieces.append(text[pos:start])
        pos = end
    pieces.append(text[pos:])
    return "".join(pieces)


def _marks(accs: list[_Acc], at: _Removals) -> tuple[Mark, ...]:
    """The marks in display offsets; contiguous pieces of one kind and source are one mark."""
    marks: list[Mark] = []
    for acc in accs:
        if acc.kind is MarkKind.STRUCK:
            if acc.text or acc.source.endswith(NOT_PRINTED):
                p = at(acc.start)
                marks.append(Mark(acc.kind, (p, p), acc.text, acc.source))
            continue
        span = (at(acc.start), at(acc.end))
        if span[0] == span[1]:
            continue
        last = marks[-1] if marks else None
        if last is not None and (last.kind, last.source, last.span[1]) == (
                acc.kind, acc.source, span[0]):
            marks[-1] = replace(last, span=(last.span[0], span[1]))
        else:
            marks.append(Mark(acc.kind, span, "", acc.source))
    return tuple(marks)


def merge_notes(first: Sequence[Note], second: Sequence[Note]) -> tuple[Note, ...]:
    """Both lists of notes in position order (document-wide notes first; ``first`` before
    ``second`` at one position)."""
    return tuple(sorted([*first, *second], key=lambda n: -1 if n.span is None else n.span[0]))


def _moved(note: Note, at: Callable[[int], int]) -> Note:
    return note if note.span is None else replace(note, span=(at(note.span[0]),
                                                              at(note.span[1])))


def moved(notes: Sequence[Note], lines: Sequence[LineMark], at: Callable[[int], int]
          ) -> tuple[tuple[Note, ...], tuple[LineMark, ...]]:
    """Notes and line marks with their offsets mapped by ``at`` (a :attr:`Resolved.at`)."""
    return (tuple(_moved(n, at) for n in notes),
            tuple(replace(m, offset=at(m.offset)) for m in lines))


def resolve_document(document: Document, sources: Sequence[str], before: str) -> Document:
    """``document`` (read from tagged text, so its notes and lines are in tagged offsets) with
    its text resolved: marks set, notes and lines moved; ``before`` set when anything is marked.
    """
    res = resolve(document.text, sources)
    notes, lines = moved(document.notes, document.lines, res.at)
    return replace(document, text=res.text, notes=merge_notes(notes, res.notes), lines=lines,
                   marks=res.marks, before=before if res.marks else None)


def _filled(mark: Mark, text: str) -> Mark:
    """Inserted and unclear marks carry the text they cover (struck ones carry theirs)."""
    if mark.kind is MarkKind.STRUCK:
        return mark
    return replace(mark, text=text[mark.span[0]:mark.span[1]])


# --- DOC@before and DOC@after -----------------------------------------------------------------


def parse_side(arg: str) -> tuple[str, str | None]:
    """``("bill.html", "before")`` for ``bill.html@before`` when ``bill.html`` is a file (and
    ``bill.html@before`` is not); otherwise ``(arg, None)``."""
    base, at, which = arg.rpartition("@")
    if at and base and which in SIDES and not Path(arg).exists() and Path(base).is_file():
        return base, which
    return arg, None


def side(document: Document, which: str) -> Document:
    """One side of a document's amendment markup, as a document with no marks.

    ``after`` is the document as it will read (its display text, clause tree kept); ``before``
    is the text before its marked changes: struck matter put back, inserted matter taken out
    (kept as ``markup`` notes at their place), notes and line marks moved with the text, and no
    clause tree (the splitter reads the before text). Struck matter the document does not print
    becomes a ``gap`` note and makes the before side partial. Either way the provenance version
    gets ``@before``/``@after`` and a ``markup`` note says what the before text is.
    """
    if which not in SIDES:
        raise ValueError(f"a side is 'before' or 'after', not {which!r}")
    p = document.provenance
    if which == "after":
        said = (f"after: the document as it will read; its marked changes are relative to "
                f"{document.before}" if document.before else
                "after: the document marks no changes; this is its text")
        provenance = replace(p, version=f"{p.version or ''}@after",
                             notes=(*p.notes, Note(NoteKind.MARKUP, said, None)))
        return replace(document, provenance=provenance, marks=(), before=None)
    text, notes, lines, partial = _before(document)
    said = (f"before: {document.before}, as the document marks it (struck matter put back, "
            "inserted matter taken out)" if document.before else
            "before: the document marks no changes; this is its text")
    provenance = replace(p, version=f"{p.version or ''}@before", partial=p.partial or partial,
                         notes=(*p.notes, Note(NoteKind.MARKUP, said, None)))
    return replace(document, text=text, notes=notes, lines=lines, structure=None,
                   provenance=provenance, marks=(), before=None)


class _Before:
    """The before text under construction, with the map from after offsets to before offsets."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.out: list[str] = []
        self.length = 0
        self.anchors: list[int] = []
        self.targets: list[tuple[int, bool]] = []  # before offset; copied (else constant)
        self.notes: list[Note] = []

    def anchor(self, a: int, copied: bool) -> None:
        self.anchors.append(a)
        self.targets.append((self.length, copied))

    def put(self, s: str) -> None:
        if s:
            self.out.append(s)
            self.length += len(s)

    def copy(self, a: int, b: int) -> None:
        if b > a:
            self.anchor(a, True)
            self.put(self.text[a:b])

    def last(self) -> str:
        return self.out[-1][-1] if self.out else "\n"

    def indent(self) -> str | None:
        """The current line so far, if it is only spaces and tabs."""
        tail = ""
        for piece in reversed(self.out):
            _, newline, last = piece.rpartition("\n")
            tail = last + tail
            if tail.strip(" \t"):
                return None
            if newline:
                break
        return tail

    def unput(self, n: int) -> None:
        """Take back the last ``n`` characters written (they join what is removed)."""
        while n:
            take = min(n, len(self.out[-1]))
            self.out[-1] = self.out[-1][:len(self.out[-1]) - take]
            if not self.out[-1]:
                self.out.pop()
            self.length -= take
            n -= take

    def remove(self, s: int, e: int) -> int:
        """Take out inserted ``text[s:e]`` (and the space or line break that set it apart);
        it becomes a note. Returns where the after text resumes."""
        removed, nxt = self.text[s:e], self.text[e:e + 1]
        lead = self.indent()
        if lead is not None and nxt == "\n" and removed.strip():
            removed, e = removed + "\n", e + 1  # a whole line: its indent and line break go too
        elif self.last() in " \n" and nxt == " ":
            removed, e, lead = removed + " ", e + 1, ""
        else:
            lead = " " if self.last() == " " and nxt in ("\n", "") else ""
        self.unput(len(lead))
        self.anchor(s, False)
        self.notes.append(Note(NoteKind.MARKUP, lead + removed, (self.length, self.length)))
        self.anchor(e, True)
        return e

    def at(self, q: int) -> int:
        i = bisect_right(self.anchors, q) - 1
        while i > 0 and self.anchors[i - 1] == q:
            i -= 1
        if i < 0:
            return q
        b, copied = self.targets[i]
        return b + (q - self.anchors[i]) if copied else b


def _before(document: Document) -> tuple[str, tuple[Note, ...], tuple[LineMark, ...], bool]:
    b = _Before(document.text)
    pos, partial = 0, False
    dropped: list[tuple[tuple[int, int], str]] = []
    for mark in sorted(document.marks, key=lambda m: (m.span[0], m.kind is not MarkKind.STRUCK)):
        s, e = mark.span
        if s < pos or mark.kind is MarkKind.UNCLEAR:
            continue
        b.copy(pos, s)
        pos = s
        if mark.kind is MarkKind.INSERTED:
            pos = b.remove(s, e)
        elif mark.source.endswith(NOT_PRINTED):
            b.notes.append(Note(NoteKind.GAP, _GAP, (b.length, b.length)))
            partial = True
        else:
            b.anchor(s, False)
            b.put(mark.text)
            b.anchor(s, True)
            dropped.append((mark.span, mark.text))
    b.copy(pos, len(document.text))
    kept = list(document.notes)
    for span, text in dropped:  # the struck matter's notes: it is text again
        i = next((i for i, n in enumerate(kept) if n is not None and n.kind is NoteKind.MARKUP
                  and n.span == span and n.text == text), None)
        if i is not None:
            del kept[i]
    notes = merge_notes([_moved(n, b.at) for n in kept], b.notes)
    lines = tuple(replace(m, offset=b.at(m.offset)) for m in document.lines)
    return "".join(b.out), notes, lines, partial
