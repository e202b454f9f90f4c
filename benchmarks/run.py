"""Time legcompare on the omnibus pairs built by ``build_pairs.py``, against a Python floor.

For each size and each entry of :data:`COMMANDS`, a fresh child process runs ``--repeat`` times
(round-robin over the commands, so that drift on the machine spreads evenly); reported are the
median wall-clock seconds and the peak resident set size (``ru_maxrss`` of that very child, from
``os.wait4`` in a small launcher: see :data:`LAUNCHER`). The floor is reading and tokenising
both texts in Python alone, with the word regex legcompare itself uses
(``legcompare.chardiff.tokenize``): no tool written in Python can diff the texts faster than it
can read them. Output is a Markdown report on stdout (and in ``--out FILE``), with the machine
it ran on. Numbers depend on that machine; nothing here asserts on them.

A second, lighter reference is timed beside the floor: reading both texts and splitting them at
whitespace (``str.split``), the least any word diff must do. The issue that set the targets puts
"reading and tokenising both 10 MB texts" at about 0.7 s: on a 2-core machine like ours that lies
between the two (``str.split`` about 0.3 s, legcompare's token regex, the floor, about 1.2 s), so
the targets are reported against both.

Outputs go to standard output, which the child gets as ``/dev/null`` opened for writing: the
whole JSON is built and written, nothing is kept. (Not ``-o /dev/null``: legcompare writes ``-o``
files atomically, through a temporary file renamed over the target, which replaces the device
node itself when run as root.)

Adding a peer (wdiff, ``git diff --word-diff``, difflib, redlines...) is adding one
:class:`Command` to :data:`COMMANDS`; one whose program is not installed is skipped.

With ``--compiled DIR`` every legcompare command also runs, right after the shipped one, on the
copy of the package in ``DIR`` that ``compiled.py`` built (its busiest modules compiled by
mypyc): what compiled code would buy, measured in the same run. With ``--reference DIR`` it
also runs on the package of another checkout (a ``git worktree`` of an older commit, say),
copied at the start as this one is: a speed change measured as before and after in one run,
each against the same floor, however busy the machine is meanwhile.
"""

from __future__ import annotations

import argparse
import compileall
import datetime as dt
import hashlib
import importlib.machinery
import importlib.util
import os
import platform
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
DATA = HERE / "data"
MB = 1_000_000

FLOOR_CODE = """\
import re
import sys
token = re.compile(sys.argv[1], int(sys.argv[2]))
count = 0
for name in sys.argv[3:]:
    with open(name, encoding="utf-8") as handle:
        count += len(token.findall(handle.read()))
print(count)
"""
"""The floor: read both texts and split them into legcompare's tokens, in a bare interpreter.
It gets the very regex ``legcompare.chardiff.tokenize`` uses (pattern and flags) on its command
line, so that it pays neither legcompare's imports nor anything else."""

WORDS_CODE = """\
import sys
count = 0
for name in sys.argv[1:]:
    with open(name, encoding="utf-8") as handle:
        count += len(handle.read().split())
print(count)
"""
"""The words floor: read both texts and split them at whitespace, in a bare interpreter."""


def token_regex() -> tuple[str, str]:
    """The pattern and flags of the regex behind ``legcompare.chardiff.tokenize``."""
    from legcompare import chardiff

    regex = chardiff._TOKEN
    probe = "SEC. 2. (a) In general.—The Secretary shall, not later than 90 days ... $5,000,000"
    if regex.findall(probe) != chardiff.tokenize(probe):
        raise RuntimeError("legcompare.chardiff.tokenize no longer uses chardiff._TOKEN")
    return regex.pattern, str(int(regex.flags))


LAUNCHER = """\
import os
import sys
import time
out, argv = sys.argv[1], sys.argv[2:]
start = time.perf_counter()
pid = os.fork()
if pid == 0:
    try:
        os.execvp(argv[0], argv)
    finally:
        os._exit(127)
_, status, usage = os.wait4(pid, 0)
seconds = time.perf_counter() - start
cpu = usage.ru_utime + usage.ru_stime
with open(out, "w") as handle:
    handle.write(f"{seconds!r} {usage.ru_maxrss} {os.waitstatus_to_exitcode(status)} {cpu!r}")
"""
"""Runs one measured command: a bare ``python -S`` forks it, times it and reads its own
``ru_maxrss`` from ``os.wait4``. Why not wait for the command directly: on Linux a child's
``ru_maxrss`` starts from the memory of the process it was forked from (with ``vfork``, as
``subprocess`` does, from that process's *peak*), so children of this harness would inherit its
own size; forked from a bare interpreter they inherit about 8 MiB, less than any Python command
needs anyway."""


@dataclass(frozen=True)
class Command:
    """One thing to time. An item of ``argv`` may be ``{python}`` (this interpreter), ``{old}``,
    ``{new}`` (the pair's files), ``{token_regex}`` or ``{token_flags}``; ``needs`` names a
    program that must be on PATH, or ``module`` a Python module this interpreter must import
    (the entry is skipped otherwise); ``ok`` are the exit codes that mean success (``diff``
    tools exit 1 when the inputs differ); ``timeout`` caps each run (seconds, over
    ``--timeout``); ``only`` names the pairs it runs on (``None``: every pair but those in
    ``SIDE_SIZES``, which only commands with ``side`` or naming them in ``only`` run on).
    ``floor`` marks the floor the ratio columns divide by."""

    name: str
    argv: tuple[str, ...]
    floor: bool = False
    needs: str | None = None
    module: str | None = None
    ok: frozenset[int] = frozenset({0})
    timeout: float | None = None
    only: frozenset[str] | None = None
    side: bool = False
    cwd: Path | None = None

    def args(self, values: dict[str, str]) -> list[str]:
        return [values.get(a[1:-1], a) if a.startswith("{") and a.endswith("}") else a
                for a in self.argv]

    def available(self) -> bool:
        if self.module is not None:
            return importlib.util.find_spec(self.module) is not None
        return self.needs is None or shutil.which(self.needs) is not None

    def runs_on(self, size: str) -> bool:
        if self.only is not None:
            return size in self.only
        return self.side or size not in SIDE_SIZES


HTMLDIFF_CODE = """\
import difflib
import sys
with open(sys.argv[1], encoding="utf-8") as a, open(sys.argv[2], encoding="utf-8") as b:
    old, new = a.read().splitlines(), b.read().splitlines()
sys.stdout.write(difflib.HtmlDiff().make_file(old, new))
"""
"""Python's own side-by-side report: ``difflib.HtmlDiff`` on lines (what a script would use)."""

DMP_CODE = """\
import sys
from diff_match_patch import diff_match_patch
with open(sys.argv[1], encoding="utf-8") as a, open(sys.argv[2], encoding="utf-8") as b:
    old, new = a.read(), b.read()
dmp = diff_match_patch()
diffs = dmp.diff_main(old, new)
dmp.diff_cleanupSemantic(diffs)
sys.stdout.write(dmp.diff_prettyHtml(diffs))
"""
"""diff-match-patch on the whole text, character-level, with its default one-second timeout
(after which it returns a coarser diff), semantic clean-up, its HTML."""

REDLINES_CODE = """\
import sys
from redlines import Redlines
with open(sys.argv[1], encoding="utf-8") as a, open(sys.argv[2], encoding="utf-8") as b:
    old, new = a.read(), b.read()
sys.stdout.write(Redlines(old, new).output_markdown)
"""
"""The ``redlines`` package (a word diff shown as track changes), on the whole text."""

SIDE_SIZES = frozenset({"1300kb"})
"""Pairs only the commands that name them in ``only`` run on: the 1.3 MB pair is where
``redlines`` is timed (the issue's measurement: it did not finish in 300 s)."""
REDLINES_CAP = 600.0
"""How long redlines is given. It is a lower bound on its time when it does not finish: at
300 s (the issue's measurement) the bound cannot show 100× over a 4 s run, so it gets 600 s."""

COMMANDS: list[Command] = [
    Command("Python floor: read + tokenize both",
            ("{python}", "-c", FLOOR_CODE, "{token_regex}", "{token_flags}", "{old}", "{new}"),
            floor=True, side=True),
    Command("Python words: read + str.split() both",
            ("{python}", "-c", WORDS_CODE, "{old}", "{new}"), side=True),
    Command("legcompare diff OLD NEW --format json",
            ("{python}", "-m", "legcompare", "diff", "{old}", "{new}", "--format", "json"),
            side=True),
    Command("legcompare diff OLD NEW --format html",
            ("{python}", "-m", "legcompare", "diff", "{old}", "{new}", "--format", "html")),
    Command("legcompare diff OLD NEW --format docx",
            ("{python}", "-m", "legcompare", "diff", "{old}", "{new}", "--format", "docx")),
    Command("legcompare outline NEW --format json",
            ("{python}", "-m", "legcompare", "outline", "{new}", "--format", "json")),
    Command("legcompare covers NEW --format json",
            ("{python}", "-m", "legcompare", "covers", "{new}", "--format", "json")),
    Command("GNU wdiff OLD NEW", ("wdiff", "{old}", "{new}"), needs="wdiff",
            ok=frozenset({0, 1})),
    Command("git diff --no-index --word-diff OLD NEW",
            ("git", "diff", "--no-index", "--word-diff", "--no-color", "{old}", "{new}"),
            needs="git", ok=frozenset({0, 1})),
    Command("difflib.HtmlDiff (lines, side by side)",
            ("{python}", "-c", HTMLDIFF_CODE, "{old}", "{new}")),
    Command("diff-match-patch, whole text (1 s timeout)",
            ("{python}", "-c", DMP_CODE, "{old}", "{new}"), module="diff_match_patch",
            timeout=REDLINES_CAP),
    Command(f"redlines (capped at {REDLINES_CAP:g} s)",
            ("{python}", "-c", REDLINES_CODE, "{old}", "{new}"), module="redlines",
            timeout=REDLINES_CAP, only=SIDE_SIZES),
]


@dataclass(frozen=True)
class Run:
    """One measurement of one fresh child process."""

    seconds: float
    peak_kib: int
    returncode: int | None  # None: killed at the timeout
    error: str = ""
    cpu_seconds: float = 0.0  # user + system


@dataclass
class Result:
    size: str
    command: Command
    runs: list[Run] = field(default_factory=list)

    def ok(self, run: Run) -> bool:
        return run.returncode is not None and run.returncode in self.command.ok

    @property
    def good(self) -> list[Run]:
        return [r for r in self.runs if self.ok(r)]

    @property
    def failed(self) -> Run | None:
        return next((r for r in self.runs if not self.ok(r)), None)

    def median_seconds(self) -> float | None:
        good = self.good
        return statistics.median(r.seconds for r in good) if good else None

    def median_cpu_seconds(self) -> float | None:
        good = self.good
        return statistics.median(r.cpu_seconds for r in good) if good else None

    def peak_mib(self) -> float | None:
        good = self.good
        return max(r.peak_kib for r in good) / 1024 if good else None


def measure(argv: Sequence[str], timeout: float | None = None, cwd: Path = REPO) -> Run:
    """Run ``argv`` as a fresh child (through :data:`LAUNCHER`); its wall-clock time and its own
    peak RSS."""
    env = dict(os.environ, NO_COLOR="1")
    with tempfile.TemporaryDirectory(prefix="legcompare-bench-") as tmp:
        result, err_path = Path(tmp) / "result", Path(tmp) / "stderr"
        with err_path.open("wb") as err:
            proc = subprocess.Popen([sys.executable, "-S", "-c", LAUNCHER, str(result), *argv],
                                    stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                    stderr=err, cwd=cwd, env=env, start_new_session=True)
            try:
                proc.wait(timeout)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)  # the launcher and the command
                proc.wait()
                return Run(float(timeout or 0), 0, None, f"timed out after {timeout:g} s")
        message = err_path.read_text(encoding="utf-8", errors="replace").strip().splitlines()
        try:
            seconds, peak, code, cpu = result.read_text(encoding="ascii").split()
        except (OSError, ValueError):
            return Run(0.0, 0, proc.returncode or -1, message[-1] if message else "no result")
    # Linux reports ru_maxrss in KiB (macOS in bytes).
    peak_kib = int(peak) // 1024 if sys.platform == "darwin" else int(peak)
    return Run(float(seconds), peak_kib, int(code), message[-1] if message else "", float(cpu))


def holds_package(checkout: Path) -> bool:
    """Does ``checkout`` hold a legcompare package (a checkout of the project, a copy)?"""
    return (checkout / "legcompare" / "__init__.py").is_file()


def snapshot(folder: Path, checkout: Path = REPO) -> str:
    """Copy a checkout's legcompare package (this one's, by default) into ``folder`` (the
    measured commands run there, so that edits to the working tree during a long run do not
    mix versions); the copy's SHA-256. The package in the checkout, which the report names by
    ``git describe``: not whichever copy the interpreter would import (an editable install of
    another checkout, when this script is run from a second one)."""
    if not holds_package(checkout):
        raise RuntimeError(f"no legcompare package in {checkout}")
    source, target = checkout / "legcompare", folder / "legcompare"
    shutil.copytree(source, target, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
    digest = hashlib.sha256()
    for path in sorted(p for p in target.rglob("*") if p.is_file()):
        digest.update(path.relative_to(folder).as_posix().encode() + b"\0" + path.read_bytes())
    compileall.compile_dir(target, quiet=1)  # no run pays for compiling the copy
    return digest.hexdigest()


COMPILED = "compiled: "
"""How the rows of the commands run on a compiled copy (``--compiled``) begin."""
REFERENCE = "reference: "
"""How the rows of the commands run on another checkout's package (``--reference``) begin."""


def with_copy(commands: Sequence[Command], folder: Path, prefix: str) -> list[Command]:
    """``commands``, each of legcompare's followed by the same run on the package copy in
    ``folder`` (named with ``prefix`` before its name: :data:`COMPILED`, :data:`REFERENCE`);
    the rows another copy added before are left as they are."""
    out: list[Command] = []
    for command in commands:
        out.append(command)
        if command.name.startswith("legcompare "):
            out.append(replace(command, name=prefix + command.name, cwd=folder))
    return out


def compiled_modules(code: Path) -> int:
    """How many modules of the package copy in ``code`` are compiled: extension modules
    beside the source they were made from, as ``compiled.py`` makes them (mypyc's shared
    library, also an extension module, has no source)."""
    suffixes = tuple(importlib.machinery.EXTENSION_SUFFIXES)
    return sum(1 for p in (code / "legcompare").rglob("*") if p.name.endswith(suffixes)
               and p.with_name(p.name.split(".", 1)[0] + ".py").is_file())


def size_name(target_bytes: int) -> str:
    """The pair's name in its file names (as ``build_pairs.size_name``)."""
    if target_bytes % MB == 0:
        return f"{target_bytes // MB}mb"
    if target_bytes % 1000 == 0:
        return f"{target_bytes // 1000}kb"
    return f"{target_bytes}b"


def pair_files(data: Path, sizes: Sequence[float]) -> list[tuple[str, Path, Path]]:
    out = []
    for mb in sizes:
        name = size_name(round(mb * MB))
        out.append((name, data / f"pair-{name}-old.txt", data / f"pair-{name}-new.txt"))
    return out


def machine(code: Path = REPO) -> dict[str, str]:
    """What the numbers depend on."""
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text(encoding="utf-8").splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    ram = "unknown"
    try:
        for line in Path("/proc/meminfo").read_text(encoding="utf-8").splitlines():
            if line.startswith("MemTotal:"):
                ram = f"{int(line.split()[1]) / 1024 / 1024:.1f} GiB"
                break
    except OSError:
        pass
    usable = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return {
        "date": dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "CPU": cpu,
        "cores": f"{os.cpu_count()} logical ({usable} usable by this process)",
        "RAM": ram,
        "Python": f"{platform.python_implementation()} {platform.python_version()}",
        "OS": platform.platform(),
        "legcompare": _legcompare_version(code),
    }


def _load() -> str:
    try:
        return " / ".join(f"{x:.2f}" for x in os.getloadavg())
    except OSError:
        return "unknown"


def _commit(checkout: Path) -> str:
    """``git describe`` of the checkout (``""`` when it is no git checkout)."""
    try:
        proc = subprocess.run(["git", "describe", "--always", "--dirty"], cwd=checkout,
                              capture_output=True, text=True, check=False, timeout=10)
    except (OSError, subprocess.SubprocessError):
        return ""
    return proc.stdout.strip() if proc.returncode == 0 else ""


def _legcompare_version(code: Path) -> str:
    commit = _commit(REPO)
    try:
        proc = subprocess.run([sys.executable, "-c", ("import legcompare; "
                               "print(legcompare.__version__)")], cwd=code, capture_output=True,
                              text=True, check=False, timeout=60)
        version = proc.stdout.strip() or "?"
    except (OSError, subprocess.SubprocessError):
        version = "?"
    return version + (f" (git {commit})" if commit else "")


def _fmt(value: float | None, digits: int) -> str:
    return "—" if value is None else f"{value:,.{digits}f}"


def _ratio(value: float | None, floor: float | None) -> str:
    return "—" if value is None or not floor else f"{value / floor:,.1f}×"


def report(results: Sequence[Result], info: dict[str, str], inputs: dict[str, str],
           repeat: int) -> str:
    """The Markdown report: the machine, the inputs, one table row per size and command."""
    lines = ["# legcompare benchmark", ""]
    lines += [f"- **{k}**: {v}" for k, v in info.items()]
    lines += [(f"- **runs**: median of {repeat} per command (fresh child process each); "
              "peak = largest `ru_maxrss` of those children"), ""]
    lines += ["| size | input bytes (old / new) |", "|---|---|"]
    lines += [f"| {name} | {desc} |" for name, desc in inputs.items()]
    lines += ["", ("| size | command | median s | median CPU s | peak MiB | time × floor | "
                   "memory × floor | runs (s) |"), "|---|---|---:|---:|---:|---:|---:|---|"]
    floors = {r.size: r for r in results if r.command.floor}
    for r in results:
        floor = floors.get(r.size)
        seconds, peak = r.median_seconds(), r.peak_mib()
        runs = ", ".join(f"{x.seconds:.2f}" for x in r.runs)
        if r.failed is not None:
            runs += f" — failed: {r.failed.error or f'exit {r.failed.returncode}'}"
        shown = _fmt(seconds, 2)
        if seconds is None and r.failed is not None and r.failed.returncode is None:
            shown = f"> {r.failed.seconds:g}"  # timed out
        lines.append(
            f"| {r.size} | {r.command.name} | {shown} | "
            f"{_fmt(r.median_cpu_seconds(), 2)} | {_fmt(peak, 1)} | "
            f"{_ratio(seconds, floor.median_seconds() if floor else None)} | "
            f"{_ratio(peak, floor.peak_mib() if floor else None)} | {runs} |")
    lines += _targets(results)
    return "\n".join(lines) + "\n"


def _targets(results: Sequence[Result]) -> list[str]:
    """Issue 12's targets, as measured in this run (wall-clock medians; lines whose numbers
    this run lacks are left out)."""
    at = {(r.size, r.command.name): r for r in results}

    def median(size: str, prefix: str) -> float | None:
        found = next((r for (s, n), r in at.items() if s == size and n.startswith(prefix)), None)
        return found.median_seconds() if found else None

    def timed_out(size: str, prefix: str) -> float | None:
        found = next((r for (s, n), r in at.items() if s == size and n.startswith(prefix)), None)
        if found is None or found.failed is None or found.failed.returncode is not None:
            return None
        return found.failed.seconds

    out: list[str] = []
    floors = (("floor (legcompare's tokens)", median("10mb", "Python floor")),
              ("words floor (`str.split`)", median("10mb", "Python words")))
    for marked, copy in (("", ""), (COMPILED, " (compiled copy)"),
                         (REFERENCE, " (reference copy)")):
        for fmt, target in (("json", 5), ("html", 8)):
            t = median("10mb", f"{marked}legcompare diff OLD NEW --format {fmt}")
            what = f"`diff --format {fmt}`{copy}, 10 MB"
            for name, floor in floors:
                if t is not None and floor:
                    verdict = "met" if t / floor <= target else "not met"
                    out.append(f"| {what}, × {name} | ≤ {target}× | "
                               f"{t / floor:.1f}× ({verdict}) |")
            h = median("10mb", "difflib.HtmlDiff")
            if t is not None and h is not None:
                out.append(f"| {what}, against `difflib.HtmlDiff` | faster | "
                           f"{t:.1f} s vs {h:.1f} s ({'faster' if t < h else 'slower'}) |")
    big, small = (median("10mb", "legcompare diff OLD NEW --format json"),
                  median("1mb", "legcompare diff OLD NEW --format json"))
    if big is not None and small:
        out.append(f"| `diff --format json`, 10 MB ÷ 1 MB | ≤ 12× | {big / small:.1f}× |")
    peaks = [r.peak_mib() for r in results if r.size == "10mb" and
             r.command.name.startswith("legcompare diff OLD NEW --format json")]
    if peaks and peaks[0] is not None:
        out.append(f"| `diff --format json`, 10 MB, peak memory | ≤ 1024 MiB | "
                   f"{peaks[0]:,.0f} MiB |")
    ours = median("1300kb", "legcompare diff OLD NEW --format json")
    theirs = timed_out("1300kb", "redlines") or median("1300kb", "redlines")
    if ours and theirs:
        capped = timed_out("1300kb", "redlines") is not None
        out.append(f"| 1.3 MB pair, `redlines` ÷ `diff --format json` | ≥ 100× | "
                   f"{'> ' if capped else ''}{theirs / ours:.0f}× "
                   f"({'> ' if capped else ''}{theirs:g} s vs {ours:.1f} s) |")
    if not out:
        return []
    return ["", "## Targets (issue 12)", "", "| target | wanted | this run |", "|---|---|---|",
            *out]


def _run_all(pairs: Sequence[tuple[str, Path, Path]], commands: Sequence[Command], repeat: int,
             timeout: float | None, code: Path) -> tuple[list[Result], dict[str, str]]:
    """Every command on every pair, ``repeat`` times round-robin; the results and the machine
    (read before the runs: the commit is the one measured, even if the tree moves meanwhile)."""
    pattern, flags = token_regex()
    load_before = _load()
    info = machine(code)
    results: list[Result] = []
    for name, old, new in pairs:
        values = {"python": sys.executable, "old": str(old.resolve()), "new": str(new.resolve()),
                  "token_regex": pattern, "token_flags": flags}
        batch = [Result(name, c) for c in commands if c.runs_on(name)]
        for i in range(repeat):
            for result in batch:
                if result.failed is not None:
                    continue  # a failure or timeout is not retried
                cap = result.command.timeout if result.command.timeout is not None else timeout
                run = measure(result.command.args(values), cap, cwd=result.command.cwd or code)
                result.runs.append(run)
                print(f"run: {name} {result.command.name} #{i + 1}: {run.seconds:.2f} s "
                      f"(CPU {run.cpu_seconds:.2f} s), {run.peak_kib / 1024:.1f} MiB"
                      + ("" if result.ok(run) else f" FAILED ({run.error})"),
                      file=sys.stderr, flush=True)
        results += batch
    info["load average"] = (f"{load_before} before, {_load()} after (1, 5, 15 min; other "
                            "processes on the machine slow the runs down)")
    return results, info


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--sizes", default="1,1.3,5,10",
                        help="pair sizes in MB, comma-separated (default: %(default)s)")
    parser.add_argument("--repeat", type=int, default=3,
                        help="runs per command and size; the median is reported (default: 3)")
    parser.add_argument("--out", type=Path, default=None, help="also write the report here")
    parser.add_argument("--data", type=Path, default=DATA,
                        help="where build_pairs.py wrote the pairs (default: benchmarks/data)")
    parser.add_argument("--timeout", type=float, default=None,
                        help="kill a run after this many seconds (default: none)")
    parser.add_argument("--live", action="store_true",
                        help="run the working tree's legcompare, not a copy taken at the start")
    parser.add_argument("--compiled", type=Path, default=None, metavar="DIR",
                        help="also time legcompare's commands on the copy in DIR, whose modules "
                             "compiled.py compiled, in the same run (rows marked compiled)")
    parser.add_argument("--reference", type=Path, default=None, metavar="DIR",
                        help="also time legcompare's commands on the package of the checkout "
                             "DIR (an older commit's worktree), copied at the start, in the "
                             "same run (rows marked reference)")
    args = parser.parse_args(argv)
    if args.repeat < 1:
        parser.error("--repeat must be at least 1")
    if args.reference is not None and not holds_package(args.reference):
        parser.error(f"--reference: {args.reference} holds no legcompare package "
                     "(give a checkout of legcompare, such as a git worktree)")
    if args.compiled is not None and not compiled_modules(args.compiled):
        parser.error(f"--compiled: {args.compiled} holds no compiled copy of legcompare; "
                     f"build one: python benchmarks/compiled.py {args.compiled}")
    try:
        sizes = [float(s) for s in args.sizes.split(",")]
    except ValueError:
        parser.error(f"--sizes: not a list of numbers: {args.sizes!r}")
    pairs = pair_files(args.data, sizes)
    missing = [str(p) for _, old, new in pairs for p in (old, new) if not p.is_file()]
    if missing:
        print(f"run: missing {', '.join(missing)}; build them first: "
              f"python benchmarks/build_pairs.py --sizes {args.sizes}", file=sys.stderr)
        return 2
    commands = [c for c in COMMANDS if c.available()]
    if args.compiled is not None:
        commands = with_copy(commands, args.compiled.resolve(), COMPILED)
    for skipped in (c for c in COMMANDS if not c.available()):
        print(f"run: skipping {skipped.name}: {skipped.needs} is not installed", file=sys.stderr)
    with tempfile.TemporaryDirectory(prefix="legcompare-bench-code-") as tmp, \
            tempfile.TemporaryDirectory(prefix="legcompare-bench-reference-") as other:
        code, digest = REPO, ""
        if not args.live:
            code, digest = Path(tmp), snapshot(Path(tmp))
            sys.path.insert(0, tmp)
        if args.reference is not None:
            reference = args.reference.resolve()
            referenced = (f"; rows marked reference: {reference} "
                          f"({_commit(reference) or 'no git commit'}), measured on a copy "
                          f"taken at the start (sha256 {snapshot(Path(other), reference)[:16]}…)")
            commands = with_copy(commands, Path(other), REFERENCE)
        results, info = _run_all(pairs, commands, args.repeat, args.timeout, code)
    if digest:
        info["legcompare"] += f", measured on a copy taken at the start (sha256 {digest[:16]}…)"
    if args.reference is not None:
        info["legcompare"] += referenced
    if args.compiled is not None:
        info["legcompare"] += (f"; rows marked compiled: the copy in {args.compiled.resolve()}, "
                               f"{compiled_modules(args.compiled)} of its modules compiled by "
                               "mypyc (benchmarks/compiled.py)")
    text = report(results, info, {name: f"{old.stat().st_size:,} / {new.stat().st_size:,}"
                                  for name, old, new in pairs}, args.repeat)
    sys.stdout.write(text)
    if args.out is not None:
        args.out.write_text(text, encoding="utf-8")
    return 1 if any(r.failed is not None for r in results) else 0


if __name__ == "__main__":
    sys.exit(main())
