"""Usage statistics and the time-saved model (docs/usage.md); the team report."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

from quickreply.cli import main
from quickreply.core.model import Phrase
from quickreply.core.usage.stats import (
    IME_KEYS_PER_CHAR,
    LOG_FILE,
    PickEvent,
    append_event,
    csv_rows,
    ime_keys,
    read_events,
    saved_keys,
    summarize,
)
from quickreply.core.usage.team import read_team, team_report_html, write_agent_summary


def test_ime_keys_count_pinyin_letters_selection_and_shifted_punctuation() -> None:
    # man 2 9 9 bao you: 3 + 3 + 6 letters, one space for 满, one for 包邮
    assert ime_keys("满299包邮") == 14
    assert ime_keys("亲！") == 3 + 1 + 2  # qin, space, Shift+1


def test_saved_keys_leave_out_typed_values_and_popup_keys() -> None:
    event = PickEvent(0, "a", "c", chars=20, typed=5, keys=4)
    assert saved_keys(event) == pytest.approx(IME_KEYS_PER_CHAR * 15 - 4)
    assert saved_keys(PickEvent(0, "a", "c", chars=1, keys=9)) == 0  # never negative


def test_summary_per_phrase_and_category(tmp_path: Path) -> None:
    log = tmp_path / LOG_FILE
    for event in (
        PickEvent(1, "a", "售后", 30, 0, 3),
        PickEvent(2, "a", "售后", 30, 0, 3),
        PickEvent(3, "b", "议价", 10),
    ):
        append_event(log, event)
    with log.open("a", encoding="utf-8") as handle:
        handle.write("{damaged\n" + json.dumps({"t": 4, "id": "x", "chars": -1}) + "\n")
    events = read_events(log)
    assert len(events) == 3  # damaged and impossible lines are skipped
    assert len(read_events(log, since=2)) == 2
    summary = summarize(events, {"a": "退货地址"})
    assert [(t.name, t.picks, t.chars) for t in summary.phrases] == [("a", 2, 60), ("b", 1, 10)]
    assert summary.phrases[0].title == "退货地址"
    assert [t.name for t in summary.categories] == ["售后", "议价"]
    assert summary.total.saved_seconds() == pytest.approx(summary.total.saved_keys / 200 * 60)
    rows = csv_rows(summary)
    assert rows[0][:5] == ["kind", "id", "title", "category", "picks"] and rows[-1][0] == "total"


def test_cli_usage_json_csv_and_since(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("QUICKREPLY_HOME", str(tmp_path))
    log = tmp_path / "data" / LOG_FILE
    old = datetime(2024, 4, 1).timestamp()
    new = datetime(2024, 5, 2).timestamp()
    append_event(log, PickEvent(old, "a", "售后", 30, 0, 3))
    append_event(log, PickEvent(new, "b", "议价", 12, 0, 2))
    assert main(["usage", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["total"]["picks"] == 2 and data["model"]["ime_keys_per_char"] == IME_KEYS_PER_CHAR
    assert main(["usage", "--since", "2024-05-01", "--csv"]) == 0
    out = capsys.readouterr().out
    assert "phrase,b," in out and "phrase,a," not in out
    assert main(["usage"]) == 0
    assert "2 picks, 42 characters pasted" in capsys.readouterr().out
    assert main(["usage", "--since", "May 1"]) == 2


def test_team_report_lists_agents_used_and_never_used_phrases(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "team"
    folder.mkdir()
    now = datetime(2024, 5, 2, 18, 0).astimezone()
    write_agent_summary(
        folder, "小美", "小鹿", summarize([PickEvent(1, "a", "售后", 30, 0, 3)], {"a": "退货"}), now
    )
    write_agent_summary(folder, "阿强", "小鹿", summarize([PickEvent(1, "a", "售后", 30, 0, 3)] * 3), now)
    (folder / "broken.usage.json").write_text("{", encoding="utf-8")
    team = read_team(folder)
    assert [a.agent for a in team.agents] == ["阿强", "小美"] and team.phrases["a"]["picks"] == 4
    assert len(team.problems) == 1
    library = [Phrase("a", "售后", "退货", "x"), Phrase("never", "议价", "不议价", "y")]
    page = team_report_html(team, library, now)
    assert "小美" in page and "阿强" in page and "不议价" in page and "从未使用的短语" in page
    monkeypatch.setenv("QUICKREPLY_HOME", str(tmp_path / "home"))
    assert main(["usage", "--team", str(folder), "-o", str(tmp_path / "r.html")]) == 0
    assert "2 agents, 4 picks" in capsys.readouterr().out
    assert "阿强" in (tmp_path / "r.html").read_text(encoding="utf-8")
    assert main(["usage", "--team", str(tmp_path / "nope")]) == 2


def test_a_timestamp_the_platform_cannot_convert_to_local_time_falls_back_to_utc(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from quickreply.core.usage import stats as usage_stats

    class Refusing(datetime):
        @classmethod
        def fromtimestamp(cls, t: float, tz: Any = None) -> datetime:  # type: ignore[override]
            if tz is None:
                raise OSError(22, "Invalid argument")  # what Windows does for t = 1
            return datetime.fromtimestamp(t, tz)

    monkeypatch.setattr(usage_stats, "datetime", Refusing)
    assert usage_stats._iso(1) == "1970-01-01T00:00:01+00:00"
    assert usage_stats._iso(0) == ""
