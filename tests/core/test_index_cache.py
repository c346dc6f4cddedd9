"""The on-disk index cache: a warm start reuses it; other content, damage or an old format rebuild it."""

from __future__ import annotations

import pickle
from dataclasses import replace
from pathlib import Path

import pytest

from quickreply.core.model import Phrase
from quickreply.core.search import cache as index_cache
from quickreply.core.search.cache import FORMAT_VERSION, cache_path, content_key, load_or_build_index

PHRASES = (
    Phrase(
        "return.postage",
        "售后/退换货",
        "退货运费谁承担",
        "七天无理由退货的运费由买家承担。",
        code="th1",
        tags=("退货",),
    ),
    Phrase(
        "invoice.yes",
        "商品咨询/发票",
        "开发票",
        "本店可以开发票，下单时备注抬头。",
        code="fp",
        tags=("发票",),
    ),
    Phrase("pay.bank", "催付", "银行卡付款", "支持银行卡和花呗分期。"),
)


class Builds:
    """Counts real index builds (a cache hit builds nothing)."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.count = 0
        real = index_cache.build_data

        def counting(phrases):  # type: ignore[no-untyped-def]
            self.count += 1
            return real(phrases)

        monkeypatch.setattr(index_cache, "build_data", counting)


@pytest.fixture
def builds(monkeypatch: pytest.MonkeyPatch) -> Builds:
    return Builds(monkeypatch)


def top_ids(index, query: str) -> list[str]:  # type: ignore[no-untyped-def]
    return [hit.phrase.id for hit in index.search(query)]


def test_second_load_comes_from_the_cache(tmp_path: Path, builds: Builds) -> None:
    cold = load_or_build_index(PHRASES, tmp_path)
    warm = load_or_build_index(PHRASES, tmp_path)
    assert builds.count == 1
    for query in ("退货", "yinhang", "fp", "kfp", "fapaio"):
        assert top_ids(warm, query) == top_ids(cold, query)
    assert [hit.spans for hit in warm.search("tuihuo")] == [hit.spans for hit in cold.search("tuihuo")]
    assert cache_path(tmp_path, content_key(PHRASES)).is_file()


def test_changed_content_rebuilds(tmp_path: Path, builds: Builds) -> None:
    load_or_build_index(PHRASES, tmp_path)
    edited = (replace(PHRASES[0], text="运费险可以报销退货运费。"), *PHRASES[1:])
    index = load_or_build_index(edited, tmp_path)
    assert builds.count == 2
    assert top_ids(index, "运费险") == ["return.postage"]
    assert content_key(edited) != content_key(PHRASES)


def test_same_content_other_ids_shares_the_index(tmp_path: Path, builds: Builds) -> None:
    load_or_build_index(PHRASES, tmp_path)
    renamed = tuple(replace(p, id=p.id + ".copy", pack_id="other") for p in PHRASES)
    index = load_or_build_index(renamed, tmp_path)
    assert builds.count == 1  # only searchable fields make the key; hits carry the phrases given
    assert top_ids(index, "开发票") == ["invoice.yes.copy"]


@pytest.mark.parametrize("damage", [b"", b"not a pickle at all", b"\x80\x05\x95garbage"])
def test_corrupt_cache_is_rebuilt_and_replaced(tmp_path: Path, builds: Builds, damage: bytes) -> None:
    path = cache_path(tmp_path, content_key(PHRASES))
    path.write_bytes(damage)
    index = load_or_build_index(PHRASES, tmp_path)
    assert top_ids(index, "fp")[0] == "invoice.yes"
    assert builds.count == 1
    load_or_build_index(PHRASES, tmp_path)
    assert builds.count == 1  # the rebuilt file is good again


def test_cache_from_another_format_or_content_is_ignored(tmp_path: Path, builds: Builds) -> None:
    key = content_key(PHRASES)
    path = cache_path(tmp_path, key)
    path.write_bytes(pickle.dumps((FORMAT_VERSION - 1, key, len(PHRASES), object())))
    assert top_ids(load_or_build_index(PHRASES, tmp_path), "退货")[0] == "return.postage"
    path.write_bytes(pickle.dumps((FORMAT_VERSION, "other-key", len(PHRASES), object())))
    assert top_ids(load_or_build_index(PHRASES, tmp_path), "退货")[0] == "return.postage"
    assert builds.count == 2


def test_writes_leave_no_temp_files_and_old_caches_are_pruned(tmp_path: Path) -> None:
    for n in range(index_cache.KEEP_FILES + 3):
        load_or_build_index((*PHRASES, Phrase(f"extra.{n}", "其他", f"补充{n}", "文字")), tmp_path)
    files = sorted(p.name for p in tmp_path.iterdir())
    assert all(name.endswith(".pickle") for name in files), files
    assert len(files) == index_cache.KEEP_FILES


def test_no_cache_dir_builds_in_memory(tmp_path: Path, builds: Builds) -> None:
    index = load_or_build_index(PHRASES, None)
    assert top_ids(index, "花呗") == ["pay.bank"]
    assert builds.count == 1


def test_unwritable_cache_dir_still_searches(tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-dir"
    blocker.write_text("a file where the cache dir should be")
    index = load_or_build_index(PHRASES, blocker / "index")
    assert top_ids(index, "开发票") == ["invoice.yes"]


PACK = """[pack]
id = "team"
name = "团队"
version = "1"

[[phrases]]
id = "return.postage"
title = "退货运费谁承担"
text = "七天无理由退货的运费由买家承担。"
"""


def test_a_loaded_library_keys_its_index_by_its_packs_without_hashing_every_phrase(
    tmp_path: Path, builds: Builds, monkeypatch: pytest.MonkeyPatch
) -> None:
    from quickreply.core.packs.load import load_pack
    from quickreply.core.search.cache import packs_key

    file = tmp_path / "team.toml"
    file.write_text(PACK, encoding="utf-8")
    pack, _ = load_pack(file)
    assert pack is not None and pack.source_key
    key = packs_key([pack])
    assert key is not None
    monkeypatch.setattr(index_cache, "content_key", lambda phrases: pytest.fail("phrases hashed"))
    load_or_build_index(pack.phrases, tmp_path / "index", key)
    load_or_build_index(pack.phrases, tmp_path / "index", key)
    assert builds.count == 1

    file.write_text(PACK.replace("买家", "卖家"), encoding="utf-8")
    changed, _ = load_pack(file)
    assert changed is not None and packs_key([changed]) != key  # one changed phrase: another index
    assert packs_key([pack, changed]) != packs_key([changed, pack])  # layer order counts


def test_a_pack_made_or_changed_in_memory_has_no_pack_key(tmp_path: Path) -> None:
    from quickreply.core.model import Pack
    from quickreply.core.search.cache import packs_key

    assert packs_key([Pack("p", "P", "1", PHRASES)]) is None
    assert packs_key([]) is None
