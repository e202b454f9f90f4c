"""The README's examples run, and the output it shows is what legcompare prints."""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from legcompare.cli import main

README = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
CONSOLE = re.compile(r"```console\n\$ (?P<cmd>[^\n]+)\n(?P<out>.*?)```", re.S)
PYTHON = re.compile(r"```python\n(?P<code>.*?)```", re.S)
CI = (Path(__file__).resolve().parent.parent / ".ci" / "run").read_text(encoding="utf-8")


@pytest.mark.corpus
@pytest.mark.parametrize("example", [m.groupdict() for m in CONSOLE.finditer(README)],
                         ids=lambda e: e["cmd"][:40])
def test_console_examples_print_what_the_readme_shows(corpus: Path,
                                                      example: dict[str, str]) -> None:
    args = shlex.split(example["cmd"])[1:]
    args = [str(corpus / a) if (corpus / a).is_file() else a for a in args]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.stderr
    shown = example["out"].splitlines()
    assert result.stdout.splitlines()[:len(shown)] == shown


@pytest.mark.corpus
def test_python_example_runs(corpus: Path) -> None:
    code = PYTHON.search(README)
    assert code is not None
    proc = subprocess.run([sys.executable, "-c", code.group("code")], cwd=corpus,
                          capture_output=True, text=True, check=False,
                          env={**os.environ, "LEGCOMPARE_OFFLINE": "1"})
    assert proc.returncode == 0, proc.stderr
    lines = proc.stdout.splitlines()
    assert "s1/q/676-b/1 S. 4457 § 1 (adding N.Y. Gen. Bus. Law § 676-b(1))" in lines
    assert "added S. 4457-A § 1 (adding N.Y. Gen. Bus. Law § 676-e)" in lines


def test_ci_runs_the_readme_test_command() -> None:
    commands = [line.strip() for line in README.splitlines() if "pytest" in line]
    assert commands[0] in CI
