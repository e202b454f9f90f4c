"""A response body under our own limits, and the checks that it is what it claims to be.

Guarantees:

* :class:`Inflater` holds at most ``limit`` decoded bytes, whatever the body expands to: gzip
  and deflate are decoded by ``zlib`` in steps bounded by what is left of the limit (httpx's
  decoders have no limit), so a gzip bomb stops at the limit, never allocating past it.
* :func:`content_coding` accepts ``identity``, ``gzip`` and ``deflate`` (one of them); anything
  else is a :class:`FetchError`.
* :func:`check_magic` refuses a body whose first bytes contradict its content type: a PDF, an
  image, an archive or an executable served as text or HTML, or a body served as a PDF (image,
  archive) that is not one.
"""

from __future__ import annotations

import zlib
from collections.abc import Mapping

from ..errors import FetchError
from ..ingest.decode import sniff_binary

__all__ = ["Inflater", "check_magic", "content_coding", "parse_content_type", "too_large"]

_BINARY_TYPES: dict[str, tuple[bytes, str]] = {
    "application/pdf": (b"%PDF-", "a PDF"),
    "application/zip": (b"PK\x03\x04", "a ZIP archive"),
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": (
        b"PK\x03\x04", "a DOCX document"),
    "application/gzip": (b"\x1f\x8b", "gzip-compressed data"),
    "image/png": (b"\x89PNG", "a PNG image"),
    "image/jpeg": (b"\xff\xd8\xff", "a JPEG image"),
    "image/gif": (b"GIF8", "a GIF image"),
}
_TEXT_TYPES = ("application/xml", "application/xhtml+xml", "application/json",
               "application/javascript")


def too_large(limit: int, where: str, *, decoded: bool = False) -> FetchError:
    """The one message for a body over the limit."""
    how = " once decompressed" if decoded else ""
    return FetchError(f"the response is larger than the limit of {limit:,} bytes{how} "
                      "(see --max-bytes)", where=where)


def parse_content_type(value: str | None) -> tuple[str | None, str | None]:
    """(media type, charset) of a ``Content-Type`` value, both lower case; ``None`` if absent."""
    if not value:
        return None, None
    media, *params = value.split(";")
    charset = None
    for param in params:
        name, _, raw = param.partition("=")
        if name.strip().lower() == "charset":
            charset = raw.strip().strip("\"'").lower() or None
    return media.strip().lower() or None, charset


def content_coding(headers: Mapping[str, str], where: str) -> str:
    """``identity``, ``gzip`` or ``deflate``: the body's ``Content-Encoding``."""
    value = headers.get("content-encoding", "").strip().lower()
    codings = [c.strip() for c in value.split(",") if c.strip() not in ("", "identity")]
    if not codings:
        return "identity"
    if len(codings) == 1 and codings[0] in ("gzip", "x-gzip", "deflate"):
        return "deflate" if codings[0] == "deflate" else "gzip"
    raise FetchError(f"unsupported Content-Encoding {value!r} (gzip and deflate are read)",
                     where=where)


class Inflater:
    """Collects a body, decoding its content coding, never holding more than ``limit`` bytes."""

    def __init__(self, coding: str, limit: int, where: str) -> None:
        self._coding = coding
        self._limit = limit
        self._where = where
        self._body = bytearray()
        self._zlib: zlib._Decompress | None = None

    def feed(self, chunk: bytes) -> None:
        """Add one chunk as received; :class:`FetchError` past the limit or on corrupt data."""
        if self._coding == "identity":
            self._append(chunk)
            return
        data = chunk
        while data:
            if self._zlib is None or self._zlib.eof:  # gzip allows several members in a row
                if self._zlib is not None and not data.strip(b"\x00"):
                    return  # padding after the last member
                self._zlib = self._decompressor(data)
            try:
                # at most one byte past the limit: enough to know it is passed
                piece = self._zlib.decompress(data, self._limit - len(self._body) + 1)
            except zlib.error as exc:
                raise FetchError(f"the {self._coding} body is corrupt ({exc})",
                                 where=self._where) from None
            self._append(piece, decoded=True)
            data = self._zlib.unconsumed_tail or (
                self._zlib.unused_data if self._zlib.eof else b"")

    def finish(self) -> bytes:
        """The whole decoded body; :class:`FetchError` when the compressed stream was cut."""
        if self._zlib is not None and not self._zlib.eof:
            raise FetchError(f"the {self._coding} body ends early (truncated)", where=self._where)
        return bytes(self._body)

    def _append(self, piece: bytes, *, decoded: bool = False) -> None:
        if len(self._body) + len(piece) > self._limit:
            raise too_large(self._limit, self._where, decoded=decoded)
        self._body += piece

    def _decompressor(self, head: bytes) -> zlib._Decompress:
        if self._coding == "gzip":
            return zlib.decompressobj(16 + zlib.MAX_WBITS)
        # HTTP "deflate" is the zlib format, but some servers send raw deflate
        zlib_header = len(head) >= 2 and head[0] & 0x0F == 8 and (head[0] << 8 | head[1]) % 31 == 0
        return zlib.decompressobj(zlib.MAX_WBITS if zlib_header else -zlib.MAX_WBITS)


def check_magic(data: bytes, media_type: str | None, where: str) -> None:
    """Refuse a body whose magic bytes contradict ``media_type`` (see the module docstring)."""
    if media_type is None:
        return
    expected = _BINARY_TYPES.get(media_type)
    if expected is not None:
        magic, name = expected
        if not data.startswith(magic):
            raise FetchError(f"served as {media_type} but the body is not {name}; refused",
                             where=where)
        return
    if media_type.startswith("text/") or media_type in _TEXT_TYPES or media_type.endswith(
            "+xml"):
        binary = sniff_binary(data)
        if binary is not None:
            raise FetchError(f"served as {media_type} but the body is {binary}; refused",
                             where=where)
