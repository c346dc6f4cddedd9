"""The team view of usage: each agent's summary in the team's folder (opt-in), and the lead's report.

An agent's summary (`<folder>/<agent>.usage.json`) holds counts only: phrase ids, titles and categories
from the packs, picks, characters, keys and time saved. No chat content, no buyer data, no typed values.
`team_report_html` aggregates every summary of the folder for the lead: phrases used, never-used phrases,
per agent, time saved.
"""

from __future__ import annotations

import json
import logging
import math
import re
import socket
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from html import escape
from pathlib import Path
from typing import Any

from quickreply.core.messages import Message, msg, normalise_language, os_reason, render
from quickreply.core.model import Phrase
from quickreply.core.usage.stats import UsageSummary, format_duration

log = logging.getLogger(__name__)
SUFFIX = ".usage.json"
AGENT_MAX = 60


def summary_file_name(agent: str) -> str:
    """A safe file name for the agent (nickname, else this PC's name)."""
    name = agent.strip() or socket.gethostname() or "agent"
    return re.sub(r'[\\/:*?"<>|\x00-\x1f]', "_", name)[:60] + SUFFIX


def summary_bytes(agent: str, shop: str, summary: UsageSummary, now: datetime) -> bytes:
    """The agent's summary as the team folder and the team server hold it (UTF-8 JSON)."""
    data = {
        "agent": agent or socket.gethostname(),
        "shop": shop,
        "written": now.isoformat(timespec="seconds"),
    }
    data.update(summary.to_json())
    return (json.dumps(data, ensure_ascii=False, indent=1) + "\n").encode("utf-8")


def write_agent_summary(folder: Path, agent: str, shop: str, summary: UsageSummary, now: datetime) -> Path:
    """Write (replace) this agent's summary in the team folder; raises OSError when it cannot."""
    from quickreply.core.sync.offline import atomic_write_bytes

    path = folder / summary_file_name(agent)
    atomic_write_bytes(path, summary_bytes(agent, shop, summary, now), shared=True)  # the lead reads it
    return path


@dataclass
class AgentRow:
    agent: str
    picks: int
    chars: int
    saved_seconds: float
    first: str
    last: str


@dataclass
class TeamUsage:
    agents: list[AgentRow] = field(default_factory=list)
    phrases: dict[str, dict[str, Any]] = field(default_factory=dict)  # id -> title, category, picks, saved
    problems: list[Message] = field(default_factory=list)

    @property
    def saved_seconds(self) -> float:
        return sum(a.saved_seconds for a in self.agents)

    @property
    def picks(self) -> int:
        return sum(a.picks for a in self.agents)


class _NotSummary(Exception):
    """Why a file is not a usage summary (a catalogue message)."""

    def __init__(self, reason: Message) -> None:
        super().__init__(reason.code)
        self.reason = reason


def _count(value: Any, key: str) -> float:
    try:
        number = float(value)
    except (TypeError, ValueError):
        number = math.nan
    if not math.isfinite(number) or number < 0:
        raise _NotSummary(msg("usage.summary.not_count", key=key, value=str(value)[:40]))
    return number


def _field(data: Any, key: str, where: str = "") -> Any:
    if not isinstance(data, dict):
        raise _NotSummary(msg("usage.summary.not_object", key=where or key))
    if key not in data:
        raise _NotSummary(msg("usage.summary.missing", key=f"{where}.{key}" if where else key))
    return data[key]


def json_problem(exc: ValueError) -> Message:
    """What is wrong with bytes that should have been UTF-8 JSON, as a catalogue message."""
    if isinstance(exc, json.JSONDecodeError):
        return msg("usage.summary.not_json", line=exc.lineno, column=exc.colno)
    if isinstance(exc, UnicodeDecodeError):
        return msg("usage.summary.not_utf8")
    return msg("usage.summary.too_deep")


def add_summary(team: TeamUsage, name: str, raw: bytes) -> None:
    """Add one agent's summary file (`name`, its bytes) to `team`; a file that is not a summary is named
    in `team.problems` and left out whole."""
    try:
        try:
            data = json.loads(raw.decode("utf-8"))
        except (ValueError, RecursionError) as exc:  # JSONDecodeError and UnicodeDecodeError are ValueErrors
            raise _NotSummary(json_problem(exc if isinstance(exc, ValueError) else ValueError())) from None
        if not isinstance(data, dict):
            raise _NotSummary(msg("usage.summary.not_object", key="/"))
        phrases = data.get("phrases", [])
        if not isinstance(phrases, list):
            raise _NotSummary(msg("usage.summary.not_list", key="phrases"))
        total = _field(data, "total")
        agent = AgentRow(
            str(data.get("agent", name.removesuffix(SUFFIX)))[:AGENT_MAX],
            int(_count(_field(total, "picks", "total"), "total.picks")),
            int(_count(_field(total, "chars", "total"), "total.chars")),
            _count(_field(total, "saved_seconds", "total"), "total.saved_seconds"),
            str(data.get("first", ""))[:40],
            str(data.get("last", ""))[:40],
        )
        rows = [
            (
                str(_field(r, "name", "phrases[]")),
                r,
                int(_count(_field(r, "picks", "phrases[]"), "phrases[].picks")),
                _count(_field(r, "saved_seconds", "phrases[]"), "phrases[].saved_seconds"),
            )
            for r in phrases
        ]
    except _NotSummary as bad:
        team.problems.append(msg("usage.not_summary", name=name, detail=bad.reason))
        return
    team.agents.append(agent)
    for pid, row, picks, saved in rows:
        entry = team.phrases.setdefault(
            pid,
            {"title": str(row.get("title", "")), "category": str(row.get("category", "")), "picks": 0,
             "saved_seconds": 0.0, "agents": 0},
        )  # fmt: skip
        entry["picks"] += picks
        entry["saved_seconds"] += saved
        entry["agents"] += 1


def read_team(folder: Path) -> TeamUsage:
    """Every agent summary in `folder`; unreadable files are named in `problems` and skipped."""
    team = TeamUsage()
    for path in sorted(folder.glob(f"*{SUFFIX}")):
        try:
            raw = path.read_bytes()
        except OSError as exc:
            team.problems.append(msg("usage.not_summary", name=path.name, detail=os_reason(exc)))
            continue
        add_summary(team, path.name, raw)
    team.agents.sort(key=lambda a: -a.saved_seconds)
    return team


_CSS = """
body { font-family: "Microsoft YaHei", "PingFang SC", "WenQuanYi Micro Hei", sans-serif; margin: 24px;
       color: #1f2329; }
h1 { font-size: 22px; } h2 { font-size: 17px; margin-top: 28px; }
.cards { display: flex; gap: 16px; }
.card { border: 1px solid #e5e6eb; border-radius: 8px; padding: 12px 18px; min-width: 150px; }
.card b { display: block; font-size: 24px; color: #1677ff; }
table { border-collapse: collapse; margin-top: 8px; }
td, th { border-bottom: 1px solid #e5e6eb; padding: 5px 10px; text-align: left; font-size: 14px; }
th { background: #f7f8fa; } td.n { text-align: right; font-variant-numeric: tabular-nums; }
.bar { display: inline-block; height: 10px; background: #69b1ff; border-radius: 3px; }
.muted { color: #8a919f; font-size: 13px; }
"""


def team_report_html(
    team: TeamUsage, library_phrases: Sequence[Phrase], now: datetime, lang: str = "zh_CN"
) -> str:
    """The lead's report as one self-contained HTML page (opens in any browser, no scripts)."""
    zh = normalise_language(lang) == "zh_CN"

    def s(code: str) -> str:
        return escape(render(msg(code), lang))

    used = team.phrases
    never = [p for p in library_phrases if p.id not in used]
    top = max((row["picks"] for row in used.values()), default=1) or 1
    rows_used = "".join(
        f"<tr><td>{escape(row['title'] or pid)}</td><td class=muted>{escape(row['category'])}</td>"
        f"<td class=n>{row['picks']}</td>"
        f"<td><span class=bar style='width:{row['picks'] * 160 // top}px'></span></td>"
        f"<td class=n>{row['agents']}</td>"
        f"<td class=n>{escape(format_duration(row['saved_seconds'], lang))}</td></tr>"
        for pid, row in sorted(used.items(), key=lambda item: -item[1]["picks"])
    )
    rows_agents = "".join(
        f"<tr><td>{escape(a.agent)}</td><td class=n>{a.picks}</td><td class=n>{a.chars}</td>"
        f"<td class=n>{escape(format_duration(a.saved_seconds, lang))}</td>"
        f"<td class=muted>{escape(a.first[:10])} – {escape(a.last[:10])}</td></tr>"
        for a in team.agents
    )
    rows_never = "".join(
        f"<tr><td>{escape(p.title)}</td><td class=muted>{escape(p.category)}</td>"
        f"<td class=muted>{escape(p.id)}</td></tr>"
        for p in never
    )
    problems = "".join(f"<li>{escape(render(p, lang))}</li>" for p in team.problems)
    unreadable = f"<h2>{s('usage.report_unreadable')}</h2><ul>{problems}</ul>" if problems else ""
    return f"""<!doctype html>
<html lang="{"zh-CN" if zh else "en"}"><head><meta charset="utf-8">
<title>{s("usage.report_title")}</title><style>{_CSS}</style></head><body>
<h1>{s("usage.report_title")}</h1>
<p class=muted>{s("usage.report_generated")} {escape(now.strftime("%Y-%m-%d %H:%M"))} ·
{s("usage.report_counts_only")}</p>
<div class=cards>
<div class=card>{s("usage.report_agents")}<b>{len(team.agents)}</b></div>
<div class=card>{s("usage.report_picks")}<b>{team.picks}</b></div>
<div class=card>{s("usage.col_saved")}<b>{escape(format_duration(team.saved_seconds, lang))}</b></div>
<div class=card>{s("usage.report_never")}<b>{len(never)}</b></div>
</div>
<h2>{s("usage.report_per_agent")}</h2>
<table><tr><th>{s("usage.report_agent")}</th><th>{s("usage.col_picks")}</th><th>{s("usage.col_chars")}</th>
<th>{s("usage.col_saved")}</th><th>{s("usage.report_period")}</th></tr>{rows_agents}</table>
<h2>{s("usage.report_used")}</h2>
<table><tr><th>{s("usage.col_phrase")}</th><th>{s("usage.col_category")}</th><th>{s("usage.col_picks")}</th>
<th></th><th>{s("usage.report_agent_count")}</th><th>{s("usage.col_saved")}</th></tr>{rows_used}</table>
<h2>{escape(render(msg("usage.report_never_count", count=len(never)), lang))}</h2>
<p class=muted>{s("usage.report_consider")}</p>
<table><tr><th>{s("usage.col_phrase")}</th><th>{s("usage.col_category")}</th><th>id</th></tr>{rows_never}</table>
{unreadable}
</body></html>
"""
