"""Comparison keys: the guarantees listed in legcompare.normalize."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

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
