"""``legcompare serve`` over HTTP: the real server (waitress, the worker pool) on 127.0.0.1, on a
port the system picks, driven by an HTTP client.

What the web app shows is the library's own output: a comparison's report and every download
are byte for byte what ``legcompare diff --format ...`` writes for the same files. Bad input gets
a page with a title and one line, the right status, and changes nothing: no job, no file in
the store. The browser itself (Chromium, Selenium) is in ``test_web_browser.py``.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import re
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from multiprocessing import get_context
from pathlib import Path
from typing import Any

import httpx
import pytest
from click.testing import CliRunner

from legcompare.cli import main
from legcompare.compare import compare
from legcompare.covers import covers
from legcompare.history import history
from legcompare.ingest import load_path
from legcompare.model import Comparison, Provenance
from legcompare.preempt import preempt
from legcompare.render.covers_html import covers_html
from legcompare.render.covers_out import covers_csv
from legcompare.render.csv_out import diff_csv
from legcompare.render.diff_json import diff_json
from legcompare.render.diff_markdown import diff_markdown
from legcompare.render.docx_out import diff_docx
from legcompare.render.history_out import history_html
from legcompare.render.html import diff_html
from legcompare.render.preempt_html import preempt_html
from legcompare.render.preempt_out import preempt_csv
from legcompare.resolve import Resolver
from legcompare.store import Store
from legcompare.summary import headline, summarize
from legcompare.web import Running, start
from legcompare.web.app import jobs_of
from legcompare.web.jobs import Job, JobQueue
from legcompare.web.tasks import DocInput, Task

S4457 = ("us-ny-s4457-2023-original.txt", "us-ny-s4457a-2024-amended.txt")
HR2157 = ("us-federal-hr2157-116-introduced.txt", "us-federal-hr2157-116-enrolled.txt")
LIMIT = 64 * 1024
"""The per-document limit the test server is started with."""
DEMO = (b"SEC. 1. SHORT TITLE.\nThis Act may be cited as the Demo Act.\nSEC. 2. BAN.\n"
        b"No agency shall use face recognition.\n")


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Running]:
    root = tmp_path_factory.mktemp("store")
    provenance = Provenance(jurisdiction="us-test", document="demo", version="a",
                            title="Demo Act", source="file", format="text",
                            sha256=hashlib.sha256(DEMO).hexdigest())
    Store(root).put("us-test", "demo", "a", DEMO, provenance, ext="txt")
    outside = tmp_path_factory.mktemp("outside")
    (outside / "a.txt").write_bytes(DEMO)
    (root / "us-test" / "escape").symlink_to(outside, target_is_directory=True)
    running = start(Resolver(store=root), port=0, workers=2, max_document=LIMIT)
    yield running
    running.stop()


@pytest.fixture
def client(server: Running) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=server.url, timeout=120) as c:
        yield c


def token(client: httpx.Client, page: str = "/") -> str:
    """Open a form page (which sets the session cookie) and return its CSRF token."""
    found = re.search(r'name="csrf_token" value="([^"]+)"', client.get(page).text)
    assert found is not None
    return found.group(1)


def submit(client: httpx.Client, path: str, data: dict[str, str],
           files: dict[str, tuple[str, bytes]] | None = None, *,
           csrf: bool = True) -> httpx.Response:
    form = {"csrf_token": token(client, "/" if path == "/compare" else path)} if csrf else {}
    return client.post(path, data=form | data, files=files or {})


def finished(client: httpx.Client, response: httpx.Response) -> httpx.Response:
    """Follow a submitted form to its job and wait until the job is done or failed."""
    assert response.status_code == 303, response.text
    where = response.headers["location"]
    for _ in range(1200):
        if client.get(f"{where}/status").json()["state"] != "pending":
            return client.get(where)
        time.sleep(0.1)
    raise AssertionError("the job did not finish within two minutes")


def corpus_files(corpus: Path, names: tuple[str, ...], *slots: str
                 ) -> dict[str, tuple[str, bytes]]:
    return {f"{slot}_file": (name, (corpus / name).read_bytes())
            for slot, name in zip(slots, names, strict=True)}


def job_link(page: str, fmt: str) -> str:
    found = re.search(rf'href="(/jobs/[A-Za-z0-9_-]{{22}}/download/{fmt})"', page)
    assert found is not None, fmt
    return found.group(1)


def files_under(root: Path) -> list[tuple[str, int, int]]:
    return sorted((str(p.relative_to(root)), p.stat().st_size, p.stat().st_mtime_ns)
                  for p in root.rglob("*") if p.is_file() and not p.is_symlink())


def refused(server: Running, client: httpx.Client, send: Any, status: int, *words: str
            ) -> str:
    """Send a bad request; check the error page, its status and that nothing changed."""
    root = server.app.extensions["legcompare"].settings.store
    before, jobs = files_under(root), jobs_of(server.app).count()
    response = send()
    page = response.text
    assert response.status_code == status, page
    assert response.headers["content-type"].startswith("text/html")
    message = re.search(r'<p class="error" role="alert">(.*?)</p>', page, re.S)
    assert message is not None, page
    for w in words:
        assert w in message.group(1), message.group(1)
    assert "Nothing was changed." in page and "Traceback" not in page
    assert files_under(root) == before and jobs_of(server.app).count() == jobs
    return message.group(1)


# --- the library's output, byte for byte ------------------------------------------------------


def identity(value: Any) -> Any:
    return value


def test_comparison_pickles_and_crosses_a_process(corpus: Path) -> None:
    c = compare(load_path(corpus / S4457[0]), load_path(corpus / S4457[1]))
    assert pickle.loads(pickle.dumps(c)) == c
    with ProcessPoolExecutor(1, mp_context=get_context("spawn")) as pool:
        back: Comparison = pool.submit(identity, c).result(timeout=120)
    assert back == c and diff_html(back) == diff_html(c)


def test_upload_compare_shows_the_report_and_downloads_what_the_cli_writes(
        corpus: Path, client: httpx.Client, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    c = compare(load_path(corpus / S4457[0]), load_path(corpus / S4457[1]))
    page = finished(client, submit(client, "/compare", {"mode": "auto"},
                                   corpus_files(corpus, S4457, "old", "new"))).text
    assert f'<p class="headline">{headline(summarize(c))}</p>' in page
    assert ("<h1>N.Y. S. 4457 (2023–2024), Biometric Privacy Act, original print → N.Y. S. "
            "4457-A (2023–2024), Biometric Privacy Act, A print</h1>") in page
    assert re.search(r'<iframe id="report" class="report" title="The report" '
                     r'src="/jobs/[A-Za-z0-9_-]{22}/report" sandbox></iframe>', page)
    report = client.get(page.split('src="')[-1].split('"')[0])
    assert report.text == diff_html(c)
    assert "sandbox" in report.headers["content-security-policy"]
    opts: dict[str, object] = {"format": "json", "mode": "auto", "perspective": "protective",
                               "rules": [], "select": None, "only_changed": False}
    expected = {"docx": diff_docx(c), "csv": diff_csv(c), "html": diff_html(c).encode(),
                "json": diff_json(c, opts), "markdown": diff_markdown(c).encode()}
    for fmt, data in expected.items():
        got = client.get(job_link(page, fmt))
        assert got.status_code == 200 and got.content == data, fmt
        assert got.headers["content-disposition"] == (
            'attachment; filename="s4457-2023-original-vs-s4457-2023-a.'
            f'{ {"markdown": "md"}.get(fmt, fmt)}"')
    out = tmp_path / "cli.docx"
    result = CliRunner().invoke(main, ["diff", str(corpus / S4457[0]), str(corpus / S4457[1]),
                                       "--format", "docx", "-o", str(out)])
    assert result.exit_code == 0 and out.read_bytes() == expected["docx"]


def test_pdf_download_is_a_pdf_of_the_report(corpus: Path, client: httpx.Client) -> None:
    page = finished(client, submit(client, "/compare", {},
                                   corpus_files(corpus, S4457, "old", "new"))).text
    got = client.get(job_link(page, "pdf"))
    assert got.status_code == 200 and got.content.startswith(b"%PDF-")
    assert got.headers["content-type"] == "application/pdf"


def test_pasted_text_against_a_stored_text(client: httpx.Client) -> None:
    pasted = DEMO.decode().replace("recognition.", "recognition, except with a warrant.")
    page = finished(client, submit(client, "/compare", {"old_ref": "us-test/demo@a",
                                                        "new_text": pasted})).text
    assert '<p class="headline">1 provision weaker; 1 modified, 1 unchanged</p>' in page
    report = client.get(page.split('src="')[-1].split('"')[0]).text
    assert "<dd>paste</dd>" in report and "<dd>Demo Act</dd>" in report
    status = page.split('src="')[-1].split('"')[0].replace("/report", "/status")
    assert client.get(status).json() | {"elapsed": 0} == {
        "state": "done", "stage": "done", "step": 4, "error": None, "queued": False,
        "ahead": 0, "elapsed": 0, "retry": 0.4}
    waited = client.get(status, params={"stage": "writing the report", "wait": 10}).json()
    assert (waited["state"], waited["retry"]) == ("done", 0.0)  # past that stage: no wait


def downloads(page: str) -> list[str]:
    return re.findall(r'id="download-([a-z]+)"', page)


def test_history_covers_and_preempt_show_the_library_reports(corpus: Path,
                                                             client: httpx.Client) -> None:
    def load(*names: str) -> list[Any]:
        return [load_path(corpus / n) for n in names]

    a48 = ("us-ny-a48-2023-original.txt", "us-ny-a48a-2023-amended.txt")
    expected = history_html(history(load(*a48)))
    page = finished(client, submit(client, "/history", {},
                                   corpus_files(corpus, a48, "doc1", "doc2"))).text
    assert client.get(page.split('src="')[-1].split('"')[0]).text == expected
    assert downloads(page) == ["html", "pdf", "json", "markdown"]
    laws = ("us-il-bipa-740ilcs14-current.txt", "us-wa-rcw-43.386-current.txt")
    report = covers(load(*laws), baseline=0)
    page = finished(client, submit(client, "/covers", {"baseline": "doc1"},
                                   corpus_files(corpus, laws, "doc1", "doc2"))).text
    assert client.get(page.split('src="')[-1].split('"')[0]).text == covers_html(report)
    assert downloads(page) == ["html", "pdf", "csv", "json", "markdown"]
    assert client.get(job_link(page, "csv")).content == covers_csv(report)
    pair = ("us-federal-hr4695-119-introduced.txt", "us-ny-a3712-2023-introduced.txt")
    result = preempt(*load(pair[0]), load(pair[1]))
    page = finished(client, submit(client, "/preempt", {},
                                   corpus_files(corpus, pair, "upper", "lower1"))).text
    assert client.get(page.split('src="')[-1].split('"')[0]).text == preempt_html(result)
    assert downloads(page) == ["html", "pdf", "csv", "json", "markdown"]
    assert client.get(job_link(page, "csv")).content == preempt_csv(result)


def test_store_lists_texts_with_provenance_and_shows_an_outline(client: httpx.Client) -> None:
    page = client.get("/store").text
    assert '<a href="/store/us-test/demo@a">us-test/demo@a</a>' in page
    assert "<td>Demo Act</td>" in page and hashlib.sha256(DEMO).hexdigest()[:12] in page
    outline = client.get("/store/us-test/demo@a").text
    assert re.findall(r'<code class="id">([^<]+)</code>', outline) == ["s1", "s2"]
    assert "No agency shall use face recognition." in outline


# --- bad input: a clear page, nothing changed ------------------------------------------------


def test_an_oversized_upload_is_refused(server: Running, client: httpx.Client) -> None:
    big = b"SEC. 1. A LONG SECTION.\n" + b"The agency shall report. " * 3000
    refused(server, client, lambda: submit(client, "/compare", {"new_ref": "us-test/demo@a"},
                                           {"old_file": ("big.txt", big)}),
            413, "old text is larger than the limit of 65,536 bytes per document")
    limit = server.app.config["MAX_CONTENT_LENGTH"]
    refused(server, client, lambda: submit(client, "/compare", {}, {
        "old_file": ("huge.txt", b"x" * (limit + 1))}), 413, "larger than this server accepts")


def test_a_binary_file_is_refused(server: Running, client: httpx.Client) -> None:
    binary = bytes(range(256)) * 8
    refused(server, client, lambda: submit(client, "/compare", {"new_ref": "us-test/demo@a"},
                                           {"old_file": ("bill.txt", binary)}),
            415, "bill.txt: not a text document: this looks like binary data")
    refused(server, client, lambda: submit(client, "/compare", {"new_ref": "us-test/demo@a"},
                                           {"old_file": ("bill.exe", DEMO)}),
            415, "a .exe is not read")
    refused(server, client, lambda: submit(client, "/compare", {"new_ref": "us-test/demo@a"},
                                           {"old_file": ("bill.pdf", DEMO)}),
            415, "bill.pdf: not a PDF file")


def test_a_store_reference_outside_the_store_is_refused(server: Running,
                                                        client: httpx.Client) -> None:
    for ref, why in (("../../etc/passwd@x", "not a store reference"),
                     ("us-test/../../etc@passwd", "not a store reference"),
                     ("us-test/..@a", "a store reference part may not start with &#39;.&#39;")):
        refused(server, client, lambda ref=ref: submit(client, "/compare", {
            "old_ref": ref, "new_ref": "us-test/demo@a"}), 400, f"{ref}: {why}")
    refused(server, client, lambda: submit(client, "/compare", {
        "old_ref": "us-test/escape@a", "new_ref": "us-test/demo@a"}), 400,
        "us-test/escape@a: resolves outside the store")
    refused(server, client, lambda: client.get("/store/us-test/escape@a"), 400,
            "resolves outside the store")
    refused(server, client, lambda: client.get("/store/..%2F..%2Fetc%2Fpasswd@x"), 400,
            "not a store reference")
    for path in ("/static/../../setup.cfg", "/static/%2e%2e/%2e%2e/setup.cfg",
                 "/static/..%2F..%2Fstore.py"):
        assert client.get(path).status_code == 404, path


def test_a_post_without_the_csrf_token_is_refused(server: Running,
                                                  client: httpx.Client) -> None:
    token(client)
    refused(server, client, lambda: submit(client, "/compare", {
        "old_ref": "us-test/demo@a", "new_ref": "us-test/demo@a"}, csrf=False),
        403, "security token (CSRF) is missing or out of date")
    refused(server, client, lambda: client.post("/compare", data={
        "csrf_token": "forged", "old_ref": "us-test/demo@a", "new_ref": "us-test/demo@a"}),
        403, "security token (CSRF)")
    with httpx.Client(base_url=server.url) as stranger:  # another browser: no session
        refused(server, stranger, lambda: stranger.post("/compare", data={
            "csrf_token": token(client), "old_ref": "us-test/demo@a",
            "new_ref": "us-test/demo@a"}), 403, "security token (CSRF)")
    refused(server, client, lambda: client.post("/compare", headers={
        "Origin": "http://evil.example"}, data={"csrf_token": token(client)}), 403,
        "a form sent from another site (http://evil.example) was refused")


def test_a_foreign_host_header_is_refused(server: Running, client: httpx.Client) -> None:
    port = server.url.rsplit(":", 1)[1].strip("/")
    for host in ("evil.example", f"evil.example:{port}", "127.0.0.1:1", f"localhost.:{port}"):
        message = refused(server, client, lambda host=host: client.get(
            "/", headers={"Host": host}), 403, "this server answers only to", "DNS rebinding")
        assert f"not to {host.lower()}" in message
    for host in (f"127.0.0.1:{port}", f"localhost:{port}", f"LOCALHOST:{port}"):
        assert client.get("/", headers={"Host": host}).status_code == 200


def test_a_url_at_the_metadata_address_is_refused(server: Running,
                                                  client: httpx.Client) -> None:
    refused(server, client, lambda: submit(client, "/compare", {
        "old_ref": "http://169.254.169.254/latest/meta-data/", "new_ref": "us-test/demo@a"}),
        400, "fetching from 169.254.169.254 is refused: it is a cloud metadata address")
    refused(server, client, lambda: submit(client, "/compare", {
        "old_ref": "http://10.0.0.7/bill.html", "new_ref": "us-test/demo@a"}),
        400, "it is a private address (the server was not started with --allow-private)")
    refused(server, client, lambda: submit(client, "/compare", {
        "old_ref": f"{server.url}store", "new_ref": "us-test/demo@a"}),
        400, "it is a loopback address")


def test_a_host_name_of_a_private_address_fails_at_the_fetch(server: Running,
                                                             client: httpx.Client) -> None:
    root = server.app.extensions["legcompare"].settings.store
    before = files_under(root)
    url = server.url.replace("127.0.0.1", "localhost") + "store"
    page = finished(client, submit(client, "/compare", {"old_ref": url,
                                                        "new_ref": "us-test/demo@a"}))
    assert page.status_code == 422
    message = re.search(r'<p class="error" role="alert">(.*?)</p>', page.text, re.S)
    assert message is not None
    assert message.group(1).startswith(f"{url}: refused before connecting: localhost "
                                       "resolves to ")
    assert "a loopback address; --allow-private permits it" in message.group(1)
    assert files_under(root) == before


def test_missing_and_doubled_documents_are_refused(server: Running,
                                                   client: httpx.Client) -> None:
    refused(server, client, lambda: submit(client, "/compare", {"old_ref": "us-test/demo@a"}),
            400, "give the new text: upload a file, paste its text, or name a stored text")
    refused(server, client, lambda: submit(client, "/compare", {
        "old_ref": "us-test/demo@a", "old_text": "SEC. 1. X.", "new_ref": "us-test/demo@a"}),
        400, "give the old text one way only")
    refused(server, client, lambda: submit(client, "/compare", {
        "old_ref": "us-test/none@a", "new_ref": "us-test/demo@a"}), 400,
        "us-test/none@a: not in the store")
    refused(server, client, lambda: submit(client, "/history", {"doc1_ref": "us-test/demo@a"}),
            400, "give at least 2 documents")


# --- escaping and headers -------------------------------------------------------------------


def test_every_text_is_escaped(server: Running, client: httpx.Client) -> None:
    hostile = (b"SEC. 1. <script>alert(1)</script>\nNo agency shall use it \"><img src=x "
               b"onerror=alert(2)>.\n")
    page = finished(client, submit(client, "/compare", {"new_ref": "us-test/demo@a"}, {
        "old_file": ('<svg onload=alert(3)>.txt', hostile)}))
    assert "<script>alert" not in page.text and "<svg" not in page.text
    report = client.get(page.text.split('src="')[-1].split('"')[0]).text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in report
    assert "<script" not in report and "<img" not in report and "<svg" not in report
    message = refused(server, client, lambda: submit(client, "/compare", {
        "old_ref": "<b>x</b>@y", "new_ref": "us-test/demo@a"}), 400, "not a store reference")
    assert "&lt;b&gt;x&lt;/b&gt;@y" in message


def test_pages_allow_only_the_apps_own_scripts_and_styles(client: httpx.Client) -> None:
    for path in ("/", "/history", "/covers", "/preempt", "/store", "/static/app.js",
                 "/no/such/page"):
        response = client.get(path)
        csp = response.headers["content-security-policy"]
        assert csp.startswith("default-src 'none'; script-src 'self'; style-src 'self'; "), path
        assert "unsafe-inline" not in csp and "frame-ancestors 'none'" in csp
        assert response.headers["x-content-type-options"] == "nosniff"
    page = client.get("/").text
    assert re.findall(r"<script[^>]*>", page) == ['<script src="/static/app.js" defer>']
    assert re.findall(r"<link[^>]*>", page) == [
        '<link rel="icon" href="/static/favicon.svg" type="image/svg+xml">',
        '<link rel="stylesheet" href="/static/app.css">']
    assert " style=" not in page and re.search(r"\son[a-z]+=", page) is None


# --- the job queue --------------------------------------------------------------------------


def wait(queue: JobQueue, job: Job) -> None:
    for _ in range(1200):
        if job.state != "pending":
            return
        time.sleep(0.1)
    raise AssertionError("the job did not finish within two minutes")


def upload_task(corpus: Path, names: tuple[str, str]) -> Task:
    docs = tuple(DocInput("upload", n, (corpus / n).read_bytes()) for n in names)
    return Task("compare", docs, Resolver())


def test_identical_requests_in_flight_share_one_job(corpus: Path) -> None:
    queue = JobQueue(workers=2)
    try:
        task = upload_task(corpus, S4457)
        first = queue.submit(task, key="same", large=False)
        assert queue.submit(task, key="same", large=False) is first
        assert queue.submit(task, key=None, large=False) is not first
        wait(queue, first)
        assert first.state == "done"
        again = queue.submit(task, key="same", large=False)
        assert again is not first
        wait(queue, again)
    finally:
        queue.close()


def test_large_jobs_leave_a_worker_for_small_ones(corpus: Path) -> None:
    queue = JobQueue(workers=2)
    try:
        queue.warm()
        big = upload_task(corpus, HR2157)
        first = queue.submit(big, key=None, large=True)
        second = queue.submit(big, key=None, large=True)
        small = queue.submit(upload_task(corpus, S4457), key=None, large=False)
        assert queue.status(second)["queued"] is True
        wait(queue, small)
        assert small.state == "done" and second.started is None  # waits for the large lane
        wait(queue, first)
        wait(queue, second)
        assert first.state == second.state == "done"
    finally:
        queue.close()


def test_serve_command_listens_on_loopback_and_stops(tmp_path: Path) -> None:
    proc = subprocess.Popen([sys.executable, "-m", "legcompare", "serve", "--port", "0",
                             "--store", str(tmp_path)], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True,
                            env={**os.environ, "LEGCOMPARE_OFFLINE": "1"})
    try:
        assert proc.stdout is not None
        url = proc.stdout.readline().strip()
        assert re.fullmatch(r"http://127\.0\.0\.1:\d+/", url)
        assert httpx.get(url).status_code == 200
    finally:
        proc.send_signal(signal.SIGINT)
        _, err = proc.communicate(timeout=60)
    assert proc.returncode == 0, err
    assert "legcompare: stopped" in err and "Traceback" not in err


def test_workers_remove_their_working_folders_when_the_pool_stops(
        corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TMPDIR", str(tmp_path))  # where the (spawned) workers make them
    queue = JobQueue(workers=2)
    try:
        job = queue.submit(upload_task(corpus, S4457), key=None, large=False)
        wait(queue, job)
        assert job.state == "done"
        assert list(tmp_path.glob("legcompare-worker-*"))  # each worker works in one
    finally:
        queue.close()
    assert not list(tmp_path.glob("legcompare-worker-*"))
