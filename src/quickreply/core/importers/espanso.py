"""espanso match files (YAML): `trigger`/`triggers` -> code, `replace` -> text, `{{var}}` -> `{var}`."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from quickreply.core.importers.common import (
    ImportFailed,
    ImportResult,
    PackBuilder,
    decode_text,
    make_title,
    normalize_newlines,
    placeholder_name,
)
from quickreply.core.model import Placeholder
from quickreply.core.template import escape_braces, render_partial

_VAR = re.compile(r"\{\{\s*([^{}\s]+)\s*\}\}")
_FORM_FIELD = re.compile(r"\[\[\s*([^\[\]\s]+)\s*\]\]")
_CURSOR = "$|$"
_TIME_ONLY = set("HIMSpPlkr%:. ")  # strftime codes and separators of a time of day


def looks_like_espanso(text: str) -> bool:
    return re.search(r"^matches\s*:", text, re.MULTILINE) is not None


def import_espanso(paths: list[Path], source: str, pack_id: str, name: str) -> ImportResult:
    """A pack from one match file, or from every .yml/.yaml file of a folder (category = file name)."""
    builder = PackBuilder(pack_id, name, source, description="从 espanso 导入")
    encodings: set[str] = set()
    for path in paths:
        text, encoding = decode_text(path.read_bytes(), str(path))
        encodings.add(encoding)
        _import_file(builder, path, _load(text, path))
    return ImportResult(builder.build(), tuple(builder.warnings), "/".join(sorted(encodings)))


def _load(text: str, path: Path) -> dict[str, Any]:
    try:
        import yaml  # imported here: only this format needs it
    except ImportError as exc:
        raise ImportFailed("reading espanso files needs the PyYAML package (pip install pyyaml)") from exc
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise ImportFailed(f"{path}: not valid YAML ({exc}); fix the file in espanso first") from exc
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise ImportFailed(f"{path}: an espanso match file holds a mapping with a 'matches:' list")
    return data


def _import_file(builder: PackBuilder, path: Path, data: dict[str, Any]) -> None:
    global_vars = _vars_by_name(data.get("global_vars"))
    matches = data.get("matches") or []
    if not isinstance(matches, list):
        raise ImportFailed(f"{path}: 'matches' must be a list of matches")
    for index, match in enumerate(matches, start=1):
        where = f"{path.name}: match {index}"
        if not isinstance(match, dict):
            builder.warn(f"{where}: not a mapping; skipped")
            continue
        triggers = [str(t) for t in (match.get("triggers") or [match.get("trigger")]) if t]
        where = f"{path.name}: {triggers[0]}" if triggers else where
        body = _body(builder, match, where)
        if body is None:
            continue
        variables = {**global_vars, **_vars_by_name(match.get("vars"))}
        text = _convert(builder, body, variables, match.get("form_fields") or {}, where)
        codes = [_code(t) for t in triggers]
        builder.add(
            text,
            title=str(match.get("label") or "") or make_title(render_partial(text, {})),
            category=path.stem,
            code=codes[0] if codes else "",
            tags=tuple(codes[1:]),  # other triggers stay searchable
            where=where,
        )


def _body(builder: PackBuilder, match: dict[str, Any], where: str) -> str | None:
    if "regex" in match and not match.get("trigger") and not match.get("triggers"):
        builder.warn(f"{where}: regex trigger '{match['regex']}' has no equivalent; imported without a code")
    for key in ("replace", "form", "markdown", "html"):
        if isinstance(match.get(key), str):
            if key in ("markdown", "html"):
                builder.warn(f"{where}: {key} text imported as plain text with its markup")
            return normalize_newlines(match[key]).strip()
    what = "an image" if "image_path" in match else "no 'replace' text"
    builder.warn(f"{where}: {what}, nothing to import; skipped")
    return None


def _code(trigger: str) -> str:
    # espanso triggers start with ':' or ';' by convention; QuickReply codes are typed into a search box.
    return trigger.lstrip(":;").strip() or trigger.strip()


def _vars_by_name(raw: Any) -> dict[str, dict[str, Any]]:
    if not isinstance(raw, list):
        return {}
    return {str(v["name"]): v for v in raw if isinstance(v, dict) and "name" in v}


def _convert(
    builder: PackBuilder, body: str, variables: dict[str, dict[str, Any]], fields: dict[str, Any], where: str
) -> str:
    """The body as a QuickReply template: literal text escaped, variables mapped to placeholders."""
    if _CURSOR in body:
        builder.warn(f"{where}: cursor marker $|$ removed (the pasted text ends where it ends)")
        body = body.replace(_CURSOR, "")
    out: list[str] = []
    pos = 0
    pattern = re.compile(f"{_VAR.pattern}|{_FORM_FIELD.pattern}")
    for found in pattern.finditer(body):
        out.append(escape_braces(body[pos : found.start()]))
        if found.group(1) is not None:
            out.append(_variable(builder, found.group(1), found.group(0), variables, where))
        else:
            out.append(_form_field(builder, found.group(2), fields.get(found.group(2))))
        pos = found.end()
    out.append(escape_braces(body[pos:]))
    return "".join(out)


def _variable(
    builder: PackBuilder, raw: str, written: str, variables: dict[str, dict[str, Any]], where: str
) -> str:
    var = variables.get(raw)
    if var is None:
        # `{{form1.city}}` reads the field of a form variable; anything else undefined is a blank to ask for.
        return "{" + placeholder_name(raw.rsplit(".", 1)[-1]) + "}"
    kind = str(var.get("type", ""))
    raw_params = var.get("params")
    params: dict[str, Any] = raw_params if isinstance(raw_params, dict) else {}
    if kind == "clipboard":
        return "{clipboard}"
    if kind == "date":
        fmt = str(params.get("format", ""))
        target = "time" if fmt and set(fmt) <= _TIME_ONLY else "date"
        builder.warn(
            f"{where}: date variable '{raw}' ({fmt or 'no format'}) becomes {{{target}}} in its format"
        )
        return "{" + target + "}"
    if kind == "echo":
        return escape_braces(str(params.get("echo", "")))
    if kind in ("choice", "random"):
        choices = _choices(params.get("values") or params.get("choices") or [])
        name = placeholder_name(raw)
        builder.declare(Placeholder(name=name, label=raw, choices=choices))
        if kind == "random":
            builder.warn(f"{where}: random variable '{raw}' becomes a choice {{{name}}} the agent picks")
        return "{" + name + "}"
    builder.warn(f"{where}: {kind or 'unknown'} variable '{raw}' cannot be imported; kept as text {written}")
    return escape_braces(written)


def _form_field(builder: PackBuilder, raw: str, spec: Any) -> str:
    name = placeholder_name(raw)
    if isinstance(spec, dict) and spec.get("values"):
        builder.declare(Placeholder(name=name, label=raw, choices=_choices(spec["values"])))
    elif isinstance(spec, dict) and spec.get("default"):
        builder.declare(Placeholder(name=name, label=raw, default=str(spec["default"])))
    return "{" + name + "}"


def _choices(values: Any) -> tuple[str, ...]:
    if isinstance(values, str):
        values = values.splitlines()
    out = []
    for value in values if isinstance(values, list) else []:
        text = value.get("label", value.get("id", "")) if isinstance(value, dict) else value
        if str(text).strip():
            out.append(str(text).strip())
    return tuple(out)
