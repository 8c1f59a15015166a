"""The pages in a real browser: headless Chromium loads what `parkwatch serve` serves and the DOM is checked.

One screenshot per page is kept in tests/artifacts/browser/ (not committed) for a person to look at.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from .test_serve import PARK, _csv, _free_port, start

ARTIFACTS = Path(__file__).resolve().parent / "artifacts" / "browser"
CHROMIUM = next((shutil.which(n) for n in ("chromium", "chromium-browser") if shutil.which(n)), None)
FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run")
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="Chromium is not installed (Debian: apt-get install chromium)")

PAGES = {
    "home": "/",
    "table-with-facet": "/parkwatch/parks?_facet=kind",
    "park": f"/parkwatch/parks/{PARK}",
    "canned-query": "/parkwatch/enclave_and_cobuilt_parks",
}


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory):
    port = _free_port()
    process = start(port, tmp_path_factory.mktemp("serve"))
    yield f"http://127.0.0.1:{port}"
    process.terminate()
    process.wait(timeout=30)


@pytest.fixture(scope="module")
def rendered(server: str, tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """Each page's DOM after Chromium ran its scripts, with a screenshot of it."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    profile = tmp_path_factory.mktemp("chromium-profile")
    out = {}
    for name, path in PAGES.items():
        shot = ARTIFACTS / f"{name}.png"
        shot.unlink(missing_ok=True)
        result = subprocess.run([CHROMIUM, *FLAGS, f"--user-data-dir={profile}", "--window-size=1280,1600",
                                 f"--screenshot={shot}", "--dump-dom", server + path],
                                capture_output=True, text=True, timeout=120)
        assert result.returncode == 0, result.stderr[-2000:]
        assert shot.stat().st_size > 10_000, f"no screenshot of {name}"
        out[name] = result.stdout
    return out


def test_home_page_lists_the_database(rendered: dict[str, str]) -> None:
    assert 'href="/parkwatch"' in rendered["home"]


def test_table_page_shows_the_facet(rendered: dict[str, str]) -> None:
    dom = rendered["table-with-facet"]
    assert 'data-column="kind"' in dom and "industrial_park" in dom


def test_park_page_shows_the_name_a_quote_and_the_chart(rendered: dict[str, str]) -> None:
    dom = rendered["park"]
    assert '<h1 id="park-name"' in dom and "云岩贵安飞地园区" in dom
    quotes = [row["quote"] for row in _csv("targets") if row["park_id"] == PARK]
    assert quotes and all(q in dom for q in quotes)  # each target's verbatim quote
    assert '<svg id="targets-chart"' in dom and 'class="target-point"' in dom


def test_canned_query_shows_its_rows(rendered: dict[str, str]) -> None:
    dom = rendered["canned-query"]
    assert "云岩贵安飞地园区" in dom and "enclave" in dom
