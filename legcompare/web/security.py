"""What the web app refuses, and the headers every response carries.

Guarantees:

* :class:`HostGuard` admits a request only when its ``Host`` header is ``127.0.0.1:PORT``,
  ``localhost:PORT`` or ``[::1]:PORT`` (or the address the server was explicitly bound to, with
  its port), so a page on another site whose name was rebound to 127.0.0.1 (DNS rebinding)
  cannot talk to the app. Until the server knows its port, nothing is admitted.
* A state-changing request (POST) must carry the CSRF token of the session (a random token kept
  in Flask's signed, ``SameSite=Strict`` session cookie and echoed in a hidden form field; the
  comparison is constant-time) and, when the browser sends ``Origin``, an origin of this app.
* :func:`page_headers` give every app page a Content-Security-Policy allowing only the app's own
  scripts and styles (no inline script or style, nothing from elsewhere, no framing);
  :func:`report_headers` serve a report (whose template has its own inline CSS and no script)
  sandboxed, frameable by the app only.
* Every refusal is a :class:`Refused` carrying the HTTP status and a one-line message.
"""

from __future__ import annotations

import hmac
import secrets
from collections.abc import Iterable, MutableMapping
from dataclasses import dataclass, field
from ipaddress import ip_address

from ..errors import LegcompareError

__all__ = ["CSRF_FIELD", "HostGuard", "Refused", "check_csrf", "csrf_token", "page_headers",
           "report_headers"]

CSRF_FIELD = "csrf_token"
"""The hidden form field holding the session's CSRF token."""
_SESSION_KEY = "csrf"

PAGE_CSP = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "
            "connect-src 'self'; form-action 'self'; frame-src 'self'; frame-ancestors 'none'; "
            "base-uri 'none'")
"""The app's pages: its own scripts and styles (files under /static/), nothing inline."""
REPORT_CSP = ("default-src 'none'; style-src 'unsafe-inline'; img-src data:; "
              "frame-ancestors 'self'; base-uri 'none'; form-action 'none'; sandbox")
"""A report page: the report template's own policy (inline CSS, no script at all), sandboxed,
and framed only by the app's result page."""
_COMMON = {"X-Content-Type-Options": "nosniff",
           "Referrer-Policy": "same-origin",  # not "no-referrer": forms then send "Origin: null"
           "Cross-Origin-Opener-Policy": "same-origin",
           "Cross-Origin-Resource-Policy": "same-origin"}


class Refused(LegcompareError):
    """A request the app will not serve: bad input, a foreign host, a missing token, too much."""

    def __init__(self, message: str, *, status: int = 400, where: str | None = None,
                 title: str = "The request was refused") -> None:
        super().__init__(message, where=where)
        self.status = status
        self.title = title


_LOOPBACK_NAMES = ("127.0.0.1", "localhost", "[::1]")
_WILDCARDS = ("", "0.0.0.0", "::")


@dataclass
class HostGuard:
    """The ``Host`` values the app answers to (set once the server has its port)."""

    allowed: frozenset[str] = field(default_factory=frozenset)

    def bind(self, host: str, port: int) -> None:
        """Admit the loopback names with ``port``, and ``host`` itself when the server was bound
        to one specific address (not a wildcard)."""
        names = list(_LOOPBACK_NAMES)
        bound = host.strip("[]")
        if bound not in _WILDCARDS and bound not in ("127.0.0.1", "::1", "localhost"):
            names.append(f"[{bound}]" if _is_ipv6(bound) else bound.lower())
        self.allowed = frozenset(f"{name}:{port}" for name in names) | (
            frozenset(names) if port == 80 else frozenset())

    def origins(self) -> frozenset[str]:
        """The ``Origin`` values of this app's own pages."""
        return frozenset(f"http://{host}" for host in self.allowed)

    def check(self, host_header: str | None) -> None:
        """Refuse a request whose ``Host`` is not one of :attr:`allowed`."""
        given = (host_header or "").strip().lower()
        if given not in self.allowed:
            shown = given[:100] or "no Host header"
            ours = " or ".join(sorted(h for h in self.allowed if ":" in h)) or "(not yet bound)"
            raise Refused(
                f"this server answers only to {ours}, not to {shown}: a page that reaches it "
                "under another name may be trying DNS rebinding, so the request was refused",
                status=403, title="Unknown host")

    def check_origin(self, origin: str | None) -> None:
        """Refuse a POST whose ``Origin`` (when the browser sends one) is another site."""
        if origin is not None and origin.strip().lower() not in self.origins():
            raise Refused(f"a form sent from another site ({origin[:100]}) was refused",
                          status=403, title="Foreign form")


def _is_ipv6(host: str) -> bool:
    try:
        return ip_address(host).version == 6
    except ValueError:
        return False


def csrf_token(session: MutableMapping[str, object]) -> str:
    """The session's CSRF token, made on first use."""
    token = session.get(_SESSION_KEY)
    if not isinstance(token, str) or not token:
        token = secrets.token_urlsafe(32)
        session[_SESSION_KEY] = token
    return token


def check_csrf(session: MutableMapping[str, object], sent: str | None) -> None:
    """Refuse a form whose token is missing or is not the session's."""
    expected = session.get(_SESSION_KEY)
    if not sent or not isinstance(expected, str) or not hmac.compare_digest(
            sent.encode("utf-8", "replace"), expected.encode("utf-8")):
        raise Refused("the form's security token (CSRF) is missing or out of date, so nothing "
                      "was done: open the page again from this app and send the form again",
                      status=403, title="Form expired")


def page_headers(*, cache: bool = False) -> Iterable[tuple[str, str]]:
    """Headers of an app page (or a static file)."""
    yield from _COMMON.items()
    yield "Content-Security-Policy", PAGE_CSP
    yield "X-Frame-Options", "DENY"
    if not cache:
        yield "Cache-Control", "no-store"


def report_headers() -> Iterable[tuple[str, str]]:
    """Headers of a report shown inside the result page."""
    yield from _COMMON.items()
    yield "Content-Security-Policy", REPORT_CSP
    yield "X-Frame-Options", "SAMEORIGIN"
    yield "Cache-Control", "no-store"
