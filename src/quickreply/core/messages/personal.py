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
}
