"""Plain-text clean-up for scraped articles: boilerplate lines out, whitespace tidied.

The result keeps every sentence of the article exactly as written (apart from
whitespace runs, which become one space, and blank lines, which go), and the
runs that map it back to the raw text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from warta.clean.offsets import TextBuilder
from warta.datatable import read_rows

_WORD_SPACE = re.compile(r"\S+")
# a line ends at \n, \r\n or a lone \r (old Mac files); matched in the raw text itself, so
# every offset recorded below is a raw offset (replacing \r\n first would shift them)
_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)?")


# A related-article headline after "Baca juga:" has at most this many words and ends no
# sentence; more than that, or a full stop, and the line is the article's own text.
HEADLINE_WORDS = 20
_SENTENCE_END = re.compile(r"[.!?…][\"”’)]*(?:\s|$)")


@dataclass(frozen=True, slots=True)
class Boilerplate:
    lines: tuple[re.Pattern[str], ...]
    suffixes: tuple[re.Pattern[str], ...]
    labels: tuple[re.Pattern[str], ...] = ()


@cache
def boilerplate() -> Boilerplate:
    """The patterns in ``warta/data/boilerplate.tsv``."""
    lines: list[re.Pattern[str]] = []
    suffixes: list[re.Pattern[str]] = []
    labels: list[re.Pattern[str]] = []
    for kind, pattern, _why in read_rows("warta", "boilerplate.tsv"):
        if kind == "line":
            lines.append(re.compile(rf"(?:{pattern})", re.IGNORECASE))
        elif kind == "label":
            labels.append(re.compile(rf"\s*(?:{pattern})", re.IGNORECASE))
        else:
            suffixes.append(re.compile(rf"(?:{pattern})$", re.IGNORECASE))
    return Boilerplate(tuple(lines), tuple(suffixes), tuple(labels))


def is_boilerplate(line: str) -> bool:
    stripped = line.strip()
    if any(p.fullmatch(stripped) for p in boilerplate().lines):
        return True
    return _label_end(stripped) == len(stripped)


def _label_end(line: str) -> int:
    """Where the text after a leading "Baca juga:" label starts; len(line) when all of it
    is a linked headline; 0 without a label."""
    for label in boilerplate().labels:
        match = label.match(line)
        if match:
            rest = line[match.end() :]
            headline = len(rest.split()) <= HEADLINE_WORDS and not _SENTENCE_END.search(rest)
            return len(line) if headline else match.end()
    return 0


def clean_text(raw: str) -> tuple[str, list[tuple[int, int]]]:
    """Return the clean text and its runs back to ``raw`` (see ``warta.clean.offsets``)."""
    builder = TextBuilder()
    rules = boilerplate()
    position = 0
    for match in _LINE.finditer(raw):
        line = match.group()
        if not line:
            break
        start = match.start()
        body = line.rstrip("\r\n")
        end = len(body)
        for suffix in rules.suffixes:
            cut = suffix.search(body)
            if cut:
                end = min(end, cut.start())
        body = body[:end]
        position = start
        if not body.strip() or is_boilerplate(body):
            continue
        label_end = _label_end(body)
        position += label_end  # "Baca juga:" before article text: the label goes, the text stays
        body = body[label_end:]
        if len(builder):
            _separator(builder, raw, start - 1, "\n")
        previous_end = -1
        for word in _WORD_SPACE.finditer(body):
            if previous_end >= 0:
                _separator(builder, raw, position + previous_end, " ")
            builder.copy(position + word.start(), word.group())
            previous_end = word.end()
    return builder.text(), builder.runs


def _separator(builder: TextBuilder, raw: str, raw_at: int, char: str) -> None:
    """One separator character for the whitespace at ``raw_at``: a copy when raw has it there."""
    if raw[raw_at] == char:
        builder.copy(raw_at, char)
    else:
        builder.insert(char, raw_at)
