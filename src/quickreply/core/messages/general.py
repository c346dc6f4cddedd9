"""Messages shared by every domain."""

MESSAGES: dict[str, tuple[str, str]] = {
    "general.file_unreadable": ("无法读取 {path}：{reason}", "Cannot read {path}: {reason}"),
    "general.severity.error": ("错误", "error"),
    "general.severity.warning": ("警告", "warning"),
    # Why the system refused a file (core/messages/message.os_reason); anything else is the system's text.
    "general.os.not_found": ("文件或文件夹不存在", "No such file or directory"),
    "general.os.denied": ("没有权限", "Permission denied"),
    "general.os.is_folder": ("这是一个文件夹", "Is a directory"),
    "general.os.not_folder": ("路径里有一段不是文件夹", "Not a directory"),
    "general.os.busy": ("文件正被其他程序占用", "The file is in use by another program"),
    "general.os.no_space": ("磁盘已满", "No space left on device"),
    "general.os.read_only": ("磁盘是只读的", "Read-only file system"),
    "general.os.name_too_long": ("文件名太长", "File name too long"),
    "general.os.other": ("{detail}", "{detail}"),
    "general.os.at": ("{path}：{reason}", "{path}: {reason}"),  # a path the system refused, and why
}
