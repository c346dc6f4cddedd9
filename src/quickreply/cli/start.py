"""`quickreply` with no command: the tray app, loaded without the command modules."""

from __future__ import annotations

import importlib
import sys


def start_app() -> int:
    try:
        app = importlib.import_module("quickreply.app")
    except ModuleNotFoundError as exc:
        if exc.name != "quickreply.app":
            raise
        print("quickreply: the tray app is not available in this build; headless commands: quickreply --help",
              file=sys.stderr)  # fmt: skip
        return 2
    return int(app.main() or 0)
