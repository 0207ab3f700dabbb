"""The import pages: upload -> preview -> confirm -> result, history, column maps, access."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from fagkraft.audit.models import AuditEvent
from fagkraft.imports.models import ColumnMap, ImportJob
from fagkraft.jobs.models import Job
from fagkraft.workforce.models import Employee, Position
from tests.import_support import (
    BAD_CSV,
    GOOD_CSV,
    GOOD_XLSX,
    build_import_org,
    department_leader,
)
from tests.personas import PASSWORD


@pytest.fixture
def org(world):
    return build_import_org(world)


@pytest.fixture
def dina(client: Client, org) -> Client:
    """Leader of the BUP department, whose subtree holds both example sections."""
    department_leader(org)
    assert client.login(username="leader_dina", password=PASSWORD)
    return client


def upload(client: Client, path, **extra) -> ImportJob:
    file = SimpleUploadedFile(path.name, path.read_bytes())
    response = client.post(reverse("imports:upload"), {"file": file, **extra})
    assert response.status_code == 302, response.content.decode()[:2000]
    return ImportJob.objects.latest("pk")


def imported_count() -> int:
    return Employee.objects.filter(employee_number__startswith="9000").count()


def test_upload_page_has_a_labelled_file_input(dina):
    page = dina.get(reverse("imports:upload")).content.decode()
    assert 'name="file"' in page and 'type="file"' in page
    assert "HR-fil (CSV eller .xlsx)" in page  # the label, in Norwegian
    assert "ansattnummer" in page  # the column reference


def test_upload_preview_confirm_result(dina, org):
    job = upload(dina, GOOD_CSV)
    assert job.status == ImportJob.Status.PREVIEWED
    assert imported_count() == 0  # the preview writes nothing

    page = dina.get(reverse("imports:job", args=[job.pk])).content.decode()
    assert 'id="confirm-import"' in page
    assert 'id="import-errors"' not in page
    # 12 new employees and 13 new positions (Sølvi has two rows), shown as KPIs.
    assert '<div class="value">12</div><div class="label">nye ansatte</div>' in page
    assert '<div class="value">13</div><div class="label">nye stillinger</div>' in page
    assert "Øystein Kvalø" in page
    assert "01.08.2012" in page  # Åsne's start date in Norwegian format
    assert "80,5" in page  # Øystein's share, decimal comma

    response = dina.post(reverse("imports:confirm", args=[job.pk]))
    assert response.status_code == 302
    job.refresh_from_db()
    assert job.status == ImportJob.Status.COMMITTED
    assert imported_count() == 12
    assert Position.objects.filter(employee__employee_number__startswith="9000").count() == 13

    # The write ran as a background job (immediate in the suite): its page gives the
    # outcome and leads to the import's own page.
    background = Job.objects.get(kind="imports.commit")
    assert response.url == reverse("jobs:detail", args=[background.pk])
    assert background.state == Job.State.DONE and background.progress == 100
    job_page = dina.get(response.url).content.decode()
    assert "Importerte 13 rader." in job_page
    assert f'href="{reverse("imports:job", args=[job.pk])}"' in job_page
    result = dina.get(reverse("imports:job", args=[job.pk])).content.decode()
    assert "Importerte 13 rader." in result
    assert reverse("workforce:employee_list") in result
    assert reverse("workforce:unit", args=[org["north"].pk]) in result
    assert "Synnøve Lie" in result
    assert 'id="confirm-import"' not in result  # a committed job cannot be sent twice
    assert dina.post(reverse("imports:confirm", args=[job.pk])).status_code == 302
    assert imported_count() == 12


def test_bad_file_shows_the_error_table_and_no_button(dina):
    before = (Employee.objects.count(), AuditEvent.objects.count())
    job = upload(dina, BAD_CSV)
    assert job.status == ImportJob.Status.FAILED
    page = dina.get(reverse("imports:job", args=[job.pk])).content.decode()
    assert 'class="errors" id="import-errors"' in page
    assert "Filen har 13 feil." in page
    assert "<td class=\"num\">3</td><td>enhet</td><td>Ukjent enhetskode &#x27;BUP-X&#x27;</td>" \
        in page
    assert 'id="confirm-import"' not in page
    assert Employee.objects.count() == before[0]
    assert dina.post(reverse("imports:confirm", args=[job.pk])).status_code == 302
    assert Employee.objects.count() == before[0]


def test_english_messages_for_english_users(dina):
    dina.post(reverse("set_language"), {"language": "en"})
    job = upload(dina, BAD_CSV)
    page = dina.get(reverse("imports:job", args=[job.pk])).content.decode()
    assert "Unknown unit code &#x27;BUP-X&#x27;" in page


def test_xlsx_upload(dina):
    job = upload(dina, GOOD_XLSX)
    assert job.status == ImportJob.Status.PREVIEWED
    assert job.summary["employees"]["created"] == 12


def test_confirm_revalidates_the_stored_file(dina, org):
    """A unit removed from the leader's reach between preview and confirm: nothing written."""
    job = upload(dina, GOOD_CSV)
    from fagkraft.accounts.models import Profile

    Profile.objects.filter(user__username="leader_dina").update(unit=org["north"])
    dina.post(reverse("imports:confirm", args=[job.pk]))
    job.refresh_from_db()
    assert job.status == ImportJob.Status.FAILED
    assert imported_count() == 0


def test_section_leader_cannot_import_into_other_sections(login, org):
    client = login("leader_lise")  # NV-BUP-A only
    job = upload(client, GOOD_CSV)
    assert job.status == ImportJob.Status.FAILED
    assert job.summary["error_count"] == 13  # every row's unit is outside her subtree
    assert "utenfor" in job.summary["errors"][0]["message"]


def test_adviser_of_the_trust_may_import(login, org):
    client = login("adviser_arne")
    job = upload(client, GOOD_CSV)
    client.post(reverse("imports:confirm", args=[job.pk]))
    assert imported_count() == 12


@pytest.mark.parametrize("persona", ["employee_erik", "planner_pia"])
def test_other_roles_are_refused(login, org, persona):
    client = login(persona)
    assert client.get(reverse("imports:upload")).status_code == 403
    assert client.get(reverse("imports:history")).status_code == 403
    assert client.get(reverse("imports:maps")).status_code == 403
    file = SimpleUploadedFile("x.csv", GOOD_CSV.read_bytes())
    assert client.post(reverse("imports:upload"), {"file": file}).status_code == 403
    assert imported_count() == 0


def test_anonymous_is_sent_to_login(client, org):
    response = client.get(reverse("imports:upload"))
    assert response.status_code == 302 and reverse("login") in response.url


def test_only_the_uploader_confirms_and_others_cannot_see_foreign_jobs(dina, org, world):
    job = upload(dina, GOOD_CSV)
    other = Client()
    other.login(username="leader_ola", password=PASSWORD)  # NV-BUP-B: not Dina's area
    assert other.get(reverse("imports:job", args=[job.pk])).status_code == 404
    assert other.post(reverse("imports:confirm", args=[job.pk])).status_code == 404
    adviser = Client()
    adviser.login(username="adviser_arne", password=PASSWORD)  # sees the trust's imports
    assert adviser.get(reverse("imports:job", args=[job.pk])).status_code == 200
    assert adviser.post(reverse("imports:confirm", args=[job.pk])).status_code == 403
    assert imported_count() == 0


def test_history_lists_the_imports(dina):
    upload(dina, GOOD_CSV)
    upload(dina, BAD_CSV)
    page = dina.get(reverse("imports:history")).content.decode()
    assert "hr_eksempel.csv" in page and "hr_eksempel_feil.csv" in page
    assert "Feilet" in page and "Forhåndsvist" in page


def test_column_map_created_in_the_form_and_used_for_upload(dina, org, tmp_path):
    response = dina.post(reverse("imports:map_create"), {
        "name": "Lønnssystemet",
        "mapping_text": "Person-ID = ansattnummer\nOrg.enhet = unit\n",
    })
    assert response.status_code == 302
    column_map = ColumnMap.objects.get(name="Lønnssystemet")
    assert column_map.mapping == {"Person-ID": "ansattnummer", "Org.enhet": "enhet"}
    assert column_map.trust == org["north"].trust

    path = tmp_path / "lonn.csv"
    text = GOOD_CSV.read_text(encoding="utf-8")
    path.write_text(text.replace("ansattnummer", "Person-ID", 1).replace("enhet", "Org.enhet", 1),
                    encoding="utf-8")
    assert upload(dina, path).status == ImportJob.Status.FAILED
    job = upload(dina, path, column_map=column_map.pk)
    assert job.status == ImportJob.Status.PREVIEWED


def test_column_map_form_reports_unknown_columns(dina):
    response = dina.post(reverse("imports:map_create"), {
        "name": "Feil", "mapping_text": "Person-ID = personnummer\nuten likhetstegn"})
    assert response.status_code == 200
    page = response.content.decode()
    assert "Linje 1: ukjent kolonne &#x27;personnummer&#x27;." in page
    assert "Linje 2: skriv «deres overskrift = vår kolonne»." in page
    assert not ColumnMap.objects.exists()


def test_column_maps_of_other_trusts_are_not_offered(login, org, world):
    ColumnMap.objects.create(name="Solstad", trust=world.other_trust, mapping={"a": "enhet"})
    ColumnMap.objects.create(name="Felles", trust=None, mapping={"b": "enhet"})
    page = login("adviser_arne").get(reverse("imports:upload")).content.decode()
    assert "Felles" in page and "Solstad" not in page
    solstad = ColumnMap.objects.get(name="Solstad")
    assert login("adviser_arne").get(
        reverse("imports:map_edit", args=[solstad.pk])).status_code == 404
