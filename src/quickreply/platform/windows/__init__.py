"""Windows adapters of core.ports: `adapters.WindowsFocus` (the foreground window), `adapters.WindowsKeys`
(`keyboard` for sending keys) and `hotkeys.WindowsHotkeys` (RegisterHotKey on its own thread), over the
few Win32 calls in `api.Win32Api`.

Nothing is imported here: backend.py imports the adapter modules only when it picks Windows.
"""
