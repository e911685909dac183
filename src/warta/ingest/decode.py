"""Turn raw bytes into text, refusing binary junk and invalid UTF-8 with a clear reason."""

from __future__ import annotations

import codecs

from warta.errors import BinaryInputError, EmptyInputError, EncodingError

# Control characters that never occur in text; a few of them mean binary data.
_BINARY_BYTES = set(range(0, 9)) | {11, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27}


def looks_binary(data: bytes) -> bool:
    sample = data[:4096]
    if b"\x00" in sample:
        return True
    bad = sum(1 for b in sample if b in _BINARY_BYTES)
    return bad > max(2, len(sample) // 100)


def decode_text(
    data: bytes, *, source: str, locator: str | None = None, charset: str | None = None
) -> str:
    """Decode ``data`` as UTF-8 (or a declared ``charset``, or UTF-16 with its byte-order
    mark); raise an InputError naming why not."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        # UTF-16 is full of NUL bytes, so it must be recognised before the binary check
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise EncodingError(
                f"invalid UTF-16 at byte {exc.start}", source=source, locator=locator
            ) from None
        if not text.strip():
            raise EmptyInputError("empty input (no text)", source=source, locator=locator)
        return text
    if not data.strip():
        raise EmptyInputError("empty input (no text)", source=source, locator=locator)
    if looks_binary(data):
        raise BinaryInputError("binary data, not text", source=source, locator=locator)
    encoding = (charset or "utf-8").lower()
    if data.startswith(b"\xef\xbb\xbf"):
        data, encoding = data[3:], "utf-8"
    try:
        return data.decode(encoding)
    except LookupError:
        encoding = "utf-8"
    except UnicodeDecodeError as exc:
        raise EncodingError(
            f"invalid {encoding.upper()} at byte {exc.start}", source=source, locator=locator
        ) from None
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise EncodingError(
            f"invalid UTF-8 at byte {exc.start}", source=source, locator=locator
        ) from None


def charset_of(content_type: str) -> str | None:
    """The charset parameter of an HTTP Content-Type header, if any."""
    for part in content_type.split(";"):
        key, _, value = part.strip().partition("=")
        if key.lower() == "charset" and value:
            return value.strip("\"'")
    return None
