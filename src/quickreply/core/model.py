"""The domain: packs of phrases and talk scripts, and the problems found while loading them."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from enum import Enum
from functools import cached_property

from quickreply.core.messages import Message, msg


class Layer(Enum):
    """Where a pack comes from; later layers override earlier ones on equal phrase ids."""

    BUNDLED = 0  # starter packs shipped with the app
    TEAM = 1  # subscribed team packs (read-only for agents)
    LOCAL = 2  # packs dropped in <home>/packs/
    PERSONAL = 3  # the agent's own editable library


@dataclass(frozen=True)
class Placeholder:
    """A declared blank: how the fill-in form asks for it."""

    name: str
    label: str = ""
    default: str = ""
    choices: tuple[str, ...] = ()
    # A sample value shown greyed in the empty field (例如 299), never pasted: for values that are facts of
    # one shop (a threshold, a campaign), which a pre-filled default would send unread with Enter.
    example: str = ""


@dataclass(frozen=True)
class Phrase:
    """One standard reply. `text` may hold `{placeholders}`; `{{`/`}}` are literal braces."""

    id: str
    category: str  # nesting with "/", e.g. "售后/退换货"
    title: str
    text: str
    code: str = ""  # shortcut code (快捷编码), unique in its pack when present
    tags: tuple[str, ...] = ()
    pack_id: str = ""
    line: int = 0  # line of its [[phrases]] header in the pack file, for messages
    # Similar questions (相似问法: "什么时候发货"): matched by the search like tags, shown nowhere else.
    questions: tuple[str, ...] = ()


@dataclass(frozen=True)
class Step:
    """One step of a talk script: either a phrase id or an inline text."""

    phrase_id: str = ""
    text: str = ""
    title: str = ""


@dataclass(frozen=True)
class Script:
    """A multi-step talk script (话术流程), sent one step per key press."""

    id: str
    title: str
    category: str
    steps: tuple[Step, ...]
    pack_id: str = ""
    line: int = 0


@dataclass(frozen=True)
class Pack:
    """One loaded pack file."""

    id: str
    name: str
    version: str
    phrases: tuple[Phrase, ...] = ()
    scripts: tuple[Script, ...] = ()
    placeholders: tuple[Placeholder, ...] = ()
    categories: tuple[str, ...] = ()  # display order
    author: str = ""
    description: str = ""
    path: str = ""
    layer: Layer = Layer.BUNDLED
    synonyms: tuple[tuple[str, ...], ...] = ()  # [synonyms] groups for the search (core/search/lexicon.py)
    # The loader's hash of the file's bytes, path, layer and checking code (packs/cache.py); "" for a pack
    # made or changed in memory. The search index cache derives its key from these (no re-hashing of
    # every phrase at a warm start). Whoever changes a loaded pack must clear it: replace(..., source_key="").
    source_key: str = field(default="", compare=False, repr=False)


class Severity(Enum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True)
class TextFix:
    """Replace `found` at `line`/`column` (1-based, in characters) of the file with `replacement`."""

    line: int
    column: int
    found: str
    replacement: str


@dataclass(frozen=True)
class Problem:
    """A problem in a pack file (or another file a user wrote), printed as `FILE:LINE: severity: message`.

    Never prose: `code` is the catalogued message (core/messages), rendered in the reader's language by
    `text(lang)` / `describe(lang)`. `field` names the key it is about ("title", "text", "code",
    "category", "tags", "id", "steps" or ""), so the editor can show it under that input.
    """

    path: str
    line: int
    code: Message
    severity: Severity = Severity.ERROR
    item_id: str = ""  # phrase or script id, where there is one
    fix: TextFix | None = None  # a one-character repair the editor can apply with one click
    field: str = ""

    @property
    def message(self) -> str:
        """The message in English, for logs and tests; people read `text(lang)`."""
        return self.code.render("en")

    def text(self, lang: str = "en") -> str:
        """The message in `lang`."""
        return self.code.render(lang)

    def describe(self, lang: str = "en") -> str:
        """`FILE:LINE: severity: message`, the message in `lang`."""
        where = f"{self.path}:{self.line}" if self.line else f"{self.path}:1"
        subject = f"'{self.item_id}': " if self.item_id else ""
        severity = msg(f"general.severity.{self.severity.value}").render(lang)
        return f"{where}: {severity}: {subject}{self.text(lang)}"

    def __str__(self) -> str:
        return self.describe("en")

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR


@dataclass(frozen=True)
class Library:
    """All loaded packs, layered: a phrase id in a later layer hides the same id in an earlier one."""

    packs: tuple[Pack, ...] = ()
    _by_id: dict[str, tuple[Phrase, Pack]] = field(default_factory=dict, compare=False, repr=False)

    def __post_init__(self) -> None:
        ordered = sorted(self.packs, key=lambda p: p.layer.value)  # stable: keeps load order within a layer
        for pack in ordered:
            for phrase in pack.phrases:
                self._by_id[phrase.id] = (phrase, pack)

    def phrases(self) -> list[Phrase]:
        """Every visible phrase (overridden ones left out), in pack and file order."""
        return list(self._visible)

    @cached_property
    def _visible(self) -> tuple[Phrase, ...]:
        # Made once (the library never changes): the first call is in the loader's worker, so the UI
        # thread's many calls after a swap (tray, popup, log) copy a tuple instead of walking 100k entries.
        return tuple(phrase for phrase, _ in self._by_id.values())

    def phrase(self, phrase_id: str) -> Phrase | None:
        found = self._by_id.get(phrase_id)
        return found[0] if found else None

    def pack_of(self, phrase_id: str) -> Pack | None:
        found = self._by_id.get(phrase_id)
        return found[1] if found else None

    def scripts(self) -> Iterator[Script]:
        for pack in self.packs:
            yield from pack.scripts

    def script(self, script_id: str) -> Script | None:
        return next((s for s in self.scripts() if s.id == script_id), None)

    def placeholder(self, name: str, pack_id: str = "") -> Placeholder | None:
        """The declaration of a placeholder, preferring the given pack's own."""
        candidates: Iterable[Pack] = sorted(self.packs, key=lambda p: p.id != pack_id)
        for pack in candidates:
            for decl in pack.placeholders:
                if decl.name == name:
                    return decl
        return None

    def categories(self) -> list[str]:
        """Category paths in display order: each pack's order, packs in load order."""
        seen: dict[str, None] = {}
        for pack in self.packs:
            for category in pack.categories:
                seen.setdefault(category, None)
        for phrase in self.phrases():
            seen.setdefault(phrase.category, None)
        return list(seen)
