"""Readings of Chinese characters, taken from pypinyin's character table without importing pypinyin."""

from __future__ import annotations

import subprocess
import sys

from quickreply.core.search import pinyin


def test_every_reading_of_a_polyphone_most_common_first() -> None:
    assert pinyin.readings("行")[:2] == ("xing", "hang")
    assert "heng" in pinyin.readings("行")
    assert pinyin.readings("长")[:2] == ("zhang", "chang")
    assert pinyin.readings("退") == ("tui",)


def test_tones_are_stripped_and_u_umlaut_is_typed_as_v() -> None:
    assert pinyin.strip_tone("xíng") == "xing"
    assert pinyin.strip_tone("lǜ") == "lv"
    assert pinyin.readings("绿") == ("lv", "lu")
    assert "lue" in pinyin.readings("略")  # what IMEs accept besides lve


def test_initials_and_full_pinyin() -> None:
    assert pinyin.initials("行") == ("x", "h")
    assert pinyin.full_pinyin("退货运费") == "tuihuoyunfei"
    assert pinyin.full_pinyin("发票 A4") == "fapiao A4"
    assert pinyin.all_readings("银行") == [("yin",), ("xing", "hang", "heng")]


def test_non_chinese_characters_have_no_readings() -> None:
    for ch in ("a", "1", "，", " ", "😀"):
        assert pinyin.readings(ch) == ()
    assert pinyin.is_han("行") and not pinyin.is_han("a")


def test_fixed_syllable_list_matches_the_installed_table() -> None:
    """Queries are parsed with the fixed list (no table load); a pypinyin update adding one shows here."""
    assert pinyin.table_syllables() == pinyin.SYLLABLES
    assert len(pinyin.SYLLABLES) > 400


def test_reading_the_table_does_not_import_pypinyin() -> None:
    code = (
        "import sys\n"
        "from quickreply.core.search import pinyin\n"
        "assert pinyin.readings('行')[0] == 'xing'\n"
        "print('pypinyin' in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_reading_sets_are_those_of_the_whole_table() -> None:
    from quickreply.core.search import pinyin

    assert pinyin.reading_sets() == set(pinyin.reading_table().values())
