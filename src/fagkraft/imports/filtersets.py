import django_filters
from django.utils.translation import gettext_lazy as _

from fagkraft.imports.models import ImportJob


class ImportJobFilterSet(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(label=_("Status"), choices=ImportJob.Status.choices)
    file_name = django_filters.CharFilter(label=_("File"), lookup_expr="icontains")

    class Meta:
        model = ImportJob
        fields = ["status", "file_name"]
