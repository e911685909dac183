"""The web app in headless Chromium (Debian's /usr/bin/chromium, driven by Playwright).

Each test loads pages of a real server on 127.0.0.1 as a person would; requests
to anywhere else are blocked and recorded, so a page that needs the network
fails. Screenshots go to tests/artifacts/serve/.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.serve.conftest import LiveServer

CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = Path(__file__).resolve().parents[1] / "artifacts" / "serve"
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

if not CHROMIUM.exists():
    pytest.skip(
        "/usr/bin/chromium not found (apt-get install chromium chromium-driver)",
        allow_module_level=True,
    )
sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS, headless=True)
        yield browser
        browser.close()


class Session:
    def __init__(self, browser: Any, live: LiveServer, *, width: int, height: int) -> None:
        self.live = live
        self.context = browser.new_context(viewport={"width": width, "height": height})
        self.page = self.context.new_page()
        self.outside: list[str] = []
        self.errors: list[str] = []
        self.dialogs: list[str] = []
        self.page.route("**/*", self._route)
        self.page.on("console", lambda m: m.type == "error" and self.errors.append(m.text))
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("dialog", self._dialog)

    def _route(self, route: Any) -> None:
        if route.request.url.startswith(self.live.url):
            route.continue_()
        else:
            self.outside.append(route.request.url)
            route.abort()

    def _dialog(self, dialog: Any) -> None:
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def open(self, fragment: str) -> Any:
        self.page.goto(f"{self.live.url}/{fragment}")
        self.page.wait_for_selector("body[data-ready=true]", timeout=15000)
        return self.page

    def shot(self, name: str) -> None:
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        self.page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)

    def check_clean(self) -> None:
        assert self.outside == [], f"requests outside the server: {self.outside}"
        assert self.errors == [], f"errors in the page: {self.errors}"
        assert self.dialogs == [], f"a script from the data ran: {self.dialogs}"

    def close(self) -> None:
        self.context.close()


@pytest.fixture
def desktop(browser: Any, live: LiveServer) -> Iterator[Session]:
    session = Session(browser, live, width=1280, height=900)
    yield session
    session.check_clean()
    session.close()


@pytest.fixture
def phone(browser: Any, live: LiveServer) -> Iterator[Session]:
    session = Session(browser, live, width=390, height=844)
    yield session
    session.check_clean()
    session.close()


def test_search_then_open_article_with_highlights(desktop: Session) -> None:
    page = desktop.open("#/search")
    page.fill("input[name=q]", "gubernur papua")
    page.click("form.filters button[type=submit]")
    page.wait_for_selector(".hit a.title")
    titles = page.locator(".hit a.title").all_inner_texts()
    assert "Warga <script>alert('x')</script> berunjuk rasa di Jayapura" in titles
    assert page.locator(".hit mark").count() >= 2
    assert page.locator(".hit a", has_text="story of 2 articles").count() == 2
    assert page.locator("#hit-count").inner_text().endswith("article(s) match.")
    assert "phrase" in page.locator("#search-help").inner_text()
    desktop.shot("search")

    page.locator(".hit a.title", has_text="<script>").first.click()
    page.wait_for_selector("#doc .a-event")
    doc = page.locator("#doc")
    # the markup in the article is shown as characters, never parsed
    assert "<script>alert('x')</script>" in doc.inner_text()
    assert "<b>tebal</b>" in doc.inner_text()
    assert doc.locator("script, b").count() == 0
    trigger = doc.locator(".a-event")
    assert trigger.count() == 1 and trigger.inner_text() == "berunjuk rasa"
    assert "PROTEST" in (trigger.get_attribute("title") or "")
    person = doc.locator(".a-ent", has_text="Yosep Wenda").first
    assert "PER" in (person.get_attribute("title") or "")
    assert doc.locator(".a-quote").count() >= 1 and doc.locator(".a-time").count() == 1
    # the date is written in words for people; the TIMEX3 code follows for the record
    assert "date: 4 March 2024 (TIMEX3 2024-03-04)" in (
        doc.locator(".a-time").get_attribute("title") or ""
    )
    assert doc.locator(".a-place", has_text="Jayapura").count() >= 1
    # the highlighting colours differ by kind
    colours = {
        kind: doc.locator(f".a-{kind}").first.evaluate("e => getComputedStyle(e).backgroundColor")
        for kind in ("event", "time", "quote")
    }
    assert len(set(colours.values())) == 3, colours
    story = page.locator("#story")
    assert story.locator("a[href='#/article/papua-2']").count() == 1
    assert "http" not in story.inner_text()
    assert page.locator("#article-events tbody tr").count() == 1
    desktop.shot("article")

    page.uncheck("input[data-kind=event]")
    assert "hide-event" in (doc.get_attribute("class") or "")


def test_events_table_sorts_facets_and_shares_its_url(desktop: Session) -> None:
    page = desktop.open("#/events")
    heads = page.locator("#events-table thead th").all_inner_texts()
    for name in ("Evidence", "Dead", "Injured", "Flags", "Conf.", "Sources", "Review"):
        assert any(name in h for h in heads), (name, heads)
    assert page.locator("#events-table tbody tr:not(.review-row)").count() > 5
    total = page.locator("#event-count").inner_text()
    # a facet narrows the table and says how many it has
    facet = page.locator("#facets [data-facet=type] li", has_text="PROTEST").first
    count = int(facet.locator(".count").inner_text())
    facet.locator("a").click()
    page.wait_for_url(re.compile(r"type=PROTEST"))
    page.wait_for_selector("body[data-ready=true]")
    types = page.locator("#events-table tbody .badge").all_inner_texts()
    assert types and set(types) == {"PROTEST"}
    assert page.locator("#event-count").inner_text().startswith(f"{count} matching")
    assert page.locator("#event-count").inner_text() != total
    papua = page.locator("#events-table tbody tr", has_text="Ratusan warga").first
    assert "Ratusan warga berunjuk rasa" in papua.locator("td.evidence").inner_text()
    # sorting by a column header goes into the URL
    page.locator("th a[data-sort=confidence]").click()
    page.wait_for_url(re.compile(r"sort=confidence"))
    page.wait_for_selector("body[data-ready=true]")
    confidences = [
        float(c)
        for c in page.locator("#events-table tbody td.num:nth-child(10)").all_inner_texts()
        if c
    ]
    assert confidences == sorted(confidences)
    download = page.locator("a", has_text="CSV").get_attribute("href") or ""
    assert "type=PROTEST" in download and "format=csv" in download
    desktop.shot("events")
    # the URL restores the view in a fresh page
    url = page.url
    fresh = desktop.context.new_page()
    fresh.goto(url)
    fresh.wait_for_selector("body[data-ready=true]")
    assert set(fresh.locator("#events-table tbody .badge").all_inner_texts()) == {"PROTEST"}
    assert fresh.locator("th[aria-sort=ascending] a[data-sort=confidence]").count() == 1
    fresh.close()
    # a disabled paging button looks disabled
    previous = page.locator(".pager button", has_text="Previous")
    assert previous.is_disabled()
    assert previous.evaluate("e => getComputedStyle(e).cursor") == "not-allowed"


def test_timeline_has_a_true_time_axis(desktop: Session) -> None:
    page = desktop.open("#/timeline?bucket=week&include_negated=true")
    bars = page.locator("#timeline svg rect.bar")
    assert bars.count() >= 6
    box = bars.first.bounding_box()
    assert box is not None and box["height"] > 0
    note = page.locator("#timeline-note").inner_text()
    assert "week(s)" in note and "empty ones included" in note
    colours = page.locator("#timeline-legend .swatch").evaluate_all(
        "els => els.map(e => getComputedStyle(e).backgroundColor)"
    )
    assert len(colours) >= 3 and len(set(colours)) == len(colours)
    desktop.shot("timeline-week")
    page = desktop.open("#/timeline?bucket=month")
    assert "negated and hypothetical events left out" in page.locator("#timeline-note").inner_text()
    desktop.shot("timeline")


def test_map_world_and_indonesia(desktop: Session) -> None:
    page = desktop.open("#/map")
    assert page.locator("#map path.land").count() > 100
    world_points = page.locator("#map g.pt").count()
    assert world_points >= 1
    desktop.shot("map-world")
    view = page.locator("#map svg").get_attribute("viewBox")
    page.click("#zoom-in")
    assert page.locator("#map svg").get_attribute("viewBox") != view
    assert "bbox=" in page.url  # the zoomed window is shareable
    page = desktop.open("#/map?zoom=indonesia")
    indonesia = page.locator("#map path.land.has[data-country=IDN]")
    assert indonesia.count() == 1
    fill = indonesia.evaluate("e => getComputedStyle(e).fill")
    assert fill.startswith("rgba(220, 38, 38"), fill
    points = page.locator("#map g.pt")
    assert points.count() >= 5
    # nearby places merge into one circle at this zoom, and separate when zoomed in
    merged = sum(
        int(n)
        for n in page.locator("#map g.pt").evaluate_all("els => els.map(e => e.dataset.places)")
    )
    assert merged > points.count()
    desktop.shot("map-indonesia")
    page = desktop.open("#/map?zoom=indonesia&level=provinces")
    provinces = page.locator("#map g.pt text").all_text_contents()
    assert provinces and all(t.isdigit() for t in provinces)
    assert page.locator("#map-table tbody tr", has_text="Papua").count() >= 1
    desktop.shot("map-provinces")
    page = desktop.open("#/map?zoom=indonesia&level=regencies")
    regencies = page.locator("#map g.pt text").all_text_contents()
    assert regencies and all(t.isdigit() for t in regencies)
    assert page.locator("#map-table tbody tr", has_text="Jayapura").count() >= 1
    desktop.shot("map-regencies")


def test_actors_ranked_and_network_readable(desktop: Session) -> None:
    page = desktop.open("#/actors")
    assert page.locator("#network circle").count() >= 4
    assert page.locator("#network .edge line").count() >= 3
    widths = page.locator("#network .edge line").evaluate_all(
        "els => els.map(e => Number(e.getAttribute('stroke-width')))"
    )
    assert max(widths) > min(widths)  # edge width shows the number of events
    fills = page.locator("#network .node circle").evaluate_all(
        "els => els.map(e => e.getAttribute('fill'))"
    )
    assert len(set(fills)) >= 2  # sectors have colours
    hidden = page.locator("#network .node:not(.labelled) text")
    if hidden.count():
        assert hidden.first.evaluate("e => getComputedStyle(e).display") == "none"
    events = [int(x) for x in page.locator("#actors-table tbody td:nth-child(4)").all_inner_texts()]
    assert events == sorted(events, reverse=True)
    desktop.shot("actors")
    page = desktop.open("#/actors?actor_country=IDN&actor_sector=CVL")
    names = page.locator("#actors-table tbody td:nth-child(2)").all_inner_texts()
    assert names and "Warga Papua" in names


def test_usable_on_a_phone(phone: Session) -> None:
    page = phone.open("#/article/papua-1")
    page.wait_for_selector("#doc .a-event")
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 392, f"page is {width}px wide on a 390px screen"
    phone.shot("phone-article")
    page = phone.open("#/events")
    assert page.evaluate("document.documentElement.scrollWidth") <= 392
    phone.shot("phone-events")
    page = phone.open("#/map")
    assert page.locator("#map path.land").count() > 100
    assert page.evaluate("document.documentElement.scrollWidth") <= 392
    phone.shot("phone-map")


@pytest.fixture
def review_session(browser: Any, tmp_path: Path) -> Iterator[Session]:
    """A server of its own (reviews write to the database), ingest and reviews on."""
    import datetime as dt

    from tests.serve.conftest import TOKEN, script_article, script_copy, start_server, stop_server
    from warta.serve import ServeConfig, create_app
    from warta.serve.synthetic import synthetic_articles
    from warta.store import Store

    path = tmp_path / "review.db"
    with Store(path) as store:
        store.upsert(script_article())
        store.upsert(script_copy())
        for n, article in enumerate(synthetic_articles(20, seed=9, start=dt.date(2024, 1, 1))):
            for event in article.events:
                event.confidence = round(0.4 + 0.1 * (n % 5), 2)
            store.upsert(article)
    live = start_server(create_app(ServeConfig(db=path, token=TOKEN, ingest_stages=())))
    session = Session(browser, live, width=1280, height=900)
    yield session
    session.check_clean()
    session.close()
    stop_server(live)


def test_review_round_trip(review_session: Session) -> None:
    from tests.serve.conftest import TOKEN

    page = review_session.open("#/review")
    confidences = [
        float(c)
        for c in page.locator("#events-table tbody td.num:nth-child(10)").all_inner_texts()
        if c
    ]
    assert confidences and confidences == sorted(confidences)  # the least certain first
    queued = int(page.locator("#event-count").inner_text().split()[0])
    first = page.locator("#events-table tbody tr:not(.review-row)").first
    evidence = first.locator("td.evidence").inner_text()
    # without the token the review is refused, and the page says so
    first.locator("button", has_text="Review").click()
    form = page.locator(".review-row:not([hidden]) form").first
    form.locator("select[name=verdict]").select_option("wrong")
    form.locator("input[name=note]").fill("not an event: a health claim")
    form.locator("button[type=submit]").click()
    page.wait_for_selector(".review-row .status.error")
    assert "401" in form.locator(".status").inner_text()
    review_session.errors.clear()  # the refused request is logged by the browser, as expected
    page.fill("input[name=token]", TOKEN)
    page.locator("input[name=token]").dispatch_event("change")
    form.locator("button[type=submit]").click()
    sync_api.expect(page.locator("#event-count")).to_have_text(
        re.compile(rf"^{queued - 1} matching"), timeout=15000
    )
    page.wait_for_selector("body[data-ready=true]")
    review_session.shot("review-queue")
    # the event left the queue; the events table shows it marked wrong, with the note
    page = review_session.open("#/events?review=wrong")
    row = page.locator("#events-table tbody tr.wrong").first
    assert row.locator("td.evidence").inner_text() == evidence
    mark = row.locator(".rv-wrong")
    assert mark.inner_text() == "wrong"
    assert "health claim" in (mark.get_attribute("title") or "")
    assert row.evaluate("e => getComputedStyle(e.cells[0]).textDecorationLine") == "line-through"
    # a correction of the type shows in the table and the timeline
    page = review_session.open("#/events?story=papua-1")
    page.locator("#events-table tbody button", has_text="Review").first.click()
    form = page.locator(".review-row:not([hidden]) form").first
    form.locator("select[name=type]").select_option("DEMAND")
    form.locator("button[type=submit]").click()
    page.wait_for_selector("#events-table tbody .rv-corrected")
    assert page.locator("#events-table tbody .badge").all_inner_texts() == ["DEMAND"]
    review_session.shot("review-corrected")
    page = review_session.open("#/timeline?bucket=day&from=2024-03-04&to=2024-03-04")
    assert page.locator("#timeline rect.bar[data-type=DEMAND]").count() == 1
    page = review_session.open("#/article/papua-1")
    assert "corrected → DEMAND" in page.locator("#article-events").inner_text()


def test_api_docs_render_offline(desktop: Session) -> None:
    page = desktop.page
    page.goto(f"{desktop.live.url}/docs")
    page.wait_for_selector("#swagger-ui .opblock", timeout=20000)
    assert page.locator("#swagger-ui .opblock").count() > 10
    assert page.locator("#swagger-ui", has_text="/api/reviews").count() == 1
    desktop.shot("docs")
    page.goto(f"{desktop.live.url}/redoc")
    page.wait_for_selector("#redoc h1", timeout=20000)
    assert "warta" in page.locator("#redoc h1").first.inner_text()
    assert page.locator("#redoc", has_text="Review a coded event").count() >= 1
    desktop.shot("redoc")


def test_stories_quotes_and_api_views(desktop: Session) -> None:
    page = desktop.open("#/stories")
    rows = page.locator("table tbody tr")
    assert rows.count() >= 1
    titles = rows.locator("td:nth-child(2) a").all_inner_texts()
    assert all(t and not t.startswith(("syn-", "papua-")) for t in titles)  # headlines, not ids
    desktop.shot("stories")
    page = desktop.open("#/quotes?speaker=wenda")
    assert page.locator("table tbody tr", has_text="Kami hanya ingin didengar").count() == 2
    desktop.shot("quotes")
    page = desktop.open("#/api")
    assert page.locator(".endpoint", has_text="/api/reviews").count() >= 1
    assert page.locator("a[href='/docs']").count() == 1
    desktop.shot("api")
