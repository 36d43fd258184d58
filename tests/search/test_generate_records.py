from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db import transaction

from catalogue import models, search
from catalogue.search.romanize import has_cyrillic


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
