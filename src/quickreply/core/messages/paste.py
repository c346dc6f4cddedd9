"""What a paste came to (core/paste/outcome.py): one code per PasteResult, and the restore note."""

MESSAGES: dict[str, tuple[str, str]] = {
    "paste.pasted": (
        "已粘贴",
        "Pasted",
    ),
    "paste.no_target": (
        "没有找到要粘贴的窗口。文字已复制到剪贴板，请在聊天框中按 Ctrl+V 粘贴。",
        "No window to paste into. The text is on the clipboard: press Ctrl+V in the chat box.",
    ),
    "paste.target_gone": (
        "原来的窗口已关闭或无法激活。文字已复制到剪贴板，请按 Ctrl+V 粘贴。",
        "The window was closed or cannot be activated. The text is on the clipboard: press Ctrl+V.",
    ),
    "paste.focus_lost": (
        "焦点被其他窗口占用，为避免粘贴到错误窗口已停止。文字已复制到剪贴板，请按 Ctrl+V 粘贴。",
        "Another window took the focus, so nothing was pasted (it could land in the wrong place). "
        "The text is on the clipboard: press Ctrl+V.",
    ),
    "paste.target_elevated": (
        "目标窗口以管理员身份运行，会忽略模拟按键。文字已复制到剪贴板，请按 Ctrl+V 粘贴；"
        "或以管理员身份运行快捷回复。",
        "The window runs as administrator and ignores simulated keys. The text is on the "
        "clipboard: press Ctrl+V, or run QuickReply as administrator too.",
    ),
    "paste.modifiers_held": (
        "Ctrl/Alt/Shift/Win 键一直未松开，未发送粘贴键。文字已复制到剪贴板，请按 Ctrl+V 粘贴。",
        "Ctrl/Alt/Shift/Win stayed pressed, so no paste key was sent. The text is on the "
        "clipboard: press Ctrl+V.",
    ),
    "paste.clipboard_failed": (
        "无法使用剪贴板，未能粘贴。",
        "The clipboard could not be used; nothing was pasted.",
    ),
    "paste.keys_failed": (
        "无法发送按键，文字可能未粘贴。",
        "Keys could not be sent; the text may not have been pasted.",
    ),
    "paste.not_restored": ("剪贴板原有内容未能恢复。", "Your previous clipboard could not be restored."),
}
