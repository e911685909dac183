"""The HTTP API (FastAPI) and the web app it serves, over one warta database.

``create_app`` builds the application; ``warta serve`` runs it with uvicorn on
127.0.0.1. The OpenAPI description is at ``/openapi.json``, rendered by the web
app's API page and, interactively, by Swagger UI at ``/docs`` and ReDoc at
``/redoc`` from a package's assets (``warta.serve.docs``; FastAPI's own pages load
from a CDN, so they are off): everything here works offline.
"""

from __future__ import annotations

import csv
import hmac
import io
import json
import threading
from collections.abc import Iterator
from contextlib import asynccontextmanager
from dataclasses import asdict, dataclass
from importlib import resources
from pathlib import Path
from typing import Annotated, Any, Literal

from fastapi import Depends, FastAPI, HTTPException, Query, Request
from fastapi.responses import FileResponse, JSONResponse, Response, StreamingResponse
from fastapi.staticfiles import StaticFiles
from pydantic import BaseModel, ConfigDict, Field
from starlette.types import ASGIApp

from warta import __version__
from warta.errors import InputError, StoreError
from warta.run.local import process_one
from warta.serve import queries
from warta.serve.db import Database
from warta.serve.docs import add_routes as add_docs_routes
from warta.serve.eventsql import SORT_KEYS
from warta.serve.ingest import document_from_body
from warta.serve.limits import BodyLimit, HostCheck, SecurityHeaders
from warta.serve.openapi import ERROR_RESPONSES, INGEST_BODY, Problem
from warta.serve.watch import add_routes as add_watch_routes
from warta.store.reviews import Review

# SQLite integers are 64-bit: a bound on every integer parameter keeps an overflowing one a
# 422 instead of an OverflowError (500); a bound on every text filter keeps a LIKE pattern
# under SQLite's 50,000-byte limit ("LIKE or GLOB pattern too complex", 500).
MAX_COUNT = 1_000_000
MAX_TEXT = 200
MAX_LIMIT = 500
MAX_DOWNLOAD = 100_000


@dataclass(frozen=True, slots=True, kw_only=True)
class ServeConfig:
    db: Path
    token: str | None = None  # the ingest endpoint is off without one
    max_body_bytes: int = 2 * 1024 * 1024
    # Host header values served (DNS rebinding); None: any. `warta serve` sets the bound host.
    allowed_hosts: tuple[str, ...] | None = None
    ingest_stages: tuple[str, ...] | None = None  # None: every available stage


class Page(BaseModel):
    items: list[dict[str, Any]]
    offset: int
    limit: int
    has_more: bool
    total: int | None = None  # every match, where counted


class ReviewIn(BaseModel):
    """A verdict on a fused event (``story_id`` and ``idx``) or an article event
    (``article_id`` and ``idx``). A correction sets the fields it changes; ``""`` clears
    one (no recipient)."""

    model_config = ConfigDict(extra="forbid")

    story_id: str | None = Field(None, max_length=200)
    article_id: str | None = Field(None, max_length=200)
    idx: int = Field(ge=0, le=MAX_COUNT)
    verdict: Literal["correct", "wrong", "corrected"]
    type: str | None = Field(None, max_length=40)
    actor_name: str | None = Field(None, max_length=300)
    actor_country: str | None = Field(None, max_length=3)
    actor_sector: str | None = Field(None, max_length=10)
    recipient_name: str | None = Field(None, max_length=300)
    recipient_country: str | None = Field(None, max_length=3)
    recipient_sector: str | None = Field(None, max_length=10)
    location_name: str | None = Field(None, max_length=300)
    location_country: str | None = Field(None, max_length=3)
    date: str | None = Field(None, pattern=r"^(\d{4}(-\d{2}(-\d{2})?)?)?$")
    note: str | None = Field(None, max_length=4000)
    reviewer: str | None = Field(None, max_length=200)


class ReviewResult(BaseModel):
    ids: list[int]  # one review row per article event the reviewed event was made of


class IngestResult(BaseModel):
    id: str
    status: str  # inserted | updated | unchanged
    story_id: str | None
    counts: dict[str, int]
    # what the record says ran (a language can switch a stage off), and what the body
    # carried that was let pass with a warning (an impossible "published")
    lang: str | None = None
    stages: dict[str, str] = {}
    warnings: list[str] = []


def _page(page: queries.Page) -> Page:
    return Page(items=page.items, offset=page.offset, limit=page.limit, has_more=page.has_more)


def _json(value: Any) -> Response:
    """JSON straight from ``json.dumps``: FastAPI's generic encoder walks every value in
    Python and took ~20 ms for a page of 50 events; the schema is declared on the route."""
    body = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return Response(body, media_type="application/json")


def _page_json(page: queries.Page) -> Response:
    return _json(
        {
            "items": page.items,
            "offset": page.offset,
            "limit": page.limit,
            "has_more": page.has_more,
            "total": page.total,
        }
    )


_KNOWN_PARAMETERS: dict[int, frozenset[str]] = {}


def _query_names(dependant: Any) -> set[str]:
    """The query parameters a route takes, its dependencies' (the event filters) included."""
    names = {p.alias for p in dependant.query_params}
    for sub in dependant.dependencies:
        names |= _query_names(sub)
    return names


def reject_unknown_parameters(request: Request) -> None:
    """A misspelt or unsupported query parameter is answered with 422, never ignored:
    a filter silently dropped returns unrelated rows that look like an answer."""
    route = request.scope.get("route")
    dependant = getattr(route, "dependant", None)
    if dependant is None:
        return
    known = _KNOWN_PARAMETERS.get(id(route))
    if known is None:
        known = _KNOWN_PARAMETERS[id(route)] = frozenset(_query_names(dependant))
    unknown = sorted(set(request.query_params) - known)
    if unknown:
        raise HTTPException(
            422,
            f"unknown parameter(s): {', '.join(unknown)} (known: {', '.join(sorted(known))})",
        )


PAGE_RESPONSE: dict[int | str, dict[str, Any]] = {200: {"model": Page}}
DOWNLOAD_RESPONSE: dict[int | str, dict[str, Any]] = {
    200: {
        "model": Page,
        "description": "A page of events (JSON), or every match as CSV or JSON lines "
        "(format=csv|jsonl)",
        "content": {
            "text/csv": {"schema": {"type": "string"}},
            "application/x-ndjson": {"schema": {"type": "string"}},
        },
    }
}


class _HardenedApp(FastAPI):
    """FastAPI whose whole middleware stack, Starlette's 500 handler included, runs inside
    the security headers and the Host check, so every response has the headers."""

    allowed_hosts: tuple[str, ...] | None = None

    def build_middleware_stack(self) -> ASGIApp:
        inner = super().build_middleware_stack()
        return SecurityHeaders(HostCheck(inner, allowed=self.allowed_hosts))


Text = Annotated[str | None, Query(max_length=MAX_TEXT)]


def _text(description: str) -> Any:
    return Query(max_length=MAX_TEXT, description=description)


Limit = Annotated[int, Query(ge=1, le=MAX_LIMIT, description="page size")]
Offset = Annotated[int, Query(ge=0, le=1_000_000, description="rows to skip")]
Day = Annotated[
    str | None, Query(pattern=r"^\d{4}(-\d{2}(-\d{2})?)?$", description="YYYY[-MM[-DD]]")
]


def event_filter(
    type: Annotated[str | None, _text("PLOVER event type, e.g. PROTEST")] = None,
    actor: Annotated[str | None, _text("actor name contains")] = None,
    actor_country: Annotated[str | None, _text("ISO 3166-1 alpha-3")] = None,
    actor_sector: Annotated[str | None, _text("sector code, e.g. GOV")] = None,
    recipient: Annotated[str | None, _text("recipient name contains")] = None,
    recipient_country: Text = None,
    recipient_sector: Text = None,
    country: Annotated[
        str | None,
        _text("actor, recipient or location in this country"),
    ] = None,
    place: Annotated[str | None, _text("location name contains")] = None,
    date_from: Annotated[Day, Query(alias="from")] = None,
    date_to: Annotated[Day, Query(alias="to")] = None,
    story: Annotated[str | None, _text("only this story (fused events)")] = None,
    article: Annotated[str | None, _text("only the events this article reports")] = None,
    review: Annotated[
        Literal["correct", "wrong", "corrected", "reviewed", "unreviewed"] | None,
        Query(description="review state: correct, wrong, corrected, reviewed, unreviewed"),
    ] = None,
    include_negated: Annotated[
        bool, Query(description="timeline, map, actors, network: count negated and hypothetical")
    ] = False,
) -> queries.EventFilter:
    return queries.EventFilter(
        type=type,
        actor=actor,
        actor_country=actor_country,
        actor_sector=actor_sector,
        recipient=recipient,
        recipient_country=recipient_country,
        recipient_sector=recipient_sector,
        country=country,
        place=place,
        date_from=date_from,
        date_to=date_to,
        story=story,
        article=article,
        review=review,
        include_negated=include_negated,
    )


Filter = Annotated[queries.EventFilter, Depends(event_filter)]


def _download(rows: Iterator[dict[str, Any]], fmt: str, name: str) -> StreamingResponse:
    def jsonl() -> Iterator[str]:
        for row in rows:
            yield json.dumps(row, ensure_ascii=False) + "\n"

    def as_csv() -> Iterator[str]:
        buffer = io.StringIO()
        writer: csv.DictWriter[str] | None = None
        for row in rows:
            flat = {
                k: json.dumps(v, ensure_ascii=False) if isinstance(v, list | dict) else v
                for k, v in row.items()
            }
            if writer is None:
                writer = csv.DictWriter(buffer, fieldnames=list(flat))
                writer.writeheader()
            writer.writerow(flat)
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()

    media = "text/csv; charset=utf-8" if fmt == "csv" else "application/x-ndjson"
    headers = {"Content-Disposition": f'attachment; filename="{name}.{fmt}"'}
    return StreamingResponse(
        as_csv() if fmt == "csv" else jsonl(), media_type=media, headers=headers
    )


def create_app(config: ServeConfig) -> FastAPI:
    database = Database(config.db)
    database.prepare()
    static = resources.files("warta.serve").joinpath("static")
    pipeline_lock = threading.Lock()
    pipeline_box: dict[str, Any] = {}

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> Any:
        yield
        database.close()

    app = _HardenedApp(
        title="warta",
        version=__version__,
        description="Search news articles and the events, quotes and places extracted from "
        "them. Events are served per article and fused per story (near-duplicate articles).",
        docs_url=None,
        redoc_url=None,
        lifespan=lifespan,
        dependencies=[Depends(reject_unknown_parameters)],
        responses=ERROR_RESPONSES,
    )
    app.allowed_hosts = config.allowed_hosts
    app.add_middleware(BodyLimit, max_bytes=config.max_body_bytes)

    @app.exception_handler(StoreError)
    async def store_error(request: Request, exc: StoreError) -> JSONResponse:
        return JSONResponse({"detail": str(exc)}, status_code=400)

    @app.exception_handler(Exception)
    async def server_error(request: Request, exc: Exception) -> JSONResponse:
        # JSON like every other error; the traceback goes to the server's log, not the client
        return JSONResponse({"detail": "internal server error"}, status_code=500)

    def db() -> Any:
        return database.reader()

    @app.get("/api/health", tags=["meta"])
    def health() -> dict[str, Any]:
        return {"status": "ok", "version": __version__, "ingest": config.token is not None}

    @app.get("/api/facets", tags=["meta"], summary="Counts and the values filters can take")
    def facets() -> Response:
        return _json(database.cached(("facets",), lambda: queries.facets(db())))

    @app.get(
        "/api/search",
        tags=["articles"],
        response_model=None,
        responses=PAGE_RESPONSE,
        summary="Article search",
    )
    def search(
        q: Annotated[
            str | None,
            Query(
                max_length=500,
                description='words, all must occur; "a phrase"; OR between alternatives',
            ),
        ] = None,
        lang: Text = None,
        outlet: Text = None,
        date_from: Annotated[Day, Query(alias="from")] = None,
        date_to: Annotated[Day, Query(alias="to")] = None,
        exact: Annotated[
            bool, Query(description="match words as written, not by their lemma")
        ] = False,
        limit: Limit = 20,
        offset: Offset = 0,
    ) -> Response:
        """Full-text search (best first) with filters; without words, the newest articles.
        Words match by their lemma ("tangkap" finds "ditangkap") unless ``exact``;
        ``total`` counts every match."""
        return _page_json(
            queries.search_articles(
                db(),
                query=q,
                lang=lang,
                outlet=outlet,
                date_from=date_from,
                date_to=date_to,
                limit=limit,
                offset=offset,
                exact=exact,
            )
        )

    @app.get(
        "/api/articles/{article_id:path}",
        tags=["articles"],
        summary="One article",
        responses={404: {"model": Problem, "description": "No article with this id"}},
    )
    def article(article_id: str) -> Response:
        """The full record (text and every annotation with offsets) and its story."""
        found = queries.article(db(), article_id)
        if found is None:
            raise HTTPException(404, f"no article {article_id!r}")
        return _json(found)

    @app.get(
        "/api/events",
        tags=["events"],
        response_model=None,
        responses=DOWNLOAD_RESPONSE,
        summary="Events",
    )
    def events(
        flt: Filter,
        fused: Annotated[
            bool, Query(description="one row per story event (default) or per article event")
        ] = True,
        format: Literal["json", "csv", "jsonl"] = "json",
        sort: Annotated[
            str,
            Query(
                pattern="^-?(" + "|".join(SORT_KEYS) + ")$",
                description="column to sort by, '-' first for descending: " + ", ".join(SORT_KEYS),
            ),
        ] = "-date",
        limit: Limit = 50,
        offset: Offset = 0,
    ) -> Response:
        """Events with filters, sorted and paginated (``total`` counts every match);
        ``format=csv|jsonl`` downloads every match. Reviewed values replace coded ones;
        ``review`` says the verdict."""
        if not fused and sort.lstrip("-") in ("articles", "sources"):
            raise HTTPException(422, f"sort={sort} needs fused events")
        if format != "json":
            rows = queries.iter_events(db(), flt, fused=fused, limit=MAX_DOWNLOAD, sort=sort)
            return _download(rows, format, "warta-events" if fused else "warta-article-events")
        return _page_json(
            queries.events(db(), flt, fused=fused, limit=limit, offset=offset, sort=sort)
        )

    @app.get("/api/events/facets", tags=["events"], summary="Counts of the matching events")
    def event_facets(flt: Filter, fused: bool = True) -> Response:
        """The matching events counted by type, countries, sectors and review state."""
        key = ("event-facets", repr(flt), fused)
        return _json(database.cached(key, lambda: queries.event_facets(db(), flt, fused=fused)))

    @app.get("/api/timeline", tags=["events"], summary="Fused events per period and type")
    def timeline(
        flt: Filter, bucket: Literal["day", "week", "month", "year"] = "month"
    ) -> Response:
        """Counts per period (weeks start on Monday) and type; ``periods`` lists every
        period of the range, empty ones too."""
        key = ("timeline", repr(flt), bucket)
        return _json(database.cached(key, lambda: queries.timeline(db(), flt, bucket=bucket)))

    @app.get("/api/map", tags=["events"], summary="Fused events per located place and country")
    def event_map(flt: Filter, limit: Annotated[int, Query(ge=1, le=5000)] = 1000) -> Any:
        key = ("map", repr(flt), limit)
        return _json(database.cached(key, lambda: queries.event_map(db(), flt, limit=limit)))

    @app.get("/api/network", tags=["events"], summary="Actor network: who acts on whom")
    def network(flt: Filter, limit: Annotated[int, Query(ge=1, le=1000)] = 150) -> Any:
        key = ("network", repr(flt), limit)
        return _json(database.cached(key, lambda: queries.network(db(), flt, limit=limit)))

    @app.get(
        "/api/actors",
        tags=["events"],
        response_model=None,
        responses=PAGE_RESPONSE,
        summary="Canonical actors ranked by events",
    )
    def actors(
        flt: Filter,
        q: Annotated[str | None, Query(max_length=200, description="name contains")] = None,
        limit: Limit = 50,
        offset: Offset = 0,
    ) -> Response:
        """Actors and recipients of the matching fused events, merged into canonical actors
        (a state, its capital and seat of government are one "RUS GOV"), most events first."""
        key = ("actors", repr(flt), q, limit, offset)
        return _page_json(
            database.cached(
                key, lambda: queries.actors(db(), flt, query=q, limit=limit, offset=offset)
            )
        )

    def _authorize(request: Request, what: str) -> None:
        if config.token is None:
            raise HTTPException(403, f"{what} is off: start warta serve with --ingest-token")
        given = request.headers.get("authorization", "")
        scheme, _, token = given.partition(" ")
        if scheme.lower() != "bearer" or not hmac.compare_digest(
            token.encode("utf-8"), config.token.encode("utf-8")
        ):
            raise HTTPException(401, "missing or wrong API token")

    @app.post(
        "/api/reviews",
        tags=["reviews"],
        response_model=ReviewResult,
        summary="Review a coded event",
        responses={401: {}, 403: {}, 404: {}, 422: {}},
    )
    def add_review(body: ReviewIn, request: Request) -> ReviewResult:
        """Mark an event ``correct`` or ``wrong``, or ``corrected`` with new values, with a
        note. Needs ``Authorization: Bearer TOKEN``. Reviews are kept in their own table:
        re-ingesting an article never changes them."""
        _authorize(request, "reviewing")
        if (body.story_id is None) == (body.article_id is None):
            raise HTTPException(422, "give either story_id or article_id, with idx")
        fields = body.model_dump(exclude={"story_id", "article_id", "idx"})
        for key, value in fields.items():
            if value and (key == "type" or key.endswith(("_country", "_sector"))):
                fields[key] = value.upper()  # codes are upper case
        try:
            review = Review(**fields)
            ids = database.review(
                story_id=body.story_id, article_id=body.article_id, idx=body.idx, review=review
            )
        except StoreError as exc:
            status = 404 if str(exc) == "no such event" else 422
            raise HTTPException(status, str(exc)) from None
        return ReviewResult(ids=ids)

    @app.get("/api/reviews", tags=["reviews"], summary="Reviews, newest first")
    def reviews(
        article: Annotated[str | None, _text("reviews of this article's events")] = None,
        limit: Limit = 50,
        offset: Offset = 0,
    ) -> Response:
        """Every review with the event it is about (history included: the newest review of
        an event is the one in force)."""
        return _page_json(queries.reviews(db(), article=article, limit=limit, offset=offset))

    @app.get("/api/quotes", tags=["quotes"], response_model=Page, summary="Quotes by speaker")
    def quotes(
        speaker: Annotated[str | None, Query(max_length=200, description="name contains")] = None,
        q: Annotated[str | None, Query(max_length=200, description="quote contains")] = None,
        limit: Limit = 50,
        offset: Offset = 0,
    ) -> Page:
        return _page(queries.quotes(db(), speaker=speaker, query=q, limit=limit, offset=offset))

    @app.get("/api/speakers", tags=["quotes"], summary="Speakers with their number of quotes")
    def speakers(limit: Limit = 100) -> list[dict[str, Any]]:
        return queries.speakers(db(), limit=limit)

    @app.get("/api/places", tags=["places"], summary="Places mentioned, with coordinates")
    def places(
        country: Annotated[str | None, _text("ISO 3166-1 alpha-3")] = None,
        q: Annotated[str | None, Query(max_length=200)] = None,
        limit: Limit = 100,
    ) -> list[dict[str, Any]]:
        return queries.places(db(), country=country, query=q, limit=limit)

    @app.get("/api/stories", tags=["stories"], response_model=Page, summary="Stories")
    def stories(
        min_articles: Annotated[
            int, Query(ge=1, le=MAX_COUNT, description="at least this many articles")
        ] = 1,
        limit: Limit = 20,
        offset: Offset = 0,
    ) -> Page:
        return _page(queries.stories(db(), min_articles=min_articles, limit=limit, offset=offset))

    def _pipeline() -> Any:
        with pipeline_lock:
            if "p" not in pipeline_box:
                from warta.pipeline import Pipeline, PipelineConfig

                pipeline_box["p"] = Pipeline(config=PipelineConfig(stages=config.ingest_stages))
            return pipeline_box["p"]

    @app.post(
        "/api/ingest",
        tags=["ingest"],
        response_model=IngestResult,
        summary="Process and store one article",
        responses={
            401: {"model": Problem, "description": "Missing or wrong token"},
            403: {"model": Problem, "description": "Ingest is off (no token configured)"},
            413: {"model": Problem, "description": "Body over --max-body bytes"},
            415: {"model": Problem, "description": "Unsupported content type"},
            422: {"model": Problem, "description": "The body is not an article"},
        },
        openapi_extra=INGEST_BODY,
    )
    async def ingest(request: Request) -> IngestResult:
        """Send ``text/plain``, ``text/html`` or a JSON object (``text`` or ``html``, and
        optionally ``id``, ``title``, ``url``, ``published``, ``outlet``) with the header
        ``Authorization: Bearer TOKEN``. Off unless the server was started with a token."""
        _authorize(request, "ingest")
        body = await request.body()
        try:
            doc = document_from_body(body, content_type=request.headers.get("content-type", ""))
        except InputError as exc:
            status = 415 if exc.reason == "unsupported" else 422
            raise HTTPException(status, exc.explained) from None

        def work() -> IngestResult:
            # the runner of `warta extract` and Spark: a failing stage comes back as an
            # InputError naming it, never an exception out of the endpoint
            result = process_one(_pipeline(), doc)
            if isinstance(result, InputError):
                raise result
            article = result
            status, story = database.write(article)
            counts = {
                name: len(getattr(article, name))
                for name in ("entities", "times", "quotes", "places", "events")
            }
            return IngestResult(
                id=article.id,
                status=status,
                story_id=story,
                counts=counts,
                lang=article.lang,
                stages=article.stages,
                warnings=doc.warnings,
            )

        from starlette.concurrency import run_in_threadpool

        try:
            return await run_in_threadpool(work)
        except InputError as exc:
            raise HTTPException(422, exc.explained) from None

    add_watch_routes(app, reader=db, static=static)
    add_docs_routes(app, title="warta")
    app.mount("/static", StaticFiles(directory=str(static)), name="static")

    @app.get("/", include_in_schema=False)
    def index() -> FileResponse:
        return FileResponse(str(static.joinpath("index.html")), media_type="text/html")

    @app.get("/favicon.ico", include_in_schema=False)
    def favicon() -> Response:
        return Response(status_code=204)

    app.state.config = asdict(config)
    return app
