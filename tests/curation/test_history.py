"""The history: who changed what, a diff, a revert, a deleted record brought back."""

import io
import json

import pytest

from catalogue import history, publishing, transfer
from catalogue.images.forms import ImageForm
from catalogue.models import Copy, Image, Record, RecordPerson, Status
from tests import factories
from tests.curation.test_images import picture_bytes, upload


@pytest.fixture
def record(vocabulary):
    return factories.record(
        reference_code="R-1",
        collection=vocabulary["collection"],
        title_en="Draft title",
        date="1956",
        extent_en="1 item",
    )


def edit(record, user, comment, **fields):
    with history.revision(user, comment):
        for name, value in fields.items():
            setattr(record, name, value)
        record.save()


def test_history_lists_who_changed_a_record_and_why(record, curator):
    edit(record, curator, "First pass", title_en="First title")
    edit(record, curator, "Second pass", title_en="Second title")

    entries = history.versions_of(record)

    assert [(entry.user, entry.comment) for entry in entries] == [
        (curator, "Second pass"),
        (curator, "First pass"),
    ]


def test_history_diff_shows_changed_fields_with_translations(record, curator, vocabulary):
    edit(record, curator, "First pass", title_en="First title")
    edit(
        record,
        curator,
        "Second pass",
        title_en="Second title",
        title_ru="Второе название",
        date="1956-02-25",
        kind="speech",
    )
    record.subjects.add(vocabulary["cult"])
    with history.revision(curator, "Subject"):
        record.save()
    newer, older = [entry.version for entry in history.versions_of(record)[:3:2]]

    changes = history.diff(older, newer)

    assert changes == [
        ("kind", "report", "speech"),
        ("title [en]", "First title", "Second title"),
        ("title [ru]", "", "Второе название"),
        ("date", "1956", "1956-02-25"),
        ("subjects", "", vocabulary["cult"].label_en),
    ]


def test_history_revert_restores_the_earlier_title(record, curator):
    edit(record, curator, "First pass", title_en="First title")
    edit(record, curator, "Second pass", title_en="Second title", date="1956-02-25")
    earlier = history.versions_of(record)[1].version

    history.revert(earlier, curator)

    record.refresh_from_db()
    assert (record.title_en, record.date, record.date_latest.isoformat()) == (
        "First title",
        "1956",
        "1956-12-31",
    )
    assert history.versions_of(record)[0].comment.startswith("Reverted to the version of ")


def test_history_recovers_a_deleted_record_with_its_copies(record, curator, vocabulary):
    Copy.objects.create(record=record, key="first", label_en="First copy")
    Copy.objects.create(record=record, key="second", label_en="Second copy")
    RecordPerson.objects.create(record=record, person=vocabulary["khrushchev"], role="speaker")
    history.delete(record, curator)
    assert Record.objects.count() == Copy.objects.count() == 0

    [deleted] = history.deleted_versions(Record)
    recovered = history.recover(deleted, curator)

    assert recovered.reference_code == "R-1"
    assert sorted(recovered.copies.values_list("key", flat=True)) == ["first", "second"]
    assert [str(role) for role in recovered.people.all()] == ["Nikita Khrushchev (speaker)"]
    assert history.deleted_versions(Record) == []


def test_import_is_one_revision_signed_by_the_user(vocabulary, curator):
    text = (
        "reference_code,collection,kind,title_en,people\nR-9,congress,speech,Nine,stalin:subject\n"
    )
    plan = transfer.plan_import(io.BytesIO(text.encode()), "records.csv")

    transfer.apply_import(plan, user=curator)

    record = Record.objects.get(reference_code="R-9")
    [entry] = history.versions_of(record)
    assert (entry.user, entry.comment) == (curator, "Imported from records.csv")
    assert entry.version.field_dict["title_en"] == "Nine"
    role_versions = entry.version.revision.version_set.exclude(pk=entry.version.pk)
    assert [version.object_repr for version in role_versions] == ["Joseph Stalin (subject)"]


def test_imported_record_can_be_reverted_to_before_a_second_import(vocabulary, curator):
    first = "reference_code,collection,kind,title_en\nR-9,congress,speech,Nine\n"
    second = "reference_code,title_en\nR-9,Nine corrected\n"
    for text in (first, second):
        plan = transfer.plan_import(io.BytesIO(text.encode()), "records.csv")
        transfer.apply_import(plan, user=curator)
    record = Record.objects.get(reference_code="R-9")

    history.revert(history.versions_of(record)[1].version, curator)

    record.refresh_from_db()
    assert record.title_en == "Nine"


def test_publishing_is_recorded_in_the_history(record, curator):
    record.status = Status.DRAFT
    record.published_at = None
    record.save()

    assert publishing.publish(Record.objects.all(), user=curator).count == 1

    [entry] = history.versions_of(record)
    assert (entry.user, entry.comment, entry.version.field_dict["status"]) == (
        curator,
        "Published",
        "published",
    )


def test_bulk_revision_keeps_what_django_reversion_keeps(record, curator, vocabulary, media):
    record.languages.set([vocabulary["ru"], vocabulary["en"]])
    RecordPerson.objects.create(record=record, person=vocabulary["khrushchev"], role="speaker")
    form = ImageForm(
        data={"alt_text_en": "A page", "position": 0},
        files={"file": upload(picture_bytes())},
        instance=Image(record=record),
    )
    assert form.is_valid(), form.errors
    form.save()
    with history.revision(curator, "One by one"):
        record.save()
    history.save_revision(Record, [Record.objects.get(pk=record.pk)], curator, "In bulk")

    one_by_one, in_bulk = (entry.version.revision for entry in history.versions_of(record)[::-1])

    def kept(revision):
        return sorted(
            (
                v.content_type.model,
                v.object_id,
                v.object_repr,
                json.dumps(json.loads(v.serialized_data)),
            )
            for v in revision.version_set.all()
        )

    assert kept(in_bulk) == kept(one_by_one)
    assert len(kept(in_bulk)) == 3


def test_revert_to_an_import_brings_back_the_people_it_listed(vocabulary, curator):
    first = (
        "reference_code,collection,kind,title_en,people\nR-9,congress,speech,Nine,stalin:subject\n"
    )
    second = "reference_code,people\nR-9,khrushchev:speaker\n"
    for text in (first, second):
        plan = transfer.plan_import(io.BytesIO(text.encode()), "records.csv")
        transfer.apply_import(plan, user=curator)
    record = Record.objects.get(reference_code="R-9")
    assert [str(role) for role in record.people.all()] == ["Nikita Khrushchev (speaker)"]

    history.revert(history.versions_of(record)[1].version, curator)

    assert sorted(str(role) for role in record.people.all()) == [
        "Joseph Stalin (subject)",
        "Nikita Khrushchev (speaker)",
    ]
