"""Command line (docs/cli.md): `quickreply` starts the tray app; subcommands work headless.

Exit codes: 0 ok, 1 problems found / values missing / unknown id, 2 usage error or app unavailable,
3 internal error (one line on stderr; QUICKREPLY_DEBUG=1 shows the traceback), 141 stdout (or stderr) was
closed before everything was written (`quickreply usage | head -1`): nothing more is said, as `cat` does.
Every line for a person goes through cli/output.py (the catalogue, in the CLI's language), help included.
Heavy modules (the search index, pinyin tables, Qt) are imported inside the commands that need them, so
`pack check` stays fast and no headless command ever loads Qt.
"""

from __future__ import annotations

import argparse
import difflib
import errno
import gc
import json
import logging
import os
import sys
import time
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path
from typing import Any

from quickreply import __version__
from quickreply.cli.help_language import speaking
from quickreply.cli.language import choose, cli_language
from quickreply.cli.lint import add_lint_command
from quickreply.cli.output import listing, pad, say, text, warn, warn_problem, width
from quickreply.cli.pack import add_pack_commands, add_sync_command
from quickreply.cli.start import start_app
from quickreply.cli.team import add_team_commands
from quickreply.cli.usage import add_usage_command
from quickreply.cli.usage_server import add_usage_server_command
from quickreply.core.library import load_library
from quickreply.core.messages import msg
from quickreply.core.model import Layer, Library, Phrase, Problem
from quickreply.core.packs.cache import gc_paused
from quickreply.core.packs.load import load_packs
from quickreply.core.settings.model import Settings, SettingsError, load_settings
from quickreply.core.template import MissingValues, builtin_values, placeholder_names, render
from quickreply.paths import app_paths

MAX_LOAD_ERRORS = 10  # beyond this, search/render point at `pack check` instead of flooding stderr
EXIT_PIPE_CLOSED = 141  # 128 + SIGPIPE: what a shell shows for `cat big | head -1`


def _load(packs: Sequence[Path] | None, use_cache: bool = True) -> Library:
    """The library (only `packs` when given). Loading errors go to stderr and never stop the command;
    warnings are only counted, so a search prints its hits and not a pack review."""
    library, problems = load_library(app_paths(), only=packs or None, use_cache=use_cache)
    errors = [p for p in problems if p.is_error]
    for problem in errors[:MAX_LOAD_ERRORS]:
        warn_problem(problem)
    more, warnings = len(errors) - min(len(errors), MAX_LOAD_ERRORS), len(problems) - len(errors)
    if more or warnings:
        which = "cli.load.both" if more and warnings else ("cli.load.more" if more else "cli.load.warnings")
        warn("cli.load.see_all", counts=msg(which, more=more, warnings=warnings))
    return library


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
    from quickreply.core.usage.counts import Usage

    usage = Usage.load(app_paths().usage_file)
    index.preferences = Preferences(usage, {pack.id: pack.layer for pack in library.packs})


def _search(ns: argparse.Namespace) -> int:
    if ns.stdin == (ns.query is not None):
        ns.parser.error(text("cli.search.query_or_stdin"))
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
        warn("cli.search.no_match", query=ns.query)
        return 0
    id_width = max(width(h.phrase.id) for h in hits)
    category_width = max(width(h.phrase.category) for h in hits)
    for rank, hit in enumerate(hits, 1):
        p = hit.phrase
        columns = (f"{rank:>2}", f"{hit.score:7.3f}", pad(p.id, id_width), pad(p.category, category_width))
        print("  ".join((*columns, p.title)))
    return 0


def _settings() -> Settings:
    try:
        settings, warnings = load_settings(app_paths().settings_file)
    except SettingsError as exc:
        warn("cli.settings_defaults", problem=exc.message)
        return Settings()
    for warning in warnings:
        warn(warning)
    return settings


def _clipboard_text() -> str | None:
    import pyperclip  # only when a phrase uses {clipboard}

    try:
        return str(pyperclip.paste())
    except pyperclip.PyperclipException as exc:
        warn("cli.render.no_clipboard", detail=str(exc))
        return None


def _parse_sets(ns: argparse.Namespace) -> dict[str, str]:
    values: dict[str, str] = {}
    for item in ns.set:
        name, sep, value = item.partition("=")
        if not sep or not name.strip():
            ns.parser.error(text("cli.render.bad_set", item=item))
        values[name.strip()] = value
    return values


def _render(ns: argparse.Namespace) -> int:
    given = _parse_sets(ns)
    library = _load(ns.pack)
    phrase = library.phrase(ns.id)
    if phrase is None:
        close = difflib.get_close_matches(ns.id, [p.id for p in library.phrases()], n=3)
        hint = msg("cli.render.did_you_mean", ids=listing(close)) if close else msg("cli.render.find_ids")
        warn("cli.render.no_id", id=ns.id, packs=len(library.packs), hint=hint)
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
        filled = render(phrase.text, values)
    except MissingValues as exc:
        profile_hint = msg("cli.render.profile_hint") if {"shop", "agent"} & set(exc.names) else ""
        warn("cli.render.missing", names=listing(list(exc.names)), hint=profile_hint)
        return 1
    sys.stdout.write(filled + "\n")
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
        say("cli.failed", errors=errors, warnings=warnings)
        return 1
    phrases = sum(len(p.phrases) for p in packs)
    note = msg("cli.warnings", warnings=warnings) if warnings else ""
    say("cli.check_ok", packs=len(packs), phrases=phrases, note=note)
    return 0


def _parser() -> argparse.ArgumentParser:
    """The whole parser, every help text in the CLI's language (so build it after `--lang` is known)."""
    parser = argparse.ArgumentParser(
        prog="quickreply", description=text("cli.help.description"), epilog=text("cli.help.epilog")
    )
    parser.add_argument(
        "--version",
        action="version",
        version=f"quickreply {__version__}",
        help=text("cli.help.version"),
    )
    parser.add_argument("--lang", dest="cli_lang", choices=LANG_CHOICES, help=text("cli.help.lang"))
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    pack_help = text("cli.help.pack_option")

    search = commands.add_parser("search", help=text("cli.help.search"), description=text("cli.help.search"))
    search.add_argument("query", nargs="?", metavar="QUERY", help=text("cli.help.search.query"))
    search.add_argument("--stdin", action="store_true", help=text("cli.help.search.stdin"))
    search.add_argument("--pack", action="append", type=Path, metavar="PATH", help=pack_help)
    search.add_argument(
        "--limit", type=_positive, default=10, metavar="N", help=text("cli.help.search.limit")
    )
    search.add_argument("--json", action="store_true", help=text("cli.help.search.json"))
    search.add_argument("--no-cache", action="store_true", help=text("cli.help.search.no_cache"))
    search.set_defaults(run=_search, parser=search)

    render = commands.add_parser("render", help=text("cli.help.render"), description=text("cli.help.render"))
    render.add_argument("id", metavar="ID", help=text("cli.help.render.id"))
    render.add_argument("--pack", action="append", type=Path, metavar="PATH", help=pack_help)
    render.add_argument(
        "--set", action="append", default=[], metavar="NAME=VALUE", help=text("cli.help.render.set")
    )
    render.set_defaults(run=_render, parser=render)

    pack = commands.add_parser("pack", help=text("cli.help.pack"), description=text("cli.help.pack"))
    pack_commands = pack.add_subparsers(dest="pack_command", metavar="PACK_COMMAND", required=True)
    check = pack_commands.add_parser("check", help=text("cli.help.check"), description=text("cli.help.check"))
    check.add_argument("paths", nargs="+", type=Path, metavar="PATH", help=text("cli.help.pack_paths"))
    check.add_argument("--strict", action="store_true", help=text("cli.help.check.strict"))
    check.set_defaults(run=_pack_check, parser=check)
    add_pack_commands(pack_commands)
    add_lint_command(pack_commands)
    add_sync_command(commands)
    add_team_commands(commands)
    add_usage_command(commands)
    add_usage_server_command(commands)
    return parser


LANG_CHOICES = ("zh", "zh_CN", "en")


def _leading_lang(args: Sequence[str]) -> str | None:
    """`--lang X` before the command (it must be known to build the help in that language); `usage`'s own
    `--lang`, after the command, is the report's."""
    for at, arg in enumerate(args):
        if not arg.startswith("-"):
            return None
        name, given, value = arg.partition("=")
        if name.startswith("--l") and "--lang".startswith(name):  # argparse takes `--la en` too
            if not given:
                value = args[at + 1] if at + 1 < len(args) else ""
            return value if value in LANG_CHOICES else None
    return None


def _positive(given: str) -> int:
    try:
        value = int(given)
    except ValueError:
        raise argparse.ArgumentTypeError(text("cli.not_whole_number", value=given)) from None
    if value < 1:
        raise argparse.ArgumentTypeError(text("cli.at_least_one"))
    return value


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if not args:
        return start_app()
    if sys.platform == "win32":  # pipes default to the ANSI code page (cp936, cp1252): print UTF-8 always
        for stream in (sys.stdout, sys.stderr, sys.stdin):
            if hasattr(stream, "reconfigure"):
                stream.reconfigure(encoding="utf-8")
    choose(_leading_lang(args))
    try:
        with speaking(cli_language()):  # also for a command's own `parser.error(…)`
            ns = _parser().parse_args(args)
            choose(ns.cli_lang)
            if ns.command is None:
                return start_app()
            _logs_for_developers()
            code = int(ns.run(ns))
        sys.stdout.flush()  # a closed pipe shows here, inside the barrier, not at interpreter exit
        return code
    except SystemExit as exc:  # argparse: --help/--version (0) or a usage error (2, message printed)
        if not _stdout_flushes():  # argparse ignored its failed write; the interpreter's exit would not
            _pipe_closed()
        return int(exc.code or 0)
    except BrokenPipeError:  # `quickreply usage | head -1`: the reader has all it wanted
        return _pipe_closed()
    except OSError as exc:
        if _closed_pipe_on_windows(exc):
            return _pipe_closed()
        return _crashed(exc)
    except Exception as exc:  # a last barrier: a bug prints one line, not a traceback
        return _crashed(exc)


def _crashed(exc: Exception) -> int:
    if os.environ.get("QUICKREPLY_DEBUG"):
        raise exc
    print(text("reliability.cli_crash", detail=f"{type(exc).__name__}: {exc}"), file=sys.stderr)
    return 3


def _stdout_flushes() -> bool:
    try:
        sys.stdout.flush()
    except BrokenPipeError:
        return False
    except OSError as exc:
        return not _closed_pipe_on_windows(exc)
    return True


def _closed_pipe_on_windows(exc: OSError) -> bool:
    """Windows reports a write to a pipe whose reader has gone as EINVAL (ERROR_NO_DATA through the C
    runtime), not EPIPE. A bad path is EINVAL too but carries a `winerror`; and only a stdout whose
    buffered text still cannot be written is a closed pipe."""
    if sys.platform != "win32" or exc.errno != errno.EINVAL or getattr(exc, "winerror", None):
        return False
    try:
        sys.stdout.flush()
    except OSError:
        return True
    return False


def _logs_for_developers() -> None:
    """Core's log records (a corrupt usage.json set aside, a cache that cannot be written) are English notes
    for developers; without a handler logging would print them bare on stderr. A person reads the
    catalogued lines instead; QUICKREPLY_DEBUG=1 shows the records too."""
    if os.environ.get("QUICKREPLY_DEBUG"):
        logging.basicConfig(level=logging.INFO, format="quickreply: %(levelname)s %(name)s: %(message)s")
        return
    ours = logging.getLogger("quickreply")
    if not any(isinstance(h, logging.NullHandler) for h in ours.handlers):
        ours.addHandler(logging.NullHandler())


def _pipe_closed() -> int:
    """Quiet, as `cat` is: no traceback, no "internal error"; the output that could not be written is
    dropped (stdout and stderr point at the null device, so the interpreter's last flush says nothing)."""
    for stream in (sys.stdout, sys.stderr):
        try:
            fd = stream.fileno()
        except (AttributeError, OSError, ValueError):  # not a real file (a test's capture)
            continue
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, fd)
        os.close(null)
    return EXIT_PIPE_CLOSED


if __name__ == "__main__":
    sys.exit(main())
