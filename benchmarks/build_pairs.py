"""Build omnibus-sized version pairs from the real federal texts of the corpus.

Each pair is an "omnibus" assembled from every ``us-federal-*.txt`` text of the corpus, one per
division (``DIVISION A—<SHORT TITLE>``, ``DIVISION B—...``; after Z the letters double as in real
omnibus acts: AA, BB, ..., ZZ, then AAA, ...), smallest text first, repeated until the requested
size is reached; the last division is cut at a line boundary. Only real text is used: the
sources verbatim, except two kinds of lines that are no part of an enacted text and are left out:
the corpus compiler's own ``[... text not retrieved ...]`` / ``[editorial: ...]`` markers, and a
slip law's end matter (from "Approved <date>." to its end: legislative history), which
legcompare rightly reads as the end of the document wherever it stands. Each heading carries
the short title the source gives itself.

The new version is made from the old by amendment-like edits chosen with ``random.Random(seed)``,
touching about 1.5% of the lines (a line of these texts is one provision or heading):

* ``modal``            — one "shall" becomes "may" or one "may" becomes "shall";
* ``amount``           — one dollar amount changes;
* ``date``             — the year of one date ("September 30, 2019", "fiscal year 2019") moves
                         by one;
* ``proviso-add``      — a ": Provided, That ..." proviso copied from elsewhere in the same
                         document is added at the end of a provision;
* ``proviso-remove``   — a provision's last proviso is struck;
* ``delete``           — a paragraph is deleted;
* ``renumber``         — a subsection (real text, copied from another section) is inserted
                         into a section so that the later subsection labels shift by one
                         (each shifted label is logged as a ``relabel``);
* ``move``             — one section (a block of lines) moves elsewhere (exactly one per pair).

Same corpus + seed + sizes -> identical bytes; the SHA-256 of every file is printed and kept in
``benchmarks/data/pairs.json``. Run ``python benchmarks/build_pairs.py --help``.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import random
import re
import sys
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
DATA = HERE / "data"
DEFAULT_CORPUS = REPO.parent / "shared" / "corpus"
DEFAULT_SIZES = (1.0, 1.3, 5.0, 10.0)
"""1.3 MB: the pair the issue timed ``redlines`` on (``run.py`` runs it there alone)."""
DEFAULT_SEED = 20190403
EDIT_RATE = 0.015
"""Share of the old version's provisions (non-empty lines) that the edits touch."""
MB = 1_000_000
SOURCE_GLOB = "us-federal-*.txt"

# Share of the edits given to each kind (``move`` is one block per pair, on top).
WEIGHTS: dict[str, float] = {
    "modal": 0.30,
    "amount": 0.15,
    "date": 0.10,
    "proviso-add": 0.10,
    "proviso-remove": 0.10,
    "delete": 0.20,
    "renumber": 0.05,
}

_MARKER = re.compile(r"^\s*\[(?:\.\.\. text not retrieved \.\.\.|editorial: .*)\]\s*$")
_END_MATTER = re.compile(r"\s*Approved [A-Z][a-z]+ \d{1,2}, \d{4}\.\s*")
_SHORT_TITLE = re.compile(
    r"This Act may be cited as the\s*(?:[“\"]|``|''|‘‘)?\s*(.+?)\s*(?:[”\"]|''|’’)?\s*\.(?:\s|$|○)")
_MARGIN_NUMBER = re.compile(r"(?<!\S)\d{1,2}(?!\S)")
_PRINT_STAMP = re.compile(r"\S+ on [A-Z0-9]{8,} with BILLS")
_SECTION = re.compile(r"^(?:SEC\.|SECTION|Sec\.)\s+\d+[A-Z]?\.|^#{2,4} \d+[A-Z]?\.")
_HEADING = re.compile(r"^(?:DIVISION|TITLE|Subtitle|SUBTITLE|PART|Part|CHAPTER|Chapter)\b")
_LABEL = re.compile(r"^(?:\*\*)?\((?P<label>[a-z]|[A-Z]{1,2}|\d{1,3}|[ivxl]{1,6})\)")
_SUBSECTION = re.compile(r"^\((?P<label>[a-z])\)(?= )")
_MODAL = re.compile(r"\b(?:shall|may)\b(?! be cited)")
_AMOUNT = re.compile(r"\$(?:\d{1,3}(?:,\d{3})+|\d+)(?![\d,]*\d)")
_MONTHS = ("January|February|March|April|May|June|July|August|September|October|November|"
           "December")
_DATE = re.compile(rf"\b(?:(?:{_MONTHS}) \d{{1,2}}, |fiscal year )(?P<year>(?:19|20)\d\d)\b")
_PROVISO_BODY = re.compile(r": Provided(?: further)?, That (?P<body>[^:]{20,400}?)"
                           r"(?=: Provided|\.$)")
_LAST_PROVISO = re.compile(r": Provided(?: further)?, That [^:]+\.$")
_ROMAN = frozenset("ivx")


@dataclass(frozen=True)
class Source:
    """One corpus text, ready to become a division."""

    name: str
    title: str
    lines: tuple[str, ...]


@dataclass(frozen=True)
class Edit:
    """One amendment-like edit; ``line`` is the 1-based line of the old version it touches."""

    kind: str
    line: int
    old: str
    new: str


@dataclass
class Pair:
    """Both versions of one pair, with the edits that lead from the old to the new."""

    name: str
    target_bytes: int
    seed: int
    old: str
    new: str
    divisions: int
    provisions: int
    touched: int
    edits: list[Edit] = field(default_factory=list)

    def counts(self) -> dict[str, int]:
        return dict(sorted(Counter(e.kind for e in self.edits).items()))


# --- sources and assembly --------------------------------------------------------------------

def load_sources(corpus: Path) -> list[Source]:
    """Every federal text of the corpus, smallest first (ties by name), as division material."""
    paths = sorted(corpus.glob(SOURCE_GLOB), key=lambda p: (p.stat().st_size, p.name))
    if not paths:
        raise FileNotFoundError(f"no {SOURCE_GLOB} texts in {corpus}")
    sources = []
    for path in paths:
        text = path.read_text(encoding="utf-8").replace("\r\n", "\n").replace("\r", "\n")
        lines = [line for line in text.rstrip("\n").split("\n") if not _MARKER.match(line)]
        end = next((i for i, line in enumerate(lines) if _END_MATTER.fullmatch(line)), None)
        if end is not None:  # a slip law's end matter is no part of the enacted text
            del lines[end:]
        sources.append(Source(path.name, short_title(text) or path.stem, tuple(lines)))
    return sources


def short_title(text: str) -> str | None:
    """The short title the text gives itself ("This Act may be cited as the ..."), without the
    print furniture (margin line numbers, GPO print stamps) that runs into it in some prints."""
    match = _SHORT_TITLE.search(" ".join(text.split()))
    if match is None:
        return None
    title = _PRINT_STAMP.sub(" ", match.group(1))
    title = _MARGIN_NUMBER.sub(" ", title.strip("‘’“”\"'` "))
    return " ".join(title.split()) or None


def division_letters(index: int) -> str:
    """A, B, ..., Z, then AA, BB, ..., ZZ, then AAA, ... (the doubling real omnibus acts use)."""
    return chr(ord("A") + index % 26) * (index // 26 + 1)


def assemble(sources: Sequence[Source], target_bytes: int) -> tuple[list[str], list[int]]:
    """The old version's lines and the indexes of its division headings: the sources in turn,
    each under a ``DIVISION X—TITLE`` heading, until ``target_bytes`` (UTF-8, one newline per
    line) is reached; the last division stops at the line that reaches it."""
    lines: list[str] = []
    headings: list[int] = []
    size = 0
    index = 0
    while size < target_bytes:
        source = sources[index % len(sources)]
        headings.append(len(lines))
        for line in (f"DIVISION {division_letters(index)}—{source.title.upper()}", *source.lines):
            lines.append(line)
            size += len(line.encode("utf-8")) + 1
            if size >= target_bytes:
                break
        index += 1
    return lines, headings


# --- amendment-like edits --------------------------------------------------------------------

def _round3(value: int) -> int:
    """``value`` rounded to three significant digits (amounts in bills are round numbers)."""
    digits = len(str(value))
    if digits <= 3:
        return value
    unit = int(10 ** (digits - 3))
    return round(value / unit) * unit


class _Amender:
    """Plans the edits on the old lines, then renders the new version in one pass."""

    def __init__(self, lines: Sequence[str], headings: Sequence[int], rng: random.Random) -> None:
        self.lines = lines
        self.rng = rng
        self.headings = sorted(headings)
        self.reserved: set[int] = set(headings)  # lines no further edit may take
        self.touched: set[int] = set()  # lines changed, deleted or moved
        self.replace: dict[int, str] = {}
        self.deleted: set[int] = set()
        self.insert_before: dict[int, list[str]] = {}
        self.move: tuple[int, int, int] | None = None
        self.edits: list[Edit] = []
        self.blocks = self._section_blocks()
        self.provisos = [(i, m.group("body")) for i, line in enumerate(lines)
                         for m in _PROVISO_BODY.finditer(line)]

    # structure

    def _section_blocks(self) -> list[tuple[int, int]]:
        """``(start, end)`` of every section: its heading line up to the next section, heading
        or division."""
        starts = [i for i, line in enumerate(self.lines) if _SECTION.match(line)]
        stops = sorted(set(starts) | set(self.headings) |
                       {i for i, line in enumerate(self.lines) if _HEADING.match(line)})
        blocks = []
        for start in starts:
            after = self._bisect(stops, start)  # the first stop after ``start``
            blocks.append((start, stops[after] if after < len(stops) else len(self.lines)))
        return blocks

    @staticmethod
    def _bisect(values: Sequence[int], x: int) -> int:
        lo, hi = 0, len(values)
        while lo < hi:
            mid = (lo + hi) // 2
            if values[mid] <= x:
                lo = mid + 1
            else:
                hi = mid
        return lo

    def _division(self, i: int) -> int:
        return self._bisect(self.headings, i)

    def _free(self, i: int) -> bool:
        return i not in self.reserved

    def _touch(self, *indexes: int) -> None:
        self.touched.update(indexes)
        self.reserved.update(indexes)

    # planning

    def plan(self, total: int) -> None:
        self._plan_move(min(40, max(4, len(self.lines) // 400)))
        quotas = {kind: max(1, round(total * weight)) for kind, weight in WEIGHTS.items()}
        self._plan_renumbers(quotas.pop("renumber"))
        pickers: dict[str, tuple[Callable[[str], bool] | None, Callable[[int], None]]] = {
            "modal": (_has(_MODAL), self._modal),
            "amount": (_has(_AMOUNT), self._amount),
            "date": (_has(_DATE), self._date),
            "proviso-add": (self._can_take_proviso, self._proviso_add),
            "proviso-remove": (_has(_LAST_PROVISO), self._proviso_remove),
            "delete": (None, self._delete),
        }
        for kind, quota in quotas.items():
            test, apply = pickers[kind]
            pool = self._deletable() if test is None else \
                [i for i, line in enumerate(self.lines) if self._free(i) and test(line)]
            for i in sorted(self.rng.sample(pool, min(quota, len(pool)))):
                apply(i)

    def _plan_move(self, max_lines: int) -> None:
        """One section moves to another division (before one of its sections). A section whose
        lines occur once in the document is preferred: only unique text can be seen to move."""
        counts = Counter(self.lines)
        sized = [(s, e) for s, e in self.blocks
                 if 2 <= e - s <= max_lines and
                 sum(len(line) for line in self.lines[s:e]) >= 300]
        unique = [(s, e) for s, e in sized if all(counts[line] == 1 for line in self.lines[s:e])]
        candidates = unique or sized
        if not candidates:
            return
        start, end = self.rng.choice(candidates)
        # Before a section of the body: not before an entry of a table of contents ("Sec. 1004."
        # and its caption), where a section would not stand in a real act.
        body = [s for s, e in self.blocks if sum(len(line) for line in self.lines[s:e]) >= 200]
        targets = [s for s in body if self._division(s) != self._division(start)] or \
            [s for s in body if s < start or s > end]
        if not targets:
            return
        target = self.rng.choice(targets)
        self.move = (start, end, target)
        self._touch(*range(start, end))
        self.edits.append(Edit("move", start + 1, self.lines[start], f"before line {target + 1}"))

    def _plan_renumbers(self, quota: int) -> None:
        """Insert a subsection into ``quota`` sections whose subsections run (a), (b), (c)...:
        the inserted one is a real subsection taken from another section, relabelled, and the
        later subsections shift by one letter."""
        sequences = []
        for start, end in self.blocks:
            seq = self._subsections(start, end)
            if seq is not None and all(self._free(i) for i in range(start, end)):
                sequences.append((start, end, seq))
        donors = [i for i, line in enumerate(self.lines)
                  if _SUBSECTION.match(line) and 80 <= len(line) <= 600]
        for start, end, seq in sorted(self.rng.sample(sequences, min(quota, len(sequences)))):
            pool = [i for i in donors if not start <= i < end]
            if not pool:
                continue
            donor = self.lines[self.rng.choice(pool)]
            k = self.rng.randrange(1, len(seq))
            new_label = chr(ord("a") + k)
            inserted = f"({new_label})" + donor[3:]
            self.insert_before.setdefault(seq[k], []).append(inserted)
            self.edits.append(Edit("renumber", seq[k] + 1, "", inserted))
            for j, i in enumerate(seq[k:], start=k):
                line = self.lines[i]
                self.replace[i] = f"({chr(ord('a') + j + 1)})" + line[3:]
                self.edits.append(Edit("relabel", i + 1, line, self.replace[i]))
                self._touch(i)
            self.reserved.update(range(start, end))

    def _subsections(self, start: int, end: int) -> list[int] | None:
        """The lines of the section's subsections (a), (b), ... when they run in order, at least
        three and at most to (g) (so that (i) stays roman); else None."""
        seq: list[int] = []
        expected = "a"
        for i in range(start + 1, end):
            match = _SUBSECTION.match(self.lines[i])
            if match is None:
                continue
            label = match.group("label")
            if label == expected:
                seq.append(i)
                expected = chr(ord(expected) + 1)
            elif label not in _ROMAN:
                return None
        return seq if 3 <= len(seq) <= 7 else None

    def _deletable(self) -> list[int]:
        """Paragraphs that can go without orphaning sub-paragraphs: a labelled line followed by
        a line of the same label type (or a section, heading or the end), or a long unlabelled
        paragraph not followed by a labelled one."""
        out = []
        n = len(self.lines)
        for i, line in enumerate(self.lines):
            if not self._free(i) or _SECTION.match(line) or _HEADING.match(line) or \
                    len(line) < 40:
                continue
            nxt = self.lines[i + 1] if i + 1 < n else ""
            nxt_is_stop = i + 1 >= n or (i + 1) in self.headings or \
                _SECTION.match(nxt) is not None or _HEADING.match(nxt) is not None
            label = _LABEL.match(line)
            nxt_label = _LABEL.match(nxt)
            if label is not None:
                if nxt_is_stop or (nxt_label is not None and
                                   _label_type(nxt_label.group("label")) ==
                                   _label_type(label.group("label"))):
                    out.append(i)
            elif len(line) >= 150 and nxt_label is None:
                out.append(i)
        return out

    @staticmethod
    def _can_take_proviso(line: str) -> bool:
        return len(line) >= 80 and line.endswith(".") and "Provided" not in line

    # line edits

    def _set(self, kind: str, i: int, new: str) -> None:
        self.replace[i] = new
        self._touch(i)
        self.edits.append(Edit(kind, i + 1, self.lines[i], new))

    def _modal(self, i: int) -> None:
        line = self.lines[i]
        match = self.rng.choice(list(_MODAL.finditer(line)))
        word = "may" if match.group() == "shall" else "shall"
        self._set("modal", i, line[:match.start()] + word + line[match.end():])

    def _amount(self, i: int) -> None:
        line = self.lines[i]
        match = self.rng.choice(list(_AMOUNT.finditer(line)))
        value = int(match.group()[1:].replace(",", ""))
        factor = self.rng.choice((0.5, 0.75, 0.9, 1.1, 1.25, 1.5, 2.0))
        new = _round3(int(value * factor))
        if new == value or new <= 0:
            new = value + int(10 ** max(0, len(str(value)) - 3))
        text = f"${new:,}" if "," in match.group() else f"${new}"
        self._set("amount", i, line[:match.start()] + text + line[match.end():])

    def _date(self, i: int) -> None:
        line = self.lines[i]
        match = self.rng.choice(list(_DATE.finditer(line)))
        year = int(match.group("year")) + self.rng.choice((-1, 1))
        self._set("date", i, line[:match.start("year")] + str(year) + line[match.end("year"):])

    def _proviso_add(self, i: int) -> None:
        bodies = [body for j, body in self.provisos if j != i]
        if not bodies:
            return
        body = self.rng.choice(bodies)
        self._set("proviso-add", i, self.lines[i][:-1] + f": Provided, That {body}.")

    def _proviso_remove(self, i: int) -> None:
        line = self.lines[i]
        match = _LAST_PROVISO.search(line)
        assert match is not None
        self._set("proviso-remove", i, line[:match.start()] + ".")

    def _delete(self, i: int) -> None:
        self.deleted.add(i)
        self._touch(i)
        self.edits.append(Edit("delete", i + 1, self.lines[i], ""))

    # rendering

    def render(self) -> list[str]:
        start, end, target = self.move if self.move is not None else (-1, -1, -1)
        block = [self.replace.get(k, self.lines[k]) for k in range(start, end)] \
            if self.move else []
        out: list[str] = []
        for i, line in enumerate(self.lines):
            if i == target:
                out.extend(block)
            if start <= i < end:
                continue
            out.extend(self.insert_before.get(i, ()))
            if i not in self.deleted:
                out.append(self.replace.get(i, line))
        return out


def _has(pattern: re.Pattern[str]) -> Callable[[str], bool]:
    return lambda line: pattern.search(line) is not None


def _label_type(label: str) -> str:
    if label.isdigit():
        return "number"
    if label.isupper():
        return "upper"
    if len(label) > 1 or label in _ROMAN:
        return "roman"
    return "lower"


# --- pairs -----------------------------------------------------------------------------------

def size_name(target_bytes: int) -> str:
    """``1mb``, ``200kb``: the name of a pair in its file names."""
    if target_bytes % MB == 0:
        return f"{target_bytes // MB}mb"
    if target_bytes % 1000 == 0:
        return f"{target_bytes // 1000}kb"
    return f"{target_bytes}b"


def megabytes(sizes: str) -> list[int]:
    """``"1,5,10"`` (MB, decimals allowed: ``0.2``) -> target sizes in bytes."""
    out = []
    for part in sizes.split(","):
        value = float(part)
        if value <= 0:
            raise ValueError(f"size must be positive: {part!r}")
        out.append(round(value * MB))
    return out


def build_pair(corpus: Path, target_bytes: int, seed: int = DEFAULT_SEED,
               sources: Sequence[Source] | None = None) -> Pair:
    """The old version (omnibus of the federal texts, ``target_bytes`` per side) and the new
    one (the old with amendment-like edits drawn from ``random.Random(seed)``)."""
    sources = load_sources(corpus) if sources is None else sources
    lines, headings = assemble(sources, target_bytes)
    heading_set = set(headings)
    provisions = sum(1 for i, line in enumerate(lines) if line.strip() and i not in heading_set)
    amender = _Amender(lines, headings, random.Random(seed))
    amender.plan(max(len(WEIGHTS), round(EDIT_RATE * provisions)))
    new_lines = amender.render()
    touched = len(amender.touched)
    return Pair(size_name(target_bytes), target_bytes, seed, "\n".join(lines) + "\n",
                "\n".join(new_lines) + "\n", len(headings), provisions, touched,
                amender.edits)


def _write(path: Path, data: bytes) -> None:
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_bytes(data)
    os.replace(tmp, path)


def write_pair(pair: Pair, out_dir: Path) -> dict[str, object]:
    """Write ``pair-<name>-old.txt`` and ``-new.txt``; their manifest entry."""
    out_dir.mkdir(parents=True, exist_ok=True)
    entry: dict[str, object] = {
        "name": pair.name, "target_bytes": pair.target_bytes, "seed": pair.seed,
        "divisions": pair.divisions, "provisions": pair.provisions,
        "touched": pair.touched, "touched_share": round(pair.touched / pair.provisions, 4),
        "edits": pair.counts(),
    }
    for side, text in (("old", pair.old), ("new", pair.new)):
        data = text.encode("utf-8")
        path = out_dir / f"pair-{pair.name}-{side}.txt"
        _write(path, data)
        entry[side] = {"file": path.name, "bytes": len(data),
                       "sha256": hashlib.sha256(data).hexdigest()}
    return entry


def build_pairs(corpus: Path, out_dir: Path = DATA, sizes: Iterable[int] = (),
                seed: int = DEFAULT_SEED) -> list[dict[str, object]]:
    """Build and write one pair per target size (bytes); ``pairs.json`` lists them."""
    sources = load_sources(corpus)
    targets = list(sizes) or [round(mb * MB) for mb in DEFAULT_SIZES]
    entries = [write_pair(build_pair(corpus, t, seed, sources), out_dir) for t in targets]
    manifest = {"seed": seed, "edit_rate": EDIT_RATE, "sources": [s.name for s in sources],
                "pairs": entries}
    _write(out_dir / "pairs.json",
           (json.dumps(manifest, indent=2, ensure_ascii=False) + "\n").encode("utf-8"))
    return entries


def _inside_repo_but_not_data(path: Path) -> bool:
    path = path.resolve()
    return path.is_relative_to(REPO) and not path.is_relative_to(DATA)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--corpus", type=Path,
                        default=Path(os.environ.get("LEGCOMPARE_CORPUS", DEFAULT_CORPUS)),
                        help="the corpus folder (default: $LEGCOMPARE_CORPUS, else "
                             "../shared/corpus)")
    parser.add_argument("--sizes", default=",".join(f"{s:g}" for s in DEFAULT_SIZES),
                        help="sizes per side in MB (10^6 bytes), comma-separated "
                             "(default: %(default)s)")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED,
                        help="seed of the edits (default: %(default)s)")
    parser.add_argument("--out-dir", type=Path, default=DATA,
                        help="where to write the pairs (default: benchmarks/data, git-ignored)")
    args = parser.parse_args(argv)
    if _inside_repo_but_not_data(args.out_dir):
        parser.error("corpus text must not be written into the repository outside the "
                     "git-ignored benchmarks/data/")
    try:
        sizes = megabytes(args.sizes)
    except ValueError as exc:
        parser.error(f"--sizes: {exc}")
    try:
        entries = build_pairs(args.corpus, args.out_dir, sizes, args.seed)
    except (OSError, UnicodeDecodeError) as exc:
        print(f"build_pairs: error: {exc}", file=sys.stderr)
        return 2
    for entry in entries:
        edits = entry["edits"]
        assert isinstance(edits, dict)
        print(f"pair {entry['name']}: {entry['divisions']} divisions, "
              f"{entry['provisions']:,} provisions, {entry['touched']:,} touched "
              f"({float(str(entry['touched_share'])):.1%}); edits: "
              + ", ".join(f"{k} {v}" for k, v in edits.items()))
        for side in ("old", "new"):
            info = entry[side]
            assert isinstance(info, dict)
            print(f"  {info['sha256']}  {args.out_dir / info['file']}  ({info['bytes']:,} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
