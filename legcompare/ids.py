"""Clause ids: the one naming scheme, used by the text splitter and the XML readers alike.

An id is the path of normalised parts from the root (``div-b/t-ii/s101/a/1``). Numbered parts
come from their labels (:meth:`legcompare.split.labels.Label.id_part`); unnumbered parts are
named here: ``p3`` (the third block), ``proviso-2``, ``q`` (quoted matter), ``h-<heading>``,
``def-<term>``, or a fixed name (``front``, ``enacting``, ``digest``). A path that repeats gets
``~2``, ``~3`` in document order.
"""

from __future__ import annotations

import functools
import re

from .model import Kind


def slug(text: str, words: int = 6) -> str:
    """The first words of ``text``, lower case, joined by hyphens (``x`` if none)."""
    return "-".join(re.findall(r"[a-z0-9]+", text.lower())[:words]) or "x"


def unnumbered_part(kind: Kind, *, ordinal: int = 0, heading: str | None = None,
                    term: str | None = None, name: str | None = None) -> str:
    """The id part of a clause without a label."""
    if name:
        return name
    if kind is Kind.BLOCK:
        return f"p{ordinal}"
    if kind is Kind.PROVISO:
        return f"proviso-{ordinal}"
    if kind is Kind.QUOTED:
        return "q"
    if kind is Kind.HEADING:
        return "h-" + slug(heading or "")
    if kind is Kind.DEFINITION:
        return "def-" + slug(term or "")
    return str(kind.value)


class Paths:
    """Hands out unique paths: the second ``a/1`` becomes ``a/1~2``, in the order asked."""

    def __init__(self) -> None:
        self._seen: dict[str, int] = {}

    def __call__(self, prefix: str, part: str) -> str:
        path = f"{prefix}/{part}" if prefix else part
        n = self._seen[path] = self._seen.get(path, 0) + 1
        return f"{path}~{n}" if n > 1 else path


@functools.lru_cache(maxsize=4096)
def label_designation(label: str) -> str:
    """A label's designation as instructions name it, lower case, however it is printed:
    ``(A)`` and ``A.`` → ``a``, ``SEC. 2.`` → ``2``, ``§ 50-B.`` and ``§50-B.`` → ``50-b``."""
    label = _SECTION_WORD.sub("", label)
    return label.strip().strip("()").rstrip(".").strip("()").lower()


_SECTION_WORD = re.compile(r"(?i)^\s*(?:sec(?:tion)?\.?|§+|art(?:icle)?\.?)\s*")
_COUNTED = re.compile(r"(?<![^/])(?:p|proviso-)\d+(?![^/~])")
_NAMESAKE = re.compile(r"~\d+(?![^/])")


def numbered_path(clause_id: str) -> str:
    """An id without the parts that only count unnumbered siblings (``p2``, ``proviso-1``: see
    :func:`unnumbered_part`) or tell namesakes apart (``~2``: see :class:`Paths`), which no
    print shows: ``t-i/p2/proviso-1`` and ``t-i/p3/proviso-2`` are both ``t-i/#/#``."""
    return _COUNTED.sub("#", _NAMESAKE.sub("", clause_id))
