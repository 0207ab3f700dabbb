"""The back office writes through the services or at least into the audit log."""

from fagkraft.audit.models import AuditEvent
from fagkraft.workforce.models import Unit


def test_moving_a_unit_in_the_admin_rewrites_the_subtree_paths(world, login):
    """Moving department NV-BUP from clinic NV-PHBU to a new clinic NV-NY must move its
    sections' paths along (/TST/NVHF/NV-NY/NV-BUP/NV-BUP-A/), and be logged."""
    client = login("admin_ada")
    response = client.post("/admin/workforce/unit/add/", {
        "code": "NV-NY", "name": "Ny klinikk", "level": "clinic", "parent": world.trust.pk,
        "service_area": "phbu", "care_level": "other"})
    assert response.status_code == 302, response.content.decode()[:2000]
    new_clinic = Unit.objects.get(code="NV-NY")
    assert new_clinic.path == "/TST/NVHF/NV-NY/" and new_clinic.trust == world.trust

    response = client.post(f"/admin/workforce/unit/{world.department.pk}/change/", {
        "code": "NV-BUP", "name": "BUP-avdelingen", "level": "department",
        "parent": new_clinic.pk, "service_area": "phbu", "care_level": "outpatient"})
    assert response.status_code == 302
    assert Unit.objects.get(code="NV-BUP-A").path == "/TST/NVHF/NV-NY/NV-BUP/NV-BUP-A/"
    logged = AuditEvent.objects.filter(username="admin_ada", object_type="workforce.unit")
    assert set(logged.values_list("action", flat=True)) == {"create", "update"}


def test_admin_refuses_a_section_directly_under_a_trust(world, login):
    response = login("admin_ada").post("/admin/workforce/unit/add/", {
        "code": "NV-X", "name": "Feil", "level": "section", "parent": world.trust.pk,
        "service_area": "phbu", "care_level": "other"})
    assert response.status_code == 200  # the form again, with the error
    assert not Unit.objects.filter(code="NV-X").exists()


def test_editing_an_employee_in_the_admin_is_logged(world, login):
    client = login("admin_ada")
    client.post(f"/admin/workforce/employee/{world.siri.pk}/delete/", {"post": "yes"})
    event = AuditEvent.objects.get(action="delete", object_type="workforce.employee")
    assert (event.username, event.object_id) == ("admin_ada", str(world.siri.pk))


def test_admin_cannot_place_a_position_in_another_trust(world, login):
    """Tor works for Solstad HF; a position for him in Nordvik's NV-BUP-A is refused,
    as services.add_position refuses it."""
    client = login("admin_ada")
    url = f"/admin/workforce/employee/{world.tor.pk}/change/"
    position = world.tor.positions.get()
    data = {
        "trust": world.other_trust.pk, "employee_number": "2001", "first_name": "Tor",
        "last_name": "Terapeut", "birth_date": "1975-03-04", "birth_year": 1975, "sex": "M",
        "hpr_number": "", "profession": world.social_worker.pk,
        "positions-TOTAL_FORMS": 2, "positions-INITIAL_FORMS": 1,
        "positions-MIN_NUM_FORMS": 0, "positions-MAX_NUM_FORMS": 1000,
        "positions-0-id": position.pk, "positions-0-employee": world.tor.pk,
        "positions-0-unit": world.other_section.pk, "positions-0-fte_percent": "100",
        "positions-0-kind": "permanent", "positions-0-start_date": "2015-01-01",
        "positions-1-employee": world.tor.pk, "positions-1-unit": world.section_a.pk,
        "positions-1-fte_percent": "50", "positions-1-kind": "temporary",
        "positions-1-start_date": "2026-01-01",
        "approvals-TOTAL_FORMS": 0, "approvals-INITIAL_FORMS": 0,
        "approvals-MIN_NUM_FORMS": 0, "approvals-MAX_NUM_FORMS": 1000,
    }
    response = client.post(url, data)
    assert response.status_code == 200  # the form again, with the error
    assert "Enheten hører til et annet helseforetak." in response.content.decode()
    assert world.tor.positions.count() == 1
