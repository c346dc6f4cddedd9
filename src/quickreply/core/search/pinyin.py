"""Readings of Chinese text: every tone-less reading of each character, built from pypinyin's char table.

Only the per-character dictionary (`pinyin_dict.json`, ~0.8 MB) is read, straight from the pypinyin
package folder, without importing pypinyin itself: the full package costs ~57 MB RSS and its per-phrase
`lazy_pinyin` ~0.7 ms per phrase, far too slow for a 100k-phrase library.
"""

from __future__ import annotations

import importlib.util
import json
import unicodedata
from collections.abc import Iterable
from functools import cache
from pathlib import Path

# Spellings IMEs accept besides pypinyin's own: ü is typed as v, and lüe/nüe are also typed as lue/nue.
_EXTRA_SPELLINGS = {"lve": ("lue",), "nve": ("nue",)}

# Every tone-less syllable of pypinyin's table (plus lue/nue): fixed here so that parsing a query needs
# no table load; tests/core/test_pinyin.py checks it still agrees with the installed pypinyin.
_SYLLABLE_TEXT = (
    "a ai an ang ao ba bai ban bang bao bei ben beng bi bian biang biao bie bin bing bo bong bu ca "
    "cai can cang cao ce cei cen ceng cha chai chan chang chao che chen cheng chi chong chou chu chua "
    "chuai chuan chuang chui chun chuo ci cong cou cu cuan cui cun cuo da dai dan dang dao de dei den "
    "deng di dia dian diao die din ding diu dong dou du duan dui dun duo e ei en eng er fa fan fang "
    "fei fen feng fiao fo fou fu ga gai gan gang gao ge gei gen geng gong gou gu gua guai guan guang "
    "gui gun guo ha hai han hang hao he hei hen heng hm hng hong hou hu hua huai huan huang hui hun "
    "huo ji jia jian jiang jiao jie jin jing jiong jiu ju juan jue jun ka kai kan kang kao ke kei ken "
    "keng kong kou ku kua kuai kuan kuang kui kun kuo la lai lan lang lao le lei len leng li lia lian "
    "liang liao lie lin ling liu lo long lou lu luan lue lun luo lv lve m ma mai man mang mao me mei "
    "men meng mi mian miao mie min ming miu mo mou mu n na nai nan nang nao ne nei nen neng ng ni nia "
    "nian niang niao nie nin ning niu nong nou nu nuan nue nun nuo nv nve o ou pa pai pan pang pao "
    "pei pen peng pi pian piao pie pin ping po pou pu qi qia qian qiang qiao qie qin qing qiong qiu "
    "qu quan que qun ran rang rao re ren reng ri rong rou ru rua ruan rui run ruo sa sai san sang sao "
    "se sen seng sha shai shan shang shao she shei shen sheng shi shou shu shua shuai shuan shuang "
    "shui shun shuo si song sou su suan sui sun suo ta tai tan tang tao te tei teng ti tian tiao tie "
    "ting tong tou tu tuan tui tun tuo wa wai wan wang wei wen weng wo wong wu xi xia xian xiang xiao "
    "xie xin xing xiong xiu xu xuan xue xun ya yan yang yao ye yi yin ying yo yong you yu yuan yue "
    "yun za zai zan zang zao ze zei zen zeng zha zhai zhan zhang zhao zhe zhei zhen zheng zhi zhong "
    "zhou zhu zhua zhuai zhuan zhuang zhui zhun zhuo zi zong zou zu zuan zui zun zuo"
)
SYLLABLES: tuple[str, ...] = tuple(_SYLLABLE_TEXT.split())


class PinyinDataError(RuntimeError):
    """pypinyin's character table could not be found or read."""


def is_han(ch: str) -> bool:
    """True for a Chinese character (CJK unified ideographs, extensions and compatibility blocks)."""
    code = ord(ch)
    return (
        0x4E00 <= code <= 0x9FFF
        or 0x3400 <= code <= 0x4DBF
        or 0x20000 <= code <= 0x3FFFF
        or 0xF900 <= code <= 0xFAFF
        or code == 0x3007  # 〇
    )


def strip_tone(reading: str) -> str:
    """`lǜ` -> `lv`, `xíng` -> `xing`: tone marks removed, ü written as v (as typed on a keyboard)."""
    decomposed = unicodedata.normalize("NFD", reading.strip().lower()).replace("u\u0308", "v")
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _table_path() -> Path:
    spec = importlib.util.find_spec("pypinyin")  # locates the package without importing it
    if spec is None or not spec.submodule_search_locations:
        raise PinyinDataError("pypinyin is not installed; install it with `pip install pypinyin`")
    return Path(next(iter(spec.submodule_search_locations))) / "pinyin_dict.json"


@cache
def _raw_table() -> dict[str, str]:
    """character -> pypinyin's toned readings ("xíng,háng,..."), converted per character on demand."""
    path = _table_path()
    try:
        raw: dict[str, str] = json.loads(path.read_text(encoding="utf-8"))
        return {chr(int(code)): value for code, value in raw.items()}
    except FileNotFoundError:
        # Some bundlers keep only the .py module: fall back to importing it (slower, more memory).
        from pypinyin.pinyin_dict import pinyin_dict

        return {chr(code): value for code, value in pinyin_dict.items()}
    except (OSError, ValueError) as exc:
        raise PinyinDataError(f"cannot read pypinyin's character table {path}: {exc}") from exc


_KNOWN = frozenset(SYLLABLES)
_readings: dict[str, tuple[str, ...]] = {}


def _convert(value: str) -> tuple[str, ...]:
    found: dict[str, None] = {}
    for reading in strip_tone(value).split(","):
        if reading in _KNOWN:
            found[reading] = None
            for extra in _EXTRA_SPELLINGS.get(reading, ()):
                found[extra] = None
    return tuple(found)


def warm() -> None:
    """Read the table now (~25 ms): the app does it once it is idle after start, so that the first query
    with a character the index does not list (or a synonym's) does not wait for it."""
    _raw_table()


def readings(ch: str) -> tuple[str, ...]:
    """Tone-less readings of one character, most common first; () for anything that is not Chinese."""
    found = _readings.get(ch)
    if found is None:
        value = _raw_table().get(ch)
        found = _readings[ch] = _convert(value) if value else ()
    return found


def reading_table() -> dict[str, tuple[str, ...]]:
    """Every character pypinyin knows -> its tone-less readings (converts the whole table: slow-ish)."""
    return {ch: found for ch in _raw_table() if (found := readings(ch))}


def reading_sets() -> set[tuple[str, ...]]:
    """Every distinct set of readings in the table (about 5,200; converts each distinct entry once)."""
    found = {_convert(value) for value in set(_raw_table().values())}
    found.discard(())
    return found


def syllables() -> tuple[str, ...]:
    """All tone-less syllables, sorted (about 430)."""
    return SYLLABLES


def table_syllables() -> tuple[str, ...]:
    """The syllables that actually occur in pypinyin's table (loads and converts it all), sorted."""
    found: set[str] = set()
    for values in reading_table().values():
        found.update(values)
    return tuple(sorted(found))


def initials(ch: str) -> tuple[str, ...]:
    """First letters of a character's readings: 行 -> ('x', 'h')."""
    return tuple(dict.fromkeys(r[0] for r in readings(ch)))


def full_pinyin(text: str) -> str:
    """Most common reading of each character, concatenated; other characters kept as they are."""
    return "".join(readings(ch)[0] if readings(ch) else ch for ch in text)


def all_readings(text: Iterable[str]) -> list[tuple[str, ...]]:
    """Per character, every reading (or the character itself when it has none)."""
    return [readings(ch) or (ch,) for ch in text]
