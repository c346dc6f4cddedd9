"""The printable cheat sheet (core/packs/export.pack_to_cheatsheet_html): title, summary line, headings."""

MESSAGES: dict[str, tuple[str, str]] = {
    "export.cheatsheet.title": ("{name} · 快捷编码速查表", "{name} · shortcut code cheat sheet"),
    "export.cheatsheet.meta": (
        "版本 {version} · {phrases} 条短语，其中 {coded} 条有快捷编码",
        "version {version} · {phrases} phrases, {coded} of them with a shortcut code",
    ),
    "export.cheatsheet.scripts": ("话术流程", "Talk scripts"),
}
