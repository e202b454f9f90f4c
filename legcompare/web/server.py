"""Serving the app: waitress, a pure-Python production WSGI server, in front of the worker pool.

Guarantees of :func:`start` and :func:`serve`:

* The server listens on ``host`` (127.0.0.1 unless told otherwise) and ``port`` (0: a free port,
  chosen by the system); the app answers only to that address (:class:`~.security.HostGuard`),
  learned after binding, so there is no window in which another port's name is admitted.
* Requests are handled by a bounded set of threads that only parse, check, queue and read;
  request bodies over twice the app's own limit are refused by waitress before the app sees
  them (smaller excess gets the app's own error page).
* Stopping (Ctrl-C, SIGTERM, :meth:`Running.stop`) closes the listening socket and the worker
  processes.
"""

from __future__ import annotations

import os
import signal
import sys
import threading
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any

from flask import Flask
from waitress.server import create_server

from ..errors import LegcompareError
from ..resolve import Resolver
from ..store import default_root
from .app import DEFAULT_MAX_DOCUMENT, WebSettings, bind, create_app
from .jobs import JobQueue

__all__ = ["Running", "default_workers", "serve", "start"]

THREADS = 32
"""Request threads: requests are short (jobs run in the pool) except progress requests waiting
for a change, of which at most :data:`~.app.WAITING_SLOTS` wait at once."""


def default_workers() -> int:
    """Worker processes when not given: the CPUs, at least 2 (one free for small jobs), at most
    8."""
    return min(8, max(2, os.cpu_count() or 2))


@dataclass
class Running:
    """A started server."""

    url: str
    """``http://127.0.0.1:8000/``."""
    app: Flask
    jobs: JobQueue
    server: Any
    thread: threading.Thread | None = None

    def stop(self) -> None:
        """Close the socket, stop the request threads and the workers."""
        self.server.close()
        dispatcher = getattr(self.server, "task_dispatcher", None)
        if dispatcher is not None:
            dispatcher.shutdown()
        if self.thread is not None:
            self.thread.join(timeout=10)
        self.jobs.close()


def start(resolver: Resolver, *, host: str = "127.0.0.1", port: int = 0,
          workers: int | None = None, max_document: int = DEFAULT_MAX_DOCUMENT,
          background: bool = True) -> Running:
    """Start the app (in a background thread unless ``background`` is false: then
    ``running.server.run()`` serves until stopped)."""
    store = resolver.store or default_root()
    settings = WebSettings(store=store, resolver=replace(resolver, store=store),
                           workers=workers or default_workers(), max_document=max_document)
    jobs = JobQueue(workers=settings.workers)
    try:
        jobs.warm()
        app = create_app(settings, jobs)
        limit = int(app.config["MAX_CONTENT_LENGTH"])
        try:
            server = create_server(app, host=host, port=port, threads=THREADS,
                                   max_request_body_size=2 * limit, ident="legcompare",
                                   clear_untrusted_proxy_headers=True, expose_tracebacks=False)
        except OSError as exc:
            raise LegcompareError(f"cannot listen on {host}:{port}: "
                                  f"{exc.strerror or exc}") from None
    except BaseException:
        jobs.close()
        raise
    bound = _port(server)
    bind(app, host, bound)
    running = Running(f"http://{_url_host(host)}:{bound}/", app, jobs, server)
    if background:
        running.thread = threading.Thread(target=server.run, name="legcompare-http",
                                          daemon=True)
        running.thread.start()
    return running


def serve(resolver: Resolver, *, host: str = "127.0.0.1", port: int = 8000,
          workers: int | None = None, max_document: int = DEFAULT_MAX_DOCUMENT,
          announce: Callable[[str], None] | None = None) -> None:
    """Serve in the foreground until interrupted; ``announce`` is given the URL once the server
    listens."""
    running = start(resolver, host=host, port=port, workers=workers,
                    max_document=max_document, background=False)
    previous = signal.signal(signal.SIGTERM, _interrupt)
    try:
        if announce is not None:
            announce(running.url)
        running.server.run()  # returns on Ctrl-C or SIGTERM (waitress catches them)
    except KeyboardInterrupt:
        pass
    finally:
        print("legcompare: stopped", file=sys.stderr)
        signal.signal(signal.SIGTERM, previous)
        running.stop()


def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


def _port(server: Any) -> int:
    """The port the server listens on (waitress gives it as a string)."""
    port = getattr(server, "effective_port", None)
    if port is None:  # several sockets (a host name with several addresses): the first's
        port = server.effective_listen[0][1]
    return int(port)


def _url_host(host: str) -> str:
    bare = host.strip("[]")
    if bare in ("", "0.0.0.0", "::"):
        return "127.0.0.1"
    return f"[{bare}]" if ":" in bare else bare
