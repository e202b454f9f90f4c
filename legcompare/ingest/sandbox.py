"""Running a reader in a child process, bounded in time and memory.

A parser that is large and was not written for hostile input (pdfminer, under pdfplumber) does
not run in legcompare's own process: :func:`run` starts a fresh, isolated interpreter on
:mod:`.sandbox_child` (``python -I sandbox_child.py WORKER ...``; legcompare itself is not
imported there), sends the input on its standard input and reads the worker's JSON from its
standard output. A worker is a module of this folder with a function that takes the input's
bytes and returns JSON data, and a ``Refused`` exception for input it cannot read (its message
is the one-line reason).

Guarantees of :func:`run`:

* Only the workers named in :data:`WORKERS` run; nothing from the input reaches the command
  line.
* Before the child reads the input or imports the parser, it caps its own address space
  (``RLIMIT_AS``, :attr:`Limits.memory`) and its CPU time (``RLIMIT_CPU``, a backstop); the
  parent kills it once :attr:`Limits.timeout` seconds of wall time have passed.
* Every failure is one line: :class:`~legcompare.errors.InputError` when a limit was passed
  (saying which and how to raise it), :class:`~legcompare.errors.FormatError` when the worker
  found the input unreadable (its own one-line reason) or the child died.
* Where ``resource`` is missing (not POSIX), the memory and CPU caps are not set; the time
  limit still holds.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import FormatError, InputError
from .sandbox_child import NO_MEMORY, REFUSED, WORKERS

__all__ = ["WORKERS", "Limits", "run"]

_CHILD = str(Path(__file__).resolve().with_name("sandbox_child.py"))


@dataclass(frozen=True)
class Limits:
    """What one child may use."""

    timeout: float = 120.0
    """Seconds of wall time, start-up included."""
    memory: int = 2 << 30
    """Bytes of address space (``RLIMIT_AS``)."""


def run(worker: str, data: bytes, *, limits: Limits | None = None, what: str = "input",
        where: str | None = None) -> Any:
    """The JSON that ``worker`` made of ``data`` in a bounded child (see the module docstring).
    ``what`` names the input in messages (``the PDF``)."""
    if worker not in WORKERS:
        raise ValueError(f"no sandbox worker {worker!r}")
    limits = limits or Limits()
    command = [sys.executable, "-I", _CHILD, worker, str(limits.memory),
               str(max(1, int(limits.timeout) + 1))]
    with subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                          stderr=subprocess.PIPE, start_new_session=True) as child:
        try:
            out, err = child.communicate(data, timeout=limits.timeout)
        except subprocess.TimeoutExpired:
            _kill(child)
            child.communicate()
            raise InputError(f"reading {what} took longer than {limits.timeout:g} s; refused",
                             where=where) from None
    return _result(child.returncode, out, err, limits, what, where)


def _kill(child: subprocess.Popen[bytes]) -> None:
    try:
        os.killpg(child.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError, AttributeError):
        child.kill()


def _result(code: int, out: bytes, err: bytes, limits: Limits, what: str,
            where: str | None) -> Any:
    reason = " ".join(err.decode("utf-8", "replace").split())[-300:]
    if code == 0:
        try:
            return json.loads(out)
        except ValueError:
            raise FormatError(f"reading {what} failed: the reader's output was cut short",
                              where=where) from None
    if code == REFUSED:
        raise FormatError(f"not a readable {what.removeprefix('the ')}: {reason}", where=where)
    if code == NO_MEMORY:
        raise InputError(f"reading {what} needed more than {limits.memory >> 20:,} MB of "
                         "memory; refused", where=where)
    if code == -signal.SIGXCPU or code == -signal.SIGKILL:
        raise InputError(f"reading {what} took longer than {limits.timeout:g} s; refused",
                         where=where)
    if code < 0:
        raise FormatError(f"reading {what} failed: the reader was killed by signal {-code}",
                          where=where)
    raise FormatError(f"reading {what} failed: {reason or f'exit status {code}'}", where=where)
