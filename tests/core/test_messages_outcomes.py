"""Outcomes that used to come as (zh, en) pairs now come as catalogue messages, and each reaches the user in
both languages: pack diffs, import merges, what a sync changed, hotkey and input-backend problems."""

from __future__ import annotations

from dataclasses import replace

import pytest
from tests.core.test_messages_rendered import assert_speaks_both

from quickreply.cli.sync import report_lines
from quickreply.core.importers.merge import merge_into
from quickreply.core.messages import Message, Texts
from quickreply.core.model import Pack, Phrase, Placeholder, Script, Step
from quickreply.core.packs.diff import diff_packs
from quickreply.core.sync.report import PackChange, SourceResult, SyncReport
from quickreply.core.sync.subscriptions import Source


def _pack(*ids: str, version: str = "1.0", script: str = "", decl: str = "") -> Pack:
    phrases = tuple(Phrase(i, "c", f"title {i}", f"text {i}", code=i.upper()) for i in ids)
    scripts = (Script(script, "s", "c", (Step(phrase_id=ids[0]),)),) if script else ()
    placeholders = (Placeholder(name=decl, label=decl),) if decl else ()
    return Pack("p", "p", version, phrases=phrases, scripts=scripts, placeholders=placeholders)


OLD = _pack("a", "b", script="s1", decl="city")
NEW = _pack("a", "c", version="1.1", script="s2", decl="town")


def _diffs() -> list[Message]:
    return [diff_packs(OLD, OLD).summary(), diff_packs(OLD, NEW).summary()]


def test_every_pack_diff_summary_speaks_both() -> None:
    for summary in _diffs():
        assert_speaks_both(summary)
    full = diff_packs(OLD, NEW).summary()
    assert "话术流程新增 1 个" in full.render("zh_CN") and "scripts: 1 added" in full.render("en")


@pytest.mark.parametrize("policy", ["skip", "replace", "keep_both"])
def test_every_merge_summary_and_note_speaks_both(policy: str) -> None:
    incoming = replace(_pack("a", "z", script="s1", decl="city"), placeholders=(Placeholder("city", "城市"),))
    _, report = merge_into(OLD, incoming, policy)  # type: ignore[arg-type]
    assert_speaks_both(report.summary())
    assert report.notes and all(isinstance(note, Message) for note in report.notes)
    for note in report.notes:
        assert_speaks_both(note)


def test_what_a_sync_changed_speaks_both() -> None:
    source = Source("path", "/share", "共享盘")
    changes = tuple(
        PackChange("team.toml", "p", kind, diff)  # type: ignore[arg-type]
        for kind, diff in (
            ("added", diff_packs(replace(OLD, phrases=()), OLD)),
            ("updated", diff_packs(OLD, NEW)),
            ("updated", diff_packs(OLD, OLD)),  # only layout or comments
            ("removed", diff_packs(OLD, replace(OLD, phrases=()))),
        )
    )
    for change in changes:
        assert_speaks_both(change.summary())
    report = SyncReport(
        (SourceResult(source, "new", changes[:1]), SourceResult(source, "updated", changes[1:])), "2024"
    )
    notices = report.notices()
    assert len(notices) == 4
    for notice in notices:
        assert isinstance(notice, Message | Texts)
        if isinstance(notice, Message):
            assert_speaks_both(notice)
    english = [n.render("en") for n in notices]
    assert english[0].startswith("共享盘, first copy: team.toml: first copy") and "updated:" in english[1]
    assert "layout or comments" in english[2]
    assert report_lines(report, "zh_CN")[1] == "         team.toml：共 2 条短语（版本 1.0）"
    assert report_lines(report, "en")[1] == "         team.toml: first copy, 2 phrases (version 1.0)"


BAD_COMBOS = ["", "ctrl+", "ctrl+foo", "ctrl+alt", "ctrl+a+b", "a", "shift", "ctrl", "ctrl+shift"]


def test_every_hotkey_reason_speaks_both() -> None:
    from quickreply.core.hotkeys import _CLASHES, ComboError, conflict_reason, parse_combo

    reasons = [conflict_reason(combo) for combo in [*BAD_COMBOS, *sorted(_CLASHES)]]
    assert all(reason is not None for reason in reasons)
    for reason in reasons:
        assert reason is not None
        assert_speaks_both(reason)
    with pytest.raises(ComboError) as info:
        parse_combo("ctrl+a+b")
    assert "a、b" in info.value.reason.render("zh_CN") and "(a, b)" in info.value.reason.render("en")


def test_every_hotkey_and_backend_code_speaks_both() -> None:
    from tests.core.test_messages_rendered import _sample

    from quickreply.core.messages import CATALOGUE

    codes = [code for code in CATALOGUE if code.startswith(("hotkey.", "backend."))]
    assert len(codes) >= 40
    for code in codes:
        assert_speaks_both(_sample(code))


def test_a_failed_backend_says_why_in_both_languages() -> None:
    from quickreply.core.ports import HotkeyError
    from quickreply.platform.backend import select_backend

    def broken(display: str) -> object:
        raise OSError("XTEST missing")

    backend = select_backend("linux", {"DISPLAY": ":9"}, {"x11": broken})  # type: ignore[dict-item]
    assert backend.problem is not None
    assert_speaks_both(backend.problem)
    with pytest.raises(HotkeyError) as info:
        backend.hotkeys.register("ctrl+alt+k", lambda: None)
    assert info.value.reason == backend.problem
