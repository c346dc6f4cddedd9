"""The CLI speaks the user's language: --lang, else QUICKREPLY_LANG, else the locale (LC_ALL, LC_MESSAGES,
LANG, then the process locale, which is what Windows has)."""

from __future__ import annotations

import locale
from collections.abc import Iterator
from pathlib import Path

import pytest

from quickreply.cli import language
from quickreply.cli.commands import main

BAD = Path(__file__).resolve().parent / "data" / "bad_packs" / "duplicates.toml"
_VARIABLES = ("QUICKREPLY_LANG", "LC_ALL", "LC_MESSAGES", "LANG")


@pytest.fixture(autouse=True)
def no_language(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    for name in _VARIABLES:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setattr(locale, "getlocale", lambda *_: (None, None))
    yield
    language.choose(None)


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("zh_CN.UTF-8", "zh_CN"),
        ("zh_TW", "zh_CN"),
        ("Chinese (Simplified)_China", "zh_CN"),  # Windows' locale.getlocale()
        ("en_US.UTF-8", "en"),
        ("C.UTF-8", "en"),
        ("POSIX", "en"),
        ("fr_FR", "en"),
        ("", None),
        (None, None),
    ],
)
def test_locale_names(name: str | None, expected: str | None) -> None:
    assert language.from_locale(name) == expected


def test_nothing_set_is_english() -> None:
    assert language.cli_language() == "en"


def test_lang_then_lc_messages_then_lc_all_take_over(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LANG", "zh_CN.UTF-8")
    assert language.cli_language() == "zh_CN"
    monkeypatch.setenv("LC_MESSAGES", "en_US.UTF-8")
    assert language.cli_language() == "en"
    monkeypatch.setenv("LC_ALL", "zh_CN.UTF-8")
    assert language.cli_language() == "zh_CN"


def test_quickreply_lang_beats_the_locale_and_lang_option_beats_both(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LANG", "zh_CN.UTF-8")
    monkeypatch.setenv("QUICKREPLY_LANG", "en")
    assert language.cli_language() == "en"
    language.choose("zh")
    assert language.cli_language() == "zh_CN"


def test_windows_process_locale(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(locale, "getlocale", lambda *_: ("Chinese (Simplified)_China", "936"))
    assert language.cli_language() == "zh_CN"


def test_pack_check_speaks_chinese_under_a_chinese_locale(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("LANG", "zh_CN.UTF-8")
    assert main(["pack", "check", str(BAD)]) == 1
    out = capsys.readouterr().out
    assert "短语 ID 重复" in out and "错误" in out and "未通过：3 个错误" in out
    assert "duplicate phrase id" not in out


def test_lang_option_overrides_the_locale(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("LANG", "zh_CN.UTF-8")
    assert main(["--lang", "en", "pack", "check", str(BAD)]) == 1
    out = capsys.readouterr().out
    assert "duplicate phrase id" in out and "FAILED: 3 errors" in out
    language.choose(None)
    assert main(["--lang", "zh", "pack", "check", str(BAD)]) == 1
    assert "未通过" in capsys.readouterr().out


def test_english_locale_keeps_the_english_output(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["pack", "check", str(BAD)]) == 1
    assert "FAILED: 3 errors, 0 warnings" in capsys.readouterr().out
