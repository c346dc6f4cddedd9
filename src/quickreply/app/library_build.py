"""The heavy part of a library reload in a child process: parse the packs and build the search index there,
leaving both in the caches, so that the app itself only reads the caches back.

Why a process: the parse and the index build are pure Python. In a thread of the app they hold the GIL
for seconds at 100k phrases, and the hotkey thread and the popup wait for it; their temporaries also
fragment the app's heap, so its RSS grew with every reload (issue 11). The child has its own GIL and
its own heap, which goes back to the OS when it exits.

The child is `python -m quickreply.app.library_build` (a frozen build: the exe itself with BUILD_ARG,
see `quickreply/__main__.py`); what to load comes as one JSON argument (not stdin: a windowed frozen exe
may have none). It imports no Qt. An exit code other
than 0 (a crash, a kill, no memory) raises `BuildFailed`; the app then keeps the library it has.
"""

from __future__ import annotations

import contextlib
import json
import os
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

from quickreply.core.messages import Message, msg, os_problem
from quickreply.paths import Paths

CHILD_MIN_BYTES = 1024 * 1024  # smaller libraries load in a thread in less time than a child starts in
BUILD_ARG = "--build-library-cache"  # the frozen exe's child entry (quickreply/__main__.py)
NICE = 10  # the child's niceness on POSIX (Windows: BELOW_NORMAL_PRIORITY_CLASS)
TIMEOUT_S = 900.0  # far above a 100k build on a slow machine; a hung child is killed after it


class BuildFailed(Exception):
    """The child exited badly; `message` says how, for the notice (the old library stays in use)."""

    def __init__(self, message: Message) -> None:
        super().__init__(message.code)
        self.message = message


def child_command() -> list[str]:
    if getattr(sys, "frozen", False):
        return [sys.executable, BUILD_ARG]
    return [sys.executable, "-m", "quickreply.app.library_build"]


def prepare_caches(paths: Paths, extra_packs: Sequence[Path]) -> None:
    """Before a background reload: a library of CHILD_MIN_BYTES or more is built in a child process."""
    from quickreply.core.library import library_files

    total = 0
    for file in library_files(paths, extra_packs):
        with contextlib.suppress(OSError):  # a file that is gone is the loader's to report
            total += file.stat().st_size
    if total >= CHILD_MIN_BYTES:
        build_in_child(paths, extra_packs)


def build_in_child(paths: Paths, extra_packs: Sequence[Path], timeout: float = TIMEOUT_S) -> None:
    """Run the child that writes the pack and index caches for this library; returns when it is done."""
    job = json.dumps({
        "config": str(paths.config), "data": str(paths.data), "cache": str(paths.cache),
        "extra": [str(p) for p in extra_packs],
    })  # fmt: skip
    ours = str(Path(__file__).resolve().parents[2])  # where this quickreply is imported from
    path = os.pathsep.join(p for p in (ours, os.environ.get("PYTHONPATH", "")) if p)
    env = {**os.environ, "PYTHONPATH": path}
    # Windows: no console window flashing up, and below the app's priority (POSIX: nice, in main())
    flags = getattr(subprocess, "CREATE_NO_WINDOW", 0) | getattr(subprocess, "BELOW_NORMAL_PRIORITY_CLASS", 0)
    try:
        done = subprocess.run(
            [*child_command(), job], stdin=subprocess.DEVNULL, capture_output=True, timeout=timeout,
            env=env, creationflags=flags, check=False,
        )  # fmt: skip
    except subprocess.TimeoutExpired as exc:
        raise BuildFailed(msg("ui.app.reload_child_timeout", seconds=int(timeout))) from exc
    except OSError as exc:
        why = os_problem(exc)  # the python or exe the child is started with, and why it cannot run
        raise BuildFailed(msg("ui.app.reload_child_failed", code=str(exc.errno), detail=why)) from exc
    if done.returncode != 0:
        raise BuildFailed(child_failure(done.returncode, done.stderr))


def child_failure(returncode: int, stderr: bytes) -> Message:
    """What to tell the agent about a child that exited with `returncode`: its last line of stderr, or when
    it printed nothing, what the code means (POSIX: a negative code is the signal that ended it, SIGKILL
    mostly from the out-of-memory killer or `kill -9`) and what to do."""
    lines = stderr.decode("utf-8", "replace").strip().splitlines()
    detail: Message | str = lines[-1] if lines else ""
    if returncode < 0:
        detail = msg("ui.app.reload_child_signal", signal=-returncode, detail=detail)
    elif detail:
        detail = msg("ui.app.reload_child_said", detail=detail, retry=msg("ui.app.reload_child_retry"))
    else:
        detail = msg("ui.app.reload_child_retry")
    return msg("ui.app.reload_child_failed", code=str(returncode), detail=detail)


def run_job(job: dict[str, object]) -> None:
    """The child's work: load the library the app would load (this writes the caches) and drop it."""
    from quickreply.app.user_files import load_packs

    paths = Paths(Path(str(job["config"])), Path(str(job["data"])), Path(str(job["cache"])))
    extra = [Path(str(p)) for p in job.get("extra", [])]  # type: ignore[attr-defined]
    load_packs(paths, extra)


def main(argv: Sequence[str] | None = None) -> int:
    """The child: `argv` (default: this process's arguments) ends with the job as JSON."""
    args = list(sys.argv[1:] if argv is None else argv)
    if hasattr(os, "nice"):  # background work: on 2 cores the app's UI thread and X must come first
        with contextlib.suppress(OSError):
            os.nice(NICE)
    run_job(json.loads(args[-1]))
    os._exit(0)  # the library is garbage now: freeing 100k phrases one by one would only cost time


if __name__ == "__main__":
    sys.exit(main())
