"""Hotkey combos: what the settings dialog accepts, normalises, and warns about."""

from __future__ import annotations

import pytest

from quickreply.core.hotkeys import ComboError, conflict_reason, display_combo, normalize_combo, parse_combo


@pytest.mark.parametrize(
    ("typed", "normal"),
    [
        ("Ctrl+Alt+Space", "ctrl+alt+space"),
        ("alt + CTRL + space", "ctrl+alt+space"),
        ("Shift+Ctrl+V", "ctrl+shift+v"),
        ("Super+Q", "win+q"),
        ("cmd+shift+1", "shift+win+1"),
        ("F1", "f1"),
        ("f24", "f24"),
        ("Control+Return", "ctrl+enter"),
        ("ctrl+alt+PgDn", "ctrl+alt+page_down"),
        ("Ctrl+.", "ctrl+period"),
        ("shift+Ins", "shift+insert"),
    ],
)
def test_combos_are_normalised(typed: str, normal: str) -> None:
    assert normalize_combo(typed) == normal


@pytest.mark.parametrize(
    ("typed", "words"),
    [
        ("", "empty"),
        ("ctrl+alt", "only modifier"),
        ("ctrl+a+b", "more than one key"),
        ("ctrl+alt+foo", "'foo'"),
        ("ctrl+f25", "'f25'"),
        ("ctrl++", "empty part"),
    ],
)
def test_bad_combos_say_what_is_wrong(typed: str, words: str) -> None:
    with pytest.raises(ValueError, match=words) as info:
        parse_combo(typed)
    assert isinstance(info.value, ComboError)
    assert info.value.reason.render("zh_CN") != info.value.reason.render("en")  # a Chinese message too


def _reason(combo: str, lang: str) -> str:
    reason = conflict_reason(combo)
    return "" if reason is None else reason.render(lang)


def test_parsed_combo_has_modifiers_and_key() -> None:
    combo = parse_combo("Alt+Ctrl+N")
    assert combo.modifiers == {"ctrl", "alt"} and combo.key == "n" and str(combo) == "ctrl+alt+n"


@pytest.mark.parametrize(
    "combo",
    ["ctrl+space", "Ctrl+Shift", "shift", "ctrl+.", "alt+space", "alt+tab", "alt+f4", "ctrl+c", "ctrl+v",
     "ctrl+x", "ctrl+z", "ctrl+a", "a", "shift+a", "7", "space", "enter", "ctrl+shift+v", "shift+insert"],
)  # fmt: skip
def test_clashing_combos_are_flagged(combo: str) -> None:
    reason = conflict_reason(combo)
    assert reason is not None and reason.render("en") != reason.render("zh_CN")


def test_ime_toggles_are_named_in_the_message() -> None:
    assert "输入法" in _reason("ctrl+space", "zh_CN")
    assert "input method" in _reason("Ctrl+Space", "en")
    assert "Shift alone" in _reason("shift", "en")


@pytest.mark.parametrize("combo", ["ctrl+alt+space", "ctrl+alt+n", "f1", "f12", "shift+f3", "ctrl+alt+1"])
def test_good_combos_pass(combo: str) -> None:
    assert conflict_reason(combo) is None


def test_invalid_combo_gets_its_parse_error_instead_of_raising() -> None:
    assert "'foo'" in _reason("ctrl+foo", "en")


def test_default_hotkeys_in_settings_are_clean() -> None:
    from quickreply.core.settings.model import HotkeySettings

    defaults = HotkeySettings()
    assert conflict_reason(defaults.popup) is None and conflict_reason(defaults.next_step) is None


def test_display_form() -> None:
    assert display_combo("ctrl+alt+space") == "Ctrl+Alt+Space"
    assert display_combo("f1") == "F1"
    assert display_combo("ctrl+alt+page_down") == "Ctrl+Alt+PgDn"
    assert display_combo("not a combo+x") == "not a combo+x"
