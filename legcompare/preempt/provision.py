"""One kind (and secondary kinds) for a whole provision made of several clauses, as the corpus
README labels US Code provisions ("ceiling (carve-out, floor)").

The main kind is the kind of the provision's principal rule. Clauses that another clause of the
provision names as its exception ("subject to paragraph (2)", "except as provided in subsection
(b)") and carve-outs are not principal; among the principal clauses' primary kinds the broadest
displacement wins (ceiling, then conflict, then floor). The secondary kinds are every other kind
any of its clauses has, in :data:`~legcompare.preempt.model.KIND_ORDER`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from .model import KIND_ORDER, PreemptionClause, PreemptionKind

_EXCEPTION = re.compile(
    r"\b(?:subject\s+to|except\s+as\s+provided\s+(?:in|by|under))\s+"
    r"(?:paragraphs?|subsections?|subparagraphs?)\s+(?P<labels>(?:\([a-z0-9]+\)[\s,]*(?:and\s+|or\s+)?)+)",
    re.I)
_LABEL = re.compile(r"\(([a-z0-9]+)\)", re.I)


def provision_kind(clauses: Sequence[PreemptionClause]
                   ) -> tuple[PreemptionKind, tuple[PreemptionKind, ...]] | None:
    """The provision's main kind and its secondary kinds; ``None`` when it has no clause."""
    if not clauses:
        return None
    named = {label.casefold() for c in clauses for m in _EXCEPTION.finditer(c.text)
             for label in _LABEL.findall(m.group("labels"))}
    principal = [c for c in clauses
                 if _label(c) not in named and c.kind is not PreemptionKind.CARVE_OUT]
    pool = principal or list(clauses)
    main = next(k for k in KIND_ORDER if any(c.kind is k for c in pool))
    others = {k for c in clauses for k in c.kinds} - {main}
    return main, tuple(k for k in KIND_ORDER if k in others)


def _label(c: PreemptionClause) -> str:
    m = _LABEL.search(c.clause.label)
    return m.group(1).casefold() if m else ""
