"""Everything a user can be told reaches them in their language: every bad-pack fixture (and the bad files
made at test time), every import warning kind and every sync failure kind, rendered through the one
catalogue in zh_CN and en. Fails on a code missing from the catalogue, on a text missing a language, and
on Chinese that falls back to the raw code or to English."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from quickreply.core.messages import CATALOGUE, Message
from quickreply.core.messages.message import placeholders
from quickreply.core.model import Problem
from quickreply.core.packs.load import load_pack, parse_pack

DATA = Path(__file__).resolve().parents[1] / "data"
BAD_PACKS = sorted((DATA / "bad_packs").glob("*.toml"))

_CJK = re.compile(r"[\u3400-\u9fff\uff01-\uff5e\u3000-\u303f]")
_WORD = re.compile(r"[A-Za-z]{4,}")
# A Chinese text may hold TOML syntax and key names (they are what the lead types), never English prose.
_SYNTAX_WORDS = {
    "pack",
    "phrases",
    "placeholders",
    "scripts",
    "synonyms",
    "subscriptions",
    "sync",
    "title",
    "text",
    "category",
    "categories",
    "tags",
    "code",
    "steps",
    "phrase",
    "label",
    "default",
    "choices",
    "name",
    "version",
    "author",
    "description",
    "url",
    "path",
    "interval_minutes",
    "true",
    "false",
    "http",
    "https",
    "intranet",
    "team",
    "toml",
    "server",
    "share",
    "UTF",
    "GBK",
    "Notepad",
    "TOML",
    "Unicode",
    "Ctrl",
    "Shift",
    "Enter",
    "NAME",
    "city",
}
# Codes whose Chinese is its arguments or a name (they pass their arguments through unchanged).
_PASS_THROUGH = {"toml.parser.other", "general.os.other", "pack.key.id", "subs.scheme"}


def _codes(message: Message) -> Iterator[Message]:
    yield message
    for value in message.args.values():
        if isinstance(value, Message):
            yield from _codes(value)


def _strip_placeholders(template: str) -> str:
    return re.sub(r"\{[^{}]*\}", "", template.replace("{{", "").replace("}}", ""))


def assert_speaks_both(message: Message) -> None:
    """The message and every message nested in it: catalogued, in both languages, Chinese really Chinese."""
    for part in _codes(message):
        assert part.code in CATALOGUE, f"{part.code} is not in the catalogue"
        assert part.code not in ("toml.parser.other",), f"unmapped parser message: {part.args}"
        zh, en = CATALOGUE[part.code]
        assert zh.strip() and en.strip(), part.code
        assert placeholders(zh) == placeholders(en), part.code
        words = set(_WORD.findall(_strip_placeholders(zh))) - _SYNTAX_WORDS
        assert not words, f"{part.code}: English in the Chinese text: {words}"
        if part.code not in _PASS_THROUGH and _WORD.search(_strip_placeholders(en)):
            assert _CJK.search(zh), f"{part.code}: the Chinese text has no Chinese: {zh!r}"
    zh_text, en_text = message.render("zh_CN"), message.render("en")
    assert zh_text.strip() and en_text.strip(), message.code
    assert not zh_text.startswith("[" + message.code), zh_text
    assert _CJK.search(zh_text), f"{message.code}: {zh_text!r}"
    assert zh_text != en_text, message.code


def _problems_of_made_files(tmp_path: Path) -> list[Problem]:
    """The bad files the fixture folder cannot hold: encodings, sizes, parser limits, a missing path."""
    made = {
        "utf16.toml": "[pack]\n".encode("utf-16"),
        "gbk.toml": '[pack]\nname = "快捷回复"\n'.encode("gbk"),
        "latin.toml": b'[pack]\nname = "\xff"\n',
        "deep.toml": ("a = " + "[" * 70 + "]" * 70 + "\n").encode(),
        "bigint.toml": ("a = " + "1" * 5000 + "\n").encode(),
        "twice.toml": b"[a]\n[a]\n",
        "inline.toml": b"a = {b = 1, b = 2}\n",
        "newline.toml": b"a = 1 b = 2\n",
        "backslash.toml": b'a = "x\\ y"\n',
        "unclosed.toml": b"a = {b = 1\n",
    }
    problems: list[Problem] = []
    for name, data in made.items():
        problems += parse_pack(data, name)[1]
    problems += load_pack(tmp_path / "missing.toml")[1]
    return problems


@pytest.mark.parametrize("fixture", BAD_PACKS, ids=lambda p: p.name)
def test_every_bad_pack_problem_speaks_chinese_and_english(fixture: Path) -> None:
    _, problems = load_pack(fixture)
    assert problems, fixture.name
    for problem in problems:
        assert_speaks_both(problem.code)
        assert problem.describe("zh_CN") != problem.describe("en")


def test_bad_files_made_at_test_time_speak_both(tmp_path: Path) -> None:
    problems = _problems_of_made_files(tmp_path)
    assert len(problems) >= 11
    for problem in problems:
        assert_speaks_both(problem.code)


def test_the_check_itself_fails_on_english_in_chinese(monkeypatch: pytest.MonkeyPatch) -> None:
    """The checks above can fail: a code left in English, or missing, is caught."""
    monkeypatch.setitem(CATALOGUE, "pack.no_phrases", ("pack has no phrases", "pack has no phrases"))
    with pytest.raises(AssertionError):
        assert_speaks_both(Message("pack.no_phrases"))
    with pytest.raises(AssertionError):
        assert_speaks_both(Message("pack.no_such_code"))
