"""The message catalogue is complete: every code in both languages, naming the same arguments."""

import errno

import pytest

from quickreply.core.messages import CATALOGUE, msg, normalise_language, render
from quickreply.core.messages.message import placeholders


@pytest.mark.parametrize("code", sorted(CATALOGUE))
def test_every_code_has_both_languages_with_the_same_arguments(code: str) -> None:
    zh, en = CATALOGUE[code]
    assert zh.strip() and en.strip(), code
    assert placeholders(zh) == placeholders(en), code


def test_render_in_each_language() -> None:
    m = msg("general.file_unreadable", path="a.toml", reason="x")
    assert render(m, "zh_CN") == "无法读取 a.toml：x"
    assert render(m, "en") == "Cannot read a.toml: x"
    assert m.render("en_US.UTF-8") == "Cannot read a.toml: x"


def test_nested_message_renders_in_the_same_language() -> None:
    inner = msg("general.file_unreadable", path="b", reason="y")
    outer = msg("general.file_unreadable", path="a", reason=inner)
    assert render(outer, "en") == "Cannot read a: Cannot read b: y"


def test_unknown_code_shows_the_code_not_a_crash() -> None:
    assert render(msg("no.such", n=1), "en") == "[no.such] n=1"


def test_language_names_fold() -> None:
    assert normalise_language("en_GB") == "en"
    assert normalise_language("zh_CN.UTF-8") == "zh_CN"
    assert normalise_language("fr") == "zh_CN"
    assert normalise_language(None) == "zh_CN"


# Fragments: only ever inside a sentence (`rules.field.*`, `pack.key.*`, `pack.type.*`, the problems panel's
# `ui.field.*`, rebuilt by the editor's retranslate) or drawn at paint time (the popup's `ui.mark.*` badges).
FRAGMENTS = ("rules.field.", "pack.key.", "pack.type.", "ui.field.", "ui.mark.")


@pytest.mark.parametrize("side", [0, 1])
def test_one_wording_means_one_wording_in_the_other_language(side: int) -> None:
    """A language switch re-renders what a window shows by its exact wording (gui/i18n.py): two codes
    that read the same in one language must read the same in the other, or a switch could pick the
    wrong one. Fragments (`rules.field.*`, `pack.key.*`, `pack.type.*`) are only ever inside a sentence,
    and a text with arguments renders differently for each value."""
    other: dict[str, set[str]] = {}
    for code, texts in CATALOGUE.items():
        if not code.startswith(FRAGMENTS) and not placeholders(texts[0]):
            other.setdefault(texts[side], set()).add(texts[1 - side])
    assert {text: found for text, found in other.items() if len(found) > 1} == {}


@pytest.mark.parametrize(
    ("exc", "zh"),
    [
        (FileExistsError(errno.EEXIST, "File exists", "/x/autostart"), "已经有同名的文件或文件夹"),
        (OSError(errno.ENOTEMPTY, "Directory not empty", "/x/packs"), "文件夹不是空的"),
        (PermissionError(errno.EACCES, "Permission denied", "/x/a.toml"), "没有权限"),
    ],
)
def test_the_systems_common_refusals_are_said_in_chinese(exc: OSError, zh: str) -> None:
    """A file named `autostart` in the way: the tray's 开机自动启动 notice said "File exists" in Chinese."""
    from quickreply.core.messages import os_problem

    assert render(os_problem(exc), "zh_CN") == f"{exc.filename}：{zh}"
