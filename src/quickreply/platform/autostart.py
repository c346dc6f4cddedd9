"""Start on login: the HKCU Run key on Windows, an XDG autostart entry on Linux. Off unless asked for;
turning it off removes what turning it on wrote, and nothing else."""

from __future__ import annotations

import contextlib
import os
import sys
from pathlib import Path

RUN_KEY = r"Software\Microsoft\Windows\CurrentVersion\Run"
VALUE = "QuickReply"
DESKTOP_FILE = "quickreply.desktop"


def launch_command() -> list[str]:
    """What starts this copy of the app: the built exe itself, else this Python with `-m quickreply`."""
    if getattr(sys, "frozen", False):
        return [sys.executable]
    python = Path(sys.executable)
    windowed = python.with_name("pythonw.exe")  # no console window on Windows
    return [str(windowed if windowed.exists() else python), "-m", "quickreply"]


def _autostart_dir() -> Path:
    config = os.environ.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
    return Path(config) / "autostart"


def _quote_windows(args: list[str]) -> str:
    return " ".join(f'"{a}"' if " " in a or not a else a for a in args)


def _desktop_entry(args: list[str]) -> str:
    home = os.environ.get("QUICKREPLY_HOME")
    command = " ".join(_quote_desktop(a) for a in args)
    if home:  # a test or portable home must start the same copy of the data
        command = f"env QUICKREPLY_HOME={_quote_desktop(home)} {command}"
    return (
        "[Desktop Entry]\nType=Application\nName=QuickReply 快捷回复\n"
        f"Exec={command}\nX-GNOME-Autostart-enabled=true\nTerminal=false\n"
    )


def _quote_desktop(arg: str) -> str:
    if all(c.isalnum() or c in "/._-=:" for c in arg):
        return arg
    return '"' + arg.replace("\\", "\\\\").replace('"', '\\"').replace("$", "\\$").replace("`", "\\`") + '"'


def is_enabled() -> bool:
    if sys.platform == "win32":
        import winreg

        try:
            with winreg.OpenKey(winreg.HKEY_CURRENT_USER, RUN_KEY) as key:
                winreg.QueryValueEx(key, VALUE)
        except OSError:
            return False
        return True
    return (_autostart_dir() / DESKTOP_FILE).is_file()


def set_enabled(enabled: bool, args: list[str] | None = None) -> None:
    """Write (or remove) the login entry; raises OSError when the registry or folder refuses."""
    args = args or launch_command()
    if sys.platform == "win32":
        import winreg

        with winreg.CreateKey(winreg.HKEY_CURRENT_USER, RUN_KEY) as key:
            if enabled:
                winreg.SetValueEx(key, VALUE, 0, winreg.REG_SZ, _quote_windows(args))
            else:
                with contextlib.suppress(FileNotFoundError):
                    winreg.DeleteValue(key, VALUE)
        return
    entry = _autostart_dir() / DESKTOP_FILE
    if enabled:
        entry.parent.mkdir(parents=True, exist_ok=True)
        entry.write_text(_desktop_entry(args), encoding="utf-8")
    else:
        entry.unlink(missing_ok=True)
