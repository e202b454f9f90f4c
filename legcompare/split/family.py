"""Drafting families: which numbering hierarchy a document follows, and what its levels are called.

Used only to break ties (is ``(i)`` the ninth letter or the first numeral?) and to name levels;
the tree itself comes from the labels.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..model import Document, Kind


@dataclass(frozen=True)
class Family:
    name: str
    template: tuple[tuple[str, str], ...]
    """Enumeration types from the section down: ((system, punct), ...)."""
    kinds: tuple[Kind, ...]
    """What each level below a section is called."""
    fold_case: bool = False
    """Capital letters in labels are small letters printed in capitals (NY new matter)."""


_FEDERAL_KINDS = (Kind.SUBSECTION, Kind.PARAGRAPH, Kind.SUBPARAGRAPH, Kind.CLAUSE, Kind.SUBCLAUSE,
                  Kind.ITEM, Kind.SUBITEM)
_STATE_KINDS = (Kind.SUBDIVISION, Kind.PARAGRAPH, Kind.SUBPARAGRAPH, Kind.CLAUSE, Kind.SUBCLAUSE,
                Kind.ITEM, Kind.SUBITEM)

FEDERAL = Family(
    "federal",
    (("lower", "paren"), ("arabic", "paren"), ("upper", "paren"), ("lroman", "paren"),
     ("uroman", "paren"), ("dlower", "paren"), ("dupper", "paren")),
    _FEDERAL_KINDS,
)
CALIFORNIA = Family("california", FEDERAL.template, _STATE_KINDS)
NEW_YORK = Family(
    "new-york",
    (("arabic", "dot"), ("lower", "paren"), ("lroman", "paren"), ("arabic", "paren"),
     ("lower", "dot")),
    _STATE_KINDS,
    fold_case=True,
)
WASHINGTON = Family(
    "washington",
    (("arabic", "paren"), ("lower", "paren"), ("lroman", "paren"), ("upper", "paren")),
    _STATE_KINDS,
)
WASHINGTON_MD = Family(
    "washington-markdown",
    (("arabic", "dot"), ("lower", "dot"), ("lroman", "dot"), ("upper", "dot")),
    _STATE_KINDS,
)
VIRGINIA = Family(
    "virginia",
    (("upper", "dot"), ("arabic", "dot"), ("lower", "dot"), ("lroman", "paren")),
    _STATE_KINDS,
)
MUNICIPAL = Family(
    "municipal",
    (("arabic", "dot"), ("upper", "dot"), ("arabic", "paren"), ("lower", "dot"),
     ("lower", "paren")),
    _STATE_KINDS,
)
SPRINGFIELD = Family(
    "municipal-letters",
    (("upper", "dot"), ("arabic", "paren"), ("lower", "paren")),
    _STATE_KINDS,
)
GENERIC = Family("generic", FEDERAL.template, _STATE_KINDS)

_BY_JURISDICTION: tuple[tuple[str, Family], ...] = (
    ("us-ny", NEW_YORK),
    ("us-ca-oakland", MUNICIPAL),
    ("us-or-portland", MUNICIPAL),
    ("us-ma-springfield", SPRINGFIELD),
    ("us-ca", CALIFORNIA),
    ("us-wa", WASHINGTON),
    ("us-va", VIRGINIA),
    ("us-il", CALIFORNIA),
    ("us-ma", CALIFORNIA),
    ("us-federal", FEDERAL),
)


def family_of(document: Document) -> Family:
    """The family of ``document``: from its jurisdiction, else from what its text shows."""
    text = document.text[:5000]
    j = document.provenance.jurisdiction
    for prefix, fam in _BY_JURISDICTION:
        if j == prefix or j.startswith(prefix + "-") or (j == "us" and fam is FEDERAL):
            if fam is WASHINGTON and re.search(r"^\d+\. ", document.text, re.M):
                return WASHINGTON_MD
            return fam
    if "THE PEOPLE OF THE STATE OF NEW YORK" in text or "S T A T E  O F  N E W  Y O R K" in text:
        return NEW_YORK
    if re.search(r"Congress|Be it enacted by the Senate and House of Representatives", text):
        return FEDERAL
    if "The people of the State of California" in text:
        return CALIFORNIA
    return GENERIC


def next_type(family: Family, current: tuple[str, str] | None) -> tuple[str, str] | None:
    """The enumeration type expected below ``current`` (``None``: below a section)."""
    t = family.template
    if current is None:
        return t[0]
    if current in t:
        i = t.index(current)
        return t[i + 1] if i + 1 < len(t) else None
    for other in (FEDERAL, NEW_YORK, WASHINGTON_MD, VIRGINIA, MUNICIPAL):
        if current in other.template:
            i = other.template.index(current)
            return other.template[i + 1] if i + 1 < len(other.template) else None
    return None


# Federal drafting names a level by its numbering, wherever it sits (House Legislative
# Counsel's style): (a) subsection, (1) paragraph, (A) subparagraph, (i) clause ...
_FEDERAL_BY_TYPE = dict(zip(FEDERAL.template, _FEDERAL_KINDS, strict=True))


def level_kind(family: Family, depth: int, rtype: tuple[str, str] | None = None) -> Kind:
    """The name of an enumeration level: by its numbering (federal) or its depth below the
    section (0 = first)."""
    if family is FEDERAL and rtype in _FEDERAL_BY_TYPE:
        return _FEDERAL_BY_TYPE[rtype]
    kinds = family.kinds
    return kinds[min(depth, len(kinds) - 1)]
