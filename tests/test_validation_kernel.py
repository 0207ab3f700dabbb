"""The validation kernel: UTF-16 CSV, xlsx bombs refused unread, limits, JSON paths of
non-finite numbers, and run_import's dry run that never writes.

The bombs are built here (nothing big is committed): a 5 KB workbook whose sheet claims
16,384 columns x 1,048,576 rows, and a workbook of about 1.5 MB whose members unpack to
1.4 GB. Both must be refused with a Norwegian message while Python allocates little
(tracemalloc); how fast is measured by benchmarks/file_bombs.py.
"""

from __future__ import annotations

import io
import struct
import tracemalloc
import zipfile
import zlib

import pytest
from django.utils import translation
from openpyxl import Workbook

from fagkraft.core.validation import (
    Limits,
    Problem,
    ProblemCollector,
    UnreadableFile,
    read_json_document,
    read_table,
    run_import,
)


@pytest.fixture(autouse=True)
def _english():
    """Messages in English unless a test asks for bokmål."""
    with translation.override("en"):
        yield


LIMITS = Limits(rows=200_000, columns=200, unpacked_bytes=300 * 1024 * 1024)
MEMORY_CEILING = 20 * 1024 * 1024  # bytes Python may allocate while refusing a bomb


def small_workbook() -> bytes:
    workbook = Workbook()
    workbook.active.append(["ansattnummer", "fornavn"])
    workbook.active.append(["1", "Åse"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def dimension_bomb() -> bytes:
    """The small workbook, its sheet claiming A1:XFD1048576."""
    source = zipfile.ZipFile(io.BytesIO(small_workbook()))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for member in source.infolist():
            content = source.read(member)
            if member.filename == "xl/worksheets/sheet1.xml":
                content = content.replace(b'<dimension ref="A1:B2"',
                                          b'<dimension ref="A1:XFD1048576"')
                assert b"XFD1048576" in content
            target.writestr(member, content)
    return buffer.getvalue()


def zip_bomb(unpacked: int = 1400 * 1024 * 1024) -> bytes:
    """The small workbook plus a member of `unpacked` zero bytes, written as a real
    deflate stream: one fully flushed 1 MiB block of zeros repeated (a flushed block
    needs nothing before it). The CRC is left 0: the reader must refuse the file from
    the declared sizes, before unpacking (and so checking) anything."""
    block_size = 1024 * 1024
    assert unpacked % block_size == 0
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    block = compressor.compress(bytes(block_size)) + compressor.flush(zlib.Z_FULL_FLUSH)
    stream = block * (unpacked // block_size) + b"\x03\x00"  # final empty block

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        source = zipfile.ZipFile(io.BytesIO(small_workbook()))
        for member in source.infolist():
            archive.writestr(member, source.read(member))
    entries = buffer.getvalue()
    # Rebuild: the workbook's members as written, then the bomb, then one central directory.
    with zipfile.ZipFile(io.BytesIO(entries)) as archive:
        infos = archive.infolist()
        end_of_members = archive.start_dir
    name = b"xl/media/filler.bin"
    offset = end_of_members
    local = struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, 0, 8, 0, 0, 0, len(stream),
                        unpacked, len(name), 0) + name
    central = bytearray(entries[end_of_members:entries.rindex(b"PK\x05\x06")])
    central += struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 20, 20, 0, 8, 0, 0, 0,
                           len(stream), unpacked, len(name), 0, 0, 0, 0, 0, offset) + name
    directory_start = offset + len(local) + len(stream)
    end = struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, len(infos) + 1, len(infos) + 1,
                      len(central), directory_start, 0)
    return entries[:end_of_members] + local + stream + bytes(central) + end


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
