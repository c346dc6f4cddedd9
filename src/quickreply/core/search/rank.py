"""How a match is scored: the field's weight times the match quality, plus small bonuses.

score = WEIGHT[field] * (quality + 0.03 * earliness + 0.02 * shortness + 0.05 * whole word)
where a word is the whole title or text, one tag, or one level of the category path. A phrase's score
for a term is its best field's score plus SECOND_FIELD times its second-best field's (more evidence);
the scores of the terms of a query add up.
The weights keep the field order code > title > tags > category > text for matches of equal quality;
quality (exact 1.0, full pinyin 0.97, initials 0.94, prefix 0.85, typo ~0.62) orders matches within a
field, and is strong enough that a typo in a title still beats an exact hit deep in a long text.
"""

from __future__ import annotations

FIELDS = ("code", "title", "tags", "category", "text")
WEIGHT = {"code": 100.0, "title": 60.0, "tags": 45.0, "category": 35.0, "text": 25.0}
MAX_BONUS = 0.1
SECOND_FIELD = 0.1  # share of the second-best field's score added to a term's score
CODE_EXACT = 1.0
CODE_PREFIX = 0.8

# Match qualities: how good a match of a term is, before the field's weight. Every weight and quality of
# the search lives in this module, so "how search ranks" is read here.
LITERAL = 1.0  # the term's own text (Chinese, a code, an ASCII word)
PINYIN_FULL = 0.97  # full pinyin syllables (tuihuo)
PINYIN_INITIALS = 0.94  # initials as an acronym (th)
PINYIN_MIXED = 0.9  # syllables and initials mixed (tuih)
PINYIN_PREFIX = 0.85  # the last syllable only begun (tuihu)
WORD_PREFIX = 0.9  # an ASCII term that starts a word ("ship" in "shipping")
INSIDE_WORD = 0.72  # an ASCII term inside a word ("hip" in "shipping")
RARE_READING = 0.2  # a match through a third or later reading of a character ranks this much lower
SPREAD = 0.75  # times the reading's own quality
TYPO_SWAP = 0.66  # two letters swapped: the most common slip when typing pinyin fast
TYPO = 0.62  # one letter wrong, missing or extra


def match_score(field: str, quality: float, start: int, end: int, value: str) -> float:
    if field == "tags" or field == "category":
        separator = " " if field == "tags" else "/"
        word_start = value.rfind(separator, 0, start) + 1
        word_end = value.find(separator, end)
        word_end = len(value) if word_end < 0 else word_end
    else:
        word_start, word_end = 0, len(value)
    earliness = 1.0 / (1.0 + (start - word_start) / 4.0)
    shortness = 1.0 / (1.0 + (word_end - word_start) / 24.0)
    whole = 1.0 if start == word_start and end >= word_end else 0.0
    return WEIGHT[field] * (quality + 0.03 * earliness + 0.02 * shortness + 0.05 * whole)


def code_score(key: str, code: str) -> float:
    """An exact code beats everything; a code prefix ranks above any title match."""
    if code == key:
        return WEIGHT["code"] * (CODE_EXACT + MAX_BONUS)
    return WEIGHT["code"] * (CODE_PREFIX + 0.05 * len(key) / len(code))


def bound(field: str, quality: float) -> float:
    """The highest score a match of this quality in this field can reach (second field included)."""
    return WEIGHT[field] * (quality + MAX_BONUS) + SECOND_FIELD * WEIGHT["title"] * (1.0 + MAX_BONUS)


# -- ranked partial matching (partial.py): how much of a buyer's question a phrase covers -----------------
# Field weights of a shared feature (code is matched by the strict pass only).
PARTIAL_FIELD = {"title": 3.0, "tags": 2.6, "category": 1.2, "text": 1.0}
PARTIAL_BIGRAM = 1.0  # two characters in a row, read by sound (so 发或 meets 发货)
PARTIAL_UNIGRAM = 0.3  # one character (by sound), titles, tags and categories only
SYNONYM = 0.6  # factor for the words of the lexicon (lexicon.py) a query's words stand for
FILLER = 0.1  # factor for question words and fillers (什么, 多久, 怎么, 能不能 …)
PARTIAL_MIN_SHARE = 0.12  # a related hit covers at least this share of the best possible score
SPREAD_LAST = 0.5  # a relaxed (spread) hit of a Chinese query partial matching did not rank: below all
RELATED_MAX = 10.0  # related hits score below this; every strict hit scores above it (lowest ~11)


def related_score(share: float) -> float:
    """Score of a partial ("related") hit covering `share` (0..1) of the query: below every strict hit."""
    return RELATED_MAX * min(share, 1.0) * 0.99


# -- the agent's own use (prefer.py): learned picks, pins, use, layers ------------------------------------
# A phrase picked before for the same query goes first; for a close one (LEARNED_CLOSE) too, while the
# closeness is at least LEARNED_MIN.
LEARNED_CLOSE = {"order": 0.9, "prefix": 0.7, "edit": 0.6}  # same words reordered; a prefix; one character
LEARNED_MIN = 0.6
# Boosts multiply a hit's score by (1 + boosts): a few percent at most, so they reorder matches of equal or
# nearly equal quality but never lift a text match over a title match (15+ points apart), nor a related
# hit over a strict one (related <= 9.9 x 1.03 < 11 <= strict).
USE_BOOST = 0.02  # a phrase used USE_SATURATION times or more, just now
USE_SATURATION = 20
USE_HALF_LIFE_DAYS = 30.0  # the use boost halves every 30 days without a use
PIN_BOOST = 0.006  # pinned (★): above equal matches
LAYER_BOOST = {"TEAM": 0.004, "PERSONAL": 0.003, "LOCAL": 0.003}  # bundled starter packs: 0
