"""A bill against the law it would change.

``against_current(bill, *, law=None, options)`` answers "what does this bill do to current law?"
on one of three bases, always said in the result (:class:`Basis`):

* ``law`` — a current-law text is given: the bill's instructions (strike and insert,
  redesignate, add, restate a section, repeal; :mod:`legcompare.amend`) are applied to it in
  order, and the current text is compared with the text as amended;
* ``markup`` — the bill shows current law itself (a New York print, whose brackets and lower
  case are current law; a Ramseyer print): its ``before`` side is compared with its ``after``;
* ``none`` — neither: the instructions are listed, unapplied.

Its guarantees: an instruction that cannot be applied is reported with the reason
(:class:`Outcome`: target not found, ambiguous, conflict, unsupported; an instruction legcompare
cannot read is unsupported, with its words), never skipped or guessed;
every change carries two citations, the law's provision and the bill provision that makes it;
a bill or law not fully retrieved, a law not in force, and a bill with no instruction found,
are said in the notes;
sections the bill restates, adds or repeals whole are listed (:class:`Restatement`) with both
citations, each with its own new text (where the bill quotes several sections after one
instruction, the one so numbered; none, rather than another's). The comparison is
``compare(current, amended, mode=versions)``, so its pairs, edits and verdicts are the diff's
own. Pure: no I/O.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from enum import Enum

from .amend import Action, Instruction, in_outline, read_quote
from .apply import Amended, Application, Outcome, apply_instructions, describe, designation
from .chardiff import diff_text
from .citation import law_form
from .compare import compare
from .errors import SelectError
from .markup import BEFORE_CURRENT_LAW, side
from .model import (
    Clause,
    ClausePair,
    CompareOptions,
    Comparison,
    Document,
    Kind,
    MarkKind,
    Mode,
    Op,
)
from .split import split

__all__ = ["Basis", "Change", "CurrentLaw", "Restatement", "against_current", "before_side",
           "restatements"]


class Basis(str, Enum):
    """What the bill was compared against."""

    LAW = "law"
    MARKUP = "markup"
    NONE = "none"


@dataclass(frozen=True)
class Restatement:
    """A section the bill restates, adds or repeals whole."""

    action: Action
    """``restate``, ``add`` or ``repeal``."""
    bill: str
    bill_citation: str
    law: str | None
    """The law as the bill names it (``multiple dwelling law``), when it does."""
    section: str | None
    code_citation: str | None
    """``N.Y. Mult. Dwell. Law § 50-b``; an article added: ``N.Y. Gen. Bus. Law art. 32-A``."""
    quoted: str | None
    """The id of the bill's quoted matter that is the section's new text."""
    unit: str = "section"
    """``section`` or ``article``: what :attr:`section` numbers."""


@dataclass(frozen=True)
class Change:
    """A pair of the comparison, with the law's provision and the bill provision behind it."""

    pair: ClausePair
    code: str
    bill: tuple[str, ...]


@dataclass(frozen=True)
class CurrentLaw:
    """The result of :func:`against_current`."""

    bill: Document
    basis: Basis
    current: Document | None
    amended: Document | None
    comparison: Comparison | None
    restatements: tuple[Restatement, ...]
    applications: tuple[Application, ...]
    changes: tuple[Change, ...]
    notes: tuple[str, ...] = ()


# --- what the bill says -------------------------------------------------------------------


_SECTION = re.compile(r"\b(?:section|§)\s*(?P<n>[\w.-]*\d[\w.-]*)", re.I)
# A section named with nothing below it: its number not followed by "(", then at most the law
# it is of ("of the Penal Code", ", as added by chapter 12 ...", "of title 18, United States Code").
_SECTION_ALONE = re.compile(r"\s*(?:section|sec\.|§)\s*[\w.-]*\d[\w.-]*(?![\w.(-])"
                            r"(?:\s*(?:,|\bof\b|\bas\b)[\s\S]*)?\s*$", re.I)
_LAW = re.compile(r"\bof\s+the\s+(?P<law>[^,(]+?)\s*(?:,|\(|$)|\badded\s+to\s+the\s+"
                  r"(?P<law2>[^,]+?)\s*(?:,|$)|^the\s+(?P<law3>[^,]+?)$", re.I)
_CITED = re.compile(r"^(?P<bill>.+?) \((?:adding|amending|inserting|restating)"
                    r"(?: and (?:adding|inserting))? (?P<code>.+)\)$")


def restatements(bill: Document) -> tuple[Restatement, ...]:
    """The sections the bill restates (``is amended to read``), adds (``by adding a new section
    50-b``, ``Section 832.19 is added to the Penal Code``) or repeals whole, in order."""
    outline = split(bill)
    return _restatements(bill, in_outline(outline))


def _restatements(bill: Document, found: Sequence[tuple[Clause, Instruction]]
                  ) -> tuple[Restatement, ...]:
    out = []
    for clause, ins in found:
        if not _whole(ins):
            continue
        head = ins.target[0] if ins.target else ""
        words = bill.text[ins.span[0]:ins.span[1] + 80]
        law = _law(head) or _law(words)
        number = _section_number(ins)
        quoted, own = _new_text(clause, ins)
        code = None
        pin = f"art. {number.upper()}" if ins.unit == "article" and number else f"§ {number}"
        if quoted is not None and quoted.quoted_in and number:
            code = f"{quoted.quoted_in} {pin}"
        elif law and number:
            form = law_form(law, bill)
            code = f"{form.prefix if form else law} {pin}"
        out.append(Restatement(ins.action, clause.id, clause.citation, law, number, code,
                               own.id if own is not None else None, ins.unit))
    return tuple(out)


def _whole(ins: Instruction) -> bool:
    """Does the instruction restate, add or repeal a section whole? A section it adds is
    whole; one it restates or repeals must be named alone ("Section 1561", "Section 105 of the
    Uniformed and Overseas Citizens Absentee Voting Act (52 U.S.C. 20307)"). What lies below a
    section ("Subsection (b) of section 11", "Section 163(j)", "So much of section 448(c) as
    precedes paragraph (2)", "The second sentence of section 807(c)") is restated by an
    instruction like the others."""
    if ins.section is not None:
        return True
    return ins.action in (Action.RESTATE, Action.REPEAL) and len(ins.target) == 1 and \
        _SECTION_ALONE.match(ins.target[0]) is not None


def _law(phrase: str) -> str | None:
    m = _LAW.search(phrase)
    if m is None:
        return None
    law = next(g for g in m.groups() if g)
    return " ".join(law.split()) or None


def _number(phrase: str) -> str | None:
    m = _SECTION.search(phrase)
    return m.group("n").rstrip(".").lower() if m else None


# --- the comparison -----------------------------------------------------------------------


def against_current(bill: Document, *, law: Document | None = None,
                    options: CompareOptions | None = None, only: str | None = None
                    ) -> CurrentLaw:
    """The bill against current law (see the module docstring); with ``only``, just the
    instructions and sections of that bill clause's subtree."""
    options = replace(options or CompareOptions(), mode=Mode.VERSIONS)
    outline = split(bill)
    if only is not None and not any(c.id == only for c in outline.walk()):
        raise SelectError(f"no clause with id {only!r} in the bill")
    found = [(c, i) for c, i in in_outline(outline) if _under(c.id, only)]
    stated = _restatements(bill, found)
    gaps = _gaps(bill, law, found, only)
    if law is not None:
        done = apply_instructions(law, [(c, _with_text(i, c, bill)) for c, i in found])
        comparison = compare(done.current, done.amended, options=options)
        changes = tuple(_law_change(p, done) for p in comparison.pairs)
        return CurrentLaw(bill, Basis.LAW, done.current, done.amended, comparison, stated,
                          done.applications, changes, gaps)
    why = ("no current text given" if bill.before != BEFORE_CURRENT_LAW else
           "not applied: the print's own markup shows current law")
    apps = tuple(Application(i, c.id, c.citation, Outcome.NO_TEXT, f"{describe(i)}: {why}")
                 for c, i in found if not _whole(i))
    if bill.before == BEFORE_CURRENT_LAW:
        before, after = before_side(bill, outline.clauses), side(bill, "after")
        comparison = compare(before, after, options=options)
        changes = tuple(_markup_change(p) for p in comparison.pairs
                        if _under((p.new or p.old).id, only))  # type: ignore[union-attr]
        return CurrentLaw(bill, Basis.MARKUP, before, after, comparison, stated, apps, changes,
                          gaps)
    note = ("no current text: give the current law, or a print that shows it (New York's "
            "brackets and capitals, a Ramseyer print)")
    return CurrentLaw(bill, Basis.NONE, None, None, None, stated, apps, (), (note, *gaps))


def _gaps(bill: Document, law: Document | None, found: Sequence[tuple[Clause, Instruction]],
          only: str | None) -> tuple[str, ...]:
    """What a reader must know of the texts' own gaps: a bill or law not fully retrieved, a law
    not in force, and a bill in which no instruction was found."""
    out = []
    if bill.provenance.partial:
        out.append("the bill's text was not fully retrieved: instructions in the parts missing "
                   "are not here")
    if law is not None and law.provenance.partial:
        out.append("the current text was not fully retrieved: an instruction aimed at a part "
                   "missing is not found")
    if law is not None and law.provenance.in_force is False:
        out.append("the current text is not in force: the bill is compared with a law no "
                   "longer (or not yet) in effect")
    if not found:
        out.append("no amending instruction was found in " + (
            f"the bill's provision {only}" if only else "the bill"))
    return tuple(out)


def _under(clause_id: str, only: str | None) -> bool:
    return only is None or clause_id == only or clause_id.startswith(only + "/")


def before_side(bill: Document, clauses: tuple[Clause, ...] | None = None) -> Document:
    """The bill's ``before`` side (:func:`legcompare.markup.side`) with the bill's own clause
    tree carried over to it (its XML structure, else its split: ``clauses``, where the caller
    has split it already), so each provision meets itself
    rather than a re-split of the before text, which can read a provision differently. Spans
    are mapped through the marks (:func:`_position_map`); a provision that is new (its label
    or all its text inserted) is dropped and its remaining text goes to the provision before
    it; matter struck whole stays with the provision it follows."""
    before = side(bill, "before")
    tree = bill.structure if bill.structure is not None else clauses
    if tree is None:
        tree = split(bill).clauses
    at = _position_map(bill, before.text)
    return replace(before, structure=_carried(tree, at, before.text))


def _position_map(document: Document, before: str) -> Callable[[int], int]:
    """Positions of the marked ``document`` mapped into its ``before`` text: through its marks
    (inserted matter maps to the place it was inserted at, struck matter follows what it
    follows), then through the word diff of that text with ``before`` (the two differ only in
    the spaces struck and inserted matter took with them)."""
    edits: list[tuple[Op, str]] = []
    pos = 0
    for mark in sorted(document.marks, key=lambda m: (m.span[0], m.kind is not MarkKind.STRUCK)):
        s, e = mark.span
        if s < pos or mark.kind is MarkKind.UNCLEAR:
            continue
        edits.append((Op.EQUAL, document.text[pos:s]))
        if mark.kind is MarkKind.INSERTED:
            edits.append((Op.DELETE, document.text[s:e]))
            pos = e
        else:
            edits.append((Op.INSERT, mark.text))
            pos = s
    edits.append((Op.EQUAL, document.text[pos:]))
    first = _through(edits)
    rebuilt = "".join(t for op, t in edits if op is not Op.DELETE)
    second = _through([(e.op, e.text) for e in diff_text(rebuilt, before,
                                                         max_tokens=10**9).edits])
    return lambda p: second(first(p))


def _through(edits: Sequence[tuple[Op, str]]) -> Callable[[int], int]:
    """The map of old positions to new ones that ``edits`` (old → new) make: equal text maps
    one to one, deleted text to where it was, and inserted text goes after what precedes it."""
    starts: list[int] = []
    targets: list[tuple[int, bool]] = []  # new offset; whether positions run on from it
    pa = pb = 0
    for op, text in edits:
        n = len(text)
        if op is Op.INSERT:
            pb += n
            continue
        starts.append(pa)
        targets.append((pb, op is Op.EQUAL))
        pa += n
        pb += n if op is Op.EQUAL else 0
    starts.append(pa)
    targets.append((pb, False))

    def at(p: int) -> int:
        i = bisect_right(starts, p) - 1
        base, runs = targets[i]
        return base + (p - starts[i]) if runs else base
    return at


def _carried(tree: tuple[Clause, ...], at: Callable[[int], int], text: str
             ) -> tuple[Clause, ...]:
    """The clause tree of the after text carried over to the before ``text`` (see
    :func:`before_side`). A provision that was not there before (its label, or all its text,
    inserted) is dropped, its remaining text going to the provision before it (own texts tile
    the text, so nothing is lost) and its children to its parent."""
    flat: list[tuple[Clause, int | None]] = []

    def walk(clause: Clause, parent: int | None) -> None:
        flat.append((clause, parent))
        me = len(flat) - 1
        for child in clause.children:
            walk(child, me)

    for root in tree:
        walk(root, None)
    spans = [[at(c.span[0]), at(c.span[1])] for c, _ in flat]
    kept = [_existed(c, spans[i], at, text) for i, (c, _) in enumerate(flat)]
    children: dict[int, list[int]] = {}
    for j, (_, p) in enumerate(flat):
        if p is not None:
            children.setdefault(p, []).append(j)
    for i in range(len(flat) - 1, -1, -1):  # a container without text: there if a child is
        if not flat[i][0].text.strip() and i in children:
            kept[i] = any(kept[j] for j in children[i])
    last: int | None = None
    pending: int | None = None  # a dropped start with no kept clause before it yet
    for i in range(len(flat)):
        if kept[i]:
            if pending is not None:
                spans[i][0] = pending
                pending = None
            last = i
        elif last is not None:
            spans[last][1] = max(spans[last][1], spans[i][1])
        elif pending is None:
            pending = spans[i][0]

    def build(i: int) -> Clause:
        clause = flat[i][0]
        label = clause.label_span
        if label is not None:
            label = (at(label[0]), at(label[1]))
        children = tuple(build(j) for j in _kept_children(i, flat, kept))
        start, end = spans[i]
        return replace(clause, span=(start, end), label_span=label, children=children,
                       text=text[start:end])

    return tuple(build(i) for i in _kept_children(None, flat, kept))


def _existed(clause: Clause, span: list[int], at: Callable[[int], int], text: str) -> bool:
    """Whether a provision of the after text was already there: its label (when it has one)
    and some of its text are in the before text."""
    if clause.label_span is not None and at(clause.label_span[0]) == at(clause.label_span[1]):
        return False
    return bool(text[span[0]:span[1]].strip()) or not clause.text.strip()


def _kept_children(parent: int | None, flat: list[tuple[Clause, int | None]],
                   kept: list[bool]) -> list[int]:
    """The kept clauses whose nearest kept ancestor is ``parent``, in order."""
    out = []
    for i, (_, p) in enumerate(flat):
        if not kept[i]:
            continue
        while p is not None and not kept[p]:
            p = flat[p][1]
        if p == parent:
            out.append(i)
    return out


def _with_text(ins: Instruction, clause: Clause, bill: Document) -> Instruction:
    """A restatement or new section with its new text: the bill's quoted matter after it, else
    (a form the splitter does not read as quoted: California's ``is amended to read:`` and the
    section on the next line) the rest of the bill provision after the instruction."""
    if ins.inserted is not None or ins.action not in (Action.RESTATE, Action.ADD):
        return ins
    quoted, q = _new_text(clause, ins)
    if quoted is not None:
        if q is None:
            return ins  # the bill's quoted sections are others: its new text is not there
        start, end = q.span[0], max(d.span[1] for d in q.walk())
        marked = read_quote(bill.text[start:end], 0)  # (“(b) ... “(1) ...”.: the words only)
        if marked is not None and marked[0].strip():
            return replace(ins, inserted=marked[0].strip("\n") + "\n")
    else:
        start, end = ins.span[1], max(d.span[1] for d in clause.walk())
        start += len(bill.text[start:end]) - len(bill.text[start:end].lstrip(":,; \n"))
    text = bill.text[start:end].strip("\n")
    return replace(ins, inserted=text + "\n") if text.strip() else ins


def _section_number(ins: Instruction) -> str | None:
    """The number of the section an instruction restates, adds or repeals: its own (``by adding
    a new section 50-b``), else its target's (``Section 832.19 of the Penal Code``)."""
    return ins.section or _number(ins.target[0] if ins.target else "")


def _new_text(clause: Clause, ins: Instruction) -> tuple[Clause | None, Clause | None]:
    """The first quoted matter of ``clause`` after the instruction, and in it the new text of
    the section the instruction names (:func:`_section_in`); ``None`` where there is none."""
    quoted = next((q for q in clause.walk() if q.kind is Kind.QUOTED
                   and q.span[0] >= ins.span[1]), None)
    if quoted is None:
        return None, None
    if ins.action is Action.ADD and ins.section is None:
        return quoted, quoted  # a provision added ("a new subdivision 3"): the whole matter
    unit = Kind.ARTICLE if ins.unit == "article" else Kind.SECTION
    return quoted, _section_in(quoted, _section_number(ins), unit)


def _section_in(quoted: Clause, number: str | None, unit: Kind = Kind.SECTION) -> Clause | None:
    """The new text of section (or article) ``number`` in quoted matter: the quoted section so
    numbered where the matter holds sections (Virginia's "by adding a section numbered
    23.1-815.1 as follows:" after the text of another section), ``None`` when none is so
    numbered, else the whole quoted matter (as it is when that section is all it holds)."""
    sections = [c for c in quoted.walk() if c.kind is unit]
    if not number or [designation(c) for c in sections] in ([], [number]):
        return quoted
    return next((c for c in sections if designation(c) == number), None)


def _markup_change(pair: ClausePair) -> Change:
    clause = pair.new or pair.old
    assert clause is not None
    m = _CITED.match(clause.citation)
    if m is None:
        return Change(pair, clause.citation, ())
    return Change(pair, m.group("code"), (m.group("bill"),))


def _law_change(pair: ClausePair, done: Amended) -> Change:
    clause = pair.new or pair.old
    assert clause is not None
    bills: list[str] = []
    if pair.new is not None:
        s, e = pair.new.span
        for i, a, b in done.touched:
            hit = a < e and s < b if a < b else s <= a <= e
            if hit and (cite := done.applications[i].citation):
                bills.append(cite)
    if pair.old is not None:  # a removed provision: the instructions aimed at it or above it
        old = pair.old.id
        bills += [a.citation for a in done.applications if a.citation and a.clause and (
            a.clause == old or (pair.new is None and old.startswith(a.clause + "/")))]
    return Change(pair, clause.citation, tuple(dict.fromkeys(bills)))


