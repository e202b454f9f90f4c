"""LegiScan: one bill text by its document id, ``legiscan:<doc_id>``, through LegiScan's Pull API.

The API (LegiScan API User Manual, https://legiscan.com/gaits/documentation/legiscan) is one
URL with the key and the operation in the query: ``<base>/?key=K&op=getBillText&id=<doc_id>``
answers ``{"status": "OK", "text": {doc_id, bill_id, date, type, mime, text_hash, doc, ...}}``
with the document base64-encoded in ``doc``; ``op=getBill&id=<bill_id>`` answers
``{"status": "OK", "bill": {state, bill_number, session: {year_start, session_title, ...},
title, texts: [...], ...}}``. An error is ``{"status": "ERROR", "alert": {"message": ...}}``.

Guarantees of :func:`fetch_legiscan`:

* The key comes from ``LEGISCAN_API_KEY`` only and never reaches an error message, the
  provenance or the store: the URLs recorded are the requests without their key.
* The document is decoded from base64, checked against ``text_hash`` (MD5) when LegiScan gives
  one, and must be HTML, PDF, Word (``.docx``) or plain text, as its ``mime`` says and its bytes
  agree; older Word and WordPerfect files are refused with the state's own link.
* Its store reference is ``us-<state>/<bill>-<first year of the session>@<type>-<date>``
  (``us-ca/ab1215-2019@chaptered-2019-10-08``), ``us-federal`` for Congress; the provenance
  carries LegiScan's CC BY licence, which every report prints.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import re
from dataclasses import dataclass, replace
from typing import Any, ClassVar
from urllib.parse import quote

from ..errors import FetchError
from ..model import Note, NoteKind, Provenance
from .api import (
    Retrieved,
    api_key,
    delivered,
    document_format,
    get,
    json_body,
    slug,
    status_of,
)
from .http import HttpClient

__all__ = ["DEFAULT_BASE_URL", "KEY_VARIABLE", "LICENSE", "LegiScanId", "fetch_legiscan",
           "parse_legiscan"]

DEFAULT_BASE_URL = "https://api.legiscan.com"
KEY_VARIABLE = "LEGISCAN_API_KEY"
LICENSE = "CC BY 4.0, LegiScan (https://legiscan.com)"
_SIGNUP = "https://legiscan.com/legiscan"
_ID = re.compile(r"legiscan:([1-9][0-9]{0,11})")
_READ = {"text/html": "html", "application/pdf": "pdf", "text/plain": "text",
         "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "docx"}
_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")


@dataclass(frozen=True)
class LegiScanId:
    """One bill text on LegiScan."""

    doc_id: int
    """LegiScan's document id (a bill's ``texts[].doc_id``)."""
    name: ClassVar[str] = "legiscan"

    def __str__(self) -> str:
        return f"legiscan:{self.doc_id}"


def parse_legiscan(text: str) -> LegiScanId | None:
    """The id in ``text`` (``legiscan:2068312``); ``None`` for another scheme; FetchError for
    a malformed one."""
    candidate = text.strip().lower()
    if not candidate.startswith("legiscan:"):
        return None
    m = _ID.fullmatch(candidate)
    if m is None:
        raise FetchError("not a LegiScan source id; expected legiscan:<doc_id>, such as "
                         "legiscan:2068312 (a bill's texts[].doc_id)", where=text.strip())
    return LegiScanId(int(m.group(1)))


def fetch_legiscan(sid: LegiScanId, *, client: HttpClient,
                   base_url: str = DEFAULT_BASE_URL) -> Retrieved:
    """The bill text ``sid`` names and LegiScan's facts about it (see the module docstring)."""
    where = str(sid)
    key = api_key(KEY_VARIABLE, "LegiScan", _SIGNUP, where=where)
    text, url = _call(client, base_url, key, "getBillText", sid.doc_id, where)
    record = text.get("text")
    if not isinstance(record, dict):
        raise FetchError("LegiScan's getBillText answer has no text record", where=where)
    data, media = _document(record, where)
    bill_id = record.get("bill_id")
    bill, _ = _call(client, base_url, key, "getBill", bill_id, where)
    facts = bill.get("bill")
    if not isinstance(facts, dict):
        raise FetchError("LegiScan's getBill answer has no bill record", where=where)
    fetched = delivered(data, url, media)
    fetched = replace(fetched, format=document_format(fetched, where=where))
    return Retrieved(fetched, _provenance(sid, record, facts))


def _call(client: HttpClient, base_url: str, key: str, op: str, ident: Any, where: str
          ) -> tuple[dict[str, Any], str]:
    """One API operation's JSON answer, checked; and its URL without the key."""
    if not isinstance(ident, int) or ident <= 0:
        raise FetchError(f"LegiScan gave no usable id for {op}", where=where)
    base = base_url.rstrip("/")
    try:
        fetched = get(client, f"{base}/?key={quote(key, safe='')}&op={op}&id={ident}",
                      secret=key, where=where, accept="application/json")
    except FetchError as exc:
        if status_of(exc) == 429:
            raise type(exc)(f"LegiScan's rate limit: {exc.message}; wait and try again",
                            where=where) from None
        if status_of(exc) in (401, 403):
            raise type(exc)(f"LegiScan refused the API key in {KEY_VARIABLE} ({exc.message})",
                            where=where) from None
        raise
    assert fetched is not None
    answer = json_body(fetched, "LegiScan", where=where)
    if answer.get("status") != "OK":
        alert = answer.get("alert")
        message = alert.get("message") if isinstance(alert, dict) else None
        said = " ".join(str(message or "no message").split())[:200].replace(key, "***")
        hint = f" (check {KEY_VARIABLE})" if "key" in said.lower() else ""
        raise FetchError(f"LegiScan refused {op} {ident}: {said}{hint}", where=where)
    return answer, f"{base}/?op={op}&id={ident}"


def _document(record: dict[str, Any], where: str) -> tuple[bytes, str]:
    """The decoded document and its media type, checked."""
    media = str(record.get("mime") or "").strip().lower()
    if media not in _READ:
        link = record.get("state_link") or record.get("url") or "the state's site"
        raise FetchError(f"LegiScan has this text only as {media or 'an unknown type'}, which "
                         f"legcompare does not read; try the state's copy: {link}", where=where)
    try:
        data = base64.b64decode(str(record.get("doc") or ""), validate=True)
    except (binascii.Error, ValueError):
        raise FetchError("LegiScan's document is not valid base64", where=where) from None
    expected = str(record.get("text_hash") or "").strip().lower()
    if expected and hashlib.md5(data, usedforsecurity=False).hexdigest() != expected:
        raise FetchError("LegiScan's document does not match its text_hash (MD5); refused",
                         where=where)
    if not data:
        raise FetchError("LegiScan's document is empty", where=where)
    return data, media


def _provenance(sid: LegiScanId, text: dict[str, Any], bill: dict[str, Any]) -> Provenance:
    state = str(bill.get("state") or "").strip().lower()
    number = slug(str(bill.get("bill_number") or "")).replace("-", "")
    found = bill.get("session")
    session: dict[str, Any] = found if isinstance(found, dict) else {}
    year = str(session.get("year_start") or "")
    if not re.fullmatch(r"[a-z]{2}", state) or not number or not re.fullmatch(r"\d{4}", year):
        raise FetchError("LegiScan's getBill answer lacks the state, bill number or session "
                         "year", where=str(sid))
    date = _date(text.get("date"))
    kind = slug(str(text.get("type") or "text")) or "text"
    title = " ".join(str(bill.get("title") or "").split())
    label = session.get("session_title") or session.get("session_name") or year
    note = (f"{text.get('type') or 'text'} of {date or 'no date'} from LegiScan's API (doc_id "
            f"{sid.doc_id}, bill_id {bill.get('bill_id')}); the state's copy: "
            f"{text.get('state_link') or 'not given'}")
    version = f"{kind}-{date}" if date else f"{kind}-doc{sid.doc_id}"
    named = f"{bill.get('state')} {bill.get('bill_number')} ({label})"
    return Provenance(
        jurisdiction="us-federal" if state == "us" else f"us-{state}",
        document=f"{number}-{year}", version=version,
        title=f"{named}: {title}" if title else named, source=str(sid), version_date=date,
        license=LICENSE, notes=(Note(NoteKind.PROVENANCE, note, None),))


def _date(value: Any) -> str | None:
    m = _DATE.fullmatch(str(value or "").strip())
    return m.group(0) if m and m.group(0) != "0000-00-00" else None
