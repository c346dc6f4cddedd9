"""The GUI's own strings: the tray icon and menu (gui/tray/).

Codes are `ui.tray.<what>`, rendered by `gui/i18n.t`.
"""

MESSAGES: dict[str, tuple[str, str]] = {
    "ui.tray.about": ("关于", "About"),
    "ui.tray.about_quickreply": ("关于快捷回复", "About QuickReply"),
    "ui.tray.cannot_create_folder": ("无法创建文件夹", "Cannot create folder"),
    "ui.tray.cannot_open_folder": ("无法打开文件夹", "Cannot open folder"),
    "ui.tray.edit_my_phrases": ("编辑我的短语…", "Edit my phrases…"),
    "ui.tray.hotkeys_paused": ("快捷键已暂停", "hotkeys paused"),
    "ui.tray.hotkeys_unavailable": ("快捷键不可用：", "Hotkeys unavailable: "),
    "ui.tray.hotkeys_unavailable_2": ("快捷键不可用：", "Hotkeys unavailable: "),
    "ui.tray.import_phrases": ("导入短语…", "Import phrases…"),
    "ui.tray.menu": ("菜单", "Menu"),
    "ui.tray.more_use_search": ("还有 {n} 条，请用搜索", "{n} more: use search"),
    "ui.tray.no_phrases_check_your_packs": ("（没有短语：请检查短语包）", "(no phrases: check your packs)"),
    "ui.tray.no_talk_scripts": ("（没有话术流程）", "(no talk scripts)"),
    "ui.tray.nothing_used_yet": ("（还没有用过短语）", "(nothing used yet)"),
    "ui.tray.open_it_by_hand": ("请手动打开：", "Open it by hand: "),
    "ui.tray.open_packs_folder": ("打开短语包文件夹", "Open packs folder"),
    "ui.tray.pause_hotkeys": ("暂停快捷键", "Pause hotkeys"),
    "ui.tray.press_to_search": ("按 {k} 搜索短语", "press {k} to search"),
    "ui.tray.quickreply": ("快捷回复", "QuickReply"),
    "ui.tray.quickreply_quick_phrases_and_talk": (
        "快捷回复 {v}\n客服快捷短语与话术流程：按快捷键搜索短语，回车即粘贴到聊天窗口。\n短语包文件夹：{d}",
        "QuickReply {v}\nQuick phrases and talk scripts for customer service: press the "
        "hotkey, search, Enter pastes into the chat.\nPacks folder: {d}",
    ),
    "ui.tray.quit": ("退出", "Quit"),
    "ui.tray.recent": ("最近使用", "Recent"),
    "ui.tray.reload": ("重新加载", "Reload"),
    "ui.tray.settings": ("设置…", "Settings…"),
    "ui.tray.start_on_login": ("开机自动启动", "Start on login"),
    "ui.tray.steps": ("步", "steps"),
    "ui.tray.stop_script": ("停止话术", "Stop script"),
    "ui.tray.sync_team_packs_now": ("立即同步团队短语", "Sync team packs now"),
    "ui.tray.talk_scripts": ("话术流程", "Talk scripts"),
    "ui.tray.uncategorised": ("未分类", "Uncategorised"),
    "ui.tray.what_changed_in_team_packs": ("团队短语更新了什么…", "What changed in team packs…"),
}
