"""Every successful save says so (issue 12: "Lagre gives no confirmation").

Walks the main forms of each app as the persona who uses them and checks that the page
after the save shows a confirmation in the messages area of the base template (or, for
HTMX answers that swap part of a page, in the part swapped in).
"""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from fagkraft.competence import services as competence
from fagkraft.competence.models import Completion
from fagkraft.imports.models import ImportJob
from fagkraft.workload import services as workload
from tests.education_support import lis_candidate


def _confirmations(html: str) -> list[str]:
    """The texts of the success/info messages shown."""
    return re.findall(r'<div class="message (?:success|info)">([^<]+)</div>', html)


@pytest.fixture
def course(world):
    return competence.create_competence(None, code="SUI", name="Suicide day course",
                                        kind="course")


def test_competence_forms_confirm(world, client, course):
    client.force_login(world.users["employee_erik"])
    page = client.post(reverse("competence:mine"), {
        "report-competence": course.pk, "report-completed_on": "01.02.2026"}, follow=True)
    assert _confirmations(page.content.decode()) == [
        "Takk. Lederen din godkjenner gjennomføringen."]

    client.force_login(world.users["leader_lise"])
    kari = reverse("competence:person", args=[world.kari.pk])
    page = client.post(kari, {"action": "record", "record-competence": course.pk,
                              "record-completed_on": "01.02.2026"}, follow=True)
    assert _confirmations(page.content.decode()) == ["Gjennomføring registrert for Kari Lege."]
    page = client.post(kari, {"action": "activity", "activity-kind": "development",
                              "activity-year": "2026", "activity-title": "Veiledning",
                              "activity-status": "planned"}, follow=True)
    assert _confirmations(page.content.decode()) == ["Aktiviteten er lagt til i planen."]
    page = client.post(reverse("competence:unit", args=[world.section_a.pk]), {
        "record-employee": world.kari.pk, "record-competence": course.pk,
        "record-completed_on": "02.02.2026"}, follow=True)
    assert _confirmations(page.content.decode()) == ["Gjennomføring registrert for Kari Lege."]


def test_an_htmx_approval_brings_its_confirmation_along(world, client, course):
    """The row is swapped in place; the message comes out of band into #messages."""
    report = competence.record_completion(
        None, employee=world.erik, competence=course, completed_on=dt.date(2026, 2, 1),
        source=Completion.Source.EMPLOYEE)
    client.force_login(world.users["leader_lise"])
    html = client.post(reverse("competence:approve", args=[report.pk]),
                       {"unit": world.section_a.pk}, HTTP_HX_REQUEST="true").content.decode()
    assert '<div id="messages" role="status" aria-live="polite" hx-swap-oob="true">' in html
    assert _confirmations(html) == [f"Godkjent: {report}."]
    # Consumed: the next page does not show it a second time.
    assert _confirmations(client.get(reverse("home"), follow=True).content.decode()) == []


def test_education_forms_confirm(world, client):
    kari = lis_candidate(world)
    client.force_login(world.users["leader_lise"])
    target = (dt.date.today() + dt.timedelta(days=60)).strftime("%d.%m.%Y")
    page = client.post(reverse("education:candidate", args=[kari.pk]), {
        "action": "plan", "plan-title": "Hospitering BUP døgn", "plan-target_date": target},
        follow=True)
    assert _confirmations(page.content.decode()) == ["Lagret."]


def test_workload_forms_confirm(world, client):
    study = workload.create_study(None, unit=world.section_a, name="BUP Nord 2025", year=2025)
    category = workload.add_category(None, study, name="psychologist",
                                     profession_group="psychologist")
    activity = workload.add_activity(None, category, name="contact", annual_workload=1500,
                                     minutes_per_unit=60)
    client.force_login(world.users["leader_lise"])
    page = client.post(reverse("workload:study_edit", args=[study.pk]), {
        "name": study.name, "year": "2025", "basis": "percent", "working_days": "261",
        "public_holidays": "9", "annual_leave": "25", "sick_leave": "15,89",
        "other_leave": "0", "hours_per_day": "7,5", "contract_hours": "1950",
        "deductions_percent": "ferie: 10,6", "note": ""}, follow=True)
    assert _confirmations(page.content.decode()) == ["Arbeidstiden er lagret."]
    update = reverse("workload:activity_update", args=[activity.pk])
    data = {f"a{activity.pk}-annual_workload": "1600", f"a{activity.pk}-minutes_per_unit": "60"}
    page = client.post(update, data, follow=True)
    assert _confirmations(page.content.decode()) == ["Lagret."]
    # With HTMX only the study body comes back; the confirmation is in it.
    html = client.post(update, data, HTTP_HX_REQUEST="true").content.decode()
    assert 'id="wisn-notice">Lagret.</div>' in html


def test_import_upload_and_confirm_say_what_happens(world, client):
    data = ("ansattnummer;fornavn;etternavn;fødselsdato;kjønn;hpr_nummer;yrke;enhet;"
            "stillingsprosent;stillingstype;startdato;sluttdato;sluttårsak\n"
            "1009;Nils;Ny;01.05.1985;M;;nurse;NV-BUP-A;100;fast;01.01.2024;;\n")
    client.force_login(world.users["adviser_arne"])
    page = client.post(reverse("imports:upload"), {
        "kind": "employees",
        "file": SimpleUploadedFile("ansatte.csv", data.encode("utf-8"))}, follow=True)
    assert _confirmations(page.content.decode()) == [
        "Filen er lest; ingenting lagres før du bekrefter forhåndsvisningen nedenfor."]
    job = ImportJob.objects.latest("pk")
    # The import itself runs as a background job; its page says so.
    page = client.post(reverse("imports:confirm", args=[job.pk]), follow=True)
    assert _confirmations(page.content.decode()) == [
        "Importen er startet; denne siden viser framdriften og resultatet."]
