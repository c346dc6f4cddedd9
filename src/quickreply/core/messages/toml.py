"""TOML syntax as a Chinese IME mistypes it (packs/toml_slips.py), for pack, settings and personal files."""

MESSAGES: dict[str, tuple[str, str]] = {
    "toml.ime_char": (
        "第 {line} 行第 {column} 列是{name}「{char}」，请改成英文的「{fix}」（切换到英文输入法再输入）",
        "line {line}, column {column}: {name} ( {char} ); type {fix} instead (switch the IME to English)",
    ),
    "toml.invisible_char": (
        "第 {line} 行第 {column} 列有一个{name}（{point}，看起来像空格），请删掉它，换成普通空格",
        "line {line}, column {column}: a {name} ({point}, looks like a space); "
        "replace it with a normal space",
    ),
    "toml.invisible_char_delete": (
        "第 {line} 行第 {column} 列有一个{name}（{point}，看不见），请删掉它",
        "line {line}, column {column}: an invisible {name} ({point}); delete it",
    ),
    "toml.multiline_unclosed": (
        "第 {line} 行开始的多行文本（{quotes}）没有结束：第 {swallowed} 行的 {what} 也被当成了文本。"
        "请在这段文本末尾另起一行写 {quotes}",
        "the multi-line text opened with {quotes} on line {line} is not closed: line {swallowed} ({what}) "
        "is read as part of it. End the text with {quotes} on a line of its own",
    ),
    "toml.multiline_unclosed_eof": (
        "第 {line} 行开始的多行文本（{quotes}）直到文件末尾都没有结束；请在这段文本末尾另起一行写 {quotes}",
        "the multi-line text opened with {quotes} on line {line} is never closed; "
        "end the text with {quotes} on a line of its own",
    ),
    "toml.char.cn_quote": ("中文引号", "a Chinese quotation mark"),
    "toml.char.cn_single_quote": ("中文单引号", "a Chinese single quotation mark"),
    "toml.char.fw_quote": ("全角引号", "a full-width quotation mark"),
    "toml.char.fw_single_quote": ("全角单引号", "a full-width single quotation mark"),
    "toml.char.fw_equals": ("全角等号", "a full-width equals sign"),
    "toml.char.cn_colon": ("中文冒号", "a Chinese colon"),
    "toml.char.colon": ("冒号", "a colon"),
    "toml.char.cn_comma": ("中文逗号", "a Chinese comma"),
    "toml.char.cn_enum_comma": ("顿号", "a Chinese enumeration comma"),
    "toml.char.cn_full_stop": ("中文句号", "a Chinese full stop"),
    "toml.char.cn_bracket": ("中文方括号", "a Chinese square bracket"),
    "toml.char.fw_bracket": ("全角方括号", "a full-width square bracket"),
    "toml.char.fw_brace": ("全角大括号", "a full-width curly brace"),
    "toml.char.fw_char": ("全角字符", "a full-width character"),
    "toml.char.fw_space": ("全角空格", "full-width space"),
    "toml.char.nbsp": ("不间断空格", "non-breaking space"),
    "toml.char.wide_space": ("宽空格", "wide space"),
    "toml.char.zero_width": ("零宽字符", "zero-width character"),
}
