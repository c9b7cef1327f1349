"""A real browser for the map tests and the benchmark: Debian's headless Chromium, driven
by Playwright, watching every request, console message and dialog a page makes.

Playwright never downloads a browser here: it starts ``/usr/bin/chromium``.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from playwright.sync_api import Browser, Page, Playwright, Route, sync_playwright

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
VIEWPORT = {"width": 1400, "height": 900}


@dataclass
class PageRun:
    """One opened page and everything it did."""

    page: Page
    url: str
    requests: list[str] = field(default_factory=list)
    blocked: list[str] = field(default_factory=list)
    console: list[tuple[str, str]] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)
    opened: float = 0.0

    @property
    def console_errors(self) -> list[str]:
        return [text for kind, text in self.console if kind == "error"] + self.errors

    @property
    def foreign_requests(self) -> list[str]:
        """Every request but the one for the page itself."""
        return [url for url in self.requests if url != self.url] + self.blocked

    def js(self, expression: str, arg: Any = None) -> Any:
        return self.page.evaluate(expression, arg)

    def poll(self, expression: str, timeout_ms: float = 30_000) -> Any:
        """Evaluate ``expression`` until it is truthy and return it.

        (Playwright's ``wait_for_function`` polls with ``eval`` inside the page, which the
        map's Content-Security-Policy forbids; ``evaluate`` goes through the debugger.)
        """
        deadline = time.perf_counter() + timeout_ms / 1000
        while True:
            value = self.page.evaluate(expression)
            if value:
                return value
            if time.perf_counter() > deadline:
                raise TimeoutError(f"{expression!r} still false after {timeout_ms:.0f} ms")
            self.page.wait_for_timeout(20)

    def wait_drawn(self, timeout_ms: float = 30_000) -> float:
        """Wait for the map's first full draw; milliseconds since navigation started."""
        return float(self.poll("window.kokonMap ? window.kokonMap.firstDraw : null", timeout_ms))

    def shown(self) -> tuple[int, int]:
        """Nodes and edges not hidden, read from the vis DataSets in the page."""
        counts = self.js(
            """() => {
                const m = window.kokonMap;
                return [m.nodes.get({filter: (n) => !n.hidden}).length,
                        m.edges.get({filter: (e) => !e.hidden}).length];
            }"""
        )
        return int(counts[0]), int(counts[1])

    def shown_ids(self) -> tuple[set[str], set[str]]:
        ids = self.js(
            """() => {
                const m = window.kokonMap;
                return [m.nodes.getIds({filter: (n) => !n.hidden}),
                        m.edges.getIds({filter: (e) => !e.hidden})];
            }"""
        )
        return set(ids[0]), set(ids[1])

    def node_dom_position(self, node_id: str) -> tuple[float, float]:
        """Where a node is drawn, in page coordinates."""
        pos = self.js(
            """(id) => {
                const net = window.kokonMap.network;
                const p = net.canvasToDOM(net.getPositions([id])[id]);
                const box = document.getElementById("mynetwork").getBoundingClientRect();
                return [p.x + box.left, p.y + box.top];
            }""",
            node_id,
        )
        return float(pos[0]), float(pos[1])


class Chromium:
    """A headless Chromium shared by many pages (start once per test session)."""

    def __init__(self) -> None:
        self._playwright: Playwright = sync_playwright().start()
        self.browser: Browser = self._playwright.chromium.launch(
            executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True
        )

    def close(self) -> None:
        self.browser.close()
        self._playwright.stop()

    @contextmanager
    def open(
        self, path: Path, *, wait: bool = True, timeout_ms: float = 30_000
    ) -> Iterator[PageRun]:
        """Open ``path`` in a fresh context; every non-file request is recorded and refused.

        With ``wait`` the page has loaded and drawn the map; without, it has only started
        loading (a page whose script blocks for long may not have loaded yet).
        """
        context = self.browser.new_context(viewport=VIEWPORT, service_workers="block")
        page = context.new_page()
        run = PageRun(page=page, url=path.resolve().as_uri())

        def refuse(route: Route) -> None:
            if route.request.url.startswith("file:"):
                route.continue_()
            else:
                run.blocked.append(route.request.url)
                route.abort()

        page.route("**/*", refuse)
        page.on("request", lambda request: run.requests.append(request.url))
        page.on("websocket", lambda ws: run.blocked.append(ws.url))
        page.on("console", lambda message: run.console.append((message.type, message.text)))
        page.on("pageerror", lambda error: run.errors.append(str(error)))

        def on_dialog(dialog: Any) -> None:
            run.dialogs.append(f"{dialog.type}: {dialog.message}")
            dialog.dismiss()

        page.on("dialog", on_dialog)
        try:
            run.opened = time.perf_counter()
            page.set_default_timeout(timeout_ms)
            page.goto(run.url, wait_until="load" if wait else "commit")
            if wait:
                run.wait_drawn()
            yield run
        finally:
            context.close()
