"""The tray icon and its menu: phrases by category, recent phrases, talk scripts, the app's commands.

The face: `icon.Tray` (the QSystemTrayIcon, its state and its signals); `menu` fills the category
submenus ("售后/退换货" -> 售后 ▸ 退换货 ▸ phrases) when they are first opened.
"""
