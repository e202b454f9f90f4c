"""Where one legcompare command's wall-clock time goes, stage by stage and process by process.

``run.py`` says how long a command takes; ``hotspots.py`` which functions take it, in one process.
This script says *when* each stage runs, in the command's real arrangement (two cores: on a long
file a forked second process reads and splits the old text while this one reads and splits the new
one, and shares the pairs and part of the report): so that what limits the wall time — the stage
every later one waits for, the stretch where one core works alone — is read off a table instead of
guessed.

``legcompare ARGS`` runs in a fresh child as the command line does (``legcompare.cli.run``),
with the pipeline's stage functions (:data:`STAGES`) wrapped to note when each call starts and
ends, and in which process; the package itself is not changed. What a forked process does is
shown as its share of the stage that forked it, its own stages nested under that. Printed: a
Markdown table (process: ``this`` or ``forked N``; stage; from, to and seconds, counted from
the launch of the interpreter), then the wall time, the CPU time of all the processes, the
least wall time that much CPU allows on this machine's cores, and how long this process worked
after both texts were split (reading the forked process's outline back included). The
command's own output is thrown away; files named relative to here are passed as absolute paths.

    python benchmarks/timeline.py diff benchmarks/data/pair-10mb-old.txt \\
        benchmarks/data/pair-10mb-new.txt --format json
    python benchmarks/timeline.py --reference /tmp/before diff OLD NEW --format html

No timing is asserted anywhere: the numbers are this machine's, and vary from run to run.
"""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(REPO))

from benchmarks.hotspots import before_and_after, command_parser, failure, parse  # noqa: E402

RECEIVE = "receive a forked process's result"

# The stages: (module, attribute, stage name). A class's method is named "Class.method". Each
# is wrapped where the pipeline looks it up (a name a module imported is that module's own).
STAGES: tuple[tuple[str, str, str], ...] = (
    ("legcompare.resolve", "Resolver.__call__", "read"),
    ("legcompare.split", "split", "split"),
    ("legcompare.parallel", "split", "split"),
    ("legcompare.compare", "remember_keys", "alignment keys"),
    ("legcompare.compare", "load_rules", "rules"),
    ("legcompare.parallel", "_Child.outcome", RECEIVE),
    ("legcompare.parallel", "_tree", "clauses made again from what it sent"),
    ("legcompare.compare", "Judge", "judge set-up"),
    ("legcompare.compare", "decide_mode", "mode"),
    ("legcompare.compare", "align_versions", "align"),
    ("legcompare.compare", "align_cross", "align"),
    ("legcompare.compare", "map_balanced", "pairs: diff and judge"),
    ("legcompare.cli", "render", "report"),
    ("legcompare.render.outline", "outline_json", "report"),
    ("legcompare.render.outline", "outline_text", "report"),
    ("legcompare.cli", "write_output", "write"),
)

# The child: wrap the stages, note the imports (from the interpreter's start), run the command.
# Each event is one line of JSON appended to the file named by argv[1] with one write (a forked
# process appends to the same file; O_APPEND keeps lines whole).
_CHILD = r"""
import os, sys, time, json
started = time.time()
events_path, stages = sys.argv[1], json.loads(sys.argv[2])
sys.argv = ["legcompare", *sys.argv[3:]]
events = os.open(events_path, os.O_WRONLY | os.O_APPEND)
main_pid = os.getpid()
current = []  # this process's open stages, outermost first

def note(stage, start, end, detail=""):
    line = json.dumps({"pid": os.getpid(), "main": os.getpid() == main_pid, "stage": stage,
                       "start": start, "end": end, "depth": len(current), "detail": detail})
    os.write(events, (line + "\n").encode())

import importlib, functools
from legcompare import cli

def timed(stage, function):
    @functools.wraps(function)
    def wrapper(*args, **kwargs):
        start = time.time()
        current.append(stage)
        try:
            return function(*args, **kwargs)
        finally:
            current.pop()
            detail = ""
            if stage == "split" and args and hasattr(args[0], "text"):
                detail = f"{len(args[0].text):,} characters"
            elif stage == "read" and len(args) > 1:
                detail = str(args[1])
            note(stage, start, time.time(), detail)
    wrapper.timed_as = stage
    return wrapper

for module_name, attribute, stage in stages:
    module = importlib.import_module(module_name)
    owner, _, name = attribute.rpartition(".")
    holder = getattr(module, owner) if owner else module
    if not hasattr(holder, name):
        print(f"timeline: {module_name} has no {attribute} (renamed? update STAGES)",
              file=sys.stderr)
        sys.exit(3)
    function = getattr(holder, name)
    if not hasattr(function, "timed_as"):  # (one function under two names: wrapped once)
        setattr(holder, name, timed(stage, function))

from legcompare import parallel
_init = parallel._Child.__init__

def child_init(self, function):
    label = f"{current[-1]}: its share" if current else "its share"
    def in_child():  # (in the forked process: its stages nest under this one)
        current[:] = []
        start = time.time()
        current.append(label)
        try:
            return function()
        finally:
            current.pop()
            note(label, start, time.time())
    _init(self, in_child)

parallel._Child.__init__ = child_init
note("imports", started, time.time())  # (the command line's, and those of the stages' modules)
ended = lambda: note("exit", time.time(), time.time())
import atexit
atexit.register(ended)
cli.run()
"""


@dataclass(frozen=True)
class Event:
    process: str
    stage: str
    start: float
    end: float
    depth: int
    detail: str

    @property
    def seconds(self) -> float:
        return self.end - self.start


@dataclass(frozen=True)
class Timeline:
    events: tuple[Event, ...]
    wall: float
    cpu: float
    cores: int
    exit_code: int

    def serial_after_splits(self) -> float | None:
        """How long this process worked after both texts were split: from the end of the
        last split (in either process) or of reading the forked process's outline back, to
        the command's exit."""
        done = [e.end for e in self.events if e.stage == "split" or (
            e.stage == RECEIVE and e.process == "this" and e.depth == 0)]
        ends = [e.end for e in self.events if e.stage == "exit"]
        if not done or not ends:
            return None
        return ends[-1] - max(done)


def run(code: Path, args: Sequence[str]) -> Timeline:
    """``legcompare ARGS`` with the package in ``code``, its stages timed."""
    with tempfile.TemporaryDirectory(prefix="legcompare-timeline-") as folder:
        events_path = Path(folder) / "events"
        events_path.touch()
        env = dict(os.environ, NO_COLOR="1", PYTHONPATH=str(code))
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        launched = time.time()
        proc = subprocess.run(
            [sys.executable, "-c", _CHILD, str(events_path), json.dumps(STAGES), *args],
            cwd=code, env=env, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE, text=True, check=False)
        wall = time.time() - launched
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        if proc.returncode not in (0, 1):
            raise failure(args, code, proc.returncode, proc.stderr)
        raw = [json.loads(line) for line in events_path.read_text(encoding="utf-8").splitlines()]
    forked: dict[int, str] = {}
    events = []
    for e in raw:
        process = "this" if e["main"] else forked.setdefault(e["pid"], f"forked {len(forked) + 1}")
        events.append(Event(process, e["stage"], e["start"] - launched, e["end"] - launched,
                            e["depth"], e["detail"]))
    events.sort(key=lambda e: (e.start, -e.end))
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return Timeline(tuple(events), wall, cpu, len(os.sched_getaffinity(0)), proc.returncode)


def report(label: str, timeline: Timeline) -> list[str]:
    lines = [f"{label}:", "", "| process | stage | from s | to s | seconds |",
             "|---|---|---:|---:|---:|"]
    for e in timeline.events:
        name = "· " * e.depth + e.stage + (f" ({e.detail})" if e.detail else "")
        lines.append(f"| {e.process} | {name} | {e.start:.2f} | {e.end:.2f} | {e.seconds:.2f} |")
    least = timeline.cpu / timeline.cores
    lines += ["", (f"- wall {timeline.wall:.2f} s (exit code {timeline.exit_code}); CPU "
                   f"{timeline.cpu:.2f} s in all its processes, so at least {least:.2f} s on "
                   f"{timeline.cores} cores however the work were shared")]
    serial = timeline.serial_after_splits()
    if serial is not None:
        lines.append(f"- after the texts were split, this process worked {serial:.2f} s more")
    return [*lines, ""]


def main(argv: Sequence[str] | None = None) -> int:
    args = parse(command_parser(__doc__, "time"), argv, "time", "diff OLD NEW --format json")
    return before_and_after("timeline", args.reference, args.args,
                            [f"`legcompare {' '.join(args.args)}`"],
                            lambda label, code, given: report(label, run(code, given)))


if __name__ == "__main__":
    sys.exit(main())
