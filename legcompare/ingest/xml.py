"""XML legislative texts: parse safely, read the vocabulary's structure, account for every character.

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
  its place (sidenotes, page markers, slug lines, editorial matter after the body).
* Any other vocabulary becomes plain text (one line per block element) read by
  :func:`~legcompare.ingest.text.parse_text`; the splitter then finds its structure.

Here: parsing and dispatch, the :class:`Writer` of the display text, and :func:`build_document`,
which turns the provisions found (:class:`Node`) into clauses with ids and citations exactly as
the text splitter makes them. The walk over the elements is :class:`.uslm.TreeReader`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from html.entities import name2codepoint

from lxml import etree

from ..citation import Step, cite, law_form
from ..errors import FormatError
from ..model import CitationForm, Clause, Document, Kind, LineMark, Note, NoteKind, Provenance, Span
from ..split.headings import defined_term
from ..split.labels import ID_PREFIX, Label
from .text import parse_text

USLM_NS = "http://schemas.gpo.gov/xml/uslm"
XHTML_NS = "http://www.w3.org/1999/xhtml"
_BILL_DTD_ROOTS = frozenset({"bill", "resolution", "amendment-doc"})
_DASHES = ("—", "–", "-")
_ENCODING_DECL = re.compile(r"""^(\s*<\?xml[^>]*?)\s+encoding\s*=\s*(["'])[^"']*\2""")
_PAGE_NUMBER = re.compile(r"(\d+)\D*$")


def parse_xml(text: str, provenance: Provenance, *, where: str | None) -> Document:
    """Read an XML legislative text (see the module docstring for the guarantees)."""
    root = parse_tree(text, where)
    namespace, name = split_tag(root.tag)
    if namespace == USLM_NS:
        from .uslm import read_uslm

        return read_uslm(root, provenance)
    if not namespace and name in _BILL_DTD_ROOTS:
        from .billdtd import read_bill_dtd

        return read_bill_dtd(root, provenance)
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
        message = " ".join(str(exc.msg or "not well-formed").split())
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


def fill(provenance: Provenance, **values: str | None) -> Provenance:
    """``provenance`` with the given fields set where they are empty (``None``, ``""``), and
    ``format`` set where it still has the default ``text``."""
    changes: dict[str, str] = {}
    for key, value in values.items():
        current = getattr(provenance, key)
        if value and (not current or (key == "format" and current == "text")):
            changes[key] = value
    return replace(provenance, **changes) if changes else provenance


_BILL_TYPES = {"HR": "H.R.", "S": "S.", "HRES": "H.Res.", "SRES": "S.Res.",
               "HCONRES": "H.Con.Res.", "SCONRES": "S.Con.Res.", "HJRES": "H.J.Res.",
               "SJRES": "S.J.Res."}


def bill_form(congress: str, bill_type: str, number: str) -> CitationForm | None:
    """``CitationForm("bill", "H.R. 2157, 116th Cong.")`` from ``116``, ``H. R.``, ``2157``."""
    code = re.sub(r"[^A-Z]", "", bill_type.upper())
    if code not in _BILL_TYPES or not congress.isdigit() or not number:
        return None
    n = int(congress)
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return CitationForm("bill", f"{_BILL_TYPES[code]} {number}, {n}{suffix} Cong.")


# --- the display text under construction ----------------------------------------------------


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
    quote: tuple[str, str, tuple[tuple[str, str], ...]] | None = None
    """For quoted matter: (action, law, target steps as (kind value, printed value))."""
    children: list[Node] = field(default_factory=list)


class Writer:
    """Display text, one line per block, whitespace collapsed within a line; notes at places."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.length = 0
        self.space = False  # whitespace seen since the last character written on this line
        self.fresh = True  # nothing written on the current line yet
        self.lead = False  # the line holds only a number and heading so far
        self.waiting: list[Node] = []
        self.notes: list[Note] = []
        self.marks: list[LineMark] = []

    def newline(self) -> None:
        if not self.fresh:
            self._put("\n")
            self.fresh = True
        self.space = False

    def separate(self) -> None:
        """Components of one line (number, heading, text) are separated unless a dash joins them."""
        if not self.fresh and not self.parts[-1].endswith(_DASHES):
            self.space = True

    def write(self, s: str, *, tight: bool = False) -> int | None:
        """Inline text, whitespace collapsed; the offset of its first character, if any."""
        if tight:
            self.space = False
        words = s.split()
        if not words:
            self.space = self.space or bool(s)
            return None
        if (self.space or s[0].isspace()) and not self.fresh:
            self._put(" ")
        for node in self.waiting:
            node.start = self.length
        self.waiting.clear()
        first = self.length
        self._put(" ".join(words))
        self.space = s[-1].isspace()
        self.fresh = self.lead = False
        return first

    def note(self, kind: NoteKind, text: str) -> None:
        if text.strip():
            self.notes.append(Note(kind, text.strip(), (self.length, self.length)))

    def page(self, text: str) -> None:
        """A page marker (``131 STAT. 12``): a note, and a locator for what follows."""
        self.note(NoteKind.PAGE_HEADER, collapse(text))
        m = _PAGE_NUMBER.search(text)
        if m:
            self.marks.append(LineMark(self.length, int(m.group(1)), None))

    def text(self) -> str:
        if len(self.parts) > 1:
            self.parts[:] = ["".join(self.parts)]
        return self.parts[0] if self.parts else ""

    def _put(self, s: str) -> None:
        self.parts.append(s)
        self.length += len(s)


# --- other vocabularies --------------------------------------------------------------------


def _read_unknown(root: etree._Element, provenance: Provenance) -> Document:
    """Text content, one line per block element, for the plain-text reader."""
    document = parse_text("\n".join(text_lines(root)) + "\n", provenance)
    return replace(document, provenance=fill(document.provenance, format="xml",
                                             content_type="application/xml"))


def text_lines(el: etree._Element) -> list[str]:
    """The text of ``el``, one line per block, whitespace collapsed, blank lines dropped.

    An element is a block unless its parent mixes text with elements (then it is inline).
    """
    lines: list[str] = []
    current: list[str] = []

    def visit(el: etree._Element) -> None:
        mixed = bool((el.text or "").strip()) or any((c.tail or "").strip() for c in el)
        current.append(el.text or "")
        for child in el:
            if isinstance(child.tag, str) and not mixed:
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


def build_document(text: str, writer: Writer, root: Node, provenance: Provenance,
                   form: CitationForm | None) -> Document:
    """The document whose clauses are ``root``'s children, each running to the next one's start.

    Nodes that never wrote a character are dropped (or, with children, start where their first
    child does); text before the first provision joins it, or becomes front matter.
    """
    nodes = _preorder(root)
    if nodes and nodes[0].start > 0:
        if text[:nodes[0].start].strip():
            front = Node(Kind.FRONT, root, start=0, name="front")
            root.children.insert(0, front)
            nodes.insert(0, front)
        else:
            nodes[0].start = 0
    ends = {id(n): nxt.start for n, nxt in zip(nodes, nodes[1:], strict=False)}
    if nodes:
        ends[id(nodes[-1])] = len(text)
    builder = _ClauseBuilder(text, ends, _assign_ids(root), provenance, form, writer.marks)
    structure = tuple(builder.build(c, [], [], None) for c in root.children)
    return Document(text=text, provenance=provenance, notes=tuple(writer.notes),
                    lines=tuple(writer.marks), structure=structure, citation=form)


def _preorder(root: Node) -> list[Node]:
    out: list[Node] = []

    def visit(node: Node) -> None:
        kept = []
        for child in node.children:
            visit(child)
            if child.start >= 0 or child.children:
                kept.append(child)
        node.children = kept
        for child in kept:
            if child.start < 0:
                child.start = child.children[0].start

    visit(root)

    def order(node: Node) -> None:
        for child in node.children:
            out.append(child)
            order(child)

    order(root)
    assert all(a.start <= b.start for a, b in zip(out, out[1:], strict=False)), "out of order"
    return out


def _assign_ids(root: Node) -> dict[int, tuple[str, int]]:
    """Each node's id and its ordinal among same-kind siblings (blocks, provisos)."""
    ids: dict[int, tuple[str, int]] = {}
    seen: dict[str, int] = {}

    def visit(node: Node, prefix: str) -> None:
        counts: dict[Kind, int] = {}
        for child in node.children:
            counts[child.kind] = counts.get(child.kind, 0) + 1
            part = _id_part(child, counts[child.kind])
            path = f"{prefix}/{part}" if prefix else part
            seen[path] = seen.get(path, 0) + 1
            if seen[path] > 1:
                path = f"{path}~{seen[path]}"
            ids[id(child)] = (path, counts[child.kind])
            visit(child, path)

    visit(root, "")
    return ids


def _id_part(node: Node, ordinal: int) -> str:
    """As the text splitter names parts: ``s101``, ``t-ii``, ``a``, ``p3``, ``proviso-2``..."""
    if node.value:
        kind = node.kind if node.kind in ID_PREFIX or node.kind is Kind.SECTION else None
        return Label(node.label, node.value, kind, code_section=node.code_section).id_part()
    if node.name:
        return node.name
    if node.kind is Kind.BLOCK:
        return f"p{ordinal}"
    if node.kind is Kind.PROVISO:
        return f"proviso-{ordinal}"
    if node.kind is Kind.QUOTED:
        return "q"
    if node.kind is Kind.HEADING:
        return "h-" + _slug(node.heading or "")
    return node.kind.value


def _slug(s: str, words: int = 6) -> str:
    return "-".join(re.findall(r"[a-z0-9]+", s.lower())[:words]) or "x"


Quoted = tuple[str, str, CitationForm | None]


@dataclass
class _ClauseBuilder:
    text: str
    ends: dict[int, int]
    ids: dict[int, tuple[str, int]]
    provenance: Provenance
    form: CitationForm | None
    marks: list[LineMark]

    def build(self, node: Node, path: list[Step], outer: list[Step], quoted: Quoted | None
              ) -> Clause:
        """The clause of ``node``, cited along ``path`` (inside quoted matter: from the target)."""
        kind = self._kind(node)
        ident, ordinal = self.ids[id(node)]
        step = Step(kind, node.value, heading=node.term or node.heading, ordinal=ordinal,
                    code_section=node.code_section)
        fallback = self.provenance.title or self.provenance.document or "document"
        quoted_in = None
        if node.kind is Kind.QUOTED and node.quote is not None:
            action, law, target = node.quote
            qform = law_form(law, Document("", self.provenance))
            citation = cite(self.form, fallback, path + [step])
            inner = [Step(Kind.SECTION, v, code_section=True) if k == "section"
                     else Step(Kind.PARAGRAPH, v) for k, v in target]
            children = tuple(self.build(c, inner, path + [step], (action, law, qform))
                             for c in node.children)
            quoted_in = qform.prefix if qform else law or None
        else:
            citation = cite(self.form, fallback, path + [step], quoted, outer)
            children = tuple(self.build(c, path + [step], outer, quoted) for c in node.children)
        start, end = node.start, self.ends[id(node)]
        return Clause(id=ident, label=node.label, kind=kind,
                      heading=node.heading if node.label else (node.heading or node.term),
                      citation=citation, text=self.text[start:end], span=(start, end),
                      label_span=node.label_span, locator=self._locator(start, end),
                      term=node.term, children=children, quoted_in=quoted_in)

    def _kind(self, node: Node) -> Kind:
        """Enumerated provisions that define a term are definitions (as the splitter has it)."""
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
