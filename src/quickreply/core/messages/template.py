"""Placeholders in phrase texts that look like blanks but are not (core/template.py)."""

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
}
