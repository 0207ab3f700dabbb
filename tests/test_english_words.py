"""Issue 12.3: no English inside the bokmål interface.

Every main page of a small demo (the seeder of `make demo`, 300 employees) is rendered
in bokmål as each demo login, and its visible text (text nodes and the string values of
the charts' embedded JSON, which become axis and legend labels) is scanned for the
English words issue 12 found: Python's True/False/None, "by age", "/yr", internal names
such as "competence.status", "Django-administrasjon", and profession codes
("psychologist", "nurse", ...) where a display name belongs. Text in <code> is exempt:
the import page lists the accepted codes on purpose, next to their Norwegian names.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from html.parser import HTMLParser

import pytest
from django.contrib.auth.models import User
from django.test import Client

from fagkraft.workforce.models import Profession
from tests.shared_data import demo_fixtures

TODAY = dt.date(2026, 6, 30)
ROLES = ("leder", "seksjonsleder", "radgiver", "planlegger", "ansatt", "admin")
# Found by issue 12, and their kind: Python values, English units, internal names. ("Total"
# is left out: it is bokmål too, as in "Total ramme".)
ENGLISH = [r"\bTrue\b", r"\bFalse\b", r"\bNone\b", r"\bby age\b", r"/yr\b", r"\bper year\b",
           r"\bcompetence\.\w+", r"\bworkforce\.\w+", r"\beducation\.\w+", r"Django",
           r"\bShare\b", r"\bOverdue\b", r"\bMissing\b", r"\bPending\b", r"\bApproved\b",
           r"\bunknown\b", r"\bUnknown\b", r"\bSave\b", r"\bDelete\b",
           r"\bnan\b", r"\bNaN\b", r"Skip to"]
# Keys of the charts' JSON that identify rather than label (element ids, parameter names).
ID_KEYS = {"key", "parameter", "id", "code"}
# Pages reached from each list page: the first link to a detail page of each kind.
DETAIL_LINKS = [r"/employees/\d+/", r"/competence/people/\d+/", r"/competence/units/\d+/",
                r"/education/candidates/\d+/", r"/education/units/\d+/",
                r"/workload/studies/\d+/", r"/projections/\d+/", r"/units/\d+/"]


class _Text(HTMLParser):
    """Visible text: text nodes outside script, style and code; JSON scripts' strings."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skip: list[str] = []
        self._json = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "style", "code", "textarea"):
            self._skip.append(tag)
            self._json = tag == "script" and ("type", "application/json") in attrs
        elif tag == "option" or tag == "input":
            pass

    def handle_endtag(self, tag: str) -> None:
        if self._skip and self._skip[-1] == tag:
            self._skip.pop()
            self._json = False

    def handle_data(self, data: str) -> None:
        if self._json:
            self.parts.extend(_strings(json.loads(data)))
        elif not self._skip:
            self.parts.append(data)


def _strings(value: object) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [text for key, item in value.items() if key not in ID_KEYS
                for text in _strings(item)]
    if isinstance(value, list):
        return [text for item in value for text in _strings(item)]
    return []


def visible_text(html: str) -> str:
    parser = _Text()
    parser.feed(html)
    return " ".join(" ".join(parser.parts).split())


def test_the_scanner_reads_text_and_chart_labels_but_not_code():
    html = ('<p>Andel <b>True</b></p><script>var x = "None";</script><code>nurse</code>'
            '<script type="application/json">{"x": ["-0.5 %/yr"], "key": "nurse"}</script>')
    assert visible_text(html) == "Andel True -0.5 %/yr"


module_seeded, seeded = demo_fixtures(today=TODAY)


def _menu_links(html: str) -> list[str]:
    header = html.split("<main", 1)[0]
    return [link for link in re.findall(r'<nav>.*?</nav>', header, re.S)
            for link in re.findall(r'href="(/[^"]*)"', link)]


def _pages(client: Client) -> dict[str, str]:
    """Home, every menu page, and the first detail page of each kind linked from those."""
    home = client.get("/", follow=True)
    # The start page's to-do list is loaded into it after the page (HTMX).
    pages = {home.request["PATH_INFO"]: home.content.decode(),
             "/todo/": client.get("/todo/").content.decode()}
    for link in _menu_links(pages[next(iter(pages))]):
        if link.startswith("/api/") or link in pages:
            continue
        response = client.get(link, follow=True)
        if response.status_code == 200 and "html" in response["Content-Type"]:
            pages[link] = response.content.decode()
    for html in list(pages.values()):
        for pattern in DETAIL_LINKS:
            match = re.search(rf'href="({pattern})"', html)
            if match and match.group(1) not in pages:
                response = client.get(match.group(1))
                if response.status_code == 200:
                    pages[match.group(1)] = response.content.decode()
    return pages


def _english(text: str, codes: list[str]) -> list[str]:
    found = [match.group(0) for pattern in ENGLISH for match in re.finditer(pattern, text)]
    found += [code for code in codes if re.search(rf"(?<![\w-]){re.escape(code)}(?![\w-])", text)]
    return sorted(set(found))


@pytest.mark.parametrize("username", ROLES)
def test_no_english_on_the_bokmal_pages(seeded, client, username):
    codes = [code for code in Profession.objects.values_list("code", flat=True)
             if code not in ("leader",)]  # "leader" is no word a Norwegian page would use
    client.force_login(User.objects.get(username=username))
    pages = _pages(client)
    assert len(pages) >= 3, list(pages)
    found = {path: words for path, html in pages.items()
             if (words := _english(visible_text(html), codes))}
    assert found == {}
