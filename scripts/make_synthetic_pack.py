#!/usr/bin/env python3
"""Write a synthetic phrase pack (TOML) of N realistic shop phrases, for the search benchmark.

Texts mix real customer-service vocabulary (退货, 运费, 发票, 快递 ...) with common filler characters, so
pinyin and initials queries hit realistic numbers of phrases; codes, tags and nested categories included.

    python3 scripts/make_synthetic_pack.py 100000 /tmp/synthetic-100k.toml
"""

from __future__ import annotations

import argparse
import json
import random
from pathlib import Path

CATEGORIES = (
    "欢迎语",
    "欢迎语/活动",
    "商品咨询/正品",
    "商品咨询/尺码",
    "商品咨询/材质",
    "议价",
    "催付",
    "发货与物流",
    "发货与物流/催件",
    "发货与物流/延迟",
    "退换货",
    "售后/退换货",
    "售后/质量问题",
    "售后/差评",
    "电话回访",
    "结束语",
    "好评邀请",
    "大促/双十一",
    "大促/发票",
    "会员",
)
WORDS = (
    "退货",
    "换货",
    "退换货",
    "运费",
    "发票",
    "开发票",
    "快递",
    "物流",
    "尺码",
    "质量",
    "好评",
    "优惠",
    "包邮",
    "发货",
    "签收",
    "退款",
    "客服",
    "店铺",
    "活动",
    "赠品",
    "售后",
    "正品",
    "专柜",
    "鞋子",
    "颜色",
    "库存",
    "付款",
    "订单",
    "地址",
    "修改",
    "银行",
    "行李箱",
    "重新",
    "长度",
    "会员",
    "积分",
    "优惠券",
    "满减",
    "预售",
    "尾款",
    "定金",
    "顺丰",
    "邮政",
    "中通",
    "圆通",
    "韵达",
    "到货",
    "时间",
    "工作日",
    "七天无理由",
    "质量问题",
    "照片",
    "清洗费",
    "鞋盒",
    "包装",
    "保修",
    "维修",
    "换新",
    "补发",
    "漏发",
    "错发",
    "破损",
    "差评",
    "投诉",
    "道歉",
    "感谢",
    "支持",
    "光临",
    "亲",
    "您好",
    "稍等",
    "核实",
    "处理",
    "申请",
    "审核",
    "通过",
    "拒绝",
    "原因",
    "联系",
    "电话",
    "回访",
    "礼品",
    "下次",
    "双十一",
    "大促",
    "价格",
    "便宜",
    "折扣",
    "统一",
    "营业执照",
    "官方",
    "旗舰店",
    "验货",
    "保证",
    "味道",
    "散去",
    "保养",
    "清洁",
    "材质",
    "真皮",
    "透气",
    "舒适",
    "偏大",
    "偏小",
    "标准",
    "参考",
    "码数",
    "脚长",
)
FILLER = (
    "的一是了我不在有这个上们来到时大地为子中你说生国年着就那和要她出也得里后自以会家可下而过天去能对"
    "小多然于心学么之都好看起发当没成只如事把还用第样道想作种开美总从无情己面最女但现前些所同日手又行意"
    "动方期它头经长儿回位分爱老因很给名法间斯知世什两次使身者被高已亲其进此话常与活正感见明问力理尔点文"
    "几定本公特做外孩相西果走将月十实向声车全信重三机工物气每并别真打太新比才便夫再书部水像眼等体却加电"
)
PUNCT = "，。！～"
EXTRAS = (
    "EMS",
    "SF",
    "iPhone",
    "OK",
    "VIP",
    "48小时",
    "7天",
    "3个工作日",
    "10元",
    "20元",
    "{shop}",
    "{agent}",
)
TAGS = (
    "退货",
    "换货",
    "运费",
    "发票",
    "物流",
    "快递",
    "尺码",
    "质量",
    "好评",
    "议价",
    "催付",
    "欢迎",
    "售后",
    "差评",
    "活动",
    "会员",
    "赠品",
    "正品",
    "发货",
    "退款",
    "大促",
    "道歉",
    "包邮",
    "地址",
    "通用",
)


def _sentence(rng: random.Random, lo: int, hi: int) -> str:
    """A text of lo..hi Chinese characters: vocabulary words, filler, punctuation, the odd ASCII token."""
    target = rng.randint(lo, hi)
    parts: list[str] = []
    count = 0
    while count < target:
        roll = rng.random()
        if roll < 0.45:
            piece = rng.choice(WORDS)
        elif roll < 0.93:
            piece = "".join(rng.choice(FILLER) for _ in range(rng.randint(1, 4)))
        elif roll < 0.97:
            piece = rng.choice(PUNCT)
        else:
            piece = rng.choice(EXTRAS)
        parts.append(piece)
        count += sum(1 for ch in piece if "\u4e00" <= ch <= "\u9fff")
    return "".join(parts).strip(PUNCT) + "。"


def _title(rng: random.Random) -> str:
    words = rng.sample(WORDS, rng.randint(2, 3))
    if rng.random() < 0.3:
        words.insert(1, rng.choice(FILLER))
    return "".join(words)[:14]


def _code(rng: random.Random, used: set[str], index: int) -> str:
    letters = "".join(rng.choice("abcdefghjklmnpqrstwxyz") for _ in range(rng.randint(1, 3)))
    code = f"{letters}{index % 97}"
    return "" if code in used else code


def make_pack(count: int, seed: int = 7) -> str:
    """TOML text of a pack with `count` phrases; deterministic for a given seed."""
    rng = random.Random(seed)
    q = json.dumps  # TOML basic strings accept JSON string escapes
    lines = [
        "[pack]",
        f'id = "synthetic-{count}"',
        f"name = {q(f'合成测试库 {count}', ensure_ascii=False)}",
        'version = "1.0"',
        "",
    ]
    used: set[str] = set()
    for index in range(count):
        code = _code(rng, used, index) if rng.random() < 0.6 else ""
        used.add(code)
        tags = sorted(set(rng.sample(TAGS, rng.randint(0, 3))))
        lines.append("[[phrases]]")
        lines.append(f'id = "p{index:06d}"')
        lines.append(f"category = {q(rng.choice(CATEGORIES), ensure_ascii=False)}")
        lines.append(f"title = {q(_title(rng), ensure_ascii=False)}")
        lines.append(f"text = {q(_sentence(rng, 30, 80), ensure_ascii=False)}")
        if code:
            lines.append(f'code = "{code}"')
        if tags:
            lines.append("tags = [" + ", ".join(q(t, ensure_ascii=False) for t in tags) + "]")
        lines.append("")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("count", type=int, help="number of phrases, e.g. 100000")
    parser.add_argument("path", type=Path, help="where to write the .toml pack")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    args.path.write_text(make_pack(args.count, args.seed), encoding="utf-8")
    print(f"wrote {args.count} phrases to {args.path} ({args.path.stat().st_size / 1e6:.1f} MB)")


if __name__ == "__main__":
    main()
