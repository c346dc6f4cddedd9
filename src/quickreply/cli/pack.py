"""`quickreply pack import | export | diff` (docs/import-export.md); `pack check` is in commands.py."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from quickreply.cli.language import cli_language
from quickreply.cli.output import say, text, warn, warn_problem
from quickreply.core.file_names import file_name_problem
from quickreply.core.messages import msg
from quickreply.core.model import Layer, Pack
from quickreply.core.packs.diff import PackDiff
from quickreply.core.packs.load import load_pack
from quickreply.core.settings.model import atomic_write_text

EXPORT_FORMATS = ("toml", "qianniu-csv", "html")


def _load_one(path: Path) -> Pack | None:
    """One pack file; its errors go to stderr (None when it cannot be used)."""
    pack, problems = load_pack(path, Layer.LOCAL)
    for problem in problems:
        if problem.is_error:
            warn_problem(problem)
    if pack is None:
        warn("cli.pack.unusable", path=path)
    return pack


def _refuse_overwrite(out: Path, force: bool) -> bool:
    """Never overwrite a file silently: the user's own work could be lost. Also refuses a name Windows
    reserves (CON.toml, nul.toml …), on every platform, so a pack made here can be copied anywhere."""
    if file_name_problem(out.name):
        warn("reliability.bad_file_name", name=out.name)
        return True
    if out.exists() and not force:
        warn("cli.pack.exists", path=out)
        return True
    return False


def _pack_import(ns: argparse.Namespace) -> int:
    from quickreply.core.importers import ImportFailed, import_file, render_warnings
    from quickreply.core.packs.export import pack_to_toml

    if _refuse_overwrite(ns.output, ns.force):
        return 1
    try:
        result = import_file(ns.source, ns.format, ns.pack_id or "", ns.name or "", blanks=ns.blanks)
    except ImportFailed as exc:
        warn(exc.message)
        return 1
    # One line per kind of warning (with a count), not one per row: a flood would bury what matters.
    for line in render_warnings(result.warnings, cli_language(), examples=ns.examples):
        warn("cli.warning", text=line)
    if len(result.sources) > 1 or any(s.skipped or s.simplified for s in result.sources):
        for source in result.sources:
            warn(source.message())
    offer = result.blanks_offer()
    if offer is not None:  # offered, never done unasked: "[1]" or "[注]" may be meant literally
        warn("cli.pack.offer", offer=offer, how=msg("import.offer_blanks_cli"))
    atomic_write_text(ns.output, pack_to_toml(result.pack))
    how = ", ".join(x for x in (result.format or ns.format, result.encoding) if x)
    say("cli.pack.imported", phrases=len(result.pack.phrases), how=how, path=ns.output)
    _list_rule_hits([ns.output], f"quickreply pack lint {ns.output}")
    return 0


def _list_rule_hits(paths: list[Path], see: str) -> None:
    """After an import or a sync: what in these packs breaks a platform rule (listed; nothing fails)."""
    from quickreply.cli.lint import lint_problems, user_rule_set
    from quickreply.core.packs.load import load_packs

    packs, _ = load_packs(paths, Layer.LOCAL)
    user, _ = user_rule_set(None)
    hits = [p for p in lint_problems(packs, user) if p.item_id]
    if not hits:
        return
    for problem in hits[:10]:
        warn("cli.pack.rule_hit", problem=problem.describe(cli_language()))
    more = msg("cli.pack.rule_more", more=len(hits) - 10) if len(hits) > 10 else ""
    warn("cli.pack.rule_hits", hits=len(hits), more=more, see=see)


def _pack_export(ns: argparse.Namespace) -> int:
    from quickreply.core.packs.export import (
        ExportError,
        pack_to_cheatsheet_html,
        pack_to_qianniu_csv,
        pack_to_toml,
    )

    pack = _load_one(ns.pack)
    if pack is None or _refuse_overwrite(ns.output, ns.force):
        return 1
    if ns.format == "qianniu-csv":
        try:
            export = pack_to_qianniu_csv(pack, ns.encoding, excel_safe=ns.excel_safe)
        except ExportError as exc:
            warn(exc.message)
            return 1
        for warning in export.warnings:
            warn("cli.warning", text=warning)
        ns.output.write_bytes(export.data)
    elif ns.format == "html":
        atomic_write_text(ns.output, pack_to_cheatsheet_html(pack, cli_language()))
    else:
        atomic_write_text(ns.output, pack_to_toml(pack))
    say("cli.pack.exported", phrases=len(pack.phrases), format=ns.format, path=ns.output)
    return 0


def _pack_diff(ns: argparse.Namespace) -> int:
    from quickreply.core.packs.diff import diff_packs

    old, new = _load_one(ns.old), _load_one(ns.new)
    if old is None or new is None:
        return 1
    diff = diff_packs(old, new)
    if ns.json:
        print(json.dumps(diff.to_json(), ensure_ascii=False, indent=2))
        return 0
    print(diff.summary().render(cli_language()))
    for line in diff_lines(diff):
        print(line)
    if diff.version_unchanged:
        warn("cli.warning", text=msg("cli.diff.version_unchanged"))
    return 0


def diff_lines(diff: PackDiff) -> list[str]:
    """One line per item: `+ id  title`, `~ id  title  (fields)`, `- id` (fields are the TOML keys)."""

    def row(mark: str, what: str, key: str, fields: tuple[str, ...] | None = None) -> str:
        changed = f"  ({', '.join(fields)})" if fields is not None else ""
        return f"{mark} {text(what, id=key)}{changed}".rstrip()

    titles = diff.titles
    out = [f"+ {pid}  {titles.get(pid, '')}".rstrip() for pid in diff.added]
    out += [
        f"~ {pid}  {titles.get(pid, '')}  ({', '.join(diff.changed_fields.get(pid, ()))})"
        for pid in diff.changed
    ]
    out += [f"- {pid}  {titles.get(pid, '')}".rstrip() for pid in diff.removed]
    out += [row("+", "cli.diff.script", sid) for sid in diff.scripts_added]
    out += [row("~", "cli.diff.script", sid, diff.script_fields.get(sid, ())) for sid in diff.scripts_changed]
    out += [row("-", "cli.diff.script", sid) for sid in diff.scripts_removed]
    out += [row("~", "cli.diff.placeholder", name) for name in diff.placeholders_changed]
    return out


def _pack_sync(ns: argparse.Namespace) -> int:
    from quickreply.cli.sync import sync_command
    from quickreply.paths import app_paths

    code = sync_command(app_paths(), ns.json, sys.stdout)
    if not ns.json:
        from quickreply.core.sync.offline import subscriptions_dir

        copies = subscriptions_dir(app_paths())
        files = sorted(copies.rglob("*.toml")) if copies.is_dir() else []
        if files:
            _list_rule_hits(files, f"quickreply pack lint {copies}")
    return code


def add_pack_commands(pack_commands: argparse._SubParsersAction) -> None:
    """Register import/export/diff under `quickreply pack`."""
    from quickreply.core.importers import FORMATS

    imp = pack_commands.add_parser(
        "import",
        help=text("cli.help.import"),
        description=text("cli.help.import"),
    )
    imp.add_argument("source", type=Path, metavar="SRC", help=text("cli.help.import.source"))
    imp.add_argument(
        "-o", "--output", type=Path, required=True, metavar="OUT.toml", help=text("cli.help.import.output")
    )
    imp.add_argument("--format", choices=FORMATS, help=text("cli.help.import.format"))
    imp.add_argument("--pack-id", metavar="ID", help=text("cli.help.import.pack_id"))
    imp.add_argument("--name", metavar="NAME", help=text("cli.help.import.name"))
    imp.add_argument("--force", action="store_true", help=text("cli.help.force"))
    imp.add_argument(
        "--blanks",
        action="store_true",
        help=text("cli.help.import.blanks"),
    )
    imp.add_argument("--examples", type=int, default=3, metavar="N", help=text("cli.help.import.examples"))
    imp.set_defaults(run=_pack_import, parser=imp)

    exp = pack_commands.add_parser(
        "export", help=text("cli.help.export"), description=text("cli.help.export")
    )
    exp.add_argument("pack", type=Path, metavar="PACK", help=text("cli.help.export.pack"))
    exp.add_argument(
        "-o", "--output", type=Path, required=True, metavar="OUT", help=text("cli.help.export.output")
    )
    exp.add_argument("--format", choices=EXPORT_FORMATS, default="toml", help=text("cli.help.export.format"))
    exp.add_argument(
        "--encoding", choices=("gbk", "utf-8"), default="gbk", help=text("cli.help.export.encoding")
    )
    exp.add_argument(
        "--excel-safe",
        action="store_true",
        help=text("cli.help.export.excel_safe"),
    )
    exp.add_argument("--force", action="store_true", help=text("cli.help.force"))
    exp.set_defaults(run=_pack_export, parser=exp)

    diff = pack_commands.add_parser("diff", help=text("cli.help.diff"), description=text("cli.help.diff"))
    diff.add_argument("old", type=Path, metavar="OLD", help=text("cli.help.diff.old"))
    diff.add_argument("new", type=Path, metavar="NEW", help=text("cli.help.diff.new"))
    diff.add_argument("--json", action="store_true", help=text("cli.help.diff.json"))
    diff.set_defaults(run=_pack_diff, parser=diff)


def add_sync_command(commands: argparse._SubParsersAction) -> None:
    sync = commands.add_parser("sync", help=text("cli.help.sync"), description=text("cli.help.sync"))
    sync.add_argument("--json", action="store_true", help=text("cli.help.sync.json"))
    sync.set_defaults(run=_pack_sync, parser=sync)
