"""Messages shared by every domain."""

MESSAGES: dict[str, tuple[str, str]] = {
    "general.file_unreadable": ("无法读取 {path}：{reason}", "Cannot read {path}: {reason}"),
}
