"""Defined terms, and which of them name a regulated party, a technology or a kind of data.

A term is defined where a clause says what it means (``"X" means``, ``The term X means``, ``"X",
"Y" and "Z" shall have the same meanings as ...``, or, in a code printed as a glossary, a
definition headed by the term). A clause that only narrows a term (``"X" does not include``)
defines nothing. What a term is comes from the start of its meaning ("any computer software",
"a physiological ... characteristic", "any police department"); a term defined as a *use* ("means
the use of") is none of the three; a term defined by reference to another law, or whose meaning
opens with words that tell none of the three ("an electronic system", "the highest State
official"), is read by its own name ("police agency" names a party, "facial recognition
technology" a technology).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from rapidfuzz import fuzz

from ..model import Clause, Kind, Role, Span
from ..normalize import key, readable
from . import signals as sig
from .model import Dimension
from .reading import Reading

SAME_ACTOR = 85.0
"""Token-sort similarity at or above which two names are read as the same party."""


@dataclass(frozen=True)
class Term:
    """A term a clause defines, where it is printed, and what kind of thing it names."""

    name: str
    slug: str
    kind: Dimension | None
    """``ACTORS``, ``TECHNOLOGY``, ``DATA`` or ``None``."""
    clause: str
    span: Span


def slug(text: str) -> str:
    """A name as a value: comparison key, every run of other characters one hyphen."""
    return re.sub(r"[^a-z0-9]+", "-", key(text)).strip("-")


def defined_terms(reading: Reading, child: Reading | None) -> list[Term]:
    """The terms ``reading``'s clause defines, each classified; ``child`` is the reading of its
    first sub-provision, where a meaning given as a list ("either of the following:") starts."""
    found: list[tuple[str, Span, int]] = []
    m = sig.QUOTED_TERMS.search(reading.key)
    if m:
        found += _quoted(reading, m)
        for more in sig.QUOTED_TERMS.finditer(reading.key, m.end()):
            found += _quoted(reading, more)
    elif (u := sig.UNQUOTED_TERM.search(reading.key)) is not None:
        found.append((u.group("term"), reading.span(u.start("term"), u.end("term")),
                      u.end("term")))
    elif (t := _glossary_term(reading)) is not None:
        found.append(t)
    out: list[Term] = []
    seen: set[str] = set()
    for raw, span, end in found:
        name = readable(reading.page[span[0]:span[1]], reading.page).strip(" ,")
        s = slug(raw)
        if not s or s in seen:
            continue
        seen.add(s)
        body = _body(reading.key[end:], child)
        out.append(Term(name, s, classify(key(raw).strip(" ,"), body), reading.clause.id, span))
    return out


def _quoted(reading: Reading, m: re.Match[str]) -> list[tuple[str, Span, int]]:
    """Each term of one ``"X", "Y" and "Z" means`` match, with where the meaning starts."""
    out = []
    for t in sig.ONE_TERM.finditer(m.group("terms")):
        a, b = m.start("terms") + t.start(1), m.start("terms") + t.end(1)
        out.append((reading.key[a:b], reading.span(a, b), m.end("terms")))
    return out


def _glossary_term(reading: Reading) -> tuple[str, Span, int] | None:
    """A definition printed under its term as a heading (``SPRINGFIELD OFFICIAL`` / ``Any person
    or entity ...``)."""
    clause = reading.clause
    if clause.kind is not Kind.DEFINITION or not clause.term:
        return None
    term = key(clause.term)
    if not term or not reading.key.startswith(term):
        return None
    return term, reading.span(0, len(term)), len(term)


_DEFINER = re.compile(r'^[\s",:*-]*(?:means|mean|shall mean|refers to|is defined as)?\b')


def _body(rest: str, child: Reading | None) -> str:
    """The start of a term's meaning: what follows "means", or its first sub-provision's text
    (a cross-reference, "shall have the same meaning as ...", is kept as it is)."""
    rest = rest[:240]
    if sig.CROSS_REFERENCE.match(rest):
        return rest
    rest = _DEFINER.sub("", rest, count=1)
    if sig.LIST_BODY.match(rest) and child is not None:
        rest = _DEFINER.sub("", child.key[:240], count=1)
    return rest


def classify(term: str, body: str) -> Dimension | None:
    """What a defined term names, from the start of its meaning, else from its name (see the
    module docstring)."""
    if sig.CROSS_REFERENCE.match(body):
        return _by_words(term)
    if sig.USE_BODY.match(body):
        return None
    if sig.TECHNOLOGY_BODY.match(body):
        return Dimension.TECHNOLOGY
    if sig.DATA_BODY.match(body):
        return Dimension.DATA
    if sig.ACTOR_BODY.match(body) and is_party(term):
        return Dimension.ACTORS
    return _by_words(term)


def _by_words(term: str) -> Dimension | None:
    last = term.split()[-1] if term.split() else ""
    if sig.ACTOR_WORDS.fullmatch(last) and is_party(term):
        return Dimension.ACTORS
    if sig.TECHNOLOGY_WORDS.search(term):
        return Dimension.TECHNOLOGY
    if sig.DATA_WORDS.search(term):
        return Dimension.DATA
    return None


def is_party(name: str) -> bool:
    """Could ``name`` (a comparison key) be a regulated party: not a protected person, not an
    oversight body?"""
    return not sig.PROTECTED_WORDS.search(name) and not sig.OVERSIGHT_BODIES.search(name)


# --- parties the law does not define --------------------------------------------------------

_CUT = re.compile(r"\s(?:[a-z]+ed by|that|who|whose|which|using|utilizing|seeking|intending|"
                  r"in possession|acting|deploying|operating|responsible|with|against|under|"
                  r"pursuant|in|on|at|for|to|from|by|within|during|after|before|if|when|whether|"
                  r"as)\b.*$")
_DETERMINERS = re.compile(r"^(?:(?:no|any|a|an|the|each|every|all|such|other|both|either|"
                          r"neither)\s+)+")
_PARTICIPLES = re.compile(r"(?:\s+[a-z]{3,}ed)+$")
"""Trailing words of a past participle: what is said of the party, not its name ("agency or
entity funded [in this Act]", cut at its "in")."""
# A phrase that opens with one of these is a clause or a qualifier, not a name ("if a State
# accepts ...", "to request the assistance of ...", "acting through the chief ... official");
# one that holds a verb like these is a sentence ("an entity is eligible to ...").
_NOT_A_NAME = re.compile(r"(?:if|when|whenever|where|whether|unless|until|while|because|upon|"
                         r"to|of|acting|in|on|for|from|by|with|within|during|after|before|as|"
                         r"under|pursuant|through|except)\b")
_VERB = re.compile(r"\b(?:is|are|was|were|be|been|has|have|had|shall|may|must|will|would|"
                   r"should|can|could|does|do|did)\b")


def subject(sentence: str, at: int) -> str:
    """Whom the modal at ``at`` binds: the noun phrase before it (``"it shall be unlawful for X
    to"`` binds X), as a comparison key."""
    m = sig.UNLAWFUL_FOR.search(sentence)
    if m and m.start() < at + 40:
        return m.group("s")
    # (cut at its commas, but not within a number: "claims of less than $250,000 ... may")
    segments: list[str] = [s.strip() for s in re.split(r",(?!\d)", sentence[:at])]
    for seg in reversed(segments):
        if re.match(r"(?:and|or)\b", seg):
            continue
        if sig.ACTOR_WORDS.search(seg) or sig.OVERSIGHT_BODIES.search(seg):
            return seg
    return next((s for s in reversed(segments) if s), "")


def party_name(phrase: str) -> str:
    """A subject phrase as a party's name: articles, "such", parentheses and trailing qualifiers
    dropped, the last word in the singular; empty when the phrase names no one (it is a
    clause or a qualifier, see ``_NOT_A_NAME``)."""
    text = re.sub(r"\([^)]*\)", " ", phrase)
    if "(" in text or ")" in text:  # the end of a citation ("D.C. Official Code)"), not a name
        return ""
    text = re.sub(r"\b(?:such|thereof)\b", " ", text)
    text = " ".join(text.split())
    if _NOT_A_NAME.match(_DETERMINERS.sub("", text)):
        return ""
    text = _CUT.sub("", text)
    # ("Provided further, That the Chief Information Officer ... shall")
    text = _DETERMINERS.sub("", re.sub(r"^(?:and|or|[Tt]hat)\s+", "", text)).strip(" ,-")
    text = _PARTICIPLES.sub("", text)
    if _VERB.search(text):
        return ""
    words = text.split()
    head = words.index("of") - 1 if "of" in words[1:] else len(words) - 1
    # a plural followed by what it does ("agencies receiving funds"): the plural is the name's
    head = next((i - 1 for i in range(1, head) if words[i].endswith("ing")
                 and words[i - 1].endswith("s")), head)
    if words and head >= 0:
        words[head] = singular(words[head])
    return " ".join(words)


_CONJUNCTION = re.compile(r"\s+(?:and/or|or|and|nor)\s+")


def party_names(phrase: str) -> list[str]:
    """The regulated parties a subject phrase names, as :func:`party_name` names them: that
    name when it names one; when it joins a party to someone who is none ("agency or
    person": a person is the one such laws protect), each of those joined, for the caller to
    keep those that are parties. The name is taken as joining parties only when what comes
    before its first "or" or "and" names a party by itself (its last word is one a party is
    named by: in "city or county staff" it is not)."""
    name = party_name(phrase)
    if not name or (sig.ACTOR_WORDS.search(name) and is_party(name)):
        return [name] if name else []
    parts = _CONJUNCTION.split(name)
    if len(parts) < 2 or not sig.ACTOR_WORDS.fullmatch(parts[0].split()[-1] if parts[0] else ""):
        return [name]
    return [" ".join([*words[:-1], singular(words[-1])])
            for part in parts if (words := part.split())]


def singular(word: str) -> str:
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith("s") and not word.endswith(("ss", "us", "is")) and len(word) > 3:
        return word[:-1]
    return word


def same_party(name: str, known: list[str]) -> bool:
    """Is ``name`` one of ``known`` (contains it, is contained in it, or nearly the same)?"""
    for other in known:
        if other in name or name in other or fuzz.token_sort_ratio(name, other) >= SAME_ACTOR:
            return True
    return False


def clause_defines(clause: Clause) -> bool:
    """Is this a clause of a definition (by kind or by role)?"""
    return clause.kind is Kind.DEFINITION or clause.role is Role.DEFINITION
