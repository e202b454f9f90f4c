"""The HTML report in a real browser: headless Chromium renders, dumps and prints it.

Skipped (with the reason) only when no Chromium is installed; CI installs Debian's ``chromium``.
Chromium runs with the report's own flags, a fresh profile and a net log; the page is loaded
from a ``file:`` URL.
"""

from __future__ import annotations

import json
import re
import shutil
import struct
import subprocess
import zlib
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from legcompare.compare import compare
from legcompare.ingest import load_path
from legcompare.model import CompareOptions, Comparison
from legcompare.preempt import preempt
from legcompare.render.html import diff_html
from legcompare.render.pdf import HEADLESS_FLAGS, diff_pdf, find_browser, preempt_pdf
from legcompare.render.preempt_html import preempt_html
from tests.test_render_preempt import MA_CEILING, SPRINGFIELD
from tests.test_render_preempt import hostile as preempt_hostile
from tests.test_render_reports import HOSTILE, S4457, Dom, hostile

BROWSER = find_browser()
pytestmark = pytest.mark.skipif(
    BROWSER is None, reason="headless Chromium is not installed (chromium, chromium-browser or "
                            "google-chrome on PATH); CI installs Debian's chromium")


@pytest.fixture(scope="module")
def s4457(corpus: Path) -> Comparison:
    return compare(load_path(corpus / S4457[0]), load_path(corpus / S4457[1]))


def chromium(page: Path, work: Path, *extra: str) -> tuple[str, list[dict[str, Any]]]:
    """Run headless Chromium on ``page`` with a fresh profile and a net log; its stdout and
    the net log's ``URL_REQUEST_START_JOB`` parameters."""
    assert BROWSER is not None
    log = work / "net.json"
    done = subprocess.run([BROWSER, *HEADLESS_FLAGS, f"--user-data-dir={work / 'profile'}",
                           f"--log-net-log={log}", *extra, page.as_uri()],
                          capture_output=True, text=True, timeout=120, check=True)
    data = json.loads(log.read_text())
    start_job = data["constants"]["logEventTypes"]["URL_REQUEST_START_JOB"]
    jobs = [e["params"] for e in data["events"]
            if e["type"] == start_job and "url" in e.get("params", {})]
    return done.stdout, jobs


def page_requests(jobs: list[dict[str, Any]]) -> list[str]:
    """URLs requested on behalf of a page. The browser's own background requests (network
    time, account checks) carry the initiator "not an origin" and are left out; a ``file:``
    page's requests carry the opaque initiator "null" (see the control test below)."""
    return [job["url"] for job in jobs if job.get("initiator") != "not an origin"]


def write(tmp_path: Path, text: str, name: str = "report.html") -> Path:
    page = tmp_path / name
    page.write_text(text, encoding="utf-8")
    return page


# --- PNG ------------------------------------------------------------------------------------


def png_pixels(data: bytes) -> tuple[int, int, list[bytes]]:
    """Width, height and unfiltered rows of an 8-bit RGB or RGBA, non-interlaced PNG."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    pos, idat, header = 8, b"", b""
    while pos < len(data):
        (size,) = struct.unpack(">I", data[pos:pos + 4])
        kind, body = data[pos + 4:pos + 8], data[pos + 8:pos + 8 + size]
        header = body if kind == b"IHDR" else header
        idat += body if kind == b"IDAT" else b""
        pos += size + 12
    width, height, depth, colour, _, _, interlace = struct.unpack(">IIBBBBB", header)
    assert (depth, interlace) == (8, 0) and colour in (2, 6)
    bpp = 3 if colour == 2 else 4
    raw = zlib.decompress(idat)
    stride = width * bpp
    rows: list[bytes] = []
    prev = bytes(stride)
    for y in range(height):
        line = raw[y * (stride + 1):(y + 1) * (stride + 1)]
        prev = _unfilter(line[0], line[1:], prev, bpp)
        rows.append(prev)
    return width, height, rows


def _unfilter(kind: int, line: bytes, prev: bytes, bpp: int) -> bytes:
    if kind == 0:
        return line
    if kind == 2:  # Up: bytewise sum with the row above, all bytes at once
        n = len(line)
        low, high = (int.from_bytes(bytes([b]) * n, "big") for b in (0x7F, 0x80))
        a, b = int.from_bytes(line, "big"), int.from_bytes(prev, "big")
        return (((a & low) + (b & low)) ^ ((a ^ b) & high)).to_bytes(n, "big")
    out = bytearray(line)
    for x in range(len(out)):
        left = out[x - bpp] if x >= bpp else 0
        up, corner = prev[x], prev[x - bpp] if x >= bpp else 0
        if kind == 1:
            out[x] = (out[x] + left) & 255
        elif kind == 3:
            out[x] = (out[x] + (left + up) // 2) & 255
        else:
            p = left + up - corner
            pa, pb, pc = abs(p - left), abs(p - up), abs(p - corner)
            out[x] = (out[x] + (left if pa <= pb and pa <= pc else up if pb <= pc else corner)
                      ) & 255
    return bytes(out)


def test_png_decoder_handles_every_filter() -> None:
    rows = [bytes([10, 20, 30, 40, 50, 60]), bytes([1, 2, 3, 250, 251, 252])] * 3
    raw = b"".join(bytes([kind]) + _filter(kind, row, rows[i - 1] if i else bytes(6))
                   for i, (kind, row) in enumerate(zip([0, 1, 2, 3, 4, 2], rows, strict=True)))

    def chunk(kind: bytes, body: bytes) -> bytes:
        crc = struct.pack(">I", zlib.crc32(kind + body))
        return struct.pack(">I", len(body)) + kind + body + crc
    png = (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 2, 6, 8, 2, 0, 0, 0))
           + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))
    assert png_pixels(png) == (2, 6, rows)


def _filter(kind: int, row: bytes, prev: bytes) -> bytes:
    out = bytearray()
    for x, value in enumerate(row):
        left = row[x - 3] if x >= 3 else 0
        up, corner = prev[x], prev[x - 3] if x >= 3 else 0
        p = left + up - corner
        pa, pb, pc = abs(p - left), abs(p - up), abs(p - corner)
        paeth = left if pa <= pb and pa <= pc else up if pb <= pc else corner
        base = {0: 0, 1: left, 2: up, 3: (left + up) // 2, 4: paeth}[kind]
        out.append((value - base) & 255)
    return bytes(out)


# --- the report in the browser --------------------------------------------------------------


def test_screenshot_is_not_blank(s4457: Comparison, tmp_path: Path) -> None:
    page = write(tmp_path, diff_html(s4457))
    shot = tmp_path / "shot.png"
    chromium(page, tmp_path, f"--screenshot={shot}", "--window-size=1280,2000",
             "--hide-scrollbars")
    width, height, rows = png_pixels(shot.read_bytes())
    assert (width, height) == (1280, 2000)
    bpp = len(rows[0]) // width
    pixels = [row[x:x + 3] for row in rows[::4] for x in range(0, len(row), bpp * 2)]
    assert len(set(pixels)) > 100  # text, badges, rules: many distinct colours
    inked = sum(1 for px in pixels if px != b"\xff\xff\xff") / len(pixels)
    assert 0.02 < inked < 0.9


def test_dom_rebuilds_both_texts_without_script_or_remote_loads(s4457: Comparison,
                                                                tmp_path: Path) -> None:
    page = write(tmp_path, diff_html(s4457))
    dom_html, jobs = chromium(page, tmp_path, "--dump-dom")
    dom = Dom(dom_html)
    assert dom.side("old") == s4457.old.text
    assert dom.side("new") == s4457.new.text
    assert "script" not in dom.tags() and dom.handlers() == []
    assert all(url.startswith(("file:", "data:")) for url in page_requests(jobs))


def test_hostile_text_is_inert_in_the_browser(tmp_path: Path) -> None:
    c = hostile()
    dom = Dom(chromium(write(tmp_path, diff_html(c)), tmp_path, "--dump-dom")[0])
    assert not dom.tags() & {"script", "img", "b"} and dom.handlers() == []
    assert HOSTILE[0] in dom.side("new") and HOSTILE[1] in dom.side("new")
    assert dom.side("old") == c.old.text and dom.side("new") == c.new.text


def test_net_log_shows_what_a_page_requests(tmp_path: Path) -> None:
    """The control for ``page_requests``: a page that loads a remote image shows up."""
    page = write(tmp_path, '<!DOCTYPE html><img src="http://127.0.0.1:9/x.png"><p>x</p>',
                 "control.html")
    _, jobs = chromium(page, tmp_path, "--dump-dom")
    assert "http://127.0.0.1:9/x.png" in page_requests(jobs)


needs_pdftotext = pytest.mark.skipif(shutil.which("pdftotext") is None,
                                     reason="pdftotext (poppler-utils) is not installed")


@needs_pdftotext
def test_pdf_names_both_citations(s4457: Comparison, tmp_path: Path) -> None:
    pdf = tmp_path / "s4457.pdf"
    pdf.write_bytes(diff_pdf(s4457))
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True,
                          text=True, check=True).stdout
    flat = " ".join(text.split())
    assert "S. 4457 § 1 (adding N.Y. Gen. Bus. Law § 676-c) (removed)" in flat
    # (the new § 676-c itself is a heading over its paragraphs, neutral: not listed)
    assert "S. 4457-A § 1 (adding N.Y. Gen. Bus. Law § 676-c(1)(a)) (added)" in flat
    assert "Page 1 of" in flat
    assert "ANY PERSON AGGRIEVED BY A VIOLATION OF THIS" in flat  # the removed § 676-c, printed


def test_pdf_prints_hostile_text() -> None:
    c = replace(hostile(), notes=("a note <script>",))
    assert diff_pdf(c).startswith(b"%PDF-")


# --- printing: headings repeat, short provisions stay whole ---------------------------------


def pdf_pages(pdf: bytes, tmp_path: Path) -> list[str]:
    """Each page's text (``pdftotext -layout``), white space squashed to single spaces."""
    path = tmp_path / "printed.pdf"
    path.write_bytes(pdf)
    text = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True,
                          text=True, check=True).stdout
    return [" ".join(page.split()) for page in text.split("\f")[:-1]]


@pytest.fixture(scope="module")
def hr1_toc(corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> Comparison:
    """H.R. 1's table of contents (15,454 characters, over ten printed pages) against the same
    text with two entries reworded here (the corpus has one print of H.R. 1)."""
    source = corpus / "us-federal-hr1-116-reported-house.txt"
    text = source.read_text(encoding="utf-8")
    edited = text.replace("Use of Internet to update registration information.",
                          "Use of Internet to update voter registration information.", 1).replace(
        "Removing and altering reports.", "Removing reports.", 1)
    assert edited.count("\n") == text.count("\n") and edited != text
    copy = tmp_path_factory.mktemp("hr1") / source.name
    copy.write_text(edited, encoding="utf-8")
    return compare(load_path(source), load_path(copy), options=CompareOptions(select="s2/b"))


@needs_pdftotext
def test_pdf_repeats_a_long_provisions_heading_on_every_page(hr1_toc: Comparison,
                                                             tmp_path: Path) -> None:
    short, toc = hr1_toc.pairs
    assert toc.new is not None and (toc.status.value, toc.new.id) == ("modified", "s2/b/toc")
    page = diff_html(hr1_toc)
    assert '<tbody class="pair changed neutral long" id="pair-2">' in page
    assert '<tbody class="pair same neutral" id="pair-1">' in page
    pages = pdf_pages(diff_pdf(hr1_toc), tmp_path)
    heading = "2 H.R. 1, 116th Cong. § 2(b), table of contents Neutral modified, descriptive"
    on = [i for i, text in enumerate(pages) if heading in text]
    assert len(on) >= 10 and on == list(range(on[0], on[-1] + 1))
    columns = ("Old: H.R. 1 (116th Cong.), For the People Act of 2019, as reported in the House "
               "(rh) New: H.R. 1 (116th Cong.), For the People Act of 2019, as reported in the "
               "House (rh)")
    header = sorted(columns.split())
    for i in on:
        assert pages[i].count(heading) == 1 and f"Page {i + 1} of {len(pages)}" in pages[i]
        # the column headers, each of which may wrap (pdftotext then interleaves the lines of
        # the two columns, as the fonts at hand decide): their words, where "Old:" opens them
        words = pages[i].split()
        at = [k for k, w in enumerate(words)
              if w == "Old:" and sorted(words[k:k + len(header)]) == header]
        assert at, pages[i]
        # the repeated heading comes first on a continuation page, under the column headers
        if i != on[0]:
            assert at[0] == 0 and " ".join(words[len(header):]).startswith(heading), pages[i]
    # the provision runs on in order: its last entry is on the last of those pages only
    assert ["TITLE X—[RESERVED]" in pages[i] for i in on] == [False] * (len(on) - 1) + [True]
    # the short provision before it is printed once, whole
    whole = " ".join(pages)
    assert whole.count("1 H.R. 1, 116th Cong. § 2(b) unchanged") == 1
    assert short.new is not None and " ".join(short.new.text.split()) in whole


@needs_pdftotext
def test_pdf_never_splits_a_provision_shorter_than_a_page(s4457: Comparison,
                                                          tmp_path: Path) -> None:
    """A split provision would show its heading twice: once where it starts, once repeated at
    the top of the next page."""
    whole = " ".join(pdf_pages(diff_pdf(s4457), tmp_path))
    for number, pair in enumerate(s4457.pairs, 1):
        head = pair.new or pair.old
        assert head is not None
        found = re.findall(rf"(?<![\d.]){number} {re.escape(head.citation)} ", whole)
        assert len(found) == 1, (number, head.citation, len(found))


# --- preempt in the browser -----------------------------------------------------------------


def test_preempt_dom_rebuilds_texts_without_script_or_remote_loads(corpus: Path,
                                                                   tmp_path: Path) -> None:
    result = preempt(load_path(corpus / "us-federal-hr4695-119-introduced.txt"),
                     [load_path(corpus / "us-ny-a3712-2023-introduced.txt")])
    page = write(tmp_path, preempt_html(result))
    dom_html, jobs = chromium(page, tmp_path, "--dump-dom")
    dom = Dom(dom_html)
    assert [t for side, _, t in dom.cells if side == "clause"] == [c.text for c in result.clauses]
    assert [t for side, _, t in dom.cells if side == "lower"] == [f.text for f in result.findings]
    assert "script" not in dom.tags() and dom.handlers() == []
    assert all(url.startswith(("file:", "data:")) for url in page_requests(jobs))


def test_preempt_hostile_text_is_inert_in_the_browser(tmp_path: Path) -> None:
    result = preempt_hostile(tmp_path)
    dom = Dom(chromium(write(tmp_path, preempt_html(result)), tmp_path, "--dump-dom")[0])
    assert not dom.tags() & {"script", "img", "b"} and dom.handlers() == []
    assert [t for side, _, t in dom.cells if side == "lower"] == [result.findings[0].text]
    assert HOSTILE[1] in result.findings[0].text


@needs_pdftotext
def test_preempt_pdf_prints_fates_and_texts(corpus: Path, tmp_path: Path) -> None:
    upper = tmp_path / "us-ma-face-surveillance.txt"
    upper.write_text(MA_CEILING, encoding="utf-8")
    result = preempt(load_path(upper), [load_path(corpus / SPRINGFIELD)])
    pdf = preempt_pdf(result)
    assert pdf.startswith(b"%PDF-")
    whole = " ".join(pdf_pages(pdf, tmp_path))
    assert "1 preemption clause (1 ceiling); 3 findings: 2 erased, 0 saved, 1 undecided" in whole
    assert re.search(r"1 Springfield Code, \(A\) a ✖ Erased ▲ Stronger no counterpart in the "
                     r"upper law", whole)
    assert "Fate: erased. Erased by us-ma-face-surveillance.txt § 1, a ceiling" in whole
