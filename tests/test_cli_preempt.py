"""``legcompare preempt`` from the outside: terminal, Markdown and JSON, -o, bad and hostile
input."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from legcompare.cli import main

S3779 = "us-federal-s3779-119-introduced.txt"
HR4695 = "us-federal-hr4695-119-introduced.txt"
PEN_832_19 = "us-ca-pen-832.19-2019-chaptered.txt"
A3712 = "us-ny-a3712-2023-introduced.txt"


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


@pytest.mark.corpus
def test_terminal_report_of_ice_out_over_two_state_laws(corpus: Path) -> None:
    code, out, err = run("preempt", str(corpus / S3779), str(corpus / PEN_832_19),
                         str(corpus / A3712))
    assert code == 0
    assert err.startswith("warning: Cal. Penal Code § 832.19")
    lines = out.splitlines()
    assert lines[0] == ("upper: S. 3779 (119th Cong.), ICE Out of Our Faces Act, as introduced "
                        "· version is · February 4, 2026")
    assert lines[1].startswith("lower 1: Cal. Penal Code § 832.19")
    assert lines[2].startswith("lower 2: N.Y. A. 3712 (2023–2024)")
    headline = lines[lines.index("") + 1]
    assert re.fullmatch(r"1 preemption clause \(1 conflict\); (\d+) findings: 0 erased, 0 saved, "
                        r"\1 undecided", headline), headline
    at = lines.index("CONFLICT  S. 3779, 119th Cong. § 3(e)  [s3/e]")
    assert lines[at + 4:at + 6] == ["  scope: “any Federal, State, or local law”",
                                    "  actors: “covered immigration officers”"]
    at = lines.index("UNDECIDED  A. 3712 § 1 (adding N.Y. Exec. Law § 837-x(2))  "
                     "[lower 2 · s1/q/837-x/2]")
    assert lines[at + 1] == ("    2. NO POLICE AGENCY, POLICE OFFICER OR PEACE OFFICER SHALL "
                             "INSTALL, ACTIVATE OR USE ANY")
    assert lines[at + 4] == "  verdict: stronger, no counterpart in the upper law"
    assert lines[at + 5] == (
        "  note: Undecided: no common regulated actor — S. 3779, 119th Cong. § 3(e) (conflict) "
        "concerns “covered immigration officer”, this provision binds “police agency”, “police "
        "officer”, “peace officer”.")
    assert "\x1b[" not in out


@pytest.mark.corpus
def test_json_has_the_contract_shape(corpus: Path) -> None:
    code, out, _ = run("preempt", str(corpus / HR4695), str(corpus / A3712), "--format", "json")
    assert code == 0
    data = json.loads(out)
    assert list(data) == ["schema", "generator", "upper", "lower", "clauses", "findings",
                          "notes"]
    assert data["schema"] == "legcompare.preempt/1"
    assert data["upper"]["document"] == "hr4695-119"
    assert [d["document"] for d in data["lower"]] == ["a3712-2023"]
    (clause,) = data["clauses"]
    assert list(clause) == ["id", "citation", "text", "kind", "also", "scope", "actors",
                            "reasons"]
    assert (clause["id"], clause["kind"], clause["also"]) == ("s202/a", "floor", [])
    assert [r["rule"] for r in clause["reasons"]] == ["floor.savings", "floor.greater-protection"]
    first = data["findings"][0]
    assert list(first) == ["lower", "provision", "counterpart", "verdict", "fate", "because",
                           "note"]
    rows = {f["provision"]["id"]: (f["lower"], f["verdict"], f["fate"],
                                    f["counterpart"]["id"] if f["counterpart"] else None)
            for f in data["findings"]}
    assert {i: rows[i] for i in ("s1/q/837-x/2", "s1/q/837-x/3", "s2/q/236/2", "s2/q/236/3")} == {
        "s1/q/837-x/2": (0, "mixed", "saved", "s102/b"),
        "s1/q/837-x/3": (0, "stronger", "saved", None),
        "s2/q/236/2": (0, "stronger", "saved", None),
        "s2/q/236/3": (0, "stronger", "saved", None)}
    assert {fate for _, _, fate, _ in rows.values()} == {"saved"}
    assert all(f["because"] == ["s202/a"] and f["note"].endswith(
        "implied conflict preemption remains possible.") for f in data["findings"])


@pytest.mark.corpus
def test_markdown_and_output_file(corpus: Path, tmp_path: Path) -> None:
    target = tmp_path / "report.md"
    code, out, _ = run("preempt", str(corpus / HR4695), str(corpus / A3712), "--format",
                       "markdown", "-o", str(target))
    assert (code, out) == (0, "")
    text = target.read_text(encoding="utf-8")
    assert text.startswith("# Preemption: H.R. 4695 (119th Cong.), Facial Recognition Act of "
                           "2025, as introduced\n\n**1 preemption clause (1 floor); ")
    assert re.search(r"; (\d+) findings: 0 erased, \1 saved, 0 undecided\*\*\n", text)
    assert "### H.R. 4695, 119th Cong. § 202(a) — floor" in text
    assert "| 1 | A. 3712 § 1 (adding N.Y. Exec. Law § 837-x(2)) | mixed | saved | s202/a |" \
        in text
    assert list(tmp_path.iterdir()) == [target]


def test_clauses_only_and_hostile_text(tmp_path: Path) -> None:
    upper = tmp_path / "upper.txt"
    upper.write_text("SEC. 1. PREEMPTION.\nNo State may adopt or enforce any law relating to "
                     "<script>alert(1)</script> face \x1b[31mprints.\n", encoding="utf-8")
    code, out, _ = run("preempt", str(upper))
    assert code == 0
    assert "1 preemption clause (1 ceiling)" in out.splitlines()
    assert "\x1b" not in out and "␛[31mprints." in out
    code, out, _ = run("preempt", str(upper), "--format", "markdown")
    assert code == 0
    assert "&lt;script&gt;" in out and "<script>" not in out


def test_bad_input_exits_2_and_writes_nothing(tmp_path: Path) -> None:
    upper = tmp_path / "upper.txt"
    upper.write_text("SEC. 1. No State may adopt any law relating to faces.\n")
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\x00\x01\x02" * 100)
    target = tmp_path / "out.json"
    code, out, err = run("preempt", str(upper), str(bad), "--format", "json", "-o", str(target))
    assert code == 2 and out == ""
    assert err.startswith("legcompare: error: ") and err.count("\n") == 1
    assert not target.exists()
