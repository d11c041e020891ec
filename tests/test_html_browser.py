"""The HTML report in a real headless Chromium (Debian's ``/usr/bin/chromium``).

It renders with no console error and no network request at all, shows every file and
finding, runs no script a document carried, and its screenshots at desktop and phone width
are not blank; at phone width nothing is wider than the screen. Skipped, with the reason,
where Chromium or the playwright package is missing, except in CI (``CI`` set), which
installs Chromium (.ci/run) and so must run these.
"""

from __future__ import annotations

import base64
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from html_report import SCRIPT, portfolio_for, review, write_docs

from pmcoach.formats.html import HtmlFormatter
from pmcoach.review import Report

CHROMIUM = Path(os.environ.get("PMCOACH_CHROMIUM", "/usr/bin/chromium"))
#: Chromium quiet and offline: no first-run work, no background or component traffic.
FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"]
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}


def _unavailable(reason: str) -> None:
    if os.environ.get("CI"):
        pytest.fail(f"{reason}: CI installs it (.ci/run), so the browser tests must run")
    pytest.skip(reason)


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    """One Chromium for the module, with a fresh profile."""
    if not CHROMIUM.exists():
        _unavailable(f"{CHROMIUM} is not installed (apt-get install chromium)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _unavailable("the playwright package is not installed (pip install '.[test]')")
    with sync_playwright() as playwright:
        context = playwright.chromium.launch_persistent_context(
            str(tmp_path_factory.mktemp("profile")), executable_path=str(CHROMIUM),
            headless=True, args=FLAGS, service_workers="block")
        try:
            yield context
        finally:
            context.close()


@pytest.fixture(scope="module")
def report_file(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Report]:
    """The page for a reviewed portfolio (with a file that could not be reviewed)."""
    folder = tmp_path_factory.mktemp("portfolio")
    paths = write_docs(folder / "docs")
    report = review([*paths, str(folder / "docs" / "missing.md")])
    report.portfolio = portfolio_for(report)
    out = folder / "report.html"
    out.write_text(HtmlFormatter().render(report, color=False), encoding="utf-8")
    return out, report


class Visit:
    """One page load, with everything the browser reported while loading it."""

    def __init__(self, context: Any, url: str, viewport: dict[str, int]) -> None:
        self.requests: list[str] = []
        self.errors: list[str] = []
        self.dialogs: list[str] = []
        self.page = context.new_page()
        self.page.set_viewport_size(viewport)
        self.page.on("request", lambda request: self.requests.append(request.url))
        self.page.on("console", self._console)
        self.page.on("pageerror", lambda error: self.errors.append(str(error)))
        self.page.on("dialog", self._dialog)
        # Anything but the page itself is refused (and recorded above).
        self.page.route("**/*", lambda route: route.continue_()
                        if route.request.url == url else route.abort())
        self.page.goto(url, wait_until="load")

    def _console(self, message: Any) -> None:
        if message.type == "error":
            self.errors.append(message.text)

    def _dialog(self, dialog: Any) -> None:
        """A script that ran (an alert) would show here; dismissed so nothing hangs."""
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def js(self, expression: str) -> Any:
        return self.page.evaluate(expression)


@pytest.fixture(scope="module")
def desktop(browser: Any, report_file: tuple[Path, Report]) -> Iterator[Visit]:
    visit = Visit(browser, report_file[0].as_uri(), DESKTOP)
    yield visit
    visit.page.close()


@pytest.fixture(scope="module")
def phone(browser: Any, report_file: tuple[Path, Report]) -> Iterator[Visit]:
    visit = Visit(browser, report_file[0].as_uri(), PHONE)
    yield visit
    visit.page.close()


def squash(text: str) -> str:
    return " ".join(text.split())


def test_it_renders_with_no_console_error_and_no_request(
        desktop: Visit, report_file: tuple[Path, Report]) -> None:
    assert desktop.errors == []
    assert desktop.requests == [report_file[0].as_uri()]
    assert desktop.js("document.title").startswith("pmcoach review")


def test_every_file_and_finding_is_on_the_page(desktop: Visit,
                                               report_file: tuple[Path, Report]) -> None:
    report = report_file[1]
    text = squash(desktop.js("document.body.innerText"))
    assert report.portfolio is not None and report.results
    for result in report.results:
        assert result.path in text
        if result.error:
            assert result.error.message in text
        for finding in result.findings:
            assert squash(finding.message) in text, finding.message
    for cross in report.portfolio.findings:
        assert cross.message in text
        for span in cross.spans:
            assert span.quote in text
    for competency in report.portfolio.competencies:
        assert competency.name in text


def test_a_documents_script_is_text_and_never_runs(desktop: Visit) -> None:
    assert desktop.js("document.querySelectorAll('script, img, iframe').length") == 0
    assert desktop.dialogs == []
    assert "pwned" not in desktop.js("document.title")
    assert SCRIPT in desktop.js("document.body.innerText")


def test_the_chart_is_drawn(desktop: Visit) -> None:
    box = desktop.js("""(() => {
        const r = document.querySelector('.radar svg').getBoundingClientRect();
        return [r.width, r.height, document.querySelectorAll('.radar .spoke').length];
    })()""")
    assert box[0] > 300 and box[1] > 200 and box[2] == 7


def test_screenshots_are_not_blank(desktop: Visit, phone: Visit, tmp_path: Path) -> None:
    for name, visit in (("desktop", desktop), ("phone", phone)):
        shot = tmp_path / f"{name}.png"
        visit.page.screenshot(path=str(shot))
        colours, spread = _picture_stats(visit.page.context, shot.read_bytes())
        assert colours > 50 and spread > 10, f"{name} screenshot looks blank: {shot}"


def test_phone_width_has_no_horizontal_scroll(phone: Visit) -> None:
    assert phone.errors == []
    width, inner = phone.js("[document.scrollingElement.scrollWidth, window.innerWidth]")
    assert width <= inner
    # Each document's review is as wide as the screen allows, not wider.
    widest = phone.js("Math.max(...[...document.querySelectorAll('article, .finding')]"
                      ".map(e => e.getBoundingClientRect().right))")
    assert widest <= inner


def _picture_stats(context: Any, png: bytes) -> tuple[int, float]:
    """Distinct colours and the standard deviation of brightness of a PNG, decoded by the
    browser's image decoder in a blank page of its own (no image library needed)."""
    page = context.new_page()
    try:
        colours, spread = page.evaluate("""async (data) => {
            const image = new Image();
            image.src = 'data:image/png;base64,' + data;
            await image.decode();
            const canvas = document.createElement('canvas');
            canvas.width = image.width; canvas.height = image.height;
            const ctx = canvas.getContext('2d');
            ctx.drawImage(image, 0, 0);
            const pixels = ctx.getImageData(0, 0, image.width, image.height).data;
            const colours = new Set();
            let sum = 0, squares = 0;
            for (let i = 0; i < pixels.length; i += 4) {
                colours.add((pixels[i] << 16) | (pixels[i + 1] << 8) | pixels[i + 2]);
                const y = 0.299 * pixels[i] + 0.587 * pixels[i + 1] + 0.114 * pixels[i + 2];
                sum += y; squares += y * y;
            }
            const n = pixels.length / 4, mean = sum / n;
            return [colours.size, Math.sqrt(squares / n - mean * mean)];
        }""", base64.b64encode(png).decode())
        return int(colours), float(spread)
    finally:
        page.close()
