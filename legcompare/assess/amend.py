"""Amending instructions parsed into target, action, struck and inserted text.

``instructions(text)`` finds, in order: "by striking “X” and inserting “Y”" (a replacement),
"by striking “X”" (a deletion), "by inserting “Y” after “X”" / "by adding at the end the
following" (an insertion), "is amended to read" (a restatement) and "is repealed" (a repeal),
each with the words' spans in ``text``. The target is the phrase the instruction hangs on
("in subsection (b)", "Section 832.19 of the Penal Code").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_Q = r"[“\"‘`']{{1,2}}(?P<{name}>[^”\"’']{{0,400}}?)[”\"’']{{1,2}}"
_STRIKE_INSERT = re.compile(
    r"(?:by\s+)?striking\s+" + _Q.format(name="struck") + r"(?:\s+each\s+place\s+[^,;]*?appears)?"
    r"(?:\s+and\s+all\s+that\s+follows\s+through\s+" + _Q.format(name="through") + r")?"
    r"\s+and\s+inserting\s+" + _Q.format(name="inserted"), re.I)
_STRIKE = re.compile(r"(?:by\s+)?striking\s+" + _Q.format(name="struck") +
                     r"(?!\s+(?:each\s+place[^,;]*?appears\s+)?and\s+inserting)", re.I)
_INSERT = re.compile(r"(?:by\s+)?inserting\s+" + _Q.format(name="inserted") +
                     r"\s+(?:after|before)\s+" + _Q.format(name="anchor"), re.I)
_TO_READ = re.compile(r"\bis\s+(?:hereby\s+)?amended\s+to\s+read\s+as\s+follows", re.I)
_REPEALED = re.compile(r"\bis\s+(?:hereby\s+)?repealed\b", re.I)
_TARGET = re.compile(
    r"(?:in\s+)?(?P<target>(?:sub)?(?:section|paragraph|subparagraph|clause|subdivision|item)s?"
    r"\s+[\w().-]+(?:\s+of\s+[^,;—]+?)?)\s*(?:[,—-]|\bby\b)", re.I)


@dataclass(frozen=True)
class Instruction:
    """One amending instruction."""

    action: str  # "replace", "strike", "insert", "restate", "repeal"
    target: str | None
    struck: str | None
    inserted: str | None
    struck_span: tuple[int, int] | None
    inserted_span: tuple[int, int] | None
    span: tuple[int, int]


def instructions(text: str) -> list[Instruction]:
    """Every amending instruction in ``text``, in order (see the module docstring)."""
    found: list[Instruction] = []
    taken: list[tuple[int, int]] = []
    for m in _STRIKE_INSERT.finditer(text):
        found.append(Instruction("replace", _target(text, m.start()), m.group("struck"),
                                 m.group("inserted"), m.span("struck"), m.span("inserted"),
                                 m.span()))
        taken.append(m.span())
    for m in _STRIKE.finditer(text):
        if not _inside(m.span(), taken):
            found.append(Instruction("strike", _target(text, m.start()), m.group("struck"), None,
                                     m.span("struck"), None, m.span()))
    for m in _INSERT.finditer(text):
        if not _inside(m.span(), taken):
            found.append(Instruction("insert", _target(text, m.start()), None,
                                     m.group("inserted"), None, m.span("inserted"), m.span()))
    for pattern, action in ((_TO_READ, "restate"), (_REPEALED, "repeal")):
        for m in pattern.finditer(text):
            found.append(Instruction(action, _target(text, m.start()), None, None, None, None,
                                     m.span()))
    return sorted(found, key=lambda i: i.span)


def _inside(span: tuple[int, int], spans: list[tuple[int, int]]) -> bool:
    return any(a <= span[0] and span[1] <= b for a, b in spans)


def _target(text: str, at: int) -> str | None:
    """The nearest "in subsection (b)" before the instruction, if any."""
    before = text[max(0, at - 200):at]
    matches = list(_TARGET.finditer(before))
    return " ".join(matches[-1].group("target").split()) if matches else None
