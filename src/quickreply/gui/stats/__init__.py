"""The 统计 window: picks, characters and time saved per phrase and category, with charts (pyqtgraph).

Imported only when the window is first opened (app/windows.py): pyqtgraph and numpy cost start-up time
that an agent who never opens the window should not pay."""

from quickreply.gui.stats.window import StatsWindow

__all__ = ["StatsWindow"]
