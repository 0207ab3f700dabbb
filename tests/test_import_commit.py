"""Writing a good HR file: people and positions, updates on re-import, all or nothing."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.db import DatabaseError

from fagkraft.audit import services as audit_services
from fagkraft.audit.models import AuditEvent
from fagkraft.imports.services import import_employees
from fagkraft.workforce.models import Employee, Position
from tests.import_support import BAD_CSV, GOOD_CSV, GOOD_XLSX, build_import_org, csv_bytes

# The good example: 12 people (900001-900012) and 13 rows, since 900006 Sølvi Aaberg
# moved from BUP nord to BUP sør on 01.01.2020 and so has two positions.
PEOPLE, ROWS = 12, 13


@pytest.fixture
def org(world):
    return build_import_org(world)


def imported() -> tuple[int, int, int]:
    return (Employee.objects.filter(employee_number__startswith="9000").count(),
            Position.objects.filter(employee__employee_number__startswith="9000").count(),
            AuditEvent.objects.count())


def test_good_file_writes_people_and_positions(org):
    _, _, events_before = imported()
    result = import_employees(None, GOOD_CSV.name, GOOD_CSV.read_bytes())
    assert result.ok and result.written
    assert result.employees.as_dict() == {"created": PEOPLE, "updated": 0, "unchanged": 0}
    assert result.positions.as_dict() == {"created": ROWS, "updated": 0, "unchanged": 0}
    people, positions, events = imported()
    assert (people, positions) == (PEOPLE, ROWS)
    # One audit event per record written, plus one for the import itself: 12 + 13 + 1.
    assert events - events_before == PEOPLE + ROWS + 1

    oystein = Employee.objects.get(employee_number="900002")
    assert (oystein.first_name, oystein.last_name) == ("Øystein", "Kvalø")
    assert (oystein.birth_date, oystein.birth_year, oystein.sex) == (None, 1969, "M")
    assert oystein.profession.code == "psychiatrist"
    assert oystein.trust == org["north"].trust
    assert oystein.positions.get().fte_percent == Decimal("80.50")

    solvi = Employee.objects.get(employee_number="900006")
    north, south = solvi.positions.order_by("start_date")
    assert (north.unit, north.end_date, north.leaving_reason) == (
        org["north"], dt.date(2019, 12, 31), Position.LeavingReason.INTERNAL_MOVE)
    assert (south.unit, south.start_date, south.end_date) == (
        org["south"], dt.date(2020, 1, 1), None)
    assert Employee.objects.get(employee_number="900003").positions.get().kind == "education"


def test_reimport_updates_instead_of_duplicating(org):
    import_employees(None, GOOD_CSV.name, GOOD_CSV.read_bytes())
    _, _, events_before = imported()
    again = import_employees(None, GOOD_CSV.name, GOOD_CSV.read_bytes())
    assert again.employees.as_dict() == {"created": 0, "updated": 0, "unchanged": PEOPLE}
    assert again.positions.as_dict() == {"created": 0, "updated": 0, "unchanged": ROWS}
    people, positions, events = imported()
    assert (people, positions) == (PEOPLE, ROWS)
    assert events - events_before == 1  # only the import event: nothing changed


def test_changed_rows_update_the_matching_records(org):
    import_employees(None, GOOD_CSV.name, GOOD_CSV.read_bytes())
    text = GOOD_CSV.read_text(encoding="utf-8")
    # Åsne marries (new surname); Øystein goes down to 60 %; Randi leaves on 30.06.2024;
    # Live gets a second position in BUP sør: 2 changed people, 2 changed + 1 new position.
    text = text.replace("900001;Åsne;Bjørklund", "900001;Åsne;Bjørklund Vik")
    text = text.replace("NORD;80,5;fast;01.01.2010;;", "NORD;60;fast;01.01.2010;;")
    text = text.replace("01.04.2017;;", "01.04.2017;30.06.2024;oppsigelse")
    text += ("900008;Live;Stræte;19.09.1993;K;9100008;nurse;NVHF-PHBU-BUP-SOR;25;"
             "midlertidig;01.01.2024;;\n")
    _, _, events_before = imported()
    result = import_employees(None, "hr_endret.csv", text.encode("utf-8"))
    assert result.employees.as_dict() == {"created": 0, "updated": 1, "unchanged": PEOPLE - 1}
    assert result.positions.as_dict() == {"created": 1, "updated": 2, "unchanged": ROWS - 2}
    people, positions, events = imported()
    assert (people, positions) == (PEOPLE, ROWS + 1)
    # 1 employee + 2 positions updated, 1 position created, 1 import event.
    assert events - events_before == 5
    assert Employee.objects.get(employee_number="900001").last_name == "Bjørklund Vik"
    randi = Position.objects.get(employee__employee_number="900010")
    assert (randi.end_date, randi.leaving_reason) == (dt.date(2024, 6, 30), "resigned")
    assert Position.objects.get(employee__employee_number="900002").fte_percent == 60
    updates = AuditEvent.objects.filter(action="update", via="import hr_endret.csv")
    assert sorted(updates.values_list("object_type", flat=True)) == [
        "workforce.employee", "workforce.position", "workforce.position"]


def test_xlsx_holds_the_same_content_as_the_csv(org):
    import_employees(None, GOOD_CSV.name, GOOD_CSV.read_bytes())
    result = import_employees(None, GOOD_XLSX.name, GOOD_XLSX.read_bytes(), dry_run=True)
    assert result.errors == []
    assert result.employees.as_dict() == {"created": 0, "updated": 0, "unchanged": PEOPLE}
    assert result.positions.as_dict() == {"created": 0, "updated": 0, "unchanged": ROWS}


def test_bad_file_writes_nothing(org):
    before = (Employee.objects.count(), Position.objects.count(), AuditEvent.objects.count())
    result = import_employees(None, BAD_CSV.name, BAD_CSV.read_bytes())
    assert not result.ok and not result.written
    # Row 2 of the bad file is valid on its own, yet nothing at all is written.
    after = (Employee.objects.count(), Position.objects.count(), AuditEvent.objects.count())
    assert after == before
    assert not Employee.objects.filter(employee_number="900101").exists()


def test_dry_run_reports_but_writes_nothing(org):
    before = (Employee.objects.count(), Position.objects.count(), AuditEvent.objects.count())
    result = import_employees(None, GOOD_CSV.name, GOOD_CSV.read_bytes(), dry_run=True)
    assert result.ok and not result.written
    assert result.employees.created == PEOPLE
    after = (Employee.objects.count(), Position.objects.count(), AuditEvent.objects.count())
    assert after == before


def test_one_transaction_a_late_failure_rolls_everything_back(org, monkeypatch):
    """The import event is written after all people and positions; make it fail."""

    def fail(*args, **kwargs):
        raise DatabaseError("disk full")

    monkeypatch.setattr(audit_services, "record_bulk_read", fail)
    before = (Employee.objects.count(), Position.objects.count(), AuditEvent.objects.count())
    result = import_employees(None, GOOD_CSV.name, GOOD_CSV.read_bytes())
    assert not result.written
    assert result.errors[0].row == 1
    after = (Employee.objects.count(), Position.objects.count(), AuditEvent.objects.count())
    assert after == before


def test_existing_employee_of_another_trust_is_another_person(world, org):
    """Employee numbers are unique per trust: 2001 (Tor, Solstad HF) is not touched."""
    row = ("2001;Tora;Tangen;1990;K;;nurse;NVHF-PHBU-BUP-NORD;100;fast;01.01.2024;;")
    result = import_employees(None, "x.csv", csv_bytes(row))
    assert result.employees.created == 1
    assert Employee.objects.filter(employee_number="2001").count() == 2
    world.tor.refresh_from_db()
    assert world.tor.first_name == "Tor"


def test_new_position_for_an_employee_created_elsewhere(world, org):
    """Kari (1002) exists in NVHF with a position in NV-BUP-A; the file adds one in BUP nord."""
    row = "1002;Kari;Lege;03.02.1960;K;;doctor;NVHF-PHBU-BUP-NORD;20;midlertidig;01.03.2024;;"
    result = import_employees(None, "x.csv", csv_bytes(row))
    assert result.employees.as_dict() == {"created": 0, "updated": 0, "unchanged": 1}
    assert result.positions.created == 1
    assert world.kari.positions.count() == 2
