"""Comparison keys: the guarantees listed in legcompare.normalize."""

from __future__ import annotations

import re
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from legcompare import normalize as N
from legcompare.normalize import fold, key


def test_spaces_quotes_dashes_and_case_fold() -> None:
    text = "  The\u00a0term ‘‘Commission’’ — means\u2009X "
    assert key(text) == "the term \"commission\" - means x"
    assert key("“Biometric data”") == key('"BIOMETRIC DATA"')
    assert key("the State's law") == key("the State’s law")


def test_line_end_hyphenation_and_inner_hyphens_are_joined() -> None:
    assert key("BIOMETRIC IDENTIFI-\n ER") == "biometric identifier"
    assert key("SEMI-\nAUTOMATED") == key("semi-automated") == "semiautomated"
    assert key("Representa- tives") == "representatives"
    assert key("short- and long-term") == "short- and longterm"
    assert key("section 676-b") == "section 676-b"  # digits keep their hyphen


def test_readable_joins_words_broken_at_a_line_end_and_nothing_else() -> None:
    assert N.readable("BIOMETRIC IDENTIFI-\nER  MEANS") == "BIOMETRIC IDENTIFIER MEANS"
    assert N.readable("destruction guide- \r\n   lines.") == "destruction guidelines."
    assert N.readable("non\u2010\n profit") == "nonprofit"
    # not a broken word: a suspended hyphen, a number after the break, a hyphen on one line
    assert N.readable("short- and\nlong-term") == "short- and long-term"
    assert N.readable("Representa-\n2 tives") == "Representa- 2 tives"
    assert N.readable("section 676-\nb") == "section 676- b"
    assert N.readable("  one\tline  ") == "one line"
    # a run of breaks; a soft hyphen always breaks a word
    assert N.readable("SUR-\nVEIL-\nLANCE") == "SURVEILLANCE"
    assert N.readable("bio\u00ad\nmetric") == "biometric"
    # the word's own hyphen: a number, or a compound the page prints with it on one line
    assert N.readable("TWENTY-\nFIVE DAYS") == "TWENTY-FIVE DAYS"
    page = "a third-party vendor ... any THIRD-\nPARTY service; a tech-\nnology"
    assert N.readable(page[page.index("..."):], page) == "... any THIRD-PARTY service; a technology"
    assert N.readable(page[page.index("..."):]) == "... any THIRDPARTY service; a technology"
    # what it reads agrees with the key
    assert key(N.readable("IDENTI-\nFIERS")) == key("IDENTI-\nFIERS") == "identifiers"


def test_invisible_characters_removed_and_nfc() -> None:
    assert key("bio\u00admetric\u200b data") == "biometric data"
    assert key("e\u0301") == key("\u00e9")


def test_origin_maps_back_into_the_text() -> None:
    text = "  (a) “Term”\u00a0means—"
    f = fold(text, base=100)
    assert f.key == '(a) "term" means-'
    assert len(f.origin) == len(f.key) + 1
    assert f.origin[0] == 102  # "(" at offset 2, plus the base
    assert text[f.origin[f.key.index("m") ] - 100] == "m"


@given(st.text())
def test_key_is_idempotent(s: str) -> None:
    assert key(key(s)) == key(s)


@given(st.text())
def test_origin_is_monotone_and_in_range(s: str) -> None:
    f = fold(s)
    assert len(f.origin) == len(f.key) + 1
    assert all(0 <= o <= len(s) for o in f.origin)
    assert list(f.origin) == sorted(f.origin)


@given(st.text())
def test_fast_key_equals_the_folded_key(s: str) -> None:
    assert key(s) == fold(s).key


@given(st.text(alphabet=st.sampled_from("aA-\n ’'“\u00ad\u200bß\u0301İeé1")))
def test_fast_key_equals_the_folded_key_on_tricky_characters(s: str) -> None:
    assert key(s) == fold(s).key


def _fold_by_clusters(s: str) -> tuple[str, list[int]]:
    """The character stage of ``fold`` done cluster by cluster (the slow, obvious way)."""
    chars: list[str] = []
    origin: list[int] = []
    for i, cluster in N._clusters(s):
        for out in N._fold_cluster(cluster):
            chars.append(out)
            origin.append(i)
    return "".join(chars), origin


@given(st.text(alphabet=st.sampled_from("aAbK\u212aß\ufb01İ’“—\t\n\r 1é\u0301\u00ad\u1100\uac00")))
def test_character_stage_by_table_equals_cluster_by_cluster(s: str) -> None:
    # "ß" and "ﬁ" fold to two characters, "İ" to two, U+0301 and the soft hyphen join the
    # character before them: the table is used only when nothing joins.
    assert N._fold_characters(s) == _fold_by_clusters(s)


@given(st.text())
def test_character_stage_by_table_equals_cluster_by_cluster_on_any_text(s: str) -> None:
    assert N._fold_characters(s) == _fold_by_clusters(s)


_COMPOUND_REFERENCE = re.compile(r"[^\W\d_]+-[^\W\d_]+")


def _reference_compounds(page: str) -> frozenset[str]:
    return frozenset(m.group(0).casefold() for m in _COMPOUND_REFERENCE.finditer(page))


def test_compounds_are_the_reference_patterns_matches() -> None:
    N._compounds.cache_clear()
    for page in ("A-B-C x-y-z-w ab-cd-ef -x y- é-ü 1a-b 2-3 a_b-c " + "x" * 200 + "-y",
                 "THIRD-PARTY VENDOR, NON-ELECTRONIC AND/OR COMPUT-\n ERIZED", "", "-", "a-"):
        assert N._compounds(page) == _reference_compounds(page), page
    assert N._compounds("A-B-C x-y-z-w") == {"a-b", "x-y", "z-w"}


@given(st.text(alphabet="ab1 -_é\n", max_size=60))
def test_compounds_are_the_reference_patterns_matches_on_any_text(page: str) -> None:
    assert N._compounds.__wrapped__(page) == _reference_compounds(page)


def test_compounds_of_every_corpus_text_are_the_reference_patterns_matches(corpus: Path) -> None:
    for path in sorted(corpus.glob("*.txt")):
        page = path.read_text(encoding="utf-8")
        assert N._compounds.__wrapped__(page) == _reference_compounds(page), path.name
