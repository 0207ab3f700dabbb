"""Issue 14 in Chromium, on the demo programme of case 93/23: the project lead writes a
joint application in the open round with Solstad HF as partner; Solstad's contact
confirms; the lead submits; the secretariat assigns a KTV/KVO and an RBU reviewer, who
score it; the secretariat approves 1 MNOK for 2026 and the programme page shows it."""

from __future__ import annotations

from fagkraft.demo.logins import PASSWORD
from fagkraft.funding import reports
from fagkraft.funding.messages import kroner
from fagkraft.funding.models import Application, Programme
from tests.browser.conftest import log_in, screenshot


def _open_programme(page) -> None:
    # The programme sits in the menu's "Mer" dropdown beside a role's own pages, and on the
    # bar itself for someone who has nothing else.
    link = page.locator("header nav").get_by_role("link", name="Tilskuddsprogram", exact=True)
    if not link.is_visible():
        page.locator("header nav details.dropdown summary").click()
    link.click()
    page.locator("#funding-programmes tbody a").first.click()
    page.wait_for_load_state("networkidle")


def _score(page, live_server, username: str, title: str) -> None:
    log_in(page, live_server.url, username, PASSWORD)
    _open_programme(page)
    page.locator("#my-assignments").get_by_role("link", name=title).click()
    form = page.locator("#review-form")
    for field in form.locator('input[name^="score_"]').all():
        field.fill("4")
    for field in form.locator('textarea[name^="why_"]').all():
        field.fill("Godt forankret og gjennomførbart")
    form.get_by_label("Anbefaling").select_option("approve")
    # Wait for the answer page itself: on a loaded machine "networkidle" can be the
    # review page's own state before the POST's navigation has begun.
    with page.expect_navigation():
        page.locator("#submit-review").click()
    page.get_by_text("Vurderingen er sendt inn.").wait_for()
    assert "Vurderingen er sendt inn." in page.content()


def test_joint_application_is_scored_approved_and_allocated(page, live_server, demo_trust):
    title = "Felles vaktordning for spesialister"
    log_in(page, live_server.url, "prosjektleder", PASSWORD)
    _open_programme(page)
    page.get_by_role("link", name="Utlysning 3").click()
    page.get_by_label("Tittel").fill(title)
    page.get_by_label("Ansvarlig helseforetak").select_option(label="Nordvik HF")
    page.get_by_role("button", name="Start et utkast").click()
    page.wait_for_load_state("networkidle")

    form = page.locator("#application-form")
    form.get_by_label("Sammendrag").fill("Nordvik og Solstad deler vaktordningen.")
    form.get_by_label("2. Beholde og rekruttere fagfolk").check()
    form.get_by_label("Lokale ansattrepresentanter").fill("Hovedtillitsvalgt i begge foretak")
    form.get_by_label("Lokale brukerrepresentanter").fill("Brukerrådene")
    form.locator('input[name="b-b_2026_personnel"]').fill("1000000")
    page.locator("#save-draft").click()
    page.wait_for_load_state("networkidle")
    page.locator("#edit-application").click()
    partner = page.locator("#partner-form")
    partner.get_by_label("Samarbeidende helseforetak").select_option(label="Solstad HF")
    partner.get_by_label("Kontaktperson (brukernavn)").fill("prosjektleder-2")
    partner.get_by_role("button", name="Legg til samarbeidspartner").click()
    page.wait_for_load_state("networkidle")
    page.get_by_role("link", name=title).click()
    # Not yet: the partner has to confirm, and the page says so in Norwegian.
    assert "Solstad HF har ikke bekreftet deltakelsen." in page.locator(
        "#submission-failures").inner_text()
    application = Application.objects.get(title=title)

    log_in(page, live_server.url, "prosjektleder-2", PASSWORD)
    page.goto(f"{live_server.url}/funding/applications/{application.pk}/")
    page.locator("#confirm-partner").click()
    page.wait_for_load_state("networkidle")

    log_in(page, live_server.url, "prosjektleder", PASSWORD)
    page.goto(f"{live_server.url}/funding/applications/{application.pk}/")
    page.locator("#submit-application").click()
    page.wait_for_load_state("networkidle")
    assert page.locator("#application-state").inner_text() == "Sendt inn"

    log_in(page, live_server.url, "programadmin", PASSWORD)
    page.goto(f"{live_server.url}/funding/applications/{application.pk}/")
    for reviewer in ("ktv (Ansattrepresentant (KTV/KVO))",
                     "rbu (Regionalt brukerutvalg (RBU))"):
        page.locator("#assessment").get_by_label("Vurderer").select_option(label=reviewer)
        page.locator("#assessment").get_by_role("button", name="Tildel").click()
        page.wait_for_load_state("networkidle")

    _score(page, live_server, "ktv", title)
    _score(page, live_server, "rbu", title)

    log_in(page, live_server.url, "programadmin", PASSWORD)
    page.goto(f"{live_server.url}/funding/applications/{application.pk}/")
    page.locator("#decide-link").click()
    decision = page.locator("#decision-form")
    decision.get_by_label("Vedtak").select_option("approved")
    decision.get_by_label("Beløp 2026 (kr)").fill("1000000")
    page.locator("#save-decision").click()
    page.wait_for_load_state("networkidle")
    assert page.locator("#application-state").inner_text() == "Godkjent"

    _open_programme(page)
    page.locator("#allocation-chart .main-svg").first.wait_for()  # Plotly drew the chart
    programme = Programme.objects.get(case_number="93/23")
    allocated_2026 = next(row.allocated for row in reports.allocation(programme).by_year
                          if row.label == "2026")
    # The seeded approvals for 2026 (3 + 3 + 2 + 4 in round one, 5 + 4 in round two =
    # 21 MNOK) and this one's 1 MNOK.
    assert allocated_2026 == 22_000_000
    shown = page.locator("#allocation").inner_text().replace("\u00a0", " ")
    assert kroner(allocated_2026).replace("\u00a0", " ") in shown  # 22 000 000 kr
    screenshot(page, "funding-programme-allocated")
