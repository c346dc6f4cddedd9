"""`python -m quickreply`: the same as the `quickreply` command (no arguments: the tray app).

In a frozen build this is the exe's entry, and the exe is also the child that builds the library caches
for a background reload (app/library_build.py): that child is started with BUILD_ARG and imports no Qt.
"""

from __future__ import annotations

import sys

if __name__ == "__main__":
    if sys.argv[1:2] == ["--build-library-cache"]:  # library_build.BUILD_ARG
        from quickreply.app.library_build import main as build

        sys.exit(build())
    from quickreply.cli import main

    sys.exit(main())
