"""``--format pdf`` of ``diff``, ``preempt``, ``covers`` and ``history``: the HTML report printed
by headless Chromium.

Guarantees of :func:`diff_pdf` (and :func:`preempt_pdf`, :func:`covers_pdf`,
:func:`history_pdf`) and :func:`print_pdf`:

* The PDF is the command's HTML report (:func:`~legcompare.render.html.diff_html`,
  :func:`~legcompare.render.preempt_html.preempt_html`, ...) as Chromium prints it, with the
  reports' own print CSS (landscape, page numbers, column headers on every page, a provision
  shorter than a page never split, a longer one's heading repeated on each page); the page
  is loaded from a ``file:`` URL in a fresh temporary directory and profile, both removed after.
* No browser installed: :class:`~legcompare.errors.ToolMissing`. A browser that fails, exits
  with an error or does not finish within ``timeout`` seconds (its whole process group is then
  killed): :class:`~legcompare.errors.LegcompareError` with a one-line message. Either way
  nothing is returned half-written.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import LegcompareError, ToolMissing
from ..model import Comparison
from .html import diff_html_bytes

if TYPE_CHECKING:  # the other reports load only when printed
    from ..covers.model import CoverageReport
    from ..history import History
    from ..preempt import Preemption

BROWSERS = ("chromium", "chromium-browser", "google-chrome")
"""Executables tried, in order, on ``PATH``."""
HEADLESS_FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update",
                  "--disable-sync")
"""Flags for every headless run: no sandbox (containers), no network chatter, no updates."""
TIMEOUT = 120.0
MISSING = "printing PDF needs headless Chromium (install the chromium package)"


def find_browser() -> str | None:
    """The first of :data:`BROWSERS` on ``PATH``, as a full path, or ``None``."""
    for exe in BROWSERS:
        found = shutil.which(exe)
        if found:
            return found
    return None


def diff_pdf(comparison: Comparison, *, timeout: float = TIMEOUT) -> bytes:
    """The diff report as PDF bytes (see the module docstring)."""
    return print_pdf(diff_html_bytes(comparison), timeout=timeout)


def preempt_pdf(result: Preemption, *, timeout: float = TIMEOUT) -> bytes:
    """The preemption report as PDF bytes."""
    from .preempt_html import preempt_html
    return print_pdf(preempt_html(result), timeout=timeout)


def covers_pdf(report: CoverageReport, *, timeout: float = TIMEOUT) -> bytes:
    """The coverage report (fact sheets, matrix) as PDF bytes."""
    from .covers_html import covers_html
    return print_pdf(covers_html(report), timeout=timeout)


def history_pdf(h: History, *, timeout: float = TIMEOUT) -> bytes:
    """The history report as PDF bytes."""
    from .history_out import history_html
    return print_pdf(history_html(h), timeout=timeout)


def print_pdf(html: str | bytes, *, timeout: float = TIMEOUT) -> bytes:
    """Any self-contained HTML page (text, or its UTF-8 bytes) printed to PDF by headless
    Chromium."""
    browser = find_browser()
    if browser is None:
        raise ToolMissing(MISSING)
    with tempfile.TemporaryDirectory(prefix="legcompare-pdf-") as tmp:
        folder = Path(tmp)
        page, out = folder / "report.html", folder / "report.pdf"
        page.write_bytes(html.encode() if isinstance(html, str) else html)
        command = [browser, *HEADLESS_FLAGS, f"--user-data-dir={folder / 'profile'}",
                   f"--print-to-pdf={out}", "--no-pdf-header-footer", page.as_uri()]
        returncode, stderr = run(command, timeout=timeout)
        data = out.read_bytes() if out.is_file() else b""
    if returncode != 0 or not data.startswith(b"%PDF-"):
        raise LegcompareError(f"headless Chromium could not print the PDF "
                              f"(exit status {returncode}): {last_error(stderr)}")
    return data


def run(command: list[str], *, timeout: float) -> tuple[int, str]:
    """Run ``command`` in its own process group; its exit status and stderr. On timeout the
    whole group (Chromium's helper processes too) is killed and an error raised."""
    try:
        proc = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                stderr=subprocess.PIPE, start_new_session=True)
    except OSError as exc:
        raise LegcompareError(f"could not start {command[0]}: {exc.strerror or exc}") from None
    try:
        _, err = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        _kill_group(proc)
        raise LegcompareError(f"headless Chromium did not finish printing the PDF within "
                              f"{timeout:g} seconds") from None
    return proc.returncode, err.decode("utf-8", "replace")


def _kill_group(proc: subprocess.Popen[bytes]) -> None:
    with contextlib.suppress(ProcessLookupError):
        os.killpg(proc.pid, signal.SIGKILL)
    proc.communicate()


def last_error(stderr: str) -> str:
    """The most telling line of a browser's stderr (its last ``ERROR`` line, else its last
    line), or ``no message``; one line, at most 200 characters."""
    lines = [line.strip() for line in stderr.splitlines() if line.strip()]
    errors = [line for line in lines if "ERROR" in line or "FATAL" in line]
    line = (errors or lines or ["no message"])[-1]
    return line if len(line) <= 200 else line[:199] + "…"
