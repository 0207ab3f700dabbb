"""`fagkraft ssb fetch` against a local PxWebApi v2 on 127.0.0.1 (no internet here).

The server (http.server in a thread, port 0) records each request and answers what the
test tells it to. Its data answer, tests/data/ssb_07459_json-stat2.json, is built from the
shipped 07459 CSV (src/fagkraft/engine/data/ssb/): municipalities 0301 Oslo, 3001 Halden
and 4601 Bergen, ages 0, 1, 67 and 105 (105 or older), both sexes, 1 January 2023:
24 rows of the CSV, 31,739 persons (Oslo 22,114 + Halden 903 + Bergen 8,722).

Persona: a regional planner's analyst who fetches a newer table for a scenario.
"""

from __future__ import annotations

import csv
import io
import json
import os
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from django.core.management import CommandError, call_command

from fagkraft.engine import population as pop

ROOT = Path(__file__).resolve().parents[1]
ANSWER = ROOT / "tests" / "data" / "ssb_07459_json-stat2.json"
CSV_07459 = ROOT / "src/fagkraft/engine/data/ssb/07459_population_by_municipality_age_sex_2023.csv"
MUNICIPALITIES = {"0301": "Oslo", "3001": "Halden", "4601": "Bergen"}
AGES = {"0", "1", "67", "105"}
SEXES = {"M": "Menn", "F": "Kvinner"}
SSB_400 = {"type": "Parameter error", "title": "Non-existent variable", "status": 400}


@dataclass
class Reply:
    status: int = 200
    body: bytes = b""
    content_type: str = "application/json; charset=UTF-8"
    send_length: bool = True
    delay: float = 0.0


@dataclass
class LocalPxWeb:
    url: str
    reply: Reply = field(default_factory=Reply)
    requests: list[dict] = field(default_factory=list)


def _handler(state: LocalPxWeb) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:  # noqa: N802 (http.server's naming)
            length = int(self.headers.get("Content-Length", 0))
            parts = urlsplit(self.path)
            state.requests.append({
                "method": "POST", "path": parts.path, "query": parse_qs(parts.query),
                "content_type": self.headers.get("Content-Type"),
                "body": json.loads(self.rfile.read(length)),
            })
            reply = state.reply
            time.sleep(reply.delay)
            self.send_response(reply.status)
            self.send_header("Content-Type", reply.content_type)
            if reply.send_length:
                self.send_header("Content-Length", str(len(reply.body)))
            self.end_headers()
            self.wfile.write(reply.body)

        def log_message(self, *args: object) -> None:
            pass

    return Handler


class QuietServer(ThreadingHTTPServer):
    def handle_error(self, request: object, client_address: object) -> None:
        pass  # the timeout test's client hangs up before the late answer: a broken pipe


@pytest.fixture(scope="module")
def server() -> Iterator[LocalPxWeb]:
    state = LocalPxWeb(url="")
    httpd = QuietServer(("127.0.0.1", 0), _handler(state))
    state.url = f"http://127.0.0.1:{httpd.server_address[1]}"
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield state
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture
def ssb(server: LocalPxWeb, settings) -> LocalPxWeb:
    """The local server as FAGKRAFT_SSB_API_BASE_URL, answering the stored 07459 table."""
    settings.FAGKRAFT = {**settings.FAGKRAFT, "SSB_API_BASE_URL": server.url}
    server.reply = Reply(body=ANSWER.read_bytes())
    server.requests.clear()
    return server


def _fetch(*args: str) -> str:
    out = io.StringIO()
    call_command("ssb", "fetch", *args, stdout=out)
    return out.getvalue()


SELECT_07459 = ("--select", "Region=0301,3001,4601", "--select", "Kjonn=*",
                "--select", "Alder=000,001,067,105+", "--select", "ContentsCode=Personer1",
                "--select", "Tid=top(1)")


def _csv_rows() -> dict[tuple[str, str, int], float]:
    with CSV_07459.open(encoding="utf-8") as handle:
        return {(MUNICIPALITIES[row["municipality_code"]], SEXES[row["sex"]], int(row["age"])):
                float(row["persons"])
                for row in csv.DictReader(handle)
                if row["municipality_code"] in MUNICIPALITIES and row["age"] in AGES}


def test_the_request_is_a_v2_post_with_the_selection(ssb: LocalPxWeb, tmp_path: Path) -> None:
    _fetch("07459", *SELECT_07459, "--out", str(tmp_path / "t.json"))
    assert ssb.requests == [{
        "method": "POST",
        "path": "/api/pxwebapi/v2/tables/07459/data",
        "query": {"lang": ["no"], "outputFormat": ["json-stat2"]},
        "content_type": "application/json",
        "body": {"selection": [
            {"variableCode": "Region", "valueCodes": ["0301", "3001", "4601"]},
            {"variableCode": "Kjonn", "valueCodes": ["*"]},
            {"variableCode": "Alder", "valueCodes": ["000", "001", "067", "105+"]},
            {"variableCode": "ContentsCode", "valueCodes": ["Personer1"]},
            {"variableCode": "Tid", "valueCodes": ["top(1)"]},
        ]},
    }]


def test_english_labels_and_expressions_for_14288(ssb: LocalPxWeb, tmp_path: Path) -> None:
    _fetch("14288", "--select", "Region=31,32", "--select", "Tid=range(2030,2040)",
           "--lang", "en", "--out", str(tmp_path / "t.json"))
    request = ssb.requests[0]
    assert request["path"] == "/api/pxwebapi/v2/tables/14288/data"
    assert request["query"]["lang"] == ["en"]
    assert request["body"]["selection"][1] == {"variableCode": "Tid",
                                               "valueCodes": ["range(2030,2040)"]}


def test_the_saved_file_reads_into_the_csv_numbers(ssb: LocalPxWeb, tmp_path: Path) -> None:
    out = tmp_path / "07459.json"
    printed = _fetch("07459", *SELECT_07459, "--out", str(out))
    assert out.read_bytes() == ANSWER.read_bytes()
    assert "24" in printed and str(out) in printed
    table = pop.read_ssb_table(out)
    read = {(row.region, row.sex, row.age): row.persons for row in table.itertuples()}
    expected = _csv_rows()
    assert len(expected) == 24
    assert read == expected
    projection = pop.projection_from_table(table, [2023])
    assert projection.total(2023) == 31_739 == sum(expected.values())
    assert projection.total(2023, ages=(67, 67)) == 185 + 206 + 2641 + 2712 + 1324 + 1313


def test_ssbs_400_gives_its_message_in_norwegian(ssb: LocalPxWeb, tmp_path: Path) -> None:
    ssb.reply = Reply(status=400, body=json.dumps(SSB_400).encode())
    out = tmp_path / "t.json"
    with pytest.raises(CommandError) as error:
        _fetch("07459", "--select", "Fylke=03", "--out", str(out))
    message = str(error.value)
    assert message.startswith("SSB avviste forespørselen (HTTP 400): Non-existent variable.")
    assert not out.exists()


@pytest.mark.parametrize(("status", "body", "start"), [
    (404, b"Table 99999 not found", "SSB har ingen tabell 99999 (HTTP 404): Table 99999 not found"),
    (429, b"", "For mange forespørsler til SSB (HTTP 429)"),
    (403, b'{"title":"Forbidden","status":403}',
     "SSB tillater ikke denne forespørselen (HTTP 403): Forbidden"),
])
def test_other_http_errors_say_what_ssb_said(ssb: LocalPxWeb, status: int, body: bytes,
                                              start: str, tmp_path: Path) -> None:
    ssb.reply = Reply(status=status, body=body, content_type="text/plain")
    with pytest.raises(CommandError) as error:
        _fetch("99999", "--select", "Tid=top(1)", "--out", str(tmp_path / "t.json"))
    assert str(error.value).startswith(start)


def test_an_answer_that_is_not_jsonstat2_is_refused(ssb: LocalPxWeb, tmp_path: Path) -> None:
    document = json.loads(ANSWER.read_text(encoding="utf-8"))
    document["value"] = document["value"][:20]
    ssb.reply = Reply(body=json.dumps(document).encode())
    with pytest.raises(CommandError) as error:
        _fetch("07459", *SELECT_07459, "--out", str(tmp_path / "t.json"))
    assert str(error.value) == ("Svaret fra SSB er ikke en JSON-stat2-tabell: $.value: har 20 "
                                "verdier, men størrelsene gir 24")
    ssb.reply = Reply(body=b"<html>Vedlikehold</html>", content_type="text/html")
    with pytest.raises(CommandError) as error:
        _fetch("07459", *SELECT_07459, "--out", str(tmp_path / "t.json"))
    assert str(error.value).endswith("svaret er ikke JSON")


@pytest.mark.parametrize("send_length", [True, False])
def test_a_too_large_answer_is_refused(ssb: LocalPxWeb, settings, tmp_path: Path,
                                       send_length: bool) -> None:
    # The stored answer is a few kilobytes; 1,000 bytes is too little, with or without a
    # Content-Length header (without one, the reading stops at the limit).
    settings.FAGKRAFT = {**settings.FAGKRAFT, "SSB_API_MAX_BYTES": 1000}
    ssb.reply = Reply(body=ANSWER.read_bytes() * 50, send_length=send_length)
    out = tmp_path / "t.json"
    with pytest.raises(CommandError) as error:
        _fetch("07459", *SELECT_07459, "--out", str(out))
    assert str(error.value).replace("\xa0", " ").startswith(
        "Svaret fra SSB er større enn 1 000 byte")
    assert not out.exists()


def test_a_timeout_is_reported(ssb: LocalPxWeb, settings, tmp_path: Path) -> None:
    settings.FAGKRAFT = {**settings.FAGKRAFT, "SSB_API_TIMEOUT_SECONDS": 0.3}
    ssb.reply = Reply(body=ANSWER.read_bytes(), delay=1.5)
    started = time.monotonic()
    with pytest.raises(CommandError) as error:
        _fetch("07459", *SELECT_07459, "--out", str(tmp_path / "t.json"))
    assert time.monotonic() - started < 1.4  # it gave up, it did not wait for the answer
    assert str(error.value) == f"Fikk ikke svar fra SSB innen 0,3 sekunder ({ssb.url})."


def test_a_network_error_is_reported(settings, tmp_path: Path) -> None:
    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    settings.FAGKRAFT = {**settings.FAGKRAFT, "SSB_API_BASE_URL": f"http://127.0.0.1:{port}"}
    with pytest.raises(CommandError) as error:
        _fetch("07459", "--select", "Tid=top(1)", "--out", str(tmp_path / "t.json"))
    assert str(error.value).startswith(f"Kom ikke fram til SSB på http://127.0.0.1:{port}: ")


def test_a_bad_select_argument_is_named_before_anything_is_sent(ssb: LocalPxWeb,
                                                                 tmp_path: Path) -> None:
    with pytest.raises(CommandError) as error:
        _fetch("07459", "--select", "Region", "--out", str(tmp_path / "t.json"))
    assert "Region" in str(error.value) and "VAR=KODER" in str(error.value)
    assert ssb.requests == []


def test_the_command_line_exits_non_zero_on_ssbs_error(ssb: LocalPxWeb, tmp_path: Path) -> None:
    ssb.reply = Reply(status=400, body=json.dumps(SSB_400).encode())
    environment = {**os.environ, "FAGKRAFT_SSB_API_BASE_URL": ssb.url}
    done = subprocess.run(
        [sys.executable, "-m", "fagkraft", "ssb", "fetch", "07459", "--select", "Fylke=03",
         "--out", str(tmp_path / "t.json")],
        capture_output=True, text=True, env=environment, timeout=60, check=False)
    assert done.returncode == 1
    assert "SSB avviste forespørselen (HTTP 400): Non-existent variable." in done.stderr
