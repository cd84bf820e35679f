"""The repository's contributor plumbing says what it should: workflows with
least privilege (no pull_request_target, no write token on pull requests), the
weekly link check, pre-commit hooks that call the real checks, the editor's
schema wiring, and issue forms whose choices match the data model."""

from __future__ import annotations

import json
import shlex
import typing

import yaml

from conftest import ROOT

from roadmap.data.models import Cost, Level, ResourceType

WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))


def workflow(path) -> dict:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["on"] = data.pop(True, data.get("on"))  # YAML 1.1 reads a bare `on:` key as True
    return data


def test_no_workflow_uses_pull_request_target() -> None:
    assert WORKFLOWS
    for path in WORKFLOWS:
        triggers = workflow(path)["on"]
        triggers = [triggers] if isinstance(triggers, str) else list(triggers)
        assert "pull_request_target" not in triggers, path.name


def test_pull_request_workflows_get_no_write_token() -> None:
    for path in WORKFLOWS:
        data = workflow(path)
        if "pull_request" not in data["on"]:
            continue
        scopes = [data.get("permissions", {})] + [job.get("permissions", {}) for job in data["jobs"].values()]
        assert "permissions" in data, f"{path.name}: set top-level permissions explicitly"
        for scope in scopes:
            assert scope not in ("write-all",) and all(v in ("read", "none") for v in scope.values()), (path.name, scope)


def test_link_check_runs_weekly_with_least_privilege() -> None:
    data = workflow(ROOT / ".github" / "workflows" / "links.yml")
    assert set(data["on"]) == {"schedule", "workflow_dispatch"}
    cron = data["on"]["schedule"][0]["cron"].split()
    assert len(cron) == 5 and cron[2] == "*" and cron[3] == "*" and cron[4] != "*", "once a week"
    assert data["permissions"] == {"contents": "read"}
    # The job that runs the book's code cannot write; only the small posting job can (tests/test_link_check.py).
    assert data["jobs"]["check"]["permissions"] == {"contents": "read"}
    assert data["jobs"]["report"]["permissions"] == {"issues": "write"}, "issues:write for the posting job only"
    steps = data["jobs"]["check"]["steps"]
    run = " ".join(step.get("run", "") for step in steps)
    assert "scripts/check_links.py" in run and "--cache" in run
    assert any(step.get("uses", "").startswith("actions/cache@") for step in steps)
    script = next(step["with"]["script"] for step in data["jobs"]["report"]["steps"]
                  if step.get("uses", "").startswith("actions/github-script@"))
    assert "issues.create" in script and "issues.update" in script
    assert (ROOT / "scripts" / "check_links.py").is_file()


def test_pre_commit_runs_the_books_checks() -> None:
    config = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    hooks = [hook for repo in config["repos"] for hook in repo["hooks"]]
    entries = {tuple(shlex.split(hook["entry"])[1:]) for hook in hooks if " scripts/" in hook["entry"]}
    assert entries == {("scripts/check_curriculum.py",), ("scripts/write_schema.py", "--check"),
                       ("scripts/sync_pages.py", "--check"), ("scripts/write_book_data.py", "--check"),
                       ("scripts/write_glossary.py", "--check")}
    for script, *_ in entries:
        assert (ROOT / script).is_file()
    hygiene = {hook["id"] for hook in hooks}
    assert {"trailing-whitespace", "end-of-file", "check-yaml"} <= hygiene


def test_editor_wires_the_schema_to_the_data_file() -> None:
    settings = json.loads((ROOT / ".vscode" / "settings.json").read_text(encoding="utf-8"))
    schemas = settings["yaml.schemas"]
    assert schemas == {"./curriculum.schema.json": ["curriculum.yml"]}
    assert (ROOT / "curriculum.schema.json").is_file()


def test_suggest_resource_form_offers_exactly_the_models_choices() -> None:
    form = yaml.safe_load((ROOT / ".github" / "ISSUE_TEMPLATE" / "suggest-resource.yml").read_text(encoding="utf-8"))
    dropdowns = {item["id"]: item["attributes"]["options"] for item in form["body"] if item["type"] == "dropdown"}
    assert dropdowns == {"type": list(typing.get_args(ResourceType)), "level": list(typing.get_args(Level)),
                         "cost": list(typing.get_args(Cost))}


def test_issue_forms_are_well_formed() -> None:
    forms = sorted((ROOT / ".github" / "ISSUE_TEMPLATE").glob("*.yml"))
    names = {path.name for path in forms}
    assert {"suggest-resource.yml", "broken-link.yml", "content-error.yml", "config.yml"} <= names
    for path in forms:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        if path.name == "config.yml":
            assert data["blank_issues_enabled"] is False
            continue
        assert data["name"] and data["description"] and data["body"]
        ids = [item["id"] for item in data["body"] if "id" in item]
        assert len(ids) == len(set(ids)), path.name
        assert any(item.get("validations", {}).get("required") for item in data["body"]), path.name
