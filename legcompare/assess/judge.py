"""Each pair's verdict, reasons and ``descriptive`` flag: :class:`Judge`, made once for a
comparison, applies :mod:`~legcompare.assess.engine`'s rules to its pairs and aggregates their
reasons as :mod:`legcompare.assess` says (the stage's guarantees are there)."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from dataclasses import replace
from itertools import accumulate

from rapidfuzz import fuzz

from ..model import (
    DESCRIBING,
    Clause,
    ClausePair,
    Direction,
    Mode,
    NoteKind,
    Outline,
    Perspective,
    Reason,
    Role,
    Status,
    Verdict,
    changed_copy,
)
from ..normalize import key, readable
from .engine import (
    LEADING_ARTICLE,
    Run,
    Texts,
    content_start,
    cut_off,
    heading_span,
    in_term,
    judge,
    letters,
    one_sided,
    runs,
)
from .rules import RuleSet, load_rules
from .values import words_to_number

__all__ = ["Judge", "assess"]

_SPELLING_SIMILARITY = 75.0  # a changed word this similar to the old one is a spelling fix
_NOT_MISSPELT = frozenset({
    "a", "an", "the", "this", "that", "these", "those", "there", "then", "than", "their", "they",
    "them", "he", "she", "her", "hers", "him", "his", "it", "its", "we", "us", "our", "you",
    "your", "who", "whom", "whose", "which", "what", "when", "where", "while", "whether", "if",
    "of", "or", "nor", "and", "for", "from", "form", "to", "too", "two", "in", "into", "on",
    "onto", "at", "as", "by", "be", "been", "being", "is", "was", "are", "were", "has", "have",
    "had", "not", "no", "now", "any", "all", "each", "such", "shall", "should", "will", "would",
    "may", "might", "must", "can", "could"})
"""Words whose letters are close to each other's ("HER" → "THEIR", "this" → "his", "form" →
"from"): a closed class, each word spelt right, so one becoming another is a change of words,
not of spelling, and is read as one."""


def assess(pairs: tuple[ClausePair, ...], old: Outline, new: Outline, *, mode: Mode,
           perspective: Perspective, rules: tuple[str, ...]) -> tuple[ClausePair, ...]:
    """Give each pair its verdict, reasons and ``descriptive`` flag."""
    return Judge(old, new, perspective=perspective, rules=rules)(pairs)


class Judge:
    """:func:`assess` for the pairs of one comparison, made ready once (the rules, the two
    texts' defined terms and gaps) and then applied to its pairs in as many parts as wanted:
    ``Judge(old, new, ...)(pairs)`` is ``assess(pairs, old, new, ...)``."""

    def __init__(self, old: Outline, new: Outline, *, perspective: Perspective,
                 rules: tuple[str, ...]) -> None:
        self.rules = load_rules(tuple(rules))
        self.texts = Texts(old.document.text, new.document.text, _terms(old), _terms(new),
                           _gaps(old), _gaps(new), old_tree=old.clauses, new_tree=new.clauses)
        self.perspective = perspective

    def __call__(self, pairs: Iterable[ClausePair]) -> tuple[ClausePair, ...]:
        judged = tuple(_judge(p, self.rules, self.texts) for p in pairs)
        if self.perspective is Perspective.PERMISSIVE:
            judged = tuple(_mirror(p) for p in judged)
        return judged


def _judge(pair: ClausePair, rules: RuleSet, texts: Texts) -> ClausePair:
    descriptive = is_descriptive(pair)
    if pair.status is Status.UNCHANGED:
        if pair.verdict is Verdict.NEUTRAL and pair.descriptive is descriptive:
            return pair  # as it came (most pairs of a long bill)
        return changed_copy(pair, verdict=Verdict.NEUTRAL, descriptive=descriptive)
    if all(c is None or _no_words(c.text[content_start(c) - c.span[0]:])
           for c in (pair.old, pair.new)):  # (nothing but a label and a heading)
        return replace(pair, verdict=Verdict.NEUTRAL, descriptive=descriptive,
                       reasons=(_no_own_text(),))
    if pair.status is Status.UNPAIRED:
        return replace(pair, verdict=Verdict.UNCLEAR, descriptive=descriptive,
                       reasons=(_incomplete(pair),))
    role = (pair.old or pair.new).role if (pair.old or pair.new) else None  # type: ignore[union-attr]
    if role is Role.NON_OPERATIVE:
        return replace(pair, verdict=Verdict.NEUTRAL, descriptive=True,
                       reasons=(_non_operative(pair),))
    reasons = _trust(judge(pair, rules, texts), pair, rules, texts)
    changed = [r for r in runs(pair, content_only=True) if not r.layout_only]
    if pair.old is not None and pair.new is not None and not changed:
        return replace(pair, verdict=Verdict.NEUTRAL, descriptive=descriptive,
                       reasons=(*reasons, *_named_anew(pair)))
    accounted = _Accounted(reasons)
    open_runs = [r for r in changed if not accounted.explains(r)]
    formal = _formal(open_runs, texts, pair)
    if formal:  # (what they explain is taken off too)
        reasons += formal
        accounted = _Accounted(reasons)
        open_runs = [r for r in open_runs if not accounted.explains(r)]
    verdict = aggregate(reasons)
    cut = any(r.rule == "formal.cut-off" for r in reasons)
    if verdict in (None, Verdict.UNCLEAR) or (verdict is Verdict.NEUTRAL and (open_runs or cut)):
        # (an unclear provision that breaks off says so too: what is missing may decide it;
        # so does one whose words agree as far as both go, the one cut off sooner)
        broken = _breaks_off(pair, texts)
        if broken is not None:
            return replace(pair, verdict=Verdict.UNCLEAR, descriptive=descriptive,
                           reasons=(*reasons, broken))
    if verdict is None or (verdict is Verdict.NEUTRAL and open_runs):
        if descriptive:
            reasons.append(_described(pair, open_runs or changed))
            verdict = Verdict.NEUTRAL
        else:
            reasons.append(_evidence(pair, open_runs or changed))
            verdict = Verdict.UNCLEAR
    elif open_runs and not descriptive:
        # the verdict stands on what the rules placed; a change beside them none placed is
        # shown too, so that no changed words go unmentioned
        reasons.append(_evidence(pair, open_runs, also=True))
    return replace(pair, verdict=verdict, descriptive=descriptive, reasons=tuple(reasons))


class _Accounted:
    """Which changed runs a pair's reasons account for: a directional reason points at a
    run's words, or neutral reasons cover every word of it (a formal change explains only the
    words it matched). The reasons' spans are indexed once, so that a provision with thousands
    of changes and as many reasons is not checked run by reason."""

    def __init__(self, reasons: list[Reason]) -> None:
        directional = [r for r in reasons if r.direction is not Direction.NEUTRAL]
        neutral = [r for r in reasons if r.direction is Direction.NEUTRAL]
        self.pointed = (_Spans(r.old_span for r in directional),
                        _Spans(r.new_span for r in directional))
        self.covering = (_Spans(r.old_span for r in neutral),
                         _Spans(r.new_span for r in neutral))

    def explains(self, run: Run) -> bool:
        d = (run.del_at, run.del_at + len(run.deleted))
        i = (run.ins_at, run.ins_at + len(run.inserted))
        old, new = self.pointed
        if old.meets(d) or new.meets(i):
            return True
        old, new = self.covering
        deleted, del_at, inserted, ins_at = run.deleted, run.del_at, run.inserted, run.ins_at
        a, an = _INDEFINITE.match(deleted), _INDEFINITE.match(inserted)
        if a and an:  # "a landlord" → "an owner": the article goes with the word after it
            deleted, del_at = deleted[a.end():], del_at + a.end()
            inserted, ins_at = inserted[an.end():], ins_at + an.end()
        return old.covers(deleted, del_at) and new.covers(inserted, ins_at)


_INDEFINITE = re.compile(r"\s*an?\s+(?=\S)", re.I)


class _Spans:
    """Half-open spans (``None`` ones left out), sorted by start, with the largest end among
    each prefix: whether any span meets a span, or holds an offset, is two binary searches."""

    __slots__ = ("ends", "exact", "starts")

    def __init__(self, spans: Iterable[tuple[int, int] | None]) -> None:
        ordered = sorted(s for s in spans if s is not None)
        self.starts = [s[0] for s in ordered]
        self.ends = list(accumulate((s[1] for s in ordered), max))
        self.exact = set(ordered)

    def _reach(self, before: int, *, inclusive: bool) -> int:
        """The largest end of the spans starting before ``before`` (at it too, when
        ``inclusive``); -1 when none do."""
        k = (bisect_right if inclusive else bisect_left)(self.starts, before)
        return self.ends[k - 1] if k else -1

    def meets(self, span: tuple[int, int]) -> bool:
        """Does a span overlap ``span``, or equal it (an empty span meets its equal)?"""
        return self._reach(span[1], inclusive=False) > span[0] or span in self.exact

    def holds(self, offset: int) -> bool:
        """Does a span hold ``offset`` (start <= offset < end)?"""
        return self._reach(offset, inclusive=True) > offset

    def covers(self, words: str, at: int) -> bool:
        """Do the spans cover every letter and digit of ``words`` (at ``at``), and touch it?"""
        if not words.strip():
            return True
        if not self.meets((at, at + len(words))):
            return False
        return all(not ch.isalnum() or self.holds(at + k) for k, ch in enumerate(words))


def _terms(outline: Outline) -> frozenset[str]:
    """The comparison keys of the terms a text defines: those its definitions define, and
    those it names in passing ("(referred to under this heading as “covered disaster or
    emergency”)", "(in this Act referred to as the “PHS Act”)"), and those a provision defines
    on the way ("THE TERM "OCCUPANTS" SHALL INCLUDE CHILDREN ...")."""
    text = outline.document.text
    named = [*(m.group("term") for m in _REFERRED_TO.finditer(text)),
             *(m.group("term") for pattern in _THE_TERM for m in pattern.finditer(text)
               if _THE_BEFORE.search(text, max(0, m.start() - 20), m.start()))]
    return frozenset(key(t) for t in (*(c.term for c in outline.walk() if c.term), *named))


_REFERRED_TO = re.compile(
    r"\((?:in this \w+ |hereinafter )?referred to(?: (?:in|under) this \w+)? as (?:an? |the )?"
    r"[“\"](?P<term>[^”\"\n]{2,80})[”\"]\)")
"""A term named in passing, in the parentheses after what it names."""
_THE_TERM = tuple(re.compile(
    word + r"\s+[“\"](?P<term>[^”\"]{2,80})[”\"]\s+(?i:(?:shall\s+)?(?:means?|includes?))\b")
    for word in ("term", "Term", "TERM"))
"""A term defined inside a provision that does more (A. 48's "THE TERM "OCCUPANTS" SHALL
INCLUDE CHILDREN UNDER THE AGE OF EIGHTEEN ..."), its name perhaps broken at a line end, and
"the" before it (``_THE_BEFORE``). One pattern per way "term" is printed, each opening with its
word, which ``re`` finds as a literal: one case-insensitive pattern read a 10 MB bill in 0.17 s,
these three in 0.03 s."""
_THE_BEFORE = re.compile(r"\bthe\s+$", re.I)


def _gaps(outline: Outline) -> tuple[int, ...]:
    return tuple(n.span[0] for n in outline.document.notes
                 if n.kind is NoteKind.GAP and n.span is not None)


def _trust(reasons: list[Reason], pair: ClausePair, rules: RuleSet, texts: Texts
           ) -> list[Reason]:
    """Where one side breaks off (its text not retrieved), that its words are missing is no
    evidence: the words may stand in the missing part. Rules that judge words present on the
    other side only (``added`` against a cut-off old side, ``removed`` against a cut-off new
    side) are set aside."""
    cut = {side for side in ("old", "new") if _broken_side(pair, texts, side)}
    if not cut:
        return reasons
    by_id = rules.by_id
    distrusted = {"added"} if "old" in cut else set()
    distrusted |= {"removed"} if "new" in cut else set()
    return [r for r in reasons if r.rule not in by_id or by_id[r.rule].match not in distrusted]


def _broken_side(pair: ClausePair, texts: Texts, side: str) -> bool:
    """Does this side's provision (with the items it leads into) end where its text was not
    retrieved?"""
    clause, gaps, document = (pair.old, texts.old_gaps, texts.old) if side == "old" else \
        (pair.new, texts.new_gaps, texts.new)
    if clause is None:
        return False
    end = max(c.span[1] for c in clause.walk())
    return any(clause.span[0] < g and not document[end:g].strip() for g in gaps)


def _breaks_off(pair: ClausePair, texts: Texts) -> Reason | None:
    """The reason for a provision that ends where its text was not retrieved. Not for one
    with no text at all (the unnumbered block that holds the items after a gap): the item
    that breaks off says so, and there is nothing of the block's to point at."""
    for side in ("old", "new"):
        clause = pair.old if side == "old" else pair.new
        if clause is not None and clause.text.strip() and _broken_side(pair, texts, side):
            return one_sided("incomplete-text", "completeness", Direction.UNCLEAR, side,
                             clause.text, clause.span,
                             f"The {side} provision breaks off where the text was not "
                             "retrieved; what it says after the gap is unknown.")
    return None


def aggregate(reasons: Iterable[Reason]) -> Verdict | None:
    """The verdict the reasons' directions make: mixed when some are stronger and some weaker,
    else the one direction present (stronger, weaker, then unclear); neutral when all are
    neutral; ``None`` when there are none."""
    directions = {r.direction for r in reasons}
    if Direction.STRONGER in directions and Direction.WEAKER in directions:
        return Verdict.MIXED
    if Direction.STRONGER in directions:
        return Verdict.STRONGER
    if Direction.WEAKER in directions:
        return Verdict.WEAKER
    if Direction.UNCLEAR in directions:
        return Verdict.UNCLEAR
    if directions == {Direction.NEUTRAL}:
        return Verdict.NEUTRAL
    return None


def _number_of_noun(a: str, b: str) -> bool:
    """Is one of the words ``a`` and ``b`` the other with a plural ending ("KEY" → "KEYS",
    "box" → "boxes", "party" → "parties")? Words of letters only, three or more, and none of
    the small words whose "s" makes another word ("it" → "its", "a" → "as")."""
    short, long = sorted((a.casefold(), b.casefold()), key=len)
    if not (short.isalpha() and long.isalpha() and len(short) >= 3) or \
            {short, long} & _NOT_MISSPELT:
        return False
    return long in (short + "s", short + "es") or (
        short.endswith("y") and long == short[:-1] + "ies")


def is_descriptive(pair: ClausePair) -> bool:
    """Titles, digests, findings and purpose clauses, front matter, headings, contents."""
    old, new = pair.old, pair.new  # (asked of every pair of a long bill: no generator)
    return (old is not None and old.role in DESCRIBING) or (
        new is not None and new.role in DESCRIBING)


def _formal(open_runs: list[Run], texts: Texts, pair: ClausePair) -> list[Reason]:
    """Neutral explanations for runs no rule explained: only punctuation, hyphenation or
    spacing differs; words added to or dropped from a heading; a spelling fix (one word,
    nearly the same letters); a name given in passing, added or struck ("(referred to under
    this heading as “covered disaster or emergency”)"); or a defined term renamed (both sides
    lie inside terms their documents define)."""
    out: list[Reason] = []
    for run in open_runs:
        a, b = key(run.deleted), key(run.inserted)
        old_span = (run.del_at, run.del_at + len(run.deleted)) if run.deleted.strip() else None
        new_span = (run.ins_at, run.ins_at + len(run.inserted)) if run.inserted.strip() else None
        if cut_off(run, texts):
            out.append(Reason("formal.cut-off", "completeness", Direction.NEUTRAL,
                              run.deleted or None, run.inserted or None, old_span, new_span,
                              "One text breaks off here (the rest was not retrieved); the words "
                              "it has agree with the other's."))
        elif letters(a) == letters(b):
            out.append(Reason("formal.punctuation", "formal", Direction.NEUTRAL,
                              run.deleted or None, run.inserted or None, old_span, new_span,
                              "Only punctuation, hyphenation or spacing differs; the words are "
                              "the same."))
        elif _list_joined(run, pair):
            gone, came = run.deleted.strip(), run.inserted.strip()
            told = (f"The list now goes on after this item (“{came}”)"
                    if _CONJUNCTION.search(came) else
                    f"This item now ends the list (“{gone}” is gone)" if came.endswith(".")
                    else f"“{gone}” no longer joins this item to the next")
            out.append(Reason("formal.list-joined", "formal", Direction.NEUTRAL,
                              run.deleted or None, run.inserted or None, old_span, new_span,
                              f"{told}: only how it joins the next changed, not what it says."))
        elif _number(a) is not None and _number(a) == _number(b):
            out.append(Reason("formal.number-words", "formal", Direction.NEUTRAL,
                              run.deleted, run.inserted, old_span, new_span,
                              f"“{run.deleted.strip()}” and “{run.inserted.strip()}” are the same "
                              "number, written differently."))
        elif _in_heading(pair.old, run.del_at, run.deleted) and \
                _in_heading(pair.new, run.ins_at, run.inserted):
            out.append(Reason("formal.heading", "formal", Direction.NEUTRAL,
                              run.deleted or None, run.inserted or None, old_span, new_span,
                              "Only a heading changed; headings do not change what the law "
                              "requires."))
        elif _number_of_noun(a, b):
            out.append(Reason("formal.singular-plural", "formal", Direction.NEUTRAL,
                              run.deleted, run.inserted, old_span, new_span,
                              f"“{run.deleted.strip()}” became “{run.inserted.strip()}”: the "
                              "singular for the plural or the plural for the singular, which "
                              "codes read alike unless the context says otherwise (for "
                              "federal law, 1 U.S.C. § 1)."))
        elif a and b and " " not in a + b and not any(c.isdigit() for c in a + b) and \
                fuzz.ratio(a, b) >= _SPELLING_SIMILARITY and \
                not {a.casefold(), b.casefold()} & _NOT_MISSPELT:
            out.append(Reason("formal.spelling", "formal", Direction.NEUTRAL, run.deleted,
                              run.inserted, old_span, new_span,
                              f"“{run.deleted.strip()}” corrected to “{run.inserted.strip()}”: "
                              "a change of spelling, not of meaning."))
        elif not (a and b) and (named := _REFERRED_TO.fullmatch(
                (run.deleted or run.inserted).strip())) is not None:
            term = readable(named.group("term"))
            now = "is now" if b else "is no longer"
            out.append(Reason("formal.term-named", "formal", Direction.NEUTRAL,
                              run.deleted or None, run.inserted or None, old_span, new_span,
                              f"What comes before {now} called “{term}”: a name given in "
                              "passing changes nothing by itself (each use of it is judged "
                              "where it stands)."))
        elif in_term(texts.old_terms, texts.old, run.del_at, run.deleted) and \
                in_term(texts.new_terms, texts.new, run.ins_at, run.inserted):
            out.append(Reason("formal.term-renamed", "formal", Direction.NEUTRAL,
                              run.deleted or None, run.inserted or None, old_span, new_span,
                              "Only the name of a defined term changed; what it means is "
                              "judged where it is defined."))
        elif run.deleted.strip() and _new_term(texts, run):
            out.append(Reason("formal.term-introduced", "formal", Direction.NEUTRAL,
                              run.deleted, run.inserted, old_span, new_span,
                              f"“{_named(run.inserted, texts.new)}” is a term the new text "
                              "defines; whether it reaches more or less than "
                              f"“{_named(run.deleted, texts.old)}” is judged at its definition."))
    return out


_LIST_END = re.compile(r"[\s.;,:]*(?:(?:and|or)[\s.;,:]*)?", re.I)
"""How an item of a list ends: punctuation, and a conjunction when another item follows."""
_CONJUNCTION = re.compile(r"\b(?:and|or)\b", re.I)
_AFTER_LAST = re.compile(r"[\s”\"’'.]*")
"""What may follow an item's last words in its clause: spacing, closing quotes, a period."""


def _list_joined(run: Run, pair: ClausePair) -> bool:
    """Does ``run`` only join the item to a next one ("." → "; and"), or stop joining it
    ("; or" → "."), at the end of the item's words on both sides?"""
    old, new = pair.old, pair.new
    if old is None or new is None or not (
            _LIST_END.fullmatch(run.deleted) and _LIST_END.fullmatch(run.inserted)) or \
            bool(_CONJUNCTION.search(run.deleted)) == bool(_CONJUNCTION.search(run.inserted)):
        return False
    return bool(_AFTER_LAST.fullmatch(old.text, run.del_at - old.span[0] + len(run.deleted))
                and _AFTER_LAST.fullmatch(new.text, run.ins_at - new.span[0] + len(run.inserted)))


def _named(words: str, page: str) -> str:
    """Changed words as a name is quoted: one line, without the article before them."""
    article = LEADING_ARTICLE.match(words)
    return readable(words[article.end():] if article else words, page)


def _new_term(texts: Texts, run: Run) -> bool:
    """Do the inserted words start a term only the new text defines, in its place? (An
    article before them goes with the term: "an electronic ... entry" → "a smart access".)"""
    inserted, at = run.inserted, run.ins_at
    article = LEADING_ARTICLE.match(inserted)
    if article:
        inserted, at = inserted[article.end():], at + article.end()
    words = key(inserted).strip()
    if len(words) < 4:
        return False
    after = key(texts.new[at:at + len(inserted) + 60])
    named = (words, words[:-1]) if words.endswith("s") else (words,)  # ("users": "user")
    return any(t.startswith(w) and after.startswith(t) and t not in texts.old_terms
               for t in texts.new_terms for w in named)


def _number(text: str) -> int | None:
    """The number ``text`` is, in digits or in words ("3", "three", "twenty-five")."""
    flat = " ".join(text.split()).strip(" ,.;")
    if flat.replace(",", "").isdigit():
        return int(flat.replace(",", ""))
    return words_to_number(flat) if flat else None


def _named_anew(pair: ClausePair) -> list[Reason]:
    """The reasons for what changed before the content of a pair whose content did not: its
    heading, or the name of the term it defines (a label that changed is shown as a
    renumbering, not given a reason). A. 3712's "FACIAL RECOGNITION OR BIOMETRIC
    SURVEILLANCE SYSTEM" is § 832.19's "Biometric surveillance system", defined in the same
    words; it was shown changed with no reason at all."""
    old, new = pair.old, pair.new
    assert old is not None and new is not None
    d_from = old.label_span[1] if old.label_span else old.span[0]
    i_from = new.label_span[1] if new.label_span else new.span[0]
    out: list[Reason] = []
    for run in runs(pair):
        if run.layout_only:
            continue
        d_cut = max(0, min(len(run.deleted), d_from - run.del_at))
        i_cut = max(0, min(len(run.inserted), i_from - run.ins_at))
        gone, came = run.deleted[d_cut:], run.inserted[i_cut:]
        d_at, i_at = run.del_at + d_cut, run.ins_at + i_cut
        if key(gone) == key(came):
            continue  # (the label's, or layout)
        if not letters(gone):  # (a quotation mark, a space: what changed is the other side)
            gone = ""
        if not letters(came):
            came = ""
        old_span = (d_at, d_at + len(gone)) if gone.strip() else None
        new_span = (i_at, i_at + len(came)) if came.strip() else None
        if _in_heading(old, d_at, gone) and _in_heading(new, i_at, came):
            out.append(Reason("formal.heading", "formal", Direction.NEUTRAL, gone or None,
                              came or None, old_span, new_span, "Only a heading changed; "
                              "headings do not change what the law requires."))
        elif old.term and new.term and key(old.term) != key(new.term):
            out.append(Reason("formal.term-renamed", "formal", Direction.NEUTRAL, gone or None,
                              came or None, old_span, new_span,
                              f"Only the name of the term defined changed (“{old.term}” → "
                              f"“{new.term}”); its definition reads the same."))
    return out


def _in_heading(clause: Clause | None, at: int, words: str) -> bool:
    """Do ``words`` (at ``at``) lie inside the clause's heading line?"""
    if not words.strip():
        return True
    printed = heading_span(clause) if clause is not None else None
    if printed is None:
        return False
    first = at + len(words) - len(words.lstrip())
    last = at + len(words.rstrip().rstrip(".:;—-–"))
    return printed[0] <= first and last <= printed[1]


def _mirror(pair: ClausePair) -> ClausePair:
    flip = {Verdict.STRONGER: Verdict.WEAKER, Verdict.WEAKER: Verdict.STRONGER}
    flip_d = {Direction.STRONGER: Direction.WEAKER, Direction.WEAKER: Direction.STRONGER}
    reasons = tuple(replace(r, direction=flip_d.get(r.direction, r.direction))
                    for r in pair.reasons)
    return replace(pair, verdict=flip.get(pair.verdict, pair.verdict), reasons=reasons)


def _incomplete(pair: ClausePair) -> Reason:
    clause = pair.old or pair.new
    assert clause is not None
    side = "new" if pair.old is not None else "old"
    return Reason("incomplete-text", "completeness", Direction.UNCLEAR,
                  clause.text if pair.old else None, clause.text if pair.new else None,
                  clause.span if pair.old else None, clause.span if pair.new else None,
                  f"The {side} text is partial: this provision may sit in the part that was not "
                  "retrieved, so it is not reported as added or removed.")


_PLACEHOLDER = re.compile(r"\s*\[(?:empty|reserved)\]\s*\.?\s*", re.I)
"""A print's mark for a provision with no words of its own: "[Empty]" (the Washington code's
rendering, where a subsection's text is all in its paragraphs), "[Reserved]"."""


def _no_words(own: str) -> bool:
    """Is a clause's own text (after its label and heading) empty, or only a placeholder?"""
    return not own.strip() or _PLACEHOLDER.fullmatch(own) is not None


def _no_own_text() -> Reason:
    """A clause with no words of its own (matter quoted into another law, as a whole; a label
    alone, "5." over its paragraphs; a label and a heading, "Sec. 20. Right of action." over
    its subsections): added or removed, it is judged by what it holds, provision by
    provision, not once more as a whole (it would count each of its provisions' verdicts
    twice, pointing at no words, or at its label, or judge its heading's words as if they were
    law: BIPA's removed § 20 was "weaker" for its heading "Right of action")."""
    return Reason("no-own-text", "formal", Direction.NEUTRAL, None, None, None, None,
                  "It has no words of its own beyond its label and heading; the provisions it "
                  "holds are judged one by one.")


def _non_operative(pair: ClausePair) -> Reason:
    return Reason("non-operative", "formal", Direction.NEUTRAL, None, None, None, None,
                  "Front matter, headings and tables of contents do not change what the law "
                  "requires.")


def _described(pair: ClausePair, changed: list[Run]) -> Reason:
    """Descriptive text (a digest, findings, a title) reworded, added or removed, that no rule
    places."""
    if pair.old is None or pair.new is None:
        clause = pair.new if pair.old is None else pair.old
        assert clause is not None
        done = "added" if pair.old is None else "removed"
        return one_sided(f"descriptive-{done}", "formal", Direction.NEUTRAL,
                         "new" if pair.old is None else "old", clause.text, clause.span,
                         f"Descriptive text (a title, digest, findings or purpose) was {done}; "
                         "it does not itself change what the law requires.")
    run = changed[0] if changed else Run("", 0, "", 0)
    old_span = (run.del_at, run.del_at + len(run.deleted)) if run.deleted else None
    new_span = (run.ins_at, run.ins_at + len(run.inserted)) if run.inserted else None
    return Reason("descriptive-reworded", "formal", Direction.NEUTRAL, run.deleted or None,
                  run.inserted or None, old_span, new_span,
                  "Descriptive text (a title, digest, findings or purpose) was reworded; it "
                  "does not itself change what the law requires.")


def _evidence(pair: ClausePair, changed: list[Run], *, also: bool = False) -> Reason:
    """The run of changed words no rule places that changes the most words (the first of
    those), for a change no rule places (``also``: beside changes rules did place); how many
    others there are is told. (An article swapped, "a" → "the", is not the words to read first
    when a list gained an item beside it.)"""
    if not changed:
        clause = pair.new or pair.old
        assert clause is not None
        side_new = pair.new is not None
        return Reason("unassessed", "unknown", Direction.UNCLEAR,
                      None if side_new else clause.text, clause.text if side_new else None,
                      None if side_new else clause.span, clause.span if side_new else None,
                      "No rule places this provision; read it.")
    run = max(changed, key=_weight)
    old_span = (run.del_at, run.del_at + len(run.deleted)) if run.deleted else None
    new_span = (run.ins_at, run.ins_at + len(run.inserted)) if run.inserted else None
    others = len(changed) - 1
    more = f" (nor {others} other change{'s' if others > 1 else ''})" if others else ""
    told = (f"No rule places this change{more}; read " if not also else
            f"Also changed, and no rule places it{more}; read ") + ("them." if others else "it.")
    return Reason("unassessed", "unknown", Direction.UNCLEAR, run.deleted or None,
                  run.inserted or None, old_span, new_span, told)


def _weight(run: Run) -> int:
    """How many letters and digits a run deletes and inserts."""
    return len(letters(run.deleted)) + len(letters(run.inserted))
