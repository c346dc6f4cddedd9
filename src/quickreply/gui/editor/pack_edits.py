"""Edits of the personal pack as pure functions: each takes a Pack and returns a new one (undo keeps both).

Category edits (add, rename, move, reorder, delete) and their rules are core's: core/packs/categories.py.
"""

from __future__ import annotations

import re
import uuid
from dataclasses import replace

from quickreply.core.model import Pack, Phrase, Script
from quickreply.core.packs.categories import with_category

_TAG_SPLIT = re.compile(r"[,，、;；\s]+")


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
            return with_category(replace(pack, phrases=tuple(phrases)))
    phrases.append(replace(phrase, pack_id=pack.id))
    return with_category(replace(pack, phrases=tuple(phrases)))


def put_script(pack: Pack, script: Script) -> Pack:
    scripts = [script if s.id == script.id else s for s in pack.scripts]
    if not any(s.id == script.id for s in pack.scripts):
        scripts.append(replace(script, pack_id=pack.id))
    return with_category(replace(pack, scripts=tuple(scripts)))


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
