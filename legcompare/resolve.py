"""Turning a DOC argument into a Document.

The order is the contract's: an existing file path, then a source id or an http(s) URL (fetched
into the store unless it is already there), then a store reference
(``us-federal/hr2157-116@ih``). A source already stored is read from the store without any
network access, so offline mode can still read it.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from .errors import InputError, LegcompareError
from .ingest import DEFAULT_MAX_BYTES, load_path
from .model import Document
from .sources.policy import HttpPolicy

if TYPE_CHECKING:
    from .store import Store


@dataclass(frozen=True)
class Resolver:
    """How DOC arguments are read: limits, encoding, and where fetched texts go."""

    max_bytes: int = DEFAULT_MAX_BYTES
    """The most bytes an input (a file, a response) may have."""
    encoding: str | None = None
    """The character encoding of files that do not say (``--encoding``)."""
    partial: bool = False
    """Mark every document partial (``--partial``)."""
    store: Path | None = None
    """The store (default: :func:`~legcompare.store.default_root`)."""
    base_url: str | None = None
    """govinfo's base URL, when the user set one (its host may then be private)."""
    state_urls: tuple[tuple[str, str], ...] = ()
    """(name, base URL) of the state sources the user set (``legiscan``, ``openstates``,
    ``leginfo``); the others use ``LEGCOMPARE_<NAME>_BASE_URL`` or the service's own."""
    offline: bool = False
    """Refuse all network access; stored texts are still read."""
    allow_private: bool = False
    """Permit fetching from loopback and private addresses."""
    http: HttpPolicy | None = None
    """Timeouts, deadline and rate limit (``max_bytes``, ``offline`` and ``allow_private``
    above override the policy's)."""

    def __call__(self, arg: str) -> Document:
        document = self._read(arg)
        if self.partial and not document.provenance.partial:
            document = replace(document, provenance=replace(document.provenance, partial=True))
        return document

    def _read(self, arg: str) -> Document:
        from .markup import parse_side

        base, which = parse_side(arg)
        if which is not None:
            return self._side(Path(base), which)
        path = Path(arg)
        if path.exists():
            return load_path(path, max_bytes=self.max_bytes, encoding=self.encoding)
        from .fetch import resolve_ref

        store = self.opened_store()
        found = resolve_ref(self._stored_ref(arg, store), store)
        if found is not None:
            return found
        raise InputError("no such file, source id or stored text (see `legcompare list`)",
                         where=arg)

    def size_of(self, arg: str) -> int | None:
        """The size in bytes of what ``arg`` names, where it is known without reading it or
        fetching anything: a file's, or a stored text's (a source id already fetched included);
        ``None`` otherwise (a side of a file's markup, a source id not yet fetched, nothing)."""
        from .markup import parse_side

        if parse_side(arg)[1] is not None:
            return None
        try:
            path = Path(arg)
            if path.exists():
                return path.stat().st_size if path.is_file() else None
            store = self.opened_store()
            ref = self._known_ref(arg, store)
            stored = store.find(ref) if ref is not None else None
            return stored.path.stat().st_size if stored is not None else None
        except (LegcompareError, OSError):  # (reading it will say what is wrong)
            return None

    def opened_store(self) -> Store:
        """The store fetched texts go to and stored texts are read from (:attr:`store`, else
        the user's data directory)."""
        from .store import Store, default_root

        return Store(self.store or default_root())

    def _side(self, path: Path, which: str) -> Document:
        """``FILE@before`` / ``FILE@after``: one side of the file's own amendment markup (the
        before side keeps the file's clause tree, so each provision meets itself)."""
        from .current_law import before_side
        from .markup import side

        document = load_path(path, max_bytes=self.max_bytes, encoding=self.encoding)
        return before_side(document) if which == "before" else side(document, "after")

    def _stored_ref(self, arg: str, store: Store) -> str:
        """The store reference ``arg`` stands for: a source (id or URL) is fetched unless it is
        stored already; anything else is taken as a store reference."""
        from .fetch import fetch

        known = self._known_ref(arg, store)
        if known is not None:
            return known
        return fetch(arg, store=store, base_url=self.base_url, state_urls=dict(self.state_urls),
                     policy=self.policy()).ref

    def _known_ref(self, arg: str, store: Store) -> str | None:
        """:meth:`_stored_ref` without fetching: ``None`` for a source not stored yet."""
        from .sources import is_url, parse_source_id, parse_state_id
        from .sources.states import stored as state_stored

        if is_url(arg):
            stored = store.find_url(arg.strip())
            if stored is not None:
                return stored.ref
        else:
            sid = parse_source_id(arg) if ":" in arg else None
            state = parse_state_id(arg) if ":" in arg and sid is None else None
            if sid is None and state is None:
                return arg
            if sid is not None and store.get(sid.ref) is not None:
                return sid.ref
            found = state_stored(store, state) if state is not None else None
            if found is not None:
                return found.ref
        return None

    def policy(self) -> HttpPolicy:
        """The HTTP policy fetches use: :attr:`http` with this resolver's limits."""
        return replace(self.http or HttpPolicy(), max_bytes=self.max_bytes,
                       offline=self.offline, allow_private=self.allow_private)


def resolve(arg: str, *, max_bytes: int = DEFAULT_MAX_BYTES, encoding: str | None = None,
            partial: bool = False) -> Document:
    """Read the document named by ``arg`` with default settings (see :class:`Resolver`)."""
    return Resolver(max_bytes=max_bytes, encoding=encoding, partial=partial)(arg)
