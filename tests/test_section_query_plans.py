"""A section's pages read through indexes: no query scans a large table whole (issue 16).

Every query the section page (and the to-do list it loads, /todo/) makes is captured and
explained on the test database. A plan that reads a large table (employees, positions,
completions, audit events, the kept tables) from end to end costs in proportion to the
whole database, not to the section, so it fails the test:

- SQLite: a `SCAN <table>` step on one of those tables (with or without an index: a
  full index scan still reads every row). `SEARCH <table> USING ...` is an index lookup.
- PostgreSQL: a `Seq Scan on <table>`, or an index scan on one with no index condition
  (a walk of the whole index), with `enable_seqscan` off so that the small test data does
  not make the planner prefer a scan where an index would serve (it still scans whole
  when no index can serve the predicate).
"""

from __future__ import annotations

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.personas import World

LARGE_TABLES = {
    "workforce_employee", "workforce_position", "workforce_unitmonth",
    "workforce_specialistapproval", "workforce_vacancy",
    "competence_completion", "competence_keptrequirement", "competence_keptmember",
    "audit_auditevent", "audit_auditperson",
}


def _statements(queries: list[dict]) -> list[str]:
    """The reads among the captured statements (writes of the audit trail, savepoints and
    session updates are not planned here)."""
    return [query["sql"] for query in queries
            if query["sql"].lstrip().upper().startswith(("SELECT", "WITH"))]


def _full_scans(sql: str, *, force_index: bool = True) -> list[str]:
    """The steps of the statement's plan that read a large table whole (on PostgreSQL
    with `force_index`, as the planner plans it when it must use an index if it can)."""
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("EXPLAIN QUERY PLAN " + sql)
            return [detail for *_ids, detail in cursor.fetchall()
                    if (match := re.match(r"SCAN (\w+)", detail))
                    and match.group(1) in LARGE_TABLES]
        cursor.execute(f"SET LOCAL enable_seqscan = {'off' if force_index else 'on'}")
        cursor.execute("EXPLAIN " + sql)
        lines = [row[0] for row in cursor.fetchall()]
        cursor.execute("SET LOCAL enable_seqscan = on")
    found = []
    for number, line in enumerate(lines):
        node = re.search(r"(Seq Scan|Index Scan|Index Only Scan)(?: Backward)?"
                         r"(?: using \w+)? on (\w+)", line)
        if node is None or node.group(2) not in LARGE_TABLES:
            continue
        # The node's own detail lines run up to the next node ("->").
        details = []
        for detail in lines[number + 1:]:
            if "->" in detail:
                break
            details.append(detail)
        # An index scan without an index condition walks the whole index.
        if node.group(1) == "Seq Scan" or not any("Index Cond" in d for d in details):
            found.append(line.strip())
    return found


def _scans_of(client, url: str) -> tuple[int, list[tuple[str, list[str]]]]:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    statements = _statements(captured.captured_queries)
    scans = [(sql, found) for sql in statements if (found := _full_scans(sql))]
    return len(statements), scans


# The section's page as its leader and as the trust's adviser, and the leader's to-do list
# (the adviser's is about the whole trust, not the section).
@pytest.mark.parametrize(("page", "username"), [
    ("unit", "leader_lise"), ("unit", "adviser_arne"), ("todo", "leader_lise")])
def test_section_page_reads_no_large_table_whole(world: World, login, page: str,
                                                  username: str) -> None:
    client = login(username)
    url = (reverse("workforce:unit", args=[world.section_a.pk]) if page == "unit"
           else reverse("todo"))
    count, scans = _scans_of(client, url)
    # The page does read (the summary, the staff table, the audit of what it showed).
    assert count > 5
    assert scans == [], "\n\n".join(f"{sql}\n  -> {found}" for sql, found in scans)
