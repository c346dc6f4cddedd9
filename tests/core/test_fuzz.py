"""Property tests (hypothesis) of every reader of outside input: the pack loader, settings and
subscriptions, the personal library, and the sync client's response handling. Generators cover typed
values in every key, deep nesting, truncation, byte damage and huge sizes. The property is always the
same: a clear problem or a good result, never an exception; and what loads, saves and loads back.

The normal suite runs a short budget (profile "ci"); `scripts/fuzz.sh` runs the long one. Every crash
found here becomes a regression test in tests/core/test_bad_inputs.py.
"""

from __future__ import annotations

import datetime
import tempfile
from pathlib import Path
from typing import Any

import pytest
import tomli_w
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from quickreply.core.messages import msg
from quickreply.core.model import Layer
from quickreply.core.packs.load import parse_pack
from quickreply.core.personal import PersonalLibrary, PersonalLibraryError
from quickreply.core.settings.model import SettingsError, parse_settings, save_settings, with_profile
from quickreply.core.settings.subscription_text import kept_sync_sections
from quickreply.core.sync import fetch as fetch_module
from quickreply.core.sync.fetch import FetchError, FetchResult
from quickreply.core.sync.run import sync_source
from quickreply.core.sync.subscriptions import Source

STARTER = Path(__file__).resolve().parents[2] / "resources" / "packs" / "zh-CN-general.toml"
STARTER_BYTES = STARTER.read_bytes()
FIXED = datetime.datetime(2024, 5, 1, 10, 30)
NO_TMP = [HealthCheck.function_scoped_fixture, HealthCheck.too_slow]

# -- generators ---------------------------------------------------------------------------------------

texts = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=30)
words = st.sampled_from(
    ["", " ", "好", "亲，您好", "{shop}", "{城市}", "{{", "}", "{x", "a b", "/", "售后/退换", "CON"]
)
scalars = st.one_of(
    st.booleans(),
    st.integers(min_value=-(2**63), max_value=2**63 - 1),
    st.floats(allow_nan=True, allow_infinity=True),
    texts,
    words,
    st.dates(),
    st.datetimes(),
    st.times(),
)
values = st.recursive(
    scalars,
    lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(texts, inner, max_size=4)),
    max_leaves=12,
)


def typed(good: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    """Mostly a right value, often a value of any type."""
    return st.one_of(good, good, values)


phrase = st.fixed_dictionaries(
    {
        "id": typed(st.text(min_size=1, max_size=8)),
        "category": typed(words),
        "title": typed(words),
        "text": typed(words),
    },
    optional={
        "code": typed(st.text(max_size=4)),
        "tags": typed(st.lists(words, max_size=3)),
        "extra": values,
    },
)
step_table = st.dictionaries(st.sampled_from(["text", "phrase", "title"]), typed(words))
pack_doc = st.fixed_dictionaries(
    {
        "pack": typed(
            st.fixed_dictionaries(
                {"id": typed(st.just("p")), "name": typed(words), "version": typed(st.just("1"))},
                optional={"categories": typed(st.lists(words, max_size=3)), "author": values},
            )
        ),
        "phrases": typed(st.lists(phrase, max_size=6)),
    },
    optional={
        "placeholders": typed(
            st.dictionaries(
                texts,
                typed(
                    st.fixed_dictionaries(
                        {},
                        optional={
                            "label": typed(words),
                            "default": typed(words),
                            "choices": typed(st.lists(words, max_size=3)),
                        },
                    )
                ),
                max_size=3,
            )
        ),
        "scripts": typed(
            st.lists(
                st.fixed_dictionaries(
                    {"id": typed(st.just("s")), "title": typed(words), "category": typed(words)},
                    optional={"steps": typed(st.lists(st.one_of(words, step_table), max_size=3))},
                ),
                max_size=2,
            )
        ),
        "unknown": values,
    },
)  # fmt: skip


def to_toml(doc: dict[str, Any]) -> bytes | None:
    try:
        return tomli_w.dumps(doc).encode("utf-8")
    except (TypeError, ValueError):  # tomli_w refuses some shapes (e.g. a time zone on a time)
        return None


def nested(depth: int, open_: str, close: str) -> bytes:
    return ("a = " + open_ * depth + close * depth + "\n").encode()


deep = st.one_of(
    st.integers(min_value=1, max_value=3000).map(lambda n: nested(n, "[", "]")),
    st.integers(min_value=1, max_value=1500).map(
        lambda n: ("a = " + "{b = " * n + "1" + "}" * n + "\n").encode()
    ),
    st.integers(min_value=1, max_value=3000).map(lambda n: ("a = " + "1" * n + "\n").encode()),
)


@st.composite
def damaged(draw: st.DrawFn, base: bytes = STARTER_BYTES) -> bytes:
    """The starter pack cut, with bytes flipped, inserted or deleted."""
    data = bytearray(base[: draw(st.integers(min_value=0, max_value=len(base)))])
    for _ in range(draw(st.integers(min_value=0, max_value=4))):
        if not data:
            break
        at = draw(st.integers(min_value=0, max_value=len(data) - 1))
        action = draw(st.sampled_from(["flip", "insert", "delete"]))
        if action == "flip":
            data[at] = draw(st.integers(min_value=0, max_value=255))
        elif action == "insert":
            data[at:at] = draw(st.binary(min_size=1, max_size=8))
        else:
            del data[at : at + draw(st.integers(min_value=1, max_value=40))]
    return bytes(data)


def check_pack(data: bytes) -> None:
    pack, problems = parse_pack(data, "fuzz.toml", Layer.TEAM)
    assert all(isinstance(p.message, str) and p.line >= 0 for p in problems)
    if pack is None:
        assert any(p.is_error for p in problems)
        return
    for item in pack.phrases:
        assert all(isinstance(v, str) for v in (item.id, item.title, item.text, item.category, item.code))
        assert all(isinstance(t, str) and t.strip() for t in item.tags)


# -- the pack loader ------------------------------------------------------------------------------------


@given(pack_doc)
def test_pack_loader_on_typed_values(doc: dict[str, Any]) -> None:
    data = to_toml(doc)
    if data is not None:
        check_pack(data)


@given(damaged())
def test_pack_loader_on_damaged_starter_packs(data: bytes) -> None:
    check_pack(data)


@given(deep)
def test_pack_loader_on_deep_nesting_and_huge_numbers(data: bytes) -> None:
    pack, problems = parse_pack(data, "fuzz.toml")
    assert pack is None or not any(p.is_error for p in problems) or problems


@given(st.binary(max_size=300))
def test_pack_loader_on_random_bytes(data: bytes) -> None:
    check_pack(data)


# -- settings and subscriptions ---------------------------------------------------------------------------

SETTING_KEYS = ["shop", "agent", "popup", "phrases", "method", "rules", "language", "recent_count",
                "interval_minutes", "timeout_seconds", "focus_delay_ms"]  # fmt: skip
settings_doc = st.dictionaries(
    st.sampled_from(["profile", "hotkeys", "paste", "ui", "sync", "subscriptions", "other"]),
    typed(
        st.one_of(
            st.dictionaries(
                st.sampled_from(SETTING_KEYS),
                values,
                max_size=4,
            ),
            st.lists(
                st.dictionaries(st.sampled_from(["url", "path", "name", "x"]),
                                typed(st.sampled_from(["http://a/b.toml", "http://[x/", "http://a/%00.toml", "ftp://a",
                                                       "", "relative/dir", "http://a:99999/"])),
                                max_size=3),
                max_size=3,
            ),
        )
    ),
    max_size=5,
)  # fmt: skip


@settings(suppress_health_check=NO_TMP)
@given(data=st.one_of(settings_doc.map(to_toml), deep, st.binary(max_size=200)))
def test_settings_and_subscriptions_never_crash(data: bytes | None, tmp_path: Path) -> None:
    if data is None:
        return
    text = data.decode("utf-8", errors="replace")
    try:
        sources = parse_settings(text, "settings.toml", tmp_path)[0].subscriptions
    except SettingsError:
        sources = None
    kept = kept_sync_sections(text)
    if sources is not None:  # what a settings save keeps reads back with the same sources, never more
        again = parse_settings(kept, "settings.toml", tmp_path)[0].subscriptions
        assert {s.location for s in again} <= {s.location for s in sources}


@settings(suppress_health_check=NO_TMP)
@given(data=st.one_of(settings_doc.map(to_toml), deep))
def test_saving_settings_over_anything_keeps_a_readable_file(data: bytes | None, tmp_path: Path) -> None:
    from quickreply.core.settings.model import Settings

    if data is None:
        return
    path = tmp_path / "settings.toml"
    path.write_bytes(data)
    save_settings(path, Settings())
    parse_settings(path.read_text(encoding="utf-8"))  # raises if the save wrote something unreadable


@settings(suppress_health_check=NO_TMP)
@given(data=settings_doc.map(to_toml), shop=st.text(max_size=8))
def test_a_save_reads_back_as_saved_and_keeps_the_team_sections(
    data: bytes | None, shop: str, tmp_path: Path
) -> None:
    """The line edits of a save (core/settings/writer.py) on any file: what is read back is what was saved,
    [sync] and [[subscriptions]] included."""
    if data is None:
        return
    text = data.decode("utf-8", errors="replace")
    try:
        before, _ = parse_settings(text, "settings.toml", tmp_path)
    except SettingsError:
        return
    path = Path(tempfile.mkdtemp(dir=tmp_path)) / "settings.toml"
    path.write_text(text, encoding="utf-8")
    wanted = with_profile(before, shop=shop)
    save_settings(path, wanted)
    assert parse_settings(path.read_text(encoding="utf-8"), "settings.toml", tmp_path)[0] == wanted


# -- the personal library --------------------------------------------------------------------------------


@settings(suppress_health_check=NO_TMP)
@given(data=st.one_of(pack_doc.map(to_toml), damaged(), deep))
def test_personal_library_loads_anything_and_saves_what_it_loaded(data: bytes | None, tmp_path: Path) -> None:
    if data is None:
        return
    folder = Path(tempfile.mkdtemp(dir=tmp_path))  # one per example: hypothesis replays examples
    library = PersonalLibrary(folder / "personal.toml", folder / "backups")
    library.path.write_bytes(data)
    pack, _ = library.load()
    try:
        saved = library.save(pack)
    except PersonalLibraryError:
        return  # refused with a reason; nothing was written over
    again, problems = library.load()
    assert [p.id for p in again.phrases] == [p.id for p in saved.phrases]
    assert not [p for p in problems if p.is_error]


# -- the sync client's response handling -----------------------------------------------------------------

headers = st.dictionaries(
    st.sampled_from(["Content-Length", "ETag", "Last-Modified", "Date"]),
    st.one_of(
        texts, st.sampled_from(["2¹", "-1", "0", "99999999999999999999", "Wed, 01 May 2024 10:00:00 GMT"])
    ),
    max_size=4,
)


class FakeResponse:
    def __init__(self, head: dict[str, str], chunks: list[bytes]) -> None:
        self.headers = head
        self._chunks = list(chunks)

    def read1(self, _n: int) -> bytes:
        return self._chunks.pop(0) if self._chunks else b""


@given(headers, st.lists(st.binary(min_size=1, max_size=64), max_size=6))  # b"" is the end
def test_read_body_on_any_headers_and_chunks(head: dict[str, str], chunks: list[bytes]) -> None:
    try:
        body = fetch_module._read_body(FakeResponse(head, chunks), "host", 1.0)
    except FetchError as exc:
        assert str(exc) and exc.message.render("zh_CN")
        return
    assert body == b"".join(chunks)
    fetch_module._last_modified(head)


answers = st.one_of(
    st.builds(
        FetchResult,
        st.sampled_from([200, 304]),
        st.one_of(damaged(), pack_doc.map(lambda d: to_toml(d) or b""), deep, st.binary(max_size=100)),
        texts,
        texts,
    ),
    st.sampled_from(
        [FetchError(msg("sync.refused", host="x")), ValueError("Invalid IPv6 URL"), OSError(28, "No space")]
    ),
)


@settings(suppress_health_check=NO_TMP)
@given(sequence=st.lists(answers, min_size=1, max_size=4))
def test_sync_source_survives_any_sequence_of_answers(sequence: list[Any], tmp_path: Path) -> None:
    cache = Path(tempfile.mkdtemp(dir=tmp_path))
    source = Source("url", "http://intranet/team.toml")
    for answer in sequence:

        def fetcher(url: str, request: object, timeout: float, answer: Any = answer) -> FetchResult:
            if isinstance(answer, Exception):
                raise answer
            return answer

        result = sync_source(source, cache, FIXED, fetcher)
        assert result.status in ("new", "updated", "current", "failed")
        assert result.status != "failed" or result.errors


@pytest.mark.parametrize("cut", [0.05, 0.2, 0.4, 0.45])
def test_a_cut_starter_pack_never_replaces_the_good_copy(cut: float, tmp_path: Path) -> None:
    """Cut at a phrase boundary (checks clean: only the held-back rule can tell) or anywhere: the full copy
    stays in use. (A cut that loses less than half the phrases, e.g. at 90 %, is taken when it checks clean:
    nothing in the file tells it from a lead's edit.)"""
    full = STARTER_BYTES
    at = full.rfind(b"\n[[phrases]]", 0, int(len(full) * cut))
    for data in (full[: max(at, 0)], full[: int(len(full) * cut)]):
        bodies = [full, data]

        def fetcher(url: str, request: object, timeout: float, bodies: list[bytes] = bodies) -> FetchResult:
            return FetchResult(200, bodies.pop(0) if bodies else full)

        source = Source("url", "http://intranet/team.toml")
        cache = tmp_path / str(len(data))
        sync_source(source, cache, FIXED, fetcher)
        sync_source(source, cache, FIXED, fetcher)
        (copy,) = (cache / source.key).glob("*.toml")
        assert copy.read_bytes() == full
