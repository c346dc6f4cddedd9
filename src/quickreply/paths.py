"""Where settings, data and caches live: QUICKREPLY_HOME=DIR puts everything under DIR."""

from __future__ import annotations

import os
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


def app_paths() -> Paths:
    """Portable layout under $QUICKREPLY_HOME when set, else the platform's standard dirs."""
    home = os.environ.get("QUICKREPLY_HOME")
    if home:
        root = Path(home).expanduser()
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
