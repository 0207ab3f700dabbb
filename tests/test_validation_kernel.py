"""The validation kernel: UTF-16 CSV, xlsx bombs refused unread, limits, JSON paths of
non-finite numbers, and run_import's dry run that never writes.

The bombs are built here (nothing big is committed): a 5 KB workbook whose sheet claims
16,384 columns x 1,048,576 rows, and a workbook of about 1.5 MB whose members unpack to
1.4 GB. Both must be refused with a Norwegian message while Python allocates little
(tracemalloc); how fast is measured by benchmarks/file_bombs.py.
"""

from __future__ import annotations

import io
import tracemalloc
import zipfile

import pytest
from django.utils import translation

from fagkraft.core.validation import (
    Limits,
    Problem,
    ProblemCollector,
    UnreadableFile,
    parse_decimal,
    read_json_document,
    read_table,
    run_import,
)
from tests.file_bombs import dimension_bomb, zip_bomb


@pytest.fixture(autouse=True)
def _english():
    """Messages in English unless a test asks for bokmål."""
    with translation.override("en"):
        yield


LIMITS = Limits(rows=200_000, columns=200, unpacked_bytes=300 * 1024 * 1024)
MEMORY_CEILING = 20 * 1024 * 1024  # bytes Python may allocate while refusing a bomb


def refusal(data: bytes, name: str = "bombe.xlsx") -> tuple[str, int]:
    """The Norwegian message the reader refuses with, and the peak Python allocation."""
    tracemalloc.start()
    try:
        with translation.override("nb"), pytest.raises(UnreadableFile) as caught:
            read_table(name, data, LIMITS)
        _now, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return str(caught.value), peak


def test_dimension_bomb_is_refused_unread() -> None:
    data = dimension_bomb()
    assert len(data) < 10_000  # a few KB
    message, peak = refusal(data)
    assert message == ("Filen har mer enn 200 kolonner; fjern kolonnene importen ikke "
                       "bruker.")
    assert peak < MEMORY_CEILING


def test_zip_bomb_is_refused_from_its_declared_sizes() -> None:
    data = zip_bomb()
    assert len(data) < 6 * 1024 * 1024
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert sum(member.file_size for member in archive.infolist()) > 1400 * 1024 * 1024
    message, peak = refusal(data)
    assert message.startswith("Arbeidsboken ville pakkes ut til 1400 MB, mer enn de 300 MB")
    assert peak < MEMORY_CEILING


def test_zip_bomb_would_really_unpack_to_its_declared_size() -> None:
    """The bomb is real, not just a lying header: its first megabytes unpack to zeros."""
    with zipfile.ZipFile(io.BytesIO(zip_bomb(8 * 1024 * 1024))) as archive, \
            archive.open("xl/media/filler.bin") as member:
        assert member.read(3 * 1024 * 1024) == bytes(3 * 1024 * 1024)


def test_rows_beyond_the_limit_are_refused_and_within_it_read() -> None:
    small = Limits(rows=3, columns=5, unpacked_bytes=LIMITS.unpacked_bytes)
    text = "a;b\n" + "".join(f"{n};x\n" for n in range(3))
    assert len(read_table("a.csv", text.encode(), small).rows) == 3
    with translation.override("nb"), pytest.raises(UnreadableFile) as caught:
        read_table("a.csv", (text + "9;x\n").encode(), small)
    assert str(caught.value) == ("Filen har mer enn 3 rader under overskriftsraden; del "
                                 "den opp i mindre filer.")
    with pytest.raises(UnreadableFile):
        read_table("a.csv", b"a;b;c;d;e;f\n1;2;3;4;5;6\n", small)


def test_the_limits_are_settings(settings) -> None:
    settings.FAGKRAFT = {**settings.FAGKRAFT, "IMPORT_MAX_ROWS": 1}
    with pytest.raises(UnreadableFile):
        read_table("a.csv", b"a;b\n1;2\n3;4\n")
    assert Limits.from_settings().rows == 1


def test_utf16_csv_from_excel_unicode_text_is_read() -> None:
    """Excel's "Unicode text": UTF-16 little-endian with BOM FF FE, tab-separated."""
    data = "ansattnummer\tfornavn\tstillingsprosent\r\n900001\tÅsne Ø\t80,5\r\n".encode(
        "utf-16")
    assert data[:2] == b"\xff\xfe"
    table = read_table("unicode.txt", data)
    assert table.header == ["ansattnummer", "fornavn", "stillingsprosent"]
    assert table.rows == [(2, ["900001", "Åsne Ø", "80,5"])]


def test_utf16_without_its_mark_is_refused_saying_so() -> None:
    data = "ansattnummer\tfornavn\r\n1\tÅse\r\n".encode("utf-16-le")
    with translation.override("nb"), pytest.raises(UnreadableFile) as caught:
        read_table("a.csv", data)
    assert "UTF-16" in str(caught.value)
    assert "binære" not in str(caught.value)


def test_json_reader_gives_the_path_of_every_non_finite_number() -> None:
    document, problems = read_json_document(
        b'{"a": [1, NaN], "b": {"c": Infinity, "d": -Infinity, "e": 1e999, "f": 2.5}}', "$")
    assert document is None
    assert [(problem.path, problem.message) for problem in problems] == [
        ("$.a[1]", "must be a finite number, got NaN"),
        ("$.b.c", "must be a finite number, got Infinity"),
        ("$.b.d", "must be a finite number, got -Infinity"),
        ("$.b.e", "must be a finite number, got Infinity"),
    ]
    assert read_json_document('{"f": 2.5}') == ({"f": 2.5}, [])


def test_problem_places_a_table_cell_or_a_json_path() -> None:
    collector = ProblemCollector()
    collector.add(3, "enhet", "Unknown unit code 'X'")
    collector.add(2, "yrke", "Required")
    assert collector.problems == [Problem(2, "yrke", "Required"),
                                  Problem(3, "enhet", "Unknown unit code 'X'")]
    assert collector.row_is_bad(3) and not collector.row_is_bad(4)
    assert Problem(2, "yrke", "Required").as_dict() == {"row": 2, "column": "yrke",
                                                        "message": "Required"}
    at_path = Problem.at_path("$.year", "is missing")
    assert (at_path.as_dict(), str(at_path)) == ({"path": "$.year", "message": "is missing"},
                                                 "$.year: is missing")


class WriteSpy:
    def __init__(self) -> None:
        self.plans: list[list[str]] = []

    def __call__(self, plan: list[str]) -> int:
        self.plans.append(plan)
        return len(plan)


def names(table, problems: ProblemCollector) -> list[str]:
    rows = []
    for number, cells in table.rows:
        if not cells[1]:
            problems.add(number, "navn", "Required")
        rows.append(cells[1])
    return rows


def test_dry_run_validates_and_plans_but_never_writes() -> None:
    write = WriteSpy()
    run = run_import("a.csv", b"nr;navn\n1;Ola\n2;Kari\n", validate=names, write=write,
                     dry_run=True)
    assert (run.ok, run.rows, run.plan, run.written, write.plans) == (
        True, 2, ["Ola", "Kari"], None, [])


def test_a_file_with_problems_is_never_written() -> None:
    write = WriteSpy()
    run = run_import("a.csv", b"nr;navn\n1;Ola\n2;\n3;\n", validate=names, write=write,
                     dry_run=False)
    assert run.problems == [Problem(3, "navn", "Required"), Problem(4, "navn", "Required")]
    assert (run.plan, run.written, write.plans) == (None, None, [])


@pytest.mark.django_db
def test_a_good_file_is_written_once_in_one_transaction() -> None:
    write = WriteSpy()
    run = run_import("a.csv", b"nr;navn\n1;Ola\n", validate=names, write=write,
                     dry_run=False)
    assert (run.ok, run.written, write.plans) == (True, 1, [["Ola"]])


@pytest.mark.parametrize("text", ["NaN", "nan", "Infinity", "-Infinity", "inf"])
def test_table_numbers_are_finite(text: str) -> None:
    with pytest.raises(ValueError):
        parse_decimal(text)
