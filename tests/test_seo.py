"""What search engines read: descriptions from the data, canonical URLs, a
complete sitemap and the FAQ as structured data."""

from __future__ import annotations

import html
import io
import json
import re
import xml.etree.ElementTree as ET

import pytest
import yaml
from ruamel.yaml import YAML

from conftest import DATA, ROOT, Site

CUR = yaml.safe_load(DATA.read_text(encoding="utf-8"))
SITE_URL = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8").split("\n# -- Theme")[0], Loader=yaml.SafeLoader)["site_url"]


def meta_description(page_html: str) -> str:
    match = re.search(r'<meta name="description" content="([^"]*)"', page_html)
    assert match, "page has no <meta name=description>"
    return html.unescape(match.group(1))


def pages(site: Site) -> list[str]:
    """URL paths of the built pages (print page aside: it repeats the others)."""
    out = []
    for path in site.root.rglob("index.html"):
        rel = path.parent.relative_to(site.root).as_posix()
        page = "" if rel == "." else rel + "/"
        if not page.startswith(("print_page/", "assets/", "search/")):
            out.append(page)
    return sorted(out)


@pytest.mark.parametrize("phase", CUR["phases"], ids=lambda p: p["id"])
def test_phase_chapter_description_is_its_summary(site: Site, phase: dict) -> None:
    assert meta_description(site.html(f"phases/{phase['id']}/")) == " ".join(phase["summary"].split())


def test_description_from_the_data_is_escaped(book_copy, tmp_path) -> None:
    """Material writes page descriptions into an attribute without escaping:
    a contributor's quote or tag in a summary must stay text."""
    yml = YAML()
    data = yml.load(book_copy.read())
    data["phases"][0]["summary"] = 'Quotes " and <b>tags</b> & ampersands stay text.'
    out = io.StringIO()
    yml.dump(data, out)
    book_copy.write(out.getvalue())
    result = book_copy.build(tmp_path / "site")
    assert result.returncode == 0, result.stdout + result.stderr
    page = (tmp_path / "site" / "phases" / data["phases"][0]["id"] / "index.html").read_text(encoding="utf-8")
    assert '<meta name="description" content="Quotes &#34; and &lt;b&gt;tags&lt;/b&gt; &amp; ampersands stay text.">' in page


def test_every_page_is_in_the_sitemap_with_the_site_url(site: Site) -> None:
    tree = ET.parse(site.root / "sitemap.xml")
    locs = {el.text for el in tree.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")}
    expected = {SITE_URL + page for page in pages(site)}
    assert expected - locs == set(), f"pages missing from sitemap.xml: {sorted(expected - locs)}"
    assert all(loc.startswith(SITE_URL) for loc in locs)


def test_every_page_has_its_canonical_url(site: Site) -> None:
    for page in pages(site):
        assert f'<link rel="canonical" href="{SITE_URL}{page}">' in site.html(page), page


def test_faq_structured_data_matches_the_faq(site: Site) -> None:
    page = site.html("faq/")
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', page, re.S)
    assert len(blocks) == 1
    data = json.loads(blocks[0])
    assert data["@type"] == "FAQPage"
    assert [(q["name"], q["acceptedAnswer"]["text"]) for q in data["mainEntity"]] == [
        (" ".join(f["question"].split()), " ".join(f["answer"].split())) for f in CUR["faqs"]
    ]
    assert "<" not in blocks[0], "data inside <script> must have < escaped"
