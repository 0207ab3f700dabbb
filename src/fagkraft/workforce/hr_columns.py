"""The HR file format: column names, their aliases and the words used in cells.

One definition shared by the HR import (reading) and the staff exports (writing), so an
exported file can be imported again unchanged. Norwegian headers are the default; the
English aliases are accepted on import. See docs/import.md.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from fagkraft.workforce.models import Employee, Position, PositionKind


@dataclass(frozen=True)
class HrColumn:
    name: str  # the default (Norwegian) header
    aliases: tuple[str, ...]  # other accepted headers, compared case-insensitively
    required: bool
    description: str


EMPLOYEE_COLUMNS: tuple[HrColumn, ...] = (
    HrColumn("ansattnummer", ("employee_number", "ansattnr", "employee_no"), True,
             _("Employee number in the HR system; the key for updates.")),
    HrColumn("fornavn", ("first_name", "firstname"), True, _("First name.")),
    HrColumn("etternavn", ("last_name", "lastname", "surname"), True, _("Last name.")),
    HrColumn("fødselsdato", ("birth_date", "fodselsdato", "født", "birth_year", "fødselsår"),
             True, _("Birth date (dd.mm.yyyy or yyyy-mm-dd) or birth year (yyyy).")),
    HrColumn("kjønn", ("sex", "gender", "kjonn"), False,
             _("K/kvinne, M/mann; empty if not stated.")),
    HrColumn("hpr_nummer", ("hpr_number", "hpr", "hprnr"), False,
             _("HPR number, 6 to 9 digits; empty for non-authorised staff.")),
    HrColumn("yrke", ("profession", "stilling", "occupation"), True,
             _("Profession code or name as registered in Fagkraft.")),
    HrColumn("enhet", ("unit", "unit_code", "enhetskode"), True,
             _("Unit code (clinic, department or section) as registered in Fagkraft.")),
    HrColumn("stillingsprosent", ("fte_percent", "fte", "stillingsandel"), True,
             _("Share of full time in percent, e.g. 80 or 80,5.")),
    HrColumn("stillingstype", ("position_type", "position_kind", "type"), True,
             _("fast, midlertidig or utdanning.")),
    HrColumn("startdato", ("start_date", "start", "fra_dato"), True,
             _("First day in the position.")),
    HrColumn("sluttdato", ("end_date", "end", "til_dato"), False,
             _("Last day in the position; empty while it lasts.")),
    HrColumn("sluttårsak", ("leaving_reason", "sluttarsak", "reason"), False,
             _("Why the position ended; one of the accepted words listed on the import page.")),
    # A person's specialist approval (a doctor's or psychologist's specialty); repeated on
    # each of their rows in the export, merged on import.
    HrColumn("spesialitet", ("specialty", "specialty_code", "spesialitetskode"), False,
             _("Specialty code of a specialist approval, e.g. LE-BUP; empty if none.")),
    HrColumn("spesialist_godkjent", ("specialist_approved_on", "approved_on",
                                     "godkjent_dato", "spesialistgodkjent"), False,
             _("Date of the specialist approval; required with a specialty code.")),
)

COLUMN_NAMES: tuple[str, ...] = tuple(column.name for column in EMPLOYEE_COLUMNS)

# Cell vocabularies: accepted words (lower case) -> stored value. The first word listed
# for each value is the one exports write.
SEX_WORDS: dict[str, str] = {
    "k": Employee.Sex.FEMALE, "kvinne": Employee.Sex.FEMALE, "f": Employee.Sex.FEMALE,
    "female": Employee.Sex.FEMALE,
    "m": Employee.Sex.MALE, "mann": Employee.Sex.MALE, "male": Employee.Sex.MALE,
    "": Employee.Sex.UNKNOWN, "u": Employee.Sex.UNKNOWN, "ukjent": Employee.Sex.UNKNOWN,
}

POSITION_KIND_WORDS: dict[str, str] = {
    "fast": PositionKind.PERMANENT, "permanent": PositionKind.PERMANENT,
    "midlertidig": PositionKind.TEMPORARY, "vikar": PositionKind.TEMPORARY,
    "temporary": PositionKind.TEMPORARY,
    "utdanning": PositionKind.EDUCATION, "utdanningsstilling": PositionKind.EDUCATION,
    "education": PositionKind.EDUCATION,
}

_Reason = Position.LeavingReason
LEAVING_REASON_WORDS: dict[str, str] = {
    "oppsigelse": _Reason.RESIGNED, "sluttet": _Reason.RESIGNED, "resigned": _Reason.RESIGNED,
    "pensjon": _Reason.RETIRED, "alderspensjon": _Reason.RETIRED, "retired": _Reason.RETIRED,
    "intern flytting": _Reason.INTERNAL_MOVE, "intern": _Reason.INTERNAL_MOVE,
    "internal_move": _Reason.INTERNAL_MOVE,
    "vikariat utløpt": _Reason.END_OF_CONTRACT, "utløpt": _Reason.END_OF_CONTRACT,
    "end_of_contract": _Reason.END_OF_CONTRACT,
    "utdanning fullført": _Reason.EDUCATION_COMPLETED,
    "education_completed": _Reason.EDUCATION_COMPLETED,
    "avskjed": _Reason.DISMISSED, "oppsagt": _Reason.DISMISSED, "dismissed": _Reason.DISMISSED,
    "dødsfall": _Reason.DEATH, "death": _Reason.DEATH,
    "annet": _Reason.OTHER, "other": _Reason.OTHER,
}


def export_word(vocabulary: dict[str, str], value: str) -> str:
    """The word an export writes for a stored value (the first one listed)."""
    for word, stored in vocabulary.items():
        if stored == value:
            return word
    return ""


@dataclass(frozen=True)
class AcceptedValue:
    label: str  # the stored value's display name
    words: tuple[str, ...]  # the words a file may use for it, the export's word first


def accepted_values(vocabulary: dict[str, str], choices: type) -> tuple[AcceptedValue, ...]:
    """A vocabulary grouped by stored value, for the import page's reference lists."""
    grouped: dict[str, list[str]] = {}
    for word, stored in vocabulary.items():
        if word:
            grouped.setdefault(stored, []).append(word)
    return tuple(AcceptedValue(str(choices(stored).label), tuple(words))
                 for stored, words in grouped.items())
