"""Check the phrases and placeholder declarations of a parsed pack into model objects.

Runs once per phrase on packs of up to 200,000 phrases, so the usual path is plain type tests and C-level
string methods; key lines are looked up only when there is something to report.
"""

from __future__ import annotations

import datetime
from collections.abc import Hashable, Sequence
from dataclasses import dataclass
from typing import Any, cast

from quickreply.core.messages import CATALOGUE, Message, msg
from quickreply.core.model import Phrase, Placeholder, Problem, Severity, TextFix
from quickreply.core.packs.categories import clean_category
from quickreply.core.packs.toml_lines import TomlLines
from quickreply.core.template import doubled_placeholders, lookalike_placeholders, names_and_problems

MAX_TEXT_CHARS = 5000
MAX_TITLE_CHARS = 100

PHRASE_KEYS = frozenset({"id", "category", "title", "text", "code", "tags", "questions"})
PLACEHOLDER_KEYS = frozenset({"label", "default", "example", "choices"})
_REQUIRED_PHRASE = ("id", "category", "title", "text")


def type_name(value: Any) -> Message:
    """How a TOML value's type reads in a message."""
    if isinstance(value, bool):
        return msg("pack.type.bool")
    if isinstance(value, int | float):
        return msg("pack.type.number")
    if isinstance(value, list):
        return msg("pack.type.list")
    if isinstance(value, dict):
        return msg("pack.type.table")
    if isinstance(value, datetime.date | datetime.time):
        return msg("pack.type.date")
    return msg("pack.type.string")


def key_name(key: str) -> Message:
    """A key as a message names it: "标题" / "'title'" (any other key as written)."""
    code = f"pack.key.{key}"
    return msg(code) if code in CATALOGUE else msg("pack.key.other", key=key)


# The form field a problem about a key is shown under in the editor ("" = the item as a whole).
_FIELDS = frozenset({"id", "category", "title", "text", "code", "tags", "questions", "steps"})


def _tags_ok(tags: Any) -> bool:
    """A list of non-blank strings (checked with C-level calls: this runs once per phrase)."""
    if type(tags) is not list:
        return False
    try:
        return all(map(str.strip, tags))  # str.strip raises TypeError on a non-string
    except TypeError:
        return False


class ItemReader:
    """Reads the items of one pack file, appending problems to a shared list."""

    def __init__(
        self, lines: TomlLines, path: str, problems: list[Problem], from_model: bool = False
    ) -> None:
        self.lines = lines
        # from_model: checking a Pack in memory (the editor), not a file: there are no lines, and a fix is
        # offered when its text stands once on the line pack_to_toml would write (`_written_line`)
        self.from_model = from_model
        self._path = path
        self._problems = problems
        self.used: dict[str, None] = {}  # placeholder names used by phrases and script steps
        self.phrase_lines: dict[str, int] = {}  # every phrase id seen -> its line
        self.loaded: set[str] = set()  # ids of phrases that loaded
        self._codes: dict[str, str] = {}  # casefolded code -> phrase id
        self._doubled: list[
            tuple[int, str, str, str, str, str | None]
        ] = []  # {{name}}: line, as written, name, item, key, the written line (from_model)

    def report(
        self,
        line: int,
        message: Message,
        item_id: str = "",
        warning: bool = False,
        fix: TextFix | None = None,
        field: str = "",
    ) -> None:
        severity = Severity.WARNING if warning else Severity.ERROR
        self._problems.append(Problem(self._path, line, message, severity, item_id, fix, field))

    def report_key(
        self,
        header: int | None,
        key: str,
        line: int,
        message: Message,
        item_id: str = "",
        warning: bool = False,
    ) -> None:
        """Report at the line of `key` inside the table at `header` (or at `line` when not found)."""
        at = (self.lines.key_line(header, key) or line) if header is not None else line
        field = key if item_id and key in _FIELDS else ""
        self.report(at, message, item_id, warning, field=field)

    def unknown_keys(
        self,
        raw: dict[str, Any],
        known: frozenset[str],
        header: int | None,
        line: int,
        where: Message | str,
        item: str,
    ) -> None:
        if raw.keys() <= known:
            return
        for key in sorted(raw.keys() - known):
            message = msg("pack.unknown_key", where=where, key=key, known=", ".join(sorted(known)))
            self.report_key(header, key, line, message, item, warning=True)

    def required(
        self,
        raw: dict[str, Any],
        keys: tuple[str, ...],
        header: int | None,
        line: int,
        item_id: str,
        where: Message | str = "",
    ) -> bool:
        """True when every key holds a non-empty string; reports each one that does not."""
        ok = True
        for key in keys:
            value = raw.get(key)
            if type(value) is str and value.strip():
                continue
            ok = False
            name = key_name(key)
            if value is None:
                field = key if item_id and key in _FIELDS else ""
                self.report(line, msg("pack.missing_key", where=where, key=name), item_id, field=field)
            elif isinstance(value, str):
                self.report_key(header, key, line, msg("pack.key_empty", where=where, key=name), item_id)
            else:
                message = msg("pack.not_string", where=where, key=name, type=type_name(value))
                self.report_key(header, key, line, message, item_id)
        return ok

    def template_ok(
        self, text: str, header: int | None, key: str, line: int, item_id: str, step: int = 0
    ) -> bool:
        names, errors = names_and_problems(text)
        for name in names:  # counted even when the text has errors, so "declared but unused" stays true
            self.used.setdefault(name, None)
        for error in errors:
            at = self.lines.value_line(header, key, text, error.offset) if header is not None else line
            problem = msg("pack.in_step", number=step, detail=error.problem) if step else error.problem
            self.report(at or line, problem, item_id, field=key)
        for offset, found, name in lookalike_placeholders(text):
            at = (self.lines.value_line(header, key, text, offset) if header is not None else line) or line
            message = msg("template.fullwidth_braces", found=found, fix="{" + name + "}")
            fix = self._fix_at(at, found, "{" + name + "}", self._written_line(text, key, offset))
            self.report(at, message, item_id, warning=True, fix=fix, field=key)
        for offset, found, name in doubled_placeholders(text):
            at = (self.lines.value_line(header, key, text, offset) if header is not None else line) or line
            self._doubled.append((at, found, name, item_id, key, self._written_line(text, key, offset)))
        return not errors

    def _written_line(self, text: str, key: str, offset: int) -> str | None:
        """From a model: the line of the file pack_to_toml writes that holds `text[offset]` (a multi-line
        phrase text is written line by line; anything else on one line). None when checking a file."""
        if not self.from_model:
            return None
        if key != "text" or "\n" not in text:
            return text
        start = text.rfind("\n", 0, offset) + 1
        end = text.find("\n", offset)
        return text[start : end if end >= 0 else len(text)]

    def _fix_at(self, line: int, found: str, replacement: str, written: str | None = None) -> TextFix | None:
        """The repair of `found` on `line` of the file (or on the `written` line), when it is there once."""
        source = self.lines.text_of(line) if written is None else written
        if source.count(found) != 1:
            return None
        return TextFix(line, source.index(found) + 1, found, replacement)

    def doubled_placeholders(self, declared: tuple[Placeholder, ...]) -> None:
        """Warn about {{name}} where the pack uses {name} as a blank elsewhere: a blank was likely meant."""
        blanks = set(self.used) | {p.name for p in declared}
        for line, found, name, item_id, key, written in self._doubled:
            if name in blanks:
                fix = "{" + name + "}"
                message = msg("template.doubled_braces", found=found, shown=fix, fix=fix)
                repair = self._fix_at(line, found, fix, written)
                self.report(line, message, item_id, warning=True, fix=repair, field=key)

    def category(self, category: str, header: int | None, line: int, item_id: str) -> str | None:
        """The category with spaces around '/' removed; None (reported) when a level is empty."""
        cleaned = clean_category(category)
        if cleaned is not None:
            return cleaned
        self.report_key(
            header, "category", line, msg("pack.category_empty_level", category=category), item_id
        )
        return None

    # -- placeholders -------------------------------------------------------------------------------

    def placeholders(self, raw: Any) -> tuple[Placeholder, ...]:
        if not isinstance(raw, dict):
            self.report(self.lines.table_line("placeholders"), msg("pack.placeholders_not_tables"))
            return ()
        return tuple(p for name, value in raw.items() if (p := self._placeholder(name, value)))

    def _placeholder(self, name: str, raw: Any) -> Placeholder | None:
        line = self.lines.table_line("placeholders", name)
        header = next(iter(self.lines.headers("placeholders", name)), None)
        where = msg("pack.where.placeholder", name=name)
        if not name.isidentifier():
            self.report(line, msg("pack.placeholder_bad_name", where=where, name=name))
            return None
        if not isinstance(raw, dict):
            self.report(line, msg("pack.placeholder_not_table", where=where, type=type_name(raw), name=name))
            return None
        self.unknown_keys(raw, PLACEHOLDER_KEYS, header, line, where, "")
        ok = True
        for key in ("label", "default", "example"):
            if key in raw and not isinstance(raw[key], str):
                message = msg("pack.not_string", where=where, key=key_name(key), type=type_name(raw[key]))
                self.report_key(header, key, line, message)
                ok = False
        choices = raw.get("choices", [])
        if not isinstance(choices, list) or not all(isinstance(c, str) for c in choices):
            self.report_key(header, "choices", line, msg("pack.choices_not_list", where=where))
            ok = False
        if not ok:
            return None
        default = raw.get("default", "")
        if choices and default and default not in choices:
            message = msg("pack.default_not_choice", where=where, default=default)
            self.report_key(header, "default", line, message, warning=True)
        return Placeholder(name, raw.get("label", ""), default, tuple(choices), raw.get("example", ""))

    def unused_placeholders(self, declared: tuple[Placeholder, ...]) -> None:
        for decl in declared:
            if decl.name not in self.used:
                line = self.lines.table_line("placeholders", decl.name)
                self.report(line, msg("pack.placeholder_unused", name=decl.name), warning=True)

    # -- phrases ------------------------------------------------------------------------------------

    def phrases(
        self, raw: list[Any], pack_id: str, kept: tuple[Sequence[Hashable], dict[Any, Alone]] | None = None
    ) -> tuple[Phrase, ...]:
        """The phrases that check clean. `kept` (from a model: a key per phrase, and what checking each
        phrase alone found last time, by key) skips the checks of a phrase that has not changed."""
        if kept is not None:
            keys, memo = kept
            return tuple(
                p for item, key in zip(raw, keys, strict=True) if (p := self._kept(item, key, memo, pack_id))
            )
        headers = self.lines.headers("phrases")
        if len(headers) != len(raw):  # inline `phrases = [...]`: no per-phrase headers to point at
            fallback = self.lines.table_line("phrases")
            return tuple(p for item in raw if (p := self._phrase(item, None, fallback, pack_id)))
        line_of = self.lines.line
        pairs = zip(raw, headers, strict=True)
        return tuple(
            p for item, header in pairs if (p := self._phrase(item, header, line_of(header), pack_id))
        )

    def _kept(self, raw: Any, key: Hashable, memo: dict[Any, Alone], pack_id: str) -> Phrase | None:
        alone = memo.get(key)
        if alone is None:
            problems, used, doubled = self._problems, self.used, self._doubled
            self._problems, self.used, self._doubled = [], {}, []
            try:
                phrase = self._alone(raw, None, 0, pack_id)
                alone = memo[key] = Alone(
                    tuple(self._problems), tuple(self.used), tuple(self._doubled), phrase
                )
            finally:
                self._problems, self.used, self._doubled = problems, used, doubled
        self._problems.extend(alone.problems)
        self.used.update(dict.fromkeys(alone.used))
        self._doubled.extend(alone.doubled)
        return self._among(raw, alone.phrase, None, 0)

    def _phrase(self, raw: Any, header: int | None, line: int, pack_id: str) -> Phrase | None:
        return self._among(raw, self._alone(raw, header, line, pack_id), header, line)

    def _among(self, raw: Any, phrase: Phrase | None, header: int | None, line: int) -> Phrase | None:
        """The checks of a phrase against the ones before it (id and code taken); the phrase when it loads."""
        if not isinstance(raw, dict):
            return None
        pid, code = raw.get("id"), raw.get("code")
        ok = phrase is not None
        if isinstance(pid, str) and pid.split() == [pid] and not self._new_id(pid, header, line):
            ok = False
        item = pid if isinstance(pid, str) else ""
        if _code_shape(code) is None and code is not None and not self._code_free(code, header, line, item):
            ok = False
        if not ok or phrase is None:
            return None
        self.loaded.add(phrase.id)
        return phrase

    def _alone(self, raw: Any, header: int | None, line: int, pack_id: str) -> Phrase | None:
        """The checks of one phrase by itself; the phrase when they pass."""
        if not isinstance(raw, dict):
            self.report(line, msg("pack.phrase_not_table"))
            return None
        pid = raw.get("id")
        item = pid if isinstance(pid, str) else ""
        if not raw.keys() <= PHRASE_KEYS:
            self.unknown_keys(raw, PHRASE_KEYS, header, line, "", item)
        ok = self.required(raw, _REQUIRED_PHRASE, header, line, item)
        if item and item.split() != [item]:
            self.report_key(header, "id", line, msg("pack.phrase_id_spaces"), item)
            ok = False
        title, text, category = raw.get("title"), raw.get("text"), raw.get("category")
        if isinstance(title, str) and len(title) > MAX_TITLE_CHARS:
            message = msg(
                "pack.too_long", where="", key=key_name("title"), count=len(title), limit=MAX_TITLE_CHARS
            )
            self.report_key(header, "title", line, message, item)
            ok = False
        if isinstance(text, str):
            text = text.rstrip("\r\n")  # the closing """ on its own line adds a line break nobody wants
            if len(text) > MAX_TEXT_CHARS:
                count = len(text)
                message = msg(
                    "pack.too_long", where="", key=key_name("text"), count=count, limit=MAX_TEXT_CHARS
                )
                self.report_key(header, "text", line, message, item)
                ok = False
            elif ("{" in text or "}" in text or "｛" in text or "｝" in text) and not self.template_ok(
                text, header, "text", line, item
            ):
                ok = False
        if isinstance(category, str) and category:
            category = self.category(category, header, line, item)
            ok = ok and category is not None
        code = raw.get("code")
        if code is not None and (problem := _code_shape(code)) is not None:
            self.report_key(header, "code", line, problem, item)
            ok = False
        tags = raw.get("tags", [])
        if tags != [] and not _tags_ok(tags):  # `tags = false` / `0` too: a falsy value is no list
            self.report_key(header, "tags", line, msg("pack.tags_not_list"), item)
            ok = False
        questions = raw.get("questions", [])
        if questions != [] and not _tags_ok(questions):
            self.report_key(header, "questions", line, msg("search.questions_not_list"), item)
            ok = False
        if not ok:
            return None
        # ok: required() saw id, title, text and category as strings, and category() kept the category
        pid, title, text, category = cast(str, pid), cast(str, title), cast(str, text), cast(str, category)
        return Phrase(pid, category, title, text, code or "", tuple(tags), pack_id, line, tuple(questions))

    def _new_id(self, pid: str, header: int | None, line: int) -> bool:
        first = self.phrase_lines.get(pid)
        if first is None:
            self.phrase_lines[pid] = line
            return True
        self.report(line, msg("pack.duplicate_phrase", first=first), pid, field="id")
        return False

    def _code_free(self, code: str, header: int | None, line: int, item: str) -> bool:
        """False (reported) when an earlier phrase has the code."""
        owner = self._codes.setdefault(code.casefold(), item)
        if owner != item:
            self.report_key(header, "code", line, msg("pack.code_taken", code=code, owner=owner), item)
        return owner == item


def _code_shape(code: Any) -> Message | None:
    """What is wrong with a phrase's code by itself (None when nothing)."""
    if not isinstance(code, str):
        return msg("pack.not_string", where="", key=key_name("code"), type=type_name(code))
    if code.split() != [code]:
        return msg("pack.code_spaces", code=code)
    if code.startswith("/"):
        return msg("pack.code_slash", code=code, fix=code.lstrip("/"))
    return None


@dataclass(frozen=True)
class Alone:
    """What checking one phrase by itself found (kept by `PackChecker` while the phrase is unchanged)."""

    problems: tuple[Problem, ...]
    used: tuple[str, ...]  # placeholder names its text uses
    doubled: tuple[tuple[int, str, str, str, str, str | None], ...]  # its {{name}} spots
    phrase: Phrase | None  # None: it does not load
