"""``fact_sheet(outline)``: what one law covers, item by item, each pinned to its clause.

Stage guarantees:

* Every item sits at the clause whose own text carries it, and quotes that text (its ``span``
  is inside the clause's span). One clause may carry several items; a value appears at most
  once per clause and dimension. Items are in document order.
* Front matter, headings, tables of contents, history notes, findings and purpose, and amending
  instructions themselves (not the matter they quote into the law) carry nothing. Inside a
  definition, only the terms and the exclusions count.
* A lead-in that only introduces its list ("may not—", "shall:", "unless:", "does not
  include:") carries nothing of what the list items say: the items carry it. A lead-in with a
  substance of its own ("No private entity may disclose ... unless:") carries that.
* Every dimension without an item is ``not_addressed``, or ``not_retrieved`` when the document is
  partial (a gap could hold it).
* Deterministic and pure: the same outline gives the same sheet.

The stages of one clause: definitions (:mod:`.terms`), preemption, oversight and conduct
(:mod:`.conduct`), exceptions (:mod:`.exceptions`), remedies, enforcement and dates
(:mod:`.dates`); the vocabulary is :mod:`.signals`. Parties the law regulates without defining
them are named last, each at the first clause that binds it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from ..assess.roles import own_text, settles
from ..model import Clause, Kind, Outline, Role
from ..normalize import key, readable
from ..parallel import map_balanced, worthwhile
from . import signals as sig
from .conduct import Subjects, child_context, conduct, oversight
from .dates import dates
from .exceptions import exceptions
from .items import Context, at, item, matches, table_items, unique
from .model import Dimension, FactSheet, Item
from .preemption import Found, claimed, preemption_found, preemption_items, without_stray_carve_outs
from .reading import Reading, read
from .terms import Term, clause_defines, defined_terms, is_party, party_names, same_party

_SKIP_KINDS = frozenset({Kind.FRONT, Kind.TOC, Kind.HISTORY, Kind.HEADING})
_DESCRIPTIVE = re.compile(r"\bfindings?\b|\bpurposes?\b|\bshort title\b|\blegislative intent\b"
                          r"|\bstatement of policy\b|\bsense of (?:the )?congress\b|\bdigest\b"
                          r"|\bmay be cited as\b|\b(?:finds|declares)\b|\bexisting law\b")
"""What confirms a descriptive role here. The role table also reads "intent" in a heading
("Notice of intent—Accountability report") as descriptive, which would hide a whole operative
section, so a descriptive clause without these words is read like any other."""


@dataclass
class _Sheet:
    page: str
    terms: list[Term] = field(default_factory=list)
    items: list[Item] = field(default_factory=list)
    subjects: Subjects = field(default_factory=lambda: Subjects(frozenset()))
    defined_in: dict[str, list[Term]] = field(default_factory=dict)
    """``terms`` by the id of the clause defining them, in order (a law with thousands of
    definitions would look through all of them for each)."""
    preemption: Found = field(default_factory=dict)
    """The preemption values each clause of the top-level clause being read decides."""


def fact_sheet(outline: Outline) -> FactSheet:
    """The fact sheet of one law (see the module docstring for the guarantees)."""
    sheet = _Sheet(outline.document.text)
    for clause in _operative(outline.clauses):
        if clause_defines(clause):
            child = read(clause.children[0], sheet.page) if clause.children else None
            sheet.terms += defined_terms(read(clause, sheet.page), child)
    sheet.subjects = Subjects(frozenset(t.slug for t in sheet.terms
                                        if t.kind is Dimension.ACTORS))
    for term in sheet.terms:
        sheet.defined_in.setdefault(term.clause, []).append(term)
    # Each top-level clause is read on its own (a fresh context, the terms and defined parties
    # known): on a long law a second process takes its share of them.
    parts = map_balanced(lambda some: [_walked(c, sheet) for c in some], outline.clauses,
                         cheap=_never, send=_sent, receive=_received,
                         parallel=worthwhile(outline.document), chunk=1)
    for part_items, part_found in parts:
        sheet.items += part_items
        sheet.subjects.found += part_found
    _parties(sheet)
    order = list(Dimension)
    items = tuple(sorted(unique(without_stray_carve_outs(sheet.items)), key=lambda i: (i.span[0],
                                                             order.index(i.dimension))))
    silent = tuple(d for d in Dimension if not any(i.dimension is d for i in items))
    partial = outline.document.partial
    return FactSheet(outline.document, items, () if partial else silent,
                     silent if partial else ())


_Part = tuple[list[Item], list[tuple[Clause, int, str]]]


def _walked(clause: Clause, sheet: _Sheet) -> _Part:
    """The items of a top-level clause and its parts, and the subjects its conduct binds."""
    part = _Sheet(sheet.page, sheet.terms, [], Subjects(sheet.subjects.defined),
                  sheet.defined_in)
    if not _skipped(clause):
        part.preemption = preemption_found(clause, sheet.page)
    _walk(clause, Context(), part)
    return part.items, part.subjects.found


def _never(clause: Clause) -> bool:
    """No top-level clause is too cheap to share (``map_balanced``'s ``cheap``)."""
    return False


def _sent(part: _Part) -> tuple[list[Item], list[tuple[str, int, str]]]:
    """A part as a child process sends it: clauses by id (the receiver has them)."""
    items, found = part
    return items, [(clause.id, start, phrase) for clause, start, phrase in found]


def _received(top: Clause, sent: tuple[list[Item], list[tuple[str, int, str]]]) -> _Part:
    """A part a child sent for the top-level clause ``top``, with the clauses its ids name
    (all of them ``top`` or inside it)."""
    items, found = sent
    if not found:
        return items, []
    by_id = {c.id: c for c in top.walk()}
    return items, [(by_id[cid], start, phrase) for cid, start, phrase in found]


def _skipped(c: Clause) -> bool:
    """Front matter, headings, contents, history, and confirmed descriptive provisions."""
    if c.kind in _SKIP_KINDS or (c.role is Role.NON_OPERATIVE and not _holds(c)):
        return True
    return c.role is Role.DESCRIPTIVE and bool(
        _DESCRIPTIVE.search(key((c.heading or "") + " " + c.text[:300])))


def _amends(c: Clause) -> bool:
    """Is ``c`` an amending instruction (of which only the matter it quotes is read)?"""
    return c.role is Role.AMENDMENT and c.kind is not Kind.QUOTED and not _holds(c)


def _holds(c: Clause) -> bool:
    """Is ``c`` a provision that only holds others (a title, a part, a section with no more
    text of its own than its label and heading)? Its role is the one its parts mostly have
    (:func:`~legcompare.assess.roles.settled_role`), which does not tell what each of them
    is: a title of amendments may hold a part that binds on its own, a title of headings a
    section. Each of its parts is then read for what it is."""
    return bool(c.children) and settles(own_text(c))


def _operative(clauses: tuple[Clause, ...]) -> Iterator[Clause]:
    """Clauses that can carry items, in document order (of an amending instruction, only the
    matter it quotes)."""
    for c in clauses:
        if _skipped(c):
            continue
        if _amends(c):
            yield from _operative(tuple(_quoted(c)))
            continue
        yield c
        yield from _operative(c.children)


def _quoted(clause: Clause) -> Iterator[Clause]:
    for c in clause.children:
        if c.kind is Kind.QUOTED:
            yield c
        else:
            yield from _quoted(c)


def _walk(clause: Clause, ctx: Context, sheet: _Sheet) -> None:
    if _skipped(clause):
        return
    if _amends(clause):
        for q in _quoted(clause):
            _walk(q, Context(), sheet)
        return
    reading = read(clause, sheet.page)
    found: list[Item] = []
    if clause_defines(clause):
        found += _definitions(reading, sheet.defined_in.get(clause.id, []))
        carved, passed = exceptions(reading, ctx, found)
        found += carved
        child_ctx = Context(exception=passed, parent=reading.key)
    else:
        found += _clause_items(reading, ctx, sheet)
        # (a preemption clause's list items complete it: they inherit no conduct or exception)
        child_ctx = Context(parent=reading.key) if claimed(reading, sheet.preemption) else \
            child_context(reading, ctx, found)
    sheet.items += found
    for child in clause.children:
        # a proviso ("...: Provided further, That ...") completes no lead-in: it is no list item
        _walk(child, Context(parent=reading.key) if child.kind is Kind.PROVISO else child_ctx,
              sheet)


def _clause_items(reading: Reading, ctx: Context, sheet: _Sheet) -> list[Item]:
    found = preemption_items(reading, sheet.preemption)
    found += oversight(reading, ctx)
    # (what a preemption clause says binds other law, not a party: no exceptions, no conduct)
    preempts = claimed(reading, sheet.preemption)
    if not preempts and not any(i.dimension is Dimension.PREEMPTION for i in found):
        found += exceptions(reading, ctx, found)[0]
    enforcement = matches(reading, sig.ENFORCEMENT)
    remedies = matches(reading, sig.REMEDIES)
    if any(v == "attorney-general" for v, _, _ in enforcement):
        # the attorney general's action is public enforcement, not a private right of action
        remedies = [r for r in remedies if r[0] != "private-right-of-action"]
    found += table_items(reading, Dimension.REMEDIES, remedies)
    found += _statutory_damages(reading, ctx)
    found += table_items(reading, Dimension.ENFORCEMENT, enforcement)
    found += [item(reading, Dimension.DATES, v, s, q, span) for v, s, q, span in dates(reading)]
    if not preempts:
        found += conduct(reading, ctx, sheet.subjects, found)
    return found


def _definitions(reading: Reading, terms: list[Term]) -> list[Item]:
    """A definitions item per term the clause defines (``terms``, in order), and an actors,
    technology or data item for a term that names one."""
    out: list[Item] = []
    for term in terms:
        kinds = [Dimension.DEFINITIONS] + ([term.kind] if term.kind is not None else [])
        out += [item(reading, k, term.slug, term.name, term.name, term.span) for k in kinds]
    return out


def _statutory_damages(reading: Reading, ctx: Context) -> list[Item]:
    """An amount per violation that the clause, or its lead-in, calls damages."""
    m = sig.STATUTORY_AMOUNT.search(reading.key)
    if m is None or "liquidated" in reading.key:
        return []
    if not (sig.DAMAGES.search(reading.key) or sig.DAMAGES.search(ctx.parent)):
        return []
    return [at(reading, Dimension.REMEDIES, "statutory-damages", m.start(), m.end())]


def _parties(sheet: _Sheet) -> None:
    """Each regulated party the law names without defining it, at the first clause that binds
    it (a name that contains a known party's name, or nearly equals it, is that party)."""
    known = [t.slug.replace("-", " ") for t in sheet.terms if t.kind is Dimension.ACTORS]
    for clause, start, phrase in sheet.subjects.found:
        for name in party_names(phrase):
            _party(sheet, known, clause, start, phrase, name)


def _party(sheet: _Sheet, known: list[str], clause: Clause, start: int, phrase: str,
           name: str) -> None:
    """An actors item for the party ``name``, read from the subject ``phrase`` at ``start``
    in ``clause``, unless it is no regulated party or one of those ``known`` already."""
    if not sig.ACTOR_WORDS.search(name) or not is_party(name) or same_party(name, known):
        return
    known.append(name)
    reading = read(clause, sheet.page)
    # (from where the phrase stands: its sentence may name the same word before it, "Federal
    # funds provided ... to the agencies funded by this Act, both Federal and District ...")
    start = max(reading.key.find(phrase, start), start) if phrase else start
    m = re.search(_printed(name.split()[0]), reading.key[start:])
    begin = start + (m.start() if m else 0)
    span = reading.span(begin, _name_end(reading.key, begin, name, phrase)) if m else \
        reading.span(start, start)
    quote = readable(reading.page[span[0]:span[1]], reading.page) or name
    sheet.items.append(item(reading, Dimension.ACTORS, re.sub(r"[^a-z0-9]+", "-", name)
                            .strip("-"), _as_printed(name, quote), quote, span))


def _as_printed(name: str, quote: str) -> str:
    """A party's ``name`` (a comparison key) to show: each word as the ``quote`` prints it
    ("law-enforcement", not "lawenforcement"; "Government Accountability Office"), in lower
    case where the quote is in capitals (a New York bill's new matter) or the name changed
    the word ("agency" for "agencies")."""
    lower = quote.isupper()
    printed = {key(w): w.lower() if lower else w for w in quote.split()}
    return " ".join(printed.get(w, w) for w in name.split())


def _printed(word: str) -> str:
    """A word of a party's name as the text may print it: in the singular, or in the plural
    the name's head was taken from ("agency" in "agencies receiving funds")."""
    return re.escape(word[:-1]) + "(?:y|ies)" if word.endswith("y") else re.escape(word) + "s?"


def _name_end(key: str, begin: int, name: str, phrase: str) -> int:
    """Where a party's ``name`` ends in the subject ``phrase`` it was read from, ``begin``
    being where its first word is: after its last word as printed, with the words the name
    left out ("custodian of such arrest photo database") and the plural its head was taken
    from ("agencies", "owners"); ``begin + len(name)`` if the words cannot be found there."""
    at = begin
    found = key.find(phrase, max(0, begin - len(phrase)))
    limit = found + len(phrase) if found >= 0 else len(key)
    for word in name.split():
        m = re.compile(_printed(word)).search(key, at, limit)
        if m is None:
            return begin + len(name)
        at = m.end()
    while at < limit and key[at].isalnum():
        at += 1
    return at


__all__ = ["fact_sheet"]
