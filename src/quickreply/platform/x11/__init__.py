"""X11 adapters of core.ports: `adapters.X11Focus` (the focused window), `adapters.X11Keys` (XTest keys,
modifier state) and `hotkeys.X11Hotkeys` (XGrabKey on its own thread).

Nothing is imported here: backend.py imports the adapter modules only when it picks X11.
"""
