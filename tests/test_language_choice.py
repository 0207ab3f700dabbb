"""The language switch keeps a logged-in user's choice on their profile (through
accounts.services.save_language, audited), and the next login starts in it."""

from __future__ import annotations

from django.conf import settings
from django.test import Client
from django.urls import reverse

from fagkraft.accounts.models import Profile
from fagkraft.accounts.services import save_language
from fagkraft.audit.models import AuditEvent
from tests.personas import PASSWORD, World


def _language_events(user) -> list[dict]:
    return list(AuditEvent.objects.filter(
        action=AuditEvent.Action.UPDATE, object_type="accounts.profile",
        object_id=str(user.profile.pk)).values_list("detail", flat=True))


def test_the_switch_saves_the_choice_on_the_profile_with_an_audit_event(world: World, login):
    client = login("leader_lise")
    user = world.users["leader_lise"]
    response = client.post(reverse("set_language"), {"language": "en", "next": "/"})
    assert response.status_code == 302
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"
    assert Profile.objects.get(user=user).language == "en"
    assert _language_events(user) == [{"language": ["nb", "en"]}]
    # The same choice again changes nothing and leaves no second event.
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    assert len(_language_events(user)) == 1


def test_a_language_we_do_not_offer_and_an_anonymous_switch_save_nothing(world: World):
    user = world.users["leader_lise"]
    assert save_language(user, "de", actor=user) is False
    anonymous = Client()
    response = anonymous.post(reverse("set_language"), {"language": "en", "next": "/login/"})
    assert response.status_code == 302  # Django's switch still answers with its cookie
    assert Profile.objects.get(user=user).language == "nb"
    assert _language_events(user) == []


def test_the_login_starts_in_the_saved_language(world: World):
    user = world.users["leader_lise"]
    save_language(user, "en", actor=user)
    client = Client()  # a new browser: no language cookie
    response = client.post(reverse("login"), {"username": "leader_lise",
                                              "password": PASSWORD}, follow=True)
    assert response.status_code == 200
    assert client.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"
    assert '<html lang="en">' in response.content.decode()
    # Back to bokmål with the switch: the profile, and so the next login, follow.
    client.post(reverse("set_language"), {"language": "nb", "next": "/"})
    fresh = Client()
    response = fresh.post(reverse("login"), {"username": "leader_lise",
                                             "password": PASSWORD}, follow=True)
    assert '<html lang="nb">' in response.content.decode()
