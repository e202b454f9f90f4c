"""Plain text: print furniture out, the rest is the display text; then the amendment markup its
print convention shows (New York's capitals and brackets, Virginia's brackets: see
:mod:`.markup_text`)."""

from __future__ import annotations

from dataclasses import replace

from ..model import Document, Provenance
from .layout import strip_furniture
from .markup_text import read_conventions


def parse_text(text: str, provenance: Provenance) -> Document:
    """A plain-text document. Gap markers make it partial (see :mod:`.layout`)."""
    layout = strip_furniture(text)
    if layout.partial and not provenance.partial:
        provenance = replace(provenance, partial=True)
    return read_conventions(Document(text=layout.text, provenance=provenance,
                                     notes=layout.notes, lines=layout.lines))
