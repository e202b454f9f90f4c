"""The command line: each command parses its arguments, calls one library function, prints the
result, and turns library errors into one line on stderr and exit code 2."""

from __future__ import annotations

import atexit
import contextlib
import gc
import os
import sys
import threading
from collections.abc import Callable, Iterator, Sequence
from functools import wraps
from typing import Any, TypeVar

import click

from . import __version__
from .errors import LegcompareError, UsageError
from .ingest import DEFAULT_MAX_BYTES
from .model import ClausePair, CompareOptions, Document, Mode, Perspective, Status, Verdict
from .output import write_output
from .render.reports import BINARY, FORMATS, render
from .resolve import Resolver

F = TypeVar("F", bound=Callable[..., Any])


def _fail(message: str) -> None:
    click.echo(f"legcompare: error: {message}", err=True)
    sys.exit(2)


def handle_errors(func: F) -> F:
    """Library errors become one line and exit 2; unexpected ones too (with LEGCOMPARE_DEBUG=1,
    the traceback is shown)."""

    @wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except LegcompareError as exc:
            _fail(str(exc))
        except (KeyboardInterrupt, BrokenPipeError):
            sys.exit(130 if not isinstance(sys.exc_info()[1], BrokenPipeError) else 0)
        except Exception as exc:  # a bug: still one line unless asked for the traceback
            if os.environ.get("LEGCOMPARE_DEBUG") == "1":
                raise
            _fail(f"internal error ({type(exc).__name__}: {exc}); run with LEGCOMPARE_DEBUG=1 "
                  "for details and report it")
        return None

    return wrapper  # type: ignore[return-value]


max_bytes_option = click.option(
    "--max-bytes", type=click.IntRange(min=1), default=DEFAULT_MAX_BYTES, show_default=True,
    help="Refuse inputs larger than this many bytes.")
encoding_option = click.option(
    "--encoding", default=None, help="Character encoding of text inputs that are not UTF-8.")
partial_option = click.option(
    "--partial", is_flag=True, help="Treat the documents as partial texts (parts not retrieved).")
output_option = click.option(
    "-o", "--output", "output", default=None, metavar="FILE",
    help="Write to FILE (atomically) instead of standard output.")
store_option = click.option(
    "--store", "store", type=click.Path(file_okay=False), default=None, envvar="LEGCOMPARE_STORE",
    help="The store folder (default: $LEGCOMPARE_STORE, legcompare.toml's store, else the user "
         "data directory).")
offline_option = click.option(
    "--offline", is_flag=True, envvar="LEGCOMPARE_OFFLINE",
    help="Refuse all network access (also LEGCOMPARE_OFFLINE=1).")
base_url_option = click.option(
    "--base-url", default=None, metavar="URL",
    help="The source's base URL (govinfo, LegiScan, Open States, leginfo; for mirrors, tests); "
         "its own host may be a private address.")
allow_private_option = click.option(
    "--allow-private", is_flag=True,
    help="Permit fetching from loopback and private addresses (never cloud metadata ones).")
config_option = click.option(
    "--config", "config", type=click.Path(dir_okay=False), default=None, metavar="FILE",
    help="Settings file (default: $LEGCOMPARE_CONFIG, ./legcompare.toml, the user config dir).")

perspective_option = click.option(
    "--perspective", type=click.Choice([p.value for p in Perspective]), default="protective",
    show_default=True, help="Whose protection 'stronger' measures.")
rules_option = click.option(
    "--rules", "rules", multiple=True, type=click.Path(dir_okay=False),
    help="An extra rule file (repeatable).")


def document_options(f: F) -> F:
    """The options that say how to read a command's documents (files, source ids, stored
    texts): ``--max-bytes``, ``--encoding``, ``--partial``, ``--store``, ``--offline``,
    ``--base-url``, ``--allow-private``, ``--config``; the command passes their values to
    :func:`_resolver`."""
    for option in reversed((max_bytes_option, encoding_option, partial_option, store_option,
                            offline_option, base_url_option, allow_private_option,
                            config_option)):
        f = option(f)
    return f


def format_option(kind: str, help: str | None = None) -> Callable[[F], F]:
    """``--format``, with the formats :mod:`legcompare.render.reports` has for ``kind``."""
    return click.option("--format", "fmt", type=click.Choice(list(FORMATS[kind])),
                        default="terminal", show_default=True, help=help)


def _binary_needs_file(fmt: str, output: str | None) -> None:
    """PDF and Word go to a file, or to a pipe; never to a terminal."""
    if fmt in BINARY and (output is None or output == "-") and sys.stdout.isatty():
        raise UsageError(f"--format {fmt} writes a binary file: give -o FILE (or pipe it)")


def _resolver(max_bytes: int, encoding: str | None, partial: bool, store: str | None = None,
              base_url: str | None = None, offline: bool = False, allow_private: bool = False,
              config: str | None = None) -> Resolver:
    """A Resolver from the command line's values over legcompare.toml's (a --max-bytes left at
    its default gives way to the file's)."""
    from pathlib import Path

    from click.core import ParameterSource

    from .config import load_config

    ctx = click.get_current_context(silent=True)
    given = ctx is None or ctx.get_parameter_source("max_bytes") not in (
        None, ParameterSource.DEFAULT)
    settings = load_config(Path(config) if config else None).with_options(
        store=store, base_url=base_url, offline=offline, allow_private=allow_private,
        max_bytes=max_bytes if given else None)
    return Resolver(max_bytes=settings.http.max_bytes, encoding=encoding, partial=partial,
                    store=settings.store, base_url=settings.govinfo_base_url,
                    state_urls=settings.state_urls,
                    offline=settings.offline, allow_private=settings.allow_private,
                    http=settings.http)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="legcompare")
@click.pass_context
def main(ctx: click.Context) -> None:
    """Compare legislative texts clause by clause: what changed, and whether each change makes
    the protection stronger or weaker."""
    # A long bill is a few hundred thousand objects that live until the command ends; at the
    # default thresholds (700, 10, 10) the collector walks them over and over, a seventh of a
    # 10 MB diff's time. A command run by ``run`` ends soon and leaves without freeing them,
    # and makes next to no cyclic garbage (the split unlinks its node trees): the collector
    # would walk them to find nothing (at 50,000 still 1 s of a 10 MB diff), so it is off.
    # The server runs for days and keeps collecting, less often; so does a caller that runs
    # the commands in its own process.
    if ctx.obj is _ENDS_SOON and ctx.invoked_subcommand != "serve":
        gc.disable()
    else:
        gc.set_threshold(50_000, 20, 20)


_ENDS_SOON = object()
"""``main``'s context object when it runs as the process's command (:func:`run`)."""


def run() -> None:
    """The ``legcompare`` command (and ``python -m legcompare``): :func:`main`, then leave
    without the interpreter's shutdown.

    A comparison of omnibus bills is millions of objects; the shutdown frees them one by one,
    0.4 s after a 10 MB report is already written. What the shutdown does that matters is
    done here: the exit hooks run (multiprocessing's release the web server's semaphores, for
    one) and the output is flushed; only the freeing is skipped. Where threads are still
    running, or this Python cannot run the hooks alone, it shuts down the usual way. The exit
    status is the one ``sys.exit`` would give."""
    try:
        main(obj=_ENDS_SOON)  # click's standalone mode: always ends in SystemExit
        code: object = 0
    except SystemExit as done:
        code = done.code
        # The exception's traceback holds the command's frames, and they hold what it made (a 10 MB
        # comparison and its report): held here, so that leaving this block does not free
        # them one by one just before ``os._exit`` (from the report written to the process
        # gone, a 10 MB diff took 0.13 s with the freeing, 0.04-0.06 s without).
        ended = done  # noqa: F841
    run_hooks = getattr(atexit, "_run_exitfuncs", None)
    if run_hooks is None or threading.active_count() > 1:
        sys.exit(code)  # type: ignore[arg-type]
    run_hooks()
    if code is None:
        status = 0
    elif isinstance(code, int):
        status = code
    else:  # as the interpreter does with sys.exit("message")
        print(code, file=sys.stderr)
        status = 1
    for stream in (sys.stdout, sys.stderr):
        # a closed pipe or stream: nothing more can be written to it
        with contextlib.suppress(OSError, ValueError):
            stream.flush()
    os._exit(status)


@main.command()
@click.argument("doc")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text",
              show_default=True)
@document_options
@output_option
@handle_errors
def outline(doc: str, fmt: str, max_bytes: int, encoding: str | None, partial: bool,
            store: str | None, offline: bool, base_url: str | None, allow_private: bool,
            config: str | None, output: str | None) -> None:
    """Show the clause tree of DOC (a file, a source id or a stored text)."""
    from .parallel import split_one
    from .render.outline import outline_json, outline_text

    tree = split_one(_resolver(max_bytes, encoding, partial, store, base_url, offline,
                               allow_private, config)(doc))
    if fmt == "json":
        options = {"format": fmt, "max_bytes": max_bytes, "partial": partial}
        write_output(outline_json(tree, options), output)
    else:
        _warn_documents(tree.document, shown=True, output=output)
        write_output(outline_text(tree), output)


_SHOWS_WARNINGS = ("terminal", "markdown")
"""The formats whose reports print a line for each document not in force."""


def _warn_documents(*documents: object, shown: bool = False, output: str | None = None
                    ) -> None:
    """One stderr line per document that is not in force; none where the report, which
    ``shown`` says prints the same line, goes to the terminal that stderr goes to (the line
    was printed twice)."""
    if shown and output is None and sys.stdout.isatty() and sys.stderr.isatty():
        return
    for d in documents:
        p = getattr(d, "provenance", None)
        if p is not None and p.in_force is False:
            click.echo(f"warning: {p.title or p.document} is not in force", err=True)


def _use_color(output: str | None) -> bool:
    return output is None and sys.stdout.isatty() and "NO_COLOR" not in os.environ and \
        os.environ.get("TERM") != "dumb"


@main.command()
@click.argument("old")
@click.argument("new")
@format_option("diff", help="terminal, markdown, json, csv, html (self-contained), pdf (printed "
               "by headless Chromium) or docx (Word, with tracked changes).")
@click.option("--mode", type=click.Choice([m.value for m in Mode]), default="auto",
              show_default=True, help="Two versions of one text, or two different laws.")
@perspective_option
@rules_option
@click.option("--select", default=None, metavar="ID", help="Compare only this clause's subtree.")
@click.option("--only-changed", is_flag=True, help="Leave unchanged provisions out.")
@click.option("--exit-code", is_flag=True, help="Exit 1 when any provision changed.")
@click.option("--fail-on", type=click.Choice(["weaker", "stronger", "any"]), default=None,
              help="Exit 1 when a provision got weaker, stronger, or either.")
@document_options
@output_option
@handle_errors
def diff(old: str, new: str, fmt: str, mode: str, perspective: str, rules: tuple[str, ...],
         select: str | None, only_changed: bool, exit_code: bool, fail_on: str | None,
         max_bytes: int, encoding: str | None, partial: bool, store: str | None, offline: bool,
         base_url: str | None, allow_private: bool, config: str | None,
         output: str | None) -> None:
    """Compare OLD and NEW clause by clause (files, source ids or stored texts)."""
    from .compare import compare_as_read
    from .parallel import Unread

    _binary_needs_file(fmt, output)
    read = _resolver(max_bytes, encoding, partial, store, base_url, offline, allow_private,
                     config)

    def documents() -> Iterator[Document | Unread]:
        # on a long file or stored text, a second process reads OLD and splits it while NEW is
        # read; a long text fetched now starts splitting there once it is read
        yield Unread(lambda: read(old), read.size_of(old))
        yield read(new)

    options = CompareOptions(mode=Mode(mode), perspective=Perspective(perspective), rules=rules,
                             select=select)
    comparison = compare_as_read(documents(), options=options)
    _warn_documents(comparison.old, comparison.new, shown=fmt in _SHOWS_WARNINGS, output=output)
    opts: dict[str, object] = {"format": fmt, "mode": mode, "perspective": perspective,
                               "rules": list(rules), "select": select,
                               "only_changed": only_changed}
    write_output(render("diff", comparison, fmt, options=opts, color=_use_color(output),
                        only_changed=only_changed), output)
    sys.exit(_diff_exit(comparison.pairs, exit_code, fail_on))


def _diff_exit(pairs: tuple[ClausePair, ...], exit_code: bool, fail_on: str | None) -> int:
    """``git diff --exit-code`` semantics; ``--fail-on`` looks at operative provisions only."""
    if exit_code and any(p.status is not Status.UNCHANGED for p in pairs):
        return 1
    if fail_on:
        wanted = {"weaker": {Verdict.WEAKER, Verdict.MIXED},
                  "stronger": {Verdict.STRONGER, Verdict.MIXED},
                  "any": {Verdict.WEAKER, Verdict.STRONGER, Verdict.MIXED}}[fail_on]
        if any(p.verdict in wanted and not p.descriptive
               for p in pairs):
            return 1
    return 0


@main.command(name="history")
@click.argument("docs", nargs=-1, required=True)
@format_option("history")
@click.option("--mode", type=click.Choice([m.value for m in Mode]), default="auto",
              show_default=True, help="Versions of one text, or different laws (each step).")
@perspective_option
@rules_option
@click.option("--select", default=None, metavar="ID", help="Follow only this clause's subtree.")
@click.option("--only-changed", is_flag=True,
              help="JSON: leave out unchanged steps and provisions that never changed.")
@document_options
@output_option
@handle_errors
def history_command(docs: tuple[str, ...], fmt: str, mode: str, perspective: str,
                    rules: tuple[str, ...], select: str | None, only_changed: bool,
                    max_bytes: int, encoding: str | None, partial: bool, store: str | None,
                    offline: bool, base_url: str | None, allow_private: bool,
                    config: str | None, output: str | None) -> None:
    """Follow each provision through DOCS (versions, oldest first) and say at which version
    each change happened, with its verdict."""
    from .history import history

    if len(docs) < 2:
        raise UsageError("history needs at least two versions (oldest first)")
    _binary_needs_file(fmt, output)
    read = _resolver(max_bytes, encoding, partial, store, base_url, offline, allow_private,
                     config)
    documents = [read(d) for d in docs]
    _warn_documents(*documents, shown=fmt in _SHOWS_WARNINGS, output=output)
    options = CompareOptions(mode=Mode(mode), perspective=Perspective(perspective), rules=rules,
                             select=select)
    result = history(documents, options=options)
    opts: dict[str, object] = {"format": fmt, "mode": mode, "perspective": perspective,
                               "rules": list(rules), "select": select,
                               "only_changed": only_changed}
    write_output(render("history", result, fmt, options=opts, color=_use_color(output),
                        only_changed=only_changed), output)


@main.command(name="current")
@click.argument("bill")
@click.argument("law", required=False)
@click.option("--format", "fmt", type=click.Choice(["terminal", "markdown", "json"]),
              default="terminal", show_default=True)
@perspective_option
@rules_option
@click.option("--select", default=None, metavar="ID",
              help="Only the instructions and sections of this bill clause's subtree.")
@click.option("--all", "show_all", is_flag=True,
              help="Terminal and Markdown: show unchanged provisions too.")
@document_options
@output_option
@handle_errors
def current_command(bill: str, law: str | None, fmt: str, perspective: str,
                    rules: tuple[str, ...], select: str | None, show_all: bool,
                    max_bytes: int, encoding: str | None, partial: bool, store: str | None,
                    offline: bool, base_url: str | None, allow_private: bool,
                    config: str | None, output: str | None) -> None:
    """What BILL does to current law: against LAW (the current text; the bill's instructions
    are applied to it), else against the current law the print itself shows (New York
    brackets, Ramseyer prints). Instructions that cannot be applied are listed with the
    reason."""
    from .current_law import against_current
    from .render import current_out

    read = _resolver(max_bytes, encoding, partial, store, base_url, offline, allow_private,
                     config)
    documents = [read(d) for d in ((bill, law) if law else (bill,))]
    _warn_documents(*documents, shown=fmt in _SHOWS_WARNINGS, output=output)
    options = CompareOptions(perspective=Perspective(perspective), rules=rules)
    result = against_current(documents[0], law=documents[1] if law else None,
                             options=options, only=select)
    text: str | bytes
    if fmt == "json":
        opts: dict[str, object] = {"format": fmt, "perspective": perspective,
                                   "rules": list(rules), "select": select}
        text = current_out.current_json(result, opts)
    elif fmt == "markdown":
        text = current_out.current_markdown(result, only_changed=not show_all)
    else:
        text = current_out.current_terminal(result, color=_use_color(output),
                                            only_changed=not show_all)
    write_output(text, output)


@main.command(name="preempt")
@click.argument("upper")
@click.argument("lowers", nargs=-1)
@format_option("preempt")
@rules_option
@document_options
@output_option
@handle_errors
def preempt_command(upper: str, lowers: tuple[str, ...], fmt: str, rules: tuple[str, ...],
                    max_bytes: int, encoding: str | None, partial: bool, store: str | None,
                    offline: bool, base_url: str | None, allow_private: bool,
                    config: str | None, output: str | None) -> None:
    """The preemption clauses of UPPER, classified; with LOWERS (state laws, ordinances), each
    lower provision stronger than its counterpart and its fate: erased, saved or undecided."""
    from .preempt import preempt

    _binary_needs_file(fmt, output)
    read = _resolver(max_bytes, encoding, partial, store, base_url, offline, allow_private,
                     config)
    documents = [read(d) for d in (upper, *lowers)]
    _warn_documents(*documents, shown=fmt in _SHOWS_WARNINGS, output=output)
    result = preempt(documents[0], documents[1:], options=CompareOptions(rules=rules))
    opts: dict[str, object] = {"format": fmt, "rules": list(rules), "partial": partial}
    write_output(render("preempt", result, fmt, options=opts, color=_use_color(output)), output)


@main.command(name="covers")
@click.argument("docs", nargs=-1, required=True)
@click.option("--baseline", default=None, metavar="DOC",
              help="Judge every other law's cells against this one (one of DOCS, or another).")
@format_option("covers")
@perspective_option
@rules_option
@document_options
@output_option
@handle_errors
def covers_command(docs: tuple[str, ...], baseline: str | None, fmt: str, perspective: str,
                   rules: tuple[str, ...], max_bytes: int, encoding: str | None, partial: bool,
                   store: str | None, offline: bool, base_url: str | None,
                   allow_private: bool, config: str | None, output: str | None) -> None:
    """What each of DOCS covers (defined terms, who, technologies, data, conduct, exceptions,
    enforcement, remedies, dates, oversight, preemption), with citations; with several DOCS,
    a matrix, judged against --baseline."""
    from .covers import CoversOptions, covers

    _binary_needs_file(fmt, output)
    names = list(docs)
    at = None if baseline is None else _named_among(baseline, names)
    if baseline is not None and at is None:
        names.insert(0, baseline)
        at = 0
    read = _resolver(max_bytes, encoding, partial, store, base_url, offline, allow_private,
                     config)
    documents = [read(d) for d in names]
    _warn_documents(*documents, shown=fmt in _SHOWS_WARNINGS, output=output)
    result = covers(documents, baseline=at,
                    options=CoversOptions(perspective=Perspective(perspective), rules=rules))
    opts: dict[str, object] = {"format": fmt, "baseline": baseline, "perspective": perspective,
                               "rules": list(rules), "partial": partial}
    write_output(render("covers", result, fmt, options=opts, color=_use_color(output)), output)


def _named_among(doc: str, names: Sequence[str]) -> int | None:
    """Where ``doc`` is among ``names``: the same words, or the same file by another path
    (``c1.txt`` and ``/tmp/c1.txt``); ``None`` when it is not."""
    for i, name in enumerate(names):
        if name == doc:
            return i
    for i, name in enumerate(names):
        with contextlib.suppress(OSError, ValueError):
            if os.path.samefile(name, doc):
                return i
    return None


@main.command()
@click.argument("sources", nargs=-1, required=True)
@store_option
@base_url_option
@click.option("--force", is_flag=True, help="Replace a stored text whose bytes changed.")
@offline_option
@allow_private_option
@max_bytes_option
@config_option
@handle_errors
def fetch(sources: tuple[str, ...], store: str | None, base_url: str | None, force: bool,
          offline: bool, allow_private: bool, max_bytes: int, config: str | None) -> None:
    """Fetch SOURCES (govinfo:116/hr/2157@ih, legiscan:<doc_id>,
    openstates:ca/20192020/AB1215@introduced, ca:2019-2020/AB1215@chaptered, https://...
    pages) into the store; print each store reference. API keys: LEGISCAN_API_KEY,
    OPENSTATES_API_KEY."""
    from .fetch import fetch_many

    read = _resolver(max_bytes, None, False, store, base_url, offline, allow_private, config)
    for stored in fetch_many(sources, store=read.opened_store(),
                             base_url=read.base_url, state_urls=dict(read.state_urls),
                             force=force, policy=read.policy()):
        click.echo(stored.ref)


@main.command(name="list")
@store_option
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text",
              show_default=True)
@config_option
@handle_errors
def list_store(store: str | None, fmt: str, config: str | None) -> None:
    """The texts in the store, with their provenance."""
    import json
    from pathlib import Path

    from .config import load_config
    from .errors import StoreError
    from .render.serialize import provenance as provenance_dict
    from .store import Store

    root = load_config(Path(config) if config else None).with_options(store=store).store_root()
    problems: list[StoreError] = []
    items = Store(root).list(problems=problems)
    for problem in problems:
        click.echo(f"warning: left out: {problem}", err=True)
    if fmt == "json":
        data = [{"ref": t.ref, "path": str(t.path), "provenance": provenance_dict(t.provenance)}
                for t in items]
        write_output(json.dumps(data, ensure_ascii=False, indent=2) + "\n", None)
        return
    for t in items:
        p = t.provenance
        bits = [t.ref, p.title or p.document, p.version_date or "", p.source,
                p.retrieved_at or ""]
        click.echo("\t".join(bits))


@main.command()
@click.option("--host", default="127.0.0.1", show_default=True,
              help="The address to listen on. Anything but loopback lets other machines use "
                   "the app, which has no login.")
@click.option("--port", type=click.IntRange(0, 65535), default=8000, show_default=True,
              help="The port (0: any free one; the address is printed).")
@click.option("--workers", type=click.IntRange(min=1), default=None,
              help="Jobs computed at once, one process each (default: the CPUs, 2 to 8).")
@click.option("--max-upload-bytes", type=click.IntRange(min=1), default=16 * 1024 * 1024,
              show_default=True, help="Refuse an uploaded or pasted document larger than this.")
@store_option
@offline_option
@allow_private_option
@config_option
@handle_errors
def serve(host: str, port: int, workers: int | None, max_upload_bytes: int, store: str | None,
          offline: bool, allow_private: bool, config: str | None) -> None:
    """A web app over the same library, in your browser: compare two texts (upload, paste, a
    stored text, a source id or URL), history, covers, preempt and the store. Prints its
    address; Ctrl-C stops it."""
    from .web import serve as run

    if host.strip("[]") not in ("127.0.0.1", "::1", "localhost"):
        click.echo(f"warning: listening on {host}: anyone who can reach it can use this app "
                   "(there is no login)", err=True)
    read = _resolver(DEFAULT_MAX_BYTES, None, False, store, None, offline, allow_private,
                     config)

    def announce(url: str) -> None:
        click.echo(url)
        click.echo("legcompare: serving; press Ctrl-C to stop", err=True)

    run(read, host=host, port=port, workers=workers, max_document=max_upload_bytes,
        announce=announce)
