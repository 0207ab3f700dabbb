"""Demo goals: the seeds' programme goals with indicators on the demo register.

Texts from ../shared/seeds/: the Helse Sør-Øst BUP project (regional development work in
PHBU, 01.12.18-31.12.20) with its effect goal and two of its result goals, and Helse
Midt-Norge's five prioritised sub-goals (case 93/23, programme 2024-2026). The demo
region plays the region of each programme. Baselines of register indicators are the
register's own value on the baseline date (today's value for kinds the register keeps
no history of), as a planner may see it (a hidden year gives way to the first shown
one); targets are a stated improvement on them (an ASSUMPTION of the demo,
not from the seeds). Manual indicators get invented values marked as such in their
source. Deterministic: everything follows from the register and `today`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.utils.translation import gettext as _

from fagkraft.access import disclosure
from fagkraft.demo.logins import ADVISER_UNIT, PLANNER_UNIT
from fagkraft.goals import services
from fagkraft.goals.indicators import REGISTRY, Query
from fagkraft.goals.models import Goal
from fagkraft.workforce.models import Unit

VIA = "seed-demo"
HSO = "Regionalt utviklingsarbeid PHBU (Helse Sør-Øst RHF, 01.12.18-31.12.20)"
HMN = "Sikre kritisk kompetanse i PH og TSB (Helse Midt-Norge RHF, sak 93/23, 2024-2026)"
DEMO_SOURCE = "Demotall (oppdiktet)"


@dataclass(frozen=True)
class Spec:
    kind: str
    group: str = ""
    improve: float = 0.1  # the target: this share better than the baseline
    name: str = ""
    manual: tuple[tuple[str, float], ...] = ()  # (ISO period end, value) of a manual one
    target: float | None = None  # a set target instead of the improvement


def _register_baseline(kind: str, unit: Unit, group: str, day: dt.date, today: dt.date
                       ) -> tuple[float, dt.date] | None:
    """The register's value on `day` (the year's value; today's for snapshot kinds) as a
    planner sees it: a baseline never shows a figure the disclosure control hides. Where
    that year's value is hidden, the first shown value later is the baseline; None when
    none is shown (a small demo): the indicator is then left out. A value no goal can
    improve on (a rate of nobody leaving where lower is better, a share of 100 % where
    higher is) is passed over for the next one: the demo register's first years, with no
    psychologist specialist leaving yet, made a goal "from 0.0 % to 0.0 %"."""
    definition = REGISTRY[kind]
    assert definition.compute is not None
    threshold = disclosure.threshold()
    points = definition.compute(Query(unit, group, day.year, today,
                                      lambda count: None if 0 < count < threshold else count))
    known = [point for point in points if point.value is not None]
    if not known:
        return None
    lower = definition.direction == "lower"
    share = definition.measure == REGISTRY["compliance"].measure

    def improvable(value: float) -> bool:
        return value > 0 if lower else not (share and value >= 100)

    first = next((point for point in known if improvable(point.value or 0.0)), known[0])
    return round(first.value or 0.0, 1), first.on


def _add(goal: Goal, spec: Spec, baseline_on: dt.date, today: dt.date) -> None:
    definition = REGISTRY[spec.kind]
    lower = definition.direction == "lower"
    if definition.manual:
        baseline = spec.manual[0][1]
    else:
        day = today if definition.snapshot else baseline_on
        found = _register_baseline(spec.kind, goal.unit, spec.group, day, today)
        if found is None:
            return
        baseline, baseline_on = found
    change = baseline * spec.improve if baseline else 1.0
    target = max(0.0, round(baseline - change if lower else baseline + change, 1))
    if definition.measure == REGISTRY["compliance"].measure:
        target = min(target, 100.0)
    if spec.target is not None:
        target = spec.target
    indicator = services.add_indicator(
        None, goal, kind=spec.kind, profession_group=spec.group, name=spec.name,
        baseline=baseline, baseline_on=baseline_on, target=target, via=VIA)
    for period_end, value in spec.manual:
        services.add_manual_value(None, indicator, period_end=dt.date.fromisoformat(period_end),
                                  value=value, source=DEMO_SOURCE, via=VIA)


def _goal(unit: Unit, owner: object, text: str, kind: str, deadline: dt.date,
          programme: str, specs: list[Spec], baseline_on: dt.date, today: dt.date) -> Goal:
    goal = services.create_goal(None, unit=unit, owner=owner, text=text, kind=kind,
                                deadline=deadline, programme=programme, via=VIA)
    for spec in specs:
        _add(goal, spec, baseline_on, today)
    return goal


def seed_goals(*, today: dt.date, progress: Callable[[str], None] = lambda message: None
               ) -> int:
    progress(_("Writing programme goals ..."))
    users = get_user_model().objects
    planner = users.filter(username="planlegger").first()
    adviser = users.filter(username="radgiver").first()
    region = Unit.objects.get(code=PLANNER_UNIT)
    trust = Unit.objects.get(code=ADVISER_UNIT)
    effect, result = Goal.Kind.EFFECT, Goal.Kind.RESULT
    hso_start = dt.date(2018, 12, 1)
    hmn_start = dt.date(2023, 12, 31)
    goals = [
        _goal(region, planner,
              "Økt rekruttering og redusert turnover av særlig lege- og psykologspesialister.",
              effect, dt.date(2020, 12, 31), HSO, [
                  Spec("leaver_rate", "psychologist", 0.2),
                  Spec("leaver_rate", "doctor", 0.2),
                  Spec("stability", "psychologist", 0.05),
                  Spec("hires", "psychologist", 0.2),
                  Spec("hires", "doctor", 0.2),
              ], hso_start, today),
        _goal(region, planner,
              "Ha utviklet systemer for etterutdanning og utdanningsløp for leger, psykologer "
              "og andre yrkesgrupper innen 31.12.19.",
              result, dt.date(2019, 12, 31), HSO, [
                  Spec("competence_plans", target=80.0),
                  Spec("further_education", target=50.0),
              ], hso_start, today),
        _goal(region, planner,
              "Leger og psykologer ansettes i utdanningsstilling med påregnet fast stilling "
              "etter endt utdanning innen 31.12.20. Stipendiatstillinger etableres som ledd "
              "i dette.",
              result, dt.date(2020, 12, 31), HSO, [
                  Spec("education_permanent", improve=0.25),
              ], hso_start, today),
        _goal(region, planner, "Utvikle gode og sammenhengende pasientforløp", effect,
              dt.date(2026, 12, 31), HMN, [
                  Spec("manual", name="Pasientforløp med felles behandlingsplan (%)",
                       improve=0.3, manual=(("2023-12-31", 52.0), ("2024-12-31", 58.0),
                                            ("2025-12-31", 61.0))),
              ], hmn_start, today),
        _goal(region, planner, "Beholde og rekruttere fagfolk", effect, dt.date(2026, 12, 31),
              HMN, [
                  Spec("stability", "psychologist", 0.05),
                  Spec("leaver_rate", "doctor", 0.2),
                  Spec("specialist_share", improve=0.1),
                  Spec("long_vacancies", improve=0.5),
              ], hmn_start, today),
        _goal(region, planner, "Sikre god ledelse, styring og administrasjon", effect,
              dt.date(2026, 12, 31), HMN, [
                  Spec("compliance", improve=0.1),
                  Spec("development_plans", target=80.0),
              ], hmn_start, today),
        _goal(region, planner,
              "Tjenesteutvikle og styrke samarbeid med kommunehelsetjenesten", effect,
              dt.date(2026, 12, 31), HMN, [
                  Spec("manual", name="Samarbeidsmøter med kommunene per år", improve=0.5,
                       manual=(("2023-12-31", 12.0), ("2024-12-31", 14.0),
                               ("2025-12-31", 15.0))),
              ], hmn_start, today),
        _goal(region, planner, "Optimalisere samarbeid med utdanningsinstitusjonene", effect,
              dt.date(2026, 12, 31), HMN, [
                  Spec("education_permanent", improve=0.2),
                  Spec("supervision_shortfall", improve=0.5),
                  Spec("behind_schedule", improve=0.5),
              ], hmn_start, today),
        # The trust's own follow-up, owned by its adviser: a manual figure the register
        # does not hold, behind its path (so that a new value can put it back on track).
        _goal(trust, adviser, "Flere psykologspesialister i BUP-poliklinikkene", result,
              dt.date(today.year + 1, 12, 31), HMN, [
                  Spec("manual", name="Psykologer i spesialisering med veileder (%)",
                       improve=0.5, manual=((f"{today.year - 2}-12-31", 50.0),
                                            (f"{today.year - 1}-12-31", 51.0))),
              ], dt.date(today.year - 2, 12, 31), today),
    ]
    return len(goals)
