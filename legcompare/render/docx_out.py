"""``legcompare diff --format docx``: a Word document with real tracked changes.

Guarantees of :func:`diff_docx`:

* Real revisions, written by hand in WordprocessingML: deleted text is a ``w:del`` of runs whose
  text is ``w:delText``, inserted text a ``w:ins``; every revision has ``w:author="legcompare"``
  and the date of :func:`revision_date`. A provision only one side has (added, removed, a split
  part) is inserted or deleted whole, its paragraph mark included (``w:pPr/w:rPr/w:ins|w:del``).
  Accepting every change gives the new text of every provision, rejecting every change the old.
* One paragraph per provision, in the comparison's order, headed by its citation in a bold run
  (the old citation deleted and the new inserted where they differ), then a line break and the
  clause text with its own line breaks and tabs. Before them: the documents, the cautions every
  report carries, the headline and the summary as a table, under a ``Provisions`` heading.
* The verdict, the reasons and the old citation of each changed provision are a Word comment on
  its citation runs (python-docx's comment support).
* Nothing lost: the clause texts are written whole; characters XML cannot carry (controls,
  bidi overrides) are written as visible symbols (``␛``, ``<U+202E>``).
* Deterministic: no clock anywhere. Revision and comment dates, the core properties' dates and
  the zip entries' timestamps come from :func:`revision_date`; the same comparison (and the same
  ``SOURCE_DATE_EPOCH``) gives the same bytes.
"""

from __future__ import annotations

import io
import itertools
import os
import re
import zipfile
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import cast

from docx import Document
from docx.document import Document as DocumentObject
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import OxmlElement
from docx.oxml.comments import CT_Comment
from docx.oxml.ns import NamespacePrefixedTag, qn
from docx.oxml.parser import oxml_parser
from docx.oxml.text.paragraph import CT_P
from docx.oxml.text.run import CT_R
from docx.shared import Inches, Pt
from docx.text.paragraph import Paragraph
from docx.text.run import Run
from lxml import etree

from ..errors import LegcompareError
from ..model import ClausePair, Comparison, Op, Reason
from ..summary import VERDICT_ORDER, changed, headline, summarize
from .diff_terminal import cautions, describe, visible
from .html import title

AUTHOR = "legcompare"
ZIP_EPOCH = (1980, 1, 1, 0, 0, 0)
"""Zip timestamps cannot be earlier than this; used when no date is known."""
_NOT_XML = re.compile("[\ud800-\udfff\ufffe\uffff]")
_BREAKS = re.compile(r"(\n|\t)")
_XML_SPACE, _W_ID, _W_AUTHOR, _W_DATE = (qn(n) for n in ("xml:space", "w:id", "w:author",
                                                         "w:date"))


@dataclass
class Tracker:
    """Makes revision marks: one author, one date, ids unique in the document."""

    date: datetime | None
    ids: Iterator[int]

    def mark(self, op: Op) -> etree._Element:
        element = _element("w:del" if op is Op.DELETE else "w:ins")
        element.set(_W_ID, str(next(self.ids)))
        element.set(_W_AUTHOR, AUTHOR)
        if self.date is not None:
            element.set(_W_DATE, stamp(self.date))
        return element


def diff_docx(comparison: Comparison) -> bytes:
    """The diff as a ``.docx`` file's bytes (see the module docstring for the guarantees)."""
    c = comparison
    when = revision_date(c)
    doc = Document()
    doc.styles["Normal"].font.size = Pt(10)  # a printed bill's line fits the page width
    for section in doc.sections:
        section.left_margin = section.right_margin = Inches(0.8)
    _properties(doc, c, when)
    _front(doc, c)
    doc.add_heading("Provisions", level=1)
    tracker = Tracker(when, itertools.count(len(c.pairs) + 1))  # comment ids come first
    add = _paragraphs(doc)
    for pair in c.pairs:
        _provision(doc, pair, tracker, add)
    if c.notes:
        doc.add_heading("Notes", level=1)
        for note in c.notes:
            doc.add_paragraph(safe(note))
    out = io.BytesIO()
    doc.save(out)
    return fixed_zip(out.getvalue(), when)


def revision_date(c: Comparison, environ: Mapping[str, str] = os.environ) -> datetime | None:
    """``SOURCE_DATE_EPOCH`` when set, else the new document's version date (then the old
    one's) at midnight UTC (``2024`` counts as January 1, 2024), else ``None``: no date."""
    epoch = environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        if not epoch.strip().isdigit():
            raise LegcompareError(f"SOURCE_DATE_EPOCH must be a number of seconds, not {epoch!r}")
        return datetime.fromtimestamp(int(epoch), UTC)
    for p in (c.new.provenance, c.old.provenance):
        m = re.fullmatch(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?", (p.version_date or "").strip())
        if m:
            try:
                return datetime(int(m[1]), int(m[2] or 1), int(m[3] or 1), tzinfo=UTC)
            except ValueError:
                continue
    return None


def stamp(when: datetime) -> str:
    """``2024-01-01T00:00:00Z``: the form of ``w:date``."""
    return when.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def safe(text: str) -> str:
    """``text`` with what XML cannot carry (controls, lone surrogates) and bidi overrides
    replaced by visible symbols; line breaks and tabs kept."""
    return _NOT_XML.sub(lambda m: f"<U+{ord(m.group(0)):04X}>", visible(text))


PROPERTY_LIMIT = 255
"""Characters a Word document property holds; the report's first heading has the whole title."""


def property_text(text: str) -> str:
    """``text`` cut to :data:`PROPERTY_LIMIT` characters, ending in "…" when cut."""
    return text if len(text) <= PROPERTY_LIMIT else text[:PROPERTY_LIMIT - 1] + "…"


# --- front matter ---------------------------------------------------------------------------


def _properties(doc: DocumentObject, c: Comparison, when: datetime | None) -> None:
    props = doc.core_properties
    props.author = props.last_modified_by = AUTHOR
    props.title = property_text(safe(title(c)))
    props.comments = "legcompare diff"
    props.revision = 1
    if when is not None:
        props.created = props.modified = when.replace(tzinfo=None)
    package = doc.part.package
    for rid, rel in list(package.rels.items()):  # the template's python-docx thumbnail
        if rel.reltype == RT.THUMBNAIL:
            del package.rels[rid]


def _front(doc: DocumentObject, c: Comparison) -> None:
    summary = summarize(c)
    doc.add_heading(safe(title(c)), level=0)
    doc.add_paragraph().add_run(safe(headline(summary))).bold = True
    for role, p in (("Old", c.old.provenance), ("New", c.new.provenance)):
        para = doc.add_paragraph()
        para.add_run(f"{role}: ").bold = True
        para.add_run(safe(describe(p)) + f"\nSHA-256: {p.sha256}")
    for kind, text in cautions(c):
        para = doc.add_paragraph()
        para.add_run(f"{kind.capitalize()}: ").bold = True
        para.add_run(safe(text))
    doc.add_paragraph(f"Mode: {c.mode.value}; perspective: {c.perspective.value}")
    doc.add_heading("Summary", level=1)
    verdicts = [(v.value, summary.verdicts[v.value]) for v in VERDICT_ORDER]
    _table(doc, ("Verdict", "Operative provisions"), verdicts)
    _table(doc, ("Status", "Pairs"), [(k, n) for k, n in summary.statuses.items() if n])
    if summary.descriptive:
        doc.add_paragraph(f"Verdict counts leave out {summary.descriptive} descriptive "
                          "provision(s) (titles, findings, purpose).")


def _table(doc: DocumentObject, head: tuple[str, str], rows: list[tuple[str, int]]) -> None:
    table = doc.add_table(rows=len(rows) + 1, cols=2, style="Table Grid")
    for row, (a, b) in zip(table.rows, [head, *((k, str(n)) for k, n in rows)], strict=True):
        row.cells[0].text, row.cells[1].text = a, b
    doc.add_paragraph()


# --- provisions -----------------------------------------------------------------------------


def _paragraphs(doc: DocumentObject) -> Callable[[], Paragraph]:
    """``doc.add_paragraph`` for many paragraphs in a row: the same empty ``w:p`` before the
    body's section properties, without python-docx looking for them among all the body's
    children again on every call (which makes a long diff quadratic)."""
    body = doc.element.body
    end = body.sectPr

    def add() -> Paragraph:
        p = _element("w:p")
        if end is not None:
            end.addprevious(p)
        else:
            body.append(p)
        return Paragraph(cast(CT_P, p), doc._body)

    return add


def _provision(doc: DocumentObject, pair: ClausePair, tracker: Tracker,
               add_paragraph: Callable[[], Paragraph]) -> None:
    """One paragraph: citation runs (with the comment), a line break, the tracked text."""
    para = add_paragraph()
    para.paragraph_format.space_after = Pt(8)
    whole = None if pair.old and pair.new else (Op.DELETE if pair.old else Op.INSERT)
    heads = [(op, _run(text, deleted=(whole or op) is Op.DELETE, bold=True))
             for op, text in _citation(pair) if text]
    for _, r in heads:  # python-docx has no public API for hand-made runs: use its element
        para._p.append(r)
    if _commented(pair) and heads:
        runs = [Run(r, para) for _, r in heads]
        comment = doc.add_comment(runs, text=_comment(pair), author=AUTHOR, initials="LC")
        _date_comment(comment._comment_elm, tracker.date)
    for op, r in heads:
        _track(r, whole or op, tracker)
    _track(_append(para, _run("\n", deleted=whole is Op.DELETE)), whole or Op.EQUAL, tracker)
    for edit in pair.edits:
        _track(_append(para, _run(edit.text, deleted=edit.op is Op.DELETE)), edit.op, tracker)
    if whole is not None:
        mark = OxmlElement("w:rPr")
        mark.append(tracker.mark(whole))
        para._p.get_or_add_pPr().append(mark)


def _citation(pair: ClausePair) -> list[tuple[Op, str]]:
    """The heading as pieces: equal, deleted (old) and inserted (new) parts of the citation;
    the common start and end of two citations are shown once."""
    old = safe(pair.old.citation) if pair.old else None
    new = safe(pair.new.citation) if pair.new else None
    if old is None or new is None:
        return [(Op.EQUAL, old or new or "")]
    head = _common(old, new)
    tail = _common(old[head:][::-1], new[head:][::-1])
    return [(Op.EQUAL, old[:head]), (Op.DELETE, old[head:len(old) - tail]),
            (Op.INSERT, new[head:len(new) - tail]), (Op.EQUAL, old[len(old) - tail:])]


def _common(a: str, b: str) -> int:
    """The length of the longest common start of ``a`` and ``b``."""
    for n, (x, y) in enumerate(zip(a, b, strict=False)):
        if x != y:
            return n
    return min(len(a), len(b))


_TAGS: dict[str, tuple[str, dict[str, str]]] = {}


def _element(tag: str) -> etree._Element:
    """``OxmlElement(tag)``: the same element from python-docx's parser, the parse of ``tag``
    (a namespace-prefixed name) remembered."""
    known = _TAGS.get(tag)
    if known is None:
        name = NamespacePrefixedTag(tag)
        known = _TAGS[tag] = (name.clark_name, name.nsmap)
    return oxml_parser.makeelement(known[0], nsmap=known[1])


def _run(text: str, *, deleted: bool, bold: bool = False) -> CT_R:
    """A ``w:r`` holding ``text``: ``w:t`` (``w:delText`` when deleted), ``w:br`` for line
    breaks, ``w:tab`` for tabs; spaces preserved."""
    r = cast(CT_R, _element("w:r"))
    if bold:
        props = _element("w:rPr")
        props.append(_element("w:b"))
        r.append(props)
    for part in _BREAKS.split(safe(text)):
        if part in ("\n", "\t"):
            r.append(_element("w:br" if part == "\n" else "w:tab"))
        elif part:
            t = _element("w:delText" if deleted else "w:t")
            t.set(_XML_SPACE, "preserve")
            t.text = part
            r.append(t)
    return r


def _append(para: Paragraph, r: CT_R) -> CT_R:
    para._p.append(r)
    return r


def _track(r: etree._Element, op: Op, tracker: Tracker) -> None:
    """Wrap the run in a deletion or insertion mark in place (``equal`` leaves it alone)."""
    if op is Op.EQUAL:
        return
    mark = tracker.mark(op)
    r.addprevious(mark)
    mark.append(r)


def _commented(pair: ClausePair) -> bool:
    return changed(pair) or bool(pair.reasons)


def _comment(pair: ClausePair) -> str:
    lines = [f"Verdict: {pair.verdict.value} ({pair.status.value}"
             + (", descriptive)" if pair.descriptive else ")")]
    if pair.old and pair.new and pair.old.citation != pair.new.citation:
        lines.append(f"Was: {pair.old.citation}")
    lines += [_because(r) for r in pair.reasons]
    lines += [f"Note: {n}" for n in pair.notes]
    return safe("\n".join(lines))


def _because(r: Reason) -> str:
    words = [f"{side}: “{' '.join(w.split())}”" for side, w in (("old", r.old), ("new", r.new))
             if w is not None]
    tail = f" ({' → '.join(words)})" if words else ""
    return f"{r.direction.value.capitalize()}: {r.explanation}{tail} [{r.rule}]"


def _date_comment(element: CT_Comment, when: datetime | None) -> None:
    """python-docx dates a comment with the clock; use the revision date (or none) instead."""
    if when is None:
        del element.attrib[qn("w:date")]
    else:
        element.set(qn("w:date"), stamp(when))


def fixed_zip(data: bytes, when: datetime | None) -> bytes:
    """The zip rewritten with every entry dated ``when`` (at least 1980) and fixed attributes,
    in the same order, so equal contents give equal bytes."""
    date_time = ZIP_EPOCH
    if when is not None and when.year >= 1980:
        date_time = when.astimezone(UTC).timetuple()[:6]
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, \
            zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            info = zipfile.ZipInfo(item.filename, date_time=date_time)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 3
            info.external_attr = 0o644 << 16
            dst.writestr(info, src.read(item.filename))
    return out.getvalue()
