"""The store: fetched texts and their provenance, one folder per document.

Layout: ``<root>/<jurisdiction>/<document>/<version>.<ext>`` (the bytes, as fetched) with
``<version>.json`` beside it (the provenance, the contract's keys in the contract's order).

Guarantees:

* A reference must match :data:`REF` and resolve inside the root; anything else (``../x@y``, a
  symlink leading out) is a :class:`StoreError`, so no path outside the store is ever touched.
* Writes are atomic (a temporary file in the same folder, then ``os.replace``), the bytes
  before the provenance, so a reader never sees half a file. A version counts as stored once
  its ``.json`` exists.
* Storing the same bytes again changes nothing; different bytes for a stored version are
  refused unless ``force``.
* :meth:`Store.read` checks the bytes against the provenance's SHA-256.
* The bytes are kept as fetched (raw, not re-encoded), so a text can be read again by newer
  readers; the root is ``$LEGCOMPARE_STORE``, else the user data directory
  (:func:`default_root`), unless the caller (``--store``, ``legcompare.toml``) names another.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import platformdirs

from .errors import StoreError
from .model import Note, NoteKind, Provenance
from .output import replace_atomically
from .render.serialize import provenance as provenance_dict

__all__ = ["EXTENSIONS", "REF", "Store", "StoredText", "default_root", "split_ref"]

REF = re.compile(r"^[a-z0-9-]+/[a-z0-9._-]+@[a-z0-9._-]+$")
"""What a store reference looks like: ``<jurisdiction>/<document>@<version>``."""
EXTENSIONS = ("xml", "htm", "html", "txt", "pdf", "docx")
"""The extensions a stored text may have."""


@dataclass(frozen=True)
class StoredText:
    """One stored version."""

    ref: str
    """Its store reference, ``us-federal/hr2157-116@ih``."""
    path: Path
    """The file holding the bytes."""
    provenance_path: Path
    """The ``.json`` file holding the provenance."""
    provenance: Provenance
    """Where the bytes came from."""


def default_root() -> Path:
    """``$LEGCOMPARE_STORE`` if set, else the user data directory's ``legcompare/store``."""
    configured = os.environ.get("LEGCOMPARE_STORE", "").strip()
    if configured:
        return Path(configured).expanduser()
    return Path(platformdirs.user_data_dir("legcompare")) / "store"


def split_ref(ref: str) -> tuple[str, str, str]:
    """(jurisdiction, document, version) of a valid reference, else :class:`StoreError`."""
    if not REF.fullmatch(ref):
        raise StoreError("not a store reference (expected <jurisdiction>/<document>@<version>, "
                         "such as us-federal/hr2157-116@ih)", where=ref)
    place, version = ref.split("@")
    jurisdiction, document = place.split("/")
    if document.startswith(".") or version.startswith("."):
        raise StoreError("a store reference part may not start with '.'", where=ref)
    return jurisdiction, document, version


class Store:
    """The texts under ``root`` (created on the first write)."""

    def __init__(self, root: Path) -> None:
        self.root = Path(root)

    def put(self, jurisdiction: str, document: str, version: str, data: bytes,
            provenance: Provenance, *, ext: str, force: bool = False) -> StoredText:
        """Store ``data`` as that version. Same bytes as stored: nothing is written. Different
        bytes: :class:`StoreError` unless ``force``, which replaces bytes and provenance."""
        ref = f"{jurisdiction}/{document}@{version}"
        folder = self._folder(ref)
        if ext not in EXTENSIONS:
            raise StoreError(f"cannot store a .{ext} file (one of {', '.join(EXTENSIONS)})",
                             where=ref)
        if (provenance.jurisdiction, provenance.document, provenance.version) != (
                jurisdiction, document, version):
            raise StoreError("the provenance names another document or version", where=ref)
        existing = self._existing(ref, force)
        if existing is not None:
            if _sha256(existing.path) == hashlib.sha256(data).hexdigest():
                return existing
            if not force:
                raise StoreError("already stored with different content; use --force", where=ref)
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"{version}.{ext}"
        _write_atomic(path, data, ref)
        text = json.dumps(provenance_dict(provenance), ensure_ascii=False, indent=2) + "\n"
        _write_atomic(folder / f"{version}.json", text.encode("utf-8"), ref)
        for other in _data_files(folder, version):
            if other != path:
                other.unlink(missing_ok=True)
        return StoredText(ref, path, folder / f"{version}.json", provenance)

    def find(self, arg: str) -> StoredText | None:
        """The stored version ``arg`` names, or ``None`` when ``arg`` is no store reference
        (:data:`REF`) or names nothing stored."""
        return self.get(arg) if REF.fullmatch(arg) else None

    def get(self, ref: str) -> StoredText | None:
        """The stored version ``ref`` names, or ``None`` when it is not stored."""
        folder = self._folder(ref)
        version = ref.split("@")[1]
        meta = folder / f"{version}.json"
        if not meta.is_file():
            return None
        provenance = _load_provenance(meta, ref)
        files = _data_files(folder, version)
        if len(files) > 1:  # a forced replacement was interrupted: the provenance decides
            files = [f for f in files if _sha256(f) == provenance.sha256] or files
        if not files:
            raise StoreError(f"the provenance {meta} has no text beside it", where=ref)
        return StoredText(ref, files[0], meta, provenance)

    def read(self, ref: str) -> tuple[bytes, Provenance]:
        """The stored bytes and provenance; :class:`StoreError` if not stored or altered."""
        stored = self.get(ref)
        if stored is None:
            raise StoreError("not in the store", where=ref)
        try:
            data = stored.path.read_bytes()
        except OSError as exc:
            raise StoreError(f"cannot read {stored.path}: {exc.strerror}", where=ref) from None
        if stored.provenance.sha256 and hashlib.sha256(data).hexdigest() != (
                stored.provenance.sha256):
            raise StoreError(f"{stored.path} does not match the SHA-256 in its provenance "
                             "(changed after it was stored); fetch it again with --force",
                             where=ref)
        return data, stored.provenance

    def list(self, *, problems: list[StoreError] | None = None) -> list[StoredText]:
        """Every readable stored version, sorted by reference. An entry that cannot be read
        (its provenance damaged, its text missing) is left out, and its error appended to
        ``problems`` when given: one bad entry does not hide the others."""
        found: list[StoredText] = []
        for meta in sorted(self.root.glob("*/*/*.json")):
            ref = f"{meta.parent.parent.name}/{meta.parent.name}@{meta.stem}"
            if not REF.fullmatch(ref):
                continue
            try:
                stored = self.get(ref)
            except StoreError as exc:
                if problems is not None:
                    problems.append(exc)
                continue
            if stored is not None:
                found.append(stored)
        return sorted(found, key=lambda s: s.ref)

    def find_url(self, url: str) -> StoredText | None:
        """The stored text fetched from ``url`` (the URL asked for, as its provenance says);
        the one retrieved last when there are several; ``None`` when there is none."""
        matches = [s for s in self.list() if s.provenance.url == url]
        return max(matches, key=lambda s: (s.provenance.retrieved_at or "", s.ref), default=None)

    def _existing(self, ref: str, force: bool) -> StoredText | None:
        """The stored version; with ``force``, an unreadable one counts as not stored."""
        try:
            return self.get(ref)
        except StoreError:
            if force:
                return None
            raise

    def _folder(self, ref: str) -> Path:
        """The folder of ``ref``'s document, checked to lie inside the root."""
        jurisdiction, document, _ = split_ref(ref)
        root = self.root.resolve()
        folder = (root / jurisdiction / document).resolve()
        if not folder.is_relative_to(root) or folder == root:
            raise StoreError("resolves outside the store", where=ref)
        return folder


def _data_files(folder: Path, version: str) -> list[Path]:
    return [folder / f"{version}.{ext}" for ext in EXTENSIONS
            if (folder / f"{version}.{ext}").is_file()]


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _write_atomic(path: Path, data: bytes, ref: str) -> None:
    """``path`` holds either its old bytes or ``data``, never a mix."""
    try:
        replace_atomically(path, data)
    except OSError as exc:
        raise StoreError(f"cannot write {path}: {exc.strerror}", where=ref) from None


def _load_provenance(meta: Path, ref: str) -> Provenance:
    """The provenance in ``meta``; :class:`StoreError` if unreadable or malformed."""
    try:
        raw = json.loads(meta.read_text(encoding="utf-8"))
        return _provenance(raw)
    except OSError as exc:
        raise StoreError(f"cannot read {meta}: {exc.strerror}", where=ref) from None
    except (ValueError, TypeError, KeyError) as exc:
        raise StoreError(f"malformed provenance in {meta}: {exc}", where=ref) from None


_STR = ("jurisdiction", "document", "source", "sha256", "format")
_OPT_STR = ("version", "title", "url", "final_url", "retrieved_at", "version_date", "as_of",
            "content_type", "license")


def _provenance(raw: Any) -> Provenance:
    """A :class:`Provenance` from its JSON form, every key type-checked."""
    if not isinstance(raw, dict):
        raise TypeError("not a JSON object")
    for key in _STR:
        if not isinstance(raw[key], str):
            raise TypeError(f"{key!r} must be a string")
    for key in _OPT_STR:
        if raw.get(key) is not None and not isinstance(raw[key], str):
            raise TypeError(f"{key!r} must be a string or null")
    if not isinstance(raw.get("in_force", False), bool | None) or not isinstance(
            raw.get("partial"), bool):
        raise TypeError("'in_force' must be true, false or null and 'partial' true or false")
    fields = {key: raw[key] for key in _STR} | {key: raw.get(key) for key in _OPT_STR}
    return Provenance(**fields, in_force=raw.get("in_force"), partial=raw["partial"],
                      notes=tuple(_note(n) for n in raw.get("notes") or []))


def _note(raw: Any) -> Note:
    span = raw["span"]
    if span is not None and not (isinstance(span, list) and len(span) == 2
                                 and all(isinstance(i, int) for i in span)):
        raise TypeError("a note's 'span' must be [start, end] or null")
    if not isinstance(raw["text"], str):
        raise TypeError("a note's 'text' must be a string")
    return Note(NoteKind(raw["kind"]), raw["text"], (span[0], span[1]) if span else None)
