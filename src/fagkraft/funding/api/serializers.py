"""Serializers of the funding API. Applications carry no scores or reviewers; reviews
are a separate endpoint open only to the programme's administrators and the reviewer."""

from __future__ import annotations

from rest_framework import serializers

from fagkraft.funding.models import (
    Application,
    BudgetLine,
    Call,
    Criterion,
    Decision,
    DecisionAmount,
    Partner,
    Programme,
    ProgrammeYear,
    Review,
    Score,
    SubGoal,
)


class YearSerializer(serializers.ModelSerializer):
    class Meta:
        model = ProgrammeYear
        fields = ["year", "budget"]


class SubGoalSerializer(serializers.ModelSerializer):
    class Meta:
        model = SubGoal
        fields = ["id", "number", "name"]


class ProgrammeSerializer(serializers.ModelSerializer):
    budgets = YearSerializer(many=True, read_only=True)
    sub_goals = SubGoalSerializer(many=True, read_only=True)
    priority_groups = serializers.StringRelatedField(many=True, read_only=True)

    class Meta:
        model = Programme
        fields = ["id", "name", "owner", "case_number", "start_year", "end_year",
                  "total_budget", "max_per_project", "budgets", "sub_goals", "priority_groups"]


class CriterionSerializer(serializers.ModelSerializer):
    class Meta:
        model = Criterion
        fields = ["key", "name", "weight"]


class CallSerializer(serializers.ModelSerializer):
    criteria = CriterionSerializer(many=True, read_only=True)

    class Meta:
        model = Call
        fields = ["id", "programme", "number", "title", "opens_at", "closes_at", "decision_by",
                  "budget", "max_per_project", "required_fields", "criteria",
                  "evaluation_requirements", "reporting_requirements",
                  "implementation_requirements", "report_due_dates"]


class PartnerSerializer(serializers.ModelSerializer):
    class Meta:
        model = Partner
        fields = ["trust", "confirmed_at"]


class BudgetLineSerializer(serializers.ModelSerializer):
    class Meta:
        model = BudgetLine
        fields = ["year", "cost_type", "amount"]


class ApplicationSerializer(serializers.ModelSerializer):
    partners = PartnerSerializer(many=True, read_only=True)
    budget_lines = BudgetLineSerializer(many=True, read_only=True)

    class Meta:
        model = Application
        fields = ["id", "call", "moved_from", "title", "summary", "lead_trust", "partners",
                  "sub_goals", "priority_groups", "state", "submitted_at", "budget_lines"]


class ScoreSerializer(serializers.ModelSerializer):
    criterion = serializers.SlugRelatedField(slug_field="key", read_only=True)

    class Meta:
        model = Score
        fields = ["criterion", "score", "justification"]


class ReviewSerializer(serializers.ModelSerializer):
    application = serializers.IntegerField(source="assignment.application_id", read_only=True)
    reviewer_kind = serializers.CharField(source="assignment.reviewer.reviewer_kind",
                                          read_only=True)
    scores = ScoreSerializer(many=True, read_only=True)

    class Meta:
        model = Review
        fields = ["id", "application", "reviewer_kind", "recommendation", "comment",
                  "submitted_at", "scores"]


class AmountSerializer(serializers.ModelSerializer):
    class Meta:
        model = DecisionAmount
        fields = ["year", "amount"]


class DecisionSerializer(serializers.ModelSerializer):
    amounts = AmountSerializer(many=True, read_only=True)

    class Meta:
        model = Decision
        fields = ["id", "application", "call", "outcome", "note", "decided_on", "amounts"]
