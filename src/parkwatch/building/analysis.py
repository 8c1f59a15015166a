"""The analysis tables: targets, observations and parties with names and labels joined in, derived from the rows."""

from __future__ import annotations

from typing import Callable, Iterator

from ..base import areacodes
from ..base.tables import Table
from ..validation.index import Index
from . import rows as base
from .rows import Row

Known = dict[str, list[Row]]  # rows of tables made already in this process, taken (once) instead of remade
# The tables the analysis tables are made from.
INPUTS = ("park_locations", "organisations", "park_organisations", "cooperation_parties", "targets",
          "observations")
_QUANTITY = ("metric", "value_stated", "unit_stated", "count_word", "comparator", "aggregation", "value", "unit",
             "source_id", "quote", "inferred", "inference")


def _province(locations: list[Row]) -> str | None:
    """The one province all of a park's location codes lie in, at the date they refer to; None otherwise."""
    provinces = set()
    for location in locations:
        division = areacodes.at(location["division_code"], int(location["as_of"][:4]))
        provinces.add(division.province if division else None)
    return provinces.pop() if len(provinces) == 1 else None


def _base(index: Index, name: str, known: Known) -> list[Row] | Iterator[Row]:
    rows = known.pop(name, None)
    return rows if rows is not None else base.ROWS[name](index)


def _name(park: dict, lang: str) -> str | None:
    """A park's name; None for a park the source describes without naming (see parks.description_*)."""
    return park.get("name", {}).get(lang)


def _parks(index: Index, known: Known) -> dict[str, Row]:
    """Park names and province by park id."""
    located: dict[str, list[Row]] = {}
    for location in _base(index, "park_locations", known):
        located.setdefault(location["park_id"], []).append(location)
    return {doc.data["id"]: {"park_name_zh": _name(doc.data, "zh"), "park_name_en": _name(doc.data, "en"),
                             "province": _province(located.get(doc.data["id"], []))}
            for doc in index.park_docs()}


def _labelled(index: Index, known: Known, table: str, key: str, extra: tuple[str, ...]) -> Iterator[Row]:
    parks, metrics, units = _parks(index, known), index.terms("metrics"), index.terms("units")
    for row in _base(index, table, known):
        metric = metrics[row["metric"]]
        yield {"park_id": row["park_id"], key: row[key], **parks[row["park_id"]],
               **{name: row[name] for name in _QUANTITY}, "metric_zh": metric["zh"], "metric_en": metric["en"],
               "metric_family": metric["family"], "unit_stated_en": units[row["unit_stated"]]["en"] if row["unit_stated"] else None,
               **{name: row[name] for name in extra}}


def _targets(index: Index, known: Known) -> Iterator[Row]:
    extra = ("deadline", "deadline_precision", "deadline_end", "status", "announced", "announced_precision")
    return _labelled(index, known, "targets", "target_id", extra)


def _observations(index: Index, known: Known) -> Iterator[Row]:
    return _labelled(index, known, "observations", "observation_id", ("as_of", "as_of_precision"))


def _party_names(index: Index) -> dict[tuple[str, str], tuple[str, str | None, str | None]]:
    """(zh, en, kind) of every park, by ("park", park_id)."""
    names: dict[tuple[str, str], tuple[str, str | None, str | None]] = {}
    for doc in index.park_docs():
        park = doc.data
        names[("park", park["id"])] = (_name(park, "zh"), _name(park, "en"), park["kind"])
    return names


def _organisations(index: Index, known: Known) -> dict[tuple[str, str], tuple[str, str, str | None]]:
    """(zh, en, its roles in the park) of every organisation a park names, by (park_id, organisation_id)."""
    names = {row["organisation_id"]: (row["name_zh"], row["name_en"]) for row in _base(index, "organisations", known)}
    roles: dict[tuple[str, str], list[str]] = {}
    for row in _base(index, "park_organisations", known):
        roles.setdefault((row["park_id"], row["organisation_id"]), []).append(row["role"])
    return {(park, org): (*names[org], "; ".join(sorted(found)) or None) for (park, org), found in roles.items()}


def _parties(index: Index, known: Known) -> Iterator[Row]:
    names, organisations = _party_names(index), _organisations(index, known)
    roles = index.terms("party_roles")
    for row in _base(index, "cooperation_parties", known):
        park_zh, park_en, _ = names[("park", row["park_id"])]
        if row["party_type"] == "park":
            zh, en, kind = names[("park", row["party_id"])]
        elif row["party_type"] == "division":
            division = areacodes.at(row["division_code"], int(row["division_as_of"][:4]))
            zh, en, kind = row["division_name"], None, division.level if division else None
        else:
            zh, en, kind = organisations.get((row["park_id"], row["party_id"])) or (*_registry_name(index, row), None)
        yield {"park_id": row["park_id"], "park_name_zh": park_zh, "park_name_en": park_en, "role": row["role"],
               "role_zh": roles[row["role"]]["zh"], "role_en": roles[row["role"]]["en"],
               "party_type": row["party_type"], "party_id": row["party_id"], "party_name_zh": zh,
               "party_name_en": en, "party_kind": kind,
               **{name: row[name] for name in ("source_id", "quote", "inferred", "inference")}}


def _registry_name(index: Index, row: Row) -> tuple[str, str]:
    """The registry's names of an organisation that is a party to a park without a role in it."""
    name = index.organisations[row["party_id"]].data["name"]
    return name["zh"], name["en"]


ANALYSIS_ROWS: dict[str, Callable[[Index, Known], Iterator[Row]]] = {
    "analysis_targets": _targets,
    "analysis_observations": _observations,
    "analysis_parties": _parties,
}


def table_rows(table: Table, index: Index, known: Known | None = None) -> list[Row]:
    """The rows of any table, derived or not, sorted by primary key; inputs of derived tables kept in `known`."""
    make = ANALYSIS_ROWS.get(table.name)
    if make is not None:
        return base.sort_rows(table, list(make(index, known if known is not None else {})))
    rows = base.table_rows(table, index)
    if known is not None and table.name in INPUTS:
        known[table.name] = rows
    return rows
