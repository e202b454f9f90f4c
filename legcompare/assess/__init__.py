"""Judging each change: stronger, weaker, mixed, neutral or unclear, with reasons.

Stage guarantees (``assess``): every pair gets a verdict; a verdict other than ``neutral``
always has a reason; reasons point at the words that caused them (spans inside the pair's
edits); ``permissive`` is the exact mirror of ``protective``; unchanged pairs are ``neutral``.

Aggregation: the reasons' directions decide — only stronger, ``stronger``; only weaker,
``weaker``; both, ``mixed``. A changed operative provision that no rule places is ``unclear``
with the changed words as evidence. Changes explained as formal (same amount written another
way, a spelling fixed) and changes to non-operative text are ``neutral``; so is a clause with
no words of its own (quoted matter as a whole, a section of a label and a heading: the
provisions it holds carry the verdicts).
Titles, digests, findings and purpose clauses are judged like the rest but flagged
``descriptive``.

The stage is in its modules: :mod:`~legcompare.assess.judge` gives each pair its verdict
(:class:`~legcompare.assess.judge.Judge`, :func:`~legcompare.assess.judge.assess`), applying the
rules of :mod:`~legcompare.assess.rules` with :mod:`~legcompare.assess.engine`; the roles of
:mod:`~legcompare.assess.roles` and the amounts of :mod:`~legcompare.assess.values` are read by
other stages too (the splitter gives every clause its role), which import them without the
judge and its rules.
"""
