"""A running talk script (话术流程): which step the next key press sends, and what comes after it."""

from __future__ import annotations

from dataclasses import dataclass

from quickreply.core.model import Library, Phrase, Script, Step

TITLE_CHARS = 12  # an untitled inline step is named by the start of its text


@dataclass(frozen=True)
class ScriptStep:
    """One step resolved against the library: the text to send and how the indicator names it."""

    number: int  # 1-based
    title: str
    phrase: Phrase  # a phrase step's own phrase, or a synthetic one for an inline text
    missing_phrase_id: str = ""  # set when the step names a phrase that is not loaded


class ScriptRun:
    """The position in one script; `advance()` hands out steps in order until the script is done."""

    def __init__(self, script: Script, library: Library) -> None:
        self.script = script
        self._steps = [_resolve(script, step, n, library) for n, step in enumerate(script.steps, start=1)]
        self._next = 0  # index of the step the next press sends

    @property
    def total(self) -> int:
        return len(self._steps)

    @property
    def finished(self) -> bool:
        return self._next >= len(self._steps)

    @property
    def sent(self) -> int:
        """How many steps have been handed out so far."""
        return self._next

    def upcoming(self) -> ScriptStep | None:
        """The step the next press sends, or None when every step has gone out."""
        return None if self.finished else self._steps[self._next]

    def advance(self) -> ScriptStep | None:
        """Hand out the next step and move past it; None when the script is already done."""
        step = self.upcoming()
        if step is not None:
            self._next += 1
        return step

    def back(self) -> None:
        """Step back one, e.g. when the agent cancelled the fill-in form of the step just handed out."""
        self._next = max(0, self._next - 1)


def _resolve(script: Script, step: Step, number: int, library: Library) -> ScriptStep:
    if step.phrase_id:
        phrase = library.phrase(step.phrase_id)
        if phrase is not None:
            return ScriptStep(number, step.title or phrase.title, phrase)
        missing = step.phrase_id
        text = step.text
    else:
        missing, text = "", step.text
    title = step.title or _title_from(text) or step.phrase_id
    phrase = Phrase(
        id=f"{script.id}#{number}",
        category=script.category,
        title=title,
        text=text,
        pack_id=script.pack_id,
        line=script.line,
    )
    return ScriptStep(number, title, phrase, missing_phrase_id=missing)


def _title_from(text: str) -> str:
    first = text.strip().splitlines()[0] if text.strip() else ""
    return first if len(first) <= TITLE_CHARS else first[:TITLE_CHARS] + "…"
