"""The analysis tables: one row per row of the table each is derived from, with the joined values right."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

import parkwatch
from parkwatch.building.analysis import _province

PACKAGE = Path(__file__).resolve().parents[1] / "datapackage"


def test_analysis_targets_are_the_targets_with_names_and_labels() -> None:
    tables = parkwatch.read_package(PACKAGE)
    analysis, targets = tables["analysis_targets"], tables["targets"]
    assert list(analysis["target_id"]) == list(targets["target_id"])
    joined = targets.merge(tables["parks"][["park_id", "name_zh"]], on="park_id", how="left", validate="m:1")
    joined = joined.merge(tables["metrics"][["id", "en", "family"]], left_on="metric", right_on="id", how="left")
    assert list(analysis["park_name_zh"]) == list(joined["name_zh"])
    assert list(analysis["metric_en"]) == list(joined["en"])
    assert list(analysis["metric_family"].astype(str)) == list(joined["family"].astype(str))
    for column in ("value", "value_stated", "status", "deadline_end", "quote", "source_id"):
        assert analysis[column].astype(object).equals(targets[column].astype(object)), column


def test_analysis_observations_follow_the_observations() -> None:
    tables = parkwatch.read_package(PACKAGE)
    analysis, observations = tables["analysis_observations"], tables["observations"]
    assert list(analysis["observation_id"]) == list(observations["observation_id"])
    for column in ("park_id", "value", "unit", "as_of", "quote"):
        assert analysis[column].astype(object).equals(observations[column].astype(object)), column


def test_every_metric_has_a_family_and_every_party_a_name() -> None:
    tables = parkwatch.read_package(PACKAGE)
    assert tables["metrics"]["family"].notna().all()
    assert set(tables["metrics"]["family"]) <= set(tables["metric_families"]["id"])
    parties, analysis = tables["cooperation_parties"], tables["analysis_parties"]
    assert len(analysis) == len(parties)
    assert analysis["party_name_zh"].notna().all()
    names = dict(zip(tables["parks"]["park_id"], tables["parks"]["name_zh"]))
    for row in analysis[analysis["party_type"] == "park"].itertuples():
        assert row.party_name_zh == names[row.party_id]


def test_province_is_empty_unless_every_location_says_one() -> None:
    tables = parkwatch.read_package(PACKAGE)
    located = set(tables["park_locations"]["park_id"])
    provinces = tables["analysis_targets"].drop_duplicates("park_id").set_index("park_id")["province"]
    for park_id, province in provinces.items():
        if park_id not in located:
            assert pd.isna(province), park_id
    assert provinces.notna().any()
    one = {"division_code": "450100", "as_of": "2021"}  # 南宁市, 广西
    assert _province([one]) == "广西壮族自治区"
    assert _province([one, {"division_code": "520100", "as_of": "2021"}]) is None  # 贵阳市, 贵州: two provinces
    assert _province([]) is None
