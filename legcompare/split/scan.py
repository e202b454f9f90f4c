"""Reading a display text line by line into placed nodes.

Stage guarantees (``scan``): nodes come out in document order with strictly increasing starts,
so consecutive starts partition the display text; the front matter (up to the enacting clause)
is one node; tables of contents are one node; labels are accepted at a line start only where a
provision can begin (after a sentence end, a heading, a label or a blank line, never after a
cross-reference word such as "subsection"); inside a line only when they chain onto a label
("1.(A)", "(B) (I)"), follow a heading ("§ 676-A. DEFINITIONS. ... 1."), or form an enumeration
run ("...: (i) ...; or (ii) ..."), never as cross-references ("subsection (b)(1)").
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from ..model import Kind
from ..prefilter import lower_for_prefilter, prefilter
from ..quoted_matter import Targets
from . import patterns as P
from .builder import Builder, Node
from .family import Family
from .labels import RANKS, Label, fold_case, read_container, read_enum, read_section

_OPEN_QUOTE = re.compile(r"[“\"‘`']{1,2}")
# Where a label may start inside a line: after a space, colon, dash or parenthesis, "(x)" of at
# most five letters or digits, "12." before a space or "(", or "A." before a space; that is, the
# positions of ``(?<=[\s:—(\-])(?=\(\w{1,5}\)|\d{1,3}\.(?:\s|\()|[A-Za-z]\.\s)``. Searched
# that way, every character is tried; these find a "(" or "." first and look back from it.
_CANDIDATE_PAREN = re.compile(r"\((?<=[\s:—(\-]\()(?=\w{1,5}\))")
_CANDIDATE_DOT = re.compile(
    r"\.(?:(?<=[\s:—(\-](\d)\.)|(?<=[\s:—(\-](\d\d)\.)|(?<=[\s:—(\-](\d\d\d)\.))(?=[\s(])"
    r"|\.(?<=[\s:—(\-]([A-Za-z])\.)(?=\s)")
_NEXT_LINE_LABEL = re.compile(
    r"\n[ \t]*(?:\*\*|#+ )?(?:[“\"]?\(\w{1,5}\)|\d{1,3}\.\s|§|SEC\.|Sec\.)")
_SECTION_NUMBER = re.compile(r"\d+")
# Compiled once: these are tried on every line (``re.match(pattern, ...)`` looks the pattern up
# in re's cache each time).
_ENDS_CLAUSE = re.compile(r"[,:.]\s*$")
_RUN_SEPARATOR = re.compile(r"[;,]\s*(?:and\s+|or\s+|and/or\s+)?$", re.I)
_ENDS_PUNCTUATED = re.compile(r"[.;:,][\s○]*$")
"""(A GPO print may close its last line with "○", an end mark.)"""
_NY_ARTICLE_SECTION = re.compile(r"\s*SECTION \d+[\w-]*\. ")
_NUMBER_DOT = re.compile(r"(\d+[\w.-]*?)\.\s")
_NUMBER_DOT_CAPITAL = re.compile(r"\d+[\w.-]*?\.\s+[A-Z]")
# A line that closes a quotation: a closing mark near its end ("... 1985.”.", "”; and", "”,").
_CLOSES_QUOTE = re.compile(r"[”\"][.;:,—)]*(?:\s+(?:and|or))?\s*$")
_MID_SENTENCE = re.compile(r"(?:[,;:—]|\b(?:and|or))\s*$")
_CITED_AS = re.compile(r"This (?:Act|title|division|subtitle) may be cited as\b")
_SENTENCE_END = re.compile(r"\.[\"”’')\]]*\s*$")
_ENDS_IN_COMMA = re.compile(r",\s*(?:and|or)?$")
_LEADS_IN = re.compile(r"[—:]\s*$")
# An appropriation run into its heading: the heading of an account, in lower case (small
# capitals as printed: "emergency forest restoration program For an additional amount ..."), or
# of an agency, by its name ("Commodity Futures Trading Commission For necessary expenses ..."),
# then "For" (after "(including transfer of funds)" if it says so).
_INCLUDING = r"\(including transfers? of funds\)"
_ACCOUNT = r"[a-z][a-z ,’'/—-]*"
_AGENCY = r"[A-Z][\w’'.,—-]*(?: (?:[A-Z][\w’'.,—-]*|of|and|the|for|on|in|to|a|an)){0,15}"
_FOR = rf"\s+(?:{_INCLUDING}\s+)?For\s"
_RUN_IN_APPROPRIATION = re.compile(rf"(?:{_ACCOUNT}|{_INCLUDING}){_FOR}")
"""A line that opens a new appropriation after a sentence end (an account's heading only)."""
_RUN_IN_HEADING = re.compile(rf"(?P<heading>{_ACCOUNT}|{_AGENCY}){_FOR}")
"""The heading an appropriation's paragraph opens with."""
_RUN_IN_ACCOUNT = re.compile(rf"(?P<heading>{_ACCOUNT}[a-z])\s+(?=[A-Z][a-z])")
"""An account's heading before a sentence that does not open "For"."""
# A section's heading in sentence case, as a code prints it before the section's first
# subdivision on the same line ("§ 50-h. Biometric data of tenants. 1. No landlord ..."): a
# short phrase (with no verb of a provision's sentence, ``P.PROSE``).
_SENTENCE_CASE_HEADING = re.compile(r"\s*[A-Z][^.:;]{2,100}[.:]\s*")
_SMALL_WORD_END = re.compile(r"\b(?:of|under|in|to|the|by)\s*$")
_WRAPPED_WIDTH = 150
"""No line of a print wrapped at a width is longer (bills are printed at about 70 characters)."""
_HOLDS_APPROPRIATIONS = (Kind.TITLE, Kind.DIVISION)
"""Where appropriations are printed under headings, among sections of general provisions."""
DIVISION_FRONT_LINES = 60
"""Lines after a division heading searched for its act's enacting clause."""
# Searched on every line; most lines hold none of the words they need (same answers, faster).
_ENACTING = prefilter(P.ENACTING)
_TOC_START = prefilter(P.TOC_START)
_QUOTING_INSTRUCTION = prefilter(P.QUOTING_INSTRUCTION)


@dataclass(slots=True)
class _Line:
    start: int
    end: int  # excluding the newline

    def text(self, s: str) -> str:
        return s[self.start:self.end]


# Where PDF extraction ran a whole bill onto one line, provisions still start after a sentence
# end; the scanner reads such a line as if it broke there (the text itself is not changed).
_FLATTENED_LINE = 1000
# The break is the run of spaces (the group that matched) after a sentence end: these are
# ``(?<=[.:;,”"-])\s+(?=(?:SECTION|SEC\.|Section) \d+[A-Z]?\.\s)``,
# ``(?<=[.:;”"])\s+(?=\(\w{1,4}\)\s|Be it (?:enacted|ordained))`` and
# ``(?<=as follows:)\s+(?=[^\s$a-z])`` with the look-behinds read as text: the same runs, found
# twice as fast (a run starts after a character that is no space, so the next match is never
# inside the one before). After "as follows:" a sum or a word in lower case goes on with the
# sentence: an appropriation printed on one long line lists its amounts so ("which shall be
# available as follows: $99,000,000 for the Drug-Free Communities Program ...; $2,000,000 for").
_VIRTUAL_BREAK = re.compile(
    r"[.:;,”\"-](\s+)(?=(?:SECTION|SEC\.|Section) \d+[A-Z]?\.\s)"
    r"|[.:;”\"](\s+)(?=\(\w{1,4}\)\s|Be it (?:enacted|ordained))"
    r"|as follows:(\s+)(?=[^\s$a-z])")


def inline_candidates(text: str, pos: int, endpos: int) -> list[int]:
    """The offsets in ``[pos, endpos)`` where a label may start inside a line, in order; the
    patterns see no further than ``endpos``."""
    found = {m.start() for m in _CANDIDATE_PAREN.finditer(text, pos, endpos)}
    for m in _CANDIDATE_DOT.finditer(text, pos, endpos):
        start = m.start(m.lastindex or 0)  # where the number or letter before the dot starts
        if start >= pos:
            found.add(start)
    return sorted(found)


def _under_heading(block: Node) -> bool:
    """Is ``block`` printed right under a heading (its sibling before it)?"""
    siblings = block.parent.children if block.parent is not None else []
    return len(siblings) > 1 and siblings[-1] is block and siblings[-2].kind is Kind.HEADING


def _unmarked(line: str, count: int = 0) -> str:
    """The line without its Markdown heading marks ("#### "); most lines have no "#"."""
    return P.MD_HEADING.sub("", line, count=count) if "#" in line else line


def lines_of(text: str) -> list[_Line]:
    """Lines with their offsets; very long lines are cut where a provision may start."""
    out: list[_Line] = []
    pos = 0
    for part in text.split("\n"):
        start = pos
        if len(part) > _FLATTENED_LINE:
            for m in _VIRTUAL_BREAK.finditer(part):
                out.append(_Line(start, pos + m.start(m.lastindex or 0)))
                start = pos + m.end(m.lastindex or 0)
        out.append(_Line(start, pos + len(part)))
        pos += len(part) + 1
    return out


class Scanner:
    """One pass over the display text, feeding a :class:`Builder`."""

    def __init__(self, text: str, family: Family, *, code_document: bool,
                 gaps: tuple[int, ...] = ()) -> None:
        self.text = text
        self.gaps = sorted(gaps, reverse=True)  # where text was not retrieved (see _after_gap)
        self.after_gap = False
        self.family = family
        self.code_document = code_document
        self.b = Builder(family)
        self.lines = lines_of(text)
        self.prev_tail = ""
        self.blank_before = True
        self.pending_inline: dict[int, Label] = {}
        self.pending_caption: int | None = None
        # "marks" (federal “...), "unmarked" (see _quoted_unmarked) or "until-section"
        self.quote_style: str | None = None
        self.quote_outer_section: int | None = None
        self._targets = Targets(text)  # where quoted matter goes
        self.definitions_mode = False
        self._toc_numbers: list[str] = []
        self.absorbed: set[int] = set()
        self.end_matter = False
        self.in_enacting = False  # inside an enacting clause in the body (see _after_enacting)
        self._toc_containers: set[str] = set()
        self._toc_path: list[tuple[int, str]] = []
        self._containers: dict[int, tuple[Label, int] | None] = {}  # see _container_line

    @functools.cached_property
    def unwrapped(self) -> bool:
        """Are lines paragraphs (no print wrapped at a width, where lines end anywhere)? Read
        when a line first asks (most texts never do)."""
        return any(line.end - line.start > _WRAPPED_WIDTH for line in self.lines)

    # -- driver ----------------------------------------------------------------------------

    def run(self) -> Builder:
        i = self._front_matter()
        while i < len(self.lines):
            i = self._line(i)
        return self.b

    def _front_matter(self) -> int:
        """Make the front matter its own nodes; return the index of the first body line.

        Front matter runs to the enacting clause. A Legislative Counsel's digest inside it is
        a heading with one block per paragraph (digests are descriptive text that changes
        between prints), and the enacting clause is its own node. A text that opens with a
        division heading (an omnibus act printed from "DIVISION A—" on) has no front matter:
        each division holds its own act's title and enacting clause, the first one included.
        """
        if self._opens_with_division():
            return 0
        for i, line in enumerate(self.lines[:200]):
            t = line.text(self.text)
            if not P.ENACTING.search(t):
                continue
            j = i
            # The enacting clause may wrap onto the next line ("... ASSEM-\nBLY, DO ENACT").
            while j + 1 < len(self.lines) and not _ENDS_CLAUSE.search(t):
                j += 1
                t = self.lines[j].text(self.text)
            if self._first_label_line(0, i) is not None and not self._looks_like_front(i):
                return 0
            self.b.front(0, "front")
            digest = next((k for k in range(i) if P.DIGEST.match(self.lines[k].text(self.text))),
                          None)
            if digest is not None:
                heading = self.b.unlabeled(Kind.HEADING, self.lines[digest].start,
                                           heading=self.lines[digest].text(self.text).strip())
                heading.name = "digest"
                for k in range(digest + 1, i):
                    if self.lines[k].text(self.text).strip():
                        self.b.block_of(heading, self.lines[k].start)
                self.b.stack.remove(heading)
            if digest is not None or i > 0:
                self.b.front(self.lines[i].start, "enacting")
            self.prev_tail = "."
            return j + 1
        return self._front_before_first_section()

    def _opens_with_division(self) -> bool:
        """Is the first line with text a division heading ("DIVISION A—...")?"""
        for line in self.lines:
            t = line.text(self.text).strip()
            if t:
                found = read_container(_unmarked(t, count=1), 0)
                return found is not None and found[0].kind is Kind.DIVISION
        return False

    def _front_before_first_section(self) -> int:
        """Without an enacting clause (Markdown renderings), the front matter runs to the
        first section heading, when one appears early."""
        for i, line in enumerate(self.lines[:60]):
            t = line.text(self.text).strip()
            if (P.MD_HEADING.match(t) and re.match(r"#+\s+\d+[A-Z]?\.\s", t)) or \
                    re.match(r"(?:SECTION|SEC\.|Section)\s+1\.\s", t):
                if i > 0 and self.text[:line.start].strip():
                    self.b.front(0, "front")
                    self.prev_tail = "."
                return i
        return 0

    def _looks_like_front(self, enacting_line: int) -> bool:
        """Labels before the enacting clause are front matter (e.g. "H. R." slugs)."""
        return enacting_line < 120

    def _first_label_line(self, lo: int, hi: int) -> int | None:
        for k in range(lo, hi):
            s = self.lines[k].text(self.text).lstrip()
            if read_section(s, 0):
                return k
        return None

    # -- one line --------------------------------------------------------------------------

    def _line(self, i: int) -> int:
        line = self.lines[i]
        raw = line.text(self.text)
        while self.gaps and self.gaps[-1] <= line.start:  # (the gaps not passed, last first)
            self.gaps.pop()
            self.after_gap = True
        if not raw.strip():
            self.blank_before = True
            return i + 1
        after_gap, self.after_gap = self.after_gap, False
        if i in self.absorbed or self.end_matter:
            self._remember(raw)
            self._after_enacting(raw, lower_for_prefilter(raw))
            return i + 1
        if self.quote_style is not None:
            self._maybe_end_quote(line, raw)
        if self.b.top.kind is Kind.TOC:
            back = self._toc_continues(i)
            if back is None:
                self._remember(raw)
                return i + 1
            self.b.stack.pop()
            i = back
            line = self.lines[i]
            raw = line.text(self.text)
        if self._ny_toc_starts(line, raw):
            self._start_toc(line.start)
            self._toc_numbers.append(self._section_number(raw.strip()) or "")
            self._remember(raw)
            return i + 1
        if self._label_line_kind(raw.strip()) == "section" and self._implicit_toc(i):
            self._start_toc(self._reclaim_toc_headings(line.start))
            self._toc_numbers.append(self._section_number(raw.strip()) or "")
            self._remember(raw)
            return i + 1
        if self._special_line(line, raw):
            self._remember(raw)
            return i + 1
        content = self._content_start(line)
        if after_gap:
            self._after_gap(line, content)
        placed, after = self._line_start_label(line, content)
        if placed is None:
            self._unlabeled_line(line, raw, content)
        self._inline_labels(line, after, placed)
        lowered = lower_for_prefilter(raw)
        self._after_line(line, raw, lowered)
        self._remember(raw)
        self._after_enacting(raw, lowered)
        if placed is not None and placed.kind is Kind.DIVISION:
            self._division_front(i)
        return i + 1

    def _after_gap(self, line: _Line, content: int) -> None:
        """After text that was not retrieved, a numbered item that goes on with no open list
        ("1. So in Ord. ..." [not retrieved] "(a) Each Department possessing ...", a section
        whose number was not retrieved) is no part of what was open before the gap: it opens an
        unnumbered paragraph of its own, its place unknown, rather than be cited as the
        subdivision of a provision it may not be in."""
        label, _ = self._read_label(content, self._markup(line))
        if label is None or label.kind is not None:
            return
        if self.family.fold_case:
            label = fold_case(label)
        reading, continues = self.b.choose(label.readings, self.b._open_enums())
        if continues is None or reading.ordinal <= continues.ordinal:  # (a level starting again)
            self.b.unlabeled(Kind.BLOCK, line.start)

    def _division_front(self, i: int) -> None:
        """An act printed whole under its division (line ``i``): what comes before its
        enacting clause ("H. R. 255", "An Act", the long title) is the division's front matter,
        one node with the enacting clause, read as text and never for labels. Only when the
        enacting clause comes within :data:`DIVISION_FRONT_LINES` lines and before any section
        or container label."""
        first = None
        for k in range(i + 1, min(len(self.lines), i + DIVISION_FRONT_LINES)):
            t = self.lines[k].text(self.text)
            if not t.strip():
                continue
            if first is None:
                first = k
            content = _unmarked(t.lstrip(), count=1)
            if read_container(content, 0) is not None:
                return
            if not _ENACTING.occurs(t, lower_for_prefilter(t)):
                continue
            end = k
            while end + 1 < len(self.lines) and not _ENDS_CLAUSE.search(t):
                end += 1
                t = self.lines[end].text(self.text)
            self.b.front(self.lines[first].start, "front")
            self.absorbed.update(range(first, end + 1))
            return

    def _remember(self, raw: str) -> None:
        self.prev_tail = raw.strip()
        self.blank_before = False

    def _after_enacting(self, raw: str, lowered: str | None) -> None:
        """An enacting clause in the body (each act of an omnibus printed whole under its
        division) ends as the front matter's does: "... in Congress assembled," is followed by
        the act's first section, as after a sentence end. The clause may wrap. ``lowered``:
        the line's :func:`lower_for_prefilter` text."""
        if not self.in_enacting and not _ENACTING.occurs(raw, lowered):
            return
        self.in_enacting = True
        if _ENDS_CLAUSE.search(raw):
            self.in_enacting = False
            if raw.rstrip().endswith(","):
                self.prev_tail = "."

    def _content_start(self, line: _Line) -> int:
        """Offset of the first character after indentation and Markdown markup."""
        s = self.text
        p = line.start
        while p < line.end and s[p] in " \t":
            p += 1
        m = P.MD_HEADING.match(s, p) or P.MD_BOLD.match(s, p)
        if m:
            p = m.end()
        # Matter quoted by a federal bill opens every line with a quotation mark; a label may
        # follow it even where the instruction that opened the quote was not recognised.
        q = _OPEN_QUOTE.match(s, p)
        if q and (self.quote_style == "marks" or
                  re.match(r"\(\w{1,5}\)|SEC\.", s[q.end():q.end() + 8])):
            p = q.end()
        return p

    def _markup(self, line: _Line) -> str | None:
        stripped = line.text(self.text).lstrip()
        if P.MD_HEADING.match(stripped):
            return "heading"
        if stripped.startswith("**"):
            return "bold"
        return None

    # -- special lines ---------------------------------------------------------------------

    def _special_line(self, line: _Line, raw: str) -> bool:
        """History notes and Illinois section captions."""
        if P.SECTION_CAPTION.fullmatch(raw):
            self.pending_caption = line.start
            return True
        if P.END_MATTER.fullmatch(raw):
            while len(self.b.stack) > 1:
                self.b.stack.pop()
            self.b.unlabeled(Kind.HISTORY, line.start).name = "end-matter"
            self.end_matter = True
            return True
        if P.HISTORY.fullmatch(raw):
            self.b.unlabeled(Kind.HISTORY, line.start)
            if raw.strip() == "CODIFICATION NOTE":  # its notes ("1. So in Ord. ...") are its own
                j = self._index_of(line) + 1
                while j < len(self.lines) and self.lines[j].text(self.text).strip():
                    self.absorbed.add(j)
                    j += 1
            return True
        return False

    # -- labels at a line start ------------------------------------------------------------

    def _line_start_label(self, line: _Line, pos: int) -> tuple[Node | None, int]:
        """The provision a label at ``pos`` starts (``None`` if none does), and the offset
        after it and the labels run on after it (``pos`` when none)."""
        markup = self._markup(line)
        label, end = self._read_label(pos, markup)
        if label is None:
            return None, pos
        if pos in self.pending_inline:
            label = self.pending_inline.pop(pos)  # a member of a run that began above
        elif not self._may_start_provision(label, end, markup):
            return None, pos
        start = self.pending_caption if self.pending_caption is not None else line.start
        self.pending_caption = None
        node = self._place(label, start, (pos, end))
        after = self._chain(end, line.end)
        if label.kind not in (None, Kind.SECTION) and not self.text[end:line.end].strip(" .—-"):
            self._absorb_heading_line(node, line)
        return node, after

    def _absorb_heading_line(self, node: Node, line: _Line) -> None:
        """ "ARTICLE 32-A" then "BIOMETRIC PRIVACY ACT": the next line is the heading."""
        j = self._next_index(self._index_of(line))
        if j is None:
            return
        nxt = self.lines[j].text(self.text).strip()
        if self._is_heading_line(nxt) and self._label_line_kind(nxt) is None and \
                not read_enum(nxt, 0) and not self._ny_toc_starts(self.lines[j], nxt):
            node.heading = nxt
            self.absorbed.add(j)

    def _read_label(self, pos: int, markup: str | None) -> tuple[Label | None, int]:
        s = self.text
        if markup == "heading":
            m = re.match(r"(\d{1,4}[A-Z]?)\.(?= )", s[pos:pos + 8])
            if m:
                return Label(m.group(0), m.group(1), Kind.SECTION), pos + m.end()
        found = read_container(s, pos)
        if found is None:
            found = read_enum(s, pos)
        if found is None:
            return None, pos
        return found

    def _may_start_provision(self, label: Label, end: int, markup: str | None) -> bool:
        if markup:
            return True
        tail = self.prev_tail
        if not tail:
            return True
        # "Sec. 101." and "§ 2." name themselves; only bare numbers can be cross-references.
        explicit = label.kind is Kind.SECTION and not label.text[:1].isdigit()
        # (Where lines are paragraphs, "... multiplied by" then the next item is no
        # reference: only a division's name, "paragraph", can end a line before one.)
        if not explicit and P.cross_ref_tail(tail) and not re.search(
                r"[;,]\s*(?:and|or)$", tail) and not (
                _SMALL_WORD_END.search(tail) and self._next_item(label)):
            return False
        return bool(P.terminal_tail(tail) or self.blank_before or
                    self._is_label_only(tail) or self._is_headline(tail) or
                    self._is_container_line(tail) or self._next_item(label))

    def _next_item(self, label: Label) -> bool:
        """Where lines are paragraphs, an item after one whose words do not end a sentence
        ("(A) such dollar amount; multiplied by" then "(B) the cost-of-living adjustment ..."),
        as the next item of the innermost list open. (In a print wrapped at a width a line
        may open with a label it cites: "... as described in clause (i) and" / "(ii) ...".)"""
        top = self.b.top
        return label.kind is None and top.is_enum and self.unwrapped and top.followed_by(label)

    @staticmethod
    def _is_label_only(tail: str) -> bool:
        t = tail.strip("*# “\"")
        return bool(read_enum(t, 0) or read_container(t, 0)) and len(t) <= 14

    @staticmethod
    def _is_container_line(tail: str) -> bool:
        """ "PART 8— GRANTS FOR OBTAINING COMPLIANT PAPER BALLOT VOTING SYSTEMS AND ...": a
        container's label and heading, however long, end their line."""
        found = read_container(_unmarked(tail.lstrip("“\""), count=1), 0)
        return found is not None and found[0].kind not in (None, Kind.SECTION)

    @staticmethod
    def _is_headline(tail: str) -> bool:
        if len(tail) > 100 or tail.endswith((",",)):
            return False
        last = tail.split()[-1].lower() if tail.split() else ""
        return last not in {"the", "of", "to", "a", "an", "in", "by", "for", "that", "and", "or"}

    def _place(self, label: Label, start: int, span: tuple[int, int]) -> Node:
        # (a label inside its line: an item of a run inside a sentence, see Node.inline)
        inline = start > 0 and self.text[start - 1] != "\n"
        if self.family.fold_case:
            label = fold_case(label)
        if label.kind is Kind.SECTION and (self.code_document or self.b.in_quoted()) and \
                not label.code_section and (self.b.in_quoted() or not label.value.isdigit()
                                            or self.code_document):
            label = Label(label.text, label.value, label.kind, label.readings, code_section=True)
        if label.kind is not None:
            node = self.b.container(label, start, span)
            self.definitions_mode = False
        else:
            if self.b.top.kind is Kind.DEFINITION and not self.prev_tail.endswith(":"):
                self.b.stack.pop()
            # a run inside a proviso whose words lead into it is the proviso's ("Provided
            # further, That at a minimum the report shall include: (1) a table ...")
            top = self.b.top
            node = self.b.enum(label, start, span, in_proviso=inline and
                               top.kind is Kind.PROVISO and
                               _LEADS_IN.search(self.text, top.start, start) is not None)
            node.inline = inline
        node.in_quote = self.b.in_quoted()
        return node

    def _chain(self, end: int, line_end: int) -> int:
        """Labels run on after a label: "1.(A)", "(B) (I)", "2. A."; returns the offset after
        the last one (``end`` when none), so that none is read again inside the line."""
        s = self.text
        pos = end
        while True:
            p = pos
            while p < line_end and s[p] == " ":
                p += 1
            found = read_enum(s, p)
            if found is None or p >= line_end:
                return pos
            label, after = found
            if s[after:after + 1].isalpha() and s[after:after + 1].islower():
                return pos
            self._place(label, p, (p, after))
            pos = after

    # -- labels inside a line --------------------------------------------------------------

    def _inline_labels(self, line: _Line, after: int, placed: Node | None) -> None:
        """Labels and provisos inside the line, in the order they occur."""
        s = self.text
        provisos = {m.end() for m in P.PROVISO.finditer(s, after, line.end)} \
            if s.find("Provided", after, line.end) >= 0 else set()
        candidates = sorted({*inline_candidates(s, after, line.end), *provisos})
        for p in candidates:
            if p < after:
                continue
            if p in provisos:
                self.b.proviso(p, flush=False, further=s.startswith("Provided further", p))
                continue
            found = read_enum(s, p)
            if found is None:
                continue
            label, end = found
            if p in self.pending_inline:
                self._place(self.pending_inline.pop(p), p, (p, end))
                after = end
            elif self._after_heading(p, label) or self._continues_run(p, label) or \
                    self._starts_run(p, label, end):
                self._place(label, p, (p, end))
                after = self._chain(end, line.end)

    def _own_text_before(self, p: int) -> str:
        node = self.b.top
        start = node.label_span[1] if node.label_span else node.start
        return self.text[start:p]

    def _after_heading(self, p: int, label: Label) -> bool:
        """ "§ 676-A. DEFINITIONS. AS USED IN THIS ARTICLE: 1. ..." and, in a subdivision,
        "2. ENTRY. A. ...": a first label right after a heading in capitals."""
        node = self.b.top
        if node.label is None or not any(r.ordinal == 1 for r in label.readings):
            return False
        before = self._own_text_before(p)
        if len(before) > 160 or not re.search(r"[.:]\s*$", before):
            return False
        if node.kind is not Kind.SECTION and not re.fullmatch(r"\s*[A-Z][A-Z ,;'’-]{2,60}\.\s*",
                                                               before):
            return False
        letters = [c for c in before if c.isalpha()]
        if node.kind is Kind.SECTION and _SENTENCE_CASE_HEADING.fullmatch(before) and \
                not P.PROSE.search(before):
            return True  # a code's own print: "§ 50-h. Biometric data of tenants. 1. No ..."
        return bool(letters) and sum(c.isupper() for c in letters) / len(letters) > 0.9

    def _continues_run(self, p: int, label: Label) -> bool:
        """The next member of an open run: "(iv) ...; (v) ..." after (iv) was placed."""
        if self.family.fold_case:
            label = fold_case(label)
        if _RUN_SEPARATOR.search(self.text[max(0, p - 12):p]) is None or \
                P.REFERENCE_LIST.search(self.text, max(0, p - 120), p) is not None:
            return False
        return any(node.followed_by(label) for node in self.b._open_enums()[:2])

    def _starts_run(self, p: int, label: Label, end: int) -> bool:
        """An enumeration run inside a sentence: first member here, the second after "; "."""
        firsts = [r for r in label.readings if r.ordinal == 1]
        if not firsts:
            return False
        before = self.text[max(0, p - 40):p]
        if P.STRUCTURE_TAIL.search(before.rstrip("( ")) and not before.rstrip().endswith(":"):
            return False
        base, window = self._run_window(end)
        for r in firsts:
            members = [(base + at, lab) for at, lab in self._run_members(window, end - base, r)]
            if members:
                for pos, lab in members:
                    self.pending_inline[pos] = lab
                return True
        return False

    def _run_window(self, end: int) -> tuple[int, str]:
        """The text a run's members are looked for in, from a little before ``end`` (what the
        patterns look behind at) to the next labelled line or blank line: ``(offset, text)``."""
        s = self.text
        limit = min(len(s), end + 2500)
        m = _NEXT_LINE_LABEL.search(s, end, limit)
        stop = m.start() if m else limit
        blank = s.find("\n\n", end, stop)
        base = max(0, end - 16)
        return base, s[base:blank if blank >= 0 else stop]

    def _run_members(self, window: str, end: int, first: object) -> list[tuple[int, Label]]:
        from .labels import Reading

        assert isinstance(first, Reading)
        members: list[tuple[int, Label]] = []
        want = 2.0
        pos = end
        while True:
            found_at = None
            for start in inline_candidates(window, pos, len(window)):
                got = read_enum(window, start)
                if got is None:
                    continue
                lab, _ = got
                if self.family.fold_case:
                    lab = fold_case(lab)
                if any(r.type == first.type and r.ordinal == want for r in lab.readings):
                    if _RUN_SEPARATOR.search(window[max(0, start - 12):start]):
                        found_at = (start, lab, got[1])
                    break
            if found_at is None:
                break
            members.append((found_at[0], found_at[1]))
            pos = found_at[2]
            want += 1
        return members

    # -- unlabeled lines -------------------------------------------------------------------

    def _unlabeled_line(self, line: _Line, raw: str, content: int) -> None:
        stripped = raw.strip()
        if self.b.top.kind is Kind.QUOTED and not self.b.top.children and \
                stripped.endswith("—"):
            return  # quoted words that lead into quoted provisions ("“title XIX—" / "“(i) ...")
        new_paragraph = self.blank_before or P.terminal_tail(self.prev_tail) \
            or self._is_headline(self.prev_tail) or not self.b.nodes
        if stripped.startswith("Provided") and P.PROVISO_LINE.match(stripped):
            self.b.proviso(line.start, flush=True, further=stripped.startswith("Provided further"))
            return
        owner = self._flush_owner(line, stripped)
        if owner is not None:
            self.b.continuation(owner, line.start)
            return
        term = self._definition_term(content)
        if self.definitions_mode and self._caps_term(stripped) and new_paragraph:
            self.b.unlabeled(Kind.DEFINITION, line.start, term=stripped)
            return
        if self.b.top.kind is Kind.DEFINITION and self._caps_term(self.prev_tail):
            return  # the text of the term on the line above
        if P.DEFINITION_INTRO.search(stripped):
            self.definitions_mode = True
        if term and new_paragraph and (self.b.top is self.b.root or (
                self.b.section() is not None and
                self.b.top.kind in (Kind.SECTION, Kind.DEFINITION))):
            # (with nothing open: a definitions section whose heading was not retrieved)
            self.b.unlabeled(Kind.DEFINITION, line.start, term=term)
            return
        if new_paragraph and _SENTENCE_END.search(self.prev_tail):
            # After a sentence end, the next appropriation's heading ("business systems
            # modernization", "Harry S Truman Scholarship Foundation") or "This Act may be
            # cited as ..." after the act's last items closes what is open; neither is more
            # words of the provision before (see _in_appropriations)
            if self._is_heading_line(stripped) and self._in_appropriations():
                self.b.unlabeled(Kind.HEADING, line.start, heading=stripped)
                return
            if _RUN_IN_APPROPRIATION.match(stripped) and self._in_appropriations():
                # a heading run into its appropriation ("cybersecurity enhancement account
                # For salaries and expenses ...", "(including transfer of funds) For ..."):
                # in lower case, as printed in small capitals, before a "For" that opens it
                self._appropriation(self.b.unlabeled(Kind.BLOCK, line.start), stripped)
                return
            if _CITED_AS.match(stripped) and self._in_appropriations(items=True):
                self.b.unlabeled(Kind.BLOCK, line.start)  # the act's sentence, as its XML has it
                return
            if self._in_appropriations() and self._items_run_in(line):
                # the paragraph after one whose items are run into its line ("... including:
                # (1) incidental expenses such as meals; (2) ...; (3) ... Analysis." and then
                # "In addition to the foregoing appropriation, ..."): a paragraph of its own
                self._appropriation(self.b.unlabeled(Kind.BLOCK, line.start), stripped)
                return
        if not self.b.in_container_context() or not new_paragraph:
            return
        if self._is_heading_line(stripped):
            self.b.unlabeled(Kind.HEADING, line.start, heading=stripped)
        else:
            self._appropriation(self.b.unlabeled(Kind.BLOCK, line.start), stripped)

    def _appropriation(self, block: Node, stripped: str) -> None:
        """A paragraph of a title or division that opens with its heading run into its text
        (see ``_RUN_IN_HEADING``) has that heading, as the act's XML gives it."""
        if not self.unwrapped or block.parent is None or \
                block.parent.kind not in _HOLDS_APPROPRIATIONS:
            return
        m = _RUN_IN_HEADING.match(stripped)
        if m is None and _under_heading(block):
            # right under its agency's heading, an account's heading in small capitals opens
            # a paragraph whatever its first word ("United States Mint" / "united states mint
            # public enterprise fund Pursuant to section 5136 ...")
            m = _RUN_IN_ACCOUNT.match(stripped)
        if m is not None:
            block.heading = " ".join(m.group("heading").split())

    def _flush_owner(self, line: _Line, stripped: str) -> Node | None:
        """If this line is flush text (words printed after a provision's items that go on with
        the provision itself: "(7) increases ... personnel ...," then "unless prior approval is
        received ..."), the provision it goes on with, else ``None``.

        Only where lines are paragraphs (a print wrapped at a width breaks items anywhere),
        after an item with words of its own, and where the next line does not go on with the
        item's run (a source that broke an item in two, "(1) against ... this Act," /
        "liquidated damages ...;" / "(2) ..."). The line is flush text when it goes on with the
        sentence the items broke off (it opens in lower case after an item ending in a comma),
        or, in quoted matter, when it is printed without the quotation mark that opens each of
        its paragraphs (as GPO prints flush text: "Amounts paid to any such candidates shall
        be ...”."). It goes with the innermost provision open above the item whose own words
        lead into a list ("... for each such payment to the account—"); where none does, the
        line is not flush text."""
        if not self.unwrapped:
            return None
        top = self.b.top
        if not top.is_enum or top.label_span is None or \
                not self.text[top.label_span[1]:line.start].strip():
            return None
        unmarked = self.quote_style == "marks" and self.b.in_quoted() and \
            not _OPEN_QUOTE.match(stripped)
        if not unmarked and not (stripped[0].islower() and _ENDS_IN_COMMA.search(self.prev_tail)):
            return None
        if self._item_follows(line, top):
            return None
        node = top.parent
        while node is not None and not node.floor and node.children:
            lead = self.text[node.label_span[1] if node.label_span else node.start:
                             node.children[0].start]
            if _LEADS_IN.search(lead):
                return node
            if not node.is_enum:
                return None
            node = node.parent
        return None

    def _item_follows(self, line: _Line, item: Node) -> bool:
        """Does the next line open with the label of the item after ``item``?"""
        j = self._next_index(self._index_of(line))
        if j is None:
            return False
        nxt = self.lines[j]
        label, _ = self._read_label(self._content_start(nxt), self._markup(nxt))
        return label is not None and label.kind is None and item.followed_by(label)

    def _in_appropriations(self, *, items: bool = False) -> bool:
        """Is what is open something an appropriation's heading or short title closes? Numbered
        items (or their provisos) of an unnumbered paragraph ("(1) not to exceed ..."), or a
        section of a title and its items ("Sec. 526. ..." of general provisions printed among
        the appropriations; with ``items``, only once items or provisos of it are open), in a
        text whose lines are paragraphs (a print wrapped at about 70 characters ends lines
        anywhere). Quoted matter, and sections outside a title or division (a code's), are
        not."""
        if not self.unwrapped:
            return False
        stack = self.b.stack
        k = self._holder_of_items()
        node = stack[k]
        if node.kind is Kind.SECTION:
            return (node.parent is not None and node.parent.kind in _HOLDS_APPROPRIATIONS
                    and not self.b.in_quoted() and (not items or k < len(stack) - 1))
        return k < len(stack) - 1 and node.kind is Kind.BLOCK and not node.floor

    def _holder_of_items(self) -> int:
        """Where in the stack what holds the open items and provisos is (the top, if none)."""
        stack = self.b.stack
        k = len(stack) - 1
        while k > 0 and (stack[k].is_enum or stack[k].kind is Kind.PROVISO):
            k -= 1
        return k

    def _items_run_in(self, line: _Line) -> bool:
        """Are the items open those of an unnumbered paragraph printed whole on the line before
        ``line`` (its items run into it)?"""
        holder = self.b.stack[self._holder_of_items()]
        return holder.kind is Kind.BLOCK and \
            self.text.find("\n", holder.start, line.start - 1) < 0

    def _definition_term(self, pos: int) -> str | None:
        s = self.text[pos:pos + 300]
        m = P.DEFINITION.match(s) or P.DEFINITION_BARE.match(s)
        return m.group("term").strip() if m else None

    @staticmethod
    def _caps_term(stripped: str) -> bool:
        words = stripped.split()
        return 0 < len(words) <= 8 and stripped.isupper() and not stripped.endswith((".", ":"))

    @staticmethod
    def _is_heading_line(stripped: str) -> bool:
        """A short line without closing punctuation: an appropriations or agency heading."""
        return len(stripped) <= 120 and not _ENDS_PUNCTUATED.search(stripped)

    # -- quoted matter and tables of contents ----------------------------------------------

    def _after_line(self, line: _Line, raw: str, lowered: str | None) -> None:
        """``lowered``: the line's :func:`lower_for_prefilter` text."""
        node = self.b.top
        if _TOC_START.search(raw, lowered) and \
                not re.search(r"\bamended\b", raw):
            nxt = self._next_nonblank(line)
            if nxt is not None:
                self._start_toc(self.lines[nxt].start)
                return
        # The provision's text so far: its last 200 characters first (a long provision is
        # not copied on each of its lines).
        end = self.text[max(node.start, line.end - 200):line.end]
        if end.endswith("inserting") and self._inserts_block(line):
            self._open_quote(line)
            return
        if not P.may_end_instruction(end) or \
                not _QUOTING_INSTRUCTION.search(end, lower_for_prefilter(end)):
            return
        own = self.text[node.start:line.end]
        if re.search(r"\bamended\b|\badding\b|\bto read\b|\badded\b|\breenacted\b|\binserting\b",
                     own, re.I):
            self._open_quote(line)

    def _inserts_block(self, line: _Line) -> bool:
        """ "(A) by striking “title XIX, during” and inserting" / "“title XIX—" / "“(i) during”;":
        words inserted as a block of lines, without "the following:", where lines are
        paragraphs (in a print wrapped at a width, "and inserting" / "“y”;" is one phrase
        wrapped) and the next line opens a quotation left open at its end."""
        if not self.unwrapped or self.family.name != "federal":
            return False
        nxt = self._next_nonblank(line)
        if nxt is None:
            return False
        first = self.lines[nxt].text(self.text).strip()
        return first.startswith("“") and "”" not in first

    def _start_toc(self, start: int) -> None:
        self.b.unlabeled(Kind.TOC, start)
        self._toc_numbers = []
        self._toc_containers = set()
        self._toc_path = []

    def _ny_toc_starts(self, line: _Line, raw: str) -> bool:
        """NY articles open with a list: "SECTION 676. SHORT TITLE." then "676-A. ..." lines."""
        if not _NY_ARTICLE_SECTION.match(raw):
            return False
        nxt = self._next_nonblank(line)
        return nxt is not None and re.match(
            r"\s*\d+[\w-]*\. [A-Z]", self.lines[nxt].text(self.text)) is not None

    def _next_nonblank(self, line: _Line) -> int | None:
        idx = self._index_of(line) + 1
        while idx < len(self.lines) and not self.lines[idx].text(self.text).strip():
            idx += 1
        return idx if idx < len(self.lines) else None

    def _index_of(self, line: _Line) -> int:
        lo, hi = 0, len(self.lines) - 1
        while lo < hi:
            mid = (lo + hi) // 2
            if self.lines[mid].start < line.start:
                lo = mid + 1
            else:
                hi = mid
        return lo

    @staticmethod
    def _section_number(stripped: str) -> str | None:
        t = _unmarked(stripped)
        found = read_section(t, 0) or read_container(t, 0)
        if found and found[0].kind is Kind.SECTION:
            return found[0].value.upper()
        m = _NUMBER_DOT.match(t)
        return m.group(1).upper() if m else None

    def _toc_continues(self, i: int) -> int | None:
        """``None`` while line ``i`` is part of the table of contents, else where text resumes.

        The text resumes at a division, title ... heading the table already listed (each is
        listed once), or at a section it listed that is followed by text rather than by the
        next entry; headings printed just above such a section go with it.
        """
        raw = self.lines[i].text(self.text).strip()
        if len(raw) > 320 and self._label_line_kind(raw) is None:
            return i  # running text: a table has only labels and headings
        container = read_container(_unmarked(raw), 0)
        if container and container[0].kind not in (None, Kind.SECTION):
            label = container[0]
            path = self._toc_path
            while path and path[-1][0] >= label.rank:
                path.pop()
            path.append((label.rank, label.value))
            key = "/".join(f"{r}:{v}" for r, v in path)
            if key in self._toc_containers:
                return i
            self._toc_containers.add(key)
            return None
        number = self._section_number(raw)
        if number is None:
            return None
        if number in self._toc_numbers and self._toc_entry_end(i) is None:
            back = i
            while back - 1 >= 0:
                prev = self.lines[back - 1].text(self.text).strip()
                found = read_container(_unmarked(prev), 0) if prev else None
                if prev and not (found and found[0].kind not in (None, Kind.SECTION)):
                    break
                back -= 1
            return back
        self._toc_numbers.append(number)
        return None

    def _toc_entry_end(self, i: int) -> int | None:
        """If line ``i`` looks like a table-of-contents entry, the index of the line after it.

        An entry is a section label with at most a short heading, followed (possibly after its
        heading on its own line) by another label line, never by text or an enumeration.
        """
        raw = self.lines[i].text(self.text).strip()
        number = self._section_number(raw)
        if number is None or len(raw) > 150 or re.search(r"\.\s+\S.*\.\s+\S", raw):
            return None
        j = self._next_index(i)
        if j is None:
            return None
        nxt = self.lines[j].text(self.text).strip()
        if self._label_line_kind(nxt) is None and len(nxt) <= 320 and not read_enum(nxt, 0):
            j = self._next_index(j)
            if j is None:
                return None
            nxt = self.lines[j].text(self.text).strip()
        return j if self._label_line_kind(nxt) in ("section", "container") else None

    def _label_line_kind(self, stripped: str) -> str | None:
        t = _unmarked(stripped)
        found = read_container(t, 0)
        if found:
            return "section" if found[0].kind is Kind.SECTION else "container"
        if self.family.fold_case and _NUMBER_DOT_CAPITAL.match(t):
            return "section"
        return None

    def _implicit_toc(self, i: int) -> bool:
        """Three table-of-contents entries in a row, with no trigger line (title-level lists)."""
        j: int | None = i
        for _ in range(3):
            if j is None:
                return False
            while j is not None and self._label_line_kind(
                    self.lines[j].text(self.text).strip()) == "container":
                j = self._next_index(j)
            if j is None:
                return False
            j = self._toc_entry_end(j)
        return j is not None

    def _reclaim_toc_headings(self, start: int) -> int:
        """Where an untriggered table of contents starts: before the headings just placed that
        are its first entries ("Subtitle A—[Reserved]" ...), known because each of them is
        printed again after the table; a heading that is not printed again is real.
        """
        b = self.b
        run: list[Node] = []
        for node in reversed(b.nodes):
            if node.children and not all(c in run for c in node.children):
                break
            if node.label is None or node.kind is Kind.SECTION or \
                    node.rank >= RANKS[Kind.SECTION]:
                break
            run.append(node)
        reclaim = [n for n in run if self._printed_again(n)]
        if not reclaim:
            return start
        first = min(reclaim, key=lambda n: n.start)
        for node in [n for n in run if n.start >= first.start]:
            # the nodes just placed: looked for from the end of a long text's thousands
            k = len(b.nodes) - 1
            while b.nodes[k] is not node:
                k -= 1
            del b.nodes[k]
            assert node.parent is not None
            node.parent.children.remove(node)
            if node in b.stack:
                b.stack.remove(node)
        return first.start

    def _printed_again(self, node: Node) -> bool:
        """Is this container label printed again before a container of higher rank?"""
        assert node.label is not None
        i = self._index_of(_Line(node.start, node.start)) + 1
        for j in range(i, min(len(self.lines), i + 600)):
            found = self._container_line(j)
            if not found or found[0].kind in (None, Kind.SECTION):
                continue
            if found[0].rank < node.rank:
                return False
            if found[0].kind is node.label.kind and found[0].value == node.label.value:
                return True
        return False

    def _container_line(self, j: int) -> tuple[Label, int] | None:
        """The container or section label line ``j`` opens with, its markup left out; kept,
        as the run of headings a table of contents reclaims looks ahead over the same lines
        for each of them."""
        if j not in self._containers:
            self._containers[j] = read_container(
                _unmarked(self.lines[j].text(self.text).strip()), 0)
        return self._containers[j]

    def _next_index(self, i: int) -> int | None:
        j = i + 1
        while j < len(self.lines) and not self.lines[j].text(self.text).strip():
            j += 1
        return j if j < len(self.lines) else None

    def _open_quote(self, line: _Line) -> None:
        nxt = self._next_nonblank(line)
        if nxt is None:
            return
        first = self.lines[nxt].text(self.text).lstrip()
        marks = bool(_OPEN_QUOTE.match(first)) and self.family.name in ("federal", "generic")
        style = "marks" if marks else "until-section"
        if self.family.name in ("federal",) and not marks:
            if not self._quoted_unmarked(first):
                return
            style = "unmarked"
        self.quote_outer_section = self._outer_number()
        self.quote_style = style
        # The law and the place amended are read from the instructions on the way down
        # ("Section 9033(b) of the X Act is amended—", "(1) in paragraph (2)—").
        instructions = self._instructions(line)
        opened = self.b.quoted(self.lines[nxt].start, self._targets(instructions, line.start))
        if opened is not None and instructions and P.TOC_INSTRUCTION.search(instructions[-1]):
            # "by inserting after the item relating to section 303 the following new item:":
            # what is quoted is a table's items ("Sec. 304. Same day registration."), not
            # sections; the table ends with the quotation
            self._start_toc(self.lines[nxt].start)

    def _quoted_unmarked(self, first: str) -> bool:
        """A rendering that dropped the quotation marks but prints the bill's own labels in
        bold or as headings ("**(C)**" / "by adding at the end the following:" / "(f) Law
        enforcement access ..." / "##### (c) Emergencies ..."): the matter an instruction
        inserts is the lines after it whose labels are printed plain, up to the next label in
        markup (``quote_style`` "unmarked")."""
        top = self.b.top
        if top.label_span is None or not (read_enum(first, 0) or read_section(first, 0)):
            return False
        line_start = self.text.rfind("\n", 0, top.label_span[0]) + 1
        return self._markup(_Line(line_start, top.label_span[1])) is not None

    def _instructions(self, line: _Line) -> list[str]:
        """The own texts of the open provisions (inside the innermost quoted matter, if any)
        to the end of ``line``, outermost first, labels left off, whitespace collapsed."""
        stack = self.b.stack
        first = next((k + 1 for k in range(len(stack) - 1, -1, -1)
                      if stack[k].kind is Kind.QUOTED or k == 0), 1)
        owns = []
        for node in stack[first:]:
            start = node.label_span[1] if node.label_span else node.start
            end = node.children[0].start if node.children and node is not stack[-1] \
                else line.end
            # (a rendering's markup after a label, "**(A)** in subsection (a)—", is no word)
            owns.append(" ".join(self.text[start:end].split()).lstrip("*# "))
        return owns

    def _outer_number(self) -> int | None:
        """The number of the bill section (or top-level item) giving the instruction."""
        numbered = [n for n in self.b.stack if n.label is not None and not n.in_quote]
        for node in numbered:
            if node.kind is Kind.SECTION:
                m = _SECTION_NUMBER.match(node.label.value) if node.label else None
                return int(m.group(0)) if m else None
        if numbered and numbered[0].label and numbered[0].label.value.isdigit():
            return int(numbered[0].label.value)
        return None

    def _maybe_end_quote(self, line: _Line, raw: str) -> None:
        if self.quote_style is None or not self.b.in_quoted():
            self.quote_style = None
            return
        stripped = raw.lstrip()
        if self.quote_style == "marks":
            if not _OPEN_QUOTE.match(stripped) and not self._lost_mark(stripped):
                self._end_quote()
            return
        if self.quote_style == "unmarked":
            if self._markup(line) is not None:  # the bill's own next label
                self._end_quote()
            return
        found = read_section(stripped, 0) or read_enum(stripped, 0)
        if found is None:
            return
        label, end = found
        rest = stripped[end:end + 30]
        mixed = any(c.islower() for c in rest)
        num = _SECTION_NUMBER.match(label.value)
        if num and self.quote_outer_section is not None and \
                int(num.group(0)) == self.quote_outer_section + 1 and mixed and \
                label.value.isdigit():
            self._end_quote()

    def _lost_mark(self, stripped: str) -> bool:
        """A line of quoted matter whose opening mark was lost (H.R. 1 as reported prints
        "(A) The contribution is made directly ..." between quoted lines): the line above did
        not close the quotation, and this one opens with an item's label, not a section's or
        a container's (which begin the bill's next provision), or the line above broke off
        inside a sentence ("... could be changed," then "the determination of ..."), or it
        closes the quotation itself ("Amounts paid to any such candidates ...”.")."""
        if _CLOSES_QUOTE.search(self.prev_tail) or read_container(stripped, 0) is not None:
            return False
        return read_enum(stripped, 0) is not None or \
            _MID_SENTENCE.search(self.prev_tail) is not None or \
            ("“" not in stripped and _CLOSES_QUOTE.search(stripped) is not None)

    def _end_quote(self) -> None:
        self.b.close_quoted()
        self.quote_style = "marks" if self.b.in_quoted() else None
