"""The checks read no more than they declare: on summaries they find what they find on whole files."""

from __future__ import annotations

from pathlib import Path

import pytest

from parkwatch.validation import checks, reuse
from parkwatch.validation.checks import registry
from parkwatch.validation.index import Doc, build_index, pick
from parkwatch.validation.parse import Loaded
from parkwatch.validation.pipeline import load

from .test_cases import INVALID, make_project, overlay

CASES = [None, *INVALID]


def _summarised(doc: Doc) -> Doc:
    """The stub re-validation puts in the index for an unchanged file."""
    loaded = Loaded(doc.loaded.path, doc.loaded.display, doc.loaded.text, reuse.summary(doc), [])
    return Doc(doc.file, loaded, doc.schema_valid)


def _found(check: checks.Check, index) -> list[dict]:
    return sorted((p.as_dict() for p in check(index)), key=repr)


@pytest.fixture
def docs(request: pytest.FixtureRequest, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> list[Doc]:
    monkeypatch.setenv("PARKWATCH_NO_CACHE", "1")
    project = make_project(tmp_path / "project")
    if request.param is not None:
        overlay(request.param, project)
    monkeypatch.chdir(project)
    return load(Path("."))[0]


@pytest.mark.parametrize("docs", CASES, ids=["base", *(c.name for c in INVALID)], indirect=True)
def test_project_checks_find_the_same_on_summaries(docs: list[Doc]) -> None:
    whole, summaries = build_index(docs), build_index([_summarised(d) for d in docs])
    for check in checks.of_scope(checks.PROJECT):
        assert _found(check, summaries) == _found(check, whole), check.name


@pytest.mark.parametrize("docs", CASES, ids=["base", *(c.name for c in INVALID)], indirect=True)
def test_file_checks_need_only_their_context_of_other_files(docs: list[Doc]) -> None:
    whole = build_index(docs)
    for check in checks.of_scope(checks.FILE):
        expected = _found(check, whole)
        context = registry.merged(registry.INDEXED, check.context)
        got = []
        for i, doc in enumerate(docs):
            # This file whole; the others only with what the check says it reads of them.
            others = [d if j == i else Doc(d.file, Loaded(d.loaded.path, d.loaded.display, d.loaded.text,
                                                          pick(d.data, context.get(d.file.kind, ())), []),
                                           d.schema_valid) for j, d in enumerate(docs)]
            found = _found(check, build_index(others).limited_to([others[i]]))
            assert all(p["file"] == doc.file.display for p in found), (check.name, "a problem outside its file")
            got.extend(found)
        assert sorted(got, key=repr) == expected, check.name


def test_a_bare_check_is_a_file_check_reading_the_standard_context() -> None:
    before = list(registry.CHECKS)
    try:
        @registry.check
        def example(index):
            return iter(())

        added = registry.CHECKS[-1]
        assert added.fn is example and added.scope == checks.FILE
        assert added.context == registry.STANDARD_CONTEXT and not added.reads
        assert registry.context_reads()["package"] == frozenset({()})  # what re-validation now hashes
    finally:
        registry.CHECKS[:] = before


def test_summaries_keep_list_positions_and_odd_values() -> None:
    data = {"id": "x", "organisations": [{"id": "a", "zh": "甲", "en": "A", "role": "r"}, "odd"], "parent": 5,
            "targets": [{"value": 1}]}
    paths = [("id",), ("organisations", "*", "id"), ("parent", "park")]
    assert pick(data, paths) == {"id": "x", "organisations": [{"id": "a"}, "odd"], "parent": 5}
    assert pick(data, [()]) is data
    assert pick(data, []) == {}
    assert pick(None, paths) is None
