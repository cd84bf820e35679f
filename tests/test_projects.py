"""Projects that teach (issue 16): a brief for every stage of both tracks, a notebook to work
from, every project notebook reachable from the book, and the projects page showing, per
project, who builds it, its data, its hours and the links to its brief and notebooks.

The data tests read the checked curriculum; the page tests read the book built once per
session by the `site` fixture (tests/conftest.py).
"""

from __future__ import annotations

import pathlib
import posixpath
from urllib.parse import urljoin

import pytest
from bs4 import BeautifulSoup

from conftest import ROOT, Site
from roadmap.checks import load_checked
from roadmap.pages.book import Book

CUR = load_checked(ROOT / "curriculum.yml")
BOOK = Book(CUR)
STAGES = [(track, stage) for track in CUR.tracks for stage in track.stages]
NOTEBOOKS = sorted(p.name for p in (ROOT / "docs" / "projects").glob("*.ipynb"))


def project_of(stage):
    """What a stage builds: its own project, or the project of the phase it follows."""
    return stage.project or CUR.phase(stage.phase).project


def notebooks_of(project) -> list[str]:
    """The project's worked notebook and its practice notebooks (paths under docs/)."""
    return [nb for nb in [project.notebook, *(p.notebook for p in project.practice)] if nb]


@pytest.mark.parametrize("track, stage", STAGES, ids=[f"{t.id}-{s.id}" for t, s in STAGES])
def test_every_stage_has_a_brief_with_deliverables_rubric_hours_and_data(track, stage):
    project = project_of(stage)
    assert len(project.brief.split()) >= 30, f"{track.id}/{stage.id}: the brief is too short to build from"
    assert project.deliverables and project.rubric, f"{track.id}/{stage.id}: deliverables and rubric"
    assert project.hours >= 4 and all(m.hours >= 1 for m in project.milestones)
    assert project.datasets, f"{track.id}/{stage.id}: no dataset named"
    for dataset in project.datasets:
        assert dataset.url.startswith("https://") and dataset.licence.strip(), dataset


@pytest.mark.parametrize("track, stage", STAGES, ids=[f"{t.id}-{s.id}" for t, s in STAGES])
def test_every_stage_has_a_notebook_to_work_from(track, stage):
    """Its own notebook, the notebook of the phase project it adapts, or practice notebooks."""
    project = project_of(stage)
    based_on = CUR.phase(project.based_on).project if project.based_on else None
    assert project.notebook or (based_on and based_on.notebook) or project.practice, f"{track.id}/{stage.id}"


def test_every_project_notebook_is_linked_from_a_project():
    linked = {posixpath.basename(nb) for entry in BOOK.projects for nb in notebooks_of(entry["project"])}
    assert set(NOTEBOOKS) <= linked, f"notebooks no project links: {sorted(set(NOTEBOOKS) - linked)}"


def test_practice_notebooks_beside_their_phase_projects():
    """The notebooks for generative models, reinforcement learning and detection are practice for
    the topics their phase projects leave out (the data model: `practice:` on a project)."""
    practice = {p.notebook: (phase.id, p.topics) for phase in CUR.phases for p in phase.project.practice}
    assert practice["projects/07-vae-digits.ipynb"] == ("advanced-ai", ["generative-models"])
    assert practice["projects/08-q-learning-policy-gradient.ipynb"] == ("advanced-ai", ["reinforcement-learning"])
    assert practice["projects/09-detection-synthetic-shapes.ipynb"][0] == "computer-vision"


def _soup(site: Site, page: str) -> BeautifulSoup:
    return BeautifulSoup(site.html(page), "html.parser")


def _resolves(site: Site, page: str, href: str) -> pathlib.Path | None:
    """The file a relative link on `page` points at in the built site, if it exists."""
    target = urljoin(f"https://x/{page}", href).removeprefix("https://x/").split("#")[0]
    path = site.root / target
    path = path / "index.html" if target.endswith("/") or target == "" else path
    return path if path.is_file() else None


def _section(soup: BeautifulSoup, anchor: str) -> list:
    """The elements between a project's heading and the next project's."""
    heading = soup.find(id=anchor)
    assert heading is not None, f"no heading #{anchor}"
    out = []
    for element in heading.find_next_siblings():
        if element.name == "h2":
            break
        out.append(element)
    return out


@pytest.mark.parametrize("entry", BOOK.projects, ids=[e["anchor"] for e in BOOK.projects])
def test_projects_page_shows_who_builds_it_its_data_hours_and_links(site: Site, entry):
    page = "projects/"
    section = _section(_soup(site, page), entry["anchor"])
    text = " ".join(" ".join(e.get_text(" ").split()) for e in section)
    links = [a for e in section for a in e.find_all("a", href=True)]
    hrefs = [a["href"] for a in links]
    project = entry["project"]
    assert f"About {project.hours} hours" in text
    for track, stage in entry["used_by"]:
        assert track.title in text and stage.title in text, (track.id, stage.id)
    for dataset in project.datasets:
        assert dataset.url in hrefs and dataset.licence in text, dataset.title
    if entry["phase"]:  # the brief, deliverables and rubric are on the phase page
        assert any(h.endswith(f"phases/{entry['phase'].id}/#project") for h in hrefs)
    else:
        assert project.deliverables[0] in text and project.rubric[0] in text
    for notebook in [entry["notebook"], *(p.notebook for p in project.practice)]:
        if not notebook:
            continue
        name = posixpath.basename(notebook)
        stem = name.removesuffix(".ipynb")
        page_links = [h for h in hrefs if h.rstrip("/").endswith(stem)]
        downloads = [a["href"] for a in links if a.has_attr("download") and a["href"].endswith(name)]
        colab = [h for h in hrefs if h.startswith("https://colab.research.google.com/") and h.endswith(f"docs/{notebook}")]
        assert page_links and downloads and colab, f"{entry['anchor']}: links for {name}"
        assert _resolves(site, page, page_links[0]), page_links[0]
        assert _resolves(site, page, downloads[0]), f"the download link {downloads[0]} finds no file"


@pytest.mark.parametrize("phase", [p for p in CUR.phases if p.project.practice], ids=lambda p: p.id)
def test_phase_page_lists_its_practice_notebooks(site: Site, phase):
    page = f"phases/{phase.id}/"
    soup = _soup(site, page)
    for practice in phase.project.practice:
        name = posixpath.basename(practice.notebook)
        downloads = [a["href"] for a in soup.find_all("a", download=True) if a["href"].endswith(name)]
        assert downloads and _resolves(site, page, downloads[0]), f"{phase.id}: no working download of {name}"
        for topic_id in practice.topics:
            assert soup.find("a", href=f"#{topic_id}") or soup.find("a", href=f"./#{topic_id}"), topic_id
