"""The bundled starter packs: complete, well-formed, and free of wording the platforms penalise."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import tomli

REPO = Path(__file__).resolve().parents[2]
PACKS_DIR = REPO / "resources" / "packs"
GENERAL = PACKS_DIR / "zh-CN-general.toml"
PACK_FILES = sorted(PACKS_DIR.glob("*.toml"))

BUILTINS = frozenset({"shop", "agent", "date", "time", "weekday", "clipboard"})

# Absolute advertising words (广告法 极限词): banned anywhere, even inside harmless-looking words
# like 最近 or 第一时间, because a reviewer scanning a chat log does not read context.
ABSOLUTE_WORDS = (
    "最",
    "第一",
    "唯一",
    "首个",
    "首选",
    "国家级",
    "世界级",
    "顶级",
    "顶尖",
    "极品",
    "极致",
    "绝对",
    "万能",
    "全网",
    "史上",
    "史无前例",
    "独一无二",
    "独家",
    "王牌",
    "冠军",
    "无敌",
    "永久",
    "根治",
    "零风险",
    "百分百",
    "百分之百",
    "100%",
    "１００％",
    "NO.1",
    "TOP1",
)

# Platform rules (Tmall 规则防范) as patterns: (regex, which rule it breaks).
RULE_PATTERNS: tuple[tuple[str, str], ...] = (
    (r"(不|无法|不能|没法|不提供|不支持)(能|给|给您|为您)?(开|提供|开具)?(发票|票)", "refuses an invoice"),
    (r"(特价|活动|打折|折扣|优惠)[^。！？]{0,12}(没有|无|不含|不带|不开|不给)发?票", "no invoice on sale"),
    (r"打印机", "'the printer is broken' excuse"),
    (r"发票[^。！？]{0,15}(税点|加收|另付|补税|加点|开票费|手续费)|税点|开票费", "charges for an invoice"),
    (r"(补|加收|另收|另付|加付|补交)(一下)?(邮费|运费|快递费|差价)", "extra postage"),
    (r"(邮费|运费)(另计|另付|自理|到付)", "extra postage"),
    (r"不(支持|接受|能用|收|可以用)(信用卡|花呗|分期|刷卡)", "refuses cards or instalments"),
    (r"(信用卡|花呗|分期|刷卡)[^。！？]{0,10}(手续费|加价|加收|另付|不支持|不能用|用不了)", "card fee"),
    (r"不(支持|接受|能|提供|做)货到付款|货到付款[^。！？]{0,10}(不支持|不可以|加收|手续费)", "refuses COD"),
    (r"微信|[Vv][Xx]|QQ|qq|[Vv]信", "moves the buyer to another chat app"),
    (r"(线下|私下|场外)(交易|转账|付款)|(转账|打款)(到|给我)|支付宝转账|银行卡转账", "trade off platform"),
    (r"关闭(订单|交易)|(取消|关掉)订单[^。！？]{0,8}(重新|再)拍", "asks to close the order"),
    (r"返现|返利|好评(送|返|有礼)", "好评返现"),
    (r"(其他|别的|另一位)(买家|顾客|客户)的?[^。！？]{0,6}(电话|手机号|地址|姓名)", "leaks buyers' data"),
)

# A good review must never be traded for anything: no phrase may mention both.
REVIEW_WORDS = ("好评", "五星", "5星", "评价", "晒图", "追评", "买家秀", "评论")
REWARD_WORDS = (
    "返现",
    "红包",
    "现金",
    "礼物",
    "礼品",
    "赠品",
    "赠送",
    "补偿",
    "优惠券",
    "店铺券",
    "积分",
    "送您",
    "送你",
    "免单",
    "折扣",
)

# 客服禁语: blunt refusals the decks tell agents never to type.
BLUNT_WORDS = ("不知道", "没办法", "不可能", "不归我管", "爱买不买", "随便你", "自己看", "不清楚")

# What the brief lists, in chat order; each must be (part of) a category path of the general pack.
BRIEF_CATEGORIES = (
    "欢迎语",
    "商品咨询",
    "商品咨询/正品保障",
    "商品咨询/尺码",
    "商品咨询/材质与保养",
    "议价",
    "催付",
    "发货与物流",
    "退换货",
    "差评",
    "电话回访",
    "结束语",
    "好评",
    "大促",
    "双十一",
)


def violations(text: str) -> list[str]:
    """Every platform-rule or wording problem in one piece of pack text."""
    found = [f"absolute ad word {word!r}" for word in ABSOLUTE_WORDS if word in text]
    found += [f"{rule}: {m.group(0)!r}" for pattern, rule in RULE_PATTERNS if (m := re.search(pattern, text))]
    review = [w for w in REVIEW_WORDS if w in text]
    reward = [w for w in REWARD_WORDS if w in text]
    if review and reward:
        found.append(f"review ({review[0]}) next to a reward ({reward[0]}): reads as 好评返现")
    found += [f"blunt wording {word!r}" for word in BLUNT_WORDS if word in text]
    found += [f"emoji {ch!r}" for ch in text if _is_emoji(ch)]
    return found


def _is_emoji(ch: str) -> bool:
    code = ord(ch)
    return 0x1F000 <= code <= 0x1FAFF or 0x2600 <= code <= 0x27BF or code == 0xFE0F


def _load(path: Path) -> dict[str, Any]:
    with path.open("rb") as handle:
        return tomli.load(handle)


def _texts(doc: dict[str, Any]) -> Iterator[tuple[str, str]]:
    """(where, text) for every piece of wording in a pack that can reach a buyer or an agent."""
    pack = doc.get("pack", {})
    yield "[pack] name", pack.get("name", "")
    yield "[pack] description", pack.get("description", "")
    for phrase in doc.get("phrases", []):
        for key in ("title", "text"):
            yield f"{phrase['id']}.{key}", phrase[key]
        yield f"{phrase['id']}.tags", " ".join(phrase.get("tags", []))
    for script in doc.get("scripts", []):
        yield f"{script['id']}.title", script["title"]
        for n, step in enumerate(script["steps"], 1):
            if isinstance(step, dict):
                yield f"{script['id']} step {n}", step.get("title", "") + " " + step.get("text", "")
    for name, decl in doc.get("placeholders", {}).items():
        yield (
            f"placeholder {name}",
            " ".join([decl.get("label", ""), decl.get("default", ""), *decl.get("choices", [])]),
        )


def _placeholders(text: str) -> list[str]:
    plain = text.replace("{{", "").replace("}}", "")
    return re.findall(r"\{([^{}]*)\}", plain)


@pytest.fixture(params=PACK_FILES, ids=lambda p: p.name)
def pack_doc(request: pytest.FixtureRequest) -> dict[str, Any]:
    return _load(request.param)


def test_starter_packs_exist() -> None:
    assert GENERAL in PACK_FILES, f"missing {GENERAL}"


@pytest.mark.parametrize(
    "bad",
    [
        "特价商品不开发票哦",
        "打印机坏了，发票过几天再开",
        "开发票需要另加6个税点",
        "偏远地区需要补邮费10元",
        "本店不支持信用卡付款",
        "花呗分期要加收手续费",
        "本店不支持货到付款",
        "加我微信私下交易更便宜",
        "麻烦您先关闭订单，我们再改价",
        "五星好评返现5元",
        "晒图评价后联系客服领红包",
        "全网最低价",
        "顶级头层牛皮",
        "100%纯棉",
        "这个我不知道",
        "好评送您一张优惠券",
    ],
)
def test_the_scanner_catches_rule_breaking_wording(bad: str) -> None:
    assert violations(bad), f"the scanner missed {bad!r}"


@pytest.mark.parametrize(
    "fine",
    [
        "可以开发票的！特价和活动商品也一样",
        "非质量问题的退换，寄回的运费需要您承担",
        "下单时付款方式里有“货到付款”选项的话，直接选它就可以",
        "可以用信用卡付款，不会另外收取任何费用",
        "麻烦您抽空给我们一个五星好评，谢谢您/:^_^",
        "这是我们的一点心意，下次购物送您一份小礼物",
    ],
)
def test_the_scanner_lets_honest_wording_through(fine: str) -> None:
    assert violations(fine) == []


def test_no_phrase_breaks_a_platform_rule(pack_doc: dict[str, Any]) -> None:
    bad = [f"{where}: {problem}" for where, text in _texts(pack_doc) for problem in violations(text)]
    assert bad == [], "\n".join(bad)


def test_general_pack_is_large_enough_and_covers_the_brief() -> None:
    doc = _load(GENERAL)
    phrases = doc["phrases"]
    assert len(phrases) >= 150
    categories = {p["category"] for p in phrases}
    missing = [c for c in BRIEF_CATEGORIES if not any(c in category for category in categories)]
    assert missing == [], f"brief categories with no phrase: {missing}"
    per_top = Counter(p["category"].split("/")[0] for p in phrases)
    assert min(per_top.values()) >= 5, per_top


def test_general_pack_states_the_brief_facts() -> None:
    text = "\n".join(p["text"] for p in _load(GENERAL)["phrases"])
    for fact in (
        "CN 220 = EU 34",
        "CN 260 = EU 42",
        "CN 245 = EU 39",
        "CN 280 = EU 46",
        "大约7天",
        "48小时内发货",
        "大促期间7天内",
        "7天无理由",
        "10–20元",
        "3个工作日内",
        "拍几张照片",
    ):
        assert fact in text, f"the general pack never says {fact!r}"


def test_ids_and_codes_are_unique_across_all_starter_packs() -> None:
    ids: dict[str, str] = {}
    codes: dict[str, str] = {}
    for path in PACK_FILES:
        for phrase in _load(path)["phrases"]:
            assert phrase["id"] not in ids, f"{path.name}: id {phrase['id']} also in {ids.get(phrase['id'])}"
            ids[phrase["id"]] = path.name
            code = phrase.get("code", "").lstrip("/").lower()
            if code:
                assert re.fullmatch(r"[a-z0-9]{1,8}", code), f"{phrase['id']}: code {code!r} is not short"
                assert code not in codes, f"{phrase['id']}: code {code!r} also used by {codes.get(code)}"
                codes[code] = phrase["id"]


def test_most_phrases_have_a_code_and_every_phrase_has_tags(pack_doc: dict[str, Any]) -> None:
    phrases = pack_doc["phrases"]
    with_code = sum(1 for p in phrases if p.get("code"))
    assert with_code >= 0.8 * len(phrases)
    assert [p["id"] for p in phrases if not p.get("tags")] == []
    assert all(re.fullmatch(r"[a-z0-9_.]+", p["id"]) for p in phrases)


def test_every_asked_placeholder_is_declared(pack_doc: dict[str, Any]) -> None:
    declared = set(pack_doc.get("placeholders", {}))
    texts = [(p["id"], p["text"]) for p in pack_doc["phrases"]]
    texts += [
        (s["id"], st["text"])
        for s in pack_doc.get("scripts", [])
        for st in s["steps"]
        if isinstance(st, dict)
    ]
    for where, text in texts:
        for name in _placeholders(text):
            assert name.isidentifier(), f"{where}: {{{name}}} is not a valid placeholder name"
            assert name in BUILTINS or name in declared, f"{where}: {{{name}}} is not declared"
    for name, decl in pack_doc.get("placeholders", {}).items():
        assert decl.get("label"), f"placeholder {name} has no label"
        if decl.get("choices") and decl.get("default"):
            assert decl["default"] in decl["choices"], f"placeholder {name}: default not among choices"


def test_script_steps_resolve(pack_doc: dict[str, Any]) -> None:
    ids = {p["id"] for p in pack_doc["phrases"]}
    for script in pack_doc.get("scripts", []):
        assert script["steps"], script["id"]
        for step in script["steps"]:
            if isinstance(step, str):
                assert step in ids, f"{script['id']}: step {step!r} points to no phrase"
            else:
                assert step.get("text"), f"{script['id']}: inline step without text"


def test_the_two_scripts_of_the_decks() -> None:
    doc = _load(GENERAL)
    phrases = {p["id"]: p for p in doc["phrases"]}
    scripts = {s["title"]: s for s in doc["scripts"]}
    six = scripts["售后六步法"]["steps"]
    titles = [phrases[step]["title"] for step in six]
    for stage, title in zip(("安抚", "原因", "立场", "解决", "道歉", "感谢"), titles, strict=True):
        assert stage in title
    call = [phrases[step] for step in scripts["电话回访三段式"]["steps"]]
    assert call[0]["title"].startswith("一") and call[-1]["title"].startswith("三")
    assert "{shop}" in call[0]["text"] and "{agent}" in call[0]["text"]
    assert any("小礼物" in p["text"] for p in call) and any("修改一下评价" in p["text"] for p in call)


def test_packs_load_cleanly_with_the_app_loader() -> None:
    packs = pytest.importorskip("quickreply.core.packs.load")
    for path in PACK_FILES:
        pack, problems = packs.load_pack(path)
        assert [str(p) for p in problems] == []
        assert pack is not None
        assert len(pack.phrases) == len(_load(path)["phrases"])


def test_relevance_set_is_large_varied_and_points_at_real_phrases() -> None:
    queries = _load(REPO / "tests" / "data" / "relevance.toml")["queries"]
    assert len(queries) >= 180
    ids = {p["id"] for path in PACK_FILES for p in _load(path)["phrases"]}
    kinds = Counter(q["kind"] for q in queries)
    assert set(kinds) == {"chinese", "pinyin", "initials", "mixed", "prefix", "typo", "code", "polyphone"} | {
        "question",
        "chat",
        "homophone",
        "traditional",
        "intent",
    }
    assert sum(kinds[k] for k in ("question", "chat", "homophone", "traditional", "intent")) >= 200
    assert min(kinds.values()) >= 15, kinds
    assert [q["query"] for q in queries if not set(q["expect"]) <= ids or not q["expect"]] == []
    texts = [q["query"] for q in queries]
    assert len(texts) == len(set(texts)), "a query is listed twice"
    fold = pytest.importorskip("quickreply.core.search.fold").fold_question
    names = {fold(p["title"]) for path in PACK_FILES for p in _load(path)["phrases"]}
    names |= {fold(t) for path in PACK_FILES for p in _load(path)["phrases"] for t in p.get("tags", ())}
    buyer = ("question", "chat", "homophone", "traditional", "intent")
    assert [q["query"] for q in queries if q["kind"] in buyer and fold(q["query"]) in names] == []


def test_the_starter_packs_setting_leaves_the_bundled_packs_out() -> None:
    from quickreply.core.library import load_library
    from quickreply.core.model import Layer
    from quickreply.paths import app_paths

    paths = app_paths()
    library, _ = load_library(paths)
    assert any(pack.layer is Layer.BUNDLED for pack in library.packs)
    paths.settings_file.parent.mkdir(parents=True, exist_ok=True)
    paths.settings_file.write_text("[ui]\nstarter_packs = false\n", encoding="utf-8")
    library, problems = load_library(paths)
    assert not [pack for pack in library.packs if pack.layer is Layer.BUNDLED]
    assert not problems


def test_no_starter_blank_is_pre_filled_with_a_business_claim(pack_doc: dict[str, Any]) -> None:
    """A default (门槛 = 299, 活动名 = 双十一) is pasted with one Enter, unread: the starter packs only give
    examples, shown greyed in the empty field, so the agent types or chooses the shop's own value."""
    declared = pack_doc.get("placeholders", {})
    assert [name for name, decl in declared.items() if decl.get("default")] == []
    assert any(decl.get("example") for decl in declared.values())
