"""The regex prefilters (``legcompare.prefilter``) give the answers of the searches they
replace, on the real role patterns, the splitter's patterns and label patterns, the preemption
signals and the covers tables, over the lines and clauses of real texts and over snippets
written to break them."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from legcompare import normalize
from legcompare.assess import values
from legcompare.assess.roles import detect_role, own_text, role_of, role_table, subject_of
from legcompare.assess.rules import load_rules
from legcompare.assess.values import quantities
from legcompare.covers import signals as sig
from legcompare.ingest import load_path
from legcompare.model import Kind, Role
from legcompare.normalize import key
from legcompare.preempt.patterns import patterns as preemption_patterns
from legcompare.prefilter import (
    LINE_START,
    START,
    FirstChar,
    Needles,
    Prefilter,
    filters,
    leading_words,
    lower_for_prefilter,
    plain,
    prefilter,
    quick,
    required_words,
)
from legcompare.split import labels, split
from legcompare.split import patterns as P

TRICKY = [
    "",
    "shall",
    "ſhall not",  # long s: re.IGNORECASE reads it as "s", str.lower does not
    "İS AMENDED",  # dotted capital I: str.lower makes it two characters
    "the Kelvin sign K and ı",
    "SHALL NOT BE CONSTRUED TO PREEMPT",
    "The Secretary may not, under section 5 of",
    "is hereby amended by striking",
    "Be it enacted by the Senate and House of Representatives",
    "TABLE OF CONTENTS",
    "the table of contents of this Act is as follows:",
    "to read as follows:",
    "Nothing in this Act shall be construed to limit",
    "No State or political subdivision of a State may adopt or enforce",
    "only to the extent of the inconsistency",
    "supersedes any State law",
    "no person shall",
    "AS USED IN THIS ARTICLE:",
    "The term “facial recognition” means",
]

CORPUS_FILES = ("us-ny-s4457-2023-original.txt", "us-federal-hr2157-116-enrolled.txt",
                "us-il-bipa-740ilcs14-current.txt", "us-ca-sb1038-2022-introduced.txt",
                "us-federal-hr1-116-reported-house.txt", "us-wa-rcw-43.386-current.txt")


def _patterns() -> list[re.Pattern[str]]:
    out: list[re.Pattern[str]] = []
    for p in role_table().patterns:
        out += [x for x in (p.heading, p.text) if x is not None]
    return out + [P.ENACTING, P.TOC_START, P.QUOTING_INSTRUCTION, P.CROSS_REF_TAIL,
                  P.TERMINAL_TAIL, P.DEFINITION_INTRO] + _preemption_patterns()


def _preemption_patterns() -> list[re.Pattern[str]]:
    """The signal patterns of ``data/preemption.toml`` (``preempt`` and ``covers`` skip those
    whose required words a clause lacks)."""
    return [sp.pattern for sp in preemption_patterns().signals]


def _covers_patterns() -> list[re.Pattern[str]]:
    """The covers tables searched through prefilters (covers/items, conduct, exceptions)."""
    tables = (sig.EXCEPTION_SIGNALS, sig.OVERSIGHT, sig.REMEDIES, sig.ENFORCEMENT)
    return [p for table in tables for _, p in table]


def _check(pattern: re.Pattern[str], texts: list[str]) -> None:
    f = Prefilter(pattern)
    needles = Needles([f, Prefilter(re.compile(r"\bshall\b"))])  # needles of another, too
    for t in texts:
        lowered = lower_for_prefilter(t)
        want = plain(pattern).search(t)  # the pattern as written, without quick's look-ahead
        got = f.search(t, lowered)
        assert (got.span() if got else None) == (want.span() if want else None), (pattern, t)
        assert f.occurs(t, lowered) is (want is not None), (pattern.pattern, t)
        if lowered is not None:  # the needles found in one pass, not one by one
            found = needles.found(lowered)
            assert f.occurs(t, lowered, found) is (want is not None), (pattern.pattern, t)
            # ... and the leading words the automaton knows are tried only where it found them
            assert f.occurs(t, lowered, found, needles.words) is (want is not None), (
                pattern.pattern, t)
        if f.excludes(lowered):
            assert want is None, (pattern.pattern, t)


def test_prefilter_answers_as_the_search_on_tricky_snippets() -> None:
    for pattern in _patterns() + _covers_patterns():
        _check(pattern, TRICKY + [t.upper() for t in TRICKY] + [t + "." for t in TRICKY])


@pytest.mark.corpus
def test_prefilter_answers_as_the_search_on_real_lines_and_clauses(corpus: Path) -> None:
    texts: list[str] = []
    for name in CORPUS_FILES:
        document = load_path(corpus / name)
        texts += document.text.split("\n")
        texts += [" ".join(c.text.split()) for c in split(document).walk()]
    for pattern in _patterns():
        _check(pattern, texts)


@pytest.mark.corpus
def test_covers_tables_answer_as_the_search_on_real_clause_keys(corpus: Path) -> None:
    """covers reads comparison keys (lower case, one space between words): the clauses'."""
    names = (*(n for n in CORPUS_FILES if "hr1-" not in n), "us-ca-pen-832.19-2019-chaptered.txt",
             "us-federal-s3779-119-introduced.txt")
    texts = [key(c.text) for name in names for c in split(load_path(corpus / name)).walk()]
    assert len(texts) > 500
    excluded = 0
    for pattern in _covers_patterns():
        _check(pattern, texts)
        excluded += sum(Prefilter(pattern).excludes(lower_for_prefilter(t)) for t in texts)
    assert excluded > len(_covers_patterns()) * len(texts) * 9 // 10  # most are skipped


@pytest.mark.corpus
def test_added_and_removed_rules_are_excluded_only_where_they_cannot_match(corpus: Path) -> None:
    rules = load_rules(())
    patterns = [r.new for r in rules.of("added") if r.new is not None]
    patterns += [r.old for r in rules.of("removed") if r.old is not None]
    texts = [c.text for name in (CORPUS_FILES[0], CORPUS_FILES[2])
             for c in split(load_path(corpus / name)).walk()]
    excluded = 0
    for pattern in patterns:
        _check(pattern, texts)
        excluded += sum(Prefilter(pattern).excludes(lower_for_prefilter(t)) for t in texts)
    assert excluded > len(patterns) * len(texts) // 2  # the test is worth making


def test_words_read_from_the_pattern() -> None:
    assert required_words(re.compile(r"\bshall\b|\bmust\b", re.I)) == ("must", "shall")
    assert leading_words(re.compile(r"\bshall\b|\bmust\b", re.I)) == ("must", "shall")
    # a word inside: required, but matches do not start with it
    assert required_words(re.compile(r"\bno [^.;:]{1,120}?\b(?:shall|may)\b")) == ("no ",)
    # a match of an anchored alternative starts at the text's start (or a line's, with re.M)
    assert leading_words(re.compile(r"^\s*(?:the )?purpose")) == (START,)
    assert leading_words(re.compile(r"^\s*(?:the )?purpose|\bmay\b", re.M)) == (
        "may", LINE_START)
    assert leading_words(re.compile(r"(?m:^a)|\Ab")) == (LINE_START, START)
    anchored = Prefilter(re.compile(r"^\s*the purpose|^vote:", re.I | re.M))
    for text, found in (("The purpose", True), ("x\n  the purpose", True),
                        ("x the purpose", False), ("vote:\n", True), ("x\n", False),
                        ("x\nvote:", True), ("a vote:", False)):
        assert anchored.occurs(text, text.lower()) is found, text
    assert leading_words(re.compile(r"\s*(?:the )?purpose")) is None
    assert required_words(re.compile(r"^\s*(?:the )?purpose")) == ("purpose",)
    # an empty alternative or a bare class: nothing is required
    assert required_words(re.compile(r"(?:ab|)c")) is None
    assert required_words(re.compile(r"[ab]+")) is None
    assert Prefilter(re.compile(r"[ab]+")).occurs("xxa", "xxa")
    assert not Prefilter(re.compile(r"[ab]+")).excludes("xxx")  # nothing required: never
    shall = Prefilter(re.compile(r"\bshall\b|\bmust\b", re.I))
    assert shall.excludes("it may act") and not shall.excludes("it must act")
    assert not shall.excludes(None)  # a text lower() cannot fold: always searched


def test_texts_with_letters_lower_does_not_fold_are_always_searched() -> None:
    shall = re.compile(r"\bshall\b", re.I)
    assert shall.search("ſhall") is not None
    assert lower_for_prefilter("ſhall") is None
    assert Prefilter(shall).occurs("ſhall", lower_for_prefilter("ſhall"))
    assert Prefilter(re.compile(r"\bis amended\b", re.I)).occurs("İS AMENDED", None)


def test_first_character_test_of_the_label_patterns() -> None:
    containers = FirstChar([p for _, p in labels._CONTAINERS] + [p for _, p in labels._SECTIONS])
    assert containers.known and containers.digits
    assert set("DSTCRPA§") <= containers.chars and "(" not in containers.chars
    assert not containers.may_match("(a) In general", 0)
    assert containers.may_match("٣.٤.٥ ", 0)  # an Arabic-Indic digit is \d
    assert not FirstChar([re.compile("abc", re.I)]).known


@pytest.mark.corpus
def test_label_readers_answer_as_every_pattern_on_real_lines(corpus: Path) -> None:
    for name in CORPUS_FILES:
        for line in load_path(corpus / name).text.split("\n"):
            for text in (line, line.lstrip()):
                found = next((m for _, p in labels._CONTAINERS
                              if (m := p.match(text, 0))), None)
                section = next((m for _, p in labels._SECTIONS
                                if (m := p.match(text, 0))), None)
                assert (labels.read_container(text, 0) is not None) is \
                    (found is not None or section is not None), text
                assert (labels.read_section(text, 0) is not None) is (section is not None), text


def plain_role(kind: Kind, heading: str | None, own: str) -> Role:
    """The first-match loop over the role patterns that the prefiltered ``role_of`` replaced."""
    text = " ".join(own.split())
    for p in role_table().patterns:
        if kind in p.kinds:
            return p.role
        hit = (p.heading is not None and heading and p.heading.search(heading)) or (
            p.text is not None and p.text.search(text))
        if hit and (p.subject is None or subject_of(text) == p.subject):
            return p.role
    return Role.OTHER


@pytest.mark.corpus
@pytest.mark.parametrize(("name", "at_least"), [("us-federal-hr1-116-reported-house.txt", 1000),
                                               ("us-ny-s4457-2023-original.txt", 35),
                                               ("us-ny-a48-2023-original.txt", 100),
                                               ("us-il-bipa-740ilcs14-current.txt", 25)])
def test_roles_unchanged_by_the_prefilter(corpus: Path, name: str, at_least: int) -> None:
    """detect_role, which tries only the patterns whose words occur, against the plain loop."""
    clauses = list(split(load_path(corpus / name)).walk())
    assert len(clauses) > at_least
    assert [detect_role(c) for c in clauses] == [
        plain_role(c.kind, c.heading, own_text(c)) for c in clauses]


@pytest.mark.parametrize(("kind", "heading", "own", "role"), [
    (Kind.SECTION, "Definitions", "In this Act:", Role.DEFINITION),
    (Kind.PARAGRAPH, None, "The agency shall not use it.", Role.PROHIBITION),
    (Kind.PARAGRAPH, "Penalties", "Any person may request a copy.", Role.ENFORCEMENT),
    (Kind.HEADING, "Right of action", "may recover", Role.NON_OPERATIVE),
    (Kind.PARAGRAPH, "", "", Role.OTHER),
    # a character re.IGNORECASE reads as an ASCII letter and str.lower does not (long s): the
    # text, or the heading, is searched with every pattern
    (Kind.PARAGRAPH, None, "The agency \u017fhall report.", Role.OBLIGATION),
    (Kind.PARAGRAPH, "Remedie\u017f", "", Role.REMEDY),
])
def test_role_of_tries_the_patterns_that_can_match(kind: Kind, heading: str | None, own: str,
                                                    role: Role) -> None:
    assert role_of(kind, heading, own) == plain_role(kind, heading, own) == role


@pytest.mark.parametrize(("text", "found"), [
    ("within ten weeks", [("week", "ten weeks")]),
    ("within ten wee\u212as", [("week", "ten wee\u212as")]),  # Kelvin sign: re.I matches "k"
    ("FIVE DOLLARS and 3 PERCENT on MAY 1, 2020",
     [("USD", "FIVE DOLLARS"), ("percent", "3 PERCENT"), ("date", "MAY 1, 2020")]),
    ("$5 by 2020-01-31 or 7%", [("USD", "$5"), ("date", "2020-01-31"), ("percent", "7%")]),
    ("fiscal year 2024", [("date", "fiscal year 2024")]),
    ("The Secretary shall report.", []),
])
def test_quantities_skip_only_patterns_that_cannot_match(text: str,
                                                          found: list[tuple[str, str]]) -> None:
    assert [(q.unit, q.text) for q in quantities(text)] == found


def test_needles_of_no_filter_find_nothing() -> None:
    # a pattern without required words gives no needles; the automaton is then empty
    assert Needles([Prefilter(re.compile(r"\w+")), None]).found("any text") == set()
    assert Needles([Prefilter(re.compile(r"\bshall not\b|\bmay\b"))]).found(
        "it shall not; they may") == {"shall not", "may"}


def test_a_leading_word_the_automaton_knows_and_did_not_find_is_not_looked_for() -> None:
    shall = Prefilter(re.compile(r"\bshall\b", re.I))
    assert shall.leading == ("shall",) and shall.needles == ("shall",)
    text = "The agency shall report."
    lowered = text.lower()
    needles = Needles([shall])
    assert needles.words == {"shall"}
    found = needles.found(lowered)
    assert shall.occurs(text, lowered, found, needles.words)
    # what the automaton says is absent is not searched for again (told "absent" of a text
    # that has it, the answer shows the word was not looked for); a word it does not know is
    report = Prefilter(re.compile(r"\b(?:may|shall) report\b", re.I))
    assert report.needles == (" report",) and report.leading == ("may", "shall")
    assert report.occurs(text, lowered, {" report"}, frozenset({" report"}))
    assert not report.occurs(text, lowered, {" report"}, frozenset({" report", "shall"}))
    assert not shall.occurs(text, lowered, set(), needles.words)


def test_prefilter_is_made_once_per_pattern() -> None:
    shall, may = re.compile(r"\bshall\b", re.I), re.compile(r"\bmay\b", re.I)
    assert prefilter(shall) is prefilter(shall)
    assert prefilter(shall).pattern is shall and prefilter(may).pattern is may


def test_a_pattern_is_parsed_once_for_its_words_its_leading_words_and_its_quick_search(
        monkeypatch: pytest.MonkeyPatch) -> None:
    from legcompare import prefilter as module

    pattern = re.compile(r"\bby\s+striking\s+(?:the\s+)?item", re.I)  # new to this process
    parses: list[str] = []
    real = module._parser.parse

    def counted(text: str, flags: int = 0) -> object:
        parses.append(text)
        return real(text, flags)

    monkeypatch.setattr(module._parser, "parse", counted)
    assert required_words(pattern) == ("striking",)
    assert leading_words(pattern) == ("by",)
    assert quick(pattern) is not pattern  # (behind a look-ahead for "b" and "B", compiled anew)
    assert quick(pattern).search("Section 2 is amended by striking the item").start() == 21
    assert parses.count(pattern.pattern) == 1
    # each reader gets its own list: emptying one leaves the next reader's whole
    module._parsed(pattern).clear()
    assert required_words(pattern) == ("striking",) and parses.count(pattern.pattern) == 1


def test_a_tables_prefilters_are_made_once_and_kept_in_order() -> None:
    for table in (sig.REMEDIES, sig.ENFORCEMENT, sig.OVERSIGHT, sig.EXCEPTION_SIGNALS):
        got = filters(table)
        assert filters(table) is got  # made once
        assert [(v, f.pattern) for v, f in got] == list(table)
        assert all(f is prefilter(p) for (_, f), (_, p) in zip(got, table, strict=True))
    fresh = (("a", re.compile(r"\bshall\b", re.I)), ("b", re.compile(r"\bmay\b", re.I)))
    assert [v for v, _ in filters(fresh)] == ["a", "b"]
    text = "The agency MAY act."
    assert [(v, bool(f.search(text, text.lower()))) for v, f in filters(fresh)] == [
        ("a", False), ("b", True)]


# --- quick: the same matches behind a look-ahead for their first characters ----------------

QUICK_SNIPPETS = [
    *TRICKY,
    "within ten wee\u212as", "\u017fhall", "İS AMENDED",  # what re.IGNORECASE folds to ASCII
    "FIVE DOLLARS and 3 PERCENT on MAY 1, 2020; $5 million by 2020-01-31 or 7%",
    "fiscal year 2024, the ninetieth day, 3rd year, 1,000 days, Form H2 days, 1.5 years",
    "٣ days and ٤٥ percent",  # Arabic-Indic digits are \d
    "Representa- tives", "BIOMETRIC IDENTIFI-\nER", "short- and long-term", "semi-automated",
    "a -- b '' c", "twenty-four hours", "unless the context clearly requires otherwise",
    "takes effect immediately", "shall be repealed when", "it is unlawful for any person to",
]


def _searched_patterns() -> list[re.Pattern[str]]:
    """Every pattern the package searches through :func:`quick`: the amounts and dates, the
    key's hyphen passes, the covers signals and the rules and roles (whose prefilters search
    through it), each as written."""
    found = [values._MONEY, values._PERIOD, values._DATE, values._PERCENT,
             plain(normalize._LINE_BREAK_HYPHEN), plain(normalize._INNER_HYPHEN),
             plain(normalize._DANGLING_HYPHEN)]
    for value in vars(sig).values():
        if isinstance(value, re.Pattern):
            found.append(plain(value))
        elif isinstance(value, tuple):
            found += [p for entry in value if isinstance(entry, tuple)
                      for p in entry if isinstance(p, re.Pattern)]
    for rule in load_rules(()).rules:
        found += [v for v in vars(rule).values() if isinstance(v, re.Pattern)]
    return found + _patterns()


def _same_matches(written: re.Pattern[str], texts: list[str]) -> None:
    faster = quick(written)
    for t in texts:
        assert [(m.span(), m.groups()) for m in faster.finditer(t)] == \
            [(m.span(), m.groups()) for m in written.finditer(t)], (written.pattern, t)


def test_quick_patterns_find_what_they_were_written_to_find_in_snippets() -> None:
    patterns = _searched_patterns()
    # the rules, signals, roles, amounts and hyphens: most of them get the look-ahead
    assert sum(quick(p) is not p for p in patterns) > 150
    texts = QUICK_SNIPPETS + [t.upper() for t in QUICK_SNIPPETS] + [key(t) for t in TRICKY]
    for pattern in patterns:
        _same_matches(pattern, texts)


@pytest.mark.corpus
def test_quick_patterns_find_what_they_were_written_to_find_in_real_clauses(
        corpus: Path) -> None:
    texts: list[str] = []
    for name in ("us-federal-hr2157-116-enrolled.txt", "us-ny-s4457-2023-original.txt",
                 "us-ca-pen-832.19-2019-chaptered.txt", "us-il-bipa-740ilcs14-current.txt"):
        clauses = split(load_path(corpus / name)).walk()
        texts += [t for c in clauses for t in (c.text, key(c.text))]
    assert len(texts) > 900
    for pattern in _searched_patterns():
        _same_matches(pattern, texts)


def test_quick_looks_ahead_only_where_re_does_not() -> None:
    shall = re.compile(r"\bshall\b", re.I)
    assert quick(shall).pattern == r"(?=[s])(?:\bshall\b)"
    assert quick(quick(shall)) is quick(shall) and plain(quick(shall)) is shall
    # a match may start with a digit (\d, any decimal digit) or after an optional part
    assert quick(re.compile(r"\b(?:\d+|ten) days?")).pattern.startswith(r"(?=[t\d])")
    assert quick(re.compile(r"(?<=\w)-?x")).pattern.startswith(r"(?=[\-x])")
    # groups keep their numbers and names
    m = quick(re.compile(r"\b(?P<n>\d+) (days|years)", re.I)).search("in 30 DAYS")
    assert m is not None and m.group("n", 2) == ("30", "DAYS")
    # re looks ahead itself (a literal or a class first, case-sensitive): left as it is
    for same in (r"abc", r"[ab]c", r"''|--+", r" {2,}"):
        assert quick(re.compile(same)).pattern == same
    # first characters not known: a negated class, any character, a match that may be empty,
    # a scoped case flag (the look-ahead would miss "SHALL")
    for unknown in (r"\b[^a]b", r"\b.b", r"\b(?:a|)", r"\b(?i:shall)"):
        assert quick(re.compile(unknown)).pattern == unknown
    # global flags written into the pattern must open it: left alone
    assert quick(re.compile(r"(?i)\bshall")).pattern == r"(?i)\bshall"
    # re.VERBOSE: a closing comment does not swallow the closing parenthesis
    verbose = quick(re.compile(r"\b(shall)  # the modal", re.X))
    assert verbose.search("it shall act").group(1) == "shall"  # type: ignore[union-attr]
