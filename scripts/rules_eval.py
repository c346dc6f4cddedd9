"""Precision and recall of the platform rules (core/rules) on the labelled set, per rule.

    python3 scripts/rules_eval.py            # table
    python3 scripts/rules_eval.py --misses   # also list every miss and false alarm

Labelled set: tests/data/rules/labelled.toml (violating phrases per rule, tricky clean phrases) plus every
title and text of the starter packs (resources/packs), all clean. Precision counts false alarms on clean
phrases only (a violating phrase may rightly break two rules).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import tomli

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))

from quickreply.core.model import Layer  # noqa: E402
from quickreply.core.packs.load import load_pack  # noqa: E402
from quickreply.core.rules import Rules, bundled_rules, lint_texts  # noqa: E402


def labelled() -> tuple[dict[str, list[str]], list[str]]:
    doc = tomli.loads((REPO / "tests" / "data" / "rules" / "labelled.toml").read_text(encoding="utf-8"))
    violating: dict[str, list[str]] = {}
    for entry in doc["violating"]:
        violating.setdefault(entry["rule"], []).extend(entry["texts"])
    clean = list(doc["clean"]["texts"])
    for path in sorted((REPO / "resources" / "packs").glob("*.toml")):
        pack, _ = load_pack(path, Layer.BUNDLED)
        assert pack is not None, path
        clean += [text for _, _, text, _ in lint_texts(pack)]
    return violating, clean


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--misses", action="store_true", help="list misses and false alarms")
    ns = parser.parse_args(argv)
    rules = bundled_rules()
    violating, clean = labelled()
    clean_hits = {text: {h.rule.id for h in rules.check(text)} for text in clean}
    total_v = sum(len(v) for v in violating.values())
    print(f"labelled set: {total_v} violating, {len(clean)} clean (the starter packs included)\n")
    print(f"{'rule':26} {'n':>4} {'found':>6} {'recall':>7} {'false alarms':>13} {'precision':>10}")
    tp_all = fp_all = fn_all = 0
    for rule in rules.ids():
        texts = violating.get(rule, [])
        found = [t for t in texts if rule in {h.rule.id for h in rules.check(t)}]
        false = [t for t, hit in clean_hits.items() if rule in hit]
        tp, fp, fn = len(found), len(false), len(texts) - len(found)
        tp_all, fp_all, fn_all = tp_all + tp, fp_all + fp, fn_all + fn
        recall = tp / len(texts) if texts else float("nan")
        precision = tp / (tp + fp) if tp + fp else float("nan")
        print(f"{rule:26} {len(texts):4} {tp:6} {recall:7.2f} {fp:13} {precision:10.2f}")
        if ns.misses:
            for t in texts:
                if t not in found:
                    print(f"    missed: {t}")
            for t in false:
                print(f"    false alarm: {t}")
    print(
        f"\n{'all':26} {total_v:4} {tp_all:6} {tp_all / total_v:7.2f} {fp_all:13} "
        f"{tp_all / (tp_all + fp_all) if tp_all + fp_all else float('nan'):10.2f}"
    )
    doc = tomli.loads((REPO / "tests" / "data" / "rules" / "labelled.toml").read_text("utf-8"))
    for name in ("holdout1", "holdout2"):
        _holdout(rules, name, doc[name], ns.misses)
    return 0


def _holdout(rules: Rules, name: str, holdout: dict[str, list], misses: bool) -> None:
    caught = [(rule, t) for rule, t in holdout["violating"] if rule in {h.rule.id for h in rules.check(t)}]
    alarms = [t for t in holdout["clean"] if rules.check(t)]
    n_v, n_c = len(holdout["violating"]), len(holdout["clean"])
    print(f"\n{name}: recall {len(caught)}/{n_v} = {len(caught) / n_v:.2f}, "
          f"false alarms {len(alarms)}/{n_c}")  # fmt: skip
    if misses:
        for rule, t in holdout["violating"]:
            if (rule, t) not in caught:
                print(f"    missed [{rule}]: {t}")
        for t in alarms:
            print(f"    false alarm: {t} {[h.rule.id for h in rules.check(t)]}")


if __name__ == "__main__":
    raise SystemExit(main())
