"""Open States: one version of a state bill,
``openstates:<jurisdiction>/<session>/<identifier>@<version>``, through the Open States API v3.

The API (https://docs.openstates.org/api-v3/, and its OpenAPI description at
https://v3.openstates.org/docs) answers ``GET <base>/bills/{jurisdiction}/{session}/{bill_id}
?include=versions`` with the bill, whose ``versions`` are ``{note, date, links: [{url,
media_type}]}``: links to the state's own documents. The key goes in the ``apikey`` query
parameter. Errors: 401 (invalid key), 403 (no key), 404 ``{"detail": "No such Bill."}``, 429
(rate limit).

Guarantees of :func:`fetch_openstates`:

* The key comes from ``OPENSTATES_API_KEY`` only and never reaches an error message, the
  provenance or the store.
* ``@<version>`` picks exactly one of the bill's versions: the slug of its note
  (``introduced``, ``amended-assembly``), that slug and its date
  (``amended-assembly-2019-03-25``), or its date alone; none or several is an error listing
  the versions by unambiguous names.
* Of the version's links, the first in the order HTML, PDF, Word (``.docx``), plain text, XML
  is fetched (through the same client; the state's host is not trusted like the configured
  API host), and the body must be what it claims.
* Its store reference is ``us-<jurisdiction>/<bill>-<first year of the session>@<name>``, the
  name being the version's unambiguous name above (``us-ca/ab1215-2019@introduced``), so the
  same version asked for by note or by date is stored once.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Any, ClassVar
from urllib.parse import quote

from ..errors import FetchError
from ..model import Note, NoteKind, Provenance
from .api import DOCUMENT_ACCEPT, Retrieved, api_key, document_format, get, json_body, slug
from .api import status_of as _status
from .http import HttpClient

__all__ = ["DEFAULT_BASE_URL", "KEY_VARIABLE", "OpenStatesId", "fetch_openstates",
           "parse_openstates"]

DEFAULT_BASE_URL = "https://v3.openstates.org"
KEY_VARIABLE = "OPENSTATES_API_KEY"
_SIGNUP = "https://openstates.org/account/profile/"
_ID = re.compile(r"openstates:(?P<jurisdiction>[a-z]{2})/(?P<session>[A-Za-z0-9._-]{1,40})/"
                 r"(?P<bill>[A-Za-z]{1,6} ?[0-9]{1,6}[A-Za-z]?)@(?P<version>[a-z0-9][a-z0-9._-]*)",
                 re.I)
_MEDIA_ORDER = ("text/html", "application/xhtml+xml", "application/pdf",
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                "text/plain", "application/xml", "text/xml")
_EXPECTED = ("expected openstates:<jurisdiction>/<session>/<bill>@<version>, such as "
             "openstates:ca/20192020/AB1215@introduced")


@dataclass(frozen=True)
class OpenStatesId:
    """One version of a bill as Open States lists it."""

    jurisdiction: str
    """The state's postal abbreviation, lower case (``ca``)."""
    session: str
    """Open States' session identifier (``20192020``, ``2023-2024``, ``103rd``)."""
    bill: str
    """The bill's identifier without spaces, upper case (``AB1215``)."""
    version: str
    """Which version (see the module docstring), lower case."""
    name: ClassVar[str] = "openstates"

    def __str__(self) -> str:
        return f"openstates:{self.jurisdiction}/{self.session}/{self.bill}@{self.version}"

    @property
    def document(self) -> str:
        """The document in the store: the bill and the session's first year (``ab1215-2019``)."""
        year = re.search(r"\d{4}", self.session)
        return f"{self.bill.lower()}-{year.group(0) if year else slug(self.session)}"


def parse_openstates(text: str) -> OpenStatesId | None:
    """The id in ``text``; ``None`` for another scheme; FetchError for a malformed one."""
    candidate = text.strip()
    if not candidate.lower().startswith("openstates:"):
        return None
    m = _ID.fullmatch(candidate)
    if m is None:
        raise FetchError(f"not an Open States source id; {_EXPECTED}", where=candidate)
    return OpenStatesId(m["jurisdiction"].lower(), m["session"], m["bill"].replace(" ", "").upper(),
                        m["version"].lower())


def fetch_openstates(sid: OpenStatesId, *, client: HttpClient,
                     base_url: str = DEFAULT_BASE_URL) -> Retrieved:
    """The version ``sid`` names, from the state's site (see the module docstring)."""
    where = str(sid)
    key = api_key(KEY_VARIABLE, "Open States", _SIGNUP, where=where)
    path = "/".join(quote(part, safe="") for part in (sid.jurisdiction, sid.session, sid.bill))
    url = f"{base_url.rstrip('/')}/bills/{path}?include=versions&apikey={quote(key, safe='')}"
    try:
        fetched = get(client, url, secret=key, where=where, accept="application/json",
                      missing_ok=True)
    except FetchError as exc:
        raise type(exc)(_explained(exc), where=where) from None
    if fetched is None:
        raise FetchError(f"Open States has no bill {sid.bill} in {sid.jurisdiction.upper()} "
                         f"session {sid.session} (HTTP 404)", where=where)
    bill = json_body(fetched, "Open States", where=where)
    version, name = _version(sid, bill)
    link = _link(version, where)
    document = get(client, link, secret=None, where=where, accept=DOCUMENT_ACCEPT)
    assert document is not None
    document = replace(document, format=document_format(document, where=where))
    return Retrieved(document, _provenance(sid, bill, version, name, link))


def _explained(exc: FetchError) -> str:
    status = _status(exc)
    if status in (401, 403):
        return f"Open States refused the API key in {KEY_VARIABLE} ({exc.message})"
    if status == 429:
        return f"Open States' rate limit: {exc.message}; wait and try again"
    return exc.message


def _names(versions: list[dict[str, Any]]) -> list[str]:
    """An unambiguous name for each version: its note's slug, with its date when needed."""
    slugs = [slug(str(v.get("note") or "version")) or "version" for v in versions]
    return [s if slugs.count(s) == 1 else f"{s}-{_date(v) or i + 1}"
            for i, (s, v) in enumerate(zip(slugs, versions, strict=True))]


def _version(sid: OpenStatesId, bill: dict[str, Any]) -> tuple[dict[str, Any], str]:
    """The one version ``sid`` names, and its unambiguous name."""
    found = bill.get("versions")
    versions = [v for v in found if isinstance(v, dict)] if isinstance(found, list) else []
    names = _names(versions)
    matches = [(v, name) for v, name in zip(versions, names, strict=True)
               if sid.version in (name, slug(str(v.get("note") or "")), _date(v),
                                  f"{slug(str(v.get('note') or ''))}-{_date(v)}")]
    if len(matches) == 1:
        return matches[0]
    listed = ", ".join(names) or "none"
    what = "several versions match" if matches else "no version matches"
    raise FetchError(f"{what} {sid.version!r} of {sid.jurisdiction.upper()} {sid.bill} "
                     f"({sid.session}) on Open States; its versions: {listed}", where=str(sid))


def _link(version: dict[str, Any], where: str) -> str:
    links = [ln for ln in version.get("links") or [] if isinstance(ln, dict) and ln.get("url")]
    for media in _MEDIA_ORDER:
        for link in links:
            if str(link.get("media_type") or "").lower() == media:
                return str(link["url"])
    kinds = ", ".join(sorted({str(ln.get("media_type")) for ln in links})) or "no links"
    raise FetchError(f"Open States lists this version only as {kinds}, which legcompare does "
                     "not read", where=where)


def _date(version: dict[str, Any]) -> str | None:
    m = re.match(r"\d{4}-\d{2}-\d{2}", str(version.get("date") or ""))
    return m.group(0) if m else None


def _provenance(sid: OpenStatesId, bill: dict[str, Any], version: dict[str, Any], name: str,
                link: str) -> Provenance:
    title = " ".join(str(bill.get("title") or "").split())
    identifier = str(bill.get("identifier") or sid.bill)
    note = (f"version {version.get('note')!r} of {_date(version) or 'no date'}, as Open States "
            f"lists it for {identifier} ({bill.get('openstates_url') or sid.session}); the "
            f"document is the state's own, from {link}")
    named = f"{sid.jurisdiction.upper()} {identifier} ({sid.session})"
    return Provenance(jurisdiction=f"us-{sid.jurisdiction}", document=sid.document, version=name,
                      title=f"{named}: {title}" if title else named, source=str(sid),
                      version_date=_date(version),
                      notes=(Note(NoteKind.PROVENANCE, note, None),))
