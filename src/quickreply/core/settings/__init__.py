"""settings.toml: the agent's profile, hotkeys, paste timing and per-app paste rules, UI language.

The face: `model.Settings` (and its sections, `[sync]` and `[[subscriptions]]` included) and
`model.load_settings` / `model.save_settings`, the one reader and writer of settings.toml for the app,
the CLI and the sync; `subscription_text` edits the `[[subscriptions]]` lines in place.
"""
