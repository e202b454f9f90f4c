"""A clause prepared for reading: its own words as a comparison key, mapped back to the page.

Patterns in :mod:`legcompare.covers.signals` are written against comparison keys
(:func:`legcompare.normalize.key`): lower case, one space between words, curly quotes folded to
``"`` and ``'``, dashes to ``-``, words broken at a line end joined and hyphens inside words
dropped (``semi-automated`` reads ``semiautomated``). A :class:`Reading` keeps the offset map, so
every match is quoted from, and points at, the display text as printed.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cached_property

from ..assess.roles import own_text
from ..model import Clause, Span
from ..normalize import fold, key, readable
from ..prefilter import lower_for_prefilter

QUOTE_LIMIT = 240
"""Longest quote, in characters; a longer sentence is cut around the words that matter."""

_SENTENCE_END = re.compile(r"[.;](?=\s+\S)|[.;]$")
_ABBREVIATION = re.compile(r"(?:^|\s)(?:[a-z]\.)+[a-z]?$|(?:^|\s|\()(?:no|sec|secs|inc|co|st|v|"
                           r"jr|sr|mr|ms|mrs|dr|u\.s\.c|stat|ch|subd|par|art)$")
_LIST_END = re.compile(r"(?::|-|—|--)\s*$")


@dataclass(frozen=True)
class Reading:
    """A clause's own text without its label and heading, as a key with an offset map."""

    clause: Clause
    key: str
    origin: tuple[int, ...]
    """``origin[i]`` is the display offset of ``key[i]``; ``origin[len(key)]`` the end."""
    page: str
    """The document's display text (quotes are cut from it)."""

    def span(self, start: int, end: int) -> Span:
        """The display span of ``key[start:end]``."""
        if end <= start:
            return (self.origin[start], self.origin[start])
        return (self.origin[start], self.origin[end - 1] + 1)

    def words(self, start: int, end: int) -> str:
        """``key[start:end]`` as printed, read as one line (:func:`~..normalize.readable`)."""
        a, b = self.span(start, end)
        return readable(self.page[a:b], self.page)

    @cached_property
    def lowered(self) -> str | None:
        """``key.lower()`` for the prefilters (:func:`~legcompare.prefilter.lower_for_prefilter`:
        ``None`` when it cannot serve): a pattern none of whose words occur is not searched."""
        return lower_for_prefilter(self.key)

    @cached_property
    def sentences(self) -> tuple[tuple[int, int], ...]:
        """Key ranges of the sentences (split at ``.`` or ``;`` not ending an abbreviation)."""
        out: list[tuple[int, int]] = []
        start = 0
        for m in _SENTENCE_END.finditer(self.key):
            if _abbreviation_ends(self.key, start, m.start()) or self._goes_on(m.end()):
                continue
            if _NON_SPACE.search(self.key, start, m.end()):  # (not key[start:end].strip())
                out.append((start, m.end()))
            start = m.end()
        if self.key[start:].strip():
            out.append((start, len(self.key)))
        return tuple(_trimmed(self.key, a, b) for a, b in out)

    def _goes_on(self, at: int) -> bool:
        """Does the sentence go on after a period at key offset ``at - 1``: is the next word
        printed in lower case ("under paragraphs A. or B.")? (The key is case-folded; the
        printed text says.)"""
        if self.key[at - 1] != ".":
            return False
        nxt = _NON_SPACE.search(self.key, at)
        return nxt is not None and self.page[self.origin[nxt.start()]].islower()

    @cached_property
    def _sentence_starts(self) -> tuple[int, ...]:
        return tuple(a for a, _ in self.sentences)

    def sentence_at(self, at: int) -> tuple[int, int]:
        """The sentence that holds key offset ``at`` (the whole key when none does). The
        sentences are in order and do not overlap: the one that may hold it is the last to
        start at or before it."""
        k = bisect_right(self._sentence_starts, at) - 1
        if k >= 0 and at < self.sentences[k][1]:
            return self.sentences[k]
        return (0, len(self.key))

    def quote(self, start: int, end: int) -> tuple[str, Span]:
        """The sentence around ``key[start:end]``, as printed, cut to :data:`QUOTE_LIMIT`."""
        a, b = self.sentence_at(start)
        if b - a > QUOTE_LIMIT:
            a = max(a, start - QUOTE_LIMIT // 3)
            b = min(b, max(end, a + QUOTE_LIMIT))
            a, b = _word_bounds(self.key, a, b)
        while a < b and self.key[a] in "*# ":
            a += 1
        while b > a and self.key[b - 1] in "*# ":
            b -= 1
        text = self.words(a, b)
        head = "…" if a > self.sentence_at(start)[0] else ""
        tail = "…" if b < self.sentence_at(start)[1] else ""
        return head + text + tail, self.span(a, b)

    def finditer(self, pattern: re.Pattern[str], start: int = 0, end: int | None = None
                 ) -> Iterator[re.Match[str]]:
        return pattern.finditer(self.key, start, len(self.key) if end is None else end)

    @property
    def is_lead_in(self) -> bool:
        """Does the clause end by introducing its sub-provisions ("... unless:", "may not—")?"""
        return bool(self.clause.children) and bool(_LIST_END.search(self.key))


_NON_SPACE = re.compile(r"\S")


def _abbreviation_ends(key: str, start: int, end: int) -> bool:
    """Does ``key[start:end]`` end on an abbreviation (``_ABBREVIATION``)? Read from the last
    space before ``end``: a match begins there or after it (it runs to ``end`` and holds at most
    the one whitespace character it opens with), so a sentence with many abbreviated dots
    ("26 U.S.C. ... Stat. ...") is not read again from its start at each of them."""
    cut = max(key.rfind(" ", start, end), start)
    return _ABBREVIATION.search(key[cut:end]) is not None


def _trimmed(text: str, a: int, b: int) -> tuple[int, int]:
    while a < b and text[a] == " ":
        a += 1
    return (a, b)


def _word_bounds(text: str, a: int, b: int) -> tuple[int, int]:
    while 0 < a < len(text) and text[a - 1] != " ":
        a += 1
    while b < len(text) and text[b - 1] != " " and text[b] != " ":
        b -= 1
    return (a, b) if a < b else (a, min(len(text), a + QUOTE_LIMIT))


def read(clause: Clause, page: str) -> Reading:
    """The clause's own text, label and heading left out, ready for the signal patterns."""
    text = own_text(clause) if clause.label else clause.text
    base = clause.span[1] - len(text)
    folded = fold(text, base)
    k, origin = folded.key, folded.origin
    marked = clause.text.lstrip().startswith(("#", "**"))
    cut = 0 if clause.term and clause.heading and key(clause.term) == key(clause.heading) \
        else _heading_end(k, clause.heading, marked)
    return Reading(clause, k[cut:], origin[cut:], page)


_HEADING_TAIL = re.compile(r'[\s*#.:"-]*')
_PROVISION = re.compile(r"\b(?:shall|must|may|means|is|are|will)\b")
_HEADING_STOP = re.compile(r'\s*(?:\*\*|#|\.|:|-)')


def _heading_end(k: str, heading: str | None, marked: bool) -> int:
    """Where the clause's printed heading (``**(1) In general**``, ``DEFINITIONS.``) ends: a
    heading is cut only when markup sets it off, or when punctuation ends it and text follows
    (a first line that the splitter took for a heading, "This act shall take effect ...",
    stays)."""
    if not heading:
        return 0
    h = key(heading)
    if not h:
        return 0
    lead = re.match(r'[\s*#"]*', k)
    at = lead.end() if lead else 0
    if not k.startswith(h, at):
        return 0
    if not marked and not _HEADING_STOP.match(k, at + len(h)):
        return 0
    tail = _HEADING_TAIL.match(k, at + len(h))
    end = tail.end() if tail else at + len(h)
    # an unmarked "heading" that is the whole text and reads as a provision ("(a) No operator
    # may—", "This act shall take effect immediately.") is the text itself
    if not marked and not k[end:].strip() and (_LIST_END.search(k) or _PROVISION.search(h)):
        return 0
    return end
