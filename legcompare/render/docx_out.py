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
  its citation runs, written as python-docx's ``add_comment`` writes them.
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
from collections.abc import Callable, Iterator, Mapping, Sequence
from datetime import UTC, datetime
from typing import Any

from docx import Document
from docx.document import Document as DocumentObject
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.pkgwriter import PackageWriter
from docx.shared import Inches, Pt
from lxml import etree

from ..errors import LegcompareError
from ..model import ClausePair, Comparison, Op, Reason
from ..parallel import in_halves, worthwhile
from ..summary import VERDICT_ORDER, changed, headline, summarize
from .diff_terminal import cautions, describe, times, told_once, visible
from .html import title

AUTHOR = "legcompare"
_Stamp = tuple[int, int, int, int, int, int]
ZIP_EPOCH: _Stamp = (1980, 1, 1, 0, 0, 0)
"""Zip timestamps cannot be earlier than this; used when no date is known."""
_NOT_XML = re.compile("[\ud800-\udfff\ufffe\uffff]")
_BREAKS = re.compile(r"(\n|\t)")


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
    splices = _provisions(doc, c, when)
    if c.notes:
        doc.add_heading("Notes", level=1)
        for note in c.notes:
            doc.add_paragraph(safe(note))
    return _package(doc, splices, when)


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
    shown = visible(text)
    if shown.isascii():  # what XML cannot carry is not ASCII
        return shown
    return _NOT_XML.sub(lambda m: f"<U+{ord(m.group(0)):04X}>", shown)


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


_W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_REFERENCE = ('<w:r><w:rPr><w:rStyle w:val="CommentReference"/></w:rPr>'
              '<w:commentReference w:id="{}"/></w:r>')
_SPLICE = "legcompare:{}"
"""The text of the XML comment that holds a part's place until it is written (a comment: no
text of a document can print as one)."""


def _provisions(doc: DocumentObject, c: Comparison, when: datetime | None
                ) -> dict[str, tuple[bytes, bytes]]:
    """The provisions' paragraphs before the body's section properties, and their comments,
    as splices for :func:`_package`: by part name, the placeholder's bytes and the markup.

    Written as WordprocessingML text, never made into elements: making a million elements
    through python-docx, or parsing the text into them, took most of a long diff's time. The
    markup is what lxml writes for those elements (``tests/test_render_reports.py`` parses it
    back and compares, holds a paragraph of each kind, and compares the comments with
    python-docx's ``add_comment``). Comment ids are 0, 1, ...; revision ids follow, in the
    provisions' order. On long texts a second process writes the second half, whose ids are
    numbered from 0 and shifted once the first half's are counted (:func:`_rendered`); the
    first half, or the whole, writes its own."""
    date = f' w:date="{stamp(when)}"' if when is not None else ""
    pairs = c.pairs
    first = (len(pairs) + 1, 0)  # the first revision id and the first comment id

    def rendered(part: Sequence[ClausePair]) -> tuple[str, list[str], int]:
        # (the part that starts at the first pair knows its ids; a later one numbers its own)
        return _rendered(part, date, first if part and part[0] is pairs[0] else None)

    provisions: list[str] = []
    comments: list[str] = []
    revision, comment = first
    parts = in_halves(rendered, pairs, parallel=worthwhile(c.old, c.new))
    for later, (xml, notes, revisions) in enumerate(parts):
        if later:  # (numbered from 0: shifted past the ids of the parts before it)
            def ident(m: re.Match[str], revision: int = revision, comment: int = comment
                      ) -> str:
                rev = m.group(1)
                return str(int(rev) + revision if rev is not None else int(m.group(2)) + comment)

            xml, notes = _IDS.sub(ident, xml), [_IDS.sub(ident, note) for note in notes]
        provisions.append(xml)
        comments += notes
        revision, comment = revision + revisions, comment + len(notes)
    splices = {"/word/document.xml": (_placeholder(doc.element.body, "provisions"),
                                      "".join(provisions))}
    if comments:
        story = doc.comments._comments_elm  # python-docx has no public element for it
        splices["/word/comments.xml"] = (_placeholder(story, "comments"), "".join(comments))
    return {part: (mark, markup.encode("utf-8")) for part, (mark, markup) in splices.items()}


# An id within a half, written in place of the id until the half's place is known: "\x00" k
# "\x01" for the k-th revision, "\x02" k "\x03" for the k-th comment. No text written holds
# these characters (:func:`safe` shows every control character as a symbol).
_IDS = re.compile("\x00([0-9]+)\x01|\x02([0-9]+)\x03")


def _rendered(pairs: Sequence[ClausePair], date: str, first: tuple[int, int] | None = None
              ) -> tuple[str, list[str], int]:
    """The paragraphs of ``pairs`` and their comments, and how many revision ids they use:
    ids from ``first`` (the first revision id, the first comment id), or, without it,
    numbered from 0 as :data:`_IDS` writes them, to be shifted once the part's place is
    known."""
    if first is None:
        marks: Iterator[str] = (f"\x00{k}\x01" for k in itertools.count())

        def comment_id(k: int) -> str:
            return f"\x02{k}\x03"
    else:
        marks, base = map(str, itertools.count(first[0])), first[1]

        def comment_id(k: int) -> str:
            return str(base + k)
    comments: list[str] = []
    xml = "".join([_provision(pair, marks, date, comments, comment_id) for pair in pairs])
    end = next(marks)
    used = int(end[1:-1]) if first is None else int(end) - first[0]
    return xml, comments, used


def _placeholder(parent: etree._Element, name: str) -> bytes:
    """An XML comment at the end of ``parent`` (before a body's section properties), as it
    is written."""
    mark = etree.Comment(_SPLICE.format(name))
    end = parent.find(f"{{{_W_NS}}}sectPr")
    if end is not None:
        end.addprevious(mark)
    else:
        parent.append(mark)
    return etree.tostring(mark)


def _provision(pair: ClausePair, marks: Iterator[str], date: str, comments: list[str],
               comment_id: Callable[[int], str]) -> str:
    """One paragraph: citation runs (with the comment, appended to ``comments``), a line
    break, the tracked text; ``marks`` gives the revision ids, ``date`` is the revisions'
    ``w:date`` attribute (or nothing); the ``k``-th comment's id is ``comment_id(k)``."""
    whole = None if pair.old and pair.new else (Op.DELETE if pair.old else Op.INSERT)
    heads = [_tracked(_run(text, deleted=(whole or op) is Op.DELETE, bold=True), whole or op,
                      marks, date)
             for op, text in _citation(pair) if text]
    if _commented(pair) and heads:
        n = comment_id(len(comments))
        comments.append(_comment_xml(n, _comment(pair), date))
        heads = [f'<w:commentRangeStart w:id="{n}"/>', *heads,
                 f'<w:commentRangeEnd w:id="{n}"/>', _REFERENCE.format(n)]
    body = [_tracked(_run("\n", deleted=whole is Op.DELETE), whole or Op.EQUAL, marks, date)]
    body += [_tracked(_run(safe(edit.text), deleted=edit.op is Op.DELETE), edit.op, marks,
                      date)
             for edit in pair.edits]
    # the paragraph mark of a provision inserted or deleted whole, tracked last
    mark = f"<w:rPr>{_mark(whole, next(marks), date)}</w:rPr>" if whole is not None else ""
    return (f'<w:p><w:pPr><w:spacing w:after="160"/>{mark}</w:pPr>{"".join(heads)}'
            f'{"".join(body)}</w:p>')


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
    """The length of the longest common start of ``a`` and ``b`` (halving the length
    compared: every citation of a text named after its file differs from the other text's
    near its start, and then agrees to its end)."""
    n = min(len(a), len(b))
    if a[:n] == b[:n]:
        return n
    same, differs = 0, n
    while differs - same > 1:
        mid = (same + differs) // 2
        if a[:mid] == b[:mid]:
            same = mid
        else:
            differs = mid
    return same


def _run(text: str, *, deleted: bool, bold: bool = False) -> str:
    """A ``w:r`` holding ``text`` (already :func:`safe`): ``w:t`` (``w:delText`` when deleted),
    ``w:br`` for line breaks, ``w:tab`` for tabs; spaces preserved."""
    content = _content(text, "w:delText" if deleted else "w:t")
    if bold:
        return f"<w:r><w:rPr><w:b/></w:rPr>{content}</w:r>"
    return f"<w:r>{content}</w:r>" if content else "<w:r/>"


def _content(text: str, tag: str = "w:t", *, keep_spaces: bool = True) -> str:
    """A run's content: ``text`` in ``tag`` elements, ``w:br`` for line breaks, ``w:tab``
    for tabs; spaces kept everywhere (``xml:space``), or, as python-docx writes a run's text
    (``keep_spaces=False``), only in text that starts or ends with one."""
    if keep_spaces:  # the same elements, by string replacement (most of a long report)
        opened, closed = f'<{tag} xml:space="preserve">', f"</{tag}>"
        xml = xml_text(text)
        if "\n" in xml:
            xml = xml.replace("\n", f"{closed}<w:br/>{opened}")
        if "\t" in xml:
            xml = xml.replace("\t", f"{closed}<w:tab/>{opened}")
        return f"{opened}{xml}{closed}".replace(f"{opened}{closed}", "")
    out = []
    for part in _BREAKS.split(text):
        if part == "\n":
            out.append("<w:br/>")
        elif part == "\t":
            out.append("<w:tab/>")
        elif part:
            space = ' xml:space="preserve"' if keep_spaces or len(part.strip()) < len(part) \
                else ""
            out.append(f"<{tag}{space}>{xml_text(part)}</{tag}>")
    return "".join(out)


def _mark(op: Op, ident: int | str, date: str, inner: str = "") -> str:
    """A revision mark (``w:del`` or ``w:ins``) around ``inner``: one author, the date."""
    tag = "w:del" if op is Op.DELETE else "w:ins"
    start = f'<{tag} w:id="{ident}" w:author="{AUTHOR}"{date}'
    return f"{start}>{inner}</{tag}>" if inner else f"{start}/>"


def _tracked(run: str, op: Op, marks: Iterator[str], date: str) -> str:
    """The run inside a deletion or insertion mark (``equal`` leaves it alone)."""
    return run if op is Op.EQUAL else _mark(op, next(marks), date, run)


def _comment_xml(ident: int | str, text: str, date: str) -> str:
    """A ``w:comment`` as python-docx's ``add_comment`` makes it: one paragraph (style
    ``CommentText``) per line of ``text``, the first opening with the annotation mark."""
    paragraphs = []
    for i, line in enumerate(text.split("\n")):
        content = _content(line, keep_spaces=False)
        runs = (f"<w:r>{content}</w:r>" if content else "<w:r/>") if line or (i == 0 and text) \
            else ""
        mark = ('<w:r><w:rPr><w:rStyle w:val="CommentReference"/></w:rPr><w:annotationRef/>'
                "</w:r>") if i == 0 else ""
        paragraphs.append(f'<w:p><w:pPr><w:pStyle w:val="CommentText"/></w:pPr>{mark}{runs}'
                          "</w:p>")
    return (f'<w:comment w:id="{ident}" w:author="{AUTHOR}" w:initials="LC"{date}>'
            f'{"".join(paragraphs)}</w:comment>')


def _commented(pair: ClausePair) -> bool:
    return changed(pair) or bool(pair.reasons)


def _comment(pair: ClausePair) -> str:
    lines = [f"Verdict: {pair.verdict.value} ({pair.status.value}"
             + (", descriptive)" if pair.descriptive else ")")]
    if pair.old and pair.new and pair.old.citation != pair.new.citation:
        lines.append(f"Was: {pair.old.citation}")
    lines += [_because(r) + times(n) for r, n in told_once(pair.reasons)]
    lines += [f"Note: {n}" for n in pair.notes]
    return safe("\n".join(lines))


def _because(r: Reason) -> str:
    words = [f"{side}: “{' '.join(w.split())}”" for side, w in (("old", r.old), ("new", r.new))
             if w is not None]
    tail = f" ({' → '.join(words)})" if words else ""
    return f"{r.direction.value.capitalize()}: {r.explanation}{tail} [{r.rule}]"


def xml_text(text: str) -> str:
    """``text`` as lxml writes a text node: ``&``, ``<``, ``>`` escaped, and a carriage
    return as ``&#13;`` (quotation marks as they are)."""
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return text.replace("\r", "&#13;") if "\r" in text else text


def _package(doc: DocumentObject, splices: Mapping[str, tuple[bytes, bytes]],
             when: datetime | None) -> bytes:
    """The document's ``.docx`` bytes: its parts as python-docx saves them, in the same
    order, each placeholder replaced by its markup, every entry dated ``when`` (at least
    1980) with fixed attributes, so equal contents give equal bytes. Each part is compressed
    once, as it is written."""
    date_time = ZIP_EPOCH
    if when is not None and when.year >= 1980:
        t = when.astimezone(UTC)
        date_time = (t.year, t.month, t.day, t.hour, t.minute, t.second)
    package = doc.part.package
    parts = package.parts
    for part in parts:
        part.before_marshal()
    out = io.BytesIO()
    # PackageWriter.write(file, rels, parts) is these three steps on a zip it opens itself
    steps: Any = PackageWriter
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        writer = _Entries(archive, date_time, splices)
        steps._write_content_types_stream(writer, parts)
        steps._write_pkg_rels(writer, package.rels)
        steps._write_parts(writer, parts)
    if writer.pending:
        raise AssertionError(f"parts not written: {sorted(writer.pending)}")
    return out.getvalue()


class _Entries:
    """What python-docx's package writer writes to (``write(pack_uri, blob)``): zip entries
    with fixed dates and attributes, placeholders replaced."""

    def __init__(self, archive: zipfile.ZipFile, date_time: _Stamp,
                 splices: Mapping[str, tuple[bytes, bytes]]) -> None:
        self.archive = archive
        self.date_time = date_time
        self.splices = dict(splices)
        self.pending = set(splices)

    def write(self, pack_uri: str, blob: bytes) -> None:
        if pack_uri in self.splices:
            mark, markup = self.splices[pack_uri]
            before, found, after = blob.partition(mark)
            if not found or mark in after:
                raise AssertionError(f"{pack_uri}: placeholder not found once")
            blob = b"".join((before, markup, after))
            self.pending.discard(pack_uri)
        info = zipfile.ZipInfo(pack_uri[1:], date_time=self.date_time)
        info.compress_type = zipfile.ZIP_DEFLATED
        info.create_system = 3
        info.external_attr = 0o644 << 16
        self.archive.writestr(info, blob)
