"""One minimal pair per rule: each packaged rule fires on a short pair written for it.

The pairs are data (``tests/cases/rules/<file>.toml``, one file per rule file): a few lines of
bill-like text before and after one change, the provision the change is in (its id, or the
old id for a removed provision), the rule that must be among that pair's reasons and the
pair's verdict. A case fails if its rule is removed or stops firing, and a rule without a case
fails ``test_every_packaged_rule_has_a_case``. Each pair is also run the other way round: the
verdict must be the mirror (stronger ⇔ weaker, the rest unchanged), which is what keeps every
rule paired with its counterpart.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path

import pytest

from legcompare.assess.engine import heading_span
from legcompare.assess.rules import flexible_spaces, load_rules
from legcompare.compare import compare
from legcompare.ingest.text import parse_text
from legcompare.model import (
    ClausePair,
    CompareOptions,
    Comparison,
    Document,
    Mode,
    Perspective,
    Provenance,
)
from legcompare.normalize import unbroken

CASES_DIR = Path(__file__).resolve().parent / "cases" / "rules"
_KEYS = {"rule", "clause", "verdict", "old", "new", "mode"}
_VERDICTS = {"stronger", "weaker", "mixed", "neutral", "unclear"}
MIRROR = {"stronger": "weaker", "weaker": "stronger"}


@dataclass(frozen=True)
class Case:
    file: str
    rule: str
    clause: str
    verdict: str
    old: str
    new: str
    mode: Mode

    def __str__(self) -> str:
        return self.rule


def load_cases() -> list[Case]:
    out = []
    for path in sorted(CASES_DIR.glob("*.toml")):
        for i, raw in enumerate(tomllib.loads(path.read_text(encoding="utf-8"))["cases"]):
            where = f"{path.name} case {i + 1}"
            assert set(raw) <= _KEYS, f"{where}: unknown keys {sorted(set(raw) - _KEYS)}"
            assert _KEYS - {"mode"} <= set(raw), f"{where}: missing {_KEYS - {'mode'} - set(raw)}"
            assert raw["verdict"] in _VERDICTS, where
            out.append(Case(path.name, raw["rule"], raw["clause"], raw["verdict"], raw["old"],
                            raw["new"], Mode(raw.get("mode", "versions"))))
    return out


CASES = load_cases()


def doc(text: str, name: str) -> Document:
    return parse_text(text, Provenance("us-federal", "bill", name, name, "test"))


def run(old: str, new: str, mode: Mode,
        perspective: Perspective = Perspective.PROTECTIVE) -> Comparison:
    return compare(doc(old, "old"), doc(new, "new"),
                   options=CompareOptions(mode=mode, perspective=perspective))


def test_a_change_no_rule_places_beside_one_a_rule_places_is_shown() -> None:
    """A change no rule places, in a provision where a rule placed another ("the tenant {+or
    lawful occupant+}" in an exception, "entrance" → "admission"): the verdict stands on what
    the rules placed; the rest is listed as unplaced."""
    old = ("SEC. 1. ENTRY.\n(a) The procedures shall not limit entrance by people authorized by "
           "the tenant except as requested by the tenant.\n")
    new = old.replace("limit entrance", "limit admission").replace(
        "requested by the tenant.", "requested by the tenant or lawful occupant.")
    p = pair_of(run(old, new, Mode.VERSIONS), "s1/a")
    assert (p.verdict.value, [(r.rule, r.direction.value, r.old, r.new, r.explanation)
                              for r in p.reasons]) == ("weaker", [
        ("exceptions.alternative-added", "weaker", None, " or lawful occupant",
         ("An exception gained an alternative (“or lawful occupant”): the prohibition reaches "
          "less conduct.")),
        ("unassessed", "unclear", "entrance", "admission",
         "Also changed, and no rule places it; read it.")]), describe(p)
    # a changed provision with nothing left over gets no such reason
    plain = pair_of(run(old, old.replace("shall not", "may not"), Mode.VERSIONS), "s1/a")
    assert "unassessed" not in [r.rule for r in plain.reasons], describe(plain)


def test_a_reason_set_aside_by_another_is_set_aside_only_where_the_other_read(
        corpus: Path) -> None:
    """A. 48-A § 50-b(4)(c)(ii): "... SHALL NOT LIMIT TIME OR PLACE OF ENTRANCE BY SUCH PEOPLE
    AUTHORIZED BY THE TENANT {+OR LAWFUL OCCUPANT+} EXCEPT AS REQUESTED BY THE TENANT {+OR
    LAWFUL OCCUPANT+}". The exception's new alternative replaces "another case was added" for
    the second insertion, and it used to replace it for the first as well, which widens whom
    the prohibition protects and was then left unplaced ("weaker"). Both are told: mixed."""
    old = ("SEC. 1. ENTRY.\n(a) The procedures shall not limit entrance by people authorized by "
           "the tenant except as requested by the tenant.\n")
    new = old.replace("by the tenant except", "by the tenant or lawful occupant except").replace(
        "requested by the tenant.", "requested by the tenant or lawful occupant.")
    p = pair_of(run(old, new, Mode.VERSIONS), "s1/a")
    assert (p.verdict.value, [(r.rule, r.direction.value, r.new) for r in p.reasons]) == (
        "mixed", [("exceptions.alternative-added", "weaker", " or lawful occupant"),
                  ("scope.alternative-added", "stronger", "or lawful")]), describe(p)
    c = run_corpus(corpus, "us-ny-a48-2023-original.txt", "us-ny-a48a-2023-amended.txt",
                   Mode.VERSIONS)
    for clause in ("50-b/4/c/ii", "130-a/4/c/ii"):
        p = pair_of(c, clause)
        assert (p.verdict.value, [(r.rule, " ".join((r.new or "").split()))
                                  for r in p.reasons]) == ("mixed", [
            ("exceptions.alternative-added", "OR LAWFUL OCCUPANT"),
            ("formal.prohibition-wording", "SHALL NOT"),
            ("scope.alternative-added", "OR LAWFUL")]), describe(p)


def test_a_section_of_a_label_and_a_heading_is_judged_by_what_it_holds() -> None:
    """BIPA's § 20 ("Sec. 20. Right of action." over its subsections), left out of S. 4457-A,
    was "weaker" for its heading's words, once more beside its subsection (a), which says the
    same; an added "§ 837-X. ... PROHIBITED." was "stronger" for its heading. A heading is not
    law: such a section is judged by the provisions it holds."""
    old = """SEC. 1. BAN.
(a) No agency shall use a face recognition system.
SEC. 2. RIGHT OF ACTION.
(a) Any person aggrieved by a violation of this Act may bring an action for damages.
"""
    new = old[:old.index("SEC. 2.")]
    c = run(old, new, Mode.VERSIONS)
    section, subsection = pair_of(c, "s2", reverse=True), pair_of(c, "s2/a", reverse=True)
    own = ("It has no words of its own beyond its label and heading; the provisions it holds "
           "are judged one by one.")
    assert (section.status.value, section.verdict.value,
            [(r.rule, r.explanation) for r in section.reasons]) == ("removed", "neutral", [
                ("no-own-text", own)])
    assert (subsection.verdict.value, [r.rule for r in subsection.reasons]) == (
        "weaker", ["enforcement.remedy-clause-removed"]), describe(subsection)
    # a section whose first sentence is its words is judged by them
    c = run(new + "SEC. 2. Each agency shall report its use.\n", new, Mode.VERSIONS)
    removed = pair_of(c, "s2", reverse=True)
    assert (removed.verdict.value, [r.rule for r in removed.reasons]) == (
        "weaker", ["scope.duty-removed"])


def test_a_prohibition_reworded_is_told_in_its_own_words() -> None:
    """A. 48-A § 50-b(4)(c)(ii): "THE PROCEDURES CANNOT LIMIT" → "SHALL NOT LIMIT" was told
    "“CANNOT not” became “SHALL not”" (the explanation added a "not" to either side), and
    "cannot" → "shall not" in lower case left the "not" unexplained: "unclear"."""
    old = """SEC. 1. ENTRY.
(a) The procedures cannot limit the time of entrance.
"""
    same = "the same prohibition, worded differently."
    for before, after in (("cannot", "shall not"), ("cannot", "may not"),
                          ("shall not", "may not"), ("may not", "cannot")):
        new = old.replace("cannot", after)
        p = pair_of(run(old.replace("cannot", before), new, Mode.VERSIONS), "s1/a")
        assert (p.verdict.value, [(r.rule, r.explanation) for r in p.reasons]) == (
            "neutral", [("formal.prohibition-wording", f"“{before}” became “{after}”: {same}")]
        ), describe(p)
        (reason,) = p.reasons  # (it points at the changed words alone: "shall" → "may")
        assert new[slice(*reason.new_span)] == ("may" if before == "shall not" else after)


def run_corpus(corpus: Path, old: str, new: str, mode: Mode) -> Comparison:
    """:func:`run` on two corpus texts, by file name."""
    return run((corpus / old).read_text(encoding="utf-8"),
               (corpus / new).read_text(encoding="utf-8"), mode)


def pair_of(c: Comparison, clause: str, *, reverse: bool = False) -> ClausePair:
    """The pair holding ``clause``: its new provision's id, or the old one's where the provision
    was removed (``reverse``: the comparison runs the case the other way round)."""
    for p in c.pairs:
        holder = (p.old or p.new) if reverse else (p.new or p.old)
        if holder is not None and holder.id == clause:
            return p
    raise AssertionError(f"no pair holds {clause!r}: "
                         f"{[(p.old and p.old.id, p.new and p.new.id) for p in c.pairs]}")


def rules_of(c: Comparison, clause: str, *, reverse: bool = False) -> list[str]:
    """The rules of the reasons given for the pair :func:`pair_of` finds."""
    return [r.rule for r in pair_of(c, clause, reverse=reverse).reasons]


def describe(p: ClausePair) -> str:
    return f"{p.verdict.value} {[(r.rule, r.direction.value, r.old, r.new) for r in p.reasons]}"


@pytest.mark.parametrize("case", CASES, ids=str)
def test_rule_fires_on_its_minimal_pair(case: Case) -> None:
    p = pair_of(run(case.old, case.new, case.mode), case.clause)
    assert case.rule in [r.rule for r in p.reasons], describe(p)
    assert p.verdict.value == case.verdict, describe(p)
    # The permissive perspective keeps the reason and mirrors the verdict.
    q = pair_of(run(case.old, case.new, case.mode, Perspective.PERMISSIVE), case.clause)
    assert case.rule in [r.rule for r in q.reasons], describe(q)
    assert q.verdict.value == MIRROR.get(case.verdict, case.verdict), describe(q)


@pytest.mark.parametrize("case", CASES, ids=str)
def test_the_pair_read_backwards_gets_the_mirror_verdict(case: Case) -> None:
    p = pair_of(run(case.new, case.old, case.mode), case.clause, reverse=True)
    assert p.verdict.value == MIRROR.get(case.verdict, case.verdict), describe(p)


def test_every_packaged_rule_has_a_case_and_every_case_a_rule() -> None:
    rules = {r.id: r for r in load_rules().rules}
    covered = {c.rule for c in CASES}
    assert sorted(set(rules) - covered) == []
    assert sorted(covered - set(rules)) == []
    # Each case sits in the file named after its rule's file.
    assert [(c.rule, c.file) for c in CASES if rules[c.rule].source != c.file] == []


def test_the_cases_are_minimal_bill_text() -> None:
    for c in CASES:
        assert c.old != c.new, c.rule
        for text in (c.old, c.new):
            assert text.endswith("\n") and len(text.splitlines()) <= 8, c.rule


@pytest.mark.parametrize(("pattern", "compiled"), [
    (r"\battorney general\b", r"\battorney\s+general\b"),
    (r"[^ .;]{0,60} may  bring", r"[^ .;]{0,60}\s+may\s+bring"),  # a class keeps its space
    (r"a ?b|c *d|e +f", r"a\s*b|c\s*d|e\s+f"),
    (r"w {2}x", r"w {2}x"),  # a counted space stays as written
    (r"[]  ]a b|[^] ]c d|\ e", r"[]  ]a\s+b|[^] ]c\s+d|\ e"),
])
def test_rule_patterns_match_any_run_of_whitespace(pattern: str, compiled: str) -> None:
    assert flexible_spaces(pattern) == compiled


WRAPPED = """SEC. 1. ENFORCEMENT.
(a) A business that violates this Act is liable for each violation.
"""


def test_a_phrase_wrapped_and_justified_as_printed_still_matches() -> None:
    # NY prints justified lines: "THE  ATTORNEY" with two spaces, "GENERAL" on the next line.
    new = WRAPPED + "(b) THE  ATTORNEY\n   GENERAL MAY BRING AN ACTION TO ENFORCE THIS ACT.\n"
    p = pair_of(run(WRAPPED, new, Mode.VERSIONS), "s1/b")
    assert [(r.rule, r.new) for r in p.reasons] == [
        ("enforcement.attorney-general-clause", "ATTORNEY\n   GENERAL")]
    assert p.verdict.value == "weaker"


def test_a_word_broken_at_a_line_end_is_read_whole() -> None:
    """A. 48-A § 130-a(2)(c): "LAND-" / "LORDS SHALL PROVIDE" became "OWNERS SHALL PROVIDE";
    the rule that reads "landlords" read the printed "LAND-", found nothing, and left the
    rename to the reader. The words are read joined; the reason quotes and points at them as
    printed. A compound the text prints whole elsewhere keeps its hyphen when joined."""
    old = ("SEC. 1. ENTRY.\n(a) NOTWITHSTANDING ANY OTHER LAW, THE LAND-\n"
           "    LORDS SHALL PROVIDE A KEY.\n")
    new = "SEC. 1. ENTRY.\n(a) NOTWITHSTANDING ANY OTHER LAW, THE OWNERS SHALL PROVIDE A KEY.\n"
    p = pair_of(run(old, new, Mode.VERSIONS), "s1/a")
    assert [(r.rule, r.old, r.new) for r in p.reasons] == [
        ("formal.landlord-owner", "LAND-\n    LORDS", "OWNERS")]
    assert p.verdict.value == "neutral"
    assert p.old is not None and p.reasons[0].old_span is not None
    start, end = p.reasons[0].old_span
    assert p.old.text[start - p.old.span[0]:end - p.old.span[0]] == "LAND-\n    LORDS"
    assert unbroken("A THIRD-\n PARTY VENDOR", "NO THIRD-PARTY VENDOR") == (
        "A THIRD-PARTY VENDOR", [0, 1, 2, 3, 4, 5, 6, 7, 10, 11, 12, 13, 14, 15, 16, 17, 18,
                                 19, 20, 21, 22])
    assert unbroken("THE LAND-\n LORDS", None)[0] == "THE LANDLORDS"
    assert unbroken("NO BREAK\n HERE", None) == ("NO BREAK\n HERE", None)


def test_a_label_reprinted_is_no_change_of_the_words_after_it() -> None:
    """A. 48-A § 50-b(9)(b) reprints "(B) WHERE A LANDLORD" as "B.  WHERE AN OWNER": the word
    diff made the label and the words after it one change, and the words the two share
    ("WHERE") were left in it once the label was cut away, so the rename was "no rule places
    it". The content is read again without the label: "WHERE" is kept, "A LANDLORD" → "AN
    OWNER" is the rename. And a lead-in struck ("In this Act, the following definitions
    apply:" → "In this Act:") is no item of a list."""
    old = "SEC. 1. PENALTIES.\n(B) WHERE A LANDLORD USES A KEY, THE LANDLORD SHALL PAY.\n"
    new = "SEC. 1. PENALTIES.\nB.  WHERE AN OWNER USES A KEY, THE OWNER SHALL PAY.\n"
    p = pair_of(run(old, new, Mode.VERSIONS), "s1/b")
    assert [(r.rule, r.old, r.new) for r in p.reasons] == [
        ("formal.landlord-owner", "LANDLORD", "OWNER")] * 2, describe(p)
    assert p.verdict.value == "neutral"
    old = "SEC. 1. DEFINITIONS.\nIn this Act, the following definitions apply:\n(1) KEY.--A key.\n"
    new = "SEC. 1. DEFINITIONS.\nIn this Act:\n(1) KEY.--A key.\n"
    p = pair_of(run(old, new, Mode.VERSIONS), "s1")
    assert "scope.list-item-removed" not in [r.rule for r in p.reasons], describe(p)
    q = pair_of(run(new, old, Mode.VERSIONS), "s1")
    assert "scope.list-item-added" not in [r.rule for r in q.reasons], describe(q)


def test_a_term_defined_inside_a_provision_is_renamed_not_qualified() -> None:
    """A. 48-A § 50-b(2)(d): 'THE TERM "OCCU-" / "PANTS" SHALL INCLUDE CHILDREN ...' became
    'THE TERM "LAWFUL  OCCUPANTS" SHALL INCLUDE ...'. The words added name the term the
    provision defines in passing; it was a change no rule placed."""
    old = ('SEC. 1. ENTRY.\n(a) OCCUPANTS SHALL BE PROVIDED WITH A KEY. THE TERM "OCCU-\n'
           '    PANTS" SHALL INCLUDE CHILDREN.\n')
    new = ('SEC. 1. ENTRY.\n(a) LAWFUL OCCUPANTS SHALL BE PROVIDED WITH A KEY. THE TERM "LAWFUL  '
           'OCCUPANTS" SHALL INCLUDE CHILDREN.\n')
    p = pair_of(run(old, new, Mode.VERSIONS), "s1/a")
    renamed = [(r.rule, r.new) for r in p.reasons if r.new and "LAWFUL  " in r.new]
    assert renamed == [("formal.term-renamed", "LAWFUL  ")], describe(p)
    assert "unassessed" not in [r.rule for r in p.reasons], describe(p)


def test_a_name_given_in_passing_is_formal() -> None:
    """H.R. 2157 as enrolled names what its Title VIII paragraph pays for in passing:
    "... floods occurring in calendar year 2019 (referred to under this heading as “covered
    disaster or emergency”), to remain available ...". The name changes nothing by itself
    (where it is used is judged there); it was a change no rule placed."""
    old = ("SEC. 1. GRANTS.\n(a) The Secretary shall make grants for the consequences of "
           "floods occurring in 2019, to remain available until expended.\n")
    new = old.replace("in 2019,", "in 2019 (referred to in this section as a “covered "
                      "disaster”),")
    p = pair_of(run(old, new, Mode.VERSIONS), "s1/a")
    assert [(r.rule, r.new) for r in p.reasons] == [
        ("formal.term-named", " (referred to in this section as a “covered disaster”)")], \
        describe(p)
    assert p.verdict.value == "neutral"
    assert p.reasons[0].explanation == (
        "What comes before is now called “covered disaster”: a name given in passing changes "
        "nothing by itself (each use of it is judged where it stands).")
    q = pair_of(run(new, old, Mode.VERSIONS), "s1/a")
    assert [r.rule for r in q.reasons] == ["formal.term-named"]
    assert q.reasons[0].explanation.startswith("What comes before is no longer called")


def test_attorney_general_rulemaking_is_not_enforcement() -> None:
    new = WRAPPED + ("(b) The attorney general may adopt and promulgate rules and regulations "
                     "to carry out this Act.\n")
    p = pair_of(run(WRAPPED, new, Mode.VERSIONS), "s1/b")
    assert "enforcement.attorney-general-clause" not in [r.rule for r in p.reasons], describe(p)


def test_including_but_not_limited_to_is_not_a_limit() -> None:
    old = """SEC. 1. DEFINITIONS.
(a) "Biometric data" means a physiological characteristic used to identify a person.
"""
    new = """SEC. 1. DEFINITIONS.
(a) "Biometric data" means a physiological characteristic used to identify a person, including
but not  limited to fingerprints.
"""
    p = pair_of(run(old, new, Mode.VERSIONS), "s1/a")
    assert "scope.limiter-added" not in [r.rule for r in p.reasons], describe(p)


def test_an_added_or_removed_case_is_quoted_by_whole_words() -> None:
    old = """SEC. 1. BAN.
(a) No agency shall use a face recognition system to identify a person.
"""
    new = """SEC. 1. BAN.
(a) No agency shall use a face recognition system to identify or track a person.
"""
    p = pair_of(run(old, new, Mode.VERSIONS), "s1/a")
    [added] = [r for r in p.reasons if r.rule == "scope.alternative-added"]
    assert (added.new, added.explanation) == (
        "or track", "Another case was added to the prohibition (“or track…”): it reaches more.")
    assert added.new_span is not None
    assert p.new is not None and p.new.text[added.new_span[0] - p.new.span[0]:][:8] == "or track"
    q = pair_of(run(new, old, Mode.VERSIONS), "s1/a")
    [removed] = [r for r in q.reasons if r.rule == "scope.alternative-removed"]
    assert removed.old == "or track"


def test_a_case_reworded_within_one_change_is_not_removed() -> None:
    """A. 48 § 50-b(1)(b) became "... a class A multiple dwelling, dwelling unit of such
    building, or common area of such building through a smart access system": its "or common
    area" was read as removed (weaker) because the words moved within one change."""
    old = """SEC. 1. DEFINITIONS.
(a) "Authentication data" means data collected in granting a user entry to a class A multiple
dwelling or common area with an electronic entry system.
"""
    new = """SEC. 1. DEFINITIONS.
(a) "Authentication data" means data collected in granting a user entry to a class A multiple
dwelling, dwelling unit of such building, or common area of such building through a smart
access system.
"""
    for a, b in ((old, new), (new, old)):
        p = pair_of(run(a, b, Mode.VERSIONS), "s1/a")
        rules = [r.rule for r in p.reasons]
        assert "scope.alternative-removed" not in rules and \
            "scope.alternative-added" not in rules, describe(p)


def test_access_in_a_name_is_no_conduct() -> None:
    """A. 48's "... between smart access buildings and smart access systems" became "between
    the building and smart access systems": no conduct ("access") was removed."""
    old = """SEC. 1. DUTIES.
(a) No vendor shall sell a smart access system to smart access buildings or access the data.
"""
    new = """SEC. 1. DUTIES.
(a) No vendor shall sell a smart access system to the building or access the data.
"""
    p = pair_of(run(old, new, Mode.VERSIONS), "s1/a")
    assert "scope.conduct-removed" not in [r.rule for r in p.reasons], describe(p)
    dropped = new.replace(" or access the data", "")
    p = pair_of(run(old, dropped, Mode.VERSIONS), "s1/a")
    assert [(r.rule, r.old) for r in p.reasons if r.rule == "scope.conduct-removed"] == [
        ("scope.conduct-removed", "access")], describe(p)


def test_an_article_replaced_is_not_an_article_added() -> None:
    """A. 48 § 50-b(1)(b) "AT A POINT" became "AT THE POINT": "the" was not added to the same
    words, it replaced "a" (``formal.article-changed``, not ``formal.article-added``); and
    "[-A -]BIOMETRIC IDENTIFIER {+INFORMATION+}" drops an article before words that stay. The
    rules that say "the other side is empty" quote nothing from the empty side."""
    old = """SEC. 1. DUTIES.
(a) Each vendor shall delete the data collected at a point of entry.
"""
    p = pair_of(run(old, old.replace("at a point", "at the point"), Mode.VERSIONS), "s1/a")
    assert (p.verdict.value, [(r.rule, r.old, r.new, r.explanation) for r in p.reasons]) == (
        "neutral", [("formal.article-changed", "a", "the",
                     "“a” became “the”: an article, the same words otherwise.")]), describe(p)
    p = pair_of(run(old, old.replace("at a point", "at point"), Mode.VERSIONS), "s1/a")
    assert [(r.rule, r.old, r.new, r.new_span, p.verdict.value) for r in p.reasons] == [
        ("formal.article", "a ", None, None, "neutral")], describe(p)
    dropped = old.replace("at a point", "at the point")
    p = pair_of(run(dropped, old.replace("at a point", "at point"), Mode.VERSIONS), "s1/a")
    assert [(r.rule, r.old, r.new, r.new_span, p.verdict.value) for r in p.reasons] == [
        ("formal.article", "the ", None, None, "neutral")], describe(p)
    # "any" is no article: "a point" → "any point" is left to be read
    p = pair_of(run(old, old.replace("at a point", "at any point"), Mode.VERSIONS), "s1/a")
    assert [(r.rule, r.old, r.new) for r in p.reasons] == [("unassessed", "a", "any")], \
        describe(p)


def test_a_word_moved_within_its_sentence_is_told_between_which_words(corpus: Path) -> None:
    """A. 48-A § 50-b(2)(e): "A [-LAWFUL -]TENANT OR {+LAWFUL +}OCCUPANT" moves "LAWFUL" from the
    tenant to the occupant. It was "No rule places this change (nor 1 other change)"; nothing
    was added or removed, so no one-sided rule reads either run, and the reason names both
    places."""
    c = run_corpus(corpus, "us-ny-a48-2023-original.txt", "us-ny-a48a-2023-amended.txt",
                   Mode.VERSIONS)
    p = pair_of(c, "50-b/2/e")
    assert (p.verdict.value, [(r.rule, r.direction.value, r.old, r.new) for r in p.reasons]) == (
        "unclear", [("scope.words-moved", "unclear", "LAWFUL ", "LAWFUL "),
                    ("formal.landlord-owner", "neutral", "LANDLORD", "OWNER")]), describe(p)
    moved = p.reasons[0]
    assert moved.explanation == (
        "“LAWFUL” moved from before “TENANT” to before “OCCUPANT”: the words it bears on "
        "changed, so the provision may reach further in one place and less far in the other; "
        "read both.")
    assert p.old is not None and p.new is not None and moved.old_span and moved.new_span
    assert c.old.text[slice(*moved.old_span)] + c.old.text[moved.old_span[1]:][:6] == \
        "LAWFUL TENANT"
    assert c.new.text[slice(*moved.new_span)] + c.new.text[moved.new_span[1]:][:8] == \
        "LAWFUL OCCUPANT"


def test_only_words_that_mean_something_are_followed_within_one_sentence() -> None:
    """A word struck in one sentence and put into the next moved nowhere; nor does an article
    (or a conjunction) struck here and put there."""
    old = """SEC. 1. KEYS.
(a) No owner shall limit the keys a lawful tenant may request. A tenant may request a key card.
"""
    across = old.replace("a lawful tenant", "a tenant").replace("request a key",
                                                                "request a lawful key")
    p = pair_of(run(old, across, Mode.VERSIONS), "s1/a")
    assert "scope.words-moved" not in [r.rule for r in p.reasons], describe(p)
    within = old.replace("a lawful tenant may request", "a tenant may lawfully request")
    p = pair_of(run(old, within, Mode.VERSIONS), "s1/a")
    assert "scope.words-moved" not in [r.rule for r in p.reasons], describe(p)
    light = old.replace("limit the keys", "limit keys").replace("request a key", "request the key")
    p = pair_of(run(old, light, Mode.VERSIONS), "s1/a")
    assert "scope.words-moved" not in [r.rule for r in p.reasons], describe(p)
    moved = old.replace("a lawful tenant may", "a tenant may").replace(
        "limit the keys", "limit the lawful keys")
    p = pair_of(run(old, moved, Mode.VERSIONS), "s1/a")
    assert [(r.rule, r.explanation.split(":")[0]) for r in p.reasons] == [
        ("scope.words-moved", "“lawful” moved from before “tenant” to before “keys”")], describe(p)


def test_a_change_no_rule_places_points_at_the_most_words_changed() -> None:
    """A. 48-A's "authentication data" changed "AT A POINT" to "AT THE POINT" and, further on,
    "OR COMMON AREA WITH AN ..." to ", DWELLING UNIT OF SUCH BUILDING, OR COMMON AREA OF SUCH
    BUILDING THROUGH A ...": no rule placed either, and the reason quoted the first ("A" →
    "THE"), as if it were the only change. It quotes the run that changes the most words and
    says how many others there are. (An article for an article is formal now, so here the first
    change is "a" → "the entry", which no rule places either.)"""
    old = """SEC. 1. DUTIES.
(a) Each owner shall delete data collected at a point of entry to a building or common area with
an entry system.
"""
    new = old.replace("at a point", "at the entry point").replace(
        "to a building or common area with\nan", "to a building, dwelling unit of such building, "
        "or common area of such building\nthrough an")
    p = pair_of(run(old, new, Mode.VERSIONS), "s1/a")
    assert [(r.rule, r.old, r.new, r.explanation) for r in p.reasons] == [
        ("unassessed", " or common area with", (", dwelling unit of such building, or common "
         "area of such building\nthrough"), ("No rule places this change (nor 1 other change); "
         "read them."))], describe(p)
    assert p.verdict.value == "unclear"


def test_a_heading_printed_spaced_out_over_two_lines_is_a_heading() -> None:
    """New York prints pad words with spaces and break lines anywhere: A. 3712's "§ 837-X. USE
    OF FACIAL  RECOGNITION  IN  CONNECTION  WITH  AN  OFFICER" / "CAMERA  PROHIBITED." was cut
    where the one-line heading would end, and "OHIBITED." read as the section's own words: a
    new prohibition (and S. 4457-A's § 676-C a new remedy, for "ENFORCEMENT")."""
    old = """§ 5. USE  OF  CAMERAS  BY  THE  POLICE
 PROHIBITED.  1. No police agency shall use a camera to identify a person.
"""
    new = old.replace("BY  THE  POLICE\n PROHIBITED", "BY  ANY  POLICE  AGENCY\n PROHIBITED") + (
        "§ 6. USE OF FACIAL  RECOGNITION  IN  CONNECTION  WITH  AN  OFFICER\n CAMERA  PROHIBITED.  "
        "1. No police agency shall use facial recognition with an officer camera.\n")
    c = run(old, new, Mode.VERSIONS)
    assert [((p.new or p.old).id, p.status.value, p.verdict.value, [r.rule for r in p.reasons])
            for p in c.pairs] == [
        ("s5", "modified", "neutral", ["no-own-text"]),
        ("s5/1", "unchanged", "neutral", []),
        ("s6", "added", "neutral", ["no-own-text"]),
        ("s6/1", "added", "stronger", ["scope.prohibition-added"])]
    s6 = pair_of(c, "s6").new
    assert s6 is not None and heading_span(s6) == (
        s6.span[0] + 5, s6.span[0] + s6.text.index("PROHIBITED") + len("PROHIBITED"))


def test_a_heading_after_a_dash_is_a_heading(corpus: Path) -> None:
    """ "DIVISION B— CAMPAIGN FINANCE" (H.R. 1) and "RCW 43.386.020 - Notice of intent—
    Accountability report." hold no words of their own: the heading was looked for right after
    the label, before the dash, and not found, so its words were judged as law ("weaker: a
    reporting, audit or approval requirement was removed", for "Accountability report")."""
    c = run_corpus(corpus, "us-wa-rcw-43.386-current.txt",
                   "us-ny-a1891-2023-introduced.txt", Mode.CROSS)
    gone = {p.old.id: (p.verdict.value, [r.rule for r in p.reasons]) for p in c.pairs
            if p.old is not None and p.new is None}
    assert [gone[i] for i in ("43.386.020", "43.386.050", "43.386.070", "43.386.080")] == [
        ("neutral", ["no-own-text"])] * 4
    old = "DIVISION A— FUNDS\nSEC. 1. FUNDS.\nAmounts are appropriated.\n"
    new = old + "DIVISION B— OVERSIGHT AND AUDITS\nSEC. 2. AUDIT.\nThe Secretary shall audit.\n"
    c = run(old, new, Mode.VERSIONS)
    assert [(p.new.id, p.verdict.value, [r.rule for r in p.reasons])  # type: ignore[union-attr]
            for p in c.pairs if p.old is None] == [
        ("div-b", "neutral", ["no-own-text"]),
        ("div-b/s2", "stronger", ["oversight.clause-added"])]


def test_an_applicability_clause_is_no_duty(corpus: Path) -> None:
    # H.R. 2157 IH § 501(b), "The Federal share provided by subsection (a) shall apply to
    # disaster assistance applied for before, on, or after the date of enactment of this Act",
    # is gone from the enrolled bill; it was "weaker: a duty of the regulated party was
    # removed". It says to what the Federal share applies.
    c = run_corpus(corpus, "us-federal-hr2157-116-introduced.txt",
                   "us-federal-hr2157-116-enrolled.txt", Mode.VERSIONS)
    p = pair_of(c, "t-v/s501/b", reverse=True)
    assert (p.status.value, p.verdict.value, [(r.rule, r.old) for r in p.reasons]) == (
        "removed", "unclear", [("duration.applicability-clause-removed",
                                "apply to disaster assistance applied for before")]), \
        describe(p)
    # an exception is not one ("shall not apply to a State in which ... on and after ...")
    old = "SEC. 1. BAN.\n(a) No State shall keep the list.\n"
    new = old + ("(b) Subsection (a) shall not apply to a State in which a law in effect on and "
                 "after that date bars the list.\n")
    rules = rules_of(run(old, new, Mode.VERSIONS), "s1/b")
    assert "duration.applicability-clause-added" not in rules, rules
    # a program that ends is said to; a duty to end an activity is not a termination
    duty = old + ("(b) A member who holds another office shall terminate or liquidate such "
                  "activity no later than 90 days after appointment.\n")
    rules = rules_of(run(old, duty, Mode.VERSIONS), "s1/b")
    assert "duration.termination-clause-added" not in rules, rules


def test_a_placeholder_is_no_words_of_its_own(corpus: Path) -> None:
    """The Washington code's rendering prints "a. [Empty]" where a subsection's words are all
    in its paragraphs; RCW 43.386.020(2)(a) was "weaker: a reporting, audit or approval
    requirement was removed", pointing at “[Empty]”."""
    c = run_corpus(corpus, "us-wa-rcw-43.386-current.txt",
                   "us-ny-a1891-2023-introduced.txt", Mode.CROSS)
    assert [(i, pair_of(c, i, reverse=True).verdict.value,
             rules_of(c, i, reverse=True))
            for i in ("43.386.010/3", "43.386.020/2/a", "43.386.050/1")] == [
        (i, "neutral", ["no-own-text"])
        for i in ("43.386.010/3", "43.386.020/2/a", "43.386.050/1")]
    old = "SEC. 1. FUNDS.\nAmounts are appropriated.\n"
    new = old + "SEC. 2. [Reserved].\nSEC. 3. BAN.\nNo agency shall use face recognition.\n"
    c = run(old, new, Mode.VERSIONS)
    assert [(q.new.id, [r.rule for r in q.reasons])  # type: ignore[union-attr]
            for q in c.pairs if q.old is None] == [
        ("s2", ["no-own-text"]), ("s3", ["scope.prohibition-added"])]


def test_a_term_renamed_is_told_where_the_term_is_named() -> None:
    """A. 48's A print renamed "electronic or computerized entry system" "smart access system":
    where the provisions name it, that is a defined term renamed. But "AT A POINT OF
    AUTHENTICATION" → "AT THE POINT ..." in the definition of "reference data" (which holds
    "authentication data" a few words on) was told "Only the name of a defined term changed":
    the letters "a" and "the" stand in the terms, the words do not: an article changed."""
    old = """SEC. 1. DEFINITIONS.
(a) "Electronic entry system" means a system that grants entry.
(b) "Reference data" means data against which authentication data is verified at a point of
authentication.
(c) No owner shall use an electronic entry system to track a tenant.
"""
    new = old.replace('"Electronic entry system"', '"Smart access system"').replace(
        "use an electronic entry system", "use a smart access system").replace(
        "at a point", "at the point")
    c = run(old, new, Mode.VERSIONS)
    renamed = pair_of(c, "s1/c")
    assert [(r.rule, r.old, r.new) for r in renamed.reasons] == [
        ("formal.term-renamed", "an electronic entry", "a smart access")], describe(renamed)
    point = pair_of(c, "s1/b")
    assert [(r.rule, r.old, r.new) for r in point.reasons] == [
        ("formal.article-changed", "a", "the")], describe(point)


def test_an_article_goes_with_the_word_after_it() -> None:
    """A. 48's A print: "WHERE A LANDLORD INSTALLS ... AN ELECTRONIC OR COMPUTERIZED ENTRY
    SYSTEM" → "WHERE AN OWNER INSTALLS ... A SMART ACCESS SYSTEM", "smart access system" a term
    the A print defines. "a" → "an" follows "landlord" → "owner", and "an" → "a" the term's new
    name: both were left "unclear: No rule places this change"."""
    old = """SEC. 1. ENTRY.
(a) "Entry system" means a system that grants entry.
(b) Where a landlord installs or plans to install an electronic entry system on any
entrance, such system shall accept keys.
"""
    new = old.replace('"Entry system"', '"Smart access system"').replace(
        "a landlord", "an owner").replace("an electronic entry", "a smart access")
    p = pair_of(run(old, new, Mode.VERSIONS), "s1/b")
    owner = "“landlord” became “owner”: the same party, named differently."
    term = ("“smart access” is a term the new text defines; whether it reaches more or less "
            "than “electronic entry” is judged at its definition.")
    assert (p.verdict.value, [(r.rule, r.explanation) for r in p.reasons]) == ("neutral", [
        ("formal.landlord-owner", owner), ("formal.term-introduced", term)]), describe(p)
    # a term named in the plural ("TENANTS" → "USERS", "user" a term of the A print)
    tenants = """SEC. 1. ENTRY.
(a) "Entry system" means a system that grants entry.
(b) No owner shall collect the location of tenants through an entry system.
"""
    users = tenants.replace("(b) No owner", "(c) No owner").replace(
        '(a) "Entry', '(a) "User" means a tenant or occupant.\n(b) "Entry').replace(
        "of tenants", "of users")
    p = pair_of(run(tenants, users, Mode.VERSIONS), "s1/c")
    assert (p.verdict.value, [(r.rule, r.old, r.new) for r in p.reasons]) == (
        "neutral", [("formal.term-introduced", "tenants", "users")]), describe(p)
    # a term named in passing, in parentheses after what it names (H.R. 2157's "(referred to
    # under this heading as “covered disaster or emergency”)")
    passing = """SEC. 1. RELIEF.
(a) For an additional amount for relief from hurricanes and floods, $9,000,000.
(b) The Secretary shall report on the response to such consequences.
"""
    named = passing.replace("and floods,", "and floods (referred to in this section as a "
                            "“covered disaster”),").replace("consequences", "covered disaster")
    p = pair_of(run(passing, named, Mode.VERSIONS), "s1/b")
    assert (p.verdict.value, [(r.rule, r.old, r.new) for r in p.reasons]) == (
        "neutral", [("formal.term-introduced", "consequences", "covered disaster")]), describe(p)
    # "the" → "a" is no agreement of the article with its word
    p = pair_of(run(old, old.replace("Where a landlord", "Where the owner"), Mode.VERSIONS),
                "s1/b")
    assert [(r.rule, r.old, r.new) for r in p.reasons] == [
        ("formal.landlord-owner", "landlord", "owner"), ("unassessed", "a landlord", "the owner")
    ], describe(p)


def test_an_exclusion_moved_into_a_lists_lead_in_is_not_lost() -> None:
    old = """SEC. 1. DEFINITIONS.
(a) "Surveillance" shall not include redacting a recording for release outside a police
agency to protect the privacy of a subject depicted in the recording.
"""
    new = """SEC. 1. DEFINITIONS.
(a) "Surveillance" shall not include the use of a process for the purposes of:
(1) redacting a recording for release outside a police agency to protect the privacy of a
subject depicted in the recording; or
(2) searching the state DNA index.
"""
    c = run(old, new, Mode.VERSIONS)
    moved = pair_of(c, "s1/a/1")
    assert moved.old is not None and moved.old.id == "s1/a"
    assert "exceptions.definition-exclusion-removed" not in [r.rule for r in moved.reasons], \
        describe(moved)
    back = pair_of(run(new, old, Mode.VERSIONS), "s1/a/1", reverse=True)
    assert "exceptions.definition-exclusion-added" not in [r.rule for r in back.reasons], \
        describe(back)


def test_the_same_date_in_other_words_is_not_a_change() -> None:
    # H.R. 2157 IH "for fiscal year 2019" became ENR "for the fiscal year ending September 30,
    # 2019": one date, so no "changed from September 30, 2019 to September 30, 2019".
    old = ("SEC. 1. FUNDS.\n(a) Amounts are appropriated out of other revenues for fiscal year "
           "2019 for relief.\n")
    new = ("SEC. 1. FUNDS.\n(a) Amounts are appropriated for the fiscal year ending September 30, "
           "2019 for relief.\n")
    p = pair_of(run(old, new, Mode.VERSIONS), "s1/a")
    values = [(r.rule, r.direction.value, r.explanation) for r in p.reasons
              if r.rule.startswith("limits.")]
    assert values == [("limits.value-reworded", "neutral",
                       "The same value, September 30, 2019, worded differently.")], describe(p)
    # An amount struck and written again because the words around it were rewritten (H.R.
    # 2157's Puerto Rico grant) is the same amount in the same words: not "worded differently".
    old = ("SEC. 1. FUNDS.\n(a) There is appropriated $5,000,000 for the Secretary of Agriculture "
           "to make grants to States.\n")
    new = ("SEC. 1. FUNDS.\n(a) There is appropriated to the Secretary, out of any money in the "
           "Treasury, $5,000,000 to make grants to States.\n")
    p = pair_of(run(old, new, Mode.VERSIONS), "s1/a")
    assert next((r.rule, r.old, r.new, r.explanation) for r in p.reasons) == (
        "limits.value-reworded", "$5,000,000", "$5,000,000",
        "The same value, $5,000,000, still stated; the words around it were rewritten."
    ), describe(p)


def test_a_changed_amending_instruction_is_judged_by_what_each_version_would_write() -> None:
    # the instruction's struck and inserted amounts, read by the parser `current` uses (so
    # "by striking “$5,000” in the first sentence and inserting" is read, with its place); what
    # an amount governs is in the law, not in the instruction: unplaced, never "an
    # appropriation" for want of any words before it. Both versions strike $5,000: the old
    # would write $7,500 there, the new $10,000, so $7,500 became $10,000 (it was judged as
    # "$5,000 became $10,000", which an old "$10,000" and a new "$7,500" would have made an
    # increase too)
    old = ("SEC. 1. LIMITS.\nSection 5 of the Act is amended—\n(1) in subsection (a), by striking "
           "“$5,000” in the first sentence and inserting “$7,500”; and\n(2) in subsection (b), "
           "by striking “30 days” and inserting “60 days”.\n")
    new = old.replace("“$7,500”", "“$10,000”").replace("“60 days”", "“45 days”")
    c = run(old, new, Mode.VERSIONS)
    first, second = pair_of(c, "s1/1"), pair_of(c, "s1/2")
    told = [(r.rule, r.direction.value, old[slice(*r.old_span)], new[slice(*r.new_span)],
             r.explanation) for r in first.reasons if r.explanation.startswith("The instruction")]
    assert told == [("limits.value-unplaced", "unclear", "$7,500", "$10,000",
                     ("The instruction now inserts “$10,000” for “$5,000” in the first "
                      "sentence, where it inserted “$7,500”: $7,500 became $10,000; what the "
                      "amount governs could not be placed, so read it."))]
    assert [r.explanation.split(":")[0] for r in second.reasons
            if r.explanation.startswith("The instruction")] == [
        ("The instruction now inserts “45 days” for “30 days” in subsection (b), where it "
        "inserted “60 days”")]
    assert "limits.appropriations" not in [r.rule for r in (*first.reasons, *second.reasons)]
    # an instruction that strikes other words than the old version's is the edit it makes
    other = old.replace("“$5,000”", "“$6,000”")
    p = pair_of(run(old, other, Mode.VERSIONS), "s1/1")
    assert [r.explanation.split(":")[0] for r in p.reasons
            if r.explanation.startswith("The instruction")] == [
        "The instruction strikes “$6,000” and inserts “$7,500” in the first sentence"]


def test_an_amending_instruction_added_or_removed_is_judged_as_the_edit_it_makes() -> None:
    # H.R. 2157 as introduced amended a law "by striking “may” and inserting “shall”"; the
    # enrolled bill dropped the section. The law keeps "may": a duty it would have imposed is
    # not imposed, weaker where "may" binds those the law regulates, which only the amended law
    # says (unclear, with the rule that reads the swap); an added one is the edit itself
    old = ("SEC. 1. FUNDS.\nAmounts are appropriated for relief.\nSEC. 2. DUTY.\nSection 7 of "
           "the Relief Act is amended by striking “may” and inserting “shall”.\n")
    new = "SEC. 1. FUNDS.\nAmounts are appropriated for relief.\n"
    p = pair_of(run(old, new, Mode.VERSIONS), "s2")
    assert (p.status.value, p.verdict.value) == ("removed", "unclear")
    assert [(r.rule, r.direction.value, r.old, old[slice(*r.old_span)], r.new, r.new_span)
            for r in p.reasons] == [(
                "obligation.shall-to-may", "unclear",
                "by striking “may” and inserting “shall”",
                "by striking “may” and inserting “shall”", None, None)]
    assert p.reasons[0].explanation == (
        "The removed instruction struck “may” and inserted “shall” in Section 7 of the Relief "
        "Act; now that text keeps “may”: “shall” became “may”: a duty became a discretion "
        "(weaker where it binds those the law regulates; what the words govern is in the "
        "amended law, so read it).")
    added = pair_of(run(new, old, Mode.VERSIONS), "s2")
    assert [(r.rule, r.direction.value, r.new, r.explanation.split(":")[0])
            for r in added.reasons] == [(
                "obligation.may-to-shall", "unclear",
                "by striking “may” and inserting “shall”",
                ("The added instruction strikes “may” and inserts “shall” in Section 7 of the "
                "Relief Act"))]
    # a changed instruction is judged by what each version would write, words as amounts are
    should = old.replace("“shall”", "“should”")
    p = pair_of(run(should, old, Mode.VERSIONS), "s2")
    assert [(r.rule, r.direction.value, should[slice(*r.old_span)], old[slice(*r.new_span)])
            for r in p.reasons] == [("obligation.should-to-shall", "unclear", "should", "shall")]
    # a rule that reads the words around a change has none of them in an instruction: "may
    # clearly state" is no court's name ("formal.court-named" wants "in", "before" or "to"
    # before it, in the law), as the 10 MB benchmark pair's H.R. 1 text had it
    court = old.replace("“may” and inserting “shall”", "“may clearly state” and inserting "
                        "“shall state in a clear and conspicuous manner”")
    p = pair_of(run(new, court, Mode.VERSIONS), "s2")
    assert [r.rule for r in p.reasons] == ["unassessed"], describe(p)
    # an amount: the old version would have made it $1,000, the new leaves $500
    fine = old.replace("“may” and inserting “shall”", "“$500” and inserting “$1,000”")
    p = pair_of(run(fine, new, Mode.VERSIONS), "s2")
    assert [(r.rule, r.direction.value, r.explanation) for r in p.reasons] == [(
        "limits.value-unplaced", "unclear",
        ("The removed instruction struck “$500” and inserted “$1,000” in Section 7 of the Relief "
        "Act; now that text keeps “$500”: $1,000 became $500; what the amount governs could "
        "not be placed, so read it."))]


def test_an_amending_lead_in_and_conforming_instructions_carry_no_change_of_their_own() -> None:
    # H.R. 2157 IH § 703 (dropped from the enrolled bill): "... is amended— (1) in paragraph
    # (2)— (A) ... by striking “and” after the semicolon; ... (3) by redesignating paragraph (10)
    # as paragraph (11); and (4) by inserting after paragraph (9) the following:" were each
    # "No rule places this change"; the change is the quoted matter's, judged on its own
    old = ("SEC. 1. FUNDS.\nAmounts are appropriated for relief.\nSEC. 2. AMENDMENTS.\nSection 7 "
           "of the Relief Act is amended—\n(1) in paragraph (2), by striking “and” after the "
           "semicolon;\n(2) by redesignating paragraph (3) as paragraph (4); and\n(3) by "
           "inserting after paragraph (2) the following:\n“(3) No agency shall use face "
           "recognition.”.\n")
    new = "SEC. 1. FUNDS.\nAmounts are appropriated for relief.\n"
    c = run(old, new, Mode.VERSIONS)
    assert [(p.old.id, p.verdict.value, [r.rule for r in p.reasons])  # type: ignore[union-attr]
            for p in c.pairs if p.new is None] == [
        ("s2", "neutral", ["formal.amendment-lead-in"]),
        ("s2/1", "neutral", ["formal.conforming-amendment"]),
        ("s2/2", "neutral", ["formal.conforming-amendment"]),
        ("s2/3", "neutral", ["formal.amendment-lead-in"]),
        ("s2/3/q", "neutral", ["no-own-text"]),
        ("s2/3/q/3", "weaker", ["scope.prohibition-removed"])]
    lead = pair_of(c, "s2", reverse=True).reasons[0]
    assert (lead.old_span, lead.explanation) == ((old.index("SEC. 2."), old.index("(1) in")), (
        "It says what the provisions under it amend, or where the matter it quotes goes; they "
        "are judged one by one."))


def test_an_instruction_that_inserts_or_strikes_words_is_judged_by_those_words() -> None:
    # "by inserting “, unless ...,” after “shall not collect ...”" and "by striking “without a
    # warrant”" were "No rule places this change": only instructions that strike words and
    # insert others were read. The words inserted (struck) are read by the rules for words
    # added (removed), each reason pointing at the words its rule matched; the law's own words
    # the instruction quotes ("shall not collect": a prohibition) say which rules fit. What the
    # words govern is in the amended law, so each is unclear and says which way it would go.
    base = "SEC. 1. FUNDS.\nAmounts are appropriated for relief.\n"
    new = base + (
        "SEC. 2. CONSENT.\nSection 6 of the Data Act is amended by inserting “, unless the "
        "individual consents in writing,” after “shall not collect biometric information”.\n"
        "SEC. 3. WARRANTS.\nSection 7 of the Data Act is amended by striking “without a "
        "warrant” each place it appears.\n"
        "SEC. 4. DISCLOSURE.\nSection 8 of the Data Act is amended by inserting “, except "
        "pursuant to a court order,” after “may disclose the photograph”.\n"
        "SEC. 5. SENTENCE.\nSection 9 of the Data Act is amended by adding at the end the "
        "following: “The Secretary shall report yearly, except in an emergency.”.\n")
    c = run(base, new, Mode.VERSIONS)
    told = [(i, pair_of(c, i).verdict.value, [(r.rule, r.direction.value, new[slice(*r.new_span)])
                                             for r in pair_of(c, i).reasons])
            for i in ("s2", "s3", "s4", "s5")]
    assert told == [
        ("s2", "unclear", [("exceptions.added", "unclear", "unless")]),
        ("s3", "unclear", [("exceptions.removed", "unclear", "without a warrant")]),
        # a permission's exception limits it: stronger, the way the rule reads a permission
        ("s4", "unclear", [("exceptions.added", "unclear", "except")]),
        # a sentence of its own is a rule added, not words of the one before it
        ("s5", "unclear", [("unassessed", "unclear", new[new.index("SEC. 5."):])])], told
    assert pair_of(c, "s2").reasons[0].explanation == (
        "The added instruction inserts “, unless the individual consents in writing,” after "
        "“shall not collect biometric information” in Section 6 of the Data Act: An exception "
        "was added (“unless”): the prohibition reaches less conduct (weaker; what the words "
        "govern is in the amended law, so read it).")
    assert pair_of(c, "s3").reasons[0].explanation.startswith(
        "The added instruction strikes “without a warrant” each place it appears in Section 7 "
        "of the Data Act: An exception was removed (“without a warrant”): the provision reaches "
        "more conduct (stronger;")
    assert "the permission reaches less conduct (stronger;" in \
        pair_of(c, "s4").reasons[0].explanation
    # removed: the law keeps what the instruction would have struck, goes without what it
    # would have inserted
    back = run(new, base, Mode.VERSIONS)
    gone = [(i, [(r.rule, new[slice(*r.old_span)]) for r in pair_of(back, i, reverse=True).reasons])
            for i in ("s2", "s3")]
    assert gone == [("s2", [("exceptions.removed", "unless")]),
                    ("s3", [("exceptions.added", "without a warrant")])], gone
    assert pair_of(back, "s2", reverse=True).reasons[0].explanation.startswith(
        "The removed instruction inserted “, unless the individual consents in writing,” after "
        "“shall not collect biometric information” in Section 6 of the Data Act; now that text "
        "goes without those words: An exception was removed (“unless”): the prohibition "
        "reaches more conduct (stronger;")


def test_a_changed_amending_provision_is_judged_by_the_instructions_it_gained_and_lost() -> None:
    # the same provision in both versions, one instruction added to it and one dropped: each
    # is the edit it makes or no longer makes ("striking “may” and inserting “shall”" dropped:
    # the law keeps "may")
    old = ("SEC. 3. AMENDMENTS.\nSection 6 of the Data Act is amended—\n(1) by inserting “and "
           "voiceprints” after “fingerprints”; and\n(2) by striking “may” and inserting "
           "“shall”.\n")
    new = ("SEC. 3. AMENDMENTS.\nSection 6 of the Data Act is amended—\n(1) by inserting “and "
           "voiceprints” after “fingerprints” and by inserting “, except with a warrant,” after "
           "“may not disclose”; and\n(2) by striking “to the extent practicable”.\n")
    c = run(old, new, Mode.VERSIONS)
    first, second = pair_of(c, "s3/1"), pair_of(c, "s3/2")
    assert [(r.rule, r.direction.value, new[slice(*r.new_span)], r.explanation.split(":")[0])
            for r in first.reasons] == [(
                "exceptions.added", "unclear", "except",
                "An instruction was added")], describe(first)
    assert [(r.rule, r.direction.value, r.explanation.split(": ")[1].split(";")[0])
            for r in second.reasons] == [
        ("obligation.shall-to-may", "unclear",
         "it struck “may” and inserted “shall”"),
        ("obligation.hardened", "unclear", "it strikes “to the extent practicable”")], \
        describe(second)
    assert old[slice(*second.reasons[0].old_span)] == "by striking “may” and inserting “shall”"


def test_hr1_instructions_that_strike_or_insert_words_are_read(corpus: Path) -> None:
    # H.R. 1 (116th) against H.R. 4695: H.R. 1's amendments to election law have no counterpart,
    # and those that strike or insert words alone were each "No rule places this change"
    c = run_corpus(corpus, "us-federal-hr4695-119-introduced.txt",
                   "us-federal-hr1-116-reported-house.txt", Mode.CROSS)
    text = c.new.text
    told = [(i, pair_of(c, i).verdict.value,
             [(r.rule, text[slice(*r.new_span)]) for r in pair_of(c, i).reasons])
            for i in ("div-a/t-i/st-j/s1703/a/2", "div-b/t-iv/st-d/s4302/c/3",
                      "div-b/t-iv/st-d/s4302/c/4", "div-b/t-vi/st-a/s6002/a/3")]
    assert told == [
        # by striking “except as provided in subsection (g),”
        ("div-a/t-i/st-j/s1703/a/2", "unclear", [("exceptions.removed", "except")]),
        # by inserting “which (except to the extent provided in subparagraph (B)) is paid for
        # ...” after “subsection (a)”: "to the extent provided in" softens no duty
        ("div-b/t-iv/st-d/s4302/c/3", "unclear", [("exceptions.added", "except")]),
        # by striking “or other person” each place it appears
        ("div-b/t-iv/st-d/s4302/c/4", "unclear", [("scope.actors-in-ban-removed", "person")]),
        ("div-b/t-vi/st-a/s6002/a/3", "unclear", [("exceptions.removed", "other than")])], told


def test_to_the_extent_a_cross_reference_provides_softens_no_duty() -> None:
    # "to the extent practicable" bends a duty; "to the extent provided in subsection (b)"
    # points at another provision (H.R. 1 § 4302(c)(3) was read as a duty softened)
    old = "SEC. 1. NOTICE.\n(a) The agency shall notify each person.\n"
    for words, softened in (("to the extent practicable", True),
                            ("to the extent provided in subsection (b)", False),
                            ("to the extent specified under section 5", False)):
        new = old.replace("shall notify", f"shall, {words}, notify")
        rules = rules_of(run(old, new, Mode.VERSIONS), "s1/a")
        assert ("obligation.softened" in rules) is softened, (words, rules)


def test_words_replaced_by_others_no_swap_reads_are_read_word_by_word(corpus: Path) -> None:
    # "by striking “Each State” and inserting “Except as provided in subsection (b)(5), each
    # State”" read "No rule places this change": no swap rule reads both sides whole. The words
    # only the inserted side has are read by the rules for words added, those only the struck
    # side had by those for words removed.
    base = "SEC. 1. FUNDS.\nAmounts are appropriated for relief.\n"
    new = base + ("SEC. 2. STATES.\nSection 303 of the Act is amended by striking “Each State” "
                  "and inserting “Except as provided in subsection (b)(5), each State”.\n"
                  "SEC. 3. DATA.\nSection 5 of the Act is amended by striking “shall not "
                  "collect biometric data” and inserting “shall not collect biometric data or "
                  "facial templates”.\nSEC. 4. HEADING.\nSection 6 of the Act is amended by "
                  "striking “By radio” in the heading and inserting “Audio format”.\n")
    c = run(base, new, Mode.VERSIONS)
    assert [(i, pair_of(c, i).verdict.value, rules_of(c, i))
            for i in ("s2", "s3", "s4")] == [
        ("s2", "unclear", ["exceptions.added"]), ("s3", "unclear", ["scope.technology-added"]),
        ("s4", "neutral", ["formal.heading"])]
    assert pair_of(c, "s2").reasons[0].explanation == (
        "The added instruction strikes “Each State” and inserts “Except as provided in "
        "subsection (b)(5), each State” in Section 303 of the Act: An exception was added "
        "(“Except”): the provision reaches less conduct (weaker; what the words govern is in "
        "the amended law, so read it).")
    # a changed instruction: the reason points at the words its rule read, in the new text
    old = base + ("SEC. 2. STATES.\nSection 303 of the Act is amended by striking “may” and "
                  "inserting “shall”.\n")
    p = pair_of(run(old, new, Mode.VERSIONS), "s2")
    found = [(r.rule, r.new, new[slice(*r.new_span)]) for r in p.reasons
             if r.rule == "exceptions.added"]
    assert found == [("exceptions.added", "Except", "Except")], describe(p)
    # H.R. 1 (116th) against H.R. 4695, three of its instructions
    c = run_corpus(corpus, "us-federal-hr4695-119-introduced.txt",
                   "us-federal-hr1-116-reported-house.txt", Mode.CROSS)
    assert [(i, rules_of(c, i)) for i in (
        "div-a/t-i/st-a/pt-1/s1001/b/3", "div-b/t-iv/st-c/s4207/c/2/a",
        "div-b/t-iv/st-c/s4207/c/1/b", "div-b/t-v/st-c/pt-1/s5202/a/2")] == [
        ("div-a/t-i/st-a/pt-1/s1001/b/3", ["exceptions.added"]),
        # "which is transmitted through television" → "which is in video format"
        ("div-b/t-iv/st-c/s4207/c/2/a", ["scope.technology-added"]),
        # "by striking “By radio” in the heading and inserting “Audio format”"
        ("div-b/t-iv/st-c/s4207/c/1/b", ["formal.heading"]),
        # "(disregarding ... to the extent that the total ... exceeds $200)" softens no duty
        ("div-b/t-v/st-c/pt-1/s5202/a/2", ["unassessed"])]


def test_a_rule_of_construction_says_what_it_is(corpus: Path) -> None:
    # H.R. 1's "Nothing in this section shall be construed to waive or otherwise affect any
    # other requirement of this Act ..." and H.R. 4695's "Nothing in this paragraph shall be
    # construed to prohibit an investigative or law enforcement officer from using a database
    # for other investigative procedures" name no State law and no preemption: they were "No
    # rule places this change"
    c = run_corpus(corpus, "us-federal-hr1-116-reported-house.txt",
                   "us-federal-hr4695-119-introduced.txt", Mode.CROSS)
    gone = pair_of(c, "div-b/t-iv/st-b/pt-2/s4111/a/1/q/324/g", reverse=True)
    came = pair_of(c, "s101/a/2/b")
    assert [(p.verdict.value, [(r.rule, r.old or r.new) for r in p.reasons])
            for p in (gone, came)] == [
        ("unclear", [("preemption.construction-clause-removed", "shall be construed")]),
        ("unclear", [("preemption.construction-clause-added", "shall be construed")])]


def test_a_provision_amended_to_read_as_quoted_is_judged_by_what_it_quotes(corpus: Path) -> None:
    # H.R. 1 § 4111(a)(1), "Section 324 of the Federal Election Campaign Act of 1971 (52 U.S.C.
    # 30126) is amended to read as follows:", has no counterpart in H.R. 4695 and read "No rule
    # places this change"; the section it quotes is judged provision by provision
    c = run_corpus(corpus, "us-federal-hr1-116-reported-house.txt",
                   "us-federal-hr4695-119-introduced.txt", Mode.CROSS)
    p = pair_of(c, "div-b/t-iv/st-b/pt-2/s4111/a/1", reverse=True)
    assert (p.verdict.value, [r.rule for r in p.reasons]) == (
        "neutral", ["formal.amendment-lead-in"]), describe(p)
    old = "SEC. 1. FUNDS.\nAmounts are appropriated for relief.\n"
    new = old + ("SEC. 2. BAN.\nSection 7 of the Relief Act is amended to read as follows:\n"
                 "“SEC. 7. No agency shall use face recognition.”.\n")
    c = run(old, new, Mode.VERSIONS)
    assert [(q.new.id, [r.rule for r in q.reasons])  # type: ignore[union-attr]
            for q in c.pairs if q.old is None] == [
        ("s2", ["formal.amendment-lead-in"]), ("s2/q", ["no-own-text"]),
        ("s2/q/7", ["scope.prohibition-added"])], describe(pair_of(c, "s2"))


def test_a_lead_in_over_instructions_is_one_whatever_its_role(corpus: Path) -> None:
    # H.R. 4695 § 101(b)(6)(A), "in subsection (a)—" over three instructions, has no
    # instruction of its own and so no role of one ("other"): it was "unclear: No rule places
    # this change" against RCW 43.386, where § 101(b)(6) and (6)(C) above and beside it were
    # lead-ins
    c = run_corpus(corpus, "us-wa-rcw-43.386-current.txt",
                   "us-federal-hr4695-119-introduced.txt", Mode.CROSS)
    assert [(i, pair_of(c, i).new.role.value,  # type: ignore[union-attr]
             rules_of(c, i))
            for i in ("s101/b/6", "s101/b/6/a", "s101/b/6/c")] == [
        ("s101/b/6", "amendment", ["formal.amendment-lead-in"]),
        ("s101/b/6/a", "other", ["formal.amendment-lead-in"]),
        ("s101/b/6/c", "amendment", ["formal.amendment-lead-in"])]


def test_findings_added_or_removed_are_descriptive_and_said_to_be(corpus: Path) -> None:
    # BIPA's legislative findings (740 ILCS 14/5) have no counterpart in S. 4457; they were
    # each "unclear: No rule places this change", as a reworded finding no longer is
    c = run_corpus(corpus, "us-il-bipa-740ilcs14-current.txt",
                   "us-ny-s4457-2023-original.txt", Mode.CROSS)
    gone = [p for p in c.pairs if p.new is None and p.old is not None
            and p.old.id.startswith("s5/") and p.old.id != "s5/history"]
    assert [(p.old.id, p.verdict.value, p.descriptive, [r.rule for r in p.reasons])  # type: ignore[union-attr]
            for p in gone] == [(f"s5/{x}", "neutral", True, ["descriptive-removed"])
                               for x in "abcdefg"]
    old = "SEC. 1. BAN.\nNo agency shall use face recognition.\n"
    new = "SEC. 1. FINDINGS.\nCameras are everywhere.\n" + old.replace("SEC. 1.", "SEC. 2.")
    p = pair_of(run(old, new, Mode.VERSIONS), "s1")
    assert (p.status.value, p.verdict.value, p.descriptive) == ("added", "neutral", True)
    assert [(r.rule, r.new, r.explanation) for r in p.reasons] == [(
        "descriptive-added", "SEC. 1. FINDINGS.\nCameras are everywhere.\n",
        ("Descriptive text (a title, digest, findings or purpose) was added; it does not itself "
        "change what the law requires."))]


def test_a_piece_merged_into_another_is_said_to_be_what_it_is_and_no_loss(corpus: Path) -> None:
    # H.R. 2157 IH § 503's two provisos became ENR § 601's one: the first, an emergency
    # designation, has no counterpart of its own. Its words went into the merged proviso, so no
    # rule may say protection went with them; one that says what they are does, instead of
    # "no rule places this change"
    c = run_corpus(corpus, "us-federal-hr2157-116-introduced.txt",
                   "us-federal-hr2157-116-enrolled.txt", Mode.VERSIONS)
    p = pair_of(c, "t-v/s503/proviso-1", reverse=True)
    assert (p.status.value, p.new, p.verdict.value) == ("merged", None, "unclear")
    assert [(r.rule, r.direction.value, r.old) for r in p.reasons] == [(
        "scope.emergency-designation-removed", "unclear",
        "designated by the Congress as being for an emergency requirement")]
    assert rules_of(c, "t-v/s503", reverse=True) == [
        "obligation.shall-to-may"]


def test_an_item_that_only_joins_the_next_one_differently_is_formal(corpus: Path) -> None:
    # H.R. 2157's quoted Social Security Act § 1108(g)(5)(F)(ii) ended "... 2019." as introduced
    # and "... 2019; and" as enrolled, a clause (iii) added after it: "No rule places this
    # change". Only how the item joins the next changed; what it says did not.
    c = run_corpus(corpus, "us-federal-hr2157-116-introduced.txt",
                   "us-federal-hr2157-116-enrolled.txt", Mode.VERSIONS)
    p = pair_of(c, "t-viii/s802/a/5/e/q/ii")
    assert p.old is not None and p.old.id == "t-vii/s701/a/5/e/q/ii"
    assert (p.verdict.value, [(r.rule, r.old, r.new, r.explanation) for r in p.reasons]) == (
        "neutral", [("formal.list-joined", ".", "; and",
                     ("The list now goes on after this item (“; and”): only how it joins the "
                     "next changed, not what it says."))]), describe(p)
    old = "SEC. 1. DATA.\n(a) Biometric data means—\n(1) fingerprints; or\n(2) voiceprints.\n"
    new = old.replace("voiceprints.", "voiceprints; or\n(3) face geometry.")
    back = pair_of(run(new, old, Mode.VERSIONS), "s1/a/2")
    assert [(r.rule, r.explanation) for r in back.reasons] == [(
        "formal.list-joined", ("This item now ends the list (“; or” is gone): only how it joins "
        "the next changed, not what it says."))], describe(back)
    # the conjunction moved away from an item that is still not the last
    mid = old.replace("fingerprints; or", "fingerprints;")
    p = pair_of(run(old, mid, Mode.VERSIONS), "s1/a/1")
    assert [r.explanation.split(":")[0] for r in p.reasons] == [
        "“or” no longer joins this item to the next"], describe(p)
    # "or" for "and" joins the items otherwise: not this rule
    both = pair_of(run(old, old.replace("; or", "; and"), Mode.VERSIONS), "s1/a/1")
    assert "formal.list-joined" not in [r.rule for r in both.reasons], describe(both)
    # nor is a conjunction inside the item's words
    inside = pair_of(run(old, old.replace("fingerprints; or", "fingerprints and palms; or"),
                         Mode.VERSIONS), "s1/a/1")
    assert "formal.list-joined" not in [r.rule for r in inside.reasons], describe(inside)


def test_an_item_of_a_definition_is_no_definition_of_its_own(corpus: Path) -> None:
    # H.R. 4695 § 3(6) "The term illegitimately obtained information means information
    # obtained— (A) in a manner that violates Federal, State, or Tribal law; ..." has no
    # counterpart in RCW 43.386 (§ 3(6) itself is paired with one); each item was "A new
    # definition", which it is not
    c = run_corpus(corpus, "us-wa-rcw-43.386-current.txt",
                   "us-federal-hr4695-119-introduced.txt", Mode.CROSS)
    assert [(i, pair_of(c, i).verdict.value, rules_of(c, i))
            for i in ("s3/6/a", "s3/6/g")] == [
        ("s3/6/a", "unclear", ["scope.definition-item-added"]),
        ("s3/6/g", "unclear", ["scope.definition-item-added"])]
    assert pair_of(c, "s3/6/a").reasons[0].explanation == (
        "A new item of what a defined term means: the term reaches more, and whether that "
        "widens or narrows the law depends on the provisions that use it.")
    old = ("SEC. 1. DEFINITIONS.\nIn this Act:\n(1) “Biometric data” means—\n(A) fingerprints; "
           "or\n(B) voiceprints.\n")
    new = old.replace("(B) voiceprints.", "(B) voiceprints; or\n(C) face geometry.") + \
        "(2) “Agency” means a department.\n"
    c = run(old, new, Mode.VERSIONS)
    assert [(i, rules_of(c, i)) for i in ("s1/1/c", "s1/2")] == [
        ("s1/1/c", ["scope.definition-item-added"]), ("s1/2", ["scope.definition-added"])]
    back = run(new, old, Mode.VERSIONS)
    assert rules_of(back, "s1/1/c", reverse=True) == [
        "scope.definition-item-removed"]


def test_a_reference_named_by_its_number_is_the_same_reference(corpus: Path) -> None:
    # A. 48-A § 50-b(5)(d): "... DESCRIBED ABOVE" became "... DESCRIBED IN PARAGRAPH C OF THIS
    # SUBDIVISION" and read "No rule places this change"; one number for another is a change
    c = run_corpus(corpus, "us-ny-a48-2023-original.txt",
                   "us-ny-a48a-2023-amended.txt", Mode.VERSIONS)
    p = pair_of(c, "50-b/5/d")
    assert (p.verdict.value, [(r.rule, r.old, " ".join((r.new or "").split()))
                              for r in p.reasons]) == (
        "neutral", [("formal.reference-named", "ABOVE", "IN PARAGRAPH C OF THIS SUBDIVISION")]), \
        describe(p)
    old = "SEC. 1. ENTRY.\n(a) A key.\n(b) The key described in subsection (a) is kept.\n"
    other = pair_of(run(old, old.replace("subsection (a) is", "subsection (c) is"),
                        Mode.VERSIONS), "s1/b")
    assert [r.rule for r in other.reasons] == ["unassessed"], describe(other)


def test_a_list_of_exceptions_is_one_its_exception_opens(corpus: Path) -> None:
    # An item's lead-in is its parent's words where they open a list, however many items come
    # between (it was the 600 characters before the item: the fifth item of "... other than the
    # following:" was no exception, and an appropriation's item read a sibling's proviso,
    # "unless advance approval is obtained ...: Provided", as its lead-in). And the exception
    # must open the list: not a carve-out before the main clause, an exception after the list
    # the provision makes, or conditions that must all hold.
    items = "".join(f"({n}) {w} of the committee or of any subcommittee of it, as each is "
                    "described in the rules of the House for the Congress then sitting;\n"
                    for n, w in enumerate(("an officer", "an employee", "a member", "an agent",
                                           "a volunteer", "a contractor"), 1))
    def item_rules(lead: str, last: str = "(7) a donor.") -> list[str]:
        old = f"SEC. 1. SOURCES.\n(a) {lead}\n{items}"
        c = run(old + last + "\n", old.rstrip(";\n") + ".\n", Mode.VERSIONS)
        return rules_of(c, "s1/a/7", reverse=True)

    assert item_rules("A candidate may accept no contributions from any source, other than the "
                      "following:") == ["exceptions.exception-item-removed"]
    for lead in (("Except as provided in section 5, in this Act, the following persons are "
                 "covered:"),
                 ("A candidate shall disclose the following sources, unless the candidate "
                 "withdraws:"),
                 ("A candidate may not accept a contribution unless each of the following "
                 "applies:"),
                 ("A candidate may not accept a contribution unless the candidate has certified "
                 "the following:")):
        assert "exceptions.exception-item-removed" not in item_rules(lead), lead
    # H.R. 1 (116th) against H.R. 4695: the Federal Election Campaign Act § 521(a) H.R. 1 adds
    # allows contributions from no source "other than the following:" (its items (2) to (6)
    # were duties and prohibitions removed); § 1013(b)(3)'s items are the information an agency
    # "shall ... transmit ..., unless ... the individual declined to be registered" (its item
    # (A) was an exception)
    c = run_corpus(corpus, "us-federal-hr1-116-reported-house.txt",
                   "us-federal-hr4695-119-introduced.txt", Mode.CROSS)
    gone = {p.old.id: (p.verdict.value, [r.rule for r in p.reasons]) for p in c.pairs
            if p.old is not None and p.new is None}
    assert [gone[f"div-b/t-v/st-b/pt-2/s5111/q/521/a/{n}"] for n in range(1, 7)] == [
        ("stronger", ["exceptions.exception-item-removed"])] * 6
    assert gone["div-a/t-i/st-a/pt-2/s1013/b/3/a"] == ("weaker", ["scope.duty-removed"])
    # "A candidate may not submit a request under subsection (a) unless each of the following
    # applies:" and "... unless the fund has certified to the Commission the following during
    # the year:": conditions the exception needs all of (each was "a prohibition removed")
    assert [gone[i] for i in ("div-b/t-v/st-b/pt-2/s5111/q/502/b/1",
                              "div-b/t-iv/st-b/pt-1/s4102/b/q/8/d")] == [
        ("weaker", ["exceptions.condition-item-removed"])] * 2


def test_the_words_that_open_definitions_define_nothing(corpus: Path) -> None:
    # § 832.19(a), "For the purposes of this section, the following terms have the following
    # meanings:", has no counterpart in H.R. 4695; it read "A definition was removed". It
    # defines nothing; the definitions under it are judged one by one. "In this subsection, the
    # term ‘immediate family member’ means, with respect to a candidate—" is a definition.
    c = run_corpus(corpus, "us-ca-pen-832.19-2019-chaptered.txt",
                   "us-federal-hr4695-119-introduced.txt", Mode.CROSS)
    p = pair_of(c, "832.19/a", reverse=True)
    assert (p.verdict.value, [r.rule for r in p.reasons]) == (
        "neutral", ["scope.definitions-lead-in-removed"]), describe(p)
    assert rules_of(c, "832.19/a/1", reverse=True) == [
        "scope.definition-removed"]
    old = "SEC. 1. BAN.\nNo candidate shall hire a relative.\n"
    new = old + ("(b) In this subsection, the term “relative” means, with respect to a "
                 "candidate—\n(1) a spouse; or\n(2) a child.\n")
    p = pair_of(run(old, new, Mode.VERSIONS), "s1/b")
    assert "scope.definitions-lead-in-added" not in [r.rule for r in p.reasons], describe(p)


def test_the_events_an_appropriation_pays_for_include_disasters_and_prevented_planting(
        corpus: Path) -> None:
    # H.R. 2157 ih → enr: the Office of the Secretary's paragraph added "crops prevented from
    # planting in 2019," and the Corps of Engineers' paragraphs dropped "including disasters in
    # 2019,"; each read "No rule places this change". (The Secretary's paragraph is read as a
    # duration, "to remain available until expended": an appropriation all the same.) The
    # Corps' paragraphs still name "natural disasters": what they dropped is an example, not
    # an event ("“disasters” no longer named" was untrue).
    c = run_corpus(corpus, "us-federal-hr2157-116-introduced.txt",
                   "us-federal-hr2157-116-enrolled.txt", Mode.VERSIONS)
    crops = _by_citation(c, "Processing, Research and Marketing, Office of the Secretary, ¶ 1")
    corps = _by_citation(c, "DEPARTMENT OF THE ARMY, operation and maintenance, ¶ 4")
    assert [(p.verdict.value, [(r.rule, r.old, r.new) for r in p.reasons]) for p in (crops, corps)
            ] == [("unclear", [("scope.appropriation-purpose-added", None,
                                "crops prevented from planting")]),
                  ("unclear", [("scope.appropriation-example-removed",
                                "including disasters in 2019", None)])]
    assert corps.new is not None and "caused by, natural disasters, $908,000,000" in corps.new.text


def _by_citation(c: Comparison, ending: str) -> ClausePair:
    """The pair whose new provision's citation (the old one's where there is none) ends so."""
    found = [p for p in c.pairs if (p.new or p.old).citation.endswith(ending)]  # type: ignore
    assert len(found) == 1, [(p.new or p.old).citation for p in found]  # type: ignore
    return found[0]


def test_an_event_named_in_the_other_number_or_inside_a_longer_name_is_still_named(
        corpus: Path) -> None:
    """H.R. 2157's Puerto Rico grant (§ 101, enrolled as § 104) went from "Presidentially
    declared major disasters and emergencies" to "a major disaster or emergency designated by
    the President": it read "widened (“disaster”)" and "narrowed (“disasters” no longer
    named)" at once. The same events; and where the hurricanes named changed ("Hurricanes
    Harvey, Irma, and Maria, and Super Typhoon Yutu" → "Hurricane Florence"), what went is the
    typhoon, not hurricanes."""
    c = run_corpus(corpus, "us-federal-hr2157-116-introduced.txt",
                   "us-federal-hr2157-116-enrolled.txt", Mode.VERSIONS)
    grant = pair_of(c, "t-i/s104")
    assert grant.old is not None and grant.old.id == "t-i/s101"
    assert [(r.rule, r.old, r.explanation) for r in grant.reasons[:2]] == [
        ("formal.hereby", "hereby ", "“hereby” adds nothing."),
        ("limits.value-reworded", "$600,000,000",
         "The same value, $600,000,000, still stated; the words around it were rewritten.")
    ], describe(grant)
    rest = grant.reasons[2:]  # the rewritten grant, left for a reader
    assert [(r.rule, r.explanation) for r in rest] == [
        ("unassessed", "No rule places this change; read it.")], describe(grant)
    assert rest[0].new is not None and rest[0].new.endswith("Emergency Assistance Act (42 U.S.C. "
                                                            "5121 et seq.)")
    grid = _by_citation(c, "Real Property Activities, federal buildings fund, ¶ 1")
    assert [(r.rule, r.old) for r in grid.reasons if r.rule.startswith("scope.")] == [
        ("scope.appropriation-purpose-removed", "Typhoon")], describe(grid)


def test_a_named_rule_counts_what_is_named_not_how_often() -> None:
    lead = "SEC. 1. RELIEF.\n(a) For an additional amount for necessary expenses related to "
    cases = [  # (old, new, the scope rules that fire)
        ("major disasters and emergencies, $5,000,000.",
         "a major disaster or emergency, $5,000,000.", []),
        ("Hurricanes Harvey and Irma, $5,000,000.", "Hurricane Florence, $5,000,000.", []),
        ("natural disasters, including disasters in 2019, $5,000,000.",
         "natural disasters, $5,000,000.", [("scope.appropriation-example-removed",
                                             "including disasters in 2019", None)]),
        ("winter storms, $5,000,000.", "earthquakes, $5,000,000.",
         [("scope.appropriation-purpose-added", None, "earthquakes"),
          ("scope.appropriation-purpose-removed", "winter storms", None)]),
        ("floods, $5,000,000.", "floods and wildfires, $5,000,000.",
         [("scope.appropriation-purpose-added", None, "wildfires")]),
    ]
    for old, new, fired in cases:
        p = pair_of(run(lead + old + "\n", lead + new + "\n", Mode.VERSIONS), "s1/a")
        assert [(r.rule, r.old, r.new) for r in p.reasons if r.rule.startswith("scope.")
                ] == fired, (old, new, describe(p))
        assert p.verdict.value == "unclear", describe(p)


def test_a_case_struck_from_what_an_appropriation_pays_for_protects_no_one_named(
        corpus: Path) -> None:
    """H.R. 2157's Community Development Fund proviso (enrolled as the 7th) dropped "or 2019"
    from "a major disaster that occurred in 2018 or 2019": "A case was removed from the
    obligation: it reaches less" would make it weaker; what the money may be spent on protects
    no one the text names. A duty's case removed stays weaker."""
    c = run_corpus(corpus, "us-federal-hr2157-116-introduced.txt",
                   "us-federal-hr2157-116-enrolled.txt", Mode.VERSIONS)
    p = pair_of(c, "t-xi/p4/proviso-7")
    assert p.old is not None and p.old.id == "t-x/p4/proviso-4"
    assert (p.verdict.value, [(r.rule, r.old) for r in p.reasons]) == (
        "unclear", [("scope.appropriation-case-removed", " or 2019:"),
                    ("unassessed", " receiving awards for disasters that occurred in 2018 or 2019"),
                    ]), describe(p)
    old = "SEC. 1. REPORTS.\n(a) Each agency shall report each search or arrest.\n"
    p = pair_of(run(old, old.replace(" or arrest", ""), Mode.VERSIONS), "s1/a")
    assert (p.verdict.value, [r.rule for r in p.reasons]) == (
        "weaker", ["scope.alternative-removed"]), describe(p)


def test_singular_forms_and_what_a_named_rule_finds_unnamed() -> None:
    from legcompare.assess.engine import _singular, _unnamed
    assert _unnamed({"disasters": 1}, {"natural disaster": 2}) == set()
    assert _unnamed({"winter storms": 1, "floods": 1}, {"tropical storm": 1, "flood": 1}) == {
        "winter storms"}
    assert [_singular(w) for w in ("emergencies", "tornadoes", "tornados", "disasters",
                                   "hurricanes", "natural disasters", "losses", "business",
                                   "status", "flooding")] == [
        "emergency", "tornado", "tornado", "disaster", "hurricane", "natural disaster", "loss",
        "business", "status", "flooding"]


def test_a_requirement_an_appropriation_is_freed_from_is_one_of_its_terms() -> None:
    """ "such funds ... shall not be subject to the matching or cost share requirements" (H.R.
    2157's Region 2 proviso, struck in the enrolled bill) was read as a prohibition, its removal
    "weaker: a prohibition was removed"; it frees the money from a requirement, and whether that
    protects anyone is not for the text to say. Outside an appropriation the exemption is judged
    as one."""
    old = ("SEC. 1. GRANTS.\n(a) For grants, $5,000,000.\n(b) Such funds shall not be subject "
           "to the matching requirements of section 602.\n")
    p = pair_of(run(old, old.split("(b)")[0], Mode.VERSIONS), "s1/b")
    assert (p.status.value, p.verdict.value, [(r.rule, r.old) for r in p.reasons]) == (
        "removed", "unclear", [("scope.appropriation-term-removed",
                                     "shall not be subject to")]), describe(p)
    ban = ("SEC. 1. BAN.\n(a) No agency shall use a face recognition system.\n(b) A school is "
           "not subject to this section.\n")
    p = pair_of(run(ban, ban.split("(b)")[0], Mode.VERSIONS), "s1/b")
    assert ([r.rule for r in p.reasons], p.verdict.value) == (
        ["exceptions.exemption-removed"], "stronger"), describe(p)


def test_an_emergency_designation_is_said_to_be_one() -> None:
    """H.R. 2157's paragraphs close with "Provided, That such amount is designated by the
    Congress as being for an emergency requirement pursuant to section 251(b)(2)(A)(i) ...":
    nine were added or removed between its prints, each "unclear: No rule places this change;
    read it". It says how the budget counts the amount: still unclear as to protection, as an
    appropriation's terms are, but now the reason says what the words are."""
    designation = ("Provided, That such amount is designated by the Congress as being for an "
                   "emergency requirement pursuant to section 251(b)(2)(A)(i) of the Balanced "
                   "Budget and Emergency Deficit Control Act of 1985.\n")
    old = "SEC. 1. RELIEF.\nFor an additional amount for disaster relief, $5,000,000: "
    said = "designated by the Congress as being for an emergency requirement"
    for before, after, status in [(old + designation, old, "removed"),
                                  (old, old + designation, "added")]:
        p = pair_of(run(before, after, Mode.VERSIONS), "s1/proviso-1")
        assert (p.status.value, p.verdict.value, [(r.rule, r.old or r.new) for r in p.reasons]
                ) == (status, "unclear", [(f"scope.emergency-designation-{status}", said)]), \
            describe(p)


def test_a_use_allowed_is_an_appropriation_s_term_only_where_money_is_spoken_of() -> None:
    """ "may be used for" earmarks funds in an appropriation ("such funds may be used for
    repairs"), but lets a regulated party use a system in a ban: there it is a permission."""
    old = "SEC. 1. BAN.\n(a) No agency shall use a face recognition system.\n"
    for added, rule, verdict in [
            ("(b) Such funds may be used for repairs.\n", "scope.appropriation-term-added",
             "unclear"),
            ("(b) A face recognition system may be used for identifying a deceased person.\n",
             "exceptions.permission-added", "weaker")]:
        p = pair_of(run(old, old + added, Mode.VERSIONS), "s1/b")
        assert ([r.rule for r in p.reasons], p.verdict.value) == ([rule], verdict), describe(p)


def test_a_cross_reference_that_names_another_provision_is_said_so(corpus: Path) -> None:
    """H.R. 2157's Head Start provisos: "the amount made available by this paragraph" became
    "by the previous proviso" and "by the second previous proviso" in the enrolled bill; each
    read "No rule places this change". "this chapter" → "this SECTION" (RCW 43.386 against
    A. 1891) is each law referring to itself: formal.self-reference-unit alone."""
    c = run_corpus(corpus, "us-federal-hr2157-116-introduced.txt",
                   "us-federal-hr2157-116-enrolled.txt", Mode.VERSIONS)
    second = pair_of(c, "t-viii/p3/proviso-3")
    assert second.old is not None and second.old.id == "t-vii/p4/proviso-2"
    assert [(r.rule, r.old, r.new) for r in second.reasons] == [
        ("formal.funds-named", "appropriated", "provided"),  # ("funds appropriated in")
        ("scope.reference-changed", "this paragraph", "the second previous proviso")
    ], describe(second)
    c = run_corpus(corpus, "us-wa-rcw-43.386-current.txt", "us-ny-a1891-2023-introduced.txt",
                   Mode.CROSS)
    p = pair_of(c, "43.386.090/1", reverse=True)
    assert p.new is not None and "THIS SECTION" in p.new.text
    assert "formal.self-reference-unit" in [r.rule for r in p.reasons], describe(p)
    assert "scope.reference-changed" not in [r.rule for r in p.reasons], describe(p)


def test_words_a_rule_says_were_removed_were_removed(corpus: Path) -> None:
    """A. 48-A § 50-b(5)(b): "BY A TENANT [-AND/OR -]{+OR LAWFUL OCCUPANT AND THEIR +}GUESTS"
    read "A case was removed from the prohibition (“AND/OR GUESTS…”)": the pattern took in
    "GUESTS", which stayed. A one-sided rule may look past the changed words (a lookahead), and
    a mark of punctuation after them may close its match ("[- or 2019-]:"), but it may take in
    no word that did not change."""
    old = ("SEC. 1. ENTRY.\n(a) No owner shall use such system to track the entry of a tenant "
           "and/or guests to harass a tenant.\n")
    new = old.replace("and/or", "or lawful occupant and their")
    p = pair_of(run(old, new, Mode.VERSIONS), "s1/a")
    assert (p.verdict.value, [(r.rule, r.old, r.new) for r in p.reasons]) == (
        "stronger", [("scope.alternative-added", None, "or lawful")]), describe(p)
    c = run_corpus(corpus, "us-ny-a48-2023-original.txt", "us-ny-a48a-2023-amended.txt",
                   Mode.VERSIONS)
    p = pair_of(c, "50-b/5/b")
    assert [(r.rule, r.old, r.new) for r in p.reasons if r.rule.startswith("scope.")] == [
        ("scope.alternative-added", None, " OR LAWFUL"),
        ("scope.alternative-added", None, "OR LAWFUL"),  # ("TENANT {+OR LAWFUL OCCUPANT+}")
        # ("EVICT A TENANT OR {+LAWFUL OCCUPANT OR +}FOR ANY OTHER PURPOSE")
        ("scope.alternative-added-before", None, "LAWFUL OCCUPANT OR "),
        ("scope.list-item-removed", ", LESSEES AND/OR", None)], describe(p)


def test_a_rule_on_what_a_provision_names_sets_its_kind_aside_throughout() -> None:
    """Not a swap rule: enforcement by the attorney general alone replaces "a new penalty" for
    the penalties the attorney general may now seek, wherever in the provision they stand (gold
    item g001, S. 4457-A § 676-c), where a swap rule replaces readings of its own words only."""
    old = ("SEC. 1. ENFORCEMENT.\n(a) Any person aggrieved by a violation of this Act may bring an "
           "action in a court of competent jurisdiction for damages and injunctive relief.\n")
    new = old.replace("Any person aggrieved by a violation of this Act", "The attorney general") \
        .replace("damages and", "damages, civil penalties and")
    p = pair_of(run(old, new, Mode.VERSIONS), "s1/a")
    rules = [r.rule for r in p.reasons]
    assert (p.verdict.value, rules[0], "enforcement.penalty-added" in rules) == (
        "weaker", "enforcement.attorney-general-only", False), describe(p)
    # and without the attorney general the penalty is read for what it is
    q = pair_of(run(old, old.replace("damages and", "damages, civil penalties and"),
                    Mode.VERSIONS), "s1/a")
    assert [r.rule for r in q.reasons] == ["enforcement.penalty-added"], describe(q)


def test_a_case_put_before_another_is_a_case_added(corpus: Path) -> None:
    """A. 48-A § 50-b(4)(a)(iv): "SUCH REFERENCE DATA SHALL BE RETAINED ONLY FOR TENANTS OR
    {+LAWFUL OCCUPANTS OR +}THOSE AUTHORIZED BY THE TENANT{+, LAWFUL OCCUPANT,+} OR OWNER": the
    diff puts the new case before the one after it, and "No rule places this change" (nor the
    item added to the list, in a sentence that permits). Both widen whom the data may be kept
    for: the permission reaches more, weaker, beside "MAY" → "SHALL"."""
    c = run_corpus(corpus, "us-ny-a48-2023-original.txt", "us-ny-a48a-2023-amended.txt",
                   Mode.VERSIONS)
    p = pair_of(c, "50-b/4/a/iv")
    assert (p.verdict.value, [(r.rule, r.direction.value, " ".join((r.new or "").split()))
                              for r in p.reasons if r.rule.startswith(("scope.", "unass"))]) == (
        "mixed", [("scope.alternative-added-before", "weaker", "LAWFUL OCCUPANTS OR"),
                  ("scope.list-item-added", "weaker", ", LAWFUL OCCUPANT,")]), describe(p)
    assert p.reasons[1].explanation == (
        "Another case was added to the permission (“LAWFUL OCCUPANTS OR”): it reaches more.")
    # not where "and" joins the words: a condition may have been added, not a case
    old = "SEC. 1. KEYS.\n(a) No owner shall limit the entry of tenants and guests.\n"
    p = pair_of(run(old, old.replace("and guests", "and lawful occupants and guests"),
                    Mode.VERSIONS), "s1/a")
    assert [(r.rule, r.new) for r in p.reasons] == [
        ("unassessed", "lawful occupants and ")], describe(p)


def test_an_appropriation_struck_whole_and_its_terms(corpus: Path) -> None:
    """H.R. 2157 as enrolled struck the Health Surveillance and Program Support paragraph ("For
    an additional amount for ..., $30,000,000"): "No rule places this change". Its proviso "may
    be charged to funds appropriated under this heading" was "stronger: a permission removed",
    and the Region 2 provisos of the State and Tribal Assistance Grants ("shall be provided to
    States", "each State and Territory shall use the full amount of its capitalization grants")
    were "weaker: a duty removed": terms of how money is given, which protect no one the text
    names. A duty to provide information "in an appropriate language" (H.R. 4695 § 108(b)) is no
    appropriation's term: "appropriate" is not "appropriated"."""
    c = run_corpus(corpus, "us-federal-hr2157-116-introduced.txt",
                   "us-federal-hr2157-116-enrolled.txt", Mode.VERSIONS)
    assert [(pair_of(c, i, reverse=True).verdict.value,
             [(r.rule, r.old) for r in pair_of(c, i, reverse=True).reasons])
            for i in ("t-vii/p2", "t-vii/p2/proviso-1", "t-vi/p11/proviso-1",
                      "t-vi/p11/proviso-3")] == [
        ("unclear", [("scope.appropriation-removed", "For an additional amount")]),
        ("unclear", [("scope.appropriation-term-removed", "may be charged to")]),
        ("unclear", [("scope.appropriation-term-removed", "shall be provided to")]),
        ("unclear", [("scope.appropriation-term-removed", "shall use the full amount")])]
    c = run_corpus(corpus, "us-federal-s3779-119-introduced.txt",
                   "us-federal-hr4695-119-introduced.txt", Mode.CROSS)
    p = pair_of(c, "s108/b")
    assert p.new is not None and "appropriate language" in p.new.text
    assert (p.status.value, p.verdict.value, rules_of(c, "s108/b")) == (
        "added", "stronger", ["scope.duty-added"]), describe(p)


def test_a_proviso_is_read_with_the_paragraph_it_qualifies(corpus: Path) -> None:
    """H.R. 2157's Office of the Secretary proviso "such assistance may include compensation to
    producers ... for [-past or future crop insurance premiums, -]forest restoration and poultry
    and livestock losses" read "No rule places this change": the words that make it part of an
    appropriation ("For an additional amount ...") are its paragraph's. A proviso's context is
    its own words and its paragraph's; what rules out a rule (``not_context``) is its own."""
    c = run_corpus(corpus, "us-federal-hr2157-116-introduced.txt",
                   "us-federal-hr2157-116-enrolled.txt", Mode.VERSIONS)
    p = pair_of(c, "t-i/p1/proviso-1")
    assert (p.verdict.value, [(r.rule, r.old) for r in p.reasons][:1]) == (
        "unclear", [("scope.appropriation-item-removed",
                     "past or future crop insurance premiums, ")]), describe(p)
    lead = ("SEC. 1. RELIEF.\n(a) For an additional amount for necessary expenses, $9,000,000: "
            "Provided, That such assistance may include compensation for ")
    old, new = (lead + "premiums, restoration and losses.\n", lead + "restoration and losses.\n")
    p = pair_of(run(old, new, Mode.VERSIONS), "s1/a/proviso-1")
    assert [(r.rule, r.old) for r in p.reasons] == [
        ("scope.appropriation-item-removed", "premiums, ")], describe(p)


def test_a_term_renamed_where_it_is_defined_is_said_so(corpus: Path) -> None:
    """§ 832.19(a)(2) defines “Biometric surveillance system”; A. 3712, which copies it,
    defines "FACIAL RECOGNITION OR BIOMETRIC SURVEILLANCE SYSTEM" in the same words. The pair
    was shown changed with no reason at all (what precedes a definition's content, its label
    and its term, is no change of content, and nothing else was said of it)."""
    old = ("SEC. 1. DEFINITIONS.\n(a) “Biometric surveillance system” means any computer "
           "software that performs facial recognition.\n")
    new = old.replace("“Biometric", "“Facial recognition or biometric")
    p = pair_of(run(old, new, Mode.VERSIONS), "s1/a")
    assert (p.verdict.value, [(r.rule, r.old, r.new, r.explanation) for r in p.reasons]) == (
        "neutral", [("formal.term-renamed", None, "Facial recognition or ",
                     ("Only the name of the term defined changed (“Biometric surveillance "
                     "system” → “Facial recognition or biometric surveillance system”); its "
                     "definition reads the same."))]), describe(p)
    c = run_corpus(corpus, "us-ca-pen-832.19-2019-chaptered.txt",
                   "us-ny-a3712-2023-introduced.txt", Mode.CROSS)
    p = pair_of(c, "832.19/a/2", reverse=True)
    assert (p.verdict.value, rules_of(c, "832.19/a/2", reverse=True)) == (
        "neutral", ["formal.term-renamed"]), describe(p)


def test_a_rule_explains_every_change_it_fits(corpus: Path) -> None:
    """A. 48-A § 50-b(3): "NOTICE TO A TENANT {+OR LAWFUL OCCUPANT+} AT THE TIME THE TENANT {+OR
    LAWFUL OCCUPANT+} SIGNS THE LEASE" gave "Another case was added" for the first and "Also
    changed, and no rule places it" for the second: a rule gave one reason a provision. It
    gives one for each change it fits (reports list them once, with a count)."""
    c = run_corpus(corpus, "us-ny-a48-2023-original.txt", "us-ny-a48a-2023-amended.txt",
                   Mode.VERSIONS)
    p = pair_of(c, "50-b/3")
    assert [(r.rule, " ".join((r.new or "").split())) for r in p.reasons
            if r.direction.value != "neutral"] == [
        ("scope.alternative-added", "OR LAWFUL")] * 2, describe(p)
    assert p.verdict.value == "stronger"


def test_a_misspelt_word_put_right_is_spelling_and_one_word_for_another_is_not() -> None:
    """"recieve" → "receive" is a spelling fix. "HER" → "THEIR" (A. 48-A § 50-b(9)(b), where
    the diff split "HIS OR HER" from the rest) has letters as close, but both are words spelt
    right: it was told as "“HER” corrected to “THEIR”: a change of spelling", which a reader
    checking the claim finds false. Such words now go unplaced, to be read."""
    old = "SEC. 1. DATA.\n(a) No owner shall recieve her data.\n"
    p = pair_of(run(old, old.replace("recieve", "receive"), Mode.VERSIONS), "s1/a")
    assert [(r.rule, r.old, r.new, r.explanation) for r in p.reasons] == [
        ("formal.spelling", "recieve", "receive",
         "“recieve” corrected to “receive”: a change of spelling, not of meaning.")], describe(p)
    for was, now in (("her", "their"), ("her data", "this data"), ("recieve", "receive from")):
        p = pair_of(run(old, old.replace(was, now), Mode.VERSIONS), "s1/a")
        assert "formal.spelling" not in [r.rule for r in p.reasons], describe(p)


def test_a_noun_made_plural_is_told_as_such_not_as_a_spelling_fix(corpus: Path) -> None:
    """A. 48-A § 50-b(2)(d): "KEY" → "KEYS" was "corrected ...: a change of spelling"; H.R.
    2157 as enrolled: "Committee" → "Committees". Singular and plural are read alike by the
    codes' rules of construction, and the reason says so (and where)."""
    old = "SEC. 1. KEYS.\n(a) An owner shall provide a key card to each party.\n"
    p = pair_of(run(old, old.replace("card", "cards").replace("party", "parties"),
                    Mode.VERSIONS), "s1/a")
    assert (p.verdict.value, [(r.rule, r.old, r.new) for r in p.reasons]) == ("neutral", [
        ("formal.singular-plural", "card", "cards"),
        ("formal.singular-plural", "party", "parties")]), describe(p)
    assert p.reasons[0].explanation == (
        "“card” became “cards”: the singular for the plural or the plural for the singular, "
        "which codes read alike unless the context says otherwise (for federal law, 1 U.S.C. "
        "§ 1).")
    # "it" → "its" is no plural
    p = pair_of(run(old, old.replace("a key card", "its key card"), Mode.VERSIONS), "s1/a")
    assert "formal.singular-plural" not in [r.rule for r in p.reasons], describe(p)
    c = run_corpus(corpus, "us-ny-a48-2023-original.txt", "us-ny-a48a-2023-amended.txt",
                   Mode.VERSIONS)
    assert [(r.old, r.new) for r in pair_of(c, "50-b/2/d").reasons
            if r.rule == "formal.singular-plural"] == [("KEY", "KEYS")]

