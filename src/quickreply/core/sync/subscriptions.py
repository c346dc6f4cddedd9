"""What the sync needs from settings.toml: the subscribed sources and `[sync]` timing.

Read through the settings model (core/settings), the one reader of the file; this module only picks out
the part the sync uses, and the warnings that concern it.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from quickreply.core.messages import Message
from quickreply.core.settings.model import LEFT_OUT, Settings, default_of, load_settings
from quickreply.core.settings.subscriptions import Source

__all__ = ["Source", "SyncConfig", "is_left_out", "load_subscriptions", "sync_warnings"]


@dataclass(frozen=True)
class SyncConfig:
    sources: tuple[Source, ...] = ()
    interval_minutes: int = default_of("sync", "interval_minutes")  # 0: check only when the app starts
    timeout_seconds: float = default_of("sync", "timeout_seconds")

    @classmethod
    def of(cls, settings: Settings) -> SyncConfig:
        return cls(settings.subscriptions, settings.sync.interval_minutes, settings.sync.timeout_seconds)


def sync_warnings(warnings: list[Message]) -> list[Message]:
    """The settings warnings about `[sync]` and `[[subscriptions]]`."""
    return [w for w in warnings if w.args.get("section") in ("sync", "subscriptions")]


def is_left_out(warning: Message) -> bool:
    """A `[[subscriptions]]` entry that is not used at all (an error for `quickreply sync`)."""
    return warning.code == LEFT_OUT


def load_subscriptions(settings_file: Path) -> tuple[SyncConfig, list[Message]]:
    """The sources and timing, and the warnings about them; no file means no subscriptions. Raises
    SettingsError when the file cannot be read at all."""
    settings, warnings = load_settings(settings_file)
    return SyncConfig.of(settings), sync_warnings(warnings)
