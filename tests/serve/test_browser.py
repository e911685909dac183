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


def test_events_table_filters(desktop: Session) -> None:
    page = desktop.open("#/events")
    assert page.locator("#events-table tbody tr").count() > 5
    page.select_option("select[name=type]", "PROTEST")
    page.click("form.filters button[type=submit]")
    page.wait_for_url(re.compile(r"type=PROTEST"))
    page.wait_for_selector("body[data-ready=true]")
    types = page.locator("#events-table tbody .badge").all_inner_texts()
    assert types and set(types) == {"PROTEST"}
    download = page.locator("a", has_text="CSV").get_attribute("href") or ""
    assert "type=PROTEST" in download and "format=csv" in download
    desktop.shot("events")


def test_timeline_map_and_network_render(desktop: Session) -> None:
    page = desktop.open("#/timeline?bucket=month")
    bars = page.locator("#timeline svg rect.bar")
    assert bars.count() >= 6
    box = bars.first.bounding_box()
    assert box is not None and box["height"] > 0
    desktop.shot("timeline")

    page = desktop.open("#/map?zoom=indonesia")
    assert page.locator("#map path.land").count() > 100
    indonesia = page.locator("#map path.land.has[data-country=IDN]")
    assert indonesia.count() == 1
    fill = indonesia.evaluate("e => getComputedStyle(e).fill")
    assert fill.startswith("rgba(220, 38, 38"), fill
    points = page.locator("#map circle.pt")
    assert points.count() >= 5
    assert points.first.bounding_box() is not None
    desktop.shot("map")

    page = desktop.open("#/actors")
    assert page.locator("#network circle").count() >= 4
    assert page.locator("#network line").count() >= 3
    desktop.shot("actors")


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
    phone.shot("phone-map")
