"""Hostile .xlsx files, built on the fly (nothing big is committed), for the kernel's tests
and benchmarks/file_bombs.py."""

from __future__ import annotations

import io
import struct
import zipfile
import zlib

from openpyxl import Workbook


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
