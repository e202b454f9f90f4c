"""A cheap, exact test that a regular expression *cannot* match a text.

Rule and role patterns (``rules/*.toml``) are case-insensitive alternations such as
``\\bshall\\b|\\bmust\\b``; Python's ``re`` tries every alternative at every word boundary, so
searching thousands of clauses with a dozen of them is the slow part of reading a long bill.
Most of those searches fail. :class:`Prefilter` reads the compiled pattern once and finds words
that every match must contain (here ``{"shall", "must"}``); when none of them occurs in the
lower-cased text, the search is skipped — its answer would have been "no match".

Exactness: the words are taken from the parsed pattern (literal characters in sequence, the
alternatives of a group, a repeat that must occur at least once), so any match contains one of
them. A text holding one of the four characters that ``re.IGNORECASE`` equates with an ASCII
letter but ``str.lower`` does not (``İ ı ſ K``) is always searched. A pattern the reader does
not understand gets no prefilter (always searched). ``tests/test_prefilter.py`` checks both
against the real rule files.
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Sequence
from collections.abc import Set as AbstractSet
from operator import itemgetter
from typing import Any, TypeVar

import ahocorasick

# The regular expression parser of the standard library (``re._parser``; ``sre_parse`` is
# its deprecated alias). Private, so everything read from it is checked and any surprise
# means "no prefilter".
_parser: Any = importlib.import_module("re._parser")
_c: Any = importlib.import_module("re._constants")

# Non-ASCII characters that ``re.IGNORECASE`` matches with an ASCII letter (İ ı ſ K): a text
# with one of them is never prefiltered (``str.lower`` does not turn them into that letter).
FOLDS_TO_ASCII = "\u0130\u0131\u017f\u212a"
_MIN_WORD = 2  # a required "word" of one character says little; still exact


class Prefilter:
    """Whether ``pattern`` occurs in a text, answered without scanning the whole text where
    its parse shows how: a text without any of the words every match contains has no match
    (``needles``); a pattern every match of which *starts* with one of some words
    (``leading``) can only match where one of them occurs, so it is tried there alone."""

    __slots__ = ("_plans", "_searcher", "leading", "needles", "pattern")

    def __init__(self, pattern: re.Pattern[str]) -> None:
        self.pattern = pattern
        self._searcher: re.Pattern[str] | None = None  # quick(pattern), made when first searched
        self.needles: tuple[str, ...] | None = required_words(pattern)
        self.leading: tuple[str, ...] | None = leading_words(pattern)
        self._plans: dict[AbstractSet[str], _Plan] = {}  # by ``known`` (see :func:`_plan`)

    def excludes(self, lowered: str | None) -> bool:
        """Is a match surely absent from the text whose :func:`lower_for_prefilter` is
        ``lowered`` (none of the words every match contains occurs in it)?"""
        needles = self.needles
        if needles is None or lowered is None:
            return False
        return all(needle not in lowered for needle in needles)

    def search(self, text: str, lowered: str | None) -> re.Match[str] | None:
        """``pattern.search(text)``; ``lowered`` is ``text.lower()`` when the caller may skip
        (see :func:`lower_for_prefilter`), else ``None`` (always searched)."""
        needles = self.needles
        if needles is not None and lowered is not None:
            for needle in needles:
                if needle in lowered:
                    break
            else:
                return None
        searcher = self._searcher
        if searcher is None:  # (made on first use: a run that never searches pays nothing)
            searcher = self._searcher = quick(self.pattern)
        return searcher.search(text)

    def occurs(self, text: str, lowered: str | None, found: AbstractSet[str] | None = None,
               known: AbstractSet[str] = frozenset()) -> bool:
        """``pattern.search(text) is not None``, tried only where a match can start.
        ``found``: which of the needles of a :class:`Needles` holding this filter's occur in
        ``lowered`` (they are then not looked for one by one); ``known``: that automaton's
        words (:attr:`Needles.words`), so that a leading word among them and not found is not
        looked for either."""
        leading = self.leading
        if leading is None or lowered is None:
            return self.search(text, lowered) is not None
        needles = self.needles
        if found is not None and needles is not None:
            if found.isdisjoint(needles):
                return False
        else:
            for needle in needles or ("",):
                if needle in lowered:
                    break
            else:
                return False
        match = self.pattern.match
        plan = self._plans.get(known)
        if plan is None:
            plan = self._plans[known] = _plan(leading, known)
        at_start, at_lines, unknown, among = plan
        if at_start and match(text, 0):
            return True
        if at_lines:  # (after each line end)
            at = lowered.find("\n")
            while at >= 0:
                if match(text, at + 1):
                    return True
                at = lowered.find("\n", at + 1)
        # the words the automaton looked for are tried only where it found them
        for word in unknown + tuple(among if found is None else among.intersection(found)):
            at = lowered.find(word)
            while at >= 0:
                if match(text, at):
                    return True
                at = lowered.find(word, at + 1)
        return False


_Plan = tuple[bool, bool, tuple[str, ...], frozenset[str]]


def _plan(leading: Sequence[str], known: AbstractSet[str]) -> _Plan:
    """How :meth:`Prefilter.occurs` tries the leading words, given an automaton's ``known``
    words: whether a match may start at the start of the text, or of any line; the words it
    always looks for itself; and those it tries only where the automaton found them (its
    words, when the caller says which it found: each one absent is then skipped without a
    look). Which position is tried first changes no answer."""
    words = [w for w in leading if w not in (START, LINE_START)]
    return (START in leading or LINE_START in leading, LINE_START in leading,
            tuple(w for w in words if w not in known),
            frozenset(w for w in words if w in known))


_VALUE = itemgetter(1)
"""The needle of an automaton's (end, needle) pair."""


class Needles:
    """The needles of several prefilters, all found in one pass over a text: an Aho–Corasick
    automaton (pyahocorasick), where looking for each needle in turn scans the text once per
    needle (a clause's role is tried against a hundred of them)."""

    __slots__ = ("_automaton", "words")

    def __init__(self, filters: Sequence[Prefilter | None]) -> None:
        automaton = ahocorasick.Automaton()
        self.words = frozenset(n for f in filters if f is not None for n in f.needles or ())
        for needle in sorted(self.words):
            automaton.add_word(needle, needle)
        automaton.make_automaton()
        self._automaton = automaton

    def found(self, lowered: str) -> set[str]:
        """The needles that occur in ``lowered`` (for :meth:`Prefilter.occurs`)."""
        if self._automaton.kind != ahocorasick.AHOCORASICK:
            return set()  # no needles at all
        return set(map(_VALUE, self._automaton.iter(lowered)))  # (the pairs read in C)


def lower_for_prefilter(text: str) -> str | None:
    """``text.lower()``, or ``None`` when the text holds a character that makes the
    lower-cased text unfit for the test."""
    if not text.isascii() and ("\u0130" in text or "\u0131" in text or "\u017f" in text
                               or "\u212a" in text):
        return None
    return text.lower()


def required_words(pattern: re.Pattern[str]) -> tuple[str, ...] | None:
    """Lower-case ASCII strings one of which occurs in every match, or ``None``."""
    try:
        found = _required(_parsed(pattern))
    except Exception:
        return None
    if found is None or min(len(w) for w in found) < _MIN_WORD:
        return None
    return tuple(sorted(found))


def _parsed(pattern: re.Pattern[str]) -> list[tuple[Any, Any]]:
    """The items of ``pattern`` as ``re``'s parser reads them, parsed once per pattern (its
    required words, its leading words and its quick search each read them; parsing is most of
    what compiling a pattern costs), a fresh list each time. Raises what the parser raises."""
    key = (pattern.pattern, pattern.flags)
    found = _PARSED.get(key)
    if found is None:
        found = _PARSED[key] = tuple(_parser.parse(pattern.pattern, pattern.flags))
    return list(found)


_PARSED: dict[tuple[str, int], tuple[tuple[Any, Any], ...]] = {}
"""The items of each pattern read so far, by its text and flags (see :func:`_parsed`)."""


def leading_words(pattern: re.Pattern[str]) -> tuple[str, ...] | None:
    """Lower-case ASCII strings one of which every match starts with, or ``None``.

    Offsets in ``text.lower()`` are offsets in ``text`` (see :func:`lower_for_prefilter`), so a
    match can only start where one of them occurs there. Two markers, never words (a word is
    ASCII), stand for positions: :data:`START`, the start of the text (where a match of an
    alternative that begins with ``\\A``, or ``^`` without ``re.MULTILINE``, starts), and
    :data:`LINE_START`, the start of the text or of a line (``^`` with it)."""
    try:
        found = _leading(_parsed(pattern), bool(pattern.flags & re.MULTILINE))
    except Exception:
        return None
    words = [len(w) for w in found if w not in (START, LINE_START)] if found is not None else []
    if found is None or min(words, default=_MIN_WORD) < _MIN_WORD:
        return None
    return tuple(sorted(found))


_ZERO_WIDTH = ("AT", "ASSERT", "ASSERT_NOT")
START = "\u27e8start\u27e9"
"""In :func:`leading_words`: a match may start at the start of the text."""
LINE_START = "\u27e8line start\u27e9"
"""In :func:`leading_words`: a match may start at the start of the text or of a line."""


def _leading(items: Sequence[tuple[Any, Any]], multiline: bool) -> frozenset[str] | None:
    """The words a match of the sequence ``items`` starts with (``None``: not known), or the
    markers :data:`START` and :data:`LINE_START`."""
    i = 0
    while i < len(items) and str(items[i][0]) in _ZERO_WIDTH:
        # \b, ^, look-arounds: they test the position, the match starts there
        op, av = items[i]
        if op is _c.AT and av is _c.AT_BEGINNING_STRING:
            return frozenset({START})
        if op is _c.AT and av is _c.AT_BEGINNING:
            return frozenset({LINE_START if multiline else START})
        i += 1
    if i == len(items):
        return None
    op, av = items[i]
    if op is _c.LITERAL and av < 128:
        run = []
        while i < len(items) and items[i][0] is _c.LITERAL and items[i][1] < 128:
            run.append(chr(items[i][1]))
            i += 1
        return frozenset({"".join(run).lower()})
    if op is _c.SUBPATTERN:  # (group, flags added, flags removed, items)
        return _leading(list(av[-1]), (multiline or bool(av[1] & re.MULTILINE)) and
                        not av[2] & re.MULTILINE)
    if op is _c.ATOMIC_GROUP:
        return _leading(list(av), multiline)
    if op in (_c.MAX_REPEAT, _c.MIN_REPEAT, _c.POSSESSIVE_REPEAT) and av[0] >= 1:
        return _leading(list(av[2]), multiline)
    if op is _c.BRANCH:
        union: set[str] = set()
        for alternative in av[1]:
            got = _leading(list(alternative), multiline)
            if got is None:
                return None
            union |= got
        return frozenset(union)
    return None


def _required(items: Sequence[tuple[Any, Any]]) -> frozenset[str] | None:
    """The best set of required words of a sequence of pattern items (``None``: none known)."""
    candidates: list[frozenset[str]] = []
    run: list[str] = []

    def close_run() -> None:
        if run:
            candidates.append(frozenset({"".join(run).lower()}))
            run.clear()

    for op, av in items:
        if op is _c.LITERAL and av < 128:
            run.append(chr(av))
            continue
        close_run()
        sub: frozenset[str] | None = None
        if op is _c.SUBPATTERN:
            sub = _required(list(av[-1]))
        elif op in (_c.MAX_REPEAT, _c.MIN_REPEAT, _c.POSSESSIVE_REPEAT) and av[0] >= 1:
            sub = _required(list(av[2]))
        elif op is _c.BRANCH:
            union: set[str] = set()
            for alternative in av[1]:
                got = _required(list(alternative))
                if got is None:
                    union = set()
                    break
                union |= got
            sub = frozenset(union) if union else None
        elif op is _c.ATOMIC_GROUP:
            sub = _required(list(av))
        if sub:
            candidates.append(sub)
    close_run()
    if not candidates:
        return None
    return max(candidates, key=lambda words: (min(len(w) for w in words), -len(words)))


_CACHE: dict[int, Prefilter] = {}
"""Prefilters by ``id`` of their pattern: hashing a compiled pattern hashes its code each time
(a microsecond, asked a hundred thousand times by ``covers``); each entry holds its pattern,
so no other pattern can take its ``id`` while it is here."""


def prefilter(pattern: re.Pattern[str]) -> Prefilter:
    """The :class:`Prefilter` of ``pattern``, made once."""
    found = _CACHE.get(id(pattern))
    if found is None:
        found = _CACHE[id(pattern)] = Prefilter(pattern)
    return found


_V = TypeVar("_V")
_TABLES: dict[int, tuple[object, tuple[Any, ...]]] = {}
""":func:`filters` by ``id`` of the table, each entry holding its table (so no other table can
take the ``id``)."""


def filters(table: Sequence[tuple[_V, re.Pattern[str]]]) -> tuple[tuple[_V, Prefilter], ...]:
    """``((value, prefilter(pattern)), ...)`` for a table of ``(value, pattern)`` pairs, made
    once per table: a fact sheet searches its few tables with every sentence of a law (on a
    10 MB text, a million ``prefilter`` lookups, one per pattern per search, before this)."""
    found = _TABLES.get(id(table))
    if found is None:
        found = _TABLES[id(table)] = (table, tuple((v, prefilter(p)) for v, p in table))
    return found[1]


class FirstChar:
    """Whether any of some patterns may match at ``pos``, from the character there alone: the
    parse of each pattern gives the characters its matches can start with (here used for the
    labels a line may open with: "DIVISION", "SEC.", "§", "(a)" ...). A pattern whose first
    character is not known this way (case-insensitive, a negated class ...) makes the test
    always true."""

    __slots__ = ("chars", "digits", "known")

    def __init__(self, patterns: Sequence[re.Pattern[str]]) -> None:
        chars: set[str] = set()
        digits = False
        known = True
        for pattern in patterns:
            found = None
            if not pattern.flags & re.IGNORECASE:
                try:
                    found = _first(_parsed(pattern))
                except Exception:
                    found = None
            if found is None:
                known = False
                break
            chars |= found[0]
            digits = digits or found[1]
        self.chars = frozenset(chars)
        self.digits = digits
        self.known = known

    def may_match(self, text: str, pos: int) -> bool:
        if not self.known:
            return True
        ch = text[pos:pos + 1]
        return bool(ch) and (ch in self.chars or (self.digits and ch.isdecimal()))


def quick(pattern: re.Pattern[str]) -> re.Pattern[str]:
    """``pattern``, searched faster: the same pattern behind a look-ahead for the characters
    its matches can start with, ``(?=[...])(?:pattern)``.

    ``re`` looks ahead for a literal prefix or a class a pattern starts with, but not past
    ``\\b``, a look-behind, an alternation of words or ``re.IGNORECASE`` (``\\b(?:shall|may)``
    with it, ``(?<=\\w)-``): such a pattern is tried at every position of the text. Behind the
    look-ahead it is tried only where one of its first characters is (two to three times
    faster on the amounts and dates of a bill). Same matches, groups and flags: the look-ahead
    is zero-width, compiled with the pattern's own flags (under ``re.IGNORECASE`` its class
    matches what the pattern's letters match), and it holds every character a match can start
    with. ``pattern`` itself when those characters are not known (a negated class, a scoped
    case flag ...), or when ``re`` looks ahead already (case-sensitive, no assertion first).

    Made once per pattern (compiling it costs about as much as compiling the pattern), then
    looked up: called where the search is made, it costs a run that never searches nothing."""
    found = _QUICK.get(id(pattern))
    if found is not None:
        return found[1]
    try:
        items = _parsed(pattern)
        slow = bool(pattern.flags & re.IGNORECASE) or _opens_with_assertion(items)
        first = _first(items) if slow else None
    except Exception:
        first = None
    quicker = pattern
    if first is not None and (first[0] or first[1]):
        chars = "".join(re.escape(c) for c in sorted(first[0])) + ("\\d" if first[1] else "")
        end = "\n)" if pattern.flags & re.VERBOSE else ")"  # past a closing comment
        try:
            quicker = re.compile(f"(?=[{chars}])(?:{pattern.pattern}{end}", pattern.flags)
        except re.error:  # e.g. "(?i)..." (global flags must open the pattern)
            quicker = pattern
    _QUICK[id(pattern)] = _QUICK[id(quicker)] = (pattern, quicker)  # quick(quick(p)): quick(p)
    return quicker


def plain(pattern: re.Pattern[str]) -> re.Pattern[str]:
    """The pattern :func:`quick` made ``pattern`` from (``pattern`` itself if none)."""
    found = _QUICK.get(id(pattern))
    return found[0] if found is not None else pattern


def _opens_with_assertion(items: Sequence[tuple[Any, Any]]) -> bool:
    """Does a match of the sequence (or of one of its alternatives) begin with a zero-width
    test (``\\b``, ``^``, a look-around)?"""
    if not items:
        return False
    op, av = items[0]
    if str(op) in _ZERO_WIDTH:
        return True
    if op is _c.SUBPATTERN:
        return _opens_with_assertion(list(av[-1]))
    if op is _c.BRANCH:
        return any(_opens_with_assertion(list(alternative)) for alternative in av[1])
    return False


_QUICK: dict[int, tuple[re.Pattern[str], re.Pattern[str]]] = {}
"""(pattern, its :func:`quick` pattern) by ``id`` of either (held: no other takes the ``id``)."""

_MAX_RANGE = 512


def _first(items: Sequence[tuple[Any, Any]]) -> tuple[frozenset[str], bool] | None:
    """The characters a match of the sequence starts with, and whether a decimal digit may
    (``\\d``); ``None`` when not known or when the sequence may match nothing."""
    i = 0
    while i < len(items) and str(items[i][0]) in _ZERO_WIDTH:
        i += 1
    if i == len(items):
        return None
    op, av = items[i]
    if op is _c.LITERAL:
        return frozenset({chr(av)}), False
    if op is _c.IN:
        chars: set[str] = set()
        digits = False
        for item_op, item_av in av:
            if item_op is _c.LITERAL:
                chars.add(chr(item_av))
            elif item_op is _c.RANGE and item_av[1] - item_av[0] < _MAX_RANGE:
                chars.update(chr(c) for c in range(item_av[0], item_av[1] + 1))
            elif item_op is _c.CATEGORY and item_av is _c.CATEGORY_DIGIT:
                digits = True
            else:
                return None
        return frozenset(chars), digits
    if op is _c.SUBPATTERN:
        if av[1] & re.IGNORECASE:
            return None
        return _first(list(av[-1]))
    if op is _c.BRANCH:
        out: set[str] = set()
        any_digit = False
        for alternative in av[1]:
            got = _first(list(alternative))
            if got is None:
                return None
            out |= got[0]
            any_digit = any_digit or got[1]
        return frozenset(out), any_digit
    if op in (_c.MAX_REPEAT, _c.MIN_REPEAT, _c.POSSESSIVE_REPEAT):
        body = _first(list(av[2]))
        if body is None or av[0] >= 1:
            return body
        rest = _first(items[i + 1:])  # an optional part: the match may start after it
        if rest is None:
            return None
        return body[0] | rest[0], body[1] or rest[1]
    return None
