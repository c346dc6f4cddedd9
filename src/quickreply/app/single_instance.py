"""One QuickReply per user and home: a lock file decides who runs, a local socket carries "show".

The lock (QLockFile) rather than "can I connect?" decides, so two starts at the same moment cannot both
win, and a lock or socket left by a crashed instance is taken over instead of blocking every start.
"""

from __future__ import annotations

import getpass
import hashlib
import logging
import socket
from pathlib import Path

from PySide6.QtCore import QDeadlineTimer, QLockFile, QObject, QSysInfo, QThread, Signal
from PySide6.QtNetwork import QLocalServer, QLocalSocket

from quickreply.paths import Paths
from quickreply.platform.processes import process_alive

log = logging.getLogger(__name__)
SHOW = "show"


def server_name(paths: Paths) -> str:
    """Per user and per home, so test homes and portable copies never answer each other."""
    try:
        user = getpass.getuser()
    except (KeyError, OSError):  # no passwd entry in some containers
        user = "user"
    digest = hashlib.sha1(str(paths.config.resolve()).encode("utf-8")).hexdigest()[:12]
    return f"quickreply-{user}-{digest}"


def _is_this_host(host: str) -> bool:
    names = {QSysInfo.machineHostName(), socket.gethostname()}
    return host.casefold() in {name.casefold() for name in names if name}


class SingleInstance(QObject):
    """`claim()` makes this process the running instance or tells it that another one is."""

    message = Signal(str)  # a line sent by a later start, e.g. "show"

    def __init__(self, name: str, lock_path: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.name = name
        lock_path.parent.mkdir(parents=True, exist_ok=True)
        self._lock = QLockFile(str(lock_path))
        self._lock.setStaleLockTime(0)  # stale only when its process is gone, never by age
        self._server: QLocalServer | None = None
        self._clients: dict[QLocalSocket, bytearray] = {}  # connected later starts, with unread bytes

    def claim(self) -> bool:
        """True when this process now runs (and listens); False when another instance holds the lock."""
        if not self._lock.tryLock(0):
            return False
        QLocalServer.removeServer(self.name)  # a socket file left behind by a crash
        server = QLocalServer(self)
        server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        if not server.listen(self.name):
            # Still the one instance (we hold the lock); later starts just cannot ask us to show.
            log.warning("single instance: cannot listen on %s: %s", self.name, server.errorString())
            return True
        server.newConnection.connect(self._accept)
        self._server = server
        return True

    def take_over(self) -> bool:
        """After `claim()` failed and `send()` got no answer: take the lock unless a live process here has it.

        Qt treats a lock as stale only when it names a dead process *on this host*: a lock left by a crash
        under another host name (a portable copy moved to another PC, a renamed PC, a lock file written
        differently) would otherwise block every start for good. A live holder on this host keeps it.
        """
        pid, host, _app = self._lock.getLockInfo()  # PySide returns the out-arguments: (0, "", "") if none
        if pid and _is_this_host(host) and process_alive(pid):
            log.warning("single instance: process %s holds the lock and does not answer", pid)
            return False
        log.warning("single instance: taking over a stale lock (pid %s on %r)", pid, host)
        if not self._lock.removeStaleLockFile():
            return False
        return self.claim()

    def send(self, message: str, timeout_ms: int = 3000) -> bool:
        """Send one line to the running instance; retries while it may still be starting up."""
        deadline = QDeadlineTimer(timeout_ms)
        while True:
            socket = QLocalSocket()
            socket.connectToServer(self.name)
            if socket.waitForConnected(500):
                socket.write((message + "\n").encode("utf-8"))
                sent = socket.waitForBytesWritten(1000)
                socket.disconnectFromServer()
                return sent
            if deadline.hasExpired():
                log.warning("single instance: %s does not answer: %s", self.name, socket.errorString())
                return False
            QThread.msleep(100)

    def release(self) -> None:
        for client in list(self._clients):
            self._drop(client)
        if self._server is not None:
            self._server.close()
            self._server.deleteLater()
            self._server = None
        self._lock.unlock()

    def _accept(self) -> None:
        assert self._server is not None
        while (client := self._server.nextPendingConnection()) is not None:
            client.setParent(self)  # owned here, not by the server, so release() controls its end
            self._clients[client] = bytearray()
            client.readyRead.connect(lambda c=client: self._read(c))
            client.disconnected.connect(lambda c=client: self._drop(c))
            self._read(client)

    def _read(self, client: QLocalSocket) -> None:
        buffer = self._clients.get(client)
        if buffer is None:
            return
        buffer.extend(bytes(client.readAll().data()))
        while b"\n" in buffer:
            line, _, rest = bytes(buffer).partition(b"\n")
            buffer[:] = rest
            text = line.decode("utf-8", "replace").strip()
            if text:
                self.message.emit(text)

    def _drop(self, client: QLocalSocket) -> None:
        if client not in self._clients:
            return
        self._read(client)
        del self._clients[client]
        client.readyRead.disconnect()
        client.disconnected.disconnect()
        client.abort()
        client.deleteLater()
