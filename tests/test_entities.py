"""The richer format as published: registries, redirects, count words, dates without a year, inferences."""

from __future__ import annotations

import csv
import hashlib
import io
from pathlib import Path

import pytest

from parkwatch.base import dates
from parkwatch.building.build import build
from parkwatch.published.integrity import read_tree

from .conftest import REPO


def table(files: dict[str, bytes], name: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(files[f"data/{name}.csv"].decode("utf-8"))))


def write(project: Path, relative: str, text: str) -> None:
    path = project / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


@pytest.mark.parametrize(("text", "precision"), [
    ("--05", "month_unknown_year"), ("--05-15", "day_unknown_year"), ("--02-29", "day_unknown_year"),
    ("2021-05", "month")])
def test_dates_without_a_year(text: str, precision: str) -> None:
    period = dates.parse(text)
    assert period is not None and period.precision == precision
    assert (period.start is None) == text.startswith("--")  # a year the source does not give is not guessed


@pytest.mark.parametrize("text", ["--02-30", "--13", "--00", "--05-32", "---05"])
def test_impossible_dates_without_a_year(text: str) -> None:
    assert dates.parse(text) is None


@pytest.fixture
def rich(project: Path) -> dict[str, bytes]:
    """The base project with an organisation, a redirect, a person, a count word and an inferred parent."""
    write(project, "annotations/organisations/acme.yaml", "id: acme\nname:\n  zh: 示范产业园\n  en: Acme\n"
          "  en_official: true\n  evidence: {source: test-source, quote: 示范产业园开园}\n")
    write(project, "annotations/organisations/old-acme.yaml", "id: old-acme\nreplaced_by: acme\nreason: Renamed.\n")
    write(project, "annotations/persons/someone.yaml", "id: someone\nname:\n  zh: 某人\n"
          "  evidence: {source: test-source, quote: 示范产业园开园}\nroles:\n  - title: {zh: 主任, en: director}\n"
          "    organisation: acme\n    evidence: {source: test-source, quote: 示范产业园开园}\nstatements:\n"
          "  - {id: opening, park: demo-park, en: It opened., evidence: {source: test-source, quote: 示范产业园开园}}\n")
    park = project / "annotations" / "parks" / "demo-park.yaml"
    text = park.read_text(encoding="utf-8")
    text = text.replace("  evidence: {source: test-source, quote: 是高新区的分园}",
                        "  evidence: {source: test-source, quote: 是高新区的分园, inferred: true, inference: Implied.}")
    text = text.replace("targets:\n", "organisations:\n  - organisation: acme\n    role: operator\n"
                        "    evidence: {source: test-source, quote: 示范产业园开园}\ntargets:\n"
                        "  - {id: some-platforms, metric: innovation_platforms, count_word: batch, comparator: exact,"
                        " aggregation: introduced, status: plan, evidence: {source: test-source, quote: 引进一批平台}}\n")
    park.write_text(text, encoding="utf-8")
    texts = project / "texts" / "test-source.txt"
    old = hashlib.sha256(texts.read_bytes()).hexdigest()
    texts.write_text(texts.read_text(encoding="utf-8") + "引进一批平台。\n", encoding="utf-8")
    registry = project / "annotations" / "sources" / "test-source.yaml"  # the text changed: so does its sha256
    registry.write_text(registry.read_text(encoding="utf-8").replace(old, hashlib.sha256(texts.read_bytes())
                                                                      .hexdigest()), encoding="utf-8")
    result = build(project)
    assert result.report.valid, [p.as_dict() for p in result.report.problems]
    return read_tree(project / "datapackage")


def test_organisations_are_one_row_each_and_roles_join_them(rich: dict[str, bytes]) -> None:
    [acme] = table(rich, "organisations")
    assert (acme["organisation_id"], acme["name_en"], acme["name_en_is_translation"]) == ("acme", "Acme", "false")
    [role] = table(rich, "park_organisations")
    assert (role["park_id"], role["organisation_id"], role["role"]) == ("demo-park", "acme", "operator")


def test_a_redirect_is_no_record_but_a_row_of_redirects(rich: dict[str, bytes]) -> None:
    assert [r["organisation_id"] for r in table(rich, "organisations")] == ["acme"]
    assert table(rich, "redirects") == [{"record_type": "organisation", "old_id": "old-acme", "replaced_by": "acme",
                                         "reason": "Renamed."}]


def test_persons_their_titles_and_statements(rich: dict[str, bytes]) -> None:
    assert [p["name_pinyin"] for p in table(rich, "persons")] == ["mou ren"]
    [role] = table(rich, "person_roles")
    assert (role["title_zh"], role["organisation_id"]) == ("主任", "acme")
    [said] = table(rich, "person_statements")
    assert (said["statement_id"], said["park_id"], said["quote"]) == ("opening", "demo-park", "示范产业园开园")


def test_count_word_target_has_no_number(rich: dict[str, bytes]) -> None:
    row = next(r for r in table(rich, "targets") if r["target_id"] == "some-platforms")
    assert row["count_word"] == "batch"
    assert (row["value_stated"], row["unit_stated"], row["value"], row["value_exact"]) == ("", "", "", "")
    assert row["unit"] == "platforms"  # the metric's unit still says what is counted


def test_inferred_parent_is_published_with_its_reason(rich: dict[str, bytes]) -> None:
    row = next(r for r in table(rich, "parks") if r["park_id"] == "demo-park")
    assert (row["parent_id"], row["parent_inferred"], row["parent_inference"]) == (
        "demo-high-tech-zone", "true", "Implied.")
    assert row["inferred"] == "false" and row["inference"] == ""  # the name itself is stated


def test_the_first_page_package_holds_its_registries() -> None:
    files = read_tree(REPO / "datapackage")
    organisations = {r["organisation_id"] for r in table(files, "organisations")}
    assert len(organisations) == len(table(files, "organisations"))
    assert {r["organisation_id"] for r in table(files, "park_organisations")} <= organisations
    assert {r["organisation_id"] for r in table(files, "person_roles") if r["organisation_id"]} <= organisations
    redirected = {r["old_id"]: r["replaced_by"] for r in table(files, "redirects")}
    assert redirected == {"kejie-intelligent-technology": "kengic-intelligent-technology", "ruankong": "mesnac"}
    assert not organisations & set(redirected)  # a retired id is never a record again
