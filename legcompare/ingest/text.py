"""Plain text: print furniture out, the rest is the display text."""

from __future__ import annotations

from dataclasses import replace

from ..model import Document, Provenance
from .layout import strip_furniture


def parse_text(text: str, provenance: Provenance) -> Document:
    """A plain-text document. Gap markers make it partial (see :mod:`.layout`)."""
    layout = strip_furniture(text)
    if layout.partial and not provenance.partial:
        provenance = replace(provenance, partial=True)
    return Document(text=layout.text, provenance=provenance, notes=layout.notes,
                    lines=layout.lines)
