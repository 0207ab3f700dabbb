"""The one delete view (fagkraft.core.delete_view), exercised through the WISN pages.

Hand-made case: in BUP Nord (section_a) a study "BUP Nord 2025" with one staff category
"psychologist" holding one activity "contact". Lise leads the section and may edit it;
Ola leads another section and may not.
"""

from __future__ import annotations

import pytest
from django.contrib.messages import get_messages
from django.contrib.messages.storage.fallback import FallbackStorage
from django.core.exceptions import ValidationError
from django.test import RequestFactory
from django_htmx.middleware import HtmxDetails

from fagkraft.audit.models import AuditEvent
from fagkraft.core.delete_view import ObjectDeleteView
from fagkraft.workload import services
from fagkraft.workload.models import StaffCategory, WisnStudy, WorkloadActivity
from tests.personas import World


@pytest.fixture
def study(world: World) -> WisnStudy:
    study = services.create_study(None, unit=world.section_a, name="BUP Nord 2025", year=2025)
    category = services.add_category(None, study, name="psychologist",
                                      profession_group="psychologist")
    services.add_activity(None, category, name="contact", annual_workload=900,
                          minutes_per_unit=60)
    return study


def test_get_asks_for_confirmation_and_deletes_nothing(client, world: World,
                                                       study: WisnStudy) -> None:
    client.force_login(world.users["leader_lise"])
    page = client.get(f"/workload/studies/{study.pk}/delete/")
    html = page.content.decode()
    assert page.status_code == 200
    assert "Slette BUP Nord 2025 (2025)?" in html
    assert "WISN-studie «BUP Nord 2025 (2025)» slettes. Dette kan ikke angres." in html
    assert "Personellkategoriene, aktivitetene og scenarioene slettes med den." in html
    assert f'action="/workload/studies/{study.pk}/delete/"' in html
    assert '<a class="button secondary" href="/workload/">' in html  # cancel: the list
    assert WisnStudy.objects.filter(pk=study.pk).exists()


def test_htmx_get_answers_with_the_form_only(client, world: World, study: WisnStudy) -> None:
    client.force_login(world.users["leader_lise"])
    category = StaffCategory.objects.get(study=study)
    fragment = client.get(f"/workload/categories/{category.pk}/delete/",
                          HTTP_HX_REQUEST="true").content.decode()
    assert "<html" not in fragment and "<form" in fragment
    assert "Slette psychologist?" in fragment


def test_post_deletes_through_the_service_audits_and_redirects_with_a_message(
        client, world: World, study: WisnStudy) -> None:
    client.force_login(world.users["leader_lise"])
    response = client.post(f"/workload/studies/{study.pk}/delete/")
    assert response.status_code == 302 and response["Location"] == "/workload/"
    assert not WisnStudy.objects.filter(pk=study.pk).exists()
    event = AuditEvent.objects.get(action="delete", object_type="workload.wisnstudy")
    assert (event.username, event.object_id) == ("leader_lise", str(study.pk))
    assert [str(m) for m in get_messages(response.wsgi_request)] == [
        "Slettet: BUP Nord 2025 (2025)."]


def test_htmx_post_of_a_whole_object_redirects_on_the_client(client, world: World,
                                                             study: WisnStudy) -> None:
    client.force_login(world.users["leader_lise"])
    response = client.post(f"/workload/studies/{study.pk}/delete/", HTTP_HX_REQUEST="true")
    assert response.status_code == 200 and response["HX-Redirect"] == "/workload/"
    assert not WisnStudy.objects.filter(pk=study.pk).exists()


def test_htmx_post_of_a_part_answers_with_the_refreshed_study(client, world: World,
                                                              study: WisnStudy) -> None:
    """The activity's 900 contacts go; the study page then shows no activity for it."""
    client.force_login(world.users["leader_lise"])
    activity = WorkloadActivity.objects.get(category__study=study)
    response = client.post(f"/workload/activities/{activity.pk}/delete/",
                           HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert response.status_code == 200 and html.lstrip().startswith('<div id="study-body">')
    assert "Slettet: contact." in html
    assert not WorkloadActivity.objects.filter(pk=activity.pk).exists()
    assert response.context["report"].rows[0].result.required_staff == 0
    # The notice was shown in the fragment, so none waits for the next full page.
    assert list(get_messages(response.wsgi_request)) == []


def test_return_url_is_followed_on_this_site_only(client, world: World,
                                                  study: WisnStudy) -> None:
    client.force_login(world.users["leader_lise"])
    category = StaffCategory.objects.get(study=study)
    foreign = client.post(f"/workload/categories/{category.pk}/delete/",
                          {"return_url": "https://example.org/"})
    assert foreign["Location"] == f"/workload/studies/{study.pk}/"
    scenario = services.create_scenario(None, study, name="Oppgavedeling")
    local = client.post(f"/workload/scenarios/{scenario.pk}/delete/",
                        {"return_url": "/workload/"})
    assert local["Location"] == "/workload/"


@pytest.mark.parametrize("method", ["get", "post"])
def test_out_of_scope_is_refused_and_nothing_is_deleted(client, world: World,
                                                        study: WisnStudy, method: str) -> None:
    client.force_login(world.users["leader_ola"])
    category = StaffCategory.objects.get(study=study)
    response = getattr(client, method)(f"/workload/categories/{category.pk}/delete/")
    assert response.status_code in (403, 404)
    assert StaffCategory.objects.filter(pk=category.pk).exists()
    assert not AuditEvent.objects.filter(action="delete").exists()


def test_anonymous_is_sent_to_the_login(client, study: WisnStudy) -> None:
    response = client.get(f"/workload/studies/{study.pk}/delete/")
    assert response.status_code == 302 and response["Location"].startswith("/login/")


def test_a_refusal_from_the_service_is_shown_and_nothing_is_deleted(world: World,
                                                                   study: WisnStudy) -> None:
    """A service that refuses (ValidationError) leaves the row and says why."""

    class Refusing(ObjectDeleteView):
        def get_object(self, request, pk):
            return WisnStudy.objects.get(pk=pk)

        def delete_object(self, request, obj):
            raise ValidationError("Studien er låst.")

        def get_return_url(self, request, obj):
            return "/workload/"

    request = RequestFactory().post(f"/workload/studies/{study.pk}/delete/")
    request.user = world.users["leader_lise"]
    request.htmx = HtmxDetails(request)
    request.session = {}
    request._messages = FallbackStorage(request)
    response = Refusing.as_view()(request, pk=study.pk)
    assert response.status_code == 302 and response["Location"] == "/workload/"
    assert [str(m) for m in request._messages] == ["Studien er låst."]
    assert WisnStudy.objects.filter(pk=study.pk).exists()
