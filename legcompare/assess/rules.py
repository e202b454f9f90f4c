"""Rules are data: one TOML file per dimension in ``assess/rules/``, more with ``--rules FILE``.

A rule file holds ``[[rules]]`` tables::

    [[rules]]
    id = "obligation.shall-to-may"        # unique
    dimension = "obligation"              # defaults to the file's top-level `dimension`
    roles = ["obligation", "prohibition"] # roles of the provision it applies to ("*": any)
    match = "swap"                        # swap | added | removed | added-clause |
                                          # removed-clause | value
    old = '\\bshall\\b'                    # swap/removed: words deleted
    new = '\\bmay\\b'                      # swap/added: words inserted
    context = 'unless'                    # optional: must also occur in the provision's text
    before = 'unless[^.;]*$'              # optional: must end the words just before the change
    term = 'agenc|officer'                # optional: the term a definition defines
    named = true                          # optional, added/removed: named at all, not how
                                          # often ("disasters" and "a disaster" are one)
    supersedes = ["enforcement.relief-added"]  # optional: reasons this one replaces (a swap
                                          # rule, those on the same words; others, throughout
                                          # the provision)
    subject = "regulated"                 # optional: whom the modal binds
    direction = "weaker"                  # under the protective perspective
    invert_roles = ["permission"]         # roles for which the direction flips
    explanation = "“{old}” became “{new}”: a duty became a discretion."

``value`` rules decide the polarity of a changed amount, period or date from the words before
it: ``units`` (USD, day, date, percent ...), ``context`` and ``polarity`` (``higher-stronger``,
``lower-stronger`` or ``unknown``). Patterns are Python regular expressions, case-insensitive.
"""

from __future__ import annotations

import hashlib
import re
import tomllib
from dataclasses import dataclass
from functools import cache, cached_property
from importlib import resources
from pathlib import Path

from ..errors import RulesError
from ..model import Direction, Role

MATCHES = ("swap", "added", "removed", "added-clause", "removed-clause", "value")
POLARITIES = ("higher-stronger", "lower-stronger", "unknown")
_KEYS = {"id", "dimension", "roles", "match", "old", "new", "context", "not_context", "subject",
         "direction", "invert_roles", "explanation", "units", "polarity", "document_context",
         "document_not_context", "added", "removed", "before", "supersedes", "term", "run_not",
         "pure", "outside_terms", "named"}


@dataclass(frozen=True)
class Rule:
    id: str
    dimension: str
    roles: frozenset[Role] | None  # None: any role
    match: str
    old: re.Pattern[str] | None
    new: re.Pattern[str] | None
    context: re.Pattern[str] | None
    not_context: re.Pattern[str] | None
    subject: str | None
    direction: Direction
    invert_roles: frozenset[Role]
    explanation: str
    units: frozenset[str]
    polarity: str
    source: str
    document_context: re.Pattern[str] | None = None
    document_not_context: re.Pattern[str] | None = None
    added: Direction = Direction.UNCLEAR
    """For value rules: the direction when a value appears with no counterpart."""
    removed: Direction = Direction.UNCLEAR
    before: re.Pattern[str] | None = None
    """For swap rules: must match the provision's words just before the change (in the same
    sentence), e.g. ``unless[^.;]*$``: the change sits inside an exception."""
    term: re.Pattern[str] | None = None
    """For definitions: must match the term the provision defines (on either side)."""
    run_not: re.Pattern[str] | None = None
    """For added/removed rules: a match whose sentence matches this is not evidence (words
    inside a removed exception say nothing about what the provision itself covers)."""
    pure: bool = False
    """For swap rules: only an insertion or a deletion counts, not a replacement (an article
    may go: "a grand jury" → "any law, grand jury" adds an item)."""
    outside_terms: bool = False
    """For added/removed rules: words inside the name of a term the text defines do not count
    ("SMART ACCESS SYSTEM" adds no conduct called "access")."""
    named: bool = False
    """For added/removed rules: what counts is whether a thing is named at all, not how often.
    A wording is added (removed) only where the other side names it nowhere, in the singular
    or the plural, alone or inside a longer wording: "major disasters" → "a major disaster"
    names the same events, and "natural disasters, including disasters in 2019" losing its
    "including ..." still names disasters."""
    supersedes: frozenset[str] = frozenset()
    """Rule ids whose reasons this rule's reason replaces in the same pair (the private right
    of action replaced by attorney-general enforcement outweighs the penalties the attorney
    general may now seek)."""

    def applies_to(self, role: Role | None) -> bool:
        return self.roles is None or (role is not None and role in self.roles)

    def direction_for(self, role: Role | None, direction: Direction | None = None) -> Direction:
        d = self.direction if direction is None else direction
        if role in self.invert_roles and d in (Direction.STRONGER, Direction.WEAKER):
            return Direction.WEAKER if d is Direction.STRONGER else Direction.STRONGER
        return d


@dataclass(frozen=True)
class RuleSet:
    rules: tuple[Rule, ...]
    sha256: str

    def of(self, match: str) -> tuple[Rule, ...]:
        return tuple(r for r in self.rules if r.match == match)

    @cached_property
    def by_id(self) -> dict[str, Rule]:
        """The rules by id (made once: the judge looks reasons' rules up for every pair)."""
        return {r.id: r for r in self.rules}


def _pattern(raw: object, where: str) -> re.Pattern[str] | None:
    if raw is None:
        return None
    if not isinstance(raw, str):
        raise RulesError(f"{where}: patterns are strings")
    try:
        return re.compile(flexible_spaces(raw), re.I)
    except re.error as exc:
        raise RulesError(f"{where}: bad pattern {raw!r} ({exc})") from None


def flexible_spaces(pattern: str) -> str:
    """``pattern`` with each run of literal spaces (outside a character class) matching any run
    of whitespace: rules are written with single spaces, but printed bills wrap lines inside
    phrases and justify with double spaces ("THE  ATTORNEY\\nGENERAL"). A space run followed
    by ``?`` or ``*`` becomes ``\\s*``, by ``+`` ``\\s+``; one followed by ``{`` is kept."""
    out: list[str] = []
    i, in_class, first = 0, False, 0  # first: where a "]" would be a member, not the end
    while i < len(pattern):
        c = pattern[i]
        if c == "\\":
            out.append(pattern[i:i + 2])
            i += 2
            continue
        if in_class:
            if c == "^" and i == first:
                first += 1
            elif c == "]" and i != first:
                in_class = False
            out.append(c)
        elif c == "[":
            in_class, first = True, i + 1
            out.append(c)
        elif c == " ":
            j = i
            while j < len(pattern) and pattern[j] == " ":
                j += 1
            after = pattern[j:j + 1]
            if after in ("?", "*"):
                out.append(r"\s*")
                j += 1
            elif after == "+":
                out.append(r"\s+")
                j += 1
            elif after == "{":
                out.append(pattern[i:j])
            else:
                out.append(r"\s+")
            i = j
            continue
        else:
            out.append(c)
        i += 1
    return "".join(out)


def _roles(raw: object, where: str) -> frozenset[Role] | None:
    if raw is None or raw == ["*"]:
        return None
    if not isinstance(raw, list):
        raise RulesError(f"{where}: 'roles' is a list of role names")
    try:
        return frozenset(Role(r) for r in raw)
    except ValueError as exc:
        raise RulesError(f"{where}: {exc}") from None


def _subject(raw: object, where: str) -> str | None:
    if raw is None:
        return None
    if raw not in ("regulated", "protected"):
        raise RulesError(f"{where}: 'subject' must be regulated or protected")
    return str(raw)


def parse_rules(text: str, source: str) -> tuple[Rule, ...]:
    """The rules of one TOML file; a malformed file raises :class:`RulesError` (one line)."""
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise RulesError(f"not valid TOML: {exc}", where=source) from None
    default_dimension = raw.get("dimension")
    out = []
    for i, item in enumerate(raw.get("rules", [])):
        where = f"{source}: rule {i + 1} ({item.get('id', '?')})"
        unknown = set(item) - _KEYS
        if unknown:
            raise RulesError(f"{where}: unknown keys {sorted(unknown)}")
        out.append(_rule(item, default_dimension, where, source))
    return tuple(out)


def _rule(item: dict[str, object], default_dimension: object, where: str, source: str) -> Rule:
    match = item.get("match", "swap")
    if match not in MATCHES:
        raise RulesError(f"{where}: 'match' must be one of {', '.join(MATCHES)}")
    polarity = item.get("polarity", "unknown")
    if polarity not in POLARITIES:
        raise RulesError(f"{where}: 'polarity' must be one of {', '.join(POLARITIES)}")
    try:
        direction = Direction(item.get("direction", "unclear"))
        added = Direction(item.get("added", "unclear"))
        removed = Direction(item.get("removed", "unclear"))
    except ValueError:
        raise RulesError(f"{where}: directions are stronger, weaker, neutral or unclear") from None
    ident, dimension = item.get("id"), item.get("dimension", default_dimension)
    if not isinstance(ident, str) or not isinstance(dimension, str):
        raise RulesError(f"{where}: every rule needs an 'id' and a 'dimension'")
    units = item.get("units", [])
    return Rule(
        id=ident, dimension=dimension, roles=_roles(item.get("roles"), where), match=str(match),
        old=_pattern(item.get("old"), where), new=_pattern(item.get("new"), where),
        context=_pattern(item.get("context"), where),
        not_context=_pattern(item.get("not_context"), where),
        subject=_subject(item.get("subject"), where),
        direction=direction,
        invert_roles=_roles(item.get("invert_roles", []), where) or frozenset(),
        explanation=str(item.get("explanation", "")), units=frozenset(
            str(u) for u in units) if isinstance(units, list) else frozenset(),
        polarity=str(polarity), source=source,
        document_context=_pattern(item.get("document_context"), where),
        document_not_context=_pattern(item.get("document_not_context"), where),
        added=added, removed=removed, before=_pattern(item.get("before"), where),
        supersedes=_ids(item.get("supersedes", []), where),
        term=_pattern(item.get("term"), where), run_not=_pattern(item.get("run_not"), where),
        pure=bool(item.get("pure", False)),
        outside_terms=bool(item.get("outside_terms", False)),
        named=bool(item.get("named", False)))


def _ids(raw: object, where: str) -> frozenset[str]:
    if not isinstance(raw, list) or not all(isinstance(x, str) for x in raw):
        raise RulesError(f"{where}: 'supersedes' is a list of rule ids")
    return frozenset(str(x) for x in raw)


def _packaged() -> list[tuple[str, str]]:
    folder = resources.files("legcompare") / "assess" / "rules"
    return sorted((f.name, f.read_text(encoding="utf-8")) for f in folder.iterdir()
                  if f.name.endswith(".toml") and f.name != "roles.toml")


@cache
def load_rules(extra: tuple[str, ...] = ()) -> RuleSet:
    """The packaged rules, then the rules of each extra file, in order; ids must be unique."""
    files = _packaged()
    for path in extra:
        try:
            files.append((path, Path(path).read_text(encoding="utf-8")))
        except OSError as exc:
            raise RulesError(exc.strerror or "cannot be read", where=path) from None
    rules: list[Rule] = []
    digest = hashlib.sha256()
    for name, text in files:
        digest.update(name.encode() + b"\0" + text.encode("utf-8"))
        rules += parse_rules(text, name)
    seen: set[str] = set()
    for r in rules:
        if r.id in seen:
            raise RulesError(f"rule id {r.id!r} is defined twice", where=r.source)
        seen.add(r.id)
    return RuleSet(tuple(rules), digest.hexdigest())
