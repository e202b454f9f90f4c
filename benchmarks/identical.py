"""Check that a change to legcompare's speed left its output byte for byte as it was.

Runs ``legcompare`` (each command a fresh ``python -m legcompare`` child, two at a time) on real
pairs of the corpus — versions of one bill (NY S4457 and the A48 chain, H.R. 2157 as text and
as XML, H.R. 264, H.R. 1037, H.R. 2002, VA HB 1339, SF 190110), a cross pair (NY A3712 against
Cal. Penal Code § 832.19), H.R. 1 as text against its XML — and on the 1 MB benchmark pair when
it is built: ``diff`` in every text format and Word, ``outline``, ``covers``, ``history`` and
``preempt`` (its HTML report); and two different bills (H.R. 1 against H.R. 264) compared as
versions of one and as two laws.
Each output's SHA-256 is compared with either

* ``--check FILE``: hashes written earlier with ``--record FILE``, or
* ``--reference DIR``: the same commands run on another copy of the package (``DIR/legcompare``,
  e.g. a copy taken before the change), so that both sides see the same rule files and
  templates while other people edit them.

Exit 0 when every output is identical, 1 otherwise (each difference is listed, and with
``--keep DIR`` both outputs are kept there for ``diff``). Examples::

    python benchmarks/identical.py --record /tmp/before.json
    python benchmarks/identical.py --check /tmp/before.json --keep /tmp/outputs
    python benchmarks/identical.py --reference /tmp/base --only s4457,1mb
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import subprocess
import sys
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
DATA = HERE / "data"
DEFAULT_CORPUS = Path(os.environ.get("LEGCOMPARE_CORPUS", REPO.parent / "shared" / "corpus"))

DIFF_FORMATS = ("json", "html", "docx", "csv", "markdown", "terminal")

# name: (old, new) relative to the corpus folder.
PAIRS: dict[str, tuple[str, str]] = {
    "s4457": ("us-ny-s4457-2023-original.txt", "us-ny-s4457a-2024-amended.txt"),
    "a48-a": ("us-ny-a48-2023-original.txt", "us-ny-a48a-2023-amended.txt"),
    "a48a-b": ("us-ny-a48a-2023-amended.txt", "us-ny-a48b-2023-amended.txt"),
    "a48b-c": ("us-ny-a48b-2023-amended.txt", "us-ny-a48c-2024-amended.txt"),
    "a48c-d": ("us-ny-a48c-2024-amended.txt", "us-ny-a48d-2024-amended.txt"),
    "hr2157-txt": ("us-federal-hr2157-116-introduced.txt", "us-federal-hr2157-116-enrolled.txt"),
    "hr2157-xml": ("raw/H2157_IH.XML", "raw/h2157_enr.XML"),
    "hr264": ("us-federal-hr264-116-engrossed-house.txt",
              "us-federal-hr264-116-placed-on-calendar-senate.txt"),
    "hr1037": ("us-federal-hr1037-116-engrossed-house.txt",
               "us-federal-hr1037-116-referred-senate.txt"),
    "hr2002-xml": ("raw/BILLS-116hr2002ih.xml", "raw/BILLS-116hr2002eh.xml"),
    "hb1339": ("us-va-hb1339-2022-engrossed.txt", "us-va-hb1339-2022-senate-floor-substitute.txt"),
    "sf190110": ("us-ca-sf-ord-190110-2019-introduced.txt",
                 "us-ca-sf-ord-190110-2019-amended-in-committee.txt"),
    "a3712-x-832.19": ("us-ny-a3712-2023-introduced.txt", "us-ca-pen-832.19-2019-chaptered.txt"),
    "hr1-txt-x-xml": ("us-federal-hr1-116-reported-house.txt", "raw/H1_RH.XML"),
}
UNRELATED = ("us-federal-hr1-116-reported-house.txt", "us-federal-hr264-116-engrossed-house.txt")
COVERS = ("us-il-bipa-740ilcs14-current.txt", "us-ny-s4457-2023-original.txt",
          "us-wa-rcw-43.386-current.txt", "us-ca-pen-832.19-2019-chaptered.txt")
PREEMPT = ("us-federal-s3779-119-introduced.txt", "us-ca-pen-832.19-2019-chaptered.txt",
           "us-ny-a3712-2023-introduced.txt")
HISTORY = ("us-ny-a48-2023-original.txt", "us-ny-a48a-2023-amended.txt",
           "us-ny-a48b-2023-amended.txt", "us-ny-a48c-2024-amended.txt",
           "us-ny-a48d-2024-amended.txt")


@dataclass(frozen=True)
class Case:
    name: str
    args: tuple[str, ...]  # after ``python -m legcompare``


def cases(corpus: Path, data: Path, bench: bool) -> list[Case]:
    """Every command to check, named ``pair:format``."""
    out: list[Case] = []
    seen: set[str] = set()
    for name, (old, new) in PAIRS.items():
        a, b = str(corpus / old), str(corpus / new)
        for fmt in DIFF_FORMATS:
            out.append(Case(f"{name}:diff-{fmt}", ("diff", a, b, "--format", fmt)))
        out.append(Case(f"{name}:diff-json-only-changed",
                        ("diff", a, b, "--format", "json", "--only-changed")))
        for path in (old, new):
            if path not in seen:
                seen.add(path)
                out.append(Case(f"{Path(path).name}:outline-json",
                                ("outline", str(corpus / path), "--format", "json")))
    # Two different bills: read as versions of one, nearly every provision is left over for
    # the aligner's search across the whole text (its longest path); and as two laws.
    one, other = (str(corpus / p) for p in UNRELATED)
    for mode in ("versions", "cross"):
        out.append(Case(f"hr1-x-hr264:diff-json-{mode}",
                        ("diff", one, other, "--format", "json", "--mode", mode)))
    out.append(Case("covers:json", ("covers", *(str(corpus / c) for c in COVERS),
                                    "--format", "json")))
    out.append(Case("covers:html", ("covers", *(str(corpus / c) for c in COVERS),
                                    "--format", "html")))
    for fmt in ("json", "html"):
        out.append(Case(f"a48-history:{fmt}", ("history", *(str(corpus / h) for h in HISTORY),
                                                "--format", fmt)))
    out.append(Case("preempt:html", ("preempt", *(str(corpus / p) for p in PREEMPT),
                                     "--format", "html")))
    old_1mb, new_1mb = data / "pair-1mb-old.txt", data / "pair-1mb-new.txt"
    if bench and old_1mb.is_file() and new_1mb.is_file():
        for fmt in ("json", "html", "docx"):
            out.append(Case(f"1mb:diff-{fmt}",
                            ("diff", str(old_1mb), str(new_1mb), "--format", fmt)))
        out.append(Case("1mb:outline-json", ("outline", str(new_1mb), "--format", "json")))
        out.append(Case("1mb:covers-json", ("covers", str(new_1mb), "--format", "json")))
    return out


def run_case(case: Case, code: Path) -> tuple[str, bytes]:
    """The SHA-256 of the case's output and the output: stdout, then, when the command failed
    (exit code other than 0 or 1), a ``--- exit N`` line and its stderr, so a failure never
    passes for an output."""
    env = dict(os.environ, NO_COLOR="1", PYTHONHASHSEED="0")
    env.pop("SOURCE_DATE_EPOCH", None)
    proc = subprocess.run([sys.executable, "-m", "legcompare", *case.args], cwd=code, env=env,
                          capture_output=True, stdin=subprocess.DEVNULL, check=False)
    out = proc.stdout
    if proc.returncode not in (0, 1):
        out += b"\n--- exit " + str(proc.returncode).encode() + b"\n" + proc.stderr
    return hashlib.sha256(out).hexdigest(), out


def run_all(all_cases: Sequence[Case], code: Path, jobs: int, keep: Path | None, tag: str
            ) -> dict[str, str]:
    def one(case: Case) -> tuple[str, str]:
        digest, out = run_case(case, code)
        if keep is not None:
            (keep / tag).mkdir(parents=True, exist_ok=True)
            (keep / tag / case.name.replace("/", "_")).write_bytes(out)
        failed = b"\n--- exit " in out[-4000:]
        print(f"identical: {tag} {case.name} {digest[:12]}" + (" FAILED" if failed else ""),
              file=sys.stderr, flush=True)
        return case.name, digest

    with ThreadPoolExecutor(max_workers=jobs) as pool:
        return dict(pool.map(one, all_cases))


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--record", type=Path, help="write the hashes to this JSON file")
    parser.add_argument("--check", type=Path, help="compare with hashes recorded earlier")
    parser.add_argument("--reference", type=Path,
                        help="compare with the output of DIR/legcompare (a copy of the package)")
    parser.add_argument("--keep", type=Path, help="keep every output in this folder")
    parser.add_argument("--only", default="",
                        help="comma-separated substrings of case names to run (default: all)")
    parser.add_argument("--no-bench", action="store_true", help="leave out the 1 MB pair")
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--jobs", type=int, default=2)
    args = parser.parse_args(argv)
    if not (args.corpus / "MANIFEST.tsv").is_file():
        parser.error(f"no corpus at {args.corpus} (set LEGCOMPARE_CORPUS)")
    wanted = [w for w in args.only.split(",") if w]
    todo = [c for c in cases(args.corpus, args.data, not args.no_bench)
            if not wanted or any(w in c.name for w in wanted)]
    current = run_all(todo, REPO, args.jobs, args.keep, "current")
    if args.record:
        args.record.write_text(json.dumps(current, indent=1, sort_keys=True) + "\n",
                               encoding="utf-8")
    expected: dict[str, str] | None = None
    if args.check:
        expected = json.loads(args.check.read_text(encoding="utf-8"))
    elif args.reference:
        expected = run_all(todo, args.reference, args.jobs, args.keep, "reference")
    if expected is None:
        print(f"identical: {len(current)} outputs hashed")
        return 0
    differ = [n for n in current if n in expected and expected[n] != current[n]]
    missing = [n for n in current if n not in expected]
    for name in differ:
        print(f"DIFFERS  {name}")
    for name in missing:
        print(f"NO REFERENCE  {name}")
    same = len(current) - len(differ) - len(missing)
    print(f"identical: {same} of {len(current)} outputs byte-identical, {len(differ)} differ")
    return 1 if differ else 0


if __name__ == "__main__":
    sys.exit(main())
