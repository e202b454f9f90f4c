"""``legcompare diff --format html``: one self-contained side-by-side report to mail or print.

Guarantees of :func:`diff_html`:

* Self-contained and inert: inline CSS only, no JavaScript, nothing loaded from anywhere; a
  Content-Security-Policy meta forbids scripts and remote loads (``default-src 'none'``).
* Every piece of bill text is escaped: Jinja2's autoescape is on, and the marked-up clause text is
  built here from :func:`markupsafe.escape`\\ d pieces only. Control and bidi-override characters
  are kept (as character references) inside an isolating ``<span class="ctl">`` that shows a
  visible symbol through CSS, so they can neither hide nor reorder neighbouring text.
* Nothing lost: the old column of each pair holds its old clause text exactly (equal and deleted
  segments, in order) and the new column its new text (equal and inserted segments), in elements
  ``div.text[data-side=old|new]`` with ``data-start`` (the clause's offset in its document's
  display text); with ``white-space: pre-wrap`` their DOM text, taken in offset order, is the
  display text of each document's clauses.
* Deletions are ``<del>`` (struck through), insertions ``<ins>`` (underlined), the words a reason
  cites ``<mark>``; CSS generated text announces them to screen readers; a legend explains them;
  verdicts are labelled badges. Nothing relies on colour alone.
* The summary (:func:`~legcompare.summary.headline` first) and the provisions judged weaker,
  stronger, mixed or unclear (linked to ``#pair-N``) come before the provisions; with more than
  :data:`CONTENTS_OVER` pairs a table of contents by division and title gives verdict counts.
* Unchanged provisions are collapsed in ``<details>`` on screen and printed in full.
* Printed (``@media print``, also :mod:`legcompare.render.pdf`): the column headers repeat on
  every page; each provision is its own table inside the report's table, its heading row
  (number, citation, verdict) a ``<thead>``, so a provision printed across pages repeats its
  citation at the top of each continuation. A provision that fits on a page is never split
  (``break-inside: avoid``); one :func:`is_long` estimates longer than a page may break between
  its lines from where it starts, rather than first leaving the rest of a page blank.
* Deterministic: the same comparison gives the same bytes (no clock, no random ids).
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup, escape

from .. import __version__
from ..model import Clause, ClausePair, Comparison, Kind, Op, Provenance, Reason, Span, Verdict
from ..parallel import in_halves, worthwhile
from ..summary import VERDICT_ORDER, changed, deciding_reason, headline, summarize
from .dates import report_date
from .diff_terminal import (
    JUDGED,
    Piece,
    cautions,
    citations,
    flags,
    listed,
    locator,
    name,
    pieces,
    told_once,
    unpaired,
    visible,
)
from .html_rows import PAIR_CLOSE, badge, pair_open, reason_item, row_html, text_cell

CONTENTS_OVER = 100
"""A report with more pairs than this gets a table of contents."""
CONTENTS_KINDS = (Kind.DIVISION, Kind.TITLE)
PRINT_LINE = 110
"""Characters in a printed line of a text column, a little more than fit (about 100 in 8pt
condensed type, half a landscape letter page), so :func:`printed_lines` never overestimates."""
PRINT_PAGE = 56
"""Printed lines above which a provision is surely longer than a page (about 48 lines fit)."""
_HIDDEN = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
_TAGS = {Op.DELETE: "del", Op.INSERT: "ins"}


@lru_cache(maxsize=1)
def environment() -> Environment:
    """The report templates (``render/templates``), autoescaped, undefined names an error; the
    pieces of markup written in :mod:`.html_rows` are globals."""
    env = Environment(loader=PackageLoader("legcompare.render", "templates"), autoescape=True,
                      undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True,
                      keep_trailing_newline=True)
    env.globals.update(badge_html=badge, text_html=text_cell, pair_html=pair_open,
                       pair_close=PAIR_CLOSE, reason_html=reason_item)
    return env


def render_template(template: str, **context: Any) -> str:
    """Render one report template; every report also gets ``generator``."""
    return environment().get_template(template).render(generator=f"legcompare {__version__}",
                                                       **context)


# --- view models ----------------------------------------------------------------------------


@dataclass(frozen=True)
class DocumentView:
    """A document's provenance as a report prints it (dates as "January 1, 2023")."""

    role: str
    name: str
    short: str
    rows: tuple[tuple[str, str], ...]
    url: str | None
    not_in_force: bool
    partial: bool


@dataclass(frozen=True)
class ReasonView:
    """One reason under a row; ``old``/``new`` are the cited words (shown marked)."""

    direction: str
    explanation: str
    rule: str
    dimension: str
    old: str | None
    new: str | None
    times: int = 1
    """How many reasons say this of these words (:func:`~.diff_terminal.told_once`)."""


@dataclass(frozen=True)
class Row:
    """One clause pair as a row of the side-by-side table. ``old``/``new`` are the marked-up
    clause texts (``None`` when the side has no clause), ``*_start`` their display offsets;
    ``collapsed`` rows (unchanged, neutral) are shown in ``<details>``."""

    number: int
    citation: str
    was: str | None
    locator: str | None
    status: str
    verdict: str
    badge: bool
    flags: tuple[str, ...]
    collapsed: bool
    old: Markup | None
    new: Markup | None
    old_start: int | None
    new_start: int | None
    reasons: tuple[ReasonView, ...]
    notes: tuple[str, ...]
    long: bool = False


@dataclass(frozen=True)
class Link:
    """A provision in the list of changes in protection: its row number, and the reason that
    made its verdict (:func:`~legcompare.summary.deciding_reason`)."""

    number: int
    citation: str
    status: str
    reason: str | None


@dataclass(frozen=True)
class ContentsEntry:
    """A division or title (or the matter outside any) with the counts of its pairs."""

    depth: int
    label: str
    number: int
    counts: str


def document_view(role: str, p: Provenance) -> DocumentView:
    """Provenance rows for a report header (only the keys that are set)."""
    in_force = {True: "in force", False: "not in force", None: "unknown"}[p.in_force]
    rows = [("Title", p.title), ("Document", f"{p.jurisdiction} · {p.document}"),
            ("Version", p.version), ("Version date", report_date(p.version_date)),
            ("As of", report_date(p.as_of)), ("In force", in_force), ("Source", p.source),
            ("Retrieved", p.retrieved_at), ("Format", p.format), ("SHA-256", p.sha256),
            ("Licence", p.license)]
    url = p.final_url or p.url
    return DocumentView(role, name(p), short(p),
                        tuple((k, visible(v)) for k, v in rows if v),
                        visible(url) if url and url.startswith(("https://", "http://")) else None,
                        p.in_force is False, p.partial)


def short(p: Provenance) -> str:
    """A document's name with its version: ``N.Y. S. 4457 (...) (original)``."""
    return f"{name(p)} ({visible(p.version)})" if p.version else name(p)


def diff_html(comparison: Comparison) -> str:
    """The diff as one self-contained HTML page (see the module docstring for the guarantees)."""
    head, rows, tail = _page(comparison)
    return head + "".join(part.decode() for part in rows) + tail


def diff_html_bytes(comparison: Comparison) -> bytes:
    """:func:`diff_html` as the UTF-8 bytes a report file holds. The rows, most of a long bill's
    page, are encoded where they are rendered (the second part in the child process that
    renders it) and are neither decoded nor copied into one string."""
    head, rows, tail = _page(comparison)
    return b"".join([head.encode(), *rows, tail.encode()])


def _page(c: Comparison) -> tuple[str, list[bytes], str]:
    """The page before the side-by-side table's rows, the rows (UTF-8, in parts) and the page
    after them: the template is rendered with :data:`_ROWS` where the rows go. Should a text
    or a name hold that marker itself, the rows go in as one string (the page, then no rows
    and nothing after them)."""
    old, new = c.old.provenance, c.new.provenance
    summary = summarize(c)
    verdicts = [(v.value, summary.verdicts[v.value]) for v in VERDICT_ORDER]
    statuses = [(k, n) for k, n in summary.statuses.items() if n]
    contents, rows = table(c)
    context = {
        "title": title(c), "columns": columns(c),
        "old": document_view("Old", old), "new": document_view("New", new),
        "cautions": cautions(c), "headline": headline(summary), "verdicts": verdicts,
        "statuses": statuses, "descriptive": summary.descriptive, "moved": summary.moved,
        "renumbered": summary.renumbered, "mode": c.mode.value,
        "perspective": c.perspective.value, "judged": judged(c), "unpaired": unpaired(c),
        "contents": contents,
        "notes": [visible(n) for n in c.notes]}
    page = render_template("diff.html.j2", pair_rows=Markup(_ROWS), **context)
    head, found, tail = page.partition(_ROWS)
    if found and _ROWS not in tail:
        return head, rows, tail
    whole = "".join(part.decode() for part in rows)
    return render_template("diff.html.j2", pair_rows=Markup(whole), **context), [], ""


_ROWS = "\ue001\ue000rows\ue000\ue001"
"""Where :func:`_page` puts the rows: private-use characters, which a text seldom holds (one
that does is rendered the other way, see there)."""


CONTENTS_SHARE = 0.57
"""The share of the rows the first process renders when the second also makes the table of
contents (which takes about as long as a seventh of the rows)."""


def table(c: Comparison) -> tuple[list[ContentsEntry], list[bytes]]:
    """The table of contents (over :data:`CONTENTS_OVER` pairs) and the rows of the side-by-side
    table (:func:`.html_rows.row_html`), one per pair in order, as UTF-8 in one part or two. On
    long texts a second process renders the second part of the rows, and the table of
    contents."""
    cite = prefixes(c)
    made = len(c.pairs) > CONTENTS_OVER

    def rendered(part: Sequence[tuple[int, ClausePair] | None]
                 ) -> tuple[bytes, list[ContentsEntry] | None]:
        rows = "".join([row_html(row(*item, cite)) for item in part if item is not None])
        return rows.encode(), contents(c) if made and part and part[-1] is None else None

    items: list[tuple[int, ClausePair] | None] = [*enumerate(c.pairs, 1), None]  # None: contents
    done = in_halves(rendered, items, parallel=worthwhile(c.old, c.new),
                     first=CONTENTS_SHARE if made else 0.5)
    return done[-1][1] or [], [rows for rows, _ in done]


def prefixes(c: Comparison) -> tuple[str, str]:
    """The two documents' citation prefixes (``""`` when a document has no citation form)."""
    forms = (c.old.citation, c.new.citation)
    return (forms[0].prefix if forms[0] else "", forms[1].prefix if forms[1] else "")


def columns(c: Comparison) -> tuple[str, str]:
    """The two documents' names, with versions when the names alone do not tell them apart."""
    old, new = c.old.provenance, c.new.provenance
    return (name(old), name(new)) if name(old) != name(new) else (short(old), short(new))


def title(c: Comparison) -> str:
    """``old → new``, named as the column headers name them."""
    return " → ".join(columns(c))


def judged(c: Comparison) -> list[tuple[str, list[Link]]]:
    """Operative pairs judged weaker, stronger, mixed or unclear, by verdict, in pair order;
    not those unpaired (see :func:`~legcompare.render.diff_terminal.unpaired`, the line that
    counts them)."""
    out = []
    for verdict in JUDGED:
        links = [Link(i, citations(p), p.status.value,
                      visible(r.explanation) if (r := deciding_reason(p)) else None)
                 for i, p in enumerate(c.pairs, 1)
                 if p.verdict is verdict and listed(p)]
        if links:
            out.append((verdict.value, links))
    return out


def row(number: int, pair: ClausePair, cite_prefixes: tuple[str, str] = ("", "")) -> Row:
    """A pair as a table row: marked-up text of both sides, gutter, reasons.

    The old citation is shown as ``was`` when it differs from the new one by more than the
    documents' citation prefixes (``S. 4457`` and ``S. 4457-A`` cite the same provision).
    """
    shown = pieces(pair.edits)
    old, new = pair.old, pair.new
    head = new or old
    assert head is not None
    was = None
    if old and new and (old.citation.removeprefix(cite_prefixes[0])
                        != new.citation.removeprefix(cite_prefixes[1])):
        was = visible(old.citation)
    quiet = not changed(pair) and pair.verdict is Verdict.NEUTRAL
    return Row(
        number=number, citation=visible(head.citation), was=was, locator=locator(pair),
        status=pair.status.value, verdict=pair.verdict.value, badge=not quiet,
        flags=tuple(flags(pair, shown)), collapsed=quiet,
        old=side(shown, Op.DELETE, old, [r.old_span for r in pair.reasons]) if old else None,
        new=side(shown, Op.INSERT, new, [r.new_span for r in pair.reasons]) if new else None,
        old_start=old.span[0] if old else None, new_start=new.span[0] if new else None,
        reasons=tuple(reason_view(r, n) for r, n in told_once(pair.reasons)),
        notes=tuple(visible(n) for n in pair.notes),
        long=is_long(old.text if old else "", new.text if new else "",
                     extra=len(pair.reasons) + len(pair.notes)))


def printed_lines(text: str) -> int:
    """A floor on the lines ``text`` takes in a printed column (see :data:`PRINT_LINE`)."""
    return sum(max(1, -(-len(line) // PRINT_LINE)) for line in text.split("\n"))


def is_long(*columns: str, extra: int = 0) -> bool:
    """Whether a provision whose side-by-side columns hold ``columns`` (and ``extra`` lines
    under them) is surely longer than a printed page, so printing may split it."""
    # a column's lines take at most one printed line more than their length in lines:
    # most provisions are surely short without counting
    if all(text.count("\n") + 1 + len(text) / PRINT_LINE + extra <= PRINT_PAGE
           for text in columns):
        return False
    return max(map(printed_lines, columns), default=0) + extra > PRINT_PAGE


def reason_view(r: Reason, times: int = 1) -> ReasonView:
    """A reason as printed: its words on one line, at most 160 characters a side; ``times``,
    how many reasons it stands for."""
    def words(s: str | None) -> str | None:
        if s is None:
            return None
        s = " ".join(s.split()) or s
        return visible(s if len(s) <= 160 else s[:159] + "…")
    return ReasonView(r.direction.value, visible(r.explanation), visible(r.rule),
                      visible(r.dimension), words(r.old), words(r.new), times)


# --- clause text ----------------------------------------------------------------------------


def side(shown: Sequence[Piece], which: Op, clause: Clause, spans: Sequence[Span | None]
         ) -> Markup:
    """One side's text (``which`` is ``DELETE`` for old, ``INSERT`` for new) as markup.

    Equal pieces and this side's changes, in order, so the text content is exactly the clause's
    text; a layout-only piece shows its old form on the old side. Changes are wrapped in
    ``<del>``/``<ins>`` and the cited ``spans`` (display offsets) in ``<mark>``.
    """
    base, text = clause.span[0], clause.text
    cited = [(max(s[0] - base, 0), min(s[1] - base, len(text))) for s in spans if s is not None]
    if cited:
        # a reason citing the whole clause (an added or removed provision) marks nothing in it
        whole = (len(text) - len(text.lstrip()), len(text.rstrip()))
        cited = [(a, b) for a, b in cited if a < b and not (a <= whole[0] and b >= whole[1])]
    out: list[Markup] = []
    pos = 0
    for p in shown:
        if p.op is Op.EQUAL:
            piece = p.was if which is Op.DELETE and p.was is not None else p.text
        elif p.op is which:
            piece = p.text
        else:
            continue
        inner = marked(piece, pos, cited)
        pos += len(piece)
        tag = _TAGS.get(p.op)
        out.append(Markup(f"<{tag}>{inner}</{tag}>") if tag else inner)
    return out[0] if len(out) == 1 else Markup("").join(out)  # (one piece: most clauses)


def marked(text: str, start: int, cited: Sequence[Span]) -> Markup:
    """``text`` (at offset ``start`` of its clause) escaped, the cited ranges in ``<mark>``."""
    if not cited:
        return shown_text(text)  # (what the loop below gives for one uncited piece)
    cuts = sorted({0, len(text), *(min(max(x - start, 0), len(text))
                                   for span in cited for x in span)})
    out: list[Markup] = []
    for a, b in itertools.pairwise(cuts):
        piece = shown_text(text[a:b])
        hit = any(s <= start + a and start + b <= e for s, e in cited)
        out.append(Markup(f"<mark>{piece}</mark>") if hit else piece)
    return Markup("").join(out)


def shown_text(text: str) -> Markup:
    """``text`` escaped; each control or bidi-override character kept (as a character reference,
    or raw for C1 controls) inside ``<span class="ctl" data-show="␛">``, isolated so it cannot
    reorder its neighbours, with a visible symbol shown by CSS."""
    if not _HIDDEN.search(text):
        return escape(text)  # (what the loop below gives for text without such characters)
    out: list[Markup] = []
    pos = 0
    for m in _HIDDEN.finditer(text):
        out.append(escape(text[pos:m.start()]))
        ch = m.group(0)
        # a reference keeps CR and C0 controls exact; C1 references would be read as
        # Windows-1252, so those characters go in raw
        kept = ch if 0x80 <= ord(ch) <= 0x9F else Markup(f"&#{ord(ch)};")
        out.append(Markup('<span class="ctl" data-show="{}">{}</span>').format(visible(ch), kept))
        pos = m.end()
    out.append(escape(text[pos:]))
    return Markup("").join(out)


# --- table of contents ----------------------------------------------------------------------


def contents(c: Comparison) -> list[ContentsEntry]:
    """One entry per division and title (found through the head clause's id path, on its own
    side, "(old text)" when that is the old one), in order of first pair, plus one for pairs
    outside any; a division counts the pairs of its titles too. Counts by
    :func:`~legcompare.summary.headline`."""
    index = {(which, cl.id): cl for p in c.pairs
             for which, cl in (("old", p.old), ("new", p.new)) if cl}
    chains: dict[tuple[str, str], tuple[str, ...]] = {}
    groups: dict[tuple[str, ...], list[int]] = {(): []}
    for i, p in enumerate(c.pairs):
        head = p.new or p.old
        assert head is not None
        side = side_of(p)
        tag = " (old text)" if side == "old" else ""
        chain = [h + tag for h in path_headings(side, head.id, index, chains)]
        for depth in range(1 if chain else 0, len(chain) + 1):
            groups.setdefault(tuple(chain[:depth]), []).append(i)
    out = []
    for key, members in groups.items():
        if members:
            sub = replace(c, pairs=tuple(c.pairs[i] for i in members))
            out.append(ContentsEntry(max(len(key) - 1, 0),
                                     key[-1] if key else "Outside any division or title",
                                     members[0] + 1, headline(summarize(sub))))
    return out


def side_of(pair: ClausePair) -> str:
    """The side whose clause heads the pair: ``new`` when there is one."""
    return "new" if pair.new else "old"


def path_headings(side: str, clause_id: str, index: dict[tuple[str, str], Clause],
                  memo: dict[tuple[str, str], tuple[str, ...]]) -> tuple[str, ...]:
    """The headings of the division and title clauses on the id path to ``clause_id`` (itself
    included) on ``side``, outermost first; ``memo`` keeps each path's, which its siblings and
    descendants share (a long bill has tens of thousands of clauses under a few hundred)."""
    found = memo.get((side, clause_id))
    if found is None:
        cut = clause_id.rfind("/")
        found = path_headings(side, clause_id[:cut], index, memo) if cut >= 0 else ()
        clause = index.get((side, clause_id))
        if clause is not None and clause.kind in CONTENTS_KINDS:
            found = (*found, heading(clause))
        memo[(side, clause_id)] = found
    return found


def heading(clause: Clause) -> str:
    label = " ".join(clause.label.split())
    bits = [label, " ".join((clause.heading or "").split())]
    return visible(" — ".join(b for b in bits if b) or clause.citation)
