"""The drafting conventions the splitter recognises, as data.

Each pattern is named for what it marks; the splitter never hard-codes a phrase elsewhere.
"""

from __future__ import annotations

import re

# The enacting or ordaining clause ends the front matter.
ENACTING = re.compile(
    r"(?:Be it enacted by|Be it ordained by"
    r"|THE\s+PEOPLE\s+OF\s+THE\s+STATE\s+OF\s+[A-Z\s]+,\s+REPRESENTED"
    r"|DO ENACT AS FOLLOWS:|do enact as follows"
    r"|Be it enacted\b|Resolved by the|RESOLVED,? That)",
    re.I,
)

# The Legislative Counsel's digest printed before a California bill's enacting clause.
DIGEST = re.compile(r"\s*LEGISLATIVE COUNSEL['’]?S DIGEST\s*$", re.I)

# A clause whose text ends like this introduces matter quoted into another law.
QUOTING_INSTRUCTION = re.compile(
    r"(?:to read as follows|as follows|the following(?: new)?(?: [a-z]+){0,3}"
    r"|following new [a-z]+(?: [a-z]+)?)\s*:\s*-?\s*$",
    re.I,
)


def may_end_instruction(text: str) -> bool:
    """Can ``QUOTING_INSTRUCTION`` match ``text``? Its matches end in ":", then at most a
    "-" among spaces; most lines end otherwise, and are then neither lower-cased nor
    searched."""
    tail = text.rstrip()
    return tail.endswith(":") or (tail.endswith("-") and tail[:-1].rstrip().endswith(":"))


# A table of contents starts after one of these (the lines themselves stay in the clause).
TOC_START = re.compile(r"table of contents[^.]*\bfollows\s*:?\s*$|table of contents\s*:\s*$"
                       r"|^\s*TABLE OF CONTENTS\s*$", re.I)

# An amendment of a table of contents (or of sections, of chapters): the matter it quotes is the
# table's items.
TOC_INSTRUCTION = re.compile(r"\b(?:new\s+items?|items?\s+relating\s+to|table\s+of\s+"
                             r"(?:contents|sections|chapters|parts|subtitles))\b", re.I)

# Codification history after a section: WA "[2020 c 257 § 2;]", IL "(Source: P.A. ...)",
# VA "2021, Sp. Sess. I, c. 537.", DC "(Mar. 26, 1999, D.C. Law 12-264 ...)".
HISTORY = re.compile(
    r"\s*(?:\[\d{4} c \d+ § ?\d+[^\]]*\]|\(Source: P\.A\. [^)]*\)\.?"
    r"|\d{4}(?:, Sp\. Sess\. [IVX]+)?, cc?\. \d+[^.]*\.(?: \d{4}[^.]*\.)*"
    r"|\(?[A-Z][a-z]{2}\. \d{1,2}, \d{4}, D\.C\. Law [^\n]*|\[HISTORY: [^\]\n]*\]"
    r"|\((?:Title|Chapter|Section) (?:added|amended) by Ordinance [^)\n]*\)\.?"
    r"|\((?:Added|Amended|Formerly) by Ord\. [^)\n]*\)\.?|CODIFICATION NOTE)\s*"
)
# The end matter of a slip law: approval date, then its legislative history, to the end.
END_MATTER = re.compile(r"\s*Approved [A-Z][a-z]+ \d{1,2}, \d{4}\.\s*")

# The codified citation line printed above an Illinois section: "(740 ILCS 14/5)".
SECTION_CAPTION = re.compile(r"\s*\(\d+ ILCS \d+/[\w.-]+\)\s*")

# A list of cross-references up to a designation that would go on with it: "paragraphs (1), ",
# "clauses (i), (ii), and ", "as paragraphs (2), " (the next "(2)" or "(iv)" cites, it does not
# label: "... each place it appears in paragraphs (1), (2), and (3) and inserting ...").
REFERENCE_LIST = re.compile(
    r"\b(?:sub)?(?:sections?|paragraphs?|subparagraphs?|clauses?|subclauses?|items?|subitems?"
    r"|subdivisions?)\s+\(\w{1,5}\)(?:\s*,\s*(?:and\s+|or\s+)?\(\w{1,5}\))*\s*,\s*"
    r"(?:and\s+|or\s+)?$", re.I)

# Words that, ending the previous line, make a label at the next line's start a
# cross-reference ("subsection\n(b) of Section 15") rather than structure.
STRUCTURE_TAIL = re.compile(
    r"(?:\b(?:sub)?sections?|\bparagraphs?|\bsubparagraphs?|\b(?:sub)?clauses?|\bitems?"
    r"|\bsubdivisions?|\barticles?|\bchapters?|\btitles?|\bparts?|\bdivisions?|§+"
    r"|\(\w{1,5}\)\s*(?:and|or|through|to))\s*$",
    re.I,
)
# ... and, ending a wrapped line, words after which the next line continues the sentence.
CROSS_REF_TAIL = re.compile(
    STRUCTURE_TAIL.pattern[:-5] + r"|\bof|\bunder|\bin|\bto|\bthe|\bby)\s*$", re.I)
# Endings after which a new provision may start on the next line.
TERMINAL_TAIL = re.compile(
    r"(?:[.:;—–]|-{1,2}|[.;:,]?[\"”’')\]]|\b(?:and|or|and/or)|\*\*)\s*$", re.I)
TERMINAL_LONGEST = 6
"""The longest text the group of ``TERMINAL_TAIL`` matches ("and/or"); none ends in a space."""

# Every character a match of ``CROSS_REF_TAIL`` (or ``STRUCTURE_TAIL``) can hold.
_CROSS_REF_CHARS = re.compile(r"[\w\s§()]*")


def cross_ref_tail(tail: str) -> bool:
    """``CROSS_REF_TAIL.search(tail)``, searched in the text's last run of characters a match
    can hold (a match ends at the end, so it lies in that run): a long line costs no more
    than a short one."""
    run = _CROSS_REF_CHARS.match(tail[::-1])
    start = len(tail) - (run.end() if run else 0)
    return CROSS_REF_TAIL.search(tail, start) is not None


def terminal_tail(tail: str) -> bool:
    """``TERMINAL_TAIL.search(tail)``, searched where a match can start: its group ends where
    the trailing space begins, and is at most ``TERMINAL_LONGEST`` characters long."""
    start = max(0, len(tail.rstrip()) - TERMINAL_LONGEST - 1)
    return TERMINAL_TAIL.search(tail, start) is not None

# A defined term at the start of a provision's own text.
DEFINITION = re.compile(
    r"""(?:The\s+terms?\s+)?[“"‘'`]{1,2}(?P<term>[^“”"]{1,80}?)[,]?[”"’'`]{1,2},?"""
    r"""(?:\s*(?:and|or|,)?\s*(?:the\s+term\s+)?[“"‘'`]{1,2}[^“”"]{1,80}?[”"’'`]{1,2},?)*"""
    r"""(?:\s+(?:means|includes|shall\s+mean|has\s+the\s+meaning|have\s+the\s+meanings?"""
    r"""|does\s+not\s+include|shall\s+not\s+include|refers\s+to"""
    r"""|shall\s+have\s+the\s+(?:same\s+)?meanings?)|\s*—\s*$)""",
    re.I | re.M,
)
"""A definition: "“X” means", "The terms “X” and “Y” have the meanings", "the term “X” and the
term “Y” shall have the meaning", or a term whose items define it ("the term “agency”—")."""
# "The term arrest photo database means" (quotation marks lost in conversion).
DEFINITION_BARE = re.compile(r"The\s+term\s+(?P<term>[a-z][\w ’'-]{1,80}?)\s+(?:means|includes)\b")
# An introduction after which all-capitals lines are defined terms (Springfield's code).
DEFINITION_INTRO = re.compile(r"(?:following (?:terms|words)[^.:]*meanings? indicated|"
                              r"following definitions apply|following terms have)[^:]*:\s*$",
                              re.I)

# Appropriations provisos.
_PROVISO_OPENING = r"Provided(?: ?,| further ?,| however ?,)? [Tt]hat\b"
"""How a proviso opens ("Provided, That", "Provided further, That"; GPO's text of H.R. 264 also
prints "Provided , That" and "Provided further , That")."""
PROVISO = re.compile(rf"(?<=[:;.]) (?={_PROVISO_OPENING})")
PROVISO_LINE = re.compile(_PROVISO_OPENING)
"""A line that is a proviso (``match``)."""

# Markdown renderings: "#### 1. Short title", "**(1) Heading**", "**(A)**".
MD_HEADING = re.compile(r"(?P<hashes>#{1,6}) +")
# A verb a provision's sentence has and a heading has not ("Sec. 503. Section 20601 ... is
# amended ...", "§ 5. This act shall take effect ...": no heading).
PROSE = re.compile(r"\b(?:shall|may|must|will|is|are|was|were|has|have|means)\b", re.I)
MD_BOLD = re.compile(r"\*\*(?=\S)")
