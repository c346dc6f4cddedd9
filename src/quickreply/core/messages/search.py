"""Search: similar questions on phrases, where a phrase comes from, pinning."""

MESSAGES: dict[str, tuple[str, str]] = {
    "search.questions_not_list": (
        'questions 必须是非空字符串的列表，例如 questions = ["什么时候发货", "多久能发"]',
        'questions must be a list of non-empty strings, e.g. questions = ["什么时候发货", "多久能发"]',
    ),
    "search.source_team": ("团队", "Team"),
    "search.source_personal": ("个人", "Mine"),
    "search.source_bundled": ("内置", "Built-in"),
    "search.pin": ("置顶", "Pin"),
    "search.unpin": ("取消置顶", "Unpin"),
    "search.pinned": ("已置顶", "Pinned"),
    "search.pin_hint": (
        "置顶的短语在搜索框为空时排在最前，搜索时排在同样匹配的短语前面（弹窗里按 Ctrl+D 也可以）",
        "Pinned phrases come first for an empty search and before equal matches (Ctrl+D in the popup too)",
    ),
    "search.questions_label": ("相似问法", "Similar questions"),
    "search.questions_hint": (
        "买家会怎么问，用逗号分开，如 什么时候发货, 多久能发（只用于搜索）",
        "how buyers ask, comma separated, e.g. when will it ship, how long (search only)",
    ),
    "search.questions_edit": ("修改相似问法", "Edit similar questions"),
    "search.starter_packs": ("加载内置入门短语包（内置）", "Load the bundled starter packs (Built-in)"),
    "search.starter_packs_hint": (
        "团队已有自己的短语包时可以关掉；团队、本地和我的短语不受影响",
        "Turn off when the team ships its own packs; team, local and personal packs stay",
    ),
    "search.question_matched": ("问法：{question}", "asked as: {question}"),
}
