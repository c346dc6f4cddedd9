"""`python -m quickreply`: the same as the `quickreply` command (no arguments: the tray app)."""

from __future__ import annotations

import sys

from quickreply.cli import main

if __name__ == "__main__":
    sys.exit(main())
