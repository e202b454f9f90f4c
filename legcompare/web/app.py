"""The web app (Flask): forms that queue library calls, and the pages that show their results.

Pages: compare (``/``), history, covers, preempt, the store (``/store``, each text viewable as
its outline), and a job's page (``/jobs/<id>``: its progress while it runs, then the result:
the report ``--format html`` writes, shown sandboxed in a frame, with its downloads).

Guarantees (besides those of :mod:`.security`, :mod:`.inputs` and :mod:`.jobs`):

* No comparison logic here: a form becomes a :class:`~.tasks.Task` (one library call) and the
  result pages show the library's own reports and renderings.
* No request reaches the file system outside the store: documents are named by store
  references (checked by :class:`~legcompare.store.Store`), uploads are held in memory, and the
  only files served are the app's own under ``static/``.
* Every page is rendered by autoescaping Jinja templates; every error is a page with a title
  and one line, with the right HTTP status, never a traceback.
"""

from __future__ import annotations

import re
import secrets
import threading
from collections import OrderedDict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from flask import Flask, Response, abort, jsonify, redirect, render_template, request, session
from werkzeug.exceptions import HTTPException, RequestEntityTooLarge
from werkzeug.wrappers import Response as BaseResponse

from .. import __version__
from ..errors import LegcompareError, StoreError
from ..model import Mode, Perspective
from ..resolve import Resolver
from ..store import Store
from . import tasks
from .inputs import (
    UPLOAD_EXTENSIONS,
    Given,
    is_large,
    job_key,
    read_mode,
    read_perspective,
    read_slot,
)
from .jobs import Job, JobQueue
from .security import (
    CSRF_FIELD,
    HostGuard,
    Refused,
    check_csrf,
    csrf_token,
    page_headers,
    report_headers,
)

__all__ = ["DEFAULT_MAX_DOCUMENT", "WebSettings", "create_app"]

DEFAULT_MAX_DOCUMENT = 16 * 1024 * 1024
"""The default limit on one uploaded or pasted document, in bytes."""
SLOTS = {"history": 6, "covers": 6, "preempt": 5}
"""How many document slots each multi-document form shows."""
LABELS = {"html": "HTML report", "docx": "Word (tracked changes)", "pdf": "PDF", "csv": "CSV",
          "json": "JSON", "markdown": "Markdown"}
_JOB_ID = r"[A-Za-z0-9_-]{22}"
LONGEST_WAIT = 10.0
"""The longest a progress request waits for a change, in seconds."""
WAITING_SLOTS = 24
"""Progress requests that may wait at once (each holds one of the server's threads; the
others are answered at once and asked to come back after :data:`POLL_AGAIN` seconds)."""
POLL_AGAIN = 0.4


@dataclass(frozen=True)
class WebSettings:
    """How the server was started."""

    store: Path
    """The store folder (texts named by reference, and where fetched sources go)."""
    resolver: Resolver
    """How sources are fetched: the CLI's limits, ``allow_private`` and ``offline``."""
    workers: int = 2
    """Worker processes: jobs computing at once."""
    max_document: int = DEFAULT_MAX_DOCUMENT
    """The most bytes one uploaded or pasted document may have."""
    max_documents: int = 6
    """The most documents one form may carry (bounds the whole request)."""


@dataclass
class _State:
    settings: WebSettings
    jobs: JobQueue
    guard: HostGuard = field(default_factory=HostGuard)
    outlines: OrderedDict[tuple[str, str], tasks.OutlineView] = field(
        default_factory=OrderedDict)
    """The last outlines shown, by (reference, SHA-256); guarded by ``lock``."""
    lock: threading.Lock = field(default_factory=threading.Lock)
    waiting: threading.BoundedSemaphore = field(
        default_factory=lambda: threading.BoundedSemaphore(WAITING_SLOTS))


def create_app(settings: WebSettings, jobs: JobQueue | None = None) -> Flask:
    """The app. It answers no request until :func:`bind` gives it its address."""
    app = Flask(__name__)
    app.secret_key = secrets.token_bytes(32)  # sessions (CSRF tokens) last as long as the server
    app.config.update(
        MAX_CONTENT_LENGTH=settings.max_document * settings.max_documents + 1024 * 1024,
        MAX_FORM_MEMORY_SIZE=settings.max_document, SESSION_COOKIE_NAME="legcompare_session",
        SESSION_COOKIE_SAMESITE="Strict", SESSION_COOKIE_HTTPONLY=True, TEMPLATES_AUTO_RELOAD=False)
    state = _State(settings, jobs or JobQueue(workers=settings.workers))
    app.extensions["legcompare"] = state
    _guards(app, state)
    _forms(app, state)
    _results(app, state)
    _store_pages(app, state)
    return app


def bind(app: Flask, host: str, port: int) -> None:
    """Tell the app where it listens: the ``Host`` values it answers to, the cookie it uses."""
    state: _State = app.extensions["legcompare"]
    state.guard.bind(host, port)
    app.config["SESSION_COOKIE_NAME"] = f"legcompare_{port}"  # one per server on this machine


def jobs_of(app: Flask) -> JobQueue:
    """The app's job queue."""
    state: _State = app.extensions["legcompare"]
    return state.jobs


# --- every request ----------------------------------------------------------------------------


def _guards(app: Flask, state: _State) -> None:
    @app.before_request
    def check_request() -> None:
        state.guard.check(request.headers.get("Host"))
        if request.method == "POST":
            state.guard.check_origin(request.headers.get("Origin"))
            check_csrf(session, request.form.get(CSRF_FIELD))

    @app.after_request
    def headers(response: Response) -> Response:
        if "Content-Security-Policy" not in response.headers:
            for name, value in page_headers(cache=request.path.startswith("/static/")):
                response.headers.setdefault(name, value)
        return response

    @app.context_processor
    def common() -> dict[str, Any]:
        return {"csrf_token": csrf_token(session), "csrf_field": CSRF_FIELD,
                "version": __version__, "accept": ",".join(UPLOAD_EXTENSIONS)}

    @app.errorhandler(Refused)
    def refused(exc: Refused) -> tuple[str, int]:
        return error_page(exc.title, str(exc), exc.status)

    @app.errorhandler(RequestEntityTooLarge)
    def too_large(exc: RequestEntityTooLarge) -> tuple[str, int]:
        limit = app.config["MAX_CONTENT_LENGTH"]
        return error_page("Upload too large", f"the form is larger than this server accepts "
                          f"({limit:,} bytes in all, {state.settings.max_document:,} per "
                          "document or pasted text)", 413)

    @app.errorhandler(LegcompareError)
    def library_error(exc: LegcompareError) -> tuple[str, int]:
        return error_page("The request could not be done", str(exc), 400)

    @app.errorhandler(HTTPException)
    def http_error(exc: HTTPException) -> tuple[str, int]:
        return error_page(exc.name, exc.description or exc.name, exc.code or 500)

    @app.errorhandler(Exception)
    def bug(exc: Exception) -> tuple[str, int]:
        app.logger.exception("internal error")  # the operator's terminal; the page: one line
        return error_page("Internal error", f"internal error ({type(exc).__name__}); "
                          "nothing was saved", 500)


def error_page(title: str, message: str, status: int) -> tuple[str, int]:
    """An error as a page: its title and one line."""
    return render_template("error.html", title=title, message=message, status=status), status


# --- forms ------------------------------------------------------------------------------------


def _forms(app: Flask, state: _State) -> None:
    def refs() -> list[str]:
        return [t.ref for t in _stored(state)[0]]

    @app.get("/")
    def compare_form() -> str:
        return render_template("compare.html", refs=refs(), modes=[m.value for m in Mode],
                               perspectives=[p.value for p in Perspective])

    @app.post("/compare")
    def compare_submit() -> BaseResponse:
        given = [_slot(state, "old", "old text", required=True),
                 _slot(state, "new", "new text", required=True)]
        return _queue(state, "compare", [g for g in given if g is not None])

    for kind in ("history", "covers", "preempt"):
        _multi_form(app, state, kind, refs)


def _multi_form(app: Flask, state: _State, kind: str, refs: Any) -> None:
    def show() -> str:
        return render_template(f"{kind}.html", refs=refs(), slots=range(1, SLOTS[kind] + 1),
                               modes=[m.value for m in Mode],
                               perspectives=[p.value for p in Perspective])

    def submit() -> BaseResponse:
        names = [f"doc{i}" for i in range(1, SLOTS[kind] + 1)]
        if kind == "preempt":
            names = ["upper"] + [f"lower{i}" for i in range(1, SLOTS[kind])]
        given = [(n, _slot(state, n, _label(n), required=n == "upper", paste=False))
                 for n in names]
        present = [(n, g) for n, g in given if g is not None]
        need = {"history": 2, "covers": 1, "preempt": 1}[kind]
        if len(present) < need:
            raise Refused(f"give at least {need} documents" if need > 1 else
                          "give a document", title="Not enough documents")
        baseline = None
        if kind == "covers" and request.form.get("baseline", ""):
            chosen = request.form["baseline"]
            baseline = next((i for i, (n, _) in enumerate(present) if n == chosen), None)
            if baseline is None:
                raise Refused("the baseline must be one of the documents given",
                              title="No such baseline")
        return _queue(state, kind, [g for _, g in present], baseline=baseline)

    app.add_url_rule(f"/{kind}", f"{kind}_form", show, methods=["GET"])
    app.add_url_rule(f"/{kind}", f"{kind}_submit", submit, methods=["POST"])


def _label(slot: str) -> str:
    if slot == "upper":
        return "higher law"
    if slot.startswith("lower"):
        return f"lower law {slot[5:]}"
    return f"document {slot[3:]}"


def _slot(state: _State, slot: str, label: str, *, required: bool,
          paste: bool = True) -> Given | None:
    s = state.settings
    given = read_slot(request.form, request.files, slot, label, store=Store(s.store),
                      max_document=s.max_document, allow_private=s.resolver.allow_private,
                      offline=s.resolver.offline, paste=paste)
    if given is None and required:
        raise Refused(f"give the {label}: upload a file"
                      + (", paste its text," if paste else "")
                      + " or name a stored text, source id or URL", title="Missing document")
    return given


def _queue(state: _State, kind: str, given: list[Given], *,
           baseline: int | None = None) -> BaseResponse:
    mode, perspective = read_mode(request.form), read_perspective(request.form)
    task = tasks.Task(kind, tuple(g.doc for g in given), state.settings.resolver, mode=mode,
                      perspective=perspective, baseline=baseline)
    job = state.jobs.submit(task, key=job_key(kind, (mode.value, perspective.value, baseline),
                                              given), large=is_large(given))
    return redirect(f"/jobs/{job.id}", code=303)


# --- results ----------------------------------------------------------------------------------


def _results(app: Flask, state: _State) -> None:
    def find(job_id: str) -> Job:
        job = state.jobs.get(job_id) if _valid_id(job_id) else None
        if job is None:
            raise Refused("no such job: it finished long ago and was forgotten, or the server "
                          "was restarted; send the form again", status=404,
                          title="No such job")
        return job

    @app.get("/jobs/<job_id>")
    def job_page(job_id: str) -> tuple[str, int]:
        job = find(job_id)
        status = state.jobs.status(job)
        if job.state == "pending":
            return render_template("progress.html", job=job, status=status), 200
        if job.state == "failed":
            return render_template("failed.html", job=job, status=status), 422
        assert job.result is not None
        downloads = [(fmt, LABELS[fmt]) for fmt in tasks.FORMATS[job.kind]]
        return render_template("result.html", job=job, result=job.result,
                               downloads=downloads, status=status), 200

    @app.get("/jobs/<job_id>/status")
    def job_status(job_id: str) -> Response:
        """The job's progress. With ``stage`` (the one the page shows) and ``wait`` (seconds,
        at most :data:`LONGEST_WAIT`), the answer waits for the next change, if a waiting
        slot is free; ``retry`` says how long to wait before asking again."""
        job = find(job_id)
        seen = request.args.get("stage")
        wait = min(max(request.args.get("wait", 0.0, type=float) or 0.0, 0.0), LONGEST_WAIT)
        retry = POLL_AGAIN
        if seen is not None and wait > 0 and state.waiting.acquire(blocking=False):
            try:
                state.jobs.wait_for_change(job, seen, wait)
                retry = 0.0
            finally:
                state.waiting.release()
        return jsonify(state.jobs.status(job) | {"retry": retry})

    @app.get("/jobs/<job_id>/report")
    def job_report(job_id: str) -> Response:
        job = find(job_id)
        if job.result is None:
            abort(404)
        response = Response(job.result.html, mimetype="text/html")
        for name, value in report_headers():
            response.headers[name] = value
        return response

    @app.get("/jobs/<job_id>/download/<fmt>")
    def job_download(job_id: str, fmt: str) -> Response:
        job = find(job_id)
        if job.result is None or fmt not in tasks.FORMATS[job.kind]:
            abort(404)
        rendered = state.jobs.download(job, fmt)
        name = tasks.safe_file_name(f"{download_stem(job.result)}.{rendered.ext}")
        response = Response(rendered.data, content_type=rendered.media_type)
        response.headers["Content-Disposition"] = f'attachment; filename="{name}"'
        return response


def _valid_id(job_id: str) -> bool:
    return re.fullmatch(_JOB_ID, job_id) is not None


def download_stem(result: tasks.TaskResult) -> str:
    """``s4457-2023-original-vs-s4457-2024-a`` (comparisons), ``history-a48-2023-...``."""
    if result.kind == "compare":
        return "-vs-".join(result.names)
    more = f"-and-{len(result.names) - 1}-more" if len(result.names) > 1 else ""
    return f"{result.kind}-{result.names[0]}{more}"


# --- the store --------------------------------------------------------------------------------


def _stored(state: _State) -> tuple[list[Any], str | None]:
    """The stored texts, or why they cannot be listed."""
    try:
        return Store(state.settings.store).list(), None
    except StoreError as exc:
        return [], str(exc)


def _store_pages(app: Flask, state: _State) -> None:
    @app.get("/store")
    def store_page() -> str:
        texts, error = _stored(state)
        return render_template("store.html", texts=texts, error=error,
                               root=state.settings.store)

    @app.get("/store/<path:ref>")
    def outline_page(ref: str) -> str:
        try:
            stored = Store(state.settings.store).get(ref)
        except StoreError as exc:
            raise Refused(exc.message, where=ref[:300], title="Not a stored text") from None
        if stored is None:
            raise Refused("not in the store", status=404, where=ref[:300],
                          title="Not a stored text")
        key = (stored.ref, stored.provenance.sha256)
        with state.lock:
            view = state.outlines.get(key)
        if view is None:
            view = state.jobs.call(tasks.outline_view, stored.ref, state.settings.resolver)
            with state.lock:
                state.outlines[key] = view
                while len(state.outlines) > 16:
                    state.outlines.popitem(last=False)
        return render_template("outline.html", view=view, stored=stored)
