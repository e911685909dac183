"""``warta serve``: the HTTP API and the offline web app over a warta database."""

from __future__ import annotations

from warta.serve.app import ServeConfig, create_app

__all__ = ["ServeConfig", "create_app"]
