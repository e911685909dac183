"""warta's exceptions, one tree (an InputError's ``reason`` in brackets).

    WartaError                    base of everything warta raises on purpose
    ├── ConfigError               bad option, unknown stage, missing model file or table
    ├── InputError                one input (file, line, record, URL) did not become an article
    │   ├── EmptyInputError       [empty] nothing but whitespace
    │   ├── BinaryInputError      [binary] bytes that are not text (NULs, control characters)
    │   ├── EncodingError         [encoding] not valid UTF-8 (nor a declared charset)
    │   ├── MalformedRecordError  [malformed] a JSONL line, not a JSON object with text or html
    │   ├── TruncatedArchiveError [truncated] a WARC (or gzip) stream that ends mid-record
    │   ├── NoArticleTextError    [no-text] an HTML page with no main text
    │   ├── FetchError            [fetch] a URL that could not be fetched (network, robots.txt)
    │   ├── TooLargeError         [too-large] over a size cap (document, line, payload)
    │   ├── DuplicateIdError      [duplicate-id] another article with an id used in the run
    │   ├── WorkerDiedError       [worker-died] the worker process died on it (killed, OOM)
    │   ├── UnsupportedMediaError [unsupported] an ingest request of a media type not read
    │   └── StageError            [stage-error] a stage failed on it (a bug: report it)
    ├── StoreError                the database could not be opened, migrated or written
    ├── OutputError               an output file could not be written (disk full, permissions)
    └── EvalError                 gold data missing or inconsistent

The reason ends an InputError's one-line message and names it in the quarantine. Every
InputError carries the input it is about (``source``, and ``locator`` for a line or record
inside it) so that the one-line message names it and the quarantine file can keep it;
a StageError also names the stage (``stage``).
"""

from __future__ import annotations


class WartaError(Exception):
    """Base class of all errors raised by warta."""


class ConfigError(WartaError):
    """A setting, stage name or model file is wrong or missing."""


class StoreError(WartaError):
    """The SQLite store could not be opened, migrated or written."""


class OutputError(WartaError):
    """An output file or folder could not be written."""


class EvalError(WartaError):
    """Gold data for an evaluation is missing or inconsistent."""


class InputError(WartaError):
    """One input could not be turned into an article.

    ``source`` is the path or URL, ``locator`` the place inside it
    (``line 12``, ``record at offset 3321``) or ``None`` for the whole input.
    """

    reason: str = "unreadable input"

    def __init__(
        self, message: str, *, source: str, locator: str | None = None, raw: str | None = None
    ) -> None:
        super().__init__(message)
        self.message = message
        self.source = source
        self.locator = locator
        self.raw = raw  # the offending content when it is small and not kept elsewhere

    def __reduce__(self) -> tuple[object, ...]:
        # keyword-only arguments need explicit pickling (worker processes send errors back)
        return (_rebuild, (type(self), self.message, self.source, self.locator, self.raw))

    @property
    def where(self) -> str:
        return f"{self.source} ({self.locator})" if self.locator else self.source

    @property
    def explained(self) -> str:
        """The message and its reason, as every report of a failed input ends:
        ``invalid JSON (Expecting value) [malformed]``."""
        return f"{self.message} [{self.reason}]"

    def __str__(self) -> str:
        return f"{self.where}: {self.message}"


class EmptyInputError(InputError):
    reason = "empty"


class BinaryInputError(InputError):
    reason = "binary"


class EncodingError(InputError):
    reason = "encoding"


class MalformedRecordError(InputError):
    reason = "malformed"


class TruncatedArchiveError(InputError):
    reason = "truncated"


class NoArticleTextError(InputError):
    reason = "no-text"


class FetchError(InputError):
    reason = "fetch"


class TooLargeError(InputError):
    reason = "too-large"


class DuplicateIdError(InputError):
    reason = "duplicate-id"


class WorkerDiedError(InputError):
    reason = "worker-died"


class UnsupportedMediaError(InputError):
    reason = "unsupported"


class StageError(InputError):
    """A stage (or the cleaning before them) failed on this input; ``stage`` names it."""

    reason = "stage-error"

    def __init__(
        self,
        message: str,
        *,
        source: str,
        locator: str | None = None,
        raw: str | None = None,
        stage: str | None = None,
    ) -> None:
        super().__init__(message, source=source, locator=locator, raw=raw)
        self.stage = stage

    def __reduce__(self) -> tuple[object, ...]:
        return (_rebuild_stage, (self.message, self.source, self.locator, self.raw, self.stage))

    @property
    def explained(self) -> str:
        stage = f" (stage {self.stage})" if self.stage else ""
        return f"{self.message}{stage} [{self.reason}]"

    def __str__(self) -> str:
        stage = f" (stage {self.stage})" if self.stage else ""
        return f"{self.where}: {self.message}{stage}"


def _rebuild(
    kind: type[InputError], message: str, source: str, locator: str | None, raw: str | None
) -> InputError:
    return kind(message, source=source, locator=locator, raw=raw)


def _rebuild_stage(
    message: str, source: str, locator: str | None, raw: str | None, stage: str | None
) -> StageError:
    return StageError(message, source=source, locator=locator, raw=raw, stage=stage)
