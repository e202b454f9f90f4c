"""Turning a DOC argument into a Document (files now; sources and the store come with fetch)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from .errors import InputError
from .ingest import DEFAULT_MAX_BYTES, load_path
from .model import Document


def resolve(arg: str, *, max_bytes: int = DEFAULT_MAX_BYTES, encoding: str | None = None,
            partial: bool = False) -> Document:
    """Read the document named by ``arg``: an existing file path.

    ``partial`` marks the document partial even without gap markers (``--partial``).
    """
    path = Path(arg)
    if path.exists():
        document = load_path(path, max_bytes=max_bytes, encoding=encoding)
    else:
        raise InputError("no such file", where=arg)
    if partial and not document.provenance.partial:
        document = replace(document, provenance=replace(document.provenance, partial=True))
    return document
