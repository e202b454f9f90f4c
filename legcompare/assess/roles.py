"""What each clause does (its role) and whom its modal binds, from ``rules/roles.toml``.

Roles are detected once per clause, from its kind, heading and own text (label left out);
``assign_roles`` returns the tree with every clause's ``role`` set. A clause with no text of its
own (a label alone, a quoted-matter container) takes the role its children that make law mostly
have (see :func:`settled_role`). The
splitter sets the roles as it makes the clauses, by the same three steps (:func:`role_of`,
:func:`placed_role`, :func:`settled_role`).
"""

from __future__ import annotations

import re
import tomllib
from collections import Counter
from dataclasses import dataclass
from functools import cache
from importlib import resources

from ..errors import RulesError
from ..model import DESCRIBING, Clause, Kind, Role, changed_copy
from ..prefilter import Needles, Prefilter, lower_for_prefilter, prefilter


@dataclass(frozen=True)
class RolePattern:
    role: Role
    kinds: frozenset[Kind]
    heading: re.Pattern[str] | None
    text: re.Pattern[str] | None
    subject: str | None


@dataclass(frozen=True)
class RoleTable:
    patterns: tuple[RolePattern, ...]
    protected: re.Pattern[str]
    regulated: re.Pattern[str]


def _compile(pattern: object, where: str) -> re.Pattern[str] | None:
    if pattern is None:
        return None
    if not isinstance(pattern, str):
        raise RulesError(f"{where}: a pattern must be a string")
    try:
        return re.compile(pattern, re.I | re.M)
    except re.error as exc:
        raise RulesError(f"{where}: bad pattern ({exc})") from None


@cache
def role_table() -> RoleTable:
    """The packaged role patterns (``assess/rules/roles.toml``)."""
    raw = tomllib.loads((resources.files("legcompare") / "assess" / "rules" / "roles.toml")
                        .read_text(encoding="utf-8"))
    patterns = []
    for i, item in enumerate(raw["roles"]):
        where = f"roles.toml role {i + 1}"
        patterns.append(RolePattern(
            role=Role(item["role"]),
            kinds=frozenset(Kind(k) for k in item.get("kinds", [])),
            heading=_compile(item.get("heading"), where),
            text=_compile(item.get("text"), where),
            subject=item.get("subject"),
        ))
    subjects = raw["subjects"]
    return RoleTable(tuple(patterns), _words(subjects["protected"]), _words(subjects["regulated"]))


def _words(words: list[str]) -> re.Pattern[str]:
    return re.compile(r"\b(?:" + "|".join(re.escape(w) for w in words) + r")", re.I)


def own_text(clause: Clause) -> str:
    """The clause's own text without its label."""
    return clause.text[clause.own_start:]


_MODAL = re.compile(r"\b(shall|must|may|will)\b(?:\s+not\b)?", re.I)


def subject_of(text: str) -> str | None:
    """Whom the first modal binds: ``"regulated"``, ``"protected"`` or ``None`` (unknown)."""
    m = _MODAL.search(text)
    if m is None:
        return None
    before = text[max(0, m.start() - 120):m.start()]
    table = role_table()
    last_p = max((x.end() for x in table.protected.finditer(before)), default=-1)
    last_r = max((x.end() for x in table.regulated.finditer(before)), default=-1)
    if last_p < 0 and last_r < 0:
        return None
    return "protected" if last_p > last_r else "regulated"


def detect_role(clause: Clause) -> Role:
    """The first role in ``roles.toml`` whose kind or patterns match the clause."""
    return role_of(clause.kind, clause.heading, own_text(clause))


def role_of(kind: Kind, heading: str | None, own: str) -> Role:
    """:func:`detect_role` of a clause of this kind, heading and own text."""
    text = " ".join(own.split())
    heading = heading or ""
    # Most searches fail; the prefilters skip those that cannot succeed (same answers). The
    # words all the patterns need are found in one pass over the text, and only the patterns
    # that need one of those found (or none) are tried, in order.
    t = _tables()
    lowered = lower_for_prefilter(text)
    tried = t.by_kind.get(kind, 0) | t.always
    if lowered is None:
        found = None
        tried |= t.any_text
    else:
        found = t.needles.found(lowered)
        for needle in found:
            tried |= t.text_bits.get(needle, 0)
    lowered_heading = found_heading = None
    if heading:
        lowered_heading = lower_for_prefilter(heading)
        if lowered_heading is None:
            tried |= t.any_heading
        else:
            found_heading = t.needles.found(lowered_heading)
            for needle in found_heading:
                tried |= t.heading_bits.get(needle, 0)
    patterns, known = t.patterns, t.needles.words
    while tried:
        lowest = tried & -tried
        tried ^= lowest
        p, heading_filter, text_filter = patterns[lowest.bit_length() - 1]
        if kind in p.kinds:
            return p.role
        hit = (heading_filter is not None and heading and
               heading_filter.occurs(heading, lowered_heading, found_heading, known)) or (
            text_filter is not None and text_filter.occurs(text, lowered, found, known))
        if hit and (p.subject is None or subject_of(text) == p.subject):
            return p.role
    return Role.OTHER


@dataclass(frozen=True)
class _Tables:
    """The role patterns with the prefilters of their heading and text patterns, and which of
    them (bit ``i`` for pattern ``i``) a text may match: those of its kind, those whose filter
    needs a word found in it (``text_bits``, ``heading_bits``: by word), those that are always
    searched (no words known); ``any_text`` and ``any_heading``: every pattern with a text or
    heading pattern (for a text the prefilters cannot read)."""

    table: RoleTable
    patterns: tuple[tuple[RolePattern, Prefilter | None, Prefilter | None], ...]
    needles: Needles
    by_kind: dict[Kind, int]
    always: int
    text_bits: dict[str, int]
    heading_bits: dict[str, int]
    any_text: int
    any_heading: int


_made: list[_Tables] = []


def _tables() -> _Tables:
    """The :class:`_Tables` of the role table (made again should it be reloaded)."""
    table = role_table()
    if _made and _made[0].table is table:
        return _made[0]
    patterns = tuple((p, prefilter(p.heading) if p.heading is not None else None,
                      prefilter(p.text) if p.text is not None else None)
                     for p in table.patterns)
    by_kind: dict[Kind, int] = {}
    text_bits: dict[str, int] = {}
    heading_bits: dict[str, int] = {}
    always = any_text = any_heading = 0
    for i, (p, heading_filter, text_filter) in enumerate(patterns):
        bit = 1 << i
        for kind in p.kinds:
            by_kind[kind] = by_kind.get(kind, 0) | bit
        for f, bits in ((heading_filter, heading_bits), (text_filter, text_bits)):
            if f is None:
                continue
            if f.needles is None:
                always |= bit
            for needle in f.needles or ():
                bits[needle] = bits.get(needle, 0) | bit
        any_text |= bit if text_filter is not None else 0
        any_heading |= bit if heading_filter is not None else 0
    needles = Needles([f for _, h, t in patterns for f in (h, t)])
    _made[:] = [_Tables(table, patterns, needles, by_kind, always, text_bits, heading_bits,
                        any_text, any_heading)]
    return _made[0]


# Roles an enumerated part takes from the provision it completes ("No entity may collect ...
# unless it first: (A) informs the subject ..."); the items of findings are findings.
_INHERITED = frozenset({Role.PROHIBITION, Role.OBLIGATION, Role.PERMISSION, Role.EXEMPTION,
                        Role.RIGHT, Role.REMEDY, Role.ENFORCEMENT, Role.OVERSIGHT,
                        Role.DURATION, Role.PREEMPTION, Role.DEFINITION, Role.DESCRIPTIVE})


def assign_roles(clauses: tuple[Clause, ...]) -> tuple[Clause, ...]:
    """The tree with every clause's role set (see the module docstring)."""
    return tuple(_assign(c, None) for c in clauses)


# An item of a remedy list ("A prevailing party may recover: ... 4. other relief, as the court
# may deem appropriate") is a remedy whatever modal it happens to contain; an item of findings
# ("(13) ... the Constitution should be amended so that Congress and the States may ...") a
# finding.
_DOMINANT = frozenset({Role.REMEDY, Role.ENFORCEMENT, Role.DEFINITION, Role.EXEMPTION,
                       Role.DESCRIPTIVE})


def _assign(clause: Clause, parent: Role | None) -> Clause:
    role = placed_role(detect_role(clause), bool(clause.label), parent)
    children = tuple(_assign(c, role) for c in clause.children)
    role = settled_role(role, own_text(clause), children)
    return changed_copy(clause, role=role, children=children)


def placed_role(role: Role, labelled: bool, parent: Role | None) -> Role:
    """A clause's role (``role``, as detected) under its parent's: an enumerated part
    completing its parent's provision takes the parent's role."""
    if labelled and parent in _INHERITED and (
            role is Role.OTHER or (parent in _DOMINANT and
                                   role in (Role.PERMISSION, Role.OBLIGATION))):
        return parent
    return role


def settles(own: str) -> bool:
    """Is ``own``, a clause's own text (label left out), so short (a heading at most) that a
    clause with parts and no role of its own takes theirs (:func:`settled_role`)?"""
    return len(own.split()) <= 3


def settled_role(role: Role, own: str, children: tuple[Clause, ...]) -> Role:
    """A clause's role once its ``children`` have theirs: one with next to no text of its own
    (``own``, :func:`settles`) and no role takes the role its children that make law mostly
    have (their titles, findings and headings count only where none makes law: a title of
    the Act that holds more headings than paragraphs is no heading, a part that opens with
    its findings no finding); between roles as common, the first in the text ("(a) In
    general.— No agency shall ..." before "(b) Exception.— ... may ...")."""
    if role is Role.OTHER and children and settles(own):
        counts = Counter(c.role for c in children if c.role not in (None, Role.OTHER))
        making = Counter({r: n for r, n in counts.items() if r not in DESCRIBING})
        counts = making or counts
        if counts:
            most = max(counts.values())
            return next(r for r, n in counts.items() if n == most)  # (in the children's order)
    return role
