"""The `[[subscriptions]]` and `[sync]` tables of settings.toml (core/sync/subscriptions.py)."""

_EXAMPLE = 'url = "http://intranet/packs/team.toml" or path = "\\\\server\\share\\packs"'
_EXAMPLE_ZH = 'url = "http://intranet/packs/team.toml" 或 path = "\\\\server\\share\\packs"'

MESSAGES: dict[str, tuple[str, str]] = {
    "subs.url_control_char": (
        "地址“{url}”里有控制字符（比如 %00）；请和团队主管核对",
        "url '{url}' holds a control character (such as %00); check it with the team lead",
    ),
    "subs.url_invalid": (
        "地址“{url}”不是有效的地址（检查服务器名里有没有多余的 [ ]）",
        "url '{url}' is not a valid address (check the server name for stray [ ] characters)",
    ),
    "subs.url_scheme": (
        "地址“{url}”的开头是 {scheme}；只支持 http:// 和 https:// 地址（文件夹请用 path =）",
        "url '{url}' has {scheme}; only http:// and https:// addresses work (use path = for folders)",
    ),
    "subs.scheme": ("'{scheme}:'", "'{scheme}:'"),
    "subs.no_scheme": ("（没有写协议）", "no scheme"),
    "subs.url_port": ("地址“{url}”的端口号不对", "url '{url}' has a bad port number"),
    "subs.url_no_host": (
        "地址“{url}”没有服务器名，应该像 http://intranet/packs/team.toml 这样",
        "url '{url}' has no server name, e.g. http://intranet/packs/team.toml",
    ),
    "subs.entry_not_table": (
        "每个订阅都要写成 [[subscriptions]] 表，里面写 " + _EXAMPLE_ZH,
        "each subscription must be a [[subscriptions]] table with " + _EXAMPLE,
    ),
    "subs.unknown_key": (
        "[[subscriptions]] 里未知的键“{key}”，已忽略（可用的有：url, path, name）",
        "[[subscriptions]] unknown key '{key}' ignored (known: url, path, name)",
    ),
    "subs.name_not_string": (
        "[[subscriptions]] 里的 name 要写成带英文引号的文字",
        "[[subscriptions]] name must be a string in quotes",
    ),
    "subs.both": (
        "[[subscriptions]] 里同时写了 url 和 path；只能写其中一个：" + _EXAMPLE_ZH,
        "[[subscriptions]] has both of url and path; give exactly one: " + _EXAMPLE,
    ),
    "subs.neither": (
        "[[subscriptions]] 里 url 和 path 都没写；要写其中一个：" + _EXAMPLE_ZH,
        "[[subscriptions]] has neither of url and path; give exactly one: " + _EXAMPLE,
    ),
    "subs.value_empty": (
        "[[subscriptions]] 里的 {key} 要写成非空的文字",
        "[[subscriptions]] {key} must be a non-empty string",
    ),
    "subs.not_tables": (
        "每个订阅都写成 [[subscriptions]]，里面写 " + _EXAMPLE_ZH,
        "write each subscription as [[subscriptions]] with " + _EXAMPLE,
    ),
    "subs.listed_twice": (
        "订阅 {location} 写了两次；第二个已忽略",
        "subscription {location} is listed twice; the second one is ignored",
    ),
    "subs.sync_not_table": (
        "[sync] 要写成表，例如 [sync] interval_minutes = 30",
        "[sync] must be a table, e.g. [sync] interval_minutes = 30",
    ),
    "subs.sync_unknown_key": (
        "[sync] 里未知的键“{key}”，已忽略（可用的有：{known}）",
        "[sync] unknown key '{key}' ignored (known: {known})",
    ),
    "subs.sync_range": (
        "[sync] 的 {key} 要是 {low} 到 {high} 之间的数；改用 {used}",
        "[sync] {key} must be a number from {low} to {high}; using {used}",
    ),
    "subs.sync_whole": (
        "[sync] 的 interval_minutes 要是整数；改用 {used}",
        "[sync] interval_minutes must be a whole number; using {used}",
    ),
    "subs.not_toml": (
        "{path} 不是有效的 TOML（{detail}）；请用文本编辑器改正",
        "{path} is not valid TOML ({detail}); fix it in an editor",
    ),
    "subs.unreadable": ("无法读取 {path}：{reason}", "cannot read {path}: {reason}"),
    "subs.not_utf8": ("{path} 不是 UTF-8 编码；请另存为 UTF-8", "{path} is not UTF-8; re-save it as UTF-8"),
    "subs.team_not_loaded": ("{detail}；团队短语没有载入", "{detail}; team packs not loaded"),
}
