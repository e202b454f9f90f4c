"""``legcompare history``: provisions followed through several versions, on the five A48 prints
and on short texts written for the test; the history must match pairwise ``diff`` exactly."""

from __future__ import annotations

import itertools
import json
import pickle
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from legcompare.cli import main
from legcompare.compare import compare
from legcompare.history import History, HistoryError, history, version_labels
from legcompare.ingest import load_path
from legcompare.ingest.text import parse_text
from legcompare.model import Provenance, Status, Verdict
from legcompare.render.diff_json import pair_dict
from legcompare.render.history_out import (
    SCHEMA,
    history_html,
    history_json,
    history_markdown,
    history_table,
    history_terminal,
)
from legcompare.split import split
from legcompare.summary import changed

A48 = ["us-ny-a48-2023-original.txt", "us-ny-a48a-2023-amended.txt",
       "us-ny-a48b-2023-amended.txt", "us-ny-a48c-2024-amended.txt",
       "us-ny-a48d-2024-amended.txt"]

V1 = ("SEC. 1. DEFINITIONS.\nIn this Act, the term “agency” means any department of the State.\n"
      "SEC. 2. ENFORCEMENT.\n(a) Any person aggrieved by a violation may bring an action for "
      "damages.\n(b) The attorney general may bring an action to enforce this Act.\n")
V2 = ("SEC. 1. DEFINITIONS.\nIn this Act, the term “agency” means any department of the State.\n"
      "SEC. 2. BAN.\nNo agency shall use a face recognition system.\n"
      "SEC. 3. ENFORCEMENT.\n(a) Any person aggrieved by a violation may bring an action for "
      "damages.\n(b) The attorney general may bring an action to enforce this Act.\n")
V3 = ("SEC. 1. DEFINITIONS.\nIn this Act, the term “agency” means any department of the State.\n"
      "SEC. 2. BAN.\nNo agency may use a face recognition system.\n"
      "SEC. 3. ENFORCEMENT.\n(a) The attorney general may bring an action to enforce this Act.\n")


def snippet(version: str, text: str) -> Any:
    return parse_text(text, Provenance("us", "hr9-118", version, "H.R. 9", "file"))


@pytest.fixture(scope="module")
def small() -> History:
    return history([snippet("ih", V1), snippet("rh", V2), snippet("enr", V3)])


@pytest.fixture(scope="module")
def a48(corpus: Path) -> History:
    return history([load_path(corpus / name) for name in A48])


def timeline(h: History) -> list[tuple[tuple[str | None, ...], list[tuple[int, str, str]]]]:
    """(ids per version, [(version, status, verdict) of each change]) of every changed track."""
    return [(t.ids, [(e.version, e.pair.status.value, e.pair.verdict.value) for e in t.changes])
            for t in h.changed_tracks]


# --- the core, on short texts ----------------------------------------------------------------


def test_a_renumbered_provision_stays_on_its_track_until_it_is_removed(small: History) -> None:
    assert [t.ids for t in small.tracks] == [
        ("s1", "s1", "s1"),
        (None, "s2", "s2"),  # the ban, added in rh
        ("s2", "s3", "s3"),
        ("s2/a", "s3/a", None),  # the private right of action
        ("s2/b", "s3/b", "s3/a"),  # attorney-general enforcement, renumbered twice
    ]
    assert timeline(small) == [
        ((None, "s2", "s2"), [(1, "added", "stronger"), (2, "modified", "weaker")]),
        (("s2", "s3", "s3"), [(1, "unchanged", "neutral")]),
        (("s2/a", "s3/a", None), [(1, "unchanged", "neutral"), (2, "removed", "weaker")]),
        (("s2/b", "s3/b", "s3/a"), [(1, "unchanged", "neutral"), (2, "unchanged", "neutral")]),
    ]
    private = small.tracks[3]
    assert private.first == 0 and private.last == 1
    assert [e.pair.renumbered for e in private.events] == [True, False]
    assert private.at(2) is not None and private.at(2).pair.status is Status.REMOVED  # type: ignore[union-attr]
    assert private.latest.citation == "H.R. 9 § 3(a)"


def test_every_clause_of_every_version_is_on_exactly_one_track(small: History) -> None:
    for k, document in enumerate(small.documents):
        on_tracks = sorted(t.ids[k] for t in small.tracks if t.ids[k] is not None)  # type: ignore[type-var]
        assert on_tracks == sorted(c.id for c in split(document).walk())


def test_the_events_are_the_pairwise_comparisons_pairs(small: History) -> None:
    for k, comparison in enumerate(small.comparisons, 1):
        events = [e.pair for t in small.tracks for e in t.events if e.version == k]
        assert sorted(map(id, events)) == sorted(map(id, comparison.pairs))


def test_history_is_deterministic_and_pickles(small: History) -> None:
    again = history(list(small.documents))
    assert timeline(again) == timeline(small)
    assert history_json(again, {}) == history_json(small, {})
    assert timeline(pickle.loads(pickle.dumps(small))) == timeline(small)


def test_one_version_is_not_a_history() -> None:
    with pytest.raises(HistoryError, match="at least two versions"):
        history([snippet("ih", V1)])


def test_version_labels_tell_repeated_names_apart() -> None:
    assert version_labels([snippet("ih", V1), snippet("rh", V2)]) == ("ih", "rh")
    assert version_labels([snippet("ih", V1), snippet("ih", V2)]) == ("ih#1", "ih#2")


# --- the five A48 prints ----------------------------------------------------------------------


@pytest.mark.corpus
def test_a48_history_matches_pairwise_diff_of_consecutive_prints(corpus: Path,
                                                                  a48: History) -> None:
    for k, (old, new) in enumerate(itertools.pairwise(A48), 1):
        direct = compare(load_path(corpus / old), load_path(corpus / new))
        want = sorted(json.dumps(pair_dict(p), sort_keys=True) for p in direct.pairs
                      if changed(p))
        got = sorted(json.dumps(pair_dict(e.pair), sort_keys=True)
                     for t in a48.tracks for e in t.changes if e.version == k)
        assert got == want, new


@pytest.mark.corpus
def test_a48_history_names_the_print_where_each_provision_changed(a48: History) -> None:
    later = [(t.ids[-1], [(e.version, e.pair.status.value, e.pair.verdict.value)
                          for e in t.changes if e.version > 1])
             for t in a48.changed_tracks if any(e.version > 1 for e in t.changes)]
    assert later == [
        ("front", [(2, "modified", "neutral"), (3, "modified", "neutral"),
                   (4, "modified", "neutral")]),
        # B: the private right of action (damages, attorneys' fees) is struck
        ("s1/q/50-b/9/a", [(2, "modified", "weaker")]),
        # C: the civil penalty becomes "up to"
        ("s1/q/50-b/9/b", [(3, "modified", "weaker")]),
        # D: the exemptions in subdivision 11
        ("s1/q/50-b/11/a", [(4, "modified", "weaker")]),
        ("s2/q/130-a/9/b", [(3, "modified", "weaker")]),
        ("s2/q/130-a/11/a", [(4, "modified", "weaker")]),
    ]
    b = a48.tracks[[t.ids[-1] for t in a48.tracks].index("s1/q/50-b/9/a")].at(2)
    assert b is not None
    rules = [r.rule for r in b.pair.reasons]  # the private right of action, struck
    assert rules == ["enforcement.private-right-removed", "enforcement.damages-removed",
                     "enforcement.fees-removed"]
    assert [r.old for r in b.pair.reasons] == [
        "INDIVIDUAL INJURED BY A VIOLATION OF THIS SECTION MAY  BRING", "DAMAGES",
        "ATTORNEYS' FEES"]
    assert a48.verdicts(2)[Verdict.WEAKER] == 1


@pytest.mark.corpus
def test_a48_a_print_renumbers_definitions_and_the_history_follows_them(a48: History) -> None:
    ids = [t.ids for t in a48.tracks]
    assert ("s1/q/50-b/1/c", "s1/q/50-b/1/d", "s1/q/50-b/1/d", "s1/q/50-b/1/d",
            "s1/q/50-b/1/d") in ids
    assert (None, "s1/q/50-b/1/c", "s1/q/50-b/1/c", "s1/q/50-b/1/c", "s1/q/50-b/1/c") in ids
    assert ("s1/q/50-b/4/b/i", None, None, None, None) in ids
    counts = [(len(c.pairs), sum(map(changed, c.pairs))) for c in a48.comparisons]
    # (§ 50-b(9)(c) is not among them: only its label is printed another way, "(C)" as "C.")
    assert counts == [(124, 93), (122, 2), (122, 3), (122, 3)]
    assert len(a48.tracks) == 124 and len(a48.changed_tracks) == 95


# --- renderers --------------------------------------------------------------------------------


def test_terminal_lists_each_change_under_the_version_that_made_it(small: History) -> None:
    text = history_terminal(small, color=False)
    assert ("  enr (rh → enr, versions): 2 provisions weaker; 1 modified, 1 removed, "
            "3 unchanged") in text
    block = text[text.index("s2/a → s3/a  H.R. 9 § 3(a)"):].split("\n\n")[0].splitlines()
    assert block == [
        "s2/a → s3/a  H.R. 9 § 3(a)",
        "  rh: unchanged  renumbered (s2/a → s3/a)",
        "  enr: removed  WEAKER",
        "      [-(a) Any person aggrieved by a violation may bring an action for damages.-]",
        ("      because: A remedy or means of enforcement was removed. (old: \"Any person "
        "aggrieved by a violation may bring an action for…\")"),
    ]
    assert "      SEC. 2. BAN. No agency [-shall-]{+may+} use a face recognition system." in text
    assert "4 of 5 provisions changed; 1 never did" in text
    assert "\x1b[" not in text and "\x1b[31m" in history_terminal(small, color=True)


def test_markdown_table_has_a_column_per_version(small: History) -> None:
    assert history_table(small)[2:] == [
        "| Provision | Citation (latest) | ih | rh | enr |",
        "| --- | --- | --- | --- | --- |",
        "| s2 | H.R. 9 § 2 |  | added, stronger | modified, weaker |",
        "| s2 → s3 | H.R. 9 § 3 | · | renumbered | = |",
        "| s2/a → s3/a | H.R. 9 § 3(a) | · | renumbered | removed, weaker |",
        "| s2/b → s3/b → s3/a | H.R. 9 § 3(a) | · | renumbered | renumbered |",
    ]
    md = history_markdown(small)
    assert ("  - “shall” → “may” (between “SEC. 2. BAN. No agency” and “use a face recognition "
            "system.”)") in md
    assert ("  - Removed: “(a) Any person aggrieved by a violation may bring an action for "
            "damages.”") in md


@pytest.mark.corpus
def test_a48_markdown_row_of_the_private_right_of_action(a48: History) -> None:
    rows = history_table(a48)
    assert ("| s1/q/50-b/9/a | A. 48-D § 1 (adding N.Y. Mult. Dwell. Law § 50-b(9)(a)) | · | "
            "modified | modified, weaker | = | = |") in rows
    # "(C)" printed "C.": the same paragraph, not renumbered, and its words never changed
    assert not [row for row in rows if row.startswith("| s1/q/50-b/9/c |")]
    assert rows[0].startswith("95 of 124 provisions changed (29 never did).")


def test_json_follows_the_schema_and_holds_every_pair_verbatim(small: History) -> None:
    data = json.loads(history_json(small, {"format": "json"}))
    assert list(data) == ["schema", "generator", "versions", "steps", "tracks"]
    assert data["schema"] == SCHEMA == "legcompare.history/1"
    assert [v["label"] for v in data["versions"]] == ["ih", "rh", "enr"]
    assert data["versions"][0]["document"]["document"] == "hr9-118"
    assert [(s["from"], s["to"], s["mode"]) for s in data["steps"]] == [
        (0, 1, "versions"), (1, 2, "versions")]
    assert data["steps"][1]["summary"]["weaker"] == 2
    private = data["tracks"][3]
    assert private["ids"] == ["s2/a", "s3/a", None]
    assert private["citations"] == ["H.R. 9 § 2(a)", "H.R. 9 § 3(a)", None]
    assert private["changed"] == [1, 2]
    assert [(e["version"], e["changed"], e["pair"]["status"]) for e in private["events"]] == [
        (1, True, "unchanged"), (2, True, "removed")]
    for k, comparison in enumerate(small.comparisons, 1):
        want = sorted(json.dumps(pair_dict(p), sort_keys=True) for p in comparison.pairs)
        got = sorted(json.dumps(e["pair"], sort_keys=True) for t in data["tracks"]
                     for e in t["events"] if e["version"] == k)
        assert got == want


def test_json_only_changed_leaves_out_tracks_that_never_changed(small: History) -> None:
    data = json.loads(history_json(small, {}, only_changed=True))
    assert [t["ids"] for t in data["tracks"]] == [
        [None, "s2", "s2"], ["s2", "s3", "s3"], ["s2/a", "s3/a", None],
        ["s2/b", "s3/b", "s3/a"]]
    assert data["omitted_unchanged"] == 1
    assert all(e["changed"] for t in data["tracks"] for e in t["events"])


def test_html_escapes_bill_text_and_links_each_change() -> None:
    hostile = V1.replace("damages", "damages <script>alert(1)</script>")
    h = history([snippet("ih", hostile), snippet("rh", V3)])
    page = history_html(h)
    assert "<script>" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "default-src 'none'" in page
    assert '<th scope="col">ih</th><th scope="col">rh</th>' in page
    assert page.count('<tbody class="pair changed') == sum(len(t.changes)
                                                           for t in h.changed_tracks)
    assert history_html(h) == page


# --- command line -----------------------------------------------------------------------------


def test_cli_needs_two_versions(tmp_path: Path) -> None:
    one = tmp_path / "v1.txt"
    one.write_text(V1, encoding="utf-8")
    result = CliRunner().invoke(main, ["history", str(one)])
    assert result.exit_code == 2
    assert result.stderr == ("legcompare: error: history needs at least two versions "
                             "(oldest first)\n")


def test_cli_history_markdown_and_json_to_a_file(tmp_path: Path) -> None:
    paths = []
    for name, text in (("v1.txt", V1), ("v2.txt", V2), ("v3.txt", V3)):
        (tmp_path / name).write_text(text, encoding="utf-8")
        paths.append(str(tmp_path / name))
    result = CliRunner().invoke(main, ["history", *paths, "--format", "markdown"])
    assert result.exit_code == 0, result.stderr
    assert "| s2/a → s3/a |" in result.stdout
    out = tmp_path / "history.json"
    result = CliRunner().invoke(main, ["history", *paths, "--format", "json", "-o", str(out),
                                       "--only-changed"])
    assert result.exit_code == 0, result.stderr
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["generator"]["options"]["only_changed"] is True
    assert data["omitted_unchanged"] == 1
    bad = CliRunner().invoke(main, ["history", paths[0], str(tmp_path / "missing.txt")])
    assert bad.exit_code == 2 and bad.stderr.startswith("legcompare: error: ")
