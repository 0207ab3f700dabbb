"""Specialist approvals in the HR file: the spesialitet / spesialist_godkjent columns.

The data (persona world with PS-BU, the import organisation, LE-BUP and one imported
file) is built once for the module in setUpTestData; each test runs in a savepoint on top.

The good file (today is whatever day the tests run; every date is in the past):
- 800001 Åse Lindvik, psychiatrist, LE-BUP approved 15.03.2020, two positions (BUP nord
  until 31.12.2021, then BUP sør), the approval on both rows -> one approval;
- 800002 Per Tveit, psychologist, PS-BU approved 01.09.2018, one position;
- 800003 Siv Hovda, nurse, no approval.
So: 3 people, 4 positions, 2 approvals; 3 + 4 + 2 audit events for the records plus one
for the import = 10.
"""

from __future__ import annotations

import datetime as dt

from django.test import TestCase
from django.urls import reverse
from django.utils import translation

from fagkraft.audit.models import AuditEvent
from fagkraft.imports.services import import_employees
from fagkraft.workforce import exports
from fagkraft.workforce import services as workforce
from fagkraft.workforce.hr_columns import COLUMN_NAMES
from fagkraft.workforce.models import Employee, Position, Profession, SpecialistApproval
from tests.import_support import build_import_org, csv_bytes
from tests.personas import build_world

HEADER = ";".join(COLUMN_NAMES)
POSITION = "100;fast"
GOOD = csv_bytes(
    f"800001;Åse;Lindvik;1975;K;;psychiatrist;NVHF-PHBU-BUP-NORD;{POSITION};01.01.2015;"
    "31.12.2021;intern flytting;LE-BUP;15.03.2020",
    f"800001;Åse;Lindvik;1975;K;;psychiatrist;NVHF-PHBU-BUP-SOR;{POSITION};01.01.2022;;;"
    "le-bup;2020-03-15",
    f"800002;Per;Tveit;1980;M;;psychologist;NVHF-PHBU-BUP-NORD;{POSITION};01.08.2016;;;"
    "PS-BU;01.09.2018",
    f"800003;Siv;Hovda;1990;K;;nurse;NVHF-PHBU-BUP-NORD;{POSITION};01.02.2019;;;;",
    header=HEADER,
)


def row(number: str, profession: str, specialty: str, approved: str) -> str:
    return (f"{number};Test;Person;1985;K;;{profession};NVHF-PHBU-BUP-NORD;{POSITION};"
            f"01.01.2020;;;{specialty};{approved}")


BAD = csv_bytes(
    row("810002", "psychiatrist", "LE-XYZ", "01.01.2021"),   # row 2: unknown code
    row("810003", "psychiatrist", "LE-BUP", "31.13.2020"),   # row 3: no such month
    row("810004", "psychiatrist", "LE-BUP", ""),             # row 4: no date
    row("810005", "psychiatrist", "", "01.01.2021"),         # row 5: no code
    row("810006", "psychiatrist", "PS-BU", "01.01.2021"),    # row 6: another profession
    row("810007", "psychiatrist", "LE-BUP", "01.01.2099"),   # row 7: in the future
    header=HEADER,
)


class SpecialistApprovalImport(TestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        cls.world = build_world()
        cls.org = build_import_org(cls.world)
        workforce.create_specialty(
            None, code="LE-BUP", name="Barne- og ungdomspsykiatri",
            profession=Profession.objects.get(code="psychiatrist"))
        # PS-BU (Barne- og ungdomspsykologi, psychologist) comes with the persona world.
        cls.adviser = cls.world.users["adviser_arne"]
        cls.events_before = AuditEvent.objects.count()
        cls.result = import_employees(cls.adviser, "hr.csv", GOOD)
        cls.events_after = AuditEvent.objects.count()

    def test_approvals_are_written_once_per_person_with_audit_events(self) -> None:
        assert self.result.ok and self.result.written, self.result.errors
        assert self.result.employees.created == 3 and self.result.positions.created == 4
        assert self.result.approvals.as_dict() == {"created": 2, "updated": 0, "unchanged": 0}
        approvals = SpecialistApproval.objects.filter(employee__employee_number__in=[
            "800001", "800002", "800003"]).order_by("employee__employee_number")
        assert [(a.employee.employee_number, a.specialty.code, a.approved_on, a.valid_until,
                 a.ended_on) for a in approvals] == [
            ("800001", "LE-BUP", dt.date(2020, 3, 15), None, None),
            ("800002", "PS-BU", dt.date(2018, 9, 1), None, None),
        ]
        # 3 people + 4 positions + 2 approvals + 1 import event.
        assert self.events_after - self.events_before == 10
        created = AuditEvent.objects.filter(
            action=AuditEvent.Action.CREATE, object_type="workforce.specialistapproval",
            object_id__in=[str(a.pk) for a in approvals])
        assert created.count() == 2 and set(created.values_list("via", flat=True)) == {
            "import hr.csv"}

    def test_reimporting_the_same_file_adds_no_approval(self) -> None:
        again = import_employees(self.adviser, "hr.csv", GOOD)
        assert again.ok
        assert again.approvals.as_dict() == {"created": 0, "updated": 0, "unchanged": 2}
        assert SpecialistApproval.objects.filter(
            employee__employee_number__startswith="8000").count() == 2

    def test_export_carries_the_approval_and_imports_again_unchanged(self) -> None:
        positions = Position.objects.filter(employee__employee_number__startswith="8000")
        rows = exports.staff_rows(positions)
        by_number = {(r[0], r[7]): r[-2:] for r in rows}
        assert by_number == {
            ("800001", "NVHF-PHBU-BUP-NORD"): ("LE-BUP", dt.date(2020, 3, 15)),
            ("800001", "NVHF-PHBU-BUP-SOR"): ("LE-BUP", dt.date(2020, 3, 15)),
            ("800002", "NVHF-PHBU-BUP-NORD"): ("PS-BU", dt.date(2018, 9, 1)),
            ("800003", "NVHF-PHBU-BUP-NORD"): ("", None),
        }
        exported = exports.file_response("csv", "staff", COLUMN_NAMES, rows, "Staff").content
        again = import_employees(self.adviser, "staff.csv", exported)
        assert again.ok, again.errors
        assert again.approvals.created == 0 and again.positions.created == 0

    def test_unknown_code_and_bad_dates_are_reported_in_norwegian(self) -> None:
        with translation.override("nb"):
            bad = import_employees(self.adviser, "bad.csv", BAD)
        assert not bad.written
        problems = [(p.row, p.column, p.message) for p in bad.errors]
        assert problems == [
            (2, "spesialitet", "Ukjent spesialitetskode 'LE-XYZ'"),
            (3, "spesialist_godkjent", "Ikke en dato: '31.13.2020' (bruk dd.mm.åååå)"),
            (4, "spesialist_godkjent", "En spesialitetskode krever en godkjenningsdato"),
            (5, "spesialitet", "En godkjenningsdato krever en spesialitetskode"),
            (6, "spesialitet",
             "Spesialiteten 'PS-BU' hører til yrket 'Psykolog', ikke til radens yrke"),
            (7, "spesialist_godkjent", "Godkjenningsdatoen er fram i tid: '01.01.2099'"),
        ]
        assert not Employee.objects.filter(employee_number__startswith="8100").exists()

    def test_imported_specialist_counts_as_specialist_on_the_unit_page(self) -> None:
        # force_login: setUpTestData hashed the password before the tests' fast hasher.
        self.client.force_login(self.adviser)
        url = reverse("workforce:unit", args=[self.org["south"].pk])
        with translation.override("nb"):
            specialists = self.client.get(url, {"specialist": "true"},
                                          HTTP_ACCEPT_LANGUAGE="nb")
            others = self.client.get(url, {"specialist": "false"},
                                     HTTP_ACCEPT_LANGUAGE="nb")
        assert specialists.status_code == 200
        # Åse Lindvik works in BUP sør since 2022 and holds LE-BUP: a specialist.
        assert "Lindvik" in specialists.text and "Lindvik" not in others.text
        assert 'class="badge ok">Ja<' in specialists.text
