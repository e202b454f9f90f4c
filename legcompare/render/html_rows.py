"""The rows of the side-by-side HTML table, written here rather than by a template.

A long bill's report has tens of thousands of rows, and rendering them through Jinja macros
(a call block per row, a macro per text cell and badge) was most of the time the report took.
The pieces other reports share are therefore Python functions, which the templates call as
Jinja globals: :func:`badge` (``badge_html``), :func:`text_cell` (``text_html``),
:func:`reason_item` (``reason_html``, the history report's reasons), and :func:`pair_open` /
:data:`PAIR_CLOSE`, the wrapper the ``pair`` macro of ``macros.html.j2`` puts around a
provision; so each piece of markup is written once.

Escaping is Jinja's autoescape by hand: a ``Markup`` value goes in as it is, any other through
:func:`markupsafe.escape`, exactly as ``{{ value }}`` would; plain strings through :func:`text`,
the same replacements without making a ``Markup`` of every cell (a row has a dozen).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from markupsafe import Markup, escape

if TYPE_CHECKING:
    from .html import ReasonView, Row

_SYMBOLS = {"weaker": "▼ ", "stronger": "▲ ", "mixed": "◆ ", "unclear": "? "}
PAIR_CLOSE = Markup("\n</table></td></tr></tbody>")
"""What closes a provision :func:`pair_open` opened."""


def text(value: str) -> str:
    """``str(markupsafe.escape(value))`` of a plain string (its pure-Python replacements)."""
    return (value.replace("&", "&amp;").replace(">", "&gt;").replace("<", "&lt;")
            .replace("'", "&#39;").replace('"', "&#34;"))


def _html(value: Any) -> str:
    """A value as ``{{ value }}`` prints it."""
    return value if isinstance(value, Markup) else str(escape(value))


def badge(verdict: str) -> Markup:
    """A verdict as a labelled badge: ``▼ Weaker``."""
    return Markup(_badge(verdict))


def _badge(verdict: str) -> str:
    return (f'<span class="badge {text(verdict)}">{text(_SYMBOLS.get(verdict, ""))}'
            f'{text(verdict.capitalize())}</span>')


def text_cell(markup: Any, start: Any, which: str) -> Markup:
    """One side of a provision: its marked-up text (``markup``, at display offset ``start``),
    or a note that the ``which`` text has no counterpart when ``markup`` is ``None``."""
    return Markup(_cell(markup, start, which))


def _cell(markup: Any, start: Any, which: str) -> str:
    if markup is None:
        return f'<p class="absent">(no counterpart in the {text(which)} text)</p>'
    return (f'<div class="text" data-side="{text(which)}" data-start="{_html(start)}">'
            f'{_html(markup)}</div>')


def pair_open(anchor: Any, classes: Any, long: bool) -> Markup:
    """The start of one provision of a two-column report table (``table.pairs``): its own
    table, whose ``<thead>`` (the heading row that follows) a printer repeats at the top of every
    page the provision runs onto; ``long`` ones (see :func:`~legcompare.render.html.is_long`) may
    break between lines, others never break."""
    return Markup(_pair_open(_html(anchor), _html(classes), long))


def _pair_open(anchor: str, classes: str, long: bool) -> str:
    long_class = " long" if long else ""
    return (f'<tbody class="pair {classes}{long_class}" id="{anchor}"><tr>'
            '<td colspan="2" class="pair-cell">\n<table class="pair">\n'
            '<colgroup><col class="old"><col class="new"></colgroup>\n')


def reason_item(reason: ReasonView) -> Markup:
    """One reason as a list item: direction, explanation, the cited words, rule and dimension
    (also the Jinja global ``reason_html``)."""
    cited = ""
    if reason.old is not None:
        cited += f" old: “<mark>{text(reason.old)}</mark>”"
    if reason.old is not None and reason.new is not None:
        cited += " →"
    if reason.new is not None:
        cited += f" new: “<mark>{text(reason.new)}</mark>”"
    if reason.times > 1:
        cited += f" (×{reason.times})"
    return Markup(f'<li><span class="dir">{text(reason.direction.capitalize())}:</span> '
                  f'{text(reason.explanation)}{cited} <span class="rule">({text(reason.rule)}; '
                  f'{text(reason.dimension)})</span></li>\n')


def row_html(r: Row) -> str:
    """One clause pair of the diff report as a provision of the table (see :func:`pair_open`):
    heading row with number, citation, verdict and status; the two texts (an unchanged one
    collapsed in ``<details>``); the reasons and notes under them."""
    number = r.number
    heading = (f'<thead><tr><th colspan="2" scope="colgroup" class="pair-head"><a class="num" '
               f'href="#pair-{number}" aria-label="link to provision {number}">{number}</a> '
               f'<span class="cite">{text(r.citation)}</span>\n')
    out = [heading]
    if r.was:
        out.append(f'<span class="was">was {text(r.was)}</span>')
    if r.locator:
        out.append(f'<span class="loc">{text(r.locator)}</span>')
    if r.badge:
        out.append(_badge(r.verdict))
    flags = "".join(f", {text(f)}" for f in r.flags if f != r.status)
    out.append(f'<span class="status">{text(r.status)}{flags}</span></th></tr></thead>\n'
               f'<tbody>\n<tr class="row{" with-why" if r.reasons or r.notes else ""}">\n')
    old, new = _cell(r.old, r.old_start, "old"), _cell(r.new, r.new_start, "new")
    if r.collapsed:
        out.append('<td colspan="2"><details><summary>Unchanged: show the text</summary>'
                   f'<div class="both">{old}{new}</div></details></td>\n')
    else:
        out.append(f'<td class="side old">{old}</td>\n<td class="side new">{new}</td>\n')
    out.append("</tr>\n")
    if r.reasons or r.notes:
        notes = "".join(f"<li>Note: {text(n)}</li>" for n in r.notes)
        out.append(f'<tr class="why"><td colspan="2"><ul>\n'
                   f'{"".join(map(reason_item, r.reasons))}{notes}</ul></td></tr>\n')
    out.append("</tbody>\n")
    classes = ("same " if r.collapsed else "changed ") + r.verdict
    return f'{_pair_open(f"pair-{number}", text(classes), r.long)}{"".join(out)}{PAIR_CLOSE}'
