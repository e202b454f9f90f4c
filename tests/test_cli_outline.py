"""``legcompare outline`` from the outside: output, JSON contract, bad input."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from legcompare.cli import main


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_outline_text_of_a_snippet(tmp_path: Path) -> None:
    f = tmp_path / "bill.txt"
    f.write_text("SECTION 1. SHORT TITLE.\nThis Act may be cited as the Test Act.\n"
                 "SEC. 2. BAN.\n(a) No agency shall use it.\n(b) An agency may use it.\n")
    code, out, err = run("outline", str(f))
    assert code == 0, err
    lines = out.splitlines()
    assert lines[0] == "bill.txt · 4 clauses"
    assert [line.split()[0] for line in lines[2:]] == ["s1", "s2", "s2/a", "s2/b"]
    assert lines[4].endswith("— bill.txt § 2(a)")


def test_outline_json_follows_the_contract(tmp_path: Path) -> None:
    f = tmp_path / "bill.txt"
    text = "SEC. 2. BAN.\n(a) No agency shall use it.\n[... text not retrieved ...]\n"
    f.write_text(text)
    code, out, _ = run("outline", str(f), "--format", "json")
    assert code == 0
    data = json.loads(out)
    assert data["schema"] == "legcompare.outline/1"
    assert data["generator"]["name"] == "legcompare"
    assert len(data["generator"]["rules_sha256"]) == 64
    assert list(data["document"]) == [
        "jurisdiction", "document", "version", "title", "source", "url", "final_url",
        "retrieved_at", "version_date", "as_of", "in_force", "sha256", "format", "content_type",
        "license", "partial", "notes"]
    assert data["document"]["partial"] is True
    assert data["notes"] == [{"kind": "gap", "text": "[... text not retrieved ...]\n",
                              "span": [41, 41]}]
    s2 = data["clauses"][0]
    assert (s2["id"], s2["label"], s2["kind"], s2["span"]) == ("s2", "SEC. 2.", "section", [0, 13])
    assert [c["id"] for c in s2["children"]] == ["s2/a"]
    assert s2["children"][0]["text"] == "(a) No agency shall use it.\n"


def test_empty_file_is_a_document_with_no_clauses(tmp_path: Path) -> None:
    f = tmp_path / "empty.txt"
    f.write_bytes(b"")
    code, out, _ = run("outline", str(f), "--format", "json")
    assert code == 0
    assert json.loads(out)["clauses"] == []


@pytest.mark.parametrize(("content", "message"), [
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00", "not a text document: this looks like a PNG image"),
    (b"abc\x00def\x00" * 10, "not a text document: this looks like binary data"),
    (b"Sec. 1. caf\xe9 \xff\xfe", "not valid UTF-8 (byte 0xe9 at offset 11)"),
])
def test_bad_input_is_one_line_and_exit_2(tmp_path: Path, content: bytes, message: str) -> None:
    f = tmp_path / "bad.txt"
    f.write_bytes(content)
    code, out, err = run("outline", str(f))
    assert code == 2
    assert out == ""
    assert err.count("\n") == 1 and message in err and str(f) in err


def test_too_large_and_missing_files(tmp_path: Path) -> None:
    f = tmp_path / "big.txt"
    f.write_text("x" * 2000)
    code, _, err = run("outline", str(f), "--max-bytes", "1000")
    assert code == 2
    assert "2,000 bytes, over the limit of 1,000 (see --max-bytes)" in err
    code, _, err = run("outline", str(tmp_path / "nope.txt"))
    assert code == 2
    assert err == (f"legcompare: error: {tmp_path / 'nope.txt'}: no such file, source id or "
                   "stored text (see `legcompare list`)\n")


def test_windows_1252_needs_an_encoding_and_then_reads(tmp_path: Path) -> None:
    f = tmp_path / "cp.txt"
    f.write_bytes("SEC. 1. The State’s law.\n".encode("cp1252"))
    assert run("outline", str(f))[0] == 2
    code, out, _ = run("outline", str(f), "--encoding", "cp1252")
    assert (code == 0 and "The State’s law" in out) or "SEC. 1." in out


def test_output_file_is_written_atomically_and_not_on_error(tmp_path: Path) -> None:
    good = tmp_path / "a.txt"
    good.write_text("SEC. 1. A.\n")
    out = tmp_path / "out.json"
    assert run("outline", str(good), "--format", "json", "-o", str(out))[0] == 0
    assert json.loads(out.read_text())["clauses"][0]["id"] == "s1"
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\x00\x01" * 50)
    target = tmp_path / "never.json"
    assert run("outline", str(bad), "-o", str(target))[0] == 2
    assert not target.exists()
    assert list(tmp_path.glob(".*.tmp")) == []


def test_python_dash_m_works(tmp_path: Path) -> None:
    f = tmp_path / "b.txt"
    f.write_text("SEC. 1. A.\n")
    proc = subprocess.run([sys.executable, "-m", "legcompare", "outline", str(f)],
                          capture_output=True, text=True, check=False)
    assert proc.returncode == 0 and "s1" in proc.stdout


def test_output_to_a_device_or_pipe_writes_through_it(tmp_path: Path) -> None:
    """-o /dev/null (or a named pipe) is written to, never renamed over: as root, a rename
    would replace the device with a regular file."""
    import os
    import stat
    import threading

    doc = tmp_path / "a.txt"
    doc.write_text("SEC. 1. A.\n")
    assert run("outline", str(doc), "-o", os.devnull)[0] == 0
    assert stat.S_ISCHR(os.stat(os.devnull).st_mode)
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    got: list[bytes] = []
    reader = threading.Thread(target=lambda: got.append(fifo.read_bytes()))
    reader.start()
    assert run("outline", str(doc), "--format", "json", "-o", str(fifo))[0] == 0
    reader.join(timeout=10)
    assert json.loads(got[0])["clauses"][0]["id"] == "s1"
    assert stat.S_ISFIFO(os.stat(fifo).st_mode)


def test_output_file_gets_the_usual_permissions(tmp_path: Path) -> None:
    import os

    doc = tmp_path / "a.txt"
    doc.write_text("SEC. 1. A.\n")
    out = tmp_path / "out.txt"
    umask = os.umask(0o022)
    try:
        assert run("outline", str(doc), "-o", str(out))[0] == 0
    finally:
        os.umask(umask)
    assert out.stat().st_mode & 0o777 == 0o644  # not the temporary file's 0600
    out.chmod(0o600)
    assert run("outline", str(doc), "-o", str(out))[0] == 0
    assert out.stat().st_mode & 0o777 == 0o600  # an existing file keeps its permissions


def test_labels_nested_a_thousand_deep_still_make_every_report(tmp_path: Path) -> None:
    # Each item ends with a dash, as if it opened a list, and each amendment quotes another:
    # read literally, a tree deeper than Python's recursion (and orjson's nesting) allows.
    lines = ["SEC. 1. AMENDMENTS."]
    lines += [f"({'a1AiI'[i % 5]}) The agency shall—" for i in range(1000)]
    lines += ["(b) Section 2 of the Act (42 U.S.C. 1) is amended by adding the following:"]
    lines += [f"“SEC. {i + 3}. Section {i + 4} is amended by adding the following:"
              for i in range(600)]
    lines += ["“(a) The end.”" + "”" * 600 + "."]
    old, new = tmp_path / "old.txt", tmp_path / "new.txt"
    old.write_text("\n".join(lines) + "\n", encoding="utf-8")
    new.write_text("\n".join(lines).replace("shall", "may") + "\n", encoding="utf-8")
    code, out, err = run("outline", str(old), "--format", "json")
    assert code == 0, err
    assert len(json.loads(out)["clauses"]) == 1
    for fmt in ("json", "html", "docx"):
        report = tmp_path / f"report.{fmt}"
        code, _, err = run("diff", str(old), str(new), "--format", fmt, "-o", str(report))
        assert (code, err) == (0, ""), fmt
        assert report.stat().st_size > 0
