"""The fate of each stronger lower provision under the upper law's preemption clauses.

Which lower provisions are weighed (:func:`candidates`): comparing the upper law (old) with the
lower one (new) in cross mode, every lower provision whose pair is judged ``stronger`` — or
``mixed``, stronger in at least one respect, since that part is what a higher law could take
away — and every lower provision with no counterpart whose role is operative and protective
(a prohibition, obligation, right, remedy, enforcement or oversight provision), unless the
comparison judges it weaker (a remedy that caps recovery, "at most, one recovery", takes
protection away: erasing it would take nothing from anyone). Headings without
text of their own, and the items of a lead-in already weighed with it, are left out.

The fate (:func:`decide`), PRODUCT.md "Preemption":

* **erased** — a ceiling reaches it: the ceiling binds the lower law's level of government (when
  both are known), the provision shares a regulated actor with the ceiling (when the ceiling
  names any), and the provision lies inside the ceiling's scope — unless a carve-out covers it;
* **saved** — a carve-out, or a floor or savings clause, covers it (same level and scope tests,
  actors aside: a floor saves law whoever it regulates); always noted "implied conflict
  preemption remains possible";
* **undecided** — anything else, with every reason that kept it from the other two: "no common
  regulated actor", "not shown inside the ceiling's scope" (no alternative of the scope has all
  its words in the provision's context: a word match, so it says not shown rather than
  outside), a level the clause does not bind, a conflict clause (displaces only actual
  conflicts, which the texts alone cannot settle), or no preemption clause at all.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass

from ..assess.roles import own_text
from ..model import Clause, Comparison, Kind, Outline, Role, Verdict
from ..normalize import key
from .classify import is_lead_in
from .model import Fate, Finding, Level, PreemptionClause, PreemptionKind
from .phrases import (
    actor_terms,
    actors_in,
    collapse,
    document_title,
    level_of_jurisdiction,
    match_scope,
    short_titles,
    words,
)

OPERATIVE = frozenset({Role.PROHIBITION, Role.OBLIGATION, Role.RIGHT, Role.REMEDY,
                       Role.ENFORCEMENT, Role.OVERSIGHT})
"""Roles of a provision with no counterpart that make it protective law a ceiling could erase."""
STRONGER = frozenset({Verdict.STRONGER, Verdict.MIXED})
IMPLIED = "implied conflict preemption remains possible"
_MODAL = re.compile(r"\b(?:shall|must|may)\b", re.I)


@dataclass(frozen=True)
class Provision:
    """A lower provision as the fates see it."""

    clause: Clause
    text: str
    """Its text, with its items when it is a lead-in."""
    counterpart: Clause | None
    verdict: Verdict
    context: frozenset[str]
    """Words of its text, its items and its ancestors' own text (headings included)."""
    also: tuple[Also, ...]
    """Where else a scope's words may be found for it: the upper law's terms its own defined
    terms were paired with, then its law's names (see :class:`Also`)."""
    actors: tuple[str, ...]
    """Whom it binds: named in it, else in its section, else in its law."""


@dataclass(frozen=True)
class Also:
    """Words a scope may also be matched in for a provision, and where a note says they are:
    the upper law's term for a term the provision uses, when the comparison paired their
    definitions (Springfield's “facial surveillance” with H.R. 4695's “facial recognition”);
    the law's short title or title (a scope that names kinds of law, "any other privacy ...
    laws", is met by a provision of the "Biometric Information Privacy Act")."""

    words: frozenset[str]
    where: str


@dataclass(frozen=True)
class Upper:
    """The upper law as the fates see it."""

    name: str
    clauses: tuple[PreemptionClause, ...]
    regulated: tuple[str, ...]
    """Whom its operative provisions regulate (for conflict clauses that name nobody)."""
    jurisdiction: str
    """``us-federal``, ``us-ma`` ...: a State law is higher only for that State's localities."""


def candidates(comparison: Comparison, lower: Outline, law_actors: tuple[str, ...],
               preemption_ids: frozenset[str]) -> Iterator[Provision]:
    """The lower provisions to weigh, in the comparison's order (see the module docstring).

    A provision the aligner paired with one of the upper law's preemption clauses is weighed as
    one without a counterpart, judged alone: a clause about other laws says nothing about the
    conduct the provision regulates."""
    parents = {c.id: p for p in lower.walk() for c in p.children}
    by_id = {c.id: c for c in lower.walk()}
    defined = actor_terms(lower)
    names = _names(lower, parents)
    paired = _paired_terms(comparison)
    chosen: list[tuple[Clause, Clause | None, Verdict]] = []
    for pair in comparison.pairs:
        new = by_id.get(pair.new.id) if pair.new is not None else None
        if new is None or not _substantive(new) or new.role in (Role.NON_OPERATIVE,
                                                               Role.DESCRIPTIVE):
            continue
        if pair.old is not None and pair.old.id in preemption_ids:
            if new.role in OPERATIVE:
                from ..compare import compare_clauses  # (imported by preempt with a lower law)

                alone = compare_clauses(comparison.old, comparison.new, None, new.id,
                                        options=comparison.options)
                chosen.append((new, None, alone.verdict))
        elif (pair.old is not None and pair.verdict in STRONGER) or (
                pair.old is None and new.role in OPERATIVE and pair.verdict is not Verdict.WEAKER):
            chosen.append((new, pair.old, pair.verdict))
    ids = {c.id for c, _, _ in chosen}
    for clause, counterpart, verdict in chosen:
        if any(a.id in ids and is_lead_in(a) for a in _ancestors(clause, parents)):
            continue  # weighed as an item of its lead-in
        yield _provision(clause, counterpart, verdict, lower, parents, defined, law_actors,
                         paired, names)


_UNITS = {"title": Kind.TITLE, "subtitle": Kind.SUBTITLE, "division": Kind.DIVISION,
          "chapter": Kind.CHAPTER, "subchapter": Kind.SUBCHAPTER, "part": Kind.PART,
          "subpart": Kind.SUBPART, "article": Kind.ARTICLE}
"""The parts a short title may name ("This title may be cited as ..."); any other (act,
ordinance) names the matter quoted around it, else the whole document."""


def _names(lower: Outline, parents: dict[str, Clause]) -> Callable[[Clause], tuple[Also, ...]]:
    """A provision's law's names: the short title of the nearest part around it that has one
    (a title of an omnibus bill that "may be cited as" its own act, the article a bill adds),
    then the document's title. A short title names the part its sentence says ("This title
    ..."), else the quoted matter around it (an act a bill adds or restates), else the
    document."""
    titled: dict[str | None, list[str]] = {}
    for clause in lower.walk():
        for unit, name in short_titles(clause):
            around = list(_ancestors(clause, parents))
            kind = _UNITS.get(unit)
            named = next((a for a in around if a.kind is kind), None) if kind else None
            named = named or next((a for a in around if a.kind is Kind.QUOTED), None)
            titled.setdefault(named.id if named else None, []).append(name)
    title = document_title(lower)
    tail = (Also(frozenset(words(title)), f"in its law's title “{title}”"),) if title else ()

    def of(clause: Clause) -> tuple[Also, ...]:
        found = next((titled[c.id] for c in (clause, *_ancestors(clause, parents))
                      if c.id in titled), titled.get(None, []))
        return tuple(Also(frozenset(words(name)), f"in its law's short title “{name}”")
                     for name in dict.fromkeys(found)) + tail

    return of


def _paired_terms(comparison: Comparison) -> tuple[tuple[tuple[str, ...], Also], ...]:
    """The lower law's defined terms the comparison paired with a differently worded term of
    the upper law: the lower term's words, and the upper term's words as an :class:`Also`."""
    out: dict[tuple[str, ...], Also] = {}
    for pair in comparison.pairs:
        upper, lower = pair.old, pair.new
        if upper is None or lower is None or not upper.term or not lower.term:
            continue
        theirs, ours = words(upper.term), words(lower.term)
        if theirs != ours and ours not in out:
            out[ours] = Also(frozenset(theirs), (
                f"through “{collapse(lower.term)}” ({lower.citation}), the term the comparison "
                f"paired with “{collapse(upper.term)}” ({upper.citation})"))
    return tuple(out.items())


def _uses(text: tuple[str, ...], term: tuple[str, ...]) -> bool:
    """Do the words ``term`` stand together in ``text``?"""
    n = len(term)
    return any(text[i:i + n] == term for i in range(len(text) - n + 1) if text[i] == term[0])


def _provision(clause: Clause, counterpart: Clause | None, verdict: Verdict, lower: Outline,
               parents: dict[str, Clause], defined: frozenset[str],
               law_actors: tuple[str, ...],
               paired: tuple[tuple[tuple[str, ...], Also], ...],
               names: Callable[[Clause], tuple[Also, ...]]) -> Provision:
    text = clause.text
    if clause.children and is_lead_in(clause):
        end = max(c.span[1] for c in clause.walk())
        text = lower.document.text[clause.span[0]:end]
    ancestors = list(_ancestors(clause, parents))
    said = words(" ".join([text, *(own_text(a) for a in ancestors)]))
    context = frozenset(said)
    also = tuple(a for term, a in paired if _uses(said, term)) + names(clause)
    actors = actors_in(text, defined)
    for a in ancestors:
        actors = actors or actors_in(own_text(a), defined)
    return Provision(clause, text, counterpart, verdict, context, also, actors or law_actors)


def _ancestors(clause: Clause, parents: dict[str, Clause]) -> Iterator[Clause]:
    node = parents.get(clause.id)
    while node is not None:
        yield node
        node = parents.get(node.id)


def _substantive(clause: Clause) -> bool:
    """It has words of its own beyond its label and heading (a "heading" with a modal verb in
    it is a provision the splitter took for one: "Sec. 1. No person shall ...")."""
    own = key(own_text(clause))
    if clause.heading and not _MODAL.search(clause.heading):
        own = own.replace(key(clause.heading), " ", 1)
    return sum(ch.isalpha() for ch in own) >= 3


def decide(p: Provision, upper: Upper, lower_jurisdiction: str
           ) -> tuple[Fate, tuple[str, ...], str]:
    """Fate, the ids that decided it, and the note (see the module docstring)."""
    lower_level = level_of_jurisdiction(lower_jurisdiction)
    if not higher(upper.jurisdiction, lower_jurisdiction):
        return Fate.UNDECIDED, (), (f"Undecided: {upper.name} is not a higher law for this one "
                                    f"({upper.jurisdiction} over {lower_jurisdiction}).")
    by_kind = {k: [c for c in upper.clauses if k in c.kinds] for k in PreemptionKind}
    carve = [(c, _covers(c, p, lower_level, "carve-out"))
             for c in by_kind[PreemptionKind.CARVE_OUT]]
    ceilings = [(c, _ceiling_check(c, p, lower_level)) for c in by_kind[PreemptionKind.CEILING]]
    reached = [c for c, failed in ceilings if not failed]
    covering = [c for c, failed in carve if not failed and not c.conditional]
    waivers = [c for c, failed in carve if not failed and c.conditional]
    if reached and waivers and not covering:
        return Fate.UNDECIDED, _ids(waivers + reached), (
            f"Undecided: {_cite(reached[0])}, a ceiling, reaches it, but {_cite(waivers[0])} "
            f"could except it once a waiver is granted ({_inside(waivers[0], p)}).")
    if reached and covering:
        return Fate.SAVED, _ids(covering + reached), (
            f"Saved: {_cite(reached[0])}, a ceiling, reaches it, but {_cite(covering[0])}, a "
            f"carve-out, excepts it ({_inside(covering[0], p)}); {IMPLIED}.")
    if reached:
        c = reached[0]
        return Fate.ERASED, _ids(reached), (
            f"Erased by {_cite(c)}, a ceiling: {_reach(c, p, lower_level)}.")
    floors = [(c, _covers(c, p, lower_level, "floor")) for c in by_kind[PreemptionKind.FLOOR]]
    saving = [c for c, failed in floors if not failed]
    if saving:
        c = saving[0]
        said = [s.text for s in c.signals if s.group in ("qualifier", "floor")] or [
            s.text for s in c.signals if s.group == "savings"]
        return Fate.SAVED, _ids(saving), (
            f"Saved by {_cite(c)}, a floor (“{said[0]}”): {_inside(c, p)}; {IMPLIED}.")
    return _undecided(p, upper, ceilings, floors, lower_level)


def _undecided(p: Provision, upper: Upper, ceilings: list[tuple[PreemptionClause, list[str]]],
               floors: list[tuple[PreemptionClause, list[str]]], lower_level: Level | None
               ) -> tuple[Fate, tuple[str, ...], str]:
    reasons: list[str] = []
    weighed: list[PreemptionClause] = []
    for c, failed in ceilings:
        reasons += [f"{r} — {_cite(c)} (ceiling){_detail(r, c, p)}" for r in failed]
        weighed.append(c)
    for c in (c for c in upper.clauses if PreemptionKind.CONFLICT in c.kinds):
        reasons.append(_conflict(c, p, upper, lower_level))
        weighed.append(c)
    for c, failed in floors:
        reasons += [f"{r} — {_cite(c)} (floor){_detail(r, c, p)}" for r in failed]
        weighed.append(c)
    if not weighed:
        reasons.append(f"{upper.name} has no express preemption clause; implied preemption is "
                       "not assessed")
    return Fate.UNDECIDED, _ids(list(dict.fromkeys(weighed))), (
        "Undecided: " + "; ".join(dict.fromkeys(reasons)) + ".")


def _conflict(c: PreemptionClause, p: Provision, upper: Upper, lower_level: Level | None) -> str:
    regulated = c.regulated or upper.regulated
    if not _level_ok(c, lower_level):
        return f"{_cite(c)} does not name {_level(lower_level)} law"
    if regulated and not set(regulated) & set(p.actors):
        return f"no common regulated actor — {_cite(c)} (conflict){_actors(regulated, p)}"
    if _matched(c, p) is None:
        return (f"not shown inside the conflict clause's scope — {_cite(c)} (conflict) reaches "
                f"“{c.scope.quote}”")
    return (f"conflict preemption only: {_cite(c)} displaces it only where it actually conflicts"
            ", which the texts alone cannot settle")


def _ceiling_check(c: PreemptionClause, p: Provision, lower_level: Level | None) -> list[str]:
    """Why the ceiling does not reach the provision (empty: it does)."""
    failed = []
    if not _level_ok(c, lower_level):
        failed.append(f"the ceiling does not bind {_level(lower_level)} law")
    if c.regulated and not set(c.regulated) & set(p.actors):
        failed.append("no common regulated actor")
    if _matched(c, p) is None:
        failed.append("not shown inside the ceiling's scope")
    return failed


def _covers(c: PreemptionClause, p: Provision, lower_level: Level | None, what: str
            ) -> list[str]:
    """Why a carve-out or floor does not cover the provision (empty: it does). A carve-out
    with no subject covers nothing: it cannot say which law it excepts."""
    failed = []
    if not _level_ok(c, lower_level):
        failed.append(f"the {what} does not save {_level(lower_level)} law")
    if _matched(c, p) is None or (what == "carve-out" and not c.scope.terms):
        failed.append(f"not shown inside the {what}'s scope")
    return failed


def _reach(c: PreemptionClause, p: Provision, lower_level: Level | None) -> str:
    where = _inside(c, p)
    common = [a for a in c.regulated if a in p.actors]
    who = (f"common regulated actor {', '.join(f'“{a}”' for a in common)}" if common
           else "it names no regulated actor, so it reaches whomever the provision binds")
    binds = f"it binds {_level(lower_level)} law" if lower_level else "it binds lower law"
    return f"{where}; {binds}; {who}"


def _matched(c: PreemptionClause, p: Provision) -> tuple[str, ...] | None:
    """The alternative of the clause's scope the provision meets (see
    :func:`~.phrases.match_scope`): in its own context, else with the words of its
    :class:`Also` (the upper law's terms for its own, its law's names)."""
    found = match_scope(c.scope, p.context)
    if found is None and p.also:
        found = match_scope(c.scope, p.context.union(*(a.words for a in p.also)))
    return found


def _inside(c: PreemptionClause, p: Provision) -> str:
    """Which of the scope's terms the provision holds; those it holds only through an
    :class:`Also` are said to be there (“through “FACIAL SURVEILLANCE” (...), the term the
    comparison paired with ...”, “in its law's title “Biometric Information Privacy Act, ...””)."""
    matched = _matched(c, p)
    if not matched:
        return "its scope is not limited by subject"
    said = f"inside its scope (words matched: {', '.join(matched)}"
    missing = [w for w in matched if w not in p.context]
    if missing:  # the first that holds them all (a paired term first), else each
        holding = [a for a in p.also if a.words & set(missing)]
        whole = [a for a in holding if a.words >= set(missing)][:1] or holding
        where = " and ".join(a.where for a in whole)
        said += f", {where}" if len(missing) == len(matched) else \
            f"; {', '.join(missing)} {where}"
    return said + ")"


def _detail(reason: str, c: PreemptionClause, p: Provision) -> str:
    if reason == "no common regulated actor":
        return _actors(c.regulated, p)
    if reason.startswith("not shown inside"):
        return f" reaches “{c.scope.quote}”" if c.scope.quote else ""
    return ""


def _actors(regulated: Sequence[str], p: Provision) -> str:
    theirs = ", ".join(f"“{a}”" for a in regulated)
    ours = ", ".join(f"“{a}”" for a in p.actors) or "no named actor"
    return f" concerns {theirs}, this provision binds {ours}"


def _level_ok(c: PreemptionClause, lower_level: Level | None) -> bool:
    return not c.levels or lower_level is None or lower_level in c.levels


def higher(upper: str, lower: str) -> bool:
    """Can a law of jurisdiction ``upper`` preempt one of ``lower``? Federal law over any State
    or local law; a State's law over its own localities (``us-ma`` over ``us-ma-springfield``);
    ``True`` when either is unknown (the user called it the higher law)."""
    a, b = level_of_jurisdiction(upper), level_of_jurisdiction(lower)
    if a is None or b is None:
        return True
    if a is Level.FEDERAL:
        return b is not Level.FEDERAL
    return a is Level.STATE and b is Level.LOCAL and lower.casefold().startswith(
        upper.casefold() + "-")


def _level(level: Level | None) -> str:
    return {Level.FEDERAL: "federal", Level.STATE: "State", Level.LOCAL: "local",
            None: "lower"}[level]


def _cite(c: PreemptionClause) -> str:
    return c.clause.citation


def _ids(clauses: Sequence[PreemptionClause]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(c.clause.id for c in clauses))


def finding(index: int, p: Provision, upper: Upper, lower_jurisdiction: str) -> Finding:
    """The provision's :class:`Finding` (see :func:`decide`)."""
    fate, because, note = decide(p, upper, lower_jurisdiction)
    return Finding(index, p.clause, p.text, p.counterpart, p.verdict, fate, because, note)
