"""``warta serve --db PATH``: the HTTP API and web app over a database, on 127.0.0.1."""

from __future__ import annotations

import argparse
import os
import socket
import sys
from pathlib import Path
from typing import Any

from warta.cli.options import positive_int
from warta.errors import ConfigError

TOKEN_ENV = "WARTA_API_TOKEN"
_ANY_INTERFACE = ("0.0.0.0", "::", "")


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
    parser.add_argument("--port", type=_port, default=8000, help="port (default 8000)")
    parser.add_argument(
        "--allow-host",
        action="append",
        default=[],
        metavar="NAME",
        help="also answer requests whose Host header is NAME (a name this server is reached "
        "by); others get 400, against DNS rebinding. Repeatable",
    )
    parser.add_argument(
        "--ingest-token-file",
        type=Path,
        default=None,
        metavar="PATH",
        help=f"enable POST /api/ingest and POST /api/reviews for requests bearing the token "
        f"in this file (or set {TOKEN_ENV}); without a token both are off",
    )
    parser.add_argument(
        "--ingest-token",
        default=None,
        help="the token itself (deprecated: other users see it in `ps`; use "
        f"--ingest-token-file or {TOKEN_ENV})",
    )
    parser.add_argument(
        "--max-body",
        type=positive_int,
        default=2 * 1024 * 1024,
        help="largest request body in bytes (default 2 MiB)",
    )
    parser.add_argument(
        "--ingest-stages",
        default=None,
        help="stages run on ingested articles (default: all available; 'none' for cleaning only)",
    )
    return parser


def _port(value: str) -> int:
    number = positive_int(value)
    if number > 65535:
        raise argparse.ArgumentTypeError(f"not a port (1-65535): {number}")
    return number


def ingest_token(args: argparse.Namespace) -> str | None:
    """The token from --ingest-token (with a warning), --ingest-token-file or the variable."""
    if args.ingest_token:
        print(
            "warta serve: warning: --ingest-token shows the token to every user of this "
            f"machine (ps); use --ingest-token-file PATH or {TOKEN_ENV}",
            file=sys.stderr,
        )
        return str(args.ingest_token)
    if args.ingest_token_file is not None:
        try:
            token = str(args.ingest_token_file.read_text(encoding="utf-8")).strip()
        except (OSError, UnicodeDecodeError) as exc:
            raise ConfigError(f"--ingest-token-file {args.ingest_token_file}: {exc}") from None
        if not token:
            raise ConfigError(f"--ingest-token-file {args.ingest_token_file} is empty")
        return token
    return os.environ.get(TOKEN_ENV) or None


def allowed_hosts(host: str, extra: list[str]) -> tuple[str, ...] | None:
    """Host header values to answer: loopback names on loopback, else the bound address;
    bound to every interface, any (unless --allow-host names some)."""
    from warta.serve.limits import LOOPBACK_NAMES

    if host in LOOPBACK_NAMES:
        return (*LOOPBACK_NAMES, *extra)
    if host in _ANY_INTERFACE:
        return tuple(extra) or None
    return (host, *extra)


def listen(host: str, port: int) -> socket.socket:
    """A listening socket, or one line saying why not (a port in use is exit code 2)."""
    try:
        family, kind, proto, _, address = socket.getaddrinfo(
            host or None, port, type=socket.SOCK_STREAM
        )[0]
        sock = socket.socket(family, kind, proto)
    except (OSError, UnicodeError) as exc:
        raise ConfigError(f"cannot listen on {host}:{port}: {exc}") from None
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind(address)
        sock.listen(2048)
    except OSError as exc:
        sock.close()
        raise ConfigError(f"cannot listen on {host}:{port}: {exc.strerror or exc}") from None
    return sock


def run(args: argparse.Namespace) -> int:
    try:
        import uvicorn

        from warta.serve import ServeConfig, create_app
    except ImportError as exc:
        raise ConfigError(
            f"warta serve needs the serve extra: pip install 'warta[serve]' ({exc})"
        ) from None
    if not args.db.is_file():
        raise ConfigError(f"{args.db}: no such database (make one with warta ingest or demo)")
    token = ingest_token(args)
    stages: tuple[str, ...] | None = None
    if args.ingest_stages is not None:
        value = args.ingest_stages.strip().lower()
        stages = () if value in ("", "none") else tuple(s.strip() for s in value.split(","))
    if args.host not in ("127.0.0.1", "localhost", "::1"):
        print(
            f"warta serve: warning: listening on {args.host}, reachable from other machines",
            file=sys.stderr,
        )
    sock = listen(args.host, args.port)
    app = create_app(
        ServeConfig(
            db=args.db,
            token=token,
            max_body_bytes=args.max_body,
            ingest_stages=stages,
            allowed_hosts=allowed_hosts(args.host, args.allow_host),
        )
    )
    print(
        f"warta serve: {args.db} on http://{args.host}:{args.port}/ "
        f"(ingest {'on' if token else 'off'}); Ctrl-C stops",
        file=sys.stderr,
    )
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning"))
    server.run(sockets=[sock])
    return 0
