"""``legcompare diff`` from the outside: formats, selection, exit codes, bad input."""

from __future__ import annotations

import gc
import json
import os
import signal
import subprocess
import sys
import urllib.request
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from legcompare import cli
from legcompare.cli import main

OLD = ("SEC. 1. SHORT TITLE.\nThis Act may be cited as the Test Act.\nSEC. 2. BAN.\n"
       "(a) No agency shall use a face recognition system.\n(b) Reports are due yearly.\n")
NEW = OLD.replace("yearly", "monthly")


def files(tmp_path: Path, old: str = OLD, new: str = NEW) -> tuple[str, str]:
    a, b = tmp_path / "old.txt", tmp_path / "new.txt"
    a.write_text(old)
    b.write_text(new)
    return str(a), str(b)


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_terminal_output_marks_words_without_colour(tmp_path: Path) -> None:
    code, out, _ = run("diff", *files(tmp_path))
    assert code == 0
    assert "[-yearly-]{+monthly+}" in out
    assert "\x1b[" not in out  # not a terminal: no colour


def test_json_has_the_contract_shape(tmp_path: Path) -> None:
    code, out, _ = run("diff", *files(tmp_path), "--format", "json")
    assert code == 0
    data = json.loads(out)
    assert data["schema"] == "legcompare.diff/1"
    assert data["mode"] == "versions"
    modified = [p for p in data["pairs"] if p["status"] == "modified"]
    assert [(p["old"]["id"], p["new"]["id"]) for p in modified] == [("s2/b", "s2/b")]
    assert modified[0]["edits"] == [["equal", "(b) Reports are due "], ["delete", "yearly"],
                                    ["insert", "monthly"], ["equal", ".\n"]]
    assert data["summary"]["modified"] == 1 and data["summary"]["unchanged"] == 3


def test_exit_codes(tmp_path: Path) -> None:
    a, b = files(tmp_path)
    assert run("diff", a, b, "--exit-code")[0] == 1
    assert run("diff", a, a, "--exit-code")[0] == 0
    # "yearly" → "monthly" is judged by no rule (unclear): --fail-on weaker does not fire ...
    assert run("diff", a, b, "--fail-on", "weaker")[0] == 0
    # ... while "shall" → "may" in the ban is weaker, and not stronger.
    a2, b2 = files(tmp_path, OLD, OLD.replace("No agency shall use", "An agency may use"))
    assert run("diff", a2, b2, "--fail-on", "weaker")[0] == 1
    assert run("diff", a2, b2, "--fail-on", "stronger")[0] == 0
    assert run("diff", b2, a2, "--fail-on", "stronger")[0] == 1


@pytest.mark.parametrize(("fmt", "magic"), [("html", b"<!DOCTYPE html>"), ("csv", b"\xef\xbb\xbf"),
                                            ("docx", b"PK\x03\x04")])
def test_report_formats_are_written_whole_to_the_file(tmp_path: Path, fmt: str,
                                                        magic: bytes) -> None:
    target = tmp_path / f"report.{fmt}"
    code, out, err = run("diff", *files(tmp_path), "--format", fmt, "-o", str(target))
    assert (code, out, err) == (0, "", "")
    assert target.read_bytes().startswith(magic)
    assert not [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


def test_binary_report_to_a_terminal_is_refused(tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("sys.stdout.isatty", lambda: True, raising=False)
    from legcompare import cli
    with pytest.raises(cli.UsageError, match="--format docx writes a binary file"):
        cli._binary_needs_file("docx", None)
    cli._binary_needs_file("docx", "out.docx")  # a file is fine


def test_select_compares_one_subtree(tmp_path: Path) -> None:
    code, out, _ = run("diff", *files(tmp_path), "--format", "json", "--select", "s2/b")
    assert code == 0
    pairs = json.loads(out)["pairs"]
    assert [(p["old"]["id"], p["status"]) for p in pairs] == [("s2/b", "modified")]
    code, _, err = run("diff", *files(tmp_path), "--select", "s9")
    assert code == 2
    assert err == "legcompare: error: no clause with id 's9' in either document\n"


def test_only_changed_and_output_file(tmp_path: Path) -> None:
    out = tmp_path / "report.md"
    code, stdout, _ = run("diff", *files(tmp_path), "--format", "markdown", "--only-changed",
                          "-o", str(out))
    assert code == 0 and stdout == ""
    text = out.read_text(encoding="utf-8")
    assert "monthly" in text and "face recognition" not in text


def test_only_changed_shows_a_renumbering_once_where_it_happened(tmp_path: Path) -> None:
    """A section inserted before SEC. 2 makes it SEC. 3: (a) is now § 3(a) only because of
    that, and the section's line says so; (b) struck makes (c) the new (b), a number of its
    own. Without ``--only-changed`` every pair is listed, (a) with its new number too."""
    old = OLD.replace("yearly.\n", "yearly.\n(c) Each report is public.\n")
    new = old.replace("SEC. 2. BAN.", "SEC. 2. FINDINGS.\nCameras are everywhere.\nSEC. 3. BAN.")
    new = new.replace("(b) Reports are due yearly.\n(c)", "(b)")
    code, out, _ = run("diff", *files(tmp_path, old, new), "--only-changed")
    assert code == 0
    heads = [line for line in out.splitlines() if line[:2] in ("= ", "~ ", "+ ", "- ")]
    assert heads == [
        "+ new.txt § 2  descriptive",  # (findings added: neutral, and said so)
        "= old.txt § 2 → new.txt § 3  renumbered (s2 → s3)",
        "- old.txt § 2(b)  UNCLEAR",
        "= old.txt § 2(c) → new.txt § 3(b)  renumbered (s2/c → s3/b)",
    ]
    assert out.endswith("\n(2 unchanged provisions not shown, 1 of them renumbered with the "
                        "provision it sits in)\n")
    code, out, _ = run("diff", *files(tmp_path, old, new))
    assert "= old.txt § 2(a) → new.txt § 3(a)  renumbered (s2/a → s3/a)" in out.splitlines()


@pytest.mark.parametrize("bad", [b"\x00\x01\x02" * 100, b"caf\xe9 \xfa not utf8"])
def test_bad_input_exits_2_and_writes_nothing(tmp_path: Path, bad: bytes) -> None:
    a, _ = files(tmp_path)
    b = tmp_path / "bad.txt"
    b.write_bytes(bad)
    out = tmp_path / "never.json"
    code, stdout, err = run("diff", a, str(b), "--format", "json", "-o", str(out))
    assert code == 2 and stdout == "" and err.count("\n") == 1
    assert not out.exists()


def _command(*args: str, **kwargs: Any) -> subprocess.CompletedProcess[bytes]:
    """The real command, ``python -m legcompare``, which ends with ``cli.run``'s fast exit."""
    return subprocess.run([sys.executable, "-m", "legcompare", *args], capture_output=True,
                          check=False, timeout=120, **kwargs)


def test_the_command_writes_everything_and_exits_with_its_status(tmp_path: Path) -> None:
    old, new = files(tmp_path)
    done = _command("diff", old, new, "--format", "json")
    assert done.returncode == 0 and done.stderr == b""
    assert json.loads(done.stdout)["summary"]["modified"] == 1  # all of it, flushed
    assert _command("diff", old, new, "--exit-code").returncode == 1
    assert _command("diff", old, old, "--exit-code").returncode == 0
    missing = _command("diff", str(tmp_path / "nothing.txt"), new)
    assert missing.returncode == 2 and missing.stdout == b""
    assert missing.stderr.decode().count("\n") == 1
    assert missing.stderr.startswith(b"legcompare: error: ")
    version = _command("--version")
    assert version.returncode == 0 and version.stdout.startswith(b"legcompare, version ")
    usage = _command("diff")
    assert usage.returncode == 2 and b"Missing argument" in usage.stderr
    out = tmp_path / "report.html"
    assert _command("diff", old, new, "--format", "html", "-o", str(out)).returncode == 0
    assert out.read_text(encoding="utf-8").rstrip().endswith("</html>")


def test_the_command_stops_quietly_when_its_reader_goes_away(tmp_path: Path) -> None:
    long_old = "".join(f"SEC. {n}. PART {n}.\n({n}) An agency shall report yearly.\n"
                       for n in range(1, 400))
    old, new = files(tmp_path, long_old, long_old.replace("yearly", "monthly"))
    command = [sys.executable, "-m", "legcompare", "diff", old, new, "--format", "json"]
    with subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE) as reader:
        assert reader.stdout is not None and reader.stderr is not None
        assert reader.stdout.read(100).startswith(b"{")
        reader.stdout.close()  # like `| head -c 100`
        assert reader.wait(timeout=120) == 0
        assert reader.stderr.read() == b""


@pytest.mark.parametrize(("command", "collecting"), [("diff", False), ("outline", False),
                                                     ("serve", True)])
def test_the_collector_is_off_only_where_the_process_ends_soon(command: str,
                                                              collecting: bool) -> None:
    was, thresholds = gc.isenabled(), gc.get_threshold()
    gc.enable()
    try:
        assert CliRunner().invoke(main, [command, "--help"]).exit_code == 0
        assert gc.isenabled()  # run by a caller in its own process: left on
        assert CliRunner().invoke(main, [command, "--help"], obj=cli._ENDS_SOON).exit_code == 0
        assert gc.isenabled() is collecting  # as run() runs it
    finally:
        (gc.enable if was else gc.disable)()
        gc.set_threshold(*thresholds)


def test_the_web_server_command_stops_cleanly_on_sigterm(tmp_path: Path) -> None:
    # run() runs the exit hooks before it leaves: the worker pools' semaphores are released
    command = [sys.executable, "-m", "legcompare", "serve", "--port", "0", "--workers", "1",
               "--store", str(tmp_path / "store")]
    env = dict(os.environ, TMPDIR=str(tmp_path))
    with subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                          env=env) as server:
        assert server.stdout is not None and server.stderr is not None
        url = server.stdout.readline().decode().strip()
        assert url.startswith("http://127.0.0.1:")
        with urllib.request.urlopen(url, timeout=60) as page:
            assert page.status == 200
        server.send_signal(signal.SIGTERM)
        assert server.wait(timeout=120) == 0
        errors = server.stderr.read().decode()
    assert "legcompare: stopped" in errors and "leaked" not in errors, errors
    assert not list(tmp_path.glob("legcompare-worker-*"))


def _on_a_terminal(*args: str) -> str:
    """What ``legcompare ARGS`` prints with its stdout and stderr on one terminal (a pty)."""
    import pty

    leader, follower = pty.openpty()
    with subprocess.Popen([sys.executable, "-m", "legcompare", *args], stdin=subprocess.DEVNULL,
                          stdout=follower, stderr=follower,
                          env={**os.environ, "NO_COLOR": "1"}) as child:
        os.close(follower)
        out = b""
        while True:  # (read as it writes: a terminal holds only a few kilobytes)
            try:
                chunk = os.read(leader, 1 << 16)
            except OSError:  # (EIO: the child closed the terminal)
                break
            if not chunk:
                break
            out += chunk
        assert child.wait(timeout=300) == 0
    os.close(leader)
    return out.decode()


@pytest.mark.corpus
@pytest.mark.parametrize("args", [
    ("diff", "{ca}", "{a3712}"),
    ("covers", "{ca}", "--format", "markdown"),
    ("preempt", "{hr4695}", "{ca}"),
    ("outline", "{ca}"),
    ("current", "{ab1034}", "{ca}"),
])
def test_a_law_not_in_force_is_said_once_on_a_terminal(corpus: Path, args: tuple[str, ...]
                                                       ) -> None:
    """Cal. Penal Code § 832.19 was repealed by its own terms: the report says so, and so did
    a line on stderr, both on the same screen. On a terminal the report's line is enough;
    where the report goes elsewhere (a pipe, a file) stderr still says it."""
    names = {"ca": corpus / "us-ca-pen-832.19-2019-chaptered.txt",
             "a3712": corpus / "us-ny-a3712-2023-introduced.txt",
             "hr4695": corpus / "us-federal-hr4695-119-introduced.txt",
             "ab1034": corpus / "us-ca-ab1034-2023-amended-asm-2023-05-01.txt"}
    filled = [a.format(**{k: str(v) for k, v in names.items()}) for a in args]
    seen = _on_a_terminal(*filled)
    assert sum(seen.count(said) for said in (
        "repealed by its own terms January 1, 2023 is not in force",
        "warning: this text is not in force", "note: the current text is not in force")) == 1
    piped = subprocess.run([sys.executable, "-m", "legcompare", *filled], capture_output=True,
                           text=True, timeout=300, check=True)
    assert "is not in force" in piped.stderr and "not in force" in piped.stdout


@pytest.mark.corpus
def test_a_long_old_file_read_by_a_second_process_gives_the_same_report_and_warnings(
        corpus: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Over ``PARALLEL_MIN_CHARS`` bytes, OLD is read by the process that splits it, while NEW
    is read here: the report and the stderr lines are those of one process doing both, the
    warning of a law not in force included."""
    from legcompare import parallel

    old, new = (str(corpus / "us-ca-pen-832.19-2019-chaptered.txt"),
                str(corpus / "us-ny-a3712-2023-introduced.txt"))
    monkeypatch.setenv("LEGCOMPARE_JOBS", "1")
    alone = run("diff", old, new, "--format", "json")
    monkeypatch.delenv("LEGCOMPARE_JOBS")
    monkeypatch.setattr(parallel, "PARALLEL_MIN_CHARS", 1)
    forked: list[int] = []
    real = parallel._read_aside

    def aside(*args: Any) -> Any:
        forked.append(1)
        return real(*args)

    monkeypatch.setattr(parallel, "_read_aside", aside)
    shared = run("diff", old, new, "--format", "json")
    assert forked == [1]
    assert shared == alone and alone[0] == 0
    assert "warning: Cal. Penal Code § 832.19" in alone[2] and "is not in force" in alone[2]


def test_an_old_file_a_second_process_cannot_read_is_one_line_and_exit_2(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from legcompare import parallel

    a, b = files(tmp_path)
    monkeypatch.setattr(parallel, "PARALLEL_MIN_CHARS", 1)
    monkeypatch.delenv("LEGCOMPARE_JOBS", raising=False)
    for broken in ((a, b), (a, str(tmp_path / "missing.txt"))):
        code, out, err = run("diff", *broken, "--max-bytes", "100")
        assert (code, out) == (2, "")
        assert err.count("\n") == 1 and "over the limit of 100 (see --max-bytes)" in err, err
        assert "old.txt" in err
    code, _, err = run("diff", a, str(tmp_path / "missing.txt"))
    assert code == 2 and "missing.txt" in err and err.count("\n") == 1


def test_the_size_of_a_file_or_a_stored_text_is_known_without_reading_it(
        tmp_path: Path) -> None:
    from legcompare.model import Provenance
    from legcompare.resolve import Resolver
    from legcompare.store import Store

    a, _ = files(tmp_path)
    store = tmp_path / "store"
    provenance = Provenance(jurisdiction="us-federal", document="hr2157-116", version="ih",
                            title="H.R. 2157", source="govinfo:116/hr/2157@ih", format="txt")
    Store(store).put("us-federal", "hr2157-116", "ih", b"SEC. 1. A TITLE.\n", provenance,
                     ext="txt")
    read = Resolver(store=store)
    assert read.size_of(a) == len(OLD.encode())
    assert read.size_of("us-federal/hr2157-116@ih") == 17  # stored
    assert read.size_of("govinfo:116/hr/2157@ih") == 17  # a source id fetched before
    assert read.size_of(f"{a}@before") is None  # a side of its markup: read, then made
    assert read.size_of(str(tmp_path)) is None  # a folder
    assert read.size_of(str(tmp_path / "missing.txt")) is None
    assert read.size_of("govinfo:116/hr/2157@enr") is None  # not fetched: nothing is fetched
    assert read.size_of("us-federal/hr2157-116@enr") is None
    assert not (store / "us-federal" / "hr2157-116" / "enr.json").exists()
