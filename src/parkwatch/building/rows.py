"""Annotations → table rows. Runs only on annotations that validated without errors."""

from __future__ import annotations

from decimal import Decimal
from operator import itemgetter
from typing import Any, Callable, Iterator

from ..base import dates, quantities
from ..base.layout import ORGANISATIONS, PARKS, PERSONS, REDIRECT
from ..base.tables import Table
from ..validation.index import Index, walk

Row = dict[str, Any]


def pinyin(text: str) -> str:
    """Toneless pinyin, syllables separated by spaces; non-Han runs are kept as written."""
    from pypinyin import lazy_pinyin  # its phrase dictionary takes 0.2 s to load: only when a name needs it

    return " ".join(part.strip() for part in lazy_pinyin(text) if part.strip())


def _date(prefix: str, value: str | None) -> Row:
    period = dates.parse(value) if value else None
    return {prefix: value, f"{prefix}_precision": period.precision if period else None}


def _event_date(prefix: str, item: dict, key: str = "date") -> Row:
    return {**_date(prefix, item.get(key)), f"{prefix}_part": item.get("part")}


def _evidence(item: dict) -> Row:
    evidence = item["evidence"]
    inferred = evidence.get("inferred", False)
    return {"source_id": evidence["source"], "quote": evidence["quote"], "inferred": inferred,
            "inference": evidence.get("inference") if inferred else None}


def _names(name: dict | None) -> Row:
    if name is None:
        return {"name_zh": None, "name_en": None, "name_en_is_translation": None, "name_pinyin": None}
    return {"name_zh": name["zh"], "name_en": name["en"], "name_en_is_translation": not name.get("en_official", False),
            "name_pinyin": pinyin(name["zh"])}


def _parks(index: Index) -> Iterator[Row]:
    for doc in index.park_docs():
        park = doc.data
        status, description = park.get("status", {}), park.get("description") or {}
        yield {
            "park_id": park["id"], **_names(park.get("name")),
            "description_zh": description.get("zh"), "description_en": description.get("en"),
            "kind": park["kind"], "level": park["level"]["id"],
            **_parent(park.get("parent")), "status": status.get("id"),
            **_date("status_as_of", status.get("as_of")), "notes": park.get("notes"),
            **_evidence(park.get("name") or description),
        }


def _parent(parent: dict | None) -> Row:
    if parent is None:
        return {"parent_id": None, "parent_quote": None, "parent_inferred": None, "parent_inference": None}
    evidence = _evidence(parent)
    return {"parent_id": parent["park"], "parent_quote": evidence["quote"], "parent_inferred": evidence["inferred"],
            "parent_inference": evidence["inference"]}


def _organisations(index: Index) -> Iterator[Row]:
    for doc in index.records(ORGANISATIONS):
        org = doc.data
        yield {"organisation_id": org["id"], **_names(org["name"]), "notes": org.get("notes"), **_evidence(org["name"])}


def _per_record(kind: str, key: str, pattern: tuple[str, ...], make: Callable[[dict], Row]) -> Callable[[Index], Iterator[Row]]:
    """Rows from the list items of a registry's records, each with its record's id under `key`."""
    def rows(index: Index) -> Iterator[Row]:
        for doc in index.records(kind):
            for _, item in walk(doc.data, pattern):
                yield {key: doc.data["id"], **make(item), **_evidence(item)}
    return rows


def _persons(index: Index) -> Iterator[Row]:
    for doc in index.records(PERSONS):
        person = doc.data
        yield {"person_id": person["id"], "name_zh": person["name"]["zh"], "name_pinyin": pinyin(person["name"]["zh"]),
               "notes": person.get("notes"), **_evidence(person["name"])}


def _organisation_events(index: Index) -> Iterator[Row]:
    for doc in index.park_docs():
        for _, link in walk(doc.data, ("organisations", "*")):
            for event in link.get("events", []):
                yield {"park_id": doc.data["id"], "organisation_id": link["organisation"], "event": event["event"],
                       **_event_date("date", event), **_evidence(event)}


def _redirects(index: Index) -> Iterator[Row]:
    names = {PARKS: "park", ORGANISATIONS: "organisation"}
    for doc in index.redirect_docs():
        yield {"record_type": names[doc.file.kind], "old_id": doc.data["id"], "replaced_by": doc.data[REDIRECT],
               "reason": doc.data["reason"]}


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
    stated = value = exact = None
    if "value" in item:  # otherwise a count word (若干个, 一批) stands for the number
        unit = index.terms("units")[item["unit"]]
        value, exact = quantities.normalise(item["value"], quantities.parse_factor(unit["factor"]))
        stated = quantities.canonical_decimal(Decimal(item["value"]))
    return {
        "metric": item["metric"], "value_stated": stated, "unit_stated": item.get("unit"),
        "count_word": item.get("count_word"), "comparator": item["comparator"], "aggregation": item["aggregation"],
        "value": value, "unit": metric["unit"], "value_exact": exact, **_date("period_start", item.get("period_start")),
    }


def _targets(index: Index) -> Iterator[Row]:
    for doc in index.park_docs():
        for _, item in walk(doc.data, ("targets", "*")):
            source = index.sources[item["evidence"]["source"]].data
            deadline = dates.parse(item["deadline"]) if "deadline" in item else None
            yield {
                "park_id": doc.data["id"], "target_id": item["id"], **_quantity(index, item),
                "policy_id": item.get("policy"),
                **_date("deadline", item.get("deadline")), "deadline_end": deadline.end if deadline else None,
                "status": item["status"], **_date("announced", item.get("announced") or source["published"]),
                "announced_part": item.get("announced_part"),
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
    "park_dates": _per_park(("dates", "*"), lambda park, d: {"event": d["event"], **_event_date("date", d)}),
    "park_industries": _per_park(("leading_industries", "*"), lambda park, i: {
        "industry_zh": i["zh"], "industry_en": i["en"]}),
    "park_designations": _per_park(("designations", "*"), lambda park, d: {
        "designation_zh": d["zh"], "designation_en": d["en"]}),
    "organisations": _organisations,
    "organisation_aliases": _per_record(ORGANISATIONS, "organisation_id", ("aliases", "*"), lambda a: {
        "alias_zh": a["zh"]}),
    "park_organisations": _per_park(("organisations", "*"), lambda park, o: {
        "organisation_id": o["organisation"], "role": o["role"], "platform_id": o.get("platform"),
        **_date("date", o.get("date"))}),
    "organisation_events": _organisation_events,
    "persons": _persons,
    "person_roles": _per_record(PERSONS, "person_id", ("roles", "*"), lambda r: {
        "title_zh": r["title"]["zh"], "title_en": r["title"]["en"], "organisation_id": r.get("organisation")}),
    "person_statements": _per_record(PERSONS, "person_id", ("statements", "*"), lambda s: {
        "statement_id": s["id"], "park_id": s.get("park"), "statement_en": s["en"]}),
    "policies": _per_park(("policies", "*"), lambda park, p: {
        "policy_id": p["id"], "name_zh": p["zh"], "name_en": p["en"], **_event_date("issued", p, "issued"),
        "replaces_policy_id": p.get("replaces"), "note": p.get("note")}),
    "platforms": _per_park(("platforms", "*"), lambda park, p: {
        "platform_id": p["id"], "name_zh": p["zh"], "name_en": p["en"], **_event_date("launched", p, "launched"),
        "status": p.get("status"), "note": p.get("note")}),
    "targets": _targets,
    "observations": _observations,
    "sources": _sources,
    "source_articles": _articles,
    "redirects": _redirects,
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
    if all(type(r[k]) is str for r in rows for k in key):  # the usual case: ids, whose order is their own
        return sorted(rows, key=itemgetter(*key) if len(key) > 1 else lambda r: (r[key[0]],))
    return sorted(rows, key=lambda r: tuple(_sortable(r[k]) for k in key))


def _sortable(value: Any) -> tuple:
    return (0, value) if isinstance(value, (int, Decimal)) else (1, str(value))
