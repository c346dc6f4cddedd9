"""Why a team-pack source could not be synced (core/sync: fetch.py, run.py), said with which copy is still
used. `what` is a nested message: the failure itself; `where` names the source (and file)."""

MESSAGES: dict[str, tuple[str, str]] = {
    # -- over HTTP ------------------------------------------------------------------------------------
    "sync.redirect": (
        "服务器跳转到 {url}；只接受 http:// 和 https:// 地址",
        "the server redirected to {url}; only http:// and https:// are followed",
    ),
    "sync.http_404": (
        "服务器上没有这个文件（{status}）；请向主管核对地址",
        "the server has no file at this address ({status}); check the url with the team lead",
    ),
    "sync.http_denied": ("服务器拒绝访问（{status}）", "the server refused access ({status})"),
    "sync.http_server": (
        "服务器出错（{status}）；稍后再试，或告诉主管",
        "the server failed ({status}); it may be busy — try again later or tell the team lead",
    ),
    "sync.http_other": ("服务器返回 {status}", "the server answered {status}"),
    "sync.timeout": (
        "{host} 在 {seconds} 秒内没有响应（服务器停机或繁忙，或网络不通）",
        "no answer from {host} within {seconds} s (server down or overloaded, or no network)",
    ),
    "sync.refused": (
        "无法连接 {host}（连接被拒绝）：服务器没有运行，或地址有误",
        "connection refused by {host}: the server is not running or the address is wrong",
    ),
    "sync.unknown_host": (
        "找不到服务器 '{host}'（网络不通，或地址拼错）",
        "unknown server name '{host}' (no network, or a typo in the url)",
    ),
    "sync.untrusted": (
        "{host} 的证书不受信任（{detail}）",
        "the certificate of {host} is not trusted ({detail})",
    ),
    "sync.broken_off": (
        "与 {host} 的连接中断（{detail}）；请稍后再试",
        "the connection to {host} broke off ({detail}); try again later",
    ),
    "sync.unreachable": ("无法访问 {host}：{detail}", "cannot reach {host}: {detail}"),
    "sync.too_big": (
        "文件超过 {size} MB；上限是 {limit} MB",
        "the file is over {size} MB; the limit is {limit} MB",
    ),
    "sync.download_slow": (
        "从 {host} 下载超过 {seconds} 秒",
        "the download from {host} took longer than {seconds} s",
    ),
    "sync.cut_off": (
        "从 {host} 下载被中断（收到 {size:,} / {length:,} 字节）；请稍后再试",
        "the download from {host} was cut off ({size:,} of {length:,} bytes); try again later",
    ),
    "sync.plain_304": (
        "服务器对普通请求返回了 304 Not Modified",
        "the server answered 304 Not Modified to a plain request",
    ),
    "sync.bad_address": (
        "地址无法使用（{detail}）；请向主管核对地址",
        "the address cannot be used ({detail}); check the url with the team lead",
    ),
    # -- from a folder --------------------------------------------------------------------------------
    "sync.what.file": ("文件", "the file"),
    "sync.what.folder": ("文件夹", "the folder"),
    "sync.missing": (
        "{what}不存在或无法访问（共享文件夹离线？）",
        "{what} does not exist or cannot be reached (network share offline?)",
    ),
    "sync.unreadable": ("无法读取{what}：{reason}", "cannot read {what}: {reason}"),
    "sync.folder_empty": (
        "文件夹里没有 .toml 短语包（不再使用这个来源的话，请删除这条订阅）",
        "the folder holds no .toml packs (to stop using this source, remove the subscription)",
    ),
    "sync.still_writing": ("文件仍在写入", "the file is still being written"),
    # -- what came back -------------------------------------------------------------------------------
    "sync.web_page": (
        "返回的是网页而不是短语包（代理登录页，或地址有误？）",
        "a web page came back instead of a pack (a proxy login page, or the wrong address?)",
    ),
    "sync.invalid": (
        "新版本有错误，未采用：{where}: {severity}: {item}{first}{more}",
        "the new version has errors and was not taken: {where}: {severity}: {item}{first}{more}",
    ),
    "sync.invalid_unusable": (
        "新版本无法使用，未采用",
        "the new version has errors and was not taken: the file could not be used",
    ),
    "sync.more_errors": ("（另有 {count} 个错误）", " (and {count} more errors)"),
    "sync.cannot_save_copy": (
        "无法保存离线副本到 {folder}：{reason}",
        "cannot save the offline copy in {folder}: {reason}",
    ),
    "sync.cannot_save_state": (
        "{source}：无法把同步状态保存到 {folder}：{reason}",
        "{source}: cannot save the sync state in {folder}: {reason}",
    ),
    # -- the whole sentence ---------------------------------------------------------------------------
    "sync.where": ("团队短语来源 {source}", "{source}"),
    "sync.where_file": ("团队短语来源 {source} 的 {file}", "{source} {file}"),
    "sync.failed_with_copy": (
        "{where}：{what}；仍在使用上次的有效副本（{when} 时为最新）",
        "{where}: {what}; the last good copy (current as of {when}) is still used",
    ),
    "sync.failed_no_copy": (
        "{where}：{what}；还没有取到有效副本，这些短语暂不可用",
        "{where}: {what}; no good copy has been fetched yet, so these phrases are not available",
    ),
    "sync.failed_source": ("{source}：{what}", "{source}: {what}"),
    # -- what changed (core/sync/report.py): `quickreply sync` and the tray notification -----------------
    "sync.change_added": (
        "{file}：共 {count} 条短语（版本 {version}）",
        "{file}: first copy, {count} phrases (version {version})",
    ),
    "sync.change_removed": (
        "{file}：已从来源删除，其中 {count} 条短语不再可用",
        "{file}: removed from the source, its {count} phrases are gone",
    ),
    "sync.change_updated": ("{file}：{diff}", "{file}: {diff}"),
    "sync.change_layout_only": (
        "{file}：{diff}——只改了排版或注释",
        "{file}: {diff} — only layout or comments changed",
    ),
    "sync.notice_new": ("{source} 首次获取：{change}", "{source}, first copy: {change}"),
    "sync.notice_updated": ("{source} 已更新：{change}", "{source} updated: {change}"),
}
