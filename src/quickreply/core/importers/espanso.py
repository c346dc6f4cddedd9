"""espanso match files (YAML): `trigger`/`triggers` -> code, `replace` -> text, `{{var}}` -> `{var}`.

Follows espanso's own rules (its docs on matches): a variable is `{{name}}` or `{{form.field}}`
with word characters only (`\\{\\{\\s*(\\w+)(\\.\\w+)?\\s*\\}\\}`), so a kaomoji `{{ (>_<) }}` is text;
files whose name starts with `_` load only through another file's `imports:`; a hub package's
`_manifest.yml` names the pack and its version; a config folder's matches live in `match/`, subfolders
included (they become subcategories). `search_terms` become tags; `type: form` fields keep their choices
and defaults; a `{label, id}` choice inserts its id; `type: match` variables insert the referenced match.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from quickreply.core.importers.common import (
    ImportFailed,
    ImportResult,
    PackBuilder,
    Progress,
    Where,
    decode_text,
    make_title,
    normalize_newlines,
    placeholder_name,
)
from quickreply.core.importers.yaml_safe import Alias, YamlError, YamlTooDeep, has_alias, load
from quickreply.core.messages import msg
from quickreply.core.model import Placeholder
from quickreply.core.template import escape_braces, render_partial

_VAR = re.compile(r"\{\{\s*(\w+)(\.\w+)?\s*\}\}")
_FORM_FIELD = re.compile(r"\[\[\s*(\w+)\s*\]\]")
_CURSOR = "$|$"
_TIME_ONLY = set("HIMSpPlkr%:. ")  # strftime codes and separators of a time of day
_SUFFIXES = (".yml", ".yaml")
MANIFEST = "_manifest.yml"
PACKAGE_FILE = "package.yml"
MAX_MATCH_DEPTH = 8  # `type: match` references followed this deep (a loop stops here too)


def sniff_espanso(path: Path, text: str) -> float:
    if path.is_dir():
        return 0.9 if any(p.suffix in _SUFFIXES for p in path.rglob("*")) else 0.0
    if re.search(r"^matches\s*:", text, re.MULTILINE):
        return 0.95
    if re.search(r"^(global_vars|imports)\s*:", text, re.MULTILINE):
        return 0.8
    return 0.0


def looks_like_espanso(text: str) -> bool:
    return re.search(r"^matches\s*:", text, re.MULTILINE) is not None


@dataclass
class _File:
    path: Path
    category: str
    data: dict[str, Any] = field(default_factory=dict)


@dataclass
class _Context:
    builder: PackBuilder
    by_trigger: dict[str, tuple[dict[str, Any], dict[str, dict[str, Any]]]] = field(default_factory=dict)


def import_espanso(root: Path, pack_id: str, name: str, progress: Progress | None = None) -> ImportResult:
    """A pack from one match file, or from the match files of a folder (category = file path)."""
    builder = PackBuilder(pack_id, name, str(root), description="从 espanso 导入", progress=progress)
    base, files = _match_files(builder, root)
    manifest = _manifest(builder, root if root.is_dir() else root.parent)
    if manifest.get("name") and name == root.stem:
        builder.name = str(manifest.get("title") or manifest["name"])
    if manifest.get("version"):
        builder.version = str(manifest["version"])
    if manifest.get("description"):
        builder.description = str(manifest["description"])[:500]
    if manifest.get("name"):  # a hub package's one package.yml: its category is the package, not "package"
        title = str(manifest.get("title") or manifest["name"])
        for item in files:
            if item.path.name == PACKAGE_FILE and item.category == Path(PACKAGE_FILE).stem:
                item.category = title
    encodings: set[str] = set()
    loaded: list[_File] = []
    queue = list(files)
    seen = {f.path.resolve() for f in queue}
    single = root.is_file()
    while queue:
        item = queue.pop(0)
        builder.file = str(item.path)
        data = _read(builder, item.path, encodings, must=single)
        if data is None:
            continue
        item.data = data
        loaded.append(item)
        for target in _imports(builder, item, base):
            if target.resolve() not in seen:
                seen.add(target.resolve())
                queue.append(_File(target, _category(target, base)))
    if not loaded:
        raise ImportFailed(msg("import.no_phrases", source=str(root)))
    context = _Context(builder)
    for item in loaded:  # every file's matches first: `type: match` may point into another file
        global_vars = _vars_by_name(item.data.get("global_vars"))
        for match in _matches(item.data):
            if isinstance(match, dict):
                for trigger in _triggers(match):
                    context.by_trigger.setdefault(trigger, (match, global_vars))
    for item in loaded:
        builder.file = str(item.path)
        _import_file(context, item)
    return builder.result("/".join(sorted(encodings)), "espanso")


def _match_files(builder: PackBuilder, root: Path) -> tuple[Path, list[_File]]:
    if not root.is_dir():
        return root.parent, [_File(root, _category(root, root.parent))]
    base = root / "match" if (root / "match").is_dir() else root
    files: list[_File] = []
    for path in sorted(p for p in base.rglob("*") if p.suffix in _SUFFIXES and p.is_file()):
        relative = path.relative_to(base)
        if any(part.startswith(".") for part in relative.parts):
            continue
        if path.name == MANIFEST or relative.parts[0] == "config":
            continue
        if path.name.startswith("_"):
            builder.warn("import.underscore_file", path=str(relative))
            continue
        files.append(_File(path, _category(path, base)))
    if not files:
        raise ImportFailed(msg("import.no_match_files", path=str(root)))
    return base, files


def _category(path: Path, base: Path) -> str:
    try:
        relative = path.relative_to(base)
    except ValueError:
        relative = Path(path.name)
    parts = [*relative.parent.parts, relative.stem.lstrip("_")]
    return "/".join(p for p in parts if p) or path.stem


def _manifest(builder: PackBuilder, folder: Path) -> dict[str, Any]:
    path = folder / MANIFEST
    if not path.is_file():
        return {}
    try:
        data = load(decode_text(path.read_bytes(), str(path))[0])
    except (YamlError, YamlTooDeep, ImportFailed, OSError):
        return {}
    return (
        {k: v for k, v in data.items() if isinstance(v, str | int | float)} if isinstance(data, dict) else {}
    )


def _read(builder: PackBuilder, path: Path, encodings: set[str], must: bool) -> dict[str, Any] | None:
    """The file's mapping; a file that cannot be read fails a single-file import, else is skipped."""
    try:
        text, encoding = decode_text(path.read_bytes(), str(path))
        data = _load(text, path)
    except ImportFailed as exc:
        if must:
            raise
        builder.warn("import.skip_bad_file", path=str(path), reason=exc.message)
        return None
    encodings.add(encoding)
    return data


def _load(text: str, path: Path) -> dict[str, Any]:
    try:
        data = load(text)
    except ImportError as exc:
        raise ImportFailed(msg("import.needs_package", what="espanso", package="pyyaml")) from exc
    except YamlTooDeep as exc:
        raise ImportFailed(msg("import.too_deep", source=str(path), limit=exc.args[0])) from exc
    except YamlError as exc:
        raise ImportFailed(msg("import.bad_yaml", path=str(path), reason=str(exc)[:300])) from exc
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise ImportFailed(msg("import.not_espanso", path=str(path)))
    if not isinstance(data.get("matches", []) or [], list):
        raise ImportFailed(msg("import.matches_not_list", path=str(path)))
    return data


def _imports(builder: PackBuilder, item: _File, base: Path) -> list[Path]:
    raw = item.data.get("imports")
    found: list[Path] = []
    for entry in raw if isinstance(raw, list) else []:
        if not isinstance(entry, str):
            continue
        target = item.path.parent / entry
        resolved = target.resolve()
        inside = base.resolve() in (resolved, *resolved.parents)
        if not inside or not target.is_file():
            builder.warn("import.espanso_imports", path=item.path.name, target=entry)
            continue
        found.append(target)
    return found


def _matches(data: dict[str, Any]) -> list[Any]:
    matches = data.get("matches") or []
    return matches if isinstance(matches, list) else []


def _triggers(match: dict[str, Any]) -> list[str]:
    raw = match.get("triggers") or [match.get("trigger")]
    return [
        str(t) for t in (raw if isinstance(raw, list) else [raw]) if isinstance(t, str | int | float) and t
    ]


def _import_file(context: _Context, item: _File) -> None:
    builder = context.builder
    path, data = item.path, item.data
    global_vars = _vars_by_name(data.get("global_vars"))
    for index, match in enumerate(_matches(data), start=1):
        where: Where = msg("import.where.match", source=path.name, index=index)
        builder.tick(index)
        if not isinstance(match, dict):
            builder.warn("import.skip_not_mapping", where=where)
            continue
        triggers = _triggers(match)
        where = f"{path.name}: {triggers[0]}" if triggers else where
        aliased = has_alias(match)
        if aliased:
            builder.warn("import.skip_alias", where=where, field=aliased)
            continue
        body = _body(builder, match, where)
        if body is None:
            continue
        variables = {**global_vars, **_vars_by_name(match.get("vars"))}
        raw_fields = match.get("form_fields")
        fields: dict[str, Any] = raw_fields if isinstance(raw_fields, dict) else {}
        text = _convert(context, body, variables, fields, where, depth=0)
        if text is None:
            continue
        codes = [_code(t) for t in triggers]
        terms = match.get("search_terms")
        tags = [str(t) for t in terms if isinstance(t, str | int)] if isinstance(terms, list) else []
        label = match.get("label")
        builder.add(
            text,
            title=str(label) if isinstance(label, str | int) and str(label).strip() else _title(text, codes),
            category=item.category,
            code=codes[0] if codes else "",
            tags=(*codes[1:], *tags),  # other triggers and espanso's search terms stay searchable
            where=where,
        )


def _title(text: str, codes: list[str]) -> str:
    return make_title(render_partial(text, {})) or (codes[0] if codes else "")


def _body(builder: PackBuilder, match: dict[str, Any], where: Where) -> str | None:
    if "regex" in match and not match.get("trigger") and not match.get("triggers"):
        builder.warn("import.simplified_regex", where=where, regex=str(match["regex"])[:80])
    for key in ("replace", "form", "markdown", "html"):
        if isinstance(match.get(key), str | int | float) and not isinstance(match.get(key), bool):
            if key in ("markdown", "html"):
                builder.warn("import.simplified_markup", where=where, kind=key)
            return normalize_newlines(str(match[key])).strip()
    what = "an image" if "image_path" in match else "no 'replace' text"
    builder.warn("import.skip_nothing", where=where, what=what)
    return None


def _code(trigger: str) -> str:
    # espanso triggers start with ':' or ';' by convention; QuickReply codes are typed into a search box.
    return trigger.lstrip(":;").strip() or trigger.strip()


def _vars_by_name(raw: Any) -> dict[str, dict[str, Any]]:
    if not isinstance(raw, list):
        return {}
    return {str(v["name"]): v for v in raw if isinstance(v, dict) and "name" in v}


def _convert(
    context: _Context,
    body: str,
    variables: dict[str, dict[str, Any]],
    fields: dict[str, Any],
    where: Where,
    depth: int,
) -> str | None:
    """The body as a QuickReply template (literal text escaped, variables mapped to placeholders); None
    when the whole body is one variable that cannot be imported (a shell command's output, say)."""
    builder = context.builder
    if _CURSOR in body:
        builder.warn("import.simplified_cursor", where=where, marker=_CURSOR)
        body = body.replace(_CURSOR, "")
    out: list[str] = []
    pos = 0
    pattern = re.compile(f"{_VAR.pattern}|{_FORM_FIELD.pattern}")
    unimportable: list[tuple[str, str]] = []
    for found in pattern.finditer(body):
        out.append(escape_braces(body[pos : found.start()]))
        if found.group(1) is not None:
            name, sub = found.group(1), (found.group(2) or "")[1:]
            out.append(_variable(context, name, sub, found.group(0), variables, where, depth, unimportable))
        else:
            out.append(_form_field(builder, found.group(3), fields.get(found.group(3))))
        pos = found.end()
    out.append(escape_braces(body[pos:]))
    text = "".join(out)
    rest = body
    for _, written in unimportable:
        rest = rest.replace(written, "")
    if unimportable and not rest.strip():
        kind, written = unimportable[0]
        builder.warn("import.skip_only_variable", where=where, kind=kind, written=written)
        return None
    for kind, written in unimportable:
        builder.warn("import.simplified_variable", where=where, kind=kind, name=written, written=written)
    return text


def _variable(
    context: _Context,
    raw: str,
    sub: str,
    written: str,
    variables: dict[str, dict[str, Any]],
    where: Where,
    depth: int,
    unimportable: list[tuple[str, str]],
) -> str:
    builder = context.builder
    var = variables.get(raw)
    if var is None:
        # Anything undefined is a blank for the agent to fill in.
        return "{" + placeholder_name(sub or raw) + "}"
    kind = str(var.get("type", ""))
    raw_params = var.get("params")
    params: dict[str, Any] = raw_params if isinstance(raw_params, dict) else {}
    if kind == "clipboard":
        return "{clipboard}"
    if kind == "date":
        fmt = str(params.get("format", ""))
        target = "time" if fmt and set(fmt) <= _TIME_ONLY else "date"
        builder.warn(
            "import.simplified_date", where=where, name=raw, fmt=fmt or "-", target="{" + target + "}"
        )
        return "{" + target + "}"
    if kind == "echo":  # espanso expands the variables inside an echo too
        echo = normalize_newlines(str(params.get("echo", "")))
        if depth >= MAX_MATCH_DEPTH or not _VAR.search(echo):
            return escape_braces(echo)
        inner = {k: v for k, v in variables.items() if k != raw}  # an echo of itself is text
        return _convert(context, echo, inner, {}, where, depth + 1) or ""
    if kind in ("choice", "random"):
        choices = _choices(params.get("values") or params.get("choices") or [])
        name = placeholder_name(raw)
        builder.declare(Placeholder(name=name, label=raw, choices=choices))
        if kind == "random":
            builder.warn("import.simplified_random", where=where, name=raw, target="{" + name + "}")
        return "{" + name + "}"
    if kind == "form":
        raw_fields = params.get("fields")
        form_fields: dict[str, Any] = raw_fields if isinstance(raw_fields, dict) else {}
        name = sub or raw
        _form_field(builder, name, form_fields.get(name))
        return "{" + placeholder_name(name) + "}"
    if kind == "match":
        trigger = str(params.get("trigger", ""))
        found = context.by_trigger.get(trigger)
        if found is None or depth >= MAX_MATCH_DEPTH:
            builder.warn("import.match_not_found", where=where, trigger=trigger)
            return "{" + placeholder_name(raw) + "}"
        match, global_vars = found
        body = next((str(match[k]) for k in ("replace", "form") if isinstance(match.get(k), str)), "")
        inner_vars = {**global_vars, **_vars_by_name(match.get("vars"))}
        raw_fields = match.get("form_fields")
        fields = raw_fields if isinstance(raw_fields, dict) else {}
        expanded = _convert(context, normalize_newlines(body), inner_vars, fields, where, depth + 1)
        return expanded or ""
    unimportable.append((kind or "unknown", written))
    return escape_braces(written)


def _form_field(builder: PackBuilder, raw: str, spec: Any) -> str:
    name = placeholder_name(raw)
    if isinstance(spec, dict) and spec.get("values"):
        default = spec.get("default")
        builder.declare(
            Placeholder(
                name=name,
                label=raw,
                choices=_choices(spec["values"]),
                default=str(default) if isinstance(default, str | int | float) else "",
            )
        )
    elif isinstance(spec, dict) and spec.get("default") not in (None, ""):
        builder.declare(Placeholder(name=name, label=raw, default=str(spec["default"])))
    return "{" + name + "}"


def _choices(values: Any) -> tuple[str, ...]:
    """Choice texts as espanso inserts them: a string as written, a `{label, id}` entry by its id."""
    if isinstance(values, str):
        values = values.splitlines()
    out = []
    for value in values if isinstance(values, list) else []:
        if isinstance(value, Alias):
            continue
        text = value.get("id", value.get("label", "")) if isinstance(value, dict) else value
        if text is not None and str(text).strip():
            out.append(str(text).strip())
    return tuple(dict.fromkeys(out))
