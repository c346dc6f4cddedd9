"""`quickreply` with no command: the tray app, loaded without the command modules."""

from __future__ import annotations

import importlib


def start_app() -> int:
    try:
        app = importlib.import_module("quickreply.app")
    except ModuleNotFoundError as exc:
        if exc.name != "quickreply.app":
            raise
        from quickreply.cli.output import warn  # the catalogue: only on this path (start-up time)

        warn("cli.no_app")
        return 2
    return int(app.main() or 0)
