"""The GUI has one mechanism for its words: catalogue codes rendered by `gui/i18n.t`. A (Chinese, English)
pair of literals, a `tr(zh, en)` call or a Chinese literal in gui/ or app/ fails here (issue 9): each would
be a second way to carry two languages, which a language switch or the catalogue test cannot see."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[2] / "src" / "quickreply"
FILES = sorted([*(SRC / "gui").rglob("*.py"), *(SRC / "app").rglob("*.py")])
_CJK = re.compile(r"[\u3400-\u9fff]")


def _docstrings(tree: ast.AST) -> set[int]:
    """ids of the docstring nodes (prose for developers, never shown)."""
    found: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef) and node.body:
            first = node.body[0]
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                found.add(id(first.value))
    return found


def second_mechanisms(source: str) -> list[str]:
    """Chinese string literals (outside docstrings) and calls of a `tr` function, with their line."""
    tree = ast.parse(source)
    docstrings = _docstrings(tree)
    found: list[str] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings:
            if _CJK.search(node.value):
                found.append(f"{node.lineno}: {node.value!r}")
        elif isinstance(node, ast.Call):
            name = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
            if name == "tr":
                found.append(f"{node.lineno}: tr(...)")
    return found


@pytest.mark.parametrize("path", FILES, ids=lambda p: str(p.relative_to(SRC)))
def test_no_pairs_or_chinese_literals_in_the_gui(path: Path) -> None:
    assert second_mechanisms(path.read_text(encoding="utf-8")) == []


def test_the_check_finds_a_pair_a_tr_call_and_a_literal() -> None:
    source = 'NAMES = {"a": ("团队", "Team")}\nlabel = tr("搜索", "Search")\nx = QLabel("设置")\n'
    assert len(second_mechanisms(source)) == 4  # 团队, tr(...), 搜索, 设置
    assert second_mechanisms('"""说明"""\nx = t("ui.tray.quit")\n') == []


def test_i18n_has_no_pair_function() -> None:
    from quickreply.gui import i18n

    assert not hasattr(i18n, "tr")
