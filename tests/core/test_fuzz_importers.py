"""Property tests of every importer (issue 8): whatever the bytes, an import ends in a pack the pack
loader accepts or in ImportFailed with a message; never another exception. Seeds are the fixtures in
tests/data/import/, cut, mutated and wrapped in deep nesting and YAML aliases. The budget comes from the
hypothesis profile (tests/conftest.py: short in the suite, long under scripts/fuzz.sh)."""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from quickreply.core.importers import FORMATS, ImportFailed, import_file
from quickreply.core.packs.export import pack_to_toml
from quickreply.core.packs.load import parse_pack

DATA = Path(__file__).resolve().parents[1] / "data" / "import"
SEEDS = sorted(p for p in DATA.iterdir() if p.is_file())
SUFFIX = {
    "qianniu": ".csv",
    "xlsx": ".xlsx",
    "espanso": ".yml",
    "beeftext": ".json",
    "autohotkey": ".ahk",
    "markdown": ".md",
    "textexpander": ".textexpander",
    "text": ".txt",
}
NO_TMP = [HealthCheck.function_scoped_fixture, HealthCheck.too_slow]


@st.composite
def damaged(draw: st.DrawFn) -> bytes:
    data = bytearray(draw(st.sampled_from(SEEDS)).read_bytes())
    for _ in range(draw(st.integers(0, 4))):
        if not data:
            break
        at = draw(st.integers(0, len(data) - 1))
        how = draw(st.sampled_from(["cut", "flip", "insert", "dup"]))
        if how == "cut":
            del data[at:]
        elif how == "flip":
            data[at] = draw(st.integers(0, 255))
        elif how == "insert":
            data[at:at] = draw(
                st.sampled_from([b"{{", b"}}", b"[[", b"*a", b"&a ", b"\x00", b"\xff", b'"', b"\n- "])
            )
        else:
            data[at:at] = data[at : at + draw(st.integers(1, 64))] * draw(st.integers(1, 20))
    return bytes(data)


def nested(depth: int, kind: str) -> bytes:
    if kind == "json":
        return ('{"combos": [' + "[" * depth + "]" * depth + "]}").encode()
    if kind == "yaml-flow":
        return ("matches:\n  - replace: " + "[" * depth + "]" * depth + "\n").encode()
    lines = [f"a0: &a0 [{', '.join(['x'] * 5)}]"]
    lines += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 5)}]" for i in range(1, min(depth, 12))]
    return (
        "\n".join(lines) + f"\nmatches:\n  - trigger: ':x'\n    replace: *a{min(depth, 12) - 1}\n"
    ).encode()


def check(path: Path, fmt: str | None) -> None:
    try:
        result = import_file(path, fmt)
    except ImportFailed as exc:
        assert exc.render("en") and exc.render("zh_CN")
        return
    pack, problems = parse_pack(pack_to_toml(result.pack).encode(), str(path))
    assert pack is not None and not [p for p in problems if p.is_error], problems[:3]


@settings(suppress_health_check=NO_TMP)
@given(data=damaged(), fmt=st.sampled_from([None, *FORMATS]))
def test_every_importer_on_damaged_real_looking_files(data: bytes, fmt: str | None, tmp_path: Path) -> None:
    path = tmp_path / ("input" + SUFFIX.get(fmt or "", ".csv"))
    path.write_bytes(data)
    check(path, fmt)


@settings(suppress_health_check=NO_TMP)
@given(
    depth=st.integers(1, 300_000),
    kind=st.sampled_from(["json", "yaml-flow", "yaml-aliases"]),
    fmt=st.sampled_from([None, "espanso", "beeftext"]),
)
def test_importers_on_deep_nesting_and_aliases(
    depth: int, kind: str, fmt: str | None, tmp_path: Path
) -> None:
    path = tmp_path / ("deep.json" if kind == "json" else "deep.yml")
    path.write_bytes(nested(depth, kind))
    check(path, fmt)


@settings(suppress_health_check=NO_TMP)
@given(data=st.binary(max_size=4096), fmt=st.sampled_from([None, *FORMATS]))
def test_every_importer_on_random_bytes(data: bytes, fmt: str | None, tmp_path: Path) -> None:
    path = tmp_path / ("random" + SUFFIX.get(fmt or "", ".dat"))
    path.write_bytes(data)
    check(path, fmt)
