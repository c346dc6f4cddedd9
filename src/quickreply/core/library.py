"""The agent's whole library, loaded layer by layer from disk.

Layers load in order — bundled starter packs, then `<config>/packs/*.toml` — and a pack in a later layer
with the same pack id replaces the earlier one whole (a team lead's edited copy of a starter pack wins).
Within a layer, a repeated pack id is a problem and the later file is left out. Team and personal
layers slot into `_layer_sources` when they arrive.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from quickreply.core.messages import msg
from quickreply.core.model import Layer, Library, Pack, Problem
from quickreply.core.packs.cache import gc_paused
from quickreply.core.packs.load import load_packs
from quickreply.core.settings.model import Settings, SettingsError, load_settings
from quickreply.core.sync.offline import cached_team_packs, subscriptions_dir
from quickreply.paths import Paths, bundled_packs_dir


def _toml_files(folder: Path) -> list[Path]:
    """The folder's packs by name; none (and no complaint) when it does not exist yet."""
    return sorted(p for p in folder.glob("*.toml") if p.is_file()) if folder.is_dir() else []


def _settings(paths: Paths, problems: list[Problem]) -> Settings | None:
    """The settings, for the starter-packs switch and the subscriptions; None when the file cannot be
    read (then no team packs load, said here; its bad values are reported with the settings)."""
    try:
        return load_settings(paths.settings_file)[0]
    except SettingsError as exc:
        problems.append(Problem(str(paths.settings_file), 0, msg("subs.team_not_loaded", detail=exc.message)))
        return None


def _team_packs(paths: Paths, settings: Settings | None) -> list[Path]:
    """Offline copies of the subscribed team packs (fetched by `quickreply sync` or the app)."""
    if settings is None or not settings.subscriptions:
        return []
    return cached_team_packs(subscriptions_dir(paths), settings.subscriptions)


def _layer_sources(
    paths: Paths, extra_packs: Sequence[Path], problems: list[Problem]
) -> list[tuple[Layer, list[Path]]]:
    """Where each layer's packs come from, in load order: later layers win on equal ids."""
    personal = [paths.personal_file] if paths.personal_file.is_file() else []
    settings = _settings(paths, problems)
    starter_packs = settings is None or settings.ui.starter_packs  # a bad file is reported elsewhere
    bundled = _toml_files(bundled_packs_dir()) if starter_packs else []
    return [
        (Layer.BUNDLED, bundled),
        (Layer.TEAM, _team_packs(paths, settings)),
        (Layer.LOCAL, [*_toml_files(paths.packs_dir), *extra_packs]),
        (Layer.PERSONAL, personal),
    ]


def library_files(paths: Paths, extra_packs: Sequence[Path] = ()) -> list[Path]:
    """Every pack file `load_library` would read, in load order (for the app to weigh a reload)."""
    return [file for _layer, files in _layer_sources(paths, extra_packs, []) for file in files]


def load_library(
    paths: Paths, extra_packs: Sequence[Path] = (), only: Sequence[Path] | None = None, use_cache: bool = True
) -> tuple[Library, list[Problem]]:
    """Every pack that loads, layered; problems of the rest. With `only`, just those files/folders (LOCAL)."""
    problems: list[Problem] = []
    if only is not None:
        sources = [(Layer.LOCAL, list(only))]
    else:
        sources = _layer_sources(paths, extra_packs, problems)
    by_id: dict[str, Pack] = {}
    for layer, files in sources:
        if not files:
            continue
        packs, found = load_packs(files, layer, paths.cache / "packs" if use_cache else None)
        problems.extend(found)
        for pack in packs:
            by_id.pop(pack.id, None)  # re-insert so the replacing pack sits in its own layer's order
            by_id[pack.id] = pack
    with gc_paused():  # indexing 100k phrases by id otherwise triggers full GC passes (~0.3 s)
        library = Library(tuple(by_id.values()))
    return library, problems
