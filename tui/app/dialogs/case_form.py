"""New case (n) and edit case (e): one form, each field checked as it is typed, nothing saved
until every field is valid. Enter moves to the next field; ctrl+s or the button saves."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Footer, Input, RadioSet, Static

from tui.app.dialogs.confirm import ConfirmDialog
from tui.app.keys.binding_text import translate_bindings
from tui.app.view.case_form_fields import (
    TEXT_FIELDS,
    build_fields,
    field_errors,
    initial_values,
    threshold_preview,
)
from tui.app.widgets.form_input import FormInput
from tui.app.widgets.readable_toggles import ReadableCheckbox, ReadableRadioButton
from tui.core.case import Case, Level
from tui.core.case_fields import CaseFields
from tui.core.errors import Refusal
from tui.core.history_text import describe_field
from tui.core.i18n import Translator
from tui.core.printable import safe


@dataclass(frozen=True)
class FormResult:
    fields: CaseFields
    note: str


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


class CaseForm(ModalScreen[FormResult | None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "save", "app.key.save", id="form.save"),
        Binding("escape", "cancel", "app.key.cancel", id="form.cancel"),
    ]

    def __init__(
        self,
        t: Translator,
        case: Case | None = None,
        *,
        shared_hsa_id: Callable[[str], str] = lambda hsa_id: "",
    ) -> None:
        """``shared_hsa_id`` gives the warning for an HSA-ID that other active cases carry
        ("" when none do); it is shown under the field as it is typed."""
        super().__init__()
        self.t = t
        self.case = case
        self._shared_hsa_id = shared_hsa_id
        self._initial = initial_values(case)
        self._touched: set[str] = set()  # fields typed in or left: their problems show
        self._submitted = False
        translate_bindings(self, t)

    def compose(self) -> ComposeResult:
        t, case = self.t, self.case
        values = initial_values(case)
        title = t("app.form.edit_title", unit=safe(case.unit)) if case else t("app.form.new_title")
        with Vertical(classes="dialog form"):
            yield Static(Text(title, "bold"), classes="dialog-title")
            if case is not None:
                for conflict in case.conflicts:
                    text = t("app.form.conflict", field=describe_field(conflict.field, t))
                    yield Static(Text("⚠ " + text), classes="form-conflict")
            with VerticalScroll(classes="form-fields"):
                for spec in TEXT_FIELDS:
                    with Horizontal(classes="form-row"):
                        yield Static(Text(_capital(t(spec.label_key))), classes="form-label")
                        yield FormInput(
                            values[spec.name],
                            placeholder=t(spec.placeholder_key),
                            id=f"field-{spec.name}",
                            compact=True,
                            max_length=200,
                        )
                    yield Static("", id=f"error-{spec.name}", classes="form-error", markup=False)
                    if spec.name == "hsa_id":
                        warning = self._shared_hsa_id(values["hsa_id"])
                        shared = Static(Text(warning), id="hsa-id-shared", classes="form-warning")
                        shared.set_class(bool(warning), "-shown")
                        yield shared
                    if spec.name == "closing":
                        preview = threshold_preview(values["closing"], t)
                        yield Static(Text(preview), id="threshold-preview", classes="form-note")
                with Horizontal(classes="form-row form-level"):
                    yield Static(Text(_capital(t("field_name.level"))), classes="form-label")
                    level = case.level if case else Level.ENHET
                    with RadioSet(id="field-level", compact=True):
                        for option in Level:
                            yield ReadableRadioButton(
                                t(f"level.{option.value}"), value=option is level, name=option.value
                            )
                with Horizontal(classes="form-row"):
                    yield Static("", classes="form-label")
                    yield ReadableCheckbox(
                        t("case_field.ceases"),
                        case.caregiver_ceases if case else False,
                        id="field-ceases",
                        compact=True,
                    )
                with Horizontal(classes="form-row"):
                    yield Static(Text(_capital(t("field_name.note"))), classes="form-label")
                    yield FormInput(
                        advance_on_enter=False,
                        placeholder=t("app.form.hint.note"),
                        id="field-note",
                        compact=True,
                        max_length=500,
                    )
            yield Static(Text(t("app.form.keys"), "dim"), classes="dialog-hint")
            with Horizontal(classes="dialog-buttons"):
                yield Button(t("app.form.save"), variant="primary", id="save", compact=True)
                yield Button(t("app.confirm.cancel"), id="cancel", compact=True)

        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#field-caregiver", Input).focus()

    # --- validation ---------------------------------------------------------------------------

    def _values(self) -> dict[str, str]:
        return {
            spec.name: self.query_one(f"#field-{spec.name}", Input).value for spec in TEXT_FIELDS
        }

    def _show_errors(self, errors: dict[str, Refusal], names: set[str]) -> None:
        for spec in TEXT_FIELDS:
            if spec.name not in names:
                continue
            error = errors.get(spec.name)
            label = self.query_one(f"#error-{spec.name}", Static)
            label.update(Text(self.t.refusal(error)) if error else Text())
            label.set_class(error is not None, "-shown")

    def _validate_shown(self) -> dict[str, Refusal]:
        errors = field_errors(self._values())
        shown = {spec.name for spec in TEXT_FIELDS} if self._submitted else self._touched
        self._show_errors(
            errors, shown | {spec.name for spec in TEXT_FIELDS if spec.name not in errors}
        )
        return errors

    @on(Input.Changed)
    def _changed(self, event: Input.Changed) -> None:
        name = (event.input.id or "").removeprefix("field-")
        if name != "note" and event.value != self._initial.get(name):
            self._touched.add(name)  # checked as it is typed, not only once left
        if name == "hsa_id":
            warning = self._shared_hsa_id(event.value)
            shared = self.query_one("#hsa-id-shared", Static)
            shared.update(Text(warning))
            shared.set_class(bool(warning), "-shown")
        if name == "closing":
            preview = threshold_preview(event.value, self.t)
            self.query_one("#threshold-preview", Static).update(Text(preview))
        self._validate_shown()

    @on(Input.Blurred)
    def _blurred(self, event: Input.Blurred) -> None:
        self._touched.add((event.input.id or "").removeprefix("field-"))
        self._validate_shown()

    @on(Input.Submitted)
    def _next(self, event: Input.Submitted) -> None:
        event.stop()
        if event.input.id == "field-note":
            self.action_save()
        else:
            self.focus_next()

    # --- result -------------------------------------------------------------------------------

    def action_save(self) -> None:
        self._submitted = True
        errors = self._validate_shown()
        if errors:
            first = next(spec.name for spec in TEXT_FIELDS if spec.name in errors)
            self.query_one(f"#field-{first}", Input).focus()
            return
        pressed = self.query_one(RadioSet).pressed_button
        level = Level(pressed.name) if pressed is not None and pressed.name else Level.ENHET
        ceases = self.query_one(ReadableCheckbox).value
        fields = build_fields(self._values(), level, ceases)
        self.dismiss(FormResult(fields, self.query_one("#field-note", Input).value.strip()))

    def _changed_anything(self) -> bool:
        if self._values() != self._initial or self.query_one("#field-note", Input).value.strip():
            return True
        pressed = self.query_one(RadioSet).pressed_button
        level = self.case.level if self.case else Level.ENHET
        ceases = self.case.caregiver_ceases if self.case else False
        return (pressed is not None and pressed.name != level.value) or (
            self.query_one(ReadableCheckbox).value != ceases
        )

    def action_cancel(self) -> None:
        """Esc: an untouched form closes; one with something typed asks first."""
        if not self._changed_anything():
            self.dismiss(None)
            return
        t = self.t
        question = ConfirmDialog(
            t,
            t("app.form.discard_title"),
            t("app.form.discard_text"),
            yes=t("app.form.discard_yes"),
            no=t("app.form.discard_no"),
        )

        def answered(discard: bool | None) -> None:
            if discard:
                self.dismiss(None)

        self.app.push_screen(question, answered)

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "save":
            self.action_save()
        else:
            self.action_cancel()
