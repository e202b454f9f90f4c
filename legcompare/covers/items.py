"""Making items: what a clause inherits from its lead-in, and an item from matched words."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..prefilter import filters
from . import signals as sig
from .model import Dimension, Item
from .reading import Reading

Hit = tuple[str, int, int]
"""A value and the key range of the words that name it."""


@dataclass(frozen=True)
class Context:
    """What a clause inherits from the lead-in it completes."""

    conduct: str | None = None
    """``prohibition`` or ``duty``: the parent is a lead-in that ends on that modal."""
    exception: str | None = None
    """The parent opens an exception: the value an item takes when it names no ground
    (``""``: only a named ground makes an item)."""
    parent: str = ""
    """The parent's reading, for words a list item leaves to its lead-in ("damages")."""
    modal: bool = False
    """The parent is a lead-in with a modal: a list item that starts with a verb completes it
    ("... unless it first: (A) informs the subject ...")."""


def at(reading: Reading, dimension: Dimension, value: str, start: int, end: int | None = None
       ) -> Item:
    """An item whose words are at ``key[start:end]``; it quotes their sentence."""
    quote, span = reading.quote(start, end if end is not None else start)
    return item(reading, dimension, value, sig.VALUE_LABELS.get(value, value), quote, span)


def item(reading: Reading, dimension: Dimension, value: str, summary: str, quote: str,
         span: tuple[int, int]) -> Item:
    return Item(dimension, value, summary, quote, span, reading.clause.id,
                reading.clause.citation)


def matches(reading: Reading, table: tuple[tuple[str, re.Pattern[str]], ...]) -> list[Hit]:
    """Each value of ``table`` whose pattern occurs in the clause, with its first match."""
    out = []
    text, lowered = reading.key, reading.lowered
    for value, f in filters(table):
        m = f.search(text, lowered)
        if m:
            out.append((value, m.start(), m.end()))
    return out


def table_items(reading: Reading, dimension: Dimension, hits: list[Hit]) -> list[Item]:
    return [at(reading, dimension, value, a, b) for value, a, b in hits]


def unique(items: list[Item]) -> list[Item]:
    """The items with each (dimension, clause, value) once, first occurrence kept."""
    seen: set[tuple[Dimension, str, str]] = set()
    out = []
    for i in items:
        k = (i.dimension, i.clause, i.value)
        if k not in seen:
            seen.add(k)
            out.append(i)
    return out
