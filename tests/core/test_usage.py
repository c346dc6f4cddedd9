"""Usage: counts, recency, recent values per placeholder, and a usage.json that survives damage."""

from __future__ import annotations

import json
from pathlib import Path

from quickreply.core.usage.counts import VALUES_KEPT, Usage


def test_recent_is_newest_first_and_frequent_counts_uses() -> None:
    usage = Usage()
    usage.record("a", {}, now=100.0)
    usage.record("b", {}, now=200.0)
    usage.record("a", {}, now=300.0)
    usage.record("c", {}, now=400.0)
    assert usage.recent(10) == ["c", "a", "b"]
    assert usage.recent(2) == ["c", "a"]
    assert usage.frequent(10) == ["a", "c", "b"]  # a used twice; c beats b on the tie by being newer
    assert usage.count("a") == 2
    assert usage.recent(0) == []


def test_recent_values_are_deduplicated_newest_first_and_bounded() -> None:
    usage = Usage()
    for n, city in enumerate(["北京", "上海", "北京", "广州"]):
        usage.record("ship", {"城市": city, "天数": ""}, now=float(n))
    assert usage.recent_values("城市") == ["广州", "北京", "上海"]
    assert usage.recent_values("天数") == []  # empty values are not remembered
    assert usage.recent_values("unknown") == []
    for n in range(VALUES_KEPT + 5):
        usage.record("ship", {"单号": f"SF{n}"}, now=100.0 + n)
    values = usage.recent_values("单号")
    assert len(values) == VALUES_KEPT
    assert values[0] == f"SF{VALUES_KEPT + 4}"


def test_save_and_load_round_trip(tmp_path: Path) -> None:
    path = tmp_path / "data" / "usage.json"
    usage = Usage()
    usage.record("greet", {"城市": "杭州"}, now=10.0)
    usage.record("ship", {"城市": "北京"}, now=20.0)
    usage.save(path)
    assert "杭州" in path.read_text(encoding="utf-8")  # readable JSON, not \u escapes
    again = Usage.load(path)
    assert again.recent(5) == ["ship", "greet"]
    assert again.recent_values("城市") == ["北京", "杭州"]
    assert not list(path.parent.glob("*.tmp"))


def test_missing_file_is_empty_usage(tmp_path: Path) -> None:
    usage = Usage.load(tmp_path / "nope.json")
    assert usage.recent(5) == [] and usage.frequent(5) == []


def test_corrupt_file_is_set_aside_not_lost(tmp_path: Path) -> None:
    path = tmp_path / "usage.json"
    path.write_text('{"phrases": {"a": ', encoding="utf-8")
    usage = Usage.load(path)
    assert usage.recent(5) == []
    assert not path.exists()
    assert (tmp_path / "usage.json.bad").read_text(encoding="utf-8") == '{"phrases": {"a": '
    path.write_bytes(b"\xff\xfe not utf-8")
    Usage.load(path)
    assert (tmp_path / "usage.json.bad.1").read_bytes() == b"\xff\xfe not utf-8"  # the first .bad is kept


def test_bad_entries_are_skipped_good_ones_kept(tmp_path: Path) -> None:
    path = tmp_path / "usage.json"
    data = {
        "phrases": {"ok": {"count": 3, "last": 5.0}, "bad": {"count": "x"}, "worse": 7},
        "values": {"城市": ["北京", 3, "北京", ""], "天数": "3"},
    }
    path.write_text(json.dumps(data), encoding="utf-8")
    usage = Usage.load(path)
    assert usage.recent(5) == ["ok"]
    assert usage.recent_values("城市") == ["北京"]
    assert usage.recent_values("天数") == []
    assert path.exists()  # structurally fine: not set aside
