"""Every public address, in both languages, given what a hostile tester sends: never a 5xx.

Each URL pattern of the catalogue is reversed with a real object of the small catalogue, then
its path value or one query value is replaced by a hostile one (NUL and other control
characters, an invalid UTF-8 escape, a very long value) or the query string is given 1,001
parameters. PostgreSQL refuses NUL in text with an error where SQLite stores it: these tests
are meant to run on both.
"""

import itertools
from urllib.parse import quote

import pytest
from django.urls import get_resolver, reverse
from django.utils import translation

from catalogue.filters import PersonFilterSet, RecordFilterSet

# One real object per pattern of catalogue/urls.py; a new pattern must be added here.
SAMPLES = {
    "home": {},
    "search": {},
    "record_list": {},
    "record_detail": {"reference": "C20-SPEECH"},
    "record_bibtex": {"reference": "C20-SPEECH"},
    "record_ris": {"reference": "C20-SPEECH"},
    "person_list": {},
    "person_detail": {"slug": "khrushchev"},
    "organization_list": {},
    "organization_detail": {"slug": "cpsu"},
    "event_list": {},
    "event_detail": {"slug": "congress-20"},
    "collection_list": {},
    "collection_detail": {"slug": "congress-20"},
    "subject_list": {},
    "subject_detail": {"slug": "cult-of-personality"},
    "record_feed": {},
    "collection_feed": {"slug": "congress-20"},
    "record_export": {"format": "csv"},
}
WITH_PATH_VALUE = [name for name, kwargs in SAMPLES.items() if kwargs]
LANGUAGES = ["en", "ru"]

# Every query parameter a page reads, and one it does not.
COMMON_PARAMETERS = ["q", "page", "unknown"]
PARAMETERS = {
    "record_list": [*RecordFilterSet.base_filters, "page"],
    "person_list": [*PersonFilterSet.base_filters, "page"],
    "record_export": [*RecordFilterSet.base_filters],
}

CONTROL_CHARACTERS = ["\x00", "\x01", "\x08", "\x0b", "\x0c", "\x1b", "\x1f", "\x7f"]
REFUSED_MESSAGE = {
    "en": "holds a control character (such as NUL)",
    "ru": "содержит управляющий символ (например, NUL)",
}
TOO_MANY_MESSAGE = {
    "en": "has too many parameters (more than 1,000)",
    "ru": "слишком много параметров (больше 1\xa0000)",
}
SITE_NAME = {"en": "The 20th Congress archive", "ru": "Архив XX съезда"}


def url(name: str, language: str, **kwargs) -> str:
    with translation.override(language):
        return reverse(f"catalogue:{name}", kwargs=kwargs or SAMPLES[name])


def with_path_value(name: str, language: str, escaped: str) -> str:
    """The address of ``name`` with its one path value replaced by ``escaped`` (already quoted)."""
    placeholder = "PLACEHOLDER"
    kwargs = {key: placeholder for key in SAMPLES[name]}
    return url(name, language, **kwargs).replace(placeholder, escaped)


def test_samples_cover_every_public_url_pattern(catalogue):
    names = {pattern.name for pattern in get_resolver("catalogue.urls").url_patterns}

    assert names == set(SAMPLES)


def assert_served(client, address: str) -> None:
    """The address without the hostile part is a page: what fails, fails for that part alone."""
    response = client.get(address)
    assert response.status_code == 200, address


PATH_VALUES = [
    *(quote(character) for character in [*CONTROL_CHARACTERS, "\t", "\n", "\r"]),
    "C20-SPEECH%00",
    "%00C20-SPEECH",
    "cpsu%00",
    "khrushchev%1B",
    "%FF",
    "C20-SPEECH%FF",
    "%C3%28",
    "x" * 5000,
]


@pytest.mark.parametrize("name", WITH_PATH_VALUE)
def test_public_url_with_hostile_path_value_is_a_404_page(client, catalogue, name):
    for language in LANGUAGES:
        assert_served(client, url(name, language))
    for language, value in itertools.product(LANGUAGES, PATH_VALUES):
        address = with_path_value(name, language, value)

        response = client.get(address)

        assert response.status_code == 404, address
        assert SITE_NAME[language] in response.content.decode(), address


@pytest.mark.parametrize("name", list(SAMPLES))
def test_public_url_refuses_control_characters_in_the_query(client, catalogue, name):
    parameters = PARAMETERS.get(name, COMMON_PARAMETERS)
    for language in LANGUAGES:
        assert_served(client, url(name, language))
    for language, parameter, character in itertools.product(
        LANGUAGES, parameters, CONTROL_CHARACTERS
    ):
        address = url(name, language)
        query = f"{parameter}={quote(character)}"

        response = client.get(f"{address}?{query}")

        body = response.content.decode()
        assert response.status_code == 400, (language, query)
        assert REFUSED_MESSAGE[language] in body, (language, query)
        assert SITE_NAME[language] in body, (language, query)


@pytest.mark.parametrize("name", ["record_list", "person_list", "search"])
def test_public_list_refuses_a_control_character_beside_valid_filters(client, catalogue, name):
    for language in LANGUAGES:
        address = url(name, language) + "?q=khrushchev&page=1"
        assert_served(client, address)

        response = client.get(address + "&q=%00stalin")

        assert response.status_code == 400, language
        assert REFUSED_MESSAGE[language] in response.content.decode(), language


def test_public_url_refuses_a_control_character_in_a_parameter_name(client, catalogue):
    response = client.get("/en/records/?kind%00=speech")

    assert response.status_code == 400
    assert REFUSED_MESSAGE["en"] in response.content.decode()


ODD_VALUES = ["%FF", "%C3%28", "%E2%82", "%09tab", "%0Aline", "x" * 10_000, "%25" * 3000]


@pytest.mark.parametrize("name", list(SAMPLES))
def test_public_url_answers_odd_query_values_without_a_server_error(client, catalogue, name):
    parameters = PARAMETERS.get(name, COMMON_PARAMETERS)
    for language, parameter, value in itertools.product(LANGUAGES, parameters, ODD_VALUES):
        address = url(name, language)
        query = f"{parameter}={value}"

        response = client.get(f"{address}?{query}")

        assert response.status_code in (200, 400), (language, query[:80])
        if response.status_code == 400:
            assert SITE_NAME[language] in response.content.decode(), (language, query[:80])


@pytest.mark.parametrize("name", list(SAMPLES))
def test_public_url_with_1001_parameters_is_the_catalogues_400_page(client, catalogue, name):
    query = "&".join(f"p{number}=1" for number in range(1001))
    for language in LANGUAGES:
        address = url(name, language)
        assert_served(client, address)

        response = client.get(f"{address}?{query}")

        body = response.content.decode()
        assert response.status_code == 400, language
        assert TOO_MANY_MESSAGE[language] in body, language
        assert SITE_NAME[language] in body, language


def test_public_url_with_1000_parameters_is_served(client, catalogue):
    query = "&".join(f"p{number}=1" for number in range(999))

    response = client.get(f"/en/records/?kind=speech&{query}")

    assert response.status_code == 200
    assert "On the Cult of Personality and Its Consequences" in response.content.decode()


@pytest.mark.parametrize("path", ["/", "/i18n/setlang/"])
def test_site_addresses_outside_the_languages_refuse_control_characters(client, catalogue, path):
    response = client.get(f"{path}?next=%00")

    assert response.status_code == 400
    assert REFUSED_MESSAGE["en"] in response.content.decode()


def test_language_switch_refuses_a_control_character_in_a_form(client, catalogue):
    refused = client.post("/i18n/setlang/", {"language": "ru", "next": "/ru/records/\x00"})
    served = client.post("/i18n/setlang/", {"language": "ru", "next": "/ru/records/"})

    assert served.status_code == 302
    assert refused.status_code == 400
    assert REFUSED_MESSAGE["en"] in refused.content.decode()
