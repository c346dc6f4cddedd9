"""Cache files written as a run of small frames and read back one frame at a time.

The app reads its caches back in a worker thread while the popup must answer: one `pickle.load` of a
whole 100k-phrase pack or index holds the GIL for 150 ms or more. Here every frame is one pickle of at
most a few MB (a chunk of phrases, of dual views, of posting ids), so no single C call holds the GIL for
long. A frame may be zlib-compressed (level 1: texts and dual views shrink to about 40 %; zlib lets the
GIL go while it inflates); posting ids, which compress badly, are stored as they are. The last frame
is an end mark, so a truncated file never passes for a whole one, and every frame is checked (zlib's own
check, or a CRC-32 of a frame stored as it is), so a changed byte is never read as data. Writes go to a temp file and
`os.replace`. The files are the user's own cache (under app_paths().cache): unpickling trusts nothing
foreign.
"""

from __future__ import annotations

import os
import pickle
import tempfile
import zlib
from collections.abc import Iterable
from pathlib import Path
from typing import Any

SQUEEZE_LEVEL = 1  # zlib level: 6 is ~10 % smaller and 3x slower to write
_RAW, _SQUEEZED = b"p", b"z"
_END = "end of frames"


class FramesDamaged(Exception):
    """The file ended early or holds something else than frames."""


def frame(value: object, squeeze: bool = False) -> bytes:
    """One frame of `value`; `squeeze` compresses it (for texts and dual views)."""
    data = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
    if squeeze:
        return _SQUEEZED + zlib.compress(data, SQUEEZE_LEVEL)  # zlib checks its own data
    return _RAW + zlib.crc32(data).to_bytes(4, "little") + data


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

    def next(self) -> Any:
        try:
            blob = pickle.load(self._stream)
        except EOFError as exc:
            raise FramesDamaged("the file ends early") from exc
        if not isinstance(blob, bytes):
            raise FramesDamaged("not a frame")
        kind, body = blob[:1], memoryview(blob)[1:]
        if kind == _SQUEEZED:
            body = memoryview(zlib.decompress(body))
        elif kind != _RAW or zlib.crc32(body[4:]) != int.from_bytes(body[:4], "little"):
            raise FramesDamaged("a damaged frame")
        else:
            body = body[4:]
        return pickle.loads(body)

    def end(self) -> None:
        """Check that the file ends here, with the end mark."""
        if self.next() != _END:
            raise FramesDamaged("more frames than expected")
