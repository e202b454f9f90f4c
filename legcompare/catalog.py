"""The catalog of documents: one entry per version, with its official source id and files.

The catalog is ``texts/catalog.toml``, shipped in the package as ``legcompare/data/catalog.toml``.
It holds metadata only (refs, titles, dates, source ids, file names and SHA-256 digests), never
legislative text. :func:`load_catalog` validates it completely, so code that holds a
:class:`Catalog` can rely on its guarantees: refs, source ids, file base names and file digests
are each unique, every file has a digest, and dates are ISO 8601 (``YYYY``, ``YYYY-MM`` or
``YYYY-MM-DD``: a version known only to the year or month keeps that precision).
"""

from __future__ import annotations

import functools
import re
import tomllib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from importlib.resources import files
from typing import Any

from .errors import LegcompareError
from .model import CitationForm, Provenance

__all__ = ["Catalog", "CatalogError", "Entry", "catalogued", "default_catalog", "load_catalog"]

_DATE = re.compile(r"\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?")
_HEX = re.compile(r"[0-9a-f]{64}")
_STRINGS = ("ref", "jurisdiction", "document", "version", "title", "source")
_OPTIONAL = ("version_date", "as_of", "url", "license")
_KEYS = {*_STRINGS, *_OPTIONAL, "in_force", "partial", "files", "sha256", "citation"}
_CITATION_KEYS = {"style", "prefix", "lowercase_letters", "separator"}


class CatalogError(LegcompareError):
    """The catalog data is malformed (bad TOML, a missing or mistyped key, a duplicate)."""


@dataclass(frozen=True)
class Entry:
    """One version of one document, as the catalog lists it."""

    ref: str
    """The store reference ``<jurisdiction>/<document>@<version>``, e.g.
    ``us-federal/hr2157-116@ih``."""
    jurisdiction: str
    """``us``, ``us-ca``, ``us-ny``, ``us-ca-oakland`` ... (lower case)."""
    document: str
    """The document within its jurisdiction (``hr2157-116``, ``s4457-2023``, ``pen-832.19``)."""
    version: str
    """The version or print (``ih``, ``enr``, ``original``, ``a``, ``current``)."""
    title: str
    """A human title naming the document and the version."""
    source: str
    """The official source id (``govinfo:116/hr/2157@ih``), else the URL the text came from."""
    url: str | None
    """Where a reader finds this version."""
    files: tuple[str, ...]
    """Corpus-relative names of the files holding this version (text, XML, HTML)."""
    sha256: Mapping[str, str] = field(hash=False)
    """SHA-256 (hex) of each file in ``files``, by the same name. Do not mutate."""
    version_date: str | None = None
    """The date of this version, ISO 8601 (possibly only ``YYYY`` or ``YYYY-MM``)."""
    as_of: str | None = None
    """For codified law, the date the text is current as of, when known."""
    in_force: bool | None = None
    """Whether the text is law in force; ``None`` for bills and drafts, or when unknown."""
    partial: bool = False
    """True when part of the text was not retrieved."""
    license: str | None = None
    """A licence needing attribution (``CC BY 4.0 (LegiScan)``), else ``None`` (public domain)."""
    citation: CitationForm | None = None
    """How provisions of this document are cited; ``None`` cites by clause id alone."""

    def provenance(self, *, source: str) -> Provenance:
        """The provenance of this version as obtained through ``source`` (``file``, a source id).

        ``sha256`` is left empty: the ingester fills it from the bytes it actually read.
        """
        return Provenance(jurisdiction=self.jurisdiction, document=self.document,
                          version=self.version, title=self.title, source=source, url=self.url,
                          version_date=self.version_date, as_of=self.as_of,
                          in_force=self.in_force, license=self.license, partial=self.partial)


def _date_key(date: str | None) -> tuple[int, int, int]:
    """Chronological key; a date known only to the year or month sorts as its last day."""
    if date is None:
        return (9999, 99, 99)
    parts = [int(p) for p in date.split("-")]
    return (parts[0], parts[1] if len(parts) > 1 else 99, parts[2] if len(parts) > 2 else 99)


def _base(name: str) -> str:
    return name.rsplit("/", 1)[-1]


@dataclass(frozen=True)
class Catalog:
    """All entries, with lookups. Construction checks that refs, sources, file base names and
    file digests are unique, so every lookup has at most one answer."""

    entries: tuple[Entry, ...]
    _by_ref: dict[str, Entry] = field(init=False, repr=False, compare=False)
    _by_source: dict[str, Entry] = field(init=False, repr=False, compare=False)
    _by_sha256: dict[str, Entry] = field(init=False, repr=False, compare=False)
    _by_name: dict[str, Entry] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        indexes: dict[str, dict[str, Entry]] = {"ref": {}, "source": {}, "sha256": {}, "name": {}}
        for entry in self.entries:
            keys = {"ref": [entry.ref], "source": [entry.source],
                    "sha256": list(entry.sha256.values()), "name": [_base(f) for f in entry.files]}
            for kind, values in keys.items():
                for value in values:
                    other = indexes[kind].setdefault(value, entry)
                    if other is not entry:
                        raise CatalogError(f"{entry.ref} repeats the {kind} {value!r} "
                                           f"of {other.ref}", where="catalog")
        for kind, index in indexes.items():
            object.__setattr__(self, f"_by_{kind}", index)

    def get(self, ref: str) -> Entry | None:
        """The entry with this store reference, if any."""
        return self._by_ref.get(ref)

    def by_source(self, source_id: str) -> Entry | None:
        """The entry with this official source id (or source URL), if any."""
        return self._by_source.get(source_id)

    def match_file(self, name: str, sha256: str) -> Entry | None:
        """The entry a file belongs to: by digest first (a renamed but unchanged file still
        matches), else by exact base name (a changed file with a known name matches)."""
        return self._by_sha256.get(sha256.lower()) or self._by_name.get(_base(name))

    def versions_of(self, jurisdiction: str, document: str) -> tuple[Entry, ...]:
        """Every version of one document, oldest first (ties and undated versions by ref)."""
        found = [e for e in self.entries
                 if e.jurisdiction == jurisdiction and e.document == document]
        return tuple(sorted(found, key=lambda e: (_date_key(e.version_date), e.ref)))


def _entry(raw: Any, n: int) -> Entry:
    """One validated entry; ``n`` (1-based) names it in error messages."""
    if not isinstance(raw, dict):
        raise CatalogError(f"entry {n} is not a table", where="catalog")
    label = f"entry {n} ({raw.get('ref', 'no ref')})"

    def bad(message: str) -> CatalogError:
        return CatalogError(f"{label}: {message}", where="catalog")

    if unknown := sorted(set(raw) - _KEYS):
        raise bad(f"unknown key {unknown[0]!r}")
    for key in _STRINGS:
        if not isinstance(raw.get(key), str) or not raw[key]:
            raise bad(f"{key!r} must be a non-empty string")
    for key in _OPTIONAL:
        if raw.get(key) is not None and not isinstance(raw[key], str):
            raise bad(f"{key!r} must be a string")
    for key in ("version_date", "as_of"):
        if raw.get(key) is not None and not _DATE.fullmatch(raw[key]):
            raise bad(f"{key!r} is not an ISO 8601 date: {raw[key]!r}")
    if raw["ref"] != f"{raw['jurisdiction']}/{raw['document']}@{raw['version']}":
        raise bad("ref is not <jurisdiction>/<document>@<version>")
    if not isinstance(raw.get("in_force", False), bool) or not isinstance(
            raw.get("partial", False), bool):
        raise bad("'in_force' and 'partial' must be true or false")
    names = raw.get("files")
    if not isinstance(names, list) or not names or not all(isinstance(f, str) for f in names):
        raise bad("'files' must be a non-empty list of file names")
    digests = raw.get("sha256")
    if not isinstance(digests, dict) or set(digests) != set(names):
        raise bad("'sha256' must give one digest for each of 'files'")
    if not all(isinstance(d, str) and _HEX.fullmatch(d) for d in digests.values()):
        raise bad("a 'sha256' digest is not 64 lower-case hex digits")
    return Entry(ref=raw["ref"], jurisdiction=raw["jurisdiction"], document=raw["document"],
                 version=raw["version"], title=raw["title"], source=raw["source"],
                 url=raw.get("url"), files=tuple(names), sha256=dict(digests),
                 version_date=raw.get("version_date"), as_of=raw.get("as_of"),
                 in_force=raw.get("in_force"), partial=raw.get("partial", False),
                 license=raw.get("license"), citation=_citation(raw.get("citation"), bad))


def _citation(raw: Any, bad: Callable[[str], CatalogError]) -> CitationForm | None:
    if raw is None:
        return None
    if not isinstance(raw, dict) or set(raw) - _CITATION_KEYS:
        raise bad(f"'citation' takes only {sorted(_CITATION_KEYS)}")
    style_ok = raw.get("style") in ("code", "bill", "section")
    if not style_ok or not isinstance(raw.get("prefix"), str):
        raise bad("'citation' needs style 'code', 'bill' or 'section' and a string prefix")
    if not isinstance(raw.get("lowercase_letters", False), bool) or not isinstance(
            raw.get("separator", " "), str):
        raise bad("'citation.lowercase_letters' must be a boolean, 'separator' a string")
    return CitationForm(style=raw["style"], prefix=raw["prefix"],
                        lowercase_letters=raw.get("lowercase_letters", False),
                        separator=raw.get("separator", " "))


def load_catalog(data: bytes | str) -> Catalog:
    """Parse and validate catalog TOML. Raises :class:`CatalogError` on any defect."""
    try:
        raw = tomllib.loads(data.decode("utf-8") if isinstance(data, bytes) else data)
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise CatalogError(f"not valid TOML: {exc}", where="catalog") from None
    if set(raw) != {"entries"} or not isinstance(raw["entries"], list):
        raise CatalogError("expected only an [[entries]] array of tables", where="catalog")
    return Catalog(tuple(_entry(item, n) for n, item in enumerate(raw["entries"], 1)))


@functools.cache
def default_catalog() -> Catalog:
    """The catalog shipped with the package, loaded once per process."""
    return load_catalog(_packaged_bytes())


@functools.cache
def _packaged_bytes() -> bytes:
    resource = files("legcompare") / "data" / "catalog.toml"
    try:
        return resource.read_bytes()
    except OSError as exc:
        raise CatalogError(f"cannot read the packaged catalog: {exc.strerror or exc}",
                           where=str(resource)) from None


def catalogued(name: str, sha256: str) -> Entry | None:
    """``default_catalog().match_file(name, sha256)``, without parsing the catalog (about 11
    ms) for a file it cannot hold: one whose digest and base name its text does not contain.
    Exact, since a digest or a file name stands in the TOML as written, unless the text has
    an escape (a backslash), and then it is parsed."""
    data = _packaged_bytes()
    if sha256.lower().encode() not in data and _base(name).encode("utf-8") not in data and \
            b"\\" not in data:
        return None
    return default_catalog().match_file(name, sha256)
