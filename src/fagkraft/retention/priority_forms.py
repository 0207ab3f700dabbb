"""The priority-rule page's upload: a figure file read for the page, never stored."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from fagkraft.core.validation.tabular import decode_text
from fagkraft.engine import priority_rule as rule
from fagkraft.engine import priority_rule_files as files
from fagkraft.engine.pxweb import PxWebError
from fagkraft.retention.priority import indicator_labels

MAX_BYTES = 2_000_000
CSV, SSB = "csv", "ssb"


class FigureFileForm(forms.Form):
    file = forms.FileField(label=gettext_lazy("File"))
    kind = forms.ChoiceField(label=gettext_lazy("Kind of file"), choices=(
        (CSV, gettext_lazy("CSV with figures (e.g. typed from SAMDATA)")),
        (SSB, gettext_lazy("SSB table (JSON-stat 2.0)"))))
    indicator = forms.ChoiceField(label=gettext_lazy("Indicator of the SSB table"), required=False)
    source = forms.CharField(label=gettext_lazy("Source of the SSB table"), required=False,
                             max_length=200)

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["indicator"].choices = list(indicator_labels().items())
        self.figures: list[rule.Figure] = []

    def clean(self) -> dict[str, object]:
        data = super().clean() or {}
        upload = data.get("file")
        if upload is None:
            return data
        body = upload.read(MAX_BYTES + 1)
        if len(body) > MAX_BYTES:
            raise forms.ValidationError(_("The file is larger than 2 MB."))
        try:
            if data.get("kind") == SSB:
                source = data.get("source") or _("SSB (Statistics Norway)")
                self.figures = files.read_ssb_figures(body, data.get("indicator") or rule.FTE,
                                                      f"{source} – Kilde: Statistisk sentralbyrå")
            else:
                self.figures = files.read_figures_csv(decode_text(body))
        except files.FigureFileError as error:
            raise forms.ValidationError(_message(error)) from None
        except PxWebError as error:
            raise forms.ValidationError(
                _("The file is not a usable JSON-stat 2.0 table (%(where)s).")
                % {"where": error.path or str(error)}) from None
        except (UnicodeDecodeError, ValueError):
            raise forms.ValidationError(_("The file could not be read.")) from None
        if not self.figures:
            raise forms.ValidationError(_("The file holds no figures for PHBU, PHV, TSB or "
                                          "somatic care."))
        return data


def _message(error: files.FigureFileError) -> str:
    texts = {
        "missing_column": _("The column is missing"),
        "missing_dimension": _("The table has no such dimension"),
        "empty": _("The cell is empty"),
        "unknown_service": _("Unknown service area (use phbu, phv, ph, tsb or somatic)"),
        "unknown_indicator": _("Unknown indicator (use costs, fte, consultations or "
                               "waiting_time)"),
        "not_a_year": _("Not a year (four digits)"),
        "not_a_number": _("Not a number"),
        "no_figure": _("Neither a value nor a growth"),
    }
    return _("Row %(row)s, column %(column)s: %(problem)s.") % {
        "row": error.row, "column": error.column, "problem": texts.get(error.code, error.code)}
