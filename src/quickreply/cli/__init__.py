"""The command line (docs/cli.md): `quickreply` starts the tray app; subcommands work headless and never
import Qt.

The face: `main(argv)`. `commands.py` holds the parser and `search`, `render`, `pack check`; `pack.py` adds
`pack import | export | diff` and `sync`; `lint.py` adds `pack lint`; `team.py` adds `subscribe` and
`unsubscribe`. `main` with no arguments starts the tray app without loading any of them (start-up time).
"""

from __future__ import annotations

import sys
from collections.abc import Sequence


def main(argv: Sequence[str] | None = None) -> int:
    """`quickreply [command …]`; `argv` None: this process's own arguments (then compiled modules are kept
    in the cache folder even under PYTHONDONTWRITEBYTECODE: cli/bytecode.py)."""
    if argv is None:
        from quickreply.cli.bytecode import keep_bytecode

        keep_bytecode()
    args = list(sys.argv[1:] if argv is None else argv)
    if not args:
        from quickreply.cli.start import start_app

        return start_app()
    from quickreply.cli.commands import main as run

    return run(args)


__all__ = ["main"]
