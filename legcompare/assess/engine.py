"""Applying the rules to one clause pair: reasons with the spans of the words that caused them.

Guarantees of :func:`judge`: every reason's spans lie inside the pair's edits (deleted or
inserted words) or, for whole-clause rules, inside the clause; spans are offsets in each
document's display text. Layout-only changes (equal comparison keys) are never evidence.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field, replace
from difflib import SequenceMatcher
from itertools import accumulate
from typing import TYPE_CHECKING

from ..chardiff import sequence_diff, token_key, tokenize
from ..model import Clause, ClausePair, Direction, Kind, Op, Reason, Role, Status, parent_in
from ..normalize import fold, key, unbroken
from ..prefilter import lower_for_prefilter, prefilter
from .roles import own_text, role_of, subject_of
from .rules import Rule, RuleSet
from .values import Quantity, describe, quantities

if TYPE_CHECKING:
    from ..amend import Instruction


@dataclass(frozen=True)
class Run:
    """One run of changed words: deleted from old, inserted in new (either may be empty)."""

    deleted: str
    del_at: int
    inserted: str
    ins_at: int

    @property
    def layout_only(self) -> bool:
        return key(self.deleted) == key(self.inserted)

    @property
    def wording_changed(self) -> bool:
        """Do letters or digits differ (not only punctuation, hyphenation, spacing, case)?"""
        return letters(self.deleted) != letters(self.inserted)


def letters(text: str) -> str:
    """The letters and digits of ``text``, case folded: what wording is made of."""
    return "".join(ch for ch in key(text).casefold() if ch.isalnum())


_TERM_LEAD = re.compile(r"""[\s*#]*(?:the\s+term\s+)?[“"‘'`]{0,2}""", re.I)
_HEADING_LEAD = re.compile(r"""[\s*#]*(?:[—–:-]+[\s*#]*)?""")
_HEADING_END = re.compile(r"""[*\s]*(?:\.?\s*[—–-]+|[.:])?[*\s]*""")
_HEADING_TAIL = re.compile(r"""[^\n]{0,120}?(?:\.—|\.--|\.(?=\s)|\*\*)""")


def content_start(clause: Clause) -> int:
    """Where a clause's content starts: after its label and heading, and after the term a
    definition defines (renumbering a provision, retitling it or renaming a defined term is
    not a change of content)."""
    at = clause.label_span[1] if clause.label_span else clause.span[0]
    text = clause.text
    rel = at - clause.span[0]
    printed = heading_span(clause)
    if printed is not None:
        m = _HEADING_END.match(text, printed[1] - clause.span[0])
        rel = m.end() if m else printed[1] - clause.span[0]
    if clause.term:
        m = _TERM_LEAD.match(text, rel)
        rel = m.end() if m else rel
        found = key(text[rel:rel + len(clause.term) + 40])
        if found.startswith(key(clause.term)):
            rel += len(clause.term)
            while rel < len(text) and not text[rel].isspace():
                rel += 1
    return clause.span[0] + rel


def heading_span(clause: Clause) -> tuple[int, int] | None:
    """Where the clause's heading is printed, right after its label (display offsets), or
    ``None``. The heading is kept as one line ("USE OF FACIAL RECOGNITION IN CONNECTION WITH AN
    OFFICER CAMERA PROHIBITED"); a print may space its words out and break its line (A. 3712:
    "§ 837-X. USE OF FACIAL  RECOGNITION ... OFFICER" / "CAMERA  PROHIBITED."), so it is found
    by its comparison key and measured as printed."""
    if not clause.heading:
        return None
    at = clause.label_span[1] if clause.label_span else clause.span[0]
    text = clause.text
    rel = at - clause.span[0]
    m = _HEADING_LEAD.match(text, rel)
    lead = m.end() if m else rel
    heading = key(clause.heading)
    window = text[lead:lead + 2 * len(clause.heading) + 40]
    if not heading or not key(window).startswith(heading):
        return None
    end = lead + fold(window).origin[len(heading) - 1] + 1
    return (clause.span[0] + lead, clause.span[0] + end)


def runs(pair: ClausePair, *, content_only: bool = False) -> list[Run]:
    """The pair's changes, as runs between equal segments, with display offsets.

    ``content_only`` leaves out what changed in labels and defined terms' names."""
    found = _runs(pair)
    if not content_only or pair.old is None or pair.new is None:
        return found
    old_from, new_from = content_start(pair.old), content_start(pair.new)
    out = []
    for r in found:
        d_cut = max(0, min(len(r.deleted), old_from - r.del_at))
        i_cut = max(0, min(len(r.inserted), new_from - r.ins_at))
        trimmed = Run(r.deleted[d_cut:], r.del_at + d_cut, r.inserted[i_cut:], r.ins_at + i_cut)
        if not (trimmed.deleted.strip() or trimmed.inserted.strip()):
            continue
        # (a run cut at the label is read again: "(B) WHERE A LANDLORD" → "B. WHERE AN OWNER"
        # was one change for the label's sake, and "WHERE" is no change of content)
        out += [part for part in _substance(trimmed) if part.deleted.strip() or
                part.inserted.strip()] if d_cut or i_cut else [trimmed]
    return out


def _runs(pair: ClausePair) -> list[Run]:
    old_at = pair.old.span[0] if pair.old else 0
    new_at = pair.new.span[0] if pair.new else 0
    out: list[Run] = []
    deleted: list[str] = []
    inserted: list[str] = []
    d0, i0 = old_at, new_at
    for e in [*pair.edits, None]:
        if e is None or e.op is Op.EQUAL:
            if deleted or inserted:
                out.append(Run("".join(deleted), d0, "".join(inserted), i0))
                deleted, inserted = [], []
            if e is not None:
                old_at += len(e.text)
                new_at += len(e.text)
            d0, i0 = old_at, new_at
        elif e.op is Op.DELETE:
            deleted.append(e.text)
            old_at += len(e.text)
        else:
            inserted.append(e.text)
            new_at += len(e.text)
    return [part for run in out for part in _substance(run)]


def _substance(run: Run) -> Iterator[Run]:
    """The run's real changes: a run the word diff grouped together may hold words that differ
    only in print (case, spacing) around the words that changed; those are cut away, and
    separate changes inside the run become separate runs."""
    if run.layout_only or not run.deleted or not run.inserted:
        yield run
        return
    a, b = tokenize(run.deleted), tokenize(run.inserted)
    i = j = 0
    d_at, i_at = run.del_at, run.ins_at
    pend_d: list[str] = []
    pend_i: list[str] = []
    start_d, start_i = d_at, i_at
    for op, na, nb in sequence_diff([token_key(t) for t in a], [token_key(t) for t in b]):
        if op is Op.EQUAL:
            if pend_d or pend_i:
                yield Run("".join(pend_d), start_d, "".join(pend_i), start_i)
                pend_d, pend_i = [], []
            d_at += sum(len(t) for t in a[i:i + na])
            i_at += sum(len(t) for t in b[j:j + nb])
            start_d, start_i = d_at, i_at
        else:
            chunk_d, chunk_i = a[i:i + na], b[j:j + nb]
            pend_d += chunk_d
            pend_i += chunk_i
            d_at += sum(len(t) for t in chunk_d)
            i_at += sum(len(t) for t in chunk_i)
        i += na
        j += nb
    if pend_d or pend_i:
        yield Run("".join(pend_d), start_d, "".join(pend_i), start_i)


@dataclass(frozen=True)
class Texts:
    """The two documents' display texts, for rules about the whole document."""

    old: str
    new: str
    old_terms: frozenset[str] = frozenset()
    """Comparison keys of the terms each document defines."""
    new_terms: frozenset[str] = frozenset()
    old_gaps: tuple[int, ...] = ()
    """Offsets in each display text where text was not retrieved (partial documents)."""
    new_gaps: tuple[int, ...] = ()
    known: dict[tuple[int, str], bool] = field(default_factory=dict, compare=False, repr=False)
    """Answers of :func:`_document_ok` already found, by rule and side: a rule about the
    whole document is asked once per document, not once per provision."""
    old_tree: tuple[Clause, ...] = field(default=(), compare=False, repr=False)
    """Each document's clause tree, for the clause a provision is part of (:meth:`parent`)."""
    new_tree: tuple[Clause, ...] = field(default=(), compare=False, repr=False)

    def parent(self, clause: Clause, side: str) -> Clause | None:
        """The clause that ``clause`` (of the ``side`` text, "old" or "new") is a part of, or
        ``None`` (a top-level clause, or no tree given): :func:`~legcompare.model.parent_in`."""
        return parent_in(self.old_tree if side == "old" else self.new_tree, clause)


def cut_off(run: Run, texts: Texts) -> bool:
    """Does one side break off (text not retrieved) where the run ends, with the words it has
    agreeing with the other side's ("acc" | "access targeted")?"""
    a, b = letters(run.deleted), letters(run.inserted)
    if a and b and b.startswith(a):
        text, end, gaps = texts.old, run.del_at + len(run.deleted), texts.old_gaps
    elif a and b and a.startswith(b):
        text, end, gaps = texts.new, run.ins_at + len(run.inserted), texts.new_gaps
    else:
        return False
    return any(end <= g and not text[end:g].strip() for g in gaps)


def in_term(terms: frozenset[str], text: str, at: int, words: str) -> bool:
    """Are ``words`` (at ``at`` in ``text``) inside a term the document defines, where it is
    named there ("SMART ACCESS" in "A SMART ACCESS SYSTEM"; an article before them goes with
    the term's new name)? Not merely letters a term holds: "A" → "THE" in "AT A POINT OF
    AUTHENTICATION" renames no term, though "authentication data" holds an "a" and is named a
    few words on."""
    if not words.strip():
        return True
    article = LEADING_ARTICLE.match(words)  # ("an electronic entry" → "a smart access")
    if article:
        at, words = at + article.end(), words[article.end():]
    core = key(words)
    wanted = [t for t in terms if len(t) > 3 and core in t]
    if not wanted:
        return False
    first = at + len(words) - len(words.lstrip())
    last = at + len(words.rstrip())
    lo = max(0, at - _TERM_REACH)
    window = fold(text[lo:last + _TERM_REACH], lo)
    found, origin = window.key, window.origin
    for term in wanted:
        start = found.find(term)
        while start >= 0:
            end = start + len(term)
            if origin[start] <= first and last <= origin[end] and \
                    not (start and found[start - 1].isalnum()) and \
                    not (end < len(found) and found[end].isalnum()):
                return True
            start = found.find(term, start + 1)
    return False


_TERM_REACH = 80
"""Characters around changed words searched for the term they may be part of."""
LEADING_ARTICLE = re.compile(r"\s*(?:an?|the)\s+(?=\S)", re.I)
"""An article that opens changed words and goes with the words after it."""


def judge(pair: ClausePair, rules: RuleSet, texts: Texts) -> list[Reason]:
    """The reasons the rules give for this pair (may be empty)."""
    if pair.status in (Status.ADDED, Status.REMOVED):
        return [*_instructions_alone(pair, rules), *_whole_clause(pair, rules, texts)]
    if pair.old is None or pair.new is None:
        # a piece of a merge (split) that has no counterpart of its own: its words went into
        # (came from) the group's other clause, so no rule may say that protection went or
        # came with them; one that says what they are (an emergency designation) may
        return list(_whole_clause(pair, rules, texts, undirected=True))
    changed = [r for r in runs(pair, content_only=True)
               if r.wording_changed and not cut_off(r, texts)]
    if not changed:
        return []
    role = pair.old.role
    reasons, changed = _moved_words(pair, changed)
    reasons += _swaps(pair, changed, rules, role, texts, _qualified(pair, texts))
    reasons += _counts(pair, changed, rules, role, texts)
    reasons += _values(pair, changed, rules, role)
    reasons += _amendments(pair, rules)
    return _dedupe(_superseded(reasons, rules))


def _moved_words(pair: ClausePair, changed: list[Run]) -> tuple[list[Reason], list[Run]]:
    """Words struck in one place of a sentence and inserted, the same, in another place of it:
    A. 48-A's "A [-LAWFUL -]TENANT OR {+LAWFUL +}OCCUPANT" moves "LAWFUL" from the tenant to
    the occupant. Nothing was added or removed, so no one-sided rule may read either run; what
    each word governs changed, one reach wider and one narrower, and the reason says between
    which words (``scope.words-moved``, unclear). Returned: those reasons, and the other runs.
    Words that carry no meaning of their own (articles, conjunctions) are not followed."""
    old, new = pair.old, pair.new
    assert old is not None and new is not None
    struck = [k for k, r in enumerate(changed) if r.deleted.strip() and not r.inserted.strip()]
    put = [k for k, r in enumerate(changed) if r.inserted.strip() and not r.deleted.strip()]
    if not struck or not put:
        return [], changed
    reasons: list[Reason] = []
    used: set[int] = set()
    put_words = {i: _moving(changed[i].inserted) for i in put}
    for d in struck:
        words = _moving(changed[d].deleted)
        if words is None:
            continue
        at = changed[d].del_at
        near = [i for i in put if i not in used and put_words[i] == words and
                _one_sentence(old, at, changed[i].del_at)]
        if not near:
            continue
        i = min(near, key=lambda i: abs(changed[i].del_at - at))
        used |= {d, i}
        gone, came = changed[d], changed[i]
        printed = " ".join(gone.deleted.split())
        was, now = _next_word(old, gone.del_at + len(gone.deleted)), \
            _next_word(new, came.ins_at + len(came.inserted))
        where = f" from before “{was}” to before “{now}”" if was and now and was != now \
            else " within its sentence"
        reasons.append(Reason(
            "scope.words-moved", "scope", Direction.UNCLEAR, gone.deleted, came.inserted,
            (gone.del_at, gone.del_at + len(gone.deleted)),
            (came.ins_at, came.ins_at + len(came.inserted)),
            f"“{printed}” moved{where}: the words it bears on changed, so the provision may "
            "reach further in one place and less far in the other; read both."))
    return reasons, [r for k, r in enumerate(changed) if k not in used]


_LIGHT = frozenset({"a", "an", "the", "and", "or", "of", "to", "in", "on", "for", "by", "with",
                    "such", "any", "that", "which", "is", "be", "as"})
_MOVE_WORDS = 3
"""At most this many words are followed as moved (a qualifier, not a passage)."""
_MOVE_REACH = 200
"""At most this many characters apart, in one sentence."""


def _moving(words: str) -> str | None:
    """The comparison key of ``words`` if they may be followed as moved: one to three words,
    one at least with a meaning of its own."""
    found = key(words).casefold().split()
    if not 0 < len(found) <= _MOVE_WORDS or all(w.strip(",;.") in _LIGHT for w in found):
        return None
    return " ".join(found)


def _one_sentence(clause: Clause, a: int, b: int) -> bool:
    """Are offsets ``a`` and ``b`` of ``clause``'s document close, in one sentence of it?"""
    lo, hi = sorted((a, b))
    if hi - lo > _MOVE_REACH:
        return False
    between = clause.text[max(0, lo - clause.span[0]):hi - clause.span[0]]
    return _CLAUSE_END.search(between) is None


def _next_word(clause: Clause, at: int) -> str:
    """The word of ``clause``'s document that follows offset ``at`` (in the clause)."""
    m = _WORD_AFTER.match(clause.text, at - clause.span[0])
    return m.group(1) if m else ""


_WORD_AFTER = re.compile(r"[\s,;:]*([^\W_][\w'’-]*)")


def _superseded(reasons: list[Reason], rules: RuleSet) -> list[Reason]:
    """Drop the reasons a fired rule says it replaces. A ``swap`` rule reads the words of one
    change and replaces other readings of those words only: in A. 48-A's "PEOPLE AUTHORIZED BY
    THE TENANT {+OR LAWFUL OCCUPANT+} EXCEPT AS REQUESTED BY THE TENANT {+OR LAWFUL
    OCCUPANT+}" the exception's alternative replaces "another case was added" for the second
    insertion, and the first still widens whom the prohibition protects. A rule on what a
    provision names (``added``, ``removed``) replaces its kind throughout the provision:
    enforcement by the attorney general alone makes the relief it may seek, wherever the words
    stand, no gain for the people the law protects."""
    by_id = rules.by_id
    over = [(reason, set(by_id[reason.rule].supersedes), by_id[reason.rule].match == "swap")
            for reason in reasons if reason.rule in by_id and by_id[reason.rule].supersedes]
    if not over:
        return reasons
    return [r for r in reasons if not any(
        r.rule in gone and (not local or _same_words(r, by)) for by, gone, local in over)]


def _same_words(a: Reason, b: Reason) -> bool:
    """Do ``a`` and ``b`` read overlapping words (or is either without places)?"""
    if (a.old_span is None and a.new_span is None) or (b.old_span is None and b.new_span is None):
        return True
    return any(x is not None and y is not None and x[0] < y[1] and y[0] < x[1]
               for x, y in ((a.old_span, b.old_span), (a.new_span, b.new_span)))


def _context_ok(rule: Rule, *texts: str, around: tuple[str, ...] = ()) -> bool:
    """Does ``context`` occur in ``texts`` or ``around`` (the words of the provision they are
    part of), and ``not_context`` in none of ``texts``?"""
    joined = " ".join(texts)
    if rule.context is not None and not rule.context.search(joined) and not any(
            rule.context.search(t) for t in around):
        return False
    return not (rule.not_context is not None and rule.not_context.search(joined))


def _term_ok(rule: Rule, pair: ClausePair) -> bool:
    """A rule with ``term`` applies to definitions of matching terms only."""
    if rule.term is None:
        return True
    return any(c is not None and c.term and rule.term.search(c.term)
               for c in (pair.old, pair.new))


def _subject_ok(rule: Rule, text: str) -> bool:
    """``regulated``: the modal does not bind the protected person; ``protected``: it does."""
    if rule.subject is None:
        return True
    found = subject_of(text)
    return found != "protected" if rule.subject == "regulated" else found == rule.subject


def _reason(rule: Rule, role: Role | None, old: str | None, new: str | None,
            old_span: tuple[int, int] | None, new_span: tuple[int, int] | None) -> Reason:
    words = {"old": _short(old), "new": _short(new), "role": role.value if role else "provision"}
    try:
        explanation = rule.explanation.format(**words)
    except (KeyError, IndexError, ValueError):
        explanation = rule.explanation
    return Reason(rule.id, rule.dimension, rule.direction_for(role), old, new, old_span,
                  new_span, explanation)


def _short(text: str | None, n: int = 80) -> str:
    if text is None:
        return ""
    flat = " ".join(text.split())
    return flat if len(flat) <= n else flat[: n - 1] + "…"


_REACH = 24  # characters of unchanged text a swap pattern may read past the changed words


def _qualified(pair: ClausePair, texts: Texts) -> tuple[str, ...]:
    """The own words of the provision a proviso qualifies, on each side (none for any other
    clause): "Provided, That such assistance may include compensation ..." is part of the
    appropriation its paragraph makes ("For an additional amount ..."), and a rule's
    ``context`` reads those words too."""
    out: list[str] = []
    for clause, side in ((pair.old, "old"), (pair.new, "new")):
        if clause is not None and clause.kind is Kind.PROVISO:
            up = texts.parent(clause, side)
            if up is not None:
                out.append(own_text(up))
    return tuple(out)


def _swaps(pair: ClausePair, changed: list[Run], rules: RuleSet, role: Role | None,
           texts: Texts, qualified: tuple[str, ...] = ()) -> Iterator[Reason]:
    """``swap`` rules: the old words in a run's deletion and the new words in its insertion.

    A pattern may read a little past the change ("MAY| NOT" → "SHALL| NOT"), but its match must
    begin inside the changed words. A rule with only ``new`` (or only ``old``) looks at
    insertions (deletions) alone, so a pattern anchored with ``^`` reads the start of a run.
    A rule's ``context`` may also be found in ``qualified`` (:func:`_qualified`). Words broken
    at a line end are read joined ("LAND-" / "LORDS" is "LANDLORDS"), a compound hyphen kept
    where the document (``texts``) prints the compound whole.
    """
    old, new = pair.old, pair.new
    assert old is not None and new is not None
    old_text, new_text = own_text(old), own_text(new)
    fitting = [rule for rule in rules.of("swap") if rule.applies_to(role) and
               _term_ok(rule, pair) and _context_ok(rule, old_text, new_text, around=qualified) and
               _subject_ok(rule, old_text)]
    matches: dict[tuple[str, int], tuple[_Found, _Found]] = {}

    def found(rule: Rule, k: int) -> tuple[_Found, _Found]:
        if (rule.id, k) not in matches:
            run = changed[k]
            # (what a one-sided rule says was added or removed must be words that were: it
            # may look past them, not take in the words after them; "TENANT [-AND/OR -]{+OR
            # LAWFUL OCCUPANT AND THEIR +}GUESTS" removes no case "AND/OR GUESTS")
            inside = rule.direction is not Direction.NEUTRAL and (rule.old is None) != (
                rule.new is None)
            matches[rule.id, k] = (
                _match_in(rule.old, old, run.deleted, run.del_at, inside=inside, page=texts.old),
                _match_in(rule.new, new, run.inserted, run.ins_at, inside=inside, page=texts.new))
        return matches[rule.id, k]

    def reads(rule: Rule, run: Run) -> bool:  # the words before it and its kind of run
        return (rule.before is None or _before_ok(rule.before, pair, run)) and not (
            rule.pure and not _ARTICLE_ONLY.match(run.deleted) and run.inserted.strip())

    # Runs a neutral rule reads whole on both sides ("[-AND/OR-]{+OR+}", "[-MUST-]{+SHALL+}"):
    # the same words in other words, no case added or removed there, and no other change
    # ("this [-chapter-]{+SECTION+}" is each text referring to itself, not another provision).
    same = {k for k, run in enumerate(changed) for rule in fitting
            if rule.direction is Direction.NEUTRAL and rule.old is not None and
            rule.new is not None and reads(rule, run) and _whole(found(rule, k), run)}
    for rule in fitting:
        one_sided = rule.direction is not Direction.NEUTRAL and (rule.old is None) != (
            rule.new is None)
        for k, run in enumerate(changed):
            if not reads(rule, run) or (rule.direction is not Direction.NEUTRAL and k in same):
                continue
            mo, mn = found(rule, k)
            if one_sided and _still_there(mo or mn, run, removed=mo is not None):
                continue
            if (rule.old is None or mo) and (rule.new is None or mn) and (mo or mn):
                mo, mn = _words(mo), _words(mn)  # (an empty side quotes nothing)
                # (every run a rule fits: "TENANT {+OR LAWFUL OCCUPANT+} ... THE TENANT {+OR
                # LAWFUL OCCUPANT+}" is one case added twice, not one case and a change no rule
                # places; reports list a reason given more than once once, with a count)
                yield _reason(rule, role, mo[0] if mo else None, mn[0] if mn else None,
                              mo[1] if mo else None, mn[1] if mn else None)


_Found = tuple[str, tuple[int, int]] | None
"""What :func:`_match_in` finds: the words and their span, or nothing."""


def _words(found: _Found) -> _Found:
    """What a match quotes: nothing where it read an empty side."""
    return found if found is not None and found[0].strip() else None


def _whole(found: tuple[_Found, _Found], run: Run) -> bool:
    """Did a two-sided rule's matches read a run's deleted and inserted words whole?"""
    old, new = found
    return old is not None and new is not None and \
        " ".join(old[0].split()) == " ".join(run.deleted.split()) and \
        " ".join(new[0].split()) == " ".join(run.inserted.split())


def _still_there(found: _Found, run: Run, *, removed: bool) -> bool:
    """Do the words a one-sided rule found in a run's deletion (``removed``) or insertion stand
    on the run's other side too? Then they were reworded around, not removed or added: "[-OR
    COMMON AREA WITH AN ELECTRONIC ... ENTRY-]{+, DWELLING UNIT OF SUCH BUILDING, OR COMMON
    AREA OF SUCH BUILDING THROUGH A SMART ACCESS+}" keeps its "OR COMMON"."""
    if found is None:
        return False
    words = " ".join(key(found[0]).split())
    other = " ".join(key(run.inserted if removed else run.deleted).split())
    return bool(words) and words in other


_ARTICLE_ONLY = re.compile(r"\s*(?:(?:a|an|the|any|such)\s*)?$", re.I)
_SENTENCE = re.compile(r"[.;:](?=\s)|\n\s*\n")


def _before_ok(pattern: re.Pattern[str], pair: ClausePair, run: Run) -> bool:
    """Do the words before the change, back to the start of its sentence, match ``pattern``
    (on the side that has words: the new side for insertions)?"""
    clause, at = (pair.new, run.ins_at) if run.inserted.strip() else (pair.old, run.del_at)
    assert clause is not None
    lead = clause.text[max(0, at - clause.span[0] - 300):at - clause.span[0]]
    cut = list(_SENTENCE.finditer(lead))
    if cut:
        lead = lead[cut[-1].end():]
    return pattern.search(" ".join(lead.split()) + " ") is not None


def _match_in(pattern: re.Pattern[str] | None, clause: Clause, changed: str, at: int, *,
              inside: bool = False, page: str | None = None
              ) -> tuple[str, tuple[int, int]] | None:
    """The pattern's first match that begins inside ``changed`` (reading a little past it;
    with ``inside``, it may take in no word past it, though a lookahead may read on).
    Where nothing changed on this side (a pure insertion or deletion), only a pattern that
    matches the empty string matches: a rule says "nothing on the other side" that way.
    The pattern reads words broken at a line end joined (:func:`~legcompare.normalize.unbroken`,
    ``page`` the text they are in); what it found is given as printed, where printed."""
    if pattern is None:
        return None
    if not changed.strip():
        return ("", (at, at + len(changed))) if pattern.fullmatch(changed) else None
    rel = at - clause.span[0] + len(changed)
    window = changed + clause.text[rel:rel + _REACH]
    # A pattern anchored with ``$`` reads the changed words alone; others read a little past
    # them, so a lookahead ("may(?! not)") sees what follows.
    texts = (changed,) if "$" in pattern.pattern else (window,)
    for text in texts:
        read, where = unbroken(text, page)
        for m in pattern.finditer(read):
            start, stop = (m.start(), m.end()) if where is None else \
                (where[m.start()], where[m.end()])
            if start < len(changed.rstrip()) and not (
                    inside and _WORDLY.search(text, len(changed), max(stop, len(changed)))):
                return text[start:stop], (at + start, at + min(stop, len(changed)))
    return None


_WORDLY = re.compile(r"\w")
"""A word character: a match that takes one in past the changed words reads words that stay."""


def _span(at: int, m: object) -> tuple[int, int] | None:
    if m is None:
        return None
    start, end = m.span()  # type: ignore[attr-defined]
    return (at + start, at + end)


def _counts(pair: ClausePair, changed: list[Run], rules: RuleSet, role: Role | None,
            texts: Texts) -> Iterator[Reason]:
    """``added``/``removed`` rules: a wording the pattern matches occurs more (or less) often
    than before, and one occurrence of it is in the changed words (with ``outside_terms``, not
    inside the name of a term the text defines)."""
    assert pair.old is not None and pair.new is not None
    old_side, new_side = ((t, lower_for_prefilter(t)) for t in (own_text(pair.old),
                                                                own_text(pair.new)))
    for rule in rules.of("added") + rules.of("removed"):
        pattern = rule.new if rule.match == "added" else rule.old
        # ``more``: the side the wording would have been added to (removed from), as text and
        # lower-cased for the prefilter
        (more_text, more_lowered), (fewer_text, fewer_lowered) = \
            (new_side, old_side) if rule.match == "added" else (old_side, new_side)
        if pattern is None or not rule.applies_to(role) or \
                prefilter(pattern).excludes(more_lowered) or \
                not _term_ok(rule, pair) or not _context_ok(rule, more_text) or \
                not _subject_ok(rule, more_text):
            continue
        # The changed words on that side, and where they are. The reason needs a match in them:
        # without one, the tallies of the whole texts (a long provision's) are not needed.
        words_at = [(run.inserted, run.ins_at) if rule.match == "added" else
                    (run.deleted, run.del_at) for run in changed]
        if not any(pattern.search(words) for words, _ in words_at):
            continue
        more = _tally(pattern, more_text)
        if not more:
            continue
        fewer = {} if prefilter(pattern).excludes(fewer_lowered) else _tally(pattern, fewer_text)
        # A wording moved into (or out of) the lead-in of a list the provision became an item
        # of (or stopped being one) was not added or removed: "(ii) X shall not include Y"
        # split into "(ii) X shall not include: (1) Y; (2) Z" keeps its exclusion.
        other, other_text = (pair.old, texts.old) if rule.match == "added" else \
            (pair.new, texts.new)
        lead_in = list_lead_in(other_text, other,
                               texts.parent(other, "old" if rule.match == "added" else "new"))
        for word, n in _tally(pattern, lead_in).items():
            fewer = {**fewer, word: fewer.get(word, 0) + n}
        gained = _unnamed(more, fewer) if rule.named else \
            {word for word, n in more.items() if n > fewer.get(word, 0)}
        if not gained:
            continue
        document, terms = (texts.new, texts.new_terms) if rule.match == "added" else \
            (texts.old, texts.old_terms)
        for text, at in words_at:
            m = next((x for x in pattern.finditer(text)
                      if _word(x.group(0)) in gained and
                      not (rule.outside_terms and
                              in_term(terms, document, at + x.start(), x.group(0))) and not (
                          rule.run_not is not None and
                          rule.run_not.search(_sentence(document, at + x.start())))), None)
            if m:
                if rule.match == "added":
                    yield _reason(rule, role, None, m.group(0), None, _span(at, m))
                else:
                    yield _reason(rule, role, m.group(0), None, _span(at, m), None)
                break


def _word(found: str) -> str:
    return " ".join(key(found).split())


def _unnamed(more: dict[str, int], fewer: dict[str, int]) -> set[str]:
    """The wordings of ``more`` that ``fewer`` names nowhere (a ``named`` rule's test): not in
    the singular or the plural, alone or inside a longer wording ("disasters" is named by
    "natural disaster")."""
    named = [f" {_singular(word)} " for word in fewer]
    return {word for word in more if not any(f" {_singular(word)} " in n for n in named)}


def _singular(wording: str) -> str:
    """Each word of ``wording`` in the singular, as English forms most plurals ("emergencies",
    "tornadoes", "disasters"); enough to tell the same thing named in another number."""
    return " ".join(_ONE.sub(_one, w) for w in wording.split())


_ONE = re.compile(r"(?<=[^aeiou])ies$|(?:(?<=ch)|(?<=sh)|(?<=ss)|(?<=[xzo]))es$|(?<=[^siu])s$")


def _one(m: re.Match[str]) -> str:
    return "y" if m.group(0) == "ies" else ""


def _tally(pattern: re.Pattern[str], text: str) -> dict[str, int]:
    """How often each wording the pattern matches occurs: "except" removed is not made up
    for by a "warrant" added."""
    out: dict[str, int] = {}
    for m in pattern.finditer(text):
        w = _word(m.group(0))
        out[w] = out.get(w, 0) + 1
    return out


def _sentence(document: str, at: int) -> str:
    """The sentence of ``document`` around offset ``at`` (a list item's ``;`` ends it)."""
    start = max((m.end() for m in _CLAUSE_END.finditer(document, max(0, at - 400), at)),
                default=max(0, at - 400))
    m = _CLAUSE_END.search(document, at, at + 400)
    return " ".join(document[start:m.start() if m else at + 400].split())


_CLAUSE_END = re.compile(r"(?<![A-Za-z0-9]\.[A-Za-z0-9])[.;](?=\s)|\n\s*\n")


def _document_ok(rule: Rule, document: str, texts: Texts | None = None) -> bool:
    if texts is None:
        return _document_ok_uncached(rule, document)
    side = "new" if document is texts.new else "old" if document is texts.old else ""
    if not side:
        return _document_ok_uncached(rule, document)
    found = texts.known.get((id(rule), side))
    if found is None:
        found = texts.known[(id(rule), side)] = _document_ok_uncached(rule, document)
    return found


def _document_ok_uncached(rule: Rule, document: str) -> bool:
    if rule.document_context is not None and not rule.document_context.search(document):
        return False
    return not (rule.document_not_context is not None and
                rule.document_not_context.search(document))


def _whole_clause(pair: ClausePair, rules: RuleSet, texts: Texts, *, undirected: bool = False
                  ) -> Iterator[Reason]:
    """The first ``added-clause`` (``removed-clause``) rule that fits the clause of a pair
    with only a new (old) side; ``undirected``: only a neutral or unclear one."""
    clause: Clause | None = pair.new if pair.old is None else pair.old
    if clause is None:
        return
    match = "added-clause" if pair.old is None else "removed-clause"
    text = own_text(clause)
    document = texts.new if match == "added-clause" else texts.old
    # Rules that name words come before rules that go by role alone.
    ordered = sorted(rules.of(match), key=lambda r: (r.new or r.old or r.before) is None)
    for rule in ordered:
        if undirected and rule.direction in (Direction.STRONGER, Direction.WEAKER):
            continue
        pattern = rule.new if match == "added-clause" else rule.old
        if not rule.applies_to(clause.role) or not _context_ok(rule, text) or \
                not _subject_ok(rule, text) or not _document_ok(rule, document, texts):
            continue
        m = pattern.search(clause.text) if pattern is not None else None
        if (pattern is not None and m is None) or (
                rule.before is not None and not rule.before.search(_lead_in(
                    document, clause, texts.parent(clause, "new" if pair.old is None else "old")))):
            continue
        # A neutral rule accounts for the whole provision; others point at their words.
        if m is None or rule.direction is Direction.NEUTRAL:
            span: tuple[int, int] | None = clause.span
            words = text.strip() or clause.text.strip()
        else:
            span, words = _span(clause.span[0], m), m.group(0)
        if match == "added-clause":
            yield _reason(rule, clause.role, None, words, None, span)
        else:
            yield _reason(rule, clause.role, words, None, span, None)
        return


_VALUE_REACH = 40  # characters around a change read to find the amount or date it is part of


def _quantities_at(clause: Clause, at: int, words: str) -> list[Quantity]:
    """The amounts, periods and dates the changed words are part of ("2034" → "2027" changes
    the date "January 1, 2034"), with spans relative to the changed words."""
    if not words.strip():
        return []
    rel = at - clause.span[0]
    start = max(0, rel - _VALUE_REACH)
    window = clause.text[start:rel + len(words) + _VALUE_REACH]
    shift = rel - start
    return [replace(q, span=(q.span[0] - shift, q.span[1] - shift))
            for q in quantities(window)
            if q.span[0] < shift + len(words.rstrip()) and shift < q.span[1]]


def list_lead_in(document: str, clause: Clause, parent: Clause | None = None) -> str:
    """The lead-in of the list ``clause`` is an item of ("... shall not include: (1) ..."):
    the words since the last sentence or item end, when they end in a colon or dash; else
    ``""``. ``parent``: the clause it is a part of (see :func:`_lead_in`)."""
    if not document:
        return ""
    lead = _lead_in(document, clause, parent).rstrip()
    if not lead.endswith(_OPENS_LIST):
        return ""
    return lead[lead.rfind(";") + 1:]


def _lead_in(document: str, clause: Clause, parent: Clause | None = None) -> str:
    """The words before the clause, back to the end of the last full sentence: a list item's
    lead-in ("... may not use it unless: (a) ...;"). An item of ``parent`` (the clause it is a
    part of), whose own words open a list (end in a colon or dash), has those words for its
    lead-in, however many items come between (H.R. 4695 § 3(6)(G), 733 characters after "means
    information obtained—"), and not the items before it: an appropriation's items hold
    provisos of their own ("... unless advance approval is obtained ...: Provided"), which
    lead into no later item. Otherwise the document's words before the clause are read, at
    most :data:`_LEAD_IN_REACH` characters. A proviso has none: the colon before "Provided
    further, That" ends the proviso before it, which leads into no list ("... shall not apply
    to funds made available under this heading: Provided further, That of the amount
    provided, not less than $20,000,000 shall be transferred ...")."""
    if clause.kind is Kind.PROVISO:
        return " "
    if parent is not None and parent.text.rstrip().endswith(_OPENS_LIST):
        lead = parent.text
    else:
        lead = document[max(0, clause.span[0] - _LEAD_IN_REACH):clause.span[0]]
    cut = [m for m in _FULL_STOP.finditer(lead) if not _LABEL_END.search(lead, 0, m.start())]
    return " ".join((lead[cut[-1].end():] if cut else lead).split()) + " "


_OPENS_LIST = (":", "—", "–", "-")
"""How the words that open a list end."""
_LEAD_IN_REACH = 600
"""Characters before a clause read for the sentence it is part of, where no parent opens it."""
_FULL_STOP = re.compile(r"\.(?=\s)")
_LABEL_END = re.compile(r"(?:^|[\s(])(?:[a-z]{1,2}|[0-9]{1,3}|[ivxlc]{1,6}|[A-Z]{1,2})$")
"""A full stop after this is a label's ("a.", "12.", "iv."), not a sentence's end."""


def _values(pair: ClausePair, changed: list[Run], rules: RuleSet, role: Role | None
            ) -> Iterator[Reason]:
    """Changed amounts, periods and dates, each placed by the words that govern it."""
    assert pair.old is not None and pair.new is not None
    for run in changed:
        flattened = _ADJACENT_YEARS.search(run.inserted) or _ADJACENT_YEARS.search(run.deleted)
        if flattened:
            yield _flattened(run, flattened)
            continue
        olds = _quantities_at(pair.old, run.del_at, run.deleted)
        news = _quantities_at(pair.new, run.ins_at, run.inserted)
        paired = list(_paired(olds, news))
        for q_old, q_new in paired:
            contexts = (_before(pair.new, run.ins_at + q_new.span[0]),
                        _before(pair.old, run.del_at + q_old.span[0]))
            yield _value_reason(rules, role, contexts, q_old, q_new, run)
        used_old = {id(q) for q, _ in paired}
        used_new = {id(q) for _, q in paired}
        for q in news:
            if id(q) not in used_new:
                found = _lone_value(rules, role, _before(pair.new, run.ins_at + q.span[0]), q,
                                    run.ins_at, run.inserted, added=True)
                if found is not None:
                    yield found
        for q in olds:
            if id(q) not in used_old:
                found = _lone_value(rules, role, _before(pair.old, run.del_at + q.span[0]), q,
                                    run.del_at, run.deleted, added=False)
                if found is not None:
                    yield found


_ADJACENT_YEARS = re.compile(r"\b(?:19|20)\d\d\.?\s+(?:19|20)\d\d\b")


def _flattened(run: Run, m: re.Match[str]) -> Reason:
    """Two years side by side ("2034. 2027"): struck and inserted matter printed as one."""
    inserted = _ADJACENT_YEARS.search(run.inserted) is m
    at = (run.ins_at if inserted else run.del_at) + m.start()
    span = (at, at + len(m.group(0)))
    return Reason("limits.flattened-dates", "limits", Direction.UNCLEAR,
                  None if inserted else m.group(0), m.group(0) if inserted else None,
                  None if inserted else span, span if inserted else None,
                  f"Two years stand side by side (“{m.group(0)}”): struck and inserted matter "
                  "were probably printed as one, so which date applies cannot be told; read "
                  "the official print.")


def _clip(q: Quantity, at: int, words: str) -> tuple[tuple[int, int], str]:
    """The part of an amount or date that lies in the changed words, and those words (a
    reason points at what changed: "2034" of "January 1, 2034")."""
    start, end = max(0, q.span[0]), min(len(words), q.span[1])
    return (at + start, at + end), words[start:end]


def _lone_value(rules: RuleSet, role: Role | None, context: str, q: Quantity, at: int,
                words: str, *, added: bool) -> Reason | None:
    """A limit, deadline or amount that appears (or disappears) with no counterpart."""
    span, found = _clip(q, at, words)
    for rule in rules.of("value"):
        if (rule.units and q.unit not in rule.units) or not rule.applies_to(role) or \
                not _context_ok(rule, context):
            continue
        direction = Direction.NEUTRAL if rule.direction is Direction.NEUTRAL else \
            rule.direction_for(role, rule.added if added else rule.removed)
        if direction is Direction.UNCLEAR:
            return None
        what = describe(q)
        verb = "added" if added else "removed"
        return Reason(rule.id, rule.dimension, direction, None if added else found,
                      found if added else None, None if added else span,
                      span if added else None, f"A limit of {what} was {verb}.")
    return None


def _paired(olds: list[Quantity], news: list[Quantity]) -> Iterator[tuple[Quantity, Quantity]]:
    used: set[int] = set()
    for q in olds:
        for i, n in enumerate(news):
            if i not in used and q.comparable(n):
                used.add(i)
                yield q, n
                break


def _before(clause: Clause, at: int, width: int = 160) -> str:
    start = max(clause.span[0], at - width)
    return clause.text[start - clause.span[0]:at - clause.span[0]]


def _value_reason(rules: RuleSet, role: Role | None, contexts: tuple[str, str],
                  q_old: Quantity,
                  q_new: Quantity, run: Run) -> Reason:
    old_span, old_words = _clip(q_old, run.del_at, run.deleted)
    new_span, new_words = _clip(q_new, run.ins_at, run.inserted)
    a, b = q_old.in_days(), q_new.in_days()
    if a == b and describe(q_old) == describe(q_new):
        # "fiscal year 2019" and "September 30, 2019": the same value in other words; or in
        # the same words, which the diff struck and wrote again because the sentence around
        # them was rewritten ("appropriated [-$600,000,000 for ...-]{+to ..., $600,000,000+}")
        told = "worded differently" if " ".join(old_words.split()) != " ".join(
            new_words.split()) else "still stated; the words around it were rewritten"
        return Reason("limits.value-reworded", "limits", Direction.NEUTRAL, old_words, new_words,
                      old_span, new_span, f"The same value, {describe(q_new)}, {told}.")
    for rule in rules.of("value"):
        if rule.units and q_new.unit not in rule.units:
            continue
        if not rule.applies_to(role) or not any(_context_ok(rule, c) for c in contexts):
            continue
        if a == b or rule.direction is Direction.NEUTRAL:
            direction = Direction.NEUTRAL
        elif rule.polarity == "unknown":
            direction = Direction.UNCLEAR
        else:
            up = b > a
            stronger = up if rule.polarity == "higher-stronger" else not up
            direction = Direction.STRONGER if stronger else Direction.WEAKER
        template = _reason(rule, role, describe(q_old), describe(q_new), old_span, new_span)
        return Reason(template.rule, template.dimension, direction, old_words, new_words,
                      old_span, new_span, template.explanation)
    direction = Direction.NEUTRAL if a == b else Direction.UNCLEAR
    return Reason("limits.value-unplaced", "limits", direction, old_words, new_words, old_span,
                  new_span, f"{describe(q_old)} became {describe(q_new)}; what the amount "
                  "governs could not be placed, so read it.")


def _amendments(pair: ClausePair, rules: RuleSet) -> Iterator[Reason]:
    """An amending instruction added, changed or dropped: judged as the edit it makes to the
    amended law (no longer makes), or, where the old version struck the same words and
    inserted others, by what each version would write there ("inserting “$10,000”" where it
    read "inserting “$7,500”": the law would say $10,000 instead of $7,500, whatever it says
    now). Instructions that insert or strike words alone are read as :func:`_word_edit` reads
    them."""
    assert pair.new is not None
    if pair.new.role is not Role.AMENDMENT:
        return
    # (the instruction grammar's 52 patterns are compiled only by a comparison that has an
    # amending instruction to read, not by every run of ``diff``)
    from ..amend import parse

    old_found = parse(pair.old.text) if pair.old else []
    new_found = parse(pair.new.text)
    olds = _replacing(pair.old.text, old_found) if pair.old else []
    news = _replacing(pair.new.text, new_found)
    same = {(i.struck, i.inserted) for i in olds}
    for ins in news:
        if (ins.struck, ins.inserted) in same:
            continue
        assert ins.struck_span and ins.inserted_span and ins.struck and ins.inserted
        if _heading_edit(ins):
            yield _heading_reason(pair.new, "new", ins)
            continue
        at = pair.new.span[0]
        # what the amount governs is in the law, not here: the instruction's own words before
        # the struck ones are the only context (an empty one would pass for a bare amount)
        lead = pair.new.text[:ins.struck_span[0]]
        was = next((o for o in olds if o.struck == ins.struck and o.target == ins.target
                    and o.inserted != ins.inserted), None)
        inserted_at = at + ins.inserted_span[0]
        if was is not None and pair.old is not None:
            assert was.inserted_span is not None and was.inserted is not None
            run = Run(was.inserted, pair.old.span[0] + was.inserted_span[0], ins.inserted,
                      inserted_at)
            told = (f"The instruction now inserts “{ins.inserted}” for “{ins.struck}”"
                    f"{_where(ins)}, where it inserted “{was.inserted}”: ")
        else:  # (the struck words stand in the new text: no span in the old one)
            run = Run(ins.struck, at + ins.struck_span[0], ins.inserted, inserted_at)
            told = _replacement_told("The instruction", ins, past=False) + ": "
        for r in _edits(rules, lead, run):
            if was is None:  # (the struck words stand in the new text: point at them there)
                r = replace(r, old_span=None, new_span=r.new_span or r.old_span)
            yield replace(r, explanation=told + r.explanation)
    if pair.old is None:
        return
    # an instruction the old text gave and the new one does not: the law keeps what it struck
    kept = {(i.struck, tuple(i.target)) for i in news}
    for ins in olds:
        if (ins.struck, tuple(ins.target)) not in kept:
            yield from _replacement(rules, pair.old, "old", ins, "An instruction was dropped: it")
    old_words = {_edit_key(i) for i in _editing_words(pair.old.text, old_found)}
    new_words = {_edit_key(i) for i in _editing_words(pair.new.text, new_found)}
    for clause, side, found, other in ((pair.new, "new", new_found, old_words),
                                       (pair.old, "old", old_found, new_words)):
        for ins in _editing_words(clause.text, found):
            if _edit_key(ins) not in other:
                yield from _word_edit(rules, clause, side, ins,
                                      "An instruction was added: it" if side == "new" else
                                      "An instruction was dropped: it")


def _where(ins: Instruction) -> str:
    """ " in subsection (b)": where an instruction says it applies (its innermost target)."""
    return f" in {ins.target[-1]}" if ins.target else ""


def _replacement_told(who: str, ins: Instruction, *, past: bool) -> str:
    """What a replacing instruction does, said after ``who`` ("The added instruction"), in the
    past for one the new text no longer gives (the law keeps the words it would have struck)."""
    if not past:
        return f"{who} strikes “{ins.struck}” and inserts “{ins.inserted}”{_where(ins)}"
    return (f"{who} struck “{ins.struck}” and inserted “{ins.inserted}”{_where(ins)}; now that "
            f"text keeps “{ins.struck}”")


def _replacement(rules: RuleSet, clause: Clause, side: str, ins: Instruction, who: str
                 ) -> Iterator[Reason]:
    """A replacing instruction of ``clause`` judged on its own, as the edit it makes (``side``
    "new") or no longer makes ("old": under the old text the law would say what it inserts,
    under the new it keeps what it strikes), said after ``who``: one reason, pointing at the
    instruction's words."""
    assert ins.struck_span and ins.struck and ins.inserted
    past = side == "old"
    before, after = (ins.inserted, ins.struck) if past else (ins.struck, ins.inserted)
    found = _edits(rules, clause.text[:ins.struck_span[0]], Run(before, 0, after, 0))
    span = (clause.span[0] + ins.span[0], clause.span[0] + ins.span[1])
    words = clause.text[ins.span[0]:ins.span[1]]
    told = _replacement_told(who, ins, past=past)
    for r in found[:1]:  # (one reason per instruction: the first edit read in it)
        yield one_sided(r.rule, r.dimension, r.direction, side, words, span,
                        f"{told}: {r.explanation}")


def _heading_reason(clause: Clause, side: str, ins: Instruction) -> Reason:
    """The neutral reason for an instruction of ``clause`` that edits a heading."""
    at = clause.span[0]
    return one_sided("formal.heading", "formal", Direction.NEUTRAL, side,
                     clause.text[ins.span[0]:ins.span[1]], (at + ins.span[0], at + ins.span[1]),
                     _HEADING_EDIT)


def one_sided(rule: str, dimension: str, direction: Direction, side: str, words: str | None,
              span: tuple[int, int] | None, explanation: str) -> Reason:
    """A reason pointing at ``words`` (at ``span``) on one side of a pair, ``"old"`` or
    ``"new"``: a provision that one text has and the other has not."""
    old = side == "old"
    return Reason(rule, dimension, direction, words if old else None, None if old else words,
                  span if old else None, None if old else span, explanation)


def _instructions_alone(pair: ClausePair, rules: RuleSet) -> Iterator[Reason]:
    """The instructions of an amending provision added (removed) with it, each judged as the
    edit it makes (no longer makes): under the old version the amended law would say what the
    removed instruction inserts, under the new it keeps what it strikes. What the words govern
    is in the amended law, not here, so whom an edit of words protects is not known: a swap
    rule says what the edit does, and the reason is unclear."""
    added = pair.old is None
    clause = pair.new if added else pair.old
    if clause is None or (clause.role is not Role.AMENDMENT and not (  # ("(A) in subsection
            clause.children and all(c.role is Role.AMENDMENT for c in clause.children))):
        return  # (a)—" over instructions: no instruction of its own, so no role of one)
    from ..amend import parse  # (see _amendments)

    side = "new" if added else "old"
    who = "The added instruction" if added else "The removed instruction"
    found = parse(clause.text)
    formal = _formal_instructions(clause, found)
    if formal is None and found and all(_heading_edit(i) for i in found):
        formal = "formal.heading", _HEADING_EDIT
    if formal is not None:
        yield one_sided(formal[0], "formal", Direction.NEUTRAL, side, clause.text, clause.span,
                        formal[1])
        return
    for ins in _replacing(clause.text, found):
        if _heading_edit(ins):
            yield _heading_reason(clause, side, ins)
        else:
            yield from _replacement(rules, clause, side, ins, who)
    for ins in _editing_words(clause.text, found):
        yield from _word_edit(rules, clause, side, ins, who)


_HEADING_EDIT = ("The instruction changes a heading of the amended law; headings do not change "
                 "what the law requires.")


def _heading_edit(ins: Instruction) -> bool:
    """Does the instruction edit a heading ("by striking “By television” in the heading and
    inserting “Video format”")?"""
    return bool(ins.target) and "heading" in ins.target[-1].lower()


_CONFORMING_WORDS = re.compile(r"[\s;:,.]*(?:(?:and|or)[\s;:,.]*)?", re.I)
"""What a conforming amendment strikes or inserts: a conjunction, punctuation, or both."""
_LEAD_IN = ("It says what the provisions under it amend, or where the matter it quotes goes; "
            "they are judged one by one.")
_CONFORMING = ("A conforming amendment (a conjunction or a punctuation mark struck or inserted, "
               "provisions redesignated): it makes room for the instructions beside it, which "
               "carry the change.")


def _formal_instructions(clause: Clause, found: Sequence[Instruction]
                         ) -> tuple[str, str] | None:
    """(rule, explanation) for an amending provision with no edit of its own to judge: a
    lead-in whose instructions, or quoted matter, are the provisions under it ("(1) in
    paragraph (2)—", "(4) by inserting after paragraph (9) the following:", "Section 324 of
    the Federal Election Campaign Act of 1971 is amended to read as follows:"), or conforming
    instructions only (striking "and" after a semicolon, redesignating paragraph (10) as
    paragraph (11)), which make room for the instruction beside them; else ``None``.
    ``found``: the instructions parsed from its text."""
    from ..amend import Action

    if clause.children and all(i.action is Action.UNREAD or (
            i.action is Action.RESTATE and i.inserted is None) for i in found):
        return "formal.amendment-lead-in", _LEAD_IN
    if found and all(i.action is Action.REDESIGNATE or (
            i.action in (Action.STRIKE, Action.INSERT, Action.REPLACE) and not i.provision
            and all(w is None or _CONFORMING_WORDS.fullmatch(w) for w in (i.struck, i.inserted))
    ) for i in found):
        return "formal.conforming-amendment", _CONFORMING
    return None


def _edits(rules: RuleSet, lead: str, run: Run) -> list[Reason]:
    """The reasons for words of a law that read ``run.deleted`` and come to read
    ``run.inserted`` (an instruction's edit, with the instruction's words ``lead`` before its
    struck words as their only context): one per amount paired across them, else the first
    swap rule that reads both whole; none when no rule reads them. Spans are the run's. What
    the words govern is in the amended law, so a swap that would be stronger or weaker is
    unclear, and says which it would be."""
    before, after = run.deleted, run.inserted
    values = list(_paired(quantities(before), quantities(after)))
    if values:
        return [_value_reason(rules, None, (lead, lead), a, b, run) for a, b in values]
    for rule in rules.of("swap"):
        if rule.old is None or rule.new is None or _needs_surroundings(rule):
            continue
        old, new = rule.old.fullmatch(before.strip()), rule.new.fullmatch(after.strip())
        if old is None or new is None:
            continue
        direction, explanation = _in_amended_law(
            rule, rule.direction_for(None),
            _reason(rule, None, old.group(0), new.group(0), None, None).explanation)
        return [Reason(rule.id, rule.dimension, direction, before, after,
                       (run.del_at, run.del_at + len(before)),
                       (run.ins_at, run.ins_at + len(after)), explanation)]
    return _replaced_words(rules, run)


_TOKEN = re.compile(r"\w+|[^\w\s]|\s+")


def _replaced_words(rules: RuleSet, run: Run) -> list[Reason]:
    """Words replaced by others that no swap rule reads whole ("Each State" → "Except as
    provided in subsection (b)(5), each State"), read word by word: what only the inserted
    words have by the ``added`` rules, what only the struck words had by the ``removed`` ones
    (:func:`_read_words`), each reason pointing at the words its rule matched (in the inserted
    words, or in the struck ones)."""
    old, new = _TOKEN.findall(run.deleted), _TOKEN.findall(run.inserted)
    old_at = [0, *accumulate(len(t) for t in old)]
    new_at = [0, *accumulate(len(t) for t in new)]
    hint = _amended_role(run.deleted)
    found: list[Reason] = []
    matcher = SequenceMatcher(None, [t.lower() for t in old], [t.lower() for t in new],
                              autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        for gains, words, at in ((True, "".join(new[j1:j2]), run.ins_at + new_at[j1]),
                                 (False, "".join(old[i1:i2]), run.del_at + old_at[i1])):
            if not words.strip():
                continue
            for rule, m, direction, explanation in _read_words(rules, hint, words, gains):
                span = (at + m.start(), at + m.end())
                found.append(Reason(rule.id, rule.dimension, direction,
                                    None if gains else m.group(0), m.group(0) if gains else None,
                                    None if gains else span, span if gains else None,
                                    explanation))
    return _superseded(found, rules)


def _read_words(rules: RuleSet, hint: Role | None, words: str, gains: bool
                ) -> list[tuple[Rule, re.Match[str], Direction, str]]:
    """The ``added`` rules (``gains``: words an instruction puts into the amended law) or the
    ``removed`` ones (words it takes out) that read ``words``, each with its first match, its
    direction and its explanation as an instruction's edit has them (:func:`_in_amended_law`):
    rules that read the words around a change are passed over (they are in the amended law),
    and so are rules for other roles than ``hint``, the role the law's own words quoted show
    (``None``: not known)."""
    out = []
    for rule in rules.of("added" if gains else "removed"):
        pattern = rule.new if gains else rule.old
        if pattern is None or _needs_surroundings(rule) or (
                hint is not None and not rule.applies_to(hint)):
            continue
        m = pattern.search(words)
        if m is None or (rule.run_not is not None and rule.run_not.search(words)):
            continue
        plain = _reason(rule, hint, m.group(0), m.group(0), None, None)
        direction, explanation = _in_amended_law(rule, plain.direction, plain.explanation)
        out.append((rule, m, direction, explanation))
    return out


def _amended_role(words: str | None) -> Role | None:
    """The role the amended law's own words an instruction quotes show (those it strikes, or
    inserts after or before), when they show one law-making role."""
    role = role_of(Kind.PARAGRAPH, None, words) if words else Role.OTHER
    return None if role in (Role.OTHER, Role.AMENDMENT, Role.DESCRIPTIVE) else role


def _in_amended_law(rule: Rule, direction: Direction, explanation: str
                    ) -> tuple[Direction, str]:
    """A rule's direction and explanation for an edit an instruction makes: what the words
    govern is in the amended law, not in the bill, so a direction other than neutral is
    unclear, the explanation saying which it would be."""
    if direction in (Direction.NEUTRAL, Direction.UNCLEAR):
        return direction, explanation
    whom = " where it binds those the law regulates" if rule.subject == "regulated" else ""
    return Direction.UNCLEAR, (f"{explanation.rstrip('.')} ({direction.value}{whom}; what the "
                               "words govern is in the amended law, so read it).")


_SENTENCE = re.compile(r"[A-Z][^\n]*[.!?]")
"""Words that make a sentence of their own: an edit that adds or strikes a rule, not words of
one (what the added words say of themselves is not what they do to the sentence before)."""


def _editing_words(text: str, found: Sequence[Instruction]) -> list[Instruction]:
    """The instructions among ``found`` that insert words, add them at the end, or strike them
    (no provision, no "all that follows": the words quoted are all the edit), their quoted
    words standing in ``text`` on one line (a quoted block is a provision of its own) and
    making no sentence of their own (:data:`_SENTENCE`)."""
    from ..amend import Action

    out = []
    for i in found:
        if i.provision or i.through or i.to_end or i.precedes:
            continue
        if i.action in (Action.INSERT, Action.ADD):
            words, span = i.inserted, i.inserted_span
        elif i.action is Action.STRIKE:
            words, span = i.struck, i.struck_span
        else:
            continue
        if words and span and text[span[0]:span[1]] == words and "\n" not in words and \
                not _SENTENCE.fullmatch(words.strip()):
            out.append(i)
    return out


def _edit_key(ins: Instruction) -> tuple[object, ...]:
    """What makes two instructions that insert or strike words the same edit."""
    return ins.action, ins.struck, ins.inserted, ins.anchor, ins.position, ins.every


def _word_edit(rules: RuleSet, clause: Clause, side: str, ins: Instruction, who: str
               ) -> Iterator[Reason]:
    """The reasons for an instruction of ``clause`` (on ``side``) that inserts or strikes words
    (:func:`_editing_words`), said after ``who`` ("The added instruction"): the ``added`` rules
    read words it inserts, the ``removed`` rules words it strikes; for an instruction on the
    old side (one the new text no longer gives) the other way round: the law keeps what it
    would have struck and goes without what it would have inserted. The role of the words it
    edits is read from the law's own words it quotes (those it inserts after or before, those
    it strikes), when they show one; a rule for other roles is then passed over. Each reason
    points at the words its rule matched."""
    from ..amend import Action

    inserts = ins.action in (Action.INSERT, Action.ADD)
    past = side == "old"
    words, start = (ins.inserted, ins.inserted_span) if inserts else (ins.struck, ins.struck_span)
    assert words is not None and start is not None
    quoted_anchor = ins.anchor if ins.anchor and f"“{ins.anchor}”" in clause.text else None
    if inserts:
        place = (f" {ins.position} “{quoted_anchor}”" if quoted_anchor and ins.position else
                 f" {ins.position} {ins.anchor}" if ins.anchor and ins.position else
                 " at the end" if ins.position == "end" else "")
        verb = ("inserted" if past else "inserts") if ins.action is Action.INSERT else \
            ("added" if past else "adds")
        told = f"{who} {verb} “{words}”{place}"
    else:
        told = f"{who} {'struck' if past else 'strikes'} “{words}”"
        told += f" {ins.where}" if ins.where else ""
        told += " each place it appears" if ins.every else ""
    told += _where(ins)
    if past:
        told += "; now that text goes without those words" if inserts else \
            "; now that text keeps those words"
    # (the words inserted say nothing of the law's words they go into; struck words are its own)
    hint = _amended_role(quoted_anchor if inserts else words)
    at = clause.span[0] + start[0]
    found = [one_sided(rule.id, rule.dimension, direction, side, m.group(0),
                       (at + m.start(), at + m.end()), f"{told}: {explanation}")
             for rule, m, direction, explanation in _read_words(rules, hint, words,
                                                                 inserts != past)]
    yield from _superseded(found, rules)


def _needs_surroundings(rule: Rule) -> bool:
    """Does the rule read words around the change (those before it, the provision's or the
    document's text, the term defined), which an instruction's edit does not have: they are in
    the amended law ("may clearly state" is no court's name, whatever "state" matches)?"""
    return any(x is not None for x in (rule.before, rule.term, rule.context, rule.not_context,
                                       rule.document_context, rule.document_not_context))


def _replacing(text: str, found: Sequence[Instruction]) -> list[Instruction]:
    """The instructions among ``found`` (parsed from ``text``) that strike quoted words and
    insert quoted words, each quotation standing in the text as the words it quotes."""
    from ..amend import Action

    return [i for i in found if i.action is Action.REPLACE and not i.provision
            and i.struck_span is not None and i.inserted_span is not None
            and text[slice(*i.struck_span)] == i.struck
            and text[slice(*i.inserted_span)] == i.inserted]


def _dedupe(reasons: list[Reason]) -> list[Reason]:
    seen: set[tuple[object, ...]] = set()
    out = []
    for r in reasons:
        k = (r.rule, r.old_span, r.new_span)
        if k not in seen:
            seen.add(k)
            out.append(r)
    return out
