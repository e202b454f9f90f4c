"""``legcompare.toml``: where it is found, what it may say, and how the command line wins."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from legcompare.config import Config, ConfigError, find_config, load_config
from legcompare.sources.http import HttpPolicy
from tests.test_fetch import Route, cli, isolate, one_line_error, serving

FULL = """\
store = "texts-store"
offline = true
allow_private = true
rules = ["extra/consent.toml", "/abs/rules.toml"]

[sources.govinfo]
base_url = "http://mirror.example:8080/govinfo"

[http]
timeout = 5
deadline = 60.5
max_bytes = 1000000
rate_limit = 0

[align.thresholds]
section = 0.6
paragraph = 1
"""


@pytest.fixture
def home(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    """A working directory and user config directory with no configuration in them."""
    isolate(monkeypatch, tmp_path)
    return tmp_path


def test_no_file_anywhere_gives_the_defaults(home: Path) -> None:
    assert find_config() is None
    config = load_config(None)
    assert config == Config()
    assert (config.store, config.offline, config.allow_private) == (None, False, False)
    assert config.http == HttpPolicy()
    assert (config.rules, config.align_thresholds, config.govinfo_base_url) == ((), (), None)


def test_every_key(home: Path) -> None:
    path = home / "conf" / "legcompare.toml"
    path.parent.mkdir()
    path.write_text(FULL)
    config = load_config(path)
    assert config.path == path.resolve()
    assert config.store == home / "conf" / "texts-store"  # relative to the file's folder
    assert (config.offline, config.allow_private) == (True, True)
    assert config.rules == (home / "conf" / "extra" / "consent.toml", Path("/abs/rules.toml"))
    assert config.govinfo_base_url == "http://mirror.example:8080/govinfo"
    assert (config.http.timeout, config.http.deadline, config.http.max_bytes,
            config.http.rate_limit) == (5.0, 60.5, 1_000_000, 0.0)
    assert config.align_thresholds == (("paragraph", 1.0), ("section", 0.6))
    policy = config.policy()
    assert (policy.offline, policy.allow_private, policy.max_bytes) == (True, True, 1_000_000)


def test_where_it_is_looked_for_first_found_wins(home: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    user = home / "config-home" / "legcompare" / "legcompare.toml"
    user.parent.mkdir(parents=True)
    user.write_text('store = "from-user-dir"\n')
    assert load_config(None).store == user.parent / "from-user-dir"
    (home / "legcompare.toml").write_text('store = "from-cwd"\n')
    assert load_config(None).store == home / "from-cwd"
    env = home / "env.toml"
    env.write_text('store = "from-env"\n')
    monkeypatch.setenv("LEGCOMPARE_CONFIG", str(env))
    assert load_config(None).store == home / "from-env"
    explicit = home / "explicit.toml"
    explicit.write_text('store = "~/from-option"\n')
    assert load_config(explicit).store == Path("~/from-option").expanduser()


@pytest.mark.parametrize(("text", "message"), [
    ("colour = true\n",
     "unknown key colour (known here: align, allow_private, http, offline, rules, sources, store)"),
    ("[http]\nretries = 3\n",
     "unknown key http.retries (known here: deadline, max_bytes, rate_limit, timeout)"),
    ("[sources.legiscan]\nbase_url = 'x'\n",
     "sources.legiscan.base_url must start with http:// or https://"),
    ("[sources.nosuch]\n", "unknown key sources.nosuch"),
    ("[sources.govinfo]\nurl = 'x'\n", "unknown key sources.govinfo.url"),
    ("[align]\nthreshold = 1\n", "unknown key align.threshold"),
    ("offline = 'yes'\n", "offline must be true or false"),
    ("rules = 'a.toml'\n", "rules must be a list"),
    ("rules = [1]\n", "rules must be a list of file names"),
    ("[http]\ntimeout = 0\n", "http.timeout must be positive"),
    ("[http]\nrate_limit = -1\n", "http.rate_limit must be zero or more"),
    ("[http]\nmax_bytes = 1.5\n", "http.max_bytes must be a whole number"),
    ("[http]\ndeadline = true\n", "http.deadline must be a number"),
    ("http = 3\n", "http must be a table"),
    ("[sources.govinfo]\nbase_url = 'ftp://x'\n", "must start with http:// or https://"),
    ("[align.thresholds]\nsection = 'high'\n", "align.thresholds.section must be a number"),
    ("store = [\n", "not valid TOML: "),
])
def test_bad_files_are_one_line_errors(text: str, message: str, home: Path) -> None:
    path = home / "legcompare.toml"
    path.write_text(text)
    with pytest.raises(ConfigError) as info:
        load_config(None)
    assert str(info.value).startswith(f"{path}: ")
    assert message in str(info.value)
    assert "\n" not in str(info.value)
    code, out, err = cli("list", "--config", str(path))
    assert (code, out) == (2, "")
    assert message in one_line_error(err)


def test_a_named_file_must_exist(home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    with pytest.raises(ConfigError, match=r"no such configuration file \(named by --config\)"):
        load_config(home / "missing.toml")
    monkeypatch.setenv("LEGCOMPARE_CONFIG", str(home / "gone.toml"))
    with pytest.raises(ConfigError, match=r"named by LEGCOMPARE_CONFIG"):
        load_config(None)


def test_the_command_line_wins_over_the_file() -> None:
    config = Config(store=Path("/from/file"), http=HttpPolicy(max_bytes=10),
                    govinfo_base_url="http://file.example")
    over = config.with_options(store="/from/option", base_url="http://option.example",
                               offline=True, allow_private=True, max_bytes=99)
    assert (over.store, over.govinfo_base_url, over.offline, over.allow_private,
            over.http.max_bytes) == (Path("/from/option"), "http://option.example", True, True,
                                     99)
    assert config.with_options() == config  # nothing given: the file's values stay


def test_the_file_configures_the_commands(home: Path, corpus: Path) -> None:
    raw = corpus / "raw" / "BILLS-116hr2002ih.xml"
    with serving() as server:
        server.routes["/content/pkg/BILLS-116hr2002ih/xml/BILLS-116hr2002ih.xml"] = Route(
            raw.read_bytes())
        (home / "legcompare.toml").write_text(
            f'store = "my-store"\n[sources.govinfo]\nbase_url = "{server.base_url}"\n'
            "[http]\nmax_bytes = 1000\n")
        code, _, err = cli("fetch", "govinfo:116/hr/2002@ih")
        assert code == 2
        assert "larger than the limit of 1,000 bytes" in one_line_error(err)
        code, out, err = cli("fetch", "govinfo:116/hr/2002@ih", "--max-bytes", "100000")
        assert (code, out, err) == (0, "us-federal/hr2002-116@ih\n", "")
    assert (home / "my-store" / "us-federal" / "hr2002-116" / "ih.xml").read_bytes() == (
        raw.read_bytes())
    code, out, _ = cli("list", "--format", "json")
    assert code == 0
    assert [item["ref"] for item in json.loads(out)] == ["us-federal/hr2002-116@ih"]
