"""Running git on a cached repository: never prompting, its messages in plain words."""

from __future__ import annotations

import os
import shutil
import subprocess
from functools import cache
from pathlib import Path

# The cache can always be fetched again: no background upkeep, no waiting for the disk.
_CACHE_OPTIONS = ("-c", "gc.auto=0", "-c", "maintenance.auto=false", "-c", "core.fsync=none")


@cache
def git_env() -> dict[str, str]:
    """git's environment: never prompt (no terminal is waited on); keys and helpers are git's own."""
    env = dict(os.environ)
    env["GIT_TERMINAL_PROMPT"] = "0"
    env.setdefault("GIT_ASKPASS", "true")  # an asked password is empty: the fetch fails, nothing waits
    env.setdefault("LC_ALL", "C")  # git's messages in one language, so ngsp can explain them
    if "GIT_SSH_COMMAND" not in env and "GIT_SSH" not in env:
        configured = subprocess.run(
            ["git", "config", "--get", "core.sshCommand"],
            capture_output=True,
            text=True,
            env=env,
            check=False,
        )
        if not configured.stdout.strip():
            env["GIT_SSH_COMMAND"] = "ssh -o BatchMode=yes"  # a passphrase or host question fails
    return env


def run_git(
    folder: Path, *args: str, input: bytes | None = None, timeout: float | None = None
) -> subprocess.CompletedProcess[bytes]:
    """git `args` on the bare repository `folder` (its output as bytes; never raises for git's failure)."""
    return subprocess.run(
        ["git", *_CACHE_OPTIONS, "--git-dir", str(folder), *args],
        input=input,
        capture_output=True,
        env=git_env(),
        timeout=timeout,
        check=False,
        stdin=None if input is not None else subprocess.DEVNULL,
    )


def git_missing() -> bool:
    return shutil.which("git") is None


def git_says(stderr: bytes) -> str:
    """git's last meaningful line, without its 'fatal:' prefix."""
    lines = [line.strip() for line in stderr.decode("utf-8", "replace").splitlines() if line.strip()]
    lines = [line for line in lines if not line.startswith("hint:")]
    if not lines:
        return "git gave no reason"
    last = lines[-1]
    for prefix in ("fatal: ", "error: "):
        if last.startswith(prefix):
            last = last[len(prefix) :]
    return last
