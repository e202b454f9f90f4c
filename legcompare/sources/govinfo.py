"""govinfo: the bytes of one federal bill version, through the one client of :mod:`.http`.

A version is looked for in govinfo's layout under the base URL, in this order, moving on only
when a rendering is 404:

* enrolled bills (``enr``): the USLM XML (``/content/pkg/BILLS-116hr2157enr/uslm/
  BILLS-116hr2157enr.xml``), then the bill DTD XML, then the ``.htm`` text;
* every other version: the bill DTD XML (``/content/pkg/<pkg>/xml/<pkg>.xml``), then the USLM
  XML, then the ``.htm`` text (one ``<pre>`` block; ``/content/pkg/<pkg>/html/<pkg>.htm``).

Guarantees of :func:`fetch_govinfo`: every request goes through the given :class:`HttpClient`
(so offline mode, address checks, limits, retries and redirects are the client's); the body
returned is what its URL promises (XML whose root is a bill DTD or USLM element, or HTML),
else :class:`FetchError`; a version with no rendering at all is a :class:`FetchError` naming
the package.
"""

from __future__ import annotations

from dataclasses import replace

from ..errors import FetchError
from ..ingest import detect_format
from . import SourceId, xml_vocabulary
from .http import USER_AGENT, Fetched, HttpClient, offline_requested

__all__ = ["DEFAULT_BASE_URL", "USER_AGENT", "Fetched", "check_base_url", "fetch_govinfo",
           "offline_requested", "renderings"]

DEFAULT_BASE_URL = "https://www.govinfo.gov"
_ACCEPT = {"xml": "application/xml, text/xml;q=0.9", "uslm": "application/xml, text/xml;q=0.9",
           "htm": "text/html"}


def check_base_url(base_url: str) -> str:
    """``base_url`` without a trailing slash; FetchError unless it is http(s)."""
    base = base_url.strip().rstrip("/")
    if not base.startswith(("http://", "https://")):
        raise FetchError("the base URL must start with http:// or https://", where=base_url)
    return base


def renderings(source: SourceId, base_url: str) -> list[tuple[str, str]]:
    """(kind, URL) of each rendering of ``source`` to try, in order (see the module docstring)."""
    base, pkg = check_base_url(base_url), source.package
    urls = {"xml": f"{base}/content/pkg/{pkg}/xml/{pkg}.xml",
            "uslm": f"{base}/content/pkg/{pkg}/uslm/{pkg}.xml",
            "htm": f"{base}/content/pkg/{pkg}/html/{pkg}.htm"}
    order = ("uslm", "xml", "htm") if source.version == "enr" else ("xml", "uslm", "htm")
    return [(kind, urls[kind]) for kind in order]


def fetch_govinfo(source: SourceId, *, client: HttpClient, base_url: str = DEFAULT_BASE_URL
                  ) -> Fetched:
    """The first rendering of ``source`` govinfo has, checked; its ``format`` is ``bill-dtd``,
    ``uslm`` or ``html``."""
    tried = renderings(source, base_url)
    for kind, url in tried:
        fetched = client.get(url, accept=_ACCEPT[kind], missing_ok=True)
        if fetched is not None:
            return replace(fetched, format=_check_body(fetched, kind))
    xml_urls = " or ".join(url for kind, url in tried if kind != "htm")
    raise FetchError(f"HTTP 404 Not Found (and no XML at {xml_urls}): govinfo has no "
                     f"package {source.package}", where=tried[-1][1])


def _check_body(fetched: Fetched, kind: str) -> str:
    """The format of a rendering's body; FetchError when it is not what ``kind`` promises."""
    expected = "HTML" if kind == "htm" else "XML"
    served = fetched.content_type or "no content type"
    if fetched.content_type and expected.lower() not in fetched.content_type:
        raise FetchError(f"expected {expected}, got {served}", where=fetched.url)
    sniffed = detect_format(fetched.data)
    if kind == "htm":
        if sniffed != "html":
            raise FetchError(f"expected HTML, got {_describe(sniffed)} ({served})",
                             where=fetched.url)
        return "html"
    vocabulary = xml_vocabulary(fetched.data) if sniffed == "xml" else sniffed
    if vocabulary not in ("bill-dtd", "uslm"):
        raise FetchError(f"expected bill DTD or USLM XML, got {_describe(vocabulary)} "
                         f"({served})", where=fetched.url)
    return vocabulary


def _describe(sniffed: str) -> str:
    return {"xml": "other XML", "text": "plain text"}.get(sniffed, sniffed.upper())
