"""Command line (docs/cli.md): `quickreply` starts the tray app; subcommands work headless.

Exit codes: 0 ok, 1 problems found / values missing / unknown id, 2 usage error or app unavailable,
3 internal error (one line on stderr; QUICKREPLY_DEBUG=1 shows the traceback).
Heavy modules (the search index, pinyin tables, Qt) are imported inside the commands that need them, so
`pack check` stays fast and no headless command ever loads Qt.
"""

from __future__ import annotations

import argparse
import difflib
import gc
import json
import os
import sys
import time
import unicodedata
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path
from typing import Any

from quickreply import __version__
from quickreply.cli.language import choose, cli_language
from quickreply.cli.lint import add_lint_command
from quickreply.cli.pack import add_pack_commands, add_sync_command
from quickreply.cli.start import start_app
from quickreply.cli.team import add_team_commands
from quickreply.cli.usage import add_usage_command
from quickreply.cli.usage_server import add_usage_server_command
from quickreply.core.library import load_library
from quickreply.core.messages import msg
from quickreply.core.messages import render as render_message
from quickreply.core.model import Layer, Library, Phrase, Problem
from quickreply.core.packs.cache import gc_paused
from quickreply.core.packs.load import load_packs
from quickreply.core.settings.model import Settings, SettingsError, load_settings
from quickreply.core.template import MissingValues, builtin_values, placeholder_names, render
from quickreply.paths import app_paths

MAX_LOAD_ERRORS = 10  # beyond this, search/render point at `pack check` instead of flooding stderr


def _warn(message: str) -> None:
    print(message, file=sys.stderr)


def _load(packs: Sequence[Path] | None, use_cache: bool = True) -> Library:
    """The library (only `packs` when given). Loading errors go to stderr and never stop the command;
    warnings are only counted, so a search prints its hits and not a pack review."""
    library, problems = load_library(app_paths(), only=packs or None, use_cache=use_cache)
    errors = [p for p in problems if p.is_error]
    for problem in errors[:MAX_LOAD_ERRORS]:
        _warn(f"quickreply: {problem}")
    more, warnings = len(errors) - min(len(errors), MAX_LOAD_ERRORS), len(problems) - len(errors)
    if more or warnings:
        counts = ", ".join(f"{n} {what}" for n, what in ((more, "more errors"), (warnings, "warnings")) if n)
        _warn(f"quickreply: {counts} in the packs; see all with: quickreply pack check PATH")
    return library


def _width(text: str) -> int:
    """Terminal columns: Chinese characters take two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _pad(text: str, width: int) -> str:
    return text + " " * max(0, width - _width(text))


def _hit_json(hit: Any) -> dict[str, Any]:
    phrase: Phrase = hit.phrase
    return {
        "id": phrase.id,
        "title": phrase.title,
        "category": phrase.category,
        "score": round(float(hit.score), 4),
    }


def _prefer(index: Any, library: Library) -> None:
    """Rank as the popup does: the agent's picks, pins and use (usage.json, read only) and the layers."""
    from quickreply.core.search.prefer import Preferences
    from quickreply.core.usage import Usage

    usage = Usage.load(app_paths().usage_file)
    index.preferences = Preferences(usage, {pack.id: pack.layer for pack in library.packs})


def _search(ns: argparse.Namespace) -> int:
    if ns.stdin == (ns.query is not None):
        ns.parser.error("give either a QUERY or --stdin")
    from quickreply.core.search.cache import load_or_build_library_index  # pinyin tables: only here

    # Library and index are 100k+ acyclic objects: GC passes while building/unpickling cost seconds, and
    # one pause over both (not one each) spares the passes over the library when the first one ends.
    with gc_paused():
        library = _load(ns.pack, use_cache=not ns.no_cache)
        cache_dir = None if ns.no_cache else app_paths().index_cache_dir
        index = load_or_build_library_index(library.packs, library.phrases(), cache_dir)
        gc.freeze()  # lives until exit: no collection (as the pause ends, or per --stdin line) rescans it
    index.add_synonyms([group for pack in library.packs for group in pack.synonyms])
    _prefer(index, library)
    if ns.stdin:
        for number, line in enumerate(sys.stdin):
            query = line.rstrip("\r\n")
            if number == 0:
                query = query.lstrip("\ufeff")  # a BOM from Windows tools
            start = time.perf_counter()
            hits = index.search(query, ns.limit)
            elapsed_ms = (time.perf_counter() - start) * 1000
            row = {"query": query, "hits": [_hit_json(h) for h in hits], "elapsed_ms": round(elapsed_ms, 3)}
            print(json.dumps(row, ensure_ascii=False), flush=True)
        return 0
    hits = index.search(ns.query, ns.limit)
    if ns.json:
        print(json.dumps([_hit_json(h) for h in hits], ensure_ascii=False, indent=2))
        return 0
    if not hits:
        _warn(f"quickreply: no phrase matches '{ns.query}'")
        return 0
    id_width = max(_width(h.phrase.id) for h in hits)
    category_width = max(_width(h.phrase.category) for h in hits)
    for rank, hit in enumerate(hits, 1):
        p = hit.phrase
        columns = (f"{rank:>2}", f"{hit.score:7.3f}", _pad(p.id, id_width), _pad(p.category, category_width))
        print("  ".join((*columns, p.title)))
    return 0


def _settings() -> Settings:
    try:
        settings, warnings = load_settings(app_paths().settings_file)
    except SettingsError as exc:
        _warn(f"quickreply: {exc}; using default settings")
        return Settings()
    if warnings:
        for warning in warnings:
            _warn(f"quickreply: {render_message(warning, cli_language())}")
    return settings


def _clipboard_text() -> str | None:
    import pyperclip  # only when a phrase uses {clipboard}

    try:
        return str(pyperclip.paste())
    except pyperclip.PyperclipException as exc:
        _warn(f"quickreply: cannot read the clipboard ({exc})")
        return None


def _parse_sets(ns: argparse.Namespace) -> dict[str, str]:
    values: dict[str, str] = {}
    for item in ns.set:
        name, sep, value = item.partition("=")
        if not sep or not name.strip():
            ns.parser.error(f"--set needs NAME=VALUE, got '{item}'")
        values[name.strip()] = value
    return values


def _render(ns: argparse.Namespace) -> int:
    given = _parse_sets(ns)
    library = _load(ns.pack)
    phrase = library.phrase(ns.id)
    if phrase is None:
        close = difflib.get_close_matches(ns.id, [p.id for p in library.phrases()], n=3)
        hint = f"; did you mean {', '.join(close)}?" if close else "; find ids with: quickreply search QUERY"
        _warn(f"quickreply: no phrase with id '{ns.id}' in {len(library.packs)} loaded packs{hint}")
        return 1
    names = placeholder_names(phrase.text)  # loaded phrases have well-formed placeholders
    values: dict[str, str] = {}
    for name in names:
        declared = library.placeholder(name, phrase.pack_id)
        if declared and declared.default:
            values[name] = declared.default
    settings = _settings()
    clipboard = _clipboard_text() if "clipboard" in names and "clipboard" not in given else None
    profile = settings.profile
    values.update(
        builtin_values(profile.shop, profile.agent, datetime.now(), clipboard, settings.ui.language)
    )
    values.update(given)
    try:
        text = render(phrase.text, values)
    except MissingValues as exc:
        hint = (
            " (or set shop/agent under [profile] in settings.toml)"
            if {"shop", "agent"} & set(exc.names)
            else ""
        )
        _warn(f"quickreply: missing values: {', '.join(exc.names)} — pass them with --set NAME=VALUE{hint}")
        return 1
    sys.stdout.write(text + "\n")
    return 0


def _count(problems: list[Problem]) -> tuple[int, int]:
    errors = sum(1 for p in problems if p.is_error)
    return errors, len(problems) - errors


def _pack_check(ns: argparse.Namespace) -> int:
    from quickreply.cli.lint import lint_problems, user_rule_set

    packs, problems = load_packs(ns.paths, Layer.LOCAL)
    user, user_problems = user_rule_set(None)
    problems = [*problems, *user_problems, *lint_problems(packs, user)]  # platform rules (pack lint) too
    lang = cli_language()
    for problem in problems:
        print(problem.describe(lang))
    errors, warnings = _count(problems)
    if errors or (ns.strict and warnings):
        print(msg("cli.failed", errors=errors, warnings=warnings).render(lang))
        return 1
    phrases = sum(len(p.phrases) for p in packs)
    note = msg("cli.warnings", warnings=warnings) if warnings else ""
    print(msg("cli.check_ok", packs=len(packs), phrases=phrases, note=note).render(lang))
    return 0


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="quickreply",
        description="快捷回复 QuickReply. With no command, starts the tray app.",
        epilog="Exit codes: 0 ok, 1 problems found or values missing, 2 usage error, 3 internal error.",
    )
    parser.add_argument("--version", action="version", version=f"quickreply {__version__}")
    parser.add_argument(
        "--lang",
        dest="cli_lang",
        choices=("zh", "zh_CN", "en"),
        help="language of messages (default: QUICKREPLY_LANG, else the system locale)",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    pack_help = "load only this pack file or folder (repeatable); default: the whole library"

    search = commands.add_parser("search", help="search phrases as the popup does")
    search.add_argument("query", nargs="?", metavar="QUERY")
    search.add_argument("--stdin", action="store_true", help="one query per input line; JSON lines out")
    search.add_argument("--pack", action="append", type=Path, metavar="PATH", help=pack_help)
    search.add_argument(
        "--limit", type=_positive, default=10, metavar="N", help="at most N hits (default 10)"
    )
    search.add_argument("--json", action="store_true", help="print a JSON list of hits, best first")
    search.add_argument(
        "--no-cache",
        action="store_true",
        help="parse packs and build the index afresh; read and write no cache",
    )
    search.set_defaults(run=_search, parser=search)

    render = commands.add_parser("render", help="print a phrase with its placeholders filled")
    render.add_argument("id", metavar="ID", help="phrase id")
    render.add_argument("--pack", action="append", type=Path, metavar="PATH", help=pack_help)
    render.add_argument(
        "--set", action="append", default=[], metavar="NAME=VALUE", help="a placeholder value"
    )
    render.set_defaults(run=_render, parser=render)

    pack = commands.add_parser("pack", help="work with pack files")
    pack_commands = pack.add_subparsers(dest="pack_command", metavar="PACK_COMMAND", required=True)
    check = pack_commands.add_parser("check", help="check pack files; one line per problem")
    check.add_argument("paths", nargs="+", type=Path, metavar="PATH", help="pack file or folder of *.toml")
    check.add_argument("--strict", action="store_true", help="warnings fail too (exit 1)")
    check.set_defaults(run=_pack_check, parser=check)
    add_pack_commands(pack_commands)
    add_lint_command(pack_commands)
    add_sync_command(commands)
    add_team_commands(commands)
    add_usage_command(commands)
    add_usage_server_command(commands)
    return parser


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a whole number") from None
    if value < 1:
        raise argparse.ArgumentTypeError("must be 1 or more")
    return value


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if not args:
        return start_app()
    if sys.platform == "win32":  # pipes default to the ANSI code page (cp936, cp1252): print UTF-8 always
        for stream in (sys.stdout, sys.stderr, sys.stdin):
            if hasattr(stream, "reconfigure"):
                stream.reconfigure(encoding="utf-8")
    try:
        ns = _parser().parse_args(args)
        choose(ns.cli_lang)
        if ns.command is None:
            return start_app()
        return int(ns.run(ns))
    except SystemExit as exc:  # argparse: --help/--version (0) or a usage error (2, message printed)
        return int(exc.code or 0)
    except Exception as exc:  # a last barrier: a bug prints one line, not a traceback
        if os.environ.get("QUICKREPLY_DEBUG"):
            raise
        crash = msg("reliability.cli_crash", detail=f"{type(exc).__name__}: {exc}")
        _warn(render_message(crash, cli_language()))
        return 3


if __name__ == "__main__":
    sys.exit(main())
