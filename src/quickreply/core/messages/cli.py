"""The CLI's own summary lines (cli/): `quickreply pack check`, `pack lint`, `team --list`."""

MESSAGES: dict[str, tuple[str, str]] = {
    "cli.failed": (
        "未通过：{errors} 个错误，{warnings} 个警告",
        "FAILED: {errors} errors, {warnings} warnings",
    ),
    "cli.warnings": ("（{warnings} 个警告）", " ({warnings} warnings)"),
    "cli.check_ok": (
        "通过：{packs} 个短语包，{phrases} 条短语{note}",
        "OK: {packs} packs, {phrases} phrases{note}",
    ),
    "cli.lint_ok": (
        "通过：{packs} 个短语包，{phrases} 条短语，没有违反规则{note}",
        "OK: {packs} packs, {phrases} phrases, no rule broken{note}",
    ),
    "cli.team_source": (
        "{kind} {label}\n     {status}；上次成功同步 {when}；版本 {version}",
        "{kind} {label}\n     {status}; last good sync {when}; version {version}",
    ),
    "cli.team_failed": ("同步失败", "failed"),
    "cli.team_ok": ("同步正常", "ok"),
    "cli.team_never": ("从未同步", "never synced"),
    "cli.team_error": ("     错误：{error}", "     error: {error}"),
}
