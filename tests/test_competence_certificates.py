"""Course certificates attached to a course report (issue 12, point 5).

Persona: Erik (employee_erik) reports a course with its certificate; his leader Lise
approves it with the certificate open. The file is checked by its first bytes as well as
its name, kept under MEDIA_ROOT with a random name, and served only to those who may read
Erik's completions (Erik, Lise, adviser Arne of his trust, admin Ada); Ola (the other
section's leader), Sara (the other trust's adviser) and planner Pia get 404.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from fagkraft.audit.models import AuditEvent
from fagkraft.competence import services
from fagkraft.competence.models import Completion

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32
JPEG = b"\xff\xd8\xff\xe0" + b"\x00" * 32


@pytest.fixture
def course(world):
    return services.create_competence(None, code="SUI", name="Suicide day course",
                                      kind="course")


def _report(client, course, name: str, content: bytes, content_type: str = "application/pdf"):
    return client.post(reverse("competence:mine"), {
        "report-competence": course.pk, "report-completed_on": "01.02.2026",
        "report-hours": "7,5",
        "report-certificate": SimpleUploadedFile(name, content, content_type=content_type),
    })


def _stored_files() -> set[Path]:
    root = Path(settings.MEDIA_ROOT)
    return set(root.rglob("*.*")) if root.exists() else set()


def test_a_report_carries_its_certificate_stored_under_a_random_name(world, login, course):
    before = _stored_files()
    response = _report(login("employee_erik"), course, "Kursbevis Erik Ansatt.pdf", PDF)
    assert response.status_code == 302
    completion = Completion.objects.get(employee=world.erik, competence=course)
    assert completion.status == Completion.Status.PENDING
    assert completion.certificate_type == "application/pdf"
    assert completion.certificate_name == "Kursbevis Erik Ansatt.pdf"
    # 32 random hex digits: nothing of the person or the uploaded name in the path.
    assert re.fullmatch(r"certificates/[0-9a-f]{32}\.pdf", completion.certificate.name)
    [stored] = _stored_files() - before
    assert stored.read_bytes() == PDF
    # Outside the static files.
    assert not str(stored).startswith(str(settings.STATIC_ROOT or "/nonexistent"))
    [event] = AuditEvent.objects.filter(object_type="competence.completion",
                                        object_id=str(completion.pk),
                                        action=AuditEvent.Action.CREATE)
    assert event.detail == {"certificate": "application/pdf"}
    assert [person.employee_id for person in event.persons.all()] == [world.erik.pk]


@pytest.mark.parametrize(("name", "content", "message"), [
    ("kursbevis.exe", PDF, "PDF, JPEG eller PNG"),
    ("kursbevis.pdf", PNG, "innhold er ikke"),       # a PNG named .pdf
    ("kursbevis.png", PDF, "innhold er ikke"),       # a PDF named .png
    ("kursbevis.pdf", b"<script>alert(1)</script>", "innhold er ikke"),
    ("kursbevis.jpg", b"GIF89a" + b"\x00" * 20, "innhold er ikke"),
])
def test_only_pdf_jpeg_and_png_by_their_content(world, login, course, name, content, message):
    before = _stored_files()
    response = _report(login("employee_erik"), course, name, content)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Completion.objects.filter(employee=world.erik, competence=course).exists()
    assert _stored_files() == before


def test_jpeg_and_png_are_accepted(world, login, course):
    client = login("employee_erik")
    assert _report(client, course, "bevis.JPEG", JPEG, "image/jpeg").status_code == 302
    assert _report(client, course, "bevis.png", PNG, "image/png").status_code == 302
    types = sorted(Completion.objects.filter(employee=world.erik)
                   .values_list("certificate_type", flat=True))
    assert types == ["image/jpeg", "image/png"]


def test_a_certificate_over_the_size_limit_is_refused(world, login, course, settings):
    # 0.001 MB = 1,048 bytes; the file is 1,100 bytes, a valid PDF start.
    settings.FAGKRAFT = {**settings.FAGKRAFT, "CERTIFICATE_MAX_MB": 0.001}
    response = _report(login("employee_erik"), course, "stor.pdf", PDF + b" " * (1100 - len(PDF)))
    assert response.status_code == 200
    assert "større enn 0,001 MB" in response.content.decode()
    assert not Completion.objects.filter(employee=world.erik).exists()


@pytest.fixture
def with_certificate(world, course):
    return services.record_completion(
        None, employee=world.erik, competence=course, completed_on=dt.date(2026, 2, 1),
        source=Completion.Source.EMPLOYEE,
        certificate=SimpleUploadedFile("mitt kurs.pdf", PDF))


@pytest.mark.parametrize("persona", ["employee_erik", "leader_lise", "adviser_arne",
                                     "admin_ada"])
def test_the_certificate_is_served_to_who_may_read_the_completion(
        persona, world, client, with_certificate):
    client.force_login(world.users[persona])
    url = reverse("competence:certificate", args=[with_certificate.pk])
    response = client.get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    assert response["Content-Type"] == "application/pdf"
    # A neutral name, never the uploader's (which could carry quotes or a path).
    assert response["Content-Disposition"] == (
        f'attachment; filename="kursbevis-{with_certificate.pk}.pdf"')
    assert response["X-Content-Type-Options"] == "nosniff"
    [read] = AuditEvent.objects.filter(user=world.users[persona], action=AuditEvent.Action.READ,
                                       object_type="competence.completion")
    assert read.object_id == str(with_certificate.pk)
    assert read.detail == {"certificate": "application/pdf"}
    assert [person.employee_id for person in read.persons.all()] == [world.erik.pk]


@pytest.mark.parametrize("persona", ["leader_ola", "adviser_sara", "planner_pia"])
def test_anyone_else_gets_404(persona, world, client, with_certificate):
    client.force_login(world.users[persona])
    response = client.get(reverse("competence:certificate", args=[with_certificate.pk]))
    assert response.status_code == 404
    assert not AuditEvent.objects.filter(user=world.users[persona],
                                         object_type="competence.completion").exists()


def test_anonymous_is_sent_to_login(client, world, with_certificate):
    response = client.get(reverse("competence:certificate", args=[with_certificate.pk]))
    assert response.status_code == 302 and "login" in response["Location"]


def test_a_completion_without_certificate_is_404_even_for_its_owner(world, client, course):
    completion = services.record_completion(None, employee=world.erik, competence=course,
                                            completed_on=dt.date(2026, 2, 1))
    client.force_login(world.users["employee_erik"])
    assert client.get(reverse("competence:certificate",
                              args=[completion.pk])).status_code == 404


def test_the_leader_sees_the_certificate_beside_the_report_to_approve(
        world, client, with_certificate):
    client.force_login(world.users["leader_lise"])
    page = client.get(reverse("competence:unit", args=[world.section_a.pk])).content.decode()
    link = reverse("competence:certificate", args=[with_certificate.pk])
    assert f'id="pending-{with_certificate.pk}"' in page
    assert f'href="{link}"' in page
