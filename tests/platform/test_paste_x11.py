"""The whole paste sequence with the real adapters (QtClipboard, X11 focus and keys, PasteRunner on the Qt
loop), run by x11_probe.py in its own xcb process, into text boxes in other processes."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from tests.platform.x11_session import Target, run_probe

pytestmark = pytest.mark.e2e
OLD_CLIPBOARD = {"text": "OLD", "html": "<b>订单</b> 123"}  # what the probe puts there first


def test_text_lands_in_the_remembered_window_and_the_clipboard_comes_back(
    x_env: dict[str, str], open_target: Callable[..., Target]
) -> None:
    chat = open_target("tk")
    elsewhere = open_target("qt")  # focus is somewhere else when the paste starts (e.g. our popup)
    text = "亲，您的包裹已到杭州\n预计还需 2 天送达"

    report = run_probe(x_env, "paste", "--wid", str(chat.wid), "--text", text.replace("\n", "\\n"))

    assert report["result"] == "pasted" and report["method"] == "ctrl+v"
    assert chat.wait_for(text) == text
    assert elsewhere.settle() == ""
    assert report["clipboard"] == OLD_CLIPBOARD  # text and HTML both restored


def test_paste_and_send_presses_enter_after_the_text(
    x_env: dict[str, str], open_target: Callable[..., Target]
) -> None:
    chat = open_target("tk")
    report = run_probe(x_env, "paste", "--wid", str(chat.wid), "--text", "好的亲", "--send")
    assert report["result"] == "pasted"
    assert chat.wait_for("好的亲\n") == "好的亲\n"  # a Tk text box shows Enter as a new line


def test_per_app_rule_types_the_text_and_leaves_the_clipboard_alone(
    x_env: dict[str, str], open_target: Callable[..., Target]
) -> None:
    chat = open_target("qt")
    report = run_probe(x_env, "paste", "--wid", str(chat.wid), "--text", "在的，亲", "--method", "type")
    assert report["result"] == "pasted" and report["method"] == "type"
    assert chat.wait_for("在的，亲") == "在的，亲"
    assert report["clipboard"] == OLD_CLIPBOARD


def test_closed_window_gets_no_keys_and_the_text_waits_on_the_clipboard(
    x_env: dict[str, str], open_target: Callable[..., Target]
) -> None:
    chat = open_target("tk")
    other = open_target("tk")
    chat.proc.terminate()
    chat.proc.wait(5)

    report = run_probe(x_env, "paste", "--wid", str(chat.wid), "--text", "感谢您的耐心等待")

    assert report["result"] == "target_gone"
    assert other.settle() == ""
    assert report["clipboard"]["text"] == "感谢您的耐心等待"  # type: ignore[index]


def test_elevated_window_gets_no_keys(x_env: dict[str, str], open_target: Callable[..., Target]) -> None:
    chat = open_target("tk")
    report = run_probe(x_env, "paste", "--wid", str(chat.wid), "--text", "您好", "--elevated")
    assert report["result"] == "target_elevated"
    assert chat.settle() == ""
    assert report["clipboard"]["text"] == "您好"  # type: ignore[index]
