"""CHANGELOG.md merges with git's union driver (.gitattributes): two branches that each add an entry under
the same heading merge without a conflict, and the file keeps both entries and every older one once."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="needs git")


def _git(repo: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["git", "-c", "user.name=t", "-c", "user.email=t@example.invalid", *args],
        cwd=repo,
        capture_output=True,
        text=True,
        encoding="utf-8",
    )


def _add_entry(repo: Path, branch: str, entry: str) -> None:
    assert _git(repo, "checkout", "-q", "-b", branch, "main").returncode == 0
    path = repo / "CHANGELOG.md"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("First version.\n\n", f"First version.\n\n{entry}", 1), encoding="utf-8")
    assert _git(repo, "commit", "-qam", branch).returncode == 0


def test_two_branches_adding_under_the_same_heading_merge_without_a_conflict(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    repo.mkdir()
    if (ROOT / ".gitattributes").exists():
        shutil.copy(ROOT / ".gitattributes", repo / ".gitattributes")
    (repo / "CHANGELOG.md").write_text(
        "# Changelog\n\n## 0.1.0 — unreleased\n\nFirst version.\n\n- 旧的一条\n  接着写。\n- Old entry.\n",
        encoding="utf-8",
    )
    assert _git(repo, "init", "-q", "-b", "main").returncode == 0
    assert _git(repo, "add", ".").returncode == 0
    assert _git(repo, "commit", "-qm", "base").returncode == 0
    _add_entry(repo, "one", "- 第一位助手的改动\n  第二行。\n")
    _add_entry(repo, "two", "- The second helper's change\n  and its second line.\n")
    assert _git(repo, "checkout", "-q", "main").returncode == 0
    assert _git(repo, "merge", "-q", "--ff-only", "one").returncode == 0
    assert _git(repo, "checkout", "-q", "two").returncode == 0

    merged = _git(repo, "merge", "--no-edit", "main")

    assert merged.returncode == 0, merged.stdout + merged.stderr
    text = (repo / "CHANGELOG.md").read_text(encoding="utf-8")
    assert "<<<<<<<" not in text and ">>>>>>>" not in text
    lines = text.splitlines()
    for line in (
        "- 第一位助手的改动",
        "- The second helper's change",
        "- 旧的一条",
        "- Old entry.",
        "First version.",
    ):
        assert lines.count(line) == 1, line
    assert lines.index("- The second helper's change") + 1 == lines.index("  and its second line.")
    assert lines.index("- 第一位助手的改动") + 1 == lines.index("  第二行。")
