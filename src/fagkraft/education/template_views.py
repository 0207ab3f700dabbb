"""Pathway templates and learning goals: reference data every logged-in user may read;
advisers and administrators edit them and import goals (`access.edits_pathway_templates`)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.forms import modelformset_factory
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from fagkraft import access
from fagkraft.education import imports, reports, services
from fagkraft.education import jobs as goal_jobs
from fagkraft.education.forms import GoalImportForm, PartForm, TemplateForm
from fagkraft.education.models import LearningGoal, PathwayPart, PathwayTemplate
from fagkraft.jobs import queue

PartFormSet = modelformset_factory(PathwayPart, form=PartForm, extra=0)


@login_required
def templates(request: HttpRequest) -> HttpResponse:
    rows = reports.templates_in_use().prefetch_related("parts")
    return render(request, "education/templates.html", {
        "templates": rows, "edits": access.edits_pathway_templates(request.user),
        "common_goals": LearningGoal.objects.filter(template__isnull=True, active=True)
        .count(),
    })


@login_required
def template(request: HttpRequest, pk: int) -> HttpResponse:
    here = get_object_or_404(PathwayTemplate.objects.select_related(
        "profession", "specialty", "renewal_competence"), pk=pk)
    edits = access.edits_pathway_templates(request.user)
    form = parts = None
    if edits:
        data = request.POST if request.method == "POST" else None
        form = TemplateForm(data, instance=PathwayTemplate.objects.get(pk=here.pk),
                            prefix="template")
        parts = PartFormSet(data, queryset=here.parts.order_by("order", "pk"), prefix="parts")
    if request.method == "POST":
        if not edits:
            raise PermissionDenied
        if form.is_valid() and parts.is_valid():
            try:
                _save(request, here, form, parts)
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("Saved."))
                return redirect("education:template", pk=here.pk)
    return render(request, "education/template.html", {
        "template": here, "form": form, "parts_formset": parts, "edits": edits,
        "parts": here.parts.order_by("order", "pk"),
        "goals": services.goals_of(here),
    })


def _save(request: HttpRequest, here: PathwayTemplate, form: TemplateForm,
          parts) -> None:
    changes = {name: form.cleaned_data[name] for name in form.changed_data}
    if changes:
        services.update_template(request.user, here, **changes)
    for part_form in parts.forms:
        if part_form.changed_data:
            part = PathwayPart.objects.get(pk=part_form.instance.pk, template=here)
            services.update_part(request.user, part, **{
                name: part_form.cleaned_data[name] for name in part_form.changed_data})


@login_required
def goal_import(request: HttpRequest) -> HttpResponse:
    if not access.edits_pathway_templates(request.user):
        raise PermissionDenied
    form = GoalImportForm(request.POST or None, request.FILES or None)
    result = None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        if not form.cleaned_data["dry_run"]:
            # The write runs as a background job; its page shows the outcome.
            job = queue.submit(request.user, goal_jobs.GOAL_IMPORT,
                               params={"file_name": upload.name}, data=upload.read())
            return redirect("jobs:detail", pk=job.pk)
        result = imports.import_goal_file(request.user, upload.name, upload.read(),
                                           dry_run=True)
    return render(request, "education/goal_import.html", {
        "form": form, "result": result, "columns": imports.GOAL_COLUMNS,
        "templates": PathwayTemplate.objects.filter(active=True).order_by("code"),
    })
