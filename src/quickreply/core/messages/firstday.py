"""The first day with the app: the welcome dialog, saving typed values to the profile, the phrase preview,
talk scripts in the popup, the clipboard kept after quitting, starting without a display."""

MESSAGES: dict[str, tuple[str, str]] = {
    "firstday.welcome_title": ("欢迎使用快捷回复", "Welcome to QuickReply"),
    "firstday.welcome_intro": (
        "在聊天窗口按 {hotkey} 搜索并粘贴短语。\n先填写店铺名称和客服昵称，"
        "短语里的 {{shop}} 和 {{agent}} 会自动填入（以后可在托盘菜单“设置…”中修改）。",
        "Press {hotkey} in a chat window to search and paste a phrase.\nEnter your shop name and nickname "
        "first: {{shop}} and {{agent}} in phrases are filled with them (change them later in the tray menu's "
        "Settings…).",
    ),
    "firstday.shop": ("店铺名称", "Shop name"),
    "firstday.agent": ("客服昵称", "Agent nickname"),
    "firstday.save": ("保存", "Save"),
    "firstday.skip": ("以后再说", "Later"),
    "firstday.save_to_profile": (
        "保存到我的资料（下次自动填入）",
        "Save to my profile (filled in next time)",
    ),
    "firstday.profile_saved": ("已保存到我的资料：{names}", "Saved to your profile: {names}"),
    "firstday.example": ("例如：{example}", "e.g. {example}"),
    "firstday.example_or_choose": ("例如：{example}，或按 ↓ 选择", "e.g. {example}, or press ↓ to choose"),
    "firstday.script_row": ("话术 · {steps} 步", "Talk script · {steps} steps"),
    "firstday.no_display": (
        "quickreply：托盘程序需要 X11 图形界面，但没有设置 DISPLAY。请在桌面会话中启动它"
        "（或先设置 DISPLAY=:0）；命令行子命令不需要图形界面：quickreply --help",
        "quickreply: the tray app needs an X11 display, but DISPLAY is not set. Start it from a desktop "
        "session (or set DISPLAY=:0 first); the subcommands work without one: quickreply --help",
    ),
}
