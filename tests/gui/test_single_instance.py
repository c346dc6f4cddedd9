"""One QuickReply per user and home: a second start finds the first and asks it to show the popup."""

from __future__ import annotations

import os
import socket
from pathlib import Path

from PySide6.QtNetwork import QLocalServer
from pytestqt.qtbot import QtBot

from quickreply.app.single_instance import SHOW, SingleInstance, server_name
from quickreply.paths import Paths


def _paths(root: Path) -> Paths:
    return Paths(config=root, data=root / "data", cache=root / "cache")


def test_second_start_detects_the_first_and_sends_show(qtbot: QtBot, tmp_path: Path) -> None:
    name = server_name(_paths(tmp_path))
    first = SingleInstance(name, tmp_path / "data" / "instance.lock")
    second = SingleInstance(name, tmp_path / "data" / "instance.lock")
    try:
        assert first.claim() is True
        assert second.claim() is False
        with qtbot.waitSignal(first.message) as received:
            assert second.send(SHOW) is True
        assert received.args == [SHOW]
    finally:
        first.release()


def test_homes_do_not_share_a_server_name(tmp_path: Path) -> None:
    assert server_name(_paths(tmp_path / "a")) != server_name(_paths(tmp_path / "b"))
    assert server_name(_paths(tmp_path / "a")) == server_name(_paths(tmp_path / "a"))


def test_a_crashed_instance_leaves_nothing_that_blocks_the_next_start(qtbot: QtBot, tmp_path: Path) -> None:
    """A lock file naming a dead process and a dead socket file are taken over."""
    name = server_name(_paths(tmp_path))
    lock = tmp_path / "data" / "instance.lock"
    lock.parent.mkdir(parents=True)
    lock.write_text(f"999999\nquickreply\n{socket.gethostname()}\n")  # QLockFile's format, dead pid
    stale = QLocalServer()
    assert stale.listen(name)
    socket_file = stale.fullServerName()
    # Simulate the crash: the socket file stays on disk but nobody listens any more.
    stale.close()
    if os.name == "posix":
        Path(socket_file).touch()
    runner = SingleInstance(name, lock)
    try:
        assert runner.claim() is True
        later = SingleInstance(name, lock)
        assert later.claim() is False
        with qtbot.waitSignal(runner.message):
            assert later.send(SHOW)
    finally:
        runner.release()


def test_send_gives_up_when_nobody_answers(tmp_path: Path) -> None:
    lonely = SingleInstance(server_name(_paths(tmp_path)), tmp_path / "instance.lock")
    assert lonely.send(SHOW, timeout_ms=300) is False
