"""legcompare agrees with the hand-annotated gold set: at least 90% overall and 80% in every
dimension (``unclear`` where gold says stronger or weaker is a miss)."""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

import pytest

from tests.conftest import REPORTS
from tests.gold_eval import Outcome, evaluate, table

pytestmark = pytest.mark.corpus


def test_gold_agreement(corpus: Path, request: pytest.FixtureRequest) -> None:
    outcomes = evaluate(corpus)
    report = table(outcomes)
    request.config.stash[REPORTS]["gold verdict agreement (tests/gold)"] = report
    overall = sum(o.agrees for o in outcomes) / len(outcomes)
    by_dim: dict[str, list[Outcome]] = defaultdict(list)
    for o in outcomes:
        by_dim[o.item.dimension].append(o)
    low = {d: sum(o.agrees for o in v) / len(v) for d, v in by_dim.items()}
    assert overall >= 0.9, report
    assert all(rate >= 0.8 for rate in low.values()), report
