"""Start-up: what the tray app loads before its first popup, and the bytecode it keeps (issue 11)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

# Needed only later (a sync, a save, a dialog, an import or export, a command): never loaded at start.
LATER = (
    "http.client",
    "email",
    "openpyxl",
    "yaml",
    "quickreply.cli.commands",
    "quickreply.core.sync.fetch",
    "quickreply.core.sync.run",
    "quickreply.core.packs.export",
    "quickreply.core.importers",
    "quickreply.gui.settings.dialog",
    "quickreply.gui.team_updates",
    "quickreply.gui.editor",
    "filelock",  # the personal library's lock: made on its first load or save
    "zstandard",  # the cache files' frames: read by the library loader's worker
)


def _loaded_after(code: str, env: dict[str, str] | None = None) -> set[str]:
    out = subprocess.run(
        [sys.executable, "-c", code + "\nimport sys\nprint('\\n'.join(sys.modules))"],
        capture_output=True, text=True, check=True, env=env,
    )  # fmt: skip
    return set(out.stdout.split())


def test_the_tray_app_loads_nothing_the_first_popup_does_not_need() -> None:
    loaded = _loaded_after("import quickreply.cli, quickreply.cli.start, quickreply.app.root")
    early = sorted(m for m in LATER if m in loaded or any(n.startswith(m + ".") for n in loaded))
    assert early == [], f"loaded at start: {early}"


def test_bytecode_is_kept_in_the_cache_when_python_writes_none_beside_the_sources(tmp_path: Path) -> None:
    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}
    env.pop("PYTHONPYCACHEPREFIX", None)
    code = (
        "import sys, importlib.util\n"
        "from quickreply.cli.bytecode import keep_bytecode\n"
        f"folder = keep_bytecode({str(tmp_path)!r})\n"
        "import quickreply.core.template as t\n"
        "print(folder, importlib.util.cache_from_source(t.__file__))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env)
    folder, pyc = out.stdout.split()
    import quickreply

    beside = Path(quickreply.__file__).parent / "__pycache__"
    if beside.is_dir() and any(beside.glob("__init__.*.pyc")):  # a wheel install ships them: left alone
        assert folder == "None"
        return
    assert Path(folder) == tmp_path / "bytecode"
    assert Path(pyc).is_file() and Path(pyc).is_relative_to(tmp_path)


def test_bytecode_is_left_alone_when_python_may_write_it(tmp_path: Path) -> None:
    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}  # nothing written beside the sources by the test
    env.pop("PYTHONPYCACHEPREFIX", None)
    code = (
        "import sys\nfrom quickreply.cli.bytecode import keep_bytecode\nsys.dont_write_bytecode = False\n"
        f"print(keep_bytecode({str(tmp_path)!r}))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env)
    assert out.stdout.strip() == "None"
    assert not (tmp_path / "bytecode").exists()


def test_pyside_reads_no_source_file_of_the_modules_imported_after_it() -> None:
    # PySide6's import hook read every later module's source to look for "PySide6" (20-35 ms at start).
    code = (
        "from quickreply.app.startup import skip_pyside_source_reads\n"
        "skip_pyside_source_reads()\n"
        "import linecache, os, sys, quickreply.app.root\n"
        "flags = sys.modules['PySide6.support.feature'].pyside_feature_dict\n"
        "ours = os.path.dirname(quickreply.__file__)\n"
        "read = [f for f in linecache.cache if f.startswith(ours)]\n"
        "print(len(read), flags.get('quickreply.gui.popup.window'), flags.get('quickreply.core.model'))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    read, popup, model = out.stdout.split()
    assert read == "0"  # no source file read
    # A Qt module is still told from a pure one. (PySide6 6.9, the Windows lane's, asks only about the
    # modules that import from it, and never about these two: then both are absent.)
    import PySide6

    asked_of_all = PySide6.__version_info__[:2] >= (6, 11)
    assert (popup, model) in ({("0", "-1")} if asked_of_all else {("0", "-1"), ("None", "None")})
