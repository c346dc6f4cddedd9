"""One QuickReply per user and home: a second start finds the first and asks it to show the popup."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from pathlib import Path

from PySide6.QtNetwork import QLocalServer
from pytestqt.qtbot import QtBot

from quickreply.app.single_instance import SHOW, SingleInstance, server_name
from quickreply.paths import Paths


def _paths(root: Path) -> Paths:
    return Paths(config=root, data=root / "data", cache=root / "cache")


# A later start in its own process, as in real use (inside one process Windows' named pipe cannot be
# served while the same thread waits for it): prints what claim() and send() returned.
SECOND_START = """
import sys
from pathlib import Path
from PySide6.QtCore import QCoreApplication
from quickreply.app.single_instance import SingleInstance
app = QCoreApplication([])
later = SingleInstance(sys.argv[1], Path(sys.argv[2]))
print("claim", later.claim(), flush=True)
print("send", later.send(sys.argv[3]), flush=True)
"""

# Holds the lock like a hung instance: alive, not listening.
HUNG = """
import sys, time
from PySide6.QtCore import QLockFile
lock = QLockFile(sys.argv[1])
print("locked", lock.tryLock(0), flush=True)
time.sleep(120)
"""


def _second_start(qtbot: QtBot, name: str, lock: Path, message: str = SHOW) -> list[str]:
    child = subprocess.Popen(
        [sys.executable, "-c", SECOND_START, name, str(lock), message], stdout=subprocess.PIPE, text=True
    )
    try:
        qtbot.waitUntil(lambda: child.poll() is not None, timeout=30_000)  # the event loop serves it
        assert child.stdout is not None
        return child.stdout.read().splitlines()
    finally:
        if child.poll() is None:
            child.kill()
        child.wait(10)


def test_second_start_detects_the_first_and_sends_show(qtbot: QtBot, tmp_path: Path) -> None:
    name = server_name(_paths(tmp_path))
    lock = tmp_path / "data" / "instance.lock"
    first = SingleInstance(name, lock)
    try:
        assert first.claim() is True
        with qtbot.waitSignal(first.message, timeout=30_000) as received:
            assert _second_start(qtbot, name, lock) == ["claim False", "send True"]
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
    try:  # what the app does: claim, else ask the holder, else take a lock nobody alive holds
        assert runner.claim() or (not runner.send(SHOW, timeout_ms=300) and runner.take_over())
        with qtbot.waitSignal(runner.message, timeout=30_000):
            assert _second_start(qtbot, name, lock) == ["claim False", "send True"]
    finally:
        runner.release()


def test_a_lock_left_under_another_host_name_is_taken_over_once_nobody_answers(tmp_path: Path) -> None:
    """Qt never calls such a lock stale (a portable copy moved to another PC after a crash there)."""
    lock = tmp_path / "instance.lock"
    lock.write_text("4242\nquickreply\nthe-other-pc\n")
    runner = SingleInstance(server_name(_paths(tmp_path)), lock)
    try:
        assert runner.claim() is False
        assert runner.send(SHOW, timeout_ms=300) is False
        assert runner.take_over() is True
        assert lock.read_text().split("\n")[0] == str(os.getpid())
    finally:
        runner.release()


def test_a_live_instance_that_does_not_answer_keeps_its_lock(tmp_path: Path) -> None:
    lock = tmp_path / "instance.lock"
    hung = subprocess.Popen([sys.executable, "-c", HUNG, str(lock)], stdout=subprocess.PIPE, text=True)
    try:
        assert hung.stdout is not None and hung.stdout.readline().strip() == "locked True"
        runner = SingleInstance(server_name(_paths(tmp_path)), lock)
        assert runner.claim() is False
        assert runner.take_over() is False
        assert hung.poll() is None
    finally:
        hung.kill()
        hung.wait(10)


def test_send_gives_up_when_nobody_answers(tmp_path: Path) -> None:
    lonely = SingleInstance(server_name(_paths(tmp_path)), tmp_path / "instance.lock")
    assert lonely.send(SHOW, timeout_ms=300) is False
