"""A practice notebook beside a project (models.py lists them under a project's `practice:`)."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field, StringConstraints

from .types import Id, Strict, Title

#: A notebook's path under docs/ (the project notebooks live in docs/projects/).
NotebookPath = Annotated[str, StringConstraints(pattern=r"^projects/[a-z0-9-]+\.ipynb$")]


class Practice(Strict):
    """A worked notebook beside a project, for topics of its phase or stage that the project's own
    notebook leaves out. Its time is part of those topics' hours, not of the project's."""

    title: Title
    notebook: NotebookPath = Field(description="Path under docs/ of the practice notebook.")
    topics: list[Id] = Field(min_length=1, max_length=4,
                             description="The topics it practises: ids of topics of the same phase or stage.")
