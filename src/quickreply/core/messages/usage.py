"""Messages about usage and time saved: the 统计 window, durations, the team server for summaries."""

MESSAGES: dict[str, tuple[str, str]] = {
    # durations (core/usage/stats.format_duration)
    "usage.duration_h": ("{hours} 小时 {minutes} 分", "{hours} h {minutes} min"),
    "usage.duration_m": ("{minutes} 分 {seconds} 秒", "{minutes} min {seconds} s"),
    "usage.duration_s": ("{seconds} 秒", "{seconds} s"),
    # the 统计 window (gui/stats)
    "usage.window_title": ("统计 — 快捷回复", "Statistics — QuickReply"),
    "usage.tray_action": ("统计…", "Statistics…"),
    "usage.period_label": ("时段：", "Period:"),
    "usage.period_today": ("今天", "Today"),
    "usage.period_7d": ("最近 7 天", "Last 7 days"),
    "usage.period_30d": ("最近 30 天", "Last 30 days"),
    "usage.period_all": ("全部", "All time"),
    "usage.refresh": ("刷新", "Refresh"),
    "usage.totals": (
        "{picks} 次 · 粘贴 {chars} 字 · 节省 {saved}",
        "{picks} picks · {chars} characters pasted · {saved} saved",
    ),
    "usage.model_note": (
        "节省时间 = 用拼音输入法打同样的字要按的键（每字 {kpc} 键）减去在弹窗里按的键，"
        "按每分钟 {kpm} 键换算；表单里自己输入的字不算（见 docs/usage.md）",
        "time saved = the keys a pinyin IME would need for the same text ({kpc} per character) minus the "
        "keys pressed in the popup, at {kpm} keys per minute; values typed into the form do not count "
        "(docs/usage.md)",
    ),
    "usage.empty": ("这个时段还没有使用记录", "Nothing used in this period yet"),
    "usage.loading": ("正在读取使用记录…", "Reading the usage log…"),
    "usage.read_failed": ("读取使用记录时出错（详见日志）", "Reading the usage log failed (see the log)"),
    "usage.chart_categories": ("各分类节省的时间（分钟）", "Time saved per category (minutes)"),
    "usage.chart_phrases": ("最常用的 {count} 条短语（次数）", "The {count} most used phrases (picks)"),
    "usage.tab_phrases": ("按短语", "Per phrase"),
    "usage.tab_categories": ("按分类", "Per category"),
    "usage.col_phrase": ("短语", "Phrases"),
    "usage.col_category": ("分类", "Category"),
    "usage.col_picks": ("次数", "Picks"),
    "usage.col_chars": ("粘贴字数", "Characters"),
    "usage.col_saved": ("节省时间", "Time saved"),
    "usage.uncategorised": ("（未分类）", "(uncategorised)"),
    # the lead's HTML report (core/usage/team.team_report_html)
    "usage.report_title": ("团队短语使用报告", "Team phrase usage report"),
    "usage.report_generated": ("生成于", "Generated"),
    "usage.report_counts_only": (
        "只含次数与字数，不含聊天内容和买家信息",
        "counts only: no chat content, no buyer data",
    ),
    "usage.report_agents": ("客服", "Agents"),
    "usage.report_picks": ("使用次数", "Picks in all"),
    "usage.report_never": ("从未使用的短语", "Never-used phrases"),
    "usage.report_never_count": ("从未使用的短语（{count}）", "Never-used phrases ({count})"),
    "usage.report_per_agent": ("每位客服", "Per agent"),
    "usage.report_agent": ("客服昵称", "Agent nickname"),
    "usage.report_period": ("时段", "Period"),
    "usage.report_used": ("用过的短语", "Phrases used"),
    "usage.report_agent_count": ("客服数", "Agents using it"),
    "usage.report_consider": ("可以考虑改写或删除：", "Consider rewording or removing them:"),
    "usage.report_unreadable": ("无法读取的文件", "Files that could not be read"),
    # `quickreply usage` (cli/usage)
    "usage.cli_totals": (
        "{picks} 次，粘贴 {chars} 字，节省 {saved}"
        "（模型：每字 {kpc} 次输入法按键，每分钟 {kpm} 键；docs/usage.md）",
        "{picks} picks, {chars} characters pasted, {saved} saved (model: {kpc} IME keys per character, "
        "{kpm} keys per minute; docs/usage.md)",
    ),
    "usage.cli_per_category": ("按分类：", "per category:"),
    "usage.cli_per_phrase": ("按短语：", "per phrase:"),
    # the team server (core/usage/team_http, cli/usage)
    "usage.server_failed": ("团队服务器 {url}：{detail}", "team server {url}: {detail}"),
    "usage.put_refused": (
        "团队服务器 {url} 没有接收汇总（HTTP {status}）；服务器需要允许 PUT（见 docs/usage.md）",
        "the team server {url} did not take the summary (HTTP {status}); it must allow PUT (docs/usage.md)",
    ),
    "usage.server_refused": (
        "团队服务器 {url} 没有接收汇总（HTTP {status}）：{detail}",
        "the team server {url} did not take the summary (HTTP {status}): {detail}",
    ),
    # what `quickreply usage-server` answers (cli/usage_server): the body in the reader's language, the
    # message itself in a header for the app (core/sync/fetch.MESSAGE_HEADER)
    "usage.server.no_summary": ("这里没有汇总文件 {name}", "there is no summary {name} here"),
    "usage.server.not_a_summary_name": (
        "{path} 不是汇总文件的地址：只接收 PUT /<客服昵称>.usage.json",
        "{path} is not the address of a summary: only PUT /<agent>.usage.json is taken",
    ),
    "usage.server.length_needed": (
        "请求没有 Content-Length（汇总的字节数）",
        "the request has no Content-Length (the summary's size in bytes)",
    ),
    "usage.server.too_big": (
        "汇总文件最大 {limit} MB，这个有 {size} 字节",
        "a summary is at most {limit} MB; this one has {size} bytes",
    ),
    "usage.server.method": (
        "这个服务器不处理 {method} 请求：只有 GET 和 PUT",
        "this server does not handle {method} requests: only GET and PUT",
    ),
    "usage.server.bad_request": (
        "无法处理这个请求（HTTP {status}）",
        "this request cannot be handled (HTTP {status})",
    ),
    "usage.not_listing": (
        "{url} 返回的不是汇总文件的列表（{detail}）；应为 JSON 列表或目录页面，见 docs/usage.md",
        "{url} did not answer with a list of summary files ({detail}); it must be a JSON list or a "
        "folder listing (docs/usage.md)",
    ),
    "usage.too_many": (
        "{url} 列出了 {count} 个汇总文件，只读取前 {limit} 个",
        "{url} lists {count} summary files; only the first {limit} are read",
    ),
    "usage.gave_up": (
        "{failed} 个汇总文件取不到，其余 {left} 个没有再读取（服务器可能停机）",
        "{failed} summary files could not be fetched; the other {left} were not tried (is the server down?)",
    ),
    # why a file is not a usage summary (core/usage/team.add_summary) or a listing (team_http.listed_names)
    "usage.summary.not_utf8": ("不是 UTF-8 编码的文本", "not UTF-8 text"),
    "usage.summary.not_json": (
        "不是有效的 JSON（第 {line} 行第 {column} 列）",
        "not valid JSON (line {line}, column {column})",
    ),
    "usage.summary.too_deep": ("JSON 嵌套太深", "the JSON is nested too deeply"),
    "usage.summary.not_object": ("“{key}” 应为 JSON 对象", "“{key}” must be a JSON object"),
    "usage.summary.not_list": ("“{key}” 应为 JSON 列表", "“{key}” must be a JSON list"),
    "usage.summary.missing": ("缺少 “{key}”", "“{key}” is missing"),
    "usage.summary.not_count": (
        "“{key}” 应为不小于 0 的数，而不是 {value}",
        "“{key}” must be a number of at least 0, not {value}",
    ),
    "usage.listing.json_not_list": (
        "是 JSON，但不是列表（也没有 “summaries” 或 “files” 列表）",
        "JSON, but not a list (nor an object with a “summaries” or “files” list)",
    ),
    "usage.listing.neither": ("既不是 JSON 也不是 HTML 页面", "neither JSON nor an HTML page"),
    "usage.not_summary": (
        "{name}：不是使用汇总（{detail}）",
        "{name}: not a usage summary ({detail})",
    ),
    "usage.bad_url": (
        "{url} 不能使用：只接受 http:// 或 https:// 地址",
        "{url} cannot be used: only http:// and https:// addresses are accepted",
    ),
    "usage.no_folder": (
        "{folder} 不是文件夹（团队的使用汇总文件夹，[usage] team_folder）",
        "{folder} is not a folder (the team's usage folder, [usage] team_folder)",
    ),
    "usage.cannot_write": ("无法写入 {path}：{detail}", "cannot write {path}: {detail}"),
    "usage.skipped": ("已跳过 {problem}", "skipped {problem}"),
    "usage.team_done": (
        "{agents} 位客服，{picks} 次，节省 {hours} 小时；报告：{path}",
        "{agents} agents, {picks} picks, {hours} h saved; report: {path}",
    ),
}
