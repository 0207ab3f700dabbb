"""Representations of the education data for the API."""

from __future__ import annotations

from typing import Any

from rest_framework import serializers

from fagkraft.education.models import (
    Candidate,
    LearningActivity,
    LearningGoal,
    PathwayPart,
    PathwayTemplate,
    SupervisionSession,
)


def _number(**kwargs: Any) -> serializers.DecimalField:
    # A number in JSON, not DRF's default string, so clients can sum hours directly.
    return serializers.DecimalField(max_digits=7, decimal_places=2, coerce_to_string=False,
                                    read_only=True, **kwargs)


class PathwayPartSerializer(serializers.ModelSerializer):
    practice_years = _number()
    supervision_hours = _number()
    course_hours = _number()

    class Meta:
        model = PathwayPart
        fields = ["id", "code", "name", "order", "practice_years", "supervision_hours",
                  "course_hours", "individual_hours_count"]


class PathwayTemplateSerializer(serializers.ModelSerializer):
    parts = PathwayPartSerializer(many=True, read_only=True)
    profession_code = serializers.CharField(source="profession.code", read_only=True)
    specialty_code = serializers.CharField(source="specialty.code", read_only=True,
                                           allow_null=True)
    min_relationship_hours = _number()
    min_individual_hours = _number()
    course_share_in_practice = _number()
    supervision_hours_per_month = _number()

    class Meta:
        model = PathwayTemplate
        fields = ["id", "code", "name", "kind", "profession", "profession_code", "specialty",
                  "specialty_code", "leads_to_specialist", "nominal_months",
                  "uses_common_goals", "min_supervisors", "min_relationship_hours",
                  "min_individual_hours", "supervision_minutes_per_hour",
                  "course_share_in_practice", "written_work_required",
                  "supervision_hours_per_month", "renewal_competence", "description",
                  "active", "parts"]


class LearningGoalSerializer(serializers.ModelSerializer):
    class Meta:
        model = LearningGoal
        fields = ["id", "template", "code", "text", "order", "activities", "active"]


class CheckSerializer(serializers.Serializer):
    code = serializers.CharField()
    part = serializers.CharField()
    required = serializers.FloatField()
    done = serializers.FloatField()
    met = serializers.BooleanField()
    text = serializers.CharField()


class CandidateSerializer(serializers.ModelSerializer):
    """Progress fields come from the view's context (computed per request, never stored)."""

    template_code = serializers.CharField(source="template.code", read_only=True)
    expected_completion = serializers.SerializerMethodField()
    behind_schedule = serializers.SerializerMethodField()
    progress = serializers.SerializerMethodField()
    checks = serializers.SerializerMethodField()

    class Meta:
        model = Candidate
        fields = ["id", "employee", "template", "template_code", "unit", "start_date",
                  "planned_end", "status", "completed_on", "education_position",
                  "permanent_unit", "written_work_approved_on", "expected_completion",
                  "behind_schedule", "progress", "checks"]

    def _view(self, candidate: Candidate) -> Any:
        return self.context["views"][candidate.pk]

    def get_expected_completion(self, candidate: Candidate) -> str:
        return self._view(candidate).forecast.expected_on.isoformat()

    def get_behind_schedule(self, candidate: Candidate) -> bool:
        return self._view(candidate).forecast.behind

    def get_progress(self, candidate: Candidate) -> float | None:
        share = self._view(candidate).share
        return None if share is None else round(share, 4)

    def get_checks(self, candidate: Candidate) -> list[dict[str, Any]]:
        view = self._view(candidate)
        return [{"code": check.code, "part": check.part, "required": check.required,
                 "done": round(check.done, 4), "met": check.met, "text": row.text}
                for check, row in zip(view.status.progress.checks, view.checks, strict=True)]


class LearningActivitySerializer(serializers.ModelSerializer):
    goal_code = serializers.CharField(source="goal.code", read_only=True)

    class Meta:
        model = LearningActivity
        fields = ["id", "candidate", "goal", "goal_code", "title", "done_on", "signed_by",
                  "signed_at"]


class SupervisionSessionSerializer(serializers.ModelSerializer):
    class Meta:
        model = SupervisionSession
        fields = ["id", "candidate", "supervisor", "part", "held_on", "minutes",
                  "individual", "note"]
