"""The state sources as one: which base URL each uses, fetching by id, finding a stored copy.

Guarantees:

* :func:`base_url` is the one configured for this fetch (``--base-url``, else the
  environment's ``LEGCOMPARE_<NAME>_BASE_URL``, else ``[sources.<name>] base_url``: see
  :meth:`legcompare.config.Config.with_options`), else the environment's, else the service's
  own; it is trusted (may be a private address, as a govinfo mirror may) unless it is the
  service's own.
* :func:`fetch_state` fetches through the given client only.
* :func:`citation_form` cites a state bill fetched from these sources as the catalog does:
  its type's letters with periods, then its number (``A.B. 1215 § 2(a)``, ``S. 4457 § 1``).
* :func:`stored` finds a stored copy without any network access, by the source id its
  provenance records (a state source names its store reference from what it fetched: the
  source's own version names, which never collide with another source's).
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from typing import TYPE_CHECKING

from ..model import CitationForm, Provenance
from . import STATE_SOURCES, base_url_variable
from .api import Retrieved
from .http import HttpClient
from .leginfo import DEFAULT_BASE_URL as LEGINFO_URL
from .leginfo import LeginfoId, bill_page, fetch_leginfo
from .legiscan import DEFAULT_BASE_URL as LEGISCAN_URL
from .legiscan import LegiScanId, fetch_legiscan
from .openstates import DEFAULT_BASE_URL as OPENSTATES_URL
from .openstates import OpenStatesId, fetch_openstates

if TYPE_CHECKING:
    from ..store import Store, StoredText

__all__ = ["DEFAULT_URLS", "StateId", "base_url", "bill_page", "citation_form", "fetch_state",
           "stored"]

StateId = LegiScanId | OpenStatesId | LeginfoId
DEFAULT_URLS = {"legiscan": LEGISCAN_URL, "openstates": OPENSTATES_URL, "leginfo": LEGINFO_URL}
assert tuple(DEFAULT_URLS) == STATE_SOURCES
_SCHEMES = ("legiscan:", "openstates:", "ca:")
_BILL = re.compile(r"(?P<kind>[a-z]{1,4})(?P<number>[0-9]{1,6})-[a-z0-9]+")


def base_url(name: str, configured: Mapping[str, str] | None = None) -> tuple[str, bool]:
    """(the base URL for source ``name``, whether the user chose it); see the module docstring."""
    chosen = (configured or {}).get(name) or os.environ.get(base_url_variable(name), "").strip()
    return (chosen, True) if chosen else (DEFAULT_URLS[name], False)


def fetch_state(sid: StateId, *, client: HttpClient, base: str) -> Retrieved:
    """The document ``sid`` names, from its source at ``base``."""
    if isinstance(sid, LegiScanId):
        return fetch_legiscan(sid, client=client, base_url=base)
    if isinstance(sid, OpenStatesId):
        return fetch_openstates(sid, client=client, base_url=base)
    return fetch_leginfo(sid, client=client, base_url=base)


def stored(store: Store, sid: StateId) -> StoredText | None:
    """The stored copy of ``sid``, if any (the one retrieved last, when several)."""
    matches = [s for s in store.list() if s.provenance.source == str(sid)]
    return max(matches, key=lambda s: (s.provenance.retrieved_at or "", s.ref), default=None)


def citation_form(provenance: Provenance) -> CitationForm | None:
    """How to cite a bill fetched from a state source (see the module docstring)."""
    m = _BILL.fullmatch(provenance.document)
    if m is None or not provenance.source.startswith(_SCHEMES):
        return None
    letters = "".join(f"{c}." for c in m["kind"].upper())
    return CitationForm(style="bill", prefix=f"{letters} {int(m['number'])}")
