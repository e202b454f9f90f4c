"""Split a document into its clause tree.

Stage guarantees (``split``):

* The clauses' texts partition the display text: in document order, their concatenation is
  ``document.text`` exactly (so nothing is lost or duplicated), and ``text[span] == clause.text``.
* Ids are unique: the path of normalised labels from the root, with ``~2``, ``~3`` ... on a
  repeated path, in document order; so are citations, a repeated one given with its ordinal
  (``§ 5101(f)(3) (2nd)``, :class:`~legcompare.citation.Repeats`).
* Documents that carry their own structure (XML) keep it; plain text is read by
  :mod:`legcompare.split.scan` with the numbering styles of :mod:`legcompare.split.labels`.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from .. import citation
from ..assess.roles import assign_roles, placed_role, role_of, settled_role
from ..citation import Parts, Step, cite, law_form
from ..ids import Paths, unnumbered_part
from ..model import (
    CitationForm,
    Clause,
    Document,
    Kind,
    LineMark,
    NoteKind,
    Outline,
    Role,
    Span,
    made,
    walk_tree,
)
from .builder import Node
from .family import FEDERAL, Family, family_of, level_kind
from .headings import defined_term, heading_after
from .labels import ENUM_RANK
from .scan import Scanner

__all__ = ["Skeleton", "skeleton", "split"]


Halves = Callable[[Callable[[Sequence[Any]], Any], Sequence[Any], float], list[Any]]
"""How :func:`split` may share out work: ``halves(work, items, first)`` is ``[work(items[:k]),
work(items[k:])]`` with ``k = ceil(first * len(items))``, the second part perhaps computed in
another process (:func:`legcompare.parallel.in_halves`)."""


def split(document: Document, *, halves: Halves | None = None) -> Outline:
    """The clause tree of ``document`` (see the module docstring for the guarantees). With
    ``halves``, the clauses of the second half of the text (by its top-level provisions) are
    made by ``halves``' second part: the same tree."""
    if document.structure is not None:
        return Outline(document, assign_roles(document.structure))
    if not document.text:
        return Outline(document, ())
    family = family_of(document)
    root, nodes, paragraphs = _scan(document, family)
    clauses = _materialize(document, family, root, nodes, paragraphs, halves)
    for node in nodes:  # the only cycles of the node tree: freed now, without the collector
        node.parent = None
    return Outline(document, clauses)


@dataclass(frozen=True, slots=True)
class Skeleton:
    """A clause as :func:`skeleton` gives it: its place in the tree, and no more."""

    id: str
    label: str
    label_span: Span | None
    span: Span
    children: tuple[Skeleton, ...]

    def walk(self) -> Iterator[Skeleton]:
        """This clause and all its descendants, in document order."""
        return walk_tree(self)


def skeleton(document: Document) -> tuple[Skeleton, ...]:
    """The clause tree of ``document`` as :func:`split` gives it, each clause with its id,
    label and spans only (``split(document).clauses`` with the rest left out): what finding a
    provision by its designation needs, at about two thirds of the cost, since the headings,
    defined terms, roles, citations and locators are not read."""
    if document.structure is not None:
        return tuple(_bare(c) for c in document.structure)
    if not document.text:
        return ()
    root, nodes, _ = _scan(document, family_of(document))
    ends = _ends(document.text, nodes)
    ids = _assign_ids(root)

    def bare(node: Node) -> Skeleton:
        return Skeleton(ids[id(node)], node.label.text if node.label else "", node.label_span,
                        (node.start, ends[id(node)]), tuple(bare(c) for c in node.children))

    out = tuple(bare(c) for c in root.children)
    for node in nodes:
        node.parent = None
    return out


def _bare(clause: Clause) -> Skeleton:
    return Skeleton(clause.id, clause.label, clause.label_span, clause.span,
                    tuple(_bare(c) for c in clause.children))


def _scan(document: Document, family: Family) -> tuple[Node, list[Node], bool]:
    """The node tree of a non-empty text: its root, its nodes in document order, and whether
    its lines are paragraphs (:attr:`Scanner.unwrapped`: read now, so that the scanner and its
    lines are not kept while the clauses are made)."""
    code = document.citation is not None and document.citation.style == "code"
    gaps = tuple(n.span[0] for n in document.notes if n.kind is NoteKind.GAP and n.span)
    scanner = Scanner(document.text, family, code_document=code, gaps=gaps)
    builder = scanner.run()
    nodes = builder.nodes
    if not nodes or nodes[0].start > 0:
        _absorb_leading(document.text, builder.root, nodes)
    return builder.root, nodes, scanner.unwrapped


def _ends(text: str, nodes: list[Node]) -> dict[int, int]:
    """Where each node's own text ends (by ``id``): where the next one starts."""
    ends: dict[int, int] = {}
    for node, nxt in zip(nodes, nodes[1:] + [None], strict=True):
        end = nxt.start if nxt is not None else len(text)
        assert end >= node.start, "nodes out of order"
        ends[id(node)] = end
    return ends


def _absorb_leading(text: str, root: Node, nodes: list[Node]) -> None:
    """Text before the first provision: front matter, or whitespace joined to the first."""
    first = nodes[0].start if nodes else len(text)
    if nodes and not text[:first].strip():
        nodes[0].start = 0
        return
    front = Node(Kind.FRONT, 0, rank=0)
    front.parent = root
    root.children.insert(0, front)
    nodes.insert(0, front)


def _materialize(document: Document, family: Family, root: Node, nodes: list[Node],
                 paragraphs: bool, halves: Halves | None = None
                 ) -> tuple[Clause, ...]:
    text = document.text
    ends = _ends(text, nodes)
    ids = _assign_ids(root)
    marks = document.lines
    offsets = [m.offset for m in marks]

    form, fallback = document.citation, _fallback(document)
    # (in document order: a clause is cited before its children; see _in_halves for [0])
    repeats: list[citation.Repeats] = [citation.Repeats()]

    def build(node: Node, path: list[Step], quoted: tuple[str, CitationForm, str] | None,
              parts: Parts, parent_role: Role | None, under: tuple[str, ...] = ()) -> Clause:
        """The clause of ``node``; ``parts`` are the citation parts of ``path``. Inside quoted
        matter, ``path`` starts at the quoted text, ``quoted`` is (the action, the quoted
        law's citation form, the quoting clause's citation) and ``parts`` are in that form.
        Its role is set as :func:`~legcompare.assess.roles.assign_roles` would set it."""
        end = ends[id(node)]
        kind = _kind(node, family)
        heading = node.heading
        markup = None
        if node.label_span is not None:
            line_start = text.rfind("\n", 0, node.label_span[0]) + 1
            head = text[line_start:node.label_span[0]].lstrip()
            markup = "heading" if head.startswith("#") else "bold" if head.startswith("**") \
                else None
            heading = node.heading or heading_after(text, node.label_span[1], kind, markup,
                                                    paragraphs)
        term = node.term
        if term is None and node.label_span is not None and kind is not Kind.SECTION:
            term = defined_term(text, node.label_span[1])
        if term and kind not in (Kind.SECTION, Kind.DIVISION, Kind.TITLE, Kind.CHAPTER):
            kind = Kind.DEFINITION
        step = made(Step, kind=kind if node.label else node.kind,
                    value=node.label.value if node.label else "",
                    heading=node.name if node.kind is Kind.FRONT or node.name == "continuation"
                    else term or heading,
                    ordinal=node.ordinal_in_parent,
                    code_section=bool(node.label and node.label.code_section), under=under)
        label = node.label.text if node.label else ""
        shown_heading = heading if node.label else (node.heading or term)
        own = text[node.label_span[1] if node.label_span else node.start:end]
        if node.parent is not None and node.parent.name == "digest":
            role = Role.DESCRIPTIVE  # the Legislative Counsel's summary of the bill, not law
        else:
            role = placed_role(role_of(kind, shown_heading, own), bool(label), parent_role)
        if node.kind is Kind.QUOTED and node.quoted is not None:
            target, law = node.quoted, node.quoted.law
            law_cited = law_form(law, document)
            inner = law_cited or CitationForm("code", "")
            outer = cite(form, fallback, path + [step])
            at = citation.start(inner)
            for where in _quoted_place(node):
                at = citation.extend(inner, at, where)
            sections = [_section_number(c) for c in node.children]
            prefix = law_cited.prefix if law_cited else None
            quoted_in = prefix or law or None
            cited = repeats[0](citation.quoted_matter(outer, target.action_on(sections), prefix))
            children = tuple(build(c, [], (target.action_for(n), inner, outer), at, role)
                             for c, n in zip(node.children, sections, strict=True))
        else:
            new_path = path + [step]
            if quoted is None:
                new_parts = citation.extend(form, parts, step)
                cited = repeats[0](citation.render(form, fallback, new_parts))
            else:  # "S. 4457 § 1 (adding N.Y. Gen. Bus. Law § 676-b(1))", as cite writes it
                action, inner, outer = quoted
                new_parts = citation.extend(inner, parts, step)
                cited = repeats[0](
                    f"{outer} ({action} {citation.render(inner, '', new_parts)})".rstrip())
            children = tuple(build(c, new_path, quoted, new_parts, role, over)
                             for c, over in zip(node.children, citation.headings_under(
                                 node.kind, node.children, _entry), strict=True))
            quoted_in = None
        return made(
            Clause,
            id=ids[id(node)],
            label=label,
            kind=kind,
            heading=shown_heading,
            citation=cited,
            text=text[node.start:end],
            span=(node.start, end),
            label_span=node.label_span,
            locator=_locator(marks, offsets, node.start, end),
            role=settled_role(role, own, children),
            term=term,
            children=children,
            quoted_in=quoted_in,
        )

    def built(tops: Sequence[Node]) -> list[Clause]:
        return [build(c, [], None, citation.start(form), None) for c in tops]

    middle = _middle(root.children, len(text)) if halves is not None else None
    if halves is None or middle is None:
        return tuple(built(root.children))
    return _in_halves(built, root.children, middle, repeats, halves)


def _middle(tops: Sequence[Node], end: int) -> int | None:
    """Where to cut the top-level provisions (which run to ``end``, the text's) in two of
    about the same length of text: the index of the first of the second part, or ``None``
    when there are fewer than two."""
    if len(tops) < 2:
        return None
    start = tops[0].start
    for k, node in enumerate(tops[1:], 1):
        if node.start - start >= (end - start) / 2:
            return k
    return len(tops) - 1


class _Given(citation.Repeats):
    """Citation ordinals counted from nothing, with each citation as it was given (before its
    ordinal), in order."""

    def __init__(self) -> None:
        super().__init__()
        self.given: list[str] = []

    def __call__(self, cited: str) -> str:
        self.given.append(cited)
        return super().__call__(cited)


def _in_halves(built: Callable[[Sequence[Node]], list[Clause]], tops: Sequence[Node], middle: int,
               repeats: list[citation.Repeats], halves: Halves) -> tuple[Clause, ...]:
    """The clauses of ``tops``, the first ``middle`` made here and the rest by ``halves``'
    second part. A citation given twice is told apart by its ordinal (``(2nd)``), counted in
    document order across the whole text: the second part counts from nothing and says what
    it gave, and its citations are counted again here, after the first part's, and corrected
    where a citation of the first part recurs in it."""
    counted = repeats[0]

    def work(part: Sequence[Node]) -> tuple[list[Clause], list[str] | None]:
        if part[0] is tops[0]:
            return built(part), None
        repeats[0] = given = _Given()  # (in the child; here too, should the child fail)
        try:
            return built(part), given.given
        finally:
            repeats[0] = counted

    (first, _), (second, given) = halves(work, tops, (middle - 0.5) / len(tops))
    assert given is not None
    clauses = (c for top in second for c in top.walk())  # (the order they were cited in)
    for clause, cited in zip(clauses, given, strict=True):
        again = counted(cited)
        if again != clause.citation:  # (these clauses are this call's own, not yet shared)
            object.__setattr__(clause, "citation", again)
    return (*first, *second)


def _entry(node: Node) -> tuple[Kind, str | None]:
    """A child as :func:`~legcompare.citation.headings_over` reads it: a labelled provision
    ends what the headings above it name, as a section does."""
    return (node.kind if node.label is None else Kind.SECTION, node.heading)


def _section_number(node: Node) -> str | None:
    """The number of a quoted section (``15.2-1723.2``), else ``None``."""
    return node.label.value if node.kind is Kind.SECTION and node.label is not None else None


def _quoted_place(node: Node) -> list[Step]:
    """The steps from the quoted law's root to where the matter of the QUOTED ``node`` goes
    (``§ 9033(b)`` for "(1) ..." quoted into section 9033(b)); none for a quoted section or
    container, which carries its own number."""
    assert node.quoted is not None
    first = node.children[0] if node.children else None
    if first is not None and (first.kind is Kind.SECTION or first.rank < ENUM_RANK):
        return []
    value = first.label.value if first is not None and first.label is not None else None
    return citation.place(node.quoted.designations(value))


def _fallback(document: Document) -> str:
    p = document.provenance
    return p.title or p.document or "document"


def _kind(node: Node, family: Family) -> Kind:
    if not node.is_enum or node.label is None:
        return node.kind
    depth = 0
    parent = node.parent
    while parent is not None and parent.is_enum:
        depth += 1
        parent = parent.parent
    if parent is not None and parent.kind is Kind.QUOTED and family is FEDERAL:
        # quoted into a law at any level: named by its numbering ("(c)" a subsection, "(E)" a
        # subparagraph), as the federal levels are
        return level_kind(family, depth, node.rtype)
    if parent is None or parent.kind is not Kind.SECTION:
        return Kind.PARAGRAPH if depth == 0 else level_kind(family, depth + 1, node.rtype)
    return level_kind(family, depth, node.rtype)


def _id_part(node: Node) -> str:
    if node.label is not None:
        return node.label.id_part()
    return unnumbered_part(node.kind, ordinal=node.ordinal_in_parent, heading=node.heading,
                           term=node.term, name=node.name)


def _assign_ids(root: Node) -> dict[int, str]:
    ids: dict[int, str] = {}
    paths = Paths()

    def visit(node: Node, prefix: str) -> None:
        for child in node.children:
            ids[id(child)] = paths(prefix, _id_part(child))
            visit(child, ids[id(child)])

    visit(root, "")
    return ids


def _locator(marks: tuple[LineMark, ...], offsets: list[int], start: int, end: int
             ) -> str | None:
    """``p. 3, ll. 12–15`` from the printed page and line numbers around a span."""
    if not marks or end <= offsets[0]:
        return None  # (no mark at or before its end: nothing printed says where it stands)
    i = max(bisect_right(offsets, start) - 1, 0)
    j = max(bisect_left(offsets, end) - 1, i)
    first, last = marks[i], marks[j]
    if first.page is None and first.line is None:
        return None
    pages = _range("p.", "pp.", first.page, last.page)
    if first.line is None or last.line is None:
        return pages
    if first.page == last.page:
        lines = _range("l.", "ll.", first.line, last.line)
        return f"{pages}, {lines}" if pages else lines
    return f"p. {first.page}, l. {first.line} – p. {last.page}, l. {last.line}"


def _range(one: str, many: str, a: int | None, b: int | None) -> str:
    if a is None:
        return ""
    if b is None or a == b:
        return f"{one} {a}"
    return f"{many} {a}–{b}"
