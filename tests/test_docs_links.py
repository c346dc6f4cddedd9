"""Every document the docs point to is in the project: relative Markdown links and `NAME.md` mentions."""

from __future__ import annotations

import re
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
LINK = re.compile(r"\]\(([^)#\s]+)(?:#[^)]*)?\)")
MENTION = re.compile(r"`([\w./-]+\.md)`")


def test_docs_point_only_to_files_that_exist() -> None:
    broken = []
    for doc in [*sorted((REPO / "docs").glob("*.md")), REPO / "README.md"]:
        text = doc.read_text(encoding="utf-8")
        for target in LINK.findall(text) + MENTION.findall(text):
            if "://" in target or target.startswith("mailto:"):
                continue
            candidates = (doc.parent / target, REPO / target, REPO / "docs" / target)
            if not any(c.exists() for c in candidates):
                broken.append(f"{doc.relative_to(REPO)} -> {target}")
    assert broken == []
