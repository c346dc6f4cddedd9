"""An index per pack, combined: the same data and hits as one index of the whole library, and one changed
pack re-indexes only itself."""

from __future__ import annotations

import io
import pickle
import random
from array import array
from collections.abc import Mapping
from dataclasses import replace
from itertools import chain
from pathlib import Path

import pytest

from quickreply.core import framed
from quickreply.core.model import Layer, Pack, Phrase
from quickreply.core.search import cache as index_cache
from quickreply.core.search import compact
from quickreply.core.search.cache import load_or_build_library_index
from quickreply.core.search.combine import combine
from quickreply.core.search.data import IndexData
from quickreply.core.search.index import SearchIndex, build_data

WORDS = [
    *("退货", "运费", "发票", "顺丰", "质量", "问题", "七天", "无理由", "优惠券", "行李箱", "发货", "时间"),
    *("尺码", "银行卡", "花呗", "着急", "重新", "長度", "說明", "快递", "包邮", "亲", "您好", "售后", "换货"),
]
TAGS = ("退货", "发票", "催付", "尺码", "", "退貨")
CATEGORIES = (
    "售后/退换货",
    "商品咨询/发票",
    "催付",
    "物流/顺丰",
    "",
    "商品諮詢/發票",
)  # one folds like another


def make_phrases(prefix: str, count: int, seed: int, words: list[str] = WORDS) -> tuple[Phrase, ...]:
    rng = random.Random(seed)
    phrases = []
    for n in range(count):
        title = "".join(rng.sample(words, 2))
        text = "，".join(rng.choice(words) for _ in range(rng.randint(3, 12))) + "。"
        tags = tuple(t for t in rng.sample(TAGS, 2) if t)
        code = f"{prefix}{n}" if n % 3 == 0 else ""
        phrases.append(Phrase(f"{prefix}.{n}", rng.choice(CATEGORIES), title, text, code=code, tags=tags))
    return tuple(phrases)


def plain(data: IndexData) -> dict[str, object]:
    """Everything in the data as plain, comparable values (joined postings read out key by key)."""

    def postings(p: Mapping[str, array]) -> dict[str, list[int]]:
        assert all(isinstance(ids, array) and ids.typecode == "i" for ids in p.values())
        return {key: list(p[key]) for key in p}

    a = data.alphabet
    out: dict[str, object] = {
        "alphabet": (a.syllables, list(a.block_start), dict(a.unit_of), list(a.readings_of.items())),
        "codes": data.codes,
        "code_order": data.code_order,
    }
    for name, f in data.fields.items():
        out[name] = (
            f.values,
            f.duals,
            f.owners,
            f.value_of,
            f.changed,
            *map(postings, (f.uni, f.ini, f.first)),
        )
    assert data.partial is not None
    out["partial"] = (
        {name: postings(p) for name, p in data.partial.postings.items()},
        data.partial.owners,
        list(data.partial.text_norm),
        data.partial.size,
    )
    return out


PACKS = [
    make_phrases("a", 40, 1, [*WORDS[:10], "只在甲"]),
    make_phrases("b", 300, 2),
    make_phrases("c", 25, 3, [*WORDS[8:], "乙包特有", "兩岸"]),
]


def test_combined_packs_are_the_data_of_one_build() -> None:
    whole = build_data([p for pack in PACKS for p in pack])
    combined = combine([build_data(pack) for pack in PACKS])
    assert plain(combined) == plain(whole)


def test_combined_packs_find_the_same_hits() -> None:
    phrases = [p for pack in PACKS for p in pack]
    whole = SearchIndex(phrases, build_data(phrases))
    combined = SearchIndex(phrases, combine([build_data(pack) for pack in PACKS]))
    for query in ("退货", "tuihuo", "thh", "fp", "yunf", "fapaio", "a3", "b12", "着急", "zhaoji", "退 运费",
                  "只在甲", "zzj", "yibao", "发票怎么开", "长度", "t", "售后"):  # fmt: skip
        assert combined.search(query) == whole.search(query), query


def pack(pack_id: str, phrases: tuple[Phrase, ...], layer: Layer, key: str) -> Pack:
    return Pack(pack_id, pack_id, "1", phrases, layer=layer, source_key=key)


class Builds:
    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.sizes: list[int] = []
        real = index_cache.build_data

        def counting(phrases):  # type: ignore[no-untyped-def]
            self.sizes.append(len(phrases))
            return real(phrases)

        monkeypatch.setattr(index_cache, "build_data", counting)


def test_one_changed_pack_reindexes_only_itself(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    builds = Builds(monkeypatch)
    bundled = pack("bundled", PACKS[0], Layer.BUNDLED, "k-bundled")
    team = pack("team", PACKS[1], Layer.TEAM, "k-team-1")
    personal = pack("personal", PACKS[2], Layer.PERSONAL, "k-personal-1")
    packs = [bundled, team, personal]
    load_or_build_library_index(packs, [*PACKS[0], *PACKS[1], *PACKS[2]], tmp_path)
    assert sorted(builds.sizes) == [25, 40, 300]
    builds.sizes.clear()

    edited = replace(PACKS[1][7], text="亲，这件已经补发顺丰了。")
    team_phrases = (*PACKS[1][:7], edited, *PACKS[1][8:])
    team = pack("team", team_phrases, Layer.TEAM, "k-team-2")
    phrases = [*PACKS[0], *team_phrases, *PACKS[2]]
    index = load_or_build_library_index([bundled, team, personal], phrases, tmp_path)
    assert builds.sizes == [300]  # the team pack only
    assert index.search("补发顺丰")[0].phrase.id == edited.id
    whole = SearchIndex(phrases, build_data(phrases))
    assert plain(index.data) == plain(whole.data)

    builds.sizes.clear()
    saved = (*PACKS[2], Phrase("c.new", "售后", "新加的话术", "亲，新加的。"))
    personal = pack("personal", saved, Layer.PERSONAL, "k-personal-2")
    phrases = [*PACKS[0], *team_phrases, *saved]
    index = load_or_build_library_index([bundled, team, personal], phrases, tmp_path)
    assert builds.sizes == [26]  # a save of the personal layer: the personal pack only
    assert index.search("新加的话术")[0].phrase.id == "c.new"


def test_a_hidden_phrase_falls_back_to_one_index(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A personal phrase with a team phrase's id takes that phrase's place: not the packs in a row."""
    builds = Builds(monkeypatch)
    team = pack("team", PACKS[1], Layer.TEAM, "k-team")
    mine = replace(PACKS[1][3], title="我自己的版本")
    personal = pack("personal", (mine,), Layer.PERSONAL, "k-mine")
    phrases = [*PACKS[1][:3], mine, *PACKS[1][4:]]
    index = load_or_build_library_index([team, personal], phrases, tmp_path)
    assert builds.sizes == [300]
    assert index.search("我自己的版本")[0].phrase is mine


def test_the_cache_takes_titles_and_texts_from_the_phrases(tmp_path: Path) -> None:
    """The file holds no folded title or text that the phrase itself holds (~20 MB at 100k phrases), only
    those folding changed; read back, the data is the built one."""
    odd = Phrase("odd.1", "售后", "iPhone 發票说明", "亲，發票随 iPhone 一起寄出，独一无二的正文。")
    phrases = (*PACKS[1][:50], odd)
    team = pack("team", phrases, Layer.TEAM, "k-team")
    load_or_build_library_index([team], phrases, tmp_path)
    (stored,) = tmp_path.glob("pack-*.pickle")
    assert PACKS[1][0].text.encode() not in stored.read_bytes()
    warm = load_or_build_library_index([team], phrases, tmp_path)
    assert plain(warm.data) == plain(build_data(phrases))
    assert warm.search("发票随")[0].phrase is odd


def test_postings_of_any_size_come_back_from_their_compact_form_in_small_frames(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Long lists keep two bytes per id; a posting map goes through the file in frames of a few lists."""
    import io

    from quickreply.core import framed
    from quickreply.core.search import compact

    monkeypatch.setattr(compact, "GROUP_KEYS", 3)
    monkeypatch.setattr(compact, "GROUP_IDS", 600)
    rng = random.Random(5)
    postings = {
        "empty": array("i"),
        "short": array("i", [3, 70_000]),
        "low": array("i", sorted(rng.sample(range(60_000), 500))),
        "some": array("i", range(0, 70_000, 3000)),
        "wide": array("i", sorted(rng.sample(range(300_000), 5000))),
        "high": array("i", range(131_072, 131_372)),
        "huge": array("i", [2**24 + 5, 2**30 + 7]),
    }
    short, packed = compact.pack(postings)
    assert set(short) == {"empty", "short", "some", "huge"}
    assert sum(len(low) for low, _ in packed.values()) == 2 * (500 + 5000 + 300)
    assert compact.unpack((short, packed)) == postings
    written = list(compact._postings(postings))
    assert len(written) == 1 + 3  # the count; [empty short low] [some wide] [high huge]: 3 keys or 600 ids
    for found in (postings, {"only": array("i", range(10))}, {}):
        stream = io.BytesIO()
        framed.write_to(stream, compact._postings(found))
        stream.seek(0)
        assert compact._read_postings(framed.FrameReader(stream)) == found


def test_a_cut_or_damaged_index_file_is_rebuilt(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A file cut short anywhere, or with a byte changed, is never read as a whole one: it is rebuilt."""
    builds = Builds(monkeypatch)
    team = pack("team", PACKS[1], Layer.TEAM, "k-team")
    load_or_build_library_index([team], PACKS[1], tmp_path)
    (path,) = tmp_path.glob("pack-*.pickle")
    whole = path.read_bytes()
    for cut in (len(whole) - 1, len(whole) * 2 // 3, len(whole) // 2, 40):
        path.write_bytes(whole[:cut])
        builds.sizes.clear()
        index = load_or_build_library_index([team], PACKS[1], tmp_path)
        assert builds.sizes == [300], cut
        assert plain(index.data) == plain(build_data(PACKS[1]))
    rebuilt = 0
    positions = range(60, len(whole), max(1, len(whole) // 40))
    for at in positions:  # raw and compressed frames alike
        damaged = bytearray(whole)
        damaged[at] ^= 0x5A
        path.write_bytes(bytes(damaged))
        builds.sizes.clear()
        index = load_or_build_library_index([team], PACKS[1], tmp_path)
        # Rebuilt, or the byte sat in slack of zstd's encoding and the data read is the same (both seen)
        assert builds.sizes in ([300], []), at
        rebuilt += builds.sizes == [300]
        assert plain(index.data) == plain(build_data(PACKS[1]))
    assert rebuilt >= len(positions) - 2


def test_no_changed_byte_of_an_index_file_reads_as_other_data() -> None:
    """Bytes of a real index file changed one at a time (every byte of each frame's head and zstd header,
    every 13th of the rest): the read fails or gives the same values.
    (With frames as pickled bytes, a changed length made one frame swallow the next, and the posting
    lists read were others, without an error: seen at 1 byte in 45,342.)"""
    data = build_data(PACKS[1])
    stream = io.BytesIO()
    framed.write_to(stream, chain([framed.frame((1, "k", 300, 0))], compact.frames(data)))
    whole = stream.getvalue()

    def read(blob: bytes) -> bytes:
        frames = framed.FrameReader(io.BytesIO(blob))
        head = frames.next()
        got = compact.restored(frames, PACKS[1])
        frames.end()
        return pickle.dumps((head, plain(got)))

    good = read(whole)
    heads, at = [], 0  # where each frame starts: its head, and zstd's own frame header after it
    while at < len(whole):
        heads.append(at)
        at += framed._HEAD.size + framed._HEAD.unpack_from(whole, at)[1]
    near_heads = {a + k for a in heads for k in range(framed._HEAD.size + 18)}
    for at in sorted(near_heads | set(range(0, len(whole), 13))):
        damaged = bytearray(whole)
        damaged[at] ^= 0x5A
        try:
            got = read(bytes(damaged))
        except Exception:
            continue
        assert got == good, at


def test_ids_shifted_in_short_runs_are_the_same(monkeypatch: pytest.MonkeyPatch) -> None:
    """The shift runs over a few hundred thousand ids at a time (the GIL is let go between runs)."""
    from quickreply.core.search import combine as combine_module

    monkeypatch.setattr(combine_module, "SHIFT_CHUNK", 7)
    whole = build_data([p for pack in PACKS for p in pack])
    assert plain(combine([build_data(pack) for pack in PACKS])) == plain(whole)


def test_a_warm_load_shifts_no_id_while_the_packs_before_keep_their_size(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each pack's file holds its ids where they were in the library it was written for: reading it back
    into the same places is no per-id work (at 150k phrases that work took ~0.3 s at every reload)."""
    from quickreply.core.search import combine as combine_module

    packs = [
        pack("bundled", PACKS[0], Layer.BUNDLED, "k-bundled"),
        pack("team", PACKS[1], Layer.TEAM, "k-team"),
        pack("personal", PACKS[2], Layer.PERSONAL, "k-personal"),
    ]
    phrases = [*PACKS[0], *PACKS[1], *PACKS[2]]
    load_or_build_library_index(packs, phrases, tmp_path)
    runs: list[int] = []
    real = combine_module._shift_run
    monkeypatch.setattr(combine_module, "_shift_run", lambda p, k, n, o: runs.append(o) or real(p, k, n, o))
    index = load_or_build_library_index(packs, phrases, tmp_path)
    assert runs == []
    assert plain(index.data) == plain(build_data(phrases))
    assert index.search("只在甲")[0].phrase.id.startswith("a.")


def test_a_pack_file_read_at_another_place_has_its_ids_moved(tmp_path: Path) -> None:
    """The same team pack behind a bigger, a smaller, or no pack before it: ids moved both ways."""
    team = pack("team", PACKS[1], Layer.TEAM, "k-team")
    first = pack("bundled", PACKS[0], Layer.BUNDLED, "k-bundled")
    load_or_build_library_index([first, team], [*PACKS[0], *PACKS[1]], tmp_path)  # written at 40
    small = pack("bundled", PACKS[2], Layer.BUNDLED, "k-small")
    for before in ([first], [small], []):
        phrases = [*(p for b in before for p in b.phrases), *PACKS[1]]
        index = load_or_build_library_index([*before, team], phrases, tmp_path)
        assert plain(index.data) == plain(build_data(phrases))


def test_index_files_of_other_formats_are_deleted_and_other_files_kept(tmp_path: Path) -> None:
    version = index_cache.FORMAT_VERSION
    stale = [f"index-v4-{'a' * 8}.pickle", f"pack-v{version - 1}-{'b' * 8}.pickle"]
    kept = ["phrases-v2-c.pickle", "notes.txt", f"index-v{version}-{'d' * 8}.pickle"]
    for name in (*stale, *kept):
        (tmp_path / name).write_bytes(b"x")
    pack = Pack(id="p", name="p", version="1", phrases=(Phrase("p.a", "售后", "退货", "请寄回"),))
    load_or_build_library_index((pack,), pack.phrases, tmp_path)
    names = {p.name for p in tmp_path.iterdir()}
    assert not names & set(stale)
    assert set(kept) <= names


def test_a_warm_load_does_not_look_for_files_of_other_formats_a_build_does(tmp_path: Path) -> None:
    """Stale formats come only with a format change, which rebuilds every pack: a load that built
    nothing leaves the folder alone (no glob of it on every warm start)."""
    team = pack("team", PACKS[1], Layer.TEAM, "k-team")
    load_or_build_library_index([team], PACKS[1], tmp_path)
    stale = tmp_path / f"pack-v{index_cache.FORMAT_VERSION - 1}-{'b' * 8}.pickle"
    stale.write_bytes(b"x")
    load_or_build_library_index([team], PACKS[1], tmp_path)  # warm: nothing built
    assert stale.exists()
    changed = pack("team", PACKS[1], Layer.TEAM, "k-team-2")
    load_or_build_library_index([changed], PACKS[1], tmp_path)  # this pack is built
    assert not stale.exists()
