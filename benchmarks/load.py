"""A bounded load test of ``legcompare serve`` on loopback: many people comparing at once.

Starts ``python -m legcompare serve --port 0 --offline`` with an empty temporary store, then
drives it over HTTP as browsers would (each client its own session: open the compare page for
its CSRF token, upload both files, follow the job as the progress page's script does, waiting
at the server for each change of stage, then fetch the result page):

1. **alone**: after a warm-up (four S. 4457 and two H.R. 2157 comparisons at once, so that
   every worker process has loaded the rules and run both pairs), one S. 4457 → S. 4457-A
   comparison at a time, ``--repeat`` times; the median is "one comparison's time alone";
2. **the issue's load**: ``--small`` (20) S. 4457 comparisons and ``--large`` (2) H.R. 2157 IH →
   ENR comparisons, all released at once. Every one must succeed and the p95 of the S. 4457
   ones must be at most ``--bound`` (3) times the time alone, else the exit status is 1;
3. **distinct uploads** (reported, not judged): the same, but each client's files carry their
   own name, so no two requests are identical and none can share a computation: what the worker
   pool alone does under the same load, on this machine's cores.

Each latency runs from the start of the upload to the result page received. Output is a
Markdown report (stdout, and ``--out FILE``), with the machine it ran on. The corpus is read in
place (``$LEGCOMPARE_CORPUS``, else ``../shared/corpus``)::

    python benchmarks/load.py
    python benchmarks/load.py --small 20 --large 2 --workers 2 --out /tmp/load.md
"""

from __future__ import annotations

import argparse
import math
import os
import re
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import httpx

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(REPO))

from benchmarks.run import machine  # noqa: E402

S4457 = ("us-ny-s4457-2023-original.txt", "us-ny-s4457a-2024-amended.txt")
HR2157 = ("us-federal-hr2157-116-introduced.txt", "us-federal-hr2157-116-enrolled.txt")


@dataclass(frozen=True)
class Outcome:
    """One client's comparison."""

    pair: str
    seconds: float
    ok: bool
    detail: str


def corpus_dir() -> Path:
    return Path(os.environ.get("LEGCOMPARE_CORPUS", REPO.parent / "shared" / "corpus"))


def start_server(store: Path, workers: int | None) -> tuple[subprocess.Popen[str], str]:
    """``legcompare serve`` on a free loopback port; the process and its URL."""
    argv = [sys.executable, "-m", "legcompare", "serve", "--port", "0", "--offline",
            "--store", str(store)] + (["--workers", str(workers)] if workers else [])
    proc = subprocess.Popen(argv, cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True)
    assert proc.stdout is not None
    url = proc.stdout.readline().strip()
    if not url.startswith("http://127.0.0.1:"):
        proc.kill()
        raise SystemExit(f"the server did not start: {proc.communicate()[1].strip()}")
    return proc, url


def compare_once(url: str, pair: str, files: dict[str, tuple[str, bytes]],
                 start: threading.Barrier | None = None) -> Outcome:
    """One browser's comparison: form, upload, follow the job, result page."""
    with httpx.Client(base_url=url, timeout=600) as client:
        form = client.get("/").text
        found = re.search(r'name="csrf_token" value="([^"]+)"', form)
        if found is None:
            return Outcome(pair, 0.0, False, "no CSRF token on the compare page")
        if start is not None:
            start.wait()
        began = time.perf_counter()
        sent = client.post("/compare", data={"csrf_token": found.group(1)}, files=files)
        if sent.status_code != 303:
            return Outcome(pair, time.perf_counter() - began, False,
                           f"HTTP {sent.status_code} on submit")
        job = sent.headers["location"]
        stage = ""
        while True:  # as the progress page does: wait at the server for each change
            status = client.get(f"{job}/status", params={"stage": stage, "wait": 10}).json()
            if status["state"] != "pending":
                break
            stage = status["stage"]
            time.sleep(status["retry"])
        page = client.get(job)
        seconds = time.perf_counter() - began
        headline = re.search(r'<p class="headline">([^<]+)</p>', page.text)
        ok = page.status_code == 200 and headline is not None
        return Outcome(pair, seconds, ok, headline.group(1) if headline else
                       f"HTTP {page.status_code}")


def upload(corpus: Path, names: tuple[str, str], tag: str = "") -> dict[str, tuple[str, bytes]]:
    """The form's two files; ``tag`` renames them (same bytes, another request)."""
    def named(n: str) -> str:
        return n.replace(".txt", f"-{tag}.txt") if tag else n
    return {"old_file": (named(names[0]), (corpus / names[0]).read_bytes()),
            "new_file": (named(names[1]), (corpus / names[1]).read_bytes())}


def crowd(url: str, corpus: Path, small: int, large: int, distinct: bool) -> list[Outcome]:
    """``small`` S. 4457 and ``large`` H.R. 2157 comparisons released at the same instant."""
    jobs = [("S. 4457", S4457, i) for i in range(small)] + \
           [("H.R. 2157", HR2157, i) for i in range(large)]
    barrier = threading.Barrier(len(jobs))
    results: list[Outcome] = []
    lock = threading.Lock()

    def client(pair: str, names: tuple[str, str], i: int) -> None:
        outcome = compare_once(url, pair, upload(corpus, names, f"c{i}" if distinct else ""),
                               barrier)
        with lock:
            results.append(outcome)

    threads = [threading.Thread(target=client, args=job) for job in jobs]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return results


def p95(values: Sequence[float]) -> float:
    """The nearest-rank 95th percentile."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(0.95 * len(ordered)) - 1)]


def table(title: str, outcomes: list[Outcome], alone: float) -> list[str]:
    head = "| pair | runs | succeeded | median s | p95 s | max s | p95 ÷ alone |"
    lines = [f"### {title}", "", head, "|---|---|---|---|---|---|---|"]
    for pair in ("S. 4457", "H.R. 2157"):
        got = [o for o in outcomes if o.pair == pair]
        if not got:
            continue
        secs = [o.seconds for o in got]
        ratio = f"{p95(secs) / alone:.2f}" if pair == "S. 4457" else "—"
        lines.append(f"| {pair} | {len(got)} | {sum(o.ok for o in got)} | "
                     f"{statistics.median(secs):.2f} | {p95(secs):.2f} | {max(secs):.2f} | "
                     f"{ratio} |")
    failed = [o for o in outcomes if not o.ok]
    lines += [""] + [f"- failed: {o.pair}: {o.detail}" for o in failed] + ([""] if failed else [])
    return lines


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--small", type=int, default=20, help="S. 4457 comparisons at once")
    parser.add_argument("--large", type=int, default=2, help="H.R. 2157 comparisons at once")
    parser.add_argument("--repeat", type=int, default=5, help="comparisons alone (median)")
    parser.add_argument("--bound", type=float, default=3.0,
                        help="most p95 ÷ alone allowed for S. 4457 under the load")
    parser.add_argument("--workers", type=int, default=None, help="the server's --workers")
    parser.add_argument("--no-distinct", action="store_true",
                        help="skip the distinct-uploads run")
    parser.add_argument("--out", type=Path, default=None, help="also write the report here")
    args = parser.parse_args(argv)
    corpus = corpus_dir()
    with tempfile.TemporaryDirectory(prefix="legcompare-load-") as store:
        proc, url = start_server(Path(store), args.workers)
        try:
            warm = crowd(url, corpus, 4, 2, distinct=True)  # every worker has run each pair
            if not all(o.ok for o in warm):
                raise SystemExit(f"warm-up failed: {[o.detail for o in warm if not o.ok]}")
            alone_runs = [compare_once(url, "S. 4457", upload(corpus, S4457))
                          for _ in range(args.repeat)]
            hr_alone = compare_once(url, "H.R. 2157", upload(corpus, HR2157))
            same = crowd(url, corpus, args.small, args.large, distinct=False)
            distinct = [] if args.no_distinct else crowd(url, corpus, args.small, args.large,
                                                         distinct=True)
        finally:
            proc.terminate()
            proc.communicate(timeout=60)
    alone = statistics.median(o.seconds for o in alone_runs)
    small = [o.seconds for o in same if o.pair == "S. 4457"]
    passed = all(o.ok for o in [*alone_runs, hr_alone, *same]) and p95(small) <= args.bound * alone
    info = machine(REPO)
    lines = ["# legcompare serve under load", ""]
    lines += [f"- {k}: {v}" for k, v in info.items()]
    workers = f" --workers {args.workers}" if args.workers else ""
    runs = ", ".join(f"{o.seconds:.2f}" for o in alone_runs)
    lines += [f"- server: `legcompare serve --port 0 --offline{workers}` on 127.0.0.1", "",
              (f"Alone: S. 4457 → S. 4457-A median {alone:.2f} s over {args.repeat} runs "
               f"({runs}); H.R. 2157 IH → ENR {hr_alone.seconds:.2f} s."), ""]
    lines += table(f"The issue's load: {args.small} S. 4457 and {args.large} H.R. 2157 at once",
                   same, alone)
    verdict = "met" if passed else "NOT met"
    lines += [(f"Bound: p95 of S. 4457 ≤ {args.bound:g} × alone = {args.bound * alone:.2f} s: "
               f"**{verdict}**."), ""]
    if distinct:
        lines += table("Distinct uploads (no request shares a computation)", distinct, alone)
    report = "\n".join(lines) + "\n"
    print(report)
    if args.out:
        args.out.write_text(report, encoding="utf-8")
    return 0 if passed else 1


if __name__ == "__main__":
    sys.exit(main())
