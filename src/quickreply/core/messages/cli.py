"""The CLI's own lines (cli/): summaries, notes on stderr and what went wrong. Help texts: cli_help.py;
argparse's own words: cli_argparse.py."""

MESSAGES: dict[str, tuple[str, str]] = {
    "cli.failed": (
        "未通过：{errors} 个错误，{warnings} 个警告",
        "FAILED: {errors} errors, {warnings} warnings",
    ),
    "cli.warnings": ("（{warnings} 个警告）", " ({warnings} warnings)"),
    "cli.check_ok": (
        "通过：{packs} 个短语包，{phrases} 条短语{note}",
        "OK: {packs} packs, {phrases} phrases{note}",
    ),
    "cli.lint_ok": (
        "通过：{packs} 个短语包，{phrases} 条短语，没有违反规则{note}",
        "OK: {packs} packs, {phrases} phrases, no rule broken{note}",
    ),
    "cli.team_source": (
        "{kind} {label}\n     {status}；上次成功同步 {when}；版本 {version}",
        "{kind} {label}\n     {status}; last good sync {when}; version {version}",
    ),
    "cli.team_failed": ("同步失败", "failed"),
    "cli.team_ok": ("同步正常", "ok"),
    "cli.team_never": ("从未同步", "never synced"),
    "cli.team_error": ("     错误：{error}", "     error: {error}"),
    "cli.load.more": ("另有 {more} 个错误", "{more} more errors"),
    "cli.load.warnings": ("{warnings} 个警告", "{warnings} warnings"),
    "cli.load.both": ("另有 {more} 个错误和 {warnings} 个警告", "{more} more errors, {warnings} warnings"),
    "cli.load.see_all": (
        "短语包里{counts}；全部列出：quickreply pack check PATH",
        "{counts} in the packs; see all with: quickreply pack check PATH",
    ),
    "cli.search.query_or_stdin": ("请给出 QUERY 或 --stdin（二选一）", "give either a QUERY or --stdin"),
    "cli.search.no_match": ("没有短语匹配“{query}”", "no phrase matches '{query}'"),
    "cli.settings_defaults": ("{problem}；改用默认设置", "{problem}; using default settings"),
    "cli.render.no_clipboard": ("无法读取剪贴板（{detail}）", "cannot read the clipboard ({detail})"),
    "cli.render.bad_set": (
        "--set 要写成 NAME=VALUE，收到的是“{item}”",
        "--set needs NAME=VALUE, got '{item}'",
    ),
    "cli.render.did_you_mean": ("；是不是 {ids}？", "; did you mean {ids}?"),
    "cli.render.find_ids": ("；查找 ID：quickreply search QUERY", "; find ids with: quickreply search QUERY"),
    "cli.render.no_id": (
        "已载入的 {packs} 个短语包里没有 ID 为“{id}”的短语{hint}",
        "no phrase with id '{id}' in {packs} loaded packs{hint}",
    ),
    "cli.render.profile_hint": (
        "（或在 settings.toml 的 [profile] 里填写 shop/agent）",
        " (or set shop/agent under [profile] in settings.toml)",
    ),
    "cli.render.missing": (
        "缺少填空的值：{names} —— 请用 --set NAME=VALUE 给出{hint}",
        "missing values: {names} — pass them with --set NAME=VALUE{hint}",
    ),
    "cli.not_whole_number": ("“{value}”不是整数", "'{value}' is not a whole number"),
    "cli.at_least_one": ("至少要是 1", "must be 1 or more"),
    "cli.no_app": (
        "这个版本不含托盘程序；命令行用法：quickreply --help",
        "the tray app is not available in this build; headless commands: quickreply --help",
    ),
    "cli.warning": ("警告：{text}", "warning: {text}"),
    "cli.pack.unusable": (
        "{path} 不能作为短语包读取；查看原因：quickreply pack check {path}",
        "{path} cannot be read as a pack; see: quickreply pack check {path}",
    ),
    "cli.pack.exists": (
        "{path} 已存在；请换个名字，或加 --force 替换它",
        "{path} exists; choose another name or pass --force to replace it",
    ),
    "cli.pack.offer": ("{offer}；{how}", "{offer}; {how}"),
    "cli.pack.imported": (
        "已导入 {phrases} 条短语（{how}）-> {path}",
        "imported {phrases} phrases ({how}) -> {path}",
    ),
    "cli.pack.exported": (
        "已导出 {phrases} 条短语，格式 {format} -> {path}",
        "exported {phrases} phrases as {format} -> {path}",
    ),
    "cli.pack.rule_hit": ("平台规则：{problem}", "rule: {problem}"),
    "cli.pack.rule_more": ("（另有 {more} 处）", " ({more} more)"),
    "cli.pack.rule_hits": (
        "{hits} 处违反平台规则{more}；推送给团队之前请先改好：{see}",
        "{hits} platform-rule hits{more}; fix them before rolling the pack out: {see}",
    ),
    "cli.diff.script": ("话术流程 {id}", "script {id}"),
    "cli.diff.placeholder": ("填空项 {id}", "placeholder {id}"),
    "cli.diff.version_unchanged": (
        "内容变了，但 [pack] version 没变；发布前请调高版本号",
        "the content changed but [pack] version did not; bump it to publish",
    ),
    "cli.not_utf8": ("不是 UTF-8 编码", "not UTF-8"),
    "cli.sync.status.new": ("首次获取", "new"),
    "cli.sync.status.updated": ("已更新", "updated"),
    "cli.sync.status.current": ("已是最新", "current"),
    "cli.sync.status.failed": ("同步失败", "failed"),
    "cli.sync.source": ("{status:<8} {label}", "{status:<8} {label}"),
    "cli.sync.source_version": (
        "{status:<8} {label} —— 版本 {version}",
        "{status:<8} {label} — version {version}",
    ),
    "cli.sync.error": ("         错误：{error}", "         error: {error}"),
    "cli.sync.tally_item": ("{status} {count} 个", "{count} {status}"),
    "cli.sync.tally_none": ("无", "none"),
    "cli.sync.ok": ("通过：{sources} 个来源（{counts}）", "OK: {sources} sources ({counts})"),
    "cli.sync.failed": ("未通过：{sources} 个来源（{counts}）", "FAILED: {sources} sources ({counts})"),
    "cli.sync.nothing_synced": (
        "未通过：什么都没有同步；请改正 settings.toml（见 docs/team-packs.md）",
        "FAILED: nothing was synced; fix settings.toml (see docs/team-packs.md)",
    ),
    "cli.sync.skipped": (
        "未通过：跳过了 {count} 个有误的订阅条目；请改正 settings.toml",
        "FAILED: {count} broken subscription entries were skipped; fix settings.toml",
    ),
    "cli.sync.no_subscriptions": (
        "没有订阅：请在 {settings} 里加上 [[subscriptions]]（见 docs/team-packs.md）",
        "no subscriptions: add [[subscriptions]] to {settings} (see docs/team-packs.md)",
    ),
    "cli.team.target_needed": ("请给出 URL 或 FOLDER（或加 --list）", "give a URL or FOLDER (or --list)"),
    "cli.team.kept": (
        "订阅已保留；程序每次检查时都会重试（修好来源后运行：quickreply sync）",
        "the subscription is kept; the app retries at every check (fix the source, then: quickreply sync)",
    ),
    "cli.usage.bad_date": ("“{value}”不是 2024-05-01 这样的日期", "'{value}' is not a date like 2024-05-01"),
    "cli.server.cannot_serve": (
        "无法在端口 {port} 上提供 {folder}：{reason}",
        "cannot serve {folder} on port {port}: {reason}",
    ),
    "cli.server.serving": (
        "正在提供 {folder} 里的使用汇总，地址 {url}（按 Ctrl+C 停止）",
        "serving usage summaries from {folder} at {url} (Ctrl+C stops)",
    ),
}
