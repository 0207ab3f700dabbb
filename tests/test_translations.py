"""Every user-visible string has a bokmål translation, and the UI speaks it by default."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "fagkraft"
CATALOGUE = PACKAGE / "locale" / "nb" / "LC_MESSAGES" / "django.po"


def live_entries(po: polib.POFile) -> list[polib.POEntry]:
    return [entry for entry in po if not entry.obsolete]


def test_catalogue_is_fully_translated():
    po = polib.pofile(str(CATALOGUE))
    missing = [e.msgid for e in live_entries(po) if not e.translated() or e.fuzzy]
    assert missing == []


def test_compiled_catalogue_matches_source():
    po = {e.msgid: e.msgstr for e in live_entries(polib.pofile(str(CATALOGUE)))}
    mo = {e.msgid: e.msgstr for e in polib.mofile(str(CATALOGUE.with_suffix(".mo")))}
    stale = {msgid for msgid, text in po.items() if msgid and text and mo.get(msgid) != text}
    assert stale == set(), "run `make messages` to recompile django.mo"


def test_every_string_in_the_code_is_in_the_catalogue(tmp_path):
    """Extract strings afresh with makemessages (GNU xgettext) and compare."""
    if shutil.which("xgettext") is None:
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail("xgettext not found (apt-get install gettext)")
        pytest.skip("xgettext not found (apt-get install gettext)")
    copy = tmp_path / "fagkraft"
    shutil.copytree(PACKAGE, copy, ignore=shutil.ignore_patterns("__pycache__", "*.mo"))
    shutil.rmtree(copy / "locale" / "nb")
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "fagkraft.settings"}
    subprocess.run(
        [sys.executable, "-m", "fagkraft", "makemessages", "-l", "nb"],
        cwd=copy, env=env, check=True, capture_output=True,
    )
    fresh = {e.msgid for e in polib.pofile(str(copy / "locale/nb/LC_MESSAGES/django.po"))}
    known = {e.msgid for e in live_entries(polib.pofile(str(CATALOGUE)))}
    assert sorted(fresh - known) == [], "run `make messages` and translate the new strings"


def test_login_page_is_norwegian_by_default(client, db):
    assert "Logg inn i Fagkraft" in client.get("/login/").content.decode()


def test_english_is_switchable(client, db):
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/login/"}, follow=True)
    assert "Log in to Fagkraft" in response.content.decode()


def test_an_english_browser_still_gets_bokmal_until_english_is_chosen(client, db):
    page = client.get("/login/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9").content.decode()
    assert "Logg inn i Fagkraft" in page
