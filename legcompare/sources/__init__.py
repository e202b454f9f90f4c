"""Source ids: how a text is named at its official source (``govinfo:116/hr/2157@ih``).

:func:`parse_source_id` guarantees that a :class:`SourceId` it returns is canonical (lower
case, no leading zeros), so ``str(sid)``, the govinfo package name and the store reference
are all derived from it alone. One module per source fetches the bytes (:mod:`.govinfo`,
:mod:`.web` for any http(s) URL; for the states :mod:`.legiscan`, :mod:`.openstates` and
:mod:`.leginfo`, whose ids :func:`parse_state_id` reads), all through the one client of
:mod:`.http`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..errors import FetchError

if TYPE_CHECKING:
    from .leginfo import LeginfoId
    from .legiscan import LegiScanId
    from .openstates import OpenStatesId

__all__ = ["BILL_TYPES", "FEDERAL", "STATE_SOURCES", "SourceId", "base_url_variable", "is_url",
           "parse_source_id", "parse_state_id", "xml_vocabulary"]

STATE_SOURCES = ("legiscan", "openstates", "leginfo")
"""The state sources, by the name their base URL is set under (``[sources.<name>]``)."""


def base_url_variable(name: str) -> str:
    """The environment variable that sets a source's base URL: ``LEGCOMPARE_LEGISCAN_BASE_URL``."""
    return f"LEGCOMPARE_{name.upper()}_BASE_URL"

FEDERAL = "us-federal"
"""The jurisdiction of federal texts, as store references and the catalog spell it."""

BILL_TYPES = ("hr", "s", "hres", "sres", "hjres", "sjres", "hconres", "sconres")
"""govinfo's bill types (House and Senate bills, simple, joint and concurrent resolutions)."""

_SCHEME = "govinfo:"
_GOVINFO = re.compile(
    r"govinfo:(?P<congress>[1-9][0-9]{0,2})/(?P<type>[a-z]+)/(?P<number>[1-9][0-9]{0,5})"
    r"@(?P<version>[a-z]{2,5}[0-9]{0,2})")
_ROOT_TAG = re.compile(rb"<([A-Za-z_][\w.:-]*)([^>]*)>")
_USLM_NS = re.compile(rb"""\sxmlns\s*=\s*["']http://schemas\.gpo\.gov/xml/uslm["']""")
_BILL_DTD_ROOTS = (b"bill", b"resolution", b"amendment-doc")
_EXPECTED = ("expected govinfo:<congress>/<type>/<number>@<version>, such as "
             "govinfo:116/hr/2157@ih (type: " + ", ".join(BILL_TYPES) + ")")


@dataclass(frozen=True)
class SourceId:
    """One version of a federal bill on govinfo."""

    scheme: str
    """The source: ``govinfo``."""
    congress: int
    """The Congress (``116``)."""
    doc_type: str
    """The bill type, one of :data:`BILL_TYPES` (``hr``)."""
    number: int
    """The bill number (``2157``)."""
    version: str
    """govinfo's version code, lower case (``ih``, ``rfs``, ``enr``, ``eas2``)."""

    def __str__(self) -> str:
        return f"{self.scheme}:{self.congress}/{self.doc_type}/{self.number}@{self.version}"

    @property
    def package(self) -> str:
        """govinfo's package name: ``BILLS-116hr2157ih``."""
        return f"BILLS-{self.congress}{self.doc_type}{self.number}{self.version}"

    @property
    def jurisdiction(self) -> str:
        """Federal bills belong to :data:`FEDERAL` (``us-federal``)."""
        return FEDERAL

    @property
    def document(self) -> str:
        """The document within its jurisdiction: ``hr2157-116``."""
        return f"{self.doc_type}{self.number}-{self.congress}"

    @property
    def ref(self) -> str:
        """The store reference: ``us-federal/hr2157-116@ih``."""
        return f"{self.jurisdiction}/{self.document}@{self.version}"


def parse_source_id(text: str) -> SourceId | None:
    """The source id in ``text``; ``None`` when ``text`` is not a source id at all.

    Case is ignored and the result is canonical. A ``govinfo:`` id of the wrong form raises
    :class:`FetchError` with a one-line message giving the expected form.
    """
    candidate = text.strip().lower()
    if not candidate.startswith(_SCHEME):
        return None
    m = _GOVINFO.fullmatch(candidate)
    if m is None or m["type"] not in BILL_TYPES:
        raise FetchError(f"not a govinfo source id; {_EXPECTED}", where=text.strip())
    return SourceId(scheme="govinfo", congress=int(m["congress"]), doc_type=m["type"],
                    number=int(m["number"]), version=m["version"])


def is_url(text: str) -> bool:
    """True when ``text`` is meant as an http(s) URL (``https://...``), valid or not."""
    return text.strip().lower().startswith(("http://", "https://"))


def xml_vocabulary(data: bytes) -> str:
    """``uslm``, ``bill-dtd`` or ``xml``: what the root element of an XML body says it is."""
    m = _ROOT_TAG.search(data[:8192])
    if m is None:
        return "xml"
    if _USLM_NS.search(m.group(2)):
        return "uslm"
    if m.group(1) in _BILL_DTD_ROOTS and b"xmlns=" not in m.group(2).replace(b" ", b""):
        return "bill-dtd"
    return "xml"


def parse_state_id(text: str) -> LegiScanId | OpenStatesId | LeginfoId | None:
    """The LegiScan (``legiscan:2068312``), Open States
    (``openstates:ca/20192020/AB1215@introduced``) or leginfo (``ca:2019-2020/AB1215@chaptered``)
    id in ``text``; ``None`` when it is none of them; FetchError for a malformed one. Each is
    canonical and names its source's configuration (``.name``)."""
    from .leginfo import parse_leginfo
    from .legiscan import parse_legiscan
    from .openstates import parse_openstates

    found: LegiScanId | OpenStatesId | LeginfoId | None = parse_legiscan(text)
    return found or parse_openstates(text) or parse_leginfo(text)
