"""The GUI's own strings: shared widgets (gui/*.py).

Codes are `ui.common.<what>`, rendered by `gui/i18n.t`.
"""

MESSAGES: dict[str, tuple[str, str]] = {
    "ui.common.added": ("新增", "Added"),
    "ui.common.changed": ("修改", "Changed"),
    "ui.common.click_here_then_press_the": ("点击此处后按下快捷键", "Click here, then press the keys"),
    "ui.common.clipboard_text": ("剪贴板内容", "Clipboard text"),
    "ui.common.date": ("日期", "Date"),
    "ui.common.done": ("{t} 已完成", "{t} done"),
    "ui.common.got_it": ("知道了", "Got it"),
    "ui.common.next": ("下一步：", "next: "),
    "ui.common.no_team_pack_updates_lately": ("最近没有团队短语更新。", "No team pack updates lately."),
    "ui.common.press_backspace_to_clear": ("按 Backspace 清除", "Press Backspace to clear"),
    "ui.common.removed": ("已删除", "Removed"),
    "ui.common.shop_name": ("店铺名称", "Shop name"),
    "ui.common.time": ("时间", "Time"),
    "ui.common.weekday": ("星期", "Weekday"),
    "ui.common.what_the_team_pack_update": ("团队短语更新了什么", "What the team pack update changed"),
    "ui.common.your_nickname": ("客服昵称", "Agent nickname"),
}
