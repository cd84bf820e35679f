"""What the book publishes for machines, next to the pages.

After a build, `write()` puts into the site folder:

- `curriculum.json`: the checked curriculum as data (it carries its `version`),
  so other tools can build on the roadmap without parsing YAML;
- `curriculum.schema.json`: the JSON Schema it validates against (the same
  schema, generated from roadmap/data/models.py, that the data file is edited with);
- `changelog.xml`: an Atom feed of resources added, newest first, rendered
  from `roadmap/pages/templates/changelog.xml` (autoescaped, so every string is
  XML-escaped).

The changelog page (`roadmap/pages/templates/changelog.html`) groups the same
entries by day with `changelog()`. Nothing here touches the network.
"""

from __future__ import annotations

import datetime as dt
import pathlib
from itertools import groupby
from typing import NamedTuple

from ..data.models import Curriculum, Phase, Resource, Topic
from ..data.schema import schema_text
from ..pages.render import render_to

EXPORT = "curriculum.json"
SCHEMA = "curriculum.schema.json"
FEED = "changelog.xml"
CHANGELOG_PAGE = "changelog/"  # the URL of docs/changelog.md, relative to the site root


class Addition(NamedTuple):
    phase: Phase
    topic: Topic
    resource: Resource


def export_text(cur: Curriculum) -> str:
    """The curriculum as JSON, in the order and shape of the data file.
    (pydantic writes it straight from the models: no dict copy of the data.)"""
    return cur.model_dump_json(indent=2) + "\n"


def changelog(cur: Curriculum) -> list[tuple[dt.date, list[Addition]]]:
    """Resources grouped by the day they were added, newest day first; within a
    day, in the order the book presents them."""
    additions = [Addition(phase, topic, resource) for phase, topic in cur.topics() for resource in topic.resources]
    additions.sort(key=lambda a: a.resource.added, reverse=True)  # stable: book order within a day
    return [(day, list(group)) for day, group in groupby(additions, key=lambda a: a.resource.added)]


def _feed_context(cur: Curriculum, site_url: str) -> dict:
    """What the Atom feed template needs. `site_url` ends with '/'; links in the feed are absolute."""
    days = changelog(cur)
    return dict(cur=cur, days=days, updated=days[0][0] if days else dt.date(2000, 1, 1), site_url=site_url,
                feed_url=site_url + FEED, page_url=site_url + CHANGELOG_PAGE)


def write(cur: Curriculum, site_dir: pathlib.Path, site_url: str) -> list[pathlib.Path]:
    """Write the three files one after the other (the feed streamed from its
    template), so no two of them are in memory at once."""
    site_url = site_url.rstrip("/") + "/"
    (site_dir / EXPORT).write_text(export_text(cur), encoding="utf-8")
    (site_dir / SCHEMA).write_text(schema_text(), encoding="utf-8")
    render_to(site_dir / FEED, "changelog.xml", **_feed_context(cur, site_url))
    return [site_dir / EXPORT, site_dir / SCHEMA, site_dir / FEED]
