"""Messages about team packs: subscribing, unsubscribing, what the agent is told about syncs."""

MESSAGES: dict[str, tuple[str, str]] = {
    "team.target_empty": (
        "请给出团队短语的网址（http://…）或文件夹路径",
        "give the team pack's address (http://…) or a folder path",
    ),
    "team.bad_url": ("网址 {url} 不能使用：{detail}", "the address {url} cannot be used: {detail}"),
    "team.settings_unreadable": (
        "无法读取 {path}（{detail}）；没有做任何修改",
        "cannot read {path} ({detail}); nothing was changed",
    ),
    "team.settings_not_utf8": (
        "{path} 不是 UTF-8 编码；请另存为 UTF-8 后再试，没有做任何修改",
        "{path} is not UTF-8; re-save it as UTF-8 and try again; nothing was changed",
    ),
    "team.settings_not_toml": (
        "{path} 不是有效的 TOML（{detail}）；请先修正，没有做任何修改",
        "{path} is not valid TOML ({detail}); fix it first; nothing was changed",
    ),
    "team.settings_unwritable": (
        "无法写入 {path}（{detail}）；设置保持原样",
        "cannot write {path} ({detail}); the settings are as they were",
    ),
    "team.cannot_edit": (
        "{path} 中的 [[subscriptions]] 写法特殊，无法自动修改；请在文本编辑器里删除那一项",
        "the [[subscriptions]] entries of {path} are written in a way this command cannot edit; "
        "remove the entry in a text editor",
    ),
    "team.already": (
        "已经订阅了 {location}，无需重复添加",
        "{location} is already subscribed; nothing to add",
    ),
    "team.subscribed": (
        "已订阅 {location}（写入 {path}，个人资料和其他设置未改动）",
        "subscribed to {location} (written to {path}; the profile and other settings are untouched)",
    ),
    "team.not_subscribed": (
        "没有找到与“{which}”相符的订阅；用 quickreply subscribe --list 查看现有订阅",
        "no subscription matches '{which}'; see them with: quickreply subscribe --list",
    ),
    "team.unsubscribed": (
        "已取消 {count} 个订阅（{which}）；其离线副本不再加载",
        "removed {count} subscription(s) ({which}); their offline copies are no longer loaded",
    ),
    "team.no_subscriptions": ("还没有订阅团队短语", "no team packs are subscribed"),
    "team.test_ok": (
        "可以使用：{count} 条短语，版本 {version}",
        "works: {count} phrases, version {version}",
    ),
    "team.test_failed": ("无法使用：{detail}", "does not work: {detail}"),
    # What the agent sees when a sync fails: one calm line; the details go to the log and `quickreply sync`.
    "team.still_in_use": (
        "团队短语暂时无法更新，正在使用 {when} 的团队副本",
        "Team phrases could not be updated just now; the team copy from {when} is still in use",
    ),
    "team.not_yet": (
        "团队短语暂时还取不到，请稍后再试或告诉主管",
        "Team phrases cannot be fetched yet; try again later or tell the team lead",
    ),
    "team.status_ok": ("正常", "working"),
    "team.status_failed": ("更新失败（仍用上次的副本）", "update failed (last copy in use)"),
    "team.status_never": ("尚未同步", "not synced yet"),
}
