"""How many keystrokes a pinyin IME takes per character of the starter packs' phrases (docs/usage.md).

    PYTHONPATH=src python3 scripts/measure_ime_keys.py [PACK.toml ...]

Placeholders ({shop}, {订单号}) are left out: the app fills them, or the agent types them either way.
Prints the figure that core/usage/stats.IME_KEYS_PER_CHAR cites.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

from quickreply.core.model import Layer
from quickreply.core.packs.load import load_packs
from quickreply.core.usage.stats import ime_keys, measure
from quickreply.paths import bundled_packs_dir

PLACEHOLDER = re.compile(r"\{[^{}]*\}")


def main(argv: list[str]) -> int:
    paths = [Path(a) for a in argv] or sorted(bundled_packs_dir().glob("*.toml"))
    packs, _ = load_packs(paths, Layer.BUNDLED)
    texts = [PLACEHOLDER.sub("", p.text) for pack in packs for p in pack.phrases]
    keys, chars, kpc = measure(texts)
    han = sum(1 for t in texts for ch in t if "\u4e00" <= ch <= "\u9fff")
    print(f"packs: {', '.join(p.name for p in paths)}")
    print(f"phrases: {len(texts)}, characters: {chars} ({han} Chinese, {han / chars:.0%})")
    print(f"IME keystrokes: {keys:.0f}  ->  {kpc:.2f} keys per character")
    sample = texts[0] if texts else ""
    print(f"example: {sample[:30]}… = {ime_keys(sample[:30]):.0f} keys for 30 characters")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
