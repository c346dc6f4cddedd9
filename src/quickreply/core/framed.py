"""Cache files written as a run of small zstd-compressed frames and read back one frame at a time.

The app reads its caches back in a worker thread while the popup must answer: one `pickle.load` of a
whole 100k-phrase pack or index holds the GIL for 150 ms or more. Here every frame is one pickle of at
most a few MB (a chunk of phrases, of dual views, of posting lists), so no single C call holds the GIL
for long. Every frame is compressed with Zstandard (the `zstandard` package): texts shrink to about
40 % and inflate at about 1 GB/s, several times faster than zlib, so a warm start barely pays for it.
Each frame carries zstd's content checksum, so a changed byte is never read as data, and the last frame
is an end mark, so a truncated file never passes for a whole one. Writes go to a temp file and
`os.replace`. The files are the user's own cache (under app_paths().cache): unpickling trusts nothing
foreign.
"""

from __future__ import annotations

import os
import pickle
import tempfile
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import zstandard

LEVEL = 3  # zstd's default: texts and dual views ~25 % smaller than level 1 for ~0.25 s more per 100k build
FAST = 1  # for posting lists: they shrink little at any level
_ZSTD = b"s"
_END = "end of frames"


class FramesDamaged(Exception):
    """The file ended early or holds something else than frames."""


def frame(value: object, fast: bool = False) -> bytes:
    """One compressed frame of `value`; `fast` uses a quicker level (for data that compresses little)."""
    data = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
    squeezer = zstandard.ZstdCompressor(level=FAST if fast else LEVEL, write_checksum=True)
    return _ZSTD + squeezer.compress(data)


def write_frames(path: Path, frames: Iterable[bytes]) -> int:
    """Write `frames` to `path` atomically (temp file + os.replace); the bytes written."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, temp = tempfile.mkstemp(prefix=path.name, suffix=".tmp", dir=path.parent)
    size = 0
    try:
        with os.fdopen(fd, "wb") as stream:
            for one in (*frames, frame(_END)):
                pickle.dump(one, stream, protocol=pickle.HIGHEST_PROTOCOL)
                size += len(one)
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
    return size


class FrameReader:
    """The frames of one file, in order: `next()` gives the value of the next one."""

    def __init__(self, stream: Any) -> None:
        self._stream = stream
        self._inflater = zstandard.ZstdDecompressor()  # one per reader: not shared between threads

    def next(self) -> Any:
        try:
            blob = pickle.load(self._stream)
        except EOFError as exc:
            raise FramesDamaged("the file ends early") from exc
        if not isinstance(blob, bytes) or blob[:1] != _ZSTD:
            raise FramesDamaged("not a frame")
        try:
            body = self._inflater.decompress(memoryview(blob)[1:])
        except zstandard.ZstdError as exc:
            raise FramesDamaged(f"a damaged frame ({exc})") from exc
        return pickle.loads(body)

    def end(self) -> None:
        """Check that the file ends here, with the end mark."""
        if self.next() != _END:
            raise FramesDamaged("more frames than expected")
