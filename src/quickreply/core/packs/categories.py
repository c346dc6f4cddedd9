"""Category rules, once: what a category path may be, the display order, and the edits of a pack's
categories (add, rename, move, reorder, delete) as pure functions that return a new Pack.

Categories are paths ("售后/退换货"). A pack's `categories` tuple is kept as the full display order, and
phrases are kept grouped in that order, because the loader orders nested categories by where their
phrases first appear (`category_order`): without the grouping a reordering would not survive a save and
reload. The loader (`items.py`, `load.py`) and the editor (gui/editor) both use this module.
"""

from __future__ import annotations

from dataclasses import replace

from quickreply.core.messages import Message, msg
from quickreply.core.model import Pack, Phrase, Script


class CategoryError(ValueError):
    """A category edit that cannot be made; `message` says why (a catalogue code)."""

    def __init__(self, message: Message) -> None:
        super().__init__(message.render("en"))
        self.message = message


def clean_category(category: str) -> str | None:
    """The category with spaces around '/' removed; None when a level is empty ("售后//退换", "/售后")."""
    if " " not in category and "//" not in category and category[0] != "/" and category[-1] != "/":
        return category
    parts = [part.strip() for part in category.split("/")]
    return "/".join(parts) if all(parts) else None


def category_order(
    listed: tuple[str, ...], phrases: tuple[Phrase, ...], scripts: tuple[Script, ...]
) -> tuple[tuple[str, ...], list[str]]:
    """How a loaded pack orders its categories: listed ones first (each with everything nested under it),
    then the rest as they appear. Also the listed categories nobody uses (the loader warns)."""
    used = dict.fromkeys([*(p.category for p in phrases), *(s.category for s in scripts)])
    ordered: dict[str, None] = {}
    unused = []
    for entry in listed:
        under = [entry] if entry in used else []
        under += [c for c in used if c.startswith(entry + "/")]
        if not under:
            unused.append(entry)
        ordered.update(dict.fromkeys(under))
    ordered.update(used)
    return tuple(ordered), unused


def with_category(pack: Pack) -> Pack:
    """The display order completed with any new category, and phrases grouped by it."""
    return grouped(replace(pack, categories=tuple(category_paths(pack))))


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


def check_name(name: str) -> str:
    """A category name (one level) as typed, trimmed; CategoryError when it cannot be one."""
    name = name.strip()
    if not name:
        raise CategoryError(msg("category.name_empty"))
    if "/" in name:
        raise CategoryError(msg("category.name_slash"))
    return name


def _join(parent: str, name: str) -> str:
    return f"{parent}/{name}" if parent else name


def add_category(pack: Pack, parent: str, name: str) -> tuple[Pack, str]:
    """A new (still empty) category under `parent` ("" for the top level), and its path."""
    path = _join(parent, check_name(name))
    if path in category_paths(pack):
        raise CategoryError(msg("category.exists", path=path))
    return replace(pack, categories=(*category_paths(pack), path)), path


def _relabel(pack: Pack, old: str, new: str) -> Pack:
    """Every path at or under `old` moved to `new`, keeping display order."""

    def move(path: str) -> str:
        return new + path[len(old) :] if _under(path, old) else path

    order = [move(c) for c in category_paths(pack)]
    return grouped(
        replace(
            pack,
            phrases=tuple(replace(p, category=move(p.category)) for p in pack.phrases),
            scripts=tuple(replace(s, category=move(s.category)) for s in pack.scripts),
            categories=tuple(dict.fromkeys(order)),
        )
    )


def rename_category(pack: Pack, path: str, name: str) -> tuple[Pack, str]:
    new = _join(_parent(path), check_name(name))
    if new == path:
        return pack, path
    if new in category_paths(pack):
        raise CategoryError(msg("category.rename_exists", path=new))
    return _relabel(pack, path, new), new


def move_category(pack: Pack, path: str, new_parent: str) -> tuple[Pack, str]:
    """`path` (with everything under it) moved under `new_parent` ("" for the top level)."""
    if new_parent and _under(new_parent, path):
        raise CategoryError(msg("category.into_itself"))
    new = _join(new_parent, path.rpartition("/")[2])
    if new == path:
        return pack, path
    if new in category_paths(pack):
        raise CategoryError(msg("category.exists_there", path=new))
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
    return grouped(replace(pack, categories=tuple(paths)))


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


def grouped(pack: Pack) -> Pack:
    """Phrases and scripts sorted (stably) by their category's place in the display order."""
    rank = {c: i for i, c in enumerate(category_paths(pack))}
    return replace(
        pack,
        phrases=tuple(sorted(pack.phrases, key=lambda p: rank.get(p.category, len(rank)))),
        scripts=tuple(sorted(pack.scripts, key=lambda s: rank.get(s.category, len(rank)))),
    )
