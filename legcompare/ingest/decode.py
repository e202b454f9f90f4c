"""Bytes to text, refusing what is not text.

Guarantees: the result has only ``\\n`` line ends (CRLF and CR are converted; no other character
is changed); a binary input, an undecodable one, or one over the byte limit raises
:class:`~legcompare.errors.InputError` with a message fit for one line.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

from ..errors import InputError
from ..model import Note, NoteKind

DEFAULT_MAX_BYTES = 64 * 1024 * 1024

# Magic numbers of formats that are never text, with a name for the error message.
_BINARY_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"\x1f\x8b", "gzip-compressed data"),
    (b"PK\x03\x04", "a ZIP archive"),
    (b"%PDF-", "a PDF"),
    (b"\x7fELF", "an executable"),
    (b"MZ", "an executable"),
    (b"\xd0\xcf\x11\xe0", "an old Microsoft Office file"),
)

_XML_DECL = re.compile(rb"""^\s*<\?xml[^>]*encoding\s*=\s*["']([A-Za-z0-9._-]+)["']""")
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9._-]+)""", re.I)


@dataclass(frozen=True)
class Decoded:
    text: str
    encoding: str
    notes: tuple[Note, ...]


def check_size(data: bytes, max_bytes: int, where: str | None = None) -> None:
    """Refuse inputs over ``max_bytes``."""
    if len(data) > max_bytes:
        raise InputError(
            f"input is {len(data):,} bytes, over the limit of {max_bytes:,} (see --max-bytes)",
            where=where,
        )


def sniff_binary(data: bytes) -> str | None:
    """Name the binary format of ``data``, or ``None`` if it may be text."""
    for magic, name in _BINARY_MAGIC:
        if data.startswith(magic):
            return name
    head = data[:8192]
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return None
    if b"\x00" in head:
        return "binary data (it contains NUL bytes)"
    controls = sum(1 for b in head if b < 32 and b not in (9, 10, 12, 13))
    if head and controls / len(head) > 0.05:
        return "binary data (it is mostly control characters)"
    return None


def decode_text(
    data: bytes,
    *,
    declared: str | None = None,
    fallback: str | None = None,
    where: str | None = None,
) -> Decoded:
    """Decode text: BOM, then a charset the caller or the document declares, then UTF-8.

    ``fallback`` (e.g. ``windows-1252`` for web pages) is tried only when UTF-8 fails; without
    it an undecodable input is an error. Replacement characters are counted in a note.
    """
    binary = sniff_binary(data)
    if binary:
        raise InputError(f"not a text document: this looks like {binary}", where=where)
    notes: list[Note] = []
    encoding = _bom_encoding(data) or declared or _declared_in(data)
    text: str | None = None
    if encoding:
        try:
            text = data.decode(_python_codec(encoding, where))
        except UnicodeDecodeError:
            notes.append(Note(NoteKind.DECODING, f"declared charset {encoding} did not decode; "
                              "tried UTF-8", None))
            text = None
    if text is None:
        try:
            text, encoding = data.decode("utf-8"), "utf-8"
        except UnicodeDecodeError as exc:
            if not fallback:
                raise InputError(
                    f"not valid UTF-8 (byte 0x{data[exc.start]:02x} at offset {exc.start}); "
                    "give --encoding if it is in another encoding",
                    where=where,
                ) from None
            text, encoding = data.decode(fallback, errors="replace"), fallback
            notes.append(Note(NoteKind.DECODING, f"not UTF-8 and no charset given: decoded as "
                              f"{fallback}", None))
    text = text.lstrip("\ufeff")
    bad = text.count("\ufffd")
    if bad:
        notes.append(Note(NoteKind.DECODING, f"{bad} character(s) could not be decoded and are "
                          "shown as U+FFFD", None))
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return Decoded(text, encoding or "utf-8", tuple(notes))


def _python_codec(name: str, where: str | None) -> str:
    try:
        return codecs.lookup(name).name
    except LookupError:
        raise InputError(f"unknown character encoding {name!r}", where=where) from None


def _bom_encoding(data: bytes) -> str | None:
    if data.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    return None


def _declared_in(data: bytes) -> str | None:
    head = data[:4096]
    m = _XML_DECL.search(head) or _META_CHARSET.search(head)
    return m.group(1).decode("ascii") if m else None
