"""Check the talk scripts ([[scripts]]) of a parsed pack; run after its phrases, whose ids steps name."""

from __future__ import annotations

from typing import Any, cast

from quickreply.core.messages import msg
from quickreply.core.model import Script, Step
from quickreply.core.packs.items import MAX_TEXT_CHARS, ItemReader, key_name, type_name

SCRIPT_KEYS = frozenset({"id", "title", "category", "steps"})
STEP_KEYS = frozenset({"text", "title", "phrase"})
_REQUIRED_SCRIPT = ("id", "title", "category")


def read_scripts(items: ItemReader, raw: Any, pack_id: str) -> tuple[Script, ...]:
    """The scripts that check clean; problems go to `items`."""
    lines = items.lines
    if not isinstance(raw, list):
        items.report(lines.table_line("scripts"), msg("pack.scripts_not_tables"))
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
        items.report(line, msg("pack.script_not_table"))
        return None
    sid = raw.get("id")
    item = sid if isinstance(sid, str) else ""
    items.unknown_keys(raw, SCRIPT_KEYS, header, line, "", item)
    ok = items.required(raw, _REQUIRED_SCRIPT, header, line, item)
    if item and item in seen:
        items.report(line, msg("pack.duplicate_script", first=seen[item]), item, field="id")
        ok = False
    elif item:
        seen[item] = line
    steps_line = (items.lines.key_line(header, "steps") or line) if header is not None else line
    raw_steps = raw.get("steps")
    if not isinstance(raw_steps, list) or not raw_steps:
        items.report(steps_line, msg("pack.steps_bad"), item, field="steps")
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
        message = msg("pack.step_not_table", number=number, type=type_name(raw))
        items.report(line, message, item, field="steps")
        return None
    where = msg("pack.where.step", number=number)
    items.unknown_keys(raw, STEP_KEYS, None, line, where, item)
    title = raw.get("title", "")
    if not isinstance(title, str):
        message = msg("pack.not_string", where=where, key=key_name("title"), type=type_name(title))
        items.report(line, message, item, field="steps")
        return None
    if ("text" in raw) == ("phrase" in raw):
        items.report(line, msg("pack.step_one_of", number=number), item, field="steps")
        return None
    if "phrase" in raw:
        return _phrase_step(items, number, raw["phrase"], title, line, item)
    text = raw["text"]
    if not isinstance(text, str) or not text.strip():
        items.report(line, msg("pack.step_text_empty", number=number), item, field="steps")
        return None
    text = text.rstrip("\r\n")
    if len(text) > MAX_TEXT_CHARS:
        count = len(text)
        message = msg("pack.too_long", where=where, key=key_name("text"), count=count, limit=MAX_TEXT_CHARS)
        items.report(line, message, item, field="steps")
        return None
    if not items.template_ok(text, None, "steps", line, item, step=number):
        return None
    return Step(text=text, title=title)


def _phrase_step(
    items: ItemReader, number: int, phrase_id: Any, title: str, line: int, item: str
) -> Step | None:
    if not isinstance(phrase_id, str) or not phrase_id:
        items.report(line, msg("pack.step_phrase_bad", number=number), item, field="steps")
        return None
    if phrase_id not in items.loaded:
        code = "pack.step_phrase_broken" if phrase_id in items.phrase_lines else "pack.step_phrase_missing"
        items.report(line, msg(code, number=number, phrase=phrase_id), item, field="steps")
        return None
    return Step(phrase_id=phrase_id, title=title)
