"""`quickreply pack import | export | diff` (docs/import-export.md); `pack check` is in commands.py."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from quickreply.cli.language import cli_language
from quickreply.core.file_names import file_name_problem
from quickreply.core.messages import msg, render
from quickreply.core.model import Layer, Pack
from quickreply.core.packs.load import load_pack
from quickreply.core.settings.model import atomic_write_text

EXPORT_FORMATS = ("toml", "qianniu-csv", "html")


def _warn(message: str) -> None:
    print(message, file=sys.stderr)


def _load_one(path: Path) -> Pack | None:
    """One pack file; its errors go to stderr (None when it cannot be used)."""
    pack, problems = load_pack(path, Layer.LOCAL)
    for problem in problems:
        if problem.is_error:
            _warn(f"quickreply: {problem}")
    if pack is None:
        _warn(f"quickreply: {path} cannot be read as a pack; see: quickreply pack check {path}")
    return pack


def _refuse_overwrite(out: Path, force: bool) -> bool:
    """Never overwrite a file silently: the user's own work could be lost. Also refuses a name Windows
    reserves (CON.toml, nul.toml …), on every platform, so a pack made here can be copied anywhere."""
    if file_name_problem(out.name):
        _warn("quickreply: " + render(msg("reliability.bad_file_name", name=out.name), cli_language()))
        return True
    if out.exists() and not force:
        _warn(f"quickreply: {out} exists; choose another name or pass --force to replace it")
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
        _warn(f"quickreply: {exc.render(cli_language())}")
        return 1
    # One line per kind of warning (with a count), not one per row: a flood would bury what matters.
    for line in render_warnings(result.warnings, "en", examples=ns.examples):
        _warn(f"quickreply: warning: {line}")
    if len(result.sources) > 1 or any(s.skipped or s.simplified for s in result.sources):
        for source in result.sources:
            _warn(f"quickreply: {source.message().render(cli_language())}")
    offer = result.blanks_offer()
    if offer is not None:  # offered, never done unasked: "[1]" or "[注]" may be meant literally
        _warn(f"quickreply: {render(offer, 'en')}; {render(msg('import.offer_blanks_cli'), 'en')}")
    atomic_write_text(ns.output, pack_to_toml(result.pack))
    how = ", ".join(x for x in (result.format or ns.format, result.encoding) if x)
    print(f"imported {len(result.pack.phrases)} phrases ({how}) -> {ns.output}")
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
    lang = cli_language()
    for problem in hits[:10]:
        _warn(f"quickreply: rule: {problem.describe(lang)}")
    more = f" ({len(hits) - 10} more)" if len(hits) > 10 else ""
    _warn(f"quickreply: {len(hits)} platform-rule hits{more}; fix them before rolling the pack out: {see}")


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
            _warn(f"quickreply: {exc}")
            return 1
        for warning in export.warnings:
            _warn(f"quickreply: warning: {warning.render(cli_language())}")
        ns.output.write_bytes(export.data)
    elif ns.format == "html":
        atomic_write_text(ns.output, pack_to_cheatsheet_html(pack))
    else:
        atomic_write_text(ns.output, pack_to_toml(pack))
    print(f"exported {len(pack.phrases)} phrases as {ns.format} -> {ns.output}")
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
    for line in diff.lines():
        print(line)
    if diff.version_unchanged:
        _warn("quickreply: warning: the content changed but [pack] version did not; bump it to publish")
    return 0


def _pack_sync(ns: argparse.Namespace) -> int:
    from quickreply.core.sync.run import run_sync_command
    from quickreply.paths import app_paths

    code = int(run_sync_command(app_paths(), ns.json, sys.stdout, lang=cli_language()))
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
        help="import from 千牛 CSV/xlsx, espanso, Beeftext, AutoHotkey, Markdown, TextExpander, text",
    )
    imp.add_argument("source", type=Path, metavar="SRC")
    imp.add_argument("-o", "--output", type=Path, required=True, metavar="OUT.toml")
    imp.add_argument("--format", choices=FORMATS, help="input format (default: detected)")
    imp.add_argument("--pack-id", metavar="ID", help="[pack] id of the new pack")
    imp.add_argument("--name", metavar="NAME", help="[pack] name of the new pack")
    imp.add_argument("--force", action="store_true", help="replace OUT if it exists")
    imp.add_argument(
        "--blanks",
        action="store_true",
        help="Markdown: turn [变量] into the blank {变量} (default: kept as written, and counted)",
    )
    imp.add_argument(
        "--examples", type=int, default=3, metavar="N", help="warnings shown per kind (default 3)"
    )
    imp.set_defaults(run=_pack_import, parser=imp)

    exp = pack_commands.add_parser("export", help="write a pack as TOML, 千牛 CSV or an HTML cheat sheet")
    exp.add_argument("pack", type=Path, metavar="PACK")
    exp.add_argument("-o", "--output", type=Path, required=True, metavar="OUT")
    exp.add_argument("--format", choices=EXPORT_FORMATS, default="toml")
    exp.add_argument("--encoding", choices=("gbk", "utf-8"), default="gbk", help="for qianniu-csv")
    exp.add_argument(
        "--excel-safe",
        action="store_true",
        help="for qianniu-csv opened in Excel: a leading ' on cells starting with = + - @ or a tab",
    )
    exp.add_argument("--force", action="store_true", help="replace OUT if it exists")
    exp.set_defaults(run=_pack_export, parser=exp)

    diff = pack_commands.add_parser("diff", help="phrases added, changed and removed between two versions")
    diff.add_argument("old", type=Path, metavar="OLD")
    diff.add_argument("new", type=Path, metavar="NEW")
    diff.add_argument("--json", action="store_true")
    diff.set_defaults(run=_pack_diff, parser=diff)


def add_sync_command(commands: argparse._SubParsersAction) -> None:
    sync = commands.add_parser("sync", help="fetch subscribed team packs ([[subscriptions]] in settings)")
    sync.add_argument("--json", action="store_true")
    sync.set_defaults(run=_pack_sync, parser=sync)
