"""A field that picks one of the people a user may pick: a drop-down while the list is
short, a box for the employee number when it is long.

A trust holds 20,000 people. As a drop-down they made 2 MB of HTML that took 1.5 s to
render on every view of the page holding the form (benchmarks/national_pages.py, issue
15), and nobody scrolls through 20,000 names. Above `PICK_LIST_LIMIT` people the field
is a text box for the employee number, checked against the same people, so the choice
is still limited to the user's scope. People are asked only for `employee_number`,
`first_name` and `last_name`, so core stays free of the feature apps.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from fagkraft.core import cells

PICK_LIST_LIMIT = 1000


def person_label(person: Any) -> str:
    return f"{person.last_name}, {person.first_name} ({person.employee_number})"


class PersonChoiceField(forms.ModelChoiceField):
    """A ModelChoiceField of employees; see the module docstring."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        self.by_number = False
        super().__init__(*args, **kwargs)

    def _set_queryset(self, queryset: QuerySet[Any] | None) -> None:
        super()._set_queryset(queryset)
        long = queryset is not None and queryset.count() > PICK_LIST_LIMIT
        if long and not self.by_number:
            self.by_number = True
            box = forms.TextInput(attrs={"autocomplete": "off", "inputmode": "numeric",
                                         "maxlength": 32})
            box.is_required = self.required
            self.widget = box
            self.help_text = _("The employee number (more than %(count)s people to "
                               "choose from).") % {
                                   "count": cells.shown_as(PICK_LIST_LIMIT, cells.COUNT)}

    queryset = property(forms.ModelChoiceField._get_queryset, _set_queryset)

    def label_from_instance(self, obj: Any) -> str:
        return person_label(obj)

    def prepare_value(self, value: Any) -> Any:
        if self.by_number:  # a person shows as their number; what was typed, as typed
            return value.employee_number if hasattr(value, "_meta") else value
        return super().prepare_value(value)

    def to_python(self, value: Any) -> Any:
        if not self.by_number:
            return super().to_python(value)
        if value in self.empty_values:
            return None
        number = str(value).strip()
        matches = list(self.queryset.filter(employee_number=number)[:2])
        if not matches:
            raise forms.ValidationError(
                _("No one with employee number %(number)s among the people you can "
                  "choose here."), code="invalid_choice", params={"number": number})
        if len(matches) > 1:
            raise forms.ValidationError(
                _("Employee number %(number)s is used in more than one trust here: "
                  "choose from the page of the person's own unit."),
                code="invalid_choice", params={"number": number})
        return matches[0]
