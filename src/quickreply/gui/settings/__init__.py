"""The settings dialog: profile, hotkeys, paste timing and per-app rules, language.

The face: `dialog.SettingsDialog`; its tabs `hotkeys` (popup, next-step and per-phrase hotkeys, checked
as typed) and `paste` (paste timing and per-app paste rules). What it edits is core.settings.model.
"""
