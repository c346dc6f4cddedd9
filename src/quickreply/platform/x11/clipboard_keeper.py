"""Keep the clipboard after quitting (X11). An X11 clipboard lives in the program that owns it: when the
app quits, the agent's clipboard, which the app put back after a paste, would vanish.

If a clipboard manager runs (it owns the CLIPBOARD_MANAGER selection), Qt hands every format over to it
itself when the application object goes away (the SAVE_TARGETS protocol). Otherwise an `xclip` (else
`xsel`) process is given the main format: it serves the clipboard until another program takes it, then
exits. One format only (text before an image): a limitation of those tools, documented in docs/paste.md.
"""

from __future__ import annotations

import logging
import shutil
import subprocess
from collections.abc import Sequence

log = logging.getLogger(__name__)

_TEXT = ("text/plain;charset=utf-8", "text/plain", "UTF8_STRING")
_TIMEOUT_S = 5


def main_format(formats: Sequence[tuple[str, bytes]]) -> tuple[str, bytes] | None:
    """The one format to keep serving, as an X11 target: text (UTF8_STRING), else an image, else the first."""
    found = dict(formats)
    for name in _TEXT:
        if found.get(name):
            return "UTF8_STRING", found[name]
    for name, data in formats:
        if name.startswith("image/") and data:
            return name, data
    return next(((n, d) for n, d in formats if d), None)


def command_for(target: str) -> list[str] | None:
    """The helper that serves `target` once we are gone, or None when none is installed."""
    if shutil.which("xclip"):
        return ["xclip", "-selection", "clipboard", "-t", target, "-i"]
    if target == "UTF8_STRING" and shutil.which("xsel"):
        return ["xsel", "--clipboard", "--input"]
    return None


def has_manager(display: str | None = None) -> bool:
    """True when a clipboard manager owns CLIPBOARD_MANAGER (then Qt hands the clipboard over itself)."""
    try:
        from Xlib import X
        from Xlib import display as xdisplay

        d = xdisplay.Display(display)
        try:
            owner = d.get_selection_owner(d.intern_atom("CLIPBOARD_MANAGER"))
            return owner != X.NONE and bool(getattr(owner, "id", owner))
        finally:
            d.close()
    except Exception:  # no display, no Xlib: no manager we could talk to
        return False


def keep_serving(formats: Sequence[tuple[str, bytes]]) -> str:
    """Hand the clipboard (`formats`, which we own) to a helper that outlives us. Returns what took it:
    "manager", the helper's name, or "" (then it is lost, and the log says why)."""
    if has_manager():
        return "manager"
    chosen = main_format(formats)
    if chosen is None:
        return ""
    target, data = chosen
    command = command_for(target)
    if command is None:
        log.warning(
            "the clipboard is lost on quit: no clipboard manager runs and xclip/xsel is not installed"
        )
        return ""
    try:
        # The helper reads the data, takes the selection and forks into the background, where it serves
        # the clipboard until another program copies something. Its own session: our exit does not end it.
        subprocess.run(
            command, input=data, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            timeout=_TIMEOUT_S, check=True, start_new_session=True,
        )  # fmt: skip
    except (OSError, subprocess.SubprocessError) as exc:
        log.warning("could not hand the clipboard to %s: %s", command[0], exc)
        return ""
    log.info("clipboard (%s, %d bytes) handed to %s on quit", target, len(data), command[0])
    return command[0]
