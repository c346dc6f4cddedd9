"""Compiled modules kept between starts when Python is told not to write them beside the sources.

With PYTHONDONTWRITEBYTECODE set (or `python -B`) and no `__pycache__` beside our modules (a source
checkout, an editable install), Python would compile every module again at every start: ~0.1 s of the
tray app's start-up here. `keep_bytecode()` sends the compiled files to the app's cache folder instead
(`sys.pycache_prefix`, the mechanism of PYTHONPYCACHEPREFIX), so nothing is written beside the sources.
It does nothing in a frozen build, when the package ships its `.pyc` files, or when a prefix is set.
"""

from __future__ import annotations

import importlib.util
import os
import sys
from pathlib import Path

import quickreply

FOLDER = "bytecode"


def keep_bytecode(cache_dir: Path | None = None) -> Path | None:
    """Turn the bytecode cache on (see the module doc); returns its folder, or None when left alone."""
    if not sys.dont_write_bytecode or sys.pycache_prefix or getattr(sys, "frozen", False):
        return None
    init = quickreply.__file__
    if init is None or os.path.exists(importlib.util.cache_from_source(init)):
        return None  # compiled beside the sources (a wheel install): Python reads those already
    if cache_dir is None:
        from quickreply.paths import app_paths

        cache_dir = app_paths().cache
    folder = Path(cache_dir) / FOLDER
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None  # a read-only cache: start as before
    sys.pycache_prefix = str(folder)
    sys.dont_write_bytecode = False
    return folder
