from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth.models import AbstractBaseUser
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from fagkraft import access
from fagkraft.competence.imports import COMPLETION_COLUMNS
from fagkraft.core.validation import fold_header
from fagkraft.imports.models import ColumnMap, ImportJob
from fagkraft.workforce.hr_columns import EMPLOYEE_COLUMNS
from fagkraft.workforce.models import Unit

MAX_UPLOAD_BYTES = 50 * 1024 * 1024


class UploadForm(forms.Form):
    # Not required: an upload without a kind is the HR file, as before completions existed.
    kind = forms.TypedChoiceField(
        label=gettext_lazy("The file holds"), choices=ImportJob.Kind.choices,
        initial=ImportJob.Kind.EMPLOYEES, required=False, empty_value=ImportJob.Kind.EMPLOYEES,
    )
    file = forms.FileField(
        label=gettext_lazy("HR file (CSV or .xlsx)"),
        help_text=gettext_lazy("One row per employee and position; see the column list below."),
    )
    column_map = forms.ModelChoiceField(
        label=gettext_lazy("Column map"), queryset=ColumnMap.objects.none(), required=False,
        empty_label=gettext_lazy("None: the file uses Fagkraft's column names"),
        help_text=gettext_lazy("For exports from other systems with different headers."),
    )

    def __init__(self, *args: Any, user: AbstractBaseUser, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["column_map"].queryset = access.column_maps_for(user)

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(_("The file is larger than 50 MB."))
        return upload


def _known_columns() -> dict[str, str]:
    known: dict[str, str] = {}
    # A map may be for the HR file or for a completions file: accept both kinds' columns.
    for column in (*EMPLOYEE_COLUMNS, *COMPLETION_COLUMNS):
        for word in (column.name, *column.aliases):
            known.setdefault(fold_header(word), column.name)
    return known


def mapping_to_text(mapping: dict[str, str]) -> str:
    return "\n".join(f"{theirs} = {ours}" for theirs, ours in mapping.items())


class ColumnMapForm(forms.ModelForm):
    mapping_text = forms.CharField(
        label=gettext_lazy("Columns"),
        widget=forms.Textarea(attrs={"rows": 12}),
        help_text=gettext_lazy(
            "One line per column: the other system's header = Fagkraft's column name, "
            "e.g. “Ansatt ID = ansattnummer”."),
    )

    class Meta:
        model = ColumnMap
        fields = ["name", "trust"]

    def __init__(self, *args: Any, user: AbstractBaseUser, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user
        if access.chooses_column_map_trust(user):
            self.fields["trust"].queryset = Unit.objects.filter(level=Unit.Level.TRUST)
        else:
            del self.fields["trust"]  # others' maps always belong to their own trust
        if self.instance.pk:
            self.fields["mapping_text"].initial = mapping_to_text(self.instance.mapping)

    def clean_mapping_text(self) -> dict[str, str]:
        known = _known_columns()
        mapping: dict[str, str] = {}
        problems = []
        for number, line in enumerate(self.cleaned_data["mapping_text"].splitlines(), start=1):
            if not line.strip():
                continue
            theirs, separator, ours = line.partition("=")
            theirs, ours = theirs.strip(), ours.strip()
            if not separator or not theirs or not ours:
                problems.append(_("Line %(line)s: write “their header = our column”.")
                                % {"line": number})
            elif fold_header(ours) not in known:
                problems.append(_("Line %(line)s: unknown column '%(column)s'.")
                                % {"line": number, "column": ours})
            elif theirs in mapping:
                problems.append(_("Line %(line)s: '%(header)s' is given twice.")
                                % {"line": number, "header": theirs})
            else:
                mapping[theirs] = known[fold_header(ours)]
        if problems:
            raise forms.ValidationError(problems)
        if not mapping:
            raise forms.ValidationError(_("Give at least one column."))
        return mapping

    def unsaved(self) -> ColumnMap:
        """The map to hand to services.save_column_map (the only writer)."""
        column_map = super().save(commit=False)
        column_map.mapping = self.cleaned_data["mapping_text"]
        if "trust" not in self.fields:
            column_map.trust = access.import_trust_of(self.user)
        return column_map
