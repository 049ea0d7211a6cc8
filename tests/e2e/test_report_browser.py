"""The HTML progress report in a real headless browser: it loads cleanly and shows its charts."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

pytestmark = pytest.mark.e2e

BROWSERS = ("chromium", "chromium-browser", "google-chrome")
DONE_GREEN = (0x2E, 0x8B, 0x57)


def _browser() -> str:
    for name in BROWSERS:
        found = shutil.which(name)
        if found:
            return found
    pytest.skip(
        "headless Chromium is not installed, so the HTML report cannot be checked in a browser "
        "(Debian: apt-get install chromium; .ci/run installs it when run as root)"
    )


def _run_browser(browser: str, profile: Path, *args: str) -> subprocess.CompletedProcess[str]:
    command = [
        browser, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--disable-extensions", "--hide-scrollbars", f"--user-data-dir={profile}",
        "--enable-logging=stderr", "--v=0", *args,
    ]  # fmt: skip
    return subprocess.run(command, capture_output=True, text=True, timeout=90, check=False)


def _console_problems(stderr: str) -> list[str]:
    """Console messages and failed loads of the page (Chromium's own D-Bus noise is ignored)."""
    return [
        line
        for line in stderr.splitlines()
        if "CONSOLE" in line or "Failed to load resource" in line or "net::ERR_" in line
    ]


def test_html_report_renders_in_chromium_with_its_charts(ngsp, example_folder: Path, tmp_path: Path) -> None:
    browser = _browser()
    from PIL import Image

    report = tmp_path / "report.html"
    result = ngsp("-C", example_folder, "report", "-f", "html", "--as-of", "2026-11-25", "--out", report)
    assert result.exit_code == 0, result.output
    url = report.resolve().as_uri()

    dom = _run_browser(browser, tmp_path / "profile-dom", "--dump-dom", url)
    assert dom.returncode == 0, dom.stderr[-2000:]
    assert "Northeast Louisiana Healthcare Partnership" in dom.stdout
    charts = re.findall(r'<svg[^>]*class="pygal-chart ngsp-chart (chart-[a-z]+)"', dom.stdout)
    # The example's launch is its only launch or full-partnership meeting so far: a single
    # meeting is shown in the table, not as a chart of one bar.
    assert charts == ["chart-tasks", "chart-outcomes"]
    assert _console_problems(dom.stderr) == []

    shot = tmp_path / "report.png"
    run = _run_browser(
        browser, tmp_path / "profile-shot", f"--screenshot={shot}", "--window-size=1200,2000", url
    )
    assert run.returncode == 0, run.stderr[-2000:]
    assert _console_problems(run.stderr) == []
    with Image.open(shot) as image:
        rgb = image.convert("RGB")
        assert rgb.size == (1200, 2000)
        colors = rgb.getcolors(maxcolors=1 << 20) or []
    assert len(colors) > 50, "the screenshot is (nearly) blank"
    green = sum(count for count, color in colors if color == DONE_GREEN)
    # The tasks chart's "done" bars (and the outcome chart's "yes" bars) are blocks of this colour.
    assert green > 10_000, f"only {green} pixels of the chart colour: the chart did not render"


def test_html_portfolio_loads_in_chromium_with_its_charts(ngsp, tmp_path: Path) -> None:
    browser = _browser()
    from ngsp_cli.resources import bundled, example_names

    state = tmp_path / "state"
    for name in example_names():
        shutil.copytree(bundled("examples") / name, state / name)
    page = tmp_path / "portfolio.html"
    result = ngsp("portfolio", state, "--as-of", "2026-11-25", "-f", "html", "--out", page)
    assert result.exit_code == 0, result.output
    dom = _run_browser(browser, tmp_path / "profile", "--dump-dom", page.resolve().as_uri())
    assert dom.returncode == 0, dom.stderr[-2000:]
    charts = re.findall(r'<svg[^>]*class="pygal-chart ngsp-chart (chart-[a-z-]+)"', dom.stdout)
    assert charts == ["chart-business-share", "chart-outcome-share"]
    assert "of partnerships have businesses that developed new products or markets" in dom.stdout
    assert _console_problems(dom.stderr) == []


def test_the_sign_in_sheet_of_35_invitees_prints_on_two_pages(
    ngsp, example_folder: Path, tmp_path: Path
) -> None:
    browser = _browser()
    sheet = tmp_path / "signin.html"
    meeting = "2026-12-10-quarterly-meeting"
    result = ngsp("-C", example_folder, "signin", meeting, "--as-of", "2026-11-25", "--out", sheet)
    assert result.exit_code == 0, result.output
    pdf = tmp_path / "signin.pdf"
    printed = _run_browser(
        browser,
        tmp_path / "profile-pdf",
        "--no-pdf-header-footer",
        f"--print-to-pdf={pdf}",
        sheet.resolve().as_uri(),
    )
    assert printed.returncode == 0, printed.stderr[-2000:]
    pages = len(re.findall(rb"/Type\s*/Page[^s]", pdf.read_bytes()))
    assert pages == 2
