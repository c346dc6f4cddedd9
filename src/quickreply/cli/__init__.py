"""The command line (docs/cli.md): `quickreply` starts the tray app; subcommands work headless and never
import Qt.

The face: `main(argv)`. `commands.py` holds the parser and `search`, `render`, `pack check`; `pack.py` adds
`pack import | export | diff` and `sync`; `lint.py` adds `pack lint`; `team.py` adds `subscribe` and
`unsubscribe`.
"""

from quickreply.cli.commands import main

__all__ = ["main"]
