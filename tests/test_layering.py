"""The core stays pure: importing it must not load Qt or OS input libraries."""

import subprocess
import sys

# The Windows adapters are caught by name, not by ctypes.wintypes: filelock (core's file lock) loads that
# on Windows for its own file handles, which is no OS input code.
FORBIDDEN = (
    "PySide6",
    "keyboard",
    "pynput",
    "Xlib",
    "quickreply.platform",
    "quickreply.gui",
    "quickreply.app",
)


def test_core_imports_no_qt_or_os_input_libraries() -> None:
    code = (
        "import importlib, pkgutil, sys, quickreply.core as c\n"
        "for m in pkgutil.walk_packages(c.__path__, 'quickreply.core.'):\n"
        "    importlib.import_module(m.name)\n"
        f"bad = [m for m in sys.modules if any(m == f or m.startswith(f + '.') for f in {FORBIDDEN!r})]\n"
        "print(','.join(bad))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "", f"core pulled in: {out.stdout.strip()}"
