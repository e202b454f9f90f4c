"""One exception tree. Library code raises these; the CLI turns them into one line and exit 2."""

from __future__ import annotations


class LegcompareError(Exception):
    """Base of every error legcompare raises on purpose.

    ``where`` names the input the error is about (a path, a URL, a source id), so the one-line
    message can say which of several inputs was bad.
    """

    exit_code = 2

    def __init__(self, message: str, *, where: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.where = where

    def __str__(self) -> str:
        return f"{self.where}: {self.message}" if self.where else self.message


class InputError(LegcompareError):
    """The input cannot be read as a legislative text (binary, undecodable, too large, missing)."""


class FormatError(InputError):
    """The input is in a known format but is malformed (broken XML, unreadable PDF)."""


class SelectError(LegcompareError):
    """A ``--select`` id or a store reference names nothing."""


class FetchError(LegcompareError):
    """A source could not be fetched: network failure, refusal, bad response."""


class OfflineError(FetchError):
    """Network access was needed but ``--offline`` (or ``LEGCOMPARE_OFFLINE``) forbids it."""


class StoreError(LegcompareError):
    """The store refused a write (different bytes without ``--force``) or is unreadable."""


class RulesError(LegcompareError):
    """A rule file is malformed."""


class ToolMissing(LegcompareError):
    """An optional external tool (headless Chromium for PDF) is not installed."""


class UsageError(LegcompareError):
    """The options asked for something that cannot be done (a binary report to a terminal)."""
