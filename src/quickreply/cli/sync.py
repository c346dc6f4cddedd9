"""`quickreply sync [--json]` (docs/team-packs.md) and the lines a sync report prints, in the CLI's
language; the app's timer runs the same `core.sync.run.sync_all`.

Exit codes: 0 every source current or updated, 1 one failed (its last good copy is still used), 2 the
subscription settings are invalid (the good subscriptions are still synced when only some entries are
broken). `--json` keys and values never depend on the language, except `settings_errors`.
"""

from __future__ import annotations

import json
from datetime import datetime
from typing import TextIO

from quickreply.cli.language import cli_language
from quickreply.cli.output import pad, text
from quickreply.core.messages import Message, msg
from quickreply.core.settings.model import SettingsError
from quickreply.core.sync.fetch import Fetcher, fetch_url
from quickreply.core.sync.offline import subscriptions_dir
from quickreply.core.sync.report import STATUSES, SyncReport
from quickreply.core.sync.run import sync_all
from quickreply.core.sync.subscriptions import is_left_out, load_subscriptions
from quickreply.paths import Paths


def report_lines(report: SyncReport, lang: str | None = None) -> list[str]:
    """One line per source, one per changed pack, one per error; then the tally (`OK: 2 sources …`). In
    `lang`, else the CLI's language (the app logs them in English)."""
    lang = lang or cli_language()

    def say(message: Message | str, **args: object) -> str:
        return (msg(message, **args) if isinstance(message, str) else message).render(lang)

    out: list[str] = []
    for result in report.results:
        status = pad(say(f"cli.sync.status.{result.status}"), 8)  # the lines below are indented by 9
        version = result.version and result.status != "failed"
        line = msg("cli.sync.source_version" if version else "cli.sync.source", status=status,
                   label=result.source.label, version=result.version)  # fmt: skip
        out.append(say(line))
        out += ["         " + say(c.summary()) for c in result.changes]
        out += [say("cli.sync.error", error=error) for error in result.error_texts(lang)]
    tally = [
        msg("cli.sync.tally_item", count=count, status=msg(f"cli.sync.status.{status}"))
        for status in STATUSES
        if (count := sum(1 for r in report.results if r.status == status))
    ]
    separator = "，" if lang == "zh_CN" else ", "
    counts = separator.join(say(item) for item in tally) if tally else say("cli.sync.tally_none")
    out.append(
        say("cli.sync.ok" if report.ok else "cli.sync.failed", sources=len(report.results), counts=counts)
    )
    return out


def sync_command(
    paths: Paths, as_json: bool, out: TextIO, *, now: datetime | None = None, fetcher: Fetcher = fetch_url
) -> int:
    """Sync every subscription now; the report (or JSON) goes to `out`; the exit code as above."""
    settings = paths.settings_file
    try:
        config, problems = load_subscriptions(settings)
    except SettingsError as exc:
        problems, config = [], None
        errors = [text(exc.message)]
    else:  # an entry left out is an error; a value clamped or a key ignored says what is used instead
        errors = [text(p) for p in problems if is_left_out(p)]
    warnings = [text(p) for p in problems if not is_left_out(p)]
    if config is None or (errors and not config.sources):
        if as_json:
            data = {"ok": False, "settings_errors": errors, "settings_warnings": warnings, "sources": []}
            out.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")
        else:
            out.write("".join(f"{line}\n" for line in [*errors, *warnings, text("cli.sync.nothing_synced")]))
        return 2
    moment = now or datetime.now().astimezone()
    if not config.sources:
        report = SyncReport((), moment.isoformat(timespec="seconds"))
    else:
        report = sync_all(config.sources, subscriptions_dir(paths), moment, fetcher, config.timeout_seconds)
    if as_json:
        data = {**report.to_json(), "settings_warnings": warnings}
        if errors:  # the good subscriptions were still synced; the broken ones are named here
            data.update(ok=False, settings_errors=errors)
        out.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")
    else:
        skipped = text("cli.sync.skipped", count=len(errors))
        lines = [*errors, *warnings, *report_lines(report), *([skipped] if errors else [])]
        if not config.sources:
            lines = [*warnings, text("cli.sync.no_subscriptions", settings=settings)]
        out.write("".join(f"{line}\n" for line in lines))
    if errors:
        return 2
    return 0 if report.ok else 1
