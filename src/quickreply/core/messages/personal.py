"""The personal library (core/personal.py)."""

MESSAGES: dict[str, tuple[str, str]] = {
    "personal.kept_aside": (
        "“我的短语”文件读不进来，已原样另存为 {kept}（不会被覆盖）",
        "the library could not be read; it was kept as {kept}",
    ),
    "personal.restored_backup": (
        "已换成最近一份能读的备份 {backup}",
        "restored the latest good backup {backup}",
    ),
    "personal.no_backup": (
        "没有能读的备份，先从空的“我的短语”开始",
        "no backup could be loaded; starting with an empty library",
    ),
    "personal.fixable_at_start": (
        "“我的短语”文件里有 {count} 处用中文输入法打错的符号，暂时读不进来：打开托盘菜单“编辑我的短语…”，"
        "点“一键修正并恢复”即可",
        "your library file has {count} symbols typed with the Chinese IME and cannot be read for now: "
        "open “Edit my phrases…” from the tray menu and click “Fix and restore”",
    ),
    "personal.fixable": (
        "“我的短语”文件里有 {count} 处用中文输入法打错的符号，文件已另存为 {kept}，现在显示的是最近的备份。"
        "点下方的“一键修正并恢复”就能找回它（也可以在“从备份恢复…”里选中它）",
        "your library file has {count} symbols typed with the Chinese IME; it was kept as {kept} and the "
        "newest backup is shown. Click “Fix and restore” below to get it back (or pick it in “Restore from "
        "backup…”)",
    ),
    "personal.unreadable_now": (
        "{path} 现在读不了（{reason}）；为了不覆盖它，暂不保存——请重新启动程序",
        "{path} cannot be read ({reason}); not saving over it — restart the app",
    ),
    "personal.cannot_move_aside": (
        "{path} 读不进来，也没能另存到一边（{reason}）；不会覆盖它",
        "{path} could not be read or moved aside ({reason}); not overwriting it",
    ),
    "personal.cannot_write_back": (
        "无法把备份写回 {name}（{reason}）",
        "cannot write {name} back ({reason})",
    ),
    "personal.would_not_load_back": (
        "没有保存：保存后的文件会读不回来（{count} 个问题，第一个在 {item}：{first}）",
        "not saved, the library would not load back ({count} problems; first, {item}: {first})",
    ),
    "personal.whole_pack": ("整个文件", "pack"),
    "personal.backup_unreadable": (
        "{backup}：读不了这份备份（{reason}）",
        "{backup}: cannot read the backup ({reason})",
    ),
    "personal.backup_not_pack": (
        "{backup}：这份备份不是能读的短语包（{first}）；请选另一份",
        "{backup}: not a readable pack ({first}); pick another",
    ),
    "personal.kept_unreadable": ("{kept}：读不了这个文件（{reason}）", "{kept}: cannot read it ({reason})"),
    "personal.nothing_to_fix": (
        "{kept}：这里没有能自动修正的地方（{first}）",
        "{kept}: nothing here can be fixed automatically ({first})",
    ),
    "personal.no_problem_found": ("没有发现问题", "nothing to fix"),
    "personal.still_unreadable": (
        "{kept}：修正后仍然读不进来（{first}）",
        "{kept}: still not readable after the fixes ({first})",
    ),
}
