"""The package's public names, and what importing it costs.

Each check runs in a fresh interpreter: what is imported, and in which order, is the point.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest


def _run(code: str) -> str:
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


@pytest.mark.parametrize("first", ["legcompare.covers.extract", "legcompare.split.scan",
                                   "legcompare.compare", "legcompare.preempt.classify",
                                   "legcompare.history", "legcompare.resolve"])
def test_public_functions_whatever_was_imported_first(first: str) -> None:
    # importing a subpackage binds its name in the package; the public function must win
    out = _run(f"import {first}\nimport legcompare as L\n"
               "print(' '.join(f'{n}={getattr(L, n).__module__}.{getattr(L, n).__name__}' "
               "for n in ('against_current', 'compare', 'covers', 'history', 'load', "
               "'preempt', 'split')))")
    assert out.split() == [
        "against_current=legcompare.current_law.against_current",
        "compare=legcompare.compare.compare",
        "covers=legcompare.covers.matrix.covers",
        "history=legcompare.history.history",
        "load=legcompare.resolve.resolve",
        "preempt=legcompare.preempt.preempt",
        "split=legcompare.split.split",
    ]


def test_from_import_gives_the_functions_and_dir_lists_them() -> None:
    out = _run("from legcompare import covers, split\nimport legcompare\n"
               "print(covers.__qualname__, split.__qualname__, "
               "set(legcompare.__all__) <= set(dir(legcompare)))")
    assert out == "covers split True"


def test_unknown_name_is_an_attribute_error() -> None:
    out = _run("import legcompare\ntry:\n    legcompare.nothing\n"
               "except AttributeError as e:\n    print(e)")
    assert out == "module 'legcompare' has no attribute 'nothing'"


def test_the_cli_imports_no_stage_until_a_command_needs_it() -> None:
    # `legcompare --version` or `--help` must not pay for splitting, judging or covers
    out = _run("import sys\nimport legcompare.cli\n"
               "print(sorted(m for m in ('legcompare.split', 'legcompare.compare', "
               "'legcompare.assess', 'legcompare.covers', 'legcompare.preempt', "
               "'legcompare.current_law', 'legcompare.history') if m in sys.modules))")
    assert out == "[]"


def _imported_by(*args: str) -> tuple[str, set[str]]:
    """What ``legcompare ARGS`` prints, and the modules it imports (``-X importtime``)."""
    done = subprocess.run([sys.executable, "-X", "importtime", "-m", "legcompare", *args],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    return done.stdout, {line.rsplit("|", 1)[-1].strip() for line in done.stderr.splitlines()
                         if line.startswith("import time:")}


def _diff_of(tmp_path: Path, old_text: str, new_text: str, *args: str) -> tuple[str, set[str]]:
    old, new = tmp_path / "old.txt", tmp_path / "new.txt"
    old.write_text(old_text, encoding="utf-8")
    new.write_text(new_text, encoding="utf-8")
    return _imported_by("diff", str(old), str(new), *args)


_BAN_OLD = "SEC. 1. BAN.\n(a) No agency shall use face recognition.\n"
_BAN_NEW = "SEC. 1. BAN.\n(a) No agency may use face recognition.\n"


def test_a_diff_of_short_texts_imports_no_process_machinery(tmp_path: Path) -> None:
    # a second process is only for long texts; a short diff does not even import it
    out, imported = _diff_of(tmp_path, _BAN_OLD, _BAN_NEW)
    assert "1 provision weaker" in out
    assert "legcompare.parallel" in imported and "multiprocessing" not in imported


def test_only_a_changed_amending_instruction_imports_the_instruction_grammar(
        tmp_path: Path) -> None:
    # the grammar of amending instructions (legcompare.amend, 52 patterns) is read only where a
    # changed instruction is judged by what it writes; quoted matter's target is not in it
    _, imported = _diff_of(tmp_path, _BAN_OLD, _BAN_NEW, "--format", "markdown")
    assert "legcompare.quoted_matter" in imported and "legcompare.amend" not in imported
    out, imported = _diff_of(
        tmp_path,
        "SEC. 2. PENALTY.\nSection 5 of the Privacy Act is amended by striking “$500” and "
        "inserting “$1,000”.\n",
        "SEC. 2. PENALTY.\nSection 5 of the Privacy Act is amended by striking “$500” and "
        "inserting “$5,000”.\n", "--format", "markdown")
    assert "legcompare.amend" in imported
    assert ("The instruction now inserts “$5,000” for “$500” in Section 5 of the Privacy Act, "
            "where it inserted “$1,000”: $1,000 became $5,000") in out


def test_preempt_of_one_law_compares_nothing_and_imports_no_comparison(tmp_path: Path) -> None:
    upper, lower = tmp_path / "upper.txt", tmp_path / "lower.txt"
    upper.write_text("SEC. 1. BAN.\n(a) No agency shall use face recognition.\nSEC. 2. "
                     "PREEMPTION.\nNothing in this Act shall be construed to preempt any State "
                     "law that provides greater protection.\n", encoding="utf-8")
    lower.write_text("SEC. 1. BAN.\n(a) No agency or person shall use face recognition or gait "
                     "recognition.\n", encoding="utf-8")
    comparing = {"legcompare.compare", "legcompare.align", "legcompare.assess.judge",
                 "rapidfuzz"}
    out, imported = _imported_by("preempt", str(upper))
    assert "1 preemption clause (1 floor)\n" in out
    assert not comparing & imported
    out, imported = _imported_by("preempt", str(upper), str(lower))  # a lower law: compared
    assert "1 preemption clause (1 floor); 1 finding: 0 erased, 1 saved, 0 undecided" in out
    assert "SAVED  lower.txt § 1(a)  [lower 1 · s1/a]" in out
    assert comparing <= imported


def test_covers_of_laws_without_a_baseline_imports_no_comparison(tmp_path: Path) -> None:
    one, two = tmp_path / "one.txt", tmp_path / "two.txt"
    one.write_text(_BAN_OLD, encoding="utf-8")
    two.write_text("SEC. 1. BAN.\n(a) No agency may collect biometric data.\n", encoding="utf-8")
    comparing = {"legcompare.compare", "legcompare.align", "legcompare.assess.judge"}
    out, imported = _imported_by("covers", str(one), str(two))
    assert "Who is covered (actors)\n  one.txt: agency\n  two.txt: agency\n" in out
    assert not comparing & imported
    out, imported = _imported_by("covers", str(one), str(two), "--baseline", str(one))
    assert "[baseline]" in out and comparing <= imported


def test_only_an_html_history_imports_the_template_engine(tmp_path: Path) -> None:
    old, new = tmp_path / "h1.txt", tmp_path / "h2.txt"
    old.write_text(_BAN_OLD, encoding="utf-8")
    new.write_text(_BAN_NEW, encoding="utf-8")
    out, imported = _imported_by("history", str(old), str(new))
    assert "h2 (h1 → h2, versions): 1 provision weaker; 1 modified, 1 unchanged" in out
    assert "jinja2" not in imported
    out, imported = _imported_by("history", str(old), str(new), "--format", "html")
    assert out.startswith("<!DOCTYPE html>") and "jinja2" in imported


def test_outline_reads_roles_without_importing_the_judge(tmp_path: Path) -> None:
    # the splitter gives every clause its role (legcompare.assess.roles); the judge, its rule
    # files and its engine are for comparisons
    doc = tmp_path / "ban.txt"
    doc.write_text(_BAN_OLD, encoding="utf-8")
    out, imported = _imported_by("outline", str(doc), "--format", "json")
    section = json.loads(out)["clauses"][0]
    assert (section["id"], section["children"][0]["id"], section["children"][0]["role"]) == (
        "s1", "s1/a", "prohibition")
    assert "legcompare.assess.roles" in imported
    assert not imported & {"legcompare.assess.judge", "legcompare.assess.engine",
                           "legcompare.assess.rules", "legcompare.amend"}
