"""Phrase packs (TOML) read into the model, checked, compared and written out. Never raises on a bad
file: problems are returned with their lines.

The face: `load.load_packs` / `load.load_pack` / `load.parse_pack` (read and check: how a pack is
checked starts there, item by item in `items.py` and `scripts.py`); `diff.diff_packs` (what changed
between two versions); `export.pack_to_toml` / `pack_to_qianniu_csv` / `pack_to_cheatsheet_html`.
Helpers: `toml_lines` (line numbers the parser does not give), `toml_slips` (TOML as an IME mistypes it),
`cache` (checked packs cached on disk by content).
"""
