"""Test isolation: Qt offscreen, and every settings/data/cache dir under a temp folder."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import settings

# Property tests (tests/core/test_fuzz.py): a short budget in the normal suite; scripts/fuzz.sh sets
# HYPOTHESIS_PROFILE=long for the long run.
settings.register_profile("ci", max_examples=25, deadline=None, derandomize=True)
settings.register_profile(
    "long", max_examples=int(os.environ.get("HYPOTHESIS_LONG_EXAMPLES", "3000")), deadline=None
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

# Without a platform Qt aborts the run (exit 134) on a machine with no display.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

REPO = Path(__file__).resolve().parents[1]
STARTER_PACKS = REPO / "resources" / "packs"


@pytest.fixture(autouse=True)
def quickreply_home(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Never touch the user's real files: QUICKREPLY_HOME points at a fresh temp dir per test."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("QUICKREPLY_HOME", str(home))
    return home


@pytest.fixture(autouse=True)
def cli_in_english(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The CLI speaks English in tests whatever this machine's locale (tests that need another language
    say so), and a `--lang` given in one test does not leak into the next."""
    from quickreply.cli import language

    monkeypatch.setenv("QUICKREPLY_LANG", "en")
    yield
    language.choose(None)
