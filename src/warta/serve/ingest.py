"""Turning the body of an ingest request into a raw document for the pipeline."""

from __future__ import annotations

from warta.errors import InputError, UnsupportedMediaError
from warta.ingest import RawDocument, parse_jsonl_line, sha256_hex
from warta.ingest.decode import decode_text

SOURCE = "http ingest"
MEDIA_TYPES = ("text/plain", "text/html", "application/json")


def media_type(content_type: str) -> str:
    return content_type.split(";", 1)[0].strip().lower()


def charset(content_type: str) -> str | None:
    for part in content_type.split(";")[1:]:
        key, _, value = part.partition("=")
        if key.strip().lower() == "charset" and value.strip():
            return value.strip().strip('"')
    return None


def document_from_body(body: bytes, *, content_type: str) -> RawDocument:
    """One raw document from a request body; raise ``InputError`` when it cannot be one.

    ``application/json`` takes the fields of a JSONL line (``text`` or ``html``,
    ``id``, ``title``, ``url``, ``published``, ``outlet``).
    """
    kind = media_type(content_type)
    if kind == "application/json":
        doc = parse_jsonl_line(body, source=SOURCE, locator="request body")
        if isinstance(doc, InputError):
            raise doc
        return doc
    if kind not in MEDIA_TYPES:
        raise UnsupportedMediaError(
            f"unsupported content type {kind or '(none)'!r}; send one of {', '.join(MEDIA_TYPES)}",
            source=SOURCE,
        )
    text = decode_text(body, source=SOURCE, charset=charset(content_type))
    if kind == "text/html":
        return RawDocument(source=SOURCE, kind="html", sha256=sha256_hex(body), html=text)
    return RawDocument(source=SOURCE, kind="text", sha256=sha256_hex(body), text=text)
