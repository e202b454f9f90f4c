"""The PDF worker: positioned words and drawn rules out of a PDF, with pdfplumber (MIT).

It runs only in the bounded child of :mod:`.sandbox` (loaded by file, so it imports nothing of
legcompare); :mod:`.pdf` lays out what it returns.
Guarantees of :func:`extract`:

* The result is plain JSON data: the document's title (from its metadata, if any) and, per
  page, its size, its upright words and its rotated text. A word is a list of runs; a run is
  ``[text, x0, x1, top, bottom, size, pitch, decoration]`` in points from the page's top left;
  ``pitch`` is the run's character width when all its characters have one width (fixed-pitch
  type), else 0; ``decoration`` is ``"s"`` (struck), ``"u"`` (underlined) or ``""``.
* A character is struck when a drawn horizontal rule (a line, or a rectangle at most 3 points
  high) crosses it between 30% and 78% of its height and covers at least half its width;
  underlined when such a rule lies between 78% and 125% of its height (at or just below the
  baseline). ``decorated`` counts the rules that decorate any character.
* Ligature characters (``ﬁ``, ``ﬂ`` ...) are written out as their letters.
* Input that is not a PDF, or one that is encrypted or broken, raises :class:`Refused` with a
  one-line reason.
"""

from __future__ import annotations

import io
import unicodedata
from bisect import bisect_left, bisect_right
from typing import Any

__all__ = ["Refused", "extract"]

_STRIKE = (0.30, 0.78)
_UNDERLINE = (0.78, 1.25)
_THIN = 3.0  # the highest a filled rectangle may be and still count as a rule
_LIGATURES = {chr(c): unicodedata.normalize("NFKC", chr(c)) for c in range(0xFB00, 0xFB07)}


class Refused(ValueError):
    """The input is not a readable PDF; the message is the one-line reason."""


def extract(data: bytes) -> dict[str, Any]:
    """The words and rules of every page (see the module docstring)."""
    import pdfplumber
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
    from pdfminer.pdfparser import PDFSyntaxError
    from pdfminer.psexceptions import PSException
    from pdfplumber.utils.exceptions import MalformedPDFException, PdfminerException

    if not data.lstrip()[:5] == b"%PDF-":
        raise Refused("it does not start with %PDF-")
    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            title = pdf.metadata.get("Title") if isinstance(pdf.metadata, dict) else None
            pages = []
            for page in pdf.pages:
                pages.append(_page(page))
                page.close()  # frees the page's cached objects
    except (PDFSyntaxError, PSException, MalformedPDFException, PdfminerException,
            PDFPasswordIncorrect, PDFEncryptionError) as exc:
        cause = exc.args[0] if exc.args and isinstance(exc.args[0], Exception) else exc
        if isinstance(cause, PDFPasswordIncorrect | PDFEncryptionError):
            raise Refused("it is encrypted") from None
        raise Refused(f"it is malformed ({' '.join(str(cause).split())[:200]})") from None
    return {"title": title if isinstance(title, str) else None, "pages": pages,
            "decorated": sum(p["decorated"] for p in pages)}


def _page(page: Any) -> dict[str, Any]:
    rules = _Rules(page)
    words, rotated = [], []
    for word in page.extract_words(keep_blank_chars=False, use_text_flow=False,
                                   return_chars=True, extra_attrs=["upright"]):
        if not word["upright"]:
            rotated.append("".join(_LIGATURES.get(c["text"], c["text"]) for c in word["chars"]))
            continue
        words.append(_runs(word["chars"], rules))
    return {"width": float(page.width), "height": float(page.height), "words": words,
            "rotated": rotated, "decorated": len(rules.used)}


class _Rules:
    """The page's horizontal rules, sorted by their height on the page."""

    def __init__(self, page: Any) -> None:
        rules: list[tuple[float, float, float]] = []  # y (top), x0, x1
        for line in page.lines:
            if abs(float(line["top"]) - float(line["bottom"])) <= 1.0:
                rules.append(((line["top"] + line["bottom"]) / 2, line["x0"], line["x1"]))
        for rect in page.rects:
            height = float(rect["bottom"]) - float(rect["top"])
            if height <= _THIN and float(rect["x1"]) - float(rect["x0"]) > 3 * height:
                rules.append(((rect["top"] + rect["bottom"]) / 2, rect["x0"], rect["x1"]))
        self.rules = sorted((float(y), float(a), float(b)) for y, a, b in rules)
        self.ys = [r[0] for r in self.rules]
        self.used: set[int] = set()

    def decoration(self, char: dict[str, Any]) -> str:
        top, bottom = float(char["top"]), float(char["bottom"])
        height = bottom - top
        if height <= 0:
            return ""
        x0, x1 = float(char["x0"]), float(char["x1"])
        lo = bisect_left(self.ys, top + _STRIKE[0] * height)
        hi = bisect_right(self.ys, top + _UNDERLINE[1] * height)
        for i in range(lo, hi):
            y, a, b = self.rules[i]
            if min(x1, b) - max(x0, a) < 0.5 * max(x1 - x0, 0.1):
                continue
            self.used.add(i)
            return "s" if (y - top) / height < _STRIKE[1] else "u"
        return ""


def _runs(chars: list[dict[str, Any]], rules: _Rules) -> list[list[Any]]:
    """A word's characters, grouped into runs of one decoration."""
    runs: list[list[Any]] = []
    widths: list[set[float]] = []
    for char in chars:
        deco = rules.decoration(char)
        text = _LIGATURES.get(char["text"], char["text"])
        width = round(float(char["x1"]) - float(char["x0"]), 2)
        if runs and runs[-1][7] == deco:
            run = runs[-1]
            run[0] += text
            run[2] = max(run[2], float(char["x1"]))
            run[3] = min(run[3], float(char["top"]))
            run[4] = max(run[4], float(char["bottom"]))
            widths[-1].add(width)
            continue
        runs.append([text, float(char["x0"]), float(char["x1"]), float(char["top"]),
                     float(char["bottom"]), round(float(char["size"]), 2), 0.0, deco])
        widths.append({width})
    for run, seen in zip(runs, widths, strict=True):
        run[6] = next(iter(seen)) if len(seen) == 1 else 0.0
    return runs
