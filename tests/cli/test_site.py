"""`ngsp site`: the partnership's static site, checked as a browser and a privacy reviewer would."""

from __future__ import annotations

import re
import shutil
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
import yaml
from tests.conftest import bare_repository

from ngsp_cli.resources import bundled

AS_OF = "2026-11-25"
EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name in {"href", "src"} and value:
                self.links.append(value)


def local_links(page: Path) -> list[Path]:
    """The files that a page's relative links and sources point at."""
    parser = _Links()
    parser.feed(page.read_text(encoding="utf-8"))
    targets = []
    for link in parser.links:
        parts = urlsplit(link)
        if parts.scheme or parts.netloc or link.startswith("#"):
            continue
        targets.append((page.parent / unquote(parts.path)).resolve())
    return targets


def assert_links_resolve(site: Path) -> int:
    """Every relative link of every page leads to a file of the site; the number of links checked."""
    checked = 0
    for page in site.rglob("*.html"):
        for target in local_links(page):
            assert target.is_file(), f"{page.relative_to(site)} links to {target}, which does not exist"
            assert target.is_relative_to(site.resolve())
            checked += 1
    return checked


def contacts(folder: Path, *, at_the_table: bool = False) -> tuple[set[str], set[str]]:
    """Every e-mail and phone in the folder; with `at_the_table`, not of people who left by AS_OF."""
    emails, phones = set(), set()
    for path in (folder / "people").glob("*.yaml"):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        if at_the_table and data.get("left") and str(data["left"]) <= AS_OF:
            continue
        if data.get("email"):
            emails.add(data["email"])
        if data.get("phone"):
            phones.add(str(data["phone"]))
    return emails, phones


def site_text(site: Path) -> str:
    return "\n".join(p.read_text(encoding="utf-8") for p in sorted(site.rglob("*.html")))


def test_the_site_shows_the_partnership_and_no_contact_details(
    ngsp, example_folder: Path, tmp_path: Path
) -> None:
    site = tmp_path / "site"
    result = ngsp("-C", example_folder, "site", "--out", site, "--as-of", AS_OF)
    assert result.exit_code == 0, result.output
    index = site / "index.html"
    text = index.read_text(encoding="utf-8")
    assert text.lstrip().lower().startswith("<!doctype html>")
    for section in ("about", "table", "priorities", "teams", "meetings"):
        assert f'<section id="{section}">' in text
    assert "Northeast Louisiana Healthcare Partnership" in text
    assert (site / "report.html").is_file()
    assert (site / ".nojekyll").is_file()
    assert assert_links_resolve(site) >= 1
    emails, phones = contacts(example_folder)
    assert emails  # the example has them, so their absence below means something
    assert phones
    everything = site_text(site)
    assert EMAIL.findall(everything) == []
    assert [p for p in phones if p in everything] == []
    assert "mailto:" not in everything


def test_contacts_are_published_only_when_the_partnership_allows(
    ngsp, example_folder: Path, tmp_path: Path
) -> None:
    settings = example_folder / "partnership.yaml"
    data = yaml.safe_load(settings.read_text(encoding="utf-8"))
    data.setdefault("settings", {})["publish_contacts"] = True
    settings.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    result = ngsp("-C", example_folder, "site", "--out", tmp_path / "site", "--as-of", AS_OF)
    assert result.exit_code == 0, result.output
    text = (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
    emails, phones = contacts(example_folder, at_the_table=True)
    assert all(e in text for e in emails)
    assert all(p in text for p in phones)


def test_names_are_escaped(ngsp, partnership_tree, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    folder = partnership_tree(
        {"organizations/acme-tools.yaml": {"name": "Acme <script>x()</script> & Sons", "kind": "business"}}
    )
    result = ngsp("-C", folder, "site", "--out", tmp_path / "site", "--as-of", AS_OF)
    assert result.exit_code == 0, result.output
    text = (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
    assert "<script>" not in text
    assert "Acme &lt;script&gt;x()&lt;/script&gt; &amp; Sons" in text


def test_a_folder_of_other_files_is_not_replaced(ngsp, example_folder: Path, tmp_path: Path) -> None:
    out = tmp_path / "mine"
    out.mkdir()
    (out / "notes.txt").write_text("keep me\n", encoding="utf-8")
    refused = ngsp("-C", example_folder, "site", "--out", out, "--as-of", AS_OF)
    assert refused.exit_code == 2
    assert "holds files that ngsp did not write" in " ".join(refused.stderr.split())
    assert (out / "notes.txt").read_text(encoding="utf-8") == "keep me\n"
    # A site ngsp wrote is replaced whole on the next run.
    site = tmp_path / "site"
    assert ngsp("-C", example_folder, "site", "--out", site, "--as-of", AS_OF).exit_code == 0
    (site / "old-page.html").write_text("<p>old</p>", encoding="utf-8")
    again = ngsp("-C", example_folder, "site", "--out", site, "--as-of", AS_OF)
    assert again.exit_code == 0, again.output
    assert not (site / "old-page.html").exists()
    assert (site / "index.html").is_file()


@pytest.fixture
def program(tmp_path: Path) -> Path:
    return make_program(tmp_path)


def make_program(tmp_path: Path) -> Path:
    """A repositories file: two partnerships, one broken, one missing."""
    examples = bundled("examples")
    lines = []
    for name in ("northeast-louisiana-healthcare", "laramie-county-hospitality"):
        work = tmp_path / "work" / name
        shutil.copytree(examples / name, work)
        lines.append(bare_repository(work, tmp_path / "remotes" / f"{name}.git").as_uri())
    broken = tmp_path / "work" / "broken"
    shutil.copytree(examples / "south-central-pa-manufacturing", broken)
    (broken / "people" / "typo.yaml").write_text("name: [Ann\n", encoding="utf-8")
    lines.append(bare_repository(broken, tmp_path / "remotes" / "broken.git").as_uri())
    lines.append((tmp_path / "remotes" / "missing.git").as_uri())
    listing = tmp_path / "repos.txt"
    listing.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return listing


def test_a_portfolio_site_links_each_partnerships_page(ngsp, program: Path, tmp_path: Path) -> None:
    site = tmp_path / "state-site"
    result = ngsp("site", "--repos", program, "--cache", tmp_path / "cache", "--out", site, "--as-of", AS_OF)
    assert result.exit_code == 0, result.output
    index = site / "index.html"
    linked = {p.relative_to(site.resolve()).as_posix() for p in local_links(index)}
    assert linked == {
        "northeast-louisiana-healthcare/index.html",
        "laramie-county-hospitality/index.html",
        "portfolio.html",
    }
    assert assert_links_resolve(site) >= 5
    text = index.read_text(encoding="utf-8")
    assert "Not shown, because they could not be fetched or read: broken and missing" in " ".join(
        text.split()
    )
    stderr = " ".join(result.stderr.split())
    assert "broken is not on the site" in stderr
    assert "missing is not on the site" in stderr
    assert EMAIL.findall(site_text(site)) == []
    page = (site / "laramie-county-hospitality" / "index.html").read_text(encoding="utf-8")
    assert 'href="../index.html"' in page
