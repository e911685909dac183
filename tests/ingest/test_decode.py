from __future__ import annotations

import pytest

from warta.errors import BinaryInputError, EmptyInputError, EncodingError
from warta.ingest.decode import charset_of, decode_text


def test_utf8_and_bom() -> None:
    assert decode_text("Jakarta – kata".encode(), source="x") == "Jakarta – kata"
    assert decode_text(b"\xef\xbb\xbfhalo", source="x") == "halo"


def test_declared_charset_is_used() -> None:
    assert decode_text("Sétif".encode("latin-1"), source="x", charset="latin-1") == "Sétif"


@pytest.mark.parametrize(
    ("data", "error", "words"),
    [
        (b"", EmptyInputError, "empty"),
        (b"  \n\t ", EmptyInputError, "empty"),
        (b"\x00\x01\x02binary\x00junk", BinaryInputError, "binary"),
        (b"Presiden \xff\xfe berkata", EncodingError, "invalid UTF-8 at byte 9"),
    ],
)
def test_bad_bytes_name_source_and_reason(data: bytes, error: type, words: str) -> None:
    with pytest.raises(error) as info:
        decode_text(data, source="in.txt", locator="line 3")
    assert str(info.value).startswith("in.txt (line 3): ")
    assert words in str(info.value)


def test_charset_of_header() -> None:
    assert charset_of("text/html; charset=ISO-8859-1") == "ISO-8859-1"
    assert charset_of("text/html") is None
