"""MkDocs hook: the offline edition, a build that works when its folder is
opened from disk (file://) on a machine with no network.

`mkdocs.offline.yml` inherits mkdocs.yml and sets ``extra.edition: offline``;
the web edition (mkdocs.yml alone) is left exactly as it is. In the offline
edition this hook, before any plugin reads the configuration:

* switches on Material's ``offline`` plugin (listed in mkdocs.yml with
  ``enabled: false``), which turns directory URLs off (`foundations.html`,
  not `foundations/`, which a browser shows as a file listing) and inlines the
  search index into ``search/search_index.js``;
* turns ``navigation.instant`` off: instant loading fetches pages, and fetch
  does not work from file:// (Material's documented limitation);
* serves the search worker shim (npm's ``iframe-worker``, pinned in
  package.json) from the site itself, so the offline plugin does not add its
  CDN address: Material loads every script in ``extra.polyfills`` in the head;
* leaves out 404.html, whose links start at the server's root: from a folder
  no server answers a missing page with it.

Nothing here knows about particular pages: links, the learner tools and the
print page work in both editions because they are built from MkDocs' own URLs.

Enable with ``hooks: [mkdocs_roadmap/hooks/offline.py]`` in mkdocs.yml.
"""

from __future__ import annotations

import json
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File

from mkdocs_roadmap.paths import book_root

EDITION = "offline"
OFFLINE_PLUGIN = "material/offline"
#: Instant loading and its variants (prefetch, progress) need fetch.
INSTANT = "navigation.instant"
#: Where the shim comes from (npm ci) and where the site serves it.
SHIM_PACKAGE = Path("node_modules") / "iframe-worker"
SHIM_SOURCE = SHIM_PACKAGE / "shim" / "index.js"
SHIM_URI = "assets/javascripts/iframe-worker-shim.js"


def is_offline(config) -> bool:
    return (config.extra or {}).get("edition") == EDITION


def _root(config) -> Path:
    return book_root(config.config_file_path)


def shim_text(root: Path) -> str:
    """The shim's code with a line naming it and its licence (MIT)."""
    source = root / SHIM_SOURCE
    if not source.is_file():
        raise PluginError(f"the offline edition serves {SHIM_SOURCE} from the site: run `npm ci` (or `make offline`)")
    meta = json.loads((root / SHIM_PACKAGE / "package.json").read_text(encoding="utf-8"))
    header = f"/*! {meta['name']} {meta['version']}, {meta['license']} licence, {meta.get('homepage', '')} */\n"
    return header + source.read_text(encoding="utf-8")


@event_priority(100)  # before the offline plugin's on_config reads its settings and the polyfills
def on_config(config):
    if not is_offline(config):
        return config
    plugin = config.plugins.get(OFFLINE_PLUGIN)
    if plugin is None:
        raise PluginError(f"the offline edition needs Material's `offline` plugin listed in mkdocs.yml ({OFFLINE_PLUGIN})")
    plugin.config.enabled = True
    config.use_directory_urls = False
    features = config.theme["features"]
    features[:] = [f for f in features if f != INSTANT and not f.startswith(INSTANT + ".")]
    polyfills = list(config.extra.get("polyfills") or [])
    config.extra["polyfills"] = [*polyfills, SHIM_URI]  # "iframe-worker" in it: the plugin adds no CDN copy
    return config


def on_files(files, config):
    if is_offline(config):
        files.append(File.generated(config, SHIM_URI, content=shim_text(_root(config))))
    return files


def on_post_build(config):
    if is_offline(config):
        (Path(config.site_dir) / "404.html").unlink(missing_ok=True)
