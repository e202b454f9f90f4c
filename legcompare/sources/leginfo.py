"""California Legislative Information: one version of a California bill,
``ca:<session>/<bill>@<version>`` (``ca:2019-2020/AB1215@chaptered``), from its bill-text page.

leginfo publishes no API; the page ``<base>/faces/billTextClient.xhtml?bill_id=<bill_id>`` (the
bill id is the session's years, ``0`` for a regular session, and the bill: ``201920200AB1215``)
shows a version of the bill inside ``<div id="bill_all">``, with additions in blue italics
(``<font class="blue_text"><i>``) and deletions struck (``<font color="#B30000"><strike>``),
and lists every version in ``<select id="version">`` by a code (``20190AB121591CHP``: the first
year, ``0``, the bill, a number counting down from 99 and the kind: ``INT`` introduced,
``AMD`` amended, ``ENR`` enrolled, ``CHP`` chaptered). ``&version=<code>`` asks for one.

Guarantees of :func:`fetch_leginfo`:

* ``@<version>`` is ``introduced``, ``enrolled`` or ``chaptered`` (looked up in the page's list
  of versions, one request more), or a code's last part (``98amd``) or the whole code; the page
  fetched must show that version (its list says which is selected), else an error.
* A page without a bill text, or a version the bill does not have, is an error naming what
  the bill has. The page is stored as served; :func:`bill_page` is what is read of it: the
  bill's own ``<div id="bill_all">``, strike and italic markup kept (read by
  :mod:`legcompare.ingest.html` as struck and inserted), the site's menus left out.
* Its store reference is ``us-ca/<bill>-<first year>@<code>``, the code's last part
  (``us-ca/ab1215-2019@91chp``), whichever way the version was asked for.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import datetime
from html import escape
from typing import ClassVar

from bs4 import BeautifulSoup, Tag

from ..errors import FetchError
from ..model import Note, NoteKind, Provenance
from .api import Retrieved, get, status_of
from .http import Fetched, HttpClient

__all__ = ["DEFAULT_BASE_URL", "LeginfoId", "bill_page", "fetch_leginfo", "parse_leginfo"]

DEFAULT_BASE_URL = "https://leginfo.legislature.ca.gov"
NAMED = {"introduced": "INT", "enrolled": "ENR", "chaptered": "CHP"}
_ID = re.compile(r"ca:(?P<first>\d{4})-(?P<second>\d{4})/(?P<kind>[a-z]{2,3})(?P<number>\d{1,5})"
                 r"@(?P<version>[a-z0-9]+)")
_SHORT = re.compile(r"(?P<num>\d{2})(?P<kind>[a-z]{3})")
_EXPECTED = ("expected ca:<session>/<bill>@<version>, such as ca:2019-2020/AB1215@chaptered "
             "(version: introduced, enrolled, chaptered, or a leginfo code such as 98amd)")
_OPTION_DATE = re.compile(r"\d{2}/\d{2}/\d{2}")
_BILL_ALL = re.compile(rb"""id\s*=\s*["']bill_all["']""")


@dataclass(frozen=True)
class LeginfoId:
    """One version of a California bill on leginfo."""

    first_year: int
    """The session's first year (odd: ``2019`` for 2019-2020)."""
    kind: str
    """The measure, upper case: ``AB``, ``SB``, ``ACR`` ..."""
    number: int
    version: str
    """``introduced``, ``enrolled``, ``chaptered``, or a code's last part (``98amd``)."""
    name: ClassVar[str] = "leginfo"

    def __str__(self) -> str:
        return (f"ca:{self.first_year}-{self.first_year + 1}/{self.kind}{self.number}"
                f"@{self.version}")

    @property
    def bill_id(self) -> str:
        """leginfo's bill id: ``201920200AB1215``."""
        return f"{self.first_year}{self.first_year + 1}0{self.kind}{self.number}"

    @property
    def document(self) -> str:
        """The document in the store: ``ab1215-2019``."""
        return f"{self.kind.lower()}{self.number}-{self.first_year}"

    def code(self, short: str) -> str:
        """The full version code for a short one: ``98amd`` → ``20190AB121598AMD``."""
        return f"{self.first_year}0{self.kind}{self.number}{short.upper()}"


def parse_leginfo(text: str) -> LeginfoId | None:
    """The id in ``text``; ``None`` for another scheme; FetchError for a malformed one."""
    candidate = text.strip().lower()
    if not candidate.startswith("ca:"):
        return None
    m = _ID.fullmatch(candidate)
    first = int(m["first"]) if m else 0
    if m is None or int(m["second"]) != first + 1 or first % 2 == 0:
        raise FetchError(f"not a leginfo source id; {_EXPECTED}", where=text.strip())
    sid = LeginfoId(first, m["kind"].upper(), int(m["number"]), m["version"])
    version = sid.version
    if version.startswith(str(first)):  # a whole code: keep its last part, checked
        version = version.removeprefix(f"{first}0{sid.kind.lower()}{sid.number}")
    if version not in NAMED and not _SHORT.fullmatch(version):
        raise FetchError(f"not a leginfo version {sid.version!r}; {_EXPECTED}",
                         where=text.strip())
    return replace(sid, version=version)


def fetch_leginfo(sid: LeginfoId, *, client: HttpClient,
                  base_url: str = DEFAULT_BASE_URL) -> Retrieved:
    """The bill-text page of the version ``sid`` names (see the module docstring)."""
    page = f"{base_url.rstrip('/')}/faces/billTextClient.xhtml?bill_id={sid.bill_id}"
    code = sid.code(sid.version) if sid.version not in NAMED else None
    if code is None:
        listed = _versions(_soup(_page(client, page, sid)), sid)
        code = next((c for c in listed if c.endswith(NAMED[sid.version])), None)
        if code is None:
            raise FetchError(f"{_bill(sid)} has no {sid.version} version on leginfo; it has: "
                             f"{_listing(listed)}", where=str(sid))
    fetched = _page(client, f"{page}&version={code}", sid)
    soup = _soup(fetched)
    listed = _versions(soup, sid)
    if listed and code not in listed:
        raise FetchError(f"{_bill(sid)} has no version {code} on leginfo; it has: "
                         f"{_listing(listed)}", where=str(sid))
    shown = _selected(soup)
    if shown is not None and shown != code:
        raise FetchError(f"leginfo showed version {shown}, not {code}", where=str(sid))
    return Retrieved(replace(fetched, format="html"), _provenance(sid, soup, code, listed))


def _bill(sid: LeginfoId) -> str:
    return f"{sid.kind} {sid.number} ({sid.first_year}-{sid.first_year + 1})"


def _page(client: HttpClient, url: str, sid: LeginfoId) -> Fetched:
    try:
        fetched = get(client, url, secret=None, where=str(sid), accept="text/html",
                      missing_ok=True)
    except FetchError as exc:
        if status_of(exc) == 429:
            raise type(exc)(f"leginfo's rate limit: {exc.message}; wait and try again",
                            where=str(sid)) from None
        raise
    if fetched is not None and fetched.content_type not in (None, "text/html",
                                                            "application/xhtml+xml"):
        raise FetchError(f"expected leginfo's HTML page, got {fetched.content_type}",
                         where=str(sid))
    if fetched is None or not _BILL_ALL.search(fetched.data):
        raise FetchError(f"leginfo has no bill text for {_bill(sid)}", where=str(sid))
    return fetched


def _soup(fetched: Fetched) -> BeautifulSoup:
    return BeautifulSoup(fetched.data, "lxml")


def _versions(soup: BeautifulSoup, sid: LeginfoId) -> dict[str, str]:
    """The page's list of versions: code → label (``10/08/19 - Chaptered``)."""
    prefix = sid.code("")
    return {value: label for value, label, _ in _options(soup) if value.startswith(prefix)}


def _options(soup: BeautifulSoup) -> list[tuple[str, str, bool]]:
    select = soup.find("select", id="version")
    found = select.find_all("option") if isinstance(select, Tag) else []
    return [(str(o.get("value") or "").upper(), " ".join(o.get_text().split()),
             o.has_attr("selected")) for o in found]


def _selected(soup: BeautifulSoup) -> str | None:
    return next((value for value, _, chosen in _options(soup) if chosen), None)


def _listing(listed: dict[str, str]) -> str:
    return ", ".join(f"{code[-5:].lower()} ({label})" for code, label in listed.items()) or \
        "no versions"


def _provenance(sid: LeginfoId, soup: BeautifulSoup, code: str,
                listed: dict[str, str]) -> Provenance:
    label = listed.get(code, "")
    m = _OPTION_DATE.match(label)
    date = datetime.strptime(m.group(0), "%m/%d/%y").date().isoformat() if m else None
    title = " ".join(soup.title.get_text().split()) if soup.title is not None else ""
    title = re.sub(r"^Bill Text\s*-\s*", "", title)
    note = (f"leginfo version {code}" + (f" ({label})" if label else "")
            + "; read from the page's bill text (div#bill_all), its menus left out")
    return Provenance(jurisdiction="us-ca", document=sid.document, version=code[-5:].lower(),
                      title=title or f"{sid.kind} {sid.number} ({sid.first_year}-"
                                     f"{sid.first_year + 1})", source=str(sid),
                      version_date=date, notes=(Note(NoteKind.PROVENANCE, note, None),))


def bill_page(html: str) -> tuple[str, int]:
    """What is read of a stored leginfo page: its title and ``<div id="bill_all">``, as a page
    of their own; and how many characters of the page were left out. A page without that
    division is returned whole."""
    soup = BeautifulSoup(html, "lxml")
    bill = soup.find(id="bill_all")
    if not isinstance(bill, Tag):
        return html, 0
    title = soup.title.get_text() if soup.title is not None else ""
    kept = (f"<html><head><title>{escape(title)}</title></head><body>{bill}</body></html>")
    return kept, max(0, len(html) - len(str(bill)))
