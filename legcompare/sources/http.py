"""The one HTTP client every source uses: bounded in time and size, refusing private addresses.

Guarantees of :meth:`HttpClient.get`:

* Offline (``HttpPolicy.offline`` or ``LEGCOMPARE_OFFLINE``): :class:`OfflineError` before any
  name lookup or connection.
* Only ``http`` and ``https`` URLs, without credentials. Each host is resolved once
  (``socket.getaddrinfo``); every address it has is checked (:func:`.addresses.refusal`) before
  any connection; the connection goes to a checked address, never through a second lookup: the
  request URL carries the IP, the ``Host`` header and the TLS SNI carry the name, and the
  certificate is verified against the name.
* Redirects are followed here, not by httpx: at most ``max_redirects`` hops, each checked like
  the first; a redirect from ``https`` to ``http`` is refused.
* 429 and 5xx are retried, ``attempts`` requests in all, waiting ``Retry-After`` (capped at
  ``max_retry_wait``) or a doubling backoff; never past the deadline.
* Per host and port, the starts of two requests are at least ``rate_limit`` seconds apart
  (process-wide).
* One client is one fetch: everything it does (lookups aside) ends within ``deadline`` seconds
  of its creation, as each read's timeout is cut to the time left.
* At most ``max_bytes`` are held, raw or decoded (:class:`.body.Inflater`); the body's magic
  bytes must agree with its content type (:func:`.body.check_magic`).
* Every failure is a :class:`FetchError` whose one-line message names the cause; its ``where``
  is the URL asked for.
"""

from __future__ import annotations

import functools
import os
import ssl
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from types import TracebackType

import httpx

from ..errors import FetchError, OfflineError
from .addresses import IPAddress, refusal, resolve
from .body import Inflater, check_magic, content_coding, parse_content_type, too_large
from .policy import USER_AGENT, HttpPolicy

__all__ = ["USER_AGENT", "Fetched", "HttpClient", "HttpPolicy", "Progress", "next_hop",
           "offline_requested", "parse_url", "retry_after"]

Progress = Callable[[int, int | None], None]
"""Called as a body arrives: (bytes received so far, ``Content-Length`` or ``None``)."""

_REDIRECTS = frozenset({301, 302, 303, 307, 308})


@dataclass(frozen=True)
class Fetched:
    """The body of one successful GET and how it was obtained."""

    data: bytes
    """The body, content coding (gzip) removed; otherwise exactly as served."""
    url: str
    """The URL asked for."""
    final_url: str
    """The URL the body came from, after redirects."""
    content_type: str | None
    """The served media type, lower case, without parameters (``application/xml``)."""
    charset: str | None
    """The served ``charset`` parameter, lower case, if any."""
    retrieved_at: str
    """When the body was read, ISO 8601 in UTC (``2024-05-01T12:00:00Z``)."""
    format: str = ""
    """What the source found it to be (``bill-dtd``, ``uslm``, ``html``, ``xml``, ``text``)."""


def offline_requested(offline: bool = False) -> bool:
    """True when network access is forbidden by argument or by ``LEGCOMPARE_OFFLINE``."""
    value = os.environ.get("LEGCOMPARE_OFFLINE", "").strip().lower()
    return offline or value not in ("", "0", "false", "no")


def parse_url(text: str, *, where: str | None = None) -> httpx.URL:
    """``text`` as an absolute http(s) URL without credentials or fragment, else FetchError."""
    where = where or text
    try:
        url = httpx.URL(text.strip())
    except httpx.InvalidURL as exc:
        raise FetchError(f"not a valid URL ({exc})", where=where) from None
    if url.scheme not in ("http", "https"):
        raise FetchError(f"only http:// and https:// URLs are fetched, not {text!r}", where=where)
    if not url.host:
        raise FetchError(f"the URL {text!r} has no host", where=where)
    if url.userinfo:
        raise FetchError("a URL with a user name or password is refused", where=where)
    return url.copy_with(fragment=None)


def next_hop(current: httpx.URL, location: str | None, *, where: str) -> httpx.URL:
    """Where a redirect from ``current`` to ``location`` leads; FetchError when refused."""
    if not location or not location.strip():
        raise FetchError("a redirect without a Location header", where=where)
    try:
        target = current.join(location.strip())
    except httpx.InvalidURL as exc:
        raise FetchError(f"a redirect to an invalid URL ({exc})", where=where) from None
    if current.scheme == "https" and target.scheme == "http":
        raise FetchError(f"refused a redirect from https to http ({target})", where=where)
    return parse_url(str(target), where=where)


def retry_after(value: str | None, now: datetime | None = None) -> float | None:
    """Seconds a ``Retry-After`` value asks to wait (delay or HTTP date), else ``None``."""
    text = (value or "").strip()
    if text.isdigit():
        return float(text)
    try:
        when = parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - (now or datetime.now(UTC))).total_seconds())


class _RateLimiter:
    """The next moment each host may be asked again (shared by every client of the process)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._next: dict[str, float] = {}

    def reserve(self, key: str, interval: float) -> float:
        """Seconds to wait before asking ``key``; books the slot."""
        with self._lock:
            now = time.monotonic()
            start = max(now, self._next.get(key, 0.0))
            self._next[key] = start + interval
        return start - now


_LIMITER = _RateLimiter()


class _DeadlinePassed(Exception):
    """The fetch's deadline passed between two waits (turned into a FetchError by ``get``)."""


class HttpClient:
    """One fetch's HTTP access (see the module docstring). Use as a context manager.

    ``trusted`` is a base URL the user configured: its origin may be a private address.
    """

    def __init__(self, policy: HttpPolicy | None = None, *, trusted: str | None = None,
                 progress: Progress | None = None,
                 transport: httpx.BaseTransport | None = None) -> None:
        self.policy = policy or HttpPolicy()
        self._trusted = _origin(httpx.URL(trusted)) if trusted else None
        self._progress = progress
        self._transport = transport
        self._deadline = time.monotonic() + self.policy.deadline
        self._timeouts: dict[str, float | None] = {}
        self._http: httpx.Client | None = None

    def __enter__(self) -> HttpClient:
        return self

    def __exit__(self, kind: type[BaseException] | None, value: BaseException | None,
                 traceback: TracebackType | None) -> None:
        self.close()

    def close(self) -> None:
        """Close the connections (nothing was opened offline)."""
        if self._http is not None:
            self._http.close()

    def get(self, url: str, *, accept: str = "*/*", missing_ok: bool = False) -> Fetched | None:
        """GET ``url``; its body. ``None`` only for a 404 with ``missing_ok``."""
        if offline_requested(self.policy.offline):
            raise OfflineError("offline mode forbids network access (--offline or "
                               "LEGCOMPARE_OFFLINE)", where=url)
        try:
            return self._follow(parse_url(url), accept, missing_ok, url)
        except (httpx.TimeoutException, _DeadlinePassed):
            raise FetchError(self._timeout_message(), where=url) from None
        except httpx.HTTPError as exc:
            cause = " ".join(str(exc).split()) or type(exc).__name__
            raise FetchError(f"request failed: {cause}", where=url) from None

    def _follow(self, current: httpx.URL, accept: str, missing_ok: bool, where: str
                ) -> Fetched | None:
        """The redirect loop."""
        for _ in range(self.policy.max_redirects + 1):
            response = self._respond(current, accept, where)
            try:
                if response.status_code in _REDIRECTS:
                    current = next_hop(current, response.headers.get("location"), where=where)
                    continue
                if response.status_code == 404 and missing_ok:
                    return None
                if response.status_code != 200:
                    raise FetchError(_status(response), where=where)
                return self._read(response, current, where)
            finally:
                response.close()
        raise FetchError(f"too many redirects (more than {self.policy.max_redirects})",
                         where=where)

    def _respond(self, url: httpx.URL, accept: str, where: str) -> httpx.Response:
        """The response to ``url`` once it is not 429 or 5xx, retrying as the policy says."""
        attempts = self.policy.attempts
        for attempt in range(1, attempts + 1):
            response = self._send(url, accept, where)
            status = response.status_code
            if status != 429 and not 500 <= status < 600:
                return response
            response.close()
            if attempt == attempts:
                raise FetchError(f"{_status(response)} (gave up after {attempts} attempts)",
                                 where=where)
            asked = retry_after(response.headers.get("retry-after"))
            wait = min(self.policy.max_retry_wait,
                       self.policy.backoff * 2 ** (attempt - 1) if asked is None else asked)
            if time.monotonic() + wait > self._deadline:
                raise FetchError(f"{_status(response)}; a retry in {wait:g} s would pass the "
                                 f"deadline of {self.policy.deadline:g} s", where=where)
            time.sleep(wait)
        raise AssertionError("unreachable")

    def _send(self, url: httpx.URL, accept: str, where: str) -> httpx.Response:
        """One request to a checked address of ``url``'s host (the first that accepts)."""
        port = url.port or (443 if url.scheme == "https" else 80)
        addresses = resolve(url.host, port, where=where)
        allow = self.policy.allow_private or _origin(url) == self._trusted
        for address in addresses:
            reason = refusal(address, allow_private=allow)
            if reason is not None:
                raise FetchError(_refused(url, address, reason, where), where=where)
        client = self._client()
        self._pace(f"{url.host}:{port}", where)
        failure: httpx.ConnectError | None = None
        for address in addresses:
            try:
                return client.send(self._request(url, address, accept), stream=True)
            except httpx.ConnectError as exc:
                failure = exc
        assert failure is not None
        raise failure

    def _request(self, url: httpx.URL, address: IPAddress, accept: str) -> httpx.Request:
        """A GET to ``address`` that says ``url``'s host in ``Host`` and in the TLS SNI."""
        self._timeouts.update(dict.fromkeys(("connect", "read", "write", "pool"),
                                            self._time_left()))
        extensions: dict[str, object] = {"timeout": self._timeouts}
        if url.scheme == "https":
            extensions["sni_hostname"] = url.raw_host.decode("ascii")
        headers = {"Host": url.netloc.decode("ascii"), "User-Agent": self.policy.user_agent,
                   "Accept": accept, "Accept-Encoding": "gzip, deflate"}
        client = self._client()
        client.cookies.clear()  # cookies would be kept per IP address, not per site
        return client.build_request("GET", url.copy_with(host=str(address)), headers=headers,
                                    extensions=extensions)

    def _read(self, response: httpx.Response, final: httpx.URL, where: str) -> Fetched:
        """The body, within the byte limit and the deadline."""
        limit = self.policy.max_bytes
        declared = response.headers.get("content-length", "").strip()
        total = int(declared) if declared.isdigit() else None
        if total is not None and total > limit:
            raise too_large(limit, where)
        inflater = Inflater(content_coding(response.headers, where), limit, where)
        received = 0
        for chunk in response.iter_raw():
            received += len(chunk)
            if received > limit:
                raise too_large(limit, where)
            inflater.feed(chunk)
            self._timeouts["read"] = self._time_left()
            if self._progress is not None:
                self._progress(received, total)
        data = inflater.finish()
        media, charset = parse_content_type(response.headers.get("content-type"))
        check_magic(data, media, where)
        return Fetched(data=data, url=where, final_url=str(final), content_type=media,
                       charset=charset,
                       retrieved_at=datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"))

    def _client(self) -> httpx.Client:
        if self._http is None:
            # no proxies from the environment (they would connect for us, unchecked), no
            # redirects by httpx, no kept-alive connection shared across host names
            self._http = httpx.Client(transport=self._transport, verify=_tls_context(),
                                      trust_env=False, follow_redirects=False,
                                      limits=httpx.Limits(max_keepalive_connections=0))
        return self._http

    def _time_left(self) -> float:
        """The timeout for the next wait: the policy's, cut to the time left."""
        left = self._deadline - time.monotonic()
        if left <= 0:
            raise _DeadlinePassed
        return min(self.policy.timeout, left)

    def _pace(self, host: str, where: str) -> None:
        wait = _LIMITER.reserve(host, self.policy.rate_limit)
        if wait > 0:
            if time.monotonic() + wait > self._deadline:
                raise FetchError(f"waiting {wait:.2f} s for the rate limit of {host} would pass "
                                 f"the deadline of {self.policy.deadline:g} s", where=where)
            time.sleep(wait)

    def _timeout_message(self) -> str:
        if time.monotonic() >= self._deadline - 0.05:
            return (f"timed out: the fetch passed its deadline of {self.policy.deadline:g} s "
                    "(see [http] deadline)")
        return f"timed out (no response within {self.policy.timeout:g} s)"


@functools.cache
def _tls_context() -> ssl.SSLContext:
    """The certificate-verifying TLS context, made once per process (it takes a while)."""
    return httpx.create_ssl_context()


def _origin(url: httpx.URL) -> tuple[str, str, int]:
    return url.scheme, url.host, url.port or (443 if url.scheme == "https" else 80)


def _status(response: httpx.Response) -> str:
    return f"HTTP {response.status_code} {response.reason_phrase}".strip()


def _refused(url: httpx.URL, address: IPAddress, reason: str, where: str) -> str:
    """Why a connection was not attempted, in one line."""
    target = "" if str(url) == where else f"a redirect to {url}: "
    what = f"{address} is" if url.host == str(address) else f"{url.host} resolves to {address},"
    hint = "" if reason in _ALWAYS else "; --allow-private permits it"
    return f"refused before connecting: {target}{what} {reason}{hint}"


_ALWAYS = frozenset({"a cloud metadata address", "the unspecified address", "a multicast address",
                     "a reserved address"})
