"""PDF: the printed text read by position, print furniture out, drawn amendment markup in.

Stage guarantees (``read_pdf``):

* The PDF is parsed by pdfplumber in a child process bounded in time and memory
  (:mod:`.sandbox`, :class:`~.sandbox.Limits`); a PDF that is not one, is encrypted or broken,
  or passes a limit is refused with one line.
* Lines: words whose bottoms lie within 40% of their font size form a line, read left to right.
  In fixed-pitch type (every run of two or more characters has one character width) spacing is
  rebuilt by column, indentation measured from the leftmost text of the document, so a print
  that justifies with double spaces reads as it prints; in other type, words are joined by one
  space. A gap of more than 1.6 line pitches between two lines is an empty line.
* Margin line numbers are found by position: numbers of one to three digits that begin lines
  and end at least 2 points left of where the page's text begins, when a page has three or
  more of them, rising (or fewer: standing where other pages' stand, or two or more numbering
  every line of their page 1, 2 ...). They are removed, kept as ``line-numbers`` notes, and
  become locators (:class:`~legcompare.model.LineMark`: the PDF page, the number as line).
* Running headers and footers are found by position: a line in the top or bottom 12% of a page
  (and not numbered) whose text, digits masked, recurs within 4 points of the same height on
  another page, or that is only a page number (``2``, ``- 2 -``, ``Page 2 of 5``). They are
  removed as ``page-header`` notes at the page's start or end; rotated text (stamps, margin
  notes) is a ``page-header`` note at its page's start.
* The rest goes through the plain-text stages (:mod:`.layout`, :mod:`.markup_text`), as a
  ``.txt`` file would; hyphens printed at line ends stay in the display text as printed (the
  comparison key joins the word: :mod:`legcompare.normalize`, rule 5).
* Strike-through and underline drawn as rules (:mod:`.pdf_extract` says which) become
  ``STRUCK`` (``pdf:strike``) and ``INSERTED`` (``pdf:underline``) marks
  (:mod:`legcompare.markup`): struck matter leaves the display text, underlined stays in it.
  When no rule decorates any character, a ``markup`` note says that amendment markup was not
  available from this PDF (changes shown only by typeface or colour are not read).
"""

from __future__ import annotations

import hashlib
import itertools
import re
from bisect import bisect_right
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from typing import Any

from ..markup import (
    BEFORE_CURRENT_LAW,
    BEFORE_PREVIOUS_PRINT,
    BEFORE_UNSTATED,
    Tags,
    has_sentinels,
    merge_notes,
    resolve_document,
)
from ..model import Document, LineMark, MarkKind, Note, NoteKind, Provenance
from .layout import Layout, strip_furniture
from .markup_text import read_conventions
from .sandbox import Limits, run
from .xml import fill

__all__ = ["PDF_TYPE", "Limits", "PdfPage", "lay_out", "read_pdf"]

PDF_TYPE = "application/pdf"
_ZONE = 0.12  # the top and bottom share of a page where running heads are looked for
_SAME_HEIGHT = 4.0
_GUTTER_GAP = 2.0
_NUMBER = re.compile(r"\d{1,3}")
_PAGE_NUMBER = re.compile(r"(?:page )?#(?: of #)?|[-–—] ?# ?[-–—]|#")
_DECORATION = {"s": (MarkKind.STRUCK, "pdf:strike"), "u": (MarkKind.INSERTED, "pdf:underline")}
_NOT_AVAILABLE = ("no strike-through or underline is drawn in this PDF: amendment markup "
                  "shown only by typeface or colour (italics, red) is not read")
_BEFORE = ((re.compile(r"\bAmended\s+IN\s+(?:Assembly|Senate)\b"), BEFORE_PREVIOUS_PRINT),
           (re.compile(r"EXPLANATION--Matter in ITALICS|The people of the State of California "
                       r"do enact as follows", re.I), BEFORE_CURRENT_LAW))


@dataclass(frozen=True)
class _Run:
    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    pitch: float
    deco: str


_Word = tuple[_Run, ...]


@dataclass(eq=False)
class _Line:
    words: list[_Word]
    bottom: float
    top: float
    size: float
    number: int | None = None  # the margin line number, once found
    furniture: bool = False

    @property
    def text(self) -> str:
        return " ".join("".join(r.text for r in w) for w in self.words)


@dataclass
class PdfPage:
    """One page as the worker saw it, its words grouped into lines."""

    width: float
    height: float
    lines: list[_Line]
    rotated: list[str]


def read_pdf(data: bytes, provenance: Provenance, *, limits: Limits | None = None,
             where: str | None = None) -> Document:
    """A PDF document (see the module docstring for the guarantees)."""
    raw = run("pdf", data, limits=limits, what="the PDF", where=where)
    pages = [_page(p) for p in raw["pages"]]
    tagged, notes, marks, tags = lay_out(pages, read_marks=True)
    provenance = fill(replace(provenance, sha256=hashlib.sha256(data).hexdigest()),
                      title=raw.get("title") or None, fmt="pdf", content_type=PDF_TYPE)
    said: list[Note] = []
    if not any(page.lines for page in pages):
        said.append(Note(NoteKind.DECODING, "the PDF has no text to read (a scanned image?); "
                         "legcompare does not recognise text in images", None))
    elif not raw["decorated"]:
        said.append(Note(NoteKind.MARKUP, _NOT_AVAILABLE, None))
    elif tags is None:
        said.append(Note(NoteKind.MARKUP, "strike-through and underline not read: the text holds "
                         "the characters used to tag them", None))
    document = _through_text_stages(tagged, provenance, notes, marks)
    if tags is not None and tags.sources:
        document = resolve_document(document, tags.sources, _before(document))
    if said:
        document = replace(document, provenance=replace(
            document.provenance, notes=(*document.provenance.notes, *said)))
    return document


def _page(raw: dict[str, Any]) -> PdfPage:
    words = [tuple(_Run(*run) for run in word) for word in raw["words"] if word]
    return PdfPage(float(raw["width"]), float(raw["height"]), _lines(words),
                   [str(t) for t in raw["rotated"]])


def _lines(words: list[_Word]) -> list[_Line]:
    """Words grouped into lines by their bottoms, each line read left to right."""
    lines: list[_Line] = []
    for word in sorted(words, key=lambda w: (max(r.bottom for r in w), w[0].x0)):
        bottom = max(r.bottom for r in word)
        size = max(r.size for r in word)
        if lines and abs(bottom - lines[-1].bottom) <= 0.4 * max(size, lines[-1].size):
            line = lines[-1]
            line.words.append(word)
            line.size = max(line.size, size)
            line.top = min(line.top, min(r.top for r in word))
            continue
        lines.append(_Line([word], bottom, min(r.top for r in word), size))
    for line in lines:
        line.words.sort(key=lambda w: w[0].x0)
    return lines


# --- furniture, by position --------------------------------------------------------------------


def _gutter_candidates(page: PdfPage) -> list[tuple[_Line, int]]:
    """Lines that begin with a number standing clear of the page's text, and the number."""
    numbered = {id(ln) for ln in page.lines if _NUMBER.fullmatch(_word_text(ln.words[0]))}
    starts = [(ln.words[1] if id(ln) in numbered else ln.words[0])[0].x0
              for ln in page.lines if id(ln) not in numbered or len(ln.words) > 1]
    left = min(starts, default=float("inf"))
    return [(ln, int(_word_text(ln.words[0]))) for ln in page.lines
            if id(ln) in numbered and ln.words[0][-1].x1 <= left - _GUTTER_GAP]


def _find_gutters(pages: Sequence[PdfPage]) -> None:
    """Mark the margin line numbers (see the module docstring): three or more rising numbers
    on a page; fewer on a page whose numbers stand where other pages' do, or two or more that
    number every line of their page 1, 2 ..."""
    found = [_gutter_candidates(page) for page in pages]
    rising = [c if all(b > a for (_, a), (_, b) in itertools.pairwise(c)) else []
              for c in found]
    columns = [ln.words[0][-1].x1 for c in rising if len(c) >= 3 for ln, _ in c]
    for page, candidates in zip(pages, rising, strict=True):
        every = 2 <= len(candidates) == len(page.lines) and [v for _, v in candidates] == list(
            range(1, len(candidates) + 1))
        if len(candidates) < 3 and not every and not all(
                any(abs(ln.words[0][-1].x1 - x) <= _GUTTER_GAP for x in columns)
                for ln, _ in candidates):
            continue
        for line, value in candidates:
            line.number = value


def _find_running_heads(pages: Sequence[PdfPage]) -> None:
    """Mark the running headers and footers of every page (see the module docstring)."""
    seen: dict[str, list[tuple[int, float]]] = defaultdict(list)
    candidates: list[tuple[_Line, str, int, float]] = []
    for index, page in enumerate(pages):
        body = [ln for ln in page.lines if ln.number is None]
        zone = [ln for ln in body[:3] if ln.top < page.height * _ZONE] + [
            ln for ln in body[-3:] if ln.bottom > page.height * (1 - _ZONE)]
        for line in dict.fromkeys(zone):
            masked = re.sub(r"\d+", "#", " ".join(line.text.lower().split()))
            seen[masked].append((index, line.top))
            candidates.append((line, masked, index, line.top))
    for line, masked, index, top in candidates:
        recurs = any(i != index and abs(t - top) <= _SAME_HEIGHT for i, t in seen[masked])
        if recurs or _PAGE_NUMBER.fullmatch(masked):
            line.furniture = True


def _word_text(word: _Word) -> str:
    return "".join(r.text for r in word)


# --- the text ------------------------------------------------------------------------------------


@dataclass
class _Writer:
    """The tagged text under construction, and what was taken out of it."""

    tags: Tags | None
    pitch: float
    left: float
    out: list[str]
    notes: list[Note]
    marks: list[LineMark]
    length: int = 0

    def write(self, s: str) -> None:
        self.out.append(s)
        self.length += len(s)

    def drop(self, kind: NoteKind, s: str) -> None:
        self.notes.append(Note(kind, s, (self.length, self.length)))

    def line(self, line: _Line) -> None:
        words = line.words[1:] if line.number is not None else line.words
        pieces: list[tuple[str, str]] = []
        end = self.left
        for i, word in enumerate(words):
            gap = self._gap(end, word[0].x0, first=i == 0)
            if gap:
                before = pieces[-1][1] if pieces else ""
                pieces.append((gap, before if before == word[0].deco else ""))
            pieces.extend((r.text, r.deco) for r in word)
            end = word[-1].x1
        self.write(self._tagged(pieces))

    def _gap(self, end: float, start: float, *, first: bool) -> str:
        if not self.pitch:
            return "" if first else " "
        columns = round((start - end) / self.pitch)
        return " " * max(columns, 0 if first else 1)

    def _tagged(self, pieces: list[tuple[str, str]]) -> str:
        out: list[str] = []
        deco = ""
        for text, piece_deco in pieces:
            if self.tags is not None and piece_deco != deco:
                if deco:
                    out.append(self.tags.close())
                if piece_deco:
                    out.append(self.tags.open(*_DECORATION[piece_deco]))
                deco = piece_deco
            out.append(text)
        if deco and self.tags is not None:
            out.append(self.tags.close())
        return "".join(out)


def lay_out(pages: Sequence[PdfPage], *, read_marks: bool
            ) -> tuple[str, list[Note], list[LineMark], Tags | None]:
    """The text of ``pages`` with margin numbers and running heads out: (tagged text, notes
    and line marks at its offsets, the tags written or ``None`` when marks are not read)."""
    _find_gutters(pages)
    _find_running_heads(pages)
    texts = [r.text for p in pages for ln in p.lines for w in ln.words for r in w]
    tags = Tags() if read_marks and not any(has_sentinels(t) for t in texts) else None
    w = _Writer(tags, _pitch(pages), _left(pages), [], [], [])
    for number, page in enumerate(pages, start=1):
        _write_page(w, page, number)
    return "".join(w.out), w.notes, w.marks, tags


def _write_page(w: _Writer, page: PdfPage, number: int) -> None:
    body = [ln for ln in page.lines if not ln.furniture]
    heads = [ln for ln in page.lines if ln.furniture]
    first_body = page.lines.index(body[0]) if body else len(page.lines)
    for line in heads:
        if page.lines.index(line) < first_body:
            w.drop(NoteKind.PAGE_HEADER, line.text + "\n")
    for text in page.rotated:
        w.drop(NoteKind.PAGE_HEADER, text + "\n")
    if not any(ln.number is not None for ln in body):
        w.marks.append(LineMark(w.length, number, None))
    pitch = _line_pitch(body)
    for i, line in enumerate(body):
        if i and pitch and line.bottom - body[i - 1].bottom > 1.6 * pitch:
            w.write("\n")
        if line.number is not None:
            w.drop(NoteKind.LINE_NUMBERS, f"{line.number} ")
            w.marks.append(LineMark(w.length, number, line.number))
        w.line(line)
        w.write("\n")
    for line in heads:
        if page.lines.index(line) >= first_body:
            w.drop(NoteKind.PAGE_HEADER, line.text + "\n")


def _line_pitch(lines: list[_Line]) -> float:
    gaps = sorted(b.bottom - a.bottom for a, b in itertools.pairwise(lines))
    return gaps[len(gaps) // 2] if gaps else 0.0


def _pitch(pages: Sequence[PdfPage]) -> float:
    """The character width of fixed-pitch type, or 0 when the text is not set in it."""
    pitches = Counter(r.pitch for p in pages for ln in p.lines if not ln.furniture
                      for w in ln.words for r in w if len(r.text) >= 2)
    total = sum(pitches.values())
    if not total:
        return 0.0
    pitch, count = pitches.most_common(1)[0]
    return pitch if pitch > 0 and count >= 0.9 * total else 0.0


def _left(pages: Sequence[PdfPage]) -> float:
    """Where the leftmost text of the document begins (margin numbers and heads aside)."""
    starts = [(ln.words[1] if ln.number is not None else ln.words[0])[0].x0
              for p in pages for ln in p.lines
              if not ln.furniture and (ln.number is None or len(ln.words) > 1)]
    return min(starts, default=0.0)


# --- through the plain-text stages -------------------------------------------------------------


def _through_text_stages(tagged: str, provenance: Provenance, notes: list[Note],
                         marks: list[LineMark]) -> Document:
    """The text layout and print conventions on the PDF's text, with the PDF's own notes and
    locators carried over (its locators, being physical, win over those the text suggests)."""
    layout = strip_furniture(tagged)
    at = _removed_map(layout)
    moved = [(at(n.span[0]) if n.span else -1, n.span[0] if n.span else -1, 0, n)
             for n in notes]
    kept = _layout_notes(layout)
    ordered = [n for *_, n in sorted(moved + kept, key=lambda t: t[:3])]
    lines = tuple(replace(m, offset=at(m.offset)) for m in marks)
    if layout.partial and not provenance.partial:
        provenance = replace(provenance, partial=True)
    document = Document(text=layout.text, provenance=provenance,
                        notes=merge_notes([], ordered), lines=lines or layout.lines)
    return read_conventions(document)


def _removals(layout: Layout) -> list[tuple[int, int]]:
    """The ranges of the text before the layout stage that it removed, in order."""
    ranges, removed = [], 0
    for note in layout.notes:
        if note.span is None:
            continue
        start = note.span[0] + removed
        ranges.append((start, start + len(note.text)))
        removed += len(note.text)
    return ranges


def _removed_map(layout: Layout) -> Callable[[int], int]:
    ranges = _removals(layout)
    starts = [s for s, _ in ranges]
    before = [0]
    for s, e in ranges:
        before.append(before[-1] + e - s)

    def at(q: int) -> int:
        i = bisect_right(starts, q) - 1
        if i < 0:
            return q
        s, e = ranges[i]
        return s - before[i] if q < e else q - before[i + 1]

    return at


def _layout_notes(layout: Layout) -> list[tuple[int, int, int, Note]]:
    out, removed = [], 0
    for note in layout.notes:
        if note.span is None:
            out.append((-1, -1, 1, note))
            continue
        out.append((note.span[0], note.span[0] + removed, 1, note))
        removed += len(note.text)
    return out


def _before(document: Document) -> str:
    said = document.text + " ".join(n.text for n in document.notes
                                    if n.kind is NoteKind.EXPLANATION)
    return next((b for pattern, b in _BEFORE if pattern.search(said)), BEFORE_UNSTATED)
