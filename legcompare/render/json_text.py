"""``json.dumps(obj, ensure_ascii=False, indent=2)``, the same text, several times faster.

The standard library encodes with its C encoder only when there is no indentation; with
``indent`` every value goes through a pure-Python generator per value, which is most of the time
``legcompare diff --format json`` spends on a long bill. :func:`dumps` writes the same text with
one direct recursion, strings through the standard library's own string encoder (its C version
where available), numbers through ``int.__repr__`` and ``float.__repr__`` as ``json`` does.

Same output as ``json.dumps(obj, ensure_ascii=False, indent=2)`` for what ``json`` can encode
(dicts with keys of str, int, float, bool or None; lists, tuples, str, int, float, bool, None and
their subclasses); anything else raises ``TypeError`` as ``json`` does. Circular structures are
not detected (``json`` raises ``ValueError``; this recursion would hit the recursion limit).
``tests/test_json_text.py`` checks the equality on real comparisons and on edge cases.

A report (:func:`report`, every float in it finite) comes from orjson's C encoder when orjson
writes the same text (ten times faster on a long bill's report), as the UTF-8 bytes written:
orjson writes NaN and infinities as ``null`` (hence finite floats only) and floats below 1e-4
without ``json``'s exponent padding (``1e-5``, not ``1e-05``), so a text with such a number
goes the pure way; so does anything orjson declines (integers beyond 64 bits, keys that are not
strings, lone surrogates, which UTF-8 cannot hold either).
"""

from __future__ import annotations

import json
import re
from json.encoder import encode_basestring
from typing import Any

import orjson

_INDENT = "  "
_INF = float("inf")


def report(data: dict[str, Any], *, rounded: bool = False) -> bytes:
    """A JSON report as it is written: ``json.dumps(data, ensure_ascii=False, indent=2)`` and
    a final newline, in UTF-8. Reports hold no NaN or infinite float (their only floats are
    similarities, ratios of lengths), so orjson may write them (see the module doc); its bytes
    are the report (a 10 MB bill's 90 MB report is not decoded, copied and encoded again).

    ``rounded``: the caller vouches that every float in ``data`` is a number from 0 to 1
    rounded to four places (a similarity), which orjson writes as ``json`` does ("0.0",
    "0.0001", "0.5", "1.0": ``tests/test_json_text.py`` checks all 10,001), so its text need not
    be searched for a number written otherwise (a tenth of a second on a 90 MB report)."""
    try:
        raw = orjson.dumps(data, option=orjson.OPT_INDENT_2 | orjson.OPT_APPEND_NEWLINE)
    except TypeError:  # orjson.JSONEncodeError: what it declines, the pure way writes
        pass
    else:
        if rounded or not _unsure(raw):
            return raw
    return (dumps(data) + "\n").encode()


def _unsure(raw: bytes) -> bool:
    """Might orjson's text ``raw`` hold a number ``json`` writes otherwise: one below 1e-4,
    with or without an exponent ("0.00001", "8.7e-6")? A false alarm inside a string (a digit
    before "e-") only sends the text the pure way. (Searched in the UTF-8 bytes: numbers are
    ASCII, and a search there is several times faster than in the decoded text.)"""
    return b"0.0000" in raw or _EXPONENT.search(raw) is not None


_EXPONENT = re.compile(rb"-(?<=[0-9]e-)")
"""A negative exponent after a digit. (Searched from its "-": "e" is the commonest letter, and a
search for "e-" stops at each; this one is about three times faster on a 90 MB report.)"""


def dumps(obj: Any) -> str:
    """``json.dumps(obj, ensure_ascii=False, indent=2)``."""
    if isinstance(obj, str):
        return str(encode_basestring(obj))
    out: list[str] = []
    _value(obj, out, 0)
    return "".join(out)


def _float(o: float) -> str:
    if o != o:
        return "NaN"
    if o == _INF:
        return "Infinity"
    if o == -_INF:
        return "-Infinity"
    return float.__repr__(o)


def _scalar(o: Any) -> str | None:
    """The text of a scalar value, or ``None`` when ``o`` is a container (the order of the
    tests is ``json``'s: ``bool`` before ``int``)."""
    if isinstance(o, str):
        return str(encode_basestring(o))
    if o is None:
        return "null"
    if o is True:
        return "true"
    if o is False:
        return "false"
    if isinstance(o, int):
        return int.__repr__(o)
    if isinstance(o, float):
        return _float(o)
    return None


def _key(k: Any) -> str:
    """A dict key as ``json`` writes it: a string, or the text of a scalar key quoted."""
    if isinstance(k, str):
        return str(encode_basestring(k))
    text = _scalar(k)
    if text is None:
        raise TypeError(
            f"keys must be str, int, float, bool or None, not {k.__class__.__name__}")
    return str(encode_basestring(text))


def _newline(depth: int) -> str:
    """A newline and the indentation of ``depth``."""
    while depth >= len(_NEWLINES):
        _NEWLINES.append("\n" + _INDENT * len(_NEWLINES))
    return _NEWLINES[depth]


_NEWLINES = ["\n" + _INDENT * i for i in range(32)]


def _value(o: Any, out: list[str], depth: int) -> None:
    """Append the text of ``o``, a value ``depth`` containers deep."""
    kind = type(o)
    if kind is dict:
        _dict(o, out, depth)
    elif kind is list or kind is tuple:
        _list(o, out, depth)
    elif kind is str:
        out.append(encode_basestring(o))
    else:
        text = _scalar(o)
        if text is not None:
            out.append(text)
        elif isinstance(o, (list, tuple)):
            _list(o, out, depth)
        elif isinstance(o, dict):
            _dict(o, out, depth)
        else:
            json.dumps(o)  # json's own TypeError for what it cannot encode
            raise TypeError(f"Object of type {o.__class__.__name__} is not JSON serializable")


def _list(o: list[Any] | tuple[Any, ...], out: list[str], depth: int) -> None:
    if not o:
        out.append("[]")
        return
    inner = _NEWLINES[depth + 1] if depth + 1 < len(_NEWLINES) else _newline(depth + 1)
    separator = "," + inner
    append = out.append
    pending = "[" + inner  # what goes before the next item
    for item in o:
        kind = type(item)
        if kind is str:
            append(pending + encode_basestring(item))
        elif kind is int:
            append(pending + int.__repr__(item))
        else:
            append(pending)
            _value(item, out, depth + 1)
        pending = separator
    append(_newline(depth) + "]")


def _dict(o: dict[Any, Any], out: list[str], depth: int) -> None:
    if not o:
        out.append("{}")
        return
    inner = _NEWLINES[depth + 1] if depth + 1 < len(_NEWLINES) else _newline(depth + 1)
    separator = "," + inner
    append = out.append
    pending = "{" + inner
    for k, v in o.items():
        head = pending + (encode_basestring(k) if type(k) is str else _key(k)) + ": "
        kind = type(v)
        if kind is str:
            append(head + encode_basestring(v))
        elif v is None:
            append(head + "null")
        elif kind is bool:
            append(head + ("true" if v else "false"))
        elif kind is int:
            append(head + int.__repr__(v))
        elif kind is float:
            append(head + _float(v))
        else:
            append(head)
            _value(v, out, depth + 1)
        pending = separator
    append(_newline(depth) + "}")
