"""What every importer shares: encoding detection, titles, stable unique ids, and the pack builder."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from quickreply.core.messages import Message, msg, render
from quickreply.core.model import Layer, Pack, Phrase, Placeholder
from quickreply.core.packs.items import MAX_TEXT_CHARS, MAX_TITLE_CHARS
from quickreply.core.packs.load import MAX_PHRASES

UNGROUPED = "未分组"
TITLE_LENGTH = 17  # 16 characters and "…"
DEFAULT_VERSION = "1.0"

_ID_SAFE = re.compile(r"[A-Za-z0-9_-]+")
_SPACES = re.compile(r"\s+")


Where = str | Message  # a place in the source: `file:12`, or a message such as import.where.row (words)


class ImportFailed(Exception):
    """The source could not be imported at all; `message` says what is wrong and what to do."""

    def __init__(self, message: Message) -> None:
        super().__init__(message.code)
        self.message = message

    def __str__(self) -> str:
        return render(self.message, "en")

    def render(self, lang: str) -> str:
        return render(self.message, lang)


class ImportCancelled(Exception):
    """The progress callback asked to stop (the import dialog's 取消)."""


# What each warning did to a phrase, for the import report: left out, kept but simplified, or a note.
SKIPPED, SIMPLIFIED, NOTE = "skipped", "simplified", "note"


def kind_of(code: str) -> str:
    if code.startswith("import.skip_"):
        return SKIPPED
    return SIMPLIFIED if code.startswith("import.simplified_") else NOTE


@dataclass(frozen=True)
class SourceReport:
    """Per source file: how many phrases were imported, skipped and simplified."""

    source: str
    imported: int = 0
    skipped: int = 0
    simplified: int = 0

    def message(self) -> Message:
        return msg(
            "import.report_source",
            source=self.source,
            imported=self.imported,
            skipped=self.skipped,
            simplified=self.simplified,
        )


@dataclass(frozen=True)
class WarningGroup:
    """Warnings of one kind (one code): how many, and the first few as examples."""

    code: str
    count: int
    examples: tuple[Message, ...]


@dataclass(frozen=True)
class ImportResult:
    """An imported pack, what was changed or skipped on the way, and the encoding that was detected."""

    pack: Pack
    warnings: tuple[Message, ...] = ()
    encoding: str = ""  # "UTF-8", "UTF-8 with BOM", "GBK", "GB18030", "UTF-16"; "" for binary formats
    sources: tuple[SourceReport, ...] = ()
    format: str = ""
    # `[变量]` words left as written that `blanks=True` would turn into `{变量}` (Markdown), in order found
    bracket_words: tuple[str, ...] = ()

    def blanks_offer(self) -> Message | None:
        """What the CLI and the import dialog say when `[变量]` words could become blanks; None if none."""
        if not self.bracket_words:
            return None
        distinct = tuple(dict.fromkeys(self.bracket_words))
        return msg(
            "import.offer_blanks",
            count=len(self.bracket_words),
            distinct=len(distinct),
            examples=" ".join(distinct[:3]),
            blank="{" + placeholder_name(distinct[0][1:-1]) + "}",
        )

    def grouped(self, examples: int = 3) -> list[WarningGroup]:
        return group_warnings(self.warnings, examples)


def group_warnings(warnings: Iterable[Message], examples: int = 3) -> list[WarningGroup]:
    """Warnings by code, in order of first appearance: one flood of the same notice is one line."""
    groups: dict[str, list[Message]] = {}
    for warning in warnings:
        groups.setdefault(warning.code, []).append(warning)
    return [WarningGroup(code, len(found), tuple(found[:examples])) for code, found in groups.items()]


def render_warnings(warnings: Iterable[Message], lang: str, examples: int = 3) -> list[str]:
    """Grouped warnings as lines: each group's examples, then "(N times, M more like it)" on the last."""
    lines: list[str] = []
    for group in group_warnings(warnings, examples):
        shown = [render(m, lang) for m in group.examples]
        if group.count > len(shown):
            shown[-1] = render(
                msg(
                    "import.report_group", message=shown[-1], count=group.count, more=group.count - len(shown)
                ),
                lang,
            )
        lines.extend(shown)
    return lines


Progress = Callable[[int], None]  # called with the number of phrases (or rows) read so far; may raise


# Text encodings: BOMs first, then strict UTF-8, then GBK and its superset GB18030 (what Chinese Windows
# writes), and only then a detector, for Big5 or UTF-16 without a BOM.
def decode_text(data: bytes, source: str) -> tuple[str, str]:
    """(text, encoding name)."""
    if data.startswith(b"\xef\xbb\xbf"):
        return _strict(data[3:], "utf-8", source), "UTF-8 with BOM"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        # Excel's "Unicode text" export: UTF-16 with a BOM (and tabs between columns).
        return _strict(data, "utf-16", source), "UTF-16"
    if b"\x00" not in data[:4096]:  # NUL bytes: UTF-16 without a BOM, which GBK would read as garbage
        for codec, label in (("utf-8", "UTF-8"), ("gbk", "GBK"), ("gb18030", "GB18030")):
            try:
                return data.decode(codec), label
            except UnicodeDecodeError:
                continue
    guessed = _detect(data)
    if guessed is not None:
        return guessed
    raise ImportFailed(msg("import.not_encoded", source=source))


def _detect(data: bytes) -> tuple[str, str] | None:
    try:
        from charset_normalizer import from_bytes
    except ImportError:  # optional: without it only UTF-8/16 and GBK/GB18030 are read
        return None
    best = from_bytes(data[: 1 << 20]).best()
    if best is None or best.encoding in ("ascii", "utf_8"):
        return None
    try:
        return data.decode(best.encoding), f"{best.encoding} (detected)"
    except (UnicodeDecodeError, LookupError):
        return None


def _strict(data: bytes, codec: str, source: str) -> str:
    try:
        return data.decode(codec)
    except UnicodeDecodeError as exc:
        raise ImportFailed(msg("import.bad_bom", source=source, codec=codec.upper(), byte=exc.start)) from exc


def normalize_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def make_title(text: str, limit: int = TITLE_LENGTH) -> str:
    """A one-line title from the start of a phrase text: whitespace collapsed, cut at `limit` chars."""
    flat = _SPACES.sub(" ", text).strip()
    return flat if len(flat) <= limit else flat[: limit - 1].rstrip() + "…"  # "…" counts: packs check it


def ascii_slug(text: str) -> str:
    """`text` reduced to id-safe ASCII, or "" when nothing usable is left (e.g. all Chinese)."""
    return "-".join(_ID_SAFE.findall(text)).strip("-_")


def short_hash(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:8]


def placeholder_name(raw: str) -> str:
    """A valid `{name}` for a foreign variable name: other characters become `_`; `v_` before a digit."""
    name = "".join(ch if (ch.isalnum() or ch == "_") else "_" for ch in raw.strip()).strip("_") or "value"
    return name if name.isidentifier() else "v_" + name


def default_pack_id(path: Path) -> str:
    slug = ascii_slug(path.stem).lower()
    return f"imported.{slug or short_hash(path.stem)}"


@dataclass
class PackBuilder:
    """Collects imported phrases, keeping ids and codes unique and categories in first-seen order."""

    pack_id: str
    name: str
    source: str
    description: str = ""
    progress: Progress | None = None
    version: str = DEFAULT_VERSION
    warnings: list[Message] = field(default_factory=list)
    file: str = ""  # the source file being read (a folder import reads many), for the per-source report
    _phrases: list[Phrase] = field(default_factory=list)
    _ids: set[str] = field(default_factory=set)
    _next_id: dict[str, int] = field(default_factory=dict)  # base id -> next suffix to try (linear ids)
    _codes: dict[str, Where] = field(default_factory=dict)  # code -> where it was first seen
    _seen: dict[tuple[str, str], Where] = field(default_factory=dict)  # (code, text) -> where, for duplicates
    _categories: dict[str, None] = field(default_factory=dict)
    _placeholders: dict[str, Placeholder] = field(default_factory=dict)
    _reports: dict[str, dict[str, int]] = field(default_factory=dict)
    _simplified: set[int] = field(default_factory=set)  # phrase numbers (per file) already counted

    def warn(self, message_code: str, /, **args: object) -> None:
        """Record a warning; `import.skip_*` codes count as a skipped phrase, `simplified_*` as simplified."""
        self.warnings.append(msg(message_code, **args))
        kind = kind_of(message_code)
        if kind is not NOTE:
            counts = self._report()
            if kind is SKIPPED:
                counts["skipped"] += 1
            elif len(self._phrases) not in self._simplified:  # once per phrase, however many things
                self._simplified.add(len(self._phrases))
                counts["simplified"] += 1

    def _report(self) -> dict[str, int]:
        return self._reports.setdefault(
            self.file or self.source, {"imported": 0, "skipped": 0, "simplified": 0}
        )

    def tick(self, count: int) -> None:
        """Report progress (rows read) every 1,000; the callback may raise ImportCancelled."""
        if self.progress is not None and count % 1000 == 0:
            self.progress(count)

    def add(
        self,
        text: str,
        *,
        title: str,
        category: str,
        code: str = "",
        tags: tuple[str, ...] = (),
        where: Where,
    ) -> Phrase | None:
        """Add a phrase whose `text` is already a template (literal braces escaped); None when skipped."""
        if not text.strip():
            self.warn("import.skip_empty", where=where)
            return None
        if len(text) > MAX_TEXT_CHARS:
            self.warn("import.skip_too_long", where=where, length=len(text), limit=MAX_TEXT_CHARS)
            return None
        key = ("".join(code.split()).lstrip("/").casefold(), text)
        if key in self._seen:
            self.warn("import.skip_duplicate", where=where, first=self._seen[key])
            return None
        if len(self._phrases) >= MAX_PHRASES:
            raise ImportFailed(msg("import.too_many_phrases", source=self.source, limit=MAX_PHRASES))
        self._seen[key] = where
        code = self._code(code, where)
        category = "/".join(part.strip() for part in category.split("/") if part.strip()) or UNGROUPED
        self._categories.setdefault(category, None)
        title = _SPACES.sub(" ", title).strip()
        if len(title) > MAX_TITLE_CHARS:
            self.warn("import.title_cut", where=where, limit=MAX_TITLE_CHARS)
        phrase = Phrase(
            id=self._unique_id(code, text),
            category=category,
            title=make_title(title, MAX_TITLE_CHARS) or make_title(text) or code or "未命名",
            text=text,
            code=code,
            tags=tuple(dict.fromkeys(t.strip() for t in tags if t.strip() and t.strip() != code)),
            pack_id=self.pack_id,
        )
        self._phrases.append(phrase)
        self._report()["imported"] += 1
        if self.progress is not None and len(self._phrases) % 500 == 0:
            self.progress(len(self._phrases))
        return phrase

    def _code(self, raw: str, where: Where) -> str:
        """A code as packs accept it (no spaces, no leading '/'), unique ignoring case; "" when taken."""
        code = "".join(raw.split()).lstrip("/")
        if code != raw.strip():
            self.warn("import.code_rewritten", where=where, raw=raw, code=code)
        if code and code.casefold() in self._codes:
            self.warn("import.code_reused", where=where, code=code, first=self._codes[code.casefold()])
            return ""
        if code:
            self._codes[code.casefold()] = where
        return code

    def declare(self, placeholder: Placeholder) -> None:
        """Declare a blank once; a later, different declaration of the same name is ignored."""
        self._placeholders.setdefault(placeholder.name, placeholder)

    def _unique_id(self, code: str, text: str) -> str:
        # Codes make readable ids ("imp.hy"); texts without a usable code get a hash, stable across imports.
        base = f"imp.{ascii_slug(code)}" if ascii_slug(code) else f"imp.{short_hash(text)}"
        candidate, n = base, self._next_id.get(base, 2)
        while candidate in self._ids:  # resumes where the last clash of this base stopped: linear overall
            candidate, n = f"{base}-{n}", n + 1
        self._next_id[base] = n
        self._ids.add(candidate)
        return candidate

    def sources(self) -> tuple[SourceReport, ...]:
        return tuple(SourceReport(source, **counts) for source, counts in self._reports.items())

    def result(self, encoding: str = "", fmt: str = "") -> ImportResult:
        return ImportResult(self.build(), tuple(self.warnings), encoding, self.sources(), fmt)

    def build(self) -> Pack:
        if not self._phrases:
            skipped = [w for w in self.warnings if kind_of(w.code) is SKIPPED]
            if skipped:  # say why: a package of shell commands is not an empty file
                found = msg(
                    "import.nothing_importable", source=self.source, count=len(skipped), example=skipped[0]
                )
                raise ImportFailed(found)
            raise ImportFailed(msg("import.no_phrases", source=self.source))
        return Pack(
            id=self.pack_id,
            name=self.name,
            version=self.version,
            phrases=tuple(self._phrases),
            placeholders=tuple(self._placeholders.values()),
            categories=tuple(self._categories),
            description=self.description,
            layer=Layer.LOCAL,
        )
