"""Fetching into the store, against a real HTTP server on 127.0.0.1 started by the tests.

The server serves govinfo's URL layout from the real files in the corpus (read in place) and
made-up pages for the faults. No test touches the real network: every fetch gets the local
server's address, the default base URL is pointed at a closed local port, proxies and user
configuration are cleared, and connections are counted on the server and in
``socket.create_connection``.
"""

from __future__ import annotations

import hashlib
import itertools
import json
import re
import socket
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

import legcompare.fetch
from legcompare.cli import main
from legcompare.errors import FetchError, OfflineError, StoreError
from legcompare.fetch import fetch, resolve_ref
from legcompare.model import Note, NoteKind, Provenance
from legcompare.resolve import Resolver
from legcompare.sources import parse_source_id
from legcompare.sources.govinfo import USER_AGENT
from legcompare.sources.http import HttpPolicy
from legcompare.store import Store

PKG = "BILLS-116hr2002ih"
XML_PATH = f"/content/pkg/{PKG}/xml/{PKG}.xml"
USLM_PATH = f"/content/pkg/{PKG}/uslm/{PKG}.xml"
HTM_PATH = f"/content/pkg/{PKG}/html/{PKG}.htm"
SOURCE = "govinfo:116/hr/2002@ih"
REF = "us-federal/hr2002-116@ih"
CHUNK = 1 << 16
FAST = HttpPolicy(rate_limit=0.0)
"""For tests that are not about the rate limit: no wait between requests to the server."""


def govinfo_path(package: str, kind: str) -> str:
    """Where govinfo serves a rendering (``xml``, ``uslm`` or ``htm``) of a package."""
    folder, ext = {"xml": ("xml", "xml"), "uslm": ("uslm", "xml"), "htm": ("html", "htm")}[kind]
    return f"/content/pkg/{package}/{folder}/{package}.{ext}"


@dataclass
class Route:
    """What the server answers on one path."""

    body: bytes = b""
    status: int = 200
    content_type: str | None = "application/xml"
    headers: dict[str, str] = field(default_factory=dict)
    length: bool = True  # send Content-Length (else the body runs to the end of the connection)
    stall: float = 0.0  # seconds to wait before answering
    stream: int = 0  # then this many more bytes of filler, 64 KiB at a time
    trickle: float = 0.0  # seconds between the body's bytes, sent one by one


class Server:
    """A stand-in web server: ``routes`` by path (a list is answered in turn, its last entry
    for ever); it records every request, counts connections and the bytes of body sent."""

    def __init__(self) -> None:
        self.routes: dict[str, Route | list[Route]] = {}
        self.requests: list[tuple[str, dict[str, str], float]] = []
        self.connections = 0
        self.sent = 0
        self.release = threading.Event()
        self.finished = threading.Event()
        self.httpd = self._httpd()
        self.port = self.httpd.server_address[1]
        self.base_url = f"http://127.0.0.1:{self.port}"

    def route(self, path: str) -> Route:
        found = self.routes.get(path, Route(b"not found", 404, "text/plain"))
        if isinstance(found, list):
            return found.pop(0) if len(found) > 1 else found[0]
        return found

    @property
    def paths(self) -> list[str]:
        return [path for path, _, _ in self.requests]

    def _httpd(self) -> ThreadingHTTPServer:
        server = self

        class Counting(ThreadingHTTPServer):
            daemon_threads = True

            def verify_request(self, request: Any, client_address: Any) -> bool:
                server.connections += 1
                return True

        return Counting(("127.0.0.1", 0), self._handler())

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                server.requests.append((self.path, dict(self.headers.items()), time.monotonic()))
                route = server.route(self.path)
                if route.stall:
                    server.release.wait(route.stall)
                try:
                    self._answer(route)
                except (BrokenPipeError, ConnectionResetError):
                    pass
                finally:
                    server.finished.set()

            def _answer(self, route: Route) -> None:
                self.send_response(route.status)
                if route.content_type:
                    self.send_header("Content-Type", route.content_type)
                for name, value in route.headers.items():
                    self.send_header(name, value)
                if route.length and not route.stream:
                    self.send_header("Content-Length", str(len(route.body)))
                self.end_headers()
                if route.trickle:
                    for byte in route.body:
                        self.wfile.write(bytes([byte]))
                        server.release.wait(route.trickle)
                else:
                    self.wfile.write(route.body)
                filler = b"x" * CHUNK
                for _ in range(route.stream // CHUNK):
                    self.wfile.write(filler)
                    server.sent += CHUNK

            def log_message(self, format: str, *args: object) -> None:
                pass

        return Handler


def isolate(monkeypatch: pytest.MonkeyPatch, home: Path) -> None:
    """No proxy, no offline flag, no store or configuration from the environment or home; the
    working directory is ``home``; govinfo's default base URL is a closed local port."""
    for name in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy",
                 "all_proxy", "NO_PROXY", "no_proxy", "LEGCOMPARE_OFFLINE", "LEGCOMPARE_STORE",
                 "LEGCOMPARE_CONFIG"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "config-home"))
    monkeypatch.chdir(home)
    monkeypatch.setattr(legcompare.fetch, "DEFAULT_BASE_URL", "http://127.0.0.1:9")


@contextmanager
def serving() -> Iterator[Server]:
    """A :class:`Server` answering on 127.0.0.1 for the duration."""
    srv = Server()
    thread = threading.Thread(target=srv.httpd.serve_forever, args=(0.01,), daemon=True)
    thread.start()
    try:
        yield srv
    finally:
        srv.release.set()
        srv.httpd.shutdown()
        srv.httpd.server_close()


def record_connects(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, int]]:
    """Every address ``socket.create_connection`` is asked for from now on (httpx connects
    through it)."""
    seen: list[tuple[str, int]] = []
    real = socket.create_connection

    def recording(address: tuple[str, int], *args: Any, **kwargs: Any) -> socket.socket:
        seen.append(address)
        return real(address, *args, **kwargs)

    monkeypatch.setattr(socket, "create_connection", recording)
    return seen


@pytest.fixture
def server(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[Server]:
    isolate(monkeypatch, tmp_path)
    with serving() as srv:
        yield srv


@pytest.fixture
def connects(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, int]]:
    return record_connects(monkeypatch)


@pytest.fixture
def raw(corpus: Path) -> Path:
    return corpus / "raw"


@pytest.fixture
def store(tmp_path: Path) -> Store:
    return Store(tmp_path / "store")


def written(store: Store) -> list[Path]:
    """Every file under the store's root (none when the root was never created)."""
    return sorted(p for p in store.root.rglob("*") if p.is_file()) if store.root.exists() else []


def cli(*args: str, env: dict[str, str] | None = None) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args), env=env)
    return result.exit_code, result.stdout, result.stderr


def one_line_error(err: str) -> str:
    """The message of a CLI failure, checked to be one line with no traceback."""
    assert err.count("\n") == 1 and err.startswith("legcompare: error: "), err
    assert "Traceback" not in err
    return err.removeprefix("legcompare: error: ").strip()


# --- govinfo into the store -------------------------------------------------------------------


def test_fetch_stores_the_served_bytes_with_provenance(server: Server, store: Store,
                                                       raw: Path) -> None:
    data = (raw / f"{PKG}.xml").read_bytes()
    server.routes[XML_PATH] = Route(data)
    stored = fetch(SOURCE, store=store, base_url=server.base_url)
    assert stored.ref == REF
    assert stored.path == store.root.resolve() / "us-federal" / "hr2002-116" / "ih.xml"
    assert stored.path.read_bytes() == data
    meta = json.loads(stored.provenance_path.read_text(encoding="utf-8"))
    assert list(meta)[:4] == ["jurisdiction", "document", "version", "title"]
    assert meta["source"] == SOURCE
    assert meta["url"] == meta["final_url"] == server.base_url + XML_PATH
    assert meta["sha256"] == hashlib.sha256(data).hexdigest()
    assert re.fullmatch(r"20\d\d-\d\d-\d\dT\d\d:\d\d:\d\dZ", meta["retrieved_at"])
    assert (meta["format"], meta["content_type"]) == ("bill-dtd", "application/xml")
    # the catalog knows this version: its title and date, not the XML's
    assert meta["title"] == "H.R. 2002 (116th Cong.), Taiwan Assurance Act of 2019, as introduced"
    assert meta["version_date"] == "2019-04-01"
    assert [n["kind"] for n in meta["notes"]] == ["provenance"]  # UTF-8 goes without a note
    assert server.paths == [XML_PATH]
    headers = server.requests[0][1]
    assert headers["User-Agent"] == USER_AGENT
    assert re.fullmatch(r"legcompare/\d+\.\d+\.\d+ \(\+https://\S+\)", USER_AGENT)
    assert headers["Host"] == f"127.0.0.1:{server.port}"
    assert headers["Accept-Encoding"] == "gzip, deflate"


def test_unknown_version_takes_its_title_from_the_xml(server: Server, store: Store,
                                                      raw: Path) -> None:
    package = "BILLS-116hr2002ath"  # not in the catalog
    server.routes[govinfo_path(package, "xml")] = Route((raw / f"{PKG}.xml").read_bytes())
    stored = fetch("govinfo:116/hr/2002@ath", store=store, base_url=server.base_url, policy=FAST)
    assert stored.provenance.title == "116 HR 2002 IH: Taiwan Assurance Act of 2019"
    assert stored.provenance.version_date is None


def test_htm_rendering_when_no_xml_is_found(server: Server, store: Store, raw: Path) -> None:
    data = (raw / f"{PKG}.htm").read_bytes()
    server.routes[HTM_PATH] = Route(data, content_type="text/html; charset=utf-8")
    stored = fetch(SOURCE, store=store, base_url=server.base_url)
    assert server.paths == [XML_PATH, USLM_PATH, HTM_PATH]
    assert stored.path.name == "ih.htm"
    assert stored.path.read_bytes() == data
    assert stored.provenance.url == server.base_url + HTM_PATH
    assert stored.provenance.format == "html"
    # the served charset is kept: the stored bytes are read again with it
    assert stored.provenance.content_type == "text/html; charset=utf-8"
    # rate limit: 0.2 s at least between two requests to one host
    times = [t for _, _, t in server.requests]
    assert min(b - a for a, b in itertools.pairwise(times)) >= 0.18


def test_uslm_first_for_enrolled_bills_then_xml_for_others(server: Server, store: Store,
                                                            raw: Path) -> None:
    enr, ih = "BILLS-116hr2157enr", "BILLS-116hr2157ih"
    server.routes[govinfo_path(enr, "uslm")] = Route((raw / "h2157_enr.XML").read_bytes())
    server.routes[govinfo_path(ih, "uslm")] = Route((raw / "H2157_IH.XML").read_bytes())
    stored = fetch("govinfo:116/hr/2157@enr", store=store, base_url=server.base_url, policy=FAST)
    assert server.paths == [govinfo_path(enr, "uslm")]
    assert (stored.ref, stored.provenance.format) == ("us-federal/hr2157-116@enr", "uslm")
    fetch("govinfo:116/hr/2157@ih", store=store, base_url=server.base_url, policy=FAST)
    assert server.paths[1:] == [govinfo_path(ih, "xml"), govinfo_path(ih, "uslm")]
    document = resolve_ref("us-federal/hr2157-116@enr", store)
    assert document is not None
    assert document.provenance.format == "uslm"
    assert "Additional Supplemental Appropriations for Disaster Relief Act, 2019" in document.text


def test_redirects_are_followed_and_recorded(server: Server, store: Store, raw: Path) -> None:
    server.routes[XML_PATH] = Route(b"", 302, None, {"Location": "/moved/one.xml"})
    server.routes["/moved/one.xml"] = Route(b"", 301, None, {"Location": "two.xml"})
    server.routes["/moved/two.xml"] = Route((raw / f"{PKG}.xml").read_bytes())
    stored = fetch(SOURCE, store=store, base_url=server.base_url, policy=FAST)
    assert server.paths == [XML_PATH, "/moved/one.xml", "/moved/two.xml"]
    assert stored.provenance.url == server.base_url + XML_PATH
    assert stored.provenance.final_url == server.base_url + "/moved/two.xml"


def test_store_reference_round_trip(server: Server, store: Store, raw: Path) -> None:
    data = (raw / f"{PKG}.xml").read_bytes()
    server.routes[XML_PATH] = Route(data)
    stored = fetch(SOURCE, store=store, base_url=server.base_url)
    again = Store(store.root)
    assert again.get(REF) == stored
    assert again.list() == [stored]
    assert again.read(REF) == (data, stored.provenance)
    document = resolve_ref(REF, again)
    assert document is not None
    assert document.provenance.source == SOURCE
    assert document.provenance.sha256 == hashlib.sha256(data).hexdigest()
    assert document.citation is not None
    assert document.citation.prefix == "H.R. 2002, 116th Cong."
    assert "Taiwan Assurance Act of 2019" in document.text
    assert resolve_ref("us-federal/hr2002-116@eh", again) is None
    assert resolve_ref("bill.txt", again) is None


def test_a_damaged_entry_is_left_out_of_the_list_and_named(server: Server, store: Store,
                                                            raw: Path) -> None:
    server.routes[XML_PATH] = Route((raw / f"{PKG}.xml").read_bytes())
    stored = fetch(SOURCE, store=store, base_url=server.base_url)
    damaged = store.root / "us-federal" / "hr9-116" / "ih.json"
    damaged.parent.mkdir(parents=True)
    damaged.write_text("{not json", encoding="utf-8")
    problems: list[StoreError] = []
    assert store.list(problems=problems) == [stored]
    assert [p.where for p in problems] == ["us-federal/hr9-116@ih"]
    result = CliRunner().invoke(main, ["list", "--store", str(store.root)])
    assert result.exit_code == 0
    assert result.stdout.startswith(stored.ref + "\t")
    assert "warning: left out: us-federal/hr9-116@ih: " in result.stderr


def test_same_bytes_again_is_a_no_op_different_bytes_need_force(server: Server, store: Store,
                                                                 raw: Path) -> None:
    first = (raw / f"{PKG}.xml").read_bytes()
    server.routes[XML_PATH] = Route(first)
    stored = fetch(SOURCE, store=store, base_url=server.base_url, policy=FAST)
    before = {p: (p.read_bytes(), p.stat().st_ino) for p in written(store)}
    assert fetch(SOURCE, store=store, base_url=server.base_url, policy=FAST) == stored
    # an atomic rewrite (os.replace) would give the files new inodes
    assert {p: (p.read_bytes(), p.stat().st_ino) for p in written(store)} == before

    changed = (raw / "BILLS-116hr2002eh.xml").read_bytes()
    server.routes[XML_PATH] = Route(changed)
    with pytest.raises(StoreError, match="already stored with different content; use --force"):
        fetch(SOURCE, store=store, base_url=server.base_url, policy=FAST)
    assert {p: p.read_bytes() for p in written(store)} == {p: b for p, (b, _) in before.items()}
    forced = fetch(SOURCE, store=store, base_url=server.base_url, force=True)
    assert forced.path.read_bytes() == changed
    assert forced.provenance.sha256 == hashlib.sha256(changed).hexdigest()
    assert store.read(REF) == (changed, forced.provenance)


# --- the whole path through the command line ---------------------------------------------------


def test_cli_fetch_then_list_outline_and_diff(server: Server, tmp_path: Path, raw: Path,
                                              connects: list[tuple[str, int]]) -> None:
    for version in ("ih", "eh"):
        package = f"BILLS-116hr2002{version}"
        server.routes[govinfo_path(package, "xml")] = Route(
            (raw / f"{package}.xml").read_bytes())
    folder = str(tmp_path / "store")
    code, out, err = cli("fetch", "--base-url", server.base_url, "govinfo:116/hr/2002@ih",
                         "govinfo:116/hr/2002@eh", "--store", folder)
    assert (code, out, err) == (0, "us-federal/hr2002-116@ih\nus-federal/hr2002-116@eh\n", "")
    assert connects == [("127.0.0.1", server.port)] * 2  # no progress bar: stderr is no TTY

    code, out, _ = cli("list", "--store", folder, "--format", "json")
    assert code == 0
    assert [item["ref"] for item in json.loads(out)] == ["us-federal/hr2002-116@eh", REF]

    env = {"LEGCOMPARE_STORE": folder}  # `outline` takes the store from the environment
    code, out, err = cli("outline", REF, "--format", "json", env=env)
    assert code == 0, err
    outline = json.loads(out)
    assert outline["document"]["url"] == server.base_url + XML_PATH
    assert [c["id"] for c in outline["clauses"]][:4] == ["front", "enacting", "s1", "s2"]

    code, out, err = cli("diff", REF, "us-federal/hr2002-116@eh", "--store", folder,
                         "--format", "json")
    assert code == 0, err
    diff = json.loads(out)
    assert (diff["old"]["source"], diff["new"]["source"]) == (SOURCE, "govinfo:116/hr/2002@eh")
    # the body is the same in both prints: only the front matter (form, header) differs
    changed = [(p["status"], p["old"]["id"]) for p in diff["pairs"] if p["status"] != "unchanged"]
    assert changed == [("modified", "front")]
    assert (diff["summary"]["stronger"], diff["summary"]["weaker"]) == (0, 0)
    assert len(connects) == 2  # reading stored texts opens no connection


# --- faults: one clear line, exit 2, nothing written ---------------------------------------------


FAULTS: dict[str, tuple[Callable[[Path], dict[str, Route]], list[str], str]] = {
    "forbidden": (  # not retried; 429 and 5xx are, with waits timed in test_http_client
        lambda raw: {XML_PATH: Route(b"no", 403, "text/plain")}, [], "HTTP 403 Forbidden"),
    "pdf served as xml": (
        lambda raw: {XML_PATH: Route(b"%PDF-1.7\n1 0 obj\n<<>>\nendobj\n")}, [],
        "served as application/xml but the body is a PDF; refused"),
    "too large, declared": (
        lambda raw: {XML_PATH: Route((raw / f"{PKG}.xml").read_bytes())},
        ["--max-bytes", "1000"], "larger than the limit of 1,000 bytes"),
    "too large, streamed": (
        lambda raw: {XML_PATH: Route((raw / f"{PKG}.xml").read_bytes(), length=False)},
        ["--max-bytes", "1000"], "larger than the limit of 1,000 bytes"),
    "html served as html": (
        lambda raw: {XML_PATH: Route((raw / f"{PKG}.htm").read_bytes(),
                                     content_type="text/html")}, [],
        "expected XML, got text/html"),
    "html served as xml": (
        lambda raw: {XML_PATH: Route((raw / f"{PKG}.htm").read_bytes())}, [],
        "expected bill DTD or USLM XML, got HTML (application/xml)"),
    "malformed xml": (
        lambda raw: {XML_PATH: Route(b"<?xml version='1.0'?>\n<bill><legis-body>")}, [],
        "the response is not a readable text: malformed XML"),
    "not found anywhere": (lambda raw: {}, [], "HTTP 404 Not Found (and no XML at "),
    "redirect loop": (
        lambda raw: {XML_PATH: Route(b"", 302, None, {"Location": XML_PATH})}, [],
        "too many redirects (more than 5)"),
}


@pytest.mark.parametrize("case", sorted(FAULTS))
def test_govinfo_faults_are_one_line_and_store_nothing(case: str, server: Server, raw: Path,
                                                       tmp_path: Path) -> None:
    routes, options, expected = FAULTS[case]
    server.routes.update(routes(raw))
    config = tmp_path / "fast.toml"  # the rate limit and retries are timed elsewhere
    config.write_text("[http]\nrate_limit = 0\n")
    code, out, err = cli("fetch", SOURCE, "--base-url", server.base_url, "--store",
                         str(tmp_path / "store"), "--config", str(config), *options)
    message = one_line_error(err)
    assert (code, out) == (2, "")
    assert message.startswith(server.base_url + "/content/pkg/")
    assert expected in message
    assert not (tmp_path / "store").exists()


def test_a_stalled_server_fails_at_the_deadline(server: Server, tmp_path: Path,
                                                raw: Path) -> None:
    server.routes[XML_PATH] = Route((raw / f"{PKG}.xml").read_bytes(), stall=10.0)
    config = tmp_path / "legcompare.toml"
    config.write_text("[http]\ntimeout = 30\ndeadline = 0.5\n")
    started = time.monotonic()
    code, _, err = cli("fetch", SOURCE, "--base-url", server.base_url, "--store",
                       str(tmp_path / "store"), "--config", str(config))
    elapsed = time.monotonic() - started
    assert code == 2
    assert one_line_error(err) == (f"{server.base_url}{XML_PATH}: timed out: the fetch passed "
                                   "its deadline of 0.5 s (see [http] deadline)")
    assert 0.4 < elapsed < 2.5
    assert not (tmp_path / "store").exists()


def test_a_60_mb_body_is_cut_off_early(server: Server, tmp_path: Path,
                                       connects: list[tuple[str, int]]) -> None:
    server.routes["/big.html"] = Route(b"<html><body><p>", content_type="text/html",
                                       stream=60 << 20)
    started = time.monotonic()
    code, _, err = cli("fetch", server.base_url + "/big.html", "--allow-private", "--store",
                       str(tmp_path / "store"), "--max-bytes", "1000000")
    assert code == 2
    assert one_line_error(err) == (f"{server.base_url}/big.html: the response is larger than "
                                   "the limit of 1,000,000 bytes (see --max-bytes)")
    assert server.finished.wait(5.0)
    # the client hung up: the server could not write 60 MB (socket buffers hold a few MB)
    assert server.sent < 20 << 20
    assert time.monotonic() - started < 5.0
    assert not (tmp_path / "store").exists()


def test_pdf_served_as_html_is_refused(server: Server, tmp_path: Path) -> None:
    server.routes["/page.html"] = Route(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n",
                                        content_type="text/html")
    code, _, err = cli("fetch", server.base_url + "/page.html", "--allow-private", "--store",
                       str(tmp_path / "store"))
    assert code == 2
    assert one_line_error(err) == (f"{server.base_url}/page.html: served as text/html but the "
                                   "body is a PDF; refused")
    assert not (tmp_path / "store").exists()


# --- any URL: the web source ---------------------------------------------------------------------


WINDOWS_1252_PAGE = (b"<html><head><title>Notice</title></head><body>\n"
                     b"<p>SEC. 1. The Section\x92s scope \x96 all agencies.</p>\n</body></html>\n")


def test_a_windows_1252_page_without_charset_is_decoded_right(server: Server,
                                                              store: Store) -> None:
    server.routes["/notice.html"] = Route(WINDOWS_1252_PAGE, content_type="text/html")
    url = server.base_url + "/notice.html"
    stored = fetch(url, store=store, policy=HttpPolicy(allow_private=True))
    assert stored.path.read_bytes() == WINDOWS_1252_PAGE  # raw bytes kept
    document = resolve_ref(stored.ref, store)
    assert document is not None
    assert "Section\u2019s scope \u2013 all agencies" in document.text
    assert "\ufffd" not in document.text
    assert Note(NoteKind.DECODING, "not UTF-8 and no charset given: decoded as windows-1252",
                None) in document.provenance.notes
    assert stored.provenance.notes == document.provenance.notes  # stored, and each note once


@pytest.mark.parametrize(("content_type", "page", "note"), [
    ("text/html; charset=windows-1252", WINDOWS_1252_PAGE,
     "decoded as windows-1252 (charset from the Content-Type header)"),
    ("text/html; charset=ISO-8859-1", WINDOWS_1252_PAGE,  # browsers read latin-1 as 1252
     "decoded as windows-1252 (charset from the Content-Type header)"),
    ("text/html", WINDOWS_1252_PAGE.replace(b"<head>", b'<head><meta charset="cp1252">'),
     "decoded as windows-1252 (charset from the document)"),
])
def test_charset_from_the_header_then_the_document(content_type: str, page: bytes, note: str,
                                                   server: Server, store: Store) -> None:
    server.routes["/notice.html"] = Route(page, content_type=content_type)
    stored = fetch(server.base_url + "/notice.html", store=store,
                   policy=HttpPolicy(allow_private=True))
    document = resolve_ref(stored.ref, store)
    assert document is not None
    assert "Section\u2019s" in document.text
    assert Note(NoteKind.DECODING, note, None) in document.provenance.notes


def test_replacement_characters_are_reported(server: Server, store: Store) -> None:
    # 0x81 is undefined in Windows-1252: after UTF-8 fails it becomes U+FFFD, and says so
    server.routes["/bad.txt"] = Route(b"SEC. 1. Odd \x81 byte.\n", content_type="text/plain")
    stored = fetch(server.base_url + "/bad.txt", store=store,
                   policy=HttpPolicy(allow_private=True))
    texts = [n.text for n in stored.provenance.notes]
    assert "1 character(s) could not be decoded and are shown as U+FFFD" in texts


def test_a_page_is_stored_under_web_by_host_path_and_digest(server: Server, store: Store,
                                                            raw: Path) -> None:
    data = (raw / f"{PKG}.htm").read_bytes()
    server.routes["/old/bill"] = Route(b"", 302, None, {"Location": "/Bills/H2002.htm"})
    server.routes["/Bills/H2002.htm"] = Route(data, content_type="text/html")
    url = server.base_url + "/old/bill"
    stored = fetch(url, store=store, policy=HttpPolicy(allow_private=True))
    digest = hashlib.sha256(data).hexdigest()
    assert stored.ref == f"web/127.0.0.1-{server.port}-old-bill@{digest[:12]}"
    p = stored.provenance
    assert (p.jurisdiction, p.source, p.url, p.format) == ("web", url, url, "html")
    assert p.final_url == server.base_url + "/Bills/H2002.htm"
    assert p.title == url  # the page has no <title>
    assert p.sha256 == digest
    assert stored.path.read_bytes() == data


def test_resolve_reads_a_url_from_the_store_once_fetched(server: Server, tmp_path: Path,
                                                         raw: Path) -> None:
    server.routes["/h2002.xml"] = Route((raw / f"{PKG}.xml").read_bytes())
    url = server.base_url + "/h2002.xml"
    read = Resolver(store=tmp_path / "store", allow_private=True)
    first = read(url)
    assert first.provenance.jurisdiction == "web"
    assert first.provenance.format == "bill-dtd"
    assert "Taiwan Assurance Act of 2019" in first.text
    assert replace(read, offline=True)(url) == first  # now stored: no network needed
    assert server.paths == ["/h2002.xml"]


def test_resolve_fetches_a_source_id_once(server: Server, tmp_path: Path, raw: Path) -> None:
    server.routes[XML_PATH] = Route((raw / f"{PKG}.xml").read_bytes())
    read = Resolver(store=tmp_path / "store", base_url=server.base_url)
    assert read(SOURCE).provenance.source == SOURCE
    assert read(SOURCE) == read(REF)
    assert server.paths == [XML_PATH]


# --- offline: no connection at all ---------------------------------------------------------------


@pytest.mark.parametrize("how", ["--offline", "LEGCOMPARE_OFFLINE=1", "legcompare.toml"])
@pytest.mark.parametrize("what", ["govinfo", "url"])
def test_offline_mode_never_connects(how: str, what: str, server: Server, tmp_path: Path,
                                     raw: Path, connects: list[tuple[str, int]],
                                     monkeypatch: pytest.MonkeyPatch) -> None:
    server.routes[XML_PATH] = Route((raw / f"{PKG}.xml").read_bytes())
    args = ["fetch", "--store", str(tmp_path / "store"), "--allow-private"]
    args += [SOURCE, "--base-url", server.base_url] if what == "govinfo" else [
        server.base_url + XML_PATH]
    if how == "--offline":
        args.append("--offline")
    elif how == "legcompare.toml":
        (tmp_path / "legcompare.toml").write_text("offline = true\n")  # found in the cwd
    else:
        monkeypatch.setenv("LEGCOMPARE_OFFLINE", "1")
    code, _, err = cli(*args)
    assert code == 2
    assert "offline mode forbids network access" in one_line_error(err)
    assert (server.connections, connects, server.requests) == (0, [], [])
    assert not (tmp_path / "store").exists()


def test_offline_resolve_of_a_url_not_stored_never_connects(
        server: Server, tmp_path: Path, connects: list[tuple[str, int]]) -> None:
    read = Resolver(store=tmp_path / "store", offline=True, allow_private=True)
    with pytest.raises(OfflineError, match="offline"):
        read(server.base_url + "/page.html")
    assert (server.connections, connects) == (0, [])


def test_connection_refused(store: Store, server: Server) -> None:
    with pytest.raises(FetchError, match=r"^http://127\.0\.0\.1:9/content/pkg/.*request failed"):
        fetch(SOURCE, store=store, base_url="http://127.0.0.1:9")
    assert written(store) == []


# --- the store ----------------------------------------------------------------------------------


@pytest.mark.parametrize("ref", ["../etc@x", "us/../etc@x", "us/..@x", "us/hr1-116@../x",
                                 "/etc/passwd@x", "US/hr1-116@ih", "us/hr1-116"])
def test_store_rejects_bad_references(ref: str, store: Store) -> None:
    with pytest.raises(StoreError):
        store.get(ref)
    with pytest.raises(StoreError):
        store.read(ref)


def test_store_refuses_a_symlink_leading_out(tmp_path: Path, store: Store) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    (store.root / "us-federal").mkdir(parents=True)
    (store.root / "us-federal" / "hr1-116").symlink_to(outside)
    with pytest.raises(StoreError, match="outside the store"):
        store.get("us-federal/hr1-116@ih")


def test_provenance_json_round_trips(store: Store) -> None:
    notes = (Note(NoteKind.GAP, "[... text not retrieved ...]", (10, 10)),
             Note(NoteKind.PROVENANCE, "métadonnées — “quoted”", None))
    data = b"SEC. 1. A section.\n"
    provenance = Provenance(jurisdiction="us-ny", document="s4457-2023", version="a",
                            title="S. 4457-A", source="file", url="https://example.org/a",
                            version_date="2024", in_force=False, partial=True, license="CC BY",
                            sha256=hashlib.sha256(data).hexdigest(), notes=notes)
    stored = store.put("us-ny", "s4457-2023", "a", data, provenance, ext="txt")
    assert "métadonnées — “quoted”" in stored.provenance_path.read_text(encoding="utf-8")
    assert Store(store.root).read("us-ny/s4457-2023@a") == (data, provenance)
    assert store.find_url("https://example.org/a") == stored
    assert store.find_url("https://example.org/b") is None
    with pytest.raises(StoreError, match="another document"):
        store.put("us-ny", "s4457-2023", "b", data, provenance, ext="txt")


def test_read_detects_bytes_changed_after_storing(store: Store) -> None:
    data = b"SEC. 1. A section.\n"
    provenance = Provenance("us-federal", "hr1-116", "ih", None, "file",
                            sha256=hashlib.sha256(data).hexdigest())
    stored = store.put("us-federal", "hr1-116", "ih", data, provenance, ext="txt")
    stored.path.write_bytes(b"SEC. 1. Another section.\n")
    with pytest.raises(StoreError, match="does not match the SHA-256"):
        store.read("us-federal/hr1-116@ih")


def test_source_ids() -> None:
    sid = parse_source_id("govinfo:116/hr/2157@ih")
    assert sid is not None
    assert (sid.package, sid.jurisdiction, sid.document, sid.ref) == (
        "BILLS-116hr2157ih", "us-federal", "hr2157-116", "us-federal/hr2157-116@ih")
    assert parse_source_id(" GOVINFO:115/HR/1@EAS2 ") == replace(sid, congress=115, number=1,
                                                                 version="eas2")
    assert parse_source_id("us-federal/hr2157-116@ih") is None
    assert parse_source_id("https://www.govinfo.gov/") is None
    for bad in ("govinfo:116/hr/2157", "govinfo:116/xx/2157@ih", "govinfo:116/hr/02157@ih",
                "govinfo:116/hr/2157@i h", "govinfo:plaw/115/6"):
        with pytest.raises(FetchError, match=r"expected govinfo:<congress>/<type>/<number>"):
            parse_source_id(bad)
