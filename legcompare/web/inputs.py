"""A form's documents and options, checked before any work is queued.

Each document slot of a form (``old``, ``new``, ``doc1`` ...) takes exactly one of: an uploaded
file (``<slot>_file``), pasted text (``<slot>_text``), or a reference (``<slot>_ref``): a store
reference (``us-federal/hr2157-116@ih``), a source id (``govinfo:116/hr/2157@ih``) or an http(s)
URL.

Guarantees of :func:`read_slot` (each failure is a :class:`~.security.Refused` with a one-line
message and its HTTP status; nothing is stored, queued or fetched before the checks pass):

* An upload must have one of :data:`UPLOAD_EXTENSIONS`, be at most the document limit, and be
  what it says: a ``.pdf`` must be a PDF, a ``.docx`` a zip, anything read as text must not be
  binary (:func:`~legcompare.ingest.decode.sniff_binary`).
* A store reference must be well formed and name a stored text inside the store
  (:meth:`~legcompare.store.Store.get` refuses ``../`` and anything resolving outside the root).
* A URL must be a valid http(s) URL without credentials; one whose host is an IP address the
  fetch rules refuse (link-local, metadata, private or loopback unless the server allows them)
  is refused here, before any job; host names are checked, resolved once, by the fetching
  client itself. A server started offline refuses every URL and source id.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass
from ipaddress import IPv4Address, IPv6Address, ip_address
from pathlib import PurePosixPath

from werkzeug.datastructures import FileStorage

from ..errors import FetchError, StoreError
from ..ingest import detect_format
from ..ingest.decode import sniff_binary
from ..model import Mode, Perspective
from ..sources import is_url, parse_source_id, parse_state_id
from ..sources.addresses import refusal
from ..sources.http import parse_url
from ..store import Store
from .security import Refused
from .tasks import DocInput

__all__ = ["LARGE_BYTES", "UPLOAD_EXTENSIONS", "Given", "is_large", "job_key", "read_mode",
           "read_perspective", "read_slot"]

UPLOAD_EXTENSIONS = (".txt", ".text", ".md", ".htm", ".html", ".xhtml", ".xml", ".pdf",
                     ".docx")
"""The file types an upload may have (the formats ``legcompare`` reads)."""
LARGE_BYTES = 64 * 1024
"""A job whose documents total more than this (or that fetches) is *large*: large jobs never
take every worker, so small ones are never stuck behind them."""


@dataclass(frozen=True)
class Given:
    """A checked document and what the job queue needs to know about it."""

    doc: DocInput
    digest: str | None
    """SHA-256 of the bytes it stands for; ``None`` for a source (unknown until fetched)."""
    size: int | None
    """Its size in bytes; ``None`` for a source."""


def read_slot(form: Mapping[str, str], files: Mapping[str, FileStorage], slot: str,
              label: str, *, store: Store, max_document: int, allow_private: bool,
              offline: bool, paste: bool = True) -> Given | None:
    """The document given in ``slot``, checked; ``None`` when the slot is empty."""
    upload = files.get(f"{slot}_file")
    has_file = upload is not None and bool(upload.filename)
    text = form.get(f"{slot}_text", "") if paste else ""
    ref = form.get(f"{slot}_ref", "").strip()
    given = [has_file, bool(text.strip()), bool(ref)]
    if sum(given) > 1:
        raise Refused(f"give the {label} one way only: a file, pasted text, or a stored "
                      "text, source id or URL", title="Two texts for one document")
    if has_file:
        assert upload is not None
        return _upload(upload, label, max_document)
    if text.strip():
        return _pasted(text, label, max_document)
    if ref:
        return _reference(ref, store=store, allow_private=allow_private, offline=offline)
    return None


def _upload(upload: FileStorage, label: str, max_document: int) -> Given:
    name = PurePosixPath((upload.filename or "").replace("\\", "/")).name[:200]
    ext = PurePosixPath(name.lower()).suffix
    if ext not in UPLOAD_EXTENSIONS:
        raise Refused(f"the {label} must be a {', '.join(UPLOAD_EXTENSIONS)} file; "
                      f"a {ext or 'file without an extension'} is not read",
                      status=415, where=name, title="File type not accepted")
    data = upload.stream.read(max_document + 1)
    if len(data) > max_document:
        raise Refused(f"the {label} is larger than the limit of {max_document:,} bytes per "
                      "document", status=413, where=name, title="File too large")
    fmt = detect_format(data, name)
    head = data[:16].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if ext == ".pdf" and not head.startswith(b"%pdf-"):
        raise Refused("not a PDF file (it does not start as one)", status=415, where=name,
                      title="Not a PDF")
    if ext == ".docx" and not head.startswith(b"pk\x03\x04"):
        raise Refused("not a Word .docx file (it is not a zip package)", status=415,
                      where=name, title="Not a Word file")
    binary = sniff_binary(data) if fmt not in ("pdf", "docx") else None
    if binary:
        raise Refused(f"not a text document: this looks like {binary}", status=415,
                      where=name, title="Not a text document")
    return Given(DocInput("upload", name, data), hashlib.sha256(data).hexdigest(), len(data))


def _pasted(text: str, label: str, max_document: int) -> Given:
    data = text.replace("\r\n", "\n").encode("utf-8")
    if len(data) > max_document:
        raise Refused(f"the pasted {label} is larger than the limit of {max_document:,} bytes",
                      status=413, title="Text too large")
    return Given(DocInput("paste", f"pasted text ({label})", data),
                 hashlib.sha256(data).hexdigest(), len(data))


def _reference(ref: str, *, store: Store, allow_private: bool, offline: bool) -> Given:
    if is_url(ref) or ":" in ref:
        return _source(ref[:2000], allow_private=allow_private, offline=offline)
    try:
        stored = store.get(ref[:300])
    except StoreError as exc:
        raise Refused(exc.message, where=exc.where, title="Not a stored text") from None
    if stored is None:
        raise Refused("not in the store (see the Store page for what is)", where=ref[:300],
                      title="Not a stored text")
    return Given(DocInput("store", stored.ref), stored.provenance.sha256 or None,
                 stored.path.stat().st_size)


def _source(ref: str, *, allow_private: bool, offline: bool) -> Given:
    try:
        if is_url(ref):
            url = parse_url(ref)
            address = _ip_literal(url.host)
            why = refusal(address, allow_private=allow_private) if address else None
            if why is not None:
                raise Refused(f"fetching from {url.host} is refused: it is {why}"
                              + ("" if allow_private else
                                 " (the server was not started with --allow-private)"),
                              where=ref, title="Address refused")
        elif parse_source_id(ref) is None and parse_state_id(ref) is None:
            raise Refused("not a source id, URL or store reference (expected "
                          "govinfo:116/hr/2157@ih, https://..., or "
                          "us-federal/hr2157-116@ih)", where=ref, title="Unknown reference")
    except FetchError as exc:
        raise Refused(exc.message, where=exc.where, title="Not a valid source") from None
    if offline:
        raise Refused("this server runs offline: it fetches nothing; use a stored text or "
                      "upload the file", where=ref, title="Offline")
    return Given(DocInput("source", ref.strip()), None, None)


def _ip_literal(host: str) -> IPv4Address | IPv6Address | None:
    try:
        return ip_address(host.strip("[]"))
    except ValueError:
        return None


def read_mode(form: Mapping[str, str]) -> Mode:
    """The form's ``mode`` (default ``auto``)."""
    value = form.get("mode", "auto") or "auto"
    try:
        return Mode(value)
    except ValueError:
        raise Refused(f"unknown mode {value[:40]!r} (auto, versions or cross)") from None


def read_perspective(form: Mapping[str, str]) -> Perspective:
    """The form's ``perspective`` (default ``protective``)."""
    value = form.get("perspective", "protective") or "protective"
    try:
        return Perspective(value)
    except ValueError:
        raise Refused(f"unknown perspective {value[:40]!r} (protective or permissive)"
                      ) from None


def job_key(kind: str, options: tuple[object, ...], given: list[Given]) -> str | None:
    """A key equal for two requests that must give the same result (same kind, options,
    documents by name and content), so they can share one computation; ``None`` when a
    document is a source, whose content is not known yet."""
    if any(g.digest is None for g in given):
        return None
    parts = [kind, *map(str, options), *(f"{g.doc.how}\0{g.doc.name}\0{g.digest}"
                                          for g in given)]
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()


def is_large(given: list[Given]) -> bool:
    """Whether a job on these documents goes in the large lane (see :data:`LARGE_BYTES`)."""
    return any(g.size is None for g in given) or sum(g.size or 0 for g in given) > LARGE_BYTES
