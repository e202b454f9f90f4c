"""The optional ``legcompare.toml``: defaults for the store, fetching and comparing.

Where it is looked for, first found wins: ``--config FILE``, ``$LEGCOMPARE_CONFIG``,
``./legcompare.toml``, then ``legcompare.toml`` in the user config directory
(``~/.config/legcompare/`` on Linux). None of them: every default. A file named by
``--config`` or ``$LEGCOMPARE_CONFIG`` must exist. Command-line options and environment
variables (``--store``/``LEGCOMPARE_STORE``, ``--offline``/``LEGCOMPARE_OFFLINE``, ...) win
over the file. Every key::

    store = "~/legal/store"           # the store folder
    offline = false                   # refuse all network access
    allow_private = false             # permit fetching from private addresses
    rules = ["my-rules.toml"]         # extra rule files for diff

    [sources.govinfo]
    base_url = "https://www.govinfo.gov"   # a base URL set here may be a private address
    [sources.legiscan]                     # also [sources.openstates] and [sources.leginfo];
    base_url = "https://api.legiscan.com"  # LEGCOMPARE_LEGISCAN_BASE_URL ... win over these

    [http]
    timeout = 30        # seconds to connect and to wait for each piece of a response
    deadline = 120      # seconds one fetch may take in all
    max_bytes = 67108864
    rate_limit = 0.2    # least seconds between two requests to one host

    [align.thresholds]  # names and numbers, kept for the aligner
    section = 0.6

Guarantees of :func:`load_config`: the result is fully checked (an unknown key, a wrong type
or a bad value is a :class:`ConfigError` naming the key, in one line); relative paths
(``store``, ``rules``) are made absolute against the file's folder, and ``~`` is expanded.
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import platformdirs

from .errors import LegcompareError
from .sources import STATE_SOURCES, base_url_variable
from .sources.policy import HttpPolicy
from .store import default_root

__all__ = ["CONFIG_NAME", "Config", "ConfigError", "find_config", "load_config"]

CONFIG_NAME = "legcompare.toml"

_TOP = {"store", "offline", "allow_private", "rules", "sources", "http", "align"}


class ConfigError(LegcompareError):
    """The configuration file is missing, not TOML, or has an unknown key or a bad value."""


@dataclass(frozen=True)
class Config:
    """Settings from ``legcompare.toml``, or the defaults."""

    path: Path | None = None
    """The file read; ``None`` when none was found."""
    store: Path | None = None
    """The store folder; ``None``: :func:`~legcompare.store.default_root`."""
    offline: bool = False
    """Refuse all network access."""
    allow_private: bool = False
    """Permit fetching from loopback and private addresses."""
    govinfo_base_url: str | None = None
    """govinfo's base URL, when set (its host may then be a private address)."""
    state_urls: tuple[tuple[str, str], ...] = ()
    """(name, base URL) of the state sources that have one set (``legiscan``, ``openstates``,
    ``leginfo``); once :meth:`with_options` ran, command line, then environment, then file."""
    http: HttpPolicy = field(default_factory=HttpPolicy)
    """Timeouts, deadline, byte limit and rate limit of the HTTP client."""
    rules: tuple[Path, ...] = ()
    """Extra rule files for ``diff``, after the built-in ones."""
    align_thresholds: tuple[tuple[str, float], ...] = ()
    """``[align.thresholds]``, sorted by name (the aligner decides what they mean)."""

    def with_options(self, *, store: str | None = None, base_url: str | None = None,
                     offline: bool = False, allow_private: bool = False,
                     max_bytes: int | None = None) -> Config:
        """These settings with command-line values put over them (``None``/``False``: not
        given on the command line, so the file's value stays)."""
        http = self.http if max_bytes is None else replace(self.http, max_bytes=max_bytes)
        filed = dict(self.state_urls)
        chosen = ((name, base_url or os.environ.get(base_url_variable(name), "").strip()
                   or filed.get(name, "")) for name in STATE_SOURCES)
        return replace(self, store=Path(store).expanduser() if store else self.store,
                       govinfo_base_url=base_url or self.govinfo_base_url,
                       state_urls=tuple((name, url) for name, url in chosen if url),
                       offline=offline or self.offline,
                       allow_private=allow_private or self.allow_private, http=http)

    def store_root(self) -> Path:
        """The store folder to use."""
        return self.store or default_root()

    def policy(self) -> HttpPolicy:
        """The HTTP client's policy, with ``offline`` and ``allow_private`` applied."""
        return replace(self.http, offline=self.offline, allow_private=self.allow_private)


def find_config(path: Path | None = None) -> Path | None:
    """The configuration file to read (see the module docstring), or ``None``."""
    if path is not None:
        return _existing(path, "--config")
    env = os.environ.get("LEGCOMPARE_CONFIG", "").strip()
    if env:
        return _existing(Path(env).expanduser(), "LEGCOMPARE_CONFIG")
    for candidate in (Path(CONFIG_NAME),
                      Path(platformdirs.user_config_dir("legcompare")) / CONFIG_NAME):
        if candidate.is_file():
            return candidate.resolve()
    return None


def load_config(path: Path | None = None) -> Config:
    """The settings of the file :func:`find_config` finds, checked; defaults when none."""
    found = find_config(path)
    if found is None:
        return Config()
    where = str(found)
    try:
        raw = tomllib.loads(found.read_text(encoding="utf-8"))
    except OSError as exc:
        raise ConfigError(f"cannot read: {exc.strerror}", where=where) from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ConfigError(f"not valid TOML: {' '.join(str(exc).split())}", where=where) from None
    return _parse(raw, found, where)


def _existing(path: Path, named_by: str) -> Path:
    if not path.is_file():
        raise ConfigError(f"no such configuration file (named by {named_by})", where=str(path))
    return path.resolve()


def _parse(raw: dict[str, Any], path: Path, where: str) -> Config:
    """A :class:`Config` from the TOML table, every key and value checked."""
    _known(raw, _TOP, "", where)
    folder = path.parent
    sources = _table(raw, "sources", where)
    _known(sources, {"govinfo", *STATE_SOURCES}, "sources.", where)
    base_url = _source_url(sources, "govinfo", where)
    states = ((name, _source_url(sources, name, where)) for name in STATE_SOURCES)
    store = _typed(raw, "store", str, where)
    rules = _typed(raw, "rules", list, where) or []
    if not all(isinstance(r, str) for r in rules):
        raise ConfigError("rules must be a list of file names", where=where)
    return Config(path=path, store=_path(store, folder) if store else None,
                  offline=bool(_typed(raw, "offline", bool, where)),
                  allow_private=bool(_typed(raw, "allow_private", bool, where)),
                  govinfo_base_url=base_url, http=_http(raw, where),
                  state_urls=tuple((name, url) for name, url in states if url),
                  rules=tuple(_path(r, folder) for r in rules),
                  align_thresholds=_thresholds(raw, where))


def _source_url(sources: dict[str, Any], name: str, where: str) -> str | None:
    """``sources.<name>.base_url``, checked."""
    table = _table(sources, name, where, "sources.")
    _known(table, {"base_url"}, f"sources.{name}.", where)
    base_url = _typed(table, "base_url", str, where, f"sources.{name}.")
    if base_url is not None and not base_url.startswith(("http://", "https://")):
        raise ConfigError(f"sources.{name}.base_url must start with http:// or https://",
                          where=where)
    return str(base_url) if base_url is not None else None


def _http(raw: dict[str, Any], where: str) -> HttpPolicy:
    table = _table(raw, "http", where)
    _known(table, {"timeout", "deadline", "rate_limit", "max_bytes"}, "http.", where)
    default = HttpPolicy()
    return replace(default, timeout=_number(table, "timeout", default.timeout, where),
                   deadline=_number(table, "deadline", default.deadline, where),
                   rate_limit=_number(table, "rate_limit", default.rate_limit, where, zero=True),
                   max_bytes=int(_number(table, "max_bytes", default.max_bytes, where,
                                         kind=int)))


def _number(table: dict[str, Any], key: str, default: float, where: str, *,
            zero: bool = False, kind: type = float) -> float:
    """``http.<key>``: a positive number (or zero, if ``zero``), else ``default`` when absent."""
    value = _typed(table, key, kind, where, "http.")
    if value is None:
        return default
    if value < 0 or (value == 0 and not zero):
        raise ConfigError(f"http.{key} must be {'zero or more' if zero else 'positive'}",
                          where=where)
    return float(value) if kind is float else value


def _thresholds(raw: dict[str, Any], where: str) -> tuple[tuple[str, float], ...]:
    align = _table(raw, "align", where)
    _known(align, {"thresholds"}, "align.", where)
    table = _table(align, "thresholds", where, "align.")
    for key in table:
        _typed(table, key, float, where, "align.thresholds.")
    return tuple(sorted((key, float(value)) for key, value in table.items()))


def _known(table: dict[str, Any], keys: set[str], prefix: str, where: str) -> None:
    unknown = sorted(set(table) - keys)
    if unknown:
        raise ConfigError(f"unknown key {prefix}{unknown[0]} (known here: "
                          f"{', '.join(sorted(keys))})", where=where)


def _table(raw: dict[str, Any], key: str, where: str, prefix: str = "") -> dict[str, Any]:
    value = raw.get(key, {})
    if not isinstance(value, dict):
        raise ConfigError(f"{prefix}{key} must be a table", where=where)
    return value


_NAMES = {str: "a string", bool: "true or false", list: "a list", float: "a number",
          int: "a whole number"}


def _typed(raw: dict[str, Any], key: str, kind: type, where: str, prefix: str = "") -> Any:
    """``raw[key]`` if it is of ``kind`` (an int counts as a float, a bool as neither)."""
    value = raw.get(key)
    if value is None:
        return None
    ok = isinstance(value, kind) and not (kind in (int, float) and isinstance(value, bool))
    if kind is float and isinstance(value, int) and not isinstance(value, bool):
        ok = True
    if not ok:
        raise ConfigError(f"{prefix}{key} must be {_NAMES[kind]}", where=where)
    return value


def _path(value: str, folder: Path) -> Path:
    path = Path(value).expanduser()
    return path if path.is_absolute() else (folder / path).resolve()
