"""The project's shape, as a newcomer meets it.

* The data engine (`roadmap/`) runs without MkDocs; nothing manipulates sys.path.
* A fresh copy of the repository builds the plain MkDocs way
  (`pip install -r requirements.txt` then `mkdocs build --strict`), and the
  commands CONTRIBUTING.md shows work verbatim there after `make check`.
* The same sources build with ProperDocs (the community fork of MkDocs 1.x).
* No file in the built site holds template source.
* The published JSON Schema is standard: check-jsonschema with its default
  (ECMAScript) regex engine accepts it and the data file, and refuses every bad
  edit the schema can see, all of which the checker refuses too.
"""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
import textwrap

import pytest

from conftest import ENV, ROOT, BookCopy, checkout_lock

BIN = ROOT / ".venv" / "bin"
PROJECT_CODE = ("roadmap", "mkdocs_roadmap", "scripts", "benchmarks", "tests")


def test_the_engine_imports_without_mkdocs():
    code = textwrap.dedent("""
        import sys
        import roadmap.checks, roadmap.contrib.add_resource, roadmap.data.load, roadmap.data.schema
        import roadmap.exports.export, roadmap.exports.downloads, roadmap.pages.book, roadmap.pages.render, roadmap.pages.stubs
        import roadmap.checks.notebooks
        print(sorted(m for m in sys.modules if m.split(".")[0] in ("mkdocs", "material", "mkdocs_macros", "mkdocs_jupyter")))
    """)
    result = subprocess.run([sys.executable, "-c", code], env=ENV, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"


def test_no_sys_path_manipulation_in_the_project():
    offenders = []
    for folder in PROJECT_CODE:
        for path in (ROOT / folder).rglob("*.py"):
            if path.name == "test_layers.py":
                continue
            for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
                if "sys.path" in line:
                    offenders.append(f"{path.relative_to(ROOT)}:{n}: {line.strip()}")
    assert not offenders, "\n".join(offenders)


def test_each_module_keeps_to_one_job():
    """Modules stay short enough to read in one sitting (about 300 lines)."""
    long = [f"{p.relative_to(ROOT)}: {n} lines" for folder in ("roadmap", "mkdocs_roadmap")
            for p in (ROOT / folder).rglob("*.py") if (n := len(p.read_text(encoding="utf-8").splitlines())) > 320]
    assert not long, long


JINJA = re.compile(r"\{%-?\s*(?:if|for|set|block|extends|include|import|from|macro|endif|endfor|raw)\b|\{\{-?\s*[A-Za-z_][\w.]*\s*(?:\||\(|-?\}\})")


def test_no_file_in_the_site_holds_template_source(site):
    found = []
    for path in site.root.rglob("*"):
        if path.is_file() and path.suffix in (".html", ".xml", ".json", ".js", ".css", ".txt", ".md", ".ics"):
            text = path.read_text(encoding="utf-8", errors="replace")
            match = JINJA.search(text)
            if match:
                found.append(f"{path.relative_to(site.root)}: {text[max(0, match.start() - 40):match.end() + 40]!r}")
    assert not found, "\n".join(found)


def test_the_jinja_detector_is_not_vacuous():
    assert JINJA.search('<p>{% for t in topics %}</p>') and JINJA.search("<feed>{{ entry.title | e }}</feed>")
    assert not JINJA.search("print(f'{x}') and {'a': 1} and {{}}")


# -- the schema -------------------------------------------------------------

def check_jsonschema(schema, instance) -> subprocess.CompletedProcess:
    return subprocess.run([str(BIN / "check-jsonschema"), "--schemafile", str(schema), str(instance)],
                          env=ENV, capture_output=True, text=True, timeout=120)


def test_the_schema_is_standard_and_accepts_the_data():
    result = check_jsonschema(ROOT / "curriculum.schema.json", ROOT / "curriculum.yml")
    assert result.returncode == 0, result.stdout + result.stderr


TRACK_WEEKS = re.search(r"^    weeks: \d+\n", (ROOT / "curriculum.yml").read_text(encoding="utf-8"), re.M)[0]
# (what to replace, with what): each a contributor's plausible mistake that the schema can see.
SCHEMA_VISIBLE = [
    (TRACK_WEEKS, "    weeks: forty-six\n"),
    ("\n        hours: 4\n", "\n        hours: 0\n"),
    ("            type: docs\n", "            type: website\n"),
    ("            level: beginner\n", "            level: expert\n"),
    ("            url: https://docs.python.org/3/tutorial/venv.html\n", "            url: http://docs.python.org/3/tutorial/venv.html\n"),
    ("      - id: numpy-arrays\n", "      - id: NumPy-Arrays\n"),
    ("        title: NumPy arrays\n", "        titel: NumPy arrays\n"),
    ("            cost: free\n", "            cost: cheap\n"),
]


@pytest.mark.parametrize("old,new", SCHEMA_VISIBLE, ids=[n.strip() for _, n in SCHEMA_VISIBLE])
def test_schema_and_checker_agree_on_bad_edits(book_copy: BookCopy, old, new):
    book_copy.replace(old, new)
    schema = check_jsonschema(book_copy.root / "curriculum.schema.json", book_copy.data)
    assert schema.returncode == 1, f"the schema accepted {new.strip()!r}"
    checker = book_copy.check()
    assert checker.returncode == 1 and "curriculum.yml:" in checker.stderr, checker.stderr


def test_the_checker_refuses_more_than_the_schema(book_copy: BookCopy):
    """A duplicate topic id is valid JSON Schema-wise; only the checker sees it."""
    text = book_copy.read()
    book_copy.write(text.replace("      - id: pandas-dataframes\n", "      - id: numpy-arrays\n", 1))
    assert check_jsonschema(book_copy.root / "curriculum.schema.json", book_copy.data).returncode == 0
    checker = book_copy.check()
    assert checker.returncode == 1 and "duplicate topic id 'numpy-arrays'" in checker.stderr


# -- other generators ---------------------------------------------------------

def test_the_book_builds_with_properdocs(site, tmp_path):
    out = tmp_path / "site"
    with checkout_lock(ROOT):
        result = subprocess.run([str(BIN / "properdocs"), "build", "--strict", "-q", "-f", str(ROOT / "mkdocs.yml"), "-d", str(out)],
                                cwd=ROOT, env=ENV, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stdout + result.stderr
    generator = re.compile(r'<meta name="generator" content="[^"]*">')
    for page in ("index.html", "phases/deep-learning/index.html", "projects/04-small-cnn-digits/index.html", "print_page/index.html"):
        ours = generator.sub("", (out / page).read_text(encoding="utf-8"))
        theirs = generator.sub("", site.html(page))
        assert ours == theirs, f"{page} differs between ProperDocs and MkDocs"
    assert 'content="mkdocs-ProperDocs' in (out / "index.html").read_text(encoding="utf-8")


# -- a fresh clone, the plain MkDocs way ----------------------------------------

def fresh_clone(dest):
    """The committed tree plus the working copy's changes (what a clone of this commit holds)."""
    files = subprocess.run(["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"], cwd=ROOT,
                           capture_output=True, text=True, check=True).stdout.split("\0")
    for name in filter(None, files):
        src = ROOT / name
        if src.is_file():
            (dest / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(src, dest / name)
    return dest


def contributing_commands() -> list[str]:
    """Every command of CONTRIBUTING.md's `sh` blocks, continuation lines joined, comments dropped."""
    text = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    commands = []
    for block in re.findall(r"```sh\n(.*?)```", text, re.S):
        for command in block.replace("\\\n", " ").splitlines():
            command = re.sub(r"\s+#.*$", "", command).strip()
            if command:
                commands.append(command)
    return commands


@pytest.mark.slow
def test_a_fresh_clone_builds_the_plain_way_and_contributing_commands_work(tmp_path):
    clone = fresh_clone(tmp_path / "clone")
    env = {k: v for k, v in ENV.items() if k not in ("VIRTUAL_ENV", "PYTHONPATH")}
    python = shutil.which("python3", path=os.defpath + os.pathsep + env.get("PATH", "")) or "python3"
    # The plain MkDocs way, exactly as a newcomer types it (a venv so nothing leaks in).
    run = lambda *cmd, **kw: subprocess.run(cmd, cwd=clone, env=env, capture_output=True, text=True, timeout=900, **kw)
    for step in ([sys.executable, "-m", "venv", ".venv"], [".venv/bin/pip", "install", "-q", "-r", "requirements.txt"],
                 [".venv/bin/mkdocs", "build", "--strict", "-q"]):
        result = run(*step)
        assert result.returncode == 0, f"{' '.join(step)}:\n{result.stdout}\n{result.stderr}"
    assert (clone / "site" / "phases" / "foundations" / "index.html").is_file()
    assert not (clone / "site" / "roadmap").exists()

    # CONTRIBUTING.md's commands, verbatim, after `make check`. `make test` and a
    # `pytest` run are this suite itself (and need `make test`'s packages); `gh`
    # and `git ls-remote` are the maintainers' and ask GitHub; the notebook
    # commands use this environment's notebook packages.
    commands = contributing_commands()
    assert commands[:1] and any("add_resource.py" in c for c in commands) and "make check" in commands
    ran = []
    for command in ["make check"] + [c for c in commands if c not in ("make check", "make test")
                                     and " -m pytest " not in c and not c.startswith(("gh ", "git ls-remote "))]:
        argv = shlex.split(command)
        if "run_notebooks.py" in command:
            argv = [str(BIN / "python"), *argv[1:]]
            if "--check" in argv:
                argv.append("docs/projects/01-linear-regression-from-scratch.ipynb")  # one is enough here
        result = run(*argv)
        assert result.returncode == 0, f"CONTRIBUTING.md: {command}\n{result.stdout}\n{result.stderr}"
        ran.append(command)
    added = (clone / "curriculum.yml").read_text(encoding="utf-8")
    assert "https://numpy.org/doc/stable/user/quickstart.html" in added  # the helper really added the example
    assert len(ran) >= 5


def test_make_refuses_an_old_python_before_installing(tmp_path):
    fake = tmp_path / "python3.10"
    fake.write_text("#!/bin/sh\nif [ \"$1\" = -V ]; then echo 'Python 3.10.12'; exit 0; fi\nexit 1\n")
    fake.chmod(0o755)
    clone = tmp_path / "clone"
    clone.mkdir()
    shutil.copy2(ROOT / "Makefile", clone / "Makefile")
    for name in ("requirements.txt", "pyproject.toml"):
        shutil.copy2(ROOT / name, clone / name)
    result = subprocess.run(["make", "serve", f"PYTHON={fake}"], cwd=clone, env=ENV, capture_output=True, text=True, timeout=60)
    assert result.returncode != 0
    assert "needs Python 3.11.5 or newer" in result.stdout and "Python 3.10.12" in result.stdout
    assert not (clone / ".venv").exists()


def test_make_help_lists_the_targets():
    result = subprocess.run(["make", "-s", "help"], cwd=ROOT, env=ENV, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0
    for target in ("serve", "test", "build", "check", "clean", "help"):
        assert re.search(rf"make {target}\b", result.stdout), result.stdout
    assert "ADDR=" in result.stdout
