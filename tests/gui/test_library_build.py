"""The reload's heavy part in a child process (app/library_build.py): it leaves the caches the app then
reads, a child that dies or hangs is a BuildFailed with a catalogue message, and the child loads no Qt."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from quickreply.app import library_build
from quickreply.app.library_build import BuildFailed, build_in_child, prepare_caches
from quickreply.app.user_files import load_packs
from quickreply.core.messages import Message, render
from quickreply.paths import app_paths

SRC = str(Path(library_build.__file__).resolve().parents[2])
PACK = """[pack]
id = "team"
name = "团队"
version = "1"

[[phrases]]
id = "t.ship"
category = "物流"
title = "发货时间"
text = "亲，48小时内发货"
"""


def _child_env() -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": SRC}


def _index_files() -> list[Path]:
    folder = app_paths().index_cache_dir
    return sorted(folder.glob("*")) if folder.is_dir() else []


def test_the_child_leaves_the_index_cache_that_the_app_then_reads(monkeypatch: pytest.MonkeyPatch) -> None:
    paths = app_paths()
    paths.packs_dir.mkdir(parents=True)
    (paths.packs_dir / "team.toml").write_text(PACK, "utf-8")
    assert _index_files() == []
    build_in_child(paths, ())
    assert _index_files(), "the child wrote no index cache"

    import quickreply.core.search.cache as index_cache

    def no_build(*_args: object) -> object:
        raise AssertionError("the app built the index itself")

    monkeypatch.setattr(index_cache, "build_data", no_build)
    library, problems, index = load_packs(paths, ())
    assert library.phrase("t.ship") is not None and problems == []
    assert "t.ship" in [hit.phrase.id for hit in index.search("fahuo", limit=50)]


def test_a_child_that_dies_is_a_build_failure_naming_its_exit_code(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(library_build, "child_command", lambda: [sys.executable, "-c", "raise SystemExit(9)"])
    with pytest.raises(BuildFailed) as failed:
        build_in_child(app_paths(), ())
    assert failed.value.message.code == "ui.app.reload_child_failed"
    assert "代码 9" in render(failed.value.message, "zh_CN")
    assert "code 9" in render(failed.value.message, "en")
    # it printed nothing: the notice still says what to do
    assert "重新加载" in render(failed.value.message, "zh_CN")
    assert "Reload in the tray menu" in render(failed.value.message, "en")


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")
def test_a_child_killed_by_a_signal_is_named_as_such_not_as_a_bare_negative_code(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    kill = "import os, signal; os.kill(os.getpid(), signal.SIGKILL)"
    monkeypatch.setattr(library_build, "child_command", lambda: [sys.executable, "-c", kill])
    with pytest.raises(BuildFailed) as failed:
        build_in_child(app_paths(), ())
    zh, en = render(failed.value.message, "zh_CN"), render(failed.value.message, "en")
    assert "信号 9" in zh and "内存不足" in zh and "重新加载" in zh
    assert "signal 9" in en and "memory ran out" in en


def test_a_child_that_printed_an_error_shows_its_last_line() -> None:
    message = library_build.child_failure(1, b"Traceback ...\nMemoryError: out of memory\n")
    assert "MemoryError: out of memory" in render(message, "en")
    assert "MemoryError: out of memory" in render(message, "zh_CN")


def test_a_child_that_hangs_is_stopped_and_said_so(monkeypatch: pytest.MonkeyPatch) -> None:
    hang = [sys.executable, "-c", "import time; time.sleep(30)"]
    monkeypatch.setattr(library_build, "child_command", lambda: hang)
    with pytest.raises(BuildFailed) as failed:
        build_in_child(app_paths(), (), timeout=0.5)
    assert failed.value.message.code == "ui.app.reload_child_timeout"


def test_a_small_library_loads_without_a_child(monkeypatch: pytest.MonkeyPatch) -> None:
    started: list[object] = []
    monkeypatch.setattr(library_build, "build_in_child", lambda *args: started.append(args))
    paths = app_paths()
    paths.packs_dir.mkdir(parents=True)
    (paths.packs_dir / "team.toml").write_text(PACK, "utf-8")
    prepare_caches(paths, ())
    assert started == []  # the starter packs and a small team pack: far below CHILD_MIN_BYTES
    big = paths.packs_dir / "big.toml"
    padding = "# " + "x" * library_build.CHILD_MIN_BYTES
    big.write_text(PACK.replace('id = "team"', 'id = "big"') + padding, "utf-8")
    prepare_caches(paths, ())
    assert len(started) == 1


def test_the_child_loads_no_qt() -> None:
    probe = "import sys, quickreply.app.library_build; print(sorted(m for m in sys.modules if 'PySide' in m))"
    out = subprocess.run([sys.executable, "-c", probe], env=_child_env(), capture_output=True, text=True,
                         timeout=60, check=True)  # fmt: skip
    assert out.stdout.strip() == "[]"


def test_the_frozen_entry_runs_the_child_too() -> None:
    """A frozen build starts its own exe with BUILD_ARG (quickreply/__main__.py); `python -m quickreply`
    takes the same path here."""
    paths = app_paths()
    paths.packs_dir.mkdir(parents=True)
    (paths.packs_dir / "team.toml").write_text(PACK, "utf-8")
    job = {"config": str(paths.config), "data": str(paths.data), "cache": str(paths.cache), "extra": []}
    subprocess.run([sys.executable, "-m", "quickreply", library_build.BUILD_ARG, json.dumps(job)],
                   env=_child_env(), capture_output=True, timeout=120, check=True)  # fmt: skip
    assert _index_files()


def test_the_retry_advice_is_one_sentence_in_one_place() -> None:
    """The child's last line comes with the retry advice nested, not a second copy of its wording."""
    from quickreply.core.messages.catalogue import CATALOGUE

    message = library_build.child_failure(1, b"MemoryError: out of memory\n")
    said = message.args["detail"]
    assert isinstance(said, Message) and said.code == "ui.app.reload_child_said"
    assert isinstance(said.args["retry"], Message) and said.args["retry"].code == "ui.app.reload_child_retry"
    for lang, retry in zip(("zh_CN", "en"), CATALOGUE["ui.app.reload_child_retry"], strict=True):
        copies = [
            code
            for code, texts in CATALOGUE.items()
            if code != "ui.app.reload_child_retry" and any(retry in text for text in texts)
        ]
        assert copies == [], lang
        assert render(message, lang).count(retry) == 1


def test_a_child_that_cannot_start_says_why_in_the_agents_language(monkeypatch: pytest.MonkeyPatch) -> None:
    missing = str(Path(SRC) / "no-such-python")
    monkeypatch.setattr(library_build, "child_command", lambda: [missing])
    with pytest.raises(BuildFailed) as failed:
        build_in_child(app_paths(), ())
    assert "文件或文件夹不存在" in render(failed.value.message, "zh_CN")
    assert "Errno" not in render(failed.value.message, "zh_CN")
