"""Check the talk scripts ([[scripts]]) of a parsed pack; run after its phrases, whose ids steps name."""

from __future__ import annotations

from typing import Any, cast

from quickreply.core.model import Script, Step
from quickreply.core.packs.items import MAX_TEXT_CHARS, ItemReader, type_name

SCRIPT_KEYS = frozenset({"id", "title", "category", "steps"})
STEP_KEYS = frozenset({"text", "title", "phrase"})
_REQUIRED_SCRIPT = ("id", "title", "category")
_STEPS_HINT = 'a non-empty list of phrase ids or tables such as {text = "..."} / {phrase = "id"}'


def read_scripts(items: ItemReader, raw: Any, pack_id: str) -> tuple[Script, ...]:
    """The scripts that check clean; problems go to `items`."""
    lines = items.lines
    if not isinstance(raw, list):
        items.report(lines.table_line("scripts"), "'scripts' must be written as [[scripts]] tables")
        return ()
    headers = lines.headers("scripts")
    aligned = len(headers) == len(raw)
    seen: dict[str, int] = {}
    scripts = []
    for index, entry in enumerate(raw):
        header = headers[index] if aligned else None
        line = lines.line(header) if header is not None else lines.table_line("scripts")
        script = _script(items, entry, header, line, pack_id, seen)
        if script:
            scripts.append(script)
    return tuple(scripts)


def _script(
    items: ItemReader, raw: Any, header: int | None, line: int, pack_id: str, seen: dict[str, int]
) -> Script | None:
    if not isinstance(raw, dict):
        items.report(line, "each entry of 'scripts' must be a table ([[scripts]])")
        return None
    sid = raw.get("id")
    item = sid if isinstance(sid, str) else ""
    items.unknown_keys(raw, SCRIPT_KEYS, header, line, "", item)
    ok = items.required(raw, _REQUIRED_SCRIPT, header, line, item)
    if item and item in seen:
        items.report(
            line, f"duplicate script id (first used at line {seen[item]}); this script is left out", item
        )
        ok = False
    elif item:
        seen[item] = line
    steps_line = (items.lines.key_line(header, "steps") or line) if header is not None else line
    raw_steps = raw.get("steps")
    if not isinstance(raw_steps, list) or not raw_steps:
        items.report(steps_line, f"steps must be {_STEPS_HINT}", item)
        return None
    steps = [_step(items, number, step, steps_line, item) for number, step in enumerate(raw_steps, 1)]
    category = items.category(raw["category"], header, line, item) if ok else None
    if not ok or category is None or not all(steps):
        return None
    return Script(cast(str, sid), raw["title"], category, tuple(s for s in steps if s), pack_id, line)


def _step(items: ItemReader, number: int, raw: Any, line: int, item: str) -> Step | None:
    if isinstance(raw, str):
        return _phrase_step(items, number, raw, "", line, item)
    if not isinstance(raw, dict):
        items.report(line, f"step {number} must be a phrase id or a table, not {type_name(raw)}", item)
        return None
    items.unknown_keys(raw, STEP_KEYS, None, line, f"step {number}: ", item)
    title = raw.get("title", "")
    if not isinstance(title, str):
        items.report(line, f"step {number}: title must be a string in quotes, not {type_name(title)}", item)
        return None
    if ("text" in raw) == ("phrase" in raw):
        items.report(line, f'step {number} needs exactly one of text = "..." or phrase = "id"', item)
        return None
    if "phrase" in raw:
        return _phrase_step(items, number, raw["phrase"], title, line, item)
    text = raw["text"]
    if not isinstance(text, str) or not text.strip():
        items.report(line, f"step {number}: text must be a non-empty string in quotes", item)
        return None
    text = text.rstrip("\r\n")
    if len(text) > MAX_TEXT_CHARS:
        message = f"step {number}: text is {len(text):,} characters; the limit is {MAX_TEXT_CHARS:,}"
        items.report(line, message, item)
        return None
    if not items.template_ok(text, None, "steps", line, item, prefix=f"step {number}: "):
        return None
    return Step(text=text, title=title)


def _phrase_step(
    items: ItemReader, number: int, phrase_id: Any, title: str, line: int, item: str
) -> Step | None:
    if not isinstance(phrase_id, str) or not phrase_id:
        items.report(line, f"step {number}: phrase must be a phrase id in quotes", item)
        return None
    if phrase_id not in items.loaded:
        why = "has errors and was left out" if phrase_id in items.phrase_lines else "is not in this pack"
        items.report(line, f"step {number} points to phrase '{phrase_id}', which {why}", item)
        return None
    return Step(phrase_id=phrase_id, title=title)
