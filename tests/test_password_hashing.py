"""Passwords are stored with Argon2id; a hash from before (Django's PBKDF2) still logs in
and is rewritten as Argon2 at that login (settings.PASSWORD_HASHERS)."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.test import Client

from fagkraft import settings as project_settings


@pytest.fixture(autouse=True)
def _project_hashers(settings, _fast_password_hashing):
    # tests/conftest.py swaps in MD5 for speed; these tests are about the project's own list.
    settings.PASSWORD_HASHERS = project_settings.PASSWORD_HASHERS


@pytest.mark.django_db
def test_a_new_password_is_stored_with_argon2id() -> None:
    user = get_user_model().objects.create_user("nyansatt", password="Sommer-i-Tromsø-26")
    assert user.password.startswith("argon2$argon2id$")
    assert user.check_password("Sommer-i-Tromsø-26")
    assert not user.check_password("sommer-i-tromsø-26")


@pytest.mark.django_db
def test_an_old_pbkdf2_hash_logs_in_and_is_upgraded() -> None:
    old = make_password("Vinter-i-Bodø-25", hasher="pbkdf2_sha256")
    assert old.startswith("pbkdf2_sha256$")
    user = get_user_model().objects.create(username="gammelbruker", password=old)
    assert Client().login(username="gammelbruker", password="Vinter-i-Bodø-25")
    user.refresh_from_db()
    assert user.password.startswith("argon2$argon2id$")
