"""Annotations → table rows. Runs only on annotations that validated without errors."""

from __future__ import annotations

from decimal import Decimal
from typing import Any, Callable, Iterator

from pypinyin import lazy_pinyin

from ..base import dates, quantities
from ..base.tables import Table
from ..validation.index import Index, walk

Row = dict[str, Any]


def pinyin(text: str) -> str:
    """Toneless pinyin, syllables separated by spaces; non-Han runs are kept as written."""
    return " ".join(part.strip() for part in lazy_pinyin(text) if part.strip())


def _date(prefix: str, value: str | None) -> Row:
    period = dates.parse(value) if value else None
    return {prefix: value, f"{prefix}_precision": period.precision if period else None}


def _evidence(item: dict) -> Row:
    return {"source_id": item["evidence"]["source"], "quote": item["evidence"]["quote"]}


def _parks(index: Index) -> Iterator[Row]:
    for doc in index.park_docs():
        park = doc.data
        status = park.get("status", {})
        yield {
            "park_id": park["id"], "name_zh": park["name"]["zh"], "name_en": park["name"]["en"],
            "name_en_is_translation": not park["name"].get("en_official", False),
            "name_pinyin": pinyin(park["name"]["zh"]), "kind": park["kind"], "level": park["level"]["id"],
            "parent_id": park.get("parent", {}).get("park"), "status": status.get("id"),
            **_date("status_as_of", status.get("as_of")), "notes": park.get("notes"), **_evidence(park["name"]),
        }


def _per_park(pattern: tuple[str, ...], make: Callable[[dict, dict], Row]) -> Callable[[Index], Iterator[Row]]:
    def rows(index: Index) -> Iterator[Row]:
        for doc in index.park_docs():
            for _, item in walk(doc.data, pattern):
                yield {"park_id": doc.data["id"], **make(doc.data, item), **_evidence(item)}
    return rows


def _party(park: dict, party: dict) -> Row:
    division = party.get("division") or {}
    if "park" in party:
        kind, key = "park", party["park"]
    elif division:
        kind, key = "division", division["code"]
    else:
        kind, key = "organisation", party["organisation"]
    return {
        "role": party["role"], "party_type": kind, "party_id": key, "party_park_id": party.get("park"),
        "division_code": division.get("code"), "division_name": division.get("name"),
        **_date("division_as_of", division.get("as_of")), "organisation_id": party.get("organisation"),
    }


def _locations(index: Index) -> Iterator[Row]:
    for doc in index.park_docs():
        location = doc.data.get("location")
        if location is None:
            continue
        for division in location["divisions"]:
            yield {"park_id": doc.data["id"], "division_code": division["code"], "division_name": division["name"],
                   **_date("as_of", location["as_of"]), **_evidence(location)}


def _quantity(index: Index, item: dict) -> Row:
    metric = index.terms("metrics")[item["metric"]]
    unit = index.terms("units")[item["unit"]]
    value, exact = quantities.normalise(item["value"], quantities.parse_factor(unit["factor"]))
    return {
        "metric": item["metric"], "value_stated": quantities.canonical_decimal(Decimal(item["value"])),
        "unit_stated": item["unit"], "comparator": item["comparator"], "aggregation": item["aggregation"],
        "value": value, "unit": metric["unit"], "value_exact": exact, **_date("period_start", item.get("period_start")),
    }


def _targets(index: Index) -> Iterator[Row]:
    for doc in index.park_docs():
        for _, item in walk(doc.data, ("targets", "*")):
            source = index.sources[item["evidence"]["source"]].data
            deadline = dates.parse(item["deadline"]) if "deadline" in item else None
            yield {
                "park_id": doc.data["id"], "target_id": item["id"], **_quantity(index, item),
                **_date("deadline", item.get("deadline")), "deadline_end": deadline.end if deadline else None,
                "status": item["status"], **_date("announced", item.get("announced") or source["published"]),
                **_evidence(item),
            }


def _observations(index: Index) -> Iterator[Row]:
    for doc in index.park_docs():
        for _, item in walk(doc.data, ("observations", "*")):
            yield {"park_id": doc.data["id"], "observation_id": item["id"], **_quantity(index, item),
                   **_date("as_of", item["as_of"]), **_evidence(item)}


def _sources(index: Index) -> Iterator[Row]:
    for doc in index.source_docs():
        s = doc.data
        yield {"source_id": s["id"], "type": s["type"], "publisher_zh": s["publisher"]["zh"],
               "publisher_en": s["publisher"]["en"], **_date("published", s["published"]), "page": s.get("page"),
               "url": s.get("url"), "sha256": s["sha256"]}


def _articles(index: Index) -> Iterator[Row]:
    for doc in index.source_docs():
        for number, title in enumerate(doc.data["titles"], start=1):
            authors = title.get("authors")
            yield {"source_id": doc.data["id"], "article": number, "title_zh": title["zh"], "title_en": title.get("en"),
                   "authors": "; ".join(authors) if authors else None, **_date("dateline", title.get("dateline"))}


ROWS: dict[str, Callable[[Index], Iterator[Row]]] = {
    "parks": _parks,
    "park_aliases": _per_park(("aliases", "*"), lambda park, a: {
        "alias_zh": a["zh"], "alias_type": a["type"], "alias_pinyin": pinyin(a["zh"])}),
    "park_cooperation_modes": _per_park(("cooperation_modes", "*"), lambda park, m: {"mode": m["mode"]}),
    "cooperation_parties": _per_park(("parties", "*"), _party),
    "park_locations": _locations,
    "park_dates": _per_park(("dates", "*"), lambda park, d: {"event": d["event"], **_date("date", d["date"])}),
    "park_industries": _per_park(("leading_industries", "*"), lambda park, i: {
        "industry_zh": i["zh"], "industry_en": i["en"]}),
    "park_designations": _per_park(("designations", "*"), lambda park, d: {
        "designation_zh": d["zh"], "designation_en": d["en"]}),
    "organisations": _per_park(("organisations", "*"), lambda park, o: {
        "organisation_id": o["id"], "role": o["role"], "name_zh": o["zh"], "name_en": o["en"],
        **_date("date", o.get("date"))}),
    "targets": _targets,
    "observations": _observations,
    "sources": _sources,
    "source_articles": _articles,
}


def table_rows(table: Table, index: Index) -> list[Row]:
    """The rows of one table, sorted by primary key."""
    if table.vocabulary is not None:
        rows = [dict(term) for term in index.terms(table.vocabulary).values()]
    else:
        rows = list(ROWS[table.name](index))
    return sort_rows(table, rows)


def sort_rows(table: Table, rows: list[Row]) -> list[Row]:
    """Rows in primary-key order."""
    key = table.primary_key
    return sorted(rows, key=lambda r: tuple(_sortable(r[k]) for k in key))


def _sortable(value: Any) -> tuple:
    return (0, value) if isinstance(value, (int, Decimal)) else (1, str(value))
