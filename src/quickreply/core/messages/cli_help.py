"""The CLI's help texts (`quickreply --help`, `quickreply pack import --help` …), built in the CLI's
language. argparse fills in `%(default)s` itself; a literal percent sign is written `%%`."""

MESSAGES: dict[str, tuple[str, str]] = {
    "cli.help.description": (
        "快捷回复 QuickReply。不带命令时启动托盘程序。",
        "快捷回复 QuickReply. With no command, starts the tray app.",
    ),
    "cli.help.epilog": (
        "退出码：0 成功，1 发现问题或缺少填空的值，2 用法错误，3 内部错误，"
        "141 输出被提前关闭（如接了 head）。",
        "Exit codes: 0 ok, 1 problems found or values missing, 2 usage error, 3 internal error, "
        "141 output closed early (piped into head).",
    ),
    "cli.help.version": ("显示版本号并退出", "show the version and exit"),
    "cli.help.lang": (
        "提示和帮助的语言（默认：QUICKREPLY_LANG，否则按系统区域设置）",
        "language of messages and help (default: QUICKREPLY_LANG, else the system locale)",
    ),
    "cli.help.pack_option": (
        "只载入这个短语包文件或文件夹（可重复）；默认载入整个短语库",
        "load only this pack file or folder (repeatable); default: the whole library",
    ),
    "cli.help.pack_paths": ("短语包文件，或放 *.toml 的文件夹", "pack file or folder of *.toml"),
    "cli.help.search": ("像弹出窗口那样搜索短语", "search phrases as the popup does"),
    "cli.help.search.query": (
        "要搜的词：中文、拼音、首字母或短语代码",
        "what to search: Chinese, pinyin, initials or a code",
    ),
    "cli.help.search.stdin": ("每行输入一个查询；输出 JSON 行", "one query per input line; JSON lines out"),
    "cli.help.search.limit": ("最多 N 条结果（默认 10）", "at most N hits (default 10)"),
    "cli.help.search.json": ("输出结果的 JSON 列表，最匹配的在前", "print a JSON list of hits, best first"),
    "cli.help.search.no_cache": (
        "重新解析短语包、重建索引；不读也不写缓存",
        "parse packs and build the index afresh; read and write no cache",
    ),
    "cli.help.render": ("输出一条短语，填好其中的填空", "print a phrase with its placeholders filled"),
    "cli.help.render.id": ("要输出的短语的 ID", "the id of the phrase to print"),
    "cli.help.render.set": ("一个填空的值（可重复）", "a placeholder value (repeatable)"),
    "cli.help.pack": ("处理短语包文件", "work with pack files"),
    "cli.help.check": ("检查短语包文件；每个问题一行", "check pack files; one line per problem"),
    "cli.help.check.strict": ("有警告也算不通过（退出码 1）", "warnings fail too (exit 1)"),
    "cli.help.lint": (
        "检查违反平台规则的措辞（广告法、发票、好评返现 …）",
        "wording that breaks platform rules (广告法, 发票, 好评返现 …)",
    ),
    "cli.help.lint.rules": (
        "规则文件（默认：配置文件夹里的 rules.toml）",
        "rules file (default: rules.toml in the config folder)",
    ),
    "cli.help.lint.strict": ("警告级的规则也算不通过（退出码 1）", "warning-level rules fail too (exit 1)"),
    "cli.help.import": (
        "从千牛 CSV/xlsx、espanso、Beeftext、AutoHotkey、Markdown、TextExpander 或纯文本导入",
        "import from 千牛 CSV/xlsx, espanso, Beeftext, AutoHotkey, Markdown, TextExpander, text",
    ),
    "cli.help.import.source": ("要导入的文件", "the file to import"),
    "cli.help.import.output": ("写出的新短语包", "the new pack to write"),
    "cli.help.import.format": ("输入格式（默认：自动识别）", "input format (default: detected)"),
    "cli.help.import.pack_id": ("新短语包的 [pack] id", "[pack] id of the new pack"),
    "cli.help.import.name": ("新短语包的 [pack] name", "[pack] name of the new pack"),
    "cli.help.force": ("OUT 已存在时替换它", "replace OUT if it exists"),
    "cli.help.import.blanks": (
        "Markdown：把 [变量] 变成填空 {{变量}}（默认：照原样保留并计数）",
        "Markdown: turn [变量] into the blank {{变量}} (default: kept as written, and counted)",
    ),
    "cli.help.import.examples": ("每种警告显示几条（默认 3）", "warnings shown per kind (default 3)"),
    "cli.help.export": (
        "把短语包写成 TOML、千牛 CSV 或 HTML 速查表",
        "write a pack as TOML, 千牛 CSV or an HTML cheat sheet",
    ),
    "cli.help.export.pack": ("要导出的短语包文件", "the pack file to export"),
    "cli.help.export.output": ("写出的文件", "the file to write"),
    "cli.help.export.format": ("输出格式（默认 toml）", "output format (default toml)"),
    "cli.help.export.encoding": ("qianniu-csv 的编码（默认 gbk）", "encoding for qianniu-csv (default gbk)"),
    "cli.help.export.excel_safe": (
        "qianniu-csv 要用 Excel 打开时：以 = + - @ 或制表符开头的单元格前加 '",
        "for qianniu-csv opened in Excel: a leading ' on cells starting with = + - @ or a tab",
    ),
    "cli.help.diff": (
        "两个版本之间新增、修改和删除的短语",
        "phrases added, changed and removed between two versions",
    ),
    "cli.help.diff.old": ("旧版本的短语包文件", "the older pack file"),
    "cli.help.diff.new": ("新版本的短语包文件", "the newer pack file"),
    "cli.help.diff.json": ("输出 JSON 格式的差异", "print the differences as JSON"),
    "cli.help.sync": (
        "获取订阅的团队短语包（settings.toml 里的 [[subscriptions]]）",
        "fetch subscribed team packs ([[subscriptions]] in settings)",
    ),
    "cli.help.sync.json": ("输出 JSON 格式的同步报告", "print the sync report as JSON"),
    "cli.help.subscribe": (
        "让这台电脑订阅团队短语包（网址或文件夹）；不改动个人资料",
        "subscribe this PC to a team pack (url or folder); the profile is not touched",
    ),
    "cli.help.subscribe.target": ("团队短语包的网址或共享文件夹", "the team pack's address or shared folder"),
    "cli.help.subscribe.name": ("通知里怎么称呼这个来源", "what notifications call this source"),
    "cli.help.subscribe.no_sync": ("只写入订阅条目；现在不获取", "only write the entry; do not fetch now"),
    "cli.help.subscribe.timeout": ("第一次获取的超时秒数", "seconds allowed for the first fetch"),
    "cli.help.subscribe.list": (
        "列出订阅、状态和上次同步时间",
        "list subscriptions with status and last sync",
    ),
    "cli.help.unsubscribe": (
        "取消一个订阅（按网址、文件夹或名字）",
        "remove a subscription (by url, folder or name)",
    ),
    "cli.help.unsubscribe.target": (
        "要取消的订阅的网址、文件夹或名字",
        "the subscription's address, folder or name",
    ),
    "cli.help.usage": (
        "每条短语和每个分类的使用次数、字数和节省的时间",
        "picks, characters and time saved per phrase and category",
    ),
    "cli.help.usage.since": (
        "只统计 DATE 当天及以后的使用（2024-05-01）",
        "only picks on or after DATE (2024-05-01)",
    ),
    "cli.help.usage.json": ("输出 JSON 格式的统计", "print the figures as JSON"),
    "cli.help.usage.csv": ("输出 CSV 格式的统计", "print the figures as CSV"),
    "cli.help.usage.kpm": ("打字速度，每分钟按键数", "typing speed, keys per minute"),
    "cli.help.usage.limit": ("列出几条短语（默认 20）", "phrases listed (default 20)"),
    "cli.help.usage.team": (
        "汇总 DIR 文件夹里或团队服务器 URL 上各客服的使用汇总",
        "aggregate the agents' summaries in DIR or on the team server URL",
    ),
    "cli.help.usage.output": (
        "配合 --team（默认 DIR/usage-report.html，URL 时为 ./usage-report.html）",
        "with --team (default DIR/usage-report.html, or ./usage-report.html for a URL)",
    ),
    "cli.help.usage.timeout": ("配合 --team URL：每个请求的超时秒数", "with --team URL: seconds per request"),
    "cli.help.usage.lang": ("团队报告的语言（默认 zh_CN）", "language of the team report (default zh_CN)"),
    "cli.help.server": (
        "保存各客服使用汇总的团队服务器",
        "a team server that stores the agents' usage summaries",
    ),
    "cli.help.server.folder": ("汇总存放的文件夹", "where the summaries are kept"),
    "cli.help.server.port": ("端口（默认 %(default)s）", "port (default %(default)s)"),
    "cli.help.server.bind": ("监听的地址（默认：全部）", "address to listen on (default: all)"),
}
