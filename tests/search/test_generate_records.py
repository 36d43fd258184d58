from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db import connection, transaction
from django.db.models import Count

from catalogue import facet_counts, models, search
from catalogue.bench import rows
from catalogue.management.commands.generate_records import LOADED_TABLES
from catalogue.search import index
from catalogue.search.romanize import has_cyrillic

FACET_COUNT_FIELDS = ["filter_facet", "filter_value", "facet", "value", "count"]


class Rollback(Exception):
    pass


def generate(count: int = 200, seed: int = 1) -> str:
    output = StringIO()
    call_command("generate_records", count=count, seed=seed, stdout=output)
    return output.getvalue()


def titles_generated_with(seed: int) -> list[str]:
    try:
        with transaction.atomic():
            generate(seed=seed)
            titles = list(
                models.Record.objects.order_by("reference_code").values_list("title_en", flat=True)
            )
            raise Rollback
    except Rollback:
        return titles


def test_generate_records_gives_the_same_titles_for_the_same_seed(db):
    first = titles_generated_with(seed=1)
    second = titles_generated_with(seed=1)
    other = titles_generated_with(seed=2)

    assert len(first) == 200
    assert first == second
    assert first != other


def test_generate_records_makes_about_one_draft_in_ten_and_reports_them(db):
    output = generate()

    drafts = models.Record.objects.drafts().count()
    assert 8 <= drafts <= 35
    assert f"Generated 200 records ({drafts} drafts)" in output


def test_generate_records_writes_dates_the_edtf_field_agrees_with(db):
    generate()

    dated = models.Record.objects.exclude(date="").order_by("pk")[:50]
    for record in dated:
        assert (record.date_earliest, record.date_latest) == models.edtf_bounds(record.date)


def test_generate_records_gives_people_cyrillic_names_and_variants_search_finds(db):
    generate()

    person = models.Person.objects.order_by("pk").first()
    variant = person.names.order_by("name").first()
    surname = person.name_ru.split()[-1]
    assert has_cyrillic(person.name_ru)
    assert list(search.search_people(models.Person.objects.all(), surname)) == [person]
    assert person in search.search_people(models.Person.objects.all(), variant.name)


def test_generate_records_indexes_only_published_records_for_search(db):
    generate()

    draft = models.Record.objects.drafts().first()
    words = " ".join(draft.title_en.split()[:3])
    found = search.search_records(models.Record.objects.all(), words)

    assert draft not in found
    assert all(record.status == models.Status.PUBLISHED for record in found)


def test_generate_records_refuses_to_generate_the_same_seed_twice(db):
    generate(count=5)

    with pytest.raises(CommandError, match="seed 1 exists already"):
        generate(count=5)


def test_generate_records_gives_seed_one_the_collection_it_always_gave(db):
    # Figures of 200 records with seed 1 as the generator wrote them before it wrote rows in
    # bulk: the faster writer makes the same collection.
    generate()

    records = models.Record.objects.order_by("reference_code")
    first, last = records.first(), records.last()
    roles = models.RecordPerson.objects.values_list("role").annotate(n=Count("pk"))
    assert (first.reference_code, first.kind, first.date, first.title_en) == (
        "SYN1-000001",
        "speech",
        "1963-10",
        "Pifestement cahaer stoulocaveaer gela grealetreness shouwepihaness tateafiment mahuness",
    )
    assert (last.reference_code, last.kind, last.date, last.title_en) == (
        "SYN1-000200",
        "speech",
        "1956-04",
        "Chouness kouplouvifai bagres lithahainess",
    )
    assert dict(roles.order_by("role")) == {
        "addressee": 16,
        "author": 189,
        "mentioned": 17,
        "speaker": 21,
        "subject": 17,
    }
    assert [
        models.Record.subjects.through.objects.count(),
        models.Record.events.through.objects.count(),
        models.Record.languages.through.objects.count(),
    ] == [385, 60, 235]


def test_generate_records_writes_the_search_documents_a_rebuild_would(db):
    generate()
    fields = ["kind", "record_id", "person_id", "public", "title", "variants", "body"]
    written = set(models.SearchDocument.objects.values_list(*fields))

    index.rebuild()

    assert len(written) == 200 + 20 + 30 + 60
    assert set(models.SearchDocument.objects.values_list(*fields)) == written


def test_generate_records_leaves_search_finding_records_written_in_bulk(db):
    generate()
    record = models.Record.objects.published().order_by("-reference_code").first()

    found = search.search_records(models.Record.objects.all(), record.reference_code)

    assert list(found) == [record]
    # A document written after the generator is indexed as it is written.
    models.SearchDocument.objects.filter(record=record).delete()
    models.Record.objects.filter(pk=record.pk).update(title_en="Zyxwvut")
    index.reindex_records([record.pk])
    assert list(search.search_records(models.Record.objects.all(), "zyxwvut")) == [record]


def test_generate_records_leaves_every_index_it_set_aside_for_the_load(db):
    before = rows.secondary_indexes(connection, LOADED_TABLES)

    generate()

    names = [name for name, _definition in before]
    assert {"record_status_kind", "record_status_newest", "facet_count_largest"} <= set(names)
    assert rows.secondary_indexes(connection, LOADED_TABLES) == before


def test_generate_records_leaves_facet_counts_a_fresh_count_gives(db):
    generate()
    published = models.Record.objects.published()
    links = models.Record.subjects.through.objects.filter(record__status=models.Status.PUBLISHED)
    fresh = {("total", ""): published.count()}
    for kind, count in published.order_by().values_list("kind").annotate(n=Count("pk")):
        fresh[("kind", kind)] = count
    for subject, count in links.order_by().values_list("subject_id").annotate(n=Count("record_id")):
        fresh[("subject", str(subject))] = count
    kept = set(models.FacetCount.objects.values_list(*FACET_COUNT_FIELDS))
    memberships = set(models.RecordFacet.objects.values_list("record_id", "facet", "value"))

    unfiltered = models.FacetCount.objects.filter(
        filter_facet="", facet__in=["total", "kind", "subject"], count__gt=0
    )
    assert {(row.facet, row.value): row.count for row in unfiltered} == fresh
    facet_counts.rebuild()
    assert set(models.FacetCount.objects.values_list(*FACET_COUNT_FIELDS)) == kept
    assert set(models.RecordFacet.objects.values_list("record_id", "facet", "value")) == (
        memberships
    )


def test_generate_records_into_a_catalogue_counts_its_records_with_the_new(db):
    generate(count=30, seed=2)

    generate(count=40, seed=3)

    kept = set(models.FacetCount.objects.values_list(*FACET_COUNT_FIELDS))
    facet_counts.rebuild()
    assert models.FacetCount.objects.get(filter_facet="", facet="total").count == (
        models.Record.objects.published().count()
    )
    assert set(models.FacetCount.objects.values_list(*FACET_COUNT_FIELDS)) == kept
