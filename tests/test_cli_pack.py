"""`quickreply pack import | export | diff` and `quickreply sync`, called as a user would."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from quickreply.cli.commands import main
from quickreply.core.model import Layer
from quickreply.core.packs.load import load_pack
from quickreply.paths import app_paths

DATA = Path(__file__).resolve().parent / "data"
STARTER = Path(__file__).resolve().parents[1] / "resources" / "packs" / "zh-CN-general.toml"


def test_import_qianniu_gbk_csv_writes_a_pack_that_checks_clean(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "imported.toml"
    assert main(["pack", "import", str(DATA / "import" / "qianniu_gbk.csv"), "-o", str(out)]) == 0
    assert "GBK" in capsys.readouterr().out
    pack, problems = load_pack(out, Layer.LOCAL)
    assert pack is not None and not [p for p in problems if p.is_error]
    assert len(pack.phrases) > 0
    assert main(["pack", "check", str(out)]) == 0


def test_import_never_overwrites_without_force(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "mine.toml"
    out.write_text("# my own work", encoding="utf-8")
    source = str(DATA / "import" / "plain_lines.txt")
    assert main(["pack", "import", source, "-o", str(out)]) == 1
    assert "--force" in capsys.readouterr().err
    assert out.read_text(encoding="utf-8") == "# my own work"
    assert main(["pack", "import", source, "-o", str(out), "--force"]) == 0
    assert "[pack]" in out.read_text(encoding="utf-8")


def test_import_markdown_offers_blanks_and_converts_only_with_the_flag(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "huashu.toml"
    source = str(DATA / "import" / "real" / "huashu-markdown" / "taobao-presales.md")
    assert main(["pack", "import", source, "-o", str(out)]) == 0
    err = capsys.readouterr().err
    assert "49 bracketed words found (25 different, e.g. [店铺名称] [客服名] [类目])" in err
    assert "import again with --blanks" in err
    pack, _ = load_pack(out, Layer.LOCAL)
    assert pack is not None and "[店铺名称]" in pack.phrases[0].text and not pack.placeholders
    assert main(["pack", "import", source, "-o", str(out), "--force", "--blanks"]) == 0
    err = capsys.readouterr().err
    assert "--blanks" not in err and "becomes the blank {店铺名称}" in err
    pack, _ = load_pack(out, Layer.LOCAL)
    assert pack is not None and "{店铺名称}" in pack.phrases[0].text


def test_import_of_a_missing_file_says_so(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["pack", "import", str(tmp_path / "nope.csv"), "-o", str(tmp_path / "o.toml")]) == 1
    assert "no such file" in capsys.readouterr().err


def test_export_qianniu_csv_in_gbk_and_a_cheat_sheet(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    csv_file, html_file = tmp_path / "q.csv", tmp_path / "s.html"
    assert main(["pack", "export", str(STARTER), "-o", str(csv_file), "--format", "qianniu-csv"]) == 0
    text = csv_file.read_bytes().decode("gbk")
    assert text.splitlines()[0] == "快捷短语编码,快捷短语,快捷短语分组"
    assert "千牛" in capsys.readouterr().err  # blanks stay literal there: the user is told
    assert main(["pack", "export", str(STARTER), "-o", str(html_file), "--format", "html"]) == 0
    assert "欢迎语" in html_file.read_text(encoding="utf-8")


def test_diff_prints_the_summary_and_each_change(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    old, new = DATA / "sync" / "team_v1.toml", DATA / "sync" / "team_v2.toml"
    assert main(["pack", "diff", str(old), str(new)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0] == "2 added, 1 changed, 1 removed (1.0 → 1.1)"  # the CLI's language (English here)
    assert any(line.startswith("+ team.size") for line in out)
    assert any(line.startswith("- team.bye") for line in out)
    assert main(["--lang", "zh", "pack", "diff", str(old), str(new)]) == 0
    assert capsys.readouterr().out.splitlines()[0] == "新增 2 条，修改 1 条，删除 1 条（1.0 → 1.1）"
    assert main(["pack", "diff", str(old), str(new), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert sorted(data["added"]) == ["team.invoice", "team.size"]


def test_sync_fetches_a_folder_subscription_and_search_finds_the_team_phrase(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    share = tmp_path / "share"
    share.mkdir()
    shutil.copy(DATA / "sync" / "team_v1.toml", share / "team.toml")
    paths = app_paths()
    paths.config.mkdir(parents=True, exist_ok=True)
    paths.settings_file.write_text(f"[[subscriptions]]\npath = '{share}'\n", encoding="utf-8")
    assert main(["sync"]) == 0
    assert "new" in capsys.readouterr().out
    render = ["render", "team.hello", "--set", "shop=小鹿", "--set", "agent=小美"]
    hello = "亲，您好！欢迎光临小鹿，我是客服小美，很高兴为您服务～\n"
    assert main(render) == 0
    assert capsys.readouterr().out == hello
    shutil.rmtree(share)  # the share goes away: the offline copy is still used, and sync says it failed
    assert main(["sync"]) == 1
    assert "still used" in capsys.readouterr().out
    assert main(render) == 0
    assert capsys.readouterr().out == hello


def test_sync_without_subscriptions_says_how_to_add_them(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["sync"]) == 0
    assert "[[subscriptions]]" in capsys.readouterr().out


def test_import_and_sync_list_what_breaks_platform_rules(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "phrases.csv"
    source.write_text("快捷编码,内容\nzd,这已经是全网最低价了\nhy,您好\n", encoding="utf-8")
    out = tmp_path / "imported.toml"
    assert main(["pack", "import", str(source), "-o", str(out)]) == 0  # listed, not refused
    err = capsys.readouterr().err
    assert "quickreply: rule: " in err and "[ad-law.absolute] '全网最低'" in err
    assert f"platform-rule hits; fix them before rolling the pack out: quickreply pack lint {out}" in err

    share = tmp_path / "share"
    share.mkdir()
    team = (DATA / "sync" / "team_v1.toml").read_text(encoding="utf-8")
    (share / "team.toml").write_text(team.replace("很高兴为您服务", "加我微信更便宜"), encoding="utf-8")
    paths = app_paths()
    paths.config.mkdir(parents=True, exist_ok=True)
    paths.settings_file.write_text(f"[[subscriptions]]\npath = '{share}'\n", encoding="utf-8")
    assert main(["sync"]) == 0
    captured = capsys.readouterr()
    assert "new" in captured.out and "[off-platform] '微信'" in captured.err
