from __future__ import annotations

import json
from pathlib import Path

import pytest

from ngsp_cli import __version__


def test_version(ngsp) -> None:
    result = ngsp("--version")
    assert result.exit_code == 0
    assert result.stdout.strip() == f"ngsp {__version__}"


def test_init_with_flags_creates_a_folder(ngsp, tmp_path: Path) -> None:
    result = ngsp(
        "init", "nela", "--name", "NELA Healthcare", "--industry", "Healthcare",
        "--region", "Northeast Louisiana", "--convener", "Delta Workforce Board",
        "--convener", "Louisiana Delta Community College", "--county", "Ouachita", "--no-git",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    root = tmp_path / "nela"
    text = (root / "partnership.yaml").read_text()
    assert text.startswith(
        "# yaml-language-server: $schema=.ngsp/schema/partnership.json\n"
        "schema_version: 1\nname: NELA Healthcare\n"
    )
    assert "  - delta-workforce-board\n  - louisiana-delta-community-college\n" in text
    assert (root / "organizations/delta-workforce-board.yaml").read_text() == (
        "# yaml-language-server: $schema=../.ngsp/schema/organization.json\n"
        "name: Delta Workforce Board\nkind: workforce\n"
    )
    assert (root / ".ngsp/schema/organization.json").is_file()
    assert "out/" in (root / ".gitignore").read_text()
    assert not (root / ".git").exists()


def test_init_with_git_makes_a_repository(ngsp, tmp_path: Path) -> None:
    pytest.importorskip("shutil").which("git") or pytest.skip("git is not installed")
    result = ngsp("init", "p", "--name", "P", "--industry", "I", "--region", "R", "--git")
    assert result.exit_code == 0, result.output
    assert (tmp_path / "p/.git").is_dir()


def test_init_without_a_terminal_names_the_missing_flag(ngsp, tmp_path: Path) -> None:
    result = ngsp("init", "x", "--name", "X", "--no-input")
    assert result.exit_code == 2
    assert "--industry" in result.stderr
    assert not (tmp_path / "x").exists()


def test_init_refuses_an_existing_partnership(ngsp, partnership_tree) -> None:
    root = partnership_tree()
    result = ngsp("init", root, "--name", "X", "--industry", "I", "--region", "R", "--no-git")
    assert result.exit_code == 2
    assert "already a partnership folder" in result.stderr


def test_init_example_copies_a_valid_partnership(ngsp, tmp_path: Path) -> None:
    from ngsp_cli.resources import example_names

    names = example_names()
    if not names:
        pytest.skip("no bundled example yet")
    name = "northeast-louisiana-healthcare" if "northeast-louisiana-healthcare" in names else names[0]
    result = ngsp("init", "demo", "--example", name, "--no-git")
    assert result.exit_code == 0, result.output
    listed = ngsp("-C", tmp_path / "demo", "org", "list", "--json")
    assert listed.exit_code == 0, listed.output
    orgs = json.loads(listed.stdout)
    assert sum(o["kind"] == "business" for o in orgs) >= 20


def test_init_unknown_example_lists_the_examples(ngsp) -> None:
    result = ngsp("init", "demo", "--example", "nope")
    assert result.exit_code == 2
    assert "the examples are" in result.stderr


def test_org_and_person_add_list_show(ngsp, partnership_tree) -> None:
    root = partnership_tree()
    assert ngsp("-C", root, "org", "add", "Café Olé Bakery", "--kind", "business").exit_code == 0
    assert ngsp("-C", root, "org", "add", "Østergaard Health", "--kind", "business",
                "--county", "Ouachita").exit_code == 0  # fmt: skip
    added = ngsp("-C", root, "person", "add", "Zoë Hébert", "--org", "Østergaard Health",
                 "--role", "champion", "--title", "CEO", "--email", "zoe@ostergaard.example")  # fmt: skip
    assert added.exit_code == 0, added.output
    assert (root / "organizations/cafe-ole-bakery.yaml").exists()
    assert (
        (root / "people/zoe-hebert.yaml").read_text().startswith("name: Zoë Hébert\norg: ostergaard-health\n")
    )
    orgs = json.loads(ngsp("-C", root, "org", "list", "--json").stdout)
    assert [o["id"] for o in orgs][:3] == ["acme-tools", "cafe-ole-bakery", "ostergaard-health"]
    shown = json.loads(ngsp("-C", root, "org", "show", "ostergaard-health", "--json").stdout)
    assert [p["id"] for p in shown["people"]] == ["zoe-hebert"]
    person = json.loads(ngsp("-C", root, "person", "show", "Zoë Hébert", "--json").stdout)
    assert person["business"] is True
    assert person["organization"]["name"] == "Østergaard Health"
    table = ngsp("-C", root, "person", "list")
    assert "Zoë Hébert" in table.stdout
    assert "3 people: 2 from businesses, 1 from public partners" in table.stdout


def test_the_same_name_twice_gets_a_clear_error(ngsp, partnership_tree) -> None:
    root = partnership_tree()
    result = ngsp("-C", root, "org", "add", "ACME Tools, Inc.", "--kind", "business")
    assert result.exit_code == 2
    assert "already at the table" in result.stderr


def test_person_of_an_unknown_org_suggests_names(ngsp, partnership_tree) -> None:
    root = partnership_tree()
    result = ngsp("-C", root, "person", "add", "Dee", "--org", "acme-tool")
    assert result.exit_code == 2
    assert "did you mean 'acme-tools'" in result.stderr


def test_hand_comments_survive_person_add_and_org_edit(ngsp, partnership_tree) -> None:
    org_text = (
        "# Met the owner at the chamber breakfast.\n"
        "name: Acme Tools   # the machine shop, not the hardware store\n"
        "kind: business\n"
        "naics: 0332   # leading zero on purpose\n"
    )
    root = partnership_tree({"organizations/acme-tools.yaml": org_text})
    assert ngsp("-C", root, "person", "add", "Cy Ng", "--org", "acme-tools").exit_code == 0
    assert (root / "organizations/acme-tools.yaml").read_text() == org_text
    edited = ngsp("-C", root, "org", "edit", "acme-tools", "--county", "Ouachita", "--size", "50-99")
    assert edited.exit_code == 0, edited.output
    assert (root / "organizations/acme-tools.yaml").read_text() == (
        "# Met the owner at the chamber breakfast.\n"
        "name: Acme Tools   # the machine shop, not the hardware store\n"
        "kind: business\n"
        "naics: 0332   # leading zero on purpose\n"
        "county: Ouachita\n"
        "size: 50-99\n"
    )


def test_person_edit_roles_keeps_comments(ngsp, partnership_tree) -> None:
    root = partnership_tree(
        {"people/ann-lee.yaml": "name: Ann Lee  # prefers Annie\norg: acme-tools\nroles:\n  - champion\n"}
    )
    result = ngsp("-C", root, "person", "edit", "ann-lee", "--add-role", "co-chair")
    assert result.exit_code == 0, result.output
    assert (root / "people/ann-lee.yaml").read_text() == (
        "name: Ann Lee  # prefers Annie\norg: acme-tools\nroles:\n  - champion\n  - co-chair\n"
    )


def test_an_edit_that_changes_nothing_says_so(ngsp, partnership_tree) -> None:
    root = partnership_tree({"people/ann-lee.yaml": "name: Ann Lee\norg: acme-tools\nroles:\n  - champion\n"})
    again = ngsp("-C", root, "person", "edit", "ann-lee", "--add-role", "champion")
    assert again.exit_code == 0, again.output
    assert "nothing changed" in again.stderr
    assert "updated" not in again.stderr
    changed = ngsp("-C", root, "person", "edit", "ann-lee", "--title", "COO")
    assert "updated people/ann-lee.yaml" in changed.stderr
    same_org = ngsp("-C", root, "org", "edit", "acme-tools", "--kind", "business")
    assert "nothing changed" in same_org.stderr


def test_joining_on_a_later_day_is_refused(ngsp, partnership_tree) -> None:
    root = partnership_tree()
    result = ngsp("-C", root, "org", "add", "New Co", "--kind", "business", "--joined", "2999-01-01")
    assert result.exit_code == 2
    assert "after today" in result.stderr
    assert not (root / "organizations/new-co.yaml").exists()
    person = ngsp("-C", root, "person", "add", "Cy Ng", "--org", "acme-tools", "--joined", "2999-01-01")
    assert person.exit_code == 2
    assert not (root / "people/cy-ng.yaml").exists()


@pytest.mark.parametrize(
    ("rel", "text", "where"),
    [
        ("organizations/acme-tools.yaml", "name: Acme\nkind: [business\n", "organizations/acme-tools.yaml:3"),
        ("people/ann-lee.yaml", "name: Ann Lee\norg: acme-tools\nroles: champion\n", "people/ann-lee.yaml:3"),
        ("people/ann-lee.yaml", "name: Ann Lee\norg: acme-toolz\n", "people/ann-lee.yaml:2"),
    ],
    ids=["broken-yaml", "wrong-type", "dangling-org"],
)
def test_bad_files_give_exit_2_with_file_and_line(ngsp, partnership_tree, rel, text, where) -> None:
    root = partnership_tree({rel: text})
    result = ngsp("-C", root, "person", "list")
    assert result.exit_code == 2
    assert where in result.stderr
    assert "hint:" in result.stderr
    assert "Traceback" not in result.output


def test_outside_a_partnership_folder(ngsp) -> None:
    result = ngsp("org", "list")
    assert result.exit_code == 2
    assert "not inside a partnership folder" in result.stderr


def test_dir_option_after_the_command_and_env(ngsp, partnership_tree, monkeypatch) -> None:
    root = partnership_tree()
    assert ngsp("org", "list", "--dir", root).exit_code == 0
    monkeypatch.setenv("NGSP_DIR", str(root))
    assert ngsp("org", "list").exit_code == 0


def test_ctrl_c_exits_130_without_a_traceback(ngsp, partnership_tree, monkeypatch) -> None:
    import ngsp_cli.services.directory.entries as directory

    def interrupted(*args: object, **kwargs: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(directory, "add_organization", interrupted)
    root = partnership_tree()
    result = ngsp("-C", root, "org", "add", "X", "--kind", "business")
    assert result.exit_code == 130
    assert "stopped" in result.stderr


def test_internal_errors_are_one_sentence(ngsp, partnership_tree, monkeypatch) -> None:
    import ngsp_cli.services.directory.entries as directory

    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr(directory, "add_organization", broken)
    root = partnership_tree()
    result = ngsp("-C", root, "org", "add", "X", "--kind", "business")
    assert result.exit_code == 3
    assert "NGSP_DEBUG=1" in result.stderr
    assert "Traceback" not in result.output


def test_init_says_what_it_defaulted_without_a_terminal(ngsp, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("TZ", "America/Boise")
    result = ngsp("init", "p", "--name", "P", "--industry", "I", "--region", "R", "--no-git", "--no-input")
    assert result.exit_code == 0, result.output
    said = " ".join(result.stderr.split())
    assert "--timezone America/Boise (this computer's)" in said
    assert "no --county" in said
    text = (tmp_path / "p/partnership.yaml").read_text(encoding="utf-8")
    assert "settings:\n  timezone: America/Boise\n" in text


def test_init_takes_the_time_zone_and_counties_from_flags(ngsp, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("TZ", "Etc/UTC")  # a server's clock is not a region's time zone
    result = ngsp("init", "p", "--name", "P", "--industry", "I", "--region", "R", "--no-git",
                  "--county", "Ada", "--county", "Canyon", "--timezone", "America/Denver")  # fmt: skip
    assert result.exit_code == 0, result.output
    text = (tmp_path / "p/partnership.yaml").read_text(encoding="utf-8")
    assert "counties:\n  - Ada\n  - Canyon\n" in text
    assert "timezone: America/Denver" in text
    assert "--timezone" not in result.stderr
    assert "--county" not in result.stderr
    bare = ngsp("init", "u", "--name", "U", "--industry", "I", "--region", "R", "--no-git", "--no-input")
    assert "this computer does not say" in " ".join(bare.stderr.split())
    assert "timezone" not in (tmp_path / "u/partnership.yaml").read_text(encoding="utf-8")


def test_init_refuses_an_unknown_time_zone(ngsp, tmp_path: Path) -> None:
    result = ngsp("init", "p", "--name", "P", "--industry", "I", "--region", "R", "--timezone", "Mars/Base")
    assert result.exit_code == 2
    assert "'Mars/Base' is not a time zone name" in result.stderr
    assert "hint:" in result.stderr
    assert not (tmp_path / "p").exists()


def _git(root: Path, *args: str) -> str:
    import subprocess

    return subprocess.run(["git", "-C", str(root), *args], capture_output=True, text=True, check=True).stdout


def test_init_with_git_makes_the_first_commit_and_keeps_out_and_caches_out(
    ngsp, tmp_path: Path, monkeypatch
) -> None:
    import shutil

    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    config = tmp_path / "gitconfig"
    config.write_text("[user]\n\tname = Ann Lee\n\temail = ann@example.org\n", encoding="utf-8")
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", str(config))
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    result = ngsp("init", "p", "--name", "P", "--industry", "I", "--region", "R", "--git", "--no-input")
    assert result.exit_code == 0, result.output
    root = tmp_path / "p"
    assert _git(root, "log", "--format=%an <%ae>|%s").strip() == (
        "Ann Lee <ann@example.org>|Start the partnership folder with ngsp"
    )
    assert _git(root, "status", "--porcelain") == ""
    assert "partnership.yaml" in _git(root, "ls-files")
    (root / "out").mkdir()
    (root / "out/agenda.html").write_text("x", encoding="utf-8")
    (root / "__pycache__").mkdir()
    (root / "__pycache__/x.pyc").write_text("x", encoding="utf-8")
    (root / "~$agenda.docx").write_text("x", encoding="utf-8")
    assert _git(root, "status", "--porcelain") == ""
    assert "*.yaml text eol=lf" in (root / ".gitattributes").read_text(encoding="utf-8")


def test_init_without_a_git_identity_signs_the_first_commit_as_ngsp(
    ngsp, tmp_path: Path, monkeypatch
) -> None:
    import shutil

    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    empty = tmp_path / "gitconfig"
    empty.write_text("", encoding="utf-8")
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", str(empty))
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    for name in ("GIT_AUTHOR_NAME", "GIT_AUTHOR_EMAIL", "GIT_COMMITTER_NAME", "GIT_COMMITTER_EMAIL", "EMAIL"):
        monkeypatch.delenv(name, raising=False)
    result = ngsp("init", "p", "--name", "P", "--industry", "I", "--region", "R", "--git", "--no-input")
    assert result.exit_code == 0, result.output
    root = tmp_path / "p"
    assert _git(root, "log", "--format=%an <%ae>").strip() == "ngsp <ngsp@localhost>"
    assert "git config --global user.name" in " ".join(result.stderr.split())
    # Nothing was written to the repository's own settings: later commits are the person's.
    assert "user.name" not in (root / ".git/config").read_text(encoding="utf-8")
