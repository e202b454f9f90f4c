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
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import ExitStack
from dataclasses import replace

import click

from .catalog import Entry, default_catalog
from .errors import FetchError, InputError
from .ingest import ingest_bytes
from .ingest.decode import Decoded, decode_text
from .ingest.uslm import bill_form
from .model import CitationForm, Document, Note, NoteKind, Provenance
from .sources import BILL_TYPES, FEDERAL, SourceId, is_url, parse_source_id, parse_state_id
from .sources.body import parse_content_type
from .sources.govinfo import DEFAULT_BASE_URL, fetch_govinfo
from .sources.http import Fetched, HttpClient, HttpPolicy, Progress
from .sources.states import base_url as state_base_url
from .sources.states import bill_page, fetch_state
from .sources.states import citation_form as state_citation
from .sources.web import WEB, document_slug, fetch_url, version_of
from .store import Store, StoredText

__all__ = ["decode_fetched", "fetch", "fetch_many", "read_fetched", "resolve_ref"]

_EXT = {"bill-dtd": "xml", "uslm": "xml", "xml": "xml", "html": "htm", "text": "txt",
        "pdf": "pdf", "docx": "docx"}
_INGEST_FORMAT = {"bill-dtd": "xml", "uslm": "xml", "xml": "xml", "html": "html", "text": "text",
                  "pdf": "pdf", "docx": "docx"}
_BINARY = frozenset({"pdf", "docx"})  # read as bytes, never decoded as text
_AS_WINDOWS_1252 = frozenset({"iso-8859-1", "iso8859-1", "latin1", "latin-1", "us-ascii",
                              "ascii", "windows-1252", "cp1252"})
_DC_TITLE = re.compile(rb"<dc:title>([^<]{1,500})</dc:title>")
_FEDERAL_BILL = re.compile(r"(?P<type>[a-z]+)(?P<number>[0-9]+)-(?P<congress>[0-9]+)")
_LARGE = 1 << 20  # a body this large gets a progress bar on a terminal


def fetch(source: str, *, store: Store, base_url: str | None = None,
          state_urls: Mapping[str, str] | None = None, force: bool = False,
          policy: HttpPolicy | None = None, progress: Progress | None = None) -> StoredText:
    """Fetch ``source`` (a govinfo, LegiScan, Open States or leginfo id, or an http(s) URL) into
    ``store``; its stored text.

    ``base_url`` replaces govinfo's, ``state_urls`` the state sources' (by name: ``legiscan``,
    ``openstates``, ``leginfo``; else ``LEGCOMPARE_<NAME>_BASE_URL``); a base URL given here is
    the user's choice, so its own host may be a private address (a mirror, a test server) even
    without ``allow_private``. API keys come from the environment only and are never stored.
    Raises :class:`FetchError` (:class:`OfflineError` offline) when nothing usable was fetched
    and :class:`StoreError` when the store refuses it; in both cases nothing is written.
    """
    fetched, provenance = _download(source, base_url, state_urls, policy or HttpPolicy(),
                                    progress)
    try:
        decoded = None if fetched.format in _BINARY else decode_fetched(
            fetched.data, fetched.charset, where=fetched.url)
        document = read_fetched(fetched.data, provenance, decoded=decoded, where=fetched.url)
    except InputError as exc:
        raise FetchError(f"the response is not a readable text: {exc.message}",
                         where=fetched.url) from None
    title = provenance.title or document.provenance.title or fetched.url
    notes = provenance.notes + (decoded.notes if decoded is not None else ())
    provenance = replace(provenance, title=title, notes=_unique(notes))
    return store.put(provenance.jurisdiction, provenance.document, provenance.version or "",
                     fetched.data, provenance, ext=_EXT[fetched.format], force=force)


def _download(source: str, base_url: str | None, state_urls: Mapping[str, str] | None,
              policy: HttpPolicy, progress: Progress | None) -> tuple[Fetched, Provenance]:
    """The body ``source`` names and what is known of it, through one client."""
    sid = parse_source_id(source)
    state = None if sid is not None or is_url(source) else parse_state_id(source)
    trusted = base_url if sid else None
    if state is not None:
        base, chosen = state_base_url(state.name, state_urls)
        trusted = base if chosen else None
    with HttpClient(policy, trusted=trusted, progress=progress) as client:
        if sid is not None:
            fetched = fetch_govinfo(sid, client=client, base_url=base_url or DEFAULT_BASE_URL)
            return fetched, _govinfo_provenance(sid, fetched)
        if state is not None:
            got = fetch_state(state, client=client, base=base)
            return got.fetched, _fetch_facts(_catalog_known(str(state), got.provenance),
                                             got.fetched)
        if is_url(source):
            fetched = fetch_url(source.strip(), client=client)
            return fetched, _web_provenance(fetched)
    raise FetchError("not a source id or URL (expected govinfo:116/hr/2157@ih, "
                     "legiscan:<doc_id>, openstates:ca/20192020/AB1215@introduced, "
                     "ca:2019-2020/AB1215@chaptered, or an http(s):// URL)", where=source)


def fetch_many(sources: Sequence[str], *, store: Store, base_url: str | None = None,
               state_urls: Mapping[str, str] | None = None, force: bool = False,
               policy: HttpPolicy | None = None,
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
                yield fetch(source, store=store, base_url=base_url, state_urls=state_urls,
                            force=force, policy=policy)
        return
    for source in sources:
        bar = _ByteBar(source) if shown else None
        try:
            stored = fetch(source, store=store, base_url=base_url, state_urls=state_urls,
                           force=force, policy=policy, progress=bar)
        finally:
            if bar is not None:
                bar.close()
        yield stored


def resolve_ref(arg: str, store: Store) -> Document | None:
    """The stored text ``arg`` names (``us-federal/hr2157-116@ih``), read with its provenance;
    ``None`` when ``arg`` is not a store reference or names nothing stored."""
    if store.find(arg) is None:
        return None
    data, provenance = store.read(arg)
    _, charset = parse_content_type(provenance.content_type)
    decoded = None if provenance.format in _BINARY else decode_fetched(data, charset, where=arg)
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


def read_fetched(data: bytes, provenance: Provenance, *, decoded: Decoded | None,
                 citation: CitationForm | None = None, where: str) -> Document:
    """Fetched ``data``, already decoded (``None`` for a PDF or Word file, read as bytes), read
    as a Document whose provenance keeps the SHA-256 of ``data`` itself and each note once. Of
    a leginfo page only the bill is read (:func:`~legcompare.sources.leginfo.bill_page`)."""
    fmt = _INGEST_FORMAT.get(provenance.format)
    if decoded is None:
        document = ingest_bytes(data, provenance, citation=citation, max_bytes=len(data),
                                fmt=fmt, where=where)
    else:
        page, notes = decoded.text, provenance.notes + decoded.notes
        if provenance.source.startswith("ca:") and fmt == "html":
            page, dropped = bill_page(page)
            notes += (Note(NoteKind.PROVENANCE, f"{dropped:,} characters of the page outside "
                           "its bill text (menus, version list) not read", None),)
        text = page.encode("utf-8")  # decoded once, here; the reader gets UTF-8
        document = ingest_bytes(text, replace(provenance, notes=_unique(notes)),
                                citation=citation, max_bytes=len(text), encoding="utf-8",
                                fmt=fmt, where=where)
    p = document.provenance
    return replace(document, provenance=replace(
        p, sha256=hashlib.sha256(data).hexdigest(), notes=_unique(p.notes)))


def _govinfo_provenance(sid: SourceId, fetched: Fetched) -> Provenance:
    """The catalog's metadata when it knows the version, the fetch's facts always."""
    known = Provenance(jurisdiction=sid.jurisdiction, document=sid.document,
                       version=sid.version, title=_title(fetched) or sid.package,
                       source=str(sid))
    return _fetch_facts(_catalog_known(str(sid), known), fetched)


def _catalog_known(source_id: str, known: Provenance) -> Provenance:
    """The catalog's metadata for ``source_id`` when it is the same version, else ``known``."""
    entry = _catalog_entry(source_id)
    if entry is not None and (entry.jurisdiction, entry.document, entry.version) == (
            known.jurisdiction, known.document, known.version):
        note = Note(NoteKind.PROVENANCE, f"metadata from the catalog entry {entry.ref}", None)
        listed = entry.provenance(source=source_id)
        return replace(listed, license=listed.license or known.license,
                       notes=(note, *known.notes))
    return known


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
    """The catalog's citation form for ``ref``; for a federal bill, or a state bill from a state
    source, one derived from the ref."""
    entry = default_catalog().get(ref)
    if entry is not None and entry.citation is not None:
        return entry.citation
    if provenance.jurisdiction != FEDERAL:
        return state_citation(provenance)
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
