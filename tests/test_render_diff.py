"""The three renderers of ``legcompare diff``: JSON (the contract), terminal, Markdown.

Comparisons are built from snippets written here (edge cases of presentation, not legal
behaviour); verdicts and reasons are pinned with ``replace`` so these tests check the rendering,
whatever the rule engine says.
"""

from __future__ import annotations

import json
import re
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from hypothesis import example as example_of
from hypothesis import given, settings
from hypothesis import strategies as st

from legcompare.compare import compare
from legcompare.ingest import load_path
from legcompare.ingest.text import parse_text
from legcompare.model import (
    ClausePair,
    Comparison,
    Direction,
    Op,
    Provenance,
    Reason,
    Status,
    Verdict,
)
from legcompare.render import diff_markdown as diff_markdown_module
from legcompare.render.diff_json import diff_json
from legcompare.render.diff_markdown import diff_markdown, inline
from legcompare.render.diff_terminal import diff_terminal, visible
from legcompare.render.html import diff_html, judged
from legcompare.summary import deciding_reason, not_shown

OLD = "SEC. 1. BAN.\nNo agency shall use it.\nSEC. 2. REPORTS.\nEach agency shall report.\n"
NEW = ("SEC. 1. BAN.\nNo agency may use it.\nSEC. 2. REPORTS.\nEach agency shall report.\n"
       "SEC. 3. AUDITS.\nThe Inspector General shall audit each agency.\n")
WEAKER = Reason("obligation.shall-to-may", "obligation", Direction.WEAKER, "shall", "may",
                (23, 28), (23, 26), "A duty became a permission.")
AUDIT_AT = NEW.index("shall audit")
STRONGER = Reason("oversight.audit-added", "oversight", Direction.STRONGER, None, "shall audit",
                  None, (AUDIT_AT, AUDIT_AT + 11), "An audit duty was added.")
ANSI = re.compile(r"\x1b\[[0-9;]*m")


def prov(version: str, **kw: Any) -> Provenance:
    return replace(Provenance("us", "hr1-118", version, "H.R. 1", "file"), **kw)


def build(old: str, new: str, old_prov: Provenance | None = None,
          new_prov: Provenance | None = None) -> Comparison:
    return compare(parse_text(old, old_prov or prov("ih")), parse_text(new, new_prov or prov("rh")))


def example() -> Comparison:
    """shall → may (weaker), an unchanged section, an added audit section (stronger)."""
    c = build(OLD, NEW,
              prov("ih", version_date="2023-01-01", in_force=False),
              prov("rh", version_date="2023-03-05", license="CC BY 4.0 (LegiScan)"))
    assert [p.status for p in c.pairs] == [Status.MODIFIED, Status.UNCHANGED, Status.ADDED]
    first, same, added = c.pairs
    pairs = (replace(first, verdict=Verdict.WEAKER, reasons=(WEAKER,)), same,
             replace(added, verdict=Verdict.STRONGER, reasons=(STRONGER,)))
    return replace(c, pairs=pairs)


# --- JSON ------------------------------------------------------------------------------------


def test_json_keys_and_values_follow_the_contract() -> None:
    c = example()
    data = json.loads(diff_json(c, {"format": "json"}))
    assert list(data) == ["schema", "generator", "old", "new", "mode", "perspective", "summary",
                          "pairs", "notes"]
    assert data["schema"] == "legcompare.diff/1"
    assert list(data["generator"]) == ["name", "version", "rules_sha256", "options"]
    assert data["generator"]["options"] == {"format": "json"}
    assert list(data["old"])[:5] == ["jurisdiction", "document", "version", "title", "source"]
    assert data["old"]["version_date"] == "2023-01-01"  # JSON keeps ISO dates
    assert data["old"]["in_force"] is False
    assert data["new"]["license"] == "CC BY 4.0 (LegiScan)"
    assert (data["mode"], data["perspective"]) == ("versions", "protective")
    assert data["summary"] == {
        "stronger": 1, "weaker": 1, "mixed": 0, "neutral": 1, "unclear": 0,
        "added": 1, "removed": 0, "unpaired": 0, "modified": 1, "unchanged": 1, "split": 0,
        "merged": 0, "moved": 0, "renumbered": 0, "descriptive": 0}
    first, same, added = data["pairs"]
    assert list(first) == ["status", "moved", "renumbered", "group", "old", "new", "similarity",
                           "edits", "verdict", "descriptive", "reasons", "notes"]
    assert "children" not in first["old"]
    assert first["old"]["id"] == "s1"
    assert first["old"]["citation"] == "H.R. 1 § 1"
    assert first["old"]["text"] == "SEC. 1. BAN.\nNo agency shall use it.\n"
    assert first["edits"] == [["equal", "SEC. 1. BAN.\nNo agency "], ["delete", "shall"],
                              ["insert", "may"], ["equal", " use it.\n"]]
    assert (first["status"], first["verdict"], first["descriptive"]) == (
        "modified", "weaker", False)
    assert first["reasons"] == [{
        "rule": "obligation.shall-to-may", "dimension": "obligation", "direction": "weaker",
        "old": "shall", "new": "may", "old_span": [23, 28], "new_span": [23, 26],
        "explanation": "A duty became a permission."}]
    assert list(first["reasons"][0]) == ["rule", "dimension", "direction", "old", "new",
                                         "old_span", "new_span", "explanation"]
    assert (same["status"], same["verdict"], same["reasons"]) == ("unchanged", "neutral", [])
    assert added["old"] is None
    assert added["similarity"] is None
    assert added["reasons"][0]["old_span"] is None
    assert added["reasons"][0]["new_span"] == [AUDIT_AT, AUDIT_AT + 11]
    assert data["notes"] == []


def test_json_text_is_utf8_indented_and_deterministic() -> None:
    c = example()
    out = diff_json(c, {}).decode()
    assert diff_json(c, {}) == out.encode()
    assert out.endswith("}\n")
    assert '"citation": "H.R. 1 § 1"' in out  # not ASCII-escaped
    assert out.startswith('{\n  "schema": "legcompare.diff/1",\n  "generator": {\n')


def test_json_rounds_similarity_and_keeps_pair_notes() -> None:
    c = example()
    first = replace(c.pairs[0], similarity=0.123456789, notes=("aligned by sentence first",))
    c = replace(c, pairs=(first, *c.pairs[1:]), notes=("a comparison note",))
    data = json.loads(diff_json(c, {}))
    assert data["pairs"][0]["similarity"] == 0.1235
    assert data["pairs"][0]["notes"] == ["aligned by sentence first"]
    assert data["notes"] == ["a comparison note"]


def test_json_only_changed_drops_unchanged_pairs_but_counts_them() -> None:
    data = json.loads(diff_json(example(), {}, only_changed=True))
    assert [p["status"] for p in data["pairs"]] == ["modified", "added"]
    assert data["summary"]["unchanged"] == 1
    assert data["summary"]["neutral"] == 1
    assert list(data)[-1] == "omitted_unchanged"
    assert data["omitted_unchanged"] == 1
    assert "omitted_unchanged" not in json.loads(diff_json(example(), {}))


# --- terminal --------------------------------------------------------------------------------

EXPECTED_TERMINAL = """\
old: H.R. 1 · version ih · January 1, 2023
new: H.R. 1 · version rh · March 5, 2023
warning: H.R. 1 (version ih) is not in force
license: H.R. 1 (version rh): CC BY 4.0 (LegiScan)
mode: versions · perspective: protective

1 provision weaker, 1 stronger; 1 modified, 1 added, 1 unchanged

~ H.R. 1 § 1  WEAKER
    SEC. 1. BAN.
    No agency [-shall-]{+may+} use it.
  because: A duty became a permission. ("shall" → "may")

= H.R. 1 § 2
    SEC. 2. REPORTS.
    Each agency shall report.

+ H.R. 1 § 3  STRONGER
    {+SEC. 3. AUDITS.+}
    {+The Inspector General shall audit each agency.+}
  because: An audit duty was added. (new: "shall audit")
"""


def test_terminal_plain_output_exactly() -> None:
    out = diff_terminal(example(), color=False)
    assert out == EXPECTED_TERMINAL
    assert "[-shall-]{+may+}" in out
    assert "\x1b" not in out


def test_terminal_colour_adds_ansi_and_keeps_the_markers() -> None:
    plain = diff_terminal(example(), color=False)
    colour = diff_terminal(example(), color=True)
    assert "\x1b[31m[-shall-]\x1b[0m\x1b[32m{+may+}\x1b[0m" in colour
    assert "\x1b[1m\x1b[31mWEAKER\x1b[0m" in colour
    assert "    \x1b[2mEach agency shall report.\x1b[0m\n" in colour  # unchanged text is dim
    assert ANSI.sub("", colour) == plain


def test_terminal_only_changed_keeps_the_summary_counts() -> None:
    out = diff_terminal(example(), color=False, only_changed=True)
    assert "= H.R. 1 § 2" not in out
    assert "Each agency shall report." not in out
    assert "1 provision weaker, 1 stronger; 1 modified, 1 added, 1 unchanged\n" in out
    assert out.endswith("\n(1 unchanged provision not shown)\n")


def _rebuild(output: str) -> list[tuple[str, str]]:
    """(old, new) texts of each pair block: text lines lose their indent, markers are resolved."""
    blocks: list[list[str]] = []
    for line in output.splitlines():
        if re.match(r"[~+\-?=/\\] ", line):
            blocks.append([])
        elif blocks and (line.startswith("    ") or line == "  \\ no line break at end"):
            blocks[-1].append(line)
    out = []
    for block in blocks:
        final = "" if block and block[-1] == "  \\ no line break at end" else "\n"
        body = [line[4:] for line in block if line.startswith("    ")]
        text = "\n".join(body) + final if body else ""
        old = re.sub(r"\{\+.*?\+\}", "", text, flags=re.S).replace("[-", "").replace("-]", "")
        new = re.sub(r"\[-.*?-\]", "", text, flags=re.S).replace("{+", "").replace("+}", "")
        out.append((old, new))
    return out


def test_terminal_loses_nothing_both_documents_rebuild_from_the_output() -> None:
    old_text = ("SEC. 1. DEFINITIONS.\nIn this Act, the term \"agency\" means\nany department.\n"
                "SEC. 2. BAN.\nNo agency shall use it,\nexcept with a warrant.\n"
                "SEC. 3. REPORTS.\nEach agency shall report.\n")
    new_text = ("SEC. 1. DEFINITIONS.\nIn this Act, the term \"agency\" means\n"
                "any department or office.\nSEC. 2. BAN.\nNo agency shall use it.\n"
                "SEC. 4. AUDITS.\nAudits yearly.")  # no final line break
    c = build(old_text, new_text)
    assert [p.status for p in c.pairs] == [Status.MODIFIED, Status.MODIFIED, Status.REMOVED,
                                           Status.ADDED]
    out = diff_terminal(c, color=False)
    assert "    No agency shall use it[-,\n    except with a warrant-].\n" in out
    assert "    {+Audits yearly.+}\n  \\ no line break at end\n" in out
    rebuilt = _rebuild(out)
    assert len(rebuilt) == len(c.pairs)
    olds = sorted((p.old.span[0], text[0]) for p, text in zip(c.pairs, rebuilt, strict=True)
                  if p.old)
    news = sorted((p.new.span[0], text[1]) for p, text in zip(c.pairs, rebuilt, strict=True)
                  if p.new)
    assert "".join(t for _, t in olds) == c.old.text == old_text
    assert "".join(t for _, t in news) == c.new.text == new_text


def test_terminal_labels_a_layout_only_change() -> None:
    c = build("SEC. 1. Reports are due\nyearly.\n", "SEC. 1. Reports are\ndue yearly.\n")
    assert [p.status for p in c.pairs] == [Status.UNCHANGED]
    out = diff_terminal(c, color=False)
    assert out.endswith('\n\n= H.R. 1 § 1  layout only\n    SEC. 1. Reports are\n'
                        '    due yearly.\n  layout: " " → "\\n", "\\n" → " "\n')


def test_terminal_layout_next_to_a_real_change_is_not_layout_only() -> None:
    c = build("SEC. 1. Reports are due\nyearly.\n", "SEC. 1. Reports are\ndue monthly.\n")
    out = diff_terminal(c, color=False)
    status = next(line for line in out.splitlines() if line.startswith("~ "))
    assert "layout only" not in status
    assert "    SEC. 1. Reports are\n    due[-\n    yearly-]{+ monthly+}.\n" in out
    assert '  layout: " " → "\\n"\n' in out


def test_terminal_case_change_is_layout_only() -> None:
    c = build("SEC. 1. Reports are due yearly.\n", "SEC. 1. REPORTS are due yearly.\n")
    out = diff_terminal(c, color=False)
    assert '  layout only\n    SEC. 1. REPORTS are due yearly.\n  layout: "Reports" → "REPORTS"\n' \
        in out


def test_terminal_partial_document_shows_unpaired_provisions() -> None:
    c = build(OLD, "SEC. 1. BAN.\nNo agency shall use it.\n[... text not retrieved ...]\n")
    out = diff_terminal(c, color=False)
    assert ("partial: H.R. 1 (version rh) was not fully retrieved; a provision with no "
            "counterpart in it is unpaired, not added or removed\n") in out
    assert "\n? H.R. 1 § 2  UNCLEAR  unpaired\n    [-SEC. 2. REPORTS.-]\n" in out


def test_the_lists_of_changes_count_unpaired_provisions_in_one_line(corpus: Path) -> None:
    """A partial text leaves the other's provisions unpaired, each "unclear" for the one reason:
    § 832.19 (cut off in its definitions) against H.R. 4695 listed 191 rows of "The old text is
    partial ...". The Markdown table and the HTML list give one line for them, naming the
    first; each is still shown with the provisions."""
    c = build(OLD, "SEC. 1. BAN.\nNo agency shall use it.\n[... text not retrieved ...]\n")
    md = diff_markdown(c)
    line = ("1 provision of H.R. 1 (version ih) has no counterpart in what was retrieved of H.R. "
            "1 (version rh): it is unpaired, not added or removed (what was not retrieved may "
            "hold its), and listed with the provisions.")
    assert f"## Changes in protection\n\n{line}\n" in md
    assert "| H.R. 1 § 2 | unpaired |" not in md
    assert "### H.R. 1 § 2 — unpaired, unclear" in md
    page = diff_html(c)
    assert f"<p>{line} <a href=\"#pair-2\">The first of them.</a></p>" in page
    assert judged(c) == []
    ca = compare(load_path(corpus / "us-ca-pen-832.19-2019-chaptered.txt"),
                 load_path(corpus / "us-federal-hr4695-119-introduced.txt"))
    assert ("\n\n189 provisions of H.R. 4695 have no counterpart in what was retrieved of Cal. "
            "Penal Code § 832.19: they are unpaired") in diff_markdown(ca)
    assert all(link.status != "unpaired" for _, links in judged(ca) for link in links)


def test_terminal_never_sends_control_characters_from_the_bill() -> None:
    c = build(OLD, OLD.replace("use it", "use \x1b[2J it \u202e"))
    plain = diff_terminal(c, color=False)
    assert "\x1b" not in plain
    assert "\u202e" not in plain
    assert "    No agency shall use [-it-]{+\u241b[2J it <U+202E>+}.\n" in plain
    assert '("it" → "\\u001b[2J it <U+202E>")' in plain
    assert "\x1b[2J" not in diff_terminal(c, color=True)


def test_visible_symbols_replace_control_characters() -> None:
    assert visible("a\tb\nc\x07\x85") == "a\tb\nc\u2407<U+0085>"


# --- Markdown --------------------------------------------------------------------------------

EXPECTED_MARKDOWN = """\
# H.R. 1 (ih) → H.R. 1 (rh)

**1 provision weaker, 1 stronger; 1 modified, 1 added, 1 unchanged**

- Old: H.R. 1 · version ih · January 1, 2023
- New: H.R. 1 · version rh · March 5, 2023
- Mode: versions; perspective: protective
- **Warning:** H.R. 1 (version ih) is not in force
- **License:** H.R. 1 (version rh): CC BY 4.0 (LegiScan)

## Changes in protection

| Provision | Status | Verdict | Reason |
| --- | --- | --- | --- |
| H.R. 1 § 1 | modified | weaker | A duty became a permission. |
| H.R. 1 § 3 | added | stronger | An audit duty was added. |

## Provisions

### H.R. 1 § 1 — modified, weaker

> SEC. 1. BAN.\\
> No agency ~~shall~~**may** use it.

- Because: A duty became a permission. ("shall" → "may")

### H.R. 1 § 2 — unchanged

> SEC. 2. REPORTS.\\
> Each agency shall report.

### H.R. 1 § 3 — added, stronger

> **SEC. 3. AUDITS.**\\
> **The Inspector General shall audit each agency.**

- Because: An audit duty was added. (new: "shall audit")
"""


def test_markdown_exactly() -> None:
    assert diff_markdown(example()) == EXPECTED_MARKDOWN


def test_markdown_only_changed_keeps_the_summary_counts() -> None:
    out = diff_markdown(example(), only_changed=True)
    assert "### H.R. 1 § 2" not in out
    assert "**1 provision weaker, 1 stronger; 1 modified, 1 added, 1 unchanged**" in out
    assert out.endswith("\n\n1 unchanged provision not shown.\n")


def test_lists_of_verdicts_give_the_reason_that_made_the_verdict() -> None:
    """A. 48-A's § 50-b(2)(c) is stronger for "or lawful occupant", and also renames the
    landlord: the report's list of stronger provisions gave "“LANDLORDS” became “OWNERS”: the
    same party, named differently", the first of its reasons, for why it was stronger."""
    renamed = Reason("formal.landlord-owner", "formal", Direction.NEUTRAL, "shall", "may",
                     (23, 28), (23, 26), "The same party, named differently.")
    c = example()
    first, same, added = c.pairs
    c = replace(c, pairs=(replace(first, reasons=(renamed, WEAKER)), same,
                          replace(added, verdict=Verdict.MIXED, reasons=(renamed, STRONGER))))
    out = diff_markdown(c)
    assert "| H.R. 1 § 1 | modified | weaker | A duty became a permission. |" in out
    assert "| H.R. 1 § 3 | added | mixed | An audit duty was added. |" in out
    assert [(verdict, [link.reason for link in links]) for verdict, links in judged(c)] == [
        ("weaker", ["A duty became a permission."]), ("mixed", ["An audit duty was added."])]
    lone = replace(c, pairs=(replace(first, verdict=Verdict.UNCLEAR, reasons=(renamed,)),))
    assert deciding_reason(lone.pairs[0]) == renamed  # (none made it: the first)


def test_markdown_escapes_bill_text_so_it_renders_as_itself() -> None:
    hostile = "No agency shall use *it* <script>alert(1)</script>, a_b | c `x` [y](z).\n"
    c = build(OLD, OLD.replace("No agency shall use it.\n", hostile))
    odd = Reason("x", "scope", Direction.WEAKER, None, None, None, None, "covers a | b <i>")
    c = replace(c, pairs=(replace(c.pairs[0], verdict=Verdict.WEAKER, reasons=(odd,)),
                          *c.pairs[1:]))
    out = diff_markdown(c)
    assert ("> No agency shall use ~~it~~**\\*it\\* &lt;script&gt;alert(1)&lt;/script&gt;, a\\_b "
            "\\| c \\`x\\` \\[y\\](z)**.\n") in out
    assert "| H.R. 1 § 1 | modified | weaker | covers a \\| b &lt;i&gt; |\n" in out
    assert "<script>" not in out
    assert "<i>" not in out


def test_markdown_neutralises_block_syntax_at_a_line_start() -> None:
    text = "SEC. 1. BAN.\nNo agency shall use it.\n1. list\n    code\n- item\n===\n> quote\n"
    c = build(text, text.replace("shall", "may"))
    assert [p.status for p in c.pairs] == [Status.MODIFIED, Status.UNCHANGED]
    assert ("> 1\\. list\\\n> &#32;&#32;&#32;&#32;code\\\n> \\- item\\\n> \\===\\\n"
            "> &gt; quote\n") in diff_markdown(c)


def test_markdown_delimiters_hold_between_a_letter_and_punctuation() -> None:
    c = build(OLD, OLD.replace("use it.", "use it, or them."))
    # "t**," would leave the asterisks literal: the letter is written as a reference instead
    assert "> No agency shall use i&#116;**, or them**.\n" in diff_markdown(c)


def test_inline_is_one_line_and_escaped() -> None:
    assert inline("a  *b*\n_c_ <d> & e|f") == "a \\*b\\* \\_c\\_ &lt;d&gt; &amp; e\\|f"


def _line_char_by_char(runs: list[tuple[Op, str]]) -> str:
    """What ``diff_markdown._line`` writes, made one character at a time (its first form)."""
    table = str.maketrans(diff_markdown_module._ESCAPES)
    atoms: list[tuple[str | None, str]] = []
    for op, text in runs:
        if op is Op.EQUAL:
            atoms += [(ch, ch.translate(table)) for ch in text]
            continue
        core = text.strip()
        lead, trail = text[:len(text) - len(text.lstrip())], text[len(text.rstrip()):]
        if not core:
            atoms += [(ch, ch) for ch in text] if op is Op.INSERT else []
            continue
        mark = "~~" if op is Op.DELETE else "**"
        atoms += [(ch, ch) for ch in lead] + [(None, mark)]
        atoms += [(ch, ch.translate(table)) for ch in core]
        atoms += [(None, mark)] + [(ch, ch) for ch in trail]
    diff_markdown_module._fix_flanking(atoms)
    diff_markdown_module._neutralise_line_start(atoms)
    return "".join(src for _, src in atoms)


LINE_TEXT = st.text(st.sampled_from(list(" \t#+-=.)1²9aZé,;*_&<>|~`[]\\")), max_size=12)


@settings(max_examples=500, deadline=None)
@given(st.lists(st.tuples(st.sampled_from([Op.EQUAL, Op.DELETE, Op.INSERT]), LINE_TEXT),
                max_size=6))
@example_of([(Op.EQUAL, "  12. Sec"), (Op.INSERT, " a,"), (Op.EQUAL, "b")])
@example_of([(Op.INSERT, " 3"), (Op.EQUAL, "9) x *y*")])
def test_a_markdown_line_is_written_as_character_by_character(runs: list[tuple[Op, str]]
                                                              ) -> None:
    """Only the characters next to a delimiter and at the line's start are read one at a
    time; the line is the same as when every character was (blanks, signs, numbers, escapes,
    letters against punctuation at a delimiter)."""
    assert diff_markdown_module._line(runs) == _line_char_by_char(runs)


@pytest.mark.parametrize(("flags", "shown", "said"), [
    ([False, False], 2, None),
    ([True], 0, "1 unchanged provision not shown, renumbered with the provision it sits in"),
    ([True, False], 0, ("2 unchanged provisions not shown, 1 of them renumbered with the "
                        "provision it sits in")),
    ([True, True, False], 0, ("3 unchanged provisions not shown, 2 of them renumbered with the "
                              "provisions they sit in")),
    ([False], 0, "1 unchanged provision not shown"),
])
def test_what_a_list_of_changes_leaves_out_is_said(flags: list[bool], shown: int,
                                                   said: str | None) -> None:
    pairs = [ClausePair(Status.UNCHANGED, None, None, (), renumbered=f,
                        renumbered_with_parent=f) for f in flags]
    assert not_shown(pairs, shown) == said


def test_a_reason_given_for_each_of_several_like_changes_is_listed_once_with_a_count() -> None:
    """A formal rule explains each change it fits: "LANDLORD" → "OWNER" twice in one provision
    (A. 48-A § 50-b(9)) was listed twice, word for word, under it. Reports list it once, "(×2)";
    the comparison (and its JSON) keeps both, each with its span."""
    import io
    import zipfile

    from legcompare.render.docx_out import diff_docx

    old = ("SEC. 1. ENTRY.\n(a) No landlord shall install a smart access system unless the "
           "landlord gives notice.\n")
    c = build(old, old.replace("landlord", "owner"))
    (p,) = [p for p in c.pairs if p.old is not None and p.old.id == "s1/a"]
    assert [(r.rule, r.old, r.new) for r in p.reasons] == [
        ("formal.landlord-owner", "landlord", "owner")] * 2
    because = ("“landlord” became “owner”: the same party, named differently. "
               '("landlord" → "owner") (×2)')
    assert f"  because: {because}\n" in diff_terminal(c, color=False)
    assert f"- Because: {because}\n" in diff_markdown(c)
    html = diff_html(c)
    assert html.count("the same party, named differently") == 1
    assert "new: “<mark>owner</mark>” (×2)" in html
    with zipfile.ZipFile(io.BytesIO(diff_docx(c))) as z:
        comments = z.read("word/comments.xml").decode()
    assert comments.count("the same party, named differently") == 1
    assert "(old: “landlord” → new: “owner”) [formal.landlord-owner] (×2)" in comments
    assert len(json.loads(diff_json(c, {}))["pairs"][1]["reasons"]) == 2
