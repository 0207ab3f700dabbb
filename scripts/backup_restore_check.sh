#!/usr/bin/env bash
# Proves that a backup of Fagkraft's PostgreSQL database restores: dumps it with
# `pg_dump -Fc` (the format docs/deploy.md schedules), restores the dump into a scratch
# database on the same server, compares the row count of every table and drops the scratch
# database again. Exit status 0 only if every table has the same number of rows.
#
#   scripts/backup_restore_check.sh postgres://user@host:5432/fagkraft [KEEP_DUMP_AS]
#
# The user needs CREATEDB (the scratch database is <name>_restore_check). Run it when
# nothing writes to the database (a table that changes between the count and the dump
# shows as a difference): at night, in a maintenance window, or against a copy.
set -euo pipefail

if [[ $# -lt 1 || $# -gt 2 ]]; then
    echo "usage: $0 DATABASE_URL [KEEP_DUMP_AS]" >&2
    exit 2
fi
source_url="$1"
keep_as="${2:-}"
without_query="${source_url%%\?*}"
query="${source_url#"$without_query"}"
database="${without_query##*/}"
server="${without_query%/*}"
scratch="${database}_restore_check"
scratch_url="${server}/${scratch}${query}"

export PGOPTIONS="${PGOPTIONS:-} -c client_min_messages=warning"
work="$(mktemp -d)"
dump="$work/fagkraft.dump"
cleanup() {
    psql "$source_url" -q -X -c "DROP DATABASE IF EXISTS \"$scratch\"" >/dev/null 2>&1 || true
    rm -rf "$work"
}
trap cleanup EXIT

# Rows per table of the public schema, one "table count" line each, sorted by table.
count_rows() {
    psql "$1" -q -X -A -t -F ' ' -v ON_ERROR_STOP=1 -c "
        SELECT table_name,
               (xpath('/row/n/text()', query_to_xml(
                   format('SELECT count(*) AS n FROM %I.%I', table_schema, table_name),
                   false, true, '')))[1]::text
        FROM information_schema.tables
        WHERE table_schema = 'public' AND table_type = 'BASE TABLE'
        ORDER BY table_name"
}

started=$(date +%s)
count_rows "$source_url" > "$work/source.txt"
pg_dump -Fc --no-owner --no-privileges -d "$source_url" -f "$dump"
psql "$source_url" -q -X -v ON_ERROR_STOP=1 -c "DROP DATABASE IF EXISTS \"$scratch\"" >/dev/null
psql "$source_url" -q -X -v ON_ERROR_STOP=1 -c "CREATE DATABASE \"$scratch\"" >/dev/null
pg_restore --no-owner --no-privileges --exit-on-error -d "$scratch_url" "$dump"
count_rows "$scratch_url" > "$work/restored.txt"

tables=$(wc -l < "$work/source.txt")
rows=$(awk '{ total += $2 } END { print total + 0 }' "$work/source.txt")
size=$(du -h "$dump" | cut -f1)
if [[ -n "$keep_as" ]]; then
    cp "$dump" "$keep_as"
fi
if [[ "$tables" -eq 0 ]]; then
    echo "RESTORE CHECK FAILED: the database has no tables (is it migrated?)" >&2
    exit 1
fi
if ! diff -u "$work/source.txt" "$work/restored.txt" > "$work/diff.txt"; then
    echo "RESTORE CHECK FAILED: row counts differ (source -> restored):" >&2
    cat "$work/diff.txt" >&2
    exit 1
fi
echo "restore check ok: $tables tables, $rows rows restored identically from a $size dump" \
     "in $(( $(date +%s) - started )) s"
