"""A form field that keeps the order of keys typed ahead (a burst over a slow SSH link, or
``tmux send-keys 'Region Stockholm' Tab 'Vårdcentralen' Enter``).

Textual inserts printable keys in the field at once but runs the other keys' bindings (Tab,
Enter, ctrl+u) later, once the key has bubbled up to the app; in a burst the text after a Tab
would land in the field it was meant to leave. Here every key is handled in the order it was
typed: bindings run at once, and keys queued for this field after the focus moved on are passed
to the widget that has the focus by then. Enter moves to the next field, except in the last
field of a form, where it submits.
"""

from __future__ import annotations

from typing import Any

from textual import events

from tui.app.widgets.quiet_input import QuietInput


class FormInput(QuietInput):
    def __init__(self, *args: Any, advance_on_enter: bool = True, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.advance_on_enter = advance_on_enter

    async def key_first(self, event: events.Key) -> None:
        focused = self.screen.focused
        if focused is not self and focused is not None:
            event.stop()
            event.prevent_default()
            focused.post_message(events.Key(event.key, event.character))
            return
        if event.is_printable:
            return  # the Input inserts it, next in line
        event.stop()
        event.prevent_default()
        if event.key == "enter" and self.advance_on_enter:
            self.screen.focus_next()
            return
        active = self.screen.active_bindings.get(event.key)
        if active is not None and active.enabled:
            await self.app.run_action(active.binding.action, active.node)
