"""Shared fixtures. The real texts are read in place through ``corpus``; nothing is copied."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
DEFAULT_CORPUS = REPO.parent / "shared" / "corpus"


def corpus_dir() -> Path:
    """Where the corpus is: ``$LEGCOMPARE_CORPUS``, else ``../shared/corpus``."""
    return Path(os.environ.get("LEGCOMPARE_CORPUS", DEFAULT_CORPUS))


@pytest.fixture(scope="session")
def corpus() -> Path:
    """The real legislative texts. Skips with the reason when absent, unless
    ``LEGCOMPARE_REQUIRE_CORPUS=1`` (CI), where a missing corpus fails the run."""
    path = corpus_dir()
    if not (path / "MANIFEST.tsv").is_file():
        reason = (f"corpus not found at {path} (set LEGCOMPARE_CORPUS to the folder holding "
                  "MANIFEST.tsv)")
        if os.environ.get("LEGCOMPARE_REQUIRE_CORPUS") == "1":
            pytest.fail(reason + " and LEGCOMPARE_REQUIRE_CORPUS=1", pytrace=False)
        pytest.skip(reason)
    return path


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]):  # type: ignore[no-untyped-def]
    """Under ``LEGCOMPARE_REQUIRE_CORPUS=1`` (CI) nothing may skip: a test that would skip
    because the corpus or a tool (Chromium, pandoc, LibreOffice, pdftotext) is missing fails,
    with the skip's reason."""
    outcome = yield
    report = outcome.get_result()
    if report.skipped and os.environ.get("LEGCOMPARE_REQUIRE_CORPUS") == "1" and \
            not hasattr(report, "wasxfail"):
        reason = report.longrepr[2] if isinstance(report.longrepr, tuple) else report.longrepr
        report.outcome = "failed"
        report.longrepr = f"skipped in CI, where nothing may skip: {reason}"


REPORTS = pytest.StashKey[dict[str, str]]()
"""Tables tests want shown after the run (the gold agreement table): title → text."""


def pytest_configure(config: pytest.Config) -> None:
    config.stash[REPORTS] = {}


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter, exitstatus: int,
                            config: pytest.Config) -> None:
    for title, text in config.stash.get(REPORTS, {}).items():
        terminalreporter.write_sep("-", title)
        terminalreporter.write_line(text)
