"""The weekly link check (roadmap/contrib/link_check.py, scripts/check_links.py,
.github/workflows/links.yml) treats what linked sites send back as untrusted.

Never on the network: `urlopen` and `fetch` are replaced by fakes that answer
the way a hostile site could (reason phrases with @mentions and Markdown, a
redirect to an address holding backticks and line breaks, a TLS error naming a
crafted certificate, an over-long header line). The issue-posting script of
the workflow is run in Node.js against a fake GitHub API.
"""

from __future__ import annotations

import datetime as dt
import email.message
import http.client
import io
import json
import os
import pathlib
import re
import shutil
import ssl
import subprocess
import sys
import urllib.error

import pytest
import yaml

from conftest import DATA, ENV, ROOT

from roadmap.contrib import link_check

WORKFLOW = ROOT / ".github" / "workflows" / "links.yml"
HOSTILE_REASON = "Gone @octocat @ml-roadmap/maintainers see [the new page](https://phish.example/login) <b>now</b>"
HOSTILE_LOCATION = "https://phish.example/`@octocat`\n| x | y |\n[click](https://phish.example/)<img src=x>\u202e"
# A run must never reach a real host: any request through urllib goes to a closed port.
OFFLINE = {**ENV, "http_proxy": "http://127.0.0.1:9", "https_proxy": "http://127.0.0.1:9",
           "HTTP_PROXY": "http://127.0.0.1:9", "HTTPS_PROXY": "http://127.0.0.1:9", "no_proxy": "", "NO_PROXY": ""}


# The report's own code spans; every other span quotes the data or a site.
OUR_WORDS = {"python scripts/check_curriculum.py", "python scripts/check_links.py"}


def now() -> str:
    return dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")


def link(url: str, line: int = 12) -> link_check.Link:
    return link_check.Link(url, line, "phases[0].topics[1].resources[2].url", "A title")


def outside_code_spans(markdown: str) -> str:
    """What GitHub renders as Markdown: everything but the code spans."""
    return re.sub(r"`[^`\n]*`", "", markdown)


def assert_inert(body: str) -> None:
    """Nothing a site wrote can mention, link or format anything in the issue."""
    for span in set(re.findall(r"`([^`\n]*)`", body)) - OUR_WORDS:
        assert all(c in link_check.URL_CHARACTERS for c in span), span
    rendered = outside_code_spans(body)
    assert "@" not in rendered and "](" not in rendered and "<img" not in rendered and "<b>" not in rendered
    assert "phish" not in rendered and "octocat" not in rendered, rendered
    assert "\u202e" not in body
    for row in (line for line in body.splitlines() if line.startswith("| `")):
        assert row.count("|") == 4, f"a table row split into other cells: {row}"


class FakeResponse:
    def __init__(self, status: int, url: str) -> None:
        self.status, self.url = status, url

    def geturl(self) -> str:
        return self.url

    def read(self, size: int = -1) -> bytes:
        return b""

    def __enter__(self) -> "FakeResponse":
        return self

    def __exit__(self, *exc: object) -> None:
        return None


def http_error(url: str, code: int, reason: str) -> urllib.error.HTTPError:
    headers = email.message.Message()
    headers["Location"] = HOSTILE_LOCATION.replace("\n", " ")
    return urllib.error.HTTPError(url, code, reason, headers, io.BytesIO(reason.encode()))


def answer_with(monkeypatch: pytest.MonkeyPatch, outcome) -> link_check.Answer:
    """`fetch_once` for a link whose server behaves as `outcome` (a response or an exception)."""
    def urlopen(request, timeout=None):
        if isinstance(outcome, BaseException):
            raise outcome
        return outcome
    monkeypatch.setattr(link_check.urllib.request, "urlopen", urlopen)
    return link_check.fetch_once("https://example.org/a-page")


def test_the_report_quotes_no_reason_phrase(monkeypatch: pytest.MonkeyPatch) -> None:
    """A 404 whose reason phrase carries mentions and Markdown: the issue says 'HTTP 404' only."""
    answer = answer_with(monkeypatch, http_error("https://example.org/a-page", 404, HOSTILE_REASON))
    assert answer.status == 404 and answer.error == ""
    body, dead = link_check.report([(link("https://example.org/a-page"), answer)], "curriculum.yml")
    assert dead == 1
    assert "| `curriculum.yml:12` `phases[0].topics[1].resources[2].url` | `https://example.org/a-page` | HTTP 404 |" in body
    assert "Gone" not in body
    assert_inert(body)


def test_a_hostile_redirect_address_stays_inside_its_code_span(monkeypatch: pytest.MonkeyPatch) -> None:
    """Moved: the final address is the site's choice, so it is percent-encoded inside a code span."""
    answer = answer_with(monkeypatch, FakeResponse(200, HOSTILE_LOCATION))
    body, dead = link_check.report([(link("https://example.org/a-page"), answer)], "curriculum.yml")
    assert dead == 0 and "## Redirected" in body
    assert ("- `curriculum.yml:12` `https://example.org/a-page` → `https://phish.example/%60@octocat%60%0A%7C%20x%20%7C"
            in body)
    assert_inert(body)


def test_a_dead_link_reached_through_a_hostile_redirect(monkeypatch: pytest.MonkeyPatch) -> None:
    answer = answer_with(monkeypatch, http_error(HOSTILE_LOCATION, 410, HOSTILE_REASON))
    blocked = answer_with(monkeypatch, http_error(HOSTILE_LOCATION, 403, HOSTILE_REASON))
    body, dead = link_check.report([(link("https://example.org/a-page"), answer),
                                    (link("https://example.org/b-page", 20), blocked)], "curriculum.yml")
    assert dead == 1 and "HTTP 410 |" in body and "`https://example.org/b-page` (HTTP 403)" in body
    assert_inert(body)


@pytest.mark.parametrize("failure, said", [
    (urllib.error.URLError(ssl.SSLCertVerificationError(1, "hostname 'example.org' doesn't match '@octocat [x](https://phish.example/)'")),
     "no answer: TLS error"),
    (urllib.error.URLError("@octocat [x](https://phish.example/)"), "no answer: connection failed"),
    (TimeoutError("@octocat"), "no answer: timed out"),
    (http.client.LineTooLong("header line @octocat"), "no answer: malformed HTTP reply"),
    (http.client.IncompleteRead(b"@octocat"), "no answer: malformed HTTP reply"),
])
def test_no_answer_is_described_in_our_own_words(monkeypatch: pytest.MonkeyPatch, failure: BaseException, said: str) -> None:
    """Error texts can hold what a server sent (a certificate's names, a header): never quoted;
    an HTTP protocol error (a site's over-long header) no longer stops the whole run."""
    answer = answer_with(monkeypatch, failure)
    assert answer.status is None
    body, dead = link_check.report([(link("https://example.org/a-page"), answer)], "curriculum.yml")
    assert dead == 1 and f"| `https://example.org/a-page` | {said} |" in body
    assert_inert(body)


@pytest.mark.parametrize("url, quoted", [
    ("https://example.org/a`b", "`https://example.org/a%60b`"),  # the data's URL pattern allows a backtick
    ("https://example.org/a|b", "`https://example.org/a%7Cb`"),
    ("https://example.org/a b\u00e9", "`https://example.org/a%20b%C3%A9`"),
    ("https://example.org/" + "x" * 5000, "`https://example.org/" + "x" * (link_check.CODE_LIMIT - 20) + "`…"),
])
def test_an_address_can_never_close_its_code_span(url: str, quoted: str) -> None:
    answer = link_check.Answer(404, url, checked=now())
    body, _ = link_check.report([(link(url), answer)], "curriculum.yml")
    assert f"| {quoted} | HTTP 404 |" in body
    assert_inert(body)
    assert len(body) < 2000


def test_a_very_long_report_fits_in_an_issue_body() -> None:
    items = [(link(f"https://example.org/page-{n}-" + "x" * 250, n), link_check.Answer(404, "", checked=now()))
             for n in range(1000)]
    body, dead = link_check.report(items, "curriculum.yml")
    assert dead == 1000 and len(body) <= link_check.BODY_LIMIT
    assert body.startswith("<!-- dead-links: 1000 -->\n") and "more lines" in body.splitlines()[-1]


# --- The cache: a bad entry is dropped (and logged), never fatal -----------------------------------

def urls_in_the_book() -> list[str]:
    return sorted({found.url for found in link_check.links(DATA)})


def test_bad_cache_entries_are_dropped_and_logged(tmp_path: pathlib.Path, monkeypatch: pytest.MonkeyPatch,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    good, *others = urls_in_the_book()[:9]
    future = (dt.datetime.now(dt.timezone.utc) + dt.timedelta(days=400)).isoformat()
    bad = {
        others[0]: {"status": 200, "final_url": others[0], "error": "", "checked": "last Tuesday"},
        others[1]: {"status": 200, "final_url": others[1], "error": "", "checked": "2026-11-20T10:00:00"},  # no zone
        others[2]: {"status": "200", "final_url": others[2], "error": "", "checked": now()},
        others[3]: {"status": 200, "final_url": others[3], "error": "", "checked": now(), "reason": "OK"},
        others[4]: ["not", "an", "object"],
        others[5]: {"status": 200, "final_url": others[5], "error": "", "checked": future},
        others[6]: {"status": True, "final_url": others[6], "error": "", "checked": now()},
        others[7]: {"final_url": others[7], "checked": now()},
    }
    cache = tmp_path / "links.json"
    cache.write_text(json.dumps({good: {"status": 200, "final_url": good, "error": "", "checked": now()}, **bad}),
                     encoding="utf-8")
    fetched: list[str] = []

    def fake_fetch(url: str) -> link_check.Answer:
        fetched.append(url)
        return link_check.Answer(200, url, "", now())
    monkeypatch.setattr(link_check, "fetch", fake_fetch)
    report = tmp_path / "report.md"
    assert link_check.main([str(DATA), "--cache", str(cache), "--report", str(report)], DATA, "check links") == 0
    err = capsys.readouterr().err
    for url in bad:
        assert f"dropped the cache entry for {url!r}" in err
    assert good not in fetched and set(bad) <= set(fetched), "a dropped entry is fetched again"
    assert report.read_text(encoding="utf-8").startswith("<!-- dead-links: 0 -->")
    # The cache written back holds only well-formed entries.
    assert link_check.load_cache(cache, pytest.fail).keys() == set(urls_in_the_book())


@pytest.mark.parametrize("text", ["{not json", "[1, 2]", "null"])
def test_an_unreadable_cache_means_checking_everything(tmp_path: pathlib.Path, text: str) -> None:
    cache = tmp_path / "links.json"
    cache.write_text(text, encoding="utf-8")
    logged: list[str] = []
    assert link_check.load_cache(cache, logged.append) == {}
    assert logged and "checking every link" in logged[0]


def test_an_old_reason_phrase_in_the_cache_is_not_reported(tmp_path: pathlib.Path) -> None:
    """Caches written before this fix kept the server's reason phrase in `error`."""
    cache = tmp_path / "links.json"
    cache.write_text(json.dumps({"https://example.org/x": {"status": 404, "final_url": "https://example.org/x",
                                                           "error": HOSTILE_REASON, "checked": now()}}),
                     encoding="utf-8")
    answer = link_check.load_cache(cache, pytest.fail)["https://example.org/x"]
    body, _ = link_check.report([(link("https://example.org/x"), answer)], "curriculum.yml")
    assert "HTTP 404 |" in body
    assert_inert(body)


# --- Arguments -----------------------------------------------------------------------------------

@pytest.mark.parametrize("argv, message", [
    (["--workers", "0"], "argument --workers: 0 is out of range: give a number from 1 to 32"),
    (["--workers", "-4"], "argument --workers: -4 is out of range"),
    (["--workers", "100000"], "argument --workers: 100000 is out of range"),
    (["--max-age", "nan"], "argument --max-age: nan is out of range: give a number of days from 0 to 365"),
    (["--max-age", "inf"], "argument --max-age: inf is out of range"),
    (["--max-age", "-1"], "argument --max-age: -1 is out of range"),
    (["--max-age", "1e12"], "argument --max-age: 1e12 is out of range"),
])
def test_bad_arguments_are_refused_before_anything_runs(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
                                                        argv: list[str], message: str) -> None:
    monkeypatch.setattr(link_check, "fetch", lambda url: pytest.fail("fetched a link despite a bad argument"))
    with pytest.raises(SystemExit) as exit_:
        link_check.main(argv, DATA, "check links")
    assert exit_.value.code == 2
    assert message in capsys.readouterr().err


def test_the_command_refuses_a_bad_argument_without_a_traceback() -> None:
    result = subprocess.run([sys.executable, "scripts/check_links.py", "--workers", "0"], cwd=ROOT, env=OFFLINE,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 2
    assert "check_links.py: error: argument --workers: 0 is out of range" in result.stderr
    assert "Traceback" not in result.stderr


# --- The workflow: a small job holds the issue token, and finds only its own issue -----------------

def jobs() -> dict:
    return yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))["jobs"]


def test_the_checking_job_cannot_write_and_hands_over_the_report_as_an_artifact() -> None:
    check = jobs()["check"]
    assert check["permissions"] == {"contents": "read"}
    assert "scripts/check_links.py" in " ".join(step.get("run", "") for step in check["steps"])
    upload = next(step for step in check["steps"] if step.get("uses", "").startswith("actions/upload-artifact@"))
    assert upload["with"]["name"] == "links-report" and upload["with"]["path"] == "links-report.md"


def test_the_posting_job_holds_the_issue_token_and_runs_no_repository_code() -> None:
    report = jobs()["report"]
    assert report["permissions"] == {"issues": "write"}
    assert report["needs"] == "check"
    uses = [step.get("uses", "").split("@")[0] for step in report["steps"]]
    assert uses == ["actions/download-artifact", "actions/github-script"], "no checkout, no setup, nothing else"
    assert not any("run" in step for step in report["steps"])
    assert report["steps"][0]["with"] == {"name": "links-report", "path": "report"}
    # Nothing from the check job reaches the script as an expression (the count comes from the file).
    assert "${{" not in json.dumps(report)


def node() -> str:
    found = shutil.which("node") or shutil.which("nodejs")
    if not found:
        pytest.fail("Node.js is not installed (make test installs it)")
    return found


HARNESS = r"""
const fs = require("fs");
const [script, scenario] = [fs.readFileSync(process.argv[2], "utf8"), JSON.parse(fs.readFileSync(process.argv[3], "utf8"))];
const calls = [];
const github = {
  paginate: async (method, params) => { calls.push(["list", method, params]); return scenario.issues; },
  rest: { issues: {
    listForRepo: "listForRepo",
    update: async (params) => { calls.push(["update", params]); return { data: {} }; },
    create: async (params) => {
      calls.push(["create", params]);
      return { data: { number: 99, labels: scenario.dropLabels ? [] : params.labels.map((name) => ({ name })) } };
    },
  } },
};
const core = { info: (m) => calls.push(["info", m]), setFailed: (m) => calls.push(["failed", m]) };
const context = { repo: { owner: "ml-roadmap", repo: "ml-roadmap" } };
const AsyncFunction = Object.getPrototypeOf(async function () {}).constructor;
new AsyncFunction("require", "github", "context", "core", script)(require, github, context, core)
  .then(() => console.log(JSON.stringify(calls)));
"""
BOT = {"login": "github-actions[bot]", "type": "Bot"}
TITLE = "Dead links in curriculum.yml"


def issue(number: int, user: dict, labels: list[str], title: str = TITLE) -> dict:
    return {"number": number, "title": title, "user": user, "labels": [{"name": name} for name in labels]}


def post(tmp_path: pathlib.Path, dead: int | None, issues: list[dict], **extra: object) -> list[list]:
    """Run the workflow's posting script against a fake API; the calls it made."""
    step = next(step for step in jobs()["report"]["steps"] if step.get("uses", "").startswith("actions/github-script@"))
    (tmp_path / "report").mkdir(parents=True)
    body = ("" if dead is None else f"<!-- dead-links: {dead} -->\n") + "Weekly check of 3 external links.\n"
    (tmp_path / "report" / "links-report.md").write_text(body, encoding="utf-8")
    for name, text in (("script.js", step["with"]["script"]), ("harness.js", HARNESS),
                       ("scenario.json", json.dumps({"issues": issues, **extra}))):
        (tmp_path / name).write_text(text, encoding="utf-8")
    result = subprocess.run([node(), "harness.js", "script.js", "scenario.json"], cwd=tmp_path,
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


SOMEONE = {"login": "someone", "type": "User"}


def test_the_posting_script_updates_only_the_bots_labelled_issue(tmp_path: pathlib.Path) -> None:
    issues = [issue(3, SOMEONE, ["link-check"]), issue(5, BOT, []), issue(7, BOT, ["link-check"]),
              issue(9, {"login": "github-actions", "type": "User"}, ["link-check"])]
    calls = post(tmp_path, 2, issues)
    listing = calls[0]
    assert listing[1] == "listForRepo" and listing[2]["creator"] == "github-actions[bot]" and listing[2]["labels"] == "link-check"
    changes = [c for c in calls if c[0] in ("update", "create")]
    assert changes == [["update", {"owner": "ml-roadmap", "repo": "ml-roadmap", "issue_number": 7,
                                   "body": "<!-- dead-links: 2 -->\nWeekly check of 3 external links.\n"}]]


def test_an_issue_someone_else_opened_with_the_title_is_left_alone(tmp_path: pathlib.Path) -> None:
    issues = [issue(3, SOMEONE, ["link-check"]), issue(5, BOT, []), issue(6, SOMEONE, [])]
    calls = post(tmp_path, 2, issues)
    changes = [c for c in calls if c[0] in ("update", "create")]
    assert len(changes) == 1 and changes[0][0] == "create"
    assert changes[0][1]["labels"] == ["link-check"] and changes[0][1]["title"] == TITLE
    assert not [c for c in calls if c[0] == "failed"]
    # With no dead link, nobody else's issue is closed either.
    calls = post(tmp_path / "again", 0, issues)
    assert not [c for c in calls if c[0] in ("update", "create")]


def test_the_posting_script_closes_its_issue_when_every_link_answers(tmp_path: pathlib.Path) -> None:
    calls = post(tmp_path, 0, [issue(7, BOT, ["link-check"])])
    assert [c[1]["state"] for c in calls if c[0] == "update" and c[1]["issue_number"] == 7] == ["closed"]


def test_the_posting_script_fails_loudly_when_the_label_is_missing(tmp_path: pathlib.Path) -> None:
    calls = post(tmp_path, 1, [], dropLabels=True)
    assert any(c[0] == "failed" and "create the label" in c[1] for c in calls)


def test_the_posting_script_refuses_a_report_without_its_count(tmp_path: pathlib.Path) -> None:
    calls = post(tmp_path, None, [issue(7, BOT, ["link-check"])])
    assert [c[0] for c in calls] == ["failed"]


def test_the_label_is_documented_for_maintainers() -> None:
    step = next(step for step in jobs()["report"]["steps"] if step.get("uses", "").startswith("actions/github-script@"))
    label = re.search(r'const label = "([^"]+)"', step["with"]["script"])[1]
    contributing = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    assert re.search(rf"^\s*\| `{re.escape(label)}` \| .*links\.yml", contributing, re.M), "add it to the Labels table"
    assert f"gh label create {label} " in contributing
