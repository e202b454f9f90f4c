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
* Struck and inserted markup is read, never flattened (:mod:`legcompare.markup`): struck text
  leaves the display text (kept as marks and notes), inserted text stays in it, marked. Which
  markup says what is the data in ``_TAG_MARKS``, ``_CLASS_MARKS``, ``_COLOR_MARKS`` and
  ``_DECORATIONS``: ``<strike>``, ``<s>``, ``<del>``; ``<ins>``, ``<u>``; CSS ``text-decoration``
  ``line-through`` or ``underline`` in a ``style`` attribute or in a simple ``.class { }`` rule
  of the page's ``<style>``; and California's bill pages (leginfo, and LegiScan's copies), which
  print deletions as ``<font color="#B30000"><strike>`` and additions in blue italics,
  ``<font color="blue" class="blue_text"><i>``. What the changes are relative to is read from the
  page: "Amended IN Assembly/Senate" (the previous print), else a California bill as introduced
  (current law), else not stated. A page that holds the characters marks are tagged with is read
  without its markup, and a note says so.
"""

from __future__ import annotations

import re
from dataclasses import replace

from bs4 import BeautifulSoup
from bs4.element import Comment, Doctype, NavigableString, ProcessingInstruction, Tag

from ..markup import (
    BEFORE_CURRENT_LAW,
    BEFORE_PREVIOUS_PRINT,
    BEFORE_UNSTATED,
    SENTINELS,
    Tags,
    has_sentinels,
    resolve_document,
    unread,
)
from ..model import Document, MarkKind, Note, NoteKind, Provenance
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

_TAG_MARKS = {"strike": MarkKind.STRUCK, "s": MarkKind.STRUCK, "del": MarkKind.STRUCK,
              "ins": MarkKind.INSERTED, "u": MarkKind.INSERTED}
_CLASS_MARKS = {"blue_text": MarkKind.INSERTED, "blue_bold": MarkKind.INSERTED,
                "strikeout": MarkKind.STRUCK}  # California bill pages; a common struck class
_COLOR_MARKS = {"blue": MarkKind.INSERTED, "#0000ff": MarkKind.INSERTED}  # <font color=...>
_DECORATIONS = {"line-through": MarkKind.STRUCK, "underline": MarkKind.INSERTED}
_DECORATION = re.compile(r"text-decoration(?:-line)?\s*:\s*([^;]*)", re.I)
_CLASS_RULE = re.compile(r"\.([A-Za-z_][\w-]*)\s*\{([^{}]*)\}")
_BEFORE = ((re.compile(r"\bAmended\s+IN\s+(?:Assembly|Senate)\b"), BEFORE_PREVIOUS_PRINT),
           (re.compile(r"LEGISLATIVE COUNSEL['’]S DIGEST|The people of the State of California "
                       r"do enact as follows", re.I), BEFORE_CURRENT_LAW))
_LEAVE_MARK = object()


def parse_html(text: str, provenance: Provenance) -> Document:
    """An HTML document (see the module docstring for the guarantees)."""
    soup = BeautifulSoup(text, "lxml")
    title = soup.title.get_text(" ", strip=True) if soup.title is not None else None
    provenance = fill(provenance, title=title, fmt="html", content_type="text/html")
    pre = _govinfo_pre(soup)
    if pre is not None:
        return parse_text(pre, provenance)
    marks = _Marks(_class_rules(soup)) if not has_sentinels(text) else None
    dropped = _drop_hidden(soup)
    document = parse_text(_render(soup, marks),
                          provenance if marks is not None else unread(provenance))
    if marks is not None and marks.tags.sources:
        document = resolve_document(document, marks.tags.sources, _before(document.text))
    if not dropped:
        return document
    note = Note(NoteKind.EDITORIAL, f"dropped {dropped} script/style element(s) of the page",
                None)
    return replace(document, notes=(note, *document.notes))


class _Marks:
    """Which elements of a page are struck or inserted, and the tags written for them."""

    def __init__(self, classes: dict[str, MarkKind]) -> None:
        self.classes = {**_CLASS_MARKS, **classes}
        self.tags = Tags()

    def of(self, tag: Tag) -> tuple[MarkKind, str] | None:
        if tag.name in _TAG_MARKS:
            return _TAG_MARKS[tag.name], f"html:{tag.name}"
        found = _DECORATION.search(str(tag.get("style") or ""))
        for word in found.group(1).lower().split() if found else ():
            if word in _DECORATIONS:
                return _DECORATIONS[word], f"html:style={word}"
        classes: str | list[str] = tag.get("class") or []
        for name in [classes] if isinstance(classes, str) else classes:
            if name in self.classes:
                return self.classes[name], f"html:class={name}"
        color = str(tag.get("color") or "").lower()
        if tag.name == "font" and color in _COLOR_MARKS:
            return _COLOR_MARKS[color], f"html:font-color={color}"
        return None


def _class_rules(soup: BeautifulSoup) -> dict[str, MarkKind]:
    """``.name { text-decoration: line-through }`` rules of the page's style sheets."""
    rules: dict[str, MarkKind] = {}
    for style in soup.find_all("style"):
        for m in _CLASS_RULE.finditer(style.get_text()):
            found = _DECORATION.search(m.group(2))
            for word in found.group(1).lower().split() if found else ():
                if word in _DECORATIONS:
                    rules[m.group(1)] = _DECORATIONS[word]
    return rules


def _before(text: str) -> str:
    return next((said for pattern, said in _BEFORE if pattern.search(text)), BEFORE_UNSTATED)


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


def _render(soup: BeautifulSoup, marks: _Marks | None = None) -> str:
    """Lines of text: block elements on their own lines, inline text joined, spaces collapsed;
    struck and inserted elements between the characters of :class:`~legcompare.markup.Tags`.

    Iterative, so that deeply nested (or broken) markup cannot exhaust the stack.
    """
    out: list[str] = []
    stack: list[tuple[object, bool]] = [(soup, False)]
    while stack:
        node, leaving = stack.pop()
        if node is _LEAVE_MARK:
            out.append(Tags.close())
        elif leaving:
            out.append("\n")
        elif isinstance(node, Tag):
            if node.name == "br":
                out.append("\n")
                continue
            found = marks.of(node) if marks is not None else None
            if found is not None and marks is not None:
                out.append(marks.tags.open(*found))
                stack.append((_LEAVE_MARK, False))
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
    """Spaces collapsed, blank lines dropped; a line of nothing but mark characters joins the
    next line (if it opens a mark) or the previous one (if it only closes marks)."""
    lines = (_SPACES.sub(" ", line).strip() for line in text.split("\n"))
    kept: list[str] = []
    carry = ""
    for line in lines:
        if line and not line.strip(SENTINELS):
            if Tags.close() * len(line) == line and kept:
                kept[-1] += line
            else:
                carry += line
            continue
        if line:
            kept.append(carry + line)
            carry = ""
    if carry:
        if kept:
            kept[-1] += carry
        else:
            kept.append(carry)
    return "\n".join(kept) + "\n" if kept else ""
