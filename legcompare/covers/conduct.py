"""Conduct and oversight, sentence by sentence.

A sentence imposes something when it has a modal ("shall", "must", "may", "is required to"),
or when the clause is a list item that starts with a verb under a lead-in with one ("... must:
(a) allow for a public review"). Its oversight values come first (reports, audits, testing,
notice ...); a duty that is oversight is not also "required conduct". A sentence that belongs to
a remedy, enforcement, preemption or the law's dates, or that is about an advisory body, is no
conduct. Otherwise the modal decides: a prohibition ("shall not", "no ... may", "it shall be
unlawful", "may only ... pursuant to"); a duty of a regulated party (or a passive "shall be
deleted"); a permission to one (not in an exception, not in a relative clause, and for a court
only when it authorises the use). Whom each modal binds is kept, to find the parties the law
regulates without defining them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..model import Clause
from ..prefilter import filters, lower_for_prefilter
from . import signals as sig
from .exceptions import opens_list, signal
from .items import Context, at
from .model import Dimension, Item
from .reading import Reading
from .terms import subject

_ENDS_ON_MODAL = re.compile(r"\b(?:shall|must|may|will)(?: not)?(?:,? at (?:a )?minimum,?)?"
                            r"\s*(?::|-)\s*$")


@dataclass
class Subjects:
    """The regulated parties the law defines, and whom each conduct sentence binds."""

    defined: frozenset[str]
    """Slugs of defined terms that name parties."""
    found: list[tuple[Clause, int, str]] = field(default_factory=list)
    """(clause, sentence start in the clause's :func:`~.reading.read` key, subject phrase), in
    document order."""


def oversight(reading: Reading, ctx: Context) -> list[Item]:
    """Oversight values of each sentence that imposes something."""
    out: list[Item] = []
    completes = _completes(reading, ctx)
    for a, b in reading.sentences:
        s = reading.key[a:b]
        if sig.MODAL.search(s) is None and not completes:
            continue
        lowered = lower_for_prefilter(s)
        out += [at(reading, Dimension.OVERSIGHT, v, a + m.start(), a + m.end())
                for v, f in filters(sig.OVERSIGHT) for m in [f.search(s, lowered)] if m]
    return out


def conduct(reading: Reading, ctx: Context, subjects: Subjects, found: list[Item]
            ) -> list[Item]:
    """Prohibited, required and permitted conduct (see the module docstring)."""
    out: list[Item] = []
    exception = any(i.dimension is Dimension.EXCEPTIONS for i in found) or \
        signal(reading) is not None
    structural = any(i.dimension is Dimension.EXCEPTIONS and i.value in
                     (*sig.STRUCTURAL, "not-applicable") for i in found)
    if structural or pure_lead_in(reading):
        return out
    inherited = ctx.conduct is not None and _completes(reading, ctx)
    preempts = [i.span for i in found if i.dimension is Dimension.PREEMPTION]
    for a, b in reading.sentences:
        s = reading.key[a:b]
        modal = sig.MODAL.search(s)
        if (modal is None and not inherited) or len(re.findall(r"[a-z]+", s)) < 3:
            continue
        if _claimed(s) or sig.OVERSIGHT_CONTEXT.search(s) or _overlaps(reading.span(a, b),
                                                                       preempts):
            continue
        value = _value(s, modal, ctx.conduct if inherited else None, exception,
                       subjects.defined)
        if value is None:
            continue
        if modal is not None:
            subjects.found.append((reading.clause, a, subject(s, modal.start())))
        if value == "duty" and any(p.search(s) for _, p in sig.OVERSIGHT):
            continue
        dimension = Dimension.PERMITTED if value == "permission" else Dimension.PROHIBITED
        out.append(at(reading, dimension, value, a, b))
    return out


def pure_lead_in(reading: Reading) -> bool:
    """A lead-in that ends on its modal ("may not—", "shall:", "must, at a minimum:"): its list
    items carry the conduct."""
    return reading.is_lead_in and bool(_ENDS_ON_MODAL.search(reading.key))


def child_context(reading: Reading, ctx: Context, found: list[Item]) -> Context:
    """What the clause's list items inherit from it."""
    conduct_value = None
    if pure_lead_in(reading):
        conduct_value = "prohibition" if sig.PROHIBITION.search(reading.key) else (
            "duty" if sig.DUTY.search(reading.key) else None)
    exception = None
    if not any(i.dimension is Dimension.PREEMPTION for i in found):
        opened = signal(reading)
        if opened is not None and reading.is_lead_in and opens_list(reading, opened[0],
                                                                     opened[2]):
            exception = opened[0]
        elif ctx.exception is not None and reading.is_lead_in and not any(
                i.dimension is Dimension.EXCEPTIONS for i in found):
            exception = ""
    modal = reading.is_lead_in and sig.MODAL.search(reading.key) is not None
    if sig.OVERSIGHT_CONTEXT.search(reading.key):
        conduct_value, modal = None, False
    return Context(conduct=conduct_value, exception=exception, parent=reading.key, modal=modal)


def _completes(reading: Reading, ctx: Context) -> bool:
    """Is the clause a list item that starts with a verb under a lead-in with a modal?"""
    return (ctx.modal or ctx.conduct is not None) and bool(sig.LIST_VERB.match(reading.key))


def _claimed(sentence: str) -> bool:
    """Does the sentence belong to a remedy, enforcement or the law's dates? (A sentence of a
    preemption clause is known by its preemption item, :func:`_overlaps`.)"""
    tables = (sig.REMEDIES, sig.ENFORCEMENT)
    lowered = lower_for_prefilter(sentence)
    if any(f.search(sentence, lowered) for table in tables for _, f in filters(table)):
        return True
    return bool(sig.EFFECTIVE.search(sentence) or sig.SUNSET.search(sentence))


def _overlaps(span: tuple[int, int], spans: list[tuple[int, int]]) -> bool:
    return any(a < span[1] and span[0] < b for a, b in spans)


def _value(s: str, modal: re.Match[str] | None, inherited: str | None, exception: bool,
           defined: frozenset[str]) -> str | None:
    if modal is None:
        return inherited
    who = subject(s, modal.start())
    if sig.PROTECTED_WORDS.search(who.split(" of ")[0]) and not sig.ACTOR_WORDS.search(who):
        return None
    court = sig.OVERSIGHT_BODIES.search(who) is not None
    slug = re.sub(r"[^a-z0-9]+", "-", who)
    party = bool(sig.ACTOR_WORDS.search(who)) or any(d in slug for d in defined)
    if sig.PROHIBITION.search(s):
        return None if court and not party else "prohibition"
    passive = sig.PASSIVE.search(s) is not None
    if sig.DUTY.search(s) and (party or passive) and not court:
        return "duty"
    relative = re.search(r"\b(?:that|which|who)\b", s[:modal.start()].rsplit(",", 1)[-1])
    if sig.PERMISSION.search(s) and not exception and not relative and (
            party or passive or (court and "authoriz" in s)):
        return "permission"
    return None
