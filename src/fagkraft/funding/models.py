"""The regional funding programme (issue 14, Helse Midt-Norge case 93/23).

A programme (owned by a region, the RHF) has budgets per year, sub-goals and priority
groups, and runs calls (rounds). Health trusts apply together; the secretariat assigns
reviewers (ordinary, KTV/KVO employee representatives, RBU user committee), who score each
application per criterion; decisions allocate money per year; approved projects report.
Amounts are whole kroner. Who may see and do what: fagkraft.access.funding. Writes:
fagkraft.funding.services only.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

USER = settings.AUTH_USER_MODEL


class Programme(models.Model):
    name = models.CharField(_("name"), max_length=200)
    owner = models.ForeignKey("workforce.Unit", verbose_name=_("owner (regional authority)"),
                              on_delete=models.PROTECT, related_name="+")
    case_number = models.CharField(_("board case"), max_length=40, blank=True)
    start_year = models.PositiveIntegerField(_("first year"))
    end_year = models.PositiveIntegerField(_("last year"))
    total_budget = models.PositiveBigIntegerField(_("total budget (NOK)"))
    max_per_project = models.PositiveBigIntegerField(
        _("maximum per project over the period (NOK)"))
    description = models.TextField(_("description"), blank=True)

    class Meta:
        verbose_name = _("funding programme")
        verbose_name_plural = _("funding programmes")
        ordering = ["-start_year", "name"]

    def __str__(self) -> str:
        return self.name

    @property
    def years(self) -> list[int]:
        return list(range(self.start_year, self.end_year + 1))


class ProgrammeYear(models.Model):
    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="budgets")
    year = models.PositiveIntegerField(_("year"))
    budget = models.PositiveBigIntegerField(_("budget (NOK)"))

    class Meta:
        verbose_name = _("budget year")
        verbose_name_plural = _("budget years")
        ordering = ["year"]
        constraints = [models.UniqueConstraint(fields=["programme", "year"],
                                               name="funding_one_budget_per_year")]

    def __str__(self) -> str:
        return f"{self.programme} {self.year}"


class SubGoal(models.Model):
    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="sub_goals")
    number = models.PositiveSmallIntegerField(_("number"))
    name = models.CharField(_("name"), max_length=200)

    class Meta:
        verbose_name = _("sub-goal")
        verbose_name_plural = _("sub-goals")
        ordering = ["number"]

    def __str__(self) -> str:
        return f"{self.number}. {self.name}"


class PriorityGroup(models.Model):
    programme = models.ForeignKey(Programme, on_delete=models.CASCADE,
                                  related_name="priority_groups")
    name = models.CharField(_("name"), max_length=200)

    class Meta:
        verbose_name = _("priority group")
        verbose_name_plural = _("priority groups")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class ProgrammeMember(models.Model):
    """A user's part in a programme: administrator (the RHF secretariat) or reviewer.

    These are offices in the programme, granted by this record and nothing else (like a
    supervisor assignment): a reviewer's `trust` is where they work, which decides
    conflicts of interest; RBU members from the user committee belong to no trust."""

    class Kind(models.TextChoices):
        ADMINISTRATOR = "administrator", _("Programme administrator")
        REVIEWER = "reviewer", _("Reviewer")

    class ReviewerKind(models.TextChoices):
        ORDINARY = "ordinary", _("Ordinary reviewer")
        KTV = "ktv", _("Employee representative (KTV/KVO)")
        RBU = "rbu", _("Regional user committee (RBU)")

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="members")
    user = models.ForeignKey(USER, verbose_name=_("user"), on_delete=models.CASCADE,
                             related_name="funding_memberships")
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    reviewer_kind = models.CharField(_("reviewer kind"), max_length=10,
                                     choices=ReviewerKind.choices, blank=True)
    trust = models.ForeignKey("workforce.Unit", verbose_name=_("health trust"), null=True,
                              blank=True, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("programme member")
        verbose_name_plural = _("programme members")
        constraints = [models.UniqueConstraint(fields=["programme", "user", "kind"],
                                               name="funding_one_membership_per_kind")]

    def __str__(self) -> str:
        label = self.get_reviewer_kind_display() if self.reviewer_kind else self.get_kind_display()
        return f"{self.user} ({label})"


class Call(models.Model):
    """One round of a programme's calls."""

    class Field(models.TextChoices):
        # Fields of an application a call may require before submission.
        SUMMARY = "summary", _("Summary")
        ACTIVITIES = "activities", _("Activities and milestones")
        EMPLOYEE_REPRESENTATIVES = "employee_representatives", _("Local employee representatives")
        USER_REPRESENTATIVES = "user_representatives", _("Local user representatives")
        INDICATORS = "indicators", _("Indicators to move")
        BUDGET = "budget", _("Budget")
        PRIORITY_GROUPS = "priority_groups", _("Priority groups")

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="calls")
    number = models.PositiveSmallIntegerField(_("round"))
    title = models.CharField(_("title"), max_length=200)
    opens_at = models.DateTimeField(_("opens"))
    closes_at = models.DateTimeField(_("closes"))
    decision_by = models.DateField(_("allocation by"), null=True, blank=True)
    budget = models.PositiveBigIntegerField(_("budget (NOK)"))
    max_per_project = models.PositiveBigIntegerField(_("maximum per project (NOK)"))
    required_fields = models.JSONField(_("required fields"), default=list, blank=True)
    evaluation_requirements = models.TextField(_("requirements for evaluation"), blank=True)
    reporting_requirements = models.TextField(_("requirements for reporting"), blank=True)
    implementation_requirements = models.TextField(_("requirements for implementation"),
                                                   blank=True)
    report_due_dates = models.JSONField(_("report due dates"), default=list, blank=True)

    class Meta:
        verbose_name = _("call")
        verbose_name_plural = _("calls")
        ordering = ["programme", "number"]
        constraints = [models.UniqueConstraint(fields=["programme", "number"],
                                               name="funding_one_call_per_round")]

    def __str__(self) -> str:
        return f"{self.programme}: {self.title}"


class Criterion(models.Model):
    call = models.ForeignKey(Call, on_delete=models.CASCADE, related_name="criteria")
    key = models.SlugField(_("key"), max_length=40)
    name = models.CharField(_("name"), max_length=200)
    weight = models.DecimalField(_("weight"), max_digits=5, decimal_places=2)

    class Meta:
        verbose_name = _("assessment criterion")
        verbose_name_plural = _("assessment criteria")
        ordering = ["pk"]
        constraints = [models.UniqueConstraint(fields=["call", "key"],
                                               name="funding_unique_criterion")]

    def __str__(self) -> str:
        return self.name


class Application(models.Model):
    class State(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Submitted")
        UNDER_ASSESSMENT = "under_assessment", _("Under assessment")
        APPROVED = "approved", _("Approved")
        REJECTED = "rejected", _("Rejected")
        MOVED = "moved", _("Moved to the next round")
        MORE_INFO = "more_info", _("More information requested")

    call = models.ForeignKey(Call, verbose_name=_("call"), on_delete=models.PROTECT,
                             related_name="applications")
    moved_from = models.ForeignKey(Call, verbose_name=_("moved from"), null=True, blank=True,
                                   on_delete=models.PROTECT, related_name="+")
    title = models.CharField(_("title"), max_length=200)
    summary = models.TextField(_("summary"), blank=True)
    project_lead = models.ForeignKey(USER, verbose_name=_("project lead"),
                                     on_delete=models.PROTECT, related_name="+")
    lead_trust = models.ForeignKey("workforce.Unit", verbose_name=_("lead health trust"),
                                   on_delete=models.PROTECT, related_name="+")
    sub_goals = models.ManyToManyField(SubGoal, verbose_name=_("sub-goals"), blank=True)
    priority_groups = models.ManyToManyField(PriorityGroup, verbose_name=_("priority groups"),
                                             blank=True)
    activities = models.TextField(_("activities and milestones"), blank=True)
    employee_representatives = models.TextField(_("local employee representatives"),
                                                blank=True)
    user_representatives = models.TextField(_("local user representatives"), blank=True)
    state = models.CharField(_("state"), max_length=20, choices=State.choices,
                             default=State.DRAFT)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)

    class Meta:
        verbose_name = _("application")
        verbose_name_plural = _("applications")
        ordering = ["call", "pk"]

    def __str__(self) -> str:
        return self.title

    @property
    def trust_id(self) -> int:
        # The audit log files an application's events under its lead trust.
        return self.lead_trust_id


class Partner(models.Model):
    """A partner trust of an application and its contact, who confirms participation."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE,
                                    related_name="partners")
    trust = models.ForeignKey("workforce.Unit", verbose_name=_("health trust"),
                              on_delete=models.PROTECT, related_name="+")
    contact = models.ForeignKey(USER, verbose_name=_("contact"), null=True, blank=True,
                                on_delete=models.PROTECT, related_name="+")
    confirmed_at = models.DateTimeField(_("confirmed"), null=True, blank=True)

    class Meta:
        verbose_name = _("partner trust")
        verbose_name_plural = _("partner trusts")
        constraints = [models.UniqueConstraint(fields=["application", "trust"],
                                               name="funding_one_partner_per_trust")]

    def __str__(self) -> str:
        return f"{self.application}: {self.trust}"


class BudgetLine(models.Model):
    class CostType(models.TextChoices):
        PERSONNEL = "personnel", _("Personnel")
        TRAINING = "training", _("Education and training")
        OPERATIONS = "operations", _("Operations and equipment")
        TRAVEL = "travel", _("Travel and meetings")
        OTHER = "other", _("Other")

    application = models.ForeignKey(Application, on_delete=models.CASCADE,
                                    related_name="budget_lines")
    year = models.PositiveIntegerField(_("year"))
    cost_type = models.CharField(_("cost type"), max_length=12, choices=CostType.choices)
    amount = models.PositiveBigIntegerField(_("amount (NOK)"))

    class Meta:
        verbose_name = _("budget line")
        verbose_name_plural = _("budget lines")
        ordering = ["year", "cost_type"]

    def __str__(self) -> str:
        return f"{self.year} {self.get_cost_type_display()}: {self.amount}"


class Milestone(models.Model):
    application = models.ForeignKey(Application, on_delete=models.CASCADE,
                                    related_name="milestones")
    name = models.CharField(_("milestone"), max_length=200)
    due_on = models.DateField(_("due"))
    reached_on = models.DateField(_("reached"), null=True, blank=True)

    class Meta:
        verbose_name = _("milestone")
        verbose_name_plural = _("milestones")
        ordering = ["due_on"]

    def __str__(self) -> str:
        return self.name


class TargetIndicator(models.Model):
    """An indicator the project aims to move, in one unit."""

    class Indicator(models.TextChoices):
        TURNOVER = "turnover", _("Turnover")
        SPECIALIST_SHARE = "specialist_share", _("Specialist share")
        COMPLIANCE = "compliance", _("Competence compliance")
        CANDIDATES = "candidates", _("Candidates in education positions")

    application = models.ForeignKey(Application, on_delete=models.CASCADE,
                                    related_name="indicators")
    indicator = models.CharField(_("indicator"), max_length=20, choices=Indicator.choices)
    unit = models.ForeignKey("workforce.Unit", verbose_name=_("unit"), on_delete=models.PROTECT,
                             related_name="+")
    baseline_year = models.PositiveIntegerField(_("baseline year"))

    class Meta:
        verbose_name = _("target indicator")
        verbose_name_plural = _("target indicators")

    def __str__(self) -> str:
        return f"{self.get_indicator_display()}: {self.unit}"


class ReviewerAssignment(models.Model):
    application = models.ForeignKey(Application, on_delete=models.CASCADE,
                                    related_name="assignments")
    reviewer = models.ForeignKey(ProgrammeMember, verbose_name=_("reviewer"),
                                 on_delete=models.PROTECT, related_name="assignments")
    # Flagged when assigned: the reviewer belongs to an applying trust and cannot score.
    conflict = models.BooleanField(_("conflict of interest"), default=False)

    class Meta:
        verbose_name = _("reviewer assignment")
        verbose_name_plural = _("reviewer assignments")
        constraints = [models.UniqueConstraint(fields=["application", "reviewer"],
                                               name="funding_one_assignment")]

    def __str__(self) -> str:
        return f"{self.application}: {self.reviewer}"

    @property
    def trust_id(self) -> int:
        return self.application.lead_trust_id


class Review(models.Model):
    class Recommendation(models.TextChoices):
        APPROVE = "approve", _("Approve")
        REJECT = "reject", _("Reject")
        MOVE = "move", _("Move to the next round")
        MORE_INFO = "more_info", _("Ask for more information")

    assignment = models.OneToOneField(ReviewerAssignment, on_delete=models.CASCADE,
                                      related_name="review")
    recommendation = models.CharField(_("recommendation"), max_length=12,
                                      choices=Recommendation.choices)
    comment = models.TextField(_("comment"), blank=True)
    submitted_at = models.DateTimeField(_("submitted"))

    class Meta:
        verbose_name = _("review")
        verbose_name_plural = _("reviews")

    def __str__(self) -> str:
        return str(self.assignment)

    @property
    def trust_id(self) -> int:
        return self.assignment.application.lead_trust_id


class Score(models.Model):
    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="scores")
    criterion = models.ForeignKey(Criterion, on_delete=models.PROTECT, related_name="+")
    score = models.PositiveSmallIntegerField(_("score"))
    justification = models.TextField(_("justification"))

    class Meta:
        verbose_name = _("score")
        verbose_name_plural = _("scores")

    def __str__(self) -> str:
        return f"{self.criterion}: {self.score}"


class Decision(models.Model):
    class Outcome(models.TextChoices):
        APPROVED = "approved", _("Approved")
        REJECTED = "rejected", _("Rejected")
        MOVED = "moved", _("Moved to the next round")
        MORE_INFO = "more_info", _("More information requested")

    application = models.ForeignKey(Application, on_delete=models.CASCADE,
                                    related_name="decisions")
    call = models.ForeignKey(Call, on_delete=models.PROTECT, related_name="decisions")
    outcome = models.CharField(_("outcome"), max_length=12, choices=Outcome.choices)
    note = models.TextField(_("note"), blank=True)
    decided_on = models.DateField(_("decided"))

    class Meta:
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")
        ordering = ["decided_on", "pk"]

    def __str__(self) -> str:
        return f"{self.application}: {self.get_outcome_display()}"

    @property
    def trust_id(self) -> int:
        return self.application.lead_trust_id


class DecisionAmount(models.Model):
    decision = models.ForeignKey(Decision, on_delete=models.CASCADE, related_name="amounts")
    year = models.PositiveIntegerField(_("year"))
    amount = models.PositiveBigIntegerField(_("amount (NOK)"))

    class Meta:
        verbose_name = _("allocated amount")
        verbose_name_plural = _("allocated amounts")
        ordering = ["year"]

    def __str__(self) -> str:
        return f"{self.year}: {self.amount}"


class ProgressReport(models.Model):
    class Kind(models.TextChoices):
        PROGRESS = "progress", _("Progress report")
        FINAL = "final", _("Final report")

    application = models.ForeignKey(Application, on_delete=models.CASCADE,
                                    related_name="reports")
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    period_end = models.DateField(_("period ending"))
    progress = models.TextField(_("progress"))
    spent = models.PositiveBigIntegerField(_("spent so far (NOK)"))
    milestones = models.TextField(_("milestones"), blank=True)
    risks = models.TextField(_("risks"), blank=True)
    evaluation = models.TextField(_("evaluation"), blank=True)
    submitted_at = models.DateTimeField(_("submitted"))

    class Meta:
        verbose_name = _("progress report")
        verbose_name_plural = _("progress reports")
        ordering = ["period_end", "pk"]

    def __str__(self) -> str:
        return f"{self.application}: {self.get_kind_display()} {self.period_end}"

    @property
    def trust_id(self) -> int:
        return self.application.lead_trust_id
