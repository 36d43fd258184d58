"""The admin's search ignores case and ё/е in Cyrillic, on SQLite as on PostgreSQL."""

import pytest

from catalogue import models
from tests import factories

from .builders import person_name
from .helpers import changelist_url


def found(client, model, term: str) -> list:
    response = client.get(changelist_url(model), {"q": term})
    return list(response.context["cl"].result_list)


@pytest.mark.parametrize("term", ["Хрущёв", "хрущёв", "ХРУЩЕВ", "хрущев", "Никита хрущев"])
def test_person_search_ignores_case_and_yo(curator_client, term):
    khrushchev = factories.person(name_en="Nikita Khrushchev", name_ru="Никита Хрущёв")
    factories.person(name_en="Vyacheslav Molotov", name_ru="Вячеслав Молотов")

    assert found(curator_client, models.Person, term) == [khrushchev]


def test_person_search_finds_a_name_variant(curator_client):
    khrushchev = factories.person(name_en="Nikita Khrushchev", name_ru="Никита Хрущёв")
    person_name(khrushchev, name="Chruschtschow")
    person_name(khrushchev, name="Khrushchov")

    assert found(curator_client, models.Person, "CHRUSCHTSCHOW") == [khrushchev]


def test_record_search_finds_a_russian_title_in_any_case(curator_client):
    report = factories.record(title_en="On the cult of personality", title_ru="О культе личности")
    factories.record(title_en="Letter to the Congress", title_ru="Письмо к съезду")

    assert found(curator_client, models.Record, "КУЛЬТЕ ЛИЧНОСТИ") == [report]


def test_membership_search_finds_the_person_by_variant_spelling(curator_client):
    khrushchev = factories.person(name_en="Nikita Khrushchev", name_ru="Никита Хрущёв")
    membership = factories.membership(person=khrushchev)
    factories.membership()

    assert found(curator_client, models.Membership, "хрущев") == [membership]


def test_organization_search_ignores_case(curator_client):
    committee = factories.organization(
        name_en="Central Committee", name_ru="Центральный комитет КПСС"
    )
    factories.organization(name_en="Central Auditing Commission")

    assert found(curator_client, models.Organization, "центральный КОМИТЕТ") == [committee]


def test_autocomplete_finds_a_person_in_any_case(curator_client):
    khrushchev = factories.person(name_en="Nikita Khrushchev", name_ru="Никита Хрущёв")
    factories.person(name_en="Vyacheslav Molotov", name_ru="Вячеслав Молотов")
    query = {
        "term": "ХРУЩЕВ",
        "app_label": "catalogue",
        "model_name": "membership",
        "field_name": "person",
    }

    response = curator_client.get("/admin/autocomplete/", query)

    assert response.json()["results"] == [{"id": str(khrushchev.pk), "text": "Nikita Khrushchev"}]
