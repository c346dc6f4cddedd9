"""Where settings, data and caches live: QUICKREPLY_HOME=DIR puts everything under DIR."""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from pathlib import Path

import platformdirs

APP = "QuickReply"
RESOURCES = Path(__file__).resolve().parent / "resources"


@dataclass(frozen=True)
class Paths:
    config: Path  # settings.toml, packs/ (the user's drop-in packs)
    data: Path  # personal library, subscription copies, recent values, backups
    cache: Path  # search index cache

    @property
    def settings_file(self) -> Path:
        return self.config / "settings.toml"

    @property
    def packs_dir(self) -> Path:
        return self.config / "packs"

    @property
    def usage_file(self) -> Path:
        return self.data / "usage.json"

    @property
    def personal_file(self) -> Path:
        return self.data / "personal.toml"

    @property
    def personal_backups_dir(self) -> Path:
        return self.data / "backups" / "personal"

    @property
    def index_cache_dir(self) -> Path:
        return self.cache / "index"


PORTABLE_MARKER = "portable"  # a file of this name beside QuickReply.exe: keep all data beside it
PORTABLE_FOLDER = "QuickReplyData"


def portable_home() -> Path | None:
    """The data folder of a portable copy: a `portable` file (any content) next to the built executable."""
    if not getattr(sys, "frozen", False):
        return None
    folder = Path(sys.executable).resolve().parent
    return folder / PORTABLE_FOLDER if (folder / PORTABLE_MARKER).is_file() else None


def app_paths() -> Paths:
    """$QUICKREPLY_HOME when set, else a portable copy's folder, else the platform's standard dirs."""
    home = os.environ.get("QUICKREPLY_HOME")
    root = Path(home).expanduser() if home else portable_home()
    if root is not None:
        return Paths(config=root, data=root / "data", cache=root / "cache")
    return Paths(
        config=Path(platformdirs.user_config_dir(APP, appauthor=False)),
        data=Path(platformdirs.user_data_dir(APP, appauthor=False)),
        cache=Path(platformdirs.user_cache_dir(APP, appauthor=False)),
    )


def bundled_packs_dir() -> Path:
    """Starter packs shipped with the app (resources/packs in a checkout, or inside the package)."""
    inside = RESOURCES / "packs"
    if inside.is_dir():
        return inside
    return Path(__file__).resolve().parents[2] / "resources" / "packs"
