"""The server against hostile requests: bounded parameters, headers on every response
(500s too), the Host check, an honest OpenAPI description, and `warta serve`'s own errors."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.serve.conftest import TOKEN, free_port
from warta.serve import ServeConfig, create_app
from warta.serve import queries as serve_queries
from warta.serve.limits import LOOPBACK_NAMES, host_name

SECURITY_HEADERS = ("content-security-policy", "x-content-type-options", "x-frame-options")


@pytest.fixture(scope="module")
def client(serve_db: Path) -> TestClient:
    app = create_app(ServeConfig(db=serve_db, token=TOKEN, ingest_stages=()))
    return TestClient(app, raise_server_exceptions=False)


@pytest.mark.parametrize(
    "url",
    [
        "/api/stories?min_articles=9223372036854775808",
        "/api/stories?min_articles=99999999999999999999999",
        "/api/latest?after=9223372036854775808",
        "/api/events?offset=9223372036854775808",
    ],
)
def test_overflowing_integers_are_422(client: TestClient, url: str) -> None:
    response = client.get(url)
    assert response.status_code == 422, response.text


@pytest.mark.parametrize("path", ["/api/events", "/api/timeline", "/api/map", "/api/network"])
@pytest.mark.parametrize("name", ["actor", "recipient", "place", "country", "type"])
def test_over_long_filters_are_422(client: TestClient, path: str, name: str) -> None:
    response = client.get(path, params={name: "a" * 60_000})
    assert response.status_code == 422, response.text
    assert client.get(path, params={name: "a" * 200}).status_code == 200


def test_a_500_has_the_security_headers(
    client: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("a bug")

    monkeypatch.setattr(serve_queries, "speakers", broken)
    response = client.get("/api/speakers")
    assert response.status_code == 500
    assert response.json() == {"detail": "internal server error"}
    for header in SECURITY_HEADERS:
        assert header in response.headers, header


def test_every_error_response_has_the_headers(client: TestClient) -> None:
    for response in (
        client.get("/api/articles/nope"),
        client.get("/api/stories?min_articles=0"),
        client.post("/api/ingest", content=b"x"),
        client.get("/no/such/page"),
    ):
        assert response.status_code >= 400
        for header in SECURITY_HEADERS:
            assert header in response.headers, (response.url, header)


def test_host_header_must_name_this_server(serve_db: Path) -> None:
    app = create_app(ServeConfig(db=serve_db, allowed_hosts=LOOPBACK_NAMES))
    with TestClient(app, base_url="http://127.0.0.1:8000") as local:
        assert local.get("/api/health").status_code == 200
        for host in ("localhost:8000", "[::1]:8000", "127.0.0.1", "LOCALHOST"):
            assert local.get("/api/health", headers={"Host": host}).status_code == 200, host
        for host in ("evil.example", "evil.example:8000", "127.0.0.1.evil.example", "[::2]"):
            refused = local.get("/api/search", headers={"Host": host})
            assert refused.status_code == 400, host
            assert "is not this server's" in refused.json()["detail"]
            assert "content-security-policy" in refused.headers


def test_host_name() -> None:
    assert host_name("Example.org:80") == "example.org"
    assert host_name("[::1]:8000") == "::1"
    assert host_name("::1") == "::1"


def test_openapi_describes_bodies_errors_and_downloads(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    ingest = spec["paths"]["/api/ingest"]["post"]
    assert set(ingest["requestBody"]["content"]) == {"application/json", "text/plain", "text/html"}
    assert {"401", "403", "413", "415", "422", "500"} <= set(ingest["responses"])
    events = spec["paths"]["/api/events"]["get"]["responses"]["200"]["content"]
    assert {"application/json", "text/csv", "application/x-ndjson"} <= set(events)
    assert "404" in spec["paths"]["/api/articles/{article_id}"]["get"]["responses"]
    for path, methods in spec["paths"].items():
        for method in methods.values():
            assert {"400", "500"} <= set(method["responses"]), path


BODY_VALUES = st.one_of(
    st.text(max_size=30),
    st.sampled_from(["\\udc80", "\\ud800x", "\\u0000", "9" * 5000]),
    st.integers(),
    st.none(),
    st.lists(st.integers(), max_size=3),
)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.dictionaries(st.sampled_from(["text", "html", "id", "title", "outlet", "url",
                                        "published"]), BODY_VALUES, max_size=5))  # fmt: skip
def test_random_json_ingest_bodies_never_500(client: TestClient, body: dict[str, object]) -> None:
    raw = json.dumps(body).replace("\\\\u", "\\u")  # let escapes through as JSON escapes
    response = client.post(
        "/api/ingest",
        content=raw.encode("utf-8"),
        headers={"Authorization": f"Bearer {TOKEN}", "Content-Type": "application/json"},
    )
    assert response.status_code in (200, 422), response.text


def _serve(*args: str, env: dict[str, str] | None = None) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "warta", "serve", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env={**os.environ, **(env or {})},
    )


def test_serve_refuses_a_missing_database(tmp_path: Path) -> None:
    missing = tmp_path / "typo" / "dir" / "nope.db"
    proc = _serve("--db", str(missing))
    out, _ = proc.communicate(timeout=60)
    assert proc.returncode == 2
    assert out.strip().endswith("no such database (make one with warta ingest or demo)")
    assert not (tmp_path / "typo").exists()


def test_serve_on_a_port_in_use_is_one_line(serve_db: Path) -> None:
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        proc = _serve("--db", str(serve_db), "--port", str(port))
        out, _ = proc.communicate(timeout=60)
    assert proc.returncode == 2
    assert (
        out.strip()
        == f"warta serve: error: cannot listen on 127.0.0.1:{port}: Address already in use"
    )


def test_serve_reads_the_token_from_a_file_and_checks_the_host(
    serve_db: Path, tmp_path: Path
) -> None:
    token_file = tmp_path / "token"
    token_file.write_text("tok-from-file\n", encoding="utf-8")
    port = free_port()
    proc = _serve("--db", str(serve_db), "--port", str(port), "--ingest-stages", "none",
                  "--ingest-token-file", str(token_file))  # fmt: skip
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                health = httpx.get(f"{url}/api/health", timeout=2).json()
                break
            except httpx.TransportError:
                assert proc.poll() is None and time.monotonic() < deadline
                time.sleep(0.2)
        assert health["ingest"] is True
        auth = {"Authorization": "Bearer tok-from-file", "Content-Type": "text/plain"}
        ok = httpx.post(
            f"{url}/api/ingest", content=b"Nelayan Kendari berunjuk rasa.", headers=auth
        )
        assert ok.status_code == 200, ok.text
        rebound = httpx.get(f"{url}/api/search", headers={"Host": "attacker.example"})
        assert rebound.status_code == 400
    finally:
        proc.terminate()
        out, _ = proc.communicate(timeout=20)
    assert "tok-from-file" not in out


def test_token_on_the_command_line_warns(serve_db: Path) -> None:
    with socket.socket() as busy:  # the warning comes before the port is tried
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        proc = _serve("--db", str(serve_db), "--port", str(busy.getsockname()[1]),
                      "--ingest-token", "visible")  # fmt: skip
        out, _ = proc.communicate(timeout=60)
    assert "--ingest-token shows the token to every user of this machine (ps)" in out
