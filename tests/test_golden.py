"""The split of every pinned text matches its golden outline, line for line."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.golden import FILES, golden_path, render


@pytest.mark.corpus
@pytest.mark.parametrize("name", FILES)
def test_outline_matches_golden(corpus: Path, name: str) -> None:
    expected = golden_path(name).read_text(encoding="utf-8").splitlines()
    actual = render(corpus, name).splitlines()
    assert actual == expected, f"{name}: run `python -m tests.golden` and review the diff"
