"""Bytes to :class:`~legcompare.model.Document`, one module per format.

``ingest_bytes`` is pure (bytes and metadata in, document out); ``load_path`` reads a file and
fills in provenance from the catalog when the file is one it knows.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import replace
from pathlib import Path

from ..errors import InputError
from ..model import CitationForm, Document, Note, NoteKind, Provenance
from .decode import DEFAULT_MAX_BYTES, check_size, decode_text, sniff_binary

__all__ = ["DEFAULT_MAX_BYTES", "detect_format", "ingest_bytes", "load_path"]

_EXTENSIONS = {
    ".txt": "text",
    ".text": "text",
    ".md": "text",
    ".htm": "html",
    ".html": "html",
    ".xhtml": "html",
    ".xml": "xml",
    ".pdf": "pdf",
    ".docx": "docx",
}


def detect_format(data: bytes, name: str = "") -> str:
    """``text``, ``html``, ``xml``, ``pdf`` or ``docx``: from the content, then the name."""
    head = data[:2048].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if head.startswith(b"%pdf-"):
        return "pdf"
    if head.startswith(b"pk\x03\x04"):
        return "docx"
    if head.startswith((b"<?xml", b"<!doctype bill")) or re.match(
            rb"<(bill|resolution|plaw|amendment|pubLaw|lawDoc|uslm)\b", head, re.I):
        return "html" if b"<html" in head else "xml"
    if head.startswith((b"<!doctype html", b"<html")) or b"<body" in head[:1024]:
        return "html"
    return _EXTENSIONS.get(Path(name).suffix.lower(), "text")


def ingest_bytes(
    data: bytes,
    provenance: Provenance,
    *,
    citation: CitationForm | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    encoding: str | None = None,
    fmt: str | None = None,
    where: str | None = None,
    sha256: str | None = None,
) -> Document:
    """Read ``data`` as a legislative text. Raises :class:`InputError` on bad input.
    ``sha256``: the data's SHA-256 (hex), when the caller has made it already.

    Word documents are read by :mod:`.docx` (tracked changes and all), PDF by :mod:`.pdf` (by
    position, in a bounded child process)."""
    check_size(data, max_bytes, where)
    fmt = fmt or detect_format(data, where or "")
    if fmt == "pdf":
        from .pdf import read_pdf

        return _with_citation(read_pdf(data, provenance, where=where), citation)
    if fmt == "docx":
        from .docx import read_docx

        document = read_docx(data, provenance, max_bytes=max_bytes, where=where)
        return _with_citation(document, citation)
    binary = sniff_binary(data)
    if binary:
        raise InputError(f"not a text document: this looks like {binary}", where=where)
    decoded = decode_text(data, declared=encoding, where=where)
    provenance = replace(provenance, sha256=sha256 or hashlib.sha256(data).hexdigest(),
                         notes=provenance.notes + decoded.notes)
    if fmt == "xml":
        from .xml import parse_xml

        document = parse_xml(decoded.text, provenance, where=where)
    elif fmt == "html":
        from .html import parse_html

        document = parse_html(decoded.text, provenance)
    else:
        from .text import parse_text

        document = parse_text(decoded.text, provenance)
    return _with_citation(document, citation)


def _with_citation(document: Document, citation: CitationForm | None) -> Document:
    if citation is not None and document.citation is None:
        return replace(document, citation=citation)
    return document


def load_path(path: str | Path, *, max_bytes: int = DEFAULT_MAX_BYTES,
              encoding: str | None = None) -> Document:
    """Read a file; provenance and citation form come from the catalog when it knows the file."""
    from ..catalog import catalogued

    p = Path(path)
    where = str(path)
    try:
        size = p.stat().st_size
        if size > max_bytes:
            raise InputError(f"input is {size:,} bytes, over the limit of {max_bytes:,} "
                             "(see --max-bytes)", where=where)
        data = p.read_bytes()
    except IsADirectoryError:
        raise InputError("is a directory, not a document", where=where) from None
    except FileNotFoundError:
        raise InputError("no such file", where=where) from None
    except PermissionError:
        raise InputError("permission denied", where=where) from None
    except OSError as exc:
        raise InputError(exc.strerror or "cannot be read", where=where) from None
    sha = hashlib.sha256(data).hexdigest()
    entry = catalogued(p.name, sha)
    if entry is not None:
        provenance = entry.provenance(source="file")
        note = Note(NoteKind.PROVENANCE, f"metadata from the catalog entry {entry.ref}", None)
        provenance = replace(provenance, notes=(note,))
        citation = entry.citation
    else:
        provenance = Provenance(jurisdiction=_guess_jurisdiction(p.name), document=p.stem,
                                version=None, title=p.name, source="file")
        citation = None
    return ingest_bytes(data, provenance, citation=citation, max_bytes=max_bytes,
                        encoding=encoding, where=where, sha256=sha)


def _guess_jurisdiction(name: str) -> str:
    """The corpus naming convention: ``us-ny-...``, ``us-federal-...``, ``us-ca-oakland-...``."""
    m = re.match(r"(us)-(federal|[a-z]{2})(?:-(oakland|sf|portland|springfield))?-", name)
    if not m:
        return "unknown"
    if m.group(2) == "federal":
        return "us-federal"
    return "-".join(p for p in ("us", m.group(2), m.group(3)) if p)
