"""Placeholders in phrase texts (core/template.py): malformed braces, and ones that look like blanks but
are not."""

MESSAGES: dict[str, tuple[str, str]] = {
    "template.fullwidth_braces": (
        "正文里的 {found} 用了全角大括号，不会被填写，会原样发给买家；占位符请用英文大括号写成 {fix}",
        "the text's {found} uses full-width braces: it is not filled in and reaches the buyer as written; "
        "write the placeholder with ASCII braces: {fix}",
    ),
    "template.doubled_braces": (
        "正文里的 {found} 会原样显示为 {shown}，不会被填写；这个包的其他话术用的是占位符 {fix}。"
        "如果这里也是要填写的空，请写成 {fix}",
        "the text's {found} shows {shown} literally and is not filled in, while other phrases of this pack "
        "use the placeholder {fix}; if a blank is meant here, write {fix}",
    ),
    "template.hint": (
        "占位符只能用文字、数字和 _，例如 {{城市}}；要显示大括号本身，请写 {{{{ 或 }}}}",
        "use letters, digits or _ as in {{城市}}; write {{{{ or }}}} for a literal brace",
    ),
    "template.unclosed": (
        "有一个“{{”没有配对的“}}”：{hint}",
        "unclosed '{{' (no matching '}}'): {hint}",
    ),
    "template.single_close": (
        "有一个“}}”没有配对的“{{”：{hint}",
        "single '}}' without an opening '{{': {hint}",
    ),
    "template.empty": ("有一个空的占位符“{{}}”：{hint}", "empty placeholder '{{}}': {hint}"),
    "template.blank": ("占位符“{{{name}}}”是空白的：{hint}", "blank placeholder '{{{name}}}': {hint}"),
    "template.spaces": (
        "占位符“{{{name}}}”里有空格或换行：{hint}",
        "placeholder '{{{name}}}' contains spaces or line breaks: {hint}",
    ),
    "template.digit": (
        "占位符“{{{name}}}”不能以数字开头（不支持按位置的占位符）：{hint}",
        "placeholder '{{{name}}}' starts with a digit (no positional placeholders): {hint}",
    ),
    "template.dot": (
        "占位符“{{{name}}}”里不能有 . 或 []（不支持属性或下标）：{hint}",
        "placeholder '{{{name}}}' uses '.' or '[]' (no attribute or index access): {hint}",
    ),
    "template.invalid_name": (
        "“{{{name}}}”不是有效的占位符名（只能用文字、数字和 _）：{hint}",
        "'{{{name}}}' is not a valid placeholder name (letters, digits and _ only): {hint}",
    ),
}
