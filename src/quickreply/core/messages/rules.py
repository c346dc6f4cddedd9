"""Platform-rule checks (core/rules) and rule files."""

MESSAGES: dict[str, tuple[str, str]] = {
    "rules.hit": (
        "[{rule}] “{words}”：{forbids}（{source}）。{suggestion}",
        "[{rule}] '{words}': {forbids} ({source}). {suggestion}",
    ),
    "rules.hit_in": (
        "[{rule}] {where}里的“{words}”：{forbids}（{source}）。{suggestion}",
        "[{rule}] '{words}' in {where}: {forbids} ({source}). {suggestion}",
    ),
    "rules.field.title": ("标题", "the title"),
    "rules.field.text": ("正文", "the text"),
    "rules.field.step": ("第 {step} 步", "step {step}"),
    "rules.not_toml": (
        "规则文件 {path} 不是有效的 TOML：{reason}",
        "rules file {path} is not valid TOML: {reason}",
    ),
    "rules.not_a_table": ("规则要写成 [[rules]] 表，已跳过", "each rule must be a [[rules]] table; skipped"),
    "rules.bad_id": (
        "规则 id “{rule}” 无效（小写字母、数字和 . _ -），已跳过",
        "rule id '{rule}' is not valid (lowercase letters, digits, . _ -); skipped",
    ),
    "rules.bad_severity": (
        "规则 {rule} 的 severity “{value}” 无效（error 或 warning），已跳过",
        "rule {rule}: severity '{value}' must be error or warning; skipped",
    ),
    "rules.missing_text": (
        '规则 {rule} 缺少 {keys}（写成 ["中文", "English"]），已跳过',
        'rule {rule} lacks {keys} (write ["中文", "English"]); skipped',
    ),
    "rules.bad_patterns": (
        "规则 {rule} 的 {key} 要是非空的正则表达式列表，已跳过",
        "rule {rule}: {key} must be a non-empty list of regular expressions; skipped",
    ),
    "rules.bad_regex": (
        "规则 {rule} 的 {key} 里的正则表达式 {pattern} 有错（{reason}），已跳过",
        "rule {rule}: {key} pattern {pattern} is not a valid regular expression ({reason}); skipped",
    ),
    "rules.bad_off": (
        'off 要是规则 id 的列表，如 off = ["ad-law.absolute"]；已忽略',
        'off must be a list of rule ids, e.g. off = ["ad-law.absolute"]; ignored',
    ),
    "rules.unknown_off": (
        "off 里的规则 {rule} 不存在（已有：{known}）",
        "off names rule {rule}, which does not exist (known: {known})",
    ),
    "rules.bad_lint_table": (
        "[lint] 要写成表：[lint] 下面写 off = [...] 或 [[lint.rules]]；已忽略",
        "[lint] must be a table holding off = [...] or [[lint.rules]]; ignored",
    ),
}
