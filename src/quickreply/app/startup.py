"""Process-wide start-up chores: the log file, the start-up clock, and known bugs of the Qt in use."""

from __future__ import annotations

import logging
import logging.handlers
import os
import sys
import time
from pathlib import Path
from types import ModuleType, TracebackType

from quickreply.paths import Paths

log = logging.getLogger("quickreply")
_IMPORTED = time.perf_counter()


def setup_logging(paths: Paths) -> Path:
    """Log to <data>/quickreply.log (rotated) and warnings to stderr."""
    paths.data.mkdir(parents=True, exist_ok=True)
    log_file = paths.data / "quickreply.log"
    handler = logging.handlers.RotatingFileHandler(
        log_file, maxBytes=1_000_000, backupCount=3, encoding="utf-8"
    )
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    stderr = logging.StreamHandler()
    stderr.setLevel(logging.WARNING)
    root = logging.getLogger()
    root.setLevel(logging.INFO)
    root.addHandler(handler)
    root.addHandler(stderr)
    sys.excepthook = _log_uncaught
    return log_file


def _log_uncaught(kind: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
    # PySide routes exceptions escaping a slot here; log them instead of only printing to a console.
    log.critical("uncaught exception", exc_info=(kind, exc, tb))


def process_age_ms() -> float:
    """Milliseconds since this process started (Linux /proc), else since this module was imported."""
    try:
        start_ticks = int(Path("/proc/self/stat").read_text().rpartition(")")[2].split()[19])
        uptime = float(Path("/proc/uptime").read_text().split()[0])
        return (uptime - start_ticks / os.sysconf("SC_CLK_TCK")) * 1000
    except (OSError, ValueError, IndexError, AttributeError):
        return (time.perf_counter() - _IMPORTED) * 1000


def skip_pyside_source_reads() -> None:
    """Import PySide6, and stop its import hook from reading the source of every module imported after.

    PySide6's `__feature__` switch (PYSIDE-2029) asks, for each new module, whether its source text
    mentions "PySide6" (`inspect.getsource`): ~220 files read and split into lines at our start, 20–35 ms,
    and 2.7 MB left in `linecache`. The answer matters only to a module that selects a feature
    (`from __feature__ import snake_case`); nothing here does, and the PySide6 names in a module's
    globals answer the same question without reading a file. Left alone when PySide6 has no such check
    (a later version, or a build without sources, where the read fails at once anyway)."""
    import PySide6.QtCore  # noqa: F401  (installs the hook)

    feature = sys.modules.get("PySide6.support.feature")
    if feature is not None and callable(getattr(feature, "_mod_uses_pyside", None)):
        feature._mod_uses_pyside = uses_pyside  # type: ignore[attr-defined]


def uses_pyside(module: ModuleType) -> bool:
    """Whether a module's globals hold anything of PySide6 (a module, class or function imported from it)."""
    for value in list(vars(module).values()):
        try:
            owner = value.__name__ if isinstance(value, ModuleType) else getattr(value, "__module__", None)
        except Exception:  # an object whose attributes cannot be read: not PySide's
            continue
        if isinstance(owner, str) and owner.startswith(("PySide6", "shiboken6")):
            return True
    return False


def warn_about_known_qt_bugs() -> None:
    """PySide6 6.12.0's Signal.emit() drops a reference to True on every call: a long session of the
    app crashes once True's count reaches zero (seen here after ~1,500 emits). 6.11.3 does not."""
    import PySide6

    if PySide6.__version__ == "6.12.0":
        log.error("PySide6 6.12.0 has a reference-count bug in Signal.emit that crashes long sessions; "
                  "install PySide6-Essentials 6.11.3")  # fmt: skip


def no_display_message() -> str:
    """Why the tray app cannot start here ("" when it can): on Linux it needs an X11 display. Without
    DISPLAY (and no Qt platform chosen) Qt would abort with its own message and exit code 134."""
    if sys.platform in ("win32", "darwin") or os.environ.get("DISPLAY") or os.environ.get("QT_QPA_PLATFORM"):
        return ""
    from quickreply.core.messages import msg, normalise_language, render

    lang = normalise_language(os.environ.get("QUICKREPLY_LANG") or os.environ.get("LANG"))
    return render(msg("firstday.no_display"), lang)
