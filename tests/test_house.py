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
