"""``warta serve --db PATH``: the HTTP API and web app over a database, on 127.0.0.1."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import Any

from warta.errors import ConfigError

TOKEN_ENV = "WARTA_API_TOKEN"


def add_parser(sub: Any) -> argparse.ArgumentParser:
    parser: argparse.ArgumentParser = sub.add_parser(
        "serve",
        help="HTTP API and web app over a database",
        description="Serve a warta database: JSON API (OpenAPI at /openapi.json) and a web app "
        "for search, articles, events, timeline, map and actor network. Works offline.",
    )
    parser.add_argument("--db", type=Path, default=Path("warta.db"), help="database")
    parser.add_argument(
        "--host", default="127.0.0.1", help="address to bind (default 127.0.0.1: this machine)"
    )
    parser.add_argument("--port", type=int, default=8000, help="port (default 8000)")
    parser.add_argument(
        "--ingest-token",
        default=None,
        help=f"enable POST /api/ingest for requests bearing this token (or set {TOKEN_ENV}); "
        "without one the endpoint is off",
    )
    parser.add_argument(
        "--max-body",
        type=int,
        default=2 * 1024 * 1024,
        help="largest request body in bytes (default 2 MiB)",
    )
    parser.add_argument(
        "--ingest-stages",
        default=None,
        help="stages run on ingested articles (default: all available; 'none' for cleaning only)",
    )
    return parser


def run(args: argparse.Namespace) -> int:
    try:
        import uvicorn

        from warta.serve import ServeConfig, create_app
    except ImportError as exc:
        raise ConfigError(
            f"warta serve needs the serve extra: pip install 'warta[serve]' ({exc})"
        ) from None
    token = args.ingest_token or os.environ.get(TOKEN_ENV) or None
    stages: tuple[str, ...] | None = None
    if args.ingest_stages is not None:
        value = args.ingest_stages.strip().lower()
        stages = () if value in ("", "none") else tuple(s.strip() for s in value.split(","))
    if args.host not in ("127.0.0.1", "localhost", "::1"):
        print(
            f"warta serve: warning: listening on {args.host}, reachable from other machines",
            file=sys.stderr,
        )
    app = create_app(
        ServeConfig(db=args.db, token=token, max_body_bytes=args.max_body, ingest_stages=stages)
    )
    print(
        f"warta serve: {args.db} on http://{args.host}:{args.port}/ "
        f"(ingest {'on' if token else 'off'}); Ctrl-C stops",
        file=sys.stderr,
    )
    uvicorn.run(app, host=args.host, port=args.port, log_level="warning")
    return 0
