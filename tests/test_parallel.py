"""Work shared with a forked child gives what one process gives: split, judged, in order."""

from __future__ import annotations

import importlib
import io
import os
import pickle
import re
import threading
import time
import zipfile
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

import pytest

from legcompare import parallel
from legcompare.compare import compare
from legcompare.errors import LegcompareError
from legcompare.history import history
from legcompare.ingest import load_path
from legcompare.ingest.text import parse_text
from legcompare.model import Clause, Document, Kind, Outline, Provenance
from legcompare.render import docx_out
from legcompare.render.diff_json import diff_json
from legcompare.render.html import CONTENTS_OVER, diff_html, diff_html_bytes
from legcompare.split import split


@pytest.fixture
def pair(corpus: Path) -> tuple[Document, Document]:
    return (load_path(corpus / "us-federal-hr2157-116-introduced.txt"),
            load_path(corpus / "us-federal-hr2157-116-enrolled.txt"))


@pytest.fixture
def always(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(parallel, "PARALLEL_MIN_CHARS", 0)
    monkeypatch.delenv("LEGCOMPARE_JOBS", raising=False)


@pytest.fixture
def children(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The process ids of the children forked while the test runs, in order."""
    pids: list[int] = []
    real = parallel._Child.__init__

    def started(self: parallel._Child[object], function: Callable[[], object]) -> None:
        real(self, function)
        pids.append(self.pid)

    monkeypatch.setattr(parallel._Child, "__init__", started)
    return pids


def test_a_real_pair_split_at_once_is_the_pair_split_in_turn(
        pair: tuple[Document, Document], always: None) -> None:
    old, new = pair
    assert parallel.worthwhile(old, new)
    a, b, c = parallel.split_all([old, new, old])
    assert (a, b, c) == (split(old), split(new), split(old))
    assert a.document is old and b.document is new
    assert [c.id for c in a.walk()][:3] == ["front", "enacting", "p1"]


def test_the_report_is_the_same_bytes_in_one_process(
        pair: tuple[Document, Document], always: None,
        monkeypatch: pytest.MonkeyPatch) -> None:
    at_once = diff_json(compare(*pair), {})
    monkeypatch.setenv("LEGCOMPARE_JOBS", "1")
    assert not parallel.worthwhile(*pair)
    assert diff_json(compare(*pair), {}) == at_once


def test_short_texts_and_structured_documents_are_split_in_turn(
        pair: tuple[Document, Document], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("LEGCOMPARE_JOBS", raising=False)
    old, new = pair
    assert len(old.text) + len(new.text) < parallel.PARALLEL_MIN_CHARS
    assert not parallel.worthwhile(old, new)
    monkeypatch.setattr(parallel, "PARALLEL_MIN_CHARS", 0)
    structured = Document(text=new.text, provenance=new.provenance,
                          structure=split(new).clauses)
    assert parallel.split_all([old, structured]) == \
        [split(old), Outline(structured, structured.structure)]


def test_a_threaded_process_does_not_fork(pair: tuple[Document, Document],
                                          always: None) -> None:
    release = threading.Event()
    worker = threading.Thread(target=release.wait)
    worker.start()
    try:
        assert not parallel.worthwhile(*pair)
    finally:
        release.set()
        worker.join()
    assert parallel.worthwhile(*pair)


def test_map_shared_gives_every_other_item_to_a_child_and_keeps_the_order() -> None:
    parent = os.getpid()

    def work(xs: Sequence[int]) -> list[tuple[int, int]]:
        return [(x * x, os.getpid()) for x in xs]

    out = parallel.map_shared(work, list(range(9)), send=lambda r: r,
                              receive=lambda item, sent: sent, parallel=True)
    assert [v for v, _ in out] == [x * x for x in range(9)]
    assert {pid for _, pid in out[0::2]} == {parent}
    child = {pid for _, pid in out[1::2]}
    assert len(child) == 1 and parent not in child
    assert parallel.map_shared(work, [3], send=lambda r: r, receive=lambda i, s: s,
                               parallel=True) == [(9, parent)]


def test_a_failing_child_leaves_its_share_to_the_parent() -> None:
    parent = os.getpid()

    def work(xs: Sequence[int]) -> list[int]:
        if os.getpid() != parent:
            raise RuntimeError("only in the child")
        return [x + 1 for x in xs]

    assert parallel.map_shared(work, [1, 2, 3, 4], send=lambda r: r,
                               receive=lambda i, s: s, parallel=True) == [2, 3, 4, 5]
    # map_balanced: what the child took before failing is done here too
    assert parallel.map_balanced(work, list(range(50)), cheap=lambda x: x < 10,
                                 send=lambda r: r, receive=lambda i, s: s,
                                 parallel=True) == list(range(1, 51))

    def unpicklable(xs: Sequence[int]) -> list[object]:
        return [(lambda y=x: y) if os.getpid() != parent else x for x in xs]

    assert parallel.map_shared(unpicklable, [1, 2, 3], send=lambda r: r,
                               receive=lambda i, s: s, parallel=True) == [1, 2, 3]


def test_pairs_judged_in_two_processes_are_the_pairs_judged_in_one(
        pair: tuple[Document, Document], always: None,
        monkeypatch: pytest.MonkeyPatch) -> None:
    shared = compare(*pair)
    monkeypatch.setenv("LEGCOMPARE_JOBS", "1")
    alone = compare(*pair)
    assert shared == alone
    verdicts = Counter(p.verdict.value for p in shared.pairs)
    # (101 unclear before the formal article, proviso and enactment rules; 25 stronger before
    # an appropriation's events were told from an obligation's cases, 95 unclear before
    # amending lead-ins and conforming instructions were, 89 before an item's "; and" was
    # formal, 33 weaker and 88 unclear before § 501(b) was an applicability clause, 32 and 89
    # before "disasters" were events an appropriation pays for, 90 unclear before § 101's
    # emergency designation was paired with the enrolled § 104's, 31, 24 and 89 before an
    # appropriation struck whole and its provisos' terms were unclear, 29 and 92 before a
    # proviso read its paragraph's words for a rule's context; see test_compare)
    assert (verdicts["weaker"], verdicts["stronger"], verdicts["unclear"]) == (28, 23, 93)


def test_in_halves_gives_the_second_half_to_a_child() -> None:
    parent = os.getpid()

    def work(xs: Sequence[int]) -> tuple[list[int], int]:
        return list(xs), os.getpid()

    (first, mine), (second, theirs) = parallel.in_halves(work, [1, 2, 3, 4, 5], parallel=True)
    assert (first, second) == ([1, 2, 3], [4, 5])
    assert mine == parent and theirs != parent
    assert parallel.in_halves(work, [1, 2, 3], parallel=False) == [([1, 2, 3], parent)]
    # a larger first part, when the last items cost more; each part keeps one item at least
    assert [xs for xs, _ in parallel.in_halves(work, [1, 2, 3, 4, 5], parallel=True,
                                               first=0.8)] == [[1, 2, 3, 4], [5]]
    assert [xs for xs, _ in parallel.in_halves(work, [1, 2], parallel=True,
                                               first=0.99)] == [[1], [2]]


def test_an_html_report_rendered_in_halves_is_the_same_bytes(
        pair: tuple[Document, Document], always: None,
        monkeypatch: pytest.MonkeyPatch) -> None:
    comparison = compare(*pair)
    halves = diff_html(comparison)
    # the report file: the rows as the two processes encoded them, between the page's ends
    assert diff_html_bytes(comparison) == halves.encode()
    monkeypatch.setenv("LEGCOMPARE_JOBS", "1")
    assert diff_html(comparison) == halves
    assert diff_html_bytes(comparison) == halves.encode()
    assert halves.count('<tbody class="pair ') == len(comparison.pairs)
    # the second process also made the table of contents
    assert len(comparison.pairs) > CONTENTS_OVER and '<h2 id="contents">Contents</h2>' in halves


def test_a_word_report_written_in_halves_is_the_same_bytes(
        pair: tuple[Document, Document], always: None,
        monkeypatch: pytest.MonkeyPatch) -> None:
    # each half numbers its revisions and comments from 0; the ids are shifted after
    comparison = compare(*pair)
    halves: list[int] = []
    split_in_halves = docx_out.in_halves

    def spy(work: Any, items: Sequence[Any], *, parallel: bool) -> Any:
        done = split_in_halves(work, items, parallel=parallel)
        halves.extend(len(notes) for _, notes, _ in done)
        return done

    monkeypatch.setattr(docx_out, "in_halves", spy)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    shared = docx_out.diff_docx(comparison)
    assert len(halves) == 2 and all(halves)  # two halves, each with comments
    monkeypatch.setenv("LEGCOMPARE_JOBS", "1")
    assert docx_out.diff_docx(comparison) == shared


def _bill(version: str) -> Provenance:
    return Provenance("us", "hr1-118", version, "H.R. 1", "file")


def test_a_word_report_whose_first_half_has_no_ids_shifts_the_second(
        always: None, monkeypatch: pytest.MonkeyPatch) -> None:
    """The first half writes its own ids, the second numbers from 0 and is shifted, even past
    a first half of unchanged provisions that used none."""
    same = "".join(f"SEC. {n}. PART {n}.\nEach agency shall report {n}.\n" for n in range(1, 9))
    old = parse_text(same + "SEC. 9. BAN.\nNo agency shall use it.\n", _bill("ih"))
    new = parse_text(same + "SEC. 9. BAN.\nNo agency may use it.\n", _bill("rh"))
    comparison = compare(old, new)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    shared = docx_out.diff_docx(comparison)
    with zipfile.ZipFile(io.BytesIO(shared)) as z:
        body = z.read("word/document.xml").decode()
    assert "\x00" not in body and "\x02" not in body
    assert re.findall(r'<w:(?:ins|del) w:id="(\d+)"', body) == [
        str(len(comparison.pairs) + k) for k in range(1, 3)]  # "shall" struck, "may" inserted
    monkeypatch.setenv("LEGCOMPARE_JOBS", "1")
    assert docx_out.diff_docx(comparison) == shared


def test_a_text_split_in_halves_is_the_text_split_in_one(corpus: Path, always: None) -> None:
    """The second half's clauses made by a child are the same objects' equals, citation
    ordinals counted across the whole text included (H.R. 1's two paragraphs "(3)" of
    § 5101(f))."""
    for name in ("us-federal-hr1-116-reported-house.txt", "us-federal-hr2157-116-enrolled.txt",
                 "us-ny-s4457a-2024-amended.txt"):
        document = load_path(corpus / name)
        assert parallel.worthwhile(document)
        assert parallel.split_one(document) == split(document), name
    hr1 = parallel.split_one(load_path(corpus / "us-federal-hr1-116-reported-house.txt"))
    assert any(c.citation.endswith("§ 5101(f)(3) (2nd)") for c in hr1.walk())


def test_a_citation_of_the_first_half_given_again_in_the_second_is_counted(
        always: None, monkeypatch: pytest.MonkeyPatch) -> None:
    """A section printed twice with one number, one in each half: the second is "(2nd)", as
    when one process counts them all."""
    sections = ["SEC. 1. FIRST.\nNo agency shall use it.\n(a) It shall report.\n",
                "SEC. 2. SECOND.\nEach agency shall report.\n",
                "SEC. 1. AGAIN.\nNo agency may use it.\n(a) It may report.\n",
                "SEC. 3. THIRD.\nEach agency may report.\n"]
    document = parse_text("".join(sections), _bill("ih"))
    seen: list[int] = []
    real = parallel.in_halves

    def spy(work: Any, items: Sequence[Any], *, parallel: bool, first: float = 0.5) -> Any:
        done = real(work, items, parallel=parallel, first=first)
        seen.extend(len(part) for part, _ in done)
        return done

    monkeypatch.setattr(parallel, "in_halves", spy)
    halves = parallel.split_one(document)
    assert seen == [2, 2]  # (cut by length: two sections on each side)
    assert halves == split(document)
    assert [(c.id, c.citation) for c in halves.walk()] == [
        ("s1", "H.R. 1 § 1"), ("s1/a", "H.R. 1 § 1(a)"), ("s2", "H.R. 1 § 2"),
        ("s1~2", "H.R. 1 § 1 (2nd)"), ("s1~2/a", "H.R. 1 § 1(a) (2nd)"), ("s3", "H.R. 1 § 3")]

    def no_fork() -> int:
        raise OSError("no process to be had")

    monkeypatch.setattr(os, "fork", no_fork)  # this process makes the second half too
    assert parallel.split_one(document) == halves


def test_a_history_splits_each_version_once(corpus: Path,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[str] = []
    real = parallel.split

    def counted(document: Document) -> Outline:
        calls.append(document.provenance.version or "")
        return real(document)

    monkeypatch.setattr(parallel, "split", counted)
    monkeypatch.setenv("LEGCOMPARE_JOBS", "1")
    versions = [load_path(corpus / name) for name in (
        "us-ny-a48-2023-original.txt", "us-ny-a48a-2023-amended.txt",
        "us-ny-a48b-2023-amended.txt")]
    result = history(versions)
    assert len(calls) == 3
    assert len(result.comparisons) == 2


def test_the_old_text_is_split_by_a_child_while_the_new_one_is_read(
        pair: tuple[Document, Document], always: None, children: list[int]) -> None:
    old, new = pair
    events: list[str] = []

    def documents() -> Iterator[Document]:
        events.append(f"read old, {len(children)} forked")
        yield old
        events.append(f"read new, {len(children)} forked")
        yield new

    a, b = parallel.split_as_read(
        documents(), meanwhile=lambda o: events.append(f"meanwhile {o.document is new}"))
    assert events == ["read old, 0 forked", "read new, 1 forked", "meanwhile True"]
    assert (a, b) == (split(old), split(new)) and a.document is old and b.document is new
    assert len(children) == 1 and children[0] > 0
    with pytest.raises(ChildProcessError):  # reaped
        os.waitpid(children[0], os.WNOHANG)


def _reader(document: Document, pids: Path, *, fails: bool = False) -> Callable[[], Document]:
    """A reader of ``document`` that notes in ``pids`` which process read it (a child's memory
    is its own), failing as a bad input would where ``fails``."""

    def read() -> Document:
        with pids.open("a") as out:
            out.write(f"{os.getpid()}\n")
        if fails:
            raise LegcompareError("the old text cannot be read")
        return document

    return read


def _readers(pids: Path) -> list[int]:
    return [int(x) for x in pids.read_text().split()] if pids.exists() else []


def test_a_long_old_file_is_read_and_split_by_a_child_while_the_new_one_is_read(
        pair: tuple[Document, Document], always: None, tmp_path: Path) -> None:
    old, new = pair
    pids, made_here = tmp_path / "pids", []
    a, b = parallel.split_as_read(
        iter((parallel.Unread(_reader(old, pids), size=1), new)), meanwhile=made_here.append)
    readers = _readers(pids)
    assert len(readers) == 1 and readers[0] != os.getpid()  # read by the child alone
    assert (a, b) == (split(old), split(new))
    assert a.document == old and a.document is not old  # sent back with its outline
    assert b.document is new and made_here == [b]


@pytest.mark.parametrize("noticed_early", [True, False])
def test_a_child_that_dies_leaves_the_old_text_to_be_read_here_once(
        pair: tuple[Document, Document], always: None, tmp_path: Path,
        noticed_early: bool) -> None:
    """The child dies (not from a bad input): this process reads the old text and splits it,
    reading it once, whether it saw the child gone before splitting the new text or after."""
    old, new = pair
    pids, parent = tmp_path / "pids", os.getpid()
    read = _reader(old, pids)

    def dies_in_a_child() -> Document:
        if os.getpid() != parent:
            os._exit(3)  # (a crash: nothing noted, nothing sent)
        return read()

    def documents() -> Iterator[Document | parallel.Unread]:
        yield parallel.Unread(dies_in_a_child, size=1)
        if noticed_early:
            time.sleep(0.5)  # (the child is gone before the new text is split)
        yield new

    a, b = parallel.split_as_read(documents())
    assert _readers(pids) == [parent]
    assert (a, b) == (split(old), split(new)) and a.document is old


def test_an_old_pdf_is_read_by_the_child_through_the_sandbox(
        always: None, tmp_path: Path, children: list[int]) -> None:
    """Reading a PDF runs a sandboxed subprocess; the forked child starts it as this process
    would, and gets the same document (its page and line numbers included)."""
    from legcompare.resolve import resolve
    from tests.test_ingest_pdf import make_pdf

    lines = ["SEC. 1. SHORT TITLE.", "This Act may be cited as the Test Act.", "SEC. 2. BAN.",
             "(a) No agency shall use a face recognition system.", "(b) Reports are due yearly."]
    old = tmp_path / "old.pdf"
    old.write_bytes(make_pdf(lines))
    new = parse_text("\n".join(lines).replace("yearly", "monthly") + "\n", _bill("rh"))
    a, _ = parallel.split_as_read(iter((
        parallel.Unread(lambda: resolve(str(old)), size=old.stat().st_size), new)))
    assert len(children) == 1
    assert a == split(resolve(str(old)))
    assert [c.id for c in a.walk()] == ["front", "s1", "s2", "s2/a", "s2/b"]
    assert a.document.lines and a.clauses[1].locator == "p. 1, ll. 1–2"


def test_an_old_file_of_no_known_size_is_read_here_first(
        pair: tuple[Document, Document], always: None, tmp_path: Path) -> None:
    old, new = pair
    pids = tmp_path / "pids"
    a, b = parallel.split_as_read(iter((parallel.Unread(_reader(old, pids)), new)))
    assert _readers(pids) == [os.getpid()]
    assert (a, b) == (split(old), split(new)) and a.document is old


@pytest.mark.parametrize("new_fails", [False, True])
def test_an_old_file_that_cannot_be_read_is_said_first(
        pair: tuple[Document, Document], always: None, tmp_path: Path, children: list[int],
        new_fails: bool) -> None:
    """The child reading the old text fails: its error is raised here, before anything of the
    new text's (read in turn, the old text's error came first), and the child is reaped."""
    old, new = pair
    pids = tmp_path / "pids"

    def documents() -> Iterator[Document | parallel.Unread]:
        yield parallel.Unread(_reader(old, pids, fails=True), size=1)
        if new_fails:
            raise LegcompareError("the new text cannot be read")
        yield new

    with pytest.raises(LegcompareError, match="the old text cannot be read"):
        parallel.split_as_read(documents())
    readers = _readers(pids)
    assert len(children) == 1 and os.getpid() in readers  # (raised by reading it here too)
    if not new_fails:  # (the child was let run: it read it first; else it may have been
        assert readers[0] == children[0]  # stopped before it did)
    with pytest.raises(ChildProcessError):
        os.waitpid(children[0], os.WNOHANG)


@pytest.mark.parametrize("name", ["us-federal-hr2157-116-enrolled.txt", "raw/H1_RH.XML",
                                  "us-ny-a48-2023-original.txt"])
def test_clauses_are_sent_as_a_flat_list_and_made_again_the_same(corpus: Path, name: str
                                                                 ) -> None:
    document = load_path(corpus / name)
    outline = split(document)
    parts = parallel._outline_parts(outline)
    sent = pickle.dumps(parts, protocol=pickle.HIGHEST_PROTOCOL)
    again = parallel._outline_of(document, pickle.loads(sent))
    assert again == outline
    assert [list(c.__dict__) for c in again.walk()] == [list(c.__dict__) for c in outline.walk()]
    # the texts are not sent: they are the document's at each clause's span
    assert len(sent) < len(pickle.dumps((outline.clauses, outline.notes))) * 0.75


def test_a_tree_too_deep_to_pickle_is_sent_flat() -> None:
    depth = 3000  # (pickling nested clauses recurses, in C, a few levels per clause)
    text = "x" * depth
    clause: Clause | None = None
    for at in reversed(range(depth)):
        clause = Clause(id=f"c{at}", label="", kind=Kind.PARAGRAPH, heading=None, citation="",
                        text="x", span=(at, at + 1),
                        children=(clause,) if clause is not None else ())
    assert clause is not None
    flat = pickle.loads(pickle.dumps(parallel._flat((clause,))))
    assert len(flat) == depth
    (again,) = parallel._tree(flat, text)
    assert [(c.id, c.span, c.text) for c in again.walk()] == [
        (f"c{at}", (at, at + 1), "x") for at in range(depth)]


@pytest.mark.parametrize("unread", [False, True])
def test_a_failure_while_the_child_splits_stops_the_child(
        pair: tuple[Document, Document], always: None, children: list[int], tmp_path: Path,
        unread: bool) -> None:
    """The new text cannot be read while a child splits the old one (or reads it first): the
    error is raised here, and the child is stopped and reaped, not left running."""
    old, _ = pair

    def documents() -> Iterator[Document | parallel.Unread]:
        yield parallel.Unread(_reader(old, tmp_path / "pids"), size=1) if unread else old
        raise LegcompareError("the new text cannot be read")

    with pytest.raises(LegcompareError, match="the new text cannot be read"):
        parallel.split_as_read(documents())
    assert len(children) == 1
    with pytest.raises(ChildProcessError):
        os.waitpid(children[0], os.WNOHANG)


def test_a_first_text_too_short_on_its_own_waits_for_the_rest(
        pair: tuple[Document, Document], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("LEGCOMPARE_JOBS", raising=False)
    old, new = pair
    # together long enough for a child, the first alone not: split as split_all splits them
    monkeypatch.setattr(parallel, "PARALLEL_MIN_CHARS", len(old.text) + 1)
    assert not parallel.worthwhile(old) and parallel.worthwhile(old, new)
    calls: list[int] = []

    def split_all(documents: Sequence[Document]) -> list[Outline]:
        calls.append(len(documents))
        return []

    monkeypatch.setattr(parallel, "split_all", split_all)
    assert parallel.split_as_read(iter((old, new))) == []
    assert calls == [2]
    assert parallel.split_as_read(iter(())) == []


def test_map_balanced_shares_the_costly_items_and_keeps_the_order() -> None:
    parent = os.getpid()

    def work(xs: Sequence[int]) -> list[tuple[int, int]]:
        for x in xs:
            if x % 3:  # a costly item
                time.sleep(0.002)
        return [(x * x, os.getpid()) for x in xs]

    items = list(range(120))
    out = parallel.map_balanced(work, items, cheap=lambda x: x % 3 == 0, send=lambda r: r,
                                receive=lambda item, sent: sent, parallel=True)
    assert [v for v, _ in out] == [x * x for x in items]
    assert {pid for x, (_, pid) in zip(items, out, strict=True) if x % 3 == 0} == {parent}
    costly = {pid for x, (_, pid) in zip(items, out, strict=True) if x % 3}
    assert parent in costly and len(costly) == 2  # both took some
    assert parallel.map_balanced(work, items, cheap=lambda x: True, send=lambda r: r,
                                 receive=lambda i, s: s, parallel=True) == work(items)
    assert parallel.map_balanced(work, [1, 2], cheap=lambda x: False, send=lambda r: r,
                                 receive=lambda i, s: s, parallel=False) == work([1, 2])


def test_a_fact_sheet_read_in_two_processes_is_the_sheet_read_in_one(
        corpus: Path, always: None, monkeypatch: pytest.MonkeyPatch) -> None:
    extract = importlib.import_module("legcompare.covers.extract")
    outline = split(load_path(corpus / "us-federal-hr1-116-reported-house.txt"))
    assert [c.id for c in outline.clauses] == ["front", "enacting", "s1", "s2", "div-a",
                                               "div-b", "div-c"]
    received: list[tuple[str, int]] = []
    receive = extract._received

    def spy(clause: Clause, sent: Any) -> Any:
        received.append((clause.id, len(sent[1])))
        return receive(clause, sent)

    monkeypatch.setattr(extract, "_received", spy)
    shared = extract.fact_sheet(outline)
    # the child took a division or two, and the parties its conduct binds came back by id
    assert any(found > 0 for _, found in received)
    monkeypatch.setenv("LEGCOMPARE_JOBS", "1")
    alone = extract.fact_sheet(outline)
    assert shared == alone
    actors = [(i.value, i.clause) for i in shared.items if i.dimension.value == "actors"]
    # (420: "(c) Prohibiting Use of Electronic Mail Addresses for Other Than Official Purposes"
    # and § 5113 are read since ‘for ... purposes’ no longer makes a heading descriptive; 463:
    # quoted provisions whose print lost an opening quotation mark are quoted matter, the new
    # FECA § 319A binding a tenth party; 467: flush text read as its own, "but only if ... in an
    # aggregate amount of $10,000 or more during the period ..." a date of its own; 465:
    # "In this section, the term “applicable period” means ..." read as the definition it is,
    # six terms more, eight periods in definitions fewer; 457: four titles' severability
    # sections, "... that shall not affect the validity of ...", and four "shall not be treated
    # as" are no prohibitions; 458: "... except that none of the funds provided under this part
    # may be used to renovate ..." is one; 613: the parts of division A, title I and the
    # others that hold provisions are read each for what it is, not skipped with a title that
    # took the role of an amendment or a heading from its parts: six parties more, one fewer;
    # 611: preemption read with preempt's classifier, the quoted HAVA § 307(a) a ceiling, not a
    # prohibition and an exception, and House rules superseding other rules no conflict clause)
    assert (len(shared.items), len(actors)) == (611, 15)
    assert ("vendor", "div-a/t-iii/st-a/pt-1/s3001/a/q/298a/b/2/a") in actors



def test_cores_are_those_the_process_may_run_on_one_under_jobs_1(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("LEGCOMPARE_JOBS", raising=False)
    assert parallel.cores() == len(os.sched_getaffinity(0))
    monkeypatch.setenv("LEGCOMPARE_JOBS", " 1 ")
    assert parallel.cores() == 1
    monkeypatch.setenv("LEGCOMPARE_JOBS", "2")
    assert parallel.cores() == len(os.sched_getaffinity(0))
