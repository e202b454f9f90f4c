"""USLM, the United States Legislative Markup: bills, resolutions, public laws, compilations.

Reads ``<meta>`` into provenance and the citation form, ``<preface>`` and the long title into the
front matter, the enacting or resolving clause into ``enacting``, and ``<main>`` element by
element into provisions (see :mod:`.xml` for the guarantees). Element to clause:

* division ... subpart, section, subsection ... subitem: their kinds, labelled by ``<num>``;
  a level without a number (``<section class="inline">``) is an unnumbered block;
* ``<appropriations>`` with text: a block (``p1``, ``p2`` ... within its parent); with a heading
  only: a heading (``h-<slug>``); ``<proviso>``: ``proviso-1`` ... of the provision it is in;
* ``<quotedContent>``: quoted matter (``q``); its sections are code sections (bare numbers);
* ``<toc>``: one table of contents; ``<continuation>``: a block ``continuation`` (or, when it
  holds only provisos, those provisos);
* sidenotes and editorial notes, ``<page>`` markers, slug lines and distribution codes become
  notes at their place; what follows ``<main>`` (signatures, attestation, legislative history)
  becomes editorial notes at the end.

Amendment markup is read, not flattened (:mod:`legcompare.markup`): ``<addedText>`` and any
element ``changed="added"`` are inserted (in the display text, marked); ``<deletedText>`` and
``changed="deleted"`` are struck (out of the display text, kept as marks and notes), and the
provisions opened inside struck matter are left out of the clause tree. ``<elided>`` text
(``* * *``) stays in the text with an ``editorial`` note ``elided``: it is never deleted text.
A body marked added whose instructions say the text it replaces is printed elsewhere ("For text
of introduced bill, see copy of bill as introduced") strikes matter it does not print.

:class:`TreeReader`, the walk itself, is shared with :mod:`.billdtd`: the bill DTD is the model
USLM was derived from, and differs mostly in element names and in what its stylesheet prints.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from typing import ClassVar

from lxml import etree

from ..markup import (
    BEFORE_COMMITTEE,
    BEFORE_CURRENT_LAW,
    BEFORE_UNSTATED,
    NOT_PRINTED,
    Tags,
    has_sentinels,
    unread,
)
from ..model import CitationForm, Document, Kind, LineMark, MarkKind, Note, NoteKind, Provenance
from .xml import (
    USLM_NS,
    XHTML_NS,
    Node,
    build_document,
    collapse,
    entity_text,
    fill,
    split_tag,
    text_lines,
    text_of,
)

_JOINERS = ("—", "–", "-", "“", "‘")
_CHANGED = {"added": MarkKind.INSERTED, "deleted": MarkKind.STRUCK}
_NOT_PRINTED = re.compile(r"\bFor text of\b.{0,80}?\bsee copy of\b", re.I | re.S)
_PAGE_NUMBER = re.compile(r"(\d+)\D*$")

# --- the display text under construction ----------------------------------------------------


class Writer:
    """Display text, one line per block, whitespace collapsed within a line; notes at places."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.length = 0
        self.space = False  # whitespace seen since the last character written on this line
        self.fresh = True  # nothing written on the current line yet
        self.broken = False  # a line ended: a line break is due before the next character
        self.lead = False  # the line holds only a number and heading so far
        self.waiting: list[Node] = []
        self.notes: list[Note] = []
        self.marks: list[LineMark] = []
        self.tags = Tags()
        self.tail = ""  # the last words written (marks aside), for joiners

    def mark(self, kind: MarkKind, source: str) -> None:
        """Open an amendment mark: what is written until :meth:`unmark` is ``kind``."""
        self._put(self.tags.open(kind, source))

    def unmark(self) -> None:
        self._put(self.tags.close())

    def newline(self) -> None:
        """End the current line; the break is written before the next character, if any."""
        self.broken = self.broken or not self.fresh
        self.fresh = True
        self.space = self.lead = False

    def separate(self) -> None:
        """Components of one line (number, heading, text) are separated unless a dash joins them."""
        if not self.fresh and not self.tail.endswith(_JOINERS):
            self.space = True

    def write(self, s: str, *, tight: bool = False) -> int | None:
        """Inline text, whitespace collapsed; the offset of its first character, if any."""
        if tight:
            self.space = False
        words = s.split()
        if not words:
            self.space = self.space or bool(s)
            return None
        if self.broken:
            self._put("\n")
            self.broken = False
        elif (self.space or s[0].isspace()) and not self.fresh:
            self._put(" ")
        for node in self.waiting:
            node.start = self.length
        self.waiting.clear()
        first = self.length
        self.tail = " ".join(words)
        self._put(self.tail)
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
        """The display text: the lines written, ending with a newline (empty if none)."""
        return "".join(self.parts) + "\n" if self.length else ""

    def _put(self, s: str) -> None:
        self.parts.append(s)
        self.length += len(s)


# --- the walk both dialects share -----------------------------------------------------------


class TreeReader:
    """Walks one XML vocabulary into a :class:`Writer` and a tree of :class:`Node`.

    Subclasses fill the element tables and override :meth:`number`, :meth:`heading` and
    :meth:`quoted_line` where their printing differs. Tables hold local names; elements of a
    foreign namespace are named ``ns:local`` so that ``dc:title`` is never a title.
    """

    namespaces: frozenset[str] = frozenset({""})
    levels: ClassVar[dict[str, Kind]] = {}
    appropriations: frozenset[str] = frozenset()
    numbers = frozenset({"num"})
    headings = frozenset({"heading"})
    bodies = frozenset({"chapeau", "content", "text"})
    continuations = frozenset({"continuation"})
    quoted_names = frozenset({"quotedContent"})
    tocs = frozenset({"toc"})
    provisos = frozenset({"proviso"})
    paragraph_names: frozenset[str] = frozenset()
    """What prints an appropriation's paragraphs when its body holds several (see
    :meth:`paragraphs`)."""
    terms = frozenset({"term"})
    dialect = "uslm"
    marked: ClassVar[dict[str, MarkKind]] = {}
    elisions: frozenset[str] = frozenset()
    instructions: frozenset[str] = frozenset()
    notes: ClassVar[dict[str, NoteKind]] = {}
    pages: frozenset[str] = frozenset()
    blocks: frozenset[str] = frozenset()
    spaced: frozenset[str] = frozenset()
    skipped: frozenset[str] = frozenset()

    def __init__(self, *, read_marks: bool = True) -> None:
        self.w = Writer()
        self.root = Node(Kind.BLOCK, None)
        self.quote_depth = 0
        self._names: dict[str, str] = {}
        self.read_marks = read_marks
        self.mark_stack: list[MarkKind] = []

    def name(self, el: etree._Element) -> str:
        tag = el.tag
        if tag not in self._names:
            namespace, local = split_tag(tag)
            self._names[tag] = local if namespace in self.namespaces else f"ns:{local}"
        return self._names[tag]

    def children(self, el: etree._Element) -> Iterator[tuple[etree._Element | None, str]]:
        """Each element child with the text after it; first ``(None, el.text)``."""
        yield None, el.text or ""
        for child in el:
            if isinstance(child.tag, str):
                yield child, child.tail or ""
            elif child.tag is etree.Entity:
                yield None, entity_text(child) + (child.tail or "")
            else:
                yield None, child.tail or ""  # comments and processing instructions

    def open(self, kind: Kind, parent: Node, *, inline: bool = False) -> Node:
        """A new provision under ``parent``, starting a line unless ``inline``."""
        node = Node(kind, parent, struck=bool(self.mark_stack) and
                    self.mark_stack[-1] is MarkKind.STRUCK)
        parent.children.append(node)
        if not inline:
            self.w.newline()
        self.w.waiting.append(node)
        if not inline and self.quote_depth:
            self.quoted_line()
        return node

    def quoted_line(self) -> None:
        """Hook: what a line of quoted matter opens with (bill DTD: an opening quotation mark)."""

    # -- amendment markup -------------------------------------------------------------------

    def mark_of(self, el: etree._Element, name: str = "") -> tuple[MarkKind, str] | None:
        """Struck or inserted, and the convention that says so, for an element."""
        name = name or self.name(el)
        if name in self.marked:
            return self.marked[name], f"{self.dialect}:{name}"
        changed = el.get("changed", "")
        if changed in _CHANGED:
            return _CHANGED[changed], f"{self.dialect}:changed={changed}"
        return None

    @contextmanager
    def marking(self, el: etree._Element | None) -> Iterator[None]:
        """Everything written inside is marked as ``el`` says (if it says anything)."""
        found = self.mark_of(el) if el is not None and self.read_marks else None
        if found is None:
            yield
            return
        self.begin(found)
        try:
            yield
        finally:
            self.end()

    def begin(self, found: tuple[MarkKind, str]) -> None:
        self.w.mark(*found)
        self.mark_stack.append(found[0])

    def end(self) -> None:
        self.mark_stack.pop()
        self.w.unmark()

    def not_printed(self, root: etree._Element, body: etree._Element | None) -> None:
        """A body marked added whose instructions say the text it replaces is printed elsewhere:
        a struck mark with nothing in it, so the before side knows it lacks that text."""
        found = self.mark_of(body) if body is not None and self.read_marks else None
        if found is None or found[0] is not MarkKind.INSERTED:
            return
        said = " ".join(text_of(el) for el in root.iter() if self.name(el) in self.instructions)
        if _NOT_PRINTED.search(said):
            self.w.mark(MarkKind.STRUCK, self.dialect + NOT_PRINTED)
            self.w.unmark()

    # -- dispatch ---------------------------------------------------------------------------

    def walk(self, el: etree._Element, owner: Node) -> None:
        """Render ``el`` (not its tail); provisions it holds become children of ``owner``."""
        name = self.name(el)
        if name in self.skipped:
            return
        found = self.mark_of(el, name) if self.read_marks else None
        if found is not None:
            self.begin(found)
        self.dispatch(el, name, owner)
        if found is not None:
            self.end()

    def dispatch(self, el: etree._Element, name: str, owner: Node) -> None:
        if name in self.elisions:
            self.w.note(NoteKind.EDITORIAL, "elided")
        if name in self.notes:
            self.w.note(self.notes[name], "\n".join(text_lines(el)))
        elif name in self.pages:
            self.w.page(text_of(el))
        elif name in self.levels or name in self.appropriations:
            self.level(el, owner)
        elif name in self.quoted_names:
            self.quoted(el, owner)
        elif name in self.tocs:
            self.inline(el, self.named(Kind.TOC, "toc", owner))
        elif name in self.provisos:
            self.inline(el, self.open(Kind.PROVISO, owner, inline=True))
        elif name in self.continuations:
            self.continuation(el, owner)
        else:
            self.plain(el, name, owner)

    def plain(self, el: etree._Element, name: str, owner: Node) -> None:
        if name in self.terms and owner.term is None and owner.kind not in _NO_TERM and \
                self.defines(el):
            owner.term = collapse(text_of(el)) or None
        if name in self.blocks and not self.w.lead:
            self.w.newline()
        if name in self.spaced:
            self.w.separate()
        self.inline(el, owner)
        if name in self.spaced:
            self.w.separate()

    def defines(self, term: etree._Element) -> bool:
        """A ``<term>`` defines when worded so: "the term “X” ...", "“X” means ..."."""
        before = "".join(self.w.parts[-4:])[-30:]
        quote = term.getparent() if term.getnext() is None else None
        after = term.tail or (quote.tail if quote is not None else None) or ""
        return bool(re.search(r"\bterms?\W*$", before) or _DEFINING.match(after))

    def inline(self, el: etree._Element, owner: Node) -> None:
        for child, text in self.children(el):
            if child is not None:
                self.walk(child, owner)
            self.w.write(text)

    def named(self, kind: Kind, name: str, owner: Node) -> Node:
        node = self.open(kind, owner)
        node.name = name
        return node

    def lines(self, el: etree._Element, owner: Node) -> None:
        """Each child of ``el`` on a line of its own (front matter)."""
        for child, text in self.children(el):
            if child is not None:
                self.w.newline()
                self.walk(child, owner)
            self.w.write(text)

    # -- provisions -------------------------------------------------------------------------

    def level(self, el: etree._Element, owner: Node) -> None:
        """A numbered provision, an appropriations paragraph or heading. Appropriations printed
        after a section of general provisions are the title's, not the section's, though the
        markup nests them in it (H.R. 264's "Sec. 510. None of the funds ..." and then "Federal
        Deposit Insurance Corporation", "office of the inspector general" ...): from the first
        of them on, what the section holds goes to what holds the section, as the act's text
        print has it."""
        paragraphs = self.paragraphs(el) if self.name(el) in self.appropriations else None
        if paragraphs is not None:
            self.account(el, owner, paragraphs)
            return
        node = self.open(self.kind_of(el), owner)
        holder = node
        for child, text in self.children(el):
            name = self.name(child) if child is not None else ""
            if child is None:
                pass
            elif holder is node and name in self.appropriations and \
                    node.kind is Kind.SECTION and not self.quote_depth:
                holder = owner
                self.walk(child, holder)
            elif holder is not node:
                self.walk(child, holder)
            elif name in self.numbers or name in self.headings or name in self.bodies:
                found = self.mark_of(child, name) if self.read_marks else None
                if found is not None:
                    self.begin(found)
                self.part(child, name, node)
                if found is not None:
                    self.end()
            else:
                self.walk(child, node)
            self.w.write(text)
        self.w.space = False  # what follows a provision's last line joins it

    def paragraphs(self, el: etree._Element) -> etree._Element | None:
        """The body of an appropriation printed as several paragraphs (GPO's ``<content>`` of
        two or more ``<p>``, where one paragraph is the ``<content>`` itself), or ``None``."""
        body = next((c for c in el if isinstance(c.tag, str) and self.name(c) in self.bodies),
                    None)
        if body is None or sum(1 for c in body if isinstance(c.tag, str) and
                               self.name(c) in self.paragraph_names) < 2:
            return None
        return body

    def account(self, el: etree._Element, owner: Node, body: etree._Element) -> None:
        """An account's heading over several paragraphs (H.R. 264's "salaries and expenses",
        then "For necessary expenses of operations of the Bureau ..." and "In addition,
        $165,000 ..."): the heading is a heading and each paragraph a block of what holds the
        account, as the act's text print has them, each cited by its own number."""
        node: Node | None = None
        for child, text in self.children(el):
            name = self.name(child) if child is not None else ""
            if child is body:
                with self.marking(body):
                    for paragraph, tail in self.children(body):
                        if paragraph is not None:
                            self.walk(paragraph, self.open(Kind.BLOCK, owner)
                                      if self.name(paragraph) in self.paragraph_names
                                      else node or owner)
                        self.w.write(tail)
            elif child is not None and name in self.headings and node is None:
                node = self.open(Kind.HEADING, owner)
                with self.marking(child):
                    self.heading(child, node)
            elif child is not None:
                self.walk(child, node or owner)
            self.w.write(text)
        self.w.space = False

    def part(self, el: etree._Element, name: str, node: Node) -> None:
        """A provision's number, heading or text."""
        if name in self.numbers:
            self.number(el, node)
        elif name in self.headings:
            self.heading(el, node)
        else:
            self.w.separate()
            self.inline(el, node)

    def kind_of(self, el: etree._Element) -> Kind:
        names = [self.name(c) for c in el if isinstance(c.tag, str)]
        if self.name(el) in self.appropriations:
            body = any(n not in self.headings and n not in self.numbers for n in names)
            return Kind.BLOCK if body else Kind.HEADING
        if not any(n in self.numbers for n in names):
            return Kind.BLOCK
        return self.levels[self.name(el)]

    def number(self, el: etree._Element, node: Node) -> None:
        """The printed number: the label is it without quotation marks and trailing dashes."""
        shown = collapse(text_of(el))
        self.label(node, shown, shown.strip("“‘\"'`").rstrip("—–- "), el.get("value"))

    def label(self, node: Node, shown: str, label: str, value: str | None) -> None:
        self.w.separate()
        at = self.w.write(shown)
        if at is not None and label:
            begin = at + shown.find(label)
            node.label_span = (begin, begin + len(label))
        node.label = label
        node.value = value or label_value(label)
        node.code_section = node.kind is Kind.SECTION and self.quote_depth > 0
        self.w.lead = True

    def heading(self, el: etree._Element, node: Node) -> None:
        self.w.separate()
        self.inline(el, node)
        node.heading = clean_heading(text_of(el))
        self.w.lead = True

    def continuation(self, el: etree._Element, owner: Node) -> None:
        """Text after a provision's children; provisos there belong to the provision itself."""
        first = next((c for c in el if isinstance(c.tag, str)), None)
        if not (el.text or "").strip() and first is not None and \
                self.name(first) in self.provisos:
            self.w.newline()
            self.inline(el, owner)
            return
        node = self.named(Kind.BLOCK, "continuation", owner)
        self.inline(el, node)

    def quoted(self, el: etree._Element, owner: Node) -> None:
        """Matter quoted into another law, cited through the amending instruction."""
        node = self.open(Kind.QUOTED, owner)
        first = next((self.name(c) for c in el if isinstance(c.tag, str)), "")
        node.quotes_section = first == "section"
        self.quote_depth += 1
        self.inline(el, node)
        self.quote_depth -= 1
        self.w.space = False


_DEFINING = re.compile(r"\W*(?:means|includes|has the meaning|shall mean|does not include)\b")
_NO_TERM = frozenset({Kind.FRONT, Kind.TOC, Kind.QUOTED, Kind.HEADING, Kind.DIVISION, Kind.TITLE,
                      Kind.SUBTITLE, Kind.CHAPTER, Kind.SUBCHAPTER, Kind.PART, Kind.SUBPART})


def label_value(label: str) -> str:
    """The number in a label: ``SEC. 101.`` → ``101``, ``(a)`` → ``a``, ``TITLE II`` → ``II``."""
    m = re.search(r"([0-9A-Za-z]+(?:[-.][0-9A-Za-z]+)*)\W*$", label)
    return m.group(1) if m else ""


def clean_heading(s: str) -> str | None:
    """A heading as printed, without the punctuation that joins it to the text."""
    return collapse(s).rstrip(" .—–-:") or None


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


# --- USLM ------------------------------------------------------------------------------------

_LEVELS = {
    "division": Kind.DIVISION, "title": Kind.TITLE, "subtitle": Kind.SUBTITLE,
    "chapter": Kind.CHAPTER, "subchapter": Kind.SUBCHAPTER, "part": Kind.PART,
    "subpart": Kind.SUBPART, "article": Kind.ARTICLE, "section": Kind.SECTION,
    "subsection": Kind.SUBSECTION, "paragraph": Kind.PARAGRAPH,
    "subparagraph": Kind.SUBPARAGRAPH, "clause": Kind.CLAUSE, "subclause": Kind.SUBCLAUSE,
    "item": Kind.ITEM, "subitem": Kind.SUBITEM, "subsubitem": Kind.SUBITEM,
}
_FRONT = frozenset({"longTitle", "docTitle"})
_ENACTING = frozenset({"enactingFormula", "resolvingClause"})
_HEAD = frozenset({"meta", "amendMeta", "preface", "amendPreface"})


class UslmReader(TreeReader):
    namespaces = frozenset({USLM_NS, XHTML_NS, ""})
    marked: ClassVar[dict[str, MarkKind]] = {"addedText": MarkKind.INSERTED,
                                             "deletedText": MarkKind.STRUCK}
    elisions = frozenset({"elided"})
    instructions = frozenset({"actionInstruction"})
    levels: ClassVar[dict[str, Kind]] = _LEVELS
    appropriations = frozenset({"appropriations"})
    paragraph_names = frozenset({"p"})
    notes: ClassVar[dict[str, NoteKind]] = {
        "sidenote": NoteKind.SIDENOTE, "editorialNote": NoteKind.EDITORIAL,
        "footnote": NoteKind.EDITORIAL, "slugLine": NoteKind.PAGE_HEADER,
        "distributionCode": NoteKind.PAGE_HEADER}
    pages = frozenset({"page"})
    blocks = frozenset({"p", "br", "tr", "referenceItem", "heading", "num", "docTitle",
                        "officialTitle", "action", "longTitle", "table"})
    spaced = frozenset({"date", "actionDescription", "actionInstruction", "td", "th"})
    skipped = frozenset({"meta", "amendMeta"})


def read_uslm(root: etree._Element, provenance: Provenance, source: str = "") -> Document:
    """A USLM document (see the module docstring). ``source`` is the XML as read: if it holds
    the characters amendment marks are tagged with, its markup is not read (a note says so)."""
    r = UslmReader(read_marks=not has_sentinels(source))
    front = r.named(Kind.FRONT, "front", r.root)
    for el in root:
        if split_tag(el.tag)[1] in ("preface", "amendPreface"):
            r.lines(el, front)
    # A reported bill may print the struck body and the substitute: two bodies, both read.
    bodies: list[etree._Element] = [el for el in root
                                    if split_tag(el.tag)[1] in ("main", "amendMain")]
    if not any(el.get("changed") == "deleted" for el in bodies):
        r.not_printed(root, bodies[0] if bodies else None)
    for main in bodies:
        with r.marking(main):
            _body(r, main, front)
    if not bodies:
        _body(r, root, front)
    _trailing(r, root, bodies[-1] if bodies else None)
    meta = _Meta(root)
    provenance = fill(provenance, title=meta.get("title") or None, version=meta.version(),
                      version_date=meta.date(), fmt="uslm", content_type="application/xml")
    if not r.read_marks:
        provenance = unread(provenance)
    return build_document(r.w.text(), r.root, r.w.notes, r.w.marks, provenance, meta.form(),
                          tags=r.w.tags, before=_before(root, meta))


def _body(r: UslmReader, body: etree._Element, front: Node) -> None:
    for child, text in r.children(body):
        name = r.name(child) if child is not None else ""
        if child is None or name in _HEAD:
            pass
        elif name in _FRONT:
            with r.marking(child):
                r.lines(child, front)
        elif name in _ENACTING:
            with r.marking(child):
                r.inline(child, r.named(Kind.FRONT, "enacting", r.root))
        elif name == "action":
            r.w.note(NoteKind.EDITORIAL, "\n".join(text_lines(child)))
        else:
            r.walk(child, r.root)
        r.w.write(text)


def _before(root: etree._Element, meta: _Meta) -> str:
    """What USLM amendment markup is relative to: existing law in a Ramseyer print, the bill
    before committee amendment in a reported bill, else what the document does not say."""
    if split_tag(root.tag)[1] == "changesInExistingLaw":
        return BEFORE_CURRENT_LAW
    if meta.version() in ("rh", "rs") or "reported" in meta.get("docStage").lower():
        return BEFORE_COMMITTEE
    return BEFORE_UNSTATED


def _first(root: etree._Element, *names: str) -> etree._Element | None:
    return next((el for el in root if split_tag(el.tag)[1] in names), None)


def _trailing(r: UslmReader, root: etree._Element, body: etree._Element | None) -> None:
    """What follows the body (signatures, attestation, history): editorial notes at the end."""
    if body is None:
        return
    for el in body.itersiblings():
        if isinstance(el.tag, str):
            r.w.note(NoteKind.EDITORIAL, "\n".join(text_lines(el)))


class _Meta:
    """``<meta>`` (and the preface's action dates) as provenance and citation form."""

    def __init__(self, root: etree._Element) -> None:
        meta = _first(root, "meta", "amendMeta")
        self.values: dict[str, str] = {}
        for el in meta.iter() if meta is not None else ():
            local = split_tag(el.tag)[1]
            text = collapse(text_of(el))
            if local == "citableAs" and re.fullmatch(r"\d+ [A-Z]+ \d+ [A-Z]+(?: \d+)?", text):
                self.values.setdefault("citable", text)
            self.values.setdefault(local, text)
        self.dates = [d for el in root.iter("{*}date")
                      if re.fullmatch(r"\d{4}-\d{2}-\d{2}", d := el.get("date", ""))]

    def get(self, name: str) -> str:
        return self.values.get(name, "")

    def version(self) -> str | None:
        """``ih``, ``eas2``: from ``116 HR 2157 IH``, else a short ``docStage``."""
        stage = self.get("citable").split(" ", 3)[3:] or [self.get("docStage")]
        code = stage[0].replace(" ", "")
        return code.lower() if re.fullmatch(r"[A-Z]{2,4}\d?", code) else None

    def date(self) -> str | None:
        return self.get("date") or self.get("approvedDate") or max(self.dates, default=None)

    def form(self) -> CitationForm | None:
        congress, kind, number = self.get("congress"), self.get("type"), self.get("docNumber")
        if kind == "Public Law" and congress and number:
            # (the Bluebook's form, as the catalog cites a public law's text: "Pub. L. No. 115-6")
            return CitationForm("bill", f"Pub. L. No. {congress}-{number.split('–')[-1]}")
        if kind == "Statute Compilation":
            short = self.get("containsShortTitle")
            return CitationForm("bill", short) if short else None
        if self.get("citable"):
            congress, kind, number = self.get("citable").split(" ")[:3]
        return bill_form(congress, _TYPE_NAMES.get(kind, kind), number)


_TYPE_NAMES = {"House Bill": "HR", "Senate Bill": "S", "House Resolution": "HRES",
               "Senate Resolution": "SRES", "House Concurrent Resolution": "HCONRES",
               "Senate Concurrent Resolution": "SCONRES", "House Joint Resolution": "HJRES",
               "Senate Joint Resolution": "SJRES"}
