"""Administrative division codes and the years each was in use (data/areacodes, CC0)."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Iterator


@dataclass(frozen=True)
class Division:
    code: str
    name: str
    province: str
    prefecture: str
    level: str
    first_year: int
    end_year: int | None  # exclusive: the first year the code no longer meant this division

    def in_use(self, year: int) -> bool:
        return self.first_year <= year and (self.end_year is None or year < self.end_year)

    def span(self) -> str:
        return f"{self.first_year}–{self.end_year - 1 if self.end_year else 'today'}"


def source_bytes() -> bytes:
    """The table's bytes, as shipped (data/areacodes/areacodes.csv, CC0)."""
    return (resources.files("parkwatch.base") / "data" / "areacodes" / "areacodes.csv").read_bytes()


@cache
def _text() -> str:
    return source_bytes().decode("utf-8-sig")


def _rows(text: str) -> Iterator[dict[str, str]]:
    """The table's rows by column name. It quotes no field, so plain splitting reads it; were one ever
    quoted, the csv module would."""
    if '"' in text:
        yield from csv.DictReader(io.StringIO(text))
        return
    lines = text.splitlines()
    header = lines[0].split(",")
    for line in lines[1:]:
        if line:
            yield dict(zip(header, line.split(",")))


def _division(row: dict[str, str]) -> Division:
    return Division(code=row["代码"], name=row["名称"], province=row["一级行政区"], prefecture=row["二级行政区"],
                    level=row["级别"], first_year=int(row["启用时间"]),
                    end_year=int(row["变更/弃用时间"]) if row["变更/弃用时间"] else None)


@cache
def table() -> dict[str, tuple[Division, ...]]:
    """Every code with each meaning it has had."""
    by_code: dict[str, list[Division]] = {}
    for row in _rows(_text()):
        division = _division(row)
        by_code.setdefault(division.code, []).append(division)
    return {code: tuple(sorted(ds, key=lambda d: d.first_year)) for code, ds in by_code.items()}


# Up to this many codes are looked up by searching the text; after that, the whole table is read once.
_SEARCHED = 32
_searches = 0


def meanings(code: str) -> tuple[Division, ...]:
    """Each meaning `code` has had, oldest first.

    Re-validating one file looks up a few codes: searching the text for them costs a millisecond,
    reading the whole table some tens.
    """
    global _searches
    text = _text()
    if table.cache_info().currsize or _searches >= _SEARCHED or '"' in text or "\n" in code or "," in code:
        return table().get(code, ())
    _searches += 1
    header = text[: text.index("\n")].rstrip("\r").split(",")
    found, needle, start = [], f"\n{code},", text.find(f"\n{code},")
    while start >= 0:
        end = text.find("\n", start + 1)
        found.append(_division(dict(zip(header, text[start + 1: end if end >= 0 else None].rstrip("\r").split(",")))))
        start = text.find(needle, start + 1)
    return tuple(sorted(found, key=lambda d: d.first_year))


def at(code: str, year: int) -> Division | None:
    """What `code` meant in `year`, or None if it was not in use then."""
    return next((d for d in meanings(code) if d.in_use(year)), None)
