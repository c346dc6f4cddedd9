"""Whether a file name that came from outside (a url, a shared folder, the command line) can be used.

Windows refuses some names in every folder, with any extension and any case: CON, PRN, AUX, NUL, COM1–COM9,
LPT1–LPT9 (also with the superscript digits ¹²³), and names ending in a dot or a space. A team pack
published as `aux.toml` on a Linux server must be refused on every PC alike, so the check does not depend
on the platform it runs on.
"""

from __future__ import annotations

from pathlib import Path

_DEVICES = frozenset({"CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$"})
_NUMBERED = ("COM", "LPT")
_DIGITS = frozenset("123456789¹²³")
_FORBIDDEN = frozenset('\\/:*?"<>|')


def is_reserved_name(name: str) -> bool:
    """True for a Windows device name (CON.toml, nul, Aux.tar.gz, COM1.txt, lpt¹ …), in any case."""
    stem = name.split(".", 1)[0].rstrip(" ").upper()
    if stem in _DEVICES:
        return True
    return len(stem) == 4 and stem[:3] in _NUMBERED and stem[3] in _DIGITS


def file_name_problem(name: str) -> str:
    """Why `name` cannot be used as a file name on every platform ("" when it can)."""
    if not name or name in (".", ".."):
        return "empty"
    if any(ord(char) < 32 for char in name) or set(name) & _FORBIDDEN:
        return "character"
    if name[-1] in ". ":
        return "trailing"
    if is_reserved_name(name):
        return "reserved"
    return ""


def is_pack_file(path: Path) -> bool:
    """A `.toml` file, not a hidden or temporary one (editors and atomic saves leave `.name.tmp`)."""
    return path.suffix.lower() == ".toml" and not path.name.startswith((".", "~$")) and path.is_file()
