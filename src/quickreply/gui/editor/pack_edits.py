"""Edits of the personal pack as pure functions: each takes a Pack and returns a new one (undo keeps both).

Categories are paths ("售后/退换货"). The pack's `categories` tuple is kept as the full display order, and
phrases are kept grouped in that order, because the loader orders nested categories by where their
phrases first appear: without the grouping a reordering would not survive a save and reload.
"""

from __future__ import annotations

import re
import uuid
from dataclasses import replace

from quickreply.core.model import Pack, Phrase, Script

_TAG_SPLIT = re.compile(r"[,，、;；\s]+")


class EditError(ValueError):
    """An edit that cannot be made; carries the reason in both UI languages."""

    def __init__(self, zh: str, en: str) -> None:
        super().__init__(en)
        self.zh = zh
        self.en = en


def new_id(prefix: str, taken: set[str]) -> str:
    """A fresh item id such as "my.3f9a1c2e" (no spaces, never clashing with `taken`)."""
    while True:
        candidate = f"{prefix}.{uuid.uuid4().hex[:8]}"
        if candidate not in taken:
            return candidate


def parse_tags(text: str) -> tuple[str, ...]:
    """Tags typed as "发票, 售后 退换" (commas, 、 or spaces), each once."""
    return tuple(dict.fromkeys(t for t in _TAG_SPLIT.split(text) if t))


def tags_text(tags: tuple[str, ...]) -> str:
    return ", ".join(tags)


_QUESTION_SPLIT = re.compile(r"[,，、;；\n]+")


def parse_questions(text: str) -> tuple[str, ...]:
    """Similar questions typed as "什么时候发货, 多久能发" (commas, 、 or semicolons: a question may hold
    spaces), each once."""
    return tuple(dict.fromkeys(q.strip() for q in _QUESTION_SPLIT.split(text) if q.strip()))


# -- phrases and scripts -------------------------------------------------------------------------------


def put_phrase(pack: Pack, phrase: Phrase) -> Pack:
    """`pack` with `phrase` replacing the one of the same id, or added after the last of its category."""
    phrases = list(pack.phrases)
    for i, old in enumerate(phrases):
        if old.id == phrase.id:
            phrases[i] = phrase
            if old.category == phrase.category:
                return replace(pack, phrases=tuple(phrases))
            return _with_category(replace(pack, phrases=tuple(phrases)))
    phrases.append(replace(phrase, pack_id=pack.id))
    return _with_category(replace(pack, phrases=tuple(phrases)))


def put_script(pack: Pack, script: Script) -> Pack:
    scripts = [script if s.id == script.id else s for s in pack.scripts]
    if not any(s.id == script.id for s in pack.scripts):
        scripts.append(replace(script, pack_id=pack.id))
    return _with_category(replace(pack, scripts=tuple(scripts)))


def delete_phrase(pack: Pack, phrase_id: str) -> Pack:
    """Without the phrase, and without script steps that pointed to it (the editor asks first)."""
    phrases = tuple(p for p in pack.phrases if p.id != phrase_id)
    scripts = tuple(
        replace(s, steps=tuple(st for st in s.steps if st.phrase_id != phrase_id)) for s in pack.scripts
    )
    return replace(pack, phrases=phrases, scripts=scripts)


def delete_script(pack: Pack, script_id: str) -> Pack:
    return replace(pack, scripts=tuple(s for s in pack.scripts if s.id != script_id))


def scripts_using(pack: Pack, phrase_id: str) -> list[Script]:
    return [s for s in pack.scripts if any(st.phrase_id == phrase_id for st in s.steps)]


def _with_category(pack: Pack) -> Pack:
    """The display order completed with any new category, and phrases grouped by it."""
    return _grouped(replace(pack, categories=tuple(category_paths(pack))))


# -- categories ----------------------------------------------------------------------------------------


def _parent(path: str) -> str:
    return path.rpartition("/")[0]


def _under(path: str, top: str) -> bool:
    return path == top or path.startswith(top + "/")


def category_paths(pack: Pack) -> list[str]:
    """Every category path, parents before children, in display order (listed first, then as used)."""
    children: dict[str, list[str]] = {"": []}

    def add(path: str) -> None:
        path = path.strip("/")
        if not path or path in children:
            return
        add(_parent(path))
        children[_parent(path)].append(path)
        children[path] = []

    for path in (*pack.categories, *(p.category for p in pack.phrases), *(s.category for s in pack.scripts)):
        add(path)
    order: list[str] = []

    def walk(path: str) -> None:
        for child in children[path]:
            order.append(child)
            walk(child)

    walk("")
    return order


def child_categories(pack: Pack, parent: str) -> list[str]:
    return [c for c in category_paths(pack) if _parent(c) == parent]


def items_under(pack: Pack, path: str) -> tuple[list[Phrase], list[Script]]:
    return [p for p in pack.phrases if _under(p.category, path)], [
        s for s in pack.scripts if _under(s.category, path)
    ]


def _check_name(name: str) -> str:
    name = name.strip()
    if not name:
        raise EditError("分类名不能为空", "a category name cannot be empty")
    if "/" in name:
        raise EditError(
            "分类名里不能有“/”：要建子分类，请先选中上级分类再点“新建分类”",
            "a category name cannot contain '/': select the parent category, then add a sub-category",
        )
    return name


def _join(parent: str, name: str) -> str:
    return f"{parent}/{name}" if parent else name


def add_category(pack: Pack, parent: str, name: str) -> tuple[Pack, str]:
    """A new (still empty) category under `parent` ("" for the top level), and its path."""
    path = _join(parent, _check_name(name))
    if path in category_paths(pack):
        raise EditError(f"已经有分类“{path}”", f"there is already a category '{path}'")
    return replace(pack, categories=(*category_paths(pack), path)), path


def _relabel(pack: Pack, old: str, new: str) -> Pack:
    """Every path at or under `old` moved to `new`, keeping display order."""

    def move(path: str) -> str:
        return new + path[len(old) :] if _under(path, old) else path

    order = [move(c) for c in category_paths(pack)]
    return _grouped(
        replace(
            pack,
            phrases=tuple(replace(p, category=move(p.category)) for p in pack.phrases),
            scripts=tuple(replace(s, category=move(s.category)) for s in pack.scripts),
            categories=tuple(dict.fromkeys(order)),
        )
    )


def rename_category(pack: Pack, path: str, name: str) -> tuple[Pack, str]:
    new = _join(_parent(path), _check_name(name))
    if new == path:
        return pack, path
    if new in category_paths(pack):
        raise EditError(
            f"已经有分类“{new}”：换一个名字，或把短语移过去后删除这个分类",
            f"there is already a category '{new}': pick another name",
        )
    return _relabel(pack, path, new), new


def move_category(pack: Pack, path: str, new_parent: str) -> tuple[Pack, str]:
    """`path` (with everything under it) moved under `new_parent` ("" for the top level)."""
    if new_parent and _under(new_parent, path):
        raise EditError("不能把分类移到它自己或它的子分类里", "a category cannot move into itself")
    new = _join(new_parent, path.rpartition("/")[2])
    if new == path:
        return pack, path
    if new in category_paths(pack):
        raise EditError(f"目标位置已经有分类“{new}”", f"there is already a category '{new}' there")
    return _relabel(pack, path, new), new


def shift_category(pack: Pack, path: str, delta: int) -> Pack:
    """`path` moved `delta` places among its siblings (−1 up, +1 down); unchanged at either end."""
    siblings = child_categories(pack, _parent(path))
    at = siblings.index(path)
    to = at + delta
    if not 0 <= to < len(siblings):
        return pack
    siblings[at], siblings[to] = siblings[to], siblings[at]
    rank = {s: i for i, s in enumerate(siblings)}
    paths = category_paths(pack)
    # A stable sort on the sibling's rank, applied to whole subtrees, keeps everything else in place.
    block = [c for c in paths if any(_under(c, s) for s in siblings)]
    start = paths.index(block[0])
    block.sort(key=lambda c: rank[next(s for s in siblings if _under(c, s))])
    paths[start : start + len(block)] = block
    return _grouped(replace(pack, categories=tuple(paths)))


def delete_category(pack: Pack, path: str) -> Pack:
    """Without the category, its sub-categories and everything in them (the editor asks first)."""
    gone = {p.id for p in pack.phrases if _under(p.category, path)}
    scripts = tuple(
        replace(s, steps=tuple(st for st in s.steps if st.phrase_id not in gone))
        for s in pack.scripts
        if not _under(s.category, path)
    )
    categories = tuple(c for c in category_paths(pack) if not _under(c, path))
    return replace(
        pack,
        phrases=tuple(p for p in pack.phrases if p.id not in gone),
        scripts=scripts,
        categories=categories,
    )


def _grouped(pack: Pack) -> Pack:
    """Phrases and scripts sorted (stably) by their category's place in the display order."""
    rank = {c: i for i, c in enumerate(category_paths(pack))}
    return replace(
        pack,
        phrases=tuple(sorted(pack.phrases, key=lambda p: rank.get(p.category, len(rank)))),
        scripts=tuple(sorted(pack.scripts, key=lambda s: rank.get(s.category, len(rank)))),
    )
