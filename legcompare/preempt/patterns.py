"""The preemption patterns of ``data/preemption.toml``, compiled once.

Guarantees of :func:`patterns`: every pattern is compiled case-insensitively with its macros
expanded and each literal space turned into "any run of white space" (`` ?`` into "optional
white space"), so patterns match printed bills however their lines wrap; a malformed file raises
:class:`~legcompare.errors.RulesError` naming the pattern.
"""

from __future__ import annotations

import hashlib
import re
import tomllib
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

from ..errors import RulesError
from ..prefilter import Needles, prefilter
from .model import Level, PreemptionKind

_WHERE = "data/preemption.toml"


@dataclass(frozen=True)
class SignalPattern:
    """One ``[[ceiling]]``, ``[[conflict]]``, ``[[floor]]``, ``[[carve-out]]``, ``[[savings]]``
    or ``[[qualifier]]`` table."""

    id: str
    group: str
    """The table it came from: a kind's value, ``savings`` or ``qualifier``."""
    pattern: re.Pattern[str]
    explanation: str
    not_before: re.Pattern[str] | None
    not_after: re.Pattern[str] | None
    needs: re.Pattern[str] | None
    conditional: bool = False
    required: frozenset[str] | None = None
    """Words one of which every match contains (:func:`legcompare.prefilter.required_words`);
    ``None`` when the pattern's parse does not tell."""

    @property
    def kind(self) -> PreemptionKind | None:
        return PreemptionKind(self.group) if self.group in _KINDS else None


_KINDS = frozenset(k.value for k in PreemptionKind)
_GROUPS = ("ceiling", "conflict", "floor", "carve-out", "savings", "qualifier")


@dataclass(frozen=True)
class Patterns:
    """Everything in ``data/preemption.toml``, compiled."""

    signals: tuple[SignalPattern, ...]
    scope: tuple[re.Pattern[str], ...]
    introducer: re.Pattern[str]
    stop: re.Pattern[str]
    cut: re.Pattern[str]
    lead: re.Pattern[str]
    qualifier: re.Pattern[str]
    generic: frozenset[str]
    actor_heads: frozenset[str]
    actor_patterns: tuple[re.Pattern[str], ...]
    actor_limits: re.Pattern[str]
    levels: tuple[tuple[Level, re.Pattern[str]], ...]
    lawmaker: re.Pattern[str]
    needles: Needles
    """The ``required`` words of all the signal patterns, found in one pass over a clause."""


def compile_pattern(source: str, macros: dict[str, str], where: str) -> re.Pattern[str]:
    """Expand ``{name}`` macros, make spaces flexible, compile (case-insensitive)."""
    for name, body in macros.items():
        source = source.replace("{" + name + "}", body)
    source = source.replace(" ?", r"\s*").replace(" ", r"\s+")
    try:
        return re.compile(source, re.I)
    except re.error as exc:
        raise RulesError(f"{where}: bad pattern ({exc})", where=_WHERE) from None


def patterns_sha256() -> str:
    """SHA-256 of the packaged ``data/preemption.toml``, for reports' generator options."""
    data = (resources.files("legcompare") / "data" / "preemption.toml").read_bytes()
    return hashlib.sha256(data).hexdigest()


@cache
def patterns() -> Patterns:
    """The packaged patterns (cached)."""
    text = (resources.files("legcompare") / "data" / "preemption.toml").read_text(
        encoding="utf-8")
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise RulesError(f"not valid TOML ({exc})", where=_WHERE) from None
    macros: dict[str, str] = {}
    for name, body in _table(raw, "macros").items():
        macros[name] = compile_source(str(body), macros)
    scope, actors = _table(raw, "scope"), _table(raw, "actors")
    signals = tuple(_signal(item, group, macros, i)
                    for group in _GROUPS for i, item in enumerate(raw.get(group, [])))
    return Patterns(
        signals=signals,
        scope=tuple(compile_pattern(p, macros, f"scope pattern {i + 1}")
                    for i, p in enumerate(scope["patterns"])),
        introducer=compile_pattern(scope["introducer"], macros, "scope introducer"),
        stop=compile_pattern(scope["stop"], macros, "scope stop"),
        cut=compile_pattern(scope["cut"], macros, "scope cut"),
        lead=compile_pattern(scope["lead"], macros, "scope lead"),
        qualifier=compile_pattern(scope["qualifier"], macros, "scope qualifier"),
        generic=frozenset(w.casefold() for w in scope["generic"]),
        actor_heads=frozenset(w.casefold() for w in actors["heads"]),
        actor_patterns=tuple(compile_pattern(p, macros, f"actor pattern {i + 1}")
                             for i, p in enumerate(actors["patterns"])),
        actor_limits=compile_pattern(actors["limits"], macros, "actors limits"),
        levels=tuple((Level(item["level"]),
                      compile_pattern(item["pattern"], macros, f"level {item['level']}"))
                     for item in actors["levels"]),
        lawmaker=compile_pattern(actors["lawmaker"], macros, "actors lawmaker"),
        needles=Needles([prefilter(sp.pattern) for sp in signals]),
    )


def compile_source(body: str, macros: dict[str, str]) -> str:
    """A macro's body with the macros defined before it expanded (spaces left for later)."""
    for name, earlier in macros.items():
        body = body.replace("{" + name + "}", earlier)
    return body


def _table(raw: dict[str, Any], name: str) -> dict[str, Any]:
    value = raw.get(name)
    if not isinstance(value, dict):
        raise RulesError(f"missing table [{name}]", where=_WHERE)
    return value


def _signal(item: dict[str, Any], group: str, macros: dict[str, str], i: int) -> SignalPattern:
    where = f"[[{group}]] {item.get('id', i + 1)}"
    if not isinstance(item.get("id"), str) or not isinstance(item.get("pattern"), str):
        raise RulesError(f"{where}: needs an id and a pattern", where=_WHERE)

    def optional(key: str) -> re.Pattern[str] | None:
        value = item.get(key)
        return compile_pattern(value, macros, f"{where} {key}") if value else None

    pattern = compile_pattern(item["pattern"], macros, where)
    needles = prefilter(pattern).needles
    return SignalPattern(item["id"], group, pattern, str(item.get("explanation", "")),
                         optional("not_before"), optional("not_after"), optional("needs"),
                         bool(item.get("conditional", False)),
                         frozenset(needles) if needles is not None else None)
