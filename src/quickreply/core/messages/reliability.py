"""Messages for inputs that could stop the app or lose an edit: what went wrong, what still works."""

MESSAGES: dict[str, tuple[str, str]] = {
    "reliability.sync_unexpected": (
        "同步时出现意外错误（{detail}）；其他来源照常同步，请把这条消息告诉主管",
        "an unexpected error stopped this source ({detail}); the other sources still synced — "
        "tell the team lead",
    ),
    "reliability.cli_crash": (
        "quickreply：内部错误（{detail}）；请报告这个问题。设置环境变量 QUICKREPLY_DEBUG=1 可查看详细信息",
        "quickreply: internal error ({detail}); please report it. Set QUICKREPLY_DEBUG=1 to see the details",
    ),
    "reliability.save_failed": (
        "“我的短语”没有保存：无法写入 {path}（{reason}）。修改仍在编辑器里，没有丢失；可以先“另存为…”到别处"
        "（如桌面或 U 盘），腾出磁盘空间或取得写入权限后再保存。",
        "Your phrases were not saved: cannot write {path} ({reason}). Your edits are still in the editor; "
        "use “Save elsewhere…” to keep a copy (e.g. on the desktop), then free disk space or fix the "
        "permissions and save again.",
    ),
    "reliability.library_busy": (
        "“我的短语”正被另一个程序保存（{path}），等了 {seconds:g} 秒仍未结束；请稍后再保存",
        "Another program is saving your phrases ({path}) and did not finish within {seconds:g} s; "
        "save again in a moment",
    ),
    "reliability.bad_file_name": (
        "文件名“{name}”不能用（Windows 保留名，或含有不允许的字符）；请换一个名字",
        "The file name “{name}” cannot be used (a Windows reserved name, or a character files may not "
        "hold); pick another name",
    ),
    "reliability.save_elsewhere": ("另存为…", "Save elsewhere…"),
    "reliability.save_elsewhere_title": ("把“我的短语”另存到", "Save a copy of your phrases to"),
    "reliability.saved_elsewhere": (
        "已另存到 {path}。“我的短语”本身还没有保存，修改仍在编辑器里",
        "A copy was saved to {path}. Your library itself is not saved yet; the edits stay in the editor",
    ),
    "reliability.not_saved_title": ("无法保存", "Not saved"),
    "reliability.unsaved_rescue": (
        "退出时“我的短语”无法保存；未保存的修改已另存到 {path}",
        "Your phrases could not be saved at quit; the unsaved edits were written to {path}",
    ),
    "reliability.held_back": (
        "新版本删掉了 {old} 条短语中的 {removed} 条（剩 {new} 条），版本号却没变（{version}），"
        "像是文件没传完整，所以暂不采用；如果确实要删，请在 [pack] 里把 version 改大再发布",
        "the new version removes {removed} of {old} phrases ({new} left) without a new version ({version}), "
        "which looks like a cut-off copy, so it was held back; if the removal is meant, raise version in "
        "[pack] and publish again",
    ),
    "reliability.held_back_empty": (
        "新版本一条短语也没有（上一版有 {old} 条），像是文件没传完整，所以暂不采用；"
        "不再需要这个来源的话，请删除这条订阅",
        "the new version holds no phrases (the last one had {old}), which looks like a cut-off copy, so it "
        "was held back; to stop using this source, remove the subscription",
    ),
    "reliability.folder_file_name": (
        "文件名“{name}”在 Windows 上不能用（保留名或含有不允许的字符），未读取；请主管改个名字",
        "the file name “{name}” cannot be used on Windows (a reserved name or a forbidden character) and "
        "was not read; ask the team lead to rename it",
    ),
}
