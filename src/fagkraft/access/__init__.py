"""Access control, in one place: every decision about who may see or do what.

Every page, API endpoint and export asks this package what a user may see:

- employee: their own record only;
- unit leader: people who hold or held a position in their unit's subtree;
- HR / competence adviser: everyone in their health trust;
- regional planner: units of their region, aggregates only, counts under the
  suppression threshold hidden; no person-level records at all;
- administrator: everything.

Functions return querysets, so callers filter further but can never widen the scope.
A record outside the user's scope is answered exactly like one that does not exist
(404, the `*_or_404` functions); 403 is kept for a role that may never use a kind of
page at all, whatever the id (docs/access.md, "Roles and scope").

One module per area; import from the package (`from fagkraft import access`), not from
the modules, so a rule can move between modules without touching callers.
"""

from fagkraft.access.audit_log import audit_events_for, may_read_audit_log
from fagkraft.access.competence import (
    approval_reminder_recipients,
    certificate_or_404,
    completion_to_decide_or_404,
    completions_for,
    manages_person,
    may_approve_completion,
    may_record_for_unit,
    pending_to_decide,
    plans_for,
    teachers_for,
    visible_packages,
)
from fagkraft.access.education import (
    activities_for,
    candidate_or_404,
    candidates_for,
    edits_pathway_templates,
    manages_candidate,
    manages_unit_candidates,
    sessions_for,
    supervises,
    supervision_assignments,
    supervisors_for,
)
from fagkraft.access.funding import (
    administered_application_or_404,
    administered_call_or_404,
    administered_programmes,
    administers,
    administers_any_programme,
    application_or_404,
    applications_for,
    assignment_or_404,
    call_or_404,
    calls_for,
    decisions_for,
    editable_application_or_404,
    funding_programmes_for,
    leads,
    own_assignments,
    partner_to_confirm_or_404,
    programme_or_404,
    reports_for,
    reviewer_memberships,
    reviews_for,
    sees_assessment,
)
from fagkraft.access.goals import (
    GOAL_EDITORS,
    goal_or_404,
    goal_units_for,
    goals_for,
    hide_rule,
    hides_figures,
    indicator_hide,
    indicator_or_404,
    indicators_for,
    manual_values_for,
    may_define_goals,
    may_edit_goal,
    may_read_goals,
)
from fagkraft.access.imports import (
    IMPORT_ROLES,
    chooses_column_map_trust,
    column_maps_for,
    editable_column_maps_for,
    import_changes_limited_to_scope,
    import_employee_ids,
    import_trust_of,
    import_unit_ids,
    jobs_for,
    may_import,
    require_importer,
)
from fagkraft.access.jobs import background_job_or_404, background_jobs_for
from fagkraft.access.persons import (
    approvals_for,
    employee_or_404,
    employees_for,
    positions_for,
    scope_trust_id,
    vacancies_for,
)
from fagkraft.access.projections import (
    PROJECTION_ROLES,
    editable_scenario_or_404,
    may_edit_scenario,
    may_use_projections,
    projection_units_for,
    scenario_or_404,
    scenarios_for,
)
from fagkraft.access.retention import (
    PRIORITY_RULE_ROLES,
    RETENTION_ROLES,
    may_see_priority_rule,
    may_see_retention,
    priority_rule_in_menu,
    priority_rule_unit_or_404,
    retention_unit_or_404,
)
from fagkraft.access.scope import (
    GOAL_READERS,
    Scope,
    User,
    in_scope_or_404,
    is_admin,
    manages_people,
    may_export_exact_counts,
    own_employee_id,
    own_employee_id_or_403,
    own_unit,
    require,
    require_role,
    scope_of,
    sees_persons,
    sees_units,
    suppress,
    suppresses_small_counts,
    suppression_threshold,
)
from fagkraft.access.units import (
    home_unit,
    may_see_persons_in,
    persons_unit_or_404,
    unit_or_404,
    units_for,
)
from fagkraft.access.workload import (
    WISN_EDITORS,
    WISN_READERS,
    may_create_wisn_study,
    may_edit_wisn,
    may_edit_wisn_study,
    may_read_wisn,
    wisn_existing_visible,
    wisn_studies_for,
    wisn_study_or_404,
)

# The names before out-of-scope became 404, kept only so that branches merged in parallel
# keep working; they answer 404 like their new names. Remove once nothing calls them.
unit_or_403 = unit_or_404
wisn_study_or_403 = wisn_study_or_404
scenario_or_403 = scenario_or_404

__all__ = [
    "administered_application_or_404", "administered_call_or_404", "administered_programmes",
    "administers", "administers_any_programme", "application_or_404", "applications_for",
    "assignment_or_404", "call_or_404", "calls_for", "decisions_for",
    "editable_application_or_404", "funding_programmes_for", "leads", "own_assignments",
    "partner_to_confirm_or_404", "programme_or_404", "reports_for", "reviewer_memberships",
    "reviews_for", "sees_assessment",
    "background_job_or_404", "background_jobs_for",
    "GOAL_EDITORS", "GOAL_READERS", "goal_or_404", "goal_units_for", "goals_for",
    "hide_rule", "hides_figures", "indicator_hide", "indicator_or_404", "indicators_for",
    "manual_values_for", "may_define_goals", "may_edit_goal", "may_read_goals",
    "IMPORT_ROLES", "PRIORITY_RULE_ROLES", "PROJECTION_ROLES", "RETENTION_ROLES",
    "may_see_priority_rule", "may_see_retention", "priority_rule_in_menu",
    "priority_rule_unit_or_404",
    "retention_unit_or_404", "Scope", "User", "WISN_EDITORS", "WISN_READERS",
    "activities_for", "approval_reminder_recipients", "approvals_for", "audit_events_for",
    "candidate_or_404",
    "candidates_for", "chooses_column_map_trust", "column_maps_for",
    "certificate_or_404", "pending_to_decide", "completion_to_decide_or_404", "completions_for",
    "editable_column_maps_for",
    "editable_scenario_or_404", "edits_pathway_templates", "employee_or_404", "employees_for",
    "home_unit", "import_changes_limited_to_scope", "import_employee_ids", "import_trust_of",
    "import_unit_ids", "in_scope_or_404", "is_admin", "jobs_for", "manages_candidate",
    "manages_people", "manages_person", "manages_unit_candidates", "may_approve_completion",
    "may_create_wisn_study", "may_edit_scenario", "may_edit_wisn", "may_edit_wisn_study",
    "may_export_exact_counts", "may_import", "may_read_audit_log", "may_read_wisn",
    "may_record_for_unit", "may_see_persons_in", "may_use_projections", "own_employee_id",
    "own_employee_id_or_403", "own_unit", "persons_unit_or_404", "plans_for", "positions_for",
    "projection_units_for", "require", "require_importer", "require_role", "scenario_or_403",
    "scenario_or_404", "scenarios_for", "scope_of", "scope_trust_id", "sees_persons",
    "sees_units", "sessions_for", "supervises", "supervision_assignments", "supervisors_for",
    "suppress", "suppresses_small_counts", "suppression_threshold", "teachers_for",
    "unit_or_403", "unit_or_404", "units_for", "vacancies_for", "visible_packages",
    "wisn_existing_visible", "wisn_studies_for", "wisn_study_or_403", "wisn_study_or_404",
]
