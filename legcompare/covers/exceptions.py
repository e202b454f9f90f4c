"""Exceptions: carve-outs from a prohibition, a duty, a definition or the law itself.

A signal opens an exception ("does not include", "does not apply", "does not preclude",
"notwithstanding", "unless", "except", "absent") and gives its default value; a ground named in
the condition (a warrant, an emergency, the subject's consent, another law's requirement)
replaces the default, except for a definition's exclusion and a use the law leaves allowed. A
lead-in whose signal introduces its list ("unless:", "does not include:") passes the exception
to its items; an item that is itself a lead-in passes it on, and then only a named ground makes
an item. A condition that is itself oversight ("unless the head of the agency approves") is
not an exception.
"""

from __future__ import annotations

import re

from ..prefilter import filters, lower_for_prefilter
from . import signals as sig
from .items import Context, at
from .model import Dimension, Item
from .reading import Reading


def exceptions(reading: Reading, ctx: Context, found: list[Item]
               ) -> tuple[list[Item], str | None]:
    """The clause's exception items, and the exception it passes to its list items."""
    found_signal = signal(reading)
    if found_signal is not None:
        value, start, end = found_signal
        if reading.is_lead_in and opens_list(reading, value, end):
            return [], value
        ground = _ground(reading.key[start:], value)
        return ([] if ground is None else [at(reading, Dimension.EXCEPTIONS, ground, start)],
                None)
    if ctx.exception is not None:
        if any(i.dimension is Dimension.OVERSIGHT for i in found):
            return [], None
        named = _named(reading.key)
        if named is None and reading.is_lead_in:
            return [], ""
        ground = named or ctx.exception or None
        return ([] if ground is None else [at(reading, Dimension.EXCEPTIONS, ground, 0)]), None
    return [], None


def opens_list(reading: Reading, value: str, end: int) -> bool:
    """Does the exception the lead-in opens continue in its list items? A carve-out ("does not
    include", "does not preclude", "notwithstanding", "does not apply") always does; "unless" or
    "except" only when it ends the lead-in ("unless:", "unless it first:")."""
    if value != "other":
        return True
    return len(re.findall(r"[a-z0-9]+", reading.key[end:])) <= 2


def signal(reading: Reading) -> tuple[str, int, int] | None:
    """The first exception signal in the clause: its default value and key range (at one
    place, the more specific signal wins)."""
    text = sig.BOILERPLATE.sub(lambda m: " " * len(m.group(0)), reading.key)
    lowered = lower_for_prefilter(text)
    hits = [(m.start(), n, value, m.end()) for n, (value, f) in
            enumerate(filters(sig.EXCEPTION_SIGNALS)) for m in [f.search(text, lowered)] if m]
    if not hits:
        return None
    start, _, value, end = min(hits)
    return value, start, end


def _ground(text: str, default: str) -> str | None:
    if default in sig.STRUCTURAL:
        return default
    named = _named(text)
    if named is None and any(p.search(text[:240]) for _, p in sig.OVERSIGHT):
        return None
    return named or default


def _named(text: str) -> str | None:
    return next((v for v, p in sig.EXCEPTION_GROUNDS if p.search(text)), None)
