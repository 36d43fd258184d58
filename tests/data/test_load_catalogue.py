"""load_catalogue: checked, atomic, repeatable; plain loaddata gives the same rows."""

import io
import json

import pytest
from django.core.management import CommandError, call_command

from catalogue import models
from catalogue.loading import default_fixture_paths
from catalogue.models.fields import EDTFField, edtf_bounds
from tests import factories

from .snapshot import snapshot


def load(*args) -> str:
    out = io.StringIO()
    call_command("load_catalogue", *args, stdout=out)
    return out.getvalue()


def test_load_catalogue_reports_what_it_loaded(db):
    output = load()

    assert output.splitlines()[0] == "Loaded 369 objects from 10 files:"
    assert "  catalogue.person: 44 (44 new)" in output.splitlines()
    assert "  catalogue.membership: 48 (48 new)" in output.splitlines()


def test_load_catalogue_twice_changes_nothing(db):
    load()
    before = snapshot()

    output = load()

    assert snapshot() == before
    assert all(line.endswith("(0 new)") for line in output.splitlines()[1:])


def test_load_catalogue_leaves_rows_curators_added_alone(db):
    curated = factories.person(slug="curator-added", name_en="Added by a curator")
    source = factories.source(key="CURATOR-1", title="A curator's source")
    curated.sources.add(source)
    before = models.Person.objects.filter(pk=curated.pk).values().get()

    load()
    load()

    assert models.Person.objects.filter(pk=curated.pk).values().get() == before
    assert list(curated.sources.values_list("key", flat=True)) == ["CURATOR-1"]
    assert models.Person.objects.count() == 45


def test_load_catalogue_check_option_writes_nothing(db):
    output = load("--check")

    assert output.splitlines()[0] == "Checked 369 objects from 10 files:"
    assert models.Record.objects.count() == 0


def test_loaddata_stores_the_bounds_edtf_derives(db):
    call_command("loaddata", *default_fixture_paths(), verbosity=0)

    wrong = []
    for model in [
        models.Source,
        models.Person,
        models.Organization,
        models.Event,
        models.Membership,
        models.Record,
    ]:
        for row in model.objects.all():
            for field in model._meta.concrete_fields:
                if not isinstance(field, EDTFField):
                    continue
                value = getattr(row, field.attname)
                expected = edtf_bounds(value) if value else (None, None)
                stored = (getattr(row, field.earliest), getattr(row, field.latest))
                if stored != expected:
                    wrong.append((str(row), field.name, value, stored))

    assert wrong == []
    assert models.Record.objects.get(reference_code="CPSU20-TST-001").date_latest.isoformat() == (
        "1923-01-04"
    )


GOOD = [
    {"model": "catalogue.source", "fields": {"key": "GOOD-1", "title": "A good source"}},
    {
        "model": "catalogue.person",
        "fields": {"slug": "good-person", "name_en": "Good Person", "sources": [["GOOD-1"]]},
    },
    {
        "model": "catalogue.organization",
        "fields": {"slug": "good-body", "name_en": "Good Body", "kind": "committee"},
    },
]
COLLECTION = {
    "model": "catalogue.collection",
    "fields": {"slug": "c", "reference_code": "C", "title_en": "C", "level": "fonds"},
}


def record(**fields):
    return {
        "model": "catalogue.record",
        "fields": {
            "reference_code": "R-1",
            "collection": ["c"],
            "kind": "speech",
            "title_en": "A speech",
            **fields,
        },
    }


BROKEN = {
    "malformed JSON": (
        '[{"model": "catalogue.source", "fields": {"key": "X",}}]',
        "not valid JSON: Expecting property name enclosed in double quotes: line 1",
    ),
    "unknown model": (
        [{"model": "catalogue.recrod", "fields": {"title_en": "x"}}],
        "object 1: model: unknown model “catalogue.recrod”",
    ),
    "unknown field": (
        [{"model": "catalogue.source", "fields": {"key": "S-2", "title": "T", "titel": "T"}}],
        "object 1 (catalogue.source S-2): titel: unknown field of catalogue.source",
    ),
    "missing reference": (
        [
            {
                "model": "catalogue.person",
                "fields": {"slug": "p", "name_en": "P", "sources": [["NO-SUCH-SOURCE"]]},
            }
        ],
        "object 1 (catalogue.person p): sources: no catalogue.source with natural key "
        '["NO-SUCH-SOURCE"] in the database or in the files',
    ),
    "invalid EDTF": (
        [COLLECTION, record(date="1956-13")],
        "object 2 (catalogue.record R-1): date: “1956-13” is not a valid EDTF date",
    ),
    "constraint violation": (
        [
            {
                "model": "catalogue.membership",
                "fields": {
                    "person": ["good-person"],
                    "organization": ["good-body"],
                    "role": "member",
                    "certainty": "inferred",
                    "basis_en": "",
                },
            }
        ],
        "object 1 (catalogue.membership good-person / good-body / member / ): "
        "An inferred membership must say how it was inferred.",
    ),
    "published without what the publishing rule wants": (
        [
            COLLECTION,
            record(level="item", status="published", published_at="2026-11-26T00:00:00Z"),
        ],
        "object 2 (catalogue.record R-1): status: published without: date, extent",
    ),
    "duplicate in the database only": (
        [
            {
                "model": "catalogue.person",
                "fields": {"slug": "twin-a", "name_en": "A", "wikidata_id": "Q1"},
            },
            {
                "model": "catalogue.person",
                "fields": {"slug": "twin-b", "name_en": "B", "wikidata_id": "Q1"},
            },
        ],
        "object 2 (catalogue.person twin-b): ",
    ),
}


@pytest.mark.parametrize("problem", BROKEN)
def test_broken_fixture_is_refused_and_nothing_of_it_loaded(db, tmp_path, problem):
    good, broken = tmp_path / "01_good.json", tmp_path / "02_broken.json"
    good.write_text(json.dumps(GOOD[:1]), encoding="utf-8")
    load(str(good))
    more = tmp_path / "01_more.json"
    more.write_text(json.dumps(GOOD[1:]), encoding="utf-8")
    content, expected = BROKEN[problem]
    broken.write_text(content if isinstance(content, str) else json.dumps(content), "utf-8")
    before = snapshot()

    with pytest.raises(CommandError) as raised:
        load(str(more), str(broken))

    assert f"{broken}: {expected}" in str(raised.value)
    assert snapshot() == before
