"""The running tray app: the composition root and the Qt controllers only it uses.

The face: `main()` (start the app; `root.build_app` builds it without running, for tests). `root` is the
only place that picks the OS backend and wires core, platform and gui together. Its controllers:
`session` (hotkeys, tray choices and picks become pastes), `paste_runner` (drives core's paste sequence
from the Qt event loop), `hotkey_bridge` / `hotkey_state` (global hotkeys to the main thread, and their
state), `team_sync` / `team_sync_status` (syncs while running, and what the agent sees of them),
`problem_notices` (what is wrong with the setup), `windows` (settings dialog and editor on demand),
`user_files` (settings, packs, usage as the app reads and writes them), `single_instance`, `startup`.
"""

from __future__ import annotations


def main() -> int:
    """Start the tray app (the `quickreplyw` gui-script). Qt loads here, not with the package: the child
    that builds the library caches (library_build.py) imports `quickreply.app` without Qt."""
    from quickreply.app.startup import skip_pyside_source_reads

    skip_pyside_source_reads()  # before the ~220 modules the app imports after PySide6
    from quickreply.app.root import main as run

    return run()


__all__ = ["main"]
