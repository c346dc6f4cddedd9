"""YAML read safely for importers: from the parser's events, with no aliases of collections and a depth cap.

PyYAML's loader shares aliased collections, so nine lines of `&a [*b, *b, ...]` ("billion laughs") turn
into 10⁹ strings as soon as anything walks them, and its C composer recurses per nesting level (100,000
`[` crash the process). Here the C (or pure-Python) parser's event stream, which is iterative, builds plain
dicts, lists and strings: an alias of a scalar is its value, an alias of a list or mapping becomes an
`Alias` marker the importer refuses, and nesting past MAX_DEPTH stops with a clear error. Plain scalars
`null`/`~`/empty are None and `true`/`false` (YAML 1.1 spellings too) are booleans; everything else stays
text, which is all an importer needs (a trigger `1` is the code "1").
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

MAX_DEPTH = 64  # espanso files nest 5-6 levels (matches > match > vars > var > params > fields)

_NULLS = frozenset({"", "~", "null", "Null", "NULL"})
_TRUE = frozenset({"true", "True", "TRUE", "yes", "Yes", "YES", "on", "On", "ON"})
_FALSE = frozenset({"false", "False", "FALSE", "no", "No", "NO", "off", "Off", "OFF"})


class YamlTooDeep(Exception):
    pass


class YamlError(Exception):
    """Not valid YAML; the text says where."""


@dataclass(frozen=True)
class Alias:
    """An alias of a collection (`*name`), left unexpanded."""

    anchor: str


def _scalar(event: Any) -> Any:
    if not event.style and event.implicit[0]:  # a plain scalar: the only kind YAML resolves
        value = event.value
        if value in _NULLS:
            return None
        if value in _TRUE:
            return True
        if value in _FALSE:
            return False
    return event.value


def load(text: str) -> Any:
    """The first document of `text` as plain Python values; raises YamlError or YamlTooDeep."""
    import yaml  # imported here: only the YAML formats need it

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    anchors: dict[str, Any] = {}
    stack: list[tuple[Any, list[Any]]] = []  # (container, [pending mapping key or a marker])
    root: Any = None
    done = False
    missing = object()

    def put(value: Any) -> None:
        nonlocal root
        if not stack:
            root = value
            return
        container, pending = stack[-1]
        if isinstance(container, list):
            container.append(value)
        elif pending[0] is missing:
            pending[0] = (
                value if isinstance(value, str | int | float | bool) or value is None else Alias("key")
            )
        else:
            key = pending[0]
            pending[0] = missing
            if key == "<<" and isinstance(value, Alias):
                container.setdefault("<<", value)  # a merge of an aliased mapping: refused like any alias
            else:
                container[key] = value

    try:
        event: Any  # every event kind below has its .anchor / .value
        for event in yaml.parse(text, Loader=loader):
            if done:
                break
            kind = type(event).__name__
            if kind == "ScalarEvent":
                value = _scalar(event)
                if event.anchor:
                    anchors[event.anchor] = value
                put(value)
            elif kind in ("SequenceStartEvent", "MappingStartEvent"):
                if len(stack) >= MAX_DEPTH:
                    raise YamlTooDeep(MAX_DEPTH)
                container: Any = [] if kind == "SequenceStartEvent" else {}
                if event.anchor:
                    anchors[event.anchor] = Alias(event.anchor)
                put(container)
                stack.append((container, [missing]))
            elif kind in ("SequenceEndEvent", "MappingEndEvent"):
                stack.pop()
            elif kind == "AliasEvent":
                put(anchors.get(event.anchor, Alias(event.anchor)))
            elif kind == "DocumentEndEvent":
                done = True
    except yaml.YAMLError as exc:
        if "exceeded maximum nesting depth" in str(exc):  # libyaml >= 0.2.5 (PyYAML's Windows wheels) stops
            raise YamlTooDeep(MAX_DEPTH) from exc  # deep flow nesting in its scanner, before any event
        raise YamlError(str(exc).replace("\n", " ")) from exc
    return root


def has_alias(value: Any) -> str:
    """The first place (a dotted path) inside `value` that holds an Alias, or ""."""
    todo: list[tuple[Any, str]] = [(value, "")]
    while todo:
        item, where = todo.pop()
        if isinstance(item, Alias):
            return where or "."
        if isinstance(item, dict):
            todo.extend((v, f"{where}.{k}" if where else str(k)) for k, v in item.items())
        elif isinstance(item, list):
            todo.extend((v, f"{where}[{i}]") for i, v in enumerate(item))
    return ""
