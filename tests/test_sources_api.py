"""LegiScan, Open States and leginfo, each against a stand-in server on 127.0.0.1 started here.

The answers follow each service's published shapes; every fixture says which page it follows.
The ids, dates and bill texts are made up for the test (short snippets, not real bill text).
No test reaches the real services: their default base URLs are closed local ports, and every
fetch is given the stand-in's address.
"""

from __future__ import annotations

import base64
import hashlib
import json
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, unquote, urlsplit

import pytest
from click.testing import CliRunner

import legcompare.sources.states
from legcompare.cli import main
from legcompare.errors import FetchError, OfflineError
from legcompare.fetch import fetch, resolve_ref
from legcompare.markup import BEFORE_PREVIOUS_PRINT
from legcompare.model import MarkKind, NoteKind
from legcompare.resolve import Resolver
from legcompare.sources import parse_state_id
from legcompare.sources.http import HttpPolicy
from legcompare.split import split
from legcompare.store import Store

from .test_ingest_pdf import make_pdf

FAST = HttpPolicy(rate_limit=0.0, backoff=0.0)
LEGISCAN_KEY = "lsk-0123456789abcdef"
OPENSTATES_KEY = "osk-fedcba9876543210"
Answer = tuple[int, str, bytes, dict[str, str]]  # status, content type, body, headers

# A bill text written for these tests (not a real bill's words), in each service's dress.
BILL_HTML = b"""<html><head><title>California-2019-AB1215-Chaptered</title></head><body>
<p>Assembly Bill No. 1215</p>
<p>The people of the State of California do enact as follows:</p>
<p>SECTION 1. The Legislature finds that face scanning by police cameras chills speech.</p>
<p>SEC. 2. (a) No agency may run a face scanner on an officer camera.</p>
<p>(b) A person harmed by a violation may bring an action for damages.</p>
<p>SEC. 3. This act shall remain in effect only until January 1, 2023.</p>
</body></html>"""
BILL_IDS = ["front", "enacting", "s1", "s2", "s2/a", "s2/b", "s3"]
SMALL_PDF = make_pdf(["SECTION 1. No agency may run a face scanner on an officer camera."],
                     heads=False, numbered=False)


def json_answer(data: object, status: int = 200, **headers: str) -> Answer:
    return status, "application/json", json.dumps(data).encode("utf-8"), dict(headers)


def clause_ids(document: object) -> list[str]:
    return [c.id for c in split(document).walk()]  # type: ignore[arg-type]


# --- the stand-in server ------------------------------------------------------------------------


@dataclass
class Service:
    """What the server answers: ``answer(path, query)``; it records each request."""

    answer: Callable[[str, dict[str, str]], Answer]
    requests: list[tuple[str, dict[str, str]]] = field(default_factory=list)
    base: str = ""
    """Where it is served (set by :func:`serving`)."""


@contextmanager
def serving(service: Service) -> Iterator[str]:
    """The service on 127.0.0.1 for the duration; its base URL."""

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            parts = urlsplit(self.path)
            query = dict(parse_qsl(parts.query, keep_blank_values=True))
            service.requests.append((unquote(parts.path), query))
            status, media, body, headers = service.answer(unquote(parts.path), query)
            self.send_response(status)
            self.send_header("Content-Type", media)
            self.send_header("Content-Length", str(len(body)))
            for name, value in headers.items():
                self.send_header(name, value)
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: object) -> None:
            pass

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, args=(0.01,), daemon=True)
    thread.start()
    service.base = f"http://127.0.0.1:{httpd.server_address[1]}"
    try:
        yield service.base
    finally:
        httpd.shutdown()
        httpd.server_close()


@pytest.fixture(autouse=True)
def isolated(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """No keys, base URLs, proxies, store or configuration from the environment; the services'
    own addresses are closed local ports."""
    for name in ("LEGISCAN_API_KEY", "OPENSTATES_API_KEY", "LEGCOMPARE_LEGISCAN_BASE_URL",
                 "LEGCOMPARE_OPENSTATES_BASE_URL", "LEGCOMPARE_LEGINFO_BASE_URL",
                 "LEGCOMPARE_OFFLINE", "LEGCOMPARE_STORE", "LEGCOMPARE_CONFIG", "HTTP_PROXY",
                 "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy", "all_proxy"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config-home"))
    monkeypatch.chdir(tmp_path)
    closed = dict.fromkeys(("legiscan", "openstates", "leginfo"), "http://127.0.0.1:9")
    monkeypatch.setattr(legcompare.sources.states, "DEFAULT_URLS", closed)


# --- LegiScan -------------------------------------------------------------------------------------
# Shapes: LegiScan API User Manual (https://legiscan.com/gaits/documentation/legiscan), sections
# getBillText and getBill, as transcribed field by field in the public client legiscan/legiscan
# API dictionaries (getBillText: doc_id, bill_id, date, type, type_id, mime, mime_id, text_size,
# text_hash (MD5 of the decoded document), doc (base64)); the envelope {"status": "OK", ...} and
# errors {"status": "ERROR", "alert": {"message": ...}} as the manual and the public clients
# poliquin/pylegiscan and sh-patterson/legiscan-mcp read them. The alert texts are illustrative.

LEGISCAN_DOC, LEGISCAN_BILL = 2068312, 1226431


def legiscan_text(doc: bytes, mime: str, doc_id: int = LEGISCAN_DOC) -> dict[str, Any]:
    """getBillText's answer: the manual's ``text`` record around a base64 document."""
    return {"status": "OK", "text": {
        "doc_id": doc_id, "bill_id": LEGISCAN_BILL, "date": "2019-10-08", "type": "Chaptered",
        "type_id": 6, "mime": mime, "mime_id": {"text/html": 1, "application/pdf": 2}.get(mime, 4),
        "text_size": len(doc), "text_hash": hashlib.md5(doc).hexdigest(),
        "doc": base64.b64encode(doc).decode("ascii")}}


def legiscan_bill(doc_id: int = LEGISCAN_DOC) -> dict[str, Any]:
    """getBill's answer: the manual's ``bill`` record (lists the manual documents left short)."""
    return {"status": "OK", "bill": {
        "bill_id": LEGISCAN_BILL, "change_hash": "9f0e4d3c2b1a", "session_id": 1637,
        "session": {"session_id": 1637, "state_id": 5, "year_start": 2019, "year_end": 2020,
                    "prefile": 0, "sine_die": 1, "prior": 1, "special": 0,
                    "session_tag": "Regular Session", "session_title": "2019-2020 Regular Session",
                    "session_name": "2019-2020 Regular Session"},
        "url": "https://legiscan.com/CA/bill/AB1215/2019",
        "state_link": "https://leginfo.legislature.ca.gov/faces/billNavClient.xhtml?bill_id="
                      "201920200AB1215",
        "completed": 1, "status": 4, "status_date": "2019-10-08",
        "progress": [{"date": "2019-02-21", "event": 1}, {"date": "2019-10-08", "event": 4}],
        "state": "CA", "state_id": 5, "bill_number": "AB1215", "bill_type": "B",
        "bill_type_id": "1", "body": "A", "body_id": 19, "current_body": "A",
        "current_body_id": 19,
        "title": "Law enforcement: facial recognition and other biometric surveillance.",
        "description": "A test description.", "pending_committee_id": 0, "committee": [],
        "referrals": [], "history": [], "sponsors": [], "sasts": [], "subjects": [],
        "texts": [{"doc_id": doc_id, "date": "2019-10-08", "type": "Chaptered", "type_id": 6,
                   "mime": "text/html", "mime_id": 1,
                   "url": f"https://legiscan.com/CA/text/AB1215/id/{doc_id}",
                   "state_link": "https://leginfo.legislature.ca.gov/faces/billTextClient.xhtml"
                                 "?bill_id=201920200AB1215", "text_size": 1, "text_hash": "x"}],
        "votes": [], "amendments": [], "supplements": [], "calendar": []}}


def legiscan_service(doc: bytes = BILL_HTML, mime: str = "text/html",
                     limited: int = 0) -> Service:
    """LegiScan's one endpoint: the key and the operation in the query. The first ``limited``
    requests are refused with HTTP 429."""
    count = [0]

    def answer(path: str, q: dict[str, str]) -> Answer:
        count[0] += 1
        if count[0] <= limited:
            return json_answer({"status": "ERROR", "alert": {"message": "Too many requests"}},
                               429, **{"Retry-After": "0"})
        if path != "/":
            return 404, "text/plain", b"not found", {}
        if q.get("key") != LEGISCAN_KEY:
            return json_answer({"status": "ERROR", "alert": {"message": "Invalid API key"}})
        if q.get("op") == "getBillText" and q.get("id") == str(LEGISCAN_DOC):
            return json_answer(legiscan_text(doc, mime))
        if q.get("op") == "getBill" and q.get("id") == str(LEGISCAN_BILL):
            return json_answer(legiscan_bill())
        return json_answer({"status": "ERROR", "alert": {"message": "Unknown document id"}})

    return Service(answer)


def test_legiscan_fetches_a_bill_text_and_keeps_its_key_out(
        monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("LEGISCAN_API_KEY", LEGISCAN_KEY)
    service = legiscan_service()
    store = Store(tmp_path / "store")
    with serving(service) as base:
        stored = fetch(f"legiscan:{LEGISCAN_DOC}", store=store, state_urls={"legiscan": base},
                       policy=FAST)
    assert stored.ref == "us-ca/ab1215-2019@chaptered-2019-10-08"
    assert [(q["op"], q["id"]) for _, q in service.requests] == [
        ("getBillText", str(LEGISCAN_DOC)), ("getBill", str(LEGISCAN_BILL))]
    p = stored.provenance
    assert (p.source, p.format, p.content_type, p.version_date) == (
        "legiscan:2068312", "html", "text/html", "2019-10-08")
    assert p.url == f"{base}/?op=getBillText&id={LEGISCAN_DOC}"
    assert p.title == ("CA AB1215 (2019-2020 Regular Session): Law enforcement: facial "
                       "recognition and other biometric surveillance.")
    assert p.license == "CC BY 4.0, LegiScan (https://legiscan.com)"
    assert stored.path.read_bytes() == BILL_HTML
    assert stored.path.suffix == ".htm"
    assert LEGISCAN_KEY not in stored.provenance_path.read_text(encoding="utf-8")
    document = resolve_ref(stored.ref, store)
    assert document is not None and clause_ids(document) == BILL_IDS
    # Read again by its id, offline: found in the store by the source its provenance names.
    again = Resolver(store=tmp_path / "store", offline=True)(f"legiscan:{LEGISCAN_DOC}")
    assert again.provenance.source == f"legiscan:{LEGISCAN_DOC}"
    assert again.text == document.text


def test_legiscan_pdf_is_stored_as_pdf_and_read_by_position(
        monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    pdf = make_pdf(["SECTION 1. No agency may run a face scanner on an officer camera.",
                    "SEC. 2. This act shall remain in effect only until January 1, 2023."],
                   heads=False)
    monkeypatch.setenv("LEGISCAN_API_KEY", LEGISCAN_KEY)
    store = Store(tmp_path / "store")
    with serving(legiscan_service(pdf, "application/pdf")) as base:
        stored = fetch(f"legiscan:{LEGISCAN_DOC}", store=store, state_urls={"legiscan": base},
                       policy=FAST)
    assert stored.path.name == "chaptered-2019-10-08.pdf"
    assert stored.path.read_bytes() == pdf
    document = resolve_ref(stored.ref, store)
    assert document is not None
    assert document.provenance.format == "pdf"
    assert [(c.id, c.locator) for c in split(document).walk()] == [
        ("s1", "p. 1, l. 1"), ("s2", "p. 1, l. 2")]


@pytest.mark.parametrize(("key", "doc", "expected"), [
    ("wrong-key", LEGISCAN_DOC,
     (f"legiscan:{LEGISCAN_DOC}: LegiScan refused getBillText {LEGISCAN_DOC}: Invalid API key "
     "(check LEGISCAN_API_KEY)")),
    (LEGISCAN_KEY, 999,
     "legiscan:999: LegiScan refused getBillText 999: Unknown document id"),
])
def test_legiscan_bad_key_and_unknown_document(
        monkeypatch: pytest.MonkeyPatch, tmp_path: Path, key: str, doc: int,
        expected: str) -> None:
    monkeypatch.setenv("LEGISCAN_API_KEY", key)
    with serving(legiscan_service()) as base, pytest.raises(FetchError) as caught:
        fetch(f"legiscan:{doc}", store=Store(tmp_path), state_urls={"legiscan": base},
              policy=FAST)
    assert str(caught.value) == expected
    assert not (tmp_path / "us-ca").exists()


def test_legiscan_rate_limit_is_retried_then_reported(
        monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("LEGISCAN_API_KEY", LEGISCAN_KEY)
    with serving(legiscan_service(limited=1)) as base:  # one 429, then answers
        stored = fetch(f"legiscan:{LEGISCAN_DOC}", store=Store(tmp_path),
                       state_urls={"legiscan": base}, policy=FAST)
    assert stored.ref == "us-ca/ab1215-2019@chaptered-2019-10-08"
    service = legiscan_service(limited=100)
    with serving(service) as base, pytest.raises(FetchError) as caught:
        fetch(f"legiscan:{LEGISCAN_DOC}", store=Store(tmp_path / "other"),
              state_urls={"legiscan": base}, policy=FAST)
    assert str(caught.value) == (
        f"legiscan:{LEGISCAN_DOC}: LegiScan's rate limit: HTTP 429 Too Many Requests (gave up "
        "after 3 attempts); wait and try again")
    assert len(service.requests) == 3
    assert LEGISCAN_KEY not in str(caught.value)


def test_legiscan_without_a_key_or_offline(monkeypatch: pytest.MonkeyPatch,
                                           tmp_path: Path) -> None:
    with pytest.raises(FetchError) as caught:
        fetch("legiscan:5", store=Store(tmp_path), policy=FAST)
    assert str(caught.value) == ("legiscan:5: LegiScan needs an API key in the environment "
                                 "variable LEGISCAN_API_KEY (get one at "
                                 "https://legiscan.com/legiscan)")
    monkeypatch.setenv("LEGISCAN_API_KEY", LEGISCAN_KEY)
    with pytest.raises(OfflineError) as offline:
        fetch("legiscan:5", store=Store(tmp_path), policy=HttpPolicy(offline=True))
    assert LEGISCAN_KEY not in str(offline.value)


def test_legiscan_word_97_is_refused_with_the_state_link(
        monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("LEGISCAN_API_KEY", LEGISCAN_KEY)
    with serving(legiscan_service(b"\xd0\xcf\x11\xe0 old word", "application/doc")) as base, \
            pytest.raises(FetchError) as caught:
        fetch(f"legiscan:{LEGISCAN_DOC}", store=Store(tmp_path), state_urls={"legiscan": base},
              policy=FAST)
    assert "LegiScan has this text only as application/doc" in str(caught.value)


# --- Open States ----------------------------------------------------------------------------------
# Shapes: Open States API v3 (https://docs.openstates.org/api-v3/; OpenAPI at
# https://v3.openstates.org/docs): GET /bills/{jurisdiction}/{session}/{bill_id}?include=versions
# answers the Bill schema (id, session, jurisdiction, from_organization, identifier, title, ...,
# openstates_url, versions: [{note, date, links: [{url, media_type}]}]), fields not included
# left out; errors are {"detail": ...}: 401 invalid key, 403 missing key, 404 "No such Bill.",
# 429 rate limit, as in openstates/api-v3 (api/auth.py, api/bills.py and its tests).


def openstates_bill(base: str) -> dict[str, Any]:
    return {
        "id": "ocd-bill/5a6f3e1c-0000-4000-8000-000000001215", "session": "20192020",
        "jurisdiction": {"id": "ocd-jurisdiction/country:us/state:ca/government",
                         "name": "California", "classification": "state"},
        "from_organization": {"id": "ocd-organization/0000", "name": "Assembly",
                              "classification": "lower"},
        "identifier": "AB 1215",
        "title": "Law enforcement: facial recognition and other biometric surveillance.",
        "classification": ["bill"], "subject": [], "extras": {},
        "created_at": "2019-02-22T03:05:11.000000+00:00",
        "updated_at": "2019-10-09T03:05:11.000000+00:00",
        "openstates_url": "https://openstates.org/ca/bills/20192020/AB1215/",
        "first_action_date": "2019-02-21", "latest_action_date": "2019-10-08",
        "latest_action_description": "Chaptered by Secretary of State.",
        "latest_passage_date": "2019-09-12",
        "versions": [
            {"note": "Introduced", "date": "2019-02-21",
             "links": [{"url": f"{base}/docs/ab1215-introduced.pdf",
                        "media_type": "application/pdf"}]},
            {"note": "Amended Assembly", "date": "2019-03-25",
             "links": [{"url": f"{base}/docs/ab1215-amd1.htm", "media_type": "text/html"}]},
            {"note": "Amended Assembly", "date": "2019-04-22",
             "links": [{"url": f"{base}/docs/ab1215-amd2.pdf", "media_type": "application/pdf"},
                       {"url": f"{base}/docs/ab1215-amd2.htm", "media_type": "text/html"}]},
        ]}


def openstates_service(pdf: bytes) -> Service:
    def answer(path: str, q: dict[str, str]) -> Answer:
        if path.startswith("/docs/"):
            if path.endswith(".pdf"):
                return 200, "application/pdf", pdf, {}
            return 200, "text/html; charset=utf-8", BILL_HTML, {}
        if not q.get("apikey"):
            return json_answer({"detail": "Must provide API Key as ?apikey or X-API-KEY."}, 403)
        if q["apikey"] != OPENSTATES_KEY:
            return json_answer({"detail": "Invalid API Key."}, 401)
        if q.get("apikey") == OPENSTATES_KEY and path == "/bills/ca/20192020/AB1215":
            assert q.get("include") == "versions"
            return json_answer(openstates_bill(service.base))
        if path == "/bills/ca/20192020/AB9999":
            return json_answer({"detail": "exceeded limit of 10/min: 11"}, 429,
                               **{"Retry-After": "0"})
        return json_answer({"detail": "No such Bill."}, 404)

    service = Service(answer)
    return service


@contextmanager
def openstates(pdf: bytes = SMALL_PDF) -> Iterator[tuple[Service, str]]:
    service = openstates_service(pdf)
    with serving(service) as base:
        yield service, base


def test_openstates_fetches_the_version_from_the_states_document(
        monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("OPENSTATES_API_KEY", OPENSTATES_KEY)
    store = Store(tmp_path / "store")
    with openstates() as (service, base):
        stored = fetch("openstates:ca/20192020/AB1215@amended-assembly-2019-04-22", store=store,
                       state_urls={"openstates": base}, policy=FAST)
    assert stored.ref == "us-ca/ab1215-2019@amended-assembly-2019-04-22"
    # HTML is preferred to PDF among a version's links
    assert [path for path, _ in service.requests] == ["/bills/ca/20192020/AB1215",
                                                      "/docs/ab1215-amd2.htm"]
    p = stored.provenance
    assert (p.url, p.version_date, p.format) == (f"{base}/docs/ab1215-amd2.htm", "2019-04-22",
                                                 "html")
    assert p.title == ("CA AB 1215 (20192020): Law enforcement: facial recognition and other "
                       "biometric surveillance.")
    assert OPENSTATES_KEY not in stored.provenance_path.read_text(encoding="utf-8")
    document = resolve_ref(stored.ref, store)
    assert document is not None and clause_ids(document) == BILL_IDS


def test_openstates_reads_a_pdf_version_through_the_resolver(
        monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("OPENSTATES_API_KEY", OPENSTATES_KEY)
    with openstates() as (service, base):
        read = Resolver(store=tmp_path / "store", state_urls=(("openstates", base),),
                        http=FAST)
        document = read("openstates:CA/20192020/AB 1215@introduced")
        again = read("openstates:ca/20192020/AB1215@introduced")
    assert document.provenance.source == "openstates:ca/20192020/AB1215@introduced"
    assert document.provenance.format == "pdf"
    assert clause_ids(document) == ["s1"]
    assert again.text == document.text
    assert len(service.requests) == 2  # the second read came from the store


@pytest.mark.parametrize(("key", "source", "expected"), [
    ("wrong", "AB1215@introduced",
     "Open States refused the API key in OPENSTATES_API_KEY (HTTP 401 Unauthorized)"),
    (OPENSTATES_KEY, "AB1216@introduced",
     "Open States has no bill AB1216 in CA session 20192020 (HTTP 404)"),
    (OPENSTATES_KEY, "AB9999@introduced",
     ("Open States' rate limit: HTTP 429 Too Many Requests (gave up after 3 attempts); wait "
     "and try again")),
    (OPENSTATES_KEY, "AB1215@amended-assembly",
     ("several versions match 'amended-assembly' of CA AB1215 (20192020) on Open States; its "
     "versions: introduced, amended-assembly-2019-03-25, amended-assembly-2019-04-22")),
    (OPENSTATES_KEY, "AB1215@chaptered",
     ("no version matches 'chaptered' of CA AB1215 (20192020) on Open States; its versions: "
     "introduced, amended-assembly-2019-03-25, amended-assembly-2019-04-22")),
])
def test_openstates_errors(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, key: str,
                           source: str, expected: str) -> None:
    monkeypatch.setenv("OPENSTATES_API_KEY", key)
    with openstates() as (_, base), pytest.raises(FetchError) as caught:
        fetch(f"openstates:ca/20192020/{source}", store=Store(tmp_path),
              state_urls={"openstates": base}, policy=FAST)
    assert str(caught.value) == f"openstates:ca/20192020/{source}: {expected}"
    assert key not in str(caught.value)


# --- leginfo --------------------------------------------------------------------------------------
# Shape: leginfo.legislature.ca.gov publishes no API. The page below has the parts of
# /faces/billTextClient.xhtml?bill_id=<id> that public scrapers of it rely on (the bill text in
# div#bill_all; the versions in select#version, option values such as 20190AB121598AMD; additions
# as <font color="blue" class="blue_text"><i>, deletions as <font color="#B30000"><strike>),
# and the Legislature's description of amended bill text (added matter in italics, deleted
# matter struck: "Accessing the Text of a Bill", California State Senate guide; and the
# UC Merced guide "Read bills": "added text is displayed in blue italics and deleted text is
# crossed out in red"). Menus stand for the site's chrome.

VERSIONS = [("20190AB121591CHP", "10/08/19 - Chaptered"),
            ("20190AB121592ENR", "09/12/19 - Enrolled"),
            ("20190AB121598AMD", "03/25/19 - Amended Assembly"),
            ("20190AB121599INT", "02/21/19 - Introduced")]


def leginfo_page(code: str) -> bytes:
    options = "".join(f'<option value="{v}"{" selected" if v == code else ""}>{label}</option>'
                      for v, label in VERSIONS)
    amended = "<p>Amended IN Assembly March 25, 2019</p>" if code.endswith("AMD") else ""
    change = ('<font color="#B30000"><strike>five years</strike></font> '
              '<font color="blue" class="blue_text"><i>one year</i></font>'
              if code.endswith("AMD") else "five years")
    return (f"""<!DOCTYPE html><html><head><title>Bill Text - AB-1215 Law enforcement: facial
recognition and other biometric surveillance.</title></head><body>
<div id="nav"><a href="/">Home</a> <a href="/faces/billSearchClient.xhtml">Bill Information</a>
<a href="/faces/codes.xhtml">California Law</a></div>
<form id="billTextForm"><select id="version" name="version">{options}</select></form>
<div id="bill_all"><div id="bill">{amended}
<p>The people of the State of California do enact as follows:</p>
<p>SECTION 1. (a) An agency shall keep camera footage no longer than {change}.</p>
<p>(b) A person may inspect footage of that person.</p>
</div></div>
<div id="footer">Back to top</div></body></html>""").encode()


def leginfo_service(limited: bool = False) -> Service:
    def answer(path: str, q: dict[str, str]) -> Answer:
        if limited:
            return 429, "text/html", b"<p>Too many requests</p>", {"Retry-After": "0"}
        if path != "/faces/billTextClient.xhtml":
            return 404, "text/html", b"<p>Not found</p>", {}
        if q.get("bill_id") != "201920200AB1215":
            return 200, "text/html", b"<html><body><p>No bill found.</p></body></html>", {}
        code = q.get("version", VERSIONS[0][0])
        if code not in dict(VERSIONS):
            code = VERSIONS[0][0]  # leginfo shows the latest version instead
        return 200, "text/html;charset=UTF-8", leginfo_page(code), {}

    return Service(answer)


def test_leginfo_named_version_is_looked_up_and_its_markup_kept(tmp_path: Path) -> None:
    service = leginfo_service()
    store = Store(tmp_path / "store")
    with serving(service) as base:
        stored = fetch("ca:2019-2020/ab1215@chaptered", store=store,
                       state_urls={"leginfo": base}, policy=FAST)
        amended = fetch("CA:2019-2020/AB1215@98AMD", store=store,
                        state_urls={"leginfo": base}, policy=FAST)
    # stored under leginfo's own version codes, however the version was asked for
    assert (stored.ref, amended.ref) == ("us-ca/ab1215-2019@91chp", "us-ca/ab1215-2019@98amd")
    assert [q for _, q in service.requests] == [
        {"bill_id": "201920200AB1215"},
        {"bill_id": "201920200AB1215", "version": "20190AB121591CHP"},
        {"bill_id": "201920200AB1215", "version": "20190AB121598AMD"}]
    assert stored.provenance.version_date == "2019-10-08"
    assert amended.provenance.source == "ca:2019-2020/AB1215@98amd"
    document = resolve_ref(amended.ref, store)
    assert document is not None
    assert [(m.kind, m.text.strip(), m.source) for m in document.marks] == [
        (MarkKind.STRUCK, "five years", "html:strike"),
        (MarkKind.INSERTED, "one year", "html:class=blue_text")]
    assert document.before == BEFORE_PREVIOUS_PRINT
    assert "Bill Information" not in document.text  # the site's menus are not read
    assert "California Law" not in document.text
    assert [(c.id, c.citation) for c in split(document).walk()][2:] == [
        ("s1", "A.B. 1215 § 1"), ("s1/a", "A.B. 1215 § 1(a)"), ("s1/b", "A.B. 1215 § 1(b)")]
    assert amended.provenance.title == ("AB-1215 Law enforcement: facial recognition and other "
                                        "biometric surveillance.")
    said = [n.text for n in document.provenance.notes if n.kind is NoteKind.PROVENANCE]
    assert ("leginfo version 20190AB121598AMD (03/25/19 - Amended Assembly); read from the "
            "page's bill text (div#bill_all), its menus left out") in said


@pytest.mark.parametrize(("source", "expected"), [
    ("ca:2019-2020/AB1216@chaptered",
     "ca:2019-2020/AB1216@chaptered: leginfo has no bill text for AB 1216 (2019-2020)"),
    ("ca:2019-2020/ab1215@97AMD",
     ("ca:2019-2020/AB1215@97amd: AB 1215 (2019-2020) has no version 20190AB121597AMD on "
     "leginfo; it has: 91chp (10/08/19 - Chaptered), 92enr (09/12/19 - Enrolled), 98amd "
     "(03/25/19 - Amended Assembly), 99int (02/21/19 - Introduced)")),
])
def test_leginfo_unknown_bill_and_version(tmp_path: Path, source: str, expected: str) -> None:
    with serving(leginfo_service()) as base, pytest.raises(FetchError) as caught:
        fetch(source, store=Store(tmp_path), state_urls={"leginfo": base}, policy=FAST)
    assert str(caught.value) == expected


def test_leginfo_rate_limit(tmp_path: Path) -> None:
    with serving(leginfo_service(limited=True)) as base, pytest.raises(FetchError) as caught:
        fetch("ca:2019-2020/AB1215@chaptered", store=Store(tmp_path),
              state_urls={"leginfo": base}, policy=FAST)
    assert str(caught.value) == ("ca:2019-2020/AB1215@chaptered: leginfo's rate limit: HTTP 429 "
                                 "Too Many Requests (gave up after 3 attempts); wait and try "
                                 "again")


# --- ids, configuration and the command line -----------------------------------------------------


@pytest.mark.parametrize(("text", "expected"), [
    ("legiscan:2068312", "legiscan:2068312"),
    ("openstates:NY/2023-2024/S 4457@amended", "openstates:ny/2023-2024/S4457@amended"),
    ("ca:2019-2020/AB1215@20190AB121591CHP", "ca:2019-2020/AB1215@91chp"),
    ("CA:2019-2020/ab1215@Chaptered", "ca:2019-2020/AB1215@chaptered"),
    ("govinfo:116/hr/2157@ih", None),
])
def test_state_ids_are_canonical(text: str, expected: str | None) -> None:
    sid = parse_state_id(text)
    assert (str(sid) if sid else None) == expected


@pytest.mark.parametrize("text", ["legiscan:abc", "openstates:ca/20192020/AB1215",
                                  "ca:2020-2021/AB1215@chaptered", "ca:2019-2020/AB1215@latest"])
def test_malformed_state_ids_are_one_line(text: str) -> None:
    with pytest.raises(FetchError) as caught:
        parse_state_id(text)
    assert str(caught.value).startswith(f"{text}: not a")


def test_one_version_from_three_sources_is_three_stored_texts(
        monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Each source names versions in its own words, so their copies never collide; each id is
    found again in the store by the source its provenance records."""
    monkeypatch.setenv("LEGISCAN_API_KEY", LEGISCAN_KEY)
    monkeypatch.setenv("OPENSTATES_API_KEY", OPENSTATES_KEY)
    ids = [f"legiscan:{LEGISCAN_DOC}", "openstates:ca/20192020/AB1215@introduced",
           "ca:2019-2020/AB1215@introduced"]
    with serving(legiscan_service()) as legiscan, openstates() as (_, os_base), \
            serving(leginfo_service()) as leginfo:
        urls = (("legiscan", legiscan), ("openstates", os_base), ("leginfo", leginfo))
        read = Resolver(store=tmp_path / "store", state_urls=urls, http=FAST)
        documents = [read(i) for i in ids]
    assert [(d.provenance.jurisdiction, d.provenance.document, d.provenance.version)
            for d in documents] == [("us-ca", "ab1215-2019", "chaptered-2019-10-08"),
                                    ("us-ca", "ab1215-2019", "introduced"),
                                    ("us-ca", "ab1215-2019", "99int")]
    offline = Resolver(store=tmp_path / "store", offline=True)
    assert [offline(i).provenance.source for i in ids] == ids


def test_base_urls_from_the_environment_and_the_configuration_file(
        monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("LEGISCAN_API_KEY", LEGISCAN_KEY)
    runner = CliRunner()
    with serving(legiscan_service()) as legiscan, serving(leginfo_service()) as leginfo:
        (tmp_path / "legcompare.toml").write_text(
            f'[sources.leginfo]\nbase_url = "{leginfo}"\n'
            '[sources.legiscan]\nbase_url = "http://127.0.0.1:9"\n', encoding="utf-8")
        monkeypatch.setenv("LEGCOMPARE_LEGISCAN_BASE_URL", legiscan)  # wins over the file
        result = runner.invoke(main, ["fetch", f"legiscan:{LEGISCAN_DOC}",
                                      "ca:2019-2020/AB1215@introduced",
                                      "--store", str(tmp_path / "store")])
    assert result.exit_code == 0, result.output
    assert result.output.splitlines() == ["us-ca/ab1215-2019@chaptered-2019-10-08",
                                          "us-ca/ab1215-2019@99int"]


def test_cli_fetch_with_base_url_and_its_errors(monkeypatch: pytest.MonkeyPatch,
                                                tmp_path: Path) -> None:
    runner = CliRunner()
    monkeypatch.setenv("OPENSTATES_API_KEY", OPENSTATES_KEY)
    with openstates() as (_, base):
        ok = runner.invoke(main, ["fetch", "openstates:ca/20192020/AB1215@introduced",
                                  "--base-url", base, "--store", str(tmp_path / "store")])
        monkeypatch.setenv("OPENSTATES_API_KEY", "not-the-key")
        bad = runner.invoke(main, ["fetch", "openstates:ca/20192020/AB1215@introduced",
                                   "--base-url", base, "--store", str(tmp_path / "other")])
    assert ok.exit_code == 0, ok.output
    assert ok.output == "us-ca/ab1215-2019@introduced\n"
    assert bad.exit_code == 2
    assert bad.output == ("legcompare: error: openstates:ca/20192020/AB1215@introduced: Open "
                          "States refused the API key in OPENSTATES_API_KEY (HTTP 401 "
                          "Unauthorized)\n")
