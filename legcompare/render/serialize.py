"""The model as JSON-ready dictionaries, with the contract's keys in the contract's order."""

from __future__ import annotations

import hashlib
from importlib import resources
from typing import Any

from .. import __version__
from ..model import Clause, Note, Provenance

_PROVENANCE_KEYS = ("jurisdiction", "document", "version", "title", "source", "url", "final_url",
                    "retrieved_at", "version_date", "as_of", "in_force", "sha256", "format",
                    "content_type", "license", "partial")


def provenance(p: Provenance) -> dict[str, Any]:
    out: dict[str, Any] = {key: getattr(p, key) for key in _PROVENANCE_KEYS}
    out["notes"] = [note(n) for n in p.notes]
    return out


def note(n: Note) -> dict[str, Any]:
    return {"kind": n.kind.value, "text": n.text, "span": list(n.span) if n.span else None}


def clause(c: Clause, *, children: bool = True) -> dict[str, Any]:
    """A clause; with ``children=False`` the ``children`` key is left out (diff pairs)."""
    role = c.role
    out: dict[str, Any] = {
        "id": c.id,
        "label": c.label,
        # ``_value_`` is ``value`` without the property's descriptor call (a diff writes
        # hundreds of thousands of them)
        "kind": c.kind._value_,
        "role": role._value_ if role else None,
        "heading": c.heading,
        "citation": c.citation,
        "text": c.text,
        "span": list(c.span),
        "label_span": list(c.label_span) if c.label_span else None,
        "locator": c.locator,
        "term": c.term,
        "quoted_in": c.quoted_in,
    }
    if children:
        out["children"] = [clause(ch) for ch in c.children]
    return out


def rules_sha256() -> str:
    """SHA-256 over the packaged rule files (names and bytes, in name order)."""
    digest = hashlib.sha256()
    folder = resources.files("legcompare") / "assess" / "rules"
    if folder.is_dir():
        for item in sorted(folder.iterdir(), key=lambda f: f.name):
            if item.name.endswith(".toml"):
                digest.update(item.name.encode() + b"\0" + item.read_bytes())
    return digest.hexdigest()


def generator(options: dict[str, Any]) -> dict[str, Any]:
    return {"name": "legcompare", "version": __version__, "rules_sha256": rules_sha256(),
            "options": options}
