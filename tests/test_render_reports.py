"""The reports people hand around: HTML, CSV, Word (and PDF's error paths).

Real pairs come from the corpus (S. 4457 → S. 4457-A, H.R. 2157 IH → ENR); snippets written
here cover hostile text and edge cases of presentation. Verdicts and reasons are pinned with
``replace`` where a test needs a particular one, whatever the rule engine says.
The checks that need a real browser are in ``test_browser.py``.
"""

from __future__ import annotations

import csv
import html
import io
import json
import re
import shutil
import subprocess
import time
import zipfile
from dataclasses import replace
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import markupsafe
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from lxml import etree

from legcompare.compare import compare
from legcompare.errors import LegcompareError, ToolMissing
from legcompare.ingest import load_path
from legcompare.ingest.text import parse_text
from legcompare.model import Comparison, Direction, Provenance, Reason, Verdict
from legcompare.render import docx_out, html_rows
from legcompare.render import html as html_report
from legcompare.render.csv_out import (
    CELL_LIMIT,
    COLUMNS,
    continued,
    csv_notes,
    diff_csv,
    neutralise,
)
from legcompare.render.diff_json import diff_json
from legcompare.render.docx_out import diff_docx, revision_date
from legcompare.render.html import (
    PRINT_LINE,
    PRINT_PAGE,
    diff_html,
    diff_html_bytes,
    is_long,
    printed_lines,
)
from legcompare.render.pdf import MISSING, print_pdf

S4457 = ("us-ny-s4457-2023-original.txt", "us-ny-s4457a-2024-amended.txt")
HOSTILE = ('<script>alert(1)</script>', '"><img src=x onerror=alert(1)>', "Smith & Wesson",
           '=HYPERLINK("http://x")')
OLD = "SEC. 1. BAN.\nNo agency shall use it.\nSEC. 2. REPORTS.\nEach agency shall report.\n"
NEW = ("SEC. 1. BAN.\nNo agency may use it.\nSEC. 2. REPORTS.\nEach agency shall report.\n"
       "SEC. 3. AUDITS.\nThe Inspector General shall audit each agency.\n")
WEAKER = Reason("obligation.shall-to-may", "obligation", Direction.WEAKER, "shall", "may",
                (23, 28), (23, 26), "A duty became a permission.")


# --- helpers --------------------------------------------------------------------------------


class Dom(HTMLParser):
    """Every element (tag and attributes) and the text of each ``div.text`` clause cell."""

    def __init__(self, page: str) -> None:
        super().__init__(convert_charrefs=False)  # html.unescape drops control characters
        self.elements: list[tuple[str, dict[str, str | None]]] = []
        self.cells: list[list[Any]] = []  # [side, start, text]
        self.depth = 0
        self.feed(page)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        self.elements.append((tag, a))
        if self.depth:
            self.depth += 1
        elif tag == "div" and "text" in (a.get("class") or "").split():
            self.cells.append([a["data-side"], int(a["data-start"] or 0), ""])
            self.depth = 1

    def handle_endtag(self, tag: str) -> None:
        if self.depth:
            self.depth -= 1

    def handle_data(self, data: str) -> None:
        if self.depth:
            self.cells[-1][2] += data

    def handle_charref(self, name: str) -> None:
        code = int(name[1:], 16) if name[:1] in "xX" else int(name)
        self.handle_data(chr(code) if code else "\ufffd")  # as browsers do (no C1 refs here)

    def handle_entityref(self, name: str) -> None:
        self.handle_data(html.unescape(f"&{name};"))

    def side(self, which: str) -> str:
        """The text of one side's cells, in document (offset) order."""
        return "".join(text for side, _, text in sorted(self.cells, key=lambda c: c[1])
                       if side == which)

    def tags(self) -> set[str]:
        return {tag for tag, _ in self.elements}

    def handlers(self) -> list[str]:
        return [k for _, a in self.elements for k in a if k.lower().startswith("on")]


def prov(version: str, **kw: Any) -> Provenance:
    return replace(Provenance("us", "hr1-118", version, "H.R. 1", "file"), **kw)


def build(old: str, new: str, old_prov: Provenance | None = None,
          new_prov: Provenance | None = None) -> Comparison:
    return compare(parse_text(old, old_prov or prov("ih")), parse_text(new, new_prov or prov("rh")))


def pinned() -> Comparison:
    """shall → may pinned weaker, an unchanged section, an added section pinned stronger."""
    c = build(OLD, NEW, prov("ih", version_date="2023-01-01", in_force=False),
              prov("rh", version_date="2023-03-05", license="CC BY 4.0 (LegiScan)"))
    first, same, added = c.pairs
    at = NEW.index("shall audit")
    audit = Reason("oversight.audit-added", "oversight", Direction.STRONGER, None, "shall audit",
                   None, (at, at + 11), "An audit duty was added.")
    return replace(c, pairs=(replace(first, verdict=Verdict.WEAKER, reasons=(WEAKER,)), same,
                             replace(added, verdict=Verdict.STRONGER, reasons=(audit,))))


def hostile() -> Comparison:
    """Bill text full of markup and formulas, and a reason quoting it."""
    old = f"{HOSTILE[3]}\nSEC. 1. BAN.\nNo agency shall use it & report.\n"
    new = (f"{HOSTILE[3]}\n{HOSTILE[0]}\nSEC. 1. BAN.\n"
           f"No agency may use {HOSTILE[1]} {HOSTILE[2]}.\n")
    c = build(old, new)
    reason = Reason("test.hostile", "=1+1", Direction.WEAKER, "<b>shall</b>", HOSTILE[0], None,
                    None, f"{HOSTILE[1]} was quoted")
    return replace(c, pairs=tuple(replace(p, verdict=Verdict.WEAKER, reasons=(reason,))
                                  for p in c.pairs))


@pytest.fixture(scope="module")
def s4457(corpus: Path) -> Comparison:
    return compare(load_path(corpus / S4457[0]), load_path(corpus / S4457[1]))


def pandoc(path: Path, mode: str) -> str:
    return subprocess.run(["pandoc", f"--track-changes={mode}", str(path), "-t", "plain",
                           "--wrap=none"], capture_output=True, text=True, check=True,
                          timeout=120).stdout


def squash(text: str) -> str:
    return " ".join(text.split())


# --- HTML -----------------------------------------------------------------------------------


def test_html_is_self_contained_and_inert(s4457: Comparison) -> None:
    page = diff_html(s4457)
    assert page.startswith("<!DOCTYPE html>\n<html lang=\"en\">")
    assert ('<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; '
            "style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'\">"
            in page)
    dom = Dom(page)
    assert not dom.tags() & {"script", "link", "img", "iframe", "object", "embed", "form"}
    assert dom.handlers() == []
    assert "@import" not in page and "url(" not in page
    hrefs = [a["href"] or "" for tag, a in dom.elements if tag == "a"]
    assert all(h.startswith(("#pair-", "https://")) for h in hrefs)


def test_html_columns_rebuild_both_display_texts(s4457: Comparison) -> None:
    dom = Dom(diff_html(s4457))
    assert dom.side("old") == s4457.old.text
    assert dom.side("new") == s4457.new.text
    assert len([c for c in dom.cells if c[0] == "old"]) == sum(1 for p in s4457.pairs if p.old)


def test_html_header_summary_and_links_come_first(s4457: Comparison) -> None:
    page = diff_html(s4457)
    head = page[:page.index('id="pair-1"')]
    assert "February 9, 2023" in head  # the old print's version date, as reports print dates
    assert s4457.old.provenance.sha256 in head and s4457.new.provenance.sha256 in head
    assert head.index('class="headline"') < head.index('id="summary"') < head.index(
        'id="legend"')
    judged = [i for i, p in enumerate(s4457.pairs, 1)
              if p.verdict in (Verdict.WEAKER, Verdict.STRONGER) and not p.descriptive]
    assert judged
    links = re.findall(r'href="#pair-(\d+)"', head)
    assert set(judged) <= {int(n) for n in links}
    for n in judged:
        assert f'id="pair-{n}"' in page
    assert "Contents" not in head  # 54 pairs: no table of contents


def test_html_cautions_and_marks() -> None:
    page = diff_html(pinned())
    assert "Warning:</strong> this text is not in force." in page
    # said once, in the document's own box (the page's cautions said it again below, by name)
    assert page.count("Warning:</strong>") == 1
    assert "CC BY 4.0 (LegiScan)" in page
    assert "January 1, 2023" in page and "March 5, 2023" in page
    # shall → may: struck, underlined, and the reason's words marked in both columns
    assert "<del><mark>shall</mark></del>" in page
    assert "<ins><mark>may</mark></ins>" in page
    assert '<span class="badge weaker">▼ Weaker</span>' in page
    assert '<span class="badge stronger">▲ Stronger</span>' in page
    assert 'del::before { content: " [deleted: "; }' in page
    partial = diff_html(build(OLD, NEW, prov("ih", partial=True)))
    assert "Partial:</strong> part of this text was not retrieved." in partial


def test_html_collapses_unchanged_pairs_and_prints_them() -> None:
    page = diff_html(pinned())
    rows = re.findall(r'<tbody class="pair (\w+) (\w+)" id="pair-(\d)">(.*?)</tbody>', page,
                      re.S)
    assert [(kind, n) for kind, _, n, _ in rows] == [("changed", "1"), ("same", "2"),
                                                       ("changed", "3")]
    assert "<details>" in rows[1][3] and "<details>" not in rows[0][3]
    assert "details > * { display: block; }" in page  # print CSS shows collapsed text
    assert "break-inside: avoid" in page and "display: table-header-group" in page
    # a contents link (#pair-3) brings the provision below the sticky column headers (two
    # lines high), not under them (seen in headless Chromium on A. 48-A § 50-b(4)(a)(iv))
    assert "table.pairs thead th { position: sticky; top: 0;" in page
    assert "table.pairs tbody.pair { scroll-margin-top: 5rem; }" in page


def test_html_escapes_hostile_text() -> None:
    c = hostile()
    page = diff_html(c)
    dom = Dom(page)
    assert not dom.tags() & {"script", "img", "b"}
    assert dom.handlers() == []
    assert dom.side("old") == c.old.text and dom.side("new") == c.new.text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "&#34;&gt;&lt;img src=x onerror=alert(1)&gt;" in page
    assert "&amp;" in page and "Smith & Wesson" in dom.side("new")


def test_html_keeps_control_and_bidi_characters_visible_and_exact() -> None:
    c = build("SEC. 1. A.\nNo agency shall use it.\n",
              "SEC. 1. A.\nNo agency \u202eshall\x1b use it.\n")
    page = diff_html(c)
    assert '<span class="ctl" data-show="&lt;U+202E&gt;">&#8238;</span>' in page
    assert '<span class="ctl" data-show="␛">&#27;</span>' in page
    assert Dom(page).side("new") == c.new.text


def test_html_contents_by_title_over_100_pairs(corpus: Path) -> None:
    c = compare(load_path(corpus / "us-federal-hr2157-116-introduced.txt"),
                load_path(corpus / "us-federal-hr2157-116-enrolled.txt"))
    assert len(c.pairs) > 100
    page = diff_html(c)
    toc = page[page.index('<nav class="contents"'):page.index("</nav>")]
    entries = re.findall(r'<a href="#pair-(\d+)">(.*?)</a> <span class="counts-line">— (.*?)'
                         r'</span>', toc)
    labels = [label for _, label, _ in entries]
    assert labels[0] == "Outside any division or title"
    assert "TITLE I — DEPARTMENT OF AGRICULTURE" in labels
    assert "TITLE II — DEPARTMENT OF COMMERCE" in labels
    assert all(re.match(r"(\d+ provisions? \w+|no provision)", counts) for *_, counts in entries)
    assert all(f'id="pair-{n}"' in page for n, *_ in entries)


def test_html_is_deterministic(s4457: Comparison) -> None:
    assert diff_html(s4457) == diff_html(s4457)
    assert diff_html_bytes(s4457) == diff_html(s4457).encode()


def test_a_name_that_holds_the_rows_marker_is_reported_whole() -> None:
    """The report file is written around a marker where the rows go; a page whose own words
    hold that very marker (private-use characters, here in the bill's title and its text) is
    rendered with the rows in it, the same page as the one string."""
    marker = html_report._ROWS
    text = "SEC. 1. TITLE.\n(a) No agency shall use it " + marker + ".\n"
    c = build(text, text.replace("shall", "may"), prov("ih", title="Act " + marker),
              prov("rh", title="Act " + marker))
    head, rows, tail = html_report._page(c)
    assert rows == [] and tail == ""  # (the rows are in the page)
    page = diff_html(c)
    assert diff_html_bytes(c) == page.encode() == head.encode()
    assert page.count('<tbody class="pair ') == len(c.pairs) == 2
    assert page.count(marker) >= 3  # the title, the old text and the new
    plain = build(text.replace(marker, ""), text.replace(marker, "").replace("shall", "may"))
    assert html_report._page(plain)[1] != []  # (otherwise the rows go around the marker)


def test_html_rows_markup() -> None:
    """The rows are written in Python (render/html_rows.py), not by a template: their exact
    markup, pinned (what the Jinja macros wrote before)."""
    page = diff_html(pinned())
    rows = page[page.index('<tbody class="pair'):page.index("</table>\n</section>")]
    pair = ('<tbody class="pair {}" id="pair-{}"><tr><td colspan="2" class="pair-cell">\n'
            '<table class="pair">\n<colgroup><col class="old"><col class="new"></colgroup>\n'
            '<thead><tr><th colspan="2" scope="colgroup" class="pair-head"><a class="num" '
            'href="#pair-{}" aria-label="link to provision {}">{}</a> <span class="cite">'
            'H.R. 1 § {}</span>\n{}<span class="status">{}</span></th></tr></thead>\n'
            '<tbody>\n<tr class="row{}">\n{}</tr>\n{}</tbody>\n\n</table></td></tr></tbody>')
    why = ('<tr class="why"><td colspan="2"><ul>\n<li><span class="dir">{}:</span> {} '
           '<span class="rule">({})</span></li>\n</ul></td></tr>\n')
    text = '<div class="text" data-side="{}" data-start="{}">{}</div>'
    first = pair.format(
        "changed weaker", *"11111", '<span class="badge weaker">▼ Weaker</span>', "modified",
        " with-why",
        '<td class="side old">' + text.format("old", 0, "SEC. 1. BAN.\nNo agency <del><mark>"
                                              "shall</mark></del> use it.\n") + "</td>\n"
        '<td class="side new">' + text.format("new", 0, "SEC. 1. BAN.\nNo agency <ins><mark>"
                                              "may</mark></ins> use it.\n") + "</td>\n",
        why.format("Weaker", "A duty became a permission. old: “<mark>shall</mark>” → new: "
                   "“<mark>may</mark>”", "obligation.shall-to-may; obligation"))
    same = "SEC. 2. REPORTS.\nEach agency shall report.\n"
    second = pair.format(
        "same neutral", *"22222", "", "unchanged", "",
        '<td colspan="2"><details><summary>Unchanged: show the text</summary><div class="both">'
        + text.format("old", 37, same) + text.format("new", 35, same)
        + "</div></details></td>\n", "")
    third = pair.format(
        "changed stronger", *"33333", '<span class="badge stronger">▲ Stronger</span>', "added",
        " with-why",
        '<td class="side old"><p class="absent">(no counterpart in the old text)</p></td>\n'
        '<td class="side new">' + text.format("new", 78, "<ins>SEC. 3. AUDITS.\nThe Inspector "
                                              "General <mark>shall audit</mark> each agency.\n"
                                              "</ins>") + "</td>\n",
        why.format("Stronger", "An audit duty was added. new: “<mark>shall audit</mark>”",
                   "oversight.audit-added; oversight"))
    assert rows == first + second + third


@given(st.text(alphabet=st.characters(codec="utf-8") | st.sampled_from("&<>'\"")))
@example("<a href='x' title=\"y\">&amp;</a>")
def test_html_rows_escape_plain_text_as_markupsafe_does(value: str) -> None:
    assert html_rows.text(value) == str(markupsafe.escape(value))


_COLUMN = st.lists(st.integers(0, 400), max_size=70).map(lambda ns: "\n".join("a" * n for n in ns))


@given(st.lists(_COLUMN, min_size=1, max_size=2), st.integers(0, 60))
@example([""], PRINT_PAGE)  # an empty column still takes a line
@example(["a" * PRINT_LINE * (PRINT_PAGE - 1), "a"], 1)
def test_html_long_estimate_shortcut_is_exact(columns: list[str], extra: int) -> None:
    """is_long skips counting printed lines where a column is surely short; same answers."""
    counted = max(map(printed_lines, columns)) + extra > PRINT_PAGE
    assert is_long(*columns, extra=extra) is counted


# --- CSV ------------------------------------------------------------------------------------


def rows_of(data: bytes) -> list[dict[str, str]]:
    assert data.startswith(b"\xef\xbb\xbf")
    text = data.decode("utf-8-sig")
    assert "\r\n" in text and not re.search(r"(?<!\r)\n(?=[^\n]*\r\n)", text.split("\r\n")[0])
    reader = csv.reader(io.StringIO(text, newline=""))
    header = next(reader)
    assert tuple(header) == COLUMNS
    return [dict(zip(header, row, strict=True)) for row in reader]


def test_csv_one_row_per_pair_rebuilds_both_texts(s4457: Comparison) -> None:
    rows = rows_of(diff_csv(s4457))
    assert len(rows) == len(s4457.pairs)
    assert [r["pair"] for r in rows] == [str(i) for i in range(1, len(rows) + 1)]
    assert "".join(r["old text"] for r in rows) == s4457.old.text
    assert "".join(r["new text"] for r in rows) == s4457.new.text
    removed = [r for r in rows if r["status"] == "removed"]
    assert removed[0]["old citation"] == "S. 4457 § 1 (adding N.Y. Gen. Bus. Law § 676-c)"
    assert removed[0]["new citation"] == "" and removed[0]["verdict"] == "weaker"
    assert csv_notes(s4457) == []


def test_csv_neutralises_formulas_and_says_so() -> None:
    c = hostile()
    rows = rows_of(diff_csv(c))
    front = rows[0]
    assert front["new text"].startswith("'=HYPERLINK(\"http://x\")\n<script>")
    assert front["old text"].startswith("'=HYPERLINK")
    assert front["dimensions"] == "'=1+1"
    assert front["notes"] == ("dimensions: prefixed with \"'\" so it is not read as a formula; "
                              "old text: prefixed with \"'\" so it is not read as a formula; "
                              "new text: prefixed with \"'\" so it is not read as a formula")
    assert csv_notes(c)[0] == ("pair 1, dimensions: prefixed with \"'\" so it is not read as "
                               "a formula")
    assert HOSTILE[1] in rows[1]["new text"] and "&" in rows[1]["new text"]
    assert [neutralise(s) for s in ("=1", "+1", "-1", "@A1", "\t=1", "\r=1", "  =1", "a=1")] \
        == ["'=1", "'+1", "'-1", "'@A1", "'\t=1", "'\r=1", "'  =1", "a=1"]


def long_cells() -> Comparison:
    """One pair whose texts are each 42,769 characters, the second CSV part starting with "="."""
    old = "SEC. 1. BAN.\n" + "a" * (CELL_LIMIT - 13) + "=" + "b" * 10_000 + "\n"
    new = old.replace("b\n", "c\n")  # both second parts start with "="
    c = build("SEC. 1. BAN.\nb\n", "SEC. 1. BAN.\nc\n")
    first_pair = c.pairs[0]
    assert first_pair.old is not None and first_pair.new is not None
    # the texts swapped in directly: the CSV only prints them (diffing 40,000 characters is slow)
    return replace(c, pairs=(replace(first_pair, reasons=(), old=replace(first_pair.old, text=old),
                                     new=replace(first_pair.new, text=new)),))


def test_csv_continues_long_cells_on_extra_rows() -> None:
    c = long_cells()
    rows = rows_of(diff_csv(c))
    assert [(r["pair"], r["part"]) for r in rows] == [("1", "1"), ("1", "2")]
    first, second = rows
    for key in ("old id", "new id", "old citation", "new citation"):
        assert second[key] == first[key] != ""
    assert second["verdict"] == second["status"] == ""
    pair = c.pairs[0]
    assert pair.old is not None and pair.new is not None
    for side, clause in (("old text", pair.old), ("new text", pair.new)):
        assert len(first[side]) == CELL_LIMIT and second[side].startswith("'=")
        assert first[side] + second[side][1:] == clause.text
    n = f"{len(pair.old.text):,}"
    notes = [f"{side}: prefixed with \"'\" so it is not read as a formula (part 2); {n} "
             "characters, continued on 1 more row (part 2 onwards)"
             for side in ("old text", "new text")]
    assert first["notes"] == "; ".join(notes)
    assert csv_notes(c) == [f"pair 1, {note}" for note in notes]


def test_json_says_which_texts_the_csv_continues(s4457: Comparison) -> None:
    c = long_cells()
    (pair,) = json.loads(diff_json(c, {}))["pairs"]
    assert pair["notes"] == [
        f"{side}: 42,769 characters, more than a spreadsheet cell holds (32,767); the CSV "
        "continues it on 1 more row (part 2 onwards)" for side in ("old text", "new text")]
    # a text of exactly 32,767 characters fits, unless it needs the apostrophe
    new = c.pairs[0].new
    assert new is not None
    at_limit = replace(c.pairs[0], old=None, new=replace(new, text="x" * CELL_LIMIT))
    assert continued(at_limit) == []
    formula = replace(at_limit, new=replace(new, text="=" * CELL_LIMIT))
    assert continued(formula) == [("new text: 32,767 characters, more than a spreadsheet "
                                   "cell holds (32,767); the CSV continues it on 1 more row "
                                   "(part 2 onwards)")]
    assert all(p["notes"] == list(q.notes) for p, q in zip(
        json.loads(diff_json(s4457, {}))["pairs"], s4457.pairs, strict=True))


def test_csv_is_deterministic(s4457: Comparison) -> None:
    assert diff_csv(s4457) == diff_csv(s4457)


def test_csv_rows_at_the_cell_limit() -> None:
    """A text of exactly 32,767 characters is one cell; one more character, a second row; a
    text a spreadsheet would read as a formula gets its apostrophe, and room for it."""
    c = build(OLD, NEW)
    new = c.pairs[0].new
    assert new is not None

    def rows(text: str) -> list[list[str]]:
        one = replace(c, pairs=(replace(c.pairs[0], old=None, new=replace(new, text=text)),))
        return list(csv.reader(io.StringIO(diff_csv(one).decode("utf-8-sig"))))[1:]

    text_at = COLUMNS.index("new text")
    assert [(r[1], len(r[text_at])) for r in rows("x" * CELL_LIMIT)] == [("1", CELL_LIMIT)]
    assert [(r[1], len(r[text_at])) for r in rows("x" * (CELL_LIMIT + 1))] == [
        ("1", CELL_LIMIT), ("2", 1)]
    assert [r[text_at] for r in rows("=1+1")] == ["'=1+1"]


# --- DOCX -----------------------------------------------------------------------------------


def docx_xml(data: bytes, name: str = "word/document.xml") -> str:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return z.read(name).decode("utf-8")


@pytest.fixture
def no_epoch(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)


@pytest.mark.skipif(shutil.which("pandoc") is None, reason="pandoc is not installed")
def test_docx_accept_gives_new_text_and_reject_old(s4457: Comparison, tmp_path: Path,
                                                   no_epoch: None) -> None:
    path = tmp_path / "s4457.docx"
    path.write_bytes(diff_docx(s4457))
    for mode, side in (("accept", "new"), ("reject", "old")):
        body = pandoc(path, mode).split("\nProvisions\n", 1)[1]
        clauses = [getattr(p, side) for p in s4457.pairs if getattr(p, side)]
        assert squash(body) == squash(" ".join(f"{c.citation} {c.text}" for c in clauses))


def test_docx_revision_markup(s4457: Comparison, no_epoch: None) -> None:
    data = diff_docx(s4457)
    xml = docx_xml(data)
    date = 'w:author="legcompare" w:date="2024-01-01T00:00:00Z"'  # S. 4457-A: "2024"
    assert xml.count("<w:ins ") > 10 and xml.count("<w:del ") > 10
    assert len(re.findall(r"<w:(?:ins|del) w:id=\"\d+\" " + date, xml)) == (
        xml.count("<w:ins ") + xml.count("<w:del "))
    assert re.search(r"<w:del [^>]*><w:r><w:delText xml:space=\"preserve\">", xml)
    assert not re.search(r"<w:del [^>]*><w:r>(<w:rPr><w:b/></w:rPr>)?<w:t ", xml)
    # whole provisions: the paragraph mark is revised too (5 removed, 15 added)
    assert len(re.findall(r"<w:rPr><w:del [^>]*/></w:rPr></w:pPr>", xml)) == 5
    assert len(re.findall(r"<w:rPr><w:ins [^>]*/></w:rPr></w:pPr>", xml)) == 15
    comments = docx_xml(data, "word/comments.xml")
    assert comments.count("<w:comment ") == xml.count("<w:commentRangeStart ") > 0
    assert 'w:author="legcompare" w:initials="LC" w:date="2024-01-01T00:00:00Z"' in comments
    assert "Verdict: weaker (removed)" in comments
    assert "A remedy or means of enforcement was removed." in comments
    assert docx_xml(data, "docProps/core.xml").count("2024-01-01T00:00:00Z") == 2


def test_docx_title_property_is_cut_to_what_word_holds(corpus: Path, no_epoch: None) -> None:
    # The SF file's two version titles make a 300-character report title; Word's properties
    # hold 255. The property is cut with an ellipsis; the first heading keeps it whole.
    c = compare(load_path(corpus / "us-ca-sf-ord-190110-2019-introduced.txt"),
                load_path(corpus / "us-ca-sf-ord-190110-2019-amended-in-committee.txt"))
    data = diff_docx(c)
    core = docx_xml(data, "docProps/core.xml")
    found = re.search(r"<dc:title>(.*?)</dc:title>", core)
    assert found is not None
    assert len(html.unescape(found.group(1))) == 255 and found.group(1).endswith("…")
    assert found.group(1).startswith("S.F. Board of Supervisors File No. 190110")
    assert "as amended in committee May 6, 2019</w:t>" in docx_xml(data)


def test_docx_dates_follow_source_date_epoch(s4457: Comparison,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    data = diff_docx(s4457)
    assert 'w:date="2023-11-14T22:13:20Z"' in docx_xml(data)
    assert "2024-01-01T00:00:00Z" not in docx_xml(data)
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        assert {i.date_time for i in z.infolist()} == {(2023, 11, 14, 22, 13, 20)}
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "yesterday")
    with pytest.raises(LegcompareError, match="SOURCE_DATE_EPOCH"):
        revision_date(s4457)


def test_docx_without_any_date_has_none(no_epoch: None) -> None:
    data = diff_docx(pinned_without_dates())
    assert "w:date=" not in docx_xml(data) and "w:date=" not in docx_xml(data,
                                                                         "word/comments.xml")
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        assert {i.date_time for i in z.infolist()} == {(1980, 1, 1, 0, 0, 0)}


def pinned_without_dates() -> Comparison:
    c = pinned()
    return replace(c, old=replace(c.old, provenance=replace(c.old.provenance, version_date=None)),
                   new=replace(c.new, provenance=replace(c.new.provenance, version_date=None)))


# The provisions of ``pinned()`` as Word paragraphs: a modified one (comment, deleted and
# inserted words), an unchanged one (no comment), an added one (inserted whole with its
# paragraph mark, which takes the last revision id). Comment ids come first (0, 1), revision
# ids after the three pairs (4 ...).
_REF = ('<w:r><w:rPr><w:rStyle w:val="CommentReference"/></w:rPr>'
        '<w:commentReference w:id="{}"/></w:r>')
_WHEN = 'w:author="legcompare" w:date="2023-03-05T00:00:00Z"'
PINNED_PROVISIONS = (
    '<w:p><w:pPr><w:spacing w:after="160"/></w:pPr><w:commentRangeStart w:id="0"/>'
    '<w:r><w:rPr><w:b/></w:rPr><w:t xml:space="preserve">H.R. 1 § 1</w:t></w:r>'
    f'<w:commentRangeEnd w:id="0"/>{_REF.format(0)}<w:r><w:br/></w:r>'
    '<w:r><w:t xml:space="preserve">SEC. 1. BAN.</w:t><w:br/>'
    '<w:t xml:space="preserve">No agency </w:t></w:r>'
    f'<w:del w:id="4" {_WHEN}><w:r><w:delText xml:space="preserve">shall</w:delText></w:r></w:del>'
    f'<w:ins w:id="5" {_WHEN}><w:r><w:t xml:space="preserve">may</w:t></w:r></w:ins>'
    '<w:r><w:t xml:space="preserve"> use it.</w:t><w:br/></w:r></w:p>'
    '<w:p><w:pPr><w:spacing w:after="160"/></w:pPr>'
    '<w:r><w:rPr><w:b/></w:rPr><w:t xml:space="preserve">H.R. 1 § 2</w:t></w:r>'
    '<w:r><w:br/></w:r><w:r><w:t xml:space="preserve">SEC. 2. REPORTS.</w:t><w:br/>'
    '<w:t xml:space="preserve">Each agency shall report.</w:t><w:br/></w:r></w:p>'
    f'<w:p><w:pPr><w:spacing w:after="160"/><w:rPr><w:ins w:id="9" {_WHEN}/></w:rPr></w:pPr>'
    f'<w:commentRangeStart w:id="1"/><w:ins w:id="6" {_WHEN}><w:r><w:rPr><w:b/></w:rPr>'
    '<w:t xml:space="preserve">H.R. 1 § 3</w:t></w:r></w:ins>'
    f'<w:commentRangeEnd w:id="1"/>{_REF.format(1)}'
    f'<w:ins w:id="7" {_WHEN}><w:r><w:br/></w:r></w:ins>'
    f'<w:ins w:id="8" {_WHEN}><w:r><w:t xml:space="preserve">SEC. 3. AUDITS.</w:t><w:br/>'
    '<w:t xml:space="preserve">The Inspector General shall audit each agency.</w:t><w:br/>'
    '</w:r></w:ins></w:p>')


def test_docx_provision_paragraphs_markup(no_epoch: None) -> None:
    xml = docx_xml(diff_docx(pinned()))
    provisions = xml.split("Provisions</w:t></w:r></w:p>", 1)[1].split("<w:sectPr ", 1)[0]
    assert provisions == PINNED_PROVISIONS


@given(st.lists(st.text(st.sampled_from("ab \t\u00a0&<>“"), max_size=6), min_size=1,
                max_size=4).map("\n".join))
@example("Verdict: weaker (modified)\n\n  Weaker: a\tb  ")
def test_docx_comment_is_what_python_docx_makes(text: str) -> None:
    # The comments are written as text; python-docx's add_comment is the reference.
    from docx import Document
    from docx.oxml.ns import qn

    doc = Document()
    run = doc.add_paragraph().add_run("x")
    comment = doc.add_comment(run, text=text, author="legcompare", initials="LC")
    for date, attr in (("2024-01-01T00:00:00Z", ' w:date="2024-01-01T00:00:00Z"'), (None, "")):
        element = comment._comment_elm
        if date is None:
            del element.attrib[qn("w:date")]
        else:
            element.set(qn("w:date"), date)
        made = etree.fromstring(f'<w:comments xmlns:w="{docx_out._W_NS}">'
                                f"{docx_out._comment_xml(0, text, attr)}</w:comments>")[0]
        def c14n(e: etree._Element) -> bytes:  # the namespaces it uses, declared once
            return etree.tostring(e, method="c14n", exclusive=True)

        assert c14n(made) == c14n(element)


def _as_lxml_writes_it(data: bytes) -> None:
    # The provisions and comments are spliced into the parts as text: they must be exactly
    # what lxml would write for the same elements (parsed back and written again: no change).
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        for name in ("word/document.xml", "word/comments.xml"):
            if name not in z.namelist():
                continue
            xml = z.read(name)
            again = etree.tostring(etree.fromstring(xml, etree.XMLParser(huge_tree=True)),
                                   encoding="UTF-8", standalone=True)
            assert again == xml, name
            assert b"legcompare:" not in xml  # no placeholder left


@given(st.text(st.sampled_from("ab \t\n&<>'\"“é\u202e\x1b\x00\x02"), max_size=12),
       st.text(st.sampled_from("ab \t\n&<>'\"“é\u202e\x1b\x01\x03"), max_size=12))
@example("", "x")
@example("a\n\nb", "")
@settings(max_examples=40, deadline=None)
def test_docx_markup_is_what_lxml_writes(old: str, new: str) -> None:
    c = build(f"SEC. 1. A.\nNo agency shall {old}.\n{old}\n",
              f"SEC. 1. A.\nNo agency may {new}.\nSEC. 2. B.\n{new}\n")
    _as_lxml_writes_it(diff_docx(c))


def test_docx_markup_of_real_reports_is_what_lxml_writes(s4457: Comparison) -> None:
    _as_lxml_writes_it(diff_docx(s4457))
    _as_lxml_writes_it(diff_docx(pinned()))
    _as_lxml_writes_it(diff_docx(build(OLD, NEW)))


@given(st.text(st.sampled_from("a \n\t&<>\""), max_size=10), st.sampled_from(["w:t", "w:delText"]))
def test_docx_run_content_is_an_element_per_text_break_and_tab(text: str, tag: str) -> None:
    expected = "".join("<w:br/>" if part == "\n" else "<w:tab/>" if part == "\t" else
                       f'<{tag} xml:space="preserve">{docx_out.xml_text(part)}</{tag}>'
                       for part in re.split(r"(\n|\t)", text) if part)
    assert docx_out._content(text, tag) == expected


@given(st.text("ab", max_size=8), st.text("ab", max_size=8))
def test_docx_common_start(a: str, b: str) -> None:
    n = 0
    while n < min(len(a), len(b)) and a[n] == b[n]:
        n += 1
    assert docx_out._common(a, b) == n


def test_docx_is_deterministic(s4457: Comparison, no_epoch: None) -> None:
    first = diff_docx(s4457)
    time.sleep(1.1)  # a clock anywhere would show
    assert diff_docx(s4457) == first


@pytest.mark.skipif(shutil.which("pandoc") is None, reason="pandoc is not installed")
def test_docx_hostile_text_stays_text(tmp_path: Path, no_epoch: None) -> None:
    c = build("SEC. 1. A.\nNo agency shall use it.\n",
              f"SEC. 1. A.\nNo agency \u202emay\x1b use {HOSTILE[0]} {HOSTILE[2]}.\n")
    path = tmp_path / "h.docx"
    path.write_bytes(diff_docx(c))
    text = pandoc(path, "accept")
    assert f"<U+202E>may␛ use {HOSTILE[0]} {HOSTILE[2]}." in text


@pytest.mark.skipif(shutil.which("soffice") is None,
                    reason="LibreOffice (soffice) is not installed; CI installs "
                           "libreoffice-writer-nogui when time allows")
def test_docx_converts_with_libreoffice(s4457: Comparison, tmp_path: Path,
                                        no_epoch: None) -> None:
    path = tmp_path / "s4457.docx"
    path.write_bytes(diff_docx(s4457))
    subprocess.run(["soffice", f"-env:UserInstallation={(tmp_path / 'lo').as_uri()}",
                    "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path), str(path)],
                   capture_output=True, check=True, timeout=180)
    assert (tmp_path / "s4457.pdf").read_bytes().startswith(b"%PDF-")


# --- PDF without a browser ------------------------------------------------------------------


def fake_browser(folder: Path, script: str) -> None:
    folder.mkdir(exist_ok=True)
    exe = folder / "chromium"
    exe.write_text("#!/bin/sh\n" + script)
    exe.chmod(0o755)


def test_pdf_without_a_browser_says_so(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(ToolMissing) as info:
        print_pdf("<p>x</p>")
    assert str(info.value) == MISSING
    assert info.value.exit_code == 2


def test_pdf_browser_failure_is_one_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    fake_browser(tmp_path / "bin", 'echo "noise" >&2\necho "[1:2:ERROR:pdf.cc] boom" >&2\nexit 3\n')
    monkeypatch.setenv("PATH", str(tmp_path / "bin"))
    with pytest.raises(LegcompareError) as info:
        print_pdf("<p>x</p>")
    assert str(info.value) == ("headless Chromium could not print the PDF (exit status 3): "
                               "[1:2:ERROR:pdf.cc] boom")


def test_pdf_browser_timeout(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    fake_browser(tmp_path / "bin", "sleep 30\n")
    monkeypatch.setenv("PATH", str(tmp_path / "bin") + ":/usr/bin:/bin")
    start = time.monotonic()
    with pytest.raises(LegcompareError, match=r"did not finish printing the PDF within 0\.5 s"):
        print_pdf("<p>x</p>", timeout=0.5)
    assert time.monotonic() - start < 10


def test_pdf_flags_and_output(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    log = tmp_path / "args"
    fake_browser(tmp_path / "bin", f'printf "%s\\n" "$@" > {log}\n'
                 'for a in "$@"; do case "$a" in --print-to-pdf=*) '
                 'printf "%%PDF-1.4 fake" > "${a#--print-to-pdf=}";; esac; done\n')
    monkeypatch.setenv("PATH", str(tmp_path / "bin") + ":/usr/bin:/bin")
    assert print_pdf("<p>x</p>") == b"%PDF-1.4 fake"
    args = log.read_text().splitlines()
    assert args[:7] == ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                        "--disable-background-networking", "--disable-component-update",
                        "--disable-sync"]
    assert args[7].startswith("--user-data-dir=") and "--no-pdf-header-footer" in args
    assert args[-1].startswith("file:///") and args[-1].endswith("/report.html")
    assert not Path(args[-1][len("file://"):]).exists()  # the temporary folder is gone


def test_every_report_in_the_table_exists_and_the_web_offers_only_those() -> None:
    import inspect
    from importlib import import_module

    from legcompare.render import reports
    from legcompare.web.tasks import FORMATS as DOWNLOADS

    for kind, formats in reports._TABLE.items():
        assert formats and next(iter(formats)) == "terminal", kind
        for fmt, (module, function, takes) in formats.items():
            renderer = getattr(import_module(f"legcompare.render.{module}"), function)
            params = inspect.signature(renderer).parameters
            assert all(t in params for t in takes), (kind, fmt)
    for kind, formats in DOWNLOADS.items():
        assert set(formats) <= set(reports.FORMATS["diff" if kind == "compare" else kind]), kind


def test_render_gives_the_renderers_own_output(s4457: Comparison) -> None:
    from legcompare.render.diff_markdown import diff_markdown
    from legcompare.render.diff_terminal import diff_terminal
    from legcompare.render.reports import render

    opts: dict[str, object] = {"format": "json", "mode": "auto"}
    assert render("diff", s4457, "json", options=opts, only_changed=True) == \
        diff_json(s4457, opts, only_changed=True)
    assert render("diff", s4457, "markdown", only_changed=True) == \
        diff_markdown(s4457, only_changed=True)
    assert render("diff", s4457, "terminal", color=True) == diff_terminal(s4457, color=True)
    assert render("diff", s4457, "csv") == diff_csv(s4457)
