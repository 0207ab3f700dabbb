"""The `fagkraft` console script: the project's manage.py.

Every Django management command works through it (`fagkraft migrate`, `fagkraft
runserver`, ...). Hyphenated names are accepted for our own commands, so
`fagkraft seed-demo` runs the `seed_demo` command.
"""

import os
import sys


def main(argv: list[str] | None = None) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "fagkraft.settings")
    from django.core.management import execute_from_command_line

    args = list(sys.argv if argv is None else argv)
    if len(args) > 1 and "-" in args[1] and not args[1].startswith("-"):
        args[1] = args[1].replace("-", "_")
    execute_from_command_line(args)


if __name__ == "__main__":
    main()
