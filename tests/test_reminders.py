"""`fagkraft send-reminders`: leaders about reports awaiting approval, employees about
certificates running out 90 and 30 days ahead, each once, in the recipient's language.

Hand-worked case (run "today" = 1 June 2026; thresholds 90 and 30 days):
- Erik: "Aggression course" (valid 12 months) done 30.08.2025 -> expires 30.08.2026:
  June 30 + July 31 + August 29 = 90 days left -> the 90-day mail on 1 June; 31 July is 30
  days before -> the 30-day mail then. His profile language is English.
- Kari: the course done 15.06.2025 (expires in 14 days) but renewed 10.01.2026 (expires
  10.01.2027): only the newest counts -> nothing.
- Siri: done 01.07.2025 -> expires 01.07.2026, 30 days left -> due, but she has no login:
  counted as without address, nothing sent.
- Erik's pending report of the day course -> one mail to his leader Lise (bokmål); Ola's
  section has none waiting; adviser Arne is not a unit leader.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.management import call_command

from fagkraft.accounts.models import Profile
from fagkraft.audit.models import AuditEvent
from fagkraft.competence import services
from fagkraft.competence.models import Completion, ReminderSent
from fagkraft.competence.reminders import send_reminders
from fagkraft.engine.reminders import threshold_due

JUNE_1 = dt.date(2026, 6, 1)


@pytest.mark.parametrize(("today", "sent", "due"), [
    (dt.date(2026, 6, 1), (), 90),        # 90 days before 30.08.2026
    (dt.date(2026, 5, 31), (), None),     # 91 days: not yet
    (dt.date(2026, 6, 2), (90,), None),   # 89 days, the 90 one sent
    (dt.date(2026, 7, 31), (90,), 30),    # 30 days
    (dt.date(2026, 8, 10), (), 30),       # a missed 90 is never sent late: the nearest
    (dt.date(2026, 8, 10), (30,), None),
    (dt.date(2026, 8, 30), (90,), 30),    # expires today: still a reminder
    (dt.date(2026, 8, 31), (), None),     # expired
])
def test_which_threshold_is_due(today, sent, due):
    assert threshold_due(dt.date(2026, 8, 30), today, (90, 30), sent) == due


@pytest.fixture
def case(world):
    course = services.create_competence(None, code="MAP", name="Aggression course",
                                        kind="course", validity_months=12)
    day_course = services.create_competence(None, code="SUI", name="Suicide day course",
                                            kind="course")
    done = services.record_completion
    done(None, employee=world.erik, competence=course, completed_on=dt.date(2025, 8, 30))
    done(None, employee=world.kari, competence=course, completed_on=dt.date(2025, 6, 15))
    done(None, employee=world.kari, competence=course, completed_on=dt.date(2026, 1, 10))
    done(None, employee=world.siri, competence=course, completed_on=dt.date(2025, 7, 1))
    done(world.users["employee_erik"], employee=world.erik, competence=day_course,
         completed_on=dt.date(2026, 5, 20), source=Completion.Source.EMPLOYEE)
    for name in ("employee_erik", "leader_lise", "leader_ola", "adviser_arne"):
        user = world.users[name]
        user.email, user.first_name = f"{name}@example.no", name.split("_")[1].title()
        user.save()
    Profile.objects.filter(user=world.users["employee_erik"]).update(language="en")
    return world


def test_reminders_go_out_once_each_in_the_recipients_language(case, mailoutbox):
    assert send_reminders(today=JUNE_1) == {"approvals": 1, "expiry": 1, "no_address": 1}
    by_recipient = {mail.to[0]: mail for mail in mailoutbox}
    assert sorted(by_recipient) == ["employee_erik@example.no", "leader_lise@example.no"]

    lise = by_recipient["leader_lise@example.no"]
    assert lise.subject == "1 kursrapport venter på din godkjenning"
    assert lise.body.startswith("Hei Lise,")
    assert f"http://127.0.0.1:8000/competence/units/{case.section_a.pk}/" in lise.body
    assert lise.from_email == "Fagkraft <fagkraft@localhost>"

    erik = by_recipient["employee_erik@example.no"]
    assert erik.subject == "Aggression course expires on 30.08.2026"
    assert "expires in 90 days, on 30.08.2026" in erik.body
    assert "http://127.0.0.1:8000/competence/" in erik.body

    # The same day again, and the next day: nothing new.
    assert send_reminders(today=JUNE_1) == {"approvals": 0, "expiry": 0, "no_address": 1}
    assert send_reminders(today=JUNE_1 + dt.timedelta(days=1))["expiry"] == 0
    assert len(mailoutbox) == 3  # the next day's approvals digest to Lise
    # 30 days before: the second warning.
    assert send_reminders(today=dt.date(2026, 7, 31))["expiry"] == 1
    assert "30 days" in mailoutbox[-1].body
    assert list(ReminderSent.objects.filter(kind="expiry").order_by("sent_on")
                .values_list("threshold_days", flat=True)) == [90, 30]


def test_each_reminder_is_audited_naming_the_person(case, mailoutbox):
    send_reminders(today=JUNE_1)
    events = AuditEvent.objects.filter(object_type="competence.remindersent",
                                       action=AuditEvent.Action.CREATE)
    assert events.count() == 2
    expiry = events.get(object_id=str(ReminderSent.objects.get(kind="expiry").pk))
    assert [p.employee_id for p in expiry.persons.all()] == [case.erik.pk]


def test_the_command_reports_the_counts(case, mailoutbox, capsys):
    call_command("send_reminders", "--date", "01.06.2026")
    assert capsys.readouterr().out.strip() == (
        "Påminnelser sendt: 1 om godkjenninger, 1 om kursbevis som går ut; "
        "1 personer mangler e-postadresse.")
    assert len(mailoutbox) == 2
