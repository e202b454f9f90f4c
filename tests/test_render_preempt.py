"""The ``preempt`` reports people hand around: HTML (and its PDF, in ``test_browser.py``) and CSV.

Real analyses: H.R. 4695 over N.Y. A. 3712 (five findings, all saved), and a State ceiling
written for the test (the corpus has no State law that expressly preempts local law, see
``test_preempt.py``) over the real Springfield ordinance and A. 3712 (erased and undecided).
Snippets written here cover hostile text; CSV edge cases pin a finding's text with ``replace``.
"""

from __future__ import annotations

import csv
import io
import json
import os
import pty
import re
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest
from click.testing import CliRunner

from legcompare import load
from legcompare.cli import main
from legcompare.preempt import Preemption, preempt
from legcompare.render.csv_out import CELL_LIMIT
from legcompare.render.preempt_html import preempt_html
from legcompare.render.preempt_out import CSV_COLUMNS, preempt_csv, preempt_json
from tests.test_render_reports import HOSTILE, Dom

HR4695 = "us-federal-hr4695-119-introduced.txt"
A3712 = "us-ny-a3712-2023-introduced.txt"
SPRINGFIELD = "us-ma-springfield-code-facial-surveillance.txt"
MA_CEILING = ("SECTION 1. No city, town or other political subdivision of the Commonwealth shall "
              "adopt, maintain or enforce any ordinance, by-law or regulation relating to face "
              "surveillance or facial surveillance systems.\n"
              "SECTION 2. A law enforcement agency may use a facial surveillance system only "
              "under a warrant.\n")
CSP = ('<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; '
       "style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'\">")


@pytest.fixture(scope="module")
def saved(corpus: Path) -> Preemption:
    return preempt(load(str(corpus / HR4695)), [load(str(corpus / A3712))])


@pytest.fixture(scope="module")
def erased(corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> Preemption:
    upper = tmp_path_factory.mktemp("ma") / "us-ma-face-surveillance.txt"
    upper.write_text(MA_CEILING, encoding="utf-8")
    return preempt(load(str(upper)), [load(str(corpus / SPRINGFIELD)),
                                      load(str(corpus / A3712))])


def hostile(tmp_path: Path) -> Preemption:
    """A ceiling and a lower law full of markup, formulas, control and bidi characters."""
    upper = tmp_path / "us-ma-frt.txt"
    upper.write_text("SECTION 1. No city or town shall adopt or enforce any ordinance relating "
                     f"to face surveillance {HOSTILE[0]} \x1b[31m\u202esystems.\n",
                     encoding="utf-8")
    lower = tmp_path / "us-ma-boston-frt.txt"
    lower.write_text(f"{HOSTILE[3]}\n(a) No official shall use face surveillance {HOSTILE[1]} "
                     f"{HOSTILE[2]} \u202eany\x1b system.\n", encoding="utf-8")
    return preempt(load(str(upper)), [load(str(lower))])


def cells(page: str, side: str) -> list[str]:
    """The texts of the page's ``div.text[data-side=side]`` cells, in page order."""
    return [text for which, _, text in Dom(page).cells if which == side]


# --- HTML -----------------------------------------------------------------------------------


def test_html_is_self_contained_and_inert(saved: Preemption) -> None:
    page = preempt_html(saved)
    assert page.startswith("<!DOCTYPE html>\n<html lang=\"en\">")
    assert CSP in page
    dom = Dom(page)
    assert not dom.tags() & {"script", "link", "img", "iframe", "object", "embed", "form"}
    assert dom.handlers() == []
    assert "@import" not in page and "url(" not in page
    hrefs = [a["href"] or "" for tag, a in dom.elements if tag == "a"]
    assert {h.split("-")[0] for h in hrefs if h.startswith("#")} == {"#clause", "#finding"}
    assert all(h.startswith(("#clause-", "#finding-", "https://")) for h in hrefs)


def test_html_shows_every_clause_and_provision_whole(erased: Preemption,
                                                     saved: Preemption) -> None:
    for result in (erased, saved):
        page = preempt_html(result)
        assert cells(page, "clause") == [c.text for c in result.clauses]
        assert cells(page, "lower") == [f.text for f in result.findings]
        assert cells(page, "upper") == [f.counterpart.text for f in result.findings
                                        if f.counterpart]
    page = preempt_html(saved)
    assert [f.counterpart.id for f in saved.findings if f.counterpart] == ["s3/4", "s102/b"]
    starts = [int(a["data-start"] or 0) for tag, a in Dom(page).elements
              if a.get("data-side") == "lower"]
    assert starts == [f.provision.span[0] for f in saved.findings]


def test_html_summary_fates_and_badges(erased: Preemption) -> None:
    page = preempt_html(erased)
    head = page[:page.index('id="legend"')]
    assert ('<p class="headline">1 preemption clause (1 ceiling); 7 findings: 2 erased, 0 saved, '
            "5 undecided</p>") in head
    assert ('<tr><th scope="row"><span class="badge kind ceiling">Ceiling</span></th>'
            "<td>1</td></tr>") in head
    assert ("<tr><th scope=\"row\">Lower 1: Springfield (Mass.) City Code, facial surveillance "
            "chapter (adopted by the City Council February 24, 2020), codified text</th>"
            "<td>2</td><td>0</td><td>1</td></tr>") in head
    assert '<h3><span class="badge erased">✖ Erased</span> 2 erased</h3>' in head
    assert '<h3><span class="badge undecided">? Undecided</span> 5 undecided</h3>' in head
    assert head.index("2 erased</h3>") < head.index("5 undecided</h3>")  # what is lost first
    assert re.findall(r'<li><a href="#finding-(\d)">Springfield Code, \((\w)\)( \(2nd\))?</a> '
                      r"<code>([\w~]+)</code> \(lower 1\)</li>", head) == [
        ("1", "A", "", "a"), ("2", "A", " (2nd)", "a~2"), ("3", "B", " (2nd)", "b~2")]
    clause = page[page.index('id="clause-1"'):page.index('id="law-1"')]
    assert '<span class="badge kind ceiling">Ceiling</span>' in clause
    # the words that made it a ceiling, marked where they stand in its text
    assert ("SECTION 1. <mark>No city, town or other political subdivision of the Commonwealth "
            "shall adopt, maintain or enforce</mark> any ordinance") in clause
    assert "<dt>Scope</dt><dd>“face surveillance or facial surveillance systems”</dd>" in clause
    first = page[page.index('id="finding-1"'):page.index('id="finding-2"')]
    assert ('<span class="badge erased">✖ Erased</span> <span class="badge stronger">▲ Stronger'
            "</span>") in first
    assert '<p class="absent">(no counterpart in the upper law)</p>' in first
    assert "<li>Weighed: <a href=\"#clause-1\">us-ma-face-surveillance.txt § 1</a></li>" in first
    assert f"<span class=\"dir\">Fate: erased.</span> {erased.findings[0].note}" in first
    # five findings, the summary's column, the list by fate and the legend
    assert page.count('<span class="badge undecided">? Undecided</span>') == 5 + 3


def test_html_saved_findings_say_against_what(saved: Preemption) -> None:
    page = preempt_html(saved)
    second = page[page.index('id="finding-2"'):page.index('id="finding-3"')]
    assert ('<span class="badge saved">✔ Saved</span> <span class="badge mixed">◆ Mixed</span>\n'
            '<span class="status">against H.R. 4695, 119th Cong. § 102(b)</span>') in second
    assert "implied conflict preemption remains possible." in second
    assert ("<dt>Because</dt><dd>Saves law that gives greater protection. “<mark>more "
            "stringent</mark>” <span class=\"rule\">(floor.greater-protection)</span></dd>"
            ) in page


def test_html_prints_each_provision_with_a_repeating_heading(erased: Preemption) -> None:
    page = preempt_html(erased)
    pairs = re.findall(r'<tbody class="pair (\w+) ([\w-]+)(?: (\w+))?" id="([\w-]+)">'
                       r'<tr><td colspan="2" class="pair-cell">\n<table class="pair">\n'
                       r'<colgroup><col class="old"><col class="new"></colgroup>\n<thead>', page)
    assert [p[3] for p in pairs] == ["clause-1", *(f"finding-{i}" for i in range(1, 8))]
    assert "table.pair thead { display: table-header-group; }" in page


def test_html_hostile_text_is_inert_and_exact(tmp_path: Path) -> None:
    result = hostile(tmp_path)
    ((clause,), (finding,)) = result.clauses, result.findings
    page = preempt_html(result)
    dom = Dom(page)
    assert not dom.tags() & {"script", "img", "b"} and dom.handlers() == []
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "&#34;&gt;&lt;img src=x onerror=alert(1)&gt;" in page
    assert cells(page, "clause") == [clause.text] and cells(page, "lower") == [finding.text]
    assert '<span class="ctl" data-show="&lt;U+202E&gt;">&#8238;</span>' in page
    assert '<span class="ctl" data-show="␛">&#27;</span>' in page


def test_html_and_csv_are_deterministic(erased: Preemption) -> None:
    assert preempt_html(erased) == preempt_html(erased)
    assert preempt_csv(erased) == preempt_csv(erased)


# --- CSV ------------------------------------------------------------------------------------


def records(data: bytes) -> list[dict[str, str]]:
    assert data.startswith(b"\xef\xbb\xbf")
    reader = csv.reader(io.StringIO(data.decode("utf-8-sig"), newline=""))
    assert tuple(next(reader)) == CSV_COLUMNS
    return [dict(zip(CSV_COLUMNS, row, strict=True)) for row in reader]


def test_csv_one_row_per_clause_and_finding(erased: Preemption) -> None:
    rows = records(preempt_csv(erased))
    assert [(r["record"], r["number"], r["part"], r["law"], r["id"]) for r in rows] == [
        ("clause", "1", "1", "upper", "s1"),
        ("finding", "1", "1", "lower 1", "a"), ("finding", "2", "1", "lower 1", "a~2"),
        ("finding", "3", "1", "lower 1", "b~2"),
        ("finding", "4", "1", "lower 2", "s1/q/837-x/2"),
        ("finding", "5", "1", "lower 2", "s1/q/837-x/3"),
        ("finding", "6", "1", "lower 2", "s2/q/236/2"),
        ("finding", "7", "1", "lower 2", "s2/q/236/3")]
    clause, first = rows[0], rows[1]
    assert (clause["kind"], clause["scope"], clause["text"]) == (
        "ceiling", "face surveillance or facial surveillance systems", erased.clauses[0].text)
    assert clause["signals"].startswith("ceiling: ")
    assert clause["fate"] == clause["verdict"] == ""
    assert (first["fate"], first["verdict"], first["because"], first["counterpart id"]) == (
        "erased", "stronger", "s1", "")
    assert [r["text"] for r in rows[1:]] == [f.text for f in erased.findings]
    assert [r["note"] for r in rows[1:]] == [f.note for f in erased.findings]
    assert all(r["notes"] == "" for r in rows)


def test_csv_neutralises_formulas_and_says_so(tmp_path: Path) -> None:
    result = hostile(tmp_path)
    (finding,) = result.findings
    pinned = replace(result, findings=(replace(finding, text="=1+1\n" + finding.text,
                                               note=HOSTILE[3]),))
    row = records(preempt_csv(pinned))[1]
    assert row["text"] == "'=1+1\n" + finding.text
    assert row["note"] == "'" + HOSTILE[3]
    assert row["notes"] == ("text: prefixed with \"'\" so it is not read as a formula; "
                            "note: prefixed with \"'\" so it is not read as a formula")
    assert HOSTILE[1] in row["text"]


def test_csv_continues_a_long_text_and_the_json_says_so(saved: Preemption) -> None:
    finding = saved.findings[2]
    long = finding.text + "x" * CELL_LIMIT
    pinned = replace(saved, findings=(replace(finding, text=long),))
    rows = records(preempt_csv(pinned))
    assert [(r["record"], r["number"], r["part"]) for r in rows] == [
        ("clause", "1", "1"), ("finding", "1", "1"), ("finding", "1", "2")]
    first, second = rows[1:]
    assert second["id"] == first["id"] == finding.provision.id and second["fate"] == ""
    assert first["text"] + second["text"] == long
    assert first["notes"] == (f"text: {len(long):,} characters, continued on 1 more row "
                              "(part 2 onwards)")
    notes = json.loads(preempt_json(pinned, {}))["notes"]
    assert notes == [(f"CSV: finding 1, text: {len(long):,} characters, more than a "
                      "spreadsheet cell holds (32,767); the CSV continues it on 1 more row "
                      "(part 2 onwards)")]
    assert json.loads(preempt_json(saved, {}))["notes"] == []


# --- the command ----------------------------------------------------------------------------


@pytest.mark.corpus
def test_command_writes_html_and_csv(corpus: Path, tmp_path: Path) -> None:
    for fmt, name in (("html", "report.html"), ("csv", "report.csv")):
        target = tmp_path / name
        result = CliRunner().invoke(main, ["preempt", str(corpus / HR4695), str(corpus / A3712),
                                           "--format", fmt, "-o", str(target)])
        assert (result.exit_code, result.stdout) == (0, "")
        assert target.read_bytes().startswith(b"\xef\xbb\xbfrecord,number,part," if fmt == "csv"
                                              else b"<!DOCTYPE html>")
    assert "1 preemption clause (1 floor); 5 findings: 0 erased, 5 saved, 0 undecided" in \
        (tmp_path / "report.html").read_text(encoding="utf-8")


def test_command_refuses_pdf_on_a_terminal(tmp_path: Path) -> None:
    upper = tmp_path / "upper.txt"
    upper.write_text("SEC. 1. No State may adopt any law relating to faces.\n", encoding="utf-8")
    leader, follower = pty.openpty()
    try:
        done = subprocess.run([sys.executable, "-m", "legcompare", "preempt", str(upper),
                               "--format", "pdf"], stdout=follower, stderr=subprocess.PIPE,
                              text=True, timeout=120, check=False)
    finally:
        os.close(follower)
        os.close(leader)
    assert done.returncode == 2
    assert done.stderr == ("legcompare: error: --format pdf writes a binary file: give -o FILE "
                           "(or pipe it)\n")
