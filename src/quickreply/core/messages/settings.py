"""settings.toml values the loader could not use as written (core/settings): each names the file, line,
key, the value found and the value used instead."""

MESSAGES: dict[str, tuple[str, str]] = {
    "settings.not_a_table": (
        "{file}:{line}: [{section}] 应该是一个表；改用默认设置",
        "{file}:{line}: [{section}] must be a table; using defaults",
    ),
    "settings.unknown_section": (
        "{file}:{line}: 未知的设置段 [{section}]，已忽略",
        "{file}:{line}: unknown section [{section}] ignored",
    ),
    "settings.unknown_key": (
        "{file}:{line}: [{section}] 未知的设置项 '{key}'，已忽略",
        "{file}:{line}: [{section}] unknown key '{key}' ignored",
    ),
    "settings.wrong_type": (
        "{file}:{line}: [{section}] '{key}' = {value} 类型不对（应为{expected}），改用默认值 {used}",
        "{file}:{line}: [{section}] '{key}' = {value} has the wrong type (expected {expected}); "
        "using the default {used}",
    ),
    "settings.out_of_range": (
        "{file}:{line}: [{section}] '{key}' = {value} 超出范围 {low}–{high}，改用 {used}",
        "{file}:{line}: [{section}] '{key}' = {value} is outside {low}–{high}; using {used}",
    ),
    "settings.not_a_choice": (
        "{file}:{line}: [{section}] '{key}' = {value} 不是可选值（{choices}），改用默认值 {used}",
        "{file}:{line}: [{section}] '{key}' = {value} is not one of {choices}; using the default {used}",
    ),
    "settings.rule_method": (
        "{file}:{line}: [{section}] 规则的 method = {value} 不是可选值（{choices}），改用 {used}",
        "{file}:{line}: [{section}] rule method {value} unknown (use one of {choices}); using {used}",
    ),
    "settings.not_a_url": (
        "{file}:{line}: [{section}] '{key}' = {value} 不能使用：{detail}；改用默认值 {used}",
        "{file}:{line}: [{section}] '{key}' = {value} cannot be used: {detail}; using the default {used}",
    ),
    "settings.url_scheme": (
        "地址“{url}”的开头是 {scheme}；只支持 http:// 和 https:// 地址",
        "url '{url}' has {scheme}; only http:// and https:// addresses work",
    ),
    "settings.url_no_scheme": (
        "地址“{url}”前面没有写 http:// 或 https://，例如 http://intranet/qr-usage/",
        "url '{url}' does not start with http:// or https://, e.g. http://intranet/qr-usage/",
    ),
    "settings.subscription_left_out": (
        "{file}:{line}: {detail}；这个订阅没有使用",
        "{file}:{line}: {detail}; this subscription is not used",
    ),
    "settings.subscription_note": ("{file}:{line}: {detail}", "{file}:{line}: {detail}"),
    "settings.not_toml": (
        "{path} 不是有效的 TOML（{detail}）；请用文本编辑器改正",
        "{path} is not valid TOML ({detail}); fix it in an editor",
    ),
    "settings.not_utf8": (
        "{path} 不是 UTF-8 编码；请另存为 UTF-8",
        "{path} is not UTF-8; re-save it as UTF-8",
    ),
    "settings.unreadable": ("无法读取 {path}：{detail}", "cannot read {path}: {detail}"),
    "settings.notice_title": ("设置文件中有无法使用的值", "Some settings could not be used"),
}
