"""The Huey consumer `fagkraft run_huey`, for tests/test_jobs_worker.py.

With JOBS_TEST_BLOCK_FILE set, the HR import's write stops inside its transaction (after
the rows and the audit event are written, before the commit): the file is created to say
so and the worker waits there until the test kills the process with -9. Without it, the
consumer is the real one, unchanged.
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "fagkraft.settings")
    import django

    django.setup()
    block_file = os.environ.get("JOBS_TEST_BLOCK_FILE")
    if block_file:
        from fagkraft.audit import services

        original = services.record_bulk_read

        def record_then_block(*args, **kwargs):
            event = original(*args, **kwargs)
            Path(block_file).write_text("inside the import's transaction", encoding="utf-8")
            time.sleep(3600)
            return event

        services.record_bulk_read = record_then_block
    from django.core.management import execute_from_command_line

    execute_from_command_line([sys.argv[0], "run_huey", "--workers", "2"])


if __name__ == "__main__":
    main()
