"""MkDocs hook: one Content-Security-Policy for every page of the built site.

GitHub Pages cannot send headers, so the policy is a `<meta http-equiv>` tag,
placed right after `<meta charset>` so it governs every script that follows.
Scripts may come only from the site itself (`'self'`) or be one of the inline
scripts the theme writes, allowed by their SHA-256 hash (computed here from the
built pages, so an upgrade of Material that changes them is picked up). Any
other inline script, such as one smuggled in through data or a notebook, is
refused by the browser and reported as a `securitypolicyviolation`.

Instant navigation keeps the first page's policy for the whole visit, so the
policy is one for the whole site: the hashes of the inline scripts of every
page together. `mkdocs serve` injects its own live-reload script, so the policy
is left out there, and in the offline edition (file:// pages have no origin
for 'self' to match); the published site's build always writes it.
"""

from __future__ import annotations

import base64
import hashlib
import re
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig

SCRIPT = re.compile(r"<script(?P<attrs>(?:\s[^>]*)?)>(?P<body>.*?)</script>", re.S | re.I)
NOT_JAVASCRIPT = re.compile(r"""\b(src|type\s*=\s*["']?(?!(?:text|application)/(?:java|ecma)script|module))""", re.I)
ARTICLE = re.compile(r"<article\b.*</article>", re.S | re.I)
CHARSET = re.compile(r"<meta charset=[^>]*>", re.I)
POLICY = (
    "default-src 'self'; script-src 'self' {hashes}; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
    "font-src 'self' data:; connect-src 'self'; worker-src 'self' blob:; frame-src 'none'; object-src 'none'; "
    "base-uri 'self'; form-action 'self'; manifest-src 'self'"
)
_serving = False


def on_startup(command: str, dirty: bool) -> None:
    global _serving
    _serving = command == "serve"


def inline_script_hashes(html: str) -> set[str]:
    """'sha256-…' of every inline JavaScript element the theme wrote around a page's
    content (JSON data blocks are not scripts). Scripts inside the content itself
    (`<article>`: where data and notebooks end up) are never hashed, so never run."""
    out = set()
    chrome = ARTICLE.sub("", html)
    for match in SCRIPT.finditer(chrome):
        if not NOT_JAVASCRIPT.search(match.group("attrs")):
            digest = hashlib.sha256(match.group("body").encode("utf-8")).digest()
            out.add(f"'sha256-{base64.b64encode(digest).decode()}'")
    return out


def policy(hashes: set[str]) -> str:
    return POLICY.format(hashes=" ".join(sorted(hashes)))


def on_post_build(config: MkDocsConfig) -> None:
    # The offline edition is opened from file://, where a page has no origin for
    # 'self' to match: the policy would refuse the book's own scripts. It is left out there.
    if _serving or (config.extra or {}).get("edition") == "offline":
        return
    pages = sorted(Path(config.site_dir).rglob("*.html"))
    texts = {path: path.read_text(encoding="utf-8") for path in pages}
    hashes = set().union(*(inline_script_hashes(text) for text in texts.values()))
    tag = f'<meta http-equiv="Content-Security-Policy" content="{policy(hashes)}">'
    for path, text in texts.items():
        new, count = CHARSET.subn(lambda m: m.group() + "\n    " + tag, text, count=1)
        if count:
            path.write_text(new, encoding="utf-8")
