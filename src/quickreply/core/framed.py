"""Cache files written as a run of small zstd-compressed frames and read back one frame at a time.

The app reads its caches back in a worker thread while the popup must answer: one `pickle.load` of a
whole 100k-phrase pack or index was seen holding up the UI thread for 150 ms or more. Here every frame
is one pickle of at most a few MB (a chunk of phrases, of dual views, of posting lists), so no single C
call holds the GIL for long. Every frame is compressed with Zstandard (the `zstandard` package): texts
shrink to about half and inflate at about 1 GB/s, several times faster than zlib, so a warm start
barely pays for it. On disk a frame is a 6-byte head (`QF`, the compressed length) and one zstd frame
with its content checksum, read back as exactly that many bytes: a changed byte either fails the read
(a length that no longer fits, a head that is not one, a checksum) or, in the few places where zstd's
own header has slack, decodes to the very same data; and the last frame is an end mark, so a truncated
file never passes for a whole one. (Each frame was first a pickled `bytes`: pickle's own length fields
let a changed byte through, once with other data, seen when a test under Wine hit one.) Writes go to
a temp file and `os.replace`; frames are compressed in a second thread a few frames ahead (zstd lets
the GIL go), so a cold build's compression overlaps the pickling of the next frames when a core is
free. The files are the user's own cache (under app_paths().cache): unpickling trusts nothing foreign.
"""

from __future__ import annotations

import os
import pickle
import struct
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
_HEAD = struct.Struct("<2sI")  # mark, length of the zstd frame that follows
_MARK = b"QF"
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
        stream.write(_HEAD.pack(_MARK, len(blob)))
        stream.write(blob)
        size += _HEAD.size + len(blob)
    return size


def _ended(frames: Iterable[Frame]) -> Iterator[Frame]:
    yield from frames
    yield frame(_END)


def _squeezed(frames: Iterable[Frame]) -> Iterator[bytes]:
    """Each frame compressed, in a second thread up to AHEAD frames ahead of the caller."""
    import zstandard  # on first use: not on the app's start path

    squeezer = zstandard.ZstdCompressor(level=LEVEL, write_checksum=True)  # used by the one worker only

    def squeeze(one: Frame) -> bytes:
        return squeezer.compress(one.data)

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
        start = stream.tell()
        self._left = stream.seek(0, os.SEEK_END) - start  # bytes not read yet
        stream.seek(start)

    def next(self) -> Any:
        if self._left < _HEAD.size:
            raise FramesDamaged("the file ends early")
        mark, length = _HEAD.unpack(self._stream.read(_HEAD.size))
        if mark != _MARK:
            raise FramesDamaged("not a frame")
        # Checked before reading: a damaged length (up to 4 GB) would have a buffer that size allocated
        if length > self._left - _HEAD.size:
            raise FramesDamaged("the file ends early")
        self._left -= _HEAD.size + length
        blob = self._stream.read(length)
        try:  # exactly one whole zstd frame: a length changed by one byte leaves some over or too few
            body = self._inflater.decompress(blob, allow_extra_data=False)
        except self._damage as exc:
            raise FramesDamaged(f"a damaged frame ({exc})") from exc
        return pickle.loads(body)

    def end(self) -> None:
        """Check that the file ends here, with the end mark."""
        if self.next() != _END:
            raise FramesDamaged("more frames than expected")
