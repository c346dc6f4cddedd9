"""Start on login: written when turned on, removed cleanly when turned off (XDG on Linux, HKCU Run on
Windows: the Windows lane runs this against Wine's registry)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from quickreply.platform import autostart


@pytest.fixture(autouse=True)
def config_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    if sys.platform == "win32":  # the real HKCU: leave it as found
        was = autostart.is_enabled()
        yield tmp_path
        if not was:
            autostart.set_enabled(False)
        return
    yield tmp_path


def test_off_by_default_then_on_then_cleanly_off(config_home: Path) -> None:
    if sys.platform != "win32":
        assert autostart.is_enabled() is False
    autostart.set_enabled(True, ["C:/Program Files/QuickReply/QuickReply.exe"])
    assert autostart.is_enabled() is True
    if sys.platform == "win32":
        import winreg

        with winreg.OpenKey(winreg.HKEY_CURRENT_USER, autostart.RUN_KEY) as key:
            value, _ = winreg.QueryValueEx(key, autostart.VALUE)
        assert value == '"C:/Program Files/QuickReply/QuickReply.exe"'
    else:
        entry = config_home / "config" / "autostart" / "quickreply.desktop"
        text = entry.read_text(encoding="utf-8")
        assert "Exec=env QUICKREPLY_HOME=" in text and '"C:/Program Files/QuickReply/QuickReply.exe"' in text
    autostart.set_enabled(False)
    assert autostart.is_enabled() is False
    autostart.set_enabled(False)  # twice is fine
    if sys.platform != "win32":
        assert list((config_home / "config" / "autostart").iterdir()) == []


def test_the_command_starts_this_copy() -> None:
    command = autostart.launch_command()
    assert command[-2:] == ["-m", "quickreply"] and Path(command[0]).exists()
