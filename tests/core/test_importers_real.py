"""The importers on real espanso hub packages (tests/data/import/real/README.md): the phrase counts, what
was reported, no espanso syntax left in a text, and every pack passes the pack loader."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from quickreply.core.importers import ImportFailed, import_file
from quickreply.core.packs.export import pack_to_toml
from quickreply.core.packs.load import parse_pack
from quickreply.core.template import render_partial

REAL = Path(__file__).resolve().parents[1] / "data" / "import" / "real"
ESPANSO_SYNTAX = re.compile(r"\{\{\s*\w+(\.\w+)?\s*\}\}|\[\[\s*\w+\s*\]\]|\$\|\$")

IMPORTED = {
    "divination-oracles": (9, {"import.simplified_random"}),
    "espanso-dice": (10, {"import.code_rewritten", "import.simplified_random"}),
    "french-politeness": (24, set()),
    "gitmoji-chooser": (1, set()),
    "lorem": (8, {"import.simplified_random"}),
    "nf-core": (10, set()),
    "pan-snippets": (
        50,
        {
            "import.code_reused",
            "import.simplified_cursor",
            "import.simplified_date",
            "import.simplified_regex",
        },
    ),
    "verbose-form-template": (1, set()),
}
REFUSED = {
    "escape": "only a script variable",
    "good-morning": "an image",
    "quick-translate": "only a shell variable",
    "snipbank": "only a script variable",
}


@pytest.mark.parametrize("name", sorted(IMPORTED))
def test_hub_package_imports_faithfully(name: str) -> None:
    result = import_file(REAL / "espanso-hub" / name)
    count, reported = IMPORTED[name]
    assert len(result.pack.phrases) == count
    assert {w.code for w in result.warnings} == reported
    for phrase in result.pack.phrases:
        if name != "verbose-form-template":  # its text is espanso YAML on purpose
            assert not ESPANSO_SYNTAX.search(render_partial(phrase.text, {})), phrase.text
        assert phrase.text.strip()
    pack, problems = parse_pack(pack_to_toml(result.pack).encode(), name)
    assert pack is not None and not [p for p in problems if p.is_error]
    manifest = (REAL / "espanso-hub" / name / "_manifest.yml").read_text("utf-8")
    assert f"version: {result.pack.version}" in manifest


@pytest.mark.parametrize("name", sorted(REFUSED))
def test_hub_package_with_nothing_to_paste_says_why(name: str) -> None:
    with pytest.raises(ImportFailed, match=f"nothing to import.*{REFUSED[name]}"):
        import_file(REAL / "espanso-hub" / name)


def test_pan_snippets_echo_of_other_variables_is_expanded() -> None:
    result = import_file(REAL / "espanso-hub" / "pan-snippets")
    texts = [p.text for p in result.pack.phrases]
    assert "( receive_time leq '{date} {hour}:{minute}:00' )" in texts
