"""Where a legcompare command spends its time: the functions with the most time of their own.

Runs ``legcompare ARGS`` as the command line does (``legcompare.cli.run``), in a child process
under cProfile, in one process only (``LEGCOMPARE_JOBS=1``: the profile then sees the work a
second core would share), its output thrown away, and prints a Markdown table of the ``--top``
functions by cProfile's ``tottime`` (calls, seconds of their own, seconds with what they call).
With ``--reference DIR`` the same command is also profiled on another copy of the package
(``DIR/legcompare``, e.g. one taken before a change, as ``identical.py`` takes it), and the two
tables are printed as before and after.

cProfile slows Python code several-fold and C code not at all: its seconds are not those
``run.py`` measures. Compare the order and the shares, within one run of this script.

    python benchmarks/hotspots.py covers benchmarks/data/pair-10mb-new.txt --format json
    python benchmarks/hotspots.py --reference /tmp/base diff OLD NEW --format json
"""

from __future__ import annotations

import argparse
import compileall
import os
import pstats
import subprocess
import sys
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent

# The child: profile the command line until its exit hooks run (``cli.run`` leaves with
# ``os._exit`` after them), then write the statistics.
_CHILD = """
import atexit, cProfile, sys
stats, sys.argv = sys.argv[1], ["legcompare", *sys.argv[2:]]
from legcompare import cli
profile = cProfile.Profile()
def done():
    profile.disable()
    profile.dump_stats(stats)
atexit.register(done)
profile.enable()
cli.run()
"""


def profile(code: Path, args: Sequence[str]) -> pstats.Stats:
    """cProfile's statistics of ``legcompare ARGS`` run with the package in ``code``."""
    with tempfile.TemporaryDirectory(prefix="legcompare-profile-") as folder:
        stats = Path(folder) / "stats"
        env = dict(os.environ, LEGCOMPARE_JOBS="1", PYTHONHASHSEED="0", NO_COLOR="1")
        proc = subprocess.run([sys.executable, "-c", _CHILD, str(stats), *args], cwd=code,
                              env=env, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                              stderr=subprocess.PIPE, text=True, check=False)
        if proc.returncode not in (0, 1) or not stats.is_file():
            raise failure(args, code, proc.returncode, proc.stderr)
        return pstats.Stats(str(stats))


def name(function: tuple[str, int, str]) -> str:
    """``legcompare/split/scan.py:220 Scanner._line``, or cProfile's own name of a built-in
    (``{method 'search' of 're.Pattern' objects}``)."""
    path, line, func = function
    if path == "~" and line == 0:
        return func
    parts = Path(path).parts
    if "legcompare" in parts:
        path = "/".join(parts[len(parts) - 1 - parts[::-1].index("legcompare"):])
    else:
        path = Path(path).name
    return f"{path}:{line} {func}"


def table(stats: pstats.Stats, top: int) -> list[str]:
    """The ``top`` functions by their own time, as Markdown rows under a header."""
    # pstats keeps (calls, primitive calls, own time, time with callees, callers) by function
    rows = sorted(stats.stats.items(), key=lambda kv: -kv[1][2])[:top]  # type: ignore[attr-defined]
    out = ["| function | calls | own s | with callees s |", "|---|---:|---:|---:|"]
    for function, (_, calls, own, total, _) in rows:
        out.append(f"| `{name(function)}` | {calls:,} | {own:.3f} | {total:.3f} |")
    return out


def report(label: str, stats: pstats.Stats, top: int) -> list[str]:
    total = stats.total_tt  # type: ignore[attr-defined]
    calls = stats.total_calls  # type: ignore[attr-defined]
    return [f"{label}: {total:.2f} s under cProfile, {calls:,} calls", "",
            *table(stats, top), ""]


def main(argv: Sequence[str] | None = None) -> int:
    parser = command_parser(__doc__, "profile")
    parser.add_argument("--top", type=int, default=5, help="functions to list (default: 5)")
    args = parse(parser, argv, "profile", "covers FILE")
    if args.top < 1:
        parser.error("--top must be at least 1")
    command = "legcompare " + " ".join(args.args)
    return before_and_after("hotspots", args.reference, args.args, [f"`{command}`, one process"],
                            lambda label, code, given: report(label, profile(code, given),
                                                              args.top))


def command_parser(doc: str | None, verb: str) -> argparse.ArgumentParser:
    """The options of a script that runs one legcompare command (``args``), on this tree and
    on a copy of the package before a change (``--reference``)."""
    parser = argparse.ArgumentParser(description=doc.split("\n\n")[0] if doc else None)
    parser.add_argument("--reference", type=Path,
                        help=f"also {verb} DIR/legcompare (a copy of the package): before")
    parser.add_argument("args", nargs=argparse.REMAINDER,
                        help="the legcompare command and its arguments")
    return parser


def parse(parser: argparse.ArgumentParser, argv: Sequence[str] | None, verb: str,
          example: str) -> argparse.Namespace:
    """``parser``'s arguments, with a command named and a package in ``--reference``."""
    args = parser.parse_args(argv)
    if not args.args:
        parser.error(f"name the legcompare command to {verb} (e.g. {example})")
    if args.reference is not None and not (args.reference / "legcompare").is_dir():
        parser.error(f"no legcompare package in {args.reference}")
    return args


def before_and_after(tool: str, reference: Path | None, args: Sequence[str], heading: list[str],
                     tables: Callable[[str, Path, list[str]], list[str]]) -> int:
    """Print ``heading``, then ``tables(label, code, args)`` for the package in ``reference``
    (labelled "Before (DIR)") if given and for this tree ("After (this tree)", or "This
    tree" alone), as one Markdown text; a run that raises ``RuntimeError`` is one line on
    stderr, ``TOOL: message``, and exit status 2. The command runs in the package's folder,
    so files named from here are passed as absolute paths. Each package is byte-compiled
    first, as ``pip install`` compiles it: with ``PYTHONDONTWRITEBYTECODE`` set, a checkout's
    modules would otherwise be compiled from source at every import, a tenth of a second no
    installed copy pays (``run.py`` compiles its copies the same way)."""
    given = [str(Path(a).resolve()) if Path(a).exists() else a for a in args]
    lines = [*heading, ""]
    for code in (reference, REPO):
        if code is not None:
            compileall.compile_dir(code / "legcompare", quiet=1)
    try:
        if reference is not None:
            lines += tables(f"Before ({reference})", reference, given)
        lines += tables("After (this tree)" if reference is not None else "This tree", REPO,
                        given)
    except RuntimeError as exc:
        print(f"{tool}: {exc}", file=sys.stderr)
        return 2
    print("\n".join(lines).rstrip())
    return 0


def failure(args: Sequence[str], code: Path, returncode: int, stderr: str) -> RuntimeError:
    """The error of ``legcompare ARGS`` run with the package in ``code``: its exit status and
    the last line it wrote on stderr."""
    last = stderr.strip().splitlines()[-1:] or ["no message"]
    return RuntimeError(f"legcompare {' '.join(args)} (in {code}) failed (exit {returncode}): "
                        f"{last[0]}")


if __name__ == "__main__":
    sys.exit(main())
