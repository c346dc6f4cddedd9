"""What the TOML parser (tomli / tomllib) says about a file it refused, one code per parser message
(core/packs/toml_errors.py maps them), plus the bounds core/toml_load.py adds."""

MESSAGES: dict[str, tuple[str, str]] = {
    "toml.parser.invalid_statement": ("这一行不是有效的语句", "Invalid statement"),
    "toml.parser.expected_newline": (
        "一条语句后面应该换行（或结束文件）",
        "Expected newline or end of document after a statement",
    ),
    "toml.parser.expected": ("这里应该是 {expected}", "Expected {expected}"),
    "toml.parser.invalid_char": ("这里不能有字符 {char}", "Found invalid character {char}"),
    "toml.parser.declared_twice": ("{key} 声明了两次", "Cannot declare {key} twice"),
    "toml.parser.overwrite": ("同一个值写了两次", "Cannot overwrite a value"),
    "toml.parser.table_end": ("表的声明末尾缺少 ]", "Expected ']' at the end of a table declaration"),
    "toml.parser.array_end": ("表数组的声明末尾缺少 ]]", "Expected ']]' at the end of an array declaration"),
    "toml.parser.immutable": ("{key} 已经写完，不能再往里加内容", "Cannot mutate immutable namespace {key}"),
    "toml.parser.redefine": ("{key} 不能重新定义", "Cannot redefine namespace {key}"),
    "toml.parser.expected_equals": ("键的后面应该是 =", "Expected '=' after a key in a key/value pair"),
    "toml.parser.key_start": ("键名的第一个字符无效", "Invalid initial character for a key part"),
    "toml.parser.unclosed_array": ("列表没有结束（缺少 ]）", "Unclosed array"),
    "toml.parser.duplicate_inline_key": ("行内表里的键 {key} 重复", "Duplicate inline table key {key}"),
    "toml.parser.unclosed_inline_table": ("行内表没有结束（缺少 }}）", "Unclosed inline table"),
    "toml.parser.unescaped_backslash": (
        "文字里的反斜杠 \\ 要写成 \\\\",
        "Unescaped '\\' in a string",
    ),
    "toml.parser.invalid_hex": ("无效的十六进制转义", "Invalid hex value"),
    "toml.parser.not_scalar": (
        "转义的字符不是有效的 Unicode 字符",
        "Escaped character is not a Unicode scalar value",
    ),
    "toml.parser.unterminated_string": ("文字没有结束（缺少结尾的引号）", "Unterminated string"),
    "toml.parser.illegal_char": ("文字里不能有字符 {char}", "Illegal character {char}"),
    "toml.parser.invalid_date": ("无效的日期或时间", "Invalid date or datetime"),
    "toml.parser.invalid_value": ("无效的值", "Invalid value"),
    "toml.parser.too_deep": (
        "表或列表嵌套超过了 {limit} 层",
        "tables or arrays are nested more than {limit} levels deep",
    ),
    "toml.parser.unreadable_value": (
        "有一个值读不出来（整数超过 4300 位）",
        "a value cannot be read (an integer of more than 4,300 digits)",
    ),
    "toml.parser.other": ("{detail}", "{detail}"),
    "toml.parser.at": (
        "{detail}（第 {line} 行第 {column} 列）",
        "{detail} (at line {line}, column {column})",
    ),
}
