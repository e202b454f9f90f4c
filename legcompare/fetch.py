"""Fetching a source into the store, and reading a stored text back as a Document.

A source is a govinfo id (``govinfo:116/hr/2157@ih``, :mod:`.sources.govinfo`) or any http(s)
URL (:mod:`.sources.web`); both go through the one client of :mod:`.sources.http`.

Guarantees of :func:`fetch`: the bytes stored are exactly the bytes served (content coding
removed); they are stored only after they were read in full and read as a legislative text (a
bad body stores nothing); the provenance beside them names the source, the URL asked for and
the final one, the time, the content type with its served charset, and the SHA-256 of the
bytes, with titles and dates from the catalog when it knows the version.

Text decoding (at fetch and at every read, so both agree): the charset the server declared,
then the one the document declares (XML declaration, ``<meta charset>``), then UTF-8, then
Windows-1252 with undecodable bytes replaced; the notes say which was used and count the
replacement characters. ``iso-8859-1`` and ``us-ascii`` are read as Windows-1252, as browsers do.
"""

from __future__ import annotations

import codecs
import hashlib
import html
import re
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import ExitStack
from dataclasses import replace

import click

from .catalog import Entry, default_catalog
from .errors import FetchError, InputError
from .ingest import ingest_bytes
from .ingest.decode import Decoded, decode_text
from .ingest.uslm import bill_form
from .model import CitationForm, Document, Note, NoteKind, Provenance
from .sources import BILL_TYPES, FEDERAL, SourceId, is_url, parse_source_id
from .sources.body import parse_content_type
from .sources.govinfo import DEFAULT_BASE_URL, fetch_govinfo
from .sources.http import Fetched, HttpClient, HttpPolicy, Progress
from .sources.web import WEB, document_slug, fetch_url, version_of
from .store import REF, Store, StoredText

__all__ = ["decode_fetched", "fetch", "fetch_many", "read_fetched", "resolve_ref"]

_EXT = {"bill-dtd": "xml", "uslm": "xml", "xml": "xml", "html": "htm", "text": "txt"}
_INGEST_FORMAT = {"bill-dtd": "xml", "uslm": "xml", "xml": "xml", "html": "html", "text": "text"}
_AS_WINDOWS_1252 = frozenset({"iso-8859-1", "iso8859-1", "latin1", "latin-1", "us-ascii",
                              "ascii", "windows-1252", "cp1252"})
_DC_TITLE = re.compile(rb"<dc:title>([^<]{1,500})</dc:title>")
_FEDERAL_BILL = re.compile(r"(?P<type>[a-z]+)(?P<number>[0-9]+)-(?P<congress>[0-9]+)")
_LARGE = 1 << 20  # a body this large gets a progress bar on a terminal


def fetch(source: str, *, store: Store, base_url: str | None = None, force: bool = False,
          policy: HttpPolicy | None = None, progress: Progress | None = None) -> StoredText:
    """Fetch ``source`` (a govinfo id or an http(s) URL) into ``store``; its stored text.

    ``base_url`` replaces govinfo's; a base URL given here is the user's choice, so its own
    host may be a private address (a mirror, a test server) even without ``allow_private``.
    Raises :class:`FetchError` (:class:`OfflineError` offline) when nothing usable was fetched
    and :class:`StoreError` when the store refuses it; in both cases nothing is written.
    """
    policy = policy or HttpPolicy()
    sid = parse_source_id(source)
    with HttpClient(policy, trusted=base_url if sid else None, progress=progress) as client:
        if sid is not None:
            fetched = fetch_govinfo(sid, client=client,
                                    base_url=base_url or DEFAULT_BASE_URL)
        elif is_url(source):
            fetched = fetch_url(source.strip(), client=client)
        else:
            raise FetchError("not a source id or URL (expected govinfo:<congress>/<type>/"
                             "<number>@<version>, such as govinfo:116/hr/2157@ih, or an "
                             "http(s):// URL)", where=source)
    provenance = _govinfo_provenance(sid, fetched) if sid else _web_provenance(fetched)
    try:
        decoded = decode_fetched(fetched.data, fetched.charset, where=fetched.url)
        document = read_fetched(fetched.data, provenance, decoded=decoded, where=fetched.url)
    except InputError as exc:
        raise FetchError(f"the response is not a readable text: {exc.message}",
                         where=fetched.url) from None
    title = provenance.title or document.provenance.title or fetched.url
    provenance = replace(provenance, title=title, notes=_unique(provenance.notes + decoded.notes))
    return store.put(provenance.jurisdiction, provenance.document, provenance.version or "",
                     fetched.data, provenance, ext=_EXT[fetched.format], force=force)


def fetch_many(sources: Sequence[str], *, store: Store, base_url: str | None = None,
               force: bool = False, policy: HttpPolicy | None = None,
               show_progress: bool | None = None) -> Iterator[StoredText]:
    """Fetch each source in turn, yielding its stored text; stops at the first error.

    Progress goes to stderr, only when it is a terminal (or ``show_progress``): a bar over the
    sources when there are several, else a bar over a body of a megabyte or more.
    """
    shown = sys.stderr.isatty() if show_progress is None else show_progress
    if shown and len(sources) > 1:
        with click.progressbar(sources, label="Fetching", file=sys.stderr,
                               item_show_func=lambda s: s) as sources_bar:
            for source in sources_bar:
                yield fetch(source, store=store, base_url=base_url, force=force, policy=policy)
        return
    for source in sources:
        bar = _ByteBar(source) if shown else None
        try:
            stored = fetch(source, store=store, base_url=base_url, force=force, policy=policy,
                           progress=bar)
        finally:
            if bar is not None:
                bar.close()
        yield stored


def resolve_ref(arg: str, store: Store) -> Document | None:
    """The stored text ``arg`` names (``us-federal/hr2157-116@ih``), read with its provenance;
    ``None`` when ``arg`` is not a store reference or names nothing stored."""
    if not REF.fullmatch(arg) or store.get(arg) is None:
        return None
    data, provenance = store.read(arg)
    _, charset = parse_content_type(provenance.content_type)
    decoded = decode_fetched(data, charset, where=arg)
    return read_fetched(data, provenance, decoded=decoded,
                        citation=_citation_form(arg, provenance), where=arg)


def decode_fetched(data: bytes, charset: str | None, *, where: str) -> Decoded:
    """The text of fetched bytes (see the module docstring for the order of charsets)."""
    notes: tuple[Note, ...] = ()
    declared, origin = _windows_1252(charset), "the Content-Type header"
    if declared is not None and not _known(declared):
        notes = (Note(NoteKind.DECODING, f"unknown charset {charset!r} in the Content-Type "
                      "header was ignored", None),)
        declared = None
    if declared is None:
        declared, origin = _windows_1252(_declared_in(data)), "the document"
        if declared is not None and not _known(declared):
            declared = None  # decode_text would refuse it; UTF-8, then Windows-1252, instead
    decoded = decode_text(data, declared=declared, fallback="windows-1252", where=where)
    if declared not in (None, "utf-8", "utf8") and decoded.encoding == declared and (
            not decoded.notes):  # UTF-8 goes without saying
        notes += (Note(NoteKind.DECODING, f"decoded as {declared} (charset from {origin})",
                       None),)
    return replace(decoded, notes=notes + decoded.notes)


def read_fetched(data: bytes, provenance: Provenance, *, decoded: Decoded,
                 citation: CitationForm | None = None, where: str) -> Document:
    """Fetched ``data``, already decoded, read as a Document whose provenance keeps the SHA-256
    of ``data`` itself and each note once."""
    text = decoded.text.encode("utf-8")  # decoded once, here; the reader gets UTF-8
    with_notes = replace(provenance, notes=_unique(provenance.notes + decoded.notes))
    document = ingest_bytes(text, with_notes, citation=citation, max_bytes=len(text),
                            encoding="utf-8", fmt=_INGEST_FORMAT.get(provenance.format),
                            where=where)
    p = document.provenance
    return replace(document, provenance=replace(
        p, sha256=hashlib.sha256(data).hexdigest(), notes=_unique(p.notes)))


def _govinfo_provenance(sid: SourceId, fetched: Fetched) -> Provenance:
    """The catalog's metadata when it knows the version, the fetch's facts always."""
    entry = _catalog_entry(str(sid))
    if entry is not None and (entry.jurisdiction, entry.document, entry.version) == (
            sid.jurisdiction, sid.document, sid.version):
        note = Note(NoteKind.PROVENANCE, f"metadata from the catalog entry {entry.ref}", None)
        known = replace(entry.provenance(source=str(sid)), notes=(note,))
    else:
        known = Provenance(jurisdiction=sid.jurisdiction, document=sid.document,
                           version=sid.version, title=_title(fetched) or sid.package,
                           source=str(sid))
    return _fetch_facts(known, fetched)


def _web_provenance(fetched: Fetched) -> Provenance:
    """A page's place in the store (``web/<slug>@<sha256[:12]>``) and the fetch's facts."""
    known = Provenance(jurisdiction=WEB, document=document_slug(fetched.url),
                       version=version_of(fetched.data), title=_title(fetched),
                       source=fetched.url)
    return _fetch_facts(known, fetched)


def _fetch_facts(known: Provenance, fetched: Fetched) -> Provenance:
    content_type = fetched.content_type
    if content_type and fetched.charset:
        content_type += f"; charset={fetched.charset}"
    return replace(known, url=fetched.url, final_url=fetched.final_url,
                   retrieved_at=fetched.retrieved_at, content_type=content_type,
                   sha256=hashlib.sha256(fetched.data).hexdigest(), format=fetched.format)


def _catalog_entry(source_id: str) -> Entry | None:
    """The catalog's entry for a source id (the one seam between fetching and the catalog)."""
    return default_catalog().by_source(source_id)


def _title(fetched: Fetched) -> str | None:
    """The XML's ``<dc:title>`` (``116 HR 2002 IH: Taiwan Assurance Act of 2019``), if any."""
    if fetched.format not in ("bill-dtd", "uslm", "xml"):
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


_XML_DECL = re.compile(rb"""^\s*<\?xml[^>]*encoding\s*=\s*["']([A-Za-z0-9._-]+)["']""")
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9._-]+)""", re.I)


def _declared_in(data: bytes) -> str | None:
    """The charset the document declares in its first 4 KB, if any."""
    head = data[:4096]
    m = _XML_DECL.search(head) or _META_CHARSET.search(head)
    return m.group(1).decode("ascii").lower() if m else None


def _windows_1252(charset: str | None) -> str | None:
    """Labels browsers read as Windows-1252 become ``windows-1252``; others stay."""
    if charset is None:
        return None
    name = charset.strip().lower()
    return "windows-1252" if name in _AS_WINDOWS_1252 else name


def _known(charset: str) -> bool:
    try:
        codecs.lookup(charset)
    except LookupError:
        return False
    return True


def _unique(notes: tuple[Note, ...]) -> tuple[Note, ...]:
    """``notes`` in order, each once."""
    return tuple(dict.fromkeys(notes))


class _ByteBar:
    """A progress bar on stderr, drawn once a body of a megabyte or more is arriving."""

    def __init__(self, label: str) -> None:
        self._label = label
        self._stack = ExitStack()
        self._update: Callable[[int], None] | None = None
        self._done = 0

    def __call__(self, received: int, total: int | None) -> None:
        if self._update is None and total is not None and total >= _LARGE:
            bar = self._stack.enter_context(click.progressbar(
                length=total, label=self._label, file=sys.stderr))
            self._update = bar.update
        if self._update is not None:
            self._update(received - self._done)
        self._done = received

    def close(self) -> None:
        self._stack.close()
