"""The GUI's own strings: the popup and its fill-in form (gui/popup/).

Codes are `ui.popup.<what>`, rendered by `gui/i18n.t`.
"""

MESSAGES: dict[str, tuple[str, str]] = {
    "ui.popup.and_more": ("……还有 {n_shown} 处", "... and {n_shown} more"),
    "ui.popup.don_t_send": ("不发送", "Don't send"),
    "ui.popup.enter_paste_ctrl_enter_paste": (
        "Enter 粘贴 · Ctrl+Enter 粘贴并发送 · Tab 下一项 · Esc 返回列表",
        "Enter paste · Ctrl+Enter paste & send · Tab next field · Esc back to list",
    ),
    "ui.popup.enter_paste_ctrl_enter_paste_2": (
        "Enter 粘贴 · Ctrl+Enter 粘贴并发送 · → 看全文 · Alt+1–9 选择 · Ctrl+D 置顶 · Esc 关闭",
        "Enter paste · Ctrl+Enter paste & send · → full text · Alt+1–9 pick · Ctrl+D pin · Esc close",
    ),
    "ui.popup.frequent": ("常用", "Frequent"),
    "ui.popup.no_phrases_loaded_yet_put": (
        "还没有加载任何短语。\n把短语包放进短语包文件夹后重新加载。",
        "No phrases loaded yet.\nPut packs in the packs folder and reload.",
    ),
    "ui.popup.nothing_found_for_try_pinyin": (
        "没有找到“{query}”\n试试拼音首字母（如 thh）或快捷编码",
        "Nothing found for “{query}”\nTry pinyin initials (e.g. thh) or a shortcut code",
    ),
    "ui.popup.platform_rule": ("平台规则提醒", "Platform rule"),
    "ui.popup.please_fill_in": ("请填写「{label}」", "Please fill in “{label}”"),
    "ui.popup.preview": ("预览", "Preview"),
    "ui.popup.recent": ("最近", "Recently used"),
    "ui.popup.related": ("相关", "Related"),
    "ui.popup.search_chinese_pinyin_initials_or": (
        "搜索：中文、拼音、首字母或编码",
        "Search: Chinese, pinyin, initials or code",
    ),
    "ui.popup.send_anyway": ("仍然发送", "Send anyway"),
    "ui.popup.send_it_anyway_asked_once": (
        "仍要发送吗？（这条话术本次运行只问一次；设置 [paste] check_rules = false 可关闭提醒）",
        "Send it anyway? (asked once per text while the app runs; [paste] check_rules = false turns it off)",
    ),
    "ui.popup.set_it_in_settings_to": (
        "在设置中填写可自动填充",
        "Set it in Settings to fill it in automatically",
    ),
    "ui.popup.text": ("：", ":"),
    "ui.popup.this_text_may_break_a": (
        "这条话术可能违反平台规则，发给买家可能被扣分：",
        "This text may break a platform rule; sending it can cost points:",
    ),
    "ui.popup.type_or_press_to_choose": ("输入，或按 ↓ 选择", "type, or press ↓ to choose"),
}
