"""One process of tests/test_shared_cache.py: does one thing, prints the outcome as JSON.

    python tests/cache_probe.py page UNIT_CODE   the unit page, as the administrator
    python tests/cache_probe.py end-one UNIT_CODE  end one current position there
    python tests/cache_probe.py login USER PASSWORD  one login attempt (the login form)

`page` counts how often the unit's figures were computed in this process (0: the
figures came from the cache) and reports the headcount the page was built from.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import sys


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "fagkraft.settings")
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.test import Client

    from fagkraft.workforce import reports, services
    from fagkraft.workforce.models import Position, Unit

    command, *args = sys.argv[1:]
    admin, _ = get_user_model().objects.get_or_create(
        username="cache_admin", defaults={"is_superuser": True, "is_staff": True})
    if command == "page":
        unit = Unit.objects.get(code=args[0])
        computed = []
        original = reports._compute_summary

        def counting(*a, **k):
            computed.append(1)
            return original(*a, **k)

        reports._compute_summary = counting
        client = Client()
        client.force_login(admin)
        status = client.get(f"/units/{unit.pk}/").status_code
        headcount = reports.unit_summary(unit, admin).headcount
        print(json.dumps({"status": status, "computed": len(computed),
                          "headcount": headcount}))
    elif command == "end-one":
        position = (Position.objects.filter(unit__code=args[0], end_date__isnull=True)
                    .order_by("pk").first())
        reason = Position.LeavingReason.values[0]
        services.end_position(admin, position, end_date=dt.date.today() - dt.timedelta(days=1),
                              reason=reason)
        print(json.dumps({"ended": position.pk}))
    elif command == "login":
        response = Client().post("/login/", {"username": args[0], "password": args[1]})
        print(json.dumps({"status": response.status_code}))


if __name__ == "__main__":
    main()
