"""XML legislative texts: parse safely, read the structure, account for every character.

Stage guarantees (``parse_xml``):

* The XML is parsed with no network access, no DTD loading and no entity expansion (an entity
  reference stays as written, except the standard named characters such as ``&mdash;``).
  Malformed XML raises :class:`~legcompare.errors.FormatError` with its line number.
* USLM (:mod:`.uslm`) and the House/Senate bill DTD (:mod:`.billdtd`) are read from their
  elements into ``Document.structure``; no text is re-split. The display text is one line per
  block element, a provision's number and heading on the line of the text that follows,
  whitespace collapsed within a line. The clauses partition it: in document order their texts
  concatenate to ``Document.text`` and ``text[clause.span] == clause.text``.
* Nothing is lost: the text of the body and front matter is in the display text or in a note at
  its place (sidenotes, page markers, slug lines, editorial matter after the body, struck
  matter).
* Amendment markup (``changed=``, ``<addedText>``/``<deletedText>``, ``<added-phrase>``/
  ``<deleted-phrase>``) is read into ``Document.marks``: the display text and the clause tree
  are the document as it will read (see :mod:`legcompare.markup`).
* Any other vocabulary becomes plain text (one line per block element) read by
  :func:`~legcompare.ingest.text.parse_text`; the splitter then finds its structure.

Here: parsing and dispatch, and :func:`build_document`, which turns the provisions found
(:class:`Node`) into clauses with ids and citations made exactly as the text splitter makes
them. The walk over the elements is :class:`.uslm.TreeReader`.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from functools import cached_property
from html.entities import name2codepoint
from itertools import pairwise

from lxml import etree

from ..citation import (
    Repeats,
    Step,
    cite,
    headings_under,
    law_form,
    place,
    quoted_matter,
)
from ..errors import FormatError
from ..ids import Paths, unnumbered_part
from ..markup import Tags, merge_notes, moved, resolve
from ..model import CitationForm, Clause, Document, Kind, LineMark, Mark, Note, Provenance, Span
from ..quoted_matter import QuotedTarget, Targets
from ..split.headings import defined_term
from ..split.labels import ID_PREFIX, Label
from .text import parse_text

USLM_NS = "http://schemas.gpo.gov/xml/uslm"
XHTML_NS = "http://www.w3.org/1999/xhtml"
_BILL_DTD_ROOTS = frozenset({"bill", "resolution", "amendment-doc"})
_ENCODING_DECL = re.compile(r"""^(\s*<\?xml[^>]*?)\s+encoding\s*=\s*(["'])[^"']*\2""")


def parse_xml(text: str, provenance: Provenance, *, where: str | None) -> Document:
    """Read an XML legislative text (see the module docstring for the guarantees)."""
    if not text.strip():
        return Document("", fill(provenance, fmt="xml"), structure=())
    root = parse_tree(text, where)
    namespace, name = split_tag(root.tag)
    if namespace == USLM_NS:
        from .uslm import read_uslm

        return read_uslm(root, provenance, text)
    if not namespace and name in _BILL_DTD_ROOTS:
        from .billdtd import read_bill_dtd

        return read_bill_dtd(root, provenance, text)
    return _read_unknown(root, provenance)


def parse_tree(text: str, where: str | None) -> etree._Element:
    """The root element, parsed safely; malformed XML raises a one-line :class:`FormatError`."""
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False,
                             load_dtd=False)
    # The text is already decoded: an encoding declaration would contradict it.
    text = _ENCODING_DECL.sub(r"\1", text, count=1)
    try:
        root = etree.fromstring(text, parser)
    except etree.XMLSyntaxError as exc:
        message = re.sub(r",? line \d+, column \d+$", "",
                         " ".join(str(exc.msg or "not well-formed").split()))
        raise FormatError(f"malformed XML at line {exc.lineno}: {message}", where=where) from None
    if root is None:
        raise FormatError("malformed XML: no root element", where=where)
    return root


def split_tag(tag: object) -> tuple[str, str]:
    """(namespace, local name) of an element tag; ("", "") for comments and the like."""
    if not isinstance(tag, str):
        return "", ""
    if tag.startswith("{"):
        namespace, _, local = tag[1:].partition("}")
        return namespace, local
    return "", tag


def entity_text(node: etree._Element) -> str:
    """An unexpanded entity reference as text: a standard named character, else as written."""
    raw = node.text or ""
    code = name2codepoint.get(raw.strip("&;"))
    return chr(code) if code is not None else raw


def collapse(s: str) -> str:
    return " ".join(s.split())


def text_of(el: etree._Element) -> str:
    """The text content of ``el`` (its descendants' text, no tail)."""
    return "".join(t for t in el.itertext() if isinstance(t, str))


def fill(provenance: Provenance, *, title: str | None = None, version: str | None = None,
         version_date: str | None = None, fmt: str | None = None,
         content_type: str | None = None) -> Provenance:
    """``provenance`` with these fields set where it has none; ``format`` where it still has
    the default (``text``)."""
    p = provenance
    return replace(p, title=p.title or title, version=p.version or version,
                   version_date=p.version_date or version_date,
                   format=fmt if fmt and p.format == "text" else p.format,
                   content_type=p.content_type or content_type)


# --- provisions found, and the clauses made of them ----------------------------------------


@dataclass(eq=False)
class Node:
    """A provision under construction; ``start`` is set by its first written character."""

    kind: Kind
    parent: Node | None
    start: int = -1
    label: str = ""
    value: str = ""
    label_span: Span | None = None
    heading: str | None = None
    term: str | None = None
    name: str | None = None  # a fixed id part: front, enacting, toc, continuation
    code_section: bool = False
    quotes_section: bool = False  # quoted matter that is a whole section (cited by itself)
    struck: bool = False  # opened inside struck matter: not in the display text
    children: list[Node] = field(default_factory=list)


# --- other vocabularies --------------------------------------------------------------------


def _read_unknown(root: etree._Element, provenance: Provenance) -> Document:
    """Text content, one line per block element, for the plain-text reader."""
    document = parse_text("\n".join(text_lines(root)) + "\n", provenance)
    return replace(document, provenance=fill(document.provenance, fmt="xml",
                                             content_type="application/xml"))


_INLINE = frozenset({"b", "i", "u", "em", "strong", "span", "a", "ref", "inline", "sup", "sub",
                     "quote", "quotedText", "term", "date", "shortTitle", "external-xref",
                     "internal-xref", "italic", "bold", "small", "cite", "abbr"})


def text_lines(el: etree._Element) -> list[str]:
    """The text of ``el``, one line per block, whitespace collapsed, blank lines dropped.

    An element is a block unless it is a known inline element (``b``, ``i``, ``ref`` ...) or its
    parent mixes text with elements.
    """
    lines: list[str] = []
    current: list[str] = []

    def visit(el: etree._Element) -> None:
        mixed = bool((el.text or "").strip()) or any((c.tail or "").strip() for c in el)
        current.append(el.text or "")
        for child in el:
            if isinstance(child.tag, str) and not mixed and \
                    split_tag(child.tag)[1] not in _INLINE:
                lines.append(collapse("".join(current)))
                current.clear()
                visit(child)
                lines.append(collapse("".join(current)))
                current.clear()
            elif isinstance(child.tag, str):
                visit(child)
            elif child.tag is etree.Entity:
                current.append(entity_text(child))
            current.append(child.tail or "")

    visit(el)
    lines.append(collapse("".join(current)))
    return [line for line in lines if line]


# --- nodes to clauses ------------------------------------------------------------------------


def build_document(text: str, root: Node, notes: list[Note], marks: list[LineMark],
                   provenance: Provenance, form: CitationForm | None, *,
                   tags: Tags | None = None, before: str | None = None) -> Document:
    """The document whose clauses are ``root``'s children, each running to the next one's start.

    Nodes that never wrote a character are dropped (or, with children, start where their first
    child does); text before the first provision joins it, or becomes front matter. With
    ``tags``, ``text`` is tagged amendment markup (:mod:`legcompare.markup`): it is resolved
    first, nodes opened inside struck matter are dropped (they are the before side's), offsets
    are moved to the display text, and ``before`` says what the marked changes are relative to.
    """
    found: tuple[Mark, ...] = ()
    if tags is not None and tags.sources:
        res = resolve(text, tags.sources)
        _drop_struck(root)
        _move_nodes(root, res.at)
        moved_notes, moved_marks = moved(notes, marks, res.at)
        notes, marks = list(merge_notes(moved_notes, res.notes)), list(moved_marks)
        text, found = res.text, res.marks
    nodes = _preorder(root, len(text))
    if nodes and nodes[0].start > 0:
        if text[:nodes[0].start].strip():
            front = Node(Kind.FRONT, root, start=0, name="front")
            root.children.insert(0, front)
            nodes.insert(0, front)
        else:
            nodes[0].start = 0
    ends = {id(n): nxt.start for n, nxt in pairwise(nodes)}
    if nodes:
        ends[id(nodes[-1])] = len(text)
    builder = _ClauseBuilder(text, ends, _assign_ids(root), provenance, form, marks)
    structure = tuple(builder.build(c, [], [], None) for c in root.children)
    return Document(text=text, provenance=provenance, notes=tuple(notes), lines=tuple(marks),
                    structure=structure, citation=form, marks=found,
                    before=before if found else None)


def _drop_struck(root: Node) -> None:
    """Provisions opened inside struck matter are not provisions of the display text."""
    stack = [root]
    while stack:
        node = stack.pop()
        node.children = [c for c in node.children if not c.struck]
        stack.extend(node.children)


def _move_nodes(root: Node, at: Callable[[int], int]) -> None:
    """Node offsets from the tagged text to the display text."""
    stack = list(root.children)
    while stack:
        node = stack.pop()
        if node.start >= 0:
            node.start = at(node.start)
        if node.label_span is not None:
            node.label_span = (at(node.label_span[0]), at(node.label_span[1]))
        stack.extend(node.children)


def _preorder(root: Node, length: int) -> list[Node]:
    """The nodes in document order, without those that hold no text and no provisions."""
    def prune(node: Node) -> None:
        for child in node.children:
            prune(child)
        node.children = [c for c in node.children if c.start >= 0 or c.children]
        for child in node.children:
            if child.start < 0:
                child.start = child.children[0].start

    def order(node: Node, out: list[Node]) -> list[Node]:
        for child in node.children:
            out.append(child)
            order(child, out)
        return out

    prune(root)
    nodes = order(root, [])
    starts = [n.start for n in nodes[1:]] + [length]
    empty = {id(n) for n, end in zip(nodes, starts, strict=True)
             if n.start == end and not n.children}
    if empty:
        for node in nodes:
            node.children = [c for c in node.children if id(c) not in empty]
        root.children = [c for c in root.children if id(c) not in empty]
        nodes = [n for n in nodes if id(n) not in empty]
    assert all(a.start <= b.start for a, b in pairwise(nodes)), "out of order"
    return nodes


def _assign_ids(root: Node) -> dict[int, tuple[str, int]]:
    """Each node's id and its ordinal among same-kind siblings (blocks, provisos)."""
    ids: dict[int, tuple[str, int]] = {}
    paths = Paths()

    def visit(node: Node, prefix: str) -> None:
        counts: dict[Kind, int] = {}
        for child in node.children:
            counts[child.kind] = counts.get(child.kind, 0) + 1
            path = paths(prefix, _id_part(child, counts[child.kind]))
            ids[id(child)] = (path, counts[child.kind])
            visit(child, path)

    visit(root, "")
    return ids


def _entry(node: Node) -> tuple[Kind, str | None]:
    """A child as :func:`~legcompare.citation.headings_over` reads it, as the text splitter
    gives it: a labelled provision ends what the headings above it name, as a section does."""
    return (node.kind if not node.value else Kind.SECTION, node.heading)


def _id_part(node: Node, ordinal: int) -> str:
    """As the text splitter names parts: ``s101``, ``t-ii``, ``a``, ``p3``, ``proviso-2``..."""
    if node.value:
        kind = node.kind if node.kind in ID_PREFIX or node.kind is Kind.SECTION else None
        return Label(node.label, node.value, kind, code_section=node.code_section).id_part()
    return unnumbered_part(node.kind, ordinal=ordinal, heading=node.heading, name=node.name)


Quoted = tuple[str, str, CitationForm | None]


@dataclass
class _ClauseBuilder:
    text: str
    ends: dict[int, int]
    ids: dict[int, tuple[str, int]]
    provenance: Provenance
    form: CitationForm | None
    marks: list[LineMark]
    repeats: Repeats = field(default_factory=Repeats)
    """A citation given again gets its ordinal (in document order: a clause before its
    children), as the text splitter gives it."""

    @cached_property
    def targets(self) -> Targets:
        """Where the text's quoted matter goes."""
        return Targets(self.text)

    def build(self, node: Node, path: list[Step], outer: list[Step], quoted: Quoted | None,
              under: tuple[str, ...] = ()) -> Clause:
        """The clause of ``node``, cited along ``path`` (inside quoted matter: from the target);
        ``under``: the headings it is printed under (:func:`headings_over`)."""
        kind = self._kind(node)
        ident, ordinal = self.ids[id(node)]
        step = Step(kind, node.value, ordinal=ordinal, code_section=node.code_section,
                    heading=node.name if kind is Kind.FRONT or node.name == "continuation"
                    else node.term or node.heading, under=under)
        fallback = self.provenance.title or self.provenance.document or "document"
        quoted_in = None
        if node.kind is Kind.QUOTED and node.parent is not None:
            found, target = quote_target(node, self.targets)
            law = found.law
            qform = law_form(law, Document("", self.provenance))
            inner = place(target)
            sections = [c.value if c.kind is Kind.SECTION else None for c in node.children]
            prefix = qform.prefix if qform else None
            quoted_in = prefix or law or None
            citation = self.repeats(quoted_matter(cite(self.form, fallback, [*path, step]),
                                                  found.action_on(sections), prefix))
            children = tuple(self.build(c, inner, [*path, step], (found.action_for(n), law, qform))
                             for c, n in zip(node.children, sections, strict=True))
        else:
            citation = self.repeats(cite(self.form, fallback, [*path, step], quoted, outer))
            children = tuple(self.build(c, [*path, step], outer, quoted, over)
                             for c, over in zip(node.children, headings_under(
                                 node.kind, node.children, _entry), strict=True))
        start, end = node.start, self.ends[id(node)]
        return Clause(id=ident, label=node.label, kind=kind,
                      heading=node.heading if node.label else (node.heading or node.term),
                      citation=citation, text=self.text[start:end], span=(start, end),
                      label_span=node.label_span, locator=self._locator(start, end),
                      term=node.term, children=children, quoted_in=quoted_in)

    def _kind(self, node: Node) -> Kind:
        """Enumerated provisions that define a term are definitions (as the splitter has it):
        those whose first sentence does, not a duty that ends defining a word it uses ("...
        shall develop and publish recommendations ... For purposes of this subsection, the term
        “State” includes the District of Columbia": its term is left off)."""
        if node.term is not None and node.label_span is not None and \
                node.kind not in _NOT_DEFINED and not _leads(self.text, node.label_span[1],
                                                             node.term):
            node.term = None
        if node.term is None and node.label_span is not None and node.kind not in _NOT_DEFINED:
            node.term = defined_term(self.text, node.label_span[1])
        if node.term and node.label and node.kind not in _NOT_DEFINED:
            return Kind.DEFINITION
        return node.kind

    def _locator(self, start: int, end: int) -> str | None:
        """``p. 12`` or ``pp. 11–12`` from the page markers (slip laws), else ``None``."""
        pages = [m.page for m in self.marks if m.page is not None and m.offset < end]
        if not pages:
            return None
        first = next((m.page for m in reversed(self.marks)
                      if m.page is not None and m.offset <= start), pages[0])
        return f"p. {first}" if first == pages[-1] else f"pp. {first}–{pages[-1]}"


_NOT_DEFINED = frozenset({Kind.SECTION, Kind.DIVISION, Kind.TITLE, Kind.SUBTITLE, Kind.CHAPTER,
                          Kind.SUBCHAPTER, Kind.PART, Kind.SUBPART, Kind.ARTICLE, Kind.FRONT,
                          Kind.TOC, Kind.QUOTED, Kind.HEADING, Kind.BLOCK, Kind.PROVISO})
_LEAD_LIMIT = 160
"""How far into a provision's words the term it defines stands, at most (its heading and "For
purposes of section 301(8)(A)(iii), the term ..." before it; not a term named in passing, "...
shall require the use of an individual, durable, voter-verified paper ballot (... referred to as
...)")."""
# A sentence's end inside a provision's words (not a heading's ".—"): a period, then a capital.
_SENTENCE_END = re.compile(r"\.[”\")]*\s+[“\"]?[A-Z]")


def _leads(text: str, at: int, term: str) -> bool:
    """Does ``term`` stand near the start of the words at ``at`` (a provision's, after its
    label), in their first sentence?"""
    words = text[at:at + 3000]
    found = next((i for i in (words.find(f"“{term}”"), words.find(f'"{term}"'),
                              words.find(f"term {term}")) if i >= 0), -1)
    if found < 0:
        return True  # (printed otherwise than the markup names it: as before)
    return found < _LEAD_LIMIT and _SENTENCE_END.search(words, 0, found) is None


# --- amending instructions: what quoted matter is quoted into --------------------------------


def quote_target(quoted: Node, targets: Targets
                 ) -> tuple[QuotedTarget, tuple[tuple[str, str], ...]]:
    """Where the ``quoted`` matter goes, and the designations its provisions are cited from,
    read from the amending texts above it by ``targets`` (see
    :func:`~legcompare.quoted_matter.quoted_target`). Quoted sections carry their own number, so for
    them the target is the law alone."""
    text = targets.text
    path: list[Node] = []
    node: Node | None = quoted.parent
    while node is not None and node.parent is not None:
        path.insert(0, node)
        node = node.parent
    path = [n for n in path if n.start >= 0]
    owns = []
    for node in path:
        end = next((c.start for c in node.children if c.start >= 0), len(text))
        owns.append(collapse(text[node.label_span[1] if node.label_span else node.start:end]))
    at = path[-1].start if path else 0
    found = targets(owns, at)
    if quoted.quotes_section:
        return found, ()
    first = next((c for c in quoted.children if c.start >= 0), None)
    return found, found.designations(first.value if first else None)
