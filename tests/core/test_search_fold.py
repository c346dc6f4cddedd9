"""Buyer-question folding: particles, greetings, punctuation and traditional characters."""

from __future__ import annotations

import pytest

from quickreply.core.model import Phrase
from quickreply.core.search.fold import fold_question
from quickreply.core.search.index import SearchIndex


@pytest.mark.parametrize(
    ("query", "folded"),
    [
        ("请问包邮吗？", "包邮"),
        ("亲，便宜点吗", "便宜点"),
        ("退貨運費", "退货运费"),
        ("在吗", "在吗"),
        ("多久退款呢~", "多久退款"),
        ("tuihuo", "tuihuo"),
        ("花呗", "花呗"),
    ],
)
def test_fold_question(query: str, folded: str) -> None:
    assert fold_question(query) == folded


def _index() -> SearchIndex:
    phrases = [
        Phrase(id="free", category="议价", title="包邮", text="满99包邮哦"),
        Phrase(id="postage", category="退换", title="退货运费谁承担", text="质量问题我们承担"),
        Phrase(id="trad", category="退換", title="退換貨流程", text="請先申請"),
    ]
    return SearchIndex.build(phrases)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("包邮吗", "free"),
        ("包邮吗？", "free"),
        ("亲，包邮吗", "free"),
        ("退貨運費", "postage"),
        ("退换货", "trad"),
    ],
)
def test_folded_queries_find_the_phrase(query: str, expected: str) -> None:
    hits = _index().search(query)
    assert hits and hits[0].phrase.id == expected
