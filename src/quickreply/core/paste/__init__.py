"""The paste sequence, against the ports only: focus back, wait for modifiers, guard the clipboard, send
the paste key, restore.

The face: `sequence.paste_sequence` (a generator of waits, driven by the app's Qt runner or by
`sequence.run_blocking`), `sequence.choose_paste_method` (the paste key per window from the rules) and
`outcome.PasteOutcome` / `outcome.PasteResult` (what a paste came to).
"""
