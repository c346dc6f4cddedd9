"""Team-pack sync: keep the packs a team lead publishes (a URL or a shared folder) current on every agent's
machine, with offline copies so a failed fetch never takes phrases away.

The face: `run.sync_all` / `run.sync_source` (fetch each subscribed source, validate what changed, keep
the copies; `quickreply sync` is cli/sync.py); `subscriptions.load_subscriptions` picks
the `[[subscriptions]]` and `[sync]` settings out of the settings model (core/settings reads the file);
`report.SyncReport` is what a sync found.
Pieces: `fetch` (HTTP with ETag/Last-Modified, or a folder), `offline` (the copies on disk and their state).
"""
