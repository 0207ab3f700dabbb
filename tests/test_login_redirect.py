"""After login each role lands on its start page in one redirect (not via `home`), and a
`next` the login page was given still wins."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.personas import PASSWORD


@pytest.mark.parametrize(("username", "target"), [
    ("leader_lise", lambda world: reverse("workforce:unit", args=[world.section_a.pk])),
    ("adviser_arne", lambda world: reverse("workforce:unit", args=[world.trust.pk])),
    ("employee_erik", lambda world: reverse("workforce:employee", args=[world.erik.pk])),
])
def test_the_login_sends_each_role_straight_to_its_start_page(world, client, username,
                                                               target):
    response = client.post(reverse("login"), {"username": username, "password": PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == target(world)
    assert client.get(reverse("home"))["Location"] == target(world)  # the same place


def test_next_still_wins(world, client):
    response = client.post(reverse("login") + "?next=/competence/",
                           {"username": "leader_lise", "password": PASSWORD})
    assert response["Location"] == "/competence/"


def test_a_login_without_a_role_goes_home(world, client):
    from django.contrib.auth.models import User

    User.objects.create_user("nobody", password=PASSWORD)
    response = client.post(reverse("login"), {"username": "nobody", "password": PASSWORD})
    assert response["Location"] == reverse("home")
