"""The GitHub Actions workflows are locked down: zizmor's offline audit finds
nothing of medium or high severity, every action is pinned by a full commit
SHA with its version in a comment, every job has a timeout and its own
permissions, no checkout leaves the token on disk, and the deploy job publishes
only after a job that runs the tests."""

from __future__ import annotations

import json
import os
import pathlib
import re
import shutil
import subprocess
import sys

import pytest
import yaml

from conftest import ROOT

WORKFLOW_DIR = ROOT / ".github" / "workflows"
WORKFLOWS = sorted(WORKFLOW_DIR.glob("*.yml"))
# The command CI runs (see .ci/run); a job that runs it has run the tests.
TEST_COMMAND = "bash .ci/run"

# `uses: owner/repo[/path]@<40 hex> # v1.2.3`, optionally as the first key of a step.
PINNED = re.compile(r"^\s*(?:-\s+)?uses:\s*(?P<action>[\w.-]+/[\w./-]+)@(?P<sha>[0-9a-f]{40})\s+#\s*(?P<version>v\d+(?:\.\d+){1,2})\s*$")
USES_LINE = re.compile(r"^\s*(?:-\s+)?uses:\s*(?P<ref>\S+)")
IGNORE_COMMENT = re.compile(r"#\s*zizmor:\s*ignore\[[^\]]+\](?P<reason>.*)$")


def load(path: pathlib.Path) -> dict:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["on"] = data.pop(True, data.get("on"))  # YAML 1.1 reads a bare `on:` key as True
    return data


def zizmor_executable() -> str:
    beside = pathlib.Path(sys.executable).parent / "zizmor"
    found = str(beside) if beside.is_file() else shutil.which("zizmor")
    if not found:
        pytest.fail("zizmor is not installed: pip install -r requirements-dev.txt")
    return found


def test_there_are_workflows() -> None:
    assert {path.name for path in WORKFLOWS} >= {"ci.yml", "deploy.yml", "links.yml"}


def test_zizmor_finds_nothing_of_medium_or_high_severity() -> None:
    # --offline: no network; --no-config: only an inline, visible ignore comment
    # can silence a finding; --no-exit-codes: the exit code reports tool failure only.
    env = {k: v for k, v in os.environ.items() if k not in ("GH_TOKEN", "GITHUB_TOKEN", "ZIZMOR_GITHUB_TOKEN")}
    result = subprocess.run(
        [zizmor_executable(), "--offline", "--no-config", "--no-exit-codes", "--no-progress",
         "--format", "json", str(WORKFLOW_DIR)],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=120,
    )
    assert result.returncode == 0, f"zizmor failed:\n{result.stderr}"
    findings = json.loads(result.stdout)
    serious = [
        f"{loc['symbolic']['key']['Local']['verbatim_path']}:{loc['concrete']['location']['start_point']['row'] + 1}: "
        f"{finding['ident']} ({finding['determinations']['severity']}): {finding['desc']}"
        for finding in findings
        if not finding.get("ignored") and finding["determinations"]["severity"] in ("Medium", "High")
        for loc in finding["locations"][:1]
    ]
    assert not serious, "zizmor --offline .github/workflows:\n" + "\n".join(serious)


def test_zizmor_ignore_comments_give_a_reason() -> None:
    for path in WORKFLOWS:
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            match = IGNORE_COMMENT.search(line)
            if match:
                assert len(match["reason"].strip(" -:—")) >= 10, f"{path.name}:{number}: say why the finding is a false positive"


def test_every_action_is_pinned_by_commit_sha_with_its_version() -> None:
    seen: dict[tuple[str, str], str] = {}
    for path in WORKFLOWS:
        data = load(path)
        in_yaml = [step["uses"] for job in data["jobs"].values() for step in job.get("steps", []) if "uses" in step]
        in_yaml += [job["uses"] for job in data["jobs"].values() if "uses" in job]
        lines = [(n, line) for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if USES_LINE.match(line)]
        assert len(lines) == len(in_yaml), f"{path.name}: write each `uses:` on its own line, as `uses: owner/repo@<sha> # vX.Y.Z`"
        for number, line in lines:
            if USES_LINE.match(line)["ref"].startswith("./"):
                continue  # an action in this repository: pinned by the checkout itself
            match = PINNED.match(line)
            assert match, f"{path.name}:{number}: pin by a full 40-character commit SHA with the version in a comment: {line.strip()}"
            key = (match["action"], match["version"])
            assert seen.setdefault(key, match["sha"]) == match["sha"], f"{path.name}:{number}: {key} pinned to two SHAs"


def test_every_job_has_a_timeout_and_its_own_permissions() -> None:
    for path in WORKFLOWS:
        data = load(path)
        assert data.get("permissions") == {"contents": "read"}, f"{path.name}: workflow-level permissions: contents: read"
        for name, job in data["jobs"].items():
            assert isinstance(job.get("timeout-minutes"), int) and 0 < job["timeout-minutes"] <= 120, f"{path.name}: job {name}: timeout-minutes"
            assert "permissions" in job, f"{path.name}: job {name}: say which permissions it needs (`permissions: {{}}` for none)"
            assert job["permissions"] != "write-all", f"{path.name}: job {name}"


def test_checkouts_do_not_keep_the_token() -> None:
    for path in WORKFLOWS:
        for name, job in load(path)["jobs"].items():
            for step in job.get("steps", []):
                if step.get("uses", "").startswith("actions/checkout@"):
                    assert step.get("with", {}).get("persist-credentials") is False, f"{path.name}: job {name}: persist-credentials: false"


def needs(job: dict) -> list[str]:
    value = job.get("needs", [])
    return [value] if isinstance(value, str) else list(value)


def test_deploy_publishes_only_after_the_tests_pass() -> None:
    jobs = load(WORKFLOW_DIR / "deploy.yml")["jobs"]
    deploying = [name for name, job in jobs.items()
                 if any(step.get("uses", "").startswith("actions/deploy-pages@") for step in job.get("steps", []))]
    assert deploying == ["deploy"], deploying
    upstream, todo = set(), needs(jobs["deploy"])
    while todo:
        name = todo.pop()
        if name not in upstream:
            upstream.add(name)
            todo += needs(jobs[name])
    testing = [name for name in upstream
               if any(TEST_COMMAND in step.get("run", "") for step in jobs[name].get("steps", []))]
    assert testing, f"deploy must depend (through `needs:`) on a job that runs `{TEST_COMMAND}`; it depends on {sorted(upstream)}"


def test_dependabot_sends_one_grouped_pull_request_per_ecosystem_weekly() -> None:
    config = yaml.safe_load((ROOT / ".github" / "dependabot.yml").read_text(encoding="utf-8"))
    assert config["version"] == 2
    updates = {update["package-ecosystem"]: update for update in config["updates"]}
    assert set(updates) == {"pip", "npm", "github-actions"}
    for name, update in updates.items():
        assert update["directory"] == "/", name
        assert update["schedule"]["interval"] == "weekly", name
        assert [group["patterns"] for group in update["groups"].values()] == [["*"]], f"{name}: one group for everything"
        assert 1 <= update["open-pull-requests-limit"] <= 3, name
