"""Every report, by kind of result and format, in one table: the command line and the web app
both write a report through :func:`render`, so a format added here is offered by both.

Renderers are imported when used (jinja2, python-docx and the PDF printer load lazily). Each
takes the result; some take more, named in the table: ``options`` (the JSON report's record of
how it was made), ``color`` (terminal), ``only_changed`` (leave unchanged provisions out).
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

_O, _C, _U = "options", "color", "only_changed"

# kind -> format -> (module in legcompare.render, function, what it takes besides the result)
_TABLE: dict[str, dict[str, tuple[str, str, tuple[str, ...]]]] = {
    "diff": {
        "terminal": ("diff_terminal", "diff_terminal", (_C, _U)),
        "markdown": ("diff_markdown", "diff_markdown", (_U,)),
        "json": ("diff_json", "diff_json", (_O, _U)),
        "csv": ("csv_out", "diff_csv", ()),
        "html": ("html", "diff_html_bytes", ()),
        "pdf": ("pdf", "diff_pdf", ()),
        "docx": ("docx_out", "diff_docx", ()),
    },
    "history": {
        "terminal": ("history_out", "history_terminal", (_C,)),
        "markdown": ("history_out", "history_markdown", ()),
        "json": ("history_out", "history_json", (_O, _U)),
        "html": ("history_out", "history_html", ()),
        "pdf": ("pdf", "history_pdf", ()),
    },
    "covers": {
        "terminal": ("covers_out", "covers_terminal", (_C,)),
        "markdown": ("covers_out", "covers_markdown", ()),
        "json": ("covers_out", "covers_json", (_O,)),
        "csv": ("covers_out", "covers_csv", ()),
        "html": ("covers_html", "covers_html", ()),
        "pdf": ("pdf", "covers_pdf", ()),
    },
    "preempt": {
        "terminal": ("preempt_out", "preempt_terminal", (_C,)),
        "markdown": ("preempt_out", "preempt_markdown", ()),
        "json": ("preempt_out", "preempt_json", (_O,)),
        "csv": ("preempt_out", "preempt_csv", ()),
        "html": ("preempt_html", "preempt_html", ()),
        "pdf": ("pdf", "preempt_pdf", ()),
    },
}

FORMATS: dict[str, tuple[str, ...]] = {kind: tuple(formats) for kind, formats in _TABLE.items()}
"""The formats of each kind of result (``diff``, ``history``, ``covers``, ``preempt``), the
terminal's first."""
BINARY = frozenset({"pdf", "docx"})
"""Formats written as bytes that a terminal cannot show."""


def render(kind: str, result: Any, fmt: str, *, options: dict[str, object] | None = None,
           color: bool = False, only_changed: bool = False) -> str | bytes:
    """The ``fmt`` report of ``result``, a result of ``kind``. ``options`` defaults to
    ``{"format": fmt}``; ``color`` and ``only_changed`` go to the renderers that take them."""
    module, function, takes = _TABLE[kind][fmt]
    renderer = getattr(import_module(f".{module}", __package__), function)
    given: dict[str, Any] = {_C: color, _U: only_changed}
    args = (options if options is not None else {"format": fmt},) if _O in takes else ()
    report: str | bytes = renderer(result, *args, **{k: given[k] for k in takes if k != _O})
    return report
