"""A leader's import reaches only their own units and their own people's details."""

from fagkraft.imports.services import import_employees
from fagkraft.workforce.models import Employee, Position

HEADER = ("ansattnummer;fornavn;etternavn;fødselsdato;kjønn;hpr_nummer;yrke;enhet;"
          "stillingsprosent;stillingstype;startdato;sluttdato;sluttårsak\n")


def csv(*rows: str) -> bytes:
    return (HEADER + "\n".join(rows) + "\n").encode("utf-8")


def test_leader_may_take_in_a_trust_employee_but_not_rename_them(world):
    """Siri (1003) works in NV-BUP-B, outside leader Lise's section NV-BUP-A."""
    lise = world.users["leader_lise"]
    renamed = csv("1003;Siri;Nyttnavn;09.09.1990;K;;nurse;NV-BUP-A;50;fast;01.03.2026;;")
    result = import_employees(lise, "flytting.csv", renamed)
    assert [(e.row, e.message) for e in result.errors] == [
        (2, "Ansatt 1003 arbeider utenfor dine enheter: bare en HR-rådgiver kan endre "
            "personopplysningene"),
    ]
    assert Employee.objects.get(employee_number="1003").last_name == "Sykepleier"

    moving_in = csv("1003;Siri;Sykepleier;09.09.1990;K;;nurse;NV-BUP-A;50;fast;01.03.2026;;")
    result = import_employees(lise, "flytting.csv", moving_in)
    assert result.errors == []
    assert Position.objects.filter(employee__employee_number="1003",
                                   unit=world.section_a).count() == 1


def test_adviser_may_change_details_anywhere_in_the_trust(world):
    renamed = csv("1003;Siri;Nyttnavn;09.09.1990;K;;nurse;NV-BUP-B;100;fast;01.01.2015;;")
    result = import_employees(world.users["adviser_arne"], "rettelse.csv", renamed)
    assert result.errors == []
    assert Employee.objects.get(employee_number="1003").last_name == "Nyttnavn"
