"""The GUI's own strings: the app's notifications and prompts (app/).

Codes are `ui.app.<what>`, rendered by `gui/i18n.t`.
"""

MESSAGES: dict[str, tuple[str, str]] = {
    "ui.app.cannot_set_start_on_login": ("无法设置开机自动启动", "Cannot set start on login"),
    "ui.app.hotkeys_and_pasting_limited": ("快捷键和自动粘贴受限", "Hotkeys and pasting limited"),
    "ui.app.hotkeys_unavailable": ("快捷键不可用", "Hotkeys unavailable"),
    "ui.app.more_in_the_log": (
        "……另有 {n_problems_shown} 条，见日志",
        "... {n_problems_shown} more in the log",
    ),
    "ui.app.next_step": ("话术下一步", "Next script step"),
    "ui.app.no_talk_script_is_running": (
        "没有正在进行的话术。请在托盘菜单“话术流程”中选择一个开始。",
        "No talk script is running. Start one from the tray menu (Talk scripts).",
    ),
    "ui.app.paste": ("粘贴", "Paste"),
    "ui.app.phrase_is_not_loaded": ("短语 {p} 没有加载", "phrase {p} is not loaded"),
    "ui.app.phrase_not_loaded": ("短语未加载", "Phrase not loaded"),
    "ui.app.phrases": ("共 {n} 条短语", "{n} phrases"),
    "ui.app.press_in_a_chat_window": (
        "在聊天窗口按 {k} 搜索并粘贴短语。右键托盘图标 → 设置… 填写店铺名称和客服昵称。",
        "Press {k} in a chat window to search and paste a phrase. Right-click the tray "
        "icon → Settings… to enter your shop name and nickname.",
    ),
    "ui.app.problems_in_packs": ("短语包有问题", "Problems in packs"),
    "ui.app.problems_in_packs_files_with": (
        "短语包中有 {n} 个问题，有问题的文件已跳过。详见 {log}",
        "{n} problems in packs; files with errors were skipped. See {log}",
    ),
    "ui.app.quickreply_is_running_in_the": ("快捷回复已在托盘中运行", "QuickReply is running in the tray"),
    "ui.app.reload_failed": ("重新加载失败", "Reload failed"),
    "ui.app.reload_child_failed": (
        "后台构建短语库的进程意外退出（代码 {code}）：仍在使用之前的短语库。{detail}",
        "The process building the library in the background exited (code {code}); the library loaded before "
        "stays in use. {detail}",
    ),
    "ui.app.reload_child_signal": (
        "它被系统结束了（信号 {signal}，常见原因是内存不足或被任务管理器结束）。{detail}"
        "关闭不用的程序后，在托盘菜单点“重新加载”再试。",
        "It was ended by the system (signal {signal}; most often memory ran out or it was killed). {detail}"
        "Close programs you don't need, then choose Reload in the tray menu.",
    ),
    "ui.app.reload_child_retry": (
        "在托盘菜单点“重新加载”再试；如果再次失败，请把日志发给组长。",
        "Choose Reload in the tray menu to try again; if it fails again, send the log to your team lead.",
    ),
    "ui.app.reload_child_said": ("它最后报告：{detail}。{retry}", "Its last words: {detail}. {retry}"),
    "ui.app.reload_child_timeout": (
        "后台构建短语库超过 {seconds} 秒未完成，已停止：仍在使用之前的短语库。",
        "Building the library in the background took over {seconds} s and was stopped; the library loaded "
        "before stays in use.",
    ),
    "ui.app.reloaded": ("已重新加载", "Reloaded"),
    "ui.app.search": ("搜索", "Search"),
    "ui.app.settings_could_not_be_read": ("设置文件无法读取", "Settings could not be read"),
    "ui.app.some_hotkeys_are_unavailable": ("部分快捷键不可用：", "Some hotkeys are unavailable: "),
    "ui.app.something_went_wrong": ("出错了", "Something went wrong"),
    "ui.app.step_uses_phrase_which_is": (
        "第 {n} 步引用的短语 {p} 没有加载，已跳过。",
        "Step {n} uses phrase {p}, which is not loaded; skipped.",
    ),
    "ui.app.talk_script": ("话术流程", "Talk scripts"),
    "ui.app.team_packs_updated": ("团队短语已更新", "Team packs updated"),
    "ui.app.team_phrases": ("团队短语", "Team packs"),
    "ui.app.text": ("、", ", "),
    "ui.app.the_hotkey_is_for_phrase": (
        "快捷键对应的短语 {p} 当前没有加载。",
        "The hotkey is for phrase {p}, which is not loaded.",
    ),
    "ui.app.this_script_has_no_steps": ("这个话术没有步骤。", "This script has no steps."),
    "ui.app.using_defaults_the_file_is": (
        "（正在使用默认设置，原文件未改动）",
        " (using defaults; the file is untouched)",
    ),
}
