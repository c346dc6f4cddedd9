"""Figures for issue 8: saves of the personal library killed with SIGKILL at random moments, and saves on a
disk that is really full (a small tmpfs; needs root on Linux). Prints how many runs left the library whole
and lost nothing that had been saved.

    python3 scripts/save_faults.py --kills 200 --full-disk 50
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import textwrap
import time
from dataclasses import replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from quickreply.core.model import Phrase
from quickreply.core.personal import PersonalLibrary, PersonalLibraryError, empty_personal_pack

SAVER = textwrap.dedent(
    """
    import sys
    from dataclasses import replace
    from pathlib import Path
    from quickreply.core.model import Phrase
    from quickreply.core.personal import PersonalLibrary
    library = PersonalLibrary(Path(sys.argv[1]), Path(sys.argv[2]))
    n = 0
    while True:
        pack, _ = library.load()
        n += 1
        phrase = Phrase(f"p{len(pack.phrases)}", "我的", f"第{len(pack.phrases)}条", "内容" * 200)
        library.save(replace(pack, phrases=(*pack.phrases, phrase)))
        print(len(pack.phrases) + 1, flush=True)  # this many phrases are saved for sure
    """
)


def kill_runs(count: int) -> tuple[int, int]:
    """(whole, lost): a saver adding one phrase per save is killed at a random moment, `count` times."""
    whole = lost = 0
    folder = Path(tempfile.mkdtemp(prefix="qr-kill-"))
    path, backups = folder / "personal.toml", folder / "backups"
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[1] / "src")}
    try:
        for _ in range(count):
            child = subprocess.Popen(
                [sys.executable, "-c", SAVER, str(path), str(backups)],
                stdout=subprocess.PIPE,
                text=True,
                env=env,
            )
            assert child.stdout is not None
            first = child.stdout.readline()  # at least one save done: now kill it at a random moment
            time.sleep(random.uniform(0, 0.05))
            child.send_signal(signal.SIGKILL)
            rest = child.stdout.read()
            child.wait()
            confirmed = max([int(x) for x in (first + rest).split()] or [0])
            pack, problems = PersonalLibrary(path, backups).load()
            if not [p for p in problems if p.is_error]:
                whole += 1
            if len(pack.phrases) < confirmed:
                lost += 1
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    return whole, lost


def full_disk_runs(count: int) -> tuple[int, int, int]:
    """(refused with a message, edits lost, backups lost) on a 512 KiB tmpfs filled to the last byte."""
    mount = Path(tempfile.mkdtemp(prefix="qr-full-"))
    subprocess.run(["mount", "-t", "tmpfs", "-o", "size=512k", "tmpfs", str(mount)], check=True)
    refused = lost = backups_lost = 0
    try:
        library = PersonalLibrary(mount / "personal.toml", mount / "backups")
        pack = replace(empty_personal_pack(), phrases=(Phrase("a", "我的", "一", "内容"),))
        for n in range(5):
            pack = replace(pack, phrases=(*pack.phrases, Phrase(f"b{n}", "我的", "二", "内容")))
            library.save(pack)
        before = {p.name for p in library.backups()}
        filler = mount / "filler"
        fd = os.open(filler, os.O_WRONLY | os.O_CREAT)  # fill the disk to the last byte
        for size in (65536, 4096, 1):
            try:
                while True:
                    os.write(fd, b"x" * size)
            except OSError:
                pass
        os.close(fd)
        good = library.path.read_bytes()
        for n in range(count):
            edit = replace(pack, phrases=(*pack.phrases, Phrase(f"new{n}", "我的", "新", "新内容" * 500)))
            try:
                library.save(edit)
            except PersonalLibraryError as exc:
                if exc.message is not None:
                    refused += 1
                target = Path(tempfile.gettempdir()) / f"qr-elsewhere-{n}.toml"
                library.save_copy(edit, target)  # "save elsewhere" keeps the edit
                if b"new%d" % n not in target.read_bytes():
                    lost += 1
                target.unlink()
            if library.path.read_bytes() != good:
                lost += 1
            if not before <= {p.name for p in library.backups()}:
                backups_lost += 1
        filler.unlink()
        library.save(edit)  # space again: the save goes through
        assert b"new" in library.path.read_bytes()
    finally:
        subprocess.run(["umount", str(mount)], check=False)
        mount.rmdir()
    return refused, lost, backups_lost


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--kills", type=int, default=100)
    parser.add_argument("--full-disk", type=int, default=30)
    ns = parser.parse_args()
    whole, lost = kill_runs(ns.kills)
    print(f"kill -9 during saves: {ns.kills} runs, library whole {whole}, saved phrases lost in {lost}")
    if os.name == "posix" and os.geteuid() == 0:
        refused, edits_lost, backups_lost = full_disk_runs(ns.full_disk)
        print(
            f"full disk (tmpfs): {ns.full_disk} saves, refused with a message {refused}, "
            f"edits lost {edits_lost}, runs that lost a backup {backups_lost}"
        )
    else:
        print("full disk: skipped (mounting a small tmpfs needs root)")


if __name__ == "__main__":
    main()
