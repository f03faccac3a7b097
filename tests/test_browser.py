"""The HTML report in a real headless Chromium (Debian's ``chromium``
driven by Playwright): opened from disk, filters work, nothing leaves the
page, hostile document text does not run, and without JavaScript everything
is visible. Screenshots are saved under reports/ for a human to look at.

Skipped, with the reason, only where Chromium or Playwright is missing
(.ci/run installs Chromium with apt-get before the tests)."""

from __future__ import annotations

import os
import shutil

import pytest

from conftest import FIXTURES, MINI_GLOSSARY, ROOT, SEEDS

#: A headless browser costs about 15 s: run by `make test` and CI, not by `-m "not slow"`.
pytestmark = pytest.mark.slow

CHROMIUM = os.environ.get("MTLINT_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
# Chromium on a closed network hangs on start-up without these; Playwright
# adds --headless and a fresh temporary --user-data-dir itself.
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
SCREENSHOTS = ROOT / "reports"


@pytest.fixture(scope="module")
def browser():
    if not os.path.exists(CHROMIUM):
        pytest.skip(f"Chromium not installed at {CHROMIUM} (apt-get install chromium); browser tests skipped")
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright not installed; browser tests skipped")
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True,
                                             timeout=60_000)
        yield browser
        browser.close()


@pytest.fixture(scope="module")
def report_file(tmp_path_factory):
    """The report of the three seeds plus a document full of markup."""
    from click.testing import CliRunner

    from checker.cli import main

    base = tmp_path_factory.mktemp("browser")
    docs = base / "docs"
    docs.mkdir()
    for seed in SEEDS.glob("*.txt"):
        shutil.copy(seed, docs / seed.name)
    shutil.copy(FIXTURES / "report" / "xss.txt", docs / "xss.txt")
    out = base / "report.html"
    run = CliRunner().invoke(main, ["report", "--no-default-glossary", "--glossary", str(MINI_GLOSSARY),
                                    str(docs), "-o", str(out)], catch_exceptions=False)
    assert run.exit_code == 0, run.output
    return out


class Page:
    """A page opened from disk that records every request, dialog, page
    error and CSP violation."""

    def __init__(self, browser, path, javascript=True):
        self.context = browser.new_context(java_script_enabled=javascript, viewport={"width": 1280, "height": 900})
        self.page = self.context.new_page()
        self.url = path.resolve().as_uri()
        self.requests, self.dialogs, self.errors, self.console = [], [], [], []
        self.page.on("request", lambda request: self.requests.append(request.url))
        self.page.on("dialog", lambda dialog: (self.dialogs.append(dialog.message), dialog.dismiss()))
        self.page.on("pageerror", lambda error: self.errors.append(str(error)))
        self.page.on("console", lambda message: self.console.append(message.text))
        # anything but the report itself is refused (and recorded above)
        self.page.route("**/*", lambda route: route.continue_() if route.request.url.split("#")[0] == self.url
                        else route.abort())
        self.page.goto(self.url)
        self.page.wait_for_load_state("load")

    def visible(self, selector: str) -> list:
        return [el for el in self.page.query_selector_all(selector) if el.is_visible()]

    def close(self):
        self.context.close()


@pytest.fixture
def page(browser, report_file):
    opened = Page(browser, report_file)
    yield opened
    opened.close()


def test_opens_from_disk_without_any_request_or_error(page):
    assert page.page.title() == "mtlint report"
    page.page.wait_for_timeout(300)
    assert [url for url in page.requests if url.split("#")[0] != page.url] == []
    assert page.errors == []
    assert not [m for m in page.console if "Content Security Policy" in m or "Refused" in m]
    assert page.page.is_visible("#filters")  # the script ran under the CSP
    assert page.page.evaluate("Array.from(document.querySelectorAll('details.fold')).some(d => d.open)") is False
    page.page.screenshot(path=str(SCREENSHOTS / "test-report-summary.png"))


def test_document_markup_does_not_execute(page):
    page.page.wait_for_timeout(300)
    assert page.dialogs == []
    assert page.page.evaluate("typeof window.__mtlintPwned") == "undefined"
    text = page.page.inner_text("section.doc[data-path$='xss.txt']")
    assert "<script>window.__mtlintPwned = 1; alert(1)</script>" in text
    assert '"><img src=x onerror="window.__mtlintPwned = 2">' in text
    assert page.page.query_selector_all("section.doc img, section.doc script, section.doc svg") == []


def test_filtering_by_a_rule_hides_the_other_findings(page):
    total = len(page.page.query_selector_all("li.finding"))
    assert len(page.visible("li.finding")) == total > 0
    page.page.select_option("#filters select[name=rule]", "term-order")
    visible = page.visible("li.finding")
    assert visible and all(el.get_attribute("data-rule") == "term-order" for el in visible)
    hidden_rules = {el.get_attribute("data-rule") for el in page.page.query_selector_all("li.finding")
                    if not el.is_visible()}
    assert "term-variant" in hidden_rules and "term-order" not in hidden_rules
    assert page.page.inner_text("#filter-status") == f"Showing {len(visible)} of {total} findings."
    # documents without a term-order finding are hidden too
    assert not page.page.is_visible("section.doc[data-path$='xss.txt']")
    page.page.evaluate("document.getElementById('findings').scrollIntoView()")
    page.page.screenshot(path=str(SCREENSHOTS / "test-report-filtered.png"))
    page.page.click("#filters button[type=reset]")
    page.page.wait_for_timeout(50)
    assert len(page.visible("li.finding")) == total


def test_severity_document_and_search_filters(page):
    page.page.uncheck("#filters input[name=severity][value=error]")
    visible = page.visible("li.finding")
    assert visible and "error" not in {el.get_attribute("data-severity") for el in visible}
    assert len(visible) == len(page.page.query_selector_all("li.finding:not([data-severity=error])"))
    page.page.check("#filters input[name=severity][value=error]")
    # search ignores case and diacritics: "son ma" finds "Sơn Ma"
    page.page.fill("#filters input[name=q]", "son ma")
    visible = page.visible("li.finding")
    assert visible and all("Sơn Ma" in el.inner_text() for el in visible)
    assert page.visible("tbody.entity[data-entity='Gunma']")
    assert not page.visible("tbody.entity[data-entity='B&Company']")
    page.page.fill("#filters input[name=q]", "")
    xss_doc = page.page.get_attribute("section.doc[data-path$='xss.txt']", "data-doc")
    page.page.select_option("#filters select[name=doc]", xss_doc)
    visible = page.visible("li.finding")
    assert visible and {el.get_attribute("data-doc") for el in visible} == {xss_doc}
    assert len(page.visible("section.doc")) == 1


def test_summary_rule_link_filters_and_entity_links_open_the_text(page):
    page.page.click("#by-rule a[data-filter-rule='term-variant']")
    visible = page.visible("li.finding")
    assert visible and {el.get_attribute("data-rule") for el in visible} == {"term-variant"}
    page.page.click("#filters button[type=reset]")
    # the full texts are folded with JavaScript; a link into one unfolds it
    line = page.page.query_selector("tbody.entity[data-entity='Gunma'] li.rendering.ok .occurrences a")
    target = line.get_attribute("href")
    assert not page.page.is_visible(target)
    line.click()
    page.page.wait_for_timeout(100)
    assert page.page.is_visible(target)
    assert "Gunma" in page.page.inner_text(target)


def test_without_javascript_everything_is_visible_and_filters_absent(browser, report_file):
    opened = Page(browser, report_file, javascript=False)
    try:
        assert not opened.page.is_visible("#filters")
        total = len(opened.page.query_selector_all("li.finding"))
        assert len(opened.visible("li.finding")) == total > 0
        assert all(el.is_visible() for el in opened.page.query_selector_all("section.doc"))
        assert opened.visible("details.fulltext div.line")
        assert opened.visible("tbody.entity[data-entity='Gunma']")
        # long occurrence lists and consistent entities are unfolded too
        folded = [el for el in opened.page.query_selector_all("details.fold") if el.get_attribute("open") is None]
        assert folded == []
        assert opened.visible("#entities-consistent tbody.entity")
        assert [url for url in opened.requests if url.split("#")[0] != opened.url] == []
    finally:
        opened.close()


def test_screenshot_of_the_seeds_report(browser, report_file):
    """Saves reports/test-report.png (summary and first findings) to look at."""
    opened = Page(browser, report_file)
    try:
        path = SCREENSHOTS / "test-report.png"
        opened.page.screenshot(path=str(path), full_page=False)
        assert path.stat().st_size > 10_000
    finally:
        opened.close()


# --------------------------------------------------------------------------
# issue 11, row 18: counts, anchors, sticky panels and narrow windows

def _box(page, selector: str) -> dict:
    return page.page.evaluate(f"(() => {{ const r = document.querySelector({selector!r}).getBoundingClientRect();"
                              " return {top: r.top, bottom: r.bottom}; })()")


def test_a_filter_updates_the_document_count_badges(page):
    page.page.uncheck("#filters input[name=severity][value=error]")
    for section in page.visible("section.doc"):
        findings = section.query_selector_all("li.finding")
        shown = [f for f in findings if f.is_visible()]
        total = section.query_selector(".doc-total").inner_text()
        if len(shown) != len(findings):
            assert total == f"{len(shown)} of {len(findings)} findings shown"
        assert not [b for b in section.query_selector_all(".badge[data-badge-severity=error]") if b.is_visible()]
        for badge in section.query_selector_all(".doc-counts .badge[data-badge-severity]"):
            if badge.is_visible():
                severity = badge.get_attribute("data-badge-severity")
                count = sum(1 for f in shown if f.get_attribute("data-severity") == severity)
                assert badge.inner_text() == f"{count} {severity}"
    page.page.click("#filters button[type=reset]")
    page.page.wait_for_timeout(50)
    for section in page.visible("section.doc"):
        n = len(section.query_selector_all("li.finding"))
        assert section.query_selector(".doc-total").inner_text() == f"{n} finding{'' if n == 1 else 's'}"


@pytest.mark.parametrize("width", [1280, 800])
def test_anchors_land_below_the_header_and_the_filter_panel(browser, report_file, width):
    opened = Page(browser, report_file)
    try:
        opened.page.set_viewport_size({"width": width, "height": 700})
        ids = opened.page.evaluate("Array.from(document.querySelectorAll('li.finding')).map(e => e.id)")
        for target in (ids[len(ids) // 2], ids[-1]):
            opened.page.evaluate(f"location.hash = {target!r}")
            opened.page.wait_for_timeout(150)
            filters, header = _box(opened, "#filters"), _box(opened, "header.top")
            assert filters["top"] >= header["bottom"] - 1  # the header never covers the panel
            assert _box(opened, f"[id={target!r}]")["top"] >= filters["bottom"] - 1
        entity = opened.page.evaluate("document.querySelector('tbody.entity').id")
        for target in ("entities", entity):
            opened.page.evaluate(f"location.hash = {target!r}")
            opened.page.wait_for_timeout(150)
            filters, header = _box(opened, "#filters"), _box(opened, "header.top")
            assert _box(opened, f"[id={target!r}]")["top"] >= header["bottom"] - 1
            # the entity view's header does not cover the filter panel: it is out of sight
            assert filters["bottom"] <= header["bottom"] + 1 or filters["top"] >= header["bottom"] - 1
    finally:
        opened.close()


@pytest.mark.parametrize("width", [800, 600])
def test_no_sideways_scroll_on_a_narrow_window(browser, report_file, width):
    opened = Page(browser, report_file)
    try:
        opened.page.set_viewport_size({"width": width, "height": 900})
        opened.page.evaluate("document.querySelectorAll('details').forEach(d => d.open = true)")
        assert opened.page.evaluate("document.documentElement.scrollWidth") <= width
    finally:
        opened.close()
