"""How a layer is named and coloured wherever the editor shows where a phrase comes from."""

from __future__ import annotations

from quickreply.core.model import Layer
from quickreply.gui.i18n import tr

_NAMES = {
    Layer.BUNDLED: ("内置", "Built-in"),
    Layer.TEAM: ("团队", "Team"),
    Layer.LOCAL: ("本地", "Local"),
    Layer.PERSONAL: ("个人", "Mine"),
}
# (background, text): quiet for read-only layers, warm for the agent's own phrases.
COLORS = {
    Layer.BUNDLED: ("#f0f2f5", "#5c6370"),
    Layer.TEAM: ("#e6f4ff", "#0958d9"),
    Layer.LOCAL: ("#f6ffed", "#389e0d"),
    Layer.PERSONAL: ("#fff7e6", "#d46b08"),
}


def layer_name(layer: Layer) -> str:
    """内置 / 团队 / 本地 / 个人."""
    return tr(*_NAMES[layer])
