"""Goal pages: the list, one goal with its indicators' charts and status, the region's
comparison of its trusts, the forms that define goals and indicators and add manual
values, and the Excel export.

Access is decided in fagkraft.access (access/goals.py): every role with unit pages reads
the goals of its scope, advisers and planners define them, employees get 403 and a goal
outside the scope is 404. Goals hold aggregates only; figures over units whose persons
the user may not see pass disclosure control (goals.reports). Writes go through
goals.services and are audit-logged there.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from django_tables2 import RequestConfig

from fagkraft import access
from fagkraft.core import dates
from fagkraft.engine.goals import Status
from fagkraft.goals import exports, reports, services, todo
from fagkraft.goals.filtersets import GoalFilterSet
from fagkraft.goals.forms import GoalForm, IndicatorForm, ManualValueForm
from fagkraft.goals.indicators import REGISTRY
from fagkraft.goals.tables import GoalTable
from fagkraft.workforce.models import Unit

STATUS_LABELS = {
    Status.ON_TRACK: gettext_lazy("On track"), Status.OFF_TRACK: gettext_lazy("Off track"),
    Status.MET: gettext_lazy("Met"), Status.NO_DATA: gettext_lazy("No data"),
}
STATUS_CLASSES = {Status.ON_TRACK: "ok", Status.OFF_TRACK: "bad", Status.MET: "ok",
                  Status.NO_DATA: ""}


def status_label(status: Status) -> str:
    return str(STATUS_LABELS[status])


@login_required
def goal_list(request: HttpRequest) -> HttpResponse:
    access.require(access.may_read_goals(request.user))
    goals = access.goals_for(request.user).select_related("unit", "owner").annotate(
        indicator_count=Count("indicators"))
    filterset = GoalFilterSet(request.GET, queryset=goals, request=request)
    shown = filterset.qs
    only_mine = request.GET.get("mine") == "1"
    if only_mine:
        shown = todo.mine(request.user, shown)
    off_track = request.GET.get("status") == "off_track"
    if off_track:
        shown = shown.filter(pk__in=todo.off_track(request.user, shown))
    table = GoalTable(shown)
    RequestConfig(request, paginate={"per_page": 50}).configure(table)
    return render(request, "goals/goal_list.html", {
        "table": table, "filter": filterset, "off_track": off_track, "only_mine": only_mine,
        "can_define": access.goal_units_for(request.user).exists()})


@login_required
def goal_create(request: HttpRequest) -> HttpResponse:
    access.require(access.may_define_goals(request.user))
    units = access.goal_units_for(request.user)
    form = GoalForm(request.POST or None, units=units)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        goal = services.create_goal(request.user, unit=data["unit"], text=data["text"],
                                    kind=data["kind"], programme=data["programme"],
                                    deadline=data["deadline"], via=request.path)
        return redirect("goals:goal", goal.pk)
    return render(request, "goals/goal_form.html", {"form": form})


@login_required
def goal(request: HttpRequest, pk: int) -> HttpResponse:
    found = access.goal_or_404(request.user, pk)
    today = dates.today()
    view = reports.goal_view(found, request.user, today)
    editable = access.may_edit_goal(request.user, found)
    rows = [{
        "view": indicator,
        "status": status_label(indicator.status),
        "status_class": STATUS_CLASSES[indicator.status],
        "manual": REGISTRY[indicator.indicator.kind].manual,
        "snapshot": REGISTRY[indicator.indicator.kind].snapshot,
        "closed_at": reports.closed_years_computed_at(indicator.indicator, request.user,
                                                      today),
        "value_form": ManualValueForm(prefix=f"v{indicator.indicator.pk}")
        if editable and REGISTRY[indicator.indicator.kind].manual else None,
    } for indicator in view.indicators]
    return render(request, "goals/goal.html", {
        "goal": found, "view": view, "rows": rows, "editable": editable,
        "status": status_label(view.status), "status_class": STATUS_CLASSES[view.status],
        "charts": [reports.chart_data(indicator) for indicator in view.indicators],
        "is_region": found.unit.level == Unit.Level.REGION,
        "hidden_mark": access.disclosure.HIDDEN_MARK,
        "chart_labels": {"baseline": _("Baseline"), "target": _("Target"),
                         "path": _("Path to the target"), "value": _("Value")},
    })


@login_required
def region(request: HttpRequest, pk: int) -> HttpResponse:
    found = access.goal_or_404(request.user, pk)
    if found.unit.level != Unit.Level.REGION:
        raise Http404
    today = dates.today()
    comparisons = reports.region_comparison(found, request.user, today)
    tables = []
    for comparison in comparisons:
        periods = sorted({point.on for _unit, view in comparison.rows for point in view.series})
        tables.append({"comparison": comparison, "periods": periods, "rows": [
            {"unit": unit, "status": status_label(view.status),
             "status_class": STATUS_CLASSES[view.status],
             "values": [{p.on: p.value for p in view.series}.get(period)
                        for period in periods]}
            for unit, view in comparison.rows]})
    return render(request, "goals/region.html", {"goal": found, "tables": tables})


@login_required
def indicator_add(request: HttpRequest, pk: int) -> HttpResponse:
    """Its own page: the unit-scope list of a region is long, and the goal page, which
    every reader opens, need not render it."""
    found = access.goal_or_404(request.user, pk, edit=True)
    form = IndicatorForm(request.POST or None, goal=found)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.add_indicator(
                request.user, found, kind=data["kind"], unit=data["unit"],
                profession_group=data["profession_group"], name=data["name"],
                baseline=data["baseline"], baseline_on=data["baseline_on"],
                target=data["target"], direction=data["direction"], via=request.path)
            return redirect("goals:goal", found.pk)
        except ValidationError as error:
            for message in error.messages:
                form.add_error(None, message)
    return render(request, "goals/indicator_form.html", {"goal": found, "form": form})


@login_required
@require_POST
def value_add(request: HttpRequest, pk: int) -> HttpResponse:
    indicator = access.indicator_or_404(request.user, pk, edit=True)
    form = ManualValueForm(request.POST, prefix=f"v{indicator.pk}")
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.add_manual_value(request.user, indicator, period_end=data["period_end"],
                                      value=data["value"], source=data["source"],
                                      via=request.path)
            messages.success(request, _("The value is saved."))
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
    else:
        for field, errors in form.errors.items():
            for error in errors:
                messages.error(request, f"{form.fields[field].label}: {error}")
    return redirect("goals:goal", indicator.goal_id)


@login_required
@require_POST
def indicator_delete(request: HttpRequest, pk: int) -> HttpResponse:
    indicator = access.indicator_or_404(request.user, pk, edit=True)
    goal_id = indicator.goal_id
    services.delete_indicator(request.user, indicator)
    return redirect("goals:goal", goal_id)


@login_required
def goal_export(request: HttpRequest, pk: int) -> HttpResponse:
    found = access.goal_or_404(request.user, pk)
    view = reports.goal_view(found, request.user, dates.today())
    return exports.goal_response(view, {status: status_label(status) for status in Status})
