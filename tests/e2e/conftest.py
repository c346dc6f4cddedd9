"""The real app on a private X desktop: Xvfb + trayer, a QUICKREPLY_HOME with a profile, and a chat box.

One desktop and one app per test session (starting them takes seconds); a fresh chat box per test.
"""

from __future__ import annotations

import contextlib
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

if sys.platform == "linux":  # X11 only (Xlib, xdotool)
    from tests.e2e.apps import App, Target
    from tests.e2e.desktop import APT_HINT, Desktop, DesktopError, missing_tools
else:  # test_paste_e2e.py skips itself with the reason; the other modules import Xlib at the top
    HERE = Path(__file__).parent
    collect_ignore = [p.name for p in HERE.glob("test_*.py") if p.name != "test_paste_e2e.py"]

SHOP, AGENT = "小鹿旗舰店", "小美"
SETTINGS = f"""\
[profile]
shop = "{SHOP}"
agent = "{AGENT}"

[hotkeys]
popup = "ctrl+alt+space"
"""


@pytest.fixture(scope="session")
def desktop() -> Iterator[Desktop]:
    missing = missing_tools()
    if missing:
        pytest.skip(f"end-to-end tests need {', '.join(missing)} ({APT_HINT})")
    with Desktop() as running:
        yield running


@pytest.fixture(scope="session")
def app(desktop: Desktop, tmp_path_factory: pytest.TempPathFactory) -> Iterator[App]:
    home = tmp_path_factory.mktemp("e2e-home")
    (home / "settings.toml").write_text(SETTINGS, encoding="utf-8")
    running = App(desktop, home)
    running.start()
    try:
        running.wait_ready()
    except DesktopError as exc:
        running.stop()
        pytest.fail(str(exc), pytrace=False)
    yield running
    running.stop()


@pytest.fixture
def chat(app: App, desktop: Desktop, tmp_path: Path, request: pytest.FixtureRequest) -> Iterator[Target]:
    """A focused, empty text box in its own process (Tk, or Qt with indirect parametrization); the popup
    is closed."""
    for _ in range(3):  # an earlier test stopped half-way: Esc leaves the form, a second one closes the popup
        if not app.popup():
            break
        desktop.xdotool("key", "Escape")
        with contextlib.suppress(DesktopError):
            app.wait_popup_hidden(timeout=2)
    if app.popup():
        pytest.fail("the search popup stays open after Esc\n" + app.tail(), pytrace=False)
    target = Target(desktop, tmp_path / "chat.txt", toolkit=getattr(request, "param", "tk"))
    try:
        target.focus()
        yield target
    finally:
        target.stop()


@pytest.fixture
def render(app: App) -> Callable[..., str]:
    """render(phrase_id, **values): the phrase as `quickreply render` fills it, with the test profile."""
    return lambda phrase_id, **values: _render(app, phrase_id, values)


def _render(app: App, phrase_id: str, values: dict[str, str]) -> str:
    sets = [f"shop={SHOP}", f"agent={AGENT}", *(f"{k}={v}" for k, v in values.items())]
    args = [arg for value in sets for arg in ("--set", value)]
    out = subprocess.run(
        [sys.executable, "-m", "quickreply.cli", "render", phrase_id, *args],
        env=app.env, capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert out.returncode == 0, f"quickreply render {phrase_id} failed: {out.stderr}"
    return out.stdout.removesuffix("\n")
