"""Headings and defined terms, read from the text right after a label."""

from __future__ import annotations

import re

from ..model import Kind
from ..normalize import readable
from . import patterns as P

_MD_BOLD_HEADING = re.compile(r"\s*(?P<h>[^*\n]{1,160}?)\*\*")
_DASH_HEADING = re.compile(r"\s*(?P<h>[A-Z][^\n]{0,150}?)(?:\.—|\.--|—|--)")
_CAPS_HEADING = re.compile(r"\s*(?P<h>[A-Z][A-Z0-9 ,;'’&()/-]{1,150}?)\.(?=\s*\S|\s*$)")
# (before a capital, a quotation, a parenthesis or a first subdivision's number: "§ 4. Biometric
# surveillance regulation task force.  1.  (a)  There is ...")
_SECTION_HEADING = re.compile(r"\s*(?P<h>[A-Z(][^\n]{0,150}?)\.(?=\s+[A-Z“\"(]|\s+\d{1,3}\.\s|"
                              r"\s*$)")


_NAMED_KINDS = frozenset({Kind.SECTION, Kind.DIVISION, Kind.TITLE, Kind.SUBTITLE, Kind.CHAPTER,
                          Kind.SUBCHAPTER, Kind.PART, Kind.SUBPART, Kind.ARTICLE})


def heading_after(text: str, end: int, kind: Kind, markup: str | None,
                  paragraphs: bool = False) -> str | None:
    """The heading printed after a label ending at ``end``, or ``None``. ``paragraphs``: are
    the text's lines paragraphs (see below)?"""
    window = text[end:end + 400]
    line = window.split("\n", 1)[0]
    if markup == "heading":
        return line.strip().rstrip(".") or None
    if markup == "bold":
        m = _MD_BOLD_HEADING.match(window)
        return m.group("h").strip() or None if m else None
    m = _DASH_HEADING.match(window)
    if m and "\n" not in m.group("h") and len(m.group("h")) <= 150:
        return m.group("h").strip()
    # (a newline read as a space, one for one: the match's span is the window's, so that a
    # word the print broke at a line end, "DEFI-" / "NITIONS", is read whole from it)
    m = _CAPS_HEADING.match(window.replace("\n", " "))
    if m and sum(c.isalpha() for c in m.group("h")) >= 3:
        words = readable(window[m.start("h"):m.end("h")], text).split()
        if kind in _NAMED_KINDS or len(words) <= 6:
            return " ".join(words)
    if kind not in _NAMED_KINDS:
        # a numbered paragraph's heading is marked (dash, capitals, markup), or, where lines
        # are paragraphs (the US Code as the Office of the Law Revision Counsel prints it),
        # is a line of its own: "(b) Consumer product safety requirements which impose
        # performance standards more stringent than Federal standards" / "Subsection (a) ...".
        # (In a print wrapped at a width, such a line is the first of a sentence.)
        if paragraphs and _own_line(line, window):
            return line.strip()
        return None
    m = _SECTION_HEADING.match(line)
    if m and not P.PROSE.search(m.group("h")):
        return m.group("h").strip()
    rest = line.strip().strip(".—- ")
    after = window[len(line) + 1:].lstrip(" \t")
    if rest and len(rest) <= 160 and not re.search(r"[.;:]\s", rest) and \
            not P.PROSE.search(rest) and not (after[:1].islower() and not line.rstrip()
                                               .endswith((".", "—", ":"))):
        return rest
    return None



_LINE_END_MARK = re.compile(r"[.;:,—)”\"'*-]\s*$")
_SENTENCE_BREAK = re.compile(r"[.;:]\s")


def _own_line(line: str, window: str) -> bool:
    """Is the rest of a label's line a heading of its own: a phrase with no mark at its end and
    no sentence in it, a line starting with a capital after it?"""
    rest = line.strip()
    after = window[len(line) + 1:].lstrip(" \t")
    return (0 < len(rest) <= 160 and rest[:1].isupper() and after[:1].isupper()
            and _LINE_END_MARK.search(rest) is None and _SENTENCE_BREAK.search(rest) is None
            and P.PROSE.search(rest) is None)


_MD_BOLD_LEAD = re.compile(r"^[^*\n]{0,120}\*\*\s*")
_HEADING_LEAD = re.compile(r"^\s*(?:[A-Z][\w ,'’-]{0,80}?(?:\.—|\.--|\.(?=[A-Z]))|\*\*)")
_HYPHEN_BREAK = re.compile(r"(?<=\w)-\s*\n\s*(?=\w)")
_QUOTES = "“\"‘'`"
# "In this section, the term “X” means ..." (H.R. 2157 § 104(c), H.R. 1 § 1012(e)), "For purposes
# of section 301(8)(A)(iii), the term ...": the scope of a definition before it, and an article
# before a quoted term ("In this title, a ‘participating candidate’ means ...").
_SCOPE_LEAD = re.compile(r"(?:In|For (?:the )?purposes of|As used in) (?:this|such|(?:sub)?section|"
                         r"paragraph|subparagraph|clause|part|title|subtitle|chapter|division)\b"
                         r"[^,.;:“\"]{0,60},\s+(?:(?:an?|any)\s+(?=[“\"‘'`]))?", re.I)


def defined_term(text: str, pos: int) -> str | None:
    """The term a provision defines, if its own text (from ``pos``) is a definition."""
    window = text[pos:pos + 400]
    if "**" in window:
        window = _MD_BOLD_LEAD.sub("", window)  # a Markdown bold heading
    window = _HEADING_LEAD.sub("", window).lstrip()
    if window[:1] in "IiFfAa" and (lead := _SCOPE_LEAD.match(window)) is not None:
        window = window[lead.end():]
    # A definition opens with a quotation mark or "the term" (in any case: re.IGNORECASE
    # folds no other character into t, h or e), so most texts need no matching at all.
    if window[:1] not in _QUOTES and window[:3].lower() != "the":
        return None
    m = P.DEFINITION.match(window) or P.DEFINITION_BARE.match(window)
    if not m:
        return None
    return " ".join(_HYPHEN_BREAK.sub("", m.group("term")).split())
