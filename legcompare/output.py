"""Writing results: atomically to a file, or to standard output."""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

from .errors import LegcompareError


class OutputError(LegcompareError):
    """The output file could not be written."""


def write_output(data: str | bytes, path: str | None) -> None:
    """Write ``data`` to ``path`` atomically (temp file + rename), or to stdout when ``None``.

    A failure leaves no partial file behind: the target either holds the old bytes or the new.
    A target that exists and is not a regular file (``/dev/null``, a named pipe, a terminal)
    is written to in place: renaming over it would replace the device with a file.
    """
    raw = data.encode("utf-8") if isinstance(data, str) else data
    if path is None or path == "-":
        sys.stdout.buffer.write(raw)
        sys.stdout.buffer.flush()
        return
    target = Path(path)
    if target.exists() and not target.is_file():
        _write_special(target, raw, path)  # /dev/null, a pipe, a terminal: never replaced
        return
    directory = target.parent if str(target.parent) else Path(".")
    if not directory.is_dir():
        raise OutputError("the folder does not exist", where=str(path))
    try:
        replace_atomically(target, raw)
    except OSError as exc:
        raise OutputError(exc.strerror or "cannot be written", where=str(path)) from None


def replace_atomically(target: Path, raw: bytes) -> None:
    """``target`` ends up holding either its old bytes or ``raw``, never a mix: a temporary file
    in the same folder, flushed to disk, renamed over it. The new file gets the old one's
    permissions, or the usual ones (0666 less the umask) — not the temporary file's 0600.
    Raises :class:`OSError`; nothing is left behind."""
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(raw)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, _mode(target))
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _mode(target: Path) -> int:
    try:
        return target.stat().st_mode & 0o7777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def _write_special(target: Path, raw: bytes, path: str) -> None:
    if target.is_dir():
        raise OutputError("is a folder", where=str(path))
    try:
        with open(target, "wb") as handle:
            handle.write(raw)
    except OSError as exc:
        raise OutputError(exc.strerror or "cannot be written", where=str(path)) from None
