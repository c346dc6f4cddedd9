"""How a buyer's question is folded before searching: traditional -> simplified, punctuation, greetings
and trailing particles (请问包邮吗？ -> 包邮, 退貨運費 -> 退货运费). Indexed values fold the same way
(traditional -> simplified only, length kept so highlight offsets stay those of the original text).
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

_TABLE_NAME = Path("search") / "t2s.txt"
# Leading politeness that carries no meaning for the search; longest first.
GREETINGS = ("亲爱的", "亲亲", "您好", "你好", "请问", "在吗", "在不在", "老板", "客服", "亲")
PARTICLES = frozenset("吗呢啊呀吧嘛哦呗了啦哈么")
_PUNCTUATION = re.compile(r"[?!,.~…？！，。、；;：:～“”\"'‘’（）()【】\[\]]+")


def _table_path() -> Path | None:
    here = Path(__file__).resolve()
    for root in (here.parents[2] / "resources", here.parents[4] / "resources"):
        if (root / _TABLE_NAME).is_file():
            return root / _TABLE_NAME
    return None


@cache
def t2s_table() -> dict[int, str]:
    """str.translate table of one-to-one traditional -> simplified characters (empty if not shipped)."""
    path = _table_path()
    if path is None:
        return {}
    table: dict[int, str] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if len(line) == 2 and not line.startswith("#"):
            table[ord(line[0])] = line[1]
    return table


def to_simplified(text: str) -> str:
    """Traditional characters to simplified ones, one for one (the length never changes)."""
    return text.translate(t2s_table())


def fold_question(query: str) -> str:
    """The query as the search reads it: punctuation becomes a space, leading greetings and trailing
    particles of each part go while two characters are left (在吗 and 花呗 stay)."""
    text = _PUNCTUATION.sub(" ", to_simplified(query))
    parts = text.split()
    meaningful = [part for part in parts if part not in GREETINGS]
    return " ".join(_strip_part(part) for part in meaningful or parts)


def _strip_part(part: str) -> str:
    if part in GREETINGS:
        return part
    core = part
    changed = True
    while changed:
        changed = False
        for greeting in GREETINGS:
            if core.startswith(greeting) and len(core) > len(greeting):
                core, changed = core[len(greeting) :], True
                break
        if len(core) > 2 and core[-1] in PARTICLES and not core[-2].isascii():
            core, changed = core[:-1], True
    return core
