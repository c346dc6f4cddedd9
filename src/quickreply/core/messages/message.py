"""The `Message` value and its rendering in one language."""

from __future__ import annotations

import errno
from collections.abc import Mapping
from dataclasses import dataclass, field
from string import Formatter
from types import MappingProxyType
from typing import Any

from quickreply.core.messages.catalogue import CATALOGUE, DEFAULT_LANGUAGE, normalise_language


@dataclass(frozen=True)
class Message:
    """An outcome or problem for a person to read: a catalogue code and the values it names."""

    code: str
    args: Mapping[str, Any] = field(default_factory=lambda: MappingProxyType({}))

    def render(self, lang: str = DEFAULT_LANGUAGE) -> str:
        return render(self, lang)

    def __reduce__(self) -> tuple[Any, ...]:  # the read-only args mapping cannot be pickled as it is
        return (_rebuild, (self.code, dict(self.args)))


def _rebuild(code: str, args: dict[str, Any]) -> Message:
    return Message(code, MappingProxyType(args))


@dataclass(frozen=True)
class Texts:
    """A text that comes in both languages from data (a rule file, a pack), not from the catalogue."""

    zh_CN: str
    en: str

    def render(self, lang: str = DEFAULT_LANGUAGE) -> str:
        return self.en if normalise_language(lang) == "en" else self.zh_CN


def msg(code: str, /, **args: Any) -> Message:
    """Shorthand: `msg("pack.tags_not_list", value="false")`."""
    return Message(code, MappingProxyType(dict(args)))


class _Args(dict[str, Any]):
    """Arguments for `str.format_map`: a message nested in the arguments renders in the same language."""

    def __init__(self, args: Mapping[str, Any], lang: str) -> None:
        super().__init__(args)
        self.lang = lang

    def __getitem__(self, key: str) -> Any:
        value = super().__getitem__(key)
        return value.render(self.lang) if isinstance(value, Message | Texts) else value

    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def render(message: Message, lang: str = DEFAULT_LANGUAGE) -> str:
    """The message as text in `lang` ("zh_CN" or "en"; anything else falls back to zh_CN)."""
    lang = normalise_language(lang)
    texts = CATALOGUE.get(message.code)
    if texts is None:  # a bug, never the user's fault: show the code so it can be reported
        return f"[{message.code}] " + ", ".join(f"{k}={v}" for k, v in message.args.items())
    template = texts[0] if lang == "zh_CN" else texts[1]
    return template.format_map(_Args(message.args, lang))


def placeholders(template: str) -> set[str]:
    """The argument names a catalogue template uses (for the completeness test)."""
    return {name for _, name, _, _ in Formatter().parse(template) if name}


_OS_REASONS = {
    errno.ENOENT: "not_found",
    errno.EACCES: "denied",
    errno.EPERM: "denied",
    errno.EISDIR: "is_folder",
    errno.ENOTDIR: "not_folder",
    errno.EBUSY: "busy",
    errno.ENOSPC: "no_space",
    errno.EROFS: "read_only",
    errno.ENAMETOOLONG: "name_too_long",
}


def os_reason(exc: OSError) -> Message:
    """Why the system refused a file, as a message (the system's own text for a rare error)."""
    if getattr(exc, "winerror", None) in (32, 33):  # ERROR_SHARING_VIOLATION / ERROR_LOCK_VIOLATION
        return msg("general.os.busy")
    name = _OS_REASONS.get(exc.errno or 0)
    return msg(f"general.os.{name}") if name else msg("general.os.other", detail=exc.strerror or str(exc))


def os_problem(exc: OSError) -> Message:
    """The path the system refused (when it names one) and why: `settings.toml：没有权限`."""
    reason = os_reason(exc)
    return msg("general.os.at", path=str(exc.filename), reason=reason) if exc.filename else reason


def to_json(message: Message) -> dict[str, Any]:
    """The message as JSON data (for files such as a sync's state.json); nested messages are kept."""
    args = {k: to_json(v) if isinstance(v, Message) else _plain(v) for k, v in message.args.items()}
    return {"code": message.code, "args": args}


def _plain(value: Any) -> Any:
    return value if isinstance(value, str | int | float | bool) else str(value)


def from_json(data: Any) -> Message | None:
    """A message written by `to_json`; None when the data is not one or names a code no longer catalogued."""
    if not isinstance(data, dict) or not isinstance(data.get("code"), str) or data["code"] not in CATALOGUE:
        return None
    args: dict[str, Any] = {}
    for key, value in (data.get("args") or {}).items():
        if isinstance(value, dict):
            nested = from_json(value)
            if nested is None:
                return None
            value = nested
        args[str(key)] = value
    return Message(data["code"], MappingProxyType(args))
