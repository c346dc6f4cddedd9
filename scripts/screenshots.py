#!/usr/bin/env python3
"""Screenshots of the real app for the docs, taken on a private Xvfb with a tray host (trayer).

    python3 scripts/screenshots.py [--out docs/screenshots]

Runs `python3 -m quickreply.cli` with the starter packs and a sample profile in a temporary
QUICKREPLY_HOME, over a chat window in another process, drives it with xdotool and writes:
popup.png (a pinyin query with the matched characters highlighted), fill-form.png, tray-menu.png (a
category submenu open), settings.png, settings-hotkeys.png, and popup-en.png (English UI).
Needs Xvfb, trayer, xdotool, xclip, ImageMagick (import, convert) and fonts-wqy-microhei.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from tests.e2e.apps import App, Target  # noqa: E402
from tests.e2e.desktop import APT_HINT, Desktop, Geometry, missing_tools, wait_until  # noqa: E402

BACKGROUND = 0x4A5A6A  # a desktop colour instead of Xvfb's black
CHAT = "买家 14:02  在吗？这款运动鞋有 39 码吗？\n买家 14:03  今天下单什么时候能发货？不合适可以退吗？\n"
CHAT_GEOMETRY = "1100x700+90+40"  # the popup opens over it; its two lines stay above the popup
QUERY = "tuihuo"  # full pinyin: the popup highlights 退货 in titles and previews
SETTLE = 0.6  # seconds for Qt to finish painting after the last key (a picture, not a test)


def settings_toml(language: str) -> str:
    return f"""\
[profile]
shop = "小鹿旗舰店"
agent = "小美"

[hotkeys.phrases]
f1 = "greet.welcome"
"ctrl+alt+1" = "ship.on_the_way"

[ui]
language = "{language}"
"""


def union(areas: list[Geometry]) -> Geometry:
    left, top = min(a.x for a in areas), min(a.y for a in areas)
    right = max(a.x + a.width for a in areas)
    bottom = max(a.y + a.height for a in areas)
    return Geometry(left, top, right - left, bottom - top)


def set_background(desktop: Desktop, rgb: int) -> None:
    """Paint the root window one colour (Xvfb's default is black)."""
    x = desktop.x
    red, green, blue = ((rgb >> shift & 0xFF) * 257 for shift in (16, 8, 0))
    x.screen().root.change_attributes(
        background_pixel=x.screen().default_colormap.alloc_color(red, green, blue).pixel
    )
    x.screen().root.clear_area(0, 0, 0, 0)
    x.sync()


def screenshot(desktop: Desktop, path: Path, area: Geometry, margin: int = 0) -> None:
    """`area` of the screen grown by `margin` (clamped to the screen) as a PNG; ImageMagick from /usr/bin
    (not a stand-in earlier on PATH)."""
    convert = "/usr/bin/convert" if Path("/usr/bin/convert").exists() else "convert"
    importer = "/usr/bin/import" if Path("/usr/bin/import").exists() else "import"
    raw = path.with_name(path.stem + ".full.png")
    subprocess.run([importer, "-window", "root", str(raw)], env=desktop.env, check=True, timeout=30)
    width, height = (int(v) for v in desktop.size.split("x"))
    left, top = max(0, area.x - margin), max(0, area.y - margin)
    right, bottom = min(width, area.x + area.width + margin), min(height, area.y + area.height + margin)
    crop = f"{right - left}x{bottom - top}+{left}+{top}"
    subprocess.run([convert, str(raw), "-crop", crop, "+repage", "-strip", str(path)], check=True, timeout=30)
    raw.unlink()


def shoot(desktop: Desktop, path: Path, area: Geometry, margin: int = 0) -> None:
    time.sleep(SETTLE)
    screenshot(desktop, path, area, margin)
    shown = path.relative_to(REPO) if path.is_relative_to(REPO) else path
    print(f"{shown}  {path.stat().st_size // 1024} KB")


def close_everything(app: App, desktop: Desktop) -> None:
    """Esc until no window of the app is open (form → list → closed; menus close one level per Esc)."""
    for _ in range(6):
        if not desktop.visible_windows(pid=app.pid):
            return
        desktop.xdotool("key", "Escape")
        time.sleep(0.2)
    raise RuntimeError("the app's windows do not close with Esc:\n" + app.tail())


def open_popup(app: App, desktop: Desktop, query: str) -> Geometry:
    hits = subprocess.run(
        [sys.executable, "-m", "quickreply.cli", "search", "--limit", "1", query],
        env=app.env, capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    if hits.returncode != 0 or not hits.stdout.strip():  # a picture of "nothing found" is no use
        raise RuntimeError(f"`quickreply search {query}` finds nothing: {hits.stderr.strip()}")
    desktop.xdotool("key", "ctrl+alt+space")
    wid = app.wait_popup()
    desktop.xdotool("type", "--delay", "40", query)
    if "search failed" in app.log_text():
        raise RuntimeError("the popup's search failed:\n" + app.tail())
    return desktop.geometry(wid)


def open_tray_menu(app: App, desktop: Desktop) -> Geometry:
    icon = desktop.tray_icon("QuickReply")
    desktop.xdotool("mousemove", str(icon.x + icon.width // 2), str(icon.y + icon.height // 2), "click", "1")
    wait_until(lambda: desktop.visible_windows(pid=app.pid), 10, "the tray menu opening", app.tail)
    return icon


def chinese_shots(desktop: Desktop, home: Path, out: Path) -> None:
    home.mkdir(parents=True, exist_ok=True)
    (home / "settings.toml").write_text(settings_toml("zh_CN"), encoding="utf-8")
    app = App(desktop, home)
    app.start()
    try:
        app.wait_ready()
        chat = Target(desktop, home / "chat.txt", geometry=CHAT_GEOMETRY, text=CHAT, title="千牛 - 接待中心")
        try:
            chat.focus()
            shoot(desktop, out / "popup.png", open_popup(app, desktop, QUERY))
            close_everything(app, desktop)

            area = open_popup(app, desktop, "baoguoyidao")  # 包裹已到某城市: asks for the city and days
            desktop.xdotool("key", "Return")
            desktop.xdotool("type", "--delay", "60", "杭州")
            shoot(desktop, out / "fill-form.png", area)
            close_everything(app, desktop)

            icon = open_tray_menu(app, desktop)
            desktop.xdotool("key", "Down", "Down", "Right")  # 商品咨询: sub-categories, then its phrases
            wait_until(lambda: len(desktop.visible_windows(pid=app.pid)) >= 2, 10, "the category submenu")
            menus = [desktop.geometry(w) for w in desktop.visible_windows(pid=app.pid)]
            shoot(desktop, out / "tray-menu.png", union([*menus, icon]), margin=8)
            close_everything(app, desktop)

            desktop.start_window_manager()  # a dialog looks like one with its title bar
            open_tray_menu(app, desktop)
            desktop.xdotool("key", "Up", "Up", "Up", "Up", "Up", "Return")  # from the bottom: 退出 … 设置…
            title = "快捷回复 设置"
            dialog = wait_until(lambda: desktop.find_windows(title), 10, "the settings dialog", app.tail)[-1]
            shoot(desktop, out / "settings.png", desktop.frame(dialog), margin=0)
            desktop.xdotool("key", "ctrl+Tab")  # the hotkeys tab
            shoot(desktop, out / "settings-hotkeys.png", desktop.frame(dialog), margin=0)
        finally:
            chat.stop()
    finally:
        app.stop()


def english_shots(desktop: Desktop, home: Path, out: Path) -> None:
    home.mkdir(parents=True, exist_ok=True)
    (home / "settings.toml").write_text(settings_toml("en"), encoding="utf-8")
    app = App(desktop, home)
    app.start()
    try:
        app.wait_ready()
        chat = Target(desktop, home / "chat-en.txt", geometry=CHAT_GEOMETRY, text=CHAT, title="Chat")
        try:
            chat.focus()
            shoot(desktop, out / "popup-en.png", open_popup(app, desktop, QUERY))
        finally:
            chat.stop()
    finally:
        app.stop()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=REPO / "docs" / "screenshots")
    args = parser.parse_args()
    missing = missing_tools(("Xvfb", "trayer", "xdotool", "xclip", "import", "convert"))
    if missing:
        print(f"screenshots.py needs {', '.join(missing)} ({APT_HINT} imagemagick)", file=sys.stderr)
        return 2
    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="qr-shots-") as tmp, Desktop() as desktop:
        set_background(desktop, BACKGROUND)
        chinese_shots(desktop, Path(tmp) / "zh", args.out.resolve())
        english_shots(desktop, Path(tmp) / "en", args.out.resolve())
    return 0


if __name__ == "__main__":
    sys.exit(main())
