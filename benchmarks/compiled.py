"""Build a copy of legcompare whose busiest modules are compiled by mypyc, to measure what
compiled code would buy.

legcompare ships as pure Python (metadata in ``setup.cfg``, a ``pyproject.toml`` with only
``[build-system]``: nothing is compiled when it is installed). Whether a compiled splitter is
worth a build step is the maintainers' question; this script gives them the number. It copies
the package into ``DIR`` (as ``run.py`` takes its snapshot), compiles the modules of
:data:`COMPILED` there with mypyc (which comes with mypy, a test dependency; it needs a C compiler
and the Python headers), and checks that the copy imports each of them compiled. The same source
is compiled, unchanged: mypyc reads the annotations the type checker already checks. Then::

    python benchmarks/compiled.py /tmp/compiled
    python benchmarks/identical.py --reference /tmp/compiled    # the same bytes out?
    python benchmarks/run.py --sizes 10 --compiled /tmp/compiled  # how fast?

Left interpreted: the modules whose classes are made by :func:`legcompare.model.made` (an
object's ``__dict__`` filled at once: ``model``, ``citation``, ``chardiff``), which mypyc's
native classes, having no ``__dict__``, cannot be; and the modules a diff spends little time in.
A compiled module checks its annotations at run time, so ``identical.py`` on the copy also
tests that they are true.
"""

from __future__ import annotations

import argparse
import importlib.machinery
import shutil
import subprocess
import sys
import sysconfig
from collections.abc import Sequence
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(REPO))

from benchmarks.run import snapshot  # noqa: E402

COMPILED = (
    "legcompare/split/__init__.py", "legcompare/split/scan.py", "legcompare/split/builder.py",
    "legcompare/split/labels.py", "legcompare/split/headings.py", "legcompare/split/patterns.py",
    "legcompare/split/family.py", "legcompare/quoted_matter.py", "legcompare/amend.py",
    "legcompare/ids.py", "legcompare/prefilter.py", "legcompare/normalize.py",
    "legcompare/assess/roles.py", "legcompare/assess/engine.py", "legcompare/assess/judge.py",
    "legcompare/align.py", "legcompare/ingest/layout.py", "legcompare/ingest/text.py",
    "legcompare/render/diff_json.py", "legcompare/render/serialize.py",
)
"""The modules compiled (paths in the package's copy): the splitter, the rules engine, the
aligner and the JSON report, where ``diff --format json`` on a long bill spends its time."""


def missing_toolchain() -> str | None:
    """What mypyc needs and this machine lacks (a C compiler, the Python headers), or ``None``."""
    if shutil.which("cc") is None and shutil.which("gcc") is None:
        return "no C compiler (cc or gcc) on PATH"
    if not (Path(sysconfig.get_paths()["include"]) / "Python.h").is_file():
        return "no Python headers (Python.h) for this interpreter"
    return None


class BuildError(Exception):
    """The copy could not be compiled (one line: what failed)."""


def module_name(path: str) -> str:
    """``legcompare/split/__init__.py`` → ``legcompare.split``."""
    parts = path.removesuffix(".py").split("/")
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def build(folder: Path, modules: Sequence[str] = COMPILED) -> list[str]:
    """Copy the package into ``folder`` (which must not hold one) and compile ``modules``
    there; the names of the modules the copy now imports compiled (all of ``modules``, or
    :class:`BuildError`)."""
    if (folder / "legcompare").exists():
        raise BuildError(f"{folder / 'legcompare'} exists already: name an empty folder")
    folder.mkdir(parents=True, exist_ok=True)
    snapshot(folder)
    proc = subprocess.run([sys.executable, "-m", "mypyc", "--config-file",
                           str(REPO / "setup.cfg"), *modules], cwd=folder,
                          capture_output=True, text=True, check=False)
    shutil.rmtree(folder / "build", ignore_errors=True)  # (the C sources and objects)
    if proc.returncode != 0:
        lines = [ln for ln in (proc.stdout + proc.stderr).splitlines() if ln.strip()]
        why = next((ln for ln in lines if "error" in ln.lower()), lines[-1] if lines else "")
        raise BuildError(f"mypyc failed (exit {proc.returncode}): {why.strip()}")
    names = [module_name(m) for m in modules]
    compiled = _compiled(folder, names)
    missing = [n for n in names if n not in compiled]
    if missing:
        raise BuildError(f"the copy still imports {', '.join(missing)} as Python")
    return compiled


def _compiled(folder: Path, names: Sequence[str]) -> list[str]:
    """Which of the modules ``names`` a fresh interpreter in ``folder`` imports compiled."""
    code = ("import importlib, sys\n"
            "for name in sys.argv[1:]:\n"
            "    print(name, importlib.import_module(name).__file__)\n")
    proc = subprocess.run([sys.executable, "-c", code, *names], cwd=folder,
                          capture_output=True, text=True, check=False)
    if proc.returncode != 0:
        lines = proc.stderr.strip().splitlines()
        raise BuildError(f"the compiled copy does not import: {lines[-1] if lines else '?'}")
    suffixes = tuple(importlib.machinery.EXTENSION_SUFFIXES)
    found = dict(line.split(" ", 1) for line in proc.stdout.splitlines())
    return [name for name in names if found.get(name, "").endswith(suffixes)]


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("folder", type=Path, help="where to put the compiled copy (empty)")
    args = parser.parse_args(argv)
    missing = missing_toolchain()
    if missing is not None:
        print(f"compiled: mypyc cannot build here: {missing}", file=sys.stderr)
        return 2
    try:
        done = build(args.folder)
    except (BuildError, OSError) as exc:
        print(f"compiled: {exc}", file=sys.stderr)
        return 2
    print(f"compiled: {len(done)} modules in {args.folder / 'legcompare'}: {', '.join(done)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
