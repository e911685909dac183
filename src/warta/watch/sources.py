"""What ``warta watch`` follows: feed and sitemap URLs, given directly or in a sources file.

A sources file is TOML::

    interval = 600            # seconds, for the sources below that do not say

    [[source]]
    url = "https://www.antaranews.com/rss/terkini.xml"
    outlet = "ANTARA"         # the articles' outlet (else what the page says)
    lang = "id"               # assumed where language detection is unsure
    interval = 300

Every key but ``url`` is optional; an unknown key is an error naming the file.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from warta.errors import ConfigError

SOURCE_KEYS = ("url", "interval", "outlet", "lang")
FILE_SUFFIXES = (".toml",)
MIN_INTERVAL = 0.05  # a floor that keeps a typo from turning the loop into a busy wait


@dataclass(frozen=True, slots=True, kw_only=True)
class Source:
    url: str
    interval: float | None = None  # None: the command's --interval
    outlet: str | None = None
    lang: str | None = None


def _interval(value: Any, *, where: str) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or value < MIN_INTERVAL:
        raise ConfigError(f"{where}: interval must be a number of seconds >= {MIN_INTERVAL}")
    return float(value)


def _check_url(url: Any, *, where: str) -> str:
    if not isinstance(url, str) or not url.startswith(("http://", "https://")):
        raise ConfigError(f"{where}: url must be an http(s):// URL, not {url!r}")
    return url


def read_toml(path: Path) -> dict[str, Any]:
    """A TOML settings file (sources, alert rules); ConfigError naming it and the problem."""
    try:
        return tomllib.loads(path.read_text("utf-8"))
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read ({exc.strerror or exc})") from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: not valid TOML ({exc})") from None


def read_sources_file(path: Path) -> list[Source]:
    """The sources a TOML file lists; ConfigError naming the file and the problem."""
    data = read_toml(path)
    unknown = set(data) - {"interval", "source"}
    if unknown:
        raise ConfigError(f"{path}: unknown setting(s) {', '.join(sorted(unknown))}")
    default = _interval(data["interval"], where=str(path)) if "interval" in data else None
    entries = data.get("source", [])
    if not isinstance(entries, list) or not entries:
        raise ConfigError(f"{path}: no [[source]] entries")
    out = []
    for number, entry in enumerate(entries, start=1):
        where = f"{path} (source {number})"
        if not isinstance(entry, dict):
            raise ConfigError(f"{where}: not a table")
        unknown = set(entry) - set(SOURCE_KEYS)
        if unknown:
            raise ConfigError(f"{where}: unknown key(s) {', '.join(sorted(unknown))}")
        if "url" not in entry:
            raise ConfigError(f"{where}: url is missing")
        for key in ("outlet", "lang"):
            if key in entry and not isinstance(entry[key], str):
                raise ConfigError(f"{where}: {key} must be a string")
        out.append(
            Source(
                url=_check_url(entry["url"], where=where),
                interval=_interval(entry["interval"], where=where)
                if "interval" in entry
                else default,
                outlet=entry.get("outlet"),
                lang=entry.get("lang"),
            )
        )
    return out


def resolve_sources(arguments: list[str]) -> list[Source]:
    """Sources from the command line: URLs, and TOML files that list more (in order, once each)."""
    out: list[Source] = []
    for argument in arguments:
        if argument.startswith(("http://", "https://")):
            out.append(Source(url=argument))
        elif argument.lower().endswith(FILE_SUFFIXES) or Path(argument).is_file():
            out.extend(read_sources_file(Path(argument)))
        else:
            raise ConfigError(f"{argument}: not a feed or sitemap URL nor a sources file (.toml)")
    seen: set[str] = set()
    unique = []
    for source in out:
        if source.url not in seen:
            seen.add(source.url)
            unique.append(source)
    return unique
