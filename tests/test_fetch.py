"""Fetching from govinfo into the store, against a real HTTP server on 127.0.0.1.

The server serves govinfo's URL layout from the real files in the corpus (read in place). No
test touches the real network: every fetch gets the local server's base URL, and the default
base URL is pointed at a closed local port for the duration of each test.
"""

from __future__ import annotations

import hashlib
import json
import re
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

import legcompare.fetch
from legcompare.errors import FetchError, OfflineError, StoreError
from legcompare.fetch import fetch, resolve_ref
from legcompare.model import Note, NoteKind, Provenance
from legcompare.sources import parse_source_id
from legcompare.sources.govinfo import USER_AGENT
from legcompare.store import Store

PKG = "BILLS-116hr2002ih"
XML_PATH = f"/content/pkg/{PKG}/xml/{PKG}.xml"
HTM_PATH = f"/content/pkg/{PKG}/html/{PKG}.htm"
SOURCE = "govinfo:116/hr/2002@ih"
REF = "us-federal/hr2002-116@ih"


@dataclass
class Route:
    """What the server answers on one path."""

    body: bytes = b""
    status: int = 200
    content_type: str | None = "application/xml"
    headers: dict[str, str] = field(default_factory=dict)
    length: bool = True  # send Content-Length (else the body runs to the end of the connection)
    stall: float = 0.0  # seconds to wait before answering


class Server:
    """A govinfo stand-in: ``routes`` by path, every request recorded in ``requests``."""

    def __init__(self) -> None:
        self.routes: dict[str, Route] = {}
        self.requests: list[tuple[str, dict[str, str]]] = []
        self.release = threading.Event()
        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.base_url = f"http://127.0.0.1:{self.httpd.server_address[1]}"

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                server.requests.append((self.path, dict(self.headers.items())))
                route = server.routes.get(self.path, Route(b"not found", 404, "text/plain"))
                if route.stall:
                    server.release.wait(route.stall)
                self.send_response(route.status)
                if route.content_type:
                    self.send_header("Content-Type", route.content_type)
                for name, value in route.headers.items():
                    self.send_header(name, value)
                if route.length:
                    self.send_header("Content-Length", str(len(route.body)))
                self.end_headers()
                self.wfile.write(route.body)

            def log_message(self, format: str, *args: object) -> None:
                pass

        return Handler


@pytest.fixture
def server(monkeypatch: pytest.MonkeyPatch) -> Iterator[Server]:
    for name in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy",
                 "all_proxy", "LEGCOMPARE_OFFLINE"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setattr(legcompare.fetch, "DEFAULT_BASE_URL", "http://127.0.0.1:9")
    srv = Server()
    thread = threading.Thread(target=srv.httpd.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    yield srv
    srv.release.set()
    srv.httpd.shutdown()
    srv.httpd.server_close()


@pytest.fixture
def raw(corpus: Path) -> Path:
    return corpus / "raw"


@pytest.fixture
def store(tmp_path: Path) -> Store:
    return Store(tmp_path / "store")


def written(store: Store) -> list[Path]:
    """Every file under the store's root (none when the root was never created)."""
    return sorted(p for p in store.root.rglob("*") if p.is_file()) if store.root.exists() else []


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
    assert [path for path, _ in server.requests] == [XML_PATH]
    assert server.requests[0][1]["User-Agent"] == USER_AGENT


def test_unknown_version_takes_its_title_from_the_xml(server: Server, store: Store,
                                                      raw: Path) -> None:
    package = "BILLS-116hr2002ath"  # not in the catalog
    server.routes[f"/content/pkg/{package}/xml/{package}.xml"] = Route(
        (raw / f"{PKG}.xml").read_bytes())
    stored = fetch("govinfo:116/hr/2002@ath", store=store, base_url=server.base_url)
    assert stored.provenance.title == "116 HR 2002 IH: Taiwan Assurance Act of 2019"
    assert stored.provenance.version_date is None


def test_htm_rendering_when_the_xml_is_not_found(server: Server, store: Store,
                                                  raw: Path) -> None:
    data = (raw / f"{PKG}.htm").read_bytes()
    server.routes[HTM_PATH] = Route(data, content_type="text/html; charset=utf-8")
    stored = fetch(SOURCE, store=store, base_url=server.base_url)
    assert [path for path, _ in server.requests] == [XML_PATH, HTM_PATH]
    assert stored.path.name == "ih.htm"
    assert stored.path.read_bytes() == data
    assert stored.provenance.url == server.base_url + HTM_PATH
    assert (stored.provenance.format, stored.provenance.content_type) == ("html", "text/html")


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


def test_same_bytes_again_is_a_no_op_different_bytes_need_force(server: Server, store: Store,
                                                                 raw: Path) -> None:
    first = (raw / f"{PKG}.xml").read_bytes()
    server.routes[XML_PATH] = Route(first)
    stored = fetch(SOURCE, store=store, base_url=server.base_url)
    before = {p: (p.read_bytes(), p.stat().st_ino) for p in written(store)}
    assert fetch(SOURCE, store=store, base_url=server.base_url) == stored
    # an atomic rewrite (os.replace) would give the files new inodes
    assert {p: (p.read_bytes(), p.stat().st_ino) for p in written(store)} == before

    changed = (raw / "BILLS-116hr2002eh.xml").read_bytes()
    server.routes[XML_PATH] = Route(changed)
    with pytest.raises(StoreError, match="already stored with different content; use --force"):
        fetch(SOURCE, store=store, base_url=server.base_url)
    assert {p: p.read_bytes() for p in written(store)} == {p: b for p, (b, _) in before.items()}
    forced = fetch(SOURCE, store=store, base_url=server.base_url, force=True)
    assert forced.path.read_bytes() == changed
    assert forced.provenance.sha256 == hashlib.sha256(changed).hexdigest()
    assert store.read(REF) == (changed, forced.provenance)


def _routes_for_failure(case: str, raw: Path) -> tuple[dict[str, Route], dict[str, float]]:
    """The server's answers and the fetch options for one failure case."""
    xml = (raw / f"{PKG}.xml").read_bytes()
    htm = (raw / f"{PKG}.htm").read_bytes()
    cases: dict[str, tuple[dict[str, Route], dict[str, float]]] = {
        "server error": ({XML_PATH: Route(b"oops", 500, "text/plain")}, {}),
        "redirect": ({XML_PATH: Route(b"", 302, None, {"Location": "/elsewhere.xml"}),
                      "/elsewhere.xml": Route(xml)}, {}),
        "too large, declared": ({XML_PATH: Route(xml)}, {"max_bytes": 1000}),
        "too large, streamed": ({XML_PATH: Route(xml, length=False)}, {"max_bytes": 1000}),
        "stalled": ({XML_PATH: Route(xml, stall=5.0)}, {"timeout": 0.5}),
        "html served as html": ({XML_PATH: Route(htm, content_type="text/html")}, {}),
        "html served as xml": ({XML_PATH: Route(htm)}, {}),
        "malformed xml": ({XML_PATH: Route(b"<?xml version='1.0'?>\n<bill><legis-body>")}, {}),
        "not found anywhere": ({}, {}),
    }
    return cases[case]


@pytest.mark.parametrize("case", ["server error", "redirect", "too large, declared",
                                  "too large, streamed", "stalled", "html served as html",
                                  "html served as xml", "malformed xml", "not found anywhere"])
def test_failures_raise_fetch_error_and_write_nothing(case: str, server: Server, store: Store,
                                                      raw: Path) -> None:
    routes, options = _routes_for_failure(case, raw)
    server.routes.update(routes)
    started = time.monotonic()
    with pytest.raises(FetchError) as info:
        fetch(SOURCE, store=store, base_url=server.base_url, **options)  # type: ignore[arg-type]
    message = str(info.value)
    assert "\n" not in message
    assert message.startswith(server.base_url + "/content/pkg/")
    assert written(store) == []
    if case == "redirect":
        assert "302" in message
        assert "/elsewhere.xml" in message
        assert [path for path, _ in server.requests] == [XML_PATH]
    if case == "stalled":
        assert "timed out" in message
        assert time.monotonic() - started < 3.0
    if case.startswith("too large"):
        assert "larger than the limit of 1,000 bytes" in message
    if case.startswith("html served"):
        assert "expected" in message
        assert "html" in message.lower()


def test_connection_refused(store: Store, server: Server) -> None:
    with pytest.raises(FetchError, match=r"^http://127\.0\.0\.1:9/content/pkg/.*request failed"):
        fetch(SOURCE, store=store, base_url="http://127.0.0.1:9")
    assert written(store) == []


@pytest.mark.parametrize("how", ["argument", "environment"])
def test_offline_mode_never_connects(how: str, server: Server, store: Store,
                                     monkeypatch: pytest.MonkeyPatch, raw: Path) -> None:
    server.routes[XML_PATH] = Route((raw / f"{PKG}.xml").read_bytes())
    if how == "environment":
        monkeypatch.setenv("LEGCOMPARE_OFFLINE", "1")
    with pytest.raises(OfflineError, match="offline"):
        fetch(SOURCE, store=store, base_url=server.base_url, offline=how == "argument")
    assert server.requests == []
    assert written(store) == []


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
