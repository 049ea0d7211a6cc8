"""`ngsp portfolio --repos`: partnerships read straight from their git repositories.

Every repository here is a local bare repository reached by a file:// URL or a path:
one on another branch, one with a broken file, one that does not exist.
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import pytest
import yaml
from tests.conftest import bare_repository, commit_all, git

from ngsp_cli.resources import bundled
from ngsp_cli.services.reporting.repos.commit import load_commit
from ngsp_cli.services.reporting.repos.listing import RepoSpec, parse_repos_file
from ngsp_cli.store.folder import load

AS_OF = "2026-11-25"
SOURCE_KEYS = {"folder", "commit", "repository"}


class State:
    """A state program's repositories, its repositories file and its cache folder."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.work = root / "work"
        self.remotes = root / "remotes"
        self.cache = root / "cache"
        self.list = root / "program" / "repos.txt"


@pytest.fixture(scope="module")
def repositories(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The repositories and their working folders, made once; each test works on a copy."""
    s = State(tmp_path_factory.mktemp("repositories"))
    s.work.mkdir()
    s.remotes.mkdir()
    examples = bundled("examples")

    healthcare = s.work / "healthcare"
    shutil.copytree(examples / "northeast-louisiana-healthcare", healthcare)
    bare_repository(healthcare, s.remotes / "healthcare.git")

    laramie = s.work / "laramie"
    shutil.copytree(examples / "laramie-county-hospitality", laramie)
    bare_repository(laramie, s.remotes / "laramie.git")

    # The partnership lives on the branch 'partnership'; the default branch has only a README.
    manufacturing = s.work / "manufacturing"
    manufacturing.mkdir()
    (manufacturing / "README.md").write_text("South Central PA\n", encoding="utf-8")
    bare = bare_repository(manufacturing, s.remotes / "manufacturing.git")
    git(manufacturing, "checkout", "--quiet", "-b", "partnership")
    shutil.copytree(examples / "south-central-pa-manufacturing", manufacturing, dirs_exist_ok=True)
    commit_all(manufacturing, bare, "The partnership's files")

    broken = s.work / "broken"
    shutil.copytree(examples / "northeast-louisiana-healthcare", broken)
    (broken / "people" / "typo.yaml").write_text("name: [Ann\norg: acme\n", encoding="utf-8")
    bare_repository(broken, s.remotes / "broken.git")
    return s.root


@pytest.fixture
def state(repositories: Path, tmp_path: Path) -> State:
    s = State(tmp_path)
    shutil.copytree(repositories / "work", s.work, symlinks=True)
    shutil.copytree(repositories / "remotes", s.remotes, symlinks=True)
    s.list.parent.mkdir()
    s.list.write_text(
        "# Our state's sector partnerships\n"
        f"{(s.remotes / 'healthcare.git').as_uri()}\n"
        f"{(s.remotes / 'laramie.git').as_uri()}   laramie\n"
        "\n"
        f"{(s.remotes / 'manufacturing.git').as_uri()} name=manufacturing branch=partnership\n"
        "../remotes/broken.git   # a path, relative to this file\n"
        f"{(s.remotes / 'missing.git').as_uri()}\n",
        encoding="utf-8",
    )
    return s


def _run(ngsp, state: State, *more: str | Path):  # type: ignore[no-untyped-def]
    return ngsp("portfolio", "--repos", state.list, "--cache", state.cache, "--as-of", AS_OF, *more)


def test_each_repository_is_read_at_its_branch_head_and_the_rest_reported(ngsp, state: State) -> None:
    result = _run(ngsp, state, "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    rows = {row["folder"]: row for row in data["partnerships"]}
    assert sorted(rows) == ["healthcare", "laramie", "manufacturing"]
    for name, branch in (("healthcare", "main"), ("laramie", "main"), ("manufacturing", "partnership")):
        expected = git(state.remotes / f"{name}.git", "rev-parse", f"refs/heads/{branch}")
        assert rows[name]["commit"] == expected, name
        assert rows[name]["repository"]["commit"] == expected
        assert rows[name]["repository"]["reached"] is True
    manufacturing = load(bundled("examples") / "south-central-pa-manufacturing")
    assert rows["manufacturing"]["name"] == manufacturing.partnership.name
    assert rows["manufacturing"]["repository"]["branch"] == "partnership"

    broken = {entry["folder"]: entry for entry in data["broken"]}
    assert sorted(broken) == ["broken", "missing"]
    assert broken["broken"]["problems"][0]["file"] == "people/typo.yaml"
    assert broken["broken"]["problems"][0]["line"] is not None
    assert broken["broken"]["commit"] == git(state.remotes / "broken.git", "rev-parse", "HEAD")
    missing = broken["missing"]["problems"][0]["message"]
    assert "could not be fetched" in missing
    assert "no earlier copy is cached" in missing
    stderr = " ".join(result.stderr.split())
    assert "skipped broken" in stderr
    assert "people/typo.yaml:" in stderr
    assert "skipped missing" in stderr
    # Nothing was checked out: the cache holds bare repositories and no copy of the people's files.
    assert not list(state.cache.rglob("people"))


def test_figures_are_those_of_the_same_folders_on_disk(ngsp, state: State) -> None:
    from_repos = json.loads(_run(ngsp, state, "--json").stdout)
    folders = [state.work / "healthcare", state.work / "laramie", state.work / "manufacturing"]
    from_folders = json.loads(ngsp("portfolio", *folders, "--as-of", AS_OF, "--json").stdout)
    by_name = {row["name"]: row for row in from_folders["partnerships"]}
    assert len(by_name) == 3
    for row in from_repos["partnerships"]:
        expected = {k: v for k, v in by_name[row["name"]].items() if k not in SOURCE_KEYS}
        assert {k: v for k, v in row.items() if k not in SOURCE_KEYS} == expected
    assert from_repos["aggregates"] == from_folders["aggregates"]


def test_a_repository_not_reached_is_read_from_its_cached_copy_with_its_age(
    ngsp, state: State, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NGSP_TODAY", "2026-11-20")
    first = _run(ngsp, state, "--json")
    assert first.exit_code == 0, first.output
    commit = {r["folder"]: r["commit"] for r in json.loads(first.stdout)["partnerships"]}["laramie"]
    (state.remotes / "laramie.git").rename(state.remotes / "moved.git")

    monkeypatch.setenv("NGSP_TODAY", AS_OF)
    second = _run(ngsp, state, "--json")
    assert second.exit_code == 0, second.output
    rows = {r["folder"]: r for r in json.loads(second.stdout)["partnerships"]}
    assert rows["laramie"]["commit"] == commit
    assert rows["laramie"]["repository"]["reached"] is False
    assert rows["laramie"]["repository"]["age_days"] == 5
    stderr = " ".join(second.stderr.split())
    assert "not reached laramie" in stderr
    assert f"the copy fetched 5 days ago (2026-11-20, commit {commit[:10]})" in stderr
    assert "credential helper" in stderr  # the hint says whose credentials are used

    table = _run(ngsp, state)
    assert table.exit_code == 0, table.output
    assert "Laramie" in table.stdout


def test_a_new_commit_is_fetched_and_its_figures_replace_the_kept_ones(
    ngsp, state: State, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NGSP_TODAY", AS_OF)  # the time of each fetch is the same
    first = json.loads(_run(ngsp, state, "--json").stdout)
    before = {r["folder"]: r for r in first["partnerships"]}["laramie"]
    again = json.loads(_run(ngsp, state, "--json").stdout)
    assert again == first  # nothing new: the same figures, from the same commits

    laramie = state.work / "laramie"
    (laramie / "organizations" / "new-hotel.yaml").write_text(
        yaml.safe_dump({"name": "New Hotel", "kind": "business"}), encoding="utf-8"
    )
    commit = commit_all(laramie, state.remotes / "laramie.git", "New Hotel joins")
    rows = json.loads(_run(ngsp, state, "--json").stdout)["partnerships"]
    after = {r["folder"]: r for r in rows}["laramie"]
    assert after["commit"] == commit != before["commit"]
    assert after["businesses"] == before["businesses"] + 1


def test_an_address_that_answers_nothing_fails_without_asking(ngsp, state: State) -> None:
    state.list.write_text(
        f"https://127.0.0.1:9/state/nothing.git nothing\n{(state.remotes / 'laramie.git').as_uri()}\n",
        encoding="utf-8",
    )
    result = _run(ngsp, state, "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert [r["folder"] for r in data["partnerships"]] == ["laramie"]
    assert data["broken"][0]["folder"] == "nothing"
    assert "could not be fetched" in data["broken"][0]["problems"][0]["message"]


def test_no_repository_read_exits_2(ngsp, state: State) -> None:
    state.list.write_text(f"{(state.remotes / 'missing.git').as_uri()}\n", encoding="utf-8")
    result = _run(ngsp, state)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert "skipped missing" in result.stderr


@pytest.mark.parametrize(
    ("text", "line", "words"),
    [
        ("a.git one\nb.git one\n", 2, "the name 'one' is used twice (also on line 1)"),
        ("# none yet\n", None, "lists no repository"),
        ("a.git one main extra\n", 1, "too many words on this line"),
        ("a.git 'bad name'\n", 1, "cannot be a partnership's name here"),
    ],
)
def test_problems_of_the_repositories_file_name_its_line(
    ngsp, tmp_path: Path, text: str, line: int | None, words: str
) -> None:
    listing = tmp_path / "repos.txt"
    listing.write_text(text, encoding="utf-8")
    result = ngsp("portfolio", "--repos", listing, "--cache", tmp_path / "cache")
    assert result.exit_code == 2
    stderr = " ".join(result.stderr.split())
    assert words in stderr
    if line is not None:
        assert f"repos.txt:{line}" in stderr
    assert "Traceback" not in result.output


def test_the_repositories_file_takes_urls_paths_names_and_branches(tmp_path: Path) -> None:
    listing = tmp_path / "lists" / "repos.txt"
    listing.parent.mkdir()
    listing.write_text(
        "git@github.com:co-workforce/weld-manufacturing.git\n"
        "https://gitlab.com/co/larimer-health.git larimer-health published  # on its own branch\n"
        "../repos/mesa.git branch=ngsp\n",
        encoding="utf-8",
    )
    assert parse_repos_file(listing) == [
        RepoSpec("git@github.com:co-workforce/weld-manufacturing.git", "weld-manufacturing", None, 1),
        RepoSpec("https://gitlab.com/co/larimer-health.git", "larimer-health", "published", 2),
        RepoSpec(str((tmp_path / "repos" / "mesa.git").resolve()), "mesa", "ngsp", 3),
    ]


def test_neither_folders_nor_repositories_is_a_usage_error(ngsp) -> None:
    result = ngsp("portfolio")
    assert result.exit_code == 2
    assert "--repos" in result.stderr


def test_a_committed_folder_loads_as_the_folder_on_disk(state: State) -> None:
    from ngsp_cli.services.reporting.repos.fetch import cache_dir, fetch_one

    spec = RepoSpec((state.remotes / "healthcare.git").as_uri(), "healthcare")
    fetched = fetch_one(spec, cache_dir(state.cache))
    assert fetched.commit is not None
    committed = load_commit(fetched.folder, fetched.commit)
    on_disk = load(state.work / "healthcare")
    for kind in ("organizations", "people", "meetings", "priorities", "teams", "assessments"):
        assert getattr(committed, kind) == getattr(on_disk, kind), kind
    assert committed.partnership == on_disk.partnership
    assert dt.date.fromisoformat(AS_OF)  # the examples' dates are those of the other tests


def test_the_partnerships_own_playbook_in_its_repository_counts(ngsp, state: State) -> None:
    before = {r["folder"]: r for r in json.loads(_run(ngsp, state, "--json").stdout)["partnerships"]}
    laramie = state.work / "laramie"
    (laramie / "playbook").mkdir()
    # Leave out a self-assessed indicator: the score is worked out over the others.
    (laramie / "playbook" / "indicators.yaml").write_text(
        "indicators:\n  - id: region-labor-market\n    enabled: false\n", encoding="utf-8"
    )
    commit_all(laramie, state.remotes / "laramie.git", "Our own indicators")
    after = {r["folder"]: r for r in json.loads(_run(ngsp, state, "--json").stdout)["partnerships"]}
    on_disk = json.loads(ngsp("portfolio", laramie, "--as-of", AS_OF, "--json").stdout)["partnerships"][0]
    assert after["laramie"]["score"] == on_disk["score"]
    assert after["laramie"]["score"] != before["laramie"]["score"]
