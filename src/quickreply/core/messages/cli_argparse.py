"""argparse's own wording in the CLI (cli/help_language.py): the English text is argparse's msgid,
exactly as Python 3.11 writes it (`%`-style placeholders, which argparse fills in itself)."""

MESSAGES: dict[str, tuple[str, str]] = {
    "cli.argparse.usage": ("用法：", "usage: "),
    "cli.argparse.positionals": ("位置参数", "positional arguments"),
    "cli.argparse.options": ("可选参数", "options"),
    "cli.argparse.help": ("显示这段帮助并退出", "show this help message and exit"),
    "cli.argparse.error": ("%(prog)s：错误：%(message)s\n", "%(prog)s: error: %(message)s\n"),
    "cli.argparse.argument": (
        "参数 %(argument_name)s：%(message)s",
        "argument %(argument_name)s: %(message)s",
    ),
    "cli.argparse.required": ("缺少这些参数：%s", "the following arguments are required: %s"),
    "cli.argparse.one_required": ("必须给出其中一个参数：%s", "one of the arguments %s is required"),
    "cli.argparse.unrecognized": ("不认识的参数：%s", "unrecognized arguments: %s"),
    "cli.argparse.not_allowed": ("不能和参数 %s 一起用", "not allowed with argument %s"),
    "cli.argparse.invalid_choice": (
        "无效的选择：%(value)r（可选：%(choices)s）",
        "invalid choice: %(value)r (choose from %(choices)s)",
    ),
    "cli.argparse.invalid_value": ("%(value)r 不是有效的 %(type)s 值", "invalid %(type)s value: %(value)r"),
    "cli.argparse.expected_one": ("需要一个值", "expected one argument"),
    "cli.argparse.expected_at_most_one": ("最多一个值", "expected at most one argument"),
    "cli.argparse.expected_at_least_one": ("至少需要一个值", "expected at least one argument"),
    "cli.argparse.expected_n": ("需要 %s 个值", "expected %s argument"),
    "cli.argparse.expected_n_plural": ("需要 %s 个参数值", "expected %s arguments"),
    "cli.argparse.ambiguous": (
        "选项 %(option)s 不明确，可能是：%(matches)s",
        "ambiguous option: %(option)s could match %(matches)s",
    ),
    "cli.argparse.ignored_explicit": ("多余的值 %r 被忽略", "ignored explicit argument %r"),
    "cli.argparse.unexpected_option": ("不认识的选项：%s", "unexpected option string: %s"),
}
