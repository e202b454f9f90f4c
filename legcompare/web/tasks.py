"""The work the web app hands to its process pool: read the documents, call the library, render.

Everything here runs in a worker process and crosses the process boundary by pickling: the
:class:`Task` in, the :class:`TaskResult` (the library's own result object, e.g. the
:class:`~legcompare.model.Comparison`, with its HTML report) out. Nothing here judges or compares:
each kind of task is one library call (:func:`~legcompare.compare.compare`,
:func:`~legcompare.history.history`, :func:`~legcompare.covers.covers`,
:func:`~legcompare.preempt.preempt`) and the library's renderers.

Guarantees:

* Documents are read as the command line reads them: an upload through
  :func:`~legcompare.ingest.load_path` (a private temporary copy under its own base name, so
  the catalog recognises a known file exactly as ``legcompare diff FILE`` does), pasted text
  through :func:`~legcompare.ingest.ingest_bytes`, a store reference through
  :func:`~legcompare.fetch.resolve_ref`, a source id or URL through the server's
  :class:`~legcompare.resolve.Resolver` (the CLI's fetch rules: address checks, limits,
  ``allow_private`` only when the server was started with it). Error messages name the input
  as the user gave it, never a temporary path.
* A worker's working directory is an empty folder of its own, so no input is ever read as a path
  relative to the user's files.
* Progress: each stage is posted to the queue given to :func:`init_worker` as
  ``(job id, stage)``.
"""

from __future__ import annotations

import multiprocessing.util
import os
import re
import shutil
import tempfile
from dataclasses import dataclass
from multiprocessing.queues import Queue
from pathlib import Path
from typing import Any

from ..errors import InputError, LegcompareError, StoreError
from ..model import CompareOptions, Document, Mode, Perspective, Provenance
from ..render import reports
from ..resolve import Resolver

__all__ = ["DocInput", "OutlineRow", "OutlineView", "Rendered", "Task", "TaskResult",
           "init_worker", "outline_view", "render_format", "run_task", "warm"]

KINDS = ("compare", "history", "covers", "preempt")
STAGES = {"compare": "comparing the documents", "history": "following each provision",
          "covers": "reading what each law covers", "preempt": "weighing preemption"}
"""The stage each kind of task spends its time in, as the progress page says it."""
FORMATS = {  # each a subset of reports.FORMATS (compare: "diff"), in the order shown
    "compare": ("html", "docx", "pdf", "csv", "json", "markdown"),
    "history": ("html", "pdf", "json", "markdown"),
    "covers": ("html", "pdf", "csv", "json", "markdown"),
    "preempt": ("html", "pdf", "csv", "json", "markdown"),
}
"""The downloads each kind of result offers (``html`` is the report shown)."""
MEDIA = {"html": ("text/html; charset=utf-8", "html"),
         "docx": ("application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                  "docx"),
         "pdf": ("application/pdf", "pdf"), "csv": ("text/csv; charset=utf-8", "csv"),
         "json": ("application/json", "json"), "markdown": ("text/markdown; charset=utf-8", "md")}

LARGE_NICENESS = 10
"""How much lower the CPU priority of large jobs' workers is (``nice``)."""

_PROGRESS: Queue[tuple[str, str]] | None = None
_SAFE_NAME = re.compile(r"[^A-Za-z0-9._-]+")


@dataclass(frozen=True)
class DocInput:
    """One document as the user gave it (checked by :mod:`.inputs` before it gets here)."""

    how: str
    """``upload``, ``paste``, ``store`` or ``source``."""
    name: str
    """The upload's file name, ``pasted text``, the store reference, or the source id or URL."""
    data: bytes = b""
    """The bytes of an upload or of pasted text (UTF-8)."""


@dataclass(frozen=True)
class Task:
    """One job: which library call, on which documents, with which options."""

    kind: str
    """One of :data:`KINDS`."""
    inputs: tuple[DocInput, ...]
    resolver: Resolver
    """How source ids and URLs are fetched and what the store is (the server's settings)."""
    mode: Mode = Mode.AUTO
    perspective: Perspective = Perspective.PROTECTIVE
    baseline: int | None = None
    """``covers``: the index of the document the others are judged against."""


@dataclass(frozen=True)
class TaskResult:
    """What a job produced: the library's result and its HTML report."""

    kind: str
    title: str
    """The report's title (``N.Y. S. 4457 → N.Y. S. 4457-A``)."""
    headline: str | None
    """The one-line summary the report starts with, when the kind has one."""
    html: str
    """The report, as ``--format html`` writes it."""
    payload: Any
    """The library's result (:class:`~legcompare.model.Comparison`, ``History``,
    ``CoverageReport``, ``Preemption``), kept for the other downloads."""
    names: tuple[str, ...]
    """Short names of the documents, for download file names."""


@dataclass(frozen=True)
class Rendered:
    """One download: its bytes, media type and file extension."""

    data: bytes
    media_type: str
    ext: str


@dataclass(frozen=True)
class OutlineRow:
    """One clause of a stored text's outline, flattened with its depth."""

    depth: int
    id: str
    label: str
    kind: str
    role: str | None
    heading: str | None
    citation: str
    locator: str | None
    text: str


@dataclass(frozen=True)
class OutlineView:
    """A stored text's provenance rows (as reports print them) and its clause tree."""

    ref: str
    title: str
    rows: tuple[tuple[str, str], ...]
    clauses: tuple[OutlineRow, ...]
    notes: tuple[str, ...]


# --- worker lifecycle -------------------------------------------------------------------------


def init_worker(progress: Queue[tuple[str, str]] | None, niceness: int = 0) -> None:
    """Set up a worker process: the progress queue, an empty working directory, its CPU
    priority (large jobs' workers yield to small ones' where the system allows), the library
    loaded (so the first job does not pay for it)."""
    global _PROGRESS
    _PROGRESS = progress
    folder = tempfile.mkdtemp(prefix="legcompare-worker-")
    os.chdir(folder)
    # removed when the worker ends (the pool shut down), not left in the temp folder
    multiprocessing.util.Finalize(None, shutil.rmtree, args=(folder,),
                                  kwargs={"ignore_errors": True}, exitpriority=0)
    if niceness and hasattr(os, "nice"):
        os.nice(niceness)
    warm()


_WARM_OLD = b"SEC. 1. BAN.\n(a) No agency shall use face recognition.\n"
_WARM_NEW = b"SEC. 1. BAN.\n(a) No agency may use face recognition, except with a warrant.\n"


def warm() -> int:
    """Import what jobs use and judge one small pair, so that the rules, patterns and
    templates are loaded before the first real job; returns the worker's process id."""
    from .. import covers, fetch, history, preempt  # noqa: F401
    from ..catalog import default_catalog
    from ..compare import compare
    from ..ingest import ingest_bytes
    from ..render import csv_out, docx_out  # noqa: F401
    from ..render.html import diff_html

    default_catalog()
    provenance = Provenance(jurisdiction="unknown", document="warm-up", version=None,
                            title=None, source="paste")
    diff_html(compare(ingest_bytes(_WARM_OLD, provenance), ingest_bytes(_WARM_NEW, provenance)))
    return os.getpid()


def _stage(job_id: str, stage: str) -> None:
    if _PROGRESS is not None:
        _PROGRESS.put((job_id, stage))


# --- jobs -------------------------------------------------------------------------------------


def run_task(job_id: str, task: Task) -> TaskResult:
    """Read the documents, make the one library call the task names, render its report."""
    _stage(job_id, "reading the documents")
    documents = [read(d, task.resolver) for d in task.inputs]
    _stage(job_id, STAGES[task.kind])
    payload = compute(task, documents)
    _stage(job_id, "writing the report")
    title, headline, html = report(task.kind, payload)
    return TaskResult(task.kind, title, headline, html, payload,
                      tuple(short_name(d) for d in documents))


def read(doc: DocInput, resolver: Resolver) -> Document:
    """The document ``doc`` names, read as the command line would (module docstring)."""
    try:
        return _read(doc, resolver)
    except LegcompareError as exc:
        if doc.how == "upload":
            exc.where = doc.name  # not the temporary copy's path
        raise


def _read(doc: DocInput, resolver: Resolver) -> Document:
    from ..fetch import resolve_ref
    from ..ingest import ingest_bytes, load_path
    from ..sources import is_url, parse_source_id, parse_state_id

    if doc.how == "upload":
        with tempfile.TemporaryDirectory(prefix="legcompare-upload-") as tmp:
            path = Path(tmp) / safe_file_name(doc.name)
            path.write_bytes(doc.data)
            return load_path(path, max_bytes=resolver.max_bytes)
    if doc.how == "paste":
        provenance = Provenance(jurisdiction="unknown", document="pasted", version=None,
                                title=doc.name, source="paste")
        return ingest_bytes(doc.data, provenance, max_bytes=resolver.max_bytes, where=doc.name)
    if doc.how == "store":
        found = resolve_ref(doc.name, resolver.opened_store())
        if found is None:
            raise StoreError("not in the store", where=doc.name)
        return found
    if doc.how == "source" and (is_url(doc.name) or parse_source_id(doc.name)
                                or parse_state_id(doc.name)):
        return resolver(doc.name)
    raise InputError("not an upload, pasted text, stored text, source id or URL",
                     where=doc.name)


def safe_file_name(name: str) -> str:
    """``name``'s base name with anything but letters, digits, ``.``, ``_`` and ``-`` replaced,
    never empty or hidden (the name the catalog and the provenance see)."""
    base = name.replace("\\", "/").rsplit("/", 1)[-1]
    cleaned = _SAFE_NAME.sub("-", base).strip("-.") or "upload.txt"
    return cleaned[-120:]


def compute(task: Task, documents: list[Document]) -> Any:
    """The one library call the task names."""
    options = CompareOptions(mode=task.mode, perspective=task.perspective)
    if task.kind == "compare":
        from ..compare import compare
        return compare(documents[0], documents[1], options=options)
    if task.kind == "history":
        from ..history import history
        return history(documents, options=options)
    if task.kind == "covers":
        from ..covers import CoversOptions, covers
        return covers(documents, baseline=task.baseline,
                      options=CoversOptions(perspective=task.perspective))
    if task.kind == "preempt":
        from ..preempt import preempt
        return preempt(documents[0], documents[1:])  # cross mode, as ``legcompare preempt``
    raise ValueError(f"unknown task kind {task.kind!r}")


def report(kind: str, payload: Any) -> tuple[str, str | None, str]:
    """(title, headline, HTML report) of a result."""
    rendered = _render(kind, payload, "html")
    html = rendered.decode() if isinstance(rendered, bytes) else rendered  # (a diff's is bytes)
    if kind == "compare":
        from ..render.html import title
        from ..summary import headline, summarize
        return title(payload), headline(summarize(payload)), html
    if kind == "history":
        return f"History across {len(payload.documents)} versions", None, html
    if kind == "covers":
        several = len(payload.sheets) > 1
        return ("What these laws cover" if several else "What it covers"), None, html
    from ..render.preempt_out import headline as preempt_headline
    return "Preemption", preempt_headline(payload), html


def short_name(document: Document) -> str:
    """A document's name for a download file name: ``s4457-2023-original``."""
    p = document.provenance
    return "-".join(x for x in (p.document, p.version) if x) or "document"


# --- downloads and outlines -------------------------------------------------------------------


def render_format(kind: str, payload: Any, fmt: str) -> Rendered:
    """One download of a result, by the library's renderer for that format."""
    if fmt not in FORMATS.get(kind, ()):
        raise InputError(f"no {fmt} download for a {kind} result")
    media, ext = MEDIA[fmt]
    data = _render(kind, payload, fmt)
    return Rendered(data.encode("utf-8") if isinstance(data, str) else data, media, ext)


def _render(kind: str, payload: Any, fmt: str) -> str | bytes:
    """The download, as the command would write it with the job's options."""
    opts: dict[str, object] = {"format": fmt}
    if kind == "compare":
        opts |= {"mode": payload.options.mode.value,
                 "perspective": payload.perspective.value, "rules": [], "select": None,
                 "only_changed": False}
    elif kind == "history":
        opts |= {"mode": payload.options.mode.value,
                 "perspective": payload.options.perspective.value, "rules": [],
                 "select": None, "only_changed": False}
    elif kind == "covers":
        opts |= {"baseline": payload.baseline,
                 "perspective": payload.options.perspective.value, "rules": [],
                 "partial": False}
    else:
        opts |= {"rules": [], "partial": False}
    return reports.render("diff" if kind == "compare" else kind, payload, fmt, options=opts)


def outline_view(ref: str, resolver: Resolver) -> OutlineView:
    """A stored text's outline, flattened for the store page."""
    from ..render.html import document_view
    from ..split import split

    document = read(DocInput("store", ref), resolver)
    outline = split(document)
    rows = tuple(OutlineRow(c.id.count("/"), c.id, c.label, c.kind.value,
                            c.role.value if c.role else None, c.heading, c.citation,
                            c.locator, c.text)
                 for c in outline.walk())
    view = document_view("Text", document.provenance)
    notes = tuple(f"{n.kind.value}: {n.text.strip()}" for n in
                  document.provenance.notes + document.notes + outline.notes)
    return OutlineView(ref, view.name, view.rows, rows, notes)
