"""Where the matter an amending instruction quotes goes: the law, section and designations a
quoting clause names (``Section 501 of the X Act is amended—`` / ``in subsection (a)`` / ``by
adding at the end the following:``), so that quoted provisions are cited in the law they go into
(``S. 4457 § 1 (adding N.Y. Gen. Bus. Law § 676-b(1))``).

:class:`Targets` reads them for one bill's text, as the splitter and the XML reader meet quoted
matter; :func:`quoted_target` for the own texts of the clauses down to the quoting one. "Such
Act" is the last law named as amended before the instruction, and a law no instruction names is
that of the last reference rule the bill states before it ("the reference shall be considered to
be made to a section or other provision of the Internal Revenue Code of 1986"). Reading the
instructions themselves (what they strike, insert, redesignate) is :mod:`legcompare.amend`.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

__all__ = ["QUOTING_LAW", "QuotedTarget", "Targets", "law_name", "quoted_target"]

_NAMED_LAW = (r"(?P<law>(?:[Ss]uch|[Tt]hat) (?:Act|Code)|title \d+, United States Code|Public Law "
              r"\d+[–-]\d+|(?:the )?[A-Z][\w’'.-]*"
              r"(?:,? (?:[A-Z][\w’'.-]*|of|and|for|the|to|on|in|&))*? (?:Act|Code)(?: of \d{4})?)")
_PINS = r"(?P<pins>(?:\(\w{1,5}\))*)"
_PIN = re.compile(r"\((\w+)\)")
# The levels of a section and below it ("in subsection (a)", "by amending clause (iii)(I)").
_LEVELS = r"(?:sub)?(?:section|paragraph|subparagraph|clause|subclause|item)"
# The level named before the section: "Paragraph (2) of section 168(k)" is § 168(k)(2).
_LEVEL = rf"(?i:{_LEVELS}) "
_LEAD = re.compile(_LEVEL + r"(?P<lead>(?:\(\w{1,5}\))+) of $")
_SECTION_OF = re.compile(rf"\b[Ss]ection (?P<sec>\d+[A-Za-z0-9.-]*?){_PINS} of {_NAMED_LAW}")
_IN_SECTION = re.compile(rf"\s*(?:[Ii]n|[Aa]mending) section (?P<sec>\d+[A-Za-z0-9.-]*?){_PINS}\b")
_IN_LEVEL = re.compile(rf"\s*[Ii]n {_LEVELS}s? (?P<pins>(?:\(\w{{1,5}}\))+)")
# "Subtitle A of title III of the Help America Vote Act of 2002 (52 U.S.C. 21081 et seq.), as
# amended by section 1031(a), section 1101(a), and section 1611(a), is amended"
_LAW_AMENDED = re.compile(rf"{_NAMED_LAW}(?: \([^)]*\))?(?:, as (?:added|amended|redesignated) "
                          r"[^;:]{1,120}?,)? (?:is|are) (?:hereby |further )?amended")
_SECTION_AMENDED = re.compile(rf"\b[Ss]ection (?P<sec>\d+[A-Za-z0-9.-]*?){_PINS} (?:is|are) "
                              r"(?:hereby |further )?amended")
_BY_AMENDING = re.compile(rf"\bby amending {_LEVELS} (?P<pins>(?:\(\w{{1,5}}\))+) to read\b")
# "So much of clause (ii) of section 213(d)(10)(B) as precedes the last sentence is amended"
_PART_AMENDED = re.compile(rf"{_LEVEL}(?P<lead>(?:\(\w{{1,5}}\))+) of section "
                           rf"(?P<sec>\d+[A-Za-z0-9.-]*?){_PINS}[ ,][^.;:]*? (?:is|are) "
                           r"(?:hereby |further )?amended")


# The law a quoting instruction names itself, read first ("adding N.Y. Gen. Bus. Law").
# The law is a New York "general business law", a state code ("the Code of Virginia"), a named
# act or code ("the Robert T. Stafford Disaster Relief and Emergency Assistance Act": capitalised
# words and the words that join them, so that a name never runs on over "... of the Code of
# Virginia are amended and reenacted and that the Code"; with its year: "the Help America Vote
# Act of 2002") or a chapter of the General Laws; the law is amended, or a section of it is
# renumbered or added ("Section 837-w of the executive law ... is renumbered section 837-x and a
# new section 837-y is added").
QUOTING_LAW = re.compile(
    r"(?:(?:The|the)\s+(?P<law>[a-z][a-z\s]+?\s+law|Code\s+of\s+[A-Z][a-z]+\b(?!\s+[A-Z])"
    r"|[A-Z][\w'’.-]*(?:\s+(?:[A-Z][\w'’.,-]*|of|the|and|for|on|in|to|&))*?\s+(?:Act|Code)"
    r"(?:\s+of\s+\d{4})?)"
    r"|(?P<mgl>Chapter\s+\d+[A-Z]?\s+of\s+the\s+General\s+Laws))[^.]{0,80}?\s+(?:is|are)\s+"
    r"(?:hereby\s+)?(?:amended|renumbered|added)\s+"
    r"(?P<how>by adding|to read|by inserting|by striking)?",
)


@dataclass(frozen=True)
class QuotedTarget:
    """Where the matter an amending instruction quotes goes, as its citation names it."""

    action: str
    """``adding``, ``inserting`` or ``amending``."""
    law: str
    """The law's name (``Federal Election Campaign Act of 1971``, ``18 U.S.C.``); ``""`` when
    the instructions name none."""
    section: str
    """The section amended (``9003``), ``""`` when none is named."""
    pins: tuple[str, ...]
    """The designations below it, outermost first (``("b",)`` for ``section 9033(b)``)."""
    restated: frozenset[str] = frozenset()
    """Sections the instruction amends and reenacts while it adds others ("That §§ 15.2-1723.2
    and 23.1-815.1 of the Code of Virginia are amended and reenacted and that the Code of
    Virginia is amended by adding a section numbered 52-4.5"), lower case: for them the
    quoted text is ``amending``, not ``adding``."""

    def action_for(self, section: str | None) -> str:
        """What the instruction does to the quoted ``section`` (its number as printed)."""
        if section is not None and section.lower() in self.restated:
            return "amending"
        return self.action

    def action_on(self, sections: Iterable[str | None]) -> str:
        """What the instruction does to quoted matter that holds these ``sections`` (numbers,
        ``None`` for what is not a section), in their order: ``amending and adding`` when it
        does both."""
        done = dict.fromkeys(self.action_for(section) for section in sections)
        return " and ".join(done) or self.action

    def designations(self, first: str | None = None) -> tuple[tuple[str, str], ...]:
        """``("section", "9033")``, then ``("pin", "b")`` ...: the place the quoted provisions
        are cited from. ``first``: the label value of the first quoted provision, as printed.
        Matter that opens with the target's own designation restates the target, whole or in
        part ("Section 172(a) is amended to read as follows: “(a) ...”", "in subsection (b),
        by striking ... and inserting “(b) Tax Imposed.—A tax”"), so the designation is not
        repeated (``§ 172(a)``, not ``§ 172(a)(a)``); a subclause ``(I)`` under a clause
        ``(i)`` is not the clause."""
        pins = self.pins
        if first is not None and pins and pins[-1] == first:
            pins = pins[:-1]
        return ((("section", self.section),) if self.section else ()) + \
            tuple(("pin", p) for p in pins)


def quoted_target(owns: Sequence[str], *, text: str = "", at: int = 0, default: str = ""
                  ) -> QuotedTarget:
    """Where the matter quoted by the last of ``owns`` goes: ``owns`` are the own texts of the
    clauses from the outermost one down to the one that quotes, whitespace collapsed, labels
    left off. The law and the place amended are read on the way down ("Section 501 of the X
    Act is amended—", "in section 103", "in subsection (a)(1)"); the action from the last
    (``adding``, ``inserting``, else ``amending``). "Such Act" is the last law the bill's
    ``text`` names as amended before offset ``at`` (where the first of ``owns`` starts); a law
    that no instruction names is the ``default`` (the law of the bill's reference rule). A law
    the quoting instruction names itself in the forms of :data:`QUOTING_LAW` is taken as it
    names it. (:class:`Targets` reads them for one bill's text.)"""
    law, section, pins = "", "", list[str]()
    for own in owns:
        law, section, pins = _read_target(own, law, section, pins)
    if _refers_back(law):
        law = _last_law(text, at)
    law = law_name(law) if law else default
    own = owns[-1] if owns else ""  # the quoting instruction
    named = QUOTING_LAW.search(own)
    if named:  # a New York "general business law", "the Code of Virginia", a chapter of the MGL
        law = named.group("law") or named.group("mgl")
    restating = _BY_AMENDING.search(own)
    if restating:  # "... is amended by amending clause (iii)(I) to read as follows:"
        pins += _PIN.findall(restating.group("pins"))
    action = "adding" if _ADDING.search(own) else \
        "inserting" if re.search(r"\binserting\b", own, re.I) else "amending"
    restated = frozenset(n.lower() for m in _RESTATED.finditer(own)
                         for n in re.findall(r"[\w.:-]*\d[\w.:-]*", m.group("list")))
    return QuotedTarget(action, law, section, tuple(pins),
                        restated if action != "amending" else frozenset())


# "by adding", "to add", "a new section 837-y is added", not "as added by section 1031(a)"
_ADDING = re.compile(r"\badding\b|\bto add\b|\b(?:is|are)\s+(?:hereby\s+)?added\b", re.I)
# "§§ 15.2-1723.2 and 23.1-815.1 of the Code of Virginia are amended and reenacted"
_RESTATED = re.compile(r"§§?\s*(?P<list>[\w.:-]+(?:(?:,\s*|,?\s+and\s+)§?\s*[\w.:-]+)*)\s+of\s+"
                        r"the\s+[^.;§]*?\s+(?:is|are)\s+(?:hereby\s+)?amended\s+and\s+reenacted")


def _last_law(text: str, end: int) -> str:
    """The law named last as amended in ``text`` before ``end`` ("Section 261 of the X Act (52
    U.S.C. 21021) is amended", "The X Act is amended"), ``""`` if none within
    :data:`_LOOKBACK` characters. Read back from each "amended", over its line (a few hundred
    characters at most: a section of an omnibus bill runs to pages, and the matter it quotes
    names other laws); the law may be named sections before ("Section 308 of such Act")."""
    limit = max(0, end - _LOOKBACK)
    while (at := text.rfind("amended", limit, end)) >= 0:
        start = max(limit, at - _WINDOW, text.rfind("\n", limit, at) + 1)  # its line, at most
        window = text[start:at + len("amended")]
        found = [m for pattern in (_SECTION_OF, _LAW_AMENDED) for m in pattern.finditer(window)
                 if not _refers_back(m.group("law"))]
        if found:
            return max(found, key=lambda m: m.start("law")).group("law")
        end = at
    return ""


_LOOKBACK = 50_000  # characters, a dozen pages: how far back "such Act" is looked for
_WINDOW = 400  # characters before "amended" that name what is amended


# The rule a federal bill states once for the amendments that follow: "whenever in this title
# an amendment or repeal is expressed in terms of an amendment to ... a section or other
# provision, the reference shall be considered to be made to a section or other provision of
# the Internal Revenue Code of 1986".
_REFERENCE_RULE = re.compile(r"the reference shall be considered to be made to (?:a|the) "
                             r"(?:section or other provision|provision) of " + _NAMED_LAW)


class Targets:
    """:func:`quoted_target` for the quoting instructions of one bill's ``text``: "such Act"
    is read back in it, and a law no instruction names is that of the last reference rule the
    text states before the instruction (the rules are read once, when first needed)."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._rules: tuple[list[int], list[str]] | None = None

    def __call__(self, owns: Sequence[str], at: int) -> QuotedTarget:
        """Where the matter quoted by the last of ``owns`` goes, the first of them starting at
        offset ``at`` of the text."""
        if self._rules is None:
            self._rules = _reference_rules(self.text)
        offsets, laws = self._rules
        i = bisect_right(offsets, at) - 1
        return quoted_target(owns, text=self.text, at=at, default=laws[i] if i >= 0 else "")


def _reference_rules(text: str) -> tuple[list[int], list[str]]:
    """Where ``text`` states a reference rule, and the law each names (as cited), in order."""
    offsets, laws = [], []
    for m in _REFERENCE_RULE.finditer(text):
        if not _refers_back(m.group("law")):
            offsets.append(m.start())
            laws.append(law_name(m.group("law")))
    return offsets, laws


def _refers_back(law: str) -> bool:
    """ "such Act", "that Code": a law named before, not a name."""
    return law.lower().startswith(("such ", "that "))


def _read_target(own: str, law: str, section: str, pins: list[str]) -> tuple[str, str, list[str]]:
    # (the searches that cannot match are skipped: their regular expressions have no literal
    # start, and an omnibus bill has thousands of instructions)
    sections = "ection " in own
    amended = "amended" in own
    m = _SECTION_OF.search(own) if sections else None
    if m:
        return m.group("law"), m.group("sec"), _pins(m, own)
    m = _IN_SECTION.match(own)
    if m:
        return law, m.group("sec"), _pins(m, own)
    m = _IN_LEVEL.match(own)
    if m:
        return law, section, pins + _pins(m, own)
    m = _LAW_AMENDED.search(own) if amended else None
    if m:
        return m.group("law"), "", []
    m = (_SECTION_AMENDED.search(own) or _PART_AMENDED.search(own)) if sections and amended \
        else None
    if m:
        return law, m.group("sec"), _pins(m, own)
    return law, section, pins


def _pins(m: re.Match[str], own: str) -> list[str]:
    """The designations after the section's number, then those of the level named before it
    ("Paragraph (2) of section 168(k)": k, 2)."""
    lead = m.groupdict().get("lead")
    if lead is None and m.re is not _IN_LEVEL:
        before = _LEAD.search(own, max(0, m.start() - 40), m.start())
        lead = before.group("lead") if before else ""
    return _PIN.findall(m.group("pins")) + _PIN.findall(lead or "")


# "The", "Title III of the", and a designation left over where the name was read from after
# the word that introduced it ("division B of the X Act" read from "B"): never part of the name.
_LAW_PREFIX = re.compile(r"^(?:[Tt]he |(?:(?:[Ss]ub)?(?:[Tt]itle|[Cc]hapter|[Pp]art)|[Dd]ivision) "
                         r"[\w-]+ of (?:the )?|(?:[IVXL]+|[A-Z]|\d+[A-Za-z]?) of (?:the )?)")
# A sentence that ends before the name ("... FOR CANDIDATES. The Federal Election Campaign Act
# of 1971 is amended"): a word of two letters or more, then a period (not "Robert T. Stafford").
_SENTENCE_END = re.compile(r"(?<=[a-z]{2}|[A-Z]{2})\.\s+(?=[A-Z])")


def law_name(law: str) -> str:
    """The name of a law as cited: ``title 18, United States Code`` → ``18 U.S.C.``, ``Public
    Law 115–123`` → ``Pub. L. No. 115-123``, ``Title III of the X Act`` → ``X Act``; a heading read
    on before the name is left off."""
    m = re.fullmatch(r"title (\d+), United States Code", law)
    if m:
        return f"{m.group(1)} U.S.C."
    m = re.fullmatch(r"Public Law (\d+)[–-](\d+)", law)
    if m:
        return f"Pub. L. No. {m.group(1)}-{m.group(2)}"
    return _LAW_PREFIX.sub("", _SENTENCE_END.split(law)[-1])
