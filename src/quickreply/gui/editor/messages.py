"""`quickreply pack check` problems said in the UI language, and tied to the field they are about.

The checks themselves stay in core (English, for the CLI and logs); here the common ones are worded for
an agent, and anything not recognised is shown as core wrote it, so no problem is ever hidden.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping

from quickreply.gui.i18n import tr

_FIELD_NAMES = {
    "title": ("标题", "title"),
    "text": ("正文", "text"),
    "category": ("分类", "category"),
    "id": ("ID", "id"),
    "code": ("编码", "code"),
}
_BRACE_HINT = (
    "占位符写成 {城市} 这样；要显示大括号本身，请写 {{ 或 }}",
    "write placeholders as {city}; write {{ or }} for a literal brace",
)

Rule = tuple[re.Pattern[str], str, Callable[[re.Match[str], Mapping[str, str]], str]]


def _name(key: str) -> str:
    zh, en = _FIELD_NAMES.get(key, (key, key))
    return tr(zh, en)


def _title(titles: Mapping[str, str], item_id: str) -> str:
    return titles.get(item_id, item_id)


def _brace(zh: str, en: str) -> Callable[[re.Match[str], Mapping[str, str]], str]:
    return lambda m, _t: (
        tr(zh.format(*m.groups()), en.format(*m.groups())) + tr("。", ". ") + tr(*_BRACE_HINT)
    )


_TEMPLATE_RULES: list[Rule] = [
    (re.compile(r"unclosed '\{'"), "text", _brace("有一个“{{”没有配对的“}}”", "a '{{' has no matching '}}'")),
    (re.compile(r"single '\}'"), "text", _brace("有一个“}}”没有配对的“{{”", "a '}}' has no opening '{{'")),
    (re.compile(r"empty placeholder"), "text", _brace("有一个空的占位符“{{}}”", "empty placeholder '{{}}'")),
    (
        re.compile(r"blank placeholder '(.*?)'"),
        "text",
        _brace("占位符“{0}”是空白的", "blank placeholder {0}"),
    ),
    (
        re.compile(r"placeholder '(.*?)' contains spaces"),
        "text",
        _brace("占位符“{0}”里有空格或换行", "placeholder {0} contains spaces or line breaks"),
    ),
    (
        re.compile(r"placeholder '(.*?)' starts with a digit"),
        "text",
        _brace("占位符“{0}”不能以数字开头", "placeholder {0} starts with a digit"),
    ),
    (
        re.compile(r"placeholder '(.*?)' uses '\.'"),
        "text",
        _brace("占位符“{0}”里不能有 . 或 []", "placeholder {0} uses '.' or '[]'"),
    ),
    (
        re.compile(r"'(.*?)' is not a valid placeholder name"),
        "text",
        _brace("“{0}”不是有效的占位符名（只能用文字、数字和 _）", "{0} is not a valid placeholder name"),
    ),
]

_RULES: list[Rule] = [
    (
        re.compile(r"code '(.*)' is already used by phrase '(.*)' "),
        "code",
        lambda m, t: tr(
            f"编码“{m[1]}”已被短语“{_title(t, m[2])}”使用（编码不区分大小写，不能重复）——请换一个编码",
            f"code '{m[1]}' is already used by '{_title(t, m[2])}' (codes are unique, ignoring case)",
        ),
    ),
    (
        re.compile(r"code '(.*)' must not be empty or contain spaces"),
        "code",
        lambda m, _t: tr(f"编码“{m[1]}”里不能有空格", f"code '{m[1]}' must not contain spaces"),
    ),
    (
        re.compile(r"code '(.*)' must not start with '/'"),
        "code",
        lambda m, _t: tr(
            f"编码不能以“/”开头（搜索时可以先打“/”）：请写成“{m[1].lstrip('/')}”",
            f"a code must not start with '/': write '{m[1].lstrip('/')}'",
        ),
    ),
    (
        re.compile(r"(?:missing required key|) ?'(title|text|category|id)'(?: is empty)?$"),
        "?",
        lambda m, _t: tr(f"{_name(m[1])}不能为空", f"the {_name(m[1])} cannot be empty"),
    ),
    (
        re.compile(r"(title|text) is ([\d,]+) characters; the limit is ([\d,]+)"),
        "?",
        lambda m, _t: tr(
            f"{_name(m[1])}有 {m[2]} 个字，最多 {m[3]} 个", f"the {m[1]} has {m[2]} characters; limit {m[3]}"
        ),
    ),
    (
        re.compile(r"category '(.*)' has an empty level"),
        "category",
        lambda m, _t: tr(f"分类“{m[1]}”有空的层级", f"category '{m[1]}' has an empty level"),
    ),
    (
        re.compile(r"step (\d+) points to phrase '(.*)', which"),
        "steps",
        lambda m, t: tr(
            f"第 {m[1]} 步的短语“{_title(t, m[2])}”不在我的短语里（已删除或有错误）：请改选或删除这一步",
            f"step {m[1]}: phrase '{_title(t, m[2])}' is not in your library (deleted or has errors)",
        ),
    ),
    (
        re.compile(r"step (\d+): text must be a non-empty string"),
        "steps",
        lambda m, _t: tr(f"第 {m[1]} 步的文字不能为空", f"step {m[1]}: the text cannot be empty"),
    ),
    (
        re.compile(r"steps must be a non-empty list"),
        "steps",
        lambda _m, _t: tr("话术至少要有一步", "a script needs at least one step"),
    ),
    (
        re.compile(r"placeholder '(.*)' is declared but no phrase uses"),
        "",
        lambda m, _t: tr(
            f"占位符“{m[1]}”已声明，但没有短语用到它", f"placeholder '{m[1]}' is declared but unused"
        ),
    ),
]


def explain(message: str, titles: Mapping[str, str]) -> tuple[str, str]:
    """(field, message in the UI language) for a core problem message; field "" when not tied to one."""
    step = re.match(r"step (\d+): ", message)
    for pattern, field, say in _TEMPLATE_RULES:
        found = pattern.search(message)
        if found:
            said = say(found, titles)
            if step:
                return "steps", tr(f"第 {step[1]} 步：", f"step {step[1]}: ") + said
            return field, said
    for pattern, field, say in _RULES:
        found = pattern.search(message)
        if found:
            if field == "?":  # the field is named in the message
                field = found[1]
            return field, say(found, titles)
    for key in ("title", "code", "text", "category", "tags"):
        if f"'{key}'" in message or message.startswith(key):
            return key, message
    return ("steps" if message.startswith("step") else ""), message
