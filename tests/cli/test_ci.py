"""`ngsp ci github|gitlab`: the pipeline files, tested by running their steps here.

The steps that need the forge (checking out, installing from PyPI, uploading to
Pages) are left out; every other `run:` / `script:` line runs in a partnership
repository as the forge would run it, with this ngsp and pre-commit on the PATH.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from tests.conftest import GIT_IDENTITY, git

FORGE_ONLY = ("python -m pip install",)


def _steps(forge: str, root: Path) -> list[str]:
    """Every command line of the pipeline, in order."""
    if forge == "github":
        workflow = yaml.safe_load((root / ".github/workflows/ngsp.yml").read_text(encoding="utf-8"))
        return [step["run"] for job in workflow["jobs"].values() for step in job["steps"] if "run" in step]
    pipeline = yaml.safe_load((root / ".gitlab-ci.yml").read_text(encoding="utf-8"))
    return [line for job in pipeline.values() if isinstance(job, dict) for line in job.get("script", [])]


def _run_here(command: str, root: Path, tmp_path: Path) -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        **GIT_IDENTITY,
        "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}",
        "PRE_COMMIT_HOME": str(tmp_path / "pre-commit-home"),
        "NGSP_TODAY": "2026-11-25",
    }
    return subprocess.run(
        ["bash", "-c", command], cwd=root, env=env, capture_output=True, text=True, timeout=300, check=False
    )


@pytest.fixture
def repository(partnership_tree) -> Path:  # type: ignore[no-untyped-def]
    root: Path = partnership_tree()
    git(root, "init", "--quiet", "--initial-branch", "main")
    return root


@pytest.mark.parametrize(("forge", "workflow", "site"), [
    ("github", ".github/workflows/ngsp.yml", "_site"),
    ("gitlab", ".gitlab-ci.yml", "public"),
])  # fmt: skip
def test_the_pipelines_steps_check_the_files_and_build_the_site(
    ngsp, repository: Path, tmp_path: Path, forge: str, workflow: str, site: str
) -> None:
    result = ngsp("-C", repository, "ci", forge)
    assert result.exit_code == 0, result.output
    assert (repository / workflow).is_file()
    assert (repository / ".pre-commit-config.yaml").is_file()
    git(repository, "add", "-A")
    git(repository, "commit", "--quiet", "-m", "Partnership files and pipeline")

    steps = _steps(forge, repository)
    assert any("pre-commit run" in s for s in steps)
    assert any(s.startswith("ngsp site --out") for s in steps)
    local = [s for s in steps if not s.startswith(FORGE_ONLY)]
    assert len(local) == 2
    for command in local:
        done = _run_here(command, repository, tmp_path)
        assert done.returncode == 0, f"{command}\n{done.stdout}\n{done.stderr}"
        if "pre-commit" in command:
            assert "ngsp check" in done.stdout
    index = repository / site / "index.html"
    assert "Test Valley Manufacturing" in index.read_text(encoding="utf-8")

    # A broken file fails the check step, naming the file.
    (repository / "people" / "ann-lee.yaml").write_text("name: Ann Lee\norg: nobody\n", encoding="utf-8")
    git(repository, "add", "-A")
    check = next(s for s in local if "pre-commit" in s)
    failed = _run_here(check, repository, tmp_path)
    assert failed.returncode != 0
    assert "people/ann-lee.yaml" in failed.stdout


def test_the_minimum_score_goes_into_the_check(ngsp, repository: Path, tmp_path: Path) -> None:
    result = ngsp(
        "-C", repository, "ci", "github", "--min", "0.99", "--install", "ngsp @ git+https://example.org/ngsp"
    )
    assert result.exit_code == 0, result.output
    config = yaml.safe_load((repository / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    [hook] = config["repos"][0]["hooks"]
    assert hook["entry"] == "ngsp check --min 0.99"
    workflow = yaml.safe_load((repository / ".github/workflows/ngsp.yml").read_text(encoding="utf-8"))
    assert workflow["env"]["NGSP_INSTALL"] == "ngsp @ git+https://example.org/ngsp"
    git(repository, "add", "-A")
    # The small test partnership scores well below 0.99: the check step fails.
    done = _run_here("pre-commit run --all-files", repository, tmp_path)
    assert done.returncode != 0


def test_an_existing_pipeline_is_kept_unless_forced(ngsp, repository: Path) -> None:
    (repository / ".gitlab-ci.yml").write_text("# ours\n", encoding="utf-8")
    (repository / ".pre-commit-config.yaml").write_text("repos: []\n", encoding="utf-8")
    refused = ngsp("-C", repository, "ci", "gitlab")
    assert refused.exit_code == 2
    assert ".gitlab-ci.yml exists already" in " ".join(refused.stderr.split())
    assert (repository / ".gitlab-ci.yml").read_text(encoding="utf-8") == "# ours\n"
    forced = ngsp("-C", repository, "ci", "gitlab", "--force")
    assert forced.exit_code == 0, forced.output
    assert "pages:" in (repository / ".gitlab-ci.yml").read_text(encoding="utf-8")


def test_an_existing_pre_commit_config_is_kept_and_the_missing_hook_named(ngsp, repository: Path) -> None:
    (repository / ".pre-commit-config.yaml").write_text("repos: []\n", encoding="utf-8")
    result = ngsp("-C", repository, "ci", "github")
    assert result.exit_code == 0, result.output
    assert (repository / ".pre-commit-config.yaml").read_text(encoding="utf-8") == "repos: []\n"
    assert "has no ngsp check" in " ".join(result.stderr.split())


def test_an_unknown_forge_is_named(ngsp, repository: Path) -> None:
    result = ngsp("-C", repository, "ci", "bitbucket")
    assert result.exit_code == 2
    assert "'bitbucket' is not a forge" in result.stderr
    assert "github or gitlab" in result.stderr
