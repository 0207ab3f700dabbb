"""SSB's PxWebApi v2: the request for a table's data, and checks on the JSON-stat2 answer.

Pure parts only (no network, no Django): `fagkraft.projections.ssb_client` sends the
request and `fagkraft ssb fetch` saves the answer for `engine.population.read_ssb_table`.

The v2 data request (not compatible with v1):
POST {base}/api/pxwebapi/v2/tables/{id}/data?lang=no&outputFormat=json-stat2 with the body
{"selection": [{"variableCode": "Region", "valueCodes": ["3001", "0301"]}, ...]}.
Value codes are passed as written, so PxWebApi's own selection expressions work too:
`*` (all), `30*` (codes starting with 30), `top(3)`, `bottom(1)`, `from(2020)`,
`to(2025)`, `range(2020,2025)`. A comma inside an expression's parentheses does not
split it.

Errors are `PxWebError` with a `code` and `params`, so callers can say them in the
user's language; the English text is for logs and tests.
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote, urlencode

LANGUAGES = ("no", "en")
OUTPUT_FORMAT = "json-stat2"
API_PATH = "/api/pxwebapi/v2"
# SSB's table ids are five digits ("07459"); other PxWeb installations use letters too.
_TABLE_ID = re.compile(r"^[A-Za-z0-9_]{1,40}$")
_VARIABLE_CODE = re.compile(r"^[A-Za-z0-9_.\-]{1,100}$")
# A value code or expression: no quotes or control characters.
_VALUE_CODE = re.compile(r'^[^"\x00-\x1f]{1,200}$')


class PxWebError(ValueError):
    """A request that cannot be built or an answer that is not usable JSON-stat2.

    `code` names the problem, `params` fill in the message, `path` is the JSON path in the
    answer (empty for request problems)."""

    def __init__(self, code: str, text: str, path: str = "", **params: str) -> None:
        super().__init__(f"{path}: {text}" if path else text)
        self.code = code
        self.path = path
        self.params = params


@dataclass(frozen=True)
class Selection:
    """One variable of the request and the value codes (or expressions) chosen."""

    variable_code: str
    value_codes: tuple[str, ...]

    def as_json(self) -> dict[str, Any]:
        return {"variableCode": self.variable_code, "valueCodes": list(self.value_codes)}


def split_codes(text: str) -> list[str]:
    """Comma-separated codes; a comma inside parentheses (range(2020,2025)) stays."""
    codes: list[str] = []
    depth = 0
    current = ""
    for char in text:
        if char == "(":
            depth += 1
        elif char == ")":
            depth = max(depth - 1, 0)
        if char == "," and depth == 0:
            codes.append(current.strip())
            current = ""
        else:
            current += char
    codes.append(current.strip())
    return codes


def parse_selection(argument: str) -> Selection:
    """`VAR=CODE,CODE,...` (one --select argument) as a Selection."""
    variable, equals, codes_text = argument.partition("=")
    variable = variable.strip()
    if not equals or not variable:
        raise PxWebError("select_syntax", f"Not VAR=CODES: {argument!r}", argument=argument)
    if not _VARIABLE_CODE.match(variable):
        raise PxWebError("variable_code", f"Not a variable code: {variable!r}",
                         variable=variable)
    codes = split_codes(codes_text)
    if codes == [""]:
        raise PxWebError("no_codes", f"No value codes for {variable}", variable=variable)
    for code in codes:
        if not code or not _VALUE_CODE.match(code):
            raise PxWebError("value_code", f"Not a value code for {variable}: {code!r}",
                             variable=variable, value=code)
    # PxWebApi answers a code given twice with 500 and an empty body: refuse it here.
    seen: set[str] = set()
    for code in codes:
        if code.lower() in seen:
            raise PxWebError("duplicate_code", f"{code} is chosen twice for {variable}",
                             variable=variable, value=code)
        seen.add(code.lower())
    return Selection(variable, tuple(codes))


def parse_selections(arguments: list[str]) -> tuple[Selection, ...]:
    """Every --select argument; a variable chosen twice is an error."""
    selections = tuple(parse_selection(argument) for argument in arguments)
    seen: set[str] = set()
    for selection in selections:
        if selection.variable_code.lower() in seen:
            raise PxWebError("duplicate_variable",
                             f"{selection.variable_code} is selected twice",
                             variable=selection.variable_code)
        seen.add(selection.variable_code.lower())
    return selections


def request_body(selections: tuple[Selection, ...]) -> dict[str, Any]:
    """The POST body of a v2 data request."""
    return {"selection": [selection.as_json() for selection in selections]}


def data_url(base_url: str, table_id: str, lang: str) -> str:
    """`{base}/api/pxwebapi/v2/tables/{id}/data?lang=..&outputFormat=json-stat2`."""
    if not _TABLE_ID.match(table_id):
        raise PxWebError("table_id", f"Not a table id: {table_id!r}", table=table_id)
    if lang not in LANGUAGES:
        raise PxWebError("language", f"Language must be no or en, not {lang!r}", lang=lang)
    query = urlencode({"lang": lang, "outputFormat": OUTPUT_FORMAT})
    return f"{base_url.rstrip('/')}{API_PATH}/tables/{quote(table_id)}/data?{query}"


# --- The answer ------------------------------------------------------------------------


def error_message(body: bytes) -> str:
    """SSB's own words from an error answer: the `title` of its problem JSON (with `detail`
    when it says more), else the body's text, shortened; "" for an empty body."""
    text = body.decode("utf-8", errors="replace").strip()
    try:
        document = json.loads(text) if text else None
    except ValueError:
        document = None
    if isinstance(document, dict):
        parts = [str(document[key]).strip() for key in ("title", "detail", "message")
                 if isinstance(document.get(key), str | int) and str(document[key]).strip()]
        unique = list(dict.fromkeys(parts))
        if unique:
            return ": ".join(unique)[:500]
    if text.startswith("<"):  # an HTML error page says nothing useful in a terminal
        text = re.sub(r"<[^>]+>", " ", text)
    return " ".join(text.split())[:500]


@dataclass(frozen=True)
class DatasetSummary:
    """What a valid JSON-stat2 answer holds: its label, dimensions and number of values."""

    label: str
    dimensions: tuple[tuple[str, int], ...]  # (dimension id, number of categories)
    values: int


def _fail(path: str, code: str, text: str, **params: str) -> PxWebError:
    return PxWebError(code, text, path=path, **params)


def _category_count(dimension: Any, path: str) -> int:
    if not isinstance(dimension, dict):
        raise _fail(path, "not_object", "must be an object")
    category = dimension.get("category")
    if not isinstance(category, dict):
        raise _fail(f"{path}.category", "missing", "is missing")
    index = category.get("index")
    labels = category.get("label")
    if isinstance(index, dict):
        positions = sorted(index.values()) if all(
            isinstance(v, int) and not isinstance(v, bool) for v in index.values()) else None
        if positions != list(range(len(index))):
            raise _fail(f"{path}.category.index", "index_positions",
                        "must number the categories 0, 1, 2, ...")
        return len(index)
    if isinstance(index, list):
        return len(index)
    if index is None and isinstance(labels, dict) and len(labels) == 1:
        return 1  # JSON-stat allows a single category with only a label
    raise _fail(f"{path}.category.index", "missing", "is missing")


def check_jsonstat2(body: bytes) -> DatasetSummary:
    """Check that an answer is a JSON-stat 2.0 dataset that can be read as a table:
    version, class, id and size of equal length, a dimension with categories for each id,
    and as many values as the sizes multiply to. Raises PxWebError with the JSON path."""
    try:
        document = json.loads(body.decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError):
        raise _fail("", "not_json", "The answer is not JSON") from None
    if not isinstance(document, dict):
        raise _fail("$", "not_object", "must be an object")
    if document.get("class") != "dataset":
        raise _fail("$.class", "not_dataset", "must be \"dataset\"",
                    found=str(document.get("class")))
    if document.get("version") != "2.0":
        raise _fail("$.version", "version", "must be \"2.0\"", found=str(document.get("version")))
    ids, sizes = document.get("id"), document.get("size")
    if not isinstance(ids, list) or not ids or not all(isinstance(i, str) for i in ids):
        raise _fail("$.id", "id_list", "must be a list of dimension ids")
    if not isinstance(sizes, list) or not all(
            isinstance(s, int) and not isinstance(s, bool) and s >= 0 for s in sizes):
        raise _fail("$.size", "size_list", "must be a list of whole numbers")
    if len(ids) != len(sizes):
        raise _fail("$.size", "size_length", "must have one size per id",
                    ids=str(len(ids)), sizes=str(len(sizes)))
    dimensions = document.get("dimension")
    if not isinstance(dimensions, dict):
        raise _fail("$.dimension", "missing", "is missing")
    for dimension_id, size in zip(ids, sizes, strict=True):
        path = f"$.dimension.{dimension_id}"
        if dimension_id not in dimensions:
            raise _fail(path, "missing", "is missing")
        count = _category_count(dimensions[dimension_id], path)
        if count != size:
            raise _fail(path, "category_count", "has a different number of categories than size",
                        categories=str(count), size=str(size))
    expected = math.prod(sizes)
    values = document.get("value")
    if isinstance(values, list):
        if len(values) != expected:
            raise _fail("$.value", "value_count", "must have as many values as the sizes give",
                        found=str(len(values)), expected=str(expected))
        numbers = values
    elif isinstance(values, dict):  # sparse: position -> value
        if not all(key.isdigit() and int(key) < expected for key in values):
            raise _fail("$.value", "value_position", "has a position outside the sizes")
        numbers = list(values.values())
    else:
        raise _fail("$.value", "missing", "is missing")
    for position, number in enumerate(numbers):
        if number is not None and (isinstance(number, bool)
                                   or not isinstance(number, int | float | str)):
            raise _fail(f"$.value[{position}]", "value_type", "must be a number or null")
    label = document.get("label")
    return DatasetSummary(
        label=label if isinstance(label, str) else "",
        dimensions=tuple(zip(ids, sizes, strict=True)),
        values=expected,
    )
