"""Build resources/search/t2s.txt: one "traditional simplified" character pair a line, from OpenCC.

    pip install opencc && python3 scripts/make_t2s_table.py

The search folds traditional characters to simplified ones character by character (length kept, so
highlight offsets stay valid); only OpenCC's one-to-one character conversions are kept. The app itself
never imports opencc: the table is shipped data.
"""

from __future__ import annotations

import sys
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "resources" / "search" / "t2s.txt"


def main() -> int:
    try:
        import opencc
    except ImportError:
        print("needs the opencc package: pip install opencc", file=sys.stderr)
        return 2
    convert = opencc.OpenCC("t2s").convert
    pairs: list[str] = []
    for code in list(range(0x3400, 0x4DC0)) + list(range(0x4E00, 0xA000)) + list(range(0xF900, 0xFB00)):
        ch = chr(code)
        simple = convert(ch)
        if simple != ch and len(simple) == 1:
            pairs.append(f"{ch}{simple}")
    OUT.parent.mkdir(parents=True, exist_ok=True)
    header = (
        "# traditional -> simplified, one pair a line; made by scripts/make_t2s_table.py from OpenCC t2s\n"
    )
    OUT.write_text(header + "\n".join(pairs) + "\n", encoding="utf-8")
    print(f"{len(pairs)} pairs -> {OUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
