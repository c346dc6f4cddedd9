"""Write build/quickreply.ico (and .png) from the app's own icon, for build.spec."""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
from PySide6.QtWidgets import QApplication

from quickreply.gui.icons import app_icon


def main() -> int:
    out = Path(sys.argv[1] if len(sys.argv) > 1 else "build")
    out.mkdir(parents=True, exist_ok=True)
    app = QApplication.instance() or QApplication([])
    pixmap = app_icon().pixmap(256, 256)
    ok = pixmap.save(str(out / "quickreply.ico")) and pixmap.save(str(out / "quickreply.png"))
    print(f"icon written to {out}" if ok else "could not write the icon", flush=True)
    del app
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
