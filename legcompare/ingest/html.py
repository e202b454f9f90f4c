"""HTML: the text of a page, one line per block, for the plain-text reader.

Stage guarantees (``parse_html``):

* govinfo's ``.htm`` bill renderings (a ``<pre>`` block of the printed text and nothing else)
  are read from the ``<pre>`` text verbatim, so print furniture, line numbers and page headers
  are handled exactly as in a ``.txt`` file.
* Any other page is parsed with BeautifulSoup (lxml) and flattened: ``<script>``, ``<style>``,
  ``<noscript>``, ``<template>``, ``<textarea>`` and embedded frames and objects are dropped
  with their content, and so are comments (an ``editorial`` note says how many script and
  style elements went); block elements (``title``, ``p``, ``div``, ``li``, ``h1``–``h6``,
  ``tr``, ``br``, ``pre``, ``blockquote``, ``section``, ``article`` ...) become lines; inline
  text is joined and its runs of spaces collapsed; entities are decoded. Only text nodes reach
  the display text, so no markup (tags, attributes such as ``onerror=``) ever does. The page
  title also fills an empty provenance title.
* Struck and inserted markup (``<del>``, ``<s>``, ``<ins>``, ``<u>``) is flattened for now: all
  of its text is kept, struck text included.
"""

from __future__ import annotations

import re
from dataclasses import replace

from bs4 import BeautifulSoup, Comment, Doctype, NavigableString, ProcessingInstruction, Tag

from ..model import Document, Note, NoteKind, Provenance
from .text import parse_text
from .xml import fill

_DROPPED = frozenset({"script", "style", "noscript", "template", "textarea", "iframe", "object",
                      "embed"})
_BLOCKS = frozenset({
    "p", "div", "li", "ul", "ol", "dl", "dt", "dd", "h1", "h2", "h3", "h4", "h5", "h6", "tr",
    "table", "thead", "tbody", "tfoot", "caption", "pre", "blockquote", "section", "article",
    "header", "footer", "main", "aside", "nav", "address", "figure", "figcaption", "hr", "title",
    "body", "html", "form", "fieldset", "center",
})
_CELLS = frozenset({"td", "th"})
_SPACES = re.compile(r"[^\S\n]+")


def parse_html(text: str, provenance: Provenance) -> Document:
    """An HTML document (see the module docstring for the guarantees)."""
    soup = BeautifulSoup(text, "lxml")
    title = soup.title.get_text(" ", strip=True) if soup.title is not None else None
    provenance = fill(provenance, title=title, fmt="html", content_type="text/html")
    pre = _govinfo_pre(soup)
    if pre is not None:
        return parse_text(pre, provenance)
    dropped = _drop_hidden(soup)
    document = parse_text(_render(soup), provenance)
    if not dropped:
        return document
    note = Note(NoteKind.EDITORIAL, f"dropped {dropped} script/style element(s) of the page",
                None)
    return replace(document, notes=(note, *document.notes))


def _govinfo_pre(soup: BeautifulSoup) -> str | None:
    """The text of the one ``<pre>`` when the page holds nothing else (govinfo's renderings)."""
    pres = soup.find_all("pre")
    if len(pres) != 1:
        return None
    pre = pres[0]
    outside = "".join(s for s in soup.find_all(string=True)
                      if isinstance(s, NavigableString) and not isinstance(s, Comment | Doctype)
                      and pre not in s.parents and (s.parent is None or s.parent.name != "title"))
    if outside.strip():
        return None
    return str(pre.get_text()).lstrip("\n")


def _drop_hidden(soup: BeautifulSoup) -> int:
    """Remove scripts, styles and comments; the number of script and style elements removed."""
    count = 0
    for tag in soup.find_all(_DROPPED):
        if tag.name in ("script", "style"):
            count += 1
        tag.decompose()
    for node in soup.find_all(string=lambda s: isinstance(s, Comment | ProcessingInstruction)):
        node.extract()
    return count


def _render(soup: BeautifulSoup) -> str:
    """Lines of text: block elements on their own lines, inline text joined, spaces collapsed.

    Iterative, so that deeply nested (or broken) markup cannot exhaust the stack.
    """
    out: list[str] = []
    stack: list[tuple[object, bool]] = [(soup, False)]
    while stack:
        node, leaving = stack.pop()
        if leaving:
            out.append("\n")
        elif isinstance(node, Tag):
            if node.name == "br":
                out.append("\n")
                continue
            if node.name in _CELLS:
                out.append(" ")
            block = node.name in _BLOCKS
            if block:
                out.append("\n")
                stack.append((node, True))
            if node.name == "pre":
                out.append(str(node.get_text()))
                continue
            stack.extend((child, False) for child in reversed(list(node.children)))
        elif isinstance(node, NavigableString) and not isinstance(node, Comment | Doctype):
            out.append(str(node).replace("\n", " ").replace("\t", " "))
    return _tidy("".join(out))


def _tidy(text: str) -> str:
    lines = (_SPACES.sub(" ", line).strip() for line in text.split("\n"))
    kept = [line for line in lines if line]
    return "\n".join(kept) + "\n" if kept else ""
