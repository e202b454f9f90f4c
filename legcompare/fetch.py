"""Fetching a source into the store, and reading a stored text back as a Document.

Guarantees of :func:`fetch`: the bytes stored are exactly the bytes served; they are stored
only after they were read in full and parsed as a legislative text (a bad body stores nothing);
the provenance beside them names the source id, the URL, the time and the SHA-256 of the bytes,
with titles and dates from the catalog when it knows the version.
"""

from __future__ import annotations

import hashlib
import html
import re
from dataclasses import replace

from .catalog import Entry, default_catalog
from .errors import FetchError, InputError
from .ingest import DEFAULT_MAX_BYTES, ingest_bytes
from .ingest.uslm import bill_form
from .model import CitationForm, Document, Note, NoteKind, Provenance
from .sources import BILL_TYPES, FEDERAL, SourceId, parse_source_id
from .sources.govinfo import DEFAULT_BASE_URL, Fetched, fetch_govinfo
from .store import REF, Store, StoredText

__all__ = ["fetch", "resolve_ref"]

_EXT = {"bill-dtd": "xml", "html": "htm"}
_INGEST_FORMAT = {"bill-dtd": "xml", "html": "html"}
_DC_TITLE = re.compile(rb"<dc:title>([^<]{1,500})</dc:title>")
_FEDERAL_BILL = re.compile(r"(?P<type>[a-z]+)(?P<number>[0-9]+)-(?P<congress>[0-9]+)")


def fetch(source: str, *, store: Store, base_url: str | None = None, timeout: float = 30.0,
          max_bytes: int = DEFAULT_MAX_BYTES, force: bool = False, offline: bool = False
          ) -> StoredText:
    """Fetch ``source`` (``govinfo:116/hr/2157@ih``) into ``store``; its stored text.

    Raises :class:`FetchError` (:class:`OfflineError` offline) when nothing usable was fetched
    and :class:`StoreError` when the store refuses it; in both cases nothing is written.
    """
    sid = parse_source_id(source)
    if sid is None:
        raise FetchError("not a source id (expected govinfo:<congress>/<type>/<number>"
                         "@<version>, such as govinfo:116/hr/2157@ih)", where=source)
    fetched = fetch_govinfo(sid, base_url=base_url or DEFAULT_BASE_URL, timeout=timeout,
                            max_bytes=max_bytes, offline=offline)
    entry = _catalog_entry(str(sid))
    provenance = _provenance(sid, fetched, entry)
    try:
        ingest_bytes(fetched.data, provenance, max_bytes=max_bytes,
                     fmt=_INGEST_FORMAT[fetched.format], where=fetched.url)
    except InputError as exc:
        raise FetchError(f"the response is not a readable bill text: {exc.message}",
                         where=fetched.url) from None
    return store.put(sid.jurisdiction, sid.document, sid.version, fetched.data, provenance,
                     ext=_EXT[fetched.format], force=force)


def resolve_ref(arg: str, store: Store) -> Document | None:
    """The stored text ``arg`` names (``us-federal/hr2157-116@ih``), ingested with its provenance;
    ``None`` when ``arg`` is not a store reference or names nothing stored."""
    if not REF.fullmatch(arg) or store.get(arg) is None:
        return None
    data, provenance = store.read(arg)
    fmt = _INGEST_FORMAT.get(provenance.format)
    return ingest_bytes(data, provenance, citation=_citation_form(arg, provenance), fmt=fmt,
                        where=arg)


def _catalog_entry(source_id: str) -> Entry | None:
    """The catalog's entry for a source id (the one seam between fetching and the catalog)."""
    return default_catalog().by_source(source_id)


def _provenance(sid: SourceId, fetched: Fetched, entry: Entry | None) -> Provenance:
    """What the store records: the catalog's metadata when known, the fetch's facts always."""
    if entry is not None and (entry.jurisdiction, entry.document, entry.version) == (
            sid.jurisdiction, sid.document, sid.version):
        note = Note(NoteKind.PROVENANCE, f"metadata from the catalog entry {entry.ref}", None)
        known = replace(entry.provenance(source=str(sid)), notes=(note,))
    else:
        known = Provenance(jurisdiction=sid.jurisdiction, document=sid.document,
                           version=sid.version, title=_title(fetched) or sid.package,
                           source=str(sid))
    return replace(known, url=fetched.url, final_url=fetched.final_url,
                   retrieved_at=fetched.retrieved_at, content_type=fetched.content_type,
                   sha256=hashlib.sha256(fetched.data).hexdigest(), format=fetched.format)


def _title(fetched: Fetched) -> str | None:
    """The XML's ``<dc:title>`` (``116 HR 2002 IH: Taiwan Assurance Act of 2019``), if any."""
    if fetched.format != "bill-dtd":
        return None
    m = _DC_TITLE.search(fetched.data[:16384])
    if m is None:
        return None
    title = " ".join(html.unescape(m.group(1).decode("utf-8", "replace")).split())
    return title or None


def _citation_form(ref: str, provenance: Provenance) -> CitationForm | None:
    """The catalog's citation form for ``ref``; for a federal bill, one derived from the ref."""
    entry = default_catalog().get(ref)
    if entry is not None and entry.citation is not None:
        return entry.citation
    m = _FEDERAL_BILL.fullmatch(provenance.document)
    if provenance.jurisdiction != FEDERAL or m is None or m["type"] not in BILL_TYPES:
        return None
    return bill_form(m["congress"], m["type"], m["number"])
