"""The one JSON document reader: bytes or text in, a document or problems with JSON paths.

The study file (workload) and the scenario file (projections) read through it, so they
decode, report syntax errors and refuse non-finite numbers the same way. Python's json
module accepts NaN, Infinity and -Infinity (and turns 1e999 into infinity); a number in a
planning file must be finite, so every such value is refused with its JSON path.
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping
from typing import Any

from django.utils.translation import gettext as _

from fagkraft.core.validation.problems import Problem


def join_path(path: str, key: str | int) -> str:
    """`path.key`, or `path[index]` for a list item; a key at the top of a path without a
    root ("") stands alone."""
    if isinstance(key, int):
        return f"{path}[{key}]"
    return f"{path}.{key}" if path else key


def non_finite_problems(document: Any, root: str) -> list[Problem]:
    """A problem for every NaN, Infinity or -Infinity anywhere in the document."""
    problems: list[Problem] = []
    stack: list[tuple[str, Any]] = [(root, document)]
    while stack:
        path, value = stack.pop()
        if isinstance(value, float) and not math.isfinite(value):
            problems.append(Problem.at_path(path, _(
                "must be a finite number, got %(value)s") % {"value": json.dumps(value)}))
        elif isinstance(value, Mapping):
            stack.extend((join_path(path, str(key)), item) for key, item in
                         reversed(list(value.items())))
        elif isinstance(value, list | tuple):
            stack.extend((join_path(path, index), item) for index, item in
                         reversed(list(enumerate(value))))
    return problems


def read_json_document(source: str | bytes | Mapping[str, Any], root: str = ""
                       ) -> tuple[Any, list[Problem]]:
    """(document, []) for a good document; (None, problems) otherwise. A Mapping is taken
    as already parsed (a form builds one) and checked the same way."""
    if isinstance(source, Mapping):
        document: Any = source
    else:
        if isinstance(source, bytes):
            try:
                source = source.decode("utf-8-sig")
            except UnicodeDecodeError:
                return None, [Problem.at_path(root, _("the file is not UTF-8 text"))]
        try:
            document = json.loads(source)
        except json.JSONDecodeError as error:
            return None, [Problem.at_path(root, _(
                "not valid JSON: %(problem)s at line %(line)s, column %(column)s")
                % {"problem": error.msg, "line": error.lineno, "column": error.colno})]
        except RecursionError:
            return None, [Problem.at_path(root, _("the JSON document is nested too deeply"))]
    problems = non_finite_problems(document, root)
    return (None, problems) if problems else (document, [])
