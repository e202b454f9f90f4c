"""The command line: each command parses its arguments, calls one library function, prints the
result, and turns library errors into one line on stderr and exit code 2."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar

import click

from . import __version__
from .errors import LegcompareError
from .ingest import DEFAULT_MAX_BYTES
from .output import write_output
from .render.outline import outline_json, outline_text
from .resolve import resolve
from .split import split

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


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="legcompare")
def main() -> None:
    """Compare legislative texts clause by clause: what changed, and whether each change makes
    the protection stronger or weaker."""


@main.command()
@click.argument("doc")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text",
              show_default=True)
@max_bytes_option
@encoding_option
@partial_option
@output_option
@handle_errors
def outline(doc: str, fmt: str, max_bytes: int, encoding: str | None, partial: bool,
            output: str | None) -> None:
    """Show the clause tree of DOC (a file: .txt, .html, .xml)."""
    tree = split(resolve(doc, max_bytes=max_bytes, encoding=encoding, partial=partial))
    if fmt == "json":
        options = {"format": fmt, "max_bytes": max_bytes, "partial": partial}
        write_output(outline_json(tree, options), output)
    else:
        p = tree.document.provenance
        if p.in_force is False:
            click.echo(f"warning: {p.title or p.document} is not in force", err=True)
        write_output(outline_text(tree), output)
