"""Print furniture out of plain text, into notes and locators.

Stage guarantees (``strip_furniture``):

* The display text is the input with exactly the pieces listed in the returned notes removed;
  nothing else is changed. Interleaving the notes' texts back at their offsets (in order)
  rebuilds the input, character for character (:func:`rebuild` does it, and the tests check it).
* What is removed, and only this: the corpus's ``[editorial: ...]`` and
  ``[... text not retrieved ...]`` lines; running headers, footers and page numbers (NY
  ``S. 4457  2`` and ``LBD...`` lines, GPO ``VerDate`` lines and slug prefixes, Senate
  Legislative Counsel slugs, San Francisco page footers); NY's ``EXPLANATION--`` legend; and
  margin line numbers, whether at line starts or run into the text by PDF extraction.
* Page and line numbers become :class:`~legcompare.model.LineMark` locators.

The furniture is described by the patterns in ``_LINE_FURNITURE`` and ``_INLINE_FURNITURE``;
adding a print style means adding a pattern there.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from ..model import LineMark, Note, NoteKind

GAP_LINE = re.compile(r"\[\.\.\. ?text not retrieved ?\.\.\.\]")


@dataclass(frozen=True)
class _LineRule:
    name: str
    kind: NoteKind
    pattern: re.Pattern[str]
    page_group: int | None = None  # group holding a page number
    footer: bool = False  # the number is the page that ends here, not the one that begins


def _rule(
    name: str, kind: NoteKind, pattern: str, page_group: int | None = None, footer: bool = False
) -> _LineRule:
    return _LineRule(name, kind, re.compile(pattern), page_group, footer)


# Whole lines that are furniture. Matched against the line without its newline. Each rule's
# lines start as ``_FURNITURE_START`` allows (only such lines are tried; tests/test_layout.py
# holds a line of each rule and checks that they are found).
_LINE_FURNITURE: tuple[_LineRule, ...] = (
    _rule("gap", NoteKind.GAP, r"\s*\[\.\.\. ?text not retrieved ?\.\.\.\]\s*"),
    _rule("editorial", NoteKind.EDITORIAL, r"\s*\[editorial: .*\]\s*"),
    _rule("ny-explanation-1", NoteKind.EXPLANATION,
          r"\s*EXPLANATION--Matter in ITALICS \(underscored\) is new; matter in brackets\s*"),
    _rule("ny-explanation-2", NoteKind.EXPLANATION, r"\s*\[ \] is old law to be omitted\.\s*"),
    _rule("ny-lbd", NoteKind.PAGE_HEADER, r"\s*LBD\d{5}-\d{2}-\d\s*"),
    _rule("ny-page-header", NoteKind.PAGE_HEADER,
          r"\s*(?:[AS]\.|Cal\. No\.) ?\d+(?:--[A-Z])?\s{2,}(\d+)\s*", page_group=1),
    _rule("gpo-verdate", NoteKind.PAGE_HEADER, r"\s*VerDate .*"),
    _rule("gpo-page-number", NoteKind.PAGE_HEADER, r"\s*(\d{1,4})\s*", page_group=1),
)

# Slip laws (and Statutes at Large) print marginal notes and page marks around the text.
_STAT_PAGE = re.compile(r"\d{2,3} STAT\. (\d{1,5})")
_SIDENOTE = r"\d{1,2} USC \d+[a-z0-9-]*(?: note)?\."
_SIDENOTE_PREFIX = re.compile(_SIDENOTE + r" ")
_SLIP_LAW_LINES: tuple[_LineRule, ...] = (
    _rule("usc-sidenote", NoteKind.SIDENOTE, r"\s*" + _SIDENOTE + r"\s*"),
    _rule("short-title-sidenote", NoteKind.SIDENOTE,
          r"\s*[A-Z][^.\n]{3,90} Act(?: of \d{4})?\.\s*"),
)

# A slug GPO prints in the gutter of the first lines of some pages.
_GPO_SLUG_PREFIX = re.compile(r"\S+ on \S+ with BILLS\s+")
# A margin line number at the start of a line, then its gutter spaces.
_GUTTER_NUMBER = re.compile(r"(\s{0,8})(\d{1,2})(?:\s+|$)")

# Running heads that PDF-to-text extraction ran into the body of a one-line text.
_INLINE_FURNITURE: tuple[_LineRule, ...] = (
    _rule("slc-slug", NoteKind.PAGE_HEADER,
          r"(?:\b[A-Z0-9]{3} [A-Z0-9]{2} [A-Z0-9]{3} )?\b[A-Z]{3}\d{5} S\.L\.C\.?(?: (\d+)\b)?",
          page_group=1),
    _rule("ma-page-of", NoteKind.PAGE_HEADER,
          r"(?<!\S)(\d{1,3}) of \d{1,3}(?= (?:SENATE|HOUSE) DOCKET)", page_group=1),
    _rule("sf-footer", NoteKind.PAGE_HEADER,
          r"\bSupervisors? [A-Z][A-Za-z;,. ]{0,80}? BOARD OF SUPERVISORS Page (\d+)",
          page_group=1, footer=True),
)
# A margin number run into the text: " 12 " or, where extraction lost the space, " 2amended".
_INLINE_NUMBER = re.compile(r"(?<= )(\d{1,2})(?=\s|[a-z])")
_MAX_LINE_CHARS = 220  # the most text a printed line can hold between two margin numbers


@dataclass(frozen=True)
class Layout:
    text: str
    notes: tuple[Note, ...]
    lines: tuple[LineMark, ...]
    partial: bool


@dataclass
class _Builder:
    pieces: list[str]
    notes: list[Note]
    marks: list[LineMark]
    length: int = 0

    def keep(self, s: str) -> None:
        self.pieces.append(s)
        self.length += len(s)

    def drop(self, kind: NoteKind, s: str) -> None:
        if s:
            self.notes.append(Note(kind, s, (self.length, self.length)))


def strip_furniture(source: str) -> Layout:
    """Split ``source`` into display text and furniture (see the module docstring)."""
    lines = source.splitlines(keepends=True)
    if _is_flattened(lines):
        return _strip_flattened(source)
    # Do the lines end where "\n" does (``splitlines`` also ends them at "\r", "\x0c" ...)?
    searchable = len(lines) == source.count("\n") + (not source.endswith("\n"))
    gutter = _gutter_lines(lines, source if searchable else None)
    slip_law = any(_STAT_PAGE.search(ln) for ln in lines[:20])
    b = _Builder([], [], [])
    page: int | None = 1 if gutter else None
    # The lines to look at: a line that no rule can match and that holds no slug or gutter
    # number is kept as it is, with the lines around it (slip laws' margins are everywhere).
    if searchable and not slip_law:
        chosen = _lines_where(_MAY_BE_FURNITURE_OR_GUTTER if gutter else _MAY_BE_FURNITURE,
                              source)
    else:
        chosen = _every_line(lines)
    kept = 0
    for i, start in chosen:
        if start > kept:
            b.keep(source[kept:start])
        line = lines[i]
        kept = start + len(line)
        body = line.rstrip("\n")
        rule = _whole_line_rule(body, page is not None, lines, i, slip_law)
        if rule is not None:
            b.drop(rule.kind, line)
            m = rule.pattern.fullmatch(body)
            if rule.page_group and m and m.group(rule.page_group):
                page = int(m.group(rule.page_group))
                if not gutter:
                    b.marks.append(LineMark(b.length, page, None))
            continue
        slug = _GPO_SLUG_PREFIX.match(body) if " with BILLS" in body else None
        if slug:
            b.drop(NoteKind.PAGE_HEADER, slug.group(0))
            line, body = line[slug.end():], body[slug.end():]
        if i in gutter:
            m = _GUTTER_NUMBER.match(body)
            assert m is not None
            b.drop(NoteKind.LINE_NUMBERS, line[: m.end()])
            b.marks.append(LineMark(b.length, page, int(m.group(2))))
            line = line[m.end():]
        if slip_law:
            line = _strip_slip_law_marks(b, line)
        b.keep(line)
    if kept < len(source):
        b.keep(source[kept:])
    return _finish(b, source)


def _starting(pattern: str) -> tuple[re.Pattern[str], re.Pattern[str]]:
    """Patterns for the lines that start with ``pattern``: at the text's start, and after a
    line feed (a search for the line feed first, many times faster than one for ``^``)."""
    return re.compile(pattern, re.M), re.compile(f"\n(?:{pattern})", re.M)


# How a line starts where it may be furniture: as the matches of ``_LINE_FURNITURE`` start
# ("[", "EXPLANATION--", "LBD", "A.", "S.", "Cal. No.", "VerDate ", a bare number), after
# spaces. Only these lines, and those with a GPO slug (" with BILLS"), are read one by one.
_FURNITURE_START = (r"[^\S\n]*(?:\[|EXPLANATION--|LBD|[AS]\.|Cal\. No\.|VerDate "
                    r"|\d{1,4}[^\S\n]*$)")
# ... where it may hold a margin number, or restart their count (``_gutter_lines``).
_GUTTER_START = r"[^\S\n]{0,8}\d|[^\S\n]*VerDate "
_MAY_BE_FURNITURE = _starting(_FURNITURE_START)
_MAY_BE_GUTTER = _starting(_GUTTER_START)
_MAY_BE_FURNITURE_OR_GUTTER = _starting(f"{_FURNITURE_START}|{_GUTTER_START}")
_SLUG = " with BILLS"


def _every_line(lines: list[str]) -> Iterator[tuple[int, int]]:
    start = 0
    for i, line in enumerate(lines):
        yield i, start
        start += len(line)


def _lines_where(patterns: tuple[re.Pattern[str], re.Pattern[str]], source: str
                 ) -> Iterator[tuple[int, int]]:
    """(index, offset) of the lines of ``source`` (whose lines end at line feeds) that start
    as ``patterns`` (from :func:`_starting`) say or hold a GPO slug, in order; the text is
    searched in C, and only these lines are visited."""
    first, after_newline = patterns
    starts = {m.start() + 1 for m in after_newline.finditer(source)}
    if first.match(source):
        starts.add(0)
    at = source.find(_SLUG)
    while at >= 0:
        starts.add(source.rfind("\n", 0, at) + 1)
        at = source.find(_SLUG, at + 1)
    index, pos = 0, 0
    for start in sorted(starts):
        if start >= len(source):
            break
        index += source.count("\n", pos, start)
        pos = start
        yield index, start


def _strip_slip_law_marks(b: _Builder, line: str) -> str:
    """A slip law's margin: "42 USC 1885a note." sidenotes and "131 STAT. 12" page marks."""
    side = _SIDENOTE_PREFIX.match(line)
    if side:
        b.drop(NoteKind.SIDENOTE, side.group(0))
        line = line[side.end():]
    pos = 0
    for m in _STAT_PAGE.finditer(line):
        b.keep(line[pos:m.start()])
        b.drop(NoteKind.PAGE_HEADER, m.group(0))
        b.marks.append(LineMark(b.length, int(m.group(1)), None))
        pos = m.end()
    return line[pos:]


def _finish(b: _Builder, source: str) -> Layout:
    partial = any(n.kind is NoteKind.GAP for n in b.notes)
    if b.marks and b.marks[0].offset > 0 and b.marks[0].line is None and \
            b.marks[0].page is not None and b.marks[0].page > 1:
        b.marks.insert(0, LineMark(0, b.marks[0].page - 1, None))  # the page before the first
    return Layout("".join(b.pieces), tuple(b.notes), tuple(b.marks), partial)


def _any_of(rules: tuple[_LineRule, ...]) -> re.Pattern[str]:
    """One pattern that matches a whole line where one of ``rules`` does (a test in C before
    the rules are tried one by one, in order: most lines are not furniture)."""
    return re.compile("|".join(f"(?:{rule.pattern.pattern})" for rule in rules))


_ANY_FURNITURE = _any_of(_LINE_FURNITURE + _SLIP_LAW_LINES)


def _whole_line_rule(body: str, paged: bool, lines: list[str], i: int, slip_law: bool
                     ) -> _LineRule | None:
    if not _ANY_FURNITURE.fullmatch(body):
        return None
    if slip_law:
        for rule in _SLIP_LAW_LINES:
            if rule.pattern.fullmatch(body):
                return rule
    for rule in _LINE_FURNITURE:
        if not rule.pattern.fullmatch(body):
            continue
        if rule.name == "gpo-page-number" and not (paged and _after_page_break(lines, i)):
            continue
        if rule.name == "ny-page-header" and not _ny_print(lines):
            continue
        return rule
    return None


def _after_page_break(lines: list[str], i: int) -> bool:
    """A bare number is a page number only right after a page's end (VerDate line, blank)."""
    j = i - 1
    while j >= 0 and not lines[j].strip():
        j -= 1
    return j < 0 or lines[j].lstrip().startswith("VerDate ")


def _ny_print(lines: list[str]) -> bool:
    return any("EXPLANATION--Matter in ITALICS" in ln for ln in lines[:400]) or any(
        ln.startswith("S T A T E  O F  N E W  Y O R K") for ln in lines[:3]
    )


def _gutter_lines(lines: list[str], source: str | None = None) -> set[int]:
    """Indexes of lines whose leading number continues a 1, 2, 3 ... margin sequence. With
    ``source`` (the lines joined, ending at line feeds), only the lines that may hold a
    number, restart the count or hold a slug are read."""
    found: set[int] = set()
    expected = 1
    chosen = _every_line(lines) if source is None else _lines_where(_MAY_BE_GUTTER, source)
    for i, _ in chosen:
        body = lines[i].rstrip("\n")
        if body.lstrip().startswith("VerDate "):
            expected = 1  # a page ends: numbering restarts
            continue
        if body.strip().isdigit() and _after_page_break(lines, i):
            continue  # the page number at the top of the next page
        if " with BILLS" in body:  # (searching for the slug costs more than this test)
            body = _GPO_SLUG_PREFIX.sub("", body, count=1)
        m = _GUTTER_NUMBER.match(body)
        if not m or body[m.end():m.end() + 1] in (".", ")"):
            continue
        n = int(m.group(2))
        if n == 1 and expected > 10:
            expected = 1  # a page break the text does not show
        if n == expected:
            found.add(i)
            expected += 1
    return found if len(found) >= 5 else set()


def _is_flattened(lines: list[str]) -> bool:
    """PDF text run onto one line: a long line with margin numbers 1, 2, 3 inside it."""
    longest = max(map(len, lines), default=0)
    if longest < 1000:
        return False
    text = max(lines, key=len)
    numbers = [int(m.group(1)) for m in _INLINE_NUMBER.finditer(text)]
    run, expected = 0, 1
    for n in numbers:
        if n == expected:
            run += 1
            expected += 1
    return run >= 6


def _strip_flattened(source: str) -> Layout:
    """Remove running heads and margin numbers that extraction ran into the text."""
    b = _Builder([], [], [])
    cuts: list[tuple[int, int, NoteKind, int | None]] = []
    for rule in _INLINE_FURNITURE:
        for m in rule.pattern.finditer(source):
            page = None
            if rule.page_group and m.group(rule.page_group):
                page = int(m.group(rule.page_group)) + (1 if rule.footer else 0)
            cuts.append((m.start(), m.end(), rule.kind, page))
    for m in GAP_LINE.finditer(source):
        cuts.append((m.start(), m.end(), NoteKind.GAP, None))
    cuts.sort()
    numbers = _inline_line_numbers(source, cuts)
    events = sorted(cuts + [(s, e, NoteKind.LINE_NUMBERS, -n) for s, e, n in numbers])
    pos, page = 0, 1
    for start, end, kind, value in events:
        if start < pos:
            continue
        b.keep(source[pos:start])
        b.drop(kind, source[start:end])
        if kind is NoteKind.LINE_NUMBERS and value is not None:
            b.marks.append(LineMark(b.length, page, -value))
        elif value is not None:
            page = value
        pos = end
    b.keep(source[pos:])
    return _finish(b, source)


def _inline_line_numbers(
    source: str, cuts: list[tuple[int, int, NoteKind, int | None]]
) -> list[tuple[int, int, int]]:
    """Margin numbers inside flattened text: 1, 2, 3 ... each within a printed line's reach."""
    page_starts = sorted(end for _, end, kind, _ in cuts if kind is NoteKind.PAGE_HEADER)
    # (a number inside a running head is the head's: "... BOARD OF SUPERVISORS Page 1 1 2 3")
    numbers = _outside(cuts, _INLINE_NUMBER.finditer(source))
    found: list[tuple[int, int, int]] = []
    expected, last = 1, -1
    for i, m in enumerate(numbers):
        n, at = int(m.group(1)), m.start()
        restarted = any(last < p <= at for p in page_starts)
        if restarted and n == 1:
            expected = 1
        # Far from the last number only when a run resumes (a boxed note, a blank stretch).
        near = last < 0 or at - last <= _MAX_LINE_CHARS or restarted
        resumes = i + 1 < len(numbers) and int(numbers[i + 1].group(1)) == n + 1 and (
            numbers[i + 1].start() - m.end() <= _MAX_LINE_CHARS)
        if n == expected and (near or resumes):
            end = m.end() + 1 if source[m.end():m.end() + 1] == " " else m.end()
            found.append((m.start(), end, n))
            expected, last = n + 1, end
    return found


def _outside(cuts: list[tuple[int, int, NoteKind, int | None]],
             found: Iterator[re.Match[str]]) -> list[re.Match[str]]:
    """The matches (in text order) that start inside none of ``cuts`` (sorted by start)."""
    kept: list[re.Match[str]] = []
    j, reach = 0, -1
    for m in found:
        while j < len(cuts) and cuts[j][0] <= m.start():
            reach = max(reach, cuts[j][1])
            j += 1
        if m.start() >= reach:
            kept.append(m)
    return kept


def rebuild(text: str, notes: tuple[Note, ...] | list[Note]) -> str:
    """Put removed furniture back: the inverse of :func:`strip_furniture`."""
    out: list[str] = []
    pos = 0
    for note in notes:
        if note.span is None or note.kind in (NoteKind.DECODING, NoteKind.PROVENANCE):
            continue
        at = note.span[0]
        out.append(text[pos:at])
        out.append(note.text)
        pos = at
    out.append(text[pos:])
    return "".join(out)
