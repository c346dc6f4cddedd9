"""settings.toml: the agent's profile, hotkeys, paste timing and per-app paste rules, UI language.

The face: `model.Settings` (and its sections) and `model.load_settings` / `model.save_settings`, the one
reader and writer of settings.toml for the app, the CLI and the sync. (`[[subscriptions]]` and `[sync]`
are read by core.sync.subscriptions.)
"""
