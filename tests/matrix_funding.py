"""Access-matrix rows for the funding app's pages and API (see tests/test_access_matrix.py).

The offices come from tests/funding_support.py: planner_pia administers the programme,
leader_ola is an RBU reviewer (and a leader in Nordvik HF), employee_erik leads the
applications, adviser_sara is the Solstad partner's contact. Nordvik's leaders and both
trusts' advisers read their trusts' applications; drafts stay with the applicants."""

from __future__ import annotations

from tests.funding_support import build_funding
from tests.matrix_support import EVERYONE, Case, only, page
from tests.personas import World

ADMINS = only("planner_pia", "admin_ada")
NOT_PROGRAMME_ADMIN = EVERYONE - {"planner_pia"}

CASES: list[Case] = [
    Case("funding:programme_list", page("funding:programme_list"), EVERYONE),
    Case("funding:programme", page("funding:programme", "programme"), EVERYONE),
    Case("funding:call", page("funding:call", "call"), EVERYONE),
    Case("funding:application_create", page("funding:application_create", "later_call"),
         EVERYONE),
    Case("funding:ranking", page("funding:ranking", "call"), ADMINS),
    Case("funding:application", page("funding:application", "joint"), EVERYONE),
    # A draft: the applicants and the applying trusts' leaders, not the secretariat.
    Case("funding:application", page("funding:application", "draft"), NOT_PROGRAMME_ADMIN),
    Case("funding:application_edit", page("funding:application_edit", "draft"),
         only("employee_erik")),
    Case("funding:report_create", page("funding:report_create", "approved"),
         only("employee_erik")),
    Case("funding:decide", page("funding:decide", "joint"), ADMINS),
    Case("funding:review", page("funding:review", "ola_assignment"), only("leader_ola")),
    Case("funding:closeout_export", page("funding:closeout_export", "programme"), ADMINS),
    Case("funding:closeout_print", page("funding:closeout_print", "programme"), ADMINS),
    Case("funding-api-root", page("funding-api-root"), EVERYONE),
    Case("fundingprogramme-list", page("fundingprogramme-list"), EVERYONE),
    Case("fundingprogramme-detail", page("fundingprogramme-detail", "programme"), EVERYONE),
    Case("fundingcall-list", page("fundingcall-list"), EVERYONE),
    Case("fundingcall-detail", page("fundingcall-detail", "call"), EVERYONE),
    Case("fundingapplication-list", page("fundingapplication-list"), EVERYONE),
    Case("fundingapplication-detail", page("fundingapplication-detail", "draft"),
         NOT_PROGRAMME_ADMIN),
    # Scores: the programme's administrators and the reviewer, never the applicants.
    Case("fundingreview-list", page("fundingreview-list"), only("planner_pia", "leader_ola",
                                                                "admin_ada")),
    Case("fundingreview-detail", page("fundingreview-detail", "ola_review"),
         only("planner_pia", "leader_ola", "admin_ada")),
    Case("fundingdecision-list", page("fundingdecision-list"), EVERYONE),
    Case("fundingdecision-detail", page("fundingdecision-detail", "approved_decision"),
         EVERYONE),
]

# URL names of this app that only take POST (tests/test_funding_services.py and
# tests/test_funding_pages.py cover who may post).
NOT_IN_MATRIX: set[str] = {
    "funding:application_add", "funding:application_submit", "funding:assign",
    "funding:partner_confirm",
}


def extra(world: World) -> dict:
    return build_funding(world)
