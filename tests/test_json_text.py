"""``json_text.dumps`` writes what ``json.dumps(obj, ensure_ascii=False, indent=2)`` does."""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from legcompare.compare import compare
from legcompare.ingest import load_path
from legcompare.render import json_text
from legcompare.render.diff_json import diff_json


def _reference(obj: Any) -> str:
    return json.dumps(obj, ensure_ascii=False, indent=2)


EDGES: list[Any] = [
    {}, [], (), "", 0, -1, 10**30, 1.5, -0.0, 1e-320, 1e300, math.inf, -math.inf, True, False, None,
    {"a": [], "b": {}, "c": [{}], "d": [[[]]]},
    {"quote\"back\\slash\nnew\ttab\x00nul\u2028ls\ud800": "é—“”\U0001F600"},
    {7: "int key", 2.5: "float key", True: "bool key", False: "no", None: "none key"},
    [1, [2, [3, [4, [5, [6, [7, [8]]]]]]]],
    list(range(40)),
    (1, (2, 3), [4]),
]


@pytest.mark.parametrize("obj", EDGES, ids=lambda o: repr(o)[:30])
def test_edge_cases_match_json(obj: Any) -> None:
    assert json_text.dumps(obj) == _reference(obj)


def test_deep_nesting_beyond_the_indent_cache_matches_json() -> None:
    obj: Any = "leaf"
    for _ in range(40):
        obj = {"k": [obj]}
    assert json_text.dumps(obj) == _reference(obj)


def test_nan_is_written_as_json_writes_it() -> None:
    assert json_text.dumps([math.nan]) == _reference([math.nan]) == "[\n  NaN\n]"


def test_subclasses_of_str_int_dict_list_are_written_as_their_base() -> None:
    class S(str):
        pass

    class I(int):  # noqa: E742 - a name as short as the others
        pass

    class D(dict[str, Any]):
        pass

    class L(list[Any]):
        pass

    obj = D(a=L([S("x"), I(3)]))
    assert json_text.dumps(obj) == _reference(obj)


def test_what_json_cannot_encode_raises_type_error() -> None:
    with pytest.raises(TypeError):
        json_text.dumps({"a": object()})
    with pytest.raises(TypeError):
        json_text.dumps({(1, 2): "tuple key"})


_scalars = (st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False)
            | st.text())
_json = st.recursive(_scalars, lambda inner: st.lists(inner, max_size=4)
                     | st.dictionaries(st.text(max_size=5), inner, max_size=4), max_leaves=25)


@settings(max_examples=300, deadline=None)
@given(_json)
def test_any_json_value_matches_json(obj: Any) -> None:
    assert json_text.dumps(obj) == _reference(obj)


_finite = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text()
    | st.floats(allow_nan=False, allow_infinity=False),
    lambda inner: st.lists(inner, max_size=4) | st.tuples(inner, inner)
    | st.dictionaries(st.text(max_size=5), inner, max_size=4), max_leaves=25)


@settings(max_examples=500, deadline=None)
@given(_finite)
def test_a_report_of_finite_floats_is_jsons_text(obj: Any) -> None:
    assert json_text.report(obj) == (_reference(obj) + "\n").encode()


@pytest.mark.parametrize("obj", [
    [1e-05], [-8.743222805756666e-06], {"x": 5e-324}, [0.00001234], [0.0001, 0.5, 1e16, 1e300],
    [10**30], {7: "int key"}, {"s": "the 2e-mail, 0.0000 in a string"},
    [True, False, None, -0.0, 0.0],
], ids=repr)
def test_a_report_falls_back_where_orjson_differs(obj: Any) -> None:
    assert json_text.report(obj) == (_reference(obj) + "\n").encode()


def test_a_report_with_a_lone_surrogate_is_refused_as_utf8_refuses_it() -> None:
    # orjson declines it; the pure way writes json's text, which UTF-8 cannot hold
    assert json_text.dumps(["lone \ud800"]) == _reference(["lone \ud800"])
    with pytest.raises(UnicodeEncodeError):
        json_text.report(["lone \ud800"])


def test_a_report_writes_small_floats_the_pure_way() -> None:
    # orjson writes 1e-05 as 0.00001: the check must send this text the pure way.
    assert json_text.report([1e-05]) == b"[\n  1e-05\n]\n"
    assert not json_text._unsure(json_text.report({"a": [0.25, 12]}))
    # the check reads orjson's UTF-8 bytes: a number's digits are ASCII
    assert json_text._unsure(b"[8.7e-6]") and json_text._unsure(b"[0.00001]")
    assert not json_text._unsure("[\"\u00b2e-\"]".encode())  # superscript two: not a number
    # "e-" after a letter is no exponent; one after a digit is, wherever it stands
    assert not json_text._unsure(b'["re-enter", "e-mail", "-1"]')
    assert json_text._unsure(b'["re-enter", 3e-7]') and json_text._unsure(b"7e-")


def test_every_similarity_rounded_to_four_places_is_written_as_json_writes_it() -> None:
    # what report(..., rounded=True) vouches for: orjson's text is taken unsearched
    values = {"similarity": [round(k / 10_000, 4) for k in range(10_001)],
              "more": [round(x, 4) for x in (1 / 3, 2 / 3, 0.00005, 0.000049, 0.99995)]}
    assert json_text.report(values, rounded=True) == (_reference(values) + "\n").encode()
    assert b"0.0001," in json_text.report(values, rounded=True)  # the smallest, not "1e-4"


@pytest.mark.parametrize("obj", [
    {"a": [1e-05]}, {"s": "§ 2—the 2e-mail"}, {"big": 10**30}, {"pairs": [], "x": 0.25},
], ids=repr)
def test_a_report_is_json_text_and_a_newline(obj: dict[str, Any]) -> None:
    assert json_text.report(obj) == (_reference(obj) + "\n").encode()  # bytes, as written


def test_a_real_diff_report_is_the_bytes_json_would_write(corpus: Path) -> None:
    old = load_path(corpus / "us-ny-s4457-2023-original.txt")
    new = load_path(corpus / "us-ny-s4457a-2024-amended.txt")
    text = diff_json(compare(old, new), {})
    assert text == (_reference(json.loads(text)) + "\n").encode()
    assert len(text) > 100_000
