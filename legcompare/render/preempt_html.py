"""``legcompare preempt --format html``: one self-contained page with the upper law's preemption
clauses and the fate of each stronger lower provision.

Same look and safety as the diff report (:mod:`legcompare.render.html`): the page extends its
base template (inline CSS, a Content-Security-Policy that forbids scripts and remote loads, no
JavaScript, print CSS), Jinja2 escapes every string, and control and bidi characters are shown
as visible symbols. In order:

* the documents' provenance (upper law, then each lower law) and their cautions, the headline
  (:func:`~legcompare.render.preempt_out.headline`), the clauses by kind and the findings by fate
  per lower law, and links to the findings by fate;
* each preemption clause (``#clause-N``): its kind and ``also`` kinds as labelled badges, its
  classified text whole (``div.text[data-side=clause]``) with the words that decided it marked,
  the scope and actors quoted, and each signal's explanation;
* per lower law, each finding (``#finding-N``, numbered as in the CSV): its fate and verdict as
  labelled badges (never colour alone), the upper counterpart's text
  (``div.text[data-side=upper]``, or a line saying there is none) beside the lower provision's
  text as weighed (``div.text[data-side=lower]``), the note and the clauses that decided it;
* the analysis's notes.

Every clause and provision is its own table inside the report's table, as in the diff report,
so printing repeats its heading (citation, badges) on each page it runs onto. Texts are shown
exactly (``white-space: pre-wrap``); ``data-start`` is each text's offset in its document.
Presentation only: nothing is recomputed. Deterministic: the same analysis gives the same bytes.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from markupsafe import Markup

from ..preempt import KIND_ORDER, Fate, Finding, Preemption, PreemptionClause
from ..preempt.phrases import collapse
from .diff_terminal import name, visible
from .html import DocumentView, document_view, is_long, marked, render_template, shown_text
from .preempt_out import cautions, headline

FATE_ORDER = (Fate.ERASED, Fate.UNDECIDED, Fate.SAVED)
"""The order of the links to findings: what would be lost first."""


@dataclass(frozen=True)
class ClauseView:
    """A preemption clause as the page shows it; ``text`` has the deciding words marked."""

    number: int
    id: str
    citation: str
    kind: str
    also: tuple[str, ...]
    text: Markup
    start: int
    scope: str | None
    actors: str | None
    signals: tuple[tuple[str, str, str], ...]
    """(explanation, the words, rule id) for each signal, in text order."""
    long: bool


@dataclass(frozen=True)
class FindingView:
    """A finding: the lower provision beside its upper counterpart, fate, verdict and note."""

    number: int
    id: str
    citation: str
    fate: str
    verdict: str
    counterpart: str | None
    upper: Markup | None
    upper_start: int | None
    lower: Markup
    lower_start: int
    note: str
    because: tuple[tuple[int | None, str], ...]
    """(clause number to link to, or ``None``; its citation) for each deciding clause."""
    long: bool


@dataclass(frozen=True)
class LawView:
    """A lower law: its name, its findings' counts by fate, and its findings."""

    label: str
    name: str
    counts: tuple[tuple[str, int], ...]
    findings: tuple[FindingView, ...]


@dataclass(frozen=True)
class FindingLink:
    """A finding in the list by fate: its number, citation, id and lower law's label."""

    number: int
    citation: str
    id: str
    law: str


def preempt_html(result: Preemption) -> str:
    """The analysis as one HTML page (see the module docstring)."""
    upper = result.upper.provenance
    numbers = {c.clause.id: (i, visible(c.clause.citation))
               for i, c in enumerate(result.clauses, 1)}
    clauses = [clause_view(i, c) for i, c in enumerate(result.clauses, 1)]
    views = [finding_view(i, f, numbers) for i, f in enumerate(result.findings, 1)]
    laws = [law_view(result, index, views) for index in range(len(result.lowers))]
    kinds = Counter(c.kind for c in result.clauses)
    return render_template(
        "preempt.html.j2", title=f"Preemption: {name(upper)}", headline=headline(result),
        upper=document_view("Upper", upper), lowers=lower_views(result),
        cautions=cautions(result), upper_name=name(upper),
        kinds=[(k.value, kinds[k]) for k in KIND_ORDER], clauses=clauses, laws=laws,
        fates=[f.value for f in Fate], links=links(result),
        notes=[visible(n) for n in result.notes])


def lower_views(result: Preemption) -> list[DocumentView]:
    return [document_view(f"Lower {i}", d.provenance) for i, d in enumerate(result.lowers, 1)]


def clause_view(number: int, c: PreemptionClause) -> ClauseView:
    """A clause with its signals' words marked where they are in its classified text."""
    base = c.span[0]
    cited = [(s.span[0] - base, s.span[1] - base) for s in c.signals
             if c.text[s.span[0] - base:s.span[1] - base] == s.text and s.text]
    return ClauseView(
        number, visible(c.clause.id), visible(c.clause.citation), c.kind.value,
        tuple(k.value for k in c.also), marked(c.text, 0, cited), base,
        visible(c.scope.quote) if c.scope.quote.strip() else None,
        visible(c.actors) if c.actors.strip() else None,
        tuple((visible(s.explanation), visible(collapse(s.text)), visible(s.rule))
              for s in c.signals),
        is_long(c.text, extra=3 + len(c.signals)))


def finding_view(number: int, f: Finding, clauses: dict[str, tuple[int, str]]) -> FindingView:
    """A finding; its counterpart's and its own text shown whole; the deciding clauses by
    number and citation (``clauses``, by id)."""
    other = f.counterpart
    return FindingView(
        number, visible(f.provision.id), visible(f.provision.citation), f.fate.value,
        f.verdict.value, visible(other.citation) if other else None,
        shown_text(other.text) if other else None, other.span[0] if other else None,
        shown_text(f.text), f.provision.span[0], visible(f.note),
        tuple(clauses.get(i, (None, visible(i))) for i in f.because),
        is_long(other.text if other else "", f.text, extra=3))


def law_view(result: Preemption, index: int, views: list[FindingView]) -> LawView:
    mine = tuple(v for v, f in zip(views, result.findings, strict=True) if f.lower == index)
    fates = Counter(v.fate for v in mine)
    return LawView(f"Lower {index + 1}", name(result.lowers[index].provenance),
                   tuple((f.value, fates[f.value]) for f in Fate), mine)


def links(result: Preemption) -> list[tuple[str, list[FindingLink]]]:
    """The findings by fate (erased, undecided, saved), each a link to its ``#finding-N``."""
    out = []
    for fate in FATE_ORDER:
        found = [FindingLink(i, visible(f.provision.citation), visible(f.provision.id),
                             f"lower {f.lower + 1}")
                 for i, f in enumerate(result.findings, 1) if f.fate is fate]
        if found:
            out.append((fate.value, found))
    return out
