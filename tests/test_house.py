"""The repository's house papers agree with each other: the licences (text
CC BY-SA 4.0, code MIT) as README, CITATION.cff and the licence files state
them, and the security and conduct policies say where to report."""

from __future__ import annotations

import re

import yaml

from conftest import ROOT

HOLDER = "The ML Roadmap contributors"


def test_code_is_mit_and_text_is_cc_by_sa() -> None:
    mit = (ROOT / "LICENSE").read_text(encoding="utf-8")
    assert mit.startswith("MIT License\n\nCopyright (c) 2026 The ML Roadmap contributors\n")
    assert "THE SOFTWARE IS PROVIDED \"AS IS\"" in mit
    cc = (ROOT / "LICENSES" / "CC-BY-SA-4.0.txt").read_text(encoding="utf-8")
    assert cc.startswith("Attribution-ShareAlike 4.0 International\n")
    assert "Creative Commons Attribution-ShareAlike 4.0 International Public\nLicense" in cc
    assert "Section 8 -- Interpretation." in cc, "the whole legal code, not a summary"


def test_readme_states_the_licences() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("\n## Licence\n", 1)[1].split("\n## ", 1)[0]
    assert "https://creativecommons.org/licenses/by-sa/4.0/" in section and "(CC BY-SA 4.0" in section
    assert "[MIT License](LICENSE)" in section and "LICENSES/CC-BY-SA-4.0.txt" in section
    assert HOLDER in section


def test_citation_file() -> None:
    cff = yaml.safe_load((ROOT / "CITATION.cff").read_text(encoding="utf-8"))
    assert cff["cff-version"] == "1.2.0"
    assert cff["title"] == "The ML Roadmap" and cff["message"]
    assert cff["authors"] == [{"name": HOLDER}]
    assert cff["license"] == "CC-BY-SA-4.0"
    assert cff["repository-code"] == "https://github.com/ml-roadmap/ml-roadmap"
    assert cff["url"] == "https://ml-roadmap.github.io/ml-roadmap/"
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", str(cff["date-released"]))


def test_security_and_conduct_say_where_to_report() -> None:
    security = (ROOT / "SECURITY.md").read_text(encoding="utf-8")
    assert "https://github.com/ml-roadmap/ml-roadmap/security/advisories/new" in security
    assert "## Defences and where they are tested" in security
    conduct = (ROOT / "CODE_OF_CONDUCT.md").read_text(encoding="utf-8")
    assert "Contributor Covenant" in conduct and "version 2.1" in conduct
    assert "[INSERT CONTACT METHOD]" not in conduct


def test_every_test_the_security_table_names_exists() -> None:
    """SECURITY.md's "Tested in" column names files and functions (`tests/x.py::test_y`, or
    `tests/x.py` (`test_y`, …)); a renamed or deleted test must not leave a defence untested."""
    security = (ROOT / "SECURITY.md").read_text(encoding="utf-8")
    table = security[security.index("## Defences and where they are tested"):]
    named = re.findall(r"`(tests/[\w/]+\.py)::(\w+)`", table)
    named += [(path, name) for path, names in re.findall(r"`(tests/[\w/]+\.py)` \(([^)]*)\)", table)
              for name in re.findall(r"`(test_\w+)`", names)]
    assert len(named) > 40
    for path in {path for path in re.findall(r"`(tests/[\w/]+\.py)", table)}:
        assert (ROOT / path).is_file(), f"SECURITY.md names {path}, which does not exist"
    for path, name in named:
        source = (ROOT / path).read_text(encoding="utf-8")
        assert re.search(rf"^def {name}\(", source, re.M), f"SECURITY.md names {path}::{name}, which does not exist"


def test_every_page_footer_names_both_licences(site) -> None:
    """The footer of the built book says what a reader may do with the text and with the code."""
    footer = re.search(r'<div class="md-copyright__highlight">(.*?)</div>', site.html("phases/foundations/"), re.S)
    assert footer, "no copyright line in the footer"
    text = re.sub(r"\s+", " ", footer[1]).strip()
    assert "CC BY-SA 4.0" in text and "MIT License" in text and "ML Roadmap contributors" in text, text
