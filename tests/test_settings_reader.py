"""settings.toml has one reader, the settings model (core/settings): the app, the CLI and the sync all read
it through `load_settings`, so a value is checked once, the same way, wherever it is used.

Two checks: no module outside core/settings imports a TOML parser unless it reads another kind of file
(listed below with the file it reads); and every way in — library load, the app's read, the team sync,
the dialog's 团队短语 page, `quickreply sync` / `subscribe --list` / `subscribe` / `unsubscribe` / `search` —
parses settings.toml only from inside the settings package.
"""

from __future__ import annotations

import ast
import io
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from quickreply.core import toml_load

SRC = Path(__file__).resolve().parents[1] / "src" / "quickreply"
PARSERS = {"tomli", "tomllib", "quickreply.core.toml_load"}
# Modules that parse TOML which is not settings.toml, and what they parse.
OTHER_FILES = {
    "core/toml_load.py": "the parser itself",
    "core/packs/load.py": "pack files",
    "core/rules/load.py": "rules.toml and a pack's [lint]",
    "core/search/lexicon.py": "the synonym lexicon",
    "cli/lint.py": "rules.toml and a pack's [lint] (quickreply pack lint)",
}
MARK = "# one-reader-mark"


def _imports_a_parser(tree: ast.AST) -> bool:
    for node in ast.walk(tree):
        if isinstance(node, ast.Import) and any(a.name in PARSERS for a in node.names):
            return True
        if isinstance(node, ast.ImportFrom):
            module = node.module or ""
            if module in PARSERS or any(f"{module}.{a.name}" in PARSERS for a in node.names):
                return True
    return False


def test_only_the_settings_package_and_readers_of_other_files_import_a_toml_parser() -> None:
    found = set()
    for path in SRC.rglob("*.py"):
        relative = path.relative_to(SRC).as_posix()
        if _imports_a_parser(ast.parse(path.read_text(encoding="utf-8"))):
            found.add(relative)
    outside = {p for p in found if not p.startswith("core/settings/")}
    assert outside == set(OTHER_FILES), "a TOML parser outside core/settings: " + ", ".join(
        sorted(outside - set(OTHER_FILES))
    )


@pytest.fixture
def settings_reads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The module of every caller that parses settings.toml's text (recognised by its marker comment)."""
    callers: list[str] = []
    real = toml_load.loads

    def loads(text: str) -> dict[str, Any]:
        if MARK in text:
            callers.append(sys._getframe(1).f_globals["__name__"])
        return real(text)

    monkeypatch.setattr(toml_load, "loads", loads)
    return callers


def _write_settings(home: Path, share: Path) -> Path:
    share.mkdir(exist_ok=True)
    path = home / "settings.toml"
    path.write_text(
        f'{MARK}\n[profile]\nshop = "小鹿旗舰店"\n\n[sync]\ninterval_minutes = 5\n\n'
        f"[[subscriptions]]\nname = \"团队\"\npath = '{share}'\n",
        encoding="utf-8",
    )
    return path


def _ways_in(home: Path, share: Path, qtbot: QtBot) -> dict[str, Callable[[], object]]:
    from quickreply.app.team_sync import TeamSync
    from quickreply.app.user_files import read_settings
    from quickreply.cli import main
    from quickreply.cli.sync import sync_command
    from quickreply.core.library import load_library
    from quickreply.core.sync.subscribe import Target, subscribe, unsubscribe
    from quickreply.gui.settings.team import TeamTab
    from quickreply.paths import app_paths

    paths = app_paths()

    def team_page() -> None:
        page = TeamTab(paths.settings_file, None)
        qtbot.addWidget(page)
        page.reload()

    return {
        "library": lambda: load_library(paths),
        "app settings": lambda: read_settings(paths.settings_file),
        "team sync": lambda: TeamSync(paths).configure(),
        "team page": team_page,
        "quickreply sync": lambda: sync_command(paths, False, io.StringIO()),
        "subscribe --list": lambda: main(["subscribe", "--list"]),
        "search": lambda: main(["search", "您好"]),
        "subscribe": lambda: subscribe(paths.settings_file, Target("url", "http://intranet/t.toml")),
        "unsubscribe": lambda: unsubscribe(paths.settings_file, "http://intranet/t.toml"),
    }


def test_every_way_in_reads_settings_through_the_settings_package(
    quickreply_home: Path, tmp_path: Path, qtbot: QtBot, settings_reads: list[str], capsys: Any
) -> None:
    _write_settings(quickreply_home, tmp_path / "share")
    for name, way_in in _ways_in(quickreply_home, tmp_path / "share", qtbot).items():
        settings_reads.clear()
        way_in()
        assert settings_reads, f"{name}: settings.toml was not read at all (the check saw nothing)"
        outside = [m for m in settings_reads if not m.startswith("quickreply.core.settings.")]
        assert outside == [], f"{name} parses settings.toml outside core/settings: {outside}"
    capsys.readouterr()
