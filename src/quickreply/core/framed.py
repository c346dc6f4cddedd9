"""Cache files written as a run of small zstd-compressed frames and read back one frame at a time.

The app reads its caches back in a worker thread while the popup must answer: one `pickle.load` of a
whole 100k-phrase pack or index was seen holding up the UI thread for 150 ms or more. Here every frame
is one pickle of at most a few MB (a chunk of phrases, of dual views, of posting lists), so no single C
call holds the GIL for long. Every frame is compressed with Zstandard (the `zstandard` package): texts
shrink to about half and inflate at about 1 GB/s, several times faster than zlib, so a warm start
barely pays for it. Each frame carries zstd's content checksum, so a changed byte is never read as
data, and the last frame is an end mark, so a truncated file never passes for a whole one. Writes go to
a temp file and `os.replace`; frames are compressed in a second thread a few frames ahead (zstd lets
the GIL go), so a cold build's compression overlaps the pickling of the next frames when a core is
free. The files are the user's own cache (under app_paths().cache): unpickling trusts nothing foreign.
"""

from __future__ import annotations

import os
import pickle
import tempfile
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO, NamedTuple

if TYPE_CHECKING:
    import zstandard

LEVEL = 1  # level 3 (zstd's default) makes a 100k cache 55 -> 49 MB but a cold build ~0.2 s slower
AHEAD = 3  # frames compressed ahead of the writer
_ZSTD = b"s"
_END = "end of frames"


class Frame(NamedTuple):
    """One value pickled, to be compressed as it is written (`write_frames`)."""

    data: bytes


class FramesDamaged(Exception):
    """The file ended early or holds something else than frames."""


def frame(value: object) -> Frame:
    """One frame of `value`."""
    return Frame(pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))


def write_frames(path: Path, frames: Iterable[Frame]) -> int:
    """Write `frames` to `path` atomically (temp file + os.replace); the bytes written."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, temp = tempfile.mkstemp(prefix=path.name, suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as stream:
            size = write_to(stream, frames)
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
    return size


def write_to(stream: BinaryIO, frames: Iterable[Frame]) -> int:
    """Write `frames` and the end mark to `stream`; the bytes written."""
    size = 0
    for blob in _squeezed(_ended(frames)):
        pickle.dump(blob, stream, protocol=pickle.HIGHEST_PROTOCOL)
        size += len(blob)
    return size


def _ended(frames: Iterable[Frame]) -> Iterator[Frame]:
    yield from frames
    yield frame(_END)


def _squeezed(frames: Iterable[Frame]) -> Iterator[bytes]:
    """Each frame compressed, in a second thread up to AHEAD frames ahead of the caller."""
    import zstandard  # on first use: not on the app's start path

    squeezer = zstandard.ZstdCompressor(level=LEVEL, write_checksum=True)  # used by the one worker only

    def squeeze(one: Frame) -> bytes:
        return _ZSTD + squeezer.compress(one.data)

    with ThreadPoolExecutor(1, thread_name_prefix="quickreply-squeeze") as pool:
        pending: deque[Future[bytes]] = deque()
        for one in frames:
            pending.append(pool.submit(squeeze, one))
            if len(pending) > AHEAD:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()


class FrameReader:
    """The frames of one file, in order: `next()` gives the value of the next one."""

    def __init__(self, stream: Any) -> None:
        import zstandard  # on first use: not on the app's start path

        self._stream = stream
        self._inflater: zstandard.ZstdDecompressor = zstandard.ZstdDecompressor()  # one per reader
        self._damage: type[Exception] = zstandard.ZstdError

    def next(self) -> Any:
        try:
            blob = pickle.load(self._stream)
        except EOFError as exc:
            raise FramesDamaged("the file ends early") from exc
        if not isinstance(blob, bytes) or blob[:1] != _ZSTD:
            raise FramesDamaged("not a frame")
        try:
            body = self._inflater.decompress(memoryview(blob)[1:])
        except self._damage as exc:
            raise FramesDamaged(f"a damaged frame ({exc})") from exc
        return pickle.loads(body)

    def end(self) -> None:
        """Check that the file ends here, with the end mark."""
        if self.next() != _END:
            raise FramesDamaged("more frames than expected")
