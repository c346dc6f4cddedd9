"""core/framed.py: cache files as runs of small zstd frames; a damaged file never reads as other data."""

from __future__ import annotations

import io
import pickle
import random
from pathlib import Path

import pytest

from quickreply.core import framed


def _values(blob: bytes) -> list[object]:
    reader = framed.FrameReader(io.BytesIO(blob))
    values = [reader.next() for _ in range(4)]
    reader.end()
    return values


def _file() -> tuple[list[object], bytes]:
    rng = random.Random(3)
    values: list[object] = [
        ("head", "k" * 32, 300, 0),
        [f"第{n}条 退货运费 tuihuo {rng.random()}" for n in range(300)],
        {n: list(range(n, n + 40)) for n in range(0, 3000, 40)},
        bytes(rng.randrange(256) for _ in range(3000)),  # does not compress: a raw zstd block
    ]
    stream = io.BytesIO()
    framed.write_to(stream, (framed.frame(v) for v in values))
    return values, stream.getvalue()


def test_frames_read_back_in_order_and_end_with_the_end_mark(tmp_path: Path) -> None:
    values, blob = _file()
    assert _values(blob) == values
    path = tmp_path / "x.pickle"
    assert framed.write_frames(path, (framed.frame(v) for v in values)) == len(blob) == path.stat().st_size
    assert _values(path.read_bytes()) == values
    assert not list(tmp_path.glob("*.tmp"))


def test_every_changed_byte_fails_the_read_or_reads_the_same_values() -> None:
    """All bytes, two patterns each. Framed as pickled bytes (before), a change to pickle's length of one
    frame read other data without an error; a length in the head must now match one whole zstd frame."""
    values, blob = _file()
    same = 0
    for at in range(len(blob)):
        for flip in (0x5A, 0x01):
            damaged = bytearray(blob)
            damaged[at] ^= flip
            try:
                got = _values(bytes(damaged))
            except (framed.FramesDamaged, pickle.UnpicklingError, EOFError, ValueError, TypeError):
                continue
            assert got == values, (at, flip)  # slack in zstd's own encoding decodes to the same data
            same += 1
    assert same < len(blob) // 50  # nearly every change is caught outright


@pytest.mark.parametrize("cut", [0, 1, 5, 6, 100, -7, -1])
def test_a_file_cut_short_is_never_read_whole(cut: int) -> None:
    _, blob = _file()
    with pytest.raises(framed.FramesDamaged):
        _values(blob[:cut])


def test_a_frame_with_bytes_after_it_is_damaged() -> None:
    """The head's length says where one zstd frame ends; anything else there is damage."""
    _, blob = _file()
    first = framed._HEAD.size + framed._HEAD.unpack(blob[: framed._HEAD.size])[1]
    longer = framed._HEAD.pack(framed._MARK, first - framed._HEAD.size + 2) + blob[framed._HEAD.size : first]
    with pytest.raises(framed.FramesDamaged):
        framed.FrameReader(io.BytesIO(longer + b"\0\0" + blob[first:])).next()


def test_a_damaged_length_is_refused_before_anything_that_long_is_read() -> None:
    """A changed high byte of a head's length asks for up to 4 GB: a file read would allocate that much."""
    _, blob = _file()
    damaged = bytearray(blob)
    damaged[framed._HEAD.size - 1] ^= 0x5A  # the length's top byte: ~1.5 GB more
    asked: list[int] = []

    class Stream(io.BytesIO):
        def read(self, size: int | None = -1) -> bytes:
            asked.append(-1 if size is None else size)
            return super().read(size)

    with pytest.raises(framed.FramesDamaged):
        framed.FrameReader(Stream(bytes(damaged))).next()
    assert max(asked) <= len(blob)
