"""The loaded annotations, indexed once for the cross-record checks and the build."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import Any, Callable, Iterable, Iterator

from ..base.layout import ORGANISATIONS, PACKAGE, PARKS, PERSONS, REDIRECT, SOURCES, VOCABULARIES
from ..base.problems import Location, Problem, Severity, pointer, problem
from .discover import AnnotationFile
from .parse import Loaded, Locator, decode_text

# Which vocabulary each coded field of a park file draws from. "*" walks every list item.
VOCABULARY_FIELDS: tuple[tuple[tuple[str, ...], str], ...] = (
    (("kind",), "kinds"),
    (("level", "id"), "levels"),
    (("cooperation_modes", "*", "mode"), "cooperation_modes"),
    (("parties", "*", "role"), "party_roles"),
    (("organisations", "*", "role"), "organisation_roles"),
    (("organisations", "*", "events", "*", "event"), "date_events"),
    (("organisations", "*", "events", "*", "part"), "date_parts"),
    (("dates", "*", "event"), "date_events"),
    (("dates", "*", "part"), "date_parts"),
    (("policies", "*", "part"), "date_parts"),
    (("platforms", "*", "part"), "date_parts"),
    (("platforms", "*", "status"), "park_statuses"),
    (("targets", "*", "announced_part"), "date_parts"),
    (("targets", "*", "count_word"), "count_words"),
    (("observations", "*", "count_word"), "count_words"),
    (("status", "id"), "park_statuses"),
    (("aliases", "*", "type"), "alias_types"),
    (("targets", "*", "metric"), "metrics"),
    (("targets", "*", "unit"), "units"),
    (("targets", "*", "comparator"), "comparators"),
    (("targets", "*", "aggregation"), "aggregations"),
    (("targets", "*", "status"), "target_statuses"),
    (("observations", "*", "metric"), "metrics"),
    (("observations", "*", "unit"), "units"),
    (("observations", "*", "comparator"), "comparators"),
    (("observations", "*", "aggregation"), "aggregations"),
)
TERM_VOCABULARIES = (
    "kinds", "levels", "cooperation_modes", "party_roles", "organisation_roles", "date_events",
    "park_statuses", "alias_types", "comparators", "aggregations", "target_statuses", "dimensions",
    "date_parts", "count_words",
    "metric_families",
)
QUANTITY_LISTS = ("targets", "observations")
EVIDENCED = (PARKS, ORGANISATIONS, PERSONS)  # the kinds of file whose facts carry evidence


def walk(data: Any, pattern: tuple[str, ...], path: tuple = ()) -> Iterator[tuple[tuple, Any]]:
    """Values at `pattern` inside `data`, with their paths."""
    # Level by level rather than by recursion: the same values in the same order, without a generator
    # per step (this runs over every park for most checks).
    found: list[tuple[tuple, Any]] = [(path, data)]
    for head in pattern:
        if head == "*":
            found = [(p + (i,), item) for p, value in found if isinstance(value, list)
                     for i, item in enumerate(value)]
        else:
            found = [(p + (head,), value[head]) for p, value in found if isinstance(value, dict) and head in value]
        if not found:
            break
    return iter(found)


def pick(data: Any, paths: Iterable[tuple[str, ...]]) -> Any:
    """The parts of `data` at `paths` ("*" for every list item; () for all of it), in the same places.

    Lists keep every item, so paths into what is kept are paths into `data`; a value that is not
    the container a path expects is kept whole, so a check sees in the part what it saw in the whole.
    """
    return _pick(data, _tree(frozenset(paths)))


@lru_cache(maxsize=64)
def _tree(paths: frozenset[tuple[str, ...]]) -> dict | None:
    """The paths as a tree of keys, worked out once per set of paths; None: the whole value."""
    if () in paths:
        return None
    heads: dict[str, set[tuple[str, ...]]] = {}
    for path in paths:
        heads.setdefault(path[0], set()).add(path[1:])
    return {head: _tree(frozenset(rest)) for head, rest in heads.items()}


def _pick(data: Any, tree: dict | None) -> Any:
    if tree is None:
        return data
    if isinstance(data, dict):
        return {key: _pick(value, tree[key]) for key, value in data.items() if key in tree}
    if isinstance(data, list) and "*" in tree:
        inner = tree["*"]
        return [_pick(item, inner) for item in data]
    return data


def under_keys(data: Any, names: frozenset[str], kind: type) -> Iterator[tuple[tuple, Any]]:
    """Every value of type `kind` under one of `names`, at any depth, with its path (not searched further)."""
    found: list[tuple[tuple, Any]] = []
    _under(data, names, kind, (), found)
    return iter(found)


def _under(data: Any, names: frozenset[str], kind: type, path: tuple, found: list) -> None:
    if isinstance(data, dict):
        for key, value in data.items():
            if key in names and isinstance(value, kind):
                found.append((path + (key,), value))
            elif type(value) in _CONTAINERS or isinstance(value, (dict, list)):
                _under(value, names, kind, path + (key,), found)
    elif isinstance(data, list):
        for i, item in enumerate(data):
            if type(item) in _CONTAINERS or isinstance(item, (dict, list)):
                _under(item, names, kind, path + (i,), found)


_CONTAINERS = frozenset({dict, list})


_EVIDENCE = frozenset({"evidence"})


def evidence(data: Any) -> Iterator[tuple[tuple, dict]]:
    """Every evidence object in a document, with its path."""
    return under_keys(data, _EVIDENCE, dict)


def counted_quotes(doc: "Doc") -> dict[str, int]:
    """A file's evidence quotes by source id, as the quote check counts them: valid records only."""
    data = doc.data
    if doc.file.kind not in EVIDENCED or not doc.schema_valid or not isinstance(data, dict) or REDIRECT in data:
        return {}
    return _counted(doc.evidence())


def _counted(found: Iterable[tuple[tuple, dict]]) -> dict[str, int]:
    """How many evidence quotes there are from each source id."""
    counts: dict[str, int] = {}
    for _, item in found:
        source = str(item.get("source"))
        counts[source] = counts.get(source, 0) + 1
    return counts


@dataclass
class Doc:
    """One annotation file after loading: its data, and a way to point at places in it."""

    file: AnnotationFile
    loaded: Loaded
    schema_valid: bool
    key: bytes = field(default=b"", repr=False)  # the file's cache key (see cache.key)
    # A file re-validation reuses: where to get bytes known to decode, read and decoded only if a problem
    # must be located in them.
    raw: Callable[[], Any] | None = field(default=None, repr=False)
    _locator: Locator | None = field(default=None, repr=False)
    _evidence: list[tuple[tuple, dict]] | None = field(default=None, repr=False)

    def evidence(self) -> list[tuple[tuple, dict]]:
        """Every evidence object in the file, with its path (found once: several checks need them)."""
        if self._evidence is None:
            self._evidence = list(evidence(self.data))
        return self._evidence

    @property
    def data(self) -> Any:
        return self.loaded.data

    def problem(self, code: str, path: tuple = (), *, key: str | None = None, hint: str | None = None,
                severity: Severity | None = None, at_char: str | None = None, **params) -> Problem:
        """A problem located at `path` (or at the key `key` inside it, or at `at_char` in its value) in this file."""
        line = column = None
        if self.loaded.text is None and self.raw is not None:
            raw, self.raw = self.raw(), None
            self.loaded.text = decode_text(raw) if isinstance(raw, bytes) else None
        if self.loaded.text is not None:
            if self._locator is None:
                self._locator = Locator(self.loaded.text)
            position = self._locator.position(path, key, at_char)
            if position:
                line, column = position
        where = path + ((key,) if key else ())
        return problem(code, Location(self.file.display, line, column, pointer(where)), hint=hint,
                       severity=severity, **params)


@dataclass
class Index:
    vocabularies: dict[str, dict[str, dict]] = field(default_factory=dict)
    vocabulary_docs: dict[str, Doc] = field(default_factory=dict)
    sources: dict[str, Doc] = field(default_factory=dict)
    parks: dict[str, Doc] = field(default_factory=dict)
    organisations: dict[str, Doc] = field(default_factory=dict)
    persons: dict[str, Doc] = field(default_factory=dict)
    redirects: dict[tuple[str, str], Doc] = field(default_factory=dict)  # (kind, old id) → its redirect file
    docs: list[Doc] = field(default_factory=list)
    metadata: Doc | None = None
    # What several checks work out from the same files, worked out once (not carried over by limited_to).
    _memo: dict[str, Any] = field(default_factory=dict, init=False, repr=False, compare=False)

    def memo(self, name: str, make: Callable[[Index], Any]) -> Any:
        """`make(self)`, worked out on first use and kept with this index."""
        if name not in self._memo:
            self._memo[name] = make(self)
        return self._memo[name]

    def of_kind(self, kind: str, *, valid_only: bool = True) -> Iterator[Doc]:
        for doc in self.docs:
            if doc.file.kind == kind and isinstance(doc.data, dict) and (doc.schema_valid or not valid_only):
                yield doc

    def park_docs(self) -> Iterator[Doc]:
        return self.records(PARKS)

    def records(self, kind: str) -> Iterator[Doc]:
        """The valid files of a kind that are records, not redirects (found once: most checks and tables
        go through them)."""
        return iter(self.memo(f"records {kind}",
                              lambda index: [doc for doc in index.of_kind(kind) if REDIRECT not in doc.data]))

    def evidence_docs(self) -> Iterator[Doc]:
        """The records whose facts carry evidence: parks, organisations and persons."""
        for kind in EVIDENCED:
            yield from self.records(kind)

    def redirect_docs(self) -> Iterator[Doc]:
        """The valid redirect files among the files to check."""
        return (doc for doc in self.docs if doc.schema_valid and isinstance(doc.data, dict) and REDIRECT in doc.data
                and self.redirects.get((doc.file.kind, doc.data.get("id"))) is doc)

    def registry(self, kind: str) -> dict[str, Doc]:
        """Live records of a kind by id: parks, sources, organisations or persons."""
        return {PARKS: self.parks, SOURCES: self.sources, ORGANISATIONS: self.organisations,
                PERSONS: self.persons}[kind]

    def source_docs(self) -> Iterator[Doc]:
        return self.of_kind(SOURCES)

    def quantities(self) -> Iterator[tuple[Doc, tuple, dict]]:
        """Every target and observation of every park, with its file and path."""
        for doc in self.park_docs():
            for name in QUANTITY_LISTS:
                for path, item in walk(doc.data, (name, "*")):
                    yield doc, path, item

    def terms(self, vocabulary: str) -> dict[str, dict]:
        return self.vocabularies.get(vocabulary, {})

    def limited_to(self, docs: list[Doc]) -> Index:
        """The same lookups over every file, with only `docs` to check."""
        return replace(self, docs=docs)


def build_index(docs: list[Doc]) -> Index:
    """Index documents by id. Files that failed the schema still lend their id, so references to them resolve."""
    index = Index(docs=docs)
    for doc in docs:
        data = doc.data
        if not isinstance(data, dict):
            continue
        if doc.file.kind == PACKAGE:
            index.metadata = doc
        elif doc.file.kind == VOCABULARIES:
            if doc.schema_valid:
                entries = data.get("terms") or data.get("metrics") or data.get("units") or []
                index.vocabularies[doc.file.stem] = {e["id"]: e for e in entries}
                index.vocabulary_docs[doc.file.stem] = doc
        elif isinstance(data.get("id"), str):
            if REDIRECT in data:
                index.redirects.setdefault((doc.file.kind, data["id"]), doc)
            else:
                index.registry(doc.file.kind).setdefault(data["id"], doc)
    return index
