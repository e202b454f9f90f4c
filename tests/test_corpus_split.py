"""Every text in the corpus: it parses, nothing is lost, and no big clause swallows others.

For each plain text the number of printed labels at line starts (an independent count, by a
simple pattern) is pinned in ``cases/label_counts.tsv``, with how many of them are entries of a
table of contents (checked by hand: H.R. 1's four tables, the NY article tables); the split must
yield at least as many labelled clauses as there are labels outside tables of contents, so one
clause holding a whole section cannot pass.
"""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

import pytest

from legcompare.ingest import load_path
from legcompare.ingest.layout import rebuild
from legcompare.model import Clause, Kind
from legcompare.split import Skeleton, skeleton, split

COUNTS = Path(__file__).resolve().parent / "cases" / "label_counts.tsv"
PRINTED_LABEL = re.compile(
    r"^[ \t]*(?:#+ |\*\*)?[“\"]?"
    r"(?:\(\w{1,5}\)(?!of\b)|\d{1,3}\.(?=\s)|(?<![A-Z]\. )[A-Za-z]\.(?=\s)(?! R\.)(?! \d)"
    r"|(?:SEC\.|Sec\.|SECTION|Section)\s\d+[\w.-]*\.|§)",
    re.M,
)


def pinned_counts() -> dict[str, tuple[int, int]]:
    lines = COUNTS.read_text(encoding="utf-8").splitlines()[1:]
    return {name: (int(n), int(toc)) for name, n, toc in (line.split("\t") for line in lines)}


def corpus_files(corpus: Path) -> list[Path]:
    return (sorted(corpus.glob("*.txt")) + sorted((corpus / "preemption").glob("*.txt"))
            + sorted(p for p in (corpus / "raw").iterdir() if p.suffix.lower() in (".xml", ".htm")))


@pytest.mark.corpus
def test_every_corpus_text_splits_without_loss(corpus: Path) -> None:
    counts = pinned_counts()
    files = corpus_files(corpus)
    assert len(files) == 90
    checked = noted = 0
    for path in files:
        name = str(path.relative_to(corpus))
        document = load_path(path)
        outline = split(document)
        clauses = list(outline.walk())
        assert "".join(c.text for c in clauses) == document.text, name
        assert len({c.id for c in clauses}) == len(clauses), name
        if path.suffix == ".txt":
            source = path.read_text(encoding="utf-8")
            assert rebuild(document.text, document.notes) == source, name
            printed, in_toc = counts[name]
            assert len(PRINTED_LABEL.findall(source)) == printed, f"{name}: the corpus changed"
            tocs = [c.span for c in clauses if c.kind is Kind.TOC]
            found = sum(1 for m in PRINTED_LABEL.finditer(document.text)
                        if any(a <= m.start() < b for a, b in tocs))
            assert found == in_toc, f"{name}: {found} labels in tables of contents, not {in_toc}"
            # (a codification note's own numbers, "1. So in Ord. and Ord. .", label no provision)
            notes = [c.span for c in clauses if c.kind is Kind.HISTORY]
            in_notes = sum(1 for m in PRINTED_LABEL.finditer(document.text)
                           if any(a <= m.start() < b for a, b in notes))
            noted += in_notes
            labelled = sum(1 for c in clauses if c.label)
            assert labelled >= printed - in_toc - in_notes, f"{name}: {labelled} labelled clauses"
            checked += 1
    assert (checked, noted) == (61, 1)


@pytest.mark.corpus
def test_the_skeleton_is_the_split_without_the_reading(corpus: Path) -> None:
    """``skeleton`` (what ``current`` finds provisions in, after every change) is ``split`` with
    ids, labels and spans only: on every corpus text, and on every XML print read as text."""
    def bare(c: Clause) -> Skeleton:
        return Skeleton(c.id, c.label, c.label_span, c.span, tuple(bare(k) for k in c.children))

    read_as_text = 0
    for path in corpus_files(corpus):
        document = load_path(path)
        assert skeleton(document) == tuple(bare(c) for c in split(document).clauses), path.name
        if document.structure is not None:
            as_text = replace(document, structure=None)
            assert skeleton(as_text) == tuple(bare(c) for c in split(as_text).clauses), path.name
            read_as_text += 1
    assert read_as_text == 25
