"""The one HTTP client: addresses, redirects, retries, limits and bodies.

Against the real HTTP server of :mod:`tests.test_fetch` on 127.0.0.1, except where a TLS origin
is needed (an https→http redirect): there an ``httpx.MockTransport`` stands in for the origin,
so the client's own logic runs unchanged with no socket at all. Name lookups of made-up hosts go
to a patched ``socket.getaddrinfo``; nothing reaches the real network.
"""

from __future__ import annotations

import itertools
import socket
import subprocess
import sys
import textwrap
import time
import tracemalloc
import zlib
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from ipaddress import ip_address
from pathlib import Path
from typing import Any

import httpx
import pytest

from legcompare.errors import FetchError, OfflineError
from legcompare.fetch import fetch_many
from legcompare.sources.addresses import refusal
from legcompare.sources.body import Inflater, check_magic
from legcompare.sources.http import HttpClient, HttpPolicy, next_hop, parse_url, retry_after
from legcompare.sources.web import document_slug
from legcompare.store import Store
from tests.test_fetch import (
    Route,
    Server,
    cli,
    isolate,
    one_line_error,
    record_connects,
    serving,
)

PRIVATE = HttpPolicy(allow_private=True, rate_limit=0.0)
"""The test server is on 127.0.0.1: most tests permit private addresses."""
PAGE = b"<html><head><title>A page</title></head><body><p>SEC. 1. Text.</p></body></html>\n"


@pytest.fixture
def server(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[Server]:
    isolate(monkeypatch, tmp_path)
    with serving() as srv:
        yield srv


@pytest.fixture
def connects(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, int]]:
    return record_connects(monkeypatch)


@pytest.fixture
def lookups(monkeypatch: pytest.MonkeyPatch) -> dict[str, list[str]]:
    """Made-up host names and their addresses; every lookup of a name is recorded under
    ``"asked"``. Any other name fails, as it would with no network."""
    table: dict[str, list[str]] = {"asked": []}
    real = socket.getaddrinfo

    def fake(host: Any, port: Any, *args: Any, **kwargs: Any) -> Any:
        name = host.decode() if isinstance(host, bytes) else str(host)
        try:
            ip_address(name)
        except ValueError:
            table["asked"].append(name)
            if name not in table:
                raise socket.gaierror(socket.EAI_NONAME, "Name or service not known") from None
            family = socket.AF_INET6 if ":" in table[name][0] else socket.AF_INET
            return [(family, socket.SOCK_STREAM, 6, "", (a, port)) for a in table[name]]
        return real(host, port, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", fake)
    return table


def get(url: str, policy: HttpPolicy = PRIVATE, **kwargs: Any) -> bytes:
    with HttpClient(policy, **kwargs) as client:
        fetched = client.get(url)
    assert fetched is not None
    return fetched.data


# --- addresses: refused before any connection ---------------------------------------------------


@pytest.mark.parametrize(("address", "strict", "permissive"), [
    ("93.184.216.34", None, None),
    ("2606:2800:220:1:248:1893:25c8:1946", None, None),
    ("127.0.0.1", "a loopback address", None),
    ("127.8.9.10", "a loopback address", None),
    ("::1", "a loopback address", None),
    ("10.1.2.3", "a private address", None),
    ("172.16.0.1", "a private address", None),
    ("172.31.255.255", "a private address", None),
    ("192.168.1.1", "a private address", None),
    ("fc00::1", "a private address", None),
    ("fd12:3456::1", "a private address", None),
    ("169.254.1.1", "a link-local address", None),
    ("fe80::1", "a link-local address", None),
    ("100.64.0.1", "not a public address", None),
    ("::ffff:127.0.0.1", "a loopback address", None),
    ("64:ff9b::a00:1", "a private address", None),
    ("2002:c0a8:101::1", "a private address", None),
    ("169.254.169.254", "a cloud metadata address", "a cloud metadata address"),
    ("fd00:ec2::254", "a cloud metadata address", "a cloud metadata address"),
    ("100.100.100.200", "a cloud metadata address", "a cloud metadata address"),
    ("::ffff:169.254.169.254", "a cloud metadata address", "a cloud metadata address"),
    ("0.0.0.0", "the unspecified address", "the unspecified address"),
    ("::", "the unspecified address", "the unspecified address"),
    ("224.0.0.1", "a multicast address", "a multicast address"),
    ("ff02::1", "a multicast address", "a multicast address"),
    ("240.0.0.1", "a reserved address", "a reserved address"),
])
def test_which_addresses_are_refused(address: str, strict: str | None,
                                     permissive: str | None) -> None:
    assert refusal(ip_address(address), allow_private=False) == strict
    assert refusal(ip_address(address), allow_private=True) == permissive


@pytest.mark.parametrize("host", ["localhost", "bills.example"])
def test_a_name_resolving_to_loopback_is_refused_before_connecting(
        host: str, server: Server, connects: list[tuple[str, int]],
        lookups: dict[str, list[str]], tmp_path: Path) -> None:
    lookups["bills.example"] = ["127.0.0.1"]
    lookups["localhost"] = ["127.0.0.1"]
    server.routes["/page.html"] = Route(PAGE, content_type="text/html")
    url = f"http://{host}:{server.port}/page.html"
    code, _, err = cli("fetch", url, "--store", str(tmp_path / "store"))
    assert code == 2
    assert one_line_error(err) == (f"{url}: refused before connecting: {host} resolves to "
                                   "127.0.0.1, a loopback address; --allow-private permits it")
    assert (server.connections, connects) == (0, [])
    assert lookups["asked"] == [host]
    assert not (tmp_path / "store").exists()


def test_one_private_address_among_public_ones_is_enough_to_refuse(
        server: Server, connects: list[tuple[str, int]], lookups: dict[str, list[str]]) -> None:
    lookups["rebind.example"] = ["93.184.216.34", "10.0.0.7"]
    with pytest.raises(FetchError, match=r"rebind\.example resolves to 10\.0\.0\.7, a private"):
        get("http://rebind.example/", HttpPolicy())
    assert connects == []


def test_the_connection_goes_to_the_address_that_was_checked(
        server: Server, connects: list[tuple[str, int]], lookups: dict[str, list[str]]) -> None:
    lookups["bills.example"] = ["127.0.0.1"]
    server.routes["/page.html"] = Route(PAGE, content_type="text/html")
    assert get(f"http://bills.example:{server.port}/page.html") == PAGE
    assert lookups["asked"] == ["bills.example"]  # one lookup: httpx did not look it up again
    assert connects == [("127.0.0.1", server.port)]
    assert server.requests[0][1]["Host"] == f"bills.example:{server.port}"


@pytest.mark.parametrize("target", ["http://169.254.169.254/latest/meta-data/",
                                    "http://[fd00:ec2::254]/latest/meta-data/",
                                    "http://metadata.example/computeMetadata/v1/"])
def test_a_redirect_to_a_metadata_address_is_refused_before_connecting(
        target: str, server: Server, connects: list[tuple[str, int]],
        lookups: dict[str, list[str]], tmp_path: Path) -> None:
    lookups["metadata.example"] = ["169.254.169.254"]
    server.routes["/page.html"] = Route(b"", 302, None, {"Location": target})
    url = f"{server.base_url}/page.html"
    code, _, err = cli("fetch", url, "--allow-private", "--store", str(tmp_path / "store"))
    assert code == 2
    message = one_line_error(err)
    assert message.startswith(f"{url}: refused before connecting: a redirect to {target}: ")
    assert message.endswith("a cloud metadata address")  # and no --allow-private hint
    assert connects == [("127.0.0.1", server.port)]  # the first hop only
    assert server.paths == ["/page.html"]
    assert not (tmp_path / "store").exists()


def test_https_to_http_redirect_is_refused(lookups: dict[str, list[str]]) -> None:
    lookups["bills.example"] = ["93.184.216.34"]
    seen: list[httpx.Request] = []

    def origin(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(302, headers={"Location": "http://bills.example/plain"})

    with pytest.raises(FetchError) as info:
        get("https://bills.example/bill", HttpPolicy(), transport=httpx.MockTransport(origin))
    assert str(info.value) == ("https://bills.example/bill: refused a redirect from https to "
                               "http (http://bills.example/plain)")
    # the one request went to the checked address, naming the host in Host and in the TLS SNI
    assert len(seen) == 1
    assert (seen[0].url.host, seen[0].headers["Host"]) == ("93.184.216.34", "bills.example")
    assert seen[0].extensions["sni_hostname"] == "bills.example"


def test_where_redirects_lead() -> None:
    here = httpx.URL("https://bills.example/a/b")
    assert str(next_hop(here, "c", where="w")) == "https://bills.example/a/c"
    assert str(next_hop(here, "//other.example/x#frag", where="w")) == "https://other.example/x"
    assert str(next_hop(httpx.URL("http://a.example/"), "https://a.example/", where="w")) == (
        "https://a.example/")
    for location, message in [("http://bills.example/", "from https to http"),
                              ("ftp://bills.example/", "only http:// and https://"),
                              ("", "without a Location"),
                              ("https://user:pw@bills.example/", "user name or password")]:
        with pytest.raises(FetchError, match=message):
            next_hop(here, location, where="w")


@pytest.mark.parametrize(("url", "message"), [
    ("file:///etc/passwd", "only http:// and https://"),
    ("gopher://x/", "only http:// and https://"),
    ("http://user:secret@bills.example/", "user name or password"),
    ("http:///nohost", "has no host"),
])
def test_urls_that_are_never_fetched(url: str, message: str) -> None:
    with pytest.raises(FetchError, match=message):
        parse_url(url)


# --- retries, rate limit, deadline ---------------------------------------------------------------


def test_429_then_success_waits_as_retry_after_asks(server: Server) -> None:
    server.routes["/busy"] = [Route(b"slow down", 429, "text/plain", {"Retry-After": "1"}),
                              Route(PAGE, content_type="text/html")]
    assert get(server.base_url + "/busy") == PAGE
    (_, _, first), (_, _, second) = server.requests
    assert server.paths == ["/busy", "/busy"]
    assert 0.95 <= second - first < 2.0


def test_500_three_times_gives_up_in_one_line(server: Server) -> None:
    server.routes["/down"] = Route(b"oops", 500, "text/plain")
    with pytest.raises(FetchError) as info:
        get(server.base_url + "/down", HttpPolicy(allow_private=True, backoff=0.05))
    assert str(info.value) == (f"{server.base_url}/down: HTTP 500 Internal Server Error "
                               "(gave up after 3 attempts)")
    assert server.paths == ["/down"] * 3
    gaps = [b[2] - a[2] for a, b in itertools.pairwise(server.requests)]
    assert gaps[0] >= 0.045 and gaps[1] >= 0.095  # backoff doubles


def test_retry_after_is_capped_and_never_passes_the_deadline(server: Server) -> None:
    server.routes["/later"] = [Route(b"", 503, "text/plain", {"Retry-After": "3600"}),
                               Route(PAGE, content_type="text/html")]
    started = time.monotonic()
    assert get(server.base_url + "/later", HttpPolicy(allow_private=True, max_retry_wait=0.1)
               ) == PAGE
    assert time.monotonic() - started < 1.0
    server.routes["/later"] = Route(b"", 503, "text/plain", {"Retry-After": "5"})
    with pytest.raises(FetchError, match="a retry in 5 s would pass the deadline of 1 s"):
        get(server.base_url + "/later", HttpPolicy(allow_private=True, deadline=1.0))


def test_retry_after_values() -> None:
    now = datetime(2024, 5, 1, 12, 0, tzinfo=UTC)
    assert retry_after("7") == 7.0
    assert retry_after(format_datetime(now + timedelta(seconds=30), usegmt=True), now) == 30.0
    assert retry_after(format_datetime(now - timedelta(seconds=30), usegmt=True), now) == 0.0
    assert retry_after("soon") is None
    assert retry_after(None) is None


def test_requests_to_one_host_are_spaced_by_the_rate_limit(server: Server) -> None:
    server.routes["/a"] = Route(PAGE, content_type="text/html")
    policy = HttpPolicy(allow_private=True, rate_limit=0.3)
    get(server.base_url + "/a", policy)
    get(server.base_url + "/a", policy)  # another fetch, same host: the limit is per process
    assert server.requests[1][2] - server.requests[0][2] >= 0.28


def test_a_trickling_server_is_cut_off_at_the_deadline(server: Server) -> None:
    server.routes["/slow"] = Route(PAGE, content_type="text/html", trickle=0.1)  # ~9 s in all
    started = time.monotonic()
    with pytest.raises(FetchError, match=r"timed out: the fetch passed its deadline of 0\.6 s"):
        get(server.base_url + "/slow", HttpPolicy(allow_private=True, timeout=5, deadline=0.6))
    assert time.monotonic() - started < 1.2


def test_user_agent_and_offline(server: Server, connects: list[tuple[str, int]],
                                lookups: dict[str, list[str]],
                                monkeypatch: pytest.MonkeyPatch) -> None:
    lookups["bills.example"] = ["127.0.0.1"]
    for policy in (HttpPolicy(offline=True), HttpPolicy()):
        if not policy.offline:
            monkeypatch.setenv("LEGCOMPARE_OFFLINE", "1")
        with pytest.raises(OfflineError, match="offline mode forbids network access"):
            get(f"http://bills.example:{server.port}/", policy)
    assert (lookups["asked"], connects, server.connections) == ([], [], 0)


# --- bodies: content coding under our limit, magic bytes ----------------------------------------


def _gzip(data: bytes) -> bytes:
    packer = zlib.compressobj(6, zlib.DEFLATED, 16 + zlib.MAX_WBITS)
    return packer.compress(data) + packer.flush()


@pytest.mark.parametrize(("coding", "encode"), [
    ("gzip", _gzip),
    ("x-gzip", lambda d: _gzip(d[:40]) + _gzip(d[40:])),  # two gzip members in a row
    ("deflate", zlib.compress),  # the zlib format, as HTTP means it
    ("deflate", lambda d: zlib.compress(d)[2:-4]),  # raw deflate, as some servers send it
])
def test_compressed_bodies_are_decoded(coding: str, encode: Any, server: Server) -> None:
    server.routes["/z"] = Route(encode(PAGE), content_type="text/html",
                                headers={"Content-Encoding": coding})
    assert get(server.base_url + "/z") == PAGE


@pytest.mark.parametrize(("coding", "body", "message"), [
    ("gzip", _gzip(PAGE)[:-12], "the gzip body ends early"),
    ("gzip", b"not gzip at all", "the gzip body is corrupt"),
    ("br", b"\x0b\x02\x80", "unsupported Content-Encoding 'br'"),
    ("gzip, gzip", _gzip(_gzip(PAGE)), "unsupported Content-Encoding 'gzip, gzip'"),
])
def test_bad_compressed_bodies(coding: str, body: bytes, message: str, server: Server) -> None:
    server.routes["/z"] = Route(body, content_type="text/html",
                                headers={"Content-Encoding": coding})
    with pytest.raises(FetchError, match=message):
        get(server.base_url + "/z")


def crc32_of_zeros(count: int) -> int:
    """zlib.crc32(bytes(count)), without making the bytes (zlib's crc32_combine operator)."""
    def times(matrix: list[int], vector: int) -> int:
        total, i = 0, 0
        while vector:
            if vector & 1:
                total ^= matrix[i]
            vector, i = vector >> 1, i + 1
        return total

    operator = [0xEDB88320] + [1 << i for i in range(31)]  # the CRC of one more zero bit
    state, bits = 0xFFFFFFFF, 8 * count
    while bits:
        if bits & 1:
            state = times(operator, state)
        operator, bits = [times(operator, column) for column in operator], bits >> 1
    return state ^ 0xFFFFFFFF


@pytest.fixture(scope="module")
def gzip_bomb() -> tuple[bytes, int]:
    """One gzip stream of about 1 MB that expands to 1.14 GB of zeros, and that size.

    One block of 16 MiB of zeros is compressed once and repeated: a full flush makes each copy
    start afresh, so the copies form a single valid deflate stream."""
    block, copies = 16 << 20, 68
    packer = zlib.compressobj(9, zlib.DEFLATED, -zlib.MAX_WBITS)
    piece = packer.compress(bytes(block)) + packer.flush(zlib.Z_FULL_FLUSH)
    size = block * copies
    trailer = crc32_of_zeros(size).to_bytes(4, "little") + (size % 2**32).to_bytes(4, "little")
    header = b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x02\xff"
    return header + piece * copies + packer.flush() + trailer, size


def test_crc32_of_zeros() -> None:
    assert crc32_of_zeros(100_003) == zlib.crc32(bytes(100_003))


def test_a_gzip_bomb_in_one_chunk_stops_at_the_limit(gzip_bomb: tuple[bytes, int]) -> None:
    bomb, size = gzip_bomb
    assert size > 10**9 and len(bomb) < 1_200_000
    inflater = Inflater("gzip", 4 << 20, "bomb")
    tracemalloc.start()
    try:
        with pytest.raises(FetchError, match=r"larger than the limit of 4,194,304 bytes once "
                                             r"decompressed"):
            inflater.feed(bomb)  # the whole bomb as one chunk
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 16 << 20  # the limit and a copy of it, never the gigabyte


def test_a_gzip_bomb_fails_cleanly_under_a_512_mb_address_space(
        gzip_bomb: tuple[bytes, int], server: Server, tmp_path: Path) -> None:
    bomb, _ = gzip_bomb
    server.routes["/bomb.html"] = Route(bomb, content_type="text/html",
                                        headers={"Content-Encoding": "gzip"})
    store = tmp_path / "store"
    program = textwrap.dedent(f"""
        import resource, sys
        resource.setrlimit(resource.RLIMIT_AS, (512 << 20, 512 << 20))
        from legcompare.cli import main
        sys.argv = ["legcompare", "fetch", {server.base_url + "/bomb.html"!r},
                    "--allow-private", "--store", {str(store)!r}]
        main()
    """)
    done = subprocess.run([sys.executable, "-c", program], capture_output=True, text=True,
                          timeout=60, cwd=tmp_path, check=False)
    assert done.returncode == 2, done.stderr
    assert one_line_error(done.stderr) == (
        f"{server.base_url}/bomb.html: the response is larger than the limit of 67,108,864 "
        "bytes once decompressed (see --max-bytes)")
    assert done.stdout == ""
    assert server.paths == ["/bomb.html"]
    assert not store.exists()


@pytest.mark.parametrize(("media", "body", "message"), [
    ("text/html", b"%PDF-1.4\n...", "served as text/html but the body is a PDF; refused"),
    ("text/plain", b"\x89PNG\r\n\x1a\n....", "served as text/plain but the body is a PNG image"),
    ("application/xml", b"PK\x03\x04....", "served as application/xml but the body is a ZIP"),
    ("application/pdf", b"<html><body>x</body></html>",
     "served as application/pdf but the body is not a PDF; refused"),
])
def test_magic_bytes_must_agree_with_the_content_type(media: str, body: bytes,
                                                      message: str) -> None:
    with pytest.raises(FetchError, match=message):
        check_magic(body, media, "u")


def test_magic_bytes_that_agree_pass() -> None:
    check_magic(PAGE, "text/html", "u")
    check_magic(b"%PDF-1.4\n", "application/pdf", "u")
    check_magic(b"%PDF-1.4\n", None, "u")  # no content type: the source decides


def test_a_pdf_page_is_refused_by_the_web_source(server: Server, tmp_path: Path) -> None:
    server.routes["/bill.pdf"] = Route(b"%PDF-1.4\n1 0 obj\n", content_type="application/pdf")
    code, _, err = cli("fetch", server.base_url + "/bill.pdf", "--allow-private", "--store",
                       str(tmp_path / "store"))
    assert code == 2
    assert one_line_error(err).endswith("the page is a PDF (application/pdf); only HTML, XML "
                                        "and plain text pages are read")


# --- the web source's names, progress -----------------------------------------------------------


def test_document_slugs() -> None:
    assert document_slug("https://WWW.Example.org/Bills/2024/HB%20101.html?x=1") == (
        "www.example.org-bills-2024-hb-101.html")
    assert document_slug("http://127.0.0.1:8080/") == "127.0.0.1-8080"
    long = document_slug("https://example.org/" + "section/" * 40)
    assert len(long) == 120 and long.startswith("example.org-section-section-")
    assert long != document_slug("https://example.org/" + "section/" * 41)


def test_progress_is_reported_and_drawn_only_when_asked(server: Server, tmp_path: Path,
                                                        capsys: pytest.CaptureFixture[str]
                                                        ) -> None:
    server.routes["/a.html"] = Route(PAGE, content_type="text/html")
    server.routes["/b.html"] = Route(PAGE.replace(b"Text", b"More text"),
                                     content_type="text/html")
    seen: list[tuple[int, int | None]] = []
    with HttpClient(PRIVATE, progress=lambda got, total: seen.append((got, total))) as client:
        client.get(server.base_url + "/a.html")
    assert seen[-1] == (len(PAGE), len(PAGE))
    sources = [server.base_url + "/a.html", server.base_url + "/b.html"]
    store = Store(tmp_path / "store")
    assert len(list(fetch_many(sources, store=store, policy=PRIVATE))) == 2
    assert capsys.readouterr().err == ""  # stderr is not a terminal: silent
    refs = [s.ref for s in fetch_many(sources, store=store, policy=PRIVATE, show_progress=True)]
    assert len(set(refs)) == 2
    assert "Fetching" in capsys.readouterr().err
