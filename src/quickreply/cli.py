"""Command line: `quickreply` starts the tray app; subcommands work headless."""

from __future__ import annotations

import sys


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if not args:
        print("quickreply: the tray app is not built yet")
        return 2
    print("quickreply: not implemented yet", file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main())
