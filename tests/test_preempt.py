"""Preemption: classifying the real US Code provisions of the corpus, sentences that are not
preemption clauses, scoring, and the fates of stronger lower provisions on real laws.

Expectations come from the corpus README (``preemption/README.md``: the kind of each provision,
main kind first) and from reading the texts. Where the corpus has no lower law inside a real
ceiling's scope (it has none: no State text on fuel economy, motor vehicle emissions, pesticide
labeling, packaging or telephone solicitation, and no State text with an express preemption of
local law), the lower (or the upper) law is a short snippet written for the test.
"""

from __future__ import annotations

import importlib
import pickle
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from legcompare import compare, load, split
from legcompare.ingest.text import parse_text
from legcompare.model import (
    Clause,
    CompareOptions,
    Document,
    Mode,
    Outline,
    Provenance,
    Verdict,
)
from legcompare.preempt import (
    Fate,
    Finding,
    PreemptionKind,
    classify,
    higher,
    kinds_of,
    preempt,
    provision_kind,
    signals_in,
)
from legcompare.preempt.phrases import short_titles, split_actors, terms_of

pytestmark = pytest.mark.corpus

S3779 = "us-federal-s3779-119-introduced.txt"
HR4695 = "us-federal-hr4695-119-introduced.txt"
PEN_832_19 = "us-ca-pen-832.19-2019-chaptered.txt"
A3712 = "us-ny-a3712-2023-introduced.txt"
SPRINGFIELD = "us-ma-springfield-code-facial-surveillance.txt"

# preemption/README.md, "Kinds": the main kind, then the secondary kinds.
README_KINDS = {
    "7usc136v-a-b.txt": ("ceiling", ("floor",)),
    "15usc1461.txt": ("ceiling", ()),
    "15usc2075-a-b.txt": ("ceiling", ("carve-out", "floor")),
    "42usc7543-a-b2.txt": ("ceiling", ("carve-out",)),
    "49usc32919.txt": ("ceiling", ("carve-out",)),
    "47usc227-f.txt": ("floor", ("ceiling",)),
    "29usc218-a.txt": ("floor", ()),
    "15usc1692n.txt": ("conflict", ("floor",)),
    "15usc1693q.txt": ("conflict", ("floor",)),
    "18usc2710-f.txt": ("conflict", ()),
    "49usc5125-a.txt": ("conflict", ()),
}

# Each clause's own kind, from the README's "Why" column (which names the subsections), and
# the scope and actors quoted from it.
CLAUSES = [
    ("7usc136v-a-b.txt", "a", "floor", (),
     "the sale or use of any federally registered pesticide or device in the State", "A State"),
    ("7usc136v-a-b.txt", "b", "ceiling", (), "labeling or packaging", "Such State"),
    ("15usc1461.txt", "p1", "ceiling", (),
     ("the labeling of the net quantity of contents of the package of any consumer commodity "
      "covered by this chapter"), "the States or political subdivisions thereof"),
    ("15usc2075-a-b.txt", "a", "ceiling", (),
     ("the performance, composition, contents, design, finish, construction, packaging, or "
      "labeling of such product"), "State or political subdivision of a State"),
    ("15usc2075-a-b.txt", "b", "carve-out", ("floor",),
     "a safety requirement applicable to a consumer product for its own use",
     "any State or political subdivision of a State"),
    ("42usc7543-a-b2.txt", "a", "ceiling", (),
     ("the control of emissions from new motor vehicles or new motor vehicle engines subject to "
      "this part"), "State or any political subdivision thereof"),
    ("42usc7543-a-b2.txt", "b/1", "carve-out", (),
     "the control of emissions from new motor vehicles or new motor vehicle engines",
     "any State"),
    ("49usc32919.txt", "a", "ceiling", (),
     ("fuel economy standards or average fuel economy standards for automobiles covered by an "
      "average fuel economy standard under this chapter"),
     "a State or a political subdivision of a State"),
    ("49usc32919.txt", "b", "ceiling", (),
     ("disclosure of fuel economy or fuel operating costs for an automobile covered by section "
      "32908"), "a State or a political subdivision of a State"),
    ("49usc32919.txt", "c", "carve-out", (),
     "requirements for fuel economy for automobiles obtained for its own use",
     "State or a political subdivision of a State"),
    ("47usc227-f.txt", "f/1", "floor", (),
     ("(A) the use of telephone facsimile machines or other electronic devices to send "
      "unsolicited advertisements; (B) the use of automatic telephone dialing systems; (C) the "
      "use of artificial or prerecorded voice messages; or (D) the making of telephone "
      "solicitations"), "any State law"),
    ("47usc227-f.txt", "f/2", "ceiling", (), "telephone solicitations",
     "a State or local authority"),
    ("29usc218-a.txt", "a", "floor", (),
     ("a minimum wage higher than the minimum wage established under this chapter or a maximum "
      "work week lower than the maximum workweek established under this chapter"),
     "any Federal or State law or municipal ordinance"),
    ("15usc1692n.txt", "p1", "conflict", ("floor",), "debt collection practices",
     "the laws of any State"),
    ("15usc1693q.txt", "p1", "conflict", ("floor",),
     ("electronic fund transfers, dormancy fees, inactivity charges or fees, service fees, or "
      "expiration dates of gift certificates, store gift cards, or general-use prepaid cards"),
     "the laws of any State"),
    ("18usc2710-f.txt", "f", "conflict", (),
     "the provisions of State or local law that require disclosure prohibited by this section",
     "State or local law"),
    ("49usc5125-a.txt", "a", "conflict", (),
     "a requirement of a State, political subdivision of a State, or Indian tribe",
     "a State, political subdivision of a State, or Indian tribe"),
]

# Sentences of the corpus that mention preemption, conflict, superseding or States but are not
# preemption clauses: (file, clause id, words it holds).
NEGATIVES = [
    (HR4695, "s204", "A State shall not be immune under the eleventh amendment"),
    (HR4695, "s202/b", ("Nothing in this Act shall be construed to authorize the use of facial "
                        "recognition by a State")),
    (HR4695, "s2", "In the case of a State or unit of local government that received a grant"),
    (HR4695, "s101/d", "State law preserved"),
    (HR4695, "s101/a/2/b", "Nothing in this paragraph shall be construed to prohibit"),
    (HR4695, "s105/b/1", "Any State or local law enforcement agency whose investigative"),
    (S3779, "s3/c/2/c", "The chief law enforcement officer of a State"),
    ("us-ny-s4457a-2024-amended.txt", "s1/q/676-c/6",
     "SHALL NOT SUPERSEDE, AMEND OR REPEAL ANY OTHER LAW OF THIS STATE"),
    ("us-ny-s4457a-2024-amended.txt", "s1/q/676-d/2",
     "NOTHING IN THIS ARTICLE SHALL BE CONSTRUED TO CONFLICT WITH THE FEDERAL HEALTH INSURANCE"),
    (SPRINGFIELD, "d", ("Nothing in this section shall be construed to limit any individual's "
                        "rights under state or federal law")),
    ("us-va-hb2031-2021-introduced.txt", "1/q/15.2-1723.2/b",
     "No local law-enforcement agency shall purchase or deploy facial recognition technology"),
    ("us-wa-rcw-43.386-current.txt", "43.386.080/5",
     "A state or local law enforcement agency may not use the results"),
    ("us-ca-oakland-omc-9.64.txt", "9.64.030/1/e",
     "nothing herein shall be construed to prevent, restrict or interfere"),
    ("preemption/42usc7543-a-b2.txt", "b/2",
     "If each State standard is at least as stringent as the comparable applicable Federal"),
]


def outline(corpus: Path, name: str) -> Outline:
    return split(load(str(corpus / name)))


def clause(tree: Outline, clause_id: str) -> Clause:
    return next(c for c in tree.walk() if c.id == clause_id)


def snippet(tmp_path: Path, name: str, text: str) -> Document:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return load(str(path))


def table(findings: tuple[Finding, ...]) -> list[tuple[int, str, str, str | None, str]]:
    return [(f.lower, f.provision.id, f.verdict.value,
             f.counterpart.id if f.counterpart else None, f.fate.value) for f in findings]


# --- classification ------------------------------------------------------------------------


@pytest.mark.parametrize("name", sorted(README_KINDS))
def test_us_code_provisions_are_classified_as_their_readme_says(corpus: Path, name: str
                                                                ) -> None:
    kinds = provision_kind(classify(outline(corpus, f"preemption/{name}")))
    assert kinds is not None
    main, also = kinds
    assert (main.value, tuple(k.value for k in also)) == README_KINDS[name]


def test_each_clause_kind_scope_and_actors_are_quoted_from_the_text(corpus: Path) -> None:
    got = []
    for name in sorted(README_KINDS):
        for c in classify(outline(corpus, f"preemption/{name}")):
            got.append((name, c.clause.id, c.kind.value, tuple(k.value for k in c.also),
                        c.scope.quote, c.actors))
            assert c.scope.quote in " ".join(c.text.split())
    assert sorted(got) == sorted(CLAUSES)


def test_the_words_that_decided_each_kind_point_into_the_text(corpus: Path) -> None:
    tree = outline(corpus, "preemption/49usc5125-a.txt")
    (c,) = classify(tree)
    assert c.clause.id == "a" and c.kind is PreemptionKind.CONFLICT
    assert [s.rule for s in c.signals] == ["conflict.impossibility", "conflict.obstacle"]
    for s in c.signals:
        assert tree.document.text[s.span[0]:s.span[1]].split() == s.text.split()
    assert c.signals[1].text == "is an obstacle to"


def test_the_bills_clauses_ice_out_is_conflict_only_and_hr4695_a_floor(corpus: Path) -> None:
    (ice,) = classify(outline(corpus, S3779))
    assert (ice.clause.id, ice.kind, ice.also) == ("s3/e", PreemptionKind.CONFLICT, ())
    assert (ice.scope.quote, ice.actors, ice.regulated) == (
        "any Federal, State, or local law", "covered immigration officers",
        ("covered immigration officer",))
    assert [s.text for s in ice.signals] == [
        "Nothing in this section may be construed to preempt", "absent actual conflict"]
    (floor,) = classify(outline(corpus, HR4695))
    assert (floor.clause.id, floor.kind, floor.also) == ("s202/a", PreemptionKind.FLOOR, ())
    assert floor.scope.quote == ("the use of facial recognition, or any other privacy, civil "
                                 "rights, and civil liberties laws and rules")
    assert floor.scope.terms == (("facial", "recognition"), ("privacy",), ("civil", "right"),
                                 ("civil", "liberty"))


@pytest.mark.parametrize(("name", "clause_id", "words"), NEGATIVES,
                         ids=[f"{n[0][:14]}:{n[1]}" for n in NEGATIVES])
def test_sentences_that_merely_mention_preemption_or_states_are_not_clauses(
        corpus: Path, name: str, clause_id: str, words: str) -> None:
    tree = outline(corpus, name)
    c = clause(tree, clause_id)
    assert words in " ".join(c.text.split())
    assert kinds_of(signals_in(c.text)) == ()
    assert clause_id not in {p.clause.id for p in classify(tree)}


def test_the_whole_corpus_has_these_preemption_clauses_and_no_others(corpus: Path) -> None:
    """Every text of the corpus outside preemption/: only the federal bills' clauses, and the
    quoted new HAVA § 307(a) of H.R. 1 ("the State may not impose any additional conditions or
    requirements on the eligibility ... to cast the vote ... by absentee ballot by mail"), a
    ceiling on State requirements for mail voting in federal elections."""
    found = {}
    for path in sorted(corpus.glob("*.txt")):
        clauses = classify(split(load(str(path))))
        if clauses:
            found[path.name] = [(c.clause.id, c.kind.value) for c in clauses]
    assert found == {
        "us-federal-hr1-116-reported-house.txt": [("div-a/t-i/st-i/s1621/a/2/q/307/a",
                                                   "ceiling")],
        HR4695: [("s202/a", "floor")],
        "us-federal-hr7363-119-introduced.txt": [("s3/e", "conflict")],
        S3779: [("s3/e", "conflict")],
    }


# --- scoring -------------------------------------------------------------------------------


def _score(pairs: list[tuple[str, str]]) -> dict[str, tuple[int, int, int]]:
    """(true positives, false positives, false negatives) per kind, from (expected, got)."""
    out = {}
    for kind in ("ceiling", "conflict", "floor", "carve-out"):
        tp = sum(e == g == kind for e, g in pairs)
        fp = sum(g == kind != e for e, g in pairs)
        fn = sum(e == kind != g for e, g in pairs)
        out[kind] = (tp, fp, fn)
    return out


def test_scoring_on_primary_kinds_only(corpus: Path) -> None:
    """Precision and recall over the labelled preemption provisions, counting only each
    clause's (and each provision's) primary kind; the negatives count as "none"."""
    clause_pairs = []
    for name, clause_id, kind, *_ in CLAUSES:
        got = {c.clause.id: c.kind.value for c in classify(outline(corpus, f"preemption/{name}"))}
        clause_pairs.append((kind, got.get(clause_id, "none")))
    for name, clause_id, _ in NEGATIVES:
        got = {c.clause.id: c.kind.value for c in classify(outline(corpus, name))}
        clause_pairs.append(("none", got.get(clause_id, "none")))
    assert _score(clause_pairs) == {"ceiling": (7, 0, 0), "conflict": (4, 0, 0),
                                    "floor": (3, 0, 0), "carve-out": (3, 0, 0)}
    provision_pairs = []
    for name, (main, _) in README_KINDS.items():
        kinds = provision_kind(classify(outline(corpus, f"preemption/{name}")))
        provision_pairs.append((main, kinds[0].value if kinds else "none"))
    scores = _score(provision_pairs)
    assert scores == {"ceiling": (5, 0, 0), "conflict": (4, 0, 0), "floor": (2, 0, 0),
                      "carve-out": (0, 0, 0)}
    for tp, fp, fn in scores.values():
        assert tp == 0 or (tp / (tp + fp), tp / (tp + fn)) == (1.0, 1.0)


# --- matching helpers ----------------------------------------------------------------------


def test_actor_phrases_split_and_borrow_their_neighbours_words() -> None:
    assert split_actors("POLICE AGENCY, POLICE OFFICER OR PEACE OFFICER") == [
        "police agency", "police officer", "peace officer"]
    assert split_actors("any law enforcement agency or officer") == [
        "law enforcement agency", "law enforcement officer"]
    assert split_actors("investigative or law enforcement officers") == [
        "investigative officer", "law enforcement officer"]
    assert split_actors("a State or a political subdivision of a State") == []


def test_scope_terms_leave_out_generic_words_and_restated_coverage() -> None:
    assert terms_of("any Federal, State, or local law") == ()
    assert terms_of("fuel economy standards or average fuel economy standards for automobiles "
                    "covered by an average fuel economy standard under this chapter") == (
        ("fuel", "economy"), ("average", "fuel", "economy", "automobile"))


def test_a_state_is_higher_only_for_its_own_localities() -> None:
    assert higher("us-federal", "us-ny") and higher("us-federal", "us-ca-sf")
    assert higher("us-ma", "us-ma-springfield")
    assert not higher("us-ma", "us-ny") and not higher("us-ma", "us-ny-nyc")
    assert not higher("us-ny", "us-federal") and not higher("us-ca-sf", "us-ca")
    assert higher("unknown", "us-ny")


# --- fates on real laws --------------------------------------------------------------------


def judged(corpus: Path, upper: str, lower: str) -> set[str]:
    """Ids of the lower law's provisions that the comparison (upper as old, lower as new, cross
    mode) pairs with a counterpart and judges stronger or mixed. The verdict rules are tuned in
    ``assess/``; the findings with a counterpart must be exactly these, whatever they are."""
    pairs = compare(load(str(corpus / upper)), load(str(corpus / lower)),
                    options=CompareOptions(mode=Mode.CROSS)).pairs
    return {p.new.id for p in pairs if p.new is not None and p.old is not None
            and p.verdict in (Verdict.STRONGER, Verdict.MIXED)}


def test_ice_out_over_832_19_and_a3712_is_undecided_for_want_of_a_common_actor(
        corpus: Path) -> None:
    result = preempt(load(str(corpus / S3779)),
                     [load(str(corpus / PEN_832_19)), load(str(corpus / A3712))])
    assert [c.clause.id for c in result.clauses] == ["s3/e"]
    # The operative provisions of A. 3712 with no counterpart in the bill:
    assert [row for row in table(result.findings) if row[3] is None] == [
        (1, "s1/q/837-x/2", "stronger", None, "undecided"),
        (1, "s1/q/837-x/3", "stronger", None, "undecided"),
        (1, "s2/q/236/2", "stronger", None, "undecided"),
        (1, "s2/q/236/3", "stronger", None, "undecided"),
    ]
    for index, lower in enumerate((PEN_832_19, A3712)):
        paired = {f.provision.id for f in result.findings
                  if f.lower == index and f.counterpart is not None}
        assert paired == judged(corpus, S3779, lower)
    lead = ("Undecided: no common regulated actor — S. 3779, 119th Cong. § 3(e) (conflict) "
            "concerns “covered immigration officer”, this provision binds ")
    named = {"s1/q/837-x/2": "“police agency”, “police officer”, “peace officer”.",
             "s1/q/837-x/3": "“police agency”, “police officer”, “peace officer”.",
             "s2/q/236/2": "“member of the state police”.",
             "s2/q/236/3": "“member of the state police”."}
    by_law = {0: "“law enforcement agency”, “law enforcement officer”.",
              1: "“police agency”, “police officer”, “peace officer”, “member of the state "
                 "police”."}  # definitions name nobody: the actors of their law
    for f in result.findings:
        assert (f.fate, f.because) == (Fate.UNDECIDED, ("s3/e",))
        assert f.note == lead + named.get(f.provision.id, by_law[f.lower])
    on_832_19 = [f for f in result.findings if f.lower == 0]
    assert bool(on_832_19) != any(n.startswith("Cal. Penal Code § 832.19:")
                                  for n in result.notes)


def test_hr4695_saves_every_stronger_provision_of_832_19_and_a3712(corpus: Path) -> None:
    result = preempt(load(str(corpus / HR4695)),
                     [load(str(corpus / PEN_832_19)), load(str(corpus / A3712))])
    assert [row for row in table(result.findings) if row[3] is None] == [
        (1, "s1/q/837-x/3", "stronger", None, "saved"),
        (1, "s2/q/236/2", "stronger", None, "saved"),
        (1, "s2/q/236/3", "stronger", None, "saved"),
    ]
    assert [row for row in table(result.findings) if row[1] == "s1/q/837-x/2"] == [
        (1, "s1/q/837-x/2", "mixed", "s102/b", "saved")]
    for index, lower in enumerate((PEN_832_19, A3712)):
        paired = {f.provision.id for f in result.findings
                  if f.lower == index and f.counterpart is not None}
        assert paired == judged(corpus, HR4695, lower)
    for f in result.findings:
        assert (f.fate, f.because) == (Fate.SAVED, ("s202/a",))
        assert f.note == ("Saved by H.R. 4695, 119th Cong. § 202(a), a floor (“more stringent”):"
                          " inside its scope (words matched: facial, recognition); implied "
                          "conflict preemption remains possible.")
    # § 832.19 as retrieved is its definitions only (the ban in (b) was not retrieved); when
    # none of them is stronger than its counterpart, the note says so and why.
    if not any(f.lower == 0 for f in result.findings):
        why = ("Cal. Penal Code § 832.19: no provision is stronger than its counterpart in H.R. "
               "4695, 119th Cong., and none without a counterpart is an operative protective "
               "provision (its provisions by role: definition 11); the text is partial, so "
               "provisions that were not retrieved are not weighed.")
        assert result.notes == (why,)
    # Every provision of A. 3712 the comparison judges stronger (or mixed) is a finding. (The
    # quoted matter that holds it is judged by its provisions, not as a whole; so is § 236,
    # which has no text of its own but its heading, "USE OF FACIAL RECOGNITION ... CAMERA
    # PROHIBITED": it was stronger for "PROHIBITED", read as text.)
    pairs = compare(load(str(corpus / HR4695)), load(str(corpus / A3712)),
                    options=CompareOptions(mode=Mode.CROSS)).pairs
    every = {p.new.id for p in pairs
             if p.new is not None and p.verdict in (Verdict.STRONGER, Verdict.MIXED)}
    assert every <= {f.provision.id for f in result.findings}


BIPA = "us-il-bipa-740ilcs14-current.txt"
S4457 = "us-ny-s4457-2023-original.txt"
AB1034 = "us-ca-ab1034-2023-amended-asm-2023-05-01.txt"


def test_hr4695_saves_the_privacy_laws_its_floor_names_by_their_names(corpus: Path) -> None:
    """§ 202(a) saves "any other privacy, civil rights, and civil liberties laws and rules" of
    a State: a provision of a privacy law is inside, whatever its own words. The corpus copy of
    the Illinois act lacks its § 1 (the short title), so its catalog title names it; S. 4457's
    article names itself ("MAY BE CITED AS THE "BIOMETRIC PRIVACY ACT"")."""
    result = preempt(load(str(corpus / HR4695)),
                     [load(str(corpus / BIPA)), load(str(corpus / S4457))])
    rows = table(result.findings)
    # (not § 20(b), the 2024 "at most, one recovery" cap: weaker, and nothing a ceiling could
    # erase would be a loss to anyone)
    assert [(lower, id_, fate) for lower, id_, _, _, fate in rows if lower == 0] == [
        (0, "15/a", "saved"), (0, "15/b", "saved"), (0, "15/c", "saved"),
        (0, "15/d", "saved"), (0, "20/a", "saved"), (0, "20/c", "saved")]
    assert [id_ for lower, id_, _, _, _ in rows if lower == 1] == [
        "s1/q/676-b/1", "s1/q/676-b/2", "s1/q/676-b/3", "s1/q/676-b/4", "s1/q/676-b/5",
        "s1/q/676-c", "s1/q/676-d/1", "s1/q/676-d/3", "s1/q/676-d/4", "s2"]
    lead = "Saved by H.R. 4695, 119th Cong. § 202(a), a floor (“more stringent”): inside its "
    tail = "; implied conflict preemption remains possible."
    for f in result.findings:
        assert (f.fate, f.because) == (Fate.SAVED, ("s202/a",))
    assert {f.note for f in result.findings if f.lower == 0} == {
        lead + "scope (words matched: privacy, in its law's title “Biometric Information "
        "Privacy Act, 740 ILCS 14 (P.A. 95-994), as amended by P.A. 103-769 (2024)”)" + tail}
    assert {f.note for f in result.findings if f.lower == 1 and f.provision.id != "s2"} == {
        lead + "scope (words matched: privacy, in its law's short title “BIOMETRIC PRIVACY "
        "ACT”)" + tail}
    # the bill's own § 2 (its effective date) is no part of the article the title names
    assert [f.note for f in result.findings if f.provision.id == "s2"] == [
        lead + "scope (words matched: privacy, in its law's title “N.Y. S. 4457 (2023–2024), "
        "Biometric Privacy Act, original print”)" + tail]


def test_a_short_title_names_the_law_and_a_file_name_does_not(corpus: Path,
                                                             tmp_path: Path) -> None:
    named = snippet(tmp_path, "us-ny-widgets.txt",
                    "Section 1. This act may be cited as the \"Widget Privacy Act\".\n"
                    "Section 2. No person shall sell a widget.\n")
    unnamed = snippet(tmp_path, "us-ny-privacy.txt",
                      "Section 1. No person shall sell a widget.\n")
    result = preempt(load(str(corpus / HR4695)), [named, unnamed])
    assert [(f.lower, f.provision.id, f.fate.value) for f in result.findings] == [
        (0, "s2", "saved"), (1, "s1", "undecided")]
    assert "(words matched: privacy, in its law's short title “Widget Privacy Act”)" in \
        result.findings[0].note
    assert result.findings[1].note.startswith("Undecided: not shown inside the floor's scope")


def test_a_lower_term_paired_with_the_upper_laws_term_stands_for_it(corpus: Path) -> None:
    """Springfield bans "facial surveillance", H.R. 4695's floor saves limits on "facial
    recognition": the comparison pairs Springfield's definition of the one with the bill's
    definition of the other, so a provision that uses the term is inside the floor's scope.
    ("face surveillance", which Springfield also writes but does not define, is not.)"""
    result = preempt(load(str(corpus / HR4695)), [load(str(corpus / SPRINGFIELD))])
    assert [(f.provision.id, f.fate.value) for f in result.findings] == [
        ("a", "saved"), ("b", "saved"), ("a~2", "undecided"), ("b~2", "undecided")]
    assert result.findings[0].note == (
        "Saved by H.R. 4695, 119th Cong. § 202(a), a floor (“more stringent”): inside its scope "
        "(words matched: facial, recognition; recognition through “FACIAL SURVEILLANCE” "
        "(Springfield Code, ¶ 1, definition of “FACIAL SURVEILLANCE”), the term the comparison "
        "paired with “facial recognition” (H.R. 4695, 119th Cong. § 3(4))); implied conflict "
        "preemption remains possible.")


def test_a_paired_term_counts_only_where_the_provision_uses_it(tmp_path: Path) -> None:
    upper = snippet(tmp_path, "us-federal-frt.txt",
                    "SEC. 1. DEFINITIONS.\nIn this Act:\n(1) The term “facial recognition” "
                    "means an automated process that identifies a person from an image of the "
                    "face.\nSEC. 2. NO PREEMPTION.\nNothing in this Act shall be construed to "
                    "preempt any State law relating to facial recognition that is more "
                    "stringent than this Act.\n")
    lower = snippet(tmp_path, "us-ny-scans.txt",
                    "Section 1. (a) “Face scanning” means an automated process that identifies "
                    "a person from an image of the face.\n"
                    "(b) No agency shall use face scanning.\n"
                    "(c) No agency shall keep a fingerprint longer than a year.\n")
    result = preempt(upper, [lower])
    assert [(f.provision.id, f.fate.value) for f in result.findings] == [
        ("s1/b", "saved"), ("s1/c", "undecided")]
    paired = ("through “Face scanning” (us-ny-scans.txt § 1(a)), the term the comparison "
              "paired with “facial recognition” (us-federal-frt.txt § 1(1))")
    assert paired in result.findings[0].note


def test_a_short_title_names_the_part_it_says(corpus: Path, tmp_path: Path) -> None:
    """An omnibus act's titles may each be cited as an act of their own: a provision takes the
    name of the part around it that has one ("This title ..."), else the act's."""
    lower = snippet(tmp_path, "us-ny-omnibus.txt",
                    "TITLE I—WIDGETS\nSection 101. This title may be cited as the \"Widget "
                    "Privacy Act\".\nSection 102. No person shall sell a widget.\n"
                    "TITLE II—GADGETS\nSection 201. No person shall sell a gadget.\n")
    result = preempt(load(str(corpus / HR4695)), [lower])
    assert [(f.provision.id, f.fate.value) for f in result.findings] == [
        ("t-i/s102", "saved"), ("t-ii/s201", "undecided")]


def test_short_titles_and_the_part_each_names(tmp_path: Path) -> None:
    text = ("SEC. 101. Notwithstanding this section, this title may be cited as the “Widget "
            "Privacy Act”.\nSEC. 102. This Act shall be known and may be cited as the "
            "\"Gadget Act of 2025\".\nSEC. 103. No person shall sell a widget.\n")
    clauses = split(snippet(tmp_path, "us-ny-names.txt", text)).clauses
    assert [short_titles(c) for c in clauses] == [
        (("title", "Widget Privacy Act"),), (("act", "Gadget Act of 2025"),), ()]


def test_a_legislative_counsels_digest_is_no_provision_to_weigh(corpus: Path) -> None:
    """Every paragraph of A.B. 1034's digest is descriptive, its first ("AB 1034, as amended,
    Wilson. Law enforcement: ...") too, so none is a finding (it was one, "saved")."""
    digest = [c for c in split(load(str(corpus / AB1034))).walk()
              if c.id.startswith("digest/")]
    assert [(c.id, c.role.value if c.role else None) for c in digest] == [
        (f"digest/p{n}", "descriptive") for n in range(1, 6)]
    result = preempt(load(str(corpus / HR4695)), [load(str(corpus / AB1034))])
    assert not [f for f in result.findings if f.provision.id.startswith("digest")]


def test_a_real_ceiling_erases_a_state_law_inside_its_scope(corpus: Path,
                                                           tmp_path: Path) -> None:
    lower = snippet(tmp_path, "us-ca-fuel-economy.txt",
                    "Section 1. (a) No person shall sell a new automobile in this state unless "
                    "its fuel economy is at least 40 miles per gallon.\n"
                    "(b) A dealer shall keep a record of each sale for three years.\n")
    result = preempt(load(str(corpus / "preemption/49usc32919.txt")), [lower])
    assert table(result.findings) == [(0, "s1/a", "stronger", None, "erased"),
                                      (0, "s1/b", "stronger", None, "undecided")]
    erased, kept = result.findings
    assert erased.because == ("a",)
    assert erased.note == (
        "Erased by 49 U.S.C. § 32919(a), a ceiling: inside its scope (words matched: fuel, "
        "economy); it binds State law; it names no regulated actor, so it reaches whomever the "
        "provision binds.")
    assert kept.because == ("a", "b")
    assert kept.note.startswith("Undecided: not shown inside the ceiling's scope — 49 U.S.C. "
                                "§ 32919(a) (ceiling) reaches “fuel economy standards or average")


def test_a_waiver_leaves_a_state_law_undecided_but_not_a_city_one(corpus: Path,
                                                                  tmp_path: Path) -> None:
    state = snippet(tmp_path, "us-ca-vehicles.txt",
                    "(a) No person shall register in this state a new motor vehicle whose "
                    "emissions exceed the standards of the state board.\n")
    city = snippet(tmp_path, "us-ca-sf-vehicles.txt",
                   "(a) No person shall register in the City a new motor vehicle whose "
                   "emissions exceed the limits adopted by the Board.\n")
    result = preempt(load(str(corpus / "preemption/42usc7543-a-b2.txt")), [state, city])
    assert [(f.lower, f.provision.id, f.fate.value, f.because) for f in result.findings] == [
        (0, "a", "undecided", ("b/1", "a")), (1, "a", "erased", ("a",))]
    assert result.findings[0].note == (
        "Undecided: 42 U.S.C. § 7543(a), a ceiling, reaches it, but 42 U.S.C. § 7543(b)(1) could "
        "except it once a waiver is granted (inside its scope (words matched: emission, new, "
        "motor, vehicle)).")


def test_a_state_ceiling_over_the_springfield_ordinance(corpus: Path, tmp_path: Path) -> None:
    """State over local: a State law (written for the test) with an express preemption of local
    face-surveillance law, over the real Springfield ordinance and a New York bill."""
    upper = snippet(tmp_path, "us-ma-face-surveillance.txt",
                    "SECTION 1. No city, town or other political subdivision of the Commonwealth "
                    "shall adopt, maintain or enforce any ordinance, by-law or regulation "
                    "relating to face surveillance or facial surveillance systems.\n"
                    "SECTION 2. A law enforcement agency may use a facial surveillance system "
                    "only under a warrant.\n")
    result = preempt(upper, [load(str(corpus / SPRINGFIELD)), load(str(corpus / A3712))])
    assert [(c.clause.id, c.kind.value, c.scope.quote) for c in result.clauses] == [
        ("s1", "ceiling", "face surveillance or facial surveillance systems")]
    assert table(result.findings) == [
        (0, "a", "stronger", None, "erased"),
        (0, "a~2", "stronger", None, "erased"),
        (0, "b~2", "stronger", None, "undecided"),
        (1, "s1/q/837-x/2", "stronger", None, "undecided"),
        (1, "s1/q/837-x/3", "stronger", None, "undecided"),
        (1, "s2/q/236/2", "stronger", None, "undecided"),
        (1, "s2/q/236/3", "stronger", None, "undecided"),
    ]
    notes = [f.note for f in result.findings]
    assert notes[0].endswith("inside its scope (words matched: face, surveillance); it binds "
                             "local law; it names no regulated actor, so it reaches whomever "
                             "the provision binds.")
    assert notes[2] == ("Undecided: not shown inside the ceiling's scope — "
                        "us-ma-face-surveillance.txt § 1 (ceiling) reaches “face surveillance "
                        "or facial surveillance systems”.")
    assert notes[3] == ("Undecided: us-ma-face-surveillance.txt is not a higher law for this "
                        "one (us-ma over us-ny).")


def test_a_ceiling_that_names_actors_erases_only_where_they_are_common(
        corpus: Path, tmp_path: Path) -> None:
    upper = snippet(tmp_path, "us-federal-frt.txt",
                    "SEC. 2. PREEMPTION.\nNo State or political subdivision of a State may adopt "
                    "or enforce any law relating to the use of facial recognition by a law "
                    "enforcement officer.\n")
    city = snippet(tmp_path, "us-ca-oakland-frt.txt",
                   "(a) No law enforcement officer shall use facial recognition in a public "
                   "place.\n")
    result = preempt(upper, [load(str(corpus / A3712)), city])
    (c,) = result.clauses
    assert (c.kind, c.regulated, c.actors) == (PreemptionKind.CEILING,
                                               ("law enforcement officer",),
                                               "law enforcement officer")
    fates = Counter((f.lower, f.fate.value) for f in result.findings)
    assert fates == {(0, "undecided"): 4, (1, "erased"): 1}
    assert result.findings[0].note == (
        "Undecided: no common regulated actor — us-federal-frt.txt § 2 (ceiling) concerns "
        "“law enforcement officer”, this provision binds “police agency”, “police officer”, "
        "“peace officer”.")
    assert result.findings[-1].note.endswith("common regulated actor “law enforcement officer”.")


def test_no_lower_law_lists_the_clauses_and_a_lower_law_without_findings_is_noted(
        corpus: Path, tmp_path: Path) -> None:
    alone = preempt(load(str(corpus / S3779)))
    assert (alone.findings, alone.notes) == ((), ())
    definitions = snippet(tmp_path, "us-ny-defs.txt",
                          "(a) \"Biometric data\" means a fingerprint or a face print.\n")
    result = preempt(load(str(corpus / HR4695)), [definitions])
    assert result.findings == ()
    assert result.notes == (
        ("us-ny-defs.txt: no provision is stronger than its counterpart in H.R. 4695, 119th "
         "Cong., and none without a counterpart is an operative protective provision (its "
         "provisions by role: definition 1)."),)


def test_an_upper_law_without_a_preemption_clause_decides_nothing(corpus: Path,
                                                                  tmp_path: Path) -> None:
    upper = snippet(tmp_path, "us-federal-plain.txt",
                    "SEC. 1. No agency may use a face recognition system.\n")
    empty = snippet(tmp_path, "us-ca-empty.txt", "")
    result = preempt(upper, [load(str(corpus / A3712)), empty])
    assert result.clauses == ()
    assert {f.fate for f in result.findings} == {Fate.UNDECIDED}
    only = ("Undecided: us-federal-plain.txt has no express preemption clause; implied "
            "preemption is not assessed.")
    assert {f.note for f in result.findings} == {only}
    none = ("us-ca-empty.txt: no provision is stronger than its counterpart in "
            "us-federal-plain.txt, and none without a counterpart is an operative protective "
            "provision (its provisions by role: none).")
    assert result.notes == (none,)


def test_preempt_is_deterministic_and_picklable(corpus: Path) -> None:
    args = (load(str(corpus / S3779)), [load(str(corpus / A3712))])
    first, second = preempt(*args), preempt(*args)
    assert first == second
    assert pickle.loads(pickle.dumps(first)) == first


# --- properties ----------------------------------------------------------------------------

LINES = st.sampled_from([
    "SEC. 1. PREEMPTION.", "SEC. 2. BAN.", "(a) In general.—", "(b) No agency shall use it.",
    ("No State or political subdivision of a State may adopt or enforce any law relating to "
     "face prints."), "Nothing in this Act shall be construed to preempt any State law.",
    "Nothing in this Act shall be construed to preempt more stringent State law.",
    "This Act preempts only the provisions of State law that require disclosure.",
    "(1) complying with both is not possible; or", "absent actual conflict with this Act.",
    "Subsection (a) does not prevent a State from establishing requirements for its own use.",
    "A State shall not be immune.", "(c) No police officer shall use facial recognition.",
    "", "[... text not retrieved ...]", "<script>alert(1)</script>", "\x1b[31m",
])
TEXTS = st.lists(LINES, max_size=12).map("\n".join)


def _doc(text: str, jurisdiction: str, name: str) -> Document:
    return parse_text(text, Provenance(jurisdiction, name, None, name, "test"))


@settings(max_examples=60, deadline=None)
@given(TEXTS, TEXTS)
def test_any_text_gives_quoted_scopes_and_a_fate_with_a_note(upper: str, lower: str) -> None:
    up, low = _doc(upper, "us-federal", "up"), _doc(lower, "us-ny", "low")
    result = preempt(up, [low])
    for c in result.clauses:
        assert c.kinds and len(set(c.kinds)) == len(c.kinds)
        assert c.scope.quote in " ".join(c.text.replace("*", " ").replace("#", " ").split())
        for s in c.signals:
            assert up.text[s.span[0]:s.span[1]].split() == s.text.split()
    for f in result.findings:
        assert f.note.startswith(f.fate.value.capitalize())
        assert (f.fate is Fate.SAVED) == f.note.endswith(
            "implied conflict preemption remains possible.")
    assert (not result.findings) == bool(result.notes)


def test_each_law_is_split_once(corpus: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The upper law is split once however many lower laws it is set against, each of which is
    split once too (their comparisons use those outlines)."""
    calls: Counter[str] = Counter()
    for name in ("legcompare.preempt", "legcompare.parallel"):
        module = importlib.import_module(name)
        real = module.split

        def counted(document: Document, real: Any = real, **options: Any) -> Outline:
            calls[document.provenance.document] += 1
            return real(document, **options)

        monkeypatch.setattr(module, "split", counted)
    monkeypatch.setenv("LEGCOMPARE_JOBS", "1")
    upper = load(str(corpus / HR4695))
    result = preempt(upper, [load(str(corpus / PEN_832_19)), load(str(corpus / A3712))])
    assert len(calls) == 3 and set(calls.values()) == {1}
    # (as test_hr4695_saves_every_stronger_provision_of_832_19_and_a3712 finds: five of
    # A. 3712's provisions saved, none of § 832.19's)
    assert [f.lower for f in result.findings] == [1] * 5
    assert result.notes[0].startswith("Cal. Penal Code § 832.19: no provision is stronger")
