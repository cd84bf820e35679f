"""pre-commit works offline: every hook is local and installs nothing, and
`pre-commit run --all-files` passes on a copy of the working tree with a fresh
PRE_COMMIT_HOME and no way to fetch a hook repository or a package."""

from __future__ import annotations

import importlib.util
import os
import pathlib
import shutil
import subprocess
import sys

import pytest
import yaml

from conftest import ROOT

CONFIG = ROOT / ".pre-commit-config.yaml"
VENV_PYTHON = ROOT / ".venv" / "bin" / "python"
# Languages that provision no environment: nothing to download.
OFFLINE_LANGUAGES = {"unsupported", "pygrep"}
NO_NETWORK = "http://127.0.0.1:9"  # the discard port: any proxied request is refused at once


def hooks() -> list[dict]:
    config = yaml.safe_load(CONFIG.read_text(encoding="utf-8"))
    return [hook for repo in config["repos"] for hook in repo["hooks"]]


def test_every_hook_is_local_and_installs_nothing() -> None:
    config = yaml.safe_load(CONFIG.read_text(encoding="utf-8"))
    assert [repo["repo"] for repo in config["repos"]] == ["local"], "only `repo: local`: nothing to clone"
    for hook in hooks():
        assert hook["language"] in OFFLINE_LANGUAGES, f"{hook['id']}: language {hook['language']!r} may install from the network"
        assert "additional_dependencies" not in hook, hook["id"]
        if hook["language"] == "unsupported":
            assert hook["entry"].startswith(".venv/bin/python "), f"{hook['id']}: run the project's environment"


def copy_working_tree(dest: pathlib.Path) -> None:
    """Tracked and untracked-but-not-ignored files, as `git add -A` would see them."""
    listed = subprocess.run(["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
                            cwd=ROOT, capture_output=True, check=True).stdout.decode().split("\0")
    for name in filter(None, listed):
        src = ROOT / name
        if src.is_file() and not src.is_symlink():
            (dest / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(src, dest / name)


@pytest.mark.skipif(not VENV_PYTHON.exists(),
                    reason=".venv/bin/python does not exist: the hooks run the project's own environment (`make check` creates it)")
def test_pre_commit_run_all_files_passes_offline(tmp_path: pathlib.Path) -> None:
    if importlib.util.find_spec("pre_commit") is None:
        pytest.fail("pre-commit is not installed: pip install -r requirements-dev.txt")
    clone = tmp_path / "clone"
    clone.mkdir()
    copy_working_tree(clone)
    env = {key: value for key, value in os.environ.items() if not key.startswith(("GIT_", "PRE_COMMIT"))}
    home = tmp_path / "pre-commit-home"
    env.update({
        "PRE_COMMIT_HOME": str(home), "HOME": str(tmp_path), "PRE_COMMIT_COLOR": "never",
        "GIT_ALLOW_PROTOCOL": "file",  # git may not clone a hook repository over the network
        "GIT_CONFIG_NOSYSTEM": "1",
        "PIP_NO_INDEX": "1",
        **{name: NO_NETWORK for name in ("http_proxy", "https_proxy", "HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY")},
        "NO_PROXY": "", "no_proxy": "",
    })
    git = lambda *args: subprocess.run(["git", *args], cwd=clone, env=env, capture_output=True, text=True, check=True)  # noqa: E731
    git("init", "-q")
    git("add", "-A")
    # After `git add`: the hooks find the project's environment at .venv/, untracked.
    (clone / ".venv").symlink_to(ROOT / ".venv", target_is_directory=True)

    result = subprocess.run([sys.executable, "-m", "pre_commit", "run", "--all-files", "--color", "never"],
                            cwd=clone, env=env, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, f"pre-commit run --all-files failed:\n{result.stdout}\n{result.stderr}"
    ran = {hook["name"] for hook in hooks()}
    assert all(name in result.stdout for name in ran), result.stdout
    assert "Passed" in result.stdout
    installed = [path.name for path in home.glob("repo*")] if home.exists() else []
    assert not installed, f"pre-commit installed hook environments: {installed}"
