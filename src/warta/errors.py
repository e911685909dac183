"""warta's exceptions, one tree.

    WartaError                      base of everything warta raises on purpose
    ├── ConfigError                 bad option, unknown stage, missing model file
    ├── InputError                  one input (file, line, record, URL) could not become an article
    │   ├── EmptyInputError         nothing but whitespace
    │   ├── BinaryInputError        bytes that are not text (NULs, control characters)
    │   ├── EncodingError           not valid UTF-8 (nor a declared charset)
    │   ├── MalformedRecordError    a JSONL line that is not a JSON object with text or html
    │   ├── TruncatedArchiveError   a WARC (or gzip) stream that ends mid-record
    │   ├── NoArticleTextError      an HTML page with no main text
    │   ├── FetchError              a URL that could not be fetched (network, status, robots.txt)
    │   ├── TooLargeError           over a size cap (document, line, decompressed payload)
    │   ├── DuplicateIdError        a second, different article with an id already used in the run
    │   ├── WorkerDiedError         the worker process died on this input (killed, out of memory)
    │   └── StageError              a stage failed on this input (a bug: report it with the input)
    ├── StoreError                  the database could not be opened, migrated or written
    ├── OutputError                 an output file could not be written (disk full, permissions)
    └── EvalError                   gold data missing or inconsistent

Every InputError carries the input it is about (``source``, and ``locator`` for a
line or record inside it) so that the one-line message names it and the
quarantine file can keep it.
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
