"""What the state sources share: API keys from the environment, requests whose key never
leaks, JSON bodies, and the formats of the documents they lead to.

Guarantees:

* :func:`api_key` reads a key from its environment variable only; a missing key is a one-line
  :class:`FetchError` naming the variable and where to get a key.
* :func:`get` sends every request through the given :class:`~.http.HttpClient`; an error it
  raises keeps its class (:class:`OfflineError` stays one) but has the key replaced by ``***``
  in its message, and names the source id instead of the URL (which held the key).
* :func:`json_body` returns a JSON object or raises :class:`FetchError`.
* :func:`document_format` says what a fetched document is (``html``, ``xml``, ``uslm``,
  ``bill-dtd``, ``text``, ``pdf`` or ``docx``) from its bytes and content type, else raises.
"""

from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any
from urllib.parse import quote

from ..errors import FetchError
from ..ingest import detect_format
from ..model import Provenance
from . import xml_vocabulary
from .http import Fetched, HttpClient

__all__ = ["DOCUMENT_ACCEPT", "Retrieved", "api_key", "delivered", "document_format", "get",
           "json_body", "slug", "status_of"]

DOCUMENT_ACCEPT = ("text/html, application/xhtml+xml, application/pdf, "
                   "application/vnd.openxmlformats-officedocument.wordprocessingml.document, "
                   "application/xml;q=0.9, text/plain;q=0.8")
_DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
_STATUS = re.compile(r"HTTP (\d{3})\b")


@dataclass(frozen=True)
class Retrieved:
    """A document fetched from a state source, and what the source said about it."""

    fetched: Fetched
    """The document's bytes, as served (``url`` and ``final_url`` hold no API key)."""
    provenance: Provenance
    """Jurisdiction, document, version, title, dates and licence, as the source gives them;
    the fetch's own facts (URLs, time, digest) are added by the caller."""


def api_key(variable: str, service: str, signup: str, *, where: str) -> str:
    """The API key in environment ``variable``; FetchError when it is unset or empty."""
    key = os.environ.get(variable, "").strip()
    if not key:
        raise FetchError(f"{service} needs an API key in the environment variable {variable} "
                         f"(get one at {signup})", where=where)
    return key


def get(client: HttpClient, url: str, *, secret: str | None, where: str, accept: str,
        missing_ok: bool = False) -> Fetched | None:
    """``client.get(url)``, with ``secret`` kept out of any error (see the module docstring)."""
    try:
        return client.get(url, accept=accept, missing_ok=missing_ok)
    except FetchError as exc:
        message = exc.message
        for form in (quote(secret, safe=""), secret) if secret else ():
            message = message.replace(form, "***")
        raise type(exc)(message, where=where) from None


def delivered(data: bytes, url: str, media: str) -> Fetched:
    """A :class:`~.http.Fetched` for a document that came inside an API's JSON answer."""
    return Fetched(data=data, url=url, final_url=url, content_type=media, charset=None,
                   retrieved_at=datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"))


def status_of(error: FetchError) -> int | None:
    """The HTTP status an error of the client reports (``HTTP 429 ...``), if any."""
    m = _STATUS.match(error.message)
    return int(m.group(1)) if m else None


def json_body(fetched: Fetched, service: str, *, where: str) -> dict[str, Any]:
    """The JSON object in ``fetched``; FetchError when it is not one."""
    try:
        data = json.loads(fetched.data.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        raise FetchError(f"{service} answered with something other than JSON "
                         f"({fetched.content_type or 'no content type'})", where=where) from None
    if not isinstance(data, dict):
        raise FetchError(f"{service} answered with JSON that is not an object", where=where)
    return data


def document_format(fetched: Fetched, *, where: str) -> str:
    """What the document in ``fetched`` is (see the module docstring)."""
    media = fetched.content_type or ""
    sniffed = detect_format(fetched.data)
    if sniffed == "pdf":
        return "pdf"
    if sniffed == "docx":
        if media not in ("", _DOCX, "application/octet-stream", "application/zip"):
            raise FetchError(f"served as {media} but the body is a zip archive", where=where)
        return "docx"
    if media in ("text/html", "application/xhtml+xml") or sniffed == "html":
        return "html"
    if media in ("application/xml", "text/xml") or media.endswith("+xml") or sniffed == "xml":
        return xml_vocabulary(fetched.data)
    if media in ("", "text/plain"):
        return "text"
    raise FetchError(f"expected HTML, XML, PDF, Word or plain text, got {media}", where=where)


def slug(text: str) -> str:
    """``text`` as a part of a store reference: lower case letters, digits and hyphens."""
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
