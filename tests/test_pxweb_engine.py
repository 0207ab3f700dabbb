"""engine.pxweb on its own: the v2 request from --select arguments, SSB's error text, and
the checks on a JSON-stat2 answer (the stored 07459 answer and broken copies of it)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from fagkraft.engine import pxweb

ANSWER = Path(__file__).resolve().parent / "data" / "ssb_07459_json-stat2.json"


def _answer() -> dict:
    return json.loads(ANSWER.read_text(encoding="utf-8"))


def _problem(document: dict) -> pxweb.PxWebError:
    with pytest.raises(pxweb.PxWebError) as error:
        pxweb.check_jsonstat2(json.dumps(document).encode())
    return error.value


def test_selection_arguments_become_the_v2_body() -> None:
    selections = pxweb.parse_selections(
        ["Region=3001, 0301", "Alder=*", "Tid=top(1)", "Kjonn=1,2", "ContentsCode=Personer1"])
    assert pxweb.request_body(selections) == {"selection": [
        {"variableCode": "Region", "valueCodes": ["3001", "0301"]},
        {"variableCode": "Alder", "valueCodes": ["*"]},
        {"variableCode": "Tid", "valueCodes": ["top(1)"]},
        {"variableCode": "Kjonn", "valueCodes": ["1", "2"]},
        {"variableCode": "ContentsCode", "valueCodes": ["Personer1"]},
    ]}


def test_a_comma_inside_an_expression_does_not_split_it() -> None:
    assert pxweb.split_codes("range(2030,2040),2050") == ["range(2030,2040)", "2050"]
    selection = pxweb.parse_selection("Tid=top(2, 1),30*")
    assert selection.value_codes == ("top(2, 1)", "30*")


@pytest.mark.parametrize(("argument", "code"), [
    ("Region", "select_syntax"),
    ("=3001", "select_syntax"),
    ("Region=", "no_codes"),
    ("Region=3001,,0301", "value_code"),
    ('Region=30"01', "value_code"),
    ("Reg ion=3001", "variable_code"),
    ("Region=0301,0301", "duplicate_code"),  # SSB would answer 500 with an empty body
])
def test_bad_selection_arguments_are_named(argument: str, code: str) -> None:
    with pytest.raises(pxweb.PxWebError) as error:
        pxweb.parse_selection(argument)
    assert error.value.code == code


def test_a_variable_selected_twice_is_refused() -> None:
    with pytest.raises(pxweb.PxWebError) as error:
        pxweb.parse_selections(["Tid=2023", "tid=2024"])
    assert error.value.code == "duplicate_variable"
    assert error.value.params == {"variable": "tid"}


def test_the_data_url_has_the_v2_path_language_and_format() -> None:
    assert pxweb.data_url("https://data.ssb.no/", "07459", "en") == (
        "https://data.ssb.no/api/pxwebapi/v2/tables/07459/data?lang=en&outputFormat=json-stat2")
    for table, lang, code in (("07459/../x", "no", "table_id"), ("07459", "sv", "language")):
        with pytest.raises(pxweb.PxWebError) as error:
            pxweb.data_url("https://data.ssb.no", table, lang)
        assert error.value.code == code


def test_error_message_takes_ssbs_title_and_a_detail_that_says_more() -> None:
    assert pxweb.error_message(
        b'{"type":"Parameter error","title":"Non-existent variable","status":400}'
    ) == "Non-existent variable"
    # "Too many cells" repeats the title in detail: said once.
    assert pxweb.error_message(
        b'{"type":"Parameter error","title":"Too many cells selected",'
        b'"detail":"Too many cells selected","status":400}') == "Too many cells selected"
    assert pxweb.error_message(b"Table not found\n") == "Table not found"
    assert pxweb.error_message(b"<html><body><h1>Too Many Requests</h1></body></html>") == (
        "Too Many Requests")
    assert pxweb.error_message(b"") == ""


def test_the_stored_07459_answer_passes_and_is_summarised() -> None:
    summary = pxweb.check_jsonstat2(ANSWER.read_bytes())
    assert summary.dimensions == (("Region", 3), ("Kjonn", 2), ("Alder", 4),
                                  ("ContentsCode", 1), ("Tid", 1))
    assert summary.values == 3 * 2 * 4 * 1 * 1 == 24
    assert summary.label.startswith("07459: Befolkning")


def test_a_sparse_value_object_and_nulls_are_allowed() -> None:
    document = _answer()
    document["value"] = {"0": 5, "23": None}
    assert pxweb.check_jsonstat2(json.dumps(document).encode()).values == 24


def test_broken_answers_are_named_with_their_json_path() -> None:
    assert _problem({"class": "collection", "version": "2.0"}).path == "$.class"
    document = _answer()
    document["version"] = "1.0"
    assert _problem(document).code == "version"
    document = _answer()
    document["value"] = document["value"][:-1]
    problem = _problem(document)
    assert (problem.path, problem.code, problem.params) == (
        "$.value", "value_count", {"found": "23", "expected": "24"})
    document = _answer()
    document["size"][0] = 4  # Region claims 4 municipalities, lists 3
    problem = _problem(document)
    assert (problem.path, problem.params) == (
        "$.dimension.Region", {"categories": "3", "size": "4"})
    document = _answer()
    del document["dimension"]["Alder"]
    assert _problem(document).path == "$.dimension.Alder"
    document = _answer()
    document["value"][3] = {"x": 1}
    assert _problem(document).path == "$.value[3]"
    with pytest.raises(pxweb.PxWebError) as error:
        pxweb.check_jsonstat2(b"<html>Service Unavailable</html>")
    assert error.value.code == "not_json"
