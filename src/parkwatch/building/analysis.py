"""The analysis tables: targets, observations and parties with names and labels joined in, derived from the rows."""

from __future__ import annotations

from typing import Callable, Iterator

from ..base import areacodes
from ..base.tables import Table
from ..validation.index import Index
from . import rows as base
from .rows import Row

_QUANTITY = ("metric", "value_stated", "unit_stated", "comparator", "aggregation", "value", "unit",
             "source_id", "quote")


def _province(locations: list[Row]) -> str | None:
    """The one province all of a park's location codes lie in, at the date they refer to; None otherwise."""
    provinces = set()
    for location in locations:
        division = areacodes.at(location["division_code"], int(location["as_of"][:4]))
        provinces.add(division.province if division else None)
    return provinces.pop() if len(provinces) == 1 else None


def _parks(index: Index) -> dict[str, Row]:
    """Park names and province by park id."""
    located: dict[str, list[Row]] = {}
    for location in base.ROWS["park_locations"](index):
        located.setdefault(location["park_id"], []).append(location)
    return {doc.data["id"]: {"park_name_zh": doc.data["name"]["zh"], "park_name_en": doc.data["name"]["en"],
                             "province": _province(located.get(doc.data["id"], []))}
            for doc in index.park_docs()}


def _labelled(index: Index, table: str, key: str, extra: tuple[str, ...]) -> Iterator[Row]:
    parks, metrics, units = _parks(index), index.terms("metrics"), index.terms("units")
    for row in base.ROWS[table](index):
        metric = metrics[row["metric"]]
        yield {"park_id": row["park_id"], key: row[key], **parks[row["park_id"]],
               **{name: row[name] for name in _QUANTITY}, "metric_zh": metric["zh"], "metric_en": metric["en"],
               "metric_family": metric["family"], "unit_stated_en": units[row["unit_stated"]]["en"],
               **{name: row[name] for name in extra}}


def _targets(index: Index) -> Iterator[Row]:
    extra = ("deadline", "deadline_precision", "deadline_end", "status", "announced", "announced_precision")
    return _labelled(index, "targets", "target_id", extra)


def _observations(index: Index) -> Iterator[Row]:
    return _labelled(index, "observations", "observation_id", ("as_of", "as_of_precision"))


def _party_names(index: Index) -> dict[tuple[str, str], tuple[str, str | None, str | None]]:
    """(zh, en, kind) of every park, by ("park", park_id)."""
    names: dict[tuple[str, str], tuple[str, str | None, str | None]] = {}
    for doc in index.park_docs():
        park = doc.data
        names[("park", park["id"])] = (park["name"]["zh"], park["name"]["en"], park["kind"])
    return names


def _organisations(index: Index) -> dict[tuple[str, str], tuple[str, str, str]]:
    """(zh, en, roles) of every organisation, by (park_id, organisation_id)."""
    found: dict[tuple[str, str], tuple[str, str, list[str]]] = {}
    for row in base.ROWS["organisations"](index):
        zh, en, roles = found.setdefault((row["park_id"], row["organisation_id"]), (row["name_zh"], row["name_en"], []))
        roles.append(row["role"])
    return {key: (zh, en, "; ".join(sorted(roles))) for key, (zh, en, roles) in found.items()}


def _parties(index: Index) -> Iterator[Row]:
    names, organisations, roles = _party_names(index), _organisations(index), index.terms("party_roles")
    for row in base.ROWS["cooperation_parties"](index):
        park_zh, park_en, _ = names[("park", row["park_id"])]
        if row["party_type"] == "park":
            zh, en, kind = names[("park", row["party_id"])]
        elif row["party_type"] == "division":
            division = areacodes.at(row["division_code"], int(row["division_as_of"][:4]))
            zh, en, kind = row["division_name"], None, division.level if division else None
        else:
            zh, en, kind = organisations[(row["park_id"], row["party_id"])]
        yield {"park_id": row["park_id"], "park_name_zh": park_zh, "park_name_en": park_en, "role": row["role"],
               "role_zh": roles[row["role"]]["zh"], "role_en": roles[row["role"]]["en"],
               "party_type": row["party_type"], "party_id": row["party_id"], "party_name_zh": zh,
               "party_name_en": en, "party_kind": kind, "source_id": row["source_id"], "quote": row["quote"]}


ANALYSIS_ROWS: dict[str, Callable[[Index], Iterator[Row]]] = {
    "analysis_targets": _targets,
    "analysis_observations": _observations,
    "analysis_parties": _parties,
}


def table_rows(table: Table, index: Index) -> list[Row]:
    """The rows of any table, derived or not, sorted by primary key."""
    make = ANALYSIS_ROWS.get(table.name)
    return base.table_rows(table, index) if make is None else base.sort_rows(table, list(make(index)))
