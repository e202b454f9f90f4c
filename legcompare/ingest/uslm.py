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

Amendment markup (``changed="added"``, ``<addedText>``, ``<deletedText>``) is kept as text for
now: both sides of a change are in the display text.

:class:`TreeReader`, the walk itself, is shared with :mod:`.billdtd`: the bill DTD is the model
USLM was derived from, and differs mostly in element names and in what its stylesheet prints.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from lxml import etree

from ..model import CitationForm, Document, Kind, NoteKind, Provenance
from .xml import (
    USLM_NS,
    XHTML_NS,
    Node,
    Writer,
    bill_form,
    build_document,
    collapse,
    entity_text,
    fill,
    split_tag,
    text_lines,
)

# --- the walk both dialects share -----------------------------------------------------------


class TreeReader:
    """Walks one XML vocabulary into a :class:`Writer` and a tree of :class:`Node`.

    Subclasses fill the element tables and override :meth:`number`, :meth:`heading` and
    :meth:`quoted_line` where their printing differs. Tables hold local names; elements of a
    foreign namespace are named ``ns:local`` so that ``dc:title`` is never a title.
    """

    namespaces: frozenset[str] = frozenset({""})
    levels: dict[str, Kind] = {}
    appropriations: frozenset[str] = frozenset()
    numbers = frozenset({"num"})
    headings = frozenset({"heading"})
    bodies = frozenset({"chapeau", "content", "text"})
    continuations = frozenset({"continuation"})
    quoted_names = frozenset({"quotedContent"})
    tocs = frozenset({"toc"})
    provisos = frozenset({"proviso"})
    terms = frozenset({"term"})
    notes: dict[str, NoteKind] = {}
    pages: frozenset[str] = frozenset()
    blocks: frozenset[str] = frozenset()
    spaced: frozenset[str] = frozenset()
    skipped: frozenset[str] = frozenset()

    def __init__(self) -> None:
        self.w = Writer()
        self.root = Node(Kind.BLOCK, None)
        self.quote_depth = 0
        self._names: dict[str, str] = {}

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
        node = Node(kind, parent)
        parent.children.append(node)
        if not inline:
            self.w.newline()
        self.w.waiting.append(node)
        if not inline and self.quote_depth:
            self.quoted_line()
        return node

    def quoted_line(self) -> None:
        """Hook: what a line of quoted matter opens with (bill DTD: an opening quotation mark)."""

    # -- dispatch ---------------------------------------------------------------------------

    def walk(self, el: etree._Element, owner: Node) -> None:
        """Render ``el`` (not its tail); provisions it holds become children of ``owner``."""
        name = self.name(el)
        if name in self.skipped:
            return
        if name in self.notes:
            self.w.note(self.notes[name], "\n".join(text_lines(el)))
        elif name in self.pages:
            self.w.page("".join(el.itertext()))
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
        if name in self.terms and owner.term is None and owner.kind not in _NO_TERM:
            owner.term = collapse("".join(el.itertext())) or None
        if name in self.blocks and not self.w.lead:
            self.w.newline()
        if name in self.spaced:
            self.w.separate()
        self.inline(el, owner)
        if name in self.spaced:
            self.w.separate()

    def inline(self, el: etree._Element, owner: Node) -> None:
        for child, text in self.children(el):
            if child is not None:
                self.walk(child, owner)
            self.w.write(text)

    def named(self, kind: Kind, name: str, owner: Node) -> Node:
        node = self.open(kind, owner)
        node.name = name
        return node

    # -- provisions -------------------------------------------------------------------------

    def level(self, el: etree._Element, owner: Node) -> None:
        """A numbered provision, an appropriations paragraph or heading."""
        node = self.open(self.kind_of(el), owner)
        for child, text in self.children(el):
            name = self.name(child) if child is not None else ""
            if child is None:
                pass
            elif name in self.numbers:
                self.number(child, node)
            elif name in self.headings:
                self.heading(child, node)
            elif name in self.bodies:
                self.w.separate()
                self.inline(child, node)
            else:
                self.walk(child, node)
            self.w.write(text)

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
        shown = collapse("".join(el.itertext()))
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
        node.heading = clean_heading("".join(el.itertext()))
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
        node.quote = quote_of(self.w.text(), owner, quotes_section=first == "section")
        self.quote_depth += 1
        self.inline(el, node)
        self.quote_depth -= 1


_NO_TERM = frozenset({Kind.FRONT, Kind.TOC, Kind.QUOTED, Kind.HEADING, Kind.DIVISION, Kind.TITLE,
                      Kind.SUBTITLE, Kind.CHAPTER, Kind.SUBCHAPTER, Kind.PART, Kind.SUBPART})


def label_value(label: str) -> str:
    """The number in a printed label: ``SEC. 101.`` → ``101``, ``(a)`` → ``a``, ``TITLE II`` → ``II``."""
    m = re.search(r"([0-9A-Za-z]+(?:[-.][0-9A-Za-z]+)*)\W*$", label)
    return m.group(1) if m else ""


def clean_heading(s: str) -> str | None:
    """A heading as printed, without the punctuation that joins it to the text."""
    return collapse(s).rstrip(" .—–-:") or None


# --- amending instructions: what quoted matter is quoted into --------------------------------

_LAW = (r"(?P<law>title \d+, United States Code|Public Law \d+[–-]\d+|(?:the )?[A-Z][\w’'.-]*"
        r"(?:,? (?:[A-Z][\w’'.-]*|of|and|for|the|to|on|in|&))*? (?:Act|Code)(?: of \d{4})?)")
_PINS = r"(?P<pins>(?:\(\w{1,5}\))*)"
_SECTION_OF = re.compile(rf"\b[Ss]ection (?P<sec>\d+[A-Za-z0-9.-]*?){_PINS} of {_LAW}")
_IN_SECTION = re.compile(rf"\s*(?:[Ii]n|[Aa]mending) section (?P<sec>\d+[A-Za-z0-9.-]*?){_PINS}\b")
_IN_LEVEL = re.compile(r"\s*[Ii]n (?:sub)?(?:section|paragraph|subparagraph|clause|subclause|item)"
                       r"s? (?P<pins>(?:\(\w{1,5}\))+)")
_LAW_AMENDED = re.compile(rf"{_LAW}(?: \([^)]*\))? (?:is|are) (?:hereby )?amended")


def quote_of(text: str, owner: Node, *, quotes_section: bool
             ) -> tuple[str, str, tuple[tuple[str, str], ...]]:
    """(action, law, target) for matter quoted under ``owner``, from the amending texts above it.

    The action is read from the amending clause (``adding``, ``inserting``, else ``amending``);
    the law and the place amended from the instructions on the way down ("Section 501 of the X
    Act", "in section 103", "in subsection (a)(1)"). Quoted sections carry their own number, so
    for them the target is the law alone.
    """
    path: list[Node] = []
    node: Node | None = owner
    while node is not None and node.parent is not None:
        path.insert(0, node)
        node = node.parent
    law, section, pins = "", "", []
    own = ""
    for node in path:
        if node.start < 0:
            continue
        end = next((c.start for c in node.children if c.start >= 0), len(text))
        own = collapse(text[node.label_span[1] if node.label_span else node.start:end])
        law, section, pins = _read_target(own, law, section, pins)
    action = "adding" if re.search(r"\badding\b|\bto add\b", own, re.I) else \
        "inserting" if re.search(r"\binserting\b", own, re.I) else "amending"
    target: list[tuple[str, str]] = [] if quotes_section else \
        ([("section", section)] if section else []) + [("pin", p) for p in pins]
    return action, _law_name(law), tuple(target)


def _read_target(own: str, law: str, section: str, pins: list[str]) -> tuple[str, str, list[str]]:
    m = _SECTION_OF.search(own)
    if m:
        return m.group("law"), m.group("sec"), re.findall(r"\((\w+)\)", m.group("pins"))
    m = _IN_SECTION.match(own)
    if m:
        return law, m.group("sec"), re.findall(r"\((\w+)\)", m.group("pins"))
    m = _IN_LEVEL.match(own)
    if m:
        return law, section, pins + re.findall(r"\((\w+)\)", m.group("pins"))
    m = _LAW_AMENDED.search(own)
    if m:
        return m.group("law"), "", []
    return law, section, pins


def _law_name(law: str) -> str:
    """``title 18, United States Code`` → ``18 U.S.C.``; ``Public Law 115–123`` → ``Pub. L. 115-123``."""
    m = re.fullmatch(r"title (\d+), United States Code", law)
    if m:
        return f"{m.group(1)} U.S.C."
    m = re.fullmatch(r"Public Law (\d+)[–-](\d+)", law)
    if m:
        return f"Pub. L. {m.group(1)}-{m.group(2)}"
    return re.sub(r"^(?:[Tt]he |(?:(?:[Ss]ub)?(?:[Tt]itle|[Cc]hapter|[Pp]art)|[Dd]ivision) [\w-]+ of "
                  r"(?:the )?)", "", law)


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
    levels = _LEVELS
    appropriations = frozenset({"appropriations"})
    notes = {"sidenote": NoteKind.SIDENOTE, "editorialNote": NoteKind.EDITORIAL,
             "footnote": NoteKind.EDITORIAL, "slugLine": NoteKind.PAGE_HEADER,
             "distributionCode": NoteKind.PAGE_HEADER}
    pages = frozenset({"page"})
    blocks = frozenset({"p", "br", "tr", "referenceItem", "heading", "num", "docTitle",
                        "officialTitle", "action", "longTitle", "table"})
    spaced = frozenset({"date", "actionDescription", "actionInstruction", "td", "th"})
    skipped = frozenset({"meta", "amendMeta"})

    def lines(self, el: etree._Element, owner: Node) -> None:
        """Each child of ``el`` on a line of its own (front matter)."""
        for child, text in self.children(el):
            if child is not None:
                self.w.newline()
                self.walk(child, owner)
            self.w.write(text)


def read_uslm(root: etree._Element, provenance: Provenance) -> Document:
    """A USLM document (see the module docstring)."""
    r = UslmReader()
    front = r.named(Kind.FRONT, "front", r.root)
    body = _first(root, "main", "amendMain")
    for el in root:
        if split_tag(el.tag)[1] in ("preface", "amendPreface"):
            r.lines(el, front)
    for child, text in r.children(body if body is not None else root):
        name = r.name(child) if child is not None else ""
        if child is None or name in _HEAD:
            pass
        elif name in _FRONT:
            r.lines(child, front)
        elif name in _ENACTING:
            r.inline(child, r.named(Kind.FRONT, "enacting", r.root))
        elif name == "action":
            r.w.note(NoteKind.EDITORIAL, "\n".join(text_lines(child)))
        else:
            r.walk(child, r.root)
        r.w.write(text)
    _trailing(r, root, body)
    meta = _Meta(root)
    provenance = fill(provenance, title=meta.get("title"), version=meta.version(),
                      version_date=meta.date(), format="uslm", content_type="application/xml")
    text = r.w.text() + "\n" if r.w.length else ""
    return build_document(text, r.w, r.root, provenance, meta.form())


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
    """The ``<meta>`` block (and preface) as provenance and citation form."""

    def __init__(self, root: etree._Element) -> None:
        self.values: dict[str, list[str]] = {}
        self.dates: list[str] = []
        for head in root:
            if split_tag(head.tag)[1] not in _HEAD:
                continue
            for el in head.iter():
                local = split_tag(el.tag)[1]
                if local and split_tag(head.tag)[1] in ("meta", "amendMeta"):
                    self.values.setdefault(local, []).append(collapse("".join(el.itertext())))
                if local == "date" and re.fullmatch(r"\d{4}-\d{2}-\d{2}", el.get("date", "")):
                    self.dates.append(el.get("date", ""))

    def get(self, name: str) -> str | None:
        return next(iter(self.values.get(name, [])), None)

    def _citable(self) -> re.Match[str] | None:
        for value in self.values.get("citableAs", []):
            m = re.fullmatch(r"(\d+) ([A-Z]+) (\d+) ([A-Z]+(?: \d+)?)", value)
            if m:
                return m
        return None

    def version(self) -> str | None:
        m = self._citable()
        if m:
            return m.group(4).replace(" ", "").lower()
        stage = self.get("docStage") or ""
        return stage.lower() if re.fullmatch(r"[A-Z]{2,4}\d?", stage) else None

    def date(self) -> str | None:
        given = self.get("date") or self.get("approvedDate")
        return given if given else max(self.dates, default=None)

    def form(self) -> CitationForm | None:
        congress, kind, number = self.get("congress") or "", self.get("type") or "", \
            self.get("docNumber") or ""
        if kind == "Public Law" and congress and number:
            return CitationForm("bill", f"Pub. L. {congress}-{number.split('–')[-1]}")
        if kind == "Statute Compilation":
            short = self.get("containsShortTitle")
            return CitationForm("bill", short) if short else None
        m = self._citable()
        if m:
            return bill_form(m.group(1), m.group(2), m.group(3))
        return bill_form(congress, _TYPE_NAMES.get(kind, kind), number)


_TYPE_NAMES = {"House Bill": "HR", "Senate Bill": "S", "House Resolution": "HRES",
               "Senate Resolution": "SRES", "House Concurrent Resolution": "HCONRES",
               "Senate Concurrent Resolution": "SCONRES", "House Joint Resolution": "HJRES",
               "Senate Joint Resolution": "SJRES"}
