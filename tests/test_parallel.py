"""Splitting the two sides at once gives what splitting them one after the other gives."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from legcompare import parallel
from legcompare.compare import compare
from legcompare.ingest import load_path
from legcompare.model import Document, Outline
from legcompare.render.diff_json import diff_json
from legcompare.split import split


@pytest.fixture
def pair(corpus: Path) -> tuple[Document, Document]:
    return (load_path(corpus / "us-federal-hr2157-116-introduced.txt"),
            load_path(corpus / "us-federal-hr2157-116-enrolled.txt"))


@pytest.fixture
def always(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(parallel, "PARALLEL_MIN_CHARS", 0)
    monkeypatch.delenv("LEGCOMPARE_JOBS", raising=False)


def test_a_real_pair_split_at_once_is_the_pair_split_in_turn(
        pair: tuple[Document, Document], always: None) -> None:
    old, new = pair
    assert parallel._worthwhile(old, new)
    a, b = parallel.split_both(old, new)
    assert (a, b) == (split(old), split(new))
    assert a.document is old and b.document is new
    assert [c.id for c in a.walk()][:3] == ["front", "enacting", "p1"]


def test_the_report_is_the_same_bytes_in_one_process(
        pair: tuple[Document, Document], always: None,
        monkeypatch: pytest.MonkeyPatch) -> None:
    at_once = diff_json(compare(*pair), {})
    monkeypatch.setenv("LEGCOMPARE_JOBS", "1")
    assert not parallel._worthwhile(*pair)
    assert diff_json(compare(*pair), {}) == at_once


def test_short_texts_and_structured_documents_are_split_in_turn(
        pair: tuple[Document, Document], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("LEGCOMPARE_JOBS", raising=False)
    old, new = pair
    assert len(old.text) + len(new.text) < parallel.PARALLEL_MIN_CHARS
    assert not parallel._worthwhile(old, new)
    monkeypatch.setattr(parallel, "PARALLEL_MIN_CHARS", 0)
    structured = Document(text=new.text, provenance=new.provenance,
                          structure=split(new).clauses)
    assert not parallel._worthwhile(old, structured)
    assert parallel.split_both(old, structured)[1] == Outline(structured, structured.structure)


def test_a_threaded_process_does_not_fork(pair: tuple[Document, Document],
                                          always: None) -> None:
    release = threading.Event()
    worker = threading.Thread(target=release.wait)
    worker.start()
    try:
        assert not parallel._worthwhile(*pair)
    finally:
        release.set()
        worker.join()
    assert parallel._worthwhile(*pair)
