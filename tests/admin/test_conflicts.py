"""Two curators editing the same thing: the later save is refused, nothing is overwritten."""

import pytest

from catalogue import models
from tests import factories

from .builders import ready_record
from .helpers import change_url, form_data, open_change_form


def test_second_curator_save_is_refused_after_the_first_saved(
    curator_client, second_curator_client
):
    record = ready_record(title_en="Report", extent_en="1 item")
    first = open_change_form(curator_client, record)
    second = open_change_form(second_curator_client, record)
    first["title_en"] = "Report on the cult of personality"
    curator_client.post(change_url(record), first)
    second["extent_en"] = "2 items"

    response = second_curator_client.post(change_url(record), second)

    record.refresh_from_db()
    assert (record.title_en, record.extent_en) == ("Report on the cult of personality", "1 item")
    errors = response.context["adminform"].form.non_field_errors()
    assert errors[0].startswith("curator changed this record on ")
    assert list(errors)[1:] == [
        "Title [en]: yours “Report”, stored “Report on the cult of personality”.",
        "Extent [en]: yours “2 items”, stored “1 item”.",
    ]


def test_refused_form_keeps_the_second_curators_values(curator_client, second_curator_client):
    record = ready_record(extent_en="1 item")
    first, second = (open_change_form(c, record) for c in (curator_client, second_curator_client))
    curator_client.post(change_url(record), {**first, "title_en": "Changed first"})

    response = second_curator_client.post(change_url(record), {**second, "extent_en": "2 items"})

    assert response.context["adminform"].form["extent_en"].value() == "2 items"


def test_saving_the_refused_form_again_is_refused_again(curator_client, second_curator_client):
    record = ready_record(extent_en="1 item")
    first, second = (open_change_form(c, record) for c in (curator_client, second_curator_client))
    curator_client.post(change_url(record), {**first, "title_en": "Changed first"})
    refused = second_curator_client.post(change_url(record), {**second, "extent_en": "2 items"})

    response = second_curator_client.post(change_url(record), form_data(refused))

    assert response.context["adminform"].form.non_field_errors()
    record.refresh_from_db()
    assert (record.title_en, record.extent_en) == ("Changed first", "1 item")


def test_reloading_after_a_refusal_lets_the_change_through(curator_client, second_curator_client):
    record = ready_record(extent_en="1 item")
    first, second = (open_change_form(c, record) for c in (curator_client, second_curator_client))
    curator_client.post(change_url(record), {**first, "title_en": "Changed first"})
    second_curator_client.post(change_url(record), {**second, "extent_en": "2 items"})
    reloaded = open_change_form(second_curator_client, record)

    response = second_curator_client.post(change_url(record), {**reloaded, "extent_en": "2 items"})

    assert response.status_code == 302
    record.refresh_from_db()
    assert (record.title_en, record.extent_en) == ("Changed first", "2 items")


def test_publishing_between_open_and_save_is_a_conflict(curator_client, second_curator_client):
    record = ready_record()
    data = open_change_form(second_curator_client, record)
    curator_client.post(
        "/admin/catalogue/record/", {"action": "publish", "_selected_action": [record.pk]}
    )

    response = second_curator_client.post(change_url(record), {**data, "extent_en": "3 items"})

    errors = response.context["adminform"].form.non_field_errors()
    assert "Status: yours “draft”, stored “published”." in errors
    record.refresh_from_db()
    assert (record.status, record.extent_en) == ("published", "1 item")


def test_unchanged_record_saves_without_a_conflict(curator_client):
    record = ready_record()
    data = open_change_form(curator_client, record)

    response = curator_client.post(change_url(record), {**data, "extent_en": "4 items"})

    assert response.status_code == 302
    record.refresh_from_db()
    assert record.extent_en == "4 items"


def test_person_edit_conflict_names_the_field(curator_client, second_curator_client):
    person = factories.person(name_en="Nikita Khrushchev", birth_place_en="")
    first, second = (open_change_form(c, person) for c in (curator_client, second_curator_client))
    curator_client.post(change_url(person), {**first, "birth_place_en": "Kalinovka"})

    response = second_curator_client.post(
        change_url(person), {**second, "name_en": "N. Khrushchev"}
    )

    errors = response.context["adminform"].form.non_field_errors()
    assert list(errors)[1:] == [
        "Name [en]: yours “N. Khrushchev”, stored “Nikita Khrushchev”.",
        "Place of birth [en]: yours “(empty)”, stored “Kalinovka”.",
    ]
    person.refresh_from_db()
    assert (person.name_en, person.birth_place_en) == ("Nikita Khrushchev", "Kalinovka")


def test_change_made_outside_the_admin_is_a_conflict_without_a_name(curator_client):
    organization = factories.organization(name_en="Central Committee")
    data = open_change_form(curator_client, organization)
    organization.description_en = "Elected by the 20th Congress."
    organization.save()

    response = curator_client.post(change_url(organization), data)

    errors = response.context["adminform"].form.non_field_errors()
    assert errors[0].startswith("This organization was changed on ")
    assert models.Organization.objects.get().description_en == "Elected by the 20th Congress."


def test_conflict_in_the_inline_rows_says_so(curator_client, second_curator_client):
    record = ready_record()
    first, second = (open_change_form(c, record) for c in (curator_client, second_curator_client))
    first.update({"copies-TOTAL_FORMS": "1", "copies-0-key": "a", "copies-0-label_en": "Copy A"})
    curator_client.post(change_url(record), first)

    response = second_curator_client.post(change_url(record), second)

    errors = list(response.context["adminform"].form.non_field_errors())
    assert errors[1:] == ["None of the fields above differ; the change is in the rows below them."]
    assert list(record.copies.values_list("label_en", flat=True)) == ["Copy A"]


def test_conflict_shows_related_values_by_name(curator_client, second_curator_client):
    record = ready_record()
    subject = factories.subject(label_en="cult of personality")
    other_collection = factories.collection(reference_code="CPSU-20", title_en="Congress")
    first, second = (open_change_form(c, record) for c in (curator_client, second_curator_client))
    curator_client.post(
        change_url(record),
        {**first, "subjects": [str(subject.pk)], "collection": str(other_collection.pk)},
    )

    response = second_curator_client.post(change_url(record), second)

    errors = list(response.context["adminform"].form.non_field_errors())
    assert errors[1:] == [
        f"Collection: yours “{record.collection}”, stored “CPSU-20 Congress”.",
        "Subjects: yours “(empty)”, stored “cult of personality”.",
    ]


def test_form_opened_at_an_offset_postgresql_refuses_is_compared_in_utc(curator_client):
    # PostgreSQL refuses an offset past ±15:59: the time reaches the database in UTC.
    organization = factories.organization(name_en="Central Committee")
    data = open_change_form(curator_client, organization)
    data["opened_at"] = "2020-01-01T00:00:00+23:59"
    data["description_en"] = "Elected by the 20th Congress."

    response = curator_client.post(change_url(organization), data)

    assert response.status_code == 200
    errors = response.context["adminform"].form.non_field_errors()
    assert errors[0].startswith("This organization was changed on ")
    assert not models.Organization.objects.get().description_en


@pytest.mark.parametrize("opened_at", ["0001-01-01T00:00:00+01:00", "9999-12-31T23:59:59-01:00"])
def test_form_opened_at_a_time_out_of_range_saves_as_one_with_no_time(curator_client, opened_at):
    # The offset moves the time out of the years 1 to 9999: no time, as when none is sent.
    organization = factories.organization(name_en="Central Committee")
    data = open_change_form(curator_client, organization)
    data["opened_at"] = opened_at
    data["description_en"] = "Elected by the 20th Congress."

    response = curator_client.post(change_url(organization), data)

    assert response.status_code == 302
    assert models.Organization.objects.get().description_en == "Elected by the 20th Congress."
