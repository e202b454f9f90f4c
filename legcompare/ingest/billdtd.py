"""The House and Senate bill DTD: govinfo's ``BILLS-*.xml`` bill versions.

Read with the walk of :mod:`.uslm` (USLM was modelled on this DTD): ``<section>``,
``<subsection>`` ... labelled by ``<enum>``, headed by ``<header>``, worded in ``<text>``;
``<quoted-block>`` is quoted matter, ``<toc>`` a table of contents, ``<appropriations-*>``
appropriations paragraphs and headings, ``<form>`` the front matter.

The XML leaves some of the print to GPO's stylesheet; the display text supplies it as printed,
so that it reads like govinfo's text rendering: ``SEC. 2.`` (``SECTION 1.`` for the first
section) before a section number, ``TITLE I—`` and the like before containers' headings, ``.``
after a section heading and ``.—`` after a subsection's, quotation marks around ``<quote>`` and
at each line of quoted matter, and the enacting clause of a bill. A ``markup`` note on the
provenance says so. The ``<metadata>`` block goes to provenance; attestation and endorsement
after the body become editorial notes at the end.

Amendment markup is read as in :mod:`.uslm`: ``<added-phrase>`` and ``changed="added"`` are
inserted, ``<deleted-phrase>`` and ``changed="deleted"`` struck. A reported bill whose
``<legis-body changed="added">`` is an amendment in the nature of a substitute ("Strike out all
after the enacting clause and insert the part printed in italic") keeps its enacting clause
unmarked; when its instructions say the introduced text is printed elsewhere, the struck matter
is marked as not printed (its before side is then partial).
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import ClassVar

from lxml import etree

from ..markup import BEFORE_COMMITTEE, BEFORE_UNSTATED, has_sentinels, unread
from ..model import CitationForm, Document, Kind, MarkKind, Note, NoteKind, Provenance
from .uslm import TreeReader, bill_form, clean_heading
from .xml import Node, build_document, fill, split_tag, text_lines, text_of

_LEVELS = {
    "division": Kind.DIVISION, "title": Kind.TITLE, "subtitle": Kind.SUBTITLE,
    "chapter": Kind.CHAPTER, "subchapter": Kind.SUBCHAPTER, "part": Kind.PART,
    "subpart": Kind.SUBPART, "section": Kind.SECTION, "subsection": Kind.SUBSECTION,
    "paragraph": Kind.PARAGRAPH, "subparagraph": Kind.SUBPARAGRAPH, "clause": Kind.CLAUSE,
    "subclause": Kind.SUBCLAUSE, "item": Kind.ITEM, "subitem": Kind.SUBITEM,
}
_CONTAINER_WORDS = {Kind.DIVISION: "DIVISION", Kind.TITLE: "TITLE", Kind.SUBTITLE: "Subtitle",
                    Kind.CHAPTER: "CHAPTER", Kind.SUBCHAPTER: "SUBCHAPTER", Kind.PART: "PART",
                    Kind.SUBPART: "Subpart"}
_BODIES = ("legis-body", "resolution-body", "amendment-body", "engrossed-amendment-body")
_ENACTING = ("Be it enacted by the Senate and House of Representatives of the United States of "
             "America in Congress assembled,")
_STAGES = {"introduced-in-house": "ih", "introduced-in-senate": "is", "reported-in-house": "rh",
           "reported-in-senate": "rs", "engrossed-in-house": "eh", "engrossed-in-senate": "es",
           "referred-in-senate": "rfs", "referred-in-house": "rfh", "enrolled-bill": "enr",
           "placed-on-calendar-senate": "pcs", "placed-on-calendar-house": "pch"}
_MARKUP_NOTE = Note(NoteKind.MARKUP, "bill DTD: section and container labels, heading "
                    "punctuation, quotation marks and the enacting clause are printed as GPO's "
                    "stylesheet prints them; the structure is read from the XML elements", None)


class BillDtdReader(TreeReader):
    levels: ClassVar[dict[str, Kind]] = _LEVELS
    appropriations = frozenset({"appropriations-major", "appropriations-intermediate",
                                "appropriations-small"})
    numbers = frozenset({"enum"})
    headings = frozenset({"header"})
    bodies = frozenset({"text"})
    continuations = frozenset({"continuation-text"})
    quoted_names = frozenset({"quoted-block", "amendment-block"})
    notes: ClassVar[dict[str, NoteKind]] = {"distribution-code": NoteKind.PAGE_HEADER,
                                            "footnote": NoteKind.EDITORIAL}
    blocks = frozenset({"toc-entry", "row", "header", "enum", "official-title", "legis-type"})
    spaced = frozenset({"action-date", "action-desc", "action-instruction", "entry"})
    skipped = frozenset({"metadata"})
    dialect = "bill-dtd"
    marked: ClassVar[dict[str, MarkKind]] = {"added-phrase": MarkKind.INSERTED,
                                             "deleted-phrase": MarkKind.STRUCK}
    instructions = frozenset({"action-instruction"})

    def __init__(self, *, read_marks: bool = True) -> None:
        super().__init__(read_marks=read_marks)
        self.quote_styles: list[str] = []

    def number(self, el: etree._Element, node: Node) -> None:
        """``1.`` → ``SEC. 1.``, ``I`` → ``TITLE I``; enumerations as they are (``(a)``)."""
        enum = " ".join(text_of(el).split())
        value = enum.strip("().“” ")
        shown = enum
        if node.kind is Kind.SECTION:
            parent = el.getparent()
            first = parent is not None and parent.get("section-type") == "section-one"
            usc = bool(self.quote_styles) and self.quote_styles[-1] == "USC"
            shown = f"§ {value}." if usc else f"{'SECTION' if first else 'SEC.'} {value}."
        elif node.kind in _CONTAINER_WORDS:
            shown = f"{_CONTAINER_WORDS[node.kind]} {value}"
        self.label(node, shown, shown, value)

    def heading(self, el: etree._Element, node: Node) -> None:
        """``TITLE I—HEADER``; ``SEC. 2. HEADER.``; ``(a) Header.—Text``."""
        header = " ".join(text_of(el).split())
        if node.kind in _CONTAINER_WORDS and node.label:
            self.w.write("—", tight=True)
            self.w.space = False
        else:
            self.w.separate()
        self.inline(el, node)
        if node.label and header and not header.endswith((".", "—", ":", "?", "!")):
            if node.kind is Kind.SECTION:
                self.w.write(".", tight=True)
            elif node.kind not in _CONTAINER_WORDS:
                self.w.write(".—", tight=True)
        node.heading = clean_heading(header)
        self.w.lead = True

    def quoted_line(self) -> None:
        self.w.write("“")
        self.w.lead = True

    def quoted(self, el: etree._Element, owner: Node) -> None:
        self.quote_styles.append(el.get("style", ""))
        super().quoted(el, owner)
        self.quote_styles.pop()
        if not any(split_tag(c.tag)[1] == "after-quoted-block" for c in el):
            self.w.write("”", tight=True)

    def plain(self, el: etree._Element, name: str, owner: Node) -> None:
        if name == "after-quoted-block":
            self.w.write("”", tight=True)
            self.w.space = False
        quoted = name == "quote" or (name == "term" and _parent_name(el) != "quote")
        if quoted:
            self.w.write("“")
            self.w.space = False
        super().plain(el, name, owner)
        if quoted:
            self.w.write("”", tight=True)


def _parent_name(el: etree._Element) -> str:
    parent = el.getparent()
    return split_tag(parent.tag)[1] if parent is not None else ""


def read_bill_dtd(root: etree._Element, provenance: Provenance, source: str = "") -> Document:
    """A bill-DTD document (see the module docstring; ``source`` as for
    :func:`~legcompare.ingest.uslm.read_uslm`)."""
    r = BillDtdReader(read_marks=not has_sentinels(source))
    front = r.named(Kind.FRONT, "front", r.root)
    # A reported bill may print the struck body and the substitute: two bodies, both read.
    bodies = [el for el in root if split_tag(el.tag)[1] in _BODIES]
    struck = any(el.get("changed") == "deleted" for el in bodies)
    after = False
    for el in root:
        name = split_tag(el.tag)[1]
        if not name or name in r.skipped:
            continue
        if name in ("form", "amendment-form"):
            r.lines(el, front)
        elif any(el is b for b in bodies):
            if el is bodies[0] and root.tag == "bill" and el.get(
                    "display-enacting-clause") != "no-display-enacting-clause":
                r.named(Kind.FRONT, "enacting", r.root)
                r.w.write(_ENACTING)
            if not struck:
                r.not_printed(root, el)
            with r.marking(el):
                r.inline(el, r.root)
            after = el is bodies[-1]
        elif after:
            r.w.note(NoteKind.EDITORIAL, "\n".join(text_lines(el)))
        else:
            r.walk(el, r.root)
    provenance = fill(provenance, title=_dc(root, "title"), version=_version(root),
                      version_date=_date(root), fmt="bill-dtd",
                      content_type="application/xml")
    provenance = replace(provenance, notes=(*provenance.notes, _MARKUP_NOTE))
    if not r.read_marks:
        provenance = unread(provenance)
    before = BEFORE_COMMITTEE if _version(root) in ("rh", "rs") else BEFORE_UNSTATED
    return build_document(r.w.text(), r.root, r.w.notes, r.w.marks, provenance, _form(root),
                          tags=r.w.tags, before=before)


def _dc(root: etree._Element, name: str) -> str | None:
    for meta in root:
        if split_tag(meta.tag)[1] != "metadata":
            continue
        for el in meta.iter():
            if split_tag(el.tag)[1] == name and (el.text or "").strip():
                return " ".join((el.text or "").split())
    return None


def _citable(root: etree._Element) -> re.Match[str] | None:
    """``118 HR 8205 IH`` at the start of ``dc:title``."""
    return re.match(r"(\d+) ([A-Z]+) (\d+) ([A-Z]+)\b", _dc(root, "title") or "")


def _version(root: etree._Element) -> str | None:
    m = _citable(root)
    if m:
        return m.group(4).lower()
    return _STAGES.get(root.get("bill-stage", "").lower())


def _date(root: etree._Element) -> str | None:
    """``dc:date``, else the latest action date of the form."""
    given = _dc(root, "date")
    if given:
        return given
    dates = [d for el in root.iter("action-date", "attestation-date")
             if re.fullmatch(r"\d{8}", d := el.get("date", ""))]
    latest = max(dates, default=None)
    return f"{latest[:4]}-{latest[4:6]}-{latest[6:]}" if latest else None


def _form(root: etree._Element) -> CitationForm | None:
    """From ``dc:title``, else from the form's ``H. R. 8205`` and ``118th CONGRESS``."""
    m = _citable(root)
    if m:
        return bill_form(m.group(1), m.group(2), m.group(3))
    number = re.fullmatch(r"(.*?)\s*(\d+)", _first_text(root, "legis-num"))
    congress = re.match(r"\d+", _first_text(root, "congress"))
    if number and congress:
        return bill_form(congress.group(0), number.group(1), number.group(2))
    return None


def _first_text(root: etree._Element, tag: str) -> str:
    el = next(root.iter(tag), None)
    return " ".join(text_of(el).split()) if el is not None else ""
