"""Static files: compressed under hashed names once collected, and Plotly only where charts are.

The tests run without collectstatic (WhiteNoise serves from the finders); this module
collects our own files once into a temporary STATIC_ROOT, in a fresh interpreter with
FAGKRAFT_STATIC_ROOT set as `make demo` sets it, and checks what a browser then gets.
"""

from __future__ import annotations

import gzip
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client, override_settings
from django.urls import reverse

from tests.personas import World

PLOTLY = "fagkraft/plotly-basic.min.js"
# Third-party files are left out to keep this quick; `make demo` collects them all.
IGNORE = ["admin", "rest_framework", "drf_spectacular_sidecar", "plotly", "widgetbundle.js",
          "datasets", "templates"]
# Trace types in plotly.js's basic bundle; every other one needs a bigger bundle.
BASIC_TRACES = {"bar", "scatter", "pie"}
ALL_TRACES = BASIC_TRACES | {
    "heatmap", "histogram", "histogram2d", "box", "violin", "contour", "scattergl",
    "scatter3d", "surface", "mesh3d", "scattergeo", "choropleth", "scattermapbox",
    "scattermap", "choroplethmap", "funnel", "funnelarea", "waterfall", "sunburst", "treemap",
    "icicle", "sankey", "table", "indicator", "candlestick", "ohlc", "parcoords", "parcats",
    "scatterpolar", "barpolar", "scatterternary", "carpet", "splom", "image", "densitymap",
    "densitymapbox", "streamtube", "cone", "isosurface", "volume", "histogram2dcontour",
    "scattercarpet", "contourcarpet", "scatterpolargl", "scattersmith"}


def _environment(static_root: Path) -> dict[str, str]:
    return {**os.environ, "FAGKRAFT_STATIC_ROOT": str(static_root),
            "DJANGO_SETTINGS_MODULE": "fagkraft.settings"}


@pytest.fixture(scope="module")
def collected(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("static")
    ignores = [arg for pattern in IGNORE for arg in ("--ignore", pattern)]
    subprocess.run([sys.executable, "-m", "fagkraft", "collectstatic", "--noinput", "-v", "0",
                    *ignores], env=_environment(root), check=True)
    return root


def test_with_a_static_root_the_manifest_storage_is_used(collected: Path) -> None:
    probe = subprocess.run(
        [sys.executable, "-c", "import django; django.setup(); from django.conf import "
         "settings; print(settings.STORAGES['staticfiles']['BACKEND'], "
         "settings.WHITENOISE_USE_FINDERS)"],
        env=_environment(collected), check=True, capture_output=True, text=True)
    assert probe.stdout.split() == ["whitenoise.storage.CompressedManifestStaticFilesStorage",
                                    "False"]
    # Without one (this test run), files come from the finders under their own names.
    assert settings.STORAGES["staticfiles"]["BACKEND"].endswith(".StaticFilesStorage")


def test_collected_files_have_hashed_names_and_gzip_copies(collected: Path) -> None:
    manifest = json.loads((collected / "staticfiles.json").read_text())["paths"]
    hashed = manifest[PLOTLY]
    assert re.fullmatch(r"fagkraft/plotly-basic\.min\.[0-9a-f]{12}\.js", hashed)
    original = (collected / PLOTLY).read_bytes()
    assert gzip.decompress((collected / f"{hashed}.gz").read_bytes()) == original
    assert re.fullmatch(r"fagkraft/fagkraft\.[0-9a-f]{12}\.css", manifest["fagkraft/fagkraft.css"])


@pytest.mark.django_db
def test_pages_link_hashed_names_served_compressed_and_cached_for_a_year(
        collected: Path) -> None:
    storages = {**settings.STORAGES, "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"}}
    with override_settings(STATIC_ROOT=str(collected), STORAGES=storages,
                           WHITENOISE_USE_FINDERS=False):
        client = Client()
        login = client.get(reverse("login")).content.decode()
        css = re.search(r'href="(/static/fagkraft/fagkraft\.[0-9a-f]{12}\.css)"', login)
        assert css is not None
        hashed = json.loads((collected / "staticfiles.json").read_text())["paths"][PLOTLY]
        response = client.get(f"/static/{hashed}", HTTP_ACCEPT_ENCODING="gzip")
        body = b"".join(response.streaming_content)
    assert response.status_code == 200
    assert response["Content-Encoding"] == "gzip"
    assert "immutable" in response["Cache-Control"]
    max_age = int(re.search(r"max-age=(\d+)", response["Cache-Control"]).group(1))
    assert max_age >= 365 * 24 * 3600
    # The 1.2 MB bundle travels as about a third of it.
    assert len(body) < len((collected / PLOTLY).read_bytes()) / 2


def test_plotly_is_loaded_only_on_pages_with_charts(world: World, login) -> None:
    client = login("leader_lise")
    unit = client.get(reverse("workforce:unit", args=[world.section_a.pk])).content.decode()
    employees = client.get(reverse("workforce:employee_list")).content.decode()
    assert 'class="chart"' in unit and PLOTLY in unit
    assert 'class="chart"' not in employees and "plotly" not in employees
    assert "plotly" not in Client().get(reverse("login")).content.decode()


def test_charts_use_only_trace_types_of_the_basic_bundle() -> None:
    package = Path(settings.PACKAGE_DIR)
    used: set[str] = set()
    for path in [*package.rglob("*.js"), *package.rglob("*.html")]:
        if path.name == "plotly-basic.min.js" or "static/admin" in str(path):
            continue
        text = path.read_text(encoding="utf-8", errors="ignore")
        used |= set(re.findall(r"""type["']?\s*:\s*["'](\w+)["']""", text)) & ALL_TRACES
    assert used and used <= BASIC_TRACES, f"needs a bigger Plotly bundle: {used - BASIC_TRACES}"
