"""Where files live: QUICKREPLY_HOME, a portable copy (a `portable` file beside the exe), else the OS dirs."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from quickreply.paths import app_paths


@pytest.fixture
def frozen_exe(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A built copy unzipped to tmp_path/QuickReply (sys.frozen and sys.executable as PyInstaller sets)."""
    folder = tmp_path / "QuickReply"
    folder.mkdir()
    exe = folder / "QuickReply.exe"
    exe.write_bytes(b"")
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "executable", str(exe))
    monkeypatch.delenv("QUICKREPLY_HOME")
    return folder


def test_a_portable_marker_keeps_every_file_beside_the_exe(frozen_exe: Path) -> None:
    (frozen_exe / "portable").write_text("", encoding="utf-8")
    paths = app_paths()
    root = frozen_exe / "QuickReplyData"
    assert (paths.config, paths.data, paths.cache) == (root, root / "data", root / "cache")


def test_without_the_marker_a_built_copy_uses_the_users_folders(frozen_exe: Path) -> None:
    assert frozen_exe not in app_paths().config.parents


def test_quickreply_home_wins_over_the_marker(frozen_exe: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (frozen_exe / "portable").write_text("", encoding="utf-8")
    monkeypatch.setenv("QUICKREPLY_HOME", str(frozen_exe.parent / "elsewhere"))
    assert app_paths().config == frozen_exe.parent / "elsewhere"


def test_a_marker_beside_python_itself_means_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("QUICKREPLY_HOME")
    monkeypatch.setattr(sys, "executable", str(tmp_path / "python.exe"))
    (tmp_path / "portable").write_text("", encoding="utf-8")
    assert tmp_path not in app_paths().config.parents
