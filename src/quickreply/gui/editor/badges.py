"""How a layer is named and coloured wherever the editor shows where a phrase comes from."""

from __future__ import annotations

from quickreply.core.model import Layer
from quickreply.gui.i18n import t

_NAMES = {
    Layer.BUNDLED: "ui.layer.bundled",
    Layer.TEAM: "ui.layer.team",
    Layer.LOCAL: "ui.layer.local",
    Layer.PERSONAL: "ui.layer.personal",
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
    return t(_NAMES[layer])
