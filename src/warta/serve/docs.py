"""Interactive API docs served offline: Swagger UI at ``/docs`` and ReDoc at ``/redoc``.

FastAPI's own pages load their scripts from a CDN and start them with an inline
script, which the app's Content-Security-Policy forbids. Here the scripts and styles
come from the ``fastapi-offline`` package (its copies of swagger-ui-dist and ReDoc),
served by this server, and each page starts them from a file of ours
(``static/docs-init.js``, ``static/redoc-init.js``).
"""

from __future__ import annotations

from importlib import resources
from importlib.abc import Traversable

from fastapi import FastAPI, HTTPException
from fastapi.responses import HTMLResponse, Response

ASSETS = {
    "swagger-ui-bundle.js": "text/javascript",
    "swagger-ui.css": "text/css",
    "redoc.standalone.js": "text/javascript",
}

# The docs' scripts set styles inline (React, styled-components) and ReDoc runs a worker
# from a blob: URL; scripts still come only from this server, and these pages show
# only the OpenAPI description, never article text.
DOCS_CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:; worker-src 'self' blob:; connect-src 'self'; object-src 'none'; "
    "base-uri 'none'; frame-ancestors 'none'; form-action 'self'"
)

REDOC_LOGO = b"https://cdn.redoc.ly/redoc/logo-mini.svg"

_PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title>{head}</head>
<body><div id="{target}"></div>{scripts}</body></html>"""


def _assets() -> Traversable | None:
    try:
        return resources.files("fastapi_offline").joinpath("static")
    except ModuleNotFoundError:
        return None


def add_routes(app: FastAPI, *, title: str) -> None:
    """``/docs``, ``/redoc`` and their assets; 404 with a hint if the package is missing."""
    folder = _assets()

    def missing() -> HTTPException:
        return HTTPException(
            404, "the API docs need the fastapi-offline package: pip install 'warta[serve]'"
        )

    @app.get("/docs", include_in_schema=False)
    def swagger() -> HTMLResponse:
        if folder is None:
            raise missing()
        return HTMLResponse(
            headers={"Content-Security-Policy": DOCS_CSP},
            content=_PAGE.format(
                title=f"{title} API — Swagger UI",
                head='<link rel="stylesheet" href="/docs/assets/swagger-ui.css">',
                target="swagger-ui",
                scripts='<script src="/docs/assets/swagger-ui-bundle.js"></script>'
                '<script src="/static/docs-init.js"></script>',
            ),
        )

    @app.get("/redoc", include_in_schema=False)
    def redoc() -> HTMLResponse:
        if folder is None:
            raise missing()
        return HTMLResponse(
            headers={"Content-Security-Policy": DOCS_CSP},
            content=_PAGE.format(
                title=f"{title} API — ReDoc",
                head="",
                target="redoc",
                scripts='<script src="/docs/assets/redoc.standalone.js"></script>'
                '<script src="/static/redoc-init.js"></script>',
            ),
        )

    @app.get("/docs/assets/{name}", include_in_schema=False)
    def asset(name: str) -> Response:
        if folder is None or name not in ASSETS:
            raise HTTPException(404, f"no asset {name!r}")
        body = folder.joinpath(name).read_bytes()
        if name == "redoc.standalone.js":
            # ReDoc's footer shows a logo from its CDN: an empty image from here instead
            body = body.replace(
                REDOC_LOGO, b"data:image/svg+xml,%3Csvg%20xmlns='http://www.w3.org/2000/svg'/%3E"
            )
        return Response(body, media_type=ASSETS[name], headers={"Cache-Control": "max-age=86400"})
