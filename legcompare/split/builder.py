"""The clause-tree builder: a stack of open provisions that labels are placed on.

Nodes are created in document order; each node's text runs from its start to the next node's
start, so the clause texts partition the display text exactly. Placement rules:

* containers (division ... section) close every open provision of equal or lower rank;
* an enumeration label continues the open level it can continue (``(c)`` after ``(b)``),
  preferring the innermost one, or opens a new level below the current provision. Between two
  readings (``(i)``: letter or numeral) it prefers: continuing the innermost level, then the
  level the drafting family expects next, then continuing an outer level, then a new level;
  with :data:`MAX_ENUM_LEVELS` levels open, a new level goes beside the innermost instead;
* quoted matter opens a floor that nothing inside it can close (at most
  :data:`MAX_QUOTED_LEVELS` of them open at once).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..model import Kind
from ..quoted_matter import QuotedTarget
from .family import Family, next_type
from .labels import ENUM_RANK, RANKS, Label, Reading

MAX_ENUM_LEVELS = 16
"""Enumeration levels open at once, at most. Drafting nests seven or eight below a section
(subsection, paragraph, subparagraph, clause, subclause, item, subitem); the corpus at most six. A
label that would open a level below this many is placed beside the innermost one: labels
nested a thousand deep are a misreading (say, a list whose every item ends with a dash), and
would take time quadratic in their depth and overrun every stage that walks the tree."""

MAX_QUOTED_LEVELS = 4
"""Quoted matter open at once, at most (an amendment quoting an amendment that quotes text is
three; the corpus has one at most); quoted matter deeper than that is read as part of the text
quoting it. With :data:`MAX_ENUM_LEVELS`, this keeps any tree within the depth every stage
(and every report format: JSON, Word) can walk."""

QUOTED_RANK = 0
UNLABELED_RANK = RANKS[Kind.SECTION]  # blocks, headings and loose definitions sit like sections


@dataclass(eq=False)
class Node:
    """A provision under construction."""

    kind: Kind
    start: int
    label: Label | None = None
    label_span: tuple[int, int] | None = None
    heading: str | None = None
    term: str | None = None
    rank: int = ENUM_RANK
    rtype: tuple[str, str] | None = None
    ordinal: float = 0.0
    parent: Node | None = None
    children: list[Node] = field(default_factory=list)
    quoted: QuotedTarget | None = None  # where a QUOTED node's matter goes
    in_quote: bool = False
    ordinal_in_parent: int = 0  # for blocks and provisos
    unnumbered: dict[Kind, int] | None = None
    """How many blocks and provisos it holds, by kind (counted as they are attached: a section
    of an appropriations act can hold thousands of provisos)."""
    name: str | None = None  # a fixed id for unnumbered parts ("front", "digest")
    inline: bool = False
    """Labelled inside its line, not at its start: an item of a run inside a sentence ("...
    that: (1) creates ...; or (2) ...")."""

    def followed_by(self, label: Label) -> bool:
        """Does ``label`` read as the item after this one ("(B)" after "(A)")?"""
        return any(r.type == self.rtype and r.ordinal == self.ordinal + 1
                   for r in label.readings)

    @property
    def is_enum(self) -> bool:
        return self.rank == ENUM_RANK and self.kind is not Kind.PROVISO

    @property
    def floor(self) -> bool:
        """Nothing placed later may close this node (the root, quoted matter)."""
        return self.rank == QUOTED_RANK


class Builder:
    """Places nodes on a stack of open provisions."""

    def __init__(self, family: Family) -> None:
        self.family = family
        self.root = Node(Kind.BLOCK, 0, rank=QUOTED_RANK)
        self.stack: list[Node] = [self.root]
        self.nodes: list[Node] = []
        self.unopened_quotes = 0  # quoted matter not opened, too deep (see quoted)

    @property
    def top(self) -> Node:
        return self.stack[-1]

    def section(self) -> Node | None:
        """The innermost open section, if any (within the current quoted floor)."""
        for node in reversed(self.stack):
            if node.kind is Kind.SECTION:
                return node
            if node.floor:
                return None
        return None

    def in_container_context(self) -> bool:
        """True when no section or numbered provision is open (only containers, blocks...)."""
        for node in reversed(self.stack):
            if node.floor:
                return True
            if node.kind is Kind.PROVISO:
                continue
            return node.rank < RANKS[Kind.SECTION] or node.kind in (Kind.BLOCK, Kind.HEADING,
                                                                    Kind.TOC, Kind.HISTORY)
        return True

    # -- adding nodes ----------------------------------------------------------------------

    def _attach(self, node: Node, parent: Node) -> Node:
        node.parent = parent
        parent.children.append(node)
        if node.kind in (Kind.BLOCK, Kind.PROVISO):  # its place among them: blocks 1, 2 ...
            counts = parent.unnumbered
            if counts is None:
                counts = parent.unnumbered = {}
            node.ordinal_in_parent = counts[node.kind] = counts.get(node.kind, 0) + 1
        self.nodes.append(node)
        self.stack.append(node)
        return node

    def _pop_to_rank(self, rank: int) -> None:
        while len(self.stack) > 1 and not self.top.floor and self.top.rank >= rank:
            self.stack.pop()

    def container(self, label: Label, start: int, span: tuple[int, int]) -> Node:
        # A code section is cited by its number alone, so it does not nest in the article or
        # chapter printed above it: those headings become its siblings.
        self._pop_to_rank(RANKS[Kind.DIVISION] if label.code_section else label.rank)
        kind = label.kind or Kind.SECTION
        node = Node(kind, start, label, span, rank=label.rank)
        return self._attach(node, self.top)

    def unlabeled(self, kind: Kind, start: int, *, heading: str | None = None,
                  term: str | None = None) -> Node:
        """A block, heading, loose definition, history note or table of contents."""
        if kind in (Kind.BLOCK, Kind.HEADING):
            self._pop_to_rank(UNLABELED_RANK)
        elif kind is Kind.DEFINITION:
            # Unnumbered definitions are children of the section (or text) that lists them.
            while not self.top.floor and (self.top.kind is Kind.DEFINITION or
                                          self.top.rank > UNLABELED_RANK):
                self.stack.pop()
        if kind is Kind.HISTORY:
            # Codification history belongs to the section, after its last subdivision.
            while self.top.rank > RANKS[Kind.SECTION] and not self.top.floor:
                self.stack.pop()
        node = Node(kind, start, heading=heading, term=term, rank=UNLABELED_RANK)
        if kind is Kind.DEFINITION:
            node.rank = ENUM_RANK - 1
        if kind in (Kind.HISTORY, Kind.TOC):
            node.rank = ENUM_RANK + 1  # a leaf of whatever is open
        return self._attach(node, self.top)

    def front(self, start: int, name: str) -> Node:
        """Front matter (``name``: its fixed id), placed where a block would go and left
        closed; it is not numbered among the blocks it sits with."""
        self._pop_to_rank(UNLABELED_RANK)
        node = self._attach(Node(Kind.FRONT, start, rank=UNLABELED_RANK, name=name), self.top)
        self.stack.pop()
        return node

    def block_of(self, parent: Node, start: int) -> Node:
        """An unnumbered block directly under ``parent``, left closed."""
        node = self._attach(Node(Kind.BLOCK, start, rank=UNLABELED_RANK), parent)
        self.stack.pop()
        return node

    def continuation(self, owner: Node, start: int) -> Node:
        """Flush text after the items of ``owner`` (an open provision): an unnumbered block
        ``continuation`` of it, left closed, with the items; ``owner`` is then the innermost
        provision open."""
        while self.top is not owner:
            self.stack.pop()
        node = self._attach(Node(Kind.BLOCK, start, rank=UNLABELED_RANK, name="continuation"),
                            owner)
        self.stack.pop()
        return node

    def proviso(self, start: int, *, flush: bool, further: bool = False) -> Node:
        """A proviso: of the open provision, or (``flush``) of the provision enclosing a run;
        after items labelled inside their line, of the provision whose sentence they are in. A
        further proviso (``further``) right after the items of a provision that has provisos
        before them goes on with those ("..., $159,000,000: Provided, That of the amount ...:
        (1) ...; and (2) ...: Provided further, That ..."), as the act's XML has it."""
        # After a run inside a sentence, the proviso is of the provision the sentence is
        # ("... (7) creates or reorganizes offices ...: Provided, That prior to ...")
        while self.top.is_enum and self.top.inline and not self.stack[-2].floor:
            self.stack.pop()
        if further and self.top.is_enum:  # (after a proviso of the item, it goes on there)
            k = len(self.stack) - 1
            while k > 1 and self.stack[k].is_enum:
                k -= 1
            if k < len(self.stack) - 1 and any(c.kind is Kind.PROVISO
                                               for c in self.stack[k].children):
                del self.stack[k + 1:]
        while self.top.kind is Kind.PROVISO:
            self.stack.pop()
        if flush:
            while self.top.is_enum and len(self.stack) > 2 and self.stack[-2].is_enum:
                self.stack.pop()
            if self.top.is_enum and not self.stack[-2].floor:
                self.stack.pop()
        node = Node(Kind.PROVISO, start, rank=ENUM_RANK)
        return self._attach(node, self.top)

    def quoted(self, start: int, target: QuotedTarget) -> Node | None:
        """Open quoted matter; ``None`` (nothing opened) inside :data:`MAX_QUOTED_LEVELS`
        levels of it already: the matter is read as part of the quoted text it is in, and its
        end (:meth:`close_quoted`) closes nothing."""
        if sum(1 for n in self.stack if n.kind is Kind.QUOTED) >= MAX_QUOTED_LEVELS:
            self.unopened_quotes += 1
            return None
        node = Node(Kind.QUOTED, start, rank=QUOTED_RANK, quoted=target)
        return self._attach(node, self.top)

    def close_quoted(self) -> None:
        """Close the innermost quoted matter and everything opened inside it."""
        if self.unopened_quotes:
            self.unopened_quotes -= 1
            return
        while len(self.stack) > 1:
            node = self.stack.pop()
            if node.kind is Kind.QUOTED:
                return

    def in_quoted(self) -> bool:
        for n in self.stack:  # noqa: SIM110 - a loop: called per line, any() costs a generator
            if n.kind is Kind.QUOTED:
                return True
        return False

    def enum(self, label: Label, start: int, span: tuple[int, int], *,
             in_proviso: bool = False) -> Node:
        """Place an enumeration label (see the module docstring for the preferences); with
        ``in_proviso``, a new level goes under the open proviso (one whose words lead into a
        run: "Provided further, That ... the report shall include: (1) a table ..."), not
        beside it."""
        open_enums = self._open_enums()
        reading, continues = self.choose(label.readings, open_enums)
        if continues is None and len(open_enums) >= MAX_ENUM_LEVELS:
            continues = open_enums[0]  # no level deeper: beside the innermost one
        if continues is not None:
            while self.stack[-1] is not continues:
                self.stack.pop()
            self.stack.pop()
        elif self.top.kind in (Kind.HISTORY, Kind.TOC) or (
                self.top.kind is Kind.PROVISO and not in_proviso):
            self.stack.pop()
        elif self.top.kind is Kind.BLOCK and not self.top.floor and self.top.children and \
                self.top.children[-1].kind is Kind.DEFINITION:
            self.stack.pop()  # the definitions a block introduced are over
        node = Node(Kind.PARAGRAPH, start, label, span, rank=ENUM_RANK, rtype=reading.type,
                    ordinal=reading.ordinal)
        return self._attach(node, self.top)

    def choose(self, readings: tuple[Reading, ...], open_enums: list[Node]
               ) -> tuple[Reading, Node | None]:
        """The best reading, and the open node it continues (``None``: opens a new level);
        ``open_enums``: :meth:`_open_enums`."""
        expected = next_type(self.family, open_enums[0].rtype if open_enums else None)
        best: tuple[float, int, Reading, Node | None] | None = None
        for i, r in enumerate(readings):
            for score, node in self._scores(r, open_enums, expected):
                cand = (score, i, r, node)
                if best is None or cand[:2] < best[:2]:
                    best = cand
        assert best is not None
        return best[2], best[3]

    def _open_enums(self) -> list[Node]:
        """Open enumeration levels, innermost first, down to the nearest section or floor."""
        out: list[Node] = []
        for node in reversed(self.stack):
            if node.kind in (Kind.PROVISO, Kind.HISTORY, Kind.TOC):
                continue
            if not node.is_enum:
                break
            out.append(node)
        return out

    def _scores(self, r: Reading, open_enums: list[Node], expected: tuple[str, str] | None
                ) -> list[tuple[float, Node | None]]:
        out: list[tuple[float, Node | None]] = []
        for depth, node in enumerate(open_enums):
            if node.rtype != r.type:
                continue
            step = r.ordinal - node.ordinal
            if 0 < step <= 1:
                out.append((0 if depth == 0 else 3 + depth, node))
            elif 1 < step <= 4:
                out.append((2 if depth == 0 else 6 + depth, node))
            elif r.ordinal == 1 and self._restartable(open_enums, depth):
                out.append((8 + depth, node))  # a level starts again (a lost heading)
            elif step == 0 and r.ordinal > 1:
                # the same number again (H.R. 1 § 5101(f) has two paragraphs (3)): beside the
                # first, rather than a level of that numbering opened below one of another
                out.append((12 + depth, node))
        if r.ordinal == 1 and r.type == expected:
            out.append((1, None))
        if r.ordinal == 1:
            out.append((10, None))
        out.append((20 + r.ordinal, None))
        return out

    def _restartable(self, open_enums: list[Node], depth: int) -> bool:
        """A level restarting at 1 is a new run beside the old one only at the outermost level."""
        return depth == len(open_enums) - 1
