#!/usr/bin/env python3
"""Screenshots of the phrase editor and its dialogs for the docs, taken on a private Xvfb.

    python3 scripts/editor_screenshots.py [--out docs/screenshots]

Starts Xvfb and runs itself again on it (`--scene`): the real EditorWindow on the xcb platform, over a
temporary QUICKREPLY_HOME with the starter packs (内置), a team pack (团队) and a personal library with a
talk script and backups. Writes editor-overview, -validation, -readonly, -search, -placeholders,
-script, -import and -backups .png, each reduced to 256 colours with ImageMagick.
Needs Xvfb, ImageMagick (convert) and fonts-wqy-microhei.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from dataclasses import replace
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from tests.xvfb import start_xvfb  # noqa: E402

SIZE = (1180, 700)
SHOP, AGENT = "小鹿旗舰店", "小美"


# -- the scene (runs on the Xvfb display) ---------------------------------------------------------------


def seed_personal(personal: Any) -> None:
    """A personal library as an agent would have it after a few weeks, saved three times (two backups)."""
    from quickreply.core.model import Layer, Placeholder, Script, Step
    from quickreply.core.model import Phrase as P
    from quickreply.core.packs.load import load_pack
    from quickreply.core.personal import copy_to_personal, empty_personal_pack

    rows = [
        ("my.greet", "常用", "我的开场白", "kc", ("欢迎", "活动"),
         "亲，您好！我是{shop}的客服{agent}，今天下单满299减30，有什么可以帮您？"),
        ("my.size", "常用", "尺码建议", "cmjy", ("尺码",),
         "亲，这款鞋偏小半码，平时穿{尺码}的建议拍大半码哦～"),
        ("my.arrive", "常用", "包裹已到城市", "bgd", (),
         "亲，包裹已经到{城市}了，预计还要{天数}天送到，请保持电话畅通～"),
        ("my.return_addr", "售后/退换货", "退货地址", "thdz", ("退货",),
         "亲，退货请寄到：杭州市余杭区仓前街道 8 号 {shop}售后部，包裹里放一张纸条写上订单号哦～"),
        ("my.phone_intro", "电话回访", "回访开场", "hfkc", (),
         "您好，我是{shop}的客服{agent}，打扰您一分钟可以吗？"),
        ("my.phone_sorry", "电话回访", "回访致歉", "hfqy", (), "上次的问题给您添麻烦了，真的非常抱歉。"),
    ]  # fmt: skip
    phrases = tuple(P(pid, cat, title, text, code, tags) for pid, cat, title, code, tags, text in rows)
    placeholders = (
        Placeholder("尺码", "平时穿的尺码", "38", tuple(str(n) for n in range(35, 45))),
        Placeholder("城市", "包裹所在城市"),
        Placeholder("天数", "还需几天", "2", ("1", "1-2", "2", "2-3", "3")),
    )
    script = Script("my.script.callback", "差评回访", "电话回访", (
        Step(phrase_id="my.phone_intro"), Step(phrase_id="my.phone_sorry"),
        Step(text="这次的问题我们已经处理好了，下次购物给您准备一份小礼物。", title="补救"),
        Step(text="感谢您的理解，祝您生活愉快！", title="结束"),
    ))  # fmt: skip
    pack = replace(empty_personal_pack(), phrases=phrases[:3], placeholders=placeholders[:1])
    personal.save(pack)
    pack = replace(pack, phrases=phrases, placeholders=placeholders, scripts=(script,))
    personal.save(pack)
    team, _ = load_pack(REPO / "tests" / "data" / "sync" / "team_v1.toml", Layer.TEAM)
    hello = next(p for p in team.phrases if p.id == "team.return7")
    pack = copy_to_personal(
        pack, replace(hello, text="亲，未穿着、不影响二次销售的鞋子支持7天无理由退换货哦～"), team
    )
    personal.save(replace(pack, categories=("常用", "售后", "售后/退换货", "电话回访")))


def library() -> Any:
    from quickreply.core.model import Layer, Library
    from quickreply.core.packs.load import load_pack, load_packs

    bundled, _ = load_packs([REPO / "resources" / "packs"], Layer.BUNDLED)
    team, _ = load_pack(REPO / "tests" / "data" / "sync" / "team_v1.toml", Layer.TEAM)
    return Library((*bundled, team))


def settle(app: Any, rounds: int = 5) -> None:
    for _ in range(rounds):
        app.processEvents()


def save_png(pixmap: Any, path: Path) -> None:
    raw = path.with_suffix(".raw.png")
    pixmap.save(str(raw))
    convert = "/usr/bin/convert" if Path("/usr/bin/convert").exists() else "convert"
    subprocess.run(
        [convert, str(raw), "-strip", "+dither", "-colors", "128", f"PNG8:{path}"], check=True, timeout=60
    )
    raw.unlink()
    print(
        f"{path.relative_to(REPO) if path.is_relative_to(REPO) else path}  {path.stat().st_size // 1024} KB"
    )


def shoot_window(app: Any, widget: Any, path: Path) -> None:
    settle(app)
    save_png(widget.grab(), path)


def shoot_screen(app: Any, rect: Any, path: Path) -> None:
    """A part of the screen (for menus, which are windows of their own)."""
    settle(app)
    screen = app.primaryScreen()
    save_png(screen.grabWindow(0, rect.x(), rect.y(), rect.width(), rect.height()), path)


def shoot_all(out: Path) -> int:
    from PySide6.QtCore import QPoint
    from PySide6.QtWidgets import QApplication

    from quickreply.core.personal import PersonalLibrary
    from quickreply.core.settings.model import HotkeySettings, Profile, Settings
    from quickreply.gui.editor import EditorWindow
    from quickreply.gui.editor.backups_dialog import BackupsDialog
    from quickreply.gui.editor.context import ALL, Node
    from quickreply.gui.editor.import_dialog import ImportDialog
    from quickreply.gui.qt_style import ui_font
    from quickreply.paths import app_paths

    app = QApplication([])
    app.setFont(ui_font(14))
    paths = app_paths()
    personal = PersonalLibrary(paths.personal_file, paths.personal_backups_dir)
    seed_personal(personal)
    settings = Settings(
        profile=Profile(shop=SHOP, agent=AGENT), hotkeys=HotkeySettings(phrases={"f2": "my.greet"})
    )
    editor = EditorWindow(library(), personal, settings)
    editor.resize(*SIZE)
    editor.move(0, 0)
    editor.show()
    settle(app, 20)

    editor.tree.select(Node("personal", "", "常用"))
    editor.phrases.select("my.greet")
    shoot_window(app, editor, out / "editor-overview.png")

    editor.tree.select(Node("pack", "team-shoes"))
    editor.phrases.select("team.hello")
    shoot_window(app, editor, out / "editor-readonly.png")

    editor.tree.select(ALL)
    editor.phrases.search.setText("tuihuo")
    editor.phrases.view.selectRow(0)
    shoot_window(app, editor, out / "editor-search.png")
    editor.phrases.search.clear()

    editor.tree.select(Node("personal", "", "常用"))
    editor.phrases.select("my.arrive")
    menu = editor.form.insert_button.menu()
    button = editor.form.insert_button
    menu.popup(button.mapToGlobal(QPoint(0, button.height())))
    settle(app, 20)
    area = editor.frameGeometry().united(menu.geometry())
    shoot_screen(app, area, out / "editor-placeholders.png")
    menu.hide()

    editor.tree.select(Node("personal", "", "电话回访"))
    editor.browser.tabs.setCurrentIndex(1)
    editor.scripts.select("my.script.callback")
    editor.script_editor.steps.setCurrentRow(2)
    shoot_window(app, editor, out / "editor-script.png")
    editor.browser.tabs.setCurrentIndex(0)

    editor.tree.select(Node("personal", "", "售后/退换货"))
    editor.new_phrase()
    for line, value in ((editor.form.title, "换货说明"), (editor.form.code, "KC")):  # KC: 我的开场白's code
        line.setText(value)
        line.textEdited.emit(value)  # as if typed
    editor.form.text.setPlainText("亲，换货请备注颜色和尺码，寄到{城市 后告诉我单号")
    shoot_window(app, editor, out / "editor-validation.png")

    dialog = ImportDialog(
        editor.document.pack, REPO / "tests" / "data" / "import" / "qianniu_gbk.csv", editor
    )
    dialog.set_policy("keep_both")
    dialog.show()
    shoot_window(app, dialog, out / "editor-import.png")
    dialog.close()

    backups = BackupsDialog(personal, editor)
    backups.show()
    shoot_window(app, backups, out / "editor-backups.png")
    backups.close()
    editor.document.mark_saved()  # nothing to ask about when closing
    editor.close()
    return 0


def main() -> int:
    if sys.argv[1:2] == ["--scene"]:  # the child, on the Xvfb display
        return shoot_all(Path(sys.argv[2]))
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--out", type=Path, default=REPO / "docs" / "screenshots")
    args = parser.parse_args()
    missing = [tool for tool in ("Xvfb", "convert") if shutil.which(tool) is None]
    if missing:
        print(
            f"editor_screenshots.py needs {', '.join(missing)} (apt-get install xvfb imagemagick)",
            file=sys.stderr,
        )
        return 2
    args.out.mkdir(parents=True, exist_ok=True)
    server, display = start_xvfb("1400x900")
    try:
        with tempfile.TemporaryDirectory(prefix="qr-editor-shots-") as home:
            env = {**os.environ, "DISPLAY": display, "QT_QPA_PLATFORM": "xcb", "QUICKREPLY_HOME": home}
            env["PYTHONPATH"] = os.pathsep.join(p for p in (str(REPO / "src"), env.get("PYTHONPATH")) if p)
            scene = [sys.executable, __file__, "--scene", str(args.out.resolve())]
            return subprocess.run(scene, env=env, timeout=300).returncode
    finally:
        server.terminate()
        server.wait(timeout=10)


if __name__ == "__main__":
    sys.exit(main())
