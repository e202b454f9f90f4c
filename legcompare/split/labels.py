"""Labels: the numbering styles of American drafting, as data, and what a label may mean.

A printed label (``(a)``, ``1.``, ``SEC. 2.``, ``§ 676-B.``, ``TITLE II—``) is read into a
:class:`Label`: a container (division ... section, with a fixed rank) or an enumeration with
one or more *readings* (``(i)`` is the letter i or the numeral one; the tree builder decides).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ..model import Kind
from ..prefilter import FirstChar

# Fixed ranks of containers; enumerations sit below sections and are ordered by the stack.
RANKS: dict[Kind, int] = {
    Kind.DIVISION: 1,
    Kind.TITLE: 2,
    Kind.SUBTITLE: 3,
    Kind.CHAPTER: 4,
    Kind.SUBCHAPTER: 5,
    Kind.PART: 6,
    Kind.SUBPART: 7,
    Kind.ARTICLE: 8,
    Kind.SECTION: 10,
}
ENUM_RANK = 20

ID_PREFIX: dict[Kind, str] = {
    Kind.DIVISION: "div-",
    Kind.TITLE: "t-",
    Kind.SUBTITLE: "st-",
    Kind.CHAPTER: "ch-",
    Kind.SUBCHAPTER: "sch-",
    Kind.PART: "pt-",
    Kind.SUBPART: "spt-",
    Kind.ARTICLE: "art-",
}


@dataclass(frozen=True)
class Reading:
    """One way to read an enumeration label: numbering system, punctuation, ordinal."""

    system: str  # arabic | lower | upper | lroman | uroman | dlower | dupper
    punct: str  # paren "(a)" | dot "a." | close "a)"
    ordinal: float  # 1, 2, 3 ...; inserted labels sit between: (a-1) is 1.5

    @property
    def type(self) -> tuple[str, str]:
        return (self.system, self.punct)


@dataclass(frozen=True)
class Label:
    """A label as printed, and what it can be."""

    text: str
    """As printed: ``(a)``, ``SEC. 2.``, ``§ 676-B.``."""
    value: str
    """The number itself as printed: ``a``, ``2``, ``676-B``, ``II``."""
    kind: Kind | None
    """A container kind (``SECTION`` included); ``None`` for enumerations."""
    readings: tuple[Reading, ...] = ()
    """For enumerations: the possible readings, most likely first."""
    code_section: bool = False
    """A section of a code (cited by its number alone, e.g. ``§ 676-b``)."""

    @property
    def rank(self) -> int:
        return RANKS[self.kind] if self.kind else ENUM_RANK

    def id_part(self, system: str | None = None) -> str:
        """The normalised label used in clause ids."""
        value = self.value.lower()
        if self.kind is Kind.SECTION:
            return value if self.code_section else f"s{value}"
        if self.kind is not None:
            return ID_PREFIX[self.kind] + value
        return value


_ROMAN = re.compile(r"^(?=[ivxlcdm]+$)m{0,3}(cm|cd|d?c{0,3})(xc|xl|l?x{0,3})(ix|iv|v?i{0,3})$")
_ROMAN_VALUES = {"i": 1, "v": 5, "x": 10, "l": 50, "c": 100, "d": 500, "m": 1000}


def roman_value(s: str) -> int | None:
    """The value of a roman numeral (any case), or ``None``."""
    s = s.lower()
    if not s or not _ROMAN.match(s):
        return None
    total = 0
    for a, b in zip(s, s[1:] + " ", strict=True):
        va, vb = _ROMAN_VALUES[a], _ROMAN_VALUES.get(b, 0)
        total += -va if va < vb else va
    return total


@lru_cache(maxsize=4096)
def readings(value: str, punct: str) -> tuple[Reading, ...]:
    """All readings of an enumeration value, most likely first (letters before numerals).
    Remembered: a bill uses a few hundred labels ("(a)", "(1)", "(iv)") thousands of times."""
    out: list[Reading] = []
    inserted = re.fullmatch(r"([A-Za-z]+|\d+)-(\d+)", value)
    if inserted:
        # (a-1), (1-1): inserted after (a) / (1); read as the base plus a fraction.
        base = readings(inserted.group(1), punct)
        return tuple(Reading(r.system, r.punct, r.ordinal + 0.5) for r in base)
    m = re.fullmatch(r"(\d+)([A-Za-z]?)", value)
    if m:
        frac = 0.5 if m.group(2) else 0.0
        return (Reading("arabic", punct, int(m.group(1)) + frac),)
    if re.fullmatch(r"[a-z]", value):
        out.append(Reading("lower", punct, ord(value) - 96))
    elif re.fullmatch(r"[A-Z]", value):
        out.append(Reading("upper", punct, ord(value) - 64))
    elif re.fullmatch(r"([a-z])\1+", value):
        out.append(Reading("dlower", punct, ord(value[0]) - 96 + 26 * (len(value) - 2)))
    elif re.fullmatch(r"([A-Z])\1+", value):
        out.append(Reading("dupper", punct, ord(value[0]) - 64 + 26 * (len(value) - 2)))
    r = roman_value(value)
    if r is not None and (value.islower() or value.isupper()):
        out.append(Reading("lroman" if value.islower() else "uroman", punct, r))
    return tuple(out)


def fold_case(label: Label) -> Label:
    """Read capital letters as small ones (NY prints new matter, labels included, in capitals)."""
    if label.kind is not None or not any(r.system in ("upper", "uroman", "dupper")
                                         for r in label.readings):
        return label
    punct = label.readings[0].punct
    return Label(label.text, label.value, None, readings(label.value.lower(), punct))


# --- recognising labels -----------------------------------------------------------------

_ENUM_VALUE = r"(?:\d{1,3}[A-Za-z]?|[a-z]{1,5}|[A-Z]{1,5}|[A-Za-z]-\d{1,2}|\d{1,3}-\d{1,2})"

_SP = r"[^\S\n]+"  # one or more spaces of any width (GPO prints an en space after "Sec.")


def _compile(pattern: str, *, heading: bool = False) -> re.Pattern[str]:
    """Compile a label pattern written with plain spaces, each meaning any run of spaces.

    ``heading``: the label must not run on into a sentence ("Chapter 90 of the General Laws").
    """
    compiled = re.sub(r" (?![*+?{])", lambda _: _SP, pattern)
    return re.compile(compiled + (r"(?![^\S\n]+[a-z])" if heading else ""))


# Containers at the start of a line. Group "v" is the value.
_CONTAINERS: tuple[tuple[Kind, re.Pattern[str]], ...] = tuple(
    (kind, _compile(pattern, heading=True))
    for kind, pattern in (
        # After Z, omnibus acts double the letter: AA, BB, ... ZZ, then AAA, ...
        (Kind.DIVISION, (r"(?:DIVISION|Division) (?P<v>(?P<letter>[A-Z])(?P=letter){0,9}|\d{1,3})"
                         r"(?=—|--|-| |$|\.)")),
        (Kind.SUBTITLE, r"Subtitle (?P<v>[A-Z]{1,2}|\d{1,2})(?=—|--|-| |$|\.)"),
        (Kind.TITLE, r"(?:TITLE|Title) (?P<v>[IVXLC]{1,7}|\d{1,3}[A-Z]?)(?=—|--|-| |$|\.)"),
        (Kind.SUBCHAPTER, (r"(?:SUBCHAPTER|Subchapter) (?P<v>[IVXLC]{1,7}|[A-Z]|\d{1,3})"
                           r"(?=—|--|-| |$|\.)")),
        (Kind.CHAPTER, (r"(?:RCW )?(?:CHAPTER|Chapter) (?P<v>\d{1,3}(?:\.\d{1,4})*[A-Z]?|"
                        r"[IVXLC]{1,7})(?=—|--|-| |$|\.)")),
        (Kind.SUBPART, r"(?:SUBPART|Subpart) (?P<v>[A-Z]|\d{1,3})(?=—|--|-| |$|\.)"),
        (Kind.PART, r"(?:PART|Part) (?P<v>[IVXLC]{1,7}|[A-Z]|\d{1,3})(?=—|--|-| |$|\.)"),
        (Kind.ARTICLE, (r"(?:ARTICLE|Article) (?P<v>\d{1,3}(?:-[A-Z]{1,2})?|[IVXLC]{1,7})"
                        r"(?=—|--| *(?:\n|$)|\.? +[A-Z][A-Z]| +[A-Z][a-z])")),
    )
)

# Sections. "bill" sections are cited as sections of the act; "code" sections by number.
_SECTIONS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("bill", _compile(r"(?:SECTION|SEC\.|Sec\.|Section) (?P<v>\d{1,5}[A-Z]{0,2})\."
                      r"(?=\s|$|[A-Z(])")),
    ("code", _compile(r"(?:SECTION|Section|Sec\.) (?P<v>\d{1,5}[A-Z]?(?:\.\d{1,5})+)\.(?=\s|$)")),
    ("sign", _compile(r"§{1,2}[^\S\n]*(?P<v>\d{1,5}(?:[.-]\d{1,5})*(?:-?[A-Za-z]{1,3})?"
                        r"(?:\.\d{1,5})*)\.(?=\s|$)")),
    ("code", _compile(r"RCW (?P<v>\d{1,3}[A-Z]?\.\d{1,4}\.\d{1,4})(?= - |\s|$)")),
    ("code", re.compile(r"(?P<v>\d{1,3}[A-Z]?\.\d{1,4}\.\d{3,4})(?= [A-Z])")),
)

_ENUMS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("paren", re.compile(rf"\((?P<v>{_ENUM_VALUE})\)")),
    ("dot", re.compile(r"(?P<v>\d{1,3}|[A-Za-z]|[ivx]{2,5}|[IVX]{2,5})\.(?=\s|$|\()")),
)


# The characters a container or section label can start with ("D", "S", "§", digits ...): a
# line that starts with anything else is not tried against every pattern.
_CONTAINER_START = FirstChar([p for _, p in _CONTAINERS] + [p for _, p in _SECTIONS])
_SECTION_START = FirstChar([p for _, p in _SECTIONS])


def read_container(text: str, pos: int) -> tuple[Label, int] | None:
    """A division/title/.../section label at ``pos``, with the offset just after it."""
    if not _CONTAINER_START.may_match(text, pos):
        return None
    for kind, pattern in _CONTAINERS:
        m = pattern.match(text, pos)
        if m:
            return Label(m.group(0), m.group("v"), kind), m.end()
    return read_section(text, pos)


def read_section(text: str, pos: int) -> tuple[Label, int] | None:
    if not _SECTION_START.may_match(text, pos):
        return None
    for style, pattern in _SECTIONS:
        m = pattern.match(text, pos)
        if m:
            code = style == "code" or (style == "sign" and not m.group("v").isdigit())
            end = m.end()
            return Label(text[pos:end], m.group("v"), Kind.SECTION, code_section=code), end
    return None


def read_enum(text: str, pos: int) -> tuple[Label, int] | None:
    """An enumeration label at ``pos`` (``(a)``, ``1.``, ``A.``), with the offset after it."""
    for punct, pattern in _ENUMS:
        m = pattern.match(text, pos)
        if not m:
            continue
        rs = readings(m.group("v"), punct)
        if rs:
            return Label(m.group(0), m.group("v"), None, rs), m.end()
    return None
