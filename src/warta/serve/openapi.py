"""What the OpenAPI description says beyond FastAPI's defaults: error bodies, the ingest
request body (read by hand from the request, so FastAPI cannot see it), content types."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel


class Problem(BaseModel):
    detail: str | list[dict[str, Any]]


# what any endpoint may answer besides its own 200 and FastAPI's 422
ERROR_RESPONSES: dict[int | str, dict[str, Any]] = {
    400: {"model": Problem, "description": "Bad request (a wrong Host header, a bad query)"},
    500: {"model": Problem, "description": "Internal error (a bug: please report it)"},
}
_TEXT_FIELD = {"type": "string", "maxLength": 2 * 1024 * 1024}
INGEST_BODY: dict[str, Any] = {
    "requestBody": {
        "required": True,
        "description": "One article: a JSON object with the fields of a JSONL line, or the "
        "text or HTML itself",
        "content": {
            "application/json": {
                "schema": {
                    "type": "object",
                    "properties": {
                        "text": _TEXT_FIELD,
                        "html": _TEXT_FIELD,
                        "id": {"anyOf": [{"type": "string"}, {"type": "integer"}]},
                        "url": {"type": "string"},
                        "title": {"type": "string"},
                        "published": {"type": "string", "description": "YYYY-MM-DD or ISO"},
                        "outlet": {"type": "string"},
                    },
                    "anyOf": [{"required": ["text"]}, {"required": ["html"]}],
                }
            },
            "text/plain": {"schema": {"type": "string"}},
            "text/html": {"schema": {"type": "string"}},
        },
    }
}
