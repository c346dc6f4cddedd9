"""`quickreply subscribe URL|FOLDER` and `quickreply unsubscribe URL|FOLDER|NAME` (docs/team-packs.md).

For scripted roll-outs: each edits only the `[[subscriptions]]` entries of the agent's own settings.toml,
so their `[profile]` and everything else stay as they are.
Exit codes: 0 done (or nothing to do), 1 subscribed but the first sync failed / nothing matched,
2 the target or settings.toml cannot be used (nothing changed).
"""

from __future__ import annotations

import argparse
import sys
from datetime import datetime

from quickreply.cli.output import say, text, warn
from quickreply.cli.sync import report_lines
from quickreply.core.messages import Message, msg
from quickreply.paths import app_paths


def _say(message: Message, err: bool = False) -> None:
    print(text(message), file=sys.stderr if err else sys.stdout)


def _list() -> int:
    from quickreply.core.settings.model import SettingsError
    from quickreply.core.sync.offline import read_state, source_dir, subscriptions_dir
    from quickreply.core.sync.report import show_time
    from quickreply.core.sync.subscriptions import load_subscriptions

    paths = app_paths()
    try:
        config, problems = load_subscriptions(paths.settings_file)
    except SettingsError as exc:
        warn(exc.message)
        return 2
    for problem in problems:
        _say(problem, err=True)
    if not config.sources:
        _say(msg("team.no_subscriptions"))
        return 0
    cache = subscriptions_dir(paths)
    for source in config.sources:
        state = read_state(source_dir(cache, source))
        errors = state.errors()
        status = msg("cli.team_failed" if errors else ("cli.team_ok" if state.last_ok else "cli.team_never"))
        when = show_time(state.last_ok) if state.last_ok else "-"
        version = state.version or "-"
        kind = f"{source.kind:<4}"
        _say(msg("cli.team_source", kind=kind, label=source.label, status=status, when=when, version=version))
        for error in errors:
            _say(msg("cli.team_error", error=error))
    return 0


def _subscribe(ns: argparse.Namespace) -> int:
    from quickreply.core.sync.offline import subscriptions_dir
    from quickreply.core.sync.run import sync_all
    from quickreply.core.sync.subscribe import SubscribeError, parse_target, subscribe
    from quickreply.core.sync.subscriptions import Source, load_subscriptions

    if ns.list:
        return _list()
    if not ns.target:
        ns.parser.error(text("cli.team.target_needed"))
    paths = app_paths()
    try:
        target = parse_target(ns.target, paths.settings_file.parent)
        outcome = subscribe(paths.settings_file, target, ns.name or "")
    except SubscribeError as exc:
        warn(exc.message)
        return 2
    _say(outcome)
    if ns.no_sync:
        return 0
    config, _ = load_subscriptions(paths.settings_file)
    source = next(
        (s for s in config.sources if (s.kind, s.location) == (target.kind, target.location)),
        Source(target.kind, target.location, ns.name or ""),
    )
    report = sync_all([source], subscriptions_dir(paths), datetime.now().astimezone(), timeout=ns.timeout)
    for line in report_lines(report):
        print(line)
    if not report.ok:
        say("cli.team.kept")
        return 1
    return 0


def _unsubscribe(ns: argparse.Namespace) -> int:
    from quickreply.core.sync.subscribe import SubscribeError, unsubscribe

    try:
        outcome, removed = unsubscribe(app_paths().settings_file, ns.target)
    except SubscribeError as exc:
        warn(exc.message)
        return 2
    _say(outcome, err=not removed)
    return 0 if removed else 1


def add_team_commands(commands: argparse._SubParsersAction) -> None:
    sub = commands.add_parser(
        "subscribe", help=text("cli.help.subscribe"), description=text("cli.help.subscribe")
    )
    sub.add_argument("target", nargs="?", metavar="URL|FOLDER", help=text("cli.help.subscribe.target"))
    sub.add_argument("--name", metavar="NAME", help=text("cli.help.subscribe.name"))
    sub.add_argument("--no-sync", action="store_true", help=text("cli.help.subscribe.no_sync"))
    sub.add_argument(
        "--timeout", type=float, default=10.0, metavar="S", help=text("cli.help.subscribe.timeout")
    )
    sub.add_argument("--list", action="store_true", help=text("cli.help.subscribe.list"))
    sub.set_defaults(run=_subscribe, parser=sub)
    unsub = commands.add_parser(
        "unsubscribe", help=text("cli.help.unsubscribe"), description=text("cli.help.unsubscribe")
    )
    unsub.add_argument("target", metavar="URL|FOLDER|NAME", help=text("cli.help.unsubscribe.target"))
    unsub.set_defaults(run=_unsubscribe, parser=unsub)
