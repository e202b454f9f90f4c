"""How legcompare's time grows with texts that take one drafting pattern to an extreme.

``run.py`` times omnibus-sized pairs made of real bills. A cost that grows faster than the text
only shows on a text that repeats one pattern thousands of times, in one place: an
appropriations section with thousands of provisos (also compared as two laws, in cross mode),
a print adding thousands of sections each with its own definition, an appropriations
paragraph whose every amount changed, a rewritten bill whose every section was renumbered, a
list whose every item ends with a dash (read as one level deeper each time), amendments
quoting amendments, a bill whose one sentence makes n ÷ 10 changes to a law of n ÷ 10
paragraphs (``current`` reads the law again after each).
This script writes each such text at ``n`` and at ``4 n`` repetitions (patterns written for it,
no corpus text), runs the command each shape stresses on both, in fresh processes, and prints
the seconds and how they grew: four times the input should take about four times as long (a
ratio near 16 is quadratic). It also runs two real corpus pairs on the aligner's longest paths
(H.R. 1 against H.R. 264 read as versions of one bill; H.R. 1's XML against the Tax Cuts and
Jobs Act's, where ``auto`` chooses ``cross``).

With ``--reference DIR`` (``DIR/legcompare``, a copy of the package taken before a change, as
``identical.py`` takes it), every command also runs on that copy, and the report gives both and
whether their outputs are the same bytes. A run that fails (exit code other than 0) is shown
with its exit code. No timing is asserted anywhere: the numbers are this machine's.

    python benchmarks/shapes.py
    python benchmarks/shapes.py --reference /tmp/before --sizes 2000,8000
"""

from __future__ import annotations

import argparse
import hashlib
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
DEFAULT_CORPUS = Path(os.environ.get("LEGCOMPARE_CORPUS", REPO.parent / "shared" / "corpus"))


# --- the shapes: a text (or two) of n repetitions of one pattern ------------------------------

def provisos(n: int) -> str:
    """An appropriations section: n paragraphs, each with two provisos."""
    return "SEC. 101. APPROPRIATIONS.\n" + "".join(
        f"For necessary expenses of office {i}, ${i},000: Provided, That not more than ${i} "
        f"shall be used for travel: Provided further, That item {i} applies.\n"
        for i in range(n))


def sections_defining(n: int) -> str:
    """A New York print adding n sections, each defining two terms."""
    return "".join(
        f"§ {i + 1}. The general business law is amended by adding a new section {i + 600} to "
        f"read as follows:\n§ {i + 600}. Definitions. As used in this article: 1. \"Device {i}\" "
        f"means a camera numbered {i}. 2. \"Owner {i}\" means its keeper.\n" for i in range(n))


def unlabelled_definitions(n: int) -> str:
    """One definitions section of n unlabelled definitions."""
    return "SEC. 2. DEFINITIONS.\nIn this Act:\n" + "".join(
        f"“Device {i}” means the camera numbered {i} in the register.\n" for i in range(n))


def amounts(n: int) -> str:
    """One appropriations paragraph of n amounts, each available until a date."""
    return "SEC. 1. AMOUNTS.\n(a) There are appropriated " + "; ".join(
        f"${i},000 to remain available until September 30, {2001 + i % 30}"
        for i in range(n)) + ".\n"


def amendments(n: int, first: int = 1) -> str:
    """n amendatory sections (numbered from ``first``), each striking a word and adding a
    quoted subsection."""
    return "".join(
        f"SEC. {first + i}. AMENDMENT {i + 1}.\nSection {i + 100} of title 42, United States "
        f"Code, is amended—\n(1) in subsection (a), by striking “shall” and inserting “may”; "
        f"and\n(2) by adding at the end the following:\n“(z) The agency shall report {i}.”.\n"
        for i in range(n))


def renumbered(n: int) -> str:
    """:func:`amendments` rewritten: every section renumbered, every "shall" now "may"."""
    return changed(amendments(n, first=5001))


def dashes(n: int) -> str:
    """One section of n labels, each ending with a dash as if it opened a list."""
    return "SEC. 1. DUTIES.\n" + "".join(
        f"({'a1AiI'[i % 5]}) The agency shall—\n" for i in range(n))


def quotes(n: int) -> str:
    """n amendments, each quoting the next."""
    lines = ["SEC. 1. AMENDMENTS.",
             "Section 2 of the Act (42 U.S.C. 1) is amended by adding the following:"]
    lines += [f"“SEC. {i + 3}. Section {i + 4} is amended by adding the following:"
              for i in range(n)]
    return "\n".join([*lines, "“(a) The end.”" + "”" * n + "."]) + "\n"


def chained_bill(n: int) -> str:
    """One amending sentence of n ÷ 10 instructions (at least one), each in its own paragraph of
    one section (the law of :func:`chained_law`): the law is read again after each change."""
    k = max(n // 10, 1)
    return "SECTION 1. AMENDMENT.\nSection 5 of the Act is amended—\n" + "".join(
        f"({i}) in paragraph ({i}), by striking “w{i}x” and inserting “v{i}y”"
        f"{'.' if i == k else '; and' if i == k - 1 else ';'}\n" for i in range(1, k + 1))


def chained_law(n: int) -> str:
    """The section :func:`chained_bill` amends: n ÷ 10 paragraphs (at least one)."""
    return "SEC. 5. DUTIES.\n" + "".join(
        f"({i}) The agency shall file the report numbered w{i}x each year.\n"
        for i in range(1, max(n // 10, 1) + 1))


def changed(text: str) -> str:
    """A second print: every "shall" now "may"."""
    return text.replace("shall", "may")


def provisos_changed(n: int) -> str:
    """:func:`provisos` in a second print (:func:`changed`)."""
    return changed(provisos(n))


def amounts_changed(n: int) -> str:
    """:func:`amounts` in a second print: every amount $500 higher."""
    return amounts(n).replace(",000 to", ",500 to")


@dataclass(frozen=True)
class Shape:
    name: str
    command: str  # diff, outline, covers or current
    old: Callable[[int], str]
    new: Callable[[int], str] | None = None  # diff's second text (current's law), n repetitions
    options: tuple[str, ...] = ()


SHAPES = (
    Shape("provisos", "covers", provisos),
    Shape("provisos", "diff", provisos, provisos_changed),
    Shape("sections each defining", "covers", sections_defining),
    Shape("unlabelled definitions", "covers", unlabelled_definitions),
    Shape("amounts in one provision", "covers", amounts),
    Shape("amounts in one provision", "diff", amounts, amounts_changed),
    Shape("provisos", "diff", provisos, provisos_changed, ("--mode", "cross")),
    Shape("renumbered rewrite", "diff", amendments, renumbered, ("--mode", "versions")),
    Shape("dash-ended labels", "outline", dashes),
    Shape("quotes in quotes", "outline", quotes),
    Shape("chained instructions (n ÷ 10)", "current", chained_bill, chained_law),
)


REAL = (
    ("H.R. 1 / H.R. 264 as versions", ("us-federal-hr1-116-reported-house.txt",
                                       "us-federal-hr264-116-engrossed-house.txt"),
     ("--mode", "versions")),
    ("H.R. 1 XML / TCJA XML (auto: cross)", ("raw/H1_RH.XML", "raw/BILLS-115hr1eas2.xml"), ()),
)
"""The real pairs: (name, (old, new) in the corpus, options)."""


# --- running ----------------------------------------------------------------------------------

def run(args: Sequence[str], code: Path) -> tuple[float, int, bytes]:
    """Seconds, exit code and output of ``python -m legcompare ARGS`` run on ``code``'s copy
    (in the environment ``identical.py`` gives it, so that outputs compare alike)."""
    env = dict(os.environ, NO_COLOR="1", PYTHONHASHSEED="0")
    env.pop("SOURCE_DATE_EPOCH", None)
    start = time.perf_counter()
    proc = subprocess.run([sys.executable, "-m", "legcompare", *args], cwd=code, env=env,
                          capture_output=True, stdin=subprocess.DEVNULL, check=False)
    return time.perf_counter() - start, proc.returncode, proc.stdout


def on_each(args: Sequence[str], codes: Sequence[Path]) -> tuple[list[str], list[float]]:
    """``args`` run on each copy in ``codes``: the report's cells (the seconds of each, with the
    exit code of a failed run, then, for two copies, whether their outputs are the same bytes)
    and the seconds."""
    cells: list[str] = []
    seconds: list[float] = []
    outputs: set[bytes] = set()
    for code in codes:
        took, status, output = run(args, code)
        cells.append(f"{took:.2f}" if status == 0 else f"{took:.2f} (exit {status})")
        seconds.append(took)
        outputs.add(hashlib.sha256(output).digest())
    if len(codes) > 1:
        cells.append("same" if len(outputs) == 1 else "differ")
    return cells, seconds


def rows(sizes: Sequence[int], folder: Path, corpus: Path | None,
         reference: Path | None, only: str | None = None) -> list[list[str]]:
    """One row per shape and command (and per real pair): sizes, seconds, growth. With
    ``only``, just the shapes whose name holds it (and no real pairs)."""
    out: list[list[str]] = []
    codes = [REPO] + ([reference] if reference is not None else [])
    for shape in SHAPES:
        if only is not None and only not in shape.name:
            continue
        times: list[list[float]] = []  # per size, per copy
        cells: list[str] = []
        for n in sizes:
            old = folder / f"{shape.name.replace(' ', '-')}-{n}-old.txt"
            old.write_text(shape.old(n), encoding="utf-8")
            args = [shape.command, str(old)]
            if shape.new is not None:
                new = old.with_name(old.name.replace("-old", "-new"))
                new.write_text(shape.new(n), encoding="utf-8")
                args.append(str(new))
            shown, seconds = on_each([*args, *shape.options, "--format", "json"], codes)
            cells += shown
            times.append(seconds)
        growth = [f"×{last / first:.1f}" if first > 0 else "–"
                  for first, last in zip(times[0], times[-1], strict=True)]
        out.append([shape.name, " ".join((shape.command, *shape.options)),
                    " / ".join(str(n) for n in sizes), *cells, *growth])
    if corpus is None or only is not None:
        return out
    for name, pair, options in REAL:
        old_path, new_path = (corpus / p for p in pair)
        if old_path.is_file() and new_path.is_file():
            shown, _ = on_each(["diff", str(old_path), str(new_path), *options, "--format",
                                "json"], codes)
            out.append([name, " ".join(("diff", *options)), "one pair", *shown])
    return out


def table(sizes: Sequence[int], data: list[list[str]], reference: Path | None) -> str:
    versions = ["this tree"] + (["reference"] if reference is not None else [])
    head = ["shape", "command", "n"]
    for size in sizes:
        head += [f"s ({v}, {size}×)" for v in versions]
        if reference is not None:
            head.append("output")
    head += [f"growth ({v})" for v in versions]
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    lines += ["| " + " | ".join(row + [""] * (len(head) - len(row))) + " |" for row in data]
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--sizes", default="2000,8000",
                        help="two comma-separated repetition counts (default: 2000,8000)")
    parser.add_argument("--reference", type=Path,
                        help="also run DIR/legcompare (a copy of the package) and compare")
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS,
                        help="for the real pairs (left out when it is missing)")
    parser.add_argument("--out", type=Path, help="also write the table to this file")
    parser.add_argument("--only", metavar="TEXT",
                        help="just the shapes whose name holds TEXT (\"chained\"), no real pairs")
    args = parser.parse_args(argv)
    try:
        sizes = [int(s) for s in args.sizes.split(",")]
    except ValueError:
        parser.error(f"--sizes: not a list of whole numbers: {args.sizes!r}")
    if len(sizes) != 2 or min(sizes) < 1:
        parser.error("--sizes: give two repetition counts, such as 2000,8000")
    if args.reference is not None and not (args.reference / "legcompare").is_dir():
        parser.error(f"--reference: no legcompare package in {args.reference}")
    corpus = args.corpus if (args.corpus / "MANIFEST.tsv").is_file() else None
    with tempfile.TemporaryDirectory(prefix="legcompare-shapes-") as folder:
        found = rows(sizes, Path(folder), corpus, args.reference, args.only)
        report = table(sizes, found, args.reference)
    print(report)
    if args.out is not None:
        args.out.write_text(report + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
