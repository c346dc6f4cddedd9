"""What changed between two versions of a pack (core/packs/diff.py): the one-line summary a lead sees in
`quickreply pack diff` and an agent in a team update notification. `scripts` and `placeholders` are
nested messages or empty."""

MESSAGES: dict[str, tuple[str, str]] = {
    "diff.none": ("没有变化（{old} → {new}）", "no changes ({old} → {new})"),
    "diff.summary": (
        "新增 {added} 条，修改 {changed} 条，删除 {removed} 条{scripts}{placeholders}（{old} → {new}）",
        "{added} added, {changed} changed, {removed} removed{scripts}{placeholders} ({old} → {new})",
    ),
    "diff.scripts": (
        "；话术流程新增 {added} 个，修改 {changed} 个，删除 {removed} 个",
        "; scripts: {added} added, {changed} changed, {removed} removed",
    ),
    "diff.placeholders": ("；填空项改动 {count} 个", "; {count} placeholder declarations changed"),
}
