"""Check the phrases and placeholder declarations of a parsed pack into model objects.

Runs once per phrase on packs of up to 200,000 phrases, so the usual path is plain type tests and C-level
string methods; key lines are looked up only when there is something to report.
"""

from __future__ import annotations

import datetime
from typing import Any, cast

from quickreply.core.messages import Message, msg
from quickreply.core.model import Phrase, Placeholder, Problem, Severity, TextFix
from quickreply.core.packs.toml_lines import TomlLines
from quickreply.core.template import doubled_placeholders, lookalike_placeholders, names_and_problems

MAX_TEXT_CHARS = 5000
MAX_TITLE_CHARS = 100

PHRASE_KEYS = frozenset({"id", "category", "title", "text", "code", "tags", "questions"})
PLACEHOLDER_KEYS = frozenset({"label", "default", "choices"})
_REQUIRED_PHRASE = ("id", "category", "title", "text")


def type_name(value: Any) -> str:
    """How a TOML value's type reads in a message."""
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a table"
    if isinstance(value, datetime.date | datetime.time):
        return "a date/time"
    return "a string"


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

    def __init__(self, lines: TomlLines, path: str, problems: list[Problem]) -> None:
        self.lines = lines
        self._path = path
        self._problems = problems
        self.used: dict[str, None] = {}  # placeholder names used by phrases and script steps
        self.phrase_lines: dict[str, int] = {}  # every phrase id seen -> its line
        self.loaded: set[str] = set()  # ids of phrases that loaded
        self._codes: dict[str, str] = {}  # casefolded code -> phrase id
        self._doubled: list[tuple[int, str, str, str]] = []  # {{name}} seen: line, as written, name, item

    def report(
        self,
        line: int,
        message: str | Message,
        item_id: str = "",
        warning: bool = False,
        fix: TextFix | None = None,
    ) -> None:
        severity = Severity.WARNING if warning else Severity.ERROR
        if isinstance(message, Message):
            problem = Problem(self._path, line, message.render("en"), severity, item_id, message, fix)
        else:
            problem = Problem(self._path, line, message, severity, item_id, fix=fix)
        self._problems.append(problem)

    def report_key(
        self,
        header: int | None,
        key: str,
        line: int,
        message: str | Message,
        item_id: str = "",
        warning: bool = False,
    ) -> None:
        """Report at the line of `key` inside the table at `header` (or at `line` when not found)."""
        at = (self.lines.key_line(header, key) or line) if header is not None else line
        self.report(at, message, item_id, warning)

    def unknown_keys(
        self, raw: dict[str, Any], known: frozenset[str], header: int | None, line: int, where: str, item: str
    ) -> None:
        if raw.keys() <= known:
            return
        for key in sorted(raw.keys() - known):
            message = f"{where}unknown key '{key}' ignored (known: {', '.join(sorted(known))})"
            self.report_key(header, key, line, message, item, warning=True)

    def required(
        self,
        raw: dict[str, Any],
        keys: tuple[str, ...],
        header: int | None,
        line: int,
        item_id: str,
        where: str = "",
    ) -> bool:
        """True when every key holds a non-empty string; reports each one that does not."""
        ok = True
        for key in keys:
            value = raw.get(key)
            if type(value) is str and value.strip():
                continue
            ok = False
            if value is None:
                self.report(line, f"{where}missing required key '{key}'", item_id)
            elif isinstance(value, str):
                self.report_key(header, key, line, f"{where}'{key}' is empty", item_id)
            else:
                message = f"{where}'{key}' must be a string in quotes, not {type_name(value)}"
                self.report_key(header, key, line, message, item_id)
        return ok

    def template_ok(
        self, text: str, header: int | None, key: str, line: int, item_id: str, prefix: str = ""
    ) -> bool:
        names, errors = names_and_problems(text)
        for name in names:  # counted even when the text has errors, so "declared but unused" stays true
            self.used.setdefault(name, None)
        for error in errors:
            at = self.lines.value_line(header, key, text, error.offset) if header is not None else line
            self.report(at or line, prefix + error.message, item_id)
        for offset, found, name in lookalike_placeholders(text):
            at = (self.lines.value_line(header, key, text, offset) if header is not None else line) or line
            message = msg("template.fullwidth_braces", found=found, fix="{" + name + "}")
            self.report(at, message, item_id, warning=True, fix=self._fix_at(at, found, "{" + name + "}"))
        for offset, found, name in doubled_placeholders(text):
            at = (self.lines.value_line(header, key, text, offset) if header is not None else line) or line
            self._doubled.append((at, found, name, item_id))
        return not errors

    def _fix_at(self, line: int, found: str, replacement: str) -> TextFix | None:
        """The repair of `found` on `line` of the file, when it is there exactly once."""
        source = self.lines.text_of(line)
        if source.count(found) != 1:
            return None
        return TextFix(line, source.index(found) + 1, found, replacement)

    def doubled_placeholders(self, declared: tuple[Placeholder, ...]) -> None:
        """Warn about {{name}} where the pack uses {name} as a blank elsewhere: a blank was likely meant."""
        blanks = set(self.used) | {p.name for p in declared}
        for line, found, name, item_id in self._doubled:
            if name in blanks:
                fix = "{" + name + "}"
                message = msg("template.doubled_braces", found=found, shown=fix, fix=fix)
                self.report(line, message, item_id, warning=True, fix=self._fix_at(line, found, fix))

    def category(self, category: str, header: int | None, line: int, item_id: str) -> str | None:
        """The category with spaces around '/' removed; None (reported) when a level is empty."""
        if " " not in category and "//" not in category and category[0] != "/" and category[-1] != "/":
            return category
        parts = [part.strip() for part in category.split("/")]
        if all(parts):
            return "/".join(parts)
        message = f"category '{category}' has an empty level; nest with single slashes, e.g. \"售后/退换货\""
        self.report_key(header, "category", line, message, item_id)
        return None

    # -- placeholders -------------------------------------------------------------------------------

    def placeholders(self, raw: Any) -> tuple[Placeholder, ...]:
        if not isinstance(raw, dict):
            message = "'placeholders' must be tables: [placeholders.city] with label, default, choices"
            self.report(self.lines.table_line("placeholders"), message)
            return ()
        return tuple(p for name, value in raw.items() if (p := self._placeholder(name, value)))

    def _placeholder(self, name: str, raw: Any) -> Placeholder | None:
        line = self.lines.table_line("placeholders", name)
        header = next(iter(self.lines.headers("placeholders", name)), None)
        where = f"[placeholders.{name}] "
        if not name.isidentifier():
            self.report(line, f"{where}'{name}' is not a valid placeholder name (letters, digits and _)")
            return None
        if not isinstance(raw, dict):
            message = f"{where}must be a table with label, default and choices, not {type_name(raw)}"
            self.report(line, message + f"; phrases using {{{name}}} will ask for it without a label")
            return None
        self.unknown_keys(raw, PLACEHOLDER_KEYS, header, line, where, "")
        ok = True
        for key in ("label", "default"):
            if key in raw and not isinstance(raw[key], str):
                message = f"{where}{key} must be a string in quotes, not {type_name(raw[key])}"
                self.report_key(header, key, line, message)
                ok = False
        choices = raw.get("choices", [])
        if not isinstance(choices, list) or not all(isinstance(c, str) for c in choices):
            message = f'{where}choices must be a list of strings, e.g. choices = ["顺丰", "中通"]'
            self.report_key(header, "choices", line, message)
            ok = False
        if not ok:
            return None
        default = raw.get("default", "")
        if choices and default and default not in choices:
            message = f"{where}default '{default}' is not one of its choices"
            self.report_key(header, "default", line, message, warning=True)
        return Placeholder(name, raw.get("label", ""), default, tuple(choices))

    def unused_placeholders(self, declared: tuple[Placeholder, ...]) -> None:
        for decl in declared:
            if decl.name not in self.used:
                line = self.lines.table_line("placeholders", decl.name)
                message = f"placeholder '{decl.name}' is declared but no phrase uses {{{decl.name}}}"
                self.report(line, message, warning=True)

    # -- phrases ------------------------------------------------------------------------------------

    def phrases(self, raw: list[Any], pack_id: str) -> tuple[Phrase, ...]:
        headers = self.lines.headers("phrases")
        if len(headers) != len(raw):  # inline `phrases = [...]`: no per-phrase headers to point at
            fallback = self.lines.table_line("phrases")
            return tuple(p for item in raw if (p := self._phrase(item, None, fallback, pack_id)))
        line_of = self.lines.line
        pairs = zip(raw, headers, strict=True)
        return tuple(
            p for item, header in pairs if (p := self._phrase(item, header, line_of(header), pack_id))
        )

    def _phrase(self, raw: Any, header: int | None, line: int, pack_id: str) -> Phrase | None:
        if not isinstance(raw, dict):
            self.report(line, "each entry of 'phrases' must be a table ([[phrases]])")
            return None
        pid = raw.get("id")
        item = pid if isinstance(pid, str) else ""
        if not raw.keys() <= PHRASE_KEYS:
            self.unknown_keys(raw, PHRASE_KEYS, header, line, "", item)
        ok = self.required(raw, _REQUIRED_PHRASE, header, line, item)
        if item and not self._new_id(item, header, line):
            ok = False
        title, text, category = raw.get("title"), raw.get("text"), raw.get("category")
        if isinstance(title, str) and len(title) > MAX_TITLE_CHARS:
            message = f"title is {len(title)} characters; the limit is {MAX_TITLE_CHARS}"
            self.report_key(header, "title", line, message, item)
            ok = False
        if isinstance(text, str):
            text = text.rstrip("\r\n")  # the closing """ on its own line adds a line break nobody wants
            if len(text) > MAX_TEXT_CHARS:
                message = f"text is {len(text):,} characters; the limit is {MAX_TEXT_CHARS:,}"
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
        if code is not None and not self._code_ok(code, pid, header, line, item):
            ok = False
        tags = raw.get("tags", [])
        if tags != [] and not _tags_ok(tags):  # `tags = false` / `0` too: a falsy value is no list
            message = 'tags must be a list of non-empty strings, e.g. tags = ["发票", "售后"]'
            self.report_key(header, "tags", line, message, item)
            ok = False
        questions = raw.get("questions", [])
        if questions != [] and not _tags_ok(questions):
            self.report_key(header, "questions", line, msg("search.questions_not_list"), item)
            ok = False
        if not ok:
            return None
        # ok: required() saw id, title, text and category as strings, and category() kept the category
        pid, title, text, category = cast(str, pid), cast(str, title), cast(str, text), cast(str, category)
        self.loaded.add(pid)
        return Phrase(pid, category, title, text, code or "", tuple(tags), pack_id, line, tuple(questions))

    def _new_id(self, pid: str, header: int | None, line: int) -> bool:
        if pid.split() != [pid]:
            self.report_key(header, "id", line, "id must not contain spaces", pid)
            return False
        first = self.phrase_lines.get(pid)
        if first is None:
            self.phrase_lines[pid] = line
            return True
        self.report(line, f"duplicate phrase id (first used at line {first}); this phrase is left out", pid)
        return False

    def _code_ok(self, code: Any, pid: Any, header: int | None, line: int, item: str) -> bool:
        problem = ""
        if not isinstance(code, str):
            problem = f"code must be a string in quotes, not {type_name(code)}"
        elif code.split() != [code]:
            problem = f"code '{code}' must not be empty or contain spaces"
        elif code.startswith("/"):
            problem = f"code '{code}' must not start with '/' (agents may type a '/' before a code); "
            problem += f'write code = "{code.lstrip("/")}"'
        elif (owner := self._codes.setdefault(code.casefold(), item)) != item:
            problem = f"code '{code}' is already used by phrase '{owner}' (codes are unique, ignoring case)"
            problem += "; this phrase is left out"
        if problem:
            self.report_key(header, "code", line, problem, item)
        return not problem
