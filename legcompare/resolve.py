"""Turning a DOC argument into a Document.

The order is the contract's: an existing file path, then a source id (fetched into the store
unless it is already there), then a store reference (``us-federal/hr2157-116@ih``).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from .errors import InputError
from .ingest import DEFAULT_MAX_BYTES, load_path
from .model import Document


@dataclass(frozen=True)
class Resolver:
    """How DOC arguments are read: limits, encoding, and where fetched texts go."""

    max_bytes: int = DEFAULT_MAX_BYTES
    encoding: str | None = None
    partial: bool = False
    store: Path | None = None
    base_url: str | None = None
    offline: bool = False

    def __call__(self, arg: str) -> Document:
        document = self._read(arg)
        if self.partial and not document.provenance.partial:
            document = replace(document, provenance=replace(document.provenance, partial=True))
        return document

    def _read(self, arg: str) -> Document:
        path = Path(arg)
        if path.exists():
            return load_path(path, max_bytes=self.max_bytes, encoding=self.encoding)
        from .fetch import fetch, resolve_ref
        from .sources import parse_source_id
        from .store import Store, default_root

        store = Store(self.store or default_root())
        sid = parse_source_id(arg) if ":" in arg and not arg.startswith(("http:", "https:")) \
            else None
        if sid is not None:
            if store.get(sid.ref) is None:
                fetch(arg, store=store, base_url=self.base_url, max_bytes=self.max_bytes,
                      offline=self.offline)
            found = resolve_ref(sid.ref, store)
            assert found is not None
            return found
        if arg.startswith(("http://", "https://")):
            raise InputError("fetching arbitrary URLs is not supported yet; download the page "
                             "and give its file, or use a govinfo: source id", where=arg)
        found = resolve_ref(arg, store)
        if found is not None:
            return found
        raise InputError("no such file, source id or stored text (see `legcompare list`)",
                         where=arg)


def resolve(arg: str, *, max_bytes: int = DEFAULT_MAX_BYTES, encoding: str | None = None,
            partial: bool = False) -> Document:
    """Read the document named by ``arg`` with default settings (see :class:`Resolver`)."""
    return Resolver(max_bytes=max_bytes, encoding=encoding, partial=partial)(arg)
