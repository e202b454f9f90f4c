"""govinfo: the bytes of one federal bill version (bill DTD XML, else the ``.htm`` text).

Guarantees of :func:`fetch_govinfo`:

* Offline mode (``offline=True`` or ``LEGCOMPARE_OFFLINE=1``) raises :class:`OfflineError`
  before any connection is opened.
* At most two GET requests: the package's XML, then, only when that is 404, its ``.htm``
  rendering. Redirects are not followed (a redirect is an error).
* Never more than ``max_bytes`` of body is held in memory: the body is streamed and the fetch
  stops with :class:`FetchError` as soon as the cap would be passed.
* Every failure (connection, timeout, HTTP status, size, a body that is not the expected kind)
  is a :class:`FetchError` whose one-line message names the URL and the cause.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from datetime import UTC, datetime

import httpx

from .. import __version__
from ..errors import FetchError, OfflineError
from ..ingest import DEFAULT_MAX_BYTES, detect_format
from . import SourceId

__all__ = ["DEFAULT_BASE_URL", "USER_AGENT", "Fetched", "fetch_govinfo", "offline_requested"]

DEFAULT_BASE_URL = "https://www.govinfo.gov"
USER_AGENT = f"legcompare/{__version__} (+https://github.com/legcompare)"
_BILL_DTD_ROOT = re.compile(rb"<(bill|resolution|amendment-doc)[\s>]")


@dataclass(frozen=True)
class Fetched:
    """The bytes of one fetched text and how they were obtained."""

    data: bytes
    """The body, exactly as served (after transfer decoding)."""
    url: str
    """The URL requested for these bytes (the ``.htm`` URL when the XML was not found)."""
    final_url: str
    """The URL the bytes came from (the same as ``url``: redirects are refused)."""
    content_type: str | None
    """The media type as served (``application/xml``), without parameters."""
    retrieved_at: str
    """When the body was read, ISO 8601 in UTC (``2024-05-01T12:00:00Z``)."""
    format: str
    """``bill-dtd`` for govinfo's XML, ``html`` for its ``.htm`` rendering."""


def offline_requested(offline: bool = False) -> bool:
    """True when network access is forbidden by argument or by ``LEGCOMPARE_OFFLINE``."""
    value = os.environ.get("LEGCOMPARE_OFFLINE", "").strip().lower()
    return offline or value not in ("", "0", "false", "no")


def fetch_govinfo(source: SourceId, *, base_url: str = DEFAULT_BASE_URL, timeout: float = 30.0,
                  max_bytes: int = DEFAULT_MAX_BYTES, client: httpx.Client | None = None,
                  offline: bool = False) -> Fetched:
    """Fetch ``source``'s bill DTD XML, or its ``.htm`` rendering when the XML is 404.

    ``timeout`` (seconds) bounds connecting and each read, so a stalled server fails. A given
    ``client`` is used as is (its redirect setting included) and left open.
    """
    base = base_url.rstrip("/")
    if not base.startswith(("http://", "https://")):
        raise FetchError("the base URL must start with http:// or https://", where=base_url)
    xml_url = f"{base}/content/pkg/{source.package}/xml/{source.package}.xml"
    htm_url = f"{base}/content/pkg/{source.package}/html/{source.package}.htm"
    if offline_requested(offline):
        raise OfflineError("offline mode forbids network access (--offline or "
                           "LEGCOMPARE_OFFLINE)", where=xml_url)
    own = client is None
    http = client or httpx.Client(timeout=httpx.Timeout(timeout), follow_redirects=False,
                                  headers={"User-Agent": USER_AGENT,
                                           "Accept-Encoding": "identity"})
    try:
        fetched = _get(http, xml_url, "bill-dtd", max_bytes, timeout)
        if fetched is None:
            fetched = _get(http, htm_url, "html", max_bytes, timeout)
        if fetched is None:
            raise FetchError(f"HTTP 404 Not Found (and no XML at {xml_url}): govinfo has no "
                             f"package {source.package}", where=htm_url)
        return fetched
    finally:
        if own:
            http.close()


def _get(http: httpx.Client, url: str, fmt: str, max_bytes: int, timeout: float
         ) -> Fetched | None:
    """One GET; ``None`` on 404, the checked body on 200, else :class:`FetchError`."""
    try:
        with http.stream("GET", url) as response:
            if response.status_code == 404:
                return None
            _check_status(response, url)
            content_type = _media_type(response)
            data = _read_capped(response, url, max_bytes)
            final_url = str(response.url)
    except httpx.TimeoutException:
        raise FetchError(f"timed out (no response within {timeout:g} s)", where=url) from None
    except httpx.HTTPError as exc:
        cause = " ".join(str(exc).split()) or type(exc).__name__
        raise FetchError(f"request failed: {cause}", where=url) from None
    _check_body(data, content_type, fmt, url)
    retrieved_at = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    return Fetched(data=data, url=url, final_url=final_url, content_type=content_type,
                   retrieved_at=retrieved_at, format=fmt)


def _check_status(response: httpx.Response, url: str) -> None:
    """Anything but 200 is an error; a redirect says where it pointed."""
    status = f"HTTP {response.status_code} {response.reason_phrase}".strip()
    if response.is_redirect:
        target = response.headers.get("location", "?")
        raise FetchError(f"{status}: redirected to {target} (redirects are not followed)",
                         where=url)
    if response.status_code != 200:
        raise FetchError(status, where=url)


def _media_type(response: httpx.Response) -> str | None:
    value = response.headers.get("content-type", "").split(";")[0].strip().lower()
    return value or None


def _read_capped(response: httpx.Response, url: str, max_bytes: int) -> bytes:
    """The body, refused as soon as it would pass ``max_bytes`` (declared or actually read)."""
    too_large = f"the response is larger than the limit of {max_bytes:,} bytes (see --max-bytes)"
    declared = response.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > max_bytes:
        raise FetchError(too_large, where=url)
    body = bytearray()
    for chunk in response.iter_bytes():
        if len(body) + len(chunk) > max_bytes:
            raise FetchError(too_large, where=url)
        body += chunk
    return bytes(body)


def _check_body(data: bytes, content_type: str | None, fmt: str, url: str) -> None:
    """The served media type and the bytes themselves must be what ``fmt`` expects."""
    expected = "XML" if fmt == "bill-dtd" else "HTML"
    served = content_type or "no content type"
    if content_type and expected.lower() not in content_type:
        raise FetchError(f"expected {expected}, got {served}", where=url)
    sniffed = detect_format(data)
    if fmt == "bill-dtd" and (sniffed != "xml" or not _BILL_DTD_ROOT.search(data[:4096])):
        raise FetchError(f"expected bill DTD XML, got {_describe(sniffed)} ({served})",
                         where=url)
    if fmt == "html" and sniffed != "html":
        raise FetchError(f"expected HTML, got {_describe(sniffed)} ({served})", where=url)


def _describe(sniffed: str) -> str:
    return {"xml": "other XML", "text": "plain text"}.get(sniffed, sniffed.upper())
