"""The regional planner as an attacker: every derivation issue 10 names, on every unit of
the demo, finds no count of 1-4 persons.

The demo region (300 employees, seeded once for the module) is read twice: as the planner,
from the JSON, HTML and .xlsx the planner gets, and as the administrator, whose figures are
the truth. The attacker writes every relation a reader can see between the planner's
figures as `total = sum(parts)`, across pages (a unit's headcount on its own page is the
same cell as in its parent's table of child units), then solves: a relation with one
unknown gives it; a relation with a known total gives the sum of its unknowns. Rates and
shares give counts back (rate x person-years, share x denominator). A leak is a recovered
value, or sum of values, that equals the truth and lies in 1..threshold-1.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import re
from collections.abc import Iterable
from html.parser import HTMLParser
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import Client
from django.test.utils import override_settings
from django.urls import reverse
from openpyxl import load_workbook

from fagkraft.access.disclosure import HIDDEN_MARK
from fagkraft.competence.models import PlanActivity
from fagkraft.demo.seed import seed_demo
from fagkraft.projections.models import Scenario
from fagkraft.workforce.models import Unit

THRESHOLD = 5
EMPLOYEES = 300


def small(value: float | None) -> bool:
    return value is not None and 0 < abs(round(value)) < THRESHOLD


# --- Reading what the planner gets ----------------------------------------------------


class Tables(HTMLParser):
    """Every <table id=...> of a page as rows of cell texts, and every element by id."""

    def __init__(self) -> None:
        super().__init__()
        self.tables: dict[str, list[list[str]]] = {}
        self.by_id: dict[str, str] = {}
        self._table: str | None = None
        self._cell: list[str] | None = None
        self._open_ids: list[tuple[str, int]] = []
        self._depth = 0
        self._texts: dict[str, list[str]] = {}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._depth += 1
        found = dict(attrs).get("id")
        if tag == "table" and found:
            self._table = found
            self.tables[found] = []
        elif tag == "tr" and self._table:
            self.tables[self._table].append([])
        elif tag in ("td", "th") and self._table:
            self._cell = []
        if tag == "br" and self._cell is not None:
            self._cell.append("\n")
        if found and tag != "table":
            self._open_ids.append((found, self._depth))
            self._texts[found] = []
        if tag == "br":
            self._depth -= 1

    def handle_endtag(self, tag: str) -> None:
        if tag in ("td", "th") and self._cell is not None and self._table:
            self.tables[self._table][-1].append("".join(self._cell).strip())
            self._cell = None
        elif tag == "table":
            self._table = None
        while self._open_ids and self._open_ids[-1][1] == self._depth:
            name, _ = self._open_ids.pop()
            self.by_id[name] = " ".join("".join(self._texts.pop(name)).split())
        self._depth -= 1

    def handle_data(self, data: str) -> None:
        if self._cell is not None:
            self._cell.append(data)
        for name, _ in self._open_ids:
            self._texts[name].append(data)


def parse(html: str) -> Tables:
    tables = Tables()
    tables.feed(html)
    return tables


def number(text: str) -> float | None:
    """A figure as printed in bokmål ("1 234,5", "x", "–"): None where hidden."""
    text = text.replace("\xa0", "").replace(" ", "").replace("%", "").strip()
    if text in (HIDDEN_MARK, "–", "-", ""):
        return None
    return float(text.replace(",", "."))


# --- The attacker ---------------------------------------------------------------------


class Attacker:
    def __init__(self) -> None:
        self.seen: dict[Any, float] = {}
        self.hidden: set[Any] = set()
        self.relations: list[tuple[Any, tuple[Any, ...]]] = []
        self.products: list[tuple[Any, Any, Any]] = []  # count = factor x factor
        self.not_counts: set[Any] = set()  # FTE, rates, shares: small values are fine

    def see(self, key: Any, value: float | None, *, count: bool = True) -> None:
        if not count:
            self.not_counts.add(key)
        if value is None:
            self.hidden.add(key)
        else:
            previous = self.seen.setdefault(key, value)
            assert abs(previous - value) < 1e-6, f"{key} shown as {previous} and {value}"

    def relation(self, total: Any, parts: Iterable[Any]) -> None:
        self.relations.append((total, tuple(parts)))

    def product(self, count: Any, factor: Any, other: Any) -> None:
        self.products.append((count, factor, other))

    def attack(self, truth: dict[Any, float]) -> list[str]:
        known = dict(self.seen)
        leaks = [f"{key} shown as {value}" for key, value in known.items()
                 if small(value) and key not in self.not_counts]
        derived: dict[Any, float] = {}
        changed = True
        while changed:
            changed = False
            for count, factor, other in self.products:
                if count not in known and factor in known and other in known:
                    known[count] = derived[count] = known[factor] * known[other]
                    changed = True
            for total, parts in self.relations:
                unknown = [key for key in (total, *parts) if key not in known]
                if len(unknown) != 1:
                    continue
                key = unknown[0]
                value = (sum(known[p] for p in parts) if key == total else
                         known[total] - sum(known[p] for p in parts if p != key))
                known[key] = derived[key] = value
                changed = True
        for key, value in derived.items():
            if key in truth and small(value) and round(value) == round(truth[key]):
                leaks.append(f"{key} = {value} recovered")
        for total, parts in self.relations:
            unknown = [key for key in parts if key not in known]
            if total in known and len(unknown) > 1:
                rest = known[total] - sum(known[p] for p in parts if p in known)
                true = sum(truth.get(key, float("nan")) for key in unknown)
                if small(rest) and round(rest) == round(true):
                    leaks.append(f"{unknown} add up to {rest} (from {total})")
        return leaks


# --- The demo, seeded once -------------------------------------------------------------


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), override_settings(
            PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"]):
        seed_demo(employees=EMPLOYEES, seed=11, today=dt.date.today())
        users = get_user_model().objects
        planner, admin = users.get(username="planlegger"), users.get(username="admin")
        units = list(Unit.objects.order_by("path"))
        yield planner, admin, units
        call_command("flush", interactive=False, verbosity=0)


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def children_of(units: list[Unit], unit: Unit) -> list[Unit]:
    return [child for child in units if child.parent_id == unit.pk]


# --- Unit summaries: API, page and charts -----------------------------------------------


def read_summary(attacker: Attacker, data: dict[str, Any], units: list[Unit]) -> None:
    uid = data["unit_id"]
    hc = ("hc", uid)
    attacker.see(hc, data["headcount"])
    attacker.see(("fte", uid), data["fte"], count=False)
    bands = [("age", uid, band["label"]) for band in data["age_bands"]]
    for key, band in zip(bands, data["age_bands"], strict=True):
        attacker.see(key, band["count"])
    attacker.relation(hc, bands)  # a unit's age bands add up to its headcount
    professions = [("prof", uid, group["key"]) for group in data["fte_by_profession"]]
    for key, group in zip(professions, data["fte_by_profession"], strict=True):
        attacker.see(key, group["headcount"])
        attacker.see(("prof-fte", uid, group["key"]), group["fte"], count=False)
    attacker.relation(hc, professions)  # everyone has one profession
    attacker.see(("spec", uid), data["specialists"])
    attacker.see(("elig", uid), data["specialist_eligible"])
    attacker.relation(("elig", uid), [("spec", uid), ("notspec", uid)])
    attacker.see(("share", uid), data["specialist_share"], count=False)
    attacker.product(("spec", uid), ("share", uid), ("elig", uid))
    attacker.see(("senior-share", uid), data["senior_share"], count=False)
    attacker.see(("age", uid, data["age_bands"][-1]["label"]), data["senior_count"])
    attacker.product(("age", uid, data["age_bands"][-1]["label"]), ("senior-share", uid), hc)
    for child in data["children"]:
        attacker.see(("hc", child["unit_id"]), child["headcount"])
        attacker.see(("fte", child["unit_id"]), child["fte"], count=False)
    if data["children"]:
        # Parent minus children, for every figure the child pages show too.
        kids = [child["unit_id"] for child in data["children"]]
        attacker.relation(hc, [("hc", kid) for kid in kids])
        attacker.relation(("spec", uid), [("spec", kid) for kid in kids])
        attacker.relation(("elig", uid), [("elig", kid) for kid in kids])
        for _, _, label in bands:
            attacker.relation(("age", uid, label), [("age", kid, label) for kid in kids])
    for year in data["turnover"]:
        key = (uid, year["year"])
        for name in ("leavers", "left_trust", "internal_moves"):
            attacker.see((name, *key), year[name])
        attacker.see(("average_headcount", *key), year["average_headcount"])
        attacker.relation(("leavers", *key), [("left_trust", *key), ("internal_moves", *key)])
        for count, rate in (("leavers", "rate"), ("left_trust", "left_trust_rate"),
                            ("internal_moves", "internal_move_rate")):
            attacker.see((rate, *key), year[rate], count=False)
            attacker.product((count, *key), (rate, *key), ("average_headcount", *key))


def summary_truth(data: dict[str, Any]) -> dict[Any, float]:
    uid = data["unit_id"]
    truth: dict[Any, float] = {("hc", uid): data["headcount"], ("spec", uid): data["specialists"],
                               ("elig", uid): data["specialist_eligible"],
                               ("notspec", uid): data["specialist_eligible"] - data["specialists"]}
    truth.update({("age", uid, band["label"]): band["count"] for band in data["age_bands"]})
    truth.update({("prof", uid, group["key"]): group["headcount"]
                  for group in data["fte_by_profession"]})
    for year in data["turnover"]:
        truth.update({(name, uid, year["year"]): year[name]
                      for name in ("leavers", "left_trust", "internal_moves")})
    return truth


def profession_relations_across_levels(attacker: Attacker, summaries: dict[int, dict],
                                       units: list[Unit]) -> None:
    codes = {group["key"] for data in summaries.values() for group in data["fte_by_profession"]}
    for unit in units:
        kids = children_of(units, unit)
        if not kids:
            continue
        for code in codes:
            # A profession missing from a shown list is a zero the attacker knows.
            for uid in [unit.pk, *(kid.pk for kid in kids)]:
                listed = {g["key"] for g in summaries[uid]["fte_by_profession"]}
                if code not in listed and summaries[uid]["headcount"] is not None:
                    attacker.see(("prof", uid, code), 0)
            attacker.relation(("prof", unit.pk, code), [("prof", kid.pk, code) for kid in kids])


@pytest.fixture(scope="module")
def summaries(demo):
    planner, admin, units = demo
    as_planner, as_admin = client_for(planner), client_for(admin)
    shown, truth = {}, {}
    for unit in units:
        response = as_planner.get(f"/api/units/{unit.pk}/summary/")
        assert response.status_code == 200, unit.code
        shown[unit.pk] = response.json()
        truth[unit.pk] = as_admin.get(f"/api/units/{unit.pk}/summary/").json()
    return shown, truth


@pytest.mark.django_db
def test_the_demo_has_small_counts_to_protect(summaries, demo):
    """Without small counts the attack proves nothing: the demo has plenty."""
    _, truth = summaries
    small_cells = [key for data in truth.values() for key, value in summary_truth(data).items()
                   if small(value)]
    assert len(demo[2]) >= 30 and len(small_cells) >= 50


@pytest.mark.django_db
def test_no_small_count_can_be_worked_out_of_the_unit_summaries(summaries, demo):
    shown, truth = summaries
    units = demo[2]
    attacker = Attacker()
    for data in shown.values():
        read_summary(attacker, data, units)
    profession_relations_across_levels(attacker, shown, units)
    everything: dict[Any, float] = {}
    for data in truth.values():
        everything.update(summary_truth(data))
    assert attacker.hidden, "the planner sees nothing hidden: the attack has no target"
    assert attacker.attack(everything) == []


@pytest.mark.django_db
def test_derived_figures_are_hidden_with_their_counts(summaries):
    shown, _ = summaries
    for data in shown.values():
        assert data["suppressed"] is True
        if data["headcount"] is None:
            assert data["fte"] is None
        for group in data["fte_by_profession"] + data["children"]:
            assert group["headcount"] is not None or group["fte"] is None, group
        if data["specialists"] is None or data["specialist_eligible"] is None:
            assert data["specialist_share"] is None
        if data["senior_count"] is None:
            assert data["senior_share"] is None
        for year in data["turnover"]:
            for count, rate in (("leavers", "rate"), ("left_trust", "left_trust_rate"),
                                ("internal_moves", "internal_move_rate")):
                if year[count] is None or year["average_headcount"] is None:
                    assert year[rate] is None, (data["unit_code"], year)


@pytest.mark.django_db
def test_the_unit_pages_show_what_the_api_shows(summaries, demo):
    """Pages and charts, parsed as HTML: nothing on them the API hides, so the attack on
    the API covers them; the share beside its fraction is hidden with the fraction."""
    planner, _, units = demo
    shown, _ = summaries
    client = client_for(planner)
    for unit in units:
        html = client.get(reverse("workforce:unit", args=[unit.pk])).content.decode()
        page, data = parse(html), shown[unit.pk]
        headcount = re.search(r'id="kpi-headcount"><div class="value">([^<]*)<', html)
        assert headcount and number(headcount.group(1)) == data["headcount"], unit.code
        share_label = page.by_id["kpi-specialists"]
        fraction = re.search(r"\((\S+) av (\S+)", share_label)
        assert fraction, share_label
        numerator, denominator = number(fraction.group(1)), number(fraction.group(2))
        assert (numerator, denominator) == (data["specialists"], data["specialist_eligible"])
        if numerator is None or denominator is None:
            assert share_label.startswith("–"), share_label
        rows = page.tables["fte-by-profession"][1:]
        for row, group in zip(rows, data["fte_by_profession"], strict=False):
            assert number(row[1]) == group["headcount"]
        for row, child in zip(page.tables.get("child-units", [])[1:], data["children"],
                              strict=True):
            assert number(row[2]) == child["headcount"], (unit.code, row)
        charts = json.loads(html.split('id="unit-charts" type="application/json">')[1]
                            .split("</script>")[0])
        assert charts["age"]["y"] == [band["count"] for band in data["age_bands"]]
        assert charts["fte"]["y"] == [group["fte"] for group in data["fte_by_profession"]]


# --- Competence roll-ups and the further-education plan -------------------------------


def read_rollup(attacker: Attacker, html: str, codes: dict[str, int]) -> None:
    competences = parse(html).tables["rollup"][0][2:]
    for code, inner in re.findall(r'<tr id="rollup-([^"]+)">(.*?)</tr>', html, re.S):
        row = parse(f'<table id="row"><tr>{inner}</tr></table>').tables["row"][0]
        uid = codes[code]
        attacker.see(("persons", uid), number(row[1]))
        for competence, cell in zip(competences, row[2:], strict=True):
            parts = cell.split("\n")
            if len(parts) < 2:
                continue
            compliant, due = parts[1].split("/")
            key = (uid, competence)
            attacker.see(("ok", *key), number(compliant))
            attacker.see(("due", *key), number(due))
            # "+n not yet due" beside it (none shown: none not yet due).
            later = parts[2].split()[0].lstrip("+") if len(parts) > 2 else "0"
            attacker.see(("notyet", *key), number(later))
            share = number(parts[0])
            attacker.see(("share-ok", *key), None if share is None else share / 100,
                         count=False)
            attacker.relation(("due", *key), [("ok", *key), ("breach", *key)])
            attacker.relation(("req", *key), [("due", *key), ("notyet", *key)])
            # The share beside its fraction: share x due = compliant.
            attacker.product(("ok", *key), ("share-ok", *key), ("due", *key))


@pytest.mark.django_db
def test_no_small_count_can_be_worked_out_of_the_competence_rollups(demo):
    planner, admin, units = demo
    names = {unit.code: unit.pk for unit in units}
    attacker, truth_reader = Attacker(), Attacker()
    as_planner, as_admin = client_for(planner), client_for(admin)
    for unit in units:
        url = reverse("competence:rollup", args=[unit.pk])
        read_rollup(attacker, as_planner.get(url).content.decode(), names)
        read_rollup(truth_reader, as_admin.get(url).content.decode(), names)
    truth = dict(truth_reader.seen)
    for (kind, *key), value in list(truth.items()):
        if kind == "due" and ("ok", *key) in truth:
            truth[("breach", *key)] = value - truth[("ok", *key)]
            truth[("req", *key)] = value + truth[("notyet", *key)]
    for unit in units:  # parent minus the rows of its child units, when both are shown
        kids = children_of(units, unit)
        if kids:
            attacker.relation(("persons", unit.pk), [("persons", kid.pk) for kid in kids])
            for competence in {key[2] for key in truth if key[0] == "req"}:
                for kind in ("req", "due", "ok", "breach", "notyet"):
                    attacker.relation((kind, unit.pk, competence),
                                      [(kind, kid.pk, competence) for kid in kids])
    assert any(small(value) for value in truth.values())
    assert attacker.attack(truth) == []


@pytest.mark.django_db
def test_no_plan_title_in_an_aggregate(demo):
    """Plan titles are free text about one person: never on a page the planner reads."""
    planner, _, units = demo
    titles = {title for title in PlanActivity.objects.values_list("title", flat=True)
              if len(title) > 3}
    assert titles, "the demo has no plan titles to look for"
    client = client_for(planner)
    for unit in units:
        for name in ("competence:education_plan", "competence:rollup", "workforce:unit"):
            html = client.get(reverse(name, args=[unit.pk])).content.decode()
            assert not [title for title in titles if title in html], (name, unit.code)


# --- The education pipeline: API and export -------------------------------------------


def read_pipeline(attacker: Attacker, uid: int, data: dict[str, Any]) -> None:
    for row in data["completions"]:
        for year, count in zip(data["years"], row["counts"], strict=True):
            attacker.see(("done", uid, row["profession"], row["specialty"], year), count)
    posts = data["education_positions_ending"]
    for year, with_post, without in zip(data["years"], posts["with_permanent_post"],
                                        posts["without_permanent_post"], strict=True):
        attacker.see(("with", uid, year), with_post)
        attacker.see(("without", uid, year), without)


@pytest.mark.django_db
def test_no_small_count_can_be_worked_out_of_the_pipeline(demo):
    """The region's pipeline minus the trusts' shown figures, and so on down the tree."""
    planner, admin, units = demo
    attacker, truth_reader = Attacker(), Attacker()
    as_planner, as_admin = client_for(planner), client_for(admin)
    rows: set[tuple[str, str]] = set()
    years: list[int] = []
    for unit in units:
        shown = as_planner.get("/api/education/pipeline/", {"unit": unit.pk}).json()
        true = as_admin.get("/api/education/pipeline/", {"unit": unit.pk}).json()
        read_pipeline(attacker, unit.pk, shown)
        read_pipeline(truth_reader, unit.pk, true)
        rows |= {(row["profession"], row["specialty"]) for row in true["completions"]}
        years = true["years"]
        # The export says the same as the API.
        book = load_workbook(io.BytesIO(as_planner.get(
            reverse("education:pipeline_export", args=[unit.pk])).content))
        exported = [list(row[2:]) for row in book.worksheets[0].iter_rows(min_row=2,
                                                                           values_only=True)]
        assert exported == [[HIDDEN_MARK if value is None else value for value in row["counts"]]
                            for row in shown["completions"]], unit.code
    for unit in units:
        kids = children_of(units, unit)
        if not kids:
            continue
        for year in years:
            for profession, specialty in rows:
                attacker.relation(("done", unit.pk, profession, specialty, year),
                                  [("done", kid.pk, profession, specialty, year) for kid in kids])
            for kind in ("with", "without"):
                attacker.relation((kind, unit.pk, year), [(kind, kid.pk, year) for kid in kids])
    truth = dict(truth_reader.seen)
    for key in list(attacker.seen) + list(attacker.hidden):
        truth.setdefault(key, 0)
    assert any(small(value) for value in truth.values())
    assert attacker.attack(truth) == []


# --- Projection scenarios: API, page and export ---------------------------------------


def check_basis(basis: dict[str, Any], label: str) -> None:
    """Rate x person-years, recruits per year x years, FTE beside a hidden headcount."""
    if basis["headcount"] is None:
        assert basis["fte"] is None, label
    for row in [*basis["turnover"], basis["turnover_pooled"]]:
        assert not small(row.get("leavers")), (label, row)
        if row.get("leavers") is None:
            assert row.get("rate") is None, (label, row)
        if row.get("rate") is not None and row.get("person_years") is not None:
            assert not small(row["rate"] * row["person_years"]), (label, row)
    recruits = basis["recruits"]
    assert not small(recruits.get("recruits")), label
    if recruits.get("recruits") is None:
        assert recruits.get("per_year") is None and recruits.get("mean_age") is None, label
    elif recruits.get("per_year") is not None:
        assert not small(recruits["per_year"] * recruits["years"]), label


@pytest.mark.django_db
def test_no_small_count_in_the_projection_scenarios(demo):
    planner, _, _ = demo
    client = client_for(planner)
    scenarios = list(Scenario.objects.all())
    assert scenarios, "the demo has projection scenarios"
    hidden_labels: set[tuple[str, str]] = set()
    for scenario in scenarios:
        data = client.get(f"/api/projections/scenarios/{scenario.pk}/").json()
        result = client.get(f"/api/projections/scenarios/{scenario.pk}/result/").json()
        for key, basis in data["register_basis"]["professions"].items():
            check_basis(basis, f"{scenario.name}/{key}")
            supply = data["document"]["professions"][key]["supply"]
            if key in result.get("hidden_professions", []):
                # Hidden projection: no figure behind it in the document or the result.
                assert key not in result["professions"]
                for name in ("turnover_percent", "recruits_per_year", "recruit_age"):
                    assert supply.get(name) in (None, "(skjult)"), (key, name)
            else:
                assert basis["headcount"] is not None, key
        book = load_workbook(io.BytesIO(client.get(
            reverse("projections:export", args=[scenario.pk])).content))
        for row in list(book.worksheets[3].iter_rows(min_row=2, values_only=True)):
            persons, fte, person_years, leavers, rate = row[3], row[4], row[5], row[6], row[9]
            assert not (isinstance(persons, (int, float)) and small(persons)), row
            assert not (isinstance(leavers, (int, float)) and small(leavers)), row
            if persons == HIDDEN_MARK:
                assert fte is None, row
            if leavers == HIDDEN_MARK:
                assert rate is None, row
            if isinstance(rate, float) and isinstance(person_years, float):
                assert not small(rate / 100 * person_years), row
        html = client.get(reverse("projections:detail", args=[scenario.pk])).content.decode()
        charts = json.loads(html.split('id="projection-charts" type="application/json">')[1]
                            .split("</script>")[0])
        assert {chart["key"] for chart in charts["professions"]} == set(result["professions"])
        hidden_labels |= {(scenario.name, data["register_basis"]["professions"][key]["label"])
                          for key in result.get("hidden_professions", [])}
    # The comparison of all scenarios shows no gap of a hidden projection either.
    html = client.get(reverse("projections:compare"),
                      {"ids": [scenario.pk for scenario in scenarios]}).content.decode()
    compared = {(row[0], row[1]) for row in parse(html).tables.get("comparison", [])[1:]}
    assert hidden_labels or compared, "nothing compared and nothing hidden: nothing tested"
    assert not compared & hidden_labels


# --- WISN studies: existing staff from the register -----------------------------------


@pytest.mark.django_db
def test_wisn_existing_staff_resting_on_few_persons_cannot_be_worked_out(demo):
    """Existing staff (FTE) of fewer than 5 persons is hidden, and so is everything that
    gives it back: the WISN difference (required - existing), the ratio, the study's total
    existing staff (total minus the shown categories), and the scenarios' existing staff."""
    planner, _, _ = demo
    client = client_for(planner)
    studies = client.get("/api/workload/studies/").json()
    studies = studies.get("results", studies) if isinstance(studies, dict) else studies
    assert studies, "the demo has WISN studies the planner may read"
    for study in studies:
        data = client.get(f"/api/workload/studies/{study['id']}/results/").json()
        hidden = [row for row in data["categories"] if row["existing_staff_hidden"]]
        for row in hidden:
            assert row["existing_staff"] is None and row["wisn_difference"] is None
            assert row["wisn_ratio"] is None
        if hidden:
            assert data["existing_staff"] is None, study["id"]
        names = {row["category"] if "category" in row else row["name"] for row in hidden}
        for scenario in data["scenarios"]:
            for item in scenario["rows"]:
                if item["category"] in names:
                    assert item["existing_staff"] is None


# --- Retention across the unit tree (issue 13) -----------------------------------------


def read_retention(attacker: Attacker, data: dict[str, Any], unit: Unit, by: str,
                   codes: dict[str, int], prefix: str = "") -> None:
    """One retention page (API) as the attacker writes it: the total and its groups."""
    uid = unit.pk
    attacker.see((prefix, "spells", uid), data["total"]["size"])
    if by == "unit":
        parts = []
        for group in data["groups"]:
            key = ((prefix, "spells", codes[group["key"]]) if group["key"]
                   else (prefix, "direct", uid))
            attacker.see(key, group["size"])
            parts.append(key)
        attacker.relation((prefix, "spells", uid), parts)
    elif by:
        parts = []
        for group in data["groups"]:
            key = (prefix, by, uid, group["key"])
            attacker.see(key, group["size"])
            parts.append(key)
        attacker.relation((prefix, "spells", uid), parts)
    for row in data["years"]:
        key = (prefix, uid, row["year"])
        attacker.see(("hc_start", *key), row["headcount_start"])
        attacker.see(("hc_end", *key), row["headcount_end"])
        attacker.see(("leavers", *key), row["leavers"])
        attacker.see(("hired", *key), row["hired"])
        attacker.see(("stability", *key), row["stability_index"], count=False)
        attacker.product(("stayed", *key), ("stability", *key), ("hc_start", *key))
        attacker.relation(("hc_start", *key), [("stayed", *key), ("left", *key)])


@pytest.mark.django_db
def test_no_small_count_can_be_worked_out_of_the_retention_pages(demo):
    """Every unit's retention page as the planner: its total, by unit (the child units'
    totals and the rest), by profession, and the per-year counts; plus each parent's
    profession groups = its children's, and the region filtered to each profession (the
    filtered total is the profession's group). The administrator's pages are the truth."""
    planner, admin, units = demo
    codes = {unit.path: unit.pk for unit in units}
    attacker, truth_reader = Attacker(), Attacker()
    as_planner, as_admin = client_for(planner), client_for(admin)
    professions: set[str] = set()
    for unit in units:
        url = f"/api/retention/units/{unit.pk}/"
        for by in ("unit", "profession"):
            shown, true = (client.get(url, {"by": by}).json()
                           for client in (as_planner, as_admin))
            read_retention(attacker, shown, unit, by, codes)
            read_retention(truth_reader, true, unit, by, codes)
            if by == "profession":
                professions |= {group["key"] for group in true["groups"]}
    region = units[0]
    for code in sorted(professions):
        url = f"/api/retention/units/{region.pk}/"
        shown = as_planner.get(url, {"profession": code}).json()
        attacker.see(("", "profession", region.pk, code), shown["total"]["size"])
    for unit in units:
        kids = children_of(units, unit)
        if kids:
            for code in professions:
                attacker.relation(("", "profession", unit.pk, code),
                                  [("", "profession", kid.pk, code) for kid in kids]
                                  + [("", "profession-direct", unit.pk, code)])
    truth = dict(truth_reader.seen)
    for key in [*attacker.seen, *attacker.hidden]:
        truth.setdefault(key, 0)
    for unit in units:  # the people placed in a parent itself, per profession
        kids = children_of(units, unit)
        for code in professions if kids else ():
            truth[("", "profession-direct", unit.pk, code)] = truth.get(
                ("", "profession", unit.pk, code), 0) - sum(
                truth.get(("", "profession", kid.pk, code), 0) for kid in kids)
    for (kind, *rest), value in list(truth_reader.seen.items()):
        if kind == "hc_start" and ("stayed", *rest) not in truth:
            stability = truth_reader.seen.get(("stability", *rest))
            if stability is not None:
                truth[("stayed", *rest)] = round(value * stability)
                truth[("left", *rest)] = value - truth[("stayed", *rest)]
    assert any(small(value) for key, value in truth.items() if key[0] == "")
    assert attacker.hidden, "nothing hidden: the attack has no target"
    assert attacker.attack(truth) == []
