"""The limits of legcompare's one HTTP client (:mod:`.http`), apart from it: reading the
configuration or a document from disk needs the policy, not the client library."""

from __future__ import annotations

from dataclasses import dataclass

from .. import __version__
from ..ingest.decode import DEFAULT_MAX_BYTES

USER_AGENT = f"legcompare/{__version__} (+https://github.com/legcompare)"
"""Who is asking: the tool, its version, where to read about it."""


@dataclass(frozen=True)
class HttpPolicy:
    """Every limit of the client, in one place."""

    timeout: float = 30.0
    """Seconds to connect, and to wait for each piece of the response."""
    deadline: float = 120.0
    """Seconds one fetch may take in all: lookups aside, every hop, retry and wait."""
    max_bytes: int = DEFAULT_MAX_BYTES
    """The most bytes a body may have, as received and once decompressed."""
    rate_limit: float = 0.2
    """The least seconds between the starts of two requests to one host."""
    max_redirects: int = 5
    """The most redirects one fetch follows."""
    attempts: int = 3
    """Requests made for one URL when the server answers 429 or 5xx."""
    backoff: float = 0.5
    """Seconds before the first retry when the server gives no ``Retry-After``; doubles."""
    max_retry_wait: float = 10.0
    """The longest wait before a retry, whatever ``Retry-After`` asks."""
    allow_private: bool = False
    """Permit loopback, private and link-local addresses (metadata addresses stay refused)."""
    offline: bool = False
    """Refuse all network access (so does ``LEGCOMPARE_OFFLINE=1``)."""
    user_agent: str = USER_AGENT
    """The ``User-Agent`` header."""
