"""The OpenAPI schema and the Swagger UI page, served without any internet host."""

from __future__ import annotations

import re

from drf_spectacular.validation import validate_schema

ENDPOINTS = ["/api/units/", "/api/units/{id}/", "/api/professions/", "/api/employees/",
             "/api/employees/{id}/", "/api/positions/", "/api/approvals/", "/api/vacancies/",
             "/api/audit-events/"]


def test_schema_is_valid_openapi_with_every_endpoint(world, login):
    response = login("adviser_arne").get("/api/schema/?format=json")
    assert response.status_code == 200
    schema = response.json()
    validate_schema(schema)  # raises on anything that is not valid OpenAPI 3
    assert schema["openapi"].startswith("3.")
    for endpoint in ENDPOINTS:
        assert endpoint in schema["paths"], endpoint


def test_schema_documents_the_page_filters(world, login):
    schema = login("adviser_arne").get("/api/schema/?format=json").json()
    names = {p["name"] for p in schema["paths"]["/api/employees/"]["get"]["parameters"]}
    assert {"unit", "profession", "position_kind", "specialist", "current", "q",
            "limit", "offset"} <= names


def test_api_docs_page_loads_everything_locally(world, login):
    client = login("adviser_arne")
    response = client.get("/api/docs/")
    assert response.status_code == 200
    # Swagger UI's start script is a file of its own (no inline script under the CSP).
    script = client.get("/api/docs/?script=")
    assert script.status_code == 200
    html = response.content.decode() + script.content.decode()
    assert "swagger-ui-bundle.js" in html
    # Every absolute URL would be an internet load; only relative/static ones are allowed.
    assert re.findall(r"(?:https?:)?//[a-z0-9.-]+\.[a-z]{2,}", html, flags=re.I) == []
    assert "/static/drf_spectacular_sidecar/" in html
    # Swagger UI's default validator badge is an image from validator.swagger.io.
    assert '"validatorUrl": null' in html
