"""The GUI's own strings: the settings dialog (gui/settings/).

Codes are `ui.settings.<what>`, rendered by `gui/i18n.t`.
"""

MESSAGES: dict[str, tuple[str, str]] = {
    "ui.settings.a_hotkey_is_required": ("必须设置一个快捷键", "a hotkey is required"),
    "ui.settings.add": ("添加", "Add"),
    "ui.settings.add_phrase_hotkey": ("添加短语快捷键", "Add phrase hotkey"),
    "ui.settings.add_rule": ("添加规则", "Add rule"),
    "ui.settings.agent_nickname": ("客服昵称", "Agent nickname"),
    "ui.settings.already_used_by": ("与“{w}”重复", "already used by '{w}'"),
    "ui.settings.and_in_phrases_are_filled": (
        "短语里的 {shop} 和 {agent} 会自动填入这两项。",
        "{shop} and {agent} in phrases are filled with these.",
    ),
    "ui.settings.apply": ("应用", "Apply"),
    "ui.settings.cancel": ("取消", "Cancel"),
    "ui.settings.cannot_write": ("无法写入 {f}：{e}", "cannot write {f}: {e}"),
    "ui.settings.changes_are_saved_with_ok": (
        "改动在点“确定”或“应用”后保存。",
        "Changes are saved with OK or Apply.",
    ),
    "ui.settings.choose_a_phrase": ("请选择短语", "choose a phrase"),
    "ui.settings.choose_the_team_pack_folder": ("选择团队短语文件夹", "Choose the team pack folder"),
    "ui.settings.default_paste_method": ("默认粘贴方式", "Default paste method"),
    "ui.settings.delay_note": ("{help} ({low}–{high} ms)", "{help} ({low}–{high} ms)"),
    "ui.settings.e_g_deer_flagship_store": ("例如：小鹿旗舰店", "e.g. Deer Flagship Store"),
    "ui.settings.e_g_mei": ("例如：小美", "e.g. Mei"),
    "ui.settings.empty_row_ignored": ("空行，保存时忽略", "empty row, ignored"),
    "ui.settings.folder": ("选择文件夹…", "Choose folder…"),
    "ui.settings.hotkey": ("快捷键", "Hotkeys"),
    "ui.settings.hotkeys": ("快捷键", "Hotkeys"),
    "ui.settings.http_intranet_packs_team_toml": (
        "http://intranet/packs/team.toml 或 \\\\server\\客服\\packs",
        "http://intranet/packs/team.toml or \\\\server\\share\\packs",
    ),
    "ui.settings.interface_language": ("界面语言", "Interface language"),
    "ui.settings.usage": ("用量汇总", "Usage summary"),
    "ui.settings.usage_intro": (
        "把本机的用量汇总交给客服主管：写到共享文件夹，或发送到团队服务器，两项可以都填。"
        "汇总里只有各短语的使用次数，没有聊天内容、买家信息或表单里填的值。两项都留空时，什么都不会离开这台电脑。",
        "Share this PC's usage summary with the team lead: written to a shared folder, sent to the team "
        "server, or both. It holds counts of phrase use only: no chat content, no buyer data, nothing typed "
        "into the form. With both empty, nothing leaves this PC.",
    ),
    "ui.settings.usage_folder": ("共享文件夹", "Shared folder"),
    "ui.settings.usage_folder_hint": ("例如：\\\\server\\客服\\usage", "e.g. \\\\server\\share\\usage"),
    "ui.settings.usage_url": ("团队服务器", "Team server"),
    "ui.settings.usage_url_hint": ("例如：http://intranet/qr-usage/", "e.g. http://intranet/qr-usage/"),
    "ui.settings.usage_choose_folder": ("选择存放用量汇总的文件夹", "Choose the folder for usage summaries"),
    "ui.settings.usage_url_invalid": (
        "团队服务器地址不能使用：{detail}",
        "The team server address cannot be used: {detail}",
    ),
    "ui.settings.usage_note": (
        "每 10 分钟和退出时更新一次，文件名是“昵称.usage.json”；主管用 quickreply usage --team 查看。",
        "Updated every 10 minutes and at quit, as <nickname>.usage.json; the lead reads them with "
        "quickreply usage --team.",
    ),
    "ui.settings.language": ("语言", "Language"),
    "ui.settings.method": ("粘贴方式", "Method"),
    "ui.settings.name_optional_e_g_shoe": (
        "名称（可不填），例如：鞋店团队话术",
        "Name (optional), e.g. Shoe team",
    ),
    "ui.settings.next_script_step": ("话术下一步", "Next script step"),
    "ui.settings.not_saved_please_fix": ("无法保存，请先改正：", "Not saved; please fix:"),
    "ui.settings.ok": ("确定", "OK"),
    "ui.settings.open_search": ("打开搜索框", "Open search"),
    "ui.settings.paste": ("粘贴", "Paste"),
    "ui.settings.paste_method_per_window_a": (
        "按窗口设置粘贴方式：所填的每一项都包含在窗口的类名、标题或进程名中即匹配（不分大"
        "小写），先匹配的规则优先。",
        "Paste method per window: a rule matches when each field you fill in is "
        "contained in the window's class, title or process name (any case); the first "
        "matching rule wins.",
    ),
    "ui.settings.phrase_hotkeys_paste_that_phrase": (
        "短语快捷键（按下即直接粘贴该短语）",
        "Phrase hotkeys (paste that phrase at once)",
    ),
    "ui.settings.phrase_id": ("短语 ID", "Phrase id"),
    "ui.settings.process": ("进程", "Process"),
    "ui.settings.profile": ("资料", "Profile"),
    "ui.settings.quickreply_settings": ("快捷回复 设置", "QuickReply settings"),
    "ui.settings.remove_selected": ("移除所选", "Remove selected"),
    "ui.settings.remove_this_row": ("删除这一行", "Remove this row"),
    "ui.settings.remove_this_rule": ("删除这条规则", "Remove this rule"),
    "ui.settings.row": ("第 {n} 行", "row {n}"),
    "ui.settings.rule_fill_in_the_window": (
        "第 {n} 条规则：请填写窗口类名、标题或进程中的至少一项",
        "rule {n}: fill in the window class, title or process",
    ),
    "ui.settings.settings_toml_could_not_be": (
        "settings.toml 无法读取，当前使用默认设置：{p}\n保存时会先把原文件备份到同一文件夹。",
        "settings.toml could not be read, defaults are in use: {p}\nSaving first keeps a "
        "backup of the old file in the same folder.",
    ),
    "ui.settings.shop_name": ("店铺名称", "Shop name"),
    "ui.settings.subscribe_to_the_team_lead": (
        "订阅主管发布的团队短语：填入网址（http://…）或共享文件夹，先测试再添加。"
        "团队短语只读，个人短语不受影响。",
        "Subscribe to the team lead's packs: a web address (http://…) or a shared "
        "folder. Test, then add. Team phrases are read-only; your own phrases are never "
        "touched.",
    ),
    "ui.settings.team_packs": ("团队短语", "Team packs"),
    "ui.settings.test": ("测试", "Test"),
    "ui.settings.testing": ("正在测试…", "Testing…"),
    "ui.settings.this_phrase_is_not_loaded": ("当前没有加载这个短语", "this phrase is not loaded now"),
    "ui.settings.title_contains": ("标题包含", "Title contains"),
    "ui.settings.to_be_saved": ("待保存", "to be saved"),
    "ui.settings.type_an_id_or_title": ("输入 ID 或标题查找", "type an id or title"),
    "ui.settings.window_class": ("窗口类名", "Window class"),
}
