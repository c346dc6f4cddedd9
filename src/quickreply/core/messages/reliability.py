"""Messages for inputs that could stop the app or lose an edit: what went wrong, what still works."""

MESSAGES: dict[str, tuple[str, str]] = {
    "reliability.sync_unexpected": (
        "同步时出现意外错误（{detail}）；其他来源照常同步，请把这条消息告诉主管",
        "an unexpected error stopped this source ({detail}); the other sources still synced — "
        "tell the team lead",
    ),
    "reliability.cli_crash": (
        "quickreply：内部错误（{detail}）；请报告这个问题。设置环境变量 QUICKREPLY_DEBUG=1 可查看详细信息",
        "quickreply: internal error ({detail}); please report it. Set QUICKREPLY_DEBUG=1 to see the details",
    ),
}
