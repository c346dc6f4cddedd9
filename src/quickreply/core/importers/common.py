"""What every importer shares: encoding detection, titles, stable unique ids, and the pack builder."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path

from quickreply.core.model import Layer, Pack, Phrase, Placeholder
from quickreply.core.packs.items import MAX_TEXT_CHARS, MAX_TITLE_CHARS

UNGROUPED = "未分组"
TITLE_LENGTH = 16
DEFAULT_VERSION = "1.0"

_ID_SAFE = re.compile(r"[A-Za-z0-9_-]+")
_SPACES = re.compile(r"\s+")


class ImportFailed(Exception):
    """The source could not be imported at all; the message says what is wrong and what to do."""


@dataclass(frozen=True)
class ImportResult:
    """An imported pack, what was changed or skipped on the way, and the encoding that was detected."""

    pack: Pack
    warnings: tuple[str, ...] = ()
    encoding: str = ""  # "UTF-8", "UTF-8 with BOM", "GBK", "GB18030", "UTF-16"; "" for binary formats


def decode_text(data: bytes, source: str) -> tuple[str, str]:
    """(text, encoding name): BOMs first, then strict UTF-8, then GBK and its superset GB18030."""
    if data.startswith(b"\xef\xbb\xbf"):
        return _strict(data[3:], "utf-8", source), "UTF-8 with BOM"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        # Excel's "Unicode text" export: UTF-16 with a BOM (and tabs between columns).
        return _strict(data, "utf-16", source), "UTF-16"
    for codec, label in (("utf-8", "UTF-8"), ("gbk", "GBK"), ("gb18030", "GB18030")):
        try:
            return data.decode(codec), label
        except UnicodeDecodeError:
            continue
    raise ImportFailed(
        f"{source}: the file is neither UTF-8 nor GBK/GB18030 text; open it in a text editor and save it "
        "as UTF-8 (or export it again from the original tool)"
    )


def _strict(data: bytes, codec: str, source: str) -> str:
    try:
        return data.decode(codec)
    except UnicodeDecodeError as exc:
        raise ImportFailed(
            f"{source}: starts like {codec.upper()} but byte {exc.start} is not valid {codec.upper()}; "
            "the file is damaged or mixes encodings — export it again"
        ) from exc


def normalize_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def make_title(text: str, limit: int = TITLE_LENGTH) -> str:
    """A one-line title from the start of a phrase text: whitespace collapsed, cut at `limit` chars."""
    flat = _SPACES.sub(" ", text).strip()
    return flat if len(flat) <= limit else flat[:limit].rstrip() + "…"


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
    warnings: list[str] = field(default_factory=list)
    _phrases: list[Phrase] = field(default_factory=list)
    _ids: set[str] = field(default_factory=set)
    _codes: dict[str, str] = field(default_factory=dict)  # code -> where it was first seen
    _categories: dict[str, None] = field(default_factory=dict)
    _placeholders: dict[str, Placeholder] = field(default_factory=dict)

    def warn(self, message: str) -> None:
        self.warnings.append(message)

    def add(
        self, text: str, *, title: str, category: str, code: str = "", tags: tuple[str, ...] = (), where: str
    ) -> Phrase | None:
        """Add a phrase whose `text` is already a template (literal braces escaped); None when skipped."""
        if len(text) > MAX_TEXT_CHARS:
            self.warn(
                f"{where}: text is {len(text):,} characters, over the {MAX_TEXT_CHARS:,} limit; skipped"
            )
            return None
        code = self._code(code, where)
        category = "/".join(part.strip() for part in category.split("/") if part.strip()) or UNGROUPED
        self._categories.setdefault(category, None)
        phrase = Phrase(
            id=self._unique_id(code, text),
            category=category,
            title=make_title(title, MAX_TITLE_CHARS) or make_title(text) or code or "未命名",
            text=text,
            code=code,
            tags=tuple(dict.fromkeys(t.strip() for t in tags if t.strip())),
            pack_id=self.pack_id,
        )
        self._phrases.append(phrase)
        return phrase

    def _code(self, raw: str, where: str) -> str:
        """A code as packs accept it (no spaces, no leading '/'), unique ignoring case; "" when taken."""
        code = "".join(raw.split()).lstrip("/")
        if code != raw.strip():
            self.warn(f"{where}: code '{raw}' written as '{code}' (no spaces or leading '/')")
        if code and code.casefold() in self._codes:
            first = self._codes[code.casefold()]
            self.warn(f"{where}: code '{code}' was already used at {first}; imported without a code")
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
        candidate, n = base, 2
        while candidate in self._ids:
            candidate, n = f"{base}-{n}", n + 1
        self._ids.add(candidate)
        return candidate

    def build(self) -> Pack:
        if not self._phrases:
            raise ImportFailed(
                f"{self.source}: no phrases found; check that this is the right file and format"
            )
        return Pack(
            id=self.pack_id,
            name=self.name,
            version=DEFAULT_VERSION,
            phrases=tuple(self._phrases),
            placeholders=tuple(self._placeholders.values()),
            categories=tuple(self._categories),
            description=self.description,
            layer=Layer.LOCAL,
        )
