"""Why a combo cannot be a hotkey (core/hotkeys.py: parse errors and clashes with the IME or the system), why
one could not be registered (platform/x11, platform/windows, app/hotkey_bridge), and why hotkeys and pasting
are limited on this desktop (platform/backend.py)."""

MESSAGES: dict[str, tuple[str, str]] = {
    # -- a combo that cannot be parsed -------------------------------------------------------------------
    "hotkey.empty": (
        "快捷键为空：请按下一个组合键，例如 Ctrl+Alt+Space",
        "empty hotkey: press a combo such as Ctrl+Alt+Space",
    ),
    "hotkey.empty_part": (
        "“{combo}”有空的部分：“+”用来连接按键，不能作为按键本身（可改用 = 键）",
        "'{combo}' has an empty part: '+' joins keys and cannot be a key itself (use '=' instead)",
    ),
    "hotkey.not_a_key": (
        "“{combo}”中的“{token}”不是可用的按键"
        "（可用：字母、数字、F1–F24、Space、Enter、Tab、Insert、Home 等）",
        "'{token}' in '{combo}' is not a key we know (use letters, digits, F1-F24, Space, Enter, Tab, "
        "Insert, Home, ...)",
    ),
    "hotkey.only_modifiers": (
        "“{combo}”只有修饰键：还需要一个普通按键，例如 Ctrl+Alt+Space",
        "'{combo}' has only modifier keys: add one more key, e.g. Ctrl+Alt+Space",
    ),
    "hotkey.many_keys": (
        "“{combo}”包含多个普通按键（{keys}）：只能有一个，其余须为 Ctrl/Alt/Shift/Win",
        "'{combo}' has more than one key ({keys}): use one key plus Ctrl/Alt/Shift/Win",
    ),
    # -- a combo that clashes with the input method, the system or typing ---------------------------------
    "hotkey.clash.ctrl_space": (
        "Ctrl+Space 用于开关中文输入法",
        "Ctrl+Space turns the Chinese input method on and off",
    ),
    "hotkey.clash.shift_space": (
        "Shift+Space 是输入法的全角/半角切换键",
        "Shift+Space is the IME full/half-width switch",
    ),
    "hotkey.clash.ctrl_period": ("Ctrl+. 是输入法的中英文标点切换键", "Ctrl+. is the IME punctuation switch"),
    "hotkey.clash.win_space": ("Win+Space 用于切换输入法", "Win+Space switches the input method"),
    "hotkey.clash.alt_space": ("Alt+Space 会打开窗口菜单", "Alt+Space opens the window menu"),
    "hotkey.clash.alt_tab": ("Alt+Tab 用于切换窗口", "Alt+Tab switches windows"),
    "hotkey.clash.alt_shift_tab": ("Alt+Shift+Tab 用于切换窗口", "Alt+Shift+Tab switches windows"),
    "hotkey.clash.alt_escape": ("Alt+Esc 用于切换窗口", "Alt+Esc switches windows"),
    "hotkey.clash.alt_f4": ("Alt+F4 会关闭窗口", "Alt+F4 closes the window"),
    "hotkey.clash.ctrl_escape": ("Ctrl+Esc 会打开开始菜单", "Ctrl+Esc opens the Start menu"),
    "hotkey.clash.ctrl_alt_delete": ("Ctrl+Alt+Del 由系统保留", "Ctrl+Alt+Del is reserved by the system"),
    "hotkey.clash.win_l": ("Win+L 会锁定电脑", "Win+L locks the computer"),
    "hotkey.clash.win_d": ("Win+D 会显示桌面", "Win+D shows the desktop"),
    "hotkey.clash.ctrl_enter": (
        "Ctrl+Enter 在聊天软件中用于发送或换行",
        "Ctrl+Enter sends or breaks lines in chat apps",
    ),
    "hotkey.clash.shift_enter": ("Shift+Enter 在聊天软件中用于换行", "Shift+Enter breaks lines in chat apps"),
    "hotkey.clash.ctrl_c": ("Ctrl+C 是复制", "Ctrl+C is copy"),
    "hotkey.clash.ctrl_v": ("Ctrl+V 是粘贴", "Ctrl+V is paste"),
    "hotkey.clash.ctrl_x": ("Ctrl+X 是剪切", "Ctrl+X is cut"),
    "hotkey.clash.ctrl_z": ("Ctrl+Z 是撤销", "Ctrl+Z is undo"),
    "hotkey.clash.ctrl_a": ("Ctrl+A 是全选", "Ctrl+A is select all"),
    "hotkey.clash.ctrl_y": ("Ctrl+Y 是重做", "Ctrl+Y is redo"),
    "hotkey.clash.ctrl_shift_v": ("Ctrl+Shift+V 是终端的粘贴键", "Ctrl+Shift+V is the terminal paste key"),
    "hotkey.clash.shift_insert": ("Shift+Insert 是粘贴键", "Shift+Insert is a paste key"),
    "hotkey.clash.shift": ("单独的 Shift 用于切换中/英文输入", "Shift alone switches Chinese/English input"),
    "hotkey.clash.ctrl": ("单独的 Ctrl 不能作为快捷键", "Ctrl alone cannot be a hotkey"),
    "hotkey.clash.ctrl_shift": ("Ctrl+Shift 用于切换输入法", "Ctrl+Shift switches the input method"),
    "hotkey.clash.alt_shift": ("Alt+Shift 用于切换输入语言", "Alt+Shift switches the input language"),
    "hotkey.eats_typing": (
        "“{combo}”没有 Ctrl/Alt/Win 修饰键，打字时会被吞掉；请加上 Ctrl 或 Alt（单独的 F1–F24 可以）",
        "'{combo}' has no Ctrl/Alt/Win: it would swallow normal typing; add Ctrl or Alt (F1-F24 alone are "
        "fine)",
    ),
    # -- a combo that could not be registered ------------------------------------------------------------
    "hotkey.taken": ("已被其他程序占用，请换一个组合键", "taken by another program; choose another combo"),
    "hotkey.ours": ("已在快捷回复中用于其他功能", "already registered by QuickReply for another action"),
    "hotkey.same_as": ("与“{owner}”的组合键相同", "same combo as '{owner}'"),
    "hotkey.not_on_layout": ("当前键盘布局中没有“{key}”键", "the key '{key}' is not on this keyboard layout"),
    "hotkey.thread_stopped": ("快捷键线程已停止", "the hotkey thread has stopped"),
    "hotkey.windows_refused": ("Windows 拒绝注册：{detail}", "Windows refused it: {detail}"),
    # -- hotkeys and pasting limited on this desktop (platform/backend.py) --------------------------------
    "backend.xwayland": (
        "当前是 Wayland 会话：快捷键和自动粘贴只对 X11（XWayland）程序有效。"
        "若聊天软件收不到文字，请改用 X11 会话。",
        "This is a Wayland session: hotkeys and pasting only reach X11 (XWayland) programs. If the chat app "
        "gets no text, log in to an X11 session.",
    ),
    "backend.wayland": (
        "Wayland 会话不允许程序注册全局快捷键或模拟按键。请使用托盘菜单（文字会复制到剪贴板），"
        "或在登录界面选择 X11（Xorg）会话。",
        "Wayland does not let programs register global hotkeys or send keys. Use the tray menu (the text "
        "goes to the clipboard), or choose an X11 (Xorg) session at login.",
    ),
    "backend.no_display": (
        "没有图形显示（DISPLAY 未设置）：全局快捷键不可用，请使用托盘菜单。",
        "No graphical display (DISPLAY is not set): global hotkeys are off; use the tray menu.",
    ),
    "backend.unsupported_os": (
        "此系统不支持全局快捷键和自动粘贴（需要 Windows 或 Linux X11）。请使用托盘菜单，文字会复制到剪贴板。",
        "Global hotkeys and pasting need Windows or Linux with X11. Use the tray menu: the text goes to the "
        "clipboard.",
    ),
    "backend.failed": (
        "无法启用全局快捷键和自动粘贴（{detail}）。请使用托盘菜单，文字会复制到剪贴板。",
        "Global hotkeys and pasting could not start ({detail}). Use the tray menu: the text goes to the "
        "clipboard.",
    ),
}
