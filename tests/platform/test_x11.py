"""The X11 adapters against a real X server (Xvfb, no window manager) and text boxes in other processes."""

from __future__ import annotations

import subprocess
import threading
import time
from collections.abc import Callable

import pytest
from tests.platform.x11_session import Target, run_probe, xdotool

from quickreply.core.ports import HotkeyError, Window

pytestmark = pytest.mark.e2e


def test_focus_reports_the_focused_text_box_with_class_and_process(
    x_env: dict[str, str], open_target: Callable[..., Target]
) -> None:
    from quickreply.platform.x11.adapters import X11Focus

    box = open_target("tk", "千牛 客服")
    window = X11Focus().active_window()
    assert window is not None and window.handle == box.wid
    assert window.title == "千牛 客服"
    assert "qrtarget" in window.wm_class.lower()
    assert window.process.startswith("python")  # via X-Resource: Tk sets no _NET_WM_PID


def test_activate_gives_focus_back_to_the_remembered_window(
    x_env: dict[str, str], open_target: Callable[..., Target]
) -> None:
    from quickreply.platform.x11.adapters import X11Focus, X11Keys

    chat = open_target("tk")
    focus = X11Focus()
    remembered = focus.active_window()
    other = open_target("qt")  # something else takes the focus (our popup, another chat)
    assert focus.active_window().handle == other.wid  # type: ignore[union-attr]

    assert remembered is not None and focus.activate(remembered)
    assert focus.active_window().handle == chat.wid  # type: ignore[union-attr]
    X11Keys().type_text("ok")
    assert chat.wait_for("ok") == "ok" and other.settle() == ""


def test_activate_reports_a_closed_window(x_env: dict[str, str], open_target: Callable[..., Target]) -> None:
    from quickreply.platform.x11.adapters import X11Focus

    chat = open_target("tk")
    focus = X11Focus()
    remembered = focus.active_window()
    chat.proc.terminate()
    chat.proc.wait(5)
    assert remembered is not None and focus.activate(remembered) is False
    assert focus.activate(Window(handle=0x7FFFFFF)) is False


def test_ctrl_v_pastes_the_clipboard_into_another_process(
    x_env: dict[str, str], open_target: Callable[..., Target]
) -> None:
    from quickreply.platform.x11.adapters import X11Keys

    box = open_target("tk")
    owner = subprocess.Popen(["xclip", "-selection", "clipboard", "-i"], stdin=subprocess.PIPE, env=x_env)
    owner.communicate("亲，包裹已发出".encode())
    X11Keys().press("ctrl+v")
    assert box.wait_for("亲，包裹已发出") == "亲，包裹已发出"


def test_shift_insert_and_typing_chinese_reach_a_qt_box(
    x_env: dict[str, str], open_target: Callable[..., Target]
) -> None:
    from quickreply.platform.x11.adapters import X11Keys

    box = open_target("qt")
    owner = subprocess.Popen(["xclip", "-selection", "clipboard", "-i"], stdin=subprocess.PIPE, env=x_env)
    owner.communicate(b"A")
    keys = X11Keys()
    keys.press("shift+insert")
    assert box.wait_for("A") == "A"
    keys.type_text("好的，马上为您查询")
    assert box.wait_for("A好的，马上为您查询") == "A好的，马上为您查询"


def test_modifiers_down_follows_the_keyboard(x_env: dict[str, str]) -> None:
    from quickreply.platform.x11.adapters import X11Keys

    keys = X11Keys()
    assert keys.modifiers_down() is False
    xdotool(x_env, "keydown", "ctrl+alt")
    try:
        assert keys.modifiers_down() is True
    finally:
        xdotool(x_env, "keyup", "ctrl+alt")
    assert keys.modifiers_down() is False


def test_hotkey_fires_on_its_thread_and_is_swallowed(
    x_env: dict[str, str], open_target: Callable[..., Target]
) -> None:
    from quickreply.platform.x11.hotkeys import X11Hotkeys

    box = open_target("tk")
    hotkeys = X11Hotkeys()
    fired = threading.Event()
    threads: list[str] = []
    try:
        hotkeys.register(
            "ctrl+alt+space", lambda: (threads.append(threading.current_thread().name), fired.set())
        )
        hotkeys.register("f1", lambda: None)
        xdotool(x_env, "key", "ctrl+alt+space")
        assert fired.wait(5) and threads == ["x11-hotkeys"]
        xdotool(x_env, "type", "a")  # the box still gets ordinary typing...
        xdotool(x_env, "key", "F1", "space")  # ...but not our combos: F1 is grabbed, space is not
        assert box.wait_for("a ") == "a "
        hotkeys.unregister_all()
        fired.clear()
        xdotool(x_env, "key", "ctrl+alt+space")
        time.sleep(0.2)
        assert not fired.is_set()
    finally:
        hotkeys.close()


def test_hotkey_taken_by_another_program_is_reported(x_env: dict[str, str]) -> None:
    from quickreply.platform.x11.hotkeys import X11Hotkeys

    other, ours = X11Hotkeys(), X11Hotkeys()
    try:
        other.register("ctrl+alt+k", lambda: None)
        with pytest.raises(HotkeyError) as info:
            ours.register("ctrl+alt+k", lambda: None)
        reason = info.value.reason
        assert "another program" in reason.render("en") and "其他程序" in reason.render("zh_CN")
        with pytest.raises(HotkeyError, match="not a key"):
            ours.register("ctrl+alt+nokey", lambda: None)
        ours.register("ctrl+alt+j", lambda: None)  # a free combo still works after the failure
    finally:
        other.close()
        ours.close()


def test_select_backend_picks_x11_with_a_display(x_env: dict[str, str]) -> None:
    from quickreply.platform.backend import select_backend

    backend = select_backend()
    try:
        assert backend.name == "x11" and backend.problem is None
    finally:
        backend.close()


def test_the_x11_backend_opens_two_connections_focus_and_keys_share_one(
    x_env: dict[str, str], open_target: Callable[..., Target], monkeypatch: pytest.MonkeyPatch
) -> None:
    from Xlib import display as xdisplay

    from quickreply.platform.backend import select_backend

    opened: list[object] = []
    real = xdisplay.Display

    def counted(*args: object) -> object:
        opened.append(real(*args))
        return opened[-1]

    monkeypatch.setattr(xdisplay, "Display", counted)
    box = open_target("tk")
    backend = select_backend()
    try:
        assert len(opened) == 2  # was 3: each pure-Python connection costs the start ~3 ms, the first ~14
        assert backend.focus._d is backend.keys._d  # type: ignore[attr-defined]
        window = backend.focus.active_window()  # the shared connection serves both, in turn
        assert window is not None and window.handle == box.wid
        backend.keys.type_text("ok")
        box.wait_for("ok")
    finally:
        backend.close()


def test_qt_clipboard_snapshot_restores_text_html_and_image_for_other_programs(
    x_env: dict[str, str], tmp_path
) -> None:
    png = tmp_path / "shot.png"
    subprocess.run(["/usr/bin/convert", "-size", "12x8", "xc:red", str(png)], check=True)
    report = run_probe(x_env, "clipboard", "--png-file", str(png))
    assert report["during"] == "临时"
    assert report["after"] == {
        "text": "原来的文字",
        "html": "<b>订单</b> 123",
        "png_ok": True,
        "targets": report["after"]["targets"],  # type: ignore[index]
    }
    assert {"text/html", "image/png"} <= set(report["after"]["targets"])  # type: ignore[index]
    assert report["outside_png_same"] is True  # another program's screenshot survives byte for byte


def test_anchor_is_the_chat_windows_frame_on_the_screen(
    x_env: dict[str, str], open_target: Callable[..., Target]
) -> None:
    from quickreply.platform.x11.adapters import X11Focus

    box = open_target("tk")
    focus = X11Focus()
    window = focus.active_window()
    assert window is not None
    anchor = focus.anchor(window)
    out = subprocess.run(
        ["xdotool", "getwindowgeometry", "--shell", str(window.handle)],
        env=x_env, capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    seen = dict(line.split("=", 1) for line in out.split())
    assert anchor is not None and not anchor.caret  # X11 has no general caret API
    assert (anchor.x, anchor.y, anchor.width, anchor.height) == tuple(
        int(seen[k]) for k in ("X", "Y", "WIDTH", "HEIGHT")
    ), box
    assert focus.anchor(Window(handle=0x7FFFFFF)) is None  # a window that is gone
