"""The GUI's words that come in tables: layer names, form field names, import formats and merge choices,
the popup's team-change badges, the team tab's columns, paste methods and delays. Each table in gui/ maps
its keys to these codes (`ui.<table>.<key>`), rendered by `gui/i18n.t` like every other GUI string."""

MESSAGES: dict[str, tuple[str, str]] = {
    # the editor's layer badges (gui/editor/badges.py)
    "ui.layer.bundled": ("内置", "Built-in"),
    "ui.layer.team": ("团队", "Team"),
    "ui.layer.local": ("本地", "Local"),
    "ui.layer.personal": ("个人", "Mine"),
    # the problems panel names a finding's field (gui/editor/problems_panel.py)
    "ui.field.title": ("标题", "title"),
    "ui.field.code": ("编码", "code"),
    "ui.field.category": ("分类", "category"),
    "ui.field.tags": ("标签", "tags"),
    "ui.field.text": ("正文", "text"),
    "ui.field.hotkey": ("快捷键", "hotkey"),
    "ui.field.steps": ("步骤", "steps"),
    # the import dialog's formats and merge choices (gui/editor/import_dialog.py)
    "ui.format.qianniu": ("千牛快捷短语 CSV", "Qianniu CSV"),
    "ui.format.xlsx": ("Excel 表格 (.xlsx)", "Excel (.xlsx)"),
    "ui.format.espanso": ("espanso (YAML 文件或文件夹)", "espanso (YAML file or folder)"),
    "ui.format.beeftext": ("Beeftext", "Beeftext"),
    "ui.format.autohotkey": ("AutoHotkey 热字串 (.ahk)", "AutoHotkey hotstrings (.ahk)"),
    "ui.format.markdown": ("Markdown 话术 (.md)", "Markdown scripts (.md)"),
    "ui.format.textexpander": ("TextExpander", "TextExpander"),
    "ui.format.text": ("纯文本", "Plain text"),
    "ui.policy.skip": ("跳过（保留我的）", "Skip (keep mine)"),
    "ui.policy.replace": ("替换（用导入的）", "Replace (use the imported one)"),
    "ui.policy.keep_both": ("两者都保留", "Keep both"),
    # a team phrase added or changed in the last few days (gui/popup/result_list.py)
    "ui.mark.new": ("新", "New"),
    "ui.mark.changed": ("改", "Changed"),
    # the settings dialog's team tab columns (gui/settings/team.py)
    "ui.team_column.name": ("名称", "Name"),
    "ui.team_column.address": ("地址", "Address"),
    "ui.team_column.status": ("状态", "Status"),
    "ui.team_column.last_sync": ("上次同步", "Last sync"),
    "ui.team_column.version": ("版本", "Version"),
    # paste methods and delays (gui/settings/paste.py)
    "ui.paste_method.ctrl+v": ("Ctrl+V（默认）", "Ctrl+V (default)"),
    "ui.paste_method.shift+insert": ("Shift+Insert", "Shift+Insert"),
    "ui.paste_method.ctrl+shift+v": ("Ctrl+Shift+V（终端）", "Ctrl+Shift+V (terminals)"),
    "ui.paste_method.type": ("逐字输入（仅单行）", "Type the text (single line only)"),
    "ui.paste_delay.focus_delay_ms": ("切回窗口后等待", "Wait after refocus"),
    "ui.paste_delay.modifier_wait_ms": ("等待松开按键最长", "Wait for keys released, at most"),
    "ui.paste_delay.restore_delay_ms": ("恢复剪贴板前等待", "Wait before restoring clipboard"),
    "ui.paste_delay_help.focus_delay_ms": (
        "把焦点交还聊天窗口后、按粘贴键前的等待。粘贴落到别的窗口时调大。",
        "After giving focus back to the chat, before the paste keys. Raise it if text lands elsewhere.",
    ),
    "ui.paste_delay_help.modifier_wait_ms": (
        "等快捷键的 Ctrl/Alt 松开再粘贴，避免变成 Ctrl+Alt+V；最多等这么久。",
        "Waits until the hotkey's Ctrl/Alt are released, so the paste is not Ctrl+Alt+V; at most this long.",
    ),
    "ui.paste_delay_help.restore_delay_ms": (
        "粘贴后过多久把原来的剪贴板内容放回。太短时对方会粘贴出旧内容。",
        "How long after the paste your own clipboard comes back. Too short and the chat pastes the old "
        "content.",
    ),
    # Said in both languages at once whatever the UI language: without a Chinese font the Chinese shows as
    # boxes (app/problem_notices.py).
    "ui.app.no_chinese_font": ("No Chinese font / 没有中文字体", "No Chinese font / 没有中文字体"),
    "ui.app.no_chinese_font_detail": (
        "Chinese text will show as empty boxes. Install a Chinese font, e.g. on Debian/Ubuntu: "
        "sudo apt install fonts-wqy-microhei (or fonts-noto-cjk); Windows ships Microsoft YaHei.",
        "Chinese text will show as empty boxes. Install a Chinese font, e.g. on Debian/Ubuntu: "
        "sudo apt install fonts-wqy-microhei (or fonts-noto-cjk); Windows ships Microsoft YaHei.",
    ),
}
