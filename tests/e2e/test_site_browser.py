"""The partnership's site in a real headless browser: every page loads cleanly, its links lead somewhere."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from tests.cli.test_site import assert_links_resolve, local_links, make_program
from tests.e2e.test_report_browser import _browser, _console_problems, _run_browser

pytestmark = pytest.mark.e2e


def test_every_page_of_the_site_loads_in_chromium(ngsp, example_folder: Path, tmp_path: Path) -> None:
    browser = _browser()
    site = tmp_path / "site"
    result = ngsp("-C", example_folder, "site", "--out", site, "--as-of", "2026-11-25")
    assert result.exit_code == 0, result.output
    assert assert_links_resolve(site) >= 1
    pages = sorted(site.rglob("*.html"))
    assert [p.name for p in pages] == ["index.html", "report.html"]
    for number, page in enumerate(pages):
        dom = _run_browser(browser, tmp_path / f"profile-{number}", "--dump-dom", page.resolve().as_uri())
        assert dom.returncode == 0, dom.stderr[-2000:]
        assert "Northeast Louisiana Healthcare Partnership" in dom.stdout, page.name
        assert _console_problems(dom.stderr) == [], page.name
    index = _run_browser(browser, tmp_path / "profile-index", "--dump-dom", (site / "index.html").as_uri())
    # The browser built the page the file describes: its sections and the link to the report.
    sections = re.findall(r'<section id="([a-z]+)"', index.stdout)
    assert sections == ["about", "table", "priorities", "teams", "meetings"]
    assert 'href="report.html"' in index.stdout
    assert (site / "report.html").resolve() in local_links(site / "index.html")


def test_the_portfolio_site_and_each_partnerships_page_load_in_chromium(ngsp, tmp_path: Path) -> None:
    browser = _browser()
    listing = make_program(tmp_path)
    site = tmp_path / "state-site"
    cache = tmp_path / "cache"
    result = ngsp("site", "--repos", listing, "--cache", cache, "--out", site, "--as-of", "2026-11-25")
    assert result.exit_code == 0, result.output
    index = site / "index.html"
    pages = [p for p in local_links(index) if p.name == "index.html"]
    assert len(pages) == 2
    for number, page in enumerate([index, *pages]):
        dom = _run_browser(browser, tmp_path / f"profile-{number}", "--dump-dom", page.as_uri())
        assert dom.returncode == 0, dom.stderr[-2000:]
        assert _console_problems(dom.stderr) == [], page
        assert "</section>" in dom.stdout, page
    assert assert_links_resolve(site) >= 5
