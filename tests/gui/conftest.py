"""Fixtures for the widget tests."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from quickreply.gui import i18n


@pytest.fixture(autouse=True)
def language_hooks_end_with_their_test() -> Iterator[None]:
    """A Tray outlives its test: the lambdas its menu's actions are connected to hold it from C++, out of
    the cyclic GC's reach. Still registered for language switches (`i18n.on_language_change`) after
    pytest-qt deleted its windows (test_tray's fallback window), it made a later test's switch re-render
    a deleted widget: "Internal C++ object already deleted" (test_tray.py then test_language_switch.py)."""
    before = set(i18n._hooks)
    yield
    for owner in set(i18n._hooks) - before:
        i18n._hooks.discard(owner)
