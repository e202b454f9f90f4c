"""Any http(s) URL: a page of HTML, XML or plain text, through the one client of :mod:`.http`.

A page is stored under the jurisdiction ``web``: its document is a slug of the URL's host and
path (``www.ncleg.gov-sessions-2023-bills-house-html-h1.html``), its version the first 12 hex
digits of the SHA-256 of its bytes, so the same bytes fetched again are the same version and
changed bytes a new one.

Guarantees: :func:`fetch_url` returns a body whose format is ``html``, ``xml``, ``uslm``,
``bill-dtd`` or ``text`` and agrees with its content type, else :class:`FetchError`;
:func:`document_slug` and :func:`version_of` give parts that are valid in a store reference.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import replace

import httpx

from ..errors import FetchError
from ..ingest import detect_format
from . import xml_vocabulary
from .http import Fetched, HttpClient, parse_url

__all__ = ["WEB", "document_slug", "fetch_url", "version_of"]

WEB = "web"
"""The jurisdiction of texts fetched from arbitrary URLs."""

ACCEPT = ("text/html, application/xhtml+xml, application/xml;q=0.9, text/xml;q=0.9, "
          "text/plain;q=0.8")
_HTML = frozenset({"text/html", "application/xhtml+xml"})
_XML = frozenset({"application/xml", "text/xml"})
_SLUG_MAX = 120


def fetch_url(url: str, *, client: HttpClient) -> Fetched:
    """The page at ``url``, with its ``format`` found from its content type and its bytes."""
    fetched = client.get(url, accept=ACCEPT)
    assert fetched is not None  # not missing_ok: a 404 is an error
    return replace(fetched, format=_format(fetched))


def document_slug(url: str) -> str:
    """``host[-port]-path`` in lower case letters, digits, ``.``, ``_`` and ``-``; at most 120
    characters (a long one ends in a digest of the whole)."""
    parsed: httpx.URL = parse_url(url)
    place = parsed.raw_host.decode("ascii") + (f"-{parsed.port}" if parsed.port else "")
    slug = re.sub(r"[^a-z0-9._-]+", "-", f"{place}{parsed.path}".lower())
    slug = re.sub(r"-{2,}", "-", slug).strip("-.") or "page"
    if len(slug) > _SLUG_MAX:
        digest = hashlib.sha256(slug.encode("utf-8")).hexdigest()[:12]
        slug = slug[:_SLUG_MAX - 13].rstrip("-.") + "-" + digest
    return slug


def version_of(data: bytes) -> str:
    """The version of a page: the first 12 hex digits of the SHA-256 of its bytes."""
    return hashlib.sha256(data).hexdigest()[:12]


def _format(fetched: Fetched) -> str:
    """``html``, ``xml``/``uslm``/``bill-dtd`` or ``text``; FetchError for anything else."""
    media = fetched.content_type or ""
    sniffed = detect_format(fetched.data)
    if sniffed in ("pdf", "docx"):
        raise FetchError(f"the page is a {sniffed.upper()} ({media or 'no content type'}); "
                         "only HTML, XML and plain text pages are read", where=fetched.url)
    if media in _HTML:
        return "html"
    if media in _XML or media.endswith("+xml") or (
            media in ("", "text/plain") and sniffed == "xml"):
        return "html" if sniffed == "html" else xml_vocabulary(fetched.data)
    if media in ("", "text/plain"):
        return "html" if sniffed == "html" else "text"
    raise FetchError(f"expected HTML, XML or plain text, got {media}", where=fetched.url)
