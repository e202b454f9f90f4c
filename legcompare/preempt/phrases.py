"""Words and noun phrases: what a scope is about, whom a provision binds, whose law a clause
reaches. Pure functions over text and the compiled :mod:`.patterns`.

How matching works (the contract the fates rely on):

* **Words** are compared on comparison keys (:func:`legcompare.normalize.key`: case, spacing,
  dashes and line-break hyphens folded), split into letters-and-digits runs, each plural folded
  (``agencies`` → ``agency``, ``officers`` → ``officer``).
* **A scope's terms**: the quoted scope is cut at its first restating qualifier ("covered by this
  chapter", "established under", "which", "than"), split into alternatives at commas,
  semicolons, "or" and "and", and each alternative keeps its words minus the generic ones
  (``law``, ``requirement``, ``use``, ``State`` ...). A provision is inside the scope when every
  word of some alternative occurs in its context (its text, its sub-provisions when it is a
  lead-in, and its ancestors' own text, headings included), or with the words the fates add
  for it (:class:`~.fates.Also`: the upper law's term for a term it uses, its law's short
  title (:func:`short_titles`) and title (:func:`document_title`)). A scope with no terms
  left ("any Federal, State, or local law") is not limited by subject.
* **Actors** are noun phrases naming whom a provision binds ("No police agency, police officer
  or peace officer shall ...", "It shall be unlawful for any covered immigration officer to",
  "against a member of the state police that ..."), split at commas, "or" and "and" (a bare head
  borrows its neighbour's modifiers: "law enforcement agency or officer" is "law enforcement
  agency" and "law enforcement officer"), normalised (determiners dropped, words folded as
  above). A phrase is an actor when its head noun (the last word, or the word before "of") is a
  regulated-actor noun, or when its document defines it as one. Two actors are common only when
  their normalised phrases are equal: no synonyms, so "police officer" and "law enforcement
  officer" differ, and a note that says "no common regulated actor" names both sides.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from ..model import Clause, Outline
from ..normalize import key
from .model import Level, Scope
from .patterns import Patterns, patterns

_WORD = re.compile(r"[a-z0-9]+")
_SPLIT = re.compile(r"\s*(?:[,;]\s*(?:(?:and/or|or|and)\s+)?|\s(?:and/or|or|and)\s)\s*", re.I)
_DETERMINERS = frozenset({"a", "an", "the", "any", "each", "every", "all", "no", "such", "other",
                          "its", "their"})
_MARKUP = re.compile(r"[*#]+")
_TRAILING = re.compile(r"(?:[\s,;:—–-]+|\s+(?:but|and|or))+$", re.I)


def fold(word: str) -> str:
    """A plural folded to its singular, roughly (``liberties`` → ``liberty``)."""
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def words(text: str) -> tuple[str, ...]:
    """The text's words, compared as the module docstring says."""
    return tuple(fold(w) for w in _WORD.findall(key(text)))


def collapse(text: str) -> str:
    """White space runs as one space, markdown emphasis and heading marks dropped."""
    return " ".join(_MARKUP.sub(" ", text).split())


# --- scope ------------------------------------------------------------------------------------


def scope_of(text: str, pats: Patterns | None = None) -> Scope:
    """The subject a clause reaches: the first scope pattern that matches, cut down."""
    pats = pats or patterns()
    for pattern in pats.scope:
        m = pattern.search(text)
        if m is None:
            continue
        groups = m.groupdict()
        if groups.get("scope"):
            quote = collapse(groups["scope"])
        else:
            quote = _cut_down(groups.get("rest") or "", pats)
        quote = _TRAILING.sub("", quote)
        return Scope(quote, terms_of(quote, pats))
    return Scope("", ())


def _cut_down(rest: str, pats: Patterns) -> str:
    """What follows the subject's introducer, before the first cut (see the TOML)."""
    stop = pats.stop.search(rest)
    rest = rest[:stop.start()] if stop else rest
    intro = pats.introducer.search(rest)
    if intro is not None:
        rest = rest[intro.end():]
    rest = pats.lead.sub("", rest, count=1)
    cut = pats.cut.search(rest)
    return collapse(rest[:cut.start()] if cut else rest)


def terms_of(quote: str, pats: Patterns | None = None) -> tuple[tuple[str, ...], ...]:
    """A scope's alternatives (see the module docstring); empty: not limited by subject."""
    pats = pats or patterns()
    qualifier = pats.qualifier.search(quote)
    head = quote[:qualifier.start()] if qualifier else quote
    out: list[tuple[str, ...]] = []
    for part in _SPLIT.split(head):
        kept = tuple(dict.fromkeys(w for w in words(part)
                                   if w not in pats.generic and len(w) > 1
                                   and not w.isdigit()))
        if kept and kept not in out:
            out.append(kept)
    return tuple(out)


def match_scope(scope: Scope, context: frozenset[str]) -> tuple[str, ...] | None:
    """The alternative whose words all occur in ``context``; ``()`` when the scope is not
    limited by subject; ``None`` when the provision is outside it."""
    if not scope.terms:
        return ()
    for alternative in scope.terms:
        if all(w in context for w in alternative):
            return alternative
    return None


# --- the law's name ---------------------------------------------------------------------------

_SHORT_TITLE = re.compile(
    r"\b(?:may be cited as|shall be (?:known|cited)(?: and may be cited)? as)\s+(?:the\s+)?"
    r"[“\"']?(?P<name>[^“”\"'.;:\n]{3,}?)[”\"']?\s*(?:[.;:]|$)", re.I)


_UNIT = re.compile(r"\bthis\s+([a-z]+)\b", re.I)


def short_titles(clause: Clause) -> tuple[tuple[str, str], ...]:
    """The names a clause's own text gives its act or part, as ``(unit, name)``: "This title
    may be cited as the “…”" is ``("title", "…")``, the unit lower case ("" when the sentence
    names none); none for a clause with parts (a short title is a leaf's sentence)."""
    if clause.children:
        return ()
    text = collapse(clause.text)
    out = []
    for m in _SHORT_TITLE.finditer(text):
        # the last "this <unit>" of the sentence before the words ("Notwithstanding this
        # section, this title may be cited as ...": the title)
        sentence = max(text.rfind(".", 0, m.start()), text.rfind(";", 0, m.start())) + 1
        units = [u.group(1).casefold() for u in _UNIT.finditer(text, sentence, m.start())]
        out.append((units[-1] if units else "", m.group("name").strip()))
    return tuple(out)


def document_title(outline: Outline) -> str | None:
    """The title the catalog or source gave the document (not the file name a plain file's
    title falls back to)."""
    p = outline.document.provenance
    if p.title and not (p.source == "file" and p.title.rsplit(".", 1)[0] == p.document):
        return p.title
    return None


# --- actors -----------------------------------------------------------------------------------


def actor_terms(outline: Outline, pats: Patterns | None = None) -> frozenset[str]:
    """The defined terms of a document that name regulated actors, normalised: a term whose
    head is an actor noun, or whose definition starts with one ("Any department, agency ...")."""
    pats = pats or patterns()
    out = set()
    for c in outline.walk():
        if not c.term:
            continue
        term = normalise_actor(c.term)
        body = c.text[c.text.casefold().find(" means ") + 7:] if " means " in \
            c.text.casefold() else ""
        first = [w for w in words(body) if w not in _DETERMINERS][:1]
        if _is_actor_head(term, pats) or (first and first[0] in pats.actor_heads):
            out.add(term)
    return frozenset(out)


def actors_in(text: str, defined: frozenset[str] = frozenset(),
              pats: Patterns | None = None) -> tuple[str, ...]:
    """The regulated actors a text names, normalised, in order of appearance."""
    pats = pats or patterns()
    found: list[tuple[int, int, str]] = []
    for pattern in pats.actor_patterns:
        for m in pattern.finditer(text):
            found += [(m.start("a"), i, a)
                      for i, a in enumerate(split_actors(m.group("a"), defined, pats))]
    return tuple(dict.fromkeys(a for _, _, a in sorted(found)))


def split_actors(phrase: str, defined: frozenset[str] = frozenset(),
                 pats: Patterns | None = None) -> list[str]:
    """A coordinated phrase as the actors it names (see the module docstring)."""
    pats = pats or patterns()
    parts = [normalise_actor(p) for p in _SPLIT.split(collapse(phrase)) if p.strip()]
    parts = [p for p in parts if p]
    out: list[str] = []
    for i, part in enumerate(parts):
        if part in defined or _is_actor_head(part, pats):
            if " " not in part and i > 0 and part not in defined:  # "agency or officer"
                modifiers = parts[i - 1].split()[:-1]
                part = " ".join([*modifiers, part])
            out.append(part)
        elif i + 1 < len(parts) and _is_actor_head(parts[i + 1], pats):
            out.append(f"{part} {_head(parts[i + 1])}")  # "investigative or law enforcement …"
    return out


def normalise_actor(phrase: str) -> str:
    """Lower case, folded words, leading determiners dropped."""
    ws = list(words(phrase))
    while ws and ws[0] in _DETERMINERS:
        ws.pop(0)
    return " ".join(ws)


def _head(phrase: str) -> str:
    before_of = phrase.split(" of ")[0]
    return before_of.split()[-1] if before_of.split() else ""


def _is_actor_head(phrase: str, pats: Patterns) -> bool:
    return _head(phrase) in pats.actor_heads


def document_actors(outline: Outline, operative: Iterable[Clause],
                    pats: Patterns | None = None) -> tuple[str, ...]:
    """Whom a document regulates: its actor-defining terms, then the actors its operative
    provisions name, in document order."""
    pats = pats or patterns()
    defined = actor_terms(outline, pats)
    named = [a for c in operative for a in actors_in(c.text, defined, pats)]
    ordered = [normalise_actor(c.term) for c in outline.walk()
               if c.term and normalise_actor(c.term) in defined]
    return tuple(dict.fromkeys([*ordered, *named]))


# --- levels of government -----------------------------------------------------------------


def lawmaker_of(text: str, pats: Patterns | None = None) -> tuple[str, frozenset[Level]]:
    """The first phrase naming governments or their law ("a State or a political subdivision of
    a State", "any Federal, State, or local law"), quoted, and the levels it names."""
    pats = pats or patterns()
    m = pats.lawmaker.search(text)
    if m is None:
        return "", frozenset()
    quote = collapse(m.group(0))
    return quote, levels_in(quote, pats)


def levels_in(text: str, pats: Patterns | None = None) -> frozenset[Level]:
    pats = pats or patterns()
    return frozenset(level for level, pattern in pats.levels if pattern.search(text))


def level_of_jurisdiction(jurisdiction: str) -> Level | None:
    """``us-federal`` → federal; ``us-ny`` → state; ``us-ca-sf`` → local; else unknown."""
    parts = jurisdiction.casefold().split("-")
    if parts[0] != "us" or len(parts) < 2:
        return None
    if parts[1] == "federal":
        return Level.FEDERAL
    return Level.STATE if len(parts) == 2 else Level.LOCAL
