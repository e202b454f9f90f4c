"""Applying amending instructions to a current text.

``apply_instructions(current, instructions)`` applies each :class:`~legcompare.amend.Instruction`
in order to the text the ones before it left, finding each target in the provisions as they
stand after the changes before it (so "in subparagraph (F) (as redesignated ...)" finds the new
(F)). A change of words that touches no label, line start or quotation carries the provisions'
places forward; any other change reads the text again, and the text is read again at the end:
if that reading differs from the places carried, the instructions since the last reading are
applied again, reading the text after each. Its guarantees:

* An instruction is applied only when its target is found exactly: the place each target
  phrase names (``Section 1108(g)(5)``, then ``subparagraph (A)``, then ``the matter preceding
  clause (i)``; a chain may start above the current text when the text starts below it) must be
  one provision, and the struck words or anchor must stand there once as whole words (every
  time, for ``each place it appears``). Words struck in a list of places (``in clauses (ii)
  and (iv)``) are struck in each, each place found as one would be; other instructions on a
  list are unsupported. A struck provision (``by striking subsection (b)``) is found the same
  way and goes whole; a block inserted for provisions takes their place, so they must be one
  run (``paragraphs (2) and (3)``). What precedes a provision (``by striking all that precedes
  subsection (c)``) is the target's text before it, its label and heading included. Flush
  text (``the flush sentence at the end of paragraph (1)``, ``the flush language after clause
  (vii)``) is the words after the provision's last labelled subdivision, or after the one named
  up to the next; where no words stand there, it is not found.
* A sentence (``in the second sentence``, ``by striking the last sentence``) is counted in the
  provision's text after its label and a heading that ends ".—"; a sentence ends at a period
  before a capital or a parenthesis, or at the end, not after an abbreviation ("Pub. L.",
  "U.S.C."). A sentence struck takes the space before it with it.
* An item of a table of contents (``the item relating to section 303``) is the one line, in the
  target (a table named in it is looked for anywhere in it), that starts with the designation
  ("Sec. 303.", "303.", "Part VI—") and is no provision's own heading ("SEC. 303."); it is
  struck, restated or redesignated as a line, and new items go in as lines next to it.
* Otherwise the text is left as it was and the :class:`Application` says why
  (:class:`Outcome`): not found, ambiguous (with the count), conflict (a new section the text
  already has) or unsupported; nothing is skipped silently.
* Drafting conventions: struck words take the space before them with them (and a space before
  inserted ``, ...`` goes too); inserted words get a space when they meet a word or follow a
  comma, semicolon, colon or period (``“or” after the comma``: ", or"); a quoted
  block becomes new lines after the provision (or at the end of the target).
* What each applied instruction wrote is tracked (:attr:`Amended.touched`) through the later
  changes, so each change of the comparison can name the bill provision behind it.
"""

from __future__ import annotations

import itertools
import re
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, replace
from enum import Enum

from .amend import (
    Action,
    Instruction,
    designations,
    flush_text,
    item_designations,
    names_containers,
    places,
    range_ends,
    sentence_ordinal,
)
from .ids import label_designation
from .model import Clause, Document, Note, NoteKind
from .split import Skeleton, skeleton
from .split.labels import roman_value

_AFTER_MARK = (",", ";", ":", ".")
_LEANS_LEFT = (*_AFTER_MARK, ")")
"""What inserted words may start with to go on the word before them, with no space."""
_RELATIVE = re.compile(r"the\s+(?:heading|matter)\b", re.I)
"""Place phrases that name a part of a provision, not a law (``the heading``; sentences are
found by :func:`sentence_ordinal`)."""

__all__ = ["Amended", "Application", "Editor", "Outcome", "apply_instructions", "describe",
           "designation", "sentences"]


class Outcome(str, Enum):
    """What became of one instruction."""

    APPLIED = "applied"
    NOT_FOUND = "not-found"  # the provision or the words it names are not in the current text
    AMBIGUOUS = "ambiguous"  # they are there more than once, and it does not say which
    CONFLICT = "conflict"  # it adds a section the current text already has
    UNSUPPORTED = "unsupported"  # legcompare cannot apply this kind of instruction
    NO_TEXT = "no-current-text"  # no current text to apply it to


@dataclass(frozen=True)
class Application:
    """One instruction and what became of it."""

    instruction: Instruction
    bill: str | None
    """The bill clause that gives it (its id)."""
    citation: str | None
    """That clause's citation (``H.R. 2157, 116th Cong. § 701(a)(1)``)."""
    outcome: Outcome
    detail: str
    """What was done, or why not, in words."""
    clause: str | None = None
    """The current-law clause it applied to (its id in the current text)."""


@dataclass(frozen=True)
class Amended:
    """A current text with instructions applied, and what became of each."""

    current: Document
    amended: Document
    applications: tuple[Application, ...]
    touched: tuple[tuple[int, int, int], ...] = ()
    """(application index, start, end): what each applied instruction wrote, in the amended
    text's offsets."""


def describe(ins: Instruction) -> str:
    """An instruction in a few words: ``strike “and (E)” and insert “(E), and (F)” in Section
    1108(g)(5) of the Social Security Act › subparagraph (A)``."""
    struck = _struck(ins)
    inserted = _first_words(ins.inserted or "") if ins.provision else f"“{ins.inserted}”"
    what = {
        Action.REPLACE: f"strike {struck} and insert {inserted}",
        Action.STRIKE: f"strike {struck}",
        Action.INSERT: (f"insert “{ins.inserted}” at the end" if ins.anchor is None else
                        f"insert {_first_words(ins.inserted or '')} {ins.position} "
                        f"{_anchor(ins)}"),
        Action.ADD: (f"add {ins.unit} {ins.section}" if ins.section else
                     f"add {_first_words(ins.inserted)} at the end" if ins.inserted else
                     "add a new provision at the end"),
        Action.REDESIGNATE: f"redesignate {ins.struck} as {ins.inserted}",
        Action.RESTATE: "restate", Action.REPEAL: "repeal",
        Action.UNREAD: f"an instruction not read, “{ins.words}”"}[ins.action]
    if ins.every:
        what += " each place it appears"
    if ins.where:
        what += f" ({ins.where})"
    target = ins.target
    if ins.action is Action.RESTATE and target and sentence_ordinal(target[-1]) is not None:
        what, target = f"restate {target[-1]}", target[:-1]  # restate the second sentence in ...
    place = " › ".join(target)
    if ins.action in (Action.RESTATE, Action.REPEAL) and what in ("restate", "repeal"):
        return " ".join(f"{what} {place}".split())  # restate Subsection (b) of section 11
    return " ".join(f"{what} in {place}".split()) if place else " ".join(what.split())


def _anchor(ins: Instruction) -> str:
    """The provision or item an insertion goes next to as the bill names it, or its words in
    quotation marks (``after “shall”``)."""
    anchor = ins.anchor or ""
    named = ins.item or (designations(anchor) and anchor[:1].isalpha())
    return anchor if named else f"“{anchor}”"


def _struck(ins: Instruction) -> str:
    """What is struck, as an instruction names it: ``“x” through “z”``, ``“x” and all that
    follows``, ``subsection (b)``."""
    words = (ins.struck or "") if ins.provision or ins.item else f"“{ins.struck}”"
    if ins.precedes:
        return f"all that precedes {words}"
    return (words + (f" through “{ins.through}”" if ins.through is not None else "")
            + (" and all that follows" if ins.to_end else ""))


def designation(clause: Clause | Skeleton) -> str:
    """A clause's designation as instructions name it, lower case: ``(A)`` → ``a``,
    ``SEC. 2.`` → ``2``, ``§ 50-B.`` → ``50-b``."""
    return label_designation(clause.label)


def apply_instructions(current: Document,
                       instructions: Sequence[tuple[Clause | None, Instruction]], *,
                       carry: bool = True) -> Amended:
    """``current`` with ``instructions`` applied in order, each re-reading the text the ones
    before it left (a redesignated subparagraph is found by its new letter); an instruction
    that cannot be applied leaves the text as it was and says why.

    With ``carry`` (the default), the text is not split again after a change of words within
    a line: its clause tree is carried through the change (:meth:`Editor.edit`), and split
    again only where a change may move a provision, and at the end, where the tree carried
    must be the one the text reads as. Should it not be, the instructions since the tree was
    last read are applied again, each reading the text anew, as without ``carry``: the same
    result, in time that grows with the text once per change of structure rather than once
    per instruction."""
    editor = Editor(replace(current, structure=None), carry=carry)
    apps: list[Application] = []
    since = editor.checkpoint(0, apps)
    i = 0
    while i <= len(instructions):
        try:
            if i == len(instructions):
                editor.settle()
                break
            if editor.settled():
                since = editor.checkpoint(i, apps)
            clause, ins = instructions[i]
            outcome, detail, target = editor.apply(ins, i)
        except _Stale:
            i = editor.restore(since, apps)
            continue
        apps.append(Application(ins, clause.id if clause else None,
                                clause.citation if clause else None, outcome, detail, target))
        i += 1
    p = current.provenance
    applied = sum(a.outcome is Outcome.APPLIED for a in apps)
    said = Note(NoteKind.PROVENANCE, f"current text with {applied} of {len(apps)} amending "
                "instructions applied", None)
    amended = replace(editor.document(), provenance=replace(
        p, version=f"{p.version or 'current'}+amended", sha256="", notes=(*p.notes, said)))
    return Amended(editor.original, amended, tuple(apps), editor.touched())


class _Stale(Exception):
    """The clause tree carried through changes of words is not the one the text reads as."""


@dataclass(frozen=True)
class _Checkpoint:
    """Where :func:`apply_instructions` goes back to should a carried tree prove stale: the
    instruction to apply next, the text and what was written, and the applications so far."""

    index: int
    text: str
    touched: tuple[tuple[int, int, int], ...]
    applied: int


class Editor:
    """The current text being amended: its clause tree (read again after a change that may
    move a provision, else carried through the change), and what each change wrote (kept in
    step with later changes)."""

    def __init__(self, document: Document, *, carry: bool = True) -> None:
        self.original = document
        self.text = document.text
        self.carry = carry
        self._outline: tuple[Skeleton, ...] | None = None
        self._moves: list[tuple[int, int, int]] = []  # (start, end, new length), in order
        self._carried = False  # is the outline carried through changes, not read?
        self._touched: list[list[int]] = []
        self._labels: tuple[tuple[Skeleton, ...], list[int], list[int]] | None = None

    def document(self) -> Document:
        return replace(self.original, text=self.text, notes=(), lines=(), marks=(), before=None)

    def clauses(self) -> tuple[Skeleton, ...]:
        """The text's clause tree as :func:`~legcompare.split.split` reads it (ids, labels and
        spans: :func:`~legcompare.split.skeleton`), or as carried through changes of words
        since it was read (see :meth:`edit`)."""
        if self._outline is None:
            self._outline = skeleton(self.document())
        elif self._moves:
            self._outline = _moved(self._outline, self._moves)
            self._moves = []
            self._carried = True
        return self._outline

    def touched(self) -> tuple[tuple[int, int, int], ...]:
        return tuple((i, a, b) for i, a, b in self._touched)

    def edit(self, start: int, end: int, new: str, index: int) -> None:
        """Write ``new`` over ``text[start:end]``. A change of words within a line, where no
        line starts and nothing that reads as a label, a quotation or a section is struck or
        written (:func:`_keeps_tree`), keeps the clause tree, whose spans are moved with the
        text; any other is read again when next asked for, once the tree carried so far is
        found to be the text's own (else :class:`_Stale`)."""
        keeps = (self.carry and self._outline is not None and not self._at_label(start, end)
                 and _keeps_tree(self.text, start, end, new))
        if not keeps:
            self.settle()
        self.text = self.text[:start] + new + self.text[end:]
        delta = len(new) - (end - start)
        for t in self._touched:
            t[1] = t[1] + delta if t[1] >= end else min(t[1], start + len(new))
            t[2] = t[2] + delta if t[2] >= end else min(t[2], start + len(new))
        self._touched.append([index, start, start + len(new)])
        if keeps:
            self._moves.append((start, end, len(new)))
        else:
            self._outline, self._moves, self._carried = None, [], False

    def _at_label(self, start: int, end: int) -> bool:
        """Does ``text[start:end]`` touch a label of the clause tree (``(1)`` redesignated)?"""
        tree = self.clauses()
        if self._labels is None or self._labels[0] is not tree:
            spans = [c.label_span for root in tree for c in root.walk() if c.label_span]
            self._labels = (tree, [a for a, _ in spans], [b for _, b in spans])
        _, starts, ends = self._labels
        i = bisect_right(starts, end) - 1  # (labels do not overlap: the last to start ends last)
        return i >= 0 and ends[i] >= start

    def settled(self) -> bool:
        """Is the clause tree, if any, the one the text reads as (none carried)?"""
        return not self._carried and not self._moves

    def settle(self) -> None:
        """Check a carried clause tree against the text's own; :class:`_Stale` if they differ."""
        if self.settled():
            return
        assert self._outline is not None
        carried = _moved(self._outline, self._moves)
        read = skeleton(self.document())
        if read != carried:
            raise _Stale
        self._outline, self._moves, self._carried = read, [], False

    def checkpoint(self, index: int, apps: Sequence[Application]) -> _Checkpoint:
        return _Checkpoint(index, self.text, self.touched(), len(apps))

    def restore(self, since: _Checkpoint, apps: list[Application]) -> int:
        """Go back to ``since``, no longer carrying the clause tree; the instruction to apply
        next."""
        self.text = since.text
        self._touched = [list(t) for t in since.touched]
        self._outline, self._moves, self._carried = None, [], False
        self.carry = False
        del apps[since.applied:]
        return since.index

    # -- finding the target --------------------------------------------------------------

    def apply(self, ins: Instruction, index: int) -> tuple[Outcome, str, str | None]:
        """Apply one instruction: (outcome, what was done or why not, the clause's id)."""
        if ins.action is Action.UNREAD:
            return Outcome.UNSUPPORTED, f"cannot read the instruction “{ins.words}”", None
        if ins.section is not None and ins.action is Action.ADD:
            return self._add_section(ins, index)
        if ins.item:
            return self._items(ins, index)
        if ins.provision:
            return self._provisions(ins, index)
        listed = places(ins.target[-1]) if ins.target else ()
        if len(listed) > 1:
            return self._in_each(ins, listed, index)
        scope, region, problem = self._scope(ins)
        if problem is not None:
            return problem, region_text(self, ins, problem), None
        assert region is not None
        where = scope.id if scope is not None else None
        outcome, detail = _ACTIONS[ins.action](self, ins, scope, region, index)
        return outcome, detail, where

    def _provisions(self, ins: Instruction, index: int) -> tuple[Outcome, str, str | None]:
        """Strike provisions whole (``by striking subsection (b)``, ``paragraphs (2) and
        (7)``), each found as a target would be (in the instruction's target); a block to
        insert goes in their place, which must then be one run (``paragraphs (2) and (3)``).
        ``all that precedes subsection (c)`` is the target's text before that provision."""
        assert ins.struck is not None
        flush = flush_text(ins.struck)
        if flush is not None:
            return self._flush(ins, index, *flush)
        if names_containers(ins.struck):
            return (Outcome.UNSUPPORTED, (f"cannot strike {ins.struck}: legcompare finds "
                    "sections and their subdivisions, not the parts that hold them"), None)
        target = _holding(ins.target, ins.struck)
        found = self._each(ins, target, places(ins.struck))
        if not isinstance(found, list):
            return found
        found.sort(key=lambda f: f[1])
        found = [f for k, f in enumerate(found)  # one inside another goes with it
                 if not any(a <= f[1][0] and f[1][1] <= b for _, (a, b) in found[:k])]
        what = " ".join(_struck(ins).split())
        if ins.to_end or ins.precedes:
            # "subparagraph (A) and all that follows": to the end of the target; "all that
            # precedes subsection (c)": from its start (its label and heading) up to it
            scope, region, _ = self._scope(replace(ins, target=target, provision=False))
            assert region is not None  # (found above, as the places' first steps)
            if ins.precedes:
                if len(found) != 1:
                    return (Outcome.UNSUPPORTED, (f"cannot strike {what}: it names more "
                            "than one provision"), None)
                found = [(scope.id if scope is not None else None, (region[0], found[0][1][0]))]
            else:
                found = [(found[0][0], (found[0][1][0], max(region[1], found[-1][1][1])))]
        if ins.action is Action.REPLACE:
            if any(self.text[a[1]:b[0]].strip() for (_, a), (_, b) in itertools.pairwise(found)):
                return (Outcome.UNSUPPORTED, (f"{what} are not one run of provisions, to put "
                        "the new text in their place"), None)
            assert ins.inserted is not None
            start, end = found[0][1][0], found[-1][1][1]
            tail = "\n" if self.text[end - 1:end] == "\n" else ""
            self.edit(start, end, ins.inserted.rstrip("\n") + tail, index)
            return (Outcome.APPLIED, f"struck {what} and inserted {_first_words(ins.inserted)}",
                    found[0][0])
        sentence = sentence_ordinal(places(ins.struck)[0]) is not None
        for _, (start, end) in reversed(found):
            if sentence:  # a sentence goes with a space by it
                start, end = _with_space(self.text, start, end)
            self.edit(start, end, "", index)
        return Outcome.APPLIED, f"struck {what}", found[0][0]

    def _flush(self, ins: Instruction, index: int, where: str, place: str
               ) -> tuple[Outcome, str, str | None]:
        """Strike flush text: ``after`` a provision, the words from its end to its next
        labelled sibling (or its parent's end); at the ``end`` of one, the words after its last
        labelled subdivision, to its end. The provision is found as a struck one is; a block to
        insert takes the words' place."""
        target = _holding(ins.target, place)
        one = replace(ins, target=(*target, place), provision=False)
        scope, _, problem = self._scope(one)
        if problem is not None:
            return problem, region_text(self, one, problem), None
        assert scope is not None  # (a place with a designation is a clause)
        what = " ".join(_struck(ins).split())
        owner: Skeleton | None
        if where == "end":
            labelled = [c for c in scope.children if c.label]
            start = _end(labelled[-1]) if labelled else _end(scope)
            end, owner = _end(scope), scope
        else:
            owner = _parent(self.clauses(), scope)
            siblings = owner.children if owner is not None else self.clauses()
            later = [c for c in siblings[siblings.index(scope) + 1:] if c.label]
            start = _end(scope)
            end = later[0].span[0] if later else (
                _end(owner) if owner is not None else len(self.text))
        if not self.text[start:end].strip():
            return (Outcome.NOT_FOUND, (f"“{what}” is not in the current text: no words "
                                        "stand there"), None)
        if ins.action is Action.REPLACE:
            assert ins.inserted is not None
            tail = "\n" if self.text[end - 1:end] == "\n" else ""
            self.edit(start, end, ins.inserted.rstrip("\n") + tail, index)
            return (Outcome.APPLIED, f"struck {what} and inserted {_first_words(ins.inserted)}",
                    owner.id if owner is not None else None)
        self.edit(start, end, "", index)
        return Outcome.APPLIED, f"struck {what}", owner.id if owner is not None else None

    def _items(self, ins: Instruction, index: int) -> tuple[Outcome, str, str | None]:
        """Strike, restate or redesignate items of a table of contents, or insert lines next
        to one: each item is the one line of the table (in the target, the table itself named
        or not) that starts with its designation ("Sec. 6050W.", "6050W.", "Part VI")."""
        target = tuple(p for p in ins.target if not _TABLE.search(p))
        _, region, problem = self._scope(replace(ins, target=target, item=False))
        if problem is not None:
            return problem, region_text(self, ins, problem), None
        assert region is not None
        phrase = " ".join(((ins.anchor if ins.action is Action.INSERT else ins.struck) or
                           "").split())
        kind, olds = item_designations(phrase)
        place = " › ".join(target) or "the current text"
        clauses = [c for root in self.clauses() for c in root.walk()]
        headings = {c.label_span[0] for c in clauses if c.label_span is not None}
        lines = []
        for old in olds:
            found = _item_lines(self.text, region, kind, old, headings)
            if len(found) != 1:
                word = "is not" if not found else f"appears {len(found)} times"
                return (Outcome.NOT_FOUND if not found else Outcome.AMBIGUOUS,
                        f"the item relating to {kind} {old} {word} in {place}", None)
            lines.append(found[0])
        first = lines[0][0]
        holder = [c for c in clauses if c.span[0] <= first < max(c.span[1], _end(c))]
        where = holder[-1].id if holder else None  # the innermost clause holding the table
        if ins.action is Action.STRIKE:
            for s, _, e in sorted(lines, reverse=True):
                self.edit(s, e, "", index)
            return Outcome.APPLIED, f"struck {phrase}", where
        new = (ins.inserted or "").rstrip("\n") + "\n"
        if ins.action is Action.REPLACE and len(lines) == 1:
            self.edit(lines[0][0], lines[0][2], new, index)
            return Outcome.APPLIED, f"struck {phrase} and inserted {_first_words(new)}", where
        if ins.action is Action.INSERT and len(lines) == 1:
            at = lines[0][0] if ins.position == "before" else lines[0][2]
            self.edit(at, at, new, index)
            return (Outcome.APPLIED, f"inserted {_first_words(new)} {ins.position} {phrase}",
                    where)
        news = item_designations(ins.inserted or "")[1]
        if ins.action is Action.REDESIGNATE and len(news) == len(olds):
            for (_, at, _), old, value in sorted(zip(lines, olds, news, strict=True),
                                                 reverse=True):
                self.edit(at, at + len(old), value, index)
            return Outcome.APPLIED, f"redesignated {phrase} as {ins.inserted}", where
        return Outcome.UNSUPPORTED, f"cannot {describe(ins)}", where

    def _in_each(self, ins: Instruction, listed: tuple[str, ...], index: int
                 ) -> tuple[Outcome, str, str | None]:
        """Strike (and insert) in each of the places a list names ("in clauses (ii) and (iv)"):
        every place must be found, and the struck words in each (see :func:`_words`)."""
        if ins.action not in (Action.REPLACE, Action.STRIKE):
            return Outcome.UNSUPPORTED, region_text(self, ins, Outcome.UNSUPPORTED), None
        found = self._each(ins, ins.target[:-1], listed)
        if not isinstance(found, list):
            return found
        outcome, detail = _words_in(self, ins, [(place, region) for place, (_, region)
                                                in zip(listed, found, strict=True)], index)
        return outcome, detail, found[0][0]

    def _each(self, ins: Instruction, target: tuple[str, ...], listed: Sequence[str]
              ) -> list[tuple[str | None, tuple[int, int]]] | tuple[Outcome, str, None]:
        """Each place of ``listed`` in ``target``, found as a target's last place is (the id
        of its clause, ``None`` for a sentence of the whole text, and its region), or why one
        was not found."""
        found: list[tuple[str | None, tuple[int, int]]] = []
        for place in listed:
            one = replace(ins, target=(*target, place), provision=False)
            scope, region, problem = self._scope(one)
            if problem is not None:
                return problem, region_text(self, one, problem), None
            assert region is not None
            found.append((scope.id if scope is not None else None, region))
        return found

    def _scope(self, ins: Instruction
               ) -> tuple[Skeleton | None, tuple[int, int] | None, Outcome | None]:
        """The clause the target names (``None``: the whole text), its region, or a problem."""
        scope: Skeleton | None = None
        region = (0, len(self.text))
        for n, phrase in enumerate(ins.target):
            chain = designations(phrase)
            nth = sentence_ordinal(phrase)
            if nth is not None:  # "the second sentence" of the region so far
                spans = sentences(self.text, _own_start(self.text, scope, region), region[1])
                if not -len(spans) <= nth < len(spans):
                    return None, None, Outcome.NOT_FOUND
                region = spans[nth]
                continue
            if not chain:
                if n == 0 and not _RELATIVE.match(phrase):
                    continue  # a law named without a section: taken to be the current text
                return None, None, Outcome.UNSUPPORTED
            found = self._find(scope, chain, partial=n == 0)
            if len(found) != 1:
                return None, None, Outcome.NOT_FOUND if not found else Outcome.AMBIGUOUS
            target = found[0]
            if phrase.lower().startswith("the matter preceding") and scope is not None:
                region = (scope.span[0], target.span[0])
                continue
            if phrase.lower().startswith("the matter following"):
                region = (_end(target), _end(scope) if scope else len(self.text))
                continue
            scope, region = target, (target.span[0], _end(target))
        return scope, region, None

    def _find(self, scope: Skeleton | None, chain: tuple[str, ...], *, partial: bool
              ) -> list[Skeleton]:
        """Clauses in ``scope`` designated by ``chain`` (outermost first); the shallowest win.
        With ``partial``, a chain may start above the current text (``Section 1108(g)(5)``
        found as ``(5)`` when the text starts there)."""
        roots = scope.children if scope is not None else self.clauses()
        hits: list[tuple[int, Skeleton]] = []

        def walk(clause: Skeleton, path: tuple[str, ...], depth: int) -> None:
            own = designation(clause)
            path = (*path, own) if own else path
            if own == chain[-1]:
                k = min(len(chain), len(path))
                if path[-k:] == chain[-k:] and (k == len(chain) or (partial and k == len(path))):
                    hits.append((depth, clause))
            for child in clause.children:
                walk(child, path, depth + 1)

        for root in roots:
            walk(root, (), 0)
        if not hits:
            return []
        best = min(d for d, _ in hits)
        return [c for d, c in hits if d == best]

    # -- the actions ---------------------------------------------------------------------

    def _add_section(self, ins: Instruction, index: int) -> tuple[Outcome, str, str | None]:
        section, unit = ins.section or "", ins.unit
        if self._find(None, (section,), partial=True):
            return Outcome.CONFLICT, f"the current text already has a {unit} {section}", None
        if not ins.inserted:
            return Outcome.UNSUPPORTED, f"the new {unit} {section}'s text was not found", None
        start = len(self.text)
        sep = "" if not self.text or self.text.endswith("\n") else "\n"
        self.edit(start, start, sep + ins.inserted, index)
        return Outcome.APPLIED, f"added {unit} {section} at the end", None


_LEVELS = ("section", "subsection", "paragraph", "subparagraph", "clause", "subclause", "item",
           "subitem")
"""The levels of a section and below it, outermost first, as instructions name them."""


def _depth(phrase: str) -> int:
    """How deep a place phrase's level is (``subsection (c)``: 1); -1 for any other phrase (a
    law, a division, ``the matter preceding ...``)."""
    word = phrase.split(maxsplit=1)[0].lower().rstrip("s") if phrase.strip() else ""
    return _LEVELS.index(word) if word in _LEVELS else -1


# A sentence ends at a period (a closing quotation mark or parenthesis after it) before a space
# and a capital, an opening mark or parenthesis, or at the end; not after an abbreviation
# ("Pub. L. 107", "Sec. 5", "U.S.C."), nor at a heading's ".—".
_SENTENCE_END = re.compile(r"\.[”\"’)]*(?=\s+[“\"‘(]?[A-Z(]|\s*\Z)")
_ABBREVIATED = frozenset({"sec", "secs", "no", "nos", "stat", "pub", "inc", "co", "corp", "jr",
                          "mr", "mrs", "ms", "dr", "st", "ch", "subch", "pt", "art", "div", "cl",
                          "par", "v", "vs", "et", "seq", "cf", "e.g", "i.e", "u.s", "u.s.c"})
_WORD_BEFORE = re.compile(r"[\w.]*\Z")
_LONGEST_ABBREVIATION = 1 + max(map(len, _ABBREVIATED))
_NOT_SPACE = re.compile(r"\S")
_HEADING_DASH = re.compile(r"\s*[^.—\n]{1,150}\.—")


def sentences(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The sentences of ``text[start:end]``, as spans without the spaces between them (the
    last one may end without a period)."""
    chunk = text[start:end]
    out = []
    at = _word_at(chunk, 0)
    for m in _SENTENCE_END.finditer(chunk):
        # (searched back a few characters only: a longer word is no abbreviation either, and
        # a search from the start would read the text again for every period)
        word = _WORD_BEFORE.search(chunk, max(0, m.start() - _LONGEST_ABBREVIATION), m.start())
        before = word.group().lower() if word is not None else ""
        if before in _ABBREVIATED:
            continue
        out.append((start + at, start + m.end()))
        at = _word_at(chunk, m.end())
    if chunk[at:].strip():
        out.append((start + at, start + len(chunk.rstrip())))
    return out


def _word_at(text: str, pos: int) -> int:
    """Where the first character that is no space stands at or after ``pos``."""
    m = _NOT_SPACE.search(text, pos)
    return m.start() if m is not None else len(text)


def _own_start(text: str, scope: Skeleton | None, region: tuple[int, int]) -> int:
    """Where a provision's sentences start in ``region``: after its label and a heading ending
    ".—" ("(c) Limitation.—"), when the region is the whole provision."""
    if scope is None or region[0] != scope.span[0] or scope.label_span is None:
        return region[0]
    heading = _HEADING_DASH.match(text, scope.label_span[1], region[1])
    return heading.end() if heading is not None else scope.label_span[1]


def _with_space(text: str, start: int, end: int) -> tuple[int, int]:
    """A span of words with the space before it (or, at a line's start, the space after)."""
    if text[start - 1:start] == " ":
        return start - 1, end
    if text[end:end + 1] == " ":
        return start, end + 1
    return start, end


_TABLE = re.compile(r"\btable\s+of\s+(?:contents|sections|chapters|subchapters|parts|subparts|"
                    r"titles|subtitles|items)\b", re.I)


def _item_lines(text: str, region: tuple[int, int], kind: str, designation: str,
                headings: set[int]) -> list[tuple[int, int, int]]:
    """The lines in ``text[region]`` that are a table's item for ``kind`` ``designation``:
    they start with it ("Sec. 303.", "303.", "Part VI—"), and are no provision's own heading
    (no clause's label starts there: ``headings``). Each as (its start, where the designation
    stands, its end with its newline)."""
    if kind == "section":
        prefix = r"(?:(?:sec\.|section|§+)[ \t]*)?"
        after = r"\.(?=\s)"
    else:
        prefix, after = kind + r"[ \t]+", r"(?=[.—\s-])"
    pattern = r"(?m)^[ \t]*(?P<item>" + prefix + r"(?P<d>" + re.escape(designation) + ")" + after
    a, b = region
    out = []
    for m in re.finditer(pattern + ")", text[a:b], re.I):
        if a + m.start("item") in headings:
            continue
        end = text.find("\n", a + m.end())
        out.append((a + m.start(), a + m.start("d"), len(text) if end < 0 else end + 1))
    return out


def _place(ins: Instruction) -> str:
    """The place an instruction applies in, as it names it: its last target phrase."""
    return ins.target[-1] if ins.target else "the current text"


def _holding(target: tuple[str, ...], place: str) -> tuple[str, ...]:
    """``target`` without the places at its end that ``place`` cannot be in: those of its level
    or below ("in paragraph (2), by striking paragraph (3)" strikes the (3) beside (2))."""
    while target and 0 <= _depth(place) <= _depth(target[-1]):
        target = target[:-1]
    return target


def _parent(roots: Sequence[Skeleton], clause: Skeleton) -> Skeleton | None:
    """The clause that holds ``clause`` among the trees of ``roots`` (``None``: a root)."""
    for root in roots:
        for c in root.walk():
            if clause in c.children:
                return c
    return None


def _end(clause: Skeleton) -> int:
    """Where a clause and its descendants end: where its last descendant ends (the clauses'
    spans follow one another in document order)."""
    while clause.children:
        clause = clause.children[-1]
    return clause.span[1]


_MAY_MOVE = re.compile(r"[\n“”\"§]|\((?:[A-Za-z]{1,5}|\d{1,3}[A-Za-z]?)\)|\bsec\b", re.I)
"""What, struck or written, may make or move a provision: a line, a quotation mark, a section
sign, a label in parentheses, "Sec"."""


def _keeps_tree(text: str, start: int, end: int, new: str) -> bool:
    """May writing ``new`` over ``text[start:end]`` be taken to keep the text's clause tree
    (its spans moved)? Only within a line, after its first word, with no :data:`_MAY_MOVE`
    struck or written. (The tree is checked against the text's own before it is relied on
    after a change that may move a provision, and at the end: see :meth:`Editor.settle`.)"""
    line = text.rfind("\n", 0, start) + 1
    return (bool(text[line:start].strip()) and _MAY_MOVE.search(new) is None
            and _MAY_MOVE.search(text, start, end) is None)


def _moved(tree: tuple[Skeleton, ...], moves: Sequence[tuple[int, int, int]]
           ) -> tuple[Skeleton, ...]:
    """``tree`` with its spans moved through ``moves`` (start, end, new length: each change
    in the text the ones before it left). A position at or before a change stays; one after it
    moves with the text (one within struck text goes to the end of what was written)."""
    if not moves:
        return tree
    first = min(s for s, _, _ in moves)

    def at(p: int) -> int:
        for s, e, n in moves:
            if p > s:
                p = p + n - (e - s) if p >= e else s + n
        return p

    def move(c: Skeleton) -> Skeleton:
        if _end(c) <= first:
            return c
        ls = c.label_span
        return Skeleton(c.id, c.label, (at(ls[0]), at(ls[1])) if ls is not None else None,
                        (at(c.span[0]), at(c.span[1])), tuple(move(k) for k in c.children))

    return tuple(move(c) for c in tree)


def region_text(editor: Editor, ins: Instruction, problem: Outcome) -> str:
    """Why the target was not found, in words."""
    where = " › ".join(ins.target) or "the current text"
    if problem is Outcome.UNSUPPORTED:
        return f"cannot place “{where}” in the current text"
    word = "is not" if problem is Outcome.NOT_FOUND else "is more than one place"
    return f"“{where}” {word} in the current text"


def _occurrences(text: str, words: str, region: tuple[int, int], where: str | None
                 ) -> list[tuple[int, int]]:
    """Where ``words`` stand in ``text[region]`` as whole words, narrowed by ``where``."""
    a, b = region
    left = r"(?<!\w)" if words[:1].isalnum() else ""
    right = r"(?!\w)" if words[-1:].isalnum() else ""
    found = [m.span() for m in re.finditer(left + re.escape(words) + right, text[a:b])]
    found = [(a + s, a + e) for s, e in found]
    if where is None:
        return found
    w = where.lower()
    if w.startswith("at the end"):
        tail = a + len(text[a:b].rstrip())
        return [s for s in found if s[1] == tail]
    if w.endswith("place it appears"):  # "the first place it appears": that one alone
        nth = w.split()[1]
        return found[-1:] if nth == "last" else found[{"first": 0, "second": 1}[nth]:][:1]
    mark = {"semicolon": ";", "comma": ",", "period": ".", "colon": ":"}[w.split()[-1]]
    if w.startswith("after"):
        return [s for s in found if text[:s[0]].rstrip().endswith(mark)]
    return [s for s in found if text[s[1]:].lstrip().startswith(mark)]


def _words(editor: Editor, ins: Instruction, scope: Skeleton | None, region: tuple[int, int],
           index: int) -> tuple[Outcome, str]:
    """Strike (and insert): the struck words must be there once, or ``each place``."""
    return _words_in(editor, ins, [(_place(ins), region)], index)


def _words_in(editor: Editor, ins: Instruction, regions: Sequence[tuple[str, tuple[int, int]]],
              index: int) -> tuple[Outcome, str]:
    """Strike (and insert) in each (place, region): the struck words must be in each once, or
    ``each place``."""
    place = _place(ins)
    assert ins.struck is not None
    spans: list[tuple[int, int]] = []
    for name, region in regions:
        found = _occurrences(editor.text, ins.struck, region, ins.where)
        if ins.through is not None and found:
            rest = editor.text.find(ins.through, found[0][1], region[1])
            found = [(found[0][0], rest + len(ins.through))] if rest >= 0 and len(found) == 1 \
                else ([] if rest < 0 else found)
        if ins.to_end and len(found) == 1:  # to the target's last words
            found = [(found[0][0], region[0] + len(editor.text[region[0]:region[1]].rstrip()))]
        if ins.precedes and len(found) == 1:  # from the target's start (its label) up to them
            end = found[0][0]
            while end > region[0] and editor.text[end - 1] == " ":
                end -= 1  # (the space before them stays)
            found = [(region[0], end)]
        if not found:
            return Outcome.NOT_FOUND, f"“{ins.struck}” is not in {name}"
        if len(found) > 1 and not ins.every:
            return Outcome.AMBIGUOUS, f"“{ins.struck}” appears {len(found)} times in {name}"
        spans += found
    spans = sorted(set(spans))  # (places that overlap: the words are struck once)
    new = ins.inserted or ""
    for s, e in reversed(spans):
        gap = editor.text[s - 1:s] == " "
        if gap and (new[:1] in _LEANS_LEFT or (not new and
                    editor.text[e:e + 1] in (" ", "\n", ""))):
            s -= 1  # the space before struck words goes with them (or before inserted ", ...")
        editor.edit(s, e, new, index)
    did = f"struck {_struck(ins)}" + (f" and inserted “{new}”" if new else "")
    times = f" ({len(spans)} places)" if len(spans) > 1 else ""
    return Outcome.APPLIED, f"{did} in {place}{times}"


def _insert(editor: Editor, ins: Instruction, scope: Skeleton | None, region: tuple[int, int],
            index: int) -> tuple[Outcome, str]:
    """Insert words next to quoted words or at the end of the target, or a quoted block after
    a provision."""
    assert ins.inserted is not None
    place = _place(ins)
    if ins.anchor is None:  # at the end: after its last words, with a space between
        at = region[0] + len(editor.text[region[0]:region[1]].rstrip())
        new = ins.inserted
        gap = " " if at > region[0] and new[:1] not in _LEANS_LEFT else ""
        editor.edit(at, at, gap + new, index)
        return Outcome.APPLIED, f"inserted “{new}” at the end of {place}"
    chain = designations(ins.anchor)
    if chain and ins.anchor[:1].isalpha() and not editor.text.count(ins.anchor, *region):
        found = editor._find(scope, chain, partial=False)
        if len(found) != 1:
            outcome = Outcome.NOT_FOUND if not found else Outcome.AMBIGUOUS
            return outcome, f"{ins.anchor} is {'not' if not found else 'not one place'} in {place}"
        return _block_at(editor, _end(found[0]), ins.inserted, index,
                         f"inserted {_first_words(ins.inserted)} {ins.position} {ins.anchor}")
    spans = _occurrences(editor.text, ins.anchor, region, ins.where)
    where = f" {ins.where}" if ins.where else ""
    if not spans or (len(spans) > 1 and not ins.every):
        outcome = Outcome.NOT_FOUND if not spans else Outcome.AMBIGUOUS
        return outcome, (f"“{ins.anchor}”{where} is not in {place}" if not spans else
                         f"“{ins.anchor}” appears {len(spans)} times in {place}")
    for s, e in reversed(spans):
        at = s if ins.position == "before" else e
        editor.edit(at, at, _spaced(editor.text, at, ins.inserted), index)
    times = f" ({len(spans)} places)" if len(spans) > 1 else ""
    return Outcome.APPLIED, (f"inserted “{ins.inserted}” {ins.position} “{ins.anchor}”{where} in "
                             f"{place}{times}")


def _spaced(text: str, at: int, new: str) -> str:
    """Words inserted at ``at`` with the spaces they need: one where a word meets a word (a
    parenthesis or quotation counting as part of its word), and one after a comma, semicolon,
    colon or period (“or” after the comma is ", or")."""
    before, after = text[at - 1:at], text[at:at + 1]
    left = " " if _opens(new[:1]) and (_closes(before) or before in _AFTER_MARK) else ""
    right = " " if _closes(new[-1:]) and _opens(after) else ""
    return left + new + right


def _opens(ch: str) -> bool:
    return ch.isalnum() or ch in ("(", "“")


def _closes(ch: str) -> bool:
    return ch.isalnum() or ch in (")", "”")


def _add(editor: Editor, ins: Instruction, scope: Skeleton | None, region: tuple[int, int],
         index: int) -> tuple[Outcome, str]:
    if not ins.inserted:  # ("by adding a new subdivision 3" with no text after it)
        return Outcome.UNSUPPORTED, "the new provision's text was not found"
    place = _place(ins)
    return _block_at(editor, region[1], ins.inserted, index,
                     f"added {_first_words(ins.inserted)} at the end of {place}")


def _block_at(editor: Editor, at: int, block: str, index: int, detail: str
              ) -> tuple[Outcome, str]:
    """A quoted block as new lines at ``at`` (the end of a provision)."""
    text = editor.text
    if text[at - 1:at] == "\n":
        editor.edit(at, at, block.rstrip("\n") + "\n", index)
    else:
        editor.edit(at, at, "\n" + block.rstrip("\n"), index)
    return Outcome.APPLIED, detail


def _first_words(text: str) -> str:
    words = text.split()
    return "“" + " ".join(words[:4]) + ("…" if len(words) > 4 else "") + "”"


def _redesignate(editor: Editor, ins: Instruction, scope: Skeleton | None,
                 region: tuple[int, int], index: int) -> tuple[Outcome, str]:
    """Give a provision (or each of a list, ``respectively``) its new designation. Every one is
    found before any label changes (a new designation is never taken for an old one), and the
    labels change from the last (one that grows or shrinks moves none still to change)."""
    assert ins.struck is not None and ins.inserted is not None
    cannot = Outcome.UNSUPPORTED, f"cannot redesignate {ins.struck} as {ins.inserted}"
    ranges = range_ends(ins.struck), range_ends(ins.inserted)
    if ranges[0] is not None and ranges[1] is not None:  # "(9) through (15)" as "(8) ... (14)"
        run = _run(editor, scope, *ranges[0])
        if isinstance(run, tuple):
            return run[0], f"{ins.struck}: {run[1]} in the text"
        olds = [designation(c) for c in run]
        news = _counted(*ranges[1], len(run))
        labels = [c.label_span for c in run]
    else:
        chains = [designations(p) for p in places(ins.struck)]
        new_chains = [designations(p) for p in places(ins.inserted)]
        if (any(r is not None for r in ranges) or len(chains) != len(new_chains)
                or any(len(d) != 1 for d in (*chains, *new_chains))):
            return cannot
        olds, news = [d[0] for d in chains], [d[0] for d in new_chains]
        labels = []
        for chain, place in zip(chains, places(ins.struck), strict=True):
            found = editor._find(scope, chain, partial=False)
            if len(found) != 1:
                outcome = Outcome.NOT_FOUND if not found else Outcome.AMBIGUOUS
                return outcome, (f"{place} is {'not' if not found else 'not one place'} in the "
                                 "text")
            labels.append(found[0].label_span)
    spans = [span for span in labels if span is not None]
    if news is None or len(spans) != len(olds):
        return cannot
    for (s, e), old, new in sorted(zip(spans, olds, news, strict=True), reverse=True):
        m = re.search(re.escape(old), editor.text[s:e], re.I)
        assert m is not None
        value = new.upper() if m.group().isupper() else new
        editor.edit(s + m.start(), s + m.end(), value, index)
    return Outcome.APPLIED, f"redesignated {ins.struck} as {ins.inserted}"


def _run(editor: Editor, scope: Skeleton | None, first: str, last: str
         ) -> list[Skeleton] | tuple[Outcome, str]:
    """The provisions from the one designated ``first`` through ``last``, siblings in order
    in ``scope``; or why there are none (not found, not one place, not one run)."""
    ends = []
    for d in (first, last):
        found = editor._find(scope, (d,), partial=False)
        if len(found) != 1:
            return (Outcome.NOT_FOUND, f"({d}) is not") if not found else \
                (Outcome.AMBIGUOUS, f"({d}) is not one place")
        ends.append(found[0])
    lists = [scope.children if scope is not None else editor.clauses()]
    for siblings in lists:
        at = [k for k, c in enumerate(siblings) if c is ends[0] or c is ends[1]]
        if len(at) == 2 and siblings[at[0]] is ends[0]:
            return list(siblings[at[0]:at[1] + 1])
        lists += [c.children for c in siblings if c.children]
    return Outcome.NOT_FOUND, f"({first}) through ({last}) is not one run of provisions"


def _counted(first: str, last: str, n: int) -> list[str] | None:
    """``n`` designations counted from ``first`` that end at ``last``: numbers, letters or
    roman numerals, whichever does (``i`` through ``iii`` is roman, ``i`` through ``k`` is
    letters); ``None`` when none does."""
    runs = []
    if first.isdigit():
        runs.append([str(int(first) + k) for k in range(n)])
    if len(first) == 1 and first.isalpha() and ord(first) + n - 1 <= ord("z"):
        runs.append([chr(ord(first) + k) for k in range(n)])
    if (value := roman_value(first)) is not None:
        runs.append([_roman(value + k) for k in range(n)])
    return next((run for run in runs if run and run[-1] == last), None)


def _roman(n: int) -> str:
    """``n`` in lower-case roman numerals."""
    out = ""
    for value, digits in ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"),
                          (90, "xc"), (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"),
                          (4, "iv"), (1, "i")):
        while n >= value:
            out, n = out + digits, n - value
    return out


def _whole(editor: Editor, ins: Instruction, scope: Skeleton | None, region: tuple[int, int],
           index: int) -> tuple[Outcome, str]:
    """Restate (the bill's new text in place of the old) or repeal (the text taken out)."""
    name = ins.target[0] if ins.target else "the target"
    if len(ins.target) > 1 and sentence_ordinal(ins.target[-1]) is not None:
        name = f"{ins.target[-1]} of {ins.target[-2]}"  # the second sentence of section 5(a)
    if scope is None:
        return Outcome.NOT_FOUND, f"“{name}” is not in the current text"
    if ins.action is Action.REPEAL:
        editor.edit(region[0], region[1], "", index)
        return Outcome.APPLIED, f"repealed {name}"
    if not ins.inserted:
        return Outcome.UNSUPPORTED, f"the new text of {name} was not found in the bill"
    tail = "\n" if editor.text[region[1] - 1:region[1]] == "\n" else ""
    new = ins.inserted.rstrip("\n")
    if scope.label_span is not None:  # the section keeps the current text's label form
        own = re.match(r"\s*(?:§+\s*|sec(?:tion)?\.?\s+)?" + re.escape(designation(scope)) +
                       r"\.?", new, re.I)
        if own is not None:
            head = editor.text[region[0]:scope.label_span[1]]
            new = head + new[own.end():]
    editor.edit(region[0], region[1], new + tail, index)
    return Outcome.APPLIED, f"restated {name}"


_ACTIONS = {Action.REPLACE: _words, Action.STRIKE: _words, Action.INSERT: _insert,
            Action.ADD: _add, Action.REDESIGNATE: _redesignate, Action.RESTATE: _whole,
            Action.REPEAL: _whole}
