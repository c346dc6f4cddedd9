"""Fault injection of the real app (issue 8): start it on the private desktop with each bad input that once
stopped it within seconds; it must reach tray ready, say what is wrong (a notification, in the log), keep
running, and still find the good phrases."""

from __future__ import annotations

import re
import time
from pathlib import Path

import pytest
from tests.e2e.apps import App
from tests.e2e.desktop import Desktop

pytestmark = pytest.mark.e2e

TAGS_FALSE = """\
[pack]
id = "t"
name = "T"
version = "1"

[[phrases]]
id = "ok"
category = "c"
title = "好"
text = "好的"

[[phrases]]
id = "bad"
category = "c"
title = "坏"
text = "坏的"
tags = false
"""
DEEP = "a = " + "[" * 500 + "]" * 500 + "\n"
DEEP_TABLE = "a = " + "{b = " * 450 + "1" + "}" * 450 + "\n"

# name -> (files to write under QUICKREPLY_HOME, what the notification must say)
CASES: dict[str, tuple[dict[str, str], str]] = {
    "tags = false": ({"packs/t.toml": TAGS_FALSE}, r"短语包有问题.*标签要写成非空文字的列表"),
    "tags = 0": ({"packs/t.toml": TAGS_FALSE.replace("false", "0")}, r"短语包有问题"),
    "deep pack": ({"packs/deep.toml": DEEP}, r"短语包有问题.*嵌套超过了 64 层"),
    "deep settings": ({"settings.toml": DEEP}, r"设置文件无法读取.*不是有效的 TOML"),
    "deep personal": ({"data/personal.toml": DEEP_TABLE}, r"短语包有问题.*personal\.toml"),
    "huge number": ({"packs/n.toml": "a = " + "9" * 5000 + "\n"}, r"短语包有问题.*读不出来"),
    "url with [": (
        {"settings.toml": '[[subscriptions]]\nurl = "http://[intranet/t.toml"\n'},
        r"不是有效的地址.*这个订阅没有使用",
    ),
    "url with %00": (
        {"settings.toml": '[[subscriptions]]\nurl = "http://127.0.0.1:9/a%00.toml"\n'},
        r"control",
    ),
    "deep usage": ({"data/usage.json": "[" * 100_000}, r"usage\.json is corrupt"),
}


@pytest.mark.parametrize("case", list(CASES))
def test_the_app_starts_and_says_what_is_wrong(case: str, desktop: Desktop, tmp_path: Path) -> None:
    files, says = CASES[case]
    home = tmp_path / "home"
    for name, text in files.items():
        (home / name).parent.mkdir(parents=True, exist_ok=True)
        (home / name).write_text(text, encoding="utf-8")
    app = App(desktop, home)
    app.start()
    try:
        app.wait_ready(timeout=60)
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline and not re.search(says, app.log_text(), re.S):
            time.sleep(0.1)
        log = app.log_text()
        assert re.search(says, log, re.S), app.tail(40)
        assert "Traceback" not in log and "CRITICAL" not in log, app.tail(40)
        assert re.search(r"library: \d+ packs, (\d+) phrases", log)
        phrases = int(re.findall(r"library: \d+ packs, (\d+) phrases", log)[-1])
        assert phrases >= 200  # the starter packs (and the good phrases) are still there
        time.sleep(1.0)
        assert app.proc is not None and app.proc.poll() is None, app.tail(40)  # still running
    finally:
        app.stop()
