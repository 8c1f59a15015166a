"""`parkwatch serve`: Datasette's metadata from the Table Schemas, facets, canned queries and the park page."""

from __future__ import annotations

import asyncio
import csv
import html
import json
import re
import signal
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from parkwatch.browse.metadata import DATABASE, metadata
from parkwatch.browse.serve import datasette_app, site

from .test_cli import run

REPO = Path(__file__).resolve().parents[1]
PACKAGE = REPO / "datapackage"
PARK = "yunyan-guian-enclave-park"


@pytest.fixture(scope="module")
def pages():
    """A GET on the Datasette app over the repository's package, without a server."""
    with site(PACKAGE) as (served, meta):
        app = datasette_app(served, meta)

        def get(path: str):
            return asyncio.run(app.client.get(path))
        yield get


def test_metadata_comes_from_the_table_schemas() -> None:
    meta = metadata(PACKAGE)
    schema = json.loads((PACKAGE / "schemas" / "targets.json").read_text(encoding="utf-8"))
    tables = meta["databases"][DATABASE]["tables"]
    assert meta["license"] and meta["license_url"].startswith("https://")
    assert "科技日报" in meta["source"]
    for spec in schema["fields"]:
        assert tables["targets"]["columns"][spec["name"]].startswith(f"{spec['description']} / {spec['description_zh']}")
    assert "canonical unit" in tables["targets"]["columns"]["value"]
    assert tables["parks"]["facets"] == ["kind", "level", "status"]
    assert tables["analysis_targets"]["facets"] == ["province", "metric", "metric_family", "status"]
    assert tables["parks"]["label_column"] == "name_zh"


def test_home_and_table_page_with_a_facet(pages) -> None:
    home = pages("/")
    assert home.status_code == 200 and DATABASE in home.text
    table = pages(f"/{DATABASE}/parks.json?_facet=kind&_shape=objects")
    assert table.status_code == 200
    kinds = {f["value"]: f["count"] for f in table.json()["facet_results"]["kind"]["results"]}
    rows = table.json()["rows"]
    assert sum(kinds.values()) == len(rows) and kinds


def _csv(name: str) -> list[dict]:
    with open(PACKAGE / "data" / f"{name}.csv", encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_the_park_page_shows_names_quotes_sources_and_the_chart(pages) -> None:
    page = pages(f"/{DATABASE}/parks/{PARK}")
    assert page.status_code == 200
    text = page.text
    assert "云岩贵安飞地园区" in text and 'id="targets-chart"' in text
    quotes = [row["quote"] for name in ("targets", "observations") for row in _csv(name) if row["park_id"] == PARK]
    assert quotes and all(html.escape(q, quote=True) in text for q in quotes)  # every verbatim quote
    assert text.count('class="target-point"') == sum(row["park_id"] == PARK for row in _csv("targets"))
    assert "/parkwatch/sources/" in text


def test_canned_queries_answer(pages) -> None:
    due = pages(f"/{DATABASE}/targets_due_by.json?year=2030&_shape=objects").json()["rows"]
    assert due and all(r["last_deadline"] <= "2030-12-31" for r in due)
    enclaves = pages(f"/{DATABASE}/enclave_and_cobuilt_parks.json?_shape=objects").json()["rows"]
    row = next(r for r in enclaves if r["park_id"] == PARK and r["mode"] == "enclave")
    assert row["origin"] and row["host"]
    both = pages(f"/{DATABASE}/promised_against_reported.json?_shape=objects").json()["rows"]
    assert {r["side"] for r in both} == {"promised", "reported"}


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_a_taken_port_is_a_located_problem(tmp_path: Path) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = run("serve", "--package", str(PACKAGE), "--port", str(port), "--format", "json", cwd=tmp_path)
    assert result.returncode == 3
    assert [p["code"] for p in json.loads(result.stdout)["problems"]] == ["browse.serve"]


def start(port: int, cwd: Path) -> subprocess.Popen:
    """`parkwatch serve` on a loopback port, once it answers."""
    server = subprocess.Popen([sys.executable, "-m", "parkwatch", "serve", "--package", str(PACKAGE),
                               "--port", str(port)], cwd=cwd, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/-/versions.json", timeout=2)
            return server
        except OSError:
            if server.poll() is not None:
                raise AssertionError(server.stderr.read())
            time.sleep(0.2)
    server.kill()
    raise AssertionError("parkwatch serve did not answer within 60 s")


def test_serve_runs_until_ctrl_c_and_cleans_up(tmp_path: Path) -> None:
    port = _free_port()
    before = set(Path("/tmp").glob("parkwatch-serve-*"))
    server = start(port, tmp_path)
    try:
        page = urllib.request.urlopen(f"http://127.0.0.1:{port}/{DATABASE}/parks/{PARK}", timeout=10).read()
        assert "云岩贵安飞地园区" in page.decode("utf-8")
    finally:
        server.send_signal(signal.SIGINT)
        code = server.wait(timeout=30)
    assert code == 0
    assert set(Path("/tmp").glob("parkwatch-serve-*")) <= before
    assert re.search(r"serving on http://127\.0\.0\.1:\d+/", server.stderr.read())


def test_hostile_text_is_escaped_and_unknown_parks_are_not_found(tmp_path: Path) -> None:
    from parkwatch.browse.sqlite import write_sqlite

    database = write_sqlite(PACKAGE, tmp_path / "hostile.sqlite").path
    db = sqlite3.connect(database)
    db.execute("UPDATE parks SET name_en = '<script>alert(1)</script>\x07' WHERE park_id = ?", [PARK])
    db.execute("UPDATE analysis_targets SET quote = '\"><img src=x onerror=alert(1)>' WHERE park_id = ?", [PARK])
    db.commit()
    db.close()
    with site(PACKAGE, database) as (served, meta):
        app = datasette_app(served, meta)
        page = asyncio.run(app.client.get(f"/{DATABASE}/parks/{PARK}"))
        missing = asyncio.run(app.client.get(f"/{DATABASE}/parks/no-such-park"))
    assert page.status_code == 200
    assert "<script>alert(1)" not in page.text and "&lt;script&gt;alert(1)" in page.text
    assert "<img src=x" not in page.text
    assert missing.status_code == 404


def test_serve_refuses_a_missing_database_as_a_usage_error(tmp_path: Path) -> None:
    assert run("serve", str(tmp_path / "none.sqlite"), "--package", str(PACKAGE), cwd=tmp_path).returncode == 2
