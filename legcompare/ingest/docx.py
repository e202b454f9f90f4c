"""Word documents (``.docx``): the paragraphs in order, tracked changes read explicitly.

Stage guarantees (``read_docx``):

* Refused with a one-line :class:`~legcompare.errors.InputError`: anything that is not a zip
  archive holding a main document part; an archive whose entries would unpack to more than
  ``max_bytes`` in all (checked from its directory before anything is unpacked, and enforced
  while unpacking, so a zip bomb is never expanded) or that has more than 10,000 entries;
  encrypted or unsupported compression. XML is parsed with no network access, no DTD and no
  entity expansion.
* The display text is the body's paragraphs in document order, one per line, tables cell by
  cell (each cell's paragraphs on lines of their own), content controls and hyperlinks read
  through; ``w:tab`` is a tab, ``w:br``/``w:cr`` a line break, ``w:noBreakHyphen`` a hyphen,
  ``w:softHyphen`` a soft hyphen, ``w:sym`` its character. Field instructions are not text.
  The text then goes through :func:`~legcompare.ingest.text.parse_text`.
* Tracked changes are read, never accepted or rejected: runs in ``w:ins`` and ``w:moveTo`` are
  inserted, runs in ``w:del`` (``w:delText``) and ``w:moveFrom`` struck; a paragraph mark
  revision (``w:pPr/w:rPr/w:ins`` or ``w:del``) marks the line break that ends its paragraph
  (a deleted mark joins the paragraph to the next). What they are relative to is "the document
  before its tracked changes" (see :mod:`legcompare.markup`).
* Nothing lost: headers and footers become ``page-header`` notes, footnotes, endnotes and
  comments ``editorial`` notes (their text, struck text included), for the whole document.
"""

from __future__ import annotations

import hashlib
import io
import posixpath
import re
import zipfile
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace

from lxml import etree

from ..errors import InputError
from ..markup import BEFORE_TRACKED, Tags, has_sentinels, resolve_document, unread
from ..model import Document, MarkKind, Note, NoteKind, Provenance
from .text import parse_text
from .xml import fill

__all__ = ["DOCX_TYPE", "read_docx"]

DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_MAX_ENTRIES = 10_000
_MAIN = "word/document.xml"
_OFFICE_DOCUMENT = "/officeDocument"
_NOTE_PARTS = ((re.compile(r"word/(header|footer)\d*\.xml"), NoteKind.PAGE_HEADER),
               (re.compile(r"word/(footnotes|endnotes|comments)\.xml"), NoteKind.EDITORIAL))
_REVISIONS = {"ins": MarkKind.INSERTED, "moveTo": MarkKind.INSERTED, "del": MarkKind.STRUCK,
              "moveFrom": MarkKind.STRUCK}
_SKIPPED = frozenset({"pPr", "rPr", "instrText", "delInstrText", "fldChar", "proofErr",
                      "bookmarkStart", "bookmarkEnd", "commentRangeStart", "commentRangeEnd",
                      "commentReference", "footnoteReference", "endnoteReference"})
_CHARACTERS = {"tab": "\t", "br": "\n", "cr": "\n", "noBreakHyphen": "-", "softHyphen": "\u00ad"}


def read_docx(data: bytes, provenance: Provenance, *, max_bytes: int,
              where: str | None = None) -> Document:
    """A Word document (see the module docstring for the guarantees)."""
    parts = _Archive(data, max_bytes, where)
    main = parts.read(parts.main())
    root = _parse(main, where)
    reader = _Reader(read_marks=not has_sentinels(main.decode("utf-8", "replace")))
    body = root.find(f"{W}body")
    if body is not None:
        reader.block(body)
    provenance = fill(replace(provenance, sha256=hashlib.sha256(data).hexdigest()),
                      title=_core_title(parts, where), fmt="docx", content_type=DOCX_TYPE)
    document = parse_text("".join(reader.out),
                          provenance if reader.read_marks else unread(provenance))
    if reader.tags.sources:
        document = resolve_document(document, reader.tags.sources, BEFORE_TRACKED)
    return replace(document, notes=(*_part_notes(parts, where), *document.notes))


class _Archive:
    """The zip's parts, unpacked within a byte budget."""

    def __init__(self, data: bytes, max_bytes: int, where: str | None) -> None:
        self.where = where
        try:
            self.zip = zipfile.ZipFile(io.BytesIO(data))
            infos = self.zip.infolist()
        except (zipfile.BadZipFile, OSError, ValueError, EOFError):
            raise InputError("not a Word document: not a readable zip archive",
                             where=where) from None
        if len(infos) > _MAX_ENTRIES:
            raise InputError(f"not a Word document: {len(infos):,} entries in the archive",
                             where=where)
        total = sum(i.file_size for i in infos)
        if total > max_bytes:
            raise InputError(f"the Word document unpacks to {total:,} bytes, over the limit of "
                             f"{max_bytes:,} (see --max-bytes)", where=where)
        self.budget = max_bytes
        self.names = {i.filename for i in infos}

    def read(self, name: str) -> bytes:
        try:
            with self.zip.open(name) as f:
                data = f.read(self.budget + 1)
        except KeyError:
            raise InputError(f"not a Word document: no {name}", where=self.where) from None
        except (zipfile.BadZipFile, OSError, RuntimeError, NotImplementedError, EOFError,
                zlib.error) as exc:
            raise InputError(f"the Word document cannot be unpacked: {exc}",
                             where=self.where) from None
        if len(data) > self.budget:
            raise InputError("the Word document unpacks to more than the limit (see "
                             "--max-bytes)", where=self.where)
        self.budget -= len(data)
        return data

    def main(self) -> str:
        """The main document part, as the package relationships name it."""
        if "_rels/.rels" in self.names:
            rels = _parse(self.read("_rels/.rels"), self.where)
            for rel in rels:
                if str(rel.get("Type", "")).endswith(_OFFICE_DOCUMENT):
                    target = posixpath.normpath(str(rel.get("Target", "")).lstrip("/"))
                    if target in self.names:
                        return target
        if _MAIN in self.names:
            return _MAIN
        raise InputError("not a Word document: no main document part", where=self.where)


def _parse(data: bytes, where: str | None) -> etree._Element:
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False,
                             load_dtd=False)
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        raise InputError(f"the Word document's XML is malformed (line {exc.lineno})",
                         where=where) from None
    if root is None:
        raise InputError("the Word document's XML is empty", where=where)
    return root


class _Reader:
    """The body as tagged text: one line per paragraph, revisions between mark characters."""

    def __init__(self, *, read_marks: bool) -> None:
        self.out: list[str] = []
        self.tags = Tags()
        self.read_marks = read_marks

    @contextmanager
    def marked(self, kind: MarkKind | None, source: str) -> Iterator[None]:
        if kind is None or not self.read_marks:
            yield
            return
        self.out.append(self.tags.open(kind, source))
        try:
            yield
        finally:
            self.out.append(self.tags.close())

    def block(self, el: etree._Element) -> None:
        """Paragraphs, tables and content controls, in order."""
        for child in el:
            name = _local(child)
            if name == "p":
                self.paragraph(child)
            elif name in ("tbl", "tr", "tc", "sdt", "sdtContent", "customXml"):
                self.block(child)

    def paragraph(self, p: etree._Element) -> None:
        self.inline(p)
        mark = p.find(f"{W}pPr/{W}rPr")
        found = next((c for c in mark if _local(c) in _REVISIONS), None) \
            if mark is not None else None
        name = _local(found) if found is not None else ""
        with self.marked(_REVISIONS.get(name), f"docx:paragraph-mark-{name}"):
            self.out.append("\n")

    def inline(self, el: etree._Element) -> None:
        for child in el:
            name = _local(child)
            if name in _SKIPPED or not name:
                continue
            if name == "r":
                self.run(child)
            elif name in _REVISIONS:
                with self.marked(_REVISIONS[name], f"docx:{name}"):
                    self.inline(child)
            else:  # hyperlinks, smart tags, simple fields, content controls, math
                self.inline(child)

    def run(self, r: etree._Element) -> None:
        for c in r:
            name = _local(c)
            if name in ("t", "delText"):
                self.out.append(c.text or "")
            elif name in _CHARACTERS:
                self.out.append(_CHARACTERS[name])
            elif name == "sym":
                self.out.append(_symbol(c.get(f"{W}char", "")))
            elif name in _REVISIONS:  # a revision inside a run (rare, but valid)
                with self.marked(_REVISIONS[name], f"docx:{name}"):
                    self.run(c)


def _symbol(code: str) -> str:
    try:
        value = int(code, 16)
    except ValueError:
        return ""
    if 0xF000 <= value <= 0xF0FF:  # symbol-font private area
        value -= 0xF000
    return chr(value) if 0x20 <= value < 0x110000 and not 0xD800 <= value < 0xE000 else ""


def _local(el: etree._Element) -> str:
    tag = el.tag
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _part_notes(parts: _Archive, where: str | None) -> Iterator[Note]:
    """Headers, footers, footnotes, endnotes and comments: their paragraphs' text."""
    for name in sorted(parts.names):
        kind = next((k for pattern, k in _NOTE_PARTS if pattern.fullmatch(name)), None)
        if kind is None:
            continue
        root = _parse(parts.read(name), where)
        lines = ["".join(t.text or "" for t in p.iter(f"{W}t", f"{W}delText"))
                 for p in root.iter(f"{W}p")]
        text = "\n".join(line for line in lines if line.strip())
        if text:
            yield Note(kind, text, None)


def _core_title(parts: _Archive, where: str | None) -> str | None:
    if "docProps/core.xml" not in parts.names:
        return None
    root = _parse(parts.read("docProps/core.xml"), where)
    title = next((el.text for el in root.iter("{http://purl.org/dc/elements/1.1/}title")), None)
    return " ".join(title.split()) or None if title else None
