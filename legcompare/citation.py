"""Pinpoint citations in each jurisdiction's form.

``Cal. Penal Code § 832.19(a)(3)(A)``, ``N.Y. Gen. Bus. Law § 676-b(1)``,
``H.R. 2157, 116th Cong. § 2(b)``, ``S. 4457 § 1 (adding N.Y. Gen. Bus. Law § 676-b(1))``,
``740 ILCS 14/15(a)``, ``S.F. Admin. Code § 19B.2(a)``.

A citation is built from the path of clauses from the root: containers (division, title ...)
name themselves (``div. B, tit. II``) only when no section is cited below them or when section
numbers restart (omnibus bills); enumerations print as ``(x)`` whatever their printed form.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TypeVar

from .model import CitationForm, Kind

_CONTAINER_ABBREV: dict[Kind, str] = {
    Kind.DIVISION: "div.",
    Kind.TITLE: "tit.",
    Kind.SUBTITLE: "subtit.",
    Kind.CHAPTER: "ch.",
    Kind.SUBCHAPTER: "subch.",
    Kind.PART: "pt.",
    Kind.SUBPART: "subpt.",
    Kind.ARTICLE: "art.",
}


@dataclass(frozen=True)
class Step:
    """One clause on the path from the root, as the citation renderer sees it."""

    kind: Kind
    value: str  # the label's value as printed ("a", "676-B", "II"), "" if unlabeled
    heading: str | None = None
    ordinal: int = 0  # for unlabeled blocks and provisos: 1, 2, 3 within the parent
    code_section: bool = False
    under: tuple[str, ...] = ()
    """For an unlabeled block or heading: the headings it is printed under
    (:func:`headings_over`)."""


APPROPRIATING = frozenset({Kind.TITLE, Kind.DIVISION})
"""What an appropriations act prints its accounts in, under headings (see
:func:`headings_over`)."""

_N = TypeVar("_N")


def headings_under(kind: Kind, children: Sequence[_N],
                   entry: Callable[[_N], tuple[Kind, str | None]]) -> list[tuple[str, ...]]:
    """For each of the ``children`` of a clause of this ``kind``, the headings it is printed
    under: :func:`headings_over` of their ``entry`` (kind, heading) in a title or a division
    (:data:`APPROPRIATING`), none elsewhere (where nothing is read)."""
    if kind not in APPROPRIATING:
        return [()] * len(children)
    return headings_over([entry(c) for c in children])


def headings_over(children: Sequence[tuple[Kind, str | None]]) -> list[tuple[str, ...]]:
    """For each of a clause's children (``(kind, heading)``), the headings an unlabeled block
    among them is printed under, as an appropriations act names its accounts: the last agency
    or bureau named above it (a heading with capitals: "Farm Service Agency"), the accounts
    named in lower case (small capitals as printed) right above it, and its own heading:
    "Farm Service Agency, emergency forest restoration program". An account heading above an
    earlier paragraph is that paragraph's. A paragraph's own heading with capitals names an
    agency or an account ("Commodity Futures Trading Commission For necessary expenses ...",
    "Science and Technology For an additional amount ..."): it goes under the headings right
    above it, if any, and a paragraph after it with no heading is not taken to be under the
    agency named before. A section or other provision ends what the headings above it name.
    An account's heading is under the headings above it too (H.R. 264's title V has ten
    headings "salaries and expenses"). ``()`` for any other child, or a block under no
    heading."""
    out: list[tuple[str, ...]] = []
    agency: str | None = None
    accounts: list[str] = []
    fresh = False  # headings, and no paragraph, since the last provision
    for kind, heading in children:
        # ("(including transfer of funds)" names nothing: it says what the paragraph does)
        named = heading if heading and not heading.startswith("(") else None
        capital = named is not None and not named[0].islower()  # an agency's, or an account's
        if kind is Kind.HEADING:
            if capital:
                out.append(())
                agency, accounts = named, []
            elif heading:  # an account's, or "(including ...)", under the agency's
                out.append(_present(agency, *accounts))
                accounts += [named] if named else []
            else:
                out.append(())
            fresh = True
        elif kind is Kind.BLOCK:
            if named and capital and not fresh:
                out.append((named,))
            else:
                out.append(_present(agency, *accounts, named))
            agency = None if capital else agency
            accounts, fresh = [], False
        else:
            out.append(())
            agency, accounts, fresh = None, [], False
    return out


def _present(*names: str | None) -> tuple[str, ...]:
    return tuple(n for n in names if n)


def cite(form: CitationForm | None, fallback: str, path: Sequence[Step],
         quoted: tuple[str, str, CitationForm | None] | None = None,
         outer: Sequence[Step] = ()) -> str:
    """The citation of the clause at the end of ``path``.

    ``quoted`` is (action, target prefix, target form) for matter quoted into another law,
    where ``outer`` is the path to the amending clause: ``S. 4457 § 1 (adding N.Y. Gen. Bus. Law
    § 676-b(1))``.
    """
    if quoted is not None:
        action, _target, qform = quoted
        inner = _render(qform or CitationForm("code", ""), "", path)
        return f"{_render(form, fallback, outer)} ({action} {inner})".rstrip()
    return _render(form, fallback, path)


def place(designations: Sequence[tuple[str, str]]) -> list[Step]:
    """The path to a place an amending instruction names in a law, from
    :meth:`~legcompare.quoted_matter.QuotedTarget.designations`: ``("section", "9033")`` is the code
    section, ``("pin", "b")`` the ``(b)`` below it."""
    return [Step(Kind.SECTION, value, code_section=True) if what == "section" else
            Step(Kind.PARAGRAPH, value) for what, value in designations]


def quoted_matter(quoting: str, action: str, law: str | None) -> str:
    """The citation of matter quoted into another law, taken whole: the quoting clause's
    citation, then what it does to which law (``S. 4457 § 1 (adding N.Y. Gen. Bus. Law)``), or
    ``(quoted matter)`` when the law's citation form is not known (``law``: its prefix, as the
    quoted clauses are cited). Not the quoting clause's citation alone: the quoted matter has
    no text of its own, and a report would show a second, empty row under that citation."""
    law = (law or "").rstrip(" ,")  # "Mass. Gen. Laws ch. 90," is cited on with "§ 7D"
    return f"{quoting} ({action} {law})" if law else f"{quoting} (quoted matter)"


def _render(form: CitationForm | None, fallback: str, path: Sequence[Step]) -> str:
    """Containers, then ``§ section``, then each step in order; enumerations attach as ``(x)``.

    Containers above a cited section are dropped (section numbers are unique within a bill),
    except divisions, whose sections restart at 1 in omnibus bills.
    """
    parts = start(form)
    for step in path:
        parts = extend(form, parts, step)
    return render(form, fallback, parts)


Parts = tuple[str, ...]
"""A path's citation in pieces (``("div. B", "§ 2(a)(1)")``): :func:`start`, then
:func:`extend` by each step, then :func:`render`. A tree's citations are made this way one
step from their parent's, not from the root for every clause."""


def start(form: CitationForm | None) -> Parts:
    """The parts of the empty path."""
    # A document that is one section ("7 U.S.C. § 136v") takes its pinpoints directly.
    return ("",) if form is not None and form.style == "section" else ()


def extend(form: CitationForm | None, parts: Parts, step: Step) -> Parts:
    """The parts of a path one ``step`` longer than the path of ``parts``."""
    if step.kind is Kind.SECTION:
        lower = form.lowercase_letters if form else False
        number = step.value.lower() if (lower and step.code_section) else step.value
        kept = tuple(p for p in parts if p.startswith("div."))
        if form is not None and form.separator == "/":
            return (*kept, f"/{number}")
        return (*kept, f"§ {number}")
    if step.kind in _CONTAINER_ABBREV:
        return (*parts, f"{_CONTAINER_ABBREV[step.kind]} {step.value}".strip())
    if step.kind is Kind.QUOTED:
        return parts
    if step.value:
        lower = form.lowercase_letters if form else False
        pin = f"({step.value.lower() if lower else step.value})"
        if parts and parts[-1].endswith(_DESCRIBED):  # "§ 608, 3rd proviso (1)"
            pin = " " + pin
        return (*parts[:-1], parts[-1] + pin) if parts else (pin,)
    return (*parts, _unnumbered(step))


def render(form: CitationForm | None, fallback: str, parts: Parts) -> str:
    """The citation whose parts are ``parts``. A first ``(x)`` attaches to a bill or a section
    (``H.B. 1339(1)``, ``42 U.S.C. § 1308(g)``), never to a law's name (``Bipartisan Budget
    Act of 2018, (2)(K)``, not ``... of 2018(2)(K)``, which reads as a section 2018)."""
    out = form.prefix if form else fallback
    # (a code's prefix may itself name the section: "42 U.S.C. § 1308")
    attach = form is None or form.style != "code" or "§" in form.prefix
    for i, part in enumerate(parts):
        if part.startswith("/") or (i == 0 and attach and part.startswith("(")) or not part:
            out += part
        elif not out:
            out = part
        elif part.startswith("§") and i == 0:
            out += " " + part
        else:
            out += ", " + part
    return out.strip()


_DESCRIBED = ("proviso", "”", "heading", "table of contents", "front matter", "enacting clause",
              "history note", "flush language")
"""How the parts :func:`_unnumbered` describes end: a designation after one is spaced off."""


def _unnumbered(step: Step) -> str:
    if step.kind is Kind.FRONT:
        return "enacting clause" if step.heading == "enacting" else "front matter"
    if step.kind is Kind.TOC:
        return "table of contents"
    if step.kind is Kind.PROVISO:
        return f"{_ordinal(step.ordinal)} proviso"
    if step.kind is Kind.HISTORY:
        return "history note"
    if step.kind is Kind.HEADING:
        return ", ".join((*step.under, f"heading “{step.heading}”" if step.heading else "heading"))
    if step.kind is Kind.BLOCK:
        # flush text is cited as such, not as a paragraph it is not ("§ 803(a), flush language")
        if step.heading == "continuation":
            return "flush language"
        # an appropriation by the headings it is printed under ("tit. I, Farm Service Agency,
        # emergency forest restoration program, ¶ 2"): a reader finds it by them
        return ", ".join((*step.under, f"¶ {step.ordinal}"))
    if step.heading:
        return f"definition of “{step.heading}”"
    return str(step.kind.value)


class Repeats:
    """Citations told apart as they are given, in document order: a designation the text
    prints more than once (H.R. 1's two paragraphs "(3)" of § 5101(f), Springfield's two runs
    "A.", "B.") is told apart by where it stands, as its id is by ``~2``. ``repeats(cited)`` is
    ``cited`` the first time it is given and, given again, ``cited`` with its ordinal: ``H.R. 1,
    116th Cong., div. B, § 5101(f)(3) (2nd)``."""

    def __init__(self) -> None:
        self._given: dict[str, int] = {}

    def __call__(self, cited: str) -> str:
        n = self._given[cited] = self._given.get(cited, 0) + 1
        return cited if n == 1 else f"{cited} ({_ordinal(n)})"


def _ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


# Laws that bills amend, by the name the amending instruction uses, per jurisdiction.
_LAW_ABBREVIATIONS: dict[str, dict[str, str]] = {
    "us-ny": {
        "general business law": "N.Y. Gen. Bus. Law",
        "executive law": "N.Y. Exec. Law",
        "multiple dwelling law": "N.Y. Mult. Dwell. Law",
        "multiple residence law": "N.Y. Mult. Resid. Law",
        "civil rights law": "N.Y. Civ. Rights Law",
        "criminal procedure law": "N.Y. Crim. Proc. Law",
        "penal law": "N.Y. Penal Law",
        "public officers law": "N.Y. Pub. Off. Law",
        "state technology law": "N.Y. State Tech. Law",
        "education law": "N.Y. Educ. Law",
        "labor law": "N.Y. Lab. Law",
        "real property law": "N.Y. Real Prop. Law",
    },
    "us-va": {
        "Code of Virginia": "Va. Code Ann.",
    },
    "us-ca": {
        "Penal Code": "Cal. Penal Code",
        "Civil Code": "Cal. Civ. Code",
        "Government Code": "Cal. Gov. Code",
        "Vehicle Code": "Cal. Veh. Code",
    },
}


# Federal laws cited by their codification, whoever amends them.
_CODIFIED: dict[str, str] = {
    "Internal Revenue Code of 1986": "26 U.S.C.",
}


def law_form(law: str, document: object) -> CitationForm | None:
    """How to cite the law an amending instruction names (``None`` when it names none)."""
    law = " ".join(law.split())
    if not law:
        return None
    if law in _CODIFIED:  # "section 9035 of the Internal Revenue Code of 1986": 26 U.S.C. § 9035
        return CitationForm("code", _CODIFIED[law])
    chapter = re.fullmatch(r"Chapter (\d+[A-Z]?) of the General Laws", law)
    if chapter:  # Massachusetts
        return CitationForm("code", f"Mass. Gen. Laws ch. {chapter.group(1)},")
    jurisdiction = getattr(getattr(document, "provenance", None), "jurisdiction", "")
    table = next((t for j, t in _LAW_ABBREVIATIONS.items()
                  if jurisdiction == j or jurisdiction.startswith(j + "-")), {})
    prefix = table.get(law) or table.get(law.lower()) or law[0].upper() + law[1:]
    return CitationForm("code", prefix, lowercase_letters=jurisdiction.startswith("us-ny"))
