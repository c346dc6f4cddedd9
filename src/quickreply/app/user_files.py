"""The agent's files as the running app reads and writes them: settings.toml, the packs with their search
index, and usage.json. What goes wrong is logged here; the app decides what to tell the agent."""

from __future__ import annotations

import logging
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from quickreply.core.library import load_library
from quickreply.core.messages import Message, msg, render
from quickreply.core.model import Library, Pack, Problem
from quickreply.core.personal import PersonalLibrary, PersonalLibraryError
from quickreply.core.settings.model import Settings, SettingsError, load_settings
from quickreply.core.usage.counts import Usage
from quickreply.gui import i18n
from quickreply.paths import Paths

if TYPE_CHECKING:
    from quickreply.core.search.index import SearchIndex

log = logging.getLogger("quickreply")  # the app's own log lines, as they always were


def read_settings(path: Path) -> tuple[Settings, str, list[Message]]:
    """The user's settings, or defaults with the reason (in the UI language), and the values that could
    not be used as written (each says which value is used instead); the file itself is never touched here."""
    try:
        settings, warnings = load_settings(path)
    except SettingsError as exc:
        log.error("%s", exc)
        return Settings(), i18n.text_of(exc.message), []
    for warning in warnings:
        log.warning("%s", render(warning, "en"))
    return settings, "", warnings


def load_packs(paths: Paths, extra_packs: Sequence[Path]) -> tuple[Library, list[Problem], SearchIndex]:
    """Every layer of packs, what is wrong in them, and the search index (from the cache when current)."""
    from quickreply.core.search.cache import load_or_build_library_index  # loads on first use

    library, problems = load_library(paths, extra_packs)
    index = load_or_build_library_index(library.packs, library.phrases(), paths.index_cache_dir)
    index.add_synonyms([group for pack in library.packs for group in pack.synonyms])
    return library, problems, index


def log_loaded(library: Library, problems: list[Problem], started: float) -> None:
    """One line for the loaded library (time since `started`, a perf_counter value), one per problem."""
    log.info(
        "library: %d packs, %d phrases, %d problems in %.0f ms",
        len(library.packs), len(library.phrases()), len(problems), (time.perf_counter() - started) * 1000,
    )  # fmt: skip
    for problem in problems:
        log.warning("pack problem: %s", problem)


def save_usage(usage: Usage, path: Path) -> None:
    """Save usage.json; a failure is only logged (a lost usage count must never stop the app)."""
    try:
        usage.save(path)
    except OSError as exc:
        log.warning("cannot save usage: %s", exc)


def rescue_unsaved(pack: Pack, personal: PersonalLibrary, paths: Paths) -> Path | None:
    """The app is quitting with edits the library could not take (full disk, read-only folder): write
    them to the first folder that accepts them — the data folder, the temp folder, the home folder."""
    name = f"personal.unsaved-{time.strftime('%Y%m%d-%H%M%S')}.toml"
    for folder in (paths.data, Path(tempfile.gettempdir()), Path.home()):
        try:
            personal.save_copy(pack, folder / name)
        except PersonalLibraryError as exc:
            log.error("cannot rescue the unsaved edits to %s: %s", folder, exc)
            continue
        log.error("%s", render(msg("reliability.unsaved_rescue", path=str(folder / name)), "en"))
        return folder / name
    return None
