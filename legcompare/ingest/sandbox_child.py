"""The child side of :mod:`.sandbox`: a script run as ``python -I sandbox_child.py WORKER MEMORY
CPU``, with the standard library only (legcompare itself is not imported here).

It caps its address space (``RLIMIT_AS``) and CPU time (``RLIMIT_CPU``) first, then reads the
input from standard input, loads the worker's module from this folder by its file name, and
writes the worker's result as JSON to standard output. Exit status: 0 done; :data:`REFUSED`
(the worker's ``Refused``, its message on standard error); :data:`NO_MEMORY`;
:data:`CRASHED` (any other exception, one line on standard error).
"""

from __future__ import annotations

import errno
import importlib.util
import json
import sys
from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import Any

WORKERS = {"pdf": ("pdf_extract.py", "extract")}
"""Worker name: (module file in this folder, function taking the input bytes)."""

REFUSED, NO_MEMORY, CRASHED = 3, 4, 5


def _limit(memory: int, cpu: int) -> None:
    try:
        import resource
    except ImportError:  # not POSIX: the parent's time limit still holds
        return
    resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
    resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu + 1))


def _out_of_memory(exc: BaseException) -> bool:
    """Whether ``exc`` is the address-space cap biting: a MemoryError, or a library that could
    not be mapped into memory."""
    if isinstance(exc, MemoryError) or getattr(exc, "errno", None) == errno.ENOMEM:
        return True
    said = str(exc).lower()
    return isinstance(exc, ImportError) and (
        "failed to map segment" in said or "cannot allocate memory" in said)


def _module(filename: str) -> ModuleType:
    path = Path(__file__).resolve().with_name(filename)
    spec = importlib.util.spec_from_file_location(f"_legcompare_worker_{path.stem}", path)
    if spec is None or spec.loader is None:
        raise ImportError(f"cannot load {path}")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def main(argv: list[str]) -> int:
    """Run one worker (see the module docstring); the exit status."""
    if len(argv) != 3 or argv[0] not in WORKERS:
        print("usage: sandbox_child.py WORKER MEMORY CPU", file=sys.stderr)
        return 2
    filename, function = WORKERS[argv[0]]
    refused: type[BaseException] | tuple[()] = ()
    try:
        _limit(int(argv[1]), int(argv[2]))
        data = sys.stdin.buffer.read()
        module = _module(filename)
        refused = getattr(module, "Refused", ())
        work: Callable[[bytes], Any] = getattr(module, function)
        result = json.dumps(work(data), ensure_ascii=False, separators=(",", ":"))
        sys.stdout.write(result)
        sys.stdout.flush()
    except Exception as exc:  # one line for the parent, whatever the parser raised
        if _out_of_memory(exc):
            return NO_MEMORY
        if refused and isinstance(exc, refused):
            print(str(exc), file=sys.stderr)
            return REFUSED
        print(f"{type(exc).__name__}: {' '.join(str(exc).split())}", file=sys.stderr)
        return CRASHED
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
