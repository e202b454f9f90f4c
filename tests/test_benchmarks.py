"""The benchmark's inputs and harness (``benchmarks/``), on a small pair built from the corpus.

No timing assertions: how fast legcompare runs depends on the machine; ``benchmarks/run.py``
reports it. These tests check what the numbers are measured on and with.
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from benchmarks import build_pairs as bp
from benchmarks import compiled, hotspots, shapes, timeline
from benchmarks import run as bench
from legcompare.chardiff import tokenize
from legcompare.ingest import load_path

REPO = Path(__file__).resolve().parent.parent
SMALL = 200_000
SEED = 7


@pytest.fixture(scope="module")
def pair(corpus: Path) -> bp.Pair:
    return bp.build_pair(corpus, SMALL, seed=SEED)


@pytest.fixture(scope="module")
def pair_files(corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    out = tmp_path_factory.mktemp("pairs")
    bp.build_pairs(corpus, out, [SMALL], seed=SEED)
    return out / "pair-200kb-old.txt", out / "pair-200kb-new.txt"


def _federal_lines(corpus: Path) -> set[str]:
    return {line for path in corpus.glob("us-federal-*.txt")
            for line in path.read_text(encoding="utf-8").splitlines()}


@pytest.mark.corpus
def test_build_is_deterministic_and_of_the_requested_size(corpus: Path, tmp_path: Path) -> None:
    first = bp.build_pairs(corpus, tmp_path / "a", [SMALL], seed=SEED)
    again = bp.build_pairs(corpus, tmp_path / "b", [SMALL], seed=SEED)
    bp.build_pairs(corpus, tmp_path / "c", [SMALL], seed=SEED + 1)
    assert first == again
    for side in ("old", "new"):
        a = (tmp_path / "a" / f"pair-200kb-{side}.txt").read_bytes()
        assert a == (tmp_path / "b" / f"pair-200kb-{side}.txt").read_bytes()
        info = first[0][side]
        assert isinstance(info, dict)
        assert info["sha256"] == hashlib.sha256(a).hexdigest() and info["bytes"] == len(a)
    old = (tmp_path / "a" / "pair-200kb-old.txt").read_bytes()
    new = (tmp_path / "a" / "pair-200kb-new.txt").read_bytes()
    # The old side stops at the line that reaches the size; the edits change it by a few %.
    assert SMALL <= len(old) < SMALL * 1.03
    assert abs(len(new) - len(old)) < SMALL * 0.05
    # Another seed: the same old version, other edits.
    assert (tmp_path / "c" / "pair-200kb-old.txt").read_bytes() == old
    assert (tmp_path / "c" / "pair-200kb-new.txt").read_bytes() != new
    manifest = json.loads((tmp_path / "a" / "pairs.json").read_text(encoding="utf-8"))
    assert manifest["seed"] == SEED and manifest["pairs"] == first
    assert all(name.startswith("us-federal-") for name in manifest["sources"])


@pytest.mark.corpus
def test_old_version_is_real_text_under_division_headings(corpus: Path, pair: bp.Pair) -> None:
    lines = pair.old.splitlines()
    headings = [line for line in lines if re.match(r"DIVISION [A-Z]+—", line)]
    assert lines[0].startswith("DIVISION A—")
    assert len(headings) == pair.divisions >= 10
    assert [h.split("—")[0] for h in headings[:3]] == ["DIVISION A", "DIVISION B", "DIVISION C"]
    assert set(lines) - set(headings) <= _federal_lines(corpus)
    assert "text not retrieved" not in pair.old


def test_division_letters_double_after_z() -> None:
    assert [bp.division_letters(i) for i in (0, 25, 26, 27, 51, 52)] == \
        ["A", "Z", "AA", "BB", "ZZ", "AAA"]


@pytest.mark.corpus
def test_new_version_differs_by_amendment_like_edits(pair: bp.Pair) -> None:
    counts = pair.counts()
    for kind in ("modal", "amount", "date", "proviso-add", "proviso-remove", "delete",
                 "renumber"):
        assert counts.get(kind, 0) >= 1, (kind, counts)
    assert counts["move"] == 1
    assert 0.01 <= pair.touched / pair.provisions <= 0.03

    old_lines, new_lines = pair.old.splitlines(), pair.new.splitlines()
    old_set, new_set = set(old_lines), set(new_lines)
    # Every line of the new version is a line of the old one or the result of a logged edit.
    assert new_set - old_set <= {e.new for e in pair.edits}

    modal_swaps = 0
    for e in pair.edits:
        if e.kind in ("modal", "amount", "date", "proviso-add", "proviso-remove", "relabel"):
            assert old_lines[e.line - 1] == e.old and e.new in new_set and e.new != e.old
        if e.kind == "modal":
            changed = [(a, b) for a, b in zip(tokenize(e.old), tokenize(e.new), strict=True)
                       if a != b]
            assert changed in ([("shall", "may")], [("may", "shall")])
            modal_swaps += changed == [("shall", "may")]
        elif e.kind == "amount":
            assert re.findall(r"\$[\d,]+", e.old) != re.findall(r"\$[\d,]+", e.new)
        elif e.kind == "date":
            assert re.sub(r"\d{4}", "", e.old) == re.sub(r"\d{4}", "", e.new)
        elif e.kind == "proviso-add":
            added = e.new[len(e.old) - 1:]
            assert added.startswith(": Provided, That ")
            # Copied from the document itself, not invented.
            assert added[len(": Provided, That "):-1] in pair.old
        elif e.kind == "proviso-remove":
            assert e.new.count("Provided") == e.old.count("Provided") - 1
        elif e.kind == "delete":
            assert old_lines.count(e.old) > new_lines.count(e.old)
        elif e.kind == "renumber":
            assert e.new.startswith("(") and e.new[3:] in pair.old  # a real subsection
        elif e.kind == "move":
            i, j = e.line - 1, new_lines.index(e.old)
            assert old_lines[i - 1] != new_lines[j - 1]
    assert modal_swaps >= 1


@pytest.mark.corpus
def test_legcompare_diff_of_a_built_pair_flags_moves_and_renumbering(
        pair_files: tuple[Path, Path]) -> None:
    old, new = pair_files
    proc = subprocess.run([sys.executable, "-m", "legcompare", "diff", str(old), str(new),
                           "--format", "json"], capture_output=True, text=True, check=False,
                          timeout=600)
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    assert data["schema"] == "legcompare.diff/1" and data["mode"] == "versions"
    pairs = data["pairs"]
    assert pairs and all("moved" in p and "renumbered" in p for p in pairs)
    assert any(p["moved"] for p in pairs)
    assert any(p["renumbered"] for p in pairs)
    statuses = {p["status"] for p in pairs}
    assert {"unchanged", "modified", "removed"} <= statuses


@pytest.mark.corpus
def test_the_floors_read_both_texts_and_split_them(pair_files: tuple[Path, Path]) -> None:
    old, new = pair_files
    pattern, flags = bench.token_regex()
    floor = next(c for c in bench.COMMANDS if c.floor)
    values = {"python": sys.executable, "old": str(old), "new": str(new),
              "token_regex": pattern, "token_flags": flags}
    proc = subprocess.run(floor.args(values), capture_output=True, text=True, check=True,
                          timeout=600)
    expected = sum(len(tokenize(p.read_text(encoding="utf-8"))) for p in (old, new))
    assert int(proc.stdout) == expected
    words = next(c for c in bench.COMMANDS if c.name.startswith("Python words"))
    proc = subprocess.run(words.args(values), capture_output=True, text=True, check=True,
                          timeout=600)
    assert int(proc.stdout) == sum(len(p.read_text(encoding="utf-8").split()) for p in (old, new))
    assert int(proc.stdout) < expected  # whitespace words: fewer than legcompare's tokens


def test_targets_are_given_against_both_floors() -> None:
    by_name = {c.name.split(":")[0]: c for c in bench.COMMANDS}
    json_diff = next(c for c in bench.COMMANDS if c.name.endswith("--format json"))
    html_diff = next(c for c in bench.COMMANDS if c.name.endswith("--format html"))
    htmldiff = next(c for c in bench.COMMANDS if c.name.startswith("difflib.HtmlDiff"))

    def timed(command: bench.Command, seconds: float) -> bench.Result:
        return bench.Result("10mb", command, [bench.Run(seconds, 1024, 0)])

    results = [timed(by_name["Python floor"], 4.0), timed(by_name["Python words"], 0.5),
               timed(json_diff, 18.0), timed(html_diff, 24.0), timed(htmldiff, 9.0)]
    text = bench.report(results, {}, {}, 1)
    rows = text.split("## Targets (issue 12)")[1].splitlines()
    assert "| `diff --format json`, 10 MB, × floor (legcompare's tokens) | ≤ 5× | 4.5× (met) |" \
        in rows
    assert "| `diff --format json`, 10 MB, × words floor (`str.split`) | ≤ 5× | 36.0× (not met) |" \
        in rows
    assert "| `diff --format html`, 10 MB, × floor (legcompare's tokens) | ≤ 8× | 6.0× (met) |" \
        in rows
    assert "| `diff --format html`, 10 MB, × words floor (`str.split`) | ≤ 8× | 48.0× (not met) |" \
        in rows
    against = "| `diff --format json`, 10 MB, against `difflib.HtmlDiff` | faster |"
    assert f"{against} 18.0 s vs 9.0 s (slower) |" in rows


def test_measure_reports_the_childs_own_peak_memory() -> None:
    ballast = b"x" * (100 * 1024 * 1024)  # this process is big: its children must not say so
    small = bench.measure([sys.executable, "-c", "pass"])
    big = bench.measure([sys.executable, "-c", "b = b'x' * (100 * 1024 * 1024)"])
    del ballast
    assert small.returncode == 0 and big.returncode == 0
    assert small.peak_kib < 40 * 1024
    assert big.cpu_seconds > 0
    assert big.peak_kib > small.peak_kib + 80 * 1024
    again = bench.measure([sys.executable, "-c", "pass"])
    assert again.peak_kib < big.peak_kib  # each child's own ru_maxrss, not the max of all
    failed = bench.measure([sys.executable, "-c", "raise SystemExit('no such thing')"])
    assert failed.returncode == 1 and failed.error == "no such thing"


def test_report_is_a_markdown_table_with_ratios_to_the_floor() -> None:
    floor = next(c for c in bench.COMMANDS if c.floor)
    diff = next(c for c in bench.COMMANDS if c.name.endswith("--format json"))
    results = [bench.Result("1mb", floor, [bench.Run(2.0, 40 * 1024, 0, "", 1.5)] * 3),
               bench.Result("1mb", diff, [bench.Run(s, 120 * 1024, 0, "", s - 1)
                                          for s in (9.0, 8.0, 30)]),
               bench.Result("1mb", bench.COMMANDS[2], [bench.Run(5.0, 1, 0),
                                                       bench.Run(9.0, 1, 2, "boom")])]
    text = bench.report(results, {"CPU": "test"}, {"1mb": "1 / 1"}, 3)
    rows = [line for line in text.splitlines() if line.startswith("| 1mb | ") and "×" in line]
    assert rows[0].split(" | ")[2:7] == ["2.00", "1.50", "40.0", "1.0×", "1.0×"]
    assert rows[1].split(" | ")[2:7] == ["9.00", "8.00", "120.0", "4.5×", "3.0×"]
    assert rows[2].split(" | ")[2] == "5.00" and rows[2].endswith("— failed: boom |")
    assert "- **CPU**: test" in text


def test_the_machine_and_commit_are_read_before_the_runs(tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    """A full run takes twenty minutes; the commit it names is the one at its start."""
    calls: list[str] = []
    monkeypatch.setattr(bench, "machine", lambda code: calls.append("machine") or {})
    monkeypatch.setattr(bench, "measure", lambda *a, **k: calls.append("measure") or
                        bench.Run(0.0, 0, 0))
    old, new = tmp_path / "old.txt", tmp_path / "new.txt"
    old.write_text("a\n")
    new.write_text("b\n")
    bench._run_all([("1mb", old, new)], bench.COMMANDS[:2], 1, None, tmp_path)
    assert calls == ["machine", "measure", "measure"]


def test_commands_are_a_list_a_peer_is_one_entry() -> None:
    assert [c.floor for c in bench.COMMANDS].count(True) == 1
    assert [c.name.startswith("Python words") for c in bench.COMMANDS].count(True) == 1
    # legcompare and the floor need nothing more; each peer names what it needs, so a machine
    # without it skips that peer alone.
    assert all(c.available() for c in bench.COMMANDS if c.needs is None and c.module is None)
    assert {c.needs or c.module for c in bench.COMMANDS} >= {"wdiff", "git", "redlines"}
    peer = bench.Command("wdiff", ("wdiff", "{old}", "{new}"), needs="no-such-program-here")
    assert not peer.available()
    assert peer.args({"old": "a", "new": "b"}) == ["wdiff", "a", "b"]


def test_both_scripts_name_the_pairs_alike() -> None:
    for size in (200_000, 1_000_000, 5_000_000, 10_000_000, 1_500_000):
        assert bench.size_name(size) == bp.size_name(size)
    assert bp.megabytes("1,5,10") == [1_000_000, 5_000_000, 10_000_000]
    assert bench.pair_files(Path("d"), [0.2])[0][1] == Path("d/pair-200kb-old.txt")


def test_snapshot_copies_the_package_to_measure(tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    # the package of the checkout the script is in (the one its report names), even where the
    # interpreter would import another copy (an editable install of another checkout)
    elsewhere = tmp_path / "elsewhere" / "legcompare"
    elsewhere.mkdir(parents=True)
    (elsewhere / "__init__.py").write_text("")
    monkeypatch.syspath_prepend(str(elsewhere.parent))
    monkeypatch.delitem(sys.modules, "legcompare", raising=False)
    digest = bench.snapshot(tmp_path)
    assert re.fullmatch(r"[0-9a-f]{64}", digest)
    copy, package = tmp_path / "legcompare", bench.REPO / "legcompare"
    assert (copy / "__init__.py").read_bytes() == (package / "__init__.py").read_bytes()
    assert (copy / "cli.py").read_bytes() == (package / "cli.py").read_bytes()
    assert list(copy.glob("**/*.pyc"))  # compiled up front


OLD_SNIPPET = """SECTION 1. SHORT TITLE.
This Act may be cited as the Test Act.
SEC. 2. DUTIES.
(a) In General.--The Secretary shall submit a report within 90 days.
(b) Limit.--No person may collect more than $5,000.
"""


def test_hotspots_prints_the_top_functions_before_and_after(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    old, new = tmp_path / "old.txt", tmp_path / "new.txt"
    old.write_text(OLD_SNIPPET, encoding="utf-8")
    new.write_text(OLD_SNIPPET.replace("90 days", "30 days").replace("may collect", "shall "
                                                                       "collect"),
                   encoding="utf-8")
    row = re.compile(r"^\| `[^`]+` \| [\d,]+ \| \d+\.\d{3} \| \d+\.\d{3} \|$")
    # a copy of the repository's own package, without bytecode, as the "before" copy: two
    # tables of three rows each, and the copy byte-compiled first (as pip installs it)
    before = tmp_path / "before"
    shutil.copytree(hotspots.REPO / "legcompare", before / "legcompare",
                    ignore=shutil.ignore_patterns("__pycache__"))
    cli = before / "legcompare" / "cli.py"
    assert not Path(importlib.util.cache_from_source(str(cli))).exists()
    assert hotspots.main(["--top", "3", "--reference", str(before),
                          "diff", str(old), str(new), "--format", "json"]) == 0
    assert Path(importlib.util.cache_from_source(str(cli))).is_file()
    out = capsys.readouterr().out.splitlines()
    assert out[0] == f"`legcompare diff {old} {new} --format json`, one process"
    starts = [i for i, line in enumerate(out) if " s under cProfile, " in line]
    assert [out[i].split(":")[0] for i in starts] == [f"Before ({before})",
                                                      "After (this tree)"]
    for i in starts:
        assert out[i + 2:i + 4] == ["| function | calls | own s | with callees s |",
                                    "|---|---:|---:|---:|"]
        assert all(row.match(line) for line in out[i + 4:i + 7]), out[i + 4:i + 7]
    # the functions' names: the package's modules by their path in it, built-ins as cProfile
    # names them
    assert hotspots.name(("/x/site/legcompare/split/scan.py", 220, "Scanner._line")) == \
        "legcompare/split/scan.py:220 Scanner._line"
    assert hotspots.name(("~", 0, "<method 'search' of 're.Pattern' objects>")) == \
        "<method 'search' of 're.Pattern' objects>"


def test_hotspots_says_in_one_line_when_the_command_fails(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    missing = tmp_path / "missing.txt"
    assert hotspots.main(["outline", str(missing)]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith(f"hotspots: legcompare outline {missing} ")
    assert "failed (exit 2): legcompare: error:" in err[0]
    with pytest.raises(SystemExit):
        hotspots.main(["--reference", str(tmp_path), "outline", str(missing)])  # no package


@pytest.mark.corpus
def test_timeline_shows_each_stage_in_its_process(
        corpus: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    # 450 KB a side: long enough for a forked process to split the old text
    monkeypatch.delenv("LEGCOMPARE_JOBS", raising=False)
    bp.build_pairs(corpus, tmp_path, [450_000], seed=SEED)
    old, new = tmp_path / "pair-450kb-old.txt", tmp_path / "pair-450kb-new.txt"
    assert timeline.main(["diff", str(old), str(new), "--format", "json"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[:5] == [f"`legcompare diff {old} {new} --format json`", "", "This tree:", "",
                       "| process | stage | from s | to s | seconds |"]
    rows = [line.split(" | ") for line in out[6:] if line.startswith("| ")]
    stages = [(row[0][2:], row[1]) for row in rows]
    old_chars, new_chars = (len(load_path(side).text) for side in (old, new))
    # (the forked process reads and splits the old text while this one reads and splits the
    # new one: which of the two starts first is a matter of microseconds)
    assert [stage for process, stage in stages if process == "this"] == [
        "imports", f"read ({new})", f"split ({new_chars:,} characters)",
        "alignment keys", "rules", "receive a forked process's result",
        "clauses made again from what it sent", "judge set-up",
        "mode", "align", "pairs: diff and judge", "· receive a forked process's result",
        "report", "write", "exit"]
    assert [(process, stage) for process, stage in stages if process != "this"] == [
        ("forked 1", "its share"), ("forked 1", f"· read ({old})"),
        ("forked 1", f"· split ({old_chars:,} characters)"),
        ("forked 2", "pairs: diff and judge: its share")]
    at = {stage: float(row[2]) for row, (_, stage) in zip(rows, stages, strict=True)}
    assert at["its share"] >= float(rows[0][3])  # forked once the imports were done
    assert abs(at["its share"] - at[f"read ({new})"]) < 0.1  # the two texts read at once
    assert at["pairs: diff and judge"] <= at["pairs: diff and judge: its share"]
    starts = [float(row[2]) for row in rows]
    assert starts == sorted(starts)
    for row in rows:  # from, to, seconds
        start, end, seconds = float(row[2]), float(row[3]), float(row[4].rstrip(" |"))
        assert start <= end and abs(end - start - seconds) <= 0.011, row
    assert re.fullmatch(r"- wall \d+\.\d\d s \(exit code 0\); CPU \d+\.\d\d s in all its "
                        r"processes, so at least \d+\.\d\d s on \d+ cores however the work "
                        r"were shared", out[-2])
    assert re.fullmatch(r"- after the texts were split, this process worked \d+\.\d\d s more",
                        out[-1])


def test_timeline_names_a_stage_it_cannot_find(
        monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
        ) -> None:
    text = tmp_path / "law.txt"
    text.write_text(OLD_SNIPPET, encoding="utf-8")
    monkeypatch.setattr(timeline, "STAGES", (*timeline.STAGES,
                                             ("legcompare.compare", "renamed_away", "gone")))
    assert timeline.main(["diff", str(text), str(text)]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert err == [(f"timeline: legcompare diff {text} {text} (in {timeline.REPO}) failed "
                    "(exit 3): timeline: legcompare.compare has no renamed_away (renamed? "
                    "update STAGES)")]


def test_shapes_writes_each_pattern_n_times_and_reports_every_command(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert shapes.provisos(3).count("Provided") == 6
    assert shapes.renumbered(3).count("SEC. 500") == 3 and "shall" not in shapes.renumbered(3)
    assert shapes.dashes(7).count("—\n") == 7 and shapes.quotes(4).count("”") == 5
    assert shapes.amounts_changed(3).count(",500 to") == 3
    assert shapes.chained_bill(30).count("by striking") == 3 == shapes.chained_law(30).count("w")
    assert shapes.chained_bill(30).endswith("“w2x” and inserting “v2y”; and\n(3) in paragraph (3), "
                                            "by striking “w3x” and inserting “v3y”.\n")
    # the repository's own package as the reference: every output the same, none failed
    report = tmp_path / "shapes.md"
    assert shapes.main(["--sizes", "2,4", "--corpus", str(tmp_path), "--reference",
                        str(shapes.REPO), "--out", str(report)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert report.read_text(encoding="utf-8").splitlines() == lines
    assert lines[0].startswith("| shape | command | n | s (this tree, 2×) | s (reference, 2×) "
                               "| output |")
    body = [line.split(" | ") for line in lines[2:]]
    assert [(row[0], row[1]) for row in body] == [
        ("| provisos", "covers"), ("| provisos", "diff"), ("| sections each defining", "covers"),
        ("| unlabelled definitions", "covers"), ("| amounts in one provision", "covers"),
        ("| amounts in one provision", "diff"), ("| provisos", "diff --mode cross"),
        ("| renumbered rewrite", "diff --mode versions"), ("| dash-ended labels", "outline"),
        ("| quotes in quotes", "outline"), ("| chained instructions (n ÷ 10)", "current")]
    # (no corpus in tmp_path: no real pairs)
    for row in body:
        assert row[2] == "2 / 4" and row[5] == row[8] == "same", row
        assert all(re.fullmatch(r"\d+\.\d\d", cell) for cell in (row[3], row[4], row[6], row[7]))


def test_shapes_only_runs_the_shapes_named(capsys: pytest.CaptureFixture[str]) -> None:
    assert shapes.main(["--sizes", "10,20", "--only", "chained"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 3  # (the head, its rule, one shape; no real pairs)
    assert lines[2].startswith("| chained instructions (n ÷ 10) | current | 10 / 20 | ")


def test_shapes_refuses_sizes_it_cannot_use(capsys: pytest.CaptureFixture[str]) -> None:
    for sizes in ("2", "2,x", "0,4"):
        with pytest.raises(SystemExit) as exit_:
            shapes.main(["--sizes", sizes])
        assert exit_.value.code == 2
    assert "--sizes" in capsys.readouterr().err


def test_compiled_copy_imports_its_module_compiled_and_writes_the_same_bytes(
        tmp_path: Path, corpus: Path) -> None:
    why = compiled.missing_toolchain()
    if why is not None:
        pytest.skip(f"mypyc cannot build here: {why}")
    done = compiled.build(tmp_path, ["legcompare/ids.py"])
    assert done == ["legcompare.ids"]
    assert bench.compiled_modules(tmp_path) == 1  # (mypyc's shared library is no module)
    assert not (tmp_path / "build").exists()  # (the C sources are not kept)
    # the ids of a real bill's clauses, made by the compiled module, are the interpreted ones
    text = corpus / "us-federal-hr2157-116-enrolled.txt"
    outlines = [subprocess.run([sys.executable, "-m", "legcompare", "outline", str(text),
                                "--format", "json"], cwd=where, capture_output=True,
                               check=True).stdout for where in (tmp_path, REPO)]
    assert outlines[0] == outlines[1]
    assert b'"id": "t-i/p1/proviso-1"' in outlines[0]


def test_compiled_says_in_one_line_what_failed(tmp_path: Path) -> None:
    (tmp_path / "legcompare").mkdir()
    with pytest.raises(compiled.BuildError, match="exists already"):
        compiled.build(tmp_path, ["legcompare/ids.py"])
    why = compiled.missing_toolchain()
    if why is not None:
        pytest.skip(f"mypyc cannot build here: {why}")
    with pytest.raises(compiled.BuildError, match=r"^mypyc failed \(exit [12]\): .*nowhere"):
        compiled.build(tmp_path / "fresh", ["legcompare/nowhere.py"])


def test_module_names_of_compiled_paths() -> None:
    assert compiled.module_name("legcompare/split/__init__.py") == "legcompare.split"
    assert compiled.module_name("legcompare/assess/roles.py") == "legcompare.assess.roles"
    assert all(path.startswith("legcompare/") and path.endswith(".py")
               for path in compiled.COMPILED)


def test_run_times_a_compiled_copy_beside_the_shipped_code(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_:
        bench.main(["--compiled", str(tmp_path), "--sizes", "1"])
    assert exit_.value.code == 2
    assert f"--compiled: {tmp_path} holds no compiled copy" in capsys.readouterr().err
    commands = bench.with_copy(bench.COMMANDS, tmp_path, bench.COMPILED)
    names = [c.name for c in commands]
    json_row = names.index("legcompare diff OLD NEW --format json")
    assert names[json_row + 1] == "compiled: legcompare diff OLD NEW --format json"
    assert commands[json_row + 1].cwd == tmp_path and commands[json_row].cwd is None
    assert len(commands) == len(bench.COMMANDS) + 5  # diff json, html, docx; outline; covers


@pytest.mark.corpus
def test_run_times_another_checkouts_package_beside_this_one(
        pair_files: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    """``--reference DIR`` times the package of another checkout in the same run, from a
    copy taken at the start, each legcompare row followed by its reference row."""
    with pytest.raises(SystemExit) as exit_:
        bench.main(["--reference", str(tmp_path), "--sizes", "0.2"])
    assert exit_.value.code == 2
    assert f"--reference: {tmp_path} holds no legcompare package" in capsys.readouterr().err
    # another checkout: a copy of this one whose package says so
    other = tmp_path / "other"
    shutil.copytree(bench.REPO / "legcompare", other / "legcompare",
                    ignore=shutil.ignore_patterns("__pycache__"))
    init = other / "legcompare" / "__init__.py"
    init.write_text(init.read_text() + "\n# the reference\n")
    floor, json_diff = bench.COMMANDS[0], next(
        c for c in bench.COMMANDS if c.name == "legcompare diff OLD NEW --format json")
    monkeypatch.setattr(bench, "COMMANDS", [floor, json_diff])
    out = tmp_path / "report.md"
    code = bench.main(["--reference", str(other), "--sizes", "0.2", "--repeat", "1",
                       "--data", str(pair_files[0].parent), "--out", str(out)])
    assert code == 0
    text = out.read_text(encoding="utf-8")
    rows = [cells[1] for cells in (line.split(" | ") for line in text.splitlines())
            if cells[0] == "| 200kb" and len(cells) > 3]  # (the timings, not the input sizes)
    assert rows == ["Python floor: read + tokenize both", "legcompare diff OLD NEW --format json",
                    "reference: legcompare diff OLD NEW --format json"]
    mine, theirs = (bench.snapshot(tmp_path / name, checkout)
                    for name, checkout in (("a", bench.REPO), ("b", other)))
    assert mine != theirs
    assert f"measured on a copy taken at the start (sha256 {mine[:16]}…)" in text
    assert (f"; rows marked reference: {other} (no git commit), measured on a copy taken at "
            f"the start (sha256 {theirs[:16]}…)") in text


def test_a_reference_row_follows_each_shipped_row_before_a_compiled_one(tmp_path: Path
                                                                        ) -> None:
    commands = bench.with_copy(bench.with_copy(bench.COMMANDS, tmp_path / "c", bench.COMPILED),
                               tmp_path / "r", bench.REFERENCE)
    names = [c.name for c in commands]
    json_row = names.index("legcompare diff OLD NEW --format json")
    assert names[json_row + 1:json_row + 3] == [
        "reference: legcompare diff OLD NEW --format json",
        "compiled: legcompare diff OLD NEW --format json"]
    assert commands[json_row + 1].cwd == tmp_path / "r"


@pytest.mark.parametrize(("prefix", "copy"), [(bench.COMPILED, "compiled copy"),
                                              (bench.REFERENCE, "reference copy")])
def test_the_targets_are_given_for_each_copy_from_its_own_rows(
        tmp_path: Path, prefix: str, copy: str) -> None:
    commands = bench.with_copy(bench.COMMANDS, tmp_path, prefix)
    results = []
    timed = {"Python floor": 1.0, "difflib.HtmlDiff": 3.0,
             "legcompare diff OLD NEW --format json": 6.0,
             f"{prefix}legcompare diff OLD NEW --format json": 4.5}
    for command in commands:
        seconds = next((v for k, v in timed.items() if command.name.startswith(k)), None)
        if seconds is not None:
            results.append(bench.Result("10mb", command, [bench.Run(seconds, 1024, 0)]))
    lines = bench._targets(results)
    floor = "× floor (legcompare's tokens)"
    assert f"| `diff --format json`, 10 MB, {floor} | ≤ 5× | 6.0× (not met) |" in lines
    assert f"| `diff --format json` ({copy}), 10 MB, {floor} | ≤ 5× | 4.5× (met) |" in lines
    assert (f"| `diff --format json` ({copy}), 10 MB, against `difflib.HtmlDiff` | faster | "
            "4.5 s vs 3.0 s (slower) |") in lines
    other = "reference copy" if prefix == bench.COMPILED else "compiled copy"
    assert not any(f"({other})" in line for line in lines)  # (no rows of it were timed)
