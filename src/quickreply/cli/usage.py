"""`quickreply usage [--since DATE] [--json|--csv]` and `quickreply usage --team DIR|URL [-o report.html]`
(docs/usage.md): picks, characters pasted and time saved per phrase and category; the team's report.
Exit codes: 0 done, 2 bad arguments, the team folder or server cannot be read, or the report written.
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from quickreply.cli.language import cli_language
from quickreply.cli.output import text as say
from quickreply.cli.output import warn
from quickreply.paths import app_paths

if TYPE_CHECKING:
    from quickreply.core.usage.team import TeamUsage


def _since(text: str) -> float:
    try:
        return datetime.strptime(text, "%Y-%m-%d").astimezone().timestamp()
    except ValueError:
        raise argparse.ArgumentTypeError(say("cli.usage.bad_date", value=text)) from None


def _library() -> object:
    from quickreply.core.library import load_library

    return load_library(app_paths())[0]


def _read_team(ns: argparse.Namespace) -> tuple[TeamUsage, Path] | int:
    """The team's summaries from the folder or the server, and where the report goes; 2 when unusable."""
    from quickreply.core.usage.team import read_team
    from quickreply.core.usage.team_http import UsageServerError, is_url, read_team_url

    if is_url(ns.team):
        try:
            return read_team_url(ns.team, ns.timeout), ns.output or Path("usage-report.html")
        except UsageServerError as exc:
            warn(exc.message)
            return 2
    folder = Path(ns.team)
    if not folder.is_dir():
        warn("usage.no_folder", folder=folder)
        return 2
    return read_team(folder), ns.output or folder / "usage-report.html"


def _team(ns: argparse.Namespace) -> int:
    from quickreply.core.messages import msg
    from quickreply.core.model import Layer
    from quickreply.core.usage.team import team_report_html

    read = _read_team(ns)
    if isinstance(read, int):
        return read
    team, out = read
    library = _library()
    team_phrases = [p for pack in library.packs if pack.layer is Layer.TEAM for p in pack.phrases]  # type: ignore[attr-defined]
    phrases = team_phrases or library.phrases()  # type: ignore[attr-defined]
    try:
        out.write_text(
            team_report_html(team, phrases, datetime.now().astimezone(), ns.lang),
            encoding="utf-8",
        )
    except OSError as exc:
        detail = exc.strerror or str(exc)
        warn("usage.cannot_write", path=out, detail=detail)
        return 2
    for problem in team.problems:
        warn("usage.skipped", problem=problem)
    hours = f"{team.saved_seconds / 3600:.1f}"
    done = msg("usage.team_done", agents=len(team.agents), picks=team.picks, hours=hours, path=out)
    print(say(done))
    return 0


def _usage(ns: argparse.Namespace) -> int:
    from quickreply.core.messages import msg
    from quickreply.core.usage.stats import LOG_FILE, csv_rows, format_duration, read_events, summarize

    if ns.team is not None:
        return _team(ns)
    events = read_events(app_paths().data / LOG_FILE, ns.since)
    library = _library()
    titles = {p.id: p.title for p in library.phrases()}  # type: ignore[attr-defined]
    summary = summarize(events, titles, keys_per_minute=ns.kpm)
    if ns.json:
        print(json.dumps(summary.to_json(), ensure_ascii=False, indent=2))
        return 0
    if ns.csv:
        writer = csv.writer(sys.stdout, lineterminator="\n")
        writer.writerows(csv_rows(summary))
        return 0
    lang = cli_language()
    total = summary.total
    saved = format_duration(total.saved_seconds(ns.kpm), lang)
    line = msg(
        "usage.cli_totals",
        picks=total.picks,
        chars=total.chars,
        saved=saved,
        kpc=summary.kpc,
        kpm=f"{ns.kpm:g}",
    )
    print(say(line))
    if not total.picks:
        return 0
    print("\n" + say("usage.cli_per_category"))
    for t in summary.categories:
        print(f"  {t.picks:>5}  {format_duration(t.saved_seconds(ns.kpm), lang):>12}  {t.name}")
    print("\n" + say("usage.cli_per_phrase"))
    for t in summary.phrases[: ns.limit]:
        print(f"  {t.picks:>5}  {format_duration(t.saved_seconds(ns.kpm), lang):>12}  {t.name}  {t.title}")
    return 0


def add_usage_command(commands: argparse._SubParsersAction) -> None:
    from quickreply.core.usage.stats import KEYS_PER_MINUTE

    usage = commands.add_parser("usage", help=say("cli.help.usage"), description=say("cli.help.usage"))
    usage.add_argument("--since", type=_since, metavar="DATE", help=say("cli.help.usage.since"))
    form = usage.add_mutually_exclusive_group()
    form.add_argument("--json", action="store_true", help=say("cli.help.usage.json"))
    form.add_argument("--csv", action="store_true", help=say("cli.help.usage.csv"))
    usage.add_argument("--kpm", type=float, default=KEYS_PER_MINUTE, help=say("cli.help.usage.kpm"))
    usage.add_argument("--limit", type=int, default=20, help=say("cli.help.usage.limit"))
    usage.add_argument("--team", metavar="DIR|URL", help=say("cli.help.usage.team"))
    usage.add_argument("-o", "--output", type=Path, metavar="OUT.html", help=say("cli.help.usage.output"))
    usage.add_argument("--timeout", type=float, default=10.0, metavar="S", help=say("cli.help.usage.timeout"))
    usage.add_argument("--lang", choices=("zh_CN", "en"), default="zh_CN", help=say("cli.help.usage.lang"))
    usage.set_defaults(run=_usage, parser=usage)
