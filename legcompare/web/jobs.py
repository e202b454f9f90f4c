"""Jobs: the web app's comparisons, run in a bounded pool of worker processes.

Guarantees of :class:`JobQueue`:

* Jobs compute in worker processes (``spawn``ed, so the server's threads are never forked);
  the web server's threads only queue work and read results, so a long comparison never holds
  up a page.
* Two lanes, each its own pool: small jobs (``workers`` processes) and large ones
  (:func:`~.inputs.is_large`: ``workers - 1`` processes, at least one, at a lower CPU priority).
  A small job never waits behind an omnibus bill, for a worker or for the CPU.
* At most ``max_pending`` jobs wait or run; more is refused (:class:`~.security.Refused`, 503)
  rather than queued without end. Finished jobs are kept, newest ``keep``, then forgotten.
* Identical requests in flight (same kind, options, and documents by name and content:
  :func:`~.inputs.job_key`) share one job: ``compare`` is deterministic, so they would get
  the same bytes anyway. A failed or finished job is never reused: sending again computes again.
* Progress: each job knows its stage (queued, reading, comparing, writing, done or failed),
  as posted by the worker, and how many jobs are ahead of it in its lane; a reader may wait
  for the next change (:meth:`JobQueue.wait_for_change`) instead of asking again and again.
* A job's error is a one-line message: the library's own for bad input, else the exception
  type and message (a worker that died is reported as such, and the pool is replaced).
"""

from __future__ import annotations

import multiprocessing
import secrets
import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from typing import Any, TypeVar

from ..errors import LegcompareError
from . import tasks
from .security import Refused
from .tasks import Rendered, Task, TaskResult

__all__ = ["Job", "JobQueue"]

T = TypeVar("T")


@dataclass
class Job:
    """One submitted task and what became of it (mutated under the queue's lock only)."""

    id: str
    kind: str
    task: Task | None
    key: str | None
    large: bool
    created: float = field(default_factory=time.monotonic)
    started: float | None = None
    finished: float | None = None
    stage: str = "waiting for a free worker"
    error: str | None = None
    result: TaskResult | None = None
    downloads: dict[str, Rendered] = field(default_factory=dict)

    @property
    def state(self) -> str:
        """``pending``, ``done`` or ``failed``."""
        if self.error is not None:
            return "failed"
        return "done" if self.result is not None else "pending"


def _step(job: Job) -> int:
    """How far the job is, 0 (waiting) to 4 (finished)."""
    if job.state != "pending":
        return 4
    order = ["waiting for a free worker", "reading the documents", "", "writing the report"]
    return order.index(job.stage) if job.stage in order else 2


class JobQueue:
    """The pools, the lanes and the job table (see the module docstring)."""

    def __init__(self, *, workers: int, max_pending: int = 64, keep: int = 64) -> None:
        self.workers = max(1, workers)
        self.large_workers = max(1, self.workers - 1)
        self.max_pending = max_pending
        self.keep = keep
        self._ctx = multiprocessing.get_context("spawn")
        self._progress: Any = self._ctx.Queue()
        self._lock = threading.RLock()  # a callback may run in the submitting thread
        self._changed = threading.Condition(self._lock)  # any job's stage or state changed
        self._jobs: OrderedDict[str, Job] = OrderedDict()
        self._by_key: dict[str, str] = {}
        self._pools = {False: self._new_pool(False), True: self._new_pool(True)}
        self._drain = threading.Thread(target=self._read_progress, name="legcompare-progress",
                                       daemon=True)
        self._drain.start()

    def _new_pool(self, large: bool) -> ProcessPoolExecutor:
        return ProcessPoolExecutor(
            max_workers=self.large_workers if large else self.workers, mp_context=self._ctx,
            initializer=tasks.init_worker,
            initargs=(self._progress, tasks.LARGE_NICENESS if large else 0))

    def warm(self, timeout: float = 120.0) -> None:
        """Start every worker now (the first job should not wait for imports)."""
        futures = [self._pools[large].submit(tasks.warm) for large in (False, True)
                   for _ in range(self.large_workers if large else self.workers)]
        for f in futures:
            f.result(timeout=timeout)

    # --- submitting -------------------------------------------------------------------------

    def submit(self, task: Task, *, key: str | None, large: bool) -> Job:
        """Queue ``task``; the job that will answer it (an identical one in flight, if any)."""
        with self._lock:
            if key is not None and key in self._by_key:
                shared = self._jobs.get(self._by_key[key])
                if shared is not None and shared.state == "pending":
                    return shared
            pending = sum(1 for j in self._jobs.values() if j.state == "pending")
            if pending >= self.max_pending:
                raise Refused(f"the server is busy ({pending} jobs waiting or running); try "
                              "again in a minute", status=503, title="Busy")
            job = Job(secrets.token_urlsafe(16), task.kind, task, key, large)
            self._jobs[job.id] = job
            if key is not None:
                self._by_key[key] = job.id
            future = self._submit(large, tasks.run_task, job.id, task)
        future.add_done_callback(lambda f: self._finish(job, f))
        return job

    def _submit(self, large: bool, fn: Callable[..., T], *args: Any) -> Future[T]:
        """``fn(*args)`` in the lane's pool, replacing the pool if a worker died."""
        with self._lock:
            try:
                return self._pools[large].submit(fn, *args)
            except BrokenProcessPool:
                self._pools[large] = self._new_pool(large)
                return self._pools[large].submit(fn, *args)

    def _finish(self, job: Job, future: Future[TaskResult]) -> None:
        error, result = None, None
        try:
            result = future.result()
        except LegcompareError as exc:
            error = str(exc)
        except BrokenProcessPool:
            error = ("the worker process stopped unexpectedly (out of memory?); "
                     "nothing was saved")
        except Exception as exc:  # a bug in the library: one line, never a traceback page
            error = f"internal error ({type(exc).__name__}: {exc})"
        with self._lock:
            job.result, job.error = result, error
            job.stage = "done" if error is None else "failed"
            job.finished = time.monotonic()
            job.task = None  # the uploads are no longer needed
            if job.key is not None and self._by_key.get(job.key) == job.id:
                del self._by_key[job.key]
            self._jobs.move_to_end(job.id)
            self._forget_old()
            self._changed.notify_all()

    def _forget_old(self) -> None:
        finished = [j for j in self._jobs.values() if j.state != "pending"]
        for job in finished[:max(0, len(finished) - self.keep)]:
            del self._jobs[job.id]

    def _read_progress(self) -> None:
        while True:
            try:
                message = self._progress.get()
            except (EOFError, OSError):
                return
            if message is None:
                return
            job_id, stage = message
            with self._lock:
                job = self._jobs.get(job_id)
                if job is not None and job.state == "pending":
                    job.stage = stage
                    job.started = job.started or time.monotonic()
                    self._changed.notify_all()

    # --- reading ----------------------------------------------------------------------------

    def get(self, job_id: str) -> Job | None:
        """The job, while it is remembered."""
        with self._lock:
            return self._jobs.get(job_id)

    def status(self, job: Job) -> dict[str, object]:
        """The job's progress, as the progress page shows it."""
        with self._lock:
            ahead = sum(1 for j in self._jobs.values()
                        if j.state == "pending" and j.started is None and j.large == job.large
                        and j.created < job.created)
            end = job.finished or time.monotonic()
            return {"state": job.state, "stage": job.stage, "step": _step(job),
                    "error": job.error,
                    "queued": job.started is None and job.state == "pending",
                    "ahead": ahead, "elapsed": round(end - job.created, 1)}

    def wait_for_change(self, job: Job, stage: str, timeout: float) -> None:
        """Return once ``job`` is past ``stage`` (or finished), or after ``timeout`` seconds:
        a progress page learns of each step as it happens, with one request per step."""
        with self._changed:
            self._changed.wait_for(lambda: job.stage != stage or job.state != "pending",
                                   timeout=timeout)

    def count(self) -> int:
        """Jobs remembered (waiting, running or finished)."""
        with self._lock:
            return len(self._jobs)

    def download(self, job: Job, fmt: str, timeout: float = 300.0) -> Rendered:
        """One download of a finished job, rendered in the pool once and then kept."""
        with self._lock:
            kept = job.downloads.get(fmt)
            result = job.result
        if kept is not None:
            return kept
        assert result is not None
        rendered = self.call(tasks.render_format, result.kind, result.payload, fmt,
                             timeout=timeout)
        with self._lock:
            job.downloads[fmt] = rendered
        return rendered

    def call(self, fn: Callable[..., T], *args: Any, timeout: float = 300.0) -> T:
        """Run ``fn(*args)`` in the small jobs' pool and wait for it (outlines, downloads)."""
        try:
            return self._submit(False, fn, *args).result(timeout=timeout)
        except BrokenProcessPool:
            raise LegcompareError("the worker process stopped unexpectedly; try again"
                                  ) from None
        except TimeoutError:
            raise LegcompareError(f"no answer within {timeout:g} seconds") from None

    def close(self) -> None:
        """Stop the workers (jobs not yet started are dropped)."""
        for pool in self._pools.values():
            pool.shutdown(wait=True, cancel_futures=True)
        self._progress.put(None)
        self._drain.join(timeout=5)
        self._progress.close()
