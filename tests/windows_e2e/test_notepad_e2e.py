"""The agent's day on Windows, end to end: the real app (`python -m quickreply`, or the built QuickReply.exe
when QUICKREPLY_E2E_EXE names it), Ctrl+Alt+Space over notepad, `nihao`, the fill-in form, Enter: notepad
holds exactly the rendered phrase (read back with WM_GETTEXT) and the clipboard (text and an image) is
what the agent had before. Prints FIGURE lines: start-up to tray ready, paste latency."""

from __future__ import annotations

import contextlib
import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

if sys.platform == "win32":
    from tests.windows_e2e import win32

OLD_TEXT = "订单 20231111-0042 的收货地址（剪贴板原来的内容）"


def _app_command() -> list[str]:
    exe = os.environ.get("QUICKREPLY_E2E_EXE")
    if exe:
        return [exe]
    pythonw = Path(sys.executable).with_name("pythonw.exe")
    return [str(pythonw if pythonw.exists() else sys.executable), "-m", "quickreply"]


def _cli(env: dict[str, str], *args: str) -> str:
    done = subprocess.run(
        [sys.executable, "-m", "quickreply", *args],
        env=env, capture_output=True, encoding="utf-8", timeout=120,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    return done.stdout


def _stop(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is None:
        process.kill()
    with contextlib.suppress(subprocess.TimeoutExpired):
        process.wait(20)


def _screenshot(moment: str) -> None:
    """The Windows screen as `<stage>-<moment>.bmp` in the lane's folder (QUICKREPLY_E2E_SHOTS), if set."""
    shots = os.environ.get("QUICKREPLY_E2E_SHOTS")
    if shots:
        stage = "exe" if os.environ.get("QUICKREPLY_E2E_EXE") else "e2e"
        win32.screenshot_bmp(str(Path(shots) / f"{stage}-{moment}.bmp"))


@pytest.fixture
def notepad() -> tuple[int, int]:
    process = subprocess.Popen(["notepad.exe"])
    try:
        hwnd, edit = win32.wait_for("notepad", lambda: all(win32.notepad_edit()) and win32.notepad_edit())
        yield hwnd, edit
    finally:
        _stop(process)


def test_hotkey_search_form_paste_into_notepad(notepad: tuple[int, int], tmp_path: Path) -> None:
    import keyboard

    hwnd, edit = notepad
    home = tmp_path / "home"
    home.mkdir()
    env = {k: v for k, v in os.environ.items() if k != "QT_QPA_PLATFORM"}  # the real windows platform
    env["QUICKREPLY_HOME"] = str(home)
    [hit] = json.loads(_cli(env, "search", "nihao", "--json", "--limit", "1"))
    rendered = _cli(env, "render", hit["id"], "--set", "shop=XiaoDian", "--set", "agent=Amy")
    expected = rendered.removesuffix("\n")

    started = time.monotonic()
    app = subprocess.Popen(_app_command(), env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        log = home / "data" / "quickreply.log"
        ready = win32.wait_for(
            "the app's 'tray ready' log line",
            lambda: log.exists() and "tray ready" in log.read_text("utf-8", errors="replace"),
            timeout=120,
        )
        assert ready
        print(f"FIGURE start-up to tray ready: {time.monotonic() - started:.1f} s ({_app_command()[0]})")
        keyboard.send("shift")  # this process's own keyboard tables, built before anything is timed

        dib = win32.small_dib()
        win32.set_clipboard(OLD_TEXT, dib)
        win32.user32.SetForegroundWindow(hwnd)
        win32.wait_for("notepad in front", lambda: win32.foreground() == hwnd, timeout=10)
        time.sleep(0.5)
        keyboard.send("ctrl+alt+space")
        win32.wait_for("the popup in front", lambda: win32.foreground() not in (0, hwnd), timeout=15)
        time.sleep(0.5)
        keyboard.write("nihao", delay=0.05)
        time.sleep(1.5)
        keyboard.send("enter")  # the first hit; its blanks ask for shop and agent
        time.sleep(1.5)
        keyboard.write("XiaoDian", delay=0.03)
        keyboard.send("tab")
        keyboard.write("Amy", delay=0.03)
        time.sleep(0.5)
        pasted_at = time.monotonic()
        keyboard.send("enter")
        got = win32.wait_for("text in notepad", lambda: win32.window_text(edit), timeout=15, every=0.01)
        latency = time.monotonic() - pasted_at
        time.sleep(0.5)
        final = win32.window_text(edit)
        _screenshot("pasted")  # notepad showing the pasted text (WM_GETTEXT checks it; this shows it)
        assert final == expected, f"first {got!r}\n" + log.read_text("utf-8", errors="replace")
        print(f"FIGURE paste latency (Enter in the form to text in notepad): {latency * 1000:.0f} ms")

        win32.wait_for("the clipboard restored", lambda: win32.clipboard()[0] == OLD_TEXT, timeout=10)
        text, restored = win32.clipboard()
        assert text == OLD_TEXT
        assert restored is not None, "the image on the clipboard was not restored"
        assert win32.dib_pixels(restored) == win32.dib_pixels(dib)  # the same pixels
        assert win32.foreground() == hwnd  # the agent is back in the chat window
        popup = win32.user32.FindWindowW(None, "QuickReply")
        print(f"NOTE the popup's window is {'visible' if win32.user32.IsWindowVisible(popup) else 'hidden'}")
        _screenshot("end")  # the restored clipboard's moment, notepad still open
    finally:
        _stop(app)
