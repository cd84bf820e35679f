"""The ML Roadmap's data engine: curriculum.yml -> typed models -> checks -> pages.

It never imports MkDocs; `mkdocs_roadmap/` is the thin adapter MkDocs loads.

- `roadmap.data`: the models and the loader (where the data file is read);
- `roadmap.checks`: what a reviewer would catch (where it is checked);
- `roadmap.pages`: the schedule, the derived book and the templates (where pages are made);
- `roadmap.exports`: what the book publishes for machines (curriculum.json, the feed);
- `roadmap.contrib`: the logic behind contributors' commands (scripts/).
"""
