"""Comparison keys: the one normalisation step, kept apart from the display text.

Display text is what was printed; it is never changed. A *comparison key* is derived from it and
guarantees, for any input string:

1. Unicode NFC; then case folded (NY prints new matter in capitals, so case is not wording).
2. Every space-like character (NBSP, thin, figure, ideographic spaces, tabs, newlines) is one
   ASCII space; runs of them are one space; no leading or trailing space.
3. Soft hyphens, zero-width spaces and joiners, BOMs and other format characters are removed.
4. Curly single and double quotes, primes and GPO's doubled apostrophes/backticks fold to
   ``'`` and ``"``; every dash (hyphen, en, em, minus, figure dash, ``--``) folds to ``-``.
5. A word broken at a line end ("IDENTIFI-\\n ER") is joined, and a hyphen between two letters
   is dropped ("semi-automated" and "semiautomated" agree), so re-wrapping never changes a key.
6. ``key(key(s)) == key(s)`` (idempotent), and :func:`fold` maps every key character back to the
   display offset it came from.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from .prefilter import quick

_SPACES = ("\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a"
           "\u202f\u205f\u3000\t")
_LINE_ENDS = "\n\r\x0b\x0c\u0085\u2028\u2029"
# Format characters (Unicode category Cf): soft hyphen, zero-width and bidi marks, tags.
_INVISIBLE = ("\u00ad\u0600\u0601\u0602\u0603\u0604\u0605\u061c\u06dd\u070f\u180e"
              + "".join(chr(c) for c in range(0x200B, 0x2010))
              + "".join(chr(c) for c in range(0x202A, 0x202F))
              + "".join(chr(c) for c in range(0x2060, 0x2065))
              + "".join(chr(c) for c in range(0x2066, 0x2070))
              + "\ufeff\ufff9\ufffa\ufffb"
              + "".join(chr(c) for c in range(0xE0001, 0xE0002))
              + "".join(chr(c) for c in range(0xE0020, 0xE0080)))
_SINGLE_QUOTES = "\u2018\u2019\u201a\u201b\u2032\u0060\u00b4"
_DOUBLE_QUOTES = "\u201c\u201d\u201e\u201f\u2033\u00ab\u00bb"
_DASHES = "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d"

_INVISIBLE_SET = frozenset(_INVISIBLE)  # removed: what follows them joins what precedes them
_CHAR_MAP: dict[int, str] = {}
_CHAR_MAP.update({ord(c): " " for c in _SPACES})
_CHAR_MAP.update({ord(c): "\n" for c in _LINE_ENDS})
_CHAR_MAP.update({ord(c): "" for c in _INVISIBLE})
_CHAR_MAP.update({ord(c): "'" for c in _SINGLE_QUOTES})
_CHAR_MAP.update({ord(c): '"' for c in _DOUBLE_QUOTES})
_CHAR_MAP.update({ord(c): "-" for c in _DASHES})

# Applied in order on the character-mapped string; each keeps an origin per output character.
_DOUBLED = re.compile(r"''|--+")
# (The hyphen patterns open with a look-behind, which ``re`` would try at every position;
# :func:`~legcompare.prefilter.quick` has them tried only at a hyphen.)
_LINE_BREAK_HYPHEN = quick(re.compile(r"(?<=[^\W\d_])- *\n[ \n]*(?=[^\W\d_])"))
_INNER_HYPHEN = quick(re.compile(r"(?<=[^\W\d_])-(?=[^\W\d_])"))
# "Representa- tives": a hyphen left dangling where a line number or a line end was removed,
# but not a suspended hyphen ("short- and long-term").
_DANGLING_HYPHEN = quick(re.compile(r"(?<=[^\W\d_])- +(?!(?:and|or|to|through)\b)(?=[a-z])"))
_RUNS_OF_SPACE = re.compile(r" {2,}")
# Hangul jamo compose with the character before them, like combining marks.
_JAMO = re.compile("[\u1100-\u11ff\u3130-\u318f\ua960-\ua97f\ud7b0-\ud7ff]")


@dataclass(frozen=True)
class Folded:
    """A comparison key and, for each of its characters, the display offset it came from."""

    key: str
    origin: tuple[int, ...]
    """``origin[i]`` is the display offset of ``key[i]``; ``origin[len(key)]`` is the end."""


def key(text: str) -> str:
    """The comparison key of ``text`` (see the module docstring for the guarantees).

    Equal to ``fold(text).key``, computed without the offset map (this is the hot path)."""
    s = unicodedata.normalize("NFC", _translate(unicodedata.normalize("NFC", text)).casefold())
    # Each pass runs only where the characters it needs occur (the same result, faster).
    if "''" in s or "--" in s:
        s = _DOUBLED.sub(_undouble, s)
    if "\n" in s:
        if "-" in s:
            s = _LINE_BREAK_HYPHEN.sub("", s)
        s = s.replace("\n", " ")
    if "-" in s:
        s = _INNER_HYPHEN.sub("", _DANGLING_HYPHEN.sub("", s))
    if "  " in s:
        s = _RUNS_OF_SPACE.sub(" ", s)
    return s.strip(" ")


# A word broken at a line end, in display text (a hyphen, a non-breaking hyphen or a soft
# hyphen): the part before the break, the hyphen, and (looked ahead at, so that a run of breaks
# is read) the part after it.
_DISPLAY_BREAK = re.compile(r"([^\W\d_]+)([-\u2010\u2011\u00ad])[ \t]*(?:\r\n?|\n)\s*"
                            r"(?=([^\W\d_]+))")
# A hyphen with a letter after it (a literal first: ``re`` finds it fast), the letters before
# it (searched for in a short stretch that ends at it) and the letters after it.
_HYPHEN_LETTER = re.compile(r"-(?=[^\W\d_])")
_LETTERS_BEFORE = re.compile(r"[^\W\d_]+\Z")
_LETTERS = re.compile(r"[^\W\d_]+")
_TENS = frozenset({"twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"})


def readable(text: str, page: str | None = None) -> str:
    """Display text as one line, for reading it out of its page (a quote, a term): each run of
    whitespace is one space, and a word broken at a line end is joined ("BIOMETRIC IDENTIFI-"
    / "ER" reads "BIOMETRIC IDENTIFIER"), unless the hyphen is the word's own: a compound that
    ``page`` (the whole text the excerpt comes from) prints elsewhere with its hyphen on one
    line ("THIRD-PARTY"), or a number ("TWENTY-FIVE"). The display text itself is never
    changed; this is only its reading."""
    if "\n" in text or "\r" in text:
        text = _DISPLAY_BREAK.sub(lambda m: _joined(m, page), text)
    return " ".join(text.split())


def _joined(m: re.Match[str], page: str | None) -> str:
    """A word broken at a line end (a match of ``_DISPLAY_BREAK``) joined: its part before the
    break, with the hyphen where the hyphen is the word's own (see :func:`readable`)."""
    before, hyphen, after = m.group(1), m.group(2), m.group(3)
    own = hyphen != "\u00ad" and (
        before.casefold() in _TENS or (page is not None and
                                       f"{before}-{after}".casefold() in _compounds(page)))
    return f"{before}-" if own else before


def unbroken(text: str, page: str | None = None) -> tuple[str, list[int] | None]:
    """``text`` with its words broken at line ends joined as :func:`readable` joins them
    ("LAND-" / "LORDS" reads "LANDLORDS"; "THIRD-" / "PARTY", a compound ``page`` prints
    whole, "THIRD-PARTY"), its other characters as they are; and where each of its positions
    is in ``text`` (``None`` when no word is broken: the same text). A pattern that reads
    words finds them in the first, and their span in ``text`` through the second."""
    if "\n" not in text and "\r" not in text:
        return text, None
    pieces: list[str] = []
    where: list[int] = []
    kept = 0
    for m in _DISPLAY_BREAK.finditer(text):
        part = _joined(m, page)
        pieces.append(text[kept:m.start()] + part)
        where.extend(range(kept, m.start() + len(part)))
        kept = m.end()
    if not pieces:
        return text, None
    pieces.append(text[kept:])
    where.extend(range(kept, len(text) + 1))
    return "".join(pieces), where


@lru_cache(maxsize=2)
def _compounds(page: str) -> frozenset[str]:
    """The hyphenated compounds printed on one line in ``page``, case folded: two runs of
    letters joined by a hyphen, read one after another ("A-B-C" gives "a-b"), found from the
    hyphens out. A pattern tried at every letter read a 10 MB bill in 0.7 s; this, 0.04 s."""
    out: set[str] = set()
    last = 0  # (where the compound before ends: the next may not start inside it)
    for m in _HYPHEN_LETTER.finditer(page):
        at = m.start()
        if at <= last:
            continue
        lo = max(last, at - 64)
        before = _LETTERS_BEFORE.search(page, lo, at)
        while before is not None and before.start() == lo > last:  # (a longer word)
            lo = max(last, lo - 64)
            before = _LETTERS_BEFORE.search(page, lo, at)
        if before is None:
            continue
        after = _LETTERS.match(page, at + 1)
        assert after is not None  # (the look-ahead saw a letter)
        out.add(page[before.start():after.end()].casefold())
        last = after.end()
    return frozenset(out)


def _undouble(m: re.Match[str]) -> str:
    return '"' if m.group(0) == "''" else "-"


# ``str.translate(_CHAR_MAP)`` looks every character up in the dict; a regex finds the few
# mapped ones several times faster. Astral characters (tags) are rare: translated when present.
_MAPPED_BMP = re.compile("[" + "".join(f"\\u{c:04x}" for c in sorted(_CHAR_MAP) if c <= 0xFFFF)
                         + "]")
_ASTRAL = re.compile("[\U00010000-\U0010ffff]")
_BY_CHAR = {chr(c): out for c, out in _CHAR_MAP.items()}


def _map_char(m: re.Match[str]) -> str:
    return _BY_CHAR[m.group()]


def _translate(s: str) -> str:
    """``s.translate(_CHAR_MAP)``, faster."""
    s = _MAPPED_BMP.sub(_map_char, s)
    return s.translate(_CHAR_MAP) if _ASTRAL.search(s) else s


def fold(text: str, base: int = 0) -> Folded:
    """Compute the comparison key of ``text`` with an offset map back into it.

    ``base`` is added to every origin, so a clause's key maps into document offsets.
    """
    s, org = _fold_characters(text)
    # The passes of :func:`key`, each where the characters it needs occur (as there).
    if "''" in s or "--" in s:
        s, org = _sub(_DOUBLED, _undouble, s, org)
    if "\n" in s:
        if "-" in s:
            s, org = _sub(_LINE_BREAK_HYPHEN, "", s, org)
        s = s.replace("\n", " ")  # one character for one: the origins stay
    if "-" in s:
        s, org = _sub(_DANGLING_HYPHEN, "", s, org)
        s, org = _sub(_INNER_HYPHEN, "", s, org)
    if "  " in s:
        s, org = _sub(_RUNS_OF_SPACE, " ", s, org)
    start = len(s) - len(s.lstrip(" "))
    end = len(s.rstrip(" "))
    s, org = s[start:end], org[start:end]
    end_origin = len(text) if not org else _end_of(org[-1], text)
    return Folded(s, (*(map(base.__add__, org) if base else org), end_origin + base))


def _fold_characters(text: str) -> tuple[str, list[int]]:
    """Each cluster of ``text`` through :func:`_fold_cluster`, with the offset each output
    character came from. When no character joins the one before it (no combining marks, jamo
    or format characters), every character is its own cluster: the text is folded with one
    ``str.translate`` from a table of the characters' folds (the same result, faster)."""
    distinct = set(text)
    new = distinct - _PLAIN
    if any(unicodedata.combining(c) or _JAMO.match(c) or c in _INVISIBLE_SET for c in new):
        chars: list[str] = []
        origin: list[int] = []
        for i, cluster in _clusters(text):
            for out in _fold_cluster(cluster):
                chars.append(out)
                origin.append(i)
        return "".join(chars), origin
    table = _FOLDS
    for c in new:
        if ord(c) not in table:
            table[ord(c)] = _fold_cluster(c)
    _PLAIN.update(c for c in new if len(table[ord(c)]) == 1)
    folded = text.translate(table)
    if distinct <= _PLAIN:
        return folded, list(range(len(text)))
    return folded, [i for i, c in enumerate(text) for _ in table[ord(c)]]


_FOLDS: dict[int, str] = {}
"""The fold of each single character met so far (a few hundred distinct ones in practice)."""
_PLAIN: set[str] = set()
"""The characters met so far that join no character before them and fold to one character:
a text made of them alone is folded without looking at each of its characters again."""


def _clusters(text: str) -> list[tuple[int, str]]:
    """Split into a base character and its combining marks, with the offset of each group.

    NFC works within such groups, so normalising group by group keeps offsets exact.
    """
    out: list[tuple[int, str]] = []
    for i, ch in enumerate(text):
        if out and (unicodedata.combining(ch) or _JAMO.match(ch) or ch in _INVISIBLE_SET):
            start, group = out[-1]
            out[-1] = (start, group + ch)
        else:
            out.append((i, ch))
    return out


def _end_of(last: int, text: str) -> int:
    return last + 1 if last < len(text) else len(text)


def _fold_cluster(cluster: str) -> str:
    """NFC, character map, case fold, NFC: what :func:`key` does to the whole text."""
    mapped = unicodedata.normalize("NFC", cluster).translate(_CHAR_MAP)
    return unicodedata.normalize("NFC", mapped.casefold())


def _sub(pattern: re.Pattern[str], repl: object, s: str, org: list[int]) -> tuple[str, list[int]]:
    """``re.sub`` that keeps the origin list in step (replacement chars take the match start)."""
    out: list[str] = []
    out_org: list[int] = []
    pos = 0
    for m in pattern.finditer(s):
        out.append(s[pos : m.start()])
        out_org.extend(org[pos : m.start()])
        r = repl(m) if callable(repl) else str(repl)
        out.append(r)
        out_org.extend([org[m.start()]] * len(r))
        pos = m.end()
    out.append(s[pos:])
    out_org.extend(org[pos:])
    return "".join(out), out_org
