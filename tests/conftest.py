"""Test isolation: Qt offscreen, and every settings/data/cache dir under a temp folder."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

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
