"""Amending instructions parsed into target, action, struck and inserted text.

``parse(text)`` reads the instructions US drafting uses, in order of their place in ``text``:

* ``by striking “X” and inserting “Y”`` (or ``a period``, ``a comma``: a replacement), with
  ``each place it appears``, ``and all that follows through “Z”`` (or to the end of the target:
  ``and all that follows``), a place of its own (``by striking “9 months” in paragraph (1) and
  inserting``, ``the period at the end of clause (v)``, ``in clauses (ii) and (iv)``: a list of
  places is one place phrase, :func:`places` its places), and unquoted objects (``the period at
  the end``, ``“and” after the semicolon``);
* ``by striking “X”`` (a deletion); ``by striking all that precedes “X”`` (from the start of
  the target to X: ``precedes``; X may be a provision, ``all that precedes subsection (c)``);
  ``by striking subsection (b)`` (and ``inserting the following: “...”``): a provision, or a
  list of them, struck whole (``provision``), and so is a sentence (``by striking the last
  sentence``, ``by amending the first sentence of paragraph (1) to read as follows``) and a
  part above a section (``by striking subparts H, I, and J``: :func:`names_containers`);
* ``by inserting “Y” after “X”`` / ``before`` (``by adding “or” after the comma``; with a place
  of its own and ``each place it appears``, as for struck words); ``by inserting “and” at the
  end (of paragraph (2))``; ``by inserting after subparagraph (D) the following: “...”`` and
  ``by adding (inserting) at the end (of subsection (b)) the following: “...”`` (an insertion
  of a quoted block; ``the following sentence: “...”`` runs on after the target's last words,
  an insertion of words);
* ``by redesignating subparagraph (E) as subparagraph (F)`` (or lists and ranges of them,
  ``respectively``); ``by amending paragraph (2) to read as follows: “...”`` (a provision
  restated);
* ``is amended to read (as follows)`` (a restatement), ``is repealed``, and ``by adding a new
  section 50-b`` / ``Section 832.19 is added to the Penal Code`` / Virginia's ``by adding (in
  Article 1 of Chapter 17 of Title 15.2) a section numbered 15.2-1723.2`` / Massachusetts's
  ``by adding the following section:- Section 8N.`` (a new section). Virginia's ``§§ 15.2-1723.2
  and 23.1-815.1 of the Code of Virginia are amended and reenacted`` is unread: its print runs
  struck and inserted words together in text.

An item of a table of contents (``by inserting after the item relating to section 6050W the
following new item``, ``by striking the item relating to section 902``, ``by redesignating the
items relating to sections 307 and 308 as relating to sections 308 and 309``, ``by amending the
item relating to section 901 to read as follows``) is marked ``item``; "(and by striking the
item relating to such section ...)" after ``by striking section 6431`` is that section's item.
A sentence is a place (``in the second sentence``; ``The first sentence of section 9006(c) is
amended``: the section, then its sentence). A designation may carry a note that names no other
place (``subsection (h) (as so redesignated)``, ``(as added by section 14201)``, ``section 408
(42 U.S.C. 11364)``, ``, as so redesignated,``) or follow ``such``: the place is read without
them. A semicolon inside parentheses (``(Public Law 109–115; 119 Stat. 2470)``) ends no
lead-in.

Any other ``by striking``, ``by inserting``, ``by adding``, ``by redesignating`` or ``by
amending`` outside a quotation is an instruction no reader could read
(:attr:`Action.UNREAD`), with its words: listed, never dropped. (:func:`in_outline` leaves out
what a bill's front matter says: "A BILL to amend the Code of Virginia by adding ..." is its
title.)

Its guarantees: every instruction carries its span in ``text``, and the spans of the words it
quotes (``struck_span``, ``inserted_span``: ``text[span]`` is the raw quotation, paragraph marks
included); a quoted block is read to its matching closing mark, curly quotes nested, and the
opening quotation mark each quoted paragraph starts with is not part of the ``inserted`` text;
the target is every place phrase before the instruction (the ``context`` given, then ``X is
amended``, ``in subsection (b)``, ``in the matter preceding clause (i)``), then the place written
after the struck words (or the words an insertion goes next to), outermost first.
Nothing here looks at any law's text: applying instructions is :mod:`legcompare.current_law`.
"""

from __future__ import annotations

import itertools
import re
from bisect import bisect_right
from collections import deque
from collections.abc import Sequence
from dataclasses import dataclass, replace
from enum import Enum
from typing import NamedTuple

from .model import Clause, Kind, Outline, Span

__all__ = [
    "Action",
    "Instruction",
    "Quotes",
    "designations",
    "in_outline",
    "item_designations",
    "names_containers",
    "parse",
    "places",
    "quotations",
    "range_ends",
    "read_quote",
    "sentence_ordinal",
    "target_phrases",
]


class Action(str, Enum):
    """What an instruction does to its target."""

    REPLACE = "replace"  # strike X and insert Y
    STRIKE = "strike"  # strike X
    INSERT = "insert"  # insert Y after or before words or a provision
    ADD = "add"  # add Y at the end of the target, or add a new section
    REDESIGNATE = "redesignate"  # renumber a provision
    RESTATE = "restate"  # amended to read: the target's whole new text
    REPEAL = "repeal"
    UNREAD = "unread"  # "by striking ...", "by adding ..." in a form legcompare cannot read


@dataclass(frozen=True)
class Instruction:
    """One amending instruction."""

    action: Action
    target: tuple[str, ...]
    """Where it applies, outermost first (``("Section 1108(g)(5) of the Social Security Act",
    "subparagraph (C)", "the matter preceding clause (i)")``); ``()`` when nothing says."""
    struck: str | None
    """The words struck, as quoted (``.`` for "the period"); for a redesignation the old
    designation (``subparagraph (E)``)."""
    inserted: str | None
    """The words inserted (a quoted block without its paragraph marks); for a redesignation the
    new designation."""
    span: Span
    """The instruction's words in the text parsed."""
    struck_span: Span | None = None
    inserted_span: Span | None = None
    anchor: str | None = None
    """Where an insertion goes: the quoted words or the provision (``subparagraph (D)``)."""
    position: str | None = None
    """``after``, ``before`` or ``end`` for insertions and additions."""
    where: str | None = None
    """What narrows the struck words: ``at the end``, ``after the semicolon``."""
    through: str | None = None
    """``and all that follows through “Z”``: the struck words run from ``struck`` through this."""
    to_end: bool = False
    """``and all that follows``: the struck words run from ``struck`` to the end of the target
    (its last words, its subdivisions included)."""
    every: bool = False
    """``each place it appears``."""
    section: str | None = None
    """For a new section or article (``adding a new section 50-b``): its number."""
    unit: str = "section"
    """What :attr:`section` numbers: ``section`` or ``article`` (``adding a new article 32-A``)."""
    provision: bool = False
    """What is struck is a provision, not words (``by striking subsection (b) and inserting the
    following: “...”``, ``by striking paragraphs (2) and (3)``, ``by amending paragraph (2) to
    read as follows: “...”``): ``struck`` names it, and it goes whole, the inserted block in its
    place."""
    words: str | None = None
    """For an instruction that could not be read (:attr:`Action.UNREAD`): its words, to the end
    of its clause."""
    precedes: bool = False
    """``all that precedes “X”`` (or ``all that precedes subsection (c)``, a ``provision``):
    the text from the start of the target (its label included) up to ``struck`` is struck;
    ``struck`` itself stays."""
    item: bool = False
    """What is struck, redesignated or restated, or the anchor, is an item of a table of
    contents (``the item relating to section 6050W``: the table's line for that section), not
    words or a provision."""


_OPEN, _CLOSE = "“", "”"
_STRAIGHT = '"'
_PLACE = (r"(?:sub)?(?:section|paragraph|subparagraph|clause|subclause|item|subitem|subdivision|"
          r"division|title|subtitle|chapter|part|subpart|article)s?")
_DESIG = r"(?:\d[\w.-]*|\([\w.-]+\))(?:\([\w.-]+\))*"
# What a designation may carry after it, which names no other place: "(as so redesignated)",
# "(as added by section 14201)", "(as amended by section 2(a))", "(42 U.S.C. 11364)", ", as so
# redesignated,". Read as part of the place and left out of the phrase (:func:`_plain`).
_NOTE = (r"(?:\s*\((?:as\s|\d+\s+U\.S\.C\.\s)[^()]*(?:\([^()]*\)[^()]*)*\)|,\s+as\s+"
         r"(?:so\s+)?(?:added|amended|redesignated|inserted)\b[^,;:“”]{0,80}?,)")
_NOTED = _DESIG + _NOTE + "?"
_PLACE_LIST = (r"(?:such\s+)?" + _PLACE + r"\s+" + _NOTED + r"(?:,?[ \t]+(?:(?:and|or)[ \t]+)?" +
               _NOTED + r")*")
"""A place or a list of places on one line: ``paragraph (1)``, ``paragraphs (1), (2), and
(3)``, ``such clause (xxv)``, ``subsection (h) (as so redesignated)``."""
_NOTES = re.compile(r"^such\s+|" + _NOTE, re.I)
_ORDINALS = ("first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth",
             "ninth", "tenth", "last")
_ORDINAL = "|".join(_ORDINALS)
_NTH = r"the\s+(?:" + _ORDINAL + r")\s+(?:and\s+(?:" + _ORDINAL + r")\s+sentences|sentence)"
"""A sentence of a provision, by its place: ``the second sentence``, ``the last sentence``; or
two: ``the second and third sentences``."""
_NTHS = re.compile(r"the\s+(?P<a>" + _ORDINAL + r")\s+and\s+(?P<b>" + _ORDINAL + r")\s+sentences",
                   re.I)
_NTH_SENTENCE = re.compile(r"the\s+(?P<nth>" + _ORDINAL + r")\s+sentence", re.I)
# An item of a table of contents, by what it relates to: "the item relating to section 6050W",
# "the items relating to sections 305 and 306", "the item relating to part VI", "the item
# relating to 1061"
_ITEM_KIND = (r"(?:sub)?(?:section|part|chapter|title|subtitle|subchapter|division|article|"
              r"paragraph|subparagraph|clause)s?")
_ITEM_DESIG = r"(?-i:[0-9A-Z][\w.-]*?|\([\w.-]+\))(?:\([\w.-]+\))*(?=[\s,;:.]|$)"
_RELATING = (r"relating\s+to\s+(?P<kind>" + _ITEM_KIND + r"\s+)?(?P<desigs>" + _ITEM_DESIG +
             r"(?:,?\s+(?:and\s+)?" + _ITEM_DESIG + r")*)(?:\s+of\s+" + _ITEM_KIND +
             r"\s+[\w.-]+)*")
_RELATING_ANY = _RELATING.replace("?P<kind>", "?:").replace("?P<desigs>", "?:")
_ITEM = r"the\s+items?\s+" + _RELATING_ANY
_ITEM_PHRASE = re.compile(r"(?:the\s+items?\s+)?" + _RELATING, re.I)
_SUCH_ITEM = re.compile(r"(?:by\s+)?striking\s+the\s+(?P<items>items?)\s+relating\s+to\s+"
                        r"(?P<such>such\s+(?P<kind>" + _ITEM_KIND + r"))\b", re.I)
_SENTENCE_OF = re.compile(r"(?P<nth>" + _NTH + r")\s+of\s+(?P<law>.+)", re.I | re.S)
# Parts above a section, by letter or number ("subparts H, I, and J", "part VII", "title 2"):
# struck whole like provisions, though applying them is not supported (see apply); nothing is
# read as inserted next to one.
_CONTAINERS = re.compile(r"(?:sub)?(?:title|part|chapter|division)s?\s+(?-i:[A-Z]{1,7}|\d{1,3}"
                         r"[A-Z]?)(?:,?[ \t]+(?:(?:and|or)[ \t]+)?(?-i:[A-Z]{1,7}|\d{1,3}[A-Z]?))*"
                         r"(?![\w(])", re.I)
# Flush text (words printed after a provision's subdivisions that go on with the provision),
# named by the subdivision it follows or the provision it closes: "the flush language after
# clause (vii)", "the flush sentence at the end of paragraph (1)"; struck whole, as a provision.
_FLUSH_WORDS = (r"the\s+(?:flush|undesignated|concluding)\s+(?:language|text|sentences?|matter)"
                r"\s+(?P<where>after|following|at\s+the\s+end\s+of)\s+")
_FLUSH = _FLUSH_WORDS.replace("?P<where>", "?:") + _PLACE + r"\s+" + _NOTED
_FLUSH_PHRASE = re.compile(_FLUSH_WORDS + r"(?P<place>" + _PLACE + r"\s+" + _DESIG + ")", re.I)
_THING = (r"the\s+(?:period|comma|semicolon|colon|dash|em\s+dash)|" + _FLUSH + "|" + _NTH + "|" +
          _ITEM + "|" + _PLACE_LIST)
_STRIKING = re.compile(r"\b(?:by\s+)?striking\s+", re.I)
# "adding" where it means inserting: "by adding “or” after the comma", "by adding after
# subsection (d) the following"
_INSERTING = re.compile(r"\b(?:by\s+)?(?:inserting|adding)\s+", re.I)
# "the following", "the following new paragraph", "the following (new) flush sentence", "the
# following sentence"; (H.R. 2001 as introduced prints "the following:;" before its block)
_THE_FOLLOWING = (r"the\s+following(?:\s+(?:new|flush|undesignated|concluding))*(?:\s+(?:sub)?"
                  r"(?:section|paragraph|subparagraph|clause|subclause|item|sentence|matter|text|"
                  r"language|definition|part|chapter|title|subtitle)s?)?\s*:?;?\s*")
_ADDING_END = re.compile(r"\b(?:by\s+)?(?:adding|inserting)\s+at\s+the\s+end(?:\s+thereof)?"
                         r"(?:\s+of\s+(?P<place>" + _PLACE_LIST + r"))?,?\s+(?:" + _THE_FOLLOWING +
                         ")?", re.I)
# (New York also writes "Article 4 of the civil rights law is amended to add a new section 40-h")
_ADDING_NEW = re.compile(r"\b(?:(?:by\s+)?adding|to\s+add)\s+(?:a\s+)?new\s+(?P<kind>section|"
                         r"article|subdivision|paragraph|subsection)\s+(?P<number>[\w.-]+)", re.I)
_ADDED = re.compile(r"\b(?:and\s+a\s+new\s+)?(?P<kind>section|article)\s+(?P<number>[\w.-]+)\s+"
                    r"(?:is\s+added|is\s+hereby\s+added)", re.I)
# Virginia: "by adding (in Article 1 of Chapter 17 of Title 15.2) a section numbered 52-4.5";
# Massachusetts: "by adding the following section:- Section 8N. ..."
_ADDING_NUMBERED = re.compile(r"\b(?:by\s+)?adding\s+(?:in\s+[^;:]{1,120}?\s+)?a\s+(?:new\s+)?"
                              r"section\s+numbered\s+(?P<number>\d[\w.:-]*)", re.I)
_ADDING_FOLLOWING = re.compile(r"\b(?:by\s+)?adding\s+the\s+following\s+(?:new\s+)?section\s*:?-?"
                               r"\s*(?=(?:section|sec\.|§)\s*(?P<number>\d[\w.-]*))", re.I)
# Virginia's "§§ 15.2-1723.2 and 23.1-815.1 of the Code of Virginia are amended and
# reenacted": its print runs struck and inserted words together (strikethrough and italics
# are lost in text), so the sections' new text cannot be read; listed, unread
_REENACTED = re.compile(r"§§?\s*\d[\w.:-]*(?:,?\s+(?:and\s+)?\d[\w.:-]*)*\s+of\s+the\s+Code\s+of\s+"
                        r"Virginia\s+(?:is|are)\s+amended\s+and\s+reenacted", re.I)
# "redesignating subparagraph (E) as subparagraph (F)", "paragraphs (3), (4), and (5), as so
# amended, as paragraphs (2), (3), and (4), respectively", "clauses (xv) through (xvii) as ...",
# "paragraphs (3) (as amended by this Act) and (4) as ..." (the notes are the designations')
_RANGE = _PLACE + r"\s+" + _NOTED + r"\s+(?:through|to)\s+" + _NOTED
_RANGE_ENDS = re.compile(_PLACE + r"\s+\((?P<first>[\w.-]+)\)\s+(?:through|to)\s+"
                         r"\((?P<last>[\w.-]+)\)", re.I)
_REDESIGNATE = re.compile(r"\b(?:by\s+)?redesignating\s+(?P<old>" + _RANGE + "|" + _PLACE_LIST +
                          r")\s+as\s+(?P<new>" + _RANGE + "|" + _PLACE_LIST + r")"
                          r"(?:,?\s+respectively)?", re.I)
# "by redesignating the items relating to sections 307 and 308 as relating to sections 308 and
# 309, respectively"
_REDESIGNATE_ITEM = re.compile(r"\b(?:by\s+)?redesignating\s+(?P<old>" + _ITEM + r")\s+as\s+"
                               r"(?P<new>" + _RELATING_ANY + r")(?:,?\s+respectively)?", re.I)
_TO_READ = re.compile(r"\bis\s+(?:hereby\s+)?amended\s+to\s+read(?:\s+as\s+follows)?", re.I)
_COLON = re.compile(r"[ \t]*:?[ \t]*")
_REPEALED = re.compile(r"\bis\s+(?:hereby\s+)?repealed\b", re.I)
_EVERY = re.compile(r"\s+each\s+place\s+(?:it|such\s+\w+|that\s+\w+|the\s+\w+)\s+appears", re.I)
_THROUGH = re.compile(r"\s+and\s+all\s+that\s+follows\s+through\s+", re.I)
_WHERE = re.compile(r"\s+(?P<where>(?:after|before)\s+the\s+(?:semicolon|comma|period|colon)|"
                    r"at\s+the\s+end(?:\s+thereof)?|the\s+(?:first|second|last)\s+place\s+it"
                    r"\s+appears)", re.I)
# The place written after the struck words ("by striking “9 months” in paragraph (1) and
# inserting “2 years”", "by striking the period at the end of clause (v)", "in clauses (ii) and
# (iv) thereof"), taken only where the instruction goes on or ends after it.
_PLACE_END = (r"(?:\s+thereof)?(?![\w(]|,?[ ]*(?:and[ ]+|or[ ]+)?\()(?=\s*(?:[,;.:—]|$|"
              r"and\s+inserting\b|each\s+place\b|(?:after|before)\s+the\b|the\s+following\b|"
              r"the\s+(?:first|second|last)\s+place\b|and\s+all\s+that\b))")
_IN_PLACE = re.compile(r"\s+in\s+(?P<place>(?:the\s+matter\s+(?:preceding|following)\s+)?" +
                       _PLACE_LIST + r"|the\s+heading|" + _NTH + ")" + _PLACE_END, re.I)
_OF_PLACE = re.compile(r"\s+of\s+(?P<place>" + _PLACE_LIST + r")" + _PLACE_END, re.I)
_PROVISION = re.compile(_PLACE_LIST, re.I)
_AT_END = re.compile(r"\s+at\s+the\s+end(?:\s+thereof)?(?:\s+of\s+(?P<place>" + _PLACE_LIST +
                     r"))?" + _PLACE_END, re.I)
# "by amending paragraph (2) to read as follows", "by amending the first sentence of paragraph
# (1) to read as follows"
_AMENDING = re.compile(r"\b(?:by\s+)?amending\s+(?:(?P<provision>" + _PLACE_LIST + r")|(?P<item>" +
                       _ITEM + r")|(?P<sentence>" + _NTH + r")(?:\s+of\s+(?P<place>" +
                       _PLACE_LIST + r"))?)\s+to\s+read(?:\s+as\s+follows)?\s*:?\s*", re.I)
# What starts an instruction; one that no reader reads is listed as unread, up to the end of its
# clause (a semicolon, colon, dash, sentence end or line end).
_TRIGGER = re.compile(r"\bby\s+(?:striking|inserting|adding|redesignating|amending)\b", re.I)
_CLAUSE_END = re.compile(r"[;:—]|\.(?=\s|$)|\n")
_LISTED = re.compile(r"(?P<kind>" + _PLACE + r")\s+(?P<first>" + _DESIG + r")(?P<rest>(?:,?[ \t]+"
                     r"(?:(?:and|or)[ \t]+)?" + _DESIG + r")+)", re.I)
_TRAILING_AND = re.compile(r"[\s,;]*(?:(?:and|or)\s*)?$")
_PUNCTUATION_INSERTED = re.compile(r"an?\s+(?P<mark>period|comma|semicolon|colon)\b", re.I)
_TO_END = re.compile(r"\s+and\s+all\s+that\s+follows\b(?!\s+through\b)", re.I)
_UNQUOTED_END = re.compile(r"\s+and\s+all\s+that\s+(?:follows|precedes)\b", re.I)
"""(Left after ``_TO_END`` and ``_THROUGH`` have read what they can.)"""
_PRECEDES = re.compile(r"all\s+that\s+precedes\s+", re.I)
_AND_INSERTING = re.compile(r"\s*,?\s+and\s+inserting(?:\s*:\s*|\s+)", re.I)
_FOLLOWING = re.compile(_THE_FOLLOWING, re.I)
_SENTENCE = re.compile(r"\bfollowing\s+(?:new\s+)?sentences?\b", re.I)
_AFTER = re.compile(r"\s*(?P<position>after|before)\s+", re.I)
_AMENDED = re.compile(r"\s+is\s+(?:hereby\s+)?amended\b", re.I)
_SAYS_AMENDED = re.compile(r"\b(?:is|are)\s+(?:hereby\s+)?amended\b", re.I)
_IN = re.compile(r"\bin\s+(?P<place>(?:the\s+matter\s+(?:preceding|following)\s+)?" +
                 _PLACE_LIST + r"|the\s+matter\s+(?:preceding|following)\s+" + _PLACE +
                 r"\s+" + _DESIG + r"|the\s+heading|" + _NTH + ")", re.I)
# The heading of the bill provision an instruction opens ("In general.—Section 5 is amended",
# "PERIOD OF LIMITATION. Subsection (c) of section 6532 is amended"): no part of the target.
_HEADING = re.compile(r"^(?!(?i:(?:sub)?(?:title|part|chapter|division|article)\s+[\w.-]+\s*—))"
                      r"(?:[^—.]{1,150}?\.?—(?=\S)|(?:[A-Z][A-Z0-9’'&,()-]*\s+)*"
                      r"[A-Z][A-Z0-9’'&,()-]*\.\s+(?=[A-Z]))")
"""(Not a container's own dash: "Part 7—Payments ... of subtitle D of title II is amended".)"""
_THAT = re.compile(r"^(?:\d+\.\s+)?That\s+")
# A heading in sentence case, as GPO's XML gives a section's ("Nonpoint source management
# programs. Section 319(j) of the Federal Water Pollution Control Act ... is amended"): a first
# sentence before the name of a place.
_SENTENCE_HEADING = re.compile(r"^[^.—]{1,150}?\.\s+(?=(?:Sections?|Subsections?|Paragraphs?|"
                               r"Subparagraphs?|Clauses?|Title|Subtitle|Part|Subpart|Chapter|"
                               r"Subchapter|Article|Division|The|Such|So much)\b)")
# A rendering's label and heading on a line of their own, in bold or as a Markdown heading
# ("**(6) Conforming Amendments**" / "Section 2721 of title 18 ... is amended—"): no place.
_MARKUP_LINE = re.compile(r"^\s*(?:#{1,6}[ \t]+[^\n]*|\*\*[^\n]*?\*\*[ \t]*)\n")
_PROVISION_LINE = re.compile(r"(?:^|\n)[ \t]*(?P<label>\(\w{1,8}\)|SEC\.|Sec\.|SECTION\s|"
                             r"Section\s+\d|§)")
_LABEL = re.compile(r"^\s*(?:(?:SEC\.|Sec\.|SECTION|Section|§+)\s*[\w-]+\.\s+)?(?:\(\w{1,8}\)\s*)*"
                    r"(?:Provided(?:\s+further)?,\s+That\s+)?")
_PERIOD = {"period": ".", "comma": ",", "semicolon": ";", "colon": ":", "dash": "—",
           "em dash": "—"}


Quotes = dict[int, tuple[str, Span, int]]
"""Each quotation of a text by the offset of its opening mark: (its words without paragraph
marks, the raw span between the marks, the offset after the closing mark)."""
_MARKS = re.compile(r"(?m)^[ \t]*(?P<para>“|``)|(?P<mark>[“”]|``|'')")


def quotations(text: str) -> Quotes:
    """Every quotation in ``text``, in one pass. Curly quotes nest, and so do GPO's plain-text
    marks, two backquotes and two apostrophes (```` ``X'' ````); inside a quotation, an opening
    mark that starts a line opens a new paragraph of it (US drafting quotes each paragraph of a
    quoted block and closes only the last), not a nested quotation. A straight ``"`` opens a
    quotation that the next one closes. Marks that never close open nothing."""
    out: Quotes = {}
    stack: list[tuple[int, list[tuple[int, int]]]] = []  # (opening mark, paragraph marks)
    for m in _MARKS.finditer(text):
        name = "para" if m.group("para") else "mark"
        at, end = m.start(name), m.end(name)
        if text[at] == _CLOSE or text[at] == "'":
            if stack:
                start, marks = stack.pop()
                opened = [(start, start + (2 if text[start] == "`" else 1)), *marks]
                words = "".join(text[b:a] for (_, b), (a, _) in zip(
                    opened, [*marks, (at, end)], strict=True))
                out[start] = (words, (opened[0][1], at), end)
        elif m.group("para") and stack:
            stack[-1][1].append((at, end))
        else:
            stack.append((at, []))
    straight = [i for i, ch in enumerate(text) if ch == _STRAIGHT]
    for a, b in itertools.pairwise(straight):
        out[a] = (text[a + 1:b], (a + 1, b), b + 1)
    return out


def read_quote(text: str, pos: int) -> tuple[str, Span, int] | None:
    """The quotation opening at ``text[pos]`` (see :func:`quotations`), or ``None``."""
    return quotations(text).get(pos)


def _object(text: str, pos: int, q: Quotes) -> tuple[str, Span, int] | None:
    """A quotation or an unquoted thing (``the period``, ``subparagraph (D)``) at ``pos``."""
    quote = q.get(pos)
    if quote is not None:
        return quote
    m = re.compile(_THING, re.I).match(text, pos)
    if m is None:
        return None
    thing = _plain(m.group())
    word = re.sub(r"^the\s+", "", thing.lower())
    return _PERIOD.get(word, thing), m.span(), m.end()


def _containers(text: str, pos: int) -> tuple[str, Span, int] | None:
    """Parts above a section struck by letter or number at ``pos`` (``subparts H, I, and
    J``), as :func:`_object` gives a thing."""
    m = _CONTAINERS.match(text, pos)
    return (_plain(m.group()), m.span(), m.end()) if m is not None else None


def _block(text: str, pos: int, q: Quotes) -> tuple[str, Span, int] | None:
    """``the following: “...”`` (or a quotation right there) at ``pos``."""
    m = _FOLLOWING.match(text, pos)
    if m is not None:
        pos = m.end()
        while pos < len(text) and text[pos].isspace():
            pos += 1
    return q.get(pos)


def parse(text: str, *, context: Sequence[str] = ()) -> tuple[Instruction, ...]:
    """Every amending instruction in ``text``, in order (see the module docstring); each
    target is ``context`` followed by the place phrases of its lead-in in ``text`` (those it
    shares with the instructions before it in one sentence, and its own: see
    :func:`target_phrases`), then the place its struck words are in (``by striking “and” in
    clause (iv)``), which is part of the instruction and so no place of the next."""
    found: list[Instruction] = []
    table = quotations(text)
    taken = bytearray(len(text) + 1)  # inside an instruction read already
    for reader in (_strikes, _inserts, _additions, _redesignations, _amendings, _wholes):
        for ins in reader(text, table):
            if not taken[ins.span[0]]:
                found.append(ins)
                taken[ins.span[0]:ins.span[1]] = b"\1" * (ins.span[1] - ins.span[0])
    quoted = bytearray(len(text) + 1)  # the words an instruction quotes are not instructions
    for ins in found:
        if ins.inserted_span is not None:
            a, b = ins.inserted_span
            quoted[a:b] = b"\1" * (b - a)
    found = [i for i in found if not quoted[i.span[0]]]
    for start, (_, _, end) in table.items():  # nor is what any quotation holds
        quoted[start:end] = b"\1" * (end - start)
    for m in _TRIGGER.finditer(text):
        if not taken[m.start()] and not quoted[m.start()]:
            found.append(_unread(text, m.start(), m.end()))
    found.sort(key=lambda i: i.span)
    found = [_such_item(ins, text, found[k - 1] if k else None) for k, ins in enumerate(found)]
    out: list[Instruction] = []
    chain: deque[tuple[int, int]] = deque()  # the instructions before, in the same lead-in
    for ins in found:
        start = _lead_in(text, ins.span[0])  # (never earlier than the one before's)
        while chain and chain[0][0] < start:
            chain.popleft()
        out.append(_with_target(ins, text, tuple(context), start,
                                tuple((a - start, b - start) for a, b in chain)))
        chain.append(ins.span)
    return tuple(out)


def _such_item(ins: Instruction, text: str, before: Instruction | None) -> Instruction:
    """``ins``, or, for "by striking section 6431 (and by striking the item relating to such
    section in the table of sections ...)", the item of the provision struck just before."""
    m = _SUCH_ITEM.match(text, ins.span[0])
    if (m is None or ins.action is not Action.UNREAD or before is None or not before.provision
            or before.action is not Action.STRIKE or before.struck is None
            or not before.struck.lower().startswith(m.group("kind").lower())):
        return ins
    return Instruction(Action.STRIKE, (), f"the {m.group('items')} relating to {before.struck}",
                       None, ins.span, m.span("such"), item=True)


def _strikes(text: str, q: Quotes) -> list[Instruction]:
    out = []
    for m in _STRIKING.finditer(text):
        # all that precedes “X” (or a provision: "all that precedes subsection (c)"): up to it
        precedes = _PRECEDES.match(text, m.end())
        at = precedes.end() if precedes is not None else m.end()
        obj = _object(text, at, q) or _containers(text, at)
        if obj is None:
            continue
        struck, struck_span, pos = obj
        item = at not in q and _ITEM_PHRASE.fullmatch(struck) is not None
        provision = at not in q and (_PROVISION.fullmatch(struck) is not None or
                                     _FLUSH_PHRASE.fullmatch(struck) is not None or
                                     _CONTAINERS.fullmatch(struck) is not None or
                                     _NTH_SENTENCE.fullmatch(struck) is not None or
                                     _NTHS.fullmatch(struck) is not None)
        every, through, to_end, where, target, pos = _after_words(text, pos, q)
        a = _AND_INSERTING.match(text, pos)
        block = _block(text, a.end(), q) if a is not None else None
        if a is not None and block is None and (
                mark := _PUNCTUATION_INSERTED.match(text, a.end())) is not None:
            block = _PERIOD[mark.group("mark").lower()], mark.span(), mark.end()  # "a period"
        if (a is not None and block is None) or _UNQUOTED_END.match(text, pos):
            # words inserted unquoted ("and inserting y"), or struck to an end not quoted
            # ("and all that follows through the end of ...", "and all that precedes"): what
            # it does cannot be read
            out.append(_unread(text, m.start(), pos))
        elif block is not None:
            inserted, inserted_span, pos = block
            out.append(Instruction(Action.REPLACE, target, struck, inserted, (m.start(), pos),
                                   struck_span, inserted_span, where=where, through=through,
                                   to_end=to_end, every=every, provision=provision, item=item,
                                   precedes=precedes is not None))
        else:
            out.append(Instruction(Action.STRIKE, target, struck, None, (m.start(), pos),
                                   struck_span, where=where, through=through, to_end=to_end,
                                   every=every, provision=provision, item=item,
                                   precedes=precedes is not None))
    return out


class _After(NamedTuple):
    """What may follow struck words or an anchor, in any order, each once."""

    every: bool  # each place it appears
    through: str | None  # and all that follows through “Z”
    to_end: bool  # and all that follows
    where: str | None  # at the end, after the semicolon, the first place it appears
    place: tuple[str, ...]  # in paragraph (1), at the end of clause (v)
    pos: int  # where the words after them start


def _after_words(text: str, pos: int, q: Quotes) -> _After:
    """What follows the words at ``pos`` (struck words, or the words an insertion goes next
    to): ``each place it appears``, ``and all that follows (through “Z”)``, a ``where`` and a
    place of their own."""
    every = to_end = False
    through = where = place = None
    while True:
        if not every and (e := _EVERY.match(text, pos)) is not None:
            every, pos = True, e.end()
        elif (through is None and (t := _THROUGH.match(text, pos)) is not None
              and (quote := q.get(t.end()))):
            through, pos = quote[0], quote[2]
        elif not to_end and through is None and (f := _TO_END.match(text, pos)) is not None:
            to_end, pos = True, f.end()
        elif where is None and (w := _WHERE.match(text, pos)) is not None:
            where, pos = " ".join(w.group("where").split()), w.end()
            if (p := _OF_PLACE.match(text, pos)) is not None and where.startswith("at"):
                place, pos = p, p.end()
        elif place is None and (p := _IN_PLACE.match(text, pos)) is not None:
            place, pos = p, p.end()
        else:
            return _After(every, through, to_end, where, _own_place(place), pos)


def _own_place(m: re.Match[str] | None) -> tuple[str, ...]:
    """The place phrase an instruction writes itself (its ``place`` group), as a target."""
    place = m.group("place") if m is not None else None
    return (_plain(place),) if place else ()


def _plain(phrase: str) -> str:
    """A place phrase on one line, without "such" and the notes its designations carry
    (``such subsection (h) (as so redesignated)`` → ``subsection (h)``)."""
    return " ".join(_NOTES.sub("", phrase).split())


def _unread(text: str, start: int, pos: int) -> Instruction:
    """An instruction from ``start`` that no reader can read, to the end of its clause (the
    first one at or after ``pos``)."""
    e = _CLAUSE_END.search(text, pos)
    end = e.start() if e is not None else len(text)
    nxt = _TRIGGER.search(text, pos, end)  # (the next instruction is its own)
    if nxt is not None:
        end = start + len(_TRAILING_AND.sub("", text[start:nxt.start()]))
    return Instruction(Action.UNREAD, (), None, None, (start, end),
                       words=" ".join(text[start:end].split()))


def _inserts(text: str, q: Quotes) -> list[Instruction]:
    out = []
    for m in _INSERTING.finditer(text):
        quote = q.get(m.end())
        if quote is not None and (end := _AT_END.match(text, quote[2])) is not None:
            # inserting “and” at the end (of paragraph (2))
            out.append(Instruction(Action.INSERT, _own_place(end), None, quote[0],
                                   (m.start(), end.end()), None, quote[1], position="end"))
            continue
        # inserting “Y” after “X” (after subparagraph (D)), or after X the following: “Y”
        where = _AFTER.match(text, quote[2] if quote is not None else m.end())
        anchor = _object(text, where.end(), q) if where else None
        if where is None or anchor is None:
            continue
        after = _after_words(text, anchor[2], q)  # "each place it appears", "in paragraph (2)"
        if after.through is not None or after.to_end:
            continue  # (inserted next to a run of words: not read)
        pos = after.pos
        if quote is None:
            pos = pos + 1 if text[pos:pos + 1] == "," else pos
            while pos < len(text) and text[pos].isspace():
                pos += 1
            quote = _block(text, pos, q)
            if quote is None:
                continue
            pos = quote[2]
        item = where.end() not in q and _ITEM_PHRASE.fullmatch(anchor[0]) is not None
        out.append(Instruction(Action.INSERT, after.place, None, quote[0], (m.start(), pos),
                               None, quote[1], anchor=anchor[0],
                               position=where.group("position").lower(), where=after.where,
                               every=after.every, item=item))
    return out


def _additions(text: str, q: Quotes) -> list[Instruction]:
    out = []
    for m in _ADDING_END.finditer(text):
        block = q.get(m.end())
        if block is None:
            continue
        # "the following sentence" runs on after the target's last words, as words inserted
        # at the end do; a flush sentence, a paragraph or a block is new lines
        action = Action.INSERT if _SENTENCE.search(m.group()) else Action.ADD
        out.append(Instruction(action, _own_place(m), None, block[0], (m.start(), block[2]),
                               None, block[1], position="end"))
    for pattern in (_ADDING_NEW, _ADDED, _ADDING_NUMBERED, _ADDING_FOLLOWING):
        for m in pattern.finditer(text):
            unit = (m.groupdict().get("kind") or "section").lower()
            if unit in ("section", "article"):
                out.append(Instruction(Action.ADD, (), None, None, m.span(),
                                       section=m.group("number").rstrip(".").lower(), unit=unit))
            else:  # "by adding a new subdivision 3": a provision at the end of the target,
                # its text the quoted matter after (see current_law)
                out.append(Instruction(Action.ADD, (), None, None, m.span(), position="end"))
    return out


def _redesignations(text: str, q: Quotes) -> list[Instruction]:
    return [Instruction(Action.REDESIGNATE, (), _plain(m.group("old")), _plain(m.group("new")),
                        m.span(), m.span("old"), m.span("new"))
            for m in _REDESIGNATE.finditer(text)] + [
        Instruction(Action.REDESIGNATE, (), _plain(m.group("old")), _plain(m.group("new")),
                    m.span(), m.span("old"), m.span("new"), item=True)
        for m in _REDESIGNATE_ITEM.finditer(text)]


def _amendings(text: str, q: Quotes) -> list[Instruction]:
    """``by amending paragraph (2) to read as follows: “...”``: the provision struck whole and
    the block in its place."""
    out = []
    for m in _AMENDING.finditer(text):
        block = _block(text, m.end(), q)
        if block is not None:
            group = next(g for g in ("provision", "item", "sentence") if m.group(g))
            out.append(Instruction(Action.REPLACE, _own_place(m), _plain(m.group(group)),
                                   block[0], (m.start(), block[2]), m.span(group), block[1],
                                   provision=group != "item", item=group == "item"))
    return out


def item_designations(phrase: str) -> tuple[str, tuple[str, ...]]:
    """What an item phrase relates to: the level (``section`` when it names none) and each
    designation, as written: ``the items relating to sections 305 and 306`` → ``("section",
    ("305", "306"))``; ``relating to part VI`` → ``("part", ("VI",))``; ``("", ())`` for any
    other phrase."""
    m = _ITEM_PHRASE.fullmatch(" ".join(phrase.split()))
    if m is None:
        return "", ()
    kind = (m.group("kind") or "section").strip().lower()
    kind = kind[:-1] if kind.endswith("s") else kind
    return kind, tuple(re.findall(_ITEM_DESIG, m.group("desigs")))


def sentence_ordinal(phrase: str) -> int | None:
    """Which sentence a phrase names, as an index (``the second sentence``: 1, ``the last
    sentence``: -1); ``None`` for any other phrase."""
    m = _NTH_SENTENCE.fullmatch(" ".join(phrase.split()))
    if m is None:
        return None
    nth = m.group("nth").lower()
    return -1 if nth == "last" else _ORDINALS.index(nth)


def _wholes(text: str, q: Quotes) -> list[Instruction]:
    out = [Instruction(Action.REPEAL, (), None, None, m.span()) for m in _REPEALED.finditer(text)]
    for m in _TO_READ.finditer(text):
        # a new text quoted on the same line ("to read as follows: “It may.”") is the words
        # of that quotation; a block (on the lines after) is found in the bill's quoted matter
        colon = _COLON.match(text, m.end())
        assert colon is not None  # (it matches nothing at all, too)
        quote = q.get(colon.end())
        if quote is not None and "\n" not in text[m.end():quote[2]]:
            out.append(Instruction(Action.RESTATE, (), None, quote[0], (m.start(), quote[2]),
                                   None, quote[1]))
        else:
            out.append(Instruction(Action.RESTATE, (), None, None, m.span()))
    return out + [
        Instruction(Action.UNREAD, (), None, None, m.span(), words=" ".join(m.group().split()))
        for m in _REENACTED.finditer(text)]


def _with_target(ins: Instruction, text: str, context: tuple[str, ...], start: int,
                 before: tuple[tuple[int, int], ...]) -> Instruction:
    """``ins`` with its target: ``context``, then the place phrases of its lead-in (from
    ``start``), where ``before`` are the spans of the instructions before it in that lead-in
    (relative to ``start``)."""
    whole = ins.action in (Action.RESTATE, Action.REPEAL) or ins.section is not None
    return replace(ins, target=context + target_phrases(text[start:ins.span[0]], whole=whole,
                                                        before=before) + ins.target)


def _lead_in(text: str, at: int) -> int:
    """Where the lead-in of the instruction at ``at`` starts: after the last semicolon, colon
    or em dash before it (which close the item or head before), or at the start of the last
    line that opens a provision (``(a)``, ``Sec. 2.``, ``§ 3.``), whichever is later. A
    semicolon inside parentheses ("(Public Law 109–115; 119 Stat. 2470)") closes nothing."""
    end = at
    while True:
        cut = max(text.rfind(ch, 0, end) for ch in ";:—") + 1
        between = text[cut:at]
        if cut == 0 or between.count(")") <= between.count("("):
            break
        end = cut - 1  # inside a parenthesis the lead-in opened: look further back
    for m in _PROVISION_LINE.finditer(text, max(cut, text.rfind("\n", 0, max(cut - 1, 0))), at):
        cut = max(cut, m.start("label"))
    return cut


def target_phrases(text: str, *, whole: bool = False,
                   before: Sequence[tuple[int, int]] = ()) -> tuple[str, ...]:
    """The place phrases of an instruction's lead-in, outermost first: the head of ``X is
    amended`` (its label and "as added by ..." taken off), then each ``in ...``
    (``subparagraph (C)``, ``the matter preceding clause (i)``). With ``whole`` (a restatement,
    a repeal, a new section) the lead-in is itself the head.

    ``before``: the spans, in the lead-in, of the instructions that come before this one in
    the same sentence ("... is amended in subsection (a) by striking “x”, and in subsection (b)
    by striking “z”"). The ``in ...`` phrases written between the one before and this one are
    its own; with none, it takes those of the one before, and so on back. Phrases inside the
    instructions before (the quoted words, a "where") are none of its."""
    out: list[str] = []
    head = _AMENDED.search(text)
    if head is not None or whole:
        words = text[:head.start()] if head is not None else text
        words = _MARKUP_LINE.sub("", words, count=1)
        words = " ".join(_LABEL.sub("", words, count=1).split())
        words = _HEADING.sub("", words, count=1)
        words = _SENTENCE_HEADING.sub("", words, count=1)
        # a state's enacting form: "1. That §§ 15.2-1723.2 ... are amended and reenacted and
        # that the Code of Virginia" (is amended by adding ...): the last law named
        words = _THAT.sub("", words.rsplit(" and that ", 1)[-1], count=1)
        words = re.sub(r",?\s+as\s+(?:added|amended|renumbered)\b.*$|[,\s]+$", "", words)
        if words and not words.lower().startswith(("by ", "and ")):
            # "The first sentence of section 9006(c) of such Code": the section, then its
            # sentence
            of = _SENTENCE_OF.fullmatch(words)
            nth = of.group("nth") if of else ""
            out += [of.group("law"), nth[:1].lower() + nth[1:]] if of else [words]
    offset = head.end() if head is not None else 0
    places = [(offset + m.start(), _plain(m.group("place")))
              for m in _IN.finditer(text[offset:])]
    # the stretches between the instructions, the last (this instruction's own) first
    ends = [offset] + [b for _, b in before]
    starts = [a for a, _ in before] + [len(text)]
    for lo, hi in reversed(list(zip(ends, starts, strict=True))):
        own = [phrase for at, phrase in places if lo <= at < hi]
        if own:
            return (*out, *own)
    return tuple(out)


def places(phrase: str) -> tuple[str, ...]:
    """The places a place phrase names, each as its own phrase: ``paragraphs (1), (2), and
    (3)`` → ``("paragraph (1)", "paragraph (2)", "paragraph (3)")``; any other phrase is the
    one place it names; ``the second and third sentences`` → ``("the second sentence", "the
    third sentence")``."""
    two = _NTHS.fullmatch(" ".join(phrase.split()))
    if two is not None:
        return tuple(f"the {two.group(k).lower()} sentence" for k in ("a", "b"))
    m = _LISTED.fullmatch(_plain(phrase))
    if m is None:
        return (phrase,)
    kind = m.group("kind")
    kind = kind[:-1] if kind.lower().endswith("s") else kind
    rest = re.findall(_DESIG, m.group("rest"))
    return tuple(f"{kind} {d}" for d in (m.group("first"), *rest))


def flush_text(phrase: str) -> tuple[str, str] | None:
    """For a phrase naming flush text, where it is (``after`` the provision named, or at the
    ``end`` of it) and that provision's phrase: ``the flush language after clause (vii)`` →
    ``("after", "clause (vii)")``; ``None`` for any other phrase."""
    m = _FLUSH_PHRASE.fullmatch(" ".join(phrase.split()))
    if m is None:
        return None
    return ("end" if m.group("where").lower().startswith("at") else "after"), m.group("place")


def names_containers(phrase: str) -> bool:
    """Does the phrase name parts above a section by letter or number (``subparts H, I, and
    J``, ``part VII``), not a section or its subdivisions?"""
    phrase = " ".join(phrase.split())
    return _CONTAINERS.fullmatch(phrase) is not None and _PROVISION.fullmatch(phrase) is None


def range_ends(phrase: str) -> tuple[str, str] | None:
    """The first and last designations of a range of provisions, lower case: ``paragraphs (9)
    through (15)`` → ``("9", "15")``; ``None`` for any other phrase."""
    m = _RANGE_ENDS.fullmatch(_plain(phrase))
    return (m.group("first").lower(), m.group("last").lower()) if m is not None else None


def designations(phrase: str) -> tuple[str, ...]:
    """The pinpoint of a place phrase, lower case, outermost first: ``Section 1108(g)(5) of the
    Social Security Act`` → ``("1108", "g", "5")``; ``subparagraph (C)`` → ``("c",)``; ``()``
    when it names none."""
    m = re.search(_PLACE + r"\s+(?P<d>" + _DESIG + ")", phrase, re.I)
    if m is None:
        return ()
    return tuple(p.lower().rstrip(".") for p in re.findall(r"[\w.-]+", m.group("d")))


def in_outline(outline: Outline) -> tuple[tuple[Clause, Instruction], ...]:
    """Every instruction of a split bill with the clause that gives it (the innermost clause
    whose own text holds its first word), in document order. The target starts with the place
    phrases of the clause's ancestors that introduce a list (``(a) Section 1108(g)(5) of the
    Social Security Act is amended—``, ``(5) in subparagraph (F)—``), unless the instruction
    names its own law."""
    clauses = sorted(outline.walk(), key=lambda c: (c.span[0], -c.span[1]))
    starts = [c.span[0] for c in clauses]
    parents = {id(ch): c for c in outline.walk() for ch in c.children}
    out = []
    for ins in parse(outline.document.text):
        i = bisect_right(starts, ins.span[0]) - 1
        while i >= 0 and not clauses[i].span[0] <= ins.span[0] < max(clauses[i].span[1],
                                                                       clauses[i].span[0] + 1):
            i -= 1
        if i < 0:
            continue
        clause = clauses[i]
        if clause.kind is Kind.FRONT:
            continue  # "A BILL to amend ... by adding ...": a title, no instruction
        context: list[str] = []
        parent = parents.get(id(clause))
        while parent is not None:
            own = parent.text.strip()
            if own.endswith(("—", ":", "-")):
                context[:0] = target_phrases(own)
            parent = parents.get(id(parent))
        named = _AMENDED.search(outline.document.text, _lead_in(outline.document.text,
                                                                ins.span[0]), ins.span[0])
        if ins.target and named:
            context = []  # the instruction names its own law
        if ins.action is Action.UNREAD and not (
                named or context or _SAYS_AMENDED.search(ins.words or "")):
            continue  # "to amend the Code by adding ..." in a title: no instruction
        out.append((clause, replace(ins, target=(*context, *ins.target))))
    return tuple(out)
